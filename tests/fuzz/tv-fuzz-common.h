/* tv-fuzz-common.h: invariants the fuzz targets check on what the core
 * makes of hostile input.  A broken invariant aborts, which libFuzzer
 * reports as a crash with the input that caused it. */
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "tv-decode.h"
#include "tv-json.h"
#include "tv-label.h"
#include "tv-tcp.h"
#include "tv-tracker.h"

#define TV_FUZZ_CHECK(cond)                                                   \
  G_STMT_START {                                                              \
    if (G_UNLIKELY (!(cond)))                                                 \
      {                                                                       \
        fprintf (stderr, "%s:%d: invariant broken: %s\n",                    \
                 __FILE__, __LINE__, #cond);                                  \
        abort ();                                                             \
      }                                                                       \
  } G_STMT_END

/* Checks a frame that tv_decode_frame*() accepted, decoded from @data,
 * @caplen bytes. */
static inline void
tv_fuzz_check_frame (const TvFrame *f,
                     const guint8  *data,
                     guint32        caplen)
{
  TV_FUZZ_CHECK (f->src.family == 4 || f->src.family == 6);
  TV_FUZZ_CHECK (f->dst.family == f->src.family);
  TV_FUZZ_CHECK (f->header_len >= 20 && f->header_len <= 60 && f->header_len % 4 == 0);
  TV_FUZZ_CHECK (f->n_sack <= TV_MAX_SACK_BLOCKS);
  TV_FUZZ_CHECK ((f->flags & ~0x1ffu) == 0);
  TV_FUZZ_CHECK (f->payload_caplen <= f->len);
  TV_FUZZ_CHECK (f->payload_caplen <= caplen);
  if (f->payload != NULL)
    {
      TV_FUZZ_CHECK (f->payload >= data);
      TV_FUZZ_CHECK (f->payload <= data + caplen);
      TV_FUZZ_CHECK ((guint32) (f->payload - data) + f->payload_caplen <= caplen);
      /* the TCP header (20 bytes at least) was captured before the payload */
      TV_FUZZ_CHECK ((guint32) (f->payload - data) >= f->header_len);
    }
  else
    TV_FUZZ_CHECK (f->payload_caplen == 0);
  /* all of the payload captured, or the frame says it is cut short */
  if (!f->truncated)
    TV_FUZZ_CHECK (f->payload_caplen == f->len);
}

/* Labels @size bytes copied to a buffer of exactly that size (so that
 * AddressSanitizer sees any read past them) and checks the label. */
static inline int
tv_fuzz_label (const guint8 *payload,
               gsize         size,
               char         *out)
{
  guint8 *copy = size > 0 ? g_memdup2 (payload, size) : NULL;
  TvLabelKind kind = tv_label_from_payload (copy, size, out);
  gsize n = strnlen (out, TV_LABEL_MAX);

  TV_FUZZ_CHECK (n < TV_LABEL_MAX);
  TV_FUZZ_CHECK (g_utf8_validate (out, (gssize) n, NULL));
  TV_FUZZ_CHECK (kind >= TV_LABEL_NONE && kind <= TV_LABEL_TLS);
  if (kind == TV_LABEL_NONE)
    TV_FUZZ_CHECK (n == 0);
  else
    TV_FUZZ_CHECK (n > 0);
  for (gsize i = 0; i < n; i++)
    TV_FUZZ_CHECK ((guint8) out[i] >= 0x20 && out[i] != 0x7f);
  if (kind == TV_LABEL_TLS)
    TV_FUZZ_CHECK (strncmp (out, "TLS ", 4) == 0);
  g_free (copy);
  return kind;
}

/* Checks the whole connection model; with @json, also turns each
 * connection into JSON. */
static inline void
tv_fuzz_check_tracker (TvTracker *tracker,
                       gboolean   json)
{
  guint n = tv_tracker_get_n_conns (tracker);
  guint64 total = 0;

  for (guint i = 0; i < n; i++)
    {
      TvConn *c = tv_tracker_get_conn (tracker, i);
      guint64 bytes[2] = { 0, 0 };
      guint32 segs[2] = { 0, 0 };
      char *a, *b;

      TV_FUZZ_CHECK (c != NULL);
      TV_FUZZ_CHECK (c->id == i);
      TV_FUZZ_CHECK (c->n_segs > 0);
      TV_FUZZ_CHECK (c->n_segs <= c->cap_segs);
      TV_FUZZ_CHECK (c->segs != NULL);
      TV_FUZZ_CHECK (c->first_ns <= c->last_ns);
      TV_FUZZ_CHECK (c->end <= TV_END_RST);
      TV_FUZZ_CHECK (c->client_state <= TV_TCP_STATE_TIME_WAIT);
      TV_FUZZ_CHECK (c->server_state <= TV_TCP_STATE_TIME_WAIT);
      TV_FUZZ_CHECK (c->client.address.family == c->server.address.family);
      for (guint32 k = 0; k < c->n_segs; k++)
        {
          const TvSegment *s = &c->segs[k];

          TV_FUZZ_CHECK (s->dir <= 1);
          TV_FUZZ_CHECK (s->client_state <= TV_TCP_STATE_TIME_WAIT);
          TV_FUZZ_CHECK (s->server_state <= TV_TCP_STATE_TIME_WAIT);
          TV_FUZZ_CHECK (s->label_kind <= TV_LABEL_TLS);
          TV_FUZZ_CHECK ((s->label == 0) == (s->label_kind == TV_LABEL_NONE));
          TV_FUZZ_CHECK (tv_tracker_get_label (tracker, s->label) != NULL);
          TV_FUZZ_CHECK (s->time_ns >= c->first_ns && s->time_ns <= c->last_ns);
          bytes[s->dir] += s->len;
          segs[s->dir]++;
          (void) tv_conn_relative_seq (c, s);
          (void) tv_conn_relative_ack (c, s);
        }
      TV_FUZZ_CHECK (bytes[0] == tv_conn_bytes (c, TV_DIR_CLIENT_TO_SERVER));
      TV_FUZZ_CHECK (bytes[1] == tv_conn_bytes (c, TV_DIR_SERVER_TO_CLIENT));
      TV_FUZZ_CHECK (segs[0] == c->side[0].segments);
      TV_FUZZ_CHECK (segs[1] == c->side[1].segments);
      (void) tv_conn_handshake_rtt (c);
      (void) tv_conn_duration (c);

      a = tv_endpoint_to_string (&c->client);
      b = tv_endpoint_to_string (&c->server);
      TV_FUZZ_CHECK (a != NULL && a[0] != '\0' && b != NULL && b[0] != '\0');
      g_free (a);
      g_free (b);

      if (json)
        {
          JsonNode *node = tv_json_connection (tracker, c);
          TV_FUZZ_CHECK (node != NULL);
          json_node_unref (node);
        }
      total += c->n_segs;
    }
  TV_FUZZ_CHECK (total == tv_tracker_get_n_segments (tracker));
}

/* A private folder for the files a target writes: on tmpfs when there is
 * one, so that fsync() costs nothing. */
static inline const char *
tv_fuzz_tmpdir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
      char *tmpl = g_build_filename (base, "tv-fuzz-XXXXXX", NULL);

      dir = g_mkdtemp (tmpl);
      if (dir == NULL)
        {
          perror ("mkdtemp");
          abort ();
        }
    }
  return dir;
}


/* Decodes the frames of fuzz-decode's input format (see fuzz-decode.c),
 * checking each, into a new tracker; NULL for an empty input. */
static inline TvTracker *
tv_fuzz_frames_to_tracker (const guint8 *data,
                           gsize         size)
{
  static const int tv_fuzz_linktypes[] = {
    0,    /* NULL */
    1,    /* Ethernet */
    12,   /* raw */
    14,   /* raw, BSD/OS */
    101,  /* LINKTYPE_RAW */
    108,  /* LOOP */
    113,  /* SLL */
    228,  /* IPv4 */
    229,  /* IPv6 */
    276,  /* SLL2 */
    147,  /* not supported */
  };
  TvTracker *tracker;
  gsize pos = 1;
  int linktype;
  guint32 frame_no = 0;
  gint64 time_ns = G_GINT64_CONSTANT (1700000000) * 1000000000;

  if (size < 1)
    return NULL;
  linktype = tv_fuzz_linktypes[data[0] % G_N_ELEMENTS (tv_fuzz_linktypes)];
  TV_FUZZ_CHECK (tv_decode_linktype_supported (linktype) == (linktype != 147));

  tracker = tv_tracker_new ();

  while (pos + 5 <= size)
    {
      guint32 caplen = (guint32) data[pos] << 8 | data[pos + 1];
      guint32 wirelen = (guint32) data[pos + 2] << 8 | data[pos + 3];
      guint8 step = data[pos + 4];
      guint8 *buf;
      TvFrame f1, f2;
      gboolean ok1, ok2;

      pos += 5;
      caplen = MIN (caplen, size - pos);
      /* malloc(0) may return NULL: keep one byte then, but tell caplen 0 */
      buf = g_malloc (MAX (caplen, 1));
      memcpy (buf, data + pos, caplen);
      pos += caplen;

      frame_no++;
      /* time mostly goes forward, sometimes back (reordered captures) */
      time_ns += step < 0xf0 ? (gint64) step * 1000 : -(gint64) (step - 0xef) * 1000000;

      memset (&f1, 0xa5, sizeof f1);
      f1.frame = frame_no;
      f1.time_ns = time_ns;
      ok1 = tv_decode_frame (linktype, buf, caplen, &f1);
      TV_FUZZ_CHECK (f1.frame == frame_no && f1.time_ns == time_ns);
      if (ok1)
        tv_fuzz_check_frame (&f1, buf, caplen);

      f2.frame = frame_no;
      f2.time_ns = time_ns;
      ok2 = tv_decode_frame_full (linktype, buf, caplen, wirelen, &f2);
      if (ok2)
        tv_fuzz_check_frame (&f2, buf, caplen);
      if (wirelen == 0)
        {
          /* no wire length: the same as tv_decode_frame() */
          TV_FUZZ_CHECK (ok1 == ok2);
          if (ok1)
            TV_FUZZ_CHECK (f1.len == f2.len && f1.payload_caplen == f2.payload_caplen);
        }

      if (ok2)
        {
          char label[TV_LABEL_MAX];
          char text[64];
          int kind = TV_LABEL_NONE;

          if (f2.payload_caplen > 0)
            kind = tv_fuzz_label (f2.payload, f2.payload_caplen, label);
          TV_FUZZ_CHECK (tv_address_to_string (&f2.src, text, sizeof text)[0] != '\0');
          TV_FUZZ_CHECK (tv_address_to_string (&f2.dst, text, sizeof text)[0] != '\0');
          (void) tv_tcp_flags_to_string (f2.flags, text, sizeof text);
          f2.payload = NULL;
          tv_tracker_add (tracker, &f2, kind, kind != TV_LABEL_NONE ? label : NULL, NULL);
        }

      g_free (buf);
    }

  return tracker;
}
