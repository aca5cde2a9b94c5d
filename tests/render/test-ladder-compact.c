/* test-ladder-compact.c: the compact ladder layout, for a view narrower
 * than the full layout (a phone): everything inside the width, nothing
 * overlapping; at or above the full width, the full layout unchanged. */

#define G_LOG_DOMAIN "test-ladder-compact"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tv-ladder-painter.h"
#include "tv-load.h"
#include "tv-test-conn.h"

static const char *const captures[] = {
  "textbook-handshake.pcap",
  "loopback-http.pcap",
  "tcp-retransmission.pcap",
  "tcp-fast-retransmission.pcap",
  "tcp-syn-retransmission.pcap",
  "tcp-refused.pcap",
  "tcp-segment-not-captured.pcap",
  "tcp-zero-window.pcap",
  "tcp-keepalive.pcap",
  "tcp-simultaneous-open.pcap",
  "tcp-half-close.pcap",
  "tcp-midstream.pcap",
  "loopback-https.pcap",
  "link-ipv6.pcap",
};

static const double widths[] = { 360, 480, 600 };

typedef struct {
  double      x1, y1, x2, y2;
  const char *what;
  guint       row;
} Box;

static void
add_box (GArray     *boxes,
         double      x,
         double      y,
         double      w,
         double      h,
         const char *what,
         guint       row)
{
  Box b = { x, y, x + w, y + h, what, row };

  g_array_append_val (boxes, b);
}

static int
cmp_box (gconstpointer a,
         gconstpointer b)
{
  const Box *x = a, *y = b;

  return x->y1 < y->y1 ? -1 : x->y1 > y->y1;
}

/* Every label, state box, time and phase title of @layout: inside
 * [0, width], and no two overlapping. */
static void
check_compact (TvLadderPainter *painter,
               TvLadderLayout  *layout,
               double           width,
               const char      *name)
{
  const TvLadderOptions *o = tv_ladder_layout_get_options (layout);
  double cx = tv_ladder_layout_get_client_x (layout);
  double sx = tv_ladder_layout_get_server_x (layout);
  guint n = tv_ladder_layout_get_n_rows (layout);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  double box[4];

  g_assert_true (o->compact);
  /* no sideways scrolling: the layout is as wide as the view */
  g_assert_cmpfloat (tv_ladder_layout_get_width (layout), <=, width);
  g_assert_cmpfloat (cx, <, sx);
  g_assert_cmpfloat (tv_ladder_layout_get_phase_x (layout), >=, 0);

  /* the states before the first segment, under the header */
  for (TvDirection side = TV_DIR_CLIENT_TO_SERVER; side <= TV_DIR_SERVER_TO_CLIENT; side++)
    if (tv_ladder_layout_get_initial_state (layout, side) != TV_TCP_STATE_UNKNOWN)
      {
        double y = tv_ladder_layout_get_initial_state_y (layout);

        tv_ladder_layout_get_state_box (layout, side, y, box);
        g_assert_cmpfloat (box[1], >=, tv_ladder_layout_get_header_bottom (layout));
        add_box (boxes, box[0], box[1], box[2], box[3], "initial state", 0);
      }

  for (guint i = 0; i < n; i++)
    {
      TvLadderRow row;
      double x, y, w, h;

      tv_ladder_layout_get_row (layout, i, &row);

      /* the arrow from lifeline to lifeline, inside the width */
      g_assert_cmpfloat (MIN (row.x1, row.x2), ==, cx);
      g_assert_cmpfloat (MAX (row.x1, row.x2), ==, sx);
      g_assert_cmpfloat (sx, <=, width);

      /* the label as the painter draws it: between the lifelines, clear of
       * the arrow heads, above its arrow */
      tv_ladder_painter_get_label_extents (painter, layout, i, &x, &y, &w, &h);
      g_assert_cmpfloat (x, >=, cx + 8);
      g_assert_cmpfloat (x + w, <=, sx - 8);
      g_assert_cmpfloat (y + h, <=, MIN (row.y1, row.y2) - 1);
      g_assert_cmpfloat (y, >=, row.top - 1);
      add_box (boxes, x, y, w, h, "label", i);
      /* the arrow is a box too: nothing else may lie on it */
      add_box (boxes, cx + 8, row.y1, sx - cx - 16, row.y2 - row.y1, "arrow", i);

      /* the time, left of the client's lifeline */
      g_assert_cmpfloat (row.time_x1, >=, 0);
      add_box (boxes, row.time_x1, row.time_bottom - o->time_height,
               row.time_x2 - row.time_x1, o->time_height, "time", i);

      if (row.client_state_changed)
        {
          tv_ladder_layout_get_state_box (layout, TV_DIR_CLIENT_TO_SERVER, row.client_state_y, box);
          add_box (boxes, box[0], box[1], box[2], box[3], "client state", i);
        }
      if (row.server_state_changed)
        {
          tv_ladder_layout_get_state_box (layout, TV_DIR_SERVER_TO_CLIENT, row.server_state_y, box);
          add_box (boxes, box[0], box[1], box[2], box[3], "server state", i);
        }
    }

  /* the phase titles above their first rows, between the lifelines */
  for (guint i = 0; i < tv_ladder_layout_get_n_phases (layout); i++)
    {
      TvLadderPhase p;

      tv_ladder_layout_get_phase (layout, i, &p);
      g_assert_cmpfloat (p.title_y, <, p.y1);
      g_assert_cmpfloat (p.y1, <, p.y2);
      add_box (boxes, cx + 8, p.title_y + 2, sx - cx - 16, p.y1 - p.title_y - 2, "title", p.first_row);
    }

  for (guint i = 0; i < boxes->len; i++)
    {
      const Box *b = &g_array_index (boxes, Box, i);

      if (b->x1 < 0 || b->x2 > width)
        g_error ("%s at %.0f: %s of row %u from x %.1f to %.1f, outside 0..%.0f",
                 name, width, b->what, b->row, b->x1, b->x2, width);
    }

  g_array_sort (boxes, cmp_box);
  for (guint i = 0; i < boxes->len; i++)
    {
      const Box *a = &g_array_index (boxes, Box, i);

      for (guint j = i + 1; j < boxes->len; j++)
        {
          const Box *b = &g_array_index (boxes, Box, j);

          if (b->y1 >= a->y2)
            break;
          /* an arrow and its own label, time and states are meant to meet
           * it (the states sit on its ends, outside the lifelines) */
          if (a->x1 < b->x2 && b->x1 < a->x2 && a->y1 < b->y2 && b->y1 < a->y2)
            g_error ("%s at %.0f: %s of row %u (%.1f,%.1f %.1f,%.1f) overlaps "
                     "%s of row %u (%.1f,%.1f %.1f,%.1f)", name, width,
                     a->what, a->row, a->x1, a->y1, a->x2, a->y2,
                     b->what, b->row, b->x1, b->y1, b->x2, b->y2);
        }
    }
}

static void
test_captures_fit (void)
{
  TvLadderPainter *painter = tv_ladder_painter_new (NULL);
  guint checked = 0;

  for (guint c = 0; c < G_N_ELEMENTS (captures); c++)
    {
      TvTracker *tracker = tv_test_load_capture (captures[c]);

      if (tracker == NULL)
        {
          g_test_skip ("no captures");
          continue;
        }

      for (guint k = 0; k < tv_tracker_get_n_conns (tracker); k++)
        {
          TvConn *conn = tv_tracker_get_conn (tracker, k);

          for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
            for (int spacing = TV_LADDER_SPACING_EVEN; spacing <= TV_LADDER_SPACING_TIME; spacing++)
              for (int absolute = 0; absolute <= 1; absolute++)
                {
                  TvLadderOptions options;
                  TvLadderLayout *layout;
                  g_autofree char *name = g_strdup_printf ("%s #%u %s%s", captures[c], k,
                                                           spacing ? "time" : "even",
                                                           absolute ? " absolute" : "");

                  tv_ladder_options_init (&options);
                  options.spacing = spacing;
                  options.absolute = absolute;
                  g_assert_true (tv_ladder_painter_measure_for_width (painter, &options, conn, widths[w]));
                  layout = tv_ladder_layout_new (tracker, conn, &options);
                  check_compact (painter, layout, widths[w], name);
                  g_assert_cmpfloat (tv_ladder_layout_get_width (layout), ==, widths[w]);
                  tv_ladder_layout_free (layout);
                  checked++;
                }
        }
      tv_tracker_free (tracker);
    }

  g_test_message ("%u compact layouts checked", checked);
  tv_ladder_painter_free (painter);
}

/* A long connection with time gaps drawn broken, and relative numbers of
 * seven digits. */
static void
test_bulk_fits (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_bulk (tracker, 1500);
  TvLadderPainter *painter = tv_ladder_painter_new (NULL);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (int spacing = TV_LADDER_SPACING_EVEN; spacing <= TV_LADDER_SPACING_TIME; spacing++)
      {
        TvLadderOptions options;
        TvLadderLayout *layout;

        tv_ladder_options_init (&options);
        options.spacing = spacing;
        g_assert_true (tv_ladder_painter_measure_for_width (painter, &options, conn, widths[w]));
        layout = tv_ladder_layout_new (tracker, conn, &options);
        check_compact (painter, layout, widths[w], "bulk");
        tv_ladder_layout_free (layout);
      }

  tv_ladder_painter_free (painter);
  tv_tracker_free (tracker);
}

static void
assert_same_geometry (TvLadderLayout *a,
                      TvLadderLayout *b)
{
  guint n = tv_ladder_layout_get_n_rows (a);

  g_assert_cmpuint (tv_ladder_layout_get_n_rows (b), ==, n);
  g_assert_cmpfloat (tv_ladder_layout_get_width (a), ==, tv_ladder_layout_get_width (b));
  g_assert_cmpfloat (tv_ladder_layout_get_height (a), ==, tv_ladder_layout_get_height (b));
  g_assert_cmpfloat (tv_ladder_layout_get_client_x (a), ==, tv_ladder_layout_get_client_x (b));
  g_assert_cmpfloat (tv_ladder_layout_get_server_x (a), ==, tv_ladder_layout_get_server_x (b));
  g_assert_cmpfloat (tv_ladder_layout_get_time_x (a), ==, tv_ladder_layout_get_time_x (b));
  g_assert_cmpfloat (tv_ladder_layout_get_phase_x (a), ==, tv_ladder_layout_get_phase_x (b));
  g_assert_cmpfloat (tv_ladder_layout_get_header_bottom (a), ==, tv_ladder_layout_get_header_bottom (b));
  g_assert_cmpfloat (tv_ladder_layout_get_initial_state_y (a), ==, tv_ladder_layout_get_initial_state_y (b));

  for (guint i = 0; i < n; i++)
    {
      TvLadderRow ra, rb;

      tv_ladder_layout_get_row (a, i, &ra);
      tv_ladder_layout_get_row (b, i, &rb);
      g_assert_cmpfloat (ra.x1, ==, rb.x1);
      g_assert_cmpfloat (ra.y1, ==, rb.y1);
      g_assert_cmpfloat (ra.x2, ==, rb.x2);
      g_assert_cmpfloat (ra.y2, ==, rb.y2);
      g_assert_cmpfloat (ra.top, ==, rb.top);
      g_assert_cmpfloat (ra.bottom, ==, rb.bottom);
      g_assert_cmpfloat (ra.label_bottom, ==, rb.label_bottom);
      g_assert_cmpfloat (ra.label_x, ==, rb.label_x);
      g_assert_cmpfloat (ra.label_max_width, ==, rb.label_max_width);
      g_assert_cmpuint (ra.n_lines, ==, rb.n_lines);
      g_assert_cmpfloat (ra.client_state_y, ==, rb.client_state_y);
      g_assert_cmpfloat (ra.server_state_y, ==, rb.server_state_y);
    }

  g_assert_cmpuint (tv_ladder_layout_get_n_phases (a), ==, tv_ladder_layout_get_n_phases (b));
  for (guint i = 0; i < tv_ladder_layout_get_n_phases (a); i++)
    {
      TvLadderPhase pa, pb;

      tv_ladder_layout_get_phase (a, i, &pa);
      tv_ladder_layout_get_phase (b, i, &pb);
      g_assert_cmpfloat (pa.y1, ==, pb.y1);
      g_assert_cmpfloat (pa.y2, ==, pb.y2);
    }
}

/* At or above the full layout's width, the layout is the full one, the
 * same as before the compact layout existed (measure_for_conn's). */
static void
test_wide_unchanged (void)
{
  TvLadderPainter *painter = tv_ladder_painter_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (captures); c++)
    {
      TvTracker *tracker = tv_test_load_capture (captures[c]);
      TvConn *conn;

      if (tracker == NULL)
        {
          g_test_skip ("no captures");
          continue;
        }
      conn = tv_tracker_get_conn (tracker, 0);

      for (int absolute = 0; absolute <= 1; absolute++)
        {
          TvLadderOptions full, options;
          TvLadderLayout *reference;
          double full_width;
          double ws[4];

          tv_ladder_options_init (&full);
          full.absolute = absolute;
          tv_ladder_painter_measure_for_conn (painter, &full, conn);
          full_width = tv_ladder_options_get_full_width (&full);
          reference = tv_ladder_layout_new (tracker, conn, &full);
          g_assert_cmpfloat (tv_ladder_layout_get_width (reference), ==, full_width);
          g_test_message ("%s%s: full layout %.0f wide", captures[c], absolute ? " absolute" : "", full_width);

          /* the threshold itself, wider, much wider, and unknown (0) */
          ws[0] = full_width;
          ws[1] = full_width + 1;
          ws[2] = 1400;
          ws[3] = 0;
          for (guint w = 0; w < G_N_ELEMENTS (ws); w++)
            {
              TvLadderLayout *layout;

              if (ws[w] != 0 && ws[w] < full_width)
                continue;
              tv_ladder_options_init (&options);
              options.absolute = absolute;
              g_assert_false (tv_ladder_painter_measure_for_width (painter, &options, conn, ws[w]));
              g_assert_false (options.compact);
              g_assert_true (tv_ladder_options_same_rows (&options, &full));
              layout = tv_ladder_layout_new (tracker, conn, &options);
              assert_same_geometry (layout, reference);
              tv_ladder_layout_free (layout);
            }

          /* just under it: compact */
          tv_ladder_options_init (&options);
          options.absolute = absolute;
          g_assert_true (tv_ladder_painter_measure_for_width (painter, &options, conn, full_width - 1));
          g_assert_true (options.compact);

          tv_ladder_layout_free (reference);
        }
      tv_tracker_free (tracker);
    }

  tv_ladder_painter_free (painter);
}

/* A connection that grows (live capture): the compact layout updated row
 * by row is the one made at once, phase titles included. */
static void
test_grow (void)
{
  TvLadderPainter *painter = tv_ladder_painter_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (captures); c++)
    {
      TvTracker *tracker = tv_test_load_capture (captures[c]);
      TvConn *conn;
      TvLadderOptions options;
      TvLadderLayout *grown, *whole;
      guint n;

      if (tracker == NULL)
        {
          g_test_skip ("no captures");
          continue;
        }
      conn = tv_tracker_get_conn (tracker, 0);
      n = conn->n_segs;

      tv_ladder_options_init (&options);
      g_assert_true (tv_ladder_painter_measure_for_width (painter, &options, conn, 360));
      whole = tv_ladder_layout_new (tracker, conn, &options);

      conn->n_segs = 1;
      grown = tv_ladder_layout_new (tracker, conn, &options);
      for (guint k = 2; k <= n; k++)
        {
          conn->n_segs = k;
          g_assert_true (tv_ladder_layout_update (grown));
        }
      g_assert_cmpuint (conn->n_segs, ==, n);
      assert_same_geometry (grown, whole);
      for (guint i = 0; i < tv_ladder_layout_get_n_phases (whole); i++)
        {
          TvLadderPhase pa, pb;

          tv_ladder_layout_get_phase (whole, i, &pa);
          tv_ladder_layout_get_phase (grown, i, &pb);
          g_assert_cmpfloat (pa.title_y, ==, pb.title_y);
        }

      tv_ladder_layout_free (grown);
      tv_ladder_layout_free (whole);
      tv_tracker_free (tracker);
    }

  tv_ladder_painter_free (painter);
}

/* A compact layout follows the view's width without laying its rows out
 * again; below its least width it stops shrinking. */
static void
test_set_width (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvLadderPainter *painter = tv_ladder_painter_new (NULL);
  TvLadderOptions options, wider;
  TvLadderLayout *layout;
  double y5, min;

  tv_ladder_options_init (&options);
  g_assert_true (tv_ladder_painter_measure_for_width (painter, &options, conn, 400));
  layout = tv_ladder_layout_new (tracker, conn, &options);
  y5 = tv_ladder_layout_get_row_y (layout, 5);

  /* a few units wider: the same rows (the lines of labels and titles
   * change only at some widths) */
  tv_ladder_options_init (&wider);
  g_assert_true (tv_ladder_painter_measure_for_width (painter, &wider, conn, 404));
  g_assert_true (tv_ladder_options_same_rows (&options, &wider));
  tv_ladder_layout_set_width (layout, 404);
  g_assert_cmpfloat (tv_ladder_layout_get_width (layout), ==, 404);
  g_assert_cmpfloat (tv_ladder_layout_get_row_y (layout, 5), ==, y5);
  check_compact (painter, layout, 404, "textbook");

  min = tv_ladder_layout_get_min_width (layout);
  g_assert_cmpfloat (min, <=, 360);
  tv_ladder_layout_set_width (layout, 100);
  g_assert_cmpfloat (tv_ladder_layout_get_width (layout), ==, min);

  tv_ladder_layout_free (layout);
  tv_ladder_painter_free (painter);
  tv_tracker_free (tracker);
}

/* The compact layout paints (and plays back) without trouble, inside its
 * width.  TV_TEST_PNG=FILE saves it to look at (TV_TEST_PNG_CAPTURE=NAME:
 * a capture's first connection, whole, instead of the textbook one
 * played back to its fourth arrow). */
static void
test_paint (void)
{
  const char *capture = g_getenv ("TV_TEST_PNG_CAPTURE");
  TvTracker *tracker = capture != NULL ? tv_test_load_capture (capture) : NULL;
  TvLadderPainter *painter = tv_ladder_painter_new (NULL);
  TvLadderOptions options;
  TvLadderLayout *layout;
  cairo_surface_t *surface;
  TvLadderPaintParams params;
  TvConn *conn;
  cairo_t *cr;

  if (tracker != NULL)
    conn = tv_tracker_get_conn (tracker, 0);
  else
    {
      capture = NULL;
      tracker = tv_tracker_new ();
      conn = tv_test_textbook (tracker);
    }

  tv_ladder_options_init (&options);
  g_assert_true (tv_ladder_painter_measure_for_width (painter, &options, conn, 360));
  layout = tv_ladder_layout_new (tracker, conn, &options);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 360,
                                        (int) ceil (tv_ladder_layout_get_height (layout)));
  cr = cairo_create (surface);
  tv_ladder_paint_params_init (&params);
  if (capture == NULL)
    {
      params.visible_rows = 4;
      params.progress_row = 3;
      params.progress = 0.5;
    }
  tv_ladder_painter_paint (painter, cr, layout, &params);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  if (g_getenv ("TV_TEST_PNG") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("TV_TEST_PNG"));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  tv_ladder_layout_free (layout);
  tv_ladder_painter_free (painter);
  tv_tracker_free (tracker);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/compact/captures-fit", test_captures_fit);
  g_test_add_func ("/render/compact/bulk-fits", test_bulk_fits);
  g_test_add_func ("/render/compact/wide-unchanged", test_wide_unchanged);
  g_test_add_func ("/render/compact/grow", test_grow);
  g_test_add_func ("/render/compact/set-width", test_set_width);
  g_test_add_func ("/render/compact/paint", test_paint);

  return g_test_run ();
}
