/* tv-flow-layout.c: the geometry of the flow view.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-flow-layout"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tv-flow-layout.h"
#include "tv-format.h"

/* One row: a segment, or a phase of a folded connection. */
typedef struct {
  guint32 conn;   /* position in self->conns */
  guint32 item;   /* segment index, or phase index (folded) */
} FlowItem;

/* A lifeline's identity. */
typedef struct {
  TvAddress address;
  guint16   port;
  guint8    has_port;
  guint8    pad;
} LifelineKey;

struct _TvFlowLayout {
  TvTracker      *tracker;
  TvFlowOptions   opt;

  guint           n_conns;
  TvConn        **conns;
  guint          *client_ll;    /* lifeline of each connection's client */
  guint          *server_ll;
  gint64         *conn_t0;      /* align_start: each connection's zero */
  GArray        **phases;       /* folded: TvFlowPhase per connection */
  GHashTable     *conn_pos;     /* connection ID -> position + 1 */

  guint           n_rows;
  FlowItem       *items;
  double         *y;
  GArray         *breaks;       /* guint: rows before which the gap is broken */

  guint           n_lifelines;
  TvFlowLifeline *lifelines;

  double          header_bottom;
  double          time_x, conn_x, lifelines_x;
  double          first_x, span;
  double          width;
  double          max_above, max_below;
  double          base_pitch;
  double          px_per_ns;
  gint64          t0;
  guint           probes;
};

void
tv_flow_options_init (TvFlowOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->lifelines = TV_FLOW_LIFELINES_HOST;
  options->spacing = TV_LADDER_SPACING_EVEN;
  tv_ladder_options_init (&options->metrics);
  options->conn_width = 48;
  options->head_width = 180;
}

const char *
tv_flow_phase_kind_name (TvFlowPhaseKind kind)
{
  switch (kind)
    {
    case TV_FLOW_PHASE_HANDSHAKE:
      return _("Handshake");
    case TV_FLOW_PHASE_REQUEST:
      return _("Request");
    case TV_FLOW_PHASE_RESPONSE:
      return _("Response");
    case TV_FLOW_PHASE_CLOSE:
      return _("Close");
    case TV_FLOW_PHASE_RESET:
      return _("Reset");
    case TV_FLOW_N_PHASES:
    default:
      g_return_val_if_reached ("");
    }
}

/* The phase a segment belongs to, given the phase before it. */
static TvFlowPhaseKind
segment_phase (const TvConn    *conn,
               const TvSegment *seg,
               int              cur,
               gboolean        *hs_done,
               const gboolean   fin_sent[2])
{
  if ((seg->flags & TV_TCP_RST) || cur == TV_FLOW_PHASE_RESET)
    return TV_FLOW_PHASE_RESET;
  if (seg->flags & TV_TCP_SYN)
    return TV_FLOW_PHASE_HANDSHAKE;
  if (cur == TV_FLOW_PHASE_HANDSHAKE && !*hs_done && seg->len == 0 && !(seg->flags & TV_TCP_FIN))
    {
      if (tv_ladder_segment_completes_handshake (conn, seg))
        *hs_done = TRUE;
      return TV_FLOW_PHASE_HANDSHAKE;
    }
  *hs_done = TRUE;
  if (seg->flags & TV_TCP_FIN)
    return TV_FLOW_PHASE_CLOSE;
  if (seg->len > 0)
    {
      /* data after its sender's FIN cannot be; after the other's FIN it is
       * the rest of an answer (a half-close) */
      if (fin_sent[seg->dir])
        return TV_FLOW_PHASE_CLOSE;
      return seg->dir == TV_DIR_CLIENT_TO_SERVER ? TV_FLOW_PHASE_REQUEST : TV_FLOW_PHASE_RESPONSE;
    }
  /* a pure ACK belongs to the phase it is in */
  if (cur >= 0)
    return cur;
  return seg->dir == TV_DIR_CLIENT_TO_SERVER ? TV_FLOW_PHASE_REQUEST : TV_FLOW_PHASE_RESPONSE;
}

GArray *
tv_flow_conn_phases (const TvConn *conn)
{
  GArray *phases;
  TvFlowPhase *cur = NULL;
  gboolean hs_done = FALSE;
  gboolean fin_sent[2] = { FALSE, FALSE };
  gint64 hs_end = -1;

  g_return_val_if_fail (conn != NULL, NULL);

  phases = g_array_new (FALSE, TRUE, sizeof (TvFlowPhase));

  for (guint i = 0; i < conn->n_segs; i++)
    {
      const TvSegment *seg = &conn->segs[i];
      TvFlowPhaseKind kind = segment_phase (conn, seg, cur ? (int) cur->kind : -1, &hs_done, fin_sent);

      if (cur == NULL || kind != cur->kind)
        {
          TvFlowPhase p = { 0 };

          p.kind = kind;
          p.first_seg = i;
          p.start_ns = seg->time_ns;
          switch (kind)
            {
            case TV_FLOW_PHASE_HANDSHAKE:
            case TV_FLOW_PHASE_REQUEST:
              p.dir = TV_DIR_CLIENT_TO_SERVER;
              break;
            case TV_FLOW_PHASE_RESPONSE:
              p.dir = TV_DIR_SERVER_TO_CLIENT;
              break;
            case TV_FLOW_PHASE_CLOSE:
            case TV_FLOW_PHASE_RESET:
            case TV_FLOW_N_PHASES:
            default:
              p.dir = seg->dir;
              break;
            }
          g_array_append_val (phases, p);
          cur = &g_array_index (phases, TvFlowPhase, phases->len - 1);
        }

      cur->last_seg = i;
      cur->n_segs++;
      cur->bytes += seg->len;
      cur->analysis |= tv_ladder_segment_shown_analysis (seg);
      if (cur->label == 0 && seg->label != 0)
        cur->label = seg->label;
      if (kind == TV_FLOW_PHASE_HANDSHAKE && tv_ladder_segment_completes_handshake (conn, seg) && hs_end < 0)
        hs_end = seg->time_ns;
      if (seg->flags & TV_TCP_FIN)
        fin_sent[seg->dir] = TRUE;
    }

  for (guint i = 0; i < phases->len; i++)
    {
      TvFlowPhase *p = &g_array_index (phases, TvFlowPhase, i);
      gint64 end = conn->segs[p->last_seg].time_ns;

      if (p->kind == TV_FLOW_PHASE_HANDSHAKE && hs_end >= 0 && hs_end >= p->start_ns)
        end = hs_end;
      else if (p->kind == TV_FLOW_PHASE_REQUEST && i + 1 < phases->len &&
               g_array_index (phases, TvFlowPhase, i + 1).kind == TV_FLOW_PHASE_RESPONSE)
        /* until the answer starts: what the client waited */
        end = g_array_index (phases, TvFlowPhase, i + 1).start_ns;
      p->duration_ns = MAX (0, end - p->start_ns);
    }

  return phases;
}

void
tv_flow_phase_label (TvTracker         *tracker,
                     const TvFlowPhase *phase,
                     TvLadderLabel     *out)
{
  g_autofree char *dur = NULL;
  gsize n;

  g_return_if_fail (tracker != NULL && phase != NULL && out != NULL);

  dur = tv_format_duration (phase->duration_ns);
  /* TRANSLATORS: a phase of a connection and how long it took: "Response 12.3 ms" */
  n = g_snprintf (out->text, sizeof out->text, _("%s %s"),
                  tv_flow_phase_kind_name (phase->kind), dur);
  if (phase->kind != TV_FLOW_PHASE_HANDSHAKE && n < sizeof out->text)
    {
      g_autofree char *segs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment",
                                                            "%u segments", phase->n_segs),
                                               phase->n_segs);

      n += g_snprintf (out->text + n, sizeof out->text - n, " · %s", segs);
    }
  if (phase->bytes > 0 && n < sizeof out->text)
    {
      g_autofree char *bytes = tv_format_bytes (phase->bytes);

      g_snprintf (out->text + n, sizeof out->text - n, " · %s", bytes);
    }

  out->app = NULL;
  if (phase->label != 0)
    {
      const char *app = tv_tracker_get_label (tracker, phase->label);

      if (app != NULL && app[0] != '\0')
        out->app = app;
    }
  out->analysis = phase->analysis;
}

static TvLadderKind
phase_ladder_kind (TvFlowPhaseKind kind)
{
  switch (kind)
    {
    case TV_FLOW_PHASE_HANDSHAKE:
      return TV_LADDER_KIND_HANDSHAKE;
    case TV_FLOW_PHASE_REQUEST:
    case TV_FLOW_PHASE_RESPONSE:
      return TV_LADDER_KIND_DATA;
    case TV_FLOW_PHASE_CLOSE:
      return TV_LADDER_KIND_CLOSE;
    case TV_FLOW_PHASE_RESET:
    case TV_FLOW_N_PHASES:
    default:
      return TV_LADDER_KIND_RESET;
    }
}

static gboolean
address_equal (const TvAddress *a,
               const TvAddress *b)
{
  return tv_address_compare (a, b) == 0;
}

GArray *
tv_flow_select_hosts (TvTracker       *tracker,
                      const TvAddress *a,
                      const TvAddress *b)
{
  GArray *out;
  guint n;

  g_return_val_if_fail (tracker != NULL && a != NULL && b != NULL, NULL);

  out = g_array_new (FALSE, FALSE, sizeof (guint));
  n = tv_tracker_get_n_conns (tracker);
  for (guint i = 0; i < n; i++)
    {
      const TvConn *c = tv_tracker_get_conn (tracker, i);

      if ((address_equal (&c->client.address, a) && address_equal (&c->server.address, b)) ||
          (address_equal (&c->client.address, b) && address_equal (&c->server.address, a)))
        g_array_append_val (out, i);
    }

  return out;
}

GArray *
tv_flow_select_time_range (TvTracker *tracker,
                           gint64     start,
                           gint64     end)
{
  GArray *out;
  guint n;

  g_return_val_if_fail (tracker != NULL, NULL);

  out = g_array_new (FALSE, FALSE, sizeof (guint));
  n = tv_tracker_get_n_conns (tracker);
  for (guint i = 0; i < n; i++)
    {
      const TvConn *c = tv_tracker_get_conn (tracker, i);

      if (c->n_segs == 0 || c->first_ns > end || c->last_ns < start)
        continue;
      /* a connection open across the range, with no segment inside it */
      for (guint s = 0; s < c->n_segs; s++)
        if (c->segs[s].time_ns >= start && c->segs[s].time_ns <= end)
          {
            g_array_append_val (out, i);
            break;
          }
    }

  return out;
}

/* lifelines */

static guint
key_hash (gconstpointer p)
{
  const guint8 *b = p;
  guint h = 2166136261u;

  for (gsize i = 0; i < sizeof (LifelineKey); i++)
    h = (h ^ b[i]) * 16777619u;
  return h;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  return memcmp (a, b, sizeof (LifelineKey)) == 0;
}

static void
make_key (LifelineKey      *key,
          const TvEndpoint *ep,
          gboolean          with_port)
{
  memset (key, 0, sizeof *key);
  key->address = ep->address;
  key->has_port = with_port != FALSE;
  key->port = with_port ? ep->port : 0;
}

typedef struct {
  LifelineKey key;
  guint       host;        /* rank of its host */
  guint       rank;        /* rank of first appearance */
  guint       n_client, n_server;
  guint       conn;
  TvDirection side;
  guint       orig;        /* its index before sorting */
} Proto;

/* The sort key of a row: its frame, or (align_start) its time. */
static inline gint64
item_time (TvFlowLayout   *self,
           const FlowItem *it)
{
  const TvConn *conn = self->conns[it->conn];

  if (self->opt.fold)
    return g_array_index (self->phases[it->conn], TvFlowPhase, it->item).start_ns;
  return conn->segs[it->item].time_ns;
}

static inline const TvSegment *
item_first_seg (TvFlowLayout   *self,
                const FlowItem *it)
{
  const TvConn *conn = self->conns[it->conn];

  if (self->opt.fold)
    return &conn->segs[g_array_index (self->phases[it->conn], TvFlowPhase, it->item).first_seg];
  return &conn->segs[it->item];
}

static inline gint64
item_rel (TvFlowLayout   *self,
          const FlowItem *it)
{
  return item_time (self, it) - (self->opt.align_start ? self->conn_t0[it->conn] : self->t0);
}

static TvFlowLayout *sort_layout;

static int
compare_aligned (const void *pa,
                 const void *pb)
{
  const FlowItem *a = pa, *b = pb;
  gint64 ta = item_rel (sort_layout, a), tb = item_rel (sort_layout, b);

  if (ta != tb)
    return ta < tb ? -1 : 1;
  if (a->conn != b->conn)
    return a->conn < b->conn ? -1 : 1;
  return a->item < b->item ? -1 : a->item > b->item;
}

/* Sorts @items by the frame number of their (first) segment: a radix sort,
 * O(n), for a whole capture. */
static void
sort_by_frame (TvFlowLayout *self,
               FlowItem     *items,
               guint         n)
{
  guint64 *a = g_new (guint64, n);
  guint64 *b = g_new (guint64, n);
  FlowItem *copy;
  gboolean sorted = TRUE;
  guint32 prev = 0;

  for (guint i = 0; i < n; i++)
    {
      guint32 frame = item_first_seg (self, &items[i])->frame;

      a[i] = ((guint64) frame << 32) | i;
      sorted &= frame >= prev;
      prev = frame;
    }

  if (!sorted)
    {
      for (guint shift = 32; shift < 64; shift += 11)
        {
          guint count[2048] = { 0 };
          guint sum = 0;
          guint64 *t;

          for (guint i = 0; i < n; i++)
            count[(a[i] >> shift) & 2047]++;
          for (guint d = 0; d < 2048; d++)
            {
              guint c = count[d];

              count[d] = sum;
              sum += c;
            }
          for (guint i = 0; i < n; i++)
            b[count[(a[i] >> shift) & 2047]++] = a[i];
          t = a;
          a = b;
          b = t;
        }

      copy = g_memdup2 (items, (gsize) n * sizeof *items);
      for (guint i = 0; i < n; i++)
        items[i] = copy[(guint32) a[i]];
      g_free (copy);
    }

  g_free (a);
  g_free (b);
}

static gboolean
in_range (const TvFlowOptions *o,
          gint64               t)
{
  return o->time_end <= o->time_start || (t >= o->time_start && t <= o->time_end);
}

static void
collect_items (TvFlowLayout *self)
{
  guint64 n = 0;
  guint k = 0;

  for (guint c = 0; c < self->n_conns; c++)
    {
      const TvConn *conn = self->conns[c];

      if (self->opt.fold)
        {
          self->phases[c] = tv_flow_conn_phases (conn);
          for (guint p = 0; p < self->phases[c]->len; p++)
            n += in_range (&self->opt, g_array_index (self->phases[c], TvFlowPhase, p).start_ns);
        }
      else if (self->opt.time_end <= self->opt.time_start)
        n += conn->n_segs;
      else
        for (guint s = 0; s < conn->n_segs; s++)
          n += in_range (&self->opt, conn->segs[s].time_ns);
    }

  /* rows are counted with guint, as frames are */
  n = MIN (n, G_MAXUINT32 - 1);
  self->items = g_new (FlowItem, MAX (n, 1));
  for (guint c = 0; c < self->n_conns && k < n; c++)
    {
      const TvConn *conn = self->conns[c];

      if (self->opt.fold)
        {
          for (guint p = 0; p < self->phases[c]->len && k < n; p++)
            if (in_range (&self->opt, g_array_index (self->phases[c], TvFlowPhase, p).start_ns))
              self->items[k++] = (FlowItem) { c, p };
        }
      else
        for (guint s = 0; s < conn->n_segs && k < n; s++)
          if (in_range (&self->opt, conn->segs[s].time_ns))
            self->items[k++] = (FlowItem) { c, s };
    }
  self->n_rows = k;

  if (self->opt.align_start)
    {
      sort_layout = self;
      qsort (self->items, self->n_rows, sizeof (FlowItem), compare_aligned);
      sort_layout = NULL;
    }
  else
    sort_by_frame (self, self->items, self->n_rows);

  if (self->n_rows > 0 && !self->opt.align_start)
    self->t0 = item_time (self, &self->items[0]);
}

static guint
intern_lifeline (GHashTable  *table,
                 GArray      *protos,
                 GHashTable  *hosts,
                 const LifelineKey *key)
{
  gpointer v;
  Proto p = { 0 };
  LifelineKey host_key;

  if (g_hash_table_lookup_extended (table, key, NULL, &v))
    return GPOINTER_TO_UINT (v) - 1;

  host_key = *key;
  host_key.port = 0;
  host_key.has_port = 0;
  if (!g_hash_table_lookup_extended (hosts, &host_key, NULL, &v))
    {
      v = GUINT_TO_POINTER (g_hash_table_size (hosts) + 1);
      g_hash_table_insert (hosts, g_memdup2 (&host_key, sizeof host_key), v);
    }

  p.key = *key;
  p.host = GPOINTER_TO_UINT (v) - 1;
  p.rank = protos->len;
  g_array_append_val (protos, p);
  g_hash_table_insert (table, g_memdup2 (key, sizeof *key), GUINT_TO_POINTER (protos->len));
  return protos->len - 1;
}

static int
compare_protos (gconstpointer pa,
                gconstpointer pb)
{
  const Proto *a = pa, *b = pb;

  if (a->host != b->host)
    return a->host < b->host ? -1 : 1;
  return a->rank < b->rank ? -1 : a->rank > b->rank;
}

static void
make_lifelines (TvFlowLayout *self)
{
  g_autoptr(GArray) protos = g_array_new (FALSE, TRUE, sizeof (Proto));
  g_autofree guint *order = NULL;

  if (self->opt.lifelines == TV_FLOW_LIFELINES_CONNECTION)
    {
      for (guint c = 0; c < self->n_conns; c++)
        for (TvDirection side = TV_DIR_CLIENT_TO_SERVER; side <= TV_DIR_SERVER_TO_CLIENT; side++)
          {
            Proto p = { 0 };

            make_key (&p.key, side == TV_DIR_CLIENT_TO_SERVER ? &self->conns[c]->client
                                                                : &self->conns[c]->server, TRUE);
            p.rank = protos->len;
            p.conn = c;
            p.side = side;
            if (side == TV_DIR_CLIENT_TO_SERVER)
              p.n_client = 1;
            else
              p.n_server = 1;
            g_array_append_val (protos, p);
          }
      for (guint c = 0; c < self->n_conns; c++)
        {
          self->client_ll[c] = 2 * c;
          self->server_ll[c] = 2 * c + 1;
        }
    }
  else
    {
      g_autoptr(GHashTable) table = g_hash_table_new_full (key_hash, key_equal, g_free, NULL);
      g_autoptr(GHashTable) hosts = g_hash_table_new_full (key_hash, key_equal, g_free, NULL);
      g_autoptr(GHashTable) shared = g_hash_table_new_full (key_hash, key_equal, g_free, NULL);
      g_autofree gboolean *seen = g_new0 (gboolean, self->n_conns);
      gboolean by_port = self->opt.lifelines == TV_FLOW_LIFELINES_PORT;

      /* addresses at both ends of a connection: lifelines per port */
      for (guint c = 0; c < self->n_conns && !by_port; c++)
        if (address_equal (&self->conns[c]->client.address, &self->conns[c]->server.address))
          {
            LifelineKey k;

            make_key (&k, &self->conns[c]->client, FALSE);
            g_hash_table_add (shared, g_memdup2 (&k, sizeof k));
          }

      /* in the order of the rows: each connection's first row's sender,
       * then its receiver */
      for (guint r = 0; r < self->n_rows + self->n_conns; r++)
        {
          guint c;
          TvDirection first;
          guint ll[2];

          /* connections without a row in range still get their lifelines,
           * after the others */
          if (r < self->n_rows)
            {
              c = self->items[r].conn;
              first = item_first_seg (self, &self->items[r])->dir;
            }
          else
            {
              c = r - self->n_rows;
              first = TV_DIR_CLIENT_TO_SERVER;
            }
          if (seen[c])
            continue;
          seen[c] = TRUE;

          for (guint i = 0; i < 2; i++)
            {
              TvDirection side = i == 0 ? first : !first;
              const TvEndpoint *ep = side == TV_DIR_CLIENT_TO_SERVER ? &self->conns[c]->client
                                                                     : &self->conns[c]->server;
              LifelineKey k;
              gboolean with_port = by_port;

              if (!with_port)
                {
                  make_key (&k, ep, FALSE);
                  with_port = g_hash_table_contains (shared, &k);
                }
              make_key (&k, ep, with_port);
              ll[side] = intern_lifeline (table, protos, hosts, &k);
              if (side == TV_DIR_CLIENT_TO_SERVER)
                g_array_index (protos, Proto, ll[side]).n_client++;
              else
                g_array_index (protos, Proto, ll[side]).n_server++;
            }
          self->client_ll[c] = ll[TV_DIR_CLIENT_TO_SERVER];
          self->server_ll[c] = ll[TV_DIR_SERVER_TO_CLIENT];
        }
    }

  /* hosts in order of appearance, a host's lifelines together */
  order = g_new (guint, MAX (protos->len, 1));
  for (guint i = 0; i < protos->len; i++)
    g_array_index (protos, Proto, i).orig = i;
  if (self->opt.lifelines != TV_FLOW_LIFELINES_CONNECTION)
    g_array_sort (protos, compare_protos);

  self->n_lifelines = protos->len;
  self->lifelines = g_new0 (TvFlowLifeline, MAX (protos->len, 1));
  for (guint i = 0; i < protos->len; i++)
    {
      const Proto *p = &g_array_index (protos, Proto, i);
      TvFlowLifeline *l = &self->lifelines[i];

      l->endpoint.address = p->key.address;
      l->endpoint.port = p->key.port;
      l->has_port = p->key.has_port;
      l->n_client = p->n_client;
      l->n_server = p->n_server;
      l->side = p->side;
      l->conn = p->conn;
      order[p->orig] = i;
    }

  for (guint c = 0; c < self->n_conns; c++)
    {
      self->client_ll[c] = order[self->client_ll[c]];
      self->server_ll[c] = order[self->server_ll[c]];
    }
}

static void
compute_columns (TvFlowLayout *self)
{
  const TvLadderOptions *m = &self->opt.metrics;

  self->header_bottom = m->margin + m->header_height;
  self->time_x = m->margin + m->time_width;
  self->conn_x = self->time_x + 8;
  self->lifelines_x = self->conn_x + self->opt.conn_width;
  self->span = ceil (MAX (m->label_width + 2 * 24, self->opt.head_width + 16));
  /* the outer lifelines need room for their heads only: labels go
   * between lifelines */
  self->first_x = self->lifelines_x + ceil (self->opt.head_width / 2) + 8;
  self->width = self->first_x + (MAX (self->n_lifelines, 1) - 1) * self->span +
                ceil (self->opt.head_width / 2) + 8 + m->margin;

  for (guint i = 0; i < self->n_lifelines; i++)
    self->lifelines[i].x = self->first_x + i * self->span;

  self->base_pitch = m->arrow_drop + m->row_gap + m->label_gap + m->line_height;
  self->max_below = m->arrow_drop + 2;
}

static guint
item_n_lines (TvFlowLayout   *self,
              const FlowItem *it)
{
  if (self->opt.fold)
    {
      const TvFlowPhase *p = &g_array_index (self->phases[it->conn], TvFlowPhase, it->item);

      return 1 + (p->label != 0) + (p->analysis != 0);
    }
  else
    {
      const TvSegment *seg = &self->conns[it->conn]->segs[it->item];

      return 1 + (seg->label != 0) + (tv_ladder_segment_shown_analysis (seg) != 0);
    }
}

/* As the ladder: a typical gap drawn a little longer than a row. */
static double
choose_px_per_ns (TvFlowLayout *self)
{
  g_autofree gint64 *sample = NULL;
  guint n = 0, step;

  if (self->opt.metrics.px_per_second > 0)
    return self->opt.metrics.px_per_second / 1e9;
  if (self->n_rows < 2)
    return self->base_pitch / 1e6;

  if (self->opt.align_start)
    {
      /* side by side: one scale for the whole time, with no gap broken,
       * the time taking about as much room as the rows */
      gint64 span = item_rel (self, &self->items[self->n_rows - 1]) - item_rel (self, &self->items[0]);

      if (span > 0)
        return (self->opt.fold ? 1.5 : 0.6) * self->n_rows * self->base_pitch / (double) span;
    }

  step = MAX (1, (self->n_rows - 1) / 4096);
  sample = g_new (gint64, (self->n_rows - 1) / step + 1);
  for (guint i = 1; i < self->n_rows; i += step)
    {
      gint64 dt = item_rel (self, &self->items[i]) - item_rel (self, &self->items[i - 1]);

      if (dt > 0)
        sample[n++] = dt;
    }
  if (n == 0)
    return self->base_pitch / 1e6;

  for (guint i = 1; i < n; i++)
    {
      gint64 v = sample[i];
      guint j = i;

      while (j > 0 && sample[j - 1] > v)
        {
          sample[j] = sample[j - 1];
          j--;
        }
      sample[j] = v;
    }

  return 1.5 * self->base_pitch / (double) sample[n / 2];
}

static void
layout_rows (TvFlowLayout *self)
{
  const TvLadderOptions *m = &self->opt.metrics;
  double max_gap = m->max_gap > 0 ? m->max_gap : 6 * self->base_pitch;
  gint64 prev_t = 0;

  self->y = g_new (double, MAX (self->n_rows, 1));
  self->max_above = m->label_gap + m->line_height;
  self->px_per_ns = choose_px_per_ns (self);

  for (guint i = 0; i < self->n_rows; i++)
    {
      double above = m->label_gap + item_n_lines (self, &self->items[i]) * m->line_height;
      gint64 t = item_rel (self, &self->items[i]);
      double y;

      if (i == 0)
        y = self->header_bottom + above + 12;
      else
        {
          double pitch = m->arrow_drop + m->row_gap + above;
          double gap = pitch;

          if (self->opt.spacing == TV_LADDER_SPACING_TIME)
            {
              gint64 dt = t - prev_t;
              double want = dt > 0 ? dt * self->px_per_ns : 0;

              if (want > max_gap && !self->opt.align_start)
                {
                  g_array_append_val (self->breaks, i);
                  want = MAX (pitch + 2 * m->line_height, MIN (max_gap, 2.5 * self->base_pitch));
                }
              gap = MAX (pitch, want);
            }
          y = self->y[i - 1] + gap;
        }

      self->y[i] = y;
      self->max_above = MAX (self->max_above, above);
      prev_t = t;
    }
}

TvFlowLayout *
tv_flow_layout_new (TvTracker           *tracker,
                    const guint         *conns,
                    guint                n_conns,
                    const TvFlowOptions *options)
{
  TvFlowLayout *self;
  guint n_tracker;

  g_return_val_if_fail (tracker != NULL, NULL);
  g_return_val_if_fail (conns != NULL || n_conns == 0, NULL);

  self = g_new0 (TvFlowLayout, 1);
  self->tracker = tracker;
  if (options != NULL)
    self->opt = *options;
  else
    tv_flow_options_init (&self->opt);
  self->breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->conn_pos = g_hash_table_new (NULL, NULL);

  /* the connections, each once and in ID order (side by side: as given) */
  n_tracker = tv_tracker_get_n_conns (tracker);
  self->conns = g_new0 (TvConn *, MAX (n_conns, 1));
  {
    g_autofree guint *ids = g_memdup2 (conns, MAX (n_conns, 1) * sizeof (guint));
    gboolean keep_order = self->opt.lifelines == TV_FLOW_LIFELINES_CONNECTION;
    g_autofree guint8 *taken = NULL;

    if (!keep_order)
      {
        /* a bitmap: the whole capture has as many IDs as connections */
        taken = g_new0 (guint8, n_tracker / 8 + 1);
        for (guint i = 0; i < n_conns; i++)
          if (ids[i] < n_tracker)
            taken[ids[i] / 8] |= 1 << (ids[i] % 8);
        for (guint id = 0; id < n_tracker; id++)
          if (taken[id / 8] & (1 << (id % 8)))
            self->conns[self->n_conns++] = tv_tracker_get_conn (tracker, id);
      }
    else
      for (guint i = 0; i < n_conns; i++)
        if (ids[i] < n_tracker)
          self->conns[self->n_conns++] = tv_tracker_get_conn (tracker, ids[i]);
  }
  for (guint c = 0; c < self->n_conns; c++)
    if (!g_hash_table_contains (self->conn_pos, GUINT_TO_POINTER (self->conns[c]->id + 1)))
      g_hash_table_insert (self->conn_pos, GUINT_TO_POINTER (self->conns[c]->id + 1),
                           GUINT_TO_POINTER (c + 1));

  self->client_ll = g_new0 (guint, MAX (self->n_conns, 1));
  self->server_ll = g_new0 (guint, MAX (self->n_conns, 1));
  self->conn_t0 = g_new0 (gint64, MAX (self->n_conns, 1));
  self->phases = g_new0 (GArray *, MAX (self->n_conns, 1));
  for (guint c = 0; c < self->n_conns; c++)
    {
      const TvConn *conn = self->conns[c];

      self->conn_t0[c] = conn->syn_ns != 0 ? conn->syn_ns
                       : conn->n_segs > 0 ? conn->segs[0].time_ns : 0;
    }

  collect_items (self);
  make_lifelines (self);
  compute_columns (self);
  layout_rows (self);

  return self;
}

void
tv_flow_layout_free (TvFlowLayout *self)
{
  if (self == NULL)
    return;

  for (guint c = 0; c < self->n_conns; c++)
    if (self->phases[c] != NULL)
      g_array_unref (self->phases[c]);
  g_free (self->phases);
  g_free (self->conns);
  g_free (self->client_ll);
  g_free (self->server_ll);
  g_free (self->conn_t0);
  g_free (self->items);
  g_free (self->y);
  g_free (self->lifelines);
  g_array_unref (self->breaks);
  g_hash_table_unref (self->conn_pos);
  g_free (self);
}

TvTracker *
tv_flow_layout_get_tracker (TvFlowLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->tracker;
}

const TvFlowOptions *
tv_flow_layout_get_options (TvFlowLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->opt;
}

guint
tv_flow_layout_get_n_conns (TvFlowLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_conns;
}

TvConn *
tv_flow_layout_get_conn (TvFlowLayout *self,
                         guint         pos)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (pos < self->n_conns, NULL);
  return self->conns[pos];
}

guint
tv_flow_layout_get_n_rows (TvFlowLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

guint
tv_flow_layout_get_n_lifelines (TvFlowLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_lifelines;
}

void
tv_flow_layout_get_lifeline (TvFlowLayout   *self,
                             guint           index,
                             TvFlowLifeline *out)
{
  g_return_if_fail (self != NULL && out != NULL);
  g_return_if_fail (index < self->n_lifelines);
  *out = self->lifelines[index];
}

void
tv_flow_layout_dup_head (TvFlowLayout *self,
                         guint         lifeline,
                         char        **title,
                         char        **subtitle)
{
  const TvFlowLifeline *l;
  char addr[64];

  g_return_if_fail (self != NULL && title != NULL && subtitle != NULL);
  g_return_if_fail (lifeline < self->n_lifelines);

  l = &self->lifelines[lifeline];
  if (self->opt.lifelines == TV_FLOW_LIFELINES_CONNECTION)
    {
      char letter[2] = { (char) ('A' + MIN (l->conn, 25u)), 0 };

      *title = g_strdup_printf (l->side == TV_DIR_CLIENT_TO_SERVER ? _("Client %s") : _("Server %s"),
                                letter);
      *subtitle = tv_endpoint_to_string (&l->endpoint);
      return;
    }

  tv_address_to_string (&l->endpoint.address, addr, sizeof addr);
  *title = g_strdup (addr);
  if (l->has_port)
    /* TRANSLATORS: under an address, the port its lifeline stands for */
    *subtitle = g_strdup_printf (_("port %u"), l->endpoint.port);
  else if (l->n_client > 0 && l->n_server > 0)
    *subtitle = g_strdup (_("client and server"));
  else if (l->n_client > 0)
    *subtitle = g_strdup (_("client"));
  else
    *subtitle = g_strdup (_("server"));
}

gboolean
tv_flow_layout_find_lifelines (TvFlowLayout *self,
                               double        x1,
                               double        x2,
                               guint        *first,
                               guint        *last)
{
  double a, b;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_lifelines == 0 || x2 < x1)
    return FALSE;

  a = floor ((x1 - self->first_x) / self->span);
  b = ceil ((x2 - self->first_x) / self->span);
  a = CLAMP (a, 0, self->n_lifelines - 1);
  b = CLAMP (b, 0, self->n_lifelines - 1);
  if (first)
    *first = (guint) a;
  if (last)
    *last = (guint) b;
  return TRUE;
}

double
tv_flow_layout_get_width (TvFlowLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

double
tv_flow_layout_get_height (TvFlowLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->n_rows == 0)
    return self->header_bottom + 40 + self->opt.metrics.margin;
  return self->y[self->n_rows - 1] + self->max_below + self->opt.metrics.margin + 8;
}

double
tv_flow_layout_get_header_bottom (TvFlowLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->header_bottom;
}

double
tv_flow_layout_get_time_x (TvFlowLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->time_x;
}

double
tv_flow_layout_get_conn_x (TvFlowLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->conn_x;
}

double
tv_flow_layout_get_lifelines_x (TvFlowLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lifelines_x;
}

gint64
tv_flow_layout_get_t0 (TvFlowLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->opt.align_start ? 0 : self->t0;
}

double
tv_flow_layout_get_row_y (TvFlowLayout *self,
                          guint         row)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (row < self->n_rows, 0);
  return self->y[row];
}

static gboolean
is_break (TvFlowLayout *self,
          guint         row)
{
  guint lo = 0, hi = self->breaks->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint v = g_array_index (self->breaks, guint, mid);

      if (v == row)
        return TRUE;
      if (v < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

void
tv_flow_layout_get_row (TvFlowLayout *self,
                        guint         row,
                        TvFlowRow    *out)
{
  const TvLadderOptions *m;
  const FlowItem *it;
  TvConn *conn;
  TvLadderRow *lr;
  TvDirection dir;
  double y;

  g_return_if_fail (self != NULL && out != NULL);
  g_return_if_fail (row < self->n_rows);

  m = &self->opt.metrics;
  it = &self->items[row];
  conn = self->conns[it->conn];
  y = self->y[row];

  memset (out, 0, sizeof *out);
  out->index = row;
  out->conn_pos = it->conn;
  out->conn = conn;
  out->folded = self->opt.fold;
  if (self->opt.fold)
    {
      out->phase = g_array_index (self->phases[it->conn], TvFlowPhase, it->item);
      out->seg_index = out->phase.first_seg;
      dir = out->phase.dir;
    }
  else
    {
      out->seg_index = it->item;
      dir = conn->segs[it->item].dir;
    }
  out->seg = &conn->segs[out->seg_index];
  out->rel_ns = item_rel (self, it);
  out->from = dir == TV_DIR_CLIENT_TO_SERVER ? self->client_ll[it->conn] : self->server_ll[it->conn];
  out->to = dir == TV_DIR_CLIENT_TO_SERVER ? self->server_ll[it->conn] : self->client_ll[it->conn];

  lr = &out->ladder;
  lr->index = row;
  lr->seg = out->seg;
  lr->kind = self->opt.fold ? phase_ladder_kind (out->phase.kind)
                            : tv_ladder_segment_kind (out->seg,
                                                      tv_ladder_segment_completes_handshake (conn, out->seg));
  lr->x1 = self->lifelines[out->from].x;
  lr->x2 = self->lifelines[out->to].x;
  if (out->from == out->to)
    lr->x2 = lr->x1 + self->span / 3;  /* a connection to itself */
  lr->y1 = y;
  lr->y2 = y + m->arrow_drop;
  lr->n_lines = item_n_lines (self, it);
  lr->n_number_lines = 1;
  lr->label_bottom = y - m->label_gap;
  /* between the sender's lifeline and the next one towards the receiver:
   * an arrow that crosses lifelines keeps its label off them */
  lr->label_x = lr->x1 + (lr->x2 > lr->x1 ? 1 : -1) * MIN (fabs (lr->x2 - lr->x1), self->span) / 2;
  lr->label_max_width = MAX (MIN (fabs (lr->x2 - lr->x1), self->span) - 2 * 12, 24);
  lr->top = lr->label_bottom - lr->n_lines * m->line_height;
  lr->bottom = lr->y2;
  lr->client_state = out->seg->client_state;
  lr->server_state = out->seg->server_state;

  if (row > 0)
    {
      out->gap_ns = out->rel_ns - item_rel (self, &self->items[row - 1]);
      out->gap_broken = self->breaks->len > 0 && is_break (self, row);
      lr->gap_ns = out->gap_ns;
      lr->gap_broken = out->gap_broken;
    }
}

void
tv_flow_layout_get_label (TvFlowLayout    *self,
                          const TvFlowRow *row,
                          TvLadderLabel   *out)
{
  g_return_if_fail (self != NULL && row != NULL && out != NULL);

  if (row->folded)
    tv_flow_phase_label (self->tracker, &row->phase, out);
  else
    tv_ladder_segment_label (self->tracker, row->conn, row->seg, self->opt.absolute, out);
}

static guint
lower_bound (TvFlowLayout *self,
             double        value)
{
  guint lo = 0, hi = self->n_rows;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      self->probes++;
      if (self->y[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
tv_flow_layout_find_rows (TvFlowLayout *self,
                          double        y1,
                          double        y2,
                          guint        *first,
                          guint        *last)
{
  guint a, b;

  g_return_val_if_fail (self != NULL, FALSE);

  self->probes = 0;
  if (self->n_rows == 0 || y2 < y1)
    return FALSE;

  a = lower_bound (self, y1 - self->max_below);
  b = lower_bound (self, y2 + self->max_above);
  if (a >= b)
    return FALSE;
  if (first)
    *first = a;
  if (last)
    *last = b - 1;
  return TRUE;
}

static double
distance_to_segment (double px, double py,
                     double x1, double y1,
                     double x2, double y2)
{
  double dx = x2 - x1, dy = y2 - y1;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - x1) * dx + (py - y1) * dy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (px - (x1 + t * dx), py - (y1 + t * dy));
}

int
tv_flow_layout_row_at (TvFlowLayout *self,
                       double        x,
                       double        y)
{
  guint first, last;
  int best = -1;
  double best_d = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, -1);

  if (!tv_flow_layout_find_rows (self, y - 2, y + 2, &first, &last))
    return -1;

  for (guint i = first; i <= last; i++)
    {
      TvFlowRow row;
      const TvLadderRow *r = &row.ladder;
      double lo, hi, d;

      tv_flow_layout_get_row (self, i, &row);
      lo = MIN (r->x1, r->x2);
      hi = MAX (r->x1, r->x2);
      if (y >= r->top && y <= r->label_bottom && x >= lo && x <= hi)
        d = 0;  /* on the label */
      else
        d = distance_to_segment (x, y, r->x1, r->y1, r->x2, r->y2);

      if (d < best_d)
        {
          best_d = d;
          best = i;
        }
    }

  return best_d <= 8 ? best : -1;
}

/* a < b in the rows' order */
static gboolean
item_before (TvFlowLayout   *self,
             const FlowItem *a,
             const FlowItem *b)
{
  if (self->opt.align_start)
    {
      gint64 ta = item_rel (self, a), tb = item_rel (self, b);

      if (ta != tb)
        return ta < tb;
      if (a->conn != b->conn)
        return a->conn < b->conn;
      return a->item < b->item;
    }
  return item_first_seg (self, a)->frame < item_first_seg (self, b)->frame;
}

int
tv_flow_layout_find_segment (TvFlowLayout *self,
                             guint         conn_id,
                             guint         seg_index)
{
  gpointer v;
  FlowItem want;
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, -1);

  v = g_hash_table_lookup (self->conn_pos, GUINT_TO_POINTER (conn_id + 1));
  if (v == NULL)
    return -1;
  want.conn = GPOINTER_TO_UINT (v) - 1;
  if (seg_index >= self->conns[want.conn]->n_segs)
    return -1;

  if (self->opt.fold)
    {
      GArray *phases = self->phases[want.conn];
      gboolean found = FALSE;

      for (guint p = 0; p < phases->len && !found; p++)
        {
          const TvFlowPhase *ph = &g_array_index (phases, TvFlowPhase, p);

          if (seg_index >= ph->first_seg && seg_index <= ph->last_seg)
            {
              want.item = p;
              found = TRUE;
            }
        }
      if (!found)
        return -1;
    }
  else
    want.item = seg_index;

  hi = self->n_rows;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (item_before (self, &self->items[mid], &want))
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < self->n_rows && self->items[lo].conn == want.conn && self->items[lo].item == want.item)
    return lo;
  return -1;
}
