/* test-tcp-state.c: the states of both ends follow RFC 9293.
 *
 * /core/tcp-state/rfc9293/project and …/shared: every connection of every capture the project
 * has (tests/captures, data/example and ../shared/captures) is walked from
 * the state before its first segment, through the state after each
 * segment, to its state at the end, and every change must be a transition
 * of RFC 9293 (figure 5 and the segment processing of section 3.10.7).
 * The other tests feed hand-made segments and check each state. */
#define G_LOG_DOMAIN "test-tcp-state"

#include "config.h"

#include <string.h>
#include <arpa/inet.h>

#include "tv-load.h"
#include "tv-tcp-state.h"
#include "tv-tracker.h"

enum {
  UNKNOWN = TV_TCP_STATE_UNKNOWN,
  CLOSED = TV_TCP_STATE_CLOSED,
  LISTEN = TV_TCP_STATE_LISTEN,
  SYN_SENT = TV_TCP_STATE_SYN_SENT,
  SYN_RECEIVED = TV_TCP_STATE_SYN_RECEIVED,
  ESTABLISHED = TV_TCP_STATE_ESTABLISHED,
  FIN_WAIT_1 = TV_TCP_STATE_FIN_WAIT_1,
  FIN_WAIT_2 = TV_TCP_STATE_FIN_WAIT_2,
  CLOSE_WAIT = TV_TCP_STATE_CLOSE_WAIT,
  CLOSING = TV_TCP_STATE_CLOSING,
  LAST_ACK = TV_TCP_STATE_LAST_ACK,
  TIME_WAIT = TV_TCP_STATE_TIME_WAIT,
};

/* RFC 9293's transitions: figure 5, plus what section 3.10.7 adds for one
 * segment (an RST closes every state; SYN-RECEIVED returns to LISTEN on an
 * RST when it came from LISTEN; a FIN in SYN-RECEIVED enters CLOSE-WAIT; a
 * FIN that also acknowledges our FIN takes FIN-WAIT-1 to TIME-WAIT). */
static const struct {
  guint8      from, to;
  const char *why;
} rfc9293[] = {
  { CLOSED, LISTEN, "passive OPEN" },
  { CLOSED, SYN_SENT, "active OPEN, snd SYN" },
  { LISTEN, SYN_RECEIVED, "rcv SYN, snd SYN,ACK" },
  { LISTEN, SYN_SENT, "SEND, snd SYN" },
  { LISTEN, CLOSED, "CLOSE" },
  { SYN_SENT, SYN_RECEIVED, "rcv SYN, snd SYN,ACK (simultaneous open)" },
  { SYN_SENT, ESTABLISHED, "rcv SYN,ACK, snd ACK" },
  { SYN_SENT, CLOSED, "CLOSE, or rcv RST" },
  { SYN_RECEIVED, ESTABLISHED, "rcv ACK of SYN" },
  { SYN_RECEIVED, FIN_WAIT_1, "CLOSE, snd FIN" },
  { SYN_RECEIVED, LISTEN, "rcv RST (3.10.7.4, came from LISTEN)" },
  { SYN_RECEIVED, CLOSED, "rcv RST (3.10.7.4), ABORT" },
  { SYN_RECEIVED, CLOSE_WAIT, "rcv ACK of SYN and FIN (3.10.7.4)" },
  { ESTABLISHED, FIN_WAIT_1, "CLOSE, snd FIN" },
  { ESTABLISHED, CLOSE_WAIT, "rcv FIN, snd ACK" },
  { ESTABLISHED, CLOSED, "rcv RST, ABORT" },
  { FIN_WAIT_1, FIN_WAIT_2, "rcv ACK of FIN" },
  { FIN_WAIT_1, CLOSING, "rcv FIN, snd ACK" },
  { FIN_WAIT_1, TIME_WAIT, "rcv FIN that ACKs our FIN (3.10.7.4)" },
  { FIN_WAIT_1, CLOSED, "rcv RST, ABORT" },
  { FIN_WAIT_2, TIME_WAIT, "rcv FIN, snd ACK" },
  { FIN_WAIT_2, CLOSED, "rcv RST, ABORT" },
  { CLOSE_WAIT, LAST_ACK, "CLOSE, snd FIN" },
  { CLOSE_WAIT, CLOSED, "rcv RST, ABORT" },
  { CLOSING, TIME_WAIT, "rcv ACK of FIN" },
  { CLOSING, CLOSED, "rcv RST" },
  { LAST_ACK, CLOSED, "rcv ACK of FIN, or rcv RST" },
  { TIME_WAIT, CLOSED, "timeout = 2 MSL, or rcv RST" },
};

static gboolean
rfc9293_allows (guint8 from,
                guint8 to)
{
  if (from == to)
    return TRUE;
  /* UNKNOWN is not a state: the capture had shown nothing of the end yet */
  if (from == UNKNOWN)
    return to != UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (rfc9293); i++)
    if (rfc9293[i].from == from && rfc9293[i].to == to)
      return TRUE;
  return FALSE;
}

typedef struct {
  guint files, unreadable, conns, segments, steps;
  GString *failures;
  guint n_failures;
} Walk;

static void
walk_step (Walk         *w,
           const char   *path,
           const TvConn *c,
           TvDirection   end,
           int           row,
           guint8        from,
           guint8        to)
{
  const char *side = end == TV_DIR_CLIENT_TO_SERVER ? "client" : "server";

  w->steps++;
  if (rfc9293_allows (from, to))
    return;
  /* One exception: the capture lacks the peer's SYN (SYN-ACK), yet this
   * end in SYN_SENT goes on as established (a segment of its own shows
   * it); its step from SYN_SENT to ESTABLISHED has no row of its own. */
  if (from == SYN_SENT && !c->side[!end].syn_seen && rfc9293_allows (ESTABLISHED, to))
    return;
  w->n_failures++;
  if (w->n_failures <= 40)
    g_string_append_printf (w->failures, "%s: connection %u, %s, %s %d: %s -> %s\n", path, c->id, side,
                            row < 0 ? "at the end" : "after frame", row < 0 ? 0 : (int) c->segs[row].frame,
                            tv_tcp_state_name (from), tv_tcp_state_name (to));
}

static void
walk_file (Walk       *w,
           const char *path)
{
  TvTracker *t = tv_tracker_new ();
  TvLoadStats stats = { 0 };
  g_autoptr(GError) error = NULL;

  w->files++;
  if (!tv_load_file (path, t, NULL, &stats, &error))
    {
      w->unreadable++;
      tv_load_stats_clear (&stats);
      tv_tracker_free (t);
      return;
    }
  for (guint i = 0; i < tv_tracker_get_n_conns (t); i++)
    {
      const TvConn *c = tv_tracker_get_conn (t, i);
      guint8 cl = tv_tcp_state_initial (c, TV_DIR_CLIENT_TO_SERVER);
      guint8 sv = tv_tcp_state_initial (c, TV_DIR_SERVER_TO_CLIENT);

      w->conns++;
      for (guint32 k = 0; k < c->n_segs; k++)
        {
          walk_step (w, path, c, TV_DIR_CLIENT_TO_SERVER, k, cl, c->segs[k].client_state);
          walk_step (w, path, c, TV_DIR_SERVER_TO_CLIENT, k, sv, c->segs[k].server_state);
          cl = c->segs[k].client_state;
          sv = c->segs[k].server_state;
          w->segments++;
        }
      walk_step (w, path, c, TV_DIR_CLIENT_TO_SERVER, -1, cl, c->client_state);
      walk_step (w, path, c, TV_DIR_SERVER_TO_CLIENT, -1, sv, c->server_state);
    }
  tv_load_stats_clear (&stats);
  tv_tracker_free (t);
}

static void
walk_dir (Walk       *w,
          const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        walk_dir (w, path);
      else if (g_str_has_suffix (path, ".pcap") || g_str_has_suffix (path, ".pcapng") ||
               g_str_has_suffix (path, ".cap"))
        walk_file (w, path);
    }
}

static void
walk_report (Walk       *w,
             const char *what)
{
  g_test_message ("%s: %u files (%u not readable), %u connections, %u segments, %u steps, %u not in RFC 9293",
                  what, w->files, w->unreadable, w->conns, w->segments, w->steps, w->n_failures);
  if (w->n_failures > 0)
    g_printerr ("%s", w->failures->str);
  g_assert_cmpuint (w->n_failures, ==, 0);
  g_string_free (w->failures, TRUE);
}

static void
test_rfc9293_project (void)
{
  const char *captures = g_getenv ("TV_TEST_CAPTURES");
  const char *example = g_getenv ("TV_TEST_EXAMPLE");
  Walk w = { 0 };

  g_assert_nonnull (captures);
  w.failures = g_string_new (NULL);
  walk_dir (&w, captures);
  if (example != NULL)
    walk_file (&w, example);
  /* the project's own captures are all readable, and have connections */
  g_assert_cmpuint (w.unreadable, ==, 0);
  g_assert_cmpuint (w.conns, >=, 30);
  walk_report (&w, "tests/captures");
}

static void
test_rfc9293_shared (void)
{
  const char *shared = g_getenv ("TV_TEST_SHARED_CAPTURES");
  Walk w = { 0 };

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/captures is not there: only the project's own captures were walked");
      return;
    }
  w.failures = g_string_new (NULL);
  walk_dir (&w, shared);
  g_assert_cmpuint (w.conns, >, 0);
  walk_report (&w, shared);
}

/* Hand-made connections. */

#define C_ADDR "192.168.1.116"
#define S_ADDR "192.168.1.123"
#define C_ISN 1000u
#define S_ISN 5000u

enum { SYN = TV_TCP_SYN, ACK = TV_TCP_ACK, FIN = TV_TCP_FIN, RST = TV_TCP_RST, PSH = TV_TCP_PSH };

typedef struct {
  TvTracker *t;
  TvConn    *c;
  guint32    frame;
} Feed;

static void
feed (Feed    *f,
      gboolean to_server,
      guint16  flags,
      guint32  seq,
      guint32  ack,
      guint32  len)
{
  TvFrame fr;

  memset (&fr, 0, sizeof fr);
  fr.frame = ++f->frame;
  fr.time_ns = 1705312800000000000 + (gint64) f->frame * 100000;
  fr.src.family = fr.dst.family = 4;
  g_assert_cmpint (inet_pton (AF_INET, to_server ? C_ADDR : S_ADDR, fr.src.bytes), ==, 1);
  g_assert_cmpint (inet_pton (AF_INET, to_server ? S_ADDR : C_ADDR, fr.dst.bytes), ==, 1);
  fr.sport = to_server ? 40000 : 80;
  fr.dport = to_server ? 80 : 40000;
  fr.flags = flags;
  fr.seq = seq;
  fr.ack = ack;
  fr.len = len;
  fr.window = 64240;
  f->c = tv_tracker_add (f->t, &fr, 0, NULL, NULL);
}

/* "SYN_SENT/CLOSED SYN_RECEIVED/SYN_SENT …": the states after each row. */
static char *
rows (const TvConn *c)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s/%s", tv_tcp_state_name (tv_tcp_state_initial (c, 0)),
                          tv_tcp_state_name (tv_tcp_state_initial (c, 1)));
  for (guint32 i = 0; i < c->n_segs; i++)
    g_string_append_printf (s, " %s/%s", tv_tcp_state_name (c->segs[i].client_state),
                            tv_tcp_state_name (c->segs[i].server_state));
  g_string_append_printf (s, " | %s/%s", tv_tcp_state_name (c->client_state),
                          tv_tcp_state_name (c->server_state));
  return g_string_free (s, FALSE);
}

static void
test_textbook (void)
{
  Feed f = { tv_tracker_new (), NULL, 0 };
  g_autofree char *got = NULL;

  feed (&f, TRUE, SYN, C_ISN, 0, 0);
  /* the server has not answered yet: nothing says it listens */
  g_assert_cmpint (tv_tcp_state_initial (f.c, 1), ==, UNKNOWN);
  g_assert_cmpint (f.c->segs[0].server_state, ==, UNKNOWN);
  feed (&f, FALSE, SYN | ACK, S_ISN, C_ISN + 1, 0);
  feed (&f, TRUE, ACK, C_ISN + 1, S_ISN + 1, 0);
  feed (&f, TRUE, PSH | ACK, C_ISN + 1, S_ISN + 1, 10);
  feed (&f, FALSE, ACK, S_ISN + 1, C_ISN + 11, 0);
  feed (&f, TRUE, FIN | ACK, C_ISN + 11, S_ISN + 1, 0);
  feed (&f, FALSE, ACK, S_ISN + 1, C_ISN + 12, 0);
  feed (&f, FALSE, FIN | ACK, S_ISN + 1, C_ISN + 12, 0);
  feed (&f, TRUE, ACK, C_ISN + 12, S_ISN + 2, 0);
  got = rows (f.c);
  g_assert_cmpstr (got, ==,
                   "CLOSED/LISTEN SYN_SENT/SYN_RECEIVED ESTABLISHED/SYN_RECEIVED ESTABLISHED/ESTABLISHED "
                   "ESTABLISHED/ESTABLISHED ESTABLISHED/ESTABLISHED FIN_WAIT_1/CLOSE_WAIT "
                   "FIN_WAIT_2/CLOSE_WAIT TIME_WAIT/LAST_ACK TIME_WAIT/CLOSED | TIME_WAIT/CLOSED");
  tv_tracker_free (f.t);
}

static void
test_simultaneous_open (void)
{
  Feed f = { tv_tracker_new (), NULL, 0 };
  g_autofree char *got = NULL;

  feed (&f, TRUE, SYN, C_ISN, 0, 0);
  feed (&f, FALSE, SYN, S_ISN, 0, 0);
  feed (&f, TRUE, SYN | ACK, C_ISN, S_ISN + 1, 0);
  feed (&f, FALSE, SYN | ACK, S_ISN, C_ISN + 1, 0);
  feed (&f, TRUE, ACK, C_ISN + 1, S_ISN + 1, 0);
  got = rows (f.c);
  /* both ends SYN_SENT → SYN_RECEIVED → ESTABLISHED; neither listened */
  g_assert_cmpstr (got, ==,
                   "CLOSED/CLOSED SYN_SENT/CLOSED SYN_RECEIVED/SYN_SENT SYN_RECEIVED/SYN_RECEIVED "
                   "ESTABLISHED/ESTABLISHED ESTABLISHED/ESTABLISHED | ESTABLISHED/ESTABLISHED");
  tv_tracker_free (f.t);
}

static void
test_simultaneous_close (void)
{
  Feed f = { tv_tracker_new (), NULL, 0 };
  g_autofree char *got = NULL;

  feed (&f, TRUE, SYN, C_ISN, 0, 0);
  feed (&f, FALSE, SYN | ACK, S_ISN, C_ISN + 1, 0);
  feed (&f, TRUE, ACK, C_ISN + 1, S_ISN + 1, 0);
  /* the FINs cross: neither acknowledges the other's */
  feed (&f, TRUE, FIN | ACK, C_ISN + 1, S_ISN + 1, 0);
  feed (&f, FALSE, FIN | ACK, S_ISN + 1, C_ISN + 1, 0);
  feed (&f, TRUE, ACK, C_ISN + 2, S_ISN + 2, 0);
  feed (&f, FALSE, ACK, S_ISN + 2, C_ISN + 2, 0);
  got = rows (f.c);
  g_assert_cmpstr (got, ==,
                   "CLOSED/LISTEN SYN_SENT/SYN_RECEIVED ESTABLISHED/SYN_RECEIVED ESTABLISHED/ESTABLISHED "
                   "FIN_WAIT_1/ESTABLISHED CLOSING/FIN_WAIT_1 CLOSING/CLOSING TIME_WAIT/TIME_WAIT "
                   "| TIME_WAIT/TIME_WAIT");
  tv_tracker_free (f.t);
}

static void
test_refused (void)
{
  Feed f = { tv_tracker_new (), NULL, 0 };
  g_autofree char *got = NULL;

  feed (&f, TRUE, SYN, C_ISN, 0, 0);
  feed (&f, FALSE, RST | ACK, 0, C_ISN + 1, 0);
  got = rows (f.c);
  /* no listener: the server was CLOSED all along */
  g_assert_cmpstr (got, ==, "CLOSED/CLOSED SYN_SENT/CLOSED CLOSED/CLOSED | CLOSED/CLOSED");
  tv_tracker_free (f.t);
}

static void
test_unanswered (void)
{
  Feed f = { tv_tracker_new (), NULL, 0 };
  g_autofree char *got = NULL;

  feed (&f, TRUE, SYN, C_ISN, 0, 0);
  feed (&f, TRUE, SYN, C_ISN, 0, 0);
  got = rows (f.c);
  g_assert_cmpstr (got, ==, "CLOSED/- SYN_SENT/- SYN_SENT/- | SYN_SENT/-");
  tv_tracker_free (f.t);
}

/* The client's FIN comes after bytes the capture lost: the server gets it
 * only when the retransmission fills the gap. */
static void
test_fin_beyond_gap (void)
{
  Feed f = { tv_tracker_new (), NULL, 0 };
  g_autofree char *got = NULL;

  feed (&f, TRUE, SYN, C_ISN, 0, 0);
  feed (&f, FALSE, SYN | ACK, S_ISN, C_ISN + 1, 0);
  feed (&f, TRUE, ACK, C_ISN + 1, S_ISN + 1, 0);
  /* 10 bytes at C_ISN + 1 are lost; then 10 more and the FIN */
  feed (&f, TRUE, PSH | ACK, C_ISN + 11, S_ISN + 1, 10);
  feed (&f, TRUE, FIN | ACK, C_ISN + 21, S_ISN + 1, 0);
  feed (&f, FALSE, ACK, S_ISN + 1, C_ISN + 1, 0);   /* duplicate ACK */
  feed (&f, TRUE, PSH | ACK, C_ISN + 1, S_ISN + 1, 10);   /* the retransmission */
  feed (&f, FALSE, ACK, S_ISN + 1, C_ISN + 22, 0);
  got = rows (f.c);
  g_assert_cmpstr (got, ==,
                   "CLOSED/LISTEN SYN_SENT/SYN_RECEIVED ESTABLISHED/SYN_RECEIVED ESTABLISHED/ESTABLISHED "
                   "ESTABLISHED/ESTABLISHED FIN_WAIT_1/ESTABLISHED FIN_WAIT_1/ESTABLISHED "
                   "FIN_WAIT_1/CLOSE_WAIT FIN_WAIT_2/CLOSE_WAIT | FIN_WAIT_2/CLOSE_WAIT");
  tv_tracker_free (f.t);
}

/* The FIN is lost and sent again. */
static void
test_fin_lost (void)
{
  Feed f = { tv_tracker_new (), NULL, 0 };
  g_autofree char *got = NULL;

  feed (&f, TRUE, SYN, C_ISN, 0, 0);
  feed (&f, FALSE, SYN | ACK, S_ISN, C_ISN + 1, 0);
  feed (&f, TRUE, ACK, C_ISN + 1, S_ISN + 1, 0);
  feed (&f, TRUE, FIN | ACK, C_ISN + 1, S_ISN + 1, 0);
  feed (&f, FALSE, PSH | ACK, S_ISN + 1, C_ISN + 1, 5);   /* sent before the FIN arrived */
  feed (&f, TRUE, FIN | ACK, C_ISN + 1, S_ISN + 6, 0);    /* the FIN again */
  feed (&f, FALSE, ACK, S_ISN + 6, C_ISN + 2, 0);
  got = rows (f.c);
  g_assert_cmpstr (got, ==,
                   "CLOSED/LISTEN SYN_SENT/SYN_RECEIVED ESTABLISHED/SYN_RECEIVED ESTABLISHED/ESTABLISHED "
                   "FIN_WAIT_1/ESTABLISHED FIN_WAIT_1/ESTABLISHED FIN_WAIT_1/CLOSE_WAIT "
                   "FIN_WAIT_2/CLOSE_WAIT | FIN_WAIT_2/CLOSE_WAIT");
  tv_tracker_free (f.t);
}

/* An RST in every state the handshake and close go through. */
static void
test_reset_everywhere (void)
{
  static const guint after[] = { 1, 2, 3, 4, 5, 6, 7 };

  for (guint k = 0; k < G_N_ELEMENTS (after); k++)
    for (guint from_server = 0; from_server < 2; from_server++)
      {
        Feed f = { tv_tracker_new (), NULL, 0 };
        guint32 cseq[] = { C_ISN + 1, C_ISN + 1, C_ISN + 1, C_ISN + 2, C_ISN + 2, C_ISN + 2, C_ISN + 2 };
        guint32 sseq[] = { S_ISN + 1, S_ISN + 1, S_ISN + 1, S_ISN + 1, S_ISN + 1, S_ISN + 2, S_ISN + 2 };
        struct { gboolean to_server; guint16 flags; guint32 seq, ack; } script[] = {
          { TRUE, SYN, C_ISN, 0 },
          { FALSE, SYN | ACK, S_ISN, C_ISN + 1 },
          { TRUE, ACK, C_ISN + 1, S_ISN + 1 },
          { TRUE, FIN | ACK, C_ISN + 1, S_ISN + 1 },
          { FALSE, ACK, S_ISN + 1, C_ISN + 2 },
          { FALSE, FIN | ACK, S_ISN + 1, C_ISN + 2 },
          { TRUE, ACK, C_ISN + 2, S_ISN + 2 },
        };
        guint8 cl, sv;

        for (guint i = 0; i < after[k]; i++)
          feed (&f, script[i].to_server, script[i].flags, script[i].seq, script[i].ack, 0);
        cl = f.c->client_state;
        sv = f.c->server_state;
        if (from_server)
          feed (&f, FALSE, RST, sseq[k], 0, 0);
        else
          feed (&f, TRUE, RST, cseq[k], 0, 0);
        g_assert_true (rfc9293_allows (cl, f.c->client_state));
        g_assert_true (rfc9293_allows (sv, f.c->server_state));
        g_assert_cmpint (f.c->client_state, ==, CLOSED);
        /* a server still in SYN_RECEIVED returns to LISTEN (3.10.7.4) */
        g_assert_cmpint (f.c->server_state, ==,
                         (!from_server && sv == SYN_RECEIVED) ? LISTEN : CLOSED);
        tv_tracker_free (f.t);
      }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/tcp-state/textbook", test_textbook);
  g_test_add_func ("/core/tcp-state/simultaneous-open", test_simultaneous_open);
  g_test_add_func ("/core/tcp-state/simultaneous-close", test_simultaneous_close);
  g_test_add_func ("/core/tcp-state/refused", test_refused);
  g_test_add_func ("/core/tcp-state/unanswered", test_unanswered);
  g_test_add_func ("/core/tcp-state/fin-beyond-gap", test_fin_beyond_gap);
  g_test_add_func ("/core/tcp-state/fin-lost", test_fin_lost);
  g_test_add_func ("/core/tcp-state/reset-everywhere", test_reset_everywhere);
  g_test_add_func ("/core/tcp-state/rfc9293/project", test_rfc9293_project);
  g_test_add_func ("/core/tcp-state/rfc9293/shared", test_rfc9293_shared);

  return g_test_run ();
}
