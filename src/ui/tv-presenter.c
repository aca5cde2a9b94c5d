/* tv-presenter.c: TvPresenter */
#define G_LOG_DOMAIN "tv-presenter"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "tv-explain.h"
#include "tv-ladder-view.h"
#include "tv-presenter.h"

/* The diagram's zoom: the whole connection's height if that keeps this
 * much (13 px labels become 18 px, the states 16 px: readable from the
 * back of a classroom on a projector), else this and it scrolls with the
 * step; never wider than the screen, never above the view's maximum. */
#define PRESENTER_MIN_ZOOM 1.4
/* An arrow travels this long (the window's playback: 400 ms). */
#define TRAVEL_US 400000

struct _TvPresenter {
  AdwWindow     parent_instance;

  /* template */
  GtkLabel          *title_label;
  GtkLabel          *step_label;
  GtkScrolledWindow *scrolled;
  TvLadderView      *ladder;
  GtkLabel          *caption_title;
  GtkLabel          *caption;

  TvCapture    *capture;
  TvConnection *connection;
  char         *intro;
  GtkWindow    *parent;        /* weak */

  guint         shown;         /* segments shown */
  guint         tick_id;
  gint64        last_time;
  double        progress;      /* of the arrow of segment shown-1; 1: arrived */
  guint         fit_idle;
};

G_DEFINE_FINAL_TYPE (TvPresenter, tv_presenter, ADW_TYPE_WINDOW)

static TvConn *
get_conn (TvPresenter *self)
{
  return tv_connection_get_conn (self->connection);
}

static TvTracker *
get_tracker (TvPresenter *self)
{
  return tv_connection_get_tracker (self->connection);
}

guint
tv_presenter_get_n_steps (TvPresenter *self)
{
  g_return_val_if_fail (TV_IS_PRESENTER (self), 0);

  return get_conn (self)->n_segs;
}

/* ---- what is shown ------------------------------------------------------------ */

static void
update_diagram (TvPresenter *self)
{
  guint n = tv_presenter_get_n_steps (self);

  if (self->shown > 0 && self->progress < 1)
    tv_view_state_set_playback (tv_ladder_view_get_state (self->ladder), (int) self->shown, (int) self->shown - 1, self->progress);
  else
    tv_view_state_set_playback (tv_ladder_view_get_state (self->ladder), self->shown >= n ? -1 : (int) self->shown, -1, 1);
}

/* From the top, as little as it takes to show @row: the start of the
 * connection stays in sight as long as it can. */
static void
scroll_to (TvPresenter *self,
           int          row)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  tv_ladder_view_scroll_to_segment (self->ladder, row);
}

static void
update_texts (TvPresenter *self)
{
  guint n = tv_presenter_get_n_steps (self);
  g_autofree char *step = NULL;

  if (self->shown == 0)
    {
      /* Translators: the presenter view before the first segment */
      step = g_strdup_printf (ngettext ("%u step", "%u steps", n), n);
      gtk_label_set_text (self->caption_title, _("Before the first segment"));
      gtk_label_set_text (self->caption,
                          self->intro != NULL ? self->intro
                                              : _("Press → or Space to show the first segment, and read "
                                                  "what it does here."));
      tv_view_state_set_selected_segment (tv_ladder_view_get_state (self->ladder), -1);
    }
  else
    {
      int row = (int) self->shown - 1;
      g_autofree char *title = tv_explain_title (get_tracker (self), get_conn (self), (guint) row);
      g_autofree char *text = tv_explain_segment (get_tracker (self), get_conn (self), (guint) row,
                                                  tv_ladder_view_get_absolute (self->ladder));

      /* Translators: where the presenter view is: "Step 3 of 11" */
      step = g_strdup_printf (_("Step %u of %u"), self->shown, n);
      gtk_label_set_text (self->caption_title, title);
      gtk_label_set_text (self->caption, text);
      tv_view_state_set_selected_segment (tv_ladder_view_get_state (self->ladder), row);
      scroll_to (self, row);
    }
  gtk_label_set_text (self->step_label, step);
  /* a screen reader hears the step and its explanation */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ladder),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (self->caption), -1);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  TvPresenter *self = TV_PRESENTER (user_data);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gint64 elapsed = self->last_time > 0 ? now - self->last_time : 0;

  self->last_time = now;
  self->progress = MIN (1.0, self->progress + (double) CLAMP (elapsed, 0, 100000) / TRAVEL_US);
  update_diagram (self);
  if (self->progress < 1)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_travel (TvPresenter *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->ladder), self->tick_id);
      self->tick_id = 0;
    }
  self->progress = 1;
}

/* Shows @shown segments; @travel: the last one's arrow travels in. */
static void
show (TvPresenter *self,
      guint        shown,
      gboolean     travel)
{
  guint n = tv_presenter_get_n_steps (self);
  gboolean animations = TRUE;

  shown = MIN (shown, n);
  stop_travel (self);
  self->shown = shown;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animations, NULL);
  if (travel && shown > 0 && animations && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->progress = 0;
      self->last_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->ladder), on_tick, self, NULL);
    }
  update_diagram (self);
  update_texts (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "presenter.next", shown < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "presenter.last", shown < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "presenter.previous", shown > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "presenter.first", shown > 0);
}

/* ---- the zoom ----------------------------------------------------------------- */

static gboolean
fit_cb (gpointer user_data)
{
  TvPresenter *self = user_data;
  TvLadderLayout *layout = tv_ladder_view_get_layout (self->ladder);
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->scrolled);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double width = gtk_adjustment_get_page_size (h);
  double height = gtk_adjustment_get_page_size (v);
  double zoom, by_width, by_height;

  self->fit_idle = 0;
  if (layout == NULL || width < 50 || height < 50 || tv_ladder_layout_get_width (layout) <= 0)
    return G_SOURCE_REMOVE;

  by_width = width / tv_ladder_layout_get_width (layout);
  by_height = height / tv_ladder_layout_get_height (layout);
  zoom = MIN (by_width, MAX (by_height, PRESENTER_MIN_ZOOM));
  zoom = CLAMP (zoom, TV_LADDER_VIEW_MIN_ZOOM, TV_LADDER_VIEW_MAX_ZOOM);
  if (fabs (zoom - tv_ladder_view_get_zoom (self->ladder)) > 0.01)
    {
      tv_ladder_view_set_zoom (self->ladder, zoom);
      if (self->shown > 0)
        scroll_to (self, (int) self->shown - 1);
    }
  return G_SOURCE_REMOVE;
}

static void
queue_fit (TvPresenter *self)
{
  if (self->fit_idle == 0)
    self->fit_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, fit_cb, self, NULL);
}

/* ---- actions ------------------------------------------------------------------ */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvPresenter *self = TV_PRESENTER (widget);
  guint n = tv_presenter_get_n_steps (self);

  if (g_str_equal (action_name, "presenter.next"))
    {
      if (self->shown < n)
        show (self, self->shown + 1, TRUE);
    }
  else if (g_str_equal (action_name, "presenter.previous"))
    {
      if (self->shown > 0)
        show (self, self->shown - 1, FALSE);
    }
  else if (g_str_equal (action_name, "presenter.first"))
    show (self, 0, FALSE);
  else if (g_str_equal (action_name, "presenter.last"))
    show (self, n, FALSE);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- GObject -------------------------------------------------------------------- */

static gboolean
tv_presenter_close_request (GtkWindow *window)
{
  TvPresenter *self = TV_PRESENTER (window);

  if (self->parent != NULL)
    gtk_window_present (self->parent);
  return GTK_WINDOW_CLASS (tv_presenter_parent_class)->close_request (window);
}

static void
tv_presenter_dispose (GObject *object)
{
  TvPresenter *self = TV_PRESENTER (object);

  stop_travel (self);
  g_clear_handle_id (&self->fit_idle, g_source_remove);
  if (self->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->parent), (gpointer *) &self->parent);
  self->parent = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), TV_TYPE_PRESENTER);

  g_clear_object (&self->connection);
  g_clear_object (&self->capture);

  G_OBJECT_CLASS (tv_presenter_parent_class)->dispose (object);
}

static void
tv_presenter_finalize (GObject *object)
{
  TvPresenter *self = TV_PRESENTER (object);

  g_free (self->intro);

  G_OBJECT_CLASS (tv_presenter_parent_class)->finalize (object);
}

static void
tv_presenter_class_init (TvPresenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tv_presenter_dispose;
  object_class->finalize = tv_presenter_finalize;
  window_class->close_request = tv_presenter_close_request;

  g_type_ensure (TV_TYPE_LADDER_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/TcpViz/tv-presenter.ui");
  gtk_widget_class_bind_template_child (widget_class, TvPresenter, title_label);
  gtk_widget_class_bind_template_child (widget_class, TvPresenter, step_label);
  gtk_widget_class_bind_template_child (widget_class, TvPresenter, scrolled);
  gtk_widget_class_bind_template_child (widget_class, TvPresenter, ladder);
  gtk_widget_class_bind_template_child (widget_class, TvPresenter, caption_title);
  gtk_widget_class_bind_template_child (widget_class, TvPresenter, caption);

  gtk_widget_class_install_action (widget_class, "presenter.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "presenter.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "presenter.first", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "presenter.last", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "presenter.leave", NULL, leave_action);
}

/* The keys, before any widget inside sees them (the scrolled window would
 * take the arrows and Page Up/Down, a button Space). */
static void
add_shortcuts (TvPresenter *self)
{
  static const struct {
    guint       keyval;
    const char *action;
  } keys[] = {
    { GDK_KEY_Right, "presenter.next" },
    { GDK_KEY_Page_Down, "presenter.next" },
    { GDK_KEY_KP_Page_Down, "presenter.next" },
    { GDK_KEY_space, "presenter.next" },
    { GDK_KEY_Down, "presenter.next" },
    { GDK_KEY_Return, "presenter.next" },
    { GDK_KEY_KP_Enter, "presenter.next" },
    { GDK_KEY_Left, "presenter.previous" },
    { GDK_KEY_Page_Up, "presenter.previous" },
    { GDK_KEY_KP_Page_Up, "presenter.previous" },
    { GDK_KEY_BackSpace, "presenter.previous" },
    { GDK_KEY_Up, "presenter.previous" },
    { GDK_KEY_Home, "presenter.first" },
    { GDK_KEY_KP_Home, "presenter.first" },
    { GDK_KEY_End, "presenter.last" },
    { GDK_KEY_KP_End, "presenter.last" },
    { GDK_KEY_Escape, "presenter.leave" },
    { GDK_KEY_F5, "presenter.leave" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, 0),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
tv_presenter_init (TvPresenter *self)
{
  self->progress = 1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "tv-presenter-window");
  add_shortcuts (self);

  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scrolled), "notify::page-size",
                           G_CALLBACK (queue_fit), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled), "notify::page-size",
                           G_CALLBACK (queue_fit), self, G_CONNECT_SWAPPED);
}

/* ---- public ------------------------------------------------------------------- */

TvPresenter *
tv_presenter_new (GtkWindow    *parent,
                  TvCapture    *capture,
                  TvConnection *connection,
                  const char   *intro)
{
  TvPresenter *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TV_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (TV_IS_CONNECTION (connection), NULL);

  self = g_object_new (TV_TYPE_PRESENTER,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->capture = g_object_ref (capture);
  self->connection = g_object_ref (connection);
  self->intro = g_strdup (intro);
  if (parent != NULL)
    {
      self->parent = parent;
      g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &self->parent);
    }

  /* Translators: the presenter view's title line: "192.168.1.116:3337 → 192.168.1.123:7788" */
  title = g_strdup_printf (_("%s → %s"), tv_connection_get_client (connection),
                           tv_connection_get_server (connection));
  gtk_label_set_text (self->title_label, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* the presenter's diagram has a view state of its own */
  tv_view_state_set_connection (tv_ladder_view_get_state (self->ladder), connection);
  show (self, 0, FALSE);
  queue_fit (self);
  return self;
}

guint
tv_presenter_get_shown (TvPresenter *self)
{
  g_return_val_if_fail (TV_IS_PRESENTER (self), 0);

  return self->shown;
}

void
tv_presenter_set_shown (TvPresenter *self,
                        guint        shown)
{
  g_return_if_fail (TV_IS_PRESENTER (self));

  show (self, shown, FALSE);
}

const char *
tv_presenter_get_caption (TvPresenter *self)
{
  g_return_val_if_fail (TV_IS_PRESENTER (self), NULL);

  return gtk_label_get_text (self->caption);
}

GtkWidget *
tv_presenter_get_ladder_view (TvPresenter *self)
{
  g_return_val_if_fail (TV_IS_PRESENTER (self), NULL);

  return GTK_WIDGET (self->ladder);
}
