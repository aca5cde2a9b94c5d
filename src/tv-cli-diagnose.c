/* tv-cli-diagnose.c: tcpviz --diagnose. */
#define G_LOG_DOMAIN "tv-cli-diagnose"

#include "config.h"

#include <stdio.h>

#include "tv-cli-diagnose.h"
#include "tv-cli-explain.h"
#include "tv-cli-graph.h"
#include "tv-diagnosis.h"

#define WIDTH 78

static void
print_connection (const TvConn *conn)
{
  g_autoptr(TvDiagnosis) diagnosis = tv_diagnosis_new (conn);
  g_auto(GStrv) lines = tv_diagnosis_describe (diagnosis, conn);
  g_autoptr(GString) out = g_string_new (NULL);

  /* the heading flush left, the rest indented, the stalls (with their
   * bullets) further in */
  for (guint i = 0; lines[i] != NULL; i++)
    tv_cli_wrap (out, lines[i], i == 0 ? 0 : g_str_has_prefix (lines[i], "• ") ? 4 : 2, WIDTH);
  fwrite (out->str, 1, out->len, stdout);
}

int
tv_cli_diagnose (TvTracker  *tracker,
                 const char *path,
                 int         connection)
{
  if (connection >= 0 || tv_tracker_get_n_conns (tracker) == 0)
    {
      TvConn *conn = tv_cli_pick_connection (tracker, connection, path);

      if (conn == NULL)
        return 1;
      print_connection (conn);
      return 0;
    }
  for (guint i = 0; i < tv_tracker_get_n_conns (tracker); i++)
    {
      if (i > 0)
        fputc ('\n', stdout);
      print_connection (tv_tracker_get_conn (tracker, i));
    }
  return 0;
}
