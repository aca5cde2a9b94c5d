/* tv-fuzz-replay.c: runs a fuzz target's LLVMFuzzerTestOneInput() on every
 * file of its regressions and of its seed corpus, as GTest cases, in the
 * normal build (no clang, no libFuzzer): each input that once crashed
 * TcpViz or broke an invariant stays a test.
 *
 * Built once per target with TV_FUZZ_TARGET ("decode", "load", "stream");
 * the files are tests/fuzz/regressions/TARGET-* and tests/fuzz/corpus/TARGET/. */
#define G_LOG_DOMAIN "tv-fuzz-replay"

#include "config.h"

#include <stdint.h>
#include <string.h>
#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
replay_file (gconstpointer user_data)
{
  const char *path = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &data, &size, &error));
  g_assert_no_error (error);
  /* aborts on a broken invariant; a crash fails the test */
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) data, size), ==, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
add_dir (const char *kind,
         const char *dir,
         const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    if (prefix == NULL || g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/fuzz/%s/%s/%s", TV_FUZZ_TARGET, kind, n);
      /* the path lives as long as the test program */
      g_test_add_data_func_full (test_path, g_build_filename (dir, n, NULL), replay_file, g_free);
    }
  return names->len;
}

int
main (int   argc,
      char *argv[])
{
  const char *fuzz_dir = g_getenv ("TV_FUZZ_DIR");
  g_autofree char *regressions = NULL;
  g_autofree char *corpus = NULL;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (fuzz_dir);

  regressions = g_build_filename (fuzz_dir, "regressions", NULL);
  corpus = g_build_filename (fuzz_dir, "corpus", TV_FUZZ_TARGET, NULL);
  add_dir ("regressions", regressions, TV_FUZZ_TARGET "-");
  add_dir ("corpus", corpus, NULL);

  return g_test_run ();
}
