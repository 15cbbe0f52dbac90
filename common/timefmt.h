/* Times as IOS show commands print them. */
#ifndef CWMP_TIMEFMT_H
#define CWMP_TIMEFMT_H

#include <time.h>

#include "strbuf.h"

/* "14:03:12 UTC Wed Nov 25 2026" in the local time zone, "never" for 0. */
void time_text(time_t t, struct strbuf *out);

#endif
