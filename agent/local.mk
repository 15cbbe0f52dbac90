# cwmpd: the agent library (libagent.a) and its thin main.
noinst_LIBRARIES += agent/libagent.a
agent_libagent_a_SOURCES = \
	agent/agent.c agent/agent.h \
	agent/shell/cmd_archive.c \
	agent/shell/cmd_config_file.c \
	agent/shell/cmd_cwmp.c \
	agent/shell/cmd_copy.c \
	agent/shell/cmd_cwmp_show.c \
	agent/shell/cmd_diag.c \
	agent/shell/cmd_lease.c \
	agent/shell/cmd_autoinstall.c \
	agent/shell/cmd_http_client.c \
	agent/shell/cmd_interface.c \
	agent/shell/cmd_nat.c \
	agent/shell/cmd_file.c \
	agent/shell/cmd_dhcp.c \
	agent/shell/cmd_logging.c \
	agent/shell/cmd_ip.c \
	agent/shell/cmd_reload.c \
	agent/shell/cmd_system.c \
	agent/shell/cmd_terminal.c \
	agent/shell/cmd_verify.c \
	agent/config/config_archive.c agent/config/config_archive.h \
	agent/config/config_lines.c agent/config/config_lines.h \
	agent/config/config_net.c agent/config/config_net.h agent/config/config_render_net.c \
	agent/config/config_render.c agent/config/config_render.h \
	agent/config/config_replace.c agent/config/config_replace.h \
	agent/config/config_store.c agent/config/config_store.h \
	agent/config/config_startup.c agent/config/config_startup.h \
	agent/config/config_txn.c agent/config/config_txn.h \
	agent/config/config_users.c agent/config/config_users.h \
	agent/shell/cmd_users.c \
	agent/connreq/cr_cert.h \
	agent/connreq/cr_listener.c agent/connreq/cr_listener.h \
	agent/connreq/cr_policy.c agent/connreq/cr_policy.h \
	agent/connreq/cr_server.c agent/connreq/cr_server.h \
	agent/connreq/stun_client.c agent/connreq/stun_client.h \
	agent/connreq/stun_msg.c agent/connreq/stun_msg.h \
	agent/connreq/udp_cr.c agent/connreq/udp_cr.h \
	agent/shell/ctl_server.c agent/shell/ctl_server.h \
	agent/lan/acs_discovery.c agent/lan/acs_discovery.h agent/lan/dhcp_acs.c agent/lan/dhcp_acs.h \
	agent/lan/dhcp_opt125.c agent/lan/dhcp_opt125.h \
	agent/lan/dhcp_packet.c agent/lan/dhcp_packet.h \
	agent/lan/dhcp_snoop.h \
	agent/lan/lease_table.c agent/lan/lease_table.h \
	agent/lan/tr111.c agent/lan/tr111.h \
	agent/lan/wan_dhcp.c agent/lan/wan_dhcp.h agent/lan/wan_watch.c agent/lan/wan_watch.h \
	agent/config/cwmp_agent.c agent/config/cwmp_agent.h \
	agent/cwmp/cwmp_inform.c agent/cwmp/cwmp_inform.h \
	agent/cwmp/cwmp_session.c agent/cwmp/cwmp_session.h \
	agent/persist/cwmp_state.c agent/persist/cwmp_state.h \
	agent/diag/diag.c agent/diag/diag.h agent/diag/diag_ios.c \
	agent/diag/diag_pkt.c agent/diag/diag_pkt.h \
	agent/diag/diag_http.c agent/diag/diag_http.h \
	agent/dm/dm.c agent/dm/dm.h agent/dm/dm_util.h \
	agent/dm/dm_device.c agent/dm/dm_l3.c agent/dm/dm_lan.c agent/dm/dm_mgmt.c agent/dm/dm_time.c agent/dm/dm_wan.c \
	agent/dm/dm_lanhost.c agent/dm/dm_net.c agent/dm/dm_net.h agent/dm/dm_wanconn.c \
	agent/dm/dm_portmap.c agent/dm/dm_portmap.h \
	agent/dm/dm_diag.c agent/dm/dm_diag.h agent/dm/dm_diag_ip.c agent/dm/dm_diag_tr143.c \
	agent/persist/flash.c agent/persist/flash.h \
	agent/persist/restart_record.c agent/persist/restart_record.h \
	agent/persist/udp_cr_replay.c agent/persist/udp_cr_replay.h \
	agent/shell/handlers.c agent/shell/handlers.h \
	agent/core/core.h agent/persist/persist.h agent/config/configuration.h agent/lan/lan.h \
	agent/connreq/connreq.h agent/cwmp/cwmp.h agent/shell/shell.h \
	agent/core/context.c agent/core/context.h agent/core/events.c agent/core/events.h \
	agent/core/http_debug.c agent/core/http_debug.h \
	agent/core/lifecycle.c agent/core/lifecycle.h \
	agent/core/log.c agent/core/log.h \
	agent/persist/log_buffer.c agent/persist/log_buffer.h \
	agent/config/nat_apply.c agent/config/nat_apply.h agent/config/nat_map.c agent/config/nat_map.h \
	agent/config/log_config.c agent/config/log_config.h \
	agent/config/passwords.c agent/config/passwords.h \
	agent/platform/platform.c agent/platform/platform.h agent/platform/platform_addr.c \
	agent/cwmp/rpc.c agent/cwmp/rpc.h agent/cwmp/rpc_objects.c agent/cwmp/rpc_params.c agent/cwmp/rpc_results.c agent/cwmp/rpc_results.h agent/cwmp/rpc_transfer.c \
	agent/cwmp/rpc_vendor.c \
	agent/platform/conntrack.c agent/platform/conntrack.h \
	agent/platform/sd_notify.c agent/platform/sd_notify.h \
	agent/platform/spawn.c agent/platform/spawn.h \
	agent/cwmp/soap.c agent/cwmp/soap.h agent/cwmp/soap_writer.c \
	agent/transfer/autoinstall.c agent/transfer/transfer.c agent/transfer/transfer.h agent/transfer/transfer_install.c agent/transfer/transfer_int.h
# What a size-conscious build leaves out (configure.ac: --disable-https-cr, --disable-tr111-snoop):
# a stub of the same interface takes the part's place, so that no caller needs a condition.
if HTTPS_CR
agent_libagent_a_SOURCES += agent/connreq/cr_cert.c
else
agent_libagent_a_SOURCES += agent/connreq/cr_cert_none.c
endif
if TR111_SNOOP
agent_libagent_a_SOURCES += agent/lan/dhcp_snoop.c
else
agent_libagent_a_SOURCES += agent/lan/dhcp_snoop_none.c
endif
EXTRA_DIST += agent/dm/DATAMODEL.md
agent_libagent_a_CFLAGS = $(AM_CFLAGS) $(OPENSSL_CFLAGS) $(LIBCURL_CFLAGS) $(LIBXML2_CFLAGS) \
	$(LIBMICROHTTPD_CFLAGS)

# Everything a program or test needs to link the agent.
AGENT_LIBS = agent/libagent.a grammar/libgrammar.a httpclient/libhttpclient.a common/libcommon.a \
	$(OPENSSL_LIBS) $(LIBCURL_LIBS) $(LIBXML2_LIBS) $(LIBMICROHTTPD_LIBS) -lm

sbin_PROGRAMS += agent/cwmpd
agent_cwmpd_SOURCES = agent/main.c
agent_cwmpd_LDADD = $(AGENT_LIBS)
