/* tv-analysis.h: the analysis marks of one segment (tshark 4.0's
 * tcp.analysis.*), the handshake's initial RTT and the TCP options kept out
 * of line.  Private to the core: the tracker calls it once per segment, in
 * capture order; the public accessors are in tv-tracker.h. */
#pragma once

#include <glib.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

/* Sets up the analysis state of a new connection. */
void    tv_analysis_conn_init (TvConn *c);

/* The marks of the segment @f that @dir sent (TvAnalysis bits), as tshark
 * 4.0's tcp_analyze_sequence_number() sets them; updates the analysis state
 * of @c and its initial RTT.  Call once per segment, in capture order. */
guint16 tv_analysis_segment (TvConn        *c,
                             TvDirection    dir,
                             const TvFrame *f);

/* Keeps the options of @f, segment @seg_index of @c, when it has any. */
void    tv_analysis_keep_options (TvConn        *c,
                                  guint32        seg_index,
                                  const TvFrame *f);

/* Frees what tv_analysis_keep_options() allocated for @c. */
void    tv_analysis_conn_free (TvConn *c);

G_END_DECLS
