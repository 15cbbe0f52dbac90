# The logging buffer: the newest log messages kept in memory, as IOS keeps them.

cmd logging buffered [<4096-2147483647>$bytes] [<0-7>$level | alerts | critical | debugging | emergencies | errors | informational | notifications | warnings]
    mode      config
    help      logging            Modify message logging facilities
    help      buffered           Set buffered logging parameters
    help      <4096-2147483647>  Logging buffer size
    help      <0-7>              Logging severity level
    help      alerts             Immediate action needed           (severity=1)
    help      critical           Critical conditions               (severity=2)
    help      debugging          Debugging messages                (severity=7)
    help      emergencies        System is unusable                (severity=0)
    help      errors             Error conditions                  (severity=3)
    help      informational      Informational messages            (severity=6)
    help      notifications      Normal but significant conditions (severity=5)
    help      warnings           Warning conditions                (severity=4)
    no        logging buffered
    default   8192 informational
    handler   logging_buffered
    doc       Keeps the newest log messages in memory, for show logging: the size in bytes (a
    doc       message takes its length and one more), then the least severe level kept, as a
    doc       keyword or its number. What is not given stays as it was. Buffering is on by
    doc       default, 8192 bytes at informational, so debug output (debug cwmp) is kept only with
    doc       the level debugging (IOS's default level; here the buffer is also what the ACS reads
    doc       as DeviceInfo.DeviceLog, where debug output is not wanted unless asked for). The
    doc       oldest messages make room for new ones; a smaller size keeps the newest that fit.
    doc       no logging buffered turns buffering off and drops the messages. The buffer is in
    doc       memory only: a reload or a restart starts it empty.

cmd show logging
    mode      exec
    help      show     Show running system information
    help      logging  Show the contents of logging buffers
    flags     output readonly
    handler   show_logging
    doc       Prints the state of each logging destination as IOS does (the console is standard
    doc       error with --foreground, the monitor the shells that monitor, the trap syslog
    doc       without --foreground; cwmpd never drops, rate-limits or flushes messages, so those
    doc       counts are 0), then, when buffering is on, "Log Buffer (N bytes):" and the buffered
    doc       messages, oldest first, each stamped as on the console
    doc       (*Nov 25 14:42:12.123: %SYS-5-CONFIG_I: ...).

cmd clear logging
    mode      exec
    help      clear    Reset functions
    help      logging  Clear logging buffer
    handler   clear_logging
    doc       Empties the logging buffer. On a terminal it first asks "Clear logging buffer
    doc       [confirm]": Enter or y clears it, anything else leaves it. From a pipe or -c it
    doc       clears at once.
