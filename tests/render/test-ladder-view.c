/* test-ladder-view.c: the TvLadderView widget in a real window (Xvfb).
 *
 * With TV_TEST_SHOTS=DIR it also saves what the widget draws, in the light
 * and the dark style, for a person to look at. */

#define G_LOG_DOMAIN "test-ladder-view"

#include "config.h"

#include <math.h>
#include <adwaita.h>

#include "tv-ladder-view.h"
#include "tv-test-conn.h"

static void
wait_for_draw (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 4;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
make_window (GtkWidget **view,
             GtkWidget **scrolled)
{
  GtkWidget *window = gtk_window_new ();

  *view = tv_ladder_view_new ();
  *scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (*scrolled), *view);
  gtk_window_set_child (GTK_WINDOW (window), *scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (window);

  return window;
}

static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  const char *dir = g_getenv ("TV_TEST_SHOTS");
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GskRenderer *renderer;
  GdkTexture *texture;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;

  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
  g_object_unref (texture);
  gsk_render_node_unref (node);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_view_basics (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  GtkWidget *view, *scrolled, *window = make_window (&view, &scrolled);
  TvLadderView *lv = TV_LADDER_VIEW (view);
  GtkAdjustment *vadj;
  TvLadderLayout *layout;
  guint selected_notifies = 0, zoom_notifies = 0;

  g_signal_connect (tv_ladder_view_get_state (lv), "notify::selected-segment", G_CALLBACK (on_notify), &selected_notifies);
  g_signal_connect (view, "notify::zoom", G_CALLBACK (on_notify), &zoom_notifies);

  g_assert_null (tv_ladder_view_get_layout (lv));
  tv_view_state_show_conn (tv_ladder_view_get_state (lv), tracker, conn);
  wait_for_draw (window);
  layout = tv_ladder_view_get_layout (lv);
  g_assert_nonnull (layout);
  g_assert_cmpuint (tv_ladder_layout_get_n_rows (layout), ==, 11);
  g_assert_true (gtk_widget_get_focusable (view));

  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_assert_nonnull (vadj);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), >=, tv_ladder_layout_get_height (layout) - 1);
  save_shot (view, "view-light.png");

  /* selection: the state's, notified only on change */
  tv_view_state_set_selected_segment (tv_ladder_view_get_state (lv), 3);
  g_assert_cmpint (tv_ladder_view_get_selected_segment (lv), ==, 3);
  tv_view_state_set_selected_segment (tv_ladder_view_get_state (lv), 3);
  g_assert_cmpuint (selected_notifies, ==, 1);
  g_object_set (tv_ladder_view_get_state (lv), "selected-segment", -1, NULL);
  g_assert_cmpint (tv_ladder_view_get_selected_segment (lv), ==, -1);
  g_assert_cmpuint (selected_notifies, ==, 2);
  tv_view_state_set_selected_segment (tv_ladder_view_get_state (lv), 100);
  g_assert_cmpint (tv_ladder_view_get_selected_segment (lv), ==, 10);
  tv_view_state_set_selected_segment (tv_ladder_view_get_state (lv), 5);
  wait_for_draw (window);
  save_shot (view, "view-selected.png");

  /* what the tooltip says */
  {
    g_autofree char *markup = tv_ladder_view_dup_segment_markup (lv, 3);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    static const char *const parts[] = {
      "PSH-ACK", "frame 4", "0.530 ms", "Client → Server", "seq 1 (raw 3626544837)",
      "ack 1 (raw 1739326487)", "len 78", "window 64240", "GET / HTTP/1.1",
      "Client ESTABLISHED", "Server ESTABLISHED",
    };

    g_assert_nonnull (markup);
    g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      if (strstr (text, parts[i]) == NULL)
        g_error ("“%s” not in the tooltip:\n%s", parts[i], text);
    g_assert_null (tv_ladder_view_dup_segment_markup (lv, 11));
    g_assert_null (tv_ladder_view_dup_segment_markup (lv, -1));

    /* a screen reader gets the same, on one line, for the selected segment */
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autofree char *joined = g_strjoinv (", ", lines);
      g_autofree char *expected = g_strdup_printf ("Segment 4 of 11: %s", joined);
      char *problem;

      g_assert_null (strstr (expected, "\n"));
      tv_view_state_set_selected_segment (tv_ladder_view_get_state (lv), 3);
      problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (view),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
      if (problem != NULL)
        g_error ("accessible description: %s", problem);
      tv_view_state_set_selected_segment (tv_ladder_view_get_state (lv), 5);
    }
  }

  /* zoom actions */
  g_assert_true (gtk_widget_activate_action (view, "ladder.zoom-in", NULL));
  g_assert_cmpfloat (tv_ladder_view_get_zoom (lv), >, 1.1);
  g_assert_true (gtk_widget_activate_action (view, "ladder.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (view, "ladder.zoom-out", NULL));
  g_assert_cmpfloat (tv_ladder_view_get_zoom (lv), <, 0.9);
  g_assert_true (gtk_widget_activate_action (view, "ladder.zoom-reset", NULL));
  g_assert_cmpfloat (tv_ladder_view_get_zoom (lv), ==, 1.0);
  g_assert_cmpuint (zoom_notifies, ==, 4);
  tv_ladder_view_set_zoom (lv, 100.0 / 3);  /* clamped */
  g_assert_cmpfloat (tv_ladder_view_get_zoom (lv), ==, TV_LADDER_VIEW_MAX_ZOOM);
  tv_ladder_view_set_zoom (lv, 1.0);

  /* spacing and absolute numbers rebuild the layout */
  g_object_set (tv_ladder_view_get_state (lv), "spacing", TV_LADDER_SPACING_TIME, "absolute", TRUE, NULL);
  g_assert_cmpint (tv_ladder_view_get_spacing (lv), ==, TV_LADDER_SPACING_TIME);
  g_assert_true (tv_ladder_view_get_absolute (lv));
  layout = tv_ladder_view_get_layout (lv);
  g_assert_true (tv_ladder_layout_get_options (layout)->absolute);
  wait_for_draw (window);
  save_shot (view, "view-time-absolute.png");
  g_object_set (tv_ladder_view_get_state (lv), "spacing", TV_LADDER_SPACING_EVEN, "absolute", FALSE, NULL);

  /* dark */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_draw (window);
  save_shot (view, "view-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* playback hooks */
  tv_view_state_set_playback (tv_ladder_view_get_state (lv), 4, 3, 0.5);
  wait_for_draw (window);
  save_shot (view, "view-playback.png");
  tv_view_state_set_playback (tv_ladder_view_get_state (lv), -1, -1, 1);

  /* cleared */
  tv_view_state_show_conn (tv_ladder_view_get_state (lv), NULL, NULL);
  g_assert_null (tv_ladder_view_get_layout (lv));
  g_assert_cmpint (tv_ladder_view_get_selected_segment (lv), ==, -1);

  gtk_window_destroy (GTK_WINDOW (window));
  tv_tracker_free (tracker);
}

static void
test_view_follow (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvTestFeed feed = { tracker, 0, 0 };
  GtkWidget *view, *scrolled, *window = make_window (&view, &scrolled);
  TvLadderView *lv = TV_LADDER_VIEW (view);
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  TvConn *conn;
  guint32 seq = 1001;
  gint64 t = 0;

  conn = tv_test_send (&feed, C2S, t, TV_TCP_SYN, 1000, 0, 0, NULL);
  tv_view_state_show_conn (tv_ladder_view_get_state (lv), tracker, conn);
  wait_for_draw (window);

  /* a live capture: rows keep coming, the view follows the newest */
  for (guint batch = 0; batch < 10; batch++)
    {
      for (guint i = 0; i < 20; i++)
        {
          tv_test_send (&feed, C2S, t += 100, TV_TCP_ACK | TV_TCP_PSH, seq, 5001, 100, NULL);
          seq += 100;
        }
      tv_view_state_segments_added (tv_ladder_view_get_state (lv));
      wait_for_draw (window);
    }
  g_assert_cmpuint (tv_ladder_layout_get_n_rows (tv_ladder_view_get_layout (lv)), ==, 201);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj), >=,
                     gtk_adjustment_get_upper (vadj) - 2);
  save_shot (view, "view-follow.png");

  /* scrolled away: stays there */
  gtk_adjustment_set_value (vadj, 100);
  tv_test_send (&feed, C2S, t += 100, TV_TCP_ACK, seq, 5001, 0, NULL);
  tv_view_state_segments_added (tv_ladder_view_get_state (lv));
  wait_for_draw (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 100);

  /* selecting a far row scrolls to it */
  tv_view_state_set_selected_segment (tv_ladder_view_get_state (lv), 150);
  tv_ladder_view_scroll_to_segment (lv, 150);
  {
    double y = tv_ladder_layout_get_row_y (tv_ladder_view_get_layout (lv), 150);

    g_assert_cmpfloat (y, >=, gtk_adjustment_get_value (vadj));
    g_assert_cmpfloat (y, <=, gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  tv_tracker_free (tracker);
}

/* Narrower than the full layout, the view shows the compact one, as wide
 * as the view (no sideways scrolling); its natural width stays the full
 * layout's; wide again, the full layout as before.  The visible range is
 * given in the full layout's units (for an export of the visible part). */
static void
test_view_compact (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  GtkWidget *view, *scrolled, *window = make_window (&view, &scrolled);
  TvLadderView *lv = TV_LADDER_VIEW (view);
  GtkAdjustment *hadj = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  const int widths[] = { 360, 480, 600, 1000 };
  double full_width = 0;
  int natural;

  tv_view_state_show_conn (tv_ladder_view_get_state (lv), tracker, conn);
  wait_for_draw (window);
  g_assert_false (tv_ladder_view_get_compact (lv));
  full_width = tv_ladder_layout_get_width (tv_ladder_view_get_layout (lv));
  g_assert_cmpfloat (full_width, <, 1000);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
      TvLadderLayout *layout;
      double y_start, y_end;

      gtk_widget_set_size_request (scrolled, widths[i], 600);
      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 600);
      while (gtk_widget_get_width (view) != widths[i] && g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, TRUE);
      wait_for_draw (window);
      g_assert_cmpint (gtk_widget_get_width (view), ==, widths[i]);

      layout = tv_ladder_view_get_layout (lv);
      g_test_message ("view %d wide: %s layout %.0f wide", widths[i],
                      tv_ladder_view_get_compact (lv) ? "compact" : "full",
                      tv_ladder_layout_get_width (layout));
      g_assert_cmpint (tv_ladder_view_get_compact (lv), ==, widths[i] < full_width);
      if (widths[i] < full_width)
        g_assert_cmpfloat (tv_ladder_layout_get_width (layout), ==, widths[i]);
      else
        g_assert_cmpfloat (tv_ladder_layout_get_width (layout), ==, full_width);
      /* nothing to scroll sideways */
      g_assert_cmpfloat (gtk_adjustment_get_upper (hadj), <=, gtk_adjustment_get_page_size (hadj));

      gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpint (natural, ==, (int) ceil (full_width));

      /* the rows on screen, in the full layout: the first row at least */
      tv_ladder_view_get_visible_range (lv, &y_start, &y_end);
      g_assert_cmpfloat (y_end, >, y_start);
      save_shot (view, widths[i] == 360 ? "view-compact-360.png" : "view-compact.png");
    }

  gtk_window_destroy (GTK_WINDOW (window));
  tv_tracker_free (tracker);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_message ("no display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/render/view/basics", test_view_basics);
  g_test_add_func ("/render/view/follow", test_view_follow);
  g_test_add_func ("/render/view/compact", test_view_compact);

  return g_test_run ();
}
