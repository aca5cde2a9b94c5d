/* tv-decode.h: one captured frame, from link layer to TCP options, into a
 * plain struct.  Pure: no allocation, no global state, thread-safe. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TV_MAX_SACK_BLOCKS 4

typedef struct {
  guint8 family;           /* 4 or 6 */
  guint8 bytes[16];        /* IPv4 uses the first 4 */
} TvAddress;

typedef struct {
  /* filled by the caller (reader), not by the decoder */
  guint32 frame;           /* 1-based frame number in the capture */
  gint64  time_ns;         /* capture time, nanoseconds since the epoch */

  /* IP */
  TvAddress src, dst;
  guint8  ttl;             /* IPv4 TTL or IPv6 hop limit */

  /* TCP header */
  guint16 sport, dport;
  guint32 seq, ack;        /* raw */
  guint16 flags;           /* TvTcpFlags, 9 bits */
  guint16 window;          /* raw, unscaled */
  guint16 urgent;
  guint8  header_len;      /* TCP header length in bytes */
  guint32 len;             /* payload length as the IP header declares it */

  /* TCP options; a field is valid when its has_ flag is set */
  guint8  has_mss : 1;
  guint8  has_wscale : 1;
  guint8  sack_permitted : 1;
  guint8  has_timestamps : 1;
  guint8  truncated : 1;   /* the capture holds fewer bytes than the headers declare */
  guint8  has_tfo : 1;     /* TCP Fast Open (kind 34, or 254 with magic 0xF989) */
  guint8  n_sack;          /* SACK blocks present, up to TV_MAX_SACK_BLOCKS */
  guint16 mss;
  guint8  wscale;          /* shift count as sent (not clamped) */
  guint32 ts_val, ts_ecr;
  guint32 sack[TV_MAX_SACK_BLOCKS][2];  /* left, right edges, raw */
  guint8  tfo_len;         /* cookie bytes, 0 for a cookie request */
  guint8  tfo_cookie[16];  /* the first 16 bytes of the cookie */

  /* The payload bytes that were captured: points into the caller's buffer,
   * valid only while that buffer is.  payload_caplen <= len. */
  const guint8 *payload;
  guint32 payload_caplen;
} TvFrame;

/* libpcap DLT_/LINKTYPE_ values that tv_decode_frame() reads. */
gboolean tv_decode_linktype_supported (int linktype);

/* Decodes @data (@caplen bytes captured) of a frame with libpcap link type
 * @linktype.  Returns TRUE and fills @out (all but frame and time_ns) when
 * the frame carries a TCP header in a supported encapsulation: Ethernet,
 * Linux cooked (SLL, SLL2), BSD loopback (NULL, LOOP), raw IP (RAW, IPV4,
 * IPV6), 802.1Q / 802.1ad VLAN tags, IPv4 with options, IPv6 with extension
 * headers.  IP fragments (left to reassembly, which TcpViz does not do),
 * tunnels and anything else: FALSE; but, as in tshark, the first fragment
 * of an IPv4 datagram that the capture cut short is TCP with len 0.  Where
 * the headers are damaged, the decoder does what tshark 4.0 does (see
 * tv-decode.c).  Every read is bounds-checked against @caplen. */
gboolean tv_decode_frame (int            linktype,
                          const guint8  *data,
                          guint32        caplen,
                          TvFrame       *out);

/* The same, knowing @wirelen, the frame's length on the wire (the record's
 * "len"; 0 when unknown).  tshark measures an IP datagram whose header
 * declares more bytes than the frame held on the wire, or declares length 0
 * (TCP segmentation offload), by the wire length; tv_decode_frame(), which
 * does not know it, trusts the IP header instead (and uses @caplen for
 * length 0).  Readers that know the wire length should call this one. */
gboolean tv_decode_frame_full (int            linktype,
                               const guint8  *data,
                               guint32        caplen,
                               guint32        wirelen,
                               TvFrame       *out);

/* Writes "192.168.1.116" or "2001:db8::1" into @buf (at least 46 bytes). */
const char *tv_address_to_string (const TvAddress *addr, char *buf, gsize size);

/* Compares two addresses: family first, then bytes. */
int tv_address_compare (const TvAddress *a, const TvAddress *b);

G_END_DECLS
