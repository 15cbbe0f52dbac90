#include "auth.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

void random_hex(char *out, size_t n)
{
    unsigned char buf[64];
    if (n > sizeof(buf))
        n = sizeof(buf);
    if (RAND_bytes(buf, (int)n) != 1)
        abort(); /* no randomness: nothing sensible to hand out as a nonce */
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", buf[i]);
    out[2 * n] = '\0';
}

/* MD5 of the parts joined by ':', as RFC 2617 writes every hash, in hex. */
static void md5_hex(char out[33], const char *const *parts, size_t n)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int dlen = 0;
    if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_md5(), NULL) != 1)
        abort();
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            EVP_DigestUpdate(ctx, ":", 1);
        EVP_DigestUpdate(ctx, parts[i], strlen(parts[i]));
    }
    EVP_DigestFinal_ex(ctx, d, &dlen);
    EVP_MD_CTX_free(ctx);
    for (unsigned int i = 0; i < dlen && i < 16; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
    out[32] = '\0';
}

struct digest_params {
    char *username, *realm, *nonce, *uri, *response, *algorithm, *cnonce, *nc, *qop, *opaque;
};

static void free_params(struct digest_params *p)
{
    free(p->username);
    free(p->realm);
    free(p->nonce);
    free(p->uri);
    free(p->response);
    free(p->algorithm);
    free(p->cnonce);
    free(p->nc);
    free(p->qop);
    free(p->opaque);
}

static char **param_slot(struct digest_params *p, const char *name, size_t len)
{
    static const char *const names[] = {"username",  "realm",  "nonce", "uri", "response",
                                        "algorithm", "cnonce", "nc",    "qop", "opaque"};
    char **slots[] = {&p->username,  &p->realm,  &p->nonce, &p->uri, &p->response,
                      &p->algorithm, &p->cnonce, &p->nc,    &p->qop, &p->opaque};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strlen(names[i]) == len && strncasecmp(names[i], name, len) == 0)
            return slots[i];
    }
    return NULL;
}

/* Parses `k=v, k="quoted \" v"` after "Digest ". Returns false when malformed. */
static bool parse_params(const char *s, struct digest_params *p)
{
    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == ',')
            s++;
        if (*s == '\0')
            return true;
        const char *name = s;
        while (*s != '\0' && *s != '=' && *s != ' ' && *s != ',')
            s++;
        size_t nlen = (size_t)(s - name);
        while (*s == ' ')
            s++;
        if (*s++ != '=')
            return false;
        while (*s == ' ')
            s++;
        char *value = xmalloc(strlen(s) + 1), *v = value;
        if (*s == '"') {
            for (s++; *s != '"'; s++) {
                if (*s == '\\' && s[1] != '\0')
                    s++;
                if (*s == '\0') {
                    free(value);
                    return false;
                }
                *v++ = *s;
            }
            s++;
        } else {
            while (*s != '\0' && *s != ',' && *s != ' ')
                *v++ = *s++;
        }
        *v = '\0';
        char **slot = param_slot(p, name, nlen);
        if (slot != NULL && *slot == NULL)
            *slot = value;
        else
            free(value);
    }
}

static const char *check_basic(const struct auth_conf *c, const char *cred)
{
    unsigned char decoded[1024];
    size_t len = strlen(cred);
    if (len == 0 || len > 4 * (sizeof(decoded) / 3) - 4)
        return "malformed Basic credentials";
    int n = EVP_DecodeBlock(decoded, (const unsigned char *)cred, (int)len);
    if (n < 0)
        return "malformed Basic credentials";
    /* EVP_DecodeBlock counts the padding as zero bytes. */
    while (n > 0 && len > 0 && cred[len - 1] == '=') {
        n--;
        len--;
    }
    decoded[n] = '\0';
    char *colon = strchr((char *)decoded, ':');
    if (colon == NULL)
        return "malformed Basic credentials";
    *colon = '\0';
    if (strcmp((char *)decoded, c->user) != 0)
        return "unknown user";
    if (strcmp(colon + 1, c->password) != 0)
        return "wrong password";
    return NULL;
}

static const char *check_digest(const struct auth_conf *c, struct auth_conn *conn,
                                const char *method, const char *path, struct digest_params *p,
                                bool *stale)
{
    if (!p->username || !p->realm || !p->nonce || !p->uri || !p->response)
        return "digest answer without username, realm, nonce, uri or response";
    if (!p->qop || strcmp(p->qop, "auth") != 0 || !p->cnonce || !p->nc)
        return "digest answer without qop=auth, cnonce or nc";
    bool sess = c->mode == AUTH_DIGEST_SESS;
    const char *want_alg = sess ? "MD5-sess" : "MD5";
    if (p->algorithm != NULL ? strcasecmp(p->algorithm, want_alg) != 0 : sess)
        return sess ? "digest algorithm is not MD5-sess" : "digest algorithm is not MD5";
    if (strcmp(p->username, c->user) != 0)
        return "unknown user";
    if (strcmp(p->realm, c->realm) != 0)
        return "wrong realm";
    /* The uri may carry the query string; the path must be this request's. */
    size_t plen = strlen(path);
    if (strncmp(p->uri, path, plen) != 0 || (p->uri[plen] != '\0' && p->uri[plen] != '?'))
        return "digest uri is not the request's";
    char ha1[33], ha2[33], expect[33];
    const char *a1[] = {c->user, c->realm, c->password};
    md5_hex(ha1, a1, 3);
    if (sess) {
        const char *s1[] = {ha1, p->nonce, p->cnonce};
        char tmp[33];
        md5_hex(tmp, s1, 3);
        memcpy(ha1, tmp, sizeof(ha1));
    }
    const char *a2[] = {method, p->uri};
    md5_hex(ha2, a2, 2);
    const char *r[] = {ha1, p->nonce, p->nc, p->cnonce, p->qop, ha2};
    md5_hex(expect, r, 6);
    if (strcasecmp(expect, p->response) != 0)
        return "wrong password (digest response does not match)";
    if (conn->nonce[0] == '\0' || strcmp(p->nonce, conn->nonce) != 0) {
        *stale = true;
        return "nonce not issued on this connection";
    }
    char *end;
    unsigned long nc = strtoul(p->nc, &end, 16);
    if (*end != '\0' || nc <= conn->nc)
        return "nonce count not increasing (replay)";
    conn->nc = nc;
    return NULL;
}

const char *auth_check(const struct auth_conf *c, struct auth_conn *conn, const char *method,
                       const char *path, const char *authorization, bool *stale)
{
    *stale = false;
    if (c->mode == AUTH_NONE)
        return NULL;
    if (authorization == NULL)
        return "no credentials";
    const char *scheme = c->mode == AUTH_BASIC ? "Basic" : "Digest";
    size_t n = strlen(scheme);
    if (strncasecmp(authorization, scheme, n) != 0 || !isspace((unsigned char)authorization[n]))
        return c->mode == AUTH_BASIC ? "not Basic credentials" : "not Digest credentials";
    const char *rest = authorization + n;
    while (isspace((unsigned char)*rest))
        rest++;
    if (c->mode == AUTH_BASIC)
        return check_basic(c, rest);
    struct digest_params p = {0};
    const char *why = parse_params(rest, &p) ? check_digest(c, conn, method, path, &p, stale)
                                             : "malformed digest answer";
    free_params(&p);
    return why;
}

bool auth_digest_nonce(const char *authorization, char *out, size_t len)
{
    if (authorization == NULL || strncasecmp(authorization, "Digest", 6) != 0 ||
        !isspace((unsigned char)authorization[6]))
        return false;
    struct digest_params p = {0};
    bool ok = parse_params(authorization + 7, &p) && p.nonce != NULL && strlen(p.nonce) < len;
    if (ok)
        strcpy(out, p.nonce);
    free_params(&p);
    return ok;
}

void auth_challenge(const struct auth_conf *c, struct auth_conn *conn, bool stale,
                    struct strbuf *out)
{
    if (c->mode == AUTH_BASIC) {
        sb_printf(out, "Basic realm=\"%s\"", c->realm);
        return;
    }
    random_hex(conn->nonce, 16);
    random_hex(conn->opaque, 16);
    conn->nc = 0;
    sb_printf(out, "Digest realm=\"%s\", qop=\"%s\", nonce=\"%s\", opaque=\"%s\", algorithm=%s",
              c->realm, c->qop, conn->nonce, conn->opaque,
              c->mode == AUTH_DIGEST_SESS ? "MD5-sess" : "MD5");
    if (stale)
        sb_puts(out, ", stale=true");
}
