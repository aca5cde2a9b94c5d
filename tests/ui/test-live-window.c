/* test-live-window.c: live capture from the window (issue 5) under a real
 * display (Xvfb in `meson test`): the capture dialog, a capture on lo while
 * curl talks to a local `python3 -m http.server`, Stop, the spool, Save,
 * and `tcpviz --capture` with and without a window.
 *
 * Only 127.0.0.1 traffic; every wait is bounded.  The HTTP server dies with
 * this process (PR_SET_PDEATHSIG), even when an assertion aborts it, and is
 * killed at the end otherwise.  Skipped (77) without a display, without the
 * right to capture (not root, no CAP_NET_RAW) or without curl and python3. */
#define G_LOG_DOMAIN "test-live-window"
#include "config.h"

#include <signal.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/types.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "tv-application.h"
#include "tv-capture-dialog.h"
#include "tv-connection-view.h"
#include "tv-ladder-view.h"
#include "tv-core-error.h"
#include "tv-live-capture.h"
#include "tv-load.h"
#include "tv-window.h"
#include "tv-ui-test-util.h"

static TvApplication *app;
static GPid server_pid;
static guint server_port;
static char *server_dir;
static char *tmp_dir;

/* ---- helpers ------------------------------------------------------------------ */

static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

static void
stop_server (void)
{
  if (server_pid != 0)
    {
      kill (server_pid, SIGKILL);
      waitpid (server_pid, NULL, 0);
      g_spawn_close_pid (server_pid);
      server_pid = 0;
    }
}

/* A free port on 127.0.0.1: bind to port 0 and let go. */
static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* One request with curl, bounded (2 s); TRUE if it got an answer. */
static gboolean
curl_once (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", server_port);
  const char *argv[] = { "curl", "-s", "-o", "/dev/null", "--max-time", "2", url, NULL };
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* python3 -m http.server on 127.0.0.1, serving an empty folder; waits (at
 * most 10 s) until it answers. */
static void
start_server (void)
{
  g_autofree char *port = NULL;
  gint64 end;
  const char *argv[] = { "python3", "-m", "http.server", NULL, "--bind", "127.0.0.1",
                         "--directory", NULL, NULL };
  g_autoptr(GError) error = NULL;

  server_port = free_port ();
  port = g_strdup_printf ("%u", server_port);
  argv[3] = port;
  argv[7] = server_dir;
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                die_with_parent, NULL, &server_pid, &error));
  g_assert_no_error (error);

  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!curl_once ())
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (100 * 1000);
    }
}

/* A connection to the server with its whole handshake. */
static gboolean
has_handshake (TvConn *conn)
{
  gboolean syn = FALSE, syn_ack = FALSE, ack = FALSE;

  if (conn == NULL || conn->server.port != server_port)
    return FALSE;
  for (guint i = 0; i < conn->n_segs; i++)
    {
      guint16 flags = conn->segs[i].flags;

      if ((flags & TV_TCP_SYN) && !(flags & TV_TCP_ACK))
        syn = TRUE;
      else if ((flags & TV_TCP_SYN) && (flags & TV_TCP_ACK) && syn)
        syn_ack = TRUE;
      else if ((flags & TV_TCP_ACK) && syn_ack)
        ack = TRUE;
    }
  return syn && syn_ack && ack;
}

/* Connections to the server with a handshake in @list (TvConnection items). */
static guint
count_handshakes (GListModel *list)
{
  guint n = 0;

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TvConnection) item = g_list_model_get_item (list, i);

      if (has_handshake (tv_connection_get_conn (item)))
        n++;
    }
  return n;
}

static guint
file_n_conns (const char *path)
{
  TvTracker *tracker = tv_tracker_new ();
  TvLoadStats stats = { 0 };
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (tv_load_file (path, tracker, NULL, &stats, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < tv_tracker_get_n_conns (tracker); i++)
    if (has_handshake (tv_tracker_get_conn (tracker, i)))
      n++;
  tv_load_stats_clear (&stats);
  tv_tracker_free (tracker);
  return n;
}

static void
check_with_tshark (const char *path)
{
  g_autofree char *tshark = g_find_program_in_path ("tshark");
  g_autofree char *out = NULL;
  const char *argv[] = { "tshark", "-r", path, NULL };
  int status = -1;

  if (tshark == NULL)
    {
      g_test_message ("tshark is not installed: %s read with tv_load_file only", path);
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "SYN"));
}

/* ---- tests ---------------------------------------------------------------------- */

static void
test_dialog (void)
{
  TvCaptureDialog *dialog = tv_capture_dialog_new (NULL);
  g_auto(GStrv) names = tv_capture_dialog_dup_interface_names (dialog);
  GtkWidget *start;

  gtk_window_present (GTK_WINDOW (dialog));
  tv_ui_test_spin (100);
  start = tv_ui_test_find_actionable (GTK_WIDGET (dialog), "capture.start");
  g_assert_nonnull (start);

  /* lo is listed, and can be chosen */
  g_assert_true (g_strv_contains ((const char * const *) names, "lo"));
  g_assert_true (tv_capture_dialog_set_interface (dialog, "lo"));
  g_assert_cmpstr (tv_capture_dialog_get_interface (dialog), ==, "lo");
  g_assert_false (tv_capture_dialog_set_interface (dialog, "no-such-interface0"));

  /* the default filter is good */
  g_assert_cmpstr (tv_capture_dialog_get_filter (dialog), ==, "tcp");
  g_assert_true (tv_capture_dialog_get_can_start (dialog));
  g_assert_true (gtk_widget_get_sensitive (start));

  /* a bad one disables Start and says why */
  tv_capture_dialog_set_filter (dialog, "tcp port");
  g_assert_false (tv_capture_dialog_get_can_start (dialog));
  g_assert_false (gtk_widget_get_sensitive (start));
  g_assert_nonnull (tv_capture_dialog_get_filter_error (dialog));
  g_assert_cmpstr (tv_capture_dialog_get_filter_error (dialog), !=, "");
  g_test_message ("bad filter: %s", tv_capture_dialog_get_filter_error (dialog));

  /* a good one enables it again */
  tv_capture_dialog_set_filter (dialog, "tcp port 8000 and host 127.0.0.1");
  g_assert_true (tv_capture_dialog_get_can_start (dialog));
  g_assert_true (gtk_widget_get_sensitive (start));
  g_assert_null (tv_capture_dialog_get_filter_error (dialog));
  g_assert_cmpstr (tv_capture_dialog_get_filter (dialog), ==, "tcp port 8000 and host 127.0.0.1");

  /* the options */
  g_assert_cmpint (tv_capture_dialog_get_snaplen (dialog), ==, TV_LIVE_CAPTURE_DEFAULT_SNAPLEN);
  g_assert_false (tv_capture_dialog_get_promiscuous (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* In a Flatpak sandbox the action explains, with the tcpdump pipe. */
static void
test_flatpak (void)
{
  TvWindow *window = tv_window_new (app);
  guint explained = 0;

  gtk_window_present (GTK_WINDOW (window));
  g_setenv ("TV_TEST_FLATPAK", "1", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.live-capture", NULL));
  g_unsetenv ("TV_TEST_FLATPAK");
  tv_ui_test_spin (50);
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    {
      g_assert_false (TV_IS_CAPTURE_DIALOG (l->data));
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
        {
          GtkWidget *extra = adw_message_dialog_get_extra_child (l->data);

          g_assert_true (GTK_IS_LABEL (extra));
          g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (extra)), "tcpdump"));
          g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (extra)), "flatpak run"));
          gtk_window_destroy (l->data);
          explained++;
        }
    }
  g_assert_cmpuint (explained, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Start from the dialog: the capture goes into the (empty) window. */
static void
on_dialog_start (TvCaptureDialog *dialog,
                 gboolean        *started)
{
  *started = TRUE;
}

static void
test_dialog_start (void)
{
  TvWindow *window = tv_window_new (app);
  TvCaptureDialog *dialog;
  gboolean started = FALSE;
  g_autofree char *filter = g_strdup_printf ("tcp port %u", server_port);
  gint64 end;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.live-capture", NULL));
  tv_ui_test_spin (100);
  /* the dialog is the window's modal child */
  dialog = NULL;
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (TV_IS_CAPTURE_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_signal_connect (dialog, "start", G_CALLBACK (on_dialog_start), &started);
  g_assert_true (tv_capture_dialog_set_interface (dialog, "lo"));
  tv_capture_dialog_set_filter (dialog, filter);
  tv_capture_dialog_start (dialog);
  g_assert_true (started);

  /* the next dialog offers the same again */
  {
    TvCaptureDialog *again = tv_capture_dialog_new (NULL);

    g_assert_cmpstr (tv_capture_dialog_get_interface (again), ==, "lo");
    g_assert_cmpstr (tv_capture_dialog_get_filter (again), ==, filter);
    gtk_window_destroy (GTK_WINDOW (again));
  }

  g_assert_false (tv_window_is_empty (window));
  g_assert_nonnull (tv_capture_get_live (tv_window_get_capture (window)));
  g_assert_true (tv_capture_get_loading (tv_window_get_capture (window)));
  g_assert_cmpstr (tv_live_capture_get_filter (tv_capture_get_live (tv_window_get_capture (window))), ==, filter);

  g_assert_true (curl_once ());
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (count_handshakes (tv_window_get_connections (window)) < 1)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      tv_ui_test_spin (20);
    }
  tv_window_stop_capture (window);
  g_assert_false (tv_capture_get_loading (tv_window_get_capture (window)));

  /* unsaved: closing asks and the window stays; Discard is the dialog's */
  g_assert_true (tv_window_get_unsaved (window));
  gtk_window_close (GTK_WINDOW (window));
  tv_ui_test_spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      {
        g_assert_cmpstr (adw_message_dialog_get_heading (l->data), ==, "Save the capture?");
        adw_message_dialog_response (l->data, "discard");
      }
  /* the window closes from an idle, after the dialog */
  end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while (g_list_find (gtk_application_get_windows (GTK_APPLICATION (app)), window) != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      tv_ui_test_spin (20);
    }
}

typedef struct {
  gboolean done;
  gboolean ok;
  GError  *error;
} SaveResult;

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveResult *r = user_data;

  r->ok = tv_window_save_to_finish (TV_WINDOW (object), result, &r->error);
  r->done = TRUE;
}

static void
test_capture (void)
{
  TvWindow *window = tv_window_new (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = g_strdup_printf ("tcp port %u", server_port);
  g_autofree char *saved_path = g_build_filename (tmp_dir, "saved.pcap", NULL);
  g_autofree char *spool = NULL;
  g_autoptr(GFile) saved = NULL;
  SaveResult r = { 0 };
  TvCapture *capture;
  GListModel *list;
  gint64 end;
  guint n;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tv_window_start_capture (window, "lo", filter, 0, FALSE, 0, NULL, &error));
  g_assert_no_error (error);
  capture = tv_window_get_capture (window);
  g_assert_nonnull (tv_capture_get_live (capture));
  g_assert_true (tv_capture_get_loading (capture));
  spool = g_strdup (tv_capture_get_path (capture));
  g_assert_true (g_file_test (spool, G_FILE_TEST_IS_REGULAR));
  g_assert_true (gtk_widget_get_sensitive (tv_ui_test_find_actionable (GTK_WIDGET (window), "win.stop-capture")));

  /* real requests, while the window runs */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (curl_once ());
      tv_ui_test_spin (30);
    }
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  list = tv_window_get_connections (window);
  while (count_handshakes (list) < 3)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      tv_ui_test_spin (20);
    }
  /* the first one is selected and shown, handshake and all */
  g_assert_nonnull (tv_window_get_selected (window));
  g_assert_true (has_handshake (tv_connection_get_conn (tv_window_get_selected (window))));
  g_assert_true (tv_window_get_unsaved (window));

  /* Stop: immediate, and the spool is a capture that reads back */
  end = g_get_monotonic_time () + G_TIME_SPAN_SECOND;
  tv_window_stop_capture (window);
  g_assert_cmpint (g_get_monotonic_time (), <, end);
  g_assert_false (tv_capture_get_loading (capture));
  g_assert_true (tv_capture_get_loaded (capture));
  g_assert_null (tv_capture_get_error (capture));
  g_assert_false (gtk_widget_get_sensitive (tv_ui_test_find_actionable (GTK_WIDGET (window), "win.stop-capture")));
  n = count_handshakes (tv_window_get_connections (window));
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (file_n_conns (spool), ==, n);

  /* quitting asks too, and Cancel keeps everything */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  tv_ui_test_spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  {
    guint asked = 0;

    for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
        {
          adw_message_dialog_response (l->data, "cancel");
          asked++;
        }
    g_assert_cmpuint (asked, ==, 1);
  }
  tv_ui_test_spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (tv_window_get_unsaved (window));

  /* Save As writes the whole capture; the window is then saved */
  saved = g_file_new_for_path (saved_path);
  tv_window_save_to (window, saved, FALSE, on_saved, &r);
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!r.done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (file_n_conns (saved_path), ==, n);
  check_with_tshark (saved_path);
  g_assert_false (tv_window_get_unsaved (window));

  /* saved: it closes without asking, and the spool goes with it */
  gtk_window_close (GTK_WINDOW (window));
  tv_ui_test_spin (50);
  g_assert_false (g_file_test (spool, G_FILE_TEST_EXISTS));
  g_unlink (saved_path);
}

/* The selected connection grows while it is captured: the diagram takes
 * the new segments in and follows the newest one, unless the person
 * scrolled away from the end.  The test itself keeps one connection to
 * the server busy: a request whose header lines go out one at a time,
 * each a segment and its acknowledgement (http.server reads up to 100). */
typedef struct {
  GOutputStream *out;
  guint          lines;
} SlowRequest;

static gboolean
send_header_line (gpointer user_data)
{
  SlowRequest *req = user_data;
  g_autofree char *line = NULL;

  if (req->lines >= 90)
    return G_SOURCE_CONTINUE;
  line = g_strdup_printf (req->lines == 0 ? "GET / HTTP/1.1\r\n" : "X-Line-%u: %u\r\n", req->lines, req->lines);
  g_output_stream_write_all (req->out, line, strlen (line), NULL, NULL, NULL);
  req->lines++;
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_for_growth (TvWindow *window,
                 guint     more,
                 guint     timeout_s)
{
  TvConnection *selected = tv_window_get_selected (window);
  guint n0 = tv_connection_get_n_segments (selected);
  gint64 end = g_get_monotonic_time () + timeout_s * G_TIME_SPAN_SECOND;

  while (tv_connection_get_n_segments (selected) < n0 + more)
    {
      if (g_get_monotonic_time () > end)
        {
          g_test_message ("%u segments, %u after %u s", n0, tv_connection_get_n_segments (selected), timeout_s);
          return FALSE;
        }
      tv_ui_test_spin (20);
    }
  tv_ui_test_spin (100);   /* a frame or two for the layout */
  return TRUE;
}

static gboolean
at_end (GtkAdjustment *vadj)
{
  return gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj) >=
         gtk_adjustment_get_upper (vadj) - 2;
}

static void
test_follow (void)
{
  TvWindow *window = tv_window_new (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = g_strdup_printf ("tcp port %u", server_port);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  SlowRequest req = { 0 };
  TvLadderView *view;
  GtkAdjustment *vadj;
  TvConn *conn;
  guint sender;
  gint64 end;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tv_window_start_capture (window, "lo", filter, 0, FALSE, 0, NULL, &error));
  g_assert_no_error (error);
  g_socket_client_set_timeout (client, 5);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", server_port, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_option (g_socket_connection_get_socket (connection), IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  req.out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  sender = g_timeout_add (60, send_header_line, &req);

  /* the connection appears and is selected */
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (tv_window_get_selected (window) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      tv_ui_test_spin (20);
    }
  view = TV_LADDER_VIEW (tv_window_get_view (window));
  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_assert_nonnull (vadj);

  /* it grows, and the diagram with it, following the newest segment */
  g_assert_true (wait_for_growth (window, 30, 10));
  conn = tv_connection_get_conn (tv_window_get_selected (window));
  g_assert_true (tv_ladder_view_get_connection (view) == conn);
  g_assert_cmpuint (tv_ladder_layout_get_n_rows (tv_ladder_view_get_layout (view)), ==, conn->n_segs);
  g_test_message ("%u segments; diagram %g high, page %g, at %g",
                  conn->n_segs, gtk_adjustment_get_upper (vadj), gtk_adjustment_get_page_size (vadj),
                  gtk_adjustment_get_value (vadj));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), >, gtk_adjustment_get_page_size (vadj) + 50);
  g_assert_true (at_end (vadj));
  g_assert_true (wait_for_growth (window, 6, 10));
  g_assert_true (at_end (vadj));

  /* scrolled to the top: it stays there */
  gtk_adjustment_set_value (vadj, 0);
  tv_ui_test_spin (50);
  g_assert_true (wait_for_growth (window, 6, 10));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 0);

  g_source_remove (sender);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  tv_window_stop_capture (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A capture that cannot start says why in the banner and keeps the window
 * as it was. */
static void
test_bad_interface (void)
{
  TvWindow *window = tv_window_new (app);
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (tv_window_start_capture (window, "no-such-interface0", NULL, 0, FALSE, 0, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (tv_window_is_empty (window));
  g_assert_false (tv_window_get_unsaved (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* `tcpviz PROGRAM ARGS…` with curl requests going on meanwhile; killed after
 * @timeout_s if it has not finished; returns its standard output. */
static char *
run_tcpviz (const char * const *args,
            guint               timeout_s,
            const char         *wait_for_file)
{
  const char *tcpviz = g_getenv ("TV_TCPVIZ");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid;
  int out_fd;
  gint64 end;
  int status = 0;
  gboolean exited = FALSE;
  g_autoptr(GString) out = g_string_new (NULL);

  g_ptr_array_add (argv, (char *) tcpviz);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           die_with_parent, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  g_unix_set_fd_nonblocking (out_fd, TRUE, NULL);

  end = g_get_monotonic_time () + timeout_s * G_TIME_SPAN_SECOND;
  while (g_get_monotonic_time () < end)
    {
      char buf[4096];
      gssize got;

      curl_once ();
      g_usleep (100 * 1000);
      while ((got = read (out_fd, buf, sizeof buf)) > 0)
        g_string_append_len (out, buf, got);
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          exited = TRUE;
          break;
        }
      if (wait_for_file != NULL && g_file_test (wait_for_file, G_FILE_TEST_IS_REGULAR))
        break;
    }
  if (!exited)
    {
      kill (pid, SIGTERM);
      waitpid (pid, &status, 0);
      g_assert_nonnull (wait_for_file);   /* only the window is left running */
    }
  else
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  {
    char buf[4096];
    gssize got;

    while ((got = read (out_fd, buf, sizeof buf)) > 0)
      g_string_append_len (out, buf, got);
  }
  close (out_fd);
  g_spawn_close_pid (pid);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_cli_headless (void)
{
  g_autofree char *filter = g_strdup_printf ("tcp port %u", server_port);
  g_autofree char *path = g_build_filename (tmp_dir, "headless.pcap", NULL);
  g_autofree char *server = g_strdup_printf ("127.0.0.1:%u", server_port);
  const char *args[] = { "--capture", "lo", "--filter", filter, "--duration", "2",
                         "--write", path, "--summary", NULL };
  g_autofree char *out = NULL;

  if (g_getenv ("TV_TCPVIZ") == NULL)
    {
      g_test_skip ("TV_TCPVIZ is not set");
      return;
    }
  out = run_tcpviz (args, 15, NULL);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, server));
  g_assert_cmpuint (file_n_conns (path), >=, 1);
  check_with_tshark (path);
  g_unlink (path);
}

/* The window with --capture --duration --write: it captures at once, stops
 * after the duration and writes the file. */
static void
test_cli_window (void)
{
  g_autofree char *filter = g_strdup_printf ("tcp port %u", server_port);
  g_autofree char *path = g_build_filename (tmp_dir, "window.pcap", NULL);
  const char *args[] = { "--capture", "lo", "--filter", filter, "--duration", "2",
                         "--write", path, NULL };
  g_autofree char *out = NULL;

  if (g_getenv ("TV_TCPVIZ") == NULL)
    {
      g_test_skip ("TV_TCPVIZ is not set");
      return;
    }
  out = run_tcpviz (args, 20, path);
  /* the file appears when it is complete (renamed into place) */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (file_n_conns (path), >=, 1);
  check_with_tshark (path);
  g_unlink (path);
}

/* ---- main ------------------------------------------------------------------------- */

static gboolean
can_capture (char **why)
{
  TvTracker *tracker = tv_tracker_new ();
  TvLiveCapture *live = tv_live_capture_new ("lo", tracker);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  tv_live_capture_set_filter (live, "tcp port 1");
  ok = tv_live_capture_start (live, &error);
  if (ok)
    tv_live_capture_stop (live);
  else
    *why = g_strdup (error->message);
  g_object_unref (live);
  tv_tracker_free (tracker);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *why = NULL;
  int ret;

  if (!tv_ui_test_have_display ())
    return 77;
  if (!can_capture (&why))
    {
      g_print ("1..0 # SKIP cannot capture on lo: %s\n", why);
      return 77;
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *tool = i == 0 ? "curl" : "python3";
      g_autofree char *found = g_find_program_in_path (tool);

      if (found == NULL)
        {
          g_print ("1..0 # SKIP %s is not installed\n", tool);
          return 77;
        }
    }

  tv_ui_test_private_env (NULL);
  tmp_dir = g_dir_make_tmp ("tv-test-live-window-XXXXXX", NULL);
  server_dir = g_build_filename (tmp_dir, "www", NULL);
  g_mkdir (server_dir, 0700);
  {
    /* spools and recent files go to the test's own folder */
    g_autofree char *cache = g_build_filename (tmp_dir, "cache", NULL);
    g_autofree char *data = g_build_filename (tmp_dir, "data", NULL);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }

  if (!tv_ui_test_init_gtk (&argc, &argv))
    return 77;
  tv_ui_test_fatal_criticals_without_dbus ();

  app = tv_ui_test_app_new ();

  start_server ();

  g_test_add_func ("/ui/live/dialog", test_dialog);
  g_test_add_func ("/ui/live/dialog-start", test_dialog_start);
  g_test_add_func ("/ui/live/flatpak", test_flatpak);
  g_test_add_func ("/ui/live/capture", test_capture);
  g_test_add_func ("/ui/live/follow", test_follow);
  g_test_add_func ("/ui/live/bad-interface", test_bad_interface);
  g_test_add_func ("/ui/live/cli-headless", test_cli_headless);
  g_test_add_func ("/ui/live/cli-window", test_cli_window);
  ret = g_test_run ();

  stop_server ();
  tv_ui_test_app_free (&app);
  tv_test_remove_tree (tmp_dir);
  return ret;
}
