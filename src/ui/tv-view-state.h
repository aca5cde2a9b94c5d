/* tv-view-state.h: what every view of one connection shows.
 *
 * One TvViewState is shared by all the views of a connection: the ladder
 * diagram (TvLadderView), the segment table (TvSegmentTable), the
 * explanation (TvExplainPane), the playback bar (TvConnectionView) and the
 * views still to come (graphs, the flow view, the presenter view).  The
 * state holds the truth; a view only reads it and writes what the person
 * does in it (a segment clicked: "selected-segment").  A view never calls
 * another view: it follows the state, and the others follow it from there.
 *
 * Properties (all notify only on change):
 *   connection        the TvConnection shown (NULL: none); a new one resets
 *                     the selection and the playback position
 *   selected-segment  the selected segment's index, -1 for none
 *   absolute          raw sequence numbers instead of relative ones
 *   spacing           TvLadderSpacing: rows evenly, or by capture time
 *   visible-rows      playback: the diagram draws the rows below this only
 *                     (-1: all of them)
 *   progress-row      …and the arrow of this row only @progress of its way
 *   progress          0 … 1
 *   shown-rows        the rows the playback has reached, for views that list
 *                     segments (-1: all); the diagram may run ahead of it
 *                     while a newly captured arrow travels in
 *   playing           the playback runs
 * Signal "segments-added": the connection grew (a live capture, a file
 * still loading) or its arrays moved (the end of a load): look at its
 * segments again.
 *
 * How a new view plugs in:
 *   1. give it a property "state" (a TvViewState) and, in its setter,
 *      connect to the state's "notify" and "segments-added" (disconnect
 *      from the old one) and read everything once;
 *   2. bind it where the view is placed, in the .ui of its parent:
 *        <object class="TvGraphView">
 *          <binding name="state">
 *            <lookup name="state">TvConnectionView</lookup>
 *          </binding>
 *        </object>
 *      (TvWindow holds the window's state and binds it into its
 *      TvConnectionView the same way; a view of its own, like the presenter
 *      view, makes a state of its own);
 *   3. write to the state what the person does in the view, never to
 *      another view.  TvLadderView, TvSegmentTable and TvExplainPane are
 *      the examples. */
#pragma once

#include <glib-object.h>

#include "tv-connection.h"
#include "tv-ladder-layout.h"

G_BEGIN_DECLS

#define TV_TYPE_LADDER_SPACING (tv_ladder_spacing_get_type ())
GType tv_ladder_spacing_get_type (void);

#define TV_TYPE_VIEW_STATE (tv_view_state_get_type ())
G_DECLARE_FINAL_TYPE (TvViewState, tv_view_state, TV, VIEW_STATE, GObject)

TvViewState     *tv_view_state_new                  (void);

void             tv_view_state_set_connection       (TvViewState  *self,
                                                     TvConnection *connection);
TvConnection    *tv_view_state_get_connection       (TvViewState  *self);
/* For whoever has a tracker and one of its connections, not a
 * TvConnection (tests, the command line): NULL, NULL for none. */
void             tv_view_state_show_conn            (TvViewState  *self,
                                                     TvTracker    *tracker,
                                                     TvConn       *conn);
/* The connection's tracker and TvConn, or NULL. */
TvTracker       *tv_view_state_get_tracker          (TvViewState  *self);
TvConn          *tv_view_state_get_conn             (TvViewState  *self);
/* Emits "segments-added" (the state does so itself when the connection's
 * "n-segments" changes). */
void             tv_view_state_segments_added       (TvViewState  *self);

void             tv_view_state_set_selected_segment (TvViewState  *self,
                                                     int           index);
int              tv_view_state_get_selected_segment (TvViewState  *self);
void             tv_view_state_set_absolute         (TvViewState  *self,
                                                     gboolean      absolute);
gboolean         tv_view_state_get_absolute         (TvViewState  *self);
void             tv_view_state_set_spacing          (TvViewState  *self,
                                                     TvLadderSpacing spacing);
TvLadderSpacing  tv_view_state_get_spacing          (TvViewState  *self);

/* The playback position: what the diagram draws (see above). */
void             tv_view_state_set_playback         (TvViewState  *self,
                                                     int           visible_rows,
                                                     int           progress_row,
                                                     double        progress);
void             tv_view_state_get_playback         (TvViewState  *self,
                                                     int          *visible_rows,
                                                     int          *progress_row,
                                                     double       *progress);
void             tv_view_state_set_shown_rows       (TvViewState  *self,
                                                     int           shown_rows);
int              tv_view_state_get_shown_rows       (TvViewState  *self);
void             tv_view_state_set_playing          (TvViewState  *self,
                                                     gboolean      playing);
gboolean         tv_view_state_get_playing          (TvViewState  *self);

G_END_DECLS
