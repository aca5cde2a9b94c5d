/* tv-classroom.c: opening the presenter view and the quiz. */
#define G_LOG_DOMAIN "tv-classroom"

#include "config.h"

#include <glib/gi18n.h>

#include "tv-classroom.h"
#include "tv-connection-view.h"
#include "tv-lessons-dialog.h"
#include "tv-presenter.h"
#include "tv-quiz-view.h"
#include "tv-window.h"

GtkWindow *
tv_classroom_open (GtkWindow       *parent,
                   TvClassroomMode  mode,
                   TvCapture       *capture,
                   TvConnection    *connection,
                   gboolean         absolute,
                   const char      *intro)
{
  GtkWindow *window = NULL;

  g_return_val_if_fail (TV_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (TV_IS_CONNECTION (connection), NULL);

  switch (mode)
    {
    case TV_CLASSROOM_PRESENT:
      window = GTK_WINDOW (tv_presenter_new (parent, capture, connection, intro));
      gtk_window_fullscreen (window);
      break;
    case TV_CLASSROOM_QUIZ:
      window = GTK_WINDOW (tv_quiz_view_new (parent, capture, connection, absolute, intro));
      break;
    case TV_CLASSROOM_NONE:
    default:
      return NULL;
    }
  gtk_window_present (window);
  return window;
}

typedef struct {
  GtkWindow       *window;      /* weak */
  TvClassroomMode  mode;
  int              connection;
  char            *intro;
  gulong           handler;
  TvCapture       *capture;
} Pending;

static void
pending_free (Pending *p)
{
  if (p->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (p->window), (gpointer *) &p->window);
  g_clear_object (&p->capture);
  g_free (p->intro);
  g_free (p);
}

static void
open_pending (Pending *p)
{
  TvConnection *connection;

  if (p->window == NULL || tv_capture_get_error (p->capture) != NULL)
    return;
  connection = tv_capture_get_connection (p->capture, p->connection >= 0 ? (guint) p->connection : 0);
  if (connection == NULL)
    {
      g_warning ("%s: there is no connection %d to show", tv_capture_get_path (p->capture),
                 MAX (p->connection, 0));
      return;
    }
  tv_classroom_open (p->window, p->mode, p->capture, connection, FALSE, p->intro);
}

static void
on_loaded (TvCapture *capture,
           Pending   *p)
{
  g_signal_handler_disconnect (capture, p->handler);
  open_pending (p);
  pending_free (p);
}

void
tv_classroom_open_when_loaded (GtkWindow       *window,
                               TvClassroomMode  mode,
                               int              connection,
                               const char      *intro)
{
  Pending *p;
  TvCapture *capture;

  g_return_if_fail (TV_IS_WINDOW (window));

  capture = tv_window_get_capture (TV_WINDOW (window));
  if (capture == NULL || mode == TV_CLASSROOM_NONE)
    return;

  p = g_new0 (Pending, 1);
  p->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &p->window);
  p->mode = mode;
  p->connection = connection;
  p->intro = g_strdup (intro);
  p->capture = g_object_ref (capture);
  if (tv_capture_get_loaded (capture))
    {
      open_pending (p);
      pending_free (p);
      return;
    }
  p->handler = g_signal_connect (capture, "loaded", G_CALLBACK (on_loaded), p);
}

void
tv_classroom_window_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  TvWindow *window = TV_WINDOW (widget);
  TvCapture *capture;
  TvConnection *connection;
  TvClassroomMode mode = g_str_equal (action_name, "win.quiz") ? TV_CLASSROOM_QUIZ : TV_CLASSROOM_PRESENT;

  if (g_str_equal (action_name, "win.lessons"))
    {
      gtk_window_present (GTK_WINDOW (tv_lessons_dialog_new (GTK_WINDOW (window))));
      return;
    }
  capture = tv_window_get_capture (window);
  if (capture == NULL)
    return;
  connection = tv_window_get_selected (window);
  if (connection == NULL)
    connection = tv_capture_get_connection (capture, 0);
  if (connection == NULL)
    return;
  {
    GtkWidget *view = tv_window_get_connection_view (window);
    gboolean absolute = view != NULL &&
                        tv_view_state_get_absolute (tv_connection_view_get_state (TV_CONNECTION_VIEW (view)));

    tv_classroom_open (GTK_WINDOW (window), mode, capture, connection, absolute, NULL);
  }
}
