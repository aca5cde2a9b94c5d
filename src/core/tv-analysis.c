/* tv-analysis.c: the analysis marks of each segment, the initial RTT and
 * the TCP options kept out of line. */
#define G_LOG_DOMAIN "tv-analysis"

#include "config.h"

#include <string.h>

#include "tv-analysis.h"

#define SEQ_LT(a, b) ((gint32) ((a) - (b)) < 0)
#define SEQ_LE(a, b) ((gint32) ((a) - (b)) <= 0)
#define SEQ_GT(a, b) ((gint32) ((a) - (b)) > 0)
#define SEQ_GE(a, b) ((gint32) ((a) - (b)) >= 0)

/* A segment arriving this soon after the previous one in its direction, and
 * below the highest sequence number seen, is out of order rather than a
 * retransmission (tshark's default threshold). */
#define OUT_OF_ORDER_NS (3 * G_TIME_SPAN_MILLISECOND * 1000)

/* The marks follow tshark's tcp_analyze_sequence_number(), in its order. */
guint16
tv_analysis_segment (TvConn        *c,
                     TvDirection    dir,
                     const TvFrame *f,
                     guint32        window)
{
  TvConnSide *s = &c->side[dir];
  TvConnSide *r = &c->side[!dir];
  guint16 flags = f->flags;
  guint16 marks = 0;
  gboolean control = (flags & (TV_TCP_SYN | TV_TCP_FIN | TV_TCP_RST)) != 0;
  guint32 seglen = f->len + ((flags & (TV_TCP_SYN | TV_TCP_FIN)) ? 1 : 0);
  gint64 since_last = s->segments > 0 ? f->time_ns - s->last_time_ns : G_MAXINT64;
  gboolean quiet_ack = FALSE;  /* a keep-alive or zero-window-probe ACK: not a dup ACK */

  /* The initial RTT, as tshark measures it: from the most recent SYN
   * without ACK to the first segment with ACK and without SYN. */
  if ((flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN)
    {
      c->mru_syn_ns = f->time_ns;
      if (c->first_syn_ns == 0)
        c->first_syn_ns = f->time_ns;
    }
  else if ((flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_ACK && c->mru_syn_ns != 0 && c->irtt_ns <= 0)
    {
      c->irtt_ns = f->time_ns - c->mru_syn_ns;
      c->irtt_syn_ns = c->mru_syn_ns;
    }

  if (flags & TV_TCP_RST)
    marks |= TV_ANALYSIS_RESET;

  /* A one-byte probe at the next sequence number into a zero window. */
  if (f->len == 1 && s->next_seq_set && f->seq == s->next_seq && r->window_set && r->last_window == 0)
    marks |= TV_ANALYSIS_ZERO_WINDOW_PROBE;
  else
    {
      if (window == 0 && !control)
        marks |= TV_ANALYSIS_ZERO_WINDOW;

      if (s->next_seq_set && SEQ_GT (f->seq, s->next_seq) && !(flags & TV_TCP_RST))
        marks |= TV_ANALYSIS_PREVIOUS_NOT_CAPTURED;

      if (s->next_seq_set && f->len <= 1 && !control && f->seq == s->next_seq - 1)
        marks |= TV_ANALYSIS_KEEP_ALIVE;

      if (f->len > 0 && !control && r->window_set && r->ack_set && r->last_window > 0 &&
          f->seq + f->len == r->last_ack + r->last_window)
        marks |= TV_ANALYSIS_WINDOW_FULL;

      if (f->len == 0 && !control && window != 0 && s->ack_set && s->window_set && s->next_seq_set &&
          f->seq == s->next_seq && f->ack == s->last_ack)
        {
          /* the answer to a keep-alive or a window probe repeats the last
           * ACK without being a duplicate ACK */
          if (window != s->last_window)
            marks |= TV_ANALYSIS_WINDOW_UPDATE;
          else if (r->last_marks & (TV_ANALYSIS_KEEP_ALIVE | TV_ANALYSIS_ZERO_WINDOW_PROBE))
            quiet_ack = TRUE;
          else
            {
              s->dup_acks++;
              marks |= TV_ANALYSIS_DUPLICATE_ACK;
            }
        }

      if ((flags & TV_TCP_ACK) && r->max_to_ack_set && SEQ_GT (f->ack, r->max_to_ack))
        {
          marks |= TV_ANALYSIS_ACKED_UNSEEN;
          r->max_to_ack = r->next_seq;
        }

      /* Retransmission and its kinds: data (or SYN/FIN) below what was sent. */
      if (seglen > 0 && s->next_seq_set && SEQ_LT (f->seq, s->next_seq) &&
          !(marks & TV_ANALYSIS_KEEP_ALIVE))
        {
          if (r->ack_set && SEQ_LE (f->seq + seglen, r->last_ack))
            marks |= TV_ANALYSIS_SPURIOUS_RETRANSMISSION;
          else if (r->dup_acks >= 2 && r->ack_set && r->last_ack == f->seq)
            marks |= TV_ANALYSIS_FAST_RETRANSMISSION | TV_ANALYSIS_RETRANSMISSION;
          else if (since_last < OUT_OF_ORDER_NS && f->seq != s->last_seq)
            marks |= TV_ANALYSIS_OUT_OF_ORDER;
          else
            marks |= TV_ANALYSIS_RETRANSMISSION;
        }
    }

  if (!(marks & TV_ANALYSIS_DUPLICATE_ACK) && !quiet_ack)
    s->dup_acks = 0;

  /* Remember what this segment tells.  A window probe's byte does not move
   * the next sequence number: the probe is sent again until the window opens. */
  if (!(marks & TV_ANALYSIS_ZERO_WINDOW_PROBE) && (seglen > 0 || !s->next_seq_set))
    {
      guint32 end = f->seq + seglen;
      if (!s->next_seq_set || SEQ_GT (end, s->next_seq))
        {
          s->next_seq = end;
          if (!(marks & TV_ANALYSIS_PREVIOUS_NOT_CAPTURED))
            {
              s->max_to_ack = end;
              s->max_to_ack_set = 1;
            }
        }
      s->next_seq_set = 1;
    }
  if (flags & TV_TCP_ACK)
    {
      if (!s->ack_set || SEQ_GT (f->ack, s->last_ack))
        s->last_ack = f->ack;
      s->ack_set = 1;
    }
  s->last_window = window;
  s->window_set = 1;
  s->last_seq = f->seq;
  s->last_time_ns = f->time_ns;
  s->last_marks = marks;

  return marks;
}


void
tv_analysis_keep_options (TvConn        *c,
                          guint32        seg_index,
                          const TvFrame *f)
{
  TvTcpOptions *o;

  if (!f->has_mss && !f->has_wscale && !f->sack_permitted && !f->has_timestamps &&
      f->n_sack == 0 && !f->has_tfo)
    return;

  if (c->n_opts == c->cap_opts)
    {
      guint32 cap = c->cap_opts == 0 ? 2 : c->cap_opts + c->cap_opts / 2 + 2;
      if (cap < c->cap_opts)
        g_error ("too many segments with options in one connection");
      c->opts = g_renew (TvTcpOptions, c->opts, cap);
      c->cap_opts = cap;
    }
  o = &c->opts[c->n_opts++];
  memset (o, 0, sizeof *o);
  o->segment = seg_index;
  if (f->has_mss)
    {
      o->present |= TV_TCP_OPT_MSS;
      o->mss = f->mss;
    }
  if (f->has_wscale)
    {
      o->present |= TV_TCP_OPT_WSCALE;
      o->wscale = f->wscale;
    }
  if (f->sack_permitted)
    o->present |= TV_TCP_OPT_SACK_PERMITTED;
  if (f->has_timestamps)
    {
      o->present |= TV_TCP_OPT_TIMESTAMPS;
      o->tsval = f->ts_val;
      o->tsecr = f->ts_ecr;
    }
  if (f->n_sack > 0)
    {
      o->present |= TV_TCP_OPT_SACK;
      o->n_sack = MIN (f->n_sack, TV_MAX_SACK_BLOCKS);
      memcpy (o->sack, f->sack, o->n_sack * sizeof o->sack[0]);
    }
  if (f->has_tfo)
    {
      o->present |= TV_TCP_OPT_TFO;
      o->tfo_cookie_len = MIN (f->tfo_len, TV_TFO_COOKIE_MAX);
      memcpy (o->tfo_cookie, f->tfo_cookie, o->tfo_cookie_len);
    }
}

void
tv_analysis_conn_free (TvConn *c)
{
  g_clear_pointer (&c->opts, g_free);
  c->n_opts = c->cap_opts = 0;
}

void
tv_analysis_conn_trim (TvConn *c)
{
  if (c->cap_opts > c->n_opts)
    {
      c->opts = c->n_opts > 0 ? g_renew (TvTcpOptions, c->opts, c->n_opts) : (g_free (c->opts), NULL);
      c->cap_opts = c->n_opts;
    }
}

const TvTcpOptions *
tv_conn_get_options (const TvConn *conn,
                     guint         segment_index)
{
  guint32 lo = 0, hi;

  g_return_val_if_fail (conn != NULL, NULL);

  /* segments with options are kept in segment order: binary search */
  hi = conn->n_opts;
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      if (conn->opts[mid].segment < segment_index)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < conn->n_opts && conn->opts[lo].segment == segment_index)
    return &conn->opts[lo];
  return NULL;
}

gint64
tv_conn_initial_rtt (const TvConn *conn)
{
  g_return_val_if_fail (conn != NULL, -1);
  return conn->irtt_ns > 0 ? conn->irtt_ns : -1;
}

gint64
tv_conn_syn_retransmission_delay (const TvConn *conn)
{
  g_return_val_if_fail (conn != NULL, 0);
  if (conn->irtt_ns <= 0 || conn->first_syn_ns == 0)
    return 0;
  return conn->irtt_syn_ns - conn->first_syn_ns;
}
