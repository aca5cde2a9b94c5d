/* tv-loader.c: threaded loading of a capture into a TvTracker.
 *
 * Worker thread: tv_reader_next → tv_decode_frame → tv_label_from_payload,
 * into a local chunk; chunks are appended to the shared batch under the
 * mutex.  When the shared batch is full the worker waits (so memory stays
 * bounded and one drain stays short).  The worker keeps at most one idle
 * source pending on the consumer's main context; the idle callback steals
 * the whole batch and adds it to the tracker. */
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
#include "tv-label.h"
#include "tv-reader.h"

/* Records the worker collects before it takes the lock (regular files). */
#define LOCAL_CHUNK 256
/* The most frames one drain adds to the tracker: a few ms of work. */
#define MAX_BATCH 4096
/* When the window keeps drawing (an animation on a slow machine), idle
 * callbacks may never run: a watchdog at normal priority drains a batch
 * that has waited longer than this. */
#define STARVED_MS 100

typedef struct {
  TvFrame frame;        /* payload = NULL */
  guint32 label_offset; /* into labels, when label_kind != NONE */
  guint8  label_kind;
} LoaderItem;

struct _TvLoader
{
  GObject parent_instance;

  char         *path;
  TvTracker    *tracker;       /* borrowed; NULL once detached */
  GMainContext *context;
  GThread      *thread;
  GSource      *watchdog;
  GSource      *give_up;       /* after a cancel, see give_up() */
  GThread      *main_thread;   /* the thread that started the load */
  GCancellable *cancellable;   /* internal: wakes the worker */
  gboolean      is_stream;
  goffset       size;          /* -1 if not known */
  gboolean      pcapng;

  /* Shared with the worker, under mutex */
  GMutex        mutex;
  GCond         cond;
  GArray       *batch;         /* LoaderItem */
  GByteArray   *labels;        /* NUL-terminated label strings */
  TvReader     *reader;        /* so that cancel can break it */
  guint64       w_frames;
  guint64       w_bytes;
  int           w_linktype;
  GError       *w_error;
  GError       *w_warning;
  gint64        last_drain;    /* monotonic time of the last drain */
  guint         idle_pending : 1;
  guint         worker_done : 1;
  gint          stop;          /* atomic */

  /* Main thread */
  GArray       *touched;       /* guint32 conn ids, this drain */
  GArray       *touched_gen;   /* guint32 per conn id: drain that last touched it */
  guint32       generation;
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
  if (self->watchdog != NULL)
    {
      g_source_destroy (self->watchdog);
      g_clear_pointer (&self->watchdog, g_source_unref);
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->batch, g_array_unref);
  g_clear_pointer (&self->labels, g_byte_array_unref);
  g_clear_pointer (&self->touched, g_array_unref);
  g_clear_pointer (&self->touched_gen, g_array_unref);
  g_clear_error (&self->w_error);
  g_clear_error (&self->w_warning);
  g_clear_error (&self->error);
  g_clear_error (&self->warning);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

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
  g_cond_init (&self->cond);
  self->batch = g_array_sized_new (FALSE, FALSE, sizeof (LoaderItem), 1024);
  self->labels = g_byte_array_new ();
  self->touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->touched_gen = g_array_new (FALSE, TRUE, sizeof (guint32));
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

/* Steals the shared batch and adds it to the tracker.  Returns FALSE when
 * the batch was empty. */
static gboolean
drain_once (TvLoader *self,
            gboolean *done,
            guint64  *bytes,
            guint    *added)
{
  g_autoptr(GArray) items = NULL;
  g_autoptr(GByteArray) labels = NULL;

  g_mutex_lock (&self->mutex);
  items = g_steal_pointer (&self->batch);
  labels = g_steal_pointer (&self->labels);
  self->batch = g_array_sized_new (FALSE, FALSE, sizeof (LoaderItem), MIN (items->len, MAX_BATCH));
  self->labels = g_byte_array_new ();
  *done = self->worker_done;
  *bytes = self->w_bytes;
  self->frames = self->w_frames;
  self->linktype = self->w_linktype;
  if (self->w_error != NULL)
    self->error = g_steal_pointer (&self->w_error);
  if (self->w_warning != NULL)
    self->warning = g_steal_pointer (&self->w_warning);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (self->tracker == NULL)
    return FALSE;   /* detached */

  for (guint i = 0; i < items->len; i++)
    {
      const LoaderItem *item = &g_array_index (items, LoaderItem, i);
      const char *label = NULL;
      TvConn *conn;

      if (item->label_kind != TV_LABEL_NONE)
        label = (const char *) labels->data + item->label_offset;
      conn = tv_tracker_add (self->tracker, &item->frame, item->label_kind, label, NULL);
      (*added)++;
      if (conn != NULL)
        {
          guint32 *gen;

          if (conn->id >= self->touched_gen->len)
            g_array_set_size (self->touched_gen, MAX (conn->id + 1, self->touched_gen->len * 2));
          gen = &g_array_index (self->touched_gen, guint32, conn->id);
          if (*gen != self->generation)
            {
              *gen = self->generation;
              g_array_append_val (self->touched, conn->id);
            }
        }
    }
  return items->len > 0;
}

static void
stop_timers (TvLoader *self)
{
  if (self->watchdog != NULL)
    {
      g_source_destroy (self->watchdog);
      g_clear_pointer (&self->watchdog, g_source_unref);
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
  if (self->finished || self->tracker == NULL)
    return;
  tv_tracker_finish (self->tracker);
  self->finished = TRUE;
  self->running = FALSE;
  self->fraction = self->error != NULL ? self->fraction : 1.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[FINISHED], 0);
}

/* Drains on the main thread.  When the worker is faster than the main
 * thread, the batches that arrive within DRAIN_BUDGET are drained in the
 * same callback, so that the consumers (a list, a window) see a few large
 * updates per frame rather than many small ones. */
#define DRAIN_BUDGET_US 4000

static gboolean
tv_loader_drain (gpointer user_data)
{
  TvLoader *self = TV_LOADER (user_data);
  gint64 start = g_get_monotonic_time ();
  gboolean done = FALSE;
  guint64 bytes = 0;
  guint added = 0;
  double fraction;

  if (self->finished)
    return G_SOURCE_REMOVE;   /* given up on after a cancel (see below) */

  self->generation++;
  g_array_set_size (self->touched, 0);

  g_mutex_lock (&self->mutex);
  self->idle_pending = FALSE;
  self->last_drain = start;
  g_mutex_unlock (&self->mutex);

  for (;;)
    {
      gboolean more;

      if (!drain_once (self, &done, &bytes, &added) && self->tracker == NULL)
        return G_SOURCE_REMOVE;
      if (done || g_get_monotonic_time () - start > DRAIN_BUDGET_US)
        break;
      /* more already waiting?  The worker may be refilling as we go. */
      g_mutex_lock (&self->mutex);
      more = self->batch->len > 0 || self->worker_done;
      if (!more)
        {
          g_mutex_unlock (&self->mutex);
          break;
        }
      g_mutex_unlock (&self->mutex);
    }
  self->tcp_frames += added;

  if (done)
    fraction = 1.0;
  else if (self->size > 0)
    fraction = CLAMP ((double) bytes / (double) self->size, 0.0, 0.999);
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

  if (done)
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

  return G_SOURCE_REMOVE;
}

/* ---- worker thread ---------------------------------------------------------- */

/* Called with the mutex held. */
static void
schedule_drain_locked (TvLoader *self)
{
  GSource *source;

  if (self->idle_pending)
    return;
  self->idle_pending = TRUE;
  source = g_idle_source_new ();
  /* An idle, below drawing, so that the window stays smooth (the
   * watchdog makes sure it is not left behind for ever). */
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, tv_loader_drain, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[tcpviz] loader drain");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

/* Hands @chunk over to the main thread; waits while the batch is full.
 * Returns FALSE when the load was stopped. */
static gboolean
push_chunk (TvLoader   *self,
            GArray     *chunk,
            GByteArray *chunk_labels,
            guint64     records,
            guint64     bytes)
{
  guint base;

  g_mutex_lock (&self->mutex);
  while (self->batch->len >= MAX_BATCH && !g_atomic_int_get (&self->stop))
    g_cond_wait (&self->cond, &self->mutex);
  if (g_atomic_int_get (&self->stop))
    {
      g_mutex_unlock (&self->mutex);
      return FALSE;
    }

  base = self->labels->len;
  for (guint i = 0; i < chunk->len; i++)
    {
      LoaderItem item = g_array_index (chunk, LoaderItem, i);
      item.label_offset += base;
      g_array_append_val (self->batch, item);
    }
  if (chunk_labels->len > 0)
    g_byte_array_append (self->labels, chunk_labels->data, chunk_labels->len);
  self->w_frames += records;
  self->w_bytes = bytes;
  if (chunk->len > 0 || records > 0)
    schedule_drain_locked (self);
  g_mutex_unlock (&self->mutex);

  g_array_set_size (chunk, 0);
  g_byte_array_set_size (chunk_labels, 0);
  return TRUE;
}

static gpointer
tv_loader_worker (gpointer data)
{
  TvLoader *self = data;   /* owns a reference */
  g_autoptr(GArray) chunk = g_array_sized_new (FALSE, FALSE, sizeof (LoaderItem), LOCAL_CHUNK);
  g_autoptr(GByteArray) chunk_labels = g_byte_array_new ();
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

  g_mutex_lock (&self->mutex);
  self->reader = reader;
  self->w_linktype = linktype = tv_reader_get_linktype (reader);
  g_mutex_unlock (&self->mutex);

  /* An estimate of the file offset, for the progress bar: pcap has a
   * 24-byte header and 16 bytes per record; pcapng about 32 bytes per
   * Enhanced Packet Block plus padding. */
  bytes = self->pcapng ? 200 : 24;
  record_overhead = self->pcapng ? 32 : 16;

  while (!g_atomic_int_get (&self->stop))
    {
      TvRecord record;
      TvReadStatus status;
      TvFrame frame;

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

      if (tv_decode_frame_full (linktype, record.data, record.caplen, record.wirelen, &frame))
        {
          LoaderItem item = { 0 };
          char label[TV_LABEL_MAX];
          TvLabelKind kind;

          frame.frame = record.frame;
          frame.time_ns = record.time_ns;
          kind = TV_LABEL_NONE;
          label[0] = '\0';
          if (frame.payload != NULL && frame.payload_caplen > 0)
            kind = tv_label_from_payload (frame.payload, frame.payload_caplen, label);
          frame.payload = NULL;

          item.frame = frame;
          item.label_kind = kind;
          if (kind != TV_LABEL_NONE)
            {
              item.label_offset = chunk_labels->len;
              g_byte_array_append (chunk_labels, (const guint8 *) label, strlen (label) + 1);
            }
          g_array_append_val (chunk, item);
        }

      /* A pipe hands every record over at once: the next read may block
       * for a long time.  A file (or standard input redirected from one)
       * collects a chunk first. */
      if ((self->is_stream && self->size < 0) || records % LOCAL_CHUNK == 0)
        {
          if (!push_chunk (self, chunk, chunk_labels, records, bytes))
            break;
          records = 0;
        }
    }

  if (!g_atomic_int_get (&self->stop))
    push_chunk (self, chunk, chunk_labels, records, bytes);

out:
  g_mutex_lock (&self->mutex);
  self->reader = NULL;
  g_mutex_unlock (&self->mutex);
  g_clear_pointer (&reader, tv_reader_free);

  g_mutex_lock (&self->mutex);
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
  self->worker_done = TRUE;
  schedule_drain_locked (self);
  g_mutex_unlock (&self->mutex);

  g_object_unref (self);
  return NULL;
}

/* ---- main thread: watchdog ------------------------------------------------ */

static gboolean
tv_loader_watchdog (gpointer user_data)
{
  TvLoader *self = user_data;
  gboolean starved;

  g_mutex_lock (&self->mutex);
  starved = self->idle_pending &&
            g_get_monotonic_time () - self->last_drain > STARVED_MS * 1000;
  g_mutex_unlock (&self->mutex);

  if (starved)
    tv_loader_drain (self);   /* the pending idle will find little or nothing */
  return G_SOURCE_CONTINUE;
}

/* ---- public ----------------------------------------------------------------- */

static void
on_cancelled (GCancellable *cancellable,
              TvLoader     *self)
{
  g_atomic_int_set (&self->stop, 1);
  g_mutex_lock (&self->mutex);
  if (self->reader != NULL)
    tv_reader_break (self->reader);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
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
  self->last_drain = g_get_monotonic_time ();

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

  /* holds no reference: finalize destroys it */
  self->watchdog = g_timeout_source_new (STARVED_MS);
  g_source_set_priority (self->watchdog, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->watchdog, tv_loader_watchdog, self, NULL);
  g_source_set_static_name (self->watchdog, "[tcpviz] loader watchdog");
  g_source_attach (self->watchdog, self->context);

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
  gboolean done = FALSE;
  guint64 bytes = 0;
  guint added = 0;

  g_clear_pointer (&self->give_up, g_source_unref);
  if (self->finished || self->tracker == NULL)
    return G_SOURCE_REMOVE;

  self->generation++;
  g_array_set_size (self->touched, 0);
  drain_once (self, &done, &bytes, &added);
  self->tcp_frames += added;
  if (added > 0)
    g_signal_emit (self, signals[FRAMES_ADDED], 0, added);
  if (self->tracker == NULL)
    return G_SOURCE_REMOVE;

  if (done)
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

  *n_touched = self->touched->len;
  return (const guint32 *) self->touched->data;
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
