/* tv-window.c: TvWindow: the GObject, the capture it shows (loading,
 * progress, title, pages) and the public API.  The other concerns of the
 * window are in files of their own: see tv-window-private.h. */
#define G_LOG_DOMAIN "tv-window"
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tv-window-private.h"
#include "tv-ladder-view.h"

/* The narrow layouts are TvNarrowBins in tv-window.ui: narrower than 760
 * pixels the recovery offer's buttons go under its text; narrower than 720
 * the list and the selected connection take the whole width one at a time,
 * with a back button to the list, and the header bar keeps only icons; the
 * narrowest the window can be then is 360 pixels (GNOME's smallest: a
 * phone). */

G_DEFINE_FINAL_TYPE (TvWindow, tv_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SPACING,
  PROP_ABSOLUTE,
  PROP_SHOW_SIDEBAR,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_progress (TvWindow *self);
static void set_show_sidebar (TvWindow *self, gboolean show);

/* A live capture's TvLiveCapture, or NULL (a file, or nothing). */
TvLiveCapture *
_tv_window_get_live (TvWindow *self)
{
  return self->capture != NULL ? tv_capture_get_live (self->capture) : NULL;
}

/* The diagram to its end: TvLadderView keeps following the newest segment
 * from there until the person scrolls away. */
static void
follow_end (TvWindow *self)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view));

  if (vadj != NULL)
    gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj));
}

static gboolean
capturing (TvWindow *self)
{
  return _tv_window_get_live (self) != NULL && tv_live_capture_get_running (_tv_window_get_live (self));
}

/* ---- bars and messages --------------------------------------------------------- */

void
_tv_window_show_toast (TvWindow   *self,
                       const char *message,
                       guint       timeout)
{
  AdwToast *toast = adw_toast_new (message);

  /* The message can be long (it names the file): let it wrap. */
  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A bar that slides down under the header bar.  A GtkRevealer asks for
 * its child's width even while it hides it: hidden, it is not visible at
 * all, so that a bar not shown does not make the window wider than a
 * narrow window can be. */
void
_tv_window_reveal_bar (GtkRevealer *revealer,
                       gboolean     reveal)
{
  if (reveal)
    gtk_widget_set_visible (GTK_WIDGET (revealer), TRUE);
  gtk_revealer_set_reveal_child (revealer, reveal);
}

static void
on_bar_child_revealed (GtkRevealer *revealer)
{
  if (!gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
}

/* A message that stays until dismissed, wraps and can be selected and
 * copied: errors (which name a file and can be long) and warnings. */
void
_tv_window_show_banner (TvWindow   *self,
                        const char *message,
                        gboolean    error)
{
  gtk_label_set_text (self->banner_label, message);
  gtk_image_set_from_icon_name (self->banner_icon, error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  if (error)
    gtk_widget_add_css_class (self->banner_box, "tv-error");
  else
    gtk_widget_remove_css_class (self->banner_box, "tv-error");
  _tv_window_reveal_bar (self->banner_revealer, TRUE);
}

/* ---- view ---------------------------------------------------------------------- */

static void
set_view_connection (TvWindow     *self,
                     TvConnection *item)
{
  tv_view_state_set_connection (self->state, item);
  _tv_window_flow_selection_changed (self);
  /* Space plays the connection: the focus goes to the diagram when it was
   * nowhere or on a button (Open, after opening a file), not when it is
   * in the list, the search or the table */
  if (item != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus == NULL || GTK_IS_BUTTON (focus))
        gtk_widget_grab_focus (self->view);
    }
  /* while capturing, a connection still open is shown at its newest
   * segment (one that has ended, from its handshake) */
  if (item != NULL && capturing (self) && tv_connection_get_conn (item) != NULL &&
      tv_connection_get_conn (item)->end == TV_END_OPEN)
    follow_end (self);
}

/* The shown connection grew (or its arrays moved at the end of a load). */
static void
on_segments_added (TvWindow *self)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view));

  /* Before the diagram is first laid out TvLadderView cannot tell that it
   * is at the end (it has no page yet), and would stay at the top while a
   * live capture adds segments: it follows them from the start. */
  if (capturing (self) && vadj != NULL && gtk_adjustment_get_page_size (vadj) <= 0)
    follow_end (self);
}

static void
clear_selected (TvWindow *self)
{
  g_clear_object (&self->selected);
}

static void
on_selection_changed (TvWindow *self)
{
  TvConnection *item = self->capture != NULL ? tv_sidebar_get_selected (self->sidebar) : NULL;

  if (item == self->selected)
    return;

  clear_selected (self);
  if (item != NULL)
    self->selected = g_object_ref (item);
  set_view_connection (self, item);
  _tv_window_update_actions (self);
}

/* ---- pages and numbers ------------------------------------------------------------ */

gboolean
_tv_window_capture_shown (TvWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "capture") == 0;
}

/* The capture page shows once there is something in it: the first
 * connection, or the end of a load that did not fail (a capture without
 * TCP says so there).  Until then the empty page stays, under the progress
 * bar, so that a file that turns out not to be a capture does not flash
 * an empty list first. */
static void
update_page (TvWindow *self)
{
  gboolean show = FALSE;

  if (self->capture != NULL)
    show = _tv_window_get_live (self) != NULL ||
           g_list_model_get_n_items (G_LIST_MODEL (self->capture)) > 0 ||
           (tv_capture_get_loaded (self->capture) && tv_capture_get_error (self->capture) == NULL);
  gtk_stack_set_visible_child_name (self->main_stack, show ? "capture" : "empty");
  _tv_window_update_panes (self);
}

/* The list's numbers, and what the page beside it says while no
 * connection is selected. */
void
_tv_window_update_count (TvWindow *self)
{
  TvLiveCapture *live = _tv_window_get_live (self);
  gboolean loading;
  guint total;

  if (self->capture == NULL)
    return;

  tv_sidebar_update (self->sidebar);
  total = g_list_model_get_n_items (G_LIST_MODEL (self->capture));
  loading = tv_capture_get_loading (self->capture);
  if (total == 0 && !loading)
    {
      adw_status_page_set_title (self->none_page, _("Nothing to Draw"));
      adw_status_page_set_description (self->none_page, _("There is no TCP connection in this capture."));
    }
  if (total > 0 || loading)
    {
      adw_status_page_set_title (self->none_page, _("No Connection Selected"));
      adw_status_page_set_description (self->none_page, _("Choose a connection in the list to see its ladder diagram."));
    }
  if (total == 0 && live != NULL && loading)
    {
      const char *filter = tv_live_capture_get_filter (live);
      g_autofree char *desc = NULL;

      if (filter != NULL && filter[0] != '\0')
        desc = g_strdup_printf (_("Capturing on %s with the filter “%s”. Connections appear in the list as they open."),
                                tv_live_capture_get_interface (live), filter);
      else
        desc = g_strdup_printf (_("Capturing every packet on %s. Connections appear in the list as they open."),
                                tv_live_capture_get_interface (live));
      adw_status_page_set_title (self->none_page, _("Waiting for Connections"));
      adw_status_page_set_description (self->none_page, desc);
    }
}


static gboolean
refresh_cb (gpointer user_data)
{
  TvWindow *self = user_data;

  self->refresh_id = 0;
  update_progress (self);
  _tv_window_update_count (self);
  return G_SOURCE_REMOVE;
}

/* While a file loads, the numbers change with the loader's announcements
 * (at most every 100 ms, less often while the window is slow to draw, and
 * for each frame of a pipe that trickles): the labels follow them at once,
 * from an idle that runs before the frame clock lays out and paints, so
 * that the announcement's notifications (frames, fraction, items) make one
 * update and one redraw between them; a timer of the window's own would
 * fire between two announcements and make a redraw of its own.  A live
 * capture tells of every drain, and a search refilters as it is typed:
 * those numbers are shown ten times a second (the live bar keeps its own). */
static void
queue_refresh (TvWindow *self)
{
  if (self->refresh_id != 0)
    return;
  if (self->capture != NULL && _tv_window_get_live (self) == NULL && tv_capture_get_loading (self->capture))
    {
      self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->refresh_id),
                                "[tcpviz] window refresh");
    }
  else
    self->refresh_id = g_timeout_add (100, refresh_cb, self);
}

static void
on_list_items_changed (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       TvWindow   *self)
{
  if (self->capture == NULL)
    return;
  update_page (self);
  queue_refresh (self);
}

/* ---- loading --------------------------------------------------------------------- */

static gboolean
pulse_cb (gpointer user_data)
{
  TvWindow *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
update_progress (TvWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  gboolean loading;
  double fraction;
  guint64 frames;

  /* a live capture has a bar of its own */
  loading = self->capture != NULL && tv_capture_get_loading (self->capture) && _tv_window_get_live (self) == NULL;
  _tv_window_reveal_bar (self->progress_revealer, loading);
  if (!loading)
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      return;
    }

  frames = tv_capture_get_frames (self->capture);
  if (g_strcmp0 (tv_capture_get_path (self->capture), "-") == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Reading standard input: %'" PRIu64 " frame",
                                         "Reading standard input: %'" PRIu64 " frames",
                                         frames),
                            (uint64_t) frames);
  else
    {
      name = tv_capture_dup_display_name (self->capture);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Reading %s: %'" PRIu64 " frame",
                                           "Reading %s: %'" PRIu64 " frames",
                                           frames),
                              name, (uint64_t) frames);
    }
  gtk_label_set_text (self->progress_label, text);

  fraction = tv_capture_get_fraction (self->capture);
  if (fraction >= 0)
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
    }
  else if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (150, pulse_cb, self);
}

void
_tv_window_update_title (TvWindow *self)
{
  g_autofree char *name = NULL;

  if (self->capture == NULL)
    {
      adw_window_title_set_title (self->window_title, _("TcpViz"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("TcpViz"));
      return;
    }

  name = tv_capture_dup_display_name (self->capture);
  if (self->recovered != NULL)
    {
      g_autofree char *when = tv_recover_bar_format_time (self->recovered->started);
      g_autofree char *subtitle = NULL;

      /* not the spool's name, "capture-lo-20261122-054012-4242.pcap" */
      g_free (name);
      name = g_strdup_printf (_("Capture on %s"), self->recovered->iface);
      adw_window_title_set_title (self->window_title, name);
      if (self->recovered_saved)
        subtitle = g_strdup_printf (_("Captured %s"), when);
      else
        subtitle = g_strdup_printf (_("Captured %s · not saved"), when);
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  else if (_tv_window_get_live (self) != NULL)
    {
      const char *filter = tv_live_capture_get_filter (_tv_window_get_live (self));
      g_autofree char *subtitle = NULL;

      adw_window_title_set_title (self->window_title, name);
      if (filter != NULL && filter[0] != '\0')
        subtitle = g_strdup_printf (_("Filter: %s"), filter);
      else
        subtitle = g_strdup (_("No filter"));
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  else if (g_strcmp0 (tv_capture_get_path (self->capture), "-") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (tv_capture_get_path (self->capture));
      g_autofree char *display_dir = g_filename_display_name (dir);
      adw_window_title_set_title (self->window_title, name);
      adw_window_title_set_subtitle (self->window_title, display_dir);
    }
  else
    {
      adw_window_title_set_title (self->window_title, name);
      adw_window_title_set_subtitle (self->window_title, _("pcap stream"));
    }
  {
    g_autofree char *title = g_strdup_printf (_("%s — TcpViz"), name);
    gtk_window_set_title (GTK_WINDOW (self), title);
  }
}

static void
on_capture_notify (TvCapture  *capture,
                   GParamSpec *pspec,
                   TvWindow   *self)
{
  if (g_strcmp0 (pspec->name, "loading") == 0)
    {
      update_progress (self);
      _tv_window_update_count (self);
      _tv_window_update_live (self);
      _tv_window_update_actions (self);
    }
  else
    queue_refresh (self);
}

static void
on_capture_loaded (TvCapture *capture,
                   TvWindow  *self)
{
  const GError *error = tv_capture_get_error (capture);
  const GError *warning = tv_capture_get_warning (capture);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (capture));

  update_progress (self);
  _tv_window_update_count (self);
  _tv_window_update_actions (self);
  update_page (self);
  _tv_window_flow_capture_changed (self);

  if (_tv_window_get_live (self) != NULL)
    {
      _tv_window_live_finished (self);
      return;
    }

  /* One connection: the list has nothing to choose from, the diagram
   * wants the room (F9 or the button brings the list back). */
  if (n == 1 && error == NULL && !self->sidebar_toggled)
    set_show_sidebar (self, FALSE);

  /* tv_tracker_finish() trimmed the arrays, which may have moved them */
  tv_view_state_segments_added (self->state);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (n == 0)
        _tv_window_set_capture (self, NULL);
      else
        {
          g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Stopped reading: showing the %u connection read so far",
                                                               "Stopped reading: showing the %u connections read so far",
                                                               n), n);
          _tv_window_show_toast (self, msg, 5);
        }
    }
  else if (error != NULL)
    {
      /* The same message as on the command line: it names the file. */
      g_autofree char *msg = g_strdup (error->message);
      if (n == 0)
        _tv_window_set_capture (self, NULL);
      _tv_window_show_banner (self, msg, TRUE);
    }
  else if (warning != NULL)
    _tv_window_show_banner (self, warning->message, FALSE);
}

/* Shows or hides the list on the window's own account: what the person
 * chose with F9 or the button ("show-sidebar") is not overruled. */
static void
set_show_sidebar (TvWindow *self,
                  gboolean  show)
{
  if (self->show_sidebar == show)
    return;
  self->show_sidebar = show;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SIDEBAR]);
}

/* ---- capture ---------------------------------------------------------------------- */

void
_tv_window_set_capture (TvWindow  *self,
                       TvCapture *capture)
{
  if (self->capture == capture)
    return;

  /* a recovered capture that goes away: its spool goes too once saved,
   * and stays to be offered again otherwise */
  if (self->recovered != NULL &&
      (capture == NULL || g_strcmp0 (tv_capture_get_path (capture), self->recovered->path) != 0))
    _tv_window_forget_recovered (self);

  clear_selected (self);
  set_view_connection (self, NULL);
  if (self->capture != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->capture, self);
      tv_capture_cancel (self->capture);
      g_clear_object (&self->capture);
    }
  tv_sidebar_set_capture (self->sidebar, NULL);
  tv_live_bar_set_capture (self->live_bar, NULL);
  _tv_window_reveal_bar (self->banner_revealer, FALSE);

  if (capture != NULL)
    {
      /* a narrow window starts at the list */
      self->narrow_content = FALSE;
      if (!self->sidebar_toggled)
        set_show_sidebar (self, TRUE);
      self->capture = g_object_ref (capture);
      tv_sidebar_set_capture (self->sidebar, capture);
      tv_live_bar_set_capture (self->live_bar, capture);
      g_signal_connect (capture, "notify", G_CALLBACK (on_capture_notify), self);
      g_signal_connect (capture, "loaded", G_CALLBACK (on_capture_loaded), self);
      update_page (self);
      _tv_window_update_count (self);
      on_selection_changed (self);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      _tv_window_update_panes (self);
    }

  _tv_window_flow_set_capture (self);
  _tv_window_update_title (self);
  update_progress (self);
  _tv_window_update_actions (self);
}

/* ---- opening ------------------------------------------------------------------------ */

TvWindow *
_tv_window_to_open_in (TvWindow *self)
{
  TvWindow *window;

  if (!tv_window_get_unsaved (self) &&
      (_tv_window_get_live (self) == NULL || !tv_live_capture_get_running (_tv_window_get_live (self))))
    return self;
  window = tv_window_new (TV_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
tv_window_open_path (TvWindow   *self,
                     const char *path)
{
  g_autoptr(TvCapture) capture = NULL;

  g_return_if_fail (TV_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  tv_sidebar_set_search (self->sidebar, NULL);
  capture = tv_capture_new (path);
  _tv_window_set_capture (self, capture);
  tv_capture_load (capture);
  update_progress (self);
  _tv_window_update_actions (self);
}

void
tv_window_open_file (TvWindow *self,
                     GFile    *file)
{
  const char *path;

  g_return_if_fail (TV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_peek_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *msg = g_strdup_printf (_("Could not open “%s”: TcpViz opens local files only"), uri);
      _tv_window_show_banner (self, msg, TRUE);
      return;
    }

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *uri = g_file_get_uri (file);
      GtkRecentData data = { 0 };
      static char *groups[] = { (char *) "tcpviz", NULL };

      data.display_name = NULL;
      data.mime_type = (char *) (g_str_has_suffix (path, ".pcapng") ? "application/x-pcapng"
                                                                     : "application/vnd.tcpdump.pcap");
      data.app_name = (char *) g_get_application_name ();
      data.app_exec = (char *) "tcpviz %f";
      data.groups = groups;
      gtk_recent_manager_add_full (self->recent, uri, &data);
      tv_capture_chooser_remember (self->settings, file);
    }

  tv_window_open_path (self, path);
}

gboolean
tv_window_is_empty (TvWindow *self)
{
  g_return_val_if_fail (TV_IS_WINDOW (self), FALSE);
  return self->capture == NULL;
}

TvCapture *
tv_window_get_capture (TvWindow *self)
{
  g_return_val_if_fail (TV_IS_WINDOW (self), NULL);
  return self->capture;
}

GListModel *
tv_window_get_connections (TvWindow *self)
{
  g_return_val_if_fail (TV_IS_WINDOW (self), NULL);
  return self->capture != NULL ? tv_sidebar_get_model (self->sidebar) : NULL;
}

void
tv_window_select (TvWindow *self,
                  guint     position)
{
  g_return_if_fail (TV_IS_WINDOW (self));
  if (self->capture != NULL)
    tv_sidebar_select (self->sidebar, position);
}

TvConnection *
tv_window_get_selected (TvWindow *self)
{
  g_return_val_if_fail (TV_IS_WINDOW (self), NULL);
  return self->selected;
}

void
tv_window_set_search (TvWindow   *self,
                      const char *text)
{
  g_return_if_fail (TV_IS_WINDOW (self));
  tv_sidebar_set_search (self->sidebar, text);
}

GtkWidget *
tv_window_get_connection_view (TvWindow *self)
{
  g_return_val_if_fail (TV_IS_WINDOW (self), NULL);
  return self->cview;
}

GtkWidget *
tv_window_get_view (TvWindow *self)
{
  g_return_val_if_fail (TV_IS_WINDOW (self), NULL);
  return self->view;
}

/* ---- GObject ---------------------------------------------------------------------------- */

static gboolean
tv_window_close_request (GtkWindow *window)
{
  TvWindow *self = TV_WINDOW (window);

  if (_tv_window_confirm_close (self))
    return TRUE;

  /* "Discard" in the close dialog, for a recovered capture: the spool
   * goes now (saved, it goes with the capture) */
  if (self->recovered != NULL && !self->recovered_saved && self->close_confirmed)
    {
      g_autoptr(GError) error = NULL;

      if (!tv_spool_discard (self->recovered, &error))
        g_warning ("%s", error->message);
      g_clear_pointer (&self->recovered, tv_spool_free);
    }

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  return GTK_WINDOW_CLASS (tv_window_parent_class)->close_request (window);
}

/* Playback speed: the setting is a number (0.25 … 8), the view's a string
 * ("0.25" … "8", or "step", which is not remembered). */
static const char * const playback_speeds[] = { "0.25", "0.5", "1", "2", "4", "8" };

static void
on_playback_speed_changed (GObject    *cview,
                           GParamSpec *pspec,
                           TvWindow   *self)
{
  const char *speed = tv_connection_view_get_playback_speed (TV_CONNECTION_VIEW (cview));

  for (guint i = 0; i < G_N_ELEMENTS (playback_speeds); i++)
    if (g_strcmp0 (speed, playback_speeds[i]) == 0)
      {
        double value = g_ascii_strtod (speed, NULL);
        if (g_settings_get_double (self->settings, "playback-speed") != value)
          g_settings_set_double (self->settings, "playback-speed", value);
      }
}

static void
load_playback_speed (TvWindow *self)
{
  double value = g_settings_get_double (self->settings, "playback-speed");
  guint best = 2;

  /* the nearest speed the view offers */
  for (guint i = 0; i < G_N_ELEMENTS (playback_speeds); i++)
    if (fabs (g_ascii_strtod (playback_speeds[i], NULL) - value) <
        fabs (g_ascii_strtod (playback_speeds[best], NULL) - value))
      best = i;
  tv_connection_view_set_playback_speed (TV_CONNECTION_VIEW (self->cview), playback_speeds[best]);
  g_signal_connect (self->cview, "notify::playback-speed", G_CALLBACK (on_playback_speed_changed), self);
}

/* The first time (no size remembered), a size from the screen: a diagram
 * with its explanation needs room, so up to 1600 × 1000 on a large screen,
 * never more than the screen. */
static void
first_size (int *width,
            int *height)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle geom;

  *width = 1200;
  *height = 800;
  if (monitors == NULL || g_list_model_get_n_items (monitors) == 0)
    return;
  monitor = g_list_model_get_item (monitors, 0);
  gdk_monitor_get_geometry (monitor, &geom);
  if (geom.width <= 0 || geom.height <= 0)
    return;
  *width = MAX (MIN (1600, geom.width * 9 / 10), MIN (1200, geom.width));
  *height = MAX (MIN (1000, geom.height * 9 / 10), MIN (800, geom.height));
}

/* The settings come from the application, which is set after the window
 * is constructed ("application" is not a construct property). */
static void
tv_window_load_settings (TvWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GVariant) saved_width = NULL;
  int width, height;

  if (self->settings != NULL || !TV_IS_APPLICATION (app))
    return;
  self->settings = tv_application_get_settings (TV_APPLICATION (app));
  first_size (&width, &height);
  if (self->settings == NULL)
    {
      /* no schema: defaults */
      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      _tv_window_set_width_hint (self, width);
      return;
    }

  g_object_ref (self->settings);
  tv_recover_bar_set_settings (self->recover_bar, self->settings);
  saved_width = g_settings_get_user_value (self->settings, "window-width");
  if (saved_width != NULL)
    {
      width = g_settings_get_int (self->settings, "window-width");
      height = g_settings_get_int (self->settings, "window-height");
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  /* the layout for that width from the start: laid out wide first, a
   * narrow window would be made wider than asked */
  _tv_window_set_width_hint (self, g_settings_get_boolean (self->settings, "window-maximized") ? G_MAXINT : width);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_settings_bind (self->settings, "spacing", self, "spacing", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "absolute-numbers", self, "absolute", G_SETTINGS_BIND_DEFAULT);
  load_playback_speed (self);
}

static void
tv_window_dispose (GObject *object)
{
  TvWindow *self = TV_WINDOW (object);

  _tv_window_set_capture (self, NULL);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->recent != NULL)
    g_signal_handlers_disconnect_by_data (self->recent, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TV_TYPE_WINDOW);

  G_OBJECT_CLASS (tv_window_parent_class)->dispose (object);
}

static void
tv_window_finalize (GObject *object)
{
  TvWindow *self = TV_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->state);
  g_clear_pointer (&self->spacing, g_free);
  g_clear_pointer (&self->write_path, g_free);
  g_clear_pointer (&self->open_label, g_free);

  G_OBJECT_CLASS (tv_window_parent_class)->finalize (object);
}

static void
tv_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TvWindow *self = TV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_string (value, self->spacing);
      break;
    case PROP_ABSOLUTE:
      g_value_set_boolean (value, self->absolute);
      break;
    case PROP_SHOW_SIDEBAR:
      g_value_set_boolean (value, self->show_sidebar);
      break;
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apply_view_options (TvWindow *self)
{
  tv_view_state_set_spacing (self->state, g_strcmp0 (self->spacing, "time") == 0 ? TV_LADDER_SPACING_TIME
                                                                                : TV_LADDER_SPACING_EVEN);
  tv_view_state_set_absolute (self->state, self->absolute);
}

static void
tv_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TvWindow *self = TV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      {
        const char *spacing = g_value_get_string (value);

        if (g_strcmp0 (spacing, "time") != 0)
          spacing = "even";
        if (g_strcmp0 (spacing, self->spacing) != 0)
          {
            g_free (self->spacing);
            self->spacing = g_strdup (spacing);
            apply_view_options (self);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_ABSOLUTE:
      if (self->absolute != g_value_get_boolean (value))
        {
          self->absolute = g_value_get_boolean (value);
          apply_view_options (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_SIDEBAR:
      self->sidebar_toggled = TRUE;
      if (self->show_sidebar != g_value_get_boolean (value))
        {
          self->show_sidebar = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_window_class_init (TvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tv_window_dispose;
  object_class->finalize = tv_window_finalize;
  object_class->get_property = tv_window_get_property;
  object_class->set_property = tv_window_set_property;
  window_class->close_request = tv_window_close_request;

  properties[PROP_SPACING] =
    g_param_spec_string ("spacing", NULL, NULL, "even",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ABSOLUTE] =
    g_param_spec_boolean ("absolute", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SIDEBAR] =
    g_param_spec_boolean ("show-sidebar", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* what the views of the selected connection show (tv-view-state.h) */
  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, TV_TYPE_VIEW_STATE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TV_TYPE_NARROW_BIN);
  g_type_ensure (TV_TYPE_CONNECTION_VIEW);
  g_type_ensure (TV_TYPE_SIDEBAR);
  g_type_ensure (TV_TYPE_LIVE_BAR);
  g_type_ensure (TV_TYPE_RECOVER_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/TcpViz/tv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, offer_bin);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, narrow_bin);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, banner_box);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, recover_bar);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, live_bar);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, none_page);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, cview);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);

  _tv_window_class_actions_init (klass);
  _tv_window_class_panes_init (klass);
  _tv_window_class_live_init (klass);
}

static void
tv_window_init (TvWindow *self)
{
  self->spacing = g_strdup ("even");
  self->show_sidebar = TRUE;
  /* before the template: its TvConnectionView binds it */
  self->state = tv_view_state_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->state, "segments-added", G_CALLBACK (on_segments_added), self);

  tv_sidebar_set_key_capture_widget (self->sidebar, GTK_WIDGET (self));
  g_signal_connect (tv_sidebar_get_model (self->sidebar), "items-changed",
                    G_CALLBACK (on_list_items_changed), self);

  /* the bars: not visible while hidden */
  {
    GtkRevealer *bars[] = { self->banner_revealer, self->progress_revealer };

    for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
      {
        gtk_widget_set_visible (GTK_WIDGET (bars[i]), gtk_revealer_get_reveal_child (bars[i]));
        g_signal_connect (bars[i], "notify::child-revealed", G_CALLBACK (on_bar_child_revealed), NULL);
      }
  }


  self->view = tv_connection_view_get_ladder_view (TV_CONNECTION_VIEW (self->cview));
  apply_view_options (self);

  _tv_window_dnd_init (self);
  _tv_window_flow_init (self);
  _tv_window_actions_init (self);
  _tv_window_panes_init (self);
}

TvWindow *
tv_window_new (TvApplication *application)
{
  TvWindow *self = g_object_new (TV_TYPE_WINDOW, "application", application, NULL);

  tv_window_load_settings (self);
  return self;
}
