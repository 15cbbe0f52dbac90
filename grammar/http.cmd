# The device's HTTP server (connection requests) and the HTTP client's settings.

cmd ip http server
    mode      config
    help      ip      Global IP configuration subcommands
    help      http    HTTP server configuration
    help      server  Enable HTTP server
    no        ip http server
    handler   ip_http_server
    doc       Turns on the plain-HTTP listener that receives the ACS's connection requests (off by
    doc       default, as on IOS: without it or ip http secure-server no connection request
    doc       reaches the device). It listens on port 7547 of the address of the cwmp wan default
    doc       interface (of every address when there is none) and follows that address when it
    doc       changes; ManagementServer.ConnectionRequestURL says where. Only a GET on the URL's
    doc       random path with digest (MD5) credentials matching connection request username and
    doc       password is accepted (200, then a session with 6 CONNECTION REQUEST); no credentials
    doc       or wrong ones get 401, another method 405, another path 404, and a request over the
    doc       limits 503 (see cwmpd(8), CONNECTION REQUESTS). Without a connection request
    doc       username every request gets 401.

cmd ip http secure-server
    mode      config
    help      ip             Global IP configuration subcommands
    help      http           HTTP server configuration
    help      secure-server  Enable HTTP secure server
    no        ip http secure-server
    handler   ip_http_secure_server
    doc       Turns on the HTTPS listener that receives the ACS's connection requests: port 7548 of
    doc       the same address as ip http server's, the same answers and limits, with a
    doc       self-signed certificate that cwmpd makes at first need, as IOS does, and keeps in its
    doc       state directory (cr-https-key.pem, cr-https-cert.pem). ConnectionRequestURL is the
    doc       https:// one when this is the only listener, or when both are on and the ACS URL is
    doc       https://.

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
