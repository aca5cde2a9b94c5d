/* tv-cli-export.h: tcpviz --export OUT: a connection's diagram into a file
 * (PNG, SVG, PDF; Mermaid, PlantUML or plain text) without a display. */
#pragma once

#include <glib.h>
#include "tv-export.h"
#include "tv-tracker.h"

G_BEGIN_DECLS

/* The options that go only with --export. */
typedef struct {
  char    *paper;      /* --paper a4|letter (PDF) */
  int      scale;      /* --scale 1|2|3 (PNG); 0: 1 */
  char    *segments;   /* --segments A-B, 1-based */
  char    *title;      /* --title TEXT */
  gboolean no_title;   /* --no-title */
  gboolean legend;     /* --legend */
  gboolean hide_acks;  /* --hide-acks */
} TvCliExportArgs;

/* Adds --paper, --scale, --segments, --title, --no-title, --legend and
 * --hide-acks to @context's main group; they fill @args. */
void tv_cli_export_add_options (GOptionContext  *context,
                                TvCliExportArgs *args);
void tv_cli_export_args_clear  (TvCliExportArgs *args);

/* TRUE when any of them was given (they need --export). */
gboolean tv_cli_export_args_given (const TvCliExportArgs *args);

/* Fills @options from the command line for an export to @out: @style
 * light, dark or print (NULL: light), @spacing even or time (NULL: even);
 * @capture_path names the capture in the default title (and must outlive
 * @options).  Returns 0, or 2 after printing what is wrong. */
int  tv_cli_export_options     (TvExportOptions       *options,
                                const char            *out,
                                const char            *capture_path,
                                gboolean               absolute,
                                const char            *style,
                                const char            *spacing,
                                const TvCliExportArgs *args);

/* Writes @conn's diagram to @out; prints the files written, one a line.
 * Returns the exit status: 0, or 1 when it could not be written. */
int  tv_cli_export             (TvTracker             *tracker,
                                TvConn                *conn,
                                const char            *out,
                                const TvExportOptions *options);

G_END_DECLS
