#include "config_users.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "passwords.h"
#include "xalloc.h"

static void user_free(struct local_user *u)
{
    free(u->name);
    free(u->secret);
    password_clear(&u->password);
}

void config_users_free(struct config_store *cs)
{
    for (size_t i = 0; i < cs->nusers; i++)
        user_free(&cs->users[i]);
    free(cs->users);
    cs->users = NULL;
    cs->nusers = cs->capusers = 0;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void config_users_clone(struct config_store *copy, const struct config_store *cs)
{
    copy->users = NULL;
    copy->nusers = copy->capusers = 0;
    if (cs->nusers == 0)
        return;
    copy->users = xcalloc(cs->nusers, sizeof *copy->users);
    copy->nusers = copy->capusers = cs->nusers;
    for (size_t i = 0; i < cs->nusers; i++) {
        const struct local_user *u = &cs->users[i];
        struct local_user *c = &copy->users[i];
        c->name = xstrdup(u->name);
        c->privilege = u->privilege;
        c->secret = dup_or_null(u->secret);
        c->password.clear = dup_or_null(u->password.clear);
        c->password.type7 = dup_or_null(u->password.type7);
    }
}

/* A router has a handful of users: a walk is cheaper than any index. */
struct local_user *config_user_find(const struct config_store *cs, const char *name)
{
    for (size_t i = 0; i < cs->nusers; i++)
        if (!strcmp(cs->users[i].name, name))
            return &cs->users[i];
    return NULL;
}

struct local_user *config_user_get(struct config_store *cs, const char *name)
{
    struct local_user *u = config_user_find(cs, name);
    if (u)
        return u;
    if (cs->nusers == cs->capusers) {
        cs->capusers = cs->capusers ? cs->capusers * 2 : 4;
        cs->users = xrealloc(cs->users, cs->capusers * sizeof *cs->users);
    }
    u = &cs->users[cs->nusers++];
    memset(u, 0, sizeof *u);
    u->name = xstrdup(name);
    u->privilege = 1;
    return u;
}

void config_user_delete(struct config_store *cs, const char *name)
{
    struct local_user *u = config_user_find(cs, name);
    if (!u)
        return;
    size_t i = (size_t)(u - cs->users);
    user_free(u);
    memmove(&cs->users[i], &cs->users[i + 1], (cs->nusers - i - 1) * sizeof *cs->users);
    cs->nusers--;
}

bool password_matches(const struct password *p, const char *typed)
{
    if (!p->clear)
        return false;
    size_t len = strlen(p->clear);
    return strlen(typed) == len && CRYPTO_memcmp(p->clear, typed, len) == 0;
}

bool config_enable_protected(const struct config_store *cs)
{
    return cs->enable_secret || cs->enable_password.clear;
}

bool config_enable_verify(const struct config_store *cs, const char *typed)
{
    if (cs->enable_secret)
        return secret_verify(typed, cs->enable_secret);
    if (cs->enable_password.clear)
        return password_matches(&cs->enable_password, typed);
    return true;
}
