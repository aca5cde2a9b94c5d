/* test-explain.c: the plain-words explanations, on the textbook example fed
 * to a real tracker and on the project's captures. */

#define G_LOG_DOMAIN "test-explain"

#include "config.h"

#include <locale.h>

#include "tv-explain.h"
#include "tv-load.h"
#include "tv-test-conn.h"

/* Asserts that @text contains each of the NULL-terminated strings. */
static void
assert_has (const char *text,
            ...)
{
  va_list args;
  const char *needle;

  g_assert_nonnull (text);
  va_start (args, text);
  while ((needle = va_arg (args, const char *)) != NULL)
    {
      if (strstr (text, needle) == NULL)
        g_error ("expected “%s” in:\n%s", needle, text);
    }
  va_end (args);
}

static void
assert_lacks (const char *text,
              const char *needle)
{
  if (strstr (text, needle) != NULL)
    g_error ("did not expect “%s” in:\n%s", needle, text);
}

static char *
explain (TvTracker *tracker,
         TvConn    *conn,
         guint      step,       /* 1-based, as the texts count */
         gboolean   absolute)
{
  return tv_explain_segment (tracker, conn, step - 1, absolute);
}

/* ---- the textbook example, built frame by frame ---------------------- */

static void
test_textbook_kinds (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  static const TvExplainKind expected[] = {
    TV_EXPLAIN_SYN, TV_EXPLAIN_SYN_ACK, TV_EXPLAIN_HANDSHAKE_ACK,
    TV_EXPLAIN_DATA, TV_EXPLAIN_ACK, TV_EXPLAIN_DATA, TV_EXPLAIN_ACK,
    TV_EXPLAIN_FIN, TV_EXPLAIN_ACK_OF_FIN, TV_EXPLAIN_SECOND_FIN, TV_EXPLAIN_LAST_ACK,
  };

  g_assert_cmpuint (conn->n_segs, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < conn->n_segs; i++)
    g_assert_cmpint (tv_explain_classify (tracker, conn, i), ==, expected[i]);

  g_assert_null (tv_explain_segment (tracker, conn, conn->n_segs, FALSE));
  tv_tracker_free (tracker);
}

static void
test_textbook_titles (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  static const char *const expected[] = {
    "Step 1 of 11: SYN from the client",
    "Step 2 of 11: SYN-ACK from the server",
    "Step 3 of 11: ACK from the client: handshake complete",
    "Step 4 of 11: Data from the client",
    "Step 5 of 11: ACK from the server",
    "Step 6 of 11: Data from the server",
    "Step 7 of 11: ACK from the client",
    "Step 8 of 11: FIN from the client: it starts the close",
    "Step 9 of 11: ACK of the FIN, from the server",
    "Step 10 of 11: FIN from the server: it closes its side too",
    "Step 11 of 11: Last ACK, from the client",
  };

  for (guint i = 0; i < conn->n_segs; i++)
    {
      g_autofree char *title = tv_explain_title (tracker, conn, i);

      g_assert_cmpstr (title, ==, expected[i]);
    }
  tv_tracker_free (tracker);
}

static void
test_textbook_absolute (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  g_autofree char *syn = explain (tracker, conn, 1, TRUE);
  g_autofree char *synack = explain (tracker, conn, 2, TRUE);
  g_autofree char *hs = explain (tracker, conn, 3, TRUE);
  g_autofree char *get = explain (tracker, conn, 4, TRUE);
  g_autofree char *ack_get = explain (tracker, conn, 5, TRUE);
  g_autofree char *ok = explain (tracker, conn, 6, TRUE);
  g_autofree char *ack_ok = explain (tracker, conn, 7, TRUE);
  g_autofree char *fin = explain (tracker, conn, 8, TRUE);
  g_autofree char *ack_fin = explain (tracker, conn, 9, TRUE);
  g_autofree char *fin2 = explain (tracker, conn, 10, TRUE);
  g_autofree char *last = explain (tracker, conn, 11, TRUE);

  /* SYN: the ISN x, one sequence number consumed, SYN_SENT */
  assert_has (syn, "ISN", "x = 3626544836", "seq = 3626544836 + 1 = 3626544837",
              "consumes one sequence number", "SYN_SENT", "SYN_RECEIVED", "port 7788", NULL);
  assert_lacks (syn, "relative");

  /* SYN-ACK: ack = x + 1 with the digits, its own ISN y */
  assert_has (synack,
              "The server acknowledges the SYN from the client with ack = 3626544836 + 1 = 3626544837, "
              "because a SYN consumes one sequence number, and sends its own SYN with ISN 1739326486; "
              "the server is now in SYN_RECEIVED.",
              "351 µs after the SYN", "ESTABLISHED", NULL);

  /* the handshake ACK: the SYN's seq + 1 (no y never introduced), both ESTABLISHED, the RTT */
  assert_has (hs, "whose seq was 1739326486, with ack = 1739326486 + 1 = 1739326487", "three-way handshake",
              "Both ends are now ESTABLISHED", "402 µs", "RTT", NULL);

  /* data: seq, len, next seq = seq + len, the HTTP line */
  assert_has (get, "78 bytes of data with seq = 3626544837", "bytes 3626544837 to 3626544914",
              "seq + len = 3626544837 + 78 = 3626544915", "“GET / HTTP/1.1”", NULL);
  assert_has (ok, "200 bytes", "1739326487 + 200 = 1739326687", "“HTTP/1.1 200 OK”", NULL);

  /* ACK of data: ack = seq + len of the segment it acknowledges */
  assert_has (ack_get, "The server acknowledges the 78 bytes of data from the client in step 4",
              "3626544837 + 78 = 3626544915", NULL);
  assert_has (ack_ok, "200 bytes of data from the server in step 6", "1739326487 + 200 = 1739326687", NULL);

  /* FIN: half-close, one sequence number, FIN_WAIT_1 / CLOSE_WAIT */
  assert_has (fin, "no more data", "half-close", "consumes one sequence number",
              "seq = 3626544915", "ack = 3626544915 + 1 = 3626544916", "FIN_WAIT_1", "CLOSE_WAIT", NULL);
  /* ACK of FIN: FIN_WAIT_2 */
  assert_has (ack_fin, "ack = 3626544915 + 1 = 3626544916", "The client is now in FIN_WAIT_2", NULL);
  /* the second FIN: LAST_ACK, and the client enters TIME_WAIT */
  assert_has (fin2, "seq = 1739326687", "ack = 1739326687 + 1 = 1739326688", "LAST_ACK",
              "enters TIME_WAIT", NULL);
  /* the last ACK: TIME_WAIT, 2MSL, 60 s, who waits; the server CLOSED */
  assert_has (last, "last ACK", "ack = 1739326687 + 1 = 1739326688", "CLOSED",
              "The client stays in TIME_WAIT", "2MSL", "Linux waits a fixed 60 s", "closed first", NULL);

  tv_tracker_free (tracker);
}

static void
test_textbook_relative (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  g_autofree char *syn = explain (tracker, conn, 1, FALSE);
  g_autofree char *synack = explain (tracker, conn, 2, FALSE);
  g_autofree char *hs = explain (tracker, conn, 3, FALSE);
  g_autofree char *get = explain (tracker, conn, 4, FALSE);
  g_autofree char *ack_get = explain (tracker, conn, 5, FALSE);
  g_autofree char *fin = explain (tracker, conn, 8, FALSE);
  g_autofree char *last = explain (tracker, conn, 11, FALSE);

  /* the ISN itself is shown, and what relative numbers are */
  assert_has (syn, "x = 3626544836", "relative seq = 0", "seq = 0 + 1 = 1", NULL);
  assert_has (synack, "ack = 0 + 1 = 1 (relative)", "ISN 1739326486 (relative seq = 0)", NULL);
  assert_has (hs, "whose seq was 0, with ack = 0 + 1 = 1", NULL);
  assert_has (get, "seq = 1", "(relative numbers)", "1 + 78 = 79", NULL);
  assert_has (ack_get, "ack = seq + len of that segment = 1 + 78 = 79", NULL);
  assert_has (fin, "seq = 79", "ack = 79 + 1 = 80", NULL);
  assert_has (last, "ack = 201 + 1 = 202", NULL);
  /* no absolute numbers where relative ones were asked for */
  assert_lacks (get, "3626544837");
  assert_lacks (last, "1739326");

  tv_tracker_free (tracker);
}

/* ---- the project's captures ------------------------------------------ */

static TvTracker *
load_capture (const char *name)
{
  const char *dir = g_getenv ("TV_TEST_CAPTURES");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker = tv_tracker_new ();

  g_assert_nonnull (dir);
  path = g_build_filename (dir, name, NULL);
  if (!tv_load_file (path, tracker, NULL, &stats, &error))
    g_error ("%s: %s", path, error->message);
  tv_load_stats_clear (&stats);
  g_assert_cmpuint (tv_tracker_get_n_conns (tracker), >, 0);
  return tracker;
}

static void
test_capture_textbook (void)
{
  TvTracker *tracker = load_capture ("textbook-handshake.pcap");
  TvConn *conn = tv_tracker_get_conn (tracker, 0);
  g_autofree char *synack = explain (tracker, conn, 2, TRUE);
  g_autofree char *get = explain (tracker, conn, 4, TRUE);
  g_autofree char *ack_get = explain (tracker, conn, 5, TRUE);
  g_autofree char *get_rel = explain (tracker, conn, 4, FALSE);
  g_autofree char *title = tv_explain_title (tracker, conn, 1);

  g_assert_cmpstr (title, ==, "Step 2 of 11: SYN-ACK from the server");
  /* the sentence of the brief, word for word */
  assert_has (synack,
              "The server acknowledges the SYN from the client with ack = 3626544836 + 1 = 3626544837, "
              "because a SYN consumes one sequence number, and sends its own SYN with ISN 1739326486; "
              "the server is now in SYN_RECEIVED.", NULL);
  assert_has (get, "82 bytes", "3626544837 + 82 = 3626544919", "GET / HTTP/1.1", NULL);
  assert_has (ack_get, "3626544837 + 82 = 3626544919", "step 4", NULL);
  assert_has (get_rel, "1 + 82 = 83", NULL);

  tv_tracker_free (tracker);
}

static void
test_capture_retransmission (void)
{
  TvTracker *tracker = load_capture ("tcp-retransmission.pcap");
  TvConn *conn = tv_tracker_get_conn (tracker, 0);
  g_autofree char *r1 = explain (tracker, conn, 5, FALSE);
  g_autofree char *r2 = explain (tracker, conn, 6, FALSE);

  g_assert_cmpint (tv_explain_classify (tracker, conn, 4), ==, TV_EXPLAIN_RETRANSMISSION);
  assert_has (r1, "Retransmission", "sends seq = 1 again", "first sent it in step 4", "204 ms earlier",
              "retransmission timer (RTO)", "1 + 51 = 52", NULL);
  assert_has (r2, "first sent it in step 4", "612 ms earlier", NULL);

  tv_tracker_free (tracker);
}

static void
test_capture_syn_retransmission (void)
{
  TvTracker *tracker = load_capture ("tcp-syn-retransmission.pcap");
  TvConn *conn = tv_tracker_get_conn (tracker, 0);
  g_autofree char *syn2 = explain (tracker, conn, 2, TRUE);
  g_autofree char *synack = explain (tracker, conn, 3, TRUE);
  g_autofree char *seq = g_strdup_printf ("same seq = %u", conn->segs[0].seq);

  g_assert_cmpint (tv_explain_classify (tracker, conn, 1), ==, TV_EXPLAIN_RETRANSMISSION);
  assert_has (syn2, "sends its SYN again", seq, "within 1.00 s", NULL);
  /* timed from the SYN it answers, the second one */
  assert_has (synack, "700 µs after the SYN", NULL);

  tv_tracker_free (tracker);
}

static void
test_capture_fast_retransmission (void)
{
  TvTracker *tracker = load_capture ("tcp-fast-retransmission.pcap");
  TvConn *conn = tv_tracker_get_conn (tracker, 0);
  g_autofree char *dup1 = explain (tracker, conn, 11, FALSE);
  g_autofree char *dup3 = explain (tracker, conn, 13, FALSE);
  g_autofree char *fast = explain (tracker, conn, 14, FALSE);
  g_autofree char *cumulative = explain (tracker, conn, 15, FALSE);
  g_autofree char *title = tv_explain_title (tracker, conn, 10);

  g_assert_cmpstr (title, ==, "Step 11 of 19: Duplicate ACK from the client");
  for (guint i = 10; i <= 12; i++)
    g_assert_cmpint (tv_explain_classify (tracker, conn, i), ==, TV_EXPLAIN_DUPLICATE_ACK);
  g_assert_cmpint (tv_explain_classify (tracker, conn, 13), ==, TV_EXPLAIN_FAST_RETRANSMISSION);

  assert_has (dup1, "Duplicate ACK number 1", "repeats ack = 1449", "waits for seq = 1449",
              "three duplicate ACKs", "fast retransmit", NULL);
  assert_has (dup3, "Duplicate ACK number 3", NULL);
  assert_has (fast, "Fast retransmission", "seq = 1449 again", "first sent in step 6",
              "3 duplicate ACKs", "1449 + 1448 = 2897", NULL);
  /* the ACK after the repair acknowledges everything: cumulative */
  assert_has (cumulative, "5793 + 1448 = 7241", "step 9", "cumulative", NULL);

  tv_tracker_free (tracker);
}

static void
test_capture_refused (void)
{
  TvTracker *tracker = load_capture ("tcp-refused.pcap");
  TvConn *conn = tv_tracker_get_conn (tracker, 0);
  g_autofree char *rst = explain (tracker, conn, 2, TRUE);
  g_autofree char *title = tv_explain_title (tracker, conn, 1);
  guint32 isn = conn->segs[0].seq;
  g_autofree char *arith = g_strdup_printf ("ack = %u + 1 = %u", isn, isn + 1);

  g_assert_cmpint (tv_explain_classify (tracker, conn, 1), ==, TV_EXPLAIN_REFUSED);
  g_assert_cmpstr (title, ==, "Step 2 of 2: RST from the server: connection refused");
  assert_has (rst, "refuses the connection", "port 81", arith, "connection refused",
              "Both ends are now CLOSED", "without TIME_WAIT", NULL);

  tv_tracker_free (tracker);
}

static void
test_capture_zero_window (void)
{
  TvTracker *tracker = load_capture ("tcp-zero-window.pcap");
  TvConn *conn = tv_tracker_get_conn (tracker, 0);
  g_autofree char *zw = explain (tracker, conn, 9, FALSE);
  g_autofree char *probe = explain (tracker, conn, 10, FALSE);
  g_autofree char *update = explain (tracker, conn, 14, FALSE);

  g_assert_cmpint (tv_explain_classify (tracker, conn, 8), ==, TV_EXPLAIN_ZERO_WINDOW);
  g_assert_cmpint (tv_explain_classify (tracker, conn, 9), ==, TV_EXPLAIN_ZERO_WINDOW_PROBE);
  g_assert_cmpint (tv_explain_classify (tracker, conn, 13), ==, TV_EXPLAIN_WINDOW_UPDATE);
  assert_has (zw, "Zero window", "window of 0 bytes", "must stop sending", "3073 + 1024 = 4097", NULL);
  assert_has (probe, "Zero window probe", "single byte (seq = 4097)", NULL);
  assert_has (update, "Window update", "to 4096 bytes", NULL);

  tv_tracker_free (tracker);
}

static void
test_capture_half_close (void)
{
  TvTracker *tracker = load_capture ("tcp-half-close.pcap");
  TvConn *conn = tv_tracker_get_conn (tracker, 0);
  g_autofree char *fin = explain (tracker, conn, 5, FALSE);
  g_autofree char *ack_fin = explain (tracker, conn, 6, FALSE);
  g_autofree char *data = explain (tracker, conn, 7, FALSE);
  g_autofree char *fin2 = explain (tracker, conn, 12, FALSE);
  g_autofree char *last = explain (tracker, conn, 13, FALSE);

  assert_has (fin, "half-close", "seq = 50", "ack = 50 + 1 = 51", "FIN_WAIT_1", "CLOSE_WAIT", NULL);
  assert_has (ack_fin, "ack = 50 + 1 = 51", "FIN_WAIT_2", NULL);
  /* the server sends its answer after the client's FIN */
  assert_has (data, "1448 bytes", "CLOSE_WAIT", "half-close", "HTTP/1.0 200 OK", NULL);
  assert_has (fin2, "seq = 4345", "4345 + 1 = 4346", "LAST_ACK", "TIME_WAIT", NULL);
  assert_has (last, "4345 + 1 = 4346", "TIME_WAIT", "2MSL", NULL);

  tv_tracker_free (tracker);
}

static void
test_capture_keepalive (void)
{
  TvTracker *tracker = load_capture ("tcp-keepalive.pcap");
  TvConn *conn = tv_tracker_get_conn (tracker, 0);
  g_autofree char *ka = explain (tracker, conn, 7, FALSE);
  g_autofree char *answer = explain (tracker, conn, 8, FALSE);

  g_assert_cmpint (tv_explain_classify (tracker, conn, 6), ==, TV_EXPLAIN_KEEP_ALIVE);
  assert_has (ka, "Keep-alive", "45.0 s of silence", "seq = 51", "next sequence number 52", NULL);
  assert_has (answer, "keep-alive", "ack = 52", NULL);

  tv_tracker_free (tracker);
}

static void
test_capture_not_captured (void)
{
  TvTracker *tracker = load_capture ("tcp-segment-not-captured.pcap");
  TvConn *conn = tv_tracker_get_conn (tracker, 0);
  g_autofree char *gap = explain (tracker, conn, 6, FALSE);

  assert_has (gap, "Previous segment not captured", "seq = 2001", "ended at 1001",
              "from 1001 to 2000", NULL);

  tv_tracker_free (tracker);
}

static void
test_capture_simultaneous (void)
{
  TvTracker *open = load_capture ("tcp-simultaneous-open.pcap");
  TvTracker *close = load_capture ("tcp-simultaneous-close.pcap");
  TvConn *oc = tv_tracker_get_conn (open, 0);
  TvConn *cc = tv_tracker_get_conn (close, 0);
  g_autofree char *syn2 = explain (open, oc, 2, FALSE);
  g_autofree char *fin2 = explain (close, cc, 8, FALSE);
  g_autofree char *ack1 = explain (close, cc, 9, FALSE);
  g_autofree char *ack2 = explain (close, cc, 10, FALSE);

  g_assert_cmpint (tv_explain_classify (open, oc, 1), ==, TV_EXPLAIN_SYN_SIMULTANEOUS);
  assert_has (syn2, "simultaneous open", NULL);
  assert_has (fin2, "simultaneous close", "CLOSING", NULL);
  /* each side acknowledges the other's FIN, then waits in TIME_WAIT; the
   * client's FIN of step 7 reaches the server only after it sent its own */
  g_assert_cmpint (tv_explain_classify (close, cc, 8), ==, TV_EXPLAIN_ACK_OF_FIN);
  g_assert_cmpint (tv_explain_classify (close, cc, 9), ==, TV_EXPLAIN_ACK_OF_FIN);
  assert_has (ack1, "ack = 52 + 1 = 53", "from FIN_WAIT_1 to CLOSING", "step 7", "step 8", NULL);
  assert_has (ack2, "ack = 52 + 1 = 53", "from CLOSING to TIME_WAIT", NULL);

  tv_tracker_free (open);
  tv_tracker_free (close);
}

static void
test_capture_midstream (void)
{
  TvTracker *tracker = load_capture ("tcp-midstream.pcap");
  TvConn *conn = tv_tracker_get_conn (tracker, 0);
  g_autofree char *first = explain (tracker, conn, 1, FALSE);
  g_autofree char *second = explain (tracker, conn, 2, FALSE);

  assert_has (first, "middle of this connection", "no handshake", "ESTABLISHED", "1 + 1448 = 1449", NULL);
  assert_lacks (first, "ack = 1");
  assert_lacks (second, "middle of this connection");

  tv_tracker_free (tracker);
}

/* For every connection of every capture: the segment after which a side is
 * first in TIME_WAIT says so; every text is one clean paragraph. */
static void
test_all_captures (void)
{
  const char *dirname = g_getenv ("TV_TEST_CAPTURES");
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0, n_time_wait = 0;

  g_assert_nonnull (dirname);
  dir = g_dir_open (dirname, 0, NULL);
  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      TvTracker *tracker;

      if (!g_str_has_suffix (name, ".pcap") && !g_str_has_suffix (name, ".pcapng"))
        continue;
      tracker = load_capture (name);
      n_files++;

      for (guint c = 0; c < tv_tracker_get_n_conns (tracker); c++)
        {
          TvConn *conn = tv_tracker_get_conn (tracker, c);
          gboolean seen_tw[2] = { FALSE, FALSE };

          for (guint i = 0; i < conn->n_segs; i++)
            {
              const TvSegment *seg = &conn->segs[i];

              for (int absolute = 0; absolute <= 1; absolute++)
                {
                  g_autofree char *text = tv_explain_segment (tracker, conn, i, absolute);
                  g_autofree char *title = tv_explain_title (tracker, conn, i);

                  g_assert_true (g_utf8_validate (text, -1, NULL));
                  g_assert_cmpuint (strlen (text), >, 40);
                  g_assert_null (strchr (text, '\n'));
                  assert_lacks (text, "(null)");
                  assert_lacks (text, "%");
                  assert_lacks (text, "  ");
                  g_assert_true (g_str_has_suffix (text, "."));
                  g_assert_true (g_str_has_prefix (title, "Step "));
                }

              for (int side = 0; side < 2; side++)
                {
                  guint state = side == 0 ? seg->client_state : seg->server_state;

                  if (state == TV_TCP_STATE_TIME_WAIT && !seen_tw[side])
                    {
                      g_autofree char *text = tv_explain_segment (tracker, conn, i, FALSE);

                      seen_tw[side] = TRUE;
                      n_time_wait++;
                      assert_has (text, "TIME_WAIT", NULL);
                    }
                }
            }
        }
      tv_tracker_free (tracker);
    }

  g_assert_cmpuint (n_files, >=, 20);
  g_assert_cmpuint (n_time_wait, >=, 10);
}

int
main (int    argc,
      char **argv)
{
  /* the English texts, with a C decimal point */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/explain/textbook/kinds", test_textbook_kinds);
  g_test_add_func ("/render/explain/textbook/titles", test_textbook_titles);
  g_test_add_func ("/render/explain/textbook/absolute", test_textbook_absolute);
  g_test_add_func ("/render/explain/textbook/relative", test_textbook_relative);
  g_test_add_func ("/render/explain/capture/textbook", test_capture_textbook);
  g_test_add_func ("/render/explain/capture/retransmission", test_capture_retransmission);
  g_test_add_func ("/render/explain/capture/syn-retransmission", test_capture_syn_retransmission);
  g_test_add_func ("/render/explain/capture/fast-retransmission", test_capture_fast_retransmission);
  g_test_add_func ("/render/explain/capture/refused", test_capture_refused);
  g_test_add_func ("/render/explain/capture/zero-window", test_capture_zero_window);
  g_test_add_func ("/render/explain/capture/half-close", test_capture_half_close);
  g_test_add_func ("/render/explain/capture/keepalive", test_capture_keepalive);
  g_test_add_func ("/render/explain/capture/not-captured", test_capture_not_captured);
  g_test_add_func ("/render/explain/capture/simultaneous", test_capture_simultaneous);
  g_test_add_func ("/render/explain/capture/midstream", test_capture_midstream);
  g_test_add_func ("/render/explain/capture/all", test_all_captures);

  return g_test_run ();
}
