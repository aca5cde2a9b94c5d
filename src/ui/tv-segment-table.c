/* tv-segment-table.c: TvSegmentTable */
#define G_LOG_DOMAIN "tv-segment-table"

#include "config.h"

#include <glib/gi18n.h>

#include "tv-segment-table.h"

/* ---- the rows: one small object per visible row, made on demand ------- */

#define TV_TYPE_SEGMENT_ITEM (tv_segment_item_get_type ())
G_DECLARE_FINAL_TYPE (TvSegmentItem, tv_segment_item, TV, SEGMENT_ITEM, GObject)

struct _TvSegmentItem {
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (TvSegmentItem, tv_segment_item, G_TYPE_OBJECT)

static void
tv_segment_item_class_init (TvSegmentItemClass *klass)
{
}

static void
tv_segment_item_init (TvSegmentItem *self)
{
}

#define TV_TYPE_SEGMENT_ROWS (tv_segment_rows_get_type ())
G_DECLARE_FINAL_TYPE (TvSegmentRows, tv_segment_rows, TV, SEGMENT_ROWS, GObject)

struct _TvSegmentRows {
  GObject parent_instance;
  guint   n_items;
};

static GType
tv_segment_rows_get_item_type (GListModel *model)
{
  return TV_TYPE_SEGMENT_ITEM;
}

static guint
tv_segment_rows_get_n_items (GListModel *model)
{
  return TV_SEGMENT_ROWS (model)->n_items;
}

static gpointer
tv_segment_rows_get_item (GListModel *model,
                          guint       position)
{
  TvSegmentItem *item;

  if (position >= TV_SEGMENT_ROWS (model)->n_items)
    return NULL;
  item = g_object_new (TV_TYPE_SEGMENT_ITEM, NULL);
  item->index = position;
  return item;
}

static void
tv_segment_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tv_segment_rows_get_item_type;
  iface->get_n_items = tv_segment_rows_get_n_items;
  iface->get_item = tv_segment_rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TvSegmentRows, tv_segment_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, tv_segment_rows_list_model_init))

static void
tv_segment_rows_class_init (TvSegmentRowsClass *klass)
{
}

static void
tv_segment_rows_init (TvSegmentRows *self)
{
}

static void
tv_segment_rows_set_n_items (TvSegmentRows *self,
                             guint          n_items)
{
  guint old = self->n_items;

  if (n_items == old)
    return;
  self->n_items = n_items;
  if (n_items > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_items - old);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, n_items);
}

/* ---- the table -------------------------------------------------------- */

typedef enum {
  COL_NUMBER,
  COL_TIME,
  COL_DIRECTION,
  COL_FLAGS,
  COL_SEQ,
  COL_ACK,
  COL_LEN,
  COL_WINDOW,
  COL_LABEL,
  COL_ANALYSIS,
  N_COLUMNS
} Column;

struct _TvSegmentTable {
  GtkWidget           parent_instance;

  GtkWidget          *scrolled;
  GtkColumnView      *view;
  TvSegmentRows      *rows;
  GtkSingleSelection *selection;
  GHashTable         *bound;      /* GtkListItem → column, the rows on screen */

  TvViewState        *state;      /* what it shows: see tv-view-state.h */
  TvTracker          *tracker;
  TvConn             *conn;
  int                 shown;      /* rows shown (playback), -1: all */
  int                 selected;
  gboolean            absolute;
  gboolean            syncing;

  /* Narrower than all the columns: Time and Window are hidden (the
   * diagram's time axis has the times), so that Label stays readable.
   * full_width is what all the columns took when they were last shown. */
  GtkColumnViewColumn *hideable[2];
  gboolean            compact;
  int                 full_width;

  /* Analysis is shown once a segment has a mark: n_scanned segments
   * were looked at (live capture appends). */
  GtkColumnViewColumn *analysis_column;
  guint               n_scanned;
  gboolean            any_analysis;
};

G_DEFINE_FINAL_TYPE (TvSegmentTable, tv_segment_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* min_chars, max_chars: the text columns ellipsize, but never below
 * min_chars ("GET / HTTP/1.1" whole), and ask for no more than max_chars
 * (a long request line); the table scrolls sideways when it is narrower
 * than that. */
static const struct {
  const char *title;
  gboolean    numeric;
  gboolean    expand;
  int         min_chars;
  int         max_chars;
} columns[N_COLUMNS] = {
  /* Translators: column titles of the segment table.  "No." is the frame
   * number in the capture, as in Wireshark. */
  [COL_NUMBER]    = { N_("No."), TRUE, FALSE, -1, -1 },
  [COL_TIME]      = { N_("Time"), TRUE, FALSE, -1, -1 },
  [COL_DIRECTION] = { N_("Direction"), FALSE, FALSE, -1, -1 },
  [COL_FLAGS]     = { N_("Flags"), FALSE, FALSE, -1, -1 },
  [COL_SEQ]       = { N_("Seq"), TRUE, FALSE, -1, -1 },
  [COL_ACK]       = { N_("Ack"), TRUE, FALSE, -1, -1 },
  [COL_LEN]       = { N_("Len"), TRUE, FALSE, -1, -1 },
  [COL_WINDOW]    = { N_("Window"), TRUE, FALSE, -1, -1 },
  [COL_LABEL]     = { N_("Label"), FALSE, TRUE, 15, 40 },
  [COL_ANALYSIS]  = { N_("Analysis"), FALSE, FALSE, 10, 32 },
};

/* The text of one cell. */
static char *
cell_text (TvSegmentTable *self,
           Column          column,
           guint           index)
{
  const TvSegment *seg;

  if (self->conn == NULL || index >= self->conn->n_segs)
    return g_strdup ("");
  seg = &self->conn->segs[index];

  switch (column)
    {
    case COL_NUMBER:
      return g_strdup_printf ("%u", seg->frame);
    case COL_TIME:
      {
        gint64 ns = seg->time_ns - self->conn->first_ns;

        return g_strdup_printf ("%.6f", (double) MAX (ns, 0) / 1e9);
      }
    case COL_DIRECTION:
      /* Translators: the direction of a segment: C is the client, S the
       * server, the arrow points to the receiver. */
      return g_strdup (seg->dir == TV_DIR_CLIENT_TO_SERVER ? _("C → S") : _("C ← S"));
    case COL_FLAGS:
      {
        char buf[64];

        return g_strdup (tv_tcp_flags_to_string (seg->flags, buf, sizeof buf));
      }
    case COL_SEQ:
      return g_strdup_printf ("%u", self->absolute ? seg->seq : tv_conn_relative_seq (self->conn, seg));
    case COL_ACK:
      if (!(seg->flags & TV_TCP_ACK))
        return g_strdup ("");
      return g_strdup_printf ("%u", self->absolute ? seg->ack : tv_conn_relative_ack (self->conn, seg));
    case COL_LEN:
      return g_strdup_printf ("%u", seg->len);
    case COL_WINDOW:
      return g_strdup_printf ("%u", seg->window);
    case COL_LABEL:
      return g_strdup (seg->label != 0 ? tv_tracker_get_label (self->tracker, seg->label) : "");
    case COL_ANALYSIS:
      {
        GString *s = g_string_new (NULL);

        for (guint bit = 0; bit < TV_N_ANALYSIS; bit++)
          if (seg->analysis & (1u << bit))
            {
              if (s->len > 0)
                g_string_append (s, ", ");
              g_string_append (s, tv_analysis_label ((TvAnalysis) (1u << bit)));
            }
        return g_string_free (s, FALSE);
      }
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static void
update_cell (TvSegmentTable *self,
             GtkListItem    *list_item,
             Column          column)
{
  TvSegmentItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  if (item == NULL || label == NULL)
    return;
  text = cell_text (self, column, item->index);
  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == COL_LABEL || column == COL_ANALYSIS)
    gtk_widget_set_tooltip_text (label, text[0] != '\0' ? text : NULL);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "tv-column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), columns[column].numeric ? 1.0f : 0.0f);
  if (columns[column].numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (columns[column].min_chars > 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), columns[column].min_chars);
      gtk_label_set_max_width_chars (GTK_LABEL (label), columns[column].max_chars);
    }
  if (column == COL_ANALYSIS)
    gtk_widget_add_css_class (label, "warning");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           TvSegmentTable           *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "tv-column"));

  if (self->bound == NULL)
    return;
  g_hash_table_insert (self->bound, list_item, GINT_TO_POINTER (column));
  update_cell (self, list_item, column);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             TvSegmentTable           *self)
{
  if (self->bound != NULL)
    g_hash_table_remove (self->bound, list_item);
}

/* Re-reads the text of the rows on screen. */
static void
refresh_bound (TvSegmentTable *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, &value))
    update_cell (self, key, GPOINTER_TO_INT (value));
}

/* GTK 4.8 has no gtk_column_view_scroll_to(): its list view has the
 * "list.scroll-to-item" action. */
static void
scroll_to_row (TvSegmentTable *self,
               guint           index)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", index);
        return;
      }
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      TvSegmentTable     *self)
{
  guint position;
  int index;

  if (self->syncing)
    return;
  position = gtk_single_selection_get_selected (selection);
  index = position == GTK_INVALID_LIST_POSITION ? -1 : (int) position;
  if (index == self->selected)
    return;
  /* the person picked a row: the state says so, every view follows */
  tv_view_state_set_selected_segment (self->state, index);
}

static void
select_row (TvSegmentTable *self,
            int             index)
{
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection,
                                     index < 0 ? GTK_INVALID_LIST_POSITION : (guint) index);
  self->syncing = FALSE;
}

/* The Analysis column only for a connection that has something in it. */
static void
scan_analysis (TvSegmentTable *self)
{
  guint n = self->conn != NULL ? self->conn->n_segs : 0;

  if (n < self->n_scanned)
    {
      self->n_scanned = 0;
      self->any_analysis = FALSE;
    }
  /* from the last one looked at, which may have got a mark since */
  for (guint i = self->n_scanned > 0 ? self->n_scanned - 1 : 0; i < n && !self->any_analysis; i++)
    if (self->conn->segs[i].analysis != 0)
      self->any_analysis = TRUE;
  self->n_scanned = n;
  if (gtk_column_view_column_get_visible (self->analysis_column) != self->any_analysis)
    gtk_column_view_column_set_visible (self->analysis_column, self->any_analysis);
}

/* The rows the table has: the connection's, or the first shown of them. */
static guint
n_shown (TvSegmentTable *self)
{
  guint n = self->conn != NULL ? self->conn->n_segs : 0;

  return self->shown >= 0 ? MIN (n, (guint) self->shown) : n;
}

/* ---- public ----------------------------------------------------------- */

GtkWidget *
tv_segment_table_new (void)
{
  return g_object_new (TV_TYPE_SEGMENT_TABLE, NULL);
}

static void apply_selected_segment (TvSegmentTable *self, int index);

static void
apply_connection (TvSegmentTable *self,
                  TvTracker      *tracker,
                  TvConn         *conn)
{
  if (self->tracker == tracker && self->conn == conn)
    return;

  /* empty it first, so that no row reads the old connection */
  apply_selected_segment (self, -1);
  tv_segment_rows_set_n_items (self->rows, 0);
  self->tracker = tracker;
  self->conn = conn;
  self->n_scanned = 0;
  self->any_analysis = FALSE;
  scan_analysis (self);
  self->shown = -1;
  tv_segment_rows_set_n_items (self->rows, n_shown (self));
}

TvConn *
tv_segment_table_get_connection (TvSegmentTable *self)
{
  g_return_val_if_fail (TV_IS_SEGMENT_TABLE (self), NULL);

  return self->conn;
}

/* Segments were appended to the shown connection (live capture): adds
 * their rows. */
static void
on_segments_added (TvSegmentTable *self)
{
  if (self->conn == NULL)
    return;
  scan_analysis (self);
  tv_segment_rows_set_n_items (self->rows, n_shown (self));
  /* the last row may have new states or marks */
  refresh_bound (self);
}

/* Playback: only the first @n_rows segments have rows (-1: all), so that
 * the table gives away no segment the diagram does not show yet. */
static void
apply_shown_rows (TvSegmentTable *self,
                  int             n_rows)
{
  guint old, n;

  self->shown = MAX (n_rows, -1);
  old = self->rows->n_items;
  n = n_shown (self);
  if (n == old)
    return;
  if (self->selected >= 0 && (guint) self->selected >= n)
    {
      /* no row, no selection: for every view */
      apply_selected_segment (self, -1);
      tv_view_state_set_selected_segment (self->state, -1);
    }
  if (n > old)
    tv_segment_rows_set_n_items (self->rows, n);
  else
    {
      /* only the rows at the end go: the rest keep their place */
      self->rows->n_items = n;
      g_list_model_items_changed (G_LIST_MODEL (self->rows), n, old - n, 0);
    }
}

int
tv_segment_table_get_shown_rows (TvSegmentTable *self)
{
  g_return_val_if_fail (TV_IS_SEGMENT_TABLE (self), -1);

  return (int) self->rows->n_items;
}

static void
apply_absolute (TvSegmentTable *self,
                gboolean        absolute)
{
  absolute = !!absolute;
  if (self->absolute == absolute)
    return;
  self->absolute = absolute;
  refresh_bound (self);
}

gboolean
tv_segment_table_get_absolute (TvSegmentTable *self)
{
  g_return_val_if_fail (TV_IS_SEGMENT_TABLE (self), FALSE);

  return self->absolute;
}

/* Selects the row and scrolls to it. */
static void
apply_selected_segment (TvSegmentTable *self,
                        int             index)
{
  guint n = self->rows->n_items;

  if (index < -1 || (index >= 0 && (guint) index >= n))
    index = -1;
  if (index == self->selected)
    return;

  self->selected = index;
  select_row (self, index);
  if (index >= 0)
    scroll_to_row (self, (guint) index);
}

int
tv_segment_table_get_selected_segment (TvSegmentTable *self)
{
  g_return_val_if_fail (TV_IS_SEGMENT_TABLE (self), -1);

  return self->selected;
}

/* ---- the state ---------------------------------------------------------------- */

static void
on_state_notify (TvSegmentTable *self,
                 GParamSpec     *pspec,
                 TvViewState    *state)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "connection"))
    apply_connection (self, tv_view_state_get_tracker (state), tv_view_state_get_conn (state));
  else if (g_str_equal (name, "selected-segment"))
    apply_selected_segment (self, tv_view_state_get_selected_segment (state));
  else if (g_str_equal (name, "absolute"))
    apply_absolute (self, tv_view_state_get_absolute (state));
  else if (g_str_equal (name, "shown-rows"))
    apply_shown_rows (self, tv_view_state_get_shown_rows (state));
}

void
tv_segment_table_set_state (TvSegmentTable *self,
                            TvViewState    *state)
{
  g_autoptr(TvViewState) own = NULL;

  g_return_if_fail (TV_IS_SEGMENT_TABLE (self));
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
  apply_absolute (self, tv_view_state_get_absolute (state));
  apply_connection (self, tv_view_state_get_tracker (state), tv_view_state_get_conn (state));
  apply_shown_rows (self, tv_view_state_get_shown_rows (state));
  apply_selected_segment (self, tv_view_state_get_selected_segment (state));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

TvViewState *
tv_segment_table_get_state (TvSegmentTable *self)
{
  g_return_val_if_fail (TV_IS_SEGMENT_TABLE (self), NULL);
  return self->state;
}

gboolean
tv_segment_table_get_compact (TvSegmentTable *self)
{
  g_return_val_if_fail (TV_IS_SEGMENT_TABLE (self), FALSE);

  return self->compact;
}

/* ---- layout ----------------------------------------------------------- */

static void
set_compact (TvSegmentTable *self,
             gboolean        compact)
{
  self->compact = compact;
  for (guint i = 0; i < G_N_ELEMENTS (self->hideable); i++)
    gtk_column_view_column_set_visible (self->hideable[i], !compact);
}

/* The width of the columns that are shown. */
static int
view_width (TvSegmentTable *self)
{
  int natural = 0;

  gtk_widget_measure (GTK_WIDGET (self->view), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static void
tv_segment_table_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  TvSegmentTable *self = TV_SEGMENT_TABLE (widget);

  gtk_widget_measure (self->scrolled, orientation, for_size, minimum, natural, NULL, NULL);
  /* natural: every column at its width, without scrolling */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, self->compact ? MAX (self->full_width, view_width (self)) : view_width (self));
}

/* Too narrow for every column: Time and Window go (the least needed: the
 * diagram shows the times, the window matters where the explanation
 * says so); back when there is room for what all of them took when they
 * went.  (The width of a column comes from the rows on screen: if the
 * columns want more once back, they go again, and the bar is higher.) */
static void
tv_segment_table_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  TvSegmentTable *self = TV_SEGMENT_TABLE (widget);

  if (!self->compact)
    {
      self->full_width = view_width (self);
      if (width < self->full_width)
        set_compact (self, TRUE);
    }
  else if (width >= self->full_width)
    set_compact (self, FALSE);

  gtk_widget_size_allocate (self->scrolled, &(GtkAllocation) { 0, 0, width, height }, baseline);
}

/* ---- GObject ---------------------------------------------------------- */

static void
tv_segment_table_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TvSegmentTable *self = TV_SEGMENT_TABLE (object);

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
tv_segment_table_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TvSegmentTable *self = TV_SEGMENT_TABLE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      tv_segment_table_set_state (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_segment_table_dispose (GObject *object)
{
  TvSegmentTable *self = TV_SEGMENT_TABLE (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  self->view = NULL;
  self->hideable[0] = self->hideable[1] = NULL;
  self->analysis_column = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  self->tracker = NULL;
  self->conn = NULL;

  G_OBJECT_CLASS (tv_segment_table_parent_class)->dispose (object);
}

static void
tv_segment_table_class_init (TvSegmentTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tv_segment_table_get_property;
  object_class->set_property = tv_segment_table_set_property;
  object_class->dispose = tv_segment_table_dispose;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, TV_TYPE_VIEW_STATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = tv_segment_table_measure;
  widget_class->size_allocate = tv_segment_table_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "tv-segment-table");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tv_segment_table_init (TvSegmentTable *self)
{
  self->selected = -1;
  self->shown = -1;
  self->bound = g_hash_table_new (NULL, NULL);
  self->rows = g_object_new (TV_TYPE_SEGMENT_ROWS, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);

  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection))));
  gtk_column_view_set_show_column_separators (self->view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Segments of the connection"),
                                  -1);

  for (int c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "tv-column", GINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
      g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell), self, 0);
      g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell), self, 0);
      column = gtk_column_view_column_new (_(columns[c].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[c].expand);
      gtk_column_view_append_column (self->view, column);
      if (c == COL_TIME)
        self->hideable[0] = column;
      else if (c == COL_WINDOW)
        self->hideable[1] = column;
      else if (c == COL_ANALYSIS)
        {
          self->analysis_column = column;
          gtk_column_view_column_set_visible (column, FALSE);
        }
      g_object_unref (column);
    }

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->view));
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  /* a state of its own until it is given one */
  tv_segment_table_set_state (self, NULL);
}
