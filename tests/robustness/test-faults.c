/* test-faults.c: what the world does to a capture while TcpViz works on it.
 *
 *  - the file is deleted, cut short or grows while TvLoader or
 *    tv_load_file() reads it: no crash, no hang, the frames read are kept
 *    and any problem comes with a message that names the file;
 *  - the disk fills up while a capture is saved: the save fails with a
 *    message that names the file and says why, and the file that was there
 *    is kept as it was.  The full disk is a real one: a 64 KiB tmpfs,
 *    mounted in a private mount namespace of a child process (as root, or
 *    as an unprivileged user in a user namespace); the test is skipped
 *    when neither is allowed. */
#define G_LOG_DOMAIN "test-faults"

#include "config.h"

#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "tv-core-error.h"
#include "tv-load.h"
#include "tv-loader.h"
#include "tv-writer.h"
#include "tv-test-pcap.h"

#define N_CONNS 25000                       /* 225000 frames, about 14 MB */
#define N_FRAMES (N_CONNS * TV_TEST_SEGS_PER_CONN)

static char *tmpdir;
static char *big;        /* the N_CONNS capture, kept as a pristine copy */

static char *
fresh_copy (const char *name)
{
  g_autofree char *data = NULL;
  gsize len;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_get_contents (big, &data, &len, NULL));
  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return path;
}

/* ---- TvLoader with a fault injected at the first batch ---- */

typedef enum {
  FAULT_DELETE,
  FAULT_TRUNCATE,
  FAULT_GROW,
} Fault;

typedef struct {
  GMainLoop *loop;
  const char *path;
  Fault       fault;
  gboolean    done;
  gboolean    finished;
  goffset     appended_frames;
} FaultState;

static void
on_frames_added (TvLoader   *loader,
                 guint       n,
                 FaultState *st)
{
  if (st->done)
    return;
  st->done = TRUE;

  switch (st->fault)
    {
    case FAULT_DELETE:
      g_assert_cmpint (g_unlink (st->path), ==, 0);
      break;

    case FAULT_TRUNCATE:
      /* in the middle of a record, far past what the reader has buffered */
      g_assert_cmpint (truncate (st->path, 4 * 1024 * 1024 + 7), ==, 0);
      break;

    case FAULT_GROW:
      {
        /* append whole connections, in one write */
        g_autofree char *more = g_build_filename (tmpdir, "more.pcap", NULL);
        g_autofree char *data = NULL;
        gsize len;
        int fd;

        tv_test_write_capture (more, 1000);
        g_assert_true (g_file_get_contents (more, &data, &len, NULL));
        fd = g_open (st->path, O_WRONLY | O_APPEND, 0);
        g_assert_cmpint (fd, >=, 0);
        g_assert_cmpint (write (fd, data + 24, len - 24), ==, (gssize) (len - 24));
        close (fd);
        st->appended_frames = 1000 * TV_TEST_SEGS_PER_CONN;
        g_unlink (more);
      }
      break;
    }
}

static void
on_finished (TvLoader   *loader,
             FaultState *st)
{
  st->finished = TRUE;
  g_main_loop_quit (st->loop);
}

static gboolean
on_timeout (gpointer data)
{
  g_error ("the loader did not finish in 30 s");
  return G_SOURCE_REMOVE;
}

static TvLoader *
run_loader (const char *path,
            Fault       fault,
            TvTracker  *tracker,
            FaultState *st)
{
  TvLoader *loader = tv_loader_new (path, tracker);
  guint timeout = g_timeout_add_seconds (30, on_timeout, NULL);

  st->loop = g_main_loop_new (NULL, FALSE);
  st->path = path;
  st->fault = fault;
  g_signal_connect (loader, "frames-added", G_CALLBACK (on_frames_added), st);
  g_signal_connect (loader, "finished", G_CALLBACK (on_finished), st);
  tv_loader_start (loader);
  g_main_loop_run (st->loop);
  g_source_remove (timeout);
  g_main_loop_unref (st->loop);
  g_assert_true (st->finished);
  g_assert_true (st->done);
  return loader;
}

static void
test_loader_deleted (void)
{
  g_autofree char *path = fresh_copy ("deleted.pcap");
  TvTracker *tracker = tv_tracker_new ();
  FaultState st = { 0 };
  TvLoader *loader = run_loader (path, FAULT_DELETE, tracker, &st);

  /* an open file outlives its name: everything is read */
  g_assert_no_error ((GError *) tv_loader_get_error (loader));
  g_assert_cmpuint (tv_loader_get_tcp_frames (loader), ==, N_FRAMES);
  g_assert_cmpuint (tv_tracker_get_n_conns (tracker), ==, N_CONNS);
  g_object_unref (loader);
  tv_tracker_free (tracker);

  /* deleted before it is opened: a message that names it */
  tracker = tv_tracker_new ();
  loader = tv_loader_new (path, tracker);
  {
    FaultState st2 = { .done = TRUE };
    st2.loop = g_main_loop_new (NULL, FALSE);
    g_signal_connect (loader, "finished", G_CALLBACK (on_finished), &st2);
    tv_loader_start (loader);
    g_main_loop_run (st2.loop);
    g_main_loop_unref (st2.loop);
  }
  g_assert_error ((GError *) tv_loader_get_error (loader), TV_CORE_ERROR, TV_CORE_ERROR_OPEN);
  g_assert_nonnull (strstr (tv_loader_get_error (loader)->message, path));
  g_assert_nonnull (strstr (tv_loader_get_error (loader)->message, g_strerror (ENOENT)));
  g_object_unref (loader);
  tv_tracker_free (tracker);
}

static void
test_loader_truncated (void)
{
  g_autofree char *path = fresh_copy ("truncated.pcap");
  TvTracker *tracker = tv_tracker_new ();
  FaultState st = { 0 };
  TvLoader *loader = run_loader (path, FAULT_TRUNCATE, tracker, &st);
  const GError *warning = tv_loader_get_warning (loader);

  /* the frames before the cut are kept, and the cut is told */
  g_assert_no_error ((GError *) tv_loader_get_error (loader));
  g_assert_cmpuint (tv_loader_get_tcp_frames (loader), >, 0);
  g_assert_cmpuint (tv_loader_get_tcp_frames (loader), <, N_FRAMES);
  g_assert_nonnull (warning);
  g_test_message ("%s", warning->message);
  g_assert_nonnull (strstr (warning->message, path));
  g_assert_nonnull (strstr (warning->message, "cut short"));
  g_object_unref (loader);
  tv_tracker_free (tracker);
}

static void
test_loader_growing (void)
{
  g_autofree char *path = fresh_copy ("growing.pcap");
  TvTracker *tracker = tv_tracker_new ();
  FaultState st = { 0 };
  TvLoader *loader = run_loader (path, FAULT_GROW, tracker, &st);
  guint64 n = tv_loader_get_tcp_frames (loader);

  /* what was there is read, and at most 4096 records of what came later */
  g_assert_no_error ((GError *) tv_loader_get_error (loader));
  g_assert_null (tv_loader_get_warning (loader));
  g_assert_cmpuint (n, >=, N_FRAMES);
  g_assert_cmpuint (n, <=, MIN (N_FRAMES + st.appended_frames, N_FRAMES + 4096));
  g_test_message ("read %" G_GUINT64_FORMAT " frames of %d + %" G_GINT64_FORMAT " appended",
                  n, N_FRAMES, (gint64) st.appended_frames);
  g_object_unref (loader);
  tv_tracker_free (tracker);
}

/* ---- tv_load_file () with a thread that does the damage ---- */

typedef struct {
  const char *path;
  Fault       fault;
  gint        stop;
} Vandal;

static gpointer
vandal_thread (gpointer data)
{
  Vandal *v = data;
  guint8 record[16 + 40] = { 0 };

  /* a record of a SYN, appended over and over while the load runs */
  record[8] = 40;
  record[12] = 40;
  record[16] = 0x45; record[19] = 40; record[24] = 64; record[25] = 6;
  record[48] = 0x50; record[49] = 0x02;

  g_usleep (2000);
  switch (v->fault)
    {
    case FAULT_DELETE:
      g_unlink (v->path);
      break;
    case FAULT_TRUNCATE:
      for (goffset size = 8 * 1024 * 1024; size > 0 && !g_atomic_int_get (&v->stop); size -= 1024 * 1024 + 3)
        {
          (void) truncate (v->path, size);
          g_usleep (1000);
        }
      break;
    case FAULT_GROW:
      {
        int fd = g_open (v->path, O_WRONLY | O_APPEND, 0);
        while (fd >= 0 && !g_atomic_int_get (&v->stop))
          if (write (fd, record, sizeof record) != sizeof record)
            break;
        if (fd >= 0)
          close (fd);
      }
      break;
    }
  return NULL;
}

static void
test_load_file_faults (void)
{
  static const Fault faults[] = { FAULT_DELETE, FAULT_TRUNCATE, FAULT_GROW };
  static const char * const names[] = { "deleted", "truncated", "growing" };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *name = g_strdup_printf ("load-file-%s.pcap", names[i]);
      g_autofree char *path = fresh_copy (name);
      g_autoptr(GError) error = NULL;
      TvLoadStats stats = { 0 };
      TvTracker *tracker = tv_tracker_new ();
      Vandal v = { path, faults[i], 0 };
      g_autoptr(GTimer) timer = g_timer_new ();
      GThread *thread = g_thread_new ("vandal", vandal_thread, &v);
      gboolean ok;

      ok = tv_load_file (path, tracker, NULL, &stats, &error);
      g_atomic_int_set (&v.stop, 1);
      g_thread_join (thread);

      /* it ends: a file that keeps growing, faster than it can be read, is
       * read as it was when opened and at most 4096 records more */
      g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 30.0);
      if (faults[i] == FAULT_GROW)
        g_assert_cmpuint (stats.frames, <=, N_FRAMES + 4096);
      if (ok)
        {
          g_test_message ("%s: %" G_GUINT64_FORMAT " frames%s%s", names[i], stats.frames,
                          stats.warning ? ": " : "", stats.warning ? stats.warning : "");
          if (stats.warning != NULL)
            g_assert_nonnull (strstr (stats.warning, path));
          g_assert_cmpuint (stats.tcp_frames, ==, tv_tracker_get_n_segments (tracker));
        }
      else
        {
          /* deleted before it was opened */
          g_test_message ("%s: %s", names[i], error->message);
          g_assert_nonnull (strstr (error->message, path));
        }
      tv_load_stats_clear (&stats);
      tv_tracker_free (tracker);
      g_unlink (path);
    }
}

/* ---- a full disk while saving ---- */

static gboolean
write_id_map (const char *file, const char *line)
{
  int fd = open (file, O_WRONLY);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, line, strlen (line)) == (gssize) strlen (line);
  close (fd);
  return ok;
}

/* In the calling (child) process: a private mount namespace with a tmpfs
 * of @kib KiB on @dir.  FALSE with the reason when not allowed. */
static gboolean
mount_small_tmpfs (const char *dir,
                   guint       kib,
                   char      **reason)
{
  g_autofree char *options = g_strdup_printf ("size=%uk,mode=0700", kib);

  if (geteuid () == 0)
    {
      if (unshare (CLONE_NEWNS) != 0)
        {
          *reason = g_strdup_printf ("unshare(CLONE_NEWNS): %s", g_strerror (errno));
          return FALSE;
        }
    }
  else
    {
      uid_t uid = geteuid ();
      gid_t gid = getegid ();
      g_autofree char *uid_map = g_strdup_printf ("0 %u 1\n", (guint) uid);
      g_autofree char *gid_map = g_strdup_printf ("0 %u 1\n", (guint) gid);

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
        {
          *reason = g_strdup_printf ("no user namespaces (%s)", g_strerror (errno));
          return FALSE;
        }
      if (!write_id_map ("/proc/self/setgroups", "deny") ||
          !write_id_map ("/proc/self/uid_map", uid_map) ||
          !write_id_map ("/proc/self/gid_map", gid_map))
        {
          *reason = g_strdup ("could not map the user in a user namespace");
          return FALSE;
        }
    }
  if (mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("tv-full", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
    {
      *reason = g_strdup_printf ("mount tmpfs: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static void
test_save_disk_full_child (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "full", NULL);
  g_autofree char *dest = g_build_filename (dir, "saved.pcap", NULL);
  g_autofree char *old = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  gsize old_len, after_len;
  guint n_files = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (!mount_small_tmpfs (dir, 64, &reason))
    {
      /* tell the parent, which skips */
      g_autofree char *note = g_build_filename (tmpdir, "skip-reason", NULL);
      g_assert_true (g_file_set_contents (note, reason, -1, NULL));
      exit (0);
    }

  /* the file to be replaced: a small capture, 4 KiB */
  tv_test_write_capture (dest, 8);
  g_assert_true (g_file_get_contents (dest, &old, &old_len, NULL));

  /* save 14 MB onto 60 KiB */
  g_assert_false (tv_writer_save_frames (big, dest, NULL, 0, NULL, &error));
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE);
  g_printerr ("MESSAGE: %s\n", error->message);
  g_assert_nonnull (strstr (error->message, "saved.pcap"));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));

  /* the old file is there, as it was, and no temporary file is left */
  g_assert_true (g_file_get_contents (dest, &after, &after_len, NULL));
  g_assert_cmpmem (old, old_len, after, after_len);
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n_files++;
  g_dir_close (d);
  g_assert_cmpuint (n_files, ==, 1);

  /* and once there is room again, saving works */
  g_clear_error (&error);
  {
    g_autofree char *small = g_build_filename (tmpdir, "small.pcap", NULL);
    tv_test_write_capture (small, 3);
    g_assert_true (tv_writer_save_frames (small, dest, NULL, 0, NULL, &error));
    g_assert_no_error (error);
  }
  exit (0);
}

static void
test_save_disk_full (void)
{
  if (g_test_subprocess ())
    {
      test_save_disk_full_child ();
      return;
    }
  g_autofree char *note = g_build_filename (tmpdir, "skip-reason", NULL);
  g_autofree char *reason = NULL;

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  if (g_file_get_contents (note, &reason, NULL, NULL))
    {
      g_unlink (note);
      g_test_skip (reason);
      return;
    }
  g_test_message ("ENOSPC from a full 64 KiB tmpfs in a private mount namespace");
}

int
main (int argc, char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* the subprocess of the disk-full test needs the same folder */
  tmpdir = g_strdup (g_getenv ("TV_FAULTS_TMPDIR"));
  if (tmpdir == NULL)
    {
      tmpdir = g_dir_make_tmp ("tv-faults-XXXXXX", NULL);
      g_assert_nonnull (tmpdir);
      g_setenv ("TV_FAULTS_TMPDIR", tmpdir, TRUE);
    }
  big = g_build_filename (tmpdir, "big.pcap", NULL);
  if (!g_test_subprocess ())
    tv_test_write_capture (big, N_CONNS);

  g_test_add_func ("/faults/loader/deleted", test_loader_deleted);
  g_test_add_func ("/faults/loader/truncated", test_loader_truncated);
  g_test_add_func ("/faults/loader/growing", test_loader_growing);
  g_test_add_func ("/faults/load-file/deleted-truncated-growing", test_load_file_faults);
  g_test_add_func ("/faults/writer/disk-full", test_save_disk_full);

  ret = g_test_run ();

  if (!g_test_subprocess ())
    {
      g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *p = g_build_filename (tmpdir, name, NULL);
          if (g_unlink (p) != 0)
            g_rmdir (p);
        }
      g_rmdir (tmpdir);
    }
  g_free (big);
  g_free (tmpdir);
  return ret;
}
