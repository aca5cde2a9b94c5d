/* tv-gen-captures.c: writes TcpViz's synthetic test captures.
 *
 * Every file has exactly known contents: fixed addresses, ports, initial
 * sequence numbers, timestamps and payloads, correct IPv4 header and TCP
 * checksums.  Running the program twice writes the same bytes, so the files
 * committed in tests/captures/ can be checked against a fresh run
 * (the captures-reproducible test).  tests/captures/README.md describes
 * what is in each file.
 *
 * usage: tv-gen-captures OUTPUT_DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tv-gen-captures"
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif
#ifndef DLT_IPV6
#define DLT_IPV6 229
#endif
#ifndef DLT_LOOP
#define DLT_LOOP 108
#endif

/* 2024-01-15 10:00:00 UTC: every capture starts here. */
#define BASE_TIME_S G_GINT64_CONSTANT (1705312800)

enum {
  FIN = 0x01,
  SYN = 0x02,
  RST = 0x04,
  PSH = 0x08,
  ACK = 0x10,
};

enum {
  C2S = 0,   /* client to server */
  S2C = 1,   /* server to client */
};

typedef enum {
  FMT_PCAP_US,
  FMT_PCAP_NS,
  FMT_PCAPNG,
  FMT_PCAPNG_NS,     /* pcapng with if_tsresol 9 */
} Format;

typedef enum {
  VLAN_NONE,
  VLAN_DOT1Q,
  VLAN_QINQ,
} Vlan;

/* One output file. */
typedef struct {
  char          *path;
  int            linktype;
  Format         format;
  guint32        snaplen;
  Vlan           vlan;
  guint32        null_af6;     /* family value for IPv6 in DLT_NULL */
  guint32        extra_ns;     /* added to every frame's time (nanosecond files) */
  pcap_t        *pd;
  pcap_dumper_t *dumper;
  FILE          *ng;
  gint64         t_ns;         /* time of the last frame */
  guint          n_frames;
} Gen;

/* One TCP connection, as the generator's helpers send it. */
typedef struct {
  int      family;             /* 4 or 6 */
  guint8   addr[2][16];        /* [C2S] client, [S2C] server */
  guint8   mac[2][6];
  guint16  port[2];
  guint32  nxt[2];             /* next sequence number each side sends */
  guint16  win[2];             /* raw window each side advertises */
  guint16  ipid[2];
  guint8   ttl[2];

  /* TCP options */
  gboolean opt_ts;             /* timestamps on every segment */
  gboolean opt_ws;             /* window scale on SYN / SYN-ACK */
  gboolean opt_sack_perm;      /* SACK permitted on SYN / SYN-ACK */
  guint8   wscale[2];
  guint16  mss[2];
  guint32  ts_base[2];         /* TSval clock (ms) at BASE_TIME_S */
  guint32  ts_recent[2];       /* last TSval each side received */
  guint    n_sack;             /* SACK blocks on the next segment */
  guint32  sack[3][2];

  /* IP layer extras */
  gboolean ip_options;         /* IPv4: NOP + record route on every packet */
  gboolean ip6_ext;            /* IPv6: hop-by-hop + destination options */
} Conn;

static void
put16 (guint8 *p, guint16 v)
{
  p[0] = v >> 8;
  p[1] = v & 0xff;
}

static void
put32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = (v >> 16) & 0xff;
  p[2] = (v >> 8) & 0xff;
  p[3] = v & 0xff;
}

static void
put32le (guint8 *p, guint32 v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = v >> 24;
}

static guint32
csum_add (guint32 sum, const guint8 *p, gsize n)
{
  for (; n > 1; n -= 2, p += 2)
    sum += (guint32) p[0] << 8 | p[1];
  if (n)
    sum += (guint32) p[0] << 8;
  return sum;
}

static guint16
csum_fold (guint32 sum)
{
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

/* ---- output files ------------------------------------------------------ */

static void
ng_block (Gen *g, guint32 type, const guint8 *body, gsize body_len)
{
  guint8 hdr[8], trailer[4];
  guint32 total = 12 + body_len;

  g_assert (body_len % 4 == 0);
  put32le (hdr, type);
  put32le (hdr + 4, total);
  put32le (trailer, total);
  fwrite (hdr, 1, 8, g->ng);
  fwrite (body, 1, body_len, g->ng);
  fwrite (trailer, 1, 4, g->ng);
}

/* Appends a pcapng option (code, length, value padded to 4). */
static void
ng_option (GByteArray *b, guint16 code, const void *value, guint16 len)
{
  guint8 h[4] = { code & 0xff, code >> 8, len & 0xff, len >> 8 };
  static const guint8 zero[4] = { 0 };

  g_byte_array_append (b, h, 4);
  if (len > 0)
    g_byte_array_append (b, value, len);
  if (len % 4)
    g_byte_array_append (b, zero, 4 - len % 4);
}

static void
gen_open (Gen        *g,
          const char *dir,
          const char *name,
          int         linktype,
          Format      format,
          guint32     snaplen)
{
  memset (g, 0, sizeof *g);
  g->path = g_build_filename (dir, name, NULL);
  g->linktype = linktype;
  g->format = format;
  g->snaplen = snaplen;
  g->null_af6 = 30;  /* macOS's AF_INET6 */
  g->t_ns = BASE_TIME_S * G_GINT64_CONSTANT (1000000000);

  if (format == FMT_PCAPNG || format == FMT_PCAPNG_NS)
    {
      g_autoptr(GByteArray) shb = g_byte_array_new ();
      g_autoptr(GByteArray) idb = g_byte_array_new ();
      guint8 tmp[16];
      const char *appl = "tv-gen-captures (TcpViz test suite)";
      const char *ifname = "eth0";
      guint8 tsresol = format == FMT_PCAPNG_NS ? 9 : 6;

      g->ng = fopen (g->path, "wb");
      if (g->ng == NULL)
        g_error ("Cannot write %s: %s", g->path, g_strerror (errno));

      put32le (tmp, 0x1A2B3C4D);       /* byte-order magic */
      tmp[4] = 1; tmp[5] = 0;          /* major version 1 */
      tmp[6] = 0; tmp[7] = 0;          /* minor version 0 */
      memset (tmp + 8, 0xff, 8);       /* section length: unknown */
      g_byte_array_append (shb, tmp, 16);
      ng_option (shb, 4, appl, strlen (appl));   /* shb_userappl */
      ng_option (shb, 0, NULL, 0);
      ng_block (g, 0x0A0D0D0A, shb->data, shb->len);

      tmp[0] = linktype & 0xff; tmp[1] = linktype >> 8;
      tmp[2] = 0; tmp[3] = 0;
      put32le (tmp + 4, snaplen);
      g_byte_array_append (idb, tmp, 8);
      ng_option (idb, 2, ifname, strlen (ifname)); /* if_name */
      ng_option (idb, 9, &tsresol, 1);             /* if_tsresol: µs or ns */
      ng_option (idb, 0, NULL, 0);
      ng_block (g, 1, idb->data, idb->len);
      return;
    }

  g->pd = pcap_open_dead_with_tstamp_precision (linktype, snaplen,
                                                format == FMT_PCAP_NS
                                                ? PCAP_TSTAMP_PRECISION_NANO
                                                : PCAP_TSTAMP_PRECISION_MICRO);
  if (g->pd == NULL)
    g_error ("pcap_open_dead failed for link type %d", linktype);
  g->dumper = pcap_dump_open (g->pd, g->path);
  if (g->dumper == NULL)
    g_error ("Cannot write %s: %s", g->path, pcap_geterr (g->pd));
}

static void
gen_close (Gen *g)
{
  if (g->dumper != NULL)
    {
      pcap_dump_close (g->dumper);
      pcap_close (g->pd);
    }
  if (g->ng != NULL)
    fclose (g->ng);
  g_print ("%s: %u frames\n", g->path, g->n_frames);
  g_free (g->path);
}

/* Writes one frame of @len bytes at the generator's current time. */
static void
gen_write (Gen *g, const guint8 *data, gsize len)
{
  guint32 caplen = MIN (len, g->snaplen);
  gint64 sec = g->t_ns / 1000000000;
  gint64 frac_ns = g->t_ns % 1000000000;

  g->n_frames++;

  if (g->format == FMT_PCAPNG || g->format == FMT_PCAPNG_NS)
    {
      g_autoptr(GByteArray) epb = g_byte_array_new ();
      guint64 ts = g->format == FMT_PCAPNG_NS ? (guint64) g->t_ns : (guint64) g->t_ns / 1000;
      guint8 tmp[20];
      static const guint8 zero[4] = { 0 };

      put32le (tmp, 0);                      /* interface 0 */
      put32le (tmp + 4, ts >> 32);
      put32le (tmp + 8, ts & 0xffffffff);
      put32le (tmp + 12, caplen);
      put32le (tmp + 16, len);
      g_byte_array_append (epb, tmp, 20);
      g_byte_array_append (epb, data, caplen);
      if (caplen % 4)
        g_byte_array_append (epb, zero, 4 - caplen % 4);
      if (g->n_frames == 1)
        {
          const char *comment = "client SYN";
          ng_option (epb, 1, comment, strlen (comment));  /* opt_comment */
          ng_option (epb, 0, NULL, 0);
        }
      ng_block (g, 6, epb->data, epb->len);
      return;
    }

  {
    struct pcap_pkthdr h;

    memset (&h, 0, sizeof h);
    h.ts.tv_sec = sec;
    h.ts.tv_usec = g->format == FMT_PCAP_NS ? frac_ns : frac_ns / 1000;
    h.caplen = caplen;
    h.len = len;
    pcap_dump ((u_char *) g->dumper, &h, data);
  }
}

/* ---- packets ----------------------------------------------------------- */

typedef struct {
  int            dir;
  guint8         flags;
  guint32        seq, ack;
  const guint8  *data;
  gsize          len;
} Seg;

static gsize
build_tcp_options (Conn *c, const Seg *s, guint32 tsval, guint8 *o)
{
  gsize n = 0;
  int d = s->dir;

  if (s->flags & SYN)
    {
      o[n++] = 2; o[n++] = 4; put16 (o + n, c->mss[d]); n += 2;
      if (c->opt_ts)
        {
          /* Linux's order: MSS, SACK_PERM, TS, NOP, WS */
          if (c->opt_sack_perm)
            {
              o[n++] = 4; o[n++] = 2;
            }
          else
            {
              o[n++] = 1; o[n++] = 1;
            }
          o[n++] = 8; o[n++] = 10;
          put32 (o + n, tsval); put32 (o + n + 4, (s->flags & ACK) ? c->ts_recent[d] : 0);
          n += 8;
          if (c->opt_ws)
            {
              o[n++] = 1; o[n++] = 3; o[n++] = 3; o[n++] = c->wscale[d];
            }
        }
      else
        {
          if (c->opt_ws)
            {
              o[n++] = 1; o[n++] = 3; o[n++] = 3; o[n++] = c->wscale[d];
            }
          if (c->opt_sack_perm)
            {
              o[n++] = 1; o[n++] = 1; o[n++] = 4; o[n++] = 2;
            }
        }
      return n;
    }

  if (c->opt_ts && !(s->flags & RST))
    {
      o[n++] = 1; o[n++] = 1; o[n++] = 8; o[n++] = 10;
      put32 (o + n, tsval); put32 (o + n + 4, c->ts_recent[d]);
      n += 8;
    }
  if (c->n_sack > 0)
    {
      o[n++] = 1; o[n++] = 1; o[n++] = 5; o[n++] = 2 + 8 * c->n_sack;
      for (guint i = 0; i < c->n_sack; i++)
        {
          put32 (o + n, c->sack[i][0]);
          put32 (o + n + 4, c->sack[i][1]);
          n += 8;
        }
    }
  g_assert (n % 4 == 0 && n <= 40);
  return n;
}

/* Builds the IP packet (header, extension headers or options, TCP) into
 * @out and returns its length. */
static gsize
build_ip (Gen *g, Conn *c, const Seg *s, guint8 *out)
{
  int d = s->dir;
  guint8 tcp[60 + 2048];
  gsize thl, tcplen, iphl, n;
  guint32 tsval, sum;
  gint64 ms = (g->t_ns - BASE_TIME_S * G_GINT64_CONSTANT (1000000000)) / 1000000;

  g_assert (s->len <= 2048);
  tsval = c->ts_base[d] + (guint32) ms;

  /* TCP header without checksum */
  memset (tcp, 0, 60);
  put16 (tcp, c->port[d]);
  put16 (tcp + 2, c->port[!d]);
  put32 (tcp + 4, s->seq);
  put32 (tcp + 8, s->ack);
  thl = 20 + build_tcp_options (c, s, tsval, tcp + 20);
  tcp[12] = (thl / 4) << 4;
  tcp[13] = s->flags;
  put16 (tcp + 14, (s->flags & RST) ? 0 : c->win[d]);   /* Linux: RST has window 0 */
  if (s->len > 0)
    memcpy (tcp + thl, s->data, s->len);
  tcplen = thl + s->len;

  if (c->opt_ts)
    c->ts_recent[!d] = tsval;

  if (c->family == 4)
    {
      guint8 *ip = out;
      iphl = c->ip_options ? 32 : 20;
      memset (ip, 0, iphl);
      ip[0] = 0x40 | (iphl / 4);
      put16 (ip + 2, iphl + tcplen);
      put16 (ip + 4, c->ipid[d]++);
      put16 (ip + 6, 0x4000);           /* DF */
      ip[8] = c->ttl[d];
      ip[9] = 6;
      memcpy (ip + 12, c->addr[d], 4);
      memcpy (ip + 16, c->addr[!d], 4);
      if (c->ip_options)
        {
          /* NOP, then record route with room for two addresses, both empty */
          ip[20] = 1;
          ip[21] = 7; ip[22] = 11; ip[23] = 4;
        }
      put16 (ip + 10, csum_fold (csum_add (0, ip, iphl)));

      /* pseudo header */
      {
        guint8 ph[12];
        memcpy (ph, c->addr[d], 4);
        memcpy (ph + 4, c->addr[!d], 4);
        ph[8] = 0; ph[9] = 6; put16 (ph + 10, tcplen);
        sum = csum_add (0, ph, 12);
      }
      n = iphl;
    }
  else
    {
      guint8 *ip = out;
      gsize ext = c->ip6_ext ? 16 : 0;
      memset (ip, 0, 40 + ext);
      put32 (ip, 0x60000000);
      put16 (ip + 4, ext + tcplen);
      ip[6] = c->ip6_ext ? 0 : 6;       /* next header: hop-by-hop or TCP */
      ip[7] = c->ttl[d];
      memcpy (ip + 8, c->addr[d], 16);
      memcpy (ip + 24, c->addr[!d], 16);
      if (c->ip6_ext)
        {
          guint8 *h = ip + 40;
          /* hop-by-hop: router alert (MLD = 0), PadN(0) */
          h[0] = 60; h[1] = 0;
          h[2] = 5; h[3] = 2; h[4] = 0; h[5] = 0;
          h[6] = 1; h[7] = 0;
          /* destination options: PadN(4) */
          h[8] = 6; h[9] = 0;
          h[10] = 1; h[11] = 4;
        }
      {
        guint8 ph[40];
        memcpy (ph, c->addr[d], 16);
        memcpy (ph + 16, c->addr[!d], 16);
        put32 (ph + 32, tcplen);
        ph[36] = 0; ph[37] = 0; ph[38] = 0; ph[39] = 6;
        sum = csum_add (0, ph, 40);
      }
      n = 40 + ext;
    }

  put16 (tcp + 16, csum_fold (csum_add (sum, tcp, tcplen)));
  memcpy (out + n, tcp, tcplen);
  return n + tcplen;
}

/* Wraps @ip in the file's link-layer header. */
static gsize
build_link (Gen *g, Conn *c, int d, const guint8 *ip, gsize iplen, guint8 *out)
{
  guint16 ethertype = c->family == 4 ? 0x0800 : 0x86dd;
  gsize n = 0;

  switch (g->linktype)
    {
    case DLT_EN10MB:
      memcpy (out, c->mac[!d], 6);
      memcpy (out + 6, c->mac[d], 6);
      n = 12;
      if (g->vlan == VLAN_QINQ)
        {
          put16 (out + n, 0x88a8); put16 (out + n + 2, 200);  /* S-tag, VID 200 */
          n += 4;
        }
      if (g->vlan != VLAN_NONE)
        {
          put16 (out + n, 0x8100); put16 (out + n + 2, 100);  /* C-tag, VID 100 */
          n += 4;
        }
      put16 (out + n, ethertype);
      n += 2;
      break;

    case DLT_LINUX_SLL:
      /* captured on the client: what it sends is outgoing (4), what it
       * receives is addressed to this host (0) */
      memset (out, 0, 16);
      put16 (out, d == C2S ? 4 : 0);
      put16 (out + 2, 1);               /* ARPHRD_ETHER */
      put16 (out + 4, 6);
      memcpy (out + 6, c->mac[d], 6);
      put16 (out + 14, ethertype);
      n = 16;
      break;

    case DLT_LINUX_SLL2:
      memset (out, 0, 20);
      put16 (out, ethertype);
      put32 (out + 4, 2);               /* interface index */
      put16 (out + 8, 1);               /* ARPHRD_ETHER */
      out[10] = d == C2S ? 4 : 0;
      out[11] = 6;
      memcpy (out + 12, c->mac[d], 6);
      n = 20;
      break;

    case DLT_NULL:
      put32le (out, c->family == 4 ? 2 : g->null_af6);
      n = 4;
      break;

    case DLT_LOOP:
      put32 (out, c->family == 4 ? 2 : 24);
      n = 4;
      break;

    case DLT_RAW:
    case DLT_IPV4:
    case DLT_IPV6:
      n = 0;
      break;

    default:
      g_assert_not_reached ();
    }

  memcpy (out + n, ip, iplen);
  return n + iplen;
}

/* Sends one segment with explicit numbers, @dt_us after the previous frame. */
static void
seg (Gen *g, Conn *c, int dir, gint64 dt_us, guint8 flags,
     guint32 seq, guint32 ack, const void *data, gsize len)
{
  Seg s = { dir, flags, seq, ack, data, len };
  guint8 ip[2200], frame[2300];
  gsize iplen, n;

  g->t_ns += dt_us * 1000 + g->extra_ns;
  iplen = build_ip (g, c, &s, ip);
  n = build_link (g, c, dir, ip, iplen, frame);
  gen_write (g, frame, n);
  c->n_sack = 0;
}

/* Sends the next segment of @dir: seq is what that side sends next, ack is
 * everything the other side has sent. */
static void
tx (Gen *g, Conn *c, int dir, gint64 dt_us, guint8 flags, const void *data, gsize len)
{
  guint32 seq = c->nxt[dir];
  guint32 ack = (flags & ACK) ? c->nxt[!dir] : 0;

  seg (g, c, dir, dt_us, flags, seq, ack, data, len);
  c->nxt[dir] += len + ((flags & SYN) ? 1 : 0) + ((flags & FIN) ? 1 : 0);
}

static void
txs (Gen *g, Conn *c, int dir, gint64 dt_us, guint8 flags, const char *text)
{
  tx (g, c, dir, dt_us, flags, text, strlen (text));
}

static void
conn_init (Conn       *c,
           int         family,
           const char *client,
           guint16     cport,
           const char *server,
           guint16     sport,
           guint32     cisn,
           guint32     sisn)
{
  static const guint8 cmac[6] = { 0x00, 0x00, 0x5e, 0x00, 0x53, 0x16 };
  static const guint8 smac[6] = { 0x00, 0x00, 0x5e, 0x00, 0x53, 0x23 };
  int af = family == 4 ? AF_INET : AF_INET6;

  memset (c, 0, sizeof *c);
  c->family = family;
  if (inet_pton (af, client, c->addr[C2S]) != 1 || inet_pton (af, server, c->addr[S2C]) != 1)
    g_error ("bad address");
  memcpy (c->mac[C2S], cmac, 6);
  memcpy (c->mac[S2C], smac, 6);
  c->port[C2S] = cport;
  c->port[S2C] = sport;
  c->nxt[C2S] = cisn;
  c->nxt[S2C] = sisn;
  c->win[C2S] = 64240;
  c->win[S2C] = 65160;
  c->ipid[C2S] = 0x4d2e;
  c->ipid[S2C] = 0x0000;
  c->ttl[C2S] = 64;
  c->ttl[S2C] = 64;
  c->opt_ts = TRUE;
  c->opt_ws = TRUE;
  c->opt_sack_perm = TRUE;
  c->wscale[C2S] = 7;
  c->wscale[S2C] = 7;
  c->mss[C2S] = family == 4 ? 1460 : 1440;
  c->mss[S2C] = family == 4 ? 1460 : 1440;
  c->ts_base[C2S] = 3055812100u;
  c->ts_base[S2C] = 1288410077u;
}

/* SYN, SYN-ACK after @rtt_us, ACK; afterwards both windows are the
 * scaled-down Linux defaults (502 and 509 with shift 7). */
static void
handshake (Gen *g, Conn *c, gint64 dt_us, gint64 rtt_us)
{
  tx (g, c, C2S, dt_us, SYN, NULL, 0);
  tx (g, c, S2C, rtt_us, SYN | ACK, NULL, 0);
  if (c->opt_ws)
    {
      c->win[C2S] = 502;
      c->win[S2C] = 509;
    }
  tx (g, c, C2S, 41, ACK, NULL, 0);
}

/* Four-way close started by @first. */
static void
close4 (Gen *g, Conn *c, int first, gint64 dt_us, gint64 rtt_us)
{
  tx (g, c, first, dt_us, FIN | ACK, NULL, 0);
  tx (g, c, !first, rtt_us, ACK, NULL, 0);
  tx (g, c, !first, 35, FIN | ACK, NULL, 0);
  tx (g, c, first, rtt_us, ACK, NULL, 0);
}

/* ---- payloads ---------------------------------------------------------- */

static const char textbook_request[] =
  "GET / HTTP/1.1\r\n"
  "Host: 192.168.1.123:7788\r\n"
  "User-Agent: curl/7.88.1\r\n"
  "Accept: */*\r\n"
  "\r\n";

static const char textbook_body[] =
  "<!DOCTYPE html>\n"
  "<html><head><title>TcpViz</title></head>\n"
  "<body><h1>Hello, TCP!</h1></body></html>\n";

static char *
textbook_response (void)
{
  return g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                          "Server: SimpleHTTP/0.6 Python/3.11.2\r\n"
                          "Date: Mon, 15 Jan 2024 10:00:00 GMT\r\n"
                          "Content-Type: text/html\r\n"
                          "Content-Length: %zu\r\n"
                          "\r\n"
                          "%s",
                          strlen (textbook_body), textbook_body);
}

/* Fills @buf with @len bytes of readable filler text starting at @offset. */
static void
filler (guint8 *buf, gsize len, gsize offset)
{
  static const char text[] = "The quick brown fox jumps over the lazy dog. ";
  for (gsize i = 0; i < len; i++)
    buf[i] = text[(offset + i) % (sizeof text - 1)];
}

/* Fills @buf with an HTTP response of exactly @total bytes: header, then
 * filler text as the body. */
static void
http_response_fill (guint8 *buf, gsize total)
{
  g_autofree char *header = NULL;
  gsize body = total;

  /* the header's length depends on the digits of the body's */
  for (int i = 0; i < 3; i++)
    {
      g_free (header);
      header = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                "Content-Type: text/plain\r\n"
                                "Content-Length: %zu\r\n"
                                "\r\n", body);
      body = total - strlen (header);
    }
  g_assert (strlen (header) + body == total);
  memcpy (buf, header, strlen (header));
  filler (buf + strlen (header), body, 0);
}

/* ---- the textbook connection ------------------------------------------- */

#define TEXTBOOK_CLIENT_ISN 3626544836u
#define TEXTBOOK_SERVER_ISN 1739326486u

static void
textbook_conn_init (Conn *c, int family)
{
  if (family == 4)
    conn_init (c, 4, "192.168.1.116", 3337, "192.168.1.123", 7788,
               TEXTBOOK_CLIENT_ISN, TEXTBOOK_SERVER_ISN);
  else
    conn_init (c, 6, "2001:db8:1::116", 3337, "2001:db8:1::123", 7788,
               TEXTBOOK_CLIENT_ISN, TEXTBOOK_SERVER_ISN);
}

/* 11 frames: handshake, GET, ACK, 200 OK, ACK, four-way close by the client. */
static void
textbook (Gen *g, Conn *c)
{
  g_autofree char *response = textbook_response ();

  handshake (g, c, 0, 612);                        /* 1-3 */
  txs (g, c, C2S, 95, PSH | ACK, textbook_request); /* 4 */
  tx (g, c, S2C, 1180, ACK, NULL, 0);               /* 5 */
  txs (g, c, S2C, 310, PSH | ACK, response);        /* 6 */
  tx (g, c, C2S, 44, ACK, NULL, 0);                 /* 7 */
  close4 (g, c, C2S, 2150, 1090);                   /* 8-11 */
}

static void
write_textbook (const char *dir, const char *name, int linktype, Format format,
                guint32 snaplen, int family, Vlan vlan)
{
  Gen g;
  Conn c;

  gen_open (&g, dir, name, linktype, format, snaplen);
  g.vlan = vlan;
  if (format == FMT_PCAP_NS || format == FMT_PCAPNG_NS)
    g.extra_ns = 123;
  textbook_conn_init (&c, family);
  textbook (&g, &c);
  gen_close (&g);
}

/* ---- post-processing --------------------------------------------------- */

static guint8 *
read_all (const char *path, gsize *len)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  if (!g_file_get_contents (path, &data, len, &error))
    g_error ("%s", error->message);
  return (guint8 *) data;
}

static void
write_all (const char *path, const guint8 *data, gsize len)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, (const char *) data, len, &error))
    g_error ("%s", error->message);
}

static void
swap32_at (guint8 *p)
{
  guint8 t;
  t = p[0]; p[0] = p[3]; p[3] = t;
  t = p[1]; p[1] = p[2]; p[2] = t;
}

static void
swap16_at (guint8 *p)
{
  guint8 t = p[0];
  p[0] = p[1];
  p[1] = t;
}

/* Rewrites a pcap written in this machine's byte order in the other one. */
static void
byteswap_pcap (const char *dir, const char *from, const char *to)
{
  g_autofree char *src = g_build_filename (dir, from, NULL);
  g_autofree char *dst = g_build_filename (dir, to, NULL);
  gsize len, off;
  g_autofree guint8 *d = read_all (src, &len);

  g_assert (len >= 24);
  swap32_at (d);
  swap16_at (d + 4);
  swap16_at (d + 6);
  for (off = 8; off < 24; off += 4)
    swap32_at (d + off);
  off = 24;
  while (off + 16 <= len)
    {
      guint32 caplen;
      memcpy (&caplen, d + off + 8, 4);   /* still in host order */
      for (int i = 0; i < 4; i++)
        swap32_at (d + off + 4 * i);
      off += 16 + caplen;
    }
  g_assert (off == len);
  write_all (dst, d, len);
  g_print ("%s: byte-swapped copy of %s\n", dst, from);
}

static void
copy_truncated (const char *dir, const char *from, const char *to, gsize chop)
{
  g_autofree char *src = g_build_filename (dir, from, NULL);
  g_autofree char *dst = g_build_filename (dir, to, NULL);
  gsize len;
  g_autofree guint8 *d = read_all (src, &len);

  g_assert (len > chop);
  write_all (dst, d, len - chop);
  g_print ("%s: %s without its last %zu bytes\n", dst, from, chop);
}

/* Copies a pcap and writes @linktype into its header. */
static void
copy_with_linktype (const char *dir, const char *from, const char *to, guint32 linktype)
{
  g_autofree char *src = g_build_filename (dir, from, NULL);
  g_autofree char *dst = g_build_filename (dir, to, NULL);
  gsize len;
  g_autofree guint8 *d = read_all (src, &len);

  g_assert (len >= 24);
  memcpy (d + 20, &linktype, 4);   /* host order, like the rest of the header */
  write_all (dst, d, len);
  g_print ("%s: %s with link type %u in its header\n", dst, from, linktype);
}

/* ---- TCP behaviour ----------------------------------------------------- */

static const char short_request[] =
  "GET /index.html HTTP/1.1\r\nHost: www.example.com\r\n\r\n";

static const char short_response[] =
  "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nHello, TCP!\n";

/* Port reuse: the same 4-tuple twice; the first connection ends with a FIN
 * close (@with_rst FALSE) or a client RST. */
static void
write_port_reuse (const char *dir, const char *name, gboolean with_rst)
{
  Gen g;
  Conn c;

  gen_open (&g, dir, name, DLT_EN10MB, FMT_PCAP_US, 262144);

  conn_init (&c, 4, "192.168.1.116", 40000, "192.168.1.123", 80, 1000000000u, 2000000000u);
  handshake (&g, &c, 0, 800);
  txs (&g, &c, C2S, 60, PSH | ACK, short_request);
  txs (&g, &c, S2C, 900, PSH | ACK, short_response);
  tx (&g, &c, C2S, 40, ACK, NULL, 0);
  if (with_rst)
    tx (&g, &c, C2S, 1000, RST | ACK, NULL, 0);
  else
    close4 (&g, &c, C2S, 1000, 800);

  /* the same ports again 1.5 s later, new ISNs */
  c.nxt[C2S] = 1500000000u;
  c.nxt[S2C] = 2500000000u;
  c.win[C2S] = 64240;
  c.win[S2C] = 65160;
  handshake (&g, &c, 1500000, 800);
  txs (&g, &c, C2S, 60, PSH | ACK, short_request);
  txs (&g, &c, S2C, 900, PSH | ACK, short_response);
  tx (&g, &c, C2S, 40, ACK, NULL, 0);
  close4 (&g, &c, C2S, 1000, 800);
  gen_close (&g);
}

static void
write_refused (const char *dir)
{
  Gen g;
  Conn c;

  gen_open (&g, dir, "tcp-refused.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
  conn_init (&c, 4, "192.168.1.116", 40001, "192.168.1.123", 81, 3000000000u, 0);
  tx (&g, &c, C2S, 0, SYN, NULL, 0);
  /* the server's RST-ACK: seq 0, ack ISN + 1, window 0, no options */
  c.opt_ts = FALSE;
  seg (&g, &c, S2C, 350, RST | ACK, 0, c.nxt[C2S], NULL, 0);
  gen_close (&g);
}

static void
write_simultaneous_open (const char *dir)
{
  Gen g;
  Conn c;
  guint32 a = 111111111u, b = 222222222u;

  gen_open (&g, dir, "tcp-simultaneous-open.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
  conn_init (&c, 4, "192.168.1.116", 5000, "192.168.1.123", 6000, a, b);
  tx (&g, &c, C2S, 0, SYN, NULL, 0);                      /* A: SYN */
  tx (&g, &c, S2C, 20, SYN, NULL, 0);                     /* B: SYN, crossing */
  seg (&g, &c, C2S, 500, SYN | ACK, a, b + 1, NULL, 0);   /* A: SYN-ACK */
  seg (&g, &c, S2C, 20, SYN | ACK, b, a + 1, NULL, 0);    /* B: SYN-ACK */
  c.win[C2S] = 502;
  c.win[S2C] = 509;
  txs (&g, &c, C2S, 600, PSH | ACK, "hello\n");
  tx (&g, &c, S2C, 500, ACK, NULL, 0);
  close4 (&g, &c, C2S, 1000, 500);
  gen_close (&g);
}

static void
write_simultaneous_close (const char *dir)
{
  Gen g;
  Conn c;
  guint32 x, y;

  gen_open (&g, dir, "tcp-simultaneous-close.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
  conn_init (&c, 4, "192.168.1.116", 40002, "192.168.1.123", 80, 400000000u, 500000000u);
  handshake (&g, &c, 0, 700);
  txs (&g, &c, C2S, 60, PSH | ACK, short_request);
  txs (&g, &c, S2C, 800, PSH | ACK, short_response);
  tx (&g, &c, C2S, 40, ACK, NULL, 0);
  /* both FINs cross: neither acknowledges the other's FIN */
  x = c.nxt[C2S];
  y = c.nxt[S2C];
  seg (&g, &c, C2S, 1000, FIN | ACK, x, y, NULL, 0);
  seg (&g, &c, S2C, 15, FIN | ACK, y, x, NULL, 0);
  seg (&g, &c, C2S, 700, ACK, x + 1, y + 1, NULL, 0);
  seg (&g, &c, S2C, 15, ACK, y + 1, x + 1, NULL, 0);
  gen_close (&g);
}

static void
write_retransmission (const char *dir)
{
  Gen g;
  Conn c;
  guint32 seq;

  gen_open (&g, dir, "tcp-retransmission.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
  conn_init (&c, 4, "192.168.1.116", 40003, "192.168.1.123", 80, 700000000u, 800000000u);
  handshake (&g, &c, 0, 900);
  seq = c.nxt[C2S];
  txs (&g, &c, C2S, 60, PSH | ACK, short_request);            /* lost */
  seg (&g, &c, C2S, 204000, PSH | ACK, seq, c.nxt[S2C],
       short_request, strlen (short_request));                 /* RTO 204 ms */
  seg (&g, &c, C2S, 408000, PSH | ACK, seq, c.nxt[S2C],
       short_request, strlen (short_request));                 /* backoff: 408 ms */
  tx (&g, &c, S2C, 900, ACK, NULL, 0);
  txs (&g, &c, S2C, 200, PSH | ACK, short_response);
  tx (&g, &c, C2S, 40, ACK, NULL, 0);
  close4 (&g, &c, C2S, 1000, 900);
  gen_close (&g);
}

static void
write_fast_retransmission (const char *dir)
{
  Gen g;
  Conn c;
  guint8 data[5][1448];
  guint32 s0, ack;
  int i;

  http_response_fill (&data[0][0], sizeof data);

  /* captured at the server, which sends five full segments; the second is
   * lost after the capture point */
  gen_open (&g, dir, "tcp-fast-retransmission.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
  conn_init (&c, 4, "192.168.1.116", 40004, "192.168.1.123", 80, 900000000u, 1000000000u);
  handshake (&g, &c, 0, 1000);
  txs (&g, &c, C2S, 60, PSH | ACK, short_request);
  s0 = c.nxt[S2C];
  ack = c.nxt[C2S];
  for (i = 0; i < 5; i++)
    {
      tx (&g, &c, S2C, i == 0 ? 300 : 12, i == 4 ? PSH | ACK : ACK, data[i], 1448);
    }
  /* the client acks segment 1, then SACKs 3, 3-4, 3-5 */
  seg (&g, &c, C2S, 1000 - 48, ACK, ack, s0 + 1448, NULL, 0);
  for (i = 3; i <= 5; i++)
    {
      c.n_sack = 1;
      c.sack[0][0] = s0 + 2 * 1448;
      c.sack[0][1] = s0 + i * 1448;
      seg (&g, &c, C2S, 12, ACK, ack, s0 + 1448, NULL, 0);
    }
  /* fast retransmission of segment 2 */
  seg (&g, &c, S2C, 30, ACK, s0 + 1448, ack, data[1], 1448);
  seg (&g, &c, C2S, 1000, ACK, ack, s0 + 5 * 1448, NULL, 0);
  close4 (&g, &c, C2S, 1000, 1000);
  gen_close (&g);
}

static void
write_zero_window (const char *dir)
{
  Gen g;
  Conn c;
  guint8 data[5][1024];
  guint32 probe_seq, ack;
  int i;

  http_response_fill (&data[0][0], sizeof data);

  /* captured at the server; no window scaling, the client's receive buffer
   * is 4096 bytes and its application stops reading */
  gen_open (&g, dir, "tcp-zero-window.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
  conn_init (&c, 4, "192.168.1.116", 40005, "192.168.1.123", 80, 1100000000u, 1200000000u);
  c.opt_ws = FALSE;
  c.win[C2S] = 4096;
  handshake (&g, &c, 0, 600);
  txs (&g, &c, C2S, 60, PSH | ACK, short_request);
  for (i = 0; i < 4; i++)
    {
      tx (&g, &c, S2C, i == 0 ? 300 : 10, ACK, data[i], 1024);   /* 4th: window full */
    }
  c.win[C2S] = 0;
  tx (&g, &c, C2S, 600, ACK, NULL, 0);                          /* zero window */
  probe_seq = c.nxt[S2C];
  ack = c.nxt[C2S];
  seg (&g, &c, S2C, 200000, ACK, probe_seq, ack, data[4], 1);  /* probe */
  seg (&g, &c, C2S, 600, ACK, ack, probe_seq, NULL, 0);         /* still zero */
  seg (&g, &c, S2C, 400000, ACK, probe_seq, ack, data[4], 1);  /* probe again */
  seg (&g, &c, C2S, 600, ACK, ack, probe_seq, NULL, 0);
  c.win[C2S] = 4096;
  seg (&g, &c, C2S, 150000, ACK, ack, probe_seq, NULL, 0);      /* window update */
  tx (&g, &c, S2C, 600, PSH | ACK, data[4], 1024);
  tx (&g, &c, C2S, 600, ACK, NULL, 0);
  close4 (&g, &c, S2C, 1000, 600);
  gen_close (&g);
}

static void
write_keepalive (const char *dir)
{
  Gen g;
  Conn c;
  static const guint8 garbage = 0;

  gen_open (&g, dir, "tcp-keepalive.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
  conn_init (&c, 4, "192.168.1.116", 40006, "192.168.1.123", 80, 1300000000u, 1400000000u);
  handshake (&g, &c, 0, 700);
  txs (&g, &c, C2S, 60, PSH | ACK, short_request);
  txs (&g, &c, S2C, 800, PSH | ACK, short_response);
  tx (&g, &c, C2S, 40, ACK, NULL, 0);
  /* Linux style keep-alive after 45 s idle: seq = next - 1, no data */
  seg (&g, &c, C2S, 45000000, ACK, c.nxt[C2S] - 1, c.nxt[S2C], NULL, 0);
  tx (&g, &c, S2C, 700, ACK, NULL, 0);
  /* Windows style, 45 s later: seq = next - 1 with one garbage byte */
  seg (&g, &c, C2S, 45000000, ACK, c.nxt[C2S] - 1, c.nxt[S2C], &garbage, 1);
  tx (&g, &c, S2C, 700, ACK, NULL, 0);
  close4 (&g, &c, C2S, 5000000, 700);
  gen_close (&g);
}

static void
write_not_captured (const char *dir)
{
  Gen g;
  Conn c;
  guint8 data[5][1000];
  guint32 s0, ack;
  int i;

  /* captured at the client; the server's segments 2 and 4 never reached the
   * capture (a busy monitor port, say), although the client received them */
  gen_open (&g, dir, "tcp-segment-not-captured.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
  conn_init (&c, 4, "192.168.1.116", 40007, "192.168.1.123", 80, 1500000000u, 1600000000u);
  handshake (&g, &c, 0, 700);
  txs (&g, &c, C2S, 60, PSH | ACK, short_request);
  s0 = c.nxt[S2C];
  ack = c.nxt[C2S];
  for (i = 0; i < 5; i++)
    filler (data[i], 1000, i * 1000);
  seg (&g, &c, S2C, 800, ACK, s0, ack, data[0], 1000);                /* 1 */
  /* segment 2 (s0 + 1000) not captured */
  seg (&g, &c, S2C, 30, ACK, s0 + 2000, ack, data[2], 1000);          /* 3 */
  seg (&g, &c, C2S, 40, ACK, ack, s0 + 3000, NULL, 0);
  /* segment 4 (s0 + 3000) not captured, but its ACK is */
  seg (&g, &c, C2S, 70, ACK, ack, s0 + 4000, NULL, 0);
  seg (&g, &c, S2C, 30, PSH | ACK, s0 + 4000, ack, data[4], 1000);    /* 5 */
  seg (&g, &c, C2S, 40, ACK, ack, s0 + 5000, NULL, 0);
  c.nxt[S2C] = s0 + 5000;
  close4 (&g, &c, C2S, 1000, 700);
  gen_close (&g);
}

static void
write_midstream (const char *dir)
{
  Gen g;
  Conn c;
  guint8 data[1448];
  static const char request[] =
    "GET /style.css HTTP/1.1\r\nHost: www.example.com\r\n\r\n";

  /* the capture starts in the middle of a download: no handshake.  The
   * client has the ephemeral port; the first frame is the server's. */
  gen_open (&g, dir, "tcp-midstream.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
  conn_init (&c, 4, "198.51.100.7", 51234, "203.0.113.80", 8080, 2718281828u, 3141592653u);
  c.win[C2S] = 501;
  c.win[S2C] = 509;
  filler (data, sizeof data, 0);
  tx (&g, &c, S2C, 0, ACK, data, 1448);
  tx (&g, &c, S2C, 15, PSH | ACK, data, 700);
  tx (&g, &c, C2S, 40, ACK, NULL, 0);
  txs (&g, &c, C2S, 20000, PSH | ACK, request);
  tx (&g, &c, S2C, 25000, ACK, NULL, 0);
  txs (&g, &c, S2C, 300, PSH | ACK, short_response);
  tx (&g, &c, C2S, 40, ACK, NULL, 0);
  close4 (&g, &c, C2S, 3000, 25000);
  gen_close (&g);
}

static void
write_half_close (const char *dir)
{
  Gen g;
  Conn c;
  guint8 data[3][1448];
  static const char request[] =
    "POST /upload HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello";

  gen_open (&g, dir, "tcp-half-close.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
  conn_init (&c, 4, "192.168.1.116", 40008, "192.168.1.123", 80, 1700000000u, 1800000000u);
  handshake (&g, &c, 0, 600);
  txs (&g, &c, C2S, 60, PSH | ACK, request);
  tx (&g, &c, C2S, 20, FIN | ACK, NULL, 0);           /* shutdown (SHUT_WR) */
  tx (&g, &c, S2C, 600, ACK, NULL, 0);                /* acks data and FIN */
  for (int i = 0; i < 3; i++)
    {
      filler (data[i], 1448, i * 1448);
      if (i == 0)
        memcpy (data[0], "HTTP/1.0 200 OK\r\n\r\n", 19);
      tx (&g, &c, S2C, i == 0 ? 500 : 12, i == 2 ? PSH | ACK : ACK, data[i], 1448);
      if (i > 0)
        tx (&g, &c, C2S, 600, ACK, NULL, 0);
    }
  tx (&g, &c, S2C, 20, FIN | ACK, NULL, 0);
  tx (&g, &c, C2S, 600, ACK, NULL, 0);
  gen_close (&g);
}

static void
write_syn_retransmission (const char *dir)
{
  Gen g;
  Conn c;
  guint32 isn = 1900000000u;

  gen_open (&g, dir, "tcp-syn-retransmission.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
  conn_init (&c, 4, "192.168.1.116", 40009, "192.168.1.123", 80, isn, 2100000000u);
  tx (&g, &c, C2S, 0, SYN, NULL, 0);
  c.nxt[C2S] = isn;
  tx (&g, &c, C2S, 1000000, SYN, NULL, 0);            /* same ISN, 1 s later */
  tx (&g, &c, S2C, 700, SYN | ACK, NULL, 0);
  c.win[C2S] = 502;
  c.win[S2C] = 509;
  tx (&g, &c, C2S, 41, ACK, NULL, 0);
  txs (&g, &c, C2S, 60, PSH | ACK, short_request);
  txs (&g, &c, S2C, 800, PSH | ACK, short_response);
  tx (&g, &c, C2S, 40, ACK, NULL, 0);
  close4 (&g, &c, C2S, 1000, 700);
  gen_close (&g);
}

/* Three connections interleaved, one of them over IPv6, for the tracker's
 * ordering of tcp.stream numbers. */
static void
write_interleaved (const char *dir)
{
  Gen g;
  Conn a, b, c6;

  gen_open (&g, dir, "tcp-interleaved.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
  conn_init (&a, 4, "192.168.1.116", 41000, "192.168.1.123", 80, 10000u, 20000u);
  conn_init (&b, 4, "192.168.1.116", 41001, "192.168.1.123", 80, 30000u, 40000u);
  conn_init (&c6, 6, "2001:db8:1::116", 41002, "2001:db8:1::123", 443, 50000u, 60000u);
  tx (&g, &a, C2S, 0, SYN, NULL, 0);
  tx (&g, &b, C2S, 100, SYN, NULL, 0);
  tx (&g, &a, S2C, 500, SYN | ACK, NULL, 0);
  tx (&g, &c6, C2S, 100, SYN, NULL, 0);
  tx (&g, &b, S2C, 100, SYN | ACK, NULL, 0);
  a.win[C2S] = b.win[C2S] = c6.win[C2S] = 502;
  a.win[S2C] = b.win[S2C] = c6.win[S2C] = 509;
  tx (&g, &a, C2S, 100, ACK, NULL, 0);
  tx (&g, &c6, S2C, 400, SYN | ACK, NULL, 0);
  tx (&g, &b, C2S, 100, ACK, NULL, 0);
  txs (&g, &a, C2S, 50, PSH | ACK, short_request);
  tx (&g, &c6, C2S, 50, ACK, NULL, 0);
  txs (&g, &b, C2S, 50, PSH | ACK, short_request);
  txs (&g, &a, S2C, 500, PSH | ACK, short_response);
  txs (&g, &b, S2C, 50, PSH | ACK, short_response);
  tx (&g, &a, C2S, 40, ACK, NULL, 0);
  tx (&g, &b, C2S, 40, ACK, NULL, 0);
  tx (&g, &c6, C2S, 1000, RST | ACK, NULL, 0);
  close4 (&g, &a, C2S, 1000, 500);
  close4 (&g, &b, S2C, 1000, 500);
  gen_close (&g);
}

/* ---- main -------------------------------------------------------------- */

int
main (int argc, char **argv)
{
  const char *dir;

  if (argc != 2)
    {
      g_printerr ("usage: %s OUTPUT_DIR\n", argv[0]);
      return 2;
    }
  dir = argv[1];
  if (g_mkdir_with_parents (dir, 0755) != 0)
    g_error ("Cannot create %s: %s", dir, g_strerror (errno));

  /* the textbook connection and its file-format variants */
  write_textbook (dir, "textbook-handshake.pcap", DLT_EN10MB, FMT_PCAP_US, 262144, 4, VLAN_NONE);
  write_textbook (dir, "textbook-handshake.pcapng", DLT_EN10MB, FMT_PCAPNG, 262144, 4, VLAN_NONE);
  write_textbook (dir, "textbook-handshake-nsec.pcapng", DLT_EN10MB, FMT_PCAPNG_NS, 262144, 4, VLAN_NONE);
  write_textbook (dir, "textbook-handshake-nsec.pcap", DLT_EN10MB, FMT_PCAP_NS, 262144, 4, VLAN_NONE);
  byteswap_pcap (dir, "textbook-handshake.pcap", "textbook-handshake-bigendian.pcap");
  copy_truncated (dir, "textbook-handshake.pcap", "textbook-handshake-cut.pcap", 20);

  /* snap length 64, and no TCP timestamps so that the headers fit */
  {
    Gen g;
    Conn c;

    gen_open (&g, dir, "textbook-handshake-snaplen64.pcap", DLT_EN10MB, FMT_PCAP_US, 64);
    textbook_conn_init (&c, 4);
    c.opt_ts = FALSE;
    c.opt_ws = FALSE;
    textbook (&g, &c);
    gen_close (&g);
  }

  /* link types */
  write_textbook (dir, "link-sll.pcap", DLT_LINUX_SLL, FMT_PCAP_US, 262144, 4, VLAN_NONE);
  write_textbook (dir, "link-sll2.pcap", DLT_LINUX_SLL2, FMT_PCAP_US, 262144, 4, VLAN_NONE);
  write_textbook (dir, "link-null-ipv4.pcap", DLT_NULL, FMT_PCAP_US, 262144, 4, VLAN_NONE);
  write_textbook (dir, "link-null-ipv6.pcap", DLT_NULL, FMT_PCAP_US, 262144, 6, VLAN_NONE);
  write_textbook (dir, "link-loop.pcap", DLT_LOOP, FMT_PCAP_US, 262144, 4, VLAN_NONE);
  write_textbook (dir, "link-raw.pcap", DLT_RAW, FMT_PCAP_US, 262144, 4, VLAN_NONE);
  copy_with_linktype (dir, "link-raw.pcap", "link-raw-dlt12.pcap", 12);
  write_textbook (dir, "link-ipv4.pcap", DLT_IPV4, FMT_PCAP_US, 262144, 4, VLAN_NONE);
  write_textbook (dir, "link-ipv6.pcap", DLT_IPV6, FMT_PCAP_US, 262144, 6, VLAN_NONE);
  write_textbook (dir, "link-vlan.pcap", DLT_EN10MB, FMT_PCAP_US, 262144, 4, VLAN_DOT1Q);
  write_textbook (dir, "link-qinq.pcap", DLT_EN10MB, FMT_PCAP_US, 262144, 4, VLAN_QINQ);

  /* IP layer variants */
  {
    Gen g;
    Conn c;

    gen_open (&g, dir, "ipv4-options.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
    textbook_conn_init (&c, 4);
    c.ip_options = TRUE;
    textbook (&g, &c);
    gen_close (&g);

    gen_open (&g, dir, "ipv6-ext-headers.pcap", DLT_EN10MB, FMT_PCAP_US, 262144);
    textbook_conn_init (&c, 6);
    c.ip6_ext = TRUE;
    textbook (&g, &c);
    gen_close (&g);
  }

  /* TCP behaviour */
  write_port_reuse (dir, "tcp-port-reuse-fin.pcap", FALSE);
  write_port_reuse (dir, "tcp-port-reuse-rst.pcap", TRUE);
  write_refused (dir);
  write_simultaneous_open (dir);
  write_simultaneous_close (dir);
  write_retransmission (dir);
  write_fast_retransmission (dir);
  write_zero_window (dir);
  write_keepalive (dir);
  write_not_captured (dir);
  write_midstream (dir);
  write_half_close (dir);
  write_syn_retransmission (dir);
  write_interleaved (dir);

  return 0;
}
