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

/* Two kinds of ACK tshark recognises and TcpViz does not show; they only
 * matter to the next segment (lastsegmentflags). */
#define KEEP_ALIVE_ACK        (1u << 14)
#define ZERO_WINDOW_PROBE_ACK (1u << 15)

/* Without an initial RTT, a segment below the highest sequence number that
 * comes this soon after the one that advanced it is out of order. */
#define OUT_OF_ORDER_DEFAULT_NS (3 * G_GINT64_CONSTANT (1000000))

/* A retransmission this soon after the peer's last segment, with two or more
 * duplicate ACKs, is a fast retransmission. */
#define FAST_RETRANSMISSION_NS (20 * G_GINT64_CONSTANT (1000000))

#define NONE G_MAXUINT32

void
tv_analysis_conn_init (TvConn *c)
{
  for (guint i = 0; i < 2; i++)
    {
      c->side[i].window = G_MAXUINT32;
      c->side[i].an_wscale = -1;
      c->side[i].nextseq_seg = NONE;
      c->side[i].last_seg = NONE;
    }
  c->mru_syn_seg = c->irtt_syn_seg = c->irtt_ack_seg = NONE;
}

/* The time of segment @i, 0 for none (tshark's zero nstime). */
static inline gint64
seg_time (const TvConn *c, guint32 i)
{
  return i != NONE ? c->segs[i].time_ns : 0;
}

/* tshark's ts_first_rtt: 0 while unknown */
static inline gint64
irtt (const TvConn *c)
{
  if (c->irtt_ack_seg == NONE)
    return 0;
  return seg_time (c, c->irtt_ack_seg) - seg_time (c, c->irtt_syn_seg);
}

/* tshark measures time differences in unsigned 64-bit nanoseconds: a
 * difference that goes backwards is enormous, never "soon". */
static inline gboolean
within (gint64 now, gint64 then, gint64 limit)
{
  gint64 d = now - then;
  return d >= 0 && d < limit;
}

/* The order of the tests and the state kept follow tshark 4.0's
 * tcp_analyze_sequence_number() (epan/dissectors/packet-tcp.c): what each
 * test reads is what the previous segments of the connection left, so the
 * order is part of the result.  Numbers are raw; 0 in nextseq and
 * maxseqtobeacked means "none yet", as in tshark. */
guint16
tv_analysis_segment (TvConn        *c,
                     TvDirection    dir,
                     const TvFrame *f)
{
  TvConnSide *fwd = &c->side[dir];
  TvConnSide *rev = &c->side[!dir];
  guint16 flags = f->flags;
  guint32 seq = f->seq, ack = f->ack, seglen = f->len;
  guint32 window = f->window;   /* unscaled, as tshark analyses it */
  gint64 now = f->time_ns;
  guint32 cur = c->n_segs - 1;   /* this segment's index: the tracker appended it */
  guint32 marks = 0;
  guint32 nextseq;
  gboolean control = (flags & (TV_TCP_SYN | TV_TCP_FIN | TV_TCP_RST)) != 0;

  /* ZERO WINDOW PROBE: one byte at the next sequence number into a closed
   * window; it skips the tests up to the duplicate ACK. */
  if (seglen == 1 && seq == fwd->nextseq && rev->window == 0)
    {
      marks |= TV_ANALYSIS_ZERO_WINDOW_PROBE;
      goto finished_fwd;
    }

  if (window == 0 && !control)
    marks |= TV_ANALYSIS_ZERO_WINDOW;

  /* LOST PACKET: beyond the highest sequence number seen */
  if (fwd->nextseq != 0 && SEQ_GT (seq, fwd->nextseq) && !(flags & TV_TCP_RST))
    marks |= TV_ANALYSIS_PREVIOUS_NOT_CAPTURED;

  /* KEEP ALIVE: 0 or 1 byte one before the next sequence number */
  if (seglen <= 1 && seq == fwd->nextseq - 1 && !control)
    marks |= TV_ANALYSIS_KEEP_ALIVE;

  /* WINDOW UPDATE: no data, same seq and ack as before, a new window */
  if (seglen == 0 && window != 0 && window != fwd->window && seq == fwd->nextseq &&
      ack == fwd->lastack && !control)
    marks |= TV_ANALYSIS_WINDOW_UPDATE;

  /* WINDOW FULL: data up to the right edge of the peer's window (tshark
   * shifts the peer's stored window by its scale, unless it came with the
   * peer's SYN) */
  if (seglen > 0 && rev->an_wscale != -1 && !control &&
      seq + seglen == rev->lastack + (rev->window << (rev->last_was_syn || rev->an_wscale == -2 ? 0 : rev->an_wscale)))
    marks |= TV_ANALYSIS_WINDOW_FULL;

  if (seglen == 0 && seq == fwd->nextseq && ack == fwd->lastack && window == fwd->window && !control)
    {
      /* KEEP ALIVE ACK, ZERO WINDOW PROBE ACK: the answers to a keep-alive
       * and to a window probe repeat the last ACK; not duplicate ACKs */
      if (window != 0 && (rev->lastsegmentflags & TV_ANALYSIS_KEEP_ALIVE))
        {
          marks |= KEEP_ALIVE_ACK;
          goto finished_fwd;
        }
      if (window == 0 && (rev->lastsegmentflags & TV_ANALYSIS_ZERO_WINDOW_PROBE))
        {
          marks |= ZERO_WINDOW_PROBE_ACK;
          goto finished_fwd;
        }
      /* DUPLICATE ACK: counted until the ack number changes (a window
       * update in between does not reset the count) */
      if (window != 0)
        {
          /* -1: an ACK of unseen bytes came in between (below) */
          fwd->dupacknum = fwd->dupacknum == -1 ? 1 : fwd->dupacknum + 1;
          marks |= TV_ANALYSIS_DUPLICATE_ACK;
        }
    }

finished_fwd:
  if (ack != fwd->lastack)
    fwd->dupacknum = 0;

  /* ACKED LOST PACKET: acknowledges bytes beyond what the peer was seen to
   * send without a gap */
  if (rev->maxseqtobeacked != 0 && SEQ_GT (ack, rev->maxseqtobeacked) && (flags & TV_TCP_ACK))
    {
      if (SEQ_LT (rev->maxseqtobeacked, rev->nextseq))
        {
          /* the peer sent beyond a gap: the ACK covers the missing bytes;
           * the gap is forgotten so that it is reported once */
          rev->maxseqtobeacked = rev->nextseq;
          marks |= TV_ANALYSIS_ACKED_UNSEEN;
        }
      else
        {
          /* beyond anything the peer was seen to send: once, unless the
           * peer's last ACK was a duplicate; its next duplicate ACKs count
           * from 1 again (tshark 4.0.17, found by its results) */
          if (rev->dupacknum == 0)
            marks |= TV_ANALYSIS_ACKED_UNSEEN;
          rev->dupacknum = -1;
        }
    }

  /* RETRANSMISSION / FAST RETRANSMISSION / OUT-OF-ORDER / SPURIOUS, for a
   * segment with data or SYN or FIN that is not a keep-alive */
  if ((seglen > 0 || (flags & (TV_TCP_SYN | TV_TCP_FIN))) && !(marks & TV_ANALYSIS_KEEP_ALIVE))
    {
      gboolean seq_not_advanced = fwd->nextseq != 0 && SEQ_LT (seq, fwd->nextseq);
      gint64 rtt = irtt (c);
      gint64 ooo_thres = rtt != 0 ? rtt : OUT_OF_ORDER_DEFAULT_NS;
      /* a segment that ends where the highest one ended (counting its SYN
       * or FIN) is sent again, not out of order */
      guint32 syn_fin = (flags & (TV_TCP_SYN | TV_TCP_FIN)) ? 1 : 0;

      /* more than one byte from one before the next sequence number adds
       * new data (after a window probe) */
      if (seglen > 1 && fwd->nextseq - 1 == seq)
        seq_not_advanced = FALSE;

      /* data the peer had already acknowledged: spurious (a SYN or FIN
       * alone carries no data and never is); tshark also marks it a
       * retransmission, as it does a fast retransmission */
      if (seglen > 0 && rev->lastack != 0 && SEQ_LE (seq + seglen, rev->lastack))
        marks |= TV_ANALYSIS_SPURIOUS_RETRANSMISSION | TV_ANALYSIS_RETRANSMISSION;
      else if (seq_not_advanced && rev->dupacknum >= 2 && rev->lastack == seq &&
               within (now, seg_time (c, rev->last_seg), FAST_RETRANSMISSION_NS))
        marks |= TV_ANALYSIS_FAST_RETRANSMISSION | TV_ANALYSIS_RETRANSMISSION;
      else if (seq_not_advanced && within (now, seg_time (c, fwd->nextseq_seg), ooo_thres) &&
               fwd->nextseq != seq + seglen + syn_fin)
        marks |= TV_ANALYSIS_OUT_OF_ORDER;
      else if (seq_not_advanced)
        marks |= TV_ANALYSIS_RETRANSMISSION;
    }

  /* What this segment tells: the next sequence number (a SYN or FIN takes
   * one), unless it is a window probe, whose byte is sent again. */
  nextseq = seq + seglen + ((flags & (TV_TCP_SYN | TV_TCP_FIN)) ? 1 : 0);
  if (!(marks & TV_ANALYSIS_ZERO_WINDOW_PROBE))
    {
      if (SEQ_GT (nextseq, fwd->nextseq) || fwd->nextseq == 0)
        {
          fwd->nextseq = nextseq;
          fwd->nextseq_seg = cur;
        }
      if (seq == fwd->maxseqtobeacked || fwd->maxseqtobeacked == 0)
        fwd->maxseqtobeacked = fwd->nextseq;
    }
  fwd->window = window;
  fwd->lastack = ack;
  fwd->last_seg = cur;
  fwd->lastsegmentflags = (guint16) marks;
  fwd->last_was_syn = (flags & TV_TCP_SYN) != 0;

  /* tshark reads the window scale option after the analysis, and on a SYN
   * checks that both ends use scaling (verify_tcp_window_scaling()) */
  if (f->has_wscale)
    fwd->an_wscale = (gint8) MIN (f->wscale, 14);
  if (flags & TV_TCP_SYN)
    {
      if (fwd->an_wscale == -1)
        fwd->an_wscale = rev->an_wscale = -2;
      else if ((flags & TV_TCP_ACK) && rev->an_wscale == -2)
        fwd->an_wscale = -2;
    }

  /* The initial RTT: from the most recent SYN without ACK to the first
   * segment with ACK and without SYN (tshark's ts_mru_syn and ts_first_rtt;
   * a zero time counts as none, as in tshark). */
  if ((flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN)
    c->mru_syn_seg = cur;
  else if ((flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_ACK && seg_time (c, c->mru_syn_seg) != 0 &&
           irtt (c) == 0)
    {
      c->irtt_syn_seg = c->mru_syn_seg;
      c->irtt_ack_seg = cur;
    }

  /* tshark shows the initial RTT only in the analysis of a frame that has
   * some (a mark, data in flight, or a segment it acknowledges): a
   * connection none of whose segments from the measuring ACK on has any
   * shows none (a SYN never answered, then a FIN). */
  if (irtt (c) != 0 && !c->irtt_shown &&
      (marks != 0 || seglen > 0 || ((flags & TV_TCP_ACK) && rev->nextseq != 0 && ack == rev->nextseq)))
    c->irtt_shown = TRUE;

  if (flags & TV_TCP_RST)
    marks |= TV_ANALYSIS_RESET;

  return (guint16) (marks & ((1u << TV_N_ANALYSIS) - 1));
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

  /* room for 2, 4, 8, …: grown when the count reaches a power of two */
  if (c->n_opts == 0 || (c->n_opts >= 2 && (c->n_opts & (c->n_opts - 1)) == 0))
    {
      guint32 cap = c->n_opts == 0 ? 2 : c->n_opts * 2;
      if (cap < c->n_opts)
        g_error ("too many segments with options in one connection");
      c->opts = g_renew (TvTcpOptions, c->opts, cap);
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
  c->n_opts = 0;
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
  gint64 rtt;

  g_return_val_if_fail (conn != NULL, -1);
  rtt = irtt (conn);
  return rtt > 0 && conn->irtt_shown ? rtt : -1;
}

gint64
tv_conn_syn_retransmission_delay (const TvConn *conn)
{
  gint64 delay;

  g_return_val_if_fail (conn != NULL, 0);
  if (tv_conn_initial_rtt (conn) < 0 || conn->syn_ns == 0)
    return 0;
  delay = seg_time (conn, conn->irtt_syn_seg) - conn->syn_ns;
  return MAX (delay, 0);
}
