/* tv-graph-view.c: a stream graph of the shown connection. */
#define G_LOG_DOMAIN "tv-graph-view"

#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "tv-diagnosis.h"
#include "tv-format.h"
#include "tv-graph-painter.h"
#include "tv-graph-view.h"

#define ZOOM_STEP 1.25
#define HIT_RADIUS 6.0

struct _TvGraphView {
  GtkWidget       parent_instance;

  TvTracker      *tracker;
  TvConn         *conn;
  TvGraphKind     kind;
  TvDirection     direction;
  int             selected;

  TvGraphLayout  *layout;
  TvGraphPainter *painter;
  gboolean        dark;
  GArray         *bands;        /* TvGraphBand */
  GPtrArray      *band_labels;  /* char *, owned */

  /* the range shown; whole: the layout's bounds */
  gboolean        whole;
  double          x0, x1, y0, y1;
  gboolean        has_selection;
  double          sel_x, sel_y;

  double          drag_x0, drag_x1, drag_y0, drag_y1;
  double          pinch_x0, pinch_x1;
  double          pointer_x, pointer_y;
};

G_DEFINE_FINAL_TYPE (TvGraphView, tv_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_DIRECTION,
  PROP_SELECTED_SEGMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- model ------------------------------------------------------------ */

static void
update_bands (TvGraphView *self)
{
  g_array_set_size (self->bands, 0);
  g_ptr_array_set_size (self->band_labels, 0);
  if (self->conn == NULL)
    return;

  {
    g_autoptr(TvDiagnosis) d = tv_diagnosis_new (self->conn);

    for (guint k = 0; k < d->stalls->len; k++)
      {
        const TvStall *s = &g_array_index (d->stalls, TvStall, k);
        g_autofree char *len = tv_format_duration (s->end_ns - s->start_ns);
        TvGraphBand band;
        char *label;

        switch (s->kind)
          {
          case TV_STALL_RETRANSMISSION_TIMEOUT:
            /* Translators: a shaded band on a graph: a retransmission
             * timeout and its length */
            label = g_strdup_printf (_("RTO %s"), len);
            break;
          case TV_STALL_ZERO_WINDOW:
            label = g_strdup_printf (_("Zero window %s"), len);
            break;
          case TV_STALL_IDLE:
          default:
            label = g_strdup_printf (_("Idle %s"), len);
            break;
          }
        g_ptr_array_add (self->band_labels, label);
        band.x0 = (double) (s->start_ns - self->conn->first_ns) / 1e9;
        band.x1 = (double) (s->end_ns - self->conn->first_ns) / 1e9;
        band.label = label;
        g_array_append_val (self->bands, band);
      }
  }
}

static void
update_selection (TvGraphView *self)
{
  self->has_selection = self->layout != NULL && self->selected >= 0 &&
                        tv_graph_layout_get_segment_position (self->layout, (guint32) self->selected,
                                                              &self->sel_x, &self->sel_y);
}

static void
rebuild (TvGraphView *self)
{
  g_clear_pointer (&self->layout, tv_graph_layout_free);
  if (self->conn != NULL)
    self->layout = tv_graph_layout_new (self->tracker, self->conn, self->kind, self->direction);
  update_bands (self);
  update_selection (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_style (TvGraphView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  TvGraphStyle style;

  self->dark = adw_style_manager_get_dark (manager);
  tv_graph_style_init (&style, self->dark ? TV_LADDER_STYLE_DARK : TV_LADDER_STYLE_LIGHT);
  if (self->painter == NULL)
    self->painter = tv_graph_painter_new (&style);
  else
    tv_graph_painter_set_style (self->painter, &style);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- geometry ------------------------------------------------------------ */

static void
params_for (TvGraphView        *self,
            TvGraphPaintParams *params)
{
  tv_graph_paint_params_init (params);
  params->width = gtk_widget_get_width (GTK_WIDGET (self));
  params->height = gtk_widget_get_height (GTK_WIDGET (self));
  params->title = tv_graph_kind_title (self->kind);
  if (!self->whole)
    {
      params->x0 = self->x0;
      params->x1 = self->x1;
      params->y0 = self->y0;
      params->y1 = self->y1;
    }
  params->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  params->bands = (const TvGraphBand *) (gpointer) self->bands->data;
  params->n_bands = self->bands->len;
  params->has_selection = self->has_selection;
  params->selection_x = self->sel_x;
  params->selection_y = self->sel_y;
}

typedef struct {
  double px, py, pw, ph, x0, x1, y0, y1;
} Plot;

static gboolean
get_plot (TvGraphView *self,
          Plot        *p)
{
  TvGraphPaintParams params;

  if (self->layout == NULL)
    return FALSE;
  params_for (self, &params);
  tv_graph_painter_get_plot (self->painter, self->layout, &params, &p->px, &p->py, &p->pw, &p->ph,
                             &p->x0, &p->x1, &p->y0, &p->y1);
  return p->pw > 0 && p->ph > 0;
}

void
tv_graph_view_get_range (TvGraphView *self,
                         double      *x0,
                         double      *x1,
                         double      *y0,
                         double      *y1)
{
  Plot p = { 0 };

  g_return_if_fail (TV_IS_GRAPH_VIEW (self));
  get_plot (self, &p);
  if (x0) *x0 = p.x0;
  if (x1) *x1 = p.x1;
  if (y0) *y0 = p.y0;
  if (y1) *y1 = p.y1;
}

void
tv_graph_view_set_range (TvGraphView *self,
                         double       x0,
                         double       x1,
                         double       y0,
                         double       y1)
{
  g_return_if_fail (TV_IS_GRAPH_VIEW (self));
  if (!(x1 > x0) || !(y1 > y0))
    return;
  self->whole = FALSE;
  self->x0 = x0, self->x1 = x1, self->y0 = y0, self->y1 = y1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tv_graph_view_zoom_reset (TvGraphView *self)
{
  g_return_if_fail (TV_IS_GRAPH_VIEW (self));
  self->whole = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Zooms by @fx in time and @fy in value around (wx, wy), in widget
 * coordinates. */
static void
zoom_at (TvGraphView *self,
         double       fx,
         double       fy,
         double       wx,
         double       wy)
{
  Plot p;
  double ax, ay, w, h, cx, cy;

  if (!get_plot (self, &p))
    return;
  ax = CLAMP ((wx - p.px) / p.pw, 0, 1);
  ay = CLAMP ((p.py + p.ph - wy) / p.ph, 0, 1);
  cx = p.x0 + ax * (p.x1 - p.x0);
  cy = p.y0 + ay * (p.y1 - p.y0);
  /* not closer than a microsecond across, nor a byte */
  w = MAX ((p.x1 - p.x0) / fx, 1e-6);
  h = MAX ((p.y1 - p.y0) / fy, 1e-9);
  tv_graph_view_set_range (self, cx - ax * w, cx + (1 - ax) * w, cy - ay * h, cy + (1 - ay) * h);
}

static gboolean
zooms_both (TvGraphView *self)
{
  /* sequence numbers follow time: zoom both; rates and times keep their
   * whole height */
  return self->kind == TV_GRAPH_STEVENS || self->kind == TV_GRAPH_TCPTRACE ||
         self->kind == TV_GRAPH_WINDOW;
}

static void
zoom_centre (TvGraphView *self,
             double       f)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)), h = gtk_widget_get_height (GTK_WIDGET (self));
  gboolean inside = self->pointer_x > 0 && self->pointer_x < w && self->pointer_y > 0 && self->pointer_y < h;

  zoom_at (self, f, zooms_both (self) ? f : 1, inside ? self->pointer_x : w / 2,
           inside ? self->pointer_y : h / 2);
}

static void
pan_by (TvGraphView *self,
        double       fx,
        double       fy)
{
  Plot p;
  double dx, dy;

  if (!get_plot (self, &p))
    return;
  dx = (p.x1 - p.x0) * fx;
  dy = (p.y1 - p.y0) * fy;
  tv_graph_view_set_range (self, p.x0 + dx, p.x1 + dx, p.y0 + dy, p.y1 + dy);
}

/* ---- input --------------------------------------------------------------- */

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           TvGraphView              *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (mods & GDK_CONTROL_MASK)
    {
      double f = pow (ZOOM_STEP, -dy);

      if (mods & GDK_SHIFT_MASK)
        zoom_at (self, 1, f, self->pointer_x, self->pointer_y);
      else
        zoom_at (self, f, zooms_both (self) ? f : 1, self->pointer_x, self->pointer_y);
      return TRUE;
    }
  if (mods & GDK_SHIFT_MASK)
    pan_by (self, 0, -dy * 0.1);
  else
    pan_by (self, (dx + dy) * 0.1, 0);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TvGraphView              *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               TvGraphView    *self)
{
  tv_graph_view_get_range (self, &self->drag_x0, &self->drag_x1, &self->drag_y0, &self->drag_y1);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          ox,
                double          oy,
                TvGraphView    *self)
{
  Plot p;
  double dx, dy;

  if (fabs (ox) < 3 && fabs (oy) < 3)
    return;
  if (!get_plot (self, &p))
    return;
  dx = -ox / p.pw * (self->drag_x1 - self->drag_x0);
  dy = oy / p.ph * (self->drag_y1 - self->drag_y0);
  tv_graph_view_set_range (self, self->drag_x0 + dx, self->drag_x1 + dx,
                           self->drag_y0 + dy, self->drag_y1 + dy);
}

static void
on_pinch_begin (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                TvGraphView      *self)
{
  tv_graph_view_get_range (self, &self->pinch_x0, &self->pinch_x1, NULL, NULL);
}

static void
on_pinch_scale (GtkGestureZoom *gesture,
                double          scale,
                TvGraphView    *self)
{
  double cur_x0, cur_x1, cx, cy;

  tv_graph_view_get_range (self, &cur_x0, &cur_x1, NULL, NULL);
  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy);
  if (cur_x1 > cur_x0 && scale > 0)
    {
      double f = ((self->pinch_x1 - self->pinch_x0) / scale) / (cur_x1 - cur_x0);

      zoom_at (self, 1 / f, zooms_both (self) ? 1 / f : 1, cx, cy);
    }
}

static void
on_click (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          TvGraphView     *self)
{
  Plot p;
  int hit;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (!get_plot (self, &p) || x < p.px || x > p.px + p.pw || y < p.py || y > p.py + p.ph)
    return;
  hit = tv_graph_layout_hit (self->layout,
                             p.x0 + (x - p.px) / p.pw * (p.x1 - p.x0),
                             p.y0 + (p.py + p.ph - y) / p.ph * (p.y1 - p.y0),
                             HIT_RADIUS / p.pw * (p.x1 - p.x0),
                             HIT_RADIUS / p.ph * (p.y1 - p.y0));
  if (hit >= 0)
    tv_graph_view_set_selected_segment (self, hit);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvGraphView *self = TV_GRAPH_VIEW (widget);

  if (g_str_equal (action_name, "graph.zoom-in"))
    zoom_centre (self, ZOOM_STEP);
  else if (g_str_equal (action_name, "graph.zoom-out"))
    zoom_centre (self, 1 / ZOOM_STEP);
  else
    tv_graph_view_zoom_reset (self);
}

/* ---- drawing ------------------------------------------------------------- */

static void
tv_graph_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TvGraphView *self = TV_GRAPH_VIEW (widget);
  TvGraphPaintParams params;
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (w <= 0 || h <= 0 || self->painter == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (self->layout == NULL)
    {
      const TvGraphStyle *style = tv_graph_painter_get_style (self->painter);

      cairo_set_source_rgba (cr, style->background.red, style->background.green,
                             style->background.blue, style->background.alpha);
      cairo_paint (cr);
    }
  else
    {
      params_for (self, &params);
      tv_graph_painter_paint (self->painter, cr, self->layout, &params);
    }
  cairo_destroy (cr);
}

/* ---- API ----------------------------------------------------------------- */

GtkWidget *
tv_graph_view_new (void)
{
  return g_object_new (TV_TYPE_GRAPH_VIEW, NULL);
}

void
tv_graph_view_set_connection (TvGraphView *self,
                              TvTracker   *tracker,
                              TvConn      *conn)
{
  g_return_if_fail (TV_IS_GRAPH_VIEW (self));

  self->tracker = tracker;
  self->conn = conn;
  self->whole = TRUE;
  /* the side that sent more, as tcpviz --graph */
  if (conn != NULL)
    {
      TvDirection d = tv_conn_bytes (conn, TV_DIR_SERVER_TO_CLIENT) > tv_conn_bytes (conn, TV_DIR_CLIENT_TO_SERVER)
                      ? TV_DIR_SERVER_TO_CLIENT : TV_DIR_CLIENT_TO_SERVER;

      if (d != self->direction)
        {
          self->direction = d;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
        }
    }
  rebuild (self);
}

void
tv_graph_view_connection_changed (TvGraphView *self)
{
  g_return_if_fail (TV_IS_GRAPH_VIEW (self));
  rebuild (self);
}

void
tv_graph_view_set_kind (TvGraphView *self,
                        TvGraphKind  kind)
{
  g_return_if_fail (TV_IS_GRAPH_VIEW (self));
  g_return_if_fail (kind < TV_GRAPH_N_KINDS);

  if (self->kind == kind)
    return;
  self->kind = kind;
  self->whole = TRUE;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

TvGraphKind
tv_graph_view_get_kind (TvGraphView *self)
{
  g_return_val_if_fail (TV_IS_GRAPH_VIEW (self), TV_GRAPH_STEVENS);
  return self->kind;
}

void
tv_graph_view_set_direction (TvGraphView *self,
                             TvDirection  direction)
{
  g_return_if_fail (TV_IS_GRAPH_VIEW (self));

  direction = direction ? TV_DIR_SERVER_TO_CLIENT : TV_DIR_CLIENT_TO_SERVER;
  if (self->direction == direction)
    return;
  self->direction = direction;
  self->whole = TRUE;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

TvDirection
tv_graph_view_get_direction (TvGraphView *self)
{
  g_return_val_if_fail (TV_IS_GRAPH_VIEW (self), TV_DIR_CLIENT_TO_SERVER);
  return self->direction;
}

void
tv_graph_view_set_selected_segment (TvGraphView *self,
                                    int          index)
{
  g_return_if_fail (TV_IS_GRAPH_VIEW (self));

  index = MAX (index, -1);
  if (self->selected == index)
    return;
  self->selected = index;
  update_selection (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SEGMENT]);
}

int
tv_graph_view_get_selected_segment (TvGraphView *self)
{
  g_return_val_if_fail (TV_IS_GRAPH_VIEW (self), -1);
  return self->selected;
}

TvGraphLayout *
tv_graph_view_get_layout (TvGraphView *self)
{
  g_return_val_if_fail (TV_IS_GRAPH_VIEW (self), NULL);
  return self->layout;
}

/* ---- GObject ------------------------------------------------------------- */

static void
tv_graph_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TvGraphView *self = TV_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_DIRECTION:
      g_value_set_int (value, self->direction);
      break;
    case PROP_SELECTED_SEGMENT:
      g_value_set_int (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_graph_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TvGraphView *self = TV_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      tv_graph_view_set_kind (self, (TvGraphKind) g_value_get_int (value));
      break;
    case PROP_DIRECTION:
      tv_graph_view_set_direction (self, (TvDirection) g_value_get_int (value));
      break;
    case PROP_SELECTED_SEGMENT:
      tv_graph_view_set_selected_segment (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_graph_view_finalize (GObject *object)
{
  TvGraphView *self = TV_GRAPH_VIEW (object);

  g_clear_pointer (&self->layout, tv_graph_layout_free);
  g_clear_pointer (&self->painter, tv_graph_painter_free);
  g_array_unref (self->bands);
  g_ptr_array_unref (self->band_labels);
  G_OBJECT_CLASS (tv_graph_view_parent_class)->finalize (object);
}

static void
tv_graph_view_class_init (TvGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tv_graph_view_get_property;
  object_class->set_property = tv_graph_view_set_property;
  object_class->finalize = tv_graph_view_finalize;
  widget_class->snapshot = tv_graph_view_snapshot;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, TV_GRAPH_N_KINDS - 1, TV_GRAPH_STEVENS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRECTION] =
    g_param_spec_int ("direction", NULL, NULL, 0, 1, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_SEGMENT] =
    g_param_spec_int ("selected-segment", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "graph.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-reset", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "graph.zoom-reset", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "graphview");
}

static void
tv_graph_view_init (TvGraphView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->selected = -1;
  self->whole = TRUE;
  self->bands = g_array_new (FALSE, FALSE, sizeof (TvGraphBand));
  self->band_labels = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_pinch_scale), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "released", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  update_style (self);
}
