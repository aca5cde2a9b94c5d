/* tv-svg-writer.c: a cairo SVG surface whose text is written as <text>.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-svg-writer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "tv-svg-writer.h"

/* cairo's document ends "</g>\n</svg>\n": the last bytes are held back so
 * that the text goes in before "</svg>" without keeping the document. */
#define KEEP 64

struct _TvSvgWriter {
  cairo_write_func_t write_func;
  void              *closure;
  cairo_surface_t   *surface;
  unsigned char      tail[KEEP];
  gsize              tail_len;
  cairo_status_t     status;
  GString           *text;       /* the <text> elements */
  char              *family;     /* the family most text uses, on the group */
  guint              n_texts;
  gboolean           finished;
};

static cairo_user_data_key_t writer_key;

static cairo_status_t
pass_on (TvSvgWriter         *self,
         const unsigned char *data,
         gsize                length)
{
  /* cairo_write_func_t takes an unsigned int */
  while (length > 0 && self->status == CAIRO_STATUS_SUCCESS)
    {
      unsigned int n = (unsigned int) MIN (length, G_MAXUINT / 2);

      self->status = self->write_func (self->closure, data, n);
      data += n;
      length -= n;
    }
  return self->status;
}

static cairo_status_t
held_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  TvSvgWriter *self = closure;
  gsize total = self->tail_len + length, out, from_tail, from_data;

  if (total <= KEEP)
    {
      memcpy (self->tail + self->tail_len, data, length);
      self->tail_len = total;
      return CAIRO_STATUS_SUCCESS;
    }

  out = total - KEEP;
  from_tail = MIN (out, self->tail_len);
  if (pass_on (self, self->tail, from_tail) != CAIRO_STATUS_SUCCESS)
    return self->status;
  memmove (self->tail, self->tail + from_tail, self->tail_len - from_tail);
  self->tail_len -= from_tail;
  from_data = out - from_tail;
  if (pass_on (self, data, from_data) != CAIRO_STATUS_SUCCESS)
    return self->status;
  memcpy (self->tail + self->tail_len, data + from_data, length - from_data);
  self->tail_len += length - from_data;

  return CAIRO_STATUS_SUCCESS;
}

TvSvgWriter *
tv_svg_writer_new (cairo_write_func_t  write_func,
                   void               *closure,
                   double              width,
                   double              height)
{
  TvSvgWriter *self;

  g_return_val_if_fail (write_func != NULL, NULL);

  self = g_new0 (TvSvgWriter, 1);
  self->write_func = write_func;
  self->closure = closure;
  self->text = g_string_new (NULL);
  self->surface = cairo_svg_surface_create_for_stream (held_write, self, width, height);
  cairo_svg_surface_restrict_to_version (self->surface, CAIRO_SVG_VERSION_1_1);
  /* one layout unit is one pixel on the screen */
  cairo_svg_surface_set_document_unit (self->surface, CAIRO_SVG_UNIT_PX);
  cairo_surface_set_user_data (self->surface, &writer_key, self, NULL);

  return self;
}

cairo_surface_t *
tv_svg_writer_get_surface (TvSvgWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->surface;
}

guint
tv_svg_writer_get_n_texts (TvSvgWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_texts;
}

static void
put_number (GString *s,
            double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  /* two decimals, the locale's decimal point never */
  g_ascii_formatd (buf, sizeof buf, "%.2f", fabs (v) < 0.005 ? 0.0 : v);
  end = buf + strlen (buf);
  while (end > buf && end[-1] == '0')
    *--end = '\0';
  if (end > buf && end[-1] == '.')
    *--end = '\0';
  g_string_append (s, buf);
}

static void
put_family (GString    *s,
            const char *family)
{
  g_autofree char *escaped = g_markup_escape_text (family, -1);

  g_string_append_printf (s, "'%s', sans-serif", escaped);
}

cairo_status_t
tv_svg_writer_finish (TvSvgWriter *self)
{
  const char *end;
  gsize at;

  g_return_val_if_fail (self != NULL, CAIRO_STATUS_NULL_POINTER);

  if (self->finished)
    return self->status;
  self->finished = TRUE;

  cairo_surface_finish (self->surface);
  if (self->status == CAIRO_STATUS_SUCCESS)
    self->status = cairo_surface_status (self->surface);
  if (self->status != CAIRO_STATUS_SUCCESS)
    return self->status;

  end = g_strstr_len ((const char *) self->tail, self->tail_len, "</svg>");
  at = end != NULL ? (gsize) (end - (const char *) self->tail) : self->tail_len;
  if (pass_on (self, self->tail, at) != CAIRO_STATUS_SUCCESS)
    return self->status;

  if (self->text->len > 0)
    {
      GString *head = g_string_new ("<g id=\"text\"");

      if (self->family != NULL)
        {
          g_string_append (head, " font-family=\"");
          put_family (head, self->family);
          g_string_append_c (head, '"');
        }
      g_string_append (head, ">\n");
      pass_on (self, (const unsigned char *) head->str, head->len);
      pass_on (self, (const unsigned char *) self->text->str, self->text->len);
      pass_on (self, (const unsigned char *) "</g>\n", 5);
      g_string_free (head, TRUE);
    }
  pass_on (self, self->tail + at, self->tail_len - at);

  return self->status;
}

void
tv_svg_writer_free (TvSvgWriter *self)
{
  if (self == NULL)
    return;

  cairo_surface_set_user_data (self->surface, &writer_key, NULL, NULL);
  cairo_surface_destroy (self->surface);
  g_string_free (self->text, TRUE);
  g_free (self->family);
  g_free (self);
}

/* The colour of a run: its foreground attribute, else cairo's source. */
static void
run_colour (PangoItem *item,
            double     source[4],
            double     out[4])
{
  memcpy (out, source, 4 * sizeof (double));
  for (GSList *l = item->analysis.extra_attrs; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_FOREGROUND)
        {
          PangoColor *c = &((PangoAttrColor *) attr)->color;

          out[0] = c->red / 65535.0;
          out[1] = c->green / 65535.0;
          out[2] = c->blue / 65535.0;
          /* as pango's cairo renderer: a colour of its own is opaque */
          out[3] = 1.0;
        }
    }
  for (GSList *l = item->analysis.extra_attrs; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_FOREGROUND_ALPHA)
        out[3] = ((PangoAttrInt *) attr)->value / 65535.0;
    }
}

static gboolean
run_has_feature (PangoItem  *item,
                 const char *feature)
{
  for (GSList *l = item->analysis.extra_attrs; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_FONT_FEATURES &&
          strstr (((PangoAttrFontFeatures *) attr)->features, feature) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
put_run (TvSvgWriter    *self,
         cairo_t        *cr,
         const char     *text,
         gboolean        ellipsized,
         PangoGlyphItem *run,
         double          x,
         double          y,
         double          source[4])
{
  PangoItem *item = run->item;
  PangoFontDescription *desc;
  const char *family;
  double colour[4], size, xx, xy, scale;
  cairo_matrix_t m;
  PangoWeight weight;
  PangoStyle slant;
  g_autofree char *escaped = NULL;

  if (item->length <= 0)
    return;

  /* an elided run is one glyph, "…", for several characters */
  if (ellipsized && run->glyphs->num_glyphs == 1 && item->num_chars > 1)
    escaped = g_strdup ("…");
  else
    escaped = g_markup_escape_text (text + item->offset, item->length);

  desc = pango_font_describe_with_absolute_size (item->analysis.font);
  family = pango_font_description_get_family (desc);
  size = pango_font_description_get_size (desc) / (double) PANGO_SCALE;
  weight = pango_font_description_get_weight (desc);
  slant = pango_font_description_get_style (desc);

  cairo_get_matrix (cr, &m);
  xx = m.xx;
  xy = m.yx;
  scale = sqrt (xx * xx + xy * xy);
  cairo_user_to_device (cr, &x, &y);
  run_colour (item, source, colour);

  if (self->family == NULL && family != NULL)
    self->family = g_strdup (family);

  g_string_append (self->text, "<tspan x=\"");
  put_number (self->text, x);
  g_string_append (self->text, "\" y=\"");
  put_number (self->text, y);
  g_string_append (self->text, "\"");
  if (family != NULL && g_strcmp0 (family, self->family) != 0)
    {
      g_string_append (self->text, " font-family=\"");
      put_family (self->text, family);
      g_string_append_c (self->text, '"');
    }
  g_string_append (self->text, " font-size=\"");
  put_number (self->text, size * scale);
  g_string_append_c (self->text, '"');
  if (weight != PANGO_WEIGHT_NORMAL)
    g_string_append_printf (self->text, " font-weight=\"%d\"", (int) weight);
  if (slant != PANGO_STYLE_NORMAL)
    g_string_append (self->text, " font-style=\"italic\"");
  if (run_has_feature (item, "tnum"))
    g_string_append (self->text, " font-variant-numeric=\"tabular-nums\"");
  g_string_append_printf (self->text, " fill=\"#%02x%02x%02x\"",
                          (int) round (CLAMP (colour[0], 0, 1) * 255),
                          (int) round (CLAMP (colour[1], 0, 1) * 255),
                          (int) round (CLAMP (colour[2], 0, 1) * 255));
  if (colour[3] < 0.999)
    {
      g_string_append (self->text, " fill-opacity=\"");
      put_number (self->text, colour[3]);
      g_string_append_c (self->text, '"');
    }
  g_string_append_c (self->text, '>');
  g_string_append (self->text, escaped);
  g_string_append (self->text, "</tspan>");

  pango_font_description_free (desc);
}

static void
add_layout (TvSvgWriter *self,
            cairo_t     *cr,
            PangoLayout *layout)
{
  PangoLayoutIter *iter;
  const char *text = pango_layout_get_text (layout);
  gboolean ellipsized = pango_layout_is_ellipsized (layout);
  double cx = 0, cy = 0, clip[4];
  double source[4] = { 0, 0, 0, 1 };

  if (cairo_has_current_point (cr))
    cairo_get_current_point (cr, &cx, &cy);
  cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);
  if (cairo_pattern_get_rgba (cairo_get_source (cr), &source[0], &source[1],
                              &source[2], &source[3]) != CAIRO_STATUS_SUCCESS)
    source[3] = 1;

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle rect;
      double baseline, mx, my, x;

      pango_layout_iter_get_line_extents (iter, NULL, &rect);
      baseline = cy + pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
      mx = cx + (rect.x + rect.width / 2.0) / PANGO_SCALE;
      my = cy + (rect.y + rect.height / 2.0) / PANGO_SCALE;

      /* cairo would clip it away */
      if (line->runs == NULL || mx < clip[0] || mx > clip[2] || my < clip[1] || my > clip[3])
        continue;

      g_string_append (self->text, "<text xml:space=\"preserve\">");
      x = cx + rect.x / (double) PANGO_SCALE;
      for (GSList *l = line->runs; l != NULL; l = l->next)
        {
          PangoGlyphItem *run = l->data;

          put_run (self, cr, text, ellipsized, run, x, baseline, source);
          x += pango_glyph_string_get_width (run->glyphs) / (double) PANGO_SCALE;
        }
      g_string_append (self->text, "</text>\n");
      self->n_texts++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

void
tv_render_show_layout (cairo_t     *cr,
                       PangoLayout *layout)
{
  TvSvgWriter *writer;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  writer = cairo_surface_get_user_data (cairo_get_target (cr), &writer_key);
  if (writer == NULL || writer->finished)
    {
      pango_cairo_show_layout (cr, layout);
      return;
    }

  add_layout (writer, cr, layout);
}
