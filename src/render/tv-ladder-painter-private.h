/* tv-ladder-painter-private.h: the ladder painter's drawing of a segment
 * (its arrow, its label, its tags) and its text, for the other views of the
 * render layer that draw segments as the ladder does (the flow view), so
 * that there is one way to draw them. */
#pragma once

#include <pango/pangocairo.h>

#include "tv-ladder-painter.h"

G_BEGIN_DECLS

typedef enum {
  TV_LADDER_FONT_TEXT = 0,   /* labels */
  TV_LADDER_FONT_BOLD,       /* HTTP/TLS lines */
  TV_LADDER_FONT_SMALL,      /* addresses, times */
  TV_LADDER_FONT_SMALL_BOLD, /* states, tags */
  TV_LADDER_FONT_HEAD,       /* lifeline heads */
} TvLadderFont;

/* Before painting or measuring on @cr (may be NULL to measure): the full
 * layout's fonts, the text laid out for @cr's target. */
void         tv_ladder_painter_begin           (TvLadderPainter   *self,
                                                cairo_t           *cr);
/* @row's arrow from (x1, y1) to (x2, y2) in the colour of row->kind,
 * @progress (0..1) of its way. */
void         tv_ladder_painter_paint_arrow_row (TvLadderPainter   *self,
                                                cairo_t           *cr,
                                                const TvLadderRow *row,
                                                double             progress,
                                                gboolean           selected);
/* @label over @row's arrow, centred on row->label_x, its bottom at
 * row->label_bottom, elided to row->label_max_width; with @cr NULL only
 * measured.  @box (may be NULL) gets what it covers: x1, y1, x2, y2. */
void         tv_ladder_painter_paint_label_row (TvLadderPainter   *self,
                                                cairo_t           *cr,
                                                const TvLadderRow *row,
                                                const TvLadderLabel *label,
                                                double             line_height,
                                                double             box[4]);
/* One of the painter's two PangoLayouts, set to @text in @font, no width
 * limit (valid until the next call). */
PangoLayout *tv_ladder_painter_prepare_text    (TvLadderPainter   *self,
                                                TvLadderFont       font,
                                                const char        *text,
                                                gboolean           tabular);
void         tv_ladder_painter_text_size       (PangoLayout       *layout,
                                                double            *width,
                                                double            *height);
void         tv_ladder_painter_show_text       (cairo_t             *cr,
                                                PangoLayout         *layout,
                                                const TvLadderColor *color,
                                                double               x,
                                                double               y);
void         tv_ladder_painter_rounded_rect    (cairo_t           *cr,
                                                double             x,
                                                double             y,
                                                double             width,
                                                double             height,
                                                double             radius);

G_END_DECLS
