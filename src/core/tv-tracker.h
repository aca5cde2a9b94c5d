/* tv-tracker.h: turns decoded frames into TCP connections (tshark's
 * tcp.stream), with the state of each end after every segment and the
 * analysis marks.  Plain structs and arrays; no GObject.  Not thread-safe:
 * one tracker lives on one thread (the main thread, in the window). */
#pragma once

#include <glib.h>
#include "tv-decode.h"
#include "tv-tcp.h"

G_BEGIN_DECLS

typedef enum {
  TV_DIR_CLIENT_TO_SERVER = 0,
  TV_DIR_SERVER_TO_CLIENT = 1,
} TvDirection;

/* One segment, 40 bytes.  Relative seq/ack are derived with
 * tv_conn_relative_seq() / tv_conn_relative_ack(). */
typedef struct {
  gint64  time_ns;       /* capture time, ns since the epoch */
  guint32 frame;         /* 1-based */
  guint32 seq;           /* raw */
  guint32 ack;           /* raw */
  guint32 len;           /* payload length */
  guint32 window;        /* scaled window (raw << scale when known) */
  guint32 label;         /* index into the tracker's label pool; 0 = none */
  guint16 flags;         /* TvTcpFlags */
  guint16 analysis;      /* TvAnalysis bits */
  guint8  dir;           /* TvDirection */
  guint8  client_state;  /* TvTcpState after this segment */
  guint8  server_state;  /* TvTcpState after this segment */
  guint8  label_kind;    /* TvLabelKind */
} TvSegment;

typedef enum {
  TV_END_OPEN = 0,       /* still open when the capture ends */
  TV_END_FIN,            /* closed with FINs */
  TV_END_RST,            /* reset */
} TvConnEnd;

/* Badges for the connection list. */
typedef enum {
  TV_CONN_HTTP                 = 1 << 0,
  TV_CONN_TLS                  = 1 << 1,
  TV_CONN_RESET                = 1 << 2,
  TV_CONN_INCOMPLETE_HANDSHAKE = 1 << 3,
  TV_CONN_RETRANSMISSIONS      = 1 << 4,
  TV_CONN_SIMULTANEOUS_OPEN    = 1 << 5,
} TvConnBadges;

typedef struct {
  TvAddress address;
  guint16   port;
} TvEndpoint;

/* Per-direction state the tracker keeps (private use). */
typedef struct {
  guint64 bytes;          /* payload bytes sent */
  guint32 isn;            /* base for relative numbers (tshark's base_seq) */
  guint32 fin_seq;        /* seq of the FIN (a FIN consumes fin_seq) */
  guint32 fin_frame;
  guint32 segments;
  gint8   wscale;         /* -1 unknown, -2 not in use, else the shift */
  guint8  isn_set : 1;
  guint8  syn_seen : 1;
  guint8  fin_seen : 1;
  guint8  rst_seen : 1;
  /* analysis (tv-analysis.c): tshark's tcp_flow_t, as its
   * tcp_analyze_sequence_number() keeps it */
  guint32 nextseq;          /* highest seq + len (+1 for SYN/FIN) sent; 0: none yet */
  guint32 maxseqtobeacked;  /* highest seq the peer may ack without a gap; 0: none yet */
  guint32 lastack;          /* the ack field of the last segment (whatever its flags) */
  guint32 window;           /* unscaled window of the last segment, G_MAXUINT32 before one */
  gint32  dupacknum;        /* duplicate ACKs since the ack number last changed */
  guint32 nextseq_seg;      /* the segment that last advanced nextseq, G_MAXUINT32 none */
  guint32 last_seg;         /* the last segment (its time: tshark's lastacktime), G_MAXUINT32 none */
  guint16 lastsegmentflags; /* marks of the last segment (with the private ACK kinds) */
  gint8   an_wscale;        /* tshark's win_scale: -1 unknown, -2 not used, else the shift */
  guint8  last_was_syn : 1; /* the last segment carried SYN (tshark's is_first_ack) */
} TvConnSide;

/* Which TCP options a segment carried (TvTcpOptions.present). */
typedef enum {
  TV_TCP_OPT_MSS            = 1 << 0,
  TV_TCP_OPT_WSCALE         = 1 << 1,
  TV_TCP_OPT_SACK_PERMITTED = 1 << 2,
  TV_TCP_OPT_TIMESTAMPS     = 1 << 3,
  TV_TCP_OPT_SACK           = 1 << 4,  /* n_sack blocks */
  TV_TCP_OPT_TFO            = 1 << 5,  /* TCP Fast Open; tfo_cookie_len 0: a cookie request */
} TvTcpOptionBits;

#define TV_TFO_COOKIE_MAX 16

/* The options of one segment, as sent.  Kept out of line: only segments
 * that carry options have one (tv_conn_get_options()). */
typedef struct TvTcpOptions {
  guint32 segment;          /* index of the segment in its connection */
  guint16 present;          /* TvTcpOptionBits */
  guint16 mss;
  guint8  wscale;           /* shift count as sent (not clamped to 14) */
  guint8  n_sack;           /* SACK blocks, up to TV_MAX_SACK_BLOCKS */
  guint8  tfo_cookie_len;   /* bytes in tfo_cookie (0 to TV_TFO_COOKIE_MAX) */
  guint8  reserved;
  guint32 tsval, tsecr;
  guint32 sack[TV_MAX_SACK_BLOCKS][2];  /* raw left and right edges */
  guint8  tfo_cookie[TV_TFO_COOKIE_MAX];
} TvTcpOptions;
typedef struct _TvTcpStateTrack TvTcpStateTrack;

typedef struct {
  guint32     id;          /* 0-based, in order of first frame (tcp.stream) */
  TvEndpoint  client;
  TvEndpoint  server;
  TvSegment  *segs;
  guint32     n_segs;
  guint32     cap_segs;
  TvConnSide  side[2];     /* indexed by TvDirection of the sender */
  gint64      first_ns, last_ns;
  gint64      syn_ns;      /* first SYN, 0 if none */
  gint64      synack_ns;   /* first SYN-ACK, 0 if none */
  gint64      hs_ack_ns;   /* the ACK that completes the handshake, 0 if none */
  guint8      client_state, server_state;  /* current */
  guint8      initial_state[2]; /* TvTcpState before the first segment, by TvDirection of the end */
  guint8      state_settled;    /* private to tv-tcp-state.c */
  guint8      end;         /* TvConnEnd */
  guint16     badges;      /* TvConnBadges */
  guint32     first_frame;
  guint32     last_frame;
  guint32     tracker_flags; /* private */
  /* analysis (tv-analysis.c), private */
  guint32     mru_syn_seg;  /* the most recent SYN without ACK (tshark's ts_mru_syn) */
  guint32     irtt_syn_seg; /* the initial RTT (tshark's ts_first_rtt): from this SYN */
  guint32     irtt_ack_seg; /* to this ACK; all three G_MAXUINT32 for none */
  guint32     n_opts;       /* segments with options (the array grows by powers of two) */
  TvTcpOptions *opts;       /* their options, in segment order */
  guint8      irtt_shown : 1; /* a segment from the measuring ACK on has analysis (tshark shows it) */
  TvTcpStateTrack *state_track; /* private to tv-tcp-state.c; NULL after tv_tracker_finish() */
} TvConn;

typedef struct _TvTracker TvTracker;

TvTracker  *tv_tracker_new        (void);
void        tv_tracker_free       (TvTracker *self);

/* Adds one decoded TCP frame (frame and time_ns set) with the label of its
 * payload (tv_label_from_payload(), computed by the caller so that a worker
 * thread can do it; @label may be NULL for none).  frame->payload is not
 * read.  Returns the connection it went to, and the segment's index there
 * in @seg_index (may be NULL). */
TvConn     *tv_tracker_add        (TvTracker     *self,
                                   const TvFrame *frame,
                                   int            label_kind,
                                   const char    *label,
                                   guint32       *seg_index);

/* The same with the label already in the tracker's pool: @label_id from
 * tv_tracker_intern_label() (0 for none).  Lets a loader intern each
 * distinct label once instead of once per segment. */
TvConn     *tv_tracker_add_with_label_id (TvTracker     *self,
                                          const TvFrame *frame,
                                          int            label_kind,
                                          guint32        label_id,
                                          guint32       *seg_index);

/* Puts @label in the tracker's label pool (once per distinct text) and
 * returns its index for TvSegment.label; 0 for NULL or "". */
guint32     tv_tracker_intern_label (TvTracker  *self,
                                     const char *label);

/* Connections are allocated one by one: a TvConn * stays valid for the
 * tracker's life, while its segs array may move as segments are added.
 * Call tv_tracker_finish() when no more frames will come: trims arrays. */
void        tv_tracker_finish     (TvTracker *self);

guint       tv_tracker_get_n_conns (TvTracker *self);
TvConn     *tv_tracker_get_conn    (TvTracker *self, guint index);
guint64     tv_tracker_get_n_segments (TvTracker *self);

/* The label text for TvSegment.label (never NULL; "" for 0). */
const char *tv_tracker_get_label  (TvTracker *self, guint32 label);

/* Relative numbers: seq - ISN of the sender, ack - ISN of the receiver
 * (0 when the segment has no ACK flag).  Without a SYN in the capture the
 * ISN is taken as first seq - 1, as Wireshark does. */
guint32     tv_conn_relative_seq  (const TvConn *conn, const TvSegment *seg);
guint32     tv_conn_relative_ack  (const TvConn *conn, const TvSegment *seg);

/* The options segment @segment_index of @conn carried, or NULL for none.
 * Valid until the next segment is added to @conn. */
const TvTcpOptions *tv_conn_get_options (const TvConn *conn,
                                         guint         segment_index);

/* The initial round-trip time in ns, as tshark's tcp.analysis.initial_rtt:
 * from the most recent SYN without ACK to the first segment with ACK and
 * without SYN after it; -1 when the capture does not show one. */
gint64      tv_conn_initial_rtt   (const TvConn *conn);

/* ns from the first SYN to the SYN the initial RTT is measured from, when
 * the first SYN had to be sent again; 0 when not. */
gint64      tv_conn_syn_retransmission_delay (const TvConn *conn);

/* The handshake's RTT: tv_conn_initial_rtt(), one RTT everywhere. */
gint64      tv_conn_handshake_rtt (const TvConn *conn);
gint64      tv_conn_duration      (const TvConn *conn);
guint64     tv_conn_bytes         (const TvConn *conn, TvDirection from);
const char *tv_conn_end_name      (TvConnEnd end);  /* "open", "fin", "rst" */

/* "192.168.1.116:3337" or "[2001:db8::1]:443" */
char       *tv_endpoint_to_string (const TvEndpoint *ep);

G_END_DECLS
