/* tv-load.c: a whole capture into a tracker, on the calling thread. */
#define G_LOG_DOMAIN "tv-load"

#include "config.h"

#include "tv-core-error.h"
#include "tv-label.h"
#include "tv-load.h"
#include "tv-reader.h"
#include "tv-tsan.h"

#include <pcap/pcap.h>
#include <string.h>
#include <time.h>
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
tv_load_decode_record (int           linktype,
                       const guint8 *data,
                       guint32       caplen,
                       guint32       wirelen,
                       guint32       frame_number,
                       gint64        time_ns,
                       TvFrame      *frame,
                       TvLabelKind  *kind,
                       char          label[TV_LABEL_MAX])
{
  if (!tv_decode_frame_full (linktype, data, caplen, wirelen, frame))
    return FALSE;

  frame->frame = frame_number;
  frame->time_ns = time_ns;
  *kind = TV_LABEL_NONE;
  label[0] = '\0';
  if (frame->payload != NULL && frame->payload_caplen > 0)
    *kind = tv_label_from_payload (frame->payload, frame->payload_caplen, label);
  frame->payload = NULL;
  return TRUE;
}

/* The whole-file load runs as a two-stage pipeline: a reader thread reads
 * records with libpcap, decodes them and finds their labels; the calling
 * thread adds them to the tracker.  Batches go back and forth through two
 * queues, so the reader never waits for the tracker unless it is a few
 * batches ahead.
 *
 * Labels travel as numbers: the reader gives each distinct label text an id
 * of its own and sends a text only in the batch where it first appears; the
 * tracker side interns that text once and maps the reader's ids to the
 * tracker's.  The tracker never reads a label string per segment (a cache
 * miss on memory the other core wrote, a hash and a compare each). */
#define BATCH_FRAMES 4096
#define N_BATCHES 6
#define MAX_READER_LABELS 65536

typedef struct {
  guint    n;
  gboolean last;        /* no batch follows */
  guint64  records;     /* records read into this batch, TCP or not */
  GError  *error;       /* with last: why reading stopped early */
  guint    n_new_labels;  /* label texts first seen in this batch, in id order */
  GString *new_labels;    /* those texts, each ended by a NUL */
  guint32  label[BATCH_FRAMES];  /* the reader's id for the frame's label, 0 none */
  guint8   kind[BATCH_FRAMES];
  TvFrame  frames[BATCH_FRAMES];
} Batch;

typedef struct {
  TvReader     *reader;
  GAsyncQueue  *full;
  GAsyncQueue  *empty;
  GCancellable *cancellable;
  gint          stop;   /* atomic */
  gint64        start_us;      /* for TCPVIZ_LOAD_TIMING's report */
  gint64        reader_end_us;
  double        reader_cpu_s;
} Pipeline;

/* GLib's GAsyncQueue locks with futexes that ThreadSanitizer does not see:
 * tell it that a batch pushed on one thread is handed to the popping one
 * (so that a TSan build reports only real races in the pipeline). */
static Batch *
pop_batch (GAsyncQueue *queue)
{
  Batch *b = g_async_queue_pop (queue);
  TV_TSAN_ACQUIRE (b);
  return b;
}

static void
push_batch (GAsyncQueue *queue,
            Batch       *b)
{
  TV_TSAN_RELEASE (b);
  g_async_queue_push (queue, b);
}

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* The reader's label ids: text → id, ids from 1 in order of first use. */
typedef struct {
  GHashTable   *ids;
  GStringChunk *texts;
  guint32       next_id;
  const char   *last_text[8];   /* by label kind: the last label and its id */
  guint32       last_id[8];
} ReaderLabels;

/* The reader's id for @label; a text seen for the first time is added to
 * @b's new labels, for the tracker side to intern. */
static guint32
reader_label_id (ReaderLabels *l,
                 TvLabelKind   kind,
                 const char   *label,
                 Batch        *b)
{
  guint k = (guint) kind % G_N_ELEMENTS (l->last_text);
  gpointer key, value;

  /* most labels repeat the one before of their kind */
  if (l->last_text[k] != NULL && strcmp (l->last_text[k], label) == 0)
    return l->last_id[k];
  if (g_hash_table_lookup_extended (l->ids, label, &key, &value))
    {
      l->last_text[k] = key;
      return l->last_id[k] = GPOINTER_TO_UINT (value);
    }

  /* a capture of mostly distinct labels (every request for its own URL):
   * keep the reader's copy small; texts seen again after this are sent
   * again, under a new id, and the tracker's pool still stores each once */
  if (g_hash_table_size (l->ids) >= MAX_READER_LABELS)
    {
      g_hash_table_remove_all (l->ids);
      g_string_chunk_clear (l->texts);
      memset (l->last_text, 0, sizeof l->last_text);
    }
  l->last_text[k] = g_string_chunk_insert (l->texts, label);
  l->last_id[k] = l->next_id++;
  g_hash_table_insert (l->ids, (gpointer) l->last_text[k], GUINT_TO_POINTER (l->last_id[k]));
  g_string_append_len (b->new_labels, label, (gssize) strlen (label) + 1);
  b->n_new_labels++;
  return l->last_id[k];
}

static gpointer
reader_thread (gpointer data)
{
  Pipeline *p = data;
  int linktype = tv_reader_get_linktype (p->reader);
  gboolean done = FALSE;
  ReaderLabels labels = { 0 };

  labels.ids = g_hash_table_new (g_str_hash, g_str_equal);
  labels.texts = g_string_chunk_new (16 * 1024);
  labels.next_id = 1;

  while (!done)
    {
      Batch *b = pop_batch (p->empty);
      TvRecord record;

      b->n = 0;
      b->records = 0;
      b->last = FALSE;
      b->error = NULL;
      b->n_new_labels = 0;
      g_string_truncate (b->new_labels, 0);

      while (b->n < BATCH_FRAMES)
        {
          TvReadStatus status = tv_reader_next (p->reader, &record, &b->error);
          char label[TV_LABEL_MAX];
          TvLabelKind kind;
          guint32 id = 0;

          if (status != TV_READ_OK)
            {
              done = b->last = TRUE;
              break;
            }
          b->records++;
          if (!tv_load_decode_record (linktype, record.data, record.caplen, record.wirelen,
                                      record.frame, record.time_ns, &b->frames[b->n], &kind, label))
            continue;
          if (kind != TV_LABEL_NONE && label[0] != '\0')
            id = reader_label_id (&labels, kind, label, b);
          b->kind[b->n] = (guint8) kind;
          b->label[b->n] = id;
          b->n++;
        }

      if (!done && (g_atomic_int_get (&p->stop) || g_cancellable_is_cancelled (p->cancellable)))
        done = b->last = TRUE;
      push_batch (p->full, b);
    }

  g_hash_table_unref (labels.ids);
  g_string_chunk_free (labels.texts);
  p->reader_cpu_s = thread_cpu_seconds ();
  p->reader_end_us = g_get_monotonic_time ();
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
  GArray *label_map;
  gint64 waited_us = 0;
  double cpu0;
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
    {
      batches[i].new_labels = g_string_sized_new (1024);
      push_batch (p.empty, &batches[i]);
    }
  /* the reader's label id → the tracker's; the reader's 0 is "no label" */
  label_map = g_array_new (FALSE, TRUE, sizeof (guint32));
  g_array_set_size (label_map, 1);

  p.start_us = g_get_monotonic_time ();
  cpu0 = thread_cpu_seconds ();
  thread = g_thread_new ("tv-load-reader", reader_thread, &p);

  while (!last)
    {
      gint64 wait0 = g_get_monotonic_time ();
      Batch *b = pop_batch (p.full);
      const char *text;
      const guint32 *map;

      waited_us += g_get_monotonic_time () - wait0;
      text = b->new_labels->str;

      for (guint i = 0; i < b->n_new_labels; i++)
        {
          guint32 id = tv_tracker_intern_label (tracker, text);
          g_array_append_val (label_map, id);
          text += strlen (text) + 1;
        }
      map = (const guint32 *) (gpointer) label_map->data;
      for (guint i = 0; i < b->n; i++)
        tv_tracker_add_with_label_id (tracker, &b->frames[i], b->kind[i], map[b->label[i]], NULL);
      stats->frames += b->records;
      stats->tcp_frames += b->n;
      last = b->last;
      if (last)
        read_error = b->error;
      push_batch (p.empty, b);
    }

  g_thread_join (thread);
  /* for benchmarks/load.sh: where the time of a load goes */
  if (g_getenv ("TCPVIZ_LOAD_TIMING") != NULL)
    g_printerr ("load timing: reader thread %.3f s CPU, done after %.3f s; "
                "tracker thread %.3f s CPU, done after %.3f s, %.3f s of it waiting for the reader\n",
                p.reader_cpu_s, (double) (p.reader_end_us - p.start_us) / 1e6,
                thread_cpu_seconds () - cpu0, (double) (g_get_monotonic_time () - p.start_us) / 1e6,
                (double) waited_us / 1e6);
  g_async_queue_unref (p.full);
  g_async_queue_unref (p.empty);
  for (guint i = 0; i < N_BATCHES; i++)
    g_string_free (batches[i].new_labels, TRUE);
  g_free (batches);
  g_array_unref (label_map);
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
