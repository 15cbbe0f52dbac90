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
