/* tv-loader.h: reads a capture in a worker thread and feeds the frames to a
 * TvTracker on the main thread, in batches (design.md, "Threads").
 *
 * The worker opens the file with tv_reader_open(), decodes every record with
 * tv_decode_frame() and labels its payload with tv_label_from_payload(); it
 * hands plain TvFrame structs (payload = NULL) with their labels to the main
 * thread through a TvFrameQueue (tv-frame-queue.h), with at most one idle
 * callback pending.  The main thread drains them into the tracker with
 * tv_tracker_add(), a few ms at a time, and tells its consumers what grew
 * at most ten times a second (see "frames-added").
 *
 * Files, "-" (standard input) and FIFOs all work: a stream is drained as it
 * arrives, so the tracker grows while the writer is still writing. */
#pragma once

#include <gio/gio.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

#define TV_TYPE_LOADER (tv_loader_get_type ())
G_DECLARE_FINAL_TYPE (TvLoader, tv_loader, TV, LOADER, GObject)

/* @tracker is borrowed: it must outlive the loader, or be detached with
 * tv_loader_detach() first.  The loader must be created, started and
 * drained on the thread whose main context is the thread-default one when
 * tv_loader_start() is called (normally the main thread). */
TvLoader     *tv_loader_new            (const char   *path,
                                        TvTracker    *tracker);

/* Starts the worker thread.  Signals are emitted on the calling thread's
 * thread-default main context:
 *   "frames-added" (guint n_frames): after drains that added frames, at
 *     most every 100 ms, or less often (up to 500 ms) while the main loop
 *     is slow to come back to the loader (the first frames and the end at
 *     once): n_frames is what the drains since the last emission added;
 *   "finished": once, at the end (see tv_loader_get_error()).
 * Properties "fraction", "frames" and "running" are notified as they change. */
void          tv_loader_start          (TvLoader     *self);

/* Stops the worker; "finished" follows with a G_IO_ERROR_CANCELLED error.
 * Thread-safe. */
void          tv_loader_cancel         (TvLoader     *self);

/* Stops the worker and forgets the tracker: nothing more is added to it and
 * no more signals are emitted.  For the tracker's owner, when it goes away. */
void          tv_loader_detach         (TvLoader     *self);

/* During "frames-added": the ids of the connections the drains since the
 * last "frames-added" added segments to, each once. */
const guint32 *tv_loader_get_touched   (TvLoader     *self,
                                        guint        *n_touched);

const char   *tv_loader_get_path       (TvLoader     *self);
TvTracker    *tv_loader_get_tracker    (TvLoader     *self);
gboolean      tv_loader_get_running    (TvLoader     *self);
/* Fraction of the file read, 0..1, or -1 when the size is not known
 * (a stream). */
double        tv_loader_get_fraction   (TvLoader     *self);
/* Records read and handed over so far (every record, TCP or not). */
guint64       tv_loader_get_frames     (TvLoader     *self);
/* Of those, TCP frames added to the tracker. */
guint64       tv_loader_get_tcp_frames (TvLoader     *self);
int           tv_loader_get_linktype   (TvLoader     *self);
/* TRUE when the path is a stream (standard input or a FIFO): it cannot be
 * read a second time. */
gboolean      tv_loader_get_is_stream  (TvLoader     *self);

/* After "finished": NULL on success; otherwise why the capture could not be
 * read (TV_CORE_ERROR, with the reader's message naming the file) or
 * G_IO_ERROR_CANCELLED. */
const GError *tv_loader_get_error      (TvLoader     *self);
/* After "finished": a problem that did not stop the load (the last record
 * was cut short …), with the reader's message, or NULL. */
const GError *tv_loader_get_warning    (TvLoader     *self);

G_END_DECLS
