/* tv-png-writer.h: writes a cairo image surface as PNG, fast, with its
 * resolution recorded (pHYs).
 *
 * cairo_surface_write_to_png() compresses every row with libpng's adaptive
 * filters at its default level, and records no resolution: a tall ladder
 * (most rows the same as the one above: the lifelines) took most of an
 * export's time there.  Here each row is filtered "Up" (its difference from
 * the row above: mostly zeros; a row like the one above costs a memcmp) and
 * deflated at zlib's fastest level.  The deflating is still most of the
 * time of a tall export: it is in proportion to the pixels. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* @surface: CAIRO_FORMAT_RGB24 (written as RGB) or ARGB32 (RGBA).
 * @dpi: the resolution to record, dots per inch (96 × the scale);
 * 0 records none.  Returns CAIRO_STATUS_WRITE_ERROR when @write_func
 * failed. */
cairo_status_t tv_png_write (cairo_surface_t    *surface,
                             double              dpi,
                             cairo_write_func_t  write_func,
                             void               *closure);

G_END_DECLS
