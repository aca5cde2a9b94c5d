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

G_BEGIN_DECLS

#define TV_TYPE_CONNECTION_VIEW (tv_connection_view_get_type ())
G_DECLARE_FINAL_TYPE (TvConnectionView, tv_connection_view, TV, CONNECTION_VIEW, GtkWidget)

GtkWidget       *tv_connection_view_new                (void);

/* Shows @conn of @tracker (both must outlive the view, or be replaced
 * first); NULL, NULL clears the view.  Stops the playback and shows the
 * whole diagram. */
void             tv_connection_view_set_connection     (TvConnectionView *self,
                                                        TvTracker        *tracker,
                                                        TvConn           *conn);
TvConn          *tv_connection_view_get_connection     (TvConnectionView *self);

/* Segments were appended to the shown connection (live capture, a file
 * still loading): the diagram, the table, the explanation and the playback
 * take them in. */
void             tv_connection_view_connection_changed (TvConnectionView *self);

/* The diagram inside (a TvLadderView), for zoom and export. */
GtkWidget       *tv_connection_view_get_ladder_view    (TvConnectionView *self);

/* The segment table (a TvSegmentTable) and the explanation (a
 * TvExplainPane) inside. */
GtkWidget       *tv_connection_view_get_segment_table  (TvConnectionView *self);
GtkWidget       *tv_connection_view_get_explain_pane   (TvConnectionView *self);

/* Properties "absolute" and "spacing", forwarded to the diagram (and to the
 * table and the explanation for "absolute"). */
void             tv_connection_view_set_absolute       (TvConnectionView *self,
                                                        gboolean          absolute);
gboolean         tv_connection_view_get_absolute       (TvConnectionView *self);
void             tv_connection_view_set_spacing        (TvConnectionView *self,
                                                        TvLadderSpacing   spacing);
TvLadderSpacing  tv_connection_view_get_spacing        (TvConnectionView *self);

/* Property "selected-segment": the segment selected in the diagram, the
 * table and the explanation; -1 for none. */
void             tv_connection_view_set_selected_segment (TvConnectionView *self,
                                                          int               index);
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
