/* tv-writer.h: saves a capture, or some of its frames, as a pcap file.
 * Payloads are not kept in memory: the frames are read again from the
 * source file by frame number.  The file is written to a temporary file in
 * the same folder and renamed over the target only when complete, so a
 * failed save never destroys an existing file. */
#pragma once

#include <gio/gio.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

/* Copies the frames numbered in @frames (1-based, any order, duplicates
 * ignored; NULL with @n_frames 0 means every frame) from @source_path to
 * @dest_path as a pcap file with the source's link type, snapshot length
 * and time resolution.  Returns FALSE with @error (TV_CORE_ERROR_OPEN,
 * TV_CORE_ERROR_READ, TV_CORE_ERROR_WRITE or G_IO_ERROR_CANCELLED) on
 * failure, in which case @dest_path is untouched. */
gboolean tv_writer_save_frames (const char     *source_path,
                                const char     *dest_path,
                                const guint32  *frames,
                                gsize           n_frames,
                                GCancellable   *cancellable,
                                GError        **error);

/* The frame numbers of @conn's segments, sorted (g_free the result). */
guint32 *tv_writer_conn_frames (const TvConn *conn,
                                gsize        *n_frames);

G_END_DECLS
