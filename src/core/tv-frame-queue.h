/* tv-frame-queue.h: the hand-over of decoded frames from a worker thread to
 * a TvTracker on the main thread (design.md, "Threads"), shared by TvLoader
 * (files and streams) and TvLiveCapture (interfaces).
 *
 * The worker decodes and labels frames into plain items (a TvFrame with
 * payload = NULL, a label kind and the label's text) in a chunk of its own,
 * without a lock; tv_frame_queue_flush() appends the chunk to the queue
 * under the mutex and keeps at most one idle source pending on the
 * consumer's main context.  That source calls the consumer's function,
 * which drains frames into the tracker with tv_frame_queue_drain(), within
 * a count and time budget; the source stays pending while frames are
 * queued, so a burst is spread over several main loop iterations.
 *
 *   worker                                 main thread
 *   ------                                 -----------
 *   tv_frame_queue_push_packet () …        func (user_data):
 *   tv_frame_queue_flush ()  ──idle──>       tv_frame_queue_drain (q, tracker, …)
 *   tv_frame_queue_wake ()   (stats)         tv_frame_queue_get_touched ()
 *   tv_frame_queue_close ()  (the end)       … result.closed: join, finish
 *
 * Back-pressure: a queue made with @max_queued > 0 makes flush() wait while
 * that many frames are queued (a file: memory stays bounded); with 0 it
 * never waits (a live capture must not, or the kernel drops packets).
 * Drained chunks are recycled: no allocation per frame in steady state.
 *
 * Not a GObject: the owner (a GObject) holds it and frees it once its
 * worker has ended. */
#pragma once

#include <glib.h>
#include "tv-decode.h"
#include "tv-label.h"
#include "tv-tracker.h"

G_BEGIN_DECLS

typedef struct _TvFrameQueue TvFrameQueue;

/* The consumer's function, on the consumer's main context. */
typedef void (*TvFrameQueueFunc) (gpointer user_data);
/* Takes a reference on the consumer's data (g_object_ref() fits). */
typedef gpointer (*TvFrameQueueRefFunc) (gpointer user_data);

typedef struct {
  guint    added;      /* frames taken from the queue (added to the tracker, if any) */
  guint    new_conns;  /* connections the tracker gained */
  gboolean more;       /* frames are still queued */
  gboolean closed;     /* the worker closed the queue and every frame was drained */
} TvFrameQueueDrain;

TvFrameQueue  *tv_frame_queue_new          (guint               max_queued);
/* Detaches and frees; the worker must have ended (or never started). */
void           tv_frame_queue_free         (TvFrameQueue       *self);

/* ---- main thread: set-up ----------------------------------------------------- */

/* Where and what to call when frames (or a wake-up) arrive.  @func runs
 * from an idle source of priority G_PRIORITY_DEFAULT_IDLE named @name on
 * @context.  While that source is pending it holds @ref_func (@user_data)
 * (e.g. g_object_ref), released with @unref_func; both may be NULL. */
void           tv_frame_queue_attach       (TvFrameQueue       *self,
                                            GMainContext       *context,
                                            const char         *name,
                                            TvFrameQueueFunc    func,
                                            gpointer            user_data,
                                            TvFrameQueueRefFunc ref_func,
                                            GDestroyNotify      unref_func);
/* When the context keeps drawing, idle sources may not run for a long
 * time: a timeout of normal priority calls @func when the pending idle has
 * waited longer than @starved_ms.  0: none (the default). */
void           tv_frame_queue_set_watchdog (TvFrameQueue       *self,
                                            guint               starved_ms);
/* No more calls of @func: removes the pending idle and the watchdog.  The
 * frames still queued can be drained by hand.  Main thread. */
void           tv_frame_queue_detach       (TvFrameQueue       *self);

/* ---- worker thread ----------------------------------------------------------- */

/* Decodes one captured record (tv_decode_frame_full()), labels its payload
 * (tv_label_from_payload()) and appends it to the worker's chunk.  Returns
 * FALSE, and appends nothing, when the record is not TCP. */
gboolean       tv_frame_queue_push_packet  (TvFrameQueue       *self,
                                            int                 linktype,
                                            const guint8       *data,
                                            guint32             caplen,
                                            guint32             wirelen,
                                            guint32             frame_number,
                                            gint64              time_ns);
/* Appends a decoded frame (its payload is not read) with its label
 * (@label may be NULL when @label_kind is TV_LABEL_NONE). */
void           tv_frame_queue_push         (TvFrameQueue       *self,
                                            const TvFrame      *frame,
                                            TvLabelKind         label_kind,
                                            const char         *label);
/* Frames pushed since the last flush. */
guint          tv_frame_queue_get_unflushed (TvFrameQueue      *self);
/* Hands the frames pushed so far over, waiting first while the queue is
 * full (max_queued), and makes sure the consumer is called.  Returns FALSE,
 * and drops them, once the queue was stopped. */
gboolean       tv_frame_queue_flush        (TvFrameQueue       *self);
/* Makes sure the consumer is called, without frames (the worker changed
 * some other state of its owner: statistics, an error). */
void           tv_frame_queue_wake         (TvFrameQueue       *self);
/* The worker's last call: flushes, and marks the queue closed. */
void           tv_frame_queue_close        (TvFrameQueue       *self);

/* ---- any thread ------------------------------------------------------------ */

/* The worker should stop: a waiting flush() returns FALSE, and so does
 * every later one.  What was queued before stays queued. */
void           tv_frame_queue_stop         (TvFrameQueue       *self);
gboolean       tv_frame_queue_is_stopped   (TvFrameQueue       *self);

/* ---- main thread: draining --------------------------------------------------- */

/* Adds queued frames to @tracker, in the order they were pushed, until
 * @max_frames were added or @max_us have passed (0: no limit; the time is
 * checked every few dozen frames).  With @tracker NULL the frames are
 * dropped.  Fills @result (may be NULL); returns TRUE when frames are
 * still queued. */
gboolean       tv_frame_queue_drain        (TvFrameQueue       *self,
                                            TvTracker          *tracker,
                                            guint               max_frames,
                                            gint64              max_us,
                                            TvFrameQueueDrain  *result);
/* The ids of the connections that drains added segments to since the
 * last tv_frame_queue_clear_touched(), each once, in the order they were
 * first touched. */
const guint32 *tv_frame_queue_get_touched  (TvFrameQueue       *self,
                                            guint              *n_touched);
void           tv_frame_queue_clear_touched (TvFrameQueue      *self);
/* Frames handed over and not drained yet. */
guint          tv_frame_queue_get_queued   (TvFrameQueue       *self);

G_END_DECLS
