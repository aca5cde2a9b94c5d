/* fuzz-decode.c: libFuzzer target for the frame decoder, the payload labels
 * and the tracker.
 *
 * Input: one byte that picks the link type, then frames, each as
 *   u16 caplen (big-endian), u16 wirelen (0: unknown), u8 time step,
 *   caplen bytes (fewer if the input ends first).
 * Every frame is copied to a buffer of exactly its captured length, so that
 * AddressSanitizer catches a read past it; it is decoded with and without
 * its wire length, its payload is labelled, and the frames go into one
 * TvTracker whose model is checked at the end. */
#define G_LOG_DOMAIN "tv-fuzz-decode"

#include "config.h"

#include <stdint.h>

#include "tv-fuzz-common.h"

static const int linktypes[] = {
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

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  TvTracker *tracker;
  gsize pos = 1;
  int linktype;
  guint32 frame_no = 0;
  gint64 time_ns = G_GINT64_CONSTANT (1700000000) * 1000000000;

  if (size < 1)
    return 0;
  linktype = linktypes[data[0] % G_N_ELEMENTS (linktypes)];
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

  tv_fuzz_check_tracker (tracker, TRUE);
  tv_tracker_finish (tracker);
  tv_fuzz_check_tracker (tracker, FALSE);
  tv_tracker_free (tracker);

  return 0;
}
