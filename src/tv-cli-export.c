/* tv-cli-export.c: tcpviz --export. */
#define G_LOG_DOMAIN "tv-cli-export"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tv-cli-export.h"
#include "tv-export.h"

void
tv_cli_export_add_options (GOptionContext  *context,
                           TvCliExportArgs *args)
{
  const GOptionEntry entries[] = {
    { "paper", 0, 0, G_OPTION_ARG_STRING, &args->paper,
      N_("Export: PDF pages of paper, a4 or letter (default: one page the size of the diagram)"),
      N_("PAPER") },
    { "scale", 0, 0, G_OPTION_ARG_INT, &args->scale,
      N_("Export: PNG pixels per point, 1, 2 or 3 (default 1)"), N_("N") },
    { "segments", 0, 0, G_OPTION_ARG_STRING, &args->segments,
      N_("Export: only segments A to B of the connection (from 1; A-, -B or A)"), N_("A-B") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &args->title,
      N_("Export: the title (default: the endpoints and the capture's name)"), N_("TEXT") },
    { "no-title", 0, 0, G_OPTION_ARG_NONE, &args->no_title,
      N_("Export: no title"), NULL },
    { "legend", 0, 0, G_OPTION_ARG_NONE, &args->legend,
      N_("Export: a legend of the colours and marks under the diagram"), NULL },
    { "hide-acks", 0, 0, G_OPTION_ARG_NONE, &args->hide_acks,
      N_("Export: leave out pure ACKs (text diagrams)"), NULL },
    { NULL }
  };

  g_return_if_fail (context != NULL);
  g_return_if_fail (args != NULL);

  /* the entries are copied; the strings are static */
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

void
tv_cli_export_args_clear (TvCliExportArgs *args)
{
  g_clear_pointer (&args->paper, g_free);
  g_clear_pointer (&args->segments, g_free);
  g_clear_pointer (&args->title, g_free);
}

gboolean
tv_cli_export_args_given (const TvCliExportArgs *args)
{
  return args->paper != NULL || args->scale != 0 || args->segments != NULL ||
         args->title != NULL || args->no_title || args->legend || args->hide_acks;
}

/* "A-B", "A-", "-B", "A": 1-based, inclusive; FALSE if not that. */
static gboolean
parse_segments (const char *text,
                int        *first,
                int        *last)
{
  const char *dash = strchr (text, '-');
  guint64 a = 1, b = G_MAXINT;
  g_autofree char *left = NULL;

  if (dash == NULL)
    {
      if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &a, NULL))
        return FALSE;
      b = a;
    }
  else
    {
      left = g_strndup (text, dash - text);
      if (*left != '\0' && !g_ascii_string_to_unsigned (left, 10, 1, G_MAXINT, &a, NULL))
        return FALSE;
      if (dash[1] != '\0' && !g_ascii_string_to_unsigned (dash + 1, 10, 1, G_MAXINT, &b, NULL))
        return FALSE;
      if (*left == '\0' && dash[1] == '\0')
        return FALSE;
    }
  if (b < a)
    return FALSE;
  *first = (int) a - 1;
  *last = b == G_MAXINT ? -1 : (int) b - 1;
  return TRUE;
}

int
tv_cli_export_options (TvExportOptions       *options,
                       const char            *out,
                       const char            *capture_path,
                       gboolean               absolute,
                       const char            *style,
                       const char            *spacing,
                       const TvCliExportArgs *args)
{
  TvExportFormat format;
  const char *slash;

  g_return_val_if_fail (options != NULL && out != NULL && args != NULL, 2);

  tv_export_options_init (options);
  options->absolute = absolute;
  if (style == NULL || g_str_equal (style, "light"))
    options->style = TV_LADDER_STYLE_LIGHT;
  else if (g_str_equal (style, "dark"))
    options->style = TV_LADDER_STYLE_DARK;
  else if (g_str_equal (style, "print"))
    options->style = TV_LADDER_STYLE_PRINT;
  else
    {
      g_printerr (_("tcpviz: unknown style “%s”: use light, dark or print\n"), style);
      return 2;
    }
  if (spacing == NULL || g_str_equal (spacing, "even"))
    options->spacing = TV_LADDER_SPACING_EVEN;
  else if (g_str_equal (spacing, "time"))
    options->spacing = TV_LADDER_SPACING_TIME;
  else
    {
      g_printerr (_("tcpviz: unknown spacing “%s”: use even or time\n"), spacing);
      return 2;
    }

  format = tv_export_format_from_filename (out);
  if (format == TV_EXPORT_FORMAT_AUTO)
    {
      g_printerr (_("tcpviz: cannot tell the format of “%s”: name it .png, .svg, .pdf, "
                    ".mmd (Mermaid), .puml (PlantUML) or .txt\n"), out);
      return 2;
    }

  if (args->paper != NULL)
    {
      if (format != TV_EXPORT_FORMAT_PDF)
        {
          g_printerr (_("tcpviz: --paper goes with a PDF export\n"));
          return 2;
        }
      if (g_ascii_strcasecmp (args->paper, "a4") == 0)
        options->paper = TV_EXPORT_PAPER_A4;
      else if (g_ascii_strcasecmp (args->paper, "letter") == 0)
        options->paper = TV_EXPORT_PAPER_LETTER;
      else
        {
          g_printerr (_("tcpviz: unknown paper “%s”: use a4 or letter\n"), args->paper);
          return 2;
        }
    }
  if (args->scale != 0)
    {
      if (args->scale < 1 || args->scale > 3)
        {
          g_printerr (_("tcpviz: --scale takes 1, 2 or 3\n"));
          return 2;
        }
      if (format != TV_EXPORT_FORMAT_PNG)
        {
          g_printerr (_("tcpviz: --scale goes with a PNG export\n"));
          return 2;
        }
      options->png_scale = args->scale;
    }
  if (args->segments != NULL &&
      !parse_segments (args->segments, &options->first_segment, &options->last_segment))
    {
      g_printerr (_("tcpviz: --segments takes A-B, A-, -B or A: segment numbers from 1, "
                    "not “%s”\n"), args->segments);
      return 2;
    }
  if (args->no_title)
    options->title = "";
  else if (args->title != NULL)
    options->title = args->title;
  if (capture_path != NULL && !g_str_equal (capture_path, "-"))
    {
      slash = strrchr (capture_path, G_DIR_SEPARATOR);
      options->capture_name = slash != NULL ? slash + 1 : capture_path;
    }
  options->legend = args->legend;
  options->hide_pure_acks = args->hide_acks;

  return 0;
}

int
tv_cli_export (TvTracker             *tracker,
               TvConn                *conn,
               const char            *out,
               const TvExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;

  g_return_val_if_fail (tracker != NULL && conn != NULL && out != NULL && options != NULL, 2);

  if (!tv_export_to_file_full (tracker, conn, out, options, &files, &error))
    {
      g_printerr ("tcpviz: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    printf ("%s\n", files[i]);
  return 0;
}
