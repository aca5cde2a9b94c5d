/* tv-window-private.h: what the files of TvWindow share.
 *
 * TvWindow is split by concern, one file each:
 *   tv-window.c          the GObject, the template, the capture shown
 *                        (loading, progress, title, pages), the public API
 *   tv-window-actions.c  the win.* actions and their dialogs (open, recent,
 *                        live capture, export, zoom, search, back)
 *   tv-window-live.c     a live capture, and a capture a killed TcpViz left
 *                        behind (offered by the TvRecoverBar)
 *   tv-window-panes.c    the list beside the connection, or one of them at
 *                        a time in a narrow window
 *   tv-window-save.c     Save As… and closing a window with unsaved packets
 *   tv-window-dnd.c      dropping files on the window
 *   tv-window-flow.c     the flow view of many connections (win.show-flow)
 * and widgets of their own: TvSidebar (the list, its search and its
 * footer), TvLiveBar, TvRecoverBar, TvNarrowBin (the narrow layout). */
#pragma once

#include "tv-window.h"
#include "tv-capture-chooser.h"
#include "tv-connection-view.h"
#include "tv-live-bar.h"
#include "tv-narrow-bin.h"
#include "tv-recover-bar.h"
#include "tv-sidebar.h"
#include "tv-spool.h"
#include "tv-view-state.h"

G_BEGIN_DECLS

struct _TvWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  AdwToastOverlay    *toast_overlay;
  TvNarrowBin        *offer_bin;     /* narrow enough for the offer's buttons under its text */
  TvNarrowBin        *narrow_bin;    /* narrow enough for one pane at a time */
  AdwWindowTitle     *window_title;
  GtkWidget          *open_button;
  GtkWidget          *back_button;
  GtkToggleButton    *search_button;
  GtkWidget          *sidebar_button;
  GtkWidget          *export_button;
  GtkRevealer        *banner_revealer;
  GtkWidget          *banner_box;
  GtkImage           *banner_icon;
  GtkLabel           *banner_label;
  TvRecoverBar       *recover_bar;
  GtkRevealer        *progress_revealer;
  GtkWidget          *progress_box;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  TvLiveBar          *live_bar;
  GtkStack           *main_stack;
  GtkPaned           *paned;
  TvSidebar          *sidebar;
  AdwStatusPage      *none_page;
  GtkStack           *content_stack;
  GMenu              *recent_menu;

  GtkWidget          *cview;         /* TvConnectionView: diagram, playback, table, explanation */
  GtkWidget          *view;          /* its TvLadderView */
  GtkWidget          *flow_page;     /* TvFlowPage: many connections at once (win.show-flow) */
  gboolean            flow_shown;
  TvViewState        *state;         /* what the views of the selected connection show */

  GSettings          *settings;      /* may be NULL */
  TvCapture          *capture;
  TvConnection       *selected;
  guint               pulse_id;
  guint               refresh_id;    /* throttles progress and count updates */
  GtkRecentManager   *recent;

  char               *spacing;       /* "even" or "time" */
  gboolean            absolute;
  gboolean            show_sidebar;
  gboolean            sidebar_toggled;  /* by the person, in this window */

  /* a narrow window: one pane at a time */
  gboolean            narrow_content;   /* …the connection, not the list */
  int                 wide_position;    /* the divider's place when it went narrow */
  char               *open_label;       /* the Open button's, when wide */

  /* live capture */
  guint64             saved_packets;    /* packets in the last saved copy of the whole capture */
  char               *write_path;       /* `--write`: saved there when the capture stops */
  gboolean            close_confirmed;  /* the person chose to close without saving */
  gboolean            close_after_save; /* "Save" in the close dialog: close once saved */

  /* a capture that a killed TcpViz left behind, shown in this window */
  TvSpool            *recovered;
  gboolean            recovered_saved;  /* …saved whole since: its spool can go */
};

/* tv-window.c */
TvLiveCapture *_tv_window_get_live          (TvWindow   *self);
void           _tv_window_set_capture       (TvWindow   *self,
                                             TvCapture  *capture);
void           _tv_window_update_count      (TvWindow   *self);
gboolean       _tv_window_capture_shown     (TvWindow   *self);
void           _tv_window_show_toast        (TvWindow   *self,
                                             const char *message,
                                             guint       timeout);
void           _tv_window_show_banner       (TvWindow   *self,
                                             const char *message,
                                             gboolean    error);
void           _tv_window_reveal_bar        (GtkRevealer *revealer,
                                             gboolean     reveal);
void           _tv_window_update_title      (TvWindow   *self);
/* Where the person's Open, Open Recent, Open Example or a drop goes: this
 * window, unless it holds a live capture that opening would throw away. */
TvWindow      *_tv_window_to_open_in        (TvWindow   *self);

/* tv-window-live.c */
void           _tv_window_class_live_init   (TvWindowClass *klass);
guint64        _tv_window_live_packets      (TvWindow   *self);
void           _tv_window_update_live       (TvWindow   *self);
/* The capture stopped: by Stop, by its duration, or by an error. */
void           _tv_window_live_finished     (TvWindow   *self);
/* The recovered capture is no longer shown. */
void           _tv_window_forget_recovered  (TvWindow   *self);

/* tv-window-panes.c */
void           _tv_window_class_panes_init  (TvWindowClass *klass);
void           _tv_window_panes_init        (TvWindow   *self);
void           _tv_window_update_panes      (TvWindow   *self);
gboolean       _tv_window_is_narrow         (TvWindow   *self);
/* The layout for a window @width wide, before it is shown. */
void           _tv_window_set_width_hint    (TvWindow   *self,
                                             int         width);

/* tv-window-actions.c */
void           _tv_window_class_actions_init (TvWindowClass *klass);
void           _tv_window_actions_init       (TvWindow      *self);
void           _tv_window_update_actions     (TvWindow      *self);
void           _tv_window_rebuild_recent_menu (TvWindow     *self);

/* tv-window-save.c */
void           _tv_window_save_as            (TvWindow      *self);
/* TRUE when closing waits for the person (a dialog about unsaved packets). */
gboolean       _tv_window_confirm_close      (TvWindow      *self);

/* tv-window-dnd.c */
void           _tv_window_dnd_init           (TvWindow      *self);

/* tv-window-flow.c */
void           _tv_window_flow_init          (TvWindow      *self);
/* The content pane: the flow view when shown, else the connection (or
 * the page that says to pick one). */
void           _tv_window_flow_show_content  (TvWindow      *self);
void           _tv_window_flow_set_capture   (TvWindow      *self);
void           _tv_window_flow_capture_changed (TvWindow    *self);
void           _tv_window_flow_selection_changed (TvWindow  *self);

G_END_DECLS
