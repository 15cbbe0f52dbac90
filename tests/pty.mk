# Terminal tests: cwmpsh under a pseudo-terminal driven by tests/ptyrun.
check_PROGRAMS += tests/ptyrun
tests_ptyrun_SOURCES = tests/ptyrun.c
tests_ptyrun_LDADD = common/libcommon.a

PTY_TESTS = \
	tests/integration/pty_ptyrun.sh
TESTS += $(PTY_TESTS)
EXTRA_DIST += $(PTY_TESTS) tests/integration/pty_lib.sh
