/* test-format.c: the one formatter of times, durations, bytes, rates and
 * counts. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include "tv-format.h"

static void
check_duration (gint64 ns, const char *want)
{
  g_autofree char *got = tv_format_duration (ns);
  g_assert_cmpstr (got, ==, want);
}

static void
test_duration (void)
{
  check_duration (0, "0 s");
  check_duration (1, "1 ns");
  check_duration (999, "999 ns");
  check_duration (1000, "1.00 µs");
  check_duration (12345, "12.3 µs");
  check_duration (653000, "653 µs");
  check_duration (999400, "999 µs");
  /* rounding carries into the next unit */
  check_duration (999600, "1.00 ms");
  check_duration (2500000, "2.50 ms");
  check_duration (20000000, "20.0 ms");
  check_duration (30000000, "30.0 ms");
  check_duration (204400000, "204 ms");
  check_duration (999999999, "1.00 s");
  check_duration (G_GINT64_CONSTANT (2048000000), "2.05 s");
  check_duration (G_GINT64_CONSTANT (45000000000), "45.0 s");
  check_duration (G_GINT64_CONSTANT (59990000000), "1.00 min");
  check_duration (G_GINT64_CONSTANT (123000000000), "2.05 min");
  check_duration (G_GINT64_CONSTANT (6000000000000), "100 min");
  check_duration (-2500000, "−2.50 ms");
  /* exact halves round up (printf on a double may not) */
  check_duration (9995000, "10.0 ms");
  check_duration (999500, "1.00 ms");
  check_duration (99950000, "100 ms");
}

/* An independent reference: the value in each unit, printed with printf's
 * rounding, three significant digits, moving up a unit when the rounded
 * number reaches the next one.  tv_format_duration() does it in integers. */
static char *
reference (gint64 ns)
{
  static const double div[] = { 1, 1e3, 1e6, 1e9, 6e10 };
  static const char *names[] = { "ns", "µs", "ms", "s", "min" };
  int u;

  if (ns == 0)
    return g_strdup ("0 s");
  u = ns < 1000 ? 0 : ns < 1000000 ? 1 : ns < 1000000000 ? 2 : ns < G_GINT64_CONSTANT (60000000000) ? 3 : 4;
  for (;; u++)
    {
      double v = ns / div[u];
      int dec = u == 0 ? 0 : v * 100 < 999.5 ? 2 : v * 10 < 999.5 ? 1 : 0;
      g_autofree char *num = g_strdup_printf ("%.*f", dec, v);
      double r = g_ascii_strtod (num, NULL);
      if (u < 4 && r >= (u == 3 ? 60.0 : 1000.0))
        continue;
      return g_strdup_printf ("%s %s", num, names[u]);
    }
}

/* Whether @ns lies exactly half-way between two numbers of three significant
 * digits in some unit (where double rounding and exact rounding differ). */
static gboolean
is_exact_half (gint64 ns)
{
  static const gint64 div[] = { 1000, 1000000, 1000000000 };

  for (guint u = 0; u < G_N_ELEMENTS (div); u++)
    for (gint64 scale = 1; scale <= 100; scale *= 10)
      {
        gint64 twice = ns * scale * 2;
        if (twice % div[u] == 0 && (twice / div[u]) % 2 == 1)
          return TRUE;
      }
  return FALSE;
}

static void
test_duration_reference (void)
{
  GRand *rand = g_rand_new_with_seed (20261208);
  guint checked = 0;

  for (int i = 0; i < 200000; i++)
    {
      /* log-uniform over 1 ns .. 3 h, plus the edges of every unit */
      gint64 ns = (gint64) exp (g_rand_double_range (rand, 0.0, log (1.08e13)));
      gint64 edges[] = { 999, 1000, 999499, 999501, 9994999, 9995001, 99949999, 99950001,
                         999499999, 999500001, G_GINT64_CONSTANT (59949999999),
                         G_GINT64_CONSTANT (59950000001), G_GINT64_CONSTANT (60000000000) };
      if (i < (int) G_N_ELEMENTS (edges))
        ns = edges[i];
      {
        g_autofree char *want = reference (ns);
        g_autofree char *got = tv_format_duration (ns);
        /* printf rounds the binary double, the integers round exactly: the
         * two may differ only on an exact half, which the edges avoid */
        if (g_strcmp0 (want, got) != 0 && is_exact_half (ns))
          continue;
        if (g_strcmp0 (want, got) != 0)
          g_error ("%" G_GINT64_FORMAT " ns: got “%s”, reference “%s”", ns, got, want);
        checked++;
      }
    }
  g_assert_cmpuint (checked, >, 199000);
  g_rand_free (rand);
}

static void
test_offset (void)
{
  g_autofree char *a = tv_format_offset (42336000);
  g_autofree char *b = tv_format_offset (0);
  g_autofree char *c = tv_format_offset (-1500);
  g_assert_cmpstr (a, ==, "+42.3 ms");
  g_assert_cmpstr (b, ==, "+0 s");
  g_assert_cmpstr (c, ==, "−1.50 µs");
}

static void
test_unit_for (void)
{
  g_assert_cmpint (tv_time_unit_for (0), ==, TV_TIME_UNIT_NS);
  g_assert_cmpint (tv_time_unit_for (999600), ==, TV_TIME_UNIT_MS);
  g_assert_cmpint (tv_time_unit_for (-5000000), ==, TV_TIME_UNIT_MS);
  g_assert_cmpint (tv_time_unit_for (G_GINT64_CONSTANT (61000000000)), ==, TV_TIME_UNIT_MIN);
}

static void
test_in_unit (void)
{
  g_autofree char *a = tv_format_duration_in_unit (2500000, TV_TIME_UNIT_MS, 1, TRUE);
  g_autofree char *b = tv_format_duration_in_unit (2500000, TV_TIME_UNIT_S, 4, FALSE);
  g_autofree char *c = tv_format_duration_in_unit (-10, TV_TIME_UNIT_MS, 1, FALSE);
  g_assert_cmpstr (a, ==, "2.5 ms");
  g_assert_cmpstr (b, ==, "0.0025");
  g_assert_cmpstr (c, ==, "0.0");
}

static void
check (char *got, const char *want)
{
  g_assert_cmpstr (got, ==, want);
  g_free (got);
}

static void
test_bytes_rate_count (void)
{
  check (tv_format_bytes (0), "0 B");
  check (tv_format_bytes (512), "512 B");
  check (tv_format_bytes (999), "999 B");
  check (tv_format_bytes (1000), "1.00 kB");
  check (tv_format_bytes (1234), "1.23 kB");
  check (tv_format_bytes (999999), "1.00 MB");
  check (tv_format_bytes (45600000), "45.6 MB");
  check (tv_format_rate (100), "800 bit/s");
  check (tv_format_rate (570000), "4.56 Mbit/s");
  check (tv_format_rate (125000000), "1.00 Gbit/s");
  check (tv_format_rate (-1), "0 bit/s");
  check (tv_format_count (0), "0");
  check (tv_format_count (999), "999");
  check (tv_format_count (1000), "1,000");
  check (tv_format_count (2200000), "2,200,000");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/format/duration", test_duration);
  g_test_add_func ("/core/format/duration-reference", test_duration_reference);
  g_test_add_func ("/core/format/offset", test_offset);
  g_test_add_func ("/core/format/unit-for", test_unit_for);
  g_test_add_func ("/core/format/in-unit", test_in_unit);
  g_test_add_func ("/core/format/bytes-rate-count", test_bytes_rate_count);
  return g_test_run ();
}
