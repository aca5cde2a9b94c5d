/* tv-capture.c: a GListModel of TvConnection over a tracker fed by a
 * TvLoader. */
#define G_LOG_DOMAIN "tv-capture"
#include "config.h"

#include <glib/gi18n.h>

#include "tv-capture.h"
#include "tv-loader.h"

struct _TvCapture
{
  GObject    parent_instance;

  char      *path;
  TvTracker *tracker;
  TvLoader  *loader;
  TvLiveCapture *live;   /* a live capture instead of a loader */
  GPtrArray *items;      /* TvConnection or NULL, one per item announced */
  guint      n_items;    /* connections announced with items-changed */
  gboolean   loaded;
};

static void tv_capture_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TvCapture, tv_capture, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tv_capture_list_model_init))

enum {
  PROP_0,
  PROP_PATH,
  PROP_LOADING,
  PROP_FRACTION,
  PROP_FRAMES,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- GListModel ------------------------------------------------------------ */

static GType
tv_capture_get_item_type (GListModel *model)
{
  return TV_TYPE_CONNECTION;
}

static guint
tv_capture_get_n_items (GListModel *model)
{
  return TV_CAPTURE (model)->n_items;
}

static gpointer
tv_capture_get_item (GListModel *model,
                     guint       position)
{
  TvCapture *self = TV_CAPTURE (model);
  TvConnection *item;

  if (position >= self->n_items)
    return NULL;

  item = g_ptr_array_index (self->items, position);
  if (item == NULL)
    {
      item = tv_connection_new (self->tracker, position);
      g_ptr_array_index (self->items, position) = item;
    }
  return g_object_ref (item);
}

static void
tv_capture_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tv_capture_get_item_type;
  iface->get_n_items = tv_capture_get_n_items;
  iface->get_item = tv_capture_get_item;
}

/* ---- loader ------------------------------------------------------------------ */

static void
tv_capture_sync (TvCapture *self,
                 gboolean   all)
{
  guint n_conns = tv_tracker_get_n_conns (self->tracker);
  guint old = self->n_items;

  /* Connections already shown may have grown: those the last batch
   * touched, or all of them. */
  if (all)
    {
      for (guint i = 0; i < old; i++)
        {
          TvConnection *item = g_ptr_array_index (self->items, i);
          if (item != NULL)
            tv_connection_update (item);
        }
    }
  else if (self->live != NULL)
    {
      /* a live capture does not say which connections a drain touched:
       * look for the items whose connection grew, cheaply (a busy
       * interface drains a hundred times a second) */
      for (guint i = 0; i < old; i++)
        {
          TvConnection *item = g_ptr_array_index (self->items, i);
          TvConn *conn;

          if (item == NULL)
            continue;
          conn = tv_tracker_get_conn (self->tracker, i);
          if (conn->n_segs != tv_connection_get_n_segments (item) ||
              conn->badges != tv_connection_get_badges (item))
            tv_connection_update (item);
        }
    }
  else if (self->loader != NULL)
    {
      guint n_touched;
      const guint32 *touched = tv_loader_get_touched (self->loader, &n_touched);

      for (guint i = 0; i < n_touched; i++)
        {
          TvConnection *item;

          if (touched[i] >= old)
            continue;
          item = g_ptr_array_index (self->items, touched[i]);
          if (item != NULL)
            tv_connection_update (item);
        }
    }

  if (n_conns > old)
    {
      g_ptr_array_set_size (self->items, n_conns);
      self->n_items = n_conns;
      g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_conns - old);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static void
on_frames_added (TvLoader  *loader,
                 guint      n_frames,
                 TvCapture *self)
{
  tv_capture_sync (self, FALSE);
}

static void
on_loader_notify (TvLoader   *loader,
                  GParamSpec *pspec,
                  TvCapture  *self)
{
  if (g_strcmp0 (pspec->name, "running") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  else if (g_strcmp0 (pspec->name, "fraction") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  else if (g_strcmp0 (pspec->name, "frames") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMES]);
}

static void
on_finished (TvLoader  *loader,
             TvCapture *self)
{
  tv_capture_sync (self, TRUE);
  self->loaded = TRUE;
  g_signal_emit (self, signals[LOADED], 0);
}

/* ---- live capture -------------------------------------------------------------- */

static void
on_live_frames_added (TvLiveCapture *live,
                      guint          n_frames,
                      TvCapture     *self)
{
  tv_capture_sync (self, FALSE);
}

static void
on_live_stats_changed (TvLiveCapture *live,
                       TvCapture     *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMES]);
}

static void
on_live_notify_running (TvLiveCapture *live,
                        GParamSpec    *pspec,
                        TvCapture     *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_live_finished (TvLiveCapture *live,
                  TvCapture     *self)
{
  tv_capture_sync (self, TRUE);
  self->loaded = TRUE;
  g_signal_emit (self, signals[LOADED], 0);
}

/* ---- GObject ----------------------------------------------------------------- */

static void
tv_capture_dispose (GObject *object)
{
  TvCapture *self = TV_CAPTURE (object);

  if (self->loader != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->loader, self);
      tv_loader_detach (self->loader);
      g_clear_object (&self->loader);
    }
  if (self->live != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->live, self);
      tv_live_capture_detach (self->live);
      g_clear_object (&self->live);
    }
  if (self->items != NULL)
    {
      for (guint i = 0; i < self->items->len; i++)
        {
          TvConnection *item = g_ptr_array_index (self->items, i);
          if (item != NULL)
            tv_connection_detach (item);
        }
      g_clear_pointer (&self->items, g_ptr_array_unref);
    }
  self->n_items = 0;

  G_OBJECT_CLASS (tv_capture_parent_class)->dispose (object);
}

static void
tv_capture_finalize (GObject *object)
{
  TvCapture *self = TV_CAPTURE (object);

  g_clear_pointer (&self->tracker, tv_tracker_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (tv_capture_parent_class)->finalize (object);
}

static void
tv_capture_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TvCapture *self = TV_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, tv_capture_get_loading (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, tv_capture_get_fraction (self));
      break;
    case PROP_FRAMES:
      g_value_set_uint64 (value, tv_capture_get_frames (self));
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_capture_class_init (TvCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tv_capture_dispose;
  object_class->finalize = tv_capture_finalize;
  object_class->get_property = tv_capture_get_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, -1.0, 1.0, 0.0, flags);
  properties[PROP_FRAMES] = g_param_spec_uint64 ("frames", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
clear_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
tv_capture_init (TvCapture *self)
{
  self->tracker = tv_tracker_new ();
  self->items = g_ptr_array_new_with_free_func (clear_item);
}

/* ---- public -------------------------------------------------------------------- */

TvCapture *
tv_capture_new (const char *path)
{
  TvCapture *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (TV_TYPE_CAPTURE, NULL);
  self->path = g_strdup (path);
  return self;
}

TvCapture *
tv_capture_new_live (const char *iface)
{
  TvCapture *self;

  g_return_val_if_fail (iface != NULL, NULL);

  self = g_object_new (TV_TYPE_CAPTURE, NULL);
  self->path = g_strdup (iface);
  self->live = tv_live_capture_new (iface, self->tracker);
  return self;
}

gboolean
tv_capture_start_live (TvCapture  *self,
                       GError    **error)
{
  g_return_val_if_fail (TV_IS_CAPTURE (self), FALSE);
  g_return_val_if_fail (self->live != NULL, FALSE);

  g_signal_connect_object (self->live, "frames-added", G_CALLBACK (on_live_frames_added), self, 0);
  g_signal_connect_object (self->live, "stats-changed", G_CALLBACK (on_live_stats_changed), self, 0);
  g_signal_connect_object (self->live, "notify::running", G_CALLBACK (on_live_notify_running), self, 0);
  g_signal_connect_object (self->live, "finished", G_CALLBACK (on_live_finished), self, 0);
  if (!tv_live_capture_start (self->live, error))
    {
      g_signal_handlers_disconnect_by_data (self->live, self);
      return FALSE;
    }
  g_free (self->path);
  self->path = g_strdup (tv_live_capture_get_spool_path (self->live));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  return TRUE;
}

TvLiveCapture *
tv_capture_get_live (TvCapture *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE (self), NULL);
  return self->live;
}

void
tv_capture_load (TvCapture *self)
{
  g_return_if_fail (TV_IS_CAPTURE (self));
  g_return_if_fail (self->loader == NULL);
  g_return_if_fail (self->live == NULL);

  self->loader = tv_loader_new (self->path, self->tracker);
  g_signal_connect_object (self->loader, "frames-added", G_CALLBACK (on_frames_added), self, 0);
  g_signal_connect_object (self->loader, "notify", G_CALLBACK (on_loader_notify), self, 0);
  g_signal_connect_object (self->loader, "finished", G_CALLBACK (on_finished), self, 0);
  tv_loader_start (self->loader);
}

void
tv_capture_cancel (TvCapture *self)
{
  g_return_if_fail (TV_IS_CAPTURE (self));

  if (self->loader != NULL)
    tv_loader_cancel (self->loader);
  else if (self->live != NULL)
    tv_live_capture_stop (self->live);
}

const char *
tv_capture_get_path (TvCapture *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE (self), NULL);
  return self->path;
}

char *
tv_capture_dup_display_name (TvCapture *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (TV_IS_CAPTURE (self), NULL);

  if (self->live != NULL)
    return g_strdup_printf (_("Capture on %s"), tv_live_capture_get_interface (self->live));
  if (g_strcmp0 (self->path, "-") == 0)
    return g_strdup (_("Standard input"));
  base = g_path_get_basename (self->path);
  return g_filename_display_name (base);
}

TvTracker *
tv_capture_get_tracker (TvCapture *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE (self), NULL);
  return self->tracker;
}

gboolean
tv_capture_get_loading (TvCapture *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE (self), FALSE);
  if (self->live != NULL)
    return tv_live_capture_get_running (self->live);
  return self->loader != NULL && tv_loader_get_running (self->loader);
}

gboolean
tv_capture_get_loaded (TvCapture *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE (self), FALSE);
  return self->loaded;
}

double
tv_capture_get_fraction (TvCapture *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE (self), -1.0);
  if (self->live != NULL)
    return -1.0;
  return self->loader != NULL ? tv_loader_get_fraction (self->loader) : 0.0;
}

guint64
tv_capture_get_frames (TvCapture *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE (self), 0);
  if (self->live != NULL)
    {
      TvLiveCaptureStats stats;

      tv_live_capture_get_stats (self->live, &stats);
      return stats.packets;
    }
  return self->loader != NULL ? tv_loader_get_frames (self->loader) : 0;
}

int
tv_capture_get_linktype (TvCapture *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE (self), -1);
  if (self->live != NULL)
    return tv_live_capture_get_linktype (self->live);
  return self->loader != NULL ? tv_loader_get_linktype (self->loader) : -1;
}

gboolean
tv_capture_get_is_stream (TvCapture *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE (self), FALSE);
  if (g_strcmp0 (self->path, "-") == 0)
    return TRUE;
  return self->loader != NULL && tv_loader_get_is_stream (self->loader);
}

const GError *
tv_capture_get_error (TvCapture *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE (self), NULL);
  if (self->live != NULL)
    return tv_live_capture_get_error (self->live);
  return self->loader != NULL ? tv_loader_get_error (self->loader) : NULL;
}

const GError *
tv_capture_get_warning (TvCapture *self)
{
  g_return_val_if_fail (TV_IS_CAPTURE (self), NULL);
  return self->loader != NULL ? tv_loader_get_warning (self->loader) : NULL;
}

TvConnection *
tv_capture_get_connection (TvCapture *self,
                           guint      id)
{
  TvConnection *item;

  g_return_val_if_fail (TV_IS_CAPTURE (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self), id);
  if (item != NULL)
    g_object_unref (item);   /* the cache keeps it alive */
  return item;
}
