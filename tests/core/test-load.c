/* test-load.c: reading the project's own captures into the model, and the
 * messages for files that are not captures. */
#define G_LOG_DOMAIN "test-load"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "tv-core-error.h"
#include "tv-load.h"
#include "tv-reader.h"

static char *
capture_path (const char *name)
{
  const char *dir = g_getenv ("TV_TEST_CAPTURES");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static TvTracker *
load_ok (const char *name, TvLoadStats *stats)
{
  g_autofree char *path = capture_path (name);
  g_autoptr(GError) error = NULL;
  TvTracker *t = tv_tracker_new ();

  g_assert_true (tv_load_file (path, t, NULL, stats, &error));
  g_assert_no_error (error);
  return t;
}

static void
check_textbook (TvTracker *t)
{
  TvConn *c;
  g_autofree char *client = NULL;
  g_autofree char *server = NULL;

  g_assert_cmpuint (tv_tracker_get_n_conns (t), ==, 1);
  c = tv_tracker_get_conn (t, 0);
  client = tv_endpoint_to_string (&c->client);
  server = tv_endpoint_to_string (&c->server);
  g_assert_cmpstr (client, ==, "192.168.1.116:3337");
  g_assert_cmpstr (server, ==, "192.168.1.123:7788");
  g_assert_cmpuint (c->n_segs, >=, 3);
  g_assert_cmpuint (c->segs[0].flags, ==, TV_TCP_SYN);
  g_assert_cmpuint (c->segs[0].seq, ==, 3626544836u);
  g_assert_cmpuint (c->segs[1].flags, ==, TV_TCP_SYN | TV_TCP_ACK);
  g_assert_cmpuint (c->segs[1].seq, ==, 1739326486u);
  g_assert_cmpuint (c->segs[1].ack, ==, 3626544837u);
  g_assert_cmpuint (c->segs[2].seq, ==, 3626544837u);
  g_assert_cmpuint (c->segs[2].ack, ==, 1739326487u);
  g_assert_cmpuint (tv_conn_relative_seq (c, &c->segs[2]), ==, 1);
  g_assert_cmpuint (tv_conn_relative_ack (c, &c->segs[2]), ==, 1);
  g_assert_cmpstr (tv_tcp_state_name (c->segs[0].client_state), ==, "SYN_SENT");
  g_assert_cmpstr (tv_tcp_state_name (c->segs[2].server_state), ==, "ESTABLISHED");
  g_assert_cmpint (tv_conn_handshake_rtt (c), >, 0);
}

static void
test_textbook (gconstpointer data)
{
  TvLoadStats stats = { 0 };
  TvTracker *t = load_ok (data, &stats);

  check_textbook (t);
  g_assert_null (stats.warning);
  g_assert_cmpuint (stats.frames, ==, stats.tcp_frames);
  tv_load_stats_clear (&stats);
  tv_tracker_free (t);
}

static void
test_textbook_full (void)
{
  TvLoadStats stats = { 0 };
  TvTracker *t = load_ok ("textbook-handshake.pcap", &stats);
  TvConn *c = tv_tracker_get_conn (t, 0);
  gboolean saw_get = FALSE, saw_ok = FALSE;

  for (guint32 i = 0; i < c->n_segs; i++)
    {
      const char *label = tv_tracker_get_label (t, c->segs[i].label);
      saw_get |= g_str_has_prefix (label, "GET / HTTP/1.1");
      saw_ok |= g_str_has_prefix (label, "HTTP/1.1 200 OK");
    }
  g_assert_true (saw_get);
  g_assert_true (saw_ok);
  g_assert_cmpint (c->end, ==, TV_END_FIN);
  g_assert_cmpstr (tv_tcp_state_name (c->segs[c->n_segs - 1].client_state), ==, "TIME_WAIT");
  g_assert_cmpstr (tv_tcp_state_name (c->segs[c->n_segs - 1].server_state), ==, "CLOSED");
  tv_load_stats_clear (&stats);
  tv_tracker_free (t);
}

static void
test_cut_short (void)
{
  TvLoadStats stats = { 0 };
  TvTracker *t = load_ok ("textbook-handshake-cut.pcap", &stats);

  /* every frame before the damaged one, and a warning that says so */
  g_assert_nonnull (stats.warning);
  g_assert_nonnull (strstr (stats.warning, "textbook-handshake-cut.pcap"));
  g_assert_nonnull (strstr (stats.warning, "cut short"));
  g_assert_cmpuint (stats.frames, >, 3);
  g_assert_cmpuint (tv_tracker_get_n_conns (t), ==, 1);
  tv_load_stats_clear (&stats);
  tv_tracker_free (t);
}

static void
test_snaplen (void)
{
  TvLoadStats stats = { 0 };
  TvTracker *t = load_ok ("textbook-handshake-snaplen64.pcap", &stats);
  TvConn *c = tv_tracker_get_conn (t, 0);
  guint64 bytes = tv_conn_bytes (c, TV_DIR_CLIENT_TO_SERVER) + tv_conn_bytes (c, TV_DIR_SERVER_TO_CLIENT);
  TvLoadStats full_stats = { 0 };
  TvTracker *full = load_ok ("textbook-handshake.pcap", &full_stats);
  TvConn *fc = tv_tracker_get_conn (full, 0);

  /* payload lengths come from the IP header, not from what was captured */
  g_assert_cmpuint (bytes, ==, tv_conn_bytes (fc, TV_DIR_CLIENT_TO_SERVER) +
                               tv_conn_bytes (fc, TV_DIR_SERVER_TO_CLIENT));
  g_assert_cmpuint (bytes, >, 0);
  g_assert_cmpuint (c->n_segs, ==, fc->n_segs);
  tv_load_stats_clear (&stats);
  tv_load_stats_clear (&full_stats);
  tv_tracker_free (t);
  tv_tracker_free (full);
}

static void
test_nanosecond (void)
{
  TvLoadStats a = { 0 }, b = { 0 };
  TvTracker *us = load_ok ("textbook-handshake.pcap", &a);
  TvTracker *ns = load_ok ("textbook-handshake-nsec.pcap", &b);
  TvConn *cu = tv_tracker_get_conn (us, 0), *cn = tv_tracker_get_conn (ns, 0);

  /* the same capture, once in µs and once in ns (tshark reads
   * 1705312800.000000000 and 1705312800.000000123 for the first frame) */
  g_assert_cmpint (cu->segs[0].time_ns, ==, G_GINT64_CONSTANT (1705312800000000000));
  g_assert_cmpint (cn->segs[0].time_ns, ==, G_GINT64_CONSTANT (1705312800000000123));
  g_assert_cmpint (cu->segs[1].time_ns, ==, G_GINT64_CONSTANT (1705312800000612000));
  g_assert_cmpint (cn->segs[1].time_ns, ==, G_GINT64_CONSTANT (1705312800000612246));
  tv_load_stats_clear (&a);
  tv_load_stats_clear (&b);
  tv_tracker_free (us);
  tv_tracker_free (ns);
}

static void
expect_error (const char *path, int code, const char *words)
{
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *t = tv_tracker_new ();

  g_assert_false (tv_load_file (path, t, NULL, &stats, &error));
  g_assert_error (error, TV_CORE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, words));
  tv_tracker_free (t);
}

static void
test_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tv-test-load-XXXXXX", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.pcap", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *header = g_build_filename (dir, "header.pcap", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.pcap", NULL);
  static const guint8 half_header[] = { 0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00 };

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (text, "This is not a capture, only some words.\n", -1, NULL));
  g_assert_true (g_file_set_contents (header, (const char *) half_header, sizeof half_header, NULL));

  expect_error (empty, TV_CORE_ERROR_FORMAT, "empty");
  expect_error (text, TV_CORE_ERROR_FORMAT, "not a capture file");
  expect_error (header, TV_CORE_ERROR_FORMAT, "damaged");
  expect_error (missing, TV_CORE_ERROR_OPEN, "No such file");
  expect_error (dir, TV_CORE_ERROR_OPEN, "folder");

  g_unlink (empty);
  g_unlink (text);
  g_unlink (header);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/core/load/textbook-pcap", "textbook-handshake.pcap", test_textbook);
  g_test_add_data_func ("/core/load/textbook-pcapng", "textbook-handshake.pcapng", test_textbook);
  g_test_add_data_func ("/core/load/textbook-big-endian", "textbook-handshake-bigendian.pcap", test_textbook);
  g_test_add_data_func ("/core/load/textbook-nanosecond", "textbook-handshake-nsec.pcap", test_textbook);
  g_test_add_func ("/core/load/textbook-http-and-close", test_textbook_full);
  g_test_add_func ("/core/load/cut-short", test_cut_short);
  g_test_add_func ("/core/load/snaplen", test_snaplen);
  g_test_add_func ("/core/load/nanosecond", test_nanosecond);
  g_test_add_func ("/core/load/errors", test_errors);
  return g_test_run ();
}
