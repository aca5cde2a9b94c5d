/* tv-connection-view.c: TvConnectionView */
#define G_LOG_DOMAIN "tv-connection-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "tv-connection-view.h"
#include "tv-connection-view-private.h"
#include "tv-explain-pane.h"
#include "tv-ladder-view.h"
#include "tv-graph-view.h"
#include "tv-diagnosis.h"
#include "tv-playback.h"
#include "tv-segment-table.h"

/* A frame later than this after the previous one (the window was hidden,
 * the machine was busy) moves the playback on by this much only, so that
 * it does not jump. */
#define MAX_FRAME_ELAPSED_US (200 * 1000)

/* Up to this many steps, the scrubber marks each one. */
#define MAX_MARKS 40

/* Which playback actions are on. */
enum {
  ENABLE_PLAY    = 1 << 0,   /* toggle, restart */
  ENABLE_FORWARD = 1 << 1,
  ENABLE_BACK    = 1 << 2,
  ENABLE_UNSET   = 1 << 3,
};

struct _TvConnectionView {
  GtkWidget          parent_instance;

  /* template */
  GtkPaned          *paned;
  GtkScrolledWindow *scrolled;
  TvLadderView      *ladder;
  GtkDropDown       *view_dropdown;
  GtkDropDown       *direction_dropdown;
  GtkStack          *view_stack;
  TvGraphView       *graph;
  GtkLabel          *diagnosis_label;
  GtkButton         *play_button;
  GtkScale          *scrubber;
  GtkAdjustment     *scrubber_adjustment;
  GtkLabel          *step_label;
  GtkMenuButton     *speed_button;
  GtkToggleButton   *details_button;
  GtkWidget         *fit_button;
  GtkPaned          *side_paned;
  TvExplainPane     *explain;
  TvSegmentTable    *table;

  TvViewState       *state;          /* shared with the views inside: see tv-view-state.h */
  GBinding          *graph_selection; /* the graph's selected segment is the state's */
  TvTracker         *tracker;
  TvConn            *conn;
  TvPlayback        *playback;
  char              *speed;          /* state of playback.speed */
  GtkSettings       *settings;       /* watched for gtk-enable-animations */

  guint              tick_id;
  gint64             last_frame_time;
  int                followed_row;   /* the row the selection last followed */
  guint              marked_rows;    /* the scrubber has a mark per step for these */
  guint              in_allocate;    /* the view moves the dividers itself */
  guint              enabled;        /* ENABLE_* of the actions */

  /* Segments that arrive while the view is not playing back (a live
   * capture, a pcap stream) travel in one after the other: arrive_row is
   * the row in flight (-1: none), shown_rows the rows drawn whole. */
  int                arrive_row;
  double             arrive_progress;
  guint              shown_rows;
  guint              arrive_tick_id;
  gint64             arrive_last_time;

  /* what was given to tv_view_state_set_playback() */
  int                paint_visible;
  int                paint_row;
  double             paint_progress;

  /* The diagram shows the playback (the rows played so far), not the
   * whole connection: from play, a step or a seek until the end. */
  guint              active : 1;
  guint              placed : 1;         /* the panes have their first positions */
  guint              bottom : 1;         /* explanation and table under the diagram */
  guint              in_tick : 1;
  guint              bar_playing : 1;    /* the play button shows Pause */
  guint              notified_playing : 1; /* "playing" as last notified */
  guint              syncing : 1;    /* the view moves the selection itself */
  guint              user_placed : 1; /* the person moved a divider */
  guint              details_hidden : 1; /* explanation and table hidden */
};

G_DEFINE_FINAL_TYPE (TvConnectionView, tv_connection_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  PROP_PLAYBACK_SPEED,
  PROP_PLAYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const speeds[] = { "0.25", "0.5", "1", "2", "4", "8", "step" };

static gboolean
speed_is_valid (const char *speed)
{
  return speed != NULL && g_strv_contains ((const char * const *) speeds, speed);
}

static guint
n_rows (TvConnectionView *self)
{
  return self->playback != NULL ? tv_playback_get_n_rows (self->playback) : 0;
}

/* The selected segment, as the views show it (the state may name one the
 * connection does not have). */
static int
selected_segment (TvConnectionView *self)
{
  int selected = tv_view_state_get_selected_segment (self->state);

  return selected >= 0 && (guint) selected < n_rows (self) ? selected : -1;
}

/* ---- the frame clock ------------------------------------------------------- */

static void after_change (TvConnectionView *self);

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  gint64 elapsed = self->last_frame_time > 0 ? now - self->last_frame_time : 0;

  self->last_frame_time = now;

  self->in_tick = TRUE;
  tv_connection_view_advance (self, CLAMP (elapsed, 0, MAX_FRAME_ELAPSED_US));
  self->in_tick = FALSE;

  if (self->playback != NULL && tv_playback_is_playing (self->playback))
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* A tick callback while playing, none otherwise: an idle view costs no
 * CPU. */
static void
sync_ticking (TvConnectionView *self)
{
  gboolean playing = self->playback != NULL && tv_playback_is_playing (self->playback);

  if (playing && self->tick_id == 0)
    {
      self->last_frame_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
    }
  else if (!playing && self->tick_id != 0 && !self->in_tick)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

/* ---- what is shown ----------------------------------------------------------- */

static void
update_bar (TvConnectionView *self)
{
  guint n = n_rows (self);
  gboolean playing = self->playback != NULL && tv_playback_is_playing (self->playback);
  g_autofree char *step = NULL;
  guint enabled;
  double value;
  int row;

  if (self->active)
    {
      row = tv_playback_get_current_row (self->playback);
      value = tv_playback_get_n_shown (self->playback);
      if (tv_playback_is_in_flight (self->playback))
        value += tv_playback_get_progress (self->playback);
    }
  else
    {
      /* the whole diagram: the scrubber stands at the selected segment */
      row = selected_segment (self);
      value = row >= 0 ? (double) row + 1 : (double) n;
    }

  gtk_adjustment_configure (self->scrubber_adjustment, value, 0, MAX (n, 1), 1, 1, 0);
  if (n != self->marked_rows)
    {
      /* a tick per step where they are far enough apart to count */
      self->marked_rows = n;
      gtk_scale_clear_marks (self->scrubber);
      if (n <= MAX_MARKS)
        for (guint i = 0; i <= n && n > 0; i++)
          gtk_scale_add_mark (self->scrubber, i, GTK_POS_BOTTOM, NULL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->scrubber), n > 0);

  if (n == 0)
    step = g_strdup (self->conn != NULL ? _("No segments") : "");
  else if (self->active || row >= 0)
    /* Translators: where the playback is: "Step 3 of 11". */
    step = g_strdup_printf (_("Step %d of %u"), row + 1, n);
  else
    step = g_strdup_printf (ngettext ("%u step", "%u steps", n), n);
  /* this runs on every frame while playing: change only what changed */
  if (g_strcmp0 (gtk_label_get_text (self->step_label), step) != 0)
    {
      gtk_label_set_text (self->step_label, step);
      /* a screen reader says "Step 3 of 11", not the scrubber's number */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->scrubber),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, step, -1);
    }

  if (playing != self->bar_playing)
    {
      self->bar_playing = playing;
      gtk_button_set_icon_name (self->play_button,
                                playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                                   playing ? _("Pause (Space)") : _("Play (Space)"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, playing ? _("Pause") : _("Play"),
                                      -1);
    }

  enabled = (n > 0 ? ENABLE_PLAY : 0) |
            (n > 0 && (!self->active || tv_playback_get_n_shown (self->playback) < n) ? ENABLE_FORWARD : 0) |
            (n > 0 && (!self->active || tv_playback_get_current_row (self->playback) >= 0) ? ENABLE_BACK : 0);
  if (enabled != self->enabled)
    {
      self->enabled = enabled;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "playback.toggle", enabled & ENABLE_PLAY);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "playback.restart", enabled & ENABLE_PLAY);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "playback.step-forward", enabled & ENABLE_FORWARD);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "playback.step-back", enabled & ENABLE_BACK);
    }
}

/* The diagram shows the rows played so far, the selection follows the
 * playback and the view keeps the arrow in sight. */
/* ---- arriving segments ------------------------------------------------------ */

/* How long a newly arrived arrow travels, and how many may wait: a busier
 * connection than that is shown as it comes, without the travel. */
#define ARRIVE_US 220000
#define ARRIVE_MAX_BACKLOG 12

static void
arrive_stop (TvConnectionView *self)
{
  if (self->arrive_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->ladder), self->arrive_tick_id);
      self->arrive_tick_id = 0;
    }
  if (self->arrive_row >= 0)
    {
      self->arrive_row = -1;
      if (!self->active)
        tv_view_state_set_playback (self->state, -1, -1, 1);
    }
  self->shown_rows = n_rows (self);
}

static gboolean
on_arrive_tick (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  TvConnectionView *self = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  gint64 elapsed = self->arrive_last_time > 0 ? now - self->arrive_last_time : 0;
  guint n = n_rows (self);

  self->arrive_last_time = now;
  self->arrive_progress += (double) CLAMP (elapsed, 0, MAX_FRAME_ELAPSED_US) / ARRIVE_US;
  while (self->arrive_progress >= 1 && self->arrive_row >= 0)
    {
      self->arrive_progress -= 1;
      self->arrive_row++;
      if ((guint) self->arrive_row >= n)
        {
          self->arrive_tick_id = 0;
          arrive_stop (self);
          return G_SOURCE_REMOVE;
        }
    }
  if (n - (guint) self->arrive_row > ARRIVE_MAX_BACKLOG)
    self->arrive_row = (int) (n - 1);
  tv_view_state_set_playback (self->state, self->arrive_row, self->arrive_row,
                              self->arrive_progress);
  return G_SOURCE_CONTINUE;
}

/* After segments were appended: let the new ones travel in, unless the view
 * plays back, the desktop asks for reduced motion, or too many came at once
 * (a file being loaded). */
static void
arrive_new_rows (TvConnectionView *self)
{
  guint n = n_rows (self);
  gboolean animations = TRUE;

  if (self->settings != NULL)
    g_object_get (self->settings, "gtk-enable-animations", &animations, NULL);

  if (self->active || !animations || !gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      n <= self->shown_rows || (self->arrive_row < 0 && n - self->shown_rows > ARRIVE_MAX_BACKLOG))
    {
      if (self->arrive_row < 0)
        self->shown_rows = n;
      return;
    }

  if (self->arrive_row < 0)
    {
      self->arrive_row = (int) self->shown_rows;
      self->arrive_progress = 0;
      self->arrive_last_time = 0;
      self->arrive_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->ladder), on_arrive_tick,
                                                           self, NULL);
    }
  tv_view_state_set_playback (self->state, self->arrive_row, self->arrive_row,
                              self->arrive_progress);
}

static void
update_diagram (TvConnectionView *self)
{
  int visible = -1, row = -1;
  double progress = 1;

  if (self->active)
    {
      if (self->arrive_row >= 0)
        arrive_stop (self);
      tv_playback_get_paint_state (self->playback, &visible, &row, &progress);
    }

  if (visible != self->paint_visible || row != self->paint_row || progress != self->paint_progress)
    {
      self->paint_visible = visible;
      self->paint_row = row;
      self->paint_progress = progress;
      /* the table gives away nothing the diagram does not show yet */
      self->syncing = TRUE;
      tv_view_state_set_playback (self->state, visible, row, progress);
      tv_view_state_set_shown_rows (self->state, visible);
      self->syncing = FALSE;
    }

  if (self->active)
    {
      int current = tv_playback_get_current_row (self->playback);

      if (current != self->followed_row)
        {
          self->followed_row = current;
          self->syncing = TRUE;
          tv_view_state_set_selected_segment (self->state, current);
          self->syncing = FALSE;
          if (current >= 0)
            tv_ladder_view_scroll_to_segment (self->ladder, current);
        }
    }
}

/* After the playback moved or was told to: the end of the playback shows
 * the whole diagram again, the frame clock runs only while playing. */
static void
after_change (TvConnectionView *self)
{
  gboolean playing;

  if (self->playback != NULL && self->active &&
      !tv_playback_is_playing (self->playback) && tv_playback_is_finished (self->playback))
    {
      /* the last row has arrived: everything is shown, as before playing */
      update_diagram (self);
      self->active = FALSE;
    }

  update_diagram (self);
  update_bar (self);
  sync_ticking (self);

  playing = self->playback != NULL && tv_playback_is_playing (self->playback);
  if (playing != self->notified_playing)
    {
      self->notified_playing = playing;
      tv_view_state_set_playing (self->state, playing);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
    }
}

void
tv_connection_view_advance (TvConnectionView *self,
                            gint64            elapsed_us)
{
  g_return_if_fail (TV_IS_CONNECTION_VIEW (self));

  if (self->playback == NULL)
    return;
  tv_playback_advance (self->playback, elapsed_us);
  after_change (self);
}

/* ---- settings ---------------------------------------------------------------- */

static void
apply_speed (TvConnectionView *self)
{
  const char *label;

  if (g_str_equal (self->speed, "step"))
    {
      /* Translators: the playback speed control, one segment per step. */
      label = _("Step by Step");
      if (self->playback != NULL)
        {
          tv_playback_set_speed (self->playback, 1.0);
          tv_playback_set_mode (self->playback, TV_PLAYBACK_MODE_STEP);
        }
    }
  else
    {
      static const char * const labels[] = {
        /* Translators: playback speeds, times real time */
        N_("0.25×"), N_("0.5×"), N_("1×"), N_("2×"), N_("4×"), N_("8×"),
      };
      label = "";
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        if (g_str_equal (self->speed, speeds[i]))
          label = _(labels[i]);
      if (self->playback != NULL)
        {
          tv_playback_set_mode (self->playback, TV_PLAYBACK_MODE_TIME);
          tv_playback_set_speed (self->playback, g_ascii_strtod (self->speed, NULL));
        }
    }
  gtk_menu_button_set_label (self->speed_button, label);
  {
    /* the button shows only "2×": a screen reader says what it is */
    /* Translators: the playback speed button's name for screen readers: "Playback speed: 2×" */
    g_autofree char *name = g_strdup_printf (_("Playback speed: %s"), label);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->speed_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
}

static void
apply_reduced_motion (TvConnectionView *self)
{
  gboolean animations = TRUE;

  if (self->settings != NULL)
    g_object_get (self->settings, "gtk-enable-animations", &animations, NULL);
  if (self->playback != NULL)
    tv_playback_set_reduced_motion (self->playback, !animations);
}

static void
on_animations_changed (TvConnectionView *self)
{
  apply_reduced_motion (self);
  if (self->playback != NULL)
    after_change (self);
}

static void
watch_settings (TvConnectionView *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));

  if (settings == self->settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, on_animations_changed, self);
  g_set_object (&self->settings, settings);
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "notify::gtk-enable-animations",
                              G_CALLBACK (on_animations_changed), self);
  on_animations_changed (self);
}

static void
tv_connection_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tv_connection_view_parent_class)->root (widget);

  /* the settings of the display the view is on */
  watch_settings (TV_CONNECTION_VIEW (widget));
}

/* ---- the selection ------------------------------------------------------------- */

/* The ladder, or a graph of the view drop-down's choice (0: the ladder,
 * then the TvGraphKinds in order). */
static void
on_view_selected (TvConnectionView *self)
{
  guint selected = gtk_drop_down_get_selected (self->view_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    gtk_stack_set_visible_child_name (self->view_stack, "ladder");
  else
    {
      tv_graph_view_set_kind (self->graph, (TvGraphKind) (selected - 1));
      gtk_stack_set_visible_child_name (self->view_stack, "graph");
    }
  /* the flow box's child around it */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->direction_dropdown)), selected > 0);
}

static void
update_diagnosis (TvConnectionView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->conn != NULL)
    {
      g_autoptr(TvDiagnosis) d = tv_diagnosis_new (self->conn);
      g_auto(GStrv) lines = tv_diagnosis_describe (d, self->conn);

      for (guint i = 0; lines[i] != NULL; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", lines[i]);
    }
  gtk_label_set_text (self->diagnosis_label, text->str);
}

static void
on_selected_changed (TvConnectionView *self)
{
  int selected;

  if (!self->active && self->playback != NULL)
    update_bar (self);   /* the scrubber goes to the segment */
  if (self->syncing || !self->active || self->playback == NULL)
    return;

  /* A segment picked in the diagram or the table while the connection
   * plays: the playback goes there and waits. */
  selected = selected_segment (self);
  if (selected < 0)
    return;
  tv_playback_seek_row (self->playback, selected);
  self->followed_row = selected;
  after_change (self);
}

/* ---- actions ------------------------------------------------------------------ */

static void
toggle_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (widget);

  if (self->playback == NULL || n_rows (self) == 0)
    return;
  if (self->active)
    tv_playback_toggle (self->playback);
  else
    {
      /* the whole diagram is shown: play it from the start */
      tv_playback_restart (self->playback);
      tv_playback_play (self->playback);
      self->active = TRUE;
      self->followed_row = -2;
    }
  after_change (self);
}

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (widget);

  if (self->playback == NULL || n_rows (self) == 0)
    return;
  tv_playback_restart (self->playback);
  self->active = TRUE;
  self->followed_row = -2;
  after_change (self);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (widget);
  gboolean forward = g_str_equal (action_name, "playback.step-forward");
  int n = (int) n_rows (self);

  if (self->playback == NULL || n == 0)
    return;

  if (self->active)
    {
      if (forward)
        tv_playback_step_forward (self->playback);
      else
        tv_playback_step_back (self->playback);
    }
  else
    {
      /* The whole diagram is shown: step from the selected segment (from
       * the start, or back from the end, without one). */
      int selected = selected_segment (self);
      int target;

      if (forward)
        target = selected + 1 < n ? selected + 1 : 0;
      else
        target = (selected >= 0 ? selected : n) - 1;
      tv_playback_seek_row (self->playback, target);
      self->active = TRUE;
      self->followed_row = -2;
    }
  after_change (self);
}

/* ---- the room for the diagram -------------------------------------------------- */

static void
fit_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (widget);

  tv_ladder_view_zoom_to_fit (self->ladder);
}

static void
details_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (widget);

  tv_connection_view_set_details_visible (self, self->details_hidden);
}

void
tv_connection_view_set_details_visible (TvConnectionView *self,
                                        gboolean          visible)
{
  g_return_if_fail (TV_IS_CONNECTION_VIEW (self));

  if (self->details_hidden == !visible)
    return;
  self->details_hidden = !visible;
  gtk_widget_set_visible (GTK_WIDGET (self->side_paned), !!visible);
  gtk_toggle_button_set_active (self->details_button, !!visible);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

gboolean
tv_connection_view_get_details_visible (TvConnectionView *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION_VIEW (self), TRUE);

  return !self->details_hidden;
}

static void
on_details_toggled (GtkToggleButton  *button,
                    TvConnectionView *self)
{
  tv_connection_view_set_details_visible (self, gtk_toggle_button_get_active (button));
}

/* ---- the scrubber ------------------------------------------------------------- */

static gboolean
on_scrubber_change_value (GtkRange         *range,
                          GtkScrollType     scroll,
                          double            value,
                          TvConnectionView *self)
{
  int n = (int) n_rows (self);
  int row;

  if (self->playback == NULL || n == 0)
    return TRUE;

  /* value k: rows 0 … k-1 shown */
  row = (int) CLAMP (round (value), 0, n) - 1;
  if (self->active && !tv_playback_is_playing (self->playback) &&
      tv_playback_get_current_row (self->playback) == row &&
      !tv_playback_is_in_flight (self->playback))
    {
      update_bar (self);
      return TRUE;
    }
  tv_playback_seek_row (self->playback, row);
  self->active = TRUE;
  after_change (self);
  return TRUE;
}

/* ---- layout ------------------------------------------------------------------- */

/* The side pane's width: at least this, and no more than that, or than
 * SIDE_WIDE_WIDTH for a segment table that wants more.  Under the
 * diagram, the explanation keeps at least EXPLAIN_MIN_WIDTH. */
#define SIDE_MIN_WIDTH 420
#define SIDE_MAX_WIDTH 460
#define SIDE_WIDE_WIDTH 680
#define EXPLAIN_MIN_WIDTH 300
#define PANED_HANDLE_WIDTH 6
/* narrower than this (a phone), the playback bar has no room for the step
 * count: the scrubber shows where the playback is */
#define STEP_LABEL_MIN_WIDTH 480

static GtkSizeRequestMode
tv_connection_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
tv_connection_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->paned), orientation, -1, minimum, natural, NULL, NULL);
}

static gboolean
step_label_cb (gpointer user_data)
{
  TvConnectionView *self = user_data;

  gtk_widget_set_visible (GTK_WIDGET (self->step_label),
                          gtk_widget_get_width (GTK_WIDGET (self)) >= STEP_LABEL_MIN_WIDTH);
  return G_SOURCE_REMOVE;
}

/* The width of the explanation under the diagram: a reading width, or
 * narrower (not below EXPLAIN_MIN_WIDTH) so that the table beside it
 * shows all its columns. */
static int
bottom_explain_width (int width,
                      int table)
{
  int explain = CLAMP (width * 40 / 100, 260, 520);

  /* the divider between them takes a few pixels too */
  return MIN (explain, MAX (width - table - PANED_HANDLE_WIDTH, EXPLAIN_MIN_WIDTH));
}

/* The width of the side pane beside the diagram: the diagram at its
 * natural width if it can, the pane the rest up to a limit (more for a
 * table that needs it). */
static int
side_width (int width,
            int diagram,
            int table)
{
  int side_max = CLAMP (table + PANED_HANDLE_WIDTH, SIDE_MAX_WIDTH, SIDE_WIDE_WIDTH);

  return CLAMP (width - diagram, SIDE_MIN_WIDTH, side_max);
}

/* Where the explanation and the table go: beside the diagram when there is
 * room for the diagram's natural width and the side pane, else under it
 * (and then side by side).  The panes get their positions when this
 * changes, and follow what the table needs (its rows come after the first
 * layout) until the person moves them; then they stay where the person
 * puts them. */
static void
tv_connection_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (widget);
  int diagram = 0, table = 0;
  gboolean bottom, flipped = FALSE;
  gboolean step_label = width >= STEP_LABEL_MIN_WIDTH;

  gtk_widget_measure (GTK_WIDGET (self->ladder), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &diagram, NULL, NULL);
  /* the width the table wants for all its columns */
  gtk_widget_measure (GTK_WIDGET (self->table), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &table, NULL, NULL);
  bottom = width < diagram + SIDE_MIN_WIDTH;

  self->in_allocate++;
  /* not while allocating: the view's own width changes */
  if (step_label != gtk_widget_get_visible (GTK_WIDGET (self->step_label)))
    g_idle_add_full (G_PRIORITY_DEFAULT, step_label_cb, g_object_ref (self), g_object_unref);
  if (!self->placed || bottom != self->bottom)
    {
      int min;

      flipped = self->placed;
      self->placed = TRUE;
      self->bottom = bottom;
      self->user_placed = FALSE;
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned),
                                      bottom ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
      /* under the diagram the details may be shorter than they would
       * like (they scroll): the diagram keeps its share */
      gtk_paned_set_shrink_end_child (self->paned, bottom);
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->side_paned),
                                      bottom ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
      if (bottom)
        {
          /* the diagram above, a bit over a third of the height for the
           * rest; the explanation on the left */
          gtk_paned_set_position (self->paned, height - CLAMP (height * 36 / 100, 180, 340));
          gtk_paned_set_position (self->side_paned, bottom_explain_width (width, table));
        }
      else
        {
          /* the explanation above the table */
          gtk_paned_set_position (self->paned, width - side_width (width, diagram, table));
          gtk_paned_set_position (self->side_paned, CLAMP (height * 45 / 100, 160, 360));
        }
      /* measured again in its new orientation before it is allocated */
      gtk_widget_measure (GTK_WIDGET (self->paned), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (self->paned), GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
    }
  else if (!self->user_placed)
    {
      /* the table's rows arrived, the window was resized: the widths
       * follow, until the person moves a divider */
      GtkPaned *paned = bottom ? self->side_paned : self->paned;
      int position = bottom ? bottom_explain_width (width, table) : width - side_width (width, diagram, table);

      if (gtk_paned_get_position (paned) != position)
        gtk_paned_set_position (paned, position);
    }

  if (bottom && !self->details_hidden)
    {
      /* Under the diagram the details take a bit over a third, or what
       * the person gave them; never more than half: the diagram never
       * collapses, whatever the resizes and zooms before. */
      int position = gtk_paned_get_position (self->paned);
      int wanted = self->user_placed ? position : height - CLAMP (height * 36 / 100, 180, 340);

      /* the view, diagnosis and playback bars are in the diagram's part: 70 % of the height
       * leaves the diagram itself more than half */
      wanted = MAX (wanted, height * 70 / 100);
      if (wanted != position)
        gtk_paned_set_position (self->paned, wanted);
    }

  gtk_widget_size_allocate (GTK_WIDGET (self->paned),
                            &(GtkAllocation) { 0, 0, width, height }, baseline);
  self->in_allocate--;

  /* the diagram got another height: the arrow in sight again */
  if (flipped && self->active && tv_playback_get_current_row (self->playback) >= 0)
    tv_ladder_view_scroll_to_segment (self->ladder, tv_playback_get_current_row (self->playback));
}

/* A divider moved, not by the view: the person placed it. */
static void
on_paned_position (TvConnectionView *self)
{
  if (self->in_allocate == 0 && self->placed)
    self->user_placed = TRUE;
}

/* ---- public API ---------------------------------------------------------------- */

GtkWidget *
tv_connection_view_new (void)
{
  return g_object_new (TV_TYPE_CONNECTION_VIEW, NULL);
}

/* The state shows another connection: the views inside have taken it;
 * the playback starts again, stopped, showing the whole diagram. */
static void
on_state_connection (TvConnectionView *self)
{
  TvTracker *tracker = tv_view_state_get_tracker (self->state);
  TvConn *conn = tv_view_state_get_conn (self->state);

  if (self->tracker == tracker && self->conn == conn)
    return;

  self->active = FALSE;
  arrive_stop (self);
  self->followed_row = -2;
  g_clear_pointer (&self->playback, tv_playback_free);
  self->tracker = tracker;
  self->conn = conn;
  tv_graph_view_set_connection (self->graph, tracker, conn);
  update_diagnosis (self);
  /* what the diagram shows for a new connection (tv-view-state.c) */
  self->paint_visible = -1;
  self->paint_row = -1;
  self->paint_progress = 1;

  if (conn != NULL)
    {
      self->playback = tv_playback_new (conn);
      /* at 1x, each step stays until its explanation is read */
      tv_playback_set_reading (self->playback, tracker);
      apply_speed (self);
      apply_reduced_motion (self);
    }
  self->shown_rows = n_rows (self);
  after_change (self);
}

TvConn *
tv_connection_view_get_connection (TvConnectionView *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION_VIEW (self), NULL);

  return self->conn;
}

/* Segments were appended to the shown connection (live capture, a file
 * still loading): the views inside have taken them in (they were bound to
 * the state first); the playback takes them in. */
static void
on_segments_added (TvConnectionView *self)
{
  if (self->conn == NULL)
    return;

  /* the graph and the diagnosis are not on the state yet: told here */
  tv_graph_view_connection_changed (self->graph);
  update_diagnosis (self);
  if (self->playback != NULL)
    tv_playback_update (self->playback);
  after_change (self);

  /* the diagram follows the newest rows when it was at the end: keep the
   * arrow of the playback in sight instead */
  if (self->active && tv_playback_get_current_row (self->playback) >= 0)
    tv_ladder_view_scroll_to_segment (self->ladder, tv_playback_get_current_row (self->playback));
  else
    arrive_new_rows (self);
}

int
tv_connection_view_get_arrival (TvConnectionView *self,
                                double           *progress)
{
  g_return_val_if_fail (TV_IS_CONNECTION_VIEW (self), -1);

  if (progress != NULL)
    *progress = self->arrive_progress;
  return self->arrive_row;
}

GtkWidget *
tv_connection_view_get_ladder_view (TvConnectionView *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION_VIEW (self), NULL);

  return GTK_WIDGET (self->ladder);
}

GtkWidget *
tv_connection_view_get_segment_table (TvConnectionView *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION_VIEW (self), NULL);

  return GTK_WIDGET (self->table);
}

GtkWidget *
tv_connection_view_get_explain_pane (TvConnectionView *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION_VIEW (self), NULL);

  return GTK_WIDGET (self->explain);
}

static void
on_state_notify (TvConnectionView *self,
                 GParamSpec       *pspec)
{
  if (g_str_equal (pspec->name, "connection"))
    on_state_connection (self);
  else if (g_str_equal (pspec->name, "selected-segment"))
    on_selected_changed (self);
}

void
tv_connection_view_set_state (TvConnectionView *self,
                              TvViewState      *state)
{
  g_autoptr(TvViewState) own = NULL;

  g_return_if_fail (TV_IS_CONNECTION_VIEW (self));
  g_return_if_fail (state == NULL || TV_IS_VIEW_STATE (state));

  if (state == NULL)
    state = own = tv_view_state_new ();
  if (self->state == state)
    return;
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  /* the views inside take the state first (their bindings), then the
   * playback follows what they show */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (self->graph_selection != NULL)
    g_binding_unbind (self->graph_selection);
  self->graph_selection = g_object_bind_property (state, "selected-segment", self->graph, "selected-segment",
                                                  G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (state, "notify", G_CALLBACK (on_state_notify), self);
  g_signal_connect_swapped (state, "segments-added", G_CALLBACK (on_segments_added), self);
  on_state_connection (self);
}

TvViewState *
tv_connection_view_get_state (TvConnectionView *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION_VIEW (self), NULL);

  return self->state;
}

int
tv_connection_view_get_selected_segment (TvConnectionView *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION_VIEW (self), -1);

  return selected_segment (self);
}

void
tv_connection_view_set_playback_speed (TvConnectionView *self,
                                       const char       *speed)
{
  g_return_if_fail (TV_IS_CONNECTION_VIEW (self));
  g_return_if_fail (speed_is_valid (speed));

  if (g_strcmp0 (self->speed, speed) == 0)
    return;
  g_free (self->speed);
  self->speed = g_strdup (speed);
  apply_speed (self);
  if (self->playback != NULL)
    after_change (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYBACK_SPEED]);
}

const char *
tv_connection_view_get_playback_speed (TvConnectionView *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION_VIEW (self), NULL);

  return self->speed;
}

gboolean
tv_connection_view_get_playing (TvConnectionView *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION_VIEW (self), FALSE);

  return self->playback != NULL && tv_playback_is_playing (self->playback);
}

/* ---- private (tests) ------------------------------------------------------------ */

TvPlayback *
tv_connection_view_get_playback (TvConnectionView *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION_VIEW (self), NULL);

  return self->playback;
}

void
tv_connection_view_get_paint_state (TvConnectionView *self,
                                    int              *visible_rows,
                                    int              *progress_row,
                                    double           *progress)
{
  g_return_if_fail (TV_IS_CONNECTION_VIEW (self));

  if (visible_rows != NULL)
    *visible_rows = self->paint_visible;
  if (progress_row != NULL)
    *progress_row = self->paint_row;
  if (progress != NULL)
    *progress = self->paint_progress;
}

gboolean
tv_connection_view_is_ticking (TvConnectionView *self)
{
  g_return_val_if_fail (TV_IS_CONNECTION_VIEW (self), FALSE);

  return self->tick_id != 0;
}

/* ---- GObject ----------------------------------------------------------------- */

static void
tv_connection_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    case PROP_PLAYBACK_SPEED:
      g_value_set_string (value, self->speed);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, tv_connection_view_get_playing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_connection_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      tv_connection_view_set_state (self, g_value_get_object (value));
      break;
    case PROP_PLAYBACK_SPEED:
      tv_connection_view_set_playback_speed (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_connection_view_dispose (GObject *object)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->arrive_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->ladder), self->arrive_tick_id);
      self->arrive_tick_id = 0;
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, on_animations_changed, self);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), TV_TYPE_CONNECTION_VIEW);

  g_clear_pointer (&self->playback, tv_playback_free);
  self->graph_selection = NULL;
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  self->tracker = NULL;
  self->conn = NULL;

  G_OBJECT_CLASS (tv_connection_view_parent_class)->dispose (object);
}

static void
tv_connection_view_finalize (GObject *object)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (object);

  g_free (self->speed);

  G_OBJECT_CLASS (tv_connection_view_parent_class)->finalize (object);
}

static void
tv_connection_view_class_init (TvConnectionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tv_connection_view_get_property;
  object_class->set_property = tv_connection_view_set_property;
  object_class->dispose = tv_connection_view_dispose;
  object_class->finalize = tv_connection_view_finalize;
  widget_class->root = tv_connection_view_root;
  widget_class->get_request_mode = tv_connection_view_get_request_mode;
  widget_class->measure = tv_connection_view_measure;
  widget_class->size_allocate = tv_connection_view_size_allocate;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, TV_TYPE_VIEW_STATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYBACK_SPEED] =
    g_param_spec_string ("playback-speed", NULL, NULL, "1",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TV_TYPE_LADDER_VIEW);
  g_type_ensure (TV_TYPE_GRAPH_VIEW);
  g_type_ensure (TV_TYPE_SEGMENT_TABLE);
  g_type_ensure (TV_TYPE_EXPLAIN_PANE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/TcpViz/tv-connection-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, paned);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, ladder);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, view_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, direction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, graph);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, diagnosis_label);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, play_button);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, scrubber);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, scrubber_adjustment);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, step_label);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, speed_button);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, details_button);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, fit_button);
  gtk_widget_class_bind_template_callback (widget_class, on_details_toggled);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, side_paned);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, explain);
  gtk_widget_class_bind_template_child (widget_class, TvConnectionView, table);
  gtk_widget_class_bind_template_callback (widget_class, on_scrubber_change_value);

  gtk_widget_class_install_action (widget_class, "playback.toggle", NULL, toggle_action);
  gtk_widget_class_install_action (widget_class, "playback.step-forward", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "playback.step-back", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "playback.restart", NULL, restart_action);
  gtk_widget_class_install_property_action (widget_class, "playback.speed", "playback-speed");
  gtk_widget_class_install_action (widget_class, "view.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "view.details", NULL, details_action);


  gtk_widget_class_set_css_name (widget_class, "tv-connection-view");
}

/* The playback keys work wherever the focus is in the window, except
 * where the focused widget needs the key: text (the search entry), a menu,
 * Space on a button.  They run before the focus widget (the window's
 * search bar would otherwise take "." or Space from the connection list to
 * start a search).  Without a connection shown, the keys go on. */
static gboolean
on_shortcut (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  TvConnectionView *self = TV_CONNECTION_VIEW (widget);
  const char *action = user_data;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (!gtk_widget_get_mapped (widget) || n_rows (self) == 0)
    return FALSE;
  if (focus != NULL &&
      (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus) ||
       gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL))
    return FALSE;
  if (focus != NULL && g_str_equal (action, "playback.toggle") &&
      (GTK_IS_BUTTON (focus) || GTK_IS_CHECK_BUTTON (focus) || GTK_IS_SWITCH (focus)))
    return FALSE;

  return gtk_widget_activate_action (widget, action, NULL);
}

static void
add_shortcuts (TvConnectionView *self)
{
  static const struct {
    guint           keyval;
    GdkModifierType modifiers;
    const char     *action;
  } keys[] = {
    { GDK_KEY_space, 0, "playback.toggle" },
    { GDK_KEY_KP_Space, 0, "playback.toggle" },
    { GDK_KEY_Right, 0, "playback.step-forward" },
    { GDK_KEY_period, 0, "playback.step-forward" },
    { GDK_KEY_Left, 0, "playback.step-back" },
    { GDK_KEY_comma, 0, "playback.step-back" },
    { GDK_KEY_Home, GDK_CONTROL_MASK, "playback.restart" },
    { GDK_KEY_f, 0, "view.fit" },
    { GDK_KEY_d, 0, "view.details" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, keys[i].modifiers),
                                                            gtk_callback_action_new (on_shortcut,
                                                                                     (gpointer) keys[i].action,
                                                                                     NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
tv_connection_view_init (TvConnectionView *self)
{
  self->speed = g_strdup ("1");
  self->followed_row = -2;
  self->arrive_row = -1;
  self->bar_playing = TRUE;   /* so that the first update sets the button */
  self->enabled = ENABLE_UNSET;
  self->paint_visible = -1;
  self->paint_row = -1;
  self->paint_progress = 1;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self->graph, "direction", self->direction_dropdown, "selected",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->view_dropdown, "notify::selected", G_CALLBACK (on_view_selected), self,
                           G_CONNECT_SWAPPED);
  on_view_selected (self);
  g_signal_connect_object (self->paned, "notify::position", G_CALLBACK (on_paned_position), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->side_paned, "notify::position", G_CALLBACK (on_paned_position), self,
                           G_CONNECT_SWAPPED);

  /* a state of its own until it is given one */
  tv_connection_view_set_state (self, NULL);
  add_shortcuts (self);
  apply_speed (self);
  update_bar (self);
}
