/* tv-classroom.h: what opens the presenter view and the quiz from the
 * window, the command line and the lessons. */
#pragma once

#include <gtk/gtk.h>

#include "tv-capture.h"
#include "tv-connection.h"

G_BEGIN_DECLS

typedef enum {
  TV_CLASSROOM_NONE = 0,
  TV_CLASSROOM_PRESENT,     /* the presenter view, fullscreen */
  TV_CLASSROOM_QUIZ,        /* "What happens next?" */
} TvClassroomMode;

/* Opens @connection of @capture in @mode, over @parent (the window it
 * comes from, or NULL); the quiz asks for absolute numbers if @absolute.
 * @intro (or NULL): a lesson's introduction. */
GtkWindow *tv_classroom_open               (GtkWindow       *parent,
                                            TvClassroomMode  mode,
                                            TvCapture       *capture,
                                            TvConnection    *connection,
                                            gboolean         absolute,
                                            const char      *intro);

/* Once @window's capture has loaded: opens its connection @connection (-1:
 * the first) in @mode.  A capture that has no such connection, or failed
 * to load, leaves the window as it is (its banner says why). */
void       tv_classroom_open_when_loaded   (GtkWindow       *window,
                                            TvClassroomMode  mode,
                                            int              connection,
                                            const char      *intro);

/* The window's actions (installed by TvWindow): win.present (F5) opens
 * the selected connection (or the first) in the presenter view, win.quiz
 * in the quiz, win.lessons the list of lessons. */
void       tv_classroom_window_action      (GtkWidget       *window,
                                            const char      *action_name,
                                            GVariant        *parameter);

G_END_DECLS
