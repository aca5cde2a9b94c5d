/* tv-capture-dialog.c: TvCaptureDialog */
#define G_LOG_DOMAIN "tv-capture-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "tv-application.h"
#include "tv-capture-dialog.h"
#include "tv-live-capture.h"

struct _TvCaptureDialog
{
  AdwWindow             parent_instance;

  /* template */
  AdwPreferencesGroup  *interface_group;
  GtkLabel             *interface_error_label;
  AdwEntryRow          *filter_row;
  GtkLabel             *filter_error_label;
  GtkSpinButton        *snaplen_spin;
  GtkSwitch            *promisc_switch;

  GPtrArray            *interfaces;   /* TvInterface */
  GPtrArray            *checks;       /* GtkCheckButton, one per interface */
  char                 *iface;        /* the chosen one */
  char                 *filter;       /* the filter as typed, stripped */
  char                 *filter_error; /* why it does not compile, or NULL */

  GSettings            *settings;     /* the choices of the last Start; may be NULL */
};

G_DEFINE_FINAL_TYPE (TvCaptureDialog, tv_capture_dialog, ADW_TYPE_WINDOW)

/* What was started last, offered again while the program runs: without
 * the settings schema (running from the build tree), this is all. */
static char *last_iface;
static char *last_filter;

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_start (TvCaptureDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "capture.start",
                                 self->iface != NULL && self->filter_error == NULL);
}

/* The filter is compiled for the chosen interface's link type as it is
 * typed: pcap_compile() on a dead handle takes microseconds. */
static void
check_filter (TvCaptureDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->filter_row)));

  g_strstrip (text);
  g_free (self->filter);
  self->filter = g_steal_pointer (&text);
  g_clear_pointer (&self->filter_error, g_free);

  if (self->iface != NULL &&
      !tv_live_capture_check_filter (self->iface, self->filter, &error))
    self->filter_error = g_strdup (error->message);

  if (self->filter_error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->filter_row), "error");
      gtk_label_set_text (self->filter_error_label, self->filter_error);
      gtk_widget_set_visible (GTK_WIDGET (self->filter_error_label), TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->filter_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->filter_error_label), FALSE);
    }
  update_start (self);
}

static void
on_filter_changed (TvCaptureDialog *self)
{
  check_filter (self);
}

static void
on_filter_activated (TvCaptureDialog *self)
{
  if (tv_capture_dialog_get_can_start (self))
    tv_capture_dialog_start (self);
}

static void
on_check_toggled (GtkCheckButton  *check,
                  TvCaptureDialog *self)
{
  const TvInterface *iface;

  if (!gtk_check_button_get_active (check))
    return;
  iface = g_object_get_data (G_OBJECT (check), "tv-interface");
  g_free (self->iface);
  self->iface = g_strdup (iface->name);
  check_filter (self);
}

/* ---- the list of interfaces ------------------------------------------------ */

static void
add_tag (GtkBox     *box,
         const char *text,
         const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "tv-badge");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (box, label);
}

static GtkWidget *
make_row (TvCaptureDialog   *self,
          const TvInterface *iface,
          GtkCheckButton    *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *tags = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), iface->name);
  if (iface->flags & TV_INTERFACE_ANY)
    g_string_append (subtitle, _("Every interface at once"));
  else if (iface->description != NULL && iface->description[0] != '\0')
    g_string_append (subtitle, iface->description);
  for (guint i = 0; iface->addresses != NULL && iface->addresses[i] != NULL; i++)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, i == 0 ? "\n" : ", ");
      g_string_append (subtitle, iface->addresses[i]);
    }
  if (subtitle->len > 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  g_object_set_data (G_OBJECT (check), "tv-interface", (gpointer) iface);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  if (iface->flags & TV_INTERFACE_LOOPBACK)
    add_tag (GTK_BOX (tags), _("loopback"), "http");
  if (iface->flags & TV_INTERFACE_WIRELESS)
    add_tag (GTK_BOX (tags), _("wireless"), NULL);
  if (iface->flags & TV_INTERFACE_UP)
    add_tag (GTK_BOX (tags), _("up"), "tls");
  else if (!(iface->flags & TV_INTERFACE_ANY))
    add_tag (GTK_BOX (tags), _("down"), "incomplete");
  if (iface->flags & TV_INTERFACE_RUNNING)
    add_tag (GTK_BOX (tags), _("running"), "tls");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tags);

  g_ptr_array_add (self->checks, check);
  return row;
}

/* The first interface that is up, running and neither loopback nor "any";
 * else the first one. */
static guint
default_interface (GPtrArray *interfaces)
{
  for (guint i = 0; i < interfaces->len; i++)
    {
      const TvInterface *iface = g_ptr_array_index (interfaces, i);
      TvInterfaceFlags flags = iface->flags;

      if ((flags & TV_INTERFACE_UP) && (flags & TV_INTERFACE_RUNNING) &&
          !(flags & (TV_INTERFACE_LOOPBACK | TV_INTERFACE_ANY)))
        return i;
    }
  return 0;
}

static void
fill_interfaces (TvCaptureDialog *self)
{
  g_autoptr(GError) error = NULL;
  GtkCheckButton *group = NULL;
  GtkWidget *down_row = NULL;
  guint n_down = 0;

  self->interfaces = tv_live_capture_list_interfaces (&error);
  if (self->interfaces == NULL || self->interfaces->len == 0)
    {
      gtk_label_set_text (self->interface_error_label,
                          error != NULL ? error->message : _("No network interface was found to capture on."));
      gtk_widget_set_visible (GTK_WIDGET (self->interface_error_label), TRUE);
      return;
    }

  /* Interfaces that are down cannot capture: folded away at the end, so
   * that the filter stays in sight. */
  for (guint i = 0; i < self->interfaces->len; i++)
    {
      const TvInterface *iface = g_ptr_array_index (self->interfaces, i);
      GtkWidget *row = make_row (self, iface, group);

      if (group == NULL)
        group = g_ptr_array_index (self->checks, 0);
      if ((iface->flags & (TV_INTERFACE_UP | TV_INTERFACE_ANY)) != 0)
        adw_preferences_group_add (self->interface_group, row);
      else
        {
          if (down_row == NULL)
            {
              down_row = adw_expander_row_new ();
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (down_row), _("Interfaces That Are Down"));
              adw_preferences_group_add (self->interface_group, down_row);
            }
          adw_expander_row_add_row (ADW_EXPANDER_ROW (down_row), row);
          n_down++;
        }
    }
  if (down_row != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u interface", "%u interfaces",
                                                                n_down), n_down);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (down_row), subtitle);
    }
  gtk_check_button_set_active (g_ptr_array_index (self->checks, default_interface (self->interfaces)), TRUE);
}

/* ---- actions ------------------------------------------------------------------ */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TvCaptureDialog *self = TV_CAPTURE_DIALOG (widget);

  if (!tv_capture_dialog_get_can_start (self))
    return;
  g_free (last_iface);
  g_free (last_filter);
  last_iface = g_strdup (self->iface);
  last_filter = g_strdup (self->filter);
  if (self->settings != NULL)
    {
      /* all four at once */
      g_settings_delay (self->settings);
      g_settings_set_string (self->settings, "capture-interface", self->iface);
      g_settings_set_string (self->settings, "capture-filter", self->filter != NULL ? self->filter : "");
      g_settings_set_int (self->settings, "capture-snaplen", tv_capture_dialog_get_snaplen (self));
      g_settings_set_boolean (self->settings, "capture-promiscuous", tv_capture_dialog_get_promiscuous (self));
      g_settings_apply (self->settings);
    }
  g_object_ref (self);
  g_signal_emit (self, signals[START], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
tv_capture_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TvCaptureDialog *self = TV_CAPTURE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_capture_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TvCaptureDialog *self = TV_CAPTURE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The choices of the last Start: from the settings (the application's,
 * unless the dialog was given others), else from this run.  An interface
 * that is gone leaves the default choice. */
static void
tv_capture_dialog_constructed (GObject *object)
{
  TvCaptureDialog *self = TV_CAPTURE_DIALOG (object);
  GApplication *app = g_application_get_default ();
  g_autofree char *iface = NULL;
  g_autofree char *filter = NULL;

  G_OBJECT_CLASS (tv_capture_dialog_parent_class)->constructed (object);

  if (self->settings == NULL && TV_IS_APPLICATION (app))
    g_set_object (&self->settings, tv_application_get_settings (TV_APPLICATION (app)));

  if (self->settings != NULL)
    {
      iface = g_settings_get_string (self->settings, "capture-interface");
      filter = g_settings_get_string (self->settings, "capture-filter");
      gtk_spin_button_set_value (self->snaplen_spin, g_settings_get_int (self->settings, "capture-snaplen"));
      gtk_switch_set_active (self->promisc_switch, g_settings_get_boolean (self->settings, "capture-promiscuous"));
    }
  else
    {
      iface = g_strdup (last_iface);
      filter = g_strdup (last_filter != NULL ? last_filter : TV_LIVE_CAPTURE_DEFAULT_FILTER);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->filter_row), filter);
  if (iface != NULL && iface[0] != '\0')
    tv_capture_dialog_set_interface (self, iface);
  check_filter (self);
}

static void
tv_capture_dialog_dispose (GObject *object)
{
  TvCaptureDialog *self = TV_CAPTURE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), TV_TYPE_CAPTURE_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tv_capture_dialog_parent_class)->dispose (object);
}

static void
tv_capture_dialog_finalize (GObject *object)
{
  TvCaptureDialog *self = TV_CAPTURE_DIALOG (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->interfaces, g_ptr_array_unref);
  g_clear_pointer (&self->iface, g_free);
  g_clear_pointer (&self->filter, g_free);
  g_clear_pointer (&self->filter_error, g_free);

  G_OBJECT_CLASS (tv_capture_dialog_parent_class)->finalize (object);
}

static void
tv_capture_dialog_class_init (TvCaptureDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = tv_capture_dialog_set_property;
  object_class->get_property = tv_capture_dialog_get_property;
  object_class->constructed = tv_capture_dialog_constructed;
  object_class->dispose = tv_capture_dialog_dispose;
  object_class->finalize = tv_capture_dialog_finalize;

  /**
   * TvCaptureDialog:settings:
   *
   * Where the choices of the last Start are kept (the keys capture-*):
   * by default the application's settings, none without the schema.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TvCaptureDialog::start:
   *
   * The person pressed Start: read the choices with the getters.  The
   * dialog closes after the handlers have run.
   */
  signals[START] =
    g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/TcpViz/tv-capture-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TvCaptureDialog, interface_group);
  gtk_widget_class_bind_template_child (widget_class, TvCaptureDialog, interface_error_label);
  gtk_widget_class_bind_template_child (widget_class, TvCaptureDialog, filter_row);
  gtk_widget_class_bind_template_child (widget_class, TvCaptureDialog, filter_error_label);
  gtk_widget_class_bind_template_child (widget_class, TvCaptureDialog, snaplen_spin);
  gtk_widget_class_bind_template_child (widget_class, TvCaptureDialog, promisc_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_activated);

  gtk_widget_class_install_action (widget_class, "capture.start", NULL, start_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tv_capture_dialog_init (TvCaptureDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->checks = g_ptr_array_new ();
  gtk_spin_button_set_value (self->snaplen_spin, TV_LIVE_CAPTURE_DEFAULT_SNAPLEN);
  gtk_editable_set_text (GTK_EDITABLE (self->filter_row), TV_LIVE_CAPTURE_DEFAULT_FILTER);
  fill_interfaces (self);
  /* the last choices: constructed() */
}

/* ---- public -------------------------------------------------------------------- */

TvCaptureDialog *
tv_capture_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (TV_TYPE_CAPTURE_DIALOG,
                       "transient-for", parent,
                       NULL);
}

TvCaptureDialog *
tv_capture_dialog_new_with_settings (GtkWindow *parent,
                                     GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (TV_TYPE_CAPTURE_DIALOG,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}

const char *
tv_capture_dialog_get_interface (TvCaptureDialog *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE_DIALOG (self), NULL);
  return self->iface;
}

const char *
tv_capture_dialog_get_filter (TvCaptureDialog *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE_DIALOG (self), NULL);
  return self->filter != NULL ? self->filter : "";
}

int
tv_capture_dialog_get_snaplen (TvCaptureDialog *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE_DIALOG (self), TV_LIVE_CAPTURE_DEFAULT_SNAPLEN);
  return gtk_spin_button_get_value_as_int (self->snaplen_spin);
}

gboolean
tv_capture_dialog_get_promiscuous (TvCaptureDialog *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE_DIALOG (self), FALSE);
  return gtk_switch_get_active (self->promisc_switch);
}

gboolean
tv_capture_dialog_set_interface (TvCaptureDialog *self,
                                 const char      *name)
{
  g_return_val_if_fail (TV_IS_CAPTURE_DIALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->checks->len; i++)
    {
      const TvInterface *iface = g_ptr_array_index (self->interfaces, i);

      if (g_strcmp0 (iface->name, name) == 0)
        {
          gtk_check_button_set_active (g_ptr_array_index (self->checks, i), TRUE);
          return TRUE;
        }
    }
  return FALSE;
}

void
tv_capture_dialog_set_filter (TvCaptureDialog *self,
                              const char      *filter)
{
  g_return_if_fail (TV_IS_CAPTURE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->filter_row), filter != NULL ? filter : "");
  check_filter (self);
}

char **
tv_capture_dialog_dup_interface_names (TvCaptureDialog *self)
{
  GStrvBuilder *builder;
  char **names;

  g_return_val_if_fail (TV_IS_CAPTURE_DIALOG (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; self->interfaces != NULL && i < self->interfaces->len; i++)
    g_strv_builder_add (builder, ((TvInterface *) g_ptr_array_index (self->interfaces, i))->name);
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

gboolean
tv_capture_dialog_get_can_start (TvCaptureDialog *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE_DIALOG (self), FALSE);
  return self->iface != NULL && self->filter_error == NULL;
}

const char *
tv_capture_dialog_get_filter_error (TvCaptureDialog *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE_DIALOG (self), NULL);
  return self->filter_error;
}

void
tv_capture_dialog_start (TvCaptureDialog *self)
{
  g_return_if_fail (TV_IS_CAPTURE_DIALOG (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "capture.start", NULL);
}
