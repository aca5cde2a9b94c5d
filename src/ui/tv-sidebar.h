/* tv-sidebar.h: the list of a capture's connections, with its search
 * (address, port or label: every word must match) and a footer that
 * counts them ("3 of 12 connections · 31 frames"); when there is nothing
 * to list it says why (no TCP in the capture, nothing matches).
 *
 * It owns the filtered model and the selection: "selected" is the
 * connection chosen in it (autoselected: the first one).  Signal
 * "show-connection": the person activated a row (Enter, a double click) or
 * clicked one; a narrow window then shows that connection instead of the
 * list. */
#pragma once

#include <gtk/gtk.h>
#include "tv-capture.h"

G_BEGIN_DECLS

#define TV_TYPE_SIDEBAR (tv_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (TvSidebar, tv_sidebar, TV, SIDEBAR, GtkWidget)

/* Property "capture": whose connections are listed (NULL: none). */
void          tv_sidebar_set_capture      (TvSidebar  *self,
                                           TvCapture  *capture);
/* The filtered list as a GtkSingleSelection (a GListModel of
 * TvConnection); the same object for the sidebar's life. */
GListModel   *tv_sidebar_get_model        (TvSidebar  *self);
/* Property "selected" (read-only): the selected connection, or NULL. */
TvConnection *tv_sidebar_get_selected     (TvSidebar  *self);
void          tv_sidebar_select           (TvSidebar  *self,
                                           guint       position);
/* Property "search-mode": the search entry shown. */
void          tv_sidebar_set_search_mode  (TvSidebar  *self,
                                           gboolean    search_mode);
/* Shows the search with @text, filtering now (NULL or "": no search). */
void          tv_sidebar_set_search       (TvSidebar  *self,
                                           const char *text);
void          tv_sidebar_focus_search     (TvSidebar  *self);
void          tv_sidebar_focus_list       (TvSidebar  *self);
/* Typing in @widget starts a search (the window). */
void          tv_sidebar_set_key_capture_widget (TvSidebar *self,
                                                 GtkWidget *widget);
/* Shows the count and the list's page for the capture's numbers now. */
void          tv_sidebar_update           (TvSidebar  *self);

G_END_DECLS
