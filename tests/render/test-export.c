/* test-export.c: PNG, SVG and PDF files of a ladder diagram. */

#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>

#include "tv-export.h"
#include "tv-load.h"
#include "tv-test-conn.h"

typedef struct {
  char      *dir;
  TvTracker *tracker;
  TvConn    *conn;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tv-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->tracker = tv_tracker_new ();
  f->conn = tv_test_textbook (f->tracker);
  tv_tracker_finish (f->tracker);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GDir *dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  if (g_getenv ("TV_TEST_KEEP") == NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (f->dir, name, NULL);

          g_unlink (path);
        }
      g_rmdir (f->dir);
    }
  else
    g_test_message ("kept %s", f->dir);
  g_dir_close (dir);
  g_free (f->dir);
  tv_tracker_free (f->tracker);
}

static guint
count_files (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

/* Pixels that differ from the background (the top-left pixel). */
static guint
count_ink (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 bg = *(const guint32 *) data;
  guint ink = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (*(const guint32 *) (data + y * stride + 4 * x) != bg)
        ink++;

  return ink;
}

static void
check_png (const char *path,
           int        *width,
           int        *height)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  *width = cairo_image_surface_get_width (surface);
  *height = cairo_image_surface_get_height (surface);
  g_assert_cmpuint (count_ink (surface), >, (guint) (*width * *height / 100));
  cairo_surface_destroy (surface);
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "ladder.png", NULL);
  g_autoptr(GError) error = NULL;
  TvExportOptions options;
  int w, h, w2, h2;

  for (TvLadderStyleKind style = TV_LADDER_STYLE_LIGHT; style <= TV_LADDER_STYLE_PRINT; style++)
    {
      g_autofree char *name = g_strdup_printf ("ladder-%d.png", style);
      g_autofree char *p = g_build_filename (f->dir, name, NULL);

      tv_export_options_init (&options);
      options.style = style;
      g_assert_true (tv_export_to_file (f->tracker, f->conn, p, &options, &error));
      g_assert_no_error (error);
      check_png (p, &w, &h);
      g_assert_cmpint (w, >, 600);
      g_assert_cmpint (w, <, 1400);
      g_assert_cmpint (h, >, 11 * 40);
      g_assert_cmpint (h, <, 11 * 120);
    }

  /* the defaults, and twice the pixels */
  g_assert_true (tv_export_to_file (f->tracker, f->conn, path, NULL, &error));
  g_assert_no_error (error);
  check_png (path, &w, &h);

  tv_export_options_init (&options);
  options.png_scale = 2;
  g_assert_true (tv_export_to_file (f->tracker, f->conn, path, &options, &error));
  g_assert_no_error (error);
  check_png (path, &w2, &h2);
  g_assert_cmpint (w2, ==, 2 * w);
  g_assert_cmpint (ABS (h2 - 2 * h), <=, 1);

  /* no temporary file is left */
  g_assert_cmpuint (count_files (f->dir), ==, 4);
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "ladder.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GRegex) head = NULL;
  g_autoptr(GRegex) shaft = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  guint heads = 0, shafts = 0;

  g_assert_true (tv_export_to_file (f->tracker, f->conn, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));

  /* every arrow is one line (1.6 wide) and ends in one filled triangle */
  head = g_regex_new ("<path[^>]* d=\"M [-0-9.]+ [-0-9.]+ L [-0-9.]+ [-0-9.]+ "
                      "L [-0-9.]+ [-0-9.]+ Z M [-0-9.]+ [-0-9.]+ ?\"", 0, 0, &error);
  g_assert_no_error (error);
  g_regex_match (head, contents, 0, &match);
  while (g_match_info_matches (match))
    {
      heads++;
      g_match_info_next (match, NULL);
    }
  g_clear_pointer (&match, g_match_info_free);
  shaft = g_regex_new ("<path style=\"[^\"]*stroke-width:1.6;[^\"]*\" "
                       "d=\"M [-0-9.]+ [-0-9.]+ L [-0-9.]+ [-0-9.]+ ?\"", 0, 0, &error);
  g_assert_no_error (error);
  g_regex_match (shaft, contents, 0, &match);
  while (g_match_info_matches (match))
    {
      shafts++;
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (shafts, ==, f->conn->n_segs);
  g_assert_cmpuint (heads, ==, f->conn->n_segs);
}

static char *
pdftotext (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &error))
    return NULL;

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "ladder.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  static const char *const words[] = {
    "SYN", "SYN-ACK", "seq=0", "ack=1", "FIN-ACK", "len=78", "GET / HTTP/1.1",
    "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2",
    "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "LISTEN",
    "192.168.1.116:3337", "192.168.1.123:7788", "Client", "Server",
  };

  g_assert_true (tv_export_to_file (f->tracker, f->conn, path, NULL, &error));
  g_assert_no_error (error);

  text = pdftotext (path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (text, words[i]) == NULL)
      g_error ("“%s” not in the PDF's text:\n%s", words[i], text);
}

static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize size = 0;
  guint pages = 0;
  const char *p;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  for (gsize i = 0; i < size; i++)
    if (contents[i] == '\0')
      contents[i] = ' ';
  for (p = contents; (p = strstr (p, "/Type /Page")) != NULL; p++)
    if (strncmp (p, "/Type /Pages", 12) != 0)
      pages++;
  return pages;
}

static void
test_pdf_pages (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *a4 = g_build_filename (f->dir, "long-a4.pdf", NULL);
  g_autofree char *tall = g_build_filename (f->dir, "tall.pdf", NULL);
  g_autoptr(GError) error = NULL;
  TvExportOptions options;
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_bulk (tracker, 100);

  /* by default one page, the size of the diagram */
  g_assert_true (tv_export_to_file (tracker, conn, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (path), ==, 1);

  /* paged for print: 200+ rows do not fit on one A4 page */
  tv_export_options_init (&options);
  options.paper = TV_EXPORT_PAPER_A4;
  g_assert_true (tv_export_to_file (tracker, conn, a4, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (a4), >, 3);
  tv_tracker_free (tracker);

  /* taller than a PDF page can be (14400 pt): pages of the diagram's width */
  tracker = tv_tracker_new ();
  conn = tv_test_bulk (tracker, 400);
  g_assert_true (tv_export_to_file (tracker, conn, tall, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (tall), >=, 2);
  tv_tracker_free (tracker);
}

/* The SVG's words are <text>, not outlines. */
static void
test_svg_text (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "text.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  static const char *const words[] = {
    ">SYN<", "seq=0", "ack=1", ">SYN_SENT<", ">TIME_WAIT<", ">GET / HTTP/1.1<", ">Client<",
  };

  g_assert_true (tv_export_to_file (f->tracker, f->conn, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (contents, words[i]) == NULL)
      g_error ("“%s” not in the SVG's text", words[i]);
  /* no glyph outlines */
  g_assert_null (strstr (contents, "<symbol"));
  g_assert_nonnull (strstr (contents, "font-family=\"'"));
  g_assert_nonnull (strstr (contents, "font-size=\"13\""));
}

static void
paint_square (cairo_t  *cr,
              gpointer  user_data)
{
  cairo_rectangle (cr, 10, 10, 20, 20);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_fill (cr);
  (*(guint *) user_data)++;
}

/* Any figure through the same writers. */
static void
test_figure (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "figure.png", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "figure.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "figure.pdf", NULL);
  g_autoptr(GError) error = NULL;
  guint painted = 0;
  TvExportFigure figure = { 120, 80, paint_square, &painted, { 1, 1, 1, 1 } };
  TvExportOptions options;
  int w, h;

  tv_export_options_init (&options);
  options.png_scale = 2;
  g_assert_true (tv_export_figure_to_file (&figure, png, &options, &error));
  g_assert_no_error (error);
  check_png (png, &w, &h);
  g_assert_cmpint (w, ==, 240);
  g_assert_cmpint (h, ==, 160);
  g_assert_true (tv_export_figure_to_file (&figure, svg, NULL, &error));
  g_assert_true (tv_export_figure_to_file (&figure, pdf, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (painted, ==, 3);
  g_assert_cmpuint (count_pdf_pages (pdf), ==, 1);

  /* too tall for one PNG */
  figure.height = 100000;
  g_assert_false (tv_export_figure_to_file (&figure, png, NULL, &error));
  g_assert_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_TOO_LARGE);
}

/* In memory, for the clipboard. */
static void
test_bytes (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  TvExportOptions options;
  gsize size;
  const guint8 *p;

  tv_export_options_init (&options);
  options.png_scale = 2;
  png = tv_export_to_bytes (f->tracker, f->conn, TV_EXPORT_FORMAT_PNG, &options, &error);
  g_assert_no_error (error);
  p = g_bytes_get_data (png, &size);
  g_assert_cmpuint (size, >, 1000);
  g_assert_cmpmem (p, 4, "\x89PNG", 4);
  svg = tv_export_to_bytes (f->tracker, f->conn, TV_EXPORT_FORMAT_SVG, NULL, &error);
  g_assert_no_error (error);
  p = g_bytes_get_data (svg, &size);
  g_assert_nonnull (g_strstr_len ((const char *) p, size, ">SYN_SENT<"));
}

static void
test_png_split (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "tall.png", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  TvExportOptions options;
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_bulk (tracker, 200);
  int w, h;

  tv_export_options_init (&options);
  options.max_png_height = 2000;

  g_assert_true (tv_export_to_file_full (tracker, conn, path, &options, &files, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (files), >, 3);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("tall-%u.png", i + 1);
      g_autofree char *base = g_path_get_basename (files[i]);

      g_assert_cmpstr (base, ==, name);
      check_png (files[i], &w, &h);
      g_assert_cmpint (h, <=, 2000);
      if (files[i + 1] != NULL)
        g_assert_cmpint (h, >, 1500);
    }
  g_assert_cmpuint (count_files (f->dir), ==, g_strv_length (files));

  /* refused, cleanly, when asked not to split */
  options.split_png = FALSE;
  g_assert_false (tv_export_to_file (tracker, conn, path, &options, &error));
  g_assert_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "tall.png"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (f->dir), ==, g_strv_length (files));

  tv_tracker_free (tracker);
}

static void
test_range (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *all = g_build_filename (f->dir, "all.png", NULL);
  g_autofree char *part = g_build_filename (f->dir, "part.png", NULL);
  g_autoptr(GError) error = NULL;
  TvExportOptions options;
  int w, h, pw, ph;

  g_assert_true (tv_export_to_file (f->tracker, f->conn, all, NULL, &error));
  check_png (all, &w, &h);

  /* the handshake only: the first rows */
  tv_export_options_init (&options);
  options.y_start = 0;
  options.y_end = 150;
  g_assert_true (tv_export_to_file (f->tracker, f->conn, part, &options, &error));
  g_assert_no_error (error);
  check_png (part, &pw, &ph);
  g_assert_cmpint (pw, ==, w);
  g_assert_cmpint (ph, <, h / 2);

  /* nothing there */
  options.y_start = 100000;
  options.y_end = 100100;
  g_assert_false (tv_export_to_file (f->tracker, f->conn, part, &options, &error));
  g_assert_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_EMPTY);
}

static void
test_bad_name (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "ladder.gif", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", "dir.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (tv_export_to_file (f->tracker, f->conn, path, NULL, &error));
  g_assert_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "ladder.gif"));
  g_clear_error (&error);

  g_assert_false (tv_export_to_file (f->tracker, f->conn, missing, NULL, &error));
  g_assert_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "dir.png"));
  g_assert_cmpuint (count_files (f->dir), ==, 0);

  g_assert_cmpint (tv_export_format_from_filename ("a.PDF"), ==, TV_EXPORT_FORMAT_PDF);
  g_assert_cmpint (tv_export_format_from_filename ("a.svg"), ==, TV_EXPORT_FORMAT_SVG);
  g_assert_cmpint (tv_export_format_from_filename ("dir.png/a"), ==, TV_EXPORT_FORMAT_AUTO);
}

/* A real capture, read by the core, exported in every format and style. */
static void
test_capture (Fixture       *f,
              gconstpointer  data)
{
  const char *captures = g_getenv ("TV_TEST_CAPTURES");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker;
  TvConn *conn;
  static const char *const words[] = {
    "SYN", "seq=0", "ack=1", "SYN_SENT", "ESTABLISHED", "TIME_WAIT", "FIN_WAIT_2",
    "handshake", "Four-way", "Client", "Server",
  };

  if (captures == NULL)
    {
      g_test_skip ("TV_TEST_CAPTURES is not set");
      return;
    }
  path = g_build_filename (captures, "textbook-handshake.pcap", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no textbook-handshake.pcap");
      return;
    }

  tracker = tv_tracker_new ();
  g_assert_true (tv_load_file (path, tracker, NULL, &stats, &error));
  g_assert_no_error (error);
  tv_load_stats_clear (&stats);
  tv_tracker_finish (tracker);
  g_assert_cmpuint (tv_tracker_get_n_conns (tracker), >=, 1);
  conn = tv_tracker_get_conn (tracker, 0);

  for (TvLadderStyleKind style = TV_LADDER_STYLE_LIGHT; style <= TV_LADDER_STYLE_PRINT; style++)
    for (TvLadderSpacing spacing = TV_LADDER_SPACING_EVEN; spacing <= TV_LADDER_SPACING_TIME; spacing++)
      {
        static const char *const exts[] = { "png", "svg", "pdf" };

        for (guint e = 0; e < G_N_ELEMENTS (exts); e++)
          {
            g_autofree char *name = g_strdup_printf ("capture-%d-%d.%s", style, spacing, exts[e]);
            g_autofree char *out = g_build_filename (f->dir, name, NULL);
            TvExportOptions options;

            tv_export_options_init (&options);
            options.style = style;
            options.spacing = spacing;
            g_assert_true (tv_export_to_file (tracker, conn, out, &options, &error));
            g_assert_no_error (error);

            if (e == 0)
              {
                int w, h;

                check_png (out, &w, &h);
              }
            else if (e == 2)
              {
                g_autofree char *text = pdftotext (out);

                for (guint i = 0; text != NULL && i < G_N_ELEMENTS (words); i++)
                  if (strstr (text, words[i]) == NULL)
                    g_error ("“%s” not in %s:\n%s", words[i], name, text);
              }
          }
      }

  tv_tracker_free (tracker);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/render/export/png", test_png);
  ADD ("/render/export/svg", test_svg);
  ADD ("/render/export/pdf", test_pdf);
  ADD ("/render/export/pdf-pages", test_pdf_pages);
  ADD ("/render/export/svg-text", test_svg_text);
  ADD ("/render/export/figure", test_figure);
  ADD ("/render/export/bytes", test_bytes);
  ADD ("/render/export/png-split", test_png_split);
  ADD ("/render/export/range", test_range);
  ADD ("/render/export/bad-name", test_bad_name);
  ADD ("/render/export/capture", test_capture);
#undef ADD

  return g_test_run ();
}
