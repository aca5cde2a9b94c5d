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
  GObject    *owner;          /* keeps @tracker alive while the dialog is open
                               * (the TvCapture); may be NULL */
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

/* What the dialog does once a name is chosen (for tests, too): writes
 * @request's connection to @path; a name without a known extension gets
 * @default_extension (".png", ".svg" or ".pdf").  @visible_part exports only
 * the visible range, @print_style the print style rather than the window's. */
gboolean tv_export_request_write (const TvExportRequest  *request,
                                  const char             *path,
                                  const char             *default_extension,
                                  gboolean                visible_part,
                                  gboolean                print_style,
                                  char                 ***files,
                                  GError                **error);

void tv_export_dialog_run (GtkWindow             *parent,
                           const TvExportRequest *request,
                           TvExportDoneFunc       done,
                           gpointer               user_data);

G_END_DECLS
