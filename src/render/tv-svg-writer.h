/* tv-svg-writer.h: SVG whose text stays text.
 *
 * cairo's SVG surface draws every glyph as an outline: the words of a
 * diagram can then be neither searched, nor edited in Inkscape, nor
 * restyled.  A TvSvgWriter wraps a cairo SVG surface: lines, arrows and
 * boxes go through cairo as usual, and text painted with
 * tv_render_show_layout() becomes <text> elements (the font named, the
 * same baseline position, size, weight and colour as on screen), written
 * after the shapes, above them.
 *
 * For a painter: draw every PangoLayout with tv_render_show_layout (cr,
 * layout) instead of pango_cairo_show_layout (cr, layout).  On any other
 * surface (the screen, PNG, PDF) it is exactly pango_cairo_show_layout().
 * Text outside the clip is left out, as cairo would. */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct _TvSvgWriter TvSvgWriter;

/* Where the SVG goes: the same contract as cairo_write_func_t. */
TvSvgWriter     *tv_svg_writer_new         (cairo_write_func_t  write_func,
                                            void               *closure,
                                            double              width,
                                            double              height);
/* The surface to paint on (owned by the writer), in SVG user units = px. */
cairo_surface_t *tv_svg_writer_get_surface (TvSvgWriter *self);
/* Finishes the document: the shapes, then the text.  Returns the surface's
 * status (CAIRO_STATUS_WRITE_ERROR when @write_func failed). */
cairo_status_t   tv_svg_writer_finish      (TvSvgWriter *self);
void             tv_svg_writer_free        (TvSvgWriter *self);
/* The number of <text> lines written so far (for tests). */
guint            tv_svg_writer_get_n_texts (TvSvgWriter *self);

/* Shows @layout at the current point: as SVG text on a TvSvgWriter's
 * surface, else with pango_cairo_show_layout(). */
void             tv_render_show_layout     (cairo_t     *cr,
                                            PangoLayout *layout);

G_END_DECLS
