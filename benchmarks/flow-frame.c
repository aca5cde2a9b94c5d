/* flow-frame.c: how long the flow view takes to lay out and to paint one
 * frame, for many connections at once.
 *
 * 1. 1 000 HTTP connections among 50 hosts, started over one second with
 *    round trips of 0.2-5 ms (12 segments each, made in memory): the flow
 *    view per host, per port and folded; one 1200×800 frame painted at 300
 *    scroll positions (down and sideways) into an image surface, as the
 *    widget does.
 * 2. With a capture file (the 2.2 M-frame benchmark capture that
 *    benchmarks/load.sh makes: /tmp/tcpviz-bench/http-200000-2.pcap): the
 *    "whole capture" flow view of every connection: the time to lay it out,
 *    per host and per port, and its frames.
 *
 * Reports medians and 95th percentiles of this thread's CPU time per frame
 * (not inflated when other programs share the machine) and of the wall
 * clock.  Not a test: it has no limit.
 *
 *   build/tests/render/flow-frame [CAPTURE] [frames]
 *   (FLOW_FRAME_DEBUG=1 prints each frame slower than 8 ms) */

#define G_LOG_DOMAIN "flow-frame"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cairo.h>

#include "tv-flow-layout.h"
#include "tv-flow-painter.h"
#include "tv-label.h"
#include "tv-load.h"
#include "tv-tracker.h"

#define VIEW_W 1200
#define VIEW_H 800

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *v,
            double  p)
{
  if (v->len == 0)
    return 0;
  qsort (v->data, v->len, sizeof (double), cmp_double);
  return g_array_index (v, double, MIN (v->len - 1, (guint) (p * v->len)));
}

typedef struct {
  gint64   t_ns;
  guint8   c, s;        /* hosts */
  guint16  cport;
  gboolean to_server;
  guint16  flags;
  guint32  seq, ack, len;
  const char *label;
} Seg;

static int
by_time (const void *a,
         const void *b)
{
  const Seg *x = a, *y = b;

  return x->t_ns < y->t_ns ? -1 : x->t_ns > y->t_ns;
}

static void
host (TvAddress *a,
      guint8     n)
{
  memset (a, 0, sizeof *a);
  a->family = 4;
  a->bytes[0] = 10;
  a->bytes[3] = n + 1;
}

/* 1 000 connections among 50 hosts, as a tracker. */
static TvTracker *
make_many (guint n_conns,
           guint n_hosts)
{
  GArray *segs = g_array_new (FALSE, FALSE, sizeof (Seg));
  TvTracker *tracker = tv_tracker_new ();
  GRand *rand = g_rand_new_with_seed (15);
  const gint64 base = G_GINT64_CONSTANT (1700000000) * 1000000000;

  for (guint i = 0; i < n_conns; i++)
    {
      guint8 c = i % n_hosts;
      guint8 s = (c + 1 + g_rand_int_range (rand, 0, n_hosts - 1)) % n_hosts;
      gint64 t = g_rand_int_range (rand, 0, 1000000) * G_GINT64_CONSTANT (1000);
      gint64 rtt = g_rand_int_range (rand, 200, 5000) * G_GINT64_CONSTANT (1000);
      guint16 port = 30000 + i;
      guint32 ci = g_rand_int (rand), si = g_rand_int (rand), sseq;
      Seg x = { 0 };

      x.c = c;
      x.s = s;
      x.cport = port;
#define ADD(dt, dir, fl, sq, ak, ln, lb) \
      do { t += (dt); x.t_ns = t; x.to_server = (dir); x.flags = (fl); x.seq = (sq); x.ack = (ak); \
           x.len = (ln); x.label = (lb); g_array_append_val (segs, x); } while (0)
      ADD (0, TRUE, TV_TCP_SYN, ci, 0, 0, NULL);
      ADD (rtt / 2, FALSE, TV_TCP_SYN | TV_TCP_ACK, si, ci + 1, 0, NULL);
      ADD (rtt / 2, TRUE, TV_TCP_ACK, ci + 1, si + 1, 0, NULL);
      ADD (20000, TRUE, TV_TCP_PSH | TV_TCP_ACK, ci + 1, si + 1, 120, "GET /index.html HTTP/1.1");
      sseq = si + 1;
      for (guint k = 0; k < 4; k++)
        {
          ADD (k == 0 ? rtt : 30000, FALSE, TV_TCP_ACK, sseq, ci + 121, 1448, k == 0 ? "HTTP/1.1 200 OK" : NULL);
          sseq += 1448;
          if (k % 2 == 1)
            ADD (rtt / 2, TRUE, TV_TCP_ACK, ci + 121, sseq, 0, NULL);
        }
      ADD (50000, TRUE, TV_TCP_FIN | TV_TCP_ACK, ci + 121, sseq, 0, NULL);
      ADD (rtt / 2, FALSE, TV_TCP_FIN | TV_TCP_ACK, sseq, ci + 122, 0, NULL);
      ADD (rtt / 2, TRUE, TV_TCP_ACK, ci + 122, sseq + 1, 0, NULL);
#undef ADD
    }

  qsort (segs->data, segs->len, sizeof (Seg), by_time);
  for (guint i = 0; i < segs->len; i++)
    {
      const Seg *p = &g_array_index (segs, Seg, i);
      TvFrame f;
      TvAddress c, s;
      int kind = TV_LABEL_NONE;

      memset (&f, 0, sizeof f);
      host (&c, p->c);
      host (&s, p->s);
      f.frame = i + 1;
      f.time_ns = base + p->t_ns;
      f.src = p->to_server ? c : s;
      f.dst = p->to_server ? s : c;
      f.sport = p->to_server ? p->cport : 80;
      f.dport = p->to_server ? 80 : p->cport;
      f.seq = p->seq;
      f.ack = p->ack;
      f.flags = p->flags;
      f.window = 64240;
      f.header_len = 20;
      f.len = p->len;
      f.ttl = 64;
      if (p->label != NULL)
        kind = p->to_server ? TV_LABEL_HTTP_REQUEST : TV_LABEL_HTTP_RESPONSE;
      tv_tracker_add (tracker, &f, kind, p->label, NULL);
    }
  tv_tracker_finish (tracker);
  g_array_unref (segs);
  g_rand_free (rand);
  return tracker;
}

/* Lays out every connection of @tracker with @options; paints @frames
 * frames at random places; prints one line. */
static void
run (const char      *what,
     TvTracker       *tracker,
     TvFlowLifelines  lifelines,
     gboolean         fold,
     guint            frames)
{
  guint n = tv_tracker_get_n_conns (tracker);
  g_autofree guint *ids = g_new (guint, MAX (n, 1));
  TvLadderStyle style;
  TvFlowPainter *painter;
  TvFlowOptions options;
  TvFlowLayout *layout;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_W, VIEW_H);
  GArray *wall = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *cpu = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (7);
  gint64 start;
  double measure_ms, layout_ms, layout_wall, cpu0, w, h;

  for (guint i = 0; i < n; i++)
    ids[i] = i;

  tv_ladder_style_init (&style, TV_LADDER_STYLE_LIGHT);
  painter = tv_flow_painter_new (&style);
  tv_flow_options_init (&options);
  options.lifelines = lifelines;
  options.fold = fold;

  start = g_get_monotonic_time ();
  cpu0 = cpu_ms ();
  tv_flow_painter_measure (painter, &options, tracker, ids, n);
  measure_ms = cpu_ms () - cpu0;
  cpu0 = cpu_ms ();
  layout = tv_flow_layout_new (tracker, ids, n, &options);
  layout_ms = cpu_ms () - cpu0;
  layout_wall = (g_get_monotonic_time () - start) / 1000.0;
  w = tv_flow_layout_get_width (layout);
  h = tv_flow_layout_get_height (layout);

  for (guint f = 0; f < frames; f++)
    {
      cairo_t *cr = cairo_create (surface);
      TvFlowPaintParams params;
      double x = g_rand_double_range (rand, 0, MAX (1, w - VIEW_W));
      double y = g_rand_double_range (rand, 0, MAX (1, h - VIEW_H));
      double t0, c0;

      tv_flow_paint_params_init (&params);
      params.clip_x = x;
      params.clip_y = y;
      params.clip_width = VIEW_W;
      params.clip_height = VIEW_H;
      params.header_y = y;
      params.columns_x = x;
      params.selected_row = f % 7 == 0 ? (int) (f * 131 % MAX (1, tv_flow_layout_get_n_rows (layout))) : -1;
      cairo_translate (cr, -x, -y);

      t0 = g_get_monotonic_time () / 1000.0;
      c0 = cpu_ms ();
      tv_flow_painter_paint (painter, cr, layout, &params);
      cairo_surface_flush (surface);
      {
        double dw = g_get_monotonic_time () / 1000.0 - t0, dc = cpu_ms () - c0;

        if (g_getenv ("FLOW_FRAME_DEBUG") && dw > 8)
          g_print ("  slow frame %u: %.1f ms (cpu %.1f) at x=%.0f y=%.0f selected=%d\n", f, dw, dc, x, y, params.selected_row);
        g_array_append_val (wall, dw);
        g_array_append_val (cpu, dc);
      }
      cairo_destroy (cr);
    }

  g_print ("%-34s %7u conns %9u rows %6u lifelines\n"
           "    measure + layout: cpu %.1f + %.1f ms, wall %.1f ms; "
           "frame: cpu median %5.2f ms, p95 %5.2f ms, max %5.2f; wall median %5.2f ms, p95 %5.2f\n",
           what, tv_flow_layout_get_n_conns (layout), tv_flow_layout_get_n_rows (layout),
           tv_flow_layout_get_n_lifelines (layout), measure_ms, layout_ms, layout_wall,
           percentile (cpu, 0.5), percentile (cpu, 0.95), percentile (cpu, 1.0),
           percentile (wall, 0.5), percentile (wall, 0.95));

  tv_flow_layout_free (layout);
  tv_flow_painter_free (painter);
  cairo_surface_destroy (surface);
  g_array_unref (wall);
  g_array_unref (cpu);
  g_rand_free (rand);
}

int
main (int argc, char *argv[])
{
  const char *capture = argc > 1 && argv[1][0] != '\0' ? argv[1] : NULL;
  guint frames = argc > 2 ? (guint) atoi (argv[2]) : 300;
  TvTracker *tracker;
  gint64 start;

  start = g_get_monotonic_time ();
  tracker = make_many (1000, 50);
  g_print ("1000 connections among 50 hosts (%" G_GUINT64_FORMAT " segments) made in %.0f ms; "
           "a %dx%d view\n", tv_tracker_get_n_segments (tracker),
           (g_get_monotonic_time () - start) / 1000.0, VIEW_W, VIEW_H);
  run ("per host", tracker, TV_FLOW_LIFELINES_HOST, FALSE, frames);
  run ("per host and port", tracker, TV_FLOW_LIFELINES_PORT, FALSE, frames);
  run ("per host, folded", tracker, TV_FLOW_LIFELINES_HOST, TRUE, frames);
  tv_tracker_free (tracker);

  if (capture == NULL)
    capture = "/tmp/tcpviz-bench/http-200000-2.pcap";
  if (!g_file_test (capture, G_FILE_TEST_EXISTS))
    {
      g_print ("no %s: make it with benchmarks/load.sh BUILD 200000 2, or name a capture\n", capture);
      return 0;
    }

  {
    g_autoptr(GError) error = NULL;
    TvLoadStats stats = { 0 };

    tracker = tv_tracker_new ();
    start = g_get_monotonic_time ();
    if (!tv_load_file (capture, tracker, NULL, &stats, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    tv_tracker_finish (tracker);
    g_print ("%s: %" G_GUINT64_FORMAT " frames, %u connections, loaded in %.0f ms\n", capture,
             (guint64) stats.frames, tv_tracker_get_n_conns (tracker),
             (g_get_monotonic_time () - start) / 1000.0);
    tv_load_stats_clear (&stats);
  }
  run ("whole capture, per host", tracker, TV_FLOW_LIFELINES_HOST, FALSE, frames);
  run ("whole capture, per host and port", tracker, TV_FLOW_LIFELINES_PORT, FALSE, frames);
  run ("whole capture, folded", tracker, TV_FLOW_LIFELINES_HOST, TRUE, frames);
  tv_tracker_free (tracker);
  return 0;
}
