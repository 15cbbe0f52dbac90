# Device-gateway association (TR-069 Annex F, TR-111 part 1): the DHCP leases of the LAN and the
# TR-069 identity the devices give in DHCP option 125.

cmd show cwmp manageable-devices
    mode      exec
    help      show                Show running system information
    help      cwmp                CWMP (TR-069) agent information
    help      manageable-devices  LAN devices that gave their TR-069 identity in DHCP option 125
    flags     output readonly
    handler   show_cwmp_manageable_devices
    doc       Where cwmpd watches DHCP (the interfaces, or why not), how many manageable devices and
    doc       DHCP leases it knows, then one line per device that gave its identity in DHCP option
    doc       125 (ManagementServer.ManageableDevice): its OUI, serial number and product class,
    doc       MAC and IP address, the interface its lease was seen on, and the seconds left of the
    doc       lease ("infinite" for an infinite lease).

cmd cwmp lease add WORD$mac A.B.C.D$address {<1-4294967294>$seconds | infinite} [interface WORD$iface] [device WORD$oui WORD$serial [WORD$class]] [hostname WORD$hostname]
    mode      exec
    help      cwmp          CWMP (TR-069) agent
    help      lease         A DHCP lease of the LAN, as a DHCP server's lease script reports it
    help      add           Add or renew a lease
    help      WORD$mac      Client MAC address (aa:bb:cc:dd:ee:ff, aa-bb-..., aabb.ccdd.eeff)
    help      A.B.C.D$address  Address leased
    help      <1-4294967294>$seconds  Seconds the lease has left
    help      infinite      Infinite lease
    help      interface     LAN interface the client is on
    help      WORD$iface    Interface name, IOS (Ethernet0/1) or Linux (eth1)
    help      device        TR-069 identity the client gave in DHCP option 125
    help      WORD$oui      ManufacturerOUI, six hexadecimal digits
    help      WORD$serial   SerialNumber, up to 64 characters
    help      WORD$class    ProductClass, up to 64 characters (none: empty)
    help      hostname      Host name the client gave (option 12)
    help      WORD$hostname  Host name, up to 64 characters
    handler   cwmp_lease_add
    doc       For a DHCP server's lease script (see cwmpd(8) and contrib/cwmpd-dnsmasq-lease):
    doc       records that the client MAC holds ADDRESS for SECONDS more, on the interface named
    doc       (an IOS name, or the Linux name an IOS interface maps to), with the identity given
    doc       after device (a MAC whose identity cwmpd learnt by watching DHCP keeps it when none
    doc       is given here). The lease shows in LANDevice.{i}.Hosts of its interface, and with an
    doc       identity in ManagementServer.ManageableDevice; it is saved in the state directory
    doc       and ends when its time is up. Changes state: not allowed in X_00000C_ShowStatus.

cmd cwmp lease delete WORD$mac
    mode      exec
    help      cwmp          CWMP (TR-069) agent
    help      lease         A DHCP lease of the LAN, as a DHCP server's lease script reports it
    help      delete        Remove a lease (released or expired)
    help      WORD$mac      Client MAC address
    handler   cwmp_lease_delete
    doc       Forgets the lease of the client MAC, as a DHCP RELEASE does: the device leaves the
    doc       Hosts and ManageableDevice tables. "% No lease for MAC" when there was none.

cmd cwmp acs-discovery {option43 | option125 | option17} WORD$hex
    mode      exec
    help      cwmp           CWMP (TR-069) agent
    help      acs-discovery  The ACS named by DHCP (TR-069 3.1), as the DHCP client's hook reports it
    help      option43       DHCPv4 option 43 (vendor-specific, vendor class dslforum.org)
    help      option125      DHCPv4 option 125 (V-I vendor-specific, enterprise 3561)
    help      option17       DHCPv6 option 17 (vendor-specific, enterprise 3561)
    help      WORD$hex       The option's value in hexadecimal (0a0b.., 0a:0b:.., or 1:2:a)
    handler   cwmp_acs_discovery
    doc       For the DHCP client's hook (see cwmpd(8), ACS DISCOVERY, and contrib/cwmpd-dhclient-hook
    doc       or contrib/cwmpd-udhcpc-script): hands cwmpd the option as the DHCP server sent it.
    doc       cwmpd reads the Broadband Forum's sub-options: 1 URL, 2 ProvisioningCode,
    doc       3 CWMPRetryMinimumWaitInterval and 4 CWMPRetryIntervalMultiplier. The URL is used
    doc       while the configuration names none (a URL typed with "url" in "cwmp agent" mode, or
    doc       set by the ACS, wins); "show cwmp session" shows it with "(from DHCP ...)", and it
    doc       never appears in running-config. A new URL is a new ACS: the next session starts
    doc       with 0 BOOTSTRAP. A malformed option is refused with the reason and logged
    doc       (%CWMP-4-ACS_DHCP); "% No ACS URL in ..." when the option carries none. Changes
    doc       state: not allowed in X_00000C_ShowStatus.

cmd cwmp acs-discovery clear
    mode      exec
    help      cwmp           CWMP (TR-069) agent
    help      acs-discovery  The ACS named by DHCP (TR-069 3.1), as the DHCP client's hook reports it
    help      clear          Forget the ACS that DHCP named (the lease ended)
    handler   cwmp_acs_discovery_clear
    doc       For the DHCP client's hook, when the lease ends: cwmpd forgets the URL and the other
    doc       sub-options DHCP gave. The configured URL, if any, is not touched.
