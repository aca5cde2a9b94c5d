/* tv-ladder-view.h: the ladder diagram of one connection, as a widget.
 *
 * Implements GtkScrollable: put it in a GtkScrolledWindow.  Draws only the
 * visible rows, so its cost per frame does not grow with the connection. */
#pragma once

#include <gtk/gtk.h>

#include "tv-ladder-layout.h"
#include "tv-tracker.h"
#include "tv-view-state.h"

G_BEGIN_DECLS

#define TV_TYPE_LADDER_VIEW (tv_ladder_view_get_type ())
G_DECLARE_FINAL_TYPE (TvLadderView, tv_ladder_view, TV, LADDER_VIEW, GtkWidget)

#define TV_LADDER_VIEW_MIN_ZOOM 0.25
#define TV_LADDER_VIEW_MAX_ZOOM 4.0
/* Fit goes no smaller: 13 px labels at 9 px, the smallest text 8 px. */
#define TV_LADDER_VIEW_LEGIBLE_ZOOM 0.7

GtkWidget       *tv_ladder_view_new                (void);

/* Property "state": what it shows (the connection, the selected segment,
 * relative or absolute numbers, the spacing, the playback position); see
 * tv-view-state.h.  A view has a state of its own until it is given one
 * (NULL: a new one). */
void             tv_ladder_view_set_state          (TvLadderView *self,
                                                    TvViewState  *state);
TvViewState     *tv_ladder_view_get_state          (TvLadderView *self);

/* What the state says, as the view has applied it. */
TvConn          *tv_ladder_view_get_connection     (TvLadderView *self);
TvLadderSpacing  tv_ladder_view_get_spacing        (TvLadderView *self);
gboolean         tv_ladder_view_get_absolute       (TvLadderView *self);
int              tv_ladder_view_get_selected_segment (TvLadderView *self);

void             tv_ladder_view_set_zoom           (TvLadderView *self,
                                                    double        zoom);
double           tv_ladder_view_get_zoom           (TvLadderView *self);
/* Fit: the zoom at which the whole connection fits the view's width and
 * height, but not below TV_LADDER_VIEW_LEGIBLE_ZOOM (then it scrolls), and
 * back to its top. */
void             tv_ladder_view_zoom_to_fit        (TvLadderView *self);

/* Scrolls so that segment @index is in view. */
void             tv_ladder_view_scroll_to_segment  (TvLadderView *self,
                                                    int           index);

/* What the tooltip shows for segment @index, as Pango markup: frame, time,
 * flags, seq/ack relative and raw, len, window, label, analysis, states.
 * NULL when there is no such segment.  Free it. */
char            *tv_ladder_view_dup_segment_markup (TvLadderView *self,
                                                    int           index);

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
