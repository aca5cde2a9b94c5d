/* tv-explain.c: plain-words explanations of segments. */
#define G_LOG_DOMAIN "tv-explain"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tv-explain.h"
#include "tv-format.h"
#include "tv-label.h"
#include "tv-tcp-state.h"

#define FLAG_SET(seg, f) (((seg)->flags & (f)) != 0)
#define OTHER(dir) ((TvDirection) ((dir) ^ 1))

typedef struct {
  TvTracker       *tracker;
  TvConn          *conn;
  guint            index;
  const TvSegment *seg;
  TvDirection      from;     /* the sender */
  TvDirection      to;       /* the receiver */
  gboolean         absolute;
  GString         *out;
  char             nums[16][24];
  guint            next_num;
} Explain;

/* ---- small helpers ---------------------------------------------------- */

/* How far back the searches look, so that explaining one segment of a
 * connection of millions costs the same as of a short one (and
 * tcpviz --explain stays linear).  TCP's windows hold far fewer segments
 * than this. */
#define SCAN_LIMIT 20000u

static guint
scan_start (guint index)
{
  return index > SCAN_LIMIT ? index - SCAN_LIMIT : 0;
}

static const char *
role (TvDirection dir)
{
  /* Translators: the client or the server of a TCP connection, inside a
   * sentence ("… acknowledges the SYN from the client …"). */
  return dir == TV_DIR_CLIENT_TO_SERVER ? _("the client") : _("the server");
}

static const char *
Role (TvDirection dir)
{
  /* Translators: the same, at the start of a sentence. */
  return dir == TV_DIR_CLIENT_TO_SERVER ? _("The client") : _("The server");
}

/* A number as text, in one of a ring of buffers (valid for 16 calls). */
static const char *
num (Explain *ex,
     guint64  value)
{
  char *buf = ex->nums[ex->next_num++ % G_N_ELEMENTS (ex->nums)];

  g_snprintf (buf, sizeof ex->nums[0], "%" G_GUINT64_FORMAT, value);
  return buf;
}

static const char *
state_name (guint state)
{
  return tv_tcp_state_name ((TvTcpState) state);
}

static guint
state_after (const TvSegment *seg,
             TvDirection      side)
{
  return side == TV_DIR_CLIENT_TO_SERVER ? seg->client_state : seg->server_state;
}

/* The state of @side before segment @index. */
static guint
state_before (TvConn      *conn,
              guint        index,
              TvDirection  side)
{
  if (index > 0)
    return state_after (&conn->segs[index - 1], side);
  return tv_tcp_state_initial (conn, side);
}

/* seq or ack as the sentences show them: raw, or relative to the ISNs. */
static guint32
show_seq (Explain         *ex,
          const TvSegment *seg)
{
  return ex->absolute ? seg->seq : tv_conn_relative_seq (ex->conn, seg);
}

static guint32
show_ack (Explain         *ex,
          const TvSegment *seg)
{
  if (ex->absolute)
    return seg->ack;
  /* as tv_conn_relative_ack(), but also when the ACK flag is missing */
  return seg->ack - ex->conn->side[seg->dir ^ 1].isn;
}

/* A number of the sender's sequence space, shown raw or relative. */
static guint32
show_in_space (Explain     *ex,
               TvDirection  owner,
               guint32      raw)
{
  return ex->absolute ? raw : raw - ex->conn->side[owner].isn;
}

static void say (Explain    *ex,
                 const char *format,
                 ...) G_GNUC_PRINTF (2, 3);

/* Appends one sentence (or more) to the paragraph. */
static void
say (Explain    *ex,
     const char *format,
     ...)
{
  va_list args;

  /* no space after a wide character: "。" ends a Chinese sentence */
  if (ex->out->len > 0 &&
      !g_unichar_iswide (g_utf8_get_char (g_utf8_find_prev_char (ex->out->str, ex->out->str + ex->out->len))))
    g_string_append_c (ex->out, ' ');
  va_start (args, format);
  g_string_append_vprintf (ex->out, format, args);
  va_end (args);
}

/* Index of the last segment before @before sent by @dir, or -1. */
static gint64
prev_from (TvConn      *conn,
           guint        before,
           TvDirection  dir)
{
  for (gint64 j = (gint64) before - 1; j >= (gint64) scan_start (before); j--)
    if (conn->segs[j].dir == dir)
      return j;
  return -1;
}

/* Index of the first segment before @before sent by @dir with one of
 * @flags, or -1. */
static gint64
first_with_flag (TvConn      *conn,
                 guint        before,
                 TvDirection  dir,
                 guint        flags)
{
  for (guint j = 0; j < before; j++)
    if (conn->segs[j].dir == dir && (conn->segs[j].flags & flags) != 0)
      return j;
  return -1;
}

/* The ack the sender sent last before @index (with the ACK flag), and
 * whether there was one. */
static gboolean
prev_ack (TvConn  *conn,
          guint    index,
          guint32 *ack)
{
  TvDirection dir = conn->segs[index].dir;

  for (gint64 j = (gint64) index - 1; j >= (gint64) scan_start (index); j--)
    if (conn->segs[j].dir == dir && FLAG_SET (&conn->segs[j], TV_TCP_ACK))
      {
        *ack = conn->segs[j].ack;
        return TRUE;
      }
  return FALSE;
}

/* Does segment @index acknowledge something it had not acknowledged yet? */
static gboolean
acks_new (TvConn *conn,
          guint   index)
{
  const TvSegment *seg = &conn->segs[index];
  guint32 before;

  if (!FLAG_SET (seg, TV_TCP_ACK))
    return FALSE;
  if (!prev_ack (conn, index, &before))
    return TRUE;
  return (gint32) (seg->ack - before) > 0;
}

/* The sequence number just after segment @seg: seq + len, + 1 for a SYN,
 * + 1 for a FIN. */
static guint32
seg_end (const TvSegment *seg)
{
  return seg->seq + seg->len + FLAG_SET (seg, TV_TCP_SYN) + FLAG_SET (seg, TV_TCP_FIN);
}

/* The latest segment before @index from the other side whose end is the
 * ack of @index, or -1: the segment this ACK acknowledges. */
static gint64
find_acked (TvConn *conn,
            guint   index)
{
  const TvSegment *seg = &conn->segs[index];

  for (gint64 j = (gint64) index - 1; j >= (gint64) scan_start (index); j--)
    {
      const TvSegment *o = &conn->segs[j];

      if (o->dir != seg->dir && seg_end (o) == seg->ack &&
          (o->len > 0 || FLAG_SET (o, TV_TCP_SYN | TV_TCP_FIN)))
        return j;
    }
  return -1;
}

/* How many segments with data from the other side this ACK acknowledges
 * for the first time (not counting copies). */
static guint
count_acked_segments (TvConn *conn,
                      guint   index)
{
  const TvSegment *seg = &conn->segs[index];
  guint32 before;
  guint n = 0;
  gboolean have_before = prev_ack (conn, index, &before);

  /* backwards, until the data is older than the previous ACK */
  for (gint64 j = (gint64) index - 1; j >= (gint64) scan_start (index); j--)
    {
      const TvSegment *o = &conn->segs[j];
      guint32 end = seg_end (o);

      if (o->dir == seg->dir || o->len == 0 ||
          (o->analysis & (TV_ANALYSIS_RETRANSMISSION | TV_ANALYSIS_SPURIOUS_RETRANSMISSION)))
        continue;
      if ((gint32) (end - seg->ack) > 0)
        continue;
      if (have_before && (gint32) (end - before) <= 0)
        break;
      n++;
    }
  return n;
}

/* The segment (earlier, same sender) that @index sends again, or -1. */
static gint64
find_original (TvConn *conn,
               guint   index)
{
  const TvSegment *seg = &conn->segs[index];

  for (guint j = scan_start (index); j < index; j++)
    {
      const TvSegment *o = &conn->segs[j];

      if (o->dir == seg->dir && o->seq == seg->seq &&
          (o->len > 0 || FLAG_SET (o, TV_TCP_SYN | TV_TCP_FIN)))
        return j;
    }
  return -1;
}

/* The highest end (seq + len) of what the sender sent before @index. */
static gboolean
sender_next_seq (TvConn  *conn,
                 guint    index,
                 guint32 *next)
{
  TvDirection dir = conn->segs[index].dir;
  gboolean found = FALSE;

  *next = 0;
  for (guint j = scan_start (index); j < index; j++)
    {
      const TvSegment *o = &conn->segs[j];
      guint32 end = seg_end (o);

      if (o->dir != dir)
        continue;
      if (!found || (gint32) (end - *next) > 0)
        *next = end;
      found = TRUE;
    }
  return found;
}

/* Index of the last SYN (without ACK) before @before sent by @dir, or -1:
 * the one an answer answers, when the SYN was sent again. */
static gint64
last_syn_from (TvConn      *conn,
               guint        before,
               TvDirection  dir)
{
  for (gint64 j = (gint64) before - 1; j >= 0; j--)
    if (conn->segs[j].dir == dir &&
        (conn->segs[j].flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN)
      return j;
  return -1;
}

/* Every duration in the explanations: the one formatter. */
static char *
ns_string (gint64 ns)
{
  return tv_format_duration (MAX (ns, 0));
}

/* ---- classification --------------------------------------------------- */

TvExplainKind
tv_explain_classify (TvTracker *tracker,
                     TvConn    *conn,
                     guint      index)
{
  const TvSegment *seg;
  TvDirection from, to;
  guint a;

  g_return_val_if_fail (conn != NULL, TV_EXPLAIN_OTHER);
  g_return_val_if_fail (index < conn->n_segs, TV_EXPLAIN_OTHER);

  seg = &conn->segs[index];
  from = seg->dir;
  to = OTHER (from);
  a = seg->analysis;

  if (FLAG_SET (seg, TV_TCP_RST))
    {
      /* an answer to a SYN from a side that never opened: refused */
      if (prev_from (conn, index, from) < 0 &&
          first_with_flag (conn, index, to, TV_TCP_SYN) >= 0 &&
          first_with_flag (conn, index, from, TV_TCP_SYN) < 0)
        return TV_EXPLAIN_REFUSED;
      return TV_EXPLAIN_RST;
    }

  if (FLAG_SET (seg, TV_TCP_SYN))
    {
      if (a & (TV_ANALYSIS_RETRANSMISSION | TV_ANALYSIS_SPURIOUS_RETRANSMISSION |
               TV_ANALYSIS_FAST_RETRANSMISSION))
        {
          /* in a simultaneous open, the SYN-ACKs repeat the SYNs' numbers:
           * that is the handshake, not a loss */
          if (FLAG_SET (seg, TV_TCP_ACK) &&
              first_with_flag (conn, index, to, TV_TCP_SYN) >= 0 &&
              first_with_flag (conn, index, from, TV_TCP_ACK) < 0)
            return TV_EXPLAIN_SYN_ACK;
          return TV_EXPLAIN_RETRANSMISSION;
        }
      if (FLAG_SET (seg, TV_TCP_ACK))
        return TV_EXPLAIN_SYN_ACK;
      if (first_with_flag (conn, index, to, TV_TCP_SYN) >= 0)
        return TV_EXPLAIN_SYN_SIMULTANEOUS;
      return TV_EXPLAIN_SYN;
    }

  if (a & TV_ANALYSIS_FAST_RETRANSMISSION)
    return TV_EXPLAIN_FAST_RETRANSMISSION;
  if (a & (TV_ANALYSIS_RETRANSMISSION | TV_ANALYSIS_SPURIOUS_RETRANSMISSION))
    return TV_EXPLAIN_RETRANSMISSION;
  if (a & TV_ANALYSIS_KEEP_ALIVE)
    return TV_EXPLAIN_KEEP_ALIVE;
  if (a & TV_ANALYSIS_ZERO_WINDOW_PROBE)
    return TV_EXPLAIN_ZERO_WINDOW_PROBE;

  if (FLAG_SET (seg, TV_TCP_FIN))
    {
      if (first_with_flag (conn, index, to, TV_TCP_FIN) >= 0)
        return TV_EXPLAIN_SECOND_FIN;
      return TV_EXPLAIN_FIN;
    }

  if (seg->len > 0)
    return TV_EXPLAIN_DATA;

  if (a & TV_ANALYSIS_ZERO_WINDOW)
    return TV_EXPLAIN_ZERO_WINDOW;

  if (FLAG_SET (seg, TV_TCP_ACK) &&
      state_before (conn, index, to) == TV_TCP_STATE_SYN_RECEIVED &&
      state_after (seg, to) == TV_TCP_STATE_ESTABLISHED)
    return TV_EXPLAIN_HANDSHAKE_ACK;

  if (FLAG_SET (seg, TV_TCP_ACK) && acks_new (conn, index))
    {
      gint64 j = find_acked (conn, index);

      if (j >= 0 && FLAG_SET (&conn->segs[j], TV_TCP_FIN))
        {
          /* the FIN it acknowledges answered one from this side: the last
           * ACK; unless the FINs crossed (simultaneous close), where each
           * side acknowledges the other's FIN */
          gint64 own = first_with_flag (conn, (guint) j, from, TV_TCP_FIN);
          const TvSegment *fin = &conn->segs[j];
          gboolean crossed = own >= 0 &&
            !(FLAG_SET (fin, TV_TCP_ACK) && (gint32) (fin->ack - seg_end (&conn->segs[own])) >= 0);

          if (own >= 0 && !crossed)
            return TV_EXPLAIN_LAST_ACK;
          return TV_EXPLAIN_ACK_OF_FIN;
        }
    }

  if (a & TV_ANALYSIS_DUPLICATE_ACK)
    return TV_EXPLAIN_DUPLICATE_ACK;
  if (a & TV_ANALYSIS_WINDOW_UPDATE)
    return TV_EXPLAIN_WINDOW_UPDATE;
  if (FLAG_SET (seg, TV_TCP_ACK))
    return TV_EXPLAIN_ACK;

  return TV_EXPLAIN_OTHER;
}

/* ---- titles ----------------------------------------------------------- */

static const struct {
  const char *client;
  const char *server;
} kind_titles[TV_EXPLAIN_N_KINDS] = {
  /* Translators: the titles of the steps of a TCP connection: what a
   * segment is and who sends it.  SYN, SYN-ACK, ACK, FIN and RST are the
   * names of TCP's flags and stay as they are in most languages. */
  [TV_EXPLAIN_OTHER]               = { N_("Segment from the client"), N_("Segment from the server") },
  [TV_EXPLAIN_SYN]                 = { N_("SYN from the client"), N_("SYN from the server") },
  [TV_EXPLAIN_SYN_SIMULTANEOUS]    = { N_("SYN from the client (simultaneous open)"),
                                       N_("SYN from the server (simultaneous open)") },
  [TV_EXPLAIN_SYN_ACK]             = { N_("SYN-ACK from the client"), N_("SYN-ACK from the server") },
  [TV_EXPLAIN_HANDSHAKE_ACK]       = { N_("ACK from the client: handshake complete"),
                                       N_("ACK from the server: handshake complete") },
  [TV_EXPLAIN_DATA]                = { N_("Data from the client"), N_("Data from the server") },
  [TV_EXPLAIN_ACK]                 = { N_("ACK from the client"), N_("ACK from the server") },
  [TV_EXPLAIN_DUPLICATE_ACK]       = { N_("Duplicate ACK from the client"),
                                       N_("Duplicate ACK from the server") },
  [TV_EXPLAIN_ZERO_WINDOW]         = { N_("Zero window from the client"),
                                       N_("Zero window from the server") },
  [TV_EXPLAIN_WINDOW_UPDATE]       = { N_("Window update from the client"),
                                       N_("Window update from the server") },
  [TV_EXPLAIN_KEEP_ALIVE]          = { N_("Keep-alive from the client"), N_("Keep-alive from the server") },
  [TV_EXPLAIN_ZERO_WINDOW_PROBE]   = { N_("Zero window probe from the client"),
                                       N_("Zero window probe from the server") },
  [TV_EXPLAIN_RETRANSMISSION]      = { N_("Retransmission from the client"),
                                       N_("Retransmission from the server") },
  [TV_EXPLAIN_FAST_RETRANSMISSION] = { N_("Fast retransmission from the client"),
                                       N_("Fast retransmission from the server") },
  [TV_EXPLAIN_FIN]                 = { N_("FIN from the client: it starts the close"),
                                       N_("FIN from the server: it starts the close") },
  [TV_EXPLAIN_SECOND_FIN]          = { N_("FIN from the client: it closes its side too"),
                                       N_("FIN from the server: it closes its side too") },
  [TV_EXPLAIN_ACK_OF_FIN]          = { N_("ACK of the FIN, from the client"),
                                       N_("ACK of the FIN, from the server") },
  [TV_EXPLAIN_LAST_ACK]            = { N_("Last ACK, from the client"), N_("Last ACK, from the server") },
  [TV_EXPLAIN_RST]                 = { N_("RST from the client: connection reset"),
                                       N_("RST from the server: connection reset") },
  [TV_EXPLAIN_REFUSED]             = { N_("RST from the client: connection refused"),
                                       N_("RST from the server: connection refused") },
};

const char *
tv_explain_kind_title (TvExplainKind kind,
                       TvDirection   from)
{
  g_return_val_if_fail ((guint) kind < TV_EXPLAIN_N_KINDS, "");

  return _(from == TV_DIR_CLIENT_TO_SERVER ? kind_titles[kind].client : kind_titles[kind].server);
}

char *
tv_explain_title (TvTracker *tracker,
                  TvConn    *conn,
                  guint      index)
{
  TvExplainKind kind;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (index < conn->n_segs, NULL);

  kind = tv_explain_classify (tracker, conn, index);
  /* Translators: the title above the explanation of one segment:
   * "Step 2 of 11: SYN-ACK from the server".  %1$u is the step, %2$u the
   * number of steps, %3$s what the step is. */
  return g_strdup_printf (_("Step %1$u of %2$u: %3$s"), index + 1, conn->n_segs,
                          tv_explain_kind_title (kind, conn->segs[index].dir));
}

/* ---- the sentences ---------------------------------------------------- */

/* "… it carries the HTTP request “GET / HTTP/1.1”." */
static void
say_payload (Explain *ex)
{
  const char *label = tv_tracker_get_label (ex->tracker, ex->seg->label);

  if (ex->seg->label == 0 || label[0] == '\0')
    return;

  switch (ex->seg->label_kind)
    {
    case TV_LABEL_HTTP_REQUEST:
      /* Translators: %s is the first line of an HTTP request, "GET / HTTP/1.1". */
      say (ex, _("They carry the HTTP request “%s”."), label);
      break;
    case TV_LABEL_HTTP_RESPONSE:
      /* Translators: %s is the first line of an HTTP response, "HTTP/1.1 200 OK". */
      say (ex, _("They carry the start of the HTTP response “%s”."), label);
      break;
    case TV_LABEL_TLS:
      /* Translators: %s names the TLS records, "TLS ClientHello". */
      say (ex, _("They carry TLS records: “%s”. What Application Data records hold is encrypted; only "
                 "the two ends can read it."), label);
      break;
    default:
      break;
    }
}

/* The ACK part: what the ack of this segment acknowledges.  @also: the
 * segment is mainly something else (data, a FIN). */
static void
say_ack (Explain  *ex,
         gboolean  also)
{
  const TvSegment *seg = ex->seg;
  gint64 j;
  guint covered;

  if (!FLAG_SET (seg, TV_TCP_ACK))
    return;

  if (!acks_new (ex->conn, ex->index))
    {
      gint64 prev_to = prev_from (ex->conn, ex->index, ex->to);

      if (!also && prev_to >= 0 && (ex->conn->segs[prev_to].analysis & TV_ANALYSIS_KEEP_ALIVE))
        /* Translators: %1$s is "The client" or "The server", %2$s "the client"
         * or "the server", %3$s a number, %4$s the same as %1$s inside a
         * sentence. */
        say (ex, _("%1$s answers the keep-alive probe from %2$s with an ACK that repeats ack = %3$s. "
                   "It acknowledges nothing new, but it shows that %4$s is still there and the "
                   "connection still open."),
             Role (ex->from), role (ex->to), num (ex, show_ack (ex, seg)), role (ex->from));
      else if (!also)
        /* Translators: %1$s is "The client" or "The server", %2$s a number. */
        say (ex, _("%1$s repeats ack = %2$s, the same as in its previous ACK: it acknowledges nothing new."),
             Role (ex->from), num (ex, show_ack (ex, seg)));
      return;
    }

  j = find_acked (ex->conn, ex->index);
  if ((seg->analysis & TV_ANALYSIS_ACKED_UNSEEN) && j < 0)
    {
      /* Translators: %1$s is "The client" or "The server", %2$s a number,
       * %3$s "the client" or "the server". */
      say (ex, _("%1$s acknowledges up to ack = %2$s, but the capture does not show the data it "
                 "acknowledges: %3$s sent it and it arrived, but the capture missed it."),
           Role (ex->from), num (ex, show_ack (ex, seg)), role (ex->to));
      return;
    }

  if (j < 0 && also && prev_from (ex->conn, ex->index, ex->to) < 0)
    return;  /* nothing from the other side in the capture yet */
  if (j < 0 && also)
    {
      /* Translators: %1$s is "the client" or "the server", %2$s a number. */
      say (ex, _("It also acknowledges everything from %1$s before ack = %2$s."),
           role (ex->to), num (ex, show_ack (ex, seg)));
      return;
    }
  if (j < 0)
    {
      /* Translators: %1$s is "The client" or "The server", %2$s a number,
       * %3$s "the client" or "the server". */
      say (ex, _("%1$s acknowledges every byte from %3$s before ack = %2$s: it is the next byte it expects."),
           Role (ex->from), num (ex, show_ack (ex, seg)), role (ex->to));
      return;
    }

  {
    const TvSegment *d = &ex->conn->segs[j];

    if (d->len > 0 && !FLAG_SET (d, TV_TCP_SYN | TV_TCP_FIN))
      {
        if (also)
          /* Translators: %1$s is "the client" or "the server"; %2$s, %3$s,
           * %4$s are numbers (seq + len = ack), %5$s a step number. */
          say (ex, g_dngettext (GETTEXT_PACKAGE,
                                "It also acknowledges the %3$s byte from %1$s in step %5$s: ack = %2$s + %3$s = %4$s, "
                                "that segment's seq + len.",
                                "It also acknowledges the %3$s bytes from %1$s in step %5$s: ack = %2$s + %3$s = %4$s, "
                                "that segment's seq + len.", d->len),
               role (ex->to), num (ex, show_seq (ex, d)), num (ex, d->len),
               num (ex, show_ack (ex, seg)), num (ex, (guint64) j + 1));
        else
          /* Translators: %1$s is "The client" or "The server", %2$s "the
           * client" or "the server"; %3$s, %4$s, %5$s are numbers (seq +
           * len = ack), %6$s a step number. */
          say (ex, g_dngettext (GETTEXT_PACKAGE,
                                "%1$s acknowledges the %4$s byte of data from %2$s in step %6$s: ack = seq + len "
                                "of that segment = %3$s + %4$s = %5$s, the next byte it expects.",
                                "%1$s acknowledges the %4$s bytes of data from %2$s in step %6$s: ack = seq + len "
                                "of that segment = %3$s + %4$s = %5$s, the next byte it expects.", d->len),
               Role (ex->from), role (ex->to), num (ex, show_seq (ex, d)), num (ex, d->len),
               num (ex, show_ack (ex, seg)), num (ex, (guint64) j + 1));

        if (seg->analysis & TV_ANALYSIS_ACKED_UNSEEN)
          /* Translators: %1$s is "the client" or "the server". */
          say (ex, _("It also covers bytes that are not in the capture: %1$s sent them and they arrived, "
                     "but the capture missed them."),
               role (ex->to));
        covered = count_acked_segments (ex->conn, ex->index);
        if (covered > 1)
          /* Translators: %1$s is a number of segments, %2$s a number. */
          say (ex, g_dngettext (GETTEXT_PACKAGE,
                                "ACKs are cumulative: this one acknowledges the %1$s segment that arrived since "
                                "the previous ACK, every byte before %2$s.",
                                "ACKs are cumulative: this one acknowledges the %1$s segments that arrived since "
                                "the previous ACK, every byte before %2$s.", covered),
               num (ex, covered), num (ex, show_ack (ex, seg)));
      }
    else if (FLAG_SET (d, TV_TCP_FIN) && also)
      /* Translators: %1$s is "the client" or "the server"; %2$s, %3$s are
       * numbers (the FIN's seq, and seq + 1). */
      say (ex, _("It also acknowledges the FIN from %1$s: ack = %2$s + 1 = %3$s."),
           role (ex->to), num (ex, show_in_space (ex, ex->to, seg_end (d) - 1)),
           num (ex, show_ack (ex, seg)));
    else if (also)
      /* Translators: %1$s is "the client" or "the server", %2$s a number. */
      say (ex, _("It also acknowledges everything from %1$s before ack = %2$s."),
           role (ex->to), num (ex, show_ack (ex, seg)));
  }
}

/* What made an end change state on receiving something. */
typedef enum {
  CAUSE_NONE,
  CAUSE_SYN,
  CAUSE_ACK_OF_SYN,
  CAUSE_FIN,
  CAUSE_ACK_OF_FIN,
  CAUSE_RST,
} Cause;

/* The reception that takes an end from @from to @to, in RFC 9293. */
static Cause
reception_cause (guint from,
                 guint to)
{
  switch (to)
    {
    case TV_TCP_STATE_SYN_RECEIVED:
      return CAUSE_SYN;
    case TV_TCP_STATE_ESTABLISHED:
      return from == TV_TCP_STATE_SYN_SENT ? CAUSE_SYN : CAUSE_ACK_OF_SYN;
    case TV_TCP_STATE_CLOSE_WAIT:
    case TV_TCP_STATE_CLOSING:
      return CAUSE_FIN;
    case TV_TCP_STATE_FIN_WAIT_2:
      return CAUSE_ACK_OF_FIN;
    case TV_TCP_STATE_TIME_WAIT:
      return from == TV_TCP_STATE_CLOSING ? CAUSE_ACK_OF_FIN : CAUSE_FIN;
    case TV_TCP_STATE_CLOSED:
      return from == TV_TCP_STATE_LAST_ACK ? CAUSE_ACK_OF_FIN : CAUSE_RST;
    case TV_TCP_STATE_LISTEN:
      return CAUSE_RST;
    default:
      return CAUSE_NONE;
    }
}

/* Does @seg (sent to @receiver) carry @cause? */
static gboolean
carries (TvConn          *conn,
         const TvSegment *seg,
         TvDirection      receiver,
         Cause            cause)
{
  const TvConnSide *r = &conn->side[receiver];

  switch (cause)
    {
    case CAUSE_SYN:
      return FLAG_SET (seg, TV_TCP_SYN);
    case CAUSE_ACK_OF_SYN:
      return FLAG_SET (seg, TV_TCP_ACK) && !FLAG_SET (seg, TV_TCP_RST) && r->syn_seen &&
             (gint32) (seg->ack - (r->isn + 1)) >= 0;
    case CAUSE_FIN:
      return FLAG_SET (seg, TV_TCP_FIN) && !FLAG_SET (seg, TV_TCP_RST);
    case CAUSE_ACK_OF_FIN:
      return FLAG_SET (seg, TV_TCP_ACK) && !FLAG_SET (seg, TV_TCP_RST) && r->fin_seen &&
             (gint32) (seg->ack - (r->fin_seq + 1)) >= 0;
    case CAUSE_RST:
      return FLAG_SET (seg, TV_TCP_RST);
    case CAUSE_NONE:
    default:
      return FALSE;
    }
}

/* Does sending @seg take its sender from @from to @to? */
static gboolean
send_explains (const TvSegment *seg,
               guint            from,
               guint            to)
{
  if (from == TV_TCP_STATE_UNKNOWN)
    return TRUE;
  switch (to)
    {
    case TV_TCP_STATE_SYN_SENT:
      return (seg->flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN;
    case TV_TCP_STATE_SYN_RECEIVED:
      return (seg->flags & (TV_TCP_SYN | TV_TCP_ACK)) == (TV_TCP_SYN | TV_TCP_ACK);
    case TV_TCP_STATE_FIN_WAIT_1:
    case TV_TCP_STATE_LAST_ACK:
      return FLAG_SET (seg, TV_TCP_FIN);
    case TV_TCP_STATE_CLOSED:
      return FLAG_SET (seg, TV_TCP_RST);
    case TV_TCP_STATE_ESTABLISHED:
      /* its first segment after a handshake the capture did not fully show */
      return from == TV_TCP_STATE_SYN_SENT || from == TV_TCP_STATE_SYN_RECEIVED;
    default:
      return FALSE;
    }
}

/* "the FIN", "the ACK of its FIN", … as the object of a sentence. */
static const char *
cause_name (Cause cause)
{
  switch (cause)
    {
    case CAUSE_SYN:
      /* Translators: what an end receives, inside a sentence ("… receives
       * the SYN that the client sent in step 1 …"). */
      return _("the SYN");
    case CAUSE_ACK_OF_SYN:
      /* Translators: the same; "its" is the end that receives it. */
      return _("the ACK of its SYN");
    case CAUSE_FIN:
      /* Translators: the same. */
      return _("the FIN");
    case CAUSE_ACK_OF_FIN:
      /* Translators: the same; "its" is the end that receives it. */
      return _("the ACK of its FIN");
    case CAUSE_RST:
    case CAUSE_NONE:
    default:
      /* Translators: the same. */
      return _("the RST");
    }
}

/* The first segment before @before, sent to @receiver, that carries
 * @cause, or -1. */
static gint64
find_cause (TvConn      *conn,
            guint        before,
            TvDirection  receiver,
            Cause        cause)
{
  for (guint j = scan_start (before); j < before; j++)
    if (conn->segs[j].dir != receiver && carries (conn, &conn->segs[j], receiver, cause))
      return j;
  return -1;
}

/* @side's state changed at this step though this segment does not explain
 * it: something the other end sent earlier reaches it only now. */
static gboolean
say_late_arrival (Explain     *ex,
                  TvDirection  side,
                  guint        before,
                  guint        after)
{
  Cause cause = reception_cause (before, after);
  gint64 j = find_cause (ex->conn, ex->index, side, cause);
  gint64 own = prev_from (ex->conn, ex->index + (side == ex->from ? 0 : 1), side);

  if (j < 0)
    return FALSE;
  if (side == ex->from)
    /* Translators: %1$s is "The client" or "The server", %2$s what it
     * received ("the FIN"), %3$s "the client" or "the server", %4$s a step
     * number, %5$s and %6$s TCP states. */
    say (ex, _("%1$s had received %2$s that %3$s sent in step %4$s before it sent this segment: it moved "
               "from %5$s to %6$s."),
         Role (side), cause_name (cause), role (OTHER (side)), num (ex, (guint64) j + 1),
         state_name (before), state_name (after));
  else if (own > j)
    /* Translators: %1$s is "The client" or "The server", %2$s and %3$s TCP
     * states, %4$s what it receives ("the FIN"), %5$s "the client" or "the
     * server", %6$s and %7$s step numbers, %8$s the same as %1$s inside a
     * sentence. */
    say (ex, _("%1$s moves from %2$s to %3$s: only now does it receive %4$s that %5$s sent in step %6$s, "
               "which was still on its way when %8$s sent step %7$s."),
         Role (side), state_name (before), state_name (after), cause_name (cause), role (OTHER (side)),
         num (ex, (guint64) j + 1), num (ex, (guint64) own + 1), role (side));
  else
    /* Translators: %1$s is "The client" or "The server", %2$s and %3$s TCP
     * states, %4$s what it receives ("the FIN"), %5$s "the client" or "the
     * server", %6$s a step number. */
    say (ex, _("%1$s moves from %2$s to %3$s: only now does it receive %4$s that %5$s sent in step %6$s."),
         Role (side), state_name (before), state_name (after), cause_name (cause), role (OTHER (side)),
         num (ex, (guint64) j + 1));
  return TRUE;
}

/* "The client is now in X; the server, on receiving it, moves to Y.", or
 * where a state changed for something sent earlier, what and when. */
static void
say_states (Explain *ex)
{
  guint s_after = state_after (ex->seg, ex->from);
  guint r_after = state_after (ex->seg, ex->to);
  guint s_before = state_before (ex->conn, ex->index, ex->from);
  guint r_before = state_before (ex->conn, ex->index, ex->to);
  gboolean s_own, r_own;

  if (s_after == s_before && r_after == r_before)
    return;
  /* a capture that starts mid-connection: the states are assumed (said
   * once, by the first segment's explanation) */
  if (s_before == TV_TCP_STATE_UNKNOWN && r_before == TV_TCP_STATE_UNKNOWN)
    return;

  s_own = s_after == s_before || send_explains (ex->seg, s_before, s_after);
  r_own = r_after == r_before || r_before == TV_TCP_STATE_UNKNOWN ||
          carries (ex->conn, ex->seg, ex->to, reception_cause (r_before, r_after));
  if (!s_own && !say_late_arrival (ex, ex->from, s_before, s_after))
    s_own = TRUE;
  if (!r_own && !say_late_arrival (ex, ex->to, r_before, r_after))
    r_own = TRUE;

  if (s_own && s_after != s_before && r_own && r_after != r_before)
    /* Translators: %1$s is "The client" or "The server", %3$s "the client"
     * or "the server"; %2$s and %4$s are TCP states. */
    say (ex, _("%1$s is now in %2$s; %3$s, on receiving it, moves to %4$s."),
         Role (ex->from), state_name (s_after), role (ex->to), state_name (r_after));
  else if (s_own && s_after != s_before)
    /* Translators: %1$s is "The client" or "The server", %2$s a TCP state
     * (SYN_SENT, ESTABLISHED, …: not translated). */
    say (ex, _("%1$s is now in %2$s."), Role (ex->from), state_name (s_after));
  else if (r_own && r_after != r_before)
    /* Translators: %1$s is "The client" or "The server", %2$s a TCP state. */
    say (ex, _("%1$s, on receiving it, moves to %2$s."), Role (ex->to), state_name (r_after));
}

static void
explain_syn (Explain *ex)
{
  const TvSegment *seg = ex->seg;
  guint16 port = ex->to == TV_DIR_CLIENT_TO_SERVER ? ex->conn->client.port : ex->conn->server.port;

  if (ex->absolute)
    /* Translators: %1$s is "The client" or "The server", %2$s the initial
     * sequence number. */
    say (ex, _("%1$s opens the connection: it picks an initial sequence number (ISN) x = %2$s and "
               "sends a SYN with seq = x. The ISN is chosen hard to guess, so that segments of an older "
               "connection, or forged ones, do not fit into this one."),
         Role (ex->from), num (ex, seg->seq));
  else
    /* Translators: %1$s is "The client" or "The server", %2$s the initial
     * sequence number. */
    say (ex, _("%1$s opens the connection: it picks an initial sequence number (ISN) x = %2$s and "
               "sends a SYN with seq = x, shown here as relative seq = 0 (relative numbers count "
               "from the ISN). The ISN is chosen hard to guess, so that segments of an older "
               "connection, or forged ones, do not fit into this one."),
         Role (ex->from), num (ex, seg->seq));

  /* Translators: %1$s is "the client" or "the server"; %2$s, %3$s are
   * numbers: x, and x + 1. */
  say (ex, _("A SYN usually carries no data, but it consumes one sequence number, so the first data byte of %1$s "
             "will have seq = %2$s + 1 = %3$s."),
       role (ex->from), num (ex, show_seq (ex, seg)), num (ex, show_seq (ex, seg) + 1u));

  if (state_after (seg, ex->to) == TV_TCP_STATE_SYN_RECEIVED &&
      state_before (ex->conn, ex->index, ex->to) == TV_TCP_STATE_LISTEN)
    /* Translators: %1$s is "The client" or "The server", %2$s a TCP state;
     * %3$s is "the client" or "the server", %4$s a port number. */
    say (ex, _("%1$s is now in %2$s, waiting for an answer. A program listens on port %4$s of %3$s (it "
               "answers with a SYN-ACK), so %3$s moves from LISTEN to SYN_RECEIVED when the SYN arrives."),
         Role (ex->from), state_name (state_after (seg, ex->from)), role (ex->to), num (ex, port));
  else
    say_states (ex);
}

static void
explain_syn_simultaneous (Explain *ex)
{
  /* Translators: %1$s is "The client" or "The server", %2$s "the client" or
   * "the server", %3$s an initial sequence number. */
  say (ex, _("%1$s sends its own SYN, with ISN %3$s, before the SYN from %2$s has reached it: both "
             "ends open the connection at the same time (a simultaneous open, rare but allowed by TCP)."),
       Role (ex->from), role (ex->to), num (ex, ex->seg->seq));
  /* Translators: no placeholders. */
  say (ex, _("Each side will answer the other's SYN with a SYN-ACK, and each SYN consumes one sequence "
             "number as usual."));
  say_states (ex);
}

static void
explain_syn_ack (Explain *ex)
{
  const TvSegment *seg = ex->seg;
  guint32 y = seg->seq;
  guint32 acked_x = show_ack (ex, seg) - 1u;
  gint64 own_syn = first_with_flag (ex->conn, ex->index, ex->from, TV_TCP_SYN);
  gint64 syn;

  if (ex->absolute)
    /* Translators: %1$s is "The server" (or "The client"), %2$s "the client"
     * (or "the server"); %3$s + 1 = %4$s is the ack; %5$s the server's
     * initial sequence number; %6$s "the server" (or "the client"), %7$s
     * a TCP state (SYN_RECEIVED). */
    say (ex, _("%1$s acknowledges the SYN from %2$s with ack = %3$s + 1 = %4$s, because a SYN consumes "
               "one sequence number, and sends its own SYN with ISN %5$s; %6$s is now in %7$s."),
         Role (ex->from), role (ex->to), num (ex, acked_x), num (ex, show_ack (ex, seg)),
         num (ex, y), role (ex->from), state_name (state_after (seg, ex->from)));
  else
    /* Translators: the same with relative numbers: %3$s + 1 = %4$s is the
     * ack, relative to the ISN of the SYN it acknowledges. */
    say (ex, _("%1$s acknowledges the SYN from %2$s with ack = %3$s + 1 = %4$s (relative), because a SYN "
               "consumes one sequence number, and sends its own SYN with ISN %5$s (relative seq = 0); "
               "%6$s is now in %7$s."),
         Role (ex->from), role (ex->to), num (ex, acked_x), num (ex, show_ack (ex, seg)),
         num (ex, y), role (ex->from), state_name (state_after (seg, ex->from)));

  if (own_syn >= 0)
    /* Translators: %1$s is "the client" or "the server". */
    say (ex, _("It repeats the SYN it already sent, this time with the ACK for the SYN from %1$s."),
         role (ex->to));

  syn = last_syn_from (ex->conn, ex->index, ex->to);
  if (syn >= 0 && own_syn < 0)
    {
      g_autofree char *d = ns_string (seg->time_ns - ex->conn->segs[syn].time_ns);

      if (state_after (seg, ex->to) == TV_TCP_STATE_ESTABLISHED)
        /* Translators: %1$s is a duration ("0.612 ms"), %2$s "The client"
         * or "The server", %3$s a TCP state (ESTABLISHED). */
        say (ex, _("It was captured %1$s after the SYN. %2$s, on receiving it, is %3$s and answers with "
                   "the last ACK of the handshake."),
             d, Role (ex->to), state_name (TV_TCP_STATE_ESTABLISHED));
      else
        /* Translators: %1$s is a duration ("0.612 ms"). */
        say (ex, _("It was captured %1$s after the SYN."), d);
    }
  else if (state_after (seg, ex->to) != state_before (ex->conn, ex->index, ex->to))
    /* Translators: %1$s is "The client" or "The server", %2$s a TCP state. */
    say (ex, _("%1$s, on receiving it, moves to %2$s."), Role (ex->to),
         state_name (state_after (seg, ex->to)));
}

static void
explain_handshake_ack (Explain *ex)
{
  const TvSegment *seg = ex->seg;
  gint64 rtt = tv_conn_initial_rtt (ex->conn);
  gint64 delay = tv_conn_syn_retransmission_delay (ex->conn);
  gint64 syn;

  /* Translators: %1$s is "The client" or "The server", %2$s "the client" or
   * "the server"; %3$s is the seq of that SYN, %3$s + 1 = %4$s the ack. */
  say (ex, _("%1$s acknowledges the SYN from %2$s, whose seq was %3$s, with ack = %3$s + 1 = %4$s, which "
             "completes the three-way handshake."),
       Role (ex->from), role (ex->to), num (ex, show_ack (ex, seg) - 1u), num (ex, show_ack (ex, seg)));

  if (state_after (seg, ex->from) == TV_TCP_STATE_ESTABLISHED &&
      state_after (seg, ex->to) == TV_TCP_STATE_ESTABLISHED)
    /* Translators: %1$s is a TCP state (ESTABLISHED). */
    say (ex, _("Both ends are now %1$s, and either may send data."), state_name (TV_TCP_STATE_ESTABLISHED));
  else
    say_states (ex);

  syn = last_syn_from (ex->conn, ex->index, ex->from);
  if (rtt >= 0 && syn >= 0 && ABS (seg->time_ns - ex->conn->segs[syn].time_ns - rtt) < 1000)
    {
      g_autofree char *d = ns_string (rtt);

      /* Translators: %1$s is a duration ("653 µs"). */
      say (ex, _("From the SYN to this ACK took %1$s: the initial round-trip time (RTT) between the two ends, "
                 "the least time any request over this connection can take."), d);
    }
  else if (rtt >= 0)
    {
      g_autofree char *d = ns_string (rtt);

      /* Translators: %1$s is a duration ("653 µs"). */
      say (ex, _("The initial round-trip time (RTT), from the last SYN to the first ACK after it, is %1$s: "
                 "the least time any request over this connection can take."), d);
    }
  if (delay > 0 && rtt >= 0)
    {
      g_autofree char *d = ns_string (delay);
      g_autofree char *total = ns_string (delay + rtt);

      /* Translators: %1$s and %2$s are durations. */
      say (ex, _("The first SYN got no answer and was sent again %1$s later (its retransmission delay), so "
                 "opening the connection took %2$s in all."), d, total);
    }
}

static void
say_data (Explain *ex)
{
  const TvSegment *seg = ex->seg;
  guint32 seq = show_seq (ex, seg);

  if (ex->absolute)
    /* Translators: %1$s is "The client" or "The server"; %2$s the number of
     * bytes, %3$s the seq, %4$s seq + len, %5$s the seq of the last byte
     * (seq + len - 1). */
    say (ex, g_dngettext (GETTEXT_PACKAGE,
                          "%1$s sends %2$s byte of data with seq = %3$s: it is byte %3$s of its stream, so its "
                          "next segment will start at seq + len = %3$s + %2$s = %4$s.",
                          "%1$s sends %2$s bytes of data with seq = %3$s: they are bytes %3$s to %5$s of its "
                          "stream, so its next segment will start at seq + len = %3$s + %2$s = %4$s.", seg->len),
         Role (ex->from), num (ex, seg->len), num (ex, seq), num (ex, seq + seg->len),
         num (ex, seq + seg->len - 1u));
  else
    /* Translators: the same with relative numbers. */
    say (ex, g_dngettext (GETTEXT_PACKAGE,
                          "%1$s sends %2$s byte of data with seq = %3$s: it is byte %3$s of its stream (relative "
                          "numbers), so its next segment will start at seq + len = %3$s + %2$s = %4$s.",
                          "%1$s sends %2$s bytes of data with seq = %3$s: they are bytes %3$s to %5$s of its "
                          "stream (relative numbers), so its next segment will start at seq + len = %3$s + %2$s "
                          "= %4$s.", seg->len),
         Role (ex->from), num (ex, seg->len), num (ex, seq), num (ex, seq + seg->len),
         num (ex, seq + seg->len - 1u));
  say_payload (ex);
}

/* Marks on a data segment besides retransmission. */
static void
say_data_marks (Explain *ex)
{
  const TvSegment *seg = ex->seg;
  guint32 next;

  if ((seg->analysis & TV_ANALYSIS_PREVIOUS_NOT_CAPTURED) &&
      sender_next_seq (ex->conn, ex->index, &next))
    /* Translators: %1$s is "the client" or "the server"; %2$s, %3$s, %4$s
     * are sequence numbers. */
    say (ex, _("Previous segment not captured: this segment starts at seq = %2$s, but what %1$s sent "
               "before ended at %3$s, so the bytes from %3$s to %4$s are not in the capture. They were "
               "lost before the capture point, or the capture missed them; the ACKs tell which."),
         role (ex->from), num (ex, show_seq (ex, seg)), num (ex, show_in_space (ex, ex->from, next)),
         num (ex, show_seq (ex, seg) - 1u));
  if (seg->analysis & TV_ANALYSIS_OUT_OF_ORDER)
    /* Translators: no placeholders. */
    say (ex, _("Out of order: it starts below data already seen, without being a copy of it; it was "
               "probably overtaken on the way."));
  if (seg->analysis & TV_ANALYSIS_WINDOW_FULL)
    /* Translators: %1$s is "the client" or "the server", %2$s "The client"
     * or "The server". */
    say (ex, _("Window full: this segment fills the receive window that %1$s advertised. %2$s may send "
               "no more until an ACK opens the window again."),
         role (ex->to), Role (ex->from));
}

static void
explain_data (Explain *ex)
{
  say_data (ex);
  say_data_marks (ex);
  if (state_after (ex->seg, ex->from) == TV_TCP_STATE_CLOSE_WAIT)
    /* Translators: %1$s is "The client" or "The server", %2$s a TCP state
     * (CLOSE_WAIT), %3$s "the client" or "the server", %4$s the same as
     * %1$s inside a sentence. */
    say (ex, _("%1$s is in %2$s: %3$s has closed its direction with a FIN, but this direction is still "
               "open, so %4$s may go on sending until it closes too (a half-close)."),
         Role (ex->from), state_name (TV_TCP_STATE_CLOSE_WAIT), role (ex->to), role (ex->from));
  say_ack (ex, TRUE);
  say_states (ex);
}

static void
explain_retransmission (Explain *ex,
                        gboolean fast)
{
  const TvSegment *seg = ex->seg;
  gint64 j = find_original (ex->conn, ex->index);
  g_autofree char *d = NULL;
  guint n_dup = 0;

  if (j >= 0)
    d = ns_string (seg->time_ns - ex->conn->segs[j].time_ns);

  if (FLAG_SET (seg, TV_TCP_SYN) && !FLAG_SET (seg, TV_TCP_ACK))
    {
      /* Translators: %1$s is "The client" or "The server", %2$s a sequence
       * number, %3$s a duration ("1.00 s"). */
      say (ex, _("%1$s sends its SYN again, with the same seq = %2$s: no SYN-ACK came back within %3$s, "
                 "so it assumes that the SYN or the answer was lost."),
           Role (ex->from), num (ex, show_seq (ex, seg)), d != NULL ? d : "?");
      /* Translators: no placeholders. */
      say (ex, _("Linux waits 1 s before it sends a SYN again, and twice as long before each further try."));
      say_states (ex);
      return;
    }

  if (fast)
    {
      for (gint64 k = (gint64) ex->index - 1; k >= (gint64) scan_start (ex->index); k--)
        if (ex->conn->segs[k].dir == ex->to &&
            (ex->conn->segs[k].analysis & TV_ANALYSIS_DUPLICATE_ACK) &&
            ex->conn->segs[k].ack == seg->seq)
          n_dup++;
      /* Translators: %1$s is "the client" or "the server", %2$s a sequence
       * number, %3$s a step number, %4$s a number of duplicate ACKs. */
      say (ex, _("Fast retransmission: %1$s sends seq = %2$s again (first sent in step %3$s) as soon as "
                 "%4$s duplicate ACKs have asked for it, without waiting for its retransmission timer."),
           role (ex->from), num (ex, show_seq (ex, seg)), j >= 0 ? num (ex, (guint64) j + 1) : "?",
           num (ex, n_dup));
      /* Translators: no placeholders. */
      say (ex, _("The duplicate ACKs show that later segments arrive, so the path still works and only this "
                 "segment was lost."));
    }
  else if (j >= 0)
    /* Translators: %1$s is "the client" or "the server", %2$s a sequence
     * number, %3$s a step number, %4$s a duration. */
    say (ex, _("Retransmission: %1$s sends seq = %2$s again; it first sent it in step %3$s, %4$s earlier. "
               "No ACK for it came back in time, so its retransmission timer (RTO) expired and it assumes "
               "that the segment or its ACK was lost."),
         role (ex->from), num (ex, show_seq (ex, seg)), num (ex, (guint64) j + 1), d);
  else
    /* Translators: %1$s is "the client" or "the server", %2$s a sequence
     * number. */
    say (ex, _("Retransmission: %1$s sends seq = %2$s again, data it had sent before the capture "
               "shows; no ACK for it came back in time."),
         role (ex->from), num (ex, show_seq (ex, seg)));

  if (seg->analysis & TV_ANALYSIS_SPURIOUS_RETRANSMISSION)
    /* Translators: %1$s is "the client" or "the server". */
    say (ex, _("It was not needed (a spurious retransmission): %1$s had already acknowledged these bytes."),
         role (ex->to));

  if (seg->len > 0)
    /* Translators: %1$s is a number of bytes, %2$s the seq, %3$s seq + len. */
    say (ex, g_dngettext (GETTEXT_PACKAGE,
                          "It carries the same %1$s byte, so it still ends at seq + len = %2$s + %1$s = %3$s.",
                          "It carries the same %1$s bytes, so it still ends at seq + len = %2$s + %1$s = %3$s.",
                          seg->len),
         num (ex, seg->len), num (ex, show_seq (ex, seg)), num (ex, show_seq (ex, seg) + seg->len));
  else if (FLAG_SET (seg, TV_TCP_FIN))
    /* Translators: no placeholders. */
    say (ex, _("It is the FIN again: the first one was not acknowledged in time."));
  say_payload (ex);
  say_states (ex);
}

static void
explain_dup_ack (Explain *ex)
{
  const TvSegment *seg = ex->seg;
  gint64 prev_to = prev_from (ex->conn, ex->index, ex->to);
  guint nth = 1;

  if (prev_to >= 0 && (ex->conn->segs[prev_to].analysis & TV_ANALYSIS_KEEP_ALIVE))
    {
      /* Translators: %1$s is "The client" or "The server", %2$s "the client"
       * or "the server", %3$s a number, %4$s the same as %1$s inside a
       * sentence. */
      say (ex, _("%1$s answers the keep-alive probe from %2$s with an ACK that repeats ack = %3$s. "
                 "It acknowledges nothing new, but it shows that %4$s is still there and the "
                 "connection still open."),
           Role (ex->from), role (ex->to), num (ex, show_ack (ex, seg)), role (ex->from));
      return;
    }

  for (gint64 k = (gint64) ex->index - 1; k >= 0; k--)
    {
      const TvSegment *o = &ex->conn->segs[k];

      if (o->dir != ex->from)
        continue;
      if (!(o->analysis & TV_ANALYSIS_DUPLICATE_ACK) || o->ack != seg->ack)
        break;
      nth++;
    }

  /* Translators: %1$s is "the client" or "the server", %2$s a number, %3$s
   * which duplicate this is (1, 2, 3, …), %4$s "the client" or "the
   * server". */
  say (ex, _("Duplicate ACK number %3$s: %1$s repeats ack = %2$s although more data arrived. It tells "
             "%4$s that a segment is missing: %1$s has received bytes beyond a gap and still waits "
             "for seq = %2$s."),
       role (ex->from), num (ex, show_ack (ex, seg)), num (ex, nth), role (ex->to));
  if (nth < 3)
    /* Translators: %1$s is "the client" or "the server". */
    say (ex, _("After three duplicate ACKs, %1$s sends the missing segment again at once (fast "
               "retransmit) instead of waiting for its retransmission timer."),
         role (ex->to));
  else
    /* Translators: %1$s is "the client" or "the server". */
    say (ex, _("This is the third or a later one: %1$s should now send the missing segment again at "
               "once (fast retransmit)."),
         role (ex->to));
}

static void
explain_zero_window (Explain *ex)
{
  /* Translators: %1$s is "the client" or "the server", %2$s "the client" or
   * "the server". */
  say (ex, _("Zero window: %1$s advertises a receive window of 0 bytes. Its buffer is full because its "
             "application is not reading fast enough, so %2$s must stop sending and probe from time to "
             "time until the window opens again."),
       role (ex->from), role (ex->to));
  if (acks_new (ex->conn, ex->index))
    say_ack (ex, TRUE);
  else
    /* Translators: %1$s is a number. */
    say (ex, _("Its ack = %1$s is the same as before: nothing new has arrived."),
         num (ex, show_ack (ex, ex->seg)));
}

static void
explain_window_update (Explain *ex)
{
  /* Translators: %1$s is "the client" or "the server", %2$s a number of
   * bytes, %3$s "the client" or "the server", %4$s a number. */
  say (ex, g_dngettext (GETTEXT_PACKAGE,
                        "Window update: %1$s opens its receive window again, to %2$s byte, so %3$s may "
                        "send again. Its ack = %4$s is the same as before: the segment only announces the "
                        "new window.",
                        "Window update: %1$s opens its receive window again, to %2$s bytes, so %3$s may "
                        "send again. Its ack = %4$s is the same as before: the segment only announces the "
                        "new window.", ex->seg->window),
       role (ex->from), num (ex, ex->seg->window), role (ex->to), num (ex, show_ack (ex, ex->seg)));
}

static void
explain_keep_alive (Explain *ex)
{
  const TvSegment *seg = ex->seg;
  g_autofree char *d = NULL;

  if (ex->index > 0)
    d = ns_string (seg->time_ns - ex->conn->segs[ex->index - 1].time_ns);
  /* Translators: %1$s is a duration, %2$s "the client" or "the server", %3$s
   * a sequence number, %4$s that number + 1, %5$s "the client" or "the
   * server". */
  say (ex, _("Keep-alive: after %1$s of silence, %2$s sends a segment with seq = %3$s, one less than "
             "its next sequence number %4$s, so it carries nothing new. Its only purpose is to make "
             "%5$s answer with an ACK, which shows that the other end and the path are still alive."),
       d != NULL ? d : "?", role (ex->from), num (ex, show_seq (ex, seg)),
       num (ex, show_seq (ex, seg) + 1u), role (ex->to));
  if (seg->len > 0)
    /* Translators: no placeholders. */
    say (ex, _("Some systems put one byte of garbage in a keep-alive; the receiver throws it away."));
}

static void
explain_zero_window_probe (Explain *ex)
{
  /* Translators: %1$s is "the client" or "the server", %2$s "the client" or
   * "the server", %3$s a sequence number. */
  say (ex, _("Zero window probe: the receive window of %1$s is 0, so %2$s sends a single byte (seq = %3$s) "
             "to ask whether it has opened. The answer carries the current window; while it stays 0, "
             "the probes repeat, less and less often."),
       role (ex->to), role (ex->from), num (ex, show_seq (ex, ex->seg)));
}

static void
explain_fin (Explain *ex,
             gboolean second)
{
  const TvSegment *seg = ex->seg;
  guint32 fin = show_seq (ex, seg) + seg->len;
  guint s_after = state_after (seg, ex->from);
  guint r_after = state_after (seg, ex->to);

  if (seg->len > 0)
    say_data (ex);

  if (!second)
    /* Translators: %1$s is "The client" or "The server", %2$s the FIN's
     * sequence number, %3$s "the client" or "the server", %4$s the number
     * + 1. */
    say (ex, _("%1$s starts the close with a FIN: it will send no more data, but it can still receive "
               "(a half-close). A FIN consumes one sequence number, like a SYN: it has seq = %2$s, so "
               "%3$s will acknowledge it with ack = %2$s + 1 = %4$s."),
         Role (ex->from), num (ex, fin), role (ex->to), num (ex, fin + 1u));
  else
    /* Translators: %1$s is "The client" or "The server", %2$s the FIN's
     * sequence number, %3$s "the client" or "the server", %4$s the number
     * + 1. */
    say (ex, _("%1$s closes its side too: its FIN has seq = %2$s and consumes one sequence number, so "
               "%3$s will acknowledge it with ack = %2$s + 1 = %4$s."),
         Role (ex->from), num (ex, fin), role (ex->to), num (ex, fin + 1u));

  if (second && acks_new (ex->conn, ex->index))
    say_ack (ex, TRUE);
  else if (!second && acks_new (ex->conn, ex->index))
    say_ack (ex, TRUE);

  if (second && !(FLAG_SET (seg, TV_TCP_ACK) && ex->conn->side[ex->to].fin_seen &&
                   (gint32) (seg->ack - (ex->conn->side[ex->to].fin_seq + 1)) >= 0))
    {
      /* Translators: %1$s and %2$s are "the client" or "the server". */
      say (ex, _("The two FINs crossed: %1$s sent its FIN before the FIN from %2$s reached it, since its ack "
                 "does not acknowledge that FIN (a simultaneous close)."),
           role (ex->from), role (ex->to));
      /* Translators: %1$s, %2$s and %3$s are TCP states (FIN_WAIT_1,
       * CLOSING, TIME_WAIT). */
      say (ex, _("Each end goes from %1$s to %2$s when the other's FIN arrives, and from %2$s to %3$s when the "
                 "ACK of its own FIN arrives."),
           state_name (TV_TCP_STATE_FIN_WAIT_1), state_name (TV_TCP_STATE_CLOSING),
           state_name (TV_TCP_STATE_TIME_WAIT));
      say_states (ex);
    }
  else if (!second && r_after == TV_TCP_STATE_CLOSE_WAIT)
    /* Translators: %1$s is "The client" or "The server", %2$s a TCP state
     * (FIN_WAIT_1); %3$s "the client" or "the server", %4$s a TCP state
     * (CLOSE_WAIT). */
    say (ex, _("%1$s is now in %2$s, waiting for the ACK of its FIN; %3$s, on receiving it, moves to %4$s, "
               "where it may still send data until its application closes too."),
         Role (ex->from), state_name (s_after), role (ex->to), state_name (r_after));
  else if (second && r_after == TV_TCP_STATE_TIME_WAIT)
    /* Translators: %1$s is "The client" or "The server", %2$s a TCP state
     * (LAST_ACK); %3$s "the client" or "the server", %4$s a TCP state
     * (TIME_WAIT). */
    say (ex, _("%1$s is now in %2$s, waiting for the last ACK; %3$s, on receiving the FIN, enters %4$s: "
               "it sends that last ACK and then waits before it forgets the connection."),
         Role (ex->from), state_name (s_after), role (ex->to), state_name (r_after));
  else
    say_states (ex);
}

static void
say_time_wait (Explain *ex)
{
  /* Translators: %1$s is "The client" or "The server", %2$s a TCP state
   * (TIME_WAIT), %3$s "the client" or "the server", %4$s the same as %1$s
   * inside a sentence.  2MSL: twice the maximum segment lifetime. */
  say (ex, _("%1$s stays in %2$s for twice the maximum segment lifetime (2MSL; Linux waits a fixed 60 s) before it "
             "forgets the connection: if this ACK were lost, %3$s would send its FIN again, and %4$s must "
             "still be there to answer it; and old copies of this connection's segments must die out "
             "before the same addresses and ports can be used again. Only the side that closed first "
             "waits in TIME_WAIT."),
       Role (ex->from), state_name (TV_TCP_STATE_TIME_WAIT), role (ex->to), role (ex->from));
}

static void
explain_ack_of_fin (Explain *ex,
                    gboolean last)
{
  const TvSegment *seg = ex->seg;
  guint32 ack = show_ack (ex, seg);
  guint s_after = state_after (seg, ex->from);
  guint r_after = state_after (seg, ex->to);

  if (last)
    /* Translators: %1$s and %2$s are "the client" or "the server"; %3$s + 1
     * = %4$s is the ack. */
    say (ex, _("This is the last ACK of the close: %1$s acknowledges the FIN from %2$s with ack = %3$s + 1 "
               "= %4$s, since the FIN consumed one sequence number."),
         role (ex->from), role (ex->to), num (ex, ack - 1u), num (ex, ack));
  else
    /* Translators: %1$s is "The client" or "The server", %2$s "the client"
     * or "the server"; %3$s + 1 = %4$s is the ack. */
    say (ex, _("%1$s acknowledges the FIN from %2$s with ack = %3$s + 1 = %4$s, since the FIN consumed one "
               "sequence number."),
         Role (ex->from), role (ex->to), num (ex, ack - 1u), num (ex, ack));

  if (r_after == TV_TCP_STATE_FIN_WAIT_2)
    /* Translators: %1$s is "The client" or "The server", %2$s a TCP state
     * (FIN_WAIT_2), %3$s "the client" or "the server". */
    say (ex, _("%1$s is now in %2$s: its direction is closed, and it waits for the FIN from %3$s, "
               "which comes when the application of %3$s closes its socket."),
         Role (ex->to), state_name (r_after), role (ex->from));
  else if (r_after == TV_TCP_STATE_CLOSED)
    /* Translators: %1$s is "The client" or "The server", %2$s a TCP state
     * (CLOSED). */
    say (ex, _("%1$s, on receiving it, is %2$s: it is done with the connection."),
         Role (ex->to), state_name (r_after));
  else if (r_after == TV_TCP_STATE_TIME_WAIT)
    /* Translators: %1$s is "The client" or "The server", %2$s a TCP state
     * (TIME_WAIT). */
    say (ex, _("%1$s, on receiving it, moves from CLOSING to %2$s, where it waits 2MSL (a fixed 60 s on Linux) "
               "in case a segment of this connection is still on its way."),
         Role (ex->to), state_name (r_after));
  else
    say_states (ex);

  {
    guint s_before = state_before (ex->conn, ex->index, ex->from);

    /* in a simultaneous close, the ACK of its own FIN may have reached the
     * sender just before it sent this one */
    if (s_after != s_before && r_after != TV_TCP_STATE_CLOSING && !send_explains (seg, s_before, s_after))
      say_late_arrival (ex, ex->from, s_before, s_after);
  }

  if (s_after == TV_TCP_STATE_TIME_WAIT && r_after != TV_TCP_STATE_TIME_WAIT)
    say_time_wait (ex);
}

static void
explain_rst (Explain *ex,
             gboolean refused)
{
  const TvSegment *seg = ex->seg;
  guint s_after = state_after (seg, ex->from);
  guint r_after = state_after (seg, ex->to);

  if (refused)
    {
      guint16 port = ex->from == TV_DIR_CLIENT_TO_SERVER ? ex->conn->client.port : ex->conn->server.port;

      /* Translators: %1$s is "The server" (or "The client"), %2$s a port
       * number. */
      say (ex, _("%1$s refuses the connection: no program listens on port %2$s (or a firewall rejects "
                 "it), so it answers the SYN with a reset (RST)."),
           Role (ex->from), num (ex, port));
      if (FLAG_SET (seg, TV_TCP_ACK))
        /* Translators: %1$s + 1 = %2$s is the ack; %3$s is "the client" or
         * "the server". */
        say (ex, _("The RST acknowledges the SYN with ack = %1$s + 1 = %2$s, so that %3$s accepts it as "
                   "the answer to its SYN and reports “connection refused” to its application."),
             num (ex, show_ack (ex, seg) - 1u), num (ex, show_ack (ex, seg)), role (ex->to));
    }
  else
    {
      /* Translators: %1$s is "The client" or "The server", %2$s "the client"
       * or "the server". */
      say (ex, _("%1$s resets the connection (RST): it aborts it at once, without the orderly exchange of "
                 "FINs. Data not yet delivered is thrown away, and the application of %2$s gets an error "
                 "such as “connection reset by peer”."),
           Role (ex->from), role (ex->to));
      /* Translators: no placeholders. */
      say (ex, _("A program does this when it closes a socket with data still unread or sets it to abort, "
                 "and a system does it when a segment arrives for a connection it does not know."));
    }

  if (s_after == TV_TCP_STATE_CLOSED && r_after == TV_TCP_STATE_CLOSED)
    /* Translators: %1$s is a TCP state (CLOSED), %2$s another (TIME_WAIT). */
    say (ex, _("Both ends are now %1$s: a reset ends a connection without %2$s."),
         state_name (s_after), state_name (TV_TCP_STATE_TIME_WAIT));
  else
    say_states (ex);
}

char *
tv_explain_segment (TvTracker *tracker,
                    TvConn    *conn,
                    guint      index,
                    gboolean   absolute)
{
  Explain ex = { 0 };

  g_return_val_if_fail (tracker != NULL, NULL);
  g_return_val_if_fail (conn != NULL, NULL);
  if (index >= conn->n_segs)
    return NULL;

  ex.tracker = tracker;
  ex.conn = conn;
  ex.index = index;
  ex.seg = &conn->segs[index];
  ex.from = ex.seg->dir;
  ex.to = OTHER (ex.from);
  ex.absolute = absolute;
  ex.out = g_string_new (NULL);

  if (index == 0 && !(ex.seg->flags & (TV_TCP_SYN | TV_TCP_RST)) && conn->syn_ns == 0)
    /* Translators: %1$s is a TCP state (ESTABLISHED). */
    say (&ex, _("The capture starts in the middle of this connection: it shows no handshake, so each "
                "side's relative numbers count from just before the first seq seen from it, and both "
                "ends are taken to be %1$s."),
         state_name (TV_TCP_STATE_ESTABLISHED));

  switch (tv_explain_classify (tracker, conn, index))
    {
    case TV_EXPLAIN_SYN:
      explain_syn (&ex);
      break;
    case TV_EXPLAIN_SYN_SIMULTANEOUS:
      explain_syn_simultaneous (&ex);
      break;
    case TV_EXPLAIN_SYN_ACK:
      explain_syn_ack (&ex);
      break;
    case TV_EXPLAIN_HANDSHAKE_ACK:
      explain_handshake_ack (&ex);
      break;
    case TV_EXPLAIN_DATA:
      explain_data (&ex);
      break;
    case TV_EXPLAIN_ACK:
      say_ack (&ex, FALSE);
      if (ex.seg->analysis & TV_ANALYSIS_ACKED_UNSEEN)
        break;
      say_states (&ex);
      break;
    case TV_EXPLAIN_DUPLICATE_ACK:
      explain_dup_ack (&ex);
      break;
    case TV_EXPLAIN_ZERO_WINDOW:
      explain_zero_window (&ex);
      break;
    case TV_EXPLAIN_WINDOW_UPDATE:
      explain_window_update (&ex);
      break;
    case TV_EXPLAIN_KEEP_ALIVE:
      explain_keep_alive (&ex);
      break;
    case TV_EXPLAIN_ZERO_WINDOW_PROBE:
      explain_zero_window_probe (&ex);
      break;
    case TV_EXPLAIN_RETRANSMISSION:
      explain_retransmission (&ex, FALSE);
      break;
    case TV_EXPLAIN_FAST_RETRANSMISSION:
      explain_retransmission (&ex, TRUE);
      break;
    case TV_EXPLAIN_FIN:
      explain_fin (&ex, FALSE);
      break;
    case TV_EXPLAIN_SECOND_FIN:
      explain_fin (&ex, TRUE);
      break;
    case TV_EXPLAIN_ACK_OF_FIN:
      explain_ack_of_fin (&ex, FALSE);
      break;
    case TV_EXPLAIN_LAST_ACK:
      explain_ack_of_fin (&ex, TRUE);
      break;
    case TV_EXPLAIN_RST:
      explain_rst (&ex, FALSE);
      break;
    case TV_EXPLAIN_REFUSED:
      explain_rst (&ex, TRUE);
      break;
    case TV_EXPLAIN_OTHER:
    case TV_EXPLAIN_N_KINDS:
    default:
      {
        char flags[64];

        /* Translators: %1$s is "The client" or "The server", %2$s the TCP
         * flags ("URG"), %3$s a number of bytes. */
        say (&ex, g_dngettext (GETTEXT_PACKAGE,
                               "%1$s sends a segment with the flags %2$s and %3$s byte of data.",
                               "%1$s sends a segment with the flags %2$s and %3$s bytes of data.",
                               ex.seg->len),
             Role (ex.from), tv_tcp_flags_to_string (ex.seg->flags, flags, sizeof flags),
             num (&ex, ex.seg->len));
        say_states (&ex);
      }
      break;
    }

  return g_string_free (ex.out, FALSE);
}
