/* test-json.c: the --json document, parsed back with json-glib. */
#define G_LOG_DOMAIN "test-json"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "tv-json.h"
#include "tv-load.h"

static JsonObject *
document_for (const char *name, JsonParser *parser)
{
  g_autofree char *path = g_build_filename (g_getenv ("TV_TEST_CAPTURES"), name, NULL);
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker = tv_tracker_new ();
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream (&text, &size);

  g_assert_true (tv_load_file (path, tracker, NULL, &stats, &error));
  g_assert_true (tv_json_write (tracker, path, &stats, out, &error));
  g_assert_no_error (error);
  fclose (out);

  g_assert_true (json_parser_load_from_data (parser, text, (gssize) size, &error));
  g_assert_no_error (error);
  free (text);
  tv_load_stats_clear (&stats);
  tv_tracker_free (tracker);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The JSON text of a capture, unparsed. */
static char *
json_text_for (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("TV_TEST_CAPTURES"), name, NULL);
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker = tv_tracker_new ();
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream (&text, &size);
  char *copy;

  g_assert_true (tv_load_file (path, tracker, NULL, &stats, &error));
  g_assert_true (tv_json_write (tracker, path, &stats, out, &error));
  fclose (out);
  copy = g_strdup (text);
  free (text);
  tv_load_stats_clear (&stats);
  tv_tracker_free (tracker);
  return copy;
}

/* Numbers in the shortest form that reads back exactly: the textbook
 * example's duration of 6 648 230 ns is 0.00664823, not json-glib's
 * 0.0066482299999999998; and every number with a fraction reads back to the
 * double the model holds (checked against the parsed document). */
static void
test_shortest_numbers (void)
{
  g_autofree char *text = json_text_for ("textbook-handshake-nsec.pcap");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *doc = document_for ("textbook-handshake-nsec.pcap", parser);
  JsonObject *conn = json_array_get_object_element (json_object_get_array_member (doc, "connections"), 0);

  g_assert_nonnull (strstr (text, "\"duration\":0.00664823,"));
  g_assert_nonnull (strstr (text, "\"handshake_rtt\":0.000653246,"));
  g_assert_null (strstr (text, "99999999"));
  g_assert_null (strstr (text, "00000001"));
  g_assert_cmpfloat (json_object_get_double_member (conn, "duration"), ==, 6648230 / 1e9);
  g_assert_cmpfloat (json_object_get_double_member (conn, "handshake_rtt"), ==, 653246 / 1e9);
}

static JsonObject *
segment (JsonArray *segments, guint i)
{
  return json_array_get_object_element (segments, i);
}

static void
test_textbook (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *doc = document_for ("textbook-handshake.pcap", parser);
  JsonArray *conns = json_object_get_array_member (doc, "connections");
  JsonObject *c, *client, *server, *s;
  JsonArray *segs;

  g_assert_cmpint (json_object_get_int_member (doc, "frames"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (doc, "tcp_frames"), ==, 11);
  g_assert_true (json_object_get_null_member (doc, "warning"));
  g_assert_cmpuint (json_array_get_length (conns), ==, 1);

  c = json_array_get_object_element (conns, 0);
  client = json_object_get_object_member (c, "client");
  server = json_object_get_object_member (c, "server");
  g_assert_cmpint (json_object_get_int_member (c, "id"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (client, "address"), ==, "192.168.1.116");
  g_assert_cmpint (json_object_get_int_member (client, "port"), ==, 3337);
  g_assert_cmpstr (json_object_get_string_member (server, "address"), ==, "192.168.1.123");
  g_assert_cmpint (json_object_get_int_member (server, "port"), ==, 7788);
  g_assert_cmpstr (json_object_get_string_member (c, "end"), ==, "fin");
  g_assert_cmpint (json_object_get_int_member (c, "bytes_client_to_server"), ==, 82);
  g_assert_cmpint (json_object_get_int_member (c, "bytes_server_to_client"), ==, 237);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (c, "handshake_rtt"), 0.000653, 1e-9);

  segs = json_object_get_array_member (c, "segments");
  g_assert_cmpuint (json_array_get_length (segs), ==, 11);

  s = segment (segs, 0);
  g_assert_cmpint (json_object_get_int_member (s, "frame"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (s, "from"), ==, "client");
  g_assert_cmpint (json_object_get_int_member (s, "flags"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (s, "seq_raw"), ==, 3626544836);
  g_assert_cmpint (json_object_get_int_member (s, "seq"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (s, "ack"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (s, "client_state"), ==, "SYN_SENT");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (s, "time"), 1705312800.0, 1e-6);
  g_assert_true (json_object_get_null_member (s, "label"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "analysis")), ==, 0);

  s = segment (segs, 1);
  g_assert_cmpstr (json_object_get_string_member (s, "from"), ==, "server");
  g_assert_cmpint (json_object_get_int_member (s, "flags"), ==, 18);
  g_assert_cmpint (json_object_get_int_member (s, "seq_raw"), ==, 1739326486);
  g_assert_cmpint (json_object_get_int_member (s, "ack_raw"), ==, 3626544837);
  g_assert_cmpint (json_object_get_int_member (s, "seq"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (s, "ack"), ==, 1);

  s = segment (segs, 2);
  g_assert_cmpint (json_object_get_int_member (s, "seq"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (s, "ack"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (s, "server_state"), ==, "ESTABLISHED");

  s = segment (segs, 3);
  g_assert_cmpstr (json_object_get_string_member (s, "label"), ==, "GET / HTTP/1.1");
  g_assert_cmpstr (json_object_get_string_member (s, "label_kind"), ==, "http_request");
  g_assert_cmpint (json_object_get_int_member (s, "len"), ==, 82);

  s = segment (segs, 10);
  g_assert_cmpstr (json_object_get_string_member (s, "client_state"), ==, "TIME_WAIT");
  g_assert_cmpstr (json_object_get_string_member (s, "server_state"), ==, "CLOSED");
}

static void
test_analysis_and_badges (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *doc = document_for ("tcp-fast-retransmission.pcap", parser);
  JsonObject *c = json_array_get_object_element (json_object_get_array_member (doc, "connections"), 0);
  JsonArray *segs = json_object_get_array_member (c, "segments");
  JsonArray *badges = json_object_get_array_member (c, "badges");
  guint dup = 0, fast = 0;

  for (guint i = 0; i < json_array_get_length (segs); i++)
    {
      JsonArray *a = json_object_get_array_member (segment (segs, i), "analysis");
      for (guint j = 0; j < json_array_get_length (a); j++)
        {
          const char *mark = json_array_get_string_element (a, j);
          dup += g_str_equal (mark, "duplicate_ack");
          fast += g_str_equal (mark, "fast_retransmission");
        }
    }
  /* tshark: Dup ACK #1–#3, then one fast retransmission */
  g_assert_cmpuint (dup, ==, 3);
  g_assert_cmpuint (fast, ==, 1);
  g_assert_cmpstr (json_array_get_string_element (badges, 0), ==, "http");
  g_assert_cmpuint (json_array_get_length (badges), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (badges, 1), ==, "retransmissions");
}

static JsonObject *
segment_of (JsonObject *doc, guint conn, guint seg)
{
  JsonObject *c = json_array_get_object_element (json_object_get_array_member (doc, "connections"), conn);
  return json_array_get_object_element (json_object_get_array_member (c, "segments"), seg);
}

/* handshake_rtt is tshark's initial RTT, from the SYN sent again; the wait
 * for it is syn_retransmission_delay; options as tshark's tcp.options.*
 * (real kernel captures: the SYN's options, SACK edges relative, a TCP
 * Fast Open cookie request and cookie). */
static void
test_rtt_and_options (void)
{
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  JsonObject *doc = document_for ("tcp-syn-retransmission.pcap", p1);
  JsonObject *c = json_array_get_object_element (json_object_get_array_member (doc, "connections"), 0);
  JsonObject *o;
  JsonArray *a;

  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (c, "handshake_rtt"), 0.000741, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (c, "syn_retransmission_delay"), 1.0, 1e-9);
  /* only the options present: the handshake's ACK has timestamps alone */
  o = json_object_get_object_member (segment_of (doc, 0, 3), "options");
  g_assert_cmpuint (json_object_get_size (o), ==, 1);
  a = json_object_get_array_member (o, "timestamps");
  g_assert_cmpint (json_array_get_int_element (a, 0), ==, 3055813100);
  g_assert_cmpint (json_array_get_int_element (a, 1), ==, 1288411077);

  doc = document_for ("real-sack.pcap", p2);
  c = json_array_get_object_element (json_object_get_array_member (doc, "connections"), 0);
  g_assert_true (json_object_get_null_member (c, "syn_retransmission_delay"));
  o = json_object_get_object_member (segment_of (doc, 0, 0), "options");
  g_assert_cmpint (json_object_get_int_member (o, "mss"), ==, 1460);
  g_assert_true (json_object_get_boolean_member (o, "sack_permitted"));
  for (guint i = 0; i < json_array_get_length (json_object_get_array_member (doc, "connections")); i++)
    {
      JsonObject *conn = json_array_get_object_element (json_object_get_array_member (doc, "connections"), i);
      JsonArray *segs = json_object_get_array_member (conn, "segments");
      for (guint j = 0; j < json_array_get_length (segs); j++)
        {
          JsonObject *seg = json_array_get_object_element (segs, j);
          if (json_object_get_int_member (seg, "frame") != 46)
            continue;
          o = json_object_get_object_member (seg, "options");
          a = json_array_get_array_element (json_object_get_array_member (o, "sack"), 0);
          g_assert_cmpint (json_array_get_int_element (a, 0), ==, 28961);
          g_assert_cmpint (json_array_get_int_element (a, 1), ==, 30409);
          a = json_object_get_array_member (o, "timestamps");
          g_assert_cmpint (json_array_get_int_element (a, 0), ==, 1570046591);
          g_assert_cmpint (json_array_get_int_element (a, 1), ==, 713971210);
        }
    }

  doc = document_for ("real-tfo.pcap", p3);
  o = json_object_get_object_member (segment_of (doc, 0, 0), "options");
  g_assert_cmpstr (json_object_get_string_member (o, "tfo_cookie"), ==, "");
  g_assert_cmpint (json_object_get_int_member (o, "wscale"), ==, 10);
  o = json_object_get_object_member (segment_of (doc, 0, 1), "options");
  g_assert_cmpstr (json_object_get_string_member (o, "tfo_cookie"), ==, "c402ceef0bd5ab59");
}

static void
test_warning (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *doc = document_for ("textbook-handshake-cut.pcap", parser);

  g_assert_nonnull (strstr (json_object_get_string_member (doc, "warning"), "cut short"));
  g_assert_cmpint (json_object_get_int_member (doc, "connection_count"), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/json/textbook", test_textbook);
  g_test_add_func ("/core/json/analysis-and-badges", test_analysis_and_badges);
  g_test_add_func ("/core/json/warning", test_warning);
  g_test_add_func ("/core/json/rtt-and-options", test_rtt_and_options);
  g_test_add_func ("/core/json/shortest-numbers", test_shortest_numbers);
  return g_test_run ();
}
