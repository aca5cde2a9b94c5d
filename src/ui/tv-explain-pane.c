/* tv-explain-pane.c: TvExplainPane */
#define G_LOG_DOMAIN "tv-explain-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "tv-explain-pane.h"
#include "tv-explain.h"

struct _TvExplainPane {
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *title_label;
  GtkLabel  *segment_label;
  GtkLabel  *body_label;
  GtkLabel  *states_label;

  TvViewState *state;   /* what it explains: see tv-view-state.h */
  TvTracker *tracker;
  TvConn    *conn;
  int        selected;
  gboolean   absolute;
};

G_DEFINE_FINAL_TYPE (TvExplainPane, tv_explain_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static void
update (TvExplainPane *self)
{
  const TvSegment *seg;
  g_autofree char *title = NULL, *body = NULL, *line = NULL, *states = NULL;
  char flags[64];

  if (self->conn == NULL || self->selected < 0 || (guint) self->selected >= self->conn->n_segs)
    {
      set_label (self->title_label, _("No segment selected"));
      set_label (self->segment_label, NULL);
      set_label (self->body_label,
                 self->conn != NULL
                 ? _("Select an arrow in the diagram or a row in the table to see what that segment "
                     "does, and why.")
                 : _("Select a connection to see its segments explained."));
      set_label (self->states_label, NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->body_label), "dim-label");
      return;
    }

  seg = &self->conn->segs[self->selected];
  title = tv_explain_title (self->tracker, self->conn, (guint) self->selected);
  body = tv_explain_segment (self->tracker, self->conn, (guint) self->selected, self->absolute);
  tv_tcp_flags_to_string (seg->flags, flags, sizeof flags);
  /* Translators: one segment above its explanation: %1$s the flags, %2$u
   * seq, %3$u ack, %4$u len, %5$s the direction ("C → S"), %6$u the frame
   * number.  seq, ack and len stay as they are. */
  line = g_strdup_printf (_("%1$s  seq=%2$u  ack=%3$u  len=%4$u   %5$s   No. %6$u"),
                          flags,
                          self->absolute ? seg->seq : tv_conn_relative_seq (self->conn, seg),
                          self->absolute ? seg->ack : tv_conn_relative_ack (self->conn, seg),
                          seg->len,
                          /* Translators: the direction of a segment: C is the client, S the
                           * server, the arrow points to the receiver. */
                          seg->dir == TV_DIR_CLIENT_TO_SERVER ? _("C → S") : _("C ← S"),
                          seg->frame);
  /* Translators: %1$s and %2$s are TCP states (ESTABLISHED, …). */
  states = g_strdup_printf (_("After it: client %1$s, server %2$s"),
                            tv_tcp_state_name (seg->client_state),
                            tv_tcp_state_name (seg->server_state));

  set_label (self->title_label, title);
  set_label (self->segment_label, line);
  set_label (self->body_label, body);
  set_label (self->states_label, states);
  gtk_widget_remove_css_class (GTK_WIDGET (self->body_label), "dim-label");
}

GtkWidget *
tv_explain_pane_new (void)
{
  return g_object_new (TV_TYPE_EXPLAIN_PANE, NULL);
}

static void
apply_connection (TvExplainPane *self,
                  TvTracker     *tracker,
                  TvConn        *conn)
{
  if (self->tracker == tracker && self->conn == conn)
    return;
  self->tracker = tracker;
  self->conn = conn;
  self->selected = -1;
  update (self);
}

TvConn *
tv_explain_pane_get_connection (TvExplainPane *self)
{
  g_return_val_if_fail (TV_IS_EXPLAIN_PANE (self), NULL);

  return self->conn;
}

gboolean
tv_explain_pane_get_absolute (TvExplainPane *self)
{
  g_return_val_if_fail (TV_IS_EXPLAIN_PANE (self), FALSE);

  return self->absolute;
}

int
tv_explain_pane_get_selected_segment (TvExplainPane *self)
{
  g_return_val_if_fail (TV_IS_EXPLAIN_PANE (self), -1);

  return self->selected;
}

/* ---- the state ---------------------------------------------------------------- */

static void
on_state_notify (TvExplainPane *self,
                 GParamSpec    *pspec,
                 TvViewState   *state)
{
  if (g_str_equal (pspec->name, "connection"))
    apply_connection (self, tv_view_state_get_tracker (state), tv_view_state_get_conn (state));
  else if (g_str_equal (pspec->name, "absolute") && self->absolute != tv_view_state_get_absolute (state))
    {
      self->absolute = tv_view_state_get_absolute (state);
      update (self);
    }
  else if (g_str_equal (pspec->name, "selected-segment") &&
           self->selected != tv_view_state_get_selected_segment (state))
    {
      self->selected = tv_view_state_get_selected_segment (state);
      update (self);
    }
}

/* Segments were appended (live capture): the title's count and the
 * explanation (which may look at later segments) are brought up to date. */
static void
on_segments_added (TvExplainPane *self)
{
  update (self);
}

void
tv_explain_pane_set_state (TvExplainPane *self,
                           TvViewState   *state)
{
  g_autoptr(TvViewState) own = NULL;

  g_return_if_fail (TV_IS_EXPLAIN_PANE (self));
  g_return_if_fail (state == NULL || TV_IS_VIEW_STATE (state));

  if (state == NULL)
    state = own = tv_view_state_new ();
  if (self->state == state)
    return;
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  g_signal_connect_swapped (state, "notify", G_CALLBACK (on_state_notify), self);
  g_signal_connect_swapped (state, "segments-added", G_CALLBACK (on_segments_added), self);
  self->tracker = tv_view_state_get_tracker (state);
  self->conn = tv_view_state_get_conn (state);
  self->absolute = tv_view_state_get_absolute (state);
  self->selected = tv_view_state_get_selected_segment (state);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

TvViewState *
tv_explain_pane_get_state (TvExplainPane *self)
{
  g_return_val_if_fail (TV_IS_EXPLAIN_PANE (self), NULL);
  return self->state;
}

char *
tv_explain_pane_dup_text (TvExplainPane *self)
{
  GString *s;
  GtkLabel *labels[4];

  g_return_val_if_fail (TV_IS_EXPLAIN_PANE (self), NULL);

  labels[0] = self->title_label;
  labels[1] = self->segment_label;
  labels[2] = self->body_label;
  labels[3] = self->states_label;
  s = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (gtk_widget_get_visible (GTK_WIDGET (labels[i])))
      {
        if (s->len > 0)
          g_string_append_c (s, '\n');
        g_string_append (s, gtk_label_get_text (labels[i]));
      }
  return g_string_free (s, FALSE);
}

static void
tv_explain_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TvExplainPane *self = TV_EXPLAIN_PANE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_explain_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TvExplainPane *self = TV_EXPLAIN_PANE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      tv_explain_pane_set_state (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_explain_pane_dispose (GObject *object)
{
  TvExplainPane *self = TV_EXPLAIN_PANE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  self->tracker = NULL;
  self->conn = NULL;

  G_OBJECT_CLASS (tv_explain_pane_parent_class)->dispose (object);
}

static void
tv_explain_pane_class_init (TvExplainPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tv_explain_pane_get_property;
  object_class->set_property = tv_explain_pane_set_property;
  object_class->dispose = tv_explain_pane_dispose;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, TV_TYPE_VIEW_STATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tv-explain-pane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkLabel *
add_label (TvExplainPane *self,
           const char    *css_class,
           const char    *css_class2)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* The whole width of the pane: a wrapped label aligned to the start
   * would be given the width that fits its text into the height it got for
   * its minimum width (GTK measures width-for-height to align it), and
   * wrap far short of the edge.  The panes keep the lines to a reading
   * measure; max-width-chars is the width the pane asks for. */
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 72);
  gtk_label_set_width_chars (GTK_LABEL (label), 24);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (css_class2 != NULL)
    gtk_widget_add_css_class (label, css_class2);
  gtk_box_append (GTK_BOX (self->box), label);
  return GTK_LABEL (label);
}

static void
tv_explain_pane_init (TvExplainPane *self)
{
  self->selected = -1;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->box, 18);
  gtk_widget_set_margin_end (self->box, 18);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title_label = add_label (self, "heading", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title_label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  self->segment_label = add_label (self, "monospace", "dim-label");
  self->body_label = add_label (self, "body", NULL);
  gtk_widget_set_margin_top (GTK_WIDGET (self->body_label), 6);
  self->states_label = add_label (self, "caption", "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->states_label), 6);

  /* a state of its own until it is given one */
  tv_explain_pane_set_state (self, NULL);
}
