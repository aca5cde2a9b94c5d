/* tv-text-diagram.c: Mermaid, PlantUML and plain-text ladders.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-text-diagram"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tv-text-diagram.h"

/* the plain ladder's columns: state or time | lifeline | span | lifeline | state */
#define SIDE   12                  /* "SYN_RECEIVED" */
#define LEFT   (SIDE + 1)          /* the client's lifeline */
#define SPAN   48                  /* between the lifelines */
#define RIGHT  (LEFT + SPAN + 1)   /* the server's lifeline */

typedef struct {
  TvTracker             *tracker;
  TvConn                *conn;
  TvLadderLayout        *layout;
  const TvExportOptions *opt;
  GString               *out;
  guint                  first, last;   /* rows written */
  guint                  next_phase;
} Writer;

/* ---- what a row says ------------------------------------------------------ */

typedef struct {
  TvLadderRow   row;
  TvLadderLabel label;
  char          tags[160];    /* "Retransmission, Dup ACK" */
} Row;

static void
get_row (Writer *w,
         guint   i,
         Row    *r)
{
  tv_ladder_layout_get_row (w->layout, i, &r->row);
  tv_ladder_layout_get_label (w->layout, i, &r->label);
  r->tags[0] = '\0';
  for (guint b = 0; b < TV_N_ANALYSIS; b++)
    if (r->label.analysis & (1u << b))
      {
        if (r->tags[0] != '\0')
          g_strlcat (r->tags, ", ", sizeof r->tags);
        g_strlcat (r->tags, tv_analysis_label (1u << b), sizeof r->tags);
      }
}

/* A pure ACK: no payload, no SYN/FIN/RST, no mark, no state changed. */
static gboolean
hidden (Writer    *w,
        const Row *r)
{
  return w->opt->hide_pure_acks && r->row.kind == TV_LADDER_KIND_ACK &&
         r->label.analysis == 0 && !r->row.client_state_changed &&
         !r->row.server_state_changed;
}

static char *
phase_title (const TvLadderPhase *phase)
{
  char *title = tv_ladder_phase_dup_title (phase);

  g_strdelimit (title, "\n", ',');
  /* "Three-way handshake,RTT" → "Three-way handshake, RTT" */
  {
    char *comma = strchr (title, ',');

    if (comma != NULL)
      {
        char *fixed = g_strdup_printf ("%.*s, %s", (int) (comma - title), title, comma + 1);

        g_free (title);
        title = fixed;
      }
  }
  return title;
}

/* The phase that starts at row @i, if any. */
static gboolean
phase_at (Writer        *w,
          guint          i,
          TvLadderPhase *phase)
{
  guint n = tv_ladder_layout_get_n_phases (w->layout);

  while (w->next_phase < n)
    {
      tv_ladder_layout_get_phase (w->layout, w->next_phase, phase);
      if (phase->first_row > i)
        return FALSE;
      w->next_phase++;
      if (phase->first_row == i || (i == w->first && phase->last_row >= i))
        return TRUE;
    }
  return FALSE;
}

static char *
dup_title (Writer *w)
{
  if (w->opt->title == NULL)
    return tv_export_dup_default_title (w->conn, w->opt->capture_name);
  if (w->opt->title[0] == '\0')
    return NULL;
  return g_strdup (w->opt->title);
}

/* ---- Mermaid ------------------------------------------------------------------ */

/* Mermaid's message text: ';' ends a statement and '#' starts an entity. */
static void
put_mermaid_text (GString    *out,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ';')
        g_string_append (out, "#59;");
      else if (*p == '#')
        g_string_append (out, "#35;");
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

static void
write_mermaid (Writer *w)
{
  g_autofree char *client = tv_endpoint_to_string (&w->conn->client);
  g_autofree char *server = tv_endpoint_to_string (&w->conn->server);
  g_autofree char *title = dup_title (w);
  GString *out = w->out;

  g_string_append (out, "sequenceDiagram\n");
  if (title != NULL)
    {
      g_string_append (out, "    title ");
      put_mermaid_text (out, title);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "    participant C as ");
  put_mermaid_text (out, _("Client"));
  g_string_append_printf (out, " %s\n", client);
  g_string_append (out, "    participant S as ");
  put_mermaid_text (out, _("Server"));
  g_string_append_printf (out, " %s\n", server);

  if (w->first == 0)
    {
      TvTcpState c = tv_ladder_layout_get_initial_state (w->layout, TV_DIR_CLIENT_TO_SERVER);
      TvTcpState s = tv_ladder_layout_get_initial_state (w->layout, TV_DIR_SERVER_TO_CLIENT);

      if (c != TV_TCP_STATE_UNKNOWN)
        g_string_append_printf (out, "    Note left of C: %s\n", tv_tcp_state_name (c));
      if (s != TV_TCP_STATE_UNKNOWN)
        g_string_append_printf (out, "    Note right of S: %s\n", tv_tcp_state_name (s));
    }

  for (guint i = w->first; i <= w->last; i++)
    {
      TvLadderPhase phase;
      gboolean to_server;
      Row r;

      if (phase_at (w, i, &phase))
        {
          g_autofree char *t = phase_title (&phase);

          g_string_append (out, "    Note over C,S: ");
          put_mermaid_text (out, t);
          g_string_append_c (out, '\n');
        }

      get_row (w, i, &r);
      if (hidden (w, &r))
        continue;
      to_server = r.row.seg->dir == TV_DIR_CLIENT_TO_SERVER;
      g_string_append_printf (out, "    %s%s%s: ", to_server ? "C" : "S",
                              r.row.kind == TV_LADDER_KIND_RESET ? "-x" : "->>",
                              to_server ? "S" : "C");
      put_mermaid_text (out, r.label.text);
      if (r.label.app != NULL)
        {
          g_string_append (out, "<br/>");
          put_mermaid_text (out, r.label.app);
        }
      if (r.tags[0] != '\0')
        {
          g_string_append (out, "<br/>[");
          put_mermaid_text (out, r.tags);
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, '\n');

      if (r.row.client_state_changed)
        g_string_append_printf (out, "    Note left of C: %s\n",
                                tv_tcp_state_name (r.row.client_state));
      if (r.row.server_state_changed)
        g_string_append_printf (out, "    Note right of S: %s\n",
                                tv_tcp_state_name (r.row.server_state));
    }
}

/* ---- PlantUML ------------------------------------------------------------------- */

/* PlantUML's text: '~' escapes creole markup, a backslash starts \n. */
static void
put_plantuml_text (GString    *out,
                   const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '~' || *p == '*' || *p == '_' || *p == '-' || *p == '"' || *p == '/' ||
          *p == '<' || *p == '[')
        {
          /* only doubled they are markup; one ~ before each keeps them text */
          if (p[1] == *p)
            g_string_append_c (out, '~');
          g_string_append_c (out, *p);
        }
      else if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

static void
write_plantuml (Writer *w)
{
  g_autofree char *client = tv_endpoint_to_string (&w->conn->client);
  g_autofree char *server = tv_endpoint_to_string (&w->conn->server);
  g_autofree char *title = dup_title (w);
  GString *out = w->out;

  g_string_append (out, "@startuml\n");
  if (title != NULL)
    {
      g_string_append (out, "title ");
      put_plantuml_text (out, title);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "skinparam monochrome false\nskinparam shadowing false\n");
  g_string_append_printf (out, "participant \"%s\\n%s\" as C\n", _("Client"), client);
  g_string_append_printf (out, "participant \"%s\\n%s\" as S\n", _("Server"), server);

  if (w->first == 0)
    {
      TvTcpState c = tv_ladder_layout_get_initial_state (w->layout, TV_DIR_CLIENT_TO_SERVER);
      TvTcpState s = tv_ladder_layout_get_initial_state (w->layout, TV_DIR_SERVER_TO_CLIENT);

      if (c != TV_TCP_STATE_UNKNOWN)
        g_string_append_printf (out, "hnote over C : %s\n", tv_tcp_state_name (c));
      if (s != TV_TCP_STATE_UNKNOWN)
        g_string_append_printf (out, "%shnote over S : %s\n",
                                c != TV_TCP_STATE_UNKNOWN ? "/ " : "", tv_tcp_state_name (s));
    }

  for (guint i = w->first; i <= w->last; i++)
    {
      TvLadderPhase phase;
      gboolean to_server;
      const char *space;
      Row r;

      if (phase_at (w, i, &phase))
        {
          g_autofree char *t = phase_title (&phase);

          g_string_append (out, "== ");
          put_plantuml_text (out, t);
          g_string_append (out, " ==\n");
        }

      get_row (w, i, &r);
      if (hidden (w, &r))
        continue;
      to_server = r.row.seg->dir == TV_DIR_CLIENT_TO_SERVER;
      g_string_append_printf (out, "%s %s %s : ", to_server ? "C" : "S",
                              r.row.kind == TV_LADDER_KIND_RESET ? "->x" : "->",
                              to_server ? "S" : "C");
      /* the flags in bold, as drawn */
      space = strchr (r.label.text, ' ');
      g_string_append (out, "**");
      g_string_append_len (out, r.label.text,
                           space ? space - r.label.text : (gssize) strlen (r.label.text));
      g_string_append (out, "**");
      if (space != NULL)
        put_plantuml_text (out, space);
      if (r.label.app != NULL)
        {
          g_string_append (out, "\\n");
          put_plantuml_text (out, r.label.app);
        }
      if (r.tags[0] != '\0')
        {
          g_string_append (out, "\\n<color:red>[");
          put_plantuml_text (out, r.tags);
          g_string_append (out, "]</color>");
        }
      g_string_append_c (out, '\n');

      if (r.row.client_state_changed)
        g_string_append_printf (out, "hnote over C : %s\n",
                                tv_tcp_state_name (r.row.client_state));
      if (r.row.server_state_changed)
        g_string_append_printf (out, "%shnote over S : %s\n",
                                r.row.client_state_changed ? "/ " : "",
                                tv_tcp_state_name (r.row.server_state));
    }

  g_string_append (out, "@enduml\n");
}

/* ---- the plain ladder ------------------------------------------------------------ */

/* A line of the ladder: @left right-aligned before the client's lifeline,
 * @mid in the span (centred), @right after the server's lifeline. */
static void
put_line (GString    *out,
          const char *left,
          const char *mid,
          gboolean    centre,
          const char *right)
{
  char line[TV_TEXT_DIAGRAM_COLUMNS + 1];
  gsize n;

  memset (line, ' ', sizeof line);
  n = left ? MIN (strlen (left), (gsize) SIDE) : 0;
  if (n > 0)
    memcpy (line + SIDE - n, left, n);
  line[LEFT] = '|';
  line[RIGHT] = '|';
  if (mid != NULL)
    {
      gsize m = strlen (mid), at;

      if (m > SPAN - 2)
        m = SPAN - 2;
      at = centre ? LEFT + 1 + (SPAN - m) / 2 : LEFT + 1;
      memcpy (line + at, mid, m);
      if (strlen (mid) > SPAN - 2)
        memcpy (line + at + m - 3, "...", 3);
    }
  n = RIGHT + 1;
  if (right != NULL)
    {
      gsize r = MIN (strlen (right), (gsize) (TV_TEXT_DIAGRAM_COLUMNS - RIGHT - 2));

      memcpy (line + RIGHT + 2, right, r);
      n = RIGHT + 2 + r;
    }
  while (n > 0 && line[n - 1] == ' ')
    n--;
  g_string_append_len (out, line, n);
  g_string_append_c (out, '\n');
}

/* cut to @width columns (the text is ASCII, but for an IPv6 address or a
 * label: cut on a character) */
static void
put_cut (GString    *out,
         const char *text,
         guint       width)
{
  glong n = g_utf8_strlen (text, -1);

  if ((guint) n <= width)
    g_string_append (out, text);
  else
    {
      const char *end = g_utf8_offset_to_pointer (text, width - 3);

      g_string_append_len (out, text, end - text);
      g_string_append (out, "...");
    }
}

/* ASCII only in the span, so that columns count bytes */
static char *
ascii (const char *text)
{
  char *s = g_strdup (text);

  for (char *p = s; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || *p == '\n' || *p == '\t')
      *p = '?';
  return s;
}

static void
write_text (Writer *w)
{
  g_autofree char *client = tv_endpoint_to_string (&w->conn->client);
  g_autofree char *server = tv_endpoint_to_string (&w->conn->server);
  g_autofree char *title = dup_title (w);
  GString *out = w->out;
  char arrow[SPAN + 1];

  if (title != NULL)
    {
      put_cut (out, title, TV_TEXT_DIAGRAM_COLUMNS);
      g_string_append (out, "\n\n");
    }

  /* the heads: the roles and the endpoints, centred on their lifelines */
  {
    char line[TV_TEXT_DIAGRAM_COLUMNS + 1];
    const char *words[2][2] = { { _("Client"), client }, { _("Server"), server } };

    for (guint k = 0; k < 2; k++)
      {
        gsize n;

        memset (line, ' ', sizeof line);
        for (guint s = 0; s < 2; s++)
          {
            g_autofree char *a = ascii (words[s][k]);
            gsize len = MIN (strlen (a), (gsize) 36);
            gssize at = (s == 0 ? LEFT : RIGHT) - (gssize) len / 2;

            at = CLAMP (at, 0, TV_TEXT_DIAGRAM_COLUMNS - (gssize) len);
            memcpy (line + at, a, len);
          }
        n = TV_TEXT_DIAGRAM_COLUMNS;
        while (n > 0 && line[n - 1] == ' ')
          n--;
        g_string_append_len (out, line, n);
        g_string_append_c (out, '\n');
      }
  }

  if (w->first == 0)
    {
      TvTcpState c = tv_ladder_layout_get_initial_state (w->layout, TV_DIR_CLIENT_TO_SERVER);
      TvTcpState s = tv_ladder_layout_get_initial_state (w->layout, TV_DIR_SERVER_TO_CLIENT);

      put_line (out, c != TV_TCP_STATE_UNKNOWN ? tv_tcp_state_name (c) : NULL, NULL, FALSE,
                s != TV_TCP_STATE_UNKNOWN ? tv_tcp_state_name (s) : NULL);
    }
  else
    put_line (out, NULL, NULL, FALSE, NULL);

  for (guint i = w->first; i <= w->last; i++)
    {
      TvLadderPhase phase;
      char time[32];
      gboolean to_server;
      Row r;

      if (phase_at (w, i, &phase))
        {
          g_autofree char *t = phase_title (&phase);
          g_autofree char *a = ascii (t);
          g_autofree char *m = g_strdup_printf ("-- %s --", a);

          put_line (out, NULL, m, TRUE, NULL);
        }

      get_row (w, i, &r);
      if (hidden (w, &r))
        continue;
      to_server = r.row.seg->dir == TV_DIR_CLIENT_TO_SERVER;

      /* from the top: the marks, the HTTP/TLS line, the flags and numbers
       * (with the time), the arrow with the states after it */
      if (r.tags[0] != '\0')
        {
          g_autofree char *t = g_strdup_printf ("[%s]", r.tags);
          g_autofree char *a = ascii (t);

          put_line (out, NULL, a, TRUE, NULL);
        }
      if (r.label.app != NULL)
        {
          g_autofree char *a = ascii (r.label.app);

          put_line (out, NULL, a, TRUE, NULL);
        }
      tv_ladder_format_time (tv_ladder_layout_get_row_time (w->layout, i), time, sizeof time);
      put_line (out, time, r.label.text, TRUE, NULL);

      memset (arrow, '-', SPAN);
      arrow[SPAN] = '\0';
      if (to_server)
        arrow[SPAN - 1] = r.row.kind == TV_LADDER_KIND_RESET ? 'X' : '>';
      else
        arrow[0] = r.row.kind == TV_LADDER_KIND_RESET ? 'X' : '<';
      {
        char line[TV_TEXT_DIAGRAM_COLUMNS + 1];
        const char *cs = r.row.client_state_changed ? tv_tcp_state_name (r.row.client_state) : "";
        const char *ss = r.row.server_state_changed ? tv_tcp_state_name (r.row.server_state) : "";

        g_snprintf (line, sizeof line, "%*s |%s|%s%s", SIDE, cs, arrow, *ss ? " " : "", ss);
        g_string_append (out, line);
        g_string_append_c (out, '\n');
      }
    }
}

GString *
tv_text_diagram_write (TvTracker             *tracker,
                       TvConn                *conn,
                       TvExportFormat         format,
                       const TvExportOptions *options)
{
  TvExportOptions defaults;
  TvLadderOptions lopt;
  Writer w = { 0 };
  guint n;

  g_return_val_if_fail (tracker != NULL, NULL);
  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (tv_export_format_is_text (format), NULL);

  if (options == NULL)
    {
      tv_export_options_init (&defaults);
      options = &defaults;
    }

  tv_ladder_options_init (&lopt);
  lopt.absolute = options->absolute;
  w.tracker = tracker;
  w.conn = conn;
  w.layout = tv_ladder_layout_new (tracker, conn, &lopt);
  w.opt = options;
  w.out = g_string_new (NULL);

  n = tv_ladder_layout_get_n_rows (w.layout);
  w.first = options->first_segment >= 0 ? (guint) options->first_segment : 0;
  w.last = options->last_segment >= 0 ? (guint) options->last_segment : G_MAXUINT;
  w.last = n > 0 ? MIN (w.last, n - 1) : 0;

  if (n == 0 || w.first > w.last)
    {
      /* an empty range: the heads only */
      w.first = 1;
      w.last = 0;
    }

  switch (format)
    {
    case TV_EXPORT_FORMAT_MERMAID:
      write_mermaid (&w);
      break;
    case TV_EXPORT_FORMAT_PLANTUML:
      write_plantuml (&w);
      break;
    case TV_EXPORT_FORMAT_TEXT:
    default:
      write_text (&w);
      break;
    }

  tv_ladder_layout_free (w.layout);
  return w.out;
}
