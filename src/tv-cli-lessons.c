/* tv-cli-lessons.c: the lessons on the command line. */
#define G_LOG_DOMAIN "tv-cli-lessons"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tv-cli-lessons.h"
#include "tv-lesson.h"

int
tv_cli_list_lessons (void)
{
  int width = 0;

  for (guint i = 0; i < tv_lesson_get_n (); i++)
    width = MAX (width, (int) strlen (tv_lesson_get (i)->name));
  for (guint i = 0; i < tv_lesson_get_n (); i++)
    {
      const TvLesson *lesson = tv_lesson_get (i);

      printf ("%-*s  %s\n", width, lesson->name, tv_lesson_get_title (lesson));
    }
  return 0;
}

char *
tv_cli_lesson_path (const char *name,
                    int        *connection,
                    int        *status)
{
  const TvLesson *lesson = tv_lesson_find (name);
  g_autoptr(GError) error = NULL;
  char *path;

  if (lesson == NULL)
    {
      g_printerr (_("tcpviz: there is no lesson “%s” (tcpviz --list-lessons lists them)\n"), name);
      *status = 2;
      return NULL;
    }
  path = tv_lesson_find_capture (lesson, &error);
  if (path == NULL)
    {
      g_printerr ("tcpviz: %s\n", error->message);
      *status = 1;
      return NULL;
    }
  *connection = lesson->connection;
  *status = 0;
  return path;
}
