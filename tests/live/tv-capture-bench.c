/* tv-capture-bench.c: a small command-line harness around TvLiveCapture,
 * for the live tests and benchmarks/live-capture.sh (not installed).
 *
 *   tv-capture-bench -i IFACE [-f FILTER] [-d SECONDS] [-w SPOOL] [-s SAVE]
 *                    [-B BUFFER_BYTES] [-S SNAPLEN] [--blocks MS | --immediate]
 *                    [--progress]
 *
 * Prints "ready" on standard output once the interface is open, then (with
 * --progress) "frames N" after every hand-over to the tracker, and at the
 * end one line:
 *   packets=P tcp=T kernel_dropped=D if_dropped=I elapsed=S conns=C reason=R
 * SIGINT or SIGTERM stop the capture (tv_live_capture_stop()).  Exit status:
 * 0 when the capture ran, 77 when not allowed to capture, 1 on other errors. */
#define G_LOG_DOMAIN "tv-capture-bench"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib-unix.h>

#include "tv-core-error.h"
#include "tv-live-capture.h"

typedef struct {
  GMainLoop     *loop;
  TvLiveCapture *live;
  gboolean       progress;
  guint64        frames;
} Bench;

static gboolean
on_signal (gpointer data)
{
  Bench *b = data;
  tv_live_capture_stop (b->live);
  return G_SOURCE_CONTINUE;
}

static void
on_frames_added (TvLiveCapture *live,
                 guint          n,
                 Bench         *b)
{
  b->frames += n;
  if (b->progress)
    {
      printf ("frames %" G_GUINT64_FORMAT "\n", b->frames);
      fflush (stdout);
    }
}

static void
on_finished (TvLiveCapture *live,
             Bench         *b)
{
  g_main_loop_quit (b->loop);
}

static const char *
reason_name (TvLiveCaptureStopReason reason)
{
  switch (reason)
    {
    case TV_LIVE_CAPTURE_STOPPED_BY_USER: return "user";
    case TV_LIVE_CAPTURE_STOPPED_DURATION: return "duration";
    case TV_LIVE_CAPTURE_STOPPED_ERROR: return "error";
    case TV_LIVE_CAPTURE_NOT_STOPPED:
    default: return "none";
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *iface = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *spool = NULL;
  g_autofree char *save = NULL;
  int duration = 0, buffer = 0, snaplen = 0;
  gboolean progress = FALSE;
  int block_ms = 0;
  gboolean immediate = FALSE;
  GOptionEntry entries[] = {
    { "interface", 'i', 0, G_OPTION_ARG_STRING, &iface, "Interface", "IFACE" },
    { "filter", 'f', 0, G_OPTION_ARG_STRING, &filter, "BPF filter (default: tcp)", "BPF" },
    { "duration", 'd', 0, G_OPTION_ARG_INT, &duration, "Stop after SECONDS", "SECONDS" },
    { "spool", 'w', 0, G_OPTION_ARG_FILENAME, &spool, "Spool file", "FILE" },
    { "save", 's', 0, G_OPTION_ARG_FILENAME, &save, "Save the capture there at the end", "FILE" },
    { "buffer", 'B', 0, G_OPTION_ARG_INT, &buffer, "Kernel buffer size in bytes", "BYTES" },
    { "snaplen", 'S', 0, G_OPTION_ARG_INT, &snaplen, "Snapshot length", "BYTES" },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress, "Print frames as they arrive", NULL },
    { "blocks", 0, 0, G_OPTION_ARG_INT, &block_ms, "Blocks at most MS late (default 10)", "MS" },
    { "immediate", 0, 0, G_OPTION_ARG_NONE, &immediate, "Immediate mode instead of blocks", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- capture with TvLiveCapture");
  g_autoptr(GError) error = NULL;
  TvTracker *tracker;
  TvLiveCaptureStats stats;
  Bench b = { 0 };
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || iface == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "tv-capture-bench: -i IFACE is required");
      return 2;
    }

  tracker = tv_tracker_new ();
  b.loop = g_main_loop_new (NULL, FALSE);
  b.progress = progress;
  b.live = tv_live_capture_new (iface, tracker);
  if (filter != NULL)
    tv_live_capture_set_filter (b.live, filter);
  if (duration > 0)
    tv_live_capture_set_duration (b.live, duration);
  if (spool != NULL)
    tv_live_capture_set_spool_path (b.live, spool);
  if (buffer > 0)
    tv_live_capture_set_buffer_size (b.live, buffer);
  if (snaplen > 0)
    tv_live_capture_set_snaplen (b.live, snaplen);
  if (block_ms > 0 || immediate)
    tv_live_capture_set_immediate (b.live, immediate, block_ms);
  g_signal_connect (b.live, "frames-added", G_CALLBACK (on_frames_added), &b);
  g_signal_connect (b.live, "finished", G_CALLBACK (on_finished), &b);

  if (!tv_live_capture_start (b.live, &error))
    {
      g_printerr ("%s\n", error->message);
      status = g_error_matches (error, TV_CORE_ERROR, TV_CORE_ERROR_PERMISSION) ? 77 : 1;
      goto out;
    }
  printf ("ready %s\n", tv_live_capture_get_spool_path (b.live));
  fflush (stdout);

  g_unix_signal_add (SIGINT, on_signal, &b);
  g_unix_signal_add (SIGTERM, on_signal, &b);
  g_main_loop_run (b.loop);

  tv_live_capture_get_stats (b.live, &stats);
  printf ("packets=%" G_GUINT64_FORMAT " tcp=%" G_GUINT64_FORMAT
          " kernel_dropped=%" G_GUINT64_FORMAT " if_dropped=%" G_GUINT64_FORMAT
          " elapsed=%.3f conns=%u reason=%s\n",
          stats.packets, stats.tcp_frames, stats.kernel_dropped, stats.if_dropped,
          stats.elapsed_us / 1e6, tv_tracker_get_n_conns (tracker),
          reason_name (tv_live_capture_get_stop_reason (b.live)));
  fflush (stdout);
  if (tv_live_capture_get_error (b.live) != NULL)
    {
      g_printerr ("%s\n", tv_live_capture_get_error (b.live)->message);
      status = 1;
    }
  if (save != NULL && !tv_live_capture_save (b.live, save, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      status = 1;
    }

out:
  g_object_unref (b.live);
  g_main_loop_unref (b.loop);
  tv_tracker_free (tracker);
  return status;
}
