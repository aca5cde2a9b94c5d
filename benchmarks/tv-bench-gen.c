/* tv-bench-gen.c: writes a large synthetic pcap of HTTP/1.1 connections for
 * benchmarks/load.sh: per connection a three-way handshake, a GET, DATA
 * full-size response segments (the client acknowledges every second one),
 * and a four-way close started by the client.  Checksums are correct;
 * timestamps advance 37 µs a frame.  The output depends only on the
 * arguments.
 *
 * usage: tv-bench-gen OUT.pcap CONNECTIONS [DATA_SEGMENTS]   (default 2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tv-bench-gen"
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { FIN = 0x01, SYN = 0x02, PSH = 0x08, ACK = 0x10 };
enum { MSS = 1448 };

static FILE *out;
static uint64_t now_us = UINT64_C (1705312800000000);   /* 2024-01-15 10:00 UTC */
static uint64_t n_frames;

static void
be16 (uint8_t *p, uint16_t v)
{
  p[0] = v >> 8;
  p[1] = v & 0xff;
}

static void
be32 (uint8_t *p, uint32_t v)
{
  p[0] = v >> 24;
  p[1] = (v >> 16) & 0xff;
  p[2] = (v >> 8) & 0xff;
  p[3] = v & 0xff;
}

static uint32_t
sum16 (const uint8_t *p, size_t n, uint32_t s)
{
  for (; n > 1; n -= 2, p += 2)
    s += (uint32_t) p[0] << 8 | p[1];
  if (n)
    s += (uint32_t) p[0] << 8;
  return s;
}

static uint16_t
fold (uint32_t s)
{
  while (s >> 16)
    s = (s & 0xffff) + (s >> 16);
  return (uint16_t) ~s;
}

/* Writes a 32-bit value in this machine's byte order, as pcap wants. */
static void
put_host32 (uint32_t v)
{
  fwrite (&v, 4, 1, out);
}

static void
frame (uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport,
       uint32_t seq, uint32_t ack, uint8_t flags,
       const uint8_t *payload, size_t len)
{
  static const uint8_t eth[14] = {
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x02,   /* destination */
    0x00, 0x00, 0x5e, 0x00, 0x53, 0x01,   /* source */
    0x08, 0x00,
  };
  uint8_t pkt[14 + 20 + 20 + MSS];
  uint8_t *ip = pkt + 14, *tcp = ip + 20, ph[12];
  size_t tcplen = 20 + len, n = 14 + 20 + tcplen;

  memcpy (pkt, eth, 14);
  memset (ip, 0, 40);
  ip[0] = 0x45;
  be16 (ip + 2, 20 + tcplen);
  be16 (ip + 4, (uint16_t) n_frames);
  be16 (ip + 6, 0x4000);
  ip[8] = 64;
  ip[9] = 6;
  be32 (ip + 12, src);
  be32 (ip + 16, dst);
  be16 (ip + 10, fold (sum16 (ip, 20, 0)));

  be16 (tcp, sport);
  be16 (tcp + 2, dport);
  be32 (tcp + 4, seq);
  be32 (tcp + 8, ack);
  tcp[12] = 5 << 4;
  tcp[13] = flags;
  be16 (tcp + 14, 64240);
  if (len > 0)
    memcpy (tcp + 20, payload, len);
  be32 (ph, src);
  be32 (ph + 4, dst);
  ph[8] = 0;
  ph[9] = 6;
  be16 (ph + 10, tcplen);
  be16 (tcp + 16, fold (sum16 (tcp, tcplen, sum16 (ph, 12, 0))));

  now_us += 37;
  n_frames++;
  put_host32 (now_us / 1000000);
  put_host32 (now_us % 1000000);
  put_host32 (n);
  put_host32 (n);
  fwrite (pkt, n, 1, out);
}

int
main (int argc, char **argv)
{
  static const char request[] =
    "GET /index.html HTTP/1.1\r\nHost: bench.example\r\nUser-Agent: tv-bench-gen\r\n\r\n";
  static uint8_t first[MSS], body[MSS];
  long conns, segs;
  int hl;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s OUT.pcap CONNECTIONS [DATA_SEGMENTS]\n", argv[0]);
      return 2;
    }
  conns = atol (argv[2]);
  segs = argc > 3 ? atol (argv[3]) : 2;
  if (conns < 1 || segs < 1)
    {
      fprintf (stderr, "%s: CONNECTIONS and DATA_SEGMENTS must be at least 1\n", argv[0]);
      return 2;
    }
  out = fopen (argv[1], "wb");
  if (out == NULL)
    {
      perror (argv[1]);
      return 1;
    }
  setvbuf (out, NULL, _IOFBF, 1 << 20);

  memset (body, 'x', sizeof body);
  memset (first, 'y', sizeof first);
  hl = snprintf ((char *) first, sizeof first,
                 "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %ld\r\n\r\n",
                 segs * MSS - 0L);
  /* the body is everything after the header */
  hl = snprintf ((char *) first, sizeof first,
                 "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %ld\r\n\r\n",
                 segs * MSS - hl);
  first[hl] = 'y';   /* overwrite snprintf's NUL */

  /* pcap header: version 2.4, snaplen 262144, Ethernet */
  put_host32 (0xa1b2c3d4);
  put_host32 (0x00040002);
  put_host32 (0);
  put_host32 (0);
  put_host32 (262144);
  put_host32 (1);

  for (long i = 0; i < conns; i++)
    {
      /* clients 10.1.x.y, ports 1024-60999; server 10.100.0.1:80 */
      uint32_t cip = 0x0a010000u | (uint32_t) ((i / 59976) % 65000 + 2);
      uint32_t sip = 0x0a640001u;
      uint16_t cp = 1024 + i % 59976, sp = 80;
      uint32_t c = (uint32_t) i * 2654435761u, s = (uint32_t) i * 40503u + 12345u;
      size_t rl = sizeof request - 1;

      frame (cip, sip, cp, sp, c, 0, SYN, NULL, 0);
      frame (sip, cip, sp, cp, s, c + 1, SYN | ACK, NULL, 0);
      frame (cip, sip, cp, sp, c + 1, s + 1, ACK, NULL, 0);
      frame (cip, sip, cp, sp, c + 1, s + 1, PSH | ACK, (const uint8_t *) request, rl);
      c += 1 + rl;
      s += 1;
      for (long k = 0; k < segs; k++)
        {
          frame (sip, cip, sp, cp, s, c, ACK | (k == segs - 1 ? PSH : 0), k ? body : first, MSS);
          s += MSS;
          if (k % 2 == 1 || k == segs - 1)
            frame (cip, sip, cp, sp, c, s, ACK, NULL, 0);
        }
      frame (cip, sip, cp, sp, c, s, FIN | ACK, NULL, 0);
      frame (sip, cip, sp, cp, s, c + 1, ACK, NULL, 0);
      frame (sip, cip, sp, cp, s, c + 1, FIN | ACK, NULL, 0);
      frame (cip, sip, cp, sp, c + 1, s + 1, ACK, NULL, 0);
    }

  if (fclose (out) != 0)
    {
      perror (argv[1]);
      return 1;
    }
  fprintf (stderr, "%s: %ld connections, %llu frames\n", argv[1], conns,
           (unsigned long long) n_frames);
  return 0;
}
