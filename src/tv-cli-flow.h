/* tv-cli-flow.h: tcpviz --flow and --compare: many connections in the flow
 * view, or two side by side, exported without a window. */
#pragma once

#include <glib.h>

#include "tv-export.h"
#include "tv-tracker.h"

G_BEGIN_DECLS

typedef struct {
  gboolean flow;
  char    *connections;   /* "0,2,5" */
  char    *hosts;         /* "A,B" */
  char    *range;         /* "FROM,TO": seconds from the first frame */
  gboolean fold;
  gboolean by_port;
  char    *compare;       /* "A,B": two connection IDs */
} TvCliFlow;

/* The options above, as a group of their own (--help-flow). */
GOptionGroup *tv_cli_flow_option_group (TvCliFlow *flow);
void          tv_cli_flow_clear        (TvCliFlow *flow);
/* TRUE if --flow or --compare was given. */
gboolean      tv_cli_flow_wanted       (const TvCliFlow *flow);
/* Checks the options go together (--flow or --compare need --export and
 * no other mode); prints what is wrong and returns FALSE. */
gboolean      tv_cli_flow_check        (const TvCliFlow *flow,
                                        gboolean         has_export,
                                        gboolean         other_mode);
/* Writes the flow view or the comparison of @tracker (read from @path)
 * to @out.  Returns the exit status: 0, 1 (cannot write, nothing to
 * draw), 2 (bad connection IDs, hosts or range). */
int           tv_cli_flow              (TvTracker             *tracker,
                                        const TvCliFlow       *flow,
                                        const TvExportOptions *options,
                                        const char            *out,
                                        const char            *path);

G_END_DECLS
