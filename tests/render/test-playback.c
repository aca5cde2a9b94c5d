/* test-playback.c: the playback clock, on the textbook example (segments
 * 0.35 ms apart or so: every gap is stretched to the 400 ms travel, so row i
 * leaves at i × 400 ms) and on a capture with long idle gaps. */

#define G_LOG_DOMAIN "test-playback"

#include "config.h"

#include "tv-load.h"
#include "tv-playback.h"
#include "tv-test-conn.h"

#define MS 1000   /* µs */

typedef struct {
  TvTracker  *tracker;
  TvConn     *conn;
  TvPlayback *pb;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->tracker = tv_tracker_new ();
  f->conn = tv_test_textbook (f->tracker);
  f->pb = tv_playback_new (f->conn);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tv_playback_free (f->pb);
  tv_tracker_free (f->tracker);
}

static void
assert_states (TvPlayback *pb,
               TvTcpState  client,
               TvTcpState  server)
{
  g_assert_cmpstr (tv_tcp_state_name (tv_playback_get_state (pb, TV_DIR_CLIENT_TO_SERVER)), ==,
                   tv_tcp_state_name (client));
  g_assert_cmpstr (tv_tcp_state_name (tv_playback_get_state (pb, TV_DIR_SERVER_TO_CLIENT)), ==,
                   tv_tcp_state_name (server));
}

static void
test_start (Fixture       *f,
            gconstpointer  data)
{
  TvLadderPaintParams params;

  g_assert_cmpuint (tv_playback_get_n_rows (f->pb), ==, 11);
  g_assert_false (tv_playback_is_playing (f->pb));
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, -1);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 0);
  g_assert_false (tv_playback_is_finished (f->pb));
  /* before the SYN: the client is CLOSED, the server LISTENs */
  assert_states (f->pb, TV_TCP_STATE_CLOSED, TV_TCP_STATE_LISTEN);
  /* paused: the clock does not move */
  g_assert_false (tv_playback_advance (f->pb, 10000 * MS));
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, -1);

  tv_ladder_paint_params_init (&params);
  tv_playback_apply (f->pb, &params);
  g_assert_cmpint (params.visible_rows, ==, 0);
  g_assert_cmpint (params.progress_row, ==, -1);

  /* 11 rows: the last leaves at 4 s and lands at 4.4 s */
  g_assert_cmpint (tv_playback_get_duration (f->pb), ==, 4400 * MS);
}

static void
test_advance (Fixture       *f,
              gconstpointer  data)
{
  TvLadderPaintParams params;

  tv_ladder_paint_params_init (&params);
  tv_playback_play (f->pb);
  g_assert_true (tv_playback_is_playing (f->pb));

  /* 200 ms: the SYN is half way; the client is SYN_SENT as soon as it
   * sends, the server still LISTENs */
  g_assert_true (tv_playback_advance (f->pb, 200 * MS));
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 0);
  g_assert_true (tv_playback_is_in_flight (f->pb));
  g_assert_cmpfloat_with_epsilon (tv_playback_get_progress (f->pb), 0.5, 1e-9);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 0);
  assert_states (f->pb, TV_TCP_STATE_SYN_SENT, TV_TCP_STATE_LISTEN);
  tv_playback_apply (f->pb, &params);
  g_assert_cmpint (params.visible_rows, ==, 1);
  g_assert_cmpint (params.progress_row, ==, 0);
  g_assert_cmpfloat_with_epsilon (params.progress, 0.5, 1e-9);
  {
    int visible = -2, prow = -2;
    double p = -1;

    tv_playback_get_paint_state (f->pb, &visible, &prow, &p);
    g_assert_cmpint (visible, ==, 1);
    g_assert_cmpint (prow, ==, 0);
    g_assert_cmpfloat_with_epsilon (p, 0.5, 1e-9);
  }

  /* 400 ms: the SYN has arrived, the SYN-ACK has not left */
  tv_playback_advance (f->pb, 200 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 0);
  g_assert_false (tv_playback_is_in_flight (f->pb));
  g_assert_cmpfloat (tv_playback_get_progress (f->pb), ==, 1.0);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 1);
  assert_states (f->pb, TV_TCP_STATE_SYN_SENT, TV_TCP_STATE_SYN_RECEIVED);
  tv_playback_apply (f->pb, &params);
  g_assert_cmpint (params.visible_rows, ==, 1);
  g_assert_cmpint (params.progress_row, ==, -1);

  /* 1.4 s: SYN, SYN-ACK, ACK shown; the GET (row 3, left at 1.2 s) half way */
  tv_playback_advance (f->pb, 1000 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 3);
  g_assert_cmpfloat_with_epsilon (tv_playback_get_progress (f->pb), 0.5, 1e-9);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 3);
  assert_states (f->pb, TV_TCP_STATE_ESTABLISHED, TV_TCP_STATE_ESTABLISHED);
  g_assert_cmpint (tv_playback_get_position (f->pb), ==, 1400 * MS);

  /* 3.3 s: the client's FIN (row 7, left at 2.8 s) has arrived, the ACK of
   * the FIN (row 8) is in flight since 3.2 s: the server has sent it
   * (still CLOSE_WAIT), the client is still FIN_WAIT_1 */
  tv_playback_advance (f->pb, 1900 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 8);
  g_assert_cmpfloat_with_epsilon (tv_playback_get_progress (f->pb), 0.25, 1e-9);
  assert_states (f->pb, TV_TCP_STATE_FIN_WAIT_1, TV_TCP_STATE_CLOSE_WAIT);
  /* 3.6 s: it has arrived: FIN_WAIT_2 */
  tv_playback_advance (f->pb, 300 * MS);
  assert_states (f->pb, TV_TCP_STATE_FIN_WAIT_2, TV_TCP_STATE_CLOSE_WAIT);
  /* 4.0 s: the server's FIN has arrived: TIME_WAIT and LAST_ACK */
  tv_playback_advance (f->pb, 400 * MS);
  assert_states (f->pb, TV_TCP_STATE_TIME_WAIT, TV_TCP_STATE_LAST_ACK);
}

static void
test_end_stops (Fixture       *f,
                gconstpointer  data)
{
  TvLadderPaintParams params;

  tv_ladder_paint_params_init (&params);
  tv_playback_play (f->pb);
  g_assert_true (tv_playback_advance (f->pb, 4399 * MS));
  g_assert_false (tv_playback_is_finished (f->pb));
  /* the last millisecond: the clock stops at the end, not beyond */
  g_assert_false (tv_playback_advance (f->pb, 60000 * MS));
  g_assert_false (tv_playback_is_playing (f->pb));
  g_assert_true (tv_playback_is_finished (f->pb));
  g_assert_cmpint (tv_playback_get_position (f->pb), ==, 4400 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 10);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 11);
  assert_states (f->pb, TV_TCP_STATE_TIME_WAIT, TV_TCP_STATE_CLOSED);
  tv_playback_apply (f->pb, &params);
  g_assert_cmpint (params.visible_rows, ==, 11);
  g_assert_cmpint (params.progress_row, ==, -1);

  /* still stopped */
  g_assert_false (tv_playback_advance (f->pb, 1000 * MS));
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 11);

  /* play at the end starts again */
  tv_playback_play (f->pb);
  g_assert_true (tv_playback_is_playing (f->pb));
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 0);
  g_assert_true (tv_playback_advance (f->pb, 100 * MS));
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 0);

  /* restart from the middle */
  tv_playback_advance (f->pb, 2000 * MS);
  tv_playback_restart (f->pb);
  /* at the start, paused: nothing moves until play */
  g_assert_false (tv_playback_is_playing (f->pb));
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, -1);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 0);
  g_assert_false (tv_playback_advance (f->pb, 1000 * MS));
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, -1);
  tv_playback_play (f->pb);
  g_assert_true (tv_playback_advance (f->pb, 100 * MS));
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 0);
}

/* The reading rule on its own. */
static void
test_reading_time (void)
{
  /* nothing to read: the least */
  g_assert_cmpint (tv_playback_reading_time (""), ==, TV_PLAYBACK_READ_MIN_US);
  g_assert_cmpint (tv_playback_reading_time (NULL), ==, TV_PLAYBACK_READ_MIN_US);
  /* 10 words: 1.5 s + 10 × 0.25 s; FIN_WAIT_2, 0.653 and seq=1 count as one or two */
  g_assert_cmpint (tv_playback_reading_time ("one two three four five six seven eight nine ten"), ==,
                   4000 * MS);
  g_assert_cmpint (tv_playback_reading_time ("FIN_WAIT_2 took 0.653 ms, seq = 1 and ack = 83 now."), ==,
                   (1500 + 10 * 250) * MS);
  /* 20 CJK characters: 10 words */
  g_assert_cmpint (tv_playback_reading_time ("客户端发送一个段，服务器收到后确认它的序号。"), ==,
                   (1500 + 10 * 250) * MS);
  /* a very long text: the most */
  {
    g_autoptr(GString) s = g_string_new (NULL);

    for (int i = 0; i < 500; i++)
      g_string_append (s, "word ");
    g_assert_cmpint (tv_playback_reading_time (s->str), ==, TV_PLAYBACK_READ_MAX_US);
  }
}

/* Paced by the explanations: each row stays at least its reading time,
 * the SYN's long explanation the longest allowed, and a pure ACK less. */
static void
test_reading_pace (Fixture       *f,
                   gconstpointer  data)
{
  gint64 total = 0;

  g_assert_cmpint (tv_playback_get_reading_time (f->pb, 0), ==, 0);
  tv_playback_set_reading (f->pb, f->tracker);
  for (guint i = 0; i < 11; i++)
    {
      gint64 r = tv_playback_get_reading_time (f->pb, i);

      g_assert_cmpint (r, >=, TV_PLAYBACK_READ_MIN_US);
      g_assert_cmpint (r, <=, TV_PLAYBACK_READ_MAX_US);
      if (i < 10)
        total += r;
    }
  /* the SYN: ~100 words, the bound */
  g_assert_cmpint (tv_playback_get_reading_time (f->pb, 0), ==, TV_PLAYBACK_READ_MAX_US);
  /* the ACK of step 5 (~30 words) is shorter than the SYN's */
  g_assert_cmpint (tv_playback_get_reading_time (f->pb, 4), <, 12000 * MS);
  g_assert_cmpint (tv_playback_get_reading_time (f->pb, 4), >, 5000 * MS);
  /* the timeline: every gap is the reading time (the real gaps are < 1 ms) */
  g_assert_cmpint (tv_playback_get_duration (f->pb), ==, total + TV_PLAYBACK_DEFAULT_TRAVEL_US);

  /* after 19 s the SYN is still the current row */
  tv_playback_play (f->pb);
  tv_playback_advance (f->pb, 19000 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 0);
  tv_playback_advance (f->pb, 1001 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 1);

  /* at 2x, half as long */
  tv_playback_set_speed (f->pb, 2);
  g_assert_cmpint (tv_playback_get_duration (f->pb), ==, (total + TV_PLAYBACK_DEFAULT_TRAVEL_US) / 2);

  /* step mode keeps its fixed steps */
  tv_playback_set_mode (f->pb, TV_PLAYBACK_MODE_STEP);
  tv_playback_set_speed (f->pb, 1);
  g_assert_cmpint (tv_playback_get_duration (f->pb), ==, 10 * TV_PLAYBACK_DEFAULT_STEP_US + TV_PLAYBACK_DEFAULT_TRAVEL_US);

  /* off again: the capture's times */
  tv_playback_set_mode (f->pb, TV_PLAYBACK_MODE_TIME);
  tv_playback_set_reading (f->pb, NULL);
  g_assert_cmpint (tv_playback_get_duration (f->pb), ==, 4400 * MS);
}

static void
test_reduced_motion (Fixture       *f,
                     gconstpointer  data)
{
  TvLadderPaintParams params;

  tv_ladder_paint_params_init (&params);
  tv_playback_set_reduced_motion (f->pb, TRUE);
  tv_playback_play (f->pb);

  /* the SYN appears at once, whole: no arrow in flight */
  tv_playback_advance (f->pb, 1 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 0);
  g_assert_false (tv_playback_is_in_flight (f->pb));
  g_assert_cmpfloat (tv_playback_get_progress (f->pb), ==, 1.0);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 1);
  assert_states (f->pb, TV_TCP_STATE_SYN_SENT, TV_TCP_STATE_SYN_RECEIVED);
  tv_playback_apply (f->pb, &params);
  g_assert_cmpint (params.visible_rows, ==, 1);
  g_assert_cmpint (params.progress_row, ==, -1);

  /* the gaps stay: the SYN-ACK comes 400 ms later, whole */
  tv_playback_advance (f->pb, 398 * MS);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 1);
  tv_playback_advance (f->pb, 2 * MS);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 2);
  g_assert_false (tv_playback_is_in_flight (f->pb));
  assert_states (f->pb, TV_TCP_STATE_ESTABLISHED, TV_TCP_STATE_SYN_RECEIVED);

  /* and the end comes as soon as the last row is shown */
  g_assert_false (tv_playback_advance (f->pb, 3600 * MS));
  g_assert_true (tv_playback_is_finished (f->pb));
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 11);
}

static void
test_step (Fixture       *f,
           gconstpointer  data)
{
  /* forward from nothing: one row at a time, whole, paused */
  tv_playback_step_forward (f->pb);
  g_assert_false (tv_playback_is_playing (f->pb));
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 0);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 1);
  tv_playback_step_forward (f->pb);
  tv_playback_step_forward (f->pb);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 2);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 3);
  assert_states (f->pb, TV_TCP_STATE_ESTABLISHED, TV_TCP_STATE_ESTABLISHED);

  tv_playback_step_back (f->pb);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 1);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 2);
  assert_states (f->pb, TV_TCP_STATE_ESTABLISHED, TV_TCP_STATE_SYN_RECEIVED);

  /* with an arrow in flight, forward lands it and back takes it away */
  tv_playback_play (f->pb);
  tv_playback_advance (f->pb, 100 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 2);
  g_assert_true (tv_playback_is_in_flight (f->pb));
  tv_playback_step_forward (f->pb);
  g_assert_false (tv_playback_is_playing (f->pb));
  g_assert_false (tv_playback_is_in_flight (f->pb));
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 3);

  tv_playback_play (f->pb);
  tv_playback_advance (f->pb, 100 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 3);
  g_assert_true (tv_playback_is_in_flight (f->pb));
  tv_playback_step_back (f->pb);
  g_assert_false (tv_playback_is_in_flight (f->pb));
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 2);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 3);

  /* back to nothing, and no further */
  for (int i = 0; i < 5; i++)
    tv_playback_step_back (f->pb);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, -1);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 0);
  assert_states (f->pb, TV_TCP_STATE_CLOSED, TV_TCP_STATE_LISTEN);

  /* to the end, and no further */
  for (int i = 0; i < 20; i++)
    tv_playback_step_forward (f->pb);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 11);
  g_assert_true (tv_playback_is_finished (f->pb));

  /* seek, as a click on a row does */
  tv_playback_seek_row (f->pb, 5);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 5);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 6);
  tv_playback_seek_row (f->pb, 99);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 11);
  tv_playback_seek_row (f->pb, -1);
  g_assert_cmpuint (tv_playback_get_n_shown (f->pb), ==, 0);
}

static void
test_speed (Fixture       *f,
            gconstpointer  data)
{
  tv_playback_set_speed (f->pb, 2.0);
  g_assert_cmpfloat (tv_playback_get_speed (f->pb), ==, 2.0);
  g_assert_cmpint (tv_playback_get_duration (f->pb), ==, 2200 * MS);

  /* 700 ms at 2x is 1.4 s of playback: row 3 half way */
  tv_playback_play (f->pb);
  tv_playback_advance (f->pb, 700 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 3);
  g_assert_cmpfloat_with_epsilon (tv_playback_get_progress (f->pb), 0.5, 1e-9);
  g_assert_cmpint (tv_playback_get_position (f->pb), ==, 700 * MS);

  /* slower: same place, the clock runs at a quarter */
  tv_playback_set_speed (f->pb, 0.25);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 3);
  g_assert_cmpfloat_with_epsilon (tv_playback_get_progress (f->pb), 0.5, 1e-9);
  tv_playback_advance (f->pb, 400 * MS);      /* 100 ms of playback */
  g_assert_cmpfloat_with_epsilon (tv_playback_get_progress (f->pb), 0.75, 1e-9);

  /* clamped to 0.25 … 8 */
  tv_playback_set_speed (f->pb, 100);
  g_assert_cmpfloat (tv_playback_get_speed (f->pb), ==, TV_PLAYBACK_MAX_SPEED);
  tv_playback_set_speed (f->pb, 0);
  g_assert_cmpfloat (tv_playback_get_speed (f->pb), ==, TV_PLAYBACK_MIN_SPEED);
}

static void
test_step_mode (Fixture       *f,
                gconstpointer  data)
{
  tv_playback_set_mode (f->pb, TV_PLAYBACK_MODE_STEP);
  g_assert_cmpint (tv_playback_get_mode (f->pb), ==, TV_PLAYBACK_MODE_STEP);
  /* one row per second: the last leaves at 10 s, lands at 10.4 s */
  g_assert_cmpint (tv_playback_get_duration (f->pb), ==, 10400 * MS);

  tv_playback_play (f->pb);
  tv_playback_advance (f->pb, 3200 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 3);
  g_assert_cmpfloat_with_epsilon (tv_playback_get_progress (f->pb), 0.5, 1e-9);
  tv_playback_advance (f->pb, 500 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 3);
  g_assert_false (tv_playback_is_in_flight (f->pb));

  /* a shorter step: the travel shrinks to fit in it */
  tv_playback_set_step_duration (f->pb, 250 * MS);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 3);
  g_assert_cmpint (tv_playback_get_duration (f->pb), ==, 2750 * MS);

  /* back to time mode, still on the same row */
  tv_playback_set_mode (f->pb, TV_PLAYBACK_MODE_TIME);
  g_assert_cmpint (tv_playback_get_current_row (f->pb), ==, 3);
  g_assert_cmpint (tv_playback_get_duration (f->pb), ==, 4400 * MS);
}

/* With a short travel the real gaps show: those between 1 ms (the least
 * gap) and the maximum play in real time. */
static void
test_real_gaps (Fixture       *f,
                gconstpointer  data)
{
  tv_playback_set_travel_duration (f->pb, 100);
  /* gaps (µs): 351 51 128 350 1220 350 2550 350 250 350 → at least 1000 */
  g_assert_cmpint (tv_playback_get_duration (f->pb), ==,
                   1000 * 4 + 1220 + 1000 + 2550 + 1000 * 3 + 100);
  tv_playback_seek_row (f->pb, 5);
  g_assert_cmpint (tv_playback_get_position (f->pb), ==, 1000 * 4 + 1220 + 100);

  /* a maximum gap below a real one compresses it */
  tv_playback_set_max_gap (f->pb, 2000);
  g_assert_cmpint (tv_playback_get_duration (f->pb), ==,
                   1000 * 4 + 1220 + 1000 + 2000 + 1000 * 3 + 100);
}

/* A capture with 45 s of idle time between keep-alives: the gaps longer
 * than the maximum (2 s) are compressed to it. */
static void
test_idle_gaps (void)
{
  const char *dir = g_getenv ("TV_TEST_CAPTURES");
  g_autofree char *path = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker = tv_tracker_new ();
  TvPlayback *pb;
  TvConn *conn;
  guint n_long = 0;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "tcp-keepalive.pcap", NULL);
  g_assert_true (tv_load_file (path, tracker, NULL, &stats, NULL));
  tv_load_stats_clear (&stats);
  conn = tv_tracker_get_conn (tracker, 0);
  pb = tv_playback_new (conn);

  for (guint i = 1; i < conn->n_segs; i++)
    if (conn->segs[i].time_ns - conn->segs[i - 1].time_ns > G_GINT64_CONSTANT (2000000000))
      n_long++;
  g_assert_cmpuint (n_long, ==, 3);   /* 45 s, 45 s, 5 s */
  g_assert_cmpint (conn->last_ns - conn->first_ns, >, G_GINT64_CONSTANT (90000000000));

  /* 13 gaps: 3 compressed to 2 s, 10 stretched to 0.4 s; + 0.4 s travel */
  g_assert_cmpint (tv_playback_get_duration (pb), ==,
                   3 * TV_PLAYBACK_DEFAULT_MAX_GAP_US + 11 * TV_PLAYBACK_DEFAULT_TRAVEL_US);

  /* the first keep-alive (row 6) leaves 2 s after row 5, which lands after
   * 0.4 s of them */
  tv_playback_seek_row (pb, 5);
  tv_playback_play (pb);
  tv_playback_advance (pb, 1599 * MS);
  g_assert_cmpint (tv_playback_get_current_row (pb), ==, 5);
  tv_playback_advance (pb, 2 * MS);
  g_assert_cmpint (tv_playback_get_current_row (pb), ==, 6);
  g_assert_true (tv_playback_is_in_flight (pb));

  /* and the whole connection plays in 10.4 s, not 95 s */
  g_assert_false (tv_playback_advance (pb, 20000 * MS));
  g_assert_true (tv_playback_is_finished (pb));

  tv_playback_free (pb);
  tv_tracker_free (tracker);
}

/* Live capture: segments appended after the playback was made. */
static void
test_update (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvTestFeed feed = { tracker, 0, G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC * 1000 };
  const guint32 c = TV_TEST_CLIENT_ISN, s = TV_TEST_SERVER_ISN;
  TvConn *conn;
  TvPlayback *pb;

  conn = tv_test_send (&feed, C2S, 0, TV_TCP_SYN, c, 0, 0, NULL);
  pb = tv_playback_new (conn);
  g_assert_cmpuint (tv_playback_get_n_rows (pb), ==, 1);
  g_assert_false (tv_playback_update (pb));

  tv_playback_play (pb);
  g_assert_false (tv_playback_advance (pb, 1000 * MS));
  g_assert_true (tv_playback_is_finished (pb));

  tv_test_send (&feed, S2C, 351, TV_TCP_SYN | TV_TCP_ACK, s, c + 1, 0, NULL);
  tv_test_send (&feed, C2S, 402, TV_TCP_ACK, c + 1, s + 1, 0, NULL);
  g_assert_true (tv_playback_update (pb));
  g_assert_cmpuint (tv_playback_get_n_rows (pb), ==, 3);
  g_assert_false (tv_playback_is_finished (pb));
  g_assert_cmpuint (tv_playback_get_n_shown (pb), ==, 1);

  tv_playback_play (pb);
  g_assert_false (tv_playback_advance (pb, 10000 * MS));
  g_assert_cmpuint (tv_playback_get_n_shown (pb), ==, 3);
  g_assert_cmpint (tv_playback_get_state (pb, TV_DIR_SERVER_TO_CLIENT), ==, TV_TCP_STATE_ESTABLISHED);

  tv_playback_free (pb);
  tv_tracker_free (tracker);
}

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/render/playback/start", test_start);
  ADD ("/render/playback/advance", test_advance);
  ADD ("/render/playback/end-stops", test_end_stops);
  ADD ("/render/playback/reduced-motion", test_reduced_motion);
  ADD ("/render/playback/step", test_step);
  ADD ("/render/playback/speed", test_speed);
  ADD ("/render/playback/step-mode", test_step_mode);
  ADD ("/render/playback/real-gaps", test_real_gaps);
  g_test_add_func ("/render/playback/idle-gaps", test_idle_gaps);
  g_test_add_func ("/render/playback/reading-time", test_reading_time);
  ADD ("/render/playback/reading-pace", test_reading_pace);
  g_test_add_func ("/render/playback/update", test_update);

  return g_test_run ();
}
