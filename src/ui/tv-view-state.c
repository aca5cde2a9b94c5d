/* tv-view-state.c: TvViewState */
#define G_LOG_DOMAIN "tv-view-state"
#include "config.h"

#include "tv-view-state.h"

struct _TvViewState
{
  GObject          parent_instance;

  TvConnection    *connection;
  gulong           grew_id;
  int              selected;
  gboolean         absolute;
  TvLadderSpacing  spacing;
  int              visible_rows;
  int              progress_row;
  double           progress;
  int              shown_rows;
  gboolean         playing;
};

G_DEFINE_FINAL_TYPE (TvViewState, tv_view_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_SELECTED_SEGMENT,
  PROP_ABSOLUTE,
  PROP_SPACING,
  PROP_VISIBLE_ROWS,
  PROP_PROGRESS_ROW,
  PROP_PROGRESS,
  PROP_SHOWN_ROWS,
  PROP_PLAYING,
  N_PROPS
};

enum {
  SIGNAL_SEGMENTS_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GType
tv_ladder_spacing_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { TV_LADDER_SPACING_EVEN, "TV_LADDER_SPACING_EVEN", "even" },
        { TV_LADDER_SPACING_TIME, "TV_LADDER_SPACING_TIME", "time" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("TvLadderSpacing"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

TvViewState *
tv_view_state_new (void)
{
  return g_object_new (TV_TYPE_VIEW_STATE, NULL);
}

static void
set_int (TvViewState *self,
         int         *field,
         int          value,
         guint        prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
on_connection_grew (TvViewState *self)
{
  g_signal_emit (self, signals[SIGNAL_SEGMENTS_ADDED], 0);
}

void
tv_view_state_set_connection (TvViewState  *self,
                              TvConnection *connection)
{
  g_return_if_fail (TV_IS_VIEW_STATE (self));
  g_return_if_fail (connection == NULL || TV_IS_CONNECTION (connection));

  if (self->connection == connection)
    return;

  /* a new connection: nothing selected, nothing played (said while the
   * old one is still shown, so that no view applies the old selection to
   * the new connection) */
  set_int (self, &self->selected, -1, PROP_SELECTED_SEGMENT);
  tv_view_state_set_playback (self, -1, -1, 1);
  tv_view_state_set_shown_rows (self, -1);
  tv_view_state_set_playing (self, FALSE);
  if (self->connection != NULL)
    g_clear_signal_handler (&self->grew_id, self->connection);
  g_set_object (&self->connection, connection);
  if (connection != NULL)
    self->grew_id = g_signal_connect_swapped (connection, "notify::n-segments",
                                              G_CALLBACK (on_connection_grew), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

TvConnection *
tv_view_state_get_connection (TvViewState *self)
{
  g_return_val_if_fail (TV_IS_VIEW_STATE (self), NULL);
  return self->connection;
}

void
tv_view_state_show_conn (TvViewState *self,
                         TvTracker   *tracker,
                         TvConn      *conn)
{
  g_autoptr(TvConnection) connection = NULL;

  g_return_if_fail (TV_IS_VIEW_STATE (self));
  g_return_if_fail ((tracker == NULL) == (conn == NULL));

  if (conn != NULL && tv_view_state_get_conn (self) == conn && tv_view_state_get_tracker (self) == tracker)
    return;
  if (conn != NULL)
    for (guint i = 0; i < tv_tracker_get_n_conns (tracker); i++)
      if (tv_tracker_get_conn (tracker, i) == conn)
        {
          connection = tv_connection_new (tracker, i);
          break;
        }
  tv_view_state_set_connection (self, connection);
}

TvTracker *
tv_view_state_get_tracker (TvViewState *self)
{
  g_return_val_if_fail (TV_IS_VIEW_STATE (self), NULL);
  return self->connection != NULL ? tv_connection_get_tracker (self->connection) : NULL;
}

TvConn *
tv_view_state_get_conn (TvViewState *self)
{
  g_return_val_if_fail (TV_IS_VIEW_STATE (self), NULL);
  return self->connection != NULL ? tv_connection_get_conn (self->connection) : NULL;
}

void
tv_view_state_segments_added (TvViewState *self)
{
  g_return_if_fail (TV_IS_VIEW_STATE (self));
  g_signal_emit (self, signals[SIGNAL_SEGMENTS_ADDED], 0);
}

void
tv_view_state_set_selected_segment (TvViewState *self,
                                    int          index)
{
  g_return_if_fail (TV_IS_VIEW_STATE (self));
  set_int (self, &self->selected, MAX (index, -1), PROP_SELECTED_SEGMENT);
}

int
tv_view_state_get_selected_segment (TvViewState *self)
{
  g_return_val_if_fail (TV_IS_VIEW_STATE (self), -1);
  return self->selected;
}

void
tv_view_state_set_absolute (TvViewState *self,
                            gboolean     absolute)
{
  g_return_if_fail (TV_IS_VIEW_STATE (self));
  set_int (self, &self->absolute, !!absolute, PROP_ABSOLUTE);
}

gboolean
tv_view_state_get_absolute (TvViewState *self)
{
  g_return_val_if_fail (TV_IS_VIEW_STATE (self), FALSE);
  return self->absolute;
}

void
tv_view_state_set_spacing (TvViewState     *self,
                           TvLadderSpacing  spacing)
{
  g_return_if_fail (TV_IS_VIEW_STATE (self));

  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}

TvLadderSpacing
tv_view_state_get_spacing (TvViewState *self)
{
  g_return_val_if_fail (TV_IS_VIEW_STATE (self), TV_LADDER_SPACING_EVEN);
  return self->spacing;
}

void
tv_view_state_set_playback (TvViewState *self,
                            int          visible_rows,
                            int          progress_row,
                            double       progress)
{
  g_return_if_fail (TV_IS_VIEW_STATE (self));

  progress = CLAMP (progress, 0.0, 1.0);
  g_object_freeze_notify (G_OBJECT (self));
  set_int (self, &self->visible_rows, MAX (visible_rows, -1), PROP_VISIBLE_ROWS);
  set_int (self, &self->progress_row, MAX (progress_row, -1), PROP_PROGRESS_ROW);
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
tv_view_state_get_playback (TvViewState *self,
                            int         *visible_rows,
                            int         *progress_row,
                            double      *progress)
{
  g_return_if_fail (TV_IS_VIEW_STATE (self));

  if (visible_rows != NULL)
    *visible_rows = self->visible_rows;
  if (progress_row != NULL)
    *progress_row = self->progress_row;
  if (progress != NULL)
    *progress = self->progress;
}

void
tv_view_state_set_shown_rows (TvViewState *self,
                              int          shown_rows)
{
  g_return_if_fail (TV_IS_VIEW_STATE (self));
  set_int (self, &self->shown_rows, MAX (shown_rows, -1), PROP_SHOWN_ROWS);
}

int
tv_view_state_get_shown_rows (TvViewState *self)
{
  g_return_val_if_fail (TV_IS_VIEW_STATE (self), -1);
  return self->shown_rows;
}

void
tv_view_state_set_playing (TvViewState *self,
                           gboolean     playing)
{
  g_return_if_fail (TV_IS_VIEW_STATE (self));
  set_int (self, &self->playing, !!playing, PROP_PLAYING);
}

gboolean
tv_view_state_get_playing (TvViewState *self)
{
  g_return_val_if_fail (TV_IS_VIEW_STATE (self), FALSE);
  return self->playing;
}

static void
tv_view_state_dispose (GObject *object)
{
  TvViewState *self = TV_VIEW_STATE (object);

  if (self->connection != NULL)
    g_clear_signal_handler (&self->grew_id, self->connection);
  g_clear_object (&self->connection);
  G_OBJECT_CLASS (tv_view_state_parent_class)->dispose (object);
}

static void
tv_view_state_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TvViewState *self = TV_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_SELECTED_SEGMENT:
      g_value_set_int (value, self->selected);
      break;
    case PROP_ABSOLUTE:
      g_value_set_boolean (value, self->absolute);
      break;
    case PROP_SPACING:
      g_value_set_enum (value, self->spacing);
      break;
    case PROP_VISIBLE_ROWS:
      g_value_set_int (value, self->visible_rows);
      break;
    case PROP_PROGRESS_ROW:
      g_value_set_int (value, self->progress_row);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_SHOWN_ROWS:
      g_value_set_int (value, self->shown_rows);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_view_state_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TvViewState *self = TV_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      tv_view_state_set_connection (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_SEGMENT:
      tv_view_state_set_selected_segment (self, g_value_get_int (value));
      break;
    case PROP_ABSOLUTE:
      tv_view_state_set_absolute (self, g_value_get_boolean (value));
      break;
    case PROP_SPACING:
      tv_view_state_set_spacing (self, g_value_get_enum (value));
      break;
    case PROP_VISIBLE_ROWS:
      tv_view_state_set_playback (self, g_value_get_int (value), self->progress_row, self->progress);
      break;
    case PROP_PROGRESS_ROW:
      tv_view_state_set_playback (self, self->visible_rows, g_value_get_int (value), self->progress);
      break;
    case PROP_PROGRESS:
      tv_view_state_set_playback (self, self->visible_rows, self->progress_row, g_value_get_double (value));
      break;
    case PROP_SHOWN_ROWS:
      tv_view_state_set_shown_rows (self, g_value_get_int (value));
      break;
    case PROP_PLAYING:
      tv_view_state_set_playing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_view_state_class_init (TvViewStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tv_view_state_dispose;
  object_class->get_property = tv_view_state_get_property;
  object_class->set_property = tv_view_state_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, TV_TYPE_CONNECTION, flags);
  properties[PROP_SELECTED_SEGMENT] =
    g_param_spec_int ("selected-segment", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_ABSOLUTE] =
    g_param_spec_boolean ("absolute", NULL, NULL, FALSE, flags);
  properties[PROP_SPACING] =
    g_param_spec_enum ("spacing", NULL, NULL, TV_TYPE_LADDER_SPACING, TV_LADDER_SPACING_EVEN, flags);
  properties[PROP_VISIBLE_ROWS] =
    g_param_spec_int ("visible-rows", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_PROGRESS_ROW] =
    g_param_spec_int ("progress-row", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0, 1, 1, flags);
  properties[PROP_SHOWN_ROWS] =
    g_param_spec_int ("shown-rows", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SEGMENTS_ADDED] =
    g_signal_new ("segments-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tv_view_state_init (TvViewState *self)
{
  self->selected = -1;
  self->visible_rows = -1;
  self->progress_row = -1;
  self->progress = 1;
  self->shown_rows = -1;
}
