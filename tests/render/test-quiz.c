/* test-quiz.c: "What happens next?" checked against the textbook
 * connection (tv-test-conn.h: the ISNs of the seeds' example, a 78-byte request) and a simultaneous
 * open. */
#define G_LOG_DOMAIN "test-quiz"

#include "config.h"

#include "tv-load.h"
#include "tv-quiz.h"
#include "tv-test-conn.h"

/* The right answers, relative: the SYN, the SYN-ACK, the handshake's ACK. */
static void
test_expected (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvQuizAnswer a;

  tv_quiz_expected (conn, 0, FALSE, &a);
  g_assert_cmpint (a.sender, ==, TV_DIR_CLIENT_TO_SERVER);
  g_assert_cmpuint (a.flags, ==, TV_TCP_SYN);
  g_assert_cmpuint (a.seq, ==, 0);
  g_assert_cmpuint (a.ack, ==, 0);
  g_assert_cmpint (a.client_state, ==, TV_TCP_STATE_SYN_SENT);
  g_assert_cmpint (a.server_state, ==, TV_TCP_STATE_SYN_RECEIVED);
  g_assert_cmpuint (tv_quiz_n_asked (&a), ==, 5);   /* no ack asked without ACK */

  tv_quiz_expected (conn, 1, FALSE, &a);
  g_assert_cmpint (a.sender, ==, TV_DIR_SERVER_TO_CLIENT);
  g_assert_cmpuint (a.flags, ==, TV_TCP_SYN | TV_TCP_ACK);
  g_assert_cmpuint (a.seq, ==, 0);
  g_assert_cmpuint (a.ack, ==, 1);
  g_assert_cmpuint (tv_quiz_n_asked (&a), ==, 6);

  /* absolute: the ISNs 3626544836 and 1739326486 */
  tv_quiz_expected (conn, 1, TRUE, &a);
  g_assert_cmpuint (a.seq, ==, 1739326486u);
  g_assert_cmpuint (a.ack, ==, 3626544837u);

  /* the request: PSH-ACK seq=1 ack=1 len=78, then the server's ack=79 */
  tv_quiz_expected (conn, 3, FALSE, &a);
  g_assert_cmpuint (a.flags, ==, TV_TCP_PSH | TV_TCP_ACK);
  tv_quiz_expected (conn, 4, FALSE, &a);
  g_assert_cmpuint (a.ack, ==, 79);
  g_assert_cmpint (a.sender, ==, TV_DIR_SERVER_TO_CLIENT);
  tv_tracker_free (tracker);
}

/* Wrong parts are marked, one by one; right ones are not. */
static void
test_check (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvQuizAnswer right, given;

  tv_quiz_expected (conn, 1, FALSE, &right);
  given = right;
  g_assert_cmpuint (tv_quiz_check (&right, &given), ==, 0);

  given.sender = TV_DIR_CLIENT_TO_SERVER;
  g_assert_cmpuint (tv_quiz_check (&right, &given), ==, TV_QUIZ_SENDER);
  given = right;
  given.flags = TV_TCP_SYN;              /* forgot the ACK */
  g_assert_cmpuint (tv_quiz_check (&right, &given), ==, TV_QUIZ_FLAGS_PART);
  given.flags = TV_TCP_SYN | TV_TCP_ACK | TV_TCP_URG;   /* URG is not asked */
  g_assert_cmpuint (tv_quiz_check (&right, &given), ==, 0);
  given = right;
  given.ack = 0;                          /* the classic mistake: ack = x, not x + 1 */
  g_assert_cmpuint (tv_quiz_check (&right, &given), ==, TV_QUIZ_ACK);
  given = right;
  given.seq = 1;
  given.client_state = TV_TCP_STATE_SYN_SENT;   /* the client is ESTABLISHED */
  given.server_state = TV_TCP_STATE_ESTABLISHED; /* the server still SYN_RECEIVED */
  g_assert_cmpuint (tv_quiz_check (&right, &given), ==,
                    TV_QUIZ_SEQ | TV_QUIZ_CLIENT_STATE | TV_QUIZ_SERVER_STATE);

  /* the SYN has no ACK: any ack is fine */
  tv_quiz_expected (conn, 0, FALSE, &right);
  given = right;
  given.ack = 12345;
  g_assert_cmpuint (tv_quiz_check (&right, &given), ==, 0);
  tv_tracker_free (tracker);
}

static void
test_parse (void)
{
  guint32 v = 7;

  g_assert_true (tv_quiz_parse_number ("0", &v));
  g_assert_cmpuint (v, ==, 0);
  g_assert_true (tv_quiz_parse_number (" 83 ", &v));
  g_assert_cmpuint (v, ==, 83);
  g_assert_true (tv_quiz_parse_number ("3,626,544,837", &v));
  g_assert_cmpuint (v, ==, 3626544837u);
  g_assert_true (tv_quiz_parse_number ("3 626 544 837", &v));
  g_assert_cmpuint (v, ==, 3626544837u);
  g_assert_true (tv_quiz_parse_number ("4294967295", &v));
  g_assert_cmpuint (v, ==, G_MAXUINT32);
  v = 7;
  g_assert_false (tv_quiz_parse_number ("4294967296", &v));
  g_assert_false (tv_quiz_parse_number ("", &v));
  g_assert_false (tv_quiz_parse_number ("   ", &v));
  g_assert_false (tv_quiz_parse_number ("-1", &v));
  g_assert_false (tv_quiz_parse_number ("x+1", &v));
  g_assert_false (tv_quiz_parse_number (NULL, &v));
  g_assert_cmpuint (v, ==, 7);
}

/* A whole quiz: all right, one wrong, one skipped; the score counts parts
 * and whole segments. */
static void
test_score (void)
{
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn = tv_test_textbook (tracker);
  TvQuiz *quiz = tv_quiz_new (conn, FALSE);
  TvQuizAnswer given, right;
  guint pr, pa, sr, sa;

  g_assert_cmpuint (tv_quiz_get_n (quiz), ==, 11);
  g_assert_cmpuint (tv_quiz_get_question (quiz), ==, 0);

  /* the SYN, right: 5 parts asked */
  tv_quiz_expected (conn, 0, FALSE, &given);
  g_assert_cmpuint (tv_quiz_answer (quiz, &given, &right), ==, 0);
  /* the SYN-ACK with ack = 0: 5 of 6 */
  tv_quiz_expected (conn, 1, FALSE, &given);
  given.ack = 0;
  g_assert_cmpuint (tv_quiz_answer (quiz, &given, &right), ==, TV_QUIZ_ACK);
  g_assert_cmpuint (right.ack, ==, 1);
  /* the ACK, skipped: 0 of 6 */
  tv_quiz_skip (quiz);
  tv_quiz_get_score (quiz, &pr, &pa, &sr, &sa);
  g_assert_cmpuint (pr, ==, 5 + 5);
  g_assert_cmpuint (pa, ==, 5 + 6 + 6);
  g_assert_cmpuint (sr, ==, 1);
  g_assert_cmpuint (sa, ==, 3);
  g_assert_cmpuint (tv_quiz_get_question (quiz), ==, 3);

  while (!tv_quiz_is_over (quiz))
    {
      tv_quiz_expected (conn, tv_quiz_get_question (quiz), FALSE, &given);
      g_assert_cmpuint (tv_quiz_answer (quiz, &given, NULL), ==, 0);
    }
  tv_quiz_get_score (quiz, &pr, &pa, &sr, &sa);
  g_assert_cmpuint (sa, ==, 11);
  g_assert_cmpuint (sr, ==, 9);
  g_assert_cmpuint (pa - pr, ==, 1 + 6);
  tv_quiz_free (quiz);
  tv_tracker_free (tracker);
}

/* Simultaneous open: both ends send a SYN; the second SYN is the server's,
 * and the states are SYN_SENT on both sides after it. */
static void
test_simultaneous_open (void)
{
  const char *dir = g_getenv ("TV_TEST_CAPTURES");
  g_autofree char *path = g_build_filename (dir, "tcp-simultaneous-open.pcap", NULL);
  TvTracker *tracker = tv_tracker_new ();
  TvLoadStats stats = { 0 };
  TvQuizAnswer a;
  TvConn *conn;

  g_assert_true (tv_load_file (path, tracker, NULL, &stats, NULL));
  tv_load_stats_clear (&stats);
  conn = tv_tracker_get_conn (tracker, 0);
  tv_quiz_expected (conn, 0, FALSE, &a);
  g_assert_cmpuint (a.flags, ==, TV_TCP_SYN);
  tv_quiz_expected (conn, 1, FALSE, &a);
  g_assert_cmpuint (a.flags, ==, TV_TCP_SYN);
  g_assert_cmpint (a.sender, ==, TV_DIR_SERVER_TO_CLIENT);
  tv_tracker_free (tracker);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/quiz/expected", test_expected);
  g_test_add_func ("/render/quiz/check", test_check);
  g_test_add_func ("/render/quiz/parse", test_parse);
  g_test_add_func ("/render/quiz/score", test_score);
  g_test_add_func ("/render/quiz/simultaneous-open", test_simultaneous_open);
  return g_test_run ();
}
