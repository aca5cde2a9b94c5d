/* tv-bench-hostile.c: writes the hostile captures of benchmarks/hostile.sh,
 * headers only (raw IPv4, snap length 40: 56 bytes a frame on disk, the
 * least a TCP segment can take), so that the file is as small as it can be
 * for the memory it asks of a reader.
 *
 * usage: tv-bench-hostile OUT.pcap one-connection N
 *          one connection: a handshake, then N - 3 segments, data (1448
 *          bytes declared) and ACKs in turn, its sequence numbers wrapping
 *          every 2.9 M data segments
 *        tv-bench-hostile OUT.pcap many-connections N
 *          N connections of one SYN each, from N different 4-tuples
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tv-bench-hostile"
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FILE *out;
static uint64_t now_us = UINT64_C (1705312800000000);

static void
le32 (uint8_t *p, uint32_t v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = v >> 24;
}

static void
be32 (uint8_t *p, uint32_t v)
{
  p[0] = v >> 24;
  p[1] = (v >> 16) & 0xff;
  p[2] = (v >> 8) & 0xff;
  p[3] = v & 0xff;
}

static void
frame (uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport,
       uint32_t seq, uint32_t ack, uint8_t flags, uint16_t payload)
{
  uint8_t r[16 + 40] = { 0 };
  uint8_t *ip = r + 16;
  uint16_t total = 40 + payload;

  le32 (r, (uint32_t) (now_us / 1000000));
  le32 (r + 4, (uint32_t) (now_us % 1000000));
  le32 (r + 8, 40);
  le32 (r + 12, total);
  ip[0] = 0x45;
  ip[2] = total >> 8;
  ip[3] = total & 0xff;
  ip[8] = 64;
  ip[9] = 6;
  be32 (ip + 12, src);
  be32 (ip + 16, dst);
  ip[20] = sport >> 8; ip[21] = sport & 0xff;
  ip[22] = dport >> 8; ip[23] = dport & 0xff;
  be32 (ip + 24, seq);
  be32 (ip + 28, ack);
  ip[32] = 0x50;
  ip[33] = flags;
  ip[34] = 0xff; ip[35] = 0xff;
  fwrite (r, 1, sizeof r, out);
  now_us += 10;
}

int
main (int argc, char *argv[])
{
  uint8_t h[24] = { 0 };
  unsigned long long n;

  if (argc != 4 || (strcmp (argv[2], "one-connection") != 0 && strcmp (argv[2], "many-connections") != 0))
    {
      fprintf (stderr, "usage: %s OUT.pcap one-connection|many-connections N\n", argv[0]);
      return 2;
    }
  n = strtoull (argv[3], NULL, 10);
  out = fopen (argv[1], "wb");
  if (out == NULL)
    {
      perror (argv[1]);
      return 1;
    }
  le32 (h, 0xa1b2c3d4);
  h[4] = 2; h[6] = 4;
  le32 (h + 16, 40);
  le32 (h + 20, 101);   /* LINKTYPE_RAW */
  fwrite (h, 1, sizeof h, out);

  if (strcmp (argv[2], "one-connection") == 0)
    {
      const uint32_t c = 0x0a000002, s = 0x0a000001;
      uint32_t cs = 0xfff00000u, ss = 1000;

      frame (c, s, 40000, 80, cs, 0, 0x02, 0);
      frame (s, c, 80, 40000, ss, cs + 1, 0x12, 0);
      cs++; ss++;
      frame (c, s, 40000, 80, cs, ss, 0x10, 0);
      for (unsigned long long i = 3; i < n; i++)
        {
          if (i % 2)
            {
              frame (s, c, 80, 40000, ss, cs, 0x10, 1448);
              ss += 1448;
            }
          else
            frame (c, s, 40000, 80, cs, ss, 0x10, 0);
        }
    }
  else
    {
      for (unsigned long long i = 0; i < n; i++)
        frame (0x0a000000u + 2 + (uint32_t) (i / 60000), 0x0a010001,
               (uint16_t) (1024 + i % 60000), 80, (uint32_t) i * 7919u, 0, 0x02, 0);
    }

  if (fclose (out) != 0)
    {
      perror (argv[1]);
      return 1;
    }
  return 0;
}
