/* read-tree: a whole tree read as GenieACS reads a device (shared/INTEROP.md): GetParameterNames
 * of PATH with NextLevel false, then GetParameterValues of every parameter it listed, in batches,
 * in the same session; every name asked for must come back exactly once with a value. */
#ifndef TESTACS_TREE_H
#define TESTACS_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"
#include "soap_in.h"
#include "strbuf.h"

struct tree_read {
    bool active;   /* between the GetParameterNames and the summary */
    bool awaiting; /* one of its requests is owed a response */
    bool named;    /* the GetParameterNames was answered */
    char *path;
    int batch;
    char **names;    /* the parameters (not objects) of the GetParameterNamesResponse */
    unsigned *seen;  /* how often each came back with a value */
    size_t n, total; /* parameters; every name listed (objects included) */
    size_t *slots;   /* open addressing over names: index + 1, 0 when free */
    size_t nslots;
    size_t next;     /* the next name to ask for */
    size_t from, to; /* the batch owed */
    int batches;
    int fault; /* the GetParameterNames' fault code, 0 when none */
};

/* Starts a read: the GetParameterNames' Body content in body. */
void tree_start(struct tree_read *t, const char *path, int batch, struct strbuf *body);

/* The next batch's GetParameterValues Body content; false when every name was asked for. */
bool tree_next_batch(struct tree_read *t, struct strbuf *body);

/* Takes the response to the request owed (or whatever came instead), checks it and appends the
 * values to DIR/S-tree.txt. */
void tree_take(struct tree_read *t, const struct cpe_msg *m, struct recorder *r, int sn, int mn);

/* Whether every batch was asked for and answered. */
bool tree_done(const struct tree_read *t);

/* Logs the summary line and forgets the read. */
void tree_finish(struct tree_read *t, struct recorder *r, int sn, int mn);

void tree_free(struct tree_read *t);

#endif
