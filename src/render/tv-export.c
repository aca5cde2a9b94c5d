/* tv-export.c: ladder diagrams to PNG, SVG and PDF files.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tv-export.h"

#define PNG_MAX_HEIGHT 32767
#define A4_WIDTH  595.0   /* points */
#define A4_HEIGHT 842.0
#define PDF_MARGIN 24.0

G_DEFINE_QUARK (tv-export-error-quark, tv_export_error)

void
tv_export_options_init (TvExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = TV_EXPORT_FORMAT_AUTO;
  options->style = TV_LADDER_STYLE_LIGHT;
  options->absolute = FALSE;
  options->spacing = TV_LADDER_SPACING_EVEN;
  options->png_scale = 1.0;
  options->split_png = TRUE;
  options->max_png_height = 0;
}

TvExportFormat
tv_export_format_from_filename (const char *filename)
{
  const char *dot;

  g_return_val_if_fail (filename != NULL, TV_EXPORT_FORMAT_AUTO);

  dot = strrchr (filename, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return TV_EXPORT_FORMAT_AUTO;

  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return TV_EXPORT_FORMAT_PNG;
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return TV_EXPORT_FORMAT_SVG;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return TV_EXPORT_FORMAT_PDF;

  return TV_EXPORT_FORMAT_AUTO;
}

/* A slice [y0, y1) of the diagram (layout units), drawn under the header. */
typedef struct {
  double y0, y1;
} Page;

typedef struct {
  TvLadderLayout  *layout;
  TvLadderPainter *painter;
  double           width;
  double           header;   /* header height, drawn on every page */
  double           bottom;   /* space under the last row of a page */
} Job;

/* A cut between row @i and row @i + 1, where nothing is drawn. */
static double
cut_after (TvLadderLayout *layout,
           guint           i)
{
  const TvLadderOptions *o = tv_ladder_layout_get_options (layout);
  TvLadderRow a, b;
  double end, start;

  tv_ladder_layout_get_row (layout, i, &a);
  tv_ladder_layout_get_row (layout, i + 1, &b);
  end = MAX (a.bottom, a.y2 + o->state_height / 2);
  start = MIN (b.top, b.y1 - o->state_height / 2);

  return (end + start) / 2;
}

/* Splits [y0, y1) into pages of at most @avail units, between rows. */
static GArray *
split_pages (TvLadderLayout *layout,
             double          y0,
             double          y1,
             double          avail)
{
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (Page));
  double s0 = y0;

  while (y1 - s0 > avail)
    {
      Page page = { s0, s0 + avail };
      guint first, last;

      if (tv_ladder_layout_find_rows (layout, s0 + avail, s0 + avail, &first, &last))
        {
          /* the rows that reach the limit go to the next page */
          if (first > 0)
            {
              double cut = cut_after (layout, first - 1);

              if (cut > s0 + 1 && cut <= s0 + avail)
                page.y1 = cut;
            }
        }

      g_array_append_val (pages, page);
      s0 = page.y1;
    }

  if (y1 > s0 || pages->len == 0)
    {
      Page page = { s0, y1 };

      g_array_append_val (pages, page);
    }

  return pages;
}

static void
paint_page (Job        *job,
            cairo_t    *cr,
            const Page *page)
{
  TvLadderPaintParams params;
  double h = page->y1 - page->y0;

  tv_ladder_paint_params_init (&params);
  params.draw_header = FALSE;

  /* background for the whole page */
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, job->width, job->header + h + job->bottom);
  cairo_clip (cr);
  {
    const TvLadderStyle *style = tv_ladder_painter_get_style (job->painter);

    cairo_set_source_rgba (cr, style->background.red, style->background.green,
                           style->background.blue, style->background.alpha);
    cairo_paint (cr);
  }

  cairo_save (cr);
  cairo_translate (cr, 0, job->header - page->y0);
  params.clip_x = 0;
  params.clip_y = page->y0;
  params.clip_width = job->width;
  params.clip_height = h;
  params.draw_background = FALSE;
  tv_ladder_painter_paint (job->painter, cr, job->layout, &params);
  cairo_restore (cr);

  tv_ladder_painter_paint_header (job->painter, cr, job->layout, 0, 0, job->width);
  cairo_restore (cr);
}

/* cairo writes into a file descriptor */
typedef struct {
  int fd;
  int saved_errno;
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          sink->saved_errno = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= n;
    }

  return CAIRO_STATUS_SUCCESS;
}

/* A temporary file beside @filename, to rename when done. */
static char *
open_temp (const char  *filename,
           Sink        *sink,
           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (filename);
  g_autofree char *base = g_path_get_basename (filename);
  g_autofree char *tmpl_name = g_strdup_printf (".%s.XXXXXX", base);
  char *tmpl = g_build_filename (dir, tmpl_name, NULL);

  sink->saved_errno = 0;
  sink->fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0666);
  if (sink->fd < 0)
    {
      int saved = errno;

      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), filename, g_strerror (saved));
      g_free (tmpl);
      return NULL;
    }

  return tmpl;
}

static gboolean
finish_surface (cairo_surface_t  *surface,
                Sink             *sink,
                const char       *filename,
                GError          **error)
{
  cairo_status_t status;

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), filename,
                   sink->saved_errno ? g_strerror (sink->saved_errno)
                                     : cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

static gboolean
close_sink (Sink        *sink,
            const char  *filename,
            GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (fsync (sink->fd) != 0 && errno != EINVAL)
    sink->saved_errno = errno;
  if (!g_close (sink->fd, &local))
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), filename, local->message);
      return FALSE;
    }
  sink->fd = -1;
  if (sink->saved_errno != 0)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), filename, g_strerror (sink->saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Writes one PNG page into a temporary file; returns its name. */
static char *
write_png_page (Job         *job,
                const Page  *page,
                double       scale,
                const char  *filename,
                GError     **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  Sink sink;
  char *tmp;
  int w = (int) ceil (job->width * scale);
  int h = (int) ceil ((job->header + page->y1 - page->y0 + job->bottom) * scale);
  cairo_status_t status;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_TOO_LARGE,
                   _("Could not make a %d × %d image for “%s”: %s"), w, h, filename,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  paint_page (job, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  tmp = open_temp (filename, &sink, error);
  if (tmp == NULL)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  status = cairo_surface_write_to_png_stream (surface, sink_write, &sink);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), filename,
                   sink.saved_errno ? g_strerror (sink.saved_errno)
                                    : cairo_status_to_string (status));
      g_close (sink.fd, NULL);
      g_unlink (tmp);
      g_free (tmp);
      return NULL;
    }

  if (!close_sink (&sink, filename, error))
    {
      g_unlink (tmp);
      g_free (tmp);
      return NULL;
    }

  return tmp;
}

static char *
page_filename (const char *filename,
               guint       number)
{
  const char *dot = strrchr (filename, '.');
  const char *slash = strrchr (filename, G_DIR_SEPARATOR);

  if (dot == NULL || (slash != NULL && dot < slash))
    return g_strdup_printf ("%s-%u", filename, number);

  return g_strdup_printf ("%.*s-%u%s", (int) (dot - filename), filename, number, dot);
}

static gboolean
export_png (Job          *job,
            double        y0,
            double        y1,
            const char   *filename,
            const TvExportOptions *opt,
            GPtrArray    *written,
            GError      **error)
{
  double scale = opt->png_scale > 0 ? opt->png_scale : 1.0;
  guint max_h = opt->max_png_height > 0 ? MIN (opt->max_png_height, PNG_MAX_HEIGHT)
                                        : PNG_MAX_HEIGHT;
  double total = (job->header + (y1 - y0) + job->bottom) * scale;
  double avail = floor (max_h / scale) - job->header - job->bottom;
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) finals = g_ptr_array_new_with_free_func (g_free);

  if (job->width * scale > PNG_MAX_HEIGHT)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_TOO_LARGE,
                   _("“%s” would be %.0f pixels wide, more than a PNG image can be."),
                   filename, job->width * scale);
      return FALSE;
    }

  if (ceil (total) <= max_h)
    {
      pages = g_array_new (FALSE, FALSE, sizeof (Page));
      g_array_append_val (pages, ((Page) { y0, y1 }));
    }
  else if (!opt->split_png || avail < 100)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_TOO_LARGE,
                   _("“%s” would be %.0f pixels tall, more than a PNG image can be (%u). "
                     "Export it as PDF or SVG, or export a part of the connection."),
                   filename, ceil (total), max_h);
      return FALSE;
    }
  else
    pages = split_pages (job->layout, y0, y1, avail);

  for (guint i = 0; i < pages->len; i++)
    {
      char *tmp = write_png_page (job, &g_array_index (pages, Page, i), scale,
                                  filename, error);

      if (tmp == NULL)
        {
          for (guint j = 0; j < temps->len; j++)
            g_unlink (temps->pdata[j]);
          return FALSE;
        }
      g_ptr_array_add (temps, tmp);
      g_ptr_array_add (finals, pages->len == 1 ? g_strdup (filename)
                                               : page_filename (filename, i + 1));
    }

  for (guint i = 0; i < temps->len; i++)
    {
      if (g_rename (temps->pdata[i], finals->pdata[i]) != 0)
        {
          int saved = errno;

          g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                       _("Could not write “%s”: %s"), (char *) finals->pdata[i],
                       g_strerror (saved));
          for (guint j = i; j < temps->len; j++)
            g_unlink (temps->pdata[j]);
          return FALSE;
        }
      g_ptr_array_add (written, g_strdup (finals->pdata[i]));
    }

  return TRUE;
}

static gboolean
export_vector (Job          *job,
               double        y0,
               double        y1,
               TvExportFormat format,
               const char   *filename,
               GPtrArray    *written,
               GError      **error)
{
  g_autoptr(GArray) pages = NULL;
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  Sink sink;
  double k = 1;

  tmp = open_temp (filename, &sink, error);
  if (tmp == NULL)
    return FALSE;

  if (format == TV_EXPORT_FORMAT_SVG)
    {
      /* one picture, as tall as the diagram */
      Page page = { y0, y1 };

      pages = g_array_new (FALSE, FALSE, sizeof (Page));
      g_array_append_val (pages, page);
      surface = cairo_svg_surface_create_for_stream (sink_write, &sink, job->width,
                                                     job->header + (y1 - y0) + job->bottom);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
    }
  else
    {
      /* A4 pages, the diagram scaled to the page's width */
      double avail;

      k = MIN (1.0, (A4_WIDTH - 2 * PDF_MARGIN) / job->width);
      avail = (A4_HEIGHT - 2 * PDF_MARGIN) / k - job->header - job->bottom;
      pages = split_pages (job->layout, y0, y1, avail);
      surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, A4_WIDTH, A4_HEIGHT);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "TcpViz");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      _("TCP connection ladder diagram"));
    }

  cr = cairo_create (surface);
  for (guint i = 0; i < pages->len; i++)
    {
      const Page *page = &g_array_index (pages, Page, i);

      cairo_save (cr);
      if (format == TV_EXPORT_FORMAT_PDF)
        {
          cairo_translate (cr, (A4_WIDTH - job->width * k) / 2, PDF_MARGIN);
          cairo_scale (cr, k, k);
        }
      paint_page (job, cr, page);
      cairo_restore (cr);
      if (format == TV_EXPORT_FORMAT_PDF)
        cairo_show_page (cr);
    }
  cairo_destroy (cr);

  if (!finish_surface (surface, &sink, filename, error))
    {
      cairo_surface_destroy (surface);
      g_close (sink.fd, NULL);
      g_unlink (tmp);
      return FALSE;
    }
  cairo_surface_destroy (surface);

  if (!close_sink (&sink, filename, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (g_rename (tmp, filename) != 0)
    {
      int saved = errno;

      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), filename, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }

  g_ptr_array_add (written, g_strdup (filename));
  return TRUE;
}

gboolean
tv_export_to_file_full (TvTracker              *tracker,
                        TvConn                 *conn,
                        const char             *filename,
                        const TvExportOptions  *options,
                        char                 ***out_files,
                        GError                **error)
{
  TvExportOptions defaults;
  TvExportFormat format;
  TvLadderStyle style;
  TvLadderOptions lopt;
  Job job = { 0 };
  g_autoptr(GPtrArray) written = NULL;
  double y0, y1;
  gboolean ok;

  g_return_val_if_fail (tracker != NULL, FALSE);
  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      tv_export_options_init (&defaults);
      options = &defaults;
    }

  format = options->format;
  if (format == TV_EXPORT_FORMAT_AUTO)
    format = tv_export_format_from_filename (filename);
  if (format == TV_EXPORT_FORMAT_AUTO)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_FORMAT,
                   _("Cannot tell which format to write “%s” in: "
                     "name it .png, .svg or .pdf."), filename);
      return FALSE;
    }

  tv_ladder_style_init (&style, options->style);
  job.painter = tv_ladder_painter_new (&style);
  tv_ladder_options_init (&lopt);
  lopt.spacing = options->spacing;
  lopt.absolute = options->absolute;
  tv_ladder_painter_measure_for_conn (job.painter, &lopt, conn);
  job.layout = tv_ladder_layout_new (tracker, conn, &lopt);
  job.width = tv_ladder_layout_get_width (job.layout);
  job.header = tv_ladder_layout_get_header_bottom (job.layout);
  job.bottom = lopt.margin;

  /* the range of the diagram, widened to whole rows */
  y0 = job.header;
  y1 = tv_ladder_layout_get_height (job.layout) - lopt.margin;
  if (options->y_end > options->y_start)
    {
      guint first, last, n = tv_ladder_layout_get_n_rows (job.layout);

      if (!tv_ladder_layout_find_rows (job.layout, options->y_start, options->y_end,
                                       &first, &last))
        {
          g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_EMPTY,
                       _("Nothing to draw in “%s”: no segment in the part asked for."),
                       filename);
          tv_ladder_layout_free (job.layout);
          tv_ladder_painter_free (job.painter);
          return FALSE;
        }
      if (first > 0)
        y0 = cut_after (job.layout, first - 1);
      if (last + 1 < n)
        y1 = cut_after (job.layout, last);
    }

  written = g_ptr_array_new_with_free_func (g_free);
  if (format == TV_EXPORT_FORMAT_PNG)
    ok = export_png (&job, y0, y1, filename, options, written, error);
  else
    ok = export_vector (&job, y0, y1, format, filename, written, error);

  tv_ladder_layout_free (job.layout);
  tv_ladder_painter_free (job.painter);

  if (ok && out_files != NULL)
    {
      g_ptr_array_add (written, NULL);
      *out_files = (char **) g_ptr_array_steal (written, NULL);
    }

  return ok;
}

gboolean
tv_export_to_file (TvTracker              *tracker,
                   TvConn                 *conn,
                   const char             *filename,
                   const TvExportOptions  *options,
                   GError                **error)
{
  return tv_export_to_file_full (tracker, conn, filename, options, NULL, error);
}
