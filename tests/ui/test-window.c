/* test-window.c: the window under a real display (Xvfb in `meson test`):
 * opening captures, the list, search, selection, errors. */
#define G_LOG_DOMAIN "test-window"
#include "config.h"

#include <sys/stat.h>
#include <glib/gstdio.h>

#include "tv-application.h"
#include "tv-window.h"
#include "tv-load.h"
#include "../core/tv-test-pcap.h"
#include "tv-connection-view.h"
#include "tv-explain-pane.h"
#include "tv-segment-table.h"
# include "tv-ladder-view.h"
# include "tv-export-dialog.h"
#include "tv-ui-test-util.h"

static TvApplication *app;

static void
wait_for_load (TvWindow *window)
{
  tv_ui_test_wait_for_load (window);
  /* let the list and the view catch up */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static TvWindow *
new_window (void)
{
  TvWindow *window = tv_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* A label in the window whose text begins with @prefix, or NULL. */
static GtkLabel *
find_label_prefix (GtkWidget  *widget,
                   const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_prefix (child, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a button bound to the action is sensitive: GtkActionable follows
 * the action's "enabled". */
static gboolean
action_enabled (TvWindow   *window,
                const char *name)
{
  GtkWidget *button = tv_ui_test_find_actionable (GTK_WIDGET (window), name);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static void
test_empty (void)
{
  TvWindow *window = new_window ();

  g_assert_true (tv_window_is_empty (window));
  g_assert_null (tv_window_get_connections (window));
  /* Live Capture… opens the dialog (or, in a Flatpak, says why it cannot) */
  g_assert_true (action_enabled (window, "win.live-capture"));
  g_assert_false (action_enabled (window, "win.stop-capture"));
  g_assert_true (action_enabled (window, "win.open"));
  g_assert_true (action_enabled (window, "win.open-example"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open (void)
{
  g_autofree char *path = tv_test_capture_path ("textbook-handshake.pcap");
  TvWindow *window;
  GListModel *list;
  g_autoptr(TvConnection) first = NULL;
  guint expected;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("textbook-handshake.pcap is not there");
      return;
    }
  expected = tv_ui_test_sync_n_conns (path);

  window = new_window ();
  tv_window_open_path (window, path);
  wait_for_load (window);

  g_assert_false (tv_window_is_empty (window));
  list = tv_window_get_connections (window);
  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, expected);
  g_assert_cmpuint (expected, >, 0);
  g_assert_no_error (tv_capture_get_error (tv_window_get_capture (window)));

  /* one connection: the list steps aside for the diagram */
  {
    gboolean show = TRUE;
    g_object_get (window, "show-sidebar", &show, NULL);
    g_assert_cmpint (show, ==, expected > 1);
  }

  /* the first connection is selected at once, and shown */
  first = g_list_model_get_item (list, 0);
  g_assert_true (tv_window_get_selected (window) == first);
  g_assert_nonnull (tv_window_get_view (window));
  g_assert_true (tv_ladder_view_get_connection (TV_LADDER_VIEW (tv_window_get_view (window)))
                 == tv_connection_get_conn (first));
  /* with the focus in the diagram (not on Open), Space plays it */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == tv_window_get_view (window));

  /* the table and the explanation show the same connection, and follow
   * the diagram's selection (and the table's back) */
  {
    TvLadderView *view = TV_LADDER_VIEW (tv_window_get_view (window));
    TvConnectionView *cview = TV_CONNECTION_VIEW (tv_window_get_connection_view (window));
    TvSegmentTable *table = TV_SEGMENT_TABLE (tv_connection_view_get_segment_table (cview));
    TvExplainPane *explain = TV_EXPLAIN_PANE (tv_connection_view_get_explain_pane (cview));
    g_autofree char *text = NULL;

    g_assert_true (tv_connection_view_get_connection (cview) == tv_connection_get_conn (first));
    g_assert_true (tv_segment_table_get_connection (table) == tv_connection_get_conn (first));
    g_assert_true (tv_explain_pane_get_connection (explain) == tv_connection_get_conn (first));
    tv_view_state_set_selected_segment (tv_ladder_view_get_state (view), 1);
    g_assert_cmpint (tv_segment_table_get_selected_segment (table), ==, 1);
    g_assert_cmpint (tv_explain_pane_get_selected_segment (explain), ==, 1);
    text = tv_explain_pane_dup_text (explain);
    g_assert_nonnull (strstr (text, "SYN-ACK"));
    {
      /* a row picked in the table, as a click does */
      GtkWidget *columns = tv_ui_test_find_type (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW);

      gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (columns))), 2);
    }
    g_assert_cmpint (tv_ladder_view_get_selected_segment (view), ==, 2);
    g_assert_cmpint (tv_explain_pane_get_selected_segment (explain), ==, 2);
  }

  /* Ctrl+plus / minus / 0 go to the view's ladder.zoom-* actions */
  {
    TvLadderView *view = TV_LADDER_VIEW (tv_window_get_view (window));
    double zoom = tv_ladder_view_get_zoom (view);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
    g_assert_cmpfloat (tv_ladder_view_get_zoom (view), >, zoom);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL));
    g_assert_cmpfloat (tv_ladder_view_get_zoom (view), ==, 1.0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL));
    g_assert_cmpfloat (tv_ladder_view_get_zoom (view), <, 1.0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A capture with several connections: selection and search. */
static void
test_select_and_search (void)
{
  g_autofree char *path = tv_test_capture_path ("tcp-interleaved.pcap");
  TvWindow *window;
  GListModel *list;
  TvConnection *selected;
  guint n;
  char port[16];

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("tcp-interleaved.pcap is not there");
      return;
    }

  window = new_window ();
  tv_window_open_path (window, path);
  wait_for_load (window);
  list = tv_window_get_connections (window);
  n = g_list_model_get_n_items (list);
  g_assert_cmpuint (n, ==, tv_ui_test_sync_n_conns (path));
  g_assert_cmpuint (n, >=, 2);
  {
    gboolean show = FALSE;
    g_object_get (window, "show-sidebar", &show, NULL);
    g_assert_true (show);
    /* F9 / the button hide it, and it stays as the person chose */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
    g_object_get (window, "show-sidebar", &show, NULL);
    g_assert_false (show);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  }

  tv_window_select (window, 1);
  selected = tv_window_get_selected (window);
  g_assert_nonnull (selected);
  g_assert_cmpuint (tv_connection_get_id (selected), ==, 1);
  g_assert_true (tv_ladder_view_get_connection (TV_LADDER_VIEW (tv_window_get_view (window)))
                 == tv_connection_get_conn (selected));

  /* search by the client port of connection 1 */
  g_snprintf (port, sizeof port, ":%u", tv_connection_get_conn (selected)->client.port);
  tv_window_set_search (window, port);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (list), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), <, n);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TvConnection) item = g_list_model_get_item (list, i);
      g_assert_true (strstr (tv_connection_get_client (item), port) != NULL ||
                     strstr (tv_connection_get_server (item), port) != NULL);
    }

  tv_window_set_search (window, "no-such-thing-at-all");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  tv_window_set_search (window, "");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* "Open Example" opens the capture shipped with TcpViz (from the source
 * tree when not installed). */
static void
test_open_example (void)
{
  g_autofree char *example = g_build_filename (SOURCE_DATADIR, "example", "tcpviz-example.pcap", NULL);
  TvWindow *window;

  if (!g_file_test (PKGDATADIR "/tcpviz-example.pcap", G_FILE_TEST_EXISTS) &&
      !g_file_test (example, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the example capture is not there");
      return;
    }
  window = new_window ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", NULL));
  wait_for_load (window);
  g_assert_false (tv_window_is_empty (window));
  g_assert_no_error (tv_capture_get_error (tv_window_get_capture (window)));
  g_assert_cmpuint (g_list_model_get_n_items (tv_window_get_connections (window)), >, 0);
  g_assert_nonnull (tv_window_get_selected (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_not_a_capture (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tv-test-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  TvWindow *window;

  g_assert_true (g_file_set_contents (path, "not a capture\n", -1, NULL));
  window = new_window ();
  tv_window_open_path (window, path);
  wait_for_load (window);
  /* back to the empty state; the message is in a toast */
  g_assert_true (tv_window_is_empty (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* Closing a window while its capture is loading. */
static void
test_close_while_loading (void)
{
  g_autofree char *path = tv_test_capture_path ("tcp-interleaved.pcap");
  TvWindow *window;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("tcp-interleaved.pcap is not there");
      return;
    }
  window = new_window ();
  tv_window_open_path (window, path);
  gtk_window_destroy (GTK_WINDOW (window));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Preferences: with the schema they follow GSettings; without it (running
 * from the build tree) the window works with defaults. */
static void
test_settings (void)
{
  GSettings *settings = tv_application_get_settings (app);
  TvWindow *window;
  g_autofree char *spacing = NULL;
  gboolean absolute = TRUE;
  int width = 0, height = 0;

  if (settings == NULL)
    {
      window = new_window ();
      g_object_get (window, "spacing", &spacing, "absolute", &absolute, NULL);
      g_assert_cmpstr (spacing, ==, "even");
      g_assert_false (absolute);
      gtk_window_destroy (GTK_WINDOW (window));
      g_test_message ("no schema: defaults used");
      return;
    }

  g_settings_set_string (settings, "spacing", "time");
  g_settings_set_boolean (settings, "absolute-numbers", TRUE);
  g_settings_set_int (settings, "window-width", 777);
  g_settings_set_int (settings, "window-height", 555);
  window = new_window ();
  g_object_get (window, "spacing", &spacing, "absolute", &absolute, NULL);
  g_assert_cmpstr (spacing, ==, "time");
  g_assert_true (absolute);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 777);
  g_assert_cmpint (height, ==, 555);
  g_assert_cmpint (tv_ladder_view_get_spacing (TV_LADDER_VIEW (tv_window_get_view (window))), ==,
                   TV_LADDER_SPACING_TIME);
  g_assert_true (tv_ladder_view_get_absolute (TV_LADDER_VIEW (tv_window_get_view (window))));

  /* the menu's actions change the settings */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.spacing", "s", "even"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.absolute", NULL));
  g_assert_cmpstr (g_settings_get_string (settings, "spacing"), ==, "even");
  g_assert_false (g_settings_get_boolean (settings, "absolute-numbers"));

  /* the playback speed is remembered */
  {
    TvConnectionView *cview = TV_CONNECTION_VIEW (tv_window_get_connection_view (window));

    tv_connection_view_set_playback_speed (cview, "4");
    g_assert_cmpfloat (g_settings_get_double (settings, "playback-speed"), ==, 4.0);
    tv_connection_view_set_playback_speed (cview, "step");
    g_assert_cmpfloat (g_settings_get_double (settings, "playback-speed"), ==, 4.0);
  }

  /* closing saves the size */
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 640);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 480);
  g_settings_reset (settings, "spacing");

  /* a new window starts at the remembered speed */
  window = new_window ();
  g_assert_cmpstr (tv_connection_view_get_playback_speed (TV_CONNECTION_VIEW (tv_window_get_connection_view (window))),
                   ==, "4");
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "playback-speed");
}

/* What Export Diagram… writes once a name is chosen. */
static void
test_export (void)
{
  g_autofree char *path = tv_test_capture_path ("textbook-handshake.pcap");
  g_autofree char *dir = g_dir_make_tmp ("tv-test-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "diagram", NULL);
  g_autofree char *pdf = g_build_filename (dir, "diagram.pdf", NULL);
  g_auto(GStrv) files = NULL;
  g_autoptr(GError) error = NULL;
  TvExportRequest request = { 0 };
  TvConnection *selected;
  TvWindow *window;
  g_autofree char *head = NULL;
  gsize len;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("textbook-handshake.pcap is not there");
      return;
    }
  window = new_window ();
  tv_window_open_path (window, path);
  wait_for_load (window);
  selected = tv_window_get_selected (window);
  g_assert_nonnull (selected);

  request.tracker = tv_connection_get_tracker (selected);
  request.conn = tv_connection_get_conn (selected);
  request.spacing = "even";

  /* no extension: the filter's */
  g_assert_true (tv_export_request_write (&request, png, ".png", FALSE, FALSE, &files, &error));
  g_assert_no_error (error);
  g_assert_nonnull (files);
  g_assert_true (g_str_has_suffix (files[0], "diagram.png"));
  g_assert_true (g_file_get_contents (files[0], &head, &len, NULL));
  g_assert_cmpuint (len, >, 8);
  g_assert_cmpmem (head, 4, "\x89PNG", 4);
  g_unlink (files[0]);
  g_clear_pointer (&files, g_strfreev);
  g_clear_pointer (&head, g_free);

  /* the name's extension wins; print style */
  g_assert_true (tv_export_request_write (&request, pdf, ".png", FALSE, TRUE, &files, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &head, &len, NULL));
  g_assert_cmpmem (head, 4, "%PDF", 4);
  g_unlink (pdf);

  /* the dialog opens in the capture's folder, then in the last export's */
  {
    GSettings *settings = tv_application_get_settings (TV_APPLICATION (g_application_get_default ()));
    g_autofree char *capture_dir = g_path_get_dirname (path);
    g_autoptr(GFile) start = NULL;
    g_autofree char *start_path = NULL;

    request.capture_path = path;
    if (settings != NULL)
      {
        g_settings_set_string (settings, "last-export-folder", "");
        start = tv_export_dialog_get_start_folder (&request);
        start_path = g_file_get_path (start);
        g_assert_cmpstr (start_path, ==, capture_dir);
        g_clear_object (&start);
        g_clear_pointer (&start_path, g_free);
        g_settings_set_string (settings, "last-export-folder", dir);
        start = tv_export_dialog_get_start_folder (&request);
        start_path = g_file_get_path (start);
        g_assert_cmpstr (start_path, ==, dir);
        g_settings_set_string (settings, "last-export-folder", "");
      }
  }

  /* Copy Diagram: PNG, SVG and the plain ladder on the clipboard */
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
    GdkContentFormats *formats;

    /* what win.copy-diagram does, without its toast (the test window is
     * not sized for one) */
    g_assert_true (tv_export_copy (clipboard, &request, &error));
    g_assert_no_error (error);
    formats = gdk_clipboard_get_formats (clipboard);
    g_assert_true (gdk_content_formats_contain_mime_type (formats, "image/png"));
    g_assert_true (gdk_content_formats_contain_mime_type (formats, "image/svg+xml"));
    g_assert_true (gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"));
    g_assert_true (gdk_clipboard_is_local (clipboard));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

/* Cancel while a large file loads: what was read stays. */
static void
test_cancel (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tv-test-cancel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.pcap", NULL);
  TvWindow *window;
  GListModel *list;
  gint64 end;
  guint n;

  tv_test_write_capture (path, 60000);
  window = new_window ();
  tv_window_open_path (window, path);
  list = tv_window_get_connections (window);
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (g_list_model_get_n_items (list) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (tv_capture_get_loading (tv_window_get_capture (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  wait_for_load (window);

  g_assert_error (tv_capture_get_error (tv_window_get_capture (window)), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  n = g_list_model_get_n_items (list);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, 60000);
  g_assert_false (tv_window_is_empty (window));
  g_assert_nonnull (tv_window_get_selected (window));

  /* opening another file while one loads replaces it */
  {
    g_autofree char *small = tv_test_capture_path ("textbook-handshake.pcap");

    tv_window_open_path (window, path);
    g_main_context_iteration (NULL, FALSE);
    tv_window_open_path (window, small);
    wait_for_load (window);
    g_assert_cmpstr (tv_capture_get_path (tv_window_get_capture (window)), ==, small);
    g_assert_cmpuint (g_list_model_get_n_items (tv_window_get_connections (window)), ==, tv_ui_test_sync_n_conns (small));
    /* the first load's last batches must not reach the new list */
    for (int i = 0; i < 50; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (g_list_model_get_n_items (tv_window_get_connections (window)), ==, tv_ui_test_sync_n_conns (small));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* A stream that keeps arriving (a FIFO, as `tcpdump -w - | tcpviz -`):
 * the list and the selected connection grow while it is read. */
typedef struct {
  char    *path;
  GMutex   mutex;
  GCond    cond;
  gboolean go_on;
} Writer;

static void
write_segments (pcap_dumper_t *d, guint from, guint to)
{
  /* the segments of connection 0 one by one, then connection 1 */
  const char *req = "GET / HTTP/1.1\r\n\r\n";
  guint32 c = (10u << 24) | 5, s = (10u << 24) | (1u << 16) | 1;

  for (guint i = from; i < to; i++)
    {
      gint64 t = 1700000000000000LL + i * 1000;
      switch (i)
        {
        case 0: tv_test_write_packet (d, t, c, s, 40000, 80, 100, 0, TV_F_SYN, NULL); break;
        case 1: tv_test_write_packet (d, t, s, c, 80, 40000, 900, 101, TV_F_SYN | TV_F_ACK, NULL); break;
        case 2: tv_test_write_packet (d, t, c, s, 40000, 80, 101, 901, TV_F_ACK, NULL); break;
        case 3: tv_test_write_packet (d, t, c, s, 40000, 80, 101, 901, TV_F_PSH | TV_F_ACK, req); break;
        case 4: tv_test_write_packet (d, t, s, c, 80, 40000, 901, 101 + strlen (req), TV_F_ACK, NULL); break;
        default: tv_test_write_connection (d, i, t); break;
        }
    }
  pcap_dump_flush (d);
}

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  pcap_t *dead = pcap_open_dead (DLT_RAW, 65535);
  FILE *fp = fopen (w->path, "wb");
  pcap_dumper_t *d = pcap_dump_fopen (dead, fp);

  write_segments (d, 0, 3);
  g_mutex_lock (&w->mutex);
  while (!w->go_on)
    g_cond_wait (&w->cond, &w->mutex);
  g_mutex_unlock (&w->mutex);
  write_segments (d, 3, 6);
  pcap_dump_close (d);
  pcap_close (dead);
  return NULL;
}

static void
test_stream (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tv-test-stream-XXXXXX", NULL);
  Writer w = { 0 };
  GThread *thread;
  TvWindow *window;
  GListModel *list;
  TvConnection *first;
  gint64 end;

  w.path = g_build_filename (dir, "stream", NULL);
  g_mutex_init (&w.mutex);
  g_cond_init (&w.cond);
  g_assert_cmpint (mkfifo (w.path, 0600), ==, 0);
  thread = g_thread_new ("writer", writer_thread, &w);

  window = new_window ();
  tv_window_open_path (window, w.path);
  list = tv_window_get_connections (window);
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (tv_window_get_selected (window) == NULL ||
         tv_connection_get_n_segments (tv_window_get_selected (window)) < 3)
    {
      if (g_get_monotonic_time () >= end)
        g_error ("waited in vain: %u connections, frames %" G_GUINT64_FORMAT ", selected %p with %u segments",
                 g_list_model_get_n_items (list), tv_capture_get_frames (tv_window_get_capture (window)),
                 tv_window_get_selected (window),
                 tv_window_get_selected (window) ? tv_connection_get_n_segments (tv_window_get_selected (window)) : 0);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_true (tv_capture_get_loading (tv_window_get_capture (window)));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  first = tv_window_get_selected (window);
  g_assert_cmpuint (tv_connection_get_n_segments (first), ==, 3);

  /* the stream stalls: the progress label says how many frames came (it
   * follows the loader's announcements, not a timer of its own) */
  {
    g_autofree char *want = g_strdup_printf ("Reading stream: %" G_GUINT64_FORMAT " frames",
                                             tv_capture_get_frames (tv_window_get_capture (window)));
    GtkLabel *label = NULL;

    g_assert_cmpuint (tv_capture_get_frames (tv_window_get_capture (window)), ==, 3);
    end = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
    while ((label = find_label_prefix (GTK_WIDGET (window), "Reading ")) == NULL ||
           g_strcmp0 (gtk_label_get_text (label), want) != 0)
      {
        if (g_get_monotonic_time () >= end)
          g_error ("the progress label says '%s', not '%s'",
                   label ? gtk_label_get_text (label) : "(none)", want);
        g_main_context_iteration (NULL, FALSE);
      }
  }

  g_mutex_lock (&w.mutex);
  w.go_on = TRUE;
  g_cond_signal (&w.cond);
  g_mutex_unlock (&w.mutex);
  wait_for_load (window);
  g_thread_join (thread);

  g_assert_no_error (tv_capture_get_error (tv_window_get_capture (window)));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_true (tv_window_get_selected (window) == first);
  g_assert_cmpuint (tv_connection_get_n_segments (first), ==, 5);
  g_assert_true (tv_ladder_view_get_connection (TV_LADDER_VIEW (tv_window_get_view (window)))
                 == tv_connection_get_conn (first));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (w.path);
  g_rmdir (dir);
  g_free (w.path);
  g_mutex_clear (&w.mutex);
  g_cond_clear (&w.cond);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  if (!tv_window_save_to_finish (TV_WINDOW (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  g_object_set_data (object, "saved", GINT_TO_POINTER (1));
}

static void
save_and_wait (TvWindow *window,
               GFile    *file,
               gboolean  selected_only)
{
  g_autoptr(GError) error = NULL;

  g_object_set_data (G_OBJECT (window), "saved", NULL);
  tv_window_save_to (window, file, selected_only, on_saved, &error);
  while (g_object_get_data (G_OBJECT (window), "saved") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
}

/* Save As…: the whole capture, or the selected connection only. */
static void
test_save_as (void)
{
  g_autofree char *path = tv_test_capture_path ("tcp-interleaved.pcap");
  g_autofree char *dir = g_dir_make_tmp ("tv-test-save-XXXXXX", NULL);
  g_autofree char *all = g_build_filename (dir, "all.pcap", NULL);
  g_autofree char *one = g_build_filename (dir, "one.pcap", NULL);
  g_autoptr(GFile) all_file = g_file_new_for_path (all);
  g_autoptr(GFile) one_file = g_file_new_for_path (one);
  TvWindow *window;
  guint n;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("tcp-interleaved.pcap is not there");
      return;
    }
  window = new_window ();
  tv_window_open_path (window, path);
  wait_for_load (window);
  n = g_list_model_get_n_items (tv_window_get_connections (window));
  tv_window_select (window, 1);

  save_and_wait (window, all_file, FALSE);
  g_assert_cmpuint (tv_ui_test_sync_n_conns (all), ==, n);
  save_and_wait (window, one_file, TRUE);
  g_assert_cmpuint (tv_ui_test_sync_n_conns (one), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (all);
  g_unlink (one);
  g_rmdir (dir);
}

/* Dropping files: the first opens in the window, the others in new ones. */
static void
test_drop (void)
{
  g_autofree char *path1 = tv_test_capture_path ("textbook-handshake.pcap");
  g_autofree char *path2 = tv_test_capture_path ("tcp-interleaved.pcap");
  g_autoptr(GListModel) controllers = NULL;
  GtkDropTarget *target = NULL;
  TvWindow *window;
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;
  guint n_windows;

  if (!g_file_test (path1, G_FILE_TEST_EXISTS) || !g_file_test (path2, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the captures are not there");
      return;
    }
  window = new_window ();
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (c))
        target = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (target);

  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  files = g_slist_append (files, g_file_new_for_path (path1));
  files = g_slist_append (files, g_file_new_for_path (path2));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  g_slist_free_full (files, g_object_unref);

  g_assert_true (handled);
  wait_for_load (window);
  g_assert_nonnull (tv_window_get_capture (window));
  g_assert_true (g_str_has_suffix (tv_capture_get_path (tv_window_get_capture (window)),
                                   "textbook-handshake.pcap"));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows + 1);

  /* close the other window too */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; )
    {
      GList *next = l->next;
      if (TV_IS_WINDOW (l->data) && l->data != window)
        {
          wait_for_load (l->data);
          gtk_window_destroy (l->data);
        }
      l = next;
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Files opened go to Open Recent. */
static void
test_recent (void)
{
  g_autofree char *path = tv_test_capture_path ("textbook-handshake.pcap");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentManager *recent = gtk_recent_manager_get_default ();
  g_autoptr(GtkRecentInfo) info = NULL;
  TvWindow *window;
  gint64 end;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("textbook-handshake.pcap is not there");
      return;
    }
  window = new_window ();
  tv_window_open_file (window, file);
  wait_for_load (window);

  end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while (!gtk_recent_manager_has_item (recent, uri) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  info = gtk_recent_manager_lookup_item (recent, uri, NULL);
  g_assert_nonnull (info);
  /* not gtk_recent_info_has_group(): with GTK 4.8 in the ASan build it
   * returns FALSE although gtk_recent_info_get_groups() lists "tcpviz" */
  {
    gsize n = 0;
    g_auto(GStrv) groups = gtk_recent_info_get_groups (info, &n);
    g_assert_true (groups != NULL && g_strv_contains ((const char * const *) groups, "tcpviz"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* `tcpviz A B` opens each file in a window of its own. */
static void
test_app_open_files (void)
{
  g_autofree char *path1 = tv_test_capture_path ("textbook-handshake.pcap");
  g_autofree char *path2 = tv_test_capture_path ("tcp-interleaved.pcap");
  GFile *files[2];
  GList *windows;
  guint n_before, found = 0;

  if (!g_file_test (path1, G_FILE_TEST_EXISTS) || !g_file_test (path2, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the captures are not there");
      return;
    }
  n_before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  files[0] = g_file_new_for_path (path1);
  files[1] = g_file_new_for_path (path2);
  g_application_open (G_APPLICATION (app), files, 2, "");
  g_object_unref (files[0]);
  g_object_unref (files[1]);

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpuint (g_list_length (windows), ==, n_before + 2);
  for (GList *l = windows; l; l = l->next)
    {
      TvCapture *capture;

      if (!TV_IS_WINDOW (l->data))
        continue;
      wait_for_load (l->data);
      capture = tv_window_get_capture (l->data);
      if (capture != NULL &&
          (g_str_equal (tv_capture_get_path (capture), path1) ||
           g_str_equal (tv_capture_get_path (capture), path2)))
        found++;
      gtk_window_destroy (l->data);
    }
  g_list_free (windows);
  g_assert_cmpuint (found, ==, 2);
}

static gboolean
have_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not owned */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return TRUE;
    }
  return FALSE;
}

/* The shortcuts window (gtk/help-overlay.ui) and the About window open. */
static void
test_shortcuts_and_about (void)
{
  TvWindow *window = new_window ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (have_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (have_toplevel (ADW_TYPE_ABOUT_WINDOW));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!tv_ui_test_start (&argc, &argv, "window", &app))
    return 77;

  g_test_add_func ("/ui/window/empty", test_empty);
  g_test_add_func ("/ui/window/open", test_open);
  g_test_add_func ("/ui/window/select-and-search", test_select_and_search);
  g_test_add_func ("/ui/window/open-example", test_open_example);
  g_test_add_func ("/ui/window/not-a-capture", test_not_a_capture);
  g_test_add_func ("/ui/window/close-while-loading", test_close_while_loading);
  g_test_add_func ("/ui/window/shortcuts-and-about", test_shortcuts_and_about);
  g_test_add_func ("/ui/window/settings", test_settings);
  g_test_add_func ("/ui/window/save-as", test_save_as);
  g_test_add_func ("/ui/window/cancel", test_cancel);
  g_test_add_func ("/ui/window/stream", test_stream);
  g_test_add_func ("/ui/window/drop", test_drop);
  g_test_add_func ("/ui/window/recent", test_recent);
  g_test_add_func ("/ui/app/open-files", test_app_open_files);
  g_test_add_func ("/ui/window/export", test_export);

  ret = g_test_run ();

  tv_ui_test_finish (&app);
  return ret;
}
