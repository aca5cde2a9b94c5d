/* test-live-basics.c: what the capture dialog needs before Start, which
 * works without the right to capture: the interface list and the filter
 * check; and the errors start() gives. */
#define G_LOG_DOMAIN "test-live-basics"
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "tv-core-error.h"
#include "tv-live-capture.h"

static char *tmpdir;

static void
test_interfaces (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = tv_live_capture_list_interfaces (&error);
  const TvInterface *lo = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    {
      const TvInterface *iface = g_ptr_array_index (list, i);
      g_autofree char *addresses = g_strjoinv (", ", iface->addresses);

      g_assert_nonnull (iface->name);
      g_assert_nonnull (iface->addresses);
      g_test_message ("%s%s%s%s%s%s [%s] %s", iface->name,
                      iface->flags & TV_INTERFACE_LOOPBACK ? " loopback" : "",
                      iface->flags & TV_INTERFACE_UP ? " up" : "",
                      iface->flags & TV_INTERFACE_RUNNING ? " running" : "",
                      iface->flags & TV_INTERFACE_WIRELESS ? " wireless" : "",
                      iface->flags & TV_INTERFACE_ANY ? " any" : "",
                      addresses, iface->description ? iface->description : "");
      if (g_strcmp0 (iface->name, "lo") == 0)
        lo = iface;
      if (g_strcmp0 (iface->name, "any") == 0)
        g_assert_true (iface->flags & TV_INTERFACE_ANY);
    }
  if (lo == NULL)
    {
      g_test_skip ("no interface called lo here");
      return;
    }
  g_assert_true (lo->flags & TV_INTERFACE_LOOPBACK);
  g_assert_true (lo->flags & TV_INTERFACE_UP);
  g_assert_true (g_strv_contains ((const char * const *) lo->addresses, "127.0.0.1"));
}

static void
test_check_filter (void)
{
  const char *good[] = { "tcp", "tcp port 80", "host 127.0.0.1 and tcp", "tcp[tcpflags] & tcp-syn != 0",
                         "ip6 and tcp", "", NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; good[i] != NULL; i++)
    {
      g_assert_true (tv_live_capture_check_filter ("lo", good[i], &error));
      g_assert_no_error (error);
    }
  g_assert_true (tv_live_capture_check_filter ("lo", NULL, &error));
  g_assert_no_error (error);
  /* "any" and an interface that does not exist: a best guess, no error */
  g_assert_true (tv_live_capture_check_filter ("any", "tcp port 443", &error));
  g_assert_no_error (error);

  g_assert_false (tv_live_capture_check_filter ("lo", "tcp port", &error));
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“tcp port”"));
  g_assert_nonnull (strstr (error->message, "syntax error"));
  g_clear_error (&error);

  g_assert_false (tv_live_capture_check_filter ("lo", "tcp port http-nonsense-port", &error));
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE);
  g_clear_error (&error);

  g_assert_false (tv_live_capture_check_filter ("lo", "portt 80", &error));
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE);
}

/* start() reports what stops a capture, before any thread runs. */
static void
test_start_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *spool = g_build_filename (tmpdir, "never.pcap", NULL);
  TvTracker *tracker = tv_tracker_new ();
  TvLiveCapture *live;

  /* No such interface (or not allowed to capture at all) */
  live = tv_live_capture_new ("tvnosuch0", tracker);
  tv_live_capture_set_spool_path (live, spool);
  g_assert_false (tv_live_capture_start (live, &error));
  g_test_message ("%s", error->message);
  if (g_error_matches (error, TV_CORE_ERROR, TV_CORE_ERROR_PERMISSION))
    {
      g_assert_nonnull (strstr (error->message, "setcap cap_net_raw,cap_net_admin=eip"));
      g_assert_nonnull (strstr (error->message, "| tcpviz -"));
    }
  else
    {
      g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE);
      g_assert_nonnull (strstr (error->message, "tvnosuch0"));
    }
  g_assert_false (tv_live_capture_get_running (live));
  g_assert_null (tv_live_capture_get_spool_path (live));
  g_assert_false (g_file_test (spool, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  /* nothing to save, stop does nothing */
  g_assert_false (tv_live_capture_save (live, spool, NULL, &error));
  g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE);
  g_clear_error (&error);
  tv_live_capture_stop (live);
  g_object_unref (live);

  /* A bad filter on lo (when allowed to capture) */
  live = tv_live_capture_new ("lo", tracker);
  tv_live_capture_set_spool_path (live, spool);
  tv_live_capture_set_filter (live, "tcp and and");
  g_assert_cmpstr (tv_live_capture_get_filter (live), ==, "tcp and and");
  g_assert_false (tv_live_capture_start (live, &error));
  g_test_message ("%s", error->message);
  if (!g_error_matches (error, TV_CORE_ERROR, TV_CORE_ERROR_PERMISSION))
    {
      g_assert_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE);
      g_assert_nonnull (strstr (error->message, "“tcp and and”"));
    }
  g_assert_false (g_file_test (spool, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_object_unref (live);

  /* The default filter */
  live = tv_live_capture_new ("lo", tracker);
  g_assert_cmpstr (tv_live_capture_get_filter (live), ==, "tcp");
  tv_live_capture_set_filter (live, NULL);
  g_assert_cmpstr (tv_live_capture_get_filter (live), ==, TV_LIVE_CAPTURE_DEFAULT_FILTER);
  g_assert_cmpstr (tv_live_capture_get_interface (live), ==, "lo");
  g_assert_true (tv_live_capture_get_tracker (live) == tracker);
  g_assert_cmpint (tv_live_capture_get_linktype (live), ==, -1);
  g_assert_cmpint (tv_live_capture_get_stop_reason (live), ==, TV_LIVE_CAPTURE_NOT_STOPPED);
  g_object_unref (live);

  tv_tracker_free (tracker);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("tv-test-live-basics-XXXXXX", NULL);

  g_test_add_func ("/live/basics/interfaces", test_interfaces);
  g_test_add_func ("/live/basics/check-filter", test_check_filter);
  g_test_add_func ("/live/basics/start-errors", test_start_errors);

  ret = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return ret;
}
