/* graph-frame.c: how long one frame of a stream graph takes to paint, on a
 * connection of a million segments.
 *
 * For each graph (stevens, tcptrace, throughput, rtt, window) of the
 * server's data, paints a 1200×800 view into an image surface at many pan
 * offsets and zoom levels (the whole connection, then a tenth, a hundredth
 * … of its time), as the graph view does, and reports the median and 95th
 * percentile per frame.  Not a test: it has no limit.
 *
 *   meson test -C build --benchmark graph-frame -v
 *   build/tests/render/graph-frame [n_segments] [frames_per_zoom]
 *
 * TV_BENCH_PNG=DIR writes the last frame of each zoom there, to look at. */

#define G_LOG_DOMAIN "graph-frame"

#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <cairo.h>

#include "tv-graph-layout.h"
#include "tv-graph-painter.h"
#include "tv-test-conn.h"

#define VIEW_W 1200
#define VIEW_H 800

/* CPU time of this thread, in ms */
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

int
main (int argc, char *argv[])
{
  guint n_data = argc > 1 ? (guint) atoi (argv[1]) / 2 : 500000;
  guint frames = argc > 2 ? (guint) atoi (argv[2]) : 100;
  static const double zooms[] = { 1, 10, 100, 1000, 10000 };
  TvTracker *tracker = tv_tracker_new ();
  TvGraphPainter *painter;
  TvConn *conn;
  cairo_surface_t *surface;
  gint64 start;
  GArray *all_cpu = g_array_new (FALSE, FALSE, sizeof (double));

  start = g_get_monotonic_time ();
  conn = tv_test_bulk (tracker, n_data);
  tv_tracker_finish (tracker);
  g_print ("connection of %u segments made in %.0f ms\n", conn->n_segs,
           (g_get_monotonic_time () - start) / 1000.0);

  painter = tv_graph_painter_new (NULL);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_W, VIEW_H);

  for (guint kind = 0; kind < TV_GRAPH_N_KINDS; kind++)
    {
      TvGraphLayout *layout;
      double x_min, x_max, y_min, y_max;
      g_autoptr(GArray) kind_cpu = g_array_new (FALSE, FALSE, sizeof (double));
      guint items = 0;

      start = g_get_monotonic_time ();
      layout = tv_graph_layout_new (tracker, conn, kind, TV_DIR_SERVER_TO_CLIENT);
      for (guint s = 0; s < tv_graph_layout_get_n_series (layout); s++)
        items += tv_graph_layout_get_n_items (layout, s);
      g_print ("%s: layout of %u items built in %.0f ms\n", tv_graph_kind_name (kind), items,
               (g_get_monotonic_time () - start) / 1000.0);
      tv_graph_layout_get_bounds (layout, &x_min, &x_max, &y_min, &y_max);

      for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
        {
          g_autofree double *times = g_new (double, frames);
          g_autofree double *cpu = g_new (double, frames);

          for (guint f = 0; f < frames; f++)
            {
              /* pan offsets spread over the whole connection; the y range
               * follows what a view zoomed on x would show */
              double w = (x_max - x_min) / zooms[z];
              double x0 = x_min + (x_max - x_min - w) * (double) ((f * 7919u) % frames) / frames;
              double h = (y_max - y_min) / (kind == TV_GRAPH_STEVENS || kind == TV_GRAPH_TCPTRACE ? zooms[z] : 1);
              double y0 = kind == TV_GRAPH_STEVENS || kind == TV_GRAPH_TCPTRACE
                          ? y_min + (y_max - y_min - h) * (x0 - x_min) / MAX (x_max - x_min - w, 1e-12) : y_min;
              TvGraphPaintParams params;
              cairo_t *cr;
              gint64 t;
              double c;

              t = g_get_monotonic_time ();
              c = cpu_ms ();
              cr = cairo_create (surface);
              tv_graph_paint_params_init (&params);
              params.width = VIEW_W;
              params.height = VIEW_H;
              params.x0 = x0;
              params.x1 = x0 + w;
              params.y0 = y0;
              params.y1 = y0 + h;
              params.title = "graph-frame";
              tv_graph_painter_paint (painter, cr, layout, &params);
              cairo_destroy (cr);
              cairo_surface_flush (surface);
              times[f] = (g_get_monotonic_time () - t) / 1000.0;
              cpu[f] = cpu_ms () - c;
              g_array_append_val (all_cpu, cpu[f]);
              g_array_append_val (kind_cpu, cpu[f]);
            }

          if (g_getenv ("TV_BENCH_PNG") != NULL)
            {
              g_autofree char *name = g_strdup_printf ("%s/graph-frame-%s-%g.png",
                                                       g_getenv ("TV_BENCH_PNG"),
                                                       tv_graph_kind_name (kind), zooms[z]);

              cairo_surface_write_to_png (surface, name);
            }

          qsort (times, frames, sizeof (double), cmp_double);
          qsort (cpu, frames, sizeof (double), cmp_double);
          g_print ("  zoom %gx: wall median %.2f ms, p95 %.2f ms, max %.2f ms; "
                   "cpu median %.2f ms, p95 %.2f ms\n", zooms[z],
                   times[frames / 2], times[(frames * 95) / 100], times[frames - 1],
                   cpu[frames / 2], cpu[(frames * 95) / 100]);
        }
      g_array_sort (kind_cpu, cmp_double);
      g_print ("  %s, all zooms: cpu median %.2f ms, p95 %.2f ms\n", tv_graph_kind_name (kind),
               g_array_index (kind_cpu, double, kind_cpu->len / 2),
               g_array_index (kind_cpu, double, (kind_cpu->len * 95) / 100));
      tv_graph_layout_free (layout);
    }

  g_array_sort (all_cpu, cmp_double);
  g_print ("all graphs, %u frames: cpu median %.2f ms, p95 %.2f ms, max %.2f ms\n", all_cpu->len,
           g_array_index (all_cpu, double, all_cpu->len / 2),
           g_array_index (all_cpu, double, (all_cpu->len * 95) / 100),
           g_array_index (all_cpu, double, all_cpu->len - 1));

  g_array_unref (all_cpu);
  cairo_surface_destroy (surface);
  tv_graph_painter_free (painter);
  tv_tracker_free (tracker);
  return 0;
}
