/* tv-window-dnd.c: files dropped on a TvWindow */
#define G_LOG_DOMAIN "tv-window"
#include "config.h"

#include "tv-window-private.h"

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TvWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  /* The first file here, any others in windows of their own. */
  tv_window_open_file (_tv_window_to_open_in (self), files->data);
  for (GSList *l = files->next; l; l = l->next)
    {
      TvWindow *other = tv_window_new (TV_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      tv_window_open_file (other, l->data);
      gtk_window_present (GTK_WINDOW (other));
    }
  g_slist_free (files);
  return TRUE;
}

void
_tv_window_dnd_init (TvWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
