/* tv-quiz-view.c: TvQuizView */
#define G_LOG_DOMAIN "tv-quiz-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tv-explain.h"
#include "tv-ladder-view.h"
#include "tv-quiz-view.h"

/* The states offered: CLOSED … TIME_WAIT (not "unknown"). */
#define FIRST_STATE TV_TCP_STATE_CLOSED
#define N_OFFERED   (TV_TCP_N_STATES - FIRST_STATE)

struct _TvQuizView {
  AdwWindow          parent_instance;

  /* template */
  AdwWindowTitle    *window_title;
  GtkLabel          *score_label;
  GtkScrolledWindow *scrolled;
  TvLadderView      *ladder;
  GtkStack          *stack;
  GtkLabel          *question_label;
  GtkCheckButton    *client_sends;
  GtkCheckButton    *server_sends;
  GtkCheckButton    *flag_syn;
  GtkCheckButton    *flag_ack;
  GtkCheckButton    *flag_psh;
  GtkCheckButton    *flag_fin;
  GtkCheckButton    *flag_rst;
  GtkLabel          *seq_label;
  GtkEntry          *seq_entry;
  GtkLabel          *ack_label;
  GtkEntry          *ack_entry;
  GtkDropDown       *client_state;
  GtkDropDown       *server_state;
  GtkLabel          *problem_label;
  GtkWidget         *check_button;
  GtkLabel          *verdict_label;
  GtkLabel          *parts_label;
  GtkLabel          *explain_label;
  GtkWidget         *next_button;
  GtkLabel          *final_label;
  GtkWidget         *again_button;

  TvCapture    *capture;
  TvConnection *connection;
  TvQuiz       *quiz;
  gboolean      absolute;
  char         *intro;
  int           last_wrong;
};

G_DEFINE_FINAL_TYPE (TvQuizView, tv_quiz_view, ADW_TYPE_WINDOW)

static TvConn *
get_conn (TvQuizView *self)
{
  return tv_connection_get_conn (self->connection);
}

/* The state of @side before segment @index: after the one before, or the
 * start of a connection opened by a SYN (CLOSED, LISTEN). */
static TvTcpState
state_before (TvConn      *conn,
              guint        index,
              TvDirection  side)
{
  if (index > 0)
    {
      const TvSegment *prev = &conn->segs[index - 1];

      return (TvTcpState) (side == TV_DIR_CLIENT_TO_SERVER ? prev->client_state : prev->server_state);
    }
  if (conn->n_segs > 0 && (conn->segs[0].flags & (TV_TCP_SYN | TV_TCP_ACK)) == TV_TCP_SYN)
    return side == TV_DIR_CLIENT_TO_SERVER ? TV_TCP_STATE_CLOSED : TV_TCP_STATE_LISTEN;
  return TV_TCP_STATE_ESTABLISHED;
}

static void
select_state (GtkDropDown *drop_down,
              TvTcpState   state)
{
  if (state >= FIRST_STATE && state < TV_TCP_N_STATES)
    gtk_drop_down_set_selected (drop_down, state - FIRST_STATE);
}

static TvTcpState
selected_state (GtkDropDown *drop_down)
{
  guint i = gtk_drop_down_get_selected (drop_down);

  return i == GTK_INVALID_LIST_POSITION ? TV_TCP_STATE_UNKNOWN : (TvTcpState) (FIRST_STATE + i);
}

static void
update_score (TvQuizView *self)
{
  guint pr, pa, sr, sa;
  g_autofree char *text = NULL;

  tv_quiz_get_score (self->quiz, &pr, &pa, &sr, &sa);
  /* Translators: the quiz's score in the header bar: segments entirely right of segments answered */
  text = g_strdup_printf (_("Score: %u of %u"), sr, sa);
  gtk_label_set_text (self->score_label, text);
}

/* The diagram shows the segments answered (@shown), the last selected. */
static void
show_rows (TvQuizView *self,
           guint       shown)
{
  guint n = tv_quiz_get_n (self->quiz);
  TvViewState *state = tv_ladder_view_get_state (self->ladder);

  tv_view_state_set_playback (state, shown >= n ? -1 : (int) shown, -1, 1);
  tv_view_state_set_selected_segment (state, shown > 0 ? (int) shown - 1 : -1);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  if (shown > 0)
    tv_ladder_view_scroll_to_segment (self->ladder, (int) shown - 1);
}

static void
show_question (TvQuizView *self)
{
  TvConn *conn = get_conn (self);
  guint q = tv_quiz_get_question (self->quiz);
  guint n = tv_quiz_get_n (self->quiz);
  g_autofree char *question = NULL;

  show_rows (self, q);
  update_score (self);
  /* Translators: the quiz's question; "Segment 3 of 11" */
  question = g_strdup_printf (_("Segment %u of %u: what happens next?"), q + 1, n);
  if (q == 0 && self->intro != NULL)
    {
      /* a lesson: its introduction first, in plain weight */
      g_autofree char *markup = g_markup_printf_escaped ("<span weight=\"normal\" size=\"small\">%s</span>\n\n%s",
                                                         self->intro, question);

      gtk_label_set_markup (self->question_label, markup);
    }
  else
    gtk_label_set_text (self->question_label, question);

  gtk_check_button_set_active (self->client_sends, TRUE);
  gtk_check_button_set_active (self->flag_syn, FALSE);
  gtk_check_button_set_active (self->flag_ack, FALSE);
  gtk_check_button_set_active (self->flag_psh, FALSE);
  gtk_check_button_set_active (self->flag_fin, FALSE);
  gtk_check_button_set_active (self->flag_rst, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->seq_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->ack_entry), "");
  /* the states as they are now: the learner changes what changes */
  select_state (self->client_state, state_before (conn, q, TV_DIR_CLIENT_TO_SERVER));
  select_state (self->server_state, state_before (conn, q, TV_DIR_SERVER_TO_CLIENT));
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);

  gtk_stack_set_visible_child_name (self->stack, "question");
  gtk_window_set_default_widget (GTK_WINDOW (self), self->check_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->client_sends));
}

static char *
flags_text (guint16 flags)
{
  g_autoptr(GString) s = g_string_new (NULL);
  static const struct { guint16 flag; const char *name; } names[] = {
    { TV_TCP_SYN, "SYN" }, { TV_TCP_FIN, "FIN" }, { TV_TCP_RST, "RST" },
    { TV_TCP_PSH, "PSH" }, { TV_TCP_ACK, "ACK" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (flags & names[i].flag)
      g_string_append_printf (s, "%s%s", s->len > 0 ? "-" : "", names[i].name);
  if (s->len == 0)
    /* Translators: a segment without any of the flags asked about */
    g_string_append (s, _("none"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
side_text (TvDirection side)
{
  return side == TV_DIR_CLIENT_TO_SERVER ? _("the client") : _("the server");
}

/* One line of the result: a mark, what was asked, the right answer, and
 * what was said when it was wrong. */
static void
append_part (GString    *out,
             gboolean    wrong,
             const char *what,
             const char *right,
             const char *given)
{
  g_autofree char *r = g_markup_escape_text (right, -1);

  if (!wrong)
    /* Translators: a right part of a quiz answer: "✓ Flags: SYN-ACK" */
    g_string_append_printf (out, _("<b>✓ %s</b>: %s"), what, r);
  else
    {
      g_autofree char *g = g_markup_escape_text (given, -1);

      /* Translators: a wrong part of a quiz answer: "✗ ack: 1 (you said 0)" */
      g_string_append_printf (out, _("<b>✗ %s</b>: %s (you said %s)"), what, r, g);
    }
  g_string_append_c (out, '\n');
}

static void
show_result (TvQuizView         *self,
             guint               index,
             guint               wrong,
             gboolean            skipped,
             const TvQuizAnswer *right,
             const TvQuizAnswer *given)
{
  TvConn *conn = get_conn (self);
  g_autoptr(GString) parts = g_string_new (NULL);
  g_autofree char *explain = tv_explain_segment (tv_connection_get_tracker (self->connection), conn, index,
                                                 self->absolute);
  g_autofree char *title = tv_explain_title (tv_connection_get_tracker (self->connection), conn, index);
  g_autofree char *verdict = NULL;
  guint asked = tv_quiz_n_asked (right);
  guint n_wrong = 0;

  for (guint bits = wrong; bits != 0; bits &= bits - 1)
    n_wrong++;
  if (skipped)
    /* Translators: the quiz's verdict on a skipped question; %s: "Step 3 of 11: ACK from the client" */
    verdict = g_strdup_printf (_("Skipped. %s"), title);
  else if (wrong == 0)
    /* Translators: the quiz's verdict: all right; %s: "Step 3 of 11: ACK from the client" */
    verdict = g_strdup_printf (_("Right! %s"), title);
  else
    /* Translators: the quiz's verdict: "4 of 6 right. Step 2 of 11: SYN-ACK from the server" */
    verdict = g_strdup_printf (_("%u of %u right. %s"), asked - n_wrong, asked, title);
  gtk_label_set_text (self->verdict_label, verdict);

  {
    g_autofree char *rf = flags_text (right->flags);
    g_autofree char *gf = flags_text (given->flags);
    g_autofree char *rs = g_strdup_printf ("%u", right->seq);
    g_autofree char *gs = g_strdup_printf ("%u", given->seq);
    g_autofree char *ra = g_strdup_printf ("%u", right->ack);
    g_autofree char *ga = g_strdup_printf ("%u", given->ack);

    append_part (parts, skipped || (wrong & TV_QUIZ_SENDER), _("Sender"), side_text (right->sender),
                 skipped ? "—" : side_text (given->sender));
    append_part (parts, skipped || (wrong & TV_QUIZ_FLAGS_PART), _("Flags"), rf, skipped ? "—" : gf);
    append_part (parts, skipped || (wrong & TV_QUIZ_SEQ), "seq", rs, skipped ? "—" : gs);
    if (right->flags & TV_TCP_ACK)
      append_part (parts, skipped || (wrong & TV_QUIZ_ACK), "ack", ra, skipped ? "—" : ga);
    append_part (parts, skipped || (wrong & TV_QUIZ_CLIENT_STATE), _("Client’s state"),
                 tv_tcp_state_name (right->client_state),
                 skipped ? "—" : tv_tcp_state_name (given->client_state));
    append_part (parts, skipped || (wrong & TV_QUIZ_SERVER_STATE), _("Server’s state"),
                 tv_tcp_state_name (right->server_state),
                 skipped ? "—" : tv_tcp_state_name (given->server_state));
  }
  if (parts->len > 0)
    g_string_truncate (parts, parts->len - 1);
  gtk_label_set_markup (self->parts_label, parts->str);
  gtk_label_set_text (self->explain_label, explain);

  show_rows (self, index + 1);
  update_score (self);
  gtk_button_set_label (GTK_BUTTON (self->next_button),
                        tv_quiz_is_over (self->quiz) ? _("See the _Score") : _("_Next Segment"));
  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_window_set_default_widget (GTK_WINDOW (self), self->next_button);
  gtk_widget_grab_focus (self->next_button);
  /* a screen reader hears the verdict */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, verdict, -1);
}

static void
show_score (TvQuizView *self)
{
  guint pr, pa, sr, sa;
  g_autofree char *text = NULL;

  tv_quiz_get_score (self->quiz, &pr, &pa, &sr, &sa);
  /* Translators: the quiz's end: "You got 7 of 11 segments entirely right, and 58 of 63 answers." */
  text = g_strdup_printf (_("You got %u of %u segments entirely right, and %u of %u answers."), sr, sa, pr, pa);
  gtk_label_set_text (self->final_label, text);
  show_rows (self, tv_quiz_get_n (self->quiz));
  update_score (self);
  gtk_stack_set_visible_child_name (self->stack, "score");
  gtk_window_set_default_widget (GTK_WINDOW (self), self->again_button);
  gtk_widget_grab_focus (self->again_button);
}

static void
problem (TvQuizView *self,
         const char *message,
         GtkWidget  *focus)
{
  gtk_label_set_text (self->problem_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
  gtk_widget_grab_focus (focus);
}

/* ---- actions ------------------------------------------------------------------ */

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TvQuizView *self = TV_QUIZ_VIEW (widget);
  TvQuizAnswer given = { 0 }, right;
  const char *ack_text;
  guint index, wrong;

  if (tv_quiz_is_over (self->quiz) || !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "question"))
    return;

  given.sender = gtk_check_button_get_active (self->server_sends) ? TV_DIR_SERVER_TO_CLIENT
                                                                  : TV_DIR_CLIENT_TO_SERVER;
  given.flags = (gtk_check_button_get_active (self->flag_syn) ? TV_TCP_SYN : 0) |
                (gtk_check_button_get_active (self->flag_ack) ? TV_TCP_ACK : 0) |
                (gtk_check_button_get_active (self->flag_psh) ? TV_TCP_PSH : 0) |
                (gtk_check_button_get_active (self->flag_fin) ? TV_TCP_FIN : 0) |
                (gtk_check_button_get_active (self->flag_rst) ? TV_TCP_RST : 0);
  if (!tv_quiz_parse_number (gtk_editable_get_text (GTK_EDITABLE (self->seq_entry)), &given.seq))
    {
      problem (self, _("Type the seq as a number, for example 1."), GTK_WIDGET (self->seq_entry));
      return;
    }
  ack_text = gtk_editable_get_text (GTK_EDITABLE (self->ack_entry));
  if (is_blank (ack_text))
    given.ack = 0;
  else if (!tv_quiz_parse_number (ack_text, &given.ack))
    {
      problem (self, _("Type the ack as a number, or leave it empty for a segment without ACK."),
               GTK_WIDGET (self->ack_entry));
      return;
    }
  given.client_state = selected_state (self->client_state);
  given.server_state = selected_state (self->server_state);

  index = tv_quiz_get_question (self->quiz);
  wrong = tv_quiz_answer (self->quiz, &given, &right);
  self->last_wrong = (int) wrong;
  show_result (self, index, wrong, FALSE, &right, &given);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvQuizView *self = TV_QUIZ_VIEW (widget);
  TvQuizAnswer right, none = { 0 };
  guint index;

  if (tv_quiz_is_over (self->quiz))
    return;
  index = tv_quiz_get_question (self->quiz);
  tv_quiz_expected (get_conn (self), index, self->absolute, &right);
  tv_quiz_skip (self->quiz);
  self->last_wrong = -1;
  show_result (self, index, 0, TRUE, &right, &none);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvQuizView *self = TV_QUIZ_VIEW (widget);

  if (tv_quiz_is_over (self->quiz))
    show_score (self);
  else
    show_question (self);
}

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TvQuizView *self = TV_QUIZ_VIEW (widget);

  g_clear_pointer (&self->quiz, tv_quiz_free);
  self->quiz = tv_quiz_new (get_conn (self), self->absolute);
  self->last_wrong = -1;
  show_question (self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- GObject -------------------------------------------------------------------- */

static void
tv_quiz_view_dispose (GObject *object)
{
  TvQuizView *self = TV_QUIZ_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TV_TYPE_QUIZ_VIEW);
  g_clear_pointer (&self->quiz, tv_quiz_free);
  g_clear_object (&self->connection);
  g_clear_object (&self->capture);

  G_OBJECT_CLASS (tv_quiz_view_parent_class)->dispose (object);
}

static void
tv_quiz_view_finalize (GObject *object)
{
  TvQuizView *self = TV_QUIZ_VIEW (object);

  g_free (self->intro);

  G_OBJECT_CLASS (tv_quiz_view_parent_class)->finalize (object);
}

static void
tv_quiz_view_class_init (TvQuizViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tv_quiz_view_dispose;
  object_class->finalize = tv_quiz_view_finalize;

  g_type_ensure (TV_TYPE_LADDER_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/TcpViz/tv-quiz-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TvQuizView, name)
  BIND (window_title);
  BIND (score_label);
  BIND (scrolled);
  BIND (ladder);
  BIND (stack);
  BIND (question_label);
  BIND (client_sends);
  BIND (server_sends);
  BIND (flag_syn);
  BIND (flag_ack);
  BIND (flag_psh);
  BIND (flag_fin);
  BIND (flag_rst);
  BIND (seq_label);
  BIND (seq_entry);
  BIND (ack_label);
  BIND (ack_entry);
  BIND (client_state);
  BIND (server_state);
  BIND (problem_label);
  BIND (check_button);
  BIND (verdict_label);
  BIND (parts_label);
  BIND (explain_label);
  BIND (next_button);
  BIND (final_label);
  BIND (again_button);
#undef BIND

  gtk_widget_class_install_action (widget_class, "quiz.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "quiz.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "quiz.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "quiz.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "quiz.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "quiz.close", NULL);
}

static void
tv_quiz_view_init (TvQuizView *self)
{
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);

  self->last_wrong = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (int s = FIRST_STATE; s < TV_TCP_N_STATES; s++)
    gtk_string_list_append (states, tv_tcp_state_name ((TvTcpState) s));
  gtk_drop_down_set_model (self->client_state, G_LIST_MODEL (states));
  gtk_drop_down_set_model (self->server_state, G_LIST_MODEL (states));
  /* the drop-downs say what they are to a screen reader */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->client_state), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Client’s state after it"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->server_state), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Server’s state after it"), -1);
}

/* ---- public ------------------------------------------------------------------- */

TvQuizView *
tv_quiz_view_new (GtkWindow    *parent,
                  TvCapture    *capture,
                  TvConnection *connection,
                  gboolean      absolute,
                  const char   *intro)
{
  TvQuizView *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TV_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (TV_IS_CONNECTION (connection), NULL);

  self = g_object_new (TV_TYPE_QUIZ_VIEW,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "transient-for", parent,
                       NULL);
  self->capture = g_object_ref (capture);
  self->connection = g_object_ref (connection);
  self->absolute = !!absolute;
  self->intro = g_strdup (intro);
  self->quiz = tv_quiz_new (get_conn (self), self->absolute);

  subtitle = g_strdup_printf (_("%s → %s"), tv_connection_get_client (connection),
                              tv_connection_get_server (connection));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_label_set_text_with_mnemonic (self->seq_label, absolute ? _("_seq (absolute)") : _("_seq (relative)"));
  gtk_label_set_text_with_mnemonic (self->ack_label, absolute ? _("_ack (absolute)") : _("_ack (relative)"));
  /* the quiz's diagram has a view state of its own */
  tv_view_state_set_absolute (tv_ladder_view_get_state (self->ladder), self->absolute);
  tv_view_state_set_connection (tv_ladder_view_get_state (self->ladder), connection);
  show_question (self);
  return self;
}

void
tv_quiz_view_fill (TvQuizView         *self,
                   const TvQuizAnswer *answer)
{
  g_autofree char *seq = NULL;
  g_autofree char *ack = NULL;

  g_return_if_fail (TV_IS_QUIZ_VIEW (self));
  g_return_if_fail (answer != NULL);

  gtk_check_button_set_active (answer->sender == TV_DIR_SERVER_TO_CLIENT ? self->server_sends
                                                                        : self->client_sends, TRUE);
  gtk_check_button_set_active (self->flag_syn, (answer->flags & TV_TCP_SYN) != 0);
  gtk_check_button_set_active (self->flag_ack, (answer->flags & TV_TCP_ACK) != 0);
  gtk_check_button_set_active (self->flag_psh, (answer->flags & TV_TCP_PSH) != 0);
  gtk_check_button_set_active (self->flag_fin, (answer->flags & TV_TCP_FIN) != 0);
  gtk_check_button_set_active (self->flag_rst, (answer->flags & TV_TCP_RST) != 0);
  seq = g_strdup_printf ("%u", answer->seq);
  gtk_editable_set_text (GTK_EDITABLE (self->seq_entry), seq);
  ack = (answer->flags & TV_TCP_ACK) ? g_strdup_printf ("%u", answer->ack) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->ack_entry), ack);
  select_state (self->client_state, answer->client_state);
  select_state (self->server_state, answer->server_state);
}

void
tv_quiz_view_set_seq_text (TvQuizView *self,
                           const char *text)
{
  g_return_if_fail (TV_IS_QUIZ_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->seq_entry), text);
}

int
tv_quiz_view_get_last_wrong (TvQuizView *self)
{
  g_return_val_if_fail (TV_IS_QUIZ_VIEW (self), -1);

  return self->last_wrong;
}

const char *
tv_quiz_view_get_verdict (TvQuizView *self)
{
  g_return_val_if_fail (TV_IS_QUIZ_VIEW (self), NULL);

  return gtk_label_get_text (self->verdict_label);
}

const char *
tv_quiz_view_get_parts (TvQuizView *self)
{
  g_return_val_if_fail (TV_IS_QUIZ_VIEW (self), NULL);

  return gtk_label_get_text (self->parts_label);
}

const char *
tv_quiz_view_get_page (TvQuizView *self)
{
  g_return_val_if_fail (TV_IS_QUIZ_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

TvQuiz *
tv_quiz_view_get_quiz (TvQuizView *self)
{
  g_return_val_if_fail (TV_IS_QUIZ_VIEW (self), NULL);

  return self->quiz;
}
