/* tv-connection-row.h: one row of the connection list: "client → server",
 * badges, segments, bytes and duration. */
#pragma once

#include <gtk/gtk.h>
#include "tv-connection.h"

G_BEGIN_DECLS

#define TV_TYPE_CONNECTION_ROW (tv_connection_row_get_type ())
G_DECLARE_FINAL_TYPE (TvConnectionRow, tv_connection_row, TV, CONNECTION_ROW, GtkWidget)

GtkWidget *tv_connection_row_new            (void);
void       tv_connection_row_set_connection (TvConnectionRow *self,
                                             TvConnection    *connection);

/* "12.5 ms", "1.25 s", "3 min 12 s" */

G_END_DECLS
