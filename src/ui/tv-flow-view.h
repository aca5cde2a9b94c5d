/* tv-flow-view.h: many connections on one time axis (the flow view), or
 * two side by side, as a widget.
 *
 * Implements GtkScrollable: put it in a GtkScrolledWindow.  The lifeline
 * heads stay on top while it scrolls down, the time and connection columns
 * on the left while it scrolls sideways.  Draws only what is visible.  A
 * layout of many rows (a whole capture) is made in a worker thread: the
 * view says "busy" meanwhile and stays responsive. */
#pragma once

#include <gtk/gtk.h>

#include "tv-flow-layout.h"
#include "tv-tracker.h"

G_BEGIN_DECLS

#define TV_TYPE_FLOW_VIEW (tv_flow_view_get_type ())
G_DECLARE_FINAL_TYPE (TvFlowView, tv_flow_view, TV, FLOW_VIEW, GtkWidget)

/* Rows above which the layout is made in a worker thread. */
#define TV_FLOW_VIEW_THREAD_ROWS 50000

GtkWidget    *tv_flow_view_new              (void);

/* Shows connections @conns (IDs) of @tracker as @options say (lifelines,
 * fold, spacing, absolute, time range, side by side); the metrics are
 * measured here.  @tracker must outlive the view (or be replaced first)
 * and must not grow while a layout is being made in a thread (a finished
 * load, not a live capture: @finished).  NULL, 0 clears the view. */
void          tv_flow_view_set_connections  (TvFlowView          *self,
                                             TvTracker           *tracker,
                                             const guint         *conns,
                                             guint                n_conns,
                                             const TvFlowOptions *options,
                                             gboolean             finished);
/* The layout on screen, NULL while there is none (or it is being made). */
TvFlowLayout *tv_flow_view_get_layout       (TvFlowView *self);
gboolean      tv_flow_view_get_busy         (TvFlowView *self);

/* The selected row, -1 for none; "selected-row" notifies. */
void          tv_flow_view_set_selected_row (TvFlowView *self,
                                             int         row);
int           tv_flow_view_get_selected_row (TvFlowView *self);
/* Selects the row of segment @seg_index of connection @conn_id (its ID),
 * if shown, and scrolls to it; returns FALSE if it is not shown. */
gboolean      tv_flow_view_select_segment   (TvFlowView *self,
                                             guint       conn_id,
                                             guint       seg_index);
/* The connection ID and segment index of the selected row; FALSE if none
 * (folded: the phase's first segment). */
gboolean      tv_flow_view_get_selected_segment (TvFlowView *self,
                                                 guint      *conn_id,
                                                 guint      *seg_index);
void          tv_flow_view_scroll_to_row    (TvFlowView *self,
                                             int         row);

/* Playback, as the ladder's: rows below @visible_rows are drawn (-1: all),
 * the arrow of @progress_row @progress (0..1) of its way. */
void          tv_flow_view_set_playback     (TvFlowView *self,
                                             int         visible_rows,
                                             int         progress_row,
                                             double      progress);

/* What the tooltip says about @row, as Pango markup; free it. */
char         *tv_flow_view_dup_row_markup   (TvFlowView *self,
                                             int         row);

G_END_DECLS
