# Speed and duplex of Ethernet ports: the MaxBitRate and DuplexMode of LANEthernetInterfaceConfig
# and WANEthernetInterfaceConfig.

cmd speed {10|100|1000|10000|auto}
    mode      config-if
    help      speed  Configure speed operation.
    help      10     Force 10 Mbps operation
    help      100    Force 100 Mbps operation
    help      1000   Force 1000 Mbps operation
    help      10000  Force 10000 Mbps operation
    help      auto   Enable AUTO speed configuration
    no        speed [10|100|1000|10000|auto]
    default   auto
    handler   if_speed
    doc       Ethernet, FastEthernet and GigabitEthernet interfaces only.

cmd duplex {auto|full|half}
    mode      config-if
    help      duplex  Configure duplex operation.
    help      auto    Enable AUTO duplex configuration
    help      full    Force full duplex operation
    help      half    Force half-duplex operation
    no        duplex [auto|full|half]
    default   auto
    handler   if_duplex
    doc       Ethernet, FastEthernet and GigabitEthernet interfaces only.
