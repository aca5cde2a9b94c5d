/* tv-export-dialog.c: the Export Diagram dialog */
#define G_LOG_DOMAIN "tv-export-dialog"
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tv-export-dialog.h"
#include "tv-export.h"

typedef struct {
  GtkFileChooserNative *dialog;
  TvExportRequest       request;      /* folder and names not kept */
  char                 *spacing;
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
  g_clear_object (&job->request.owner);
  g_free (job->spacing);
  for (guint i = 0; i < G_N_ELEMENTS (job->filters); i++)
    g_clear_object (&job->filters[i]);
  g_free (job);
}

gboolean
tv_export_request_write (const TvExportRequest  *request,
                         const char             *path,
                         const char             *default_extension,
                         gboolean                visible_part,
                         gboolean                print_style,
                         char                 ***files,
                         GError                **error)
{
  g_autofree char *full = NULL;
  TvExportOptions options;

  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (request->tracker != NULL && request->conn != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The format comes from the name; a name without a known extension
   * gets the one of the chosen filter. */
  if (tv_export_format_from_filename (path) == TV_EXPORT_FORMAT_AUTO)
    full = g_strconcat (path, default_extension ? default_extension : ".png", NULL);
  else
    full = g_strdup (path);

  tv_export_options_init (&options);
  options.format = TV_EXPORT_FORMAT_AUTO;
  options.absolute = request->absolute;
  options.spacing = g_strcmp0 (request->spacing, "time") == 0 ? TV_LADDER_SPACING_TIME
                                                              : TV_LADDER_SPACING_EVEN;
  options.split_png = TRUE;
  if (print_style)
    options.style = TV_LADDER_STYLE_PRINT;
  else
    options.style = request->dark ? TV_LADDER_STYLE_DARK : TV_LADDER_STYLE_LIGHT;
  if (visible_part && request->visible_y_end > request->visible_y_start)
    {
      options.y_start = request->visible_y_start;
      options.y_end = request->visible_y_end;
    }

  return tv_export_to_file_full (request->tracker, request->conn, full, &options, files, error);
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
  GtkFileFilter *filter;
  const char *ext = extensions[0];

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

  filter = gtk_file_chooser_get_filter (chooser);
  for (guint i = 0; i < G_N_ELEMENTS (job->filters); i++)
    if (filter == job->filters[i])
      ext = extensions[i];

  if (tv_export_request_write (&job->request, path, ext,
                               job->offer_visible &&
                                 g_strcmp0 (gtk_file_chooser_get_choice (chooser, "part"), "visible") == 0,
                               g_strcmp0 (gtk_file_chooser_get_choice (chooser, "style"), "print") == 0,
                               &files, &error))
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
  job->request = *request;
  job->spacing = g_strdup (request->spacing);
  job->request.spacing = job->spacing;
  job->request.folder = NULL;
  if (job->request.owner != NULL)
    g_object_ref (job->request.owner);
  job->request.suggested_name = NULL;
  job->done = done;
  job->user_data = user_data;
  job->offer_visible = request->visible_y_end > request->visible_y_start;

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
