/* tv-segment-table.h: the segments of one connection as a table (a
 * GtkColumnView): No., time, direction, flags, seq, ack, len, window, label,
 * analysis (shown once a segment has a mark).  Narrower than all its
 * columns, it hides time and window (the diagram has the times) so that
 * the label stays readable; its natural width is that of all the columns.
 *
 * Rows are made on demand: a connection of a million segments costs what is
 * visible.  It shows the connection of its TvViewState ("state", bound in
 * the .ui where it is placed; see tv-view-state.h): the selected segment's
 * row selected and scrolled to, relative or absolute numbers, and only the
 * rows the playback has reached ("shown-rows"); a click on a row selects
 * the segment in the state.  The widget scrolls itself (put it in no
 * GtkScrolledWindow). */
#pragma once

#include <gtk/gtk.h>

#include "tv-tracker.h"
#include "tv-view-state.h"

G_BEGIN_DECLS

#define TV_TYPE_SEGMENT_TABLE (tv_segment_table_get_type ())
G_DECLARE_FINAL_TYPE (TvSegmentTable, tv_segment_table, TV, SEGMENT_TABLE, GtkWidget)

GtkWidget *tv_segment_table_new                  (void);

/* Property "state": what it shows (NULL: a state of its own). */
void         tv_segment_table_set_state            (TvSegmentTable *self,
                                                    TvViewState    *state);
TvViewState *tv_segment_table_get_state            (TvSegmentTable *self);

/* What the state says, as the table has applied it. */
TvConn      *tv_segment_table_get_connection       (TvSegmentTable *self);
gboolean     tv_segment_table_get_absolute         (TvSegmentTable *self);
int          tv_segment_table_get_selected_segment (TvSegmentTable *self);
/* The rows the table has now. */
int          tv_segment_table_get_shown_rows       (TvSegmentTable *self);

/* TRUE while the table is too narrow for every column and hides Time
 * and Window (they come back when it is wide enough again). */
gboolean   tv_segment_table_get_compact          (TvSegmentTable *self);

G_END_DECLS
