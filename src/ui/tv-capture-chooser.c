/* tv-capture-chooser.c: the file chooser for captures */
#define G_LOG_DOMAIN "tv-capture-chooser"
#include "config.h"

#include <glib/gi18n.h>

#include "tv-capture-chooser.h"

static void
add_capture_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) captures = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (captures, _("Captures (pcap, pcapng)"));
  gtk_file_filter_add_mime_type (captures, "application/vnd.tcpdump.pcap");
  gtk_file_filter_add_mime_type (captures, "application/x-pcapng");
  gtk_file_filter_add_pattern (captures, "*.pcap");
  gtk_file_filter_add_pattern (captures, "*.pcapng");
  gtk_file_filter_add_pattern (captures, "*.cap");
  gtk_file_chooser_add_filter (chooser, captures);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  gtk_file_chooser_set_filter (chooser, captures);
}

GtkFileChooserNative *
tv_capture_chooser_new (GtkWindow            *parent,
                        const char           *title,
                        GtkFileChooserAction  action,
                        const char           *accept_label,
                        GSettings            *settings)
{
  g_autoptr(GFile) folder = tv_capture_chooser_last_folder (settings);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  add_capture_filters (GTK_FILE_CHOOSER (dialog));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  return dialog;
}

GFile *
tv_capture_chooser_last_folder (GSettings *settings)
{
  g_autofree char *folder = NULL;

  if (settings != NULL)
    folder = g_settings_get_string (settings, "last-folder");
  if (folder != NULL && folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (folder);
  return NULL;
}

void
tv_capture_chooser_remember (GSettings *settings,
                             GFile     *file)
{
  g_autoptr(GFile) parent = NULL;
  const char *path;

  if (settings == NULL || file == NULL)
    return;
  parent = g_file_get_parent (file);
  path = parent != NULL ? g_file_peek_path (parent) : NULL;
  if (path != NULL)
    g_settings_set_string (settings, "last-folder", path);
}
