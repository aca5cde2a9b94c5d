/* tv-load.c: a whole capture into a tracker, on the calling thread. */
#define G_LOG_DOMAIN "tv-load"

#include "config.h"

#include "tv-core-error.h"
#include "tv-label.h"
#include "tv-load.h"
#include "tv-reader.h"

#include <pcap/pcap.h>
#include <glib/gi18n.h>

void
tv_load_stats_clear (TvLoadStats *stats)
{
  g_return_if_fail (stats != NULL);
  g_clear_pointer (&stats->warning, g_free);
  stats->frames = 0;
  stats->tcp_frames = 0;
}

gboolean
tv_load_record (TvTracker      *tracker,
                int             linktype,
                const TvRecord *record)
{
  TvFrame frame;
  char label[TV_LABEL_MAX];
  TvLabelKind kind = TV_LABEL_NONE;

  g_return_val_if_fail (tracker != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!tv_decode_frame_full (linktype, record->data, record->caplen, record->wirelen, &frame))
    return FALSE;

  frame.frame = record->frame;
  frame.time_ns = record->time_ns;
  if (frame.payload_caplen > 0)
    kind = tv_label_from_payload (frame.payload, frame.payload_caplen, label);
  frame.payload = NULL;
  tv_tracker_add (tracker, &frame, kind, kind != TV_LABEL_NONE ? label : NULL, NULL);

  return TRUE;
}

/* The whole-file load runs as a two-stage pipeline: a reader thread reads
 * records with libpcap, decodes them and finds their labels; the calling
 * thread adds them to the tracker.  Batches go back and forth through two
 * queues, so the reader never waits for the tracker unless it is a few
 * batches ahead. */
#define BATCH_FRAMES 4096
#define N_BATCHES 6

typedef struct {
  guint    n;
  gboolean last;        /* no batch follows */
  guint64  records;     /* records read into this batch, TCP or not */
  GError  *error;       /* with last: why reading stopped early */
  guint8   kind[BATCH_FRAMES];
  TvFrame  frames[BATCH_FRAMES];
  char     labels[BATCH_FRAMES][TV_LABEL_MAX];
} Batch;

typedef struct {
  TvReader     *reader;
  GAsyncQueue  *full;
  GAsyncQueue  *empty;
  GCancellable *cancellable;
  gint          stop;   /* atomic */
} Pipeline;

static gpointer
reader_thread (gpointer data)
{
  Pipeline *p = data;
  int linktype = tv_reader_get_linktype (p->reader);
  gboolean done = FALSE;

  while (!done)
    {
      Batch *b = g_async_queue_pop (p->empty);
      TvRecord record;

      b->n = 0;
      b->records = 0;
      b->last = FALSE;
      b->error = NULL;

      while (b->n < BATCH_FRAMES)
        {
          TvReadStatus status = tv_reader_next (p->reader, &record, &b->error);
          TvFrame *f;

          if (status != TV_READ_OK)
            {
              done = b->last = TRUE;
              break;
            }
          b->records++;
          f = &b->frames[b->n];
          if (!tv_decode_frame_full (linktype, record.data, record.caplen, record.wirelen, f))
            continue;
          f->frame = record.frame;
          f->time_ns = record.time_ns;
          b->kind[b->n] = f->payload_caplen > 0
                          ? tv_label_from_payload (f->payload, f->payload_caplen, b->labels[b->n])
                          : TV_LABEL_NONE;
          f->payload = NULL;
          b->n++;
        }

      if (!done && (g_atomic_int_get (&p->stop) || g_cancellable_is_cancelled (p->cancellable)))
        done = b->last = TRUE;
      g_async_queue_push (p->full, b);
    }
  return NULL;
}

gboolean
tv_load_file (const char    *path,
              TvTracker     *tracker,
              GCancellable  *cancellable,
              TvLoadStats   *stats,
              GError       **error)
{
  TvReader *reader;
  Pipeline p = { 0 };
  GThread *thread;
  Batch *batches;
  gboolean last = FALSE;
  GError *read_error = NULL;
  int linktype;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (tracker != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  reader = tv_reader_open (path, error);
  if (reader == NULL)
    return FALSE;

  linktype = tv_reader_get_linktype (reader);
  if (!tv_decode_linktype_supported (linktype))
    {
      const char *name = pcap_datalink_val_to_name (linktype);
      stats->warning = g_strdup_printf (_("“%s” has link type %s (%d), which TcpViz does not "
                                          "decode: no TCP connections were read"),
                                        g_strcmp0 (path, "-") == 0 ? _("standard input") : path,
                                        name ? name : "unknown", linktype);
    }

  p.reader = reader;
  p.full = g_async_queue_new ();
  p.empty = g_async_queue_new ();
  p.cancellable = cancellable;
  batches = g_new (Batch, N_BATCHES);
  for (guint i = 0; i < N_BATCHES; i++)
    g_async_queue_push (p.empty, &batches[i]);

  thread = g_thread_new ("tv-load-reader", reader_thread, &p);

  while (!last)
    {
      Batch *b = g_async_queue_pop (p.full);

      for (guint i = 0; i < b->n; i++)
        tv_tracker_add (tracker, &b->frames[i], b->kind[i],
                        b->kind[i] != TV_LABEL_NONE ? b->labels[i] : NULL, NULL);
      stats->frames += b->records;
      stats->tcp_frames += b->n;
      last = b->last;
      if (last)
        read_error = b->error;
      g_async_queue_push (p.empty, b);
    }

  g_thread_join (thread);
  g_async_queue_unref (p.full);
  g_async_queue_unref (p.empty);
  g_free (batches);
  tv_reader_free (reader);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&read_error);
      g_set_error_literal (error, TV_CORE_ERROR, TV_CORE_ERROR_CANCELLED,
                           _("Loading was cancelled"));
      return FALSE;
    }
  if (read_error != NULL)
    {
      g_free (stats->warning);
      stats->warning = g_strdup (read_error->message);
      g_clear_error (&read_error);
    }

  tv_tracker_finish (tracker);
  return TRUE;
}
