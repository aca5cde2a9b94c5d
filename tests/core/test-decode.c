/* test-decode.c: the frame decoder, on frames built byte by byte here and
 * on two real frames (tcpdump's tests/ssh.pcap, frames 1 and 4), with the
 * values tshark 4.0 reports for them. */
#define G_LOG_DOMAIN "test-decode"

#include "config.h"

#include <string.h>

#include "tv-decode.h"
#include "tv-tcp.h"

/* ---- building frames ---- */

typedef struct {
  guint8 b[200000];
  gsize  n;
} Buf;

static void
put8 (Buf *b, guint v)
{
  g_assert (b->n + 1 <= sizeof b->b);
  b->b[b->n++] = (guint8) v;
}

static void
put16 (Buf *b, guint v)
{
  put8 (b, v >> 8);
  put8 (b, v & 0xff);
}

static void
put32 (Buf *b, guint32 v)
{
  put16 (b, v >> 16);
  put16 (b, v & 0xffff);
}

static void
putn (Buf *b, const void *p, gsize n)
{
  g_assert (b->n + n <= sizeof b->b);
  if (n > 0)
    memcpy (b->b + b->n, p, n);
  b->n += n;
}

static void
put_zeros (Buf *b, gsize n)
{
  g_assert (b->n + n <= sizeof b->b);
  memset (b->b + b->n, 0, n);
  b->n += n;
}

#define SPORT 49152
#define DPORT 80
#define SEQ   0x11223344u
#define ACK   0xaabbccddu

/* A TCP segment: header with @opts (padded to 4 bytes with EOL), then
 * @payload. */
static void
put_tcp_full (Buf         *b,
              guint16      sport,
              guint16      dport,
              guint32      seq,
              guint32      ack,
              guint        flags,
              const void  *opts,
              gsize        optlen,
              const char  *payload,
              gsize        plen)
{
  gsize padded = (optlen + 3) & ~(gsize) 3;

  g_assert (20 + padded <= 60);
  put16 (b, sport);
  put16 (b, dport);
  put32 (b, seq);
  put32 (b, ack);
  put8 (b, (((20 + padded) / 4) << 4) | ((flags >> 8) & 1));
  put8 (b, flags & 0xff);
  put16 (b, 29200);           /* window */
  put16 (b, 0xbeef);          /* checksum, not checked */
  put16 (b, (flags & TV_TCP_URG) ? 7 : 0);
  putn (b, opts, optlen);
  put_zeros (b, padded - optlen);
  putn (b, payload, plen);
}

static void
put_tcp (Buf *b, guint flags, const char *payload)
{
  put_tcp_full (b, SPORT, DPORT, SEQ, ACK, flags, NULL, 0, payload,
                payload ? strlen (payload) : 0);
}

static const guint8 v4_src[4] = { 192, 168, 1, 116 };
static const guint8 v4_dst[4] = { 93, 184, 216, 34 };
static const guint8 v6_src[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const guint8 v6_dst[16] = { 0x20, 0x01, 0x0d, 0xb8, [14] = 0xab, [15] = 0xcd };

/* An IPv4 header; @total 0 = the right one.  Its payload (@seg) follows. */
static void
put_ipv4_full (Buf *b, const Buf *seg, guint ihl, guint total, guint frag, guint proto)
{
  put8 (b, 0x40 | ihl);
  put8 (b, 0);
  put16 (b, total);
  put16 (b, 0x1234);
  put16 (b, frag);
  put8 (b, 61);               /* TTL */
  put8 (b, proto);
  put16 (b, 0);
  putn (b, v4_src, 4);
  putn (b, v4_dst, 4);
  /* options: NOPs, then EOL */
  for (guint i = 20; i < ihl * 4u; i++)
    put8 (b, i + 1 < ihl * 4u ? 1 : 0);
  putn (b, seg->b, seg->n);
}

static void
put_ipv4 (Buf *b, const Buf *seg)
{
  put_ipv4_full (b, seg, 5, 20 + seg->n, 0x4000, 6);
}

/* An IPv6 header with next header @nxt and payload length @plen, then
 * @rest (extension headers and segment). */
static void
put_ipv6_full (Buf *b, const Buf *rest, guint nxt, guint plen)
{
  put32 (b, 0x60012345);
  put16 (b, plen);
  put8 (b, nxt);
  put8 (b, 57);               /* hop limit */
  putn (b, v6_src, 16);
  putn (b, v6_dst, 16);
  putn (b, rest->b, rest->n);
}

static void
put_ipv6 (Buf *b, const Buf *seg)
{
  put_ipv6_full (b, seg, 6, seg->n);
}

static void
put_ether (Buf *b, guint type)
{
  static const guint8 macs[12] = { 0, 0x1b, 0x21, 1, 2, 3, 0, 0x1b, 0x21, 4, 5, 6 };

  putn (b, macs, 12);
  put16 (b, type);
}

/* the common case: an Ethernet, IPv4, TCP frame carrying @payload */
static void
build_eth_ipv4 (Buf *frame, guint flags, const char *payload)
{
  g_autofree Buf *seg = g_new0 (Buf, 1);
  g_autofree Buf *ip = g_new0 (Buf, 1);

  put_tcp (seg, flags, payload);
  put_ipv4 (ip, seg);
  put_ether (frame, 0x0800);
  putn (frame, ip->b, ip->n);
}

static gboolean
decode (int linktype, const Buf *b, TvFrame *f)
{
  memset (f, 0xa5, sizeof *f);  /* the decoder must not rely on a clean struct */
  f->frame = 7;
  f->time_ns = 42;
  return tv_decode_frame (linktype, b->b, (guint32) b->n, f);
}

static void
assert_ipv4_segment (const TvFrame *f, guint flags, const char *payload)
{
  char buf[64];
  gsize plen = payload ? strlen (payload) : 0;

  g_assert_cmpuint (f->src.family, ==, 4);
  g_assert_cmpstr (tv_address_to_string (&f->src, buf, sizeof buf), ==, "192.168.1.116");
  g_assert_cmpstr (tv_address_to_string (&f->dst, buf, sizeof buf), ==, "93.184.216.34");
  g_assert_cmpuint (f->ttl, ==, 61);
  g_assert_cmpuint (f->sport, ==, SPORT);
  g_assert_cmpuint (f->dport, ==, DPORT);
  g_assert_cmpuint (f->seq, ==, SEQ);
  g_assert_cmpuint (f->ack, ==, ACK);
  g_assert_cmpuint (f->flags, ==, flags);
  g_assert_cmpuint (f->window, ==, 29200);
  g_assert_cmpuint (f->header_len, ==, 20);
  g_assert_cmpuint (f->len, ==, plen);
  g_assert_cmpuint (f->payload_caplen, ==, plen);
  if (plen > 0)
    g_assert_cmpmem (f->payload, plen, payload, plen);
  g_assert_false (f->truncated);
  g_assert_false (f->has_mss);
  g_assert_false (f->has_wscale);
  g_assert_false (f->has_timestamps);
  g_assert_false (f->sack_permitted);
  g_assert_cmpuint (f->n_sack, ==, 0);
}

static void
assert_ipv6_segment (const TvFrame *f, guint flags, const char *payload)
{
  char buf[64];
  gsize plen = payload ? strlen (payload) : 0;

  g_assert_cmpuint (f->src.family, ==, 6);
  g_assert_cmpstr (tv_address_to_string (&f->src, buf, sizeof buf), ==, "2001:db8::1");
  g_assert_cmpstr (tv_address_to_string (&f->dst, buf, sizeof buf), ==, "2001:db8::abcd");
  g_assert_cmpuint (f->ttl, ==, 57);
  g_assert_cmpuint (f->sport, ==, SPORT);
  g_assert_cmpuint (f->dport, ==, DPORT);
  g_assert_cmpuint (f->seq, ==, SEQ);
  g_assert_cmpuint (f->ack, ==, ACK);
  g_assert_cmpuint (f->flags, ==, flags);
  g_assert_cmpuint (f->len, ==, plen);
  g_assert_cmpuint (f->payload_caplen, ==, plen);
  if (plen > 0)
    g_assert_cmpmem (f->payload, plen, payload, plen);
  g_assert_false (f->truncated);
}

/* ---- real frames: tcpdump tests/ssh.pcap ---- */

/* frame 1: SYN, MSS 1460, NOP, WS 6, NOP, NOP, TS 1948436430/0, SACK_PERM, EOL */
static const guint8 ssh_syn[] = {
  0xd4, 0xca, 0x6d, 0x2e, 0x7f, 0x67, 0x8c, 0x85, 0x90, 0x3f, 0x77, 0xdd, 0x08, 0x00, 0x45, 0x00,
  0x00, 0x40, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0x03, 0x44, 0xca, 0x6c, 0x57, 0xa5, 0xdf, 0x84,
  0x35, 0xde, 0xf2, 0xc2, 0x00, 0x16, 0xf3, 0x51, 0xf1, 0x58, 0x00, 0x00, 0x00, 0x00, 0xb0, 0x02,
  0xff, 0xff, 0xec, 0x12, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x06, 0x01, 0x01,
  0x08, 0x0a, 0x74, 0x22, 0xc7, 0xce, 0x00, 0x00, 0x00, 0x00, 0x04, 0x02, 0x00, 0x00,
};

/* frame 4: PSH-ACK with "SSH-2.0-OpenSSH_7.8\r\n" */
static const guint8 ssh_data[] = {
  0xd4, 0xca, 0x6d, 0x2e, 0x7f, 0x67, 0x8c, 0x85, 0x90, 0x3f, 0x77, 0xdd, 0x08, 0x00, 0x45, 0x00,
  0x00, 0x3d, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0x03, 0x47, 0xca, 0x6c, 0x57, 0xa5, 0xdf, 0x84,
  0x35, 0xde, 0xf2, 0xc2, 0x00, 0x16, 0xf3, 0x51, 0xf1, 0x59, 0x92, 0x57, 0xab, 0x47, 0x50, 0x18,
  0x10, 0x00, 0x8b, 0x76, 0x00, 0x00, 0x53, 0x53, 0x48, 0x2d, 0x32, 0x2e, 0x30, 0x2d, 0x4f, 0x70,
  0x65, 0x6e, 0x53, 0x53, 0x48, 0x5f, 0x37, 0x2e, 0x38, 0x0d, 0x0a,
};

static void
test_real_syn (void)
{
  TvFrame f;
  char buf[64];

  g_assert_true (tv_decode_frame (1, ssh_syn, sizeof ssh_syn, &f));
  g_assert_cmpstr (tv_address_to_string (&f.src, buf, sizeof buf), ==, "202.108.87.165");
  g_assert_cmpstr (tv_address_to_string (&f.dst, buf, sizeof buf), ==, "223.132.53.222");
  g_assert_cmpuint (f.ttl, ==, 64);
  g_assert_cmpuint (f.sport, ==, 62146);
  g_assert_cmpuint (f.dport, ==, 22);
  g_assert_cmpuint (f.seq, ==, 4082233688u);
  g_assert_cmpuint (f.ack, ==, 0);
  g_assert_cmpuint (f.flags, ==, TV_TCP_SYN);
  g_assert_cmpuint (f.window, ==, 65535);
  g_assert_cmpuint (f.header_len, ==, 44);
  g_assert_cmpuint (f.len, ==, 0);
  g_assert_true (f.has_mss);
  g_assert_cmpuint (f.mss, ==, 1460);
  g_assert_true (f.has_wscale);
  g_assert_cmpuint (f.wscale, ==, 6);
  g_assert_true (f.has_timestamps);
  g_assert_cmpuint (f.ts_val, ==, 1948436430u);
  g_assert_cmpuint (f.ts_ecr, ==, 0);
  g_assert_true (f.sack_permitted);
  g_assert_cmpuint (f.n_sack, ==, 0);
  g_assert_false (f.truncated);
  g_assert_cmpuint (f.payload_caplen, ==, 0);
}

static void
test_real_data (void)
{
  TvFrame f;

  g_assert_true (tv_decode_frame (1, ssh_data, sizeof ssh_data, &f));
  g_assert_cmpuint (f.sport, ==, 62146);
  g_assert_cmpuint (f.dport, ==, 22);
  g_assert_cmpuint (f.seq, ==, 4082233689u);
  g_assert_cmpuint (f.ack, ==, 2455219015u);
  g_assert_cmpuint (f.flags, ==, TV_TCP_PSH | TV_TCP_ACK);
  g_assert_cmpuint (f.window, ==, 4096);
  g_assert_cmpuint (f.header_len, ==, 20);
  g_assert_cmpuint (f.len, ==, 21);
  g_assert_cmpuint (f.payload_caplen, ==, 21);
  g_assert_cmpmem (f.payload, 21, "SSH-2.0-OpenSSH_7.8\r\n", 21);
  g_assert_false (f.truncated);
}

/* Cut a real frame at every length: no crash, no read past the cut (run
 * under valgrind or ASan to see that), and the same answers as far as the
 * captured bytes allow. */
static void
check_every_caplen (int linktype, const guint8 *full, gsize n, gsize tcp_off)
{
  TvFrame whole;

  g_assert_true (tv_decode_frame (linktype, full, (guint32) n, &whole));
  g_assert_false (whole.truncated);

  for (gsize caplen = 0; caplen <= n; caplen++)
    {
      g_autofree guint8 *cut = g_memdup2 (full, caplen);   /* exact size */
      TvFrame f;
      gboolean ok = tv_decode_frame (linktype, cut, (guint32) caplen, &f);

      /* tshark shows the header once its first 16 bytes (up to the
       * window) are there */
      if (caplen < tcp_off + 16)
        {
          g_assert_false (ok);
          continue;
        }
      g_assert_true (ok);
      g_assert_cmpuint (f.sport, ==, whole.sport);
      g_assert_cmpuint (f.dport, ==, whole.dport);
      g_assert_cmpuint (f.seq, ==, whole.seq);
      g_assert_cmpuint (f.ack, ==, whole.ack);
      g_assert_cmpuint (f.flags, ==, whole.flags);
      g_assert_cmpuint (f.window, ==, whole.window);
      g_assert_cmpuint (f.header_len, ==, whole.header_len);
      /* the length is what IP declares, not what was captured */
      g_assert_cmpuint (f.len, ==, whole.len);
      g_assert_cmpint (f.truncated, ==, caplen < n);
      g_assert_cmpuint (f.payload_caplen, <=, f.len);
      if (caplen >= tcp_off + whole.header_len)
        {
          g_assert_cmpuint (f.payload_caplen, ==, caplen - tcp_off - whole.header_len);
          g_assert_true (f.payload == cut + tcp_off + whole.header_len);
          g_assert_cmpint (f.has_mss, ==, whole.has_mss);
          g_assert_cmpint (f.has_wscale, ==, whole.has_wscale);
          g_assert_cmpint (f.has_timestamps, ==, whole.has_timestamps);
          g_assert_cmpint (f.sack_permitted, ==, whole.sack_permitted);
          g_assert_cmpuint (f.ts_val, ==, whole.ts_val);
        }
      else
        {
          g_assert_cmpuint (f.payload_caplen, ==, 0);
        }
      /* an option is only reported when all of it was captured */
      if (f.has_mss)
        g_assert_cmpuint (f.mss, ==, whole.mss);
      if (f.has_wscale)
        g_assert_cmpuint (f.wscale, ==, whole.wscale);
      if (f.has_timestamps)
        g_assert_cmpuint (f.ts_ecr, ==, whole.ts_ecr);
    }
}

static void
test_truncated (void)
{
  g_autofree Buf *b = g_new0 (Buf, 1);
  g_autofree Buf *seg = g_new0 (Buf, 1);
  g_autofree Buf *rest = g_new0 (Buf, 1);
  static const guint8 opts[] = { 2, 4, 0x05, 0xa0, 1, 1, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2 };

  check_every_caplen (1, ssh_syn, sizeof ssh_syn, 34);
  check_every_caplen (1, ssh_data, sizeof ssh_data, 34);

  /* IPv6 with a hop-by-hop header, in a VLAN, in SLL2 */
  put_tcp_full (seg, SPORT, DPORT, SEQ, ACK, TV_TCP_ACK | TV_TCP_PSH, opts, sizeof opts,
                "hello", 5);
  put8 (rest, 6);
  put8 (rest, 0);
  put8 (rest, 1);
  put8 (rest, 4);
  put32 (rest, 0);
  putn (rest, seg->b, seg->n);
  put16 (b, 0x8100);
  put16 (b, 0);
  put32 (b, 3);
  put16 (b, 1);
  put8 (b, 0);
  put8 (b, 6);
  put_zeros (b, 8);
  put16 (b, 42);
  put16 (b, 0x86dd);
  put_ipv6_full (b, rest, 0, rest->n);
  check_every_caplen (276, b->b, b->n, 24 + 40 + 8);
}

/* ---- link types ---- */

static void
test_ethernet_ipv4 (void)
{
  g_autofree Buf *b = g_new0 (Buf, 1);
  TvFrame f;

  build_eth_ipv4 (b, TV_TCP_PSH | TV_TCP_ACK, "GET / HTTP/1.1\r\n\r\n");
  g_assert_true (decode (1, b, &f));
  assert_ipv4_segment (&f, TV_TCP_PSH | TV_TCP_ACK, "GET / HTTP/1.1\r\n\r\n");
  /* the caller's fields are kept */
  g_assert_cmpuint (f.frame, ==, 7);
  g_assert_cmpint (f.time_ns, ==, 42);

  /* Ethernet padding after a short datagram is not payload */
  b->n = 0;
  build_eth_ipv4 (b, TV_TCP_ACK, NULL);
  put_zeros (b, 6);
  g_assert_true (decode (1, b, &f));
  assert_ipv4_segment (&f, TV_TCP_ACK, NULL);

  /* not IP, not TCP, too short */
  b->b[12] = 0x08;
  b->b[13] = 0x06;
  g_assert_false (decode (1, b, &f));
  b->n = 0;
  build_eth_ipv4 (b, TV_TCP_ACK, NULL);
  b->b[14 + 9] = 17;
  g_assert_false (decode (1, b, &f));
  b->n = 13;
  g_assert_false (decode (1, b, &f));
  g_assert_false (tv_decode_frame (1, NULL, 0, &f));
}

static void
test_ethernet_ipv6 (void)
{
  g_autofree Buf *b = g_new0 (Buf, 1);
  g_autofree Buf *seg = g_new0 (Buf, 1);
  TvFrame f;

  put_tcp (seg, TV_TCP_SYN | TV_TCP_ACK, NULL);
  put_ether (b, 0x86dd);
  put_ipv6 (b, seg);
  g_assert_true (decode (1, b, &f));
  assert_ipv6_segment (&f, TV_TCP_SYN | TV_TCP_ACK, NULL);

  /* version 4 behind the IPv6 EtherType: not read (tshark neither) */
  b->b[14] = 0x45;
  g_assert_false (decode (1, b, &f));
}

static void
test_vlan (void)
{
  static const guint tpids[] = { 0x8100, 0x88a8, 0x9100 };
  TvFrame f;

  for (guint depth = 1; depth <= 3; depth++)
    for (guint t = 0; t < G_N_ELEMENTS (tpids); t++)
      {
        g_autofree Buf *b = g_new0 (Buf, 1);
        g_autofree Buf *seg = g_new0 (Buf, 1);
        g_autofree Buf *ip = g_new0 (Buf, 1);

        put_tcp (seg, TV_TCP_FIN | TV_TCP_ACK, "x");
        put_ipv4 (ip, seg);
        put_ether (b, tpids[t]);
        for (guint d = 0; d < depth; d++)
          {
            put16 (b, 100 + d);                                   /* TCI */
            put16 (b, d + 1 < depth ? 0x8100 : 0x0800);
          }
        putn (b, ip->b, ip->n);
        g_assert_true (decode (1, b, &f));
        assert_ipv4_segment (&f, TV_TCP_FIN | TV_TCP_ACK, "x");

        /* cut inside the tags */
        b->n = 14 + 4 * depth - 1;
        g_assert_false (decode (1, b, &f));
      }
}

static void
test_vlan_qinq (void)
{
  g_autofree Buf *b = g_new0 (Buf, 1);
  g_autofree Buf *seg = g_new0 (Buf, 1);
  TvFrame f;

  /* 802.1ad service tag, 802.1Q customer tag, IPv6 */
  put_tcp (seg, TV_TCP_ACK, "abc");
  put_ether (b, 0x88a8);
  put16 (b, 0x0064);
  put16 (b, 0x8100);
  put16 (b, 0x00c8);
  put16 (b, 0x86dd);
  put_ipv6 (b, seg);
  g_assert_true (decode (1, b, &f));
  assert_ipv6_segment (&f, TV_TCP_ACK, "abc");

  /* an endless stack of tags is refused, not followed forever */
  b->n = 0;
  put_ether (b, 0x8100);
  for (guint i = 0; i < 40; i++)
    {
      put16 (b, i);
      put16 (b, 0x8100);
    }
  g_assert_false (decode (1, b, &f));
}

static void
test_sll (void)
{
  g_autofree Buf *b = g_new0 (Buf, 1);
  g_autofree Buf *seg = g_new0 (Buf, 1);
  g_autofree Buf *ip = g_new0 (Buf, 1);
  TvFrame f;

  put_tcp (seg, TV_TCP_RST, NULL);
  put_ipv4 (ip, seg);
  put16 (b, 4);                /* sent by us */
  put16 (b, 1);                /* ARPHRD_ETHER */
  put16 (b, 6);
  put_zeros (b, 8);
  put16 (b, 0x0800);
  putn (b, ip->b, ip->n);
  g_assert_true (decode (113, b, &f));
  assert_ipv4_segment (&f, TV_TCP_RST, NULL);

  b->n = 15;
  g_assert_false (decode (113, b, &f));

  /* a VLAN tag left in the payload */
  b->n = 0;
  put16 (b, 0);
  put16 (b, 1);
  put16 (b, 6);
  put_zeros (b, 8);
  put16 (b, 0x8100);
  put16 (b, 5);
  put16 (b, 0x0800);
  putn (b, ip->b, ip->n);
  g_assert_true (decode (113, b, &f));
  assert_ipv4_segment (&f, TV_TCP_RST, NULL);
}

static void
test_sll2 (void)
{
  g_autofree Buf *b = g_new0 (Buf, 1);
  g_autofree Buf *seg = g_new0 (Buf, 1);
  TvFrame f;

  put_tcp (seg, TV_TCP_RST | TV_TCP_ACK, NULL);
  put16 (b, 0x86dd);           /* protocol */
  put16 (b, 0);                /* reserved */
  put32 (b, 2);                /* interface index */
  put16 (b, 1);                /* ARPHRD_ETHER */
  put8 (b, 0);                 /* packet type */
  put8 (b, 6);                 /* address length */
  put_zeros (b, 8);
  put_ipv6 (b, seg);
  g_assert_true (decode (276, b, &f));
  assert_ipv6_segment (&f, TV_TCP_RST | TV_TCP_ACK, NULL);

  b->b[0] = 0x08;
  b->b[1] = 0x06;
  g_assert_false (decode (276, b, &f));
  b->n = 19;
  g_assert_false (decode (276, b, &f));
}

static void
build_loopback (Buf *b, const guint8 af[4], gboolean v6)
{
  g_autofree Buf *seg = g_new0 (Buf, 1);
  g_autofree Buf *ip = g_new0 (Buf, 1);

  put_tcp (seg, TV_TCP_ACK, "lo");
  if (v6)
    put_ipv6 (ip, seg);
  else
    put_ipv4 (ip, seg);
  b->n = 0;
  putn (b, af, 4);
  putn (b, ip->b, ip->n);
}

static void
test_null (void)
{
  static const guint8 inet_le[4] = { 2, 0, 0, 0 }, inet_be[4] = { 0, 0, 0, 2 };
  static const guint8 inet6[][4] = {
    { 24, 0, 0, 0 }, { 0, 0, 0, 24 }, { 28, 0, 0, 0 }, { 0, 0, 0, 28 },
    { 30, 0, 0, 0 }, { 0, 0, 0, 30 },
  };
  static const guint8 other[4] = { 0, 0, 0, 7 };
  g_autofree Buf *b = g_new0 (Buf, 1);
  TvFrame f;

  /* written by a little-endian host, then a big-endian one */
  build_loopback (b, inet_le, FALSE);
  g_assert_true (decode (0, b, &f));
  assert_ipv4_segment (&f, TV_TCP_ACK, "lo");
  build_loopback (b, inet_be, FALSE);
  g_assert_true (decode (0, b, &f));
  assert_ipv4_segment (&f, TV_TCP_ACK, "lo");

  for (guint i = 0; i < G_N_ELEMENTS (inet6); i++)
    {
      build_loopback (b, inet6[i], TRUE);
      g_assert_true (decode (0, b, &f));
      assert_ipv6_segment (&f, TV_TCP_ACK, "lo");
    }

  build_loopback (b, other, FALSE);
  g_assert_false (decode (0, b, &f));
  b->n = 3;
  g_assert_false (decode (0, b, &f));
}

static void
test_loop (void)
{
  static const guint8 inet_be[4] = { 0, 0, 0, 2 }, inet_le[4] = { 2, 0, 0, 0 };
  static const guint8 inet6_be[4] = { 0, 0, 0, 24 };
  g_autofree Buf *b = g_new0 (Buf, 1);
  TvFrame f;

  build_loopback (b, inet_be, FALSE);
  g_assert_true (decode (108, b, &f));
  assert_ipv4_segment (&f, TV_TCP_ACK, "lo");
  build_loopback (b, inet6_be, TRUE);
  g_assert_true (decode (108, b, &f));
  assert_ipv6_segment (&f, TV_TCP_ACK, "lo");
  /* LOOP is always network order (tshark reads no IP here either) */
  build_loopback (b, inet_le, FALSE);
  g_assert_false (decode (108, b, &f));
}

static void
test_raw (void)
{
  static const int raw[] = { 12, 14, 101, 228 };
  g_autofree Buf *seg = g_new0 (Buf, 1);
  g_autofree Buf *v4 = g_new0 (Buf, 1);
  g_autofree Buf *v6 = g_new0 (Buf, 1);
  TvFrame f;

  put_tcp (seg, TV_TCP_SYN, NULL);
  put_ipv4 (v4, seg);
  put_ipv6 (v6, seg);

  /* RAW and IPV4 take either version, as tshark does */
  for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
    {
      g_assert_true (tv_decode_linktype_supported (raw[i]));
      g_assert_true (decode (raw[i], v4, &f));
      assert_ipv4_segment (&f, TV_TCP_SYN, NULL);
      g_assert_true (decode (raw[i], v6, &f));
      assert_ipv6_segment (&f, TV_TCP_SYN, NULL);
    }

  /* IPV6 only IPv6 */
  g_assert_true (decode (229, v6, &f));
  assert_ipv6_segment (&f, TV_TCP_SYN, NULL);
  g_assert_false (decode (229, v4, &f));

  /* version 5 */
  v4->b[0] = 0x55;
  g_assert_false (decode (12, v4, &f));
}

static void
test_linktypes (void)
{
  static const int supported[] = { 0, 1, 12, 14, 101, 108, 113, 228, 229, 276 };
  static const int unsupported[] = { -1, 9, 105, 127, 147, 220, 0x7fffffff };
  g_autofree Buf *b = g_new0 (Buf, 1);
  TvFrame f;

  for (guint i = 0; i < G_N_ELEMENTS (supported); i++)
    g_assert_true (tv_decode_linktype_supported (supported[i]));
  build_eth_ipv4 (b, TV_TCP_ACK, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
    {
      g_assert_false (tv_decode_linktype_supported (unsupported[i]));
      g_assert_false (decode (unsupported[i], b, &f));
    }
}

/* ---- IPv4 ---- */

static void
test_ipv4_options (void)
{
  g_autofree Buf *seg = g_new0 (Buf, 1);
  g_autofree Buf *ip = g_new0 (Buf, 1);
  TvFrame f;

  put_tcp (seg, TV_TCP_ACK, "payload");
  put_ipv4_full (ip, seg, 15, 60 + seg->n, 0, 6);
  g_assert_true (decode (12, ip, &f));
  assert_ipv4_segment (&f, TV_TCP_ACK, "payload");

  /* options cut by the capture: no TCP header */
  ip->n = 50;
  g_assert_false (decode (12, ip, &f));
}

static void
test_ipv4_hostile (void)
{
  g_autofree Buf *seg = g_new0 (Buf, 1);
  g_autofree Buf *ip = g_new0 (Buf, 1);
  TvFrame f;

  put_tcp (seg, TV_TCP_ACK, "0123456789");

  /* IHL < 5 */
  for (guint ihl = 0; ihl < 5; ihl++)
    {
      ip->n = 0;
      put_ipv4_full (ip, seg, 5, 20 + seg->n, 0, 6);
      ip->b[0] = 0x40 | ihl;
      g_assert_false (decode (12, ip, &f));
    }

  /* total length smaller than the IP header, or leaving fewer than 16
   * bytes of TCP header */
  for (guint total = 1; total < 36; total++)
    {
      ip->n = 0;
      put_ipv4_full (ip, seg, 5, total, 0, 6);
      g_assert_false (decode (12, ip, &f));
    }

  /* total length leaving 16 to 19 bytes of TCP header: tshark shows the
   * ports, numbers, flags and window, and no length */
  for (guint total = 36; total < 40; total++)
    {
      ip->n = 0;
      put_ipv4_full (ip, seg, 5, total, 0, 6);
      g_assert_true (decode (12, ip, &f));
      g_assert_cmpuint (f.seq, ==, SEQ);
      g_assert_cmpuint (f.ack, ==, ACK);
      g_assert_cmpuint (f.flags, ==, TV_TCP_ACK);
      g_assert_cmpuint (f.window, ==, 29200);
      g_assert_cmpuint (f.len, ==, 0);
      g_assert_cmpuint (f.payload_caplen, ==, 0);
    }

  /* total length covering the TCP header but not all of its options:
   * TCP, as in tshark, with no payload */
  {
    static const guint8 ts[] = { 1, 1, 8, 10, 0, 0, 0, 9, 0, 0, 0, 8 };

    seg->n = 0;
    put_tcp_full (seg, SPORT, DPORT, SEQ, ACK, TV_TCP_ACK, ts, sizeof ts, "data", 4);
    ip->n = 0;
    put_ipv4_full (ip, seg, 5, 20 + 24, 0, 6);
    g_assert_true (decode (12, ip, &f));
    g_assert_cmpuint (f.seq, ==, SEQ);
    g_assert_cmpuint (f.header_len, ==, 32);
    g_assert_cmpuint (f.len, ==, 0);
    g_assert_cmpuint (f.payload_caplen, ==, 0);
    g_assert_false (f.has_timestamps);     /* not inside what IP declares */
  }

  /* total length larger than the frame: trusted (a snap length cut it) */
  seg->n = 0;
  put_tcp (seg, TV_TCP_ACK, "0123456789");
  ip->n = 0;
  put_ipv4_full (ip, seg, 5, 1500, 0, 6);
  g_assert_true (decode (12, ip, &f));
  g_assert_cmpuint (f.len, ==, 1460);
  g_assert_cmpuint (f.payload_caplen, ==, 10);
  g_assert_true (f.truncated);
}

static void
test_ipv4_fragments (void)
{
  g_autofree Buf *seg = g_new0 (Buf, 1);
  g_autofree Buf *ip = g_new0 (Buf, 1);
  TvFrame f;

  put_tcp (seg, TV_TCP_PSH | TV_TCP_ACK, "fragment");

  /* more fragments: left to reassembly */
  put_ipv4_full (ip, seg, 5, 20 + seg->n, 0x2000, 6);
  g_assert_false (decode (12, ip, &f));
  /* not the first fragment */
  ip->n = 0;
  put_ipv4_full (ip, seg, 5, 20 + seg->n, 0x0010, 6);
  g_assert_false (decode (12, ip, &f));
  ip->n = 0;
  put_ipv4_full (ip, seg, 5, 20 + seg->n, 0x2010, 6);
  g_assert_false (decode (12, ip, &f));
  /* don't fragment is not a fragment */
  ip->n = 0;
  put_ipv4_full (ip, seg, 5, 20 + seg->n, 0x4000, 6);
  g_assert_true (decode (12, ip, &f));

  /* a first fragment the capture cut short cannot be reassembled: tshark
   * dissects its TCP header, and shows no length */
  ip->n = 0;
  put_ipv4_full (ip, seg, 5, 20 + seg->n, 0x2000, 6);
  ip->n -= 3;
  g_assert_true (decode (12, ip, &f));
  g_assert_cmpuint (f.seq, ==, SEQ);
  g_assert_cmpuint (f.flags, ==, TV_TCP_PSH | TV_TCP_ACK);
  g_assert_cmpuint (f.len, ==, 0);
}

static void
test_ipv4_tso (void)
{
  g_autofree Buf *b = g_new0 (Buf, 1);
  TvFrame f;

  /* total length 0: segmentation offload, the datagram is the frame */
  build_eth_ipv4 (b, TV_TCP_PSH | TV_TCP_ACK, "big segment");
  b->b[16] = 0;
  b->b[17] = 0;
  g_assert_true (decode (1, b, &f));
  assert_ipv4_segment (&f, TV_TCP_PSH | TV_TCP_ACK, "big segment");

  /* ... that was on the wire, when the capture holds less */
  b->n -= 4;
  g_assert_true (tv_decode_frame_full (1, b->b, b->n, b->n + 4 + 70000, &f));
  g_assert_cmpuint (f.len, ==, 11 + 70000);
  g_assert_cmpuint (f.payload_caplen, ==, 7);
  g_assert_true (f.truncated);
}

static void
test_wire_length (void)
{
  g_autofree Buf *b = g_new0 (Buf, 1);
  TvFrame f;

  /* IP says 820 bytes, the frame was 66 on the wire (tcpdump's kday4.pcap):
   * tshark measures the segment by the wire */
  build_eth_ipv4 (b, TV_TCP_ACK, "0123456789ab");
  b->b[16] = 820 >> 8;
  b->b[17] = 820 & 0xff;
  g_assert_true (tv_decode_frame_full (1, b->b, b->n, b->n, &f));
  g_assert_cmpuint (f.len, ==, 12);
  g_assert_false (f.truncated);
  /* not knowing the wire length, the IP header is trusted */
  g_assert_true (tv_decode_frame (1, b->b, b->n, &f));
  g_assert_cmpuint (f.len, ==, 820 - 40);
  g_assert_true (f.truncated);
  /* a wire length below the captured one is ignored */
  g_assert_true (tv_decode_frame_full (1, b->b, b->n, 10, &f));
  g_assert_cmpuint (f.len, ==, 12);

  /* cut by a snap length: the length is the declared one */
  b->n = 0;
  build_eth_ipv4 (b, TV_TCP_ACK, "0123456789ab");
  g_assert_true (tv_decode_frame_full (1, b->b, 60, b->n, &f));
  g_assert_cmpuint (f.len, ==, 12);
  g_assert_cmpuint (f.payload_caplen, ==, 6);
  g_assert_true (f.truncated);
}

/* ---- IPv6 ---- */

/* an extension header of type-specific length: next, length, zeros */
static void
put_ext (Buf *b, guint next, guint len_field, gsize size)
{
  put8 (b, next);
  put8 (b, len_field);
  put_zeros (b, size - 2);
}

static void
test_ipv6_ext_headers (void)
{
  g_autofree Buf *seg = g_new0 (Buf, 1);
  g_autofree Buf *rest = g_new0 (Buf, 1);
  g_autofree Buf *b = g_new0 (Buf, 1);
  TvFrame f;

  put_tcp (seg, TV_TCP_ACK, "after the chain");

  /* hop-by-hop, destination options, routing, shim6, AH, destination */
  put_ext (rest, 60, 0, 8);
  put_ext (rest, 43, 1, 16);
  put_ext (rest, 140, 0, 8);
  put_ext (rest, 51, 0, 8);
  put_ext (rest, 60, 1, 12);            /* AH: (1 + 2) * 4 */
  put_ext (rest, 6, 2, 24);
  putn (rest, seg->b, seg->n);
  put_ether (b, 0x86dd);
  put_ipv6_full (b, rest, 0, rest->n);
  g_assert_true (decode (1, b, &f));
  assert_ipv6_segment (&f, TV_TCP_ACK, "after the chain");

  /* an extension header running past the payload length */
  b->b[14 + 4] = 0;
  b->b[14 + 5] = 30;
  g_assert_false (decode (1, b, &f));

  /* ... or past the capture */
  b->n = 0;
  put_ether (b, 0x86dd);
  put_ipv6_full (b, rest, 0, rest->n);
  b->n = 14 + 40 + 20;
  g_assert_false (decode (1, b, &f));

  /* an option running past the header but not past the datagram passes,
   * as in tshark; one running past the datagram does not */
  rest->n = 0;
  put8 (rest, 6);
  put8 (rest, 0);
  put8 (rest, 1);               /* PadN of 12 in an 8-byte header */
  put8 (rest, 12);
  put_zeros (rest, 4);
  putn (rest, seg->b, seg->n);
  b->n = 0;
  put_ether (b, 0x86dd);
  put_ipv6_full (b, rest, 60, rest->n);
  g_assert_true (decode (1, b, &f));
  assert_ipv6_segment (&f, TV_TCP_ACK, "after the chain");
  b->b[14 + 40 + 3] = 200;
  g_assert_false (decode (1, b, &f));
  /* a type byte alone at the end of the header passes */
  b->b[14 + 40 + 2] = 0;
  b->b[14 + 40 + 3] = 0;
  b->b[14 + 40 + 7] = 0x20;
  g_assert_true (decode (1, b, &f));

  /* routing headers too short for their addresses: type 2, segment routing */
  rest->n = 0;
  put8 (rest, 6);
  put8 (rest, 0);
  put8 (rest, 2);
  put8 (rest, 1);
  put_zeros (rest, 4);
  putn (rest, seg->b, seg->n);
  b->n = 0;
  put_ether (b, 0x86dd);
  put_ipv6_full (b, rest, 43, rest->n);
  g_assert_false (decode (1, b, &f));
  b->b[14 + 40 + 2] = 4;
  g_assert_false (decode (1, b, &f));
  b->b[14 + 40 + 2] = 0;
  g_assert_true (decode (1, b, &f));

  /* no next header, mobility (its next header is always 59), ESP, UDP */
  {
    static const guint stops[] = { 59, 135, 50, 17 };

    for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
      {
        rest->n = 0;
        put_ext (rest, 6, 0, 8);
        putn (rest, seg->b, seg->n);
        b->n = 0;
        put_ether (b, 0x86dd);
        put_ipv6_full (b, rest, stops[i], rest->n);
        g_assert_false (decode (1, b, &f));
      }
  }

  /* a long chain of headers is not followed to its end */
  rest->n = 0;
  for (guint i = 0; i < 40; i++)
    put_ext (rest, i < 39 ? 60 : 6, 0, 8);
  putn (rest, seg->b, seg->n);
  b->n = 0;
  put_ether (b, 0x86dd);
  put_ipv6_full (b, rest, 60, rest->n);
  g_assert_false (decode (1, b, &f));
}

static void
test_ipv6_fragment (void)
{
  g_autofree Buf *seg = g_new0 (Buf, 1);
  g_autofree Buf *rest = g_new0 (Buf, 1);
  g_autofree Buf *b = g_new0 (Buf, 1);
  TvFrame f;

  put_tcp (seg, TV_TCP_ACK, "frag");

  /* offset 0, more fragments: left to reassembly */
  put8 (rest, 6);
  put8 (rest, 0);
  put16 (rest, 0x0001);
  put32 (rest, 0xcafe);
  putn (rest, seg->b, seg->n);
  put_ipv6_full (b, rest, 44, rest->n);
  g_assert_false (decode (229, b, &f));

  /* even when the capture cut it short (IPv4 differs, see
   * ipv4-fragments) */
  g_assert_false (tv_decode_frame (229, b->b, b->n - 2, &f));

  /* a later fragment */
  b->b[40 + 2] = 0x01;
  b->b[40 + 3] = 0x00;
  g_assert_false (decode (229, b, &f));

  /* an atomic fragment (offset 0, last) carries a whole datagram */
  b->b[40 + 2] = 0;
  b->b[40 + 3] = 0;
  g_assert_true (decode (229, b, &f));
  assert_ipv6_segment (&f, TV_TCP_ACK, "frag");
}

static void
test_ipv6_jumbo (void)
{
  g_autofree Buf *seg = g_new0 (Buf, 1);
  g_autofree Buf *rest = g_new0 (Buf, 1);
  g_autofree Buf *b = g_new0 (Buf, 1);
  g_autofree char *big = g_malloc (70001);
  TvFrame f;

  memset (big, 'j', 70000);
  big[70000] = '\0';
  put_tcp (seg, TV_TCP_PSH | TV_TCP_ACK, big);

  /* payload length 0, hop-by-hop header with Jumbo Payload (like
   * tcpdump's bigtcp-ipv6-hbh.pcap) */
  put8 (rest, 6);
  put8 (rest, 0);
  put8 (rest, 0xc2);
  put8 (rest, 4);
  put32 (rest, 8 + seg->n);
  putn (rest, seg->b, seg->n);
  put_ether (b, 0x86dd);
  put_ipv6_full (b, rest, 0, 0);
  g_assert_true (decode (1, b, &f));
  g_assert_cmpuint (f.len, ==, 70000);
  g_assert_cmpuint (f.payload_caplen, ==, 70000);
  g_assert_false (f.truncated);

  /* cut by a snap length */
  g_assert_true (tv_decode_frame (1, b->b, 200, &f));
  g_assert_cmpuint (f.len, ==, 70000);
  g_assert_cmpuint (f.payload_caplen, ==, 200 - 14 - 40 - 8 - 20);
  g_assert_true (f.truncated);

  /* Pad1 and PadN before the option */
  rest->n = 0;
  put8 (rest, 6);
  put8 (rest, 1);
  put8 (rest, 0);
  put8 (rest, 1);
  put8 (rest, 2);
  put16 (rest, 0);
  put8 (rest, 0);
  put8 (rest, 0);
  put8 (rest, 0);
  put8 (rest, 0xc2);
  put8 (rest, 4);
  put32 (rest, 16 + seg->n);
  putn (rest, seg->b, seg->n);
  b->n = 0;
  put_ether (b, 0x86dd);
  put_ipv6_full (b, rest, 0, 0);
  g_assert_true (decode (1, b, &f));
  g_assert_cmpuint (f.len, ==, 70000);

  /* a jumbo length below 65536 is no jumbo length */
  b->b[14 + 40 + 12] = 0;
  b->b[14 + 40 + 13] = 0;
  b->b[14 + 40 + 14] = 0x01;
  b->b[14 + 40 + 15] = 0x00;
  g_assert_false (decode (1, b, &f));

  /* payload length 0 and no hop-by-hop header */
  b->n = 0;
  put_ether (b, 0x86dd);
  put_ipv6_full (b, seg, 6, 0);
  g_assert_false (decode (1, b, &f));
}

static void
test_ipv6_hostile (void)
{
  g_autofree Buf *seg = g_new0 (Buf, 1);
  g_autofree Buf *b = g_new0 (Buf, 1);
  TvFrame f;

  put_tcp (seg, TV_TCP_ACK, "abc");
  /* payload length below 16 bytes of TCP header: no TCP; 16 to 19: the
   * header without a length, as in tshark */
  for (guint plen = 1; plen < 20; plen++)
    {
      b->n = 0;
      put_ipv6_full (b, seg, 6, plen);
      g_assert_cmpint (decode (229, b, &f), ==, plen >= 16);
      if (plen >= 16)
        {
          g_assert_cmpuint (f.seq, ==, SEQ);
          g_assert_cmpuint (f.len, ==, 0);
        }
    }
  /* a header cut short */
  b->n = 0;
  put_ipv6 (b, seg);
  b->n = 39;
  g_assert_false (decode (229, b, &f));
  /* payload length larger than the capture: trusted */
  b->n = 0;
  put_ipv6_full (b, seg, 6, 1000);
  g_assert_true (decode (229, b, &f));
  g_assert_cmpuint (f.len, ==, 980);
  g_assert_true (f.truncated);
}

/* ---- TCP ---- */

static void
test_tcp_flags (void)
{
  g_autofree Buf *b = g_new0 (Buf, 1);
  TvFrame f;

  for (guint bit = 0; bit < 9; bit++)
    {
      b->n = 0;
      build_eth_ipv4 (b, 1u << bit, NULL);
      g_assert_true (decode (1, b, &f));
      g_assert_cmpuint (f.flags, ==, 1u << bit);
      if (bit == 5)
        g_assert_cmpuint (f.urgent, ==, 7);
    }
  b->n = 0;
  build_eth_ipv4 (b, 0x1ff, NULL);
  /* the three reserved bits are not flags */
  b->b[14 + 20 + 12] |= 0x0e;
  g_assert_true (decode (1, b, &f));
  g_assert_cmpuint (f.flags, ==, 0x1ff);
  b->n = 0;
  build_eth_ipv4 (b, 0, NULL);
  g_assert_true (decode (1, b, &f));
  g_assert_cmpuint (f.flags, ==, 0);
}

/* the payload points into the frame: keep it until the next call */
static gboolean
decode_with_options (const guint8 *opts, gsize optlen, TvFrame *f)
{
  static Buf *seg, *ip;

  if (seg == NULL)
    {
      seg = g_new0 (Buf, 1);
      ip = g_new0 (Buf, 1);
    }
  seg->n = 0;
  ip->n = 0;
  put_tcp_full (seg, SPORT, DPORT, SEQ, ACK, TV_TCP_SYN, opts, optlen, "pay", 3);
  put_ipv4 (ip, seg);
  return decode (12, ip, f);
}

static void
test_tcp_options (void)
{
  static const guint8 syn[] = {
    2, 4, 0x05, 0xb4,                       /* MSS 1460 */
    4, 2,                                   /* SACK permitted */
    8, 10, 0x01, 0x02, 0x03, 0x04, 0xf0, 0xe0, 0xd0, 0xc0,
    1,                                      /* NOP */
    3, 3, 14,                               /* window scale 14 */
  };
  static const guint8 sack4[] = {
    1, 1,
    5, 34,
    0, 0, 0, 1, 0, 0, 0, 2,
    0, 0, 0, 3, 0, 0, 0, 4,
    0, 0, 0, 5, 0, 0, 0, 6,
    0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0,
  };
  static const guint8 eol[] = { 0, 2, 4, 0x05, 0xb4 };
  TvFrame f;

  g_assert_true (decode_with_options (syn, sizeof syn, &f));
  g_assert_cmpuint (f.header_len, ==, 40);
  g_assert_true (f.has_mss);
  g_assert_cmpuint (f.mss, ==, 1460);
  g_assert_true (f.sack_permitted);
  g_assert_true (f.has_timestamps);
  g_assert_cmpuint (f.ts_val, ==, 0x01020304);
  g_assert_cmpuint (f.ts_ecr, ==, 0xf0e0d0c0);
  g_assert_true (f.has_wscale);
  g_assert_cmpuint (f.wscale, ==, 14);
  g_assert_cmpuint (f.n_sack, ==, 0);
  g_assert_cmpuint (f.len, ==, 3);
  g_assert_cmpmem (f.payload, 3, "pay", 3);

  g_assert_true (decode_with_options (sack4, sizeof sack4, &f));
  g_assert_cmpuint (f.n_sack, ==, 4);
  g_assert_cmpuint (f.sack[0][0], ==, 1);
  g_assert_cmpuint (f.sack[0][1], ==, 2);
  g_assert_cmpuint (f.sack[2][1], ==, 6);
  g_assert_cmpuint (f.sack[3][0], ==, 0xffffffffu);
  g_assert_cmpuint (f.sack[3][1], ==, 0);

  for (guint n = 1; n <= 3; n++)
    {
      guint8 sack[2 + 8 * 3] = { 5, 2 + 8 * n };

      for (guint i = 0; i < 8 * n; i++)
        sack[2 + i] = i;
      g_assert_true (decode_with_options (sack, 2 + 8 * n, &f));
      g_assert_cmpuint (f.n_sack, ==, n);
      g_assert_cmpuint (f.sack[n - 1][1], ==, ((8 * n - 4) << 24) | ((8 * n - 3) << 16) |
                        ((8 * n - 2) << 8) | (8 * n - 1));
    }

  /* nothing after EOL is read */
  g_assert_true (decode_with_options (eol, sizeof eol, &f));
  g_assert_false (f.has_mss);
}

static void
test_tcp_options_malformed (void)
{
  /* length 0, length 1: stop, keep what came before */
  static const guint8 len0[] = { 2, 4, 0x02, 0x18, 30, 0, 3, 3, 7 };
  static const guint8 len1[] = { 3, 3, 7, 99, 1, 2, 4, 0x02, 0x18 };
  /* running past the header */
  static const guint8 past[] = { 2, 4, 0x02, 0x18, 8, 10, 0, 0 };
  /* a kind with no room for its length byte at the very end */
  static const guint8 dangling[] = { 1, 1, 1, 2 };
  /* known kinds with the wrong length are skipped, the walk goes on */
  static const guint8 wrong[] = { 2, 3, 1, 3, 4, 5, 9, 8, 2, 2, 4, 0x02, 0x18 };
  /* a SACK whose length is not 2 + 8n, and an unknown kind */
  static const guint8 odd_sack[] = { 5, 6, 0, 0, 0, 1, 253, 4, 0, 0, 4, 2 };
  TvFrame f;

  g_assert_true (decode_with_options (len0, sizeof len0, &f));
  g_assert_true (f.has_mss);
  g_assert_cmpuint (f.mss, ==, 536);
  g_assert_false (f.has_wscale);
  g_assert_cmpuint (f.len, ==, 3);

  g_assert_true (decode_with_options (len1, sizeof len1, &f));
  g_assert_true (f.has_wscale);
  g_assert_cmpuint (f.wscale, ==, 7);
  g_assert_false (f.has_mss);

  g_assert_true (decode_with_options (past, sizeof past, &f));
  g_assert_true (f.has_mss);
  g_assert_false (f.has_timestamps);
  g_assert_cmpuint (f.len, ==, 3);

  g_assert_true (decode_with_options (dangling, sizeof dangling, &f));
  g_assert_false (f.has_mss);

  g_assert_true (decode_with_options (wrong, sizeof wrong, &f));
  g_assert_true (f.has_mss);
  g_assert_cmpuint (f.mss, ==, 536);
  g_assert_false (f.has_wscale);
  g_assert_false (f.sack_permitted);
  g_assert_false (f.has_timestamps);

  g_assert_true (decode_with_options (odd_sack, sizeof odd_sack, &f));
  g_assert_cmpuint (f.n_sack, ==, 0);
  g_assert_true (f.sack_permitted);
}

static void
test_tcp_data_offset (void)
{
  g_autofree Buf *b = g_new0 (Buf, 1);
  TvFrame f;

  /* data offset below 5 */
  for (guint off = 0; off < 5; off++)
    {
      b->n = 0;
      build_eth_ipv4 (b, TV_TCP_ACK, "abcdefgh");
      b->b[14 + 20 + 12] = off << 4;
      g_assert_false (decode (1, b, &f));
    }

  /* data offset 15 (60 bytes) where the datagram holds 28 bytes of TCP:
   * a short segment, length 0 (tshark: no length) */
  b->n = 0;
  build_eth_ipv4 (b, TV_TCP_ACK, "abcdefgh");
  b->b[14 + 20 + 12] = 15 << 4;
  g_assert_true (decode (1, b, &f));
  g_assert_cmpuint (f.header_len, ==, 60);
  g_assert_cmpuint (f.len, ==, 0);
  g_assert_cmpuint (f.payload_caplen, ==, 0);
  g_assert_true (f.truncated);
}

/* ---- hostile bytes ---- */

static void
check_sane (const guint8 *data, guint32 caplen, const TvFrame *f)
{
  g_assert_cmpuint (f->payload_caplen, <=, f->len);
  if (f->payload_caplen > 0)
    {
      g_assert_true (f->payload >= data);
      g_assert_true (f->payload + f->payload_caplen <= data + caplen);
    }
  g_assert_cmpuint (f->header_len, >=, 20);
  g_assert_cmpuint (f->header_len, <=, 60);
  g_assert_cmpuint (f->n_sack, <=, TV_MAX_SACK_BLOCKS);
  g_assert_true (f->src.family == 4 || f->src.family == 6);
}

static void
test_fuzz (void)
{
  static const int linktypes[] = { 0, 1, 12, 101, 108, 113, 228, 229, 276 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autofree Buf *b = g_new0 (Buf, 1);
  guint decoded = 0;

  for (guint round = 0; round < 200000; round++)
    {
      int lt = linktypes[g_rand_int_range (rand, 0, G_N_ELEMENTS (linktypes))];
      guint32 caplen;
      g_autofree guint8 *copy = NULL;
      TvFrame f;

      /* a valid frame with a few bytes changed, or random bytes */
      b->n = 0;
      if (round % 4 != 3)
        {
          memcpy (b->b, round % 2 ? ssh_syn : ssh_data,
                  round % 2 ? sizeof ssh_syn : sizeof ssh_data);
          b->n = round % 2 ? sizeof ssh_syn : sizeof ssh_data;
          lt = 1;
          for (guint k = g_rand_int_range (rand, 1, 5); k > 0; k--)
            b->b[g_rand_int_range (rand, 0, b->n)] = g_rand_int_range (rand, 0, 256);
        }
      else
        {
          b->n = g_rand_int_range (rand, 0, 120);
          for (gsize i = 0; i < b->n; i++)
            b->b[i] = g_rand_int_range (rand, 0, 256);
          /* make the interesting bytes likely */
          if (b->n > 20 && lt == 1)
            {
              b->b[12] = 0x08;
              b->b[13] = 0;
              b->b[14] = 0x40 | (b->b[14] & 0x0f);
              b->b[23] = 6;
            }
        }

      caplen = g_rand_int_range (rand, 0, b->n + 1);
      copy = g_memdup2 (b->b, caplen);
      if (tv_decode_frame_full (lt, copy, caplen, g_rand_boolean (rand) ? 0 : b->n, &f))
        {
          check_sane (copy, caplen, &f);
          decoded++;
        }
    }
  g_assert_cmpuint (decoded, >, 1000);
}

/* ---- addresses ---- */

static void
test_address (void)
{
  TvAddress a = { 4, { 10, 0, 0, 1 } };
  TvAddress b = { 4, { 10, 0, 0, 2 } };
  TvAddress c = { 6, { 0 } };
  TvAddress d = { 6, { 0xfe, 0x80, [15] = 1 } };
  TvAddress m = { 6, { [10] = 0xff, [11] = 0xff, 192, 0, 2, 1 } };
  char buf[46];
  char small[8];

  g_assert_cmpstr (tv_address_to_string (&a, buf, sizeof buf), ==, "10.0.0.1");
  g_assert_cmpstr (tv_address_to_string (&c, buf, sizeof buf), ==, "::");
  g_assert_cmpstr (tv_address_to_string (&d, buf, sizeof buf), ==, "fe80::1");
  g_assert_cmpstr (tv_address_to_string (&m, buf, sizeof buf), ==, "::ffff:192.0.2.1");
  /* too small a buffer: empty, not overrun */
  g_assert_cmpstr (tv_address_to_string (&d, small, 4), ==, "");

  g_assert_cmpint (tv_address_compare (&a, &a), ==, 0);
  g_assert_cmpint (tv_address_compare (&a, &b), <, 0);
  g_assert_cmpint (tv_address_compare (&b, &a), >, 0);
  g_assert_cmpint (tv_address_compare (&a, &c), <, 0);   /* family first */
  g_assert_cmpint (tv_address_compare (&d, &b), >, 0);
  g_assert_cmpint (tv_address_compare (&c, &d), <, 0);

  /* IPv4 compares only its 4 bytes */
  b = a;
  b.bytes[10] = 99;
  g_assert_cmpint (tv_address_compare (&a, &b), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/decode/ethernet-ipv4", test_ethernet_ipv4);
  g_test_add_func ("/core/decode/ethernet-ipv6", test_ethernet_ipv6);
  g_test_add_func ("/core/decode/vlan", test_vlan);
  g_test_add_func ("/core/decode/vlan-qinq", test_vlan_qinq);
  g_test_add_func ("/core/decode/sll", test_sll);
  g_test_add_func ("/core/decode/sll2", test_sll2);
  g_test_add_func ("/core/decode/null", test_null);
  g_test_add_func ("/core/decode/loop", test_loop);
  g_test_add_func ("/core/decode/raw", test_raw);
  g_test_add_func ("/core/decode/linktypes", test_linktypes);
  g_test_add_func ("/core/decode/ipv4-options", test_ipv4_options);
  g_test_add_func ("/core/decode/ipv4-hostile", test_ipv4_hostile);
  g_test_add_func ("/core/decode/ipv4-fragments", test_ipv4_fragments);
  g_test_add_func ("/core/decode/ipv4-tso", test_ipv4_tso);
  g_test_add_func ("/core/decode/wire-length", test_wire_length);
  g_test_add_func ("/core/decode/ipv6-ext-headers", test_ipv6_ext_headers);
  g_test_add_func ("/core/decode/ipv6-fragment", test_ipv6_fragment);
  g_test_add_func ("/core/decode/ipv6-jumbo", test_ipv6_jumbo);
  g_test_add_func ("/core/decode/ipv6-hostile", test_ipv6_hostile);
  g_test_add_func ("/core/decode/tcp-flags", test_tcp_flags);
  g_test_add_func ("/core/decode/tcp-options", test_tcp_options);
  g_test_add_func ("/core/decode/tcp-options-malformed", test_tcp_options_malformed);
  g_test_add_func ("/core/decode/tcp-data-offset", test_tcp_data_offset);
  g_test_add_func ("/core/decode/real-syn", test_real_syn);
  g_test_add_func ("/core/decode/real-data", test_real_data);
  g_test_add_func ("/core/decode/truncated", test_truncated);
  g_test_add_func ("/core/decode/fuzz", test_fuzz);
  g_test_add_func ("/core/decode/address", test_address);

  return g_test_run ();
}
