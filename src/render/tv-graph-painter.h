/* tv-graph-painter.h: paints a TvGraphLayout on any cairo_t with pango:
 * axes with ticks in human units, the series merged below a pixel, the
 * stall bands of a diagnosis, the selected segment, a legend.
 *
 * The widget's snapshot and PNG, SVG and PDF export go through
 * tv_graph_painter_paint(), so what is exported is what is seen. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "tv-graph-layout.h"
#include "tv-ladder-painter.h"

G_BEGIN_DECLS

typedef struct {
  TvLadderStyleKind kind;
  TvLadderColor     background;
  TvLadderColor     plot_background;
  TvLadderColor     text;
  TvLadderColor     dim_text;
  TvLadderColor     axis;
  TvLadderColor     grid;
  TvLadderColor     band;          /* stalls */
  TvLadderColor     band_text;
  TvLadderColor     selection;
  TvLadderColor     role[TV_GRAPH_N_ROLES];
  char              font_family[160];
  double            font_size;     /* px */
} TvGraphStyle;

void tv_graph_style_init (TvGraphStyle      *style,
                          TvLadderStyleKind  kind);

/* A shaded band across the plot from x0 to x1 (data units): a stall. */
typedef struct {
  double      x0, x1;
  const char *label;         /* short, may be NULL */
} TvGraphBand;

typedef struct {
  /* the area to paint, in cairo units (pixels at scale 1) */
  double             width, height;
  /* the data range shown; x1 <= x0 (or y1 <= y0): the layout's bounds */
  double             x0, x1, y0, y1;
  /* device pixels per cairo unit: items closer than a device pixel merge */
  double             scale;
  gboolean           draw_background;
  gboolean           draw_legend;
  const char        *title;          /* above the plot; NULL: none */
  const TvGraphBand *bands;
  guint              n_bands;
  /* the selected segment, as tv_graph_layout_get_segment_position() gives */
  gboolean           has_selection;
  double             selection_x, selection_y;
} TvGraphPaintParams;

void tv_graph_paint_params_init (TvGraphPaintParams *params);

typedef struct _TvGraphPainter TvGraphPainter;

TvGraphPainter     *tv_graph_painter_new       (const TvGraphStyle *style);
void                tv_graph_painter_free      (TvGraphPainter *self);
void                tv_graph_painter_set_style (TvGraphPainter     *self,
                                                const TvGraphStyle *style);
const TvGraphStyle *tv_graph_painter_get_style (TvGraphPainter *self);

/* Where the plot (inside the axes) lies in the area of @params, in cairo
 * units, and the data range it shows: for mapping pointer positions. */
void                tv_graph_painter_get_plot  (TvGraphPainter           *self,
                                                TvGraphLayout            *layout,
                                                const TvGraphPaintParams *params,
                                                double                   *plot_x,
                                                double                   *plot_y,
                                                double                   *plot_width,
                                                double                   *plot_height,
                                                double                   *x0,
                                                double                   *x1,
                                                double                   *y0,
                                                double                   *y1);

void                tv_graph_painter_paint     (TvGraphPainter           *self,
                                                cairo_t                  *cr,
                                                TvGraphLayout            *layout,
                                                const TvGraphPaintParams *params);

/* "Data", "Retransmission", "ACK", …: translated, for legends. */
const char         *tv_graph_role_name         (TvGraphRole role);

/* Writes the graph to @filename (.png, .svg or .pdf), @width × @height
 * units, atomically (a temporary file renamed).  Errors in
 * TV_EXPORT_ERROR. */
gboolean            tv_graph_export_to_file    (TvGraphLayout           *layout,
                                                const char              *filename,
                                                TvLadderStyleKind        style,
                                                double                   width,
                                                double                   height,
                                                const char              *title,
                                                const TvGraphBand       *bands,
                                                guint                    n_bands,
                                                GError                 **error);

G_END_DECLS
