/* tv-export-dialog.h: "Export Diagram…": a save dialog with the format
 * taken from the chosen name (PNG, SVG, PDF), the part (whole connection or
 * the visible part) and the style (as in the window, or for print); it
 * writes the file with tv_export_to_file(). */
#pragma once

#include <gtk/gtk.h>
#include "tv-tracker.h"

G_BEGIN_DECLS

typedef struct {
  TvTracker  *tracker;
  TvConn     *conn;
  const char *spacing;        /* "even" or "time" */
  gboolean    absolute;
  gboolean    dark;           /* the window's style is dark */
  /* the part of the diagram the window shows, in layout units; y_end <= y_start
   * when not known (the choice is then not offered) */
  double      visible_y_start;
  double      visible_y_end;
  GFile      *folder;         /* offered first; may be NULL */
  const char *suggested_name; /* without extension; may be NULL */
} TvExportRequest;

/* Called when the export is done: @files are the files written (NULL on
 * error or cancel), @error why it failed (NULL on success or cancel). */
typedef void (*TvExportDoneFunc) (const char * const *files,
                                  const GError       *error,
                                  gpointer            user_data);

void tv_export_dialog_run (GtkWindow             *parent,
                           const TvExportRequest *request,
                           TvExportDoneFunc       done,
                           gpointer               user_data);

G_END_DECLS
