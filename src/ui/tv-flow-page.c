/* tv-flow-page.c: TvFlowPage, the flow view with its choices, playback and
 * explanation.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-flow-page"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "tv-explain-pane.h"
#include "tv-flow-compare.h"
#include "tv-flow-export.h"
#include "tv-flow-painter.h"
#include "tv-flow-page.h"

#define STEP_US   1200000   /* one arrow after the other, at 1× */
#define TRAVEL_US  400000

struct _TvFlowPage
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkDropDown    *scope_dropdown;
  GtkEntry       *ids_entry;
  GtkWidget      *range_box;
  GtkSpinButton  *from_spin;
  GtkSpinButton  *to_spin;
  GtkToggleButton *port_toggle;
  GtkToggleButton *fold_toggle;
  GtkToggleButton *compare_toggle;
  GtkSpinner     *spinner;
  GtkLabel       *count_label;
  GtkButton      *play_button;
  GtkDrawingArea *comparison;
  TvFlowView     *view;
  TvExplainPane  *explain;

  TvTracker      *tracker;
  gboolean        finished;
  int             current;        /* connection selected elsewhere */
  gboolean        syncing;        /* selecting for the shared selection */
  gboolean        comparing;      /* the layout on screen is side by side */
  TvFlowPhaseTimes times[2];
  TvFlowPainter  *cmp_painter;

  /* playback */
  guint           tick_id;
  gint64          last_frame_us;
  gint64          clock_us;       /* since the current row left */
  int             play_row;       /* -1: not playing back */
};

enum {
  SIGNAL_SEGMENT_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TvFlowPage, tv_flow_page, GTK_TYPE_WIDGET)

static void rebuild (TvFlowPage *self);

/* ---- which connections ------------------------------------------------------- */

/* The IDs typed in the entry, below @n; each once, in the order typed. */
static GArray *
parse_chosen (TvFlowPage *self,
              guint       n)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) parts = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->ids_entry)), ", ;", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      guint64 v;
      gboolean seen = FALSE;

      if (parts[i][0] == '\0' || !g_ascii_isdigit (parts[i][0]))
        continue;
      v = g_ascii_strtoull (parts[i], &end, 10);
      if (*end != '\0' || v >= n)
        continue;
      for (guint j = 0; j < ids->len; j++)
        seen |= g_array_index (ids, guint, j) == v;
      if (!seen)
        {
          guint id = (guint) v;

          g_array_append_val (ids, id);
        }
    }
  return ids;
}

static void
update_count (TvFlowPage *self)
{
  TvFlowLayout *layout = tv_flow_view_get_layout (self->view);
  g_autofree char *conns = NULL, *rows = NULL;

  if (tv_flow_view_get_busy (self->view))
    {
      gtk_label_set_text (self->count_label, _("Laying out…"));
      return;
    }
  if (layout == NULL)
    {
      gtk_label_set_text (self->count_label, _("No connection to show"));
      return;
    }
  conns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u connection", "%u connections",
                                        tv_flow_layout_get_n_conns (layout)),
                           tv_flow_layout_get_n_conns (layout));
  rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u arrow", "%u arrows",
                                       tv_flow_layout_get_n_rows (layout)),
                          tv_flow_layout_get_n_rows (layout));
  /* TRANSLATORS: "6 connections, 243 arrows" */
  {
    g_autofree char *text = g_strdup_printf (_("%s, %s"), conns, rows);

    gtk_label_set_text (self->count_label, text);
  }
}

static void
stop_playback (TvFlowPage *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _("Play the arrows one after the other"));
}

static void
rebuild (TvFlowPage *self)
{
  TvFlowScope scope = gtk_drop_down_get_selected (self->scope_dropdown);
  g_autoptr(GArray) ids = NULL;
  TvFlowOptions opt;
  guint n;

  stop_playback (self);
  self->play_row = -1;
  gtk_widget_set_visible (GTK_WIDGET (self->ids_entry), scope == TV_FLOW_SCOPE_CHOSEN);
  gtk_widget_set_visible (self->range_box, scope == TV_FLOW_SCOPE_CAPTURE);

  tv_flow_options_init (&opt);
  opt.lifelines = gtk_toggle_button_get_active (self->port_toggle) ? TV_FLOW_LIFELINES_PORT
                                                                   : TV_FLOW_LIFELINES_HOST;
  opt.fold = gtk_toggle_button_get_active (self->fold_toggle);

  n = self->tracker != NULL ? tv_tracker_get_n_conns (self->tracker) : 0;
  switch (scope)
    {
    case TV_FLOW_SCOPE_HOSTS:
      if (self->current >= 0 && (guint) self->current < n)
        {
          const TvConn *c = tv_tracker_get_conn (self->tracker, self->current);

          ids = tv_flow_select_hosts (self->tracker, &c->client.address, &c->server.address);
        }
      break;
    case TV_FLOW_SCOPE_CAPTURE:
      {
        double from = gtk_spin_button_get_value (self->from_spin);
        double to = gtk_spin_button_get_value (self->to_spin);
        gint64 t0 = G_MAXINT64;

        ids = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
        for (guint i = 0; i < n; i++)
          {
            const TvConn *c = tv_tracker_get_conn (self->tracker, i);

            g_array_append_val (ids, i);
            if (c->n_segs > 0)
              t0 = MIN (t0, c->first_ns);
          }
        if (to > from && t0 != G_MAXINT64)
          {
            opt.time_start = t0 + (gint64) (from * 1e9);
            opt.time_end = t0 + (gint64) (to * 1e9);
          }
      }
      break;
    case TV_FLOW_SCOPE_CHOSEN:
    default:
      ids = parse_chosen (self, n);
      break;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_toggle),
                            scope == TV_FLOW_SCOPE_CHOSEN && ids != NULL && ids->len == 2);
  self->comparing = scope == TV_FLOW_SCOPE_CHOSEN && ids != NULL && ids->len == 2 &&
                    gtk_toggle_button_get_active (self->compare_toggle);
  if (self->comparing)
    {
      opt.lifelines = TV_FLOW_LIFELINES_CONNECTION;
      opt.align_start = TRUE;
      opt.spacing = TV_LADDER_SPACING_TIME;
      tv_flow_phase_times (tv_tracker_get_conn (self->tracker, g_array_index (ids, guint, 0)), &self->times[0]);
      tv_flow_phase_times (tv_tracker_get_conn (self->tracker, g_array_index (ids, guint, 1)), &self->times[1]);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->comparison), self->comparing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->port_toggle), !self->comparing);

  tv_view_state_show_conn (tv_explain_pane_get_state (self->explain), NULL, NULL);
  if (ids == NULL || ids->len == 0)
    tv_flow_view_set_connections (self->view, NULL, NULL, 0, NULL, self->finished);
  else
    tv_flow_view_set_connections (self->view, self->tracker, (guint *) ids->data, ids->len, &opt,
                                  self->finished);
  update_count (self);
}

/* ---- the comparison, above the view ------------------------------------------- */

static void
draw_comparison (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  TvFlowPage *self = user_data;
  TvFlowLayout *layout = tv_flow_view_get_layout (self->view);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  TvLadderStyle style;
  double h;

  if (layout == NULL || !self->comparing)
    return;

  tv_ladder_style_init (&style, adw_style_manager_get_dark (manager) ? TV_LADDER_STYLE_DARK
                                                                      : TV_LADDER_STYLE_LIGHT);
  if (self->cmp_painter == NULL)
    self->cmp_painter = tv_flow_painter_new (&style);
  else
    tv_flow_painter_set_style (self->cmp_painter, &style);

  cairo_set_source_rgba (cr, style.background.red, style.background.green, style.background.blue, 1);
  cairo_paint (cr);
  h = tv_flow_painter_paint_comparison (self->cmp_painter, cr, layout, &self->times[0], &self->times[1],
                                        0, 0, width);
  if (fabs (h - height) > 1)
    gtk_widget_set_size_request (GTK_WIDGET (area), -1, (int) ceil (h));
}

static void
on_layout_changed (TvFlowPage *self)
{
  update_count (self);
  if (self->comparing)
    {
      gtk_widget_set_size_request (GTK_WIDGET (self->comparison), -1, 200);
      gtk_widget_queue_draw (GTK_WIDGET (self->comparison));
    }
}

static void
on_busy_notify (TvFlowPage *self)
{
  gtk_spinner_set_spinning (self->spinner, tv_flow_view_get_busy (self->view));
  update_count (self);
}

/* ---- selection ------------------------------------------------------------------- */

static void
on_selected_row_notify (TvFlowPage *self)
{
  guint conn_id, seg;

  if (!tv_flow_view_get_selected_segment (self->view, &conn_id, &seg))
    {
      tv_view_state_set_selected_segment (tv_explain_pane_get_state (self->explain), -1);
      return;
    }

  /* the explanation of the segment, as for one connection */
  tv_view_state_show_conn (tv_explain_pane_get_state (self->explain), self->tracker, tv_tracker_get_conn (self->tracker, conn_id));
  tv_view_state_set_selected_segment (tv_explain_pane_get_state (self->explain), seg);

  if (!self->syncing)
    g_signal_emit (self, signals[SIGNAL_SEGMENT_SELECTED], 0, conn_id, seg);
}

gboolean
tv_flow_page_select_segment (TvFlowPage *self,
                             guint       conn_id,
                             guint       seg_index)
{
  gboolean found;

  g_return_val_if_fail (TV_IS_FLOW_PAGE (self), FALSE);

  self->syncing = TRUE;
  found = tv_flow_view_select_segment (self->view, conn_id, seg_index);
  self->syncing = FALSE;
  return found;
}

/* ---- playback --------------------------------------------------------------------- */

static gboolean
reduced_motion (TvFlowPage *self)
{
  gboolean animations = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animations, NULL);
  return !animations;
}

static void
show_play_row (TvFlowPage *self)
{
  double progress = reduced_motion (self) ? 1.0 : MIN (1.0, (double) self->clock_us / TRAVEL_US);

  if (self->play_row < 0)
    {
      tv_flow_view_set_playback (self->view, -1, -1, 1.0);
      return;
    }
  tv_flow_view_set_playback (self->view, self->play_row + 1, self->play_row, progress);
  if (progress >= 1.0 && tv_flow_view_get_selected_row (self->view) != self->play_row)
    {
      tv_flow_view_set_selected_row (self->view, self->play_row);
      tv_flow_view_scroll_to_row (self->view, self->play_row);
    }
}

static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       user_data)
{
  TvFlowPage *self = TV_FLOW_PAGE (widget);
  TvFlowLayout *layout = tv_flow_view_get_layout (self->view);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gint64 elapsed = self->last_frame_us > 0 ? now - self->last_frame_us : 0;

  self->last_frame_us = now;
  if (layout == NULL)
    {
      self->tick_id = 0;
      stop_playback (self);
      return G_SOURCE_REMOVE;
    }

  self->clock_us += MIN (elapsed, 100000);
  if (self->clock_us >= STEP_US)
    {
      if ((guint) self->play_row + 1 >= tv_flow_layout_get_n_rows (layout))
        {
          self->tick_id = 0;
          stop_playback (self);
          self->clock_us = STEP_US;
          show_play_row (self);
          return G_SOURCE_REMOVE;
        }
      self->play_row++;
      self->clock_us = 0;
    }
  show_play_row (self);
  return G_SOURCE_CONTINUE;
}

static void
play_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  TvFlowPage *self = TV_FLOW_PAGE (widget);
  TvFlowLayout *layout = tv_flow_view_get_layout (self->view);

  if (self->tick_id != 0)
    {
      stop_playback (self);
      return;
    }
  if (layout == NULL || tv_flow_layout_get_n_rows (layout) == 0)
    return;

  /* from the selected arrow, or from the start (again at the end) */
  if (self->play_row < 0 || (guint) self->play_row + 1 >= tv_flow_layout_get_n_rows (layout))
    {
      self->play_row = 0;
      self->clock_us = 0;
    }
  self->last_frame_us = 0;
  self->tick_id = gtk_widget_add_tick_callback (widget, tick, NULL, NULL);
  gtk_button_set_icon_name (self->play_button, "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _("Pause"));
  show_play_row (self);
}

static void
step_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  TvFlowPage *self = TV_FLOW_PAGE (widget);
  TvFlowLayout *layout = tv_flow_view_get_layout (self->view);
  int n, row;

  stop_playback (self);
  if (layout == NULL || (n = tv_flow_layout_get_n_rows (layout)) == 0)
    return;

  row = self->play_row >= 0 ? self->play_row : tv_flow_view_get_selected_row (self->view);
  if (g_str_equal (action, "flow.step-forward"))
    row = row < 0 ? 0 : MIN (row + 1, n - 1);
  else
    row = MAX (row - 1, 0);
  self->play_row = row;
  self->clock_us = STEP_US;
  show_play_row (self);
}

/* ---- export ------------------------------------------------------------------------- */

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    TvFlowPage      *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  TvFlowLayout *layout = tv_flow_view_get_layout (self->view);
  gboolean ok;

  if (response != GTK_RESPONSE_ACCEPT || layout == NULL)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);
  if (self->comparing)
    ok = tv_flow_export_comparison (self->tracker, tv_flow_layout_get_conn (layout, 0)->id,
                                    tv_flow_layout_get_conn (layout, 1)->id,
                                    tv_flow_layout_get_options (layout)->fold, NULL, path, &error);
  else
    {
      g_autofree guint *ids = g_new (guint, tv_flow_layout_get_n_conns (layout));

      for (guint i = 0; i < tv_flow_layout_get_n_conns (layout); i++)
        ids[i] = tv_flow_layout_get_conn (layout, i)->id;
      ok = tv_flow_export_to_file (self->tracker, ids, tv_flow_layout_get_n_conns (layout),
                                   tv_flow_layout_get_options (layout), NULL, path, &error);
    }
  if (!ok)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      AdwMessageDialog *msg = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                          _("Could Not Export"), error->message));

      adw_message_dialog_add_response (msg, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (msg));
    }

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  TvFlowPage *self = TV_FLOW_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  if (tv_flow_view_get_layout (self->view) == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Flow"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     self->comparing ? "side-by-side.pdf" : "flow.pdf");
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- public ------------------------------------------------------------------------ */

GtkWidget *
tv_flow_page_new (void)
{
  return g_object_new (TV_TYPE_FLOW_PAGE, NULL);
}

void
tv_flow_page_set_capture (TvFlowPage *self,
                          TvTracker  *tracker,
                          gboolean    finished)
{
  g_return_if_fail (TV_IS_FLOW_PAGE (self));

  self->tracker = tracker;
  self->finished = finished;
  self->current = -1;
  rebuild (self);
}

void
tv_flow_page_capture_changed (TvFlowPage *self,
                              gboolean    finished)
{
  g_return_if_fail (TV_IS_FLOW_PAGE (self));

  self->finished = finished;
  rebuild (self);
}

void
tv_flow_page_set_current (TvFlowPage *self,
                          int         conn_id)
{
  g_return_if_fail (TV_IS_FLOW_PAGE (self));

  if (self->current == conn_id)
    return;
  self->current = conn_id;

  /* the chosen connections start with the current one */
  if (conn_id >= 0 && gtk_editable_get_text (GTK_EDITABLE (self->ids_entry))[0] == '\0')
    {
      g_autofree char *text = g_strdup_printf ("%d", conn_id);

      gtk_editable_set_text (GTK_EDITABLE (self->ids_entry), text);
    }

  /* the hosts may be others: lay out again, unless the connection is shown */
  if (gtk_drop_down_get_selected (self->scope_dropdown) == TV_FLOW_SCOPE_HOSTS)
    {
      TvFlowLayout *layout = tv_flow_view_get_layout (self->view);

      if (layout == NULL || conn_id < 0 || tv_flow_layout_find_segment (layout, conn_id, 0) < 0)
        rebuild (self);
    }
}

void
tv_flow_page_set_scope (TvFlowPage  *self,
                        TvFlowScope  scope)
{
  g_return_if_fail (TV_IS_FLOW_PAGE (self));
  gtk_drop_down_set_selected (self->scope_dropdown, scope);
}

void
tv_flow_page_set_chosen (TvFlowPage *self,
                         const char *ids)
{
  g_return_if_fail (TV_IS_FLOW_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->ids_entry), ids != NULL ? ids : "");
  rebuild (self);
}

void
tv_flow_page_set_by_port (TvFlowPage *self,
                          gboolean    by_port)
{
  g_return_if_fail (TV_IS_FLOW_PAGE (self));
  gtk_toggle_button_set_active (self->port_toggle, by_port);
}

void
tv_flow_page_set_fold (TvFlowPage *self,
                       gboolean    fold)
{
  g_return_if_fail (TV_IS_FLOW_PAGE (self));
  gtk_toggle_button_set_active (self->fold_toggle, fold);
}

void
tv_flow_page_set_compare (TvFlowPage *self,
                          gboolean    compare)
{
  g_return_if_fail (TV_IS_FLOW_PAGE (self));
  gtk_toggle_button_set_active (self->compare_toggle, compare);
  rebuild (self);
}

TvFlowView *
tv_flow_page_get_view (TvFlowPage *self)
{
  g_return_val_if_fail (TV_IS_FLOW_PAGE (self), NULL);
  return self->view;
}

GtkWidget *
tv_flow_page_get_explain (TvFlowPage *self)
{
  g_return_val_if_fail (TV_IS_FLOW_PAGE (self), NULL);
  return GTK_WIDGET (self->explain);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
tv_flow_page_dispose (GObject *object)
{
  TvFlowPage *self = TV_FLOW_PAGE (object);

  stop_playback (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TV_TYPE_FLOW_PAGE);
  G_OBJECT_CLASS (tv_flow_page_parent_class)->dispose (object);
}

static void
tv_flow_page_finalize (GObject *object)
{
  TvFlowPage *self = TV_FLOW_PAGE (object);

  g_clear_pointer (&self->cmp_painter, tv_flow_painter_free);
  G_OBJECT_CLASS (tv_flow_page_parent_class)->finalize (object);
}

static void
tv_flow_page_class_init (TvFlowPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tv_flow_page_dispose;
  object_class->finalize = tv_flow_page_finalize;

  signals[SIGNAL_SEGMENT_SELECTED] =
    g_signal_new ("segment-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  g_type_ensure (TV_TYPE_FLOW_VIEW);
  g_type_ensure (TV_TYPE_EXPLAIN_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/TcpViz/tv-flow-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, box);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, ids_entry);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, range_box);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, from_spin);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, to_spin);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, port_toggle);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, fold_toggle);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, compare_toggle);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, play_button);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, comparison);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, view);
  gtk_widget_class_bind_template_child (widget_class, TvFlowPage, explain);

  gtk_widget_class_install_action (widget_class, "flow.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "flow.step-forward", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "flow.step-back", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "flow.export", NULL, export_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "flowpage");
}

static void
tv_flow_page_init (TvFlowPage *self)
{
  self->current = -1;
  self->play_row = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->comparison, draw_comparison, self, NULL);
  g_signal_connect_object (self->scope_dropdown, "notify::selected", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ids_entry, "activate", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ids_entry, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_spin, "value-changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_spin, "value-changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->port_toggle, "toggled", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fold_toggle, "toggled", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_toggle, "toggled", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::selected-row", G_CALLBACK (on_selected_row_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::busy", G_CALLBACK (on_busy_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "layout-changed", G_CALLBACK (on_layout_changed), self, G_CONNECT_SWAPPED);
}
