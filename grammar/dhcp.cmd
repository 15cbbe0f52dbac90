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

cmd host A.B.C.D$address [A.B.C.D$mask]
    mode      dhcp-config
    help      host             Client IP address and mask
    help      A.B.C.D$address  IP address in dotted-decimal notation
    help      A.B.C.D$mask     IP subnet mask
    no        host [A.B.C.D$address [A.B.C.D$mask]]
    handler   dhcp_host
    doc       A manual binding: the pool gives this one address to the client that
    doc       hardware-address or client-identifier names. Without a mask, the address's class
    doc       mask. A pool has a network or a host, not both. The manual bindings inside a LAN's
    doc       subnet are its LANHostConfigManagement.DHCPStaticAddress entries.

cmd hardware-address WORD$id
    mode      dhcp-config
    help      hardware-address  Client hardware address
    help      WORD              Dotted-hexadecimal string (aabb.ccdd.eeff)
    no        hardware-address [WORD$id]
    handler   dhcp_hardware_address
    doc       The client of a manual binding by its Ethernet address (six bytes); it replaces a
    doc       client-identifier. DHCPStaticAddress.Chaddr.

cmd client-identifier WORD$id
    mode      dhcp-config
    help      client-identifier  Client identifier
    help      WORD               Dotted-hexadecimal string (01aa.bbcc.ddee.ff)
    no        client-identifier [WORD$id]
    handler   dhcp_client_identifier
    doc       The client of a manual binding by its DHCP client identifier (option 61): the type
    doc       byte (01 for Ethernet) then the address; it replaces a hardware-address.

cmd ip dhcp class WORD$class
    mode      config
    help      ip     Global IP configuration subcommands
    help      dhcp   Configure DHCP server and relay parameters
    help      class  Configure DHCP classes
    help      WORD   Class name
    no        ip dhcp class WORD$class
    enters    dhcp-class
    handler   dhcp_class
    doc       A DHCP class, which a pool's class names. cwmpd keeps the classes without match
    doc       criteria: a pool's classes are its LANHostConfigManagement.DHCPConditionalServingPool
    doc       entries, whose VendorClassID is empty. Removing a class removes it from the pools.

cmd class WORD$class
    mode      dhcp-config
    help      class  Configure DHCP classes
    help      WORD   Class name
    no        class WORD$class
    enters    dhcp-pool-class
    handler   dhcp_pool_class
    doc       A class of the pool (at most 8, in order), defined by ip dhcp class; its address
    doc       range, if any, is the part of the network its clients get.

cmd address range A.B.C.D$low A.B.C.D$high
    mode      dhcp-pool-class
    help      address          Configure an address
    help      range            Configure an address range
    help      A.B.C.D$low      Start address
    help      A.B.C.D$high     End address
    no        address range [A.B.C.D$low A.B.C.D$high]
    handler   dhcp_class_address_range
    doc       The class's addresses, inside the pool's network: DHCPConditionalServingPool's
    doc       MinAddress and MaxAddress.
