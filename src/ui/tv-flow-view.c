/* tv-flow-view.c: TvFlowView, many connections on one time axis.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-flow-view"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "tv-flow-painter.h"
#include "tv-flow-view.h"

#define SCROLL_PAD 12.0

struct _TvFlowView
{
  GtkWidget      parent_instance;

  TvTracker     *tracker;
  TvFlowLayout  *layout;
  TvFlowPainter *painter;
  gboolean       dark;
  guint          generation;    /* of the layout asked for last */
  gboolean       busy;
  GCancellable  *cancellable;

  int            selected;
  int            hover;
  int            visible_rows;
  int            progress_row;
  double         progress;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;
  gboolean       own_adjustments;
  double         pointer_x, pointer_y;
  gboolean       pointer_inside;
};

enum {
  PROP_0,
  PROP_SELECTED_ROW,
  PROP_BUSY,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  SIGNAL_LAYOUT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (TvFlowView, tv_flow_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* ---- geometry ------------------------------------------------------------ */

static double
content_width (TvFlowView *self)
{
  return self->layout ? tv_flow_layout_get_width (self->layout) : 0;
}

static double
content_height (TvFlowView *self)
{
  return self->layout ? tv_flow_layout_get_height (self->layout) : 0;
}

static double
scroll_x (TvFlowView *self)
{
  return self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
scroll_y (TvFlowView *self)
{
  return self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static double
header_height (TvFlowView *self)
{
  return self->layout ? tv_flow_layout_get_header_bottom (self->layout) : 0;
}

static void
configure_adjustment (GtkAdjustment *adj,
                      double         upper,
                      double         page,
                      double         value)
{
  upper = MAX (upper, page);
  value = CLAMP (value, 0, MAX (0, upper - page));
  gtk_adjustment_configure (adj, value, 0, upper, page * 0.1, page * 0.9, page);
}

static void
configure_adjustments (TvFlowView *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->hadjustment)
    configure_adjustment (self->hadjustment, content_width (self), w,
                          gtk_adjustment_get_value (self->hadjustment));
  if (self->vadjustment)
    configure_adjustment (self->vadjustment, content_height (self), h,
                          gtk_adjustment_get_value (self->vadjustment));
}

static int
row_at (TvFlowView *self,
        double      x,
        double      y)
{
  if (self->layout == NULL || y < header_height (self))
    return -1;
  /* the columns on the left cover what scrolled under them */
  if (x < tv_flow_layout_get_lifelines_x (self->layout))
    return -1;
  return tv_flow_layout_row_at (self->layout, x + scroll_x (self), y + scroll_y (self));
}

/* ---- style ------------------------------------------------------------------- */

static void
update_style (TvFlowView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  TvLadderStyle style;

  self->dark = adw_style_manager_get_dark (manager);
  tv_ladder_style_init (&style, self->dark ? TV_LADDER_STYLE_DARK : TV_LADDER_STYLE_LIGHT);
  if (self->painter == NULL)
    self->painter = tv_flow_painter_new (&style);
  else
    tv_flow_painter_set_style (self->painter, &style);
}

static void
on_dark_changed (TvFlowView      *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  update_style (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- the layout, maybe in a thread --------------------------------------------- */

typedef struct {
  TvTracker     *tracker;
  guint         *conns;
  guint          n_conns;
  TvFlowOptions  options;
  guint          generation;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->conns);
  g_free (job);
}

static void
layout_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  TvFlowLayout *layout = tv_flow_layout_new (job->tracker, job->conns, job->n_conns, &job->options);

  g_task_return_pointer (task, layout, (GDestroyNotify) tv_flow_layout_free);
}

static void
set_busy (TvFlowView *self,
          gboolean    busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
take_layout (TvFlowView   *self,
             TvFlowLayout *layout)
{
  g_clear_pointer (&self->layout, tv_flow_layout_free);
  self->layout = layout;
  self->hover = -1;
  self->visible_rows = -1;
  self->progress_row = -1;
  if (self->selected != -1)
    {
      self->selected = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ROW]);
    }
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, 0);
  if (self->hadjustment)
    gtk_adjustment_set_value (self->hadjustment, 0);
  configure_adjustments (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_LAYOUT_CHANGED], 0);
}

static void
layout_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  TvFlowLayout *layout = g_task_propagate_pointer (task, NULL);
  TvFlowView *self;

  if (g_task_had_error (task) || layout == NULL)
    return;
  self = TV_FLOW_VIEW (source);
  if (job->generation != self->generation)
    {
      /* asked for another one meanwhile */
      tv_flow_layout_free (layout);
      return;
    }
  set_busy (self, FALSE);
  take_layout (self, layout);
}

void
tv_flow_view_set_connections (TvFlowView          *self,
                              TvTracker           *tracker,
                              const guint         *conns,
                              guint                n_conns,
                              const TvFlowOptions *options,
                              gboolean             finished)
{
  TvFlowOptions opt;
  guint64 rows = 0;

  g_return_if_fail (TV_IS_FLOW_VIEW (self));

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->tracker = tracker;

  if (tracker == NULL || n_conns == 0)
    {
      set_busy (self, FALSE);
      take_layout (self, NULL);
      return;
    }

  if (options != NULL)
    opt = *options;
  else
    tv_flow_options_init (&opt);
  tv_flow_painter_measure (self->painter, &opt, tracker, conns, n_conns);

  /* folded: a few phases each */
  for (guint i = 0; i < n_conns && rows <= TV_FLOW_VIEW_THREAD_ROWS; i++)
    if (conns[i] < tv_tracker_get_n_conns (tracker))
      rows += opt.fold ? 5 : tv_tracker_get_conn (tracker, conns[i])->n_segs;

  if (rows <= TV_FLOW_VIEW_THREAD_ROWS || !finished)
    {
      set_busy (self, FALSE);
      take_layout (self, tv_flow_layout_new (tracker, conns, n_conns, &opt));
      return;
    }

  {
    Job *job = g_new0 (Job, 1);
    g_autoptr(GTask) task = NULL;

    job->tracker = tracker;
    job->conns = g_memdup2 (conns, n_conns * sizeof (guint));
    job->n_conns = n_conns;
    job->options = opt;
    job->generation = self->generation;
    self->cancellable = g_cancellable_new ();
    task = g_task_new (self, self->cancellable, layout_done, NULL);
    g_task_set_task_data (task, job, job_free);
    g_task_set_name (task, "tv-flow-layout");
    set_busy (self, TRUE);
    take_layout (self, NULL);
    g_task_run_in_thread (task, layout_thread);
  }
}

TvFlowLayout *
tv_flow_view_get_layout (TvFlowView *self)
{
  g_return_val_if_fail (TV_IS_FLOW_VIEW (self), NULL);
  return self->layout;
}

gboolean
tv_flow_view_get_busy (TvFlowView *self)
{
  g_return_val_if_fail (TV_IS_FLOW_VIEW (self), FALSE);
  return self->busy;
}

/* ---- selection --------------------------------------------------------------- */

void
tv_flow_view_scroll_to_row (TvFlowView *self,
                            int         index)
{
  TvFlowRow row;
  double value, page, head, lo, hi, left;

  g_return_if_fail (TV_IS_FLOW_VIEW (self));

  if (self->layout == NULL || index < 0 || (guint) index >= tv_flow_layout_get_n_rows (self->layout))
    return;

  if (gtk_adjustment_get_page_size (self->vadjustment) <= 0)
    return;  /* not allocated yet */

  tv_flow_layout_get_row (self->layout, index, &row);
  value = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  head = header_height (self);
  if (row.ladder.top - SCROLL_PAD < value + head)
    gtk_adjustment_set_value (self->vadjustment, row.ladder.top - SCROLL_PAD - head);
  else if (row.ladder.bottom + SCROLL_PAD > value + page)
    gtk_adjustment_set_value (self->vadjustment, row.ladder.bottom + SCROLL_PAD - page);

  /* sideways: the arrow, right of the columns */
  lo = MIN (row.ladder.x1, row.ladder.x2) - 40;
  hi = MAX (row.ladder.x1, row.ladder.x2) + 40;
  value = gtk_adjustment_get_value (self->hadjustment);
  page = gtk_adjustment_get_page_size (self->hadjustment);
  left = tv_flow_layout_get_lifelines_x (self->layout);
  if (lo < value + left)
    gtk_adjustment_set_value (self->hadjustment, lo - left);
  else if (hi > value + page)
    gtk_adjustment_set_value (self->hadjustment, MIN (lo - left, hi - page));
}

void
tv_flow_view_set_selected_row (TvFlowView *self,
                               int         index)
{
  g_return_if_fail (TV_IS_FLOW_VIEW (self));

  if (index < 0 || self->layout == NULL || tv_flow_layout_get_n_rows (self->layout) == 0)
    index = -1;
  else
    index = MIN ((guint) index, tv_flow_layout_get_n_rows (self->layout) - 1);
  if (index == self->selected)
    return;

  self->selected = index;
  if (index >= 0)
    {
      g_autofree char *markup = tv_flow_view_dup_row_markup (self, index);
      g_autofree char *text = NULL;

      pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      text != NULL ? text : "", -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ROW]);
}

int
tv_flow_view_get_selected_row (TvFlowView *self)
{
  g_return_val_if_fail (TV_IS_FLOW_VIEW (self), -1);
  return self->selected;
}

gboolean
tv_flow_view_select_segment (TvFlowView *self,
                             guint       conn_id,
                             guint       seg_index)
{
  int row;

  g_return_val_if_fail (TV_IS_FLOW_VIEW (self), FALSE);

  if (self->layout == NULL)
    return FALSE;
  row = tv_flow_layout_find_segment (self->layout, conn_id, seg_index);
  if (row < 0)
    return FALSE;
  tv_flow_view_set_selected_row (self, row);
  tv_flow_view_scroll_to_row (self, row);
  return TRUE;
}

gboolean
tv_flow_view_get_selected_segment (TvFlowView *self,
                                   guint      *conn_id,
                                   guint      *seg_index)
{
  TvFlowRow row;

  g_return_val_if_fail (TV_IS_FLOW_VIEW (self), FALSE);

  if (self->layout == NULL || self->selected < 0)
    return FALSE;
  tv_flow_layout_get_row (self->layout, self->selected, &row);
  if (conn_id)
    *conn_id = row.conn->id;
  if (seg_index)
    *seg_index = row.seg_index;
  return TRUE;
}

void
tv_flow_view_set_playback (TvFlowView *self,
                           int         visible_rows,
                           int         progress_row,
                           double      progress)
{
  g_return_if_fail (TV_IS_FLOW_VIEW (self));

  self->visible_rows = visible_rows;
  self->progress_row = progress_row;
  self->progress = progress;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

char *
tv_flow_view_dup_row_markup (TvFlowView *self,
                             int         index)
{
  TvFlowRow row;
  TvLadderLabel label;
  g_autofree char *client = NULL, *server = NULL, *text = NULL, *app = NULL;
  char t[48];
  GString *s;

  g_return_val_if_fail (TV_IS_FLOW_VIEW (self), NULL);

  if (self->layout == NULL || index < 0 || (guint) index >= tv_flow_layout_get_n_rows (self->layout))
    return NULL;

  tv_flow_layout_get_row (self->layout, index, &row);
  tv_flow_layout_get_label (self->layout, &row, &label);
  client = tv_endpoint_to_string (&row.conn->client);
  server = tv_endpoint_to_string (&row.conn->server);
  tv_ladder_format_time (row.rel_ns, t, sizeof t);

  s = g_string_new (NULL);
  /* TRANSLATORS: the tooltip of an arrow of the flow view: "Connection 3:
   * 10.0.0.1:40000 → 10.0.0.2:80" */
  text = g_markup_printf_escaped (_("Connection %u: %s → %s"), row.conn->id, client, server);
  g_string_append_printf (s, "<b>%s</b>\n", text);
  g_clear_pointer (&text, g_free);
  if (row.folded)
    text = g_markup_printf_escaped (_("From segment %u, at %s"), row.seg_index + 1, t);
  else
    text = g_markup_printf_escaped (_("Frame %u, at %s"), row.seg->frame, t);
  g_string_append_printf (s, "%s\n", text);
  g_clear_pointer (&text, g_free);
  text = g_markup_escape_text (label.text, -1);
  g_string_append (s, text);
  if (label.app != NULL)
    {
      app = g_markup_escape_text (label.app, -1);
      g_string_append_printf (s, "\n<b>%s</b>", app);
    }
  for (guint b = 0; b < TV_N_ANALYSIS; b++)
    if (label.analysis & (1u << b))
      {
        g_autofree char *mark = g_markup_escape_text (tv_analysis_label (1u << b), -1);

        g_string_append_printf (s, "\n%s", mark);
      }
  return g_string_free (s, FALSE);
}

static void
move_selection (TvFlowView *self,
                gint64      delta)
{
  guint n;
  gint64 target;

  if (self->layout == NULL || (n = tv_flow_layout_get_n_rows (self->layout)) == 0)
    return;

  if (self->selected < 0)
    {
      guint first = 0, last = 0;
      double y0 = scroll_y (self) + header_height (self);

      if (!tv_flow_layout_find_rows (self->layout, y0, y0 + 1, &first, &last))
        first = 0;
      target = first;
    }
  else
    target = CLAMP ((gint64) self->selected + delta, 0, (gint64) n - 1);

  tv_flow_view_set_selected_row (self, (int) target);
  tv_flow_view_scroll_to_row (self, (int) target);
}

/* ---- events ------------------------------------------------------------------- */

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           TvFlowView               *self)
{
  if (!self->own_adjustments)
    return FALSE;
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    {
      dx *= 60;
      dy *= 60;
    }
  gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + dx);
  gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + dy);
  return TRUE;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            TvFlowView      *self)
{
  int row = row_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (row >= 0 || n_press == 1)
    tv_flow_view_set_selected_row (self, row);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TvFlowView               *self)
{
  int row;

  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  row = row_at (self, x, y);
  if (row != self->hover)
    {
      self->hover = row;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          TvFlowView               *self)
{
  self->pointer_inside = FALSE;
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TvFlowView            *self)
{
  int page = 10;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return TRUE;
    case GDK_KEY_Page_Up:
      move_selection (self, -page);
      return TRUE;
    case GDK_KEY_Page_Down:
      move_selection (self, page);
      return TRUE;
    case GDK_KEY_Home:
      move_selection (self, G_MININT);
      return TRUE;
    case GDK_KEY_End:
      move_selection (self, G_MAXINT);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->selected >= 0)
        {
          tv_flow_view_set_selected_row (self, -1);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
}

static gboolean
tv_flow_view_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip)
{
  TvFlowView *self = TV_FLOW_VIEW (widget);
  g_autofree char *markup = NULL;
  TvFlowRow row;
  int index = keyboard_mode ? self->selected : row_at (self, x, y);

  if (index < 0 || self->layout == NULL)
    return FALSE;

  markup = tv_flow_view_dup_row_markup (self, index);
  gtk_tooltip_set_markup (tooltip, markup);
  tv_flow_layout_get_row (self->layout, index, &row);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
    (int) (MIN (row.ladder.x1, row.ladder.x2) - scroll_x (self)),
    (int) (row.ladder.top - scroll_y (self)),
    (int) ceil (fabs (row.ladder.x2 - row.ladder.x1)),
    (int) ceil (row.ladder.bottom - row.ladder.top),
  });
  return TRUE;
}

/* ---- drawing ------------------------------------------------------------------ */

static void
tv_flow_view_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  TvFlowView *self = TV_FLOW_VIEW (widget);
  TvFlowPaintParams params;
  const TvLadderStyle *style;
  double w = gtk_widget_get_width (widget);
  double h = gtk_widget_get_height (widget);
  double sx, sy;
  cairo_t *cr;

  if (w <= 0 || h <= 0 || self->painter == NULL)
    return;

  style = tv_flow_painter_get_style (self->painter);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_set_source_rgba (cr, style->background.red, style->background.green,
                         style->background.blue, style->background.alpha);
  cairo_paint (cr);

  if (self->layout == NULL)
    {
      cairo_destroy (cr);
      return;
    }

  sx = scroll_x (self);
  sy = scroll_y (self);
  cairo_translate (cr, -sx, -sy);

  tv_flow_paint_params_init (&params);
  params.clip_x = sx;
  params.clip_y = sy;
  params.clip_width = w;
  params.clip_height = h;
  params.draw_background = FALSE;
  params.draw_header = TRUE;
  params.header_y = sy;        /* the heads stay on top */
  params.columns_x = sx;       /* the times and connections on the left */
  params.selected_row = self->selected;
  params.hover_row = self->hover;
  params.visible_rows = self->visible_rows;
  params.progress_row = self->progress_row;
  params.progress = self->progress;
  tv_flow_painter_paint (self->painter, cr, self->layout, &params);
  cairo_destroy (cr);
}

static void
tv_flow_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  TvFlowView *self = TV_FLOW_VIEW (widget);

  *minimum = 100;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (100, (int) ceil (content_width (self)));
  else
    *natural = MAX (100, (int) ceil (content_height (self)));
}

static void
tv_flow_view_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  configure_adjustments (TV_FLOW_VIEW (widget));
}

/* ---- GtkScrollable ------------------------------------------------------------ */

static void
on_adjustment_changed (GtkAdjustment *adj,
                       TvFlowView    *self)
{
  if (self->pointer_inside)
    self->hover = row_at (self, self->pointer_x, self->pointer_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (TvFlowView     *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adj)
{
  if (*slot == adj)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_changed, self);
      g_clear_object (slot);
    }
  if (adj == NULL)
    adj = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adj);
  g_signal_connect (adj, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  configure_adjustments (self);
}

/* ---- GObject ---------------------------------------------------------------------- */

GtkWidget *
tv_flow_view_new (void)
{
  return g_object_new (TV_TYPE_FLOW_VIEW, NULL);
}

static void
tv_flow_view_dispose (GObject *object)
{
  TvFlowView *self = TV_FLOW_VIEW (object);

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->hadjustment)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_changed, self);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (tv_flow_view_parent_class)->dispose (object);
}

static void
tv_flow_view_finalize (GObject *object)
{
  TvFlowView *self = TV_FLOW_VIEW (object);

  g_clear_pointer (&self->layout, tv_flow_layout_free);
  g_clear_pointer (&self->painter, tv_flow_painter_free);

  G_OBJECT_CLASS (tv_flow_view_parent_class)->finalize (object);
}

static void
tv_flow_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TvFlowView *self = TV_FLOW_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ROW:
      g_value_set_int (value, self->selected);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_flow_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TvFlowView *self = TV_FLOW_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ROW:
      tv_flow_view_set_selected_row (self, g_value_get_int (value));
      break;
    case PROP_HADJUSTMENT:
      self->own_adjustments = FALSE;
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      self->own_adjustments = FALSE;
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_flow_view_class_init (TvFlowViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tv_flow_view_dispose;
  object_class->finalize = tv_flow_view_finalize;
  object_class->get_property = tv_flow_view_get_property;
  object_class->set_property = tv_flow_view_set_property;

  widget_class->snapshot = tv_flow_view_snapshot;
  widget_class->measure = tv_flow_view_measure;
  widget_class->size_allocate = tv_flow_view_size_allocate;
  widget_class->query_tooltip = tv_flow_view_query_tooltip;

  properties[PROP_SELECTED_ROW] =
    g_param_spec_int ("selected-row", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /* a new layout is on screen (or none) */
  signals[SIGNAL_LAYOUT_CHANGED] =
    g_signal_new ("layout-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "flowview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tv_flow_view_init (TvFlowView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->selected = -1;
  self->hover = -1;
  self->visible_rows = -1;
  self->progress_row = -1;
  self->progress = 1.0;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Flow of the connections"), -1);

  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  self->own_adjustments = TRUE;

  update_style (self);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (on_dark_changed), self,
                           G_CONNECT_SWAPPED);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
