/* tv-connection-view-private.h: for tests. */
#pragma once

#include "tv-connection-view.h"
#include "tv-playback.h"

G_BEGIN_DECLS

/* The playback of the shown connection, NULL without one. */
TvPlayback *tv_connection_view_get_playback    (TvConnectionView *self);

/* What the frame clock does on a frame @elapsed_us after the previous one:
 * moves the playback on and repaints. */
void        tv_connection_view_advance         (TvConnectionView *self,
                                                gint64            elapsed_us);

/* The arguments last given to tv_view_state_set_playback(). */
void        tv_connection_view_get_paint_state (TvConnectionView *self,
                                                int              *visible_rows,
                                                int              *progress_row,
                                                double           *progress);

/* Whether a tick callback is installed (playing on the frame clock). */
gboolean    tv_connection_view_is_ticking      (TvConnectionView *self);

/* The row of a newly arrived segment whose arrow is travelling in (-1:
 * none) and how far it is. */
int         tv_connection_view_get_arrival     (TvConnectionView *self,
                                                double           *progress);

G_END_DECLS
