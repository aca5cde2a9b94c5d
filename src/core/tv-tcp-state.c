/* tv-tcp-state.c: RFC 9293 states of both ends, inferred from the segments
 * a capture shows, with as much lookahead as the capture gives.
 *
 * Each end runs its own state machine over two kinds of events: what it
 * sends (its SYN, SYN-ACK, FIN, RST, its first other segment) and what it
 * receives from the peer (the peer's SYN, the ACK of its own SYN, the peer's
 * FIN, the ACK of its own FIN, an RST, the peer's first other segment).  A
 * send happens at the row of its segment.  A reception happens by default at
 * the row where the capture shows the peer's segment, but the end's own
 * later segments may show that it had not received it yet (a SYN without ACK
 * sent after the peer's SYN, an ACK below the peer's FIN, a SYN or FIN sent
 * again): the reception then moves after the last such segment, to a copy
 * of the peer's segment sent again, or to just after the proof when the
 * end's own later segment shows that it did arrive (it was in flight).  A
 * FIN counts only once the bytes before it have been seen.  Each end changes
 * state at most once per row where it can: a second reception in the same
 * row moves to the next row, so that both ends of a simultaneous open or
 * close are seen passing through every state RFC 9293 names.
 *
 * The rows' states are rewritten from the first row whose state changed;
 * a segment that touches no event costs a copy of the last states.
 */
#define G_LOG_DOMAIN "tv-tcp-state"

#include "config.h"

#include "tv-tcp-state.h"

#include <string.h>

#define SEQ_LT(a, b) ((gint32) ((a) - (b)) < 0)
#define SEQ_GT(a, b) ((gint32) ((a) - (b)) > 0)
#define SEQ_GE(a, b) ((gint32) ((a) - (b)) >= 0)
#define SEQ_LE(a, b) ((gint32) ((a) - (b)) <= 0)

#define NONE G_MAXUINT32

/* what one end receives */
enum {
  R_SYN,       /* the peer's SYN (with or without ACK) */
  R_ACK_SYN,   /* an ACK of this end's SYN */
  R_FIN,       /* the peer's FIN, with every byte before it */
  R_ACK_FIN,   /* an ACK of this end's FIN */
  R_RST,       /* an RST from the peer */
  N_RECV
};

/* what one end sends */
enum {
  S_SYN,       /* SYN without ACK */
  S_SYN_ACK,
  S_FIN,
  S_RST,
  S_FIRST,     /* its first segment that is neither SYN nor RST */
  N_SEND
};

/* event bits of a group (several events at one place) */
enum {
  EV_S_SYN     = 1 << 0,
  EV_S_SYN_ACK = 1 << 1,
  EV_S_FIN     = 1 << 2,
  EV_S_RST     = 1 << 3,
  EV_S_FIRST   = 1 << 4,
  EV_R_SYN     = 1 << 5,
  EV_R_ACK_SYN = 1 << 6,
  EV_R_FIN     = 1 << 7,
  EV_R_ACK_FIN = 1 << 8,
  EV_R_RST     = 1 << 9,
  EV_R_FIRST   = 1 << 10,
};
#define EV_SENDS (EV_S_SYN | EV_S_SYN_ACK | EV_S_FIN | EV_S_RST | EV_S_FIRST)

typedef struct {
  guint32 first;    /* the first row whose segment carries it */
  guint32 proof;    /* the last own row after @first showing it had not arrived */
  guint32 copy;     /* the first row after @proof carrying it again */
  guint32 confirm;  /* the first own row after @first showing it had arrived */
} Recv;

/* a state change: after @row (or before it when @before), @state */
typedef struct {
  guint32 row;
  guint8  before;
  guint8  state;
} Change;

#define MAX_CHANGES 16

typedef struct {
  Recv    recv[N_RECV];
  guint32 send[N_SEND];
  guint32 first_recv;    /* the row of the peer's first segment that is neither SYN nor RST */
  guint32 syn_seq;       /* this end's SYN (valid when send[S_SYN] or send[S_SYN_ACK] is set) */
  guint32 fin_seq;       /* this end's FIN (valid when send[S_FIN] is set) */
  /* the bytes this end sent that the capture shows without a gap */
  guint32 contig;        /* the next sequence number after them */
  guint32 hole_lo, hole_hi;  /* what was seen beyond a gap */
  guint8  contig_set : 1;
  guint8  hole_set : 1;
} End;

/* what the events of one end come to */
typedef struct {
  guint8  initial;
  guint8  final;
  guint8  n_changes;
  Change  changes[MAX_CHANGES];
} Fold;

struct _TvTcpStateTrack {
  End  end[2];   /* indexed by TvDirection of the end's own segments */
  Fold fold[2];  /* what end_fold() made of end[] last: a segment that
                  * changes one end folds only that end, once */
};

static void
recv_init (Recv *r)
{
  r->first = r->proof = r->copy = r->confirm = NONE;
}

static void
end_init (End *e)
{
  /* every byte, padding too: a later End is compared with memcmp() */
  memset (e, 0, sizeof *e);
  for (guint i = 0; i < N_RECV; i++)
    recv_init (&e->recv[i]);
  for (guint i = 0; i < N_SEND; i++)
    e->send[i] = NONE;
  e->first_recv = NONE;
  e->contig_set = e->hole_set = 0;
}

void
tv_tcp_state_init (TvConn *c)
{
  g_return_if_fail (c != NULL);

  c->state_track = NULL;
  c->state_settled = FALSE;
  c->initial_state[0] = c->initial_state[1] = TV_TCP_STATE_UNKNOWN;
  c->client_state = TV_TCP_STATE_UNKNOWN;
  c->server_state = TV_TCP_STATE_UNKNOWN;
}

void
tv_tcp_state_swap_roles (TvConn *c)
{
  End e;
  guint8 st;

  g_return_if_fail (c != NULL);

  if (c->state_track != NULL)
    {
      Fold f;

      e = c->state_track->end[0];
      c->state_track->end[0] = c->state_track->end[1];
      c->state_track->end[1] = e;
      f = c->state_track->fold[0];
      c->state_track->fold[0] = c->state_track->fold[1];
      c->state_track->fold[1] = f;
    }
  st = c->initial_state[0];
  c->initial_state[0] = c->initial_state[1];
  c->initial_state[1] = st;
}

void
tv_tcp_state_finish (TvConn *c)
{
  g_return_if_fail (c != NULL);
  g_clear_pointer (&c->state_track, g_free);
  c->state_settled = TRUE;
}

TvTcpState
tv_tcp_state_initial (const TvConn *c,
                      TvDirection   side)
{
  g_return_val_if_fail (c != NULL, TV_TCP_STATE_UNKNOWN);
  return (TvTcpState) c->initial_state[side ? 1 : 0];
}

/* Records @row as a carrier of @r; returns TRUE if that changed anything. */
static gboolean
recv_carrier (Recv    *r,
              guint32  row,
              gboolean is_copy)
{
  if (r->confirm != NONE)
    return FALSE;
  if (r->first == NONE)
    {
      r->first = row;
      return TRUE;
    }
  if (r->proof == NONE || !is_copy || r->copy != NONE)
    return FALSE;
  r->copy = row;
  return TRUE;
}

/* The end's own segment at @row says whether @r had arrived. */
static gboolean
recv_own (Recv    *r,
          guint32  row,
          gboolean proof,
          gboolean confirm)
{
  if (r->confirm != NONE || (r->first == NONE && !confirm))
    return FALSE;
  if (confirm)
    {
      r->confirm = row;
      return TRUE;
    }
  if (proof)
    {
      r->proof = row;
      r->copy = NONE;
      return TRUE;
    }
  return FALSE;
}

/* Where @r happens: TRUE with @row/@phase (0 before the row's segment, 1 at
 * it, 2 after it), or FALSE when the capture does not show it arriving.
 * @copies: a copy of the same segment can carry it again (SYN, FIN: the
 * first copy after the proof is where it arrives); else, or without such a
 * copy, it was in flight and arrives right after the proof. */
static gboolean
recv_position (const Recv *r,
               gboolean    copies,
               guint32    *row,
               guint      *phase)
{
  if (r->first == NONE)
    {
      if (r->confirm == NONE)
        return FALSE;
      *row = r->confirm, *phase = 0;
      return TRUE;
    }
  if (r->proof == NONE || (r->confirm != NONE && r->confirm < r->proof))
    {
      *row = r->first, *phase = 1;
      return TRUE;
    }
  if (copies && r->copy != NONE && (r->confirm == NONE || r->copy < r->confirm))
    {
      *row = r->copy, *phase = 1;
      return TRUE;
    }
  /* in flight when the proof was sent: it arrives right after */
  *row = r->proof, *phase = 2;
  return TRUE;
}

typedef struct {
  guint32 row;
  guint   phase;
  guint   seq;    /* order of creation, to keep equal places stable */
  guint   events;
} Group;

static void
add_group (Group   *groups,
           guint   *n,
           guint32  row,
           guint    phase,
           guint    event)
{
  guint i;

  for (i = 0; i < *n; i++)
    if (groups[i].row == row && groups[i].phase == phase)
      {
        groups[i].events |= event;
        return;
      }
  groups[*n].row = row;
  groups[*n].phase = phase;
  groups[*n].seq = *n;
  groups[*n].events = event;
  (*n)++;
}

static gboolean
group_before (const Group *a,
              const Group *b)
{
  if (a->row != b->row)
    return a->row < b->row;
  if (a->phase != b->phase)
    return a->phase < b->phase;
  return a->seq < b->seq;
}

static void
sort_groups (Group *groups,
             guint  n)
{
  for (guint i = 1; i < n; i++)
    {
      Group g = groups[i];
      guint j = i;
      while (j > 0 && group_before (&g, &groups[j - 1]))
        {
          groups[j] = groups[j - 1];
          j--;
        }
      groups[j] = g;
    }
}

/* RFC 9293's transitions for the events of one place, in the order the RFC
 * processes a segment: RST, SYN, ACK, FIN. */
static guint8
apply (guint8   st,
       guint    ev,
       gboolean passive)
{
  if (ev & EV_S_RST)
    return TV_TCP_STATE_CLOSED;
  if (ev & EV_R_RST)
    {
      if (st == TV_TCP_STATE_LISTEN || (st == TV_TCP_STATE_SYN_RECEIVED && passive))
        return TV_TCP_STATE_LISTEN;
      return TV_TCP_STATE_CLOSED;
    }

  if ((ev & EV_S_SYN) &&
      (st == TV_TCP_STATE_UNKNOWN || st == TV_TCP_STATE_CLOSED || st == TV_TCP_STATE_LISTEN))
    st = TV_TCP_STATE_SYN_SENT;
  if ((ev & EV_S_SYN_ACK) &&
      (st == TV_TCP_STATE_UNKNOWN || st == TV_TCP_STATE_CLOSED || st == TV_TCP_STATE_LISTEN ||
       st == TV_TCP_STATE_SYN_SENT))
    st = TV_TCP_STATE_SYN_RECEIVED;
  if ((ev & (EV_S_FIRST | EV_R_FIRST)) && st == TV_TCP_STATE_UNKNOWN)
    st = TV_TCP_STATE_ESTABLISHED;
  /* an end that sends its first segment after its SYN or SYN-ACK had its
   * handshake completed, even if the capture missed how */
  if ((ev & EV_S_FIRST) && (st == TV_TCP_STATE_SYN_SENT || st == TV_TCP_STATE_SYN_RECEIVED))
    st = TV_TCP_STATE_ESTABLISHED;

  if (ev & EV_R_SYN)
    {
      if (st == TV_TCP_STATE_LISTEN)
        st = TV_TCP_STATE_SYN_RECEIVED;
      else if (st == TV_TCP_STATE_SYN_SENT)
        st = (ev & EV_R_ACK_SYN) ? TV_TCP_STATE_ESTABLISHED : TV_TCP_STATE_SYN_RECEIVED;
    }
  if ((ev & EV_R_ACK_SYN) && st == TV_TCP_STATE_SYN_RECEIVED)
    st = TV_TCP_STATE_ESTABLISHED;
  if (ev & EV_R_ACK_FIN)
    {
      if (st == TV_TCP_STATE_FIN_WAIT_1)
        st = TV_TCP_STATE_FIN_WAIT_2;
      else if (st == TV_TCP_STATE_CLOSING)
        st = TV_TCP_STATE_TIME_WAIT;
      else if (st == TV_TCP_STATE_LAST_ACK)
        st = TV_TCP_STATE_CLOSED;
    }
  if (ev & EV_R_FIN)
    {
      if (st == TV_TCP_STATE_ESTABLISHED || st == TV_TCP_STATE_SYN_RECEIVED ||
          st == TV_TCP_STATE_UNKNOWN)
        st = TV_TCP_STATE_CLOSE_WAIT;
      else if (st == TV_TCP_STATE_FIN_WAIT_1)
        st = TV_TCP_STATE_CLOSING;
      else if (st == TV_TCP_STATE_FIN_WAIT_2)
        st = TV_TCP_STATE_TIME_WAIT;
    }

  if (ev & EV_S_FIN)
    {
      if (st == TV_TCP_STATE_ESTABLISHED || st == TV_TCP_STATE_SYN_RECEIVED ||
          st == TV_TCP_STATE_UNKNOWN)
        st = TV_TCP_STATE_FIN_WAIT_1;
      else if (st == TV_TCP_STATE_CLOSE_WAIT)
        st = TV_TCP_STATE_LAST_ACK;
    }
  return st;
}

/* Folds end @e's events into its list of changes. */
static void
end_fold (const End *e,
          Fold      *out)
{
  static const guint recv_ev[N_RECV] = { EV_R_SYN, EV_R_ACK_SYN, EV_R_FIN, EV_R_ACK_FIN, EV_R_RST };
  static const guint send_ev[N_SEND] = { EV_S_SYN, EV_S_SYN_ACK, EV_S_FIN, EV_S_RST, EV_S_FIRST };
  Group groups[N_RECV + N_SEND + 1];
  guint n = 0;
  guint8 st;
  gboolean passive;
  guint32 last_change = NONE;
  guint32 rows[N_RECV];
  guint phases[N_RECV];
  gboolean placed[N_RECV];

  /* Before the first row: an end that sends a SYN was CLOSED; one that
   * answers the peer's SYN with a SYN-ACK was LISTENing; one that answers
   * it with an RST had no listener (CLOSED); otherwise the capture does not
   * say. */
  if (e->send[S_SYN] != NONE && (e->send[S_SYN_ACK] == NONE || e->send[S_SYN] < e->send[S_SYN_ACK]))
    st = TV_TCP_STATE_CLOSED;
  else if (e->send[S_SYN_ACK] != NONE && e->recv[R_SYN].first != NONE &&
           e->recv[R_SYN].first < e->send[S_SYN_ACK])
    st = TV_TCP_STATE_LISTEN;
  else if (e->send[S_RST] != NONE && e->recv[R_SYN].first != NONE && e->send[S_SYN_ACK] == NONE &&
           e->recv[R_SYN].first < e->send[S_RST])
    st = TV_TCP_STATE_CLOSED;
  else
    st = TV_TCP_STATE_UNKNOWN;
  out->initial = st;
  passive = st == TV_TCP_STATE_LISTEN;

  for (guint i = 0; i < N_SEND; i++)
    if (e->send[i] != NONE)
      add_group (groups, &n, e->send[i], 1, send_ev[i]);
  for (guint i = 0; i < N_RECV; i++)
    placed[i] = recv_position (&e->recv[i], i == R_SYN || i == R_FIN, &rows[i], &phases[i]);
  /* A segment that was in flight (its reception moved after a proof) holds
   * back what it carried besides and what the peer sent after it. */
  for (guint a = 0; a < N_RECV; a++)
    {
      if (!placed[a] || phases[a] != 2 || e->recv[a].first == NONE)
        continue;
      for (guint b = 0; b < N_RECV; b++)
        if (b != a && placed[b] && e->recv[b].first != NONE &&
            e->recv[b].first >= e->recv[a].first && e->recv[b].first <= e->recv[a].proof &&
            (rows[b] < rows[a] || (rows[b] == rows[a] && phases[b] < phases[a])))
          {
            rows[b] = rows[a];
            phases[b] = phases[a];
          }
    }
  for (guint i = 0; i < N_RECV; i++)
    if (placed[i])
      add_group (groups, &n, rows[i], phases[i], recv_ev[i]);
  if (e->first_recv != NONE)
    add_group (groups, &n, e->first_recv, 1, EV_R_FIRST);
  sort_groups (groups, n);

  out->n_changes = 0;
  for (guint i = 0; i < n; i++)
    {
      Group *g = &groups[i];
      guint8 next = apply (st, g->events, passive);

      if (next == st)
        continue;

      /* a second change in one row: a reception moves to the next row
       * (or after the last one) */
      if (last_change == g->row && !(g->events & EV_SENDS))
        {
          g->row++;
          g->phase = 0;
          sort_groups (groups + i, n - i);
          i--;
          continue;
        }

      st = next;
      last_change = g->row;
      if (out->n_changes < MAX_CHANGES)
        {
          Change *ch = &out->changes[out->n_changes++];
          ch->row = g->row;
          ch->before = g->phase == 0;
          ch->state = st;
        }
    }
  out->final = st;
}

/* The state of end @e after row @row. */
static guint8
end_state_after (const Fold *e,
                 guint32     row)
{
  guint8 st = e->initial;

  for (guint i = 0; i < e->n_changes; i++)
    {
      if (e->changes[i].row > row)
        break;
      st = e->changes[i].state;
    }
  return st;
}

/* The first row whose state may differ between two folds. */
static guint32
first_difference (const Fold *old_e,
                  const Fold *new_e)
{
  guint n = MIN (old_e->n_changes, new_e->n_changes);

  if (old_e->initial != new_e->initial)
    return 0;
  for (guint i = 0; i < n; i++)
    if (old_e->changes[i].row != new_e->changes[i].row ||
        old_e->changes[i].state != new_e->changes[i].state)
      return MIN (old_e->changes[i].row, new_e->changes[i].row);
  if (old_e->n_changes > n)
    return old_e->changes[n].row;
  if (new_e->n_changes > n)
    return new_e->changes[n].row;
  return NONE;
}

/* The bytes of the sender's segment: what the capture has seen of them
 * without a gap. Returns TRUE if the contiguous edge moved. */
static gboolean
track_contiguous (End             *e,
                  const TvSegment *seg)
{
  guint32 start = seg->seq;
  guint32 end = seg->seq + seg->len + ((seg->flags & TV_TCP_SYN) ? 1 : 0) +
                ((seg->flags & TV_TCP_FIN) ? 1 : 0);
  guint32 before = e->contig;

  if (seg->flags & TV_TCP_RST)
    return FALSE;
  if (!e->contig_set)
    {
      e->contig = start;
      e->contig_set = 1;
      before = start;
    }
  if (SEQ_LE (start, e->contig))
    {
      if (SEQ_GT (end, e->contig))
        e->contig = end;
      if (e->hole_set && SEQ_GE (e->contig, e->hole_lo))
        {
          if (SEQ_GT (e->hole_hi, e->contig))
            e->contig = e->hole_hi;
          e->hole_set = 0;
        }
    }
  else if (!e->hole_set)
    {
      e->hole_lo = start;
      e->hole_hi = end;
      e->hole_set = 1;
    }
  else
    {
      if (SEQ_LT (start, e->hole_lo))
        e->hole_lo = start;
      if (SEQ_GT (end, e->hole_hi))
        e->hole_hi = end;
    }
  return e->contig != before;
}

/* Records what row @row (segment @seg) sends and carries and what it says
 * of what its sender had received.  Returns TRUE if anything changed. */
static gboolean
track_row (TvTcpStateTrack *t,
           guint32          row,
           const TvSegment *seg)
{
  End *s = &t->end[seg->dir];
  End *r = &t->end[!seg->dir];
  guint16 flags = seg->flags;
  gboolean acks = (flags & TV_TCP_ACK) != 0;
  gboolean dirty = FALSE;
  gboolean moved;

  /* what the sender sends */
  if ((flags & (TV_TCP_SYN | TV_TCP_ACK | TV_TCP_RST)) == TV_TCP_SYN && s->send[S_SYN] == NONE)
    {
      s->send[S_SYN] = row;
      if (s->send[S_SYN_ACK] == NONE)
        s->syn_seq = seg->seq;
      dirty = TRUE;
    }
  else if ((flags & (TV_TCP_SYN | TV_TCP_ACK | TV_TCP_RST)) == (TV_TCP_SYN | TV_TCP_ACK) &&
           s->send[S_SYN_ACK] == NONE)
    {
      s->send[S_SYN_ACK] = row;
      if (s->send[S_SYN] == NONE)
        s->syn_seq = seg->seq;
      dirty = TRUE;
    }
  if ((flags & TV_TCP_FIN) && !(flags & TV_TCP_RST) && s->send[S_FIN] == NONE)
    {
      s->send[S_FIN] = row;
      s->fin_seq = seg->seq + seg->len;
      dirty = TRUE;
    }
  if ((flags & TV_TCP_RST) && s->send[S_RST] == NONE)
    {
      s->send[S_RST] = row;
      dirty = TRUE;
    }
  if (!(flags & (TV_TCP_SYN | TV_TCP_RST)) && s->send[S_FIRST] == NONE)
    {
      s->send[S_FIRST] = row;
      dirty = TRUE;
    }

  /* what the sender's segment says of what it had received */
  if (r->send[S_SYN] != NONE || r->send[S_SYN_ACK] != NONE)
    {
      gboolean covers = acks && SEQ_GE (seg->ack, r->syn_seq + 1);
      gboolean before = (acks && !covers) || (flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN;
      dirty |= recv_own (&s->recv[R_SYN], row, before, covers);
    }
  if (s->recv[R_ACK_SYN].first != NONE && !(flags & TV_TCP_RST))
    dirty |= recv_own (&s->recv[R_ACK_SYN], row, (flags & TV_TCP_SYN) != 0, !(flags & TV_TCP_SYN));
  if (r->send[S_FIN] != NONE)
    {
      gboolean covers = acks && SEQ_GE (seg->ack, r->fin_seq + 1);
      dirty |= recv_own (&s->recv[R_FIN], row, acks && !covers, covers);
    }
  if (s->recv[R_ACK_FIN].first != NONE && !(flags & TV_TCP_RST))
    dirty |= recv_own (&s->recv[R_ACK_FIN], row, (flags & TV_TCP_FIN) != 0, !(flags & TV_TCP_FIN));
  if (s->recv[R_RST].first != NONE)
    dirty |= recv_own (&s->recv[R_RST], row, !(flags & TV_TCP_RST), (flags & TV_TCP_RST) != 0);

  /* what the segment carries to the receiver */
  moved = track_contiguous (s, seg);
  if (flags & TV_TCP_RST)
    return dirty | recv_carrier (&r->recv[R_RST], row, TRUE);
  if (flags & TV_TCP_SYN)
    dirty |= recv_carrier (&r->recv[R_SYN], row, TRUE);
  else if (r->first_recv == NONE)
    {
      r->first_recv = row;
      dirty = TRUE;
    }
  if (acks && (r->send[S_SYN] != NONE || r->send[S_SYN_ACK] != NONE) && SEQ_GE (seg->ack, r->syn_seq + 1))
    dirty |= recv_carrier (&r->recv[R_ACK_SYN], row, FALSE);
  if (acks && r->send[S_FIN] != NONE && SEQ_GE (seg->ack, r->fin_seq + 1))
    dirty |= recv_carrier (&r->recv[R_ACK_FIN], row, FALSE);
  /* the FIN arrives when every byte before it has */
  if (s->send[S_FIN] != NONE && SEQ_GE (s->contig, s->fin_seq + 1) && ((flags & TV_TCP_FIN) || moved))
    dirty |= recv_carrier (&r->recv[R_FIN], row, TRUE);
  return dirty;
}

static void
write_rows (TvConn     *c,
            const Fold *cl,
            const Fold *sv,
            guint32     from)
{
  for (guint32 i = from; i < c->n_segs; i++)
    {
      c->segs[i].client_state = end_state_after (cl, i);
      c->segs[i].server_state = end_state_after (sv, i);
    }
  c->initial_state[0] = cl->initial;
  c->initial_state[1] = sv->initial;
  c->client_state = cl->final;
  c->server_state = sv->final;
}

static gboolean
is_over (guint8 st)
{
  return st == TV_TCP_STATE_CLOSED || st == TV_TCP_STATE_TIME_WAIT;
}

void
tv_tcp_state_segment (TvConn *c)
{
  TvSegment *seg;
  TvTcpStateTrack *t, one;
  guint32 row;
  Fold fold[2];

  g_return_if_fail (c != NULL && c->n_segs > 0);

  row = c->n_segs - 1;
  seg = &c->segs[row];

  if (c->state_settled)
    {
      /* both ends were done, or no segment was to come: only an RST still
       * changes anything */
      if (seg->flags & TV_TCP_RST)
        c->client_state = c->server_state = TV_TCP_STATE_CLOSED;
      seg->client_state = c->client_state;
      seg->server_state = c->server_state;
      return;
    }

  if (row == 0)
    {
      /* a connection of one segment (a scan, a flood) keeps nothing */
      t = &one;
      end_init (&t->end[0]);
      end_init (&t->end[1]);
      track_row (t, 0, seg);
      end_fold (&t->end[0], &fold[0]);
      end_fold (&t->end[1], &fold[1]);
      write_rows (c, &fold[0], &fold[1], 0);
      return;
    }

  if (c->state_track == NULL)
    {
      t = c->state_track = g_new (TvTcpStateTrack, 1);
      end_init (&t->end[0]);
      end_init (&t->end[1]);
      for (guint32 i = 0; i <= row; i++)
        track_row (t, i, &c->segs[i]);
      end_fold (&t->end[0], &t->fold[0]);
      end_fold (&t->end[1], &t->fold[1]);
      write_rows (c, &t->fold[0], &t->fold[1], 0);
    }
  else
    {
      End old[2];

      t = c->state_track;
      memcpy (old, t->end, sizeof old);
      if (track_row (t, row, seg))
        {
          guint32 from = row;

          for (guint i = 0; i < 2; i++)
            {
              /* an end whose events did not change folds as before */
              if (memcmp (&old[i], &t->end[i], sizeof (End)) == 0)
                continue;
              end_fold (&t->end[i], &fold[i]);
              from = MIN (from, first_difference (&t->fold[i], &fold[i]));
              t->fold[i] = fold[i];
            }
          write_rows (c, &t->fold[0], &t->fold[1], from);
        }
      else
        {
          /* nothing happened: the states after the last row, including
           * what was waiting for a next row */
          seg->client_state = c->client_state;
          seg->server_state = c->server_state;
        }
    }

  /* both ends done: nothing a later segment shows changes them any more
   * (but an RST) */
  if (is_over (c->client_state) && is_over (c->server_state))
    tv_tcp_state_finish (c);
}
