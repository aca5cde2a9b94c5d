/* tv-presenter.h: the presenter view, for a room.  One connection,
 * fullscreen: its diagram as large as the screen allows (type readable
 * from the back of a room), the current step's explanation as a caption
 * under it, and the segments not reached yet hidden (arrows and states).
 *
 * Keys (what presentation clickers send among them):
 *   Right, Page Down, Space, Down, Return  the next segment
 *   Left, Page Up, Backspace, Up           one back
 *   Home                                   the start: nothing shown, the
 *                                          introduction as the caption
 *   End                                    every segment
 *   Escape, F5                             leave (the window closes)
 * The arrow of the next segment travels from sender to receiver unless the
 * desktop asks for reduced motion.  Light or dark as the desktop is. */
#pragma once

#include <adwaita.h>

#include "tv-capture.h"
#include "tv-connection.h"

G_BEGIN_DECLS

#define TV_TYPE_PRESENTER (tv_presenter_get_type ())
G_DECLARE_FINAL_TYPE (TvPresenter, tv_presenter, TV, PRESENTER, AdwWindow)

/* A presenter view of @connection (of @capture, both kept alive by it),
 * at the start.  @intro (or NULL): the caption before the first segment,
 * a lesson's introduction.  @parent (or NULL): the window it comes from,
 * presented again when it closes.  Call gtk_window_present() and, for a
 * room, gtk_window_fullscreen(). */
TvPresenter *tv_presenter_new          (GtkWindow    *parent,
                                        TvCapture    *capture,
                                        TvConnection *connection,
                                        const char   *intro);

/* The segments shown (0 … n). */
guint        tv_presenter_get_shown    (TvPresenter *self);
void         tv_presenter_set_shown    (TvPresenter *self,
                                        guint        shown);
guint        tv_presenter_get_n_steps  (TvPresenter *self);
/* The caption as shown (for tests). */
const char  *tv_presenter_get_caption  (TvPresenter *self);
/* The diagram (a TvLadderView). */
GtkWidget   *tv_presenter_get_ladder_view (TvPresenter *self);

G_END_DECLS
