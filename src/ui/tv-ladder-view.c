/* tv-ladder-view.c: TvLadderView, the ladder diagram widget.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-ladder-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "tv-ladder-painter.h"
#include "tv-ladder-view.h"

#define ZOOM_STEP 1.2
#define SCROLL_PAD 12.0

struct _TvLadderView
{
  GtkWidget        parent_instance;

  TvViewState     *state;       /* what it shows: see tv-view-state.h */

  TvTracker       *tracker;
  TvConn          *conn;
  TvLadderLayout  *layout;
  TvLadderPainter *painter;
  TvLadderOptions  metrics;     /* measured by the painter */
  double           full_width;  /* the full layout's width, the natural one */
  gboolean         dark;

  TvLadderSpacing  spacing;
  gboolean         absolute;
  double           zoom;
  int              selected;
  int              hover;

  /* playback */
  int              visible_rows;
  int              progress_row;
  double           progress;

  GtkAdjustment   *hadjustment;
  GtkAdjustment   *vadjustment;
  guint            hscroll_policy : 1;
  guint            vscroll_policy : 1;

  gboolean         own_adjustments;  /* not in a GtkScrolledWindow: scroll ourselves */
  double           gesture_zoom;     /* zoom when a pinch began */
  double           pointer_x, pointer_y;
  gboolean         pointer_inside;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_ZOOM,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (TvLadderView, tv_ladder_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))


/* ---- geometry ------------------------------------------------------------ */

static double
content_width (TvLadderView *self)
{
  return self->layout ? tv_ladder_layout_get_width (self->layout) * self->zoom : 0;
}

static double
content_height (TvLadderView *self)
{
  return self->layout ? tv_ladder_layout_get_height (self->layout) * self->zoom : 0;
}

static double
scroll_x (TvLadderView *self)
{
  return self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
scroll_y (TvLadderView *self)
{
  return self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

/* Left edge of the diagram in widget coordinates: centred when narrower. */
static double
origin_x (TvLadderView *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double cw = content_width (self);

  if (cw < w)
    return floor ((w - cw) / 2);
  return -scroll_x (self);
}

static void
widget_to_layout (TvLadderView *self,
                  double        x,
                  double        y,
                  double       *lx,
                  double       *ly)
{
  *lx = (x - origin_x (self)) / self->zoom;
  *ly = (y + scroll_y (self)) / self->zoom;
}

static double
header_height (TvLadderView *self)
{
  return self->layout ? tv_ladder_layout_get_header_bottom (self->layout) * self->zoom : 0;
}

static void
configure_adjustment (GtkAdjustment *adj,
                      double         upper,
                      double         page,
                      double         value)
{
  upper = MAX (upper, page);
  value = CLAMP (value, 0, MAX (0, upper - page));
  gtk_adjustment_configure (adj, value, 0, upper, page * 0.1, page * 0.9, page);
}

static void
configure_adjustments (TvLadderView *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->hadjustment)
    configure_adjustment (self->hadjustment, content_width (self), w,
                          gtk_adjustment_get_value (self->hadjustment));
  if (self->vadjustment)
    configure_adjustment (self->vadjustment, content_height (self), h,
                          gtk_adjustment_get_value (self->vadjustment));
}

static gboolean
at_end (TvLadderView *self)
{
  if (self->vadjustment == NULL)
    return FALSE;

  return gtk_adjustment_get_value (self->vadjustment) + gtk_adjustment_get_page_size (self->vadjustment)
         >= gtk_adjustment_get_upper (self->vadjustment) - 2;
}

static void
scroll_to_end (TvLadderView *self)
{
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment,
                              gtk_adjustment_get_upper (self->vadjustment) -
                              gtk_adjustment_get_page_size (self->vadjustment));
}

/* ---- layout ---------------------------------------------------------------- */

static void
update_accessible (TvLadderView *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (self->conn != NULL)
    {
      g_autofree char *client = tv_endpoint_to_string (&self->conn->client);
      g_autofree char *server = tv_endpoint_to_string (&self->conn->server);

      label = g_strdup_printf (_("Ladder diagram of the connection from %s to %s"), client, server);
    }
  else
    label = g_strdup (_("Ladder diagram"));

  if (self->layout != NULL && self->selected >= 0)
    {
      /* what the tooltip shows (flags, frame and time, direction, seq,
       * ack, len and window, the HTTP/TLS line, analysis marks, both
       * states after it), as one line for a screen reader */
      g_autofree char *markup = tv_ladder_view_dup_segment_markup (self, self->selected);
      g_autofree char *plain = NULL;

      if (markup == NULL || !pango_parse_markup (markup, -1, 0, NULL, &plain, NULL, NULL))
        {
          TvLadderLabel l;

          tv_ladder_layout_get_label (self->layout, self->selected, &l);
          plain = g_strdup (l.text);
        }
      else
        {
          GString *line = g_string_new (NULL);

          for (const char *c = plain; *c; c++)
            if (*c == '\n')
              g_string_append (line, ", ");
            else
              g_string_append_c (line, *c);
          g_free (plain);
          plain = g_string_free (line, FALSE);
        }
      description = g_strdup_printf (_("Segment %d of %u: %s%s%s"), self->selected + 1,
                                     tv_ladder_layout_get_n_rows (self->layout), plain, "", "");
    }
  else if (self->conn != NULL)
    description = g_strdup_printf (ngettext ("%u segment", "%u segments", self->conn->n_segs),
                                   self->conn->n_segs);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                  -1);
}

/* The width the layout has to fit in, in layout units; 0 before the view
 * is allocated (the full layout, until it is). */
static double
view_layout_width (TvLadderView *self)
{
  return gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom;
}

/* Options for the connection at the view's width: the full layout when it
 * fits, else the compact one. */
static void
measure_options (TvLadderView    *self,
                 TvLadderOptions *options)
{
  *options = self->metrics;
  options->spacing = self->spacing;
  options->absolute = self->absolute;
  tv_ladder_painter_measure_for_conn (self->painter, options, self->conn);
  self->full_width = tv_ladder_options_get_full_width (options);

  *options = self->metrics;
  options->spacing = self->spacing;
  options->absolute = self->absolute;
  tv_ladder_painter_measure_for_width (self->painter, options, self->conn, view_layout_width (self));
}

static void rebuild_layout_full (TvLadderView *self,
                                 gboolean      resize);

static void
rebuild_layout (TvLadderView *self)
{
  rebuild_layout_full (self, TRUE);
}

static void
rebuild_layout_full (TvLadderView *self,
                     gboolean      resize)
{
  TvLadderOptions options;
  double anchor_row = -1;
  gboolean was_at_end = at_end (self) && self->layout != NULL;

  /* keep the row at the top of the view where it was (at the very top,
   * stay there: the initial states and the first title above row 0) */
  if (self->layout != NULL && self->vadjustment != NULL && scroll_y (self) > 0)
    {
      guint first, last;
      double y = scroll_y (self) / self->zoom + tv_ladder_layout_get_header_bottom (self->layout);

      if (tv_ladder_layout_find_rows (self->layout, y, y, &first, &last))
        anchor_row = first;
    }

  g_clear_pointer (&self->layout, tv_ladder_layout_free);

  if (self->conn != NULL)
    {
      measure_options (self, &options);
      self->layout = tv_ladder_layout_new (self->tracker, self->conn, &options);
    }

  if (self->selected >= 0 &&
      (self->layout == NULL || (guint) self->selected >= tv_ladder_layout_get_n_rows (self->layout)))
    self->selected = -1;
  self->hover = -1;

  configure_adjustments (self);
  if (was_at_end)
    scroll_to_end (self);
  else if (anchor_row >= 0 && self->layout != NULL &&
           anchor_row < tv_ladder_layout_get_n_rows (self->layout))
    {
      TvLadderRow row;

      tv_ladder_layout_get_row (self->layout, (guint) anchor_row, &row);
      gtk_adjustment_set_value (self->vadjustment,
                                (row.top - tv_ladder_layout_get_header_bottom (self->layout)) * self->zoom);
    }

  if (resize)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The view's width changed: a compact layout follows it, or the layout
 * changes between full and compact.  From size_allocate: no resize. */
static void
fit_width (TvLadderView *self)
{
  TvLadderOptions options;

  if (self->layout == NULL || self->conn == NULL)
    return;

  measure_options (self, &options);
  if (tv_ladder_options_same_rows (&options, tv_ladder_layout_get_options (self->layout)))
    tv_ladder_layout_set_width (self->layout, options.width);
  else
    rebuild_layout_full (self, FALSE);
}

static void
update_style (TvLadderView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  TvLadderStyle style;

  self->dark = adw_style_manager_get_dark (manager);
  tv_ladder_style_init (&style, self->dark ? TV_LADDER_STYLE_DARK : TV_LADDER_STYLE_LIGHT);

  /* The style's fonts (Cantarell, the GNOME UI font, then Noto Sans and
   * Noto Sans CJK) rather than the desktop's: an export then lays out to
   * the same rows as the screen, and a visible-part export matches. */

  if (self->painter == NULL)
    self->painter = tv_ladder_painter_new (&style);
  else
    tv_ladder_painter_set_style (self->painter, &style);

  tv_ladder_options_init (&self->metrics);
  tv_ladder_painter_measure (self->painter, &self->metrics);
}

static void
on_dark_changed (TvLadderView    *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  update_style (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- selection --------------------------------------------------------------- */

void
tv_ladder_view_scroll_to_segment (TvLadderView *self,
                                  int           index)
{
  TvLadderRow row;
  double top, bottom, value, page, head;

  g_return_if_fail (TV_IS_LADDER_VIEW (self));

  if (self->layout == NULL || self->vadjustment == NULL || index < 0 ||
      (guint) index >= tv_ladder_layout_get_n_rows (self->layout))
    return;

  tv_ladder_layout_get_row (self->layout, index, &row);
  {
    double sh = tv_ladder_layout_get_options (self->layout)->state_height;

    top = MIN (row.top, MIN (row.client_state_y, row.server_state_y) - sh / 2);
    bottom = MAX (row.bottom, MAX (row.client_state_y, row.server_state_y) + sh / 2);
  }
  top *= self->zoom;
  bottom *= self->zoom;

  value = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  head = header_height (self);

  if (top - SCROLL_PAD < value + head)
    gtk_adjustment_set_value (self->vadjustment, top - SCROLL_PAD - head);
  else if (bottom + SCROLL_PAD > value + page)
    gtk_adjustment_set_value (self->vadjustment, bottom + SCROLL_PAD - page);
}

static void
apply_selected_segment (TvLadderView *self,
                        int           index)
{
  if (index < 0 || self->layout == NULL)
    index = -1;
  else
    index = MIN ((guint) index, tv_ladder_layout_get_n_rows (self->layout) - 1);

  if (index == self->selected)
    return;

  self->selected = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The person selected a segment here (-1: none): the state says so, and
 * every view follows. */
static void
select_segment (TvLadderView *self,
                int           index)
{
  if (index < 0 || self->layout == NULL)
    index = -1;
  else
    index = MIN ((guint) index, tv_ladder_layout_get_n_rows (self->layout) - 1);
  tv_view_state_set_selected_segment (self->state, index);
}

int
tv_ladder_view_get_selected_segment (TvLadderView *self)
{
  g_return_val_if_fail (TV_IS_LADDER_VIEW (self), -1);
  return self->selected;
}

static void
move_selection (TvLadderView *self,
                int           delta)
{
  guint n;
  int target;

  if (self->layout == NULL || (n = tv_ladder_layout_get_n_rows (self->layout)) == 0)
    return;

  if (self->selected < 0)
    {
      /* start from the first row in view */
      guint first = 0, last = 0;
      double y0 = (scroll_y (self) + header_height (self)) / self->zoom;

      if (!tv_ladder_layout_find_rows (self->layout, y0, y0 + 1, &first, &last))
        first = 0;
      target = (delta == 1 || delta == -1) ? (int) first
             : (int) CLAMP ((gint64) first + delta, 0, (gint64) n - 1);
    }
  else
    target = CLAMP ((gint64) self->selected + delta, 0, (gint64) n - 1);

  select_segment (self, target);
  tv_ladder_view_scroll_to_segment (self, target);
}

static int
rows_per_page (TvLadderView *self)
{
  double page = self->vadjustment ? gtk_adjustment_get_page_size (self->vadjustment) : 400;
  double pitch = (self->metrics.arrow_drop + self->metrics.row_gap + self->metrics.line_height +
                  self->metrics.label_gap) * self->zoom;

  return MAX (1, (int) ((page - header_height (self)) / MAX (1, pitch)) - 1);
}

/* ---- zoom ------------------------------------------------------------------ */

/* Zooms keeping the diagram's point under (wx, wy) in place. */
static void
zoom_at (TvLadderView *self,
         double        zoom,
         double        wx,
         double        wy)
{
  double lx, ly;

  zoom = CLAMP (zoom, TV_LADDER_VIEW_MIN_ZOOM, TV_LADDER_VIEW_MAX_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;

  widget_to_layout (self, wx, wy, &lx, &ly);
  self->zoom = zoom;

  configure_adjustments (self);
  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, ly * zoom - wy);
  if (self->hadjustment && content_width (self) > gtk_widget_get_width (GTK_WIDGET (self)))
    gtk_adjustment_set_value (self->hadjustment, lx * zoom - wx);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ladder.zoom-in", zoom < TV_LADDER_VIEW_MAX_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ladder.zoom-out", zoom > TV_LADDER_VIEW_MIN_ZOOM);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
zoom_centre (TvLadderView *self,
             double        zoom)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->pointer_inside)
    zoom_at (self, zoom, self->pointer_x, self->pointer_y);
  else
    zoom_at (self, zoom, w / 2, h / 2);
}

void
tv_ladder_view_set_zoom (TvLadderView *self,
                         double        zoom)
{
  g_return_if_fail (TV_IS_LADDER_VIEW (self));
  zoom_centre (self, zoom);
}

void
tv_ladder_view_zoom_to_fit (TvLadderView *self)
{
  double width, height, zoom;

  g_return_if_fail (TV_IS_LADDER_VIEW (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = self->vadjustment != NULL ? gtk_adjustment_get_page_size (self->vadjustment)
                                     : gtk_widget_get_height (GTK_WIDGET (self));
  if (self->layout == NULL || self->full_width <= 0 || width <= 0 || height <= 0)
    return;
  /* the whole connection, as wide and as tall as it is at zoom 1 */
  zoom = MIN (width / self->full_width, height / tv_ladder_layout_get_height (self->layout));
  zoom = CLAMP (zoom, TV_LADDER_VIEW_LEGIBLE_ZOOM, TV_LADDER_VIEW_MAX_ZOOM);
  zoom_at (self, zoom, 0, 0);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);
}

double
tv_ladder_view_get_zoom (TvLadderView *self)
{
  g_return_val_if_fail (TV_IS_LADDER_VIEW (self), 1.0);
  return self->zoom;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TvLadderView *self = TV_LADDER_VIEW (widget);

  if (g_str_equal (action_name, "ladder.zoom-in"))
    zoom_centre (self, self->zoom * ZOOM_STEP);
  else if (g_str_equal (action_name, "ladder.zoom-out"))
    zoom_centre (self, self->zoom / ZOOM_STEP);
  else
    zoom_centre (self, 1.0);
}

/* ---- events ---------------------------------------------------------------- */

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           TvLadderView             *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK))
    {
      if (!self->own_adjustments)
        return FALSE;  /* the scrolled window scrolls */

      /* without a scrolled window around, scroll here */
      if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
        dy *= 3 * (self->metrics.line_height + self->metrics.row_gap) * self->zoom;
      gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + dy);
      return TRUE;
    }

  if (dy != 0)
    zoom_at (self, self->zoom * pow (ZOOM_STEP, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               TvLadderView     *self)
{
  self->gesture_zoom = self->zoom;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       TvLadderView   *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  zoom_at (self, self->gesture_zoom * scale, x, y);
}

static int
row_at (TvLadderView *self,
        double        x,
        double        y)
{
  double lx, ly;

  if (self->layout == NULL || y < header_height (self))
    return -1;

  widget_to_layout (self, x, y, &lx, &ly);
  return tv_ladder_layout_row_at (self->layout, lx, ly);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            TvLadderView    *self)
{
  int row = row_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (row >= 0 || n_press == 1)
    select_segment (self, row);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TvLadderView             *self)
{
  int row;

  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;

  row = row_at (self, x, y);
  if (row != self->hover)
    {
      self->hover = row;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          TvLadderView             *self)
{
  self->pointer_inside = FALSE;
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TvLadderView          *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_k:
      move_selection (self, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_j:
      move_selection (self, 1);
      return TRUE;
    case GDK_KEY_Page_Up:
      move_selection (self, -rows_per_page (self));
      return TRUE;
    case GDK_KEY_Page_Down:
      move_selection (self, rows_per_page (self));
      return TRUE;
    case GDK_KEY_Home:
      move_selection (self, G_MININT);
      return TRUE;
    case GDK_KEY_End:
      move_selection (self, G_MAXINT);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->selected >= 0)
        {
          select_segment (self, -1);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
}

char *
tv_ladder_view_dup_segment_markup (TvLadderView *self,
                                   int           index)
{
  TvConn *conn;
  const TvSegment *seg;
  TvLadderLabel label;
  GString *s;
  char flags[48], t[32];
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (TV_IS_LADDER_VIEW (self), NULL);

  if (self->layout == NULL || index < 0 || (guint) index >= tv_ladder_layout_get_n_rows (self->layout))
    return NULL;

  conn = self->conn;
  seg = &conn->segs[index];
  tv_ladder_layout_get_label (self->layout, index, &label);
  s = g_string_new (NULL);
  tv_tcp_flags_to_string (seg->flags, flags, sizeof flags);
  tv_ladder_format_time (tv_ladder_layout_get_row_time (self->layout, index), t, sizeof t);

  g_string_append_printf (s, "<b>%s</b>  ", flags);
  g_string_append_printf (s, _("frame %u · %s"), seg->frame, t);
  g_string_append_c (s, '\n');
  from = g_strdup (seg->dir == TV_DIR_CLIENT_TO_SERVER ? _("Client") : _("Server"));
  to = g_strdup (seg->dir == TV_DIR_CLIENT_TO_SERVER ? _("Server") : _("Client"));
  g_string_append_printf (s, "%s → %s\n", from, to);
  g_string_append_printf (s, _("seq %u (raw %u)"), tv_conn_relative_seq (conn, seg), seg->seq);
  g_string_append_c (s, '\n');
  if (seg->flags & TV_TCP_ACK)
    {
      g_string_append_printf (s, _("ack %u (raw %u)"), tv_conn_relative_ack (conn, seg), seg->ack);
      g_string_append_c (s, '\n');
    }
  g_string_append_printf (s, _("len %u · window %u"), seg->len, seg->window);

  if (label.app != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (label.app, -1);

      g_string_append_printf (s, "\n<b>%s</b>", escaped);
    }

  if (seg->analysis != 0)
    {
      gboolean first = TRUE;

      g_string_append_c (s, '\n');
      for (guint b = 0; b < TV_N_ANALYSIS; b++)
        if (seg->analysis & (1u << b))
          {
            g_autofree char *escaped = g_markup_escape_text (tv_analysis_label (1u << b), -1);

            g_string_append_printf (s, "%s<span foreground=\"#e66100\">%s</span>",
                                    first ? "" : ", ", escaped);
            first = FALSE;
          }
    }

  g_string_append_c (s, '\n');
  g_string_append_printf (s, _("Client %s · Server %s"),
                          tv_tcp_state_name (seg->client_state),
                          tv_tcp_state_name (seg->server_state));

  return g_string_free (s, FALSE);
}

static gboolean
tv_ladder_view_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  TvLadderView *self = TV_LADDER_VIEW (widget);
  g_autofree char *markup = NULL;
  TvLadderRow row;
  int index;

  if (keyboard_mode)
    index = self->selected;
  else
    index = row_at (self, x, y);

  if (index < 0 || self->layout == NULL)
    return FALSE;

  markup = tv_ladder_view_dup_segment_markup (self, index);
  gtk_tooltip_set_markup (tooltip, markup);

  /* a new tooltip when the pointer moves to another row */
  tv_ladder_layout_get_row (self->layout, index, &row);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
    (int) (origin_x (self) + MIN (row.x1, row.x2) * self->zoom),
    (int) (row.top * self->zoom - scroll_y (self)),
    (int) ceil (fabs (row.x2 - row.x1) * self->zoom),
    (int) ceil ((row.bottom - row.top) * self->zoom),
  });

  return TRUE;
}

/* ---- drawing --------------------------------------------------------------- */

static void
tv_ladder_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  TvLadderView *self = TV_LADDER_VIEW (widget);
  TvLadderPaintParams params;
  const TvLadderStyle *style;
  double w = gtk_widget_get_width (widget);
  double h = gtk_widget_get_height (widget);
  double ox, sy;
  cairo_t *cr;

  if (w <= 0 || h <= 0 || self->painter == NULL)
    return;

  style = tv_ladder_painter_get_style (self->painter);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_set_source_rgba (cr, style->background.red, style->background.green,
                         style->background.blue, style->background.alpha);
  cairo_paint (cr);

  if (self->layout == NULL)
    {
      cairo_destroy (cr);
      return;
    }

  ox = origin_x (self);
  sy = scroll_y (self);

  cairo_translate (cr, ox, -sy);
  cairo_scale (cr, self->zoom, self->zoom);

  tv_ladder_paint_params_init (&params);
  params.clip_x = -ox / self->zoom;
  params.clip_y = sy / self->zoom;
  params.clip_width = w / self->zoom;
  params.clip_height = h / self->zoom;
  params.draw_background = FALSE;
  params.draw_header = TRUE;
  params.header_y = sy / self->zoom;          /* the heads stay on top */
  params.selected_row = self->selected;
  params.hover_row = self->hover;
  params.visible_rows = self->visible_rows;
  params.progress_row = self->progress_row;
  params.progress = self->progress;
  params.scale = self->zoom;

  tv_ladder_painter_paint (self->painter, cr, self->layout, &params);
  cairo_destroy (cr);
}

static void
tv_ladder_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  TvLadderView *self = TV_LADDER_VIEW (widget);

  *minimum = 100;
  /* the full layout's width, even while the view is narrower and the
   * layout compact: what the diagram would like */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (100, (int) ceil (self->layout ? self->full_width * self->zoom : 0));
  else
    *natural = MAX (100, (int) ceil (content_height (self)));
}

static void
tv_ladder_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  TvLadderView *self = TV_LADDER_VIEW (widget);
  gboolean was_at_end = self->layout != NULL && self->vadjustment != NULL &&
                        gtk_adjustment_get_upper (self->vadjustment) > gtk_adjustment_get_page_size (self->vadjustment) &&
                        at_end (self);

  fit_width (self);
  configure_adjustments (self);
  if (was_at_end)
    scroll_to_end (self);
}

/* ---- GtkScrollable --------------------------------------------------------- */

static void
on_adjustment_changed (GtkAdjustment *adj,
                       TvLadderView  *self)
{
  if (self->pointer_inside)
    {
      int row = row_at (self, self->pointer_x, self->pointer_y);

      self->hover = row;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (TvLadderView   *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adj)
{
  if (*slot == adj)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_changed, self);
      g_clear_object (slot);
    }

  if (adj == NULL)
    adj = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adj);
  g_signal_connect (adj, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  configure_adjustments (self);
}

/* ---- public ------------------------------------------------------------------ */

GtkWidget *
tv_ladder_view_new (void)
{
  return g_object_new (TV_TYPE_LADDER_VIEW, NULL);
}

static void connection_changed (TvLadderView *self);

static void
apply_connection (TvLadderView *self,
                  TvTracker    *tracker,
                  TvConn       *conn)
{
  if (self->tracker == tracker && self->conn == conn && (conn == NULL || self->layout != NULL))
    {
      connection_changed (self);
      return;
    }

  self->tracker = tracker;
  self->conn = conn;
  g_clear_pointer (&self->layout, tv_ladder_layout_free);
  self->visible_rows = -1;
  self->progress_row = -1;

  if (self->vadjustment)
    gtk_adjustment_set_value (self->vadjustment, 0);
  if (self->hadjustment)
    gtk_adjustment_set_value (self->hadjustment, 0);

  self->selected = -1;

  rebuild_layout (self);
  update_accessible (self);
}

TvConn *
tv_ladder_view_get_connection (TvLadderView *self)
{
  g_return_val_if_fail (TV_IS_LADDER_VIEW (self), NULL);
  return self->conn;
}

static void
connection_changed (TvLadderView *self)
{
  gboolean follow;

  if (self->layout == NULL)
    {
      if (self->conn != NULL)
        rebuild_layout (self);
      return;
    }

  follow = at_end (self);
  if (!tv_ladder_layout_update (self->layout))
    return;

  /* numbers with more digits than the lifelines were set apart for (or
   * than a compact layout split its labels for) */
  {
    TvLadderOptions options;

    measure_options (self, &options);
    if (!tv_ladder_options_same_rows (&options, tv_ladder_layout_get_options (self->layout)))
      {
        rebuild_layout (self);
        return;
      }
  }

  configure_adjustments (self);
  if (follow)
    scroll_to_end (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
apply_spacing (TvLadderView    *self,
               TvLadderSpacing  spacing)
{
  if (self->spacing == spacing)
    return;

  self->spacing = spacing;
  rebuild_layout (self);
  if (self->selected >= 0)
    tv_ladder_view_scroll_to_segment (self, self->selected);
}

TvLadderSpacing
tv_ladder_view_get_spacing (TvLadderView *self)
{
  g_return_val_if_fail (TV_IS_LADDER_VIEW (self), TV_LADDER_SPACING_EVEN);
  return self->spacing;
}

static void
apply_absolute (TvLadderView *self,
                gboolean      absolute)
{
  absolute = !!absolute;
  if (self->absolute == absolute)
    return;

  self->absolute = absolute;
  rebuild_layout (self);
  update_accessible (self);
}

gboolean
tv_ladder_view_get_absolute (TvLadderView *self)
{
  g_return_val_if_fail (TV_IS_LADDER_VIEW (self), FALSE);
  return self->absolute;
}

static void
apply_playback (TvLadderView *self,
                int           visible_rows,
                int           progress_row,
                double        progress)
{
  if (self->visible_rows == visible_rows && self->progress_row == progress_row &&
      self->progress == CLAMP (progress, 0.0, 1.0))
    return;
  self->visible_rows = visible_rows;
  self->progress_row = progress_row;
  self->progress = CLAMP (progress, 0.0, 1.0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

TvLadderLayout *
tv_ladder_view_get_layout (TvLadderView *self)
{
  g_return_val_if_fail (TV_IS_LADDER_VIEW (self), NULL);
  return self->layout;
}

/* The visible part in the units of the layout on screen. */
static void
get_screen_range (TvLadderView *self,
                  double       *y_start,
                  double       *y_end)
{
  double h;

  h = gtk_widget_get_height (GTK_WIDGET (self));
  if (y_start)
    *y_start = (scroll_y (self) + header_height (self)) / self->zoom;
  if (y_end)
    *y_end = (scroll_y (self) + h) / self->zoom;
}

void
tv_ladder_view_get_visible_range (TvLadderView *self,
                                  double       *y_start,
                                  double       *y_end)
{
  TvLadderOptions options;
  TvLadderLayout *full;
  TvLadderRow a, b;
  double y1, y2;
  guint first, last;

  g_return_if_fail (TV_IS_LADDER_VIEW (self));

  get_screen_range (self, &y1, &y2);
  if (y_start)
    *y_start = y1;
  if (y_end)
    *y_end = y2;
  if (self->layout == NULL || !tv_ladder_layout_get_options (self->layout)->compact)
    return;

  /* the rows on screen, where the full layout (an export's) has them */
  if (!tv_ladder_layout_find_rows (self->layout, y1, y2, &first, &last))
    return;
  options = self->metrics;
  options.spacing = self->spacing;
  options.absolute = self->absolute;
  tv_ladder_painter_measure_for_conn (self->painter, &options, self->conn);
  full = tv_ladder_layout_new (self->tracker, self->conn, &options);
  last = MIN (last, tv_ladder_layout_get_n_rows (full) - 1);
  tv_ladder_layout_get_row (full, first, &a);
  tv_ladder_layout_get_row (full, last, &b);
  if (y_start)
    *y_start = a.top;
  if (y_end)
    *y_end = b.bottom;
  tv_ladder_layout_free (full);
}

gboolean
tv_ladder_view_get_compact (TvLadderView *self)
{
  g_return_val_if_fail (TV_IS_LADDER_VIEW (self), FALSE);
  return self->layout != NULL && tv_ladder_layout_get_options (self->layout)->compact;
}

/* ---- the state ---------------------------------------------------------------- */

static void
on_state_notify (TvLadderView *self,
                 GParamSpec   *pspec,
                 TvViewState  *state)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "connection"))
    apply_connection (self, tv_view_state_get_tracker (state), tv_view_state_get_conn (state));
  else if (g_str_equal (name, "selected-segment"))
    apply_selected_segment (self, tv_view_state_get_selected_segment (state));
  else if (g_str_equal (name, "absolute"))
    apply_absolute (self, tv_view_state_get_absolute (state));
  else if (g_str_equal (name, "spacing"))
    apply_spacing (self, tv_view_state_get_spacing (state));
  else if (g_str_equal (name, "visible-rows") || g_str_equal (name, "progress-row") ||
           g_str_equal (name, "progress"))
    {
      int visible, row;
      double progress;

      tv_view_state_get_playback (state, &visible, &row, &progress);
      apply_playback (self, visible, row, progress);
    }
}

void
tv_ladder_view_set_state (TvLadderView *self,
                          TvViewState  *state)
{
  g_autoptr(TvViewState) own = NULL;
  int visible, row;
  double progress;

  g_return_if_fail (TV_IS_LADDER_VIEW (self));
  g_return_if_fail (state == NULL || TV_IS_VIEW_STATE (state));

  if (state == NULL)
    state = own = tv_view_state_new ();
  if (self->state == state)
    return;
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  g_signal_connect_swapped (state, "notify", G_CALLBACK (on_state_notify), self);
  g_signal_connect_swapped (state, "segments-added", G_CALLBACK (connection_changed), self);

  apply_absolute (self, tv_view_state_get_absolute (state));
  apply_spacing (self, tv_view_state_get_spacing (state));
  apply_connection (self, tv_view_state_get_tracker (state), tv_view_state_get_conn (state));
  apply_selected_segment (self, tv_view_state_get_selected_segment (state));
  tv_view_state_get_playback (state, &visible, &row, &progress);
  apply_playback (self, visible, row, progress);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

TvViewState *
tv_ladder_view_get_state (TvLadderView *self)
{
  g_return_val_if_fail (TV_IS_LADDER_VIEW (self), NULL);
  return self->state;
}

/* ---- GObject ----------------------------------------------------------------- */

static void
tv_ladder_view_dispose (GObject *object)
{
  TvLadderView *self = TV_LADDER_VIEW (object);

  if (self->hadjustment)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_changed, self);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (tv_ladder_view_parent_class)->dispose (object);
}

static void
tv_ladder_view_finalize (GObject *object)
{
  TvLadderView *self = TV_LADDER_VIEW (object);

  g_clear_pointer (&self->layout, tv_ladder_layout_free);
  g_clear_pointer (&self->painter, tv_ladder_painter_free);

  G_OBJECT_CLASS (tv_ladder_view_parent_class)->finalize (object);
}

static void
tv_ladder_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TvLadderView *self = TV_LADDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_ladder_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TvLadderView *self = TV_LADDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      tv_ladder_view_set_state (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      tv_ladder_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      self->own_adjustments = FALSE;
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      self->own_adjustments = FALSE;
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tv_ladder_view_class_init (TvLadderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tv_ladder_view_dispose;
  object_class->finalize = tv_ladder_view_finalize;
  object_class->get_property = tv_ladder_view_get_property;
  object_class->set_property = tv_ladder_view_set_property;

  widget_class->snapshot = tv_ladder_view_snapshot;
  widget_class->measure = tv_ladder_view_measure;
  widget_class->size_allocate = tv_ladder_view_size_allocate;
  widget_class->query_tooltip = tv_ladder_view_query_tooltip;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, TV_TYPE_VIEW_STATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         TV_LADDER_VIEW_MIN_ZOOM, TV_LADDER_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_install_action (widget_class, "ladder.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "ladder.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "ladder.zoom-reset", NULL, zoom_action);

  gtk_widget_class_set_css_name (widget_class, "ladderview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tv_ladder_view_init (TvLadderView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->zoom = 1.0;
  self->selected = -1;
  self->hover = -1;
  self->visible_rows = -1;
  self->progress_row = -1;
  self->progress = 1.0;
  self->spacing = TV_LADDER_SPACING_EVEN;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  /* until a GtkScrolledWindow gives its own */
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  self->own_adjustments = TRUE;

  update_style (self);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (on_dark_changed), self,
                           G_CONNECT_SWAPPED);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* a state of its own until it is given one */
  tv_ladder_view_set_state (self, NULL);
  update_accessible (self);
}
