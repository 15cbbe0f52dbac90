# Man pages. cwmpsh(1), cwmpd.conf(5) and cwmpd(8) are written by hand. cwmpd-commands(7) is
# printed by grammar/cmddoc from the grammar compiled into it, at build time, so that the
# reference cannot drift from the parser; it is built, installed and cleaned, not distributed.
dist_man_MANS += man/cwmpsh.1 man/cwmpd.conf.5 man/cwmpd.8
man_MANS += man/cwmpd-commands.7
CLEANFILES += man/cwmpd-commands.7

man/cwmpd-commands.7: grammar/cmddoc$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) man && grammar/cmddoc$(EXEEXT) > $@.tmp && mv $@.tmp $@

# The pages render without groff warnings, and the reference holds every command of grammar/*.cmd.
TESTS += man/check_pages.sh man/check_readme.sh
EXTRA_DIST += man/check_pages.sh man/check_readme.sh
