/* tv-explain-pane.h: what the selected segment does, in plain words: a
 * title ("Step 2 of 11: SYN-ACK from the server"), the segment in one line
 * (flags, seq, ack, len), the explanation (tv_explain_segment()) and the
 * states of both ends after it.  All text is selectable.
 *
 * It explains the selected segment of its TvViewState ("state", bound in
 * the .ui where it is placed; see tv-view-state.h), in relative or
 * absolute numbers as the state says.  It does not scroll: put it in a
 * GtkScrolledWindow if it may be short of room. */
#pragma once

#include <gtk/gtk.h>

#include "tv-tracker.h"
#include "tv-view-state.h"

G_BEGIN_DECLS

#define TV_TYPE_EXPLAIN_PANE (tv_explain_pane_get_type ())
G_DECLARE_FINAL_TYPE (TvExplainPane, tv_explain_pane, TV, EXPLAIN_PANE, GtkWidget)

GtkWidget *tv_explain_pane_new                  (void);

/* Property "state": what it explains (NULL: a state of its own). */
void         tv_explain_pane_set_state            (TvExplainPane *self,
                                                   TvViewState   *state);
TvViewState *tv_explain_pane_get_state            (TvExplainPane *self);

/* What the state says, as the pane has applied it. */
TvConn      *tv_explain_pane_get_connection       (TvExplainPane *self);
gboolean     tv_explain_pane_get_absolute         (TvExplainPane *self);
int          tv_explain_pane_get_selected_segment (TvExplainPane *self);

/* The text shown, title and explanation, for tests and for copying. */
char      *tv_explain_pane_dup_text             (TvExplainPane *self);

G_END_DECLS
