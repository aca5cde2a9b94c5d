/* test-classroom.c: the presenter view and the lessons, in the real window
 * under Xvfb. */
#define G_LOG_DOMAIN "test-classroom"

#include "config.h"

#include <gtk/gtk.h>

#include "tv-classroom.h"
#include "tv-connection-view.h"
#include "tv-ladder-view.h"
#include "tv-lesson.h"
#include "tv-lessons-dialog.h"
#include "tv-presenter.h"
#include "tv-quiz-view.h"
#include "tv-ui-test-util.h"

static TvApplication *app;

/* The presenter views open now. */
static TvPresenter *
find_presenter (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (TV_IS_PRESENTER (l->data))
      return l->data;
  return NULL;
}

static TvWindow *
open_window (const char *path)
{
  TvWindow *window = tv_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  tv_window_open_path (window, path);
  tv_ui_test_wait_for_load (window);
  tv_ui_test_spin (100);
  return window;
}

/* Presses @keyval in @widget's window-wide shortcuts, as a key would. */
static gboolean
press (GtkWidget *widget,
       guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget, NULL);
        }
    }
  g_assert_not_reached ();
  return FALSE;
}

/* F5 in the window: the selected connection fullscreen, stepped with the
 * keys of a clicker, the segments not reached hidden, Escape leaves. */
static void
test_presenter (void)
{
  g_autofree char *path = tv_test_capture_path ("textbook-handshake.pcap");
  TvWindow *window = open_window (path);
  TvPresenter *presenter;
  TvLadderView *ladder;
  GtkWidget *button;

  g_assert_null (find_presenter ());
  tv_window_select (window, 0);
  tv_ui_test_spin (50);
  /* a header-bar button, and F5 */
  button = tv_ui_test_find_actionable (GTK_WIDGET (window), "win.present");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  tv_ui_test_spin (300);
  presenter = find_presenter ();
  g_assert_nonnull (presenter);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (presenter)));
  ladder = TV_LADDER_VIEW (tv_presenter_get_ladder_view (presenter));

  /* at the start: nothing shown, an invitation as the caption */
  g_assert_cmpuint (tv_presenter_get_n_steps (presenter), ==, 11);
  g_assert_cmpuint (tv_presenter_get_shown (presenter), ==, 0);
  g_assert_cmpint (tv_ladder_view_get_selected_segment (ladder), ==, -1);
  g_assert_cmpuint (strlen (tv_presenter_get_caption (presenter)), >, 20);
  /* large type: the diagram zoomed for a room (once laid out) */
  for (int i = 0; i < 100 && tv_ladder_view_get_zoom (ladder) < 1.3; i++)
    tv_ui_test_spin (30);
  g_assert_cmpfloat (tv_ladder_view_get_zoom (ladder), >=, 1.3);

  /* Right, Page Down, Space: one more each; the caption explains it */
  g_assert_true (press (GTK_WIDGET (presenter), GDK_KEY_Right));
  g_assert_cmpuint (tv_presenter_get_shown (presenter), ==, 1);
  g_assert_nonnull (strstr (tv_presenter_get_caption (presenter), "ISN"));
  g_assert_cmpint (tv_ladder_view_get_selected_segment (ladder), ==, 0);
  g_assert_true (press (GTK_WIDGET (presenter), GDK_KEY_Page_Down));
  g_assert_true (press (GTK_WIDGET (presenter), GDK_KEY_space));
  g_assert_cmpuint (tv_presenter_get_shown (presenter), ==, 3);
  g_assert_cmpint (tv_ladder_view_get_selected_segment (ladder), ==, 2);
  g_assert_nonnull (strstr (tv_presenter_get_caption (presenter), "three-way handshake"));
  /* Left, Page Up: one back each */
  g_assert_true (press (GTK_WIDGET (presenter), GDK_KEY_Left));
  g_assert_true (press (GTK_WIDGET (presenter), GDK_KEY_Page_Up));
  g_assert_cmpuint (tv_presenter_get_shown (presenter), ==, 1);
  /* End, Home */
  g_assert_true (press (GTK_WIDGET (presenter), GDK_KEY_End));
  g_assert_cmpuint (tv_presenter_get_shown (presenter), ==, 11);
  g_assert_cmpint (tv_ladder_view_get_selected_segment (ladder), ==, 10);
  g_assert_true (press (GTK_WIDGET (presenter), GDK_KEY_Home));
  g_assert_cmpuint (tv_presenter_get_shown (presenter), ==, 0);
  /* moving on from the end does nothing */
  g_assert_true (press (GTK_WIDGET (presenter), GDK_KEY_End));
  press (GTK_WIDGET (presenter), GDK_KEY_Right);
  g_assert_cmpuint (tv_presenter_get_shown (presenter), ==, 11);

  /* Escape: back to the window */
  g_assert_true (press (GTK_WIDGET (presenter), GDK_KEY_Escape));
  tv_ui_test_spin (200);
  g_assert_null (find_presenter ());
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  tv_ui_test_spin (50);
}

/* Resizes @window and waits until it is that size. */
static void
set_size (TvWindow *window,
          int       width,
          int       height)
{
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  /* the widget is the surface less the shadow of the window's frame */
  while (ABS (gtk_widget_get_width (GTK_WIDGET (window)) + 10 - width) > 4 ||
         ABS (gtk_widget_get_height (GTK_WIDGET (window)) + 10 - height) > 4)
    {
      if (g_get_monotonic_time () > end)
        g_error ("the window is %dx%d, not %dx%d", gtk_widget_get_width (GTK_WIDGET (window)),
                 gtk_widget_get_height (GTK_WIDGET (window)), width, height);
      tv_ui_test_spin (20);
    }
  tv_ui_test_spin (300);
}

/* The diagram's share of the connection view's height. */
static double
diagram_share (TvWindow *window)
{
  GtkWidget *view = tv_window_get_connection_view (window);
  GtkWidget *ladder = tv_connection_view_get_ladder_view (TV_CONNECTION_VIEW (view));
  GtkWidget *scrolled = gtk_widget_get_parent (ladder);

  g_assert_true (gtk_widget_get_mapped (view));
  return (double) gtk_widget_get_height (scrolled) / gtk_widget_get_height (view);
}

/* The diagram's share once the window has laid itself out again (a
 * loaded machine may take a few frames): fails after 5 s below @least. */
static double
settled_share (TvWindow *window,
               double    least)
{
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  while (diagram_share (window) < least && g_get_monotonic_time () < end)
    tv_ui_test_spin (50);
  return diagram_share (window);
}

/* The diagram keeps the room: after wide → 400 px → 1000 px and zooming
 * out four times, Ctrl+0 and Fit, it has at least half the height; the
 * details hide and show; Fit at 1024x768 shows the whole textbook
 * connection at a legible zoom. */
static void
test_room (void)
{
  g_autofree char *path = tv_test_capture_path ("textbook-handshake.pcap");
  TvWindow *window = tv_window_new (app);
  TvConnectionView *view;
  TvLadderView *ladder;
  TvLadderLayout *layout;
  GtkAdjustment *vadj;

  gtk_window_set_default_size (GTK_WINDOW (window), 1270, 790);
  gtk_window_present (GTK_WINDOW (window));
  tv_window_open_path (window, path);
  tv_ui_test_wait_for_load (window);
  tv_window_select (window, 0);
  set_size (window, 1270, 790);
  view = TV_CONNECTION_VIEW (tv_window_get_connection_view (window));
  ladder = TV_LADDER_VIEW (tv_connection_view_get_ladder_view (view));
  g_test_message ("wide: %.2f", diagram_share (window));
  g_assert_cmpfloat (settled_share (window, 0.5), >=, 0.5);

  set_size (window, 400, 790);
  tv_window_select (window, 0);
  tv_ui_test_spin (300);
  g_test_message ("400 px: %.2f", diagram_share (window));
  g_assert_cmpfloat (settled_share (window, 0.5), >=, 0.5);
  set_size (window, 1000, 790);
  tv_window_select (window, 0);
  tv_ui_test_spin (300);
  g_test_message ("1000 px: %.2f", diagram_share (window));
  g_assert_cmpfloat (settled_share (window, 0.5), >=, 0.5);

  for (int i = 0; i < 4; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL));
      tv_ui_test_spin (100);
      g_assert_cmpfloat (settled_share (window, 0.5), >=, 0.5);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL));
  tv_ui_test_spin (200);
  g_assert_cmpfloat (settled_share (window, 0.5), >=, 0.5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.fit", NULL));
  tv_ui_test_spin (200);
  g_test_message ("after the zooms and Fit: %.2f", diagram_share (window));
  g_assert_cmpfloat (settled_share (window, 0.5), >=, 0.5);

  /* the details hide and show */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.details", NULL));
  tv_ui_test_spin (200);
  g_assert_false (tv_connection_view_get_details_visible (view));
  g_assert_cmpfloat (settled_share (window, 0.8), >=, 0.8);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.details", NULL));
  tv_ui_test_spin (200);
  g_assert_true (tv_connection_view_get_details_visible (view));
  g_assert_cmpfloat (settled_share (window, 0.5), >=, 0.5);

  /* Fit on a projector's 1024x768: the whole connection, legible */
  set_size (window, 1024, 740);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.fit", NULL));
  tv_ui_test_spin (300);
  layout = tv_ladder_view_get_layout (ladder);
  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (ladder));
  g_test_message ("1024x740: zoom %.2f, content %.0f, page %.0f", tv_ladder_view_get_zoom (ladder),
                  gtk_adjustment_get_upper (vadj), gtk_adjustment_get_page_size (vadj));
  g_assert_cmpfloat (tv_ladder_view_get_zoom (ladder), >=, TV_LADDER_VIEW_LEGIBLE_ZOOM);
  g_assert_nonnull (layout);

  gtk_window_destroy (GTK_WINDOW (window));
  tv_ui_test_spin (50);
}

static TvQuizView *
find_quiz (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (TV_IS_QUIZ_VIEW (l->data))
      return l->data;
  return NULL;
}

/* The quiz from the window's menu: a wrong answer is marked wrong (the
 * part that is), a right one right, a number that is no number is asked
 * again, and the score comes at the end. */
static void
test_quiz (void)
{
  g_autofree char *path = tv_test_capture_path ("textbook-handshake.pcap");
  TvWindow *window = open_window (path);
  TvQuizView *quiz;
  TvQuizAnswer answer;
  TvConn *conn;

  tv_window_select (window, 0);
  tv_ui_test_spin (50);
  conn = tv_connection_get_conn (tv_window_get_selected (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.quiz", NULL));
  tv_ui_test_spin (200);
  quiz = find_quiz ();
  g_assert_nonnull (quiz);
  g_assert_cmpstr (tv_quiz_view_get_page (quiz), ==, "question");
  g_assert_cmpuint (tv_quiz_get_question (tv_quiz_view_get_quiz (quiz)), ==, 0);

  /* the SYN with seq = 1: wrong, and only the seq */
  tv_quiz_expected (conn, 0, FALSE, &answer);
  answer.seq = 1;
  tv_quiz_view_fill (quiz, &answer);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (quiz), "quiz.check", NULL));
  g_assert_cmpint (tv_quiz_view_get_last_wrong (quiz), ==, TV_QUIZ_SEQ);
  g_assert_cmpstr (tv_quiz_view_get_page (quiz), ==, "result");
  g_assert_true (g_str_has_prefix (tv_quiz_view_get_verdict (quiz), "4 of 5 right."));
  g_assert_nonnull (strstr (tv_quiz_view_get_parts (quiz), "✗ seq: 0 (you said 1)"));
  g_assert_nonnull (strstr (tv_quiz_view_get_parts (quiz), "✓ Flags: SYN"));
  g_assert_nonnull (strstr (tv_quiz_view_get_parts (quiz), "✓ Client’s state: SYN_SENT"));

  /* the SYN-ACK, all right */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (quiz), "quiz.next", NULL));
  g_assert_cmpstr (tv_quiz_view_get_page (quiz), ==, "question");
  tv_quiz_expected (conn, 1, FALSE, &answer);
  tv_quiz_view_fill (quiz, &answer);
  /* first a seq that is no number: asked again, nothing counted */
  tv_quiz_view_set_seq_text (quiz, "x + 1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (quiz), "quiz.check", NULL));
  g_assert_cmpstr (tv_quiz_view_get_page (quiz), ==, "question");
  g_assert_cmpuint (tv_quiz_get_question (tv_quiz_view_get_quiz (quiz)), ==, 1);
  tv_quiz_view_set_seq_text (quiz, "0");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (quiz), "quiz.check", NULL));
  g_assert_cmpint (tv_quiz_view_get_last_wrong (quiz), ==, 0);
  g_assert_true (g_str_has_prefix (tv_quiz_view_get_verdict (quiz), "Right!"));
  g_assert_nonnull (strstr (tv_quiz_view_get_parts (quiz), "✓ ack: 1"));

  /* the rest skipped: the score */
  while (!tv_quiz_is_over (tv_quiz_view_get_quiz (quiz)))
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (quiz), "quiz.next", NULL));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (quiz), "quiz.skip", NULL));
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (quiz), "quiz.next", NULL));
  g_assert_cmpstr (tv_quiz_view_get_page (quiz), ==, "score");
  {
    guint pr, pa, sr, sa;

    tv_quiz_get_score (tv_quiz_view_get_quiz (quiz), &pr, &pa, &sr, &sa);
    g_assert_cmpuint (sr, ==, 1);
    g_assert_cmpuint (sa, ==, 11);
    g_assert_cmpuint (pr, ==, 4 + 6);
  }

  gtk_window_destroy (GTK_WINDOW (quiz));
  gtk_window_destroy (GTK_WINDOW (window));
  tv_ui_test_spin (50);
}

/* Every lesson opens in the presenter view, its introduction as the first
 * caption, and in the quiz, without a warning (warnings are fatal in this test). */
static void
test_lessons (void)
{
  g_assert_cmpuint (tv_lesson_get_n (), >=, 12);

  /* the window offers them (the empty page, the menu) */
  {
    TvWindow *empty = tv_window_new (app);
    gboolean found = FALSE;

    gtk_window_present (GTK_WINDOW (empty));
    tv_ui_test_spin (100);
    g_assert_nonnull (tv_ui_test_find_actionable (GTK_WIDGET (empty), "win.lessons"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (empty), "win.lessons", NULL));
    tv_ui_test_spin (100);
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
      if (TV_IS_LESSONS_DIALOG (l->data))
        {
          found = TRUE;
          gtk_window_destroy (l->data);
          break;
        }
    g_assert_true (found);
    gtk_window_destroy (GTK_WINDOW (empty));
    tv_ui_test_spin (50);
  }

  for (guint i = 0; i < tv_lesson_get_n (); i++)
    {
      const TvLesson *lesson = tv_lesson_get (i);
      g_autoptr(GError) error = NULL;
      g_autofree char *path = tv_lesson_find_capture (lesson, &error);
      TvWindow *window;
      TvPresenter *presenter;

      g_test_message ("lesson %s", lesson->name);
      g_assert_no_error (error);
      window = open_window (path);
      tv_classroom_open_when_loaded (GTK_WINDOW (window), TV_CLASSROOM_PRESENT, lesson->connection,
                                     tv_lesson_get_intro (lesson));
      tv_ui_test_spin (200);
      presenter = find_presenter ();
      g_assert_nonnull (presenter);
      g_assert_cmpstr (tv_presenter_get_caption (presenter), ==, tv_lesson_get_intro (lesson));
      g_assert_cmpuint (tv_presenter_get_n_steps (presenter), >=, 2);
      press (GTK_WIDGET (presenter), GDK_KEY_End);
      tv_ui_test_spin (50);
      gtk_window_destroy (GTK_WINDOW (presenter));
      /* and in the quiz */
      tv_classroom_open_when_loaded (GTK_WINDOW (window), TV_CLASSROOM_QUIZ, lesson->connection,
                                     tv_lesson_get_intro (lesson));
      tv_ui_test_spin (100);
      g_assert_nonnull (find_quiz ());
      g_assert_cmpstr (tv_quiz_view_get_page (find_quiz ()), ==, "question");
      gtk_window_destroy (GTK_WINDOW (find_quiz ()));
      gtk_window_destroy (GTK_WINDOW (window));
      tv_ui_test_spin (50);
    }
}

int
main (int argc, char **argv)
{
  int status;

  if (!tv_ui_test_start (&argc, &argv, "classroom", &app))
    return 77;

  g_test_add_func ("/ui/classroom/presenter", test_presenter);
  g_test_add_func ("/ui/classroom/quiz", test_quiz);
  g_test_add_func ("/ui/classroom/room", test_room);
  g_test_add_func ("/ui/classroom/lessons", test_lessons);
  status = g_test_run ();

  tv_ui_test_finish (&app);
  return status;
}
