#include "http_auth.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static void md5_hex(const char *data, size_t len, char out[33])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(data, len, md, &n, EVP_md5(), NULL);
    for (unsigned i = 0; i < 16; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* MD5 of the parts joined with colons. */
static void md5_joined(char out[33], const char *const *parts, size_t n)
{
    struct strbuf b = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_putc(&b, ':');
        sb_puts(&b, parts[i]);
    }
    md5_hex(sb_str(&b), b.len, out);
    sb_free(&b);
}

void http_digest_response(const char *user, const char *realm, const char *password, bool md5_sess,
                          const char *nonce, const char *nc, const char *cnonce, const char *qop,
                          const char *method, const char *uri, char out[33])
{
    char ha1[33], ha2[33];
    md5_joined(ha1, (const char *const[]){user, realm, password}, 3);
    if (md5_sess) {
        char base[33];
        memcpy(base, ha1, sizeof base);
        md5_joined(ha1, (const char *const[]){base, nonce, cnonce}, 3);
    }
    md5_joined(ha2, (const char *const[]){method, uri}, 2);
    if (qop && *qop)
        md5_joined(out, (const char *const[]){ha1, nonce, nc, cnonce, qop, ha2}, 6);
    else
        md5_joined(out, (const char *const[]){ha1, nonce, ha2}, 3);
}

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == ',')
        p++;
    return p;
}

/* Reads name=value, the value a token or a quoted string; false at the end or on garbage. */
static bool next_param(const char **pp, char *name, size_t ncap, char *value, size_t vcap)
{
    const char *p = skip_space(*pp);
    size_t n = 0;
    while (*p && (isalnum((unsigned char)*p) || *p == '-' || *p == '_')) {
        if (n + 1 >= ncap)
            return false;
        name[n++] = *p++;
    }
    name[n] = '\0';
    while (*p == ' ' || *p == '\t')
        p++;
    if (n == 0 || *p != '=')
        return false;
    p++;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t v = 0;
    if (*p == '"') {
        p++;
        while (*p && *p != '"') {
            if (*p == '\\' && p[1])
                p++;
            if (v + 1 >= vcap)
                return false;
            value[v++] = *p++;
        }
        if (*p != '"')
            return false;
        p++;
    } else {
        /* a token: no quotes, no control characters */
        while (*p && *p != ',' && *p != ' ' && *p != '\t') {
            if (v + 1 >= vcap)
                return false;
            value[v++] = *p++;
        }
    }
    value[v] = '\0';
    for (size_t i = 0; i < v; i++)
        if ((unsigned char)value[i] < 0x20 || value[i] == 0x7f)
            return false; /* a challenge carries no control characters */
    *pp = p;
    return true;
}

/* Does a comma-separated list (qop="auth,auth-int") hold this token? */
static bool list_has(const char *list, const char *token)
{
    size_t tlen = strlen(token);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, ", ");
        if (len == tlen && !strncasecmp(p, token, len))
            return true;
        p += len;
    }
    return false;
}

int http_challenge_parse(const char *value, struct http_challenge *ch)
{
    memset(ch, 0, sizeof *ch);
    const char *p = value;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!strncasecmp(p, "Basic", 5) && (p[5] == '\0' || p[5] == ' ')) {
        ch->scheme = HTTP_AUTH_BASIC;
        p += 5;
    } else if (!strncasecmp(p, "Digest", 6) && p[6] == ' ') {
        ch->scheme = HTTP_AUTH_DIGEST;
        p += 6;
    } else {
        return -1;
    }
    char name[32], val[HTTP_AUTH_FIELD_MAX];
    bool qop_given = false;
    while (*skip_space(p)) {
        if (!next_param(&p, name, sizeof name, val, sizeof val))
            return -1;
        if (!strcasecmp(name, "realm")) {
            strcpy(ch->realm, val);
        } else if (!strcasecmp(name, "nonce")) {
            strcpy(ch->nonce, val);
        } else if (!strcasecmp(name, "opaque")) {
            strcpy(ch->opaque, val);
        } else if (!strcasecmp(name, "stale")) {
            ch->stale = !strcasecmp(val, "true");
        } else if (!strcasecmp(name, "algorithm")) {
            if (!strcasecmp(val, "MD5-sess"))
                ch->md5_sess = true;
            else if (strcasecmp(val, "MD5") != 0)
                ch->unsupported = true; /* SHA-256 and others: not ours to answer */
        } else if (!strcasecmp(name, "qop")) {
            qop_given = true;
            ch->qop_auth = list_has(val, "auth");
        }
    }
    if (qop_given && !ch->qop_auth)
        ch->unsupported = true; /* auth-int alone */
    if (ch->scheme == HTTP_AUTH_DIGEST && !ch->nonce[0])
        return -1;
    return 0;
}

int http_challenge_pick(const struct http_challenge *v, size_t n, bool basic_allowed,
                        bool prefer_md5_sess)
{
    int best = -1, best_rank = 0;
    for (size_t i = 0; i < n; i++) {
        int rank = 0;
        if (v[i].scheme == HTTP_AUTH_DIGEST && !v[i].unsupported)
            rank = v[i].md5_sess == prefer_md5_sess ? 3 : 2;
        else if (v[i].scheme == HTTP_AUTH_BASIC && basic_allowed)
            rank = 1;
        if (rank > best_rank) {
            best = (int)i;
            best_rank = rank;
        }
    }
    return best;
}

void http_auth_start(struct http_auth_state *st, const struct http_challenge *ch)
{
    st->ch = *ch;
    st->nc = 0;
    st->active = true;
    unsigned char raw[16];
    if (RAND_bytes(raw, sizeof raw) != 1)
        memset(raw, 0x5a, sizeof raw);
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(st->cnonce + 2 * i, 3, "%02x", raw[i]);
}

/* A quoted-string of the header: quotes and backslashes escaped; control characters (a CR or LF
 * would start another header) are never written. */
static void quoted(struct strbuf *out, const char *name, const char *value)
{
    sb_printf(out, "%s=\"", name);
    for (const char *p = value; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            continue;
        if (*p == '"' || *p == '\\')
            sb_putc(out, '\\');
        sb_putc(out, *p);
    }
    sb_putc(out, '"');
}

void http_auth_header(struct http_auth_state *st, const char *method, const char *uri,
                      const char *user, const char *password, struct strbuf *out)
{
    if (st->ch.scheme == HTTP_AUTH_BASIC) {
        struct strbuf plain = STRBUF_INIT;
        sb_printf(&plain, "%s:%s", user, password);
        unsigned char enc[4 * ((HTTP_AUTH_FIELD_MAX * 2 + 2) / 3) + 8];
        size_t len = plain.len > HTTP_AUTH_FIELD_MAX * 2 ? HTTP_AUTH_FIELD_MAX * 2 : plain.len;
        EVP_EncodeBlock(enc, (const unsigned char *)plain.buf, (int)len);
        sb_printf(out, "Authorization: Basic %s", enc);
        sb_free(&plain);
        return;
    }
    char nc[9], response[33];
    snprintf(nc, sizeof nc, "%08x", ++st->nc);
    const char *qop = st->ch.qop_auth ? "auth" : "";
    http_digest_response(user, st->ch.realm, password, st->ch.md5_sess, st->ch.nonce, nc,
                         st->cnonce, qop, method, uri, response);
    sb_puts(out, "Authorization: Digest ");
    quoted(out, "username", user);
    sb_puts(out, ", ");
    quoted(out, "realm", st->ch.realm);
    sb_puts(out, ", ");
    quoted(out, "nonce", st->ch.nonce);
    sb_puts(out, ", ");
    quoted(out, "uri", uri);
    sb_printf(out, ", algorithm=%s", st->ch.md5_sess ? "MD5-sess" : "MD5");
    if (*qop) {
        sb_printf(out, ", qop=auth, nc=%s, ", nc);
        quoted(out, "cnonce", st->cnonce);
    }
    sb_puts(out, ", ");
    quoted(out, "response", response);
    if (st->ch.opaque[0]) {
        sb_puts(out, ", ");
        quoted(out, "opaque", st->ch.opaque);
    }
}
