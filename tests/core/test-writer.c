/* test-writer.c: saving captures and connections as pcap. */
#define G_LOG_DOMAIN "test-writer"
#include "config.h"

#include <sys/stat.h>
#include <glib/gstdio.h>

#include "tv-core-error.h"
#include "tv-load.h"
#include "tv-writer.h"
#include "tv-test-pcap.h"

static char *tmpdir;

static TvTracker *
load (const char *path)
{
  TvTracker *tracker = tv_tracker_new ();
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };

  g_assert_true (tv_load_file (path, tracker, NULL, &stats, &error));
  g_assert_no_error (error);
  tv_load_stats_clear (&stats);
  return tracker;
}

static void
test_save_all (void)
{
  g_autofree char *src = g_build_filename (tmpdir, "all-src.pcap", NULL);
  g_autofree char *dst = g_build_filename (tmpdir, "all-dst.pcap", NULL);
  g_autoptr(GError) error = NULL;
  TvTracker *a, *b;

  tv_test_write_capture (src, 20);
  g_assert_true (tv_writer_save_frames (src, dst, NULL, 0, NULL, &error));
  g_assert_no_error (error);

  a = load (src);
  b = load (dst);
  g_assert_cmpuint (tv_tracker_get_n_conns (a), ==, tv_tracker_get_n_conns (b));
  g_assert_cmpuint (tv_tracker_get_n_segments (a), ==, tv_tracker_get_n_segments (b));
  for (guint i = 0; i < tv_tracker_get_n_conns (a); i++)
    {
      TvConn *ca = tv_tracker_get_conn (a, i), *cb = tv_tracker_get_conn (b, i);
      g_assert_cmpuint (ca->n_segs, ==, cb->n_segs);
      for (guint j = 0; j < ca->n_segs; j++)
        {
          g_assert_true (ca->segs[j].time_ns == cb->segs[j].time_ns);
          g_assert_cmpuint (ca->segs[j].seq, ==, cb->segs[j].seq);
          g_assert_cmpuint (ca->segs[j].label_kind, ==, cb->segs[j].label_kind);
        }
    }
  tv_tracker_free (a);
  tv_tracker_free (b);

  /* the same bytes in the same format: identical files */
  {
    g_autofree char *x = NULL, *y = NULL;
    gsize lx, ly;
    g_assert_true (g_file_get_contents (src, &x, &lx, NULL));
    g_assert_true (g_file_get_contents (dst, &y, &ly, NULL));
    g_assert_cmpmem (x, lx, y, ly);
  }
}

static void
test_save_connection (void)
{
  g_autofree char *src = g_build_filename (tmpdir, "conn-src.pcap", NULL);
  g_autofree char *dst = g_build_filename (tmpdir, "conn-dst.pcap", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *frames = NULL;
  gsize n_frames;
  TvTracker *a, *b;
  TvConn *conn, *saved;

  tv_test_write_capture (src, 10);
  a = load (src);
  conn = tv_tracker_get_conn (a, 7);
  frames = tv_writer_conn_frames (conn, &n_frames);
  g_assert_cmpuint (n_frames, ==, TV_TEST_SEGS_PER_CONN);
  g_assert_true (tv_writer_save_frames (src, dst, frames, n_frames, NULL, &error));
  g_assert_no_error (error);

  b = load (dst);
  g_assert_cmpuint (tv_tracker_get_n_conns (b), ==, 1);
  saved = tv_tracker_get_conn (b, 0);
  g_assert_cmpuint (saved->n_segs, ==, conn->n_segs);
  g_assert_cmpuint (saved->client.port, ==, conn->client.port);
  g_assert_cmpuint (saved->badges, ==, conn->badges);
  for (guint j = 0; j < saved->n_segs; j++)
    {
      g_assert_cmpuint (saved->segs[j].frame, ==, j + 1);
      g_assert_cmpuint (saved->segs[j].seq, ==, conn->segs[j].seq);
      g_assert_true (saved->segs[j].time_ns == conn->segs[j].time_ns);
    }
  tv_tracker_free (a);
  tv_tracker_free (b);
}

/* A save that fails leaves the existing file as it was, and no temporary
 * file behind. */
static void
test_failure_keeps_file (void)
{
  g_autofree char *src = g_build_filename (tmpdir, "fail-src.pcap", NULL);
  g_autofree char *bad = g_build_filename (tmpdir, "not-a-capture.txt", NULL);
  g_autofree char *dst = g_build_filename (tmpdir, "precious.pcap", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint32 missing[] = { 3, 999 };
  gsize len;

  tv_test_write_capture (src, 2);
  g_assert_true (g_file_set_contents (bad, "hello", -1, NULL));
  g_assert_true (g_file_set_contents (dst, "keep me", -1, NULL));

  /* the source is not a capture */
  g_assert_false (tv_writer_save_frames (bad, dst, NULL, 0, NULL, &error));
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_FORMAT);
  g_clear_error (&error);

  /* a frame that is not in the file */
  g_assert_false (tv_writer_save_frames (src, dst, missing, G_N_ELEMENTS (missing), NULL, &error));
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_READ);
  g_clear_error (&error);

  /* cancelled */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_cancellable_cancel (cancellable);
    g_assert_false (tv_writer_save_frames (src, dst, NULL, 0, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  g_assert_true (g_file_get_contents (dst, &contents, &len, NULL));
  g_assert_cmpstr (contents, ==, "keep me");

  /* no ".precious.pcap.XXXXXX" left behind */
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".precious.pcap."));
  }

  /* a folder that does not exist */
  {
    g_autofree char *nowhere = g_build_filename (tmpdir, "no-such-dir", "x.pcap", NULL);
    g_assert_false (tv_writer_save_frames (src, nowhere, NULL, 0, NULL, &error));
    g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "x.pcap"));
    g_clear_error (&error);
  }

  /* standard input cannot be read again */
  g_assert_false (tv_writer_save_frames ("-", dst, NULL, 0, NULL, &error));
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_READ);
}

/* Saving over an existing file replaces it and keeps its permissions. */
static void
test_replace (void)
{
  g_autofree char *src = g_build_filename (tmpdir, "rep-src.pcap", NULL);
  g_autofree char *dst = g_build_filename (tmpdir, "rep-dst.pcap", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  TvTracker *t;

  tv_test_write_capture (src, 3);
  g_assert_true (g_file_set_contents (dst, "old", -1, NULL));
  g_assert_cmpint (g_chmod (dst, 0640), ==, 0);
  g_assert_true (tv_writer_save_frames (src, dst, NULL, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dst, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  t = load (dst);
  g_assert_cmpuint (tv_tracker_get_n_conns (t), ==, 3);
  tv_tracker_free (t);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("tv-test-writer-XXXXXX", NULL);

  g_test_add_func ("/core/writer/save-all", test_save_all);
  g_test_add_func ("/core/writer/save-connection", test_save_connection);
  g_test_add_func ("/core/writer/failure-keeps-file", test_failure_keeps_file);
  g_test_add_func ("/core/writer/replace", test_replace);

  ret = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return ret;
}
