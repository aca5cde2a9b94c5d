/* tv-playback.c: the playback clock. */
#define G_LOG_DOMAIN "tv-playback"

#include "config.h"

#include "tv-playback.h"

#include "tv-explain.h"

struct _TvPlayback {
  TvConn         *conn;
  GArray         *start;      /* gint64 per row: when its arrow leaves (µs at speed 1) */
  double          pos;        /* where the clock is (µs at speed 1) */
  double          speed;
  TvPlaybackMode  mode;
  gint64          step_us;
  gint64          travel_us;
  gint64          max_gap_us;
  gboolean        reduced;
  gboolean        playing;
  TvTracker      *reading;    /* pace by the explanations of this tracker; NULL: off */
  GArray         *read_us;    /* gint64 per row: its reading time (µs at speed 1) */
};

#define START(self, i) g_array_index ((self)->start, gint64, (i))

static gint64
travel (TvPlayback *self)
{
  if (self->reduced)
    return 0;
  if (self->mode == TV_PLAYBACK_MODE_STEP)
    return MIN (self->travel_us, self->step_us);
  return self->travel_us;
}

/* The least gap between two rows, so that an arrow lands before the next
 * one leaves (also with reduced motion, where it does not travel). */
static gint64
min_gap (TvPlayback *self)
{
  return MAX (self->travel_us, 1000);
}

/* How many words @text has for a reader: a run of letters or digits is a
 * word, a CJK character (Chinese writes no spaces) half a word. */
static double
count_words (const char *text)
{
  double words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script = g_unichar_get_script (c);

      if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
          script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_HANGUL)
        {
          words += 0.5;
          in_word = FALSE;
        }
      else if (g_unichar_isalnum (c))
        {
          if (!in_word)
            words += 1;
          in_word = TRUE;
        }
      else if (c != '_' && c != '\'' && c != '.' && c != '-')
        in_word = FALSE;   /* FIN_WAIT_2, 0.653, don't: one word each */
    }
  return words;
}

gint64
tv_playback_reading_time (const char *text)
{
  double us = TV_PLAYBACK_READ_BASE_US + count_words (text) * TV_PLAYBACK_READ_WORD_US;

  return (gint64) CLAMP (us, TV_PLAYBACK_READ_MIN_US, TV_PLAYBACK_READ_MAX_US);
}

static gint64
reading_of (TvPlayback *self,
            guint       row)
{
  if (self->reading == NULL || self->mode == TV_PLAYBACK_MODE_STEP || row >= self->read_us->len)
    return 0;
  return g_array_index (self->read_us, gint64, row);
}

static gint64
gap_before (TvPlayback *self,
            guint       row)
{
  const TvSegment *segs = self->conn->segs;
  gint64 real_us;

  g_assert (row > 0);

  if (self->mode == TV_PLAYBACK_MODE_STEP)
    return self->step_us;

  real_us = (segs[row].time_ns - segs[row - 1].time_ns) / 1000;
  real_us = CLAMP (real_us, min_gap (self), MAX (self->max_gap_us, min_gap (self)));
  /* the row before stays until its explanation is read */
  return MAX (real_us, reading_of (self, row - 1));
}

/* The reading times of the rows the connection has and read_us has not
 * (the first TV_PLAYBACK_READ_MAX_ROWS only). */
static void
extend_reading (TvPlayback *self)
{
  guint n = MIN (self->conn->n_segs, TV_PLAYBACK_READ_MAX_ROWS);

  if (self->reading == NULL)
    return;
  for (guint i = self->read_us->len; i < n; i++)
    {
      g_autofree char *text = tv_explain_segment (self->reading, self->conn, i, FALSE);
      gint64 us = tv_playback_reading_time (text);

      g_array_append_val (self->read_us, us);
    }
}

/* Appends the rows the connection has and the timeline has not. */
static gboolean
extend (TvPlayback *self)
{
  guint from = self->start->len;

  extend_reading (self);
  for (guint i = from; i < self->conn->n_segs; i++)
    {
      gint64 s = i == 0 ? 0 : START (self, i - 1) + gap_before (self, i);

      g_array_append_val (self->start, s);
    }
  return self->start->len > from;
}

/* The position at which row @row has just arrived, and the next has not
 * left yet. */
static double
arrived_pos (TvPlayback *self,
             guint       row)
{
  gint64 s = START (self, row);

  return (double) MAX (s + travel (self), s + 1);
}

static double
end_pos (TvPlayback *self)
{
  if (self->start->len == 0)
    return 0;
  return arrived_pos (self, self->start->len - 1);
}

/* Rows that have left: start < pos. */
static guint
n_started (TvPlayback *self)
{
  guint lo = 0, hi = self->start->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) START (self, mid) < self->pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
row_arrived (TvPlayback *self,
             guint       row)
{
  return self->pos >= (double) (START (self, row) + travel (self)) &&
         self->pos > (double) START (self, row);
}

/* Rebuilds the timeline after a setting changed, keeping the current row
 * and how far the clock is between its start and the next row's. */
static void
rebuild (TvPlayback *self)
{
  guint n = self->start->len;
  guint k = n_started (self);
  double frac = 0;
  int row = (int) k - 1;

  if (row >= 0)
    {
      double a = (double) START (self, row);
      double b = (guint) row + 1 < n ? (double) START (self, row + 1) : end_pos (self);

      frac = b > a ? (self->pos - a) / (b - a) : 1;
    }

  g_array_set_size (self->start, 0);
  extend (self);

  if (row >= 0)
    {
      double a = (double) START (self, row);
      double b = (guint) row + 1 < n ? (double) START (self, row + 1) : end_pos (self);

      self->pos = MAX (a + frac * (b - a), a + 1e-3);
    }
  else
    self->pos = 0;
}

TvPlayback *
tv_playback_new (TvConn *conn)
{
  TvPlayback *self;

  g_return_val_if_fail (conn != NULL, NULL);

  self = g_new0 (TvPlayback, 1);
  self->conn = conn;
  self->start = g_array_sized_new (FALSE, FALSE, sizeof (gint64), conn->n_segs);
  self->read_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->speed = 1.0;
  self->mode = TV_PLAYBACK_MODE_TIME;
  self->step_us = TV_PLAYBACK_DEFAULT_STEP_US;
  self->travel_us = TV_PLAYBACK_DEFAULT_TRAVEL_US;
  self->max_gap_us = TV_PLAYBACK_DEFAULT_MAX_GAP_US;
  extend (self);
  return self;
}

void
tv_playback_free (TvPlayback *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->start);
  g_array_unref (self->read_us);
  g_free (self);
}

gboolean
tv_playback_update (TvPlayback *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return extend (self);
}

/* ---- controls ---- */

void
tv_playback_play (TvPlayback *self)
{
  g_return_if_fail (self != NULL);

  if (tv_playback_is_finished (self))
    self->pos = 0;
  self->playing = self->start->len > 0;
}

void
tv_playback_pause (TvPlayback *self)
{
  g_return_if_fail (self != NULL);

  self->playing = FALSE;
}

void
tv_playback_toggle (TvPlayback *self)
{
  g_return_if_fail (self != NULL);

  if (self->playing)
    tv_playback_pause (self);
  else
    tv_playback_play (self);
}

gboolean
tv_playback_is_playing (TvPlayback *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->playing;
}

void
tv_playback_restart (TvPlayback *self)
{
  g_return_if_fail (self != NULL);

  self->pos = 0;
  self->playing = FALSE;
}

void
tv_playback_seek_row (TvPlayback *self,
                      int         row)
{
  g_return_if_fail (self != NULL);

  self->playing = FALSE;
  if (row < 0 || self->start->len == 0)
    self->pos = 0;
  else
    self->pos = arrived_pos (self, MIN ((guint) row, self->start->len - 1));
}

void
tv_playback_step_forward (TvPlayback *self)
{
  guint shown;

  g_return_if_fail (self != NULL);

  self->playing = FALSE;
  shown = tv_playback_get_n_shown (self);
  if (shown < self->start->len)
    tv_playback_seek_row (self, (int) shown);
}

void
tv_playback_step_back (TvPlayback *self)
{
  guint shown;
  int target;

  g_return_if_fail (self != NULL);

  self->playing = FALSE;
  shown = tv_playback_get_n_shown (self);
  /* an arrow in flight goes away first; else the last one shown */
  target = tv_playback_is_in_flight (self) ? (int) shown : (int) shown - 1;
  tv_playback_seek_row (self, target - 1);
}

gboolean
tv_playback_advance (TvPlayback *self,
                     gint64      elapsed_us)
{
  double end;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->playing)
    return FALSE;

  end = end_pos (self);
  if (elapsed_us > 0)
    self->pos += (double) elapsed_us * self->speed;
  if (self->pos >= end)
    {
      self->pos = end;
      self->playing = FALSE;
    }
  return self->playing;
}

/* ---- settings ---- */

void
tv_playback_set_speed (TvPlayback *self,
                       double      speed)
{
  g_return_if_fail (self != NULL);

  self->speed = CLAMP (speed, TV_PLAYBACK_MIN_SPEED, TV_PLAYBACK_MAX_SPEED);
}

double
tv_playback_get_speed (TvPlayback *self)
{
  g_return_val_if_fail (self != NULL, 1.0);

  return self->speed;
}

void
tv_playback_set_mode (TvPlayback     *self,
                      TvPlaybackMode  mode)
{
  g_return_if_fail (self != NULL);

  if (self->mode == mode)
    return;
  self->mode = mode;
  rebuild (self);
}

TvPlaybackMode
tv_playback_get_mode (TvPlayback *self)
{
  g_return_val_if_fail (self != NULL, TV_PLAYBACK_MODE_TIME);

  return self->mode;
}

void
tv_playback_set_step_duration (TvPlayback *self,
                               gint64      step_us)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (step_us > 0);

  if (self->step_us == step_us)
    return;
  self->step_us = MAX (step_us, 1000);
  rebuild (self);
}

void
tv_playback_set_travel_duration (TvPlayback *self,
                                 gint64      travel_us)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (travel_us >= 0);

  if (self->travel_us == travel_us)
    return;
  self->travel_us = travel_us;
  rebuild (self);
}

void
tv_playback_set_max_gap (TvPlayback *self,
                         gint64      max_gap_us)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (max_gap_us > 0);

  if (self->max_gap_us == max_gap_us)
    return;
  self->max_gap_us = max_gap_us;
  rebuild (self);
}

void
tv_playback_set_reading (TvPlayback *self,
                         TvTracker  *tracker)
{
  g_return_if_fail (self != NULL);

  if (self->reading == tracker)
    return;
  self->reading = tracker;
  g_array_set_size (self->read_us, 0);
  extend_reading (self);
  rebuild (self);
}

gint64
tv_playback_get_reading_time (TvPlayback *self,
                              guint       row)
{
  g_return_val_if_fail (self != NULL, 0);

  return reading_of (self, row);
}

void
tv_playback_set_reduced_motion (TvPlayback *self,
                                gboolean    reduced)
{
  g_return_if_fail (self != NULL);

  /* the timeline does not change, only whether arrows travel */
  self->reduced = !!reduced;
}

gboolean
tv_playback_get_reduced_motion (TvPlayback *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->reduced;
}

/* ---- where the playback is ---- */

guint
tv_playback_get_n_rows (TvPlayback *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->start->len;
}

int
tv_playback_get_current_row (TvPlayback *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return (int) n_started (self) - 1;
}

gboolean
tv_playback_is_in_flight (TvPlayback *self)
{
  guint k;

  g_return_val_if_fail (self != NULL, FALSE);

  k = n_started (self);
  return k > 0 && !row_arrived (self, k - 1);
}

double
tv_playback_get_progress (TvPlayback *self)
{
  guint k;
  gint64 t;

  g_return_val_if_fail (self != NULL, 0);

  k = n_started (self);
  if (k == 0)
    return 0;
  t = travel (self);
  if (t == 0 || row_arrived (self, k - 1))
    return 1;
  return CLAMP ((self->pos - (double) START (self, k - 1)) / (double) t, 0.0, 1.0);
}

guint
tv_playback_get_n_shown (TvPlayback *self)
{
  guint k;

  g_return_val_if_fail (self != NULL, 0);

  k = n_started (self);
  if (k > 0 && !row_arrived (self, k - 1))
    return k - 1;
  return k;
}

gboolean
tv_playback_is_finished (TvPlayback *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->start->len > 0 && self->pos >= end_pos (self);
}

static TvTcpState
initial_state (TvConn      *conn,
               TvDirection  side)
{
  const TvSegment *first;

  if (conn->n_segs == 0)
    return TV_TCP_STATE_UNKNOWN;
  first = &conn->segs[0];
  if ((first->flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN &&
      first->dir == TV_DIR_CLIENT_TO_SERVER)
    return side == TV_DIR_CLIENT_TO_SERVER ? TV_TCP_STATE_CLOSED : TV_TCP_STATE_LISTEN;
  return TV_TCP_STATE_UNKNOWN;
}

static TvTcpState
state_after (TvConn      *conn,
             int          row,
             TvDirection  side)
{
  const TvSegment *seg;

  if (row < 0)
    return initial_state (conn, side);
  seg = &conn->segs[row];
  return (TvTcpState) (side == TV_DIR_CLIENT_TO_SERVER ? seg->client_state : seg->server_state);
}

TvTcpState
tv_playback_get_state (TvPlayback  *self,
                       TvDirection  side)
{
  int row;

  g_return_val_if_fail (self != NULL, TV_TCP_STATE_UNKNOWN);

  row = tv_playback_get_current_row (self);
  /* in flight: the sender has moved on, the receiver not yet */
  if (row >= 0 && tv_playback_is_in_flight (self) && self->conn->segs[row].dir != side)
    return state_after (self->conn, row - 1, side);
  return state_after (self->conn, row, side);
}

gint64
tv_playback_get_position (TvPlayback *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (gint64) (self->pos / self->speed + 0.5);
}

gint64
tv_playback_get_duration (TvPlayback *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (gint64) (end_pos (self) / self->speed + 0.5);
}

void
tv_playback_get_paint_state (TvPlayback *self,
                             int        *visible_rows,
                             int        *progress_row,
                             double     *progress)
{
  int row, visible, prow;
  double p;

  g_return_if_fail (self != NULL);

  row = tv_playback_get_current_row (self);
  if (row >= 0 && tv_playback_is_in_flight (self))
    {
      visible = row + 1;
      prow = row;
      p = tv_playback_get_progress (self);
    }
  else
    {
      visible = (int) tv_playback_get_n_shown (self);
      prow = -1;
      p = 1;
    }
  if (visible_rows != NULL)
    *visible_rows = visible;
  if (progress_row != NULL)
    *progress_row = prow;
  if (progress != NULL)
    *progress = p;
}

void
tv_playback_apply (TvPlayback          *self,
                   TvLadderPaintParams *params)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (params != NULL);

  params->progress_func = NULL;
  params->progress_data = NULL;
  tv_playback_get_paint_state (self, &params->visible_rows, &params->progress_row, &params->progress);
}
