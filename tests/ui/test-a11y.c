/* test-a11y.c: what a screen reader is told about the main window, under a
 * real display (Xvfb in `meson test`), with a capture loaded and a
 * connection shown.
 *
 * Every button on screen (GtkButton, GtkToggleButton, GtkMenuButton) has a
 * name: a text label, or, when it shows only an icon, an accessible label
 * and a tooltip.  GTK 4.8 has no getter for accessible properties (that
 * came with GtkATContext's API in 4.10 and later): the labels are read with
 * the test API that 4.8 has, gtk_test_accessible_has_property() and
 * gtk_test_accessible_check_property(), the text labels from the button's
 * GtkLabel children, the tooltips with gtk_widget_get_tooltip_text().
 * The connection list, the playback scrubber, the explanation pane and
 * the segment table have accessible labels too; the ladder diagram's role
 * is reported (not checked: what it should expose is in its own file).
 * No two of the window's buttons share an access key.  The live capture
 * dialog's controls are named too. */
#define G_LOG_DOMAIN "test-a11y"
#include "config.h"

#include <glib/gstdio.h>

#include "tv-application.h"
#include "tv-window.h"
#include "tv-capture.h"
#include "tv-connection-view.h"
#include "tv-explain-pane.h"
#include "tv-segment-table.h"
#include "tv-ladder-view.h"
#include "tv-connection-row.h"
#include "tv-capture-dialog.h"

static TvApplication *app;

static char *
capture_path (const char *name)
{
  const char *dir = g_getenv ("TV_TEST_CAPTURES");

  if (dir == NULL)
    return g_test_build_filename (G_TEST_DIST, "..", "captures", name, NULL);
  return g_build_filename (dir, name, NULL);
}

/* Runs the main loop for @ms milliseconds: layout happens on the frame
 * clock, not when the loop is idle. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
wait_for_load (TvWindow *window)
{
  gint64 end = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (tv_window_get_capture (window) != NULL &&
         tv_capture_get_loading (tv_window_get_capture (window)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  spin (300);
}

/* The text of the first mapped, non-empty label inside @widget, or NULL. */
static const char *
label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = label_text (child);
      if (text != NULL)
        return text;
    }
  return NULL;
}

/* An accessible label of its own.  Not "labelled-by": GTK 4.8 makes a
 * button labelled by its child, which for an icon is a nameless image. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static const char *
describe (GtkWidget *widget)
{
  static char buf[256];
  const char *icon = GTK_IS_BUTTON (widget) ? gtk_button_get_icon_name (GTK_BUTTON (widget)) : NULL;

  if (GTK_IS_MENU_BUTTON (widget))
    icon = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  g_snprintf (buf, sizeof buf, "%s (icon %s, tooltip '%s', action %s)",
              G_OBJECT_TYPE_NAME (widget), icon ? icon : "none",
              gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "",
              GTK_IS_ACTIONABLE (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget))
                ? gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) : "none");
  return buf;
}

/* Whether @widget is inside a widget of @type (not itself). */
static GtkWidget *
ancestor_of_type (GtkWidget *widget,
                  GType      type)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (g_type_is_a (G_OBJECT_TYPE (w), type))
      return w;
  return NULL;
}

typedef struct {
  guint buttons;     /* checked */
  guint with_text;
  guint icon_only;
  GPtrArray *problems;
} Audit;

static void
check_button (GtkWidget *widget,
              Audit     *audit)
{
  const char *text = label_text (widget);
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  /* GTK's own title-bar buttons (close): GTK names them; they have no tooltip */
  gboolean gtk_own = ancestor_of_type (widget, GTK_TYPE_WINDOW_CONTROLS) != NULL;

  audit->buttons++;
  g_test_message ("%s: role %d, text '%s', accessible label %s, labelled by %s", describe (widget), role,
                  text ? text : "",
                  gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ? "yes" : "no",
                  gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY) ? "yes" : "no");

  if (text != NULL)
    {
      audit->with_text++;
      return;
    }
  audit->icon_only++;
  if (!has_accessible_name (widget))
    g_ptr_array_add (audit->problems, g_strdup_printf ("no accessible label: %s", describe (widget)));
  if (!gtk_own && gtk_widget_get_tooltip_text (widget) == NULL)
    g_ptr_array_add (audit->problems, g_strdup_printf ("no tooltip: %s", describe (widget)));
}

static void
walk (GtkWidget *widget,
      Audit     *audit)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_MENU_BUTTON (widget))
    {
      /* the menu button is checked as one: its inner toggle button is
       * what takes the focus, see test_menu_button_inner() */
      check_button (widget, audit);
      return;
    }
  /* GTK 4.8's spin button keeps unnamed, unfocusable - and + buttons:
   * a screen reader has the spin button itself (checked by
   * check_controls()) */
  if (GTK_IS_SPIN_BUTTON (widget))
    return;
  if (GTK_IS_BUTTON (widget))
    check_button (widget, audit);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    walk (child, audit);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static TvWindow *
open_window (const char *name,
             int         width)
{
  g_autofree char *path = capture_path (name);
  TvWindow *window = tv_window_new (app);
  GListModel *list;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  gtk_window_present (GTK_WINDOW (window));
  tv_window_open_path (window, path);
  wait_for_load (window);
  list = tv_window_get_connections (window);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  if (tv_window_get_selected (window) == NULL)
    {
      tv_window_select (window, 0);
    }
  spin (300);
  return window;
}

static void
audit_window (TvWindow *window,
              guint     at_least)
{
  Audit audit = { .problems = g_ptr_array_new_with_free_func (g_free) };

  walk (GTK_WIDGET (window), &audit);
  g_test_message ("%u buttons on screen: %u with text, %u with only an icon",
                  audit.buttons, audit.with_text, audit.icon_only);
  for (guint i = 0; i < audit.problems->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (audit.problems, i));
  g_assert_cmpuint (audit.problems->len, ==, 0);
  g_assert_cmpuint (audit.buttons, >=, at_least);
  g_ptr_array_unref (audit.problems);
}

/* A wide window with several connections: the header bar (Open, search,
 * the list toggle, Export…, the menu), the playback bar, the list. */
static void
test_buttons_wide (void)
{
  TvWindow *window = open_window ("tcp-interleaved.pcap", 1200);

  audit_window (window, 12);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A narrow window (360 px): the header bar shows icons only, and the
 * connection takes the whole width with a back button. */
static void
test_buttons_narrow (void)
{
  TvWindow *window = open_window ("tcp-interleaved.pcap", 360);
  GtkWidget *list = find_type (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW);
  gint64 end;

  /* the list, alone: Open and the menu as icons */
  audit_window (window, 4);

  /* a connection picked: its diagram, a back button */
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 0));
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!gtk_widget_get_mapped (tv_window_get_connection_view (window)) &&
         g_get_monotonic_time () < end)
    spin (20);
  spin (200);
  audit_window (window, 9);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The parts that are not buttons: the list of connections, the scrubber,
 * the explanation, the segment table. */
static void
test_parts (void)
{
  TvWindow *window = open_window ("tcp-interleaved.pcap", 1200);
  GtkWidget *list = find_type (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW);
  GtkWidget *scale = find_type (GTK_WIDGET (window), GTK_TYPE_SCALE);
  GtkWidget *explain = find_type (GTK_WIDGET (window), TV_TYPE_EXPLAIN_PANE);
  GtkWidget *table = find_type (GTK_WIDGET (window), TV_TYPE_SEGMENT_TABLE);
  GtkWidget *columns = table ? find_type (table, GTK_TYPE_COLUMN_VIEW) : NULL;
  GtkWidget *ladder = find_type (GTK_WIDGET (window), TV_TYPE_LADDER_VIEW);

  g_assert_nonnull (list);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (list)), ==, GTK_ACCESSIBLE_ROLE_LIST);
  g_assert_true (has_accessible_name (list));

  /* each row of the list names its connection and says what is in it */
  {
    GtkWidget *row = find_type (list, TV_TYPE_CONNECTION_ROW);

    g_assert_nonnull (row);
    g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row)), ==, GTK_ACCESSIBLE_ROLE_GROUP);
    g_assert_true (has_accessible_name (row));
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  }

  g_assert_nonnull (scale);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (scale)), ==, GTK_ACCESSIBLE_ROLE_SLIDER);
  g_assert_true (has_accessible_name (scale));
  /* "Step 3 of 11" or "11 steps", not only a number */
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT));

  g_assert_nonnull (explain);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (explain)), ==, GTK_ACCESSIBLE_ROLE_GROUP);
  g_assert_true (has_accessible_name (explain));

  g_assert_nonnull (columns);
  g_assert_true (has_accessible_name (columns));

  /* the speed button shows "1×": its name says what it is */
  {
    GtkWidget *view = tv_window_get_connection_view (window);
    GtkWidget *speed = find_type (view, GTK_TYPE_MENU_BUTTON);

    g_assert_nonnull (speed);
    gtk_test_accessible_assert_property (speed, GTK_ACCESSIBLE_PROPERTY_LABEL, "Playback speed: 1×");
  }

  g_assert_nonnull (ladder);
  g_test_message ("ladder view: role %d, accessible label %s, description %s",
                  gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (ladder)),
                  has_accessible_name (ladder) ? "yes" : "no",
                  gtk_test_accessible_has_property (GTK_ACCESSIBLE (ladder), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION) ? "yes" : "no");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Collects the access keys (Alt+letter) of the buttons under @widget,
 * shown or not: the bars above the content (a load's warning, the offer of
 * unsaved captures, the progress, the live capture) and the start page may
 * be shown together in any mix, and the header bar's buttons take none. */
static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen,
                   GPtrArray  *clashes)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    {
      guint key = gtk_label_get_mnemonic_keyval (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (widget))));
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));

      g_assert_true (ancestor_of_type (widget, ADW_TYPE_HEADER_BAR) == NULL);
      if (key != GDK_KEY_VoidSymbol)
        {
          const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (gdk_keyval_to_lower (key)));

          g_test_message ("Alt+%s: %s", gdk_keyval_name (gdk_keyval_to_lower (key)), label);
          if (other != NULL)
            g_ptr_array_add (clashes, g_strdup_printf ("'%s' and '%s'", other, label));
          else
            g_hash_table_insert (seen, GUINT_TO_POINTER (gdk_keyval_to_lower (key)), (gpointer) label);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen, clashes);
}

/* No two buttons of the window share an access key (GTK would only move
 * the focus between them, and activate neither). */
static void
test_mnemonics (void)
{
  TvWindow *window = open_window ("tcp-interleaved.pcap", 1200);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) clashes = g_ptr_array_new_with_free_func (g_free);

  collect_mnemonics (GTK_WIDGET (window), seen, clashes);
  for (guint i = 0; i < clashes->len; i++)
    g_printerr ("same access key: %s\n", (char *) g_ptr_array_index (clashes, i));
  g_assert_cmpuint (clashes->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (seen), >=, 8);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Walks @widget for the controls of the live capture dialog that have no
 * text of their own: the interfaces' radio buttons, the snapshot length,
 * the promiscuous switch. */
static void
check_controls (GtkWidget *widget,
                guint     *checked)
{
  /* AdwExpanderRow keeps a switch of its own, hidden */
  if (!gtk_widget_get_mapped (widget))
    return;
  if ((GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) == NULL) ||
      GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget))
    {
      /* labelled by its row's title (libadwaita does that for a row's
       * activatable widget) or a label of its own */
      if (!has_accessible_name (widget) &&
          !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
        g_error ("no accessible label: %s in %s in %s", G_OBJECT_TYPE_NAME (widget),
                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_parent (widget))));
      (*checked)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    check_controls (child, checked);
}

/* The live capture dialog: each control is named.  Its radio buttons (one
 * per interface), the snapshot length and the promiscuous switch are each
 * their row's activatable widget, which libadwaita 1.2 makes labelled by
 * the row's title and described by its subtitle. */
static void
test_capture_dialog (void)
{
  TvCaptureDialog *dialog = tv_capture_dialog_new (NULL);
  Audit audit = { .problems = g_ptr_array_new_with_free_func (g_free) };
  guint checked = 0;

  gtk_window_present (GTK_WINDOW (dialog));
  spin (300);
  check_controls (GTK_WIDGET (dialog), &checked);
  /* the spin button and the switch, and a radio button per interface */
  g_assert_cmpuint (checked, >=, 2);
  g_test_message ("%u controls without text checked", checked);
  walk (GTK_WIDGET (dialog), &audit);
  for (guint i = 0; i < audit.problems->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (audit.problems, i));
  g_assert_cmpuint (audit.problems->len, ==, 0);
  g_ptr_array_unref (audit.problems);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (path == NULL)
    return;
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (DISPLAY and WAYLAND_DISPLAY are unset) and not run under xvfb-run\n");
      return 77;
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  {
    g_autofree char *data_home = g_dir_make_tmp ("tv-test-a11y-data-XXXXXX", NULL);
    g_autofree char *cache_home = g_dir_make_tmp ("tv-test-a11y-cache-XXXXXX", NULL);

    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  }

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP the display %s cannot be opened\n", g_getenv ("DISPLAY"));
      return 77;
    }
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  app = tv_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/a11y/buttons-wide", test_buttons_wide);
  g_test_add_func ("/ui/a11y/buttons-narrow", test_buttons_narrow);
  g_test_add_func ("/ui/a11y/parts", test_parts);
  g_test_add_func ("/ui/a11y/mnemonics", test_mnemonics);
  g_test_add_func ("/ui/a11y/capture-dialog", test_capture_dialog);
  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  remove_tree (g_getenv ("XDG_DATA_HOME"));
  remove_tree (g_getenv ("XDG_CACHE_HOME"));
  return ret;
}
