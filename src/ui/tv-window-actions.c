/* tv-window-actions.c: the win.* actions of TvWindow and the dialogs they
 * open (Open, Open Recent, Open Example, Live Capture…, Export…), zoom,
 * search and the back button of a narrow window. */
#define G_LOG_DOMAIN "tv-window"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tv-window-private.h"
#include "tv-capture-dialog.h"
#include "tv-classroom.h"
#include "tv-export-dialog.h"
#include "tv-ladder-view.h"

#define MAX_RECENT 10

void
_tv_window_update_actions (TvWindow *self)
{
  gboolean have_capture = self->capture != NULL;
  gboolean loading = have_capture && tv_capture_get_loading (self->capture);
  gboolean live = _tv_window_get_live (self) != NULL;
  gboolean capturing = live && loading;
  /* a live capture can be saved while it runs (what it has so far) */
  gboolean can_save = live ? _tv_window_live_packets (self) > 0 || g_list_model_get_n_items (G_LIST_MODEL (self->capture)) > 0
                           : have_capture && !loading && !tv_capture_get_is_stream (self->capture) &&
                             g_list_model_get_n_items (G_LIST_MODEL (self->capture)) > 0;
  gboolean have_view = self->selected != NULL;
  gboolean can_export = self->selected != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", can_export);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-diagram", can_export);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", loading && !live);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-capture", capturing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", have_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", have_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", have_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-reset", have_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.present", have_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.quiz", have_view);
  gtk_widget_set_visible (self->export_button, can_export && !_tv_window_is_narrow (self));
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
        tv_window_open_file (_tv_window_to_open_in (self), file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = tv_capture_chooser_new (GTK_WINDOW (self), _("Open a Capture"),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), self->settings);
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
      _tv_window_show_banner (self, msg, TRUE);
      return;
    }
  tv_window_open_path (_tv_window_to_open_in (self), path);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  tv_window_open_file (_tv_window_to_open_in (self), file);
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
  _tv_window_reveal_bar (TV_WINDOW (widget)->banner_revealer, FALSE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);

  g_object_set (self, "show-sidebar", TRUE, NULL);
  tv_sidebar_set_search_mode (self->sidebar, TRUE);
  tv_sidebar_focus_search (self->sidebar);
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

static void
on_export_done (const char * const *files,
                const GError       *error,
                gpointer            user_data)
{
  g_autoptr(TvWindow) self = user_data;

  if (error != NULL)
    _tv_window_show_banner (self, error->message, TRUE);
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
      _tv_window_show_toast (self, msg, 3);
      tv_capture_chooser_remember (self->settings, file);
    }
}

/* The request for the selected connection; @suggested gets the name to
 * offer.  FALSE when nothing is selected. */
static gboolean
fill_export_request (TvWindow        *self,
                     TvExportRequest *request,
                     char           **suggested)
{
  g_autofree char *base = NULL;

  if (self->selected == NULL || tv_connection_get_conn (self->selected) == NULL)
    return FALSE;

  base = g_path_get_basename (tv_capture_get_path (self->capture));
  if (strrchr (base, '.') != NULL)
    *strrchr (base, '.') = '\0';
  if (g_strcmp0 (base, "-") == 0)
    {
      g_free (base);
      base = g_strdup ("stream");
    }
  *suggested = g_strdup_printf ("%s-connection-%u", base, tv_connection_get_id (self->selected));

  memset (request, 0, sizeof *request);
  request->tracker = tv_connection_get_tracker (self->selected);
  request->conn = tv_connection_get_conn (self->selected);
  request->owner = G_OBJECT (self->capture);
  request->spacing = self->spacing;
  request->absolute = self->absolute;
  request->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  /* the dialog opens in the last export's folder, else the capture's */
  request->capture_path = tv_capture_get_path (self->capture);
  request->suggested_name = *suggested;
  get_visible_range (self, &request->visible_y_start, &request->visible_y_end);
  return TRUE;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  TvExportRequest request;
  g_autofree char *suggested = NULL;

  if (!fill_export_request (self, &request, &suggested))
    return;
  tv_export_dialog_run (GTK_WINDOW (self), &request, on_export_done, g_object_ref (self));
}

/* Copy Diagram (Ctrl+C on the diagram): PNG, SVG and the plain ladder */
static void
copy_diagram_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);
  TvExportRequest request;
  g_autofree char *suggested = NULL;
  g_autoptr(GError) error = NULL;

  if (!fill_export_request (self, &request, &suggested))
    return;
  if (tv_export_copy (gtk_widget_get_clipboard (widget), &request, &error))
    _tv_window_show_toast (self, _("Copied the diagram"), 2);
  else
    _tv_window_show_banner (self, error->message, TRUE);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _tv_window_save_as (TV_WINDOW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvWindow *self = TV_WINDOW (widget);

  if (!_tv_window_is_narrow (self) ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "capture") != 0)
    return;
  self->narrow_content = FALSE;
  if (!self->show_sidebar)
    g_object_set (self, "show-sidebar", TRUE, NULL);
  _tv_window_update_panes (self);
  tv_sidebar_focus_list (self->sidebar);
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

void
_tv_window_rebuild_recent_menu (TvWindow *self)
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

void
_tv_window_class_actions_init (TvWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, open_example_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.live-capture", NULL, live_capture_action);
  gtk_widget_class_install_action (widget_class, "win.stop-capture", NULL, stop_capture_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-diagram", NULL, copy_diagram_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL, dismiss_banner_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  /* the classroom: tv-classroom.c */
  gtk_widget_class_install_action (widget_class, "win.present", NULL, tv_classroom_window_action);
  gtk_widget_class_install_action (widget_class, "win.quiz", NULL, tv_classroom_window_action);
  gtk_widget_class_install_action (widget_class, "win.lessons", NULL, tv_classroom_window_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_install_property_action (widget_class, "win.spacing", "spacing");
  gtk_widget_class_install_property_action (widget_class, "win.absolute", "absolute");
  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "show-sidebar");
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "win.back", NULL);
}

void
_tv_window_actions_init (TvWindow *self)
{
  self->recent = gtk_recent_manager_get_default ();
  g_signal_connect_swapped (self->recent, "changed", G_CALLBACK (_tv_window_rebuild_recent_menu), self);
  _tv_window_rebuild_recent_menu (self);
  _tv_window_update_actions (self);

  /* Ctrl+C on the diagram copies it (elsewhere Ctrl+C copies text) */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("win.copy-diagram")));
    gtk_widget_add_controller (self->view, shortcuts);
  }
}
