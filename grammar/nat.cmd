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
    doc       Forwards the global address and port to the inside local address and port.
