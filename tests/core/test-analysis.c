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

  return g_test_run ();
}
