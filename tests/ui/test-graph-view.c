/* test-graph-view.c: the stream graphs in the connection view: the view
 * drop-down switches between the ladder and each graph, the graph shares
 * the selection with the ladder both ways, zooming and panning change the
 * range, the diagnosis is shown.
 *
 * TV_TEST_SHOW=KIND (stevens, tcptrace, …) and TV_TEST_CAPTURE=FILE: shows
 * that graph of FILE's first connection in a window until it is closed,
 * for screenshots, instead of testing. */
#define G_LOG_DOMAIN "test-graph-view"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <adwaita.h>

#include "tv-connection-view.h"
#include "tv-graph-view.h"
#include "tv-ladder-view.h"
#include "tv-load.h"
#include "tv-ui-resources.h"
#include "tv-ui-test-util.h"
#include "../core/tv-test-util.h"

static void
spin_until_mapped (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (!gtk_widget_get_mapped (widget))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  tv_ui_test_spin (200);
}

/* The view's stack: the one with a "ladder" page (a drop-down has one of
 * its own inside). */
static GtkWidget *
find_view_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "ladder") != NULL)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_view_stack (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static TvTracker *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker = tv_tracker_new ();

  g_assert_true (tv_load_file (path, tracker, NULL, &stats, &error));
  g_assert_no_error (error);
  tv_load_stats_clear (&stats);
  tv_tracker_finish (tracker);
  return tracker;
}

static void
test_switch_and_select (void)
{
  g_autofree char *path = tv_test_capture_path ("tcp-retransmission.pcap");
  TvTracker *tracker = load (path);
  TvConn *conn = tv_tracker_get_conn (tracker, 0);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  TvConnectionView *view = TV_CONNECTION_VIEW (tv_connection_view_new ());
  GtkWidget *ladder, *dropdown, *stack, *label;
  TvGraphView *graph;
  double x0, x1, y0, y1, zx0, zx1;

  gtk_window_set_default_size (window, 1200, 800);
  gtk_window_set_child (window, GTK_WIDGET (view));
  tv_view_state_show_conn (tv_connection_view_get_state (view), tracker, conn);
  gtk_window_present (window);
  spin_until_mapped (GTK_WIDGET (view));

  ladder = tv_connection_view_get_ladder_view (view);
  graph = TV_GRAPH_VIEW (tv_ui_test_find_type (GTK_WIDGET (view), TV_TYPE_GRAPH_VIEW));
  dropdown = tv_ui_test_find_type (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN);
  stack = find_view_stack (GTK_WIDGET (view));
  g_assert_nonnull (graph);
  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_get_mapped (ladder));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (graph)));

  /* the view drop-down: 0 the ladder, 1… the graphs */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1 + TV_GRAPH_TCPTRACE);
  tv_ui_test_spin (200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "graph");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (graph)));
  g_assert_cmpint (tv_graph_view_get_kind (graph), ==, TV_GRAPH_TCPTRACE);
  g_assert_nonnull (tv_graph_view_get_layout (graph));
  /* the client sent more (its GET three times): its data */
  g_assert_cmpint (tv_graph_view_get_direction (graph), ==, TV_DIR_CLIENT_TO_SERVER);
  g_assert_cmpuint (tv_graph_layout_get_n_items (tv_graph_view_get_layout (graph),
                                                 (guint) tv_graph_layout_find_series (tv_graph_view_get_layout (graph),
                                                                                     TV_GRAPH_ROLE_RETRANSMISSION)),
                    ==, 2);

  /* one selection: from the ladder to the graph and back */
  tv_view_state_set_selected_segment (tv_connection_view_get_state (view), 4);
  g_assert_cmpint (tv_graph_view_get_selected_segment (graph), ==, 4);
  tv_graph_view_set_selected_segment (graph, 5);
  g_assert_cmpint (tv_connection_view_get_selected_segment (view), ==, 5);
  g_assert_cmpint (tv_ladder_view_get_selected_segment (TV_LADDER_VIEW (ladder)), ==, 5);

  /* zoom in and out around the centre, and back to the whole */
  tv_graph_view_get_range (graph, &x0, &x1, &y0, &y1);
  g_assert_cmpfloat (x0, ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (graph), "graph.zoom-in", NULL));
  tv_graph_view_get_range (graph, &zx0, &zx1, NULL, NULL);
  g_assert_cmpfloat_with_epsilon ((zx1 - zx0) * 1.25, x1 - x0, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (graph), "graph.zoom-reset", NULL);
  tv_graph_view_get_range (graph, &zx0, &zx1, NULL, NULL);
  g_assert_cmpfloat (zx0, ==, x0);
  g_assert_cmpfloat (zx1, ==, x1);

  /* the direction follows the second drop-down */
  tv_graph_view_set_direction (graph, TV_DIR_SERVER_TO_CLIENT);
  g_assert_cmpint (tv_graph_layout_get_direction (tv_graph_view_get_layout (graph)), ==, TV_DIR_SERVER_TO_CLIENT);

  /* the diagnosis, in words, with the timeouts */
  label = gtk_expander_get_child (GTK_EXPANDER (tv_ui_test_find_type (GTK_WIDGET (view), GTK_TYPE_EXPANDER)));
  label = tv_ui_test_find_type (label, GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  {
    const char *text = gtk_label_get_text (GTK_LABEL (label));

    g_assert_nonnull (strstr (text, "the client waited 204 ms for an acknowledgement of frame 4"));
  }

  /* back to the ladder */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  tv_ui_test_spin (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "ladder");

  gtk_window_destroy (window);
  tv_ui_test_spin (100);
  tv_tracker_free (tracker);
}

static int
show (const char *kind,
      const char *path)
{
  TvTracker *tracker = load (path);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  TvConnectionView *view = TV_CONNECTION_VIEW (tv_connection_view_new ());
  GtkWidget *dropdown, *expander;
  int k = tv_graph_kind_from_name (kind);

  gtk_window_set_default_size (window, 1400, 900);
  gtk_window_set_title (window, "TcpViz");
  gtk_window_set_child (window, GTK_WIDGET (view));
  tv_view_state_show_conn (tv_connection_view_get_state (view), tracker, tv_tracker_get_conn (tracker, 0));
  dropdown = tv_ui_test_find_type (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), k < 0 ? 0 : (guint) k + 1);
  expander = tv_ui_test_find_type (GTK_WIDGET (view), GTK_TYPE_EXPANDER);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  if (g_getenv ("TV_TEST_SELECT") != NULL)
    tv_view_state_set_selected_segment (tv_connection_view_get_state (view), atoi (g_getenv ("TV_TEST_SELECT")));
  gtk_window_maximize (window);
  gtk_window_present (window);
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);
  tv_tracker_free (tracker);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("TV_TEST_SHOW") != NULL)
    {
      gtk_init ();
      adw_init ();
      if (g_getenv ("TV_TEST_DARK") != NULL)
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      return show (g_getenv ("TV_TEST_SHOW"), g_getenv ("TV_TEST_CAPTURE"));
    }
  if (!tv_ui_test_start_widget (&argc, &argv))
    return 77;
  tv_ui_test_fatal_criticals_without_dbus ();
  adw_init ();
  g_setenv ("LANGUAGE", "C", TRUE);
  if (!g_resources_get_info ("/com/example/TcpViz/tv-connection-view.ui", 0, NULL, NULL, NULL))
    g_resources_register (tv_ui_get_resource ());

  g_test_add_func ("/ui/graph-view/switch-and-select", test_switch_and_select);
  return g_test_run ();
}
