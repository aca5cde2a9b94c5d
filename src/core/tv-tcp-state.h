/* tv-tcp-state.h: the RFC 9293 state of each end of a connection, inferred
 * from what the capture shows.  The tracker calls it once per segment, after
 * it has appended the segment and updated the per-direction bookkeeping
 * (TvConnSide); it sets the connection's current states and the states
 * stored with the segment, and may correct states stored with earlier
 * segments when a later one shows what they were. */
#pragma once

#include <glib.h>
#include "tv-decode.h"
#include "tv-tracker.h"

G_BEGIN_DECLS

/* The states before the first segment @first of a new connection. */
void tv_tcp_state_init    (TvConn        *conn,
                           const TvFrame *first);

/* Updates the states for the last segment of @conn (conn->segs[n_segs - 1]),
 * sent in direction @dir; @new_fin is TRUE when it carries the sender's
 * first FIN.  Called before the sender's segment count is incremented. */
void tv_tcp_state_segment (TvConn        *conn,
                           TvDirection    dir,
                           const TvFrame *frame,
                           gboolean       new_fin);

G_END_DECLS
