/* test-recover.c: the window offers back the live captures that a TcpViz
 * killed before they were saved left in the cache (XDG_CACHE_HOME is a
 * temporary folder here), under a real display (Xvfb in `meson test`). */
#define G_LOG_DOMAIN "test-recover"
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

#include "tv-application.h"
#include "tv-window.h"
#include "tv-recover-bar.h"
#include "tv-load.h"
#include "tv-spool.h"
#include "tv-ui-test-util.h"

/* An action of the recovery offer (the bar's own: recover.open, …). */
static gboolean
activate_offer (TvWindow   *window,
                const char *action)
{
  GtkWidget *bar = tv_ui_test_find_type (GTK_WIDGET (window), TV_TYPE_RECOVER_BAR);

  return bar != NULL && gtk_widget_activate_action (bar, action, NULL);
}

static TvApplication *app;
static char *cache_dir;   /* $XDG_CACHE_HOME/tcpviz */

/* A spool as a live capture leaves it, holding a copy of @capture
 * (NULL: only a pcap header); its path. */
static char *
make_spool (const char *iface,
            const char *stamp,
            int         pid,
            const char *capture)
{
  g_autofree char *name = g_strdup_printf ("capture-%s-%s-%d.pcap", iface, stamp, pid);
  g_autofree char *source = tv_test_capture_path (capture != NULL ? capture : "loopback-http.pcap");
  g_autofree char *contents = NULL;
  char *path = g_build_filename (cache_dir, name, NULL);
  gsize len;

  g_assert_cmpint (g_mkdir_with_parents (cache_dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (source, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, capture != NULL ? len : 24, NULL));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  return path;
}

static void
empty_cache (void)
{
  g_autoptr(GDir) d = g_dir_open (cache_dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (cache_dir, name, NULL);
      g_unlink (path);
    }
}

static void
iterate (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_for (gboolean (*done) (gpointer),
          gpointer data)
{
  gint64 end = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  iterate ();
}

static gboolean
offer_shown (gpointer window)
{
  return tv_window_get_recovery_text (window) != NULL;
}

static gboolean
loaded (gpointer window)
{
  TvCapture *capture = tv_window_get_capture (window);

  return capture != NULL && !tv_capture_get_loading (capture);
}

static gboolean
file_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The visible AdwMessageDialog, or NULL. */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not owned */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
have_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
answer (const char *response)
{
  AdwMessageDialog *dialog;

  wait_for (have_message_dialog, NULL);
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  iterate ();
}

static TvWindow *
find_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (TV_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Starting the application offers the orphan; Open loads its connections
 * in the window, which then asks before closing, and Discard there deletes
 * the spool. */
static void
test_offer_and_open (void)
{
  int dead = tv_test_dead_pid ();
  g_autofree char *orphan = make_spool ("lo", "20261122-054012", dead, "loopback-http.pcap");
  g_autofree char *empty = make_spool ("eth0", "20261122-060000", dead, NULL);
  g_autofree char *mine = make_spool ("lo", "20261122-070000", getpid (), "tcp-interleaved.pcap");
  g_autofree char *expected_text = NULL;
  guint64 packets = tv_test_pcap_count (orphan);
  guint expected = tv_ui_test_sync_n_conns (orphan);
  const char *text;
  TvWindow *window;
  GListModel *list;

  g_assert_cmpuint (expected, >, 0);

  g_application_activate (G_APPLICATION (app));
  window = find_window ();
  g_assert_nonnull (window);
  wait_for (offer_shown, window);

  /* the dead process's capture, not this process's own; its empty one is gone */
  text = tv_window_get_recovery_text (window);
  g_test_message ("offer: %s", text);
  expected_text = g_strdup_printf ("A live capture from 22 Nov 05:40 on lo was not saved (%" G_GUINT64_FORMAT " packets).",
                                   packets);
  {
    /* "22 Nov 2026 05:40" when the test runs in another year */
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    if (g_date_time_get_year (now) != 2026)
      {
        g_free (expected_text);
        expected_text = g_strdup_printf ("A live capture from 22 Nov 2026 05:40 on lo was not saved (%" G_GUINT64_FORMAT " packets).",
                                         packets);
      }
  }
  g_assert_cmpstr (text, ==, expected_text);
  g_assert_false (g_file_test (empty, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (mine, G_FILE_TEST_EXISTS));

  /* Open: read like any file, in this (empty) window */
  g_assert_true (tv_window_is_empty (window));
  g_assert_true (activate_offer (window, "recover.open"));
  wait_for (loaded, window);
  g_assert_cmpstr (tv_capture_get_path (tv_window_get_capture (window)), ==, orphan);
  g_assert_no_error (tv_capture_get_error (tv_window_get_capture (window)));
  list = tv_window_get_connections (window);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, expected);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Capture on lo — TcpViz");
  /* the only offer was taken */
  g_assert_null (tv_window_get_recovery_text (window));
  /* still a spool, not saved: closing asks */
  g_assert_true (tv_window_get_unsaved (window));
  g_assert_true (g_file_test (orphan, G_FILE_TEST_EXISTS));

  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  answer ("cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (g_file_test (orphan, G_FILE_TEST_EXISTS));

  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  answer ("discard");
  wait_for (file_gone, orphan);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_unref (window);

  g_assert_true (g_file_test (mine, G_FILE_TEST_EXISTS));
  empty_cache ();
}

static gboolean
offer_is (gpointer data)
{
  gpointer *args = data;
  const char *text = tv_window_get_recovery_text (args[0]);

  return text != NULL && strstr (text, args[1]) != NULL;
}

/* Several orphans, newest first; Discard asks first; not now hides the
 * offer and keeps the files. */
static void
test_discard (void)
{
  int dead = tv_test_dead_pid ();
  g_autofree char *older = make_spool ("lo", "20261120-080000", dead, "loopback-http.pcap");
  g_autofree char *newer = make_spool ("br-1a2b", "20261121-090000", dead, "tcp-interleaved.pcap");
  TvWindow *window = tv_window_new (app);
  gpointer args[2] = { window, (gpointer) " on br-1a2b " };

  gtk_window_present (GTK_WINDOW (window));
  tv_window_check_spools (window, NULL);
  wait_for (offer_is, args);

  /* Discard… asks; Cancel keeps it */
  g_assert_true (activate_offer (window, "recover.discard"));
  answer ("cancel");
  g_assert_true (g_file_test (newer, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (tv_window_get_recovery_text (window), " on br-1a2b "));

  /* Discard deletes it, and the next one is offered */
  g_assert_true (activate_offer (window, "recover.discard"));
  answer ("discard");
  g_assert_false (g_file_test (newer, G_FILE_TEST_EXISTS));
  args[1] = (gpointer) " on lo ";
  wait_for (offer_is, args);
  g_assert_true (g_file_test (older, G_FILE_TEST_EXISTS));

  /* not now: hidden, kept for next time */
  g_assert_true (activate_offer (window, "recover.later"));
  iterate ();
  g_assert_null (tv_window_get_recovery_text (window));
  g_assert_true (g_file_test (older, G_FILE_TEST_EXISTS));
  g_assert_true (tv_window_is_empty (window));

  gtk_window_destroy (GTK_WINDOW (window));
  empty_cache ();
}

/* Save As… in the offer: an atomic copy with every packet, then the spool goes. */
static void
test_save (void)
{
  int dead = tv_test_dead_pid ();
  g_autofree char *orphan = make_spool ("lo", "20261122-054012", dead, "loopback-http.pcap");
  g_autofree char *out_dir = g_dir_make_tmp ("tv-test-recover-out-XXXXXX", NULL);
  g_autofree char *dest = g_build_filename (out_dir, "saved.pcap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (dest);
  guint64 packets = tv_test_pcap_count (orphan);
  TvWindow *window = tv_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  tv_window_check_spools (window, NULL);
  wait_for (offer_shown, window);

  tv_window_save_orphan (window, file);
  wait_for (file_gone, orphan);
  g_assert_true (g_file_test (dest, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (tv_test_pcap_count (dest), ==, packets);
  iterate ();
  g_assert_null (tv_window_get_recovery_text (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (dest);
  g_rmdir (out_dir);
  empty_cache ();
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tv_window_save_to_finish (TV_WINDOW (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* A window that shows something already opens the orphan in a new window;
 * once the recovered capture is saved, closing deletes the spool without
 * asking. */
static void
test_open_in_new_window_and_save (void)
{
  int dead = tv_test_dead_pid ();
  g_autofree char *orphan = make_spool ("lo", "20261122-054012", dead, "loopback-http.pcap");
  g_autofree char *other = tv_test_capture_path ("tcp-interleaved.pcap");
  g_autofree char *out_dir = g_dir_make_tmp ("tv-test-recover-out-XXXXXX", NULL);
  g_autofree char *dest = g_build_filename (out_dir, "saved.pcap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (dest);
  TvWindow *window = tv_window_new (app);
  TvWindow *recovered = NULL;
  gboolean saved = FALSE;

  gtk_window_present (GTK_WINDOW (window));
  tv_window_open_path (window, other);
  wait_for (loaded, window);
  tv_window_check_spools (window, NULL);
  wait_for (offer_shown, window);

  g_assert_true (activate_offer (window, "recover.open"));
  g_assert_cmpstr (tv_capture_get_path (tv_window_get_capture (window)), ==, other);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (TV_IS_WINDOW (l->data) && tv_window_get_capture (l->data) != NULL &&
        g_strcmp0 (tv_capture_get_path (tv_window_get_capture (l->data)), orphan) == 0)
      recovered = l->data;
  g_assert_nonnull (recovered);
  g_assert_true (recovered != window);
  wait_for (loaded, recovered);
  g_assert_true (tv_window_get_unsaved (recovered));

  tv_window_save_to (recovered, file, FALSE, saved_cb, &saved);
  wait_for (flag_set, &saved);
  g_assert_false (tv_window_get_unsaved (recovered));
  g_assert_cmpuint (tv_test_pcap_count (dest), ==, tv_test_pcap_count (orphan));

  /* saved: no question, and the spool goes with the window */
  gtk_window_close (GTK_WINDOW (recovered));
  iterate ();
  g_assert_null (find_message_dialog ());
  wait_for (file_gone, orphan);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (dest);
  g_rmdir (out_dir);
  empty_cache ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = NULL;
  int ret;

  if (!tv_ui_test_have_display ())
    return 77;
  /* before anything asks GLib for the cache folder: it keeps the first answer */
  cache_home = g_dir_make_tmp ("tv-test-recover-cache-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  cache_dir = g_build_filename (cache_home, "tcpviz", NULL);
  tv_ui_test_private_env (NULL);
  /* the offer's text is checked word for word: English, "Nov" */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  if (!tv_ui_test_init_gtk (&argc, &argv))
    return 77;
  tv_ui_test_fatal_criticals_without_dbus ();

  app = tv_ui_test_app_new ();

  /* first: it starts the application, which looks once */
  g_test_add_func ("/ui/recover/offer-and-open", test_offer_and_open);
  g_test_add_func ("/ui/recover/discard", test_discard);
  g_test_add_func ("/ui/recover/save", test_save);
  g_test_add_func ("/ui/recover/open-in-new-window-and-save", test_open_in_new_window_and_save);

  ret = g_test_run ();

  tv_ui_test_app_free (&app);
  tv_test_remove_tree (cache_home);
  return ret;
}
