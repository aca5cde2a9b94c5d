/* test-narrow.c: the window when it is narrow (a phone, a tiled half of a
 * small screen: GNOME's 360 pixels), under a real display (Xvfb in `meson
 * test`): it can be made that narrow on the start page and with a capture,
 * nothing in it is cut off, and the connection list and the diagram are
 * both reached, one at a time, with a back button between them; wide
 * again, both are side by side as before. */
#define G_LOG_DOMAIN "test-narrow"
#include "config.h"

#include <glib/gstdio.h>

#include "tv-application.h"
#include "tv-window.h"
#include "tv-ui-test-util.h"

/* what GNOME asks an application to fit in */
#define NARROW 360
#define WIDE 1200

static TvApplication *app;

/* Runs the main loop until @cond holds, for at most 10 s (a loaded
 * machine, tests run side by side). */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 wait_end_ = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND; \
    while (!(cond) && g_get_monotonic_time () < wait_end_) \
      tv_ui_test_spin (20); \
  } G_STMT_END

static void
wait_for_load (TvWindow *window)
{
  tv_ui_test_wait_for_load (window);
  tv_ui_test_spin (300);
}

static int
min_width (GtkWidget *widget)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* Whether the window is @width pixels wide on the screen.  Without a
 * compositor (Xvfb) GTK draws a frame of a few pixels inside the window's
 * surface, around the widget, and the window's "width-request" (360) is
 * the widget's: the surface may be that much wider. */
static gboolean
window_has_width (TvWindow *window,
                  int       width)
{
  int surface = gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window)));

  return gtk_widget_get_width (GTK_WIDGET (window)) <= width && width <= surface &&
         surface - gtk_widget_get_width (GTK_WIDGET (window)) <= 10;
}

/* Resizes the window and waits until it has that width. */
static void
set_width (TvWindow *window,
           int       width)
{
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  while (!window_has_width (window, width))
    {
      if (g_get_monotonic_time () > end)
        g_error ("the window is %d pixels wide (widget %d, min %d), not %d",
                 gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))),
                 gtk_widget_get_width (GTK_WIDGET (window)), min_width (GTK_WIDGET (window)), width);
      tv_ui_test_spin (20);
    }
  tv_ui_test_spin (300);
}

static TvWindow *
new_window (int width)
{
  TvWindow *window = tv_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  gtk_window_present (GTK_WINDOW (window));
  tv_ui_test_spin (300);
  g_assert_true (window_has_width (window, width));
  return window;
}

/* The narrowest the window's content can be: @width or less, and no
 * more than it has. */
static void
assert_fits (TvWindow *window,
             int       width)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

  g_assert_cmpint (min_width (content), <=, width);
  g_assert_cmpint (min_width (content), <=, gtk_widget_get_width (content));
}

/* The width its parent gave it, as measured: with its border, padding and
 * margins. */
static int
allocated_width (GtkWidget *widget)
{
  graphene_rect_t box;

  if (!gtk_widget_compute_bounds (widget, widget, &box))
    return 0;
  return (int) (box.size.width + 0.5) + gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
}

/* Nothing shown is cut off: every label and button that is drawn has at
 * least the width it needs, and every widget lies inside the window, or
 * inside what scrolls it.  Returns what is cut off, or NULL. */
static char *
clipped_in (GtkWidget *widget,
            GtkWidget *clip)
{
  graphene_rect_t bounds;

  if (!gtk_widget_is_drawable (widget) || GTK_IS_POPOVER (widget))
    return NULL;
  /* what a person reads or clicks (a paned's handle, with its CSS margins
   * that reach under its neighbours, is not measured this way) */
  if ((GTK_IS_LABEL (widget) || GTK_IS_BUTTON (widget) || GTK_IS_ENTRY (widget) || GTK_IS_TEXT (widget)) &&
      allocated_width (widget) < min_width (widget))
    return g_strdup_printf ("%s %s is %d pixels wide, it needs %d", G_OBJECT_TYPE_NAME (widget),
                            gtk_widget_get_name (widget), allocated_width (widget), min_width (widget));
  if (clip != NULL && gtk_widget_compute_bounds (widget, clip, &bounds))
    {
      /* a pixel for rounding */
      if (bounds.origin.x < -1 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (clip) + 1)
        return g_strdup_printf ("%s %s (x %g, %g wide) goes out of %s (%d wide)", G_OBJECT_TYPE_NAME (widget),
                                gtk_widget_get_name (widget), bounds.origin.x, bounds.size.width,
                                G_OBJECT_TYPE_NAME (clip), gtk_widget_get_width (clip));
    }
  /* what a scrolled window holds may be wider than the window: it scrolls */
  if (GTK_IS_VIEWPORT (widget) || GTK_IS_SCROLLABLE (widget))
    clip = NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      char *found = clipped_in (child, clip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* …once the window is laid out (a bar or a page may still be on its way:
 * a loaded machine) */
static void
assert_not_clipped (TvWindow *window)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  char *clipped;

  while ((clipped = clipped_in (content, content)) != NULL && g_get_monotonic_time () < end)
    {
      g_free (clipped);
      tv_ui_test_spin (50);
    }
  if (clipped != NULL)
    g_error ("%s", clipped);
}

static GtkWidget *
header_button (TvWindow   *window,
               const char *action_name)
{
  GtkWidget *header = tv_ui_test_find_type (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);

  g_assert_nonnull (header);
  return tv_ui_test_find_actionable (header, action_name);
}

/* Shown: drawn, with some room. */
static gboolean
shown (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_is_drawable (widget) &&
         gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0;
}

static GtkWidget *
list_view (TvWindow *window)
{
  GtkWidget *list = tv_ui_test_find_type (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (list);
  return list;
}

static gboolean
list_shown (TvWindow *window)
{
  return shown (list_view (window));
}

static gboolean
diagram_shown (TvWindow *window)
{
  return shown (tv_window_get_view (window));
}

/* The connection (diagram, playback bar, explanation, table) fits across
 * the window: it does not have to be scrolled sideways. */
static gboolean
connection_fits (TvWindow *window)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

  return gtk_widget_get_width (tv_window_get_connection_view (window)) <= gtk_widget_get_width (content);
}

static void
assert_connection_fits (TvWindow *window)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

  g_assert_cmpint (gtk_widget_get_width (tv_window_get_connection_view (window)), <=,
                   gtk_widget_get_width (content));
}

static void
test_empty (void)
{
  TvWindow *window = new_window (NARROW);
  GtkWidget *status = tv_ui_test_find_type (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);

  g_assert_true (tv_window_is_empty (window));
  assert_fits (window, NARROW);
  assert_not_clipped (window);
  /* "See TCP at Work" and the buttons under it, whole */
  g_assert_true (shown (status));
  g_assert_cmpint (gtk_widget_get_width (status), <=, NARROW);

  /* the start page fits whatever the window's width */
  set_width (window, WIDE);
  g_assert_cmpint (min_width (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window))), <=, NARROW);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_many (void)
{
  g_autofree char *path = tv_test_capture_path ("loopback-http.pcap");
  TvWindow *window;
  GtkWidget *back;
  GtkPaned *paned;
  guint n;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("loopback-http.pcap is not there");
      return;
    }

  /* wide: the list beside the diagram, as ever */
  window = new_window (WIDE);
  tv_window_open_path (window, path);
  wait_for_load (window);
  n = g_list_model_get_n_items (tv_window_get_connections (window));
  g_assert_cmpuint (n, >, 1);
  WAIT_FOR (list_shown (window) && diagram_shown (window));
  g_assert_true (list_shown (window));
  g_assert_true (diagram_shown (window));
  back = header_button (window, "win.back");
  g_assert_nonnull (back);
  g_assert_false (gtk_widget_get_visible (back));
  g_assert_true (gtk_widget_get_visible (header_button (window, "win.export")));
  g_assert_true (gtk_widget_get_visible (header_button (window, "win.show-sidebar")));
  assert_not_clipped (window);
  /* the divider between them, where the person put it */
  paned = GTK_PANED (tv_ui_test_find_type (GTK_WIDGET (window), GTK_TYPE_PANED));
  gtk_paned_set_position (paned, 400);
  tv_ui_test_spin (100);
  g_assert_cmpint (gtk_paned_get_position (paned), ==, 400);

  /* narrow: the list first, alone */
  set_width (window, NARROW);
  WAIT_FOR (!diagram_shown (window));
  assert_fits (window, NARROW);
  assert_not_clipped (window);
  g_assert_true (list_shown (window));
  g_assert_false (diagram_shown (window));
  g_assert_false (gtk_widget_get_visible (back));
  /* what does not fit went into the menu */
  g_assert_false (gtk_widget_get_visible (header_button (window, "win.export")));
  g_assert_true (gtk_widget_get_sensitive (header_button (window, "win.export")));  /* the action */

  /* a connection picked in the list (the keyboard selects it, Enter
   * activates it): its diagram, alone */
  tv_window_select (window, 1);
  tv_ui_test_spin (100);
  WAIT_FOR (list_shown (window));
  g_assert_true (list_shown (window));
  g_assert_true (gtk_widget_activate_action (list_view (window), "list.activate-item", "u", 1));
  WAIT_FOR (diagram_shown (window) && connection_fits (window));
  {
    g_autoptr(TvConnection) second = g_list_model_get_item (tv_window_get_connections (window), 1);

    g_assert_true (tv_window_get_selected (window) == second);
  }
  g_assert_true (diagram_shown (window));
  g_assert_false (list_shown (window));
  g_assert_true (gtk_widget_get_visible (back));
  assert_fits (window, NARROW);
  assert_not_clipped (window);
  assert_connection_fits (window);

  /* back to the list (Alt+Left, or the button) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  WAIT_FOR (list_shown (window));
  g_assert_true (list_shown (window));
  g_assert_false (diagram_shown (window));
  g_assert_false (gtk_widget_get_visible (back));

  /* a search started from the diagram goes to the list, where it is */
  tv_window_select (window, 0);
  g_assert_true (gtk_widget_activate_action (list_view (window), "list.activate-item", "u", 0));
  WAIT_FOR (diagram_shown (window));
  g_assert_true (diagram_shown (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  WAIT_FOR (list_shown (window));
  g_assert_true (list_shown (window));
  assert_fits (window, NARROW);
  assert_not_clipped (window);
  tv_window_set_search (window, NULL);

  /* wide again: both, as before, the divider where it was */
  set_width (window, WIDE);
  WAIT_FOR (list_shown (window) && diagram_shown (window));
  g_assert_true (list_shown (window));
  g_assert_true (diagram_shown (window));
  g_assert_cmpint (gtk_paned_get_position (paned), ==, 400);
  g_assert_false (gtk_widget_get_visible (back));
  g_assert_true (gtk_widget_get_visible (header_button (window, "win.export")));
  assert_not_clipped (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_one (void)
{
  g_autofree char *path = tv_test_capture_path ("textbook-handshake.pcap");
  TvWindow *window;
  GtkWidget *back;
  gboolean show;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("textbook-handshake.pcap is not there");
      return;
    }

  window = new_window (NARROW);
  tv_window_open_path (window, path);
  wait_for_load (window);
  g_assert_cmpuint (g_list_model_get_n_items (tv_window_get_connections (window)), ==, 1);
  WAIT_FOR (diagram_shown (window) && connection_fits (window));

  /* one connection: its diagram at once, the list a step back */
  assert_fits (window, NARROW);
  assert_not_clipped (window);
  g_assert_true (diagram_shown (window));
  g_assert_false (list_shown (window));
  assert_connection_fits (window);
  back = header_button (window, "win.back");
  g_assert_true (gtk_widget_get_visible (back));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  WAIT_FOR (list_shown (window));
  g_assert_true (list_shown (window));
  g_assert_false (diagram_shown (window));
  g_object_get (window, "show-sidebar", &show, NULL);
  g_assert_true (show);
  assert_not_clipped (window);

  /* F9 hides the list again: the diagram */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  WAIT_FOR (diagram_shown (window));
  g_assert_true (diagram_shown (window));
  g_assert_false (list_shown (window));

  /* wide: the diagram alone (the list hidden), as before */
  set_width (window, WIDE);
  g_assert_true (diagram_shown (window));
  g_assert_false (list_shown (window));
  g_assert_false (gtk_widget_get_visible (back));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!tv_ui_test_start (&argc, &argv, "narrow", &app))
    return 77;

  g_test_add_func ("/ui/narrow/empty", test_empty);
  g_test_add_func ("/ui/narrow/many-connections", test_many);
  g_test_add_func ("/ui/narrow/one-connection", test_one);

  ret = g_test_run ();

  tv_ui_test_finish (&app);
  return ret;
}
