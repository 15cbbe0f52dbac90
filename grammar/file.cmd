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
    doc       one, under the last part of the URL's path. On a terminal it first asks "Destination
    doc       filename [NAME]?" (Enter keeps the name), and, when a file of that name exists,
    doc       "Do you want to over write? [confirm]"; from a pipe or -c it overwrites. It prints
    doc       "Accessing URL...", waits for the transfer (the shell takes no other command
    doc       meanwhile), then "[OK - N bytes]" and "N bytes copied in S secs (R bytes/sec)", or
    doc       "%Error opening URL (reason)". The file appears in flash: only once complete. A
    doc       password in the URL is shown as *. The transfer goes on when the shell goes away.

cmd copy URL$source running-config
    mode      exec
    help      copy            Copy from one file to another
    help      URL$source      Copy from a URL (http:, https:, tftp:)
    help      running-config  Update (merge with) current system configuration
    handler   copy_download_running
    doc       Fetches a configuration file from an http:, https: or tftp: URL and merges its lines
    doc       into running-config through the parser, as typed in configuration mode (it is not
    doc       saved: write memory saves it). On a terminal it first asks "Destination filename
    doc       [running-config]?". It prints "Accessing URL...", "[OK - N bytes]" and "N bytes
    doc       copied in S secs (R bytes/sec)", after the lines refused, if any ("line N: LINE"
    doc       and the parser's message); logs %SYS-5-CONFIG_I: Configured from URL. While it is
    doc       fetched the file is flash:copy-running-config.tmp, removed once merged.

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
    doc       "[OK]" after "[OK - N bytes]" once the file is saved.

cmd copy running-config URL$destination
    mode      exec
    help      copy            Copy from one file to another
    help      running-config  Copy from current system configuration
    help      URL             Copy to a URL (http:, https:, tftp:)
    handler   copy_upload
    doc       Uploads the running configuration to an http:, https: or tftp: URL. On a terminal it
    doc       first asks "Destination filename [NAME]?", NAME being the last part of the URL's path
    doc       (or HOSTNAME-confg when the URL ends with a slash): another name replaces it. From a
    doc       pipe or -c, a URL that ends with a slash gets HOSTNAME-confg. It waits for the
    doc       transfer, then prints "N bytes copied in S secs (R bytes/sec)" or "%Error opening URL
    doc       (reason)". Over TFTP a server's error is given in IOS's words (No such file or
    doc       directory, Permission denied, Timed out).

cmd copy startup-config URL$destination
    mode      exec
    help      copy            Copy from one file to another
    help      startup-config  Copy from startup configuration
    help      URL             Copy to a URL (http:, https:, tftp:)
    handler   copy_upload_startup
    doc       Uploads the saved configuration, as copy running-config URL does the running one.
