/* tv-ladder-painter.h: paints a TvLadderLayout on any cairo_t with pango.
 *
 * The widget's snapshot, PNG, SVG and PDF export all go through
 * tv_ladder_painter_paint(), so what is exported is what is seen. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "tv-ladder-layout.h"

G_BEGIN_DECLS

typedef enum {
  TV_LADDER_STYLE_LIGHT = 0,
  TV_LADDER_STYLE_DARK,
  TV_LADDER_STYLE_PRINT,   /* white paper, darker hues, no tints */
} TvLadderStyleKind;

typedef struct {
  double red, green, blue, alpha;
} TvLadderColor;

typedef struct {
  TvLadderStyleKind kind;
  TvLadderColor background;
  TvLadderColor text;           /* labels */
  TvLadderColor dim_text;       /* addresses, times */
  TvLadderColor lifeline;
  TvLadderColor axis;
  TvLadderColor arrow[TV_LADDER_N_KINDS];
  TvLadderColor state_fill;
  TvLadderColor state_border;
  TvLadderColor state_text;
  TvLadderColor header_fill;
  TvLadderColor tag_error;      /* retransmission, zero window, … */
  TvLadderColor tag_warning;    /* dup ACK, out of order, … */
  TvLadderColor tag_info;       /* window update, keep-alive, … */
  TvLadderColor tag_text;
  TvLadderColor selection;
  TvLadderColor hover;
  char          font_family[160]; /* a pango family list */
  double        font_size;        /* in layout units (px at zoom 1) */
} TvLadderStyle;

void tv_ladder_style_init (TvLadderStyle     *style,
                           TvLadderStyleKind  kind);

/* Tells how far an arrow is in flight: 0 (not sent) .. 1 (arrived). */
typedef double (*TvLadderProgressFunc) (guint    row,
                                        gpointer user_data);

typedef struct {
  /* what to paint, in layout units; clip_width <= 0 paints everything */
  double               clip_x, clip_y, clip_width, clip_height;
  int                  selected_row;   /* -1: none */
  int                  hover_row;      /* -1: none */
  /* playback: rows >= visible_rows are not painted (-1: all) … */
  int                  visible_rows;
  /* … and the arrow of @progress_row is drawn @progress (0..1) of its way */
  int                  progress_row;   /* -1: none */
  double               progress;
  /* or a function for every row (NULL: all arrived) */
  TvLadderProgressFunc progress_func;
  gpointer             progress_data;
  gboolean             draw_background;
  gboolean             draw_header;
  double               header_y;       /* top of the header (sticky headers) */
  double               scale;          /* device pixels per layout unit: text
                                          is left out when too small to read */
} TvLadderPaintParams;

void tv_ladder_paint_params_init (TvLadderPaintParams *params);

typedef struct _TvLadderPainter TvLadderPainter;

TvLadderPainter     *tv_ladder_painter_new       (const TvLadderStyle *style);
void                 tv_ladder_painter_free      (TvLadderPainter *self);
void                 tv_ladder_painter_set_style (TvLadderPainter     *self,
                                                  const TvLadderStyle *style);
const TvLadderStyle *tv_ladder_painter_get_style (TvLadderPainter *self);

/* Measures the text with pango and sets the metrics in @options (sizes of
 * labels, state boxes, columns) so that nothing overlaps. */
void                 tv_ladder_painter_measure   (TvLadderPainter *self,
                                                  TvLadderOptions *options);

/* The same, with the lifelines only as far apart as the labels of @conn
 * need: relative numbers of a short connection are short.  A connection
 * that grows may need it again (compare options->label_width). */
void                 tv_ladder_painter_measure_for_conn (TvLadderPainter *self,
                                                         TvLadderOptions *options,
                                                         const TvConn    *conn);

/* The same, for a view @width layout units wide: when the full layout is
 * wider, sets the compact one (options->compact) that fills @width, with
 * smaller text, the labels on more lines if they need, and returns TRUE;
 * else leaves the full layout's metrics (those of measure_for_conn()) and
 * returns FALSE.  @width <= 0: the full layout. */
gboolean             tv_ladder_painter_measure_for_width (TvLadderPainter *self,
                                                          TvLadderOptions *options,
                                                          const TvConn    *conn,
                                                          double           width);

/* Paints @layout (or the part in the clip) on @cr, in layout units. */
void                 tv_ladder_painter_paint     (TvLadderPainter           *self,
                                                  cairo_t                   *cr,
                                                  TvLadderLayout            *layout,
                                                  const TvLadderPaintParams *params);

/* Paints only the lifeline heads (role, address:port) with their band, at
 * @y, for @width.  tv_ladder_painter_paint() calls it with draw_header. */
void                 tv_ladder_painter_paint_header (TvLadderPainter *self,
                                                     cairo_t         *cr,
                                                     TvLadderLayout  *layout,
                                                     double           x,
                                                     double           y,
                                                     double           width);

/* What the label of @row covers (text and tags), in layout units, as
 * tv_ladder_painter_paint() draws it. */
void                 tv_ladder_painter_get_label_extents (TvLadderPainter *self,
                                                          TvLadderLayout  *layout,
                                                          guint            row,
                                                          double          *x,
                                                          double          *y,
                                                          double          *width,
                                                          double          *height);

/* The colour of a kind of arrow, for legends. */
const TvLadderColor *tv_ladder_style_get_arrow_color (const TvLadderStyle *style,
                                                      TvLadderKind         kind);

G_END_DECLS
