/* tv-lessons-dialog.c: TvLessonsDialog */
#define G_LOG_DOMAIN "tv-lessons-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tv-classroom.h"
#include "tv-lesson.h"
#include "tv-lessons-dialog.h"
#include "tv-window.h"

struct _TvLessonsDialog {
  AdwWindow   parent_instance;

  GtkListBox *list;
  GtkWindow  *window;   /* weak */
};

G_DEFINE_FINAL_TYPE (TvLessonsDialog, tv_lessons_dialog, ADW_TYPE_WINDOW)

static void
open_lesson (TvLessonsDialog *self,
             const TvLesson  *lesson,
             TvClassroomMode  mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tv_lesson_find_capture (lesson, &error);
  GtkWindow *window = self->window;

  if (path == NULL || window == NULL)
    {
      if (error != NULL)
        g_warning ("%s", error->message);
      return;
    }
  tv_window_open_path (TV_WINDOW (window), path);
  tv_classroom_open_when_loaded (window, mode, lesson->connection, tv_lesson_get_intro (lesson));
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_present (GtkButton       *button,
            TvLessonsDialog *self)
{
  open_lesson (self, g_object_get_data (G_OBJECT (button), "lesson"), TV_CLASSROOM_PRESENT);
}

static void
on_quiz (GtkButton       *button,
         TvLessonsDialog *self)
{
  open_lesson (self, g_object_get_data (G_OBJECT (button), "lesson"), TV_CLASSROOM_QUIZ);
}

static GtkWidget *
lesson_button (TvLessonsDialog *self,
               const TvLesson  *lesson,
               const char      *label,
               const char      *a11y_format,
               GCallback        callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  g_autofree char *name = g_strdup_printf (a11y_format, tv_lesson_get_title (lesson));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (button), "lesson", (gpointer) lesson);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
tv_lessons_dialog_dispose (GObject *object)
{
  TvLessonsDialog *self = TV_LESSONS_DIALOG (object);

  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), TV_TYPE_LESSONS_DIALOG);

  G_OBJECT_CLASS (tv_lessons_dialog_parent_class)->dispose (object);
}

static void
tv_lessons_dialog_class_init (TvLessonsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tv_lessons_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/TcpViz/tv-lessons-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TvLessonsDialog, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tv_lessons_dialog_init (TvLessonsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < tv_lesson_get_n (); i++)
    {
      const TvLesson *lesson = tv_lesson_get (i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *present, *quiz;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tv_lesson_get_title (lesson));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), tv_lesson_get_intro (lesson));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      /* Translators: a lesson's button; its name for a screen reader says which lesson */
      present = lesson_button (self, lesson, _("_Present"), _("Present the lesson “%s”"), G_CALLBACK (on_present));
      gtk_widget_add_css_class (present, "suggested-action");
      quiz = lesson_button (self, lesson, _("_Quiz"), _("Quiz on the lesson “%s”"), G_CALLBACK (on_quiz));
      gtk_box_append (GTK_BOX (box), present);
      gtk_box_append (GTK_BOX (box), quiz);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      gtk_list_box_append (self->list, row);
    }
}

TvLessonsDialog *
tv_lessons_dialog_new (GtkWindow *window)
{
  TvLessonsDialog *self;

  g_return_val_if_fail (TV_IS_WINDOW (window), NULL);

  self = g_object_new (TV_TYPE_LESSONS_DIALOG, "transient-for", window,
                       "application", gtk_window_get_application (window), NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  return self;
}
