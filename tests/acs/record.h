/* The record directory: each CPE message and its headers, the event log, and the counters tests
 * wait on (sessions, invalid). Also the human trace printed with --verbose. */
#ifndef TESTACS_RECORD_H
#define TESTACS_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct recorder {
    char *dir; /* NULL: keep nothing on disk */
    FILE *log;
    FILE *arrivals; /* DIR/arrivals: when each request arrived, on the system's monotonic clock */
    int verbose;    /* 0 quiet, 1 trace, 2 trace with every value */
    int sessions;
    int invalid;
    int last_invalid_session, last_invalid_msg; /* a message counts once, whatever its faults */
    struct timespec start;
};

/* Creates dir (and its parents) when missing, opens dir/log and writes both counters as 0.
 * dir may be NULL. Returns 0, or -1 with a message on standard error. */
int recorder_open(struct recorder *r, const char *dir, int verbose);
void recorder_close(struct recorder *r);

/* Milliseconds since the recorder opened, on the monotonic clock. */
double recorder_ms(const struct recorder *r);

/* A request's line and headers have arrived: a line of DIR/arrivals, "SECONDS METHOD PATH
 * port=P" with SECONDS on CLOCK_MONOTONIC (nanoseconds), which other processes can read too, so
 * that a benchmark can time what it caused (the Inform that follows a connection request). */
void record_arrival(struct recorder *r, const char *method, const char *path, unsigned port);

/* Writes S-NN-<what>.xml (the body as received) and S-NN.headers. */
void record_message(struct recorder *r, int session, int msg, const char *what, const char *body,
                    size_t len, const char *request_line, const char *headers);

/* One log line: "S NN <text> t=<ms>"; msg 0 prints "--". */
void record_log(struct recorder *r, int session, int msg, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Logs "INVALID <reason>"; counts the message in dir/invalid unless it was counted already. */
void record_invalid(struct recorder *r, int session, int msg, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Counts an ended session and rewrites dir/sessions. */
void record_session_end(struct recorder *r);

/* A line of the human trace on standard output (with --verbose only). */
void trace(const struct recorder *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A parameter name for the trace, without the root object a reader already knows. */
const char *trace_name(const char *name);

/* Replaces path's content so that a reader sees the old or the new file, never a torn one. */
int write_file_atomic(const char *path, const char *data, size_t len);

#endif
