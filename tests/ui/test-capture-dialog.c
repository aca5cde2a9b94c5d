/* test-capture-dialog.c: the Live Capture dialog remembers the choices of
 * the last Start in GSettings (capture-interface, capture-filter,
 * capture-snaplen, capture-promiscuous) and offers them again; an
 * interface that is gone leaves the default choice.  Runs under Xvfb with
 * the schema compiled in the build tree and the memory backend; needs no
 * right to capture (listing interfaces and compiling filters do not). */
#define G_LOG_DOMAIN "test-capture-dialog"
#include "config.h"

#include <adwaita.h>

#include "tv-capture-dialog.h"
#include "tv-live-capture.h"
#include "tv-ui-resources.h"
#include "tv-ui-test-util.h"

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettings *settings;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  /* the memory backend lives as long as the process: start clean */
  g_settings_reset (settings, "capture-interface");
  g_settings_reset (settings, "capture-filter");
  g_settings_reset (settings, "capture-snaplen");
  g_settings_reset (settings, "capture-promiscuous");
  return settings;
}

/* The first widget of @type that is shown (an expander row hides a switch
 * of its own). */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (!GTK_IS_ROOT (widget) && !gtk_widget_get_visible (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A name in the list that is not the default choice, or NULL. */
static char *
other_interface (TvCaptureDialog *dialog)
{
  g_auto(GStrv) names = tv_capture_dialog_dup_interface_names (dialog);
  const char *chosen = tv_capture_dialog_get_interface (dialog);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], chosen) != 0)
      return g_strdup (names[i]);
  return NULL;
}

static gboolean
setup (GSettings **settings)
{
  *settings = new_settings ();
  if (*settings == NULL)
    {
      g_test_skip ("the schema " APPLICATION_ID " is not compiled in GSETTINGS_SCHEMA_DIR");
      return FALSE;
    }
  return TRUE;
}

/* Nothing saved: the defaults of the schema are the program's. */
static void
test_defaults (void)
{
  g_autoptr(GSettings) settings = NULL;
  TvCaptureDialog *dialog;
  g_auto(GStrv) names = NULL;

  if (!setup (&settings))
    return;
  g_assert_cmpint (g_settings_get_int (settings, "capture-snaplen"), ==, TV_LIVE_CAPTURE_DEFAULT_SNAPLEN);
  g_autofree char *filter = g_settings_get_string (settings, "capture-filter");
  g_assert_cmpstr (filter, ==, TV_LIVE_CAPTURE_DEFAULT_FILTER);

  dialog = tv_capture_dialog_new_with_settings (NULL, settings);
  names = tv_capture_dialog_dup_interface_names (dialog);
  if (names[0] == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_test_skip ("libpcap lists no interface here");
      return;
    }
  g_assert_nonnull (tv_capture_dialog_get_interface (dialog));
  g_assert_cmpstr (tv_capture_dialog_get_filter (dialog), ==, TV_LIVE_CAPTURE_DEFAULT_FILTER);
  g_assert_cmpint (tv_capture_dialog_get_snaplen (dialog), ==, TV_LIVE_CAPTURE_DEFAULT_SNAPLEN);
  g_assert_false (tv_capture_dialog_get_promiscuous (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Start saves the four choices; the next dialog offers them. */
static void
test_remember (void)
{
  g_autoptr(GSettings) settings = NULL;
  TvCaptureDialog *dialog, *again;
  g_autofree char *iface = NULL, *saved_iface = NULL, *saved_filter = NULL;
  GtkWidget *spin, *sw;

  if (!setup (&settings))
    return;

  dialog = tv_capture_dialog_new_with_settings (NULL, settings);
  iface = other_interface (dialog);
  if (iface == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_test_skip ("libpcap lists fewer than two interfaces here");
      return;
    }
  g_test_message ("default %s, choosing %s", tv_capture_dialog_get_interface (dialog), iface);
  g_assert_true (tv_capture_dialog_set_interface (dialog, iface));
  tv_capture_dialog_set_filter (dialog, "tcp port 8080");
  /* the options, as a person sets them */
  spin = find_widget (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON);
  sw = find_widget (GTK_WIDGET (dialog), GTK_TYPE_SWITCH);
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  g_assert_true (GTK_IS_SWITCH (sw));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 1500);
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  /* nothing is saved before Start */
  saved_filter = g_settings_get_string (settings, "capture-filter");
  g_assert_cmpstr (saved_filter, ==, TV_LIVE_CAPTURE_DEFAULT_FILTER);
  g_clear_pointer (&saved_filter, g_free);
  g_assert_true (tv_capture_dialog_get_can_start (dialog));
  tv_capture_dialog_start (dialog);   /* and it closes */

  saved_iface = g_settings_get_string (settings, "capture-interface");
  saved_filter = g_settings_get_string (settings, "capture-filter");
  g_assert_cmpstr (saved_iface, ==, iface);
  g_assert_cmpstr (saved_filter, ==, "tcp port 8080");
  g_assert_cmpint (g_settings_get_int (settings, "capture-snaplen"), ==, 1500);
  g_assert_true (g_settings_get_boolean (settings, "capture-promiscuous"));

  again = tv_capture_dialog_new_with_settings (NULL, settings);
  g_assert_cmpstr (tv_capture_dialog_get_interface (again), ==, iface);
  g_assert_cmpstr (tv_capture_dialog_get_filter (again), ==, "tcp port 8080");
  g_assert_cmpint (tv_capture_dialog_get_snaplen (again), ==, 1500);
  g_assert_true (tv_capture_dialog_get_promiscuous (again));
  g_assert_true (tv_capture_dialog_get_can_start (again));
  gtk_window_destroy (GTK_WINDOW (again));
}

/* An interface that is gone (a USB adapter unplugged): the default
 * choice, as with nothing saved; the rest is still restored. */
static void
test_gone_interface (void)
{
  g_autoptr(GSettings) settings = NULL;
  TvCaptureDialog *dialog;
  g_autofree char *def = NULL;

  if (!setup (&settings))
    return;
  dialog = tv_capture_dialog_new_with_settings (NULL, settings);
  def = g_strdup (tv_capture_dialog_get_interface (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (def == NULL)
    {
      g_test_skip ("libpcap lists no interface here");
      return;
    }

  g_settings_set_string (settings, "capture-interface", "tv-gone0");
  g_settings_set_string (settings, "capture-filter", "udp");
  g_settings_set_int (settings, "capture-snaplen", 128);
  dialog = tv_capture_dialog_new_with_settings (NULL, settings);
  g_assert_cmpstr (tv_capture_dialog_get_interface (dialog), ==, def);
  g_assert_cmpstr (tv_capture_dialog_get_filter (dialog), ==, "udp");
  g_assert_cmpint (tv_capture_dialog_get_snaplen (dialog), ==, 128);
  g_assert_true (tv_capture_dialog_get_can_start (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A saved filter that does not compile any more is shown with its error,
 * and Start waits for a good one. */
static void
test_bad_saved_filter (void)
{
  g_autoptr(GSettings) settings = NULL;
  TvCaptureDialog *dialog;

  if (!setup (&settings))
    return;
  g_settings_set_string (settings, "capture-filter", "tcp port");
  dialog = tv_capture_dialog_new_with_settings (NULL, settings);
  if (tv_capture_dialog_get_interface (dialog) == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_test_skip ("libpcap lists no interface here");
      return;
    }
  g_assert_cmpstr (tv_capture_dialog_get_filter (dialog), ==, "tcp port");
  g_assert_nonnull (tv_capture_dialog_get_filter_error (dialog));
  g_assert_false (tv_capture_dialog_get_can_start (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  if (!tv_ui_test_start_widget (&argc, &argv))
    return 77;
  adw_init ();
  (void) tv_ui_get_resource ();

  g_test_add_func ("/ui/capture-dialog/defaults", test_defaults);
  g_test_add_func ("/ui/capture-dialog/remember", test_remember);
  g_test_add_func ("/ui/capture-dialog/gone-interface", test_gone_interface);
  g_test_add_func ("/ui/capture-dialog/bad-saved-filter", test_bad_saved_filter);
  return g_test_run ();
}
