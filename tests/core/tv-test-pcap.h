/* tv-test-pcap.h: writes small synthetic captures for the tests (raw IPv4,
 * one HTTP request and response per connection, handshake to close). */
#pragma once

#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <pcap/pcap.h>

#define TV_TEST_SEGS_PER_CONN 9

/* A raw IPv4 TCP packet (DLT_RAW) into @buf (40 + 256 bytes at least);
 * returns its length. */
static inline guint
tv_test_make_packet (guint8     *buf,
                     guint32     src,
                     guint32     dst,
                     guint16     sport,
                     guint16     dport,
                     guint32     seq,
                     guint32     ack,
                     guint8      flags,
                     const char *payload)
{
  gsize len = payload ? strlen (payload) : 0;

  g_assert (len <= 256);
  memset (buf, 0, 40);
  buf[0] = 0x45;
  buf[2] = (40 + len) >> 8;
  buf[3] = (40 + len) & 0xff;
  buf[8] = 64;
  buf[9] = 6;
  buf[12] = src >> 24; buf[13] = src >> 16; buf[14] = src >> 8; buf[15] = src;
  buf[16] = dst >> 24; buf[17] = dst >> 16; buf[18] = dst >> 8; buf[19] = dst;
  buf[20] = sport >> 8; buf[21] = sport;
  buf[22] = dport >> 8; buf[23] = dport;
  buf[24] = seq >> 24; buf[25] = seq >> 16; buf[26] = seq >> 8; buf[27] = seq;
  buf[28] = ack >> 24; buf[29] = ack >> 16; buf[30] = ack >> 8; buf[31] = ack;
  buf[32] = 5 << 4;
  buf[33] = flags;
  buf[34] = 0xff; buf[35] = 0xff;
  if (len)
    memcpy (buf + 40, payload, len);
  return 40 + len;
}

static inline void
tv_test_write_packet (pcap_dumper_t *dumper,
                      gint64         time_us,
                      guint32        src,
                      guint32        dst,
                      guint16        sport,
                      guint16        dport,
                      guint32        seq,
                      guint32        ack,
                      guint8         flags,
                      const char    *payload)
{
  guint8 buf[40 + 256];
  struct pcap_pkthdr hdr;

  hdr.ts.tv_sec = time_us / 1000000;
  hdr.ts.tv_usec = time_us % 1000000;
  hdr.caplen = hdr.len = tv_test_make_packet (buf, src, dst, sport, dport, seq, ack, flags, payload);
  pcap_dump ((u_char *) dumper, &hdr, buf);
}

#define TV_F_FIN 0x01
#define TV_F_SYN 0x02
#define TV_F_PSH 0x08
#define TV_F_ACK 0x10

/* Writes connection @i: 9 segments, the first at @t_us. */
static inline void
tv_test_write_connection (pcap_dumper_t *d,
                          guint          i,
                          gint64         t_us)
{
  const char *req = "GET /index.html HTTP/1.1\r\nHost: example\r\n\r\n";
  const char *resp = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  guint32 c = (10u << 24) | (i & 0xffff);       /* 10.0.x.y */
  guint32 s = (10u << 24) | (1u << 16) | 1;     /* 10.1.0.1 */
  guint16 cp = 10000 + (i % 50000), sp = 80;
  guint32 cs = 1000 + i, ss = 5000 + i;
  guint32 rl = strlen (req), pl = strlen (resp);

  tv_test_write_packet (d, t_us + 0, c, s, cp, sp, cs, 0, TV_F_SYN, NULL);
  tv_test_write_packet (d, t_us + 10, s, c, sp, cp, ss, cs + 1, TV_F_SYN | TV_F_ACK, NULL);
  tv_test_write_packet (d, t_us + 20, c, s, cp, sp, cs + 1, ss + 1, TV_F_ACK, NULL);
  tv_test_write_packet (d, t_us + 30, c, s, cp, sp, cs + 1, ss + 1, TV_F_PSH | TV_F_ACK, req);
  tv_test_write_packet (d, t_us + 40, s, c, sp, cp, ss + 1, cs + 1 + rl, TV_F_ACK, NULL);
  tv_test_write_packet (d, t_us + 50, s, c, sp, cp, ss + 1, cs + 1 + rl, TV_F_PSH | TV_F_ACK, resp);
  tv_test_write_packet (d, t_us + 60, c, s, cp, sp, cs + 1 + rl, ss + 1 + pl, TV_F_FIN | TV_F_ACK, NULL);
  tv_test_write_packet (d, t_us + 70, s, c, sp, cp, ss + 1 + pl, cs + 2 + rl, TV_F_FIN | TV_F_ACK, NULL);
  tv_test_write_packet (d, t_us + 80, c, s, cp, sp, cs + 2 + rl, ss + 2 + pl, TV_F_ACK, NULL);
}

/* A capture of @n_conns connections, one after the other. */
static inline void
tv_test_write_capture (const char *path,
                       guint       n_conns)
{
  pcap_t *dead = pcap_open_dead (DLT_RAW, 65535);
  pcap_dumper_t *d = pcap_dump_open (dead, path);

  g_assert_nonnull (d);
  for (guint i = 0; i < n_conns; i++)
    tv_test_write_connection (d, i, 1700000000000000LL + (gint64) i * 100);
  pcap_dump_close (d);
  pcap_close (dead);
}
