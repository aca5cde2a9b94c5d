/* tv-connection.c: a GObject over one TvConn of a tracker. */
#define G_LOG_DOMAIN "tv-connection"
#include "config.h"

#include <string.h>

#include "tv-connection.h"

struct _TvConnection
{
  GObject    parent_instance;

  TvTracker *tracker;      /* borrowed; NULL once detached */
  guint      index;
  char      *client;
  char      *server;
  char      *search_text;
  guint      search_n_segs;

  /* last values notified */
  guint      n_segments;
  guint64    bytes;
  gint64     duration;
  guint      badges;
};

G_DEFINE_FINAL_TYPE (TvConnection, tv_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT,
  PROP_SERVER,
  PROP_N_SEGMENTS,
  PROP_BYTES,
  PROP_DURATION,
  PROP_BADGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tv_connection_finalize (GObject *object)
{
  TvConnection *self = TV_CONNECTION (object);

  g_clear_pointer (&self->client, g_free);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (tv_connection_parent_class)->finalize (object);
}

static void
tv_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TvConnection *self = TV_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint (value, self->index);
      break;
    case PROP_CLIENT:
      g_value_set_string (value, self->client);
      break;
    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;
    case PROP_N_SEGMENTS:
      g_value_set_uint (value, self->n_segments);
      break;
    case PROP_BYTES:
      g_value_set_uint64 (value, self->bytes);
      break;
    case PROP_DURATION:
      g_value_set_int64 (value, self->duration);
      break;
    case PROP_BADGES:
      g_value_set_uint (value, self->badges);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_connection_class_init (TvConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tv_connection_finalize;
  object_class->get_property = tv_connection_get_property;

  properties[PROP_ID] = g_param_spec_uint ("id", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CLIENT] = g_param_spec_string ("client", NULL, NULL, NULL, flags);
  properties[PROP_SERVER] = g_param_spec_string ("server", NULL, NULL, NULL, flags);
  properties[PROP_N_SEGMENTS] = g_param_spec_uint ("n-segments", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_BYTES] = g_param_spec_uint64 ("bytes", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_DURATION] = g_param_spec_int64 ("duration", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_BADGES] = g_param_spec_uint ("badges", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tv_connection_init (TvConnection *self)
{
}

static void
read_numbers (TvConnection *self,
              const TvConn *conn)
{
  gint64 duration = tv_conn_duration (conn);

  self->n_segments = conn->n_segs;
  self->bytes = tv_conn_bytes (conn, TV_DIR_CLIENT_TO_SERVER) +
                tv_conn_bytes (conn, TV_DIR_SERVER_TO_CLIENT);
  self->duration = MAX (duration, 0);
  self->badges = conn->badges;
}

TvConnection *
tv_connection_new (TvTracker *tracker,
                   guint      index)
{
  TvConnection *self;
  TvConn *conn;

  g_return_val_if_fail (tracker != NULL, NULL);
  g_return_val_if_fail (index < tv_tracker_get_n_conns (tracker), NULL);

  conn = tv_tracker_get_conn (tracker, index);
  self = g_object_new (TV_TYPE_CONNECTION, NULL);
  self->tracker = tracker;
  self->index = index;
  self->client = tv_endpoint_to_string (&conn->client);
  self->server = tv_endpoint_to_string (&conn->server);
  read_numbers (self, conn);
  return self;
}

TvConn *
tv_connection_get_conn (TvConnection *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION (self), NULL);

  if (self->tracker == NULL)
    return NULL;
  return tv_tracker_get_conn (self->tracker, self->index);
}

TvTracker *
tv_connection_get_tracker (TvConnection *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION (self), NULL);
  return self->tracker;
}

guint
tv_connection_get_id (TvConnection *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION (self), 0);
  return self->index;
}

const char *
tv_connection_get_client (TvConnection *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION (self), NULL);
  return self->client;
}

const char *
tv_connection_get_server (TvConnection *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION (self), NULL);
  return self->server;
}

guint
tv_connection_get_n_segments (TvConnection *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION (self), 0);
  return self->n_segments;
}

guint64
tv_connection_get_bytes (TvConnection *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION (self), 0);
  return self->bytes;
}

gint64
tv_connection_get_duration (TvConnection *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION (self), 0);
  return self->duration;
}

guint
tv_connection_get_badges (TvConnection *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION (self), 0);
  return self->badges;
}

const char *
tv_connection_get_search_text (TvConnection *self)
{
  TvConn *conn;
  GString *s;
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (TV_IS_CONNECTION (self), NULL);

  conn = tv_connection_get_conn (self);
  if (self->search_text != NULL &&
      (conn == NULL || conn->n_segs == self->search_n_segs))
    return self->search_text;

  s = g_string_new (NULL);
  g_string_append_printf (s, "%s %s", self->client, self->server);
  if (conn != NULL)
    {
      const guint badges = conn->badges;

      if (badges & TV_CONN_HTTP)
        g_string_append (s, " http");
      if (badges & TV_CONN_TLS)
        g_string_append (s, " tls");
      if (badges & TV_CONN_RESET)
        g_string_append (s, " reset rst");
      if (badges & TV_CONN_INCOMPLETE_HANDSHAKE)
        g_string_append (s, " incomplete handshake");
      if (badges & TV_CONN_RETRANSMISSIONS)
        g_string_append (s, " retransmissions");

      /* The distinct HTTP and TLS labels, a bounded number of them. */
      seen = g_hash_table_new (NULL, NULL);
      for (guint32 i = 0; i < conn->n_segs && g_hash_table_size (seen) < 64; i++)
        {
          guint32 label = conn->segs[i].label;

          if (label == 0 || g_hash_table_contains (seen, GUINT_TO_POINTER (label)))
            continue;
          g_hash_table_add (seen, GUINT_TO_POINTER (label));
          g_string_append_c (s, ' ');
          g_string_append (s, tv_tracker_get_label (self->tracker, label));
        }
      self->search_n_segs = conn->n_segs;
    }

  g_free (self->search_text);
  self->search_text = g_utf8_strdown (s->str, s->len);
  g_string_free (s, TRUE);
  return self->search_text;
}

void
tv_connection_update (TvConnection *self)
{
  guint old_n_segments, old_badges;
  guint64 old_bytes;
  gint64 old_duration;
  TvConn *conn;

  g_return_if_fail (TV_IS_CONNECTION (self));

  conn = tv_connection_get_conn (self);
  if (conn == NULL)
    return;

  old_n_segments = self->n_segments;
  old_bytes = self->bytes;
  old_duration = self->duration;
  old_badges = self->badges;
  read_numbers (self, conn);

  g_object_freeze_notify (G_OBJECT (self));
  if (old_n_segments != self->n_segments)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SEGMENTS]);
  if (old_bytes != self->bytes)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES]);
  if (old_duration != self->duration)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
  if (old_badges != self->badges)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGES]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
tv_connection_detach (TvConnection *self)
{
  g_return_if_fail (TV_IS_CONNECTION (self));
  self->tracker = NULL;
}
