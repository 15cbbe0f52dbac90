# Diagnostics: the operator's ping and traceroute, run by the diagnostics engine (agent/diag).

cmd ping WORD$host [[repeat <1-2147483647>$count] [size <36-18024>$size] [timeout <0-3600>$timeout] [source {IFNAME$ifname | A.B.C.D$address}] [df-bit]]
    mode      exec
    privilege 1
    help      ping                 Send echo messages
    help      WORD$host            Ping destination address or hostname
    help      repeat               specify repeat count
    help      <1-2147483647>$count Repeat count
    help      size                 specify datagram size
    help      <36-18024>$size      Datagram size
    help      timeout              specify timeout interval
    help      <0-3600>$timeout     Timeout in seconds
    help      source               specify source address or name
    help      A.B.C.D$address      Source address
    help      df-bit               enable do not fragment bit in IP header
    handler   ping
    flags     readonly
    doc       Sends ICMP echo requests to an IPv4 or IPv6 address, or to a host name (resolved
    doc       without stopping the agent), one at a time: the next leaves when the reply came or
    doc       the timeout passed. Defaults: repeat 5, size 100 (the datagram's size, IP and ICMP
    doc       headers included), timeout 2 seconds. It prints "Type escape sequence to abort.",
    doc       "Sending 5, 100-byte ICMP Echos to ADDRESS, timeout is 2 seconds:", then one mark per
    doc       echo as it ends, 70 to a line: ! a reply, . no reply within the timeout, U a
    doc       destination unreachable, M too big for the path with the DF bit set, Q a source
    doc       quench, & a time exceeded, ? another ICMP error. Last comes "Success rate is P
    doc       percent (OK/SENT), round-trip min/avg/max = MIN/AVG/MAX ms" (the round trip only
    doc       when a reply came). source sends from the address of the interface named (bound to
    doc       its Linux interface) or from the address given ("Packet sent with a source address
    doc       of ..."); df-bit sets the IPv4 don't-fragment bit. A name that does not resolve is
    doc       "% Unrecognized host or address, or protocol not running.". Echoes go through the
    doc       kernel's unprivileged ICMP sockets (net.ipv4.ping_group_range must include cwmpd's
    doc       group), or a raw socket when cwmpd runs as root; no program is started. One ping
    doc       runs at a time in cwmpd: a second waits for the first. The shell takes no other
    doc       command meanwhile, and the agent goes on with its CWMP sessions; a shell that goes
    doc       away stops its ping. Through X_00000C_ShowStatus the request waits for the ping, at
    doc       most 60 seconds (then it stops as Ctrl-C stops it, and its Response says so), and
    doc       its Response is what the shell prints.
    doc       The options come in any order, each at most once, as on IOS ("ping HOST size 200
    doc       repeat 3"); an option given twice is refused with the caret under the second.

cmd traceroute WORD$host [[probe <1-65535>$count] [ttl <1-255>$min_ttl <1-255>$max_ttl] [timeout <0-3600>$timeout] [source {IFNAME$ifname | A.B.C.D$address}]]
    mode      exec
    privilege 1
    help      traceroute           Trace route to destination
    help      WORD$host            Trace route to destination address or hostname
    help      probe                specify number of probes per hop
    help      <1-65535>$count      Number of probes
    help      ttl                  specify minimum and maximum ttl
    help      <1-255>$min_ttl      Minimum time to live
    help      <1-255>$max_ttl      Maximum time to live
    help      timeout              specify time out
    help      <0-3600>$timeout     time out in seconds
    help      source               specify source address or name
    help      A.B.C.D$address      Source address
    handler   traceroute
    flags     readonly
    doc       Traces the route to an IPv4 or IPv6 address, or to a host name, with UDP probes to
    doc       ports from 33434 on, the hop limit rising from the minimum ttl (1) to the maximum (30):
    doc       each router on the way answers time exceeded, the host itself port unreachable.
    doc       Probes leave one at a time, 3 per hop unless probe says otherwise, each waiting for its
    doc       answer at most the timeout (3 seconds). It prints "Type escape sequence to abort.",
    doc       "Tracing the route to ADDRESS" and an empty line, then a line per hop as its probes
    doc       end: the hop's number, the address that answered, and per probe "N msec", * for no
    doc       answer, or !H, !N, !P, !A, !U for an unreachable (which ends the trace at that hop).
    doc       The trace ends at the hop where the host answered, or at the maximum ttl. The ICMP
    doc       errors are read from the socket's error queue (IP_RECVERR, IPV6_RECVERR): no raw
    doc       socket and no privilege are needed. One traceroute runs at a time in cwmpd; the
    doc       shell takes no other command meanwhile, and a shell that goes away stops it.
    doc       Through X_00000C_ShowStatus it is waited for as ping is (at most 60 seconds).
    doc       The options come in any order, each at most once ("traceroute HOST timeout 1 probe
    doc       2"); an option given twice is refused with the caret under the second.

cmd ping
    mode      exec
    help      ping  Send echo messages
    handler   ping_dialog
    flags     readonly
    doc       The extended ping: asks IOS's questions one by one, Enter keeping the default in
    doc       brackets: "Protocol [ip]:" (ip or ipv6), "Target IP address:", "Repeat count [5]:",
    doc       "Datagram size [100]:", "Timeout in seconds [2]:", "Extended commands [n]:" and, when
    doc       answered yes, "Source address or interface:", "Type of service [0]:" (its upper six
    doc       bits are the DSCP of the echoes) and "Set DF bit in IP header? [no]:"; last "Sweep
    doc       range of sizes [n]:" (a sweep is not supported). Then it runs as ping with those
    doc       values. A number out of range ends it with "% A decimal number between LO and HI.";
    doc       a yes/no question is asked again until answered. Privileged, as on IOS; from a pipe
    doc       the answers are the lines that follow.
