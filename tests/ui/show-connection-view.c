/* show-connection-view.c: a TvConnectionView alone in a window, stopped
 * mid-playback, for screenshots:
 *
 *   show-connection-view FILE [-c CONN] [-r ROW] [-p PROGRESS] [--absolute]
 *
 * shows rows 0 … ROW-1 and the arrow of ROW PROGRESS (0..1) of its way,
 * paused.  ADW_DEBUG_COLOR_SCHEME=prefer-dark for the dark style. */
#define G_LOG_DOMAIN "show-connection-view"
#include "config.h"

#include <stdlib.h>
#include <locale.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "tv-connection-view.h"
#include "tv-connection-view-private.h"
#include "tv-load.h"
#include "tv-playback.h"
#include "tv-ui-resources.h"

static int conn_id = 0;
static int row = 3;
static double progress = 0.5;
static gboolean absolute = FALSE;
static gboolean speed_menu = FALSE;
static int width = 1280;
static int height = 800;

static const GOptionEntry entries[] = {
  { "connection", 'c', 0, G_OPTION_ARG_INT, &conn_id, "The connection", "N" },
  { "row", 'r', 0, G_OPTION_ARG_INT, &row, "The row whose arrow is in flight", "ROW" },
  { "progress", 'p', 0, G_OPTION_ARG_DOUBLE, &progress, "How far it is (0..1)", "P" },
  { "absolute", 0, 0, G_OPTION_ARG_NONE, &absolute, "Absolute numbers", NULL },
  { "speed-menu", 0, 0, G_OPTION_ARG_NONE, &speed_menu, "Open the speed menu", NULL },
  { "width", 'W', 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
  { "height", 'H', 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
  { NULL }
};

static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
stop_mid_flight (gpointer user_data)
{
  TvConnectionView *view = user_data;
  TvPlayback *playback = tv_connection_view_get_playback (view);

  if (playback == NULL)
    return G_SOURCE_REMOVE;
  /* rows 0 … row-1 shown, then play until row's arrow is far enough */
  tv_view_state_set_selected_segment (tv_connection_view_get_state (view), row - 1);
  gtk_widget_activate_action (GTK_WIDGET (view), "playback.step-forward", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "playback.step-back", NULL);
  for (int i = 0; i < 100000; i++)
    {
      if (tv_playback_get_current_row (playback) >= row &&
          (!tv_playback_is_in_flight (playback) || tv_playback_get_progress (playback) >= progress))
        break;
      if (!tv_connection_view_get_playing (view))
        gtk_widget_activate_action (GTK_WIDGET (view), "playback.toggle", NULL);
      tv_connection_view_advance (view, 2000);
    }
  if (tv_connection_view_get_playing (view))
    gtk_widget_activate_action (GTK_WIDGET (view), "playback.toggle", NULL);
  if (speed_menu)
    gtk_menu_button_popup (GTK_MENU_BUTTON (find_menu_button (GTK_WIDGET (view))));
  return G_SOURCE_REMOVE;
}

static void
on_destroy (GtkWidget *window,
            GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker;
  GtkWidget *window, *box, *header, *view;
  g_autofree char *title = NULL, *client = NULL, *server = NULL;
  TvConn *conn;

  /* as tcpviz: the catalogue of the build tree with TCPVIZ_LOCALEDIR
   * (LANGUAGE=zh_CN LANG=zh_CN.UTF-8 for the Chinese screenshots) */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TCPVIZ_LOCALEDIR") != NULL && g_getenv ("TCPVIZ_LOCALEDIR")[0] != '\0'
                                   ? g_getenv ("TCPVIZ_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: %s FILE [-c CONN] [-r ROW] [-p PROGRESS] [--absolute]\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();
  if (!g_resources_get_info ("/com/example/TcpViz/tv-connection-view.ui", 0, NULL, NULL, NULL))
    g_resources_register (tv_ui_get_resource ());
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/com/example/TcpViz/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  tracker = tv_tracker_new ();
  if (!tv_load_file (argv[1], tracker, NULL, &stats, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  tv_load_stats_clear (&stats);
  if (conn_id < 0 || (guint) conn_id >= tv_tracker_get_n_conns (tracker))
    {
      g_printerr ("no connection %d\n", conn_id);
      return 1;
    }
  conn = tv_tracker_get_conn (tracker, conn_id);

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  client = tv_endpoint_to_string (&conn->client);
  server = tv_endpoint_to_string (&conn->server);
  title = g_strdup_printf ("%s → %s", client, server);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("TcpViz", title));
  gtk_box_append (GTK_BOX (box), header);
  view = tv_connection_view_new ();
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), view);
  adw_window_set_content (ADW_WINDOW (window), box);

  tv_view_state_show_conn (tv_connection_view_get_state (TV_CONNECTION_VIEW (view)), tracker, conn);
  tv_view_state_set_absolute (tv_connection_view_get_state (TV_CONNECTION_VIEW (view)), absolute);

  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (window, "destroy", G_CALLBACK (on_destroy), loop);
  gtk_window_present (GTK_WINDOW (window));
  g_timeout_add (500, stop_mid_flight, view);
  g_main_loop_run (loop);

  tv_tracker_free (tracker);
  return EXIT_SUCCESS;
}
