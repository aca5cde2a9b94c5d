/* tv-graph-view.h: a stream graph of the shown connection (stevens,
 * tcptrace, throughput, rtt, window), one direction at a time, painted by
 * TvGraphPainter: the same picture as tcpviz --graph.
 *
 * Gestures as the ladder's: Ctrl+scroll or a pinch zooms the time axis
 * around the pointer (Shift+Ctrl+scroll the value axis), scrolling or
 * dragging pans, Ctrl+plus/minus/0 zoom in, out and back to the whole
 * connection; a click selects the segment under the pointer ("selected-
 * segment", shared with the ladder and the table). Stalls of the
 * connection's diagnosis are shaded. */
#pragma once

#include <gtk/gtk.h>

#include "tv-graph-layout.h"
#include "tv-tracker.h"

G_BEGIN_DECLS

#define TV_TYPE_GRAPH_VIEW (tv_graph_view_get_type ())
G_DECLARE_FINAL_TYPE (TvGraphView, tv_graph_view, TV, GRAPH_VIEW, GtkWidget)

GtkWidget   *tv_graph_view_new                (void);

/* @conn of @tracker (both must outlive the view, or be replaced first);
 * NULL, NULL clears the view.  Shows the whole connection. */
void         tv_graph_view_set_connection     (TvGraphView *self,
                                               TvTracker   *tracker,
                                               TvConn      *conn);
/* Segments were appended to the connection: the graph is made again. */
void         tv_graph_view_connection_changed (TvGraphView *self);

/* Property "kind": a TvGraphKind */
void         tv_graph_view_set_kind           (TvGraphView *self,
                                               TvGraphKind  kind);
TvGraphKind  tv_graph_view_get_kind           (TvGraphView *self);

/* Property "direction": whose data (a TvDirection) */
void         tv_graph_view_set_direction      (TvGraphView *self,
                                               TvDirection  direction);
TvDirection  tv_graph_view_get_direction      (TvGraphView *self);

/* Property "selected-segment": -1 for none */
void         tv_graph_view_set_selected_segment (TvGraphView *self,
                                                 int          index);
int          tv_graph_view_get_selected_segment (TvGraphView *self);

/* The data range shown (x in seconds since the first segment) */
void         tv_graph_view_get_range          (TvGraphView *self,
                                               double      *x0,
                                               double      *x1,
                                               double      *y0,
                                               double      *y1);
void         tv_graph_view_set_range          (TvGraphView *self,
                                               double       x0,
                                               double       x1,
                                               double       y0,
                                               double       y1);
void         tv_graph_view_zoom_reset         (TvGraphView *self);

/* The layout shown (NULL without a connection) */
TvGraphLayout *tv_graph_view_get_layout       (TvGraphView *self);

G_END_DECLS
