/* The nat-apply hook: the static NAT rules of running-config handed to a program of the hooks
 * directory, which makes the system's packet filter do what they say (contrib/hooks/nat-apply
 * builds an nftables table). It runs whenever the rules change: a command, the ACS, a new address
 * of the WAN interface they follow, and once at start. cwmpd does not wait for it: one run at a
 * time, and a change during a run makes one more run afterwards with the rules of then. */
#ifndef CWMP_NAT_APPLY_H
#define CWMP_NAT_APPLY_H

struct agent;
struct nat_apply;

/* The rules file the hook is given, in the state directory. */
#define NAT_APPLY_FILE "nat-rules"
/* How often the rules are looked at again without a change of configuration (a DHCP address). */
#define NAT_APPLY_RECHECK_MS 10000

struct nat_apply *nat_apply_new(struct agent *a);
/* Stops a run under way (spawn_cancel: SIGTERM, SIGKILL later; nothing is waited for). */
void nat_apply_free(struct nat_apply *n);
/* Runs the hook if there is one and the rules are not those it was last given. */
void nat_apply_check(struct nat_apply *n);

#endif
