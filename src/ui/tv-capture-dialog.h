/* tv-capture-dialog.h: "Live Capture…": choose an interface (the ones
 * libpcap finds, with their addresses and whether they are loopback, up
 * and running), a BPF filter (checked as it is typed: a bad one shows
 * libpcap's message and disables Start), the snapshot length and
 * promiscuous mode.  Start emits "start" with the choices read through
 * the getters; the dialog then closes.  The choices of the last Start
 * (interface, filter, snapshot length, promiscuous mode) are offered the
 * next time: kept in GSettings (capture-*), or while the program runs
 * without the schema. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TV_TYPE_CAPTURE_DIALOG (tv_capture_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TvCaptureDialog, tv_capture_dialog, TV, CAPTURE_DIALOG, AdwWindow)

/* A modal dialog over @parent (may be NULL), with the application's
 * settings; or with @settings (of schema com.example.TcpViz; NULL: the
 * application's). */
TvCaptureDialog *tv_capture_dialog_new               (GtkWindow       *parent);
TvCaptureDialog *tv_capture_dialog_new_with_settings (GtkWindow       *parent,
                                                      GSettings       *settings);

/* The choices; "start" is emitted when the person presses Start. */
const char      *tv_capture_dialog_get_interface     (TvCaptureDialog *self);
const char      *tv_capture_dialog_get_filter        (TvCaptureDialog *self);
int              tv_capture_dialog_get_snaplen       (TvCaptureDialog *self);
gboolean         tv_capture_dialog_get_promiscuous   (TvCaptureDialog *self);

/* Chooses an interface by name; FALSE if the list has none by that name. */
gboolean         tv_capture_dialog_set_interface     (TvCaptureDialog *self,
                                                      const char      *name);
/* Types @filter into the filter entry (and checks it). */
void             tv_capture_dialog_set_filter        (TvCaptureDialog *self,
                                                      const char      *filter);

/* For tests: the interface names listed, in order (free with g_strfreev);
 * whether Start is enabled; the filter's error message, or NULL; pressing
 * Start. */
char           **tv_capture_dialog_dup_interface_names (TvCaptureDialog *self);
gboolean         tv_capture_dialog_get_can_start     (TvCaptureDialog *self);
const char      *tv_capture_dialog_get_filter_error  (TvCaptureDialog *self);
void             tv_capture_dialog_start             (TvCaptureDialog *self);

G_END_DECLS
