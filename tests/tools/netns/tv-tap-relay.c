/* tv-tap-relay: a small userspace "wire" between two TAP devices, for making
 * real captures of the kernel's own TCP with loss, delay, reordering and
 * duplication (this kernel has no netem).
 *
 * It creates two TAP devices in the namespace it runs in (normally the root
 * one), prints "ready" on standard output, and then copies every Ethernet
 * frame read from one to the other. The caller moves the devices into their
 * network namespaces (`ip link set tvtap0 netns NS`); the file descriptors
 * stay valid. TAP devices have no offloads, so what travels are real
 * MTU-sized segments with real checksums.
 *
 * usage: tv-tap-relay [OPTION...] TAP_A TAP_B
 *
 * Directions: a2b (frames read from TAP_A, written to TAP_B), b2a, or any.
 * A MATCH is one or more words joined by '+', all of which must hold:
 *   tcp       any TCP segment
 *   syn       SYN without ACK          synack   SYN with ACK
 *   data      payload length > 0        pureack  ACK, no SYN/FIN/RST, no payload
 *   fin       FIN set                   rst      RST set
 *   has=TEXT  the payload contains TEXT (no ':' or '+')
 *   port=N    source or destination port N
 *   dst=ADDR  IPv4 or IPv6 destination address ADDR
 * N... is a list of 1-based occurrences among the frames that match the rule
 * in its direction: "3", "2,5", "4-6".
 *
 * Rules (any number, applied in this order to each frame):
 *   --drop DIR:MATCH:N...     drop those occurrences
 *   --loss DIR:PERCENT        drop that share of TCP frames (seeded, see --seed)
 *   --dup DIR:MATCH:N...      send those occurrences twice
 *   --reorder DIR:MATCH:N...  hold the occurrence and send it right after the
 *                             next frame in the same direction (or after
 *                             --hold-max ms if none comes)
 *   --ce DIR:MATCH:N...       set ECN "congestion experienced" on those
 *                             occurrences if they are ECN-capable (ECT)
 *   --delay DIR:MS            hold every frame of the direction MS ms (FIFO)
 *   --delay-to ADDR:MS        hold frames to ADDR MS ms more
 * Every rule may end in "@P": it applies only in phase P. The relay starts in
 * phase 0; SIGUSR1 moves it to the next phase. Rules without "@P" always
 * apply.
 *   --seed N                  seed of the random loss (default 1)
 *   --hold-max MS             longest a reordered frame waits (default 200)
 *   --max-seconds S           exit after S seconds (default 120)
 *   --log                     one line on stderr per frame acted on
 *
 * SIGTERM or SIGINT ends it; the TAP devices go away with it.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define MAX_FRAME 65600
#define MAX_RULES 64
#define MAX_OCC 64

enum { DIR_A2B = 1, DIR_B2A = 2, DIR_ANY = 3 };
enum { R_DROP, R_LOSS, R_DUP, R_REORDER, R_CE, R_DELAY, R_DELAY_TO };

enum {
  M_TCP = 1 << 0, M_SYN = 1 << 1, M_SYNACK = 1 << 2, M_DATA = 1 << 3,
  M_PUREACK = 1 << 4, M_FIN = 1 << 5, M_RST = 1 << 6,
};

typedef struct {
  int kind;
  int dirs;
  int phase; /* -1: every phase */
  unsigned match;
  char has[128];
  int port;
  int addr_family;
  unsigned char addr[16];
  int n_occ;
  struct { long lo, hi; } occ[MAX_OCC];
  double value; /* percent or ms */
  long count[3]; /* matches seen, per direction */
} Rule;

typedef struct Frame Frame;
struct Frame {
  Frame *next;
  int64_t due; /* monotonic ns */
  size_t len;
  unsigned char data[];
};

typedef struct {
  Frame *head, *tail;
} Queue;

/* What a frame is, as far as the rules need to know. */
typedef struct {
  bool is_tcp;
  unsigned flags;
  size_t payload_off, payload_len;
  unsigned sport, dport;
  int family;
  unsigned char dst[16];
  size_t ip_off;
  char desc[160];
} Info;

static Rule rules[MAX_RULES];
static int n_rules;
static uint64_t rng_state = 1;
static int hold_max_ms = 200;
static double max_seconds = 120;
static bool log_actions;
static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t phase;
static int tap_fd[2];
static Queue queue[2];      /* per output direction: 0 = a2b, 1 = b2a */
static Frame *held[2];
static int64_t held_until[2];
static long frame_no[2];

static void
die (const char *fmt, const char *arg)
{
  fprintf (stderr, "tv-tap-relay: ");
  fprintf (stderr, fmt, arg);
  fprintf (stderr, "\n");
  exit (2);
}

static int64_t
now_ns (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* xorshift64*: the loss pattern depends on the seed only. */
static double
rng_uniform (void)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (double) ((rng_state * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

static void
on_signal (int sig)
{
  if (sig == SIGUSR1)
    phase++;
  else
    stop_requested = 1;
}

static int
tap_open (const char *name)
{
  struct ifreq ifr;
  int fd = open ("/dev/net/tun", O_RDWR | O_CLOEXEC);
  if (fd < 0)
    die ("cannot open /dev/net/tun: %s", strerror (errno));
  memset (&ifr, 0, sizeof ifr);
  ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
  if (strlen (name) >= IFNAMSIZ)
    die ("device name too long: %s", name);
  strcpy (ifr.ifr_name, name);
  if (ioctl (fd, TUNSETIFF, &ifr) < 0)
    die ("cannot create TAP device %s (TUNSETIFF failed; root needed)", name);
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

/* ---- parsing rules ---- */

static char *
next_field (char **s)
{
  char *start = *s, *colon;
  if (start == NULL)
    return NULL;
  colon = strchr (start, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      *s = colon + 1;
    }
  else
    *s = NULL;
  return start;
}

static int
parse_dir (const char *s)
{
  if (strcmp (s, "a2b") == 0)
    return DIR_A2B;
  if (strcmp (s, "b2a") == 0)
    return DIR_B2A;
  if (strcmp (s, "any") == 0)
    return DIR_ANY;
  die ("direction must be a2b, b2a or any, not '%s'", s);
  return 0;
}

static void
parse_addr (Rule *r, const char *s)
{
  if (inet_pton (AF_INET, s, r->addr) == 1)
    r->addr_family = AF_INET;
  else if (inet_pton (AF_INET6, s, r->addr) == 1)
    r->addr_family = AF_INET6;
  else
    die ("not an address: %s", s);
}

static void
parse_match (Rule *r, char *s)
{
  char *save = NULL;
  for (char *w = strtok_r (s, "+", &save); w != NULL; w = strtok_r (NULL, "+", &save))
    {
      if (strcmp (w, "tcp") == 0) r->match |= M_TCP;
      else if (strcmp (w, "syn") == 0) r->match |= M_SYN;
      else if (strcmp (w, "synack") == 0) r->match |= M_SYNACK;
      else if (strcmp (w, "data") == 0) r->match |= M_DATA;
      else if (strcmp (w, "pureack") == 0) r->match |= M_PUREACK;
      else if (strcmp (w, "fin") == 0) r->match |= M_FIN;
      else if (strcmp (w, "rst") == 0) r->match |= M_RST;
      else if (strncmp (w, "has=", 4) == 0)
        {
          if (strlen (w + 4) >= sizeof r->has)
            die ("has= text too long: %s", w);
          strcpy (r->has, w + 4);
        }
      else if (strncmp (w, "port=", 5) == 0) r->port = atoi (w + 5);
      else if (strncmp (w, "dst=", 4) == 0) parse_addr (r, w + 4);
      else die ("unknown match word '%s'", w);
    }
  r->match |= M_TCP;
}

static void
parse_occ (Rule *r, char *s)
{
  char *save = NULL;
  for (char *w = strtok_r (s, ",", &save); w != NULL; w = strtok_r (NULL, ",", &save))
    {
      char *dash = strchr (w, '-');
      if (r->n_occ == MAX_OCC)
        die ("too many occurrences in %s", s);
      r->occ[r->n_occ].lo = atol (w);
      r->occ[r->n_occ].hi = dash ? atol (dash + 1) : r->occ[r->n_occ].lo;
      if (r->occ[r->n_occ].lo < 1 || r->occ[r->n_occ].hi < r->occ[r->n_occ].lo)
        die ("bad occurrence '%s'", w);
      r->n_occ++;
    }
}

static void
add_rule (int kind, const char *arg)
{
  char *copy = strdup (arg), *s = copy, *at;
  Rule *r;
  if (n_rules == MAX_RULES)
    die ("too many rules%s", "");
  r = &rules[n_rules++];
  memset (r, 0, sizeof *r);
  r->kind = kind;
  r->phase = -1;
  at = strrchr (s, '@');
  if (at != NULL)
    {
      *at = '\0';
      r->phase = atoi (at + 1);
    }
  switch (kind)
    {
    case R_DROP: case R_DUP: case R_REORDER: case R_CE:
      {
        char *d = next_field (&s), *m = next_field (&s), *o = next_field (&s);
        if (d == NULL || m == NULL || o == NULL)
          die ("rule needs DIR:MATCH:N..., not '%s'", arg);
        r->dirs = parse_dir (d);
        parse_match (r, m);
        parse_occ (r, o);
        break;
      }
    case R_LOSS: case R_DELAY:
      {
        char *d = next_field (&s), *v = next_field (&s);
        if (d == NULL || v == NULL)
          die ("rule needs DIR:VALUE, not '%s'", arg);
        r->dirs = parse_dir (d);
        r->value = atof (v);
        break;
      }
    case R_DELAY_TO:
      {
        /* ADDR:MS, where an IPv6 ADDR has colons of its own: split at the last. */
        char *colon = strrchr (s, ':');
        if (colon == NULL)
          die ("--delay-to needs ADDR:MS, not '%s'", arg);
        *colon = '\0';
        parse_addr (r, s);
        r->value = atof (colon + 1);
        r->dirs = DIR_ANY;
        break;
      }
    }
  free (copy);
}

/* ---- looking at frames ---- */

static void
inspect (const unsigned char *f, size_t len, Info *info)
{
  size_t off = 14, l4 = 0, l4_len = 0;
  unsigned type, proto = 0;
  memset (info, 0, sizeof *info);
  snprintf (info->desc, sizeof info->desc, "non-TCP frame of %zu bytes", len);
  if (len < 14)
    return;
  type = (unsigned) f[12] << 8 | f[13];
  while ((type == 0x8100 || type == 0x88a8) && len >= off + 4)
    {
      type = (unsigned) f[off + 2] << 8 | f[off + 3];
      off += 4;
    }
  info->ip_off = off;
  if (type == 0x0800 && len >= off + 20)
    {
      size_t ihl = (f[off] & 0x0f) * 4u;
      size_t total = (size_t) f[off + 2] << 8 | f[off + 3];
      unsigned frag = ((unsigned) f[off + 6] << 8 | f[off + 7]) & 0x1fff;
      if (ihl < 20 || len < off + total || total < ihl || frag != 0)
        return;
      proto = f[off + 9];
      info->family = AF_INET;
      memcpy (info->dst, f + off + 16, 4);
      l4 = off + ihl;
      l4_len = total - ihl;
    }
  else if (type == 0x86dd && len >= off + 40)
    {
      size_t plen = (size_t) f[off + 4] << 8 | f[off + 5];
      proto = f[off + 6];
      info->family = AF_INET6;
      memcpy (info->dst, f + off + 24, 16);
      l4 = off + 40;
      l4_len = plen;
      if (len < l4 + l4_len)
        return;
    }
  else
    return;
  if (proto != 6 || l4_len < 20)
    return;
  {
    size_t doff = (f[l4 + 12] >> 4) * 4u;
    if (doff < 20 || doff > l4_len)
      return;
    info->is_tcp = true;
    info->sport = (unsigned) f[l4] << 8 | f[l4 + 1];
    info->dport = (unsigned) f[l4 + 2] << 8 | f[l4 + 3];
    info->flags = f[l4 + 13];
    info->payload_off = l4 + doff;
    info->payload_len = l4_len - doff;
    snprintf (info->desc, sizeof info->desc, "TCP %u > %u flags 0x%02x seq %u len %zu",
              info->sport, info->dport, info->flags,
              (unsigned) f[l4 + 4] << 24 | (unsigned) f[l4 + 5] << 16 | (unsigned) f[l4 + 6] << 8 | f[l4 + 7],
              info->payload_len);
  }
}

static bool
matches (const Rule *r, const unsigned char *f, const Info *info)
{
  unsigned fl = info->flags;
  bool syn = fl & 0x02, ack = fl & 0x10, fin = fl & 0x01, rst = fl & 0x04;
  if (!info->is_tcp)
    return false;
  if ((r->match & M_SYN) && !(syn && !ack)) return false;
  if ((r->match & M_SYNACK) && !(syn && ack)) return false;
  if ((r->match & M_DATA) && info->payload_len == 0) return false;
  if ((r->match & M_PUREACK) && !(ack && !syn && !fin && !rst && info->payload_len == 0)) return false;
  if ((r->match & M_FIN) && !fin) return false;
  if ((r->match & M_RST) && !rst) return false;
  if (r->port != 0 && info->sport != (unsigned) r->port && info->dport != (unsigned) r->port)
    return false;
  if (r->addr_family != 0
      && (r->addr_family != info->family
          || memcmp (r->addr, info->dst, info->family == AF_INET ? 4 : 16) != 0))
    return false;
  if (r->has[0] != '\0'
      && memmem (f + info->payload_off, info->payload_len, r->has, strlen (r->has)) == NULL)
    return false;
  return true;
}

/* Counts a match of rule r and says whether this occurrence is one it acts on. */
static bool
hit (Rule *r, int dir, const unsigned char *f, const Info *info)
{
  long n;
  if (!(r->dirs & dir) || (r->phase >= 0 && r->phase != phase) || !matches (r, f, info))
    return false;
  n = ++r->count[dir];
  for (int i = 0; i < r->n_occ; i++)
    if (n >= r->occ[i].lo && n <= r->occ[i].hi)
      return true;
  return false;
}

static bool
applies (const Rule *r, int dir)
{
  return (r->dirs & dir) && (r->phase < 0 || r->phase == phase);
}

static void
set_ce (unsigned char *f, const Info *info)
{
  size_t o = info->ip_off;
  if (info->family == AF_INET)
    {
      uint32_t sum = 0;
      size_t ihl = (f[o] & 0x0f) * 4u;
      if ((f[o + 1] & 0x03) == 0)
        return;
      f[o + 1] |= 0x03;
      f[o + 10] = f[o + 11] = 0;
      for (size_t i = 0; i < ihl; i += 2)
        sum += (uint32_t) f[o + i] << 8 | f[o + i + 1];
      while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
      sum = ~sum & 0xffff;
      f[o + 10] = sum >> 8;
      f[o + 11] = sum & 0xff;
    }
  else
    {
      /* Traffic class straddles bytes 0 and 1: ECN is bits 4-5 of byte 1. */
      if ((f[o + 1] & 0x30) == 0)
        return;
      f[o + 1] |= 0x30;
    }
}

/* ---- moving frames ---- */

static Frame *
frame_new (const unsigned char *data, size_t len)
{
  Frame *fr = malloc (sizeof *fr + len);
  if (fr == NULL)
    die ("out of memory%s", "");
  fr->next = NULL;
  fr->len = len;
  memcpy (fr->data, data, len);
  return fr;
}

static void
enqueue (int qi, Frame *fr, int64_t due)
{
  Queue *q = &queue[qi];
  /* FIFO per direction: never before the frame queued ahead of it. */
  if (q->tail != NULL && due < q->tail->due)
    due = q->tail->due;
  fr->due = due;
  fr->next = NULL;
  if (q->tail != NULL)
    q->tail->next = fr;
  else
    q->head = fr;
  q->tail = fr;
}

static void
flush_due (int64_t now)
{
  for (int qi = 0; qi < 2; qi++)
    {
      Queue *q = &queue[qi];
      while (q->head != NULL && q->head->due <= now)
        {
          Frame *fr = q->head;
          if (write (tap_fd[qi == 0 ? 1 : 0], fr->data, fr->len) < 0 && errno != EAGAIN)
            {
              /* The device may be down for a moment while it moves: drop. */
            }
          q->head = fr->next;
          if (q->head == NULL)
            q->tail = NULL;
          free (fr);
        }
      if (held[qi] != NULL && held_until[qi] <= now)
        {
          enqueue (qi, held[qi], now);
          held[qi] = NULL;
        }
    }
}

static void
handle (int dir, unsigned char *f, size_t len)
{
  Info info;
  int qi = dir == DIR_A2B ? 0 : 1;
  const char *dname = dir == DIR_A2B ? "a2b" : "b2a";
  int64_t now = now_ns (), delay = 0;
  bool dup = false, reorder = false;
  long no = ++frame_no[qi];

  inspect (f, len, &info);
  for (int i = 0; i < n_rules; i++)
    {
      Rule *r = &rules[i];
      switch (r->kind)
        {
        case R_DROP:
          if (hit (r, dir, f, &info))
            {
              if (log_actions)
                fprintf (stderr, "drop %s #%ld: %s\n", dname, no, info.desc);
              return;
            }
          break;
        case R_LOSS:
          if (applies (r, dir) && info.is_tcp && rng_uniform () * 100.0 < r->value)
            {
              if (log_actions)
                fprintf (stderr, "loss %s #%ld: %s\n", dname, no, info.desc);
              return;
            }
          break;
        case R_DUP:
          if (hit (r, dir, f, &info))
            dup = true;
          break;
        case R_REORDER:
          if (hit (r, dir, f, &info))
            reorder = true;
          break;
        case R_CE:
          if (hit (r, dir, f, &info))
            {
              set_ce (f, &info);
              if (log_actions)
                fprintf (stderr, "ce %s #%ld: %s\n", dname, no, info.desc);
            }
          break;
        case R_DELAY:
          if (applies (r, dir))
            delay += (int64_t) (r->value * 1e6);
          break;
        case R_DELAY_TO:
          if (applies (r, dir) && info.family == r->addr_family
              && memcmp (info.dst, r->addr, info.family == AF_INET ? 4 : 16) == 0)
            delay += (int64_t) (r->value * 1e6);
          break;
        }
    }

  if (reorder && held[qi] == NULL)
    {
      if (log_actions)
        fprintf (stderr, "hold %s #%ld: %s\n", dname, no, info.desc);
      held[qi] = frame_new (f, len);
      held_until[qi] = now + delay + (int64_t) hold_max_ms * 1000000;
      return;
    }
  enqueue (qi, frame_new (f, len), now + delay);
  if (dup)
    {
      if (log_actions)
        fprintf (stderr, "dup %s #%ld: %s\n", dname, no, info.desc);
      enqueue (qi, frame_new (f, len), now + delay);
    }
  if (held[qi] != NULL)
    {
      if (log_actions)
        fprintf (stderr, "release %s after #%ld\n", dname, no);
      enqueue (qi, held[qi], now + delay);
      held[qi] = NULL;
    }
}

int
main (int argc, char **argv)
{
  static unsigned char buf[MAX_FRAME];
  const char *names[2] = { NULL, NULL };
  int n_names = 0;
  int64_t end;
  struct sigaction sa;

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define OPT(name) (strcmp (a, name) == 0 && (v != NULL || (die ("%s needs a value", name), 0)) && ++i)
      if (OPT ("--drop")) add_rule (R_DROP, v);
      else if (OPT ("--loss")) add_rule (R_LOSS, v);
      else if (OPT ("--dup")) add_rule (R_DUP, v);
      else if (OPT ("--reorder")) add_rule (R_REORDER, v);
      else if (OPT ("--ce")) add_rule (R_CE, v);
      else if (OPT ("--delay")) add_rule (R_DELAY, v);
      else if (OPT ("--delay-to")) add_rule (R_DELAY_TO, v);
      else if (OPT ("--seed")) rng_state = strtoull (v, NULL, 10) * 0x9e3779b97f4a7c15ULL | 1;
      else if (OPT ("--hold-max")) hold_max_ms = atoi (v);
      else if (OPT ("--max-seconds")) max_seconds = atof (v);
      else if (strcmp (a, "--log") == 0) log_actions = true;
      else if (a[0] == '-') die ("unknown option %s (see the comment at the top of tv-tap-relay.c)", a);
      else if (n_names < 2) names[n_names++] = a;
      else die ("more than two devices: %s", a);
#undef OPT
    }
  if (n_names != 2)
    die ("usage: tv-tap-relay [OPTION...] TAP_A TAP_B%s", "");

  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGUSR1, &sa, NULL);
  signal (SIGPIPE, SIG_IGN);

  tap_fd[0] = tap_open (names[0]);
  tap_fd[1] = tap_open (names[1]);
  printf ("ready\n");
  fflush (stdout);

  end = now_ns () + (int64_t) (max_seconds * 1e9);
  while (!stop_requested)
    {
      struct pollfd pfd[2] = { { tap_fd[0], POLLIN, 0 }, { tap_fd[1], POLLIN, 0 } };
      int64_t now = now_ns (), next = end;
      int timeout;
      if (now >= end)
        break;
      for (int qi = 0; qi < 2; qi++)
        {
          if (queue[qi].head != NULL && queue[qi].head->due < next)
            next = queue[qi].head->due;
          if (held[qi] != NULL && held_until[qi] < next)
            next = held_until[qi];
        }
      timeout = next <= now ? 0 : (int) ((next - now + 999999) / 1000000);
      if (poll (pfd, 2, timeout) < 0 && errno != EINTR)
        die ("poll failed: %s", strerror (errno));
      for (int i = 0; i < 2; i++)
        {
          if (!(pfd[i].revents & POLLIN))
            continue;
          for (;;)
            {
              ssize_t n = read (tap_fd[i], buf, sizeof buf);
              if (n <= 0)
                break;
              handle (i == 0 ? DIR_A2B : DIR_B2A, buf, (size_t) n);
            }
        }
      flush_due (now_ns ());
    }
  if (log_actions)
    fprintf (stderr, "frames a2b %ld, b2a %ld\n", frame_no[0], frame_no[1]);
  return 0;
}
