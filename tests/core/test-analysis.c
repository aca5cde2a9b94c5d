/* test-analysis.c: the analysis marks (tshark 4.0's tcp.analysis.*), the
 * initial RTT and the options kept per segment, from hand-made segment
 * sequences put through the tracker. */
#define G_LOG_DOMAIN "test-analysis"

#include "config.h"

#include <math.h>
#include <string.h>
#include <arpa/inet.h>

#include "tv-tracker.h"

#define C_ADDR "10.0.0.1"
#define S_ADDR "10.0.0.2"
#define C_PORT 40000
#define S_PORT 80
#define C_ISN 1000u
#define S_ISN 5000u

enum { SYN = TV_TCP_SYN, ACK = TV_TCP_ACK, FIN = TV_TCP_FIN, RST = TV_TCP_RST, PSH = TV_TCP_PSH };

typedef struct {
  TvTracker *t;
  TvConn    *c;
  guint32    frame;
  guint16    window;   /* window of the next segments (raw) */
} Fixture;

static TvFrame
make (Fixture *fx, gboolean from_client, guint16 flags, guint32 seq, guint32 ack,
      guint32 len, double t)
{
  TvFrame f;

  memset (&f, 0, sizeof f);
  f.frame = ++fx->frame;
  f.time_ns = (gint64) llround (t * 1e9);
  f.src.family = f.dst.family = 4;
  g_assert_cmpint (inet_pton (AF_INET, from_client ? C_ADDR : S_ADDR, f.src.bytes), ==, 1);
  g_assert_cmpint (inet_pton (AF_INET, from_client ? S_ADDR : C_ADDR, f.dst.bytes), ==, 1);
  f.sport = from_client ? C_PORT : S_PORT;
  f.dport = from_client ? S_PORT : C_PORT;
  f.flags = flags;
  f.seq = seq;
  f.ack = ack;
  f.len = len;
  f.window = fx->window;
  return f;
}

static guint16
add (Fixture *fx, const TvFrame *f)
{
  guint32 i;

  fx->c = tv_tracker_add (fx->t, f, 0, NULL, &i);
  return fx->c->segs[i].analysis;
}

/* client → server, server → client; both return the segment's marks */
static guint16
cs (Fixture *fx, guint16 flags, guint32 seq, guint32 ack, guint32 len, double t)
{
  TvFrame f = make (fx, TRUE, flags, C_ISN + seq, S_ISN + ack, len, t);
  return add (fx, &f);
}

static guint16
sc (Fixture *fx, guint16 flags, guint32 seq, guint32 ack, guint32 len, double t)
{
  TvFrame f = make (fx, FALSE, flags, S_ISN + seq, C_ISN + ack, len, t);
  return add (fx, &f);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  (void) data;
  fx->t = tv_tracker_new ();
  fx->frame = 0;
  fx->window = 1000;
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  (void) data;
  tv_tracker_free (fx->t);
}

/* relative numbers: SYN at 0, first data byte at 1 */
static void
handshake (Fixture *fx, double t0, double rtt)
{
  TvFrame f = make (fx, TRUE, SYN, C_ISN, 0, 0, t0);
  add (fx, &f);
  f = make (fx, FALSE, SYN | ACK, S_ISN, C_ISN + 1, 0, t0 + rtt / 2);
  add (fx, &f);
  cs (fx, ACK, 1, 1, 0, t0 + rtt);
}

static void
test_options (Fixture *fx, gconstpointer data)
{
  TvFrame f;
  const TvTcpOptions *o;
  static const guint8 cookie[8] = { 0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03, 0x04 };

  (void) data;
  f = make (fx, TRUE, SYN, C_ISN, 0, 0, 1.0);
  f.has_mss = TRUE;
  f.mss = 1460;
  f.has_wscale = TRUE;
  f.wscale = 7;
  f.sack_permitted = TRUE;
  f.has_timestamps = TRUE;
  f.ts_val = 111;
  f.ts_ecr = 0;
  f.has_tfo = TRUE;
  f.tfo_len = sizeof cookie;
  memcpy (f.tfo_cookie, cookie, sizeof cookie);
  add (fx, &f);
  f = make (fx, FALSE, SYN | ACK, S_ISN, C_ISN + 1, 0, 1.010);
  f.has_mss = TRUE;
  f.mss = 1400;
  add (fx, &f);
  cs (fx, ACK, 1, 1, 0, 1.020);
  f = make (fx, TRUE, ACK, C_ISN + 1, S_ISN + 1, 0, 1.030);
  f.n_sack = 2;
  f.sack[0][0] = S_ISN + 101;
  f.sack[0][1] = S_ISN + 201;
  f.sack[1][0] = S_ISN + 301;
  f.sack[1][1] = S_ISN + 401;
  add (fx, &f);

  o = tv_conn_get_options (fx->c, 0);
  g_assert_nonnull (o);
  g_assert_cmpuint (o->segment, ==, 0);
  g_assert_cmpuint (o->present, ==, TV_TCP_OPT_MSS | TV_TCP_OPT_WSCALE | TV_TCP_OPT_SACK_PERMITTED |
                                    TV_TCP_OPT_TIMESTAMPS | TV_TCP_OPT_TFO);
  g_assert_cmpuint (o->mss, ==, 1460);
  g_assert_cmpuint (o->wscale, ==, 7);
  g_assert_cmpuint (o->tsval, ==, 111);
  g_assert_cmpuint (o->tsecr, ==, 0);
  g_assert_cmpuint (o->tfo_cookie_len, ==, 8);
  g_assert_cmpmem (o->tfo_cookie, o->tfo_cookie_len, cookie, sizeof cookie);

  o = tv_conn_get_options (fx->c, 1);
  g_assert_nonnull (o);
  g_assert_cmpuint (o->present, ==, TV_TCP_OPT_MSS);
  g_assert_cmpuint (o->mss, ==, 1400);

  /* the handshake's ACK carried none */
  g_assert_null (tv_conn_get_options (fx->c, 2));

  o = tv_conn_get_options (fx->c, 3);
  g_assert_nonnull (o);
  g_assert_cmpuint (o->present, ==, TV_TCP_OPT_SACK);
  g_assert_cmpuint (o->n_sack, ==, 2);
  g_assert_cmpuint (o->sack[1][0], ==, S_ISN + 301);
  g_assert_cmpuint (o->sack[1][1], ==, S_ISN + 401);

  g_assert_null (tv_conn_get_options (fx->c, 4));
  /* the segment itself did not grow */
  g_assert_cmpuint (sizeof (TvSegment), ==, 40);
}

/* iRTT: from the SYN to the first segment with ACK and without SYN. */
static void
test_initial_rtt (Fixture *fx, gconstpointer data)
{
  (void) data;
  handshake (fx, 1.0, 0.020);
  g_assert_cmpint (tv_conn_initial_rtt (fx->c), ==, 20000000);
  g_assert_cmpint (tv_conn_syn_retransmission_delay (fx->c), ==, 0);
}

/* A SYN sent again: the RTT is measured from the last SYN, and the wait
 * for it is the SYN's retransmission delay. */
static void
test_initial_rtt_syn_retransmitted (Fixture *fx, gconstpointer data)
{
  TvFrame f;

  (void) data;
  f = make (fx, TRUE, SYN, C_ISN, 0, 0, 1.0);
  add (fx, &f);
  f = make (fx, TRUE, SYN, C_ISN, 0, 0, 2.0);
  add (fx, &f);
  f = make (fx, TRUE, SYN, C_ISN, 0, 0, 4.0);
  add (fx, &f);
  f = make (fx, FALSE, SYN | ACK, S_ISN, C_ISN + 1, 0, 4.0015);
  add (fx, &f);
  cs (fx, ACK, 1, 1, 0, 4.0025);
  g_assert_cmpint (tv_conn_initial_rtt (fx->c), ==, 2500000);
  g_assert_cmpint (tv_conn_syn_retransmission_delay (fx->c), ==, 3000000000);
}

/* No handshake in the capture: no initial RTT. */
static void
test_initial_rtt_none (Fixture *fx, gconstpointer data)
{
  (void) data;
  cs (fx, ACK, 1, 1, 10, 1.0);
  sc (fx, ACK, 1, 11, 0, 1.1);
  g_assert_cmpint (tv_conn_initial_rtt (fx->c), ==, -1);
  g_assert_cmpint (tv_conn_syn_retransmission_delay (fx->c), ==, 0);
}


/* Each sequence below was also written to a pcap and read by tshark 4.0.17:
 * the marks asserted are the ones it sets. */

#define A(bits) ((guint16) (bits))
enum {
  RETR = TV_ANALYSIS_RETRANSMISSION,
  SPUR = TV_ANALYSIS_SPURIOUS_RETRANSMISSION,
  FAST = TV_ANALYSIS_FAST_RETRANSMISSION,
  OOO  = TV_ANALYSIS_OUT_OF_ORDER,
  DUP  = TV_ANALYSIS_DUPLICATE_ACK,
  ZW   = TV_ANALYSIS_ZERO_WINDOW,
  ZWP  = TV_ANALYSIS_ZERO_WINDOW_PROBE,
  FULL = TV_ANALYSIS_WINDOW_FULL,
  UPD  = TV_ANALYSIS_WINDOW_UPDATE,
  KA   = TV_ANALYSIS_KEEP_ALIVE,
  LOST = TV_ANALYSIS_PREVIOUS_NOT_CAPTURED,
  UNSEEN = TV_ANALYSIS_ACKED_UNSEEN,
};

/* Data the peer had acknowledged, sent again: spurious, and (as tshark
 * says too) a retransmission. */
static void
test_spurious_is_retransmission (Fixture *fx, gconstpointer data)
{
  (void) data;
  handshake (fx, 1.0, 0.020);
  g_assert_cmpuint (cs (fx, PSH | ACK, 1, 1, 100, 1.100), ==, 0);
  g_assert_cmpuint (sc (fx, ACK, 1, 101, 0, 1.111), ==, 0);
  g_assert_cmpuint (cs (fx, PSH | ACK, 1, 1, 100, 1.200), ==, A (SPUR | RETR));
}

/* Spurious comes first: a copy of acknowledged data 1 ms after the
 * original, inside the initial RTT, is spurious, not out of order. */
static void
test_spurious_before_out_of_order (Fixture *fx, gconstpointer data)
{
  (void) data;
  handshake (fx, 1.0, 0.200);
  cs (fx, PSH | ACK, 1, 1, 100, 1.300);
  cs (fx, PSH | ACK, 101, 1, 100, 1.301);
  sc (fx, ACK, 1, 101, 0, 1.302);
  g_assert_cmpuint (cs (fx, PSH | ACK, 1, 1, 100, 1.303), ==, A (SPUR | RETR));
}

/* A SYN or FIN sent again carries no data: never spurious. */
static void
test_syn_fin_not_spurious (Fixture *fx, gconstpointer data)
{
  (void) data;
  handshake (fx, 1.0, 0.020);
  g_assert_cmpuint (sc (fx, SYN | ACK, 0, 1, 0, 1.300), ==, A (RETR));
  cs (fx, PSH | ACK, 1, 1, 100, 1.400);
  sc (fx, ACK, 1, 101, 0, 1.410);
  g_assert_cmpuint (cs (fx, FIN | ACK, 101, 1, 0, 1.500), ==, 0);
  g_assert_cmpuint (sc (fx, ACK, 1, 102, 0, 1.510), ==, 0);
  /* the FIN acknowledged and sent again: a retransmission only */
  g_assert_cmpuint (cs (fx, FIN | ACK, 101, 1, 0, 1.600), ==, A (RETR));
}

/* Out of order: below the highest sequence number, within the initial RTT
 * (20 ms here) of the segment that last advanced it; else retransmission. */
static void
test_out_of_order_initial_rtt (Fixture *fx, gconstpointer data)
{
  (void) data;
  handshake (fx, 1.0, 0.020);
  cs (fx, PSH | ACK, 1, 1, 100, 1.100);
  cs (fx, PSH | ACK, 101, 1, 100, 1.101);
  /* 10 ms after the highest: out of order (more than 3 ms) */
  g_assert_cmpuint (cs (fx, PSH | ACK, 1, 1, 100, 1.111), ==, A (OOO));
  cs (fx, PSH | ACK, 201, 1, 100, 1.200);
  g_assert_cmpuint (cs (fx, PSH | ACK, 101, 1, 50, 1.215), ==, A (OOO));
  /* 10 ms after the previous segment but 25 ms after the one that last
   * advanced the highest sequence number: a retransmission */
  g_assert_cmpuint (cs (fx, PSH | ACK, 151, 1, 50, 1.225), ==, A (RETR));
}

/* Without a handshake (no initial RTT) the limit is 3 ms. */
static void
test_out_of_order_3ms (Fixture *fx, gconstpointer data)
{
  (void) data;
  cs (fx, PSH | ACK, 1, 1, 100, 1.000);
  cs (fx, PSH | ACK, 101, 1, 100, 1.001);
  g_assert_cmpuint (cs (fx, PSH | ACK, 1, 1, 100, 1.003), ==, A (OOO));
  g_assert_cmpuint (cs (fx, PSH | ACK, 1, 1, 100, 1.005), ==, A (RETR));
  g_assert_cmpint (tv_conn_initial_rtt (fx->c), ==, -1);
}

/* A segment that ends where the highest ended (its FIN counted) is sent
 * again, not out of order, even within the RTT. */
static void
test_quick_copy_not_out_of_order (Fixture *fx, gconstpointer data)
{
  (void) data;
  handshake (fx, 1.0, 0.020);
  cs (fx, PSH | ACK, 1, 1, 100, 1.030);
  cs (fx, FIN | ACK, 101, 1, 50, 1.031);
  g_assert_cmpuint (cs (fx, FIN | ACK, 101, 1, 50, 1.0315), ==, A (RETR));
}

/* Fast retransmission: two duplicate ACKs, the data at their ack number,
 * within 20 ms of the peer's last segment.  A window update between the
 * duplicates does not reset their count. */
static void
test_fast_retransmission (Fixture *fx, gconstpointer data)
{
  (void) data;
  handshake (fx, 1.0, 0.020);
  cs (fx, PSH | ACK, 1, 1, 100, 1.100);
  cs (fx, PSH | ACK, 101, 1, 100, 1.101);
  cs (fx, PSH | ACK, 201, 1, 100, 1.102);
  g_assert_cmpuint (sc (fx, ACK, 1, 101, 0, 1.111), ==, 0);
  g_assert_cmpuint (sc (fx, ACK, 1, 101, 0, 1.112), ==, A (DUP));
  fx->window = 2000;
  g_assert_cmpuint (sc (fx, ACK, 1, 101, 0, 1.113), ==, A (UPD));
  g_assert_cmpuint (sc (fx, ACK, 1, 101, 0, 1.114), ==, A (DUP));
  fx->window = 1000;
  /* 6 ms after the last duplicate: fast (also within the RTT of the
   * highest segment: fast comes before out of order) */
  g_assert_cmpuint (cs (fx, PSH | ACK, 101, 1, 100, 1.120), ==, A (FAST | RETR));
  sc (fx, ACK, 1, 301, 0, 1.200);
  cs (fx, PSH | ACK, 301, 1, 100, 1.300);
  cs (fx, PSH | ACK, 401, 1, 100, 1.301);
  sc (fx, ACK, 1, 401, 0, 1.311);
  g_assert_cmpuint (sc (fx, ACK, 1, 401, 0, 1.312), ==, A (DUP));
  g_assert_cmpuint (sc (fx, ACK, 1, 401, 0, 1.313), ==, A (DUP));
  /* 27 ms after the last duplicate ACK: a plain retransmission */
  g_assert_cmpuint (cs (fx, PSH | ACK, 401, 1, 100, 1.340), ==, A (RETR));
}

/* Duplicate ACKs are judged against the last ACK sent, not the highest;
 * "ACK of unseen segment" is not raised once an out-of-order segment
 * filled the gap. */
static void
test_last_ack_and_filled_gap (Fixture *fx, gconstpointer data)
{
  (void) data;
  handshake (fx, 1.0, 0.020);
  cs (fx, PSH | ACK, 1, 1, 100, 1.100);
  cs (fx, PSH | ACK, 101, 1, 100, 1.101);
  g_assert_cmpuint (sc (fx, ACK, 1, 201, 0, 1.111), ==, 0);
  g_assert_cmpuint (sc (fx, ACK, 1, 101, 0, 1.112), ==, 0);   /* an older ACK, late */
  g_assert_cmpuint (sc (fx, ACK, 1, 101, 0, 1.113), ==, A (DUP));
  cs (fx, PSH | ACK, 201, 1, 100, 1.200);
  g_assert_cmpuint (cs (fx, PSH | ACK, 401, 1, 100, 1.201), ==, A (LOST));
  g_assert_cmpuint (cs (fx, PSH | ACK, 301, 1, 100, 1.202), ==, A (OOO));
  g_assert_cmpuint (sc (fx, ACK, 1, 501, 0, 1.212), ==, 0);
}

/* ACK of unseen segment: beyond a gap in what the peer sent, each time the
 * peer sends beyond it; beyond everything the peer sent, once, and not when
 * the peer's last ACK was a duplicate (whose count then starts again). */
static void
test_ack_of_unseen (Fixture *fx, gconstpointer data)
{
  (void) data;
  handshake (fx, 1.0, 0.020);
  sc (fx, PSH | ACK, 1, 1, 100, 1.100);
  g_assert_cmpuint (sc (fx, PSH | ACK, 201, 1, 100, 1.101), ==, A (LOST));
  g_assert_cmpuint (sc (fx, ACK, 301, 1, 0, 1.102), ==, A (DUP));
  g_assert_cmpuint (sc (fx, ACK, 301, 1, 0, 1.103), ==, A (DUP));
  /* the server's duplicate ACKs do not hide the gap */
  g_assert_cmpuint (cs (fx, ACK, 1, 301, 0, 1.110), ==, A (UNSEEN));
  /* beyond everything the server sent, after its duplicate ACKs: no mark */
  g_assert_cmpuint (cs (fx, ACK, 1, 401, 0, 1.120), ==, 0);
  g_assert_cmpuint (cs (fx, ACK, 1, 501, 0, 1.130), ==, 0);
  /* and the server's duplicate ACKs count from 1 again */
  g_assert_cmpuint (sc (fx, ACK, 301, 1, 0, 1.140), ==, A (DUP));
  g_assert_cmpint (fx->c->side[TV_DIR_SERVER_TO_CLIENT].dupacknum, ==, 1);
}

/* Beyond everything the peer sent, its last ACK not a duplicate: once. */
static void
test_ack_of_unseen_once (Fixture *fx, gconstpointer data)
{
  (void) data;
  handshake (fx, 1.0, 0.020);
  sc (fx, PSH | ACK, 1, 1, 100, 1.100);
  g_assert_cmpuint (cs (fx, ACK, 1, 201, 0, 1.110), ==, A (UNSEEN));
  g_assert_cmpuint (cs (fx, ACK, 1, 301, 0, 1.120), ==, 0);
  g_assert_cmpuint (cs (fx, ACK, 1, 301, 0, 1.130), ==, A (DUP));
  g_assert_cmpuint (sc (fx, ACK, 101, 1, 0, 1.140), ==, A (DUP));
  g_assert_cmpint (fx->c->side[TV_DIR_SERVER_TO_CLIENT].dupacknum, ==, 1);
}

/* Zero window, its probes and their ACKs, window update, window full (the
 * peer's window scaled, unless it came with its SYN), keep-alive and its
 * ACK (not a duplicate ACK). */
static void
test_windows_and_keep_alive (Fixture *fx, gconstpointer data)
{
  TvFrame f;

  (void) data;
  f = make (fx, TRUE, SYN, C_ISN, 0, 0, 1.000);
  f.has_wscale = TRUE;
  f.wscale = 2;
  add (fx, &f);
  f = make (fx, FALSE, SYN | ACK, S_ISN, C_ISN + 1, 0, 1.010);
  f.has_wscale = TRUE;
  f.wscale = 1;
  add (fx, &f);
  fx->window = 250;
  cs (fx, ACK, 1, 1, 0, 1.020);
  fx->window = 1000;
  g_assert_cmpuint (sc (fx, PSH | ACK, 1, 1, 500, 1.100), ==, 0);
  /* 1 + 250 << 2 = 1001 */
  g_assert_cmpuint (sc (fx, PSH | ACK, 501, 1, 500, 1.101), ==, A (FULL));
  fx->window = 0;
  g_assert_cmpuint (cs (fx, ACK, 1, 1001, 0, 1.111), ==, A (ZW));
  fx->window = 1000;
  g_assert_cmpuint (sc (fx, PSH | ACK, 1001, 1, 1, 1.200), ==, A (ZWP));
  fx->window = 0;
  g_assert_cmpuint (cs (fx, ACK, 1, 1001, 0, 1.201), ==, A (ZW));
  fx->window = 1000;
  g_assert_cmpuint (sc (fx, PSH | ACK, 1001, 1, 1, 1.400), ==, A (ZWP));
  fx->window = 100;
  g_assert_cmpuint (cs (fx, ACK, 1, 1001, 0, 1.401), ==, A (UPD));
  fx->window = 1000;
  g_assert_cmpuint (sc (fx, PSH | ACK, 1001, 1, 400, 1.402), ==, A (FULL));
  fx->window = 100;
  g_assert_cmpuint (cs (fx, ACK, 1, 1401, 0, 1.500), ==, 0);
  g_assert_cmpuint (cs (fx, ACK, 0, 1401, 0, 1.600), ==, A (KA));
  fx->window = 1000;
  g_assert_cmpuint (sc (fx, ACK, 1401, 1, 0, 1.601), ==, 0);   /* the keep-alive's ACK */
  fx->window = 100;
  g_assert_cmpuint (cs (fx, ACK, 1, 1401, 0, 1.700), ==, A (DUP));
}

/* The window of a SYN is never scaled: data filling the SYN-ACK's window
 * as it was sent fills the window. */
static void
test_window_full_after_syn (Fixture *fx, gconstpointer data)
{
  TvFrame f;

  (void) data;
  f = make (fx, TRUE, SYN, C_ISN, 0, 0, 1.000);
  f.has_wscale = TRUE;
  f.wscale = 2;
  add (fx, &f);
  f = make (fx, FALSE, SYN | ACK, S_ISN, C_ISN + 1, 0, 1.010);
  f.has_wscale = TRUE;
  f.wscale = 1;
  add (fx, &f);
  cs (fx, ACK, 1, 1, 0, 1.020);
  g_assert_cmpuint (cs (fx, PSH | ACK, 1, 1, 1000, 1.100), ==, A (FULL));
  sc (fx, ACK, 1, 1001, 0, 1.200);
  /* now the server's window is scaled: 1001 + 1000 << 1 */
  g_assert_cmpuint (cs (fx, PSH | ACK, 1001, 1, 1000, 1.300), ==, 0);
  g_assert_cmpuint (cs (fx, PSH | ACK, 2001, 1, 1000, 1.400), ==, A (FULL));
}

#define ADD(name, func) \
  g_test_add ("/core/analysis/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("options", test_options);
  ADD ("initial-rtt", test_initial_rtt);
  ADD ("initial-rtt/syn-retransmitted", test_initial_rtt_syn_retransmitted);
  ADD ("initial-rtt/none", test_initial_rtt_none);
  ADD ("spurious-is-retransmission", test_spurious_is_retransmission);
  ADD ("spurious-before-out-of-order", test_spurious_before_out_of_order);
  ADD ("syn-fin-not-spurious", test_syn_fin_not_spurious);
  ADD ("out-of-order/initial-rtt", test_out_of_order_initial_rtt);
  ADD ("out-of-order/3ms", test_out_of_order_3ms);
  ADD ("out-of-order/quick-copy", test_quick_copy_not_out_of_order);
  ADD ("fast-retransmission", test_fast_retransmission);
  ADD ("last-ack-and-filled-gap", test_last_ack_and_filled_gap);
  ADD ("ack-of-unseen", test_ack_of_unseen);
  ADD ("ack-of-unseen/once", test_ack_of_unseen_once);
  ADD ("windows-and-keep-alive", test_windows_and_keep_alive);
  ADD ("window-full-after-syn", test_window_full_after_syn);

  return g_test_run ();
}
