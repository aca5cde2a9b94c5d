/* tv-window-save.c: Save As… (the whole capture or the selected
 * connection, as pcap, in a worker thread) and closing a window whose
 * live or recovered capture is not saved. */
#define G_LOG_DOMAIN "tv-window"
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tv-window-private.h"
#include "tv-core-error.h"
#include "tv-writer.h"

/* Save As: the whole capture or the selected connection, as pcap. */

typedef struct {
  char    *source;
  char    *dest;
  guint32 *frames;
  gsize    n_frames;
  gboolean whole;         /* the whole capture, not one connection */
  guint64  live_packets;  /* a live capture's packets when the save began */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->source);
  g_free (job->dest);
  g_free (job->frames);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (tv_writer_save_frames (job->source, job->dest, job->frames, job->n_frames, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tv_window_save_to (TvWindow            *self,
                   GFile               *file,
                   gboolean             selected_only,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  g_return_if_fail (TV_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, tv_window_save_to);
  if (self->capture == NULL || g_file_peek_path (file) == NULL)
    {
      g_task_return_new_error (task, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
                               _("There is no capture to save, or the place is not a local file"));
      return;
    }

  job = g_new0 (SaveJob, 1);
  job->source = g_strdup (tv_capture_get_path (self->capture));
  job->dest = g_file_get_path (file);
  job->whole = TRUE;
  job->live_packets = _tv_window_live_packets (self);
  if (selected_only && self->selected != NULL && tv_connection_get_conn (self->selected) != NULL)
    {
      job->frames = tv_writer_conn_frames (tv_connection_get_conn (self->selected), &job->n_frames);
      job->whole = FALSE;
    }
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
tv_window_save_to_finish (TvWindow      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  SaveJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  /* the spool's packets are all in the file: closing loses nothing */
  job = g_task_get_task_data (G_TASK (result));
  if (job != NULL && job->whole && _tv_window_get_live (self) != NULL && job->live_packets > self->saved_packets)
    {
      self->saved_packets = job->live_packets;
      _tv_window_update_live (self);
    }
  /* a recovered capture saved whole: its spool is no longer needed */
  if (job != NULL && job->whole && self->recovered != NULL &&
      g_strcmp0 (job->source, self->recovered->path) == 0 && !self->recovered_saved)
    {
      self->recovered_saved = TRUE;
      _tv_window_update_title (self);
    }
  return TRUE;
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TvWindow *self = TV_WINDOW (object);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  gboolean close_after_save = self->close_after_save;

  self->close_after_save = FALSE;
  if (!tv_window_save_to_finish (self, result, &error))
    _tv_window_show_banner (self, error->message, TRUE);
  else
    {
      if (close_after_save && !tv_window_get_unsaved (self))
        {
          gtk_window_close (GTK_WINDOW (self));
          return;
        }

      g_autofree char *base = g_path_get_basename (job->dest);
      g_autofree char *display = g_filename_display_name (base);
      g_autofree char *msg = g_strdup_printf (_("Saved “%s”"), display);
      _tv_window_show_toast (self, msg, 3);
    }
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  TvWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->capture != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      const char *what = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "what");

      if (file != NULL)
        {
          tv_capture_chooser_remember (self->settings, file);
          tv_window_save_to (self, file, g_strcmp0 (what, "connection") == 0, save_done, NULL);
        }
      else
        self->close_after_save = FALSE;
    }
  else
    self->close_after_save = FALSE;
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
_tv_window_save_as (TvWindow *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;
  GtkFileChooserNative *dialog;
  const char *ids[] = { "capture", "connection", NULL };
  const char *labels[] = { N_("The whole capture"), N_("The selected connection only"), NULL };
  const char *translated[3];

  if (self->capture == NULL)
    return;

  /* the folder: below, by what is saved */
  dialog = tv_capture_chooser_new (GTK_WINDOW (self), _("Save Capture As"),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);

  translated[0] = _(labels[0]);
  translated[1] = _(labels[1]);
  translated[2] = NULL;
  if (self->selected != NULL)
    {
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "what", _("Save"), ids, translated);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "what", "capture");
    }

  /* "trace.pcapng" → "trace-copy.pcap": always pcap, never the same file */
  name = g_path_get_basename (tv_capture_get_path (self->capture));
  stem = g_strdup (name);
  if (strrchr (stem, '.') != NULL)
    *strrchr (stem, '.') = '\0';
  if (_tv_window_get_live (self) != NULL)
    {
      /* a live capture's spool is in the cache: offer the last folder and
       * "capture-lo-20261122-034512.pcap" */
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *date = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *suggested = g_strdup_printf ("capture-%s-%s.pcap",
                                                    tv_live_capture_get_interface (_tv_window_get_live (self)), date);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
      folder = tv_capture_chooser_last_folder (self->settings);
    }
  else if (self->recovered != NULL)
    {
      /* a recovered spool is in the cache too: its name without the PID */
      g_autofree char *suggested = tv_spool_suggest_name (self->recovered);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
      folder = tv_capture_chooser_last_folder (self->settings);
    }
  else
    {
      g_autofree char *suggested = g_strdup_printf ("%s-copy.pcap", stem);
      g_autoptr(GFile) source = g_file_new_for_path (tv_capture_get_path (self->capture));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
      folder = g_file_get_parent (source);
    }
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);

  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
close_idle (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   TvWindow         *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      /* not while the dialog, transient for this window, is answering */
      self->close_confirmed = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle, g_object_ref (self), g_object_unref);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      _tv_window_save_as (self);
    }
}

/* Closing a live capture that is not saved asks first: its spool goes
 * with the window. */
gboolean
_tv_window_confirm_close (TvWindow *self)
{
  TvLiveCapture *live = _tv_window_get_live (self);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint64 packets;

  if (self->close_confirmed || !tv_window_get_unsaved (self))
    return FALSE;

  /* `--write FILE`: stopping saves it there */
  if (live != NULL && self->write_path != NULL && tv_live_capture_get_running (live))
    {
      tv_live_capture_stop (live);
      if (!tv_window_get_unsaved (self))
        return FALSE;
    }

  if (live == NULL && self->recovered != NULL)
    {
      g_autofree char *when = tv_recover_bar_format_time (self->recovered->started);

      packets = self->recovered->n_packets;
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The capture on %s from %s holds %'" PRIu64 " packet that was never saved. "
                                           "It is deleted if the window closes without saving.",
                                           "The capture on %s from %s holds %'" PRIu64 " packets that were never saved. "
                                           "They are deleted if the window closes without saving.",
                                           packets),
                              self->recovered->iface, when, (uint64_t) packets);
    }
  else
    {
      packets = _tv_window_live_packets (self);
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The capture on %s holds %'" PRIu64 " packet that is not saved. "
                                           "It is lost if the window closes without saving.",
                                           "The capture on %s holds %'" PRIu64 " packets that are not saved. "
                                           "They are lost if the window closes without saving.",
                                           packets),
                              tv_live_capture_get_interface (live), (uint64_t) packets);
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save the capture?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

