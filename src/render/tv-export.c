/* tv-export.c: ladder diagrams (and any figure) to PNG, SVG and PDF files,
 * and to text diagrams.
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
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "tv-export.h"
#include "tv-png-writer.h"
#include "tv-svg-writer.h"
#include "tv-text-diagram.h"

#define PNG_MAX_HEIGHT 32767     /* cairo's limit for an image */
#define PDF_MAX_PAGE   14400.0   /* points: the largest page PDF readers take */
#define PDF_MARGIN     24.0
#define SCREEN_DPI     96.0      /* a layout unit is a pixel at 1x */

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
  options->first_segment = -1;
  options->last_segment = -1;
  options->png_scale = 1.0;
  options->split_png = TRUE;
  options->max_png_height = 0;
  options->paper = TV_EXPORT_PAPER_NONE;
  options->title = NULL;
  options->capture_name = NULL;
  options->legend = FALSE;
}

TvExportFormat
tv_export_format_from_filename (const char *filename)
{
  static const struct {
    const char    *ext;
    TvExportFormat format;
  } table[] = {
    { ".png", TV_EXPORT_FORMAT_PNG },
    { ".svg", TV_EXPORT_FORMAT_SVG },
    { ".pdf", TV_EXPORT_FORMAT_PDF },
    { ".mmd", TV_EXPORT_FORMAT_MERMAID },
    { ".puml", TV_EXPORT_FORMAT_PLANTUML },
    { ".txt", TV_EXPORT_FORMAT_TEXT },
  };
  const char *dot;

  g_return_val_if_fail (filename != NULL, TV_EXPORT_FORMAT_AUTO);

  dot = strrchr (filename, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return TV_EXPORT_FORMAT_AUTO;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_ascii_strcasecmp (dot, table[i].ext) == 0)
      return table[i].format;

  return TV_EXPORT_FORMAT_AUTO;
}

gboolean
tv_export_format_is_text (TvExportFormat format)
{
  return format == TV_EXPORT_FORMAT_MERMAID || format == TV_EXPORT_FORMAT_PLANTUML ||
         format == TV_EXPORT_FORMAT_TEXT;
}

char *
tv_export_dup_default_title (TvConn     *conn,
                             const char *capture_name)
{
  g_autofree char *client = NULL;
  g_autofree char *server = NULL;

  g_return_val_if_fail (conn != NULL, NULL);

  client = tv_endpoint_to_string (&conn->client);
  server = tv_endpoint_to_string (&conn->server);
  if (capture_name != NULL && *capture_name != '\0')
    /* TRANSLATORS: the title of an exported diagram: client → server · file */
    return g_strdup_printf (_("%s → %s · %s"), client, server, capture_name);
  return g_strdup_printf ("%s → %s", client, server);
}

/* ---- writing files: a temporary file beside the target, renamed ---------- */

/* cairo writes into a file descriptor, or into memory */
typedef struct {
  int         fd;
  int         saved_errno;
  GByteArray *bytes;
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->bytes != NULL)
    {
      g_byte_array_append (sink->bytes, data, length);
      return CAIRO_STATUS_SUCCESS;
    }

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

static char *
open_temp (const char  *filename,
           Sink        *sink,
           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (filename);
  g_autofree char *base = g_path_get_basename (filename);
  g_autofree char *tmpl_name = g_strdup_printf (".%s.XXXXXX", base);
  char *tmpl = g_build_filename (dir, tmpl_name, NULL);

  memset (sink, 0, sizeof *sink);
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
close_sink (Sink        *sink,
            const char  *filename,
            GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (fsync (sink->fd) != 0 && errno != EINVAL)
    sink->saved_errno = errno;
  if (!g_close (sink->fd, &local))
    {
      sink->fd = -1;
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

static gboolean
check_status (cairo_status_t   status,
              Sink            *sink,
              const char      *filename,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), filename,
               sink->saved_errno ? g_strerror (sink->saved_errno)
                                 : cairo_status_to_string (status));
  return FALSE;
}

/* Closes @sink and renames @tmp to @filename; on failure removes @tmp. */
static gboolean
commit_temp (Sink        *sink,
             const char  *tmp,
             const char  *filename,
             gboolean     ok,
             GError     **error)
{
  if (!ok)
    {
      if (sink->fd >= 0)
        g_close (sink->fd, NULL);
      g_unlink (tmp);
      return FALSE;
    }
  if (!close_sink (sink, filename, error))
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
  return TRUE;
}

/* ---- the page of a ladder: title, lifeline heads, rows, legend ----------- */

/* A slice [y0, y1) of the diagram (layout units), drawn under the header. */
typedef struct {
  double y0, y1;
} Page;

typedef struct {
  TvLadderLayout  *layout;
  TvLadderPainter *painter;
  PangoContext    *pango;
  double           width;
  double           margin;
  char            *title;     /* NULL: none */
  double           title_h;   /* the band above the heads, on every page */
  double           header;    /* header height, drawn on every page */
  double           bottom;    /* space under the last row of a page */
  double           legend_h;  /* the legend's band, under the last page */
  guint            kinds;     /* bits of TvLadderKind shown, for the legend */
  guint            analysis;  /* marks shown, for the legend */
} Job;

static double
page_height (Job        *job,
             const Page *page,
             gboolean    last)
{
  return job->title_h + job->header + (page->y1 - page->y0) + job->bottom +
         (last ? job->legend_h : 0);
}

/* the room for rows on a page @height tall (all pages keep the legend's room) */
static double
room_for_rows (Job    *job,
               double  height)
{
  return height - job->title_h - job->header - job->bottom - job->legend_h;
}

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
set_colour (cairo_t             *cr,
            const TvLadderColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static PangoLayout *
make_text (Job        *job,
           cairo_t    *cr,
           const char *text,
           double      size,
           gboolean    bold)
{
  const TvLadderStyle *style = tv_ladder_painter_get_style (job->painter);
  PangoLayout *layout;
  PangoFontDescription *font = pango_font_description_new ();

  if (cr != NULL)
    pango_cairo_update_context (cr, job->pango);
  layout = pango_layout_new (job->pango);
  pango_font_description_set_family (font, style->font_family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y)
{
  cairo_move_to (cr, x, y);
  tv_render_show_layout (cr, layout);
}

static const char *
kind_name (TvLadderKind kind)
{
  switch (kind)
    {
    case TV_LADDER_KIND_HANDSHAKE:
      return _("Handshake");
    case TV_LADDER_KIND_DATA:
      return _("Data");
    case TV_LADDER_KIND_ACK:
      return _("Acknowledgement only");
    case TV_LADDER_KIND_CLOSE:
      return _("Close (FIN)");
    case TV_LADDER_KIND_RESET:
    default:
      return _("Reset (RST)");
    }
}

static const TvLadderColor *
mark_colour (const TvLadderStyle *style,
             TvAnalysis           bit)
{
  switch (bit)
    {
    case TV_ANALYSIS_RETRANSMISSION:
    case TV_ANALYSIS_FAST_RETRANSMISSION:
    case TV_ANALYSIS_ZERO_WINDOW:
    case TV_ANALYSIS_PREVIOUS_NOT_CAPTURED:
    case TV_ANALYSIS_RESET:
      return &style->tag_error;
    case TV_ANALYSIS_SPURIOUS_RETRANSMISSION:
    case TV_ANALYSIS_OUT_OF_ORDER:
    case TV_ANALYSIS_DUPLICATE_ACK:
    case TV_ANALYSIS_WINDOW_FULL:
    case TV_ANALYSIS_ACKED_UNSEEN:
    case TV_ANALYSIS_ZERO_WINDOW_PROBE:
      return &style->tag_warning;
    case TV_ANALYSIS_KEEP_ALIVE:
    case TV_ANALYSIS_WINDOW_UPDATE:
    default:
      return &style->tag_info;
    }
}

/* Lays out (and with @cr paints, from @top) the legend: one sample arrow
 * per kind of segment shown, one tag per mark shown, in lines as wide as
 * the diagram.  Returns its height. */
static double
paint_legend (Job     *job,
              cairo_t *cr,
              double   top)
{
  const TvLadderStyle *style = tv_ladder_painter_get_style (job->painter);
  double size = round (style->font_size * 0.85);
  double line_h = size * 1.9;
  double x = job->margin, y = top + job->margin / 2;
  double right = job->width - job->margin;

  for (guint i = 0; i < TV_LADDER_N_KINDS + TV_N_ANALYSIS; i++)
    {
      g_autoptr(PangoLayout) text = NULL;
      PangoRectangle r;
      double sample, w;
      gboolean is_kind = i < TV_LADDER_N_KINDS;
      TvAnalysis bit = is_kind ? 0 : 1u << (i - TV_LADDER_N_KINDS);

      if (is_kind ? !(job->kinds & (1u << i)) : !(job->analysis & bit))
        continue;

      text = make_text (job, cr, is_kind ? kind_name (i) : tv_analysis_label (bit),
                        size, !is_kind);
      pango_layout_get_extents (text, NULL, &r);
      sample = is_kind ? 30 : 12;
      w = is_kind ? sample + 6 + r.width / (double) PANGO_SCALE
                  : r.width / (double) PANGO_SCALE + sample;
      if (x + w > right && x > job->margin)
        {
          x = job->margin;
          y += line_h;
        }

      if (cr != NULL)
        {
          double cy = y + line_h / 2;
          double th = r.height / (double) PANGO_SCALE;

          if (is_kind)
            {
              const TvLadderColor *c = tv_ladder_style_get_arrow_color (style, i);

              set_colour (cr, c);
              cairo_set_line_width (cr, 1.6);
              cairo_move_to (cr, x, cy);
              cairo_line_to (cr, x + sample - 8, cy);
              cairo_stroke (cr);
              cairo_move_to (cr, x + sample, cy);
              cairo_line_to (cr, x + sample - 9, cy - 3.5);
              cairo_line_to (cr, x + sample - 9, cy + 3.5);
              cairo_close_path (cr);
              cairo_fill (cr);
              set_colour (cr, &style->text);
              show_text (cr, text, x + sample + 6, cy - th / 2);
            }
          else
            {
              double h = th + 2, r2 = h / 2;

              cairo_new_sub_path (cr);
              cairo_arc (cr, x + w - r2, cy, r2, -G_PI / 2, G_PI / 2);
              cairo_arc (cr, x + r2, cy, r2, G_PI / 2, 3 * G_PI / 2);
              cairo_close_path (cr);
              set_colour (cr, mark_colour (style, bit));
              cairo_fill (cr);
              set_colour (cr, &style->tag_text);
              show_text (cr, text, x + sample / 2, cy - th / 2);
            }
        }
      x += w + 18;
    }

  return y + line_h + job->margin / 2 - top;
}

static void
paint_title (Job     *job,
             cairo_t *cr)
{
  const TvLadderStyle *style = tv_ladder_painter_get_style (job->painter);
  g_autoptr(PangoLayout) text = NULL;

  if (job->title == NULL)
    return;
  text = make_text (job, cr, job->title, round (style->font_size * 1.15), TRUE);
  pango_layout_set_width (text, (job->width - 2 * job->margin) * PANGO_SCALE);
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_MIDDLE);
  set_colour (cr, &style->text);
  show_text (cr, text, job->margin, job->margin);
}

static void
paint_page (Job        *job,
            cairo_t    *cr,
            const Page *page,
            gboolean    last)
{
  const TvLadderStyle *style = tv_ladder_painter_get_style (job->painter);
  TvLadderPaintParams params;
  double h = page->y1 - page->y0;

  tv_ladder_paint_params_init (&params);
  params.draw_header = FALSE;

  /* background for the whole page */
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, job->width, page_height (job, page, last));
  cairo_clip (cr);
  set_colour (cr, &style->background);
  cairo_paint (cr);

  paint_title (job, cr);

  cairo_save (cr);
  cairo_translate (cr, 0, job->title_h + job->header - page->y0);
  params.clip_x = 0;
  params.clip_y = page->y0;
  params.clip_width = job->width;
  params.clip_height = h;
  params.draw_background = FALSE;
  tv_ladder_painter_paint (job->painter, cr, job->layout, &params);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, 0, job->title_h);
  tv_ladder_painter_paint_header (job->painter, cr, job->layout, 0, 0, job->width);
  cairo_restore (cr);

  if (last && job->legend_h > 0)
    paint_legend (job, cr, job->title_h + job->header + h + job->bottom);

  cairo_restore (cr);
}

/* ---- PNG ------------------------------------------------------------------ */

static cairo_surface_t *
make_image (double       width,
            double       height,
            double       scale,
            gboolean     opaque,
            const char  *filename,
            GError     **error)
{
  int w = (int) ceil (width * scale);
  int h = (int) ceil (height * scale);
  cairo_surface_t *surface;

  surface = cairo_image_surface_create (opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_TOO_LARGE,
                   _("Could not make a %d × %d image for “%s”: %s"), w, h, filename,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

/* Writes @surface as PNG into a temporary file beside @filename; returns
 * the temporary file's name. */
static char *
write_png_temp (cairo_surface_t  *surface,
                double            scale,
                const char       *filename,
                GError          **error)
{
  cairo_status_t status;
  Sink sink;
  char *tmp;

  tmp = open_temp (filename, &sink, error);
  if (tmp == NULL)
    return NULL;

  status = tv_png_write (surface, SCREEN_DPI * scale, sink_write, &sink);
  if (!check_status (status, &sink, filename, error))
    {
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

static double
png_scale (const TvExportOptions *opt)
{
  return opt->png_scale > 0 ? opt->png_scale : 1.0;
}

static guint
png_page_height (const TvExportOptions *opt)
{
  return opt->max_png_height > 0 ? MIN (opt->max_png_height, PNG_MAX_HEIGHT)
                                 : TV_EXPORT_PNG_PAGE_HEIGHT;
}

static GArray *
png_pages (Job                    *job,
           double                  y0,
           double                  y1,
           const char             *filename,
           const TvExportOptions  *opt,
           GError                **error)
{
  double scale = png_scale (opt);
  guint max_h = png_page_height (opt);
  Page all = { y0, y1 };
  double total = page_height (job, &all, TRUE) * scale;
  double avail = room_for_rows (job, floor (max_h / scale));
  GArray *pages;

  if (job->width * scale > PNG_MAX_HEIGHT)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_TOO_LARGE,
                   _("“%s” would be %.0f pixels wide, more than a PNG image can be."),
                   filename, job->width * scale);
      return NULL;
    }

  if (ceil (total) <= max_h)
    {
      pages = g_array_new (FALSE, FALSE, sizeof (Page));
      g_array_append_val (pages, all);
      return pages;
    }
  if (!opt->split_png || avail < 100)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_TOO_LARGE,
                   _("“%s” would be %.0f pixels tall, more than a PNG image can be (%u). "
                     "Export it as PDF or SVG, or export a part of the connection."),
                   filename, ceil (total), max_h);
      return NULL;
    }
  return split_pages (job->layout, y0, y1, avail);
}

/* Paints a page into an image; @reuse, when as large, is painted over
 * rather than a new one made (a page of 16384 rows of pixels is 50 MB: the
 * kernel clearing fresh memory for each was a tenth of an export). */
static cairo_surface_t *
render_png_page (Job              *job,
                 const Page       *page,
                 gboolean          last,
                 double            scale,
                 cairo_surface_t  *reuse,
                 const char       *filename,
                 GError          **error)
{
  const TvLadderStyle *style = tv_ladder_painter_get_style (job->painter);
  double height = page_height (job, page, last);
  gboolean opaque = style->background.alpha >= 1.0;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (reuse != NULL &&
      cairo_image_surface_get_width (reuse) == (int) ceil (job->width * scale) &&
      cairo_image_surface_get_height (reuse) == (int) ceil (height * scale) &&
      opaque)
    surface = cairo_surface_reference (reuse);
  else
    surface = make_image (job->width, height, scale, opaque, filename, error);
  if (surface == NULL)
    return NULL;
  cr = cairo_create (surface);
  /* the whole image, also the last row of pixels that the page covers in
   * part (an image starts black) */
  set_colour (cr, &style->background);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_scale (cr, scale, scale);
  paint_page (job, cr, page, last);
  cairo_destroy (cr);
  return surface;
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
  double scale = png_scale (opt);
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) finals = g_ptr_array_new_with_free_func (g_free);
  cairo_surface_t *reuse = NULL;

  pages = png_pages (job, y0, y1, filename, opt, error);
  if (pages == NULL)
    return FALSE;

  for (guint i = 0; i < pages->len; i++)
    {
      cairo_surface_t *surface;
      char *tmp = NULL;

      surface = render_png_page (job, &g_array_index (pages, Page, i), i + 1 == pages->len,
                                 scale, reuse, filename, error);
      if (surface != NULL)
        {
          tmp = write_png_temp (surface, scale, filename, error);
          g_clear_pointer (&reuse, cairo_surface_destroy);
          reuse = surface;
        }
      if (tmp == NULL)
        {
          g_clear_pointer (&reuse, cairo_surface_destroy);
          for (guint j = 0; j < temps->len; j++)
            g_unlink (temps->pdata[j]);
          return FALSE;
        }
      g_ptr_array_add (temps, tmp);
      g_ptr_array_add (finals, pages->len == 1 ? g_strdup (filename)
                                               : page_filename (filename, i + 1));
    }
  g_clear_pointer (&reuse, cairo_surface_destroy);

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

/* ---- SVG and PDF ------------------------------------------------------------ */

static void
paper_size (TvExportPaper  paper,
            double        *w,
            double        *h)
{
  if (paper == TV_EXPORT_PAPER_LETTER)
    {
      *w = 612;
      *h = 792;
    }
  else
    {
      *w = 595;
      *h = 842;
    }
}

static void
set_pdf_metadata (cairo_surface_t *surface,
                  const char      *title)
{
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "TcpViz");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  title != NULL ? title : _("TCP connection ladder diagram"));
}

static gboolean
write_vector (Job                   *job,
              double                 y0,
              double                 y1,
              TvExportFormat         format,
              const TvExportOptions *opt,
              Sink                  *sink,
              const char            *filename,
              GError               **error)
{
  g_autoptr(GArray) pages = NULL;
  Page all = { y0, y1 };
  cairo_surface_t *surface;
  TvSvgWriter *svg = NULL;
  cairo_status_t status;
  cairo_t *cr;
  double k = 1, paper_w = 0, paper_h = 0;
  gboolean paper = format == TV_EXPORT_FORMAT_PDF && opt->paper != TV_EXPORT_PAPER_NONE;

  if (format == TV_EXPORT_FORMAT_SVG)
    {
      /* one picture, as tall as the diagram */
      pages = g_array_new (FALSE, FALSE, sizeof (Page));
      g_array_append_val (pages, all);
      svg = tv_svg_writer_new (sink_write, sink, job->width, page_height (job, &all, TRUE));
      surface = cairo_surface_reference (tv_svg_writer_get_surface (svg));
    }
  else if (paper)
    {
      /* paper pages, the diagram scaled to the page's width */
      paper_size (opt->paper, &paper_w, &paper_h);
      k = MIN (1.0, (paper_w - 2 * PDF_MARGIN) / job->width);
      pages = split_pages (job->layout, y0, y1,
                           room_for_rows (job, (paper_h - 2 * PDF_MARGIN) / k));
      surface = cairo_pdf_surface_create_for_stream (sink_write, sink, paper_w, paper_h);
      set_pdf_metadata (surface, job->title);
    }
  else
    {
      /* pages the size of the diagram: one, unless it is taller than a PDF
       * page can be */
      if (page_height (job, &all, TRUE) <= PDF_MAX_PAGE)
        {
          pages = g_array_new (FALSE, FALSE, sizeof (Page));
          g_array_append_val (pages, all);
        }
      else
        pages = split_pages (job->layout, y0, y1, room_for_rows (job, PDF_MAX_PAGE));
      surface = cairo_pdf_surface_create_for_stream (sink_write, sink, job->width,
                                                     page_height (job, &g_array_index (pages, Page, 0),
                                                                  pages->len == 1));
      set_pdf_metadata (surface, job->title);
    }

  cr = cairo_create (surface);
  for (guint i = 0; i < pages->len; i++)
    {
      const Page *page = &g_array_index (pages, Page, i);
      gboolean last = i + 1 == pages->len;

      if (format == TV_EXPORT_FORMAT_PDF && !paper && i > 0)
        cairo_pdf_surface_set_size (surface, job->width, page_height (job, page, last));
      cairo_save (cr);
      if (paper)
        {
          cairo_translate (cr, (paper_w - job->width * k) / 2, PDF_MARGIN);
          cairo_scale (cr, k, k);
        }
      paint_page (job, cr, page, last);
      cairo_restore (cr);
      if (format == TV_EXPORT_FORMAT_PDF)
        cairo_show_page (cr);
    }
  cairo_destroy (cr);

  if (svg != NULL)
    {
      status = tv_svg_writer_finish (svg);
      tv_svg_writer_free (svg);
    }
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  return check_status (status, sink, filename, error);
}

static gboolean
export_vector (Job                   *job,
               double                 y0,
               double                 y1,
               TvExportFormat         format,
               const TvExportOptions *opt,
               const char            *filename,
               GPtrArray             *written,
               GError               **error)
{
  g_autofree char *tmp = NULL;
  Sink sink;
  gboolean ok;

  tmp = open_temp (filename, &sink, error);
  if (tmp == NULL)
    return FALSE;

  ok = write_vector (job, y0, y1, format, opt, &sink, filename, error);
  if (!commit_temp (&sink, tmp, filename, ok, ok ? error : NULL))
    return FALSE;

  g_ptr_array_add (written, g_strdup (filename));
  return TRUE;
}

/* ---- text diagrams ---------------------------------------------------------- */

static gboolean
export_text (TvTracker              *tracker,
             TvConn                 *conn,
             TvExportFormat          format,
             const TvExportOptions  *opt,
             const char             *filename,
             GPtrArray              *written,
             GError                **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr(GString) out = NULL;
  Sink sink;
  gboolean ok;

  out = tv_text_diagram_write (tracker, conn, format, opt);
  tmp = open_temp (filename, &sink, error);
  if (tmp == NULL)
    return FALSE;
  ok = check_status (sink_write (&sink, (const unsigned char *) out->str, out->len),
                     &sink, filename, error);
  if (!commit_temp (&sink, tmp, filename, ok, ok ? error : NULL))
    return FALSE;

  g_ptr_array_add (written, g_strdup (filename));
  return TRUE;
}

/* ---- the ladder's job ------------------------------------------------------- */

static void
job_clear (Job *job)
{
  g_clear_pointer (&job->layout, tv_ladder_layout_free);
  g_clear_pointer (&job->painter, tv_ladder_painter_free);
  g_clear_object (&job->pango);
  g_clear_pointer (&job->title, g_free);
}

/* Makes the layout and finds the range [y0, y1) to draw. */
static gboolean
job_init (Job                    *job,
          TvTracker              *tracker,
          TvConn                 *conn,
          const TvExportOptions  *options,
          const char             *filename,
          double                 *y0,
          double                 *y1,
          GError                **error)
{
  TvLadderStyle style;
  TvLadderOptions lopt;
  cairo_font_options_t *fo;
  guint n;

  memset (job, 0, sizeof *job);
  tv_ladder_style_init (&style, options->style);
  job->painter = tv_ladder_painter_new (&style);
  tv_ladder_options_init (&lopt);
  lopt.spacing = options->spacing;
  lopt.absolute = options->absolute;
  tv_ladder_painter_measure_for_conn (job->painter, &lopt, conn);
  job->layout = tv_ladder_layout_new (tracker, conn, &lopt);
  job->width = tv_ladder_layout_get_width (job->layout);
  job->header = tv_ladder_layout_get_header_bottom (job->layout);
  job->bottom = lopt.margin;
  job->margin = lopt.margin;
  n = tv_ladder_layout_get_n_rows (job->layout);

  /* text measured as the painter measures it */
  job->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  fo = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (job->pango, fo);
  cairo_font_options_destroy (fo);

  /* the range of the diagram, widened to whole rows */
  *y0 = job->header;
  *y1 = tv_ladder_layout_get_height (job->layout) - lopt.margin;
  if (options->first_segment >= 0)
    {
      guint first = options->first_segment;
      guint last = options->last_segment < 0 ? G_MAXUINT : (guint) options->last_segment;

      if (first >= n || last < first)
        {
          g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_EMPTY,
                       _("Nothing to draw in “%s”: the connection has %u segments, "
                         "none in the range asked for."), filename, n);
          return FALSE;
        }
      last = MIN (last, n - 1);
      if (first > 0)
        *y0 = cut_after (job->layout, first - 1);
      if (last + 1 < n)
        *y1 = cut_after (job->layout, last);
    }
  else if (options->y_end > options->y_start)
    {
      guint first, last;

      if (!tv_ladder_layout_find_rows (job->layout, options->y_start, options->y_end,
                                       &first, &last))
        {
          g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_EMPTY,
                       _("Nothing to draw in “%s”: no segment in the part asked for."),
                       filename);
          return FALSE;
        }
      if (first > 0)
        *y0 = cut_after (job->layout, first - 1);
      if (last + 1 < n)
        *y1 = cut_after (job->layout, last);
    }

  /* the title */
  if (options->title == NULL)
    job->title = tv_export_dup_default_title (conn, options->capture_name);
  else if (options->title[0] != '\0')
    job->title = g_strdup (options->title);
  if (job->title != NULL)
    {
      g_autoptr(PangoLayout) text = make_text (job, NULL, job->title,
                                               round (style.font_size * 1.15), TRUE);
      PangoRectangle r;

      pango_layout_get_extents (text, NULL, &r);
      job->title_h = job->margin + ceil (r.height / (double) PANGO_SCALE);
    }

  /* the legend: what the range shows */
  if (options->legend)
    {
      guint first, last;

      if (tv_ladder_layout_find_rows (job->layout, *y0 + 1, *y1 - 1, &first, &last))
        for (guint i = first; i <= last; i++)
          {
            TvLadderRow row;
            TvLadderLabel label;

            tv_ladder_layout_get_row (job->layout, i, &row);
            tv_ladder_layout_get_label (job->layout, i, &label);
            job->kinds |= 1u << row.kind;
            job->analysis |= label.analysis;
          }
      job->legend_h = paint_legend (job, NULL, 0);
    }

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
  Job job;
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
                     "name it .png, .svg, .pdf, .mmd, .puml or .txt."), filename);
      return FALSE;
    }

  written = g_ptr_array_new_with_free_func (g_free);
  if (tv_export_format_is_text (format))
    ok = export_text (tracker, conn, format, options, filename, written, error);
  else if (!job_init (&job, tracker, conn, options, filename, &y0, &y1, error))
    {
      job_clear (&job);
      return FALSE;
    }
  else
    {
      if (format == TV_EXPORT_FORMAT_PNG)
        ok = export_png (&job, y0, y1, filename, options, written, error);
      else
        ok = export_vector (&job, y0, y1, format, options, filename, written, error);
      job_clear (&job);
    }

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

GBytes *
tv_export_to_bytes (TvTracker              *tracker,
                    TvConn                 *conn,
                    TvExportFormat          format,
                    const TvExportOptions  *options,
                    GError                **error)
{
  TvExportOptions defaults;
  const char *name = format == TV_EXPORT_FORMAT_SVG ? "diagram.svg" : "diagram.png";
  Sink sink = { .fd = -1 };
  Job job;
  double y0, y1;
  gboolean ok;

  g_return_val_if_fail (tracker != NULL, NULL);
  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (format == TV_EXPORT_FORMAT_PNG || format == TV_EXPORT_FORMAT_SVG, NULL);

  if (options == NULL)
    {
      tv_export_options_init (&defaults);
      options = &defaults;
    }

  if (!job_init (&job, tracker, conn, options, name, &y0, &y1, error))
    {
      job_clear (&job);
      return NULL;
    }

  sink.bytes = g_byte_array_new ();
  if (format == TV_EXPORT_FORMAT_SVG)
    ok = write_vector (&job, y0, y1, format, options, &sink, name, error);
  else
    {
      TvExportOptions split = *options;
      g_autoptr(GArray) pages = NULL;
      cairo_surface_t *surface;

      split.split_png = TRUE;
      pages = png_pages (&job, y0, y1, name, &split, error);
      ok = FALSE;
      if (pages != NULL)
        {
          surface = render_png_page (&job, &g_array_index (pages, Page, 0), pages->len == 1,
                                     png_scale (options), NULL, name, error);
          if (surface != NULL)
            {
              ok = check_status (tv_png_write (surface, SCREEN_DPI * png_scale (options),
                                               sink_write, &sink),
                                 &sink, name, error);
              cairo_surface_destroy (surface);
            }
        }
    }
  job_clear (&job);

  if (!ok)
    {
      g_byte_array_unref (sink.bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (sink.bytes);
}

/* ---- any figure --------------------------------------------------------------- */

static void
paint_figure (const TvExportFigure *figure,
              cairo_t              *cr)
{
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, figure->width, figure->height);
  cairo_clip (cr);
  set_colour (cr, &figure->background);
  cairo_paint (cr);
  figure->paint (cr, figure->user_data);
  cairo_restore (cr);
}

gboolean
tv_export_figure_to_file (const TvExportFigure   *figure,
                          const char             *filename,
                          const TvExportOptions  *options,
                          GError                **error)
{
  TvExportOptions defaults;
  TvExportFormat format;
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  Sink sink;
  gboolean ok;

  g_return_val_if_fail (figure != NULL && figure->paint != NULL, FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      tv_export_options_init (&defaults);
      options = &defaults;
    }
  format = options->format != TV_EXPORT_FORMAT_AUTO ? options->format
                                                    : tv_export_format_from_filename (filename);
  if (format != TV_EXPORT_FORMAT_PNG && format != TV_EXPORT_FORMAT_SVG &&
      format != TV_EXPORT_FORMAT_PDF)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_FORMAT,
                   _("Cannot tell which format to write “%s” in: "
                     "name it .png, .svg or .pdf."), filename);
      return FALSE;
    }

  if (format == TV_EXPORT_FORMAT_PNG)
    {
      double scale = png_scale (options);
      g_autofree char *written = NULL;
      cairo_t *cr;

      if (figure->height * scale > png_page_height (options) ||
          figure->width * scale > PNG_MAX_HEIGHT)
        {
          g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_TOO_LARGE,
                       _("“%s” would be %.0f × %.0f pixels, more than a PNG image should be. "
                         "Export it as PDF or SVG."), filename,
                       ceil (figure->width * scale), ceil (figure->height * scale));
          return FALSE;
        }
      surface = make_image (figure->width, figure->height, scale,
                            figure->background.alpha >= 1.0, filename, error);
      if (surface == NULL)
        return FALSE;
      cr = cairo_create (surface);
      set_colour (cr, &figure->background);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      cairo_scale (cr, scale, scale);
      paint_figure (figure, cr);
      cairo_destroy (cr);
      written = write_png_temp (surface, scale, filename, error);
      cairo_surface_destroy (surface);
      if (written == NULL)
        return FALSE;
      if (g_rename (written, filename) != 0)
        {
          int saved = errno;

          g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                       _("Could not write “%s”: %s"), filename, g_strerror (saved));
          g_unlink (written);
          return FALSE;
        }
      return TRUE;
    }

  tmp = open_temp (filename, &sink, error);
  if (tmp == NULL)
    return FALSE;

  if (format == TV_EXPORT_FORMAT_SVG)
    {
      TvSvgWriter *svg = tv_svg_writer_new (sink_write, &sink, figure->width, figure->height);
      cairo_t *cr = cairo_create (tv_svg_writer_get_surface (svg));

      paint_figure (figure, cr);
      cairo_destroy (cr);
      status = tv_svg_writer_finish (svg);
      tv_svg_writer_free (svg);
    }
  else
    {
      cairo_t *cr;

      if (options->paper != TV_EXPORT_PAPER_NONE)
        {
          double pw, ph, k;

          paper_size (options->paper, &pw, &ph);
          k = MIN ((pw - 2 * PDF_MARGIN) / figure->width, (ph - 2 * PDF_MARGIN) / figure->height);
          k = MIN (k, 1.0);
          surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, pw, ph);
          cr = cairo_create (surface);
          cairo_translate (cr, (pw - figure->width * k) / 2, PDF_MARGIN);
          cairo_scale (cr, k, k);
        }
      else
        {
          surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, figure->width,
                                                         figure->height);
          cr = cairo_create (surface);
        }
      set_pdf_metadata (surface, options->title);
      paint_figure (figure, cr);
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
    }

  ok = check_status (status, &sink, filename, error);
  return commit_temp (&sink, tmp, filename, ok, ok ? error : NULL);
}
