/* The file server (--files DIR): what the CPE downloads for a Download and stores for an Upload,
 * on the ACS's own port and TLS, with credentials of its own (a Download carries its own Username
 * and Password) and paths that inject faults. Format and log lines: tests/acs/README.md. */
#ifndef TESTACS_FILES_H
#define TESTACS_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"

struct files_conf {
    const char *dir;       /* --files DIR; NULL: no file server */
    struct auth_conf auth; /* --file-auth, --file-user, --file-password */
    uint64_t upload_max;   /* --upload-max: larger uploads get 413 */
};

#define FILES_UPLOAD_MAX_DEFAULT ((uint64_t)256 << 20)

struct acs;
struct files;
struct file_req;
struct MHD_Connection;

/* One call of libmicrohttpd's access handler for a path of the file server. */
struct file_call {
    const char *method;
    const char *url;     /* the path, percent-decoded by libmicrohttpd */
    const char *raw_uri; /* the request target as sent (a digest answer repeats it), or NULL */
    const char *data;    /* the next piece of the body */
    size_t *size;        /* its length, set to 0 once taken */
    unsigned port;       /* the client's TCP port */
};

/* Whether url belongs to the file server: /files/... or /upload/... */
bool files_claims(const char *url);

/* Creates DIR and DIR/uploads when missing and starts the pacing of slow downloads. NULL with a
 * message on standard error when it cannot. */
struct files *files_new(struct acs *acs);

/* Handles one call of the access handler; *req is NULL on a request's first call, and is then
 * owned by the caller until files_request_done. Returns false when libmicrohttpd must close the
 * connection. */
bool files_request(struct files *f, struct MHD_Connection *c, struct file_req **req,
                   const struct file_call *call);

/* The request is over (how: libmicrohttpd's termination code): logs how a download or an upload
 * ended, drops an unfinished upload, frees req (NULL is fine). */
void files_request_done(struct files *f, struct file_req *req, int how);

/* Resumes the connections slow downloads parked: before MHD_stop_daemon. */
void files_stop(struct files *f);

void files_free(struct files *f);

#endif
