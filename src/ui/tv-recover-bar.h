/* tv-recover-bar.h: the offer of the live captures that a TcpViz which was
 * killed (or crashed, or a machine that lost power) left in the cache
 * (tv-spool.h), one at a time, newest first, in a bar under the header:
 * Open, Save As… (an atomic copy; then the spool goes), Discard… (asks
 * first), or not now (offered again next time).
 *
 * Actions (on the bar): recover.open, recover.save, recover.discard,
 * recover.later; disabled while the offer is being saved.
 * Signals: "open" (a TvSpool *, the bar's to free: copy it to keep it) when
 * the person opens the offer; "error" (a message, naming the file) and
 * "saved" (the path saved to).
 * Property "narrow": the buttons under the text, without the icon. */
#pragma once

#include <gtk/gtk.h>
#include "tv-spool.h"

G_BEGIN_DECLS

#define TV_TYPE_RECOVER_BAR (tv_recover_bar_get_type ())
G_DECLARE_FINAL_TYPE (TvRecoverBar, tv_recover_bar, TV, RECOVER_BAR, GtkWidget)

/* Whether the spool at @path is shown somewhere already (not offered). */
typedef gboolean (*TvRecoverBarShownFunc) (const char *path,
                                           gpointer    user_data);

/* Looks in @dir (NULL: tv_spool_default_dir()) for orphaned spools, in a
 * worker thread, and offers those @shown (may be NULL) says are not shown. */
void        tv_recover_bar_check    (TvRecoverBar          *self,
                                     const char            *dir,
                                     TvRecoverBarShownFunc  shown,
                                     gpointer               user_data);
/* Copies the offered spool to @file atomically, in a worker thread, then
 * deletes the spool ("saved" or "error" when done). */
void        tv_recover_bar_save_to  (TvRecoverBar          *self,
                                     GFile                 *file);
/* The offer's text as shown; NULL when the bar is hidden. */
const char *tv_recover_bar_get_text (TvRecoverBar          *self);
/* Where Save As… starts and what it remembers (may be NULL). */
void        tv_recover_bar_set_settings (TvRecoverBar      *self,
                                         GSettings         *settings);
/* "22 Nov 05:40", with the year when it is not this year. */
char       *tv_recover_bar_format_time  (GDateTime         *time);

G_END_DECLS
