/* tv-sidebar.c: TvSidebar */
#define G_LOG_DOMAIN "tv-sidebar"
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tv-sidebar.h"
#include "tv-connection-row.h"

struct _TvSidebar
{
  GtkWidget           parent_instance;

  /* template */
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *no_tcp_label;
  GtkLabel           *count_label;

  TvCapture          *capture;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char              **search_terms;
};

G_DEFINE_FINAL_TYPE (TvSidebar, tv_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAPTURE,
  PROP_SELECTED,
  PROP_SEARCH_MODE,
  N_PROPS
};

enum {
  SIGNAL_SHOW_CONNECTION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- search ------------------------------------------------------------------------ */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TvSidebar *self = user_data;
  const char *text;

  if (self->search_terms == NULL || self->search_terms[0] == NULL)
    return TRUE;

  text = tv_connection_get_search_text (TV_CONNECTION (item));
  for (guint i = 0; self->search_terms[i] != NULL; i++)
    if (strstr (text, self->search_terms[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
on_search_changed (GtkSearchEntry *entry,
                   TvSidebar      *self)
{
  g_autofree char *down = g_utf8_strdown (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);

  g_clear_pointer (&self->search_terms, g_strfreev);
  self->search_terms = g_strsplit_set (g_strstrip (down), " \t", -1);
  /* drop empty terms from repeated spaces */
  {
    guint j = 0;
    for (guint i = 0; self->search_terms[i] != NULL; i++)
      {
        if (self->search_terms[i][0] == '\0')
          g_free (self->search_terms[i]);
        else
          self->search_terms[j++] = self->search_terms[i];
      }
    self->search_terms[j] = NULL;
  }
  /* Without a search the filter matches everything and says so, so that
   * the list does not make an item for every connection. */
  if (self->search_terms[0] == NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  else
    gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);
}

void
tv_sidebar_set_search (TvSidebar  *self,
                       const char *text)
{
  g_return_if_fail (TV_IS_SIDEBAR (self));

  tv_sidebar_set_search_mode (self, text != NULL && text[0] != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* "search-changed" comes after a delay: filter now */
  on_search_changed (self->search_entry, self);
}

void
tv_sidebar_set_search_mode (TvSidebar *self,
                            gboolean   search_mode)
{
  g_return_if_fail (TV_IS_SIDEBAR (self));
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

void
tv_sidebar_focus_search (TvSidebar *self)
{
  g_return_if_fail (TV_IS_SIDEBAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
tv_sidebar_focus_list (TvSidebar *self)
{
  g_return_if_fail (TV_IS_SIDEBAR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

void
tv_sidebar_set_key_capture_widget (TvSidebar *self,
                                   GtkWidget *widget)
{
  g_return_if_fail (TV_IS_SIDEBAR (self));
  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}

/* ---- rows -------------------------------------------------------------------------- */

static gboolean
show_connection_cb (gpointer user_data)
{
  g_signal_emit (user_data, signals[SIGNAL_SHOW_CONNECTION], 0);
  return G_SOURCE_REMOVE;
}

/* A click on a row.  The list selects it right after, on the same
 * release, unless the row has gone: the connection is shown once it has. */
static void
on_row_released (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 TvSidebar       *self)
{
  if (n_press == 1)
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_connection_cb, g_object_ref (self), g_object_unref);
}

/* Enter on a row, or a double click. */
static void
on_list_activate (GtkListView *list_view,
                  guint        position,
                  TvSidebar   *self)
{
  g_signal_emit (self, signals[SIGNAL_SHOW_CONNECTION], 0);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *row = tv_connection_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  /* in a narrow window a click on a row shows its connection; the row's
   * gesture sees the release before the list's, which does not claim the
   * press (a drag that scrolls the list cancels it) */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (on_row_released), user_data, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  tv_connection_row_set_connection (TV_CONNECTION_ROW (gtk_list_item_get_child (list_item)),
                                    gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  tv_connection_row_set_connection (TV_CONNECTION_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* ---- the capture ------------------------------------------------------------------- */

void
tv_sidebar_update (TvSidebar *self)
{
  g_autofree char *text = NULL;
  g_autofree char *conns = NULL;
  guint total, shown;
  guint64 frames;

  g_return_if_fail (TV_IS_SIDEBAR (self));

  if (self->capture == NULL)
    return;

  total = g_list_model_get_n_items (G_LIST_MODEL (self->capture));
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  frames = tv_capture_get_frames (self->capture);

  if (total == 0 && !tv_capture_get_loading (self->capture))
    {
      g_autofree char *name = tv_capture_dup_display_name (self->capture);
      g_autofree char *desc = NULL;

      if (frames == 0)
        desc = g_strdup_printf (_("“%s” holds no frames at all."), name);
      else
        desc = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "“%s” holds %" PRIu64 " frame, and it is not TCP.",
                                             "“%s” holds %" PRIu64 " frames; none of them is TCP.",
                                             frames),
                                name, (uint64_t) frames);
      gtk_label_set_text (self->no_tcp_label, desc);
      gtk_stack_set_visible_child_name (self->list_stack, "no-tcp");
    }
  else if (shown == 0 && total > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (shown == total)
    conns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u connection", "%u connections", total), total);
  else
    conns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u connection", "%u of %u connections", total),
                             shown, total);
  /* "3 connections · 31 frames" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %" PRIu64 " frame",
                                       "%s · %" PRIu64 " frames", frames),
                          conns, (uint64_t) frames);
  gtk_label_set_text (self->count_label, text);
}

void
tv_sidebar_set_capture (TvSidebar *self,
                        TvCapture *capture)
{
  g_return_if_fail (TV_IS_SIDEBAR (self));
  g_return_if_fail (capture == NULL || TV_IS_CAPTURE (capture));

  if (self->capture == capture)
    return;
  g_set_object (&self->capture, capture);
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (capture));
  if (capture == NULL)
    tv_sidebar_set_search_mode (self, FALSE);
  tv_sidebar_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTURE]);
}

GListModel *
tv_sidebar_get_model (TvSidebar *self)
{
  g_return_val_if_fail (TV_IS_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->selection);
}

TvConnection *
tv_sidebar_get_selected (TvSidebar *self)
{
  g_return_val_if_fail (TV_IS_SIDEBAR (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

void
tv_sidebar_select (TvSidebar *self,
                   guint      position)
{
  g_return_if_fail (TV_IS_SIDEBAR (self));
  gtk_single_selection_set_selected (self->selection, position);
}

static void
on_selected_item_notify (TvSidebar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
on_search_mode_notify (TvSidebar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

/* ---- GObject ----------------------------------------------------------------------- */

static void
tv_sidebar_dispose (GObject *object)
{
  TvSidebar *self = TV_SIDEBAR (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TV_TYPE_SIDEBAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->capture);
  G_OBJECT_CLASS (tv_sidebar_parent_class)->dispose (object);
}

static void
tv_sidebar_finalize (GObject *object)
{
  TvSidebar *self = TV_SIDEBAR (object);

  g_clear_pointer (&self->search_terms, g_strfreev);
  G_OBJECT_CLASS (tv_sidebar_parent_class)->finalize (object);
}

static void
tv_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TvSidebar *self = TV_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, tv_sidebar_get_selected (self));
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TvSidebar *self = TV_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      tv_sidebar_set_capture (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      tv_sidebar_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_sidebar_class_init (TvSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tv_sidebar_dispose;
  object_class->finalize = tv_sidebar_finalize;
  object_class->get_property = tv_sidebar_get_property;
  object_class->set_property = tv_sidebar_set_property;

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL, TV_TYPE_CAPTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, TV_TYPE_CONNECTION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SHOW_CONNECTION] =
    g_signal_new ("show-connection", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/TcpViz/tv-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, TvSidebar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TvSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TvSidebar, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TvSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, TvSidebar, no_tcp_label);
  gtk_widget_class_bind_template_child (widget_class, TvSidebar, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
}

static void
tv_sidebar_init (TvSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_activate), self);

  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selected_item_notify), self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_notify), self);
}
