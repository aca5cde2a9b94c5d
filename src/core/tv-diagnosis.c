/* tv-diagnosis.c: why a connection was slow or broken. */
#define G_LOG_DOMAIN "tv-diagnosis"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "tv-diagnosis.h"
#include "tv-format.h"

/* how far back to look for the earlier copy of a retransmitted segment */
#define MAX_LOOKBACK 65536

/* ---- verdict ----------------------------------------------------------- */

static const char *const verdict_names[TV_N_VERDICTS] = {
  "completed", "refused", "reset_by_client", "reset_by_server",
  "no_answer", "no_handshake", "open",
};

const char *
tv_verdict_name (TvVerdict verdict)
{
  g_return_val_if_fail (verdict < TV_N_VERDICTS, NULL);
  return verdict_names[verdict];
}

const char *
tv_verdict_label (TvVerdict verdict)
{
  switch (verdict)
    {
    case TV_VERDICT_COMPLETED:
      return _("Completed");
    case TV_VERDICT_REFUSED:
      return _("Refused");
    case TV_VERDICT_RESET_BY_CLIENT:
      return _("Reset by the client");
    case TV_VERDICT_RESET_BY_SERVER:
      return _("Reset by the server");
    case TV_VERDICT_NO_ANSWER:
      return _("No answer");
    case TV_VERDICT_NO_HANDSHAKE:
      return _("No handshake seen");
    case TV_VERDICT_OPEN:
    case TV_N_VERDICTS:
    default:
      return _("Still open");
    }
}

gboolean
tv_verdict_is_problem (TvVerdict verdict)
{
  return verdict != TV_VERDICT_COMPLETED && verdict != TV_VERDICT_OPEN;
}

TvVerdict
tv_conn_verdict (const TvConn *conn)
{
  const TvConnSide *client = &conn->side[TV_DIR_CLIENT_TO_SERVER];
  const TvConnSide *server = &conn->side[TV_DIR_SERVER_TO_CLIENT];

  g_return_val_if_fail (conn != NULL, TV_VERDICT_OPEN);

  if (client->rst_seen || server->rst_seen)
    {
      /* a SYN answered by a reset, with no SYN-ACK: refused */
      if (server->rst_seen && conn->syn_ns != 0 && conn->synack_ns == 0)
        return TV_VERDICT_REFUSED;
      if (client->rst_seen != server->rst_seen)
        return client->rst_seen ? TV_VERDICT_RESET_BY_CLIENT : TV_VERDICT_RESET_BY_SERVER;
      /* both: whoever reset first */
      for (guint32 i = 0; i < conn->n_segs; i++)
        if (conn->segs[i].flags & TV_TCP_RST)
          return conn->segs[i].dir == TV_DIR_CLIENT_TO_SERVER ? TV_VERDICT_RESET_BY_CLIENT
                                                               : TV_VERDICT_RESET_BY_SERVER;
    }
  if (conn->syn_ns == 0)
    return TV_VERDICT_NO_HANDSHAKE;
  if (conn->synack_ns == 0 && server->segments == 0)
    return TV_VERDICT_NO_ANSWER;
  if (client->fin_seen && server->fin_seen)
    return TV_VERDICT_COMPLETED;
  return TV_VERDICT_OPEN;
}

/* ---- diagnosis --------------------------------------------------------- */

static inline gboolean
is_timeout_retransmission (const TvSegment *seg)
{
  return (seg->analysis & (TV_ANALYSIS_RETRANSMISSION | TV_ANALYSIS_SPURIOUS_RETRANSMISSION)) &&
         !(seg->analysis & (TV_ANALYSIS_FAST_RETRANSMISSION | TV_ANALYSIS_KEEP_ALIVE |
                            TV_ANALYSIS_ZERO_WINDOW_PROBE));
}

static int
cmp_stall (const void *a,
           const void *b)
{
  const TvStall *s = a, *t = b;

  if (s->start_ns != t->start_ns)
    return s->start_ns < t->start_ns ? -1 : 1;
  return s->frame < t->frame ? -1 : s->frame > t->frame;
}

static void
find_timeouts (TvDiagnosis  *self,
               const TvConn *conn)
{
  for (guint32 i = 1; i < conn->n_segs; i++)
    {
      const TvSegment *seg = &conn->segs[i];
      TvStall stall = { TV_STALL_RETRANSMISSION_TIMEOUT, seg->dir, 0, seg->time_ns, seg->frame, 0, i };
      guint32 stop = i > MAX_LOOKBACK ? i - MAX_LOOKBACK : 0;

      if (!is_timeout_retransmission (seg))
        continue;
      /* the last time the same data (or SYN, or FIN) went out */
      stall.start_ns = conn->segs[i - 1].time_ns;
      for (guint32 j = i; j-- > stop; )
        {
          const TvSegment *o = &conn->segs[j];

          if (o->dir == seg->dir && o->seq == seg->seq &&
              (o->len > 0 || (o->flags & (TV_TCP_SYN | TV_TCP_FIN))) &&
              (o->flags & (TV_TCP_SYN | TV_TCP_FIN)) == (seg->flags & (TV_TCP_SYN | TV_TCP_FIN)))
            {
              stall.start_ns = o->time_ns;
              stall.start_frame = o->frame;
              break;
            }
        }
      g_array_append_val (self->stalls, stall);
    }
}

static void
find_zero_windows (TvDiagnosis  *self,
                   const TvConn *conn)
{
  /* open[d]: index of the zero window side d advertised, or -1 */
  gint64 open[2] = { -1, -1 };

  for (guint32 i = 0; i < conn->n_segs; i++)
    {
      const TvSegment *seg = &conn->segs[i];
      int d = seg->dir ? 1 : 0;

      if (seg->flags & TV_TCP_RST)
        continue;
      if (open[d] < 0 && (seg->analysis & TV_ANALYSIS_ZERO_WINDOW))
        open[d] = i;
      else if (open[d] >= 0 && seg->window > 0 && (seg->flags & TV_TCP_ACK))
        {
          const TvSegment *z = &conn->segs[open[d]];
          TvStall stall = { TV_STALL_ZERO_WINDOW, (TvDirection) !d, z->time_ns, seg->time_ns,
                            seg->frame, z->frame, i };

          g_array_append_val (self->stalls, stall);
          open[d] = -1;
        }
    }
  for (int d = 0; d < 2; d++)
    if (open[d] >= 0)
      {
        const TvSegment *z = &conn->segs[open[d]];
        TvStall stall = { TV_STALL_ZERO_WINDOW, (TvDirection) !d, z->time_ns, conn->last_ns,
                          0, z->frame, (guint32) open[d] };

        g_array_append_val (self->stalls, stall);
      }
}

/* @a - @b, held at the ends of gint64 instead of overflowing (a capture's
 * times are whatever its file says). */
static inline gint64
sat_sub (gint64 a,
         gint64 b)
{
  gint64 r;

  if (__builtin_sub_overflow (a, b, &r))
    return b < 0 ? G_MAXINT64 : G_MININT64;
  return r;
}

static inline gint64
sat_add (gint64 a,
         gint64 b)
{
  gint64 r;

  if (__builtin_add_overflow (a, b, &r))
    return b < 0 ? G_MININT64 : G_MAXINT64;
  return r;
}

/* Silences other than the server's time to answer (reported as the wait)
 * and those a timeout or zero window explains. */
static void
find_idle (TvDiagnosis  *self,
           const TvConn *conn,
           gint64        wait_from_ns,
           gint64        wait_to_ns)
{
  gint64 threshold = TV_DIAGNOSIS_MIN_IDLE_NS;
  guint n_other = self->stalls->len;

  if (self->handshake_ns > 0)
    threshold = self->handshake_ns > G_MAXINT64 / 10 ? G_MAXINT64
                                                      : MAX (threshold, 10 * self->handshake_ns);

  for (guint32 i = 1; i < conn->n_segs; i++)
    {
      const TvSegment *prev = &conn->segs[i - 1], *seg = &conn->segs[i];
      gboolean covered = FALSE;

      if (sat_sub (seg->time_ns, prev->time_ns) < threshold)
        continue;
      if (self->wait_ns >= 0 && prev->time_ns >= wait_from_ns && seg->time_ns <= wait_to_ns)
        continue;
      /* a timeout or a zero window explains the silence already */
      for (guint k = 0; k < n_other && !covered; k++)
        {
          const TvStall *s = &g_array_index (self->stalls, TvStall, k);

          covered = s->start_ns <= prev->time_ns && s->end_ns >= seg->time_ns;
        }
      if (!covered)
        {
          TvStall stall = { TV_STALL_IDLE, seg->dir, prev->time_ns, seg->time_ns,
                            seg->frame, prev->frame, i };

          g_array_append_val (self->stalls, stall);
        }
    }
}

TvDiagnosis *
tv_diagnosis_new (const TvConn *conn)
{
  TvDiagnosis *self;
  gint64 response = -1, request_end = -1, first_data = -1, last_data = -1;
  gint64 hs_end_ns;

  g_return_val_if_fail (conn != NULL, NULL);

  self = g_new0 (TvDiagnosis, 1);
  self->stalls = g_array_new (FALSE, FALSE, sizeof (TvStall));
  self->verdict = tv_conn_verdict (conn);
  self->duration_ns = tv_conn_duration (conn);
  /* the handshake's RTT when it completed (tshark's initial RTT also
   * measures a SYN answered by RST-ACK, which is no handshake) */
  self->handshake_ns = conn->hs_ack_ns != 0 ? tv_conn_handshake_rtt (conn) : -1;
  self->wait_ns = self->transfer_ns = self->close_ns = -1;

  for (guint32 i = 0; i < conn->n_segs; i++)
    {
      const TvSegment *seg = &conn->segs[i];
      int d = seg->dir ? 1 : 0;

      self->bytes[d] += seg->len;
      if (seg->analysis & TV_ANALYSIS_FAST_RETRANSMISSION)
        self->fast_retransmissions[d]++;
      if (seg->analysis & (TV_ANALYSIS_RETRANSMISSION | TV_ANALYSIS_FAST_RETRANSMISSION |
                           TV_ANALYSIS_SPURIOUS_RETRANSMISSION))
        self->retransmissions[d]++;
      if (self->handshake_first_frame == 0 && (seg->flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN)
        self->handshake_first_frame = seg->frame;
      if (self->handshake_ns >= 0 && self->handshake_last_frame == 0 && seg->time_ns == conn->hs_ack_ns &&
          seg->dir == TV_DIR_CLIENT_TO_SERVER && !(seg->flags & TV_TCP_SYN))
        self->handshake_last_frame = seg->frame;
      if (seg->len == 0 || (seg->analysis & TV_ANALYSIS_KEEP_ALIVE))
        continue;
      if (first_data < 0)
        first_data = i;
      last_data = i;
      if (response < 0)
        {
          if (seg->dir == TV_DIR_SERVER_TO_CLIENT)
            response = i;
          else
            request_end = i;
        }
    }

  hs_end_ns = conn->hs_ack_ns != 0 ? conn->hs_ack_ns : conn->first_ns;
  if (response >= 0)
    {
      const TvSegment *r = &conn->segs[response];

      self->response_frame = r->frame;
      if (request_end >= 0)
        {
          self->request_frame = conn->segs[request_end].frame;
          self->wait_ns = sat_sub (r->time_ns, conn->segs[request_end].time_ns);
        }
      else if (conn->hs_ack_ns != 0)
        self->wait_ns = MAX (sat_sub (r->time_ns, hs_end_ns), 0);
    }
  if (first_data >= 0)
    {
      gint64 from = response >= 0 ? response : first_data;

      self->transfer_first_frame = conn->segs[from].frame;
      self->transfer_last_frame = conn->segs[last_data].frame;
      self->transfer_ns = MAX (sat_sub (conn->segs[last_data].time_ns, conn->segs[from].time_ns), 0);
      self->close_ns = sat_sub (conn->last_ns, conn->segs[last_data].time_ns);
    }
  else
    self->close_ns = sat_sub (conn->last_ns, hs_end_ns);

  find_timeouts (self, conn);
  find_zero_windows (self, conn);
  find_idle (self, conn, response >= 0 ? sat_sub (conn->segs[response].time_ns, self->wait_ns) : 0,
             response >= 0 ? conn->segs[response].time_ns : 0);
  g_array_sort (self->stalls, cmp_stall);

  /* the union of the stalls */
  {
    gint64 end = G_MININT64;

    for (guint k = 0; k < self->stalls->len; k++)
      {
        const TvStall *s = &g_array_index (self->stalls, TvStall, k);
        gint64 from = MAX (s->start_ns, end);

        if (s->end_ns > from)
          self->stalled_ns = sat_add (self->stalled_ns, sat_sub (s->end_ns, from));
        end = MAX (end, s->end_ns);
      }
  }
  return self;
}

void
tv_diagnosis_free (TvDiagnosis *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->stalls);
  g_free (self);
}

/* ---- in plain words ---------------------------------------------------- */

static const char *
side_name (TvDirection dir)
{
  return dir == TV_DIR_CLIENT_TO_SERVER ? _("the client") : _("the server");
}

char *
tv_stall_describe (const TvStall *stall)
{
  g_autofree char *len = tv_format_duration (sat_sub (stall->end_ns, stall->start_ns));

  g_return_val_if_fail (stall != NULL, NULL);

  switch (stall->kind)
    {
    case TV_STALL_RETRANSMISSION_TIMEOUT:
      if (stall->start_frame != 0)
        /* Translators: %1$s is "the client" or "the server", %2$s a
         * duration, %3$u and %4$u frame numbers */
        return g_strdup_printf (_("Retransmission timeout: %1$s waited %2$s for an acknowledgement "
                                  "of frame %3$u and sent the same data again in frame %4$u."),
                                side_name (stall->who), len, stall->start_frame, stall->frame);
      return g_strdup_printf (_("Retransmission timeout: %1$s sent data again in frame %3$u, "
                                "%2$s after the frame before it (the first copy is not in the capture)."),
                              side_name (stall->who), len, stall->frame);

    case TV_STALL_ZERO_WINDOW:
      if (stall->frame != 0)
        /* Translators: %1$s is the receiver ("the client"), %2$s the
         * sender held back, %3$s a duration, %4$u and %5$u frames */
        return g_strdup_printf (_("Zero window: the receive window of %1$s was full from frame %4$u "
                                  "for %3$s, holding %2$s back until frame %5$u reopened it."),
                                side_name ((TvDirection) !stall->who), side_name (stall->who), len,
                                stall->start_frame, stall->frame);
      return g_strdup_printf (_("Zero window: the receive window of %1$s was full from frame %3$u "
                                "to the end of the capture (%2$s)."),
                              side_name ((TvDirection) !stall->who), len, stall->start_frame);

    case TV_STALL_IDLE:
    default:
      /* Translators: %1$s a duration, %2$u and %3$u frames, %4$s "the
       * client" or "the server" */
      return g_strdup_printf (_("Idle: nothing was sent either way for %1$s, from frame %2$u to "
                                "frame %3$u; then %4$s spoke."),
                              len, stall->start_frame, stall->frame, side_name (stall->who));
    }
}

char **
tv_diagnosis_describe (const TvDiagnosis *self,
                       const TvConn      *conn)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autofree char *client = NULL;
  g_autofree char *server = NULL;
  g_autofree char *duration = NULL;

  g_return_val_if_fail (self != NULL && conn != NULL, NULL);

  client = tv_endpoint_to_string (&conn->client);
  server = tv_endpoint_to_string (&conn->server);
  duration = tv_format_duration (self->duration_ns);
  /* Translators: "Connection 0, 192.0.2.1:40000 → 192.0.2.2:80: Completed,
   * 4.21 s, 3 020 segments." */
  g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "Connection %1$u, %2$s → %3$s: %4$s, %5$s, %6$u segment.",
                                                      "Connection %1$u, %2$s → %3$s: %4$s, %5$s, %6$u segments.",
                                                      conn->n_segs),
                                         conn->id, client, server, tv_verdict_label (self->verdict),
                                         duration, conn->n_segs));

  /* the handshake, or why there is none */
  if (self->handshake_ns >= 0)
    {
      g_autofree char *hs = tv_format_duration (self->handshake_ns);

      g_ptr_array_add (out, g_strdup_printf (_("Handshake: %1$s, from the SYN in frame %2$u to the ACK "
                                               "that completes it in frame %3$u."),
                                             hs, self->handshake_first_frame, self->handshake_last_frame));
    }
  else
    switch (self->verdict)
      {
      case TV_VERDICT_REFUSED:
        g_ptr_array_add (out, g_strdup_printf (_("Refused: the server answered the SYN (frame %u) with a "
                                                 "reset: nothing listens on that port, or a firewall "
                                                 "rejects it."),
                                               self->handshake_first_frame));
        break;
      case TV_VERDICT_NO_ANSWER:
        g_ptr_array_add (out, g_strdup_printf (_("No answer: the client sent a SYN (frame %u) and nothing "
                                                 "came back: the server is down, unreachable, or a "
                                                 "firewall drops the SYN."),
                                               self->handshake_first_frame));
        break;
      case TV_VERDICT_NO_HANDSHAKE:
        g_ptr_array_add (out, g_strdup (_("No handshake: the connection was already open when the "
                                          "capture began.")));
        break;
      case TV_VERDICT_COMPLETED:
      case TV_VERDICT_RESET_BY_CLIENT:
      case TV_VERDICT_RESET_BY_SERVER:
      case TV_VERDICT_OPEN:
      case TV_N_VERDICTS:
      default:
        g_ptr_array_add (out, g_strdup (_("The handshake did not complete in the capture.")));
        break;
      }

  if (self->wait_ns >= 0)
    {
      g_autofree char *w = tv_format_duration (self->wait_ns);

      if (self->request_frame != 0)
        g_ptr_array_add (out, g_strdup_printf (_("Waiting for the server: %1$s from the end of the "
                                                 "request (frame %2$u) to the first byte of the answer "
                                                 "(frame %3$u)."),
                                               w, self->request_frame, self->response_frame));
      else
        g_ptr_array_add (out, g_strdup_printf (_("The server spoke first, %1$s after the handshake "
                                                 "(frame %2$u)."),
                                               w, self->response_frame));
    }

  if (self->transfer_ns >= 0)
    {
      g_autofree char *t = tv_format_duration (self->transfer_ns);
      g_autofree char *down = tv_format_bytes (self->bytes[TV_DIR_SERVER_TO_CLIENT]);
      g_autofree char *up = tv_format_bytes (self->bytes[TV_DIR_CLIENT_TO_SERVER]);
      g_autofree char *rate = tv_format_rate (self->transfer_ns > 0
                                              ? (double) (self->bytes[0] + self->bytes[1]) * 1e9 / self->transfer_ns
                                              : 0.0);
      guint32 retr = self->retransmissions[0] + self->retransmissions[1];
      guint32 fast = self->fast_retransmissions[0] + self->fast_retransmissions[1];

      if (self->transfer_first_frame != self->transfer_last_frame)
        g_ptr_array_add (out, g_strdup_printf (_("Transfer: %1$s, from frame %2$u to frame %3$u: %4$s from "
                                                 "the server and %5$s from the client, %6$s on average."),
                                               t, self->transfer_first_frame, self->transfer_last_frame,
                                               down, up, rate));
      else
        g_ptr_array_add (out, g_strdup_printf (_("Transfer: the answer fits in one segment (frame %1$u); "
                                                 "%2$s from the server and %3$s from the client in all."),
                                               self->transfer_first_frame, down, up));
      if (retr > 0)
        g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%1$u segment was sent again (%2$u of them "
                                                            "after duplicate ACKs: fast retransmissions).",
                                                            "%1$u segments were sent again (%2$u of them "
                                                            "after duplicate ACKs: fast retransmissions).",
                                                            retr),
                                               retr, fast));
    }

  if (self->stalls->len > 0)
    {
      g_autofree char *s = tv_format_duration (self->stalled_ns);
      guint pct = self->duration_ns > 0 ? (guint) MIN (100.0, (double) self->stalled_ns * 100.0 / (double) self->duration_ns) : 0;

      g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%1$u stall, %2$s in all (%3$u%% of the connection):",
                                                          "%1$u stalls, %2$s in all (%3$u%% of the connection):",
                                                          self->stalls->len),
                                             self->stalls->len, s, pct));
      for (guint k = 0; k < self->stalls->len; k++)
        {
          g_autofree char *text = tv_stall_describe (&g_array_index (self->stalls, TvStall, k));

          g_ptr_array_add (out, g_strconcat ("• ", text, NULL));
        }
    }
  else if (self->transfer_ns >= 0)
    g_ptr_array_add (out, g_strdup (_("No stalls: no retransmission timeout, no zero window, no long "
                                      "silence.")));

  /* where most of the time went (a refused or unanswered SYN has no
   * parts to compare) */
  if (self->duration_ns > 0 && self->verdict != TV_VERDICT_REFUSED && self->verdict != TV_VERDICT_NO_ANSWER)
    {
      struct { gint64 ns; const char *what; } parts[] = {
        { self->handshake_ns, _("the handshake") },
        { self->wait_ns, _("waiting for the server") },
        { self->transfer_ns - MIN (self->stalled_ns, MAX (self->transfer_ns, 0)), _("the transfer") },
        { self->stalled_ns, _("stalls") },
        { self->close_ns, _("the close") },
      };
      guint best = 0;

      for (guint i = 1; i < G_N_ELEMENTS (parts); i++)
        if (parts[i].ns > parts[best].ns)
          best = i;
      if (parts[best].ns > 0)
        {
          g_autofree char *d = tv_format_duration (parts[best].ns);
          guint pct = (guint) (parts[best].ns * 100 / self->duration_ns);

          /* Translators: "Most of the time went to stalls: 1.20 s of 4.21 s
           * (28%)."; %1$s is one of "the handshake", "waiting for the
           * server", "the transfer", "stalls", "the close" */
          g_ptr_array_add (out, g_strdup_printf (_("Most of the time went to %1$s: %2$s of %3$s (%4$u%%)."),
                                                 parts[best].what, d, duration, MIN (pct, 100u)));
        }
    }

  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}
