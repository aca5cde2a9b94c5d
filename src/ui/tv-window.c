/* tv-window.c: TvWindow */
#define G_LOG_DOMAIN "tv-window"
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tv-window.h"
#include "tv-classroom.h"
#include "tv-connection-row.h"
#include "tv-connection-view.h"
#include "tv-core-error.h"
#include "tv-writer.h"
#include "tv-spool.h"
# include "tv-ladder-view.h"
# include "tv-export-dialog.h"
#include "tv-capture-dialog.h"

#define MAX_RECENT 10
/* narrower than this, the offer of a capture not saved takes two rows */
#define RECOVER_NARROW_WIDTH 760
/* narrower than this, the list and the selected connection take the whole
 * width one at a time, with a back button to the list, and the header bar
 * keeps only icons (see tv_window_size_allocate()) */
#define NARROW_WIDTH 720
/* …and the narrowest it can be then (GNOME's smallest: a phone) */
#define NARROWEST_WIDTH 360

struct _TvWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkWidget          *open_button;
  GtkWidget          *back_button;
  GtkToggleButton    *search_button;
  GtkWidget          *sidebar_button;
  GtkWidget          *export_button;
  GtkRevealer        *banner_revealer;
  GtkWidget          *banner_box;
  GtkImage           *banner_icon;
  GtkLabel           *banner_label;
  GtkRevealer        *recover_revealer;
  GtkLabel           *recover_label;
  GtkLabel           *recover_more_label;
  GtkWidget          *recover_icon;
  GtkWidget          *recover_inner;
  GtkWidget          *recover_buttons;
  GtkRevealer        *progress_revealer;
  GtkWidget          *progress_box;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  GtkRevealer        *live_revealer;
  GtkWidget          *live_box;
  GtkLabel           *live_label;
  GtkLabel           *live_stats_label;
  GtkWidget          *live_stop_button;
  GtkWidget          *live_save_button;
  GtkStack           *main_stack;
  GtkPaned           *paned;
  GtkWidget          *sidebar;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *no_tcp_label;
  AdwStatusPage      *none_page;
  GtkLabel           *count_label;
  GtkStack           *content_stack;
  GtkBox             *view_box;
  GMenu              *recent_menu;

  GtkWidget          *cview;         /* TvConnectionView: diagram, playback, table, explanation */
  GtkWidget          *view;          /* its TvLadderView */

  GSettings          *settings;      /* may be NULL */
  TvCapture          *capture;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  TvConnection       *selected;
  gulong              selected_notify_id;
  char              **search_terms;
  guint               pulse_id;
  guint               refresh_id;    /* throttles progress and count updates */
  GtkRecentManager   *recent;

  char               *spacing;       /* "even" or "time" */
  gboolean            absolute;
  gboolean            show_sidebar;
  gboolean            sidebar_toggled;  /* by the person, in this window */

  /* a narrow window: one pane at a time */
  gboolean            narrow;
  gboolean            narrow_content;   /* …the connection, not the list */
  int                 wide_position;    /* the divider's place when it went narrow */
  char               *open_label;       /* the Open button's, when wide */

  /* live capture */
  guint64             saved_packets;    /* packets in the last saved copy of the whole capture */
  char               *write_path;       /* `--write`: saved there when the capture stops */
  gboolean            close_confirmed;  /* the person chose to close without saving */
  gboolean            close_after_save; /* "Save" in the close dialog: close once saved */

  /* captures that a TcpViz killed before they were saved left behind */
  GPtrArray          *orphans;          /* TvSpool *, offered one at a time: [0] */
  GCancellable       *orphans_cancellable;
  gboolean            orphan_busy;      /* [0] is being saved */
  TvSpool            *recovered;        /* the orphan this window shows */
  gboolean            recovered_saved;  /* …saved whole since: its spool can go */
  gboolean            recover_narrow;   /* the offer's buttons under its text */
};

G_DEFINE_FINAL_TYPE (TvWindow, tv_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SPACING,
  PROP_ABSOLUTE,
  PROP_SHOW_SIDEBAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void tv_window_set_capture (TvWindow *self, TvCapture *capture);
static void set_show_sidebar (TvWindow *self, gboolean show);
static void update_actions (TvWindow *self);
static void update_live (TvWindow *self);
static void on_live_finished (TvWindow *self);
static void save_as_action (GtkWidget *widget, const char *action_name, GVariant *parameter);
static void add_capture_filters (GtkFileChooser *chooser);
static void forget_recovered (TvWindow *self);
static void recover_set_layout (TvWindow *self, gboolean narrow);
static void update_panes (TvWindow *self);
static void set_narrow (TvWindow *self, gboolean narrow);
static void on_row_released (GtkGestureClick *gesture, int n_press, double x, double y, TvWindow *self);
static char *format_spool_time (GDateTime *time);

/* A live capture's TvLiveCapture, or NULL (a file, or nothing). */
static TvLiveCapture *
get_live (TvWindow *self)
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
  return get_live (self) != NULL && tv_live_capture_get_running (get_live (self));
}

/* ---- helpers ------------------------------------------------------------------- */

static void
show_toast (TvWindow   *self,
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
static void
reveal_bar (GtkRevealer *revealer,
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
static void
show_banner (TvWindow   *self,
             const char *message,
             gboolean    error)
{
  gtk_label_set_text (self->banner_label, message);
  gtk_image_set_from_icon_name (self->banner_icon, error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  if (error)
    gtk_widget_add_css_class (self->banner_box, "tv-error");
  else
    gtk_widget_remove_css_class (self->banner_box, "tv-error");
  reveal_bar (self->banner_revealer, TRUE);
}

static char *
capture_display_name (TvCapture *capture)
{
  return tv_capture_dup_display_name (capture);
}

static GFile *
get_last_folder (TvWindow *self)
{
  g_autofree char *folder = NULL;

  if (self->settings != NULL)
    folder = g_settings_get_string (self->settings, "last-folder");
  if (folder != NULL && folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (folder);
  return NULL;
}

static void
set_last_folder (TvWindow *self,
                 GFile    *file)
{
  g_autoptr(GFile) parent = NULL;
  const char *path;

  if (self->settings == NULL || file == NULL)
    return;
  parent = g_file_get_parent (file);
  path = parent != NULL ? g_file_peek_path (parent) : NULL;
  if (path != NULL)
    g_settings_set_string (self->settings, "last-folder", path);
}

/* ---- view ---------------------------------------------------------------------- */

static void
set_view_connection (TvWindow     *self,
                     TvConnection *item)
{
  tv_connection_view_set_connection (TV_CONNECTION_VIEW (self->cview),
                                     item ? tv_connection_get_tracker (item) : NULL,
                                     item ? tv_connection_get_conn (item) : NULL);
  gtk_stack_set_visible_child_name (self->content_stack, item != NULL ? "view" : "none");
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

static void
on_selected_grew (TvConnection *item,
                  GParamSpec   *pspec,
                  TvWindow     *self)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view));
  /* Before the diagram is first laid out TvLadderView cannot tell that it
   * is at the end (it has no page yet), and would stay at the top while a
   * live capture adds segments: it follows them from the start. */
  gboolean follow = capturing (self) && vadj != NULL && gtk_adjustment_get_page_size (vadj) <= 0;

  tv_connection_view_connection_changed (TV_CONNECTION_VIEW (self->cview));
  if (follow)
    follow_end (self);
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      TvWindow           *self)
{
  TvConnection *item = gtk_single_selection_get_selected_item (selection);

  if (item == self->selected)
    return;

  if (self->selected != NULL)
    {
      g_clear_signal_handler (&self->selected_notify_id, self->selected);
      g_clear_object (&self->selected);
    }
  if (item != NULL)
    {
      self->selected = g_object_ref (item);
      self->selected_notify_id =
        g_signal_connect (item, "notify::n-segments", G_CALLBACK (on_selected_grew), self);
    }
  set_view_connection (self, item);
  update_actions (self);
}

/* ---- list ------------------------------------------------------------------------ */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TvWindow *self = user_data;
  const char *text;

  if (self->search_terms == NULL || self->search_terms[0] == NULL)
    return TRUE;

  text = tv_connection_get_search_text (TV_CONNECTION (item));
  for (guint i = 0; self->search_terms[i] != NULL; i++)
    if (strstr (text, self->search_terms[i]) == NULL)
      return FALSE;
  return TRUE;
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
    show = get_live (self) != NULL ||
           g_list_model_get_n_items (G_LIST_MODEL (self->capture)) > 0 ||
           (tv_capture_get_loaded (self->capture) && tv_capture_get_error (self->capture) == NULL);
  gtk_stack_set_visible_child_name (self->main_stack, show ? "capture" : "empty");
  update_panes (self);
}

static void
update_count (TvWindow *self)
{
  g_autofree char *text = NULL;
  guint total, shown;

  if (self->capture == NULL)
    return;

  total = g_list_model_get_n_items (G_LIST_MODEL (self->capture));
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (total == 0 && !tv_capture_get_loading (self->capture))
    {
      g_autofree char *name = capture_display_name (self->capture);
      g_autofree char *desc = NULL;
      guint64 frames = tv_capture_get_frames (self->capture);

      if (frames == 0)
        desc = g_strdup_printf (_("“%s” holds no frames at all."), name);
      else
        desc = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "“%s” holds %" PRIu64 " frame, and it is not TCP.",
                                             "“%s” holds %" PRIu64 " frames; none of them is TCP.",
                                             frames),
                                name, (uint64_t) frames);
      gtk_label_set_text (self->no_tcp_label, desc);
      gtk_stack_set_visible_child_name (self->list_stack, "no-tcp");
      adw_status_page_set_title (self->none_page, _("Nothing to Draw"));
      adw_status_page_set_description (self->none_page, _("There is no TCP connection in this capture."));
    }
  else if (shown == 0 && total > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  if (total > 0 || tv_capture_get_loading (self->capture))
    {
      adw_status_page_set_title (self->none_page, _("No Connection Selected"));
      adw_status_page_set_description (self->none_page, _("Choose a connection in the list to see its ladder diagram."));
    }
  if (total == 0 && get_live (self) != NULL && tv_capture_get_loading (self->capture))
    {
      TvLiveCapture *live = get_live (self);
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

  {
    g_autofree char *conns = NULL;
    guint64 frames = tv_capture_get_frames (self->capture);

    if (shown == total)
      conns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u connection", "%u connections", total), total);
    else
      conns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u connection", "%u of %u connections", total),
                               shown, total);
    /* "3 connections · 31 frames" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %" PRIu64 " frame",
                                         "%s · %" PRIu64 " frames", frames),
                            conns, (uint64_t) frames);
  }
  gtk_label_set_text (self->count_label, text);
}

static void update_progress (TvWindow *self);

static gboolean
refresh_cb (gpointer user_data)
{
  TvWindow *self = user_data;

  self->refresh_id = 0;
  update_progress (self);
  update_count (self);
  update_live (self);
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
 * those numbers are shown ten times a second. */
static void
queue_refresh (TvWindow *self)
{
  if (self->refresh_id != 0)
    return;
  if (self->capture != NULL && get_live (self) == NULL && tv_capture_get_loading (self->capture))
    {
      self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->refresh_id),
                                "[tcpviz] window refresh");
    }
  else
    self->refresh_id = g_timeout_add (100, refresh_cb, self);
}

static void
on_filtered_items_changed (GListModel *model,
                           guint       position,
                           guint       removed,
                           guint       added,
                           TvWindow   *self)
{
  update_page (self);
  queue_refresh (self);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   TvWindow       *self)
{
  g_autofree char *down = g_utf8_strdown (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);

  g_clear_pointer (&self->search_terms, g_strfreev);
  self->search_terms = g_strsplit_set (g_strstrip (down), " \t", -1);
  /* drop empty terms from repeated spaces */
  {
    guint j = 0;
    for (guint i = 0; self->search_terms[i] != NULL; i++)
      {
        if (self->search_terms[i][0] == '\0')
          g_free (self->search_terms[i]);
        else
          self->search_terms[j++] = self->search_terms[i];
      }
    self->search_terms[j] = NULL;
  }
  /* Without a search the filter matches everything and says so, so that
   * the list does not make an item for every connection. */
  if (self->search_terms[0] == NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  else
    gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *row = tv_connection_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  /* in a narrow window a click on a row shows its connection; the row's
   * gesture sees the release before the list's, which does not claim the
   * press (a drag that scrolls the list cancels it) */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (on_row_released), user_data, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  tv_connection_row_set_connection (TV_CONNECTION_ROW (gtk_list_item_get_child (list_item)),
                                    gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  tv_connection_row_set_connection (TV_CONNECTION_ROW (gtk_list_item_get_child (list_item)), NULL);
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
  loading = self->capture != NULL && tv_capture_get_loading (self->capture) && get_live (self) == NULL;
  reveal_bar (self->progress_revealer, loading);
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
      name = capture_display_name (self->capture);
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

static void
update_title (TvWindow *self)
{
  g_autofree char *name = NULL;

  if (self->capture == NULL)
    {
      adw_window_title_set_title (self->window_title, _("TcpViz"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("TcpViz"));
      return;
    }

  name = capture_display_name (self->capture);
  if (self->recovered != NULL)
    {
      g_autofree char *when = format_spool_time (self->recovered->started);
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
  else if (get_live (self) != NULL)
    {
      const char *filter = tv_live_capture_get_filter (get_live (self));
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
      update_count (self);
      update_live (self);
      update_actions (self);
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
  update_count (self);
  update_actions (self);
  update_page (self);

  if (get_live (self) != NULL)
    {
      on_live_finished (self);
      return;
    }

  /* One connection: the list has nothing to choose from, the diagram
   * wants the room (F9 or the button brings the list back). */
  if (n == 1 && error == NULL && !self->sidebar_toggled)
    set_show_sidebar (self, FALSE);

  /* tv_tracker_finish() trimmed the arrays, which may have moved them */
  if (self->selected != NULL)
    on_selected_grew (self->selected, NULL, self);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (n == 0)
        tv_window_set_capture (self, NULL);
      else
        {
          g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Stopped reading: showing the %u connection read so far",
                                                               "Stopped reading: showing the %u connections read so far",
                                                               n), n);
          show_toast (self, msg, 5);
        }
    }
  else if (error != NULL)
    {
      /* The same message as on the command line: it names the file. */
      g_autofree char *msg = g_strdup (error->message);
      if (n == 0)
        tv_window_set_capture (self, NULL);
      show_banner (self, msg, TRUE);
    }
  else if (warning != NULL)
    show_banner (self, warning->message, FALSE);
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

static void
tv_window_set_capture (TvWindow  *self,
                       TvCapture *capture)
{
  if (self->capture == capture)
    return;

  /* a recovered capture that goes away: its spool goes too once saved,
   * and stays to be offered again otherwise */
  if (self->recovered != NULL &&
      (capture == NULL || g_strcmp0 (tv_capture_get_path (capture), self->recovered->path) != 0))
    forget_recovered (self);

  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->selection, self);
      g_signal_handlers_disconnect_by_data (self->filtered, self);
      gtk_list_view_set_model (self->list_view, NULL);
      g_clear_object (&self->selection);
      g_clear_object (&self->filtered);
    }
  if (self->selected != NULL)
    {
      g_clear_signal_handler (&self->selected_notify_id, self->selected);
      g_clear_object (&self->selected);
    }
  set_view_connection (self, NULL);
  if (self->capture != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->capture, self);
      tv_capture_cancel (self->capture);
      g_clear_object (&self->capture);
    }
  reveal_bar (self->banner_revealer, FALSE);

  if (capture != NULL)
    {
      /* a narrow window starts at the list */
      self->narrow_content = FALSE;
      if (!self->sidebar_toggled)
        set_show_sidebar (self, TRUE);
      self->capture = g_object_ref (capture);
      self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (capture)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
      gtk_single_selection_set_autoselect (self->selection, TRUE);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
      g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self);
      g_signal_connect (self->filtered, "items-changed", G_CALLBACK (on_filtered_items_changed), self);
      g_signal_connect (capture, "notify", G_CALLBACK (on_capture_notify), self);
      g_signal_connect (capture, "loaded", G_CALLBACK (on_capture_loaded), self);
      update_page (self);
      update_count (self);
      on_selection_changed (self->selection, NULL, self);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      gtk_toggle_button_set_active (self->search_button, FALSE);
      update_panes (self);
    }

  update_title (self);
  update_progress (self);
  update_actions (self);
}

/* ---- live capture ------------------------------------------------------------------ */

static char *
format_elapsed (gint64 us)
{
  gint64 s = MAX (us, 0) / G_USEC_PER_SEC;

  if (s >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int) (s / 60 % 60), (int) (s % 60));
  return g_strdup_printf ("%d:%02d", (int) (s / 60), (int) (s % 60));
}

static guint64
live_packets (TvWindow *self)
{
  TvLiveCaptureStats stats;

  if (get_live (self) == NULL)
    return 0;
  tv_live_capture_get_stats (get_live (self), &stats);
  return stats.packets;
}

/* The bar over a live capture: what is captured and what is lost, the
 * time, and Stop; once stopped, the final numbers. */
static void
update_live (TvWindow *self)
{
  TvLiveCapture *live = get_live (self);
  TvLiveCaptureStats stats;
  g_autofree char *label = NULL;
  g_autofree char *packets = NULL;
  g_autofree char *kernel = NULL;
  g_autofree char *iface_dropped = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *text = NULL;
  gboolean running;

  reveal_bar (self->live_revealer, live != NULL);
  if (live == NULL)
    return;

  running = tv_live_capture_get_running (live);
  tv_live_capture_get_stats (live, &stats);
  if (running)
    label = g_strdup_printf (_("Capturing on %s"), tv_live_capture_get_interface (live));
  else
    label = g_strdup_printf (_("Captured on %s"), tv_live_capture_get_interface (live));
  gtk_label_set_text (self->live_label, label);

  packets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" PRIu64 " packet",
                                          "%'" PRIu64 " packets", stats.packets),
                             (uint64_t) stats.packets);
  kernel = g_strdup_printf (_("%'" PRIu64 " dropped by the kernel"), (uint64_t) stats.kernel_dropped);
  iface_dropped = g_strdup_printf (_("%'" PRIu64 " by the interface"), (uint64_t) stats.if_dropped);
  elapsed = format_elapsed (stats.elapsed_us);
  /* "1,234 packets · 0 dropped by the kernel · 0 by the interface · 0:12" */
  text = g_strdup_printf (_("%s · %s · %s · %s"), packets, kernel, iface_dropped, elapsed);
  gtk_label_set_text (self->live_stats_label, text);
  /* lost packets leave holes in the diagrams: say so in colour */
  if (stats.kernel_dropped > 0 || stats.if_dropped > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->live_stats_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->live_stats_label), "warning");

  gtk_widget_set_visible (self->live_stop_button, running);
  /* stopped: the next thing to do with it, until it is saved */
  gtk_widget_set_visible (self->live_save_button, !running && tv_window_get_unsaved (self));
  if (running)
    gtk_widget_remove_css_class (self->live_box, "tv-stopped");
  else
    gtk_widget_add_css_class (self->live_box, "tv-stopped");
}

/* The capture stopped: by Stop, by its duration, or by an error. */
static void
on_live_finished (TvWindow *self)
{
  TvLiveCapture *live = get_live (self);
  const GError *error = tv_live_capture_get_error (live);

  update_live (self);
  update_title (self);
  if (self->selected != NULL)
    on_selected_grew (self->selected, NULL, self);

  if (error != NULL)
    show_banner (self, error->message, TRUE);

  /* `--write FILE`: saved when the capture stops, before anything else can
   * close the window */
  if (self->write_path != NULL)
    {
      g_autoptr(GError) save_error = NULL;
      g_autofree char *path = g_steal_pointer (&self->write_path);

      if (tv_live_capture_save (live, path, NULL, &save_error))
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *display = g_filename_display_name (base);
          g_autofree char *msg = g_strdup_printf (_("Saved “%s”"), display);

          self->saved_packets = live_packets (self);
          update_live (self);
          show_toast (self, msg, 3);
        }
      else
        show_banner (self, save_error->message, TRUE);
    }
}

gboolean
tv_window_start_capture (TvWindow    *self,
                         const char  *iface,
                         const char  *filter,
                         int          snaplen,
                         gboolean     promiscuous,
                         guint        duration,
                         const char  *write_path,
                         GError     **error)
{
  g_autoptr(TvCapture) capture = NULL;
  g_autoptr(GError) local_error = NULL;
  TvLiveCapture *live;

  g_return_val_if_fail (TV_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (iface != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  capture = tv_capture_new_live (iface);
  live = tv_capture_get_live (capture);
  tv_live_capture_set_filter (live, filter);
  if (snaplen > 0)
    tv_live_capture_set_snaplen (live, snaplen);
  tv_live_capture_set_promiscuous (live, promiscuous);
  tv_live_capture_set_duration (live, duration);

  /* Every reason not to capture (permission, no such interface, bad
   * filter) is known here: the window keeps what it shows and says why. */
  if (!tv_capture_start_live (capture, &local_error))
    {
      show_banner (self, local_error->message, TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_pointer (&self->write_path, g_free);
  self->write_path = g_strdup (write_path);
  self->saved_packets = 0;
  self->close_confirmed = FALSE;
  tv_window_set_capture (self, capture);
  update_live (self);
  update_count (self);
  return TRUE;
}

void
tv_window_stop_capture (TvWindow *self)
{
  g_return_if_fail (TV_IS_WINDOW (self));

  if (get_live (self) != NULL)
    tv_live_capture_stop (get_live (self));
}

gboolean
tv_window_get_unsaved (TvWindow *self)
{
  g_return_val_if_fail (TV_IS_WINDOW (self), FALSE);

  if (self->recovered != NULL)
    return !self->recovered_saved;
  return get_live (self) != NULL && live_packets (self) > self->saved_packets;
}

/* Where the person's Open, Open Recent, Open Example or a drop goes: this
 * window, unless it holds a live capture that is running or not saved,
 * which opening a file would throw away: a new window then. */
static TvWindow *
window_to_open_in (TvWindow *self)
{
  TvWindow *window;

  if (!tv_window_get_unsaved (self) &&
      (get_live (self) == NULL || !tv_live_capture_get_running (get_live (self))))
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

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  capture = tv_capture_new (path);
  tv_window_set_capture (self, capture);
  tv_capture_load (capture);
  update_progress (self);
  update_actions (self);
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
      show_banner (self, msg, TRUE);
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
      set_last_folder (self, file);
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
  return self->selection != NULL ? G_LIST_MODEL (self->selection) : NULL;
}

void
tv_window_select (TvWindow *self,
                  guint     position)
{
  g_return_if_fail (TV_IS_WINDOW (self));
  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, position);
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

  gtk_toggle_button_set_active (self->search_button, text != NULL && text[0] != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* "search-changed" comes after a delay: filter now */
  on_search_changed (self->search_entry, self);
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

/* ---- actions ---------------------------------------------------------------------- */

static void
update_actions (TvWindow *self)
{
  gboolean have_capture = self->capture != NULL;
  gboolean loading = have_capture && tv_capture_get_loading (self->capture);
  gboolean live = get_live (self) != NULL;
  gboolean capturing = live && loading;
  /* a live capture can be saved while it runs (what it has so far) */
  gboolean can_save = live ? live_packets (self) > 0 || g_list_model_get_n_items (G_LIST_MODEL (self->capture)) > 0
                           : have_capture && !loading && !tv_capture_get_is_stream (self->capture) &&
                             g_list_model_get_n_items (G_LIST_MODEL (self->capture)) > 0;
  gboolean have_view = self->selected != NULL;
  gboolean can_export = self->selected != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", can_export);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", loading && !live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-capture", capturing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", have_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", have_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", have_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-reset", have_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", have_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.quiz", have_view);
  gtk_widget_set_visible (self->export_button, can_export && !self->narrow);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  TvWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file != NULL)
        tv_window_open_file (window_to_open_in (self), file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_capture_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) captures = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (captures, _("Captures (pcap, pcapng)"));
  gtk_file_filter_add_mime_type (captures, "application/vnd.tcpdump.pcap");
  gtk_file_filter_add_mime_type (captures, "application/x-pcapng");
  gtk_file_filter_add_pattern (captures, "*.pcap");
  gtk_file_filter_add_pattern (captures, "*.pcapng");
  gtk_file_filter_add_pattern (captures, "*.cap");
  gtk_file_chooser_add_filter (chooser, captures);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  gtk_file_chooser_set_filter (chooser, captures);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  g_autoptr(GFile) folder = get_last_folder (self);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open a Capture"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  add_capture_filters (GTK_FILE_CHOOSER (dialog));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The example capture: installed in PKGDATADIR, or in the source tree when
 * running uninstalled. */
static char *
find_example (void)
{
  const char *candidates[] = {
    PKGDATADIR G_DIR_SEPARATOR_S "tcpviz-example.pcap",
    SOURCE_DATADIR G_DIR_SEPARATOR_S "example" G_DIR_SEPARATOR_S "tcpviz-example.pcap",
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
      return g_strdup (candidates[i]);
  return NULL;
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  g_autofree char *path = find_example ();

  if (path == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("The example capture is not installed (looked for %s)"),
                                              PKGDATADIR G_DIR_SEPARATOR_S "tcpviz-example.pcap");
      show_banner (self, msg, TRUE);
      return;
    }
  tv_window_open_path (window_to_open_in (self), path);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  tv_window_open_file (window_to_open_in (self), file);
}

/* A Flatpak sandbox has no raw sockets: capturing from an interface
 * cannot work there, but a pcap stream piped in from outside can. */
static void
explain_flatpak (TvWindow *self)
{
  const char *command = "sudo tcpdump -i any -U -w - tcp | flatpak run " APPLICATION_ID " -";
  GtkWidget *dialog;
  GtkWidget *label;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Live Capture Is Not Possible Here"),
                                   _("TcpViz runs in a Flatpak sandbox, which cannot open network "
                                     "interfaces. Capture with tcpdump outside the sandbox instead and "
                                     "pipe it into TcpViz: run this in a terminal, and press Ctrl+C to stop."));
  label = gtk_label_new (command);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "card");
  gtk_widget_add_css_class (label, "tv-command");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_capture_dialog_start (TvCaptureDialog *dialog,
                         TvWindow        *self)
{
  TvWindow *window = self;

  /* like opening a file from the application: this window if it is
   * empty, a new one otherwise, so that nothing is lost */
  if (!tv_window_is_empty (self))
    {
      window = tv_window_new (TV_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      gtk_window_present (GTK_WINDOW (window));
    }
  tv_window_start_capture (window,
                           tv_capture_dialog_get_interface (dialog),
                           tv_capture_dialog_get_filter (dialog),
                           tv_capture_dialog_get_snaplen (dialog),
                           tv_capture_dialog_get_promiscuous (dialog),
                           0, NULL, NULL);
}

static void
live_capture_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  TvCaptureDialog *dialog;

  /* TV_TEST_FLATPAK: the tests' way into a sandbox */
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) || g_getenv ("TV_TEST_FLATPAK") != NULL)
    {
      explain_flatpak (self);
      return;
    }
  dialog = tv_capture_dialog_new (GTK_WINDOW (self));
  g_signal_connect_object (dialog, "start", G_CALLBACK (on_capture_dialog_start), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
stop_capture_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tv_window_stop_capture (TV_WINDOW (widget));
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);

  if (self->capture != NULL)
    tv_capture_cancel (self->capture);
}

static void
dismiss_banner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  reveal_bar (TV_WINDOW (widget)->banner_revealer, FALSE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);

  g_object_set (self, "show-sidebar", TRUE, NULL);
  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    gtk_widget_activate_action (self->view, "ladder.zoom-in", NULL);
  else if (g_str_equal (action_name, "win.zoom-out"))
    gtk_widget_activate_action (self->view, "ladder.zoom-out", NULL);
  else
    gtk_widget_activate_action (self->view, "ladder.zoom-reset", NULL);
}

/* The part of the diagram on screen, in layout units; end <= start when
 * not known. */
static void
get_visible_range (TvWindow *self,
                   double   *y_start,
                   double   *y_end)
{
  *y_start = 0;
  *y_end = 0;
  tv_ladder_view_get_visible_range (TV_LADDER_VIEW (self->view), y_start, y_end);
}

/* Save As: the whole capture or the selected connection, as pcap. */

typedef struct {
  char    *source;
  char    *dest;
  guint32 *frames;
  gsize    n_frames;
  gboolean whole;         /* the whole capture, not one connection */
  guint64  live_packets;  /* a live capture's packets when the save began */
  TvSpool *spool;         /* the recovery offer's save: the spool to discard after */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_pointer (&job->spool, tv_spool_free);
  g_free (job->source);
  g_free (job->dest);
  g_free (job->frames);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (tv_writer_save_frames (job->source, job->dest, job->frames, job->n_frames, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tv_window_save_to (TvWindow            *self,
                   GFile               *file,
                   gboolean             selected_only,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  g_return_if_fail (TV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, tv_window_save_to);
  if (self->capture == NULL || g_file_peek_path (file) == NULL)
    {
      g_task_return_new_error (task, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
                               _("There is no capture to save, or the place is not a local file"));
      return;
    }

  job = g_new0 (SaveJob, 1);
  job->source = g_strdup (tv_capture_get_path (self->capture));
  job->dest = g_file_get_path (file);
  job->whole = TRUE;
  job->live_packets = live_packets (self);
  if (selected_only && self->selected != NULL && tv_connection_get_conn (self->selected) != NULL)
    {
      job->frames = tv_writer_conn_frames (tv_connection_get_conn (self->selected), &job->n_frames);
      job->whole = FALSE;
    }
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
tv_window_save_to_finish (TvWindow      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  SaveJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  /* the spool's packets are all in the file: closing loses nothing */
  job = g_task_get_task_data (G_TASK (result));
  if (job != NULL && job->whole && get_live (self) != NULL && job->live_packets > self->saved_packets)
    {
      self->saved_packets = job->live_packets;
      update_live (self);
    }
  /* a recovered capture saved whole: its spool is no longer needed */
  if (job != NULL && job->whole && self->recovered != NULL &&
      g_strcmp0 (job->source, self->recovered->path) == 0 && !self->recovered_saved)
    {
      self->recovered_saved = TRUE;
      update_title (self);
    }
  return TRUE;
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TvWindow *self = TV_WINDOW (object);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  gboolean close_after_save = self->close_after_save;

  self->close_after_save = FALSE;
  if (!tv_window_save_to_finish (self, result, &error))
    show_banner (self, error->message, TRUE);
  else
    {
      if (close_after_save && !tv_window_get_unsaved (self))
        {
          gtk_window_close (GTK_WINDOW (self));
          return;
        }

      g_autofree char *base = g_path_get_basename (job->dest);
      g_autofree char *display = g_filename_display_name (base);
      g_autofree char *msg = g_strdup_printf (_("Saved “%s”"), display);
      show_toast (self, msg, 3);
    }
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  TvWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->capture != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      const char *what = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "what");

      if (file != NULL)
        {
          set_last_folder (self, file);
          tv_window_save_to (self, file, g_strcmp0 (what, "connection") == 0, save_done, NULL);
        }
      else
        self->close_after_save = FALSE;
    }
  else
    self->close_after_save = FALSE;
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;
  GtkFileChooserNative *dialog;
  const char *ids[] = { "capture", "connection", NULL };
  const char *labels[] = { N_("The whole capture"), N_("The selected connection only"), NULL };
  const char *translated[3];

  if (self->capture == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Save Capture As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  add_capture_filters (GTK_FILE_CHOOSER (dialog));

  translated[0] = _(labels[0]);
  translated[1] = _(labels[1]);
  translated[2] = NULL;
  if (self->selected != NULL)
    {
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "what", _("Save"), ids, translated);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "what", "capture");
    }

  /* "trace.pcapng" → "trace-copy.pcap": always pcap, never the same file */
  name = g_path_get_basename (tv_capture_get_path (self->capture));
  stem = g_strdup (name);
  if (strrchr (stem, '.') != NULL)
    *strrchr (stem, '.') = '\0';
  if (get_live (self) != NULL)
    {
      /* a live capture's spool is in the cache: offer the last folder and
       * "capture-lo-20261122-034512.pcap" */
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *date = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *suggested = g_strdup_printf ("capture-%s-%s.pcap",
                                                    tv_live_capture_get_interface (get_live (self)), date);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
      folder = get_last_folder (self);
    }
  else if (self->recovered != NULL)
    {
      /* a recovered spool is in the cache too: its name without the PID */
      g_autofree char *suggested = tv_spool_suggest_name (self->recovered);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
      folder = get_last_folder (self);
    }
  else
    {
      g_autofree char *suggested = g_strdup_printf ("%s-copy.pcap", stem);
      g_autoptr(GFile) source = g_file_new_for_path (tv_capture_get_path (self->capture));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
      folder = g_file_get_parent (source);
    }
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);

  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_export_done (const char * const *files,
                const GError       *error,
                gpointer            user_data)
{
  g_autoptr(TvWindow) self = user_data;

  if (error != NULL)
    show_banner (self, error->message, TRUE);
  else if (files != NULL && files[0] != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (files[0]);
      g_autofree char *base = g_path_get_basename (files[0]);
      g_autofree char *display = g_filename_display_name (base);
      g_autofree char *msg = NULL;
      guint n = g_strv_length ((char **) files);

      if (n == 1)
        msg = g_strdup_printf (_("Exported “%s”"), display);
      else
        msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported “%s” and %u more page",
                                            "Exported “%s” and %u more pages", n - 1),
                               display, n - 1);
      show_toast (self, msg, 3);
      set_last_folder (self, file);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  TvExportRequest request = { 0 };
  g_autoptr(GFile) folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *suggested = NULL;

  if (self->selected == NULL || tv_connection_get_conn (self->selected) == NULL)
    return;

  folder = get_last_folder (self);
  base = g_path_get_basename (tv_capture_get_path (self->capture));
  if (strrchr (base, '.') != NULL)
    *strrchr (base, '.') = '\0';
  if (g_strcmp0 (base, "-") == 0)
    {
      g_free (base);
      base = g_strdup ("stream");
    }
  suggested = g_strdup_printf ("%s-connection-%u", base, tv_connection_get_id (self->selected));

  request.tracker = tv_connection_get_tracker (self->selected);
  request.conn = tv_connection_get_conn (self->selected);
  request.owner = G_OBJECT (self->capture);
  request.spacing = self->spacing;
  request.absolute = self->absolute;
  request.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  request.folder = folder;
  request.suggested_name = suggested;
  get_visible_range (self, &request.visible_y_start, &request.visible_y_end);
  tv_export_dialog_run (GTK_WINDOW (self), &request, on_export_done, g_object_ref (self));
}

/* ---- captures left behind ------------------------------------------------------------ */

/* A TcpViz that was killed, or crashed, or a machine that lost power,
 * leaves the spool of its live capture in the cache (tv-spool.h).  The
 * first window offers them back, one at a time, newest first, in a bar
 * under the header: Open (the spool is read like any file, and stays
 * unsaved: closing the window asks, like a live capture), Save As… (an
 * atomic copy; then the spool goes), Discard… (asks first), or not now
 * (offered again next time). */

/* "22 Nov 05:40", with the year when it is not this year */
static char *
format_spool_time (GDateTime *time)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  char *text;

  if (time == NULL)
    return g_strdup ("?");
  if (g_date_time_get_year (time) == g_date_time_get_year (now))
    /* Translators: when a live capture started, in g_date_time_format()
       syntax ("22 Nov 05:40"; %-d is the day without a leading zero) */
    /* xgettext:no-c-format */
    text = g_date_time_format (time, C_("capture start", "%-d %b %H:%M"));
  else
    /* Translators: the same for another year ("22 Nov 2025 05:40") */
    /* xgettext:no-c-format */
    text = g_date_time_format (time, C_("capture start", "%-d %b %Y %H:%M"));
  /* a translation that g_date_time_format() does not understand */
  if (text == NULL)
    text = g_date_time_format (time, "%Y-%m-%d %H:%M");
  return text;
}

static void
update_recover (TvWindow *self)
{
  gboolean show = self->orphans != NULL && self->orphans->len > 0;
  gboolean act = show && !self->orphan_busy;

  if (show)
    {
      const TvSpool *spool = g_ptr_array_index (self->orphans, 0);
      g_autofree char *when = format_spool_time (spool->started);
      g_autofree char *text = NULL;
      guint more = self->orphans->len - 1;

      /* "A live capture from 22 Nov 05:40 on lo was not saved (1,234 packets)." */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "A live capture from %s on %s was not saved (%'" PRIu64 " packet).",
                                           "A live capture from %s on %s was not saved (%'" PRIu64 " packets).",
                                           (gulong) MIN (spool->n_packets, G_MAXULONG)),
                              when, spool->iface, (uint64_t) spool->n_packets);
      gtk_label_set_text (self->recover_label, text);
      if (more > 0)
        {
          g_autofree char *more_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     "%u more capture was not saved either.",
                                                                     "%u more captures were not saved either.",
                                                                     more),
                                                        more);
          gtk_label_set_text (self->recover_more_label, more_text);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->recover_more_label), more > 0);
    }
  reveal_bar (self->recover_revealer, show);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.recover-open", act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.recover-save", act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.recover-discard", act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.recover-later", act);
}

/* Takes the offer of the spool at @path away (it was opened, saved or
 * discarded); returns it, or NULL. */
static TvSpool *
take_orphan (TvWindow   *self,
             const char *path)
{
  TvSpool *spool = NULL;

  if (self->orphans == NULL)
    return NULL;
  for (guint i = 0; i < self->orphans->len; i++)
    if (g_strcmp0 (((TvSpool *) g_ptr_array_index (self->orphans, i))->path, path) == 0)
      {
        spool = g_ptr_array_steal_index (self->orphans, i);
        break;
      }
  update_recover (self);
  return spool;
}

/* The recovered capture is no longer shown: its spool goes if it was
 * saved whole, and stays (to be offered again) if not. */
static void
forget_recovered (TvWindow *self)
{
  if (self->recovered == NULL)
    return;
  if (self->recovered_saved)
    {
      g_autoptr(GError) error = NULL;

      if (!tv_spool_discard (self->recovered, &error))
        g_warning ("%s", error->message);
    }
  g_clear_pointer (&self->recovered, tv_spool_free);
  self->recovered_saved = FALSE;
}

static gboolean
shown_in_a_window (TvWindow      *self,
                   const TvSpool *spool)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GList *windows = app != NULL ? gtk_application_get_windows (app) : NULL;

  if (self->recovered != NULL && g_strcmp0 (self->recovered->path, spool->path) == 0)
    return TRUE;
  for (GList *l = windows; l; l = l->next)
    if (TV_IS_WINDOW (l->data) && TV_WINDOW (l->data)->recovered != NULL &&
        g_strcmp0 (TV_WINDOW (l->data)->recovered->path, spool->path) == 0)
      return TRUE;
  return FALSE;
}

static void
list_orphans_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  guint removed = 0;
  GPtrArray *spools = tv_spool_list_orphans (task_data, &removed, cancellable, &error);

  if (removed > 0)
    g_debug ("Removed %u empty capture spools of TcpViz processes that have gone", removed);
  if (spools == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, spools, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_orphans_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TvWindow *self = TV_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spools = g_task_propagate_pointer (G_TASK (result), &error);

  if (spools == NULL)
    {
      /* cancelled: the window has gone */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Looking for live captures that were not saved: %s", error->message);
      return;
    }
  g_clear_object (&self->orphans_cancellable);

  /* not one that a window shows already */
  for (guint i = spools->len; i > 0; i--)
    if (shown_in_a_window (self, g_ptr_array_index (spools, i - 1)))
      g_ptr_array_remove_index (spools, i - 1);
  g_clear_pointer (&self->orphans, g_ptr_array_unref);
  self->orphans = g_steal_pointer (&spools);
  self->orphan_busy = FALSE;
  update_recover (self);
}

void
tv_window_check_spools (TvWindow   *self,
                        const char *dir)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TV_IS_WINDOW (self));

  if (self->orphans_cancellable != NULL)
    g_cancellable_cancel (self->orphans_cancellable);
  g_clear_object (&self->orphans_cancellable);
  self->orphans_cancellable = g_cancellable_new ();

  /* it reads every orphan to count its packets: not on this thread */
  task = g_task_new (self, self->orphans_cancellable, list_orphans_done, NULL);
  g_task_set_source_tag (task, tv_window_check_spools);
  g_task_set_task_data (task, dir != NULL ? g_strdup (dir) : tv_spool_default_dir (), g_free);
  g_task_run_in_thread (task, list_orphans_thread);
}

static void
recover_open_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  TvWindow *target = self;
  TvSpool *spool;

  if (self->orphans == NULL || self->orphans->len == 0 || self->orphan_busy)
    return;
  spool = take_orphan (self, ((TvSpool *) g_ptr_array_index (self->orphans, 0))->path);

  /* like a file from the command line: this window if it shows nothing,
   * a new one otherwise */
  if (!tv_window_is_empty (self))
    {
      target = tv_window_new (TV_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      gtk_window_present (GTK_WINDOW (target));
    }
  tv_window_open_path (target, spool->path);
  target->recovered = spool;
  target->recovered_saved = FALSE;
  target->close_confirmed = FALSE;
  update_title (target);
}

static void
recover_save_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TvWindow *self = TV_WINDOW (object);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(TvSpool) spool = NULL;

  self->orphan_busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->orphans != NULL)
        {
          update_recover (self);
          show_banner (self, error->message, TRUE);
        }
      return;
    }

  /* safe in its new file: the spool can go */
  if (!tv_spool_discard (job->spool, &error))
    g_warning ("%s", error->message);
  if (self->orphans == NULL)
    return;   /* the window has gone */
  spool = take_orphan (self, job->spool->path);
  {
    g_autofree char *base = g_path_get_basename (job->dest);
    g_autofree char *display = g_filename_display_name (base);
    g_autofree char *msg = g_strdup_printf (_("Saved “%s”"), display);

    show_toast (self, msg, 3);
  }
}

void
tv_window_save_orphan (TvWindow *self,
                       GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  g_return_if_fail (TV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->orphans == NULL || self->orphans->len == 0 || self->orphan_busy ||
      g_file_peek_path (file) == NULL)
    return;

  /* the whole spool, copied atomically: a failure leaves it where it is */
  job = g_new0 (SaveJob, 1);
  job->spool = tv_spool_copy (g_ptr_array_index (self->orphans, 0));
  job->source = g_strdup (job->spool->path);
  job->dest = g_file_get_path (file);
  job->whole = TRUE;
  self->orphan_busy = TRUE;
  update_recover (self);

  task = g_task_new (self, NULL, recover_save_done, NULL);
  g_task_set_source_tag (task, tv_window_save_orphan);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

static void
on_recover_save_response (GtkNativeDialog *dialog,
                          int              response,
                          TvWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        {
          set_last_folder (self, file);
          tv_window_save_orphan (self, file);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
recover_save_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *dialog;

  if (self->orphans == NULL || self->orphans->len == 0 || self->orphan_busy)
    return;

  dialog = gtk_file_chooser_native_new (_("Save Capture As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  add_capture_filters (GTK_FILE_CHOOSER (dialog));
  suggested = tv_spool_suggest_name (g_ptr_array_index (self->orphans, 0));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
  folder = get_last_folder (self);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_recover_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_recover_discard_response (AdwMessageDialog *dialog,
                             const char       *response,
                             TvWindow         *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "tv-spool-path");
  g_autoptr(TvSpool) spool = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "discard") != 0)
    return;
  spool = take_orphan (self, path);
  if (spool != NULL && !tv_spool_discard (spool, &error))
    show_banner (self, error->message, TRUE);
}

static void
recover_discard_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  const TvSpool *spool;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->orphans == NULL || self->orphans->len == 0 || self->orphan_busy)
    return;
  spool = g_ptr_array_index (self->orphans, 0);
  when = format_spool_time (spool->started);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The live capture from %s on %s, %'" PRIu64 " packet, is deleted for good.",
                                       "The live capture from %s on %s, %'" PRIu64 " packets, is deleted for good.",
                                       (gulong) MIN (spool->n_packets, G_MAXULONG)),
                          when, spool->iface, (uint64_t) spool->n_packets);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard the Capture?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tv-spool-path", g_strdup (spool->path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_recover_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
recover_later_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);

  /* the spools stay where they are: offered again next time */
  if (self->orphans != NULL)
    g_ptr_array_set_size (self->orphans, 0);
  update_recover (self);
}

/* ---- narrow window ----------------------------------------------------------------- */

/* A window narrower than NARROW_WIDTH (a phone, a tiled half of a small
 * screen) shows the list or the selected connection, not both: the list
 * first, the connection once the person picks one in it, the list again
 * with the back button (Alt+Left).  "show-sidebar" FALSE (one connection)
 * shows the connection.  The header bar keeps only icons: Export… is in
 * the menu.  libadwaita 1.2 has no breakpoints and AdwLeaflet would lose
 * the divider the person can move, so the window's width decides, in
 * tv_window_size_allocate().  Each pane alone fits in 360 pixels. */

static gboolean
capture_shown (TvWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "capture") == 0;
}

static void
update_panes (TvWindow *self)
{
  gboolean capture = capture_shown (self);
  gboolean list = self->show_sidebar && !(self->narrow && self->narrow_content);
  gboolean content = !self->narrow || !list;
  gboolean back = capture && self->narrow && !list;

  gtk_widget_set_visible (self->sidebar, list);
  gtk_widget_set_visible (GTK_WIDGET (self->content_stack), content);
  gtk_widget_set_visible (self->back_button, back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", back);
  gtk_widget_set_visible (self->sidebar_button, capture && !self->narrow);
  /* the search is in the list */
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), capture && (!self->narrow || list));
  gtk_widget_set_visible (self->export_button, self->selected != NULL && !self->narrow);
}

/* In a narrow window: the selected connection instead of the list. */
static void
show_connection_pane (TvWindow *self)
{
  if (!self->narrow || self->narrow_content)
    return;
  self->narrow_content = TRUE;
  gtk_toggle_button_set_active (self->search_button, FALSE);
  update_panes (self);
  gtk_widget_grab_focus (self->view);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);

  if (!self->narrow || !capture_shown (self))
    return;
  self->narrow_content = FALSE;
  if (!self->show_sidebar)
    g_object_set (self, "show-sidebar", TRUE, NULL);
  update_panes (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static gboolean
show_connection_pane_cb (gpointer user_data)
{
  show_connection_pane (user_data);
  return G_SOURCE_REMOVE;
}

/* A click on a row.  The list selects it right after, on the same
 * release, unless the row has gone: the connection is shown once it has. */
static void
on_row_released (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 TvWindow        *self)
{
  if (n_press == 1 && self->narrow)
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_connection_pane_cb, g_object_ref (self), g_object_unref);
}

/* Enter on a row, or a double click. */
static void
on_list_activate (GtkListView *list_view,
                  guint        position,
                  TvWindow    *self)
{
  show_connection_pane (self);
}

static void
on_show_sidebar_notify (TvWindow *self)
{
  if (self->show_sidebar)
    self->narrow_content = FALSE;
  update_panes (self);
}

/* Typing starts a search, in the list: a narrow window goes there. */
static void
on_search_mode_notify (TvWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar) && self->narrow && self->narrow_content)
    {
      self->narrow_content = FALSE;
      update_panes (self);
    }
}

/* A default width set before the window is shown (the remembered one, a
 * test's): the layout for it from the start, or the wide one would make
 * the window wider than asked. */
static void
on_default_width_notify (TvWindow *self)
{
  int width, height;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || gtk_window_is_maximized (GTK_WINDOW (self)))
    return;
  /* (GTK 4.8 wants both) */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0)
    {
      set_narrow (self, width < NARROW_WIDTH);
      recover_set_layout (self, width < RECOVER_NARROW_WIDTH);
    }
}

static void
set_narrow (TvWindow *self,
            gboolean  narrow)
{
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  if (narrow)
    {
      /* the divider stays where it was for when the window is wide again */
      self->wide_position = gtk_paned_get_position (self->paned);
      gtk_button_set_icon_name (GTK_BUTTON (self->open_button), "document-open-symbolic");
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (self->open_button), self->open_label);
      if (self->wide_position > 0)
        gtk_paned_set_position (self->paned, self->wide_position);
    }
  /* what is being read: above the progress bar, the window's width */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->progress_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self->progress_box), narrow ? 6 : 12);
  gtk_label_set_width_chars (self->progress_label, narrow ? -1 : 24);
  update_panes (self);
}

/* A narrow window puts the offer's buttons under its text (and drops the
 * icon), so that the bar does not make the window wider than the screen:
 * libadwaita 1.2 has no breakpoints, so the window's width decides, when
 * it is allocated (and its default width before it is shown). */
static void
recover_set_layout (TvWindow *self,
                    gboolean  narrow)
{
  self->recover_narrow = narrow;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->recover_inner),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self->recover_inner), narrow ? 6 : 12);
  gtk_widget_set_halign (self->recover_buttons, narrow ? GTK_ALIGN_END : GTK_ALIGN_FILL);
  gtk_widget_set_visible (self->recover_icon, !narrow);
  /* the four buttons in a row fit in 360 pixels with a little less room
   * around them */
  gtk_box_set_spacing (GTK_BOX (self->recover_buttons), narrow ? 4 : 6);
  if (narrow)
    gtk_widget_add_css_class (gtk_widget_get_parent (self->recover_inner), "tv-narrow");
  else
    gtk_widget_remove_css_class (gtk_widget_get_parent (self->recover_inner), "tv-narrow");
}

/* The narrowest the window can be is the narrow layout's, whichever it has
 * now: given less than the wide layout needs, it lays itself out narrow
 * first (tv_window_size_allocate()), as AdwLeaflet does when it folds.
 * Until then its height is measured for no less than the wide layout's
 * width. */
static void
tv_window_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  TvWindow *self = TV_WINDOW (widget);
  GtkWidgetClass *parent_class = GTK_WIDGET_CLASS (tv_window_parent_class);

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0 && !self->narrow)
    {
      int wide_min = 0;

      parent_class->measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &wide_min, NULL, NULL, NULL);
      for_size = MAX (for_size, wide_min);
    }
  parent_class->measure (widget, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL && !self->narrow)
    *minimum = MIN (*minimum, NARROWEST_WIDTH);
}

static void
tv_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  TvWindow *self = TV_WINDOW (widget);
  gboolean narrow = width < NARROW_WIDTH;
  gboolean recover_narrow = width < RECOVER_NARROW_WIDTH;

  /* one pane or two, the offer's buttons beside its text or under it:
   * before the children are allocated, so that they are laid out for
   * this width at once, never squeezed into it in the wide layout (they
   * ask for other widths: measured again first) */
  if (narrow != self->narrow || recover_narrow != self->recover_narrow)
    {
      GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));
      int min;

      set_narrow (self, narrow);
      if (recover_narrow != self->recover_narrow)
        recover_set_layout (self, recover_narrow);
      gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, width, &min, NULL, NULL, NULL);
    }
  GTK_WIDGET_CLASS (tv_window_parent_class)->size_allocate (widget, width, height, baseline);
}

const char *
tv_window_get_recovery_text (TvWindow *self)
{
  g_return_val_if_fail (TV_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->recover_revealer))
    return NULL;
  return gtk_label_get_text (self->recover_label);
}

/* ---- recent files ------------------------------------------------------------------- */

static gint
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (tb, ta);
}

static void
rebuild_recent_menu (TvWindow *self)
{
  GList *items = gtk_recent_manager_get_items (self->recent);
  GList *mine = NULL;
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l; l = l->next)
    if (gtk_recent_info_has_group (l->data, "tcpviz") && gtk_recent_info_exists (l->data))
      mine = g_list_prepend (mine, l->data);
  mine = g_list_sort (mine, compare_recent);

  for (GList *l = mine; l && n < MAX_RECENT; l = l->next, n++)
    {
      g_autoptr(GMenuItem) item = NULL;
      const char *uri = gtk_recent_info_get_uri (l->data);

      item = g_menu_item_new (gtk_recent_info_get_display_name (l->data), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (uri));
      g_menu_append_item (self->recent_menu, item);
    }
  if (n == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Captures"), "win.no-recent");
      g_menu_append_item (self->recent_menu, item);
    }

  g_list_free (mine);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ---- drag and drop ------------------------------------------------------------------- */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TvWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  /* The first file here, any others in windows of their own. */
  tv_window_open_file (window_to_open_in (self), files->data);
  for (GSList *l = files->next; l; l = l->next)
    {
      TvWindow *other = tv_window_new (TV_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      tv_window_open_file (other, l->data);
      gtk_window_present (GTK_WINDOW (other));
    }
  g_slist_free (files);
  return TRUE;
}

/* ---- GObject ---------------------------------------------------------------------------- */

static gboolean
close_idle (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   TvWindow         *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      /* not while the dialog, transient for this window, is answering */
      self->close_confirmed = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle, g_object_ref (self), g_object_unref);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      save_as_action (GTK_WIDGET (self), "win.save-as", NULL);
    }
}

/* Closing a live capture that is not saved asks first: its spool goes
 * with the window. */
static gboolean
confirm_close (TvWindow *self)
{
  TvLiveCapture *live = get_live (self);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint64 packets;

  if (self->close_confirmed || !tv_window_get_unsaved (self))
    return FALSE;

  /* `--write FILE`: stopping saves it there */
  if (live != NULL && self->write_path != NULL && tv_live_capture_get_running (live))
    {
      tv_live_capture_stop (live);
      if (!tv_window_get_unsaved (self))
        return FALSE;
    }

  if (live == NULL && self->recovered != NULL)
    {
      g_autofree char *when = format_spool_time (self->recovered->started);

      packets = self->recovered->n_packets;
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The capture on %s from %s holds %'" PRIu64 " packet that was never saved. "
                                           "It is deleted if the window closes without saving.",
                                           "The capture on %s from %s holds %'" PRIu64 " packets that were never saved. "
                                           "They are deleted if the window closes without saving.",
                                           packets),
                              self->recovered->iface, when, (uint64_t) packets);
    }
  else
    {
      packets = live_packets (self);
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The capture on %s holds %'" PRIu64 " packet that is not saved. "
                                           "It is lost if the window closes without saving.",
                                           "The capture on %s holds %'" PRIu64 " packets that are not saved. "
                                           "They are lost if the window closes without saving.",
                                           packets),
                              tv_live_capture_get_interface (live), (uint64_t) packets);
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save the capture?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
tv_window_close_request (GtkWindow *window)
{
  TvWindow *self = TV_WINDOW (window);

  if (confirm_close (self))
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
      recover_set_layout (self, width < RECOVER_NARROW_WIDTH);
      set_narrow (self, width < NARROW_WIDTH);
      return;
    }

  g_object_ref (self->settings);
  saved_width = g_settings_get_user_value (self->settings, "window-width");
  if (saved_width != NULL)
    {
      width = g_settings_get_int (self->settings, "window-width");
      height = g_settings_get_int (self->settings, "window-height");
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  /* the offer's layout for that width from the start: laid out wide
   * first, it would make a narrow window wider than asked */
  recover_set_layout (self, width < RECOVER_NARROW_WIDTH &&
                            !g_settings_get_boolean (self->settings, "window-maximized"));
  set_narrow (self, width < NARROW_WIDTH && !g_settings_get_boolean (self->settings, "window-maximized"));
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

  tv_window_set_capture (self, NULL);
  if (self->orphans_cancellable != NULL)
    g_cancellable_cancel (self->orphans_cancellable);
  g_clear_object (&self->orphans_cancellable);
  g_clear_pointer (&self->orphans, g_ptr_array_unref);
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
  g_clear_object (&self->filter);
  g_clear_pointer (&self->search_terms, g_strfreev);
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apply_view_options (TvWindow *self)
{
  if (self->cview == NULL)
    return;
  tv_connection_view_set_spacing (TV_CONNECTION_VIEW (self->cview),
                                  g_strcmp0 (self->spacing, "time") == 0 ? TV_LADDER_SPACING_TIME
                                                                         : TV_LADDER_SPACING_EVEN);
  tv_connection_view_set_absolute (TV_CONNECTION_VIEW (self->cview), self->absolute);
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
  widget_class->measure = tv_window_measure;
  widget_class->size_allocate = tv_window_size_allocate;

  properties[PROP_SPACING] =
    g_param_spec_string ("spacing", NULL, NULL, "even",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ABSOLUTE] =
    g_param_spec_boolean ("absolute", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SIDEBAR] =
    g_param_spec_boolean ("show-sidebar", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/TcpViz/tv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TvWindow, toast_overlay);
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
  gtk_widget_class_bind_template_child (widget_class, TvWindow, recover_revealer);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, recover_label);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, recover_more_label);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, recover_icon);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, recover_inner);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, recover_buttons);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, live_revealer);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, live_box);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, live_label);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, live_stats_label);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, live_stop_button);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, live_save_button);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, no_tcp_label);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, none_page);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, view_box);
  gtk_widget_class_bind_template_child (widget_class, TvWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, open_example_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.live-capture", NULL, live_capture_action);
  gtk_widget_class_install_action (widget_class, "win.stop-capture", NULL, stop_capture_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL, dismiss_banner_action);
  gtk_widget_class_install_action (widget_class, "win.recover-open", NULL, recover_open_action);
  gtk_widget_class_install_action (widget_class, "win.recover-save", NULL, recover_save_action);
  gtk_widget_class_install_action (widget_class, "win.recover-discard", NULL, recover_discard_action);
  gtk_widget_class_install_action (widget_class, "win.recover-later", NULL, recover_later_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  /* the classroom: tv-classroom.c */
  gtk_widget_class_install_action (widget_class, "win.present", NULL, tv_classroom_window_action);
  gtk_widget_class_install_action (widget_class, "win.quiz", NULL, tv_classroom_window_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_install_property_action (widget_class, "win.spacing", "spacing");
  gtk_widget_class_install_property_action (widget_class, "win.absolute", "absolute");
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "show-sidebar");
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
tv_window_init (TvWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkDropTarget *drop;

  self->spacing = g_strdup ("even");
  self->show_sidebar = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);

  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  /* the bars: not visible while hidden */
  {
    GtkRevealer *bars[] = { self->banner_revealer, self->recover_revealer,
                            self->progress_revealer, self->live_revealer };

    for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
      {
        gtk_widget_set_visible (GTK_WIDGET (bars[i]), gtk_revealer_get_reveal_child (bars[i]));
        g_signal_connect (bars[i], "notify::child-revealed", G_CALLBACK (on_bar_child_revealed), NULL);
      }
  }

  /* a narrow window: one pane at a time */
  self->open_label = g_strdup (gtk_button_get_label (GTK_BUTTON (self->open_button)));
  g_signal_connect (self, "notify::show-sidebar", G_CALLBACK (on_show_sidebar_notify), NULL);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (on_default_width_notify), NULL);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_notify), self);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_activate), self);

  /* The selected connection: the diagram with its playback bar, the
   * explanation and the segment table, on one selection. */
  self->cview = tv_connection_view_new ();
  gtk_widget_set_vexpand (self->cview, TRUE);
  gtk_widget_set_hexpand (self->cview, TRUE);
  {
    /* The view needs about 770 pixels across; a narrower window (a small
     * screen, a tiled window) scrolls it sideways instead of refusing to
     * shrink. */
    GtkWidget *scrolled = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->cview);
    gtk_widget_set_vexpand (scrolled, TRUE);
    gtk_box_append (self->view_box, scrolled);
  }
  self->view = tv_connection_view_get_ladder_view (TV_CONNECTION_VIEW (self->cview));
  apply_view_options (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->recent = gtk_recent_manager_get_default ();
  g_signal_connect_swapped (self->recent, "changed", G_CALLBACK (rebuild_recent_menu), self);
  rebuild_recent_menu (self);

  update_actions (self);
  update_recover (self);
  update_panes (self);
}

TvWindow *
tv_window_new (TvApplication *application)
{
  TvWindow *self = g_object_new (TV_TYPE_WINDOW, "application", application, NULL);

  tv_window_load_settings (self);
  return self;
}
