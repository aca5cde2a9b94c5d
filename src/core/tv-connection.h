/* tv-connection.h: one TCP connection of a TvCapture, as a GObject for list
 * models.  A thin view over the tracker's TvConn: the segments stay in the
 * tracker's arrays. */
#pragma once

#include <gio/gio.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

#define TV_TYPE_CONNECTION (tv_connection_get_type ())
G_DECLARE_FINAL_TYPE (TvConnection, tv_connection, TV, CONNECTION, GObject)

/* @tracker is borrowed; the TvCapture that made the connection keeps it
 * alive and calls tv_connection_detach() when it goes away. */
TvConnection *tv_connection_new         (TvTracker    *tracker,
                                         guint         index);

/* The tracker's connection (NULL once the capture is gone).  Look it up
 * again after the tracker has grown rather than keeping the pointer. */
TvConn       *tv_connection_get_conn    (TvConnection *self);
TvTracker    *tv_connection_get_tracker (TvConnection *self);
guint         tv_connection_get_id      (TvConnection *self);
/* "192.168.1.116:3337", "[2001:db8::1]:443" */
const char   *tv_connection_get_client  (TvConnection *self);
const char   *tv_connection_get_server  (TvConnection *self);
guint         tv_connection_get_n_segments (TvConnection *self);
/* Payload bytes, both directions */
guint64       tv_connection_get_bytes   (TvConnection *self);
/* Nanoseconds from the first to the last segment */
gint64        tv_connection_get_duration (TvConnection *self);
/* TvConnBadges */
guint         tv_connection_get_badges  (TvConnection *self);
/* Lower-case text to match a search against: addresses, ports, badges and
 * the HTTP/TLS labels seen so far. */
const char   *tv_connection_get_search_text (TvConnection *self);

/* Re-reads the tracker's numbers and notifies the properties that changed
 * ("n-segments", "bytes", "duration", "badges").  TvCapture calls it after
 * each batch of frames. */
void          tv_connection_update      (TvConnection *self);
void          tv_connection_detach      (TvConnection *self);

G_END_DECLS
