# Autoinstall: a configuration fetched over TFTP when cwmpd starts without a startup-config.

cmd cwmp autoinstall tftp-server WORD$server [bootfile WORD$file]
    mode      exec
    help      cwmp         CWMP (TR-069) agent
    help      autoinstall  Fetch the configuration over TFTP (no startup-config), from a DHCP hook
    help      tftp-server  The lease's TFTP servers (option 150, else option 66)
    help      WORD$server  Addresses or names of the TFTP servers, comma-separated
    help      bootfile     The lease's boot file (option 67)
    help      WORD$file    File name
    handler   cwmp_autoinstall
    doc       For the DHCP client's hook (see cwmpd(8), AUTOINSTALL, and contrib/cwmpd-dhclient-hook):
    doc       when cwmpd started without a startup-config (and without --no-autoinstall), fetches
    doc       over TFTP, as IOS does, the network file (network-confg, else cisconet.cfg), then the
    doc       host file: the boot file when given, else HOSTNAME-confg (the host name the network
    doc       file set), router-confg, ciscortr.cfg. Each file found is merged into running-config
    doc       through the parser (%SYS-5-CONFIG_I: Configured from tftp://SERVER/FILE by
    doc       autoinstall); nothing is saved. The servers (option 150's addresses, in order) are
    doc       tried one after the other until one gives a file; a server that does not answer
    doc       its first file is left at once (%AUTOINSTALL-4-NO_SERVER). When none gives a file,
    doc       the round is tried again 10 and then 30 seconds later (%AUTOINSTALL-4-RETRY), three
    doc       rounds in all, then it has failed (%AUTOINSTALL-4-FAILED). Runs once; later calls
    doc       (renewals) do nothing. "% Invalid TFTP server" or "% Invalid boot file name" for a
    doc       list or a name that cannot go into a tftp:// URL.

cmd show autoinstall
    mode      exec
    help      show         Show running system information
    help      autoinstall  Autoinstall: the configuration fetched over TFTP at first start
    flags     output readonly
    handler   show_autoinstall
    doc       Whether autoinstall is waiting for a lease, running, done (from which server, with
    doc       the network file, the host file or both) or failed, or off (a startup-config was
    doc       there at start, or cwmpd was started with --no-autoinstall).
