/* tv-export.h: writes a connection's ladder diagram to PNG, SVG or PDF,
 * with the same painter as the screen. */
#pragma once

#include <glib.h>

#include "tv-ladder-layout.h"
#include "tv-ladder-painter.h"

G_BEGIN_DECLS

#define TV_EXPORT_ERROR (tv_export_error_quark ())

typedef enum {
  TV_EXPORT_ERROR_FORMAT,     /* a file name or format TcpViz cannot write */
  TV_EXPORT_ERROR_TOO_LARGE,  /* a PNG taller than an image can be, not split */
  TV_EXPORT_ERROR_EMPTY,      /* nothing to draw in the range */
  TV_EXPORT_ERROR_WRITE,      /* the file could not be written */
} TvExportError;

typedef enum {
  TV_EXPORT_FORMAT_AUTO = 0,  /* from the file name's extension */
  TV_EXPORT_FORMAT_PNG,
  TV_EXPORT_FORMAT_SVG,
  TV_EXPORT_FORMAT_PDF,
} TvExportFormat;

typedef struct {
  TvExportFormat    format;
  TvLadderStyleKind style;
  gboolean          absolute;       /* raw seq/ack */
  TvLadderSpacing   spacing;
  /* a part of the diagram, in layout units: y_end <= y_start means all;
   * the range is widened to whole rows */
  double            y_start;
  double            y_end;
  double            png_scale;      /* device pixels per unit: 0 = 1 */
  /* PNG: taller images are written as pages OUT-1.png, OUT-2.png …
   * (split_png) or refused; max_png_height 0 = 32767, cairo's limit */
  gboolean          split_png;
  guint             max_png_height;
} TvExportOptions;

GQuark         tv_export_error_quark      (void);

void           tv_export_options_init     (TvExportOptions *options);

/* "png", "svg", "pdf" from a file name, or TV_EXPORT_FORMAT_AUTO. */
TvExportFormat tv_export_format_from_filename (const char *filename);

/* Writes the diagram of @conn to @filename, atomically (a temporary file in
 * the same folder, renamed).  @options may be NULL (light, relative, even,
 * split PNGs). */
gboolean       tv_export_to_file          (TvTracker              *tracker,
                                           TvConn                 *conn,
                                           const char             *filename,
                                           const TvExportOptions  *options,
                                           GError                **error);

/* The same, and returns in @out_files the names of the files written
 * (one, or the pages of a split PNG); free with g_strfreev(). */
gboolean       tv_export_to_file_full     (TvTracker              *tracker,
                                           TvConn                 *conn,
                                           const char             *filename,
                                           const TvExportOptions  *options,
                                           char                 ***out_files,
                                           GError                **error);

G_END_DECLS
