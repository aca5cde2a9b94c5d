/* first-diagram.c: how long the window takes, from the moment a capture is
 * opened, to paint the first connection's ladder diagram — and to finish
 * the whole load — on the real window and loader.
 *
 *   first-diagram FILE [RUNS]      (needs a display: run it under xvfb-run)
 *
 * Prints one line per run and the medians:
 *   first diagram: 412 ms (median of 3); whole load: 5210 ms; 48 frames painted
 */
#define G_LOG_DOMAIN "first-diagram"
#include "config.h"

#include <stdlib.h>
#include <adwaita.h>

#include "tv-application.h"
#include "tv-capture.h"
#include "tv-connection-view.h"
#include "tv-ladder-view.h"
#include "tv-window.h"

typedef struct {
  const char *path;
  TvWindow   *window;
  gint64      start;
  gint64      first_ms;
  gint64      load_ms;
  guint       poll_id;
  guint       paints;    /* frames the window painted during the load */
  guint       announced; /* the loader's announcements ("frames" notifications) */
} Run;

static void
on_frames_notify (GObject    *capture,
                  GParamSpec *pspec,
                  gpointer    data)
{
  Run *run = data;

  if (run->load_ms < 0)
    run->announced++;
}

static void
on_paint (GdkFrameClock *clock,
          gpointer       data)
{
  Run *run = data;

  if (run->load_ms < 0)
    run->paints++;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Run *run = data;

  /* the first frame after the view got its connection: it is on screen */
  if (run->first_ms < 0)
    run->first_ms = (g_get_monotonic_time () - run->start) / 1000;
  return G_SOURCE_REMOVE;
}

static gboolean
poll_cb (gpointer data)
{
  Run *run = data;
  GtkWidget *cview = tv_window_get_connection_view (run->window);
  GtkWidget *ladder = cview ? tv_connection_view_get_ladder_view (TV_CONNECTION_VIEW (cview)) : NULL;
  TvCapture *capture = tv_window_get_capture (run->window);
  static gboolean ticking;

  if (run->first_ms < 0 && !ticking && ladder != NULL &&
      tv_ladder_view_get_connection (TV_LADDER_VIEW (ladder)) != NULL)
    {
      ticking = TRUE;
      gtk_widget_add_tick_callback (ladder, on_tick, run, NULL);
    }
  if (capture != NULL && tv_capture_get_loaded (capture) && run->first_ms >= 0)
    {
      run->load_ms = (g_get_monotonic_time () - run->start) / 1000;
      ticking = FALSE;
      run->poll_id = 0;
      gtk_window_destroy (GTK_WINDOW (run->window));
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_activate (GApplication *app,
             gpointer      data)
{
  Run *run = data;

  run->window = tv_window_new (TV_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (run->window));
  run->first_ms = -1;
  run->load_ms = -1;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (run->window)), "paint",
                    G_CALLBACK (on_paint), run);
  run->start = g_get_monotonic_time ();
  tv_window_open_path (run->window, run->path);
  g_signal_connect (tv_window_get_capture (run->window), "notify::frames",
                    G_CALLBACK (on_frames_notify), run);
  run->poll_id = g_timeout_add (2, poll_cb, run);
}

static int
cmp_int64 (const void *a, const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char *argv[])
{
  int runs = argc > 2 ? atoi (argv[2]) : 3;
  gint64 first[16], load[16], paints[16];

  if (argc < 2 || runs < 1 || runs > 16)
    {
      g_printerr ("usage: first-diagram FILE [RUNS (1-16)]\n");
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_print ("skipped: no display (run under xvfb-run)\n");
      return 77;
    }

  for (int i = 0; i < runs; i++)
    {
      Run run = { .path = argv[1] };
      g_autoptr(TvApplication) app = tv_application_new ();

      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_signal_connect (app, "activate", G_CALLBACK (on_activate), &run);
      g_application_run (G_APPLICATION (app), 1, argv);
      g_print ("run %d: first diagram %" G_GINT64_FORMAT " ms, whole load %" G_GINT64_FORMAT " ms, %u frames painted, %u announcements\n",
               i + 1, run.first_ms, run.load_ms, run.paints, run.announced);
      first[i] = run.first_ms;
      load[i] = run.load_ms;
      paints[i] = run.paints;
    }
  qsort (first, runs, sizeof first[0], cmp_int64);
  qsort (load, runs, sizeof load[0], cmp_int64);
  qsort (paints, runs, sizeof paints[0], cmp_int64);
  g_print ("first diagram: %" G_GINT64_FORMAT " ms (median of %d); whole load: %" G_GINT64_FORMAT " ms; "
           "%" G_GINT64_FORMAT " frames painted\n",
           first[runs / 2], runs, load[runs / 2], paints[runs / 2]);
  return 0;
}
