# The DHCP server's pools and excluded addresses (LANHostConfigManagement).

cmd ip dhcp excluded-address A.B.C.D$low [A.B.C.D$high]
    mode      config
    help      ip                Global IP configuration subcommands
    help      dhcp              Configure DHCP server and relay parameters
    help      excluded-address  Prevent DHCP from assigning certain addresses
    help      A.B.C.D$low       Low IP address
    help      A.B.C.D$high      High IP address
    no        ip dhcp excluded-address A.B.C.D$low [A.B.C.D$high]
    handler   dhcp_excluded_address

cmd ip dhcp pool WORD$pool
    mode      config
    help      ip    Global IP configuration subcommands
    help      dhcp  Configure DHCP server and relay parameters
    help      pool  Configure DHCP address pools
    help      WORD  Pool name
    no        ip dhcp pool WORD$pool
    enters    dhcp-config
    handler   dhcp_pool

cmd network A.B.C.D$network A.B.C.D$mask
    mode      dhcp-config
    help      network          Network number and mask
    help      A.B.C.D$network  Network number in dotted-decimal notation
    help      A.B.C.D$mask     Network mask
    no        network [A.B.C.D$network A.B.C.D$mask]
    handler   dhcp_network

cmd default-router A.B.C.D$router [A.B.C.D$router [A.B.C.D$router [A.B.C.D$router [A.B.C.D$router [A.B.C.D$router [A.B.C.D$router [A.B.C.D$router]]]]]]]
    mode      dhcp-config
    help      default-router  Default routers
    help      A.B.C.D$router  Router's IP address
    no        default-router
    handler   dhcp_default_router
    doc       Up to 8 addresses, in order of preference.

cmd lease {<0-365>$days [<0-23>$hours [<0-59>$minutes]] | infinite}
    mode      dhcp-config
    help      lease             Address lease time
    help      <0-365>$days      Days
    help      <0-23>$hours      Hours
    help      <0-59>$minutes    Minutes
    help      infinite          Infinite lease
    no        lease
    default   1 day
    handler   dhcp_lease

cmd renew deny unknown
    mode      dhcp-config
    help      renew    Configure renew policy
    help      deny     Deny renew
    help      unknown  Deny renew for unknown clients
    no        renew deny unknown
    handler   dhcp_renew_deny_unknown
