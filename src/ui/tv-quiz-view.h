/* tv-quiz-view.h: the quiz "What happens next?" on one connection, in a
 * window of its own: the diagram of the segments answered so far above,
 * the question under it (who sends the next segment, its flags, seq and
 * ack as the diagram numbers them, each end's state after it), then the
 * right answer part by part with the segment's explanation, and the score
 * at the end.  Entirely by keyboard: mnemonics on every field, Enter
 * checks and goes on, Escape closes. */
#pragma once

#include <adwaita.h>

#include "tv-capture.h"
#include "tv-connection.h"
#include "tv-quiz.h"

G_BEGIN_DECLS

#define TV_TYPE_QUIZ_VIEW (tv_quiz_view_get_type ())
G_DECLARE_FINAL_TYPE (TvQuizView, tv_quiz_view, TV, QUIZ_VIEW, AdwWindow)

/* A quiz on @connection (of @capture; both kept alive by it), numbers
 * relative unless @absolute.  @intro (or NULL): a lesson's introduction,
 * shown above the first question. */
TvQuizView *tv_quiz_view_new        (GtkWindow    *parent,
                                     TvCapture    *capture,
                                     TvConnection *connection,
                                     gboolean      absolute,
                                     const char   *intro);

/* For tests: fills the form as a learner would; the parts found wrong by
 * the last check (-1 before one); the verdict and the parts as shown; the
 * page shown ("question", "result", "score"). */
void        tv_quiz_view_fill       (TvQuizView         *self,
                                     const TvQuizAnswer *answer);
void        tv_quiz_view_set_seq_text (TvQuizView *self,
                                       const char *text);
int         tv_quiz_view_get_last_wrong (TvQuizView *self);
const char *tv_quiz_view_get_verdict (TvQuizView *self);
const char *tv_quiz_view_get_parts  (TvQuizView *self);
const char *tv_quiz_view_get_page   (TvQuizView *self);
TvQuiz     *tv_quiz_view_get_quiz   (TvQuizView *self);

G_END_DECLS
