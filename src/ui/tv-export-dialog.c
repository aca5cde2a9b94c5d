/* tv-export-dialog.c: the Export Diagram dialog */
#define G_LOG_DOMAIN "tv-export-dialog"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tv-export-dialog.h"
#include "tv-export.h"

typedef struct {
  GtkFileChooserNative *dialog;
  TvTracker            *tracker;
  TvConn               *conn;
  TvExportOptions       options;
  gboolean              dark;
  double                visible_y_start;
  double                visible_y_end;
  gboolean              offer_visible;
  GtkFileFilter        *filters[3];   /* PNG, SVG, PDF */
  TvExportDoneFunc      done;
  gpointer              user_data;
} ExportJob;

static const char *extensions[] = { ".png", ".svg", ".pdf" };

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->dialog);
  for (guint i = 0; i < G_N_ELEMENTS (job->filters); i++)
    g_clear_object (&job->filters[i]);
  g_free (job);
}

static void
on_response (GtkNativeDialog *native,
             int              response,
             ExportJob       *job)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  const char *part, *style;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      job->done (NULL, NULL, job->user_data);
      goto out;
    }

  file = gtk_file_chooser_get_file (chooser);
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      g_set_error (&error, TV_EXPORT_ERROR, TV_EXPORT_ERROR_WRITE,
                   _("The diagram can only be exported to a local file"));
      job->done (NULL, error, job->user_data);
      goto out;
    }

  /* The format comes from the name; a name without a known extension
   * gets the one of the chosen filter. */
  if (tv_export_format_from_filename (path) == TV_EXPORT_FORMAT_AUTO)
    {
      GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
      const char *ext = extensions[0];
      char *with_ext;

      for (guint i = 0; i < G_N_ELEMENTS (job->filters); i++)
        if (filter == job->filters[i])
          ext = extensions[i];
      with_ext = g_strconcat (path, ext, NULL);
      g_free (path);
      path = with_ext;
    }

  part = gtk_file_chooser_get_choice (chooser, "part");
  style = gtk_file_chooser_get_choice (chooser, "style");

  job->options.format = TV_EXPORT_FORMAT_AUTO;
  if (g_strcmp0 (style, "print") == 0)
    job->options.style = TV_LADDER_STYLE_PRINT;
  else
    job->options.style = job->dark ? TV_LADDER_STYLE_DARK : TV_LADDER_STYLE_LIGHT;
  if (job->offer_visible && g_strcmp0 (part, "visible") == 0)
    {
      job->options.y_start = job->visible_y_start;
      job->options.y_end = job->visible_y_end;
    }

  if (tv_export_to_file_full (job->tracker, job->conn, path, &job->options, &files, &error))
    job->done ((const char * const *) files, NULL, job->user_data);
  else
    job->done (NULL, error, job->user_data);

out:
  gtk_native_dialog_destroy (native);
  export_job_free (job);
}

void
tv_export_dialog_run (GtkWindow             *parent,
                      const TvExportRequest *request,
                      TvExportDoneFunc       done,
                      gpointer               user_data)
{
  static const char *part_ids[] = { "whole", "visible", NULL };
  static const char *style_ids[] = { "window", "print", NULL };
  const char *part_labels[3] = { _("The whole connection"), _("The visible part"), NULL };
  const char *style_labels[3] = { _("As in the window"), _("For print (white paper)"), NULL };
  const char *filter_names[3] = { _("PNG image"), _("SVG image"), _("PDF document") };
  const char *filter_mimes[3] = { "image/png", "image/svg+xml", "application/pdf" };
  ExportJob *job;
  GtkFileChooser *chooser;
  g_autofree char *name = NULL;

  g_return_if_fail (request != NULL);
  g_return_if_fail (request->tracker != NULL && request->conn != NULL);
  g_return_if_fail (done != NULL);

  job = g_new0 (ExportJob, 1);
  job->tracker = request->tracker;
  job->conn = request->conn;
  job->dark = request->dark;
  job->done = done;
  job->user_data = user_data;
  job->visible_y_start = request->visible_y_start;
  job->visible_y_end = request->visible_y_end;
  job->offer_visible = request->visible_y_end > request->visible_y_start;
  tv_export_options_init (&job->options);
  job->options.absolute = request->absolute;
  job->options.spacing = g_strcmp0 (request->spacing, "time") == 0 ? TV_LADDER_SPACING_TIME
                                                                   : TV_LADDER_SPACING_EVEN;
  job->options.split_png = TRUE;

  job->dialog = gtk_file_chooser_native_new (_("Export Diagram"), parent,
                                             GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (job->dialog);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (job->dialog), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (job->filters); i++)
    {
      g_autofree char *pattern = g_strconcat ("*", extensions[i], NULL);

      job->filters[i] = gtk_file_filter_new ();
      gtk_file_filter_set_name (job->filters[i], filter_names[i]);
      gtk_file_filter_add_mime_type (job->filters[i], filter_mimes[i]);
      gtk_file_filter_add_pattern (job->filters[i], pattern);
      gtk_file_chooser_add_filter (chooser, job->filters[i]);
    }
  gtk_file_chooser_set_filter (chooser, job->filters[0]);

  if (job->offer_visible)
    {
      gtk_file_chooser_add_choice (chooser, "part", _("Export"), part_ids, part_labels);
      gtk_file_chooser_set_choice (chooser, "part", "whole");
    }
  gtk_file_chooser_add_choice (chooser, "style", _("Style"), style_ids, style_labels);
  gtk_file_chooser_set_choice (chooser, "style", "window");

  if (request->folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, request->folder, NULL);
  name = g_strdup_printf ("%s.png", request->suggested_name ? request->suggested_name : "tcp-connection");
  gtk_file_chooser_set_current_name (chooser, name);

  g_signal_connect (job->dialog, "response", G_CALLBACK (on_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (job->dialog));
}
