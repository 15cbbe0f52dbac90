# The device's HTTP server (connection requests) and the HTTP client's settings.

cmd ip http server
    mode      config
    help      ip      Global IP configuration subcommands
    help      http    HTTP server configuration
    help      server  Enable HTTP server
    no        ip http server
    handler   ip_http_server
    doc       Turns on the plain-HTTP listener that receives the ACS's connection requests.

cmd ip http secure-server
    mode      config
    help      ip             Global IP configuration subcommands
    help      http           HTTP server configuration
    help      secure-server  Enable HTTP secure server
    no        ip http secure-server
    handler   ip_http_secure_server
    doc       Turns on the HTTPS listener that receives the ACS's connection requests.

cmd ip http digest algorithm {md5|md5-sess}
    mode      config
    help      ip         Global IP configuration subcommands
    help      http       HTTP server configuration
    help      digest     Set HTTP digest authentication parameters
    help      algorithm  Set HTTP digest algorithm
    help      md5        MD5 algorithm
    help      md5-sess   MD5-sess algorithm
    no        ip http digest algorithm [md5|md5-sess]
    default   md5
    handler   ip_http_digest_algorithm
    doc       The digest algorithm the HTTP client prefers when a server offers a choice.
