/* test-loader.c: the threaded loader and the TvCapture list model. */
#define G_LOG_DOMAIN "test-loader"
#include "config.h"

#include <signal.h>

#include <errno.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <glib/gstdio.h>

#include "tv-capture.h"
#include "tv-core-error.h"
#include "tv-load.h"
#include "tv-loader.h"
#include "tv-test-pcap.h"
#include "tv-test-util.h"

static char *tmpdir;

typedef struct {
  GMainLoop *loop;
  guint      frames_added;
  guint      items_changed;
  guint      first_n_items;  /* after the first items-changed */
  guint      max_n_items;
  gboolean   finished;
  gboolean   cancel_on_first;
  TvCapture *capture;
} LoadState;

static void
on_loaded (TvCapture *capture,
           LoadState *state)
{
  state->finished = TRUE;
  g_main_loop_quit (state->loop);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  LoadState  *state)
{
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (position, ==, state->max_n_items);
  state->items_changed++;
  state->max_n_items = position + added;
  if (state->items_changed == 1)
    state->first_n_items = state->max_n_items;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, state->max_n_items);
}

static void
on_frames (GObject    *object,
           GParamSpec *pspec,
           LoadState  *state)
{
  state->frames_added++;
  if (state->cancel_on_first)
    {
      state->cancel_on_first = FALSE;
      tv_capture_cancel (state->capture);
    }
}

/* Deadlines stretch under valgrind (build-aux/ci-extra.d/valgrind-core.sh
 * sets TV_TEST_TIME_SCALE: memcheck runs these tests 20-50x slower). */
static guint
time_scale (void)
{
  const char *s = g_getenv ("TV_TEST_TIME_SCALE");
  guint64 v = s != NULL ? g_ascii_strtoull (s, NULL, 10) : 1;
  return (guint) CLAMP (v, 1, 100);
}

static gboolean
on_timeout (gpointer data)
{
  g_error ("the load did not finish in time");
  return G_SOURCE_REMOVE;
}

/* Loads @path through TvCapture and a main loop. */
static TvCapture *
load_async (const char *path,
            LoadState  *state,
            gboolean    cancel_on_first)
{
  TvCapture *capture = tv_capture_new (path);
  guint timeout;

  memset (state, 0, sizeof *state);
  state->loop = g_main_loop_new (NULL, FALSE);
  state->capture = capture;
  state->cancel_on_first = cancel_on_first;
  g_signal_connect (capture, "loaded", G_CALLBACK (on_loaded), state);
  g_signal_connect (capture, "items-changed", G_CALLBACK (on_items_changed), state);
  g_signal_connect (capture, "notify::frames", G_CALLBACK (on_frames), state);
  tv_capture_load (capture);
  g_assert_true (tv_capture_get_loading (capture));
  timeout = g_timeout_add_seconds (30 * time_scale (), on_timeout, NULL);
  g_main_loop_run (state->loop);
  g_source_remove (timeout);
  g_main_loop_unref (state->loop);
  g_signal_handlers_disconnect_by_data (capture, state);
  g_assert_true (state->finished);
  g_assert_false (tv_capture_get_loading (capture));
  return capture;
}

static void
assert_same_as_sync (const char *path)
{
  g_autoptr(TvCapture) capture = NULL;
  TvTracker *sync_tracker = tv_tracker_new ();
  TvTracker *tracker;
  TvLoadStats stats = { 0 };
  g_autoptr(GError) error = NULL;
  LoadState state;

  g_assert_true (tv_load_file (path, sync_tracker, NULL, &stats, &error));
  g_assert_no_error (error);

  capture = load_async (path, &state, FALSE);
  g_assert_no_error (tv_capture_get_error (capture));
  g_assert_true ((tv_capture_get_warning (capture) != NULL) == (stats.warning != NULL));
  if (stats.warning != NULL)
    g_assert_cmpstr (tv_capture_get_warning (capture)->message, ==, stats.warning);
  g_assert_cmpfloat (tv_capture_get_fraction (capture), ==, 1.0);
  g_assert_cmpuint (tv_capture_get_frames (capture), ==, stats.frames);

  tracker = tv_capture_get_tracker (capture);
  g_assert_cmpuint (tv_tracker_get_n_conns (tracker), ==, tv_tracker_get_n_conns (sync_tracker));
  g_assert_cmpuint (tv_tracker_get_n_segments (tracker), ==, tv_tracker_get_n_segments (sync_tracker));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), ==, tv_tracker_get_n_conns (tracker));
  g_assert_cmpuint (state.max_n_items, ==, tv_tracker_get_n_conns (tracker));

  for (guint i = 0; i < tv_tracker_get_n_conns (tracker); i++)
    {
      TvConn *a = tv_tracker_get_conn (tracker, i);
      TvConn *b = tv_tracker_get_conn (sync_tracker, i);
      g_autoptr(TvConnection) item = g_list_model_get_item (G_LIST_MODEL (capture), i);
      g_autofree char *client = tv_endpoint_to_string (&b->client);

      g_assert_cmpuint (a->n_segs, ==, b->n_segs);
      g_assert_cmpuint (a->badges, ==, b->badges);
      g_assert_cmpuint (a->end, ==, b->end);
      g_assert_true (a->first_ns == b->first_ns);
      for (guint32 j = 0; j < a->n_segs; j++)
        {
          g_assert_cmpuint (a->segs[j].frame, ==, b->segs[j].frame);
          g_assert_cmpuint (a->segs[j].label_kind, ==, b->segs[j].label_kind);
          g_assert_cmpstr (tv_tracker_get_label (tracker, a->segs[j].label), ==,
                           tv_tracker_get_label (sync_tracker, b->segs[j].label));
          g_assert_cmpuint (a->segs[j].client_state, ==, b->segs[j].client_state);
          g_assert_cmpuint (a->segs[j].server_state, ==, b->segs[j].server_state);
          g_assert_cmpuint (a->segs[j].analysis, ==, b->segs[j].analysis);
        }
      g_assert_true (tv_connection_get_conn (item) == a);
      g_assert_true (tv_connection_get_tracker (item) == tracker);
      g_assert_cmpuint (tv_connection_get_id (item), ==, i);
      g_assert_cmpstr (tv_connection_get_client (item), ==, client);
      g_assert_cmpuint (tv_connection_get_n_segments (item), ==, b->n_segs);
    }

  tv_load_stats_clear (&stats);
  tv_tracker_free (sync_tracker);
}

static void
test_same_as_sync (void)
{
  const char *names[] = {
    "textbook-handshake.pcap",
    "textbook-handshake.pcapng",
    "textbook-handshake-cut.pcap",
    "tcp-interleaved.pcap",
    "tcp-port-reuse-fin.pcap",
    "tcp-retransmission.pcap",
    "link-sll2.pcap",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = tv_test_capture_path (names[i]);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_test_message ("%s is not there: skipped", path);
          continue;
        }
      g_test_message ("%s", path);
      assert_same_as_sync (path);
    }
}

/* Many connections: several batches, and the list grows on the way.  The
 * loader tells its consumers at most ten times a second (the first frames
 * at once), so a file that loads in a few tens of ms may grow in two steps
 * only: the first drain, then the rest.  A file larger than what the
 * loader queues (tens of thousands of frames) cannot be in the first. */
static void
test_large (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "large.pcap", NULL);
  g_autoptr(TvCapture) capture = NULL;
  LoadState state;

  tv_test_write_capture (path, 3000);
  assert_same_as_sync (path);

  tv_test_write_capture (path, 20000);
  capture = load_async (path, &state, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), ==, 20000);
  g_assert_cmpuint (tv_tracker_get_n_segments (tv_capture_get_tracker (capture)), ==,
                    20000 * TV_TEST_SEGS_PER_CONN);
  g_assert_cmpuint (state.frames_added, >=, 2);
  g_assert_cmpuint (state.items_changed, >=, 2);
  g_assert_cmpuint (state.first_n_items, >, 0);
  g_assert_cmpuint (state.first_n_items, <, 20000);
}

static void
test_cancel (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "cancel.pcap", NULL);
  g_autoptr(TvCapture) capture = NULL;
  LoadState state;
  const GError *error;

  tv_test_write_capture (path, 20000);
  capture = load_async (path, &state, TRUE);
  error = tv_capture_get_error (capture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (tv_capture_get_frames (capture), <, 20000 * TV_TEST_SEGS_PER_CONN);
  g_assert_cmpuint (tv_tracker_get_n_segments (tv_capture_get_tracker (capture)), <,
                    20000 * TV_TEST_SEGS_PER_CONN);
  /* what was read stays usable */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), ==,
                    tv_tracker_get_n_conns (tv_capture_get_tracker (capture)));
}

static void
test_not_a_capture (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "notes.txt", NULL);
  g_autoptr(TvCapture) capture = NULL;
  g_autoptr(GError) sync_error = NULL;
  TvTracker *tracker = tv_tracker_new ();
  TvLoadStats stats = { 0 };
  LoadState state;
  const GError *error;

  g_assert_true (g_file_set_contents (path, "This is not a capture, only some text.\n", -1, NULL));
  g_assert_false (tv_load_file (path, tracker, NULL, &stats, &sync_error));
  tv_load_stats_clear (&stats);

  capture = load_async (path, &state, FALSE);
  error = tv_capture_get_error (capture);
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  g_assert_cmpstr (error->message, ==, sync_error->message);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), ==, 0);
  tv_tracker_free (tracker);
}

static void
test_missing_file (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "no-such-file.pcap", NULL);
  g_autoptr(TvCapture) capture = NULL;
  LoadState state;
  const GError *error;

  capture = load_async (path, &state, FALSE);
  error = tv_capture_get_error (capture);
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "no-such-file.pcap"));
}

/* A FIFO written by a thread: the first frames arrive while the writer is
 * still writing. */
typedef struct {
  char     *path;
  GMutex    mutex;
  GCond     cond;
  gboolean  seen;       /* the main thread saw the first frames */
  gboolean  waited_ok;
} FifoWriter;

static gpointer
fifo_writer (gpointer data)
{
  FifoWriter *w = data;
  pcap_t *dead = pcap_open_dead (DLT_RAW, 65535);
  FILE *fp = fopen (w->path, "wb");   /* blocks until the reader opens */
  pcap_dumper_t *d;
  gint64 end;

  g_assert_nonnull (fp);
  d = pcap_dump_fopen (dead, fp);
  g_assert_nonnull (d);

  tv_test_write_connection (d, 0, 1700000000000000LL);
  pcap_dump_flush (d);

  /* Wait until the window side has the first connection. */
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND * time_scale ();
  g_mutex_lock (&w->mutex);
  while (!w->seen)
    if (!g_cond_wait_until (&w->cond, &w->mutex, end))
      break;
  w->waited_ok = w->seen;
  g_mutex_unlock (&w->mutex);

  for (guint i = 1; i < 5; i++)
    tv_test_write_connection (d, i, 1700000000000000LL + i * 1000);
  pcap_dump_close (d);
  pcap_close (dead);
  return NULL;
}

static void
on_fifo_items (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               FifoWriter *w)
{
  g_mutex_lock (&w->mutex);
  w->seen = TRUE;
  g_cond_signal (&w->cond);
  g_mutex_unlock (&w->mutex);
}

static void
test_fifo (void)
{
  FifoWriter w = { 0 };
  g_autoptr(TvCapture) capture = NULL;
  GThread *thread;
  LoadState state = { 0 };
  guint timeout;

  w.path = g_build_filename (tmpdir, "stream.fifo", NULL);
  g_mutex_init (&w.mutex);
  g_cond_init (&w.cond);
  g_assert_cmpint (mkfifo (w.path, 0600), ==, 0);
  thread = g_thread_new ("fifo-writer", fifo_writer, &w);

  capture = tv_capture_new (w.path);
  state.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (capture, "items-changed", G_CALLBACK (on_fifo_items), &w);
  g_signal_connect (capture, "loaded", G_CALLBACK (on_loaded), &state);
  tv_capture_load (capture);
  timeout = g_timeout_add_seconds (30 * time_scale (), on_timeout, NULL);
  g_main_loop_run (state.loop);
  g_source_remove (timeout);
  g_thread_join (thread);

  g_assert_true (w.waited_ok);
  g_assert_true (tv_capture_get_is_stream (capture));
  g_assert_no_error (tv_capture_get_error (capture));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), ==, 5);
  g_assert_cmpuint (tv_capture_get_frames (capture), ==, 5 * TV_TEST_SEGS_PER_CONN);

  g_main_loop_unref (state.loop);
  g_unlink (w.path);
  g_free (w.path);
  g_mutex_clear (&w.mutex);
  g_cond_clear (&w.cond);
}

/* Cancel while the worker is blocked reading a silent pipe: the load ends
 * at once (pcap_breakloop() cannot wake a read()), with what arrived. */
static void
on_first_items_cancel (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       TvCapture  *capture)
{
  g_signal_handlers_disconnect_by_func (model, on_first_items_cancel, capture);
  tv_capture_cancel (capture);
}

static void
test_cancel_silent_pipe (void)
{
  FifoWriter w = { 0 };
  g_autoptr(TvCapture) capture = NULL;
  GThread *thread;
  LoadState state = { 0 };
  guint timeout;
  gint64 start;

  w.path = g_build_filename (tmpdir, "silent.fifo", NULL);
  g_mutex_init (&w.mutex);
  g_cond_init (&w.cond);
  g_assert_cmpint (mkfifo (w.path, 0600), ==, 0);
  /* the same writer: one connection, then it waits for "seen", which
   * nobody sets here, until its 10 s run out */
  thread = g_thread_new ("fifo-writer", fifo_writer, &w);

  capture = tv_capture_new (w.path);
  state.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (capture, "items-changed", G_CALLBACK (on_first_items_cancel), capture);
  g_signal_connect (capture, "loaded", G_CALLBACK (on_loaded), &state);
  start = g_get_monotonic_time ();
  tv_capture_load (capture);
  timeout = g_timeout_add_seconds (30 * time_scale (), on_timeout, NULL);
  g_main_loop_run (state.loop);
  g_source_remove (timeout);

  /* well before the writer wakes up */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_TIME_SPAN_SECOND * time_scale ());
  g_assert_error (tv_capture_get_error (capture), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (capture)), ==, 1);
  g_assert_false (tv_capture_get_loading (capture));

  /* let the writer finish; the abandoned worker ends by itself */
  g_mutex_lock (&w.mutex);
  w.seen = TRUE;
  g_cond_signal (&w.cond);
  g_mutex_unlock (&w.mutex);
  g_thread_join (thread);
  g_clear_object (&capture);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  g_main_loop_unref (state.loop);
  g_unlink (w.path);
  g_free (w.path);
  g_mutex_clear (&w.mutex);
  g_cond_clear (&w.cond);
}

/* Dropping a capture while it loads must not crash or leak a running
 * callback into freed memory. */
static void
test_dispose_while_loading (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "dispose.pcap", NULL);
  TvCapture *capture;
  gint64 end;

  tv_test_write_capture (path, 5000);
  capture = tv_capture_new (path);
  tv_capture_load (capture);
  g_main_context_iteration (NULL, FALSE);
  g_object_unref (capture);

  /* let the worker notice and any pending idle run */
  end = g_get_monotonic_time () + G_TIME_SPAN_SECOND / 2;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* A loader detached while frames wait for the main thread: nothing more
 * reaches the tracker, no signal, and no source stays ready (the main loop
 * goes quiet). */
static void
on_detached_frames (TvLoader *loader,
                    guint     n,
                    gboolean *emitted)
{
  *emitted = TRUE;
}

static void
test_detach_quiet (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "detach.pcap", NULL);
  TvTracker *tracker = tv_tracker_new ();
  TvLoader *loader;
  gboolean emitted = FALSE;
  guint64 n_segs;
  gint64 end;
  guint busy = 0;

  tv_test_write_capture (path, 20000);
  loader = tv_loader_new (path, tracker);
  tv_loader_start (loader);
  /* let the worker queue frames the main thread has not taken */
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND * time_scale ();
  while (tv_tracker_get_n_segments (tracker) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (20000);

  g_signal_connect (loader, "frames-added", G_CALLBACK (on_detached_frames), &emitted);
  tv_loader_detach (loader);
  g_assert_false (tv_loader_get_running (loader));
  g_assert_null (tv_loader_get_tracker (loader));
  n_segs = tv_tracker_get_n_segments (tracker);
  g_assert_cmpuint (n_segs, <, 20000 * TV_TEST_SEGS_PER_CONN);

  /* the main loop goes quiet; the worker ends by itself */
  end = g_get_monotonic_time () + G_TIME_SPAN_SECOND / 2;
  while (g_get_monotonic_time () < end)
    if (g_main_context_iteration (NULL, FALSE))
      busy++;
    else
      g_usleep (1000);
  g_assert_cmpuint (busy, <, 10);
  g_assert_false (emitted);
  g_assert_cmpuint (tv_tracker_get_n_segments (tracker), ==, n_segs);

  g_object_unref (loader);
  tv_tracker_free (tracker);
}

/* "frames-added" comes at most every 100 ms (the first and the last at
 * once), its counts add up to every TCP frame, and the connections it says
 * were touched are each named once per emission and, over all emissions,
 * are every connection. */
typedef struct {
  GMainLoop *loop;
  TvLoader  *loader;
  TvTracker *tracker;
  GArray    *times;       /* gint64, one per emission */
  GArray    *seen;        /* guint8 per connection id */
  guint64    frames;
  gboolean   finished;
} AnnounceState;

static void
on_announced (TvLoader      *loader,
              guint          n,
              AnnounceState *st)
{
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GHashTable) once = g_hash_table_new (NULL, NULL);
  const guint32 *touched;
  guint n_touched;

  g_array_append_val (st->times, now);
  st->frames += n;
  g_assert_cmpuint (n, >, 0);
  touched = tv_loader_get_touched (loader, &n_touched);
  g_assert_cmpuint (n_touched, >, 0);
  if (st->seen->len < tv_tracker_get_n_conns (st->tracker))
    g_array_set_size (st->seen, tv_tracker_get_n_conns (st->tracker));
  for (guint i = 0; i < n_touched; i++)
    {
      g_assert_cmpuint (touched[i], <, tv_tracker_get_n_conns (st->tracker));
      g_assert_true (g_hash_table_add (once, GUINT_TO_POINTER (touched[i] + 1)));
      g_array_index (st->seen, guint8, touched[i]) = 1;
    }
}

static void
on_announce_finished (TvLoader      *loader,
                      AnnounceState *st)
{
  st->finished = TRUE;
  g_main_loop_quit (st->loop);
}

/* A main loop that is busy most of the time (a window that draws): the
 * load takes long enough for several emissions. */
static gboolean
busy_main_loop (gpointer data)
{
  g_usleep (4000);
  return G_SOURCE_CONTINUE;
}

static void
test_announce (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "announce.pcap", NULL);
  AnnounceState st = { 0 };
  guint timeout, busy;

  tv_test_write_capture (path, 40000);
  st.tracker = tv_tracker_new ();
  st.loader = tv_loader_new (path, st.tracker);
  st.loop = g_main_loop_new (NULL, FALSE);
  st.times = g_array_new (FALSE, FALSE, sizeof (gint64));
  st.seen = g_array_new (FALSE, TRUE, sizeof (guint8));
  g_signal_connect (st.loader, "frames-added", G_CALLBACK (on_announced), &st);
  g_signal_connect (st.loader, "finished", G_CALLBACK (on_announce_finished), &st);
  tv_loader_start (st.loader);
  timeout = g_timeout_add_seconds (30 * time_scale (), on_timeout, NULL);
  busy = g_timeout_add (1, busy_main_loop, NULL);
  g_main_loop_run (st.loop);
  g_source_remove (busy);
  g_source_remove (timeout);

  g_assert_true (st.finished);
  g_assert_no_error ((GError *) tv_loader_get_error (st.loader));
  g_assert_cmpuint (st.frames, ==, 40000 * TV_TEST_SEGS_PER_CONN);
  g_assert_cmpuint (tv_loader_get_tcp_frames (st.loader), ==, st.frames);
  g_assert_cmpuint (st.seen->len, ==, 40000);
  for (guint i = 0; i < st.seen->len; i++)
    g_assert_cmpuint (g_array_index (st.seen, guint8, i), ==, 1);
  /* the last one is the end, which does not wait */
  g_assert_cmpuint (st.times->len, >=, 3);
  for (guint i = 1; i + 1 < st.times->len; i++)
    {
      gint64 gap = g_array_index (st.times, gint64, i) - g_array_index (st.times, gint64, i - 1);
      if (gap < 90 * G_TIME_SPAN_MILLISECOND)
        g_error ("frames-added %u came %" G_GINT64_FORMAT " µs after the one before", i, gap);
    }
  g_test_message ("%u emissions", st.times->len);

  g_array_unref (st.times);
  g_array_unref (st.seen);
  g_main_loop_unref (st.loop);
  g_object_unref (st.loader);
  tv_tracker_free (st.tracker);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* The FIFO tests' writers may write after the loader closed the read end
   * (a cancel): that must be an EPIPE for the writer, not a killed test. */
  signal (SIGPIPE, SIG_IGN);
  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("tv-test-loader-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/core/loader/same-as-sync", test_same_as_sync);
  g_test_add_func ("/core/loader/large", test_large);
  g_test_add_func ("/core/loader/cancel", test_cancel);
  g_test_add_func ("/core/loader/not-a-capture", test_not_a_capture);
  g_test_add_func ("/core/loader/missing-file", test_missing_file);
  g_test_add_func ("/core/loader/fifo", test_fifo);
  g_test_add_func ("/core/loader/cancel-silent-pipe", test_cancel_silent_pipe);
  g_test_add_func ("/core/loader/dispose-while-loading", test_dispose_while_loading);
  g_test_add_func ("/core/loader/detach-quiet", test_detach_quiet);
  g_test_add_func ("/core/loader/announce", test_announce);

  ret = g_test_run ();

  tv_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
