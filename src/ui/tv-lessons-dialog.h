/* tv-lessons-dialog.h: the lessons installed with TcpViz, each with its
 * introduction and two buttons: Present (the presenter view) and Quiz.
 * Choosing one opens the lesson's capture in the window it came from. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TV_TYPE_LESSONS_DIALOG (tv_lessons_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TvLessonsDialog, tv_lessons_dialog, TV, LESSONS_DIALOG, AdwWindow)

/* Over @window (a TvWindow), in which the chosen lesson opens. */
TvLessonsDialog *tv_lessons_dialog_new (GtkWindow *window);

G_END_DECLS
