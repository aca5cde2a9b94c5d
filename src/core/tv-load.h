/* tv-load.h: read a whole capture into a tracker, synchronously (command
 * line) — the window uses the threaded TvLoader on top of the same pieces. */
#pragma once

#include <gio/gio.h>
#include "tv-tracker.h"
#include "tv-reader.h"

G_BEGIN_DECLS

typedef struct {
  guint64 frames;        /* records read */
  guint64 tcp_frames;    /* of which decoded as TCP */
  char   *warning;       /* e.g. the last record was cut short; owned, may be NULL */
} TvLoadStats;

void     tv_load_stats_clear (TvLoadStats *stats);

/* Reads @path ("-": standard input) into @tracker.  Returns FALSE with
 * @error when the file cannot be read at all; a damaged end keeps what was
 * read and sets stats->warning. */
gboolean tv_load_file (const char    *path,
                       TvTracker     *tracker,
                       GCancellable  *cancellable,
                       TvLoadStats   *stats,
                       GError       **error);

/* Decodes one record and, if it is TCP, adds it to @tracker with its label.
 * Returns TRUE if it was TCP. */
gboolean tv_load_record (TvTracker      *tracker,
                         int             linktype,
                         const TvRecord *record);

G_END_DECLS
