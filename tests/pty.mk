# Terminal tests: cwmpsh under a pseudo-terminal driven by tests/ptyrun.
