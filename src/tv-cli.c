/* tv-cli.c: the command-line modes of tcpviz. */
#define G_LOG_DOMAIN "tv-cli"

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tv-application.h"
#include "tv-cli.h"
#include "tv-cli-explain.h"
#include "tv-cli-flow.h"
#include "tv-cli-graph.h"
#include "tv-cli-lessons.h"
#include "tv-cli-diagnose.h"
#include "tv-classroom.h"
#include "tv-lesson.h"
#include "tv-cli-export.h"
#include "tv-core-error.h"
#include "tv-diagnosis.h"
#include "tv-export.h"
#include "tv-format.h"
#include "tv-json.h"
#include "tv-live-capture.h"
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
  char    *graph;
  gboolean diagnose;
  char    *direction;
  char    *capture_iface;
  char    *capture_filter;
  int      capture_duration;
  char    *capture_write;
  char   **files;
  TvCliFlow flow;
  gboolean list_lessons;
  char    *lesson;
  gboolean present;
  gboolean quiz;
  TvCliExportArgs export_args;
} CliOptions;

static void
cli_options_clear (CliOptions *o)
{
  g_free (o->export_path);
  g_free (o->style);
  g_free (o->spacing);
  g_free (o->graph);
  g_free (o->direction);
  g_free (o->capture_iface);
  g_free (o->capture_filter);
  g_free (o->capture_write);
  g_strfreev (o->files);
  tv_cli_flow_clear (&o->flow);
  g_free (o->lesson);
  tv_cli_export_args_clear (&o->export_args);
}

/* Display width in terminal columns: a Chinese character takes two (ASCII,
 * the common case of every data row, is counted without decoding). */
static int
display_width (const char *s)
{
  int n = 0;

  for (const char *c = s; *c; )
    {
      if ((guchar) *c < 0x80)
        {
          n++;
          c++;
          continue;
        }
      n += g_unichar_iswide (g_utf8_get_char (c)) ? 2 : 1;
      c = g_utf8_next_char (c);
    }
  return n;
}

/* Writes @s padded with spaces to @width columns, right-aligned or not. */
static char *
put_padded (char *p, const char *s, gsize len, int width, gboolean right)
{
  int n = display_width (s);

  if (right)
    for (; n < width; n++)
      *p++ = ' ';
  memcpy (p, s, len);
  p += len;
  if (!right)
    for (; n < width; n++)
      *p++ = ' ';
  return p;
}

static char *
put_uint (char *p, guint64 v)
{
  char digits[24];
  int n = 0;

  do
    digits[n++] = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  while (n > 0)
    *p++ = digits[--n];
  return p;
}

static int
uint_width (guint64 v)
{
  int n = 1;

  while ((v /= 10) != 0)
    n++;
  return n;
}

static char *
put_endpoint (char *p, const TvEndpoint *ep)
{
  if (ep->address.family == 4)
    {
      /* inet_ntop formats through sprintf: too slow for 200 000 lines */
      for (guint i = 0; i < 4; i++)
        {
          p = put_uint (p, ep->address.bytes[i]);
          *p++ = i < 3 ? '.' : ':';
        }
    }
  else
    {
      char addr[64];
      gsize len;

      tv_address_to_string (&ep->address, addr, sizeof addr);
      len = strlen (addr);
      *p++ = '[';
      memcpy (p, addr, len);
      p += len;
      *p++ = ']';
      *p++ = ':';
    }
  return put_uint (p, ep->port);
}

/* The columns of --summary, in the order they are printed. */
typedef enum {
  COL_ID,
  COL_CLIENT,
  COL_SERVER,
  COL_SEGMENTS,
  COL_BYTES_CS,
  COL_BYTES_SC,
  COL_DURATION,
  COL_HANDSHAKE,
  COL_END,
  COL_VERDICT,
  N_COLS
} SummaryColumn;

/* When the terminal is too narrow, columns go in this order; ID, client and
 * server always stay. */
static const SummaryColumn drop_order[] = {
  COL_SEGMENTS, COL_BYTES_SC, COL_BYTES_CS, COL_HANDSHAKE, COL_DURATION, COL_END, COL_VERDICT,
};

/* The width to fit, in columns: $COLUMNS when it is set (also when the
 * output is piped: `COLUMNS=80 tcpviz --summary F | less`), else the
 * terminal's when standard output is one; 0 means no limit, so that a pipe
 * or a file gets every column. */
static int
summary_width_limit (void)
{
  const char *env = g_getenv ("COLUMNS");
  struct winsize ws;

  if (env != NULL && env[0] != '\0')
    {
      gint64 v = g_ascii_strtoll (env, NULL, 10);
      return v > 0 && v < 100000 ? (int) v : 0;
    }
  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
    return ws.ws_col;
  return 0;
}

static void
print_summary (TvTracker         *tracker,
               const TvLoadStats *stats)
{
  guint n = tv_tracker_get_n_conns (tracker);
  const char *heads[N_COLS] = {
    "ID", _("CLIENT"), _("SERVER"), _("SEGMENTS"), _("BYTES C→S"), _("BYTES S→C"),
    _("DURATION"), _("HANDSHAKE"), _("END"), _("VERDICT"),
  };
  const gboolean right[N_COLS] = { TRUE, FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, FALSE };
  int width[N_COLS];
  gboolean shown[N_COLS];
  guint64 max_segs = 0, max_cs = 0, max_sc = 0;
  int max_ep[2] = { 0, 0 }, duration_width = 0, verdict_width = 0, total, limit, hidden = 0;
  char line[1024];

  /* Widths from the data: one pass over the connections (cheap next to
   * formatting them). */
  for (guint i = 0; i < n; i++)
    {
      TvConn *c = tv_tracker_get_conn (tracker, i);
      char ep[80];

      max_segs = MAX (max_segs, c->n_segs);
      max_cs = MAX (max_cs, tv_conn_bytes (c, TV_DIR_CLIENT_TO_SERVER));
      max_sc = MAX (max_sc, tv_conn_bytes (c, TV_DIR_SERVER_TO_CLIENT));
      max_ep[0] = MAX (max_ep[0], (int) (put_endpoint (ep, &c->client) - ep));
      max_ep[1] = MAX (max_ep[1], (int) (put_endpoint (ep, &c->server) - ep));
      verdict_width = MAX (verdict_width, (int) strlen (tv_verdict_name (tv_conn_verdict (c))));
    }
  /* the widest duration: three digits, a point, a space and the widest unit */
  for (guint u = 0; u <= TV_TIME_UNIT_MIN; u++)
    duration_width = MAX (duration_width, 5 + display_width (tv_time_unit_name ((TvTimeUnit) u)));

  width[COL_ID] = uint_width (n > 0 ? n - 1 : 0);
  width[COL_CLIENT] = max_ep[0];
  width[COL_SERVER] = max_ep[1];
  width[COL_SEGMENTS] = uint_width (max_segs);
  width[COL_BYTES_CS] = uint_width (max_cs);
  width[COL_BYTES_SC] = uint_width (max_sc);
  width[COL_DURATION] = duration_width;
  width[COL_HANDSHAKE] = duration_width;
  width[COL_END] = 4;
  width[COL_VERDICT] = verdict_width;
  total = -2;
  for (guint k = 0; k < N_COLS; k++)
    {
      width[k] = MAX (width[k], display_width (heads[k]));
      shown[k] = TRUE;
      total += width[k] + 2;
    }

  limit = summary_width_limit ();
  for (guint k = 0; limit > 0 && total > limit && k < G_N_ELEMENTS (drop_order); k++)
    {
      shown[drop_order[k]] = FALSE;
      total -= width[drop_order[k]] + 2;
      hidden++;
    }
  /* the last column is not padded: no trailing blanks */
  for (int k = N_COLS - 1; k >= 0; k--)
    if (shown[k])
      {
        if (!right[k])
          width[k] = 0;
        break;
      }

  {
    char *p = line;
    gboolean first = TRUE;

    for (guint k = 0; k < N_COLS; k++)
      {
        if (!shown[k])
          continue;
        if (!first)
          *p++ = ' ', *p++ = ' ';
        first = FALSE;
        p = put_padded (p, heads[k], strlen (heads[k]), width[k], right[k]);
      }
    *p++ = '\n';
    fwrite (line, 1, (gsize) (p - line), stdout);
  }

  for (guint i = 0; i < n; i++)
    {
      TvConn *c = tv_tracker_get_conn (tracker, i);
      char *p = line;
      gboolean first = TRUE;

      for (guint k = 0; k < N_COLS; k++)
        {
          char cell[TV_FORMAT_DURATION_SIZE + 80];
          char *e = cell;
          gint64 rtt;

          if (!shown[k])
            continue;
          switch ((SummaryColumn) k)
            {
            case COL_ID:        e = put_uint (cell, c->id); break;
            case COL_CLIENT:    e = put_endpoint (cell, &c->client); break;
            case COL_SERVER:    e = put_endpoint (cell, &c->server); break;
            case COL_SEGMENTS:  e = put_uint (cell, c->n_segs); break;
            case COL_BYTES_CS:  e = put_uint (cell, tv_conn_bytes (c, TV_DIR_CLIENT_TO_SERVER)); break;
            case COL_BYTES_SC:  e = put_uint (cell, tv_conn_bytes (c, TV_DIR_SERVER_TO_CLIENT)); break;
            case COL_DURATION:
              e = cell + tv_format_duration_to (cell, sizeof cell, tv_conn_duration (c));
              break;
            case COL_HANDSHAKE:
              rtt = tv_conn_handshake_rtt (c);
              if (rtt < 0)
                *e++ = '-';
              else
                e = cell + tv_format_duration_to (cell, sizeof cell, rtt);
              break;
            case COL_END:
              e = g_stpcpy (cell, tv_conn_end_name (c->end));
              break;
            case COL_VERDICT:
              e = g_stpcpy (cell, tv_verdict_name (tv_conn_verdict (c)));
              break;
            case N_COLS:
            default:
              g_assert_not_reached ();
            }
          *e = '\0';
          if (!first)
            *p++ = ' ', *p++ = ' ';
          first = FALSE;
          p = put_padded (p, cell, (gsize) (e - cell), width[k], right[k]);
        }
      *p++ = '\n';
      fwrite (line, 1, (gsize) (p - line), stdout);
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "%u connection", "%u connections", n), n);
  /* PRIu64, not G_GUINT64_FORMAT: xgettext understands the one from
   * <inttypes.h> inside a translatable string */
  printf (g_dngettext (GETTEXT_PACKAGE, ", %" PRIu64 " TCP segment",
                       ", %" PRIu64 " TCP segments", stats->tcp_frames), (uint64_t) stats->tcp_frames);
  printf (g_dngettext (GETTEXT_PACKAGE, " in %" PRIu64 " frame\n",
                       " in %" PRIu64 " frames\n", stats->frames), (uint64_t) stats->frames);
  if (hidden > 0)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "(%d column left out to fit %d columns; COLUMNS=0 shows all)\n",
                         "(%d columns left out to fit %d columns; COLUMNS=0 shows all)\n", hidden),
            hidden, limit);
}

static int
run_export (CliOptions *o,
            TvTracker  *tracker,
            const char *path)
{
  TvExportOptions options;
  TvConn *conn;
  int status;

  status = tv_cli_export_options (&options, o->export_path, o->files[0], o->absolute,
                                  o->style, o->spacing, &o->export_args);
  if (status != 0)
    return status;

  if (tv_cli_flow_wanted (&o->flow))
    return tv_cli_flow (tracker, &o->flow, &options, o->export_path, path);

  conn = tv_cli_pick_connection (tracker, o->connection, path);
  if (conn == NULL)
    return 1;
  return tv_cli_export (tracker, conn, o->export_path, &options);
}

static int
run_file_mode (CliOptions *o,
               const char *path)
{
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
    {
      print_summary (tracker, &stats);
    }
  else if (o->graph != NULL)
    status = tv_cli_graph (tracker, path, o->graph, o->connection, o->direction, o->style, o->export_path);
  else if (o->export_path != NULL)
    status = run_export (o, tracker, path);
  else if (o->explain)
    status = tv_cli_explain (tracker, o->connection, o->absolute);
  else if (o->diagnose)
    status = tv_cli_diagnose (tracker, path, o->connection);

  tv_load_stats_clear (&stats);
  /* The process ends here.  Freeing a model of hundreds of thousands of
   * connections one block at a time only delays the exit (about 30 ms for
   * the 2.2-million-frame benchmark); under a leak checker
   * (TCPVIZ_FREE_AT_EXIT=1) it is freed as usual. */
  if (tv_tracker_get_n_conns (tracker) < 10000 || g_getenv ("TCPVIZ_FREE_AT_EXIT") != NULL)
    tv_tracker_free (tracker);
  return status;
}

/* ---- --capture without a window (--summary or --json) ------------------------ */

static gboolean
stop_on_signal (gpointer user_data)
{
  /* "finished" follows before this returns, and quits the loop */
  tv_live_capture_stop (TV_LIVE_CAPTURE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_capture_finished (TvLiveCapture *live,
                     GMainLoop     *loop)
{
  g_main_loop_quit (loop);
}

static int
run_capture_mode (CliOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(TvLiveCapture) live = NULL;
  TvTracker *tracker = tv_tracker_new ();
  TvLiveCaptureStats stats;
  TvLoadStats load_stats = { 0 };
  guint sigint_id, sigterm_id;
  int status = 0;

  live = tv_live_capture_new (o->capture_iface, tracker);
  tv_live_capture_set_filter (live, o->capture_filter);
  tv_live_capture_set_duration (live, (guint) o->capture_duration);
  if (!tv_live_capture_start (live, &error))
    {
      g_printerr ("tcpviz: %s\n", error->message);
      tv_tracker_free (tracker);
      return 1;
    }
  g_signal_connect (live, "finished", G_CALLBACK (on_capture_finished), loop);
  /* Ctrl+C ends an open-ended capture as well as one with a duration */
  sigint_id = g_unix_signal_add (SIGINT, stop_on_signal, live);
  sigterm_id = g_unix_signal_add (SIGTERM, stop_on_signal, live);
  if (o->capture_duration > 0)
    g_printerr (_("tcpviz: capturing on %s for %d s…\n"), o->capture_iface, o->capture_duration);
  else
    g_printerr (_("tcpviz: capturing on %s; press Ctrl+C to stop\n"), o->capture_iface);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  tv_live_capture_get_stats (live, &stats);
  if (tv_live_capture_get_error (live) != NULL)
    {
      g_printerr ("tcpviz: %s\n", tv_live_capture_get_error (live)->message);
      status = 1;
    }
  if (stats.kernel_dropped > 0 || stats.if_dropped > 0)
    g_printerr (_("tcpviz: warning: %" PRIu64 " packets dropped by the kernel, %" PRIu64 " by the interface\n"),
                (uint64_t) stats.kernel_dropped, (uint64_t) stats.if_dropped);
  if (o->capture_write != NULL)
    {
      g_clear_error (&error);
      if (!tv_live_capture_save (live, o->capture_write, NULL, &error))
        {
          g_printerr ("tcpviz: %s\n", error->message);
          status = 1;
        }
    }

  tv_tracker_finish (tracker);
  load_stats.frames = stats.packets;
  load_stats.tcp_frames = stats.tcp_frames;
  if (o->json)
    {
      g_clear_error (&error);
      if (!tv_json_write (tracker, o->capture_write != NULL ? o->capture_write : o->capture_iface,
                          &load_stats, stdout, &error))
        {
          g_printerr ("tcpviz: %s\n", error->message);
          status = 1;
        }
    }
  else
    print_summary (tracker, &load_stats);

  /* the tracker goes first: forget it */
  tv_live_capture_detach (live);
  g_clear_object (&live);
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
      N_("Draw a connection's diagram into OUT (.png, .svg, .pdf, .mmd, .puml or .txt) and exit"), N_("OUT") },
    { "explain", 0, 0, G_OPTION_ARG_NONE, &o.explain,
      N_("Explain each segment of a connection in plain words and exit"), NULL },
    { "diagnose", 0, 0, G_OPTION_ARG_NONE, &o.diagnose,
      N_("Say in plain words why each connection was slow or broken (where the time went, the stalls) and exit"),
      NULL },
    { "graph", 0, 0, G_OPTION_ARG_STRING, &o.graph,
      N_("With --export: draw a stream graph instead of the diagram: stevens, tcptrace, throughput, rtt or window"),
      N_("KIND") },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &o.direction,
      N_("The data a graph shows: client (sent by the client) or server (default: the side that sent more)"),
      N_("SIDE") },
    { "connection", 'c', 0, G_OPTION_ARG_INT, &o.connection,
      N_("The connection to export or explain (its ID; default: the first)"), N_("N") },
    { "absolute", 0, 0, G_OPTION_ARG_NONE, &o.absolute,
      N_("Show absolute sequence and acknowledgement numbers"), NULL },
    { "style", 0, 0, G_OPTION_ARG_STRING, &o.style,
      N_("Export style: light, dark or print"), N_("STYLE") },
    { "spacing", 0, 0, G_OPTION_ARG_STRING, &o.spacing,
      N_("Row spacing: even or time"), N_("SPACING") },
    { "capture", 'i', 0, G_OPTION_ARG_STRING, &o.capture_iface,
      N_("Capture live on IFACE (lo, eth0, any…) in a window; with --summary or --json, without one"), N_("IFACE") },
    { "filter", 'f', 0, G_OPTION_ARG_STRING, &o.capture_filter,
      N_("Capture filter, in tcpdump’s syntax (default: tcp; \"\" for every packet)"), N_("BPF") },
    { "duration", 0, 0, G_OPTION_ARG_INT, &o.capture_duration,
      N_("Stop capturing after SECONDS"), N_("SECONDS") },
    { "write", 'w', 0, G_OPTION_ARG_FILENAME, &o.capture_write,
      N_("Save the capture to FILE (pcap) when it stops"), N_("FILE") },
    { "list-lessons", 0, 0, G_OPTION_ARG_NONE, &o.list_lessons,
      N_("List the lessons installed with TcpViz and exit"), NULL },
    { "lesson", 0, 0, G_OPTION_ARG_STRING, &o.lesson,
      N_("Open the lesson NAME (see --list-lessons) in the presenter view, or with --quiz in the quiz"), N_("NAME") },
    { "present", 0, 0, G_OPTION_ARG_NONE, &o.present,
      N_("Show a connection of FILE in the presenter view, fullscreen (--connection N: which)"), NULL },
    { "quiz", 0, 0, G_OPTION_ARG_NONE, &o.quiz,
      N_("Quiz on a connection of FILE: what happens next? (--connection N: which)"), NULL },
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
  g_option_context_add_group (context, tv_cli_flow_option_group (&o.flow));
  tv_cli_export_add_options (context, &o.export_args);
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

  if (o.list_lessons)
    {
      status = tv_cli_list_lessons ();
      cli_options_clear (&o);
      return status;
    }
  if (o.lesson != NULL)
    {
      int connection = -1;
      char *path;

      if ((o.files != NULL && o.files[0] != NULL) || o.capture_iface != NULL)
        {
          g_printerr (_("tcpviz: --lesson opens the lesson’s own capture: give no FILE or --capture with it\n"));
          cli_options_clear (&o);
          return 2;
        }
      path = tv_cli_lesson_path (o.lesson, &connection, &status);
      if (path == NULL)
        {
          cli_options_clear (&o);
          return status;
        }
      g_strfreev (o.files);
      o.files = g_new0 (char *, 2);
      o.files[0] = path;
      if (o.connection < 0)
        o.connection = connection;
      if (!o.quiz)
        o.present = TRUE;
    }
  if (o.present || o.quiz)
    {
      const char *problem = NULL;

      if (o.present && o.quiz)
        problem = _("tcpviz: choose one of --present and --quiz\n");
      else if (o.files == NULL || o.files[0] == NULL || o.files[1] != NULL || g_str_equal (o.files[0], "-"))
        problem = _("tcpviz: --present and --quiz show one capture file\n");
      else if (o.json || o.summary || o.export_path != NULL || o.explain || o.capture_iface != NULL)
        problem = _("tcpviz: --present and --quiz open a window: no --json, --summary, --export, --explain or --capture with them\n");
      if (problem != NULL)
        {
          g_printerr ("%s", problem);
          cli_options_clear (&o);
          return 2;
        }
    }

  if (o.capture_iface == NULL &&
      (o.capture_filter != NULL || o.capture_duration != 0 || o.capture_write != NULL))
    {
      g_printerr (_("tcpviz: --filter, --duration and --write go with --capture\n"));
      cli_options_clear (&o);
      return 2;
    }
  if (o.capture_iface != NULL)
    {
      const char *problem = NULL;

      if (o.files != NULL && o.files[0] != NULL)
        problem = _("tcpviz: --capture reads from an interface, not from a file\n");
      else if (o.capture_duration < 0)
        problem = _("tcpviz: --duration needs a number of seconds, 0 or more\n");
      else if (o.export_path != NULL || o.explain)
        problem = _("tcpviz: --capture goes with --summary or --json (no window), or with neither (the window)\n");
      if (problem != NULL)
        {
          g_printerr ("%s", problem);
          cli_options_clear (&o);
          return 2;
        }
      if (o.json && o.summary)
        {
          g_printerr (_("tcpviz: choose one of --json and --summary\n"));
          cli_options_clear (&o);
          return 2;
        }
      if (o.json || o.summary)
        {
          status = run_capture_mode (&o);
          cli_options_clear (&o);
          return status;
        }
    }
  if (o.export_path == NULL && tv_cli_export_args_given (&o.export_args))
    {
      g_printerr (_("tcpviz: --paper, --scale, --segments, --title, --no-title, --legend and --hide-acks go with --export\n"));
      cli_options_clear (&o);
      return 2;
    }
  if (!tv_cli_flow_check (&o.flow, o.export_path != NULL, o.json || o.summary || o.explain))
    {
      cli_options_clear (&o);
      return 2;
    }
  if ((o.graph != NULL || o.direction != NULL) && o.export_path == NULL)
    {
      g_printerr (_("tcpviz: --graph and --direction go with --export OUT\n"));
      cli_options_clear (&o);
      return 2;
    }
  if (o.json + o.summary + (o.export_path != NULL) + o.explain + o.diagnose > 1)
    {
      g_printerr (_("tcpviz: choose one of --json, --summary, --export and --explain\n"));
      cli_options_clear (&o);
      return 2;
    }

  if (o.json || o.summary || o.export_path != NULL || o.explain || o.diagnose)
    {
      guint n_files = o.files != NULL ? g_strv_length (o.files) : 0;

      if (n_files == 0 || (n_files > 1 && !o.summary))
        {
          g_printerr (o.summary ? _("tcpviz: --summary reads one or more capture files (or - for standard input)\n")
                                : _("tcpviz: this mode reads exactly one capture file (or - for standard input)\n"));
          cli_options_clear (&o);
          return 2;
        }
      /* Several files (--summary only): one table each, under its name as
       * head(1) writes it; a file that cannot be read is reported and the
       * others still summarised, and the status says that one failed. */
      status = 0;
      /* one write per MiB rather than per 4 KiB: a summary can be 30 MB */
      if (o.summary)
        setvbuf (stdout, NULL, _IOFBF, 1 << 20);
      for (guint i = 0; i < n_files; i++)
        {
          if (n_files > 1)
            {
              printf ("%s==> %s <==\n", i > 0 ? "\n" : "", o.files[i]);
              fflush (stdout);
            }
          int one = run_file_mode (&o, o.files[i]);
          status = MAX (status, one);
          fflush (stdout);
        }
      cli_options_clear (&o);
      return status;
    }

  /* The window: hand the files (and "-") to the application. */
  if (!gtk_init_check ())
    {
      /* Translators: the window could not open because there is no graphical
       * display (a server, an SSH session, a container). */
      g_printerr (_("tcpviz: no display: the window cannot open here (neither WAYLAND_DISPLAY nor DISPLAY names one that can be reached).\n"
                    "Without a display, use --summary, --json, --explain or --export FILE, or run the window under xvfb-run.\n"));
      cli_options_clear (&o);
      return 1;
    }
  {
    g_autoptr(TvApplication) app = tv_application_new ();
    g_autoptr(GPtrArray) args = g_ptr_array_new ();

    if (o.present || o.quiz)
      {
        const TvLesson *lesson = o.lesson != NULL ? tv_lesson_find (o.lesson) : NULL;

        tv_application_set_classroom_request (app, o.quiz ? TV_CLASSROOM_QUIZ : TV_CLASSROOM_PRESENT,
                                              o.connection,
                                              lesson != NULL ? tv_lesson_get_intro (lesson) : NULL);
      }
    if (o.capture_iface != NULL)
      tv_application_set_capture_request (app, o.capture_iface, o.capture_filter,
                                          (guint) o.capture_duration, o.capture_write);

    g_ptr_array_add (args, argv[0]);
    for (guint i = 0; o.files != NULL && o.files[i] != NULL; i++)
      g_ptr_array_add (args, o.files[i]);
    g_ptr_array_add (args, NULL);

    status = g_application_run (G_APPLICATION (app), (int) args->len - 1, (char **) args->pdata);
  }
  cli_options_clear (&o);
  return status;
}
