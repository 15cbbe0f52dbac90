# Interfaces and interface configuration mode.

cmd interface IFNAME$ifname
    mode      config
    help      interface  Select an interface to configure
    no        interface IFNAME$ifname
    enters    config-if
    handler   interface
    doc       Enters interface configuration mode, creating the interface when it does not exist.
    doc       "no interface" removes it and everything configured under it.

cmd default interface IFNAME$ifname
    mode      config
    help      default    Set a command to its defaults
    help      interface  Select an interface to configure
    handler   interface_default
    doc       Returns an existing interface's configuration to the defaults, as IOS does: the
    doc       interface stays, with nothing configured under it (no description, no address, no NAT
    doc       role, not shut down, speed and duplex auto, the default IP MTU, a WAN interface only
    doc       when it is ATM and never the default one), and "Interface IFNAME set to default
    doc       configuration" is printed. It applies to virtual interfaces (Loopback, Dialer, Vlan)
    doc       too, which stay; "no interface" is what removes one. An interface that is not
    doc       configured: "% Interface IFNAME does not exist".

cmd description LINE$text
    mode      config-if
    help      description  Interface specific description
    help      LINE         Up to 240 characters describing this interface
    no        description [LINE$text]
    handler   if_description

cmd ip address A.B.C.D$address A.B.C.D$mask
    mode      config-if
    help      ip               Interface Internet Protocol config commands
    help      address          Set the IP address of an interface
    help      A.B.C.D$address  IP address
    help      A.B.C.D$mask     IP subnet mask
    no        ip address [A.B.C.D$address A.B.C.D$mask]
    handler   if_ip_address
    doc       Sets a static address. "no ip address" removes any address setting.

cmd ip address dhcp
    mode      config-if
    help      ip       Interface Internet Protocol config commands
    help      address  Set the IP address of an interface
    help      dhcp     IP Address negotiated via DHCP
    no        ip address dhcp
    handler   if_ip_address_dhcp

cmd ip address pool WORD$pool
    mode      config-if
    help      ip       Interface Internet Protocol config commands
    help      address  Set the IP address of an interface
    help      pool     IP Address autoconfigured from a local DHCP pool
    help      WORD     IP Address pool name
    no        ip address pool [WORD$pool]
    handler   if_ip_address_pool

cmd ip mtu <68-1540>$bytes
    mode      config-if
    help      ip              Interface Internet Protocol config commands
    help      mtu             Set IP Maximum Transmission Unit
    help      <68-1540>$bytes MTU (bytes)
    no        ip mtu [<68-1540>$bytes]
    default   1500
    handler   if_ip_mtu
    doc       The largest IP packet the interface sends; the Layer3Forwarding.Forwarding.{i}.MTU of
    doc       the routes through it, and its WAN connection's MaxMTUSize. IOS allows up to the
    doc       interface's MTU; cwmpd up to 1540, the most those TR-098 parameters can hold.

cmd ip nat {inside|outside}
    mode      config-if
    help      ip       Interface Internet Protocol config commands
    help      nat      NAT interface commands
    help      inside   Inside interface for address translation
    help      outside  Outside interface for address translation
    no        ip nat {inside|outside}
    handler   if_ip_nat

cmd shutdown
    mode      config-if
    help      shutdown  Shutdown the selected interface
    no        shutdown
    handler   if_shutdown

cmd cwmp wan [default]
    mode      config-if
    help      cwmp     Configure the CWMP (TR-069) agent on this interface
    help      wan      Make this interface a WAN interface of the CWMP agent
    help      default  Make this the default WAN interface (connection requests, NAT)
    no        cwmp wan [default]
    handler   if_cwmp_wan
    doc       Interfaces with cwmp wan are the WANDevice instances of the data model, the others
    doc       LANDevice instances (an ATM interface is WAN unless "no cwmp wan" is set). Only one
    doc       interface is the default: setting it elsewhere demotes the previous one to cwmp wan.
