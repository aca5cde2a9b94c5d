/* tv-flow-page.h: the flow view with what goes around it: which
 * connections to show (between two hosts, the whole capture in a time
 * range, chosen ones, two side by side), per host or per port, folded,
 * playback, the explanation of the selected arrow, export. */
#pragma once

#include <gtk/gtk.h>

#include "tv-flow-view.h"
#include "tv-tracker.h"

G_BEGIN_DECLS

typedef enum {
  TV_FLOW_SCOPE_HOSTS = 0,   /* every connection between the current one's hosts */
  TV_FLOW_SCOPE_CAPTURE,     /* the whole capture, within a time range */
  TV_FLOW_SCOPE_CHOSEN,      /* connections by ID */
} TvFlowScope;

#define TV_TYPE_FLOW_PAGE (tv_flow_page_get_type ())
G_DECLARE_FINAL_TYPE (TvFlowPage, tv_flow_page, TV, FLOW_PAGE, GtkWidget)

GtkWidget  *tv_flow_page_new             (void);

/* The capture to show (NULL: none); @finished when it will not grow any
 * more (a whole capture is then laid out in a thread). */
void        tv_flow_page_set_capture     (TvFlowPage *self,
                                          TvTracker  *tracker,
                                          gboolean    finished);
/* The capture grew or finished: lays out again. */
void        tv_flow_page_capture_changed (TvFlowPage *self,
                                          gboolean    finished);
/* The connection selected elsewhere (its ID, -1: none): the hosts of
 * TV_FLOW_SCOPE_HOSTS, the first of the chosen ones. */
void        tv_flow_page_set_current     (TvFlowPage *self,
                                          int         conn_id);
void        tv_flow_page_set_scope       (TvFlowPage  *self,
                                          TvFlowScope  scope);
/* "0,2,5": the chosen connections (TV_FLOW_SCOPE_CHOSEN). */
void        tv_flow_page_set_chosen      (TvFlowPage *self,
                                          const char *ids);
void        tv_flow_page_set_by_port     (TvFlowPage *self,
                                          gboolean    by_port);
void        tv_flow_page_set_fold        (TvFlowPage *self,
                                          gboolean    fold);
/* Two chosen connections side by side (TV_FLOW_SCOPE_CHOSEN with two IDs). */
void        tv_flow_page_set_compare     (TvFlowPage *self,
                                          gboolean    compare);

/* Selects segment @seg_index of connection @conn_id if it is shown (the
 * shared selection): no "segment-selected" back.  FALSE if not shown. */
gboolean    tv_flow_page_select_segment  (TvFlowPage *self,
                                          guint       conn_id,
                                          guint       seg_index);

TvFlowView *tv_flow_page_get_view        (TvFlowPage *self);
GtkWidget  *tv_flow_page_get_explain     (TvFlowPage *self);

/* Signal "segment-selected" (guint conn_id, guint seg_index): an arrow was
 * selected here (a click, a key, playback). */

G_END_DECLS
