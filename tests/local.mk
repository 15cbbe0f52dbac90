# Tests: Check unit suites per module, and integration tests that drive the real programs.

UNIT_TESTS = \
	tests/unit/check_common \
	tests/unit/check_grammar \
	tests/unit/check_agent \
	tests/unit/check_dm \
	tests/unit/check_portmap \
	tests/unit/check_ctl \
	tests/unit/check_cwmp \
	tests/unit/check_cr \
	tests/unit/check_httpclient \
	tests/unit/check_cookie \
	tests/unit/check_vendor \
	tests/unit/check_transfer \
	tests/unit/check_log \
	tests/unit/check_files \
	tests/unit/check_tr111 \
	tests/unit/check_wan_dhcp \
	tests/unit/check_stun \
	tests/unit/check_txn \
	tests/unit/check_archive \
	tests/unit/check_spawn \
	tests/unit/check_diag \
	tests/unit/check_diag_http
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

UNIT_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_common_SOURCES = tests/unit/check_common.c tests/unit/unit.h
tests_unit_check_common_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_common_LDADD = common/libcommon.a $(CHECK_LIBS)
tests_unit_check_grammar_SOURCES = tests/unit/check_grammar.c tests/unit/unit_agent.c tests/unit/unit.h
tests_unit_check_grammar_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_grammar_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_agent_SOURCES = tests/unit/check_agent.c tests/unit/unit_agent.c tests/unit/unit.h
tests_unit_check_agent_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_agent_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_dm_SOURCES = tests/unit/check_dm.c tests/unit/unit_agent.c tests/unit/unit.h
tests_unit_check_dm_CFLAGS = $(UNIT_CFLAGS) $(LIBXML2_CFLAGS)
tests_unit_check_dm_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_portmap_SOURCES = tests/unit/check_portmap.c tests/unit/unit_agent.c \
	tests/unit/unit.h tests/unit/unit_rpc.c tests/unit/unit_rpc.h
tests_unit_check_portmap_CFLAGS = $(UNIT_CFLAGS) $(LIBXML2_CFLAGS)
tests_unit_check_portmap_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_ctl_SOURCES = tests/unit/check_ctl.c tests/unit/unit_agent.c tests/unit/unit.h
tests_unit_check_ctl_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_ctl_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_cwmp_SOURCES = tests/unit/check_cwmp.c tests/unit/unit_agent.c tests/unit/unit.h
tests_unit_check_cwmp_CFLAGS = $(UNIT_CFLAGS) $(LIBXML2_CFLAGS)
tests_unit_check_cwmp_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_cr_SOURCES = tests/unit/check_cr.c tests/unit/unit.h
tests_unit_check_cr_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_cr_LDADD = agent/libagent.a common/libcommon.a $(CHECK_LIBS)
tests_unit_check_httpclient_SOURCES = tests/unit/check_httpclient.c tests/unit/unit.h
tests_unit_check_httpclient_CFLAGS = $(UNIT_CFLAGS) $(LIBCURL_CFLAGS)
tests_unit_check_httpclient_LDADD = httpclient/libhttpclient.a common/libcommon.a \
	$(LIBCURL_LIBS) $(OPENSSL_LIBS) $(CHECK_LIBS)
tests_unit_check_cookie_SOURCES = tests/unit/check_cookie.c tests/unit/unit.h
tests_unit_check_cookie_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_cookie_LDADD = httpclient/libhttpclient.a common/libcommon.a $(CHECK_LIBS)
tests_unit_check_txn_SOURCES = tests/unit/check_txn.c tests/unit/unit_agent.c tests/unit/unit.h \
	tests/unit/unit_rpc.c tests/unit/unit_rpc.h
tests_unit_check_txn_CFLAGS = $(UNIT_CFLAGS) $(LIBXML2_CFLAGS)
tests_unit_check_txn_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_archive_SOURCES = tests/unit/check_archive.c tests/unit/unit_agent.c \
	tests/unit/unit.h
tests_unit_check_archive_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_archive_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_vendor_SOURCES = tests/unit/check_vendor.c tests/unit/unit_agent.c tests/unit/unit.h \
	tests/unit/unit_rpc.c tests/unit/unit_rpc.h
tests_unit_check_vendor_CFLAGS = $(UNIT_CFLAGS) $(LIBXML2_CFLAGS)
tests_unit_check_vendor_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_transfer_SOURCES = tests/unit/check_transfer.c tests/unit/unit_agent.c \
	tests/unit/unit.h tests/unit/unit_rpc.c tests/unit/unit_rpc.h
tests_unit_check_transfer_CFLAGS = $(UNIT_CFLAGS) $(LIBXML2_CFLAGS)
tests_unit_check_transfer_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_log_SOURCES = tests/unit/check_log.c tests/unit/unit_agent.c tests/unit/unit.h
tests_unit_check_log_CFLAGS = $(UNIT_CFLAGS) $(LIBXML2_CFLAGS)
tests_unit_check_log_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_files_SOURCES = tests/unit/check_files.c tests/unit/unit_agent.c tests/unit/unit.h
tests_unit_check_files_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_files_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_tr111_SOURCES = tests/unit/check_tr111.c tests/unit/unit_agent.c tests/unit/unit.h \
	tests/unit/unit_buf.h
tests_unit_check_tr111_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_tr111_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_wan_dhcp_SOURCES = tests/unit/check_wan_dhcp.c tests/unit/unit_agent.c tests/unit/unit.h \
	tests/unit/unit_buf.h
tests_unit_check_wan_dhcp_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_wan_dhcp_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)
tests_unit_check_stun_SOURCES = tests/unit/check_stun.c tests/unit/unit_agent.c tests/unit/unit.h
tests_unit_check_stun_CFLAGS = $(UNIT_CFLAGS) $(OPENSSL_CFLAGS)
tests_unit_check_stun_LDADD = $(AGENT_LIBS) $(CHECK_LIBS)

tests_unit_check_spawn_SOURCES = tests/unit/check_spawn.c tests/unit/unit.h
tests_unit_check_spawn_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_spawn_LDADD = agent/libagent.a common/libcommon.a $(CHECK_LIBS)

tests_unit_check_diag_SOURCES = tests/unit/check_diag.c tests/unit/unit.h
tests_unit_check_diag_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_diag_LDADD = agent/libagent.a common/libcommon.a $(CHECK_LIBS)
tests_unit_check_diag_http_SOURCES = tests/unit/check_diag_http.c tests/unit/unit.h
tests_unit_check_diag_http_CFLAGS = $(UNIT_CFLAGS) -pthread
tests_unit_check_diag_http_LDADD = agent/libagent.a common/libcommon.a $(LIBCURL_LIBS) \
	$(OPENSSL_LIBS) $(CHECK_LIBS)
tests_unit_check_diag_http_LDFLAGS = -pthread

# Integration tests: shell scripts using tests/integration/lib.sh.
INTEGRATION_TESTS = \
	tests/integration/cli_copy.sh \
	tests/integration/cli_autoinstall_retry.sh \
	tests/integration/cli_copy_tftp.sh \
	tests/integration/cli_default.sh \
	tests/integration/cli_erase.sh \
	tests/integration/cli_archive.sh \
	tests/integration/cli_dhcp_binding.sh \
	tests/integration/cli_dhcp_manual.sh \
	tests/integration/cli_dhcp_class.sh \
	tests/integration/cli_clock_summer_time.sh \
	tests/integration/cli_examples.sh \
	tests/integration/cli_errors.sh \
	tests/integration/cli_help_piped.sh \
	tests/integration/cli_flash.sh \
	tests/integration/cli_http_status.sh \
	tests/integration/cli_logging.sh \
	tests/integration/cli_nat_translations.sh \
	tests/integration/cli_privilege.sh \
	tests/integration/cli_username.sh \
	tests/integration/cli_reload.sh \
	tests/integration/cli_reload_wait.sh \
	tests/integration/cli_running_all.sh \
	tests/integration/cli_sessions.sh \
	tests/integration/cli_verify.sh \
	tests/integration/cli_version.sh \
	tests/integration/diag_ping.sh \
	tests/integration/diag_ping_order.sh \
	tests/integration/idle_memory.sh \
	tests/integration/man_conf_example.sh \
	tests/integration/nat_apply_hook.sh \
	tests/integration/nat_apply_nft.sh \
	tests/integration/persistence.sh \
	tests/integration/socket_access.sh \
	tests/integration/suite_driver.sh
TESTS += $(INTEGRATION_TESTS)

# The architecture: the includes read against the rooms' statements (agent/README.md).
ARCH_TESTS = tests/arch/rooms.sh tests/arch/rooms_fail.sh
TESTS += $(ARCH_TESTS)
EXTRA_DIST += $(ARCH_TESTS) agent/README.md
EXTRA_DIST += $(INTEGRATION_TESTS) tests/integration/lib.sh tests/integration/tftp_lib.sh

TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = bash
# Our driver reports each part a test could not run as a SKIP of its own (tests/driver).
LOG_DRIVER = $(SHELL) $(top_srcdir)/tests/driver
SH_LOG_DRIVER = $(SHELL) $(top_srcdir)/tests/driver
EXTRA_DIST += tests/driver
# SHARED_DIR: the folder beside the project (../shared: the Broadband Forum schemas), unless the
# environment names another (`SHARED_DIR=/nowhere make check` runs the suite as without it).
AM_TESTS_ENVIRONMENT = \
	export CWMPD='$(abs_top_builddir)/agent/cwmpd' \
	       CWMPSH='$(abs_top_builddir)/cli/cwmpsh' \
	       PTYRUN='$(abs_top_builddir)/tests/ptyrun' \
	       TESTS_SRCDIR='$(abs_top_srcdir)/tests' \
	       SHARED_DIR="$${SHARED_DIR-$(abs_top_srcdir)/../shared}" \
	       CK_DEFAULT_TIMEOUT=60;
# Programs built with the sanitizers start slower: the few tests that time an answer allow more.
if SANITIZERS
AM_TESTS_ENVIRONMENT += export CWMPD_SANITIZED=1;
endif

include tests/pty.mk
include tests/ssh.mk
include tests/acs.mk
include tests/cwmp.mk
