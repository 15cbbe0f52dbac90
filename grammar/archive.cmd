# The configuration archive.

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

cmd maximum <1-14>$copies
    mode      config-archive
    help      maximum  maximum number of backup copies
    help      <1-14>   maximum number of backup copies
    no        maximum [<1-14>$copies]
    default   10
    handler   archive_maximum
