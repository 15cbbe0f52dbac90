# The HTTP client layer that the CWMP session and file transfers use: its cookies, its
# connections, the CA it trusts and its debugging.

cmd show ip http client cookie {brief|summary} [domain WORD$cookie_domain | name WORD$cookie_name | session WORD$session_name]
    mode      exec
    help      show             Show running system information
    help      ip               IP information
    help      http             HTTP information
    help      client           HTTP client information
    help      cookie           HTTP client cookies
    help      brief            One line a cookie
    help      summary          Every attribute of each cookie
    help      domain           Cookies of a domain
    help      WORD$cookie_domain  Domain name, with or without its leading dot
    help      name             Cookies of a name
    help      WORD$cookie_name    Cookie name
    help      session          Cookies of a client session
    help      WORD$session_name      Client session name (cwmp)
    flags     output readonly
    handler   show_ip_http_client_cookie
    doc       Lists the cookies each HTTP client session holds: Netscape cookies (Set-Cookie) and
    doc       RFC 2965 cookies (Set-Cookie2). brief prints one line a cookie (session, name, version,
    doc       domain, path, expiry); summary prints every attribute, value included. A session's
    doc       cookies are sent back on each later request of its CWMP session and dropped at its
    doc       end, unless they carry an expiry (Max-Age or Expires, without Discard) still ahead.

cmd clear ip http client cookie [domain WORD$cookie_domain | name WORD$cookie_name | session WORD$session_name]
    mode      exec
    help      clear            Reset functions
    help      ip               IP
    help      http             HTTP
    help      client           HTTP client
    help      cookie           HTTP client cookies
    help      domain           Cookies of a domain
    help      WORD$cookie_domain  Domain name, with or without its leading dot
    help      name             Cookies of a name
    help      WORD$cookie_name    Cookie name
    help      session          Cookies of a client session
    help      WORD$session_name      Client session name (cwmp)
    handler   clear_ip_http_client_cookie
    doc       Forgets the matching cookies (all of them without a filter), persistent ones included.
    doc       A session in progress goes on without them.

cmd show ip http client connection
    mode      exec
    help      show        Show running system information
    help      ip          IP information
    help      http        HTTP information
    help      client      HTTP client information
    help      connection  HTTP client connections
    flags     output readonly
    handler   show_ip_http_client_connection
    doc       Lists the open connections of each HTTP client session: local and remote address and
    doc       port, state (active while a request runs on it, idle while kept alive between the
    doc       requests of a session), the requests it carried and its age. A CWMP session keeps one
    doc       connection and closes it at its end.

cmd ip http client ca-file WORD$path
    mode      config
    help      ip       Global IP configuration subcommands
    help      http     HTTP server configuration
    help      client   HTTP client configuration
    help      ca-file  File of the certificate authorities to trust
    help      WORD     Absolute path of a PEM file
    no        ip http client ca-file [WORD$path]
    handler   ip_http_client_ca_file
    doc       The HTTP client verifies every HTTPS server's certificate and host name, always; by
    doc       default against the system's CA store, with this against the CAs of a PEM file
    doc       instead (IOS names a crypto PKI trustpoint here; cwmpd takes the file). A server that
    doc       fails verification ends the session with a "TLS:" fault in show cwmp session and a
    doc       %CWMP-4-SESSION log line.

cmd debug ip http cookie
    mode      exec
    help      debug   Debugging functions
    help      ip      IP information
    help      http    HTTP information
    help      cookie  HTTP client cookies
    no        debug ip http cookie
    handler   debug_ip_http_cookie
    doc       Traces the HTTP client's cookies: each one received, stored, rejected (with the rule
    doc       that rejected it), sent and expired, with its name, domain and path. Values are never
    doc       logged: a session cookie is a credential.

cmd undebug ip http cookie
    mode      exec
    help      undebug  Disable debugging functions (see also 'debug')
    help      ip       IP information
    help      http     HTTP information
    help      cookie   HTTP client cookies
    handler   debug_ip_http_cookie_off
