/* tv-spool.h: the spool files of live captures that nobody saved.
 *
 * A live capture (tv-live-capture.c) writes every packet to a spool file
 * before it is shown, by default
 *
 *   $XDG_CACHE_HOME/tcpviz/capture-IFACE-YYYYmmdd-HHMMSS-PID.pcap
 *
 * (IFACE with every character other than A-Z a-z 0-9 - _ . replaced by
 * '_', the local time the capture started, the capturing process's PID).
 * The window deletes it when it closes; a process that is killed or
 * crashes, or a machine that loses power, leaves it behind.  This module
 * finds those orphans so that the window can offer them back.
 *
 * A spool is an orphan when the process named in it is no longer the one
 * that wrote it: no process has that PID any more, or the process that
 * has it now started after the spool was last written (the PID was
 * reused, after a crash or a reboot), or belongs to another user.  The
 * start time decides, not the process's name: a test program or a
 * renamed binary that captures is still the spool's writer, and its
 * running capture must not be offered (and deleted).  Only when the start
 * time cannot be read is the name used (/proc/PID/comm neither "tcpviz"
 * nor this program's name: an orphan); without /proc at all, the spool is
 * taken to be in use: deleting the spool of a running capture is worse
 * than offering an orphan one start later.
 *
 * The spool name is built by default_spool_path() in tv-live-capture.c
 * from TV_SPOOL_PREFIX and TV_SPOOL_SUFFIX.  Later: a lock held on the
 * spool while it is written (flock) would tell "in use" without looking at
 * process names. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TV_SPOOL_PREFIX "capture-"
#define TV_SPOOL_SUFFIX ".pcap"

typedef struct {
  char      *path;       /* the spool file */
  char      *iface;      /* the interface, as in the name ("lo", "eth0", "br-1a2b") */
  GDateTime *started;    /* when the capture started (local time, from the name) */
  int        pid;        /* the process that captured it */
  guint64    size;       /* bytes */
  guint64    n_packets;  /* complete packet records (a last one cut short is not counted) */
  gint64     modified;   /* when it was last written (seconds since 1970) */
} TvSpool;

void        tv_spool_free           (TvSpool *spool);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TvSpool, tv_spool_free)

/* $XDG_CACHE_HOME/tcpviz: where live captures put their spools (g_free). */
char       *tv_spool_default_dir    (void);

/* Reads a spool's file name ("capture-lo-20261122-054012-4242.pcap", no
 * folder).  Returns FALSE for any other name; each out argument may be
 * NULL. */
gboolean    tv_spool_parse_name     (const char  *basename,
                                     char       **iface,
                                     GDateTime  **started,
                                     int         *pid);

/* Whether @pid is still a running TcpViz that may be writing a spool last
 * modified at @modified (seconds since 1970, or -1 if not known): see the
 * rules above (which apply to this process's own PID too). */
gboolean    tv_spool_owner_running  (int          pid,
                                     gint64       modified);

/* Counts the complete packet records of the pcap file @path (every byte
 * order, microsecond and nanosecond files).  Returns FALSE with @error
 * (TV_CORE_ERROR_OPEN, TV_CORE_ERROR_FORMAT: not a pcap file, or
 * G_IO_ERROR_CANCELLED).  A file shorter than a pcap header has 0. */
gboolean    tv_spool_count_packets  (const char    *path,
                                     guint64       *n_packets,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* The orphaned spools in @dir (NULL: tv_spool_default_dir()), newest
 * first: a GPtrArray of TvSpool * that frees its elements.  Only regular
 * files (not symbolic links) of this user, named as above, that are pcap
 * files, are looked at; anything else in the folder is left alone.
 * Orphans that hold no packet (0 bytes, a header cut short, a header and
 * no complete record) are not worth offering and are deleted here;
 * @n_removed (may be NULL) says how many.  A missing folder holds no
 * spool: an empty array.  NULL with @error only when the folder cannot be
 * read, or on G_IO_ERROR_CANCELLED.  Blocks (it reads every orphan once to
 * count its packets): call it from a worker thread in a UI. */
GPtrArray  *tv_spool_list_orphans   (const char    *dir,
                                     guint         *n_removed,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Deletes @spool's file.  A file that is already gone is no error.
 * FALSE with @error (TV_CORE_ERROR_WRITE) when it cannot be deleted. */
gboolean    tv_spool_discard        (const TvSpool *spool,
                                     GError       **error);

/* "capture-lo-20261122-054012.pcap": a name to save @spool under (its
 * name without the PID), for a file chooser (g_free). */
char       *tv_spool_suggest_name   (const TvSpool *spool);

TvSpool    *tv_spool_copy           (const TvSpool *spool);

G_END_DECLS
