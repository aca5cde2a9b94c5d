/* test-lesson.c: the installed lessons: each has a unique name, a title,
 * an introduction that asks the class something, and a capture that loads
 * and shows what the lesson is about. */
#define G_LOG_DOMAIN "test-lesson"

#include "config.h"

#include "tv-lesson.h"
#include "tv-load.h"
#include "tv-core-error.h"
#include "tv-tcp.h"
#include <string.h>

static TvTracker *
load_lesson (const TvLesson *lesson,
             TvConn        **conn)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tv_lesson_find_capture (lesson, &error);
  TvLoadStats stats = { 0 };
  TvTracker *tracker;

  g_assert_no_error (error);
  g_assert_nonnull (path);
  tracker = tv_tracker_new ();
  g_assert_true (tv_load_file (path, tracker, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_null (stats.warning);
  tv_load_stats_clear (&stats);
  g_assert_cmpuint (tv_tracker_get_n_conns (tracker), >, (guint) lesson->connection);
  *conn = tv_tracker_get_conn (tracker, (guint) lesson->connection);
  return tracker;
}

static guint16
all_analysis (TvConn *conn)
{
  guint16 bits = 0;

  for (guint i = 0; i < conn->n_segs; i++)
    bits |= conn->segs[i].analysis;
  return bits;
}

static void
test_list (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (tv_lesson_get_n (), >=, 13);
  for (guint i = 0; i < tv_lesson_get_n (); i++)
    {
      const TvLesson *lesson = tv_lesson_get (i);
      TvConn *conn;
      TvTracker *tracker;

      g_assert_false (g_hash_table_contains (names, lesson->name));
      g_hash_table_add (names, (gpointer) lesson->name);
      g_assert_true (tv_lesson_find (lesson->name) == lesson);
      g_assert_cmpuint (strlen (tv_lesson_get_title (lesson)), >, 5);
      /* what to watch for, and a question for the class */
      g_assert_cmpuint (strlen (tv_lesson_get_intro (lesson)), >, 150);
      g_assert_nonnull (strstr (tv_lesson_get_intro (lesson), "Ask the class"));
      g_assert_nonnull (strchr (tv_lesson_get_intro (lesson), '?'));

      tracker = load_lesson (lesson, &conn);
      g_assert_cmpuint (conn->n_segs, >=, 2);
      tv_tracker_free (tracker);
    }
  g_assert_null (tv_lesson_find ("no-such-lesson"));
}

/* Each capture shows what its lesson talks about. */
static void
test_contents (void)
{
  static const struct {
    const char *name;
    guint16     analysis;   /* marks it must have */
    guint8      end;
  } expect[] = {
    { "textbook", 0, TV_END_FIN },
    { "http-fetch", 0, TV_END_FIN },
    { "syn-lost", TV_ANALYSIS_RETRANSMISSION, TV_END_FIN },
    { "fast-retransmit", TV_ANALYSIS_DUPLICATE_ACK | TV_ANALYSIS_FAST_RETRANSMISSION, TV_END_FIN },
    { "rto", TV_ANALYSIS_RETRANSMISSION, TV_END_FIN },
    { "zero-window", TV_ANALYSIS_ZERO_WINDOW | TV_ANALYSIS_WINDOW_UPDATE, TV_END_FIN },
    { "refused", 0, TV_END_RST },
    { "abort-rst", 0, TV_END_RST },
    { "simultaneous-open", 0, TV_END_FIN },
    { "simultaneous-close", 0, TV_END_FIN },
    { "half-close", 0, TV_END_FIN },
    { "tls13", 0, TV_END_FIN },
    { "time-wait", 0, TV_END_FIN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      const TvLesson *lesson = tv_lesson_find (expect[i].name);
      TvTracker *tracker;
      TvConn *conn;

      g_test_message ("lesson %s", expect[i].name);
      g_assert_nonnull (lesson);
      tracker = load_lesson (lesson, &conn);
      g_assert_cmpuint (all_analysis (conn) & expect[i].analysis, ==, expect[i].analysis);
      g_assert_cmpuint (conn->end, ==, expect[i].end);

      if (g_str_equal (expect[i].name, "textbook"))
        {
          /* the seeds' example: 192.168.1.116:3337 → 192.168.1.123:7788 */
          g_assert_cmpuint (conn->n_segs, ==, 11);
          g_assert_cmpuint (conn->client.port, ==, 3337);
          g_assert_cmpuint (conn->server.port, ==, 7788);
          g_assert_cmpuint (conn->segs[0].seq, ==, 3626544836u);
          g_assert_cmpuint (conn->segs[1].seq, ==, 1739326486u);
        }
      else if (g_str_equal (expect[i].name, "simultaneous-open"))
        g_assert_true (conn->badges & TV_CONN_SIMULTANEOUS_OPEN);
      else if (g_str_equal (expect[i].name, "tls13"))
        g_assert_true (conn->badges & TV_CONN_TLS);
      else if (g_str_equal (expect[i].name, "time-wait"))
        {
          /* the same four-tuple twice */
          TvConn *second = tv_tracker_get_conn (tracker, 1);

          g_assert_nonnull (second);
          g_assert_cmpuint (second->client.port, ==, conn->client.port);
          g_assert_cmpuint (second->server.port, ==, conn->server.port);
          g_assert_cmpuint (conn->segs[conn->n_segs - 1].client_state, ==, TV_TCP_STATE_TIME_WAIT);
        }
      else if (g_str_equal (expect[i].name, "half-close"))
        {
          /* the server sends data after the client's FIN */
          gboolean fin = FALSE, after = FALSE;

          for (guint k = 0; k < conn->n_segs; k++)
            {
              const TvSegment *s = &conn->segs[k];

              if (s->dir == TV_DIR_CLIENT_TO_SERVER && (s->flags & TV_TCP_FIN))
                fin = TRUE;
              else if (fin && s->dir == TV_DIR_SERVER_TO_CLIENT && s->len > 0 && !(s->flags & TV_TCP_FIN))
                after = TRUE;
            }
          g_assert_true (after);
        }
      tv_tracker_free (tracker);
    }
}

/* A missing capture: an error naming the file. */
static void
test_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_setenv ("TCPVIZ_LESSONS_DIR", "/nonexistent/lessons", TRUE);
  path = tv_lesson_find_capture (tv_lesson_find ("rto"), &error);
  g_assert_null (path);
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "/nonexistent/lessons/rto.pcap"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/lesson/list", test_list);
  g_test_add_func ("/core/lesson/contents", test_contents);
  g_test_add_func ("/core/lesson/missing", test_missing);
  return g_test_run ();
}
