/* tv-tracker.c: decoded TCP frames → connections, states and analysis.
 *
 * Connections follow tshark's tcp.stream: a connection is found by its
 * 4-tuple, either way round; a SYN without ACK whose sequence number differs
 * from the base sequence number already known for its direction starts a new
 * connection on the same 4-tuple (port reuse).  Base sequence numbers are set
 * as tshark sets them: the first segment of a direction sets its own base
 * (seq for a SYN, seq - 1 otherwise), and the first ACK-carrying segment sets
 * the other direction's base to ack - 1 if that one is still unknown.
 */
#define G_LOG_DOMAIN "tv-tracker"

#include "config.h"

#include <string.h>

#include "tv-tracker.h"
#include "tv-analysis.h"
#include "tv-tcp-state.h"

/* tracker_flags */
enum {
  CONN_HANDSHAKE_DONE = 1 << 0,
  CONN_SAW_SYN        = 1 << 1,
};

/* The 4-tuple, lower endpoint first, as 32-bit words: IPv4 addresses use
 * the first word of each address. */
typedef struct {
  guint32 a[4];
  guint32 b[4];
  guint32 ports;   /* pa << 16 | pb */
  guint32 family;
} ConnKey;

typedef struct {
  TvConn  conn;        /* first: a TvConn * is a ConnEntry * */
  ConnKey key;
  guint32 hash;
} ConnEntry;

typedef struct {
  guint32    hash;
  ConnEntry *entry;
} Slot;

#define SLAB_SIZE 1024

struct _TvTracker {
  GPtrArray    *conns;     /* ConnEntry *, in order of creation */
  GPtrArray    *slabs;     /* ConnEntry[SLAB_SIZE] blocks */
  guint         slab_used;
  Slot         *slots;     /* open addressing: the newest entry of each 4-tuple */
  guint32       n_slots;   /* a power of two */
  guint32       n_used;
  GPtrArray    *labels;    /* char *, index 0 = "" */
  GHashTable   *label_ids; /* char * → index */
  GStringChunk *label_chunk;
  guint64       n_segments;
  guint32       seed;      /* of the 4-tuple hash: random, so that no capture can be
                            * crafted to put every connection in one chain */
};

static inline guint32
mix (guint32 h, guint32 v)
{
  v *= 0xcc9e2d51u;
  v = (v << 15) | (v >> 17);
  v *= 0x1b873593u;
  h ^= v;
  h = (h << 13) | (h >> 19);
  return h * 5 + 0xe6546b64u;
}

/* Fills a canonical key (lower endpoint first) for the frame's 4-tuple. */
static void
make_key (guint32        seed,
          const TvFrame *frame,
          ConnKey       *key,
          guint32       *hash_out)
{
  gsize alen = frame->src.family == 6 ? 16 : 4;
  const guint8 *lo_addr, *hi_addr;
  guint16 lo_port, hi_port;
  guint32 h = seed;
  int cmp;

  cmp = memcmp (frame->src.bytes, frame->dst.bytes, alen);
  if (cmp == 0)
    cmp = (int) frame->sport - (int) frame->dport;
  if (cmp <= 0)
    {
      lo_addr = frame->src.bytes, hi_addr = frame->dst.bytes;
      lo_port = frame->sport, hi_port = frame->dport;
    }
  else
    {
      lo_addr = frame->dst.bytes, hi_addr = frame->src.bytes;
      lo_port = frame->dport, hi_port = frame->sport;
    }

  memset (key, 0, sizeof *key);
  memcpy (key->a, lo_addr, alen);
  memcpy (key->b, hi_addr, alen);
  key->ports = (guint32) lo_port << 16 | hi_port;
  key->family = frame->src.family;

  for (guint i = 0; i < 4; i++)
    h = mix (h, key->a[i]);
  for (guint i = 0; i < 4; i++)
    h = mix (h, key->b[i]);
  h = mix (h, key->ports);
  h = mix (h, key->family);
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  *hash_out = h;
}

static ConnEntry *
table_lookup (TvTracker     *self,
              const ConnKey *key,
              guint32        hash)
{
  guint32 mask = self->n_slots - 1;

  for (guint32 i = hash & mask;; i = (i + 1) & mask)
    {
      Slot *slot = &self->slots[i];
      if (slot->entry == NULL)
        return NULL;
      if (slot->hash == hash && memcmp (&slot->entry->key, key, sizeof *key) == 0)
        return slot->entry;
    }
}

static void
table_insert_slot (Slot      *slots,
                   guint32    n_slots,
                   ConnEntry *entry)
{
  guint32 mask = n_slots - 1;
  guint32 i;

  for (i = entry->hash & mask; slots[i].entry != NULL; i = (i + 1) & mask)
    {
      if (slots[i].hash == entry->hash && memcmp (&slots[i].entry->key, &entry->key, sizeof entry->key) == 0)
        break;   /* port reuse: the newest connection of the 4-tuple replaces the old */
    }
  if (slots[i].entry == NULL)
    slots[i].hash = entry->hash;
  slots[i].entry = entry;
}

static void
table_insert (TvTracker *self,
              ConnEntry *entry)
{
  if ((self->n_used + 1) * 4 > self->n_slots * 3)
    {
      guint32 n = self->n_slots * 2;
      /* g_new0 would be calloc: fresh pages that are first read map the
       * shared zero page, and the first write then costs a copy-on-write
       * fault with a TLB flush on every CPU the reader thread runs on.
       * Writing the zeros ourselves faults each page in once. */
      Slot *slots = g_new (Slot, n);
      memset (slots, 0, n * sizeof *slots);
      for (guint32 i = 0; i < self->n_slots; i++)
        if (self->slots[i].entry != NULL)
          table_insert_slot (slots, n, self->slots[i].entry);
      g_free (self->slots);
      self->slots = slots;
      self->n_slots = n;
    }
  if (table_lookup (self, &entry->key, entry->hash) == NULL)
    self->n_used++;
  table_insert_slot (self->slots, self->n_slots, entry);
}

TvTracker *
tv_tracker_new (void)
{
  TvTracker *self = g_new0 (TvTracker, 1);

  self->conns = g_ptr_array_new_with_free_func (NULL);
  self->slabs = g_ptr_array_new_with_free_func (g_free);
  self->slab_used = SLAB_SIZE;
  self->seed = g_random_int ();
  self->n_slots = 1024;
  self->slots = g_new0 (Slot, self->n_slots);
  self->labels = g_ptr_array_new ();
  self->label_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->label_chunk = g_string_chunk_new (64 * 1024);
  g_ptr_array_add (self->labels, (gpointer) "");

  return self;
}

void
tv_tracker_free (TvTracker *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->conns->len; i++)
    {
      ConnEntry *e = g_ptr_array_index (self->conns, i);
      g_free (e->conn.segs);
      tv_analysis_conn_free (&e->conn);
      tv_tcp_state_finish (&e->conn);
    }
  g_ptr_array_unref (self->conns);
  g_ptr_array_unref (self->slabs);
  g_free (self->slots);
  g_ptr_array_unref (self->labels);
  g_hash_table_unref (self->label_ids);
  g_string_chunk_free (self->label_chunk);
  g_free (self);
}

guint32
tv_tracker_intern_label (TvTracker  *self,
                         const char *label)
{
  gpointer value;
  char *copy;
  guint32 id;

  g_return_val_if_fail (self != NULL, 0);

  if (label == NULL || label[0] == '\0')
    return 0;

  if (g_hash_table_lookup_extended (self->label_ids, label, NULL, &value))
    return GPOINTER_TO_UINT (value);

  copy = g_string_chunk_insert (self->label_chunk, label);
  id = self->labels->len;
  g_ptr_array_add (self->labels, copy);
  g_hash_table_insert (self->label_ids, copy, GUINT_TO_POINTER (id));

  return id;
}

static ConnEntry *
conn_new (TvTracker     *self,
          const ConnKey *key,
          guint32        hash,
          const TvFrame *frame)
{
  ConnEntry *e;
  TvConn *c;
  gboolean sender_is_client;

  if (self->slab_used == SLAB_SIZE)
    {
      g_ptr_array_add (self->slabs, g_new0 (ConnEntry, SLAB_SIZE));
      self->slab_used = 0;
    }
  e = &((ConnEntry *) g_ptr_array_index (self->slabs, self->slabs->len - 1))[self->slab_used++];
  c = &e->conn;
  e->key = *key;
  e->hash = hash;
  c->id = self->conns->len;

  /* Roles: the sender of a SYN is the client, the sender of a SYN-ACK the
   * server; with no handshake, the side on the higher port is the client. */
  if ((frame->flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN)
    sender_is_client = TRUE;
  else if ((frame->flags & (TV_TCP_SYN | TV_TCP_ACK)) == (TV_TCP_SYN | TV_TCP_ACK))
    sender_is_client = FALSE;
  else
    sender_is_client = frame->sport >= frame->dport;

  if (sender_is_client)
    {
      c->client.address = frame->src;
      c->client.port = frame->sport;
      c->server.address = frame->dst;
      c->server.port = frame->dport;
    }
  else
    {
      c->client.address = frame->dst;
      c->client.port = frame->dport;
      c->server.address = frame->src;
      c->server.port = frame->sport;
    }

  c->side[0].wscale = -1;
  c->side[1].wscale = -1;
  tv_analysis_conn_init (c);
  c->first_ns = frame->time_ns;
  c->first_frame = frame->frame;

  tv_tcp_state_init (c);

  g_ptr_array_add (self->conns, e);
  table_insert (self, e);

  return e;
}

static TvDirection
frame_direction (const TvConn  *c,
                 const TvFrame *frame)
{
  if (frame->sport == c->client.port && frame->dport == c->server.port &&
      tv_address_compare (&frame->src, &c->client.address) == 0 &&
      tv_address_compare (&frame->dst, &c->server.address) == 0)
    return TV_DIR_CLIENT_TO_SERVER;
  return TV_DIR_SERVER_TO_CLIENT;
}

/* The first SYN of a connection whose roles were guessed from the ports came
 * from the side taken as server: swap the roles. */
static void
conn_swap_roles (TvConn *c)
{
  TvEndpoint ep = c->client;
  TvConnSide side = c->side[0];
  guint8 st;

  c->client = c->server;
  c->server = ep;
  c->side[0] = c->side[1];
  c->side[1] = side;
  st = c->client_state;
  c->client_state = c->server_state;
  c->server_state = st;
  tv_tcp_state_swap_roles (c);

  for (guint32 i = 0; i < c->n_segs; i++)
    {
      TvSegment *s = &c->segs[i];
      s->dir = !s->dir;
      st = s->client_state;
      s->client_state = s->server_state;
      s->server_state = st;
    }
}

static TvSegment *
conn_append (TvConn *c)
{
  if (c->n_segs == c->cap_segs)
    {
      /* Two first: a capture of many tiny connections (a scan, a SYN
       * flood) then costs 80 bytes of segments a connection, not 320. */
      guint32 cap = c->cap_segs == 0 ? 2 : c->cap_segs < 8 ? 8 : c->cap_segs + c->cap_segs / 2;
      if (cap < c->cap_segs)
        g_error ("too many segments in one connection");
      c->segs = g_renew (TvSegment, c->segs, cap);
      c->cap_segs = cap;
    }
  return &c->segs[c->n_segs++];
}

TvConn *
tv_tracker_add (TvTracker     *self,
                const TvFrame *frame,
                int            label_kind,
                const char    *label,
                guint32       *seg_index)
{
  g_return_val_if_fail (self != NULL, NULL);

  return tv_tracker_add_with_label_id (self, frame, label_kind,
                                       label_kind != 0 ? tv_tracker_intern_label (self, label) : 0,
                                       seg_index);
}

TvConn *
tv_tracker_add_with_label_id (TvTracker     *self,
                              const TvFrame *frame,
                              int            label_kind,
                              guint32        label_id,
                              guint32       *seg_index)
{
  ConnKey key;
  guint32 hash;
  ConnEntry *e;
  TvConn *c;
  TvDirection dir;
  TvConnSide *s, *r;
  TvSegment *seg;
  guint16 flags;
  guint32 window;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (frame != NULL, NULL);
  g_return_val_if_fail (label_id < self->labels->len, NULL);

  flags = frame->flags;
  make_key (self->seed, frame, &key, &hash);
  e = table_lookup (self, &key, hash);

  if (e != NULL && (flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN)
    {
      TvDirection d = frame_direction (&e->conn, frame);
      TvConnSide *sd = &e->conn.side[d];
      if (sd->isn_set && frame->seq != sd->isn)
        e = NULL;  /* port reuse: a new connection on the same 4-tuple */
    }

  if (e == NULL)
    e = conn_new (self, &key, hash, frame);
  c = &e->conn;

  dir = frame_direction (c, frame);

  /* Roles guessed from ports, then the guessed server sends the first SYN. */
  if (!(c->tracker_flags & CONN_SAW_SYN) && (flags & TV_TCP_SYN))
    {
      gboolean from_server = ((flags & TV_TCP_ACK) == 0) == (dir == TV_DIR_SERVER_TO_CLIENT);
      if (from_server && c->n_segs > 0)
        {
          conn_swap_roles (c);
          dir = !dir;
        }
      c->tracker_flags |= CONN_SAW_SYN;
    }

  s = &c->side[dir];
  r = &c->side[!dir];

  /* Base sequence numbers, as tshark sets them. */
  if (!s->isn_set)
    {
      s->isn = (flags & TV_TCP_SYN) ? frame->seq : frame->seq - 1;
      s->isn_set = 1;
    }
  if (!r->isn_set && (flags & TV_TCP_ACK))
    {
      r->isn = frame->ack - 1;
      r->isn_set = 1;
    }

  /* Window scaling: known once both SYNs have been seen. */
  if (flags & TV_TCP_SYN)
    {
      if (!s->syn_seen)
        s->wscale = frame->has_wscale ? (gint8) MIN (frame->wscale, 14) : -2;
      s->syn_seen = 1;
      if ((flags & TV_TCP_ACK) && r->syn_seen && (s->wscale == -2 || r->wscale == -2))
        s->wscale = r->wscale = -2;
    }
  window = frame->window;
  if (!(flags & TV_TCP_SYN) && s->wscale >= 0 && r->wscale >= 0)
    window = (guint32) frame->window << s->wscale;

  if ((flags & TV_TCP_FIN) && (!s->fin_seen || frame->seq + frame->len != s->fin_seq))
    {
      s->fin_seen = 1;
      s->fin_seq = frame->seq + frame->len;
      s->fin_frame = frame->frame;
    }
  if (flags & TV_TCP_RST)
    s->rst_seen = 1;

  seg = conn_append (c);
  seg->time_ns = frame->time_ns;
  seg->frame = frame->frame;
  seg->seq = frame->seq;
  seg->ack = frame->ack;
  seg->len = frame->len;
  seg->window = window;
  seg->flags = flags;
  seg->dir = dir;
  seg->label_kind = (guint8) label_kind;
  seg->label = label_id;
  seg->analysis = tv_analysis_segment (c, dir, frame);
  tv_analysis_keep_options (c, c->n_segs - 1, frame);

  tv_tcp_state_segment (c);

  /* Handshake timing. */
  if ((flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN && dir == TV_DIR_CLIENT_TO_SERVER &&
      c->syn_ns == 0)
    c->syn_ns = frame->time_ns;
  else if ((flags & (TV_TCP_SYN | TV_TCP_ACK)) == (TV_TCP_SYN | TV_TCP_ACK) &&
           dir == TV_DIR_SERVER_TO_CLIENT && c->synack_ns == 0)
    c->synack_ns = frame->time_ns;
  else if (!(flags & (TV_TCP_SYN | TV_TCP_RST)) && (flags & TV_TCP_ACK) &&
           dir == TV_DIR_CLIENT_TO_SERVER && c->synack_ns != 0 &&
           !(c->tracker_flags & CONN_HANDSHAKE_DONE) &&
           c->side[TV_DIR_SERVER_TO_CLIENT].syn_seen &&
           frame->ack == c->side[TV_DIR_SERVER_TO_CLIENT].isn + 1)
    {
      c->hs_ack_ns = frame->time_ns;
      c->tracker_flags |= CONN_HANDSHAKE_DONE;
    }

  s->bytes += frame->len;
  s->segments++;
  c->last_ns = MAX (c->last_ns, frame->time_ns);
  c->first_ns = MIN (c->first_ns, frame->time_ns);
  c->last_frame = frame->frame;

  if (flags & TV_TCP_RST)
    c->end = TV_END_RST;
  else if (c->end != TV_END_RST && c->side[0].fin_seen && c->side[1].fin_seen)
    c->end = TV_END_FIN;

  if (label_kind == 1 || label_kind == 2)
    c->badges |= TV_CONN_HTTP;
  else if (label_kind == 3)
    c->badges |= TV_CONN_TLS;
  if (flags & TV_TCP_RST)
    c->badges |= TV_CONN_RESET;
  if (seg->analysis & (TV_ANALYSIS_RETRANSMISSION | TV_ANALYSIS_SPURIOUS_RETRANSMISSION |
                       TV_ANALYSIS_FAST_RETRANSMISSION))
    c->badges |= TV_CONN_RETRANSMISSIONS;
  if ((flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN && dir == TV_DIR_SERVER_TO_CLIENT)
    c->badges |= TV_CONN_SIMULTANEOUS_OPEN;
  if ((c->tracker_flags & CONN_SAW_SYN) && !(c->tracker_flags & CONN_HANDSHAKE_DONE))
    c->badges |= TV_CONN_INCOMPLETE_HANDSHAKE;
  else
    c->badges &= ~TV_CONN_INCOMPLETE_HANDSHAKE;

  self->n_segments++;
  if (seg_index != NULL)
    *seg_index = c->n_segs - 1;

  return c;
}

void
tv_tracker_finish (TvTracker *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->conns->len; i++)
    {
      TvConn *c = g_ptr_array_index (self->conns, i);
      tv_tcp_state_finish (c);
      /* trim only where it frees something worth a realloc */
      if (c->cap_segs - c->n_segs > 8 && c->cap_segs - c->n_segs > c->n_segs / 8)
        {
          c->segs = g_renew (TvSegment, c->segs, MAX (c->n_segs, 1));
          c->cap_segs = MAX (c->n_segs, 1);
        }
    }
}

guint
tv_tracker_get_n_conns (TvTracker *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->conns->len;
}

TvConn *
tv_tracker_get_conn (TvTracker *self,
                     guint      index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->conns->len, NULL);
  return g_ptr_array_index (self->conns, index);
}

guint64
tv_tracker_get_n_segments (TvTracker *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_segments;
}

const char *
tv_tracker_get_label (TvTracker *self,
                      guint32    label)
{
  g_return_val_if_fail (self != NULL, "");
  if (label >= self->labels->len)
    return "";
  return g_ptr_array_index (self->labels, label);
}

guint32
tv_conn_relative_seq (const TvConn    *conn,
                      const TvSegment *seg)
{
  g_return_val_if_fail (conn != NULL && seg != NULL, 0);
  return seg->seq - conn->side[seg->dir].isn;
}

guint32
tv_conn_relative_ack (const TvConn    *conn,
                      const TvSegment *seg)
{
  g_return_val_if_fail (conn != NULL && seg != NULL, 0);
  if (!(seg->flags & TV_TCP_ACK))
    return 0;
  return seg->ack - conn->side[!seg->dir].isn;
}

gint64
tv_conn_handshake_rtt (const TvConn *conn)
{
  g_return_val_if_fail (conn != NULL, -1);
  return tv_conn_initial_rtt (conn);
}

gint64
tv_conn_duration (const TvConn *conn)
{
  g_return_val_if_fail (conn != NULL, 0);
  return conn->last_ns - conn->first_ns;
}

guint64
tv_conn_bytes (const TvConn *conn,
               TvDirection   from)
{
  g_return_val_if_fail (conn != NULL, 0);
  return conn->side[from ? 1 : 0].bytes;
}

const char *
tv_conn_end_name (TvConnEnd end)
{
  switch (end)
    {
    case TV_END_FIN:
      return "fin";
    case TV_END_RST:
      return "rst";
    case TV_END_OPEN:
    default:
      return "open";
    }
}

char *
tv_endpoint_to_string (const TvEndpoint *ep)
{
  char buf[64];

  g_return_val_if_fail (ep != NULL, NULL);
  tv_address_to_string (&ep->address, buf, sizeof buf);
  if (ep->address.family == 6)
    return g_strdup_printf ("[%s]:%u", buf, ep->port);
  return g_strdup_printf ("%s:%u", buf, ep->port);
}
