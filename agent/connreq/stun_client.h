/* TR-111 Part 2 (TR-069 Annex G): the STUN client and the UDP connection requests. With `stun`
 * under `cwmp agent`, cwmpd binds a UDP socket to the connection-request server's address and
 * port, sends STUN Binding Requests from it to the STUN server (the ACS URL's host unless `stun
 * server` names one) to keep a binding open in the NAT gateway in front of it, learns the public
 * address and port from the answers (UDPConnectionRequestAddress, NATDetected), and accepts the
 * ACS's UDP connection requests arriving on it. cwmpd(8), "STUN AND UDP CONNECTION REQUESTS". */
#ifndef CWMP_STUN_CLIENT_H
#define CWMP_STUN_CLIENT_H

#include <stdbool.h>

#include "strbuf.h"

struct agent;
struct config_store;
struct stun_client;

struct stun_client *stun_client_new(struct agent *a);
void stun_client_free(struct stun_client *s);

/* The configuration or the connection-request server's address changed: opens, moves or closes
 * the socket, and sends a Binding Request now when the binding must be learnt anew. */
void stun_client_update(struct stun_client *s);

/* ManagementServer.NATDetected: the last Binding Response's MAPPED-ADDRESS differs from the
 * socket's address and port; false whenever STUN is off (as TR-098 says). s may be NULL. */
bool stun_client_nat_detected(const struct stun_client *s, const struct config_store *cs);

/* ManagementServer.UDPConnectionRequestAddress: with STUN on and a binding learnt, the public
 * host:port; else the local address and port that UDP connection requests reach. */
void stun_client_udp_address(struct agent *a, const struct config_store *cs, struct strbuf *out);

/* The `show cwmp connection-request` lines of the UDP side. */
void stun_client_show(const struct stun_client *s, struct strbuf *out);

#endif
