/* tv-json.c: the connection model as JSON, through json-glib. */
#define G_LOG_DOMAIN "tv-json"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tv-core-error.h"
#include "tv-json.h"
#include "tv-diagnosis.h"
#include "tv-label.h"

#define NS_PER_S 1e9

/* segments turned into JSON at a time by tv_json_write() */
#define JSON_SEGMENT_BLOCK 1024

static void
add_endpoint (JsonBuilder      *b,
              const char       *name,
              const TvEndpoint *ep)
{
  char buf[64];

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "address");
  json_builder_add_string_value (b, tv_address_to_string (&ep->address, buf, sizeof buf));
  json_builder_set_member_name (b, "port");
  json_builder_add_int_value (b, ep->port);
  json_builder_end_object (b);
}

static const char *
label_kind_name (guint kind)
{
  switch (kind)
    {
    case TV_LABEL_HTTP_REQUEST:
      return "http_request";
    case TV_LABEL_HTTP_RESPONSE:
      return "http_response";
    case TV_LABEL_TLS:
      return "tls";
    default:
      return NULL;
    }
}

/* "options": only the options the segment carried; SACK edges relative to
 * the receiver's base sequence number, as tshark's tcp.options.sack_le/re. */
static void
add_options (JsonBuilder        *b,
             const TvConn       *conn,
             const TvTcpOptions *o)
{
  if (o == NULL)
    return;

  json_builder_set_member_name (b, "options");
  json_builder_begin_object (b);
  if (o->present & TV_TCP_OPT_MSS)
    {
      json_builder_set_member_name (b, "mss");
      json_builder_add_int_value (b, o->mss);
    }
  if (o->present & TV_TCP_OPT_WSCALE)
    {
      json_builder_set_member_name (b, "wscale");
      json_builder_add_int_value (b, o->wscale);
    }
  if (o->present & TV_TCP_OPT_SACK_PERMITTED)
    {
      json_builder_set_member_name (b, "sack_permitted");
      json_builder_add_boolean_value (b, TRUE);
    }
  if (o->present & TV_TCP_OPT_TIMESTAMPS)
    {
      json_builder_set_member_name (b, "timestamps");
      json_builder_begin_array (b);
      json_builder_add_int_value (b, o->tsval);
      json_builder_add_int_value (b, o->tsecr);
      json_builder_end_array (b);
    }
  if (o->present & TV_TCP_OPT_SACK)
    {
      const TvSegment *seg = &conn->segs[o->segment];
      const TvConnSide *peer = &conn->side[!seg->dir];
      guint32 base = peer->isn_set ? peer->isn : 0;

      json_builder_set_member_name (b, "sack");
      json_builder_begin_array (b);
      for (guint i = 0; i < o->n_sack; i++)
        {
          json_builder_begin_array (b);
          json_builder_add_int_value (b, (guint32) (o->sack[i][0] - base));
          json_builder_add_int_value (b, (guint32) (o->sack[i][1] - base));
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
    }
  if (o->present & TV_TCP_OPT_TFO)
    {
      char hex[2 * TV_TFO_COOKIE_MAX + 1];

      for (guint i = 0; i < o->tfo_cookie_len; i++)
        g_snprintf (hex + 2 * i, 3, "%02x", o->tfo_cookie[i]);
      hex[2 * o->tfo_cookie_len] = '\0';
      json_builder_set_member_name (b, "tfo_cookie");
      json_builder_add_string_value (b, hex);
    }
  json_builder_end_object (b);
}

static void
add_segment (JsonBuilder     *b,
             TvTracker       *tracker,
             const TvConn    *conn,
             const TvSegment *seg)
{
  const char *kind = label_kind_name (seg->label_kind);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "frame");
  json_builder_add_int_value (b, seg->frame);
  json_builder_set_member_name (b, "time");
  json_builder_add_double_value (b, seg->time_ns / NS_PER_S);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, seg->dir == TV_DIR_CLIENT_TO_SERVER ? "client" : "server");
  json_builder_set_member_name (b, "flags");
  json_builder_add_int_value (b, seg->flags);
  json_builder_set_member_name (b, "seq_raw");
  json_builder_add_int_value (b, seg->seq);
  json_builder_set_member_name (b, "ack_raw");
  json_builder_add_int_value (b, seg->ack);
  json_builder_set_member_name (b, "seq");
  json_builder_add_int_value (b, tv_conn_relative_seq (conn, seg));
  json_builder_set_member_name (b, "ack");
  json_builder_add_int_value (b, tv_conn_relative_ack (conn, seg));
  json_builder_set_member_name (b, "len");
  json_builder_add_int_value (b, seg->len);
  json_builder_set_member_name (b, "window");
  json_builder_add_int_value (b, seg->window);
  json_builder_set_member_name (b, "label");
  if (seg->label != 0)
    json_builder_add_string_value (b, tv_tracker_get_label (tracker, seg->label));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "label_kind");
  if (kind != NULL)
    json_builder_add_string_value (b, kind);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "analysis");
  json_builder_begin_array (b);
  for (guint bit = 0; bit < TV_N_ANALYSIS; bit++)
    if (seg->analysis & (1u << bit))
      json_builder_add_string_value (b, tv_analysis_name (1u << bit));
  json_builder_end_array (b);
  add_options (b, conn, tv_conn_get_options (conn, (guint) (seg - conn->segs)));
  json_builder_set_member_name (b, "client_state");
  json_builder_add_string_value (b, tv_tcp_state_name (seg->client_state));
  json_builder_set_member_name (b, "server_state");
  json_builder_add_string_value (b, tv_tcp_state_name (seg->server_state));
  json_builder_end_object (b);
}

static const struct {
  guint       bit;
  const char *name;
} badge_names[] = {
  { TV_CONN_HTTP, "http" },
  { TV_CONN_TLS, "tls" },
  { TV_CONN_RESET, "reset" },
  { TV_CONN_INCOMPLETE_HANDSHAKE, "incomplete_handshake" },
  { TV_CONN_RETRANSMISSIONS, "retransmissions" },
  { TV_CONN_SIMULTANEOUS_OPEN, "simultaneous_open" },
};

static void
add_seconds_or_null (JsonBuilder *b,
                     const char  *name,
                     gint64       ns)
{
  json_builder_set_member_name (b, name);
  if (ns >= 0)
    json_builder_add_double_value (b, ns / NS_PER_S);
  else
    json_builder_add_null_value (b);
}

static void
add_frame_or_null (JsonBuilder *b,
                   const char  *name,
                   guint32      frame)
{
  json_builder_set_member_name (b, name);
  if (frame != 0)
    json_builder_add_int_value (b, frame);
  else
    json_builder_add_null_value (b);
}

static void
add_per_side (JsonBuilder   *b,
              const char    *name,
              const guint32  counts[2])
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "client");
  json_builder_add_int_value (b, counts[TV_DIR_CLIENT_TO_SERVER]);
  json_builder_set_member_name (b, "server");
  json_builder_add_int_value (b, counts[TV_DIR_SERVER_TO_CLIENT]);
  json_builder_end_object (b);
}

/* "diagnosis": where the time went and the stalls (tv-diagnosis.h) */
static void
add_diagnosis (JsonBuilder  *b,
               const TvConn *conn)
{
  static const char *const stall_kinds[] = { "retransmission_timeout", "zero_window", "idle" };
  g_autoptr(TvDiagnosis) d = tv_diagnosis_new (conn);

  json_builder_set_member_name (b, "diagnosis");
  json_builder_begin_object (b);
  add_seconds_or_null (b, "handshake", d->handshake_ns);
  add_frame_or_null (b, "handshake_first_frame", d->handshake_first_frame);
  add_frame_or_null (b, "handshake_last_frame", d->handshake_last_frame);
  add_seconds_or_null (b, "server_wait", d->wait_ns);
  add_frame_or_null (b, "request_frame", d->request_frame);
  add_frame_or_null (b, "response_frame", d->response_frame);
  add_seconds_or_null (b, "transfer", d->transfer_ns);
  add_frame_or_null (b, "transfer_first_frame", d->transfer_first_frame);
  add_frame_or_null (b, "transfer_last_frame", d->transfer_last_frame);
  add_seconds_or_null (b, "close", d->close_ns);
  add_per_side (b, "retransmissions", d->retransmissions);
  add_per_side (b, "fast_retransmissions", d->fast_retransmissions);
  add_seconds_or_null (b, "stalled", d->stalled_ns);
  json_builder_set_member_name (b, "stalls");
  json_builder_begin_array (b);
  for (guint k = 0; k < d->stalls->len; k++)
    {
      const TvStall *s = &g_array_index (d->stalls, TvStall, k);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, stall_kinds[s->kind]);
      json_builder_set_member_name (b, "side");
      json_builder_add_string_value (b, s->who == TV_DIR_CLIENT_TO_SERVER ? "client" : "server");
      json_builder_set_member_name (b, "start");
      json_builder_add_double_value (b, s->start_ns / NS_PER_S);
      add_seconds_or_null (b, "duration", s->end_ns - s->start_ns);
      add_frame_or_null (b, "frame", s->frame);
      add_frame_or_null (b, "start_frame", s->start_frame);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* The connection with its segments, or with an empty "segments" array
 * (its last member) for tv_json_write() to fill block by block. */
static JsonNode *
build_connection (TvTracker *tracker,
                  TvConn    *conn,
                  gboolean   with_segments)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gint64 rtt, delay;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, conn->id);
  add_endpoint (b, "client", &conn->client);
  add_endpoint (b, "server", &conn->server);
  json_builder_set_member_name (b, "segment_count");
  json_builder_add_int_value (b, conn->n_segs);
  json_builder_set_member_name (b, "bytes_client_to_server");
  json_builder_add_int_value (b, (gint64) tv_conn_bytes (conn, TV_DIR_CLIENT_TO_SERVER));
  json_builder_set_member_name (b, "bytes_server_to_client");
  json_builder_add_int_value (b, (gint64) tv_conn_bytes (conn, TV_DIR_SERVER_TO_CLIENT));
  json_builder_set_member_name (b, "start");
  json_builder_add_double_value (b, conn->first_ns / NS_PER_S);
  json_builder_set_member_name (b, "duration");
  json_builder_add_double_value (b, tv_conn_duration (conn) / NS_PER_S);
  json_builder_set_member_name (b, "handshake_rtt");
  rtt = tv_conn_handshake_rtt (conn);
  if (rtt >= 0)
    json_builder_add_double_value (b, rtt / NS_PER_S);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "syn_retransmission_delay");
  delay = tv_conn_syn_retransmission_delay (conn);
  if (delay > 0)
    json_builder_add_double_value (b, delay / NS_PER_S);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "end");
  json_builder_add_string_value (b, tv_conn_end_name (conn->end));
  json_builder_set_member_name (b, "verdict");
  json_builder_add_string_value (b, tv_verdict_name (tv_conn_verdict (conn)));
  json_builder_set_member_name (b, "client_state");
  json_builder_add_string_value (b, tv_tcp_state_name (conn->client_state));
  json_builder_set_member_name (b, "server_state");
  json_builder_add_string_value (b, tv_tcp_state_name (conn->server_state));
  json_builder_set_member_name (b, "badges");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (badge_names); i++)
    if (conn->badges & badge_names[i].bit)
      json_builder_add_string_value (b, badge_names[i].name);
  json_builder_end_array (b);
  add_diagnosis (b, conn);
  json_builder_set_member_name (b, "segments");
  json_builder_begin_array (b);
  for (guint32 i = 0; with_segments && i < conn->n_segs; i++)
    add_segment (b, tracker, conn, &conn->segs[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

JsonNode *
tv_json_connection (TvTracker *tracker,
                    TvConn    *conn)
{
  g_return_val_if_fail (tracker != NULL, NULL);
  g_return_val_if_fail (conn != NULL, NULL);

  return build_connection (tracker, conn, TRUE);
}

/* json-glib writes a double with 17 significant digits
 * ("9.0000000000000002e-06" for 9 µs).  Each number with a fraction or an
 * exponent is written again in the shortest form that reads back to the same
 * double ("9e-06"); strings are left alone. */
static char *
shorten_numbers (char *text)
{
  GString *out = NULL;
  gboolean in_string = FALSE;
  const char *copied = text;   /* text before this is in @out already */

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (*p == '"')
        {
          in_string = TRUE;
          continue;
        }
      if (*p == '-' || g_ascii_isdigit (*p))
        {
          const char *end = p;
          gboolean real = FALSE;
          char token[64], best[G_ASCII_DTOSTR_BUF_SIZE];

          while (*end == '-' || *end == '+' || *end == '.' || *end == 'e' || *end == 'E'
                 || g_ascii_isdigit (*end))
            {
              real |= *end == '.' || *end == 'e' || *end == 'E';
              end++;
            }
          if (real && (gsize) (end - p) < sizeof token)
            {
              double value;

              memcpy (token, p, (gsize) (end - p));
              token[end - p] = '\0';
              value = g_ascii_strtod (token, NULL);
              for (int digits = 15; digits <= 17; digits++)
                {
                  char format[8];
                  g_snprintf (format, sizeof format, "%%.%dg", digits);
                  g_ascii_formatd (best, sizeof best, format, value);
                  if (g_ascii_strtod (best, NULL) == value)
                    break;
                }
              if (strcmp (best, token) != 0)
                {
                  if (out == NULL)
                    out = g_string_sized_new (strlen (text));
                  g_string_append_len (out, copied, p - copied);
                  g_string_append (out, best);
                  copied = end;
                }
            }
          p = end - 1;
        }
    }
  if (out == NULL)
    return text;
  g_string_append (out, copied);
  g_free (text);
  return g_string_free (out, FALSE);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return shorten_numbers (json_generator_to_data (gen, NULL));
}

static char *
string_to_json (const char *s)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  if (s == NULL)
    return g_strdup ("null");
  json_node_set_string (node, s);
  return node_to_string (node);
}

gboolean
tv_json_write (TvTracker          *tracker,
               const char         *path,
               const TvLoadStats  *stats,
               FILE               *out,
               GError            **error)
{
  g_autofree char *file = NULL;
  g_autofree char *warning = NULL;
  guint n;

  g_return_val_if_fail (tracker != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  file = string_to_json (path);
  warning = string_to_json (stats ? stats->warning : NULL);
  n = tv_tracker_get_n_conns (tracker);

  fprintf (out, "{\"file\":%s,\"frames\":%" G_GUINT64_FORMAT ",\"tcp_frames\":%" G_GUINT64_FORMAT
           ",\"warning\":%s,\"connection_count\":%u,\"connections\":[",
           file, stats ? stats->frames : 0, stats ? stats->tcp_frames : 0, warning, n);

  for (guint i = 0; i < n; i++)
    {
      TvConn *conn = tv_tracker_get_conn (tracker, i);
      g_autoptr(JsonNode) node = build_connection (tracker, conn, FALSE);
      g_autofree char *text = node_to_string (node);
      gsize len = strlen (text);

      if (i > 0)
        fputc (',', out);
      fputs ("\n", out);
      /* up to the segments' "[", then the segments a block at a time: a
       * connection of ten million segments never needs its whole JSON
       * tree (3 KB a segment) in memory */
      g_assert (g_str_has_suffix (text, "[]}"));
      fwrite (text, 1, len - 2, out);
      for (guint32 first = 0; first < conn->n_segs; first += JSON_SEGMENT_BLOCK)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();
          g_autoptr(JsonNode) block = NULL;
          g_autofree char *block_text = NULL;

          json_builder_begin_array (b);
          for (guint32 k = first; k < conn->n_segs && k - first < JSON_SEGMENT_BLOCK; k++)
            add_segment (b, tracker, conn, &conn->segs[k]);
          json_builder_end_array (b);
          block = json_builder_get_root (b);
          block_text = node_to_string (block);
          if (first > 0)
            fputc (',', out);
          /* without its "[" and "]" */
          fwrite (block_text + 1, 1, strlen (block_text) - 2, out);
        }
      fputs ("]}", out);
    }
  fputs ("\n]}\n", out);

  if (fflush (out) != 0 || ferror (out))
    {
      int saved = errno;
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
                   _("The JSON output could not be written: %s"), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
