/* tv-graph-painter.c: paints a TvGraphLayout on any cairo_t. */
#define G_LOG_DOMAIN "tv-graph-painter"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "tv-export.h"
#include "tv-graph-painter.h"

#define PAD 8.0
#define TICK 4.0

struct _TvGraphPainter {
  TvGraphStyle          style;
  PangoContext         *context;
  PangoLayout          *text;
  PangoFontDescription *font;
  PangoFontDescription *bold;
  GArray               *items;   /* TvGraphItem, reused between frames */
  GArray               *rects;   /* double[4], reused */
};

static void
add_rect (TvGraphPainter *self,
          double          x,
          double          y,
          double          w,
          double          h)
{
  /* on whole pixels: cairo fills those without tessellating */
  double x0 = floor (CLAMP (x, -1e5, 1e5)), y0 = floor (CLAMP (y, -1e5, 1e5));
  double r[4] = { x0, y0, MAX (ceil (MIN (x + w, 1e5)) - x0, 1.0), MAX (ceil (MIN (y + h, 1e5)) - y0, 1.0) };

  g_array_append_vals (self->rects, r, 1);
}

static void
fill_rects (TvGraphPainter *self,
            cairo_t        *cr)
{
  for (guint i = 0; i < self->rects->len; i++)
    {
      const double *r = (const double *) (gpointer) (self->rects->data + i * 4 * sizeof (double));

      cairo_rectangle (cr, r[0], r[1], r[2], r[3]);
    }
  if (self->rects->len > 0)
    cairo_fill (cr);
}

static void
rgba (TvLadderColor *c,
      guint32        hex,
      double         alpha)
{
  c->red = ((hex >> 16) & 0xff) / 255.0;
  c->green = ((hex >> 8) & 0xff) / 255.0;
  c->blue = (hex & 0xff) / 255.0;
  c->alpha = alpha;
}

static inline void
set_color (cairo_t             *cr,
           const TvLadderColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

void
tv_graph_style_init (TvGraphStyle      *style,
                     TvLadderStyleKind  kind)
{
  TvLadderStyle ladder;

  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  tv_ladder_style_init (&ladder, kind);
  style->kind = kind;
  g_strlcpy (style->font_family, ladder.font_family, sizeof style->font_family);
  style->font_size = 12;
  style->background = ladder.background;
  style->text = ladder.text;
  style->dim_text = ladder.dim_text;
  style->selection = ladder.arrow[TV_LADDER_KIND_HANDSHAKE];

  /* GNOME palette, as the ladder */
  switch (kind)
    {
    case TV_LADDER_STYLE_DARK:
      rgba (&style->plot_background, 0x242424, 1);
      rgba (&style->axis, 0xffffff, 0.45);
      rgba (&style->grid, 0xffffff, 0.08);
      rgba (&style->band, 0xf5c211, 0.13);
      rgba (&style->band_text, 0xf8e45c, 0.85);
      rgba (&style->role[TV_GRAPH_ROLE_DATA], 0x78aeed, 1);
      rgba (&style->role[TV_GRAPH_ROLE_RETRANSMISSION], 0xff7b63, 1);
      rgba (&style->role[TV_GRAPH_ROLE_ACK], 0x57e389, 1);
      rgba (&style->role[TV_GRAPH_ROLE_WINDOW], 0xffa348, 1);
      rgba (&style->role[TV_GRAPH_ROLE_SACK], 0xdc8add, 0.9);
      rgba (&style->role[TV_GRAPH_ROLE_DUP_ACK], 0xf66151, 1);
      rgba (&style->role[TV_GRAPH_ROLE_ZERO_WINDOW], 0xff7b63, 1);
      rgba (&style->role[TV_GRAPH_ROLE_THROUGHPUT], 0x78aeed, 0.55);
      rgba (&style->role[TV_GRAPH_ROLE_THROUGHPUT_AVG], 0x99c1f1, 1);
      rgba (&style->role[TV_GRAPH_ROLE_GOODPUT_AVG], 0x57e389, 1);
      rgba (&style->role[TV_GRAPH_ROLE_RTT], 0x78aeed, 1);
      rgba (&style->role[TV_GRAPH_ROLE_IN_FLIGHT], 0xdc8add, 1);
      break;

    case TV_LADDER_STYLE_PRINT:
    case TV_LADDER_STYLE_LIGHT:
    default:
      rgba (&style->plot_background, kind == TV_LADDER_STYLE_PRINT ? 0xffffff : 0xfcfcfc, 1);
      rgba (&style->axis, 0x000000, 0.55);
      rgba (&style->grid, 0x000000, 0.08);
      rgba (&style->band, 0xe5a50a, 0.16);
      rgba (&style->band_text, 0x986a44, 1);
      rgba (&style->role[TV_GRAPH_ROLE_DATA], 0x1c71d8, 1);
      rgba (&style->role[TV_GRAPH_ROLE_RETRANSMISSION], 0xc01c28, 1);
      rgba (&style->role[TV_GRAPH_ROLE_ACK], 0x1e8150, 1);
      rgba (&style->role[TV_GRAPH_ROLE_WINDOW], 0xc64600, 1);
      rgba (&style->role[TV_GRAPH_ROLE_SACK], 0x813d9c, 0.85);
      rgba (&style->role[TV_GRAPH_ROLE_DUP_ACK], 0xa51d2d, 1);
      rgba (&style->role[TV_GRAPH_ROLE_ZERO_WINDOW], 0xc01c28, 1);
      rgba (&style->role[TV_GRAPH_ROLE_THROUGHPUT], 0x1c71d8, 0.45);
      rgba (&style->role[TV_GRAPH_ROLE_THROUGHPUT_AVG], 0x1a5fb4, 1);
      rgba (&style->role[TV_GRAPH_ROLE_GOODPUT_AVG], 0x1e8150, 1);
      rgba (&style->role[TV_GRAPH_ROLE_RTT], 0x1c71d8, 1);
      rgba (&style->role[TV_GRAPH_ROLE_IN_FLIGHT], 0x813d9c, 1);
      break;
    }
}

void
tv_graph_paint_params_init (TvGraphPaintParams *params)
{
  memset (params, 0, sizeof *params);
  params->width = 800;
  params->height = 500;
  params->scale = 1;
  params->draw_background = TRUE;
  params->draw_legend = TRUE;
}

const char *
tv_graph_role_name (TvGraphRole role)
{
  switch (role)
    {
    case TV_GRAPH_ROLE_DATA:
      return _("Segments");
    case TV_GRAPH_ROLE_RETRANSMISSION:
      return _("Retransmissions");
    case TV_GRAPH_ROLE_ACK:
      return _("ACK");
    case TV_GRAPH_ROLE_WINDOW:
      return _("Receive window");
    case TV_GRAPH_ROLE_SACK:
      return _("SACK blocks");
    case TV_GRAPH_ROLE_DUP_ACK:
      return _("Duplicate ACKs");
    case TV_GRAPH_ROLE_ZERO_WINDOW:
      return _("Zero window");
    case TV_GRAPH_ROLE_THROUGHPUT:
      return _("Throughput (20 segments)");
    case TV_GRAPH_ROLE_THROUGHPUT_AVG:
      return _("Throughput (average)");
    case TV_GRAPH_ROLE_GOODPUT_AVG:
      return _("Goodput (bytes acknowledged)");
    case TV_GRAPH_ROLE_RTT:
      return _("RTT");
    case TV_GRAPH_ROLE_IN_FLIGHT:
      return _("Bytes in flight");
    case TV_GRAPH_N_ROLES:
    default:
      return "";
    }
}

/* ---- painter ----------------------------------------------------------- */

static void
update_fonts (TvGraphPainter *self)
{
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->bold, pango_font_description_free);
  self->font = pango_font_description_from_string (self->style.font_family);
  pango_font_description_set_absolute_size (self->font, self->style.font_size * PANGO_SCALE);
  self->bold = pango_font_description_copy (self->font);
  pango_font_description_set_weight (self->bold, PANGO_WEIGHT_BOLD);
}

TvGraphPainter *
tv_graph_painter_new (const TvGraphStyle *style)
{
  TvGraphPainter *self = g_new0 (TvGraphPainter, 1);
  cairo_font_options_t *fo;
  PangoAttrList *attrs;

  if (style != NULL)
    self->style = *style;
  else
    tv_graph_style_init (&self->style, TV_LADDER_STYLE_LIGHT);

  /* metrics independent of the device, as the ladder's */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  fo = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (fo, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, fo);
  cairo_font_options_destroy (fo);
  self->text = pango_layout_new (self->context);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum 1"));
  pango_layout_set_attributes (self->text, attrs);
  pango_attr_list_unref (attrs);
  self->items = g_array_new (FALSE, FALSE, sizeof (TvGraphItem));
  self->rects = g_array_new (FALSE, FALSE, sizeof (double) * 4);
  update_fonts (self);
  return self;
}

void
tv_graph_painter_free (TvGraphPainter *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->text);
  g_clear_object (&self->context);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->bold, pango_font_description_free);
  g_array_unref (self->items);
  g_array_unref (self->rects);
  g_free (self);
}

void
tv_graph_painter_set_style (TvGraphPainter     *self,
                            const TvGraphStyle *style)
{
  g_return_if_fail (self != NULL && style != NULL);
  self->style = *style;
  update_fonts (self);
}

const TvGraphStyle *
tv_graph_painter_get_style (TvGraphPainter *self)
{
  return &self->style;
}

static PangoLayout *
text (TvGraphPainter *self,
      const char     *s,
      gboolean        bold,
      double         *width,
      double         *height)
{
  int w, h;

  pango_layout_set_font_description (self->text, bold ? self->bold : self->font);
  pango_layout_set_text (self->text, s, -1);
  pango_layout_get_size (self->text, &w, &h);
  if (width)
    *width = (double) w / PANGO_SCALE;
  if (height)
    *height = (double) h / PANGO_SCALE;
  return self->text;
}

static void
show_text (TvGraphPainter      *self,
           cairo_t             *cr,
           const char          *s,
           gboolean             bold,
           double               x,
           double               y,
           double               align,   /* 0 left, 0.5 centre, 1 right */
           const TvLadderColor *color)
{
  double w;
  PangoLayout *l = text (self, s, bold, &w, NULL);

  set_color (cr, color);
  cairo_move_to (cr, x - w * align, y);
  pango_cairo_update_context (cr, self->context);
  pango_cairo_show_layout (cr, l);
}

typedef struct {
  double px, py, pw, ph;        /* the plot, in cairo units */
  double x0, x1, y0, y1;        /* its data range */
  double line_h;
  double legend_y;              /* top of the legend's first line */
  guint  legend_lines;
  GArray *xticks, *yticks;
} Frame;

static void
frame_clear (Frame *f)
{
  g_clear_pointer (&f->xticks, tv_graph_ticks_free);
  g_clear_pointer (&f->yticks, tv_graph_ticks_free);
}

#define SWATCH 12.0
#define LEGEND_GAP 18.0

/* Lays the legend out from @x in lines no wider than @width: calls @draw
 * (when not NULL) for each entry; returns the number of lines. */
static guint
legend_layout (TvGraphPainter *self,
               cairo_t        *cr,
               TvGraphLayout  *layout,
               double          x,
               double          y,
               double          width,
               double          line_h)
{
  double cx = x;
  guint lines = 0;

  for (guint s = 0; s < tv_graph_layout_get_n_series (layout); s++)
    {
      TvGraphRole role = tv_graph_layout_get_role (layout, s);
      const char *name = tv_graph_role_name (role);
      double w;

      if (tv_graph_layout_get_n_items (layout, s) == 0)
        continue;
      text (self, name, FALSE, &w, NULL);
      w += SWATCH + 5;
      if (lines == 0 || (cx > x && cx + w > x + width))
        {
          cx = x;
          lines++;
        }
      if (cr != NULL)
        {
          double ly = y + (lines - 1) * line_h * 1.2;

          set_color (cr, &self->style.role[role]);
          cairo_rectangle (cr, cx, ly + line_h / 2 - 3, SWATCH, 6);
          cairo_fill (cr);
          show_text (self, cr, name, FALSE, cx + SWATCH + 5, ly, 0, &self->style.dim_text);
        }
      cx += w + LEGEND_GAP;
    }
  return lines;
}

static void
compute_frame (TvGraphPainter           *self,
               TvGraphLayout            *layout,
               const TvGraphPaintParams *params,
               Frame                    *f)
{
  double top, bottom, left, right = PAD * 2, label_w = 0;

  memset (f, 0, sizeof *f);
  tv_graph_layout_get_bounds (layout, &f->x0, &f->x1, &f->y0, &f->y1);
  if (params->x1 > params->x0)
    f->x0 = params->x0, f->x1 = params->x1;
  else
    {
      /* a little room on the right of the last point */
      f->x1 += (f->x1 - f->x0) * 0.02;
    }
  if (params->y1 > params->y0)
    f->y0 = params->y0, f->y1 = params->y1;
  else
    f->y1 += (f->y1 - f->y0) * 0.04;

  text (self, "0", FALSE, NULL, &f->line_h);
  top = PAD + (params->title != NULL ? f->line_h * 1.4 : 0);
  f->legend_y = top;
  if (params->draw_legend)
    f->legend_lines = legend_layout (self, NULL, layout, PAD, 0, params->width - 2 * PAD, f->line_h);
  top += f->legend_lines * f->line_h * 1.2 + f->line_h * 1.3 + PAD;
  bottom = PAD + TICK + f->line_h * 2.2;

  f->yticks = tv_graph_ticks (tv_graph_layout_get_y_unit (layout), f->y0, f->y1,
                              (guint) MAX (2.0, (params->height - top - bottom) / 45.0));
  for (guint i = 0; i < f->yticks->len; i++)
    {
      double w;

      text (self, g_array_index (f->yticks, TvGraphTick, i).label, FALSE, &w, NULL);
      label_w = MAX (label_w, w);
    }
  left = PAD + label_w + TICK + 4;
  f->px = left;
  f->py = top;
  f->pw = MAX (params->width - left - right, 10.0);
  f->ph = MAX (params->height - top - bottom, 10.0);
  f->xticks = tv_graph_ticks (TV_GRAPH_UNIT_TIME, f->x0, f->x1, (guint) MAX (2.0, f->pw / 95.0));
}

void
tv_graph_painter_get_plot (TvGraphPainter           *self,
                           TvGraphLayout            *layout,
                           const TvGraphPaintParams *params,
                           double                   *plot_x,
                           double                   *plot_y,
                           double                   *plot_width,
                           double                   *plot_height,
                           double                   *x0,
                           double                   *x1,
                           double                   *y0,
                           double                   *y1)
{
  Frame f;

  g_return_if_fail (self != NULL && layout != NULL && params != NULL);
  compute_frame (self, layout, params, &f);
  if (plot_x) *plot_x = f.px;
  if (plot_y) *plot_y = f.py;
  if (plot_width) *plot_width = f.pw;
  if (plot_height) *plot_height = f.ph;
  if (x0) *x0 = f.x0;
  if (x1) *x1 = f.x1;
  if (y0) *y0 = f.y0;
  if (y1) *y1 = f.y1;
  frame_clear (&f);
}

static inline double
map_x (const Frame *f, double x)
{
  return f->px + (x - f->x0) / (f->x1 - f->x0) * f->pw;
}

static inline double
map_y (const Frame *f, double y)
{
  return f->py + f->ph - (y - f->y0) / (f->y1 - f->y0) * f->ph;
}

/* cairo draws nothing sensible far outside the surface: keep coordinates
 * near the plot */
static inline double
clampc (double v)
{
  return CLAMP (v, -1e5, 1e5);
}

static void
paint_series (TvGraphPainter           *self,
              cairo_t                  *cr,
              TvGraphLayout            *layout,
              const TvGraphPaintParams *params,
              const Frame              *f,
              guint                     s)
{
  TvGraphShape shape = tv_graph_layout_get_shape (layout, s);
  TvGraphRole role = tv_graph_layout_get_role (layout, s);
  double px_per_unit = MAX (params->scale, 0.25);
  double dx = (f->x1 - f->x0) / (f->pw * px_per_unit);
  double dy = (f->y1 - f->y0) / (f->ph * px_per_unit);
  double dot = role == TV_GRAPH_ROLE_THROUGHPUT ? 1.5 : 2.0;
  GArray *items = self->items;

  g_array_set_size (items, 0);
  tv_graph_layout_get_visible (layout, s, f->x0, f->x1, dx, dy, items);
  if (items->len == 0)
    return;
  set_color (cr, &self->style.role[role]);

  switch (shape)
    {
    case TV_GRAPH_SHAPE_POINTS:
      for (guint i = 0; i < items->len; i++)
        {
          const TvGraphItem *it = &g_array_index (items, TvGraphItem, i);
          double x0 = map_x (f, it->x0), x1 = map_x (f, it->x1);
          double ytop = map_y (f, it->y_hi), ybot = map_y (f, it->y_lo);

          cairo_rectangle (cr, clampc (x0 - dot), clampc (ytop - dot),
                           MAX (x1 - x0, 0) + 2 * dot, MIN (ybot - ytop, 4e5) + 2 * dot);
        }
      cairo_fill (cr);
      break;

    case TV_GRAPH_SHAPE_BARS:
      cairo_set_line_width (cr, 1.5);
      g_array_set_size (self->rects, 0);
      for (guint i = 0; i < items->len; i++)
        {
          const TvGraphItem *it = &g_array_index (items, TvGraphItem, i);
          double x0 = map_x (f, it->x0), x1 = map_x (f, it->x1);
          double ytop = map_y (f, it->y_hi), ybot = map_y (f, it->y_lo);

          if (it->n == 1)
            {
              double x = round (x0) + 0.25;

              cairo_move_to (cr, x, clampc (ybot));
              cairo_line_to (cr, x, clampc (MIN (ytop, ybot - 1)));
              /* tcptrace's caps when there is room */
              if (ybot - ytop > 6)
                {
                  cairo_move_to (cr, x - 2.5, clampc (ybot));
                  cairo_line_to (cr, x + 2.5, clampc (ybot));
                  cairo_move_to (cr, x - 2.5, clampc (ytop));
                  cairo_line_to (cr, x + 2.5, clampc (ytop));
                }
            }
          else
            add_rect (self, x0 - 0.5, ytop, x1 - x0 + 1.5, ybot - ytop);
        }
      cairo_stroke (cr);
      fill_rects (self, cr);
      break;

    case TV_GRAPH_SHAPE_STEPS:
      {
        double last_x = 0, last_y = 0;
        gboolean pen = FALSE;

        /* runs of single values as a line; a column of many values (the
         * line going up and down within a pixel) as a filled bar that
         * also joins its neighbours: far cheaper to draw than the line */
        cairo_set_line_width (cr, 1.5);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
        g_array_set_size (self->rects, 0);
        for (guint i = 0; i < items->len; i++)
          {
            const TvGraphItem *it = &g_array_index (items, TvGraphItem, i);
            double x0 = clampc (map_x (f, it->x0)), x1 = clampc (map_x (f, it->x1));
            double yf = clampc (map_y (f, it->y_first));

            if (it->n == 1)
              {
                if (!pen)
                  cairo_move_to (cr, i == 0 ? x0 : last_x, i == 0 ? yf : last_y);
                cairo_line_to (cr, x0, i == 0 ? yf : last_y);
                cairo_line_to (cr, x0, yf);
                pen = TRUE;
              }
            else
              {
                double ytop = clampc (map_y (f, it->y_hi)), ybot = clampc (map_y (f, it->y_lo));

                if (i > 0)
                  {
                    ytop = MIN (ytop, last_y);
                    ybot = MAX (ybot, last_y);
                    if (pen)
                      cairo_line_to (cr, x0, last_y);
                    else if (x0 - last_x > 1)
                      add_rect (self, last_x, last_y - 0.75, x0 - last_x, 1.5);
                  }
                add_rect (self, x0 - 0.75, ytop - 0.75, x1 - x0 + 1.5, ybot - ytop + 1.5);
                pen = FALSE;
              }
            last_x = it->n == 1 ? x0 : x1;
            last_y = clampc (map_y (f, it->y_last));
          }
        cairo_stroke (cr);
        fill_rects (self, cr);
      }
      break;

    case TV_GRAPH_SHAPE_TICKS:
      cairo_set_line_width (cr, 1.5);
      for (guint i = 0; i < items->len; i++)
        {
          const TvGraphItem *it = &g_array_index (items, TvGraphItem, i);
          double x = clampc (map_x (f, it->x0)), y = round (clampc (map_y (f, it->y_lo))) + 0.75;

          cairo_move_to (cr, x - 1, y);
          cairo_line_to (cr, x + 5, y);
        }
      cairo_stroke (cr);
      break;

    case TV_GRAPH_SHAPE_MARKS:
    default:
      for (guint i = 0; i < items->len; i++)
        {
          const TvGraphItem *it = &g_array_index (items, TvGraphItem, i);
          double x = clampc (map_x (f, it->x0)), y = clampc (map_y (f, it->y_lo));

          /* a triangle pointing up at the value */
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x + 5, y + 8);
          cairo_line_to (cr, x - 5, y + 8);
          cairo_close_path (cr);
        }
      cairo_fill (cr);
      break;
    }
}

void
tv_graph_painter_paint (TvGraphPainter           *self,
                        cairo_t                  *cr,
                        TvGraphLayout            *layout,
                        const TvGraphPaintParams *params)
{
  Frame f;

  g_return_if_fail (self != NULL && cr != NULL && layout != NULL && params != NULL);

  compute_frame (self, layout, params, &f);
  cairo_save (cr);

  if (params->draw_background)
    {
      set_color (cr, &self->style.background);
      cairo_rectangle (cr, 0, 0, params->width, params->height);
      cairo_fill (cr);
    }
  set_color (cr, &self->style.plot_background);
  cairo_rectangle (cr, f.px, f.py, f.pw, f.ph);
  cairo_fill (cr);

  /* title, y axis title, legend */
  if (params->title != NULL)
    show_text (self, cr, params->title, TRUE, f.px, PAD, 0, &self->style.text);
  show_text (self, cr, tv_graph_layout_get_y_title (layout), FALSE, PAD,
             f.py - f.line_h * 1.3 - PAD / 2, 0, &self->style.dim_text);
  if (params->draw_legend)
    legend_layout (self, cr, layout, PAD, f.legend_y, params->width - 2 * PAD, f.line_h);

  /* grid and tick labels */
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < f.yticks->len; i++)
    {
      const TvGraphTick *t = &g_array_index (f.yticks, TvGraphTick, i);
      double y = round (map_y (&f, t->value)) + 0.5;

      set_color (cr, &self->style.grid);
      cairo_move_to (cr, f.px, y);
      cairo_line_to (cr, f.px + f.pw, y);
      cairo_stroke (cr);
      set_color (cr, &self->style.axis);
      cairo_move_to (cr, f.px - TICK, y);
      cairo_line_to (cr, f.px, y);
      cairo_stroke (cr);
      show_text (self, cr, t->label, FALSE, f.px - TICK - 3, y - f.line_h / 2, 1, &self->style.dim_text);
    }
  for (guint i = 0; i < f.xticks->len; i++)
    {
      const TvGraphTick *t = &g_array_index (f.xticks, TvGraphTick, i);
      double x = round (map_x (&f, t->value)) + 0.5;
      double w;

      set_color (cr, &self->style.grid);
      cairo_move_to (cr, x, f.py);
      cairo_line_to (cr, x, f.py + f.ph);
      cairo_stroke (cr);
      set_color (cr, &self->style.axis);
      cairo_move_to (cr, x, f.py + f.ph);
      cairo_line_to (cr, x, f.py + f.ph + TICK);
      cairo_stroke (cr);
      text (self, t->label, FALSE, &w, NULL);
      /* the last label stays inside the area */
      show_text (self, cr, t->label, FALSE, MIN (x, params->width - PAD - w / 2),
                 f.py + f.ph + TICK + 2, 0.5, &self->style.dim_text);
    }
  show_text (self, cr, _("Time since the first segment"), FALSE, f.px + f.pw,
             f.py + f.ph + TICK + 2 + f.line_h * 1.1, 1, &self->style.dim_text);

  /* the plot */
  cairo_save (cr);
  cairo_rectangle (cr, f.px, f.py, f.pw, f.ph);
  cairo_clip (cr);

  for (guint b = 0; b < params->n_bands; b++)
    {
      const TvGraphBand *band = &params->bands[b];
      double x0 = MAX (map_x (&f, band->x0), f.px - 1), x1 = MIN (map_x (&f, band->x1), f.px + f.pw + 1);

      if (x1 < f.px || x0 > f.px + f.pw)
        continue;
      set_color (cr, &self->style.band);
      cairo_rectangle (cr, x0, f.py, MAX (x1 - x0, 2.0), f.ph);
      cairo_fill (cr);
      if (band->label != NULL)
        {
          double w;

          text (self, band->label, FALSE, &w, NULL);
          if (w + 4 < x1 - x0)
            show_text (self, cr, band->label, FALSE, x0 + 3, f.py + 3, 0, &self->style.band_text);
        }
    }

  /* back to front: the lines, the SACK blocks behind the segments they
   * cover, the segments, what went wrong on top */
  {
    static const TvGraphRole order[] = {
      TV_GRAPH_ROLE_WINDOW, TV_GRAPH_ROLE_IN_FLIGHT, TV_GRAPH_ROLE_THROUGHPUT,
      TV_GRAPH_ROLE_THROUGHPUT_AVG, TV_GRAPH_ROLE_GOODPUT_AVG, TV_GRAPH_ROLE_ACK,
      TV_GRAPH_ROLE_SACK, TV_GRAPH_ROLE_DATA, TV_GRAPH_ROLE_RTT,
      TV_GRAPH_ROLE_RETRANSMISSION, TV_GRAPH_ROLE_DUP_ACK, TV_GRAPH_ROLE_ZERO_WINDOW,
    };
    G_STATIC_ASSERT (G_N_ELEMENTS (order) == TV_GRAPH_N_ROLES);

    for (guint o = 0; o < G_N_ELEMENTS (order); o++)
      for (guint s = 0; s < tv_graph_layout_get_n_series (layout); s++)
        if (tv_graph_layout_get_role (layout, s) == order[o])
          paint_series (self, cr, layout, params, &f, s);
  }

  if (params->has_selection)
    {
      double x = map_x (&f, params->selection_x), y = map_y (&f, params->selection_y);

      set_color (cr, &self->style.selection);
      cairo_set_line_width (cr, 2);
      cairo_arc (cr, clampc (x), clampc (y), 7, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (clampc (x)) + 0.5, f.py);
      cairo_line_to (cr, round (clampc (x)) + 0.5, f.py + f.ph);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* the axes */
  set_color (cr, &self->style.axis);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, f.px + 0.5, f.py);
  cairo_line_to (cr, f.px + 0.5, f.py + f.ph + 0.5);
  cairo_line_to (cr, f.px + f.pw, f.py + f.ph + 0.5);
  cairo_stroke (cr);

  cairo_restore (cr);
  frame_clear (&f);
}

/* ---- export ------------------------------------------------------------ */

gboolean
tv_graph_export_to_file (TvGraphLayout      *layout,
                         const char         *filename,
                         TvLadderStyleKind   style_kind,
                         double              width,
                         double              height,
                         const char         *title,
                         const TvGraphBand  *bands,
                         guint               n_bands,
                         GError            **error)
{
  TvExportFormat format = tv_export_format_from_filename (filename);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  TvGraphStyle style;
  TvGraphPainter *painter;
  TvGraphPaintParams params;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int fd;

  g_return_val_if_fail (layout != NULL && filename != NULL, FALSE);

  /* a graph has no text diagram */
  if (format == TV_EXPORT_FORMAT_AUTO || tv_export_format_is_text (format))
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_FORMAT,
                   _("Cannot tell which format to write “%s” in: "
                     "name it .png, .svg or .pdf."), filename);
      return FALSE;
    }

  dir = g_path_get_dirname (filename);
  base = g_path_get_basename (filename);
  {
    g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);

    tmp = g_build_filename (dir, name, NULL);
  }
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int err = errno;

      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), filename, g_strerror (err));
      return FALSE;
    }
  close (fd);

  switch (format)
    {
    case TV_EXPORT_FORMAT_SVG:
      surface = cairo_svg_surface_create (tmp, width, height);
      break;
    case TV_EXPORT_FORMAT_PDF:
      surface = cairo_pdf_surface_create (tmp, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "TcpViz");
      if (title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      break;
    case TV_EXPORT_FORMAT_PNG:
    case TV_EXPORT_FORMAT_AUTO:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
      break;
    }

  tv_graph_style_init (&style, style_kind);
  painter = tv_graph_painter_new (&style);
  tv_graph_paint_params_init (&params);
  params.width = width;
  params.height = height;
  params.title = title;
  params.bands = bands;
  params.n_bands = n_bands;
  cr = cairo_create (surface);
  tv_graph_painter_paint (painter, cr, layout, &params);
  cairo_destroy (cr);
  tv_graph_painter_free (painter);

  if (format == TV_EXPORT_FORMAT_PNG)
    status = cairo_surface_write_to_png (surface, tmp);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), filename, cairo_status_to_string (status));
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, filename) != 0)
    {
      int err = errno;

      g_set_error (error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), filename, g_strerror (err));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}
