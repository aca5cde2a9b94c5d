/* tv-flow-export.h: the flow view, and two connections side by side, to
 * PNG, SVG or PDF (one page the size of the diagram), through the same
 * painter as the screen. */
#pragma once

#include <glib.h>

#include "tv-export.h"
#include "tv-flow-layout.h"

G_BEGIN_DECLS

/* Writes connections @conns of @tracker in the flow view to @filename,
 * atomically.  @flow: lifelines, folding, spacing, time range (its metrics
 * are measured here); @options: format, style, absolute, spacing and PNG
 * scale (NULL: from the name, light, 1×). */
gboolean tv_flow_export_to_file    (TvTracker              *tracker,
                                    const guint            *conns,
                                    guint                   n_conns,
                                    const TvFlowOptions    *flow,
                                    const TvExportOptions  *options,
                                    const char             *filename,
                                    GError                **error);

/* Connections @a and @b side by side, each from its SYN on one time axis,
 * under the table of their phases and the difference in words; @fold: one
 * arrow per phase. */
gboolean tv_flow_export_comparison (TvTracker              *tracker,
                                    guint                   a,
                                    guint                   b,
                                    gboolean                fold,
                                    const TvExportOptions  *options,
                                    const char             *filename,
                                    GError                **error);

G_END_DECLS
