#define G_LOG_DOMAIN "tv-format"

#include "config.h"

#include "tv-format.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#define NS_PER_US  G_GINT64_CONSTANT (1000)
#define NS_PER_MS  G_GINT64_CONSTANT (1000000)
#define NS_PER_S   G_GINT64_CONSTANT (1000000000)
#define NS_PER_MIN G_GINT64_CONSTANT (60000000000)

static const gint64 unit_ns[] = {
  [TV_TIME_UNIT_NS] = 1,
  [TV_TIME_UNIT_US] = NS_PER_US,
  [TV_TIME_UNIT_MS] = NS_PER_MS,
  [TV_TIME_UNIT_S] = NS_PER_S,
  [TV_TIME_UNIT_MIN] = NS_PER_MIN,
};

const char *
tv_time_unit_name (TvTimeUnit unit)
{
  switch (unit)
    {
    /* Translators: the abbreviations of time units, written after a number
     * ("2.50 ms").  The same for one and for many. */
    case TV_TIME_UNIT_NS:
      return C_("time unit", "ns");
    case TV_TIME_UNIT_US:
      return C_("time unit", "µs");
    case TV_TIME_UNIT_MS:
      return C_("time unit", "ms");
    case TV_TIME_UNIT_S:
      return C_("time unit", "s");
    case TV_TIME_UNIT_MIN:
    default:
      return C_("time unit", "min");
    }
}

/* Three significant digits of @value >= 0: the number of decimals and the
 * value rounded to them.  Rounding may carry into a fourth digit
 * (999.7 -> 1000); the caller then moves up a unit. */
static guint
decimals_for (double value)
{
  if (value < 9.995)
    return 2;
  if (value < 99.95)
    return 1;
  return 0;
}

static double
round_to (double value, guint decimals)
{
  double f = decimals == 2 ? 100.0 : decimals == 1 ? 10.0 : 1.0;
  return round (value * f) / f;
}

/* The translated unit names and the way the translation joins a number and
 * its unit, looked up once: --summary writes two durations per connection,
 * hundreds of thousands of them. */
typedef struct {
  const char *unit[TV_TIME_UNIT_MIN + 1];
  gsize unit_len[TV_TIME_UNIT_MIN + 1];
  const char *join;
  gboolean join_is_space;
} Names;

static const Names *
names (void)
{
  static Names n;
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      for (guint u = 0; u <= TV_TIME_UNIT_MIN; u++)
        {
          n.unit[u] = tv_time_unit_name ((TvTimeUnit) u);
          n.unit_len[u] = strlen (n.unit[u]);
        }
      /* Translators: a number and its unit: "2.50 ms", "1.23 MB".  %1$s is
       * the number, %2$s the unit; reorder or drop the space if your
       * language writes them otherwise. */
      n.join = C_("number and unit", "%1$s %2$s");
      n.join_is_space = strcmp (n.join, "%1$s %2$s") == 0;
      g_once_init_leave (&once, 1);
    }
  return &n;
}

static char *
join_unit (const char *number,
           const char *unit)
{
  const Names *n = names ();

  if (n->join_is_space)
    return g_strconcat (number, " ", unit, NULL);
  return g_strdup_printf (n->join, number, unit);
}

/* Writes @v (>= 0) with @decimals decimals, @v given in units of
 * 10^-decimals: put_scaled (p, 250, 2) -> "2.50". */
static char *
put_scaled (char *p, guint64 v, guint decimals)
{
  char digits[24];
  int n = 0;
  guint64 div = decimals == 2 ? 100 : decimals == 1 ? 10 : 1;
  guint64 whole = v / div, frac = v % div;

  do
    digits[n++] = (char) ('0' + whole % 10);
  while ((whole /= 10) != 0);
  while (n > 0)
    *p++ = digits[--n];
  if (decimals > 0)
    {
      *p++ = '.';
      if (decimals == 2)
        *p++ = (char) ('0' + frac / 10);
      *p++ = (char) ('0' + frac % 10);
    }
  return p;
}

/* The number of @ns >= 0 with three significant digits in the unit that
 * fits it after rounding; returns the unit. */
static TvTimeUnit
put_magnitude_number (char *buf, guint64 ns)
{
  static const guint64 div[] = { 1, 1000, 1000000, 1000000000 };
  TvTimeUnit unit;

  if (ns == 0)
    {
      strcpy (buf, "0");
      return TV_TIME_UNIT_S;
    }
  if (ns < 1000)
    {
      *put_scaled (buf, ns, 0) = '\0';
      return TV_TIME_UNIT_NS;
    }
  unit = ns < 1000000 ? TV_TIME_UNIT_US : ns < 1000000000 ? TV_TIME_UNIT_MS
       : ns < (guint64) NS_PER_MIN ? TV_TIME_UNIT_S : TV_TIME_UNIT_MIN;

  while (unit < TV_TIME_UNIT_MIN)
    {
      guint64 d = div[unit];
      guint64 limit = unit == TV_TIME_UNIT_S ? 60 : 1000;
      guint64 h = (ns * 100 + d / 2) / d;      /* hundredths */
      guint64 t, w;

      if (h < 1000)
        {
          *put_scaled (buf, h, 2) = '\0';
          return unit;
        }
      t = (ns * 10 + d / 2) / d;                /* tenths */
      if (t < 1000)
        {
          if (t < limit * 10)
            {
              *put_scaled (buf, t, 1) = '\0';
              return unit;
            }
        }
      else
        {
          w = (ns + d / 2) / d;
          if (w < limit)
            {
              *put_scaled (buf, w, 0) = '\0';
              return unit;
            }
        }
      unit++;
    }

  {
    double v = (double) ns / (double) NS_PER_MIN;
    g_snprintf (buf, 32, "%.*f", (int) decimals_for (v), v);
  }
  return TV_TIME_UNIT_MIN;
}

gsize
tv_format_duration_to (char   *buf,
                       gsize   size,
                       gint64  ns)
{
  const Names *n = names ();
  char number[40];
  char *p = buf;
  TvTimeUnit unit;
  guint64 a;
  gsize len;

  g_return_val_if_fail (size >= TV_FORMAT_DURATION_SIZE, 0);

  if (ns < 0)
    {
      memcpy (p, "−", strlen ("−"));
      p += strlen ("−");
      a = (guint64) -(ns + 1) + 1;
    }
  else
    a = (guint64) ns;

  unit = put_magnitude_number (number, a);
  if (n->join_is_space && n->unit_len[unit] < 32)
    {
      len = strlen (number);
      memcpy (p, number, len);
      p += len;
      *p++ = ' ';
      memcpy (p, n->unit[unit], n->unit_len[unit]);
      p += n->unit_len[unit];
      *p = '\0';
      return (gsize) (p - buf);
    }
  g_snprintf (p, size - (gsize) (p - buf), n->join, number, n->unit[unit]);
  return strlen (buf);
}

TvTimeUnit
tv_time_unit_for (gint64 ns)
{
  char number[40];
  guint64 a = ns < 0 ? (guint64) -(ns + 1) + 1 : (guint64) ns;

  if (a == 0)
    return TV_TIME_UNIT_NS;
  return put_magnitude_number (number, a);
}

static char *
format_magnitude (guint64 ns)
{
  char buf[TV_FORMAT_DURATION_SIZE];

  tv_format_duration_to (buf, sizeof buf, (gint64) MIN (ns, (guint64) G_MAXINT64));
  return g_strdup (buf);
}

char *
tv_format_duration (gint64 ns)
{
  char buf[TV_FORMAT_DURATION_SIZE];

  tv_format_duration_to (buf, sizeof buf, ns);
  return g_strdup (buf);
}

char *
tv_format_offset (gint64 ns)
{
  g_autofree char *m = NULL;

  if (ns < 0)
    {
      m = format_magnitude ((guint64) -(ns + 1) + 1);
      return g_strconcat ("−", m, NULL);
    }
  m = format_magnitude ((guint64) ns);
  return g_strconcat ("+", m, NULL);
}

char *
tv_format_duration_in_unit (gint64     ns,
                            TvTimeUnit unit,
                            guint      decimals,
                            gboolean   with_unit)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (unit <= TV_TIME_UNIT_MIN, NULL);

  number = g_strdup_printf ("%.*f", (int) MIN (decimals, 9u), (double) ns / unit_ns[unit]);
  /* "-0.0" reads badly on an axis */
  if (number[0] == '-' && strspn (number + 1, "0.,") == strlen (number + 1))
    memmove (number, number + 1, strlen (number));
  if (!with_unit)
    return g_steal_pointer (&number);
  return join_unit (number, tv_time_unit_name (unit));
}

/* @value in units of 1000 with three significant digits: the number and
 * the index of the prefix. */
static char *
scaled_number (double value, guint *prefix, guint n_prefixes)
{
  guint p = 0;
  double r;

  while (value >= 999.5 && p + 1 < n_prefixes)
    {
      value /= 1000.0;
      p++;
    }
  r = round_to (value, decimals_for (value));
  if (r >= 1000.0 && p + 1 < n_prefixes)
    {
      value /= 1000.0;
      p++;
    }
  *prefix = p;
  if (p == 0 && value == floor (value))
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.*f", (int) decimals_for (value), value);
}

char *
tv_format_bytes (guint64 bytes)
{
  guint p;
  g_autofree char *number = scaled_number ((double) bytes, &p, 5);
  const char *units[] = {
    /* Translators: units of bytes (decimal: 1 kB = 1000 bytes) */
    C_("byte unit", "B"), C_("byte unit", "kB"), C_("byte unit", "MB"),
    C_("byte unit", "GB"), C_("byte unit", "TB"),
  };

  return join_unit (number, units[p]);
}

char *
tv_format_rate (double bytes_per_second)
{
  guint p;
  g_autofree char *number = NULL;
  const char *units[] = {
    /* Translators: units of a data rate in bits per second */
    C_("rate unit", "bit/s"), C_("rate unit", "kbit/s"), C_("rate unit", "Mbit/s"),
    C_("rate unit", "Gbit/s"), C_("rate unit", "Tbit/s"),
  };

  if (!(bytes_per_second > 0.0) || !isfinite (bytes_per_second))
    bytes_per_second = 0.0;
  number = scaled_number (bytes_per_second * 8.0, &p, 5);
  return join_unit (number, units[p]);
}

char *
tv_format_count (guint64 n)
{
  const struct lconv *lc = localeconv ();
  const char *sep = lc->thousands_sep;
  char digits[32];
  GString *out;
  gsize len, i;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);
  len = strlen (digits);
  if (sep == NULL || sep[0] == '\0' || lc->grouping == NULL || lc->grouping[0] <= 0)
    {
      /* Locales such as C group nothing; write the English comma, which
       * is what people read in a table of large numbers. */
      sep = ",";
    }

  out = g_string_sized_new (len + len / 3 * strlen (sep) + 1);
  for (i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}
