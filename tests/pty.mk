# Terminal tests: cwmpsh under a pseudo-terminal driven by tests/ptyrun.
check_PROGRAMS += tests/ptyrun
tests_ptyrun_SOURCES = tests/ptyrun.c
tests_ptyrun_LDADD = common/libcommon.a

PTY_TESTS = \
	tests/integration/pty_caret.sh \
	tests/integration/pty_caret_extra_word.sh \
	tests/integration/pty_complete.sh \
	tests/integration/pty_copy.sh \
	tests/integration/pty_copy_tftp.sh \
	tests/integration/pty_ctrlc.sh \
	tests/integration/pty_ctrld.sh \
	tests/integration/pty_ctrlz.sh \
	tests/integration/pty_enable.sh \
	tests/integration/pty_enable_ios.sh \
	tests/integration/pty_erase.sh \
	tests/integration/pty_exit.sh \
	tests/integration/pty_two_shells.sh \
	tests/integration/pty_files.sh \
	tests/integration/pty_help.sh \
	tests/integration/pty_help_cr.sh \
	tests/integration/pty_monitor.sh \
	tests/integration/pty_pager.sh \
	tests/integration/pty_ping.sh \
	tests/integration/pty_ping_order.sh \
	tests/integration/pty_ptyrun.sh \
	tests/integration/pty_reload.sh \
	tests/integration/pty_replace.sh \
	tests/integration/pty_username.sh \
	tests/integration/pty_stuck.sh \
	tests/integration/pty_transcript.sh
TESTS += $(PTY_TESTS)
EXTRA_DIST += $(PTY_TESTS) tests/integration/pty_lib.sh
