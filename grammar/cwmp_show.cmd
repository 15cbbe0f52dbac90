# What the CWMP agent shows and traces.

cmd show cwmp session
    mode      exec
    help      show     Show running system information
    help      cwmp     CWMP (TR-069) agent information
    help      session  Session with the ACS: state, last and next contact, events, faults
    flags     output readonly
    handler   show_cwmp_session
    doc       The agent's state: enabled or not, the ACS URL (with "(from DHCP ...)" when DHCP named
    doc       it), the WAN interfaces whose DHCP cwmpd watches for the ACS ("WAN DHCP watched", see
    doc       cwmpd(8), ACS DISCOVERY), DHCP's ProvisioningCode and retry values while they are the
    doc       ones in use, the session under way, the last and
    doc       next contact, the retry count, the queued events and the last fault; then the
    doc       connection-request server: listening or not and why, the ConnectionRequestURL, how
    doc       many requests were accepted (200), challenged and refused (401), limited (503) and
    doc       bad (404, 405), the last accepted one, and the limits in force.

cmd show cwmp methods
    mode      exec
    help      show     Show running system information
    help      cwmp     CWMP (TR-069) agent information
    help      methods  RPC methods the agent answers and calls
    flags     output readonly
    handler   show_cwmp_methods

cmd show cwmp parameter WORD$path
    mode      exec
    help      show       Show running system information
    help      cwmp       CWMP (TR-069) agent information
    help      parameter  Data model parameters with their values and attributes
    help      WORD       A parameter name, or a partial path ending with a dot
    flags     output readonly
    handler   show_cwmp_parameter
    doc       Every parameter named or below the partial path, with its value (passwords hidden),
    doc       type, writability, notification and access list, as the ACS sees them.

cmd show cwmp persistent
    mode      exec
    help      show        Show running system information
    help      cwmp        CWMP (TR-069) agent information
    help      persistent  What the agent keeps across restarts
    flags     output readonly
    handler   show_cwmp_persistent
    doc       The ParameterKey, the bootstrap state, the queued events with their command keys,
    doc       the transfers (queued, in progress, or complete with their TransferComplete owed),
    doc       the ScheduleInform requests waiting, the notification attributes set by the ACS and
    doc       the instance tables.

cmd show cwmp map
    mode      exec
    help      show  Show running system information
    help      cwmp  CWMP (TR-069) agent information
    help      map   Each parameter and the command or live source behind it
    flags     output readonly
    handler   show_cwmp_map

cmd debug cwmp
    mode      exec
    help      debug  Debugging functions
    help      cwmp   CWMP (TR-069) sessions
    no        debug cwmp
    handler   debug_cwmp
    doc       Traces each session: the Inform and its events, each request of the ACS and its
    doc       answer, the end and its reason, to the log and to terminal monitor shells; and each
    doc       connection request: where it came from and what it was answered (never the
    doc       credentials).

cmd undebug {all | cwmp}
    mode      exec
    help      undebug  Disable debugging functions (see also 'debug')
    help      all      Disable all debugging
    help      cwmp     CWMP (TR-069) sessions
    handler   undebug

cmd debug all
    mode      exec
    help      debug  Debugging functions
    help      all    Enable all debugging
    no        debug all
    handler   debug_all
    doc       Turns every debug on (in this version: cwmp and ip http cookie); "no debug all" turns them
    doc       all off.
