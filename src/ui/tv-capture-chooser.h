/* tv-capture-chooser.h: the file chooser for captures (pcap, pcapng) that
 * Open, Save As… and the recovery offer's Save As… share, and the last
 * folder they remember in GSettings ("last-folder"). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal native chooser with the capture filters, in the last folder
 * when @settings (may be NULL) remembers one. */
GtkFileChooserNative *tv_capture_chooser_new          (GtkWindow            *parent,
                                                       const char           *title,
                                                       GtkFileChooserAction  action,
                                                       const char           *accept_label,
                                                       GSettings            *settings);
/* The last folder a capture was opened or saved in, if it still exists. */
GFile                *tv_capture_chooser_last_folder  (GSettings            *settings);
/* Remembers @file's folder as the last one. */
void                  tv_capture_chooser_remember     (GSettings            *settings,
                                                       GFile                *file);

G_END_DECLS
