/* test-flow-layout.c: the flow view's geometry: lifelines and their order,
 * arrows from sender to receiver, folding into phases, selections. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>

#include "tv-flow-compare.h"
#include "tv-flow-layout.h"
#include "tv-label.h"
#include "tv-test-conn.h"

/* Segments of several connections, fed to a tracker in time order as a
 * capture would hold them. */
typedef struct {
  gint64      t_us;
  TvEndpoint  client, server;
  gboolean    to_server;
  guint16     flags;
  guint32     seq, ack, len;
  const char *label;
} Pending;

static void
endpoint (TvEndpoint *ep, guint8 last, guint16 port)
{
  memset (ep, 0, sizeof *ep);
  tv_test_ip4 (&ep->address, 10, 0, 0, last);
  ep->port = port;
}

static void
add (GArray *list, const TvEndpoint *c, const TvEndpoint *s, gboolean to_server,
     gint64 t_us, guint16 flags, guint32 seq, guint32 ack, guint32 len, const char *label)
{
  Pending p = { t_us, *c, *s, to_server, flags, seq, ack, len, label };

  g_array_append_val (list, p);
}

/* An HTTP fetch: handshake (SYN at @t0, its ACK at t0 + rtt), a GET 10 µs
 * later, the answer @wait µs after the GET in @n segments 20 µs apart, the
 * client's ACK 30 µs after the last, then the client's FIN 100 µs later,
 * the server's FIN-ACK rtt/2 later, the last ACK rtt/2 after that. */
static void
http_fetch (GArray *list, const TvEndpoint *c, const TvEndpoint *s,
            gint64 t0, gint64 rtt, gint64 wait, guint n)
{
  const guint32 ci = 1000, si = 5000;
  gint64 t;
  guint32 sseq = si + 1;

  add (list, c, s, TRUE, t0, TV_TCP_SYN, ci, 0, 0, NULL);
  add (list, c, s, FALSE, t0 + rtt / 2, TV_TCP_SYN | TV_TCP_ACK, si, ci + 1, 0, NULL);
  add (list, c, s, TRUE, t0 + rtt, TV_TCP_ACK, ci + 1, si + 1, 0, NULL);
  t = t0 + rtt + 10;
  add (list, c, s, TRUE, t, TV_TCP_PSH | TV_TCP_ACK, ci + 1, si + 1, 100, "GET / HTTP/1.1");
  t += wait;
  for (guint i = 0; i < n; i++)
    {
      add (list, c, s, FALSE, t, TV_TCP_ACK | (i == n - 1 ? TV_TCP_PSH : 0), sseq, ci + 101, 1000,
           i == 0 ? "HTTP/1.1 200 OK" : NULL);
      sseq += 1000;
      if (i + 1 < n)
        t += 20;
    }
  t += 30;
  add (list, c, s, TRUE, t, TV_TCP_ACK, ci + 101, sseq, 0, NULL);
  t += 100;
  add (list, c, s, TRUE, t, TV_TCP_FIN | TV_TCP_ACK, ci + 101, sseq, 0, NULL);
  t += rtt / 2;
  add (list, c, s, FALSE, t, TV_TCP_FIN | TV_TCP_ACK, sseq, ci + 102, 0, NULL);
  t += rtt / 2;
  add (list, c, s, TRUE, t, TV_TCP_ACK, ci + 102, sseq + 1, 0, NULL);
}

static int
by_time (gconstpointer a, gconstpointer b)
{
  const Pending *x = a, *y = b;

  return x->t_us < y->t_us ? -1 : x->t_us > y->t_us;
}

static TvTracker *
feed (GArray *list)
{
  TvTracker *tracker = tv_tracker_new ();
  const gint64 base = G_GINT64_CONSTANT (1700000000) * 1000000000;

  g_array_sort (list, by_time);
  for (guint i = 0; i < list->len; i++)
    {
      const Pending *p = &g_array_index (list, Pending, i);
      TvFrame f;
      int kind = TV_LABEL_NONE;

      memset (&f, 0, sizeof f);
      f.frame = i + 1;
      f.time_ns = base + p->t_us * 1000;
      f.src = p->to_server ? p->client.address : p->server.address;
      f.dst = p->to_server ? p->server.address : p->client.address;
      f.sport = p->to_server ? p->client.port : p->server.port;
      f.dport = p->to_server ? p->server.port : p->client.port;
      f.seq = p->seq;
      f.ack = p->ack;
      f.flags = p->flags;
      f.window = 64240;
      f.header_len = 20;
      f.len = p->len;
      f.ttl = 64;
      if (p->label != NULL)
        kind = g_str_has_prefix (p->label, "HTTP/") ? TV_LABEL_HTTP_RESPONSE : TV_LABEL_HTTP_REQUEST;
      tv_tracker_add (tracker, &f, kind, p->label, NULL);
    }
  tv_tracker_finish (tracker);
  return tracker;
}

/* A client 10.0.0.1 fetching from 10.0.0.2:80 (connections 0 and 2) and
 * 10.0.0.3:443 (connection 1), in parallel. */
static TvTracker *
two_servers (void)
{
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (Pending));
  TvEndpoint c1, c2, c3, s1, s2;

  endpoint (&c1, 1, 40001);
  endpoint (&c2, 1, 40002);
  endpoint (&c3, 1, 40003);
  endpoint (&s1, 2, 80);
  endpoint (&s2, 3, 443);
  http_fetch (list, &c1, &s1, 0, 400, 2000, 3);
  http_fetch (list, &c2, &s2, 150, 1000, 500, 2);
  http_fetch (list, &c3, &s1, 300, 400, 800, 1);
  return feed (list);
}

static gboolean
lifeline_is (const TvFlowLifeline *l, guint8 last, guint16 port)
{
  return l->endpoint.address.family == 4 && l->endpoint.address.bytes[3] == last &&
         l->endpoint.port == port && l->has_port == (port != 0);
}

static TvFlowLayout *
layout_of (TvTracker *tracker, const guint *conns, guint n, TvFlowLifelines lifelines, gboolean fold)
{
  TvFlowOptions opt;

  tv_flow_options_init (&opt);
  opt.lifelines = lifelines;
  opt.fold = fold;
  return tv_flow_layout_new (tracker, conns, n, &opt);
}

static void
test_order (void)
{
  TvTracker *tracker = two_servers ();
  const guint all[] = { 0, 1, 2 };
  const guint shuffled[] = { 2, 0, 1, 0 };
  TvFlowLayout *a, *b;
  TvFlowLifeline l;

  g_assert_cmpuint (tv_tracker_get_n_conns (tracker), ==, 3);

  /* per host: the client, then the servers as they first appear */
  a = layout_of (tracker, all, 3, TV_FLOW_LIFELINES_HOST, FALSE);
  g_assert_cmpuint (tv_flow_layout_get_n_lifelines (a), ==, 3);
  tv_flow_layout_get_lifeline (a, 0, &l);
  g_assert_true (lifeline_is (&l, 1, 0));
  g_assert_cmpuint (l.n_client, ==, 3);
  g_assert_cmpuint (l.n_server, ==, 0);
  tv_flow_layout_get_lifeline (a, 1, &l);
  g_assert_true (lifeline_is (&l, 2, 0));
  g_assert_cmpuint (l.n_server, ==, 2);
  tv_flow_layout_get_lifeline (a, 2, &l);
  g_assert_true (lifeline_is (&l, 3, 0));
  g_assert_cmpuint (l.n_server, ==, 1);

  /* the same whatever order the connections come in, each once */
  b = layout_of (tracker, shuffled, 4, TV_FLOW_LIFELINES_HOST, FALSE);
  g_assert_cmpuint (tv_flow_layout_get_n_conns (b), ==, 3);
  g_assert_cmpuint (tv_flow_layout_get_n_rows (b), ==, tv_flow_layout_get_n_rows (a));
  for (guint i = 0; i < 3; i++)
    {
      TvFlowLifeline la, lb;

      tv_flow_layout_get_lifeline (a, i, &la);
      tv_flow_layout_get_lifeline (b, i, &lb);
      g_assert_cmpint (memcmp (&la.endpoint, &lb.endpoint, sizeof la.endpoint), ==, 0);
      g_assert_cmpfloat (la.x, ==, lb.x);
    }
  tv_flow_layout_free (b);

  /* evenly spaced, left to right */
  for (guint i = 1; i < 3; i++)
    {
      TvFlowLifeline prev;

      tv_flow_layout_get_lifeline (a, i - 1, &prev);
      tv_flow_layout_get_lifeline (a, i, &l);
      g_assert_cmpfloat (l.x, >, prev.x + 100);
    }
  tv_flow_layout_free (a);

  /* per port: the client's three ports together, then the servers */
  a = layout_of (tracker, all, 3, TV_FLOW_LIFELINES_PORT, FALSE);
  g_assert_cmpuint (tv_flow_layout_get_n_lifelines (a), ==, 5);
  {
    const guint8 last[] = { 1, 1, 1, 2, 3 };
    const guint16 port[] = { 40001, 40002, 40003, 80, 443 };

    for (guint i = 0; i < 5; i++)
      {
        tv_flow_layout_get_lifeline (a, i, &l);
        g_assert_true (lifeline_is (&l, last[i], port[i]));
      }
  }
  tv_flow_layout_free (a);

  /* side by side: each connection's client and server, as given */
  {
    const guint pair[] = { 2, 0 };

    a = layout_of (tracker, pair, 2, TV_FLOW_LIFELINES_CONNECTION, FALSE);
    g_assert_cmpuint (tv_flow_layout_get_n_lifelines (a), ==, 4);
    tv_flow_layout_get_lifeline (a, 0, &l);
    g_assert_true (lifeline_is (&l, 1, 40003));
    g_assert_cmpint (l.side, ==, TV_DIR_CLIENT_TO_SERVER);
    tv_flow_layout_get_lifeline (a, 1, &l);
    g_assert_true (lifeline_is (&l, 2, 80));
    g_assert_cmpuint (l.conn, ==, 0);
    tv_flow_layout_get_lifeline (a, 2, &l);
    g_assert_true (lifeline_is (&l, 1, 40001));
    g_assert_cmpuint (l.conn, ==, 1);
    tv_flow_layout_get_lifeline (a, 3, &l);
    g_assert_true (lifeline_is (&l, 2, 80));
    g_assert_cmpint (l.side, ==, TV_DIR_SERVER_TO_CLIENT);
    tv_flow_layout_free (a);
  }

  tv_tracker_free (tracker);
}

static void
test_loopback (void)
{
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (Pending));
  TvEndpoint c, s, c2, s2;
  TvTracker *tracker;
  TvFlowLayout *layout;
  TvFlowLifeline l;
  const guint all[] = { 0, 1 };

  /* 10.0.0.9 talks to itself (ports 5000 -> 8080), and to 10.0.0.2:80 */
  endpoint (&c, 9, 5000);
  endpoint (&s, 9, 8080);
  endpoint (&c2, 9, 5001);
  endpoint (&s2, 2, 80);
  http_fetch (list, &c, &s, 0, 100, 100, 1);
  http_fetch (list, &c2, &s2, 50, 100, 100, 1);
  tracker = feed (list);

  layout = layout_of (tracker, all, 2, TV_FLOW_LIFELINES_HOST, FALSE);
  /* per host, but 10.0.0.9 is at both ends of connection 0: per port */
  g_assert_cmpuint (tv_flow_layout_get_n_lifelines (layout), ==, 4);
  tv_flow_layout_get_lifeline (layout, 0, &l);
  g_assert_true (lifeline_is (&l, 9, 5000));
  tv_flow_layout_get_lifeline (layout, 1, &l);
  g_assert_true (lifeline_is (&l, 9, 8080));
  tv_flow_layout_get_lifeline (layout, 2, &l);
  g_assert_true (lifeline_is (&l, 9, 5001));
  tv_flow_layout_get_lifeline (layout, 3, &l);
  g_assert_true (lifeline_is (&l, 2, 0));
  for (guint i = 0; i < tv_flow_layout_get_n_rows (layout); i++)
    {
      TvFlowRow row;

      tv_flow_layout_get_row (layout, i, &row);
      g_assert_cmpuint (row.from, !=, row.to);
    }
  tv_flow_layout_free (layout);
  tv_tracker_free (tracker);
}

/* Each arrow goes from its sender's lifeline to its receiver's, rows in
 * capture order going down. */
static void
check_arrows (TvTracker *tracker, TvFlowLayout *layout)
{
  guint n = tv_flow_layout_get_n_rows (layout);
  guint32 prev_frame = 0;
  double prev_y = 0;
  guint64 total = 0;

  for (guint c = 0; c < tv_flow_layout_get_n_conns (layout); c++)
    total += tv_flow_layout_get_conn (layout, c)->n_segs;
  g_assert_cmpuint (n, ==, total);

  for (guint i = 0; i < n; i++)
    {
      TvFlowRow row;
      TvFlowLifeline from, to;
      const TvEndpoint *sender, *receiver;
      TvLadderLabel label;

      tv_flow_layout_get_row (layout, i, &row);
      sender = row.seg->dir == TV_DIR_CLIENT_TO_SERVER ? &row.conn->client : &row.conn->server;
      receiver = row.seg->dir == TV_DIR_CLIENT_TO_SERVER ? &row.conn->server : &row.conn->client;
      tv_flow_layout_get_lifeline (layout, row.from, &from);
      tv_flow_layout_get_lifeline (layout, row.to, &to);

      g_assert_cmpint (tv_address_compare (&from.endpoint.address, &sender->address), ==, 0);
      g_assert_cmpint (tv_address_compare (&to.endpoint.address, &receiver->address), ==, 0);
      if (from.has_port)
        g_assert_cmpuint (from.endpoint.port, ==, sender->port);
      if (to.has_port)
        g_assert_cmpuint (to.endpoint.port, ==, receiver->port);
      g_assert_cmpfloat (row.ladder.x1, ==, from.x);
      g_assert_cmpfloat (row.ladder.x2, ==, to.x);
      g_assert_cmpfloat (row.ladder.y2, >, row.ladder.y1);
      g_assert_cmpfloat (row.ladder.top, <, row.ladder.y1);
      g_assert_cmpfloat (row.ladder.label_max_width, <=, ABS (to.x - from.x));

      g_assert_cmpuint (row.seg->frame, >, prev_frame);
      g_assert_cmpfloat (row.ladder.y1, >, prev_y);
      prev_frame = row.seg->frame;
      prev_y = row.ladder.y1;

      /* the ladder's label and colour */
      tv_flow_layout_get_label (layout, &row, &label);
      {
        TvLadderLabel want;

        tv_ladder_segment_label (tracker, row.conn, row.seg, FALSE, &want);
        g_assert_cmpstr (label.text, ==, want.text);
        g_assert_true (label.app == want.app);
      }

      /* found again, and hit on its arrow's middle */
      g_assert_cmpint (tv_flow_layout_find_segment (layout, row.conn->id, row.seg_index), ==, i);
      g_assert_cmpint (tv_flow_layout_row_at (layout, (row.ladder.x1 + row.ladder.x2) / 2,
                                              (row.ladder.y1 + row.ladder.y2) / 2), ==, i);
    }
}

static void
test_arrows (void)
{
  TvTracker *tracker = two_servers ();
  const guint all[] = { 0, 1, 2 };
  TvFlowLayout *layout;
  TvFlowRow row;

  for (TvFlowLifelines mode = TV_FLOW_LIFELINES_HOST; mode <= TV_FLOW_LIFELINES_PORT; mode++)
    {
      layout = layout_of (tracker, all, 3, mode, FALSE);
      check_arrows (tracker, layout);
      tv_flow_layout_free (layout);
    }

  /* the first rows: conn 0's SYN, client -> 10.0.0.2, then conn 1's SYN
   * (150 µs), client -> 10.0.0.3, then conn 2's (300 µs) */
  layout = layout_of (tracker, all, 3, TV_FLOW_LIFELINES_HOST, FALSE);
  tv_flow_layout_get_row (layout, 0, &row);
  g_assert_cmpuint (row.conn->id, ==, 0);
  g_assert_cmpuint (row.from, ==, 0);
  g_assert_cmpuint (row.to, ==, 1);
  g_assert_cmpint (row.ladder.kind, ==, TV_LADDER_KIND_HANDSHAKE);
  g_assert_cmpint (row.rel_ns, ==, 0);
  tv_flow_layout_get_row (layout, 1, &row);
  g_assert_cmpuint (row.conn->id, ==, 1);
  g_assert_cmpuint (row.to, ==, 2);
  g_assert_cmpint (row.rel_ns, ==, 150000);
  tv_flow_layout_get_row (layout, 2, &row);
  g_assert_cmpuint (row.conn->id, ==, 0);   /* conn 0's SYN-ACK at 200 µs */
  g_assert_cmpuint (row.from, ==, 1);
  g_assert_cmpuint (row.to, ==, 0);
  g_assert_cmpint (row.rel_ns, ==, 200000);
  tv_flow_layout_free (layout);

  tv_tracker_free (tracker);

  /* real captures: several connections, loopback */
  {
    const char *names[] = { "tcp-interleaved.pcap", "loopback-http.pcap", "tcp-port-reuse-fin.pcap" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));

        tracker = tv_test_load_capture (names[i]);
        if (tracker == NULL)
          {
            g_test_skip ("TV_TEST_CAPTURES not set");
            return;
          }
        for (guint c = 0; c < tv_tracker_get_n_conns (tracker); c++)
          g_array_append_val (ids, c);
        for (TvFlowLifelines mode = TV_FLOW_LIFELINES_HOST; mode <= TV_FLOW_LIFELINES_PORT; mode++)
          {
            layout = layout_of (tracker, (guint *) ids->data, ids->len, mode, FALSE);
            g_assert_cmpuint (tv_flow_layout_get_n_rows (layout), >, 0);
            check_arrows (tracker, layout);
            tv_flow_layout_free (layout);
          }
        tv_tracker_free (tracker);
      }
  }
}

static void
test_fold (void)
{
  TvTracker *tracker = two_servers ();
  const guint all[] = { 0, 1, 2 };
  TvFlowLayout *layout;
  g_autoptr(GArray) phases = NULL;
  const TvFlowPhase *p;
  /* conn 0: rtt 400 µs, the answer 2000 µs after the GET, 3 segments */
  const TvFlowPhaseKind kinds[] = {
    TV_FLOW_PHASE_HANDSHAKE, TV_FLOW_PHASE_REQUEST, TV_FLOW_PHASE_RESPONSE, TV_FLOW_PHASE_CLOSE,
  };
  const gint64 durations[] = { 400000, 2000000, (2 * 20 + 30) * 1000, 400000 };
  const guint n_segs[] = { 3, 1, 4, 3 };
  guint seen[3] = { 0 };

  phases = tv_flow_conn_phases (tv_tracker_get_conn (tracker, 0));
  g_assert_cmpuint (phases->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      p = &g_array_index (phases, TvFlowPhase, i);
      g_assert_cmpint (p->kind, ==, kinds[i]);
      g_assert_cmpint (p->duration_ns, ==, durations[i]);
      g_assert_cmpuint (p->n_segs, ==, n_segs[i]);
    }
  p = &g_array_index (phases, TvFlowPhase, 1);
  g_assert_cmpint (p->dir, ==, TV_DIR_CLIENT_TO_SERVER);
  g_assert_cmpuint (p->bytes, ==, 100);
  g_assert_cmpstr (tv_tracker_get_label (tracker, p->label), ==, "GET / HTTP/1.1");
  p = &g_array_index (phases, TvFlowPhase, 2);
  g_assert_cmpint (p->dir, ==, TV_DIR_SERVER_TO_CLIENT);
  g_assert_cmpuint (p->bytes, ==, 3000);
  g_assert_cmpstr (tv_tracker_get_label (tracker, p->label), ==, "HTTP/1.1 200 OK");

  /* folded: one arrow per phase, four per connection, from the phase's
   * sender; its label says the phase and how long it took */
  layout = layout_of (tracker, all, 3, TV_FLOW_LIFELINES_HOST, TRUE);
  g_assert_cmpuint (tv_flow_layout_get_n_rows (layout), ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      TvFlowRow row;
      TvLadderLabel label;
      g_autofree char *want = NULL;

      tv_flow_layout_get_row (layout, i, &row);
      g_assert_true (row.folded);
      g_assert_cmpint (row.phase.kind, ==, kinds[seen[row.conn->id]]);
      seen[row.conn->id]++;
      if (row.phase.kind == TV_FLOW_PHASE_RESPONSE)
        {
          g_assert_cmpuint (row.from, ==, row.conn->id == 1 ? 2 : 1);
          g_assert_cmpuint (row.to, ==, 0);
          g_assert_cmpint (row.ladder.kind, ==, TV_LADDER_KIND_DATA);
        }
      else
        g_assert_cmpuint (row.from, ==, 0);
      tv_flow_layout_get_label (layout, &row, &label);
      if (row.conn->id == 0 && row.phase.kind == TV_FLOW_PHASE_REQUEST)
        {
          g_assert_cmpstr (label.text, ==, "Request 2.00 ms · 1 segment · 100 B");
          g_assert_cmpstr (label.app, ==, "GET / HTTP/1.1");
        }
      if (row.conn->id == 1 && row.phase.kind == TV_FLOW_PHASE_HANDSHAKE)
        g_assert_cmpstr (label.text, ==, "Handshake 1.00 ms");
      /* any segment of the phase finds its row */
      g_assert_cmpint (tv_flow_layout_find_segment (layout, row.conn->id, row.phase.last_seg), ==, i);
    }
  g_assert_cmpuint (seen[0], ==, 4);
  g_assert_cmpuint (seen[1], ==, 4);
  g_assert_cmpuint (seen[2], ==, 4);
  tv_flow_layout_free (layout);
  tv_tracker_free (tracker);
}

static void
test_select (void)
{
  TvTracker *tracker = two_servers ();
  TvAddress a, b, c;
  g_autoptr(GArray) ids = NULL;
  const TvConn *c0 = tv_tracker_get_conn (tracker, 0);
  TvFlowOptions opt;
  TvFlowLayout *layout;
  const guint all[] = { 0, 1, 2 };

  tv_test_ip4 (&a, 10, 0, 0, 1);
  tv_test_ip4 (&b, 10, 0, 0, 2);
  tv_test_ip4 (&c, 10, 0, 0, 3);

  ids = tv_flow_select_hosts (tracker, &b, &a);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpuint (g_array_index (ids, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (ids, guint, 1), ==, 2);
  g_array_unref (ids);
  ids = tv_flow_select_hosts (tracker, &b, &c);
  g_assert_cmpuint (ids->len, ==, 0);
  g_array_unref (ids);

  /* connection 1 starts at 150 µs: a range before it holds 0 and 2 */
  ids = tv_flow_select_time_range (tracker, c0->first_ns, c0->first_ns + 100000);
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_unref (ids);
  ids = tv_flow_select_time_range (tracker, c0->first_ns + 140000, c0->first_ns + 310000);
  g_assert_cmpuint (ids->len, ==, 3);

  /* a time range keeps only the rows inside it */
  tv_flow_options_init (&opt);
  opt.time_start = c0->first_ns + 140000;
  opt.time_end = c0->first_ns + 310000;
  layout = tv_flow_layout_new (tracker, all, 3, &opt);
  /* 150: conn 1's SYN; 200: conn 0's SYN-ACK; 300: conn 2's SYN */
  g_assert_cmpuint (tv_flow_layout_get_n_rows (layout), ==, 3);
  tv_flow_layout_free (layout);

  tv_tracker_free (tracker);
}

/* Side by side: times from each connection's SYN, on one axis. */
static void
test_aligned (void)
{
  TvTracker *tracker = two_servers ();
  const guint pair[] = { 0, 1 };
  TvFlowOptions opt;
  TvFlowLayout *layout;
  gint64 prev = -1;
  double y_syn[2] = { -1, -1 };

  tv_flow_options_init (&opt);
  opt.lifelines = TV_FLOW_LIFELINES_CONNECTION;
  opt.align_start = TRUE;
  opt.spacing = TV_LADDER_SPACING_TIME;
  layout = tv_flow_layout_new (tracker, pair, 2, &opt);
  g_assert_cmpuint (tv_flow_layout_get_n_rows (layout), ==,
                    tv_tracker_get_conn (tracker, 0)->n_segs + tv_tracker_get_conn (tracker, 1)->n_segs);
  for (guint i = 0; i < tv_flow_layout_get_n_rows (layout); i++)
    {
      TvFlowRow row;

      tv_flow_layout_get_row (layout, i, &row);
      g_assert_cmpint (row.rel_ns, >=, prev);
      prev = row.rel_ns;
      if (row.seg_index == 0)
        {
          g_assert_cmpint (row.rel_ns, ==, 0);
          y_syn[row.conn_pos] = row.ladder.y1;
        }
      /* each connection in its own pair of columns */
      g_assert_cmpuint (row.from / 2, ==, row.conn_pos);
      g_assert_cmpuint (row.to / 2, ==, row.conn_pos);
    }
  /* both SYNs on the first two rows */
  g_assert_cmpfloat (y_syn[0], <, y_syn[1]);
  g_assert_cmpint (tv_flow_layout_find_segment (layout, 1, 0), ==, 1);
  tv_flow_layout_free (layout);
  tv_tracker_free (tracker);
}

/* The time of each phase in two connections, and the difference in words. */
static void
test_compare (void)
{
  TvTracker *tracker = two_servers ();
  TvFlowPhaseTimes a, b;
  g_autofree char *hs = NULL, *req = NULL, *resp = NULL, *close = NULL, *all = NULL, *summary = NULL;
  g_autofree char *reset = NULL, *swapped = NULL;

  tv_flow_phase_times (tv_tracker_get_conn (tracker, 0), &a);
  tv_flow_phase_times (tv_tracker_get_conn (tracker, 1), &b);

  g_assert_cmpint (a.ns[TV_FLOW_PHASE_HANDSHAKE], ==, 400000);
  g_assert_cmpint (a.ns[TV_FLOW_PHASE_REQUEST], ==, 2000000);
  g_assert_cmpint (a.ns[TV_FLOW_PHASE_RESPONSE], ==, 70000);
  g_assert_cmpint (a.ns[TV_FLOW_PHASE_CLOSE], ==, 400000);
  g_assert_cmpint (a.total_ns, ==, 2980000);
  g_assert_cmpint (b.ns[TV_FLOW_PHASE_HANDSHAKE], ==, 1000000);
  g_assert_cmpint (b.ns[TV_FLOW_PHASE_REQUEST], ==, 500000);
  g_assert_cmpint (b.ns[TV_FLOW_PHASE_RESPONSE], ==, 50000);
  g_assert_cmpint (b.ns[TV_FLOW_PHASE_CLOSE], ==, 1000000);
  g_assert_cmpint (b.total_ns, ==, 2660000);
  for (guint k = 0; k < TV_FLOW_PHASE_RESET; k++)
    g_assert_cmpuint (a.count[k], ==, 1);
  g_assert_cmpuint (a.count[TV_FLOW_PHASE_RESET], ==, 0);

  hs = tv_flow_compare_phrase (&a, &b, TV_FLOW_PHASE_HANDSHAKE);
  req = tv_flow_compare_phrase (&a, &b, TV_FLOW_PHASE_REQUEST);
  resp = tv_flow_compare_phrase (&a, &b, TV_FLOW_PHASE_RESPONSE);
  close = tv_flow_compare_phrase (&a, &b, TV_FLOW_PHASE_CLOSE);
  reset = tv_flow_compare_phrase (&a, &b, TV_FLOW_PHASE_RESET);
  all = tv_flow_compare_phrase (&a, &b, TV_FLOW_N_PHASES);
  g_assert_cmpstr (hs, ==, "B took 600 µs longer (2.5×)");
  g_assert_cmpstr (req, ==, "B took 1.50 ms less");
  g_assert_cmpstr (resp, ==, "about the same");   /* 20 µs apart */
  g_assert_cmpstr (close, ==, "B took 600 µs longer (2.5×)");
  g_assert_cmpstr (reset, ==, "in neither");
  g_assert_cmpstr (all, ==, "B took 320 µs less");

  summary = tv_flow_compare_summary (&a, &b);
  g_assert_cmpstr (summary, ==, "In all, B took 320 µs less than A (2.66 ms against 2.98 ms). "
                                "Most of the difference is in waiting for the answer to the request: 1.50 ms. "
                                "B’s round trip, as its handshake shows, was 600 µs longer: "
                                "each phase that waits for an answer waits about that much longer.");
  swapped = tv_flow_compare_summary (&b, &a);
  g_assert_true (g_str_has_prefix (swapped, "In all, B took 320 µs longer than A (2.98 ms against 2.66 ms)."));
  g_assert_nonnull (strstr (swapped, "was 600 µs shorter"));

  tv_tracker_free (tracker);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/flow/order", test_order);
  g_test_add_func ("/render/flow/loopback", test_loopback);
  g_test_add_func ("/render/flow/arrows", test_arrows);
  g_test_add_func ("/render/flow/fold", test_fold);
  g_test_add_func ("/render/flow/select", test_select);
  g_test_add_func ("/render/flow/aligned", test_aligned);
  g_test_add_func ("/render/flow/compare", test_compare);

  return g_test_run ();
}
