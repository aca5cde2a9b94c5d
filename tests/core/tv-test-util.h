/* tv-test-util.h: what the test programs share besides captures they write
 * themselves (tv-test-pcap.h): the path of a capture in tests/captures, the
 * records in a pcap file, a PID that no process has, removing a temporary
 * folder.  GLib and libpcap only: the core, ui and render tests use it. */
#pragma once

#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

/* @name in tests/captures: $TV_TEST_CAPTURES (meson sets it), else next to
 * $G_TEST_SRCDIR. */
static inline char *
tv_test_capture_path (const char *name)
{
  const char *dir = g_getenv ("TV_TEST_CAPTURES");

  if (dir == NULL)
    return g_test_build_filename (G_TEST_DIST, "..", "captures", name, NULL);
  return g_build_filename (dir, name, NULL);
}

/* The records libpcap reads from @path. */
static inline guint64
tv_test_pcap_count (const char *path)
{
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_t *p = pcap_open_offline (path, errbuf);
  struct pcap_pkthdr *hdr;
  const u_char *data;
  guint64 n = 0;

  g_assert_nonnull (p);
  while (pcap_next_ex (p, &hdr, &data) == 1)
    n++;
  pcap_close (p);
  return n;
}

/* A PID that no process has: a child that has exited and been reaped. */
static inline int
tv_test_dead_pid (void)
{
  pid_t pid = fork ();
  int status;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_cmpint (kill (pid, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);
  return pid;
}

/* Removes @path and everything under it, not following symbolic links (a
 * temporary XDG_CACHE_HOME: Mesa puts its shader cache there too).  NULL:
 * nothing. */
static inline void
tv_test_remove_tree (const char *path)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (path == NULL)
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  d = g_dir_open (path, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      tv_test_remove_tree (child);
    }
  g_rmdir (path);
}
