# The DHCP server's switch and the options of a pool beyond its network and routers
# (LANHostConfigManagement.DHCPServerEnable, DNSServers, DomainName).

cmd service dhcp
    mode      config
    help      service  Modify use of network based services
    help      dhcp     Enable DHCP server and relay agent
    no        service dhcp
    default   enabled
    handler   service_dhcp
    doc       The DHCP server serves the pools; "no service dhcp" stops it on every LAN interface
    doc       and is what LANHostConfigManagement.DHCPServerEnable false sets.

cmd dns-server A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server]]]]]]]
    mode      dhcp-config
    help      dns-server       DNS servers
    help      A.B.C.D$server   Server's name or IP address
    no        dns-server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server]]]]]]]]
    handler   dhcp_dns_server
    doc       Up to 8 addresses, in order of preference; they replace the previous list.

cmd domain-name WORD$domain
    mode      dhcp-config
    help      domain-name  Domain name
    help      WORD         Domain name
    no        domain-name [WORD$domain]
    handler   dhcp_domain_name
    doc       At most 64 characters: letters, digits, hyphens and dots.
