/* tv-frame-queue.c: decoded frames from a worker thread to the main thread.
 *
 * The queue is a list of chunks.  The worker fills a chunk of its own
 * without the lock and appends it whole in flush(); a chunk in the list is
 * never written again, so the main thread reads it without the lock and
 * takes the lock only to pop it.  The last chunk a drain reaches may be
 * drained in part: it stays at the head, with its position.  Drained
 * chunks go to a small pool that the worker takes its next chunk from. */
#define G_LOG_DOMAIN "tv-frame-queue"
#include "config.h"

#include <string.h>

#include "tv-frame-queue.h"
#include "tv-load.h"
#include "tv-tsan.h"

/* Chunks kept for reuse. */
#define MAX_SPARE 8
/* How often a drain looks at the clock. */
#define CLOCK_EVERY 64

typedef struct {
  TvFrame frame;         /* payload = NULL */
  guint32 label_offset;  /* into the chunk's labels, when label_kind != NONE */
  guint8  label_kind;
} Item;

typedef struct {
  GArray     *items;     /* Item */
  GByteArray *labels;    /* NUL-terminated label strings */
  guint       drained;   /* items already taken by the main thread */
} Chunk;

struct _TvFrameQueue
{
  guint             max_queued;   /* 0: flush() never waits */

  /* Worker only */
  Chunk            *open;         /* being filled */

  /* Under mutex */
  GMutex            mutex;
  GCond             cond;
  GQueue            chunks;       /* Chunk *, complete */
  GSList           *spare;        /* Chunk *, empty */
  guint             n_spare;
  guint             n_queued;     /* items in chunks, not drained */
  GSource          *source;       /* the pending idle (a reference) */
  gint64            last_dispatch;
  guint             pending : 1;
  guint             woken : 1;    /* something to look at besides frames */
  guint             closed : 1;
  guint             stopped : 1;
  guint             worker_waiting : 1;
  guint             detached : 1;

  /* Main thread (set before the worker starts) */
  GMainContext     *context;
  char             *name;
  TvFrameQueueFunc  func;
  gpointer          user_data;
  TvFrameQueueRefFunc ref_func;
  GDestroyNotify    unref_func;
  GSource          *watchdog;
  guint             starved_ms;

  /* Main thread: connections touched since clear_touched() */
  GArray           *touched;      /* guint32 conn ids */
  GArray           *touched_gen;  /* guint32 per conn id: the generation that last touched it */
  guint32           generation;
};

static Chunk *
chunk_new (void)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->items = g_array_sized_new (FALSE, FALSE, sizeof (Item), 256);
  chunk->labels = g_byte_array_sized_new (1024);
  return chunk;
}

static void
chunk_free (Chunk *chunk)
{
  g_array_unref (chunk->items);
  g_byte_array_unref (chunk->labels);
  g_free (chunk);
}

static void
chunk_reset (Chunk *chunk)
{
  g_array_set_size (chunk->items, 0);
  g_byte_array_set_size (chunk->labels, 0);
  chunk->drained = 0;
}

TvFrameQueue *
tv_frame_queue_new (guint max_queued)
{
  TvFrameQueue *self = g_new0 (TvFrameQueue, 1);

  self->max_queued = max_queued;
  self->open = chunk_new ();
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_queue_init (&self->chunks);
  self->touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->touched_gen = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->generation = 1;
  return self;
}

void
tv_frame_queue_free (TvFrameQueue *self)
{
  if (self == NULL)
    return;

  tv_frame_queue_detach (self);
  g_queue_clear_full (&self->chunks, (GDestroyNotify) chunk_free);
  g_slist_free_full (self->spare, (GDestroyNotify) chunk_free);
  g_clear_pointer (&self->open, chunk_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->touched, g_array_unref);
  g_clear_pointer (&self->touched_gen, g_array_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

/* ---- main thread: the idle source and the watchdog ----------------------- */

static gboolean
dispatch_cb (gpointer data)
{
  TvFrameQueue *self = data;   /* alive: the source holds the owner */
  GSource *source = NULL;
  gboolean keep;

  tv_mutex_lock (&self->mutex);
  self->woken = FALSE;
  self->last_dispatch = g_get_monotonic_time ();
  tv_mutex_unlock (&self->mutex);

  self->func (self->user_data);

  /* Stay pending while anything arrived that the function did not take
   * (it keeps to its budget): the worker schedules nothing while this
   * source is pending. */
  tv_mutex_lock (&self->mutex);
  if (self->detached)
    {
      /* detach() has removed this source and dropped its reference */
      tv_mutex_unlock (&self->mutex);
      return G_SOURCE_REMOVE;
    }
  keep = self->n_queued > 0 || self->woken;
  if (!keep)
    {
      self->pending = FALSE;
      source = g_steal_pointer (&self->source);
    }
  tv_mutex_unlock (&self->mutex);
  g_clear_pointer (&source, g_source_unref);

  return keep ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
release_owner (gpointer data)
{
  TvFrameQueue *self = data;

  if (self->unref_func != NULL)
    self->unref_func (self->user_data);
}

/* Called with the mutex held. */
static void
schedule_locked (TvFrameQueue *self)
{
  GSource *source;

  if (self->pending || self->detached || self->context == NULL)
    return;
  self->pending = TRUE;
  if (self->ref_func != NULL)
    self->ref_func (self->user_data);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, dispatch_cb, self, release_owner);
  g_source_set_name (source, self->name);
  g_source_attach (source, self->context);
  self->source = source;   /* owns the reference */
}

static gboolean
watchdog_cb (gpointer data)
{
  TvFrameQueue *self = data;
  gboolean starved;

  tv_mutex_lock (&self->mutex);
  starved = self->pending && !self->detached &&
            g_get_monotonic_time () - self->last_dispatch > (gint64) self->starved_ms * 1000;
  if (starved)
    self->last_dispatch = g_get_monotonic_time ();
  tv_mutex_unlock (&self->mutex);

  /* The pending idle finds little or nothing when it runs.  Nothing of
   * the queue is used after the call: the owner may be gone. */
  if (starved)
    self->func (self->user_data);
  return G_SOURCE_CONTINUE;
}

void
tv_frame_queue_attach (TvFrameQueue    *self,
                       GMainContext    *context,
                       const char      *name,
                       TvFrameQueueFunc func,
                       gpointer         user_data,
                       TvFrameQueueRefFunc ref_func,
                       GDestroyNotify   unref_func)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);
  g_return_if_fail (self->context == NULL);

  self->context = context != NULL ? g_main_context_ref (context) : g_main_context_ref_thread_default ();
  self->name = g_strdup (name != NULL ? name : "[tcpviz] frame queue");
  self->func = func;
  self->user_data = user_data;
  self->ref_func = ref_func;
  self->unref_func = unref_func;
  self->last_dispatch = g_get_monotonic_time ();
  if (self->starved_ms > 0)
    tv_frame_queue_set_watchdog (self, self->starved_ms);
}

void
tv_frame_queue_set_watchdog (TvFrameQueue *self,
                             guint         starved_ms)
{
  g_return_if_fail (self != NULL);

  if (self->watchdog != NULL)
    {
      g_source_destroy (self->watchdog);
      g_clear_pointer (&self->watchdog, g_source_unref);
    }
  self->starved_ms = starved_ms;
  if (starved_ms == 0 || self->context == NULL || self->detached)
    return;   /* attach() starts it */

  /* holds no reference: detach() and free() destroy it */
  self->watchdog = g_timeout_source_new (starved_ms);
  g_source_set_priority (self->watchdog, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->watchdog, watchdog_cb, self, NULL);
  g_source_set_static_name (self->watchdog, "[tcpviz] frame queue watchdog");
  g_source_attach (self->watchdog, self->context);
}

void
tv_frame_queue_detach (TvFrameQueue *self)
{
  GSource *source;

  g_return_if_fail (self != NULL);

  tv_mutex_lock (&self->mutex);
  self->detached = TRUE;
  self->pending = FALSE;
  source = g_steal_pointer (&self->source);
  tv_mutex_unlock (&self->mutex);

  if (self->watchdog != NULL)
    {
      g_source_destroy (self->watchdog);
      g_clear_pointer (&self->watchdog, g_source_unref);
    }
  if (source != NULL)
    {
      /* releases the owner now, or after its dispatch if it is running */
      g_source_destroy (source);
      g_source_unref (source);
    }
}

/* ---- worker thread ------------------------------------------------------------ */

void
tv_frame_queue_push (TvFrameQueue  *self,
                     const TvFrame *frame,
                     TvLabelKind    label_kind,
                     const char    *label)
{
  Chunk *chunk = self->open;
  Item *item;

  g_array_set_size (chunk->items, chunk->items->len + 1);
  item = &g_array_index (chunk->items, Item, chunk->items->len - 1);
  item->frame = *frame;
  item->frame.payload = NULL;
  item->frame.payload_caplen = 0;
  item->label_kind = label_kind;
  item->label_offset = 0;
  if (label_kind != TV_LABEL_NONE)
    {
      if (label == NULL)
        label = "";
      item->label_offset = chunk->labels->len;
      g_byte_array_append (chunk->labels, (const guint8 *) label, strlen (label) + 1);
    }
}

gboolean
tv_frame_queue_push_packet (TvFrameQueue *self,
                            int           linktype,
                            const guint8 *data,
                            guint32       caplen,
                            guint32       wirelen,
                            guint32       frame_number,
                            gint64        time_ns)
{
  Chunk *chunk = self->open;
  Item *item;
  char label[TV_LABEL_MAX];
  TvLabelKind kind;

  /* decoded in place, at the end of the chunk: no copy of the frame */
  g_array_set_size (chunk->items, chunk->items->len + 1);
  item = &g_array_index (chunk->items, Item, chunk->items->len - 1);
  if (!tv_load_decode_record (linktype, data, caplen, wirelen, frame_number, time_ns,
                              &item->frame, &kind, label))
    {
      g_array_set_size (chunk->items, chunk->items->len - 1);
      return FALSE;
    }

  item->label_kind = kind;
  item->label_offset = 0;
  if (kind != TV_LABEL_NONE)
    {
      item->label_offset = chunk->labels->len;
      g_byte_array_append (chunk->labels, (const guint8 *) label, strlen (label) + 1);
    }
  return TRUE;
}

guint
tv_frame_queue_get_unflushed (TvFrameQueue *self)
{
  return self->open != NULL ? self->open->items->len : 0;
}

gboolean
tv_frame_queue_flush (TvFrameQueue *self)
{
  Chunk *open = self->open;
  Chunk *next = NULL;

  tv_mutex_lock (&self->mutex);
  while (self->max_queued > 0 && self->n_queued >= self->max_queued && !self->stopped)
    {
      self->worker_waiting = TRUE;
      tv_cond_wait (&self->cond, &self->mutex);
    }
  self->worker_waiting = FALSE;

  if (self->stopped)
    {
      tv_mutex_unlock (&self->mutex);
      chunk_reset (open);
      return FALSE;
    }

  if (open->items->len > 0)
    {
      g_queue_push_tail (&self->chunks, open);
      self->n_queued += open->items->len;
      if (self->spare != NULL)
        {
          next = self->spare->data;
          self->spare = g_slist_delete_link (self->spare, self->spare);
          self->n_spare--;
        }
      self->open = NULL;
    }
  self->woken = TRUE;
  schedule_locked (self);
  tv_mutex_unlock (&self->mutex);

  if (self->open == NULL)
    self->open = next != NULL ? next : chunk_new ();
  return TRUE;
}

void
tv_frame_queue_wake (TvFrameQueue *self)
{
  tv_mutex_lock (&self->mutex);
  self->woken = TRUE;
  schedule_locked (self);
  tv_mutex_unlock (&self->mutex);
}

void
tv_frame_queue_close (TvFrameQueue *self)
{
  tv_frame_queue_flush (self);

  tv_mutex_lock (&self->mutex);
  self->closed = TRUE;
  self->woken = TRUE;
  schedule_locked (self);
  tv_mutex_unlock (&self->mutex);
}

/* ---- any thread ----------------------------------------------------------------- */

void
tv_frame_queue_stop (TvFrameQueue *self)
{
  g_return_if_fail (self != NULL);

  tv_mutex_lock (&self->mutex);
  self->stopped = TRUE;
  g_cond_broadcast (&self->cond);
  tv_mutex_unlock (&self->mutex);
}

gboolean
tv_frame_queue_is_stopped (TvFrameQueue *self)
{
  gboolean stopped;

  g_return_val_if_fail (self != NULL, TRUE);

  tv_mutex_lock (&self->mutex);
  stopped = self->stopped;
  tv_mutex_unlock (&self->mutex);
  return stopped;
}

/* ---- main thread: draining ------------------------------------------------------ */

static inline void
touch (TvFrameQueue *self,
       guint32       id)
{
  guint32 *gen;

  if (id >= self->touched_gen->len)
    g_array_set_size (self->touched_gen, MAX (id + 1, self->touched_gen->len * 2));
  gen = &g_array_index (self->touched_gen, guint32, id);
  if (*gen != self->generation)
    {
      *gen = self->generation;
      g_array_append_val (self->touched, id);
    }
}

gboolean
tv_frame_queue_drain (TvFrameQueue      *self,
                      TvTracker         *tracker,
                      guint              max_frames,
                      gint64             max_us,
                      TvFrameQueueDrain *result)
{
  gint64 start = max_us > 0 ? g_get_monotonic_time () : 0;
  guint n_conns = tracker != NULL ? tv_tracker_get_n_conns (tracker) : 0;
  guint added = 0;
  gboolean out_of_time = FALSE;
  gboolean more, closed;
  Chunk *chunk;

  g_return_val_if_fail (self != NULL, FALSE);

  if (max_frames == 0)
    max_frames = G_MAXUINT;

  tv_mutex_lock (&self->mutex);
  while (added < max_frames && !out_of_time &&
         (chunk = g_queue_peek_head (&self->chunks)) != NULL)
    {
      guint end, i;

      /* the head chunk is complete: the worker never writes it again */
      tv_mutex_unlock (&self->mutex);

      end = chunk->items->len;
      if (end - chunk->drained > max_frames - added)
        end = chunk->drained + (max_frames - added);
      for (i = chunk->drained; i < end; i++)
        {
          const Item *item = &g_array_index (chunk->items, Item, i);

          if (tracker != NULL)
            {
              const char *label = NULL;
              TvConn *conn;

              if (item->label_kind != TV_LABEL_NONE)
                label = (const char *) chunk->labels->data + item->label_offset;
              conn = tv_tracker_add (tracker, &item->frame, item->label_kind, label, NULL);
              if (conn != NULL)
                touch (self, conn->id);
            }
          if (max_us > 0 && (i - chunk->drained + 1) % CLOCK_EVERY == 0 &&
              g_get_monotonic_time () - start >= max_us)
            {
              i++;
              out_of_time = TRUE;
              break;
            }
        }
      added += i - chunk->drained;

      tv_mutex_lock (&self->mutex);
      self->n_queued -= i - chunk->drained;
      chunk->drained = i;
      if (chunk->drained == chunk->items->len)
        {
          g_queue_pop_head (&self->chunks);
          if (self->n_spare < MAX_SPARE)
            {
              chunk_reset (chunk);
              self->spare = g_slist_prepend (self->spare, chunk);
              self->n_spare++;
            }
          else
            chunk_free (chunk);
        }
      if (self->worker_waiting && self->n_queued < self->max_queued)
        g_cond_broadcast (&self->cond);
    }
  more = self->n_queued > 0;
  closed = self->closed && !more;
  tv_mutex_unlock (&self->mutex);

  if (result != NULL)
    {
      result->added = added;
      result->new_conns = tracker != NULL ? tv_tracker_get_n_conns (tracker) - n_conns : 0;
      result->more = more;
      result->closed = closed;
    }
  return more;
}

const guint32 *
tv_frame_queue_get_touched (TvFrameQueue *self,
                            guint        *n_touched)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_touched != NULL, NULL);

  *n_touched = self->touched->len;
  return (const guint32 *) self->touched->data;
}

void
tv_frame_queue_clear_touched (TvFrameQueue *self)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->touched, 0);
  self->generation++;
  if (self->generation == 0)
    {
      /* wrapped: forget every mark */
      memset (self->touched_gen->data, 0, self->touched_gen->len * sizeof (guint32));
      self->generation = 1;
    }
}

guint
tv_frame_queue_get_queued (TvFrameQueue *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  tv_mutex_lock (&self->mutex);
  n = self->n_queued;
  tv_mutex_unlock (&self->mutex);
  return n;
}
