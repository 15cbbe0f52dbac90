# CWMP sessions with the test ACS.
CWMP_TESTS = \
	tests/integration/cwmp_session.sh
TESTS += $(CWMP_TESTS)
EXTRA_DIST += $(CWMP_TESTS) tests/integration/cwmp_lib.sh
