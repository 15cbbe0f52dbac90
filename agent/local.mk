# cwmpd: the agent library (libagent.a) and its thin main.
noinst_LIBRARIES += agent/libagent.a
agent_libagent_a_SOURCES = \
	agent/agent.c agent/agent.h \
	agent/cmd_config_file.c \
	agent/cmd_cwmp.c \
	agent/cmd_copy.c \
	agent/cmd_cwmp_show.c \
	agent/cmd_lease.c \
	agent/cmd_http_client.c \
	agent/cmd_interface.c \
	agent/cmd_file.c \
	agent/cmd_lan.c \
	agent/cmd_logging.c \
	agent/cmd_net.c \
	agent/cmd_reload.c \
	agent/cmd_system.c \
	agent/cmd_terminal.c \
	agent/config_lines.c agent/config_lines.h \
	agent/config_net.c agent/config_net.h agent/config_render_net.c \
	agent/config_render.c agent/config_render.h \
	agent/config_store.c agent/config_store.h \
	agent/cr_cert.c agent/cr_cert.h \
	agent/cr_listener.c agent/cr_listener.h \
	agent/cr_policy.c agent/cr_policy.h \
	agent/cr_server.c agent/cr_server.h \
	agent/ctl_server.c agent/ctl_server.h \
	agent/dhcp_opt125.c agent/dhcp_opt125.h \
	agent/dhcp_packet.c agent/dhcp_packet.h \
	agent/dhcp_snoop.c agent/dhcp_snoop.h \
	agent/lease_table.c agent/lease_table.h \
	agent/tr111.c agent/tr111.h \
	agent/cwmp_agent.c agent/cwmp_agent.h \
	agent/cwmp_inform.c agent/cwmp_inform.h \
	agent/cwmp_session.c agent/cwmp_session.h \
	agent/cwmp_state.c agent/cwmp_state.h \
	agent/dm.c agent/dm.h agent/dm_util.h \
	agent/dm_device.c agent/dm_l3.c agent/dm_lan.c agent/dm_mgmt.c agent/dm_time.c agent/dm_wan.c \
	agent/dm_lanhost.c agent/dm_net.c agent/dm_net.h agent/dm_wanconn.c \
	agent/dm_portmap.c agent/dm_portmap.h \
	agent/flash.c agent/flash.h \
	agent/handlers.c agent/handlers.h \
	agent/log.c agent/log.h \
	agent/log_buffer.c agent/log_buffer.h \
	agent/nat_apply.c agent/nat_apply.h agent/nat_map.c agent/nat_map.h \
	agent/passwords.c agent/passwords.h \
	agent/platform.c agent/platform.h agent/platform_addr.c \
	agent/rpc.c agent/rpc.h agent/rpc_objects.c agent/rpc_params.c agent/rpc_transfer.c \
	agent/rpc_vendor.c \
	agent/sd_notify.c agent/sd_notify.h \
	agent/soap.c agent/soap.h \
	agent/spawn.c agent/spawn.h \
	agent/transfer.c agent/transfer.h agent/transfer_install.c agent/transfer_int.h
EXTRA_DIST += agent/DATAMODEL.md
agent_libagent_a_CFLAGS = $(AM_CFLAGS) $(OPENSSL_CFLAGS) $(LIBCURL_CFLAGS) $(LIBXML2_CFLAGS) \
	$(LIBMICROHTTPD_CFLAGS)

# Everything a program or test needs to link the agent.
AGENT_LIBS = agent/libagent.a grammar/libgrammar.a httpclient/libhttpclient.a common/libcommon.a \
	$(OPENSSL_LIBS) $(LIBCURL_LIBS) $(LIBXML2_LIBS) $(LIBMICROHTTPD_LIBS) -lm

sbin_PROGRAMS += agent/cwmpd
agent_cwmpd_SOURCES = agent/main.c
agent_cwmpd_LDADD = $(AGENT_LIBS)
