/* tv-cli-explain.h: tcpviz --explain, each segment of a connection with its
 * plain-words explanation, for a terminal. */
#pragma once

#include <glib.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

/* Prints connection @connection (its ID; -1: the first) of @tracker to
 * standard output: for each segment its step, frame number, time, direction,
 * flags, seq, ack, len and the states of both ends after it, then its
 * explanation wrapped to 78 columns, in the language of the locale.
 * @absolute: raw sequence numbers instead of relative ones.
 * Returns the exit status: 0, 1 when the capture holds no TCP connection,
 * 2 when there is no connection @connection. */
int   tv_cli_explain      (TvTracker *tracker,
                           int        connection,
                           gboolean   absolute);

/* Wraps @text (UTF-8, one paragraph) to @width columns, each line starting
 * with @indent spaces, and appends it to @out with a final newline.  Breaks
 * at spaces, and between wide (CJK) characters; a word longer than a line is
 * cut.  Exposed for tests. */
void  tv_cli_wrap         (GString    *out,
                           const char *text,
                           guint       indent,
                           guint       width);

G_END_DECLS
