/* tv-segment-table.h: the segments of one connection as a table (a
 * GtkColumnView): No., time, direction, flags, seq, ack, len, window, label,
 * analysis (shown once a segment has a mark).  Narrower than all its
 * columns, it hides time and window (the diagram has the times) so that
 * the label stays readable; its natural width is that of all the columns.
 *
 * Rows are made on demand: a connection of a million segments costs what is
 * visible.  Keep it in sync with the diagram both ways with
 *
 *   g_object_bind_property (ladder_view, "selected-segment",
 *                           table, "selected-segment",
 *                           G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
 *
 * and the same for "absolute".  The widget scrolls itself (put it in no
 * GtkScrolledWindow). */
#pragma once

#include <gtk/gtk.h>

#include "tv-tracker.h"

G_BEGIN_DECLS

#define TV_TYPE_SEGMENT_TABLE (tv_segment_table_get_type ())
G_DECLARE_FINAL_TYPE (TvSegmentTable, tv_segment_table, TV, SEGMENT_TABLE, GtkWidget)

GtkWidget *tv_segment_table_new                  (void);

/* Shows @conn of @tracker (both must outlive the table, or be replaced
 * first); NULL, NULL empties it.  Clears the selection. */
void       tv_segment_table_set_connection       (TvSegmentTable *self,
                                                  TvTracker      *tracker,
                                                  TvConn         *conn);
TvConn    *tv_segment_table_get_connection       (TvSegmentTable *self);

/* Segments were appended to the shown connection (live capture): adds
 * their rows. */
void       tv_segment_table_connection_changed   (TvSegmentTable *self);

/* Playback: only the first @n_rows segments have rows (-1: all), so that
 * the table gives away no segment the diagram does not show yet. */
void       tv_segment_table_set_shown_rows       (TvSegmentTable *self,
                                                  int             n_rows);
/* The rows the table has now. */
int        tv_segment_table_get_shown_rows       (TvSegmentTable *self);

/* Property "absolute": raw seq/ack instead of relative. */
void       tv_segment_table_set_absolute         (TvSegmentTable *self,
                                                  gboolean        absolute);
gboolean   tv_segment_table_get_absolute         (TvSegmentTable *self);

/* Property "selected-segment": the selected segment's index in the
 * connection, -1 for none.  Setting it selects the row and scrolls to it;
 * a click on a row sets it. */
void       tv_segment_table_set_selected_segment (TvSegmentTable *self,
                                                  int             index);
int        tv_segment_table_get_selected_segment (TvSegmentTable *self);

/* TRUE while the table is too narrow for every column and hides Time
 * and Window (they come back when it is wide enough again). */
gboolean   tv_segment_table_get_compact          (TvSegmentTable *self);

G_END_DECLS
