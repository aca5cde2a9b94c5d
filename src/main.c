/* main.c: the tcpviz program.  The command-line modes (--json, --summary,
 * --export, --explain) run before any display is opened; with none of them
 * the window opens. */
#define G_LOG_DOMAIN "tcpviz"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "tv-cli.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* TCPVIZ_LOCALEDIR: the translations compiled in a build tree (tests) */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TCPVIZ_LOCALEDIR") != NULL && g_getenv ("TCPVIZ_LOCALEDIR")[0] != '\0'
                                   ? g_getenv ("TCPVIZ_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return tv_cli_main (argc, argv);
}
