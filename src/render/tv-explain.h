/* tv-explain.h: what one segment of a connection does, and why, in plain
 * words with the arithmetic on its real numbers.
 *
 * Pure text: no cairo, no GTK.  The sentences are translated (gettext
 * domain GETTEXT_PACKAGE); TCP's own words (SYN, ACK, FIN_WAIT_2, TIME_WAIT,
 * seq, ack) stay as RFC 9293 and the textbooks write them.
 *
 * Numbers: with @absolute FALSE the sentences use relative sequence and
 * acknowledgement numbers (as tv_conn_relative_seq() makes them, the ISN
 * counting as 0) and say so where it matters; with @absolute TRUE they use
 * the raw 32-bit numbers of the capture.  The arithmetic is modulo 2^32, as
 * TCP's is. */
#pragma once

#include <glib.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

/* What a segment is, as the explanation sees it: one kind per segment,
 * the most telling one (a retransmitted FIN is a retransmission). */
typedef enum {
  TV_EXPLAIN_OTHER = 0,            /* none of the below (e.g. no flags) */
  TV_EXPLAIN_SYN,                  /* the opening SYN */
  TV_EXPLAIN_SYN_SIMULTANEOUS,     /* a SYN crossing the other side's SYN */
  TV_EXPLAIN_SYN_ACK,
  TV_EXPLAIN_HANDSHAKE_ACK,        /* the ACK that completes the handshake */
  TV_EXPLAIN_DATA,                 /* carries payload */
  TV_EXPLAIN_ACK,                  /* a pure ACK of data, or of nothing new */
  TV_EXPLAIN_DUPLICATE_ACK,
  TV_EXPLAIN_ZERO_WINDOW,          /* advertises a window of 0 */
  TV_EXPLAIN_WINDOW_UPDATE,
  TV_EXPLAIN_KEEP_ALIVE,
  TV_EXPLAIN_ZERO_WINDOW_PROBE,
  TV_EXPLAIN_RETRANSMISSION,       /* by timeout, or spurious */
  TV_EXPLAIN_FAST_RETRANSMISSION,
  TV_EXPLAIN_FIN,                  /* the first FIN of the connection */
  TV_EXPLAIN_SECOND_FIN,           /* the other side's FIN */
  TV_EXPLAIN_ACK_OF_FIN,           /* acknowledges the first FIN */
  TV_EXPLAIN_LAST_ACK,             /* acknowledges the second FIN */
  TV_EXPLAIN_RST,
  TV_EXPLAIN_REFUSED,              /* RST answering a SYN: nothing listens */
  TV_EXPLAIN_N_KINDS
} TvExplainKind;

/* The kind of segment @index of @conn. */
TvExplainKind tv_explain_classify     (TvTracker *tracker,
                                       TvConn    *conn,
                                       guint      index);

/* Two or three sentences (sometimes a few more for a segment that is
 * several things at once) on segment @index of @conn: what it does, why,
 * with the arithmetic on its numbers and the states of both ends after it.
 * One paragraph, no line breaks.  Free with g_free(); NULL if @index is
 * out of range. */
char         *tv_explain_segment      (TvTracker *tracker,
                                       TvConn    *conn,
                                       guint      index,
                                       gboolean   absolute);

/* One line: "Step 2 of 11: SYN-ACK from the server".  Free with g_free(). */
char         *tv_explain_title        (TvTracker *tracker,
                                       TvConn    *conn,
                                       guint      index);

/* A short name for the kind, without the step: "SYN-ACK from the server". */
const char   *tv_explain_kind_title   (TvExplainKind kind,
                                       TvDirection   from);

G_END_DECLS
