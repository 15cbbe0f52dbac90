# The HTTP client layer over libcurl (libhttpclient.a).
noinst_LIBRARIES += httpclient/libhttpclient.a
httpclient_libhttpclient_a_CPPFLAGS = $(BASE_CPPFLAGS) -I$(top_srcdir)/httpclient
httpclient_libhttpclient_a_SOURCES = \
	httpclient/cookie.c httpclient/cookie.h httpclient/cookie_int.h \
	httpclient/cookie_date.c httpclient/cookie_match.c \
	httpclient/cookie_netscape.c httpclient/cookie_rfc2965.c \
	httpclient/http_auth.c httpclient/http_auth.h \
	httpclient/http_client.c httpclient/http_client.h \
	httpclient/http_conn.c httpclient/http_conn.h \
	httpclient/http_url.c httpclient/http_url.h
httpclient_libhttpclient_a_CFLAGS = $(AM_CFLAGS) $(LIBCURL_CFLAGS) $(OPENSSL_CFLAGS)
