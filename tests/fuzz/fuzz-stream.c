/* fuzz-stream.c: libFuzzer target for a capture read as a stream, the way
 * "tcpviz -" reads standard input: the input goes through a pipe, written
 * by a thread, into tv_load_file ("-").  Failures must name standard input;
 * the model must hold its invariants. */
#define G_LOG_DOMAIN "tv-fuzz-stream"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio_ext.h>
#include <unistd.h>

#include "tv-fuzz-common.h"
#include "tv-load.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct {
  const guint8 *data;
  gsize         size;
  int           fd;
} Feed;

static gpointer
feed_thread (gpointer user_data)
{
  Feed *feed = user_data;
  gsize done = 0;

  while (done < feed->size)
    {
      /* small writes, so that the reader sees records arrive in pieces */
      gssize n = write (feed->fd, feed->data + done, MIN (feed->size - done, 4096));
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;           /* EPIPE: the reader stopped early */
      done += (gsize) n;
    }
  close (feed->fd);
  return NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static int devnull = -1;
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker;
  GThread *thread;
  Feed feed;
  int fds[2];

  if (devnull < 0)
    {
      signal (SIGPIPE, SIG_IGN);
      devnull = open ("/dev/null", O_RDONLY | O_CLOEXEC);
      TV_FUZZ_CHECK (devnull >= 0);
    }

  TV_FUZZ_CHECK (pipe (fds) == 0);
  TV_FUZZ_CHECK (dup2 (fds[0], STDIN_FILENO) == STDIN_FILENO);
  close (fds[0]);
  /* what the last run left in stdin's buffer is not this input's */
  clearerr (stdin);
  __fpurge (stdin);

  feed.data = data;
  feed.size = size;
  feed.fd = fds[1];
  thread = g_thread_new ("feed", feed_thread, &feed);

  tracker = tv_tracker_new ();
  if (!tv_load_file ("-", tracker, NULL, &stats, &error))
    {
      TV_FUZZ_CHECK (error != NULL);
      TV_FUZZ_CHECK (strstr (error->message, "standard input") != NULL);
    }
  else
    {
      TV_FUZZ_CHECK (stats.tcp_frames <= stats.frames);
      TV_FUZZ_CHECK (stats.tcp_frames == tv_tracker_get_n_segments (tracker));
      if (stats.warning != NULL)
        TV_FUZZ_CHECK (strstr (stats.warning, "standard input") != NULL);
      tv_fuzz_check_tracker (tracker, TRUE);
    }

  /* close the read end, so that the feeder stops if the reader did */
  TV_FUZZ_CHECK (dup2 (devnull, STDIN_FILENO) == STDIN_FILENO);
  g_thread_join (thread);

  tv_load_stats_clear (&stats);
  tv_tracker_free (tracker);
  return 0;
}
