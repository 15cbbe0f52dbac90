# Time servers: InternetGatewayDevice.Time.NTPServer1..5.

cmd ntp server {A.B.C.D$peer | HOSTNAME$peer} [prefer]
    mode      config
    help      ntp        Configure NTP
    help      server     Configure NTP server
    help      A.B.C.D    IP address of peer
    help      HOSTNAME   Host name of peer
    help      prefer     Prefer this peer when possible
    no        ntp server {A.B.C.D$peer | HOSTNAME$peer} [prefer]
    handler   ntp_server
    doc       At most 5 servers, as Time.NTPServer1 to NTPServer5 allow, kept in the order entered.
