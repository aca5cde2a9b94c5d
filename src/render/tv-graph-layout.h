/* tv-graph-layout.h: the stream graphs of one direction of a connection,
 * as geometry in data coordinates (no cairo, no GTK).
 *
 * x is always the time in seconds since the connection's first segment; y
 * is what the graph shows: relative sequence numbers or bytes (stevens,
 * tcptrace, window), bytes per second (throughput) or seconds (rtt).  Each
 * graph is a few series (the segments, the ACK line, the window line, …).
 * A series keeps its items sorted by x and, for large series, merged
 * copies of them (8, 64, 512 … items to one), so that what is visible at a
 * given zoom is found and merged below a pixel in a time that depends on
 * the width of the view, not on the length of the connection. */
#pragma once

#include <glib.h>

#include "tv-tracker.h"

G_BEGIN_DECLS

typedef enum {
  TV_GRAPH_STEVENS = 0,    /* time–sequence: one point per segment */
  TV_GRAPH_TCPTRACE,       /* segment bars, ACK and window lines, SACK, dup ACKs */
  TV_GRAPH_THROUGHPUT,     /* bytes sent and bytes acknowledged per second */
  TV_GRAPH_RTT,            /* round-trip time of each acknowledged segment */
  TV_GRAPH_WINDOW,         /* receive window and bytes in flight */
  TV_GRAPH_N_KINDS
} TvGraphKind;

/* "stevens", "tcptrace", "throughput", "rtt", "window" and back (-1 when
 * unknown). */
const char *tv_graph_kind_name      (TvGraphKind kind);
int         tv_graph_kind_from_name (const char *name);
/* "Time–sequence (Stevens)", …: translated */
const char *tv_graph_kind_title     (TvGraphKind kind);

typedef enum {
  TV_GRAPH_SHAPE_POINTS,   /* a dot at (x, y) */
  TV_GRAPH_SHAPE_BARS,     /* a vertical bar from y to y + h at x */
  TV_GRAPH_SHAPE_STEPS,    /* a line holding y until the next item's x */
  TV_GRAPH_SHAPE_TICKS,    /* a short horizontal tick at (x, y) */
  TV_GRAPH_SHAPE_MARKS,    /* a larger marker at (x, y): zero window, … */
} TvGraphShape;

typedef enum {
  TV_GRAPH_ROLE_DATA,            /* segments carrying data (or SYN/FIN) */
  TV_GRAPH_ROLE_RETRANSMISSION,  /* retransmitted segments */
  TV_GRAPH_ROLE_ACK,             /* the peer's cumulative ACK */
  TV_GRAPH_ROLE_WINDOW,          /* the peer's ACK + advertised window, or the window itself */
  TV_GRAPH_ROLE_SACK,            /* SACK blocks the peer reported */
  TV_GRAPH_ROLE_DUP_ACK,         /* duplicate ACKs */
  TV_GRAPH_ROLE_ZERO_WINDOW,     /* zero-window advertisements */
  TV_GRAPH_ROLE_THROUGHPUT,      /* bytes sent per second, per segment */
  TV_GRAPH_ROLE_THROUGHPUT_AVG,  /* moving average of bytes sent */
  TV_GRAPH_ROLE_GOODPUT_AVG,     /* moving average of bytes acknowledged */
  TV_GRAPH_ROLE_RTT,             /* one RTT sample per acknowledged segment */
  TV_GRAPH_ROLE_IN_FLIGHT,       /* bytes sent and not yet acknowledged */
  TV_GRAPH_N_ROLES
} TvGraphRole;

/* Which unit an axis counts in, for its tick labels. */
typedef enum {
  TV_GRAPH_UNIT_TIME,      /* seconds, written as durations */
  TV_GRAPH_UNIT_BYTES,
  TV_GRAPH_UNIT_RATE,      /* bytes per second, written in bit/s */
} TvGraphUnit;

/* One item as visible: a single point (n == 1, x0 == x1) or several merged
 * into one pixel column (x0..x1, spanning y_lo..y_hi; y_first / y_last are
 * the first and last values, for lines).  @seg is the segment index in the
 * connection of the single point, or of one of the merged ones. */
typedef struct {
  double  x0, x1;
  double  y_lo, y_hi;
  double  y_first, y_last;
  guint32 seg;
  guint32 n;
} TvGraphItem;

typedef struct {
  double value;
  char  *label;
} TvGraphTick;

typedef struct _TvGraphLayout TvGraphLayout;

/* The graph @kind of the data @from sends (TV_DIR_CLIENT_TO_SERVER: the
 * client's data, acknowledged by the server).  Reads @conn now; the layout
 * does not follow it as it grows (make a new one). */
TvGraphLayout *tv_graph_layout_new         (TvTracker     *tracker,
                                            const TvConn  *conn,
                                            TvGraphKind    kind,
                                            TvDirection    from);
void           tv_graph_layout_free        (TvGraphLayout *self);

TvGraphKind    tv_graph_layout_get_kind      (TvGraphLayout *self);
TvDirection    tv_graph_layout_get_direction (TvGraphLayout *self);
/* The connection's id and segment count when the layout was made. */
guint32        tv_graph_layout_get_conn_id   (TvGraphLayout *self);
guint32        tv_graph_layout_get_n_conn_segments (TvGraphLayout *self);
/* ns since the epoch of x = 0 */
gint64         tv_graph_layout_get_origin_ns (TvGraphLayout *self);
TvGraphUnit    tv_graph_layout_get_y_unit    (TvGraphLayout *self);
/* "Sequence number", "Throughput", …: translated */
const char    *tv_graph_layout_get_y_title   (TvGraphLayout *self);

/* What all the series cover (x from 0 to the last segment, y from 0). */
void           tv_graph_layout_get_bounds  (TvGraphLayout *self,
                                            double        *x_min,
                                            double        *x_max,
                                            double        *y_min,
                                            double        *y_max);

guint          tv_graph_layout_get_n_series  (TvGraphLayout *self);
TvGraphRole    tv_graph_layout_get_role      (TvGraphLayout *self,
                                              guint          series);
TvGraphShape   tv_graph_layout_get_shape     (TvGraphLayout *self,
                                              guint          series);
/* Items in the series (unmerged) */
guint          tv_graph_layout_get_n_items   (TvGraphLayout *self,
                                              guint          series);
/* The series of @role, or -1 when the graph has none. */
int            tv_graph_layout_find_series   (TvGraphLayout *self,
                                              TvGraphRole    role);
/* Item @index of @series, unmerged. */
void           tv_graph_layout_get_item      (TvGraphLayout *self,
                                              guint          series,
                                              guint          index,
                                              TvGraphItem   *item);

/* Appends to @out (a GArray of TvGraphItem) the items of @series whose x
 * lies in [x0, x1] (and the one just before and after, so that lines run
 * to the edges), merged so that no pixel column @dx wide holds more than
 * one item.  With @dy > 0, the points of a series of points, ticks or
 * marks are merged only within a cell @dx wide and @dy high (points far
 * apart in one column stay apart) while the range holds few enough of
 * them (TV_GRAPH_MAX_CELL_POINTS); else by columns.  The cost grows with
 * (x1 - x0) / dx, not with the series. */
#define TV_GRAPH_MAX_CELL_POINTS 65536
void           tv_graph_layout_get_visible   (TvGraphLayout *self,
                                              guint          series,
                                              double         x0,
                                              double         x1,
                                              double         dx,
                                              double         dy,
                                              GArray        *out);

/* The segment (index in the connection) of the single item nearest to
 * (x, y) within @rx and @ry (data units), over every series; -1 if none. */
int            tv_graph_layout_hit           (TvGraphLayout *self,
                                              double         x,
                                              double         y,
                                              double         rx,
                                              double         ry);

/* Where segment @seg is in the graph (its first item in a series of
 * segments); FALSE when the graph does not show it. */
gboolean       tv_graph_layout_get_segment_position (TvGraphLayout *self,
                                                     guint32        seg,
                                                     double        *x,
                                                     double        *y);

/* Numbers for tests and legends: payload bytes sent in this direction
 * (the throughput graph counts them), the retransmitted segments marked. */
guint64        tv_graph_layout_get_total_bytes (TvGraphLayout *self);
/* The moving-average window of the throughput graph, in seconds. */
double         tv_graph_layout_get_average_window (TvGraphLayout *self);

/* Tick marks for an axis from @lo to @hi in @unit, at most @max_ticks, at
 * round values (1, 2, 5 × 10^n; for time also in s/ms/µs steps), with
 * labels in one unit for the whole axis ("0 s", "0.5 s", "1.0 s"; "0",
 * "500 kB", "1.0 MB").  Free with tv_graph_ticks_free(). */
GArray        *tv_graph_ticks                (TvGraphUnit unit,
                                              double      lo,
                                              double      hi,
                                              guint       max_ticks);
void           tv_graph_ticks_free           (GArray     *ticks);

G_END_DECLS
