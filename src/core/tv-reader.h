/* tv-reader.h: reads frames from a capture file, standard input ("-") or a
 * FIFO with libpcap, decodes them and hands TCP frames to a callback. */
#pragma once

#include <gio/gio.h>
#include "tv-decode.h"

G_BEGIN_DECLS

typedef struct _TvReader TvReader;

/* Opens @path ("-" for standard input).  On failure returns NULL with a
 * GError (TV_CORE_ERROR) whose message names the file and the problem. */
TvReader   *tv_reader_open         (const char  *path,
                                    GError     **error);
void        tv_reader_free         (TvReader *self);

int         tv_reader_get_linktype (TvReader *self);
int         tv_reader_get_snaplen  (TvReader *self);
/* TRUE for nanosecond-resolution captures */
gboolean    tv_reader_get_nanosecond (TvReader *self);
const char *tv_reader_get_path     (TvReader *self);

/* One raw record: valid until the next call. */
typedef struct {
  guint32        frame;     /* 1-based */
  gint64         time_ns;
  guint32        caplen;
  guint32        wirelen;
  const guint8  *data;
} TvRecord;

typedef enum {
  TV_READ_OK,        /* @record filled */
  TV_READ_EOF,       /* no more records */
  TV_READ_ERROR,     /* @error set; records before it were good */
} TvReadStatus;

/* Reads the next record.  A file whose last record is cut short ends with
 * TV_READ_ERROR and a message that says so ("… is cut short …"): callers
 * treat it as a warning and keep what they have. */
TvReadStatus tv_reader_next        (TvReader  *self,
                                    TvRecord  *record,
                                    GError   **error);

/* Asks a reader blocked on a stream to stop (thread-safe: pcap_breakloop). */
void        tv_reader_break        (TvReader *self);

G_END_DECLS
