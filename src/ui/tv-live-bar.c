/* tv-live-bar.c: TvLiveBar */
#define G_LOG_DOMAIN "tv-live-bar"
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "tv-live-bar.h"

struct _TvLiveBar
{
  GtkWidget    parent_instance;

  /* template */
  GtkRevealer *live_revealer;
  GtkWidget   *live_box;
  GtkLabel    *live_label;
  GtkLabel    *live_stats_label;
  GtkWidget   *live_stop_button;
  GtkWidget   *live_save_button;

  TvCapture   *capture;
  gboolean     unsaved;
  guint        refresh_id;
};

G_DEFINE_FINAL_TYPE (TvLiveBar, tv_live_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAPTURE,
  PROP_UNSAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TvLiveCapture *
get_live (TvLiveBar *self)
{
  return self->capture != NULL ? tv_capture_get_live (self->capture) : NULL;
}

static char *
format_elapsed (gint64 us)
{
  gint64 s = MAX (us, 0) / G_USEC_PER_SEC;

  if (s >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int) (s / 60 % 60), (int) (s % 60));
  return g_strdup_printf ("%d:%02d", (int) (s / 60), (int) (s % 60));
}

/* Hidden, the bar is not visible at all: a GtkRevealer asks for its
 * child's width even while it hides it, and a bar not shown must not make
 * the window wider than a narrow window can be. */
static void
reveal (TvLiveBar *self,
        gboolean   show)
{
  if (show)
    gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->live_revealer, show);
}

static void
on_child_revealed (TvLiveBar *self)
{
  if (!gtk_revealer_get_reveal_child (self->live_revealer) &&
      !gtk_revealer_get_child_revealed (self->live_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
tv_live_bar_update (TvLiveBar *self)
{
  TvLiveCapture *live;
  TvLiveCaptureStats stats;
  g_autofree char *label = NULL;
  g_autofree char *packets = NULL;
  g_autofree char *kernel = NULL;
  g_autofree char *iface_dropped = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *text = NULL;
  gboolean running;

  g_return_if_fail (TV_IS_LIVE_BAR (self));

  live = get_live (self);
  reveal (self, live != NULL);
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
  gtk_widget_set_visible (self->live_save_button, !running && self->unsaved);
  if (running)
    gtk_widget_remove_css_class (self->live_box, "tv-stopped");
  else
    gtk_widget_add_css_class (self->live_box, "tv-stopped");
}

static gboolean
refresh_cb (gpointer user_data)
{
  TvLiveBar *self = user_data;

  self->refresh_id = 0;
  tv_live_bar_update (self);
  return G_SOURCE_REMOVE;
}

/* A live capture tells of every drain: its numbers are shown ten times a
 * second; a start or a stop at once. */
static void
on_capture_notify (TvCapture  *capture,
                   GParamSpec *pspec,
                   TvLiveBar  *self)
{
  if (g_strcmp0 (pspec->name, "loading") == 0)
    tv_live_bar_update (self);
  else if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (100, refresh_cb, self);
}

void
tv_live_bar_set_capture (TvLiveBar *self,
                         TvCapture *capture)
{
  g_return_if_fail (TV_IS_LIVE_BAR (self));
  g_return_if_fail (capture == NULL || TV_IS_CAPTURE (capture));

  if (self->capture == capture)
    return;
  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_data (self->capture, self);
  g_set_object (&self->capture, capture);
  if (capture != NULL && tv_capture_get_live (capture) != NULL)
    g_signal_connect (capture, "notify", G_CALLBACK (on_capture_notify), self);
  tv_live_bar_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTURE]);
}

void
tv_live_bar_set_unsaved (TvLiveBar *self,
                         gboolean   unsaved)
{
  g_return_if_fail (TV_IS_LIVE_BAR (self));

  unsaved = !!unsaved;
  if (self->unsaved == unsaved)
    return;
  self->unsaved = unsaved;
  tv_live_bar_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSAVED]);
}

static void
tv_live_bar_dispose (GObject *object)
{
  TvLiveBar *self = TV_LIVE_BAR (object);

  if (self->capture != NULL)
    g_signal_handlers_disconnect_by_data (self->capture, self);
  g_clear_object (&self->capture);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TV_TYPE_LIVE_BAR);
  G_OBJECT_CLASS (tv_live_bar_parent_class)->dispose (object);
}

static void
tv_live_bar_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TvLiveBar *self = TV_LIVE_BAR (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;
    case PROP_UNSAVED:
      g_value_set_boolean (value, self->unsaved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_live_bar_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TvLiveBar *self = TV_LIVE_BAR (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      tv_live_bar_set_capture (self, g_value_get_object (value));
      break;
    case PROP_UNSAVED:
      tv_live_bar_set_unsaved (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_live_bar_class_init (TvLiveBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tv_live_bar_dispose;
  object_class->get_property = tv_live_bar_get_property;
  object_class->set_property = tv_live_bar_set_property;

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL, TV_TYPE_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNSAVED] =
    g_param_spec_boolean ("unsaved", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/TcpViz/tv-live-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TvLiveBar, live_revealer);
  gtk_widget_class_bind_template_child (widget_class, TvLiveBar, live_box);
  gtk_widget_class_bind_template_child (widget_class, TvLiveBar, live_label);
  gtk_widget_class_bind_template_child (widget_class, TvLiveBar, live_stats_label);
  gtk_widget_class_bind_template_child (widget_class, TvLiveBar, live_stop_button);
  gtk_widget_class_bind_template_child (widget_class, TvLiveBar, live_save_button);
}

static void
tv_live_bar_init (TvLiveBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_connect_swapped (self->live_revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed), self);
}
