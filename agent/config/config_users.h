/* The local users (`username` lines) and the enable credentials: the entries kept in the order
 * they were made, as IOS lists them, and the checks `enable` makes. */
#ifndef CWMP_CONFIG_USERS_H
#define CWMP_CONFIG_USERS_H

#include <stdbool.h>

#include "config_store.h"

/* Called by config_store_clone and config_store_free for the users. */
void config_users_clone(struct config_store *copy, const struct config_store *cs);
void config_users_free(struct config_store *cs);

/* A user by its name (case-sensitive, as IOS's and Unix's are), NULL when there is none. */
struct local_user *config_user_find(const struct config_store *cs, const char *name);
/* The user, made (privilege 1, no credential) at the end when there is none. */
struct local_user *config_user_get(struct config_store *cs, const char *name);
void config_user_delete(struct config_store *cs, const char *name);

/* Whether `enable` must ask: an enable secret or an enable password is set. */
bool config_enable_protected(const struct config_store *cs);
/* Whether typed opens privileged EXEC: the enable secret when there is one (IOS: it wins), else
 * the enable password; true when neither is set. */
bool config_enable_verify(const struct config_store *cs, const char *typed);
/* Compares a typed password with a stored clear one in a time that does not depend on where they
 * differ. */
bool password_matches(const struct password *p, const char *typed);

#endif
