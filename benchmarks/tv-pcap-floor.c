/* tv-pcap-floor.c: the floor for reading a capture: libpcap reads every
 * frame and the program touches one byte of each TCP header, nothing more.
 * No program that reads the file through libpcap can be faster.
 *
 * usage: tv-pcap-floor FILE     prints "FRAMES frames CHECKSUM"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tv-pcap-floor"
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <pcap/pcap.h>

int
main (int argc, char **argv)
{
  char err[PCAP_ERRBUF_SIZE];
  struct pcap_pkthdr *h;
  const u_char *data;
  uint64_t frames = 0, sum = 0;
  pcap_t *p;
  int r;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s FILE\n", argv[0]);
      return 2;
    }
  p = pcap_open_offline (argv[1], err);
  if (p == NULL)
    {
      fprintf (stderr, "%s\n", err);
      return 1;
    }
  while ((r = pcap_next_ex (p, &h, &data)) == 1)
    {
      frames++;
      if (h->caplen > 47)
        sum += data[47];   /* TCP flags behind Ethernet and a 20-byte IPv4 header */
    }
  if (r == PCAP_ERROR)
    {
      fprintf (stderr, "%s: %s\n", argv[1], pcap_geterr (p));
      pcap_close (p);
      return 1;
    }
  pcap_close (p);
  printf ("%llu frames %llu\n", (unsigned long long) frames, (unsigned long long) sum);
  return 0;
}
