/* tv-text-diagram.h: a connection's ladder as text: a Mermaid
 * sequenceDiagram (.mmd), PlantUML (.puml) or a plain ladder within 80
 * columns (.txt, like sngrep's).  Each has one message per segment with its
 * flags, seq/ack and len, the HTTP/TLS line, the analysis marks, the TCP
 * states where they change (as notes) and the phases.  The words come from
 * the same TvLadderLayout as the drawing. */
#pragma once

#include <glib.h>

#include "tv-export.h"

G_BEGIN_DECLS

/* @format: TV_EXPORT_FORMAT_MERMAID, _PLANTUML or _TEXT; @options may be
 * NULL (absolute, segment range, hide_pure_acks, title and capture_name
 * are used). */
GString *tv_text_diagram_write (TvTracker             *tracker,
                                TvConn                *conn,
                                TvExportFormat         format,
                                const TvExportOptions *options);

/* Columns of the plain ladder: no line is wider. */
#define TV_TEXT_DIAGRAM_COLUMNS 80

G_END_DECLS
