/* tv-flow-compare.h: two connections side by side: how long each phase
 * took in each, and the difference in plain words.  Pure: no cairo. */
#pragma once

#include <glib.h>
#include "tv-flow-layout.h"

G_BEGIN_DECLS

/* The time a connection spent in each kind of phase (a connection with
 * several requests adds them up), and from its start to its end. */
typedef struct {
  gint64 ns[TV_FLOW_N_PHASES];
  guint  count[TV_FLOW_N_PHASES];
  gint64 total_ns;     /* from the first SYN (else the first segment) to the last segment */
} TvFlowPhaseTimes;

void   tv_flow_phase_times       (const TvConn     *conn,
                                  TvFlowPhaseTimes *out);

/* The difference between A and B in one kind of phase, in plain words:
 * "B took 40.1 ms longer (81×)", "B took 2.00 ms less", "about the same",
 * "only in B"; translated.  @kind TV_FLOW_N_PHASES: the whole connection. */
char  *tv_flow_compare_phrase    (const TvFlowPhaseTimes *a,
                                  const TvFlowPhaseTimes *b,
                                  TvFlowPhaseKind         kind);

/* The whole difference in a sentence or two: "In all, B took 162 ms
 * longer than A (1.20 ms against 163 ms). Most of the difference is in the
 * response: 80.4 ms."; translated. */
char  *tv_flow_compare_summary   (const TvFlowPhaseTimes *a,
                                  const TvFlowPhaseTimes *b);

G_END_DECLS
