/* tv-capture.h: a capture being read or read: a TvTracker fed by a
 * TvLoader (a file) or a TvLiveCapture (an interface), shown as a
 * GListModel of TvConnection (in tcp.stream order).
 * Items are made lazily in get_item() and cached; "items-changed" is emitted
 * when new connections appear after a batch of frames, so a list shows the
 * first connections while the rest of the file is still being read. */
#pragma once

#include <gio/gio.h>
#include "tv-tracker.h"
#include "tv-connection.h"
#include "tv-live-capture.h"

G_BEGIN_DECLS

#define TV_TYPE_CAPTURE (tv_capture_get_type ())
G_DECLARE_FINAL_TYPE (TvCapture, tv_capture, TV, CAPTURE, GObject)

/* An empty capture for @path ("-" for standard input). */
TvCapture    *tv_capture_new           (const char *path);

/* Starts reading in a worker thread.  "loaded" is emitted at the end;
 * "loading", "fraction" and "frames" are notified on the way. */
void          tv_capture_load          (TvCapture  *self);
void          tv_capture_cancel        (TvCapture  *self);

/* A live capture on @iface, not started: set it up through
 * tv_capture_get_live() (filter, duration, snapshot length…), then
 * tv_capture_start_live().  While it runs the capture is "loading";
 * tv_capture_cancel() stops it (immediately) and "loaded" follows at once.
 * Its path is the spool file once started, its frames the packets
 * captured, and its error why the capture stopped by itself, if it did. */
TvCapture     *tv_capture_new_live     (const char *iface);
gboolean       tv_capture_start_live   (TvCapture  *self,
                                        GError    **error);
/* The TvLiveCapture of a live capture, NULL for a file. */
TvLiveCapture *tv_capture_get_live     (TvCapture  *self);

const char   *tv_capture_get_path      (TvCapture  *self);
/* A name for people: the file's display basename, or "Standard input". */
char         *tv_capture_dup_display_name (TvCapture *self);
TvTracker    *tv_capture_get_tracker   (TvCapture  *self);
gboolean      tv_capture_get_loading   (TvCapture  *self);
/* TRUE once "loaded" was emitted (successfully or not). */
gboolean      tv_capture_get_loaded    (TvCapture  *self);
double        tv_capture_get_fraction  (TvCapture  *self);
guint64       tv_capture_get_frames    (TvCapture  *self);
int           tv_capture_get_linktype  (TvCapture  *self);
/* TRUE if the capture came from a stream and cannot be read again. */
gboolean      tv_capture_get_is_stream (TvCapture  *self);
/* After "loaded": see tv_loader_get_error() / tv_loader_get_warning(). */
const GError *tv_capture_get_error     (TvCapture  *self);
const GError *tv_capture_get_warning   (TvCapture  *self);

/* The item for the tracker's connection with this id, or NULL. */
TvConnection *tv_capture_get_connection (TvCapture *self,
                                         guint      id);

G_END_DECLS
