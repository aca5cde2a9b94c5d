/* test-flow-view.c: TvFlowView under a real display (Xvfb in `meson
 * test`): the layout shown, selecting a segment, scrolling to it, the
 * tooltip; a whole capture laid out in a worker thread while the main loop
 * keeps running. */
#define G_LOG_DOMAIN "test-flow-view"
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "tv-explain-pane.h"
#include "tv-flow-page.h"
#include "tv-flow-view.h"
#include "tv-ui-resources.h"
#include "tv-load.h"
#include "tv-ui-test-util.h"
#include "../render/tv-test-conn.h"

static TvTracker *
load (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("TV_TEST_CAPTURES"), name, NULL);
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
test_show (void)
{
  TvTracker *tracker = load ("tcp-interleaved.pcap");
  const guint all[] = { 0, 1, 2 };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  TvFlowView *view = TV_FLOW_VIEW (tv_flow_view_new ());
  TvFlowLayout *layout;
  guint conn_id, seg;
  int row;
  g_autofree char *markup = NULL;
  GtkAdjustment *vadj;

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 300);
  gtk_window_present (GTK_WINDOW (window));

  tv_flow_view_set_connections (view, tracker, all, 3, NULL, TRUE);
  g_assert_false (tv_flow_view_get_busy (view));
  layout = tv_flow_view_get_layout (view);
  g_assert_nonnull (layout);
  g_assert_cmpuint (tv_flow_layout_get_n_rows (layout), ==, 24);
  g_assert_cmpuint (tv_flow_layout_get_n_lifelines (layout), ==, 4);
  tv_ui_test_spin (300);

  /* the last segment of connection 1: selected, and scrolled into view */
  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), >, gtk_adjustment_get_page_size (vadj));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 0);
  g_assert_true (tv_flow_view_select_segment (view, 1, 9));
  row = tv_flow_view_get_selected_row (view);
  g_assert_cmpint (row, ==, tv_flow_layout_find_segment (layout, 1, 9));
  g_assert_true (tv_flow_view_get_selected_segment (view, &conn_id, &seg));
  g_assert_cmpuint (conn_id, ==, 1);
  g_assert_cmpuint (seg, ==, 9);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), >, 0);
  {
    TvFlowRow r;

    tv_flow_layout_get_row (layout, row, &r);
    g_assert_cmpfloat (r.ladder.bottom, <=, gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj));
    g_assert_cmpfloat (r.ladder.top, >=, gtk_adjustment_get_value (vadj) + tv_flow_layout_get_header_bottom (layout));
  }
  g_assert_false (tv_flow_view_select_segment (view, 7, 0));

  markup = tv_flow_view_dup_row_markup (view, row);
  g_assert_nonnull (strstr (markup, "Connection 1: 192.168.1.116:41001 → 192.168.1.123:80"));
  g_assert_nonnull (strstr (markup, "ACK seq=53 ack=53"));
  tv_ui_test_spin (100);

  /* cleared */
  tv_flow_view_set_connections (view, NULL, NULL, 0, NULL, TRUE);
  g_assert_null (tv_flow_view_get_layout (view));
  g_assert_cmpint (tv_flow_view_get_selected_row (view), ==, -1);

  gtk_window_destroy (GTK_WINDOW (window));
  tv_tracker_free (tracker);
}

static gboolean
count_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_thread (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_bulk (tracker, 200000);
  const guint ids[] = { 0 };
  TvFlowView *view = TV_FLOW_VIEW (g_object_ref_sink (tv_flow_view_new ()));
  guint ticks = 0, source;
  gint64 deadline;

  tv_tracker_finish (tracker);
  g_assert_cmpuint (conn->n_segs, >, TV_FLOW_VIEW_THREAD_ROWS);

  /* a capture still growing: laid out at once */
  tv_flow_view_set_connections (view, tracker, ids, 1, NULL, FALSE);
  g_assert_false (tv_flow_view_get_busy (view));
  g_assert_nonnull (tv_flow_view_get_layout (view));

  /* a finished one: in a thread, the main loop runs meanwhile */
  source = g_timeout_add (5, count_tick, &ticks);
  tv_flow_view_set_connections (view, tracker, ids, 1, NULL, TRUE);
  g_assert_true (tv_flow_view_get_busy (view));
  g_assert_null (tv_flow_view_get_layout (view));
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (tv_flow_view_get_busy (view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);
  g_assert_false (tv_flow_view_get_busy (view));
  g_assert_nonnull (tv_flow_view_get_layout (view));
  g_assert_cmpuint (tv_flow_layout_get_n_rows (tv_flow_view_get_layout (view)), ==, conn->n_segs);
  g_test_message ("%u ticks of 5 ms while the layout was made", ticks);
  g_assert_cmpuint (ticks, >=, 1);

  /* asked again before the first is done: only the last one shows */
  tv_flow_view_set_connections (view, tracker, ids, 1, NULL, TRUE);
  {
    TvFlowOptions opt;

    tv_flow_options_init (&opt);
    opt.fold = TRUE;
    tv_flow_view_set_connections (view, tracker, ids, 1, &opt, TRUE);
  }
  g_assert_false (tv_flow_view_get_busy (view));   /* folded: few rows, at once */
  tv_ui_test_spin (2000);
  g_assert_cmpuint (tv_flow_layout_get_n_rows (tv_flow_view_get_layout (view)), ==, 4);

  g_object_unref (view);
  tv_tracker_free (tracker);
}

static void
on_segment_selected (TvFlowPage *page, guint conn_id, guint seg, guint *out)
{
  out[0] = conn_id;
  out[1] = seg;
  out[2]++;
}

/* The page: between two hosts, chosen connections, side by side; the
 * selection goes out as "segment-selected" and the explanation follows. */
static void
test_page (void)
{
  TvTracker *tracker = load ("tcp-interleaved.pcap");
  GtkWidget *window = gtk_window_new ();
  TvFlowPage *page;
  TvFlowView *view;
  TvFlowLayout *layout;
  guint got[3] = { 0, 0, 0 };
  g_autofree char *text = NULL;
  int row;

  if (!g_resources_get_info ("/com/example/TcpViz/tv-flow-page.ui", 0, NULL, NULL, NULL))
    g_resources_register (tv_ui_get_resource ());
  page = TV_FLOW_PAGE (tv_flow_page_new ());
  view = tv_flow_page_get_view (page);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (page, "segment-selected", G_CALLBACK (on_segment_selected), got);

  /* between the hosts of connection 2 (IPv6): only it */
  tv_flow_page_set_capture (page, tracker, TRUE);
  tv_flow_page_set_current (page, 2);
  layout = tv_flow_view_get_layout (view);
  g_assert_nonnull (layout);
  g_assert_cmpuint (tv_flow_layout_get_n_conns (layout), ==, 1);
  g_assert_cmpuint (tv_flow_layout_get_conn (layout, 0)->id, ==, 2);
  /* of connection 0: 0 and 1 */
  tv_flow_page_set_current (page, 0);
  layout = tv_flow_view_get_layout (view);
  g_assert_cmpuint (tv_flow_layout_get_n_conns (layout), ==, 2);

  /* the whole capture */
  tv_flow_page_set_scope (page, TV_FLOW_SCOPE_CAPTURE);
  g_assert_cmpuint (tv_flow_layout_get_n_conns (tv_flow_view_get_layout (view)), ==, 3);

  /* chosen: 1 and 2, then side by side */
  tv_flow_page_set_scope (page, TV_FLOW_SCOPE_CHOSEN);
  tv_flow_page_set_chosen (page, "2, 1, 9");
  layout = tv_flow_view_get_layout (view);
  g_assert_cmpuint (tv_flow_layout_get_n_conns (layout), ==, 2);
  g_assert_cmpint (tv_flow_layout_get_options (layout)->lifelines, ==, TV_FLOW_LIFELINES_HOST);
  tv_flow_page_set_compare (page, TRUE);
  layout = tv_flow_view_get_layout (view);
  g_assert_cmpint (tv_flow_layout_get_options (layout)->lifelines, ==, TV_FLOW_LIFELINES_CONNECTION);
  g_assert_true (tv_flow_layout_get_options (layout)->align_start);
  g_assert_cmpuint (tv_flow_layout_get_conn (layout, 0)->id, ==, 2);   /* A, as typed */
  g_assert_cmpuint (tv_flow_layout_get_n_lifelines (layout), ==, 4);
  tv_ui_test_spin (200);

  /* an arrow selected here goes out, with its explanation */
  row = tv_flow_layout_find_segment (layout, 1, 3);
  g_assert_cmpint (row, >=, 0);
  tv_flow_view_set_selected_row (view, row);
  g_assert_cmpuint (got[2], ==, 1);
  g_assert_cmpuint (got[0], ==, 1);
  g_assert_cmpuint (got[1], ==, 3);
  text = tv_explain_pane_dup_text (TV_EXPLAIN_PANE (tv_flow_page_get_explain (page)));
  g_assert_nonnull (strstr (text, "Step 4 of 10"));

  /* selected from outside: shown, not sent back */
  g_assert_true (tv_flow_page_select_segment (page, 2, 0));
  g_assert_cmpuint (got[2], ==, 1);
  g_assert_cmpint (tv_flow_view_get_selected_row (view), ==, tv_flow_layout_find_segment (layout, 2, 0));
  g_assert_false (tv_flow_page_select_segment (page, 0, 0));

  /* stepping selects the next arrow */
  gtk_widget_activate_action (GTK_WIDGET (page), "flow.step-forward", NULL);
  g_assert_cmpint (tv_flow_view_get_selected_row (view), ==, tv_flow_layout_find_segment (layout, 2, 0) + 1);
  g_assert_cmpuint (got[2], ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  tv_tracker_free (tracker);
}

int
main (int argc, char **argv)
{
  if (!tv_ui_test_start_widget (&argc, &argv))
    return 77;

  g_test_add_func ("/ui/flow-view/show", test_show);
  g_test_add_func ("/ui/flow-view/thread", test_thread);
  g_test_add_func ("/ui/flow-view/page", test_page);
  return g_test_run ();
}
