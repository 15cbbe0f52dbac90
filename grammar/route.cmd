# Static routes: InternetGatewayDevice.Layer3Forwarding.Forwarding.{i}.

cmd ip route A.B.C.D$prefix A.B.C.D$mask {A.B.C.D$gateway | IFNAME$ifname [A.B.C.D$gateway]} [<1-255>$distance]
    mode      config
    help      ip                 Global IP configuration subcommands
    help      route              Establish static routes
    help      A.B.C.D$prefix     Destination prefix
    help      A.B.C.D$mask       Destination prefix mask
    help      A.B.C.D$gateway    Forwarding router's address
    help      <1-255>$distance   Distance metric for this route
    no        ip route A.B.C.D$prefix A.B.C.D$mask [{A.B.C.D$gateway | IFNAME$ifname [A.B.C.D$gateway]} [<1-255>$distance]]
    handler   ip_route
    doc       Routes the prefix through a next hop, an interface, or an interface and a next hop on
    doc       it; the distance is the route's Layer3Forwarding.Forwarding.{i}.ForwardingMetric. The
    doc       prefix must have no bits outside the mask, and a named interface must exist. Entering
    doc       a route again changes its distance. "no ip route PREFIX MASK" removes every route to
    doc       the prefix; with a next hop or interface, only that route. A default route
    doc       (0.0.0.0 0.0.0.0) through an interface's subnet or naming it is that WAN connection's
    doc       DefaultGateway.
