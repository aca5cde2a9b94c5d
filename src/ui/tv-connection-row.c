/* tv-connection-row.c: TvConnectionRow */
#define G_LOG_DOMAIN "tv-connection-row"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tv-connection-row.h"
#include "tv-format.h"

struct _TvConnectionRow
{
  GtkWidget     parent_instance;

  GtkLabel     *endpoints_label;
  GtkLabel     *details_label;
  GtkBox       *badges_box;

  TvConnection *connection;
  gulong        notify_id;
  guint         shown_badges;
};

G_DEFINE_FINAL_TYPE (TvConnectionRow, tv_connection_row, GTK_TYPE_WIDGET)

static const struct {
  guint       bit;
  const char *label;
  const char *css;
  const char *tooltip;
} badges[] = {
  { TV_CONN_HTTP, N_("HTTP"), "http", N_("Carries HTTP") },
  { TV_CONN_TLS, N_("TLS"), "tls", N_("Carries TLS") },
  { TV_CONN_RESET, N_("Reset"), "reset", N_("Ended with a reset (RST)") },
  { TV_CONN_INCOMPLETE_HANDSHAKE, N_("No handshake"), "incomplete",
    N_("The capture does not show a complete three-way handshake") },
  { TV_CONN_RETRANSMISSIONS, N_("Retrans"), "retrans", N_("Has retransmissions") },
};

static void
update_badges (TvConnectionRow *self,
               guint            bits)
{
  GtkWidget *child;

  if (bits == self->shown_badges && gtk_widget_get_first_child (GTK_WIDGET (self->badges_box)) != NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->badges_box))) != NULL)
    gtk_box_remove (self->badges_box, child);

  for (guint i = 0; i < G_N_ELEMENTS (badges); i++)
    {
      GtkWidget *label;

      if (!(bits & badges[i].bit))
        continue;
      label = gtk_label_new (_(badges[i].label));
      gtk_widget_add_css_class (label, "tv-badge");
      gtk_widget_add_css_class (label, badges[i].css);
      gtk_widget_set_tooltip_text (label, _(badges[i].tooltip));
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_box_append (self->badges_box, label);
    }
  self->shown_badges = bits;
  gtk_widget_set_visible (GTK_WIDGET (self->badges_box), bits != 0);
}

static void
update (TvConnectionRow *self)
{
  g_autofree char *size = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *details = NULL;
  guint n;

  if (self->connection == NULL)
    return;

  n = tv_connection_get_n_segments (self->connection);
  size = g_format_size (tv_connection_get_bytes (self->connection));
  duration = tv_format_duration (tv_connection_get_duration (self->connection));
  /* "12 segments · 1.2 kB · 35.0 ms" */
  details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u segment · %s · %s",
                                          "%u segments · %s · %s", n),
                             n, size, duration);
  gtk_label_set_text (self->details_label, details);
  update_badges (self, tv_connection_get_badges (self->connection));

  /* for a screen reader: the numbers and what the badges mean, in words */
  {
    g_autoptr(GString) description = g_string_new (details);
    guint bits = tv_connection_get_badges (self->connection);

    for (guint i = 0; i < G_N_ELEMENTS (badges); i++)
      if (bits & badges[i].bit)
        g_string_append_printf (description, " · %s", _(badges[i].tooltip));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description->str, -1);
  }
}

static void
on_notify (TvConnection    *connection,
           GParamSpec      *pspec,
           TvConnectionRow *self)
{
  update (self);
}

void
tv_connection_row_set_connection (TvConnectionRow *self,
                                  TvConnection    *connection)
{
  g_return_if_fail (TV_IS_CONNECTION_ROW (self));
  g_return_if_fail (connection == NULL || TV_IS_CONNECTION (connection));

  if (self->connection == connection)
    return;

  if (self->connection != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->connection);
      g_clear_object (&self->connection);
    }
  if (connection == NULL)
    return;

  self->connection = g_object_ref (connection);
  self->notify_id = g_signal_connect (connection, "notify", G_CALLBACK (on_notify), self);

  {
    /* "client → server"; on two lines when that is long (IPv6), breaking
     * before the arrow rather than inside an address */
    const char *client = tv_connection_get_client (connection);
    const char *server = tv_connection_get_server (connection);
    g_autofree char *text = g_strdup_printf (strlen (client) + strlen (server) > 40 ? "%s\n→ %s" : "%s → %s",
                                             client, server);
    gtk_label_set_text (self->endpoints_label, text);
  }
  {
    /* the number is tshark's tcp.stream and tcpviz --connection's */
    g_autofree char *tip = g_strdup_printf (_("Connection %u: client %s, server %s"),
                                            tv_connection_get_id (connection),
                                            tv_connection_get_client (connection),
                                            tv_connection_get_server (connection));
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), tip);
    /* what a screen reader says for the row, rather than the labels one by one */
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  }
  self->shown_badges = G_MAXUINT;
  update (self);
}

static void
tv_connection_row_dispose (GObject *object)
{
  TvConnectionRow *self = TV_CONNECTION_ROW (object);

  GtkWidget *child;

  tv_connection_row_set_connection (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TV_TYPE_CONNECTION_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tv_connection_row_parent_class)->dispose (object);
}

static void
tv_connection_row_class_init (TvConnectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tv_connection_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/TcpViz/tv-connection-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TvConnectionRow, endpoints_label);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionRow, badges_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tvconnectionrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tv_connection_row_init (TvConnectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tv_connection_row_new (void)
{
  return g_object_new (TV_TYPE_CONNECTION_ROW, NULL);
}
