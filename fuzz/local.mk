# fuzz: a libFuzzer target per parser (fuzz/README.md).
#
#   make check       replays every corpus file through each target (fuzz/replay.c, any compiler)
#   make fuzz        builds the libFuzzer binaries with clang into fuzz/libfuzzer/
#   make fuzz-run    runs each of them on its corpus for FUZZ_SECONDS seconds; fails on a crash

FUZZ_TARGETS = cli_lines ctl_frames config_load grammar_defs passwords url ctl_codec soap_rpc \
	cwmp_state http_challenge device_info cookie set_configuration dhcp_opt125 dhcp_leases \
	portmap_records stun dhcp_acs wan_dhcp

# Regression without clang: each target linked with the replay driver is a check program (spelt
# out: Automake must see every program's name).
FUZZ_REPLAYS = fuzz/fuzz_cli_lines fuzz/fuzz_ctl_frames fuzz/fuzz_config_load \
	fuzz/fuzz_grammar_defs fuzz/fuzz_passwords fuzz/fuzz_url fuzz/fuzz_ctl_codec \
	fuzz/fuzz_soap_rpc fuzz/fuzz_cwmp_state fuzz/fuzz_http_challenge fuzz/fuzz_device_info \
	fuzz/fuzz_cookie fuzz/fuzz_set_configuration fuzz/fuzz_dhcp_opt125 fuzz/fuzz_dhcp_leases \
	fuzz/fuzz_portmap_records fuzz/fuzz_stun fuzz/fuzz_dhcp_acs fuzz/fuzz_wan_dhcp
check_PROGRAMS += $(FUZZ_REPLAYS)
TESTS += $(FUZZ_REPLAYS)

FUZZ_REPLAY_SRCS = fuzz/replay.c fuzz/harness.c fuzz/harness.h
FUZZ_AGENT_SRCS = $(FUZZ_REPLAY_SRCS) fuzz/harness_agent.c
FUZZ_REPLAY_CFLAGS = $(AM_CFLAGS) $(OPENSSL_CFLAGS) $(LIBCURL_CFLAGS)

fuzz_fuzz_cli_lines_SOURCES = fuzz/fuzz_cli_lines.c $(FUZZ_AGENT_SRCS)
fuzz_fuzz_cli_lines_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"cli_lines\"
fuzz_fuzz_cli_lines_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_cli_lines_LDADD = $(AGENT_LIBS)

fuzz_fuzz_ctl_frames_SOURCES = fuzz/fuzz_ctl_frames.c $(FUZZ_AGENT_SRCS)
fuzz_fuzz_ctl_frames_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"ctl_frames\"
fuzz_fuzz_ctl_frames_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_ctl_frames_LDADD = $(AGENT_LIBS)

fuzz_fuzz_config_load_SOURCES = fuzz/fuzz_config_load.c $(FUZZ_AGENT_SRCS)
fuzz_fuzz_config_load_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"config_load\"
fuzz_fuzz_config_load_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_config_load_LDADD = $(AGENT_LIBS)

fuzz_fuzz_grammar_defs_SOURCES = fuzz/fuzz_grammar_defs.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_grammar_defs_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"grammar_defs\"
fuzz_fuzz_grammar_defs_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_grammar_defs_LDADD = grammar/libgrammar.a common/libcommon.a

fuzz_fuzz_passwords_SOURCES = fuzz/fuzz_passwords.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_passwords_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"passwords\"
fuzz_fuzz_passwords_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_passwords_LDADD = $(AGENT_LIBS)

fuzz_fuzz_url_SOURCES = fuzz/fuzz_url.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_url_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"url\"
fuzz_fuzz_url_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_url_LDADD = httpclient/libhttpclient.a common/libcommon.a $(LIBCURL_LIBS)

fuzz_fuzz_ctl_codec_SOURCES = fuzz/fuzz_ctl_codec.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_ctl_codec_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"ctl_codec\"
fuzz_fuzz_ctl_codec_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_ctl_codec_LDADD = common/libcommon.a

fuzz_fuzz_soap_rpc_SOURCES = fuzz/fuzz_soap_rpc.c $(FUZZ_AGENT_SRCS)
fuzz_fuzz_soap_rpc_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"soap_rpc\"
fuzz_fuzz_soap_rpc_CFLAGS = $(FUZZ_REPLAY_CFLAGS) $(LIBXML2_CFLAGS)
fuzz_fuzz_soap_rpc_LDADD = $(AGENT_LIBS)

fuzz_fuzz_set_configuration_SOURCES = fuzz/fuzz_set_configuration.c $(FUZZ_AGENT_SRCS)
fuzz_fuzz_set_configuration_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"set_configuration\"
fuzz_fuzz_set_configuration_CFLAGS = $(FUZZ_REPLAY_CFLAGS) $(LIBXML2_CFLAGS)
fuzz_fuzz_set_configuration_LDADD = $(AGENT_LIBS)

fuzz_fuzz_cwmp_state_SOURCES = fuzz/fuzz_cwmp_state.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_cwmp_state_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"cwmp_state\"
fuzz_fuzz_cwmp_state_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_cwmp_state_LDADD = $(AGENT_LIBS)

fuzz_fuzz_portmap_records_SOURCES = fuzz/fuzz_portmap_records.c $(FUZZ_AGENT_SRCS)
fuzz_fuzz_portmap_records_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"portmap_records\"
fuzz_fuzz_portmap_records_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_portmap_records_LDADD = $(AGENT_LIBS)

fuzz_fuzz_http_challenge_SOURCES = fuzz/fuzz_http_challenge.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_http_challenge_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"http_challenge\"
fuzz_fuzz_http_challenge_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_http_challenge_LDADD = httpclient/libhttpclient.a common/libcommon.a $(OPENSSL_LIBS)

fuzz_fuzz_cookie_SOURCES = fuzz/fuzz_cookie.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_cookie_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"cookie\"
fuzz_fuzz_cookie_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_cookie_LDADD = httpclient/libhttpclient.a common/libcommon.a

fuzz_fuzz_device_info_SOURCES = fuzz/fuzz_device_info.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_device_info_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"device_info\"
fuzz_fuzz_device_info_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_device_info_LDADD = $(AGENT_LIBS)

fuzz_fuzz_dhcp_opt125_SOURCES = fuzz/fuzz_dhcp_opt125.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_dhcp_opt125_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"dhcp_opt125\"
fuzz_fuzz_dhcp_opt125_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_dhcp_opt125_LDADD = $(AGENT_LIBS)

fuzz_fuzz_dhcp_acs_SOURCES = fuzz/fuzz_dhcp_acs.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_dhcp_acs_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"dhcp_acs\"
fuzz_fuzz_dhcp_acs_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_dhcp_acs_LDADD = $(AGENT_LIBS)

fuzz_fuzz_wan_dhcp_SOURCES = fuzz/fuzz_wan_dhcp.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_wan_dhcp_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"wan_dhcp\"
fuzz_fuzz_wan_dhcp_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_wan_dhcp_LDADD = $(AGENT_LIBS)

fuzz_fuzz_dhcp_leases_SOURCES = fuzz/fuzz_dhcp_leases.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_dhcp_leases_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"dhcp_leases\"
fuzz_fuzz_dhcp_leases_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_dhcp_leases_LDADD = $(AGENT_LIBS)

fuzz_fuzz_stun_SOURCES = fuzz/fuzz_stun.c $(FUZZ_REPLAY_SRCS)
fuzz_fuzz_stun_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_TARGET_NAME=\"stun\"
fuzz_fuzz_stun_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_fuzz_stun_LDADD = $(AGENT_LIBS)

EXTRA_DIST += fuzz/README.md fuzz/libfuzzer.mk fuzz/cmd.dict fuzz/url.dict fuzz/soap_rpc.dict \
	fuzz/cwmp_state.dict fuzz/http_challenge.dict fuzz/device_info.dict fuzz/cookie.dict \
	fuzz/set_configuration.dict fuzz/dhcp_opt125.dict fuzz/dhcp_leases.dict fuzz/portmap_records.dict fuzz/dhcp_acs.dict fuzz/wan_dhcp.dict fuzz/corpus

# libFuzzer: everything it builds and writes goes under FUZZ_OUT, in the build directory (the
# corpora of the source tree are only read: new inputs go to FUZZ_OUT/corpus/TARGET).
FUZZ_OUT = fuzz/libfuzzer
FUZZ_SECONDS = 20
# Seconds one input may take before libFuzzer calls it a hang.
FUZZ_TIMEOUT = 25
# Which targets fuzz-run runs, and extra libFuzzer options (-jobs=2, -only_ascii=1...).
FUZZ_RUN_TARGETS = $(FUZZ_TARGETS)
FUZZ_RUN_FLAGS =
# Extra clang flags for make fuzz, e.g. -fno-sanitize=nonnull-attribute to fuzz on past a known
# finding (use another FUZZ_OUT: objects are not rebuilt when only flags change).
FUZZ_EXTRA_CFLAGS =

# The libraries' sources are taken from their own local.mk, so a new source file is fuzzed too.
FUZZ_LIB_SRCS = $(common_libcommon_a_SOURCES) $(grammar_libgrammar_a_SOURCES) \
	$(httpclient_libhttpclient_a_SOURCES) $(agent_libagent_a_SOURCES) \
	fuzz/harness.c fuzz/harness_agent.c

.PHONY: fuzz fuzz-run clean-fuzz
clean-local: clean-fuzz
clean-fuzz:
	-rm -rf $(FUZZ_OUT)

if HAVE_CLANG
fuzz: grammar/grammar_defs.c config.h
	@$(MAKE) -f $(srcdir)/fuzz/libfuzzer.mk all \
	    srcdir='$(srcdir)' OUT='$(FUZZ_OUT)' CLANG='$(CLANG)' AR='$(AR)' V='$(V)' \
	    TARGETS='$(FUZZ_TARGETS)' SOURCES='$(FUZZ_LIB_SRCS)' \
	    GENERATED='$(nodist_grammar_libgrammar_a_SOURCES)' \
	    CMD_FILES='$(GRAMMAR_CMD_FILES:%=$(srcdir)/%)' \
	    FUZZ_CPPFLAGS='$(DEFS) $(DEFAULT_INCLUDES) $(INCLUDES) $(AM_CPPFLAGS) $(CPPFLAGS)' \
	    FUZZ_CFLAGS='-std=c11 -D_GNU_SOURCE $(WARN_CFLAGS) $(OPENSSL_CFLAGS) $(LIBCURL_CFLAGS) $(LIBXML2_CFLAGS) $(LIBMICROHTTPD_CFLAGS)' \
	    EXTRA_CFLAGS='$(FUZZ_EXTRA_CFLAGS)' \
	    FUZZ_LIBS='$(OPENSSL_LIBS) $(LIBCURL_LIBS) $(LIBXML2_LIBS) $(LIBMICROHTTPD_LIBS) $(LIBS)'

# Each target runs on its seeds with a -max_len fit for what it parses (a command line is at most
# 4096 bytes, a password a few hundred, an ACS request several kilobytes). Every target runs even when one fails; the recipe fails
# if any crashed, leaked, hung or broke a property, naming the log and the saved input.
fuzz-run: fuzz
	@failed=; \
	for t in $(FUZZ_RUN_TARGETS); do \
	  case $$t in \
	    cli_lines) len=4096 ;; \
	    ctl_frames|config_load|grammar_defs) len=8192 ;; \
	    passwords) len=640 ;; \
	    soap_rpc|set_configuration) len=16384 ;; \
	    cwmp_state|device_info|dhcp_leases|portmap_records) len=4096 ;; \
	    dhcp_opt125|dhcp_acs|wan_dhcp) len=1500 ;; \
	    stun) len=2048 ;; \
	    cookie) len=8192 ;; \
	    *) len=2048 ;; \
	  esac; \
	  case $$t in \
	    cli_lines|config_load|ctl_frames) dict=-dict=$(FUZZ_OUT)/cli.dict ;; \
	    grammar_defs) dict=-dict=$(srcdir)/fuzz/cmd.dict ;; \
	    set_configuration) \
	      cat $(FUZZ_OUT)/cli.dict $(srcdir)/fuzz/$$t.dict > $(FUZZ_OUT)/$$t.dict || exit 1; \
	      dict=-dict=$(FUZZ_OUT)/$$t.dict ;; \
	    url|soap_rpc|cwmp_state|http_challenge|device_info|cookie|dhcp_opt125|dhcp_leases|portmap_records|dhcp_acs|wan_dhcp) \
	      dict=-dict=$(srcdir)/fuzz/$$t.dict ;; \
	    *) dict= ;; \
	  esac; \
	  mkdir -p $(FUZZ_OUT)/corpus/$$t $(FUZZ_OUT)/crashes || exit 1; \
	  echo "fuzz-run: $$t for $(FUZZ_SECONDS) s (log: $(FUZZ_OUT)/$$t.log)"; \
	  if $(FUZZ_OUT)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=$$len \
	       -timeout=$(FUZZ_TIMEOUT) -print_final_stats=1 $$dict \
	       -artifact_prefix=$(FUZZ_OUT)/crashes/$$t- $(FUZZ_RUN_FLAGS) \
	       $(FUZZ_OUT)/corpus/$$t $(srcdir)/fuzz/corpus/$$t > $(FUZZ_OUT)/$$t.log 2>&1; then \
	    grep -E '^(Done|stat::new_units_added)' $(FUZZ_OUT)/$$t.log | sed 's/^/  /'; \
	  else \
	    awk '/fuzz property violated|ERROR: |runtime error|deadly signal|ALARM|out-of-memory/ \
	           { on = 1 } on && !/Test unit written|^Base64/ && n++ < 40' \
	        $(FUZZ_OUT)/$$t.log | sed 's/^/  /'; \
	    grep -E 'Test unit written|^Base64' $(FUZZ_OUT)/$$t.log | sed 's/^/  /'; \
	    failed="$$failed $$t"; \
	  fi; \
	done; \
	if test -n "$$failed"; then \
	  echo "fuzz-run: FAILED:$$failed (inputs saved in $(FUZZ_OUT)/crashes/)"; exit 1; \
	fi
else
fuzz fuzz-run:
	@echo "$@: the fuzz targets need clang with libFuzzer, which configure did not find." >&2; \
	echo "$@: install clang (Debian: apt-get install clang), then run configure again." >&2; \
	echo "$@: without clang, make check still replays every corpus of fuzz/corpus/." >&2; \
	exit 1
endif
