/* tv-narrow-bin.c: TvNarrowBin */
#define G_LOG_DOMAIN "tv-narrow-bin"
#include "config.h"

#include "tv-narrow-bin.h"

struct _TvNarrowBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  int        threshold;
  int        narrowest;
  gboolean   narrow;
};

static void tv_narrow_bin_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TvNarrowBin, tv_narrow_bin, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, tv_narrow_bin_buildable_init))

enum {
  PROP_0,
  PROP_CHILD,
  PROP_THRESHOLD,
  PROP_NARROWEST,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static void
set_narrow (TvNarrowBin *self,
            gboolean     narrow)
{
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}

static void
tv_narrow_bin_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  TvNarrowBin *self = TV_NARROW_BIN (widget);

  *minimum = *natural = 0;
  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0 && !self->narrow)
    {
      int wide_min = 0;

      gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1, &wide_min, NULL, NULL, NULL);
      for_size = MAX (for_size, wide_min);
    }
  gtk_widget_measure (self->child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL && !self->narrow && self->narrowest > 0)
    *minimum = MIN (*minimum, self->narrowest);
}

static void
tv_narrow_bin_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  TvNarrowBin *self = TV_NARROW_BIN (widget);
  gboolean narrow = width < self->threshold;

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;
  /* before the child is allocated, so that it is laid out for this width
   * at once, never squeezed into it in the wide layout (it asks for other
   * widths now: measured again first) */
  if (narrow != self->narrow)
    {
      int min;

      set_narrow (self, narrow);
      gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      gtk_widget_measure (self->child, GTK_ORIENTATION_VERTICAL, width, &min, NULL, NULL, NULL);
    }
  gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
tv_narrow_bin_get_request_mode (GtkWidget *widget)
{
  TvNarrowBin *self = TV_NARROW_BIN (widget);

  return self->child != NULL ? gtk_widget_get_request_mode (self->child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
tv_narrow_bin_compute_expand (GtkWidget *widget,
                              gboolean  *hexpand,
                              gboolean  *vexpand)
{
  TvNarrowBin *self = TV_NARROW_BIN (widget);

  *hexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_VERTICAL);
}

static void
tv_narrow_bin_buildable_add_child (GtkBuildable *buildable,
                                   GtkBuilder   *builder,
                                   GObject      *child,
                                   const char   *type)
{
  if (GTK_IS_WIDGET (child))
    tv_narrow_bin_set_child (TV_NARROW_BIN (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
tv_narrow_bin_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = tv_narrow_bin_buildable_add_child;
}

static void
tv_narrow_bin_dispose (GObject *object)
{
  TvNarrowBin *self = TV_NARROW_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (tv_narrow_bin_parent_class)->dispose (object);
}

static void
tv_narrow_bin_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TvNarrowBin *self = TV_NARROW_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_THRESHOLD:
      g_value_set_int (value, self->threshold);
      break;
    case PROP_NARROWEST:
      g_value_set_int (value, self->narrowest);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_narrow_bin_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TvNarrowBin *self = TV_NARROW_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      tv_narrow_bin_set_child (self, g_value_get_object (value));
      break;
    case PROP_THRESHOLD:
      if (self->threshold != g_value_get_int (value))
        {
          self->threshold = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
          gtk_widget_queue_resize (GTK_WIDGET (self));
        }
      break;
    case PROP_NARROWEST:
      if (self->narrowest != g_value_get_int (value))
        {
          self->narrowest = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
          gtk_widget_queue_resize (GTK_WIDGET (self));
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_narrow_bin_class_init (TvNarrowBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tv_narrow_bin_dispose;
  object_class->get_property = tv_narrow_bin_get_property;
  object_class->set_property = tv_narrow_bin_set_property;
  widget_class->measure = tv_narrow_bin_measure;
  widget_class->size_allocate = tv_narrow_bin_size_allocate;
  widget_class->get_request_mode = tv_narrow_bin_get_request_mode;
  widget_class->compute_expand = tv_narrow_bin_compute_expand;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THRESHOLD] =
    g_param_spec_int ("threshold", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NARROWEST] =
    g_param_spec_int ("narrowest", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tv_narrow_bin_init (TvNarrowBin *self)
{
}

GtkWidget *
tv_narrow_bin_new (void)
{
  return g_object_new (TV_TYPE_NARROW_BIN, NULL);
}

void
tv_narrow_bin_set_child (TvNarrowBin *self,
                         GtkWidget   *child)
{
  g_return_if_fail (TV_IS_NARROW_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

GtkWidget *
tv_narrow_bin_get_child (TvNarrowBin *self)
{
  g_return_val_if_fail (TV_IS_NARROW_BIN (self), NULL);
  return self->child;
}

gboolean
tv_narrow_bin_get_narrow (TvNarrowBin *self)
{
  g_return_val_if_fail (TV_IS_NARROW_BIN (self), FALSE);
  return self->narrow;
}

void
tv_narrow_bin_set_width_hint (TvNarrowBin *self,
                              int          width)
{
  g_return_if_fail (TV_IS_NARROW_BIN (self));

  if (width > 0)
    set_narrow (self, width < self->threshold);
}
