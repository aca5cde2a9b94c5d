/* tv-connection-view.h: one connection, taught.  The ladder diagram with a
 * playback bar under it (restart, step back, play/pause, step forward,
 * speed, a scrubber and "Step 3 of 11"), and beside it the selected
 * segment explained in plain words above the table of all segments.  The
 * diagram, the explanation and the table share one selection; while the
 * connection plays, the selection follows the arrow in flight.  When the
 * view is too narrow for the diagram and the side pane, the explanation and
 * the table go under the diagram, side by side.
 *
 * Actions, with their keys (anywhere in the window while the view shows a
 * connection, unless the focused widget needs the key: text, menus, Space
 * on a button):
 *   playback.toggle        Space
 *   playback.step-forward  Right, period
 *   playback.step-back     Left, comma
 *   playback.restart       Ctrl+Home
 *   playback.speed         stateful, string: "0.25", "0.5", "1", "2", "4",
 *                          "8" (times real time) or "step" (one segment per
 *                          step); the property "playback-speed".
 *
 * Playback runs on the frame clock only while it plays, and follows the
 * desktop's "gtk-enable-animations" (off: arrows appear without
 * travelling). */
#pragma once

#include <gtk/gtk.h>

#include "tv-ladder-layout.h"
#include "tv-tracker.h"
#include "tv-view-state.h"

G_BEGIN_DECLS

#define TV_TYPE_CONNECTION_VIEW (tv_connection_view_get_type ())
G_DECLARE_FINAL_TYPE (TvConnectionView, tv_connection_view, TV, CONNECTION_VIEW, GtkWidget)

GtkWidget       *tv_connection_view_new                (void);

/* Property "state": the connection shown, the selected segment, relative
 * or absolute numbers, the spacing, and the playback position, which the
 * view writes there; the diagram, the table and the explanation inside are
 * bound to it in tv-connection-view.ui (see tv-view-state.h).  A view has a
 * state of its own until it is given one (NULL: a new one).  A new
 * connection in the state stops the playback and shows the whole diagram;
 * segments appended to it ("segments-added") are taken in. */
void             tv_connection_view_set_state          (TvConnectionView *self,
                                                        TvViewState      *state);
TvViewState     *tv_connection_view_get_state          (TvConnectionView *self);
TvConn          *tv_connection_view_get_connection     (TvConnectionView *self);

/* The diagram inside (a TvLadderView), for zoom and export. */
GtkWidget       *tv_connection_view_get_ladder_view    (TvConnectionView *self);

/* The segment table (a TvSegmentTable) and the explanation (a
 * TvExplainPane) inside. */
GtkWidget       *tv_connection_view_get_segment_table  (TvConnectionView *self);
GtkWidget       *tv_connection_view_get_explain_pane   (TvConnectionView *self);

/* The state's selected segment, -1 for none or one the connection does not
 * have. */
int              tv_connection_view_get_selected_segment (TvConnectionView *self);

/* Property "playback-speed": the state of playback.speed. */
void             tv_connection_view_set_playback_speed (TvConnectionView *self,
                                                        const char       *speed);
const char      *tv_connection_view_get_playback_speed (TvConnectionView *self);

/* The explanation and the table (view.details, key D, the button in the
 * playback bar): hidden, the diagram has all the room.  view.fit (key F,
 * a button): the whole connection at the largest legible zoom. */
void             tv_connection_view_set_details_visible (TvConnectionView *self,
                                                         gboolean          visible);
gboolean         tv_connection_view_get_details_visible (TvConnectionView *self);

/* Property "playing" (read-only). */
gboolean         tv_connection_view_get_playing        (TvConnectionView *self);

G_END_DECLS
