/* ladder-frame.c: how long one frame of the ladder view takes to paint, on
 * a connection of a million segments.
 *
 * Paints a 1200×800 window of the diagram into an image surface, as the
 * widget does, at many scroll offsets and zoom levels, and reports the
 * median and 95th percentile per frame.  Not a test: it has no limit.
 *
 *   ninja -C build benchmarks  or  meson test -C build --benchmark ladder-frame -v
 *   build/tests/render/ladder-frame [n_segments] [frames_per_zoom] [view_width]
 *
 * With a view_width narrower than the full layout (360: a phone), the view
 * is that wide and shows the compact layout, as the widget does. */

#define G_LOG_DOMAIN "ladder-frame"

#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <cairo.h>

#include "tv-ladder-layout.h"
#include "tv-ladder-painter.h"
#include "tv-test-conn.h"

#define VIEW_W 1200
#define VIEW_H 800

/* CPU time of this thread, in ms: unlike the wall clock, not inflated
 * when other programs share the machine. */
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
  guint frames = argc > 2 ? (guint) atoi (argv[2]) : 200;
  int view_w = argc > 3 ? atoi (argv[3]) : VIEW_W;
  static const double zooms[] = { 0.5, 0.75, 1.0, 1.5, 2.0 };
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn;
  TvLadderStyle style;
  TvLadderPainter *painter;
  TvLadderOptions options;
  cairo_surface_t *surface;
  gint64 start;
  GArray *all = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *all_cpu = g_array_new (FALSE, FALSE, sizeof (double));

  start = g_get_monotonic_time ();
  conn = tv_test_bulk (tracker, n_data);
  tv_tracker_finish (tracker);
  g_print ("connection of %u segments made in %.0f ms\n", conn->n_segs,
           (g_get_monotonic_time () - start) / 1000.0);

  tv_ladder_style_init (&style, TV_LADDER_STYLE_LIGHT);
  painter = tv_ladder_painter_new (&style);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view_w, VIEW_H);

  for (int spacing = TV_LADDER_SPACING_EVEN; spacing <= TV_LADDER_SPACING_TIME; spacing++)
    {
      TvLadderLayout *layout;
      double height;

      tv_ladder_options_init (&options);
      options.spacing = spacing;
      if (view_w != VIEW_W)
        tv_ladder_painter_measure_for_width (painter, &options, conn, view_w);
      else
        tv_ladder_painter_measure (painter, &options);
      start = g_get_monotonic_time ();
      layout = tv_ladder_layout_new (tracker, conn, &options);
      height = tv_ladder_layout_get_height (layout);
      g_print ("%s spacing%s: layout built in %.0f ms, %.0f units tall\n",
               spacing == TV_LADDER_SPACING_EVEN ? "even" : "time",
               options.compact ? " (compact)" : "",
               (g_get_monotonic_time () - start) / 1000.0, height);

      for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
        {
          double zoom = zooms[z];
          g_autofree double *times = g_new (double, frames);
          g_autofree double *cpu = g_new (double, frames);

          for (guint f = 0; f < frames; f++)
            {
              /* scroll offsets spread over the whole connection */
              double view_h = VIEW_H / zoom;
              double y = (height - view_h) * (double) ((f * 7919u) % frames) / frames;
              TvLadderPaintParams params;
              cairo_t *cr;
              gint64 t;
              double c;

              t = g_get_monotonic_time ();
              c = cpu_ms ();
              cr = cairo_create (surface);
              cairo_scale (cr, zoom, zoom);
              cairo_translate (cr, 0, -y);
              tv_ladder_paint_params_init (&params);
              params.clip_x = 0;
              params.clip_y = y;
              params.clip_width = view_w / zoom;
              params.clip_height = view_h;
              params.header_y = y;
              params.scale = zoom;
              params.selected_row = -1;
              tv_ladder_painter_paint (painter, cr, layout, &params);
              cairo_destroy (cr);
              cairo_surface_flush (surface);
              times[f] = (g_get_monotonic_time () - t) / 1000.0;
              cpu[f] = cpu_ms () - c;
              g_array_append_val (all, times[f]);
              g_array_append_val (all_cpu, cpu[f]);
            }

          if (g_getenv ("TV_BENCH_PNG") != NULL)
            {
              /* to look at: the last frame of each zoom */
              g_autofree char *name = g_strdup_printf ("%s/ladder-frame-%s-%.2f.png",
                                                       g_getenv ("TV_BENCH_PNG"),
                                                       spacing == TV_LADDER_SPACING_EVEN ? "even" : "time",
                                                       zoom);

              cairo_surface_write_to_png (surface, name);
            }

          qsort (times, frames, sizeof (double), cmp_double);
          qsort (cpu, frames, sizeof (double), cmp_double);
          g_print ("  zoom %.2f: wall median %.2f ms, p95 %.2f ms, max %.2f ms; "
                   "cpu median %.2f ms, p95 %.2f ms\n", zoom,
                   times[frames / 2], times[(frames * 95) / 100], times[frames - 1],
                   cpu[frames / 2], cpu[(frames * 95) / 100]);
        }

      tv_ladder_layout_free (layout);
    }

  g_array_sort (all, cmp_double);
  g_array_sort (all_cpu, cmp_double);
  g_print ("all frames (%u): wall median %.2f ms, p95 %.2f ms; cpu median %.2f ms, p95 %.2f ms "
           "(target: under 4 ms)\n", all->len,
           g_array_index (all, double, all->len / 2),
           g_array_index (all, double, (all->len * 95) / 100),
           g_array_index (all_cpu, double, all_cpu->len / 2),
           g_array_index (all_cpu, double, (all_cpu->len * 95) / 100));

  g_array_unref (all);
  g_array_unref (all_cpu);
  cairo_surface_destroy (surface);
  tv_ladder_painter_free (painter);
  tv_tracker_free (tracker);
  return 0;
}
