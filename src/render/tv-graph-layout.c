/* tv-graph-layout.c: the stream graphs of one direction of a connection,
 * in data coordinates. */
#define G_LOG_DOMAIN "tv-graph-layout"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tv-format.h"
#include "tv-graph-layout.h"

#define FANOUT_BITS 3
#define FANOUT (1u << FANOUT_BITS)
/* series shorter than this are not merged in advance */
#define MIN_LEVELS_ITEMS 256
/* segments of the per-segment throughput (as tcptrace's) */
#define THROUGHPUT_SEGMENTS 20

/* One item as stored: 24 bytes. */
typedef struct {
  double  x;
  double  y;
  float   h;      /* bar height (y .. y + h) */
  guint32 seg;
} Point;

/* FANOUT^k points merged */
typedef struct {
  double  x0, x1;
  double  y_lo, y_hi;
  double  y_first, y_last;
  guint32 seg;
  guint32 n;
} Bucket;

typedef struct {
  TvGraphRole  role;
  TvGraphShape shape;
  GArray      *points;     /* Point, sorted by x */
  GPtrArray   *levels;     /* GArray of Bucket: level 1, 2, … */
} Series;

struct _TvGraphLayout {
  TvGraphKind  kind;
  TvDirection  from;
  guint32      conn_id;
  guint32      n_conn_segs;
  gint64       origin_ns;
  double       x_min, x_max, y_min, y_max;
  guint64      total_bytes;
  double       average_window;
  GPtrArray   *series;     /* Series */
};

/* ---- names ------------------------------------------------------------- */

static const char *const kind_names[TV_GRAPH_N_KINDS] = {
  "stevens", "tcptrace", "throughput", "rtt", "window",
};

const char *
tv_graph_kind_name (TvGraphKind kind)
{
  g_return_val_if_fail (kind < TV_GRAPH_N_KINDS, NULL);
  return kind_names[kind];
}

int
tv_graph_kind_from_name (const char *name)
{
  for (guint i = 0; name != NULL && i < TV_GRAPH_N_KINDS; i++)
    if (g_str_equal (name, kind_names[i]))
      return (int) i;
  return -1;
}

const char *
tv_graph_kind_title (TvGraphKind kind)
{
  switch (kind)
    {
    case TV_GRAPH_STEVENS:
      return _("Time–sequence (Stevens)");
    case TV_GRAPH_TCPTRACE:
      return _("Time–sequence (tcptrace)");
    case TV_GRAPH_THROUGHPUT:
      return _("Throughput");
    case TV_GRAPH_RTT:
      return _("Round-trip time");
    case TV_GRAPH_WINDOW:
    case TV_GRAPH_N_KINDS:
    default:
      return _("Window and bytes in flight");
    }
}

/* ---- series ------------------------------------------------------------ */

static void
series_free (gpointer data)
{
  Series *s = data;

  g_array_unref (s->points);
  g_ptr_array_unref (s->levels);
  g_free (s);
}

static Series *
add_series (TvGraphLayout *self,
            TvGraphRole    role,
            TvGraphShape   shape)
{
  Series *s = g_new0 (Series, 1);

  s->role = role;
  s->shape = shape;
  s->points = g_array_new (FALSE, FALSE, sizeof (Point));
  s->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_ptr_array_add (self->series, s);
  return s;
}

static inline void
series_add (Series *s,
            double  x,
            double  y,
            double  h,
            guint32 seg)
{
  Point p = { x, y, (float) h, seg };

  g_array_append_val (s->points, p);
}

static int
cmp_point (const void *a,
           const void *b)
{
  const Point *p = a, *q = b;

  if (p->x != q->x)
    return p->x < q->x ? -1 : 1;
  /* capture order among equal times */
  return p->seg < q->seg ? -1 : p->seg > q->seg;
}

static void
bucket_from_point (Bucket      *b,
                   const Point *p)
{
  b->x0 = b->x1 = p->x;
  b->y_lo = b->y_first = b->y_last = p->y;
  b->y_hi = p->y + p->h;
  b->seg = p->seg;
  b->n = 1;
}

static void
bucket_merge (Bucket       *b,
              const Bucket *c)
{
  b->x1 = MAX (b->x1, c->x1);
  b->x0 = MIN (b->x0, c->x0);
  b->y_lo = MIN (b->y_lo, c->y_lo);
  b->y_hi = MAX (b->y_hi, c->y_hi);
  b->y_last = c->y_last;
  b->n += c->n;
}

static void
series_finish (Series *s)
{
  GArray *pts = s->points;
  GArray *prev = NULL;
  gboolean sorted = TRUE;

  for (guint i = 1; i < pts->len && sorted; i++)
    sorted = cmp_point (&g_array_index (pts, Point, i - 1), &g_array_index (pts, Point, i)) <= 0;
  if (!sorted)
    qsort (pts->data, pts->len, sizeof (Point), cmp_point);

  if (pts->len < MIN_LEVELS_ITEMS)
    return;

  /* level 1 from the points, each further level from the one below */
  for (guint n_below = pts->len; n_below > FANOUT; )
    {
      guint n = (n_below + FANOUT - 1) / FANOUT;
      GArray *level = g_array_sized_new (FALSE, FALSE, sizeof (Bucket), n);

      g_array_set_size (level, n);
      for (guint i = 0; i < n; i++)
        {
          Bucket *b = &g_array_index (level, Bucket, i);
          guint first = i * FANOUT, last = MIN (first + FANOUT, n_below);

          for (guint j = first; j < last; j++)
            {
              Bucket c;

              if (prev == NULL)
                bucket_from_point (&c, &g_array_index (pts, Point, j));
              else
                c = g_array_index (prev, Bucket, j);
              if (j == first)
                *b = c;
              else
                bucket_merge (b, &c);
            }
        }
      g_ptr_array_add (s->levels, level);
      prev = level;
      n_below = n;
    }
}

/* ---- building ---------------------------------------------------------- */

/* Unwraps 32-bit relative numbers into a 64-bit count that keeps going past
 * 4 GiB (and may dip below 0 for a segment before the ISN). */
typedef struct {
  gint64 last;
} Unwrap;

static inline gint64
unwrap (Unwrap  *u,
        guint32  rel)
{
  gint32 delta = (gint32) (rel - (guint32) u->last);

  u->last += delta;
  return u->last;
}

static inline double
seg_x (TvGraphLayout   *self,
       const TvSegment *seg)
{
  return (double) (seg->time_ns - self->origin_ns) / 1e9;
}

static inline gboolean
is_retransmission (const TvSegment *seg)
{
  return (seg->analysis & (TV_ANALYSIS_RETRANSMISSION | TV_ANALYSIS_FAST_RETRANSMISSION |
                           TV_ANALYSIS_SPURIOUS_RETRANSMISSION)) != 0;
}

/* Sequence space a segment takes: payload, plus one for SYN and for FIN. */
static inline guint32
seg_space (const TvSegment *seg)
{
  return seg->len + ((seg->flags & TV_TCP_SYN) ? 1 : 0) + ((seg->flags & TV_TCP_FIN) ? 1 : 0);
}

/* The SACK blocks segment @i (from the receiver) reported, as bars beside
 * its ACK @ack (relative, unwrapped). */
static void
add_sack_blocks (TvGraphLayout *self,
                 const TvConn  *conn,
                 guint32        i,
                 double         x,
                 gint64         ack,
                 Series        *sack)
{
  const TvTcpOptions *opts = tv_conn_get_options (conn, i);
  guint32 isn = conn->side[self->from].isn;

  if (opts == NULL || !(opts->present & TV_TCP_OPT_SACK))
    return;
  for (guint b = 0; b < opts->n_sack && b < TV_MAX_SACK_BLOCKS; b++)
    {
      /* relative, unwrapped near the cumulative ACK */
      gint64 left = ack + (gint32) (opts->sack[b][0] - isn - (guint32) ack);
      guint32 size = opts->sack[b][1] - opts->sack[b][0];

      if (size > 0 && size < G_MAXINT32)
        series_add (sack, x, (double) left, (double) size, i);
    }
}

static void
build_sequence (TvGraphLayout *self,
                const TvConn  *conn,
                gboolean       bars)
{
  TvGraphShape shape = bars ? TV_GRAPH_SHAPE_BARS : TV_GRAPH_SHAPE_POINTS;
  Series *data = add_series (self, TV_GRAPH_ROLE_DATA, shape);
  Series *retr = add_series (self, TV_GRAPH_ROLE_RETRANSMISSION, shape);
  Series *ack = NULL, *win = NULL, *sack = NULL, *dup = NULL, *zero = NULL;
  Unwrap useq = { 0 }, uack = { 0 };

  if (bars)
    {
      ack = add_series (self, TV_GRAPH_ROLE_ACK, TV_GRAPH_SHAPE_STEPS);
      win = add_series (self, TV_GRAPH_ROLE_WINDOW, TV_GRAPH_SHAPE_STEPS);
      sack = add_series (self, TV_GRAPH_ROLE_SACK, TV_GRAPH_SHAPE_BARS);
      dup = add_series (self, TV_GRAPH_ROLE_DUP_ACK, TV_GRAPH_SHAPE_TICKS);
      zero = add_series (self, TV_GRAPH_ROLE_ZERO_WINDOW, TV_GRAPH_SHAPE_MARKS);
    }

  for (guint32 i = 0; i < conn->n_segs; i++)
    {
      const TvSegment *seg = &conn->segs[i];
      double x = seg_x (self, seg);

      if (seg->dir == self->from)
        {
          guint32 space = seg_space (seg);
          gint64 s;

          if (space == 0)
            continue;
          s = unwrap (&useq, tv_conn_relative_seq (conn, seg));
          series_add (is_retransmission (seg) ? retr : data, x, (double) s,
                      bars ? (double) space : 0.0, i);
          self->total_bytes += seg->len;
        }
      else if (bars && (seg->flags & TV_TCP_ACK))
        {
          gint64 a = unwrap (&uack, tv_conn_relative_ack (conn, seg));
          series_add (ack, x, (double) a, 0, i);
          series_add (win, x, (double) a + seg->window, 0, i);
          if (seg->analysis & TV_ANALYSIS_DUPLICATE_ACK)
            series_add (dup, x, (double) a, 0, i);
          if (seg->analysis & TV_ANALYSIS_ZERO_WINDOW)
            series_add (zero, x, (double) a, 0, i);
          add_sack_blocks (self, conn, i, x, a, sack);
        }
    }
}

/* One step line of a moving average: r(t) = bytes in (t - w, t] / w, from
 * events (time, bytes) in time order.  Its integral is the sum of bytes. */
static void
add_moving_average (Series       *out,
                    const double *t,
                    const double *bytes,
                    const guint32 *segs,
                    guint         n,
                    double        w)
{
  double level = 0;
  guint i = 0, j = 0;

  while (i < n || j < n)
    {
      /* the next event: a segment entering (t_i) or leaving (t_j + w) */
      double x = i < n ? t[i] : G_MAXDOUBLE;
      double xl = t[j] + w;
      guint32 seg;

      if (j < n && xl <= x)
        x = xl;
      seg = segs[i < n ? i : n - 1];
      while (i < n && t[i] == x)
        level += bytes[i++];
      while (j < n && t[j] + w <= x)
        level -= bytes[j++];
      if (j == n || level < 1e-9)
        level = MAX (level, 0.0);
      series_add (out, x, level / w, 0, seg);
    }
}

static void
build_throughput (TvGraphLayout *self,
                  const TvConn  *conn)
{
  Series *pts = add_series (self, TV_GRAPH_ROLE_THROUGHPUT, TV_GRAPH_SHAPE_POINTS);
  Series *avg = add_series (self, TV_GRAPH_ROLE_THROUGHPUT_AVG, TV_GRAPH_SHAPE_STEPS);
  Series *good = add_series (self, TV_GRAPH_ROLE_GOODPUT_AVG, TV_GRAPH_SHAPE_STEPS);
  g_autoptr(GArray) st = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ss = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) at = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ab = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) as = g_array_new (FALSE, FALSE, sizeof (guint32));
  const TvConnSide *side = &conn->side[self->from];
  Unwrap uack = { 0 };
  gint64 acked = 1;           /* the SYN's one (relative data starts at 1) */
  gint64 fin_rel = -1;
  double duration = (double) (conn->last_ns - conn->first_ns) / 1e9;
  double w;

  if (side->fin_seen)
    fin_rel = (gint64) (guint32) (side->fin_seq - side->isn);

  for (guint32 i = 0; i < conn->n_segs; i++)
    {
      const TvSegment *seg = &conn->segs[i];
      double x = seg_x (self, seg);

      if (seg->dir == self->from)
        {
          double len = seg->len;

          if (seg->len == 0)
            continue;
          g_array_append_val (st, x);
          g_array_append_val (sb, len);
          g_array_append_val (ss, i);
          self->total_bytes += seg->len;
        }
      else if (seg->flags & TV_TCP_ACK)
        {
          gint64 a = unwrap (&uack, tv_conn_relative_ack (conn, seg));

          /* the FIN's one is not data */
          if (fin_rel >= 0 && a > fin_rel)
            a = fin_rel;
          if (a > acked)
            {
              double b = (double) (a - acked);

              g_array_append_val (at, x);
              g_array_append_val (ab, b);
              g_array_append_val (as, i);
              acked = a;
            }
        }
    }

  /* the average window: a fiftieth of the connection, at least 1 µs */
  w = MAX (duration / 50.0, 1e-6);
  self->average_window = w;

  /* per segment, as tcptrace: the last THROUGHPUT_SEGMENTS segments over
   * the time they took */
  {
    const double *t = (const double *) (gpointer) st->data;
    const double *b = (const double *) (gpointer) sb->data;
    double sum = 0;

    for (guint i = 0; i < st->len; i++)
      {
        sum += b[i];
        if (i >= THROUGHPUT_SEGMENTS)
          {
            sum -= b[i - THROUGHPUT_SEGMENTS];
            if (t[i] > t[i - THROUGHPUT_SEGMENTS])
              series_add (pts, t[i], sum / (t[i] - t[i - THROUGHPUT_SEGMENTS]), 0,
                          g_array_index (ss, guint32, i));
          }
      }
  }

  if (st->len > 0)
    add_moving_average (avg, (double *) (gpointer) st->data, (double *) (gpointer) sb->data,
                        (guint32 *) (gpointer) ss->data, st->len, w);
  if (at->len > 0)
    add_moving_average (good, (double *) (gpointer) at->data, (double *) (gpointer) ab->data,
                        (guint32 *) (gpointer) as->data, at->len, w);
}

/* A segment sent and not yet acknowledged, for RTT samples. */
typedef struct {
  gint64  start, end;
  double  x;
  guint32 seg;
  gboolean retransmitted;
} Pending;

static void
build_rtt (TvGraphLayout *self,
           const TvConn  *conn)
{
  Series *rtt = add_series (self, TV_GRAPH_ROLE_RTT, TV_GRAPH_SHAPE_POINTS);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (Pending));
  guint head = 0;
  Unwrap useq = { 0 }, uack = { 0 };
  gint64 sent_end = G_MININT64, acked = G_MININT64;

  for (guint32 i = 0; i < conn->n_segs; i++)
    {
      const TvSegment *seg = &conn->segs[i];
      double x = seg_x (self, seg);

      if (seg->dir == self->from)
        {
          guint32 space = seg_space (seg);
          gint64 s, e;

          if (space == 0)
            continue;
          s = unwrap (&useq, tv_conn_relative_seq (conn, seg));
          e = s + space;
          if (s < sent_end || is_retransmission (seg))
            {
              /* sent again: Karn's rule, no sample from any of it */
              for (guint q = head; q < queue->len; q++)
                {
                  Pending *p = &g_array_index (queue, Pending, q);

                  if (p->start < e && s < p->end)
                    p->retransmitted = TRUE;
                }
            }
          if (e > sent_end)
            {
              Pending p = { MAX (s, sent_end == G_MININT64 ? s : sent_end), e, x, i, FALSE };

              /* new data after old: the new part is sent once, so far */
              p.retransmitted = s < sent_end || is_retransmission (seg);
              g_array_append_val (queue, p);
              sent_end = e;
            }
        }
      else if (seg->flags & TV_TCP_ACK)
        {
          gint64 a = unwrap (&uack, tv_conn_relative_ack (conn, seg));
          gboolean any_retransmitted = FALSE;
          Pending *last = NULL;

          if (acked != G_MININT64 && a <= acked)
            continue;
          acked = a;
          while (head < queue->len)
            {
              Pending *p = &g_array_index (queue, Pending, head);

              if (p->end > a)
                {
                  /* partly acknowledged: no sample from it */
                  if (p->start < a)
                    p->start = a;
                  break;
                }
              any_retransmitted |= p->retransmitted;
              last = p;
              head++;
            }
          /* the ACK of the last segment it covers; none when anything it
           * covers was sent twice (which copy arrived is unknown, and a
           * filled hole delays the ACK) */
          if (last != NULL && !any_retransmitted)
            series_add (rtt, last->x, x - last->x, 0, last->seg);
          if (head > 4096 && head > queue->len / 2)
            {
              g_array_remove_range (queue, 0, head);
              head = 0;
            }
        }
    }
}

static void
build_window (TvGraphLayout *self,
              const TvConn  *conn)
{
  Series *win = add_series (self, TV_GRAPH_ROLE_WINDOW, TV_GRAPH_SHAPE_STEPS);
  Series *flight = add_series (self, TV_GRAPH_ROLE_IN_FLIGHT, TV_GRAPH_SHAPE_STEPS);
  Series *zero = add_series (self, TV_GRAPH_ROLE_ZERO_WINDOW, TV_GRAPH_SHAPE_MARKS);
  Unwrap useq = { 0 }, uack = { 0 };
  gint64 sent_end = G_MININT64, acked = G_MININT64;

  for (guint32 i = 0; i < conn->n_segs; i++)
    {
      const TvSegment *seg = &conn->segs[i];
      double x = seg_x (self, seg);

      if (seg->dir == self->from)
        {
          guint32 space = seg_space (seg);
          gint64 e;

          if (space == 0)
            continue;
          e = unwrap (&useq, tv_conn_relative_seq (conn, seg)) + space;
          if (e > sent_end)
            sent_end = e;
          self->total_bytes += seg->len;
          if (acked != G_MININT64)
            series_add (flight, x, (double) MAX (sent_end - acked, 0), 0, i);
        }
      else if (seg->flags & TV_TCP_ACK)
        {
          gint64 a = unwrap (&uack, tv_conn_relative_ack (conn, seg));

          if (acked == G_MININT64 || a > acked)
            acked = a;
          series_add (win, x, seg->window, 0, i);
          if (seg->analysis & TV_ANALYSIS_ZERO_WINDOW)
            series_add (zero, x, 0, 0, i);
          if (sent_end != G_MININT64)
            series_add (flight, x, (double) MAX (sent_end - acked, 0), 0, i);
        }
    }
}

TvGraphLayout *
tv_graph_layout_new (TvTracker    *tracker,
                     const TvConn *conn,
                     TvGraphKind   kind,
                     TvDirection   from)
{
  TvGraphLayout *self;
  gboolean any = FALSE;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (kind < TV_GRAPH_N_KINDS, NULL);
  g_return_val_if_fail (from == TV_DIR_CLIENT_TO_SERVER || from == TV_DIR_SERVER_TO_CLIENT, NULL);

  self = g_new0 (TvGraphLayout, 1);
  self->kind = kind;
  self->from = from;
  self->conn_id = conn->id;
  self->n_conn_segs = conn->n_segs;
  self->origin_ns = conn->first_ns;
  self->series = g_ptr_array_new_with_free_func (series_free);
  (void) tracker;

  switch (kind)
    {
    case TV_GRAPH_STEVENS:
      build_sequence (self, conn, FALSE);
      break;
    case TV_GRAPH_TCPTRACE:
      build_sequence (self, conn, TRUE);
      break;
    case TV_GRAPH_THROUGHPUT:
      build_throughput (self, conn);
      break;
    case TV_GRAPH_RTT:
      build_rtt (self, conn);
      break;
    case TV_GRAPH_WINDOW:
    case TV_GRAPH_N_KINDS:
    default:
      build_window (self, conn);
      break;
    }

  self->x_min = 0;
  self->x_max = (double) (conn->last_ns - conn->first_ns) / 1e9;
  self->y_min = G_MAXDOUBLE;
  self->y_max = -G_MAXDOUBLE;
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);

      series_finish (series);
      /* the window line of tcptrace may run far above the data: it is
       * fitted in below (at most a quarter above) */
      if (kind == TV_GRAPH_TCPTRACE && series->role == TV_GRAPH_ROLE_WINDOW)
        continue;
      for (guint i = 0; i < series->points->len; i++)
        {
          const Point *p = &g_array_index (series->points, Point, i);

          self->y_min = MIN (self->y_min, p->y);
          self->y_max = MAX (self->y_max, p->y + p->h);
          self->x_max = MAX (self->x_max, p->x);
          any = TRUE;
        }
    }
  if (!any)
    self->y_min = 0, self->y_max = 1;
  if (kind == TV_GRAPH_TCPTRACE && any)
    {
      Series *win = g_ptr_array_index (self->series, (guint) tv_graph_layout_find_series (self, TV_GRAPH_ROLE_WINDOW));
      double win_max = self->y_max;

      for (guint i = 0; i < win->points->len; i++)
        win_max = MAX (win_max, g_array_index (win->points, Point, i).y);
      self->y_max = MIN (win_max, self->y_max + (self->y_max - MIN (self->y_min, 0)) * 0.25);
    }
  /* quantities start at 0; sequence numbers near their first */
  if (self->y_min > 0)
    self->y_min = 0;
  if (self->y_max <= self->y_min)
    self->y_max = self->y_min + 1;
  if (self->x_max <= self->x_min)
    self->x_max = self->x_min + 1e-3;

  return self;
}

void
tv_graph_layout_free (TvGraphLayout *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->series);
  g_free (self);
}

/* ---- getters ----------------------------------------------------------- */

TvGraphKind
tv_graph_layout_get_kind (TvGraphLayout *self)
{
  return self->kind;
}

TvDirection
tv_graph_layout_get_direction (TvGraphLayout *self)
{
  return self->from;
}

guint32
tv_graph_layout_get_conn_id (TvGraphLayout *self)
{
  return self->conn_id;
}

guint32
tv_graph_layout_get_n_conn_segments (TvGraphLayout *self)
{
  return self->n_conn_segs;
}

gint64
tv_graph_layout_get_origin_ns (TvGraphLayout *self)
{
  return self->origin_ns;
}

TvGraphUnit
tv_graph_layout_get_y_unit (TvGraphLayout *self)
{
  switch (self->kind)
    {
    case TV_GRAPH_THROUGHPUT:
      return TV_GRAPH_UNIT_RATE;
    case TV_GRAPH_RTT:
      return TV_GRAPH_UNIT_TIME;
    case TV_GRAPH_STEVENS:
    case TV_GRAPH_TCPTRACE:
    case TV_GRAPH_WINDOW:
    case TV_GRAPH_N_KINDS:
    default:
      return TV_GRAPH_UNIT_BYTES;
    }
}

const char *
tv_graph_layout_get_y_title (TvGraphLayout *self)
{
  switch (self->kind)
    {
    case TV_GRAPH_STEVENS:
    case TV_GRAPH_TCPTRACE:
      return _("Relative sequence number");
    case TV_GRAPH_THROUGHPUT:
      return _("Throughput");
    case TV_GRAPH_RTT:
      return _("Round-trip time");
    case TV_GRAPH_WINDOW:
    case TV_GRAPH_N_KINDS:
    default:
      return _("Bytes");
    }
}

void
tv_graph_layout_get_bounds (TvGraphLayout *self,
                            double        *x_min,
                            double        *x_max,
                            double        *y_min,
                            double        *y_max)
{
  if (x_min)
    *x_min = self->x_min;
  if (x_max)
    *x_max = self->x_max;
  if (y_min)
    *y_min = self->y_min;
  if (y_max)
    *y_max = self->y_max;
}

guint
tv_graph_layout_get_n_series (TvGraphLayout *self)
{
  return self->series->len;
}

static inline Series *
get_series (TvGraphLayout *self,
            guint          series)
{
  g_return_val_if_fail (series < self->series->len, NULL);
  return g_ptr_array_index (self->series, series);
}

TvGraphRole
tv_graph_layout_get_role (TvGraphLayout *self,
                          guint          series)
{
  return get_series (self, series)->role;
}

TvGraphShape
tv_graph_layout_get_shape (TvGraphLayout *self,
                           guint          series)
{
  return get_series (self, series)->shape;
}

guint
tv_graph_layout_get_n_items (TvGraphLayout *self,
                             guint          series)
{
  return get_series (self, series)->points->len;
}

int
tv_graph_layout_find_series (TvGraphLayout *self,
                             TvGraphRole    role)
{
  for (guint i = 0; i < self->series->len; i++)
    if (((Series *) g_ptr_array_index (self->series, i))->role == role)
      return (int) i;
  return -1;
}

void
tv_graph_layout_get_item (TvGraphLayout *self,
                          guint          series,
                          guint          index,
                          TvGraphItem   *item)
{
  Series *s = get_series (self, series);
  Bucket b;

  g_return_if_fail (index < s->points->len);
  bucket_from_point (&b, &g_array_index (s->points, Point, index));
  memcpy (item, &b, sizeof *item);
}

guint64
tv_graph_layout_get_total_bytes (TvGraphLayout *self)
{
  return self->total_bytes;
}

double
tv_graph_layout_get_average_window (TvGraphLayout *self)
{
  return self->average_window;
}

/* ---- what is visible --------------------------------------------------- */

G_STATIC_ASSERT (sizeof (TvGraphItem) == sizeof (Bucket));

/* First index whose x >= @x (or > @x with @after). */
static guint
lower_bound (GArray  *pts,
             double   x,
             gboolean after)
{
  guint lo = 0, hi = pts->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      double v = g_array_index (pts, Point, mid).x;

      if (v < x || (after && v == x))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Points merged by pixel cells: a column at a time (they are sorted by
 * x), each distinct row of it once. */
static void
get_visible_cells (GArray *pts,
                   guint   i0,
                   guint   i1,
                   double  x0,
                   double  dx,
                   double  dy,
                   GArray *out)
{
  gint64 col = G_MININT64;
  guint col_start = out->len;

  for (guint i = i0; i < i1; i++)
    {
      const Point *p = &g_array_index (pts, Point, i);
      gint64 c = (gint64) floor ((p->x - x0) / dx);
      gint64 row = (gint64) floor (p->y / dy);
      gint64 row_hi = (gint64) floor ((p->y + p->h) / dy);
      Bucket b;
      guint k;

      if (c != col)
        {
          col = c;
          col_start = out->len;
        }
      for (k = col_start; k < out->len; k++)
        {
          Bucket *o = &g_array_index (out, Bucket, k);

          if ((gint64) floor (o->y_lo / dy) <= row_hi && (gint64) floor (o->y_hi / dy) >= row)
            {
              bucket_from_point (&b, p);
              bucket_merge (o, &b);
              break;
            }
        }
      if (k == out->len)
        {
          bucket_from_point (&b, p);
          g_array_append_val (out, b);
        }
    }
}

void
tv_graph_layout_get_visible (TvGraphLayout *self,
                             guint          series,
                             double         x0,
                             double         x1,
                             double         dx,
                             double         dy,
                             GArray        *out)
{
  Series *s = get_series (self, series);
  GArray *pts = s->points;
  guint i0, i1, level = 0;
  gint64 last_col = G_MININT64;
  Bucket *cur = NULL;

  g_return_if_fail (out != NULL && g_array_get_element_size (out) == sizeof (TvGraphItem));
  if (pts->len == 0 || !(x1 >= x0))
    return;
  if (!(dx > 0))
    dx = (x1 - x0) / 1000.0 + 1e-12;

  i0 = lower_bound (pts, x0, FALSE);
  i1 = lower_bound (pts, x1, TRUE);
  /* one more each side: lines run to the edges */
  if (i0 > 0)
    i0--;
  if (i1 < pts->len)
    i1++;
  if (i1 <= i0)
    return;

  if (dy > 0 && s->shape != TV_GRAPH_SHAPE_STEPS && s->shape != TV_GRAPH_SHAPE_BARS &&
      i1 - i0 <= TV_GRAPH_MAX_CELL_POINTS)
    {
      get_visible_cells (pts, i0, i1, x0, dx, dy, out);
      return;
    }

  /* the coarsest level that still has a few items a column */
  {
    double cols = (x1 - x0) / dx + 2;

    while (level < s->levels->len && (double) ((i1 - i0) >> (FANOUT_BITS * (level + 1))) > 2 * cols)
      level++;
  }

  {
    guint first = i0 >> (FANOUT_BITS * level);
    guint last = (i1 - 1) >> (FANOUT_BITS * level);
    GArray *lv = level > 0 ? g_ptr_array_index (s->levels, level - 1) : NULL;

    for (guint i = first; i <= last; i++)
      {
        Bucket b;
        gint64 col;

        if (lv == NULL)
          bucket_from_point (&b, &g_array_index (pts, Point, i));
        else
          b = g_array_index (lv, Bucket, i);
        col = (gint64) floor ((b.x0 - x0) / dx);
        if (cur != NULL && col <= last_col)
          {
            bucket_merge (cur, &b);
            last_col = (gint64) floor ((cur->x1 - x0) / dx);
            continue;
          }
        g_array_append_val (out, b);
        cur = &g_array_index (out, Bucket, out->len - 1);
        /* a merged bucket may span columns: the next starts after it */
        last_col = (gint64) floor ((b.x1 - x0) / dx);
      }
  }
}

int
tv_graph_layout_hit (TvGraphLayout *self,
                     double         x,
                     double         y,
                     double         rx,
                     double         ry)
{
  double best = G_MAXDOUBLE;
  int hit = -1;

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      GArray *pts = series->points;

      for (guint i = lower_bound (pts, x - rx, FALSE); i < pts->len; i++)
        {
          const Point *p = &g_array_index (pts, Point, i);
          double ex, ey, d;

          if (p->x > x + rx)
            break;
          ex = (p->x - x) / rx;
          if (y < p->y)
            ey = (p->y - y) / ry;
          else if (y > p->y + p->h)
            ey = (y - p->y - p->h) / ry;
          else
            ey = 0;
          if (fabs (ey) > 1)
            continue;
          d = ex * ex + ey * ey;
          if (d <= 2 && d < best)
            {
              best = d;
              hit = (int) p->seg;
            }
        }
    }
  return hit;
}

gboolean
tv_graph_layout_get_segment_position (TvGraphLayout *self,
                                      guint32        seg,
                                      double        *x,
                                      double        *y)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);

      if (series->role != TV_GRAPH_ROLE_DATA && series->role != TV_GRAPH_ROLE_RETRANSMISSION &&
          series->role != TV_GRAPH_ROLE_ACK && series->role != TV_GRAPH_ROLE_RTT &&
          series->role != TV_GRAPH_ROLE_THROUGHPUT && series->role != TV_GRAPH_ROLE_WINDOW)
        continue;
      for (guint i = 0; i < series->points->len; i++)
        {
          const Point *p = &g_array_index (series->points, Point, i);

          if (p->seg == seg)
            {
              *x = p->x;
              *y = p->y + p->h / 2;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* ---- ticks ------------------------------------------------------------- */

void
tv_graph_ticks_free (GArray *ticks)
{
  if (ticks == NULL)
    return;
  for (guint i = 0; i < ticks->len; i++)
    g_free (g_array_index (ticks, TvGraphTick, i).label);
  g_array_unref (ticks);
}

/* A round step (1, 2, 5 × 10^n) giving at most @max_ticks ticks. */
static double
nice_step (double range,
           guint  max_ticks)
{
  double raw = range / MAX (max_ticks, 2u);
  double mag = pow (10, floor (log10 (raw)));
  double steps[] = { 1, 2, 5, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * mag >= raw)
      return steps[i] * mag;
  return 10 * mag;
}

/* Decimals that tell ticks @step apart, for values in units of @unit. */
static guint
decimals_for_step (double step,
                   double unit)
{
  double s = step / unit;
  int d = (int) ceil (-log10 (s) - 1e-9);

  return (guint) CLAMP (d, 0, 9);
}

static char *
join_number_unit (const char *number,
                  const char *unit)
{
  /* the same words and order as tv-format.c */
  return g_strdup_printf (C_("number and unit", "%1$s %2$s"), number, unit);
}

static char *
tick_label (TvGraphUnit unit,
            double      value,
            double      step,
            double      magnitude)
{
  if (fabs (value) < step * 1e-6)
    value = 0;

  switch (unit)
    {
    case TV_GRAPH_UNIT_TIME:
      {
        TvTimeUnit tu = tv_time_unit_for ((gint64) (magnitude * 1e9));
        static const double unit_s[] = { 1e-9, 1e-6, 1e-3, 1, 60 };

        if (tu == TV_TIME_UNIT_MIN)
          tu = TV_TIME_UNIT_S;   /* 1 s steps read better than 0.0167 min */
        if (value == 0)
          return tv_format_duration (0);
        return tv_format_duration_in_unit ((gint64) llround (value * 1e9), tu,
                                           decimals_for_step (step, unit_s[tu]), TRUE);
      }

    case TV_GRAPH_UNIT_BYTES:
    case TV_GRAPH_UNIT_RATE:
    default:
      {
        const char *byte_units[] = {
          C_("byte unit", "B"), C_("byte unit", "kB"), C_("byte unit", "MB"),
          C_("byte unit", "GB"), C_("byte unit", "TB"),
        };
        const char *rate_units[] = {
          C_("rate unit", "bit/s"), C_("rate unit", "kbit/s"), C_("rate unit", "Mbit/s"),
          C_("rate unit", "Gbit/s"), C_("rate unit", "Tbit/s"),
        };
        double m = magnitude, u = 1;
        guint p = 0;
        g_autofree char *number = NULL;

        if (value == 0)
          return g_strdup ("0");
        while (m >= 1000 && p < 4)
          m /= 1000, u *= 1000, p++;
        number = g_strdup_printf ("%.*f", (int) decimals_for_step (step, u), value / u);
        return join_number_unit (number, unit == TV_GRAPH_UNIT_RATE ? rate_units[p] : byte_units[p]);
      }
    }
}

GArray *
tv_graph_ticks (TvGraphUnit unit,
                double      lo,
                double      hi,
                guint       max_ticks)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (TvGraphTick));
  double step, first, magnitude, factor = 1;

  if (!(hi > lo) || !isfinite (lo) || !isfinite (hi))
    return ticks;
  /* rates are written in bits per second: round numbers of bits */
  if (unit == TV_GRAPH_UNIT_RATE)
    factor = 8;
  lo *= factor;
  hi *= factor;
  step = nice_step (hi - lo, max_ticks);
  first = ceil (lo / step - 1e-9) * step;
  magnitude = MAX (fabs (lo), fabs (hi));
  for (guint i = 0; i < 1000; i++)
    {
      TvGraphTick tick;

      double v = first + i * step;

      if (v > hi + step * 1e-9)
        break;
      tick.value = v / factor;
      tick.label = tick_label (unit, v, step, magnitude);
      g_array_append_val (ticks, tick);
    }
  return ticks;
}
