/* tv-window-live.c: TvWindow's live capture (start, stop, the bar, --write) and the
 * capture a killed TcpViz left behind (offered by the TvRecoverBar, shown
 * here until it is saved or discarded) */
#define G_LOG_DOMAIN "tv-window"
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "tv-window-private.h"

/* ---- live capture ------------------------------------------------------------------ */

guint64
_tv_window_live_packets (TvWindow *self)
{
  TvLiveCaptureStats stats;

  if (_tv_window_get_live (self) == NULL)
    return 0;
  tv_live_capture_get_stats (_tv_window_get_live (self), &stats);
  return stats.packets;
}

void
_tv_window_update_live (TvWindow *self)
{
  tv_live_bar_set_unsaved (self->live_bar, tv_window_get_unsaved (self));
  tv_live_bar_update (self->live_bar);
}

/* The capture stopped: by Stop, by its duration, or by an error. */
void
_tv_window_live_finished (TvWindow *self)
{
  TvLiveCapture *live = _tv_window_get_live (self);
  const GError *error = tv_live_capture_get_error (live);

  _tv_window_update_live (self);
  _tv_window_update_title (self);
  tv_view_state_segments_added (self->state);

  if (error != NULL)
    _tv_window_show_banner (self, error->message, TRUE);

  /* `--write FILE`: saved when the capture stops, before anything else can
   * close the window */
  if (self->write_path != NULL)
    {
      g_autoptr(GError) save_error = NULL;
      g_autofree char *path = g_steal_pointer (&self->write_path);

      if (tv_live_capture_save (live, path, NULL, &save_error))
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *display = g_filename_display_name (base);
          g_autofree char *msg = g_strdup_printf (_("Saved “%s”"), display);

          self->saved_packets = _tv_window_live_packets (self);
          _tv_window_update_live (self);
          _tv_window_show_toast (self, msg, 3);
        }
      else
        _tv_window_show_banner (self, save_error->message, TRUE);
    }
}

gboolean
tv_window_start_capture (TvWindow    *self,
                         const char  *iface,
                         const char  *filter,
                         int          snaplen,
                         gboolean     promiscuous,
                         guint        duration,
                         const char  *write_path,
                         GError     **error)
{
  g_autoptr(TvCapture) capture = NULL;
  g_autoptr(GError) local_error = NULL;
  TvLiveCapture *live;

  g_return_val_if_fail (TV_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (iface != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  capture = tv_capture_new_live (iface);
  live = tv_capture_get_live (capture);
  tv_live_capture_set_filter (live, filter);
  if (snaplen > 0)
    tv_live_capture_set_snaplen (live, snaplen);
  tv_live_capture_set_promiscuous (live, promiscuous);
  tv_live_capture_set_duration (live, duration);

  /* Every reason not to capture (permission, no such interface, bad
   * filter) is known here: the window keeps what it shows and says why. */
  if (!tv_capture_start_live (capture, &local_error))
    {
      _tv_window_show_banner (self, local_error->message, TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  tv_sidebar_set_search (self->sidebar, NULL);
  g_clear_pointer (&self->write_path, g_free);
  self->write_path = g_strdup (write_path);
  self->saved_packets = 0;
  self->close_confirmed = FALSE;
  _tv_window_set_capture (self, capture);
  _tv_window_update_live (self);
  _tv_window_update_count (self);
  return TRUE;
}

void
tv_window_stop_capture (TvWindow *self)
{
  g_return_if_fail (TV_IS_WINDOW (self));

  if (_tv_window_get_live (self) != NULL)
    tv_live_capture_stop (_tv_window_get_live (self));
}

gboolean
tv_window_get_unsaved (TvWindow *self)
{
  g_return_val_if_fail (TV_IS_WINDOW (self), FALSE);

  if (self->recovered != NULL)
    return !self->recovered_saved;
  return _tv_window_get_live (self) != NULL && _tv_window_live_packets (self) > self->saved_packets;
}

/* ---- captures left behind ------------------------------------------------------------ */

/* The recovered capture is no longer shown: its spool goes if it was
 * saved whole, and stays (to be offered again) if not. */
void
_tv_window_forget_recovered (TvWindow *self)
{
  if (self->recovered == NULL)
    return;
  if (self->recovered_saved)
    {
      g_autoptr(GError) error = NULL;

      if (!tv_spool_discard (self->recovered, &error))
        g_warning ("%s", error->message);
    }
  g_clear_pointer (&self->recovered, tv_spool_free);
  self->recovered_saved = FALSE;
}

static gboolean
shown_in_a_window (const char *path,
                   gpointer    user_data)
{
  TvWindow *self = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GList *windows = app != NULL ? gtk_application_get_windows (app) : NULL;

  if (self->recovered != NULL && g_strcmp0 (self->recovered->path, path) == 0)
    return TRUE;
  for (GList *l = windows; l; l = l->next)
    if (TV_IS_WINDOW (l->data) && TV_WINDOW (l->data)->recovered != NULL &&
        g_strcmp0 (TV_WINDOW (l->data)->recovered->path, path) == 0)
      return TRUE;
  return FALSE;
}

void
tv_window_check_spools (TvWindow   *self,
                        const char *dir)
{
  g_return_if_fail (TV_IS_WINDOW (self));
  tv_recover_bar_check (self->recover_bar, dir, shown_in_a_window, self);
}

void
tv_window_save_orphan (TvWindow *self,
                       GFile    *file)
{
  g_return_if_fail (TV_IS_WINDOW (self));
  tv_recover_bar_save_to (self->recover_bar, file);
}

const char *
tv_window_get_recovery_text (TvWindow *self)
{
  g_return_val_if_fail (TV_IS_WINDOW (self), NULL);
  return tv_recover_bar_get_text (self->recover_bar);
}

/* Open in the offer: like a file from the command line, in this window if
 * it shows nothing, a new one otherwise. */
static void
on_recover_open (TvRecoverBar *bar,
                 TvSpool      *spool,
                 TvWindow     *self)
{
  TvWindow *target = self;

  if (!tv_window_is_empty (self))
    {
      target = tv_window_new (TV_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      gtk_window_present (GTK_WINDOW (target));
    }
  tv_window_open_path (target, spool->path);
  target->recovered = tv_spool_copy (spool);
  target->recovered_saved = FALSE;
  target->close_confirmed = FALSE;
  _tv_window_update_title (target);
}

static void
on_recover_error (TvRecoverBar *bar,
                  const char   *message,
                  TvWindow     *self)
{
  _tv_window_show_banner (self, message, TRUE);
}

static void
on_recover_saved (TvRecoverBar *bar,
                  const char   *path,
                  TvWindow     *self)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (base);
  g_autofree char *msg = g_strdup_printf (_("Saved “%s”"), display);

  _tv_window_show_toast (self, msg, 3);
}

void
_tv_window_class_live_init (TvWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_callback (widget_class, on_recover_open);
  gtk_widget_class_bind_template_callback (widget_class, on_recover_error);
  gtk_widget_class_bind_template_callback (widget_class, on_recover_saved);
}
