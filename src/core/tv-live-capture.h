/* tv-live-capture.h: capturing on a network interface, live (issue 5).
 *
 * Three things live here:
 *
 *   - tv_live_capture_list_interfaces(): the interfaces libpcap can open,
 *     as plain structs, for the capture dialog;
 *   - tv_live_capture_check_filter(): compiles a BPF filter for an
 *     interface, so the dialog can show a bad filter before Start;
 *   - TvLiveCapture: captures in a worker thread and feeds a TvTracker on
 *     the main thread, in batches, like TvLoader does for files.
 *
 * Threads (design.md): the worker owns the pcap_t.  It writes EVERY
 * captured packet to a spool file (pcap_dump, then pcap_dump_flush once per
 * batch) before it hands the batch's decoded TCP frames to the main thread,
 * so killing the program at any time leaves a readable capture up to the
 * last packet handed over.  Frame numbers are record numbers in the spool:
 * tv_writer_save_frames (tv_live_capture_get_spool_path (c), …) saves one
 * connection from a live capture as it does from a file.  The worker never
 * waits for the main thread (a live capture that waits loses packets in
 * the kernel); the main thread drains at most a few thousand frames per
 * idle callback, so the window stays smooth while a busy interface is
 * captured.
 *
 * Typical use (the capture dialog, or `tcpviz --capture`):
 *
 *   g_autoptr(GError) error = NULL;
 *   TvLiveCapture *live = tv_live_capture_new ("eth0", tracker);
 *   tv_live_capture_set_filter (live, "tcp port 443");   // default "tcp"
 *   tv_live_capture_set_duration (live, 60);             // 0: until stopped
 *   g_signal_connect (live, "frames-added", …);          // tracker grew
 *   g_signal_connect (live, "stats-changed", …);         // ~4 times a second
 *   g_signal_connect (live, "finished", …);              // see get_error()
 *   if (!tv_live_capture_start (live, &error))
 *     show (error->message);   // permission, no such interface, bad filter…
 *   …
 *   tv_live_capture_stop (live);     // ~50 ms; then all is in the tracker
 *   tv_live_capture_save (live, "/home/me/x.pcap", NULL, &error);
 *
 * Capturing needs the CAP_NET_RAW and CAP_NET_ADMIN capabilities, never
 * root: a permission error says how to grant them (setcap) or how to pipe
 * tcpdump into `tcpviz -` instead. */
#pragma once

#include <gio/gio.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

/* ---- interfaces ------------------------------------------------------------ */

typedef enum {
  TV_INTERFACE_LOOPBACK = 1 << 0,
  TV_INTERFACE_UP       = 1 << 1,
  TV_INTERFACE_RUNNING  = 1 << 2,
  TV_INTERFACE_WIRELESS = 1 << 3,
  TV_INTERFACE_ANY      = 1 << 4,   /* the Linux pseudo-interface "any" */
} TvInterfaceFlags;

typedef struct {
  char             *name;          /* "eth0", "lo", "any": pass to tv_live_capture_new() */
  char             *description;   /* libpcap's description, or NULL */
  char            **addresses;     /* NULL-terminated: "192.168.1.5", "fe80::1", … (may be empty) */
  TvInterfaceFlags  flags;
} TvInterface;

void        tv_interface_free (TvInterface *iface);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TvInterface, tv_interface_free)

/* The network interfaces libpcap can capture on (pcap_findalldevs), in
 * libpcap's order (up and running ones first), without the devices that
 * carry no IP (D-Bus, USB and Bluetooth monitors, netfilter queues), with
 * the pseudo-interface "any" on Linux.  Needs no privileges.  Returns a
 * GPtrArray of TvInterface * that frees its elements, or NULL with @error
 * (TV_CORE_ERROR_CAPTURE). */
GPtrArray  *tv_live_capture_list_interfaces (GError **error);

/* Compiles @filter (BPF syntax, as tcpdump's) for @iface's link type,
 * without opening the interface (pcap_open_dead + pcap_compile), so it
 * needs no privileges.  NULL or "" is valid (no filter).  Returns FALSE
 * with @error (TV_CORE_ERROR_CAPTURE) whose message quotes libpcap's
 * ("syntax error", "unknown host …"). */
gboolean    tv_live_capture_check_filter (const char  *iface,
                                          const char  *filter,
                                          GError     **error);

/* The filter used when none is set. */
#define TV_LIVE_CAPTURE_DEFAULT_FILTER "tcp"
/* Defaults for the capture handle. */
#define TV_LIVE_CAPTURE_DEFAULT_SNAPLEN 262144
#define TV_LIVE_CAPTURE_DEFAULT_BUFFER_SIZE (16 * 1024 * 1024)
/* The longest a packet waits in the kernel (see set_immediate()). */
#define TV_LIVE_CAPTURE_DEFAULT_DELAY_MS 10

/* ---- TvLiveCapture --------------------------------------------------------- */

typedef enum {
  TV_LIVE_CAPTURE_NOT_STOPPED = 0,  /* not started, or still running */
  TV_LIVE_CAPTURE_STOPPED_BY_USER,  /* tv_live_capture_stop() */
  TV_LIVE_CAPTURE_STOPPED_DURATION, /* the duration limit was reached */
  TV_LIVE_CAPTURE_STOPPED_ERROR,    /* see tv_live_capture_get_error() */
} TvLiveCaptureStopReason;

typedef struct {
  guint64 packets;         /* packets captured and written to the spool */
  guint64 tcp_frames;      /* of those, TCP frames added to the tracker */
  guint64 kernel_dropped;  /* dropped by the kernel: buffer full (ps_drop) */
  guint64 if_dropped;      /* dropped by the interface or driver (ps_ifdrop) */
  gint64  elapsed_us;      /* since the capture started (stops at the end) */
} TvLiveCaptureStats;

#define TV_TYPE_LIVE_CAPTURE (tv_live_capture_get_type ())
G_DECLARE_FINAL_TYPE (TvLiveCapture, tv_live_capture, TV, LIVE_CAPTURE, GObject)

/* A capture on @iface (a TvInterface name) into @tracker.  @tracker is
 * borrowed: it must outlive the capture, or be detached with
 * tv_live_capture_detach() first.  Create, start and stop the capture on
 * one thread (the main thread): signals are emitted on the thread-default
 * main context of tv_live_capture_start()'s caller. */
TvLiveCapture *tv_live_capture_new          (const char    *iface,
                                             TvTracker     *tracker);

/* Settings, before tv_live_capture_start(). */

/* BPF filter; NULL: TV_LIVE_CAPTURE_DEFAULT_FILTER ("tcp"); "": every packet. */
void          tv_live_capture_set_filter    (TvLiveCapture *self,
                                             const char    *filter);
/* Stop by itself after @seconds (0, the default: no limit). */
void          tv_live_capture_set_duration  (TvLiveCapture *self,
                                             guint          seconds);
/* Where the spool file goes.  NULL (the default): a new file
 * $XDG_CACHE_HOME/tcpviz/capture-IFACE-DATE-PID.pcap, deleted when the
 * TvLiveCapture is finalized (save it first with tv_live_capture_save());
 * a path given here is kept.  The spool is created with mode 0600. */
void          tv_live_capture_set_spool_path (TvLiveCapture *self,
                                              const char    *path);
void          tv_live_capture_set_snaplen   (TvLiveCapture *self,
                                             int            snaplen);
void          tv_live_capture_set_promiscuous (TvLiveCapture *self,
                                               gboolean       promiscuous);
void          tv_live_capture_set_buffer_size (TvLiveCapture *self,
                                               int            bytes);
/* How the kernel hands packets over.  The default (FALSE,
 * TV_LIVE_CAPTURE_DEFAULT_DELAY_MS): in blocks, each packet 10 ms late at
 * most (20 ms when a block fills up just then), about one frame of a 60 Hz
 * display; small packets are packed
 * tightly in the buffer (Linux TPACKET_V3), so bursts fit.  TRUE: immediate
 * mode, every packet handed over as it arrives, but each takes a buffer
 * slot of the interface's MTU (64 KiB on lo: 16 MiB hold only 256
 * packets), and packets were lost on a busy loopback (docs/live-capture.md
 * has the figures).  @timeout_ms: the block delay, > 0, or 0 to keep it. */
void          tv_live_capture_set_immediate (TvLiveCapture *self,
                                             gboolean       immediate,
                                             int            timeout_ms);

/* Opens the interface (pcap_create, the snapshot length, the buffer size,
 * immediate mode or the block delay, pcap_activate, the filter, a
 * non-blocking handle) and the spool file on the calling thread, so
 * that every reason not to capture is reported here, then starts the
 * worker.  Returns FALSE with @error:
 *   TV_CORE_ERROR_PERMISSION  not allowed to capture (the message says how
 *                             to grant the capabilities or pipe tcpdump in);
 *   TV_CORE_ERROR_CAPTURE     no such interface, interface down, bad
 *                             filter, unsupported link type, other pcap
 *                             errors;
 *   TV_CORE_ERROR_WRITE       the spool file cannot be created.
 * Once started, the capture emits, on the caller's main context:
 *   "frames-added" (guint n_tcp_frames): after each drain into the tracker;
 *   "stats-changed": about 4 times a second, and at the end;
 *   "finished": once, after the worker has stopped and every captured
 *   frame is in the tracker (see get_stop_reason() and get_error()).
 * The "running" property is notified when it changes. */
gboolean      tv_live_capture_start         (TvLiveCapture *self,
                                             GError       **error);

/* Stops the capture and returns when it has stopped: sets the stop flag,
 * pcap_breakloop(), wakes and joins the worker, reads what the kernel had
 * already captured, closes the spool and the handle, drains the last
 * frames into the tracker and emits "finished" before returning.  Takes
 * about 50 ms on Linux (more on a busy machine), whether packets arrive or
 * not: up to 25 ms for the kernel to hand over its last block of packets
 * (block mode), 15 to 35 ms for it to close the packet socket.  Does
 * nothing when not running.
 * Stop (or detach) a running capture before dropping the last reference:
 * the worker holds one of its own while it runs. */
void          tv_live_capture_stop          (TvLiveCapture *self);

/* Stops the capture and forgets the tracker: no more frames are added and
 * no more signals are emitted.  For the tracker's owner, when it goes away. */
void          tv_live_capture_detach        (TvLiveCapture *self);

/* Copies the spool to @path atomically (a temporary file in the same
 * folder, renamed over @path when complete; tv-writer).  Works while the
 * capture runs (it saves what was captured so far) and after it stopped. */
gboolean      tv_live_capture_save          (TvLiveCapture *self,
                                             const char    *path,
                                             GCancellable  *cancellable,
                                             GError       **error);

const char   *tv_live_capture_get_interface (TvLiveCapture *self);
/* The filter in use ("tcp" by default; "" for none). */
const char   *tv_live_capture_get_filter    (TvLiveCapture *self);
guint         tv_live_capture_get_duration  (TvLiveCapture *self);
/* The spool file: NULL before a successful start. */
const char   *tv_live_capture_get_spool_path (TvLiveCapture *self);
TvTracker    *tv_live_capture_get_tracker   (TvLiveCapture *self);
gboolean      tv_live_capture_get_running   (TvLiveCapture *self);
/* The interface's libpcap link type, -1 before start. */
int           tv_live_capture_get_linktype  (TvLiveCapture *self);
/* The latest counters (main thread; updated with "stats-changed"). */
void          tv_live_capture_get_stats     (TvLiveCapture      *self,
                                             TvLiveCaptureStats *stats);
TvLiveCaptureStopReason tv_live_capture_get_stop_reason (TvLiveCapture *self);
/* After "finished" with TV_LIVE_CAPTURE_STOPPED_ERROR: why the capture
 * stopped (TV_CORE_ERROR_CAPTURE: the interface went down or disappeared;
 * TV_CORE_ERROR_WRITE: the spool could not be written).  What was captured
 * before is kept in the tracker and in the spool.  NULL otherwise. */
const GError *tv_live_capture_get_error     (TvLiveCapture *self);

G_END_DECLS
