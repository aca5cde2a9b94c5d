/* tv-cli-graph.c: tcpviz --graph. */
#define G_LOG_DOMAIN "tv-cli-graph"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "tv-cli-graph.h"
#include "tv-export.h"
#include "tv-graph-layout.h"
#include "tv-graph-painter.h"

#define GRAPH_WIDTH 1000
#define GRAPH_HEIGHT 600

TvConn *
tv_cli_pick_connection (TvTracker  *tracker,
                        int         id,
                        const char *path)
{
  guint n = tv_tracker_get_n_conns (tracker);

  if (n == 0)
    {
      g_printerr (_("tcpviz: %s holds no TCP connection\n"), path);
      return NULL;
    }
  if (id < 0)
    return tv_tracker_get_conn (tracker, 0);
  if ((guint) id >= n)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "tcpviz: there is no connection %d: %s holds %u connection (IDs from 0)\n",
                               "tcpviz: there is no connection %d: %s holds %u connections (IDs from 0 to %u)\n",
                               n),
                  id, path, n, n - 1);
      return NULL;
    }
  return tv_tracker_get_conn (tracker, (guint) id);
}

int
tv_cli_graph (TvTracker  *tracker,
              const char *path,
              const char *kind_name,
              int         connection,
              const char *direction,
              const char *style_name,
              const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  TvLadderStyleKind style;
  TvGraphLayout *layout;
  TvDirection dir;
  TvConn *conn;
  int kind = tv_graph_kind_from_name (kind_name);

  if (kind < 0)
    {
      g_printerr (_("tcpviz: unknown graph “%s”: use stevens, tcptrace, throughput, rtt or window\n"),
                  kind_name);
      return 2;
    }
  if (direction != NULL && !g_str_equal (direction, "client") && !g_str_equal (direction, "server"))
    {
      g_printerr (_("tcpviz: unknown direction “%s”: use client (the data the client sends) or server\n"),
                  direction);
      return 2;
    }
  if (style_name == NULL || g_str_equal (style_name, "light"))
    style = TV_LADDER_STYLE_LIGHT;
  else if (g_str_equal (style_name, "dark"))
    style = TV_LADDER_STYLE_DARK;
  else if (g_str_equal (style_name, "print"))
    style = TV_LADDER_STYLE_PRINT;
  else
    {
      g_printerr (_("tcpviz: unknown style “%s”: use light, dark or print\n"), style_name);
      return 2;
    }
  if (tv_export_format_from_filename (out) == TV_EXPORT_FORMAT_AUTO ||
      tv_export_format_is_text (tv_export_format_from_filename (out)))
    {
      g_printerr (_("tcpviz: cannot tell the format of “%s”: name it .png, .svg or .pdf\n"), out);
      return 2;
    }

  conn = tv_cli_pick_connection (tracker, connection, path);
  if (conn == NULL)
    return 1;

  if (direction != NULL)
    dir = g_str_equal (direction, "client") ? TV_DIR_CLIENT_TO_SERVER : TV_DIR_SERVER_TO_CLIENT;
  else
    dir = tv_conn_bytes (conn, TV_DIR_SERVER_TO_CLIENT) > tv_conn_bytes (conn, TV_DIR_CLIENT_TO_SERVER)
          ? TV_DIR_SERVER_TO_CLIENT : TV_DIR_CLIENT_TO_SERVER;

  from = tv_endpoint_to_string (dir == TV_DIR_CLIENT_TO_SERVER ? &conn->client : &conn->server);
  to = tv_endpoint_to_string (dir == TV_DIR_CLIENT_TO_SERVER ? &conn->server : &conn->client);
  /* Translators: a graph's title: its kind, the connection's ID, and the
   * sender → receiver of the data it shows */
  title = g_strdup_printf (_("%s · connection %u · %s → %s"),
                           tv_graph_kind_title ((TvGraphKind) kind), conn->id, from, to);

  layout = tv_graph_layout_new (tracker, conn, (TvGraphKind) kind, dir);
  if (!tv_graph_export_to_file (layout, out, style, GRAPH_WIDTH, GRAPH_HEIGHT, title, NULL, 0, &error))
    {
      g_printerr ("tcpviz: %s\n", error->message);
      tv_graph_layout_free (layout);
      return 1;
    }
  tv_graph_layout_free (layout);
  printf ("%s\n", out);
  return 0;
}
