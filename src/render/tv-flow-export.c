/* tv-flow-export.c: the flow view and side-by-side comparisons to files.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-flow-export"

#include "config.h"

#include <math.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "tv-flow-export.h"
#include "tv-flow-painter.h"

#define PNG_MAX_SIZE 32767

typedef struct {
  TvFlowLayout           *layout;
  TvFlowPainter          *painter;
  const TvFlowPhaseTimes *times;     /* side by side: [2], else NULL */
  double                  top;       /* the comparison's height, above the diagram */
} Job;

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
paint (Job     *job,
       cairo_t *cr)
{
  TvFlowPaintParams params;
  const TvLadderStyle *style = tv_flow_painter_get_style (job->painter);
  double width = tv_flow_layout_get_width (job->layout);

  cairo_set_source_rgba (cr, style->background.red, style->background.green,
                         style->background.blue, style->background.alpha);
  cairo_paint (cr);

  if (job->times != NULL)
    tv_flow_painter_paint_comparison (job->painter, cr, job->layout, &job->times[0],
                                      &job->times[1], 0, 0, width);

  cairo_save (cr);
  cairo_translate (cr, 0, job->top);
  tv_flow_paint_params_init (&params);
  params.draw_background = FALSE;
  tv_flow_painter_paint (job->painter, cr, job->layout, &params);
  cairo_restore (cr);
}

static gboolean
write_job (Job                    *job,
           TvExportFormat          format,
           double                  png_scale,
           const char             *filename,
           GError                **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local = NULL;
  double width = ceil (tv_flow_layout_get_width (job->layout));
  double height = ceil (job->top + tv_flow_layout_get_height (job->layout));
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (format == TV_EXPORT_FORMAT_PNG)
    {
      double k = png_scale > 0 ? png_scale : 1;

      if (width * k > PNG_MAX_SIZE || height * k > PNG_MAX_SIZE)
        {
          g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_TOO_LARGE,
                       _("“%s” would be %.0f × %.0f pixels, more than a PNG image can be (%d). "
                         "Export it as PDF or SVG, or choose fewer connections or a shorter time range."),
                       filename, width * k, height * k, PNG_MAX_SIZE);
          return FALSE;
        }
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * k), (int) (height * k));
      cr = cairo_create (surface);
      cairo_scale (cr, k, k);
      paint (job, cr);
      cairo_destroy (cr);
      status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  else
    {
      if (format == TV_EXPORT_FORMAT_SVG)
        {
          surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
          cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
        }
      else
        {
          surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "TcpViz");
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                          job->times != NULL ? _("Two TCP connections side by side")
                                                             : _("TCP connections, flow view"));
        }
      cr = cairo_create (surface);
      paint (job, cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), filename, cairo_status_to_string (status));
      return FALSE;
    }

  /* atomically: a temporary file beside it, renamed */
  if (!g_file_set_contents_full (filename, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local))
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), filename, local->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_format (const TvExportOptions *options,
              const char            *filename,
              TvExportFormat        *format,
              GError               **error)
{
  *format = options != NULL ? options->format : TV_EXPORT_FORMAT_AUTO;
  if (*format == TV_EXPORT_FORMAT_AUTO)
    *format = tv_export_format_from_filename (filename);
  /* the flow view has no text diagram */
  if (*format == TV_EXPORT_FORMAT_AUTO || tv_export_format_is_text (*format))
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_FORMAT,
                   _("Cannot tell which format to write “%s” in: "
                     "name it .png, .svg or .pdf."), filename);
      return FALSE;
    }
  return TRUE;
}

gboolean
tv_flow_export_to_file (TvTracker              *tracker,
                        const guint            *conns,
                        guint                   n_conns,
                        const TvFlowOptions    *flow,
                        const TvExportOptions  *options,
                        const char             *filename,
                        GError                **error)
{
  TvExportFormat format;
  TvFlowOptions fopt;
  TvLadderStyle style;
  Job job = { 0 };
  gboolean ok;

  g_return_val_if_fail (tracker != NULL && filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_format (options, filename, &format, error))
    return FALSE;

  if (flow != NULL)
    fopt = *flow;
  else
    tv_flow_options_init (&fopt);
  if (options != NULL)
    {
      fopt.absolute = options->absolute;
      fopt.spacing = options->spacing;
    }

  tv_ladder_style_init (&style, options != NULL ? options->style : TV_LADDER_STYLE_LIGHT);
  job.painter = tv_flow_painter_new (&style);
  tv_flow_painter_measure (job.painter, &fopt, tracker, conns, n_conns);
  job.layout = tv_flow_layout_new (tracker, conns, n_conns, &fopt);

  if (tv_flow_layout_get_n_rows (job.layout) == 0)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_EMPTY,
                   _("Nothing to draw in “%s”: no segment of the connections chosen."), filename);
      ok = FALSE;
    }
  else
    ok = write_job (&job, format, options != NULL ? options->png_scale : 1, filename, error);

  tv_flow_layout_free (job.layout);
  tv_flow_painter_free (job.painter);
  return ok;
}

gboolean
tv_flow_export_comparison (TvTracker              *tracker,
                           guint                   a,
                           guint                   b,
                           gboolean                fold,
                           const TvExportOptions  *options,
                           const char             *filename,
                           GError                **error)
{
  TvExportFormat format;
  TvFlowOptions fopt;
  TvLadderStyle style;
  TvFlowPhaseTimes times[2];
  const guint conns[2] = { a, b };
  Job job = { 0 };
  gboolean ok;

  g_return_val_if_fail (tracker != NULL && filename != NULL, FALSE);
  g_return_val_if_fail (a < tv_tracker_get_n_conns (tracker), FALSE);
  g_return_val_if_fail (b < tv_tracker_get_n_conns (tracker), FALSE);

  if (!check_format (options, filename, &format, error))
    return FALSE;

  tv_flow_options_init (&fopt);
  fopt.lifelines = TV_FLOW_LIFELINES_CONNECTION;
  fopt.align_start = TRUE;
  fopt.spacing = TV_LADDER_SPACING_TIME;
  fopt.fold = fold;
  if (options != NULL)
    fopt.absolute = options->absolute;

  tv_ladder_style_init (&style, options != NULL ? options->style : TV_LADDER_STYLE_LIGHT);
  job.painter = tv_flow_painter_new (&style);
  tv_flow_painter_measure (job.painter, &fopt, tracker, conns, 2);
  job.layout = tv_flow_layout_new (tracker, conns, 2, &fopt);
  tv_flow_phase_times (tv_tracker_get_conn (tracker, a), &times[0]);
  tv_flow_phase_times (tv_tracker_get_conn (tracker, b), &times[1]);
  job.times = times;
  job.top = tv_flow_painter_paint_comparison (job.painter, NULL, job.layout, &times[0], &times[1],
                                              0, 0, tv_flow_layout_get_width (job.layout));

  ok = write_job (&job, format, options != NULL ? options->png_scale : 1, filename, error);

  tv_flow_layout_free (job.layout);
  tv_flow_painter_free (job.painter);
  return ok;
}
