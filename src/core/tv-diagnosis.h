/* tv-diagnosis.h: why a connection was slow or broken, from its segments:
 * a verdict (how it ended, after Zeek's conn_state), where the time went
 * (handshake, waiting for the server, transfer, close) and the stalls
 * (each retransmission timeout, each zero-window wait, idle gaps), with
 * frame numbers, and the same in plain words. */
#pragma once

#include <glib.h>

#include "tv-tracker.h"

G_BEGIN_DECLS

typedef enum {
  TV_VERDICT_COMPLETED = 0,    /* handshake and FINs both ways (Zeek SF) */
  TV_VERDICT_REFUSED,          /* the SYN was answered by a reset (REJ) */
  TV_VERDICT_RESET_BY_CLIENT,  /* the client reset it (RSTO) */
  TV_VERDICT_RESET_BY_SERVER,  /* the server reset it (RSTR) */
  TV_VERDICT_NO_ANSWER,        /* SYN sent, nothing came back (S0) */
  TV_VERDICT_NO_HANDSHAKE,     /* began before the capture (OTH) */
  TV_VERDICT_OPEN,             /* not closed when the capture ends (S1, S2, S3) */
  TV_N_VERDICTS
} TvVerdict;

/* How @conn ended.  O(1) except when both sides sent a reset. */
TvVerdict   tv_conn_verdict      (const TvConn *conn);
/* "completed", "refused", "reset_by_client", "reset_by_server",
 * "no_answer", "no_handshake", "open": for JSON and --summary */
const char *tv_verdict_name      (TvVerdict verdict);
/* "Completed", "Refused", "Reset by the client", …: translated */
const char *tv_verdict_label     (TvVerdict verdict);
/* TRUE for the verdicts that are a problem (all but completed and open) */
gboolean    tv_verdict_is_problem (TvVerdict verdict);

typedef enum {
  TV_STALL_RETRANSMISSION_TIMEOUT,  /* a segment sent again after a timeout */
  TV_STALL_ZERO_WINDOW,             /* a receiver's window stayed at zero */
  TV_STALL_IDLE,                    /* nothing sent either way */
} TvStallKind;

typedef struct {
  TvStallKind kind;
  /* the side that waited: the sender of the retransmission, the sender the
   * zero window held back, or the side that spoke first after the gap */
  TvDirection who;
  gint64      start_ns, end_ns;
  /* the frame that ended it (the retransmission, the window update, the
   * first frame after the gap) and the one that began it (the earlier
   * transmission of the same data, the zero window, the last frame before
   * the gap); 0 when not in the capture */
  guint32     frame;
  guint32     start_frame;
  guint32     seg;           /* index in the connection of @frame */
} TvStall;

typedef struct {
  TvVerdict verdict;
  gint64    duration_ns;
  /* the handshake: first SYN to the ACK that completes it; -1 when not seen */
  gint64    handshake_ns;
  guint32   handshake_first_frame, handshake_last_frame;
  /* waiting for the server: the end of the request (the client's last data
   * segment before the answer) to the first byte of the answer; -1 when
   * there was no answer.  request_frame 0: the server spoke first (then
   * from the end of the handshake). */
  gint64    wait_ns;
  guint32   request_frame, response_frame;
  /* the transfer: the first byte of the answer (or first data) to the last
   * data segment; -1 with no data */
  gint64    transfer_ns;
  guint32   transfer_first_frame, transfer_last_frame;
  /* the close: last data (or handshake) to the last segment */
  gint64    close_ns;
  guint64   bytes[2];        /* payload sent, by TvDirection */
  guint32   retransmissions[2];
  guint32   fast_retransmissions[2];
  gint64    stalled_ns;      /* the stalls' union */
  GArray   *stalls;          /* TvStall, in time order */
} TvDiagnosis;

/* Idle gaps at least this long are stalls (longer still when the
 * handshake took more than a tenth of it: ten round trips). */
#define TV_DIAGNOSIS_MIN_IDLE_NS G_GINT64_CONSTANT (200000000)

TvDiagnosis *tv_diagnosis_new   (const TvConn *conn);
void         tv_diagnosis_free  (TvDiagnosis  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TvDiagnosis, tv_diagnosis_free)

/* The diagnosis in plain words, translated: one paragraph per item (the
 * verdict and duration, the handshake, the wait, the transfer, each stall,
 * the close, then what took most of the time), each with its numbers and
 * frames; the lines of the stalls begin with "• ".  Free with
 * g_strfreev(). */
char       **tv_diagnosis_describe (const TvDiagnosis *self,
                                    const TvConn      *conn);

/* One stall in plain words ("Retransmission timeout: the server waited
 * 412 ms (frame 120 → frame 131) and sent its data again."). */
char        *tv_stall_describe     (const TvStall *stall);

G_END_DECLS
