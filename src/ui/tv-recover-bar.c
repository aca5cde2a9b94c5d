/* tv-recover-bar.c: TvRecoverBar */
#define G_LOG_DOMAIN "tv-recover-bar"
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "tv-recover-bar.h"
#include "tv-capture-chooser.h"
#include "tv-writer.h"

struct _TvRecoverBar
{
  GtkWidget     parent_instance;

  /* template */
  GtkRevealer  *recover_revealer;
  GtkWidget    *recover_box;
  GtkLabel     *recover_label;
  GtkLabel     *recover_more_label;
  GtkWidget    *recover_icon;
  GtkWidget    *recover_inner;
  GtkWidget    *recover_buttons;

  GSettings    *settings;
  GPtrArray    *orphans;      /* TvSpool *, offered one at a time: [0] */
  GCancellable *cancellable;  /* looking for them, saving one */
  gboolean      busy;         /* [0] is being saved */
  gboolean      narrow;
};

G_DEFINE_FINAL_TYPE (TvRecoverBar, tv_recover_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NARROW,
  N_PROPS
};

enum {
  SIGNAL_OPEN,
  SIGNAL_ERROR,
  SIGNAL_SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

char *
tv_recover_bar_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  char *text;

  if (time == NULL)
    return g_strdup ("?");
  if (g_date_time_get_year (time) == g_date_time_get_year (now))
    /* Translators: when a live capture started, in g_date_time_format()
       syntax ("22 Nov 05:40"; %-d is the day without a leading zero) */
    /* xgettext:no-c-format */
    text = g_date_time_format (time, C_("capture start", "%-d %b %H:%M"));
  else
    /* Translators: the same for another year ("22 Nov 2025 05:40") */
    /* xgettext:no-c-format */
    text = g_date_time_format (time, C_("capture start", "%-d %b %Y %H:%M"));
  /* a translation that g_date_time_format() does not understand */
  if (text == NULL)
    text = g_date_time_format (time, "%Y-%m-%d %H:%M");
  return text;
}

static void
on_child_revealed (TvRecoverBar *self)
{
  if (!gtk_revealer_get_reveal_child (self->recover_revealer) &&
      !gtk_revealer_get_child_revealed (self->recover_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
update (TvRecoverBar *self)
{
  gboolean show = self->orphans != NULL && self->orphans->len > 0;
  gboolean act = show && !self->busy;

  if (show)
    {
      const TvSpool *spool = g_ptr_array_index (self->orphans, 0);
      g_autofree char *when = tv_recover_bar_format_time (spool->started);
      g_autofree char *text = NULL;
      guint more = self->orphans->len - 1;

      /* "A live capture from 22 Nov 05:40 on lo was not saved (1,234 packets)." */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "A live capture from %s on %s was not saved (%'" PRIu64 " packet).",
                                           "A live capture from %s on %s was not saved (%'" PRIu64 " packets).",
                                           (gulong) MIN (spool->n_packets, G_MAXULONG)),
                              when, spool->iface, (uint64_t) spool->n_packets);
      gtk_label_set_text (self->recover_label, text);
      if (more > 0)
        {
          g_autofree char *more_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     "%u more capture was not saved either.",
                                                                     "%u more captures were not saved either.",
                                                                     more),
                                                        more);
          gtk_label_set_text (self->recover_more_label, more_text);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->recover_more_label), more > 0);
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
    }
  gtk_revealer_set_reveal_child (self->recover_revealer, show);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recover.open", act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recover.save", act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recover.discard", act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recover.later", act);
}

/* Takes the offer of the spool at @path away (it was opened, saved or
 * discarded); returns it, or NULL. */
static TvSpool *
take_orphan (TvRecoverBar *self,
             const char   *path)
{
  TvSpool *spool = NULL;

  if (self->orphans == NULL)
    return NULL;
  for (guint i = 0; i < self->orphans->len; i++)
    if (g_strcmp0 (((TvSpool *) g_ptr_array_index (self->orphans, i))->path, path) == 0)
      {
        spool = g_ptr_array_steal_index (self->orphans, i);
        break;
      }
  update (self);
  return spool;
}

/* ---- looking for them ------------------------------------------------------------ */

typedef struct {
  char                  *dir;
  TvRecoverBarShownFunc  shown;
  gpointer               user_data;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_free (job->dir);
  g_free (job);
}

static void
list_orphans_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  CheckJob *job = task_data;
  GError *error = NULL;
  guint removed = 0;
  GPtrArray *spools = tv_spool_list_orphans (job->dir, &removed, cancellable, &error);

  if (removed > 0)
    g_debug ("Removed %u empty capture spools of TcpViz processes that have gone", removed);
  if (spools == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, spools, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_orphans_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TvRecoverBar *self = TV_RECOVER_BAR (object);
  CheckJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spools = g_task_propagate_pointer (G_TASK (result), &error);

  if (spools == NULL)
    {
      /* cancelled: the window has gone */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Looking for live captures that were not saved: %s", error->message);
      return;
    }
  g_clear_object (&self->cancellable);

  /* not one that a window shows already */
  for (guint i = spools->len; i > 0; i--)
    if (job->shown != NULL &&
        job->shown (((TvSpool *) g_ptr_array_index (spools, i - 1))->path, job->user_data))
      g_ptr_array_remove_index (spools, i - 1);
  g_clear_pointer (&self->orphans, g_ptr_array_unref);
  self->orphans = g_steal_pointer (&spools);
  self->busy = FALSE;
  update (self);
}

void
tv_recover_bar_check (TvRecoverBar          *self,
                      const char            *dir,
                      TvRecoverBarShownFunc  shown,
                      gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  g_return_if_fail (TV_IS_RECOVER_BAR (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (CheckJob, 1);
  job->dir = dir != NULL ? g_strdup (dir) : tv_spool_default_dir ();
  job->shown = shown;
  job->user_data = user_data;
  /* it reads every orphan to count its packets: not on this thread */
  task = g_task_new (self, self->cancellable, list_orphans_done, NULL);
  g_task_set_source_tag (task, tv_recover_bar_check);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (task, list_orphans_thread);
}

/* ---- actions --------------------------------------------------------------------- */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvRecoverBar *self = TV_RECOVER_BAR (widget);
  g_autoptr(TvSpool) spool = NULL;

  if (self->orphans == NULL || self->orphans->len == 0 || self->busy)
    return;
  spool = take_orphan (self, ((TvSpool *) g_ptr_array_index (self->orphans, 0))->path);
  g_signal_emit (self, signals[SIGNAL_OPEN], 0, spool);
}

typedef struct {
  TvSpool *spool;
  char    *dest;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_pointer (&job->spool, tv_spool_free);
  g_free (job->dest);
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

  /* the whole spool, copied atomically: a failure leaves it where it is */
  if (tv_writer_save_frames (job->spool->path, job->dest, NULL, 0, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TvRecoverBar *self = TV_RECOVER_BAR (object);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(TvSpool) spool = NULL;

  self->busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->orphans != NULL)
        {
          update (self);
          g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
        }
      return;
    }

  /* safe in its new file: the spool can go */
  if (!tv_spool_discard (job->spool, &error))
    g_warning ("%s", error->message);
  if (self->orphans == NULL)
    return;   /* the window has gone */
  spool = take_orphan (self, job->spool->path);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, job->dest);
}

void
tv_recover_bar_save_to (TvRecoverBar *self,
                        GFile        *file)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  g_return_if_fail (TV_IS_RECOVER_BAR (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->orphans == NULL || self->orphans->len == 0 || self->busy ||
      g_file_peek_path (file) == NULL)
    return;

  job = g_new0 (SaveJob, 1);
  job->spool = tv_spool_copy (g_ptr_array_index (self->orphans, 0));
  job->dest = g_file_get_path (file);
  self->busy = TRUE;
  update (self);

  task = g_task_new (self, NULL, save_done, NULL);
  g_task_set_source_tag (task, tv_recover_bar_save_to);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  TvRecoverBar    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        {
          tv_capture_chooser_remember (self->settings, file);
          tv_recover_bar_save_to (self, file);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvRecoverBar *self = TV_RECOVER_BAR (widget);
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *dialog;

  if (self->orphans == NULL || self->orphans->len == 0 || self->busy)
    return;

  dialog = tv_capture_chooser_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Save Capture As"),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), self->settings);
  suggested = tv_spool_suggest_name (g_ptr_array_index (self->orphans, 0));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     TvRecoverBar     *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "tv-spool-path");
  g_autoptr(TvSpool) spool = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "discard") != 0)
    return;
  spool = take_orphan (self, path);
  if (spool != NULL && !tv_spool_discard (spool, &error))
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TvRecoverBar *self = TV_RECOVER_BAR (widget);
  const TvSpool *spool;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->orphans == NULL || self->orphans->len == 0 || self->busy)
    return;
  spool = g_ptr_array_index (self->orphans, 0);
  when = tv_recover_bar_format_time (spool->started);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The live capture from %s on %s, %'" PRIu64 " packet, is deleted for good.",
                                       "The live capture from %s on %s, %'" PRIu64 " packets, is deleted for good.",
                                       (gulong) MIN (spool->n_packets, G_MAXULONG)),
                          when, spool->iface, (uint64_t) spool->n_packets);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Discard the Capture?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tv-spool-path", g_strdup (spool->path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
later_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TvRecoverBar *self = TV_RECOVER_BAR (widget);

  /* the spools stay where they are: offered again next time */
  if (self->orphans != NULL)
    g_ptr_array_set_size (self->orphans, 0);
  update (self);
}

/* ---- the rest ---------------------------------------------------------------------- */

const char *
tv_recover_bar_get_text (TvRecoverBar *self)
{
  g_return_val_if_fail (TV_IS_RECOVER_BAR (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->recover_revealer))
    return NULL;
  return gtk_label_get_text (self->recover_label);
}

void
tv_recover_bar_set_settings (TvRecoverBar *self,
                             GSettings    *settings)
{
  g_return_if_fail (TV_IS_RECOVER_BAR (self));
  g_set_object (&self->settings, settings);
}

/* Narrow: the buttons under the text (and no icon), so that the bar does
 * not make the window wider than the screen. */
static void
set_narrow (TvRecoverBar *self,
            gboolean      narrow)
{
  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->recover_inner),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self->recover_inner), narrow ? 6 : 12);
  gtk_widget_set_halign (self->recover_buttons, narrow ? GTK_ALIGN_END : GTK_ALIGN_FILL);
  gtk_widget_set_visible (self->recover_icon, !narrow);
  /* the four buttons in a row fit in 360 pixels with a little less room
   * around them */
  gtk_box_set_spacing (GTK_BOX (self->recover_buttons), narrow ? 4 : 6);
  if (narrow)
    gtk_widget_add_css_class (self->recover_box, "tv-narrow");
  else
    gtk_widget_remove_css_class (self->recover_box, "tv-narrow");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}

static void
tv_recover_bar_dispose (GObject *object)
{
  TvRecoverBar *self = TV_RECOVER_BAR (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->orphans, g_ptr_array_unref);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TV_TYPE_RECOVER_BAR);
  G_OBJECT_CLASS (tv_recover_bar_parent_class)->dispose (object);
}

static void
tv_recover_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TvRecoverBar *self = TV_RECOVER_BAR (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_recover_bar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TvRecoverBar *self = TV_RECOVER_BAR (object);

  switch (prop_id)
    {
    case PROP_NARROW:
      set_narrow (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_recover_bar_class_init (TvRecoverBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tv_recover_bar_dispose;
  object_class->get_property = tv_recover_bar_get_property;
  object_class->set_property = tv_recover_bar_set_property;

  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/TcpViz/tv-recover-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TvRecoverBar, recover_revealer);
  gtk_widget_class_bind_template_child (widget_class, TvRecoverBar, recover_box);
  gtk_widget_class_bind_template_child (widget_class, TvRecoverBar, recover_label);
  gtk_widget_class_bind_template_child (widget_class, TvRecoverBar, recover_more_label);
  gtk_widget_class_bind_template_child (widget_class, TvRecoverBar, recover_icon);
  gtk_widget_class_bind_template_child (widget_class, TvRecoverBar, recover_inner);
  gtk_widget_class_bind_template_child (widget_class, TvRecoverBar, recover_buttons);

  gtk_widget_class_install_action (widget_class, "recover.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "recover.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "recover.discard", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "recover.later", NULL, later_action);
}

static void
tv_recover_bar_init (TvRecoverBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_connect_swapped (self->recover_revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed), self);
  update (self);
}
