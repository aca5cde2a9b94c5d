/* show-flow-page.c: a TvFlowPage alone in a window, for screenshots and
 * for trying it by hand:
 *
 *   show-flow-page FILE [--scope hosts|capture|chosen] [--chosen 0,2]
 *                  [--compare] [--fold] [--by-port] [-c CONN] [-r ROW]
 *
 * -r selects row ROW (its explanation shows).  ADW_DEBUG_COLOR_SCHEME=
 * prefer-dark for the dark style. */
#define G_LOG_DOMAIN "show-flow-page"
#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "tv-flow-page.h"
#include "tv-load.h"
#include "tv-ui-resources.h"

static char *scope = NULL;
static char *chosen = NULL;
static gboolean compare = FALSE, fold = FALSE, by_port = FALSE;
static int conn_id = 0, row = -1, width = 1400, height = 900;

static const GOptionEntry entries[] = {
  { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, "hosts, capture or chosen", "SCOPE" },
  { "chosen", 0, 0, G_OPTION_ARG_STRING, &chosen, "Connection IDs", "LIST" },
  { "compare", 0, 0, G_OPTION_ARG_NONE, &compare, "Side by side", NULL },
  { "fold", 0, 0, G_OPTION_ARG_NONE, &fold, "Folded", NULL },
  { "by-port", 0, 0, G_OPTION_ARG_NONE, &by_port, "Per port", NULL },
  { "connection", 'c', 0, G_OPTION_ARG_INT, &conn_id, "The current connection", "N" },
  { "row", 'r', 0, G_OPTION_ARG_INT, &row, "The row to select", "ROW" },
  { "width", 'W', 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
  { "height", 'H', 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
  { NULL }
};

static gboolean
select_row (gpointer data)
{
  TvFlowView *view = tv_flow_page_get_view (data);

  if (tv_flow_view_get_busy (view))
    return G_SOURCE_CONTINUE;
  tv_flow_view_set_selected_row (view, row);
  tv_flow_view_scroll_to_row (view, row);
  return G_SOURCE_REMOVE;
}

static void
on_destroy (GtkWidget *window,
            GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker;
  GtkWidget *window, *page;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TCPVIZ_LOCALEDIR") != NULL && g_getenv ("TCPVIZ_LOCALEDIR")[0] != '\0'
                                   ? g_getenv ("TCPVIZ_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: %s FILE [--scope hosts|capture|chosen] [--chosen LIST] [--compare] [--fold] [--by-port]\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();
  if (!g_resources_get_info ("/com/example/TcpViz/tv-flow-page.ui", 0, NULL, NULL, NULL))
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
  tv_tracker_finish (tracker);

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  page = tv_flow_page_new ();
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *header = adw_header_bar_new ();
    g_autofree char *base = g_path_get_basename (argv[1]);

    adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (base, _("Flow")));
    gtk_box_append (GTK_BOX (box), header);
    gtk_widget_set_vexpand (page, TRUE);
    gtk_box_append (GTK_BOX (box), page);
    adw_window_set_content (ADW_WINDOW (window), box);
  }

  tv_flow_page_set_capture (TV_FLOW_PAGE (page), tracker, TRUE);
  tv_flow_page_set_current (TV_FLOW_PAGE (page), conn_id);
  tv_flow_page_set_fold (TV_FLOW_PAGE (page), fold);
  tv_flow_page_set_by_port (TV_FLOW_PAGE (page), by_port);
  if (chosen != NULL)
    tv_flow_page_set_chosen (TV_FLOW_PAGE (page), chosen);
  if (scope != NULL)
    tv_flow_page_set_scope (TV_FLOW_PAGE (page), g_str_equal (scope, "capture") ? TV_FLOW_SCOPE_CAPTURE
                                                 : g_str_equal (scope, "chosen") ? TV_FLOW_SCOPE_CHOSEN
                                                 : TV_FLOW_SCOPE_HOSTS);
  if (compare)
    tv_flow_page_set_compare (TV_FLOW_PAGE (page), TRUE);
  if (row >= 0)
    g_timeout_add (1000, select_row, page);

  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (window, "destroy", G_CALLBACK (on_destroy), loop);
  gtk_window_present (GTK_WINDOW (window));
  g_main_loop_run (loop);
  tv_tracker_free (tracker);
  return 0;
}
