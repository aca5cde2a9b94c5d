/* tv-cli-graph.h: tcpviz --graph KIND --export OUT, a stream graph of one
 * direction of a connection written to PNG, SVG or PDF without a display. */
#pragma once

#include <glib.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

/* Writes graph @kind ("stevens", "tcptrace", "throughput", "rtt",
 * "window") of connection @connection (its ID; -1: the first) of @tracker
 * to @out, for the data that @direction ("client", "server"; NULL: the side
 * that sent more payload) sends, in @style ("light", "dark", "print"; NULL:
 * light).  @path names the capture in messages.  Returns the exit status:
 * 0; 1 when the capture holds no such connection or the file cannot be
 * written; 2 for a bad kind, direction or style. */
int tv_cli_graph (TvTracker  *tracker,
                  const char *path,
                  const char *kind,
                  int         connection,
                  const char *direction,
                  const char *style,
                  const char *out);

/* The connection @connection of @tracker (-1: the first), or NULL after
 * printing why not (no TCP connection in @path, no such ID). */
TvConn *tv_cli_pick_connection (TvTracker  *tracker,
                                int         connection,
                                const char *path);

G_END_DECLS
