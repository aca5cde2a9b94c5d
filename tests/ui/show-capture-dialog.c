/* show-capture-dialog.c: the Live Capture dialog alone, for screenshots:
 *
 *   show-capture-dialog [-i IFACE] [-f FILTER]
 *
 * chooses IFACE and types FILTER (a bad one shows its message).
 * ADW_DEBUG_COLOR_SCHEME=prefer-dark for the dark style.  (Alone, because
 * an X server without a window manager may stack a dialog under its
 * parent.) */
#define G_LOG_DOMAIN "show-capture-dialog"
#include "config.h"

#include <locale.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "tv-capture-dialog.h"
#include "tv-ui-resources.h"

static char *iface = NULL;
static char *filter = NULL;

static const GOptionEntry entries[] = {
  { "interface", 'i', 0, G_OPTION_ARG_STRING, &iface, "The interface to choose", "IFACE" },
  { "filter", 'f', 0, G_OPTION_ARG_STRING, &filter, "The filter to type", "FILTER" },
  { NULL }
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  TvCaptureDialog *dialog;

  /* as tcpviz: the catalogue of the build tree with TCPVIZ_LOCALEDIR
   * (LANGUAGE=zh_CN LANG=zh_CN.UTF-8 for the Chinese screenshots) */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TCPVIZ_LOCALEDIR") != NULL && g_getenv ("TCPVIZ_LOCALEDIR")[0] != '\0'
                                   ? g_getenv ("TCPVIZ_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  gtk_init ();
  adw_init ();
  (void) tv_ui_get_resource ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/com/example/TcpViz/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  dialog = tv_capture_dialog_new (NULL);
  if (iface != NULL)
    tv_capture_dialog_set_interface (dialog, iface);
  if (filter != NULL)
    tv_capture_dialog_set_filter (dialog, filter);
  g_signal_connect_swapped (dialog, "destroy", G_CALLBACK (g_main_loop_quit), loop);
  gtk_window_present (GTK_WINDOW (dialog));
  g_main_loop_run (loop);
  return 0;
}
