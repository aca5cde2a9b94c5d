/* tv-cli-diagnose.h: tcpviz --diagnose, why each connection was slow or
 * broken, in plain words, for a terminal. */
#pragma once

#include <glib.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

/* Prints the diagnosis of connection @connection of @tracker (its ID; -1:
 * every connection), wrapped to 78 columns, in the language of the locale.
 * @path names the capture in messages.  Returns the exit status: 0, or 1
 * when there is no such connection. */
int tv_cli_diagnose (TvTracker  *tracker,
                     const char *path,
                     int         connection);

G_END_DECLS
