/* tv-flow-layout.h: the geometry of the flow view: many connections on one
 * time axis, one lifeline per endpoint.
 *
 * Pure: no cairo, no GTK.  Rows (one per segment, or one per phase of a
 * connection when folded) are put in capture order once (O(n), a radix
 * sort on frame numbers), their y computed once into a compact array;
 * everything else (labels, arrow end points) is derived per row on demand,
 * so that painting the visible part of a whole capture touches only the
 * visible rows (binary search on y) and the visible lifelines (they are
 * evenly spaced).
 *
 * Lifelines, and their order (stable: the same selection gives the same
 * order, whatever order the connections were given in):
 * - TV_FLOW_LIFELINES_HOST: one per address.  An address that is at both
 *   ends of one of the connections (loopback) gets one lifeline per port
 *   instead, so that no arrow goes from a lifeline to itself.
 * - TV_FLOW_LIFELINES_PORT: one per address and port.
 * - TV_FLOW_LIFELINES_CONNECTION (side by side): each connection's client
 *   and server, connection by connection, in the order given.
 * For HOST and PORT: hosts from left to right in the order they first
 * appear in the rows (the sender of the earliest row first, then its
 * receiver, …), and within a host its lifelines in the order they first
 * appear.  A client is thus left of the servers it opened connections to.
 *
 * Coordinates are in layout units, as the ladder's. */
#pragma once

#include <glib.h>
#include "tv-ladder-layout.h"
#include "tv-tracker.h"

G_BEGIN_DECLS

typedef enum {
  TV_FLOW_LIFELINES_HOST = 0,
  TV_FLOW_LIFELINES_PORT,
  TV_FLOW_LIFELINES_CONNECTION,
} TvFlowLifelines;

/* The phases a connection folds into, in the order they happen. */
typedef enum {
  TV_FLOW_PHASE_HANDSHAKE = 0, /* SYN to the ACK that completes it */
  TV_FLOW_PHASE_REQUEST,       /* client data: from its first segment to the
                                * answer's first (what the client waited) */
  TV_FLOW_PHASE_RESPONSE,      /* server data, with the ACKs among it */
  TV_FLOW_PHASE_CLOSE,         /* from the first FIN to the last segment */
  TV_FLOW_PHASE_RESET,         /* from the RST on */
  TV_FLOW_N_PHASES
} TvFlowPhaseKind;

/* One phase of a connection. */
typedef struct {
  TvFlowPhaseKind kind;
  TvDirection     dir;          /* who sent it (its arrow's way) */
  guint           first_seg;    /* indices into conn->segs */
  guint           last_seg;
  guint           n_segs;
  guint64         bytes;        /* payload */
  gint64          start_ns;     /* capture time of its first segment */
  gint64          duration_ns;  /* as the kind says */
  guint32         label;        /* the first HTTP/TLS label in it, 0 = none */
  guint16         analysis;     /* the shown marks of its segments, together */
} TvFlowPhase;

typedef struct {
  TvFlowLifelines lifelines;
  gboolean        fold;         /* one row per phase instead of per segment */
  gboolean        absolute;     /* raw seq/ack */
  TvLadderSpacing spacing;
  /* only the segments (or phases) whose capture time is in
   * [time_start, time_end]; time_end <= time_start: all */
  gint64          time_start;
  gint64          time_end;
  /* times from each connection's first SYN (else its first segment)
   * rather than from the first row: connections side by side */
  gboolean        align_start;

  /* metrics, as the ladder's (tv_ladder_painter_measure()): margin,
   * time_width, header_height, line_height, label_gap, arrow_drop, row_gap,
   * label_width, min_span, px_per_second, max_gap */
  TvLadderOptions metrics;
  double          conn_width;   /* the "#12" column right of the times */
  double          head_width;   /* the widest lifeline head */
} TvFlowOptions;

typedef struct {
  TvEndpoint endpoint;          /* port 0 when the lifeline is a whole host */
  gboolean   has_port;
  guint      conn;              /* CONNECTION: the connection's position */
  TvDirection side;             /* CONNECTION: its client or its server */
  guint      n_client;          /* how many of the connections it is the client of */
  guint      n_server;          /* … and the server of */
  double     x;
} TvFlowLifeline;

/* One row, computed on demand.  For drawing it is also a TvLadderRow (in
 * @ladder: kind, x1, y1, x2, y2, label_x, label_bottom, label_max_width,
 * n_lines, top, bottom; index = the row), so that the ladder painter draws
 * its arrow and label. */
typedef struct {
  guint            index;
  guint            conn_pos;    /* the connection's position in the layout */
  TvConn          *conn;
  guint            seg_index;   /* folded: the phase's first segment */
  const TvSegment *seg;
  gboolean         folded;
  TvFlowPhase      phase;       /* folded only */
  guint            from, to;    /* lifelines of sender and receiver */
  gint64           rel_ns;      /* time on the axis */
  TvLadderRow      ladder;
  /* time spacing: the gap before this row was too long and is drawn broken */
  gboolean         gap_broken;
  gint64           gap_ns;
} TvFlowRow;

typedef struct _TvFlowLayout TvFlowLayout;

void             tv_flow_options_init        (TvFlowOptions *options);

/* The phases of @conn in order (TvFlowPhase). */
GArray          *tv_flow_conn_phases         (const TvConn *conn);
const char      *tv_flow_phase_kind_name     (TvFlowPhaseKind kind);   /* "Handshake", translated */
/* A folded row's label: "Response 12.3 ms · 45 segments · 1.23 MB", with the
 * phase's HTTP/TLS line and marks. */
void             tv_flow_phase_label         (TvTracker         *tracker,
                                              const TvFlowPhase *phase,
                                              TvLadderLabel     *out);

/* Which connections to show. */
/* Every connection of @tracker whose ends are @a and @b (either way). */
GArray          *tv_flow_select_hosts        (TvTracker       *tracker,
                                              const TvAddress *a,
                                              const TvAddress *b);
/* Every connection with a segment in [start, end] (capture times, ns). */
GArray          *tv_flow_select_time_range   (TvTracker *tracker,
                                              gint64     start,
                                              gint64     end);

/* Lays out connections @conns (indices into @tracker, guint) with
 * @options (NULL: defaults).  HOST and PORT show each connection once, in
 * ID order, whatever order @conns has; CONNECTION keeps the order given.
 * @tracker must outlive the layout, and must not grow while it lives. */
TvFlowLayout    *tv_flow_layout_new          (TvTracker           *tracker,
                                              const guint         *conns,
                                              guint                n_conns,
                                              const TvFlowOptions *options);
void             tv_flow_layout_free         (TvFlowLayout *self);

TvTracker       *tv_flow_layout_get_tracker  (TvFlowLayout *self);
const TvFlowOptions *
                 tv_flow_layout_get_options  (TvFlowLayout *self);
guint            tv_flow_layout_get_n_conns  (TvFlowLayout *self);
TvConn          *tv_flow_layout_get_conn     (TvFlowLayout *self,
                                              guint         pos);
guint            tv_flow_layout_get_n_rows   (TvFlowLayout *self);
guint            tv_flow_layout_get_n_lifelines (TvFlowLayout *self);
void             tv_flow_layout_get_lifeline (TvFlowLayout   *self,
                                              guint           index,
                                              TvFlowLifeline *out);
/* A lifeline's head: its title ("10.0.0.2", "Client A") and the line under
 * it ("server", "port 80", "10.0.0.1:40000"); free both. */
void             tv_flow_layout_dup_head     (TvFlowLayout *self,
                                              guint         lifeline,
                                              char        **title,
                                              char        **subtitle);
/* Lifelines within [x1, x2] (and the one just outside either side, for
 * arrows that cross), FALSE if none. */
gboolean         tv_flow_layout_find_lifelines (TvFlowLayout *self,
                                                double        x1,
                                                double        x2,
                                                guint        *first,
                                                guint        *last);

double           tv_flow_layout_get_width    (TvFlowLayout *self);
double           tv_flow_layout_get_height   (TvFlowLayout *self);
double           tv_flow_layout_get_header_bottom (TvFlowLayout *self);
/* Left of the lifelines: the time axis line, the connection column. */
double           tv_flow_layout_get_time_x   (TvFlowLayout *self);
double           tv_flow_layout_get_conn_x   (TvFlowLayout *self);
/* Where the lifelines' part starts (the fixed columns end). */
double           tv_flow_layout_get_lifelines_x (TvFlowLayout *self);

double           tv_flow_layout_get_row_y    (TvFlowLayout *self,
                                              guint         row);
void             tv_flow_layout_get_row      (TvFlowLayout *self,
                                              guint         row,
                                              TvFlowRow    *out);
void             tv_flow_layout_get_label    (TvFlowLayout *self,
                                              const TvFlowRow *row,
                                              TvLadderLabel *out);
/* Rows whose extent meets [y1, y2], by binary search: FALSE if none. */
gboolean         tv_flow_layout_find_rows    (TvFlowLayout *self,
                                              double        y1,
                                              double        y2,
                                              guint        *first,
                                              guint        *last);
/* The row whose arrow or label is at (x, y), or -1. */
int              tv_flow_layout_row_at       (TvFlowLayout *self,
                                              double        x,
                                              double        y);
/* The row of segment @seg_index of connection @conn_id (its ID in the
 * tracker), or -1; folded: the row of the phase holding it. */
int              tv_flow_layout_find_segment (TvFlowLayout *self,
                                              guint         conn_id,
                                              guint         seg_index);
/* The time the axis counts from (ns, capture time; align_start: 0). */
gint64           tv_flow_layout_get_t0       (TvFlowLayout *self);

G_END_DECLS
