/* tv-export.h: writes a connection's ladder diagram to PNG, SVG or PDF,
 * with the same painter as the screen, and to text diagrams (Mermaid,
 * PlantUML, a plain ladder: tv-text-diagram.h).
 *
 * Another view's figure (a graph, the flow of many connections) uses the
 * same writers through tv_export_figure_to_file(): give it the figure's
 * size and a function that paints it on a cairo_t in its own units (px at
 * 1x, pt in a PDF).  Paint text with tv_render_show_layout()
 * (tv-svg-writer.h) and the SVG keeps it as <text>; PNG gets the scale and
 * its resolution, PDF one page the figure's size or paper pages. */
#pragma once

#include <cairo.h>
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
  TV_EXPORT_FORMAT_MERMAID,   /* .mmd: a Mermaid sequenceDiagram */
  TV_EXPORT_FORMAT_PLANTUML,  /* .puml */
  TV_EXPORT_FORMAT_TEXT,      /* .txt: a plain ladder in 80 columns */
} TvExportFormat;

typedef enum {
  TV_EXPORT_PAPER_NONE = 0,   /* one page the size of the diagram */
  TV_EXPORT_PAPER_A4,
  TV_EXPORT_PAPER_LETTER,
} TvExportPaper;

typedef struct {
  TvExportFormat    format;
  TvLadderStyleKind style;
  gboolean          absolute;       /* raw seq/ack */
  TvLadderSpacing   spacing;
  /* a part of the diagram, in layout units: y_end <= y_start means all;
   * the range is widened to whole rows */
  double            y_start;
  double            y_end;
  /* or a range of segments, 0-based and inclusive (first_segment < 0: all);
   * it wins over y_start/y_end */
  int               first_segment;
  int               last_segment;
  double            png_scale;      /* device pixels per unit: 0 = 1 */
  /* PNG: taller images are written as pages OUT-1.png, OUT-2.png …
   * (split_png) or refused; max_png_height 0 = TV_EXPORT_PNG_PAGE_HEIGHT */
  gboolean          split_png;
  guint             max_png_height;
  /* PDF: paper pages (A4, Letter: rows never cut, the lifeline heads on
   * every page), or one page the size of the diagram */
  TvExportPaper     paper;
  /* a title above the diagram: NULL for the endpoints and @capture_name,
   * "" for none */
  const char       *title;
  const char       *capture_name;   /* "textbook-handshake.pcap"; may be NULL */
  gboolean          legend;         /* the colours and marks, under it */
  gboolean          hide_pure_acks; /* text diagrams: leave out pure ACKs */
} TvExportOptions;

/* Device pixels: pages of a PNG are at most this tall (a size image
 * viewers and browsers all open). */
#define TV_EXPORT_PNG_PAGE_HEIGHT 16384

GQuark         tv_export_error_quark      (void);

void           tv_export_options_init     (TvExportOptions *options);

/* From a file name's extension (.png .svg .pdf .mmd .puml .txt), or
 * TV_EXPORT_FORMAT_AUTO. */
TvExportFormat tv_export_format_from_filename (const char *filename);
/* TRUE for .mmd, .puml and .txt. */
gboolean       tv_export_format_is_text   (TvExportFormat format);

/* "Client → Server · capture.pcap": the default title; free it. */
char          *tv_export_dup_default_title (TvConn     *conn,
                                            const char *capture_name);

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

/* The diagram as PNG (at @options->png_scale) or SVG bytes, in memory, for
 * the clipboard; @format TV_EXPORT_FORMAT_PNG or _SVG.  A diagram taller
 * than a PNG can be is cut to its first page. */
GBytes        *tv_export_to_bytes         (TvTracker              *tracker,
                                           TvConn                 *conn,
                                           TvExportFormat          format,
                                           const TvExportOptions  *options,
                                           GError                **error);

/* Any figure: paints itself in [0, width] × [0, height], in its units. */
typedef void (*TvExportPaintFunc) (cairo_t  *cr,
                                   gpointer  user_data);

typedef struct {
  double            width, height;
  TvExportPaintFunc paint;
  gpointer          user_data;
  TvLadderColor     background;    /* painted first, under the figure */
} TvExportFigure;

/* Writes @figure to @filename as PNG (at the scale, its resolution
 * recorded), SVG (text as <text>) or PDF (one page of its size, or paper
 * pages with the figure scaled to the page's width): the format from
 * @options or the name.  A figure too tall for one PNG is refused. */
gboolean       tv_export_figure_to_file   (const TvExportFigure   *figure,
                                           const char             *filename,
                                           const TvExportOptions  *options,
                                           GError                **error);

G_END_DECLS
