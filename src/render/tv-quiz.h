/* tv-quiz.h: "What happens next?", the checking and the score.  Before
 * each segment of a connection appears, the learner says who sends it,
 * which flags it carries, its seq and ack (as the diagram shows them:
 * relative, or absolute) and the state each end is in after it; the
 * answer is checked against the capture.  Works on any connection.
 *
 * Pure: no GTK, no cairo.  The widget (src/ui/tv-quiz-view.c) asks, this
 * says what is right. */
#pragma once

#include <glib.h>

#include "tv-tracker.h"

G_BEGIN_DECLS

/* The flags a learner chooses among; the others (URG, ECE, CWR, AE) are
 * not asked. */
#define TV_QUIZ_FLAGS (TV_TCP_SYN | TV_TCP_ACK | TV_TCP_FIN | TV_TCP_RST | TV_TCP_PSH)

/* What a learner answers, or what is right. */
typedef struct {
  TvDirection sender;
  guint16     flags;          /* of TV_QUIZ_FLAGS */
  guint32     seq;
  guint32     ack;            /* asked only when the segment has ACK */
  TvTcpState  client_state;   /* after the segment */
  TvTcpState  server_state;
} TvQuizAnswer;

/* The parts of an answer, as bits of what tv_quiz_check() finds wrong. */
typedef enum {
  TV_QUIZ_SENDER       = 1 << 0,
  TV_QUIZ_FLAGS_PART   = 1 << 1,
  TV_QUIZ_SEQ          = 1 << 2,
  TV_QUIZ_ACK          = 1 << 3,
  TV_QUIZ_CLIENT_STATE = 1 << 4,
  TV_QUIZ_SERVER_STATE = 1 << 5,
} TvQuizPart;

#define TV_QUIZ_N_PARTS 6

/* The right answer for segment @index of @conn (numbers relative unless
 * @absolute). */
void     tv_quiz_expected     (TvConn       *conn,
                               guint         index,
                               gboolean      absolute,
                               TvQuizAnswer *out);

/* The parts of @given that are wrong (0: all right).  The ack is not
 * asked, so never wrong, when the right answer has no ACK flag. */
guint    tv_quiz_check        (const TvQuizAnswer *expected,
                               const TvQuizAnswer *given);

/* How many parts are asked for @expected: 6, or 5 without ACK. */
guint    tv_quiz_n_asked      (const TvQuizAnswer *expected);

/* Reads a typed seq or ack: decimal digits (spaces, commas and the
 * locale's grouping between them are ignored), 0 … 4294967295.  FALSE
 * for anything else (empty, a sign, letters, too large). */
gboolean tv_quiz_parse_number (const char *text,
                               guint32    *value);

/* The whole quiz on one connection: where it is, and the score. */
typedef struct _TvQuiz TvQuiz;

TvQuiz  *tv_quiz_new          (TvConn   *conn,
                               gboolean  absolute);
void     tv_quiz_free         (TvQuiz   *self);
/* The segment asked about next (== n when the quiz is over). */
guint    tv_quiz_get_question (TvQuiz   *self);
guint    tv_quiz_get_n        (TvQuiz   *self);
gboolean tv_quiz_is_over      (TvQuiz   *self);
/* Answers the current question: returns the parts wrong, fills @right
 * (or NULL) and moves on to the next segment. */
guint    tv_quiz_answer       (TvQuiz             *self,
                               const TvQuizAnswer *given,
                               TvQuizAnswer       *right);
/* Skips the current question (it counts as all wrong). */
void     tv_quiz_skip         (TvQuiz   *self);
/* The score so far: parts right of parts asked, and segments whose every
 * part was right, of segments answered. */
void     tv_quiz_get_score    (TvQuiz   *self,
                               guint    *parts_right,
                               guint    *parts_asked,
                               guint    *segments_right,
                               guint    *segments_answered);

G_END_DECLS
