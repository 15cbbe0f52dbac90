#include "connreq.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "xalloc.h"

static atomic_int running;

static bool is_element(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr child_named(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (is_element(c, name))
            return c;
    }
    return NULL;
}

static bool find_url(xmlNodePtr n, char *out, size_t outlen)
{
    for (; n != NULL; n = n->next) {
        if (is_element(n, "ParameterValueStruct")) {
            xmlNodePtr name = child_named(n, "Name"), value = child_named(n, "Value");
            if (name != NULL && value != NULL) {
                xmlChar *nm = xmlNodeGetContent(name);
                const char *suffix = ".ManagementServer.ConnectionRequestURL";
                size_t l = nm ? strlen((char *)nm) : 0, ls = strlen(suffix);
                bool hit = l >= ls && strcmp((char *)nm + l - ls, suffix) == 0;
                xmlFree(nm);
                if (hit) {
                    xmlChar *v = xmlNodeGetContent(value);
                    snprintf(out, outlen, "%s", v ? (char *)v : "");
                    xmlFree(v);
                    return true;
                }
            }
        } else if (n->type == XML_ELEMENT_NODE && find_url(n->children, out, outlen)) {
            return true;
        }
    }
    return false;
}

void connreq_url_of(xmlNodePtr inform, char *out, size_t outlen)
{
    out[0] = '\0';
    if (inform != NULL)
        find_url(inform->children, out, outlen);
}

struct job {
    struct recorder *rec;
    int session;
    char *url, *user, *pass;
};

static size_t discard(char *p, size_t size, size_t n, void *u)
{
    (void)p;
    (void)u;
    return size * n;
}

static void *run(void *arg)
{
    struct job *j = arg;
    CURL *c = curl_easy_init();
    struct curl_slist *h = curl_slist_append(NULL, "Connection: keep-alive");
    curl_easy_setopt(c, CURLOPT_URL, j->url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    if (j->user != NULL) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_DIGEST);
        curl_easy_setopt(c, CURLOPT_USERNAME, j->user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, j->pass);
    }
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (rc == CURLE_OK)
        record_log(j->rec, j->session, 0, "connection-request %ld", status);
    else
        record_log(j->rec, j->session, 0, "connection-request 0 (%s)", curl_easy_strerror(rc));
    /* As GenieACS: the connection stays open, idle, for 2 s, then is closed. */
    struct timespec idle = {2, 0};
    while (nanosleep(&idle, &idle) != 0) {
    }
    curl_easy_cleanup(c);
    curl_slist_free_all(h);
    free(j->url);
    free(j->user);
    free(j->pass);
    free(j);
    atomic_fetch_sub(&running, 1);
    return NULL;
}

static void init_curl(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

void connreq_start(struct recorder *rec, int session, const char *url, const char *user,
                   const char *pass)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_curl);
    struct job *j = xmalloc(sizeof(*j));
    *j = (struct job){rec, session, xstrdup(url), user ? xstrdup(user) : NULL,
                      pass ? xstrdup(pass) : NULL};
    atomic_fetch_add(&running, 1);
    pthread_t t;
    if (pthread_create(&t, NULL, run, j) != 0) {
        record_log(rec, session, 0, "connection-request 0 (no thread)");
        atomic_fetch_sub(&running, 1);
        free(j->url);
        free(j->user);
        free(j->pass);
        free(j);
        return;
    }
    pthread_detach(t);
}

void connreq_wait(double seconds)
{
    for (int i = 0; i < (int)(seconds * 20) && atomic_load(&running) > 0; i++) {
        struct timespec t = {0, 50000000};
        nanosleep(&t, NULL);
    }
}
