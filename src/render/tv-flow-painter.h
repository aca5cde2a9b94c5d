/* tv-flow-painter.h: paints a TvFlowLayout on any cairo_t, arrows and
 * labels drawn by the ladder's painter, so that a segment looks the same in
 * both views.  Only what is in the clip is painted: the rows by binary
 * search on y, the lifelines by their even spacing. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "tv-flow-compare.h"
#include "tv-flow-layout.h"
#include "tv-ladder-painter.h"

G_BEGIN_DECLS

typedef struct {
  /* what to paint, in layout units; clip_width <= 0 paints everything */
  double   clip_x, clip_y, clip_width, clip_height;
  int      selected_row;       /* -1: none */
  int      hover_row;          /* -1: none */
  /* playback: rows >= visible_rows are not painted (-1: all), and the
   * arrow of progress_row is drawn @progress (0..1) of its way */
  int      visible_rows;
  int      progress_row;
  double   progress;
  gboolean draw_background;
  gboolean draw_header;
  double   header_y;           /* top of the lifeline heads (sticky heads) */
  double   columns_x;          /* left of the time and connection columns
                                * (they stay in view while the view scrolls
                                * sideways) */
  double   scale;              /* device pixels per unit: no text below 0.4 */
} TvFlowPaintParams;

void tv_flow_paint_params_init (TvFlowPaintParams *params);

typedef struct _TvFlowPainter TvFlowPainter;

TvFlowPainter   *tv_flow_painter_new        (const TvLadderStyle *style);
void             tv_flow_painter_free       (TvFlowPainter *self);
void             tv_flow_painter_set_style  (TvFlowPainter       *self,
                                             const TvLadderStyle *style);
const TvLadderStyle *
                 tv_flow_painter_get_style  (TvFlowPainter *self);

/* Sets the metrics of @options for connections @conns of @tracker:
 * the ladder's text sizes, labels as wide as the largest numbers of the
 * connections need (or a folded phase's label), heads as wide as the
 * longest address. */
void             tv_flow_painter_measure    (TvFlowPainter *self,
                                             TvFlowOptions *options,
                                             TvTracker     *tracker,
                                             const guint   *conns,
                                             guint          n_conns);

void             tv_flow_painter_paint      (TvFlowPainter           *self,
                                             cairo_t                 *cr,
                                             TvFlowLayout            *layout,
                                             const TvFlowPaintParams *params);

/* The lifeline heads in view between @x and @x + @width, at @y. */
void             tv_flow_painter_paint_header (TvFlowPainter *self,
                                               cairo_t       *cr,
                                               TvFlowLayout  *layout,
                                               double         x,
                                               double         y,
                                               double         width);

/* Side by side: what A and B are, a table of the time each phase took in
 * each with the difference in words, and the difference in a sentence,
 * from (@x, @y), @width wide.  With @cr NULL only measures.  Returns the
 * height. */
double           tv_flow_painter_paint_comparison (TvFlowPainter          *self,
                                                   cairo_t                *cr,
                                                   TvFlowLayout           *layout,
                                                   const TvFlowPhaseTimes *a,
                                                   const TvFlowPhaseTimes *b,
                                                   double                  x,
                                                   double                  y,
                                                   double                  width);

G_END_DECLS
