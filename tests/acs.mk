# The test ACS (tests/acs/README.md): a test tool that plays an ACS from a script and records
# what the CPE sent. Built by `make` too (noinst), since ./scripts/demo runs it.
noinst_PROGRAMS += tests/acs/testacs
tests_acs_testacs_SOURCES = \
	tests/acs/main.c tests/acs/acs.h \
	tests/acs/auth.c tests/acs/auth.h \
	tests/acs/check.c tests/acs/check.h \
	tests/acs/connreq.c tests/acs/connreq.h \
	tests/acs/files.c tests/acs/files.h \
	tests/acs/pacer.c tests/acs/pacer.h \
	tests/acs/record.c tests/acs/record.h \
	tests/acs/rpc.c \
	tests/acs/script.c tests/acs/script.h \
	tests/acs/server.c tests/acs/server.h \
	tests/acs/session.c \
	tests/acs/soap_in.c tests/acs/soap_in.h \
	tests/acs/soap_out.c tests/acs/soap_out.h \
	tests/acs/tree.c tests/acs/tree.h \
	tests/acs/upload.c tests/acs/upload.h \
	tests/acs/validate.c tests/acs/validate.h
tests_acs_testacs_CFLAGS = $(AM_CFLAGS) $(LIBMICROHTTPD_CFLAGS) $(LIBXML2_CFLAGS) $(OPENSSL_CFLAGS) \
	$(LIBCURL_CFLAGS)
tests_acs_testacs_LDADD = common/libcommon.a $(LIBMICROHTTPD_LIBS) $(LIBXML2_LIBS) \
	$(OPENSSL_LIBS) $(LIBCURL_LIBS) -lpthread

ACS_TESTS = tests/integration/acs_selftest.sh
TESTS += $(ACS_TESTS)
EXTRA_DIST += $(ACS_TESTS) tests/acs/README.md tests/acs/lib.sh
AM_TESTS_ENVIRONMENT += export TESTACS='$(abs_top_builddir)/tests/acs/testacs';
