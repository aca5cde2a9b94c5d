/* tv-png-writer.c: PNG from a cairo image surface (signature, IHDR, pHYs,
 * IDAT, IEND), deflated by zlib at its fastest level.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-png-writer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <zlib.h>

#include "tv-png-writer.h"

#define CHUNK_SIZE (256 * 1024)
#define LEVEL 1

static void
be32 (guint8  *p,
      guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

typedef struct {
  cairo_write_func_t write_func;
  void              *closure;
  cairo_status_t     status;
} Out;

static void
out_write (Out          *out,
           const guint8 *data,
           gsize         n)
{
  if (out->status == CAIRO_STATUS_SUCCESS && n > 0)
    out->status = out->write_func (out->closure, data, (unsigned int) n);
}

static void
put_chunk (Out          *out,
           const char   *type,
           const guint8 *data,
           gsize         n)
{
  guint8 head[8], tail[4];
  guint32 crc;

  be32 (head, (guint32) n);
  memcpy (head + 4, type, 4);
  crc = crc32 (0, head + 4, 4);
  if (n > 0)
    crc = crc32 (crc, data, n);
  be32 (tail, crc);
  out_write (out, head, 8);
  out_write (out, data, n);
  out_write (out, tail, 4);
}

/* Deflates @n bytes into IDAT chunks; @end: the last call. */
static gboolean
deflate_rows (Out          *out,
              z_stream     *z,
              const guint8 *in,
              gsize         n,
              gboolean      end,
              guint8       *buf)
{
  z->next_in = (Bytef *) in;
  z->avail_in = n;
  for (;;)
    {
      int r;

      z->next_out = buf;
      z->avail_out = CHUNK_SIZE;
      r = deflate (z, end ? Z_FINISH : Z_NO_FLUSH);
      if (r == Z_STREAM_ERROR)
        {
          out->status = CAIRO_STATUS_NO_MEMORY;
          return FALSE;
        }
      if (z->avail_out < CHUNK_SIZE)
        put_chunk (out, "IDAT", buf, CHUNK_SIZE - z->avail_out);
      if (out->status != CAIRO_STATUS_SUCCESS)
        return FALSE;
      if (end ? r == Z_STREAM_END : (z->avail_in == 0 && z->avail_out > 0))
        return TRUE;
    }
}

cairo_status_t
tv_png_write (cairo_surface_t    *surface,
              double              dpi,
              cairo_write_func_t  write_func,
              void               *closure)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  Out out = { write_func, closure, CAIRO_STATUS_SUCCESS };
  cairo_format_t format;
  int width, height, stride, bpp;
  const guint8 *pixels;
  guint8 ihdr[13];
  g_autofree guint8 *prev = NULL;
  g_autofree guint8 *row = NULL;
  g_autofree guint8 *line = NULL;
  g_autofree guint8 *buf = NULL;
  g_autofree guint8 *zero = NULL;
  gboolean zero_ready = FALSE;
  z_stream z = { 0 };

  g_return_val_if_fail (surface != NULL, CAIRO_STATUS_NULL_POINTER);
  g_return_val_if_fail (write_func != NULL, CAIRO_STATUS_NULL_POINTER);

  cairo_surface_flush (surface);
  format = cairo_image_surface_get_format (surface);
  if (format != CAIRO_FORMAT_RGB24 && format != CAIRO_FORMAT_ARGB32)
    return CAIRO_STATUS_INVALID_FORMAT;
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  pixels = cairo_image_surface_get_data (surface);
  bpp = format == CAIRO_FORMAT_RGB24 ? 3 : 4;

  out_write (&out, signature, sizeof signature);
  be32 (ihdr, width);
  be32 (ihdr + 4, height);
  ihdr[8] = 8;                       /* bits per channel */
  ihdr[9] = bpp == 3 ? 2 : 6;        /* RGB, RGBA */
  ihdr[10] = 0;                      /* deflate */
  ihdr[11] = 0;                      /* filters of method 0 */
  ihdr[12] = 0;                      /* not interlaced */
  put_chunk (&out, "IHDR", ihdr, sizeof ihdr);

  if (dpi > 0)
    {
      guint8 phys[9];
      guint32 ppm = (guint32) round (dpi / 0.0254);

      be32 (phys, ppm);
      be32 (phys + 4, ppm);
      phys[8] = 1;                   /* the unit is the metre */
      put_chunk (&out, "pHYs", phys, sizeof phys);
    }

  /* rows filtered "Up" are mostly zeros: the fastest level packs them
   * about as well as the default one (its run-length strategy packs them
   * worse, and is no faster) */
  if (deflateInit2 (&z, LEVEL, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return CAIRO_STATUS_NO_MEMORY;
  prev = g_malloc0 ((gsize) width * bpp);
  row = g_malloc ((gsize) width * bpp);
  line = g_malloc ((gsize) width * bpp + 1);
  buf = g_malloc (CHUNK_SIZE);
  zero = g_malloc ((gsize) width * bpp + 1);

  for (int y = 0; y < height && out.status == CAIRO_STATUS_SUCCESS; y++)
    {
      const guint32 *src = (const guint32 *) (pixels + (gsize) y * stride);
      guint8 *tmp;

      /* a row like the one above (only the lifelines cross it): all zeros */
      if (y > 0 && memcmp (src, pixels + (gsize) (y - 1) * stride, (gsize) width * 4) == 0)
        {
          if (!zero_ready)
            {
              memset (zero, 0, (gsize) width * bpp + 1);
              zero[0] = 2;
              zero_ready = TRUE;
            }
          if (!deflate_rows (&out, &z, zero, (gsize) width * bpp + 1, FALSE, buf))
            break;
          continue;
        }

      if (bpp == 3)
        for (int x = 0; x < width; x++)
          {
            guint32 p = src[x];

            row[3 * x] = p >> 16;
            row[3 * x + 1] = p >> 8;
            row[3 * x + 2] = p;
          }
      else
        for (int x = 0; x < width; x++)
          {
            guint32 p = src[x];
            guint a = p >> 24;
            guint8 *d = row + 4 * x;

            if (a == 0)
              d[0] = d[1] = d[2] = d[3] = 0;
            else
              {
                /* cairo's pixels are premultiplied */
                d[0] = (((p >> 16) & 0xff) * 255 + a / 2) / a;
                d[1] = (((p >> 8) & 0xff) * 255 + a / 2) / a;
                d[2] = ((p & 0xff) * 255 + a / 2) / a;
                d[3] = a;
              }
          }

      /* filter "Up": the difference from the row above */
      line[0] = 2;
      for (gsize i = 0; i < (gsize) width * bpp; i++)
        line[i + 1] = row[i] - prev[i];
      if (!deflate_rows (&out, &z, line, (gsize) width * bpp + 1, FALSE, buf))
        break;

      tmp = prev;
      prev = row;
      row = tmp;
    }

  if (out.status == CAIRO_STATUS_SUCCESS)
    deflate_rows (&out, &z, NULL, 0, TRUE, buf);
  deflateEnd (&z);
  if (out.status == CAIRO_STATUS_SUCCESS)
    put_chunk (&out, "IEND", NULL, 0);

  return out.status;
}
