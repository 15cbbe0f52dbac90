# EXEC commands: privilege, configuration mode, saving, the terminal and system status.

cmd enable
    mode      exec
    privilege 0
    help      enable  Turn on privileged commands
    handler   exec_enable
    doc       Enters privileged EXEC (level 15). When an enable secret is configured it asks for it
    doc       (Password:), three times at most, then answers "% Bad secrets". Without a secret it
    doc       asks for the enable password when one is set, and answers "% Bad passwords". After
    doc       each wrong answer the next question (or the answer) comes one second later, and
    doc       %SYS-5-PRIV_AUTH_FAIL is logged.

cmd disable
    mode      exec
    privilege 0
    help      disable  Turn off privileged commands
    handler   exec_disable
    doc       Returns from privileged to user EXEC (level 1), from any level.

cmd configure terminal
    mode      exec
    help      configure  Enter configuration mode
    help      terminal   Configure from the terminal
    handler   configure_terminal
    enters    config
    doc       Enters global configuration mode. Configuration commands apply at once to the running
    doc       configuration; changes from several shells apply one at a time. As a line of a
    doc       startup-config or a SetConfiguration block (any abbreviation, such as conf t) it returns
    doc       to global configuration, so that blocks copied from a terminal session are taken as
    doc       they are.

cmd show running-config
    mode      exec
    help      show            Show running system information
    help      running-config  Current operating configuration
    flags     output readonly
    handler   show_running_config
    doc       Prints the running configuration in IOS order, defaults omitted, passwords as configured
    doc       (type 7 when service password-encryption is on).

cmd show startup-config
    mode      exec
    help      show            Show running system information
    help      startup-config  Contents of startup configuration
    flags     output readonly
    handler   show_startup_config
    doc       Prints the saved configuration that cwmpd loads at start.

cmd write [memory]
    mode      exec
    help      write   Write running configuration to memory, network, or terminal
    help      memory  Write to NV memory
    handler   write_memory
    doc       Saves the running configuration as startup-config, atomically: a crash at any instant
    doc       leaves either the old or the new file.

cmd write erase
    mode      exec
    help      write   Write running configuration to memory, network, or terminal
    help      erase   Erase NV memory
    handler   write_erase
    doc       Erases the startup-config, as IOS erases nvram: on a terminal it first asks "Erasing the
    doc       nvram filesystem will remove all configuration files! Continue? [confirm]" (Enter or y
    doc       goes on, anything else keeps the file); from a pipe or -c it goes on at once, as the
    doc       default answer. Then "[OK]" and "Erase of nvram: complete", and %SYS-7-NV_BLOCK_INIT is
    doc       logged. The file is removed at once and the removal synced to disk: a crash leaves it
    doc       either whole or gone. The running configuration stays as it is (write memory saves it
    doc       again); a start without a startup-config starts from the defaults. The CWMP state
    doc       (the ParameterKey, the port mappings' records) is not erased: like IOS, which erases
    doc       only the configuration files of nvram.

cmd erase startup-config
    mode      exec
    help      erase           Erase a filesystem
    help      startup-config  Erase contents of configuration memory
    handler   write_erase
    doc       Same as write erase.

cmd copy running-config startup-config
    mode      exec
    help      copy            Copy from one file to another
    help      running-config  Copy from current system configuration
    help      startup-config  Copy to startup configuration
    handler   copy_running_startup
    doc       Same as write memory; on a terminal it first asks for the destination name.

cmd copy startup-config running-config
    mode      exec
    help      copy            Copy from one file to another
    help      startup-config  Copy from startup configuration
    help      running-config  Update (merge with) current system configuration
    handler   copy_startup_running
    doc       Merges the saved configuration into the running one, line by line, as IOS does.

cmd reload
    mode      exec
    help      reload  Halt and perform a cold restart
    handler   reload
    doc       Restarts cwmpd as a reload restarts IOS: cwmpd executes itself again, with the same
    doc       program, options and process id, and reads its startup-config; the running
    doc       configuration is lost unless saved, the logging buffer starts empty, and every shell
    doc       is disconnected (this one closes as the reply arrives). On a terminal, when the
    doc       running configuration differs from startup-config, it first asks "System
    doc       configuration has been modified. Save? [yes/no]:" (yes saves as write memory does,
    doc       and a failed save stops the reload; no does not save; anything else is answered
    doc       "% Please answer 'yes' or 'no'." and asked again), then "Proceed with reload?
    doc       [confirm]": Enter or y reloads, anything else does not. From a pipe or -c nobody can
    doc       answer: it reloads at once without saving. It is logged as %SYS-5-RELOAD with the
    doc       user and line. X_00000C_ShowStatus and configuration blocks (do reload) refuse it.

cmd terminal length <0-512>$lines
    mode      exec
    privilege 1
    help      terminal  Set terminal line parameters
    help      length    Set number of lines on a screen
    help      <0-512>   Number of lines on screen (0 for no pausing)
    handler   terminal_length
    default   24
    doc       Sets the pager's page length for this session only; 0 turns paging off.

cmd terminal monitor
    mode      exec
    privilege 1
    help      terminal  Set terminal line parameters
    help      monitor   Copy debug output to the current terminal line
    handler   terminal_monitor
    doc       Sends log and debug messages to this session as they happen.

cmd terminal no monitor
    mode      exec
    privilege 1
    help      terminal  Set terminal line parameters
    help      no        Negate a command or set its defaults
    help      monitor   Copy debug output to the current terminal line
    handler   terminal_no_monitor
    doc       Stops sending log and debug messages to this session.

cmd show version
    mode      exec
    privilege 1
    help      show     Show running system information
    help      version  System hardware and software status
    flags     output readonly
    handler   show_version
    doc       Prints the software version, the host, the uptime and the files cwmpd uses. The uptime
    doc       is in IOS's words: years, weeks, days, hours and minutes from the largest unit that is
    doc       not 0, every smaller one after it even when 0, minutes always, singular for 1 ("1 hour,
    doc       0 minutes"). "System returned to ROM by" and "Last reload reason:" say how the
    doc       previous run of cwmpd ended, as cwmpd recorded it in its state directory (file
    doc       last-reload): "power-on" on the first start, "reload at TIME" and "Reload Command"
    doc       after the reload command, "Reboot RPC at TIME" after the ACS's Reboot, "FactoryReset
    doc       RPC at TIME" after its FactoryReset, "download at TIME" after an installed firmware or
    doc       configuration file, "signal N at TIME" after a stop by SIGTERM or SIGINT, and "error -
    doc       cwmpd ended without stopping (crash or kill)" when the previous run left no record of
    doc       its end. "1024K bytes of non-volatile configuration memory." is the largest
    doc       startup-config cwmpd reads or writes, and the next line the size of the
    doc       startup-config ("startup-config uses N bytes of it.", or "startup-config is not
    doc       present.").

cmd show clock
    mode      exec
    privilege 1
    help      show   Show running system information
    help      clock  Display the system clock
    flags     output readonly
    handler   show_clock
    doc       Prints the time as IOS does; a leading * means the clock is not synchronised.

cmd show history
    mode      exec
    privilege 1
    help      show     Show running system information
    help      history  Display the session command history
    flags     output readonly
    handler   show_history
    doc       Prints the last 10 commands of this session.

cmd show users
    mode      exec
    privilege 1
    help      show   Show running system information
    help      users  Display information about terminal lines
    flags     output readonly
    handler   show_users
    doc       Lists the shells attached to cwmpd: line, user, idle time and where they come from;
    doc       * marks this session.
