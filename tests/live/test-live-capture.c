/* test-live-capture.c: TvLiveCapture on the loopback interface with real
 * traffic (python3's http.server and curl on 127.0.0.1), checked against
 * tcpdump capturing the same traffic at the same time.
 *
 * Needs the right to capture (root, or CAP_NET_RAW + CAP_NET_ADMIN) and
 * python3, curl and tcpdump: without them it says why and exits 77, which
 * meson reports as skipped. */
#define G_LOG_DOMAIN "test-live-capture"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <grp.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

#include "tv-core-error.h"
#include "tv-label.h"
#include "tv-live-capture.h"
#include "tv-load.h"
#include "tv-loader.h"
#include "tv-reader.h"
#include "tv-tcp.h"
#include "tv-live-test-util.h"

static char *tmpdir;

/* Figures for the log (meson test -v, testlog.txt). */
#define report(...) g_test_message (__VA_ARGS__)

typedef struct {
  guint    frames_added;
  guint    stats_changed;
  guint    finished;
} Events;

static void
on_frames_added (TvLiveCapture *live,
                 guint          n,
                 Events        *ev)
{
  ev->frames_added += n;
}

static void
on_stats_changed (TvLiveCapture *live,
                  Events        *ev)
{
  ev->stats_changed++;
}

static void
on_finished (TvLiveCapture *live,
             Events        *ev)
{
  ev->finished++;
}

static TvLiveCapture *
new_capture (const char *iface,
             TvTracker  *tracker,
             const char *filter,
             const char *spool_name,
             Events     *ev)
{
  TvLiveCapture *live = tv_live_capture_new (iface, tracker);

  tv_live_capture_set_filter (live, filter);
  if (spool_name != NULL)
    {
      g_autofree char *spool = g_build_filename (tmpdir, spool_name, NULL);
      tv_live_capture_set_spool_path (live, spool);
    }
  g_signal_connect (live, "frames-added", G_CALLBACK (on_frames_added), ev);
  g_signal_connect (live, "stats-changed", G_CALLBACK (on_stats_changed), ev);
  g_signal_connect (live, "finished", G_CALLBACK (on_finished), ev);
  return live;
}

/* Runs the main context until "finished" (at most @seconds). */
static void
wait_finished (Events *ev,
               guint   seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;

  while (ev->finished == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* ---- records: what a capture file holds ------------------------------------ */

typedef struct {
  GHashTable *counts;   /* GBytes (caplen, wirelen, bytes) → count */
  GHashTable *times;    /* the same key → first time in ns */
  guint       n;
} Records;

static void
records_clear (Records *r)
{
  g_clear_pointer (&r->counts, g_hash_table_unref);
  g_clear_pointer (&r->times, g_hash_table_unref);
}

static Records
read_records (const char *path)
{
  g_autoptr(GError) error = NULL;
  Records r = { 0 };
  TvReader *reader;
  TvRecord rec;
  TvReadStatus status;

  r.counts = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  r.times = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, g_free);
  reader = tv_reader_open (path, &error);
  g_assert_no_error (error);
  while ((status = tv_reader_next (reader, &rec, &error)) == TV_READ_OK)
    {
      GByteArray *key = g_byte_array_sized_new (8 + rec.caplen);
      GBytes *bytes;

      g_byte_array_append (key, (const guint8 *) &rec.caplen, 4);
      g_byte_array_append (key, (const guint8 *) &rec.wirelen, 4);
      g_byte_array_append (key, rec.data, rec.caplen);
      bytes = g_byte_array_free_to_bytes (key);
      g_hash_table_replace (r.counts, g_bytes_ref (bytes),
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (r.counts, bytes)) + 1));
      if (!g_hash_table_contains (r.times, bytes))
        g_hash_table_insert (r.times, g_bytes_ref (bytes), g_memdup2 (&rec.time_ns, sizeof rec.time_ns));
      g_bytes_unref (bytes);
      r.n++;
    }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, TV_READ_EOF);
  tv_reader_free (reader);
  return r;
}

/* How many of @ref's records are missing from @have (same bytes and
 * lengths, counted with multiplicity); @max_delta_ns: the largest time
 * difference between a record and its copy.  (Each packet socket on lo
 * stamps a packet with its own clock reading when the kernel left the
 * packet without a time stamp, so the copies differ by microseconds.) */
static guint
count_missing (Records *ref,
               Records *have,
               gint64  *max_delta_ns)
{
  GHashTableIter iter;
  gpointer key, value;
  guint missing = 0;

  *max_delta_ns = 0;
  g_hash_table_iter_init (&iter, ref->counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint want = GPOINTER_TO_UINT (value);
      guint got = GPOINTER_TO_UINT (g_hash_table_lookup (have->counts, key));

      if (got < want)
        missing += want - got;
      if (got > 0)
        {
          gint64 a = *(gint64 *) g_hash_table_lookup (ref->times, key);
          gint64 b = *(gint64 *) g_hash_table_lookup (have->times, key);
          /* the reference has microseconds */
          gint64 delta = ABS (a - (b / 1000) * 1000);
          *max_delta_ns = MAX (*max_delta_ns, delta);
        }
    }
  return missing;
}

/* ---- checks on the tracker ------------------------------------------------- */

/* Every connection to @port has its handshake with matching numbers, and
 * an HTTP request and response.  Returns how many connections there are. */
static guint
check_connections (TvTracker *tracker,
                   guint16    port)
{
  guint n = 0;

  for (guint i = 0; i < tv_tracker_get_n_conns (tracker); i++)
    {
      TvConn *c = tv_tracker_get_conn (tracker, i);
      const TvSegment *syn, *synack, *ack;
      gboolean request = FALSE, response = FALSE;

      if (c->server.port != port)
        continue;
      n++;
      if (c->n_segs < 3)
        for (guint j = 0; j < c->n_segs; j++)
          g_test_message ("connection %u (client port %u), segment %u: flags 0x%x seq %u ack %u len %u",
                          c->id, c->client.port, j, c->segs[j].flags, c->segs[j].seq,
                          c->segs[j].ack, c->segs[j].len);
      g_assert_cmpuint (c->n_segs, >=, 3);
      syn = &c->segs[0];
      synack = &c->segs[1];
      ack = &c->segs[2];
      g_assert_cmpuint (syn->flags & (TV_TCP_SYN | TV_TCP_ACK), ==, TV_TCP_SYN);
      g_assert_cmpuint (syn->dir, ==, TV_DIR_CLIENT_TO_SERVER);
      g_assert_cmpuint (synack->flags & (TV_TCP_SYN | TV_TCP_ACK), ==, TV_TCP_SYN | TV_TCP_ACK);
      g_assert_cmpuint (synack->dir, ==, TV_DIR_SERVER_TO_CLIENT);
      g_assert_cmpuint (synack->ack, ==, syn->seq + 1);
      g_assert_cmpuint (ack->flags & (TV_TCP_SYN | TV_TCP_ACK), ==, TV_TCP_ACK);
      g_assert_cmpuint (ack->dir, ==, TV_DIR_CLIENT_TO_SERVER);
      g_assert_cmpuint (ack->seq, ==, syn->seq + 1);
      g_assert_cmpuint (ack->ack, ==, synack->seq + 1);
      g_assert_cmpint (tv_conn_handshake_rtt (c), >=, 0);
      g_assert_cmpuint (c->client.address.family, ==, 4);
      g_assert_cmpuint (c->client.address.bytes[0], ==, 127);

      for (guint j = 0; j < c->n_segs; j++)
        {
          if (c->segs[j].label_kind == TV_LABEL_HTTP_REQUEST)
            request = g_str_has_prefix (tv_tracker_get_label (tracker, c->segs[j].label), "GET /");
          if (c->segs[j].label_kind == TV_LABEL_HTTP_RESPONSE)
            response = g_str_has_prefix (tv_tracker_get_label (tracker, c->segs[j].label), "HTTP/1.");
        }
      g_assert_true (request);
      g_assert_true (response);
    }
  return n;
}

/* Every connection to @port closed with both FINs acknowledged: the last
 * packets are there too. */
static void
check_closed (TvTracker *tracker,
              guint16    port)
{
  for (guint i = 0; i < tv_tracker_get_n_conns (tracker); i++)
    {
      TvConn *c = tv_tracker_get_conn (tracker, i);
      const TvConnSide *client = &c->side[TV_DIR_CLIENT_TO_SERVER];
      const TvConnSide *server = &c->side[TV_DIR_SERVER_TO_CLIENT];
      const TvSegment *last = &c->segs[c->n_segs - 1];

      if (c->server.port != port)
        continue;
      g_assert_cmpint (c->end, ==, TV_END_FIN);
      g_assert_true (client->fin_seen);
      g_assert_true (server->fin_seen);
      /* the last segment acknowledges the other side's FIN */
      g_assert_true (last->flags & TV_TCP_ACK);
      if (last->dir == TV_DIR_CLIENT_TO_SERVER)
        g_assert_cmpuint (last->ack, ==, server->fin_seq + 1);
      else
        g_assert_cmpuint (last->ack, ==, client->fin_seq + 1);
    }
}

static guint
count_file_records (const char *path)
{
  Records r = read_records (path);
  guint n = r.n;
  records_clear (&r);
  return n;
}

static void
write_site (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *index = g_build_filename (tmpdir, "site", "index.html", NULL);
  g_autofree char *big = g_build_filename (tmpdir, "site", "big.bin", NULL);
  g_autofree char *site = g_build_filename (tmpdir, "site", NULL);
  g_autofree char *data = g_malloc (300 * 1024);

  g_mkdir_with_parents (site, 0755);
  g_file_set_contents (index, "<html><body>TcpViz live test</body></html>\n", -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 300 * 1024; i++)
    data[i] = (char) g_random_int ();
  g_file_set_contents (big, data, 300 * 1024, &error);
  g_assert_no_error (error);
}

static GSubprocess *
start_server (guint16 *port)
{
  g_autofree char *site = g_build_filename (tmpdir, "site", NULL);

  *port = tv_live_test_free_port ();
  return tv_live_test_start_http_server (*port, site);
}

/* ---- tests ------------------------------------------------------------------- */

/* The main test: every packet tcpdump sees is in TcpViz's spool, and the
 * connections are in the tracker with their handshakes. */
static void
test_loopback_http (void)
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) tcpdump = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *ref_path = g_build_filename (tmpdir, "tcpdump.pcap", NULL);
  g_autofree char *saved_path = g_build_filename (tmpdir, "saved.pcap", NULL);
  g_autofree char *tcpdump_said = NULL;
  TvTracker *tracker = tv_tracker_new ();
  TvLiveCapture *live;
  TvLiveCaptureStats stats;
  Events ev = { 0 };
  Records ref, spool;
  guint16 port;
  guint missing, conns;
  gint64 max_delta;
  gint64 t0, stop_us;
  const guint n_small = 6, n_big = 3;

  server = start_server (&port);
  filter = g_strdup_printf ("tcp port %u", port);

  live = new_capture ("lo", tracker, filter, "http-spool.pcap", &ev);
  tv_live_capture_start (live, &error);
  g_assert_no_error (error);
  g_assert_true (tv_live_capture_get_running (live));
  g_assert_cmpint (tv_live_capture_get_linktype (live), ==, DLT_EN10MB);

  tcpdump = tv_live_test_start_tcpdump (ref_path, filter, TRUE);

  for (guint i = 0; i < n_small; i++)
    g_assert_true (tv_live_test_curl (port, "index.html"));
  for (guint i = 0; i < n_big; i++)
    g_assert_true (tv_live_test_curl (port, "big.bin"));

  /* The last ACKs of the closes; frames shown while capturing. */
  tv_live_test_spin (500 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (ev.frames_added, >, 0);
  g_assert_cmpuint (ev.stats_changed, >, 0);
  g_assert_cmpuint (ev.finished, ==, 0);

  tcpdump_said = tv_live_test_stop_tcpdump (tcpdump);

  t0 = g_get_monotonic_time ();
  tv_live_capture_stop (live);
  stop_us = g_get_monotonic_time () - t0;
  g_assert_cmpuint (ev.finished, ==, 1);
  g_assert_false (tv_live_capture_get_running (live));
  g_assert_cmpint (tv_live_capture_get_stop_reason (live), ==, TV_LIVE_CAPTURE_STOPPED_BY_USER);
  g_assert_null (tv_live_capture_get_error (live));
  tv_live_capture_get_stats (live, &stats);

  /* The spool is a readable capture holding everything tcpdump saw. */
  ref = read_records (ref_path);
  spool = read_records (tv_live_capture_get_spool_path (live));
  missing = count_missing (&ref, &spool, &max_delta);
  {
    g_autofree char *said = g_strdelimit (g_strstrip (g_strdup (tcpdump_said)), "\n", ';');
    report ("tcpdump saw %u packets (it said: %s); TcpViz's spool holds %u, "
            "%u of tcpdump's are missing, %d more than tcpdump's, time stamps within %.3f ms; "
            "TcpViz stats: %" G_GUINT64_FORMAT " captured, %" G_GUINT64_FORMAT " TCP, "
            "%" G_GUINT64_FORMAT " dropped by the kernel, %" G_GUINT64_FORMAT " by the interface; "
            "stop took %.2f ms",
            ref.n, said, spool.n, missing, (int) spool.n - (int) ref.n, max_delta / 1e6, stats.packets, stats.tcp_frames,
            stats.kernel_dropped, stats.if_dropped, stop_us / 1000.0);
  }
  g_assert_cmpuint (ref.n, >=, (n_small + n_big) * 8);
  g_assert_cmpuint (missing, ==, 0);
  g_assert_cmpint (max_delta, <, 100 * G_TIME_SPAN_MILLISECOND * 1000);
  /* TvLiveCapture started before tcpdump and stopped after it, and there
   * is no other traffic to this port: the spool holds at least tcpdump's
   * packets.  It may hold more when tcpdump drops some (it says so). */
  g_assert_cmpuint (spool.n, >=, ref.n);
  g_assert_cmpuint (stats.packets, ==, spool.n);
  g_assert_cmpuint (stats.tcp_frames, ==, spool.n);
  g_assert_cmpuint (stats.kernel_dropped, ==, 0);
  g_assert_cmpuint (ev.frames_added, ==, spool.n);
  g_assert_cmpuint (tv_tracker_get_n_segments (tracker), ==, spool.n);
  g_assert_cmpint (stats.elapsed_us, >, 0);
  g_assert_cmpint (stop_us, <, 200 * G_TIME_SPAN_MILLISECOND);

  /* Connections and handshakes. */
  conns = check_connections (tracker, port);
  g_assert_cmpuint (conns, ==, n_small + n_big);
  check_closed (tracker, port);

  /* Saving the spool: atomically, the same records. */
  tv_live_capture_save (live, saved_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_file_records (saved_path), ==, spool.n);

  records_clear (&ref);
  records_clear (&spool);
  g_object_unref (live);
  tv_tracker_free (tracker);
  tv_live_test_stop (server, SIGTERM);
}

/* Stop is immediate when no packet comes, and leaves an empty but readable
 * capture. */
static void
test_stop_idle (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = g_strdup_printf ("tcp port %u", tv_live_test_free_port ());
  TvTracker *tracker = tv_tracker_new ();
  TvLiveCapture *live;
  TvLiveCaptureStats stats;
  Events ev = { 0 };
  gint64 t0, stop_us;
  char *spool;

  live = new_capture ("lo", tracker, filter, NULL, &ev);   /* default spool */
  tv_live_capture_start (live, &error);
  g_assert_no_error (error);
  spool = g_strdup (tv_live_capture_get_spool_path (live));
  g_assert_true (g_str_has_prefix (spool, g_get_user_cache_dir ()));
  tv_live_test_spin (600 * G_TIME_SPAN_MILLISECOND);

  t0 = g_get_monotonic_time ();
  tv_live_capture_stop (live);
  stop_us = g_get_monotonic_time () - t0;
  report ("stop with no traffic took %.2f ms", stop_us / 1000.0);
  /* Typically 20-30 ms, most of it closing the packet socket (the kernel
   * waits for an RCU grace period); generous for a loaded CI machine. */
  g_assert_cmpint (stop_us, <, 250 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (ev.finished, ==, 1);
  g_assert_cmpuint (ev.stats_changed, >=, 2);
  tv_live_capture_get_stats (live, &stats);
  g_assert_cmpuint (stats.packets, ==, 0);
  g_assert_cmpint (stats.elapsed_us, >=, 500 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (count_file_records (spool), ==, 0);

  /* A second stop does nothing. */
  tv_live_capture_stop (live);
  g_assert_cmpuint (ev.finished, ==, 1);

  /* The default spool goes with the object. */
  g_object_unref (live);
  g_assert_false (g_file_test (spool, G_FILE_TEST_EXISTS));
  g_free (spool);
  tv_tracker_free (tracker);
}

/* Stopping right after the traffic keeps its last packets (in block mode
 * they may still be in a block the kernel has not handed over). */
static void
test_stop_right_after (void)
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = NULL;
  TvTracker *tracker = tv_tracker_new ();
  TvLiveCapture *live;
  TvLiveCaptureStats stats;
  Events ev = { 0 };
  guint16 port;
  gint64 t0, stop_us;

  server = start_server (&port);
  filter = g_strdup_printf ("tcp port %u", port);
  live = new_capture ("lo", tracker, filter, "right-after.pcap", &ev);
  tv_live_capture_start (live, &error);
  g_assert_no_error (error);
  g_assert_true (tv_live_test_curl (port, "index.html"));
  t0 = g_get_monotonic_time ();
  tv_live_capture_stop (live);
  stop_us = g_get_monotonic_time () - t0;
  tv_live_capture_get_stats (live, &stats);
  g_test_message ("stop right after the traffic took %.2f ms, %" G_GUINT64_FORMAT " packets",
                  stop_us / 1000.0, stats.packets);
  /* curl has sent and received everything but maybe the last ACK */
  g_assert_cmpuint (check_connections (tracker, port), ==, 1);
  g_assert_cmpuint (stats.packets, >=, 9);
  g_assert_cmpint (stop_us, <, 250 * G_TIME_SPAN_MILLISECOND);

  g_object_unref (live);
  tv_tracker_free (tracker);
  tv_live_test_stop (server, SIGTERM);
}

/* The duration limit stops the capture by itself. */
static void
test_duration (void)
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = NULL;
  TvTracker *tracker = tv_tracker_new ();
  TvLiveCapture *live;
  TvLiveCaptureStats stats;
  Events ev = { 0 };
  guint16 port;

  server = start_server (&port);
  filter = g_strdup_printf ("tcp port %u", port);
  live = new_capture ("lo", tracker, filter, "duration.pcap", &ev);
  tv_live_capture_set_duration (live, 1);
  g_assert_cmpuint (tv_live_capture_get_duration (live), ==, 1);
  tv_live_capture_start (live, &error);
  g_assert_no_error (error);
  g_assert_true (tv_live_test_curl (port, "index.html"));

  wait_finished (&ev, 5);
  g_assert_cmpint (tv_live_capture_get_stop_reason (live), ==, TV_LIVE_CAPTURE_STOPPED_DURATION);
  g_assert_null (tv_live_capture_get_error (live));
  g_assert_false (tv_live_capture_get_running (live));
  tv_live_capture_get_stats (live, &stats);
  report ("duration 1 s: stopped after %.3f s with %" G_GUINT64_FORMAT " packets",
          stats.elapsed_us / 1e6, stats.packets);
  g_assert_cmpint (stats.elapsed_us, >=, G_TIME_SPAN_SECOND);
  g_assert_cmpint (stats.elapsed_us, <, G_TIME_SPAN_SECOND + 300 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (check_connections (tracker, port), ==, 1);
  g_assert_cmpuint (count_file_records (tv_live_capture_get_spool_path (live)), ==, stats.packets);

  g_object_unref (live);
  tv_tracker_free (tracker);
  tv_live_test_stop (server, SIGTERM);
}

/* A capturing process killed with SIGKILL leaves a readable spool holding
 * at least every frame it had handed over (flushed before hand-over). */
static void
test_killed (void)
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) bench = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *spool = g_build_filename (tmpdir, "killed.pcap", NULL);
  const char *bench_path = g_getenv ("TV_CAPTURE_BENCH");
  g_autoptr(GString) out = g_string_new (NULL);
  TvTracker *tracker;
  TvLoadStats load_stats = { 0 };
  guint64 handed = 0;
  guint16 port;
  gint64 end, quiet_since;
  char *last;

  if (bench_path == NULL)
    {
      g_test_skip ("TV_CAPTURE_BENCH is not set");
      return;
    }
  server = start_server (&port);
  filter = g_strdup_printf ("tcp port %u", port);
  {
    const char *argv[] = { bench_path, "-i", "lo", "-f", filter, "-w", spool, "--progress", NULL };
    bench = tv_live_test_spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, argv);
  }
  g_assert_no_error (error);

  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (strstr (out->str, "ready") == NULL)
    {
      g_assert_true (tv_live_test_read_available (g_subprocess_get_stdout_pipe (bench), out));
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (5000);
    }
  for (guint i = 0; i < 3; i++)
    g_assert_true (tv_live_test_curl (port, "index.html"));
  /* Until the harness has handed over the three connections' frames: at
   * least 9 each, and nothing new for half a second. */
  quiet_since = g_get_monotonic_time ();
  while (handed < 3 * 9 || g_get_monotonic_time () - quiet_since < G_TIME_SPAN_SECOND / 2)
    {
      guint64 now_handed = handed;

      g_assert_true (tv_live_test_read_available (g_subprocess_get_stdout_pipe (bench), out));
      last = g_strrstr (out->str, "frames ");
      if (last != NULL)
        now_handed = g_ascii_strtoull (last + 7, NULL, 10);
      if (now_handed != handed)
        {
          handed = now_handed;
          quiet_since = g_get_monotonic_time ();
        }
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (5000);
    }

  g_subprocess_send_signal (bench, SIGKILL);
  g_subprocess_wait (bench, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (bench));

  tracker = tv_tracker_new ();
  g_assert_true (tv_load_file (spool, tracker, NULL, &load_stats, &error));
  g_assert_no_error (error);
  report ("killed with SIGKILL after handing over %" G_GUINT64_FORMAT " frames: "
          "the spool holds %" G_GUINT64_FORMAT " readable frames%s%s",
          handed, load_stats.frames, load_stats.warning ? ", warning: " : "",
          load_stats.warning ? load_stats.warning : "");
  g_assert_null (load_stats.warning);
  g_assert_cmpuint (load_stats.frames, >=, handed);
  g_assert_cmpuint (check_connections (tracker, port), ==, 3);
  tv_load_stats_clear (&load_stats);
  tv_tracker_free (tracker);
  tv_live_test_stop (server, SIGTERM);
}

/* The spool can be read (and saved) while the capture runs. */
static void
test_save_while_running (void)
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *saved = g_build_filename (tmpdir, "saved-running.pcap", NULL);
  TvTracker *tracker = tv_tracker_new ();
  TvLiveCapture *live;
  Events ev = { 0 };
  guint16 port;
  guint n;

  server = start_server (&port);
  filter = g_strdup_printf ("tcp port %u", port);
  live = new_capture ("lo", tracker, filter, "running.pcap", &ev);
  tv_live_capture_start (live, &error);
  g_assert_no_error (error);
  g_assert_true (tv_live_test_curl (port, "index.html"));
  tv_live_test_spin (300 * G_TIME_SPAN_MILLISECOND);

  g_assert_true (tv_live_capture_get_running (live));
  tv_live_capture_save (live, saved, NULL, &error);
  g_assert_no_error (error);
  n = count_file_records (saved);
  g_assert_cmpuint (n, >=, 8);
  g_assert_cmpuint (n, ==, ev.frames_added);

  tv_live_capture_stop (live);
  g_object_unref (live);
  tv_tracker_free (tracker);
  tv_live_test_stop (server, SIGTERM);
}

/* An interface that goes down, or disappears, stops the capture with a
 * message, keeping what was captured.  Uses a veth pair made for the test
 * (skipped when it cannot be made). */
static gboolean
run_ip (const char *args)
{
  g_autofree char *cmd = g_strdup_printf ("ip %s", args);
  int status = -1;

  if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static void
interface_gone (gboolean delete_it)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("tvlive%u", (guint) getpid () % 100000);
  g_autofree char *peer = g_strdup_printf ("tvpeer%u", (guint) getpid () % 100000);
  g_autofree char *cmd = NULL;
  TvTracker *tracker;
  TvLiveCapture *live;
  Events ev = { 0 };
  gint64 t0;
  const GError *stop_error;
  TvLiveCaptureStats stats;

  cmd = g_strdup_printf ("link add %s type veth peer name %s", name, peer);
  if (!tv_live_test_have ("ip") || !run_ip (cmd))
    {
      g_test_skip ("cannot make a veth pair to take down");
      return;
    }
  cmd = (g_free (cmd), g_strdup_printf ("link set %s up", name));
  g_assert_true (run_ip (cmd));

  tracker = tv_tracker_new ();
  live = new_capture (name, tracker, "", "gone.pcap", &ev);
  tv_live_capture_start (live, &error);
  g_assert_no_error (error);
  tv_live_test_spin (300 * G_TIME_SPAN_MILLISECOND);

  if (delete_it)
    cmd = (g_free (cmd), g_strdup_printf ("link del %s", name));
  else
    cmd = (g_free (cmd), g_strdup_printf ("link set %s down", name));
  t0 = g_get_monotonic_time ();
  g_assert_true (run_ip (cmd));
  wait_finished (&ev, 5);

  stop_error = tv_live_capture_get_error (live);
  report ("interface %s: stopped after %.0f ms: %s", delete_it ? "deleted" : "down",
          (g_get_monotonic_time () - t0) / 1000.0, stop_error ? stop_error->message : "(no error)");
  g_assert_cmpint (tv_live_capture_get_stop_reason (live), ==, TV_LIVE_CAPTURE_STOPPED_ERROR);
  g_assert_error (stop_error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE);
  g_assert_nonnull (strstr (stop_error->message, name));
  g_assert_nonnull (strstr (stop_error->message, delete_it ? "disappeared" : "went down"));
  tv_live_capture_get_stats (live, &stats);
  g_assert_cmpuint (count_file_records (tv_live_capture_get_spool_path (live)), ==, stats.packets);

  g_object_unref (live);
  tv_tracker_free (tracker);
  if (!delete_it)
    {
      cmd = (g_free (cmd), g_strdup_printf ("link del %s", name));
      run_ip (cmd);
    }
}

static void
test_interface_down (void)
{
  interface_gone (FALSE);
}

static void
test_interface_deleted (void)
{
  interface_gone (TRUE);
}

/* Without the capabilities: a message that says why and what to do.  Run
 * in a child that drops root (all capabilities go with it). */
static void
test_permission (void)
{
  pid_t pid;
  int status;

  if (getuid () != 0)
    {
      g_test_skip ("not root: cannot drop to another user to test this");
      return;
    }
  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      GError *error = NULL;
      TvTracker *tracker;
      TvLiveCapture *live;
      int ok;

      if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
        _exit (3);
      tracker = tv_tracker_new ();
      live = tv_live_capture_new ("lo", tracker);
      if (tv_live_capture_start (live, &error))
        _exit (4);
      ok = g_error_matches (error, TV_CORE_ERROR, TV_CORE_ERROR_PERMISSION) &&
           strstr (error->message, "setcap cap_net_raw,cap_net_admin=eip") != NULL &&
           strstr (error->message, "tcpdump -i lo -U -w - 'tcp' | tcpviz -") != NULL &&
           strstr (error->message, "“lo”") != NULL;
      printf ("# as nobody: %s\n", error->message);
      fflush (stdout);
      _exit (ok ? 0 : 5);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* Not root, only the capabilities: the capture harness given
 * cap_net_raw,cap_net_admin with setcap captures as user nobody, as the
 * permission message tells people to do with tcpviz. */
static void
test_capabilities (void)
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (tmpdir, "caps", NULL);
  g_autofree char *exe = g_build_filename (dir, "tv-capture-bench", NULL);
  g_autofree char *spool = g_build_filename (dir, "nobody.pcap", NULL);
  g_autofree char *out = g_build_filename (dir, "out.txt", NULL);
  g_autofree char *filter = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *setcap = NULL;
  const char *bench_path = g_getenv ("TV_CAPTURE_BENCH");
  TvTracker *tracker;
  TvLoadStats load_stats = { 0 };
  guint16 port;
  pid_t pid;
  int status;
  GStatBuf st;

  if (getuid () != 0 || bench_path == NULL || !tv_live_test_have ("setcap"))
    {
      g_test_skip ("needs root, setcap and TV_CAPTURE_BENCH");
      return;
    }
  g_mkdir_with_parents (dir, 0777);
  chmod (dir, 0777);
  {
    gsize len;
    g_file_get_contents (bench_path, &contents, &len, &error);
    g_assert_no_error (error);
    g_file_set_contents (exe, contents, len, &error);
    g_assert_no_error (error);
    chmod (exe, 0755);
    g_clear_pointer (&contents, g_free);
  }
  setcap = g_strdup_printf ("setcap cap_net_raw,cap_net_admin=eip %s", exe);
  if (!g_spawn_command_line_sync (setcap, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("setcap does not work on this file system");
      return;
    }

  server = start_server (&port);
  filter = g_strdup_printf ("tcp port %u", port);
  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int fd = open (out, O_WRONLY | O_CREAT | O_TRUNC, 0666);
      if (fd < 0 || dup2 (fd, 1) < 0)
        _exit (3);
      if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
        _exit (3);
      execl (exe, exe, "-i", "lo", "-f", filter, "-d", "2", "-w", spool, NULL);
      _exit (4);
    }
  /* Traffic while it captures (it is ready well within a second). */
  tv_live_test_spin (500 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (tv_live_test_curl (port, "index.html"));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_file_get_contents (out, &contents, NULL, NULL);
  g_test_message ("as nobody with capabilities: %s", contents ? contents : "");
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_nonnull (strstr (contents, "reason=duration"));

  g_assert_cmpint (g_stat (spool, &st), ==, 0);
  g_assert_cmpuint (st.st_uid, ==, 65534);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  tracker = tv_tracker_new ();
  g_assert_true (tv_load_file (spool, tracker, NULL, &load_stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (check_connections (tracker, port), ==, 1);
  tv_load_stats_clear (&load_stats);
  tv_tracker_free (tracker);
  tv_live_test_stop (server, SIGTERM);
}

/* A spool that cannot be written: start() says so, before capturing. */
static void
test_spool_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  TvTracker *tracker = tv_tracker_new ();
  TvLiveCapture *live = tv_live_capture_new ("lo", tracker);
  g_autofree char *missing = g_build_filename (tmpdir, "no", "such", "folder", "x.pcap", NULL);

  if (g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      tv_live_capture_set_spool_path (live, "/dev/full");
      g_assert_false (tv_live_capture_start (live, &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "/dev/full"));
      g_assert_false (tv_live_capture_get_running (live));
      g_clear_error (&error);
    }
  g_object_unref (live);

  live = tv_live_capture_new ("lo", tracker);
  tv_live_capture_set_spool_path (live, missing);
  g_assert_false (tv_live_capture_start (live, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "x.pcap"));
  g_object_unref (live);
  tv_tracker_free (tracker);
}

/* The spool fills the disk while capturing (here: a file size limit):
 * the capture stops with a message, and what was written is readable. */
static void
child_limit_file_size (gpointer data)
{
  tv_live_test_die_with_parent (NULL);
  struct rlimit limit = { 64 * 1024, 64 * 1024 };
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_spool_full (void)
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) bench = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *spool = g_build_filename (tmpdir, "full.pcap", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *bench_path = g_getenv ("TV_CAPTURE_BENCH");
  TvTracker *tracker;
  TvLoadStats load_stats = { 0 };
  guint16 port;

  if (bench_path == NULL)
    {
      g_test_skip ("TV_CAPTURE_BENCH is not set");
      return;
    }
  server = start_server (&port);
  filter = g_strdup_printf ("tcp port %u", port);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_limit_file_size, NULL, NULL);
  bench = g_subprocess_launcher_spawn (launcher, &error, bench_path, "-i", "lo", "-f", filter,
                                       "-w", spool, "-d", "10", NULL);
  g_assert_no_error (error);
  tv_live_test_spin (500 * G_TIME_SPAN_MILLISECOND);
  /* 300 KiB responses: the 64 KiB limit is passed in the first one. */
  for (guint i = 0; i < 3; i++)
    tv_live_test_curl (port, "big.bin");
  g_subprocess_communicate_utf8 (bench, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("spool limited to 64 KiB: %s%s", out, err);
  g_assert_nonnull (strstr (out, "reason=error"));
  g_assert_nonnull (strstr (err, "could not be written"));
  g_assert_nonnull (strstr (err, "full.pcap"));

  /* What fitted is a capture (its last record may be cut short) */
  tracker = tv_tracker_new ();
  g_assert_true (tv_load_file (spool, tracker, NULL, &load_stats, &error));
  g_assert_no_error (error);
  g_test_message ("the spool holds %" G_GUINT64_FORMAT " readable frames (%s)",
                  load_stats.frames, load_stats.warning ? load_stats.warning : "no warning");
  g_assert_cmpuint (load_stats.frames, >, 0);
  tv_load_stats_clear (&load_stats);
  tv_tracker_free (tracker);
  tv_live_test_stop (server, SIGTERM);
}

static void
on_loader_finished (TvLoader *loader,
                    gboolean *finished)
{
  *finished = TRUE;
}

/* Reading a live pcap stream from a FIFO (tcpdump -U -w FIFO) with
 * TvLoader: connections appear while tcpdump is still capturing. */
static void
test_loader_fifo (void)
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) tcpdump = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *fifo = g_build_filename (tmpdir, "tcpdump.fifo", NULL);
  TvTracker *tracker = tv_tracker_new ();
  TvLoader *loader;
  gboolean finished = FALSE;
  guint16 port;
  gint64 end;

  server = start_server (&port);
  filter = g_strdup_printf ("tcp port %u", port);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  /* The loader opens the FIFO for reading: tcpdump's open for writing
   * waits for it. */
  loader = tv_loader_new (fifo, tracker);
  g_signal_connect (loader, "finished", G_CALLBACK (on_loader_finished), &finished);
  tv_loader_start (loader);
  /* As people are told to: tcpdump -U -w - (no immediate mode). */
  tcpdump = tv_live_test_start_tcpdump (fifo, filter, FALSE);

  g_assert_true (tv_live_test_curl (port, "index.html"));
  /* The connection shows up while tcpdump is still running. */
  end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  /* poll on the model only: check_connections() asserts on a connection
   * whose segments are still arriving */
  while (tv_tracker_get_n_conns (tracker) < 1 ||
         tv_tracker_get_conn (tracker, 0)->end == TV_END_OPEN)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_cmpuint (check_connections (tracker, port), >=, 1);
  g_assert_true (tv_loader_get_running (loader));
  g_assert_true (tv_loader_get_is_stream (loader));
  report ("FIFO from tcpdump: first connection seen %s while tcpdump still runs",
          g_subprocess_get_identifier (tcpdump) ? "(yes)" : "(no)");
  g_assert_nonnull (g_subprocess_get_identifier (tcpdump));

  g_assert_true (tv_live_test_curl (port, "index.html"));
  g_assert_true (tv_live_test_curl (port, "big.bin"));
  tv_live_test_spin (300 * G_TIME_SPAN_MILLISECOND);
  g_free (tv_live_test_stop_tcpdump (tcpdump));

  end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while (!finished)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (tv_loader_get_error (loader));
  g_assert_cmpuint (check_connections (tracker, port), ==, 3);

  g_object_unref (loader);
  tv_tracker_free (tracker);
  g_unlink (fifo);
  tv_live_test_stop (server, SIGTERM);
}

/* The same through standard input ("-"): tcpdump -U -w - piped into this
 * process's fd 0, read by TvLoader. */
static void
test_loader_stdin (void)
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) tcpdump = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) said = g_string_new (NULL);
  g_autofree char *filter = NULL;
  TvTracker *tracker = tv_tracker_new ();
  TvLoader *loader;
  gboolean finished = FALSE;
  guint16 port;
  gint64 end;
  int fds[2], saved_stdin;

  server = start_server (&port);
  filter = g_strdup_printf ("tcp port %u", port);
  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, &error));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_take_stdout_fd (launcher, fds[1]);
  g_subprocess_launcher_set_child_setup (launcher, tv_live_test_die_with_parent, NULL, NULL);
  tcpdump = g_subprocess_launcher_spawn (launcher, &error, "tcpdump", "-i", "lo", "-U", "-n",
                                         "-w", "-", filter, NULL);
  g_assert_no_error (error);
  /* The launcher holds the pipe's write end: let go of it, or the end of
   * tcpdump is no end of the stream. */
  g_clear_object (&launcher);
  saved_stdin = dup (0);
  g_assert_cmpint (dup2 (fds[0], 0), ==, 0);
  close (fds[0]);

  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (strstr (said->str, "listening on") == NULL)
    {
      g_assert_true (tv_live_test_read_available (g_subprocess_get_stderr_pipe (tcpdump), said));
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (10000);
    }

  loader = tv_loader_new ("-", tracker);
  g_signal_connect (loader, "finished", G_CALLBACK (on_loader_finished), &finished);
  tv_loader_start (loader);
  g_assert_true (tv_live_test_curl (port, "index.html"));

  /* The connection shows up while tcpdump is still running. */
  end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  /* poll on the model only: check_connections() asserts on a connection
   * whose segments are still arriving */
  while (tv_tracker_get_n_conns (tracker) < 1 ||
         tv_tracker_get_conn (tracker, 0)->end == TV_END_OPEN)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_cmpuint (check_connections (tracker, port), >=, 1);
  g_assert_true (tv_loader_get_is_stream (loader));
  g_assert_true (tv_loader_get_running (loader));
  g_assert_nonnull (g_subprocess_get_identifier (tcpdump));

  g_assert_true (tv_live_test_curl (port, "index.html"));
  tv_live_test_spin (1500 * G_TIME_SPAN_MILLISECOND);   /* tcpdump's 1 s blocks */
  g_free (tv_live_test_stop_tcpdump (tcpdump));
  end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while (!finished)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (tv_loader_get_error (loader));
  g_assert_cmpuint (check_connections (tracker, port), ==, 2);
  check_closed (tracker, port);

  dup2 (saved_stdin, 0);
  close (saved_stdin);
  g_object_unref (loader);
  tv_tracker_free (tracker);
  tv_live_test_stop (server, SIGTERM);
}

/* ---- main -------------------------------------------------------------------- */

/* Exits 77 (skipped) when this machine cannot run the tests, saying why. */
static void
skip_unless_able (void)
{
  const char *tools[] = { "python3", "curl", "tcpdump" };
  g_autoptr(GError) error = NULL;
  TvTracker *tracker;
  TvLiveCapture *live;
  g_autofree char *spool = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    if (!tv_live_test_have (tools[i]))
      {
        printf ("SKIP: %s is not installed: the live tests need python3, curl and tcpdump\n",
                tools[i]);
        exit (77);
      }

  tracker = tv_tracker_new ();
  live = tv_live_capture_new ("lo", tracker);
  spool = g_build_filename (tmpdir, "probe.pcap", NULL);
  tv_live_capture_set_spool_path (live, spool);
  if (!tv_live_capture_start (live, &error))
    {
      printf ("SKIP: cannot capture on lo here (run as root or give the test the "
              "capabilities cap_net_raw,cap_net_admin): %s\n", error->message);
      exit (77);
    }
  tv_live_capture_stop (live);
  g_object_unref (live);
  tv_tracker_free (tracker);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("tv-test-live-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  chmod (tmpdir, 0755);
  /* The default spool goes under the cache folder: keep it in ours. */
  cache = g_build_filename (tmpdir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  skip_unless_able ();
  write_site ();

  /* fork() first, before GLib has started helper threads. */
  g_test_add_func ("/live/capture/permission", test_permission);
  g_test_add_func ("/live/capture/loopback-http", test_loopback_http);
  g_test_add_func ("/live/capture/stop-idle", test_stop_idle);
  g_test_add_func ("/live/capture/stop-right-after", test_stop_right_after);
  g_test_add_func ("/live/capture/duration", test_duration);
  g_test_add_func ("/live/capture/killed", test_killed);
  g_test_add_func ("/live/capture/save-while-running", test_save_while_running);
  g_test_add_func ("/live/capture/interface-down", test_interface_down);
  g_test_add_func ("/live/capture/interface-deleted", test_interface_deleted);
  g_test_add_func ("/live/capture/capabilities-as-nobody", test_capabilities);
  g_test_add_func ("/live/capture/spool-unwritable", test_spool_unwritable);
  g_test_add_func ("/live/capture/spool-full", test_spool_full);
  g_test_add_func ("/live/stream/loader-fifo", test_loader_fifo);
  g_test_add_func ("/live/stream/loader-stdin", test_loader_stdin);

  ret = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    (void) system (cmd);
  }
  g_free (tmpdir);
  return ret;
}
