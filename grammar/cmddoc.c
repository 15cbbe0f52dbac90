/* Prints the command reference man page generated from the compiled-in grammar. */
#include <stdio.h>

#include "config.h"
#include "grammar.h"

int main(void)
{
    struct strbuf err = STRBUF_INIT, page = STRBUF_INIT;
    struct grammar *g = grammar_new();
    if (grammar_load_builtin(g, &err) < 0 || grammar_finalize(g, &err) < 0) {
        fputs(sb_str(&err), stderr);
        return 1;
    }
    grammar_write_manpage(g, PACKAGE_VERSION, &page);
    /* A short write must fail the build rather than install half a page. */
    int rc = fwrite(page.buf, 1, page.len, stdout) == page.len && fflush(stdout) == 0 ? 0 : 1;
    if (rc)
        perror("cmddoc: writing the page");
    sb_free(&page);
    sb_free(&err);
    grammar_free(g);
    return rc;
}
