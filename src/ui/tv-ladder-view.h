/* tv-ladder-view.h: the ladder diagram of one connection, as a widget.
 *
 * Implements GtkScrollable: put it in a GtkScrolledWindow.  Draws only the
 * visible rows, so its cost per frame does not grow with the connection. */
#pragma once

#include <gtk/gtk.h>

#include "tv-ladder-layout.h"
#include "tv-tracker.h"

G_BEGIN_DECLS

#define TV_TYPE_LADDER_SPACING (tv_ladder_spacing_get_type ())
GType tv_ladder_spacing_get_type (void);

#define TV_TYPE_LADDER_VIEW (tv_ladder_view_get_type ())
G_DECLARE_FINAL_TYPE (TvLadderView, tv_ladder_view, TV, LADDER_VIEW, GtkWidget)

#define TV_LADDER_VIEW_MIN_ZOOM 0.25
#define TV_LADDER_VIEW_MAX_ZOOM 4.0
/* Fit goes no smaller: 13 px labels at 9 px, the smallest text 8 px. */
#define TV_LADDER_VIEW_LEGIBLE_ZOOM 0.7

GtkWidget       *tv_ladder_view_new                (void);

/* Shows @conn of @tracker (both must outlive the view, or be replaced
 * first); NULL, NULL clears the view. */
void             tv_ladder_view_set_connection     (TvLadderView *self,
                                                    TvTracker    *tracker,
                                                    TvConn       *conn);
TvConn          *tv_ladder_view_get_connection     (TvLadderView *self);

/* Segments were appended to the shown connection: lays out only the new
 * ones and follows the newest unless the person scrolled away. */
void             tv_ladder_view_connection_changed (TvLadderView *self);

void             tv_ladder_view_set_spacing        (TvLadderView    *self,
                                                    TvLadderSpacing  spacing);
TvLadderSpacing  tv_ladder_view_get_spacing        (TvLadderView *self);
void             tv_ladder_view_set_absolute       (TvLadderView *self,
                                                    gboolean      absolute);
gboolean         tv_ladder_view_get_absolute       (TvLadderView *self);
void             tv_ladder_view_set_zoom           (TvLadderView *self,
                                                    double        zoom);
double           tv_ladder_view_get_zoom           (TvLadderView *self);
/* Fit: the zoom at which the whole connection fits the view's width and
 * height, but not below TV_LADDER_VIEW_LEGIBLE_ZOOM (then it scrolls), and
 * back to its top. */
void             tv_ladder_view_zoom_to_fit        (TvLadderView *self);

/* The selected segment's index in the connection, -1 for none. */
void             tv_ladder_view_set_selected_segment (TvLadderView *self,
                                                      int           index);
int              tv_ladder_view_get_selected_segment (TvLadderView *self);
/* Scrolls so that segment @index is in view. */
void             tv_ladder_view_scroll_to_segment  (TvLadderView *self,
                                                    int           index);

/* What the tooltip shows for segment @index, as Pango markup: frame, time,
 * flags, seq/ack relative and raw, len, window, label, analysis, states.
 * NULL when there is no such segment.  Free it. */
char            *tv_ladder_view_dup_segment_markup (TvLadderView *self,
                                                    int           index);

/* Playback: only segments below @visible_rows are drawn (-1: all), and
 * the arrow of @progress_row is drawn @progress (0..1) of its way. */
void             tv_ladder_view_set_playback       (TvLadderView *self,
                                                    int           visible_rows,
                                                    int           progress_row,
                                                    double        progress);

/* The layout on screen (NULL without a connection): the full one, or the
 * compact one while the view is narrower than the full one needs. */
TvLadderLayout  *tv_ladder_view_get_layout         (TvLadderView *self);
/* The visible part, in the units of the full layout (what an export lays
 * out, TvExportOptions' y_start and y_end): the layout's own units, but for
 * a compact layout (a narrow view), whose rows on screen are mapped to
 * where the full layout has them. */
void             tv_ladder_view_get_visible_range  (TvLadderView *self,
                                                    double       *y_start,
                                                    double       *y_end);
/* TRUE while the view is too narrow for the full layout and shows the
 * compact one. */
gboolean         tv_ladder_view_get_compact        (TvLadderView *self);

G_END_DECLS
