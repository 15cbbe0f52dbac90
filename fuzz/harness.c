/* Helpers every fuzz target may use, with no dependency on the agent. */
#include "harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

char *fuzz_cstr(const uint8_t *data, size_t size)
{
    /* An exact-size copy, so that the sanitizers catch a parser reading past the terminator. */
    return xstrndup((const char *)data, size);
}

void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("\n*** fuzz property violated: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\n", stderr);
    va_end(ap);
    fflush(stderr);
    abort();
}
