/* test-spool.c: orphaned live capture spools, with real files in a
 * temporary folder and real processes. */
#define G_LOG_DOMAIN "test-spool"
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

#include "tv-spool.h"
#include "tv-core-error.h"
#include "tv-test-util.h"

/* A running child called "tcpviz" (its /proc/PID/comm), until killed. */
static pid_t
fake_tcpviz (void)
{
  int fds[2];
  pid_t pid;
  char c;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      prctl (PR_SET_NAME, "tcpviz", 0, 0, 0);
      if (write (fds[1], "x", 1) != 1)
        _exit (1);
      for (;;)
        pause ();
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &c, 1), ==, 1);   /* named by now */
  close (fds[0]);
  return pid;
}

static void
stop_child (pid_t pid)
{
  int status;

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
}

static char *
spool_name (const char *iface,
            const char *stamp,
            int         pid)
{
  return g_strdup_printf ("capture-%s-%s-%d.pcap", iface, stamp, pid);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, len, NULL));
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       len)
{
  g_assert_true (g_file_set_contents (path, data, len, NULL));
}

static void
set_mtime (const char *path,
           gint64      when)
{
  struct timeval tv[2] = { { when, 0 }, { when, 0 } };

  g_assert_cmpint (utimes (path, tv), ==, 0);
}

/* ---- names ---------------------------------------------------------------------- */

static void
test_parse_name (void)
{
  g_autofree char *iface = NULL;
  g_autoptr(GDateTime) started = NULL;
  int pid = 0;
  const char *bad[] = {
    "capture-lo-20261122-054012.pcap",          /* no PID */
    "capture-20261122-054012-4242.pcap",        /* no interface */
    "capture--20261122-054012-4242.pcap",       /* empty interface */
    "capture-lo-20261122-054012-0.pcap",        /* PID 0 */
    "capture-lo-20261122-054012-04242.pcap",
    "capture-lo-20261122-054012-42x.pcap",
    "capture-lo-20261122-054012-1234567890.pcap",
    "capture-lo-20261322-054012-4242.pcap",     /* month 13 */
    "capture-lo-20261122-254012-4242.pcap",     /* 25 o'clock */
    "capture-lo-2026112-054012-4242.pcap",
    "capture-lo-20261122-54012-4242.pcap",
    "capture-lo-20261122054012-4242.pcap",
    "capture-lo-20261122-054012-4242.pcapng",
    "capture-lo-20261122-054012-4242.pcap.tmp",
    "Capture-lo-20261122-054012-4242.pcap",
    "capture-l o-20261122-054012-4242.pcap",    /* not a name tcpviz writes */
    "capture-.pcap",
    "capture-",
    "",
    "notes.txt",
  };

  g_assert_true (tv_spool_parse_name ("capture-lo-20261122-054012-4242.pcap", &iface, &started, &pid));
  g_assert_cmpstr (iface, ==, "lo");
  g_assert_cmpint (pid, ==, 4242);
  g_assert_cmpint (g_date_time_get_year (started), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (started), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_month (started), ==, 22);
  g_assert_cmpint (g_date_time_get_hour (started), ==, 5);
  g_assert_cmpint (g_date_time_get_minute (started), ==, 40);
  g_assert_cmpint (g_date_time_get_second (started), ==, 12);
  g_clear_pointer (&iface, g_free);
  g_clear_pointer (&started, g_date_time_unref);

  /* interfaces with dashes, dots and the '_' that replaced other characters */
  g_assert_true (tv_spool_parse_name ("capture-br-1a2b3c-20260101-000000-7.pcap", &iface, NULL, &pid));
  g_assert_cmpstr (iface, ==, "br-1a2b3c");
  g_assert_cmpint (pid, ==, 7);
  g_clear_pointer (&iface, g_free);
  g_assert_true (tv_spool_parse_name ("capture-eth0.100-20260101-235959-99999.pcap", &iface, NULL, NULL));
  g_assert_cmpstr (iface, ==, "eth0.100");
  g_clear_pointer (&iface, g_free);
  g_assert_true (tv_spool_parse_name ("capture-wl_x-20260101-000000-1.pcap", NULL, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_false (tv_spool_parse_name (bad[i], &iface, &started, &pid));
      g_assert_null (iface);
      g_assert_null (started);
    }
}

static void
test_suggest_name (void)
{
  g_autoptr(TvSpool) spool = g_new0 (TvSpool, 1);
  g_autofree char *name = NULL;

  g_assert_true (tv_spool_parse_name ("capture-br-1a2b-20261122-054012-4242.pcap",
                                      &spool->iface, &spool->started, &spool->pid));
  name = tv_spool_suggest_name (spool);
  g_assert_cmpstr (name, ==, "capture-br-1a2b-20261122-054012.pcap");
}

/* ---- processes -------------------------------------------------------------------- */

static void
test_owner (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  pid_t child;

  /* this process is running, whatever its name */
  g_assert_true (tv_spool_owner_running (getpid (), now));
  g_assert_true (tv_spool_owner_running (getpid (), -1));
  /* …but a spool with its PID written long before it started was not its
   * own: a dead TcpViz's, whose PID this process got after a reboot */
  if (g_file_test ("/proc/self/stat", G_FILE_TEST_EXISTS))
    g_assert_false (tv_spool_owner_running (getpid (), now - 10 * 365 * 86400));
  /* no process */
  g_assert_false (tv_spool_owner_running (tv_test_dead_pid (), now));
  g_assert_false (tv_spool_owner_running (0, now));
  g_assert_false (tv_spool_owner_running (-5, now));

  if (!g_file_test ("/proc/self/comm", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /proc: the PID-reuse rules cannot be checked");
      return;
    }

  /* a running process, whatever its name, that started before the spool
   * was last written may be its writer (a test program that captures):
   * in use.  One that started after it has a reused PID: an orphan.  Our
   * parent (meson, a shell) and PID 1 started before now, and long after
   * ten years ago. */
  g_assert_true (tv_spool_owner_running (getppid (), now));
  g_assert_false (tv_spool_owner_running (getppid (), now - 10 * 365 * 86400));
  if (kill (1, 0) == 0)
    {
      g_assert_true (tv_spool_owner_running (1, now));
      g_assert_false (tv_spool_owner_running (1, now - 10 * 365 * 86400));
    }

  /* a running tcpviz, started before the spool was last written: in use */
  child = fake_tcpviz ();
  g_assert_true (tv_spool_owner_running (child, now + 1));
  g_assert_true (tv_spool_owner_running (child, -1));   /* modified: not known */
  /* …but one started an hour after the spool was last written did not
   * write it: the PID was reused */
  g_assert_false (tv_spool_owner_running (child, now - 3600));
  stop_child (child);
  g_assert_false (tv_spool_owner_running (child, now + 1));
}

/* ---- counting ------------------------------------------------------------------------ */

static void
test_count (void)
{
  g_autofree char *source = tv_test_capture_path ("loopback-http.pcap");
  g_autofree char *dir = g_dir_make_tmp ("tv-test-spool-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "a.pcap", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.pcap", NULL);
  g_autofree char *tiny = g_build_filename (dir, "tiny.pcap", NULL);
  g_autofree char *big_endian = g_build_filename (dir, "be.pcap", NULL);
  g_autofree char *text = g_build_filename (dir, "text.pcap", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n = 99, expected;
  gsize len;

  expected = tv_test_pcap_count (source);
  g_assert_cmpuint (expected, >, 2);
  copy_file (source, copy);
  g_assert_true (tv_spool_count_packets (copy, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected);

  /* the last record cut short (killed while writing it) is not counted */
  g_assert_true (g_file_get_contents (source, &contents, &len, NULL));
  write_bytes (cut, contents, len - 3);
  g_assert_true (tv_spool_count_packets (cut, &n, NULL, &error));
  g_assert_cmpuint (n, ==, expected - 1);
  /* a header and no record; half a header; nothing */
  write_bytes (cut, contents, 24);
  g_assert_true (tv_spool_count_packets (cut, &n, NULL, &error));
  g_assert_cmpuint (n, ==, 0);
  write_bytes (tiny, contents, 10);
  g_assert_true (tv_spool_count_packets (tiny, &n, NULL, &error));
  g_assert_cmpuint (n, ==, 0);
  write_bytes (tiny, "", 0);
  g_assert_true (tv_spool_count_packets (tiny, &n, NULL, &error));
  g_assert_cmpuint (n, ==, 0);

  /* the other byte order, nanoseconds: two records of 3 and 0 bytes */
  {
    static const guint8 be[] = {
      0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 101,
      0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 3, 0x45, 0, 0,
      0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    };
    write_bytes (big_endian, be, sizeof be);
    g_assert_true (tv_spool_count_packets (big_endian, &n, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 2);
  }

  /* not a pcap file */
  write_bytes (text, "hello, this is no capture at all\n", 33);
  g_assert_false (tv_spool_count_packets (text, &n, NULL, &error));
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_FORMAT);
  g_clear_error (&error);
  /* no file */
  g_assert_false (tv_spool_count_packets ("/nonexistent/x.pcap", &n, NULL, &error));
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_OPEN);
  g_clear_error (&error);

  g_unlink (copy);
  g_unlink (cut);
  g_unlink (tiny);
  g_unlink (big_endian);
  g_unlink (text);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- listing ---------------------------------------------------------------------------- */

static const TvSpool *
find_spool (GPtrArray  *spools,
            const char *path)
{
  for (guint i = 0; i < spools->len; i++)
    {
      const TvSpool *spool = g_ptr_array_index (spools, i);
      if (g_str_equal (spool->path, path))
        return spool;
    }
  return NULL;
}

static void
test_list (void)
{
  g_autofree char *source = tv_test_capture_path ("loopback-http.pcap");
  g_autofree char *dir = g_dir_make_tmp ("tv-test-spool-XXXXXX", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) spools = NULL;
  g_autoptr(GError) error = NULL;
  int dead = tv_test_dead_pid ();
  int mine = getpid ();
  guint64 expected = tv_test_pcap_count (source);
  guint removed = 99;
  gsize len;
  struct {
    const char *iface, *stamp;
    int         pid;
    gsize       bytes;      /* of loopback-http.pcap: G_MAXSIZE for all of it */
    gboolean    listed, kept;
  } cases[] = {
    { "lo",       "20261122-054012", 0, G_MAXSIZE, TRUE,  TRUE },   /* dead: offered */
    { "br-1a2b",  "20261123-101500", 0, G_MAXSIZE, TRUE,  TRUE },   /* dead, newer */
    { "eth0",     "20261121-080000", 1, G_MAXSIZE, FALSE, TRUE },   /* this process's */
    { "eth0",     "20261120-080000", 1, 24,        FALSE, TRUE },   /* this process's, empty: kept */
    { "wlan0",    "20261120-090000", 0, 24,        FALSE, FALSE },  /* dead, header only: removed */
    { "wlan0",    "20261120-090001", 0, 0,         FALSE, FALSE },  /* dead, 0 bytes: removed */
    { "wlan0",    "20261120-090002", 0, 13,        FALSE, FALSE },  /* dead, header cut: removed */
  };
  const char *malformed[] = {
    "capture-lo-20261122-054012.pcap",
    "capture-lo-20261122-054012-abc.pcap",
    "capture-lo-20261122-054012-%d.pcapng",
    "notes-%d.pcap",
    "capture-lo-2026-11-22-054012-%d.pcap",
  };
  g_autofree char *not_pcap = NULL;
  g_autofree char *link = NULL;
  g_autofree char *subdir = NULL;

  g_assert_true (g_file_get_contents (source, &contents, &len, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = spool_name (cases[i].iface, cases[i].stamp, cases[i].pid ? mine : dead);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      write_bytes (path, contents, MIN (cases[i].bytes, len));
    }
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_autofree char *name = g_strdup_printf (malformed[i], dead);
#pragma GCC diagnostic pop
      g_autofree char *path = g_build_filename (dir, name, NULL);

      write_bytes (path, contents, len);
    }
  /* named like an orphan, but not a pcap file: left alone */
  {
    g_autofree char *name = spool_name ("lo", "20261122-060000", dead);
    not_pcap = g_build_filename (dir, name, NULL);
    write_bytes (not_pcap, "no capture here, but more than a header's worth of text\n", 56);
  }
  /* a symbolic link and a folder named like orphans: left alone */
  {
    g_autofree char *name = spool_name ("lo", "20261122-070000", dead);
    link = g_build_filename (dir, name, NULL);
    g_assert_cmpint (symlink ("capture-lo-20261122-054012.pcap", link), ==, 0);
  }
  {
    g_autofree char *name = spool_name ("lo", "20261122-080000", dead);
    subdir = g_build_filename (dir, name, NULL);
    g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
  }

  spools = tv_spool_list_orphans (dir, &removed, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (spools);
  g_assert_cmpuint (spools->len, ==, 2);
  g_assert_cmpuint (removed, ==, 3);

  /* newest first */
  {
    const TvSpool *a = g_ptr_array_index (spools, 0);
    const TvSpool *b = g_ptr_array_index (spools, 1);
    g_autofree char *name = spool_name ("lo", "20261122-054012", dead);
    g_autofree char *path = g_build_filename (dir, name, NULL);
    struct stat st;

    g_assert_cmpstr (a->iface, ==, "br-1a2b");
    g_assert_cmpstr (b->iface, ==, "lo");
    g_assert_cmpstr (b->path, ==, path);
    g_assert_cmpint (b->pid, ==, dead);
    g_assert_cmpuint (b->size, ==, len);
    g_assert_cmpuint (b->n_packets, ==, expected);
    g_assert_cmpint (g_date_time_get_day_of_month (b->started), ==, 22);
    g_assert_cmpint (g_date_time_get_hour (b->started), ==, 5);
    g_assert_cmpint (g_date_time_get_minute (b->started), ==, 40);
    g_assert_cmpint (stat (path, &st), ==, 0);
    g_assert_cmpint (b->modified, ==, st.st_mtime);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = spool_name (cases[i].iface, cases[i].stamp, cases[i].pid ? mine : dead);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_test_message ("%s", name);
      g_assert_cmpint (find_spool (spools, path) != NULL, ==, cases[i].listed);
      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, cases[i].kept);
    }
  g_assert_true (g_file_test (not_pcap, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (subdir, G_FILE_TEST_IS_DIR));

  /* a spool of a running program that is not tcpviz (our parent) but was
   * running when the spool was written: not offered; written ten years
   * before that program started: offered */
  {
    g_autofree char *name = spool_name ("lo", "20261124-010000", (int) getppid ());
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_autoptr(GPtrArray) again = NULL;

    write_bytes (path, contents, len);
    again = tv_spool_list_orphans (dir, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (find_spool (again, path));
    g_clear_pointer (&again, g_ptr_array_unref);
    set_mtime (path, g_get_real_time () / G_USEC_PER_SEC - 10 * 365 * 86400);
    again = tv_spool_list_orphans (dir, NULL, NULL, &error);
    g_assert_nonnull (find_spool (again, path));
    g_assert_cmpuint (again->len, ==, 3);
    g_unlink (path);
  }

  /* a spool of a running tcpviz is not offered; once it has died, it is */
  {
    pid_t child = fake_tcpviz ();
    g_autofree char *name = spool_name ("any", "20261124-000000", child);
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_autoptr(GPtrArray) again = NULL;

    write_bytes (path, contents, len);
    again = tv_spool_list_orphans (dir, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (find_spool (again, path));
    g_assert_cmpuint (again->len, ==, 2);
    g_clear_pointer (&again, g_ptr_array_unref);

    /* the same PID, but the spool was last written a day before that
     * tcpviz started: the PID was reused */
    set_mtime (path, g_get_real_time () / G_USEC_PER_SEC - 86400);
    again = tv_spool_list_orphans (dir, NULL, NULL, &error);
    g_assert_nonnull (find_spool (again, path));
    g_clear_pointer (&again, g_ptr_array_unref);

    set_mtime (path, g_get_real_time () / G_USEC_PER_SEC + 1);
    stop_child (child);
    again = tv_spool_list_orphans (dir, NULL, NULL, &error);
    g_assert_nonnull (find_spool (again, path));
    g_assert_cmpuint (again->len, ==, 3);
    g_assert_cmpstr (((TvSpool *) g_ptr_array_index (again, 0))->iface, ==, "any");
    g_assert_true (tv_spool_discard (g_ptr_array_index (again, 0), &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  /* discard: the file goes; discarding it again is no error */
  {
    TvSpool *first = g_ptr_array_index (spools, 0);
    g_autoptr(TvSpool) copy = tv_spool_copy (first);
    g_autoptr(GPtrArray) again = NULL;

    g_assert_cmpstr (copy->path, ==, first->path);
    g_assert_cmpstr (copy->iface, ==, first->iface);
    g_assert_true (g_date_time_equal (copy->started, first->started));
    g_assert_true (tv_spool_discard (first, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (first->path, G_FILE_TEST_EXISTS));
    g_assert_true (tv_spool_discard (first, &error));
    g_assert_no_error (error);
    again = tv_spool_list_orphans (dir, NULL, NULL, &error);
    g_assert_cmpuint (again->len, ==, 1);
  }

  /* clean up everything that is left */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    g_rmdir (subdir);
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
  }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A folder that is not there holds no spool; one that cannot be read says so. */
static void
test_list_no_folder (void)
{
  g_autoptr(GPtrArray) spools = NULL;
  g_autoptr(GError) error = NULL;
  guint removed = 99;

  spools = tv_spool_list_orphans ("/nonexistent/tcpviz", &removed, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (spools);
  g_assert_cmpuint (spools->len, ==, 0);
  g_assert_cmpuint (removed, ==, 0);

  if (getuid () == 0)
    g_test_message ("running as root, which reads any folder: the unreadable folder is not tried");
  else
    {
      g_autofree char *dir = g_dir_make_tmp ("tv-test-spool-XXXXXX", NULL);

      g_assert_cmpint (g_chmod (dir, 0), ==, 0);
      g_clear_pointer (&spools, g_ptr_array_unref);
      spools = tv_spool_list_orphans (dir, NULL, NULL, &error);
      g_assert_null (spools);
      g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_OPEN);
      g_chmod (dir, 0700);
      g_rmdir (dir);
    }
}

/* The default folder follows XDG_CACHE_HOME (as the live capture's spool does). */
static void
test_default_dir (void)
{
  g_autofree char *dir = tv_spool_default_dir ();
  g_autofree char *expected = g_build_filename (g_get_user_cache_dir (), "tcpviz", NULL);

  g_assert_cmpstr (dir, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/spool/parse-name", test_parse_name);
  g_test_add_func ("/core/spool/suggest-name", test_suggest_name);
  g_test_add_func ("/core/spool/owner", test_owner);
  g_test_add_func ("/core/spool/count", test_count);
  g_test_add_func ("/core/spool/list", test_list);
  g_test_add_func ("/core/spool/list-no-folder", test_list_no_folder);
  g_test_add_func ("/core/spool/default-dir", test_default_dir);

  return g_test_run ();
}
