/* tv-decode.c: one captured frame, from link layer to TCP options.
 *
 * Pure code: no allocation, no global state, no locale.  Every read is
 * checked against the captured length first.
 *
 * Where the headers disagree with each other or with the capture, the
 * decoder does what tshark 4.0 does, so that TcpViz and Wireshark show the
 * same segments with the same numbers:
 *
 *  - The bytes the TCP dissector sees are the IP payload as the IP header
 *    declares it, cut to what the frame held on the wire (not to what was
 *    captured: a frame cut short by the snap length keeps its real length).
 *  - IPv4 total length 0 is TCP segmentation offload ("BIG TCP"): the IP
 *    datagram is the rest of the frame.  IPv6 payload length 0 needs a
 *    Jumbo Payload option (>= 65536) in a hop-by-hop header, else no TCP.
 *  - The first 16 bytes of the TCP header (up to the window) must be
 *    captured and declared by IP: with fewer, tshark shows no sequence
 *    number, and neither do we.  A header cut after them is TCP, truncated.
 *  - A segment whose IP payload is shorter than the TCP header length, or
 *    the first fragment of an IPv4 datagram that is not all in the capture
 *    (tshark cannot reassemble it and dissects what it has), has length 0.
 *  - Other IP fragments are left to reassembly, which TcpViz does not do:
 *    not TCP.  IPv6 atomic fragments (offset 0, no more fragments) are TCP.
 */
#define G_LOG_DOMAIN "tv-decode"

#include "config.h"

#include <string.h>
#include <arpa/inet.h>

#include "tv-decode.h"

/* libpcap DLT_ values as pcap_datalink() returns them, and the LINKTYPE_
 * values of the files where they differ. */
enum {
  LT_NULL      = 0,    /* BSD loopback, AF_ value in the writer's byte order */
  LT_ETHERNET  = 1,
  LT_RAW       = 12,   /* DLT_RAW on most systems (LINKTYPE_RAW 101 maps to it) */
  LT_RAW_BSDOS = 14,   /* DLT_RAW on BSD/OS */
  LT_RAW_FILE  = 101,  /* LINKTYPE_RAW */
  LT_LOOP      = 108,  /* OpenBSD loopback, AF_ value in network order */
  LT_SLL       = 113,
  LT_IPV4      = 228,
  LT_IPV6      = 229,
  LT_SLL2      = 276,
};

#define ETHERTYPE_IPV4   0x0800
#define ETHERTYPE_IPV6   0x86dd
#define ETHERTYPE_8021Q  0x8100
#define ETHERTYPE_8021AD 0x88a8
#define ETHERTYPE_QINQ   0x9100
#define ETHERTYPE_VNTAG  0x8926

/* VLAN tags (and VN-Tags) followed before giving up */
#define MAX_TAGS 8
/* IPv6 extension headers followed before giving up */
#define MAX_EXT_HEADERS 16

#define IPPROTO_TCP_     6
#define IP6_HOPOPTS      0
#define IP6_ROUTING      43
#define IP6_FRAGMENT     44
#define IP6_AH           51
#define IP6_NONE         59
#define IP6_DSTOPTS      60
#define IP6_SHIM6        140

#define TCP_OPT_EOL       0
#define TCP_OPT_NOP       1
#define TCP_OPT_MSS       2
#define TCP_OPT_WSCALE    3
#define TCP_OPT_SACK_PERM 4
#define TCP_OPT_SACK      5
#define TCP_OPT_TIMESTAMP 8
#define TCP_OPT_TFO       34
#define TCP_OPT_EXP       254   /* experimental; TFO with magic 0xF989 (RFC 7413) */

static inline guint16
rd16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

static inline guint32
rd32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

gboolean
tv_decode_linktype_supported (int linktype)
{
  switch (linktype)
    {
    case LT_NULL:
    case LT_ETHERNET:
    case LT_RAW:
    case LT_RAW_BSDOS:
    case LT_RAW_FILE:
    case LT_LOOP:
    case LT_SLL:
    case LT_IPV4:
    case LT_IPV6:
    case LT_SLL2:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Parses the TCP options in [p, p + size). */
static void
decode_tcp_options (const guint8 *p,
                    guint         size,
                    TvFrame      *out)
{
  guint i = 0;

  g_assert (p != NULL || size == 0);
  g_assert (out != NULL);

  while (i < size)
    {
      guint kind = p[i];
      guint len;

      if (kind == TCP_OPT_EOL)
        break;
      if (kind == TCP_OPT_NOP)
        {
          i++;
          continue;
        }
      /* length byte missing, shorter than kind + length, or running past
       * the header: malformed, stop here and keep what came before */
      if (i + 1 >= size)
        break;
      len = p[i + 1];
      if (len < 2 || len > size - i)
        break;

      /* an option of a known kind with the wrong length is skipped */
      switch (kind)
        {
        case TCP_OPT_MSS:
          if (len == 4)
            {
              out->has_mss = TRUE;
              out->mss = rd16 (p + i + 2);
            }
          break;

        case TCP_OPT_WSCALE:
          if (len == 3)
            {
              out->has_wscale = TRUE;
              out->wscale = p[i + 2];
            }
          break;

        case TCP_OPT_SACK_PERM:
          if (len == 2)
            out->sack_permitted = TRUE;
          break;

        case TCP_OPT_SACK:
          if (len >= 10 && (len - 2) % 8 == 0)
            {
              guint n = MIN ((len - 2) / 8, TV_MAX_SACK_BLOCKS);

              for (guint b = 0; b < n; b++)
                {
                  out->sack[b][0] = rd32 (p + i + 2 + 8 * b);
                  out->sack[b][1] = rd32 (p + i + 6 + 8 * b);
                }
              out->n_sack = n;
            }
          break;

        case TCP_OPT_TIMESTAMP:
          if (len == 10)
            {
              out->has_timestamps = TRUE;
              out->ts_val = rd32 (p + i + 2);
              out->ts_ecr = rd32 (p + i + 6);
            }
          break;

        case TCP_OPT_TFO:
        case TCP_OPT_EXP:
          {
            guint skip = kind == TCP_OPT_TFO ? 2 : 4;
            if (kind == TCP_OPT_EXP && (len < 4 || rd16 (p + i + 2) != 0xF989))
              break;
            out->has_tfo = TRUE;
            out->tfo_len = (guint8) MIN (len - skip, sizeof out->tfo_cookie);
            memcpy (out->tfo_cookie, p + i + skip, out->tfo_len);
          }
          break;

        default:
          break;
        }

      i += len;
    }
}

/* The TCP header at @off.  @ip_len: the IP payload length (reported, i.e.
 * declared by IP and cut to the wire length).  @fragmented: the first
 * fragment of a datagram that could not be reassembled. */
static gboolean
decode_tcp (const guint8 *data,
            guint32       caplen,
            guint32       off,
            guint32       ip_len,
            gboolean      fragmented,
            TvFrame      *out)
{
  const guint8 *t;
  guint32 avail;
  guint32 hl;
  guint32 opt_avail;

  g_assert (data != NULL);
  g_assert (out != NULL);

  if (off > caplen)
    return FALSE;
  /* tshark shows the header from the first 16 bytes on (ports, numbers,
   * flags, window): with fewer, it shows no sequence number */
  avail = MIN (caplen - off, ip_len);
  if (avail < 16)
    return FALSE;

  t = data + off;
  hl = (t[12] >> 4) * 4u;
  if (hl < 20)
    return FALSE;

  out->sport = rd16 (t);
  out->dport = rd16 (t + 2);
  out->seq = rd32 (t + 4);
  out->ack = rd32 (t + 8);
  out->flags = (guint16) (((t[12] & 0x01) << 8) | t[13]);
  out->window = rd16 (t + 14);
  out->header_len = (guint8) hl;
  if (avail >= 20)
    {
      out->urgent = rd16 (t + 18);
      opt_avail = MIN (hl, avail);
      decode_tcp_options (t + 20, opt_avail - 20, out);
    }
  if (caplen - off < hl)
    out->truncated = TRUE;

  if (fragmented || ip_len < hl)
    out->len = 0;
  else
    out->len = ip_len - hl;

  if (caplen - off >= hl)
    {
      out->payload = t + hl;
      out->payload_caplen = MIN (out->len, caplen - off - hl);
      if (out->payload_caplen < out->len)
        out->truncated = TRUE;
    }

  return TRUE;
}

/* The IP datagram's reported length: @declared cut to the wire. */
static inline guint32
reported_length (guint32 declared,
                 guint32 wirelen,
                 guint32 off)
{
  if (wirelen == 0)
    return declared;
  if (off >= wirelen)
    return 0;
  return MIN (declared, wirelen - off);
}

static gboolean
decode_ipv4 (const guint8 *data,
             guint32       caplen,
             guint32       wirelen,
             guint32       off,
             TvFrame      *out)
{
  const guint8 *ip;
  guint32 ihl;
  guint32 total;
  guint32 reported;
  guint16 frag;
  gboolean fragmented = FALSE;

  g_assert (data != NULL);
  g_assert (out != NULL);

  if (off > caplen || caplen - off < 20)
    return FALSE;
  ip = data + off;
  if ((ip[0] >> 4) != 4)
    return FALSE;
  ihl = (ip[0] & 0x0f) * 4u;
  if (ihl < 20 || caplen - off < ihl)
    return FALSE;

  total = rd16 (ip + 2);
  if (total == 0)
    {
      /* TCP segmentation offload: the datagram is the rest of the frame */
      total = (wirelen != 0 ? wirelen : caplen) - off;
    }
  if (total < ihl)
    return FALSE;
  if (ip[9] != IPPROTO_TCP_)
    return FALSE;

  frag = rd16 (ip + 6);
  if ((frag & 0x1fff) != 0)
    return FALSE;           /* not the first fragment */
  if (frag & 0x2000)
    {
      /* first fragment: reassembled when it is all there, else dissected
       * as it stands */
      if (caplen - off >= total)
        return FALSE;
      fragmented = TRUE;
    }

  reported = reported_length (total, wirelen, off);
  if (reported < ihl)
    return FALSE;

  out->src.family = 4;
  out->dst.family = 4;
  memcpy (out->src.bytes, ip + 12, 4);
  memcpy (out->dst.bytes, ip + 16, 4);
  out->ttl = ip[8];

  if (!decode_tcp (data, caplen, off + ihl, reported - ihl, fragmented, out))
    return FALSE;
  if (caplen - off < reported)
    out->truncated = TRUE;
  return TRUE;
}

/* Looks for a valid Jumbo Payload option in the hop-by-hop options of
 * @size bytes at @p (the 2-byte header included). */
static guint32
find_jumbo (const guint8 *p,
            guint32       size)
{
  guint32 i = 2;

  g_assert (p != NULL);

  while (i < size)
    {
      guint type = p[i];
      guint len;

      if (type == 0)          /* Pad1 */
        {
          i++;
          continue;
        }
      if (i + 1 >= size)
        break;
      len = p[i + 1];
      if (len > size - i - 2)
        break;
      if (type == 0xc2 && len == 4)
        {
          guint32 jumbo = rd32 (p + i + 2);
          return jumbo >= 65536 ? jumbo : 0;
        }
      i += 2 + len;
    }

  return 0;
}

/* Whether the options of a hop-by-hop or destination options header of
 * @size bytes at @p (the 2-byte header included) are all in the datagram,
 * which has @avail bytes from @p on.  tshark gives up on the packet when
 * one runs past the datagram (an option running past the header only, or
 * a type byte alone at its end, it lets pass). */
static gboolean
ipv6_options_fit (const guint8 *p,
                  guint32       size,
                  guint32       avail)
{
  guint32 i = 2;

  g_assert (p != NULL);
  g_assert (size <= avail);

  while (i + 1 < size)
    {
      if (p[i] == 0)          /* Pad1 */
        {
          i++;
          continue;
        }
      if (p[i + 1] > avail - i - 2)
        return FALSE;
      i += 2 + p[i + 1];
    }
  return TRUE;
}

/* Whether the addresses of a routing header of @size bytes (at least 8)
 * at @p are in it, for the types whose size is known: tshark gives up on the
 * packet when they are not. */
static gboolean
ipv6_routing_fits (const guint8 *p,
                   guint32       size)
{
  g_assert (p != NULL);
  g_assert (size >= 8);

  switch (p[2])
    {
    case 2:                  /* Type 2: one home address */
      return size >= 8 + 16;
    case 4:                  /* Segment Routing: last entry + 1 segments */
      return size >= 8 + (p[4] + 1u) * 16;
    default:
      return TRUE;
    }
}

static gboolean
decode_ipv6 (const guint8 *data,
             guint32       caplen,
             guint32       wirelen,
             guint32       off,
             TvFrame      *out)
{
  const guint8 *ip;
  guint32 plen;
  guint32 reported;
  guint32 end;              /* end of the datagram in the captured bytes */
  guint32 pos;
  guint nxt;

  g_assert (data != NULL);
  g_assert (out != NULL);

  if (off > caplen || caplen - off < 40)
    return FALSE;
  ip = data + off;
  if ((ip[0] >> 4) != 6)
    return FALSE;

  plen = rd16 (ip + 4);
  nxt = ip[6];
  pos = off + 40;

  if (plen == 0)
    {
      guint32 hbh_len;

      /* Jumbogram: a hop-by-hop header with a Jumbo Payload option */
      if (nxt != IP6_HOPOPTS || caplen - pos < 2)
        return FALSE;
      hbh_len = (data[pos + 1] + 1u) * 8;
      if (caplen - pos < hbh_len)
        return FALSE;
      plen = find_jumbo (data + pos, hbh_len);
      if (plen == 0)
        return FALSE;
    }

  reported = reported_length (plen, wirelen, off + 40);
  end = off + 40 + MIN (reported, caplen - off - 40);

  for (guint n = 0; nxt != IPPROTO_TCP_; n++)
    {
      guint32 hlen;

      if (n == MAX_EXT_HEADERS)
        return FALSE;

      switch (nxt)
        {
        case IP6_HOPOPTS:
        case IP6_ROUTING:
        case IP6_DSTOPTS:
        case IP6_SHIM6:
          if (end - pos < 2)
            return FALSE;
          hlen = (data[pos + 1] + 1u) * 8;
          break;

        case IP6_AH:
          if (end - pos < 2)
            return FALSE;
          hlen = (data[pos + 1] + 2u) * 4;
          break;

        case IP6_FRAGMENT:
          if (end - pos < 8)
            return FALSE;
          hlen = 8;
          {
            guint16 fo = rd16 (data + pos + 2);

            /* a fragment, first or not, is left to reassembly (unlike
             * IPv4's, even when the capture cut it short); an atomic
             * fragment (offset 0, no more) holds a whole datagram */
            if (fo & 0xfff9)
              return FALSE;
          }
          break;

        default:
          /* no next header (59), ESP, mobility (whose next header is
           * always 59), anything else: no TCP here */
          return FALSE;
        }

      if (end - pos < hlen)
        return FALSE;
      if ((nxt == IP6_HOPOPTS || nxt == IP6_DSTOPTS) && !ipv6_options_fit (data + pos, hlen, end - pos))
        return FALSE;
      if (nxt == IP6_ROUTING && !ipv6_routing_fits (data + pos, hlen))
        return FALSE;
      nxt = data[pos];
      pos += hlen;
    }

  out->src.family = 6;
  out->dst.family = 6;
  memcpy (out->src.bytes, ip + 8, 16);
  memcpy (out->dst.bytes, ip + 24, 16);
  out->ttl = ip[7];

  if (!decode_tcp (data, caplen, pos, reported - (pos - off - 40), FALSE, out))
    return FALSE;
  if (caplen - off - 40 < reported)
    out->truncated = TRUE;
  return TRUE;
}

static gboolean
decode_ip (const guint8 *data,
           guint32       caplen,
           guint32       wirelen,
           guint32       off,
           TvFrame      *out)
{
  g_assert (data != NULL);

  if (off >= caplen)
    return FALSE;
  switch (data[off] >> 4)
    {
    case 4:
      return decode_ipv4 (data, caplen, wirelen, off, out);
    case 6:
      return decode_ipv6 (data, caplen, wirelen, off, out);
    default:
      return FALSE;
    }
}

/* An EtherType at @off - 2, the header it names at @off. */
static gboolean
decode_ethertype (const guint8 *data,
                  guint32       caplen,
                  guint32       wirelen,
                  guint32       off,
                  TvFrame      *out)
{
  g_assert (data != NULL);
  g_assert (off >= 2 && off <= caplen);

  for (guint n = 0; ; n++)
    {
      guint16 type = rd16 (data + off - 2);

      switch (type)
        {
        case ETHERTYPE_IPV4:
          /* tshark's IPv4 dissector hands version 6 on */
          return decode_ip (data, caplen, wirelen, off, out);

        case ETHERTYPE_IPV6:
          return decode_ipv6 (data, caplen, wirelen, off, out);

        case ETHERTYPE_8021Q:
        case ETHERTYPE_8021AD:
        case ETHERTYPE_QINQ:
          /* TCI, then the next EtherType */
          if (n == MAX_TAGS || caplen - off < 4)
            return FALSE;
          off += 4;
          break;

        case ETHERTYPE_VNTAG:
          if (n == MAX_TAGS || caplen - off < 6)
            return FALSE;
          off += 6;
          break;

        default:
          return FALSE;
        }
    }
}

/* The 4-byte AF_ value of BSD loopback headers. */
static gboolean
decode_loopback (const guint8 *data,
                 guint32       caplen,
                 guint32       wirelen,
                 gboolean      either_order,
                 TvFrame      *out)
{
  guint32 af;

  g_assert (data != NULL);

  if (caplen < 4)
    return FALSE;
  af = rd32 (data);
  if (either_order && (af & 0xffff0000u) != 0)
    af = GUINT32_SWAP_LE_BE (af);

  switch (af)
    {
    case 2:                  /* AF_INET everywhere */
      return decode_ip (data, caplen, wirelen, 4, out);
    case 24:                 /* AF_INET6: NetBSD, OpenBSD, BSD/OS */
    case 28:                 /* FreeBSD, DragonFly */
    case 30:                 /* Darwin */
      return decode_ipv6 (data, caplen, wirelen, 4, out);
    default:
      return FALSE;
    }
}

gboolean
tv_decode_frame_full (int            linktype,
                      const guint8  *data,
                      guint32        caplen,
                      guint32        wirelen,
                      TvFrame       *out)
{
  guint32 frame;
  gint64 time_ns;

  g_return_val_if_fail (data != NULL || caplen == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  frame = out->frame;
  time_ns = out->time_ns;
  memset (out, 0, sizeof *out);
  out->frame = frame;
  out->time_ns = time_ns;

  if (data == NULL)
    return FALSE;
  /* a wire length below the captured one is a broken record header:
   * trust the captured bytes */
  if (wirelen != 0 && wirelen < caplen)
    wirelen = caplen;

  switch (linktype)
    {
    case LT_ETHERNET:
      if (caplen < 14)
        return FALSE;
      return decode_ethertype (data, caplen, wirelen, 14, out);

    case LT_SLL:
      /* packet type, ARPHRD type, address length, address (8), protocol */
      if (caplen < 16)
        return FALSE;
      return decode_ethertype (data, caplen, wirelen, 16, out);

    case LT_SLL2:
      /* protocol, reserved, interface index, ARPHRD type, packet type,
       * address length, address (8) */
      if (caplen < 20)
        return FALSE;
      switch (rd16 (data))
        {
        case ETHERTYPE_IPV4:
          return decode_ip (data, caplen, wirelen, 20, out);
        case ETHERTYPE_IPV6:
          return decode_ipv6 (data, caplen, wirelen, 20, out);
        case ETHERTYPE_8021Q:
        case ETHERTYPE_8021AD:
        case ETHERTYPE_QINQ:
          /* the tag follows the header: its TCI, then an EtherType */
          if (caplen < 24)
            return FALSE;
          return decode_ethertype (data, caplen, wirelen, 24, out);
        default:
          return FALSE;
        }

    case LT_NULL:
      return decode_loopback (data, caplen, wirelen, TRUE, out);

    case LT_LOOP:
      return decode_loopback (data, caplen, wirelen, FALSE, out);

    case LT_RAW:
    case LT_RAW_BSDOS:
    case LT_RAW_FILE:
    case LT_IPV4:            /* tshark reads a version-6 packet here too */
      return decode_ip (data, caplen, wirelen, 0, out);

    case LT_IPV6:
      return decode_ipv6 (data, caplen, wirelen, 0, out);

    default:
      return FALSE;
    }
}

gboolean
tv_decode_frame (int            linktype,
                 const guint8  *data,
                 guint32        caplen,
                 TvFrame       *out)
{
  return tv_decode_frame_full (linktype, data, caplen, 0, out);
}

const char *
tv_address_to_string (const TvAddress *addr,
                      char            *buf,
                      gsize            size)
{
  g_return_val_if_fail (addr != NULL, NULL);
  g_return_val_if_fail (buf != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  if ((addr->family == 4 &&
       inet_ntop (AF_INET, addr->bytes, buf, (socklen_t) MIN (size, G_MAXINT32)) != NULL) ||
      (addr->family == 6 &&
       inet_ntop (AF_INET6, addr->bytes, buf, (socklen_t) MIN (size, G_MAXINT32)) != NULL))
    return buf;

  /* unknown family, or @buf too small */
  buf[0] = '\0';
  return buf;
}

int
tv_address_compare (const TvAddress *a,
                    const TvAddress *b)
{
  int r;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  if (a->family != b->family)
    return a->family < b->family ? -1 : 1;
  r = memcmp (a->bytes, b->bytes, a->family == 4 ? 4 : 16);
  return r < 0 ? -1 : (r > 0 ? 1 : 0);
}
