/* test-connection-view.c: TvConnectionView under a real display (Xvfb in
 * `meson test`): stepping, the shared selection, playback on the frame
 * clock, reduced motion, speed, the scrubber, segments appended. */
#define G_LOG_DOMAIN "test-connection-view"
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "tv-connection-view.h"
#include "tv-connection-view-private.h"
#include "tv-explain-pane.h"
#include "tv-ladder-view.h"
#include "tv-load.h"
#include "tv-playback.h"
#include "tv-segment-table.h"
#include "tv-ui-resources.h"
#include "tv-ui-test-util.h"

typedef struct {
  TvTracker        *tracker;
  TvConn           *conn;
  GtkWindow        *window;
  TvConnectionView *view;
  TvLadderView     *ladder;
  TvSegmentTable   *table;
  TvExplainPane    *explain;
} Fixture;

/* The person picks row @index of the table (-1: none), as a click does. */
static void
pick_table_row (TvSegmentTable *table,
                int             index)
{
  GtkWidget *columns = tv_ui_test_find_type (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW);
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (columns));

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model),
                                     index < 0 ? GTK_INVALID_LIST_POSITION : (guint) index);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for a while: under Xvfb the window may be resized
 * once more after it is mapped. */
static void
settle (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (300, quit_loop, loop);
  g_main_loop_run (loop);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *name = data != NULL ? data : "textbook-handshake.pcap";
  g_autofree char *path = tv_test_capture_path (name);
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };
  gint64 end;

  f->tracker = tv_tracker_new ();
  g_assert_true (tv_load_file (path, f->tracker, NULL, &stats, &error));
  g_assert_no_error (error);
  tv_load_stats_clear (&stats);
  g_assert_cmpuint (tv_tracker_get_n_conns (f->tracker), >, 0);
  f->conn = tv_tracker_get_conn (f->tracker, 0);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 700);
  f->view = TV_CONNECTION_VIEW (tv_connection_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  f->ladder = TV_LADDER_VIEW (tv_connection_view_get_ladder_view (f->view));
  f->table = TV_SEGMENT_TABLE (tv_connection_view_get_segment_table (f->view));
  f->explain = TV_EXPLAIN_PANE (tv_connection_view_get_explain_pane (f->view));
  tv_view_state_show_conn (tv_connection_view_get_state (f->view), f->tracker, f->conn);
  gtk_window_present (f->window);

  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->view)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  drain ();
  tv_tracker_free (f->tracker);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             const char *label_prefix)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (label_prefix == NULL || g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), label_prefix)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label_prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_selected (Fixture *f,
                 int      index)
{
  g_assert_cmpint (tv_connection_view_get_selected_segment (f->view), ==, index);
  g_assert_cmpint (tv_ladder_view_get_selected_segment (f->ladder), ==, index);
  g_assert_cmpint (tv_segment_table_get_selected_segment (f->table), ==, index);
  g_assert_cmpint (tv_explain_pane_get_selected_segment (f->explain), ==, index);
}

static void
assert_paint (Fixture *f,
              int      visible,
              int      row)
{
  int v, r;

  tv_connection_view_get_paint_state (f->view, &v, &r, NULL);
  g_assert_cmpint (v, ==, visible);
  g_assert_cmpint (r, ==, row);
}

/* Actions act at once.  The main loop is not run here: while the view
 * plays, the real frame clock would move the playback on as well as
 * tv_connection_view_advance(). */
static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), action, NULL));
}

/* Moves the playback on in frames of 16 ms until @done says so; fails
 * after five minutes of playback time (at 1x each step stays until its
 * explanation is read: up to 20 s). */
static void
play_until (Fixture  *f,
            gboolean (*done) (Fixture *f))
{
  for (int i = 0; i < 5 * 60 * 1000 / 16; i++)
    {
      if (done (f))
        return;
      tv_connection_view_advance (f->view, 16 * 1000);
    }
  g_assert_not_reached ();
}

static void
test_initial (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *label;

  /* the whole diagram, nothing selected, no frame clock */
  assert_paint (f, -1, -1);
  assert_selected (f, -1);
  g_assert_false (tv_connection_view_get_playing (f->view));
  g_assert_false (tv_connection_view_is_ticking (f->view));
  g_assert_nonnull (tv_connection_view_get_playback (f->view));
  g_assert_cmpuint (tv_playback_get_n_rows (tv_connection_view_get_playback (f->view)), ==, 11);
  label = find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, "11 steps");
  g_assert_nonnull (label);

  /* no connection: the actions are off */
  tv_view_state_show_conn (tv_connection_view_get_state (f->view), NULL, NULL);
  g_assert_null (tv_connection_view_get_playback (f->view));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "playback.toggle", NULL);
  g_assert_false (tv_connection_view_get_playing (f->view));
  g_assert_false (tv_connection_view_is_ticking (f->view));
  g_assert_null (tv_ladder_view_get_connection (f->ladder));
  g_assert_null (tv_segment_table_get_connection (f->table));
  g_assert_null (tv_explain_pane_get_connection (f->explain));
}

static void
test_step (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *relative = NULL;
  g_autofree char *absolute = NULL;

  activate (f, "playback.step-forward");
  assert_selected (f, 0);
  assert_paint (f, 1, -1);
  activate (f, "playback.step-forward");
  activate (f, "playback.step-forward");

  /* the third segment, the ACK that completes the handshake */
  assert_selected (f, 2);
  assert_paint (f, 3, -1);
  g_assert_false (tv_connection_view_get_playing (f->view));
  g_assert_false (tv_connection_view_is_ticking (f->view));
  g_assert_nonnull (find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, "Step 3 of 11"));

  relative = tv_explain_pane_dup_text (f->explain);
  g_assert_nonnull (strstr (relative, "whose seq was 0, with ack = 0 + 1 = 1"));
  g_assert_nonnull (strstr (relative, "three-way handshake"));

  tv_view_state_set_absolute (tv_connection_view_get_state (f->view), TRUE);
  g_assert_true (tv_ladder_view_get_absolute (f->ladder));
  g_assert_true (tv_segment_table_get_absolute (f->table));
  g_assert_true (tv_explain_pane_get_absolute (f->explain));
  absolute = tv_explain_pane_dup_text (f->explain);
  g_assert_nonnull (strstr (absolute, "3626544837"));
  tv_view_state_set_absolute (tv_connection_view_get_state (f->view), FALSE);

  /* back one, and back to nothing shown */
  activate (f, "playback.step-back");
  assert_selected (f, 1);
  assert_paint (f, 2, -1);
  activate (f, "playback.step-back");
  activate (f, "playback.step-back");
  assert_selected (f, -1);
  assert_paint (f, 0, -1);
  g_assert_nonnull (find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, "Step 0 of 11"));

  /* stepping to the last one shows the whole diagram again */
  for (int i = 0; i < 11; i++)
    activate (f, "playback.step-forward");
  assert_selected (f, 10);
  assert_paint (f, -1, -1);

  /* from the whole diagram, Step Back goes one before the selection */
  activate (f, "playback.step-back");
  assert_selected (f, 9);
  assert_paint (f, 10, -1);
}

static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  /* a row in the table selects the arrow and explains it */
  pick_table_row (f->table, 5);
  assert_selected (f, 5);
  assert_paint (f, -1, -1);   /* no playback: the whole diagram */

  /* an arrow in the diagram selects the row */
  tv_view_state_set_selected_segment (tv_ladder_view_get_state (f->ladder), 7);
  assert_selected (f, 7);

  /* the state of the view */
  tv_view_state_set_selected_segment (tv_connection_view_get_state (f->view), 3);
  assert_selected (f, 3);

  /* the scrubber stands at the selected segment */
  {
    GtkWidget *scale = find_widget (GTK_WIDGET (f->view), GTK_TYPE_SCALE, NULL);

    g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 4);
    pick_table_row (f->table, 8);
    g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 9);
    g_assert_nonnull (find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, "Step 9 of 11"));
    tv_view_state_set_selected_segment (tv_connection_view_get_state (f->view), 3);
  }

  /* while the playback waits at step 3, the table has the three rows
   * played, no more; picking one of them goes there */
  tv_view_state_set_selected_segment (tv_connection_view_get_state (f->view), -1);
  g_assert_cmpint (tv_segment_table_get_shown_rows (f->table), ==, 11);
  for (int i = 0; i < 3; i++)
    {
      activate (f, "playback.step-forward");
      g_assert_cmpint (tv_segment_table_get_shown_rows (f->table), ==, i + 1);
    }
  assert_paint (f, 3, -1);
  pick_table_row (f->table, 7);   /* no such row yet */
  g_assert_cmpint (tv_segment_table_get_selected_segment (f->table), ==, -1);
  assert_paint (f, 3, -1);
  pick_table_row (f->table, 1);
  assert_selected (f, 1);
  assert_paint (f, 2, -1);
  g_assert_cmpint (tv_segment_table_get_shown_rows (f->table), ==, 2);
  g_assert_cmpint (tv_playback_get_current_row (tv_connection_view_get_playback (f->view)), ==, 1);
}

static gboolean
in_flight (Fixture *f)
{
  return tv_playback_is_in_flight (tv_connection_view_get_playback (f->view)) &&
         tv_playback_get_current_row (tv_connection_view_get_playback (f->view)) >= 1;
}

static gboolean
stopped (Fixture *f)
{
  return !tv_connection_view_get_playing (f->view);
}

static gboolean
row_moved (gpointer user_data)
{
  Fixture *f = user_data;

  return tv_playback_get_current_row (tv_connection_view_get_playback (f->view)) >= 1;
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
test_play (Fixture       *f,
           gconstpointer  data)
{
  TvPlayback *playback = tv_connection_view_get_playback (f->view);
  int visible, row;
  double progress;
  gint64 end;
  guint notified = 0;

  g_assert_false (tv_playback_get_reduced_motion (playback));
  g_signal_connect_swapped (f->view, "notify::playing", G_CALLBACK (count_notify), &notified);

  /* play: from the start, on the frame clock */
  activate (f, "playback.toggle");
  g_assert_true (tv_connection_view_get_playing (f->view));
  g_assert_true (tv_connection_view_is_ticking (f->view));
  g_assert_cmpuint (notified, ==, 1);

  /* an arrow in flight: drawn part of its way, the rows before it shown,
   * and the selection on it */
  play_until (f, in_flight);
  tv_connection_view_get_paint_state (f->view, &visible, &row, &progress);
  g_assert_cmpint (row, >=, 1);
  g_assert_cmpint (visible, ==, row + 1);
  g_assert_cmpfloat (progress, <, 1.0);
  assert_selected (f, row);

  /* pause: the arrow stays where it is, the frame clock stops */
  activate (f, "playback.toggle");
  g_assert_false (tv_connection_view_get_playing (f->view));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (tv_connection_view_is_ticking (f->view));
  assert_paint (f, visible, row);

  /* play on to the end: the whole diagram, no frame clock */
  activate (f, "playback.toggle");
  g_assert_true (tv_connection_view_is_ticking (f->view));
  play_until (f, stopped);
  g_assert_true (tv_playback_is_finished (playback));
  g_assert_false (tv_connection_view_is_ticking (f->view));
  assert_paint (f, -1, -1);
  assert_selected (f, 10);

  /* Restart: at the start, paused; the table empty */
  activate (f, "playback.restart");
  g_assert_false (tv_connection_view_get_playing (f->view));
  g_assert_false (tv_connection_view_is_ticking (f->view));
  g_assert_cmpint (tv_playback_get_current_row (playback), ==, -1);
  assert_paint (f, 0, -1);
  g_assert_cmpint (tv_segment_table_get_shown_rows (f->table), ==, 0);
  tv_connection_view_advance (f->view, 5000 * 1000);
  g_assert_cmpint (tv_playback_get_current_row (playback), ==, -1);

  /* the real frame clock moves it (at 8x: the SYN's explanation keeps it
   * 20 s at 1x) */
  tv_connection_view_set_playback_speed (f->view, "8");
  activate (f, "playback.toggle");
  g_assert_true (tv_connection_view_is_ticking (f->view));
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!row_moved (f))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpint (tv_connection_view_get_selected_segment (f->view), >=, 1);
  activate (f, "playback.toggle");
  g_assert_false (tv_connection_view_is_ticking (f->view));
}

static void
test_reduced_motion (Fixture       *f,
                     gconstpointer  data)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (f->view));
  TvPlayback *playback = tv_connection_view_get_playback (f->view);
  guint last_visible = 0;

  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  g_assert_true (tv_playback_get_reduced_motion (playback));

  /* rows appear one after the other, never an arrow in flight */
  activate (f, "playback.toggle");
  while (tv_connection_view_get_playing (f->view))
    {
      int visible, row;

      tv_connection_view_advance (f->view, 16 * 1000);
      tv_connection_view_get_paint_state (f->view, &visible, &row, NULL);
      g_assert_cmpint (row, ==, -1);
      if (visible >= 0)
        {
          g_assert_cmpint (visible, >=, last_visible);
          last_visible = visible;
        }
    }
  g_assert_cmpuint (last_visible, ==, 10);
  assert_paint (f, -1, -1);

  /* and back */
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  g_assert_false (tv_playback_get_reduced_motion (playback));

  /* a new connection follows the setting too */
  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  tv_view_state_show_conn (tv_connection_view_get_state (f->view), NULL, NULL);
  tv_view_state_show_conn (tv_connection_view_get_state (f->view), f->tracker, f->conn);
  g_assert_true (tv_playback_get_reduced_motion (tv_connection_view_get_playback (f->view)));
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
}

static void
test_speed (Fixture       *f,
            gconstpointer  data)
{
  TvPlayback *playback = tv_connection_view_get_playback (f->view);
  g_autofree char *state = NULL;

  g_assert_cmpstr (tv_connection_view_get_playback_speed (f->view), ==, "1");
  g_assert_cmpfloat (tv_playback_get_speed (playback), ==, 1.0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "playback.speed", "s", "4"));
  g_assert_cmpstr (tv_connection_view_get_playback_speed (f->view), ==, "4");
  g_assert_cmpfloat (tv_playback_get_speed (playback), ==, 4.0);
  g_assert_cmpint (tv_playback_get_mode (playback), ==, TV_PLAYBACK_MODE_TIME);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "playback.speed", "s", "0.25"));
  g_assert_cmpfloat (tv_playback_get_speed (playback), ==, 0.25);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "playback.speed", "s", "step"));
  g_assert_cmpint (tv_playback_get_mode (playback), ==, TV_PLAYBACK_MODE_STEP);
  g_assert_cmpfloat (tv_playback_get_speed (playback), ==, 1.0);
  g_object_get (f->view, "playback-speed", &state, NULL);
  g_assert_cmpstr (state, ==, "step");

  /* one segment per step: a second per row */
  activate (f, "playback.toggle");
  for (int i = 0; i < 100; i++)
    tv_connection_view_advance (f->view, 16 * 1000);
  g_assert_cmpint (tv_playback_get_current_row (playback), ==, 1);
  activate (f, "playback.toggle");

  /* kept for the next connection */
  tv_view_state_show_conn (tv_connection_view_get_state (f->view), NULL, NULL);
  tv_view_state_show_conn (tv_connection_view_get_state (f->view), f->tracker, f->conn);
  g_assert_cmpint (tv_playback_get_mode (tv_connection_view_get_playback (f->view)), ==,
                   TV_PLAYBACK_MODE_STEP);
  tv_connection_view_set_playback_speed (f->view, "2");
  g_assert_cmpint (tv_playback_get_mode (tv_connection_view_get_playback (f->view)), ==,
                   TV_PLAYBACK_MODE_TIME);
  g_assert_cmpfloat (tv_playback_get_speed (tv_connection_view_get_playback (f->view)), ==, 2.0);
}

static void
test_scrubber (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *scale = find_widget (GTK_WIDGET (f->view), GTK_TYPE_SCALE, NULL);
  gboolean handled = FALSE;

  g_assert_nonnull (scale);
  /* the whole diagram: the scrubber at the end */
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 11);

  /* dragged to 5: rows 0 … 4 shown, the fifth selected */
  g_signal_emit_by_name (scale, "change-value", GTK_SCROLL_JUMP, 5.2, &handled);
  drain ();
  assert_paint (f, 5, -1);
  assert_selected (f, 4);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 5);
  g_assert_nonnull (find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, "Step 5 of 11"));

  /* the scrubber follows the playback */
  activate (f, "playback.step-forward");
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 6);
}

static void
test_appended (Fixture       *f,
               gconstpointer  data)
{
  guint32 n = f->conn->n_segs;
  TvPlayback *playback;

  /* as if the capture had only the handshake so far */
  tv_view_state_show_conn (tv_connection_view_get_state (f->view), NULL, NULL);
  f->conn->n_segs = 3;
  tv_view_state_show_conn (tv_connection_view_get_state (f->view), f->tracker, f->conn);
  playback = tv_connection_view_get_playback (f->view);
  g_assert_cmpuint (tv_playback_get_n_rows (playback), ==, 3);

  /* playing it to the end, then more segments come */
  activate (f, "playback.toggle");
  play_until (f, stopped);
  assert_paint (f, -1, -1);
  f->conn->n_segs = n;
  tv_view_state_segments_added (tv_connection_view_get_state (f->view));
  g_assert_cmpuint (tv_playback_get_n_rows (playback), ==, n);
  g_assert_nonnull (find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, "Step 3 of 11"));

  /* they play too */
  activate (f, "playback.step-forward");
  assert_selected (f, 3);
  g_assert_cmpint (tv_segment_table_get_shown_rows (f->table), ==, 4);
  g_assert_nonnull (find_widget (GTK_WIDGET (f->view), GTK_TYPE_LABEL, "Step 4 of 11"));
  while (tv_playback_get_n_shown (playback) < n)
    activate (f, "playback.step-forward");
  g_assert_cmpint (tv_segment_table_get_shown_rows (f->table), ==, (int) n);
  assert_selected (f, (int) n - 1);
}

static gboolean
arrived (Fixture *f)
{
  return tv_connection_view_get_arrival (f->view, NULL) < 0;
}

/* Segments that arrive while nothing plays (a live capture) travel in one
 * after the other; with reduced motion they appear at once. */
static void
test_arrival (Fixture       *f,
              gconstpointer  data)
{
  guint32 n = f->conn->n_segs;
  double progress = -1;

  tv_view_state_show_conn (tv_connection_view_get_state (f->view), NULL, NULL);
  f->conn->n_segs = 3;
  tv_view_state_show_conn (tv_connection_view_get_state (f->view), f->tracker, f->conn);
  g_assert_cmpint (tv_connection_view_get_arrival (f->view, NULL), ==, -1);

  f->conn->n_segs = 5;
  tv_view_state_segments_added (tv_connection_view_get_state (f->view));
  g_assert_cmpint (tv_connection_view_get_arrival (f->view, &progress), ==, 3);
  g_assert_cmpfloat (progress, ==, 0);
  /* on the real frame clock: two arrows of 0.22 s each */
  {
    gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
    while (!arrived (f) && g_get_monotonic_time () < end)
      {
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (2000);
      }
  }
  g_assert_cmpint (tv_connection_view_get_arrival (f->view, NULL), ==, -1);

  g_object_set (gtk_widget_get_settings (GTK_WIDGET (f->view)), "gtk-enable-animations", FALSE, NULL);
  f->conn->n_segs = n;
  tv_view_state_segments_added (tv_connection_view_get_state (f->view));
  g_assert_cmpint (tv_connection_view_get_arrival (f->view, NULL), ==, -1);
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (f->view)), "gtk-enable-animations", TRUE, NULL);
}

static gboolean
row_started (Fixture *f)
{
  return tv_playback_get_current_row (tv_connection_view_get_playback (f->view)) >= 0;
}

static void
assert_row_in_view (Fixture *f,
                    int      index)
{
  TvLadderRow row;
  double y_start, y_end;

  tv_ladder_layout_get_row (tv_ladder_view_get_layout (f->ladder), index, &row);
  tv_ladder_view_get_visible_range (f->ladder, &y_start, &y_end);
  g_assert_cmpfloat (row.top, >=, y_start);
  g_assert_cmpfloat (row.bottom, <=, y_end);
}

/* The diagram scrolls to keep the arrow in sight. */
static void
test_follow (Fixture       *f,
             gconstpointer  data)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->ladder));
  int n = (int) f->conn->n_segs;

  g_assert_nonnull (vadj);
  if (gtk_adjustment_get_upper (vadj) <= gtk_adjustment_get_page_size (vadj))
    {
      g_test_skip ("the whole diagram fits in the window");
      return;
    }

  for (int i = 0; i < n; i++)
    activate (f, "playback.step-forward");
  drain ();
  assert_selected (f, n - 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), >, 0);
  assert_row_in_view (f, n - 1);

  /* back to the start: the first arrow in sight again */
  activate (f, "playback.restart");
  activate (f, "playback.toggle");
  play_until (f, row_started);
  activate (f, "playback.toggle");   /* paused, before the main loop runs */
  drain ();
  assert_paint (f, 1, 0);
  assert_row_in_view (f, 0);
}

/* The shortcut of @keyval in the view's window-wide shortcut controller. */
static GtkShortcut *
find_shortcut (GtkWidget       *view,
               guint            keyval,
               GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != GTK_SHORTCUT_SCOPE_MANAGED)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return shortcut;   /* the controller keeps it */
        }
    }
  return NULL;
}

static gboolean
press (GtkWidget       *view,
       guint            keyval,
       GdkModifierType  modifiers)
{
  GtkShortcut *shortcut = find_shortcut (view, keyval, modifiers);

  g_assert_nonnull (shortcut);
  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, view, NULL);
}

/* The playback keys work from anywhere in the window, but leave text,
 * and Space on a button, alone. */
static void
test_keys (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (f->view);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *button = gtk_button_new_with_label ("Open");

  /* the view with an entry and a button beside it, as in the window */
  g_object_ref (view);
  gtk_window_set_child (f->window, NULL);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), view);
  g_object_unref (view);
  gtk_window_set_child (f->window, box);
  drain ();

  /* focus on the button: ".", "," and the arrows step, Space is the
   * button's */
  gtk_widget_grab_focus (button);
  g_assert_true (press (view, GDK_KEY_period, 0));
  g_assert_true (press (view, GDK_KEY_Right, 0));
  g_assert_true (press (view, GDK_KEY_period, 0));
  assert_selected (f, 2);
  g_assert_true (press (view, GDK_KEY_comma, 0));
  g_assert_true (press (view, GDK_KEY_Left, 0));
  assert_selected (f, 0);
  g_assert_false (press (view, GDK_KEY_space, 0));
  g_assert_false (tv_connection_view_get_playing (f->view));

  /* focus in the diagram: Space plays and pauses, Ctrl+Home restarts */
  gtk_widget_grab_focus (GTK_WIDGET (f->ladder));
  g_assert_true (press (view, GDK_KEY_space, 0));
  g_assert_true (tv_connection_view_get_playing (f->view));
  g_assert_true (press (view, GDK_KEY_space, 0));
  g_assert_false (tv_connection_view_get_playing (f->view));
  g_assert_true (press (view, GDK_KEY_Home, GDK_CONTROL_MASK));
  g_assert_false (tv_connection_view_get_playing (f->view));   /* at the start, paused */
  assert_paint (f, 0, -1);
  g_assert_true (press (view, GDK_KEY_space, 0));
  g_assert_true (tv_connection_view_get_playing (f->view));
  g_assert_true (press (view, GDK_KEY_space, 0));

  /* focus in text: the keys are the text's */
  gtk_widget_grab_focus (entry);
  g_assert_false (press (view, GDK_KEY_period, 0));
  g_assert_false (press (view, GDK_KEY_space, 0));
  g_assert_false (press (view, GDK_KEY_Left, 0));

  /* nothing shown: the keys go on */
  gtk_widget_grab_focus (button);
  tv_view_state_show_conn (tv_connection_view_get_state (f->view), NULL, NULL);
  g_assert_false (press (view, GDK_KEY_period, 0));
  tv_view_state_show_conn (tv_connection_view_get_state (f->view), f->tracker, f->conn);
  gtk_widget_set_visible (view, FALSE);
  g_assert_false (press (view, GDK_KEY_period, 0));
}

/* The explanation and the table beside the diagram in a wide window, under
 * it in a narrow one. */
static void
test_arrangement (void)
{
  g_autofree char *path = tv_test_capture_path ("textbook-handshake.pcap");
  TvTracker *tracker = tv_tracker_new ();
  TvLoadStats stats = { 0 };
  const int widths[] = { 1400, 700 };

  g_assert_true (tv_load_file (path, tracker, NULL, &stats, NULL));
  tv_load_stats_clear (&stats);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      GtkWindow *window = GTK_WINDOW (gtk_window_new ());
      GtkWidget *view = tv_connection_view_new ();
      GtkWidget *paned, *ladder;
      gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
      int natural;

      gtk_window_set_default_size (window, widths[i], 700);
      gtk_window_set_child (window, view);
      tv_view_state_show_conn (tv_connection_view_get_state (TV_CONNECTION_VIEW (view)), tracker, tv_tracker_get_conn (tracker, 0));
      gtk_window_present (window);
      while (gtk_widget_get_width (view) == 0)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, end);
          g_main_context_iteration (NULL, TRUE);
        }
      drain ();

      ladder = tv_connection_view_get_ladder_view (TV_CONNECTION_VIEW (view));
      gtk_widget_measure (ladder, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      paned = gtk_widget_get_first_child (view);
      g_assert_true (GTK_IS_PANED (paned));
      if (widths[i] >= natural + 480)
        {
          /* beside, and the diagram at its natural width */
          g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==, GTK_ORIENTATION_HORIZONTAL);
          g_assert_cmpint (gtk_widget_get_width (gtk_paned_get_start_child (GTK_PANED (paned))), >=, natural);
        }
      else if (widths[i] < natural + 320)
        g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==, GTK_ORIENTATION_VERTICAL);
      else
        g_assert_not_reached ();
      gtk_window_destroy (window);
      drain ();
    }
  tv_tracker_free (tracker);
}

/* The explanation and the table in the pane beside the diagram (narrow
 * and wide) and under it: the explanation wraps at the pane's width, not
 * short of it; the table's Label column shows "GET / HTTP/1.1" whole and in
 * sight (a narrow table hides Time and Window for it, a wide one shows
 * every column). */
static GtkWidget *
find_label_with_text (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_text (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_pane_widths (void)
{
  g_autofree char *path = tv_test_capture_path ("textbook-handshake.pcap");
  TvTracker *tracker = tv_tracker_new ();
  TvLoadStats stats = { 0 };
  int natural;
  /* beside and narrow, beside and wide, under */
  const struct { int extra; gboolean bottom; int compact; } cases[] = {
    { 440, FALSE, TRUE }, { 700, FALSE, FALSE }, { 100, TRUE, FALSE },
  };

  g_assert_true (tv_load_file (path, tracker, NULL, &stats, NULL));
  tv_load_stats_clear (&stats);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWindow *window = GTK_WINDOW (gtk_window_new ());
      TvConnectionView *view = TV_CONNECTION_VIEW (tv_connection_view_new ());
      GtkWidget *paned, *table, *explain, *body, *cell;
      g_autofree char *text = NULL;
      graphene_rect_t bounds;
      gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

      gtk_window_set_child (window, GTK_WIDGET (view));
      tv_view_state_show_conn (tv_connection_view_get_state (view), tracker, tv_tracker_get_conn (tracker, 0));
      gtk_widget_measure (tv_connection_view_get_ladder_view (view), GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &natural, NULL, NULL);
      gtk_window_set_default_size (window, natural + cases[i].extra, 800);
      /* the GET: its explanation is a long paragraph */
      tv_view_state_set_selected_segment (tv_connection_view_get_state (view), 3);
      gtk_window_present (window);
      while (gtk_widget_get_width (GTK_WIDGET (view)) == 0)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, end);
          g_main_context_iteration (NULL, TRUE);
        }
      settle ();

      g_test_message ("window %d wide (diagram %d)", natural + cases[i].extra, natural);
      paned = gtk_widget_get_first_child (GTK_WIDGET (view));
      g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==,
                       cases[i].bottom ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);

      /* the explanation: as wide as its pane, less the margins (18 + 18) */
      explain = tv_connection_view_get_explain_pane (view);
      text = tv_explain_pane_dup_text (TV_EXPLAIN_PANE (explain));
      body = find_widget (explain, GTK_TYPE_LABEL, "The client sends 82 bytes");
      g_assert_nonnull (body);
      g_test_message ("explanation pane %d, its text %d", gtk_widget_get_width (explain),
                      gtk_widget_get_width (body));
      g_assert_cmpint (gtk_widget_get_width (body), >=, gtk_widget_get_width (explain) - 36 - 2);
      g_assert_true (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (body))) > 1);

      /* the table: the label whole, and inside the table's width */
      table = tv_connection_view_get_segment_table (view);
      g_assert_cmpint (tv_segment_table_get_compact (TV_SEGMENT_TABLE (table)), ==, cases[i].compact);
      cell = find_label_with_text (table, "GET / HTTP/1.1");
      g_assert_nonnull (cell);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (cell))));
      g_assert_true (gtk_widget_compute_bounds (cell, table, &bounds));
      g_test_message ("table %d wide, the label from %.0f to %.0f", gtk_widget_get_width (table),
                      bounds.origin.x, bounds.origin.x + bounds.size.width);
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (table));
      /* a wide table shows the time; a narrow one leaves it to the diagram */
      g_assert_true ((find_label_with_text (table, "0.000748") != NULL) == !cases[i].compact);

      /* a divider the person moves stays where it is put */
      {
        GtkPaned *moved = GTK_PANED (cases[i].bottom ? gtk_paned_get_end_child (GTK_PANED (paned)) : paned);
        int position = gtk_paned_get_position (moved) - 40;

        gtk_paned_set_position (moved, position);
        gtk_widget_queue_resize (GTK_WIDGET (view));
        settle ();
        g_assert_cmpint (gtk_paned_get_position (moved), ==, position);
      }

      gtk_window_destroy (window);
      drain ();
    }
  tv_tracker_free (tracker);
}

int
main (int   argc,
      char *argv[])
{
  if (!tv_ui_test_start_widget (&argc, &argv))
    return 77;
  tv_ui_test_fatal_criticals_without_dbus ();
  adw_init ();
  /* the templates, in case the linker left out the static library's
   * resource constructor */
  if (!g_resources_get_info ("/com/example/TcpViz/tv-connection-view.ui", 0, NULL, NULL, NULL))
    g_resources_register (tv_ui_get_resource ());

  g_test_add ("/ui/connection-view/initial", Fixture, NULL, fixture_set_up, test_initial, fixture_tear_down);
  g_test_add ("/ui/connection-view/step", Fixture, NULL, fixture_set_up, test_step, fixture_tear_down);
  g_test_add ("/ui/connection-view/selection", Fixture, NULL, fixture_set_up, test_selection, fixture_tear_down);
  g_test_add ("/ui/connection-view/play", Fixture, NULL, fixture_set_up, test_play, fixture_tear_down);
  g_test_add ("/ui/connection-view/reduced-motion", Fixture, NULL, fixture_set_up, test_reduced_motion,
              fixture_tear_down);
  g_test_add ("/ui/connection-view/speed", Fixture, NULL, fixture_set_up, test_speed, fixture_tear_down);
  g_test_add ("/ui/connection-view/scrubber", Fixture, NULL, fixture_set_up, test_scrubber, fixture_tear_down);
  g_test_add ("/ui/connection-view/appended", Fixture, NULL, fixture_set_up, test_appended, fixture_tear_down);
  g_test_add ("/ui/connection-view/arrival", Fixture, NULL, fixture_set_up, test_arrival, fixture_tear_down);

  g_test_add ("/ui/connection-view/follow", Fixture, "loopback-http.pcap", fixture_set_up, test_follow,
              fixture_tear_down);
  g_test_add ("/ui/connection-view/keys", Fixture, NULL, fixture_set_up, test_keys, fixture_tear_down);
  g_test_add_func ("/ui/connection-view/arrangement", test_arrangement);
  g_test_add_func ("/ui/connection-view/pane-widths", test_pane_widths);

  return g_test_run ();
}
