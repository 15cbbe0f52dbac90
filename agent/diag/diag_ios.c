/* IOS's text of the diagnostics' results, shared by whoever prints them (the shell today, the
 * vendor RPCs' ShowStatus later). */
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>

#include "diag.h"

unsigned diag_ms(uint64_t us)
{
    return (unsigned)((us + 500) / 1000);
}

void diag_addr_text(const struct sockaddr_storage *ss, char out[INET6_ADDRSTRLEN])
{
    out[0] = '\0';
    if (ss->ss_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr, out, INET6_ADDRSTRLEN);
    else if (ss->ss_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->sin6_addr, out, INET6_ADDRSTRLEN);
}

void diag_ios_addr(const struct sockaddr_storage *ss, char out[INET6_ADDRSTRLEN])
{
    diag_addr_text(ss, out);
    /* IOS writes IPv6 addresses in capitals (2001:DB8::1). */
    for (char *c = out; *c; c++)
        *c = (char)toupper((unsigned char)*c);
}

void diag_ios_success(const struct diag_result *r, struct strbuf *out)
{
    /* IOS truncates the percentage: 2 of 3 is 66 percent. */
    unsigned pct = r->sent ? (unsigned)((uint64_t)r->success * 100 / r->sent) : 0;
    sb_printf(out, "Success rate is %u percent (%u/%u)", pct, r->success, r->sent);
    if (r->success)
        sb_printf(out, ", round-trip min/avg/max = %u/%u/%u ms", diag_ms(r->min_us),
                  diag_ms(r->sum_us / r->success), diag_ms(r->max_us));
    sb_putc(out, '\n');
}

void diag_ios_probe(const struct diag_probe *p, char shown[INET6_ADDRSTRLEN], struct strbuf *out)
{
    if (p->has_from) {
        char addr[INET6_ADDRSTRLEN];
        diag_ios_addr(&p->from, addr);
        if (strcmp(addr, shown) != 0) {
            sb_printf(out, " %s", addr);
            memcpy(shown, addr, INET6_ADDRSTRLEN);
        }
    }
    if (p->mark == '*')
        sb_puts(out, " * ");
    else if (p->mark)
        sb_printf(out, " !%c ", p->mark);
    else
        sb_printf(out, " %u msec", diag_ms((uint64_t)(p->rtt_us < 0 ? 0 : p->rtt_us)));
}
