# CWMP sessions with the test ACS.
CWMP_TESTS = \
	tests/integration/cwmp_auth.sh \
	tests/integration/cwmp_config_changed.sh \
	tests/integration/cwmp_connreq.sh \
	tests/integration/cwmp_connreq_acs.sh \
	tests/integration/cwmp_connreq_flood.sh \
	tests/integration/cwmp_connreq_guess.sh \
	tests/integration/cwmp_connreq_idle.sh \
	tests/integration/cwmp_connreq_keepalive.sh \
	tests/integration/cwmp_connreq_soak.sh \
	tests/integration/cwmp_connreq_tls_halfopen.sh \
	tests/integration/cwmp_cookie.sh \
	tests/integration/cwmp_download.sh \
	tests/integration/cwmp_download_errors.sh \
	tests/integration/cwmp_upload.sh \
	tests/integration/cwmp_crash.sh \
	tests/integration/cwmp_diag.sh \
	tests/integration/cwmp_diag_restart.sh \
	tests/integration/cwmp_diag_vendor.sh \
	tests/integration/cwmp_tr143.sh \
	tests/integration/cwmp_enable.sh \
	tests/integration/cwmp_full_disk.sh \
	tests/integration/cwmp_hostile.sh \
	tests/integration/cwmp_lifecycle.sh \
	tests/integration/cwmp_https.sh \
	tests/integration/cwmp_ipv6.sh \
	tests/integration/cwmp_lease.sh \
	tests/integration/cwmp_no_repost.sh \
	tests/integration/cwmp_notify.sh \
	tests/integration/cwmp_notify_inflight.sh \
	tests/integration/cwmp_notify_objects.sh \
	tests/integration/cwmp_notify_attributes.sh \
	tests/integration/cwmp_notify_in_session.sh \
	tests/integration/cwmp_periodic.sh \
	tests/integration/cwmp_portmap.sh \
	tests/integration/cwmp_genieacs_read.sh \
	tests/integration/cwmp_fixture_breadth.sh \
	tests/integration/cwmp_dhcp_static.sh \
	tests/integration/cwmp_forwarding.sh \
	tests/integration/cwmp_dhcp_class.sh \
	tests/integration/cwmp_read_while_changed.sh \
	tests/integration/cwmp_reboot.sh \
	tests/integration/cwmp_reboot_unended.sh \
	tests/integration/cwmp_request_size.sh \
	tests/integration/cwmp_retry.sh \
	tests/integration/cwmp_retry_forever.sh \
	tests/integration/cwmp_session.sh \
	tests/integration/cwmp_session_bound.sh \
	tests/integration/cwmp_tc_moved_on.sh \
	tests/integration/cwmp_tr111.sh \
	tests/integration/cwmp_stun.sh \
	tests/integration/cwmp_stun_keepalive.sh \
	tests/integration/cwmp_acs_dhcp.sh \
	tests/integration/cwmp_autoinstall.sh \
	tests/integration/cwmp_wan_dhcp.sh \
	tests/integration/cwmp_wan_dhcp6.sh \
	tests/integration/cwmp_udhcpc.sh \
	tests/integration/cwmp_transfer_crash.sh \
	tests/integration/cwmp_transfer_hold.sh \
	tests/integration/cwmp_vendor.sh \
	tests/integration/cwmp_vendor_errors.sh \
	tests/integration/cwmp_vendor_show.sh \
	tests/integration/cwmp_version.sh \
	tests/integration/cwmp_ns_field.sh \
	tests/integration/cwmp_lenient.sh \
	tests/integration/cwmp_datetime.sh \
	tests/integration/cwmp_headers.sh \
	tests/integration/hooks_stop.sh
TESTS += $(CWMP_TESTS)
EXTRA_DIST += $(CWMP_TESTS) tests/integration/cwmp_lib.sh tests/integration/cwmp_vendor_lib.sh \
	tests/integration/cwmp_diag_lib.sh tests/integration/cwmp_dhcp_lib.sh \
	tests/integration/cwmp_objects_lib.sh
