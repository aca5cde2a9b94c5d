/* tv-live-capture.c: live capture in a worker thread, with a spool file.
 *
 * The hand-over is TvLoader's (tv-frame-queue.c): the worker decodes and
 * labels frames into the queue's chunk and flushes it after each
 * pcap_dispatch(); the queue keeps at most one idle source pending on the
 * consumer's main context, which adds the frames to the tracker.  Unlike
 * TvLoader's, this queue never makes the worker wait (packets keep coming
 * whether we are ready or not: waiting would let the kernel's buffer
 * overflow), and one drain adds at most MAX_DRAIN frames, so a burst is
 * spread over several main loop iterations.
 *
 * Worker loop: poll() on pcap_get_selectable_fd() and a wake-up pipe, with
 * a short timeout for the statistics and the duration limit; the handle is
 * non-blocking and pcap_dispatch() reads what the kernel has.  Each packet
 * is pcap_dump()ed in the callback; after each pcap_dispatch() the dumper is
 * flushed and only then is the chunk handed over.
 *
 * Stop (design.md): set the atomic flag, pcap_breakloop(), write to the
 * wake-up pipe, join the worker, then close the dumper and the handle. */
#define G_LOG_DOMAIN "tv-live-capture"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#ifdef __linux__
#include <linux/filter.h>
#endif
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <pcap/pcap.h>

#include "tv-live-capture.h"
#include "tv-core-error.h"
#include "tv-decode.h"
#include "tv-frame-queue.h"
#include "tv-spool.h"
#include "tv-writer.h"
#include "tv-tsan.h"

/* Frames read by one pcap_dispatch(), flushed and handed over together. */
#define CHUNK 1024
/* The most frames one drain adds to the tracker: a few ms of work. */
#define MAX_DRAIN 4096
/* Statistics (and the poll timeout) every so often. */
#define STATS_INTERVAL_US (250 * G_TIME_SPAN_MILLISECOND)
/* When stopping, read at most this many chunks the kernel still holds. */
#define MAX_FINAL_CHUNKS 256

/* ---- interfaces ------------------------------------------------------------ */

void
tv_interface_free (TvInterface *iface)
{
  if (iface == NULL)
    return;
  g_free (iface->name);
  g_free (iface->description);
  g_strfreev (iface->addresses);
  g_free (iface);
}

/* libpcap also lists devices that carry no IP: on Linux, D-Bus, USB and
 * Bluetooth monitors, netfilter queues.  A network interface has a folder
 * in /sys/class/net; "any" is the one pseudo-interface that carries TCP. */
static gboolean
is_network_interface (const char *name)
{
  g_autofree char *path = NULL;

  if (g_strcmp0 (name, "any") == 0)
    return TRUE;
  if (!g_file_test ("/sys/class/net", G_FILE_TEST_IS_DIR))
    return TRUE;   /* not Linux: trust libpcap */
  if (strchr (name, '/') != NULL)
    return FALSE;
  path = g_build_filename ("/sys/class/net", name, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

GPtrArray *
tv_live_capture_list_interfaces (GError **error)
{
  char errbuf[PCAP_ERRBUF_SIZE] = "";
  pcap_if_t *all = NULL;
  GPtrArray *result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (pcap_findalldevs (&all, errbuf) != 0)
    {
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                   _("The network interfaces could not be listed: %s"), errbuf);
      return NULL;
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) tv_interface_free);
  for (pcap_if_t *dev = all; dev != NULL; dev = dev->next)
    {
      TvInterface *iface;
      GPtrArray *addresses;

      if (!is_network_interface (dev->name))
        continue;

      iface = g_new0 (TvInterface, 1);
      addresses = g_ptr_array_new ();

      iface->name = g_strdup (dev->name);
      iface->description = g_strdup (dev->description);
      if (dev->flags & PCAP_IF_LOOPBACK)
        iface->flags |= TV_INTERFACE_LOOPBACK;
      if (dev->flags & PCAP_IF_UP)
        iface->flags |= TV_INTERFACE_UP;
      if (dev->flags & PCAP_IF_RUNNING)
        iface->flags |= TV_INTERFACE_RUNNING;
#ifdef PCAP_IF_WIRELESS
      if (dev->flags & PCAP_IF_WIRELESS)
        iface->flags |= TV_INTERFACE_WIRELESS;
#endif
      if (g_strcmp0 (dev->name, "any") == 0)
        iface->flags |= TV_INTERFACE_ANY;

      for (pcap_addr_t *a = dev->addresses; a != NULL; a = a->next)
        {
          char buf[INET6_ADDRSTRLEN] = "";

          if (a->addr == NULL)
            continue;
          if (a->addr->sa_family == AF_INET)
            inet_ntop (AF_INET, &((struct sockaddr_in *) a->addr)->sin_addr, buf, sizeof buf);
          else if (a->addr->sa_family == AF_INET6)
            inet_ntop (AF_INET6, &((struct sockaddr_in6 *) a->addr)->sin6_addr, buf, sizeof buf);
          if (buf[0] != '\0')
            g_ptr_array_add (addresses, g_strdup (buf));
        }
      g_ptr_array_add (addresses, NULL);
      iface->addresses = (char **) g_ptr_array_free (addresses, FALSE);

      g_ptr_array_add (result, iface);
    }
  pcap_freealldevs (all);

  return result;
}

/* The link type an interface will capture with, for compiling a filter
 * without opening it.  Asks libpcap when allowed (opening a handle without
 * activating it is cheap; activating needs the capabilities), otherwise
 * maps the interface's ARPHRD type the way libpcap does on Linux. */
static int
linktype_from_sysfs (const char *iface)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gint64 arphrd;

  if (g_strcmp0 (iface, "any") == 0)
    return DLT_LINUX_SLL;
  if (strchr (iface, '/') != NULL)
    return DLT_EN10MB;
  path = g_strdup_printf ("/sys/class/net/%s/type", iface);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return DLT_EN10MB;
  arphrd = g_ascii_strtoll (contents, NULL, 10);
  switch (arphrd)
    {
    case 1:      /* ARPHRD_ETHER */
    case 772:    /* ARPHRD_LOOPBACK */
      return DLT_EN10MB;
    case 65534:  /* ARPHRD_NONE: tun */
      return DLT_RAW;
    case 803:    /* ARPHRD_IEEE80211_RADIOTAP */
      return DLT_IEEE802_11_RADIO;
    default:     /* PPP, tunnels, …: libpcap uses cooked mode */
      return DLT_LINUX_SLL;
    }
}

G_LOCK_DEFINE_STATIC (linktypes);
static GHashTable *linktypes;   /* interface name → link type + 1 */

static int
interface_linktype (const char *iface)
{
  char errbuf[PCAP_ERRBUF_SIZE] = "";
  pcap_t *pcap;
  int linktype = -1;

  G_LOCK (linktypes);
  if (linktypes != NULL)
    linktype = GPOINTER_TO_INT (g_hash_table_lookup (linktypes, iface)) - 1;
  G_UNLOCK (linktypes);
  if (linktype >= 0)
    return linktype;

  pcap = pcap_create (iface, errbuf);
  if (pcap != NULL)
    {
      pcap_set_snaplen (pcap, 128);
      pcap_set_buffer_size (pcap, 64 * 1024);
      if (pcap_activate (pcap) >= 0)
        linktype = pcap_datalink (pcap);
      pcap_close (pcap);
    }
  if (linktype < 0)
    return linktype_from_sysfs (iface);   /* a guess: not cached */

  G_LOCK (linktypes);
  if (linktypes == NULL)
    linktypes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_replace (linktypes, g_strdup (iface), GINT_TO_POINTER (linktype + 1));
  G_UNLOCK (linktypes);
  return linktype;
}

gboolean
tv_live_capture_check_filter (const char  *iface,
                              const char  *filter,
                              GError     **error)
{
  struct bpf_program program;
  pcap_t *dead;
  gboolean ok;

  g_return_val_if_fail (iface != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (filter == NULL || filter[0] == '\0')
    return TRUE;

  dead = pcap_open_dead (interface_linktype (iface), TV_LIVE_CAPTURE_DEFAULT_SNAPLEN);
  if (dead == NULL)
    {
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                   _("The filter cannot be checked: libpcap could not be prepared"));
      return FALSE;
    }
  ok = pcap_compile (dead, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0;
  if (ok)
    pcap_freecode (&program);
  else
    g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                 _("The filter “%s” is not valid: %s"), filter, pcap_geterr (dead));
  pcap_close (dead);
  return ok;
}

/* ---- TvLiveCapture --------------------------------------------------------- */

struct _TvLiveCapture
{
  GObject parent_instance;

  /* Settings */
  char         *iface;
  char         *filter;
  char         *spool_path;
  gboolean      spool_is_default;
  gboolean      spool_created;  /* start() succeeded */
  guint         duration;
  int           snaplen;
  int           buffer_size;
  gboolean      promiscuous;
  gboolean      immediate;
  int           timeout_ms;

  TvTracker    *tracker;       /* borrowed; NULL once detached */
  GMainContext *context;

  /* Opened by start(), closed by the main thread after the join */
  pcap_t        *pcap;
  pcap_dumper_t *dumper;
  int            linktype;
  gboolean       nano;
  int            wake[2];      /* wake-up pipe: the worker polls wake[0] */
  GThread       *thread;
  gint64         start_us;     /* monotonic */
  gint           stop;         /* atomic */

  /* The frames, from the worker to the main thread */
  TvFrameQueue  *queue;

  /* Worker only */
  guint32        w_record;     /* records written to the spool */
  guint64        w_tcp;
  GError        *w_dump_error;

  /* Shared with the worker, under mutex */
  GMutex         mutex;
  TvLiveCaptureStats shared;
  TvLiveCaptureStopReason shared_reason;
  GError        *shared_error;
  guint          stats_dirty : 1;

  /* Main thread */
  TvLiveCaptureStats stats;
  TvLiveCaptureStopReason reason;
  GError        *error;
  guint          running : 1;
  guint          started : 1;
  guint          finished : 1;
};

G_DEFINE_FINAL_TYPE (TvLiveCapture, tv_live_capture, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INTERFACE,
  PROP_RUNNING,
  N_PROPS
};

enum {
  FRAMES_ADDED,
  STATS_CHANGED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void close_handles (TvLiveCapture *self);

static void
tv_live_capture_finalize (GObject *object)
{
  TvLiveCapture *self = TV_LIVE_CAPTURE (object);

  /* The worker holds a reference while it runs, so it has ended here. */
  if (self->thread != NULL)
    {
      g_thread_join (self->thread);
      self->thread = NULL;
    }
  close_handles (self);
  if (self->spool_is_default && self->spool_path != NULL)
    g_unlink (self->spool_path);

  g_clear_pointer (&self->queue, tv_frame_queue_free);
  g_clear_pointer (&self->iface, g_free);
  g_clear_pointer (&self->filter, g_free);
  g_clear_pointer (&self->spool_path, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->w_dump_error);
  g_clear_error (&self->shared_error);
  g_clear_error (&self->error);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (tv_live_capture_parent_class)->finalize (object);
}

static void
tv_live_capture_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TvLiveCapture *self = TV_LIVE_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_INTERFACE:
      g_value_set_string (value, self->iface);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_live_capture_class_init (TvLiveCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tv_live_capture_finalize;
  object_class->get_property = tv_live_capture_get_property;

  properties[PROP_INTERFACE] =
    g_param_spec_string ("interface", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FRAMES_ADDED] =
    g_signal_new ("frames-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[STATS_CHANGED] =
    g_signal_new ("stats-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tv_live_capture_init (TvLiveCapture *self)
{
  g_mutex_init (&self->mutex);
  self->queue = tv_frame_queue_new (0);   /* the worker never waits */
  self->snaplen = TV_LIVE_CAPTURE_DEFAULT_SNAPLEN;
  self->buffer_size = TV_LIVE_CAPTURE_DEFAULT_BUFFER_SIZE;
  self->immediate = FALSE;
  self->timeout_ms = TV_LIVE_CAPTURE_DEFAULT_DELAY_MS;
  self->filter = g_strdup (TV_LIVE_CAPTURE_DEFAULT_FILTER);
  self->linktype = -1;
  self->wake[0] = self->wake[1] = -1;
}

TvLiveCapture *
tv_live_capture_new (const char *iface,
                     TvTracker  *tracker)
{
  TvLiveCapture *self;

  g_return_val_if_fail (iface != NULL && iface[0] != '\0', NULL);
  g_return_val_if_fail (tracker != NULL, NULL);

  self = g_object_new (TV_TYPE_LIVE_CAPTURE, NULL);
  self->iface = g_strdup (iface);
  self->tracker = tracker;
  return self;
}

void
tv_live_capture_set_filter (TvLiveCapture *self,
                            const char    *filter)
{
  g_return_if_fail (TV_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);

  g_free (self->filter);
  self->filter = g_strdup (filter != NULL ? filter : TV_LIVE_CAPTURE_DEFAULT_FILTER);
}

void
tv_live_capture_set_duration (TvLiveCapture *self,
                              guint          seconds)
{
  g_return_if_fail (TV_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);
  self->duration = seconds;
}

void
tv_live_capture_set_spool_path (TvLiveCapture *self,
                                const char    *path)
{
  g_return_if_fail (TV_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);

  g_free (self->spool_path);
  self->spool_path = g_strdup (path);
}

void
tv_live_capture_set_snaplen (TvLiveCapture *self,
                             int            snaplen)
{
  g_return_if_fail (TV_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (snaplen > 0);
  self->snaplen = snaplen;
}

void
tv_live_capture_set_promiscuous (TvLiveCapture *self,
                                 gboolean       promiscuous)
{
  g_return_if_fail (TV_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);
  self->promiscuous = !!promiscuous;
}

void
tv_live_capture_set_buffer_size (TvLiveCapture *self,
                                 int            bytes)
{
  g_return_if_fail (TV_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (bytes > 0);
  self->buffer_size = bytes;
}

void
tv_live_capture_set_immediate (TvLiveCapture *self,
                               gboolean       immediate,
                               int            timeout_ms)
{
  g_return_if_fail (TV_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (timeout_ms >= 0);
  self->immediate = !!immediate;
  if (timeout_ms > 0)
    self->timeout_ms = timeout_ms;
}

/* ---- main thread: draining ------------------------------------------------ */

static void
close_handles (TvLiveCapture *self)
{
  /* Only once the worker has been joined: it owns them while it runs. */
  g_assert (self->thread == NULL);

  if (self->dumper != NULL)
    {
      pcap_dump_flush (self->dumper);
      pcap_dump_close (self->dumper);
      self->dumper = NULL;
    }
  g_clear_pointer (&self->pcap, pcap_close);
  for (guint i = 0; i < 2; i++)
    if (self->wake[i] >= 0)
      {
        close (self->wake[i]);
        self->wake[i] = -1;
      }
}

/* Adds up to @max queued frames to the tracker (0: all of them).
 * Returns TRUE when frames are still queued. */
static gboolean
drain_some (TvLiveCapture *self,
            guint          max,
            guint         *added,
            gboolean      *closed)
{
  TvFrameQueueDrain drained;

  tv_frame_queue_drain (self->queue, self->tracker, max, 0, &drained);
  *added = drained.added;
  if (closed != NULL)
    *closed = drained.closed;
  return drained.more;
}

/* Copies the worker's statistics; returns TRUE if there were new ones. */
static gboolean
take_stats (TvLiveCapture *self)
{
  gboolean dirty;

  tv_mutex_lock (&self->mutex);
  dirty = self->stats_dirty;
  self->stats_dirty = FALSE;
  if (dirty)
    self->stats = self->shared;
  tv_mutex_unlock (&self->mutex);
  return dirty;
}

static void
finish (TvLiveCapture *self)
{
  guint added = 0;

  g_assert (self->thread == NULL);

  if (self->finished)
    return;
  self->finished = TRUE;

  close_handles (self);

  /* Every frame the worker handed over goes into the tracker now. */
  drain_some (self, 0, &added, NULL);
  tv_mutex_lock (&self->mutex);
  self->stats = self->shared;
  self->stats_dirty = FALSE;
  self->reason = self->shared_reason;
  self->error = g_steal_pointer (&self->shared_error);
  tv_mutex_unlock (&self->mutex);

  /* A pending drain has nothing left to do, and would keep the object
   * alive until the main loop runs it. */
  tv_frame_queue_detach (self->queue);

  if (self->tracker == NULL)
    return;   /* detached: no more signals */

  tv_tracker_finish (self->tracker);
  self->running = FALSE;
  g_object_ref (self);
  if (added > 0)
    g_signal_emit (self, signals[FRAMES_ADDED], 0, added);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[STATS_CHANGED], 0);
  g_signal_emit (self, signals[FINISHED], 0);
  g_object_unref (self);
}

/* Called by the queue on the main thread: the queue stays pending (and
 * calls again) while frames or statistics are left. */
static void
tv_live_capture_drain (gpointer user_data)
{
  TvLiveCapture *self = TV_LIVE_CAPTURE (user_data);
  gboolean stats, closed;
  guint added = 0;

  if (self->finished)
    return;

  drain_some (self, MAX_DRAIN, &added, &closed);
  stats = take_stats (self);

  g_object_ref (self);
  if (added > 0 && self->tracker != NULL)
    g_signal_emit (self, signals[FRAMES_ADDED], 0, added);
  if (stats && self->tracker != NULL)
    g_signal_emit (self, signals[STATS_CHANGED], 0);

  if (!self->finished && closed)
    {
      /* The worker ended by itself (duration, error): join and finish.
       * finish() detaches the queue. */
      if (self->thread != NULL)
        {
          g_thread_join (self->thread);
          self->thread = NULL;
        }
      finish (self);
    }
  g_object_unref (self);
}

/* ---- worker thread ---------------------------------------------------------- */

static void
on_packet (u_char                   *user,
           const struct pcap_pkthdr *hdr,
           const u_char             *bytes)
{
  TvLiveCapture *self = (TvLiveCapture *) user;
  gint64 time_ns;

  /* First the spool: every packet, TCP or not. */
  pcap_dump ((u_char *) self->dumper, hdr, bytes);
  self->w_record++;

  time_ns = (gint64) hdr->ts.tv_sec * G_GINT64_CONSTANT (1000000000) +
            (self->nano ? (gint64) hdr->ts.tv_usec : (gint64) hdr->ts.tv_usec * 1000);
  if (tv_frame_queue_push_packet (self->queue, self->linktype, bytes, hdr->caplen, hdr->len,
                                  self->w_record, time_ns))
    self->w_tcp++;
}

/* Reads the counters (pcap_stats on the worker's own handle). */
static void
update_stats (TvLiveCapture *self,
              gboolean       force)
{
  struct pcap_stat ps = { 0 };
  gboolean have = pcap_stats (self->pcap, &ps) == 0;

  tv_mutex_lock (&self->mutex);
  self->shared.packets = self->w_record;
  self->shared.tcp_frames = self->w_tcp;
  if (have)
    {
      self->shared.kernel_dropped = ps.ps_drop;
      self->shared.if_dropped = ps.ps_ifdrop;
    }
  self->shared.elapsed_us = g_get_monotonic_time () - self->start_us;
  self->stats_dirty = TRUE;
  tv_mutex_unlock (&self->mutex);
  tv_frame_queue_wake (self->queue);
}

/* Flushes the spool, then hands the current chunk over.  FALSE if the spool
 * could not be written (w_dump_error set). */
static gboolean
hand_over (TvLiveCapture *self)
{
  if (pcap_dump_flush (self->dumper) != 0 || ferror (pcap_dump_file (self->dumper)))
    {
      int saved = errno ? errno : EIO;
      g_autofree char *display = g_filename_display_name (self->spool_path);

      if (self->w_dump_error == NULL)
        g_set_error (&self->w_dump_error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
                     _("Capturing on “%s” stopped: the capture could not be written to “%s” (%s). "
                       "The packets captured before are kept."),
                     self->iface, display, g_strerror (saved));
      /* The frames are still handed over: they were captured. */
    }

  if (tv_frame_queue_get_unflushed (self->queue) > 0)
    {
      tv_mutex_lock (&self->mutex);
      self->shared.packets = self->w_record;
      self->shared.tcp_frames = self->w_tcp;
      tv_mutex_unlock (&self->mutex);
      tv_frame_queue_flush (self->queue);
    }
  return self->w_dump_error == NULL;
}

static void
set_capture_error (TvLiveCapture *self,
                   GError       **error,
                   int            rc)
{
  const char *msg = pcap_geterr (self->pcap);

  if (rc == PCAP_ERROR_IFACE_NOT_UP || strstr (msg, "went down") != NULL ||
      strstr (msg, "ENETDOWN") != NULL || strstr (msg, "Network is down") != NULL)
    g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                 _("Capturing on “%s” stopped: the interface went down (%s). "
                   "The packets captured before are kept."),
                 self->iface, msg);
  else if (strstr (msg, "disappeared") != NULL || strstr (msg, "No such device") != NULL)
    g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                 _("Capturing on “%s” stopped: the interface disappeared (%s). "
                   "The packets captured before are kept."),
                 self->iface, msg);
  else
    g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                 _("Capturing on “%s” stopped: %s. The packets captured before are kept."),
                 self->iface, msg);
}

/* Reads what the kernel holds, one chunk per pcap_dispatch().  FALSE with
 * @error when the capture failed. */
static gboolean
read_available (TvLiveCapture *self,
                gboolean       final,
                GError       **error)
{
  for (guint i = 0; i < (final ? MAX_FINAL_CHUNKS : 64); i++)
    {
      int rc = pcap_dispatch (self->pcap, CHUNK, on_packet, (u_char *) self);

      if (rc == PCAP_ERROR_BREAK)
        {
          /* pcap_breakloop(): stopping.  When stopping, the flag is now
           * cleared; read on to collect what the kernel already has. */
          if (final)
            continue;
          return TRUE;
        }
      if (rc < 0)
        {
          hand_over (self);
          set_capture_error (self, error, rc);
          return FALSE;
        }
      if (!hand_over (self))
        {
          g_propagate_error (error, g_steal_pointer (&self->w_dump_error));
          return FALSE;
        }
      if (rc < CHUNK)
        break;
      if (!final && g_atomic_int_get (&self->stop))
        break;
    }
  return TRUE;
}

/* libpcap reports an interface that went down only once, on the next read
 * (and then keeps waiting: Linux unhooks the socket until the interface is
 * up again), and one that disappeared not at all while no packet comes.
 * So the worker asks the interface itself, with each statistics tick.
 * FALSE with @error when it is down or gone. */
static gboolean
check_interface (TvLiveCapture *self,
                 int            fd,
                 GError       **error)
{
#if defined(SIOCGIFFLAGS) && defined(IFF_UP)
  struct ifreq ifr;

  if (g_strcmp0 (self->iface, "any") == 0 || strlen (self->iface) >= sizeof ifr.ifr_name)
    return TRUE;
  memset (&ifr, 0, sizeof ifr);
  g_strlcpy (ifr.ifr_name, self->iface, sizeof ifr.ifr_name);
  if (ioctl (fd, SIOCGIFFLAGS, &ifr) != 0)
    {
      int saved = errno;
      if (saved == ENODEV || saved == ENXIO)
        {
          g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                       _("Capturing on “%s” stopped: the interface disappeared. "
                         "The packets captured before are kept."),
                       self->iface);
          return FALSE;
        }
      return TRUE;   /* cannot tell: go on */
    }
  if (!(ifr.ifr_flags & IFF_UP))
    {
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                   _("Capturing on “%s” stopped: the interface went down. "
                     "The packets captured before are kept."),
                   self->iface);
      return FALSE;
    }
#endif
  return TRUE;
}

static gpointer
tv_live_capture_worker (gpointer data)
{
  TvLiveCapture *self = data;   /* owns a reference */
  g_autoptr(GError) error = NULL;
  TvLiveCaptureStopReason reason = TV_LIVE_CAPTURE_NOT_STOPPED;
  int pcap_fd = pcap_get_selectable_fd (self->pcap);
  gint64 deadline = G_MAXINT64;
  gint64 next_stats = self->start_us + STATS_INTERVAL_US;

  if (self->duration > 0)
    deadline = self->start_us + (gint64) self->duration * G_TIME_SPAN_SECOND;

  for (;;)
    {
      struct pollfd fds[2];
      gint64 now, wake_at;
      int timeout_ms, n;

      if (g_atomic_int_get (&self->stop))
        {
          reason = TV_LIVE_CAPTURE_STOPPED_BY_USER;
          break;
        }
      now = g_get_monotonic_time ();
      if (now >= deadline)
        {
          reason = TV_LIVE_CAPTURE_STOPPED_DURATION;
          break;
        }
      if (now >= next_stats)
        {
          update_stats (self, FALSE);
          next_stats = now + STATS_INTERVAL_US;
          if (!check_interface (self, pcap_fd, &error))
            {
              /* Keep what the kernel still holds from before. */
              read_available (self, TRUE, NULL);
              reason = TV_LIVE_CAPTURE_STOPPED_ERROR;
              break;
            }
        }

      wake_at = MIN (deadline, next_stats);
      timeout_ms = (int) CLAMP ((wake_at - now + 999) / 1000, 0, 1000);
      fds[0].fd = pcap_fd;
      fds[0].events = POLLIN;
      fds[0].revents = 0;
      fds[1].fd = self->wake[0];
      fds[1].events = POLLIN;
      fds[1].revents = 0;
      n = poll (fds, 2, timeout_ms);
      if (n < 0 && errno != EINTR)
        {
          int saved = errno;
          g_set_error (&error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                       _("Capturing on “%s” stopped: %s. The packets captured before are kept."),
                       self->iface, g_strerror (saved));
          reason = TV_LIVE_CAPTURE_STOPPED_ERROR;
          break;
        }
      if (g_atomic_int_get (&self->stop))
        {
          reason = TV_LIVE_CAPTURE_STOPPED_BY_USER;
          break;
        }
      /* POLLERR and POLLHUP go to pcap_dispatch() too: it reports why. */
      if (n > 0 && fds[0].revents != 0)
        {
          if (!read_available (self, FALSE, &error))
            {
              reason = TV_LIVE_CAPTURE_STOPPED_ERROR;
              break;
            }
        }
    }

  /* What the kernel captured before the stop is part of the capture.  In
   * block mode the last packets may sit in a block the kernel has not
   * handed over yet: it does within two delays (its timer retires a block
   * that stayed the current one for a whole period). */
  if (reason != TV_LIVE_CAPTURE_STOPPED_ERROR)
    {
      if (!self->immediate)
        {
          gint64 end = g_get_monotonic_time () + (2 * self->timeout_ms + 5) * G_TIME_SPAN_MILLISECOND;
          gint64 now;

          while ((now = g_get_monotonic_time ()) < end)
            {
              struct pollfd pfd = { pcap_fd, POLLIN, 0 };

              if (poll (&pfd, 1, (int) ((end - now + 999) / 1000)) > 0 &&
                  !read_available (self, TRUE, &error))
                {
                  reason = TV_LIVE_CAPTURE_STOPPED_ERROR;
                  break;
                }
            }
        }
      if (reason != TV_LIVE_CAPTURE_STOPPED_ERROR && !read_available (self, TRUE, &error))
        reason = TV_LIVE_CAPTURE_STOPPED_ERROR;
    }
  else
    hand_over (self);

  update_stats (self, TRUE);

  tv_mutex_lock (&self->mutex);
  self->shared_reason = reason;
  self->shared_error = g_steal_pointer (&error);
  tv_mutex_unlock (&self->mutex);
  /* after the state above: the main thread reads it once it sees the end */
  tv_frame_queue_close (self->queue);

  g_object_unref (self);
  return NULL;
}

/* ---- public ----------------------------------------------------------------- */

static char *
program_path (void)
{
  char *path = g_file_read_link ("/proc/self/exe", NULL);
  return path != NULL ? path : g_strdup ("/path/to/tcpviz");
}

static void
set_permission_error (GError     **error,
                      const char  *iface,
                      const char  *pcap_message)
{
  g_autofree char *exe = program_path ();
  g_autofree char *quoted = g_shell_quote (exe);

  g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_PERMISSION,
               _("You are not allowed to capture on “%s” (%s).\n"
                 "TcpViz never needs to run as root. Either give it the capture "
                 "capabilities once:\n"
                 "    sudo setcap cap_net_raw,cap_net_admin=eip %s\n"
                 "or let tcpdump capture and pipe its output in:\n"
                 "    sudo tcpdump -i %s -U -w - 'tcp' | tcpviz -"),
               iface, pcap_message, quoted, iface);
}

static gboolean
is_permission_message (const char *msg)
{
  return strstr (msg, "Operation not permitted") != NULL ||
         strstr (msg, "Permission denied") != NULL ||
         strstr (msg, "permission") != NULL;
}

static gboolean
set_activate_error (GError     **error,
                    const char  *iface,
                    pcap_t      *pcap,
                    int          rc)
{
  const char *msg = pcap_geterr (pcap);

  switch (rc)
    {
    case PCAP_ERROR_PERM_DENIED:
    case PCAP_ERROR_PROMISC_PERM_DENIED:
      set_permission_error (error, iface, msg[0] ? msg : g_strerror (EPERM));
      break;
    case PCAP_ERROR_NO_SUCH_DEVICE:
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                   _("There is no network interface “%s” (%s)"), iface, msg);
      break;
    case PCAP_ERROR_IFACE_NOT_UP:
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                   _("The interface “%s” is down: bring it up, or choose another one"), iface);
      break;
    case PCAP_ERROR_RFMON_NOTSUP:
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                   _("The interface “%s” cannot capture in monitor mode (%s)"), iface, msg);
      break;
    default:
      if (is_permission_message (msg))
        set_permission_error (error, iface, msg);
      else
        g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                     _("Capturing on “%s” could not start: %s"), iface,
                     msg[0] ? msg : pcap_statustostr (rc));
      break;
    }
  return FALSE;
}

static char *
default_spool_path (const char *iface,
                    GError    **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "tcpviz", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *safe = g_strdup (iface);
  g_autofree char *name = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
                   _("The folder for the capture “%s” cannot be created: %s"),
                   display, g_strerror (saved));
      return NULL;
    }
  g_strcanon (safe, G_CSET_A_2_Z G_CSET_a_2_z G_CSET_DIGITS "-_.", '_');
  /* the name tv-spool.c parses to offer the spool back after a crash */
  name = g_strdup_printf (TV_SPOOL_PREFIX "%s-%s-%d" TV_SPOOL_SUFFIX, safe, stamp, (int) getpid ());
  return g_build_filename (dir, name, NULL);
}

static gboolean
open_spool (TvLiveCapture *self,
            GError       **error)
{
  FILE *fp;
  int fd;

  if (self->spool_path == NULL)
    {
      self->spool_path = default_spool_path (self->iface, error);
      if (self->spool_path == NULL)
        return FALSE;
      self->spool_is_default = TRUE;
    }

  fd = g_open (self->spool_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || (fp = fdopen (fd, "wb")) == NULL)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (self->spool_path);

      if (fd >= 0)
        close (fd);
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
                   _("The capture file “%s” cannot be created: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  self->dumper = pcap_dump_fopen (self->pcap, fp);
  if (self->dumper == NULL)
    {
      g_autofree char *display = g_filename_display_name (self->spool_path);

      fclose (fp);
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
                   _("The capture file “%s” cannot be written: %s"),
                   display, pcap_geterr (self->pcap));
      return FALSE;
    }
  /* The file header is on disk at once: the spool is a capture from now. */
  if (pcap_dump_flush (self->dumper) != 0)
    {
      int saved = errno ? errno : EIO;
      g_autofree char *display = g_filename_display_name (self->spool_path);

      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
                   _("The capture file “%s” cannot be written: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_loopback (const char *iface,
             int         fd)
{
#if defined(__linux__) && defined(SIOCGIFFLAGS) && defined(IFF_LOOPBACK)
  struct ifreq ifr;

  if (fd < 0 || strlen (iface) >= sizeof ifr.ifr_name)
    return FALSE;
  memset (&ifr, 0, sizeof ifr);
  g_strlcpy (ifr.ifr_name, iface, sizeof ifr.ifr_name);
  return ioctl (fd, SIOCGIFFLAGS, &ifr) == 0 && (ifr.ifr_flags & IFF_LOOPBACK);
#else
  return FALSE;
#endif
}

/* On Linux's loopback every packet passes a packet socket twice, going out
 * and coming in; libpcap throws the outgoing copy away, but only after the
 * kernel has put it in the ring: half of the ring (and of the kernel's
 * copying) for nothing, and a ring slot on lo is 64 KiB in immediate mode.
 * So the kernel filter gets "and inbound".  Not through pcap_setfilter():
 * libpcap runs a new filter in user space on the first ring block after it
 * is set, and its user-space BPF cannot read the packet type, so it would
 * reject that block's packets.  libpcap keeps the user's filter for that;
 * only the kernel's copy is replaced (SO_ATTACH_FILTER).  On failure the
 * capture goes on as it was. */
static void
keep_outgoing_copies_out (TvLiveCapture *self)
{
#if defined(__linux__) && defined(SO_ATTACH_FILTER)
  g_autofree char *inbound = NULL;
  struct bpf_program program;
  struct sock_fprog fprog;

  G_STATIC_ASSERT (sizeof (struct bpf_insn) == sizeof (struct sock_filter));

  inbound = self->filter[0] != '\0' ? g_strdup_printf ("(%s) and inbound", self->filter)
                                    : g_strdup ("inbound");
  if (pcap_compile (self->pcap, &program, inbound, 1, PCAP_NETMASK_UNKNOWN) != 0)
    {
      g_debug ("%s: “%s” does not compile: %s", self->iface, inbound, pcap_geterr (self->pcap));
      return;
    }
  fprog.len = program.bf_len;
  fprog.filter = (struct sock_filter *) program.bf_insns;
  if (setsockopt (pcap_fileno (self->pcap), SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof fprog) != 0)
    g_debug ("%s: kernel filter “%s” not set: %s", self->iface, inbound, g_strerror (errno));
  else
    g_debug ("%s: kernel filter “%s”", self->iface, inbound);
  pcap_freecode (&program);
#endif
}

/* Opens and configures the handle; FALSE with @error. */
static gboolean
open_handle (TvLiveCapture *self,
             GError       **error)
{
  char errbuf[PCAP_ERRBUF_SIZE] = "";
  struct bpf_program program;
  int rc;

  self->pcap = pcap_create (self->iface, errbuf);
  if (self->pcap == NULL)
    {
      if (is_permission_message (errbuf))
        set_permission_error (error, self->iface, errbuf);
      else
        g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                     _("Capturing on “%s” could not start: %s"), self->iface, errbuf);
      return FALSE;
    }

  pcap_set_snaplen (self->pcap, self->snaplen);
  pcap_set_promisc (self->pcap, self->promiscuous);
  pcap_set_immediate_mode (self->pcap, self->immediate);
  pcap_set_buffer_size (self->pcap, self->buffer_size);
  /* Without immediate mode (the default), the longest a packet waits in
   * the kernel before it is handed over (docs/live-capture.md: why). */
  pcap_set_timeout (self->pcap, self->timeout_ms);
  self->nano = pcap_set_tstamp_precision (self->pcap, PCAP_TSTAMP_PRECISION_NANO) == 0;

  rc = pcap_activate (self->pcap);
  if (rc < 0)
    return set_activate_error (error, self->iface, self->pcap, rc);
  if (rc > 0)
    g_debug ("pcap_activate on %s: %s (%s)", self->iface, pcap_statustostr (rc),
             pcap_geterr (self->pcap));

  self->nano = pcap_get_tstamp_precision (self->pcap) == PCAP_TSTAMP_PRECISION_NANO;
  self->linktype = pcap_datalink (self->pcap);
  if (!tv_decode_linktype_supported (self->linktype))
    {
      const char *name = pcap_datalink_val_to_name (self->linktype);
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_LINKTYPE,
                   _("TcpViz cannot read the frames of “%s”: its link type %s (%d) is not supported"),
                   self->iface, name ? name : "?", self->linktype);
      return FALSE;
    }

  if (self->filter[0] != '\0')
    {
      if (pcap_compile (self->pcap, &program, self->filter, 1, PCAP_NETMASK_UNKNOWN) != 0)
        {
          g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                       _("The filter “%s” is not valid: %s"), self->filter,
                       pcap_geterr (self->pcap));
          return FALSE;
        }
      rc = pcap_setfilter (self->pcap, &program);
      pcap_freecode (&program);
      if (rc != 0)
        {
          g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                       _("The filter “%s” could not be set on “%s”: %s"), self->filter,
                       self->iface, pcap_geterr (self->pcap));
          return FALSE;
        }
    }
  if (is_loopback (self->iface, pcap_fileno (self->pcap)))
    keep_outgoing_copies_out (self);

  if (pcap_setnonblock (self->pcap, 1, errbuf) != 0)
    {
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                   _("Capturing on “%s” could not start: %s"), self->iface, errbuf);
      return FALSE;
    }
  if (pcap_get_selectable_fd (self->pcap) < 0)
    {
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                   _("Capturing on “%s” is not possible: the interface cannot be waited on"),
                   self->iface);
      return FALSE;
    }
  return TRUE;
}

gboolean
tv_live_capture_start (TvLiveCapture *self,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TV_IS_LIVE_CAPTURE (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);
  g_return_val_if_fail (self->tracker != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->started = TRUE;

  if (!open_handle (self, &local_error) ||
      !g_unix_open_pipe (self->wake, FD_CLOEXEC, &local_error) ||
      !g_unix_set_fd_nonblocking (self->wake[1], TRUE, &local_error) ||
      !open_spool (self, &local_error))
    {
      close_handles (self);
      if (self->spool_is_default && self->spool_path != NULL)
        g_unlink (self->spool_path);
      if (local_error->domain != TV_CORE_ERROR)
        g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_CAPTURE,
                     _("Capturing on “%s” could not start: %s"), self->iface,
                     local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      self->finished = TRUE;
      self->reason = TV_LIVE_CAPTURE_STOPPED_ERROR;
      return FALSE;
    }

  self->spool_created = TRUE;
  self->context = g_main_context_ref_thread_default ();
  tv_frame_queue_attach (self->queue, self->context, "[tcpviz] live capture drain",
                         tv_live_capture_drain, self, g_object_ref, g_object_unref);
  self->start_us = g_get_monotonic_time ();
  self->running = TRUE;
  self->thread = g_thread_new ("tv-live-capture", tv_live_capture_worker, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return TRUE;
}

static void
stop_and_join (TvLiveCapture *self)
{
  if (self->thread == NULL)
    return;

  g_atomic_int_set (&self->stop, 1);
  pcap_breakloop (self->pcap);
  if (self->wake[1] >= 0)
    {
      char byte = 1;
      while (write (self->wake[1], &byte, 1) < 0 && errno == EINTR)
        ;
    }
  g_thread_join (self->thread);
  self->thread = NULL;
}

void
tv_live_capture_stop (TvLiveCapture *self)
{
  g_return_if_fail (TV_IS_LIVE_CAPTURE (self));

  if (!self->started || self->finished)
    return;
  g_object_ref (self);
  stop_and_join (self);
  finish (self);
  g_object_unref (self);
}

void
tv_live_capture_detach (TvLiveCapture *self)
{
  g_return_if_fail (TV_IS_LIVE_CAPTURE (self));

  self->tracker = NULL;
  if (self->started && !self->finished)
    {
      stop_and_join (self);
      finish (self);
    }
  if (self->running)
    {
      self->running = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

gboolean
tv_live_capture_save (TvLiveCapture *self,
                      const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (TV_IS_LIVE_CAPTURE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->spool_created)
    {
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
                   _("There is no capture to save yet"));
      return FALSE;
    }
  return tv_writer_save_frames (self->spool_path, path, NULL, 0, cancellable, error);
}

const char *
tv_live_capture_get_interface (TvLiveCapture *self)
{
  g_return_val_if_fail (TV_IS_LIVE_CAPTURE (self), NULL);
  return self->iface;
}

const char *
tv_live_capture_get_filter (TvLiveCapture *self)
{
  g_return_val_if_fail (TV_IS_LIVE_CAPTURE (self), NULL);
  return self->filter;
}

guint
tv_live_capture_get_duration (TvLiveCapture *self)
{
  g_return_val_if_fail (TV_IS_LIVE_CAPTURE (self), 0);
  return self->duration;
}

const char *
tv_live_capture_get_spool_path (TvLiveCapture *self)
{
  g_return_val_if_fail (TV_IS_LIVE_CAPTURE (self), NULL);
  return self->spool_created ? self->spool_path : NULL;
}

TvTracker *
tv_live_capture_get_tracker (TvLiveCapture *self)
{
  g_return_val_if_fail (TV_IS_LIVE_CAPTURE (self), NULL);
  return self->tracker;
}

gboolean
tv_live_capture_get_running (TvLiveCapture *self)
{
  g_return_val_if_fail (TV_IS_LIVE_CAPTURE (self), FALSE);
  return self->running;
}

int
tv_live_capture_get_linktype (TvLiveCapture *self)
{
  g_return_val_if_fail (TV_IS_LIVE_CAPTURE (self), -1);
  return self->linktype;
}

void
tv_live_capture_get_stats (TvLiveCapture      *self,
                           TvLiveCaptureStats *stats)
{
  g_return_if_fail (TV_IS_LIVE_CAPTURE (self));
  g_return_if_fail (stats != NULL);

  *stats = self->stats;
  if (self->running)
    stats->elapsed_us = g_get_monotonic_time () - self->start_us;
}

TvLiveCaptureStopReason
tv_live_capture_get_stop_reason (TvLiveCapture *self)
{
  g_return_val_if_fail (TV_IS_LIVE_CAPTURE (self), TV_LIVE_CAPTURE_NOT_STOPPED);
  return self->reason;
}

const GError *
tv_live_capture_get_error (TvLiveCapture *self)
{
  g_return_val_if_fail (TV_IS_LIVE_CAPTURE (self), NULL);
  return self->error;
}
