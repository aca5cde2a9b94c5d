/* tv-window.h: the main window: a capture's connections in a sidebar and
 * the selected one's ladder diagram. */
#pragma once

#include <adwaita.h>
#include "tv-application.h"
#include "tv-capture.h"

G_BEGIN_DECLS

#define TV_TYPE_WINDOW (tv_window_get_type ())
G_DECLARE_FINAL_TYPE (TvWindow, tv_window, TV, WINDOW, AdwApplicationWindow)

TvWindow     *tv_window_new            (TvApplication *application);

/* Reads a capture into the window (replacing what it shows). */
void          tv_window_open_file      (TvWindow      *self,
                                        GFile         *file);
/* The same for a path; "-" reads a pcap stream from standard input. */
void          tv_window_open_path      (TvWindow      *self,
                                        const char    *path);

/* Saves the capture, or only the selected connection, as pcap to @file, in
 * a worker thread (Save As… without the dialog). */
void          tv_window_save_to        (TvWindow            *self,
                                        GFile               *file,
                                        gboolean             selected_only,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean      tv_window_save_to_finish (TvWindow            *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* Captures live on @iface into the window (replacing what it shows), as
 * the "Live Capture…" dialog does: @filter NULL for "tcp", "" for every
 * packet; @snaplen 0 for the default; @duration 0 for no limit; @write_path
 * (or NULL): where the capture is saved when it stops.  When the capture
 * cannot start (permission, no such interface, bad filter) the window
 * keeps what it shows, says why in its banner and returns FALSE with
 * @error. */
gboolean      tv_window_start_capture  (TvWindow      *self,
                                        const char    *iface,
                                        const char    *filter,
                                        int            snaplen,
                                        gboolean       promiscuous,
                                        guint          duration,
                                        const char    *write_path,
                                        GError       **error);
/* Stops the live capture (immediately); what was captured stays. */
void          tv_window_stop_capture   (TvWindow      *self);
/* TRUE if the window shows a live capture with packets not saved yet:
 * closing it asks first. */
gboolean      tv_window_get_unsaved    (TvWindow      *self);

/* Looks in @dir (NULL: the cache folder, tv_spool_default_dir()) for the
 * spools of live captures whose TcpViz was killed before they were saved,
 * in a worker thread, and offers them in a bar in this window: Open, Save
 * As…, Discard…, or not now.  The application calls it for its first
 * window.  A recovered capture that is opened stays unsaved: closing its
 * window asks first, and deletes the spool once it is saved or discarded. */
void          tv_window_check_spools   (TvWindow      *self,
                                        const char    *dir);
/* Save As… in that bar, once the file is chosen: copies the offered spool
 * to @file atomically, in a worker thread, then deletes the spool. */
void          tv_window_save_orphan    (TvWindow      *self,
                                        GFile         *file);

/* TRUE if the window shows no capture (nothing open, nothing loading). */
gboolean      tv_window_is_empty       (TvWindow      *self);

/* For tests */
TvCapture    *tv_window_get_capture    (TvWindow      *self);
GListModel   *tv_window_get_connections (TvWindow     *self);   /* the filtered list */
void          tv_window_select         (TvWindow      *self,
                                        guint          position);
TvConnection *tv_window_get_selected   (TvWindow      *self);
void          tv_window_set_search     (TvWindow      *self,
                                        const char    *text);
/* The TvConnectionView that shows the selected connection. */
GtkWidget    *tv_window_get_connection_view (TvWindow *self);
/* The TvLadderView. */
GtkWidget    *tv_window_get_view       (TvWindow      *self);
/* The offer of a capture that was not saved, as shown; NULL when hidden. */
const char   *tv_window_get_recovery_text (TvWindow   *self);

G_END_DECLS
