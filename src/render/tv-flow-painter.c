/* tv-flow-painter.c: paints the flow view with cairo and pango, each
 * segment's arrow and label drawn by the ladder's painter.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-flow-painter"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "tv-flow-painter.h"
#include "tv-format.h"
#include "tv-ladder-painter-private.h"

#define TEXT_MIN_SCALE 0.4

struct _TvFlowPainter {
  TvLadderPainter *ladder;
};

void
tv_flow_paint_params_init (TvFlowPaintParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->selected_row = -1;
  params->hover_row = -1;
  params->visible_rows = -1;
  params->progress_row = -1;
  params->progress = 1.0;
  params->draw_background = TRUE;
  params->draw_header = TRUE;
  params->scale = 1.0;
}

TvFlowPainter *
tv_flow_painter_new (const TvLadderStyle *style)
{
  TvFlowPainter *self = g_new0 (TvFlowPainter, 1);

  self->ladder = tv_ladder_painter_new (style);
  return self;
}

void
tv_flow_painter_free (TvFlowPainter *self)
{
  if (self == NULL)
    return;
  tv_ladder_painter_free (self->ladder);
  g_free (self);
}

void
tv_flow_painter_set_style (TvFlowPainter       *self,
                           const TvLadderStyle *style)
{
  g_return_if_fail (self != NULL);
  tv_ladder_painter_set_style (self->ladder, style);
}

const TvLadderStyle *
tv_flow_painter_get_style (TvFlowPainter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return tv_ladder_painter_get_style (self->ladder);
}

static double
text_width (TvFlowPainter *self,
            TvLadderFont   font,
            const char    *text)
{
  double w;

  tv_ladder_painter_text_size (tv_ladder_painter_prepare_text (self->ladder, font, text, FALSE), &w, NULL);
  return w;
}

void
tv_flow_painter_measure (TvFlowPainter *self,
                         TvFlowOptions *options,
                         TvTracker     *tracker,
                         const guint   *conns,
                         guint          n_conns)
{
  const TvConn *widest = NULL;
  guint64 most = 0;
  gsize longest = 0;
  guint max_id = 0;
  char addr[64], buf[64];
  TvAddress last[2];

  g_return_if_fail (self != NULL && options != NULL && tracker != NULL);

  memset (last, 0xff, sizeof last);

  /* the labels: as wide as the largest numbers need */
  for (guint i = 0; i < n_conns; i++)
    {
      const TvConn *c;
      guint64 b;

      if (conns[i] >= tv_tracker_get_n_conns (tracker))
        continue;
      c = tv_tracker_get_conn (tracker, conns[i]);
      b = MAX (tv_conn_bytes (c, TV_DIR_CLIENT_TO_SERVER), tv_conn_bytes (c, TV_DIR_SERVER_TO_CLIENT));
      if (widest == NULL || b > most)
        {
          widest = c;
          most = b;
        }
      max_id = MAX (max_id, c->id);
      for (guint s = 0; s < 2; s++)
        {
          const TvEndpoint *ep = s == 0 ? &c->client : &c->server;

          /* a whole capture repeats its few hosts: each written once */
          if (memcmp (&ep->address, &last[s], sizeof last[s]) == 0)
            continue;
          last[s] = ep->address;
          tv_address_to_string (&ep->address, addr, sizeof addr);
          longest = MAX (longest, strlen (addr) + (ep->address.family == 6 ? 2 : 0));
        }
    }
  tv_ladder_painter_measure_for_conn (self->ladder, &options->metrics, widest);

  tv_ladder_painter_begin (self->ladder, NULL);
  if (options->fold)
    {
      TvFlowPhase phase = { 0 };
      TvLadderLabel label;

      phase.kind = TV_FLOW_PHASE_RESPONSE;
      phase.duration_ns = 999 * G_GINT64_CONSTANT (1000000);
      phase.n_segs = 99999;
      phase.bytes = 999 * G_GINT64_CONSTANT (1000000);
      tv_flow_phase_label (tracker, &phase, &label);
      options->metrics.label_width = MAX (options->metrics.label_width,
                                          ceil (text_width (self, TV_LADDER_FONT_TEXT, label.text)));
    }

  /* the heads: the longest address, with ":65535" side by side */
  memset (buf, '8', MIN (longest + 6, sizeof buf - 1));
  buf[MIN (longest + 6, sizeof buf - 1)] = '\0';
  options->head_width = ceil (MAX (text_width (self, TV_LADDER_FONT_SMALL, buf),
                                   text_width (self, TV_LADDER_FONT_HEAD, _("client and server"))) + 28);

  g_snprintf (buf, sizeof buf, "#%u", max_id);
  options->conn_width = ceil (text_width (self, TV_LADDER_FONT_SMALL, buf) + 12);
}

static void
set_color (cairo_t             *cr,
           const TvLadderColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

void
tv_flow_painter_paint_header (TvFlowPainter *self,
                              cairo_t       *cr,
                              TvFlowLayout  *layout,
                              double         x,
                              double         y,
                              double         width)
{
  const TvLadderStyle *style;
  const TvFlowOptions *o;
  double hb, top, bottom;
  guint first, last;

  g_return_if_fail (self != NULL && cr != NULL && layout != NULL);

  style = tv_ladder_painter_get_style (self->ladder);
  o = tv_flow_layout_get_options (layout);
  hb = tv_flow_layout_get_header_bottom (layout);
  top = y + 8;
  bottom = y + hb - 6;

  tv_ladder_painter_begin (self->ladder, cr);
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, hb);
  set_color (cr, &style->background);
  cairo_fill (cr);
  if (style->kind != TV_LADDER_STYLE_PRINT)
    {
      cairo_rectangle (cr, x, y, width, hb - 2);
      set_color (cr, &style->header_fill);
      cairo_fill (cr);
    }

  if (tv_flow_layout_find_lifelines (layout, x, x + width, &first, &last))
    for (guint i = first; i <= last; i++)
      {
        TvFlowLifeline l;
        g_autofree char *title = NULL, *subtitle = NULL;
        PangoLayout *pl;
        double tw, th, sw, sh, bw, ty;

        tv_flow_layout_get_lifeline (layout, i, &l);
        tv_flow_layout_dup_head (layout, i, &title, &subtitle);

        pl = tv_ladder_painter_prepare_text (self->ladder, TV_LADDER_FONT_SMALL, subtitle, TRUE);
        tv_ladder_painter_text_size (pl, &sw, &sh);
        pl = tv_ladder_painter_prepare_text (self->ladder, TV_LADDER_FONT_HEAD, title, FALSE);
        tv_ladder_painter_text_size (pl, &tw, &th);
        bw = MIN (MAX (tw, sw) + 28, o->head_width);

        tv_ladder_painter_rounded_rect (cr, l.x - bw / 2 + 0.5, top + 0.5, bw - 1, bottom - top - 1, 6);
        set_color (cr, &style->background);
        cairo_fill_preserve (cr);
        set_color (cr, &style->lifeline);
        cairo_set_line_width (cr, 1.5);
        cairo_stroke (cr);
        cairo_set_line_width (cr, 2);
        cairo_move_to (cr, l.x, bottom);
        cairo_line_to (cr, l.x, y + hb);
        cairo_stroke (cr);

        ty = top + (bottom - top - th - sh - 1) / 2;
        if (tw > bw - 12)
          {
            pango_layout_set_width (pl, (bw - 12) * PANGO_SCALE);
            pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_MIDDLE);
            tw = bw - 12;
          }
        tv_ladder_painter_show_text (cr, pl, &style->text, l.x - tw / 2, ty);
        pl = tv_ladder_painter_prepare_text (self->ladder, TV_LADDER_FONT_SMALL, subtitle, TRUE);
        if (sw > bw - 12)
          {
            pango_layout_set_width (pl, (bw - 12) * PANGO_SCALE);
            pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_MIDDLE);
            sw = bw - 12;
          }
        tv_ladder_painter_show_text (cr, pl, &style->dim_text, l.x - sw / 2, ty + th + 1);
      }

  /* the time column's title */
  {
    PangoLayout *pl = tv_ladder_painter_prepare_text (self->ladder, TV_LADDER_FONT_SMALL_BOLD, _("Time"), FALSE);
    double tw, th;

    tv_ladder_painter_text_size (pl, &tw, &th);
    tv_ladder_painter_show_text (cr, pl, &style->dim_text,
                                 x + tv_flow_layout_get_time_x (layout) - tw - 4, y + hb - 8 - th);
  }

  cairo_restore (cr);
}

/* The time and connection columns, left, over whatever scrolled under
 * them. */
static void
paint_columns (TvFlowPainter           *self,
               cairo_t                 *cr,
               TvFlowLayout            *layout,
               const TvFlowPaintParams *params,
               guint                    first,
               guint                    last,
               gboolean                 have_rows,
               double                   y1,
               double                   y2,
               gboolean                 text)
{
  const TvLadderStyle *style = tv_ladder_painter_get_style (self->ladder);
  const TvFlowOptions *o = tv_flow_layout_get_options (layout);
  double dx = params->columns_x;
  double ax = tv_flow_layout_get_time_x (layout) + dx;
  double cx = tv_flow_layout_get_conn_x (layout) + dx;
  double right = tv_flow_layout_get_lifelines_x (layout) + dx;
  double top = MAX (y1, tv_flow_layout_get_header_bottom (layout));
  double bottom = MIN (y2, tv_flow_layout_get_height (layout) - o->metrics.margin);

  if (dx > 0)
    {
      /* scrolled sideways: cover what went under the columns */
      cairo_rectangle (cr, dx, y1, right - dx, y2 - y1);
      set_color (cr, &style->background);
      cairo_fill (cr);
      cairo_move_to (cr, right - 0.5, y1);
      cairo_line_to (cr, right - 0.5, y2);
      set_color (cr, &style->axis);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }

  if (bottom > top)
    {
      set_color (cr, &style->axis);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, ax + 0.5, top);
      cairo_line_to (cr, ax + 0.5, bottom);
      cairo_stroke (cr);
    }

  if (!have_rows)
    return;

  for (guint i = first; i <= last; i++)
    {
      TvFlowRow row;
      char buf[48];
      PangoLayout *pl;
      double tw, th;

      tv_flow_layout_get_row (layout, i, &row);
      set_color (cr, &style->axis);
      cairo_move_to (cr, ax - 4, row.ladder.y1 + 0.5);
      cairo_line_to (cr, ax + 1, row.ladder.y1 + 0.5);
      cairo_stroke (cr);
      if (!text)
        continue;

      tv_ladder_format_time (row.rel_ns, buf, sizeof buf);
      pl = tv_ladder_painter_prepare_text (self->ladder, TV_LADDER_FONT_SMALL, buf, TRUE);
      tv_ladder_painter_text_size (pl, &tw, &th);
      tv_ladder_painter_show_text (cr, pl, &style->dim_text, ax - 7 - tw, row.ladder.y1 - th / 2);

      g_snprintf (buf, sizeof buf, "#%u", row.conn->id);
      pl = tv_ladder_painter_prepare_text (self->ladder, TV_LADDER_FONT_SMALL, buf, TRUE);
      tv_ladder_painter_text_size (pl, &tw, &th);
      tv_ladder_painter_show_text (cr, pl, &style->arrow[row.ladder.kind], cx + 2, row.ladder.y1 - th / 2);
    }
}

static void
paint_break (TvFlowPainter   *self,
             cairo_t         *cr,
             TvFlowLayout    *layout,
             const TvFlowRow *row,
             guint            first_ll,
             guint            last_ll,
             gboolean         text)
{
  const TvLadderStyle *style = tv_ladder_painter_get_style (self->ladder);
  double prev_y = tv_flow_layout_get_row_y (layout, row->index - 1) +
                  tv_flow_layout_get_options (layout)->metrics.arrow_drop;
  double my = (prev_y + row->ladder.top) / 2;

  for (guint i = first_ll; i <= last_ll; i++)
    {
      TvFlowLifeline l;

      tv_flow_layout_get_lifeline (layout, i, &l);
      cairo_rectangle (cr, l.x - 6, my - 5, 12, 10);
      set_color (cr, &style->background);
      cairo_fill (cr);
      set_color (cr, &style->lifeline);
      cairo_set_line_width (cr, 1.2);
      cairo_move_to (cr, l.x - 7, my - 1);
      cairo_line_to (cr, l.x + 7, my - 6);
      cairo_move_to (cr, l.x - 7, my + 6);
      cairo_line_to (cr, l.x + 7, my + 1);
      cairo_stroke (cr);
    }

  if (text)
    {
      char t[32], buf[48];
      PangoLayout *pl;
      double tw, th;

      tv_ladder_format_tick (row->gap_ns, row->gap_ns >= 1000000000 ? 1000000 : 1000, t, sizeof t);
      g_snprintf (buf, sizeof buf, "+%s", t);
      pl = tv_ladder_painter_prepare_text (self->ladder, TV_LADDER_FONT_SMALL, buf, TRUE);
      tv_ladder_painter_text_size (pl, &tw, &th);
      tv_ladder_painter_show_text (cr, pl, &style->dim_text,
                                   tv_flow_layout_get_lifelines_x (layout) + 6, my - th / 2);
    }
}

void
tv_flow_painter_paint (TvFlowPainter           *self,
                       cairo_t                 *cr,
                       TvFlowLayout            *layout,
                       const TvFlowPaintParams *params)
{
  TvFlowPaintParams defaults;
  const TvLadderStyle *style;
  const TvFlowOptions *o;
  double cx, cy, cw, ch, y1, y2, hb, height;
  guint first = 0, last = 0, first_ll = 0, last_ll = 0;
  gboolean have_rows, have_ll, text;

  g_return_if_fail (self != NULL && cr != NULL && layout != NULL);

  if (params == NULL)
    {
      tv_flow_paint_params_init (&defaults);
      params = &defaults;
    }

  style = tv_ladder_painter_get_style (self->ladder);
  o = tv_flow_layout_get_options (layout);
  height = tv_flow_layout_get_height (layout);
  hb = tv_flow_layout_get_header_bottom (layout);
  if (params->clip_width > 0)
    {
      cx = params->clip_x;
      cy = params->clip_y;
      cw = params->clip_width;
      ch = params->clip_height;
    }
  else
    {
      cx = 0;
      cy = 0;
      cw = tv_flow_layout_get_width (layout);
      ch = height;
    }
  y1 = cy;
  y2 = cy + ch;
  text = params->scale >= TEXT_MIN_SCALE;

  tv_ladder_painter_begin (self->ladder, cr);
  cairo_save (cr);
  cairo_rectangle (cr, cx, cy, cw, ch);
  cairo_clip (cr);

  if (params->draw_background)
    {
      set_color (cr, &style->background);
      cairo_paint (cr);
    }

  have_rows = tv_flow_layout_find_rows (layout, y1, y2, &first, &last);
  if (have_rows && params->visible_rows >= 0)
    {
      if ((guint) params->visible_rows <= first)
        have_rows = FALSE;
      else
        last = MIN (last, (guint) params->visible_rows - 1);
    }

  /* lifelines in view */
  have_ll = tv_flow_layout_find_lifelines (layout, cx, cx + cw, &first_ll, &last_ll);
  if (have_ll)
    {
      double top = MAX (y1, hb - 6);
      double bottom = MIN (y2, height - o->metrics.margin);

      set_color (cr, &style->lifeline);
      cairo_set_line_width (cr, 2);
      for (guint i = first_ll; i <= last_ll && bottom > top; i++)
        {
          TvFlowLifeline l;

          tv_flow_layout_get_lifeline (layout, i, &l);
          cairo_move_to (cr, l.x, top);
          cairo_line_to (cr, l.x, bottom);
        }
      cairo_stroke (cr);

      /* side by side: a line between the connections */
      if (o->lifelines == TV_FLOW_LIFELINES_CONNECTION && bottom > top)
        {
          static const double dash[] = { 4, 4 };

          cairo_save (cr);
          set_color (cr, &style->axis);
          cairo_set_line_width (cr, 1);
          cairo_set_dash (cr, dash, 2, 0);
          for (guint i = MAX (first_ll, 1); i <= last_ll; i++)
            if (i % 2 == 0)
              {
                TvFlowLifeline a, b;

                tv_flow_layout_get_lifeline (layout, i - 1, &a);
                tv_flow_layout_get_lifeline (layout, i, &b);
                cairo_move_to (cr, round ((a.x + b.x) / 2) + 0.5, top);
                cairo_line_to (cr, round ((a.x + b.x) / 2) + 0.5, bottom);
              }
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }

  if (have_rows)
    for (guint i = first; i <= last; i++)
      {
        TvFlowRow row;
        TvLadderLabel label;
        double lo, hi, progress;

        tv_flow_layout_get_row (layout, i, &row);
        if (row.gap_broken && have_ll)
          paint_break (self, cr, layout, &row, first_ll, last_ll, text);

        /* an arrow wholly left or right of the view costs nothing more */
        lo = MIN (row.ladder.x1, row.ladder.x2);
        hi = MAX (row.ladder.x1, row.ladder.x2);
        if (hi < cx - 12 || lo > cx + cw + 12)
          continue;

        if ((int) i == params->selected_row || (int) i == params->hover_row)
          {
            tv_ladder_painter_rounded_rect (cr, lo - 6, row.ladder.top - 3, hi - lo + 12,
                                            row.ladder.bottom - row.ladder.top + 7, 6);
            set_color (cr, (int) i == params->selected_row ? &style->selection : &style->hover);
            cairo_fill (cr);
          }

        progress = (int) i == params->progress_row ? params->progress : 1.0;
        if (progress <= 0)
          continue;
        tv_ladder_painter_paint_arrow_row (self->ladder, cr, &row.ladder, progress,
                                           (int) i == params->selected_row);
        if (text)
          {
            tv_flow_layout_get_label (layout, &row, &label);
            tv_ladder_painter_paint_label_row (self->ladder, cr, &row.ladder, &label,
                                               o->metrics.line_height, NULL);
          }
      }

  /* the columns and the heads over everything that scrolled under them */
  if (params->columns_x < cx + cw &&
      params->columns_x + tv_flow_layout_get_lifelines_x (layout) > cx)
    paint_columns (self, cr, layout, params, first, last, have_rows,
                   params->draw_header ? MAX (y1, params->header_y + hb) : y1, y2, text);

  if (params->draw_header && params->header_y < y2 && params->header_y + hb > y1)
    tv_flow_painter_paint_header (self, cr, layout, cx, params->header_y, cw);

  cairo_restore (cr);
}

/* One line of text at (x, y) (cr NULL: measured only); returns its width
 * and sets *height. */
static double
line_at (TvFlowPainter       *self,
         cairo_t             *cr,
         TvLadderFont         font,
         const char          *text,
         const TvLadderColor *color,
         double               x,
         double               y,
         double              *height)
{
  PangoLayout *pl = tv_ladder_painter_prepare_text (self->ladder, font, text, TRUE);
  double w, h;

  tv_ladder_painter_text_size (pl, &w, &h);
  if (cr != NULL)
    tv_ladder_painter_show_text (cr, pl, color, x, y);
  if (height)
    *height = h;
  return w;
}

static char *
dup_cell (const TvFlowPhaseTimes *t,
          TvFlowPhaseKind         kind)
{
  g_autofree char *d = NULL;

  if (kind == TV_FLOW_N_PHASES)
    return tv_format_duration (t->total_ns);
  if (t->count[kind] == 0)
    return g_strdup ("—");
  d = tv_format_duration (t->ns[kind]);
  if (t->count[kind] > 1)
    /* TRANSLATORS: a time, and how many phases of its kind it adds up */
    return g_strdup_printf (_("%s (%u×)"), d, t->count[kind]);
  return g_steal_pointer (&d);
}

double
tv_flow_painter_paint_comparison (TvFlowPainter          *self,
                                  cairo_t                *cr,
                                  TvFlowLayout           *layout,
                                  const TvFlowPhaseTimes *a,
                                  const TvFlowPhaseTimes *b,
                                  double                  x,
                                  double                  y,
                                  double                  width)
{
  const TvLadderStyle *style;
  const TvFlowOptions *o;
  TvFlowPhaseKind kinds[TV_FLOW_N_PHASES + 1];
  guint n_kinds = 0;
  double col[4] = { 0 }, lh, h, top = y, cx;
  const char *heads[4];
  g_autofree char *summary = NULL;
  g_autofree char *head_a = NULL, *head_b = NULL;

  g_return_val_if_fail (self != NULL && layout != NULL && a != NULL && b != NULL, 0);

  style = tv_ladder_painter_get_style (self->ladder);
  o = tv_flow_layout_get_options (layout);
  tv_ladder_painter_begin (self->ladder, cr);
  if (cr != NULL)
    cairo_save (cr);
  y += o->metrics.margin;
  x += o->metrics.margin;
  width -= 2 * o->metrics.margin;

  /* what A and B are */
  for (guint i = 0; i < MIN (2u, tv_flow_layout_get_n_conns (layout)); i++)
    {
      TvConn *conn = tv_flow_layout_get_conn (layout, i);
      g_autofree char *c = tv_endpoint_to_string (&conn->client);
      g_autofree char *s = tv_endpoint_to_string (&conn->server);
      g_autofree char *line = NULL;

      /* TRANSLATORS: "A: connection 3, 10.0.0.1:40000 → 10.0.0.2:80" */
      line = g_strdup_printf (_("%s: connection %u, %s → %s"), i == 0 ? "A" : "B", conn->id, c, s);
      line_at (self, cr, TV_LADDER_FONT_BOLD, line, &style->text, x, y, &h);
      y += h + 2;
    }
  y += 8;

  for (TvFlowPhaseKind k = 0; k < TV_FLOW_N_PHASES; k++)
    if (k != TV_FLOW_PHASE_RESET || a->count[k] + b->count[k] > 0)
      kinds[n_kinds++] = k;
  kinds[n_kinds++] = TV_FLOW_N_PHASES;

  /* the columns: phase, A, B, difference */
  head_a = g_strdup ("A");
  head_b = g_strdup ("B");
  heads[0] = _("Phase");
  heads[1] = head_a;
  heads[2] = head_b;
  heads[3] = _("Difference");
  for (guint c = 0; c < 4; c++)
    col[c] = line_at (self, NULL, TV_LADDER_FONT_SMALL_BOLD, heads[c], NULL, 0, 0, &lh);
  for (guint r = 0; r < n_kinds; r++)
    {
      g_autofree char *ca = dup_cell (a, kinds[r]);
      g_autofree char *cb = dup_cell (b, kinds[r]);
      g_autofree char *cd = tv_flow_compare_phrase (a, b, kinds[r]);
      const char *name = kinds[r] == TV_FLOW_N_PHASES ? _("Whole connection") : tv_flow_phase_kind_name (kinds[r]);

      col[0] = MAX (col[0], line_at (self, NULL, TV_LADDER_FONT_BOLD, name, NULL, 0, 0, &lh));
      col[1] = MAX (col[1], line_at (self, NULL, TV_LADDER_FONT_TEXT, ca, NULL, 0, 0, NULL));
      col[2] = MAX (col[2], line_at (self, NULL, TV_LADDER_FONT_TEXT, cb, NULL, 0, 0, NULL));
      col[3] = MAX (col[3], line_at (self, NULL, TV_LADDER_FONT_TEXT, cd, NULL, 0, 0, NULL));
    }
  lh += 6;

  cx = x;
  for (guint c = 0; c < 4; c++)
    {
      line_at (self, cr, TV_LADDER_FONT_SMALL_BOLD, heads[c], &style->dim_text,
               c == 1 || c == 2 ? cx + col[c] - line_at (self, NULL, TV_LADDER_FONT_SMALL_BOLD, heads[c], NULL, 0, 0, NULL)
                                : cx, y, NULL);
      cx += col[c] + 28;
    }
  y += lh;
  if (cr != NULL)
    {
      set_color (cr, &style->axis);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x, y - 3.5);
      cairo_line_to (cr, cx - 28, y - 3.5);
      cairo_stroke (cr);
    }

  for (guint r = 0; r < n_kinds; r++)
    {
      char *cells[4] = { NULL, NULL, NULL, NULL };
      TvLadderKind colour;

      cells[0] = g_strdup (kinds[r] == TV_FLOW_N_PHASES ? _("Whole connection") : tv_flow_phase_kind_name (kinds[r]));
      cells[1] = dup_cell (a, kinds[r]);
      cells[2] = dup_cell (b, kinds[r]);
      cells[3] = tv_flow_compare_phrase (a, b, kinds[r]);
      switch (kinds[r])
        {
        case TV_FLOW_PHASE_HANDSHAKE:
          colour = TV_LADDER_KIND_HANDSHAKE;
          break;
        case TV_FLOW_PHASE_REQUEST:
        case TV_FLOW_PHASE_RESPONSE:
          colour = TV_LADDER_KIND_DATA;
          break;
        case TV_FLOW_PHASE_CLOSE:
          colour = TV_LADDER_KIND_CLOSE;
          break;
        case TV_FLOW_PHASE_RESET:
          colour = TV_LADDER_KIND_RESET;
          break;
        case TV_FLOW_N_PHASES:
        default:
          colour = TV_LADDER_N_KINDS;
          break;
        }

      cx = x;
      for (guint c = 0; c < 4; c++)
        {
          TvLadderFont font = c == 0 ? TV_LADDER_FONT_BOLD : TV_LADDER_FONT_TEXT;
          const TvLadderColor *color = c == 0 && colour < TV_LADDER_N_KINDS ? &style->arrow[colour] : &style->text;
          double w = line_at (self, NULL, font, cells[c], NULL, 0, 0, NULL);

          /* times right-aligned, so that their digits line up */
          line_at (self, cr, font, cells[c], color, c == 1 || c == 2 ? cx + col[c] - w : cx, y, NULL);
          cx += col[c] + 28;
        }
      for (guint c = 0; c < 4; c++)
        g_free (cells[c]);
      y += lh;
    }

  /* the difference in a sentence, wrapped to the width */
  summary = tv_flow_compare_summary (a, b);
  {
    PangoLayout *pl = tv_ladder_painter_prepare_text (self->ladder, TV_LADDER_FONT_TEXT, summary, FALSE);
    double sw, sh;

    pango_layout_set_width (pl, CLAMP (width, 200, 60 * o->metrics.line_height) * PANGO_SCALE);
    pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);
    tv_ladder_painter_text_size (pl, &sw, &sh);
    y += 6;
    if (cr != NULL)
      tv_ladder_painter_show_text (cr, pl, &style->text, x, y);
    pango_layout_set_width (pl, -1);
    y += sh;
  }

  if (cr != NULL)
    cairo_restore (cr);
  return y + 4 - top;
}
