/* tv-format.h: the one way TcpViz writes times, durations, byte counts,
 * rates and large counts, in every view and on the command line.
 *
 * Durations have three significant digits and the unit that fits the value
 * (ns, µs, ms, s, min): "653 µs", "2.50 ms", "30.0 ms", "1.23 s",
 * "2.05 min".  Zero is "0 s", never "0.000 ms".  Units are translated (a
 * translation may put them before the number).  Every function returns a
 * newly allocated string (g_free). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TV_TIME_UNIT_NS,
  TV_TIME_UNIT_US,
  TV_TIME_UNIT_MS,
  TV_TIME_UNIT_S,
  TV_TIME_UNIT_MIN,
} TvTimeUnit;

/* The unit tv_format_duration() uses for @ns (its absolute value). */
TvTimeUnit  tv_time_unit_for             (gint64      ns);
/* The unit's translated abbreviation: "ms", "毫秒". */
const char *tv_time_unit_name            (TvTimeUnit  unit);

/* "2.50 ms": three significant digits (more for values of 1000 min and
 * more), negative values with a minus sign. */
char       *tv_format_duration           (gint64      ns);
/* The same into @buf (at least TV_FORMAT_DURATION_SIZE bytes), without
 * allocating: for the command line's tables of many rows.  Returns the
 * length written. */
#define TV_FORMAT_DURATION_SIZE 64
gsize       tv_format_duration_to        (char       *buf,
                                          gsize       size,
                                          gint64      ns);
/* "+2.50 ms": an offset from a start, the sign always written. */
char       *tv_format_offset             (gint64      ns);
/* @ns written in @unit with @decimals decimals, for the labels of one axis
 * that share a unit: tv_format_duration_in_unit (2500000, TV_TIME_UNIT_MS, 1)
 * -> "2.5 ms".  With @with_unit FALSE only the number ("2.5"). */
char       *tv_format_duration_in_unit   (gint64      ns,
                                          TvTimeUnit  unit,
                                          guint       decimals,
                                          gboolean    with_unit);

/* "512 B", "1.23 kB", "45.6 MB", "1.02 GB" (decimal units, three
 * significant digits). */
char       *tv_format_bytes              (guint64     bytes);
/* Bits per second from bytes per second: "800 bit/s", "12.3 kbit/s",
 * "4.56 Mbit/s", "1.00 Gbit/s". */
char       *tv_format_rate               (double      bytes_per_second);
/* "2,200,000" with the locale's digit grouping ("2200000" where the locale
 * groups none). */
char       *tv_format_count              (guint64     n);

G_END_DECLS
