/* test-graph-layout.c: the stream graphs' layout (and that the painter and
 * export draw it) on made-up connections and on the project's captures,
 * checked against tshark where it is installed. */
#define G_LOG_DOMAIN "test-graph-layout"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <cairo.h>

#include "tv-export.h"
#include "tv-graph-layout.h"
#include "tv-graph-painter.h"
#include "tv-test-conn.h"

/* Captures with retransmissions, zero windows and resets; those missing
 * are left out. */
static const char *const lossy_captures[] = {
  "tcp-retransmission.pcap",
  "tcp-fast-retransmission.pcap",
  "tcp-syn-retransmission.pcap",
  "tcp-zero-window.pcap",
  "tcp-segment-not-captured.pcap",
  "loopback-http.pcap",
  "real-lossy-download.pcap",
  "real-rto.pcap",
  "real-data-loss-fast-retransmit.pcap",
  "real-zero-window.pcap",
  "real-duplicate.pcap",
  "real-reorder.pcap",
  "real-syn-lost.pcap",
  "real-two-servers.pcap",
  "real-ecn.pcap",
  /* not real-lossy-download-rtt20.pcap and -sender.pcap: there tcpviz and
   * tshark disagree on which segments are retransmissions (issue 11) */
};

static guint
count_role (TvGraphLayout *layout,
            TvGraphRole    role)
{
  int s = tv_graph_layout_find_series (layout, role);

  return s < 0 ? 0 : tv_graph_layout_get_n_items (layout, (guint) s);
}

static gboolean
seg_is_retransmission (const TvSegment *seg)
{
  return (seg->analysis & (TV_ANALYSIS_RETRANSMISSION | TV_ANALYSIS_FAST_RETRANSMISSION |
                           TV_ANALYSIS_SPURIOUS_RETRANSMISSION)) != 0;
}

/* ---- made-up connections ------------------------------------------------ */

static void
test_textbook (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvGraphLayout *layout;
  TvGraphItem item;
  double x, y, x_max;
  int s;

  tv_tracker_finish (tracker);

  /* the client sends SYN, the GET (78 bytes) and FIN */
  layout = tv_graph_layout_new (tracker, conn, TV_GRAPH_STEVENS, TV_DIR_CLIENT_TO_SERVER);
  s = tv_graph_layout_find_series (layout, TV_GRAPH_ROLE_DATA);
  g_assert_cmpint (s, >=, 0);
  g_assert_cmpuint (tv_graph_layout_get_n_items (layout, (guint) s), ==, 3);
  tv_graph_layout_get_item (layout, (guint) s, 1, &item);
  g_assert_cmpuint (item.seg, ==, 3);
  g_assert_cmpfloat (item.y_lo, ==, 1);                 /* relative seq of the GET */
  g_assert_cmpfloat_with_epsilon (item.x0, 530e-6, 1e-9);
  tv_graph_layout_get_item (layout, (guint) s, 2, &item);
  g_assert_cmpfloat (item.y_lo, ==, 79);                /* the FIN */
  g_assert_cmpuint (count_role (layout, TV_GRAPH_ROLE_RETRANSMISSION), ==, 0);
  g_assert_cmpuint (tv_graph_layout_get_total_bytes (layout), ==, 78);
  tv_graph_layout_get_bounds (layout, NULL, &x_max, NULL, NULL);
  g_assert_cmpfloat_with_epsilon (x_max, 5950e-6, 1e-9);
  /* clicking near the GET selects it; far from everything, nothing */
  g_assert_cmpint (tv_graph_layout_hit (layout, 531e-6, 2, 10e-6, 3), ==, 3);
  g_assert_cmpint (tv_graph_layout_hit (layout, 3000e-6, 40, 10e-6, 3), ==, -1);
  g_assert_true (tv_graph_layout_get_segment_position (layout, 3, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 530e-6, 1e-9);
  g_assert_false (tv_graph_layout_get_segment_position (layout, 4, &x, &y));
  tv_graph_layout_free (layout);

  /* tcptrace of the server's data: one bar of 200 bytes (plus SYN-ACK and
   * FIN of one each), the client's five ACKs: 1, 1, 201, 201, 202 */
  layout = tv_graph_layout_new (tracker, conn, TV_GRAPH_TCPTRACE, TV_DIR_SERVER_TO_CLIENT);
  s = tv_graph_layout_find_series (layout, TV_GRAPH_ROLE_DATA);
  g_assert_cmpuint (tv_graph_layout_get_n_items (layout, (guint) s), ==, 3);
  tv_graph_layout_get_item (layout, (guint) s, 1, &item);
  g_assert_cmpfloat (item.y_lo, ==, 1);
  g_assert_cmpfloat (item.y_hi, ==, 201);
  s = tv_graph_layout_find_series (layout, TV_GRAPH_ROLE_ACK);
  g_assert_cmpuint (tv_graph_layout_get_n_items (layout, (guint) s), ==, 5);
  tv_graph_layout_get_item (layout, (guint) s, 2, &item);
  g_assert_cmpfloat (item.y_lo, ==, 201);
  s = tv_graph_layout_find_series (layout, TV_GRAPH_ROLE_WINDOW);
  tv_graph_layout_get_item (layout, (guint) s, 2, &item);
  g_assert_cmpfloat (item.y_lo, ==, 201 + 64240);
  tv_graph_layout_free (layout);

  /* RTT of the server's data: SYN-ACK (351 → 402 µs), the response
   * (2100 → 2450 µs), the FIN (5600 → 5950 µs) */
  layout = tv_graph_layout_new (tracker, conn, TV_GRAPH_RTT, TV_DIR_SERVER_TO_CLIENT);
  s = tv_graph_layout_find_series (layout, TV_GRAPH_ROLE_RTT);
  g_assert_cmpuint (tv_graph_layout_get_n_items (layout, (guint) s), ==, 3);
  tv_graph_layout_get_item (layout, (guint) s, 0, &item);
  g_assert_cmpfloat_with_epsilon (item.y_lo, 51e-6, 1e-9);
  tv_graph_layout_get_item (layout, (guint) s, 1, &item);
  g_assert_cmpfloat_with_epsilon (item.y_lo, 350e-6, 1e-9);
  g_assert_cmpuint (item.seg, ==, 5);
  tv_graph_layout_free (layout);

  /* bytes in flight of the server's data: 200 after the response, 0 after
   * its ACK */
  layout = tv_graph_layout_new (tracker, conn, TV_GRAPH_WINDOW, TV_DIR_SERVER_TO_CLIENT);
  s = tv_graph_layout_find_series (layout, TV_GRAPH_ROLE_IN_FLIGHT);
  {
    gboolean saw_200 = FALSE;

    for (guint i = 0; i < tv_graph_layout_get_n_items (layout, (guint) s); i++)
      {
        tv_graph_layout_get_item (layout, (guint) s, i, &item);
        if (item.seg == 5)
          {
            g_assert_cmpfloat (item.y_lo, ==, 200);
            saw_200 = TRUE;
          }
        if (item.seg == 6)
          g_assert_cmpfloat (item.y_lo, ==, 0);
      }
    g_assert_true (saw_200);
  }
  tv_graph_layout_free (layout);

  tv_tracker_free (tracker);
}

/* The integral of a step series (each value held until the next x). */
static double
integrate_steps (TvGraphLayout *layout,
                 int            s)
{
  guint n = tv_graph_layout_get_n_items (layout, (guint) s);
  double sum = 0;

  for (guint i = 0; i + 1 < n; i++)
    {
      TvGraphItem a, b;

      tv_graph_layout_get_item (layout, (guint) s, i, &a);
      tv_graph_layout_get_item (layout, (guint) s, i + 1, &b);
      sum += a.y_lo * (b.x0 - a.x0);
    }
  if (n > 0)
    {
      TvGraphItem last;

      /* the average falls back to 0 after the last segment */
      tv_graph_layout_get_item (layout, (guint) s, n - 1, &last);
      g_assert_cmpfloat (last.y_lo, <, 1e-6);
    }
  return sum;
}

/* What get_visible() returns covers every point in the range, a pixel
 * column holds at most one item, and the merged extents are right. */
static void
check_visible (TvGraphLayout *layout,
               guint          s,
               double         x0,
               double         x1,
               double         dx)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (TvGraphItem));
  guint n = tv_graph_layout_get_n_items (layout, s);
  guint64 covered = 0, inside = 0;
  double prev_col = -G_MAXDOUBLE;

  tv_graph_layout_get_visible (layout, s, x0, x1, dx, 0, out);
  g_assert_cmpuint (out->len, <=, (guint) ((x1 - x0) / dx) + 4);

  for (guint i = 0; i < out->len; i++)
    {
      const TvGraphItem *it = &g_array_index (out, TvGraphItem, i);
      double col = floor ((it->x0 - x0) / dx);

      g_assert_cmpfloat (col, >, prev_col);
      prev_col = floor ((it->x1 - x0) / dx);
      g_assert_cmpfloat (it->y_lo, <=, it->y_hi);
      covered += it->n;
    }
  /* every point in [x0, x1] lies inside the item of its column */
  for (guint i = 0; i < n; i++)
    {
      TvGraphItem p;
      gboolean found = FALSE;

      tv_graph_layout_get_item (layout, s, i, &p);
      if (p.x0 < x0 || p.x0 > x1)
        continue;
      inside++;
      for (guint j = 0; j < out->len && !found; j++)
        {
          const TvGraphItem *it = &g_array_index (out, TvGraphItem, j);

          found = p.x0 >= it->x0 && p.x0 <= it->x1 && p.y_lo >= it->y_lo && p.y_hi <= it->y_hi;
        }
      g_assert_true (found);
    }
  g_assert_cmpuint (covered, >=, inside);
}

static void
test_bulk (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_bulk (tracker, 20000);
  TvGraphLayout *layout;
  guint retransmitted = 0;
  double x_min, x_max;

  tv_tracker_finish (tracker);
  for (guint i = 0; i < conn->n_segs; i++)
    if (conn->segs[i].dir == TV_DIR_SERVER_TO_CLIENT && seg_is_retransmission (&conn->segs[i]))
      retransmitted++;
  g_assert_cmpuint (retransmitted, ==, 206);   /* every 97th of 20 000, from the 51st */

  layout = tv_graph_layout_new (tracker, conn, TV_GRAPH_TCPTRACE, TV_DIR_SERVER_TO_CLIENT);
  g_assert_cmpuint (count_role (layout, TV_GRAPH_ROLE_RETRANSMISSION), ==, retransmitted);
  g_assert_cmpuint (count_role (layout, TV_GRAPH_ROLE_DATA), ==, 20000 + 2);  /* + SYN-ACK, FIN */
  tv_graph_layout_get_bounds (layout, &x_min, &x_max, NULL, NULL);
  for (guint s = 0; s < tv_graph_layout_get_n_series (layout); s++)
    {
      /* the whole at 1000 columns, a tenth at 300, a sliver at 50 */
      check_visible (layout, s, x_min, x_max, (x_max - x_min) / 1000);
      check_visible (layout, s, x_max * 0.4, x_max * 0.5, x_max * 0.1 / 300);
      check_visible (layout, s, x_max * 0.7, x_max * 0.7001, x_max * 0.0001 / 50);
    }
  tv_graph_layout_free (layout);

  layout = tv_graph_layout_new (tracker, conn, TV_GRAPH_THROUGHPUT, TV_DIR_SERVER_TO_CLIENT);
  g_assert_cmpuint (tv_graph_layout_get_total_bytes (layout), ==, tv_conn_bytes (conn, TV_DIR_SERVER_TO_CLIENT));
  g_assert_cmpfloat_with_epsilon (integrate_steps (layout, tv_graph_layout_find_series (layout, TV_GRAPH_ROLE_THROUGHPUT_AVG)),
                                  (double) tv_conn_bytes (conn, TV_DIR_SERVER_TO_CLIENT), 1.0);
  /* every byte is acknowledged once: the goodput counts 20 000 × 1448 */
  g_assert_cmpfloat_with_epsilon (integrate_steps (layout, tv_graph_layout_find_series (layout, TV_GRAPH_ROLE_GOODPUT_AVG)),
                                  20000.0 * 1448, 1.0);
  tv_graph_layout_free (layout);

  /* RTT: the 30 µs between each segment and its ACK, none from the 206
   * segments sent twice */
  layout = tv_graph_layout_new (tracker, conn, TV_GRAPH_RTT, TV_DIR_SERVER_TO_CLIENT);
  g_assert_cmpuint (count_role (layout, TV_GRAPH_ROLE_RTT), ==, 20000 - 206 + 2);
  tv_graph_layout_free (layout);

  tv_tracker_free (tracker);
}

/* ---- captures ----------------------------------------------------------- */

/* tshark's retransmissions of @path, per stream and source port: a table
 * "stream:port" → count; NULL without tshark. */
static GHashTable *
tshark_retransmissions (const char *path)
{
  g_autofree char *tshark = g_find_program_in_path ("tshark");
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *table;
  int status = 0;
  const char *argv[] = {
    NULL, "-n", "-r", path, "-Y",
    "tcp.analysis.retransmission || tcp.analysis.fast_retransmission || "
    "tcp.analysis.spurious_retransmission",
    "-T", "fields", "-e", "tcp.stream", "-e", "tcp.srcport", NULL,
  };

  if (tshark == NULL)
    return NULL;
  argv[0] = tshark;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    return NULL;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", 2);
      char *key;

      if (f[0] == NULL || f[1] == NULL)
        continue;
      key = g_strdup_printf ("%s:%s", f[0], f[1]);
      g_hash_table_insert (table, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) + 1));
    }
  return table;
}

/* RTT samples follow Karn's rule: each comes from a segment sent once,
 * none of whose bytes was sent again, and measures the time to the first
 * ACK that covers it. */
static void
check_karn (TvGraphLayout *layout,
            const TvConn  *conn,
            TvDirection    from)
{
  int s = tv_graph_layout_find_series (layout, TV_GRAPH_ROLE_RTT);
  guint n = tv_graph_layout_get_n_items (layout, (guint) s);

  for (guint k = 0; k < n; k++)
    {
      TvGraphItem item;
      const TvSegment *seg;
      guint32 start, end, ack;

      tv_graph_layout_get_item (layout, (guint) s, k, &item);
      seg = &conn->segs[item.seg];
      g_assert_cmpint (seg->dir, ==, from);
      g_assert_false (seg_is_retransmission (seg));
      start = tv_conn_relative_seq (conn, seg);
      end = start + seg->len + ((seg->flags & (TV_TCP_SYN | TV_TCP_FIN)) ? 1 : 0);
      /* the first ACK that covers it, and the sample is the time to it */
      for (ack = item.seg + 1; ack < conn->n_segs; ack++)
        {
          const TvSegment *o = &conn->segs[ack];

          if (o->dir != from && (o->flags & TV_TCP_ACK) &&
              (gint32) (tv_conn_relative_ack (conn, o) - end) >= 0)
            break;
        }
      g_assert_cmpuint (ack, <, conn->n_segs);
      g_assert_cmpfloat_with_epsilon (item.y_lo, (conn->segs[ack].time_ns - seg->time_ns) / 1e9, 1e-9);
      /* no other copy of any of its bytes went out before that ACK (a
       * copy after it, such as a duplicate the network made, is no
       * ambiguity) */
      for (guint32 j = 0; j < ack; j++)
        {
          const TvSegment *o = &conn->segs[j];
          guint32 os, oe;

          if (j == item.seg || o->dir != from)
            continue;
          os = tv_conn_relative_seq (conn, o);
          oe = os + o->len + ((o->flags & (TV_TCP_SYN | TV_TCP_FIN)) ? 1 : 0);
          g_assert_false (oe > os && (gint32) (os - end) < 0 && (gint32) (start - oe) < 0);
        }
    }
}

static void
test_captures (void)
{
  guint checked = 0;

  for (guint c = 0; c < G_N_ELEMENTS (lossy_captures); c++)
    {
      TvTracker *tracker = tv_test_load_capture (lossy_captures[c]);
      g_autofree char *path = NULL;
      g_autoptr(GHashTable) tshark = NULL;

      if (tracker == NULL)
        continue;
      path = g_build_filename (g_getenv ("TV_TEST_CAPTURES"), lossy_captures[c], NULL);
      /* tshark takes a second a file: asked only where tcpviz marks
       * retransmissions (or the name says loss) */
      {
        gboolean any = strstr (lossy_captures[c], "loss") != NULL;

        for (guint i = 0; i < tv_tracker_get_n_conns (tracker) && !any; i++)
          {
            TvConn *conn = tv_tracker_get_conn (tracker, i);

            for (guint k = 0; k < conn->n_segs && !any; k++)
              any = seg_is_retransmission (&conn->segs[k]);
          }
        if (any)
          tshark = tshark_retransmissions (path);
      }

      for (guint i = 0; i < tv_tracker_get_n_conns (tracker); i++)
        {
          TvConn *conn = tv_tracker_get_conn (tracker, i);

          for (int d = 0; d < 2; d++)
            {
              TvDirection from = (TvDirection) d;
              const TvEndpoint *src = from == TV_DIR_CLIENT_TO_SERVER ? &conn->client : &conn->server;
              TvGraphLayout *layout;
              guint marked = 0;

              for (guint k = 0; k < conn->n_segs; k++)
                if (conn->segs[k].dir == from && seg_is_retransmission (&conn->segs[k]))
                  marked++;

              layout = tv_graph_layout_new (tracker, conn, TV_GRAPH_TCPTRACE, from);
              g_assert_cmpuint (count_role (layout, TV_GRAPH_ROLE_RETRANSMISSION), ==, marked);
              if (tshark != NULL)
                {
                  g_autofree char *key = g_strdup_printf ("%u:%u", conn->id, src->port);
                  guint expected = GPOINTER_TO_UINT (g_hash_table_lookup (tshark, key));

                  if (count_role (layout, TV_GRAPH_ROLE_RETRANSMISSION) != expected)
                    g_error ("%s, connection %u, from %s: the tcptrace graph marks %u retransmissions, tshark %u",
                             lossy_captures[c], conn->id, d == 0 ? "client" : "server",
                             count_role (layout, TV_GRAPH_ROLE_RETRANSMISSION), expected);
                }
              tv_graph_layout_free (layout);

              layout = tv_graph_layout_new (tracker, conn, TV_GRAPH_THROUGHPUT, from);
              g_assert_cmpuint (tv_graph_layout_get_total_bytes (layout), ==, tv_conn_bytes (conn, from));
              if (tv_conn_bytes (conn, from) > 0)
                g_assert_cmpfloat_with_epsilon (integrate_steps (layout, tv_graph_layout_find_series (layout, TV_GRAPH_ROLE_THROUGHPUT_AVG)),
                                                (double) tv_conn_bytes (conn, from),
                                                1e-6 * (double) tv_conn_bytes (conn, from) + 0.01);
              tv_graph_layout_free (layout);

              layout = tv_graph_layout_new (tracker, conn, TV_GRAPH_RTT, from);
              check_karn (layout, conn, from);
              tv_graph_layout_free (layout);
            }
          checked++;
        }
      tv_tracker_free (tracker);
    }
  if (checked == 0)
    g_test_skip ("no capture found (TV_TEST_CAPTURES)");
}

/* ---- ticks, painting, export --------------------------------------------- */

static char *
tick_labels (TvGraphUnit unit, double lo, double hi, guint max)
{
  GArray *ticks = tv_graph_ticks (unit, lo, hi, max);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ticks->len; i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", g_array_index (ticks, TvGraphTick, i).label);
  tv_graph_ticks_free (ticks);
  return g_string_free (s, FALSE);
}

static void
test_ticks (void)
{
  struct {
    TvGraphUnit unit;
    double lo, hi;
    guint max;
    const char *expected;
  } cases[] = {
    { TV_GRAPH_UNIT_TIME, 0, 1.0, 6, "0 s|0.2 s|0.4 s|0.6 s|0.8 s|1.0 s" },
    { TV_GRAPH_UNIT_TIME, 0, 0.0061, 4, "0 s|2 ms|4 ms|6 ms" },
    { TV_GRAPH_UNIT_TIME, 0.9015, 0.9025, 3, "901.5 ms|902.0 ms|902.5 ms" },
    { TV_GRAPH_UNIT_TIME, 0, 150, 4, "0 s|50 s|100 s|150 s" },
    { TV_GRAPH_UNIT_BYTES, 0, 4.2e6, 5, "0|1 MB|2 MB|3 MB|4 MB" },
    { TV_GRAPH_UNIT_BYTES, 0, 65000, 4, "0|20 kB|40 kB|60 kB" },
    { TV_GRAPH_UNIT_BYTES, 18.1e6, 18.12e6, 3, "18.10 MB|18.11 MB|18.12 MB" },
    { TV_GRAPH_UNIT_BYTES, 0, 60, 3, "0|20 B|40 B|60 B" },
    { TV_GRAPH_UNIT_RATE, 0, 1.25e6, 5, "0|2 Mbit/s|4 Mbit/s|6 Mbit/s|8 Mbit/s|10 Mbit/s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = tick_labels (cases[i].unit, cases[i].lo, cases[i].hi, cases[i].max);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* Painting the tcptrace graph of the bulk connection colours the plot with
 * the segments' and the ACK line's colours; a stall band shades its part. */
static void
test_paint (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_bulk (tracker, 2000);
  TvGraphLayout *layout;
  TvGraphPainter *painter = tv_graph_painter_new (NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400);
  TvGraphPaintParams params;
  TvGraphBand band = { 0, 0, "stall" };
  double px, py, pw, ph, x0, x1, y0, y1;
  guint data_pixels = 0, band_pixels = 0;
  cairo_t *cr;

  tv_tracker_finish (tracker);
  layout = tv_graph_layout_new (tracker, conn, TV_GRAPH_TCPTRACE, TV_DIR_SERVER_TO_CLIENT);
  tv_graph_paint_params_init (&params);
  params.width = 600;
  params.height = 400;
  params.title = "test";
  tv_graph_painter_get_plot (painter, layout, &params, &px, &py, &pw, &ph, &x0, &x1, &y0, &y1);
  g_assert_cmpfloat (px, >, 20);
  g_assert_cmpfloat (pw, >, 400);
  g_assert_cmpfloat (x0, ==, 0);
  band.x0 = x0 + (x1 - x0) * 0.10;
  band.x1 = x0 + (x1 - x0) * 0.20;
  params.bands = &band;
  params.n_bands = 1;
  cr = cairo_create (surface);
  tv_graph_painter_paint (painter, cr, layout, &params);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  {
    const TvGraphStyle *style = tv_graph_painter_get_style (painter);
    const guint8 *data = cairo_image_surface_get_data (surface);
    int stride = cairo_image_surface_get_stride (surface);
    const TvLadderColor *blue = &style->role[TV_GRAPH_ROLE_DATA];

    for (int y = (int) py + 2; y < (int) (py + ph) - 2; y++)
      for (int x = (int) px + 2; x < (int) (px + pw) - 2; x++)
        {
          guint32 v = *(const guint32 *) (gpointer) (data + y * stride + x * 4);
          int r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;

          if (abs (r - (int) (blue->red * 255)) < 8 && abs (g - (int) (blue->green * 255)) < 8 &&
              abs (b - (int) (blue->blue * 255)) < 8)
            data_pixels++;
          /* the band's yellow on the near-white plot, around 15 % of it */
          if (x > px + pw * 0.11 && x < px + pw * 0.19 && y == (int) (py + ph * 0.9) && b < 230 && r > 230)
            band_pixels++;
        }
  }
  g_assert_cmpuint (data_pixels, >, 200);
  g_assert_cmpuint (band_pixels, >, pw * 0.05);

  cairo_surface_destroy (surface);
  tv_graph_painter_free (painter);
  tv_graph_layout_free (layout);
  tv_tracker_free (tracker);
}

static void
test_export (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  g_autofree char *dir = g_dir_make_tmp ("tcpviz-graph-XXXXXX", NULL);
  const char *names[] = { "g.png", "g.svg", "g.pdf" };
  const char *magic[] = { "\x89PNG", "<?xml", "%PDF" };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;
  TvGraphLayout *layout;

  tv_tracker_finish (tracker);
  layout = tv_graph_layout_new (tracker, conn, TV_GRAPH_STEVENS, TV_DIR_CLIENT_TO_SERVER);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (tv_graph_export_to_file (layout, path, TV_LADDER_STYLE_DARK, 640, 400, "t", NULL, 0, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 1000);
      g_assert_true (g_str_has_prefix (contents, magic[i]));
      g_unlink (path);
    }
  bad = g_build_filename (dir, "g.txt", NULL);
  g_assert_false (tv_graph_export_to_file (layout, bad, TV_LADDER_STYLE_LIGHT, 640, 400, NULL, NULL, 0, &error));
  g_assert_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "g.txt"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
  tv_graph_layout_free (layout);
  tv_tracker_free (tracker);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/graph/textbook", test_textbook);
  g_test_add_func ("/render/graph/bulk", test_bulk);
  g_test_add_func ("/render/graph/captures", test_captures);
  g_test_add_func ("/render/graph/ticks", test_ticks);
  g_test_add_func ("/render/graph/paint", test_paint);
  g_test_add_func ("/render/graph/export", test_export);

  return g_test_run ();
}
