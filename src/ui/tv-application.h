/* tv-application.h: the GTK application: windows, command-line files,
 * application actions, settings. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TV_TYPE_APPLICATION (tv_application_get_type ())
G_DECLARE_FINAL_TYPE (TvApplication, tv_application, TV, APPLICATION, AdwApplication)

/* com.example.TcpViz; `tcpviz FILE…` opens each file in a window,
 * `tcpviz -` reads a pcap stream from standard input. */
TvApplication *tv_application_new          (void);

/* The settings, or NULL when the schema is not installed (running from the
 * build tree without GSETTINGS_SCHEMA_DIR): callers use defaults then. */
GSettings     *tv_application_get_settings (TvApplication *self);

/* `tcpviz --capture IFACE [--filter BPF] [--duration S] [--write FILE]`:
 * when the application activates, it captures on @iface in a window
 * (stopping after @duration seconds when not 0, saving to @write_path when
 * it stops).  Call before g_application_run(); makes the application
 * non-unique. */
void           tv_application_set_capture_request (TvApplication *self,
                                                   const char    *iface,
                                                   const char    *filter,
                                                   guint          duration,
                                                   const char    *write_path);

/* `tcpviz --present FILE`, `--quiz FILE`, `--lesson NAME`: once the first
 * file given to the application has loaded, its connection @connection (-1:
 * the first) opens in @mode (a TvClassroomMode: presenter view or quiz),
 * with @intro (or NULL) as its introduction.  Call before
 * g_application_run(); makes the application non-unique. */
void           tv_application_set_classroom_request (TvApplication *self,
                                                     int            mode,
                                                     int            connection,
                                                     const char    *intro);

G_END_DECLS
