/* tv-test-conn.h: connections for the render tests and benchmark, built by
 * feeding TvFrames to a real TvTracker. */
#pragma once

#include <string.h>
#include <glib.h>

#include "tv-label.h"
#include "tv-load.h"
#include "tv-tracker.h"

/* The textbook example: 192.168.1.116:3337 → 192.168.1.123:7788. */
#define TV_TEST_CLIENT_ISN 3626544836u
#define TV_TEST_SERVER_ISN 1739326486u

typedef struct {
  TvTracker *tracker;
  guint32    frame;
  gint64     t0;
} TvTestFeed;

static inline void
tv_test_ip4 (TvAddress *a, guint8 b0, guint8 b1, guint8 b2, guint8 b3)
{
  memset (a, 0, sizeof *a);
  a->family = 4;
  a->bytes[0] = b0;
  a->bytes[1] = b1;
  a->bytes[2] = b2;
  a->bytes[3] = b3;
}

/* One segment; @to_server picks the direction.  Returns the connection. */
static inline TvConn *
tv_test_send (TvTestFeed *feed,
              gboolean    to_server,
              gint64      t_us,
              guint16     flags,
              guint32     seq,
              guint32     ack,
              guint32     len,
              const char *label)
{
  TvFrame f;
  TvAddress c, s;
  int kind = TV_LABEL_NONE;

  memset (&f, 0, sizeof f);
  tv_test_ip4 (&c, 192, 168, 1, 116);
  tv_test_ip4 (&s, 192, 168, 1, 123);
  f.frame = ++feed->frame;
  f.time_ns = feed->t0 + t_us * 1000;
  f.src = to_server ? c : s;
  f.dst = to_server ? s : c;
  f.sport = to_server ? 3337 : 7788;
  f.dport = to_server ? 7788 : 3337;
  f.seq = seq;
  f.ack = ack;
  f.flags = flags;
  f.window = 64240;
  f.header_len = 20;
  f.len = len;
  f.ttl = 64;

  if (label != NULL)
    kind = g_str_has_prefix (label, "HTTP/") ? TV_LABEL_HTTP_RESPONSE
         : g_str_has_prefix (label, "TLS") ? TV_LABEL_TLS : TV_LABEL_HTTP_REQUEST;

  return tv_tracker_add (feed->tracker, &f, kind, label, NULL);
}

#define C2S TRUE
#define S2C FALSE

/* Handshake, a GET and its answer, a four-way close: 11 segments. */
static inline TvConn *
tv_test_textbook (TvTracker *tracker)
{
  TvTestFeed feed = { tracker, 0, G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC * 1000 };
  const guint32 c = TV_TEST_CLIENT_ISN, s = TV_TEST_SERVER_ISN;
  TvConn *conn;

  conn = tv_test_send (&feed, C2S, 0, TV_TCP_SYN, c, 0, 0, NULL);
  tv_test_send (&feed, S2C, 351, TV_TCP_SYN | TV_TCP_ACK, s, c + 1, 0, NULL);
  tv_test_send (&feed, C2S, 402, TV_TCP_ACK, c + 1, s + 1, 0, NULL);
  tv_test_send (&feed, C2S, 530, TV_TCP_PSH | TV_TCP_ACK, c + 1, s + 1, 78, "GET / HTTP/1.1");
  tv_test_send (&feed, S2C, 880, TV_TCP_ACK, s + 1, c + 79, 0, NULL);
  tv_test_send (&feed, S2C, 2100, TV_TCP_PSH | TV_TCP_ACK, s + 1, c + 79, 200, "HTTP/1.1 200 OK");
  tv_test_send (&feed, C2S, 2450, TV_TCP_ACK, c + 79, s + 201, 0, NULL);
  tv_test_send (&feed, C2S, 5000, TV_TCP_FIN | TV_TCP_ACK, c + 79, s + 201, 0, NULL);
  tv_test_send (&feed, S2C, 5350, TV_TCP_ACK, s + 201, c + 80, 0, NULL);
  tv_test_send (&feed, S2C, 5600, TV_TCP_FIN | TV_TCP_ACK, s + 201, c + 80, 0, NULL);
  tv_test_send (&feed, C2S, 5950, TV_TCP_ACK, c + 80, s + 202, 0, NULL);

  return conn;
}

/* A long transfer: a handshake, then @n_data data segments from the server,
 * each acknowledged by the client (2 rows per segment), then a close.
 * Every 97th data segment is sent again (a retransmission). */
static inline TvConn *
tv_test_bulk (TvTracker *tracker,
              guint      n_data)
{
  TvTestFeed feed = { tracker, 0, G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC * 1000 };
  const guint32 c = TV_TEST_CLIENT_ISN, s = TV_TEST_SERVER_ISN;
  guint32 sseq = s + 1;
  gint64 t = 0;
  TvConn *conn;

  conn = tv_test_send (&feed, C2S, t, TV_TCP_SYN, c, 0, 0, NULL);
  tv_test_send (&feed, S2C, t += 300, TV_TCP_SYN | TV_TCP_ACK, s, c + 1, 0, NULL);
  tv_test_send (&feed, C2S, t += 300, TV_TCP_ACK, c + 1, s + 1, 0, NULL);
  tv_test_send (&feed, C2S, t += 100, TV_TCP_PSH | TV_TCP_ACK, c + 1, s + 1, 90,
                "GET /big.iso HTTP/1.1");
  for (guint i = 0; i < n_data; i++)
    {
      guint32 len = 1448;

      tv_test_send (&feed, S2C, t += 40, TV_TCP_ACK | (i % 16 == 15 ? TV_TCP_PSH : 0),
                    sseq, c + 91, len, i == 0 ? "HTTP/1.1 200 OK" : NULL);
      if (i % 97 == 50)
        tv_test_send (&feed, S2C, t += 200, TV_TCP_ACK, sseq, c + 91, len, NULL);
      sseq += len;
      tv_test_send (&feed, C2S, t += 30, TV_TCP_ACK, c + 91, sseq, 0, NULL);
    }
  tv_test_send (&feed, C2S, t += 1000, TV_TCP_FIN | TV_TCP_ACK, c + 91, sseq, 0, NULL);
  tv_test_send (&feed, S2C, t += 300, TV_TCP_FIN | TV_TCP_ACK, sseq, c + 92, 0, NULL);
  tv_test_send (&feed, C2S, t += 300, TV_TCP_ACK, c + 92, sseq + 1, 0, NULL);

  return conn;
}

/* The tracker of @name in tests/captures, read at once and finished; NULL
 * when $TV_TEST_CAPTURES is unset or has no such file (the test skips). */
static inline TvTracker *
tv_test_load_capture (const char *name)
{
  const char *dir = g_getenv ("TV_TEST_CAPTURES");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  tracker = tv_tracker_new ();
  g_assert_true (tv_load_file (path, tracker, NULL, &stats, &error));
  g_assert_no_error (error);
  tv_load_stats_clear (&stats);
  tv_tracker_finish (tracker);
  return tracker;
}
