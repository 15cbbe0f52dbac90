/* The configuration store: typed state per feature, owned by the agent. The CLI handlers, the
 * startup-config loader and the TR-069 data model all read and write this one store;
 * config_render.c turns it back into IOS text. A store is a plain value: clone it for a snapshot,
 * swap it back to restore one exactly. */
#ifndef CWMP_CONFIG_STORE_H
#define CWMP_CONFIG_STORE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "grammar/grammar_defaults.h"
#include "xsd.h"

#define HOSTNAME_MAX          63
#define IFNAME_MAX            48
#define NTP_SERVERS_MAX       5
#define DHCP_ROUTERS_MAX      8
#define DHCP_BINDING_ID_MAX   32 /* bytes of a client-identifier */
#define DHCP_CLASS_NAME_MAX   60
#define DHCP_POOL_CLASSES_MAX 8
#define DHCP_CLASSES_MAX      16
#define DESCRIPTION_MAX       240
#define PROVISION_CODE_MAX    64
#define CWMP_USERNAME_MAX     256
#define CWMP_PASSWORD_MAX     256
#define CWMP_URL_MAX          256

/* Defaults that a command documents come from its .cmd file (grammar/defaults.sh). */
#define CWMP_DEFAULT_RETRY_LIMIT     CMD_DEFAULT_CWMP_SESSION_RETRY_LIMIT
#define CWMP_DEFAULT_OUTSTANDING     CMD_DEFAULT_CWMP_REQUEST_OUTSTANDING
#define CWMP_DEFAULT_NOTIFY_INTERVAL CMD_DEFAULT_CWMP_NOTIFY_INTERVAL
#define ARCHIVE_DEFAULT_MAXIMUM      CMD_DEFAULT_ARCHIVE_MAXIMUM
#define NTP_HOST_MAX                 64
#define TIMEZONE_NAME_MAX            64

/* ManagementServer settings that TR-069 defines and the feature documentation names no command
 * for: their defaults (not rendered). */
#define CWMP_DEFAULT_PERIODIC_INTERVAL  CMD_DEFAULT_CWMP_PERIODIC_INTERVAL
#define CWMP_DEFAULT_RETRY_WAIT         CMD_DEFAULT_CWMP_RETRY_WAIT
#define CWMP_DEFAULT_RETRY_MULTIPLIER   CMD_DEFAULT_CWMP_RETRY_MULTIPLIER
#define CWMP_DEFAULT_MAX_MESSAGE_KB     CMD_DEFAULT_CWMP_REQUEST_SIZE_LIMIT
#define CWMP_DEFAULT_NOTIFY_THROTTLE    CMD_DEFAULT_CWMP_NOTIFY_THROTTLE
#define CWMP_DEFAULT_MANAGEABLE_LIMIT   CMD_DEFAULT_CWMP_MANAGEABLE_NOTIFY_LIMIT
#define CWMP_DEFAULT_STUN_PORT          CMD_DEFAULT_CWMP_STUN_PORT
#define CWMP_DEFAULT_STUN_MIN_KEEPALIVE CMD_DEFAULT_CWMP_STUN_KEEPALIVE_MIN
#define CWMP_DEFAULT_UDP_CR_LIMIT       CMD_DEFAULT_CWMP_UDP_CR_NOTIFY_LIMIT
#define CWMP_STUN_HOST_MAX              256

/* A password that cwmpd needs in clear (to answer the ACS, to check connection requests), shown as
 * configured: in clear when entered as type 0, as type 7 when entered so. Turning service
 * password-encryption on gives every clear password its type 7 form for good, as IOS does. */
struct password {
    char *clear; /* NULL: not set */
    char *type7; /* the type 7 form as entered, NULL when entered in clear */
};

enum http_digest_alg { DIGEST_MD5 = 0, DIGEST_MD5_SESS = 1 };

/* A `username` line: its privilege, and at most one of a secret (a hash, checked only) and a
 * password (kept as the other passwords are), as IOS allows one or the other. The name is the
 * login's: a shell whose peer is that Unix user starts at that privilege (agent/shell). */
#define USERNAME_MAX 64
struct local_user {
    char *name;
    int privilege; /* 0-15, 1 unless given */
    char *secret;  /* a type 5, 8 or 9 hash, NULL: none */
    struct password password;
};

struct cwmp_settings {
    bool enable;
    bool enable_download;
    char *url;
    struct password acs_password;
    char *provision_code;
    char *cr_username;
    struct password cr_password;
    int session_retry_limit;
    int request_outstanding;
    int notify_interval;
    char *username;       /* ManagementServer.Username; NULL: OUI-SerialNumber */
    bool periodic_enable; /* ManagementServer.PeriodicInformEnable */
    unsigned long periodic_interval;
    long long periodic_time;                   /* epoch, or XSD_TIME_UNKNOWN */
    char periodic_time_frac[XSD_FRAC_MAX + 1]; /* its fraction of a second as set: "123" */
    unsigned retry_wait;                       /* CWMPRetryMinimumWaitInterval, seconds */
    unsigned retry_multiplier;                 /* CWMPRetryIntervalMultiplier, thousandths */
    bool upgrades_managed;
    unsigned long notification_throttle;   /* DefaultActiveNotificationThrottle, seconds */
    unsigned long manageable_notify_limit; /* ManageableDeviceNotificationLimit, seconds */
    unsigned max_message_kb;               /* the largest ACS message accepted */
    /* TR-111 Part 2: STUN and UDP connection requests (ManagementServer.STUN*). */
    bool stun_enable;
    char *stun_server;   /* NULL: the ACS URL's host, as TR-098 says */
    unsigned stun_port;  /* STUNServerPort */
    char *stun_username; /* NULL: Binding Requests without MESSAGE-INTEGRITY */
    struct password stun_password;
    unsigned long stun_min_keepalive;  /* STUNMinimumKeepAlivePeriod, seconds */
    long stun_max_keepalive;           /* STUNMaximumKeepAlivePeriod, seconds; -1: no maximum */
    unsigned long udp_cr_notify_limit; /* UDPConnectionRequestAddressNotificationLimit */
};

enum if_addr_mode { IF_ADDR_NONE, IF_ADDR_STATIC, IF_ADDR_DHCP, IF_ADDR_POOL };

struct iface {
    char name[IFNAME_MAX]; /* canonical IOS name: Ethernet0/0 */
    char *description;
    enum if_addr_mode addr_mode;
    struct in_addr addr, mask;
    char *pool;
    bool nat_inside, nat_outside;
    bool shutdown;
    bool cwmp_wan; /* for ATM interfaces true unless "no cwmp wan" */
    bool cwmp_wan_default;
    /* `speed` and `duplex` (config_net.h): the Ethernet interface configs of the data model. */
    int speed;  /* Mb/s; 0: auto */
    int duplex; /* IF_DUPLEX_AUTO, _HALF, _FULL */
    int ip_mtu; /* `ip mtu` (config_net.h): bytes; 0: the default, IF_IP_MTU_DEFAULT */
};

struct dhcp_excluded {
    struct in_addr low, high; /* high == low for a single address */
    bool has_high;
};

enum lease_kind { LEASE_DEFAULT, LEASE_TIME, LEASE_INFINITE };

/* A pool's `class NAME` and its `address range LOW HIGH` (none: the whole network). */
struct dhcp_pool_class {
    char name[DHCP_CLASS_NAME_MAX + 1];
    bool has_range;
    struct in_addr low, high;
};

struct dhcp_pool {
    char *name;
    bool has_network;
    struct in_addr network, mask;
    struct in_addr routers[DHCP_ROUTERS_MAX];
    int nrouters;
    enum lease_kind lease;
    int lease_days, lease_hours, lease_minutes;
    bool renew_deny_unknown;
    /* `dns-server`, `domain-name` (config_net.h): LANHostConfigManagement's DNSServers and
     * DomainName (string(64) in TR-098). */
    struct in_addr dns[DHCP_ROUTERS_MAX];
    int ndns;
    char domain[65];
    /* A manual binding (config_net.h): `host ADDRESS [MASK]` with `hardware-address` or
     * `client-identifier`, LANHostConfigManagement.DHCPStaticAddress. A pool has a network or a
     * host, never both, as in IOS. */
    bool has_host;
    struct in_addr host, host_mask;
    uint8_t client[DHCP_BINDING_ID_MAX]; /* hardware-address, or client-identifier's bytes */
    size_t client_len;                   /* 0: neither */
    bool client_is_id;                   /* client-identifier rather than hardware-address */
    /* The LAN interface an AddObject of DHCPStaticAddress made the pool for, while it has no host
     * to place it (not in running-config, not saved). */
    char static_lan[IFNAME_MAX];
    /* `class NAME` blocks with their `address range`: the LAN's
     * LANHostConfigManagement.DHCPConditionalServingPool entries, in order. */
    struct dhcp_pool_class classes[DHCP_POOL_CLASSES_MAX];
    int nclasses;
};

enum nat_proto { NAT_TCP, NAT_UDP };

/* A port mapping: an `ip nat inside source static {tcp|udp} LOCAL LPORT GLOBAL GPORT [extendable]`
 * line, and the WANIPConnection/WANPPPConnection PortMapping.{i} instance the ACS sees of it. An
 * instance the line cannot show (one the ACS has not finished or has disabled) is kept here too,
 * out of running-config; nat_map.h has the rules. */
struct nat_rule {
    /* proto and global_port find a rule in the store's NAT index (struct nat_index): a rule in a
     * store changes them through nat_rule_set_proto and nat_rule_set_port (nat_map.h) only. */
    enum nat_proto proto;
    struct in_addr local, global;     /* local 0.0.0.0: InternalClient not set yet */
    uint16_t local_port, global_port; /* 0: not set yet */
    bool extendable;
    bool wan_global;   /* global is the cwmp wan default interface's address, whatever it is now */
    bool disabled;     /* PortMappingEnabled false */
    char *key;         /* the instance's registry key when not derived from the line ("#3") */
    char *description; /* PortMappingDescription (IOS has no room for it); NULL: none */
};

struct ntp_server {
    char host[NTP_HOST_MAX + 1]; /* an address or a host name */
    bool prefer;
};

/* `clock timezone NAME HOURS [MINUTES]`: Time.LocalTimeZoneName and LocalTimeZone. */
struct timezone_setting {
    bool set;
    char name[TIMEZONE_NAME_MAX + 1];
    int hours;   /* -23..23 */
    int minutes; /* 0..59 */
};

/* `clock summer-time ZONE date MONTH DAY YEAR HH:MM MONTH DAY YEAR HH:MM [OFFSET]` or
 * `... recurring [WEEK DAY MONTH HH:MM WEEK DAY MONTH HH:MM [OFFSET]]`: Time.DaylightSavingsUsed,
 * Start and End. Months 1-12; weekdays 0 (Sunday) to 6; week 1-4, 5 for last. */
struct summer_time_point {
    int year, month, day; /* the date form */
    int week, weekday;    /* the recurring form */
    int hour, minute;
};
struct summer_time {
    bool set;
    bool recurring;
    bool us_rules; /* recurring without its rules: IOS's default (the United States') */
    char zone[TIMEZONE_NAME_MAX + 1];
    struct summer_time_point start, end;
    int offset; /* minutes, 60 unless given */
};

struct archive_settings {
    bool present;
    char *path;
    int maximum;       /* 0: default */
    bool write_memory; /* `write memory` archives a copy too */
    int time_period;   /* minutes between archives; 0: none */
};

/* `logging buffered [SIZE] [LEVEL]`: the in-memory log of show logging (log_buffer.h). Buffered,
 * at informational and above, by default; IOS's default level is debugging, but here the buffer is
 * also DeviceInfo.DeviceLog and the Vendor Log File, where debug output is not wanted unless asked
 * for. */
#define LOGGING_BUFFER_DEFAULT_SIZE  CMD_DEFAULT_LOGGING_BUFFERED
#define LOGGING_BUFFER_MIN_SIZE      4096
#define LOGGING_BUFFER_DEFAULT_LEVEL 6 /* informational */
struct logging_settings {
    bool buffered;
    unsigned long buffer_size; /* bytes */
    int buffer_level;          /* the least severe level kept, 0-7 */
};

struct ip_route;

/* The NAT rules by protocol and ExternalPort (nat_map.c): a refusal of a duplicate, a conflict
 * and the `no` form look at the few rules of one key, not at every rule, so that a configuration
 * of thousands of rules loads in linear time. A hash table chained through the rules' positions
 * in nat[], kept by every change of nat[] (nat_map.c adds, deletes and re-keys; nothing else
 * writes nat[] of a store) and copied with the store (config_store_clone). */
struct nat_index {
    uint32_t *head;  /* per bucket: the position + 1 of a rule with a key hashed here, 0: none */
    uint32_t *next;  /* per rule (as nat[]): the position + 1 of the next one in its bucket */
    size_t nbuckets; /* a power of two, or 0 */
    size_t capnext;
};

/* The interfaces by their names as stored (config_store.c): the name a sub-mode's lines look
 * their interface up by, found without a bisection over every name. A hash table of positions
 * in ifs (open addressing, linear probing), which holds no string of its own, so that a copy of
 * the store copies it as one block. Kept by config_iface_get and config_iface_delete, which
 * renumber the interfaces they move. */
struct if_slot {
    uint32_t pos;  /* the position + 1 of an interface, 0: empty */
    uint32_t hash; /* of its name */
};
struct if_names {
    struct if_slot *slot;
    size_t cap; /* a power of two, or 0 */
    size_t used;
};

/* The subnets of the interfaces with a static address, as intervals of addresses sorted by their
 * first (config_net.c): the check that a new address overlaps no other interface's subnet looks
 * at the few intervals near it, not at every interface, so that thousands of interfaces load in
 * linear-logarithmic time. Kept by config_iface_set_static, config_iface_set_mode and
 * config_iface_delete (the only writers of an interface's addressing), copied with the store. */
struct subnet_entry {
    uint32_t first, last; /* the subnet's addresses, host order */
    uint32_t last_max;    /* the greatest last of this entry and those before it */
    uint32_t pos;         /* its interface's position in ifs (renumbered when interfaces move) */
};
struct subnet_index {
    struct subnet_entry *v;
    size_t n, cap;
};

struct config_store {
    char hostname[HOSTNAME_MAX + 1];
    char *enable_secret;             /* a type 5, 8 or 9 hash, NULL: none */
    struct password enable_password; /* enable password: checked only without a secret */
    bool password_encryption;
    bool http_server, http_secure_server;
    enum http_digest_alg http_digest;
    char *http_ca_file; /* ip http client ca-file: NULL for the system's CA store */
    struct cwmp_settings cwmp;
    struct iface *ifs;
    size_t nifs, capifs;
    struct if_names if_names;
    struct subnet_index subnets;
    struct dhcp_excluded *excluded;
    size_t nexcluded, capexcluded;
    struct dhcp_pool *pools;
    size_t npools, cappools;
    /* `ip dhcp class NAME` lines, in the order entered (the pools' `class` name them). */
    char dhcp_classes[DHCP_CLASSES_MAX][DHCP_CLASS_NAME_MAX + 1];
    size_t ndhcp_classes;
    struct nat_rule *nat;
    size_t nnat, capnat;
    struct nat_index nat_index;
    /* The name of the one interface whose cwmp_wan_default is set, "" when none: the WAN
     * interface found without a walk over every interface (a NAT line looks for it). Kept by
     * config_wan_set_default, config_wan_clear_default and config_iface_delete. */
    char wan_default[IFNAME_MAX];
    struct ntp_server ntp[NTP_SERVERS_MAX];
    size_t nntp;
    struct timezone_setting timezone;
    struct summer_time summer_time;
    struct archive_settings archive;
    struct logging_settings logging;
    /* `ip route`, `ip name-server`, `no service dhcp` (config_net.h; copied and freed by
     * config_net_clone and config_net_free). */
    struct ip_route *routes;
    size_t nroutes, caproutes;
    /* Layer3Forwarding.Forwarding instances the ACS made or changed that are not a line (yet):
     * incomplete, or with Enable false. Kept out of running-config, not saved. */
    struct ip_route *routes_aside;
    size_t nroutes_aside, caproutes_aside;
    struct in_addr *name_servers;
    size_t nname_servers, capname_servers;
    bool dhcp_service_off;
    /* `username` lines (config_users.h; copied and freed by config_users_clone and
     * config_users_free). */
    struct local_user *users;
    size_t nusers, capusers;
};

struct config_store *config_store_new(void);
void config_store_free(struct config_store *cs);
struct config_store *config_store_clone(const struct config_store *cs);
/* Exchanges the contents of two stores: a working copy becomes the running configuration while
 * every pointer to the running store stays valid. */
void config_store_swap(struct config_store *a, struct config_store *b);
void cwmp_settings_reset(struct cwmp_settings *c);
void logging_settings_reset(struct logging_settings *l);

/* Interfaces, kept in IOS order (type, then number). */
struct iface *config_iface_find(struct config_store *cs, const char *name);
struct iface *config_iface_get(struct config_store *cs, const char *name); /* creates */
void config_iface_delete(struct config_store *cs, const char *name);
/* if_names holds every interface at its position, and nothing else (for tests). */
bool config_if_names_valid(const struct config_store *cs);
bool iface_is_atm(const char *name);
/* Makes f the `cwmp wan default` interface (the previous one stays a WAN interface), or f no
 * longer that: the only writers of iface.cwmp_wan_default, which keep cs->wan_default with it. */
void config_wan_set_default(struct config_store *cs, struct iface *f);
void config_wan_clear_default(struct config_store *cs, struct iface *f);

struct dhcp_pool *config_pool_find(struct config_store *cs, const char *name);
struct dhcp_pool *config_pool_get(struct config_store *cs, const char *name);
void config_pool_delete(struct config_store *cs, const char *name);

void password_set(struct password *p, const char *clear, const char *type7);
/* Gives a password its type 7 form (service password-encryption). */
void password_hide(struct password *p);
/* Hides every password of the store. */
void config_hide_passwords(struct config_store *cs);
void password_clear(struct password *p);

/* Replaces *slot with a copy of value (NULL clears it). */
void str_set(char **slot, const char *value);

#endif
