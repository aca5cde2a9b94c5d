/* tv-ladder-painter.c: paints a ladder layout with cairo and pango.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-ladder-painter"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "tv-ladder-painter.h"
#include "tv-ladder-painter-private.h"
#include "tv-svg-writer.h"

#define STATE_PAD_X   8.0
#define TAG_PAD_X     6.0
#define TAG_GAP       6.0
#define HEAD_LENGTH   9.0
#define HEAD_WIDTH    7.0
#define TEXT_MIN_SCALE 0.4  /* below this, text is too small to read */

typedef struct {
  PangoFontDescription *font;
  PangoFontDescription *bold;
  PangoFontDescription *small_font;
  PangoFontDescription *small_bold;
  PangoFontDescription *head_font;
  PangoFontDescription *title_font;  /* compact: phase titles */
} FontSet;

struct _TvLadderPainter {
  TvLadderStyle         style;
  PangoContext         *context;
  PangoLayout          *text;     /* labels */
  PangoLayout          *small;    /* states, tags, times */
  FontSet               sets[2];  /* the full layout's, the compact one's */
  /* the fonts in use: one of the sets */
  PangoFontDescription *font;
  PangoFontDescription *bold;
  PangoFontDescription *small_font;
  PangoFontDescription *small_bold;
  PangoFontDescription *head_font;
  PangoFontDescription *title_font;
  PangoAttrList        *tnum;     /* tabular digits for times */
};

static void
use_fonts (TvLadderPainter *self,
           gboolean         compact)
{
  const FontSet *set = &self->sets[compact ? 1 : 0];

  self->font = set->font;
  self->bold = set->bold;
  self->small_font = set->small_font;
  self->small_bold = set->small_bold;
  self->head_font = set->head_font;
  self->title_font = set->title_font;
}

static void
clear_fonts (TvLadderPainter *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->sets); i++)
    {
      FontSet *set = &self->sets[i];

      g_clear_pointer (&set->font, pango_font_description_free);
      g_clear_pointer (&set->bold, pango_font_description_free);
      g_clear_pointer (&set->small_font, pango_font_description_free);
      g_clear_pointer (&set->small_bold, pango_font_description_free);
      g_clear_pointer (&set->head_font, pango_font_description_free);
      g_clear_pointer (&set->title_font, pango_font_description_free);
    }
}

static void
rgba (TvLadderColor *c,
      guint32        rgb,
      double         alpha)
{
  c->red = ((rgb >> 16) & 0xff) / 255.0;
  c->green = ((rgb >> 8) & 0xff) / 255.0;
  c->blue = (rgb & 0xff) / 255.0;
  c->alpha = alpha;
}

void
tv_ladder_style_init (TvLadderStyle     *style,
                      TvLadderStyleKind  kind)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->kind = kind;
  /* Not Cantarell first: Debian 12's Cantarell kerns a digit and the space
   * after it almost together ("HTTP/1.1200 OK", "seq=1ack=1"), and these
   * labels are mostly numbers. */
  g_strlcpy (style->font_family,
             "Noto Sans, DejaVu Sans, Cantarell, Noto Sans CJK SC, Droid Sans Fallback, Sans",
             sizeof style->font_family);
  style->font_size = 13;

  /* Colours from the GNOME (libadwaita) palette. */
  switch (kind)
    {
    case TV_LADDER_STYLE_DARK:
      rgba (&style->background, 0x1e1e1e, 1);
      rgba (&style->text, 0xffffff, 0.92);
      rgba (&style->dim_text, 0xffffff, 0.60);
      rgba (&style->lifeline, 0x9a9996, 1);
      rgba (&style->axis, 0xffffff, 0.30);
      rgba (&style->arrow[TV_LADDER_KIND_HANDSHAKE], 0x78aeed, 1);  /* blue */
      rgba (&style->arrow[TV_LADDER_KIND_DATA], 0x57e389, 1);       /* green */
      rgba (&style->arrow[TV_LADDER_KIND_ACK], 0xc0bfbc, 1);        /* light grey */
      rgba (&style->arrow[TV_LADDER_KIND_CLOSE], 0xdc8add, 1);      /* purple */
      rgba (&style->arrow[TV_LADDER_KIND_RESET], 0xff7b63, 1);      /* red */
      rgba (&style->state_fill, 0x303030, 1);
      rgba (&style->state_border, 0x77767b, 1);
      rgba (&style->state_text, 0xffffff, 0.90);
      rgba (&style->header_fill, 0x242424, 1);
      rgba (&style->tag_error, 0xc01c28, 1);
      rgba (&style->tag_warning, 0xc64600, 1);
      rgba (&style->tag_info, 0x5e5c64, 1);
      rgba (&style->tag_text, 0xffffff, 1);
      rgba (&style->selection, 0x78aeed, 0.22);
      rgba (&style->hover, 0xffffff, 0.06);
      break;

    case TV_LADDER_STYLE_PRINT:
      rgba (&style->background, 0xffffff, 1);
      rgba (&style->text, 0x000000, 1);
      rgba (&style->dim_text, 0x3d3846, 1);
      rgba (&style->lifeline, 0x000000, 1);
      rgba (&style->axis, 0x77767b, 1);
      rgba (&style->arrow[TV_LADDER_KIND_HANDSHAKE], 0x1a5fb4, 1);
      rgba (&style->arrow[TV_LADDER_KIND_DATA], 0x1e7a45, 1);
      rgba (&style->arrow[TV_LADDER_KIND_ACK], 0x3d3846, 1);
      rgba (&style->arrow[TV_LADDER_KIND_CLOSE], 0x613583, 1);
      rgba (&style->arrow[TV_LADDER_KIND_RESET], 0xa51d2d, 1);
      rgba (&style->state_fill, 0xffffff, 1);
      rgba (&style->state_border, 0x000000, 1);
      rgba (&style->state_text, 0x000000, 1);
      rgba (&style->header_fill, 0xffffff, 1);
      rgba (&style->tag_error, 0xa51d2d, 1);
      rgba (&style->tag_warning, 0xc64600, 1);
      rgba (&style->tag_info, 0x5e5c64, 1);
      rgba (&style->tag_text, 0xffffff, 1);
      rgba (&style->selection, 0x1a5fb4, 0.12);
      rgba (&style->hover, 0x000000, 0.04);
      break;

    case TV_LADDER_STYLE_LIGHT:
    default:
      rgba (&style->background, 0xffffff, 1);
      rgba (&style->text, 0x000000, 0.85);
      rgba (&style->dim_text, 0x000000, 0.55);
      rgba (&style->lifeline, 0x5e5c64, 1);
      rgba (&style->axis, 0x000000, 0.25);
      rgba (&style->arrow[TV_LADDER_KIND_HANDSHAKE], 0x1c71d8, 1);
      rgba (&style->arrow[TV_LADDER_KIND_DATA], 0x1e8150, 1);       /* green, dark enough for text */
      rgba (&style->arrow[TV_LADDER_KIND_ACK], 0x6f6e73, 1);
      rgba (&style->arrow[TV_LADDER_KIND_CLOSE], 0x813d9c, 1);
      rgba (&style->arrow[TV_LADDER_KIND_RESET], 0xc01c28, 1);
      rgba (&style->state_fill, 0xf6f5f4, 1);
      rgba (&style->state_border, 0xc0bfbc, 1);
      rgba (&style->state_text, 0x241f31, 1);
      rgba (&style->header_fill, 0xfafafa, 1);
      rgba (&style->tag_error, 0xc01c28, 1);
      rgba (&style->tag_warning, 0xc64600, 1);
      rgba (&style->tag_info, 0x5e5c64, 1);
      rgba (&style->tag_text, 0xffffff, 1);
      rgba (&style->selection, 0x3584e4, 0.16);
      rgba (&style->hover, 0x000000, 0.04);
      break;
    }
}

const TvLadderColor *
tv_ladder_style_get_arrow_color (const TvLadderStyle *style,
                                 TvLadderKind         kind)
{
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (kind < TV_LADDER_N_KINDS, NULL);

  return &style->arrow[kind];
}

void
tv_ladder_paint_params_init (TvLadderPaintParams *params)
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
  params->header_y = 0;
  params->scale = 1.0;
}

static void
set_source (cairo_t             *cr,
            const TvLadderColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static void
make_fonts (TvLadderPainter *self,
            FontSet         *set,
            double           size,
            double           small_size,
            double           head_size)
{
  set->font = pango_font_description_new ();
  pango_font_description_set_family (set->font, self->style.font_family);
  pango_font_description_set_absolute_size (set->font, size * PANGO_SCALE);

  set->bold = pango_font_description_copy (set->font);
  pango_font_description_set_weight (set->bold, PANGO_WEIGHT_BOLD);

  set->small_font = pango_font_description_copy (set->font);
  pango_font_description_set_absolute_size (set->small_font, small_size * PANGO_SCALE);

  set->small_bold = pango_font_description_copy (set->small_font);
  pango_font_description_set_weight (set->small_bold, PANGO_WEIGHT_BOLD);

  set->head_font = pango_font_description_copy (set->bold);
  pango_font_description_set_absolute_size (set->head_font, head_size * PANGO_SCALE);

  set->title_font = pango_font_description_copy (set->bold);
  pango_font_description_set_absolute_size (set->title_font, round ((size + small_size) / 2) * PANGO_SCALE);
}

static void
update_fonts (TvLadderPainter *self)
{
  double size = self->style.font_size;

  clear_fonts (self);
  make_fonts (self, &self->sets[0], size, round (size * 0.85), round (size * 1.15));
  /* compact: a little smaller; states and times smallest (state names are
   * never shortened: SYN_RECEIVED must fit a narrow column) */
  make_fonts (self, &self->sets[1], round (size * 0.92), round (size * 0.77), size);
  use_fonts (self, FALSE);
}

TvLadderPainter *
tv_ladder_painter_new (const TvLadderStyle *style)
{
  TvLadderPainter *self = g_new0 (TvLadderPainter, 1);
  cairo_font_options_t *fo;

  if (style != NULL)
    self->style = *style;
  else
    tv_ladder_style_init (&self->style, TV_LADDER_STYLE_LIGHT);

  /* Metrics independent of the device, so that the screen, PNG and PDF
   * lay text out alike. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  fo = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (fo, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, fo);
  cairo_font_options_destroy (fo);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  self->text = pango_layout_new (self->context);
  self->small = pango_layout_new (self->context);
  self->tnum = pango_attr_list_new ();
  pango_attr_list_insert (self->tnum, pango_attr_font_features_new ("tnum 1"));

  update_fonts (self);

  return self;
}

void
tv_ladder_painter_free (TvLadderPainter *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->text);
  g_clear_object (&self->small);
  g_clear_object (&self->context);
  clear_fonts (self);
  g_clear_pointer (&self->tnum, pango_attr_list_unref);
  g_free (self);
}

void
tv_ladder_painter_set_style (TvLadderPainter     *self,
                             const TvLadderStyle *style)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (style != NULL);

  self->style = *style;
  update_fonts (self);
}

const TvLadderStyle *
tv_ladder_painter_get_style (TvLadderPainter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->style;
}

/* Sets text and font on a layout, with no width limit. */
static PangoLayout *
prepare (PangoLayout                *layout,
         const PangoFontDescription *font,
         const char                 *text,
         PangoAttrList              *attrs)
{
  pango_layout_set_font_description (layout, font);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_width (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

static double
measure_text (TvLadderPainter            *self,
              const PangoFontDescription *font,
              const char                 *text,
              double                     *height)
{
  double w;

  prepare (self->text, font, text, NULL);
  text_size (self->text, &w, height);
  return w;
}

void
tv_ladder_painter_measure (TvLadderPainter *self,
                           TvLadderOptions *options)
{
  double h, small_h, bold_h, head_h, w;
  static const char *const states[] = {
    "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "CLOSE_WAIT", "TIME_WAIT",
  };

  g_return_if_fail (self != NULL);
  g_return_if_fail (options != NULL);

  use_fonts (self, FALSE);

  /* the widest label that is not an HTTP or TLS line (those are elided) */
  w = measure_text (self, self->font, "FIN-PSH-ACK seq=4294967295 ack=4294967295 len=65535", &h);
  measure_text (self, self->bold, "GET / HTTP/1.1 SYN", &bold_h);
  options->label_width = ceil (w);
  options->line_height = ceil (MAX (h, bold_h)) + 1;
  options->label_gap = 3;
  options->min_span = MAX (options->min_span, 340);

  options->state_width = 0;
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    options->state_width = MAX (options->state_width,
                                measure_text (self, self->small_bold, states[i], &small_h));
  options->state_width = ceil (options->state_width + 2 * STATE_PAD_X);
  options->state_height = ceil (small_h + 6);

  w = MAX (measure_text (self, self->small_font, "999.999 ms", &small_h),
           measure_text (self, self->small_font, "99.999999 s", &small_h));
  options->time_width = ceil (w + 12);
  {
    /* phase titles are wrapped into a narrow column, word by word */
    const char *words[] = { "Three-way", "handshake", "RTT 99.99 ms", NULL, NULL, NULL, NULL };
    double pw = 0;
    guint n = 3;

    words[n++] = _("Three-way handshake");
    words[n++] = _("Data transfer");
    words[n++] = _("Four-way close");
    for (guint i = 0; i < n; i++)
      {
        g_auto(GStrv) parts = g_strsplit (words[i], " ", -1);

        /* a translation without spaces (Chinese) is measured whole */
        if (i >= 3 && g_strv_length (parts) > 1)
          continue;
        pw = MAX (pw, measure_text (self, self->small_bold, words[i], NULL));
      }
    options->phase_width = ceil (MIN (pw, 8 * self->style.font_size) + 16);
  }

  measure_text (self, self->head_font, "Client", &head_h);
  measure_text (self, self->small_font, "[2001:db8::1]:443", &small_h);
  options->header_height = ceil (head_h + small_h + 18);

  options->arrow_drop = ceil (options->line_height * 1.1);
  options->row_gap = ceil (options->line_height * 0.7);
  options->margin = 16;
}

static guint
n_digits (guint64 v)
{
  guint n = 1;

  while (v >= 10)
    {
      v /= 10;
      n++;
    }
  return n;
}

/* The most digits a sequence or acknowledgement number of @conn shows. */
static guint
conn_digits (const TvLadderOptions *options,
             const TvConn          *conn)
{
  guint digits = 10;

  /* relative numbers stay about as large as the bytes sent: a short
   * connection needs no room for ten digits */
  if (conn != NULL && !options->absolute)
    {
      guint64 most = MAX (tv_conn_bytes (conn, TV_DIR_CLIENT_TO_SERVER),
                          tv_conn_bytes (conn, TV_DIR_SERVER_TO_CLIENT)) + 2;

      if (conn->n_segs > 0)
        {
          const TvSegment *last = &conn->segs[conn->n_segs - 1];

          most = MAX (most, tv_conn_relative_seq (conn, last));
          most = MAX (most, tv_conn_relative_ack (conn, last));
        }
      digits = MIN (10, n_digits (most));
    }

  return digits;
}

void
tv_ladder_painter_measure_for_conn (TvLadderPainter *self,
                                    TvLadderOptions *options,
                                    const TvConn    *conn)
{
  g_autoptr(GString) widest = NULL;
  guint digits;
  double w;

  g_return_if_fail (self != NULL);
  g_return_if_fail (options != NULL);

  tv_ladder_painter_measure (self, options);
  if (conn == NULL)
    return;

  digits = conn_digits (options, conn);
  widest = g_string_new ("FIN-PSH-ACK seq=");
  for (guint i = 0; i < digits; i++)
    g_string_append_c (widest, '9');
  g_string_append (widest, " ack=");
  for (guint i = 0; i < digits; i++)
    g_string_append_c (widest, '9');
  g_string_append (widest, " len=65535");

  w = measure_text (self, self->font, widest->str, NULL);
  options->label_width = ceil (w);
}

static char *
nines (const char *prefix,
       guint       digits,
       const char *suffix)
{
  GString *s = g_string_new (prefix);

  for (guint i = 0; i < digits; i++)
    g_string_append_c (s, '9');
  g_string_append (s, suffix);
  return g_string_free (s, FALSE);
}

/* A phase's title on one line: "Three-way handshake · RTT 0.35 ms". */
static char *
dup_compact_title (const TvLadderPhase *phase)
{
  g_autofree char *title = tv_ladder_phase_dup_title (phase);
  g_auto(GStrv) parts = g_strsplit (title, "\n", -1);

  return g_strjoinv (" · ", parts);
}

gboolean
tv_ladder_painter_measure_for_width (TvLadderPainter *self,
                                     TvLadderOptions *options,
                                     const TvConn    *conn,
                                     double           width)
{
  static const char *const states[] = {
    "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "TIME_WAIT", "LAST_ACK",
  };
  const FontSet *set = &self->sets[1];
  g_autofree char *seq = NULL, *ack = NULL, *numbers = NULL, *seq_ack = NULL, *all = NULL;
  double small_h, h, bold_h, head_h, title_h, state_w = 0;
  double client_x, server_x, avail, lines[4];
  guint digits;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  tv_ladder_painter_measure_for_conn (self, options, conn);
  options->compact = FALSE;
  options->width = 0;
  options->label_split = 0;
  memset (options->title_lines, 0, sizeof options->title_lines);
  if (width <= 0 || width >= tv_ladder_options_get_full_width (options))
    return FALSE;

  options->compact = TRUE;
  options->width = width;
  options->margin = 5;
  options->state_gap = 5;

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    state_w = MAX (state_w, measure_text (self, set->small_bold, states[i], &small_h));
  options->state_width = ceil (state_w + 2 * 4);
  options->state_height = ceil (small_h + 5);
  options->time_height = ceil (small_h);

  measure_text (self, set->font, "SYN seq=0", &h);
  measure_text (self, set->bold, "GET / HTTP/1.1 SYN", &bold_h);
  options->line_height = ceil (MAX (h, bold_h)) + 1;
  options->label_gap = 3;
  options->arrow_drop = ceil (options->line_height * 0.9);
  options->row_gap = ceil (options->line_height * 0.5);

  measure_text (self, set->head_font, "Client", &head_h);
  measure_text (self, set->small_font, "[2001:db8::1]:443", &small_h);
  options->header_height = ceil (head_h + small_h + 14);

  measure_text (self, set->title_font, _("Three-way handshake"), &title_h);
  options->title_line_height = ceil (title_h) + 1;

  /* the labels on as few lines as fit between the lifelines */
  digits = conn_digits (options, conn);
  seq = nines ("seq=", digits, "");
  ack = nines ("ack=", digits, "");
  seq_ack = g_strdup_printf ("%s %s", seq, ack);
  numbers = g_strdup_printf ("%s len=65535", seq_ack);
  all = g_strdup_printf ("FIN-PSH-ACK %s", numbers);
  {
    double flags_w = measure_text (self, set->bold, "FIN-PSH-ACK", NULL);

    lines[0] = measure_text (self, set->font, all, NULL);
    lines[1] = MAX (flags_w, measure_text (self, set->font, numbers, NULL));
    lines[2] = MAX (flags_w, MAX (measure_text (self, set->font, seq_ack, NULL),
                                  measure_text (self, set->font, "len=65535", NULL)));
    lines[3] = MAX (MAX (flags_w, measure_text (self, set->font, seq, NULL)),
                    MAX (measure_text (self, set->font, ack, NULL),
                         measure_text (self, set->font, "len=65535", NULL)));
  }

  client_x = options->margin + 7 + options->state_width + options->state_gap;
  server_x = width - options->state_gap - options->state_width - options->margin;
  avail = server_x - client_x - 2 * 8;
  options->label_split = 3;
  for (guint i = 0; i < 4; i++)
    if (ceil (lines[i]) <= avail)
      {
        options->label_split = i;
        break;
      }
  options->min_span = ceil (lines[options->label_split]) + 2 * 8;

  /* the phase titles, on one line each if they fit between the lifelines;
   * the handshake's with its RTT */
  for (TvLadderPhaseKind kind = TV_LADDER_PHASE_HANDSHAKE; kind <= TV_LADDER_PHASE_RESET; kind++)
    for (TvLadderPhaseVariant variant = 0; variant < TV_LADDER_N_VARIANTS; variant++)
      {
        TvLadderPhase phase = { .kind = kind, .variant = variant,
                                .rtt_ns = kind == TV_LADDER_PHASE_HANDSHAKE ? 99990000 : -1,
                                .syn_delay_ns = kind == TV_LADDER_PHASE_HANDSHAKE && conn != NULL ?
                                                tv_conn_syn_retransmission_delay (conn) : 0 };
        g_autofree char *title = dup_compact_title (&phase);
        g_autofree char *lines_title = tv_ladder_phase_dup_title (&phase);
        guint lines;

        /* on one line if it fits; else the RTT on a line of its own; the
         * most any variant of the kind needs */
        prepare (self->text, set->title_font, title, NULL);
        pango_layout_set_width (self->text, MAX (avail, options->min_span - 2 * 8) * PANGO_SCALE);
        pango_layout_set_wrap (self->text, PANGO_WRAP_WORD_CHAR);
        lines = pango_layout_get_line_count (self->text);
        if (lines > 1)
          {
            pango_layout_set_text (self->text, lines_title, -1);
            lines = MIN (4, pango_layout_get_line_count (self->text));
          }
        options->title_lines[kind] = MAX (options->title_lines[kind], lines);
        pango_layout_set_wrap (self->text, PANGO_WRAP_WORD);
      }

  return TRUE;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
show_at (cairo_t     *cr,
         PangoLayout *layout,
         double       x,
         double       y)
{
  cairo_move_to (cr, x, y);
  /* text stays text in an SVG export */
  tv_render_show_layout (cr, layout);
}

static void
paint_state (TvLadderPainter *self,
             cairo_t         *cr,
             TvLadderLayout  *layout,
             TvDirection      side,
             TvTcpState       state,
             double           y,
             gboolean         text)
{
  const TvLadderOptions *o = tv_ladder_layout_get_options (layout);
  double w = o->state_width, h = o->state_height;
  double lx = side == TV_DIR_CLIENT_TO_SERVER ? tv_ladder_layout_get_client_x (layout)
                                              : tv_ladder_layout_get_server_x (layout);
  double box[4], x;
  double tw, th;

  tv_ladder_layout_get_state_box (layout, side, y, box);
  x = box[0];

  /* a tick from the lifeline to the box */
  set_source (cr, &self->style.state_border);
  cairo_set_line_width (cr, 1);
  if (side == TV_DIR_CLIENT_TO_SERVER)
    {
      cairo_move_to (cr, x + w, y);
      cairo_line_to (cr, lx, y);
    }
  else
    {
      cairo_move_to (cr, lx, y);
      cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);

  rounded_rect (cr, x + 0.5, y - h / 2 + 0.5, w - 1, h - 1, 5);
  set_source (cr, &self->style.state_fill);
  cairo_fill_preserve (cr);
  set_source (cr, &self->style.state_border);
  cairo_stroke (cr);

  if (!text)
    return;

  prepare (self->small, self->small_bold, tv_tcp_state_name (state), NULL);
  text_size (self->small, &tw, &th);
  set_source (cr, &self->style.state_text);
  show_at (cr, self->small, x + (w - tw) / 2, y - th / 2);
}

static const TvLadderColor *
tag_color (TvLadderPainter *self,
           TvAnalysis       bit)
{
  switch (bit)
    {
    case TV_ANALYSIS_RETRANSMISSION:
    case TV_ANALYSIS_FAST_RETRANSMISSION:
    case TV_ANALYSIS_ZERO_WINDOW:
    case TV_ANALYSIS_PREVIOUS_NOT_CAPTURED:
    case TV_ANALYSIS_RESET:
      return &self->style.tag_error;
    case TV_ANALYSIS_SPURIOUS_RETRANSMISSION:
    case TV_ANALYSIS_OUT_OF_ORDER:
    case TV_ANALYSIS_DUPLICATE_ACK:
    case TV_ANALYSIS_WINDOW_FULL:
    case TV_ANALYSIS_ACKED_UNSEEN:
    case TV_ANALYSIS_ZERO_WINDOW_PROBE:
      return &self->style.tag_warning;
    case TV_ANALYSIS_KEEP_ALIVE:
    case TV_ANALYSIS_WINDOW_UPDATE:
    default:
      return &self->style.tag_info;
    }
}

/* Measures (and with @cr, paints from @x) the tags of @analysis on one line
 * whose top is @y; returns their total width with the gaps before each.
 * A tag wider than @max_width alone (a compact layout at 360 px: "Previous
 * segment not captured") is elided to it; the tooltip says it whole. */
static double
paint_tags (TvLadderPainter *self,
            cairo_t         *cr,
            guint            analysis,
            double           x,
            double           y,
            double           line_height,
            double           max_width)
{
  double total = 0;

  for (guint b = 0; b < TV_N_ANALYSIS; b++)
    {
      TvAnalysis bit = 1 << b;
      double tw, th, w, h;

      if (!(analysis & bit))
        continue;

      prepare (self->small, self->small_bold, tv_analysis_label (bit), NULL);
      text_size (self->small, &tw, &th);
      if (tw + 2 * TAG_PAD_X + TAG_GAP > max_width && max_width > 2 * TAG_PAD_X + TAG_GAP)
        {
          pango_layout_set_width (self->small, (max_width - 2 * TAG_PAD_X - TAG_GAP) * PANGO_SCALE);
          pango_layout_set_ellipsize (self->small, PANGO_ELLIPSIZE_END);
          text_size (self->small, &tw, &th);
          tw = MIN (tw, max_width - 2 * TAG_PAD_X - TAG_GAP);
        }
      w = tw + 2 * TAG_PAD_X;
      h = MIN (th + 2, line_height);

      if (cr != NULL)
        {
          double ty = y + (line_height - h) / 2;

          rounded_rect (cr, x + total + TAG_GAP, ty, w, h, h / 2);
          set_source (cr, tag_color (self, bit));
          cairo_fill (cr);
          set_source (cr, &self->style.tag_text);
          show_at (cr, self->small, x + total + TAG_GAP + TAG_PAD_X, ty + (h - th) / 2);
        }
      total += TAG_GAP + w;
    }

  return total;
}

static void
paint_arrow (TvLadderPainter   *self,
             cairo_t           *cr,
             const TvLadderRow *row,
             double             progress,
             gboolean           selected)
{
  double x2 = row->x1 + (row->x2 - row->x1) * progress;
  double y2 = row->y1 + (row->y2 - row->y1) * progress;
  double dx = row->x2 - row->x1, dy = row->y2 - row->y1;
  double len = hypot (dx, dy);
  double ux = dx / len, uy = dy / len;
  double lw = selected ? 2.5 : 1.6;

  set_source (cr, &self->style.arrow[row->kind]);
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* the line stops where the head begins */
  cairo_move_to (cr, row->x1, row->y1);
  cairo_line_to (cr, x2 - ux * (HEAD_LENGTH - 1), y2 - uy * (HEAD_LENGTH - 1));
  cairo_stroke (cr);

  cairo_move_to (cr, x2, y2);
  cairo_line_to (cr, x2 - ux * HEAD_LENGTH - uy * HEAD_WIDTH / 2,
                 y2 - uy * HEAD_LENGTH + ux * HEAD_WIDTH / 2);
  cairo_line_to (cr, x2 - ux * HEAD_LENGTH + uy * HEAD_WIDTH / 2,
                 y2 - uy * HEAD_LENGTH - ux * HEAD_WIDTH / 2);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Paints @label over @row's arrow; with @cr NULL, only measures it.  @box
 * gets what the label covers: x1, y1, x2, y2.  From the bottom up: the
 * flags and numbers, the HTTP/TLS line in bold, the tags.  Lines are
 * @lh high; @label_split as TvLadderOptions.label_split (compact). */
static void
paint_label_text (TvLadderPainter   *self,
                  cairo_t           *cr,
                  const TvLadderLabel *label_in,
                  const TvLadderRow *row,
                  double             lh,
                  guint              label_split,
                  double             box[4])
{
  TvLadderLabel label = *label_in;
  PangoAttrList *attrs;
  PangoAttribute *attr;
  const TvLadderColor *kc = &self->style.arrow[row->kind];
  const char *space;
  double tw, th, x, line_top;
  double bx1, by1, bx2, by2;
  guint analysis = label.analysis;

  /* compact: the flags and numbers on more lines, where the layout made
   * room for them (a space becomes a line break: the same bytes) */
  if (row->n_number_lines > 1)
    {
      gboolean first = TRUE;

      /* 1: "FLAGS" / "seq= ack= len="; 2: "FLAGS" / "seq= ack=" / "len=";
       * 3: one a line */
      for (char *p = label.text; *p != '\0'; p++)
        if (*p == ' ')
          {
            if (first || label_split >= 3 ||
                (label_split == 2 && g_str_has_prefix (p + 1, "len=")))
              *p = '\n';
            first = FALSE;
          }
    }

  /* the flags in bold, in the arrow's colour; the numbers in the text colour */
  attrs = pango_attr_list_new ();
  space = strpbrk (label.text, " \n");
  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = 0;
  attr->end_index = space ? (guint) (space - label.text) : strlen (label.text);
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_foreground_new (kc->red * 65535, kc->green * 65535, kc->blue * 65535);
  attr->start_index = 0;
  attr->end_index = space ? (guint) (space - label.text) : strlen (label.text);
  pango_attr_list_insert (attrs, attr);

  line_top = row->label_bottom - row->n_number_lines * lh;
  prepare (self->text, self->font, label.text, attrs);
  pango_attr_list_unref (attrs);
  if (row->n_number_lines > 1)
    pango_layout_set_alignment (self->text, PANGO_ALIGN_CENTER);
  text_size (self->text, &tw, &th);
  if (tw > row->label_max_width)
    {
      pango_layout_set_width (self->text, row->label_max_width * PANGO_SCALE);
      pango_layout_set_ellipsize (self->text, PANGO_ELLIPSIZE_END);
      tw = row->label_max_width;
    }
  x = row->label_x - tw / 2;
  bx1 = x;
  bx2 = x + tw;
  by1 = line_top + (row->n_number_lines * lh - th) / 2;
  by2 = by1 + th;
  if (cr != NULL)
    {
      set_source (cr, &self->style.text);
      show_at (cr, self->text, x, by1);
    }

  if (label.app != NULL)
    {
      line_top -= lh;
      prepare (self->text, self->bold, label.app, NULL);
      text_size (self->text, &tw, &th);
      if (tw > row->label_max_width)
        {
          pango_layout_set_width (self->text, row->label_max_width * PANGO_SCALE);
          pango_layout_set_ellipsize (self->text, PANGO_ELLIPSIZE_END);
          tw = row->label_max_width;
        }
      bx1 = MIN (bx1, row->label_x - tw / 2);
      bx2 = MAX (bx2, row->label_x + tw / 2);
      by1 = line_top + (lh - th) / 2;
      if (cr != NULL)
        {
          set_source (cr, &self->style.text);
          show_at (cr, self->text, row->label_x - tw / 2, by1);
        }
    }

  if (analysis != 0)
    {
      double tags_w;

      line_top -= lh;
      tags_w = paint_tags (self, NULL, analysis, 0, 0, lh, row->label_max_width);
      /* many tags: the last ones give way (the tooltip lists them all) */
      while (tags_w > row->label_max_width && (analysis & (analysis - 1)) != 0)
        {
          analysis &= ~(1u << g_bit_nth_msf (analysis, -1));
          tags_w = paint_tags (self, NULL, analysis, 0, 0, lh, row->label_max_width);
        }
      /* centred: paint_tags puts a gap before each tag */
      x = row->label_x - (tags_w + TAG_GAP) / 2;
      bx1 = MIN (bx1, x + TAG_GAP);
      bx2 = MAX (bx2, x + tags_w);
      by1 = line_top;
      if (cr != NULL)
        paint_tags (self, cr, analysis, x, line_top, lh, row->label_max_width);
    }

  if (box != NULL)
    {
      box[0] = bx1;
      box[1] = by1;
      box[2] = bx2;
      box[3] = by2;
    }
}

static void
paint_label (TvLadderPainter   *self,
             cairo_t           *cr,
             TvLadderLayout    *layout,
             const TvLadderRow *row,
             double             box[4])
{
  const TvLadderOptions *o = tv_ladder_layout_get_options (layout);
  TvLadderLabel label;

  tv_ladder_layout_get_label (layout, row->index, &label);
  paint_label_text (self, cr, &label, row, o->line_height, o->label_split, box);
}

void
tv_ladder_painter_get_label_extents (TvLadderPainter *self,
                                     TvLadderLayout  *layout,
                                     guint            row,
                                     double          *x,
                                     double          *y,
                                     double          *width,
                                     double          *height)
{
  TvLadderRow r;
  double box[4];

  g_return_if_fail (self != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (row < tv_ladder_layout_get_n_rows (layout));

  tv_ladder_layout_get_row (layout, row, &r);
  use_fonts (self, tv_ladder_layout_get_options (layout)->compact);
  paint_label (self, NULL, layout, &r, box);
  if (x)
    *x = box[0];
  if (y)
    *y = box[1];
  if (width)
    *width = box[2] - box[0];
  if (height)
    *height = box[3] - box[1];
}

static const TvLadderColor *
phase_color (TvLadderPainter   *self,
             TvLadderPhaseKind  kind)
{
  switch (kind)
    {
    case TV_LADDER_PHASE_HANDSHAKE:
      return &self->style.arrow[TV_LADDER_KIND_HANDSHAKE];
    case TV_LADDER_PHASE_DATA:
      return &self->style.arrow[TV_LADDER_KIND_DATA];
    case TV_LADDER_PHASE_CLOSE:
      return &self->style.arrow[TV_LADDER_KIND_CLOSE];
    case TV_LADDER_PHASE_RESET:
    default:
      return &self->style.arrow[TV_LADDER_KIND_RESET];
    }
}

/* Compact: a thin line down the left edge for each phase, its title above
 * its first row, between the lifelines, where the layout made room. */
/* Phase @i as far as playback shows it (@visible_rows rows, or all with
 * -1): FALSE when none of its rows is shown yet; a phase cut short ends at
 * its last shown row and has no RTT yet. */
static gboolean
get_shown_phase (TvLadderLayout *layout,
                 guint           i,
                 int             visible_rows,
                 TvLadderPhase  *phase)
{
  const TvLadderOptions *o = tv_ladder_layout_get_options (layout);

  tv_ladder_layout_get_phase (layout, i, phase);
  if (visible_rows >= 0 && phase->first_row >= (guint) visible_rows)
    return FALSE;
  if (visible_rows >= 0 && phase->last_row >= (guint) visible_rows)
    {
      phase->last_row = visible_rows - 1;
      phase->y2 = tv_ladder_layout_get_row_y (layout, phase->last_row) + o->arrow_drop;
      phase->rtt_ns = -1;
    }
  return TRUE;
}

static void
paint_phases_compact (TvLadderPainter *self,
                      cairo_t         *cr,
                      TvLadderLayout  *layout,
                      double           y1,
                      double           y2,
                      int              visible_rows,
                      gboolean         text)
{
  const TvLadderOptions *o = tv_ladder_layout_get_options (layout);
  guint n = tv_ladder_layout_get_n_phases (layout);
  double bx = tv_ladder_layout_get_phase_x (layout);
  double cx = tv_ladder_layout_get_client_x (layout);
  double sx = tv_ladder_layout_get_server_x (layout);

  for (guint i = 0; i < n; i++)
    {
      TvLadderPhase phase;
      const TvLadderColor *c;
      g_autofree char *title = NULL;
      double top, bottom, tw, th;
      guint lines;

      if (!get_shown_phase (layout, i, visible_rows, &phase))
        continue;
      top = phase.title_y + 2;
      bottom = phase.y2 - 1;
      if (bottom < y1 || top > y2)
        continue;

      c = phase_color (self, phase.kind);
      set_source (cr, c);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, bx + 4, top);
      cairo_line_to (cr, bx, top);
      cairo_line_to (cr, bx, MIN (bottom, y2 + 10));
      if (bottom <= y2 + 10)
        cairo_line_to (cr, bx + 4, bottom);
      cairo_stroke (cr);

      if (!text || phase.title_y + o->title_line_height * 2 + 4 < y1)
        continue;

      /* as measure_for_width() found it fits: one line, or the RTT on a
       * line of its own */
      lines = MAX (1, o->title_lines[phase.kind]);
      title = lines == 1 ? dup_compact_title (&phase) : tv_ladder_phase_dup_title (&phase);
      prepare (self->small, self->title_font, title, NULL);
      pango_layout_set_alignment (self->small, PANGO_ALIGN_CENTER);
      pango_layout_set_width (self->small, (sx - cx - 2 * 8) * PANGO_SCALE);
      pango_layout_set_wrap (self->small, PANGO_WRAP_WORD_CHAR);
      if (strchr (title, '\n') == NULL)
        {
          /* never more lines than the layout made room for */
          pango_layout_set_ellipsize (self->small, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (self->small, -(int) lines);
        }
      text_size (self->small, &tw, &th);
      show_at (cr, self->small, cx + 8, phase.title_y + 2);
      pango_layout_set_height (self->small, -1);
      pango_layout_set_wrap (self->small, PANGO_WRAP_WORD);
    }
}

static void
paint_phases (TvLadderPainter *self,
              cairo_t         *cr,
              TvLadderLayout  *layout,
              double           y1,
              double           y2,
              int              visible_rows,
              gboolean         text)
{
  const TvLadderOptions *o = tv_ladder_layout_get_options (layout);
  guint n = tv_ladder_layout_get_n_phases (layout);
  double px = tv_ladder_layout_get_phase_x (layout);
  double bx = px + o->phase_width - 4;  /* the bracket's spine */

  if (o->compact)
    {
      paint_phases_compact (self, cr, layout, y1, y2, visible_rows, text);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      TvLadderPhase phase;
      const TvLadderColor *c;
      g_autofree char *title = NULL;
      double tw, th, top, bottom;

      if (!get_shown_phase (layout, i, visible_rows, &phase))
        continue;
      top = phase.y1 + 1;
      bottom = phase.y2 - 1;
      if (bottom < y1 || top > y2)
        continue;

      switch (phase.kind)
        {
        case TV_LADDER_PHASE_HANDSHAKE:
          c = &self->style.arrow[TV_LADDER_KIND_HANDSHAKE];
          break;
        case TV_LADDER_PHASE_DATA:
          c = &self->style.arrow[TV_LADDER_KIND_DATA];
          break;
        case TV_LADDER_PHASE_CLOSE:
          c = &self->style.arrow[TV_LADDER_KIND_CLOSE];
          break;
        case TV_LADDER_PHASE_RESET:
        default:
          c = &self->style.arrow[TV_LADDER_KIND_RESET];
          break;
        }

      set_source (cr, c);
      cairo_set_line_width (cr, 2);
      /* cairo's fixed point numbers do not reach a million rows away:
       * only the part in view is drawn */
      if (top >= y1 - 10)
        {
          cairo_move_to (cr, bx + 6, top);
          cairo_line_to (cr, bx, top);
        }
      else
        cairo_move_to (cr, bx, y1 - 10);
      if (bottom <= y2 + 10)
        {
          cairo_line_to (cr, bx, bottom);
          cairo_line_to (cr, bx + 6, bottom);
        }
      else
        cairo_line_to (cr, bx, y2 + 10);
      cairo_stroke (cr);

      if (!text)
        continue;

      /* the title, left of the bracket, wrapped into its column; it stays
       * in view while a long bracket scrolls by */
      title = tv_ladder_phase_dup_title (&phase);
      prepare (self->small, self->small_bold, title, NULL);
      pango_layout_set_width (self->small, (bx - 6 - px) * PANGO_SCALE);
      pango_layout_set_wrap (self->small, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (self->small, PANGO_ALIGN_RIGHT);
      text_size (self->small, &tw, &th);
      {
        double ty = MAX (top, y1 + 4);

        ty = MIN (ty, bottom - th);
        ty = MAX (ty, top);
        set_source (cr, c);
        show_at (cr, self->small, px, ty);
      }
      pango_layout_set_wrap (self->small, PANGO_WRAP_WORD);
    }
}

static void
paint_break (TvLadderPainter   *self,
             cairo_t           *cr,
             TvLadderLayout    *layout,
             const TvLadderRow *row,
             gboolean           text)
{
  const TvLadderOptions *o = tv_ladder_layout_get_options (layout);
  double prev_y = tv_ladder_layout_get_row_y (layout, row->index - 1) + o->arrow_drop;
  double my = (prev_y + row->top) / 2;
  double xs[3] = {
    tv_ladder_layout_get_time_x (layout),
    tv_ladder_layout_get_client_x (layout),
    tv_ladder_layout_get_server_x (layout),
  };

  /* a gap in the lifelines, with two slanted strokes: "time cut here";
   * compact: no time axis */
  for (guint i = o->compact ? 1 : 0; i < G_N_ELEMENTS (xs); i++)
    {
      cairo_rectangle (cr, xs[i] - 6, my - 5, 12, 10);
      set_source (cr, &self->style.background);
      cairo_fill (cr);
      set_source (cr, i == 0 ? &self->style.axis : &self->style.lifeline);
      cairo_set_line_width (cr, 1.2);
      cairo_move_to (cr, xs[i] - 7, my - 1);
      cairo_line_to (cr, xs[i] + 7, my - 6);
      cairo_move_to (cr, xs[i] - 7, my + 6);
      cairo_line_to (cr, xs[i] + 7, my + 1);
      cairo_stroke (cr);
    }

  if (text)
    {
      char buf[48], t[32];
      double tw, th;

      tv_ladder_format_tick (row->gap_ns, row->gap_ns >= 1000000000 ? 1000000 : 1000, t, sizeof t);
      g_snprintf (buf, sizeof buf, "+%s", t);
      prepare (self->small, self->small_font, buf, self->tnum);
      text_size (self->small, &tw, &th);
      set_source (cr, &self->style.dim_text);
      show_at (cr, self->small, (xs[1] + xs[2]) / 2 - tw / 2, my - th / 2);
    }
}

static void
paint_time_axis (TvLadderPainter *self,
                 cairo_t         *cr,
                 TvLadderLayout  *layout,
                 guint            first,
                 guint            last,
                 gboolean         have_rows,
                 double           y1,
                 double           y2,
                 gboolean         text)
{
  const TvLadderOptions *o = tv_ladder_layout_get_options (layout);
  double ax = tv_ladder_layout_get_time_x (layout);
  double top = MAX (y1, tv_ladder_layout_get_header_bottom (layout));
  double bottom = MIN (y2, tv_ladder_layout_get_height (layout) - o->margin);
  char buf[32];

  if (bottom <= top)
    return;

  if (o->compact)
    {
      /* each row's time, beside the client's lifeline above the arrow */
      if (!have_rows || !text)
        return;
      for (guint i = first; i <= last; i++)
        {
          TvLadderRow row;
          double tw, th;

          tv_ladder_layout_get_row (layout, i, &row);
          tv_ladder_format_time (tv_ladder_layout_get_row_time (layout, i), buf, sizeof buf);
          prepare (self->small, self->small_font, buf, self->tnum);
          text_size (self->small, &tw, &th);
          set_source (cr, &self->style.dim_text);
          show_at (cr, self->small, row.time_x2 - MIN (tw, row.time_x2 - row.time_x1), row.time_bottom - th);
        }
      return;
    }

  set_source (cr, &self->style.axis);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, ax + 0.5, top);
  cairo_line_to (cr, ax + 0.5, bottom);
  cairo_stroke (cr);

  if (!have_rows)
    return;

  if (o->spacing == TV_LADDER_SPACING_EVEN)
    {
      /* even rows: the time of each row, at its arrow */
      for (guint i = first; i <= last; i++)
        {
          double y = tv_ladder_layout_get_row_y (layout, i);
          double tw, th;

          set_source (cr, &self->style.axis);
          cairo_move_to (cr, ax - 4, y + 0.5);
          cairo_line_to (cr, ax + 1, y + 0.5);
          cairo_stroke (cr);
          if (!text)
            continue;

          tv_ladder_format_time (tv_ladder_layout_get_row_time (layout, i), buf, sizeof buf);
          prepare (self->small, self->small_font, buf, self->tnum);
          text_size (self->small, &tw, &th);
          set_source (cr, &self->style.dim_text);
          show_at (cr, self->small, ax - 7 - tw, y - th / 2);
        }
    }
  else
    {
      /* time spacing: ticks at round times, between the visible rows;
       * none inside a broken gap.  One run of ticks per section between
       * broken gaps (a long gap used to use up the ticks, and the rows
       * after it went without a time), and the first row after a break
       * labelled with its own time, where the time starts again. */
      gint64 step = tv_ladder_layout_get_tick_step (layout, 3 * o->line_height);
      guint n = tv_ladder_layout_get_n_rows (layout);
      guint s = first > 0 ? first - 1 : 0;
      guint b = MIN (last + 1, n - 1);
      double last_y = -G_MAXDOUBLE;

      while (s <= b)
        {
          guint e = s;
          gint64 t, t_end;
          guint count = 0;

          while (e < b)
            {
              TvLadderRow next;

              tv_ladder_layout_get_row (layout, e + 1, &next);
              if (next.gap_broken)
                break;
              e++;
            }

          t = (tv_ladder_layout_get_row_time (layout, s) / step) * step;
          t_end = tv_ladder_layout_get_row_time (layout, e);
          for (; t <= t_end && count < 400; t += step, count++)
            {
              double y = tv_ladder_layout_time_to_y (layout, t);
              double tw, th;

              if (y < 0 || y < top - 20 || y > bottom + 20 || y - last_y < 1.5 * o->line_height)
                continue;
              last_y = y;

              set_source (cr, &self->style.axis);
              cairo_move_to (cr, ax - 5, y + 0.5);
              cairo_line_to (cr, ax + 1, y + 0.5);
              cairo_stroke (cr);
              if (!text)
                continue;

              tv_ladder_format_tick (t, step, buf, sizeof buf);
              prepare (self->small, self->small_font, buf, self->tnum);
              text_size (self->small, &tw, &th);
              set_source (cr, &self->style.dim_text);
              show_at (cr, self->small, ax - 8 - tw, y - th / 2);
            }

          s = e + 1;
          if (s <= b)
            {
              /* the row after the break: its time, as even spacing shows it */
              double y = tv_ladder_layout_get_row_y (layout, s);
              double tw, th;

              if (y >= top - 20 && y <= bottom + 20)
                {
                  set_source (cr, &self->style.axis);
                  cairo_move_to (cr, ax - 5, y + 0.5);
                  cairo_line_to (cr, ax + 1, y + 0.5);
                  cairo_stroke (cr);
                  if (text)
                    {
                      tv_ladder_format_time (tv_ladder_layout_get_row_time (layout, s), buf, sizeof buf);
                      prepare (self->small, self->small_font, buf, self->tnum);
                      text_size (self->small, &tw, &th);
                      set_source (cr, &self->style.dim_text);
                      show_at (cr, self->small, ax - 8 - tw, y - th / 2);
                    }
                  last_y = y;
                }
            }
        }
    }
}

void
tv_ladder_painter_paint_header (TvLadderPainter *self,
                                cairo_t         *cr,
                                TvLadderLayout  *layout,
                                double           x,
                                double           y,
                                double           width)
{
  const TvLadderOptions *o;
  TvConn *conn;
  const TvEndpoint *eps[2];
  const char *roles[2];
  double xs[2];
  double hb;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  o = tv_ladder_layout_get_options (layout);
  conn = tv_ladder_layout_get_conn (layout);
  hb = tv_ladder_layout_get_header_bottom (layout) - o->margin;

  pango_cairo_update_context (cr, self->context);
  pango_layout_context_changed (self->text);
  pango_layout_context_changed (self->small);
  use_fonts (self, o->compact);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, hb + o->margin);
  set_source (cr, &self->style.background);
  cairo_fill (cr);
  if (self->style.kind != TV_LADDER_STYLE_PRINT)
    {
      cairo_rectangle (cr, x, y, width, hb + o->margin - 2);
      set_source (cr, &self->style.header_fill);
      cairo_fill (cr);
    }

  eps[0] = &conn->client;
  eps[1] = &conn->server;
  roles[0] = _("Client");
  roles[1] = _("Server");
  xs[0] = tv_ladder_layout_get_client_x (layout);
  xs[1] = tv_ladder_layout_get_server_x (layout);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *addr = tv_endpoint_to_string (eps[i]);
      double tw, th, aw, ah, bw;
      double top = y + 8, bottom = y + hb + o->margin - 6;

      prepare (self->text, self->head_font, roles[i], NULL);
      text_size (self->text, &tw, &th);
      prepare (self->small, self->small_font, addr, self->tnum);
      text_size (self->small, &aw, &ah);

      /* a box for each end, as sequence diagrams draw their participants */
      bw = MAX (tw, aw) + 28;
      if (o->compact)
        {
          /* as wide as fits beside the other end's box and the margin */
          double most = MIN (xs[1] - xs[0] - 6, 2 * (xs[0] - o->margin));

          bw = MAX (tw, aw) + 16;
          if (bw > most)
            {
              pango_layout_set_width (self->small, (most - 12) * PANGO_SCALE);
              pango_layout_set_ellipsize (self->small, PANGO_ELLIPSIZE_MIDDLE);
              text_size (self->small, &aw, &ah);
              bw = most;
            }
        }
      rounded_rect (cr, xs[i] - bw / 2 + 0.5, top + 0.5, bw - 1, bottom - top - 1, 6);
      set_source (cr, &self->style.background);
      cairo_fill_preserve (cr);
      set_source (cr, &self->style.lifeline);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, xs[i], bottom);
      cairo_line_to (cr, xs[i], y + hb + o->margin);
      cairo_stroke (cr);

      {
        double ty = top + (bottom - top - th - ah - 1) / 2;

        set_source (cr, &self->style.text);
        show_at (cr, self->text, xs[i] - tw / 2, ty);
        set_source (cr, &self->style.dim_text);
        show_at (cr, self->small, xs[i] - aw / 2, ty + th + 1);
      }
    }

  /* the time axis' title */
  if (!o->compact)
  {
    double tw, th;

    prepare (self->small, self->small_bold, _("Time"), NULL);
    text_size (self->small, &tw, &th);
    set_source (cr, &self->style.dim_text);
    show_at (cr, self->small, tv_ladder_layout_get_time_x (layout) - tw - 4,
             y + hb + o->margin - 8 - th);
  }

  cairo_restore (cr);
}

void
tv_ladder_painter_paint (TvLadderPainter           *self,
                         cairo_t                   *cr,
                         TvLadderLayout            *layout,
                         const TvLadderPaintParams *params)
{
  TvLadderPaintParams defaults;
  const TvLadderOptions *o;
  double cx, cy, cw, ch;
  double y1, y2, hb, height, lx[2];
  guint first = 0, last = 0;
  gboolean have_rows, text;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  if (params == NULL)
    {
      tv_ladder_paint_params_init (&defaults);
      params = &defaults;
    }

  o = tv_ladder_layout_get_options (layout);
  height = tv_ladder_layout_get_height (layout);
  hb = tv_ladder_layout_get_header_bottom (layout);

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
      cw = tv_ladder_layout_get_width (layout);
      ch = height;
    }
  y1 = cy;
  y2 = cy + ch;
  text = params->scale >= TEXT_MIN_SCALE;
  use_fonts (self, o->compact);

  pango_cairo_update_context (cr, self->context);
  pango_layout_context_changed (self->text);
  pango_layout_context_changed (self->small);

  cairo_save (cr);
  cairo_rectangle (cr, cx, cy, cw, ch);
  cairo_clip (cr);

  if (params->draw_background)
    {
      set_source (cr, &self->style.background);
      cairo_paint (cr);
    }

  have_rows = tv_ladder_layout_find_rows (layout, y1, y2, &first, &last);
  if (have_rows && params->visible_rows >= 0)
    {
      if ((guint) params->visible_rows <= first)
        have_rows = FALSE;
      else
        last = MIN (last, (guint) params->visible_rows - 1);
    }

  /* phase brackets and the time axis, left */
  /* under a sticky header, titles move below it */
  paint_phases (self, cr, layout,
                params->draw_header ? MAX (y1, params->header_y + hb - o->margin) : y1,
                y2, params->visible_rows, text);
  paint_time_axis (self, cr, layout, first, last, have_rows, y1, y2, text);

  /* lifelines */
  lx[0] = tv_ladder_layout_get_client_x (layout);
  lx[1] = tv_ladder_layout_get_server_x (layout);
  set_source (cr, &self->style.lifeline);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < 2; i++)
    {
      double top = MAX (y1, hb - 6);
      double bottom = MIN (y2, height - o->margin);

      if (bottom > top)
        {
          cairo_move_to (cr, lx[i], top);
          cairo_line_to (cr, lx[i], bottom);
        }
    }
  cairo_stroke (cr);

  /* the states before the first segment */
  {
    double sy = tv_ladder_layout_get_initial_state_y (layout);

    if (sy + o->state_height > y1 && sy - o->state_height < y2)
      for (TvDirection side = TV_DIR_CLIENT_TO_SERVER; side <= TV_DIR_SERVER_TO_CLIENT; side++)
        {
          TvTcpState st = tv_ladder_layout_get_initial_state (layout, side);

          if (st != TV_TCP_STATE_UNKNOWN)
            paint_state (self, cr, layout, side, st, sy, text);
        }
  }

  if (have_rows)
    {
      for (guint i = first; i <= last; i++)
        {
          TvLadderRow row;
          double progress;

          tv_ladder_layout_get_row (layout, i, &row);

          if (params->progress_func != NULL)
            progress = params->progress_func (i, params->progress_data);
          else if ((int) i == params->progress_row)
            progress = params->progress;
          else
            progress = 1.0;
          progress = CLAMP (progress, 0.0, 1.0);

          if (row.gap_broken)
            paint_break (self, cr, layout, &row, text);

          if ((int) i == params->selected_row || (int) i == params->hover_row)
            {
              double pad = 6;

              rounded_rect (cr, lx[0] - pad, row.top - 3, lx[1] - lx[0] + 2 * pad,
                            row.bottom - row.top + 7, 6);
              set_source (cr, (int) i == params->selected_row ? &self->style.selection
                                                              : &self->style.hover);
              cairo_fill (cr);
            }

          if (progress <= 0)
            continue;

          paint_arrow (self, cr, &row, progress, (int) i == params->selected_row);
          if (text)
            paint_label (self, cr, layout, &row, NULL);

          /* a state changes when the segment leaves its sender, or when it
           * reaches its receiver */
          if (row.client_state_changed &&
              (row.seg->dir == TV_DIR_CLIENT_TO_SERVER || progress >= 1))
            paint_state (self, cr, layout, TV_DIR_CLIENT_TO_SERVER, row.client_state,
                         row.client_state_y, text);
          if (row.server_state_changed &&
              (row.seg->dir == TV_DIR_SERVER_TO_CLIENT || progress >= 1))
            paint_state (self, cr, layout, TV_DIR_SERVER_TO_CLIENT, row.server_state,
                         row.server_state_y, text);
        }
    }

  if (params->draw_header && params->header_y < y2 && params->header_y + hb > y1)
    tv_ladder_painter_paint_header (self, cr, layout, cx, params->header_y, cw);

  cairo_restore (cr);
}

/* For the other views that draw segments as the ladder does
 * (tv-ladder-painter-private.h). */

void
tv_ladder_painter_begin (TvLadderPainter *self,
                         cairo_t         *cr)
{
  g_return_if_fail (self != NULL);

  use_fonts (self, FALSE);
  if (cr != NULL)
    pango_cairo_update_context (cr, self->context);
  pango_layout_context_changed (self->text);
  pango_layout_context_changed (self->small);
}

void
tv_ladder_painter_paint_arrow_row (TvLadderPainter   *self,
                                   cairo_t           *cr,
                                   const TvLadderRow *row,
                                   double             progress,
                                   gboolean           selected)
{
  g_return_if_fail (self != NULL && cr != NULL && row != NULL);

  paint_arrow (self, cr, row, CLAMP (progress, 0.0, 1.0), selected);
}

void
tv_ladder_painter_paint_label_row (TvLadderPainter   *self,
                                   cairo_t           *cr,
                                   const TvLadderRow *row,
                                   const TvLadderLabel *label,
                                   double             line_height,
                                   double             box[4])
{
  g_return_if_fail (self != NULL && row != NULL && label != NULL);

  paint_label_text (self, cr, label, row, line_height, 0, box);
}

PangoLayout *
tv_ladder_painter_prepare_text (TvLadderPainter *self,
                                TvLadderFont     font,
                                const char      *text,
                                gboolean         tabular)
{
  const PangoFontDescription *desc;
  gboolean small = FALSE;

  g_return_val_if_fail (self != NULL && text != NULL, NULL);

  switch (font)
    {
    case TV_LADDER_FONT_BOLD:
      desc = self->bold;
      break;
    case TV_LADDER_FONT_SMALL:
      desc = self->small_font;
      small = TRUE;
      break;
    case TV_LADDER_FONT_SMALL_BOLD:
      desc = self->small_bold;
      small = TRUE;
      break;
    case TV_LADDER_FONT_HEAD:
      desc = self->head_font;
      break;
    case TV_LADDER_FONT_TEXT:
    default:
      desc = self->font;
      break;
    }

  return prepare (small ? self->small : self->text, desc, text, tabular ? self->tnum : NULL);
}

void
tv_ladder_painter_text_size (PangoLayout *layout,
                             double      *width,
                             double      *height)
{
  text_size (layout, width, height);
}

void
tv_ladder_painter_show_text (cairo_t             *cr,
                             PangoLayout         *layout,
                             const TvLadderColor *color,
                             double               x,
                             double               y)
{
  set_source (cr, color);
  show_at (cr, layout, x, y);
}

void
tv_ladder_painter_rounded_rect (cairo_t *cr,
                                double   x,
                                double   y,
                                double   width,
                                double   height,
                                double   radius)
{
  rounded_rect (cr, x, y, width, height, radius);
}
