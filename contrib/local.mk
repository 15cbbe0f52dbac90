# contrib: the systemd unit, the sysusers.d file creating the operators' group, a sample
# startup-config, an sshd_config fragment that makes cwmpsh the SSH command of the operators, and
# example hooks.

# Installation paths are written into the unit and the sshd fragment when they are built, so
# that `make prefix=...` and `./configure --prefix=...` both hold.
contrib_edit = $(SED) -e 's|@bindir[@]|$(bindir)|g' -e 's|@sbindir[@]|$(sbindir)|g'

contrib/cwmpd.service: $(srcdir)/contrib/cwmpd.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) contrib && \
	$(contrib_edit) $(srcdir)/contrib/cwmpd.service.in > $@.tmp && mv $@.tmp $@

contrib/sshd_config.cwmpsh: $(srcdir)/contrib/sshd_config.cwmpsh.in Makefile
	$(AM_V_GEN)$(MKDIR_P) contrib && \
	$(contrib_edit) $(srcdir)/contrib/sshd_config.cwmpsh.in > $@.tmp && mv $@.tmp $@

# systemd-sysusers reads only *.conf files: the file is installed under the package's name.
contrib/sysusers.d/cwmpd.conf: $(srcdir)/contrib/cwmpd.sysusers
	$(AM_V_GEN)$(MKDIR_P) contrib/sysusers.d && cp $(srcdir)/contrib/cwmpd.sysusers $@

systemdsystemunit_DATA = contrib/cwmpd.service

sysusersdir = $(prefix)/lib/sysusers.d
sysusers_DATA = contrib/sysusers.d/cwmpd.conf

contribexamplesdir = $(docdir)/examples
contribexamples_DATA = contrib/sshd_config.cwmpsh
dist_contribexamples_DATA = contrib/startup-config.sample contrib/cwmpd-dnsmasq-lease \
	contrib/cwmpd-dhclient-hook contrib/cwmpd-udhcpc-hook

# Example hooks (cwmpd(8), HOOKS): copied into the hooks directory by whoever wants them.
contribhooksdir = $(docdir)/examples/hooks
dist_contribhooks_SCRIPTS = contrib/hooks/nat-apply

CLEANFILES += contrib/cwmpd.service contrib/sshd_config.cwmpsh contrib/sysusers.d/cwmpd.conf
EXTRA_DIST += contrib/cwmpd.service.in contrib/sshd_config.cwmpsh.in contrib/cwmpd.sysusers
