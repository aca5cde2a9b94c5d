/* test-ladder-painter.c: the painter with real fonts: labels that fit and
 * never overlap, clipping, playback, the colours' contrast. */

#define G_LOG_DOMAIN "test-ladder-painter"

#include "config.h"

#include <math.h>
#include <cairo.h>

#include "tv-ladder-painter.h"
#include "tv-load.h"
#include "tv-test-conn.h"

static void
check_labels (TvLadderPainter *painter,
              TvLadderLayout  *layout,
              guint            step)
{
  const TvLadderOptions *o = tv_ladder_layout_get_options (layout);
  double cx = tv_ladder_layout_get_client_x (layout);
  double sx = tv_ladder_layout_get_server_x (layout);
  guint n = tv_ladder_layout_get_n_rows (layout);
  double prev_bottom = -G_MAXDOUBLE, prev_arrow = -G_MAXDOUBLE;
  guint prev = G_MAXUINT;

  for (guint i = 0; i < n; i += (i + step < n || i == n - 1) ? step : MAX (1, n - 1 - i))
    {
      TvLadderRow row;
      double x, y, w, h;

      tv_ladder_layout_get_row (layout, i, &row);
      tv_ladder_painter_get_label_extents (painter, layout, i, &x, &y, &w, &h);

      /* between the lifelines, clear of the arrow heads */
      g_assert_cmpfloat (x, >=, cx + 8);
      g_assert_cmpfloat (x + w, <=, sx - 8);
      /* above its arrow, inside its row */
      g_assert_cmpfloat (y + h, <=, MIN (row.y1, row.y2) - 1);
      g_assert_cmpfloat (y, >=, row.top - 1);
      /* clear of the row before: its label and its arrow */
      if (prev == i - 1)
        {
          g_assert_cmpfloat (y, >=, prev_bottom + 2);
          g_assert_cmpfloat (y, >=, prev_arrow + 2);
        }
      /* state boxes sit outside the lifelines */
      g_assert_cmpfloat (cx - 10 - o->state_width, >=, 0);

      prev = i;
      prev_bottom = y + h;
      prev_arrow = MAX (row.y1, row.y2);
    }
}

static TvLadderLayout *
measured_layout (TvLadderPainter *painter,
                 TvTracker       *tracker,
                 TvConn          *conn,
                 TvLadderSpacing  spacing,
                 gboolean         absolute)
{
  TvLadderOptions options;

  tv_ladder_options_init (&options);
  options.spacing = spacing;
  options.absolute = absolute;
  tv_ladder_painter_measure_for_conn (painter, &options, conn);
  return tv_ladder_layout_new (tracker, conn, &options);
}

static void
test_labels_fit (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *textbook = tv_test_textbook (tracker);
  TvTracker *bulk_tracker = tv_tracker_new ();
  TvConn *bulk = tv_test_bulk (bulk_tracker, 3000);
  TvLadderPainter *painter = tv_ladder_painter_new (NULL);

  for (int spacing = TV_LADDER_SPACING_EVEN; spacing <= TV_LADDER_SPACING_TIME; spacing++)
    for (int absolute = 0; absolute <= 1; absolute++)
      {
        TvLadderLayout *layout;

        layout = measured_layout (painter, tracker, textbook, spacing, absolute);
        check_labels (painter, layout, 1);
        tv_ladder_layout_free (layout);

        layout = measured_layout (painter, bulk_tracker, bulk, spacing, absolute);
        check_labels (painter, layout, 1);
        tv_ladder_layout_free (layout);
      }

  tv_ladder_painter_free (painter);
  tv_tracker_free (tracker);
  tv_tracker_free (bulk_tracker);
}

/* Every connection of every capture in tests/captures. */
static void
test_labels_fit_captures (void)
{
  const char *dir_path = g_getenv ("TV_TEST_CAPTURES");
  TvLadderPainter *painter = tv_ladder_painter_new (NULL);
  GDir *dir;
  const char *name;
  guint n_conns = 0;

  if (dir_path == NULL || (dir = g_dir_open (dir_path, 0, NULL)) == NULL)
    {
      g_test_skip ("no captures");
      tv_ladder_painter_free (painter);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      TvLoadStats stats = { 0 };
      TvTracker *tracker;

      if (!g_str_has_suffix (name, ".pcap") && !g_str_has_suffix (name, ".pcapng"))
        continue;

      path = g_build_filename (dir_path, name, NULL);
      tracker = tv_tracker_new ();
      if (!tv_load_file (path, tracker, NULL, &stats, &error))
        {
          g_test_message ("%s: %s", name, error->message);
          tv_load_stats_clear (&stats);
          tv_tracker_free (tracker);
          continue;
        }
      tv_load_stats_clear (&stats);
      tv_tracker_finish (tracker);

      for (guint c = 0; c < tv_tracker_get_n_conns (tracker); c++)
        {
          TvConn *conn = tv_tracker_get_conn (tracker, c);

          for (int absolute = 0; absolute <= 1; absolute++)
            {
              TvLadderLayout *layout = measured_layout (painter, tracker, conn,
                                                        TV_LADDER_SPACING_EVEN, absolute);

              check_labels (painter, layout, 1);
              tv_ladder_layout_free (layout);
            }
          n_conns++;
        }
      tv_tracker_free (tracker);
    }
  g_dir_close (dir);
  g_test_message ("%u connections checked", n_conns);

  tv_ladder_painter_free (painter);
}

static guint
count_painted (cairo_surface_t *surface,
               int              x0,
               int              y0,
               int              x1,
               int              y1)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (*(const guint32 *) (data + y * stride + 4 * x) != 0)
        n++;

  return n;
}

static void
test_clip (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvLadderPainter *painter = tv_ladder_painter_new (NULL);
  TvLadderLayout *layout = measured_layout (painter, tracker, conn, TV_LADDER_SPACING_EVEN, FALSE);
  int w = (int) ceil (tv_ladder_layout_get_width (layout));
  int h = (int) ceil (tv_ladder_layout_get_height (layout));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  TvLadderPaintParams params;

  /* only the band from 200 to 300 */
  tv_ladder_paint_params_init (&params);
  params.clip_x = 0;
  params.clip_y = 200;
  params.clip_width = w;
  params.clip_height = 100;
  params.header_y = 200;
  tv_ladder_painter_paint (painter, cr, layout, &params);
  cairo_destroy (cr);

  g_assert_cmpuint (count_painted (surface, 0, 0, w, 200), ==, 0);
  g_assert_cmpuint (count_painted (surface, 0, 300, w, h), ==, 0);
  g_assert_cmpuint (count_painted (surface, 0, 200, w, 300), ==, (guint) w * 100);

  cairo_surface_destroy (surface);
  tv_ladder_layout_free (layout);
  tv_ladder_painter_free (painter);
  tv_tracker_free (tracker);
}

static guint
ink_with (TvLadderPainter *painter,
          TvLadderLayout  *layout,
          int              visible_rows,
          int              progress_row,
          double           progress)
{
  int w = (int) ceil (tv_ladder_layout_get_width (layout));
  int h = (int) ceil (tv_ladder_layout_get_height (layout));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  TvLadderPaintParams params;
  guint n;

  tv_ladder_paint_params_init (&params);
  params.draw_background = FALSE;
  params.visible_rows = visible_rows;
  params.progress_row = progress_row;
  params.progress = progress;
  tv_ladder_painter_paint (painter, cr, layout, &params);
  cairo_destroy (cr);
  n = count_painted (surface, 0, 0, w, h);
  cairo_surface_destroy (surface);

  return n;
}

static void
test_playback (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvLadderPainter *painter = tv_ladder_painter_new (NULL);
  TvLadderLayout *layout = measured_layout (painter, tracker, conn, TV_LADDER_SPACING_EVEN, FALSE);
  guint all = ink_with (painter, layout, -1, -1, 1);
  guint none = ink_with (painter, layout, 0, -1, 1);
  guint three = ink_with (painter, layout, 3, -1, 1);
  guint three_half = ink_with (painter, layout, 4, 3, 0.5);
  guint four = ink_with (painter, layout, 4, -1, 1);

  g_assert_cmpuint (none, <, three);
  g_assert_cmpuint (three, <, three_half);
  g_assert_cmpuint (three_half, <, four);
  g_assert_cmpuint (four, <, all);

  tv_ladder_layout_free (layout);
  tv_ladder_painter_free (painter);
  tv_tracker_free (tracker);
}

/* WCAG relative luminance and contrast ratio */
static double
luminance (const TvLadderColor *c,
           const TvLadderColor *bg)
{
  double rgb[3] = {
    c->red * c->alpha + bg->red * (1 - c->alpha),
    c->green * c->alpha + bg->green * (1 - c->alpha),
    c->blue * c->alpha + bg->blue * (1 - c->alpha),
  };

  for (guint i = 0; i < 3; i++)
    rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

static double
contrast (const TvLadderColor *fg,
          const TvLadderColor *bg)
{
  double a = luminance (fg, bg), b = luminance (bg, bg);

  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

static void
test_contrast (void)
{
  for (TvLadderStyleKind kind = TV_LADDER_STYLE_LIGHT; kind <= TV_LADDER_STYLE_PRINT; kind++)
    {
      TvLadderStyle style;

      tv_ladder_style_init (&style, kind);
      /* text: WCAG AA */
      g_assert_cmpfloat (contrast (&style.text, &style.background), >=, 7);
      g_assert_cmpfloat (contrast (&style.dim_text, &style.background), >=, 4.5);
      g_assert_cmpfloat (contrast (&style.state_text, &style.state_fill), >=, 7);
      g_assert_cmpfloat (contrast (&style.tag_text, &style.tag_error), >=, 4.5);
      g_assert_cmpfloat (contrast (&style.tag_text, &style.tag_warning), >=, 4.5);
      g_assert_cmpfloat (contrast (&style.tag_text, &style.tag_info), >=, 4.5);
      /* arrows and the flags written in their colour */
      for (guint k = 0; k < TV_LADDER_N_KINDS; k++)
        {
          double ratio = contrast (&style.arrow[k], &style.background);

          g_test_message ("style %d kind %u: %.2f", kind, k, ratio);
          g_assert_cmpfloat (ratio, >=, 4.5);
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/painter/labels-fit", test_labels_fit);
  g_test_add_func ("/render/painter/labels-fit-captures", test_labels_fit_captures);
  g_test_add_func ("/render/painter/clip", test_clip);
  g_test_add_func ("/render/painter/playback", test_playback);
  g_test_add_func ("/render/painter/contrast", test_contrast);

  return g_test_run ();
}
