/* test-limits.c: captures made to hurt, read with bounded time and memory,
 * and with a message that names the file and the problem. */
#define G_LOG_DOMAIN "test-limits"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

#include "tv-core-error.h"
#include "tv-json.h"
#include "tv-load.h"
#include "tv-test-pcap.h"

#if defined(__SANITIZE_ADDRESS__)
# define TV_UNDER_SANITIZER 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define TV_UNDER_SANITIZER 1
# endif
#endif
#ifndef TV_UNDER_SANITIZER
# define TV_UNDER_SANITIZER 0
#endif

static char *tmpdir;

/* ---- byte builders ---- */

static void
put32le (GByteArray *b, guint32 v)
{
  guint8 x[4] = { v, v >> 8, v >> 16, v >> 24 };
  g_byte_array_append (b, x, 4);
}

static void
put16le (GByteArray *b, guint16 v)
{
  guint8 x[2] = { v, v >> 8 };
  g_byte_array_append (b, x, 2);
}

static void
pcap_header (GByteArray *b, guint32 linktype, guint32 snaplen)
{
  put32le (b, 0xa1b2c3d4);
  put16le (b, 2);
  put16le (b, 4);
  put32le (b, 0);
  put32le (b, 0);
  put32le (b, snaplen);
  put32le (b, linktype);
}

/* A raw IPv4 TCP SYN, 40 bytes. */
static void
syn_frame (guint8 *p, guint32 src, guint16 sport)
{
  memset (p, 0, 40);
  p[0] = 0x45; p[3] = 40; p[8] = 64; p[9] = 6;
  p[12] = src >> 24; p[13] = src >> 16; p[14] = src >> 8; p[15] = src;
  p[16] = 10; p[19] = 1;
  p[20] = sport >> 8; p[21] = sport; p[23] = 80;
  p[32] = 0x50; p[33] = 0x02; p[34] = 0xff; p[35] = 0xff;
}

static void
pcap_record (GByteArray *b, guint32 caplen, guint32 wirelen, const guint8 *data, gsize n)
{
  put32le (b, 1700000000);
  put32le (b, 0);
  put32le (b, caplen);
  put32le (b, wirelen);
  g_byte_array_append (b, data, n);
}

static char *
write_file (const char *name, GByteArray *b)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, (const char *) b->data, b->len, &error));
  g_assert_no_error (error);
  return path;
}

/* Loads @path: returns whether it loaded; the message (error or warning)
 * in @message; checks that it took less than two seconds. */
static gboolean
load (const char *path, TvTracker *tracker, TvLoadStats *stats, char **message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  gboolean ok = tv_load_file (path, tracker, NULL, stats, &error);

  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 2.0 * (TV_UNDER_SANITIZER ? 4 : 1));
  if (ok)
    *message = g_strdup (stats->warning);
  else
    *message = g_strdup (error->message);
  g_test_message ("%s: %s", path, *message ? *message : "(no message)");
  return ok;
}

/* ---- pcap record lengths ---- */

static void
test_pcap_huge_caplen (void)
{
  static const guint32 caplens[] = { 0xffffffffu, 0x80000000u, 0x10000000u, 262145 };

  for (guint i = 0; i < G_N_ELEMENTS (caplens); i++)
    {
      g_autoptr(GByteArray) b = g_byte_array_new ();
      g_autofree char *path = NULL;
      g_autofree char *message = NULL;
      TvLoadStats stats = { 0 };
      TvTracker *tracker = tv_tracker_new ();
      guint8 f[40];

      pcap_header (b, 101, 65535);
      syn_frame (f, 0x0a000002, 40000);
      pcap_record (b, 40, 40, f, 40);
      /* a record that claims caplen bytes, followed by a few */
      pcap_record (b, caplens[i], caplens[i], f, 40);
      path = write_file ("huge-caplen.pcap", b);

      /* the frame before it is kept; the rest is refused with a message
       * that says which file, where and why */
      g_assert_true (load (path, tracker, &stats, &message));
      g_assert_cmpuint (stats.frames, ==, 1);
      g_assert_cmpuint (tv_tracker_get_n_conns (tracker), ==, 1);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, path));
      g_assert_nonnull (strstr (message, "after frame 1"));
      g_assert_nonnull (strstr (message, "capture length"));
      tv_load_stats_clear (&stats);
      tv_tracker_free (tracker);
    }
}

/* a wire length far above the captured one is fine: the frame was cut by
 * the snap length */
static void
test_pcap_huge_wirelen (void)
{
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker = tv_tracker_new ();
  guint8 f[40];

  pcap_header (b, 101, 65535);
  syn_frame (f, 0x0a000002, 40000);
  pcap_record (b, 40, 0xffffffffu, f, 40);
  path = write_file ("huge-wirelen.pcap", b);
  g_assert_true (load (path, tracker, &stats, &message));
  g_assert_null (message);
  g_assert_cmpuint (stats.tcp_frames, ==, 1);
  tv_load_stats_clear (&stats);
  tv_tracker_free (tracker);
}

/* ---- pcapng block lengths ---- */

static void
shb (GByteArray *b)
{
  put32le (b, 0x0a0d0d0a);
  put32le (b, 28);
  put32le (b, 0x1a2b3c4d);
  put16le (b, 1);
  put16le (b, 0);
  put32le (b, 0xffffffff);
  put32le (b, 0xffffffff);
  put32le (b, 28);
}

static void
idb (GByteArray *b)
{
  put32le (b, 1);
  put32le (b, 20);
  put16le (b, 101);
  put16le (b, 0);
  put32le (b, 65535);
  put32le (b, 20);
}

static void
epb (GByteArray *b, guint32 total_len, guint32 caplen)
{
  guint8 f[40];

  syn_frame (f, 0x0a000002, 40000);
  put32le (b, 6);
  put32le (b, total_len);
  put32le (b, 0);
  put32le (b, 0);
  put32le (b, 0);
  put32le (b, caplen);
  put32le (b, 40);
  g_byte_array_append (b, f, 40);
  put32le (b, total_len);
}

static void
test_pcapng_block_length (void)
{
  /* total lengths of the second packet block: 0 (would loop on itself),
   * below the block header, not a multiple of 4, past the end of the file,
   * near 2^32 (overflows a 32-bit sum), 2^31 */
  static const guint32 lengths[] = { 0, 4, 8, 11, 70, 4096, 0xfffffffcu, 0xfffffff4u, 0x80000000u };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr(GByteArray) b = g_byte_array_new ();
      g_autofree char *path = NULL;
      g_autofree char *message = NULL;
      TvLoadStats stats = { 0 };
      TvTracker *tracker = tv_tracker_new ();

      shb (b);
      idb (b);
      epb (b, 72, 40);
      epb (b, lengths[i], 40);
      path = write_file ("block-length.pcapng", b);

      g_assert_true (load (path, tracker, &stats, &message));
      g_assert_cmpuint (stats.frames, ==, 1);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, path));
      g_assert_nonnull (strstr (message, "after frame 1"));
      tv_load_stats_clear (&stats);
      tv_tracker_free (tracker);
    }

  /* a section header whose length loops or overflows: not a capture */
  {
    static const guint32 shb_lengths[] = { 0, 12, 0xfffffffcu };

    for (guint i = 0; i < G_N_ELEMENTS (shb_lengths); i++)
      {
        g_autoptr(GByteArray) b = g_byte_array_new ();
        g_autofree char *path = NULL;
        g_autofree char *message = NULL;
        TvLoadStats stats = { 0 };
        TvTracker *tracker = tv_tracker_new ();

        shb (b);
        b->data[4] = shb_lengths[i];
        b->data[5] = shb_lengths[i] >> 8;
        b->data[6] = shb_lengths[i] >> 16;
        b->data[7] = shb_lengths[i] >> 24;
        idb (b);
        epb (b, 72, 40);
        path = write_file ("shb-length.pcapng", b);
        g_assert_false (load (path, tracker, &stats, &message));
        g_assert_nonnull (strstr (message, path));
        tv_load_stats_clear (&stats);
        tv_tracker_free (tracker);
      }
  }
}

/* ---- sequence numbers that wrap ---- */

static void
test_seq_wrap (void)
{
  /* one connection: a handshake from an ISN just below 2^32, then 65000-byte
   * segments (captured as headers only) for three and a half times round
   * the sequence space (231000 segments), each acknowledged */
  const guint32 seg_len = 65000;
  const guint n_data = (guint) ((G_GUINT64_CONSTANT (7) << 31) / seg_len);
  const guint32 isn = 0xfffffff0u, peer_isn = 77;
  g_autofree char *path = g_build_filename (tmpdir, "seq-wrap.pcap", NULL);
  g_autofree char *message = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker = tv_tracker_new ();
  pcap_t *dead = pcap_open_dead (DLT_RAW, 40);
  pcap_dumper_t *d = pcap_dump_open (dead, path);
  guint32 c = 0x0a000002, s = 0x0a000001;
  guint32 seq = isn + 1;
  gint64 t = G_GINT64_CONSTANT (1700000000000000);
  TvConn *conn;
  guint64 marks = 0;

  g_assert_nonnull (d);
  tv_test_write_packet (d, t++, c, s, 40000, 80, isn, 0, TV_F_SYN, NULL);
  tv_test_write_packet (d, t++, s, c, 80, 40000, peer_isn, isn + 1, TV_F_SYN | TV_F_ACK, NULL);
  tv_test_write_packet (d, t++, c, s, 40000, 80, isn + 1, peer_isn + 1, TV_F_ACK, NULL);
  for (guint i = 0; i < n_data; i++)
    {
      guint8 buf[40];
      struct pcap_pkthdr hdr;
      guint32 total = 40 + seg_len;

      /* the IP header declares the whole segment; only headers captured */
      syn_frame (buf, c, 40000);
      buf[2] = (guint8) (total >> 8);
      buf[3] = (guint8) total;
      buf[24] = seq >> 24; buf[25] = seq >> 16; buf[26] = seq >> 8; buf[27] = seq;
      buf[28] = 0; buf[29] = 0; buf[30] = 0; buf[31] = peer_isn + 1;
      buf[33] = TV_F_ACK;
      hdr.ts.tv_sec = t / 1000000;
      hdr.ts.tv_usec = t % 1000000;
      hdr.caplen = 40;
      hdr.len = total;
      pcap_dump ((u_char *) d, &hdr, buf);
      t += 100;
      seq += seg_len;
      tv_test_write_packet (d, t, s, c, 80, 40000, peer_isn + 1, seq, TV_F_ACK, NULL);
      t += 100;
    }
  pcap_dump_close (d);
  pcap_close (dead);

  g_assert_true (load (path, tracker, &stats, &message));
  g_assert_null (message);
  g_assert_cmpuint (tv_tracker_get_n_conns (tracker), ==, 1);
  conn = tv_tracker_get_conn (tracker, 0);
  g_assert_cmpuint (conn->n_segs, ==, 3 + 2 * n_data);
  g_assert_cmpuint (tv_conn_bytes (conn, TV_DIR_CLIENT_TO_SERVER), ==, (guint64) n_data * seg_len);
  for (guint32 i = 0; i < conn->n_segs; i++)
    {
      const TvSegment *sg = &conn->segs[i];
      marks |= sg->analysis;
      if (i >= 3 && sg->dir == TV_DIR_CLIENT_TO_SERVER)
        g_assert_cmpuint (tv_conn_relative_seq (conn, sg), ==, (guint32) (1 + (guint64) ((i - 3) / 2) * seg_len));
    }
  /* nothing looks retransmitted, out of order or lost when seq wraps */
  g_assert_cmpuint (marks, ==, 0);
  g_assert_cmpuint (conn->client_state, ==, TV_TCP_STATE_ESTABLISHED);
  tv_load_stats_clear (&stats);
  tv_tracker_free (tracker);
  g_unlink (path);
}

/* ---- a million connections ---- */

static gsize
rss_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  p = strstr (status, field);
  if (p == NULL)
    return 0;
  return (gsize) g_ascii_strtoull (p + strlen (field) + 1, NULL, 10);
}

static void
test_million_connections (void)
{
  const guint n = 1000000;
  g_autofree char *path = g_build_filename (tmpdir, "million.pcap", NULL);
  TvLoadStats stats = { 0 };
  TvTracker *tracker;
  pcap_t *dead = pcap_open_dead (DLT_RAW, 40);
  pcap_dumper_t *d = pcap_dump_open (dead, path);
  gsize before, after;
  double per_conn;

  /* one SYN each, from 1000000 different 4-tuples: 56 MB */
  for (guint i = 0; i < n; i++)
    {
      struct pcap_pkthdr hdr = { { 1700000000 + i / 1000, i % 1000 }, 40, 40 };
      guint8 buf[40];

      syn_frame (buf, 0x0a000000u + (i / 50000) + 2, 10000 + i % 50000);
      pcap_dump ((u_char *) d, &hdr, buf);
    }
  pcap_dump_close (d);
  pcap_close (dead);

  before = rss_kib ("VmRSS:");
  tracker = tv_tracker_new ();
  g_assert_true (tv_load_file (path, tracker, NULL, &stats, NULL));
  after = rss_kib ("VmRSS:");
  g_assert_cmpuint (tv_tracker_get_n_conns (tracker), ==, n);
  per_conn = (double) (after - before) * 1024.0 / n;
  g_test_message ("1000000 connections: RSS grew by %zu KiB, %.0f bytes a connection (peak %zu KiB)",
                  after - before, per_conn, rss_kib ("VmHWM:"));
  /* measured 442 bytes: the TvConn with its key (304), two first segments
   * (80 + malloc's 16), its hash slot and list entry (~40); 673 before the
   * tracker started connections with room for 2 segments instead of 8.
   * Not checked under sanitizers, whose allocator pads every block. */
  if (!TV_UNDER_SANITIZER && before > 0)
    g_assert_cmpfloat (per_conn, <, 500.0);
  tv_load_stats_clear (&stats);
  tv_tracker_free (tracker);
  g_unlink (path);
}

/* ---- --json of one long connection ---- */

static void
test_json_long_connection (void)
{
  const guint n = 100000;
  g_autofree char *path = g_build_filename (tmpdir, "long.pcap", NULL);
  g_autoptr(GError) error = NULL;
  TvLoadStats stats = { 0 };
  TvTracker *tracker = tv_tracker_new ();
  pcap_t *dead = pcap_open_dead (DLT_RAW, 40);
  pcap_dumper_t *d = pcap_dump_open (dead, path);
  FILE *out;
  gsize before, after;

  for (guint i = 0; i < n; i++)
    {
      struct pcap_pkthdr hdr = { { 1700000000 + i / 1000, i % 1000 }, 40, 40 };
      guint8 buf[40];

      syn_frame (buf, 0x0a000002, 40000);
      buf[33] = 0x10;   /* ACK */
      buf[27] = (guint8) i; buf[26] = (guint8) (i >> 8); buf[25] = (guint8) (i >> 16);
      pcap_dump ((u_char *) d, &hdr, buf);
    }
  pcap_dump_close (d);
  pcap_close (dead);
  g_assert_true (tv_load_file (path, tracker, NULL, &stats, NULL));
  g_assert_cmpuint (tv_tracker_get_n_conns (tracker), ==, 1);

  /* the document is written a block of segments at a time: its whole tree
   * (about 3 KB a segment, 300 MB here) is never in memory */
  out = fopen ("/dev/null", "w");
  g_assert_nonnull (out);
  /* the peak from here on: writing 5 to clear_refs resets VmHWM */
  {
    FILE *f = fopen ("/proc/self/clear_refs", "w");
    if (f != NULL)
      {
        fputs ("5", f);
        fclose (f);
      }
  }
  before = rss_kib ("VmRSS:");
  g_assert_true (tv_json_write (tracker, path, &stats, out, &error));
  g_assert_no_error (error);
  after = MAX (rss_kib ("VmHWM:"), before);
  fclose (out);
  g_test_message ("--json of %u segments: peak RSS grew by %zu KiB", n, after - before);
  if (!TV_UNDER_SANITIZER && before > 0)
    g_assert_cmpuint (after - before, <, 32 * 1024);
  tv_load_stats_clear (&stats);
  tv_tracker_free (tracker);
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("tv-limits-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/limits/pcap/huge-caplen", test_pcap_huge_caplen);
  g_test_add_func ("/limits/pcap/huge-wirelen", test_pcap_huge_wirelen);
  g_test_add_func ("/limits/pcapng/block-length", test_pcapng_block_length);
  g_test_add_func ("/limits/tracker/seq-wrap", test_seq_wrap);
  g_test_add_func ("/limits/tracker/million-connections", test_million_connections);
  g_test_add_func ("/limits/json/long-connection", test_json_long_connection);

  ret = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return ret;
}
