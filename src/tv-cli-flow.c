/* tv-cli-flow.c: tcpviz --flow and --compare. */
#define G_LOG_DOMAIN "tv-cli-flow"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "tv-cli-flow.h"
#include "tv-flow-export.h"
#include "tv-flow-layout.h"

GOptionGroup *
tv_cli_flow_option_group (TvCliFlow *flow)
{
  const GOptionEntry entries[] = {
    { "flow", 0, 0, G_OPTION_ARG_NONE, &flow->flow,
      N_("With --export: draw many connections on one time axis, one lifeline per host"), NULL },
    { "connections", 0, 0, G_OPTION_ARG_STRING, &flow->connections,
      N_("The connections to draw (IDs, e.g. 0,2,5; default: all)"), N_("LIST") },
    { "hosts", 0, 0, G_OPTION_ARG_STRING, &flow->hosts,
      N_("Draw every connection between two hosts"), N_("A,B") },
    { "range", 0, 0, G_OPTION_ARG_STRING, &flow->range,
      N_("Draw only what happened between FROM and TO seconds after the first frame"), N_("FROM,TO") },
    { "fold", 0, 0, G_OPTION_ARG_NONE, &flow->fold,
      N_("With --flow or --compare: one arrow per phase of each connection (handshake, request, response, close) with its duration"), NULL },
    { "by-port", 0, 0, G_OPTION_ARG_NONE, &flow->by_port,
      N_("One lifeline per host and port"), NULL },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &flow->compare,
      N_("With --export: two connections side by side, from each one's SYN, with the time of each phase"), N_("A,B") },
    { NULL }
  };
  GOptionGroup *group;

  group = g_option_group_new ("flow", _("Many connections at once:"),
                              _("Show the options of the flow view and of side-by-side comparisons"),
                              NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

void
tv_cli_flow_clear (TvCliFlow *flow)
{
  g_clear_pointer (&flow->connections, g_free);
  g_clear_pointer (&flow->hosts, g_free);
  g_clear_pointer (&flow->range, g_free);
  g_clear_pointer (&flow->compare, g_free);
}

gboolean
tv_cli_flow_wanted (const TvCliFlow *flow)
{
  return flow->flow || flow->compare != NULL;
}

gboolean
tv_cli_flow_check (const TvCliFlow *flow,
                   gboolean         has_export,
                   gboolean         other_mode)
{
  gboolean chooses = flow->connections != NULL || flow->hosts != NULL || flow->range != NULL ||
                     flow->by_port;

  if (flow->flow && flow->compare != NULL)
    {
      g_printerr (_("tcpviz: choose one of --flow and --compare\n"));
      return FALSE;
    }
  if (chooses && !flow->flow)
    {
      g_printerr (_("tcpviz: --connections, --hosts, --range and --by-port go with --flow\n"));
      return FALSE;
    }
  if (flow->fold && !tv_cli_flow_wanted (flow))
    {
      g_printerr (_("tcpviz: --fold goes with --flow or --compare\n"));
      return FALSE;
    }
  if (flow->connections != NULL && flow->hosts != NULL)
    {
      g_printerr (_("tcpviz: choose one of --connections and --hosts\n"));
      return FALSE;
    }
  if (tv_cli_flow_wanted (flow) && (!has_export || other_mode))
    {
      g_printerr (_("tcpviz: --flow and --compare write a diagram: use them with --export OUT and no other mode\n"));
      return FALSE;
    }
  return TRUE;
}

/* "0,2,5" into IDs below @n; FALSE with a message if one is not. */
static gboolean
parse_ids (const char *list,
           guint       n,
           const char *path,
           GArray     *out)
{
  g_auto(GStrv) parts = g_strsplit (list, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end = NULL;
      const char *s = g_strstrip (parts[i]);
      guint64 v;

      if (*s == '\0')
        continue;
      v = g_ascii_strtoull (s, &end, 10);
      if (end == s || *end != '\0' || !g_ascii_isdigit (*s))
        {
          g_printerr (_("tcpviz: “%s” is not a connection ID (a number from 0)\n"), s);
          return FALSE;
        }
      if (v >= n)
        {
          g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                   "tcpviz: there is no connection %s: %s holds %u connection (IDs from 0)\n",
                                   "tcpviz: there is no connection %s: %s holds %u connections (IDs from 0 to %u)\n",
                                   n),
                      s, path, n, n - 1);
          return FALSE;
        }
      {
        guint id = (guint) v;

        g_array_append_val (out, id);
      }
    }

  if (out->len == 0)
    {
      g_printerr (_("tcpviz: no connection ID in “%s”\n"), list);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_address (const char *text,
               TvAddress  *out)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (text);
  gsize size;

  if (inet == NULL)
    return FALSE;
  memset (out, 0, sizeof *out);
  size = g_inet_address_get_native_size (inet);
  out->family = size == 4 ? 4 : 6;
  memcpy (out->bytes, g_inet_address_to_bytes (inet), MIN (size, sizeof out->bytes));
  return TRUE;
}

static gboolean
parse_range (const char *text,
             double      bounds[2])
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != 2)
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      char *end = NULL;
      const char *s = g_strstrip (parts[i]);

      bounds[i] = g_ascii_strtod (s, &end);
      if (end == s || *end != '\0' || bounds[i] < 0)
        return FALSE;
    }
  return bounds[1] > bounds[0];
}

int
tv_cli_flow (TvTracker             *tracker,
             const TvCliFlow       *flow,
             const TvExportOptions *options,
             const char            *out,
             const char            *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = tv_tracker_get_n_conns (tracker);
  TvFlowOptions fopt;
  gboolean ok;

  if (n == 0)
    {
      g_printerr (_("tcpviz: %s holds no TCP connection\n"), path);
      return 1;
    }

  if (flow->compare != NULL)
    {
      if (!parse_ids (flow->compare, n, path, ids))
        return 2;
      if (ids->len != 2)
        {
          g_printerr (_("tcpviz: --compare takes two connection IDs, A,B\n"));
          return 2;
        }
      ok = tv_flow_export_comparison (tracker, g_array_index (ids, guint, 0),
                                      g_array_index (ids, guint, 1), flow->fold, options, out, &error);
    }
  else
    {
      tv_flow_options_init (&fopt);
      fopt.fold = flow->fold;
      fopt.lifelines = flow->by_port ? TV_FLOW_LIFELINES_PORT : TV_FLOW_LIFELINES_HOST;

      if (flow->connections != NULL)
        {
          if (!parse_ids (flow->connections, n, path, ids))
            return 2;
        }
      else if (flow->hosts != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (flow->hosts, ",", -1);
          TvAddress a, b;
          GArray *found;

          if (g_strv_length (parts) != 2 ||
              !parse_address (g_strstrip (parts[0]), &a) || !parse_address (g_strstrip (parts[1]), &b))
            {
              g_printerr (_("tcpviz: --hosts takes two IP addresses, A,B (for instance 10.0.0.1,10.0.0.2)\n"));
              return 2;
            }
          found = tv_flow_select_hosts (tracker, &a, &b);
          g_array_append_vals (ids, found->data, found->len);
          g_array_unref (found);
          if (ids->len == 0)
            {
              g_printerr (_("tcpviz: %s holds no connection between %s and %s\n"), path,
                          g_strstrip (parts[0]), g_strstrip (parts[1]));
              return 1;
            }
        }
      else
        for (guint i = 0; i < n; i++)
          g_array_append_val (ids, i);

      if (flow->range != NULL)
        {
          double bounds[2];
          gint64 t0 = G_MAXINT64;

          if (!parse_range (flow->range, bounds))
            {
              g_printerr (_("tcpviz: --range takes two times in seconds after the first frame, FROM,TO (for instance 0.5,2)\n"));
              return 2;
            }
          for (guint i = 0; i < n; i++)
            {
              const TvConn *c = tv_tracker_get_conn (tracker, i);

              if (c->n_segs > 0)
                t0 = MIN (t0, c->first_ns);
            }
          fopt.time_start = t0 + (gint64) (bounds[0] * 1e9);
          fopt.time_end = t0 + (gint64) (bounds[1] * 1e9);
        }

      ok = tv_flow_export_to_file (tracker, (const guint *) ids->data, ids->len, &fopt, options, out, &error);
    }

  if (!ok)
    {
      g_printerr ("tcpviz: %s\n", error->message);
      return 1;
    }
  printf ("%s\n", out);
  return 0;
}
