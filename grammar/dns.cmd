# Name servers: the DNSServers of the WAN connections.

cmd ip name-server A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server]]]]]
    mode      config
    help      ip               Global IP configuration subcommands
    help      name-server      Specify address of name server to use
    help      A.B.C.D$server   Domain server IP address (maximum of 6)
    no        ip name-server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server [A.B.C.D$server]]]]]]
    handler   ip_name_server
    doc       Adds servers to the list of name servers, at most 6, in the order entered; "no ip
    doc       name-server" without an address empties the list. The list is the DNSServers of
    doc       every WAN connection (WANIPConnection and WANPPPConnection).
