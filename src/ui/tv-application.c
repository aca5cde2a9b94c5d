/* tv-application.c: TvApplication */
#define G_LOG_DOMAIN "tv-application"
#include "config.h"

#include <glib/gi18n.h>

#include "tv-application.h"
#include "tv-classroom.h"
#include "tv-window.h"
#include "tv-ui-resources.h"

struct _TvApplication
{
  AdwApplication parent_instance;

  GSettings     *settings;
  gboolean       settings_looked_up;

  /* `tcpviz --capture IFACE …`: captured in the first window */
  char          *capture_iface;
  char          *capture_filter;
  guint          capture_duration;
  char          *capture_write;

  gboolean       spools_checked;  /* captures left behind by a killed TcpViz */

  /* `tcpviz --present/--quiz FILE`, `--lesson NAME`: the first file opens so */
  int            classroom_mode;  /* TvClassroomMode */
  int            classroom_connection;
  char          *classroom_intro;
};

G_DEFINE_FINAL_TYPE (TvApplication, tv_application, ADW_TYPE_APPLICATION)

TvApplication *
tv_application_new (void)
{
  return g_object_new (TV_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/com/example/TcpViz",
                       NULL);
}

GSettings *
tv_application_get_settings (TvApplication *self)
{
  g_return_val_if_fail (TV_IS_APPLICATION (self), NULL);

  if (!self->settings_looked_up)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      self->settings_looked_up = TRUE;
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
      if (schema != NULL)
        self->settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_debug ("The settings schema %s is not installed: using defaults", APPLICATION_ID);
    }
  return self->settings;
}

/* Once, in the first window: the live captures that a TcpViz killed
 * before they were saved left behind in the cache. */
static void
check_spools_once (TvApplication *self,
                   GtkWindow     *window)
{
  if (self->spools_checked || !TV_IS_WINDOW (window))
    return;
  self->spools_checked = TRUE;
  tv_window_check_spools (TV_WINDOW (window), NULL);
}

/* An empty window to open a file in, or a new one. */
static TvWindow *
get_window_for_file (TvApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (TV_IS_WINDOW (l->data) && tv_window_is_empty (l->data))
      return l->data;
  return tv_window_new (self);
}

void
tv_application_set_capture_request (TvApplication *self,
                                    const char    *iface,
                                    const char    *filter,
                                    guint          duration,
                                    const char    *write_path)
{
  g_return_if_fail (TV_IS_APPLICATION (self));
  g_return_if_fail (iface != NULL);

  g_free (self->capture_iface);
  g_free (self->capture_filter);
  g_free (self->capture_write);
  self->capture_iface = g_strdup (iface);
  self->capture_filter = g_strdup (filter);
  self->capture_duration = duration;
  self->capture_write = g_strdup (write_path);
  /* the capture belongs to this process (its spool, its --write): never
   * hand it to an instance that is already running */
  g_application_set_flags (G_APPLICATION (self),
                           g_application_get_flags (G_APPLICATION (self)) | G_APPLICATION_NON_UNIQUE);
}

void
tv_application_set_classroom_request (TvApplication *self,
                                      int            mode,
                                      int            connection,
                                      const char    *intro)
{
  g_return_if_fail (TV_IS_APPLICATION (self));

  self->classroom_mode = mode;
  self->classroom_connection = connection;
  g_free (self->classroom_intro);
  self->classroom_intro = g_strdup (intro);
  /* the window it opens belongs to this command line */
  g_application_set_flags (G_APPLICATION (self),
                           g_application_get_flags (G_APPLICATION (self)) | G_APPLICATION_NON_UNIQUE);
}

static void
tv_application_activate (GApplication *app)
{
  TvApplication *self = TV_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (self->capture_iface != NULL)
    {
      g_autofree char *iface = g_steal_pointer (&self->capture_iface);
      g_autofree char *filter = g_steal_pointer (&self->capture_filter);
      g_autofree char *write = g_steal_pointer (&self->capture_write);
      TvWindow *capture_window = get_window_for_file (self);

      /* a failure shows in the window's banner */
      tv_window_start_capture (capture_window, iface, filter, 0, FALSE,
                               self->capture_duration, write, NULL);
      gtk_window_present (GTK_WINDOW (capture_window));
      check_spools_once (self, GTK_WINDOW (capture_window));
      return;
    }

  if (window == NULL)
    window = GTK_WINDOW (tv_window_new (TV_APPLICATION (app)));
  gtk_window_present (window);
  check_spools_once (self, window);
}

/* `tcpviz -` arrives as a GFile named "-" in the current folder. */
static gboolean
is_stdin_file (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_strcmp0 (base, "-") == 0 && !g_file_query_exists (file, NULL);
}

static void
tv_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  TvApplication *self = TV_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      TvWindow *window = get_window_for_file (self);

      if (is_stdin_file (files[i]))
        tv_window_open_path (window, "-");
      else
        tv_window_open_file (window, files[i]);
      if (i == 0 && self->classroom_mode != TV_CLASSROOM_NONE)
        {
          tv_classroom_open_when_loaded (GTK_WINDOW (window), self->classroom_mode,
                                         self->classroom_connection, self->classroom_intro);
          self->classroom_mode = TV_CLASSROOM_NONE;
        }
      gtk_window_present (GTK_WINDOW (window));
      check_spools_once (self, GTK_WINDOW (window));
    }
}

static gboolean
tv_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  char **argv = *arguments;

  /* Standard input belongs to this process: do not hand it to another
   * instance that may already be running. */
  for (int i = 1; argv[i] != NULL; i++)
    if (g_strcmp0 (argv[i], "-") == 0)
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (tv_application_parent_class)->local_command_line (app, arguments, exit_status);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The TcpViz developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("TcpViz"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The TcpViz developers"),
                        "developers", developers,
                        "comments", _("See what happens on the wire when a program opens a TCP connection: "
                                      "the handshake, the data and its acknowledgements, and the close, "
                                      "drawn as a ladder diagram from a capture."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The TcpViz developers",
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));
  gboolean asked = FALSE;

  /* Close the windows so that each saves its size.  A window with a live
   * capture not saved yet asks first and stays open: then the application
   * quits when the person has closed the last window. */
  for (GList *l = windows; l; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l; l = l->next)
    {
      gtk_window_close (l->data);
      if (TV_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data) &&
          tv_window_get_unsaved (l->data))
        asked = TRUE;
    }
  g_list_free_full (windows, g_object_unref);
  if (!asked)
    g_application_quit (G_APPLICATION (user_data));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (tv_window_new (TV_APPLICATION (user_data))));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
  { .name = "new-window", .activate = new_window_action },
};

static void
tv_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.new-window", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.live-capture", { "<Control>k", NULL } },
    { "win.save-as", { "<Control>s", "<Control><Shift>s", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.show-sidebar", { "F9", NULL } },
    { "win.show-flow", { "F8", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-reset", { "<Control>0", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (tv_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
tv_application_dispose (GObject *object)
{
  TvApplication *self = TV_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->capture_iface, g_free);
  g_clear_pointer (&self->capture_filter, g_free);
  g_clear_pointer (&self->capture_write, g_free);
  g_clear_pointer (&self->classroom_intro, g_free);

  G_OBJECT_CLASS (tv_application_parent_class)->dispose (object);
}

static void
tv_application_class_init (TvApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tv_application_dispose;
  app_class->activate = tv_application_activate;
  app_class->open = tv_application_open;
  app_class->startup = tv_application_startup;
  app_class->local_command_line = tv_application_local_command_line;

  /* The resources live in a static library: refer to them so that the
   * linker keeps them (their constructor registers them). */
  (void) tv_ui_get_resource ();
}

static void
tv_application_init (TvApplication *self)
{
  g_set_application_name (_("TcpViz"));
}
