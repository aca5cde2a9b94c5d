/* tv-export-dialog.h: "Export Diagram…": a save dialog with the format
 * taken from the chosen name or filter (PNG, SVG, PDF; Mermaid, PlantUML,
 * plain text), the part (whole connection or the visible part), the style
 * (as in the window, or for print), the PNG's scale, the PDF's paper, a
 * title and a legend; it writes the file with tv_export_to_file().  It
 * opens in the folder of the last export (GSettings "last-export-folder"),
 * else the capture's.
 *
 * tv_export_copy() puts the diagram on the clipboard as PNG, SVG and plain
 * text. */
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
  GFile      *folder;         /* offered when there was no export yet (the
                               * capture's folder); may be NULL */
  const char *suggested_name; /* without extension; may be NULL */
  const char *capture_path;   /* names the capture in the title; may be NULL */
} TvExportRequest;

/* What the dialog offers besides the name. */
typedef struct {
  gboolean visible_part;     /* only the visible range */
  gboolean print_style;      /* the print style rather than the window's */
  int      png_scale;        /* 1, 2 or 3 */
  int      paper;            /* TvExportPaper: PDF one page, A4 or Letter */
  gboolean title;            /* the endpoints and the capture's name above */
  gboolean legend;           /* the colours and marks under it */
  gboolean hide_pure_acks;   /* text diagrams */
} TvExportChoices;

void     tv_export_choices_init   (TvExportChoices *choices);

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

/* The same with every choice. */
gboolean tv_export_request_write_full (const TvExportRequest  *request,
                                       const char             *path,
                                       const char             *default_extension,
                                       const TvExportChoices  *choices,
                                       char                 ***files,
                                       GError                **error);

/* Puts @request's diagram (the whole connection, in the window's style, at
 * 2x) on @clipboard as image/png, image/svg+xml and text/plain (the plain
 * ladder).  FALSE with @error when it could not be drawn. */
gboolean tv_export_copy (GdkClipboard          *clipboard,
                         const TvExportRequest *request,
                         GError               **error);

/* The folder the dialog opens in for @request: the last export's when it
 * still exists, else @request->folder; NULL for GTK's default.  Exposed
 * for tests. */
GFile   *tv_export_dialog_get_start_folder (const TvExportRequest *request);

void tv_export_dialog_run (GtkWindow             *parent,
                           const TvExportRequest *request,
                           TvExportDoneFunc       done,
                           gpointer               user_data);

G_END_DECLS
