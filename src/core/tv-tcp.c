/* tv-tcp.c: names for TCP states, analysis marks and flag combinations. */
#define G_LOG_DOMAIN "tv-tcp"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tv-tcp.h"

static const char * const state_names[TV_TCP_N_STATES] = {
  [TV_TCP_STATE_UNKNOWN]      = "-",
  [TV_TCP_STATE_CLOSED]       = "CLOSED",
  [TV_TCP_STATE_LISTEN]       = "LISTEN",
  [TV_TCP_STATE_SYN_SENT]     = "SYN_SENT",
  [TV_TCP_STATE_SYN_RECEIVED] = "SYN_RECEIVED",
  [TV_TCP_STATE_ESTABLISHED]  = "ESTABLISHED",
  [TV_TCP_STATE_FIN_WAIT_1]   = "FIN_WAIT_1",
  [TV_TCP_STATE_FIN_WAIT_2]   = "FIN_WAIT_2",
  [TV_TCP_STATE_CLOSE_WAIT]   = "CLOSE_WAIT",
  [TV_TCP_STATE_CLOSING]      = "CLOSING",
  [TV_TCP_STATE_LAST_ACK]     = "LAST_ACK",
  [TV_TCP_STATE_TIME_WAIT]    = "TIME_WAIT",
};

const char *
tv_tcp_state_name (TvTcpState state)
{
  g_return_val_if_fail ((guint) state < TV_TCP_N_STATES, "-");

  return state_names[state];
}

typedef struct {
  const char *name;   /* machine name, for JSON */
  const char *label;  /* short label, marked for translation */
} AnalysisInfo;

/* indexed by bit number */
static const AnalysisInfo analysis_info[TV_N_ANALYSIS] = {
  /* Translators: this and the next ones are short marks that Wireshark's
   * TCP analysis puts on a segment, shown beside its arrow on the ladder
   * diagram; keep them short */
  { "retransmission",                N_("Retransmission") },
  { "spurious_retransmission",       N_("Spurious retransmission") },
  { "out_of_order",                  N_("Out of order") },
  { "duplicate_ack",                 N_("Dup ACK") },
  { "zero_window",                   N_("Zero window") },
  { "window_full",                   N_("Window full") },
  { "keep_alive",                    N_("Keep-alive") },
  { "previous_segment_not_captured", N_("Previous segment not captured") },
  { "ack_of_unseen_segment",         N_("ACK of unseen segment") },
  { "reset",                         N_("Reset") },
  { "fast_retransmission",           N_("Fast retransmission") },
  { "window_update",                 N_("Window update") },
  { "zero_window_probe",             N_("Zero window probe") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (analysis_info) == TV_N_ANALYSIS);
G_STATIC_ASSERT (TV_ANALYSIS_ZERO_WINDOW_PROBE == 1 << (TV_N_ANALYSIS - 1));

/* The bit number of @bit, or -1 when @bit is not exactly one known bit. */
static int
analysis_index (guint bit)
{
  if (bit == 0 || (bit & (bit - 1)) != 0)
    return -1;
  for (int i = 0; i < TV_N_ANALYSIS; i++)
    if (bit == 1u << i)
      return i;
  return -1;
}

const char *
tv_analysis_name (TvAnalysis bit)
{
  int i = analysis_index (bit);

  g_return_val_if_fail (i >= 0, "unknown");

  return analysis_info[i].name;
}

const char *
tv_analysis_label (TvAnalysis bit)
{
  int i = analysis_index (bit);

  g_return_val_if_fail (i >= 0, "?");

  return _(analysis_info[i].label);
}

/* The order in which flags are written, joined with '-':
 *   SYN, FIN, RST, PSH, ACK, then URG, ECE, CWR, AE.
 * The first five give the names people know ("SYN-ACK", "PSH-ACK",
 * "FIN-PSH-ACK", "RST-ACK": ACK last of them); the rarer bits follow
 * in the order of their bit numbers.  No flag at all: "(none)". */
static const struct {
  guint16 bit;
  char name[4];
} flag_order[] = {
  { TV_TCP_SYN, "SYN" },
  { TV_TCP_FIN, "FIN" },
  { TV_TCP_RST, "RST" },
  { TV_TCP_PSH, "PSH" },
  { TV_TCP_ACK, "ACK" },
  { TV_TCP_URG, "URG" },
  { TV_TCP_ECE, "ECE" },
  { TV_TCP_CWR, "CWR" },
  { TV_TCP_AE,  "AE" },
};

const char *
tv_tcp_flags_to_string (guint  flags,
                        char  *buf,
                        gsize  size)
{
  gsize pos = 0;

  g_return_val_if_fail (buf != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  buf[0] = '\0';
  if ((flags & 0x1ff) == 0)
    {
      g_strlcpy (buf, "(none)", size);
      return buf;
    }

  for (guint i = 0; i < G_N_ELEMENTS (flag_order); i++)
    {
      gsize n;

      if ((flags & flag_order[i].bit) == 0)
        continue;
      n = strlen (flag_order[i].name);
      /* the separator, the name and the NUL must fit; else stop */
      if (pos + (pos > 0) + n + 1 > size)
        break;
      if (pos > 0)
        buf[pos++] = '-';
      memcpy (buf + pos, flag_order[i].name, n);
      pos += n;
      buf[pos] = '\0';
    }

  return buf;
}
