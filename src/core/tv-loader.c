/* tv-loader.c: threaded loading of a capture into a TvTracker.
 *
 * Worker thread: tv_reader_next, then tv_frame_queue_push_packet() (decode
 * and label) into the queue's worker chunk, flushed every LOCAL_CHUNK
 * records (every record for a pipe).  The queue (tv-frame-queue.c) makes
 * the worker wait while MAX_QUEUED frames are queued, so memory stays
 * bounded, and keeps one idle source pending on the consumer's main
 * context; each idle drains for DRAIN_BUDGET_US at most.
 *
 * Announcing: the drains run as often as the main loop lets them, but the
 * consumers (a list model, a window) are told ("frames-added", the
 * "frames" and "fraction" properties) at most every ANNOUNCE_MS, the first
 * time at once: each announcement costs them a relayout and a redraw,
 * which on a large file cost far more than the drains themselves.  Where
 * a redraw is slow (software rendering, a loaded machine), the interval
 * grows, up to ANNOUNCE_MAX_MS, so that what the announcements cost stays
 * near 1/ANNOUNCE_SHARE of the main thread's time: the loader measures how
 * long the main loop keeps its pending drain waiting. */
#define G_LOG_DOMAIN "tv-loader"
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tv-loader.h"
#include "tv-core-error.h"
#include "tv-frame-queue.h"
#include "tv-reader.h"
#include "tv-tsan.h"

/* Records the worker collects before it takes the lock (regular files). */
#define LOCAL_CHUNK 256
/* The most frames queued before the worker waits for the main thread. */
#define MAX_QUEUED 32768
/* The longest one drain adds frames to the tracker: a few ms. */
#define DRAIN_BUDGET_US 4000
/* The consumers are told of new frames at most this often (the first
 * frames and the end at once). */
#define ANNOUNCE_MS 100
#define ANNOUNCE_MAX_MS 500
#define ANNOUNCE_SHARE 4
/* When the window keeps drawing (an animation on a slow machine), idle
 * callbacks may never run: a watchdog at normal priority drains the queue
 * when it has waited longer than this. */
#define STARVED_MS 100

struct _TvLoader
{
  GObject parent_instance;

  char         *path;
  TvTracker    *tracker;       /* borrowed; NULL once detached */
  GMainContext *context;
  GThread      *thread;
  TvFrameQueue *queue;
  GSource      *announce;      /* a later announcement, see announce() */
  GSource      *give_up;       /* after a cancel, see give_up() */
  GThread      *main_thread;   /* the thread that started the load */
  GCancellable *cancellable;   /* internal: wakes the worker */
  gboolean      is_stream;
  goffset       size;          /* -1 if not known */
  gboolean      pcapng;

  /* Shared with the worker, under mutex (the frames go through queue) */
  GMutex        mutex;
  TvReader     *reader;        /* so that cancel can break it */
  guint64       w_frames;
  guint64       w_bytes;
  int           w_linktype;
  GError       *w_error;
  GError       *w_warning;
  gint          stop;          /* atomic */

  /* Main thread */
  guint64       bytes;         /* of the file read, as the worker last said */
  guint         unannounced;   /* frames added since the last "frames-added" */
  gint64        last_announce; /* monotonic, 0: never */
  gint64        interval;      /* between announcements, µs */
  gint64        dispatch_end;  /* when the last drain left frames queued, else 0 */
  gint64        longest_wait;  /* of a drain with frames queued, since the last announcement */
  guint64       frames;
  guint64       tcp_frames;
  double        fraction;
  int           linktype;
  GError       *error;
  GError       *warning;
  guint         running : 1;
  guint         started : 1;
  guint         finished : 1;
};

G_DEFINE_FINAL_TYPE (TvLoader, tv_loader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_RUNNING,
  PROP_FRACTION,
  PROP_FRAMES,
  N_PROPS
};

enum {
  FRAMES_ADDED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
tv_loader_finalize (GObject *object)
{
  TvLoader *self = TV_LOADER (object);

  /* The worker holds a reference while it runs, so it has ended here. */
  g_clear_pointer (&self->thread, g_thread_unref);
  if (self->announce != NULL)
    {
      g_source_destroy (self->announce);
      g_clear_pointer (&self->announce, g_source_unref);
    }
  g_clear_pointer (&self->queue, tv_frame_queue_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->w_error);
  g_clear_error (&self->w_warning);
  g_clear_error (&self->error);
  g_clear_error (&self->warning);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (tv_loader_parent_class)->finalize (object);
}

static void
tv_loader_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TvLoader *self = TV_LOADER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_FRAMES:
      g_value_set_uint64 (value, self->frames);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_loader_class_init (TvLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tv_loader_finalize;
  object_class->get_property = tv_loader_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRAMES] =
    g_param_spec_uint64 ("frames", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FRAMES_ADDED] =
    g_signal_new ("frames-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tv_loader_init (TvLoader *self)
{
  g_mutex_init (&self->mutex);
  self->queue = tv_frame_queue_new (MAX_QUEUED);
  self->interval = ANNOUNCE_MS * 1000;
  self->cancellable = g_cancellable_new ();
  self->size = -1;
  self->linktype = -1;
  self->w_linktype = -1;
}

TvLoader *
tv_loader_new (const char *path,
               TvTracker  *tracker)
{
  TvLoader *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (tracker != NULL, NULL);

  self = g_object_new (TV_TYPE_LOADER, NULL);
  self->path = g_strdup (path);
  self->tracker = tracker;
  return self;
}

/* ---- main thread: draining ------------------------------------------------ */

/* Copies what the worker said besides frames. */
static void
take_worker_state (TvLoader *self)
{
  tv_mutex_lock (&self->mutex);
  self->bytes = self->w_bytes;
  self->frames = self->w_frames;
  self->linktype = self->w_linktype;
  if (self->w_error != NULL)
    {
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&self->w_error);
    }
  if (self->w_warning != NULL)
    {
      g_clear_error (&self->warning);
      self->warning = g_steal_pointer (&self->w_warning);
    }
  tv_mutex_unlock (&self->mutex);
}

static void
stop_timers (TvLoader *self)
{
  if (self->announce != NULL)
    {
      g_source_destroy (self->announce);
      g_clear_pointer (&self->announce, g_source_unref);
    }
  if (self->give_up != NULL)
    {
      g_source_destroy (self->give_up);
      g_clear_pointer (&self->give_up, g_source_unref);
    }
}

/* The end, on the main thread: "finished", once. */
static void
finish (TvLoader *self)
{
  stop_timers (self);
  tv_frame_queue_detach (self->queue);
  if (self->finished || self->tracker == NULL)
    return;
  tv_tracker_finish (self->tracker);
  self->finished = TRUE;
  self->running = FALSE;
  self->fraction = self->error != NULL ? self->fraction : 1.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[FINISHED], 0);
}

/* Tells the consumers what the drains since the last time added: the
 * "frames" and "fraction" properties, then "frames-added" with the
 * connections touched (tv_loader_get_touched()). */
static void
announce (TvLoader *self,
          gboolean  done)
{
  guint added = self->unannounced;
  double fraction;

  if (self->announce != NULL)
    {
      g_source_destroy (self->announce);
      g_clear_pointer (&self->announce, g_source_unref);
    }
  self->unannounced = 0;
  self->last_announce = g_get_monotonic_time ();
  /* a drain kept waiting that long by the rest of the main loop (mostly
   * what the last announcement made the window do) */
  self->interval = CLAMP (ANNOUNCE_SHARE * self->longest_wait,
                          ANNOUNCE_MS * 1000, ANNOUNCE_MAX_MS * 1000);
  self->longest_wait = 0;

  if (done)
    fraction = 1.0;
  else if (self->size > 0)
    fraction = CLAMP ((double) self->bytes / (double) self->size, 0.0, 0.999);
  else
    fraction = -1.0;

  g_object_ref (self);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMES]);
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (added > 0 && self->tracker != NULL)
    g_signal_emit (self, signals[FRAMES_ADDED], 0, added);
  tv_frame_queue_clear_touched (self->queue);
  g_object_unref (self);
}

static gboolean
announce_cb (gpointer user_data)
{
  TvLoader *self = user_data;

  g_clear_pointer (&self->announce, g_source_unref);
  if (!self->finished && self->tracker != NULL)
    announce (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Called by the queue on the main thread: drains for a few ms, and
 * announces now or a little later. */
static void
tv_loader_dispatch (gpointer user_data)
{
  TvLoader *self = TV_LOADER (user_data);
  TvFrameQueueDrain drained;
  gint64 now;

  if (self->finished || self->tracker == NULL)
    {
      /* given up on after a cancel (see below), or detached */
      tv_frame_queue_detach (self->queue);
      return;
    }

  /* frames were waiting since the last drain: the main loop was busy */
  now = g_get_monotonic_time ();
  if (self->dispatch_end > 0)
    self->longest_wait = MAX (self->longest_wait, now - self->dispatch_end);

  tv_frame_queue_drain (self->queue, self->tracker, 0, DRAIN_BUDGET_US, &drained);
  take_worker_state (self);
  self->tcp_frames += drained.added;
  self->unannounced += drained.added;

  now = g_get_monotonic_time ();
  self->dispatch_end = drained.more ? now : 0;
  if (drained.closed || now - self->last_announce >= self->interval)
    {
      g_object_ref (self);
      announce (self, drained.closed);
      if (drained.closed && self->tracker != NULL)
        {
          /* the worker has handed everything over and is about to return */
          if (self->thread != NULL)
            {
              g_thread_join (self->thread);
              self->thread = NULL;
            }
          finish (self);
        }
      g_object_unref (self);
    }
  else if (self->announce == NULL)
    {
      gint64 wait_ms = (self->last_announce + self->interval - now + 999) / 1000;

      /* holds no reference: finalize destroys it */
      self->announce = g_timeout_source_new ((guint) CLAMP (wait_ms, 1, ANNOUNCE_MAX_MS));
      g_source_set_callback (self->announce, announce_cb, self, NULL);
      g_source_set_static_name (self->announce, "[tcpviz] loader announce");
      g_source_attach (self->announce, self->context);
    }
}

/* ---- worker thread ---------------------------------------------------------- */

/* Hands the records read so far over to the main thread; waits while the
 * queue is full.  Returns FALSE when the load was stopped. */
static gboolean
push_chunk (TvLoader *self,
            guint64   records,
            guint64   bytes)
{
  if (g_atomic_int_get (&self->stop))
    return FALSE;

  tv_mutex_lock (&self->mutex);
  self->w_frames += records;
  self->w_bytes = bytes;
  tv_mutex_unlock (&self->mutex);

  return tv_frame_queue_flush (self->queue);
}

static gpointer
tv_loader_worker (gpointer data)
{
  TvLoader *self = data;   /* owns a reference */
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) warning = NULL;
  TvReader *reader;
  guint64 records = 0;
  guint64 bytes;
  guint32 record_overhead;
  int linktype;

  reader = tv_reader_open (self->path, &error);
  if (reader == NULL)
    goto out;

  tv_mutex_lock (&self->mutex);
  self->reader = reader;
  self->w_linktype = linktype = tv_reader_get_linktype (reader);
  tv_mutex_unlock (&self->mutex);

  /* An estimate of the file offset, for the progress bar: pcap has a
   * 24-byte header and 16 bytes per record; pcapng about 32 bytes per
   * Enhanced Packet Block plus padding. */
  bytes = self->pcapng ? 200 : 24;
  record_overhead = self->pcapng ? 32 : 16;

  while (!g_atomic_int_get (&self->stop))
    {
      TvRecord record;
      TvReadStatus status;

      status = tv_reader_next (reader, &record, &error);
      if (g_atomic_int_get (&self->stop))
        break;
      if (status == TV_READ_EOF)
        break;
      if (status == TV_READ_ERROR)
        {
          /* The records before it were good: keep them, and say why the
           * rest is missing. */
          warning = g_steal_pointer (&error);
          break;
        }

      records++;
      bytes += record_overhead + (self->pcapng ? ((record.caplen + 3u) & ~3u) : record.caplen);
      tv_frame_queue_push_packet (self->queue, linktype, record.data, record.caplen,
                                  record.wirelen, record.frame, record.time_ns);

      /* A pipe hands every record over at once: the next read may block
       * for a long time.  A file (or standard input redirected from one)
       * collects a chunk first. */
      if ((self->is_stream && self->size < 0) || records % LOCAL_CHUNK == 0)
        {
          if (!push_chunk (self, records, bytes))
            break;
          records = 0;
        }
    }

  if (!g_atomic_int_get (&self->stop))
    push_chunk (self, records, bytes);

out:
  tv_mutex_lock (&self->mutex);
  self->reader = NULL;
  tv_mutex_unlock (&self->mutex);
  g_clear_pointer (&reader, tv_reader_free);

  tv_mutex_lock (&self->mutex);
  if (g_atomic_int_get (&self->stop))
    {
      g_clear_error (&error);
      g_clear_error (&warning);
      g_set_error (&self->w_error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("Reading “%s” was cancelled"), self->path);
    }
  else
    {
      self->w_error = g_steal_pointer (&error);
      self->w_warning = g_steal_pointer (&warning);
    }
  tv_mutex_unlock (&self->mutex);
  /* after the state above: the main thread reads it once it sees the end */
  tv_frame_queue_close (self->queue);

  g_object_unref (self);
  return NULL;
}

/* ---- public ----------------------------------------------------------------- */

static void
on_cancelled (GCancellable *cancellable,
              TvLoader     *self)
{
  g_atomic_int_set (&self->stop, 1);
  tv_mutex_lock (&self->mutex);
  if (self->reader != NULL)
    tv_reader_break (self->reader);
  tv_mutex_unlock (&self->mutex);
  tv_frame_queue_stop (self->queue);   /* wakes a worker waiting for room */
}

void
tv_loader_start (TvLoader *self)
{
  g_return_if_fail (TV_IS_LOADER (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  self->running = TRUE;
  self->context = g_main_context_ref_thread_default ();
  self->main_thread = g_thread_self ();

  if (g_strcmp0 (self->path, "-") == 0)
    {
      GStatBuf st;

      /* `tcpviz - < file.pcap`: still a stream (it cannot be read again),
       * but its size is known, for the progress bar */
      self->is_stream = TRUE;
      if (fstat (STDIN_FILENO, &st) == 0 && S_ISREG (st.st_mode))
        self->size = st.st_size;
    }
  else
    {
      GStatBuf st;

      if (g_stat (self->path, &st) == 0)
        {
          if (S_ISREG (st.st_mode))
            {
              FILE *f;

              self->size = st.st_size;
              f = g_fopen (self->path, "rb");
              if (f != NULL)
                {
                  guint8 magic[4] = { 0 };
                  if (fread (magic, 1, 4, f) == 4)
                    self->pcapng = (magic[0] == 0x0a && magic[1] == 0x0d &&
                                    magic[2] == 0x0d && magic[3] == 0x0a);
                  fclose (f);
                }
            }
          else
            self->is_stream = TRUE;
        }
    }
  self->fraction = self->size > 0 ? 0.0 : -1.0;

  g_cancellable_connect (self->cancellable, G_CALLBACK (on_cancelled), self, NULL);

  tv_frame_queue_attach (self->queue, self->context, "[tcpviz] loader drain",
                         tv_loader_dispatch, self, g_object_ref, g_object_unref);
  tv_frame_queue_set_watchdog (self->queue, STARVED_MS);

  self->thread = g_thread_new ("tv-loader", tv_loader_worker, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* A cancelled worker that has not ended after a moment is blocked in
 * read() on a pipe whose writer is silent (pcap_breakloop() cannot wake
 * it): keep what arrived, end the load now, and let the thread go; it
 * ends by itself when the read returns, and nothing it hands over after
 * this is used. */
static gboolean
give_up_cb (gpointer user_data)
{
  TvLoader *self = user_data;
  TvFrameQueueDrain drained;

  g_clear_pointer (&self->give_up, g_source_unref);
  if (self->finished || self->tracker == NULL)
    return G_SOURCE_REMOVE;

  /* what the worker handed over until now (the queue is bounded) */
  tv_frame_queue_drain (self->queue, self->tracker, 0, 0, &drained);
  take_worker_state (self);
  self->tcp_frames += drained.added;
  self->unannounced += drained.added;
  if (self->unannounced > 0)
    announce (self, FALSE);
  if (self->tracker == NULL)
    return G_SOURCE_REMOVE;

  if (drained.closed)
    {
      if (self->thread != NULL)
        {
          g_thread_join (self->thread);
          self->thread = NULL;
        }
    }
  else
    {
      g_clear_error (&self->error);
      g_set_error (&self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("Reading “%s” was cancelled"), self->path);
      g_clear_pointer (&self->thread, g_thread_unref);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMES]);
  finish (self);
  return G_SOURCE_REMOVE;
}

#define GIVE_UP_MS 300

void
tv_loader_cancel (TvLoader *self)
{
  g_return_if_fail (TV_IS_LOADER (self));

  g_cancellable_cancel (self->cancellable);
  /* on the thread that drains, with a load running */
  if (self->started && !self->finished && self->give_up == NULL &&
      self->tracker != NULL && g_thread_self () == self->main_thread)
    {
      self->give_up = g_timeout_source_new (GIVE_UP_MS);
      g_source_set_callback (self->give_up, give_up_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (self->give_up, "[tcpviz] loader give up");
      g_source_attach (self->give_up, self->context);
    }
}

void
tv_loader_detach (TvLoader *self)
{
  g_return_if_fail (TV_IS_LOADER (self));

  self->tracker = NULL;
  g_cancellable_cancel (self->cancellable);
  stop_timers (self);
  /* no more drains: what the worker still hands over is dropped with it */
  tv_frame_queue_detach (self->queue);
  if (self->thread != NULL)
    {
      /* Do not wait: a stream may block in read() until its writer writes.
       * The worker holds its own reference and ends by itself. */
      g_thread_unref (self->thread);
      self->thread = NULL;
    }
  if (self->running)
    {
      self->running = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

const guint32 *
tv_loader_get_touched (TvLoader *self,
                       guint    *n_touched)
{
  g_return_val_if_fail (TV_IS_LOADER (self), NULL);
  g_return_val_if_fail (n_touched != NULL, NULL);

  return tv_frame_queue_get_touched (self->queue, n_touched);
}

const char *
tv_loader_get_path (TvLoader *self)
{
  g_return_val_if_fail (TV_IS_LOADER (self), NULL);
  return self->path;
}

TvTracker *
tv_loader_get_tracker (TvLoader *self)
{
  g_return_val_if_fail (TV_IS_LOADER (self), NULL);
  return self->tracker;
}

gboolean
tv_loader_get_running (TvLoader *self)
{
  g_return_val_if_fail (TV_IS_LOADER (self), FALSE);
  return self->running;
}

double
tv_loader_get_fraction (TvLoader *self)
{
  g_return_val_if_fail (TV_IS_LOADER (self), -1.0);
  return self->fraction;
}

guint64
tv_loader_get_frames (TvLoader *self)
{
  g_return_val_if_fail (TV_IS_LOADER (self), 0);
  return self->frames;
}

guint64
tv_loader_get_tcp_frames (TvLoader *self)
{
  g_return_val_if_fail (TV_IS_LOADER (self), 0);
  return self->tcp_frames;
}

int
tv_loader_get_linktype (TvLoader *self)
{
  g_return_val_if_fail (TV_IS_LOADER (self), -1);
  return self->linktype;
}

gboolean
tv_loader_get_is_stream (TvLoader *self)
{
  g_return_val_if_fail (TV_IS_LOADER (self), FALSE);
  return self->is_stream;
}

const GError *
tv_loader_get_error (TvLoader *self)
{
  g_return_val_if_fail (TV_IS_LOADER (self), NULL);
  return self->error;
}

const GError *
tv_loader_get_warning (TvLoader *self)
{
  g_return_val_if_fail (TV_IS_LOADER (self), NULL);
  return self->warning;
}
