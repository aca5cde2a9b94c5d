/* test-ladder-layout.c: the ladder geometry on real tracker output. */

#define G_LOG_DOMAIN "test-ladder-layout"

#include "config.h"

#include <math.h>

#include "tv-ladder-layout.h"
#include "tv-load.h"
#include "tv-test-conn.h"

static char *
row_text (TvLadderLayout *layout,
          guint           row)
{
  TvLadderLabel label;

  tv_ladder_layout_get_label (layout, row, &label);
  return g_strdup (label.text);
}

static void
test_textbook_relative (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvLadderLayout *layout = tv_ladder_layout_new (tracker, conn, NULL);
  static const char *const expected[] = {
    "SYN seq=0",
    "SYN-ACK seq=0 ack=1",
    "ACK seq=1 ack=1",
    "PSH-ACK seq=1 ack=1 len=78",
    "ACK seq=1 ack=79",
    "PSH-ACK seq=1 ack=79 len=200",
    "ACK seq=79 ack=201",
    "FIN-ACK seq=79 ack=201",
    "ACK seq=201 ack=80",
    "FIN-ACK seq=201 ack=80",
    "ACK seq=80 ack=202",
  };
  TvLadderLabel label;

  g_assert_cmpuint (tv_ladder_layout_get_n_rows (layout), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = row_text (layout, i);

      g_assert_cmpstr (text, ==, expected[i]);
    }

  tv_ladder_layout_get_label (layout, 0, &label);
  g_assert_null (label.app);
  tv_ladder_layout_get_label (layout, 3, &label);
  g_assert_cmpstr (label.app, ==, "GET / HTTP/1.1");
  tv_ladder_layout_get_label (layout, 5, &label);
  g_assert_cmpstr (label.app, ==, "HTTP/1.1 200 OK");

  tv_ladder_layout_free (layout);
  tv_tracker_free (tracker);
}

static void
test_textbook_absolute (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvLadderOptions options;
  TvLadderLayout *layout;
  g_autofree char *r0 = NULL, *r1 = NULL, *r2 = NULL;

  tv_ladder_options_init (&options);
  options.absolute = TRUE;
  layout = tv_ladder_layout_new (tracker, conn, &options);

  r0 = row_text (layout, 0);
  r1 = row_text (layout, 1);
  r2 = row_text (layout, 2);
  g_assert_cmpstr (r0, ==, "SYN seq=3626544836");
  g_assert_cmpstr (r1, ==, "SYN-ACK seq=1739326486 ack=3626544837");
  g_assert_cmpstr (r2, ==, "ACK seq=3626544837 ack=1739326487");

  tv_ladder_layout_free (layout);
  tv_tracker_free (tracker);
}

static void
test_arrows (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvLadderLayout *layout = tv_ladder_layout_new (tracker, conn, NULL);
  double cx = tv_ladder_layout_get_client_x (layout);
  double sx = tv_ladder_layout_get_server_x (layout);
  TvLadderRow row;

  g_assert_cmpfloat (cx, <, sx);
  g_assert_cmpfloat (sx, <, tv_ladder_layout_get_width (layout));

  for (guint i = 0; i < tv_ladder_layout_get_n_rows (layout); i++)
    {
      tv_ladder_layout_get_row (layout, i, &row);
      if (row.seg->dir == TV_DIR_CLIENT_TO_SERVER)
        {
          g_assert_cmpfloat (row.x1, ==, cx);
          g_assert_cmpfloat (row.x2, ==, sx);
        }
      else
        {
          g_assert_cmpfloat (row.x1, ==, sx);
          g_assert_cmpfloat (row.x2, ==, cx);
        }
      /* sloping down a little, as textbooks draw them */
      g_assert_cmpfloat (row.y2, >, row.y1);
      g_assert_cmpfloat (row.y2 - row.y1, <, 0.2 * fabs (row.x2 - row.x1));
      g_assert_cmpfloat (row.y1, >, tv_ladder_layout_get_header_bottom (layout));
      g_assert_cmpfloat (row.bottom, <, tv_ladder_layout_get_height (layout));
    }

  tv_ladder_layout_get_row (layout, 0, &row);
  g_assert_cmpint (row.kind, ==, TV_LADDER_KIND_HANDSHAKE);
  g_assert_cmpint (row.seg->dir, ==, TV_DIR_CLIENT_TO_SERVER);
  tv_ladder_layout_get_row (layout, 1, &row);
  g_assert_cmpint (row.seg->dir, ==, TV_DIR_SERVER_TO_CLIENT);
  g_assert_cmpint (row.kind, ==, TV_LADDER_KIND_HANDSHAKE);
  tv_ladder_layout_get_row (layout, 2, &row);
  g_assert_cmpint (row.kind, ==, TV_LADDER_KIND_HANDSHAKE);
  tv_ladder_layout_get_row (layout, 3, &row);
  g_assert_cmpint (row.kind, ==, TV_LADDER_KIND_DATA);
  g_assert_cmpuint (row.n_lines, ==, 2);
  tv_ladder_layout_get_row (layout, 4, &row);
  g_assert_cmpint (row.kind, ==, TV_LADDER_KIND_ACK);
  tv_ladder_layout_get_row (layout, 7, &row);
  g_assert_cmpint (row.kind, ==, TV_LADDER_KIND_CLOSE);

  tv_ladder_layout_free (layout);
  tv_tracker_free (tracker);
}

static void
check_no_overlap (TvLadderLayout *layout)
{
  const TvLadderOptions *o = tv_ladder_layout_get_options (layout);
  guint n = tv_ladder_layout_get_n_rows (layout);

  for (guint i = 1; i < n; i++)
    {
      TvLadderRow a, b;

      tv_ladder_layout_get_row (layout, i - 1, &a);
      tv_ladder_layout_get_row (layout, i, &b);
      /* the labels of a row start below the previous arrow */
      g_assert_cmpfloat (b.top, >=, a.bottom + 4);
      g_assert_cmpfloat (b.label_bottom, <=, b.y1);
      g_assert_cmpfloat (b.top, <, b.label_bottom);
      /* two state boxes on one lifeline never touch */
      if (a.client_state_changed && b.client_state_changed)
        g_assert_cmpfloat (b.client_state_y - a.client_state_y, >=, o->state_height);
      if (a.server_state_changed && b.server_state_changed)
        g_assert_cmpfloat (b.server_state_y - a.server_state_y, >=, o->state_height);
      g_assert_cmpfloat (b.client_state_y - a.client_state_y, >=, o->state_height);
      g_assert_cmpfloat (b.server_state_y - a.server_state_y, >=, o->state_height);
    }

  /* labels fit between the lifelines */
  g_assert_cmpfloat (tv_ladder_layout_get_server_x (layout) - tv_ladder_layout_get_client_x (layout),
                     >=, o->label_width);
}

static void
test_no_overlap (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvLadderOptions options;
  TvLadderLayout *layout;

  tv_ladder_options_init (&options);
  layout = tv_ladder_layout_new (tracker, conn, &options);
  check_no_overlap (layout);
  tv_ladder_layout_free (layout);

  options.spacing = TV_LADDER_SPACING_TIME;
  layout = tv_ladder_layout_new (tracker, conn, &options);
  check_no_overlap (layout);
  tv_ladder_layout_free (layout);

  tv_tracker_free (tracker);
}

static void
test_even_spacing (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvLadderLayout *layout = tv_ladder_layout_new (tracker, conn, NULL);
  const TvLadderOptions *o = tv_ladder_layout_get_options (layout);
  double d01 = tv_ladder_layout_get_row_y (layout, 1) - tv_ladder_layout_get_row_y (layout, 0);
  double d12 = tv_ladder_layout_get_row_y (layout, 2) - tv_ladder_layout_get_row_y (layout, 1);
  double d23 = tv_ladder_layout_get_row_y (layout, 3) - tv_ladder_layout_get_row_y (layout, 2);

  /* even rows; a row with an HTTP line gets one line more */
  g_assert_cmpfloat (fabs (d01 - d12), <, 0.001);
  g_assert_cmpfloat (fabs (d23 - d12 - o->line_height), <, 0.001);

  tv_ladder_layout_free (layout);
  tv_tracker_free (tracker);
}

static void
test_time_spacing (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvLadderOptions options;
  TvLadderLayout *layout;
  double d56, d67, d78;

  tv_ladder_options_init (&options);
  options.spacing = TV_LADDER_SPACING_TIME;
  options.px_per_second = 100000;  /* 100 px per ms */
  options.max_gap = 1000;
  layout = tv_ladder_layout_new (tracker, conn, &options);

  /* 1.22 ms, 0.35 ms and 2.55 ms apart */
  d56 = tv_ladder_layout_get_row_y (layout, 5) - tv_ladder_layout_get_row_y (layout, 4);
  d67 = tv_ladder_layout_get_row_y (layout, 6) - tv_ladder_layout_get_row_y (layout, 5);
  d78 = tv_ladder_layout_get_row_y (layout, 7) - tv_ladder_layout_get_row_y (layout, 6);
  g_assert_cmpfloat (fabs (d56 - 1.220 * 100), <, 0.01);
  g_assert_cmpfloat (fabs (d78 - 2.550 * 100), <, 0.01);
  /* a short gap is stretched to the least row distance */
  g_assert_cmpfloat (d67, >, 0.350 * 100);
  check_no_overlap (layout);

  /* the axis: the time of a row maps to its y */
  g_assert_cmpfloat (fabs (tv_ladder_layout_time_to_y (layout, tv_ladder_layout_get_row_time (layout, 6)) -
                           tv_ladder_layout_get_row_y (layout, 6)), <, 0.01);
  g_assert_cmpint (tv_ladder_layout_get_tick_step (layout, 40), ==, 500000);
  tv_ladder_layout_free (layout);

  /* a gap longer than max_gap is broken */
  options.px_per_second = 400000;
  options.max_gap = 200;
  layout = tv_ladder_layout_new (tracker, conn, &options);
  {
    TvLadderRow row;

    tv_ladder_layout_get_row (layout, 7, &row);
    g_assert_true (row.gap_broken);
    g_assert_cmpint (row.gap_ns, ==, 2550000);
    tv_ladder_layout_get_row (layout, 8, &row);
    g_assert_false (row.gap_broken);
  }
  tv_ladder_layout_free (layout);

  tv_tracker_free (tracker);
}

static void
test_states (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvLadderLayout *layout = tv_ladder_layout_new (tracker, conn, NULL);
  guint n = tv_ladder_layout_get_n_rows (layout);
  TvLadderRow row;

  g_assert_cmpint (tv_ladder_layout_get_initial_state (layout, TV_DIR_CLIENT_TO_SERVER), ==,
                   TV_TCP_STATE_CLOSED);
  g_assert_cmpint (tv_ladder_layout_get_initial_state (layout, TV_DIR_SERVER_TO_CLIENT), ==,
                   TV_TCP_STATE_LISTEN);
  g_assert_cmpfloat (tv_ladder_layout_get_initial_state_y (layout), <, tv_ladder_layout_get_row_y (layout, 0));

  tv_ladder_layout_get_row (layout, 0, &row);
  g_assert_true (row.client_state_changed);
  g_assert_cmpstr (tv_tcp_state_name (row.client_state), ==, "SYN_SENT");
  g_assert_cmpfloat (row.client_state_y, ==, row.y1);  /* when it is sent */
  /* the server's changes when the SYN arrives */
  g_assert_true (row.server_state_changed);
  g_assert_cmpstr (tv_tcp_state_name (row.server_state), ==, "SYN_RECEIVED");
  g_assert_cmpfloat (row.server_state_y, ==, row.y2);

  tv_ladder_layout_get_row (layout, 1, &row);
  g_assert_false (row.server_state_changed);
  g_assert_true (row.client_state_changed);
  g_assert_cmpstr (tv_tcp_state_name (row.client_state), ==, "ESTABLISHED");
  g_assert_cmpfloat (row.client_state_y, ==, row.y2);

  tv_ladder_layout_get_row (layout, 2, &row);
  g_assert_true (row.server_state_changed);
  g_assert_cmpstr (tv_tcp_state_name (row.server_state), ==, "ESTABLISHED");
  g_assert_cmpfloat (row.server_state_y, ==, row.y2);  /* when it arrives */

  tv_ladder_layout_get_row (layout, 4, &row);
  g_assert_false (row.client_state_changed);
  g_assert_false (row.server_state_changed);

  tv_ladder_layout_get_row (layout, 7, &row);
  g_assert_true (row.client_state_changed);
  g_assert_cmpstr (tv_tcp_state_name (row.client_state), ==, "FIN_WAIT_1");

  tv_ladder_layout_get_row (layout, n - 1, &row);
  g_assert_cmpstr (tv_tcp_state_name (row.client_state), ==, "TIME_WAIT");
  g_assert_true (row.server_state_changed);
  g_assert_cmpstr (tv_tcp_state_name (row.server_state), ==, "CLOSED");

  tv_ladder_layout_free (layout);
  tv_tracker_free (tracker);
}

static void
test_phases (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvLadderLayout *layout = tv_ladder_layout_new (tracker, conn, NULL);
  TvLadderPhase p;
  g_autofree char *title = NULL;

  g_assert_cmpuint (tv_ladder_layout_get_n_phases (layout), ==, 3);

  tv_ladder_layout_get_phase (layout, 0, &p);
  g_assert_cmpint (p.kind, ==, TV_LADDER_PHASE_HANDSHAKE);
  g_assert_cmpuint (p.first_row, ==, 0);
  g_assert_cmpuint (p.last_row, ==, 2);
  g_assert_cmpint (p.rtt_ns, ==, 402000);
  title = tv_ladder_phase_dup_title (&p);
  g_assert_cmpstr (title, ==, "Three-way handshake\nRTT 402 µs");

  tv_ladder_layout_get_phase (layout, 1, &p);
  g_assert_cmpint (p.kind, ==, TV_LADDER_PHASE_DATA);
  g_assert_cmpuint (p.first_row, ==, 3);
  g_assert_cmpuint (p.last_row, ==, 6);
  g_assert_cmpstr (tv_ladder_phase_kind_title (p.kind), ==, "Data transfer");

  tv_ladder_layout_get_phase (layout, 2, &p);
  g_assert_cmpint (p.kind, ==, TV_LADDER_PHASE_CLOSE);
  g_assert_cmpuint (p.first_row, ==, 7);
  g_assert_cmpuint (p.last_row, ==, 10);
  g_assert_cmpstr (tv_ladder_phase_kind_title (p.kind), ==, "Four-way close");
  g_assert_cmpfloat (p.y1, <, p.y2);

  tv_ladder_layout_free (layout);
  tv_tracker_free (tracker);
}

static void
test_reset_phase (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvTestFeed feed = { tracker, 0, G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC * 1000 };
  TvConn *conn;
  TvLadderLayout *layout;
  TvLadderPhase p;
  TvLadderRow row;

  conn = tv_test_send (&feed, C2S, 0, TV_TCP_SYN, 1000, 0, 0, NULL);
  tv_test_send (&feed, S2C, 100, TV_TCP_RST | TV_TCP_ACK, 0, 1001, 0, NULL);
  layout = tv_ladder_layout_new (tracker, conn, NULL);

  /* a SYN answered with an RST: one bracket, "Connection refused" */
  g_assert_cmpuint (tv_ladder_layout_get_n_phases (layout), ==, 1);
  tv_ladder_layout_get_phase (layout, 0, &p);
  g_assert_cmpint (p.kind, ==, TV_LADDER_PHASE_HANDSHAKE);
  g_assert_cmpint (p.variant, ==, TV_LADDER_VARIANT_REFUSED);
  g_assert_cmpuint (p.first_row, ==, 0);
  g_assert_cmpuint (p.last_row, ==, 1);
  g_assert_cmpint (p.rtt_ns, ==, -1);
  g_assert_cmpstr (tv_ladder_phase_title (p.kind, p.variant), ==, "Connection refused");
  tv_ladder_layout_get_row (layout, 1, &row);
  g_assert_cmpint (row.kind, ==, TV_LADDER_KIND_RESET);
  tv_ladder_layout_free (layout);

  /* an RST later in the connection is a "Reset" */
  tv_test_send (&feed, C2S, 200, TV_TCP_RST, 1001, 0, 0, NULL);
  layout = tv_ladder_layout_new (tracker, conn, NULL);
  g_assert_cmpuint (tv_ladder_layout_get_n_phases (layout), ==, 2);
  tv_ladder_layout_get_phase (layout, 1, &p);
  g_assert_cmpint (p.kind, ==, TV_LADDER_PHASE_RESET);
  g_assert_cmpstr (tv_ladder_phase_title (p.kind, p.variant), ==, "Reset");
  tv_ladder_layout_free (layout);
  tv_tracker_free (tracker);
}

/* The brackets are named for what happened. */
static void
test_phase_names (void)
{
  static const struct {
    const char *capture;
    const char *open, *close;
  } cases[] = {
    { "textbook-handshake.pcap", "Three-way handshake", "Four-way close" },
    { "tcp-simultaneous-open.pcap", "Simultaneous open", "Four-way close" },
    { "tcp-simultaneous-close.pcap", "Three-way handshake", "Simultaneous close" },
    { "tcp-refused.pcap", "Connection refused", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TvTracker *tracker = tv_test_load_capture (cases[i].capture);
      TvConn *conn = tv_tracker_get_conn (tracker, 0);
      TvLadderLayout *layout = tv_ladder_layout_new (tracker, conn, NULL);
      guint n = tv_ladder_layout_get_n_phases (layout);
      const char *close = NULL;
      TvLadderPhase p;

      tv_ladder_layout_get_phase (layout, 0, &p);
      g_assert_cmpstr (tv_ladder_phase_title (p.kind, p.variant), ==, cases[i].open);
      /* no SYN was sent again in these (the other end's SYN is no copy) */
      g_assert_cmpint (p.syn_delay_ns, ==, 0);
      for (guint k = 0; k < n; k++)
        {
          tv_ladder_layout_get_phase (layout, k, &p);
          if (p.kind == TV_LADDER_PHASE_CLOSE)
            close = tv_ladder_phase_title (p.kind, p.variant);
        }
      g_assert_cmpstr (close, ==, cases[i].close);
      tv_ladder_layout_free (layout);
      tv_tracker_free (tracker);
    }

  /* the second FIN carries the ACK of the first: three segments */
  {
    TvTracker *tracker = tv_tracker_new ();
    TvTestFeed feed = { tracker, 0, G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC * 1000 };
    TvConn *conn;
    TvLadderLayout *layout;
    TvLadderPhase p;

    conn = tv_test_send (&feed, C2S, 0, TV_TCP_SYN, 1000, 0, 0, NULL);
    tv_test_send (&feed, S2C, 100, TV_TCP_SYN | TV_TCP_ACK, 5000, 1001, 0, NULL);
    tv_test_send (&feed, C2S, 200, TV_TCP_ACK, 1001, 5001, 0, NULL);
    tv_test_send (&feed, C2S, 300, TV_TCP_FIN | TV_TCP_ACK, 1001, 5001, 0, NULL);
    tv_test_send (&feed, S2C, 400, TV_TCP_FIN | TV_TCP_ACK, 5001, 1002, 0, NULL);
    tv_test_send (&feed, C2S, 500, TV_TCP_ACK, 1002, 5002, 0, NULL);
    layout = tv_ladder_layout_new (tracker, conn, NULL);
    tv_ladder_layout_get_phase (layout, tv_ladder_layout_get_n_phases (layout) - 1, &p);
    g_assert_cmpint (p.kind, ==, TV_LADDER_PHASE_CLOSE);
    g_assert_cmpstr (tv_ladder_phase_title (p.kind, p.variant), ==, "Three-way close (ACK and FIN together)");
    /* the handshake's RTT is the initial RTT: SYN to the first ACK */
    tv_ladder_layout_get_phase (layout, 0, &p);
    g_assert_cmpint (p.rtt_ns, ==, 200000);
    tv_ladder_layout_free (layout);
    tv_tracker_free (tracker);
  }
}

/* A retransmitted segment gets a line for its tag, above its label. */
static void
test_tags (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_bulk (tracker, 100);
  TvLadderLayout *layout = tv_ladder_layout_new (tracker, conn, NULL);
  guint tagged = 0;

  for (guint i = 0; i < tv_ladder_layout_get_n_rows (layout); i++)
    {
      TvLadderRow row;
      TvLadderLabel label;

      tv_ladder_layout_get_row (layout, i, &row);
      tv_ladder_layout_get_label (layout, i, &label);
      g_assert_cmpuint (row.n_lines, ==, 1 + (label.app != NULL) + (label.analysis != 0));
      if (label.analysis & (TV_ANALYSIS_RETRANSMISSION | TV_ANALYSIS_FAST_RETRANSMISSION |
                            TV_ANALYSIS_SPURIOUS_RETRANSMISSION))
        tagged++;
      /* never both: the fast or spurious one says it all */
      g_assert_false ((label.analysis & TV_ANALYSIS_RETRANSMISSION) &&
                      (label.analysis & (TV_ANALYSIS_FAST_RETRANSMISSION |
                                         TV_ANALYSIS_SPURIOUS_RETRANSMISSION)));
    }
  /* data segment 50 is sent twice */
  g_assert_cmpuint (tagged, >=, 1);
  check_no_overlap (layout);

  tv_ladder_layout_free (layout);
  tv_tracker_free (tracker);
}

static void
test_row_lookup (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvLadderLayout *layout = tv_ladder_layout_new (tracker, conn, NULL);
  guint n = tv_ladder_layout_get_n_rows (layout);
  guint first, last;

  for (guint i = 0; i < n; i++)
    {
      TvLadderRow row;

      tv_ladder_layout_get_row (layout, i, &row);
      /* on the arrow's middle, on its label */
      g_assert_cmpint (tv_ladder_layout_row_at (layout, (row.x1 + row.x2) / 2,
                                                (row.y1 + row.y2) / 2), ==, i);
      g_assert_cmpint (tv_ladder_layout_row_at (layout, row.label_x,
                                                row.label_bottom - 3), ==, i);
      /* find_rows at the arrow's y includes the row */
      g_assert_true (tv_ladder_layout_find_rows (layout, row.y1, row.y1, &first, &last));
      g_assert_cmpuint (first, <=, i);
      g_assert_cmpuint (last, >=, i);
      g_assert_cmpuint (last - first, <=, 2);
    }

  /* nothing left of the client, above the rows, below the rows */
  g_assert_cmpint (tv_ladder_layout_row_at (layout, 2, tv_ladder_layout_get_row_y (layout, 0)), ==, -1);
  g_assert_cmpint (tv_ladder_layout_row_at (layout, tv_ladder_layout_get_client_x (layout) + 50, 5), ==, -1);
  g_assert_false (tv_ladder_layout_find_rows (layout, 0, 10, &first, &last));
  g_assert_false (tv_ladder_layout_find_rows (layout, tv_ladder_layout_get_height (layout) + 10,
                                              tv_ladder_layout_get_height (layout) + 100,
                                              &first, &last));
  /* the whole diagram */
  g_assert_true (tv_ladder_layout_find_rows (layout, 0, tv_ladder_layout_get_height (layout),
                                             &first, &last));
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (last, ==, n - 1);

  tv_ladder_layout_free (layout);
  tv_tracker_free (tracker);
}

static void
test_update (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvTestFeed feed = { tracker, 0, 0 };
  TvConn *conn;
  TvLadderLayout *layout;
  double h;

  conn = tv_test_send (&feed, C2S, 0, TV_TCP_SYN, 10, 0, 0, NULL);
  layout = tv_ladder_layout_new (tracker, conn, NULL);
  g_assert_cmpuint (tv_ladder_layout_get_n_rows (layout), ==, 1);
  g_assert_false (tv_ladder_layout_update (layout));
  h = tv_ladder_layout_get_height (layout);

  tv_test_send (&feed, S2C, 100, TV_TCP_SYN | TV_TCP_ACK, 500, 11, 0, NULL);
  tv_test_send (&feed, C2S, 200, TV_TCP_ACK, 11, 501, 0, NULL);
  g_assert_true (tv_ladder_layout_update (layout));
  g_assert_cmpuint (tv_ladder_layout_get_n_rows (layout), ==, 3);
  g_assert_cmpfloat (tv_ladder_layout_get_height (layout), >, h);
  g_assert_cmpuint (tv_ladder_layout_get_n_phases (layout), ==, 1);
  check_no_overlap (layout);

  tv_ladder_layout_free (layout);
  tv_tracker_free (tracker);
}

static void
test_million (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_bulk (tracker, 500000);
  TvLadderLayout *layout;
  guint n, first, last, log2n;
  TvLadderOptions options;
  gint64 start;

  tv_tracker_finish (tracker);
  g_assert_cmpuint (conn->n_segs, >=, 1000000);

  tv_ladder_options_init (&options);
  for (int spacing = TV_LADDER_SPACING_EVEN; spacing <= TV_LADDER_SPACING_TIME; spacing++)
    {
      options.spacing = spacing;
      start = g_get_monotonic_time ();
      layout = tv_ladder_layout_new (tracker, conn, &options);
      g_test_message ("layout of %u rows (%s) built in %.1f ms", conn->n_segs,
                      spacing == TV_LADDER_SPACING_EVEN ? "even" : "time",
                      (g_get_monotonic_time () - start) / 1000.0);
      n = tv_ladder_layout_get_n_rows (layout);
      log2n = (guint) ceil (log2 (n));

      for (guint k = 0; k < 1000; k++)
        {
          guint target = (guint) (((guint64) k * 7919 * 104729) % n);
          double y = tv_ladder_layout_get_row_y (layout, target);
          TvLadderRow row;

          g_assert_true (tv_ladder_layout_find_rows (layout, y - 400, y + 400, &first, &last));
          /* two binary searches: O(log n) */
          g_assert_cmpuint (tv_ladder_layout_get_last_probes (layout), <=, 2 * (log2n + 1));
          g_assert_cmpuint (first, <=, target);
          g_assert_cmpuint (last, >=, target);
          g_assert_cmpuint (last - first, <, 60);

          tv_ladder_layout_get_row (layout, target, &row);
          g_assert_cmpint (tv_ladder_layout_row_at (layout, (row.x1 + row.x2) / 2,
                                                    (row.y1 + row.y2) / 2), ==, target);
          g_assert_cmpuint (tv_ladder_layout_get_last_probes (layout), <=, 2 * (log2n + 1));
        }

      /* rows in order, never overlapping, on a sample */
      for (guint i = 1; i < n; i += 997)
        {
          TvLadderRow a, b;

          tv_ladder_layout_get_row (layout, i - 1, &a);
          tv_ladder_layout_get_row (layout, i, &b);
          g_assert_cmpfloat (b.top, >=, a.bottom + 4);
        }
      tv_ladder_layout_free (layout);
    }

  tv_tracker_free (tracker);
}

/* Phases on real captures: the textbook one, and a simultaneous open whose
 * completing ACK carries data. */
static void
test_capture_phases (void)
{
  TvTracker *tracker = tv_test_load_capture ("textbook-handshake.pcap");
  TvLadderLayout *layout;
  TvLadderPhase p;
  TvLadderRow row;
  guint n;

  if (tracker == NULL)
    {
      g_test_skip ("no captures");
      return;
    }

  layout = tv_ladder_layout_new (tracker, tv_tracker_get_conn (tracker, 0), NULL);
  g_assert_cmpuint (tv_ladder_layout_get_n_phases (layout), ==, 3);
  tv_ladder_layout_get_phase (layout, 0, &p);
  g_assert_cmpint (p.kind, ==, TV_LADDER_PHASE_HANDSHAKE);
  g_assert_cmpuint (p.last_row, ==, 2);
  g_assert_cmpint (p.rtt_ns, >, 0);
  tv_ladder_layout_get_phase (layout, 2, &p);
  g_assert_cmpint (p.kind, ==, TV_LADDER_PHASE_CLOSE);
  tv_ladder_layout_free (layout);
  tv_tracker_free (tracker);

  tracker = tv_test_load_capture ("tcp-simultaneous-open.pcap");
  if (tracker == NULL)
    return;
  layout = tv_ladder_layout_new (tracker, tv_tracker_get_conn (tracker, 0), NULL);
  g_assert_cmpint (tv_ladder_layout_get_initial_state (layout, TV_DIR_SERVER_TO_CLIENT), ==,
                   TV_TCP_STATE_CLOSED);
  tv_ladder_layout_get_phase (layout, 0, &p);
  g_assert_cmpint (p.kind, ==, TV_LADDER_PHASE_HANDSHAKE);
  n = tv_ladder_layout_get_n_phases (layout);
  g_assert_cmpuint (n, >=, 2);
  /* every row of the handshake is a handshake arrow without payload */
  for (guint i = p.first_row; i <= p.last_row; i++)
    {
      tv_ladder_layout_get_row (layout, i, &row);
      g_assert_cmpint (row.kind, ==, TV_LADDER_KIND_HANDSHAKE);
      g_assert_cmpuint (row.seg->len, ==, 0);
    }
  tv_ladder_layout_get_phase (layout, 1, &p);
  g_assert_cmpint (p.kind, ==, TV_LADDER_PHASE_DATA);
  tv_ladder_layout_get_row (layout, p.first_row, &row);
  g_assert_cmpint (row.kind, ==, TV_LADDER_KIND_DATA);
  tv_ladder_layout_free (layout);
  tv_tracker_free (tracker);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/layout/textbook-relative", test_textbook_relative);
  g_test_add_func ("/render/layout/textbook-absolute", test_textbook_absolute);
  g_test_add_func ("/render/layout/arrows", test_arrows);
  g_test_add_func ("/render/layout/no-overlap", test_no_overlap);
  g_test_add_func ("/render/layout/even-spacing", test_even_spacing);
  g_test_add_func ("/render/layout/time-spacing", test_time_spacing);
  g_test_add_func ("/render/layout/states", test_states);
  g_test_add_func ("/render/layout/phases", test_phases);
  g_test_add_func ("/render/layout/reset-phase", test_reset_phase);
  g_test_add_func ("/render/layout/phase-names", test_phase_names);
  g_test_add_func ("/render/layout/tags", test_tags);
  g_test_add_func ("/render/layout/row-lookup", test_row_lookup);
  g_test_add_func ("/render/layout/update", test_update);
  g_test_add_func ("/render/layout/capture-phases", test_capture_phases);
  g_test_add_func ("/render/layout/million", test_million);

  return g_test_run ();
}
