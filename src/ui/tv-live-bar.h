/* tv-live-bar.h: the bar over a live capture: the interface, packets
 * captured and dropped (by the kernel, by the interface), the time, and
 * Stop; once stopped, the final numbers and Save As… until it is saved.
 * Its buttons are the window's actions win.stop-capture and win.save-as.
 * It shows itself (sliding down) while its capture is a live one. */
#pragma once

#include <gtk/gtk.h>
#include "tv-capture.h"

G_BEGIN_DECLS

#define TV_TYPE_LIVE_BAR (tv_live_bar_get_type ())
G_DECLARE_FINAL_TYPE (TvLiveBar, tv_live_bar, TV, LIVE_BAR, GtkWidget)

/* Property "capture": the capture shown (a live one shows the bar). */
void       tv_live_bar_set_capture (TvLiveBar *self,
                                    TvCapture *capture);
/* Property "unsaved": packets not saved yet (a stopped capture then offers
 * Save As…). */
void       tv_live_bar_set_unsaved (TvLiveBar *self,
                                    gboolean   unsaved);
/* Shows the numbers now. */
void       tv_live_bar_update      (TvLiveBar *self);

G_END_DECLS
