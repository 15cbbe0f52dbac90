# What an operator types first to verify a device: interfaces, one interface's configuration,
# the running configuration on the terminal, what is being debugged and at which privilege.

cmd show ip interface brief
    mode      exec
    privilege 1
    help      show       Show running system information
    help      ip         IP information
    help      interface  IP interface status and configuration
    help      brief      Brief summary of IP status and configuration
    flags     output readonly
    handler   show_ip_interface_brief
    doc       One line per configured interface (in running-config's order), in the columns of IOS: Interface, IP-Address
    doc       (the static address, or for ip address dhcp and pool the address the Linux
    doc       interface holds; unassigned when none), OK? (always YES), Method (manual for a static
    doc       or pool address, DHCP, unset without an address; cwmpd does not tell NVRAM from
    doc       manual), Status (administratively down after shutdown, else up or down as the Linux
    doc       interface behind the name is; up when no Linux interface backs it, as the data model
    doc       says) and Protocol (up or down likewise).

cmd show interfaces [IFNAME$ifname]
    mode      exec
    privilege 1
    help      show        Show running system information
    help      interfaces  Interface status and configuration
    help      IFNAME      Interface name
    flags     output readonly
    handler   show_interfaces
    doc       The state of every configured interface, or of the one named, as IOS prints it: the
    doc       state line, the hardware address (from the Linux interface, or the stable made-up
    doc       one the data model reports when none backs the name), the description, the Internet
    doc       address, the IP MTU, the bandwidth (from the speed; 100000 Kbit/sec when no speed
    doc       is known), the duplex and speed of an Ethernet interface (the Linux interface's when
    doc       it reports them, else the configured ones, else Auto), and the packet, byte,
    doc       error and drop counters of the Linux interface (0 when none backs the name). The 5
    doc       minute input and output rates are always printed as 0 bits/sec, 0 packets/sec: cwmpd
    doc       does not sample the counters over time. Fields IOS takes from hardware that Linux
    doc       does not report (CRC, frame, overrun, collisions...) are printed as 0. A name that
    doc       is not configured is answered "% Interface NAME does not exist".

cmd show running-config interface IFNAME$ifname
    mode      exec
    help      show            Show running system information
    help      running-config  Current operating configuration
    help      interface       Show interface configuration
    help      IFNAME          Interface name
    flags     output readonly
    handler   show_running_config_interface
    doc       Prints that interface's block of the running configuration as show running-config
    doc       does, with its "Building configuration..." and "Current configuration : N bytes"
    doc       header (N counts the block from its first ! to end). A name that is not configured
    doc       is answered "% Interface NAME does not exist".

cmd write terminal
    mode      exec
    help      write     Write running configuration to memory, network, or terminal
    help      terminal  Write to terminal
    flags     output readonly
    handler   show_running_config
    doc       The same as show running-config, as on IOS.

cmd show debugging
    mode      exec
    help      show       Show running system information
    help      debugging  State of each debugging option
    flags     output readonly
    handler   show_debugging
    doc       Lists what the debug commands have turned on, under the name of each subsystem
    doc       ("CWMP:" then "  CWMP debugging is on"; "HTTP Client:" then "  HTTP Client Cookie
    doc       debugging is on"); nothing when no debugging is on, as IOS.

cmd show privilege
    mode      exec
    privilege 1
    help      show       Show running system information
    help      privilege  Show current privilege level
    flags     output readonly
    handler   show_privilege
    doc       Prints "Current privilege level is N": 1 in user EXEC, 15 after enable, or the level
    doc       of the username entry the session started at.

cmd show ip dhcp binding
    mode      exec
    privilege 1
    help      show     Show running system information
    help      ip       IP information
    help      dhcp     Show items in the DHCP database
    help      binding  DHCP address bindings
    flags     output readonly
    handler   show_ip_dhcp_binding
    doc       The DHCP leases cwmpd has seen granted on its LAN interfaces (the lease table of
    doc       LANDevice.{i}.Hosts), in IOS's columns, by address: the IP address, the client
    doc       identifier as IOS writes an Ethernet one (01 and the MAC address, in groups of four
    doc       hexadecimal digits), the lease's expiration in local time (Infinite for an infinite
    doc       lease) and the type, Automatic. cwmpd is not the DHCP server: the table is what it
    doc       saw of the server's answers. A pool's manual binding (host with hardware-address or
    doc       client-identifier) is listed too, with its identifier as typed, Infinite and Manual;
    doc       an address is listed once.

cmd show ip http server status
    mode      exec
    privilege 1
    help      show    Show running system information
    help      ip      IP information
    help      http    HTTP information
    help      server  HTTP server information
    help      status  HTTP server status
    flags     output readonly
    handler   show_ip_http_server_status
    doc       The device's HTTP server, which receives the ACS's connection requests, as IOS
    doc       prints its status: "HTTP server status: Enabled" or "Disabled" (ip http server), the
    doc       port of the plain-HTTP listener (the one it is bound to, else the one it would
    doc       listen on: 7547, or after cwmpd's --listen), the digest algorithm it challenges with
    doc       (md5, the only one), "HTTP secure server capability: Present", the secure server's
    doc       status (ip http secure-server) and port (7548, or --listen's next one), and "HTTP
    doc       secure server client authentication: Disabled" (no client certificate is asked for).
    doc       The other lines of IOS (access classes, base path, session modules, time-outs)
    doc       describe what cwmpd's server does not have and are not printed.

cmd show running-config all
    mode      exec
    help      show            Show running system information
    help      running-config  Current operating configuration
    help      all             Configuration with defaults
    flags     output readonly
    handler   show_running_config_all
    doc       show running-config with the lines it leaves out because they hold their default,
    doc       as IOS prints them: at the global level service dhcp, logging buffered with its
    doc       size and level (8192 informational) and ip http digest algorithm md5; inside each
    doc       block that show running-config prints, and only there (a block is never printed
    doc       for its defaults alone, as IOS does not show unconfigured blocks): under cwmp agent
    doc       no enable download, no periodic inform, periodic inform interval 86400, session
    doc       retry limit 11, request outstanding 5, session retry wait 5, session retry
    doc       multiplier 2000, parameter change notify interval 60, parameter change notify
    doc       throttle 0, manageable-device notification limit 0 and request size limit 4096;
    doc       under archive maximum 10; under ip dhcp pool lease 1 0 0; under an interface ip mtu
    doc       1500 and, for an Ethernet interface, duplex auto and speed auto. These are the
    doc       commands whose definition documents a default (the defaults of this page); each line
    doc       typed again leaves the configuration as it is. The commands without a documented
    doc       value (the host name, the time zone, the management server username) show as in
    doc       show running-config. The header counts the bytes of this longer text.
