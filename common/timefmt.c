#include "timefmt.h"

void time_text(time_t t, struct strbuf *out)
{
    if (!t) {
        sb_puts(out, "never");
        return;
    }
    struct tm tm;
    localtime_r(&t, &tm);
    char buf[64];
    strftime(buf, sizeof buf, "%H:%M:%S %Z %a %b %d %Y", &tm);
    sb_puts(out, buf);
}
