/* tv-ladder-layout.c: the geometry of a ladder diagram.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-ladder-layout"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tv-ladder-layout.h"
#include "tv-format.h"

struct _TvLadderLayout {
  TvTracker      *tracker;
  TvConn         *conn;
  TvLadderOptions opt;

  guint           n_rows;
  guint           cap_rows;
  double         *y;            /* arrow tail y per row */

  GArray         *breaks;       /* guint: rows before which the gap is broken */

  double          client_x, server_x;
  double          time_x, phase_x;
  double          header_bottom;
  double          width;
  double          max_above;    /* highest a row reaches above its y */
  double          max_below;    /* lowest a row reaches below its y */
  double          base_pitch;   /* least distance of two one-line rows */
  double          px_per_ns;    /* time spacing */

  gint64          t0;
  gint            hs_first;     /* first SYN row, -1 */
  gint            hs_last;      /* the ACK completing the handshake, -1 */
  gint            close_first;  /* first FIN row, -1 */
  gint            reset_first;  /* first RST row, -1 */

  /* compact: the rows that start a phase (their title above them) */
  guint           n_heads;
  guint           head_row[4];
  TvLadderPhaseKind head_kind[4];
  double          min_width;    /* compact: the least width */

  guint           probes;
};

/* between a lifeline and its state boxes, in the full layout */
#define FULL_STATE_GAP 10.0

static guint collect_phases (TvLadderLayout *self,
                             TvLadderPhase   phases[4],
                             gboolean        with_y);

void
tv_ladder_options_init (TvLadderOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->spacing = TV_LADDER_SPACING_EVEN;
  options->absolute = FALSE;
  options->margin = 16;
  options->time_width = 72;
  options->phase_width = 40;
  options->state_width = 104;
  options->state_height = 20;
  options->header_height = 48;
  options->line_height = 16;
  options->label_gap = 4;
  options->arrow_drop = 14;
  options->row_gap = 10;
  options->label_width = 300;
  options->min_span = 340;
  options->px_per_second = 0;
  options->max_gap = 0;
  options->compact = FALSE;
  options->label_split = 0;
  options->width = 0;
  options->state_gap = 6;
  options->time_height = 14;
  options->title_line_height = 15;
}

double
tv_ladder_options_get_full_width (const TvLadderOptions *o)
{
  double span;

  g_return_val_if_fail (o != NULL, 0);

  /* as compute_columns() sets the full layout's columns */
  span = MAX (o->min_span, o->label_width + 2 * 24);
  return o->margin + o->time_width + 12 + o->phase_width + o->state_width + 16 +
         span + 16 + o->state_width + o->margin;
}

gboolean
tv_ladder_options_same_rows (const TvLadderOptions *a,
                             const TvLadderOptions *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->spacing == b->spacing && a->absolute == b->absolute &&
         a->margin == b->margin && a->time_width == b->time_width &&
         a->phase_width == b->phase_width && a->state_width == b->state_width &&
         a->state_height == b->state_height && a->header_height == b->header_height &&
         a->line_height == b->line_height && a->label_gap == b->label_gap &&
         a->arrow_drop == b->arrow_drop && a->row_gap == b->row_gap &&
         a->label_width == b->label_width && a->min_span == b->min_span &&
         a->px_per_second == b->px_per_second && a->max_gap == b->max_gap &&
         a->compact == b->compact && a->label_split == b->label_split &&
         a->state_gap == b->state_gap && a->time_height == b->time_height &&
         a->title_line_height == b->title_line_height &&
         memcmp (a->title_lines, b->title_lines, sizeof a->title_lines) == 0 &&
         (a->compact || a->width == b->width);
}

/* The analysis marks a row shows as tags: a RST arrow is red already, and
 * a fast or spurious retransmission says it all. */
guint
tv_ladder_segment_shown_analysis (const TvSegment *seg)
{
  guint analysis = seg->analysis;

  if (seg->flags & TV_TCP_RST)
    analysis &= ~TV_ANALYSIS_RESET;
  if (analysis & (TV_ANALYSIS_FAST_RETRANSMISSION | TV_ANALYSIS_SPURIOUS_RETRANSMISSION))
    analysis &= ~TV_ANALYSIS_RETRANSMISSION;
  return analysis;
}

/* Lines of label: the flags and numbers; the HTTP/TLS line above them;
 * the tags above all. */
static guint
number_lines (const TvLadderOptions *o,
              const TvSegment       *seg)
{
  gboolean has_ack = (seg->flags & TV_TCP_ACK) != 0;
  gboolean has_len = seg->len > 0;

  if (!o->compact || o->label_split == 0)
    return 1;
  if (o->label_split == 1)
    return 2;
  if (o->label_split == 2)
    return 2 + has_len;
  return 2 + has_ack + has_len;
}

static guint
row_n_lines (const TvLadderOptions *o,
             const TvSegment       *seg)
{
  return number_lines (o, seg) + (seg->label != 0) + (tv_ladder_segment_shown_analysis (seg) != 0);
}

static double
row_above (TvLadderLayout *self,
           const TvSegment *seg)
{
  return self->opt.label_gap + row_n_lines (&self->opt, seg) * self->opt.line_height;
}

/* compact: what a row has above its arrow's tail: its label, and left of
 * the client's lifeline its time over a state box */
static double
compact_extent (TvLadderLayout  *self,
                const TvSegment *seg)
{
  const TvLadderOptions *o = &self->opt;

  return MAX (row_above (self, seg), o->state_height / 2 + 1 + o->time_height);
}

static double
title_height (TvLadderLayout    *self,
              TvLadderPhaseKind  kind)
{
  return MAX (1, self->opt.title_lines[kind]) * self->opt.title_line_height + 4;
}

/* compact: the height of the phase title above @row, 0 if none */
static double
heading_above (TvLadderLayout *self,
               guint           row)
{
  for (guint i = 0; i < self->n_heads; i++)
    if (self->head_row[i] == row)
      return title_height (self, self->head_kind[i]);
  return 0;
}

/* compact: finds the rows that start a phase now, and returns the first
 * row whose place changes with them (<= @from). */
static guint
update_heads (TvLadderLayout *self,
              guint           from)
{
  TvLadderPhase phases[4];
  guint old_n = self->n_heads;
  guint old_row[4];
  TvLadderPhaseKind old_kind[4];
  guint n;

  memcpy (old_row, self->head_row, sizeof old_row);
  memcpy (old_kind, self->head_kind, sizeof old_kind);

  n = collect_phases (self, phases, FALSE);
  self->n_heads = n;
  for (guint i = 0; i < n; i++)
    {
      self->head_row[i] = phases[i].first_row;
      self->head_kind[i] = phases[i].kind;
    }

  /* a phase that starts elsewhere than it did (rare: a handshake seen
   * late) moves the rows after it */
  for (guint i = 0; i < old_n; i++)
    if (old_row[i] < from && heading_above (self, old_row[i]) != title_height (self, old_kind[i]))
      from = MIN (from, old_row[i]);
  for (guint i = 0; i < n; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < old_n; j++)
        found |= old_row[j] == self->head_row[i] && old_kind[j] == self->head_kind[i];
      if (!found && self->head_row[i] < from)
        from = MIN (from, self->head_row[i]);
    }

  return from;
}

static void
ensure_capacity (TvLadderLayout *self,
                 guint           n)
{
  if (n <= self->cap_rows)
    return;

  self->cap_rows = MAX (n, MAX (64, self->cap_rows * 2));
  self->y = g_renew (double, self->y, self->cap_rows);
}

/* Picks the time scale so that a typical gap between two segments is drawn
 * a little longer than the least row distance: a sample of the gaps is
 * enough. */
static double
choose_px_per_ns (TvLadderLayout *self)
{
  TvConn *conn = self->conn;
  g_autofree gint64 *sample = NULL;
  guint n = 0;
  guint step;
  gint64 median;

  if (self->opt.px_per_second > 0)
    return self->opt.px_per_second / 1e9;

  if (conn->n_segs < 2)
    return self->base_pitch / 1e6;  /* 1 ms per row */

  step = MAX (1, (conn->n_segs - 1) / 4096);
  sample = g_new (gint64, (conn->n_segs - 1) / step + 1);
  for (guint i = 1; i < conn->n_segs; i += step)
    {
      gint64 dt = conn->segs[i].time_ns - conn->segs[i - 1].time_ns;

      if (dt > 0)
        sample[n++] = dt;
    }

  if (n == 0)
    return self->base_pitch / 1e6;

  /* median by a simple sort: n <= 4096 */
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
  median = sample[n / 2];

  return 1.5 * self->base_pitch / (double) median;
}

static void
classify_row (TvLadderLayout *self,
              guint           i)
{
  const TvConn *conn = self->conn;
  const TvSegment *seg = &conn->segs[i];

  if ((seg->flags & TV_TCP_SYN) && self->hs_first < 0)
    self->hs_first = i;

  if (self->hs_last < 0 && self->hs_first >= 0 &&
      tv_ladder_segment_completes_handshake (conn, seg))
    self->hs_last = i;

  if ((seg->flags & TV_TCP_FIN) && self->close_first < 0)
    self->close_first = i;

  if ((seg->flags & TV_TCP_RST) && self->reset_first < 0)
    self->reset_first = i;
}

static void
layout_rows (TvLadderLayout *self,
             guint           from)
{
  TvConn *conn = self->conn;
  double max_gap = self->opt.max_gap > 0 ? self->opt.max_gap : 6 * self->base_pitch;

  ensure_capacity (self, conn->n_segs);

  if (self->opt.compact)
    {
      /* the phase titles take room above their first rows */
      for (guint i = from; i < conn->n_segs; i++)
        classify_row (self, i);
      self->n_rows = conn->n_segs;
      from = update_heads (self, from);
    }

  for (guint i = from; i < conn->n_segs; i++)
    {
      const TvSegment *seg = &conn->segs[i];
      double above = row_above (self, seg);
      double y;

      if (self->opt.compact)
        {
          const TvLadderOptions *o = &self->opt;
          double ext = compact_extent (self, seg);
          double head = heading_above (self, i);
          double pitch = o->arrow_drop + MAX (MAX (o->row_gap, o->state_height / 2 + 2) + head + ext,
                                              o->state_height + 4);

          if (i == 0)
            /* the initial states (CLOSED, LISTEN) under the header, then
             * the first title */
            y = self->header_bottom + 6 + o->state_height + 4 + head + ext;
          else if (o->spacing == TV_LADDER_SPACING_TIME)
            {
              gint64 dt = seg->time_ns - conn->segs[i - 1].time_ns;
              double want = dt > 0 ? dt * self->px_per_ns : 0;

              if (want > max_gap)
                {
                  guint idx = i;

                  g_array_append_val (self->breaks, idx);
                  want = MAX (pitch + 2 * o->line_height, MIN (max_gap, 2.5 * self->base_pitch));
                }
              y = self->y[i - 1] + MAX (pitch, want);
            }
          else
            y = self->y[i - 1] + pitch;

          self->y[i] = y;
          self->max_above = MAX (self->max_above, head + ext);
          classify_row (self, i);
          continue;
        }

      if (i == 0)
        {
          /* room for the initial states (CLOSED, LISTEN) under the header */
          y = self->header_bottom + MAX (above + 6, 1.5 * self->opt.state_height + 10);
        }
      else
        {
          /* least distance: the previous arrow, a gap, this row's labels;
           * and two state boxes on one lifeline must not touch */
          double prev = self->y[i - 1];
          double pitch = MAX (self->opt.arrow_drop + self->opt.row_gap + above,
                              self->opt.arrow_drop + self->opt.state_height + 4);
          double gap = pitch;

          if (self->opt.spacing == TV_LADDER_SPACING_TIME)
            {
              gint64 dt = seg->time_ns - conn->segs[i - 1].time_ns;
              double want = dt > 0 ? dt * self->px_per_ns : 0;

              if (want > max_gap)
                {
                  guint idx = i;

                  g_array_append_val (self->breaks, idx);
                  /* drawn short, with a mark and the time it stands for */
                  want = MAX (pitch + 2 * self->opt.line_height,
                              MIN (max_gap, 2.5 * self->base_pitch));
                }
              gap = MAX (pitch, want);
            }
          y = prev + gap;
        }

      self->y[i] = y;
      self->max_above = MAX (self->max_above, above);
      classify_row (self, i);
    }

  self->n_rows = conn->n_segs;
}

static void
compute_compact_columns (TvLadderLayout *self)
{
  const TvLadderOptions *o = &self->opt;
  double right = o->state_gap + o->state_width + o->margin;

  /* the phase lines in the margin, then the client's states */
  self->phase_x = o->margin + 1;
  self->client_x = o->margin + 7 + o->state_width + o->state_gap;
  self->time_x = self->client_x - o->state_gap;
  self->min_width = self->client_x + o->min_span + right;
  self->width = MAX (o->width, self->min_width);
  self->server_x = self->width - right;
}

static void
compute_columns (TvLadderLayout *self)
{
  const TvLadderOptions *o = &self->opt;
  double span = MAX (o->min_span, o->label_width + 2 * 24);

  if (o->compact)
    {
      double one_line = o->label_gap + o->line_height;
      double ext = MAX (one_line, o->state_height / 2 + 1 + o->time_height);

      compute_compact_columns (self);
      self->header_bottom = o->margin + o->header_height;
      self->base_pitch = o->arrow_drop + MAX (MAX (o->row_gap, o->state_height / 2 + 2) + ext,
                                              o->state_height + 4);
      self->max_above = ext;
      self->max_below = o->arrow_drop + o->state_height / 2 + 2;
      return;
    }

  self->time_x = o->margin + o->time_width;
  self->phase_x = self->time_x + 12;
  self->client_x = self->phase_x + o->phase_width + o->state_width + 16;
  self->server_x = self->client_x + span;
  self->width = self->server_x + 16 + o->state_width + o->margin;
  self->min_width = self->width;
  self->header_bottom = o->margin + o->header_height;
  self->base_pitch = MAX (o->arrow_drop + o->row_gap + o->label_gap + o->line_height,
                          o->arrow_drop + o->state_height + 4);
  self->max_above = MAX (o->label_gap + o->line_height, o->state_height / 2 + 2);
  self->max_below = o->arrow_drop + o->state_height / 2 + 2;
}

TvLadderLayout *
tv_ladder_layout_new (TvTracker             *tracker,
                      TvConn                *conn,
                      const TvLadderOptions *options)
{
  TvLadderLayout *self;

  g_return_val_if_fail (tracker != NULL, NULL);
  g_return_val_if_fail (conn != NULL, NULL);

  self = g_new0 (TvLadderLayout, 1);
  self->tracker = tracker;
  self->conn = conn;
  if (options != NULL)
    self->opt = *options;
  else
    tv_ladder_options_init (&self->opt);
  self->breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->hs_first = self->hs_last = self->close_first = self->reset_first = -1;
  self->t0 = conn->n_segs > 0 ? conn->segs[0].time_ns : 0;

  compute_columns (self);
  self->px_per_ns = choose_px_per_ns (self);
  layout_rows (self, 0);

  return self;
}

void
tv_ladder_layout_free (TvLadderLayout *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->y, g_free);
  g_clear_pointer (&self->breaks, g_array_unref);
  g_free (self);
}

gboolean
tv_ladder_layout_update (TvLadderLayout *self)
{
  guint from;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->conn->n_segs == self->n_rows)
    return FALSE;

  from = self->n_rows;
  if (from == 0)
    {
      self->t0 = self->conn->segs[0].time_ns;
      self->px_per_ns = choose_px_per_ns (self);
    }
  else if (self->conn->n_segs < from)
    {
      /* should not happen: a connection only grows; start over */
      g_array_set_size (self->breaks, 0);
      self->hs_first = self->hs_last = self->close_first = self->reset_first = -1;
      self->n_heads = 0;
      from = 0;
    }

  layout_rows (self, from);
  return TRUE;
}

void
tv_ladder_layout_set_width (TvLadderLayout *self,
                            double          width)
{
  g_return_if_fail (self != NULL);

  if (!self->opt.compact)
    return;
  self->opt.width = width;
  compute_compact_columns (self);
}

double
tv_ladder_layout_get_min_width (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->min_width;
}

void
tv_ladder_layout_get_state_box (TvLadderLayout *self,
                                TvDirection     side,
                                double          y,
                                double          box[4])
{
  const TvLadderOptions *o;
  double gap;

  g_return_if_fail (self != NULL);
  g_return_if_fail (box != NULL);

  o = &self->opt;
  gap = o->compact ? o->state_gap : FULL_STATE_GAP;
  box[0] = side == TV_DIR_CLIENT_TO_SERVER ? self->client_x - gap - o->state_width
                                            : self->server_x + gap;
  box[1] = y - o->state_height / 2;
  box[2] = o->state_width;
  box[3] = o->state_height;
}

TvTracker *
tv_ladder_layout_get_tracker (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->tracker;
}

TvConn *
tv_ladder_layout_get_conn (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->conn;
}

const TvLadderOptions *
tv_ladder_layout_get_options (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->opt;
}

guint
tv_ladder_layout_get_n_rows (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

double
tv_ladder_layout_get_width (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

double
tv_ladder_layout_get_height (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->n_rows == 0)
    return self->header_bottom + 2 * self->opt.state_height + self->opt.margin;

  return self->y[self->n_rows - 1] + self->max_below + self->opt.margin + 8;
}

double
tv_ladder_layout_get_client_x (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->client_x;
}

double
tv_ladder_layout_get_server_x (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->server_x;
}

double
tv_ladder_layout_get_header_bottom (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->header_bottom;
}

double
tv_ladder_layout_get_time_x (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->time_x;
}

double
tv_ladder_layout_get_phase_x (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->phase_x;
}

double
tv_ladder_layout_get_row_y (TvLadderLayout *self,
                            guint           row)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (row < self->n_rows, 0);

  return self->y[row];
}

gboolean
tv_ladder_segment_completes_handshake (const TvConn    *conn,
                                       const TvSegment *seg)
{
  g_return_val_if_fail (conn != NULL && seg != NULL, FALSE);

  return conn->hs_ack_ns != 0 && seg->time_ns == conn->hs_ack_ns &&
         seg->dir == TV_DIR_CLIENT_TO_SERVER &&
         (seg->flags & (TV_TCP_SYN | TV_TCP_ACK | TV_TCP_RST)) == TV_TCP_ACK;
}

TvLadderKind
tv_ladder_segment_kind (const TvSegment *seg,
                        gboolean         completes_handshake)
{
  g_return_val_if_fail (seg != NULL, TV_LADDER_KIND_ACK);

  if (seg->flags & TV_TCP_RST)
    return TV_LADDER_KIND_RESET;
  if (seg->flags & TV_TCP_SYN)
    return TV_LADDER_KIND_HANDSHAKE;
  if (completes_handshake && seg->len == 0)
    return TV_LADDER_KIND_HANDSHAKE;
  if (seg->flags & TV_TCP_FIN)
    return TV_LADDER_KIND_CLOSE;
  if (seg->len > 0)
    return TV_LADDER_KIND_DATA;
  return TV_LADDER_KIND_ACK;
}

static TvLadderKind
row_kind (TvLadderLayout  *self,
          guint            row,
          const TvSegment *seg)
{
  return tv_ladder_segment_kind (seg, (gint) row == self->hs_last);
}

static gboolean
is_break (TvLadderLayout *self,
          guint           row)
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
tv_ladder_layout_get_row (TvLadderLayout *self,
                          guint           row,
                          TvLadderRow    *out)
{
  const TvSegment *seg;
  const TvSegment *prev;
  double y;
  gboolean to_server;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (row < self->n_rows);

  seg = &self->conn->segs[row];
  prev = row > 0 ? &self->conn->segs[row - 1] : NULL;
  y = self->y[row];
  to_server = seg->dir == TV_DIR_CLIENT_TO_SERVER;

  memset (out, 0, sizeof *out);
  out->index = row;
  out->seg = seg;
  out->kind = row_kind (self, row, seg);
  out->x1 = to_server ? self->client_x : self->server_x;
  out->x2 = to_server ? self->server_x : self->client_x;
  out->y1 = y;
  out->y2 = y + self->opt.arrow_drop;
  out->n_lines = row_n_lines (&self->opt, seg);
  out->n_number_lines = number_lines (&self->opt, seg);
  out->label_bottom = y - self->opt.label_gap;
  out->label_x = (self->client_x + self->server_x) / 2;
  out->label_max_width = self->server_x - self->client_x - 2 * (self->opt.compact ? 8 : 12);
  out->time_x2 = self->time_x;
  out->time_x1 = self->time_x - self->opt.state_width;
  out->time_bottom = self->opt.compact ? y - self->opt.state_height / 2 - 1 : y;
  out->top = out->label_bottom - out->n_lines * self->opt.line_height;
  out->bottom = out->y2;

  out->client_state = seg->client_state;
  out->server_state = seg->server_state;
  /* the first row compares with the state drawn above it, if any */
  out->client_state_changed = seg->client_state != TV_TCP_STATE_UNKNOWN &&
    (prev != NULL ? prev->client_state != seg->client_state
                  : tv_ladder_layout_get_initial_state (self, TV_DIR_CLIENT_TO_SERVER) != seg->client_state);
  out->server_state_changed = seg->server_state != TV_TCP_STATE_UNKNOWN &&
    (prev != NULL ? prev->server_state != seg->server_state
                  : tv_ladder_layout_get_initial_state (self, TV_DIR_SERVER_TO_CLIENT) != seg->server_state);
  /* the sender's state changes when it sends, the receiver's on arrival */
  out->client_state_y = to_server ? out->y1 : out->y2;
  out->server_state_y = to_server ? out->y2 : out->y1;

  if (prev != NULL)
    {
      out->gap_ns = seg->time_ns - prev->time_ns;
      out->gap_broken = self->breaks->len > 0 && is_break (self, row);
    }
}

void
tv_ladder_segment_label (TvTracker       *tracker,
                         const TvConn    *conn,
                         const TvSegment *seg,
                         gboolean         absolute,
                         TvLadderLabel   *out)
{
  char flags[48];
  gsize n;

  g_return_if_fail (tracker != NULL && conn != NULL && seg != NULL);
  g_return_if_fail (out != NULL);

  tv_tcp_flags_to_string (seg->flags, flags, sizeof flags);

  if (absolute)
    n = g_snprintf (out->text, sizeof out->text, "%s seq=%u", flags, seg->seq);
  else
    n = g_snprintf (out->text, sizeof out->text, "%s seq=%u", flags,
                    tv_conn_relative_seq (conn, seg));

  if ((seg->flags & TV_TCP_ACK) && n < sizeof out->text)
    n += g_snprintf (out->text + n, sizeof out->text - n, " ack=%u",
                     absolute ? seg->ack : tv_conn_relative_ack (conn, seg));

  if (seg->len > 0 && n < sizeof out->text)
    g_snprintf (out->text + n, sizeof out->text - n, " len=%u", seg->len);

  out->app = NULL;
  if (seg->label != 0)
    {
      const char *app = tv_tracker_get_label (tracker, seg->label);

      if (app != NULL && app[0] != '\0')
        out->app = app;
    }
  out->analysis = tv_ladder_segment_shown_analysis (seg);
}

void
tv_ladder_layout_get_label (TvLadderLayout *self,
                            guint           row,
                            TvLadderLabel  *out)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (row < self->n_rows);

  tv_ladder_segment_label (self->tracker, self->conn, &self->conn->segs[row],
                           self->opt.absolute, out);
}

/* First row i with y[i] >= value, in [0, n_rows]. */
static guint
lower_bound (TvLadderLayout *self,
             double          value)
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
tv_ladder_layout_find_rows (TvLadderLayout *self,
                            double          y1,
                            double          y2,
                            guint          *first,
                            guint          *last)
{
  guint a, b;

  g_return_val_if_fail (self != NULL, FALSE);

  self->probes = 0;
  if (self->n_rows == 0 || y2 < y1)
    return FALSE;

  /* a row reaches from y - max_above to y + max_below */
  a = lower_bound (self, y1 - self->max_below);
  b = lower_bound (self, y2 + self->max_above);  /* first row entirely below */

  if (a >= b)
    return FALSE;

  if (first)
    *first = a;
  if (last)
    *last = b - 1;

  return TRUE;
}

guint
tv_ladder_layout_get_last_probes (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->probes;
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
tv_ladder_layout_row_at (TvLadderLayout *self,
                         double          x,
                         double          y)
{
  guint first, last;
  int best = -1;
  double best_d = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, -1);

  if (x < self->client_x - 4 || x > self->server_x + 4)
    return -1;

  if (!tv_ladder_layout_find_rows (self, y - 2, y + 2, &first, &last))
    return -1;

  for (guint i = first; i <= last; i++)
    {
      TvLadderRow row;
      double d;

      tv_ladder_layout_get_row (self, i, &row);
      if (y >= row.top && y <= row.label_bottom)
        d = 0;  /* on the label */
      else
        d = distance_to_segment (x, y, row.x1, row.y1, row.x2, row.y2);

      if (d < best_d)
        {
          best_d = d;
          best = i;
        }
    }

  return best_d <= 8 ? best : -1;
}

TvTcpState
tv_ladder_layout_get_initial_state (TvLadderLayout *self,
                                    TvDirection     side)
{
  const TvSegment *seg;

  g_return_val_if_fail (self != NULL, TV_TCP_STATE_UNKNOWN);

  if (self->n_rows == 0)
    return TV_TCP_STATE_UNKNOWN;

  /* A textbook opening: before the client's SYN, the client is CLOSED and
   * the server LISTENs. */
  seg = &self->conn->segs[0];
  if ((seg->flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN &&
      seg->dir == TV_DIR_CLIENT_TO_SERVER)
    {
      /* in a simultaneous open, neither end was listening; a server that
       * answered with RST and no SYN-ACK had a closed port */
      if (side == TV_DIR_SERVER_TO_CLIENT && !(self->conn->badges & TV_CONN_SIMULTANEOUS_OPEN) &&
          !(self->conn->end == TV_END_RST && !self->conn->side[TV_DIR_SERVER_TO_CLIENT].syn_seen))
        return TV_TCP_STATE_LISTEN;
      return TV_TCP_STATE_CLOSED;
    }

  return TV_TCP_STATE_UNKNOWN;
}

double
tv_ladder_layout_get_initial_state_y (TvLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->n_rows == 0)
    return self->header_bottom + self->opt.state_height;

  if (self->opt.compact)
    return self->header_bottom + 6 + self->opt.state_height / 2;

  return self->y[0] - self->opt.state_height - 4;
}

/* Phases: handshake, data, close, reset, in order, each possibly absent. */
/* How the connection opened: simultaneous when each end sent a SYN
 * without ACK. */
static TvLadderPhaseVariant
open_variant (const TvConn *conn)
{
  if (conn->badges & TV_CONN_SIMULTANEOUS_OPEN)
    return TV_LADDER_VARIANT_SIMULTANEOUS;
  return TV_LADDER_VARIANT_PLAIN;
}

/* Is the RST at @row the answer of an end that never opened to the other
 * end's SYN (a connection refused)? */
static gboolean
refused (const TvConn *conn,
         gint          row)
{
  const TvSegment *rst = &conn->segs[row];

  if (conn->side[rst->dir].syn_seen || !conn->side[!rst->dir].syn_seen)
    return FALSE;
  for (gint i = 0; i < row; i++)
    if (conn->segs[i].dir == rst->dir)
      return FALSE;
  return TRUE;
}

/* How the FINs went, in rows @first (the first FIN) to @last: crossed (the
 * second FIN does not acknowledge the first), or the second FIN carrying
 * the ACK of the first (no ACK of it before), or four segments. */
static TvLadderPhaseVariant
close_variant (const TvConn *conn,
               gint          first,
               gint          last)
{
  const TvSegment *fin1 = &conn->segs[first];
  guint32 end1 = fin1->seq + fin1->len + 1;

  for (gint i = first + 1; i <= last; i++)
    {
      const TvSegment *seg = &conn->segs[i];
      gboolean acks = (seg->flags & TV_TCP_ACK) && (gint32) (seg->ack - end1) >= 0;

      if (seg->dir == fin1->dir)
        continue;
      if (seg->flags & TV_TCP_FIN)
        return acks ? TV_LADDER_VARIANT_COMBINED : TV_LADDER_VARIANT_SIMULTANEOUS;
      if (acks)
        return TV_LADDER_VARIANT_PLAIN;
    }
  return TV_LADDER_VARIANT_PLAIN;
}

static guint
collect_phases (TvLadderLayout *self,
                TvLadderPhase   phases[4],
                gboolean        with_y)
{
  guint n = 0;
  gint data_first = 0;
  gint end_first = self->n_rows;  /* first row of close or reset */
  gboolean refused_rst = FALSE;

  if (self->n_rows == 0)
    return 0;

  memset (phases, 0, 4 * sizeof phases[0]);

  if (self->close_first >= 0)
    end_first = self->close_first;
  if (self->reset_first >= 0 && self->reset_first < end_first)
    end_first = self->reset_first;

  if (self->hs_first >= 0 && self->hs_last >= self->hs_first && self->hs_last < end_first)
    {
      /* an ACK that completes the handshake while carrying data opens the
       * data transfer */
      gint last = self->hs_last;

      if (self->conn->segs[last].len > 0 && last > self->hs_first)
        last--;
      phases[n].kind = TV_LADDER_PHASE_HANDSHAKE;
      phases[n].variant = open_variant (self->conn);
      phases[n].first_row = self->hs_first;
      phases[n].last_row = last;
      phases[n].rtt_ns = tv_conn_initial_rtt (self->conn);
      /* a simultaneous open's second SYN is the other end's, not a copy */
      phases[n].syn_delay_ns = phases[n].variant == TV_LADDER_VARIANT_SIMULTANEOUS ? 0 :
                               tv_conn_syn_retransmission_delay (self->conn);
      n++;
      data_first = last + 1;
    }
  else if (self->hs_first >= 0 && self->hs_last < 0 && self->hs_first < end_first)
    {
      /* a handshake that has not (yet) completed */
      phases[n].kind = TV_LADDER_PHASE_HANDSHAKE;
      phases[n].variant = open_variant (self->conn);
      phases[n].first_row = self->hs_first;
      phases[n].last_row = end_first - 1;
      phases[n].rtt_ns = -1;
      phases[n].syn_delay_ns = 0;
      /* a SYN answered with an RST: the RST ends the refused handshake */
      if (end_first == self->reset_first && refused (self->conn, self->reset_first))
        {
          phases[n].variant = TV_LADDER_VARIANT_REFUSED;
          phases[n].last_row = self->reset_first;
          refused_rst = TRUE;
        }
      n++;
      data_first = end_first;
    }

  if (data_first < end_first)
    {
      phases[n].kind = TV_LADDER_PHASE_DATA;
      phases[n].first_row = data_first;
      phases[n].last_row = end_first - 1;
      phases[n].rtt_ns = -1;
      n++;
    }

  if (self->close_first >= 0 && self->close_first == end_first)
    {
      gint last = self->n_rows - 1;

      if (self->reset_first > self->close_first)
        last = self->reset_first - 1;
      phases[n].kind = TV_LADDER_PHASE_CLOSE;
      phases[n].variant = close_variant (self->conn, self->close_first, last);
      phases[n].first_row = self->close_first;
      phases[n].last_row = last;
      phases[n].rtt_ns = -1;
      n++;
    }

  if (self->reset_first >= 0 && !(refused_rst && self->reset_first == (gint) self->n_rows - 1))
    {
      phases[n].kind = TV_LADDER_PHASE_RESET;
      phases[n].first_row = self->reset_first;
      phases[n].last_row = self->n_rows - 1;
      phases[n].rtt_ns = -1;
      n++;
    }

  for (guint i = 0; i < n && with_y; i++)
    {
      const TvSegment *seg = &self->conn->segs[phases[i].first_row];

      if (self->opt.compact)
        {
          phases[i].y1 = self->y[phases[i].first_row] - compact_extent (self, seg);
          phases[i].title_y = phases[i].y1 - title_height (self, phases[i].kind);
        }
      else
        {
          phases[i].y1 = self->y[phases[i].first_row] - row_above (self, seg);
          phases[i].title_y = phases[i].y1;
        }
      phases[i].y2 = self->y[phases[i].last_row] + self->opt.arrow_drop;
    }

  return n;
}

guint
tv_ladder_layout_get_n_phases (TvLadderLayout *self)
{
  TvLadderPhase phases[4];

  g_return_val_if_fail (self != NULL, 0);
  return collect_phases (self, phases, FALSE);
}

void
tv_ladder_layout_get_phase (TvLadderLayout *self,
                            guint           index,
                            TvLadderPhase  *out)
{
  TvLadderPhase phases[4];
  guint n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  n = collect_phases (self, phases, TRUE);
  g_return_if_fail (index < n);
  *out = phases[index];
}

const char *
tv_ladder_phase_kind_title (TvLadderPhaseKind kind)
{
  switch (kind)
    {
    case TV_LADDER_PHASE_HANDSHAKE:
      return _("Three-way handshake");
    case TV_LADDER_PHASE_DATA:
      return _("Data transfer");
    case TV_LADDER_PHASE_CLOSE:
      return _("Four-way close");
    case TV_LADDER_PHASE_RESET:
      return _("Reset");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
tv_ladder_phase_title (TvLadderPhaseKind    kind,
                       TvLadderPhaseVariant variant)
{
  if (kind == TV_LADDER_PHASE_HANDSHAKE && variant == TV_LADDER_VARIANT_SIMULTANEOUS)
    /* Translators: the title of a phase of a connection: both ends sent a
     * SYN at the same time. */
    return _("Simultaneous open");
  if (kind == TV_LADDER_PHASE_HANDSHAKE && variant == TV_LADDER_VARIANT_REFUSED)
    /* Translators: the title of a phase: a SYN answered with an RST. */
    return _("Connection refused");
  if (kind == TV_LADDER_PHASE_CLOSE && variant == TV_LADDER_VARIANT_SIMULTANEOUS)
    /* Translators: the title of a phase: the two FINs crossed. */
    return _("Simultaneous close");
  if (kind == TV_LADDER_PHASE_CLOSE && variant == TV_LADDER_VARIANT_COMBINED)
    /* Translators: the title of a phase: a close in three segments, the
     * second FIN carrying the ACK of the first. */
    return _("Three-way close (ACK and FIN together)");
  return tv_ladder_phase_kind_title (kind);
}

char *
tv_ladder_phase_dup_title (const TvLadderPhase *phase)
{
  const char *title;
  GString *s;

  g_return_val_if_fail (phase != NULL, NULL);

  title = tv_ladder_phase_title (phase->kind, phase->variant);
  s = g_string_new (title);
  if (phase->kind == TV_LADDER_PHASE_HANDSHAKE && phase->rtt_ns >= 0)
    {
      g_autofree char *rtt = tv_format_duration (phase->rtt_ns);

      g_string_append_c (s, '\n');
      /* Translators: the initial round-trip time of the handshake, under
       * its title: %s is a duration ("350 µs"). */
      g_string_append_printf (s, _("RTT %s"), rtt);
    }
  if (phase->kind == TV_LADDER_PHASE_HANDSHAKE && phase->syn_delay_ns > 0)
    {
      g_autofree char *d = tv_format_duration (phase->syn_delay_ns);

      g_string_append_c (s, '\n');
      /* Translators: under the handshake's title: how long after the first
       * SYN the SYN the RTT is measured from was sent (the first SYN got no
       * answer); %s is a duration ("1.02 s"). */
      g_string_append_printf (s, _("SYN sent again after %s"), d);
    }
  return g_string_free (s, FALSE);
}

gint64
tv_ladder_layout_get_row_time (TvLadderLayout *self,
                               guint           row)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (row < self->n_rows, 0);

  return self->conn->segs[row].time_ns - self->t0;
}

double
tv_ladder_layout_time_to_y (TvLadderLayout *self,
                            gint64          rel_ns)
{
  gint64 t = rel_ns + self->t0;
  const TvSegment *segs;
  guint lo, hi;
  double f;

  g_return_val_if_fail (self != NULL, -1);

  if (self->n_rows == 0)
    return -1;

  segs = self->conn->segs;
  if (t <= segs[0].time_ns)
    return self->y[0];
  if (t >= segs[self->n_rows - 1].time_ns)
    return self->y[self->n_rows - 1];

  /* last row with time <= t (times are in capture order, nearly always
   * ascending) */
  lo = 0;
  hi = self->n_rows;
  self->probes = 0;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      self->probes++;
      if (segs[mid].time_ns <= t)
        lo = mid;
      else
        hi = mid;
    }

  if (hi >= self->n_rows)
    return self->y[lo];
  if (self->breaks->len > 0 && is_break (self, hi))
    return -1;
  if (segs[hi].time_ns <= segs[lo].time_ns)
    return self->y[lo];

  f = (double) (t - segs[lo].time_ns) / (double) (segs[hi].time_ns - segs[lo].time_ns);
  return self->y[lo] + f * (self->y[hi] - self->y[lo]);
}

gint64
tv_ladder_layout_get_tick_step (TvLadderLayout *self,
                                double          min_distance)
{
  double want_ns;
  gint64 step = 1;

  g_return_val_if_fail (self != NULL, 1);

  if (self->px_per_ns <= 0)
    return 1000000;

  want_ns = min_distance / self->px_per_ns;
  while (step < G_MAXINT64 / 10)
    {
      if (step >= want_ns)
        return step;
      if (2 * step >= want_ns)
        return 2 * step;
      if (5 * step >= want_ns)
        return 5 * step;
      step *= 10;
    }

  return step;
}

char *
tv_ladder_format_time (gint64 rel_ns,
                       char  *buf,
                       gsize  size)
{
  gint64 a = ABS (rel_ns);

  /* to the microsecond, as captures time their packets */
  if (a == 0)
    g_snprintf (buf, size, "0 ms");
  else if (a < 1000000000)
    g_snprintf (buf, size, "%.3f ms", rel_ns / 1e6);
  else if (a < 1000 * (gint64) 1000000000)
    g_snprintf (buf, size, "%.6f s", rel_ns / 1e9);
  else
    g_snprintf (buf, size, "%.3f s", rel_ns / 1e9);

  return buf;
}

char *
tv_ladder_format_tick (gint64 rel_ns,
                       gint64 step_ns,
                       char  *buf,
                       gsize  size)
{
  gint64 a = ABS (rel_ns);
  double unit = a >= 1000000000 ? 1e9 : 1e6;
  int decimals = 0;

  if (rel_ns == 0)
    {
      g_snprintf (buf, size, "0 ms");
      return buf;
    }

  /* enough decimals that two ticks never read alike */
  while (decimals < 6 && step_ns / unit * pow (10, decimals) < 0.999)
    decimals++;

  g_snprintf (buf, size, "%.*f %s", decimals, rel_ns / unit, unit == 1e9 ? "s" : "ms");
  return buf;
}
