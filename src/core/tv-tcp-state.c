/* tv-tcp-state.c: RFC 9293 states of both ends, inferred from the segments
 * a capture shows. */
#define G_LOG_DOMAIN "tv-tcp-state"

#include "config.h"

#include "tv-tcp-state.h"

#define SEQ_LT(a, b) ((gint32) ((a) - (b)) < 0)
#define SEQ_GE(a, b) ((gint32) ((a) - (b)) >= 0)

void
tv_tcp_state_init (TvConn        *c,
                   const TvFrame *first)
{
  g_return_if_fail (c != NULL && first != NULL);

  /* Before a SYN: the client is CLOSED and the server LISTENs. */
  if ((first->flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN)
    {
      c->client_state = TV_TCP_STATE_CLOSED;
      c->server_state = TV_TCP_STATE_LISTEN;
    }
}

static void
update_states (TvConn        *c,
               TvDirection    dir,
               const TvFrame *f,
               gboolean       new_fin)
{
  guint8 *s_state = dir == TV_DIR_CLIENT_TO_SERVER ? &c->client_state : &c->server_state;
  guint8 *r_state = dir == TV_DIR_CLIENT_TO_SERVER ? &c->server_state : &c->client_state;
  const TvConnSide *r = &c->side[!dir];
  guint16 flags = f->flags;

  if (flags & TV_TCP_RST)
    {
      *s_state = TV_TCP_STATE_CLOSED;
      *r_state = TV_TCP_STATE_CLOSED;
      return;
    }

  /* What the ACK tells the receiver. */
  if (flags & TV_TCP_ACK)
    {
      if (*r_state == TV_TCP_STATE_SYN_RECEIVED && r->syn_seen && SEQ_GE (f->ack, r->isn + 1) &&
          !(flags & TV_TCP_SYN))
        *r_state = TV_TCP_STATE_ESTABLISHED;

      if (r->fin_seen && SEQ_GE (f->ack, r->fin_seq + 1))
        {
          if (*r_state == TV_TCP_STATE_FIN_WAIT_1)
            *r_state = TV_TCP_STATE_FIN_WAIT_2;
          else if (*r_state == TV_TCP_STATE_CLOSING)
            *r_state = TV_TCP_STATE_TIME_WAIT;
          else if (*r_state == TV_TCP_STATE_LAST_ACK)
            *r_state = TV_TCP_STATE_CLOSED;
        }
    }

  if (flags & TV_TCP_SYN)
    {
      if (!(flags & TV_TCP_ACK))
        {
          if (*s_state == TV_TCP_STATE_UNKNOWN || *s_state == TV_TCP_STATE_CLOSED ||
              *s_state == TV_TCP_STATE_LISTEN)
            *s_state = TV_TCP_STATE_SYN_SENT;
          if (*r_state == TV_TCP_STATE_UNKNOWN || *r_state == TV_TCP_STATE_CLOSED ||
              *r_state == TV_TCP_STATE_LISTEN || *r_state == TV_TCP_STATE_SYN_SENT)
            *r_state = TV_TCP_STATE_SYN_RECEIVED;
        }
      else
        {
          if (*s_state == TV_TCP_STATE_UNKNOWN || *s_state == TV_TCP_STATE_CLOSED ||
              *s_state == TV_TCP_STATE_LISTEN)
            *s_state = TV_TCP_STATE_SYN_RECEIVED;
          if (*r_state == TV_TCP_STATE_UNKNOWN || *r_state == TV_TCP_STATE_SYN_SENT ||
              *r_state == TV_TCP_STATE_SYN_RECEIVED || *r_state == TV_TCP_STATE_CLOSED)
            *r_state = TV_TCP_STATE_ESTABLISHED;
        }
      return;
    }

  /* A capture that starts mid-stream: both ends were already talking. */
  if (*s_state == TV_TCP_STATE_UNKNOWN)
    *s_state = TV_TCP_STATE_ESTABLISHED;
  if (*r_state == TV_TCP_STATE_UNKNOWN)
    *r_state = TV_TCP_STATE_ESTABLISHED;

  if ((flags & TV_TCP_FIN) && new_fin)
    {
      if (*s_state == TV_TCP_STATE_ESTABLISHED || *s_state == TV_TCP_STATE_SYN_RECEIVED ||
          *s_state == TV_TCP_STATE_SYN_SENT)
        *s_state = TV_TCP_STATE_FIN_WAIT_1;
      else if (*s_state == TV_TCP_STATE_CLOSE_WAIT)
        {
          /* A FIN that does not acknowledge the peer's FIN was sent before
           * that FIN arrived: the FINs crossed (simultaneous close). */
          if (r->fin_seen && (flags & TV_TCP_ACK) && SEQ_LT (f->ack, r->fin_seq + 1))
            *s_state = TV_TCP_STATE_CLOSING;
          else
            *s_state = TV_TCP_STATE_LAST_ACK;
        }

      if (*r_state == TV_TCP_STATE_ESTABLISHED || *r_state == TV_TCP_STATE_SYN_RECEIVED)
        *r_state = TV_TCP_STATE_CLOSE_WAIT;
      else if (*r_state == TV_TCP_STATE_FIN_WAIT_1)
        *r_state = TV_TCP_STATE_CLOSING;
      else if (*r_state == TV_TCP_STATE_FIN_WAIT_2)
        *r_state = TV_TCP_STATE_TIME_WAIT;
    }
}

void
tv_tcp_state_segment (TvConn        *c,
                      TvDirection    dir,
                      const TvFrame *f,
                      gboolean       new_fin)
{
  TvSegment *seg;
  const TvConnSide *s;

  g_return_if_fail (c != NULL && f != NULL && c->n_segs > 0);

  seg = &c->segs[c->n_segs - 1];
  s = &c->side[dir];

  update_states (c, dir, f, new_fin);
  seg->client_state = c->client_state;
  seg->server_state = c->server_state;

  /* A server that answers a SYN with RST never listened (port closed):
   * it was CLOSED all along, not SYN_RECEIVED. */
  if ((f->flags & TV_TCP_RST) && dir == TV_DIR_SERVER_TO_CLIENT && !s->syn_seen && s->segments == 0)
    for (guint32 i = 0; i + 1 < c->n_segs; i++)
      if (c->segs[i].server_state == TV_TCP_STATE_SYN_RECEIVED)
        c->segs[i].server_state = TV_TCP_STATE_CLOSED;
}
