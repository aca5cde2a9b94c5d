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
#include "tv-ui-test-util.h"

static TvApplication *app;

static void
wait_for_load (TvWindow *window)
{
  tv_ui_test_wait_for_load (window);
  tv_ui_test_spin (300);
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

static TvWindow *
open_window (const char *name,
             int         width)
{
  g_autofree char *path = tv_test_capture_path (name);
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
  tv_ui_test_spin (300);
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
  GtkWidget *list = tv_ui_test_find_type (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW);
  gint64 end;

  /* the list, alone: Open and the menu as icons */
  audit_window (window, 4);

  /* a connection picked: its diagram, a back button */
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 0));
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!gtk_widget_get_mapped (tv_window_get_connection_view (window)) &&
         g_get_monotonic_time () < end)
    tv_ui_test_spin (20);
  tv_ui_test_spin (200);
  audit_window (window, 9);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The parts that are not buttons: the list of connections, the scrubber,
 * the explanation, the segment table. */
static void
test_parts (void)
{
  TvWindow *window = open_window ("tcp-interleaved.pcap", 1200);
  GtkWidget *list = tv_ui_test_find_type (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW);
  GtkWidget *scale = tv_ui_test_find_type (GTK_WIDGET (window), GTK_TYPE_SCALE);
  GtkWidget *explain = tv_ui_test_find_type (GTK_WIDGET (window), TV_TYPE_EXPLAIN_PANE);
  GtkWidget *table = tv_ui_test_find_type (GTK_WIDGET (window), TV_TYPE_SEGMENT_TABLE);
  GtkWidget *columns = table ? tv_ui_test_find_type (table, GTK_TYPE_COLUMN_VIEW) : NULL;
  GtkWidget *ladder = tv_ui_test_find_type (GTK_WIDGET (window), TV_TYPE_LADDER_VIEW);

  g_assert_nonnull (list);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (list)), ==, GTK_ACCESSIBLE_ROLE_LIST);
  g_assert_true (has_accessible_name (list));

  /* each row of the list names its connection and says what is in it */
  {
    GtkWidget *row = tv_ui_test_find_type (list, TV_TYPE_CONNECTION_ROW);

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
    GtkWidget *speed = tv_ui_test_find_type (view, GTK_TYPE_MENU_BUTTON);

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
  tv_ui_test_spin (300);
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

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!tv_ui_test_start (&argc, &argv, "a11y", &app))
    return 77;

  g_test_add_func ("/ui/a11y/buttons-wide", test_buttons_wide);
  g_test_add_func ("/ui/a11y/buttons-narrow", test_buttons_narrow);
  g_test_add_func ("/ui/a11y/parts", test_parts);
  g_test_add_func ("/ui/a11y/mnemonics", test_mnemonics);
  g_test_add_func ("/ui/a11y/capture-dialog", test_capture_dialog);
  ret = g_test_run ();

  tv_ui_test_finish (&app);
  return ret;
}
