/* tv-playback.h: the clock that plays a connection back, one arrow after the
 * other.  No GTK: the widget drives it from its frame clock with
 * tv_playback_advance() and paints with tv_playback_apply(); tests drive it
 * with made-up elapsed times.
 *
 * The timeline.  Row i (segment i) starts travelling at start(i) and has
 * arrived at start(i) + travel (at once with reduced motion: the arrow
 * appears without travelling).  start(0) = 0 and
 *
 *   time mode: start(i) = start(i-1) + clamp (real gap, min_gap, max_gap)
 *              where the real gap is the capture time between segments
 *              i-1 and i, min_gap = the travel time (default 400 ms) and
 *              max_gap = 2 s by default: gaps shorter than an arrow's
 *              travel are stretched to it, so that every arrow lands before
 *              the next leaves, and gaps longer than max_gap are compressed
 *              to it, so that a 60 s idle gap does not stall playback.
 *              Gaps in between play in real time (at speed 1).
 *   step mode: start(i) = i × step, one segment per step (default 1 s);
 *              the travel is at most one step.
 *
 * Reading pace (time mode, with tv_playback_set_reading()): a row stays the
 * current one at least as long as its explanation takes to read,
 *
 *   start(i) = start(i-1) + max (the gap above, reading(i-1))
 *   reading  = clamp (1.5 s + 0.25 s per word, 2.5 s, 20 s)
 *
 * 0.25 s a word is 240 words a minute, a comfortable pace for reading a
 * caption on a screen with a class (silent reading runs at 200-300); the
 * 1.5 s are for finding the caption and looking back at the arrow.  A CJK
 * character counts as half a word (Chinese is read at ~500 characters a
 * minute).  The 20 s bound keeps a long explanation (the first SYN's, about
 * 100 words) from stalling the playback: whoever needs more pauses.  So
 * the textbook handshake's SYN stays 20 s, a pure ACK ("acknowledges the
 * 82 bytes …", 30 words) 9 s.  Only the first TV_PLAYBACK_READ_MAX_ROWS
 * rows are paced so (nobody reads thousands of captions; their
 * explanations are not made).
 *
 * The speed (0.25 to 8) scales the whole timeline: at speed 2 everything,
 * travel included, takes half as long. */
#pragma once

#include <glib.h>

#include "tv-ladder-painter.h"
#include "tv-tracker.h"

G_BEGIN_DECLS

typedef enum {
  TV_PLAYBACK_MODE_TIME = 0,   /* real gaps, scaled and clamped */
  TV_PLAYBACK_MODE_STEP,       /* one segment per fixed step */
} TvPlaybackMode;

#define TV_PLAYBACK_MIN_SPEED 0.25
#define TV_PLAYBACK_MAX_SPEED 8.0

#define TV_PLAYBACK_DEFAULT_TRAVEL_US   400000
#define TV_PLAYBACK_DEFAULT_MAX_GAP_US 2000000
#define TV_PLAYBACK_DEFAULT_STEP_US    1000000

#define TV_PLAYBACK_READ_BASE_US   1500000
#define TV_PLAYBACK_READ_WORD_US    250000
#define TV_PLAYBACK_READ_MIN_US    2500000
#define TV_PLAYBACK_READ_MAX_US   20000000
#define TV_PLAYBACK_READ_MAX_ROWS     2000

typedef struct _TvPlayback TvPlayback;

/* A playback of @conn, paused at the start (nothing shown).  @conn must
 * outlive it. */
TvPlayback     *tv_playback_new             (TvConn *conn);
void            tv_playback_free            (TvPlayback *self);

/* Takes in segments appended to the connection since (live capture):
 * O(new segments).  Returns TRUE if rows were added. */
gboolean        tv_playback_update          (TvPlayback *self);

/* ---- controls ---- */
void            tv_playback_play            (TvPlayback *self);  /* from the start if finished */
void            tv_playback_pause           (TvPlayback *self);
void            tv_playback_toggle          (TvPlayback *self);
gboolean        tv_playback_is_playing      (TvPlayback *self);
/* Back to nothing shown, paused: the next play or step starts with the
 * first row. */
void            tv_playback_restart         (TvPlayback *self);
/* Pause, and show one more row (the arrow in flight, or else the next one)
 * fully arrived; or one row less.  No-op at either end. */
void            tv_playback_step_forward    (TvPlayback *self);
void            tv_playback_step_back       (TvPlayback *self);
/* Pause with rows 0 … @row shown, @row just arrived; -1: nothing shown. */
void            tv_playback_seek_row        (TvPlayback *self,
                                             int         row);

/* Moves the clock on by @elapsed_us of wall time (the frame clock's time
 * since the previous frame) when playing; stops at the end.  Returns TRUE
 * while playing (keep the tick callback), FALSE when paused or finished. */
gboolean        tv_playback_advance         (TvPlayback *self,
                                             gint64      elapsed_us);

/* ---- settings; changing them keeps the current row and its progress ---- */
void            tv_playback_set_speed       (TvPlayback *self,
                                             double      speed);   /* clamped to 0.25 … 8 */
double          tv_playback_get_speed       (TvPlayback *self);
void            tv_playback_set_mode        (TvPlayback     *self,
                                             TvPlaybackMode  mode);
TvPlaybackMode  tv_playback_get_mode        (TvPlayback *self);
void            tv_playback_set_step_duration (TvPlayback *self,
                                               gint64      step_us);
void            tv_playback_set_travel_duration (TvPlayback *self,
                                                 gint64      travel_us);
void            tv_playback_set_max_gap     (TvPlayback *self,
                                             gint64      max_gap_us);
/* Paces the timeline (time mode) by the explanations of the rows
 * (tv_explain_segment() of @tracker, which must outlive the playback):
 * see "Reading pace" above.  NULL: by the capture's times only (the
 * default). */
void            tv_playback_set_reading     (TvPlayback *self,
                                             TvTracker  *tracker);
/* The reading time of @row in µs at speed 1 (0 when not paced by it). */
gint64          tv_playback_get_reading_time (TvPlayback *self,
                                              guint       row);
/* The reading time of a caption: clamp (READ_BASE + words × READ_WORD,
 * READ_MIN, READ_MAX) µs, a CJK character half a word. */
gint64          tv_playback_reading_time    (const char *text);

/* Arrows appear without travelling (the desktop's reduced-motion setting);
 * the gaps between rows stay. */
void            tv_playback_set_reduced_motion (TvPlayback *self,
                                                gboolean    reduced);
gboolean        tv_playback_get_reduced_motion (TvPlayback *self);

/* ---- where the playback is ---- */
guint           tv_playback_get_n_rows      (TvPlayback *self);
/* The row whose arrow is in flight, or else the last row shown; -1 before
 * the first. */
int             tv_playback_get_current_row (TvPlayback *self);
/* How far the current row's arrow is: 0 (just left) … 1 (arrived). */
double          tv_playback_get_progress    (TvPlayback *self);
/* Is the current row's arrow still travelling? */
gboolean        tv_playback_is_in_flight    (TvPlayback *self);
/* Rows fully shown (arrived): rows 0 … n-1. */
guint           tv_playback_get_n_shown     (TvPlayback *self);
gboolean        tv_playback_is_finished     (TvPlayback *self);
/* The state of @side at this moment: a sender is in its new state as soon
 * as its segment leaves, a receiver when it arrives. */
TvTcpState      tv_playback_get_state       (TvPlayback  *self,
                                             TvDirection  side);
/* Wall time at the current speed, in µs: where the clock is, and the
 * whole playback. */
gint64          tv_playback_get_position    (TvPlayback *self);
gint64          tv_playback_get_duration    (TvPlayback *self);

/* The painter's animation fields for this moment: rows >= @visible_rows
 * are not drawn, the arrow of @progress_row (-1: none) is drawn @progress
 * of its way.  The arguments of tv_view_state_set_playback(). */
void            tv_playback_get_paint_state (TvPlayback *self,
                                             int        *visible_rows,
                                             int        *progress_row,
                                             double     *progress);
/* The same, into the painter's parameters. */
void            tv_playback_apply           (TvPlayback          *self,
                                             TvLadderPaintParams *params);

G_END_DECLS
