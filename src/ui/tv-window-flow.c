/* tv-window-flow.c: the flow view in a TvWindow: "win.show-flow" (F8, the
 * main menu's "Flow View of Many Connections") puts a
 * TvFlowPage where the connection's view is; an arrow selected there
 * selects its connection in the list and its segment in the diagram, and
 * the other way round. */
#define G_LOG_DOMAIN "tv-window"
#include "config.h"

#include "tv-flow-page.h"
#include "tv-window-private.h"

static gboolean
capture_finished (TvWindow *self)
{
  return self->capture != NULL && tv_capture_get_loaded (self->capture) &&
         _tv_window_get_live (self) == NULL;
}

void
_tv_window_flow_show_content (TvWindow *self)
{
  const char *name = self->flow_shown && self->capture != NULL ? "flow"
                   : self->selected != NULL ? "view" : "none";

  gtk_stack_set_visible_child_name (self->content_stack, name);
}

void
_tv_window_flow_set_capture (TvWindow *self)
{
  tv_flow_page_set_capture (TV_FLOW_PAGE (self->flow_page),
                            self->capture != NULL ? tv_capture_get_tracker (self->capture) : NULL,
                            capture_finished (self));
  _tv_window_flow_show_content (self);
}

void
_tv_window_flow_capture_changed (TvWindow *self)
{
  if (self->capture != NULL)
    tv_flow_page_capture_changed (TV_FLOW_PAGE (self->flow_page), capture_finished (self));
}

void
_tv_window_flow_selection_changed (TvWindow *self)
{
  TvConn *conn = self->selected != NULL ? tv_connection_get_conn (self->selected) : NULL;

  tv_flow_page_set_current (TV_FLOW_PAGE (self->flow_page), conn != NULL ? (int) conn->id : -1);
  _tv_window_flow_show_content (self);
}

/* an arrow selected in the flow view: its connection in the list, its
 * segment in the diagram */
static void
on_segment_selected (TvFlowPage *page,
                     guint       conn_id,
                     guint       seg_index,
                     TvWindow   *self)
{
  GListModel *model = tv_sidebar_get_model (self->sidebar);
  TvConn *current = self->selected != NULL ? tv_connection_get_conn (self->selected) : NULL;

  if (current == NULL || current->id != conn_id)
    {
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TvConnection) item = g_list_model_get_item (model, i);

          if (tv_connection_get_id (item) == conn_id)
            {
              tv_sidebar_select (self->sidebar, i);
              break;
            }
        }
    }
  current = self->selected != NULL ? tv_connection_get_conn (self->selected) : NULL;
  if (current != NULL && current->id == conn_id)
    tv_view_state_set_selected_segment (self->state, seg_index);
}

/* a segment selected in the diagram: the same arrow in the flow view */
static void
on_view_segment_notify (TvWindow *self)
{
  TvConn *current = self->selected != NULL ? tv_connection_get_conn (self->selected) : NULL;
  int seg = tv_connection_view_get_selected_segment (TV_CONNECTION_VIEW (self->cview));

  if (current != NULL && seg >= 0)
    tv_flow_page_select_segment (TV_FLOW_PAGE (self->flow_page), current->id, seg);
}

static void
show_flow_changed (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  TvWindow *self = user_data;

  g_simple_action_set_state (action, state);
  self->flow_shown = g_variant_get_boolean (state);
  _tv_window_flow_show_content (self);
  if (self->flow_shown)
    {
      on_view_segment_notify (self);
      gtk_widget_grab_focus (GTK_WIDGET (tv_flow_page_get_view (TV_FLOW_PAGE (self->flow_page))));
    }
}

void
_tv_window_flow_init (TvWindow *self)
{
  g_autoptr(GSimpleAction) action = NULL;

  self->flow_page = tv_flow_page_new ();
  gtk_stack_add_named (self->content_stack, self->flow_page, "flow");
  g_signal_connect_object (self->flow_page, "segment-selected", G_CALLBACK (on_segment_selected), self, 0);
  g_signal_connect_object (self->state, "notify::selected-segment", G_CALLBACK (on_view_segment_notify),
                           self, G_CONNECT_SWAPPED);

  action = g_simple_action_new_stateful ("show-flow", NULL, g_variant_new_boolean (FALSE));
  g_signal_connect (action, "change-state", G_CALLBACK (show_flow_changed), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
}
