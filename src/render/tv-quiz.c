/* tv-quiz.c: "What happens next?" */
#define G_LOG_DOMAIN "tv-quiz"

#include "config.h"

#include <string.h>

#include "tv-quiz.h"

struct _TvQuiz {
  TvConn   *conn;
  gboolean  absolute;
  guint     question;
  guint     parts_right;
  guint     parts_asked;
  guint     segments_right;
  guint     segments_answered;
};

void
tv_quiz_expected (TvConn       *conn,
                  guint         index,
                  gboolean      absolute,
                  TvQuizAnswer *out)
{
  const TvSegment *seg;

  g_return_if_fail (conn != NULL);
  g_return_if_fail (index < conn->n_segs);
  g_return_if_fail (out != NULL);

  seg = &conn->segs[index];
  memset (out, 0, sizeof *out);
  out->sender = (TvDirection) seg->dir;
  out->flags = seg->flags & TV_QUIZ_FLAGS;
  out->seq = absolute ? seg->seq : tv_conn_relative_seq (conn, seg);
  out->ack = (seg->flags & TV_TCP_ACK) == 0 ? 0 : absolute ? seg->ack : tv_conn_relative_ack (conn, seg);
  out->client_state = (TvTcpState) seg->client_state;
  out->server_state = (TvTcpState) seg->server_state;
}

guint
tv_quiz_check (const TvQuizAnswer *expected,
               const TvQuizAnswer *given)
{
  guint wrong = 0;

  g_return_val_if_fail (expected != NULL && given != NULL, 0);

  if (given->sender != expected->sender)
    wrong |= TV_QUIZ_SENDER;
  if ((given->flags & TV_QUIZ_FLAGS) != (expected->flags & TV_QUIZ_FLAGS))
    wrong |= TV_QUIZ_FLAGS_PART;
  if (given->seq != expected->seq)
    wrong |= TV_QUIZ_SEQ;
  if ((expected->flags & TV_TCP_ACK) != 0 && given->ack != expected->ack)
    wrong |= TV_QUIZ_ACK;
  if (given->client_state != expected->client_state)
    wrong |= TV_QUIZ_CLIENT_STATE;
  if (given->server_state != expected->server_state)
    wrong |= TV_QUIZ_SERVER_STATE;
  return wrong;
}

guint
tv_quiz_n_asked (const TvQuizAnswer *expected)
{
  g_return_val_if_fail (expected != NULL, 0);

  return (expected->flags & TV_TCP_ACK) != 0 ? TV_QUIZ_N_PARTS : TV_QUIZ_N_PARTS - 1;
}

gboolean
tv_quiz_parse_number (const char *text,
                      guint32    *value)
{
  guint64 v = 0;
  guint digits = 0;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          v = v * 10 + (guint64) (c - '0');
          digits++;
          if (v > G_MAXUINT32)
            return FALSE;
        }
      /* grouping: spaces (also no-break and thin ones), commas, dots,
       * apostrophes; Chinese writes 3,626,544,836 as well */
      else if (!(g_unichar_isspace (c) || c == ',' || c == '.' || c == '\'' || c == 0x00A0 ||
                 c == 0x202F || c == 0x2009 || c == 0xFF0C))
        return FALSE;
    }
  if (digits == 0)
    return FALSE;
  *value = (guint32) v;
  return TRUE;
}

TvQuiz *
tv_quiz_new (TvConn   *conn,
             gboolean  absolute)
{
  TvQuiz *self;

  g_return_val_if_fail (conn != NULL, NULL);

  self = g_new0 (TvQuiz, 1);
  self->conn = conn;
  self->absolute = !!absolute;
  return self;
}

void
tv_quiz_free (TvQuiz *self)
{
  g_free (self);
}

guint
tv_quiz_get_question (TvQuiz *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->question;
}

guint
tv_quiz_get_n (TvQuiz *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->conn->n_segs;
}

gboolean
tv_quiz_is_over (TvQuiz *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->question >= self->conn->n_segs;
}

guint
tv_quiz_answer (TvQuiz             *self,
                const TvQuizAnswer *given,
                TvQuizAnswer       *right)
{
  TvQuizAnswer expected;
  guint wrong, asked, n_wrong;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (given != NULL, 0);
  g_return_val_if_fail (!tv_quiz_is_over (self), 0);

  tv_quiz_expected (self->conn, self->question, self->absolute, &expected);
  wrong = tv_quiz_check (&expected, given);
  asked = tv_quiz_n_asked (&expected);
  n_wrong = 0;
  for (guint bits = wrong; bits != 0; bits &= bits - 1)
    n_wrong++;
  self->parts_asked += asked;
  self->parts_right += asked - n_wrong;
  self->segments_answered++;
  if (wrong == 0)
    self->segments_right++;
  self->question++;
  if (right != NULL)
    *right = expected;
  return wrong;
}

void
tv_quiz_skip (TvQuiz *self)
{
  TvQuizAnswer expected;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!tv_quiz_is_over (self));

  tv_quiz_expected (self->conn, self->question, self->absolute, &expected);
  self->parts_asked += tv_quiz_n_asked (&expected);
  self->segments_answered++;
  self->question++;
}

void
tv_quiz_get_score (TvQuiz *self,
                   guint  *parts_right,
                   guint  *parts_asked,
                   guint  *segments_right,
                   guint  *segments_answered)
{
  g_return_if_fail (self != NULL);

  if (parts_right != NULL)
    *parts_right = self->parts_right;
  if (parts_asked != NULL)
    *parts_asked = self->parts_asked;
  if (segments_right != NULL)
    *segments_right = self->segments_right;
  if (segments_answered != NULL)
    *segments_answered = self->segments_answered;
}
