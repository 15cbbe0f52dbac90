# Static NAT: the port mappings of WANIPConnection and WANPPPConnection.

cmd ip nat inside source static {tcp|udp} A.B.C.D$local <1-65535>$local_port A.B.C.D$global <1-65535>$global_port [extendable]
    mode      config
    help      ip                       Global IP configuration subcommands
    help      nat                      NAT configuration commands
    help      inside                   Inside address translation
    help      source                   Source address translation
    help      static                   Specify static local->global mapping
    help      tcp                      Transmission Control Protocol
    help      udp                      User Datagram Protocol
    help      A.B.C.D$local            Inside local IP address
    help      <1-65535>$local_port     Local UDP/TCP port
    help      A.B.C.D$global           Inside global IP address
    help      <1-65535>$global_port    Global UDP/TCP port
    help      extendable               Extend this translation when used
    no        ip nat inside source static {tcp|udp} A.B.C.D$local <1-65535>$local_port A.B.C.D$global <1-65535>$global_port [extendable]
    handler   nat_static
    doc       Forwards the global address and port to the inside local address and port, both ways
    doc       (inbound to the global port goes to the local one; what the local host sends from it
    doc       leaves from the global one). Each rule is a PortMapping instance of the default WAN
    doc       connection (InternalClient, InternalPort, ExternalPort, PortMappingProtocol), and the
    doc       ACS's instances are rules once complete and enabled. A rule given the address of the
    doc       cwmp wan default interface, as the ACS's are, follows that address when it changes
    doc       (running-config shows the address of the moment). One global address and port
    doc       forwards to one place: another rule on them is refused as a similar static entry.
    doc       The nat-apply hook is given the rules whenever they change (cwmpd(8), HOOKS).

cmd show ip nat translations
    mode      exec
    privilege 1
    help      show          Show running system information
    help      ip            IP information
    help      nat           IP NAT information
    help      translations  Translation entries
    flags     output readonly
    handler   show_ip_nat_translations
    doc       The translations in IOS's columns (Pro, Inside global, Inside local, Outside local,
    doc       Outside global; addresses with their port as A.B.C.D:PORT). First the static rules
    doc       of running-config, one line each, with the global address of the moment (for a rule
    doc       that follows the cwmp wan default interface, that interface's current address) and
    doc       --- for the outside addresses, as IOS shows a static entry. Then the dynamic entries
    doc       of the kernel's connection tracking (/proc/net/nf_conntrack; cwmpd's environment
    doc       variable CWMPD_CONNTRACK names another file, in the same format or that of
    doc       conntrack -L) whose addresses or ports NAT changed, IPv4 TCP, UDP and ICMP (the echo
    doc       identifier in place of the port): a connection whose source was rewritten
    doc       (masquerade, SNAT) was opened by the inside host, whose address and port are the
    doc       inside local ones and the rewritten ones the inside global; one whose destination
    doc       was rewritten (a port mapping) came from outside, the address it was sent to being
    doc       the inside global. At most 10000 are listed. When the table cannot be read (no
    doc       nf_conntrack module, no permission), the static lines are followed by "% Dynamic
    doc       translations not shown: cannot read PATH (REASON)". Note that the reference sample of
    doc       the feature documentation swaps the inside global and inside local addresses; the
    doc       columns here are IOS's: the inside global address is the WAN side one.
