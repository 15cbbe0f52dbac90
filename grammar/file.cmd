# The files of flash: (STATE_DIR/flash), where downloads go, and copies to and from URLs.

cmd dir [URL$path]
    mode      exec
    help      dir  List files on a filesystem
    help      URL  flash: or flash:NAME
    flags     output readonly
    handler   dir
    doc       Lists the files of flash: (the directory flash in the state directory) as IOS does:
    doc       an index, the type and the owner's rights (-rw-), the size, the date of the last
    doc       change with the offset of the local time, the name; then the size of the file system
    doc       and the bytes free on it. Without an argument, or with flash: or flash:/, every file;
    doc       with flash:NAME only that one. Files whose names start with a dot (downloads in
    doc       progress) are not shown. flash: has no subdirectories; any other file system is
    doc       answered "%Error opening ... (No such device)".

cmd delete URL$file
    mode      exec
    help      delete  Delete a file
    help      URL     File to be deleted (flash:NAME)
    handler   delete
    doc       Deletes a file of flash:. On a terminal it asks "Delete filename [NAME]?" (Enter keeps
    doc       the name, another one replaces it) and then "Delete flash:/NAME? [confirm]" (Enter or
    doc       y deletes, anything else does not); from a pipe or -c it deletes at once. A name with
    doc       a slash or starting with a dot is refused (Invalid file name), as is any other file
    doc       system than flash:; errors are printed as IOS prints them:
    doc       %Error deleting flash:/NAME (No such file or directory).

cmd copy URL$source URL$destination
    mode      exec
    help      copy             Copy from one file to another
    help      URL$source       Copy from a URL (http:, https:, tftp:)
    help      URL$destination  Copy to flash: (flash:[NAME])
    handler   copy_download
    doc       Downloads the file at an http:, https: or tftp: URL into flash:, as NAME or, without
    doc       one, under the last part of the URL's path. Given only as its scheme (copy tftp:
    doc       flash:), as on IOS, the URL is asked for: "Address or name of remote host []?" and
    doc       "Source filename []?", from a terminal or, from a pipe or -c, the next lines (an empty
    doc       answer is "%Error parsing filename (Invalid argument)"). On a terminal it then asks
    doc       "Destination filename [NAME]?" (Enter keeps the name, the source's last part by
    doc       default), and, when a file of that name exists, "Do you want to over write?
    doc       [confirm]"; from a pipe or -c those defaults are taken without asking, as IOS with
    doc       file prompt quiet, and a file is overwritten. It prints "Accessing URL...", waits for
    doc       the transfer (the shell takes no other command meanwhile), then "[OK - N bytes]", an
    doc       empty line and "N bytes copied in S secs (R bytes/sec)", or "%Error opening URL
    doc       (reason)". Over TFTP, as the first bytes arrive, "Loading FILE from ADDRESS (via
    doc       INTERFACE): " (the interface the route to the server leaves by, in IOS's name), then
    doc       a "!" for every 5120 bytes begun (ten TFTP blocks), printed as they come; a server's
    doc       errors are given in IOS's words (No such file or directory, Permission denied),
    doc       and a server that does not answer in 30 s (CWMPD_TFTP_TIMEOUT, cwmpd(8)) is "Timed
    doc       out". The file appears in flash: only once complete. A password in the URL is shown
    doc       as *. The transfer goes on when the shell goes away.

cmd copy URL$source running-config
    mode      exec
    help      copy            Copy from one file to another
    help      URL$source      Copy from a URL (http:, https:, tftp:)
    help      running-config  Update (merge with) current system configuration
    handler   copy_download_running
    doc       Fetches a configuration file from an http:, https: or tftp: URL and merges its lines
    doc       into running-config through the parser, as typed in configuration mode (it is not
    doc       saved: write memory saves it). A URL given as its scheme only (copy tftp:
    doc       running-config) is asked for as copy URL flash: asks; on a terminal it then asks
    doc       "Destination filename [running-config]?". It prints what copy URL flash: prints,
    doc       with the lines refused, if any ("line N: LINE" and the parser's message), before
    doc       "N bytes copied"; logs %SYS-5-CONFIG_I: Configured from URL. While it is fetched
    doc       the file is flash:copy-running-config.tmp, removed once merged.

cmd copy URL$source startup-config
    mode      exec
    help      copy            Copy from one file to another
    help      URL$source      Copy from a URL (http:, https:, tftp:)
    help      startup-config  Copy to startup configuration
    handler   copy_download_startup
    doc       Fetches a configuration file from an http:, https: or tftp: URL and makes it the
    doc       startup-config as it is (it is not checked, and running-config does not change: the
    doc       next start reads it). The questions are those of copy URL running-config, the
    doc       destination's default being startup-config. It prints what that copy prints, with
    doc       "[OK]" in place of the empty line after "[OK - N bytes]" once the file is saved.
    doc       While it is fetched the file is flash:copy-startup-config.tmp.

cmd copy running-config URL$destination
    mode      exec
    help      copy            Copy from one file to another
    help      running-config  Copy from current system configuration
    help      URL             Copy to a URL (http:, https:, tftp:)
    handler   copy_upload
    doc       Uploads the running configuration to an http:, https: or tftp: URL. On a terminal it
    doc       first asks "Address or name of remote host [HOST]?" (HOST[:PORT] of the URL; another
    doc       answer replaces it), then "Destination filename [NAME]?", NAME being the last part of
    doc       the URL's path, or HOSTNAME-confg in lower case (router-confg) when the URL ends with
    doc       a slash: another name replaces it. Given as its scheme only (copy running-config
    doc       tftp:), the host is asked from a pipe or -c too (the next line), the name defaulting
    doc       to HOSTNAME-confg; otherwise a pipe or -c asks nothing and takes those defaults. It
    doc       waits for the transfer, then prints "N bytes copied in S secs (R bytes/sec)" or
    doc       "%Error opening URL (reason)". Over TFTP a "!" comes when the server takes the file
    doc       and one for every 5120 bytes begun, before that line (a configuration: "!!"); a
    doc       server's error is given in IOS's words (No such file or directory, Permission
    doc       denied, Timed out, Illegal TFTP operation).

cmd copy startup-config URL$destination
    mode      exec
    help      copy            Copy from one file to another
    help      startup-config  Copy from startup configuration
    help      URL             Copy to a URL (http:, https:, tftp:)
    handler   copy_upload_startup
    doc       Uploads the saved configuration, as copy running-config URL does the running one,
    doc       with the same questions.
