/* tv-cli.c: the command-line modes of tcpviz. */
#define G_LOG_DOMAIN "tv-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tv-cli.h"
#include "tv-core-error.h"
#include "tv-json.h"
#include "tv-load.h"
#include "tv-tracker.h"

typedef struct {
  gboolean json;
  gboolean summary;
  gboolean version;
  char    *export_path;
  int      connection;
  gboolean absolute;
  char    *style;
  char    *spacing;
  gboolean explain;
  char   **files;
} CliOptions;

static void
cli_options_clear (CliOptions *o)
{
  g_free (o->export_path);
  g_free (o->style);
  g_free (o->spacing);
  g_strfreev (o->files);
}

static void
format_duration (char *buf, gsize size, gint64 ns)
{
  if (ns < 0)
    g_snprintf (buf, size, "-");
  else if (ns < 1000000)
    g_snprintf (buf, size, "%.3f ms", ns / 1e6);
  else if (ns < G_GINT64_CONSTANT (10000000000))
    g_snprintf (buf, size, "%.1f ms", ns / 1e6);
  else
    g_snprintf (buf, size, "%.3f s", ns / 1e9);
}

static void
print_summary (TvTracker         *tracker,
               const TvLoadStats *stats)
{
  guint n = tv_tracker_get_n_conns (tracker);
  GString *line = g_string_sized_new (160);

  printf ("%6s  %-40s  %-40s  %8s  %12s  %12s  %12s  %12s  %s\n",
          "ID", _("CLIENT"), _("SERVER"), _("SEGMENTS"), _("BYTES C→S"), _("BYTES S→C"),
          _("DURATION"), _("HANDSHAKE"), _("END"));

  for (guint i = 0; i < n; i++)
    {
      TvConn *c = tv_tracker_get_conn (tracker, i);
      g_autofree char *client = tv_endpoint_to_string (&c->client);
      g_autofree char *server = tv_endpoint_to_string (&c->server);
      char dur[32], rtt[32];

      format_duration (dur, sizeof dur, tv_conn_duration (c));
      format_duration (rtt, sizeof rtt, tv_conn_handshake_rtt (c));
      g_string_printf (line, "%6u  %-40s  %-40s  %8u  %12" G_GUINT64_FORMAT "  %12" G_GUINT64_FORMAT
                       "  %12s  %12s  %s\n",
                       c->id, client, server, c->n_segs,
                       tv_conn_bytes (c, TV_DIR_CLIENT_TO_SERVER),
                       tv_conn_bytes (c, TV_DIR_SERVER_TO_CLIENT),
                       dur, rtt, tv_conn_end_name (c->end));
      fwrite (line->str, 1, line->len, stdout);
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "%u connection", "%u connections", n), n);
  printf (g_dngettext (GETTEXT_PACKAGE, ", %" G_GUINT64_FORMAT " TCP segment",
                       ", %" G_GUINT64_FORMAT " TCP segments", stats->tcp_frames), stats->tcp_frames);
  printf (g_dngettext (GETTEXT_PACKAGE, " in %" G_GUINT64_FORMAT " frame\n",
                       " in %" G_GUINT64_FORMAT " frames\n", stats->frames), stats->frames);
  g_string_free (line, TRUE);
}

static int
run_file_mode (CliOptions *o)
{
  const char *path = o->files[0];
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker = tv_tracker_new ();
  int status = 0;

  if (!tv_load_file (path, tracker, NULL, &stats, &error))
    {
      g_printerr ("tcpviz: %s\n", error->message);
      tv_tracker_free (tracker);
      return 1;
    }
  if (stats.warning != NULL)
    g_printerr (_("tcpviz: warning: %s\n"), stats.warning);

  if (o->json)
    {
      if (!tv_json_write (tracker, path, &stats, stdout, &error))
        {
          g_printerr ("tcpviz: %s\n", error->message);
          status = 1;
        }
    }
  else if (o->summary)
    print_summary (tracker, &stats);

  tv_load_stats_clear (&stats);
  tv_tracker_free (tracker);
  return status;
}

int
tv_cli_main (int    argc,
             char **argv)
{
  CliOptions o = { .connection = -1 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "summary", 0, 0, G_OPTION_ARG_NONE, &o.summary,
      N_("Print one line per TCP connection and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json,
      N_("Print every connection and segment as JSON and exit"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &o.export_path,
      N_("Draw a connection's diagram into OUT (.png, .svg or .pdf) and exit"), N_("OUT") },
    { "explain", 0, 0, G_OPTION_ARG_NONE, &o.explain,
      N_("Explain each segment of a connection in plain words and exit"), NULL },
    { "connection", 'c', 0, G_OPTION_ARG_INT, &o.connection,
      N_("The connection to export or explain (its ID; default: the first)"), N_("N") },
    { "absolute", 0, 0, G_OPTION_ARG_NONE, &o.absolute,
      N_("Show absolute sequence and acknowledgement numbers"), NULL },
    { "style", 0, 0, G_OPTION_ARG_STRING, &o.style,
      N_("Export style: light, dark or print"), N_("STYLE") },
    { "spacing", 0, 0, G_OPTION_ARG_STRING, &o.spacing,
      N_("Row spacing: even or time"), N_("SPACING") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &o.version,
      N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.files, NULL, N_("[FILE…]") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("See TCP: every connection in a capture as a ladder diagram.\n"
                                  "FILE is a pcap or pcapng capture, or - for a pcap stream on "
                                  "standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("tcpviz: %s\n", error->message);
      g_printerr (_("Run “tcpviz --help” to see the options.\n"));
      cli_options_clear (&o);
      return 2;
    }

  if (o.version)
    {
      printf ("tcpviz %s\n", PACKAGE_VERSION);
      cli_options_clear (&o);
      return 0;
    }

  if (o.json + o.summary + (o.export_path != NULL) + o.explain > 1)
    {
      g_printerr (_("tcpviz: choose one of --json, --summary, --export and --explain\n"));
      cli_options_clear (&o);
      return 2;
    }

  if (o.json || o.summary || o.export_path != NULL || o.explain)
    {
      if (o.files == NULL || o.files[0] == NULL || o.files[1] != NULL)
        {
          g_printerr (_("tcpviz: this mode reads exactly one capture file (or - for standard input)\n"));
          cli_options_clear (&o);
          return 2;
        }
      status = run_file_mode (&o);
      cli_options_clear (&o);
      return status;
    }

  g_printerr (_("tcpviz: the window is not available in this build; use --summary or --json\n"));
  cli_options_clear (&o);
  return 2;
}
