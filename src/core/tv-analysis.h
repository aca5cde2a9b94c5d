/* tv-analysis.h: the analysis marks of one segment (tshark 4.0's
 * tcp.analysis.*), the handshake's initial RTT and the TCP options kept out
 * of line.  Private to the core: the tracker calls it once per segment, in
 * capture order; the public accessors are in tv-tracker.h. */
#pragma once

#include <glib.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

/* The marks of the segment @f that @dir sent, with its scaled @window;
 * updates the per-direction state of @c.  Call before the segment's own
 * bookkeeping (states, byte counts) and after the base sequence numbers and
 * window scale are set. */
guint16 tv_analysis_segment (TvConn        *c,
                             TvDirection    dir,
                             const TvFrame *f,
                             guint32        window);

/* Keeps the options of @f, segment @seg_index of @c, when it has any. */
void    tv_analysis_keep_options (TvConn        *c,
                                  guint32        seg_index,
                                  const TvFrame *f);

/* Frees what tv_analysis_keep_options() allocated for @c. */
void    tv_analysis_conn_free (TvConn *c);

/* Trims the options array of @c (tv_tracker_finish()). */
void    tv_analysis_conn_trim (TvConn *c);

G_END_DECLS
