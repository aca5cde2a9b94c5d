/* tv-tcp-state.h: the RFC 9293 state of each end of a connection, inferred
 * from what the capture shows, with as much lookahead as it gives: a later
 * segment may correct the states stored with earlier ones (a listener is
 * LISTEN only once it answers with a SYN-ACK; an end whose own segment shows
 * that the peer's SYN or FIN had not reached it yet receives it later).
 *
 * The tracker calls tv_tcp_state_segment() once per segment, after it has
 * appended the segment; it sets the connection's current states, the
 * states stored with the segment and, where they changed, with earlier
 * segments. */
#pragma once

#include <glib.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

/* Sets up the states of a new connection, before its first segment. */
void       tv_tcp_state_init       (TvConn        *conn);

/* Updates the states for the last segment of @conn (conn->segs[n_segs - 1],
 * its seq, ack, len, flags and dir set). */
void       tv_tcp_state_segment    (TvConn        *conn);

/* The tracker swapped client and server. */
void       tv_tcp_state_swap_roles (TvConn        *conn);

/* No segment will come: frees what the lookahead kept. */
void       tv_tcp_state_finish     (TvConn        *conn);

/* The state of @side before the connection's first segment: CLOSED for an
 * end that sends a SYN (or answers the peer's SYN with an RST), LISTEN for
 * one that answers it with a SYN-ACK, else UNKNOWN. */
TvTcpState tv_tcp_state_initial    (const TvConn  *conn,
                                    TvDirection    side);

G_END_DECLS
