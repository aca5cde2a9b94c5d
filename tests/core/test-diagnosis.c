/* test-diagnosis.c: verdicts, where the time went and the stalls, on the
 * project's captures and on connections made up segment by segment. */
#define G_LOG_DOMAIN "test-diagnosis"

#include "config.h"

#include <string.h>

#include "tv-diagnosis.h"
#include "tv-load.h"
#include "tv-test-util.h"

#define MS G_GINT64_CONSTANT (1000000)

static TvTracker *
load (const char *name)
{
  g_autofree char *path = tv_test_capture_path (name);
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  tracker = tv_tracker_new ();
  g_assert_true (tv_load_file (path, tracker, NULL, &stats, &error));
  g_assert_no_error (error);
  tv_load_stats_clear (&stats);
  tv_tracker_finish (tracker);
  return tracker;
}

/* ---- made-up connections ---------------------------------------------- */

typedef struct {
  TvTracker *tracker;
  guint32    frame;
} Feed;

static TvConn *
feed_segment (Feed    *feed,
      gboolean to_server,
      gint64   t_ms,
      guint16  flags,
      guint32  seq,
      guint32  ack,
      guint32  len,
      guint32  window)
{
  TvFrame f;

  memset (&f, 0, sizeof f);
  f.src.family = f.dst.family = 4;
  f.src.bytes[0] = f.dst.bytes[0] = 192;
  f.src.bytes[3] = to_server ? 1 : 2;
  f.dst.bytes[3] = to_server ? 2 : 1;
  f.sport = to_server ? 40000 : 80;
  f.dport = to_server ? 80 : 40000;
  f.frame = ++feed->frame;
  f.time_ns = G_GINT64_CONSTANT (1700000000000000000) + t_ms * MS;
  f.seq = seq;
  f.ack = ack;
  f.flags = flags;
  f.window = window;
  f.header_len = 20;
  f.len = len;
  f.ttl = 64;
  return tv_tracker_add (feed->tracker, &f, 0, NULL, NULL);
}

#define C TRUE
#define S FALSE
#define A TV_TCP_ACK

/* SYN at 0, SYN-ACK at 10 ms, ACK at 20 ms: client seq 1000, server 5000 */
static TvConn *
handshake (Feed *feed)
{
  TvConn *conn = feed_segment (feed, C, 0, TV_TCP_SYN, 1000, 0, 0, 64000);

  feed_segment (feed, S, 10, TV_TCP_SYN | A, 5000, 1001, 0, 64000);
  feed_segment (feed, C, 20, A, 1001, 5001, 0, 64000);
  return conn;
}

static void
test_verdicts_made_up (void)
{
  struct {
    const char *name;
    TvVerdict   verdict;
  } cases[] = {
    { "reset by the server", TV_VERDICT_RESET_BY_SERVER },
    { "server first, then both", TV_VERDICT_RESET_BY_SERVER },
    { "no answer", TV_VERDICT_NO_ANSWER },
    { "open", TV_VERDICT_OPEN },
    { "half closed", TV_VERDICT_OPEN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TvTracker *tracker = tv_tracker_new ();
      Feed feed = { tracker, 0 };
      TvConn *conn;

      switch (i)
        {
        case 0:
          conn = handshake (&feed);
          feed_segment (&feed, C, 30, TV_TCP_PSH | A, 1001, 5001, 100, 64000);
          feed_segment (&feed, S, 40, TV_TCP_RST, 5001, 0, 0, 0);
          break;
        case 1:
          conn = handshake (&feed);
          feed_segment (&feed, S, 40, TV_TCP_RST | A, 5001, 1001, 0, 0);
          feed_segment (&feed, C, 50, TV_TCP_RST, 1001, 0, 0, 0);
          break;
        case 2:
          conn = feed_segment (&feed, C, 0, TV_TCP_SYN, 1000, 0, 0, 64000);
          feed_segment (&feed, C, 1000, TV_TCP_SYN, 1000, 0, 0, 64000);
          break;
        case 3:
          conn = handshake (&feed);
          feed_segment (&feed, C, 30, TV_TCP_PSH | A, 1001, 5001, 100, 64000);
          break;
        default:
          conn = handshake (&feed);
          feed_segment (&feed, C, 30, TV_TCP_FIN | A, 1001, 5001, 0, 64000);
          feed_segment (&feed, S, 40, A, 5001, 1002, 0, 64000);
          break;
        }
      tv_tracker_finish (tracker);
      if (tv_conn_verdict (conn) != cases[i].verdict)
        g_error ("%s: verdict %s, expected %s", cases[i].name, tv_verdict_name (tv_conn_verdict (conn)),
                 tv_verdict_name (cases[i].verdict));
      g_assert_true (tv_verdict_is_problem (cases[i].verdict) == (cases[i].verdict != TV_VERDICT_OPEN));

      if (i == 2)
        {
          g_autoptr(TvDiagnosis) d = tv_diagnosis_new (conn);
          const TvStall *s;

          /* the SYN sent again after 1 s */
          g_assert_cmpuint (d->stalls->len, ==, 1);
          s = &g_array_index (d->stalls, TvStall, 0);
          g_assert_cmpint (s->kind, ==, TV_STALL_RETRANSMISSION_TIMEOUT);
          g_assert_cmpint (s->end_ns - s->start_ns, ==, 1000 * MS);
          g_assert_cmpuint (s->frame, ==, 2);
          g_assert_cmpuint (s->start_frame, ==, 1);
          g_assert_cmpint (d->handshake_ns, ==, -1);
        }
      tv_tracker_free (tracker);
    }
}

/* A GET answered after 3 s, a response of three segments, the second lost
 * and sent again 300 ms later, the client's window closed for 500 ms, and
 * a close: every part and stall with its numbers. */
static void
test_parts_made_up (void)
{
  TvTracker *tracker = tv_tracker_new ();
  Feed feed = { tracker, 0 };
  g_autoptr(TvDiagnosis) d = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *all = NULL;
  const TvStall *s;
  TvConn *conn;

  conn = handshake (&feed);                                           /* 1-3 */
  feed_segment (&feed, C, 30, TV_TCP_PSH | A, 1001, 5001, 100, 64000);        /* 4: GET */
  feed_segment (&feed, S, 40, A, 5001, 1101, 0, 64000);                       /* 5 */
  feed_segment (&feed, S, 3030, A, 5001, 1101, 1000, 64000);                  /* 6: answer after 3 s */
  feed_segment (&feed, S, 3031, A, 6001, 1101, 1000, 64000);                  /* 7: lost */
  feed_segment (&feed, S, 3032, A, 7001, 1101, 1000, 64000);                  /* 8 */
  feed_segment (&feed, C, 3040, A, 1101, 6001, 0, 64000);                     /* 9 */
  feed_segment (&feed, S, 3331, A, 6001, 1101, 1000, 64000);                  /* 10: sent again */
  feed_segment (&feed, C, 3340, A, 1101, 8001, 0, 0);                         /* 11: zero window */
  feed_segment (&feed, C, 3840, A, 1101, 8001, 0, 64000);                     /* 12: open again */
  feed_segment (&feed, S, 3850, TV_TCP_PSH | A, 8001, 1101, 500, 64000);      /* 13 */
  feed_segment (&feed, C, 3860, TV_TCP_FIN | A, 1101, 8501, 0, 64000);        /* 14 */
  feed_segment (&feed, S, 3870, TV_TCP_FIN | A, 8501, 1102, 0, 64000);        /* 15 */
  feed_segment (&feed, C, 3880, A, 1102, 8502, 0, 64000);                     /* 16 */
  tv_tracker_finish (tracker);

  d = tv_diagnosis_new (conn);
  g_assert_cmpint (d->verdict, ==, TV_VERDICT_COMPLETED);
  g_assert_cmpint (d->duration_ns, ==, 3880 * MS);
  g_assert_cmpint (d->handshake_ns, ==, 20 * MS);
  g_assert_cmpuint (d->handshake_first_frame, ==, 1);
  g_assert_cmpuint (d->handshake_last_frame, ==, 3);
  g_assert_cmpint (d->wait_ns, ==, 3000 * MS);
  g_assert_cmpuint (d->request_frame, ==, 4);
  g_assert_cmpuint (d->response_frame, ==, 6);
  g_assert_cmpint (d->transfer_ns, ==, 820 * MS);
  g_assert_cmpuint (d->transfer_first_frame, ==, 6);
  g_assert_cmpuint (d->transfer_last_frame, ==, 13);
  g_assert_cmpint (d->close_ns, ==, 30 * MS);
  g_assert_cmpuint (d->bytes[TV_DIR_SERVER_TO_CLIENT], ==, 4500);
  g_assert_cmpuint (d->retransmissions[TV_DIR_SERVER_TO_CLIENT], ==, 1);

  /* the timeout and the zero window; not the silence before the answer,
   * which is the wait */
  g_assert_cmpuint (d->stalls->len, ==, 2);
  s = &g_array_index (d->stalls, TvStall, 0);
  g_assert_cmpint (s->kind, ==, TV_STALL_RETRANSMISSION_TIMEOUT);
  g_assert_cmpint (s->who, ==, TV_DIR_SERVER_TO_CLIENT);
  g_assert_cmpint (s->end_ns - s->start_ns, ==, 300 * MS);
  g_assert_cmpuint (s->start_frame, ==, 7);
  g_assert_cmpuint (s->frame, ==, 10);
  s = &g_array_index (d->stalls, TvStall, 1);
  g_assert_cmpint (s->kind, ==, TV_STALL_ZERO_WINDOW);
  g_assert_cmpint (s->who, ==, TV_DIR_SERVER_TO_CLIENT);   /* the server was held back */
  g_assert_cmpint (s->end_ns - s->start_ns, ==, 500 * MS);
  g_assert_cmpuint (s->start_frame, ==, 11);
  g_assert_cmpuint (s->frame, ==, 12);
  g_assert_cmpint (d->stalled_ns, ==, (300 + 500) * MS);

  g_setenv ("LANGUAGE", "C", TRUE);
  lines = tv_diagnosis_describe (d, conn);
  all = g_strjoinv ("\n", lines);
  g_assert_true (g_str_has_prefix (all, "Connection 0, 192.0.0.1:40000 → 192.0.0.2:80: Completed, 3.88 s, 16 segments."));
  g_assert_nonnull (strstr (all, "Handshake: 20.0 ms, from the SYN in frame 1 to the ACK that completes it in frame 3."));
  g_assert_nonnull (strstr (all, "Waiting for the server: 3.00 s from the end of the request (frame 4) to the first byte of the answer (frame 6)."));
  g_assert_nonnull (strstr (all, "\n• Retransmission timeout: the server waited 300 ms for an acknowledgement of frame 7 and sent the same data again in frame 10."));
  g_assert_nonnull (strstr (all, "\n• Zero window: the receive window of the client was full from frame 11 for 500 ms, holding the server back until frame 12 reopened it."));
  g_assert_nonnull (strstr (all, "2 stalls, 800 ms in all (20% of the connection):"));
  g_assert_nonnull (strstr (all, "Most of the time went to waiting for the server: 3.00 s of 3.88 s (77%)."));
  tv_tracker_free (tracker);
}

/* A connection kept open 2 s after its answer: an idle gap, then the
 * client closes. */
static void
test_idle_made_up (void)
{
  TvTracker *tracker = tv_tracker_new ();
  Feed feed = { tracker, 0 };
  g_autoptr(TvDiagnosis) d = NULL;
  g_autofree char *text = NULL;
  const TvStall *s;
  TvConn *conn;

  conn = handshake (&feed);
  feed_segment (&feed, C, 30, TV_TCP_PSH | A, 1001, 5001, 100, 64000);
  feed_segment (&feed, S, 40, TV_TCP_PSH | A, 5001, 1101, 300, 64000);
  feed_segment (&feed, C, 50, A, 1101, 5301, 0, 64000);
  feed_segment (&feed, C, 2050, TV_TCP_FIN | A, 1101, 5301, 0, 64000);
  feed_segment (&feed, S, 2060, TV_TCP_FIN | A, 5301, 1102, 0, 64000);
  feed_segment (&feed, C, 2070, A, 1102, 5302, 0, 64000);
  tv_tracker_finish (tracker);

  d = tv_diagnosis_new (conn);
  g_assert_cmpint (d->wait_ns, ==, 10 * MS);
  g_assert_cmpuint (d->stalls->len, ==, 1);
  s = &g_array_index (d->stalls, TvStall, 0);
  g_assert_cmpint (s->kind, ==, TV_STALL_IDLE);
  g_assert_cmpint (s->who, ==, TV_DIR_CLIENT_TO_SERVER);
  g_assert_cmpint (s->end_ns - s->start_ns, ==, 2000 * MS);
  g_assert_cmpuint (s->start_frame, ==, 6);
  g_assert_cmpuint (s->frame, ==, 7);
  g_setenv ("LANGUAGE", "C", TRUE);
  text = tv_stall_describe (s);
  g_assert_cmpstr (text, ==, "Idle: nothing was sent either way for 2.00 s, from frame 6 to frame 7; then the client spoke.");
  tv_tracker_free (tracker);
}

/* ---- captures ----------------------------------------------------------- */

static void
test_captures (void)
{
  struct {
    const char *capture;
    guint       id;
    TvVerdict   verdict;
  } cases[] = {
    { "textbook-handshake.pcap", 0, TV_VERDICT_COMPLETED },
    { "tcp-refused.pcap", 0, TV_VERDICT_REFUSED },
    { "loopback-refused.pcap", 0, TV_VERDICT_REFUSED },
    { "tcp-port-reuse-rst.pcap", 0, TV_VERDICT_RESET_BY_CLIENT },
    { "tcp-port-reuse-rst.pcap", 1, TV_VERDICT_COMPLETED },
    { "tcp-midstream.pcap", 0, TV_VERDICT_NO_HANDSHAKE },
    { "real-refused.pcap", 0, TV_VERDICT_REFUSED },
    { "real-refused.pcap", 1, TV_VERDICT_REFUSED },
    { "real-abort-rst.pcap", 0, TV_VERDICT_RESET_BY_SERVER },
    { "real-rto.pcap", 0, TV_VERDICT_COMPLETED },
  };
  guint checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TvTracker *tracker = load (cases[i].capture);
      TvConn *conn;

      if (tracker == NULL)
        continue;
      conn = tv_tracker_get_conn (tracker, cases[i].id);
      g_assert_nonnull (conn);
      if (tv_conn_verdict (conn) != cases[i].verdict)
        g_error ("%s, connection %u: verdict %s, expected %s", cases[i].capture, cases[i].id,
                 tv_verdict_name (tv_conn_verdict (conn)), tv_verdict_name (cases[i].verdict));
      checked++;
      tv_tracker_free (tracker);
    }
  g_assert_cmpuint (checked, >=, 6);
}

/* tcp-retransmission.pcap: the client's GET sent again after 204 ms
 * (frame 4 → 5) and 408 ms (frame 5 → 6); tshark reports frames 5 and 6
 * as retransmissions of frame 4. */
static void
test_retransmission_timeout (void)
{
  TvTracker *tracker = load ("tcp-retransmission.pcap");
  g_autoptr(TvDiagnosis) d = NULL;
  const TvStall *s;

  if (tracker == NULL)
    {
      g_test_skip ("tcp-retransmission.pcap is missing");
      return;
    }
  d = tv_diagnosis_new (tv_tracker_get_conn (tracker, 0));
  g_assert_cmpuint (d->stalls->len, ==, 2);
  s = &g_array_index (d->stalls, TvStall, 0);
  g_assert_cmpint (s->kind, ==, TV_STALL_RETRANSMISSION_TIMEOUT);
  g_assert_cmpint (s->who, ==, TV_DIR_CLIENT_TO_SERVER);
  g_assert_cmpint (s->end_ns - s->start_ns, ==, 204 * MS);
  g_assert_cmpuint (s->start_frame, ==, 4);
  g_assert_cmpuint (s->frame, ==, 5);
  s = &g_array_index (d->stalls, TvStall, 1);
  g_assert_cmpint (s->end_ns - s->start_ns, ==, 408 * MS);
  g_assert_cmpuint (s->start_frame, ==, 5);
  g_assert_cmpuint (s->frame, ==, 6);
  g_assert_cmpuint (d->retransmissions[TV_DIR_CLIENT_TO_SERVER], ==, 2);
  tv_tracker_free (tracker);

  /* real-rto.pcap: the kernel's timer sends the lost last segment of the
   * answer (frame 8) again 224 ms later, in frame 11 (tshark: frame 11 is
   * the one retransmission) */
  tracker = load ("real-rto.pcap");
  if (tracker != NULL)
    {
      g_autoptr(TvDiagnosis) r = tv_diagnosis_new (tv_tracker_get_conn (tracker, 0));

      g_assert_cmpuint (r->stalls->len, ==, 1);
      s = &g_array_index (r->stalls, TvStall, 0);
      g_assert_cmpint (s->kind, ==, TV_STALL_RETRANSMISSION_TIMEOUT);
      g_assert_cmpint (s->who, ==, TV_DIR_SERVER_TO_CLIENT);
      g_assert_cmpuint (s->start_frame, ==, 8);
      g_assert_cmpuint (s->frame, ==, 11);
      g_assert_cmpint ((s->end_ns - s->start_ns + MS / 2) / MS, ==, 224);
      tv_tracker_free (tracker);
    }

  /* the zero window of tcp-zero-window.pcap: the client's, frames 9 to 14 */
  tracker = load ("tcp-zero-window.pcap");
  if (tracker != NULL)
    {
      g_autoptr(TvDiagnosis) z = tv_diagnosis_new (tv_tracker_get_conn (tracker, 0));

      g_assert_cmpuint (z->stalls->len, ==, 1);
      s = &g_array_index (z->stalls, TvStall, 0);
      g_assert_cmpint (s->kind, ==, TV_STALL_ZERO_WINDOW);
      g_assert_cmpint (s->who, ==, TV_DIR_SERVER_TO_CLIENT);
      g_assert_cmpuint (s->start_frame, ==, 9);
      g_assert_cmpuint (s->frame, ==, 14);
      tv_tracker_free (tracker);
    }
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/diagnosis/verdicts", test_verdicts_made_up);
  g_test_add_func ("/core/diagnosis/parts", test_parts_made_up);
  g_test_add_func ("/core/diagnosis/idle", test_idle_made_up);
  g_test_add_func ("/core/diagnosis/captures", test_captures);
  g_test_add_func ("/core/diagnosis/retransmission-timeout", test_retransmission_timeout);

  return g_test_run ();
}
