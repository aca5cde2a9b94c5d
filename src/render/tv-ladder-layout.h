/* tv-ladder-layout.h: the geometry of a ladder diagram, from a connection.
 *
 * Pure: no cairo, no GTK.  The y of every row is computed once (O(n)) into
 * a compact array; everything else (labels, states, arrow end points) is
 * derived lazily per row, so that drawing the visible part of a connection
 * of a million segments touches only the rows that are visible, found by
 * binary search.
 *
 * Coordinates are in layout units (pixels at zoom 1, points in a PDF);
 * x grows to the right, y grows down (time). */
#pragma once

#include <glib.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

typedef enum {
  TV_LADDER_SPACING_EVEN = 0,   /* one row per segment, y by index */
  TV_LADDER_SPACING_TIME,       /* y from the capture time, true gaps */
} TvLadderSpacing;

/* What an arrow carries, for its colour. */
typedef enum {
  TV_LADDER_KIND_HANDSHAKE = 0, /* SYN, SYN-ACK and the ACK that completes the handshake */
  TV_LADDER_KIND_DATA,          /* carries payload */
  TV_LADDER_KIND_ACK,           /* a pure ACK (or anything else without payload) */
  TV_LADDER_KIND_CLOSE,         /* FIN */
  TV_LADDER_KIND_RESET,         /* RST */
  TV_LADDER_N_KINDS
} TvLadderKind;

typedef enum {
  TV_LADDER_PHASE_HANDSHAKE = 0,
  TV_LADDER_PHASE_DATA,
  TV_LADDER_PHASE_CLOSE,
  TV_LADDER_PHASE_RESET,
} TvLadderPhaseKind;

/* What happened in a phase, for its title. */
typedef enum {
  TV_LADDER_VARIANT_PLAIN = 0,     /* three-way handshake, four-way close, reset */
  TV_LADDER_VARIANT_SIMULTANEOUS,  /* simultaneous open (handshake), simultaneous close */
  TV_LADDER_VARIANT_REFUSED,       /* handshake: the SYN answered with an RST */
  TV_LADDER_VARIANT_COMBINED,      /* close: the second FIN carries the ACK of the first */
  TV_LADDER_N_VARIANTS
} TvLadderPhaseVariant;

/* Options and metrics.  The metrics (sizes of text and boxes) are measured
 * by the painter (tv_ladder_painter_measure()) so that labels never overlap;
 * tv_ladder_options_init() sets defaults good for a 10-11 pt sans font. */
typedef struct {
  TvLadderSpacing spacing;
  gboolean absolute;          /* raw seq/ack instead of relative */

  double margin;              /* around the whole diagram */
  double time_width;          /* time axis column, left */
  double phase_width;         /* phase brackets column, left of the client states */
  double state_width;         /* a state box ("SYN_RECEIVED") */
  double state_height;
  double header_height;       /* role + address:port above each lifeline */
  double line_height;         /* one line of arrow label */
  double label_gap;           /* between a label and the arrow under it */
  double arrow_drop;          /* how far an arrow falls from sender to receiver */
  double row_gap;             /* free space between two rows */
  double label_width;         /* the widest ordinary label, measured */
  double min_span;            /* least distance between the two lifelines */

  double px_per_second;       /* time spacing: 0 = chosen from the capture */
  double max_gap;             /* time spacing: longer gaps are drawn broken; 0 = 6 rows */

  /* The compact layout, for a view narrower than the full one needs (a
   * phone): no time axis column (each row's time sits beside the client's
   * lifeline, above its arrow), the phases as thin lines on the left with
   * their titles above their first row, the state columns and the lifelines
   * as close as the smaller text lets them, the labels split onto more
   * lines.  FALSE (the default) is the full layout, as exported. */
  gboolean compact;
  guint    label_split;       /* compact: 0 one line; 1 "FLAGS" / "seq= ack= len=";
                               * 2 "FLAGS" / "seq= ack=" / "len="; 3 one item a line */
  guint    title_lines[4];    /* compact: lines of each phase's title (by kind) */
  double   width;             /* compact: the width to fill */
  double   state_gap;         /* compact: between a lifeline and its state boxes */
  double   time_height;       /* compact: a row's time label */
  double   title_line_height; /* compact: a line of phase title */
} TvLadderOptions;

typedef struct _TvLadderLayout TvLadderLayout;

/* One row (segment), computed on demand. */
typedef struct {
  guint            index;          /* row = segment index in the connection */
  const TvSegment *seg;            /* valid until the connection changes */
  TvLadderKind     kind;
  double           x1, y1;         /* arrow tail, on the sender's lifeline */
  double           x2, y2;         /* arrow head, on the receiver's lifeline */
  double           top, bottom;    /* vertical extent of the row (labels, arrow) */
  double           label_bottom;   /* labels sit above this y, centred on label_x */
  double           label_x;
  double           label_max_width;
  guint            n_lines;        /* 1; +1 with an HTTP/TLS label; +1 with tags;
                                    * compact: more when the numbers are split */
  guint            n_number_lines; /* lines of flags and numbers (1 unless compact) */
  /* TCP state beside each lifeline, when it changed with this segment */
  gboolean         client_state_changed;
  gboolean         server_state_changed;
  TvTcpState       client_state;
  TvTcpState       server_state;
  double           client_state_y; /* centre of the state box */
  double           server_state_y;
  /* time spacing: the gap before this row was too long and is drawn broken */
  gboolean         gap_broken;
  gint64           gap_ns;         /* time since the previous row */
  /* compact: the row's time, right-aligned in [time_x1, time_x2] with its
   * bottom at time_bottom (left of the client's lifeline) */
  double           time_x1, time_x2, time_bottom;
} TvLadderRow;

/* The text of a row's label.  Made on demand into a small buffer. */
typedef struct {
  char        text[112];  /* "PSH-ACK seq=1 ack=1 len=78" */
  const char *app;        /* "GET / HTTP/1.1" (bold), or NULL; owned by the tracker */
  guint16     analysis;   /* TvAnalysis bits shown as tags (the redundant left out) */
} TvLadderLabel;

typedef struct {
  TvLadderPhaseKind kind;
  guint             first_row, last_row;
  double            y1, y2;        /* extent of the bracket */
  gint64            rtt_ns;        /* handshake: the initial RTT (tv_conn_initial_rtt()); else -1 */
  gint64            syn_delay_ns;  /* handshake: the first SYN's retransmission delay; else 0 */
  TvLadderPhaseVariant variant;
  /* compact: the title's lines, above the first row: from title_y down to y1 */
  double            title_y;
} TvLadderPhase;

/* What a segment shows, the same in every view that draws it as an arrow
 * (the ladder, the flow view).  tv_ladder_segment_completes_handshake():
 * @seg is the client's pure ACK that completes @conn's handshake. */
gboolean         tv_ladder_segment_completes_handshake (const TvConn    *conn,
                                                        const TvSegment *seg);
TvLadderKind     tv_ladder_segment_kind      (const TvSegment *seg,
                                              gboolean         completes_handshake);
/* The analysis marks drawn as tags (the redundant left out). */
guint            tv_ladder_segment_shown_analysis (const TvSegment *seg);
/* The label of @seg of @conn: flags and numbers (relative unless
 * @absolute), the HTTP/TLS line, the tags. */
void             tv_ladder_segment_label     (TvTracker       *tracker,
                                              const TvConn    *conn,
                                              const TvSegment *seg,
                                              gboolean         absolute,
                                              TvLadderLabel   *out);

void             tv_ladder_options_init      (TvLadderOptions *options);
/* The width of the full layout made with @options (compact off). */
double           tv_ladder_options_get_full_width (const TvLadderOptions *options);
/* TRUE if layouts made with @a and @b have the same rows (the same y for
 * every row): they differ at most in the width a compact layout fills. */
gboolean         tv_ladder_options_same_rows (const TvLadderOptions *a,
                                              const TvLadderOptions *b);

/* @tracker and @conn must outlive the layout.  @options may be NULL. */
TvLadderLayout  *tv_ladder_layout_new        (TvTracker             *tracker,
                                              TvConn                *conn,
                                              const TvLadderOptions *options);
void             tv_ladder_layout_free       (TvLadderLayout *self);

/* Lays out segments appended to the connection since the layout was made
 * or last updated: costs O(new segments).  Returns TRUE if rows were added. */
gboolean         tv_ladder_layout_update     (TvLadderLayout *self);

/* Compact layouts only: spreads the columns over @width (no less than the
 * least the layout needs); the rows stay where they are.  O(1). */
void             tv_ladder_layout_set_width  (TvLadderLayout *self,
                                              double          width);
/* The least width a compact layout can take; the full width otherwise. */
double           tv_ladder_layout_get_min_width (TvLadderLayout *self);

TvTracker       *tv_ladder_layout_get_tracker (TvLadderLayout *self);
TvConn          *tv_ladder_layout_get_conn   (TvLadderLayout *self);
const TvLadderOptions *
                 tv_ladder_layout_get_options (TvLadderLayout *self);

guint            tv_ladder_layout_get_n_rows (TvLadderLayout *self);
double           tv_ladder_layout_get_width  (TvLadderLayout *self);
double           tv_ladder_layout_get_height (TvLadderLayout *self);
double           tv_ladder_layout_get_client_x (TvLadderLayout *self);
double           tv_ladder_layout_get_server_x (TvLadderLayout *self);
/* The lifelines start here (below the header). */
double           tv_ladder_layout_get_header_bottom (TvLadderLayout *self);
/* x of the time axis line and of the phase brackets. */
double           tv_ladder_layout_get_time_x  (TvLadderLayout *self);
double           tv_ladder_layout_get_phase_x (TvLadderLayout *self);

/* The y of a row's arrow tail, O(1). */
double           tv_ladder_layout_get_row_y  (TvLadderLayout *self,
                                              guint           row);
void             tv_ladder_layout_get_row    (TvLadderLayout *self,
                                              guint           row,
                                              TvLadderRow    *out);
void             tv_ladder_layout_get_label  (TvLadderLayout *self,
                                              guint           row,
                                              TvLadderLabel  *out);

/* The box of a state drawn beside the lifeline of @side, centred on @y:
 * x, y, width, height. */
void             tv_ladder_layout_get_state_box (TvLadderLayout *self,
                                                 TvDirection     side,
                                                 double          y,
                                                 double          box[4]);

/* Rows whose extent meets [y1, y2], by binary search: FALSE if none. */
gboolean         tv_ladder_layout_find_rows  (TvLadderLayout *self,
                                              double          y1,
                                              double          y2,
                                              guint          *first,
                                              guint          *last);
/* The row whose arrow or label is at (x, y), or -1. */
int              tv_ladder_layout_row_at     (TvLadderLayout *self,
                                              double          x,
                                              double          y);

/* Comparisons made by the last binary search (for tests of its cost). */
guint            tv_ladder_layout_get_last_probes (TvLadderLayout *self);

/* The state of each end before the first segment, when the capture shows
 * it (CLOSED / LISTEN before a SYN), else TV_TCP_STATE_UNKNOWN. */
TvTcpState       tv_ladder_layout_get_initial_state (TvLadderLayout *self,
                                                     TvDirection     side);
double           tv_ladder_layout_get_initial_state_y (TvLadderLayout *self);

guint            tv_ladder_layout_get_n_phases (TvLadderLayout *self);
void             tv_ladder_layout_get_phase  (TvLadderLayout *self,
                                              guint           index,
                                              TvLadderPhase  *out);
/* "Three-way handshake", "Data transfer", "Four-way close", "Reset";
 * translated. */
const char      *tv_ladder_phase_kind_title  (TvLadderPhaseKind kind);
/* The title named for what happened: "Simultaneous open", "Connection
 * refused", "Simultaneous close", …; translated. */
const char      *tv_ladder_phase_title       (TvLadderPhaseKind    kind,
                                              TvLadderPhaseVariant variant);
/* The bracket's full text: "Three-way handshake\nRTT 350 µs" (and a line
 * "SYN sent again after 1.00 s" when the first SYN was); free it.  The
 * compact layout puts it on one line: "Three-way handshake · RTT 350 µs". */
char            *tv_ladder_phase_dup_title   (const TvLadderPhase *phase);

/* Time, relative to the first segment. */
gint64           tv_ladder_layout_get_row_time (TvLadderLayout *self,
                                                guint           row);
/* y of a time (ns relative to the first segment), by interpolating between
 * the rows around it; -1 when it falls inside a broken gap. */
double           tv_ladder_layout_time_to_y  (TvLadderLayout *self,
                                              gint64          rel_ns);
/* A good step (ns) for the ticks of the time axis: 1, 2 or 5 × 10^k, about
 * @min_distance apart.  Time spacing only. */
gint64           tv_ladder_layout_get_tick_step (TvLadderLayout *self,
                                                 double          min_distance);
/* Formats a relative time to the microsecond: "0.351 ms", "12.500 ms",
 * "1.204351 s". */
char            *tv_ladder_format_time       (gint64 rel_ns,
                                              char  *buf,
                                              gsize  size);
/* The same for a tick of the axis, with as many decimals as @step_ns needs:
 * "4.4681 s", "12.5 ms". */
char            *tv_ladder_format_tick       (gint64 rel_ns,
                                              gint64 step_ns,
                                              char  *buf,
                                              gsize  size);

G_END_DECLS
