/* tv-load.h: read a whole capture into a tracker, synchronously (command
 * line) — the window uses the threaded TvLoader on top of the same pieces. */
#pragma once

#include <gio/gio.h>
#include "tv-tracker.h"
#include "tv-reader.h"
#include "tv-label.h"

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

/* What every loader (this one, TvFrameQueue for the window and live
 * capture) does with one captured record: decodes it into @frame
 * (tv_decode_frame_full()) with @frame_number and @time_ns, labels its
 * payload into @label (tv_label_from_payload(); "" and TV_LABEL_NONE in
 * @kind when there is none) and clears frame->payload, which points into
 * @data.  Returns FALSE, leaving @kind and @label unset, when the record is
 * not TCP. */
gboolean tv_load_decode_record (int           linktype,
                                const guint8 *data,
                                guint32       caplen,
                                guint32       wirelen,
                                guint32       frame_number,
                                gint64        time_ns,
                                TvFrame      *frame,
                                TvLabelKind  *kind,
                                char          label[TV_LABEL_MAX]);

G_END_DECLS
