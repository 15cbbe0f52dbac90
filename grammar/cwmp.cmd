# The TR-069 (CWMP) agent: ManagementServer settings in IOS form.

cmd cwmp agent
    mode      config
    help      cwmp   Configure the CWMP (TR-069) agent
    help      agent  Enter CWMP agent configuration mode
    no        cwmp agent
    enters    config-cwmp
    handler   cwmp_agent
    doc       Enters CWMP agent configuration mode; "no cwmp agent" removes every setting under it.

cmd enable
    mode      config-cwmp
    help      enable  Enable the CWMP agent (ManagementServer.EnableCWMP)
    no        enable
    handler   cwmp_enable
    doc       Turns the agent's CWMP activity on; it is off until enabled.

cmd enable download
    mode      config-cwmp
    help      enable    Enable the CWMP agent (ManagementServer.EnableCWMP)
    help      download  Allow the ACS to download files (Download RPC)
    no        enable download
    handler   cwmp_enable_download
    default   disabled
    doc       Allows the ACS's Download RPC; without it downloads are refused.

cmd management server url URL$url
    mode      config-cwmp
    help      management  Management server (ACS) settings
    help      server      Management server (ACS) settings
    help      url         URL of the ACS (ManagementServer.URL)
    help      URL         http:// or https:// URL
    no        management server url [URL$url]
    handler   cwmp_management_url
    doc       The ACS the agent contacts. Only http and https URLs are accepted.

cmd management server password {0 WORD$password | 7 WORD$encrypted | WORD$password}
    mode      config-cwmp
    help      management          Management server (ACS) settings
    help      server              Management server (ACS) settings
    help      password            Password for the ACS (ManagementServer.Password)
    help      0                   Specifies an UNENCRYPTED password will follow
    help      7                   Specifies a HIDDEN password will follow
    help      WORD$password       The UNENCRYPTED (cleartext) password
    help      WORD$encrypted      The HIDDEN (type 7) password
    no        management server password
    handler   cwmp_management_password
    doc       The password the agent answers the ACS's authentication with.

cmd provision code WORD$code
    mode      config-cwmp
    help      provision  Provisioning settings
    help      code       Provisioning code (DeviceInfo.ProvisioningCode)
    help      WORD       Provisioning code, up to 64 characters
    no        provision code [WORD$code]
    handler   cwmp_provision_code

cmd connection request username WORD$user
    mode      config-cwmp
    help      connection  Connection request settings
    help      request     Connection request settings
    help      username    Username the ACS must give (ManagementServer.ConnectionRequestUsername)
    help      WORD        Username, up to 256 characters
    no        connection request username [WORD$user]
    handler   cwmp_connection_username

cmd connection request password {0 WORD$password | 7 WORD$encrypted | WORD$password}
    mode      config-cwmp
    help      connection      Connection request settings
    help      request         Connection request settings
    help      password        Password the ACS must give (ManagementServer.ConnectionRequestPassword)
    help      0               Specifies an UNENCRYPTED password will follow
    help      7               Specifies a HIDDEN password will follow
    help      WORD$password   The UNENCRYPTED (cleartext) password
    help      WORD$encrypted  The HIDDEN (type 7) password
    no        connection request password
    handler   cwmp_connection_password

cmd session retry limit <0-15>$retries
    mode      config-cwmp
    help      session  Session settings
    help      retry    Retries of failed sessions
    help      limit    Number of retries whose wait grows
    help      <0-15>   Session retry count
    doc       Caps the growth of the wait between retries of a failed session: after this
    doc       many retries the agent keeps retrying at the longest wait reached until a session
    doc       succeeds, so that no queued event is ever abandoned.
    no        session retry limit [<0-15>$retries]
    default   11
    handler   cwmp_session_retry_limit

cmd request outstanding <0-10>$requests
    mode      config-cwmp
    help      request      CPE-initiated requests
    help      outstanding  Requests sent before their responses arrive
    help      <0-10>       Number of outstanding requests
    no        request outstanding [<0-10>$requests]
    default   5
    handler   cwmp_request_outstanding

cmd parameter change notify interval <15-300>$seconds
    mode      config-cwmp
    help      parameter  Parameter settings
    help      change     Parameter change notification
    help      notify     Parameter change notification
    help      interval   Seconds between scans for changed parameter values
    help      <15-300>   Seconds
    no        parameter change notify interval [<15-300>$seconds]
    default   60
    handler   cwmp_notify_interval

# ManagementServer settings that TR-069 defines and the feature documentation names no command
# for. Each is the same value as its parameter: the ACS sees what the operator set, and the other
# way round.

cmd management server username WORD$user
    mode      config-cwmp
    help      management  Management server (ACS) settings
    help      server      Management server (ACS) settings
    help      username    Username for the ACS (ManagementServer.Username)
    help      WORD        Username, up to 256 characters
    no        management server username [WORD$user]
    default   OUI-SerialNumber of the device
    handler   cwmp_management_username

cmd periodic inform
    mode      config-cwmp
    help      periodic  Periodic contact with the ACS
    help      inform    Inform the ACS periodically (ManagementServer.PeriodicInformEnable)
    no        periodic inform
    default   disabled
    handler   cwmp_periodic_inform
    doc       Starts a session with event 2 PERIODIC every interval, at the phase set by time.

cmd periodic inform interval <1-4294967295>$seconds
    mode      config-cwmp
    help      periodic  Periodic contact with the ACS
    help      inform    Inform the ACS periodically (ManagementServer.PeriodicInformEnable)
    help      interval  Seconds between periodic Informs (ManagementServer.PeriodicInformInterval)
    help      <1-4294967295>  Seconds
    no        periodic inform interval [<1-4294967295>$seconds]
    default   86400
    handler   cwmp_periodic_interval

cmd periodic inform time WORD$datetime
    mode      config-cwmp
    help      periodic  Periodic contact with the ACS
    help      inform    Inform the ACS periodically (ManagementServer.PeriodicInformEnable)
    help      time      A time the periodic Informs fall on (ManagementServer.PeriodicInformTime)
    help      WORD      Date and time, 2026-11-25T03:00:00Z
    no        periodic inform time [WORD$datetime]
    default   none (cwmpd picks the phase)
    handler   cwmp_periodic_time
    doc       An xsd:dateTime, with an offset or Z; it is kept in UTC with its fraction of a second as
    doc       given (up to nanoseconds, 2026-11-25T03:00:00.123Z), so that PeriodicInformTime reads back
    doc       as the ACS set it.

cmd session retry wait <1-65535>$seconds
    mode      config-cwmp
    help      session  Session settings
    help      retry    Retries of failed sessions
    help      wait     First wait after a failed session (ManagementServer.CWMPRetryMinimumWaitInterval)
    help      <1-65535>  Seconds
    no        session retry wait [<1-65535>$seconds]
    default   5
    handler   cwmp_retry_wait

cmd session retry multiplier <1000-65535>$thousandths
    mode      config-cwmp
    help      session     Session settings
    help      retry       Retries of failed sessions
    help      multiplier  Growth of the wait (ManagementServer.CWMPRetryIntervalMultiplier)
    help      <1000-65535>  Thousandths: 2000 doubles the wait after each failure
    no        session retry multiplier [<1000-65535>$thousandths]
    default   2000
    handler   cwmp_retry_multiplier

cmd parameter change notify throttle <0-4294967295>$seconds
    mode      config-cwmp
    help      parameter  Parameter settings
    help      change     Parameter change notification
    help      notify     Parameter change notification
    help      throttle   Least time between sessions for active notifications (ManagementServer.DefaultActiveNotificationThrottle)
    help      <0-4294967295>  Seconds
    no        parameter change notify throttle [<0-4294967295>$seconds]
    default   0
    handler   cwmp_notify_throttle

cmd manageable-device notification limit <0-4294967295>$seconds
    mode      config-cwmp
    help      manageable-device  LAN devices associated through DHCP option 125 (TR-111)
    help      notification       Notification of the ManageableDevice table
    help      limit              Least time between active notifications of ManageableDeviceNumberOfEntries (ManagementServer.ManageableDeviceNotificationLimit)
    help      <0-4294967295>     Seconds
    no        manageable-device notification limit [<0-4294967295>$seconds]
    default   0
    handler   cwmp_manageable_notify_limit
    doc       When the ACS has set active notification on ManageableDeviceNumberOfEntries, a
    doc       change of the count that comes sooner than this after the last one notified waits
    doc       until the time is up, and is then notified with its value of that moment (several
    doc       devices coming and going in between make one notification, or none when the count
    doc       is back where it was). 0: no limit.

cmd upgrades managed
    mode      config-cwmp
    help      upgrades  Firmware upgrades
    help      managed   Take upgrades only from the ACS (ManagementServer.UpgradesManaged)
    no        upgrades managed
    handler   cwmp_upgrades_managed

cmd request size limit <16-65536>$kilobytes
    mode      config-cwmp
    help      request  CPE-initiated requests
    help      size     Size of the ACS's messages
    help      limit    Largest ACS message accepted
    help      <16-65536>  Kilobytes
    no        request size limit [<16-65536>$kilobytes]
    default   4096
    handler   cwmp_request_size_limit
    doc       A request of the ACS larger than this is answered with fault 9004 (resources
    doc       exceeded) and the session goes on; any other message of the ACS larger than this
    doc       ends the session as a failure. The default holds a read of 10,000 parameters by
    doc       name in one request (about 1.2 MB).

# TR-111 Part 2 (TR-069 Annex G): STUN keeps a binding open in a NAT gateway in front of the CPE,
# and the ACS sends UDP connection requests to it. Each line is one ManagementServer parameter.

cmd stun
    mode      config-cwmp
    help      stun  STUN and UDP connection requests through NAT (ManagementServer.STUNEnable)
    no        stun
    default   disabled
    handler   cwmp_stun
    doc       Sends STUN Binding Requests from the UDP connection-request port (the TCP connection
    doc       request server's port, on its address) to keep a binding open in a NAT gateway, learns
    doc       the public address and port (UDPConnectionRequestAddress, NATDetected) and accepts UDP
    doc       connection requests on that port.

cmd stun server WORD$host
    mode      config-cwmp
    help      stun    STUN and UDP connection requests through NAT (ManagementServer.STUNEnable)
    help      server  STUN server (ManagementServer.STUNServerAddress)
    help      WORD    Host name or IP address, up to 256 characters
    no        stun server [WORD$host]
    default   none (the ACS URL's host)
    handler   cwmp_stun_server
    doc       Without a server the Binding Requests go to the host of the ACS URL, as TR-069 says.

cmd stun port <0-65535>$port
    mode      config-cwmp
    help      stun       STUN and UDP connection requests through NAT (ManagementServer.STUNEnable)
    help      port       STUN server's UDP port (ManagementServer.STUNServerPort)
    help      <0-65535>  Port number
    no        stun port [<0-65535>$port]
    default   3478
    handler   cwmp_stun_port
    doc       A line of its own, as the ACS may set the port without the address.

cmd stun username WORD$user
    mode      config-cwmp
    help      stun      STUN and UDP connection requests through NAT (ManagementServer.STUNEnable)
    help      username  STUN USERNAME (ManagementServer.STUNUsername)
    help      WORD      Username, up to 256 characters
    no        stun username [WORD$user]
    handler   cwmp_stun_username
    doc       Given only when the STUN server asks for message integrity (error 401); without a
    doc       username the requests never carry MESSAGE-INTEGRITY.

cmd stun password {0 WORD$password | 7 WORD$encrypted | WORD$password}
    mode      config-cwmp
    help      stun            STUN and UDP connection requests through NAT (ManagementServer.STUNEnable)
    help      password        Key of the STUN MESSAGE-INTEGRITY (ManagementServer.STUNPassword)
    help      0               Specifies an UNENCRYPTED password will follow
    help      7               Specifies a HIDDEN password will follow
    help      WORD$password   The UNENCRYPTED (cleartext) password
    help      WORD$encrypted  The HIDDEN (type 7) password
    no        stun password
    handler   cwmp_stun_password
    doc       Kept and shown as the other CWMP passwords are (service password-encryption).

cmd stun keepalive minimum <0-4294967295>$seconds
    mode      config-cwmp
    help      stun       STUN and UDP connection requests through NAT (ManagementServer.STUNEnable)
    help      keepalive  Binding Requests that keep the NAT binding open
    help      minimum    Least time between them (ManagementServer.STUNMinimumKeepAlivePeriod)
    help      <0-4294967295>  Seconds
    no        stun keepalive minimum [<0-4294967295>$seconds]
    default   10
    handler   cwmp_stun_keepalive_min
    doc       Binding Requests that keep the binding open are never sent closer together than this
    doc       (retransmissions and those that announce a changed binding excepted).

cmd stun keepalive maximum <0-2147483647>$seconds
    mode      config-cwmp
    help      stun       STUN and UDP connection requests through NAT (ManagementServer.STUNEnable)
    help      keepalive  Binding Requests that keep the NAT binding open
    help      maximum    Longest time between them (ManagementServer.STUNMaximumKeepAlivePeriod)
    help      <0-2147483647>  Seconds
    no        stun keepalive maximum [<0-2147483647>$seconds]
    default   none (STUNMaximumKeepAlivePeriod -1)
    handler   cwmp_stun_keepalive_max
    doc       Without a maximum cwmpd sends one every 30 seconds (or the minimum, when that is
    doc       longer), short enough for the UDP timeouts of common NAT gateways.

cmd connection request udp notification limit <0-4294967295>$seconds
    mode      config-cwmp
    help      connection    Connection request settings
    help      request       Connection request settings
    help      udp           UDP connection requests (TR-111)
    help      notification  Notification of UDPConnectionRequestAddress
    help      limit         Least time between active notifications of UDPConnectionRequestAddress (ManagementServer.UDPConnectionRequestAddressNotificationLimit)
    help      <0-4294967295>  Seconds
    no        connection request udp notification limit [<0-4294967295>$seconds]
    default   0
    handler   cwmp_udp_cr_notify_limit
    doc       When the ACS has set active notification on UDPConnectionRequestAddress, a new
    doc       address that comes sooner than this after the last one notified waits until the
    doc       time is up. 0: no limit.
