# cwmpsh: the shell. It links no grammar: only the control-socket protocol.
bin_PROGRAMS += cli/cwmpsh
cli_cwmpsh_CPPFLAGS = $(BASE_CPPFLAGS) -I$(top_srcdir)/cli
cli_cwmpsh_SOURCES = cli/cwmpsh.c cli/client.c cli/client.h cli/pager.h
# --disable-pager: output goes straight to the terminal, as after `terminal length 0`.
if PAGER
cli_cwmpsh_SOURCES += cli/pager.c
else
cli_cwmpsh_SOURCES += cli/pager_none.c
endif
cli_cwmpsh_CFLAGS = $(AM_CFLAGS) $(LIBEDIT_CFLAGS)
cli_cwmpsh_LDADD = common/libcommon.a $(LIBEDIT_LIBS)
