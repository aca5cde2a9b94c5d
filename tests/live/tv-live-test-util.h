/* tv-live-test-util.h: real traffic for the live tests: a local HTTP server
 * (python3 -m http.server on 127.0.0.1), curl requests, tcpdump as the
 * reference.  Every wait is bounded in time. */
#pragma once

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <glib.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib-unix.h>

/* A free TCP port on 127.0.0.1 in an unusual range. */
static inline guint16
tv_live_test_free_port (void)
{
  for (guint attempt = 0; attempt < 200; attempt++)
    {
      guint16 port = (guint16) g_random_int_range (42000, 48999);
      struct sockaddr_in sin = { 0 };
      int fd = socket (AF_INET, SOCK_STREAM, 0);
      int ok;

      g_assert_cmpint (fd, >=, 0);
      sin.sin_family = AF_INET;
      sin.sin_port = htons (port);
      sin.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
      ok = bind (fd, (struct sockaddr *) &sin, sizeof sin) == 0;
      close (fd);
      if (ok)
        return port;
    }
  g_error ("no free port on 127.0.0.1");
  return 0;
}

/* TRUE when something listens on 127.0.0.1:@port, read from
 * /proc/net/tcp: no connection is made, so no segment of a probe can come
 * later into a capture. */
static inline gboolean
tv_live_test_port_listening (guint16 port)
{
  g_autofree char *contents = NULL;
  g_autofree char *local = g_strdup_printf (" 0100007F:%04X 00000000:0000 0A ", port);

  if (!g_file_get_contents ("/proc/net/tcp", &contents, NULL, NULL))
    return FALSE;
  return strstr (contents, local) != NULL;
}

/* Children of the tests end with them, even when a test aborts. */
static inline void
tv_live_test_die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static inline GSubprocess *
tv_live_test_spawn (GSubprocessFlags     flags,
                    GError             **error,
                    const char * const  *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, tv_live_test_die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

/* Sleeps while running the default main context. */
static inline void
tv_live_test_spin (gint64 us)
{
  gint64 end = g_get_monotonic_time () + us;
  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

/* python3 -m http.server on 127.0.0.1:@port serving @dir; waits (10 s at
 * most) until it listens. */
static inline GSubprocess *
tv_live_test_start_http_server (guint16     port,
                                const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *port_s = g_strdup_printf ("%u", port);
  GSubprocess *server;
  gint64 end;

  const char *argv[] = { "python3", "-m", "http.server", "--bind", "127.0.0.1",
                         "--directory", dir, port_s, NULL };

  server = tv_live_test_spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error, argv);
  g_assert_no_error (error);
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!tv_live_test_port_listening (port))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (20000);
    }
  return server;
}

/* Sends @signum and waits (5 s at most, then SIGKILL) for @proc to end. */
static inline void
tv_live_test_stop (GSubprocess *proc,
                   int          signum)
{
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  if (proc == NULL)
    return;
  g_subprocess_send_signal (proc, signum);
  /* GLib reaps it in its worker thread; the identifier goes then. */
  while (g_subprocess_get_identifier (proc) != NULL && g_get_monotonic_time () < end)
    g_usleep (5000);
  if (g_subprocess_get_identifier (proc) != NULL)
    g_subprocess_force_exit (proc);
  g_subprocess_wait (proc, NULL, NULL);
}

/* curl http://127.0.0.1:@port/@path, once (a new connection each time).
 * Returns TRUE when curl succeeded; says why not otherwise. */
static inline gboolean
tv_live_test_curl (guint16     port,
                   const char *path)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/%s", port, path);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  const char *argv[] = { "curl", "-sS", "-o", "/dev/null", "--max-time", "10", url, NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     NULL, &err, &status, &error))
    {
      g_test_message ("curl %s could not run: %s", url, error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_test_message ("curl %s failed: %s: %s", url, error->message, err ? err : "");
      return FALSE;
    }
  return TRUE;
}

/* tcpdump -i lo -U -B 16384 -w @path @filter (the same 16 MiB buffer as
 * TvLiveCapture's; with --immediate-mode if @immediate);
 * waits (10 s at most) until it says it is listening.  Without immediate
 * mode tcpdump gets packets in blocks the kernel hands over after at most
 * a second, and loses the block still open when it is interrupted. */
static inline GSubprocess *
tv_live_test_start_tcpdump (const char *path,
                            const char *filter,
                            gboolean    immediate)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;
  GInputStream *err;
  GString *seen = g_string_new (NULL);
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  const char *argv[] = { "tcpdump", "-i", "lo", "-U", "-n", "-B", "16384",
                         immediate ? "--immediate-mode" : "-U", "-w", path, filter, NULL };

  proc = tv_live_test_spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                             &error, argv);
  g_assert_no_error (error);
  err = g_subprocess_get_stderr_pipe (proc);
  g_unix_set_fd_nonblocking (g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (err)), TRUE, NULL);
  while (strstr (seen->str, "listening on") == NULL)
    {
      char buf[256];
      gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (err), buf,
                                                           sizeof buf, NULL, NULL);
      if (n > 0)
        g_string_append_len (seen, buf, n);
      else if (n == 0)
        g_error ("tcpdump ended: %s", seen->str);
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (10000);
    }
  g_string_free (seen, TRUE);
  return proc;
}

/* Waits for tcpdump to end after SIGINT and returns what it printed on
 * standard error ("N packets captured …"). */
static inline char *
tv_live_test_stop_tcpdump (GSubprocess *proc)
{
  g_autoptr(GError) error = NULL;
  GInputStream *err = g_subprocess_get_stderr_pipe (proc);
  GString *text = g_string_new (NULL);
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_subprocess_send_signal (proc, SIGINT);
  for (;;)
    {
      char buf[256];
      gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (err), buf,
                                                           sizeof buf, NULL, NULL);
      if (n > 0)
        g_string_append_len (text, buf, n);
      else if (n == 0)
        break;
      else
        g_usleep (10000);
      g_assert_cmpint (g_get_monotonic_time (), <, end);
    }
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  return g_string_free (text, FALSE);
}

static inline gboolean
tv_live_test_have (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);
  return path != NULL;
}

/* Appends what @stream (a pipe from a subprocess) has now to @text, without
 * blocking.  Returns FALSE at the end of the stream. */
static inline gboolean
tv_live_test_read_available (GInputStream *stream,
                             GString      *text)
{
  g_unix_set_fd_nonblocking (g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (stream)),
                             TRUE, NULL);
  for (;;)
    {
      char buf[1024];
      gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (stream), buf,
                                                           sizeof buf, NULL, NULL);
      if (n > 0)
        g_string_append_len (text, buf, n);
      else
        return n != 0;
    }
}
