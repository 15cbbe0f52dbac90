# Modes, interface types and output modifiers: the frame every other .cmd file fills in.
# The notation is described in grammar/README.md.

mode exec
    heading Exec commands:
    no      Negate a command or set its defaults

mode config
    config
    prompt  (config)#
    heading Configure commands:
    no      Negate a command or set its defaults

mode config-cwmp
    config
    parent  config
    prompt  (config-cwmp)#
    heading CWMP agent configuration commands:
    no      Negate a command or set its defaults

mode config-if
    config
    parent  config
    prompt  (config-if)#
    heading Interface configuration commands:
    no      Negate a command or set its defaults

mode dhcp-config
    config
    parent  config
    prompt  (dhcp-config)#
    heading DHCP pool configuration commands:
    no      Negate a command or set its defaults

mode dhcp-class
    config
    parent  config
    prompt  (config-dhcp-class)#
    heading DHCP class configuration commands:
    no      Negate a command or set its defaults

mode dhcp-pool-class
    config
    parent  dhcp-config
    prompt  (config-dhcp-pool-class)#
    heading DHCP pool class configuration commands:
    no      Negate a command or set its defaults

mode config-archive
    config
    parent  config
    prompt  (config-archive)#
    heading Archive configuration commands:
    no      Negate a command or set its defaults

# Interface types, with their number format. IOS accepts "Ethernet0/0", "ethernet 0/0" and the
# unique abbreviation "e0/0"; fewer components than the format are accepted too (Ethernet0).
iftype ATM              <0-15>/<0-15>         ATM interface
iftype Dialer           <0-255>               Dialer interface
iftype Ethernet         <0-15>/<0-15>         IEEE 802.3
iftype FastEthernet     <0-15>/<0-15>         FastEthernet IEEE 802.3
iftype GigabitEthernet  <0-15>/<0-15>/<0-63>  GigabitEthernet IEEE 802.3z
iftype Loopback         <0-2147483647>        Loopback interface
iftype Serial           <0-15>/<0-15>         Serial
iftype Vlan             <1-4094>              Catalyst Vlans

# Output modifiers, offered after every command flagged `output`.
pipe |        Output modifiers
pipe begin    Begin with the line that matches
pipe count    Count number of lines which match regexp
pipe exclude  Exclude lines that match
pipe include  Include lines that match
pipe section  Filter a section of output
pipe LINE     Regular Expression

# Leaving modes. `exit` at EXEC level ends the session.
cmd exit
    mode      exec
    privilege 0
    help      exit  Exit from the EXEC
    handler   mode_exit
    doc       Ends the session.

cmd logout
    mode      exec
    privilege 0
    help      logout  Exit from the EXEC
    handler   session_logout
    doc       Ends the session.

cmd exit
    mode      config config-cwmp config-if dhcp-config config-archive dhcp-class dhcp-pool-class
    help      exit  Exit from configure mode
    handler   mode_exit
    doc       Leaves the current mode for the one above it (from global configuration, privileged EXEC).

cmd end
    mode      config config-cwmp config-if dhcp-config config-archive dhcp-class dhcp-pool-class
    help      end  Exit from configure mode
    handler   mode_end
    doc       Returns to privileged EXEC from any configuration mode (Ctrl-Z does the same). In a
    doc       startup-config or a SetConfiguration block it ends the current mode and the next line
    doc       continues in global configuration.

cmd do EXEC
    mode      config config-cwmp config-if dhcp-config config-archive dhcp-class dhcp-pool-class
    help      do  To run exec commands in config mode
    doc       Runs a privileged EXEC command without leaving configuration mode (do show running-config).
    doc       In a startup-config or a SetConfiguration block only commands that read may run this way
    doc       (do write memory there is refused): a block changes the configuration it is applied to
    doc       and nothing else.
