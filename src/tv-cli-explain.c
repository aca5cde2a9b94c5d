/* tv-cli-explain.c: tcpviz --explain. */
#define G_LOG_DOMAIN "tv-cli-explain"

#include "config.h"

#include <glib/gi18n.h>

#include "tv-cli-explain.h"
#include "tv-explain.h"

#define WIDTH 78
#define INDENT 2

static guint
char_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

void
tv_cli_wrap (GString    *out,
             const char *text,
             guint       indent,
             guint       width)
{
  const char *line = text;

  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  if (width < indent + 8)
    width = indent + 8;

  while (*line == ' ')
    line++;

  while (*line != '\0')
    {
      const char *p = line, *brk = NULL, *brk_next = NULL, *end;
      guint col = indent;

      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);
          const char *n = g_utf8_next_char (p);
          guint w = char_width (c);

          if (c == ' ')
            {
              brk = p;
              brk_next = n;
            }
          else if (w == 2 && p > line && !g_unichar_ispunct (c))
            {
              /* one may break before a wide character (CJK), but not
               * before its punctuation */
              brk = p;
              brk_next = p;
            }

          if (col + w > width)
            {
              if (brk == NULL || brk == line)
                {
                  /* a word longer than the line: cut it */
                  brk = p > line ? p : n;
                  brk_next = brk;
                }
              break;
            }
          col += w;
          p = n;
        }

      if (*p == '\0')
        brk = brk_next = p;

      end = brk;
      while (end > line && end[-1] == ' ')
        end--;
      for (guint i = 0; i < indent; i++)
        g_string_append_c (out, ' ');
      g_string_append_len (out, line, end - line);
      g_string_append_c (out, '\n');

      line = brk_next;
      while (*line == ' ')
        line++;
    }
}

static char *
endpoint_string (const TvEndpoint *ep)
{
  return tv_endpoint_to_string (ep);
}

static void
format_time (char   *buf,
             gsize   size,
             gint64  ns)
{
  char number[40];

  if (ns < 0)
    ns = 0;
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT ".%06u",
              ns / G_GINT64_CONSTANT (1000000000),
              (guint) ((ns % G_GINT64_CONSTANT (1000000000)) / 1000));
  /* Translators: a duration in seconds inside an explanation: %s is the
   * number ("1.00", "45.0").  An abbreviation, so the same for one and for
   * many; zh_CN writes "%s 秒". */
  g_snprintf (buf, size, _("%s s"), number);
}

int
tv_cli_explain (TvTracker *tracker,
                int        connection,
                gboolean   absolute)
{
  guint n_conns;
  TvConn *conn;
  g_autofree char *client = NULL, *server = NULL, *heading = NULL;
  GString *out;

  g_return_val_if_fail (tracker != NULL, 1);

  n_conns = tv_tracker_get_n_conns (tracker);
  if (n_conns == 0)
    {
      g_printerr (_("tcpviz: the capture holds no TCP connection\n"));
      return 1;
    }
  if (connection < 0)
    connection = 0;
  if ((guint) connection >= n_conns)
    {
      /* Translators: %1$d is the connection asked for, %2$u how many
       * connections the capture holds (their IDs are 0 … %2$u - 1). */
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "tcpviz: there is no connection %1$d: the capture holds %2$u connection "
                               "(ID 0; see --summary)\n",
                               "tcpviz: there is no connection %1$d: the capture holds %2$u connections "
                               "(IDs 0 to %2$u - 1; see --summary)\n", n_conns),
                  connection, n_conns);
      return 2;
    }

  conn = tv_tracker_get_conn (tracker, (guint) connection);
  client = endpoint_string (&conn->client);
  server = endpoint_string (&conn->server);
  out = g_string_new (NULL);

  /* Translators: the heading of tcpviz --explain.  %1$u is the connection's
   * ID, %2$u the number of segments. */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Connection %1$u: %2$u segment",
                                          "Connection %1$u: %2$u segments",
                                          conn->n_segs),
                             conn->id, conn->n_segs);
  tv_cli_wrap (out, heading, 0, WIDTH);
  /* Translators: %s is an address and port, "192.168.1.116:3337". */
  g_string_append_printf (out, _("Client: %s\n"), client);
  /* Translators: %s is an address and port, "192.168.1.123:7788". */
  g_string_append_printf (out, _("Server: %s\n"), server);
  tv_cli_wrap (out, absolute
                    ? _("Sequence and acknowledgement numbers are absolute: the raw 32-bit numbers of the "
                        "capture.")
                    : _("Sequence and acknowledgement numbers are relative: each side's initial sequence "
                        "number (ISN) counts as 0. Use --absolute for the raw numbers."),
               0, WIDTH);

  for (guint i = 0; i < conn->n_segs; i++)
    {
      const TvSegment *seg = &conn->segs[i];
      g_autofree char *title = tv_explain_title (tracker, conn, i);
      g_autofree char *text = tv_explain_segment (tracker, conn, i, absolute);
      char flags[64], time[48];
      guint32 seq = absolute ? seg->seq : tv_conn_relative_seq (conn, seg);
      guint32 ack = absolute ? seg->ack : tv_conn_relative_ack (conn, seg);

      tv_tcp_flags_to_string (seg->flags, flags, sizeof flags);
      format_time (time, sizeof time, seg->time_ns - conn->first_ns);

      g_string_append_c (out, '\n');
      g_string_append (out, title);
      g_string_append_c (out, '\n');
      /* Translators: one segment in tcpviz --explain: %1$u is the frame
       * number, %2$s the time since the connection's first segment, %3$s the
       * direction ("C → S" or "C ← S"), %4$s the TCP flags, %5$u seq, %6$u
       * ack, %7$u len (the names seq, ack, len stay as they are). */
      g_string_append_printf (out, _("  No. %1$u  %2$s  %3$s  %4$s  seq=%5$u ack=%6$u len=%7$u\n"),
                              seg->frame, time,
                              /* Translators: the direction of a segment: C is the client, S the
                               * server, the arrow points to the receiver. */
                              seg->dir == TV_DIR_CLIENT_TO_SERVER ? _("C → S") : _("C ← S"),
                              flags, seq, ack, seg->len);
      /* Translators: %1$s and %2$s are TCP states (ESTABLISHED, …). */
      g_string_append_printf (out, _("  After it: client %1$s, server %2$s\n"),
                              tv_tcp_state_name (seg->client_state),
                              tv_tcp_state_name (seg->server_state));
      tv_cli_wrap (out, text, INDENT, WIDTH);
    }

  g_print ("%s", out->str);
  g_string_free (out, TRUE);
  return 0;
}
