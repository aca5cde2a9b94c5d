/* tv-json.h: the connection model as JSON (the format is documented in
 * README.md, section "JSON output"). */
#pragma once

#include <stdio.h>
#include <json-glib/json-glib.h>
#include "tv-load.h"
#include "tv-tracker.h"

G_BEGIN_DECLS

/* One connection, with its segments, as a JSON object. */
JsonNode *tv_json_connection (TvTracker *tracker,
                              TvConn    *conn);

/* The whole document, written connection by connection to @out so that a
 * large capture never needs its whole JSON tree in memory. */
gboolean  tv_json_write      (TvTracker          *tracker,
                              const char         *path,
                              const TvLoadStats  *stats,
                              FILE               *out,
                              GError            **error);

G_END_DECLS
