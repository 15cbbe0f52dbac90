# The configuration archive and configure replace.

cmd archive
    mode      config
    help      archive  Archive the configuration
    no        archive
    enters    config-archive
    handler   archive
    doc       Enters archive configuration mode; "no archive" removes its settings.

cmd path URL$url
    mode      config-archive
    help      path  path for backups
    help      URL   Location of the archive, as a URL (flash:config, http://host/dir/ ...)
    no        path [URL$url]
    handler   archive_path
    doc       Where archive config saves the running configuration: the path with "-N" appended,
    doc       N counting from 1 (path flash:config gives flash:config-1, flash:config-2 ...).
    doc       Only flash: paths are archived to; another path is accepted and kept, and archiving
    doc       to it fails with "%Error opening PATH-N (Only flash: can hold the archive)".
    doc       Another path starts a new list, from 1.

cmd maximum <1-14>$copies
    mode      config-archive
    help      maximum  maximum number of backup copies
    help      <1-14>   maximum number of backup copies
    no        maximum [<1-14>$copies]
    default   10
    handler   archive_maximum
    doc       How many archived copies are kept: saving one more deletes the oldest file, while the
    doc       numbers go on growing (with maximum 3, flash:config-4 deletes flash:config-1), as on
    doc       IOS. Lowered, the copies beyond it go at the next archive.

cmd write-memory
    mode      config-archive
    help      write-memory  Enable automatic backup generation during write memory
    no        write-memory
    handler   archive_write_memory
    doc       Makes every write memory (and copy running-config startup-config) also archive the
    doc       running configuration, as archive config does, after "[OK]"; a failure to archive
    doc       is printed and does not undo the save.

cmd time-period <1-525600>$minutes
    mode      config-archive
    help      time-period  Period of time in minutes to automatically archive the running-config
    help      <1-525600>   Number of minutes to wait between archive creation
    no        time-period [<1-525600>$minutes]
    handler   archive_time_period
    doc       Archives the running configuration every that many minutes, as IOS does: whether it
    doc       changed or not. The first archive comes one period after the command (or after the
    doc       start); another change of the configuration does not put it off. A failure is logged
    doc       as %ARCHIVE-4-PERIODIC.

cmd archive config
    mode      exec
    help      archive  manage archive files
    help      config   Archive the running configuration
    handler   archive_config
    doc       Saves the running configuration, as write memory would save it, under the next name
    doc       of the archive (path, maximum); prints nothing when done. Without a path: "% No
    doc       archive path specified". The list of copies lives as long as cwmpd, as on IOS: after
    doc       a restart the numbers start again from 1, overwriting the files of that name.

cmd show archive
    mode      exec
    help      show     Show running system information
    help      archive  Archive functions
    flags     output readonly
    handler   show_archive
    doc       Prints, as IOS does, "The maximum archive configurations allowed is N.", "There are
    doc       currently N archive configurations saved.", "The next archive file will be named
    doc       PATH-N", then under " Archive #  Name" one row per copy allowed, oldest first, the
    doc       newest marked "<- Most Recent", the rows without a copy numbered only. Without an
    doc       archive path: " Archive feature not enabled".

cmd configure replace URL$url [force]
    mode      exec
    help      configure  Enter configuration mode
    help      replace    Replace the running-config with a new config file
    help      URL        The file of flash: that replaces the running-config (flash:NAME)
    help      force      Forcibly replace without the user confirmation
    handler   configure_replace
    doc       Replaces the whole running configuration by a saved one (an archived copy, a file
    doc       copied to flash:), as IOS does: on a terminal it first asks "This will apply all
    doc       necessary additions and deletions to replace the current running configuration with
    doc       the contents of the specified configuration file, which is assumed to be a complete
    doc       configuration, not a partial configuration. Enter Y if you are sure you want to
    doc       proceed. ? [no]: " (y or yes replaces; Enter or anything else does not); force
    doc       replaces without asking. From a pipe or -c, without force, the default answer is
    doc       taken, which is no: "% Configuration not replaced: the default answer is no (add
    doc       force)". The file's lines go through the parser onto an empty configuration, and
    doc       what they configure is compared with the running configuration as running-config
    doc       shows both: the lines only the running configuration has are negated (their no
    doc       forms, from the bottom up), the new ones added, in passes (at most 5, as IOS) until
    doc       the two are the same; then "Total number of passes: N" (0 when they were the same)
    doc       and "Rollback Done", and %SYS-5-CONFIG_R is logged. All or nothing: a line of the
    doc       file that fails ("%Error in flash:NAME line N: LINE" and the parser's message), or
    doc       a difference still left after 5 passes ("%Rollback aborted after 5 passes", after
    doc       the lines that failed), changes nothing. The change is announced as any other (value
    doc       change notifications); it is not saved (write memory saves it). A file that cannot be
    doc       read: "%Error opening flash:NAME (No such file or directory)" and the like; only
    doc       files of flash: are read.
