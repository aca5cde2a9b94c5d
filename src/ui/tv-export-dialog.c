/* tv-export-dialog.c: the Export Diagram dialog, and Copy Diagram */
#define G_LOG_DOMAIN "tv-export-dialog"
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tv-application.h"
#include "tv-export-dialog.h"
#include "tv-export.h"
#include "tv-text-diagram.h"

#define N_FORMATS 6

typedef struct {
  GtkFileChooserNative *dialog;
  TvExportRequest       request;      /* folder and names not kept */
  char                 *spacing;
  char                 *capture_path;
  gboolean              offer_visible;
  GtkFileFilter        *filters[N_FORMATS];
  TvExportDoneFunc      done;
  gpointer              user_data;
} ExportJob;

static const char *extensions[N_FORMATS] = { ".png", ".svg", ".pdf", ".mmd", ".puml", ".txt" };

void
tv_export_choices_init (TvExportChoices *choices)
{
  g_return_if_fail (choices != NULL);

  memset (choices, 0, sizeof *choices);
  choices->png_scale = 1;
  choices->paper = TV_EXPORT_PAPER_NONE;
  choices->title = TRUE;
}

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->dialog);
  g_clear_object (&job->request.owner);
  g_free (job->spacing);
  g_free (job->capture_path);
  for (guint i = 0; i < G_N_ELEMENTS (job->filters); i++)
    g_clear_object (&job->filters[i]);
  g_free (job);
}

static GSettings *
get_settings (void)
{
  GApplication *app = g_application_get_default ();

  if (TV_IS_APPLICATION (app))
    return tv_application_get_settings (TV_APPLICATION (app));
  return NULL;
}

/* the request as options: style, numbers, spacing, the capture's name */
static void
request_options (const TvExportRequest *request,
                 gboolean               print_style,
                 TvExportOptions       *options,
                 char                 **capture_name)
{
  tv_export_options_init (options);
  options->absolute = request->absolute;
  options->spacing = g_strcmp0 (request->spacing, "time") == 0 ? TV_LADDER_SPACING_TIME
                                                               : TV_LADDER_SPACING_EVEN;
  if (print_style)
    options->style = TV_LADDER_STYLE_PRINT;
  else
    options->style = request->dark ? TV_LADDER_STYLE_DARK : TV_LADDER_STYLE_LIGHT;
  *capture_name = NULL;
  if (request->capture_path != NULL && g_strcmp0 (request->capture_path, "-") != 0)
    *capture_name = g_path_get_basename (request->capture_path);
  options->capture_name = *capture_name;
}

gboolean
tv_export_request_write_full (const TvExportRequest  *request,
                              const char             *path,
                              const char             *default_extension,
                              const TvExportChoices  *choices,
                              char                 ***files,
                              GError                **error)
{
  g_autofree char *full = NULL;
  g_autofree char *capture_name = NULL;
  TvExportChoices defaults;
  TvExportOptions options;
  TvExportFormat format;

  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (request->tracker != NULL && request->conn != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (choices == NULL)
    {
      tv_export_choices_init (&defaults);
      choices = &defaults;
    }

  /* The format comes from the name; a name without a known extension
   * gets the one of the chosen filter. */
  if (tv_export_format_from_filename (path) == TV_EXPORT_FORMAT_AUTO)
    full = g_strconcat (path, default_extension ? default_extension : ".png", NULL);
  else
    full = g_strdup (path);
  format = tv_export_format_from_filename (full);

  request_options (request, choices->print_style, &options, &capture_name);
  options.split_png = TRUE;
  if (format == TV_EXPORT_FORMAT_PNG)
    options.png_scale = CLAMP (choices->png_scale, 1, 3);
  if (format == TV_EXPORT_FORMAT_PDF)
    options.paper = choices->paper;
  options.title = choices->title ? NULL : "";
  options.legend = choices->legend;
  options.hide_pure_acks = choices->hide_pure_acks;
  if (choices->visible_part && request->visible_y_end > request->visible_y_start)
    {
      options.y_start = request->visible_y_start;
      options.y_end = request->visible_y_end;
    }

  return tv_export_to_file_full (request->tracker, request->conn, full, &options, files, error);
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
  TvExportChoices choices;

  tv_export_choices_init (&choices);
  choices.visible_part = visible_part;
  choices.print_style = print_style;
  return tv_export_request_write_full (request, path, default_extension, &choices, files, error);
}

gboolean
tv_export_copy (GdkClipboard          *clipboard,
                const TvExportRequest *request,
                GError               **error)
{
  g_autofree char *capture_name = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) text = NULL;
  TvExportOptions options;
  GdkContentProvider *providers[3];
  GdkContentProvider *union_;
  GString *plain;

  g_return_val_if_fail (GDK_IS_CLIPBOARD (clipboard), FALSE);
  g_return_val_if_fail (request != NULL && request->tracker != NULL && request->conn != NULL, FALSE);

  request_options (request, FALSE, &options, &capture_name);
  /* sharp on a slide and on a high-density screen */
  options.png_scale = 2;
  png = tv_export_to_bytes (request->tracker, request->conn, TV_EXPORT_FORMAT_PNG, &options, error);
  if (png == NULL)
    return FALSE;
  svg = tv_export_to_bytes (request->tracker, request->conn, TV_EXPORT_FORMAT_SVG, &options, error);
  if (svg == NULL)
    return FALSE;
  plain = tv_text_diagram_write (request->tracker, request->conn, TV_EXPORT_FORMAT_TEXT, &options);
  text = g_string_free_to_bytes (plain);

  providers[0] = gdk_content_provider_new_for_bytes ("image/png", png);
  providers[1] = gdk_content_provider_new_for_bytes ("image/svg+xml", svg);
  providers[2] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text);
  union_ = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (clipboard, union_);
  g_object_unref (union_);

  return TRUE;
}

GFile *
tv_export_dialog_get_start_folder (const TvExportRequest *request)
{
  GSettings *settings = get_settings ();

  g_return_val_if_fail (request != NULL, NULL);

  if (settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (settings, "last-export-folder");

      if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
        return g_file_new_for_path (last);
    }
  if (request->folder != NULL)
    return g_object_ref (request->folder);
  if (request->capture_path != NULL && g_strcmp0 (request->capture_path, "-") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (request->capture_path);

      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        return g_file_new_for_path (dir);
    }
  return NULL;
}

static gboolean
choice_on (GtkFileChooser *chooser,
           const char     *id)
{
  return g_strcmp0 (gtk_file_chooser_get_choice (chooser, id), "true") == 0;
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
  const char *choice;
  TvExportChoices choices;

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

  tv_export_choices_init (&choices);
  choices.visible_part = job->offer_visible &&
                         g_strcmp0 (gtk_file_chooser_get_choice (chooser, "part"), "visible") == 0;
  choices.print_style = g_strcmp0 (gtk_file_chooser_get_choice (chooser, "style"), "print") == 0;
  choice = gtk_file_chooser_get_choice (chooser, "scale");
  choices.png_scale = choice != NULL ? CLAMP (atoi (choice), 1, 3) : 1;
  choice = gtk_file_chooser_get_choice (chooser, "paper");
  choices.paper = g_strcmp0 (choice, "a4") == 0       ? TV_EXPORT_PAPER_A4
                  : g_strcmp0 (choice, "letter") == 0 ? TV_EXPORT_PAPER_LETTER
                                                      : TV_EXPORT_PAPER_NONE;
  choices.title = choice_on (chooser, "title");
  choices.legend = choice_on (chooser, "legend");
  choices.hide_pure_acks = choice_on (chooser, "hide-acks");

  if (tv_export_request_write_full (&job->request, path, ext, &choices, &files, &error))
    {
      GSettings *settings = get_settings ();

      if (settings != NULL)
        {
          g_autofree char *dir = g_path_get_dirname (path);

          g_settings_set_string (settings, "last-export-folder", dir);
        }
      job->done ((const char * const *) files, NULL, job->user_data);
    }
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
  static const char *scale_ids[] = { "1", "2", "3", NULL };
  static const char *paper_ids[] = { "none", "a4", "letter", NULL };
  const char *part_labels[3] = { _("The whole connection"), _("The visible part"), NULL };
  const char *style_labels[3] = { _("As in the window"), _("For print (white paper)"), NULL };
  const char *scale_labels[4] = { _("PNG at 1×"), _("PNG at 2×"), _("PNG at 3×"), NULL };
  const char *paper_labels[4] = { _("PDF: one page, the diagram’s size"), _("PDF: A4 pages"),
                                  _("PDF: Letter pages"), NULL };
  const char *filter_names[N_FORMATS] = { _("PNG image"), _("SVG image"), _("PDF document"),
                                          _("Mermaid sequence diagram"), _("PlantUML diagram"),
                                          _("Plain-text ladder") };
  const char *filter_mimes[N_FORMATS] = { "image/png", "image/svg+xml", "application/pdf",
                                          NULL, NULL, "text/plain" };
  ExportJob *job;
  GtkFileChooser *chooser;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (request != NULL);
  g_return_if_fail (request->tracker != NULL && request->conn != NULL);
  g_return_if_fail (done != NULL);

  job = g_new0 (ExportJob, 1);
  job->request = *request;
  job->spacing = g_strdup (request->spacing);
  job->request.spacing = job->spacing;
  job->capture_path = g_strdup (request->capture_path);
  job->request.capture_path = job->capture_path;
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
      if (filter_mimes[i] != NULL)
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
  gtk_file_chooser_add_choice (chooser, "scale", _("Scale"), scale_ids, scale_labels);
  gtk_file_chooser_set_choice (chooser, "scale", "2");
  gtk_file_chooser_add_choice (chooser, "paper", _("Pages"), paper_ids, paper_labels);
  gtk_file_chooser_set_choice (chooser, "paper", "none");
  /* options NULL: a check box */
  gtk_file_chooser_add_choice (chooser, "title", _("Title"), NULL, NULL);
  gtk_file_chooser_set_choice (chooser, "title", "true");
  gtk_file_chooser_add_choice (chooser, "legend", _("Legend"), NULL, NULL);
  gtk_file_chooser_set_choice (chooser, "legend", "false");
  gtk_file_chooser_add_choice (chooser, "hide-acks", _("Text without pure ACKs"), NULL, NULL);
  gtk_file_chooser_set_choice (chooser, "hide-acks", "false");

  folder = tv_export_dialog_get_start_folder (request);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  name = g_strdup_printf ("%s.png", request->suggested_name ? request->suggested_name : "tcp-connection");
  gtk_file_chooser_set_current_name (chooser, name);

  g_signal_connect (job->dialog, "response", G_CALLBACK (on_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (job->dialog));
}
