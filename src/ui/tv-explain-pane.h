/* tv-explain-pane.h: what the selected segment does, in plain words: a
 * title ("Step 2 of 11: SYN-ACK from the server"), the segment in one line
 * (flags, seq, ack, len), the explanation (tv_explain_segment()) and the
 * states of both ends after it.  All text is selectable.
 *
 * Follows the diagram with
 *
 *   g_object_bind_property (ladder_view, "selected-segment",
 *                           pane, "selected-segment", G_BINDING_SYNC_CREATE);
 *
 * and the same for "absolute".  It does not scroll: put it in a
 * GtkScrolledWindow if it may be short of room. */
#pragma once

#include <gtk/gtk.h>

#include "tv-tracker.h"

G_BEGIN_DECLS

#define TV_TYPE_EXPLAIN_PANE (tv_explain_pane_get_type ())
G_DECLARE_FINAL_TYPE (TvExplainPane, tv_explain_pane, TV, EXPLAIN_PANE, GtkWidget)

GtkWidget *tv_explain_pane_new                  (void);

/* Explains segments of @conn of @tracker (both must outlive the pane, or be
 * replaced first); NULL, NULL empties it.  Clears the selection. */
void       tv_explain_pane_set_connection       (TvExplainPane *self,
                                                 TvTracker     *tracker,
                                                 TvConn        *conn);
TvConn    *tv_explain_pane_get_connection       (TvExplainPane *self);

/* Segments were appended (live capture): the title's count and the
 * explanation (which may look at later segments) are brought up to date. */
void       tv_explain_pane_connection_changed   (TvExplainPane *self);

/* Property "absolute": raw seq/ack in the text instead of relative. */
void       tv_explain_pane_set_absolute         (TvExplainPane *self,
                                                 gboolean       absolute);
gboolean   tv_explain_pane_get_absolute         (TvExplainPane *self);

/* Property "selected-segment": the segment explained, -1 for none (the
 * pane then says how to pick one). */
void       tv_explain_pane_set_selected_segment (TvExplainPane *self,
                                                 int            index);
int        tv_explain_pane_get_selected_segment (TvExplainPane *self);

/* The text shown, title and explanation, for tests and for copying. */
char      *tv_explain_pane_dup_text             (TvExplainPane *self);

G_END_DECLS
