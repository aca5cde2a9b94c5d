/* tv-window-panes.c: the list beside the connection, or in a narrow window
 * (TvNarrowBin) one of them at a time, with a back button */
#define G_LOG_DOMAIN "tv-window"
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "tv-window-private.h"

/* ---- narrow window ----------------------------------------------------------------- */

/* A window narrower than the narrow bin's threshold (a phone, a tiled half
 * of a small screen) shows the list or the selected connection, not both:
 * the list first, the connection once the person picks one in it, the list
 * again with the back button (Alt+Left).  "show-sidebar" FALSE (one
 * connection) shows the connection.  The header bar keeps only icons:
 * Export… is in the menu.  Each pane alone fits in 360 pixels. */

gboolean
_tv_window_is_narrow (TvWindow *self)
{
  return tv_narrow_bin_get_narrow (self->narrow_bin);
}

void
_tv_window_update_panes (TvWindow *self)
{
  gboolean narrow = _tv_window_is_narrow (self);
  gboolean capture = _tv_window_capture_shown (self);
  gboolean list = self->show_sidebar && !(narrow && self->narrow_content);
  gboolean content = !narrow || !list;
  gboolean back = capture && narrow && !list;

  gtk_widget_set_visible (GTK_WIDGET (self->sidebar), list);
  gtk_widget_set_visible (GTK_WIDGET (self->content_stack), content);
  gtk_widget_set_visible (self->back_button, back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", back);
  gtk_widget_set_visible (self->sidebar_button, capture && !narrow);
  /* the search is in the list */
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), capture && (!narrow || list));
  gtk_widget_set_visible (self->export_button, self->selected != NULL && !narrow);
}

/* In a narrow window: the selected connection instead of the list (a row
 * clicked or activated). */
static void
on_show_connection (TvWindow *self)
{
  if (!_tv_window_is_narrow (self) || self->narrow_content)
    return;
  self->narrow_content = TRUE;
  tv_sidebar_set_search_mode (self->sidebar, FALSE);
  _tv_window_update_panes (self);
  gtk_widget_grab_focus (self->view);
}

static void
on_show_sidebar_notify (TvWindow *self)
{
  if (self->show_sidebar)
    self->narrow_content = FALSE;
  _tv_window_update_panes (self);
}

/* Typing starts a search, in the list: a narrow window goes there. */
static void
on_search_mode_notify (TvWindow *self)
{
  gboolean search;

  g_object_get (self->sidebar, "search-mode", &search, NULL);
  if (search && _tv_window_is_narrow (self) && self->narrow_content)
    {
      self->narrow_content = FALSE;
      _tv_window_update_panes (self);
    }
}

static void
on_narrow_notify (TvWindow *self)
{
  gboolean narrow = _tv_window_is_narrow (self);

  if (narrow)
    {
      /* the divider stays where it was for when the window is wide again */
      self->wide_position = gtk_paned_get_position (self->paned);
      gtk_button_set_icon_name (GTK_BUTTON (self->open_button), "document-open-symbolic");
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (self->open_button), self->open_label);
      if (self->wide_position > 0)
        gtk_paned_set_position (self->paned, self->wide_position);
    }
  /* what is being read: above the progress bar, the window's width */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->progress_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self->progress_box), narrow ? 6 : 12);
  gtk_label_set_width_chars (self->progress_label, narrow ? -1 : 24);
  _tv_window_update_panes (self);
}

/* A default width set before the window is shown (the remembered one, a
 * test's): the layout for it from the start, or the wide one would make
 * the window wider than asked. */
void
_tv_window_set_width_hint (TvWindow *self,
                int       width)
{
  tv_narrow_bin_set_width_hint (self->offer_bin, width);
  tv_narrow_bin_set_width_hint (self->narrow_bin, width);
}

static void
on_default_width_notify (TvWindow *self)
{
  int width, height;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || gtk_window_is_maximized (GTK_WINDOW (self)))
    return;
  /* (GTK 4.8 wants both) */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  _tv_window_set_width_hint (self, width);
}

void
_tv_window_class_panes_init (TvWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_callback (widget_class, on_show_connection);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_narrow_notify);
}

void
_tv_window_panes_init (TvWindow *self)
{
  self->open_label = g_strdup (gtk_button_get_label (GTK_BUTTON (self->open_button)));
  g_signal_connect (self, "notify::show-sidebar", G_CALLBACK (on_show_sidebar_notify), NULL);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (on_default_width_notify), NULL);
  _tv_window_update_panes (self);
}
