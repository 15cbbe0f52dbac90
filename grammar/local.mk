# The command grammar and its engine (libgrammar.a), and the command reference generator.
GRAMMAR_CMD_FILES = \
	grammar/archive.cmd \
	grammar/cwmp.cmd \
	grammar/cwmp_lease.cmd \
	grammar/autoinstall.cmd \
	grammar/cwmp_show.cmd \
	grammar/dhcp.cmd \
	grammar/dhcp_options.cmd \
	grammar/diag.cmd \
	grammar/dns.cmd \
	grammar/ethernet.cmd \
	grammar/exec.cmd \
	grammar/file.cmd \
	grammar/http.cmd \
	grammar/http_client.cmd \
	grammar/interface.cmd \
	grammar/logging.cmd \
	grammar/modes.cmd \
	grammar/nat.cmd \
	grammar/ntp.cmd \
	grammar/route.cmd \
	grammar/system.cmd \
	grammar/verify.cmd

noinst_LIBRARIES += grammar/libgrammar.a
grammar_libgrammar_a_CPPFLAGS = $(BASE_CPPFLAGS) -I$(top_srcdir)/grammar
grammar_libgrammar_a_SOURCES = \
	grammar/builtin.c \
	grammar/defs.c \
	grammar/doc.c \
	grammar/exec.c \
	grammar/grammar.h grammar/grammar_int.h \
	grammar/graph.c \
	grammar/help.c \
	grammar/matcher.c \
	grammar/pipe.c \
	grammar/session.c \
	grammar/syntax.c \
	grammar/tokens.c
nodist_grammar_libgrammar_a_SOURCES = grammar/grammar_defs.c grammar/grammar_defaults.h
BUILT_SOURCES += grammar/grammar_defs.c grammar/grammar_defaults.h
CLEANFILES += grammar/grammar_defs.c grammar/grammar_defaults.h
EXTRA_DIST += $(GRAMMAR_CMD_FILES) grammar/embed.sh grammar/defaults.sh grammar/README.md

grammar/grammar_defs.c: $(GRAMMAR_CMD_FILES) grammar/embed.sh
	$(AM_V_GEN)$(MKDIR_P) grammar && \
	$(SHELL) $(srcdir)/grammar/embed.sh $(GRAMMAR_CMD_FILES:%=$(srcdir)/%) > $@.tmp && mv $@.tmp $@

# The defaults the .cmd files document, as the constants of cwmpd's code (#include
# "grammar/grammar_defaults.h"): one place for both.
grammar/grammar_defaults.h: $(GRAMMAR_CMD_FILES) grammar/defaults.sh
	$(AM_V_GEN)$(MKDIR_P) grammar && \
	$(SHELL) $(srcdir)/grammar/defaults.sh $(GRAMMAR_CMD_FILES:%=$(srcdir)/%) > $@.tmp && mv $@.tmp $@

# cmddoc prints the command reference page from the grammar (man/cwmpd-commands.7).
noinst_PROGRAMS += grammar/cmddoc
grammar_cmddoc_SOURCES = grammar/cmddoc.c
grammar_cmddoc_LDADD = grammar/libgrammar.a common/libcommon.a
