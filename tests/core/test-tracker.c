/* test-tracker.c: connections, roles, relative numbers, states and
 * analysis marks from hand-made frames. */
#define G_LOG_DOMAIN "test-tracker"

#include "config.h"

#include <math.h>
#include <string.h>
#include <arpa/inet.h>

#include "tv-tracker.h"

#define C_ADDR "192.168.1.116"
#define S_ADDR "192.168.1.123"
#define C_PORT 3337
#define S_PORT 7788
#define C_ISN 3626544836u
#define S_ISN 1739326486u

enum { SYN = TV_TCP_SYN, ACK = TV_TCP_ACK, FIN = TV_TCP_FIN, RST = TV_TCP_RST, PSH = TV_TCP_PSH };

static guint32 frame_no;

static TvFrame
make (const char *src, guint16 sport, const char *dst, guint16 dport,
      guint16 flags, guint32 seq, guint32 ack, guint32 len, double t)
{
  TvFrame f;

  memset (&f, 0, sizeof f);
  f.frame = ++frame_no;
  f.time_ns = (gint64) llround (t * 1e9);
  f.src.family = f.dst.family = 4;
  g_assert_cmpint (inet_pton (AF_INET, src, f.src.bytes), ==, 1);
  g_assert_cmpint (inet_pton (AF_INET, dst, f.dst.bytes), ==, 1);
  f.sport = sport;
  f.dport = dport;
  f.flags = flags;
  f.seq = seq;
  f.ack = ack;
  f.len = len;
  f.window = 64240;
  return f;
}

/* client → server */
static TvConn *
cs (TvTracker *t, guint16 flags, guint32 seq, guint32 ack, guint32 len, double time)
{
  TvFrame f = make (C_ADDR, C_PORT, S_ADDR, S_PORT, flags, seq, ack, len, time);
  return tv_tracker_add (t, &f, 0, NULL, NULL);
}

/* server → client */
static TvConn *
sc (TvTracker *t, guint16 flags, guint32 seq, guint32 ack, guint32 len, double time)
{
  TvFrame f = make (S_ADDR, S_PORT, C_ADDR, C_PORT, flags, seq, ack, len, time);
  return tv_tracker_add (t, &f, 0, NULL, NULL);
}

static void
handshake (TvTracker *t)
{
  cs (t, SYN, C_ISN, 0, 0, 1.000);
  sc (t, SYN | ACK, S_ISN, C_ISN + 1, 0, 1.001);
  cs (t, ACK, C_ISN + 1, S_ISN + 1, 0, 1.002);
}

#define assert_states(seg, c, s) G_STMT_START {                                   \
    g_assert_cmpstr (tv_tcp_state_name ((seg)->client_state), ==, c);               \
    g_assert_cmpstr (tv_tcp_state_name ((seg)->server_state), ==, s);               \
  } G_STMT_END

static void
test_textbook_handshake (void)
{
  TvTracker *t = tv_tracker_new ();
  TvConn *c;
  char buf[64];

  handshake (t);
  g_assert_cmpuint (tv_tracker_get_n_conns (t), ==, 1);
  c = tv_tracker_get_conn (t, 0);
  g_assert_cmpuint (c->n_segs, ==, 3);
  g_assert_cmpstr (tv_address_to_string (&c->client.address, buf, sizeof buf), ==, C_ADDR);
  g_assert_cmpuint (c->client.port, ==, C_PORT);
  g_assert_cmpstr (tv_address_to_string (&c->server.address, buf, sizeof buf), ==, S_ADDR);
  g_assert_cmpuint (c->server.port, ==, S_PORT);

  /* absolute */
  g_assert_cmpuint (c->segs[0].seq, ==, 3626544836u);
  g_assert_cmpuint (c->segs[1].seq, ==, 1739326486u);
  g_assert_cmpuint (c->segs[1].ack, ==, 3626544837u);
  g_assert_cmpuint (c->segs[2].seq, ==, 3626544837u);
  g_assert_cmpuint (c->segs[2].ack, ==, 1739326487u);
  /* relative: 0, 0/1, 1/1 */
  g_assert_cmpuint (tv_conn_relative_seq (c, &c->segs[0]), ==, 0);
  g_assert_cmpuint (tv_conn_relative_seq (c, &c->segs[1]), ==, 0);
  g_assert_cmpuint (tv_conn_relative_ack (c, &c->segs[1]), ==, 1);
  g_assert_cmpuint (tv_conn_relative_seq (c, &c->segs[2]), ==, 1);
  g_assert_cmpuint (tv_conn_relative_ack (c, &c->segs[2]), ==, 1);

  g_assert_cmpint (c->segs[0].dir, ==, TV_DIR_CLIENT_TO_SERVER);
  g_assert_cmpint (c->segs[1].dir, ==, TV_DIR_SERVER_TO_CLIENT);
  assert_states (&c->segs[0], "SYN_SENT", "SYN_RECEIVED");
  assert_states (&c->segs[1], "ESTABLISHED", "SYN_RECEIVED");
  assert_states (&c->segs[2], "ESTABLISHED", "ESTABLISHED");

  g_assert_cmpint (tv_conn_handshake_rtt (c), ==, 2000000);
  g_assert_false (c->badges & TV_CONN_INCOMPLETE_HANDSHAKE);
  g_assert_cmpint (c->end, ==, TV_END_OPEN);
  for (guint i = 0; i < c->n_segs; i++)
    g_assert_cmpuint (c->segs[i].analysis, ==, 0);

  tv_tracker_free (t);
}

static void
test_four_way_close (void)
{
  TvTracker *t = tv_tracker_new ();
  TvConn *c;

  handshake (t);
  cs (t, PSH | ACK, C_ISN + 1, S_ISN + 1, 100, 1.010);
  sc (t, ACK, S_ISN + 1, C_ISN + 101, 0, 1.011);
  cs (t, FIN | ACK, C_ISN + 101, S_ISN + 1, 0, 1.020);
  sc (t, ACK, S_ISN + 1, C_ISN + 102, 0, 1.021);
  sc (t, FIN | ACK, S_ISN + 1, C_ISN + 102, 0, 1.030);
  c = cs (t, ACK, C_ISN + 102, S_ISN + 2, 0, 1.031);

  g_assert_cmpuint (c->n_segs, ==, 9);
  /* ack = seq + len after data */
  g_assert_cmpuint (tv_conn_relative_ack (c, &c->segs[4]), ==, 101);
  assert_states (&c->segs[5], "FIN_WAIT_1", "CLOSE_WAIT");
  assert_states (&c->segs[6], "FIN_WAIT_2", "CLOSE_WAIT");
  assert_states (&c->segs[7], "TIME_WAIT", "LAST_ACK");
  assert_states (&c->segs[8], "TIME_WAIT", "CLOSED");
  g_assert_cmpint (c->end, ==, TV_END_FIN);
  g_assert_cmpuint (tv_conn_bytes (c, TV_DIR_CLIENT_TO_SERVER), ==, 100);
  g_assert_cmpuint (tv_conn_bytes (c, TV_DIR_SERVER_TO_CLIENT), ==, 0);
  g_assert_cmpint (tv_conn_duration (c), ==, 31000000);

  tv_tracker_free (t);
}

static void
test_simultaneous_close (void)
{
  TvTracker *t = tv_tracker_new ();
  TvConn *c;

  handshake (t);
  cs (t, FIN | ACK, C_ISN + 1, S_ISN + 1, 0, 1.020);
  sc (t, FIN | ACK, S_ISN + 1, C_ISN + 1, 0, 1.0201);  /* crossed: does not ack the client's FIN */
  cs (t, ACK, C_ISN + 2, S_ISN + 2, 0, 1.021);
  c = sc (t, ACK, S_ISN + 2, C_ISN + 2, 0, 1.0211);

  /* the server's FIN does not acknowledge the client's: it was sent before
   * the client's FIN arrived, which the server receives after it (the FINs
   * crossed).  Both ends go FIN_WAIT_1 → CLOSING → TIME_WAIT (RFC 9293). */
  assert_states (&c->segs[3], "FIN_WAIT_1", "ESTABLISHED");
  assert_states (&c->segs[4], "CLOSING", "FIN_WAIT_1");
  assert_states (&c->segs[5], "CLOSING", "CLOSING");
  assert_states (&c->segs[6], "TIME_WAIT", "TIME_WAIT");
  tv_tracker_free (t);
}

static void
test_simultaneous_open (void)
{
  TvTracker *t = tv_tracker_new ();
  TvConn *c;

  cs (t, SYN, C_ISN, 0, 0, 1.0);
  sc (t, SYN, S_ISN, 0, 0, 1.0001);
  cs (t, SYN | ACK, C_ISN, S_ISN + 1, 0, 1.001);
  c = sc (t, SYN | ACK, S_ISN, C_ISN + 1, 0, 1.0011);

  g_assert_cmpuint (tv_tracker_get_n_conns (t), ==, 1);
  /* the server sent its SYN before the client's arrived: it was not
   * listening, and both ends go SYN_SENT → SYN_RECEIVED → ESTABLISHED */
  assert_states (&c->segs[0], "SYN_SENT", "CLOSED");
  assert_states (&c->segs[1], "SYN_RECEIVED", "SYN_SENT");
  assert_states (&c->segs[2], "SYN_RECEIVED", "SYN_RECEIVED");
  assert_states (&c->segs[3], "ESTABLISHED", "ESTABLISHED");
  g_assert_true (c->badges & TV_CONN_SIMULTANEOUS_OPEN);
  tv_tracker_free (t);
}

static void
test_port_reuse (void)
{
  TvTracker *t = tv_tracker_new ();
  TvConn *a, *b;

  handshake (t);
  cs (t, FIN | ACK, C_ISN + 1, S_ISN + 1, 0, 1.1);
  sc (t, FIN | ACK, S_ISN + 1, C_ISN + 2, 0, 1.2);
  a = cs (t, ACK, C_ISN + 2, S_ISN + 2, 0, 1.3);

  /* a retransmitted SYN of the first connection would stay in it; a SYN
   * with a new ISN on the same 4-tuple starts a new connection */
  cs (t, SYN, 1000, 0, 0, 5.0);
  sc (t, SYN | ACK, 2000, 1001, 0, 5.001);
  b = cs (t, ACK, 1001, 2001, 0, 5.002);

  g_assert_cmpuint (tv_tracker_get_n_conns (t), ==, 2);
  g_assert_true (a != b);
  g_assert_cmpuint (a->id, ==, 0);
  g_assert_cmpuint (b->id, ==, 1);
  g_assert_cmpuint (a->n_segs, ==, 6);
  g_assert_cmpuint (b->n_segs, ==, 3);
  g_assert_cmpuint (tv_conn_relative_seq (b, &b->segs[0]), ==, 0);
  g_assert_cmpuint (tv_conn_relative_ack (b, &b->segs[1]), ==, 1);
  assert_states (&b->segs[2], "ESTABLISHED", "ESTABLISHED");
  g_assert_cmpint (a->end, ==, TV_END_FIN);
  g_assert_cmpint (b->end, ==, TV_END_OPEN);
  tv_tracker_free (t);
}

static void
test_syn_retransmission (void)
{
  TvTracker *t = tv_tracker_new ();
  TvConn *c;

  cs (t, SYN, C_ISN, 0, 0, 1.0);
  c = cs (t, SYN, C_ISN, 0, 0, 2.0);
  g_assert_cmpuint (tv_tracker_get_n_conns (t), ==, 1);
  g_assert_cmpuint (c->n_segs, ==, 2);
  g_assert_true (c->segs[1].analysis & TV_ANALYSIS_RETRANSMISSION);
  g_assert_true (c->badges & TV_CONN_INCOMPLETE_HANDSHAKE);
  g_assert_cmpint (tv_conn_handshake_rtt (c), ==, -1);
  tv_tracker_free (t);
}

static void
test_reset (void)
{
  TvTracker *t = tv_tracker_new ();
  TvConn *c;

  cs (t, SYN, C_ISN, 0, 0, 1.0);
  c = sc (t, RST | ACK, 0, C_ISN + 1, 0, 1.0001);
  g_assert_cmpuint (tv_tracker_get_n_conns (t), ==, 1);
  g_assert_cmpint (c->end, ==, TV_END_RST);
  g_assert_true (c->badges & TV_CONN_RESET);
  g_assert_true (c->segs[1].analysis & TV_ANALYSIS_RESET);
  assert_states (&c->segs[1], "CLOSED", "CLOSED");
  /* the port was closed: the server never was in SYN_RECEIVED */
  assert_states (&c->segs[0], "SYN_SENT", "CLOSED");
  g_assert_cmpuint (tv_conn_relative_ack (c, &c->segs[1]), ==, 1);
  tv_tracker_free (t);
}

static void
test_no_handshake (void)
{
  TvTracker *t = tv_tracker_new ();
  TvConn *c;
  TvFrame f;

  /* mid-stream: the server (port 80) speaks first; the client is the side on
   * the higher port */
  f = make ("10.0.0.1", 80, "10.0.0.2", 51000, PSH | ACK, 5000, 7000, 10, 1.0);
  c = tv_tracker_add (t, &f, 0, NULL, NULL);
  f = make ("10.0.0.2", 51000, "10.0.0.1", 80, ACK, 7000, 5010, 0, 1.1);
  tv_tracker_add (t, &f, 0, NULL, NULL);

  g_assert_cmpuint (c->client.port, ==, 51000);
  g_assert_cmpuint (c->server.port, ==, 80);
  g_assert_cmpint (c->segs[0].dir, ==, TV_DIR_SERVER_TO_CLIENT);
  /* relative numbers start at 1 without a SYN, as in Wireshark */
  g_assert_cmpuint (tv_conn_relative_seq (c, &c->segs[0]), ==, 1);
  g_assert_cmpuint (tv_conn_relative_ack (c, &c->segs[0]), ==, 1);
  g_assert_cmpuint (tv_conn_relative_ack (c, &c->segs[1]), ==, 11);
  assert_states (&c->segs[1], "ESTABLISHED", "ESTABLISHED");
  g_assert_false (c->badges & TV_CONN_INCOMPLETE_HANDSHAKE);
  tv_tracker_free (t);
}

static void
test_analysis (void)
{
  TvTracker *t = tv_tracker_new ();
  TvConn *c;
  TvFrame f;
  guint32 cs1 = C_ISN + 1, ss1 = S_ISN + 1;

  handshake (t);
  cs (t, ACK, cs1, ss1, 1000, 1.010);                    /* 3: data */
  cs (t, ACK, cs1 + 2000, ss1, 1000, 1.011);             /* 4: gap: 1000 bytes not captured */
  sc (t, ACK, ss1, cs1 + 1000, 0, 1.020);                /* 5: ack */
  sc (t, ACK, ss1, cs1 + 1000, 0, 1.021);                /* 6: dup ack 1 */
  sc (t, ACK, ss1, cs1 + 1000, 0, 1.022);                /* 7: dup ack 2 */
  cs (t, ACK, cs1 + 1000, ss1, 1000, 1.030);             /* 8: fast retransmission */
  sc (t, ACK, ss1, cs1 + 5000, 0, 1.040);                /* 9: acks bytes never seen */
  cs (t, ACK, cs1 + 1000, ss1, 1000, 2.000);             /* 10: spurious (already acked) */
  c = cs (t, ACK, cs1 + 2999, ss1, 0, 3.000);            /* 11: keep-alive (seq = next - 1) */
  f = make (S_ADDR, S_PORT, C_ADDR, C_PORT, ACK, ss1, cs1 + 5000, 0, 3.1);
  f.window = 0;
  tv_tracker_add (t, &f, 0, NULL, NULL);                 /* 12: zero window */

  g_assert_cmpuint (c->n_segs, ==, 13);
  g_assert_cmpuint (c->segs[3].analysis, ==, 0);
  g_assert_true (c->segs[4].analysis & TV_ANALYSIS_PREVIOUS_NOT_CAPTURED);
  g_assert_cmpuint (c->segs[5].analysis, ==, 0);
  g_assert_true (c->segs[6].analysis & TV_ANALYSIS_DUPLICATE_ACK);
  g_assert_true (c->segs[7].analysis & TV_ANALYSIS_DUPLICATE_ACK);
  g_assert_true (c->segs[8].analysis & TV_ANALYSIS_FAST_RETRANSMISSION);
  g_assert_true (c->segs[8].analysis & TV_ANALYSIS_RETRANSMISSION);
  g_assert_true (c->segs[9].analysis & TV_ANALYSIS_ACKED_UNSEEN);
  g_assert_true (c->segs[10].analysis & TV_ANALYSIS_SPURIOUS_RETRANSMISSION);
  g_assert_true (c->segs[11].analysis & TV_ANALYSIS_KEEP_ALIVE);
  g_assert_true (c->segs[12].analysis & TV_ANALYSIS_ZERO_WINDOW);
  g_assert_true (c->badges & TV_CONN_RETRANSMISSIONS);
  tv_tracker_free (t);
}

static void
test_window_scaling (void)
{
  TvTracker *t = tv_tracker_new ();
  TvFrame f;
  TvConn *c;

  f = make (C_ADDR, C_PORT, S_ADDR, S_PORT, SYN, C_ISN, 0, 0, 1.0);
  f.has_wscale = 1; f.wscale = 7;
  tv_tracker_add (t, &f, 0, NULL, NULL);
  f = make (S_ADDR, S_PORT, C_ADDR, C_PORT, SYN | ACK, S_ISN, C_ISN + 1, 0, 1.1);
  f.has_wscale = 1; f.wscale = 2;
  tv_tracker_add (t, &f, 0, NULL, NULL);
  f = make (C_ADDR, C_PORT, S_ADDR, S_PORT, ACK, C_ISN + 1, S_ISN + 1, 0, 1.2);
  f.window = 502;
  c = tv_tracker_add (t, &f, 0, NULL, NULL);
  f = make (S_ADDR, S_PORT, C_ADDR, C_PORT, ACK, S_ISN + 1, C_ISN + 1, 0, 1.3);
  f.window = 1000;
  tv_tracker_add (t, &f, 0, NULL, NULL);

  g_assert_cmpuint (c->segs[0].window, ==, 64240);   /* SYNs are never scaled */
  g_assert_cmpuint (c->segs[2].window, ==, 502 << 7);
  g_assert_cmpuint (c->segs[3].window, ==, 1000 << 2);
  tv_tracker_free (t);
}

static void
test_labels (void)
{
  TvTracker *t = tv_tracker_new ();
  TvFrame f;
  TvConn *c;

  handshake (t);
  f = make (C_ADDR, C_PORT, S_ADDR, S_PORT, PSH | ACK, C_ISN + 1, S_ISN + 1, 18, 1.01);
  c = tv_tracker_add (t, &f, 1, "GET / HTTP/1.1", NULL);
  f = make (S_ADDR, S_PORT, C_ADDR, C_PORT, PSH | ACK, S_ISN + 1, C_ISN + 19, 20, 1.02);
  tv_tracker_add (t, &f, 2, "HTTP/1.1 200 OK", NULL);
  f = make (C_ADDR, C_PORT, S_ADDR, S_PORT, PSH | ACK, C_ISN + 19, S_ISN + 21, 18, 1.03);
  tv_tracker_add (t, &f, 1, "GET / HTTP/1.1", NULL);

  g_assert_cmpstr (tv_tracker_get_label (t, c->segs[3].label), ==, "GET / HTTP/1.1");
  g_assert_cmpstr (tv_tracker_get_label (t, c->segs[4].label), ==, "HTTP/1.1 200 OK");
  g_assert_cmpuint (c->segs[3].label, ==, c->segs[5].label);  /* pooled once */
  g_assert_cmpstr (tv_tracker_get_label (t, c->segs[0].label), ==, "");
  g_assert_true (c->badges & TV_CONN_HTTP);
  tv_tracker_free (t);
}

static void
test_many_connections (void)
{
  TvTracker *t = tv_tracker_new ();

  for (guint i = 0; i < 20000; i++)
    {
      TvFrame f = make ("10.1.0.1", 1024 + (i % 60000), "10.2.0.2", 80, SYN, i * 7919u, 0, 0, i);
      f.src.bytes[3] = (guint8) (i / 60000);
      tv_tracker_add (t, &f, 0, NULL, NULL);
      f = make ("10.2.0.2", 80, "10.1.0.1", 1024 + (i % 60000), SYN | ACK, 42, i * 7919u + 1, 0, i + 0.5);
      f.dst.bytes[3] = (guint8) (i / 60000);
      tv_tracker_add (t, &f, 0, NULL, NULL);
    }
  g_assert_cmpuint (tv_tracker_get_n_conns (t), ==, 20000);
  g_assert_cmpuint (tv_tracker_get_n_segments (t), ==, 40000);
  for (guint i = 0; i < 20000; i += 997)
    {
      TvConn *c = tv_tracker_get_conn (t, i);
      g_assert_cmpuint (c->id, ==, i);
      g_assert_cmpuint (c->n_segs, ==, 2);
      g_assert_cmpuint (c->client.port, ==, 1024 + (i % 60000));
    }
  /* a long connection grows its array; finish trims what is worth it */
  for (guint i = 0; i < 100; i++)
    {
      TvFrame f = make ("10.9.9.9", 4000, "10.2.0.2", 80, ACK, 1000 + i * 10, 1, 10, 30000.0 + i);
      tv_tracker_add (t, &f, 0, NULL, NULL);
    }
  g_assert_cmpuint (tv_tracker_get_conn (t, 20000)->n_segs, ==, 100);
  g_assert_cmpuint (tv_tracker_get_conn (t, 20000)->cap_segs, >, 100);
  tv_tracker_finish (t);
  g_assert_cmpuint (tv_tracker_get_conn (t, 20000)->cap_segs, ==, 100);
  g_assert_cmpuint (tv_tracker_get_conn (t, 20000)->segs[99].seq, ==, 1990);
  tv_tracker_free (t);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/tracker/textbook-handshake", test_textbook_handshake);
  g_test_add_func ("/core/tracker/four-way-close", test_four_way_close);
  g_test_add_func ("/core/tracker/simultaneous-close", test_simultaneous_close);
  g_test_add_func ("/core/tracker/simultaneous-open", test_simultaneous_open);
  g_test_add_func ("/core/tracker/port-reuse", test_port_reuse);
  g_test_add_func ("/core/tracker/syn-retransmission", test_syn_retransmission);
  g_test_add_func ("/core/tracker/reset", test_reset);
  g_test_add_func ("/core/tracker/no-handshake", test_no_handshake);
  g_test_add_func ("/core/tracker/analysis", test_analysis);
  g_test_add_func ("/core/tracker/window-scaling", test_window_scaling);
  g_test_add_func ("/core/tracker/labels", test_labels);
  g_test_add_func ("/core/tracker/many-connections", test_many_connections);
  return g_test_run ();
}
