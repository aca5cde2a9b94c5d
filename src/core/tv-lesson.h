/* tv-lesson.h: the lessons installed with TcpViz.  A lesson is one capture
 * (data/lessons/NAME.pcap, installed in PKGDATADIR/lessons) and the
 * connection in it to look at, with a title and a short introduction for
 * the teacher: what to watch for, and what to ask the class.  Titles and
 * introductions are translated (gettext domain GETTEXT_PACKAGE). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *name;         /* "textbook", "syn-lost", …: the command line's NAME */
  const char *title;        /* untranslated; tv_lesson_get_title() translates */
  const char *capture;      /* file name in the lessons folder */
  int         connection;   /* the connection to show (its ID) */
  const char *intro;        /* untranslated; tv_lesson_get_intro() translates */
} TvLesson;

/* The lessons, in teaching order. */
guint           tv_lesson_get_n       (void);
const TvLesson *tv_lesson_get         (guint i);
/* NULL when there is no lesson @name. */
const TvLesson *tv_lesson_find        (const char *name);

const char     *tv_lesson_get_title   (const TvLesson *lesson);
const char     *tv_lesson_get_intro   (const TvLesson *lesson);

/* The folder of the lessons' captures: $TCPVIZ_LESSONS_DIR if set, else
 * the installed one if it is there, else the source tree's data/lessons
 * (running uninstalled). */
char           *tv_lesson_get_dir     (void);
/* The path of @lesson's capture; NULL with @error (naming the path looked
 * for) when it is not there. */
char           *tv_lesson_find_capture (const TvLesson *lesson,
                                        GError        **error);

G_END_DECLS
