/* Local users: `username NAME [privilege N] {secret ... | password ...}`, `username NAME privilege
 * N`, `no username NAME`. A line changes only what it gives, as IOS merges the lines of one user;
 * the privilege a user's shells start at is read by the control server (ctl_server.c). */
#include <stdlib.h>
#include <string.h>

#include "configuration.h"
#include "handlers.h"

/* Every check comes before the user is made: a refused line leaves the configuration as it was. */
static int user_name_ok(struct cmd_call *c, const char *name)
{
    if (strlen(name) > USERNAME_MAX)
        return cmd_fail(c, "Username longer than %d characters", USERNAME_MAX);
    return 0;
}

static void set_level(struct cmd_call *c, struct local_user *u)
{
    if (cmd_arg(c, "level"))
        u->privilege = (int)arg_long(c, "level");
}

static int username_privilege(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    const char *name = cmd_arg(c, "name");
    if (c->negate) {
        config_user_delete(cs, name);
        return 0;
    }
    if (user_name_ok(c, name) < 0)
        return -1;
    set_level(c, config_user_get(cs, name));
    return 0;
}

/* IOS's own words, which are no `%` message, when a line would give a user both. */
static int both_refused(struct cmd_call *c)
{
    sb_puts(c->out, "ERROR: Can not have both a user password and a user secret.\n"
                    "Please choose one or the other.\n");
    return -1;
}

/* The secret made by make (as given, or hashed as the line asks): shown as its type afterwards,
 * as IOS does. */
static int user_secret(struct cmd_call *c, int (*make)(struct cmd_call *, char **))
{
    struct config_store *cs = call_store(c);
    const char *name = cmd_arg(c, "name");
    if (user_name_ok(c, name) < 0)
        return -1;
    struct local_user *u = config_user_find(cs, name);
    if (u && u->password.clear)
        return both_refused(c);
    char *secret = NULL;
    if (make(c, &secret) < 0)
        return -1;
    u = config_user_get(cs, name);
    free(u->secret);
    u->secret = secret;
    set_level(c, u);
    return 0;
}

static int username_secret(struct cmd_call *c)
{
    return user_secret(c, arg_secret);
}

static int username_algorithm_secret(struct cmd_call *c)
{
    return user_secret(c, arg_secret_algorithm);
}

static int username_password(struct cmd_call *c)
{
    struct config_store *cs = call_store(c);
    const char *name = cmd_arg(c, "name");
    if (user_name_ok(c, name) < 0)
        return -1;
    struct local_user *u = config_user_find(cs, name);
    if (u && u->secret)
        return both_refused(c);
    struct password p = {0};
    if (arg_password(c, &p, CWMP_PASSWORD_MAX) < 0)
        return -1;
    u = config_user_get(cs, name);
    password_clear(&u->password);
    u->password = p;
    set_level(c, u);
    return 0;
}

static const struct cmd_binding table[] = {
    {"username_privilege", username_privilege, "name level"},
    {"username_secret", username_secret, "name level md5 pbkdf2 hash secret"},
    {"username_algorithm_secret", username_algorithm_secret, "name level sha256 scrypt secret"},
    {"username_password", username_password, "name level password encrypted"},
};
HANDLER_TABLE(users_handlers, table);
