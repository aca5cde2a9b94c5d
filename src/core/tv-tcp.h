/* tv-tcp.h: TCP vocabulary shared by every layer: flag bits, RFC 9293
 * states and the analysis marks the tracker puts on segments. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The header's flag bits, as tshark's tcp.flags numbers them. */
typedef enum {
  TV_TCP_FIN = 1 << 0,
  TV_TCP_SYN = 1 << 1,
  TV_TCP_RST = 1 << 2,
  TV_TCP_PSH = 1 << 3,
  TV_TCP_ACK = 1 << 4,
  TV_TCP_URG = 1 << 5,
  TV_TCP_ECE = 1 << 6,
  TV_TCP_CWR = 1 << 7,
  TV_TCP_AE  = 1 << 8,
} TvTcpFlags;

/* RFC 9293 connection states, as inferred from what a capture shows.
 * UNKNOWN: the capture has shown nothing of this end yet. */
typedef enum {
  TV_TCP_STATE_UNKNOWN = 0,
  TV_TCP_STATE_CLOSED,
  TV_TCP_STATE_LISTEN,
  TV_TCP_STATE_SYN_SENT,
  TV_TCP_STATE_SYN_RECEIVED,
  TV_TCP_STATE_ESTABLISHED,
  TV_TCP_STATE_FIN_WAIT_1,
  TV_TCP_STATE_FIN_WAIT_2,
  TV_TCP_STATE_CLOSE_WAIT,
  TV_TCP_STATE_CLOSING,
  TV_TCP_STATE_LAST_ACK,
  TV_TCP_STATE_TIME_WAIT,
  TV_TCP_N_STATES
} TvTcpState;

/* Analysis marks, a bit each (TvSegment.analysis). */
typedef enum {
  TV_ANALYSIS_RETRANSMISSION          = 1 << 0,
  TV_ANALYSIS_SPURIOUS_RETRANSMISSION = 1 << 1,
  TV_ANALYSIS_OUT_OF_ORDER            = 1 << 2,
  TV_ANALYSIS_DUPLICATE_ACK           = 1 << 3,
  TV_ANALYSIS_ZERO_WINDOW             = 1 << 4,
  TV_ANALYSIS_WINDOW_FULL             = 1 << 5,
  TV_ANALYSIS_KEEP_ALIVE              = 1 << 6,
  TV_ANALYSIS_PREVIOUS_NOT_CAPTURED   = 1 << 7,
  TV_ANALYSIS_ACKED_UNSEEN            = 1 << 8,
  TV_ANALYSIS_RESET                   = 1 << 9,
  TV_ANALYSIS_FAST_RETRANSMISSION     = 1 << 10,
  TV_ANALYSIS_WINDOW_UPDATE           = 1 << 11,
  TV_ANALYSIS_ZERO_WINDOW_PROBE       = 1 << 12,
  TV_N_ANALYSIS = 13
} TvAnalysis;

/* "SYN_SENT", "ESTABLISHED", …; "-" for UNKNOWN.  Never translated: these
 * are the names RFC 9293 and every textbook use. */
const char *tv_tcp_state_name (TvTcpState state);

/* "retransmission", "duplicate_ack", …: the machine name used in JSON, for
 * the single bit @bit (one TvAnalysis value). */
const char *tv_analysis_name (TvAnalysis bit);

/* A short human label for one bit ("Retransmission", "Dup ACK"), translated. */
const char *tv_analysis_label (TvAnalysis bit);

/* The flags as people write them on a ladder diagram: "SYN", "SYN-ACK",
 * "ACK", "PSH-ACK", "FIN-ACK", "RST", "RST-ACK", … Writes into @buf. */
const char *tv_tcp_flags_to_string (guint flags, char *buf, gsize size);

G_END_DECLS
