/* tv-ui-main.c: runs TvApplication alone, for the screenshot test (the real
 * program, src/main.c, opens the same application when no command-line
 * mode is given). */
#define G_LOG_DOMAIN "tv-ui-main"
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "tv-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TvApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tv_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
