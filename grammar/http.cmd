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
    doc       The digest algorithm the HTTP client answers with when a server's 401 offers both an
    doc       MD5 and an MD5-sess challenge: md5 (the default) or md5-sess. A server that offers one
    doc       gets an answer in that one, whatever this says. Either way the answer uses qop=auth
    doc       (a challenge without qop gets the RFC 2069 answer; auth-int alone, SHA-256 and other
    doc       algorithms are not answered), counts nonces (nc) over the session's requests, goes
    doc       on the connection that got the challenge, and is made again once with the new nonce
    doc       when the server says the old one is stale. Basic is answered only over HTTPS.
    doc       Credentials never appear in logs or debug output.
