/* fuzz-load.c: libFuzzer target for whole capture files.
 *
 * The input is written to a file, which is then read three ways:
 * tv_load_file() (the command line's pipelined load), TvLoader (the
 * window's threaded loader) and, when it holds a connection, saved again
 * with tv_writer_save_frames() and read back.  The two loads must agree,
 * every failure must come with a message that names the file, and the
 * model must hold its invariants. */
#define G_LOG_DOMAIN "tv-fuzz-load"

#include "config.h"

#include <stdint.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "tv-fuzz-common.h"
#include "tv-capture.h"
#include "tv-connection.h"
#include "tv-load.h"
#include "tv-loader.h"
#include "tv-writer.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *in_path;
static char *out_path;

static void
cleanup (void)
{
  g_unlink (in_path);
  g_unlink (out_path);
  g_rmdir (tv_fuzz_tmpdir ());
}

static void
on_finished (TvLoader *loader,
             gboolean *finished)
{
  *finished = TRUE;
}

static void
on_loaded (TvCapture *capture,
           gboolean  *loaded)
{
  *loaded = TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GMainContext *context;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker, *tracker2;
  TvLoader *loader;
  gboolean ok;
  gboolean finished = FALSE;
  const GError *loader_error;

  if (in_path == NULL)
    {
      in_path = g_build_filename (tv_fuzz_tmpdir (), "in.pcap", NULL);
      out_path = g_build_filename (tv_fuzz_tmpdir (), "out.pcap", NULL);
      context = g_main_context_new ();
      g_main_context_push_thread_default (context);
      atexit (cleanup);
    }
  if (!g_file_set_contents (in_path, (const char *) data, (gssize) size, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      abort ();
    }

  /* 1. the synchronous whole-file load */
  tracker = tv_tracker_new ();
  ok = tv_load_file (in_path, tracker, NULL, &stats, &error);
  if (!ok)
    {
      TV_FUZZ_CHECK (error != NULL);
      TV_FUZZ_CHECK (strstr (error->message, in_path) != NULL);
    }
  else
    {
      TV_FUZZ_CHECK (error == NULL);
      TV_FUZZ_CHECK (stats.tcp_frames <= stats.frames);
      TV_FUZZ_CHECK (stats.tcp_frames == tv_tracker_get_n_segments (tracker));
      if (stats.warning != NULL)
        TV_FUZZ_CHECK (strstr (stats.warning, in_path) != NULL);
      tv_fuzz_check_tracker (tracker, TRUE);

      /* the --json document: streamed, and valid JSON */
      {
        char *text = NULL;
        size_t text_len = 0;
        FILE *mem = open_memstream (&text, &text_len);
        g_autoptr(JsonNode) root = NULL;
        g_autoptr(GError) json_error = NULL;

        TV_FUZZ_CHECK (mem != NULL);
        TV_FUZZ_CHECK (tv_json_write (tracker, in_path, &stats, mem, &json_error));
        fclose (mem);
        root = json_from_string (text, &json_error);
        if (root == NULL)
          {
            fprintf (stderr, "--json wrote invalid JSON: %s\n", json_error->message);
            abort ();
          }
        TV_FUZZ_CHECK (JSON_NODE_HOLDS_OBJECT (root));
        TV_FUZZ_CHECK (json_object_get_int_member (json_node_get_object (root), "connection_count") ==
                       tv_tracker_get_n_conns (tracker));
        TV_FUZZ_CHECK (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "connections")) ==
                       tv_tracker_get_n_conns (tracker));
        free (text);
      }
    }

  /* 2. the window's threaded loader: the same result */
  tracker2 = tv_tracker_new ();
  loader = tv_loader_new (in_path, tracker2);
  g_signal_connect (loader, "finished", G_CALLBACK (on_finished), &finished);
  tv_loader_start (loader);
  while (!finished)
    g_main_context_iteration (context, TRUE);
  loader_error = tv_loader_get_error (loader);
  TV_FUZZ_CHECK ((loader_error == NULL) == ok);
  if (loader_error != NULL)
    TV_FUZZ_CHECK (strstr (loader_error->message, in_path) != NULL);
  else
    {
      TV_FUZZ_CHECK (tv_loader_get_frames (loader) == stats.frames);
      TV_FUZZ_CHECK (tv_loader_get_tcp_frames (loader) == stats.tcp_frames);
      TV_FUZZ_CHECK (tv_tracker_get_n_conns (tracker2) == tv_tracker_get_n_conns (tracker));
      /* a read error is a warning for both (tv_load_file() also warns
       * about a link type it does not decode) */
      if (tv_loader_get_warning (loader) != NULL)
        TV_FUZZ_CHECK (stats.warning != NULL);
      if (stats.warning == NULL)
        TV_FUZZ_CHECK (tv_loader_get_warning (loader) == NULL);
      tv_fuzz_check_tracker (tracker2, FALSE);
    }
  g_object_unref (loader);
  tv_tracker_free (tracker2);

  /* 2b. the window's list model on top of it */
  {
    TvCapture *capture = tv_capture_new (in_path);
    gboolean loaded = FALSE;
    guint n_items;

    g_signal_connect (capture, "loaded", G_CALLBACK (on_loaded), &loaded);
    tv_capture_load (capture);
    while (!loaded)
      g_main_context_iteration (context, TRUE);
    n_items = g_list_model_get_n_items (G_LIST_MODEL (capture));
    TV_FUZZ_CHECK ((tv_capture_get_error (capture) == NULL) == ok);
    if (ok)
      TV_FUZZ_CHECK (n_items == tv_tracker_get_n_conns (tracker));
    for (guint i = 0; i < n_items; i++)
      {
        TvConnection *conn = g_list_model_get_item (G_LIST_MODEL (capture), i);

        TV_FUZZ_CHECK (conn != NULL);
        TV_FUZZ_CHECK (tv_connection_get_id (conn) == i);
        TV_FUZZ_CHECK (tv_connection_get_client (conn) != NULL);
        TV_FUZZ_CHECK (tv_connection_get_server (conn) != NULL);
        TV_FUZZ_CHECK (tv_connection_get_search_text (conn) != NULL);
        TV_FUZZ_CHECK (tv_connection_get_n_segments (conn) > 0);
        g_object_unref (conn);
      }
    TV_FUZZ_CHECK (g_list_model_get_item (G_LIST_MODEL (capture), n_items) == NULL);
    g_object_unref (capture);
  }

  /* 3. save the first connection and read it back */
  if (ok && tv_tracker_get_n_conns (tracker) > 0)
    {
      TvConn *c = tv_tracker_get_conn (tracker, 0);
      g_autofree guint32 *frames = NULL;
      TvLoadStats stats2 = { 0 };
      TvTracker *tracker3;
      gsize n_frames;

      frames = tv_writer_conn_frames (c, &n_frames);
      if (!tv_writer_save_frames (in_path, out_path, frames, n_frames, NULL, &save_error))
        {
          fprintf (stderr, "saving failed: %s\n", save_error->message);
          abort ();
        }
      tracker3 = tv_tracker_new ();
      if (!tv_load_file (out_path, tracker3, NULL, &stats2, &save_error))
        {
          fprintf (stderr, "reading the saved file failed: %s\n", save_error->message);
          abort ();
        }
      TV_FUZZ_CHECK (stats2.frames == n_frames);
      TV_FUZZ_CHECK (stats2.tcp_frames <= n_frames);
      tv_load_stats_clear (&stats2);
      tv_tracker_free (tracker3);
    }

  tv_load_stats_clear (&stats);
  tv_tracker_free (tracker);
  return 0;
}
