/* tv-ui-test-util.h: what the window tests share: the skip without a
 * display, a private environment (memory GSettings, no accessibility bus,
 * temporary XDG_DATA_HOME and XDG_CACHE_HOME), GTK's start, the
 * application, and running the main loop for a while or until a capture
 * has loaded.  Each test program still says which of these it wants. */
#pragma once

#include <gtk/gtk.h>

#include "tv-application.h"
#include "tv-capture.h"
#include "tv-load.h"
#include "tv-window.h"
#include "../core/tv-test-util.h"

/* FALSE, having printed TAP's skip line, without a display: the test
 * returns 77 (skipped) then. */
static inline gboolean
tv_ui_test_have_display (void)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (DISPLAY and WAYLAND_DISPLAY are unset) and not run under xvfb-run\n");
      return FALSE;
    }
  return TRUE;
}

/* GSettings in memory, no accessibility bus; with @name, a temporary
 * XDG_DATA_HOME (Open Recent writes recently-used.xbel) and XDG_CACHE_HOME
 * (the application looks for unsaved live captures in the cache, tv-spool.h)
 * instead of the user's own, named after the test.  Before anything asks
 * GLib for these folders: it keeps the first answer.  See
 * tv_ui_test_remove_private_dirs(). */
static inline void
tv_ui_test_private_env (const char *name)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  if (name != NULL)
    {
      g_autofree char *data_tmpl = g_strdup_printf ("tv-test-%s-data-XXXXXX", name);
      g_autofree char *cache_tmpl = g_strdup_printf ("tv-test-%s-cache-XXXXXX", name);
      g_autofree char *data_home = g_dir_make_tmp (data_tmpl, NULL);
      g_autofree char *cache_home = g_dir_make_tmp (cache_tmpl, NULL);

      g_setenv ("XDG_DATA_HOME", data_home, TRUE);
      g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
    }
}

/* Removes the folders tv_ui_test_private_env() made, and what is in them. */
static inline void
tv_ui_test_remove_private_dirs (void)
{
  tv_test_remove_tree (g_getenv ("XDG_DATA_HOME"));
  tv_test_remove_tree (g_getenv ("XDG_CACHE_HOME"));
}

/* g_test_init() and GTK's: FALSE, having printed TAP's skip line, when the
 * display cannot be opened (the test returns 77). */
static inline gboolean
tv_ui_test_init_gtk (int    *argc,
                     char ***argv)
{
  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP the display %s cannot be opened\n", g_getenv ("DISPLAY"));
      return FALSE;
    }
  return TRUE;
}

/* Without a D-Bus session bus (a bare Xvfb; meson runs the window tests
 * under dbus-run-session when it can) GtkApplication warns that it has
 * none: keep criticals fatal, not warnings, then. */
static inline void
tv_ui_test_fatal_criticals_without_dbus (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
}

/* The application, registered (not unique: tests run side by side) and
 * held for the whole test program.  See tv_ui_test_app_free(). */
static inline TvApplication *
tv_ui_test_app_new (void)
{
  TvApplication *app = tv_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));
  return app;
}

static inline void
tv_ui_test_app_free (TvApplication **app)
{
  g_application_release (G_APPLICATION (*app));
  g_clear_object (app);
}

/* The set-up of a test of a widget without the application: the skip
 * without a display, tv_ui_test_private_env (NULL), GTK.  FALSE: the test
 * returns 77 (skipped). */
static inline gboolean
tv_ui_test_start_widget (int    *argc,
                         char ***argv)
{
  if (!tv_ui_test_have_display ())
    return FALSE;
  tv_ui_test_private_env (NULL);
  return tv_ui_test_init_gtk (argc, argv);
}

/* The whole set-up of a test of the application's windows, in this order:
 * the skip without a display, tv_ui_test_private_env (@name), GTK, criticals
 * fatal without D-Bus, and the application into @app.  FALSE: the test
 * returns 77 (skipped).  See tv_ui_test_finish(). */
static inline gboolean
tv_ui_test_start (int            *argc,
                  char         ***argv,
                  const char     *name,
                  TvApplication **app)
{
  if (!tv_ui_test_have_display ())
    return FALSE;
  tv_ui_test_private_env (name);
  if (!tv_ui_test_init_gtk (argc, argv))
    return FALSE;
  tv_ui_test_fatal_criticals_without_dbus ();
  *app = tv_ui_test_app_new ();
  return TRUE;
}

/* Undoes tv_ui_test_start(). */
static inline void
tv_ui_test_finish (TvApplication **app)
{
  tv_ui_test_app_free (app);
  tv_ui_test_remove_private_dirs ();
}

/* The first widget of @type at or under @widget (depth first), or NULL. */
static inline GtkWidget *
tv_ui_test_find_type (GtkWidget *widget,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tv_ui_test_find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A widget at or under @widget bound to @action_name (a button), or NULL. */
static inline GtkWidget *
tv_ui_test_find_actionable (GtkWidget  *widget,
                            const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tv_ui_test_find_actionable (child, action_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Runs the main loop for @ms milliseconds: layout happens on the frame
 * clock, not when the loop is idle. */
static inline void
tv_ui_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

/* Runs the main loop until @window's capture (if any) has loaded, failing
 * after 20 s. */
static inline void
tv_ui_test_wait_for_load (TvWindow *window)
{
  gint64 end = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (tv_window_get_capture (window) != NULL &&
         tv_capture_get_loading (tv_window_get_capture (window)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The connections in @path, read at once (not by the window's loader). */
static inline guint
tv_ui_test_sync_n_conns (const char *path)
{
  TvTracker *tracker = tv_tracker_new ();
  TvLoadStats stats = { 0 };
  guint n;

  g_assert_true (tv_load_file (path, tracker, NULL, &stats, NULL));
  n = tv_tracker_get_n_conns (tracker);
  tv_load_stats_clear (&stats);
  tv_tracker_free (tracker);
  return n;
}
