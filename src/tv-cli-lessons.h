/* tv-cli-lessons.h: tcpviz --list-lessons, and what --lesson NAME opens. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints one line per lesson to standard output: its name, then its title
 * (translated), in columns.  Returns the exit status (0). */
int    tv_cli_list_lessons  (void);

/* The capture of lesson @name and the connection to show in it; NULL
 * with a message on standard error naming the lesson or the missing file,
 * and *@status set to 2 (no such lesson) or 1 (its capture is missing). */
char  *tv_cli_lesson_path   (const char *name,
                             int        *connection,
                             int        *status);

G_END_DECLS
