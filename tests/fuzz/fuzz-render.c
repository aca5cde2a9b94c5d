/* fuzz-render.c: libFuzzer target for what the diagram makes of a hostile
 * connection: the input is fuzz-decode's (a link type, then frames), the
 * frames go into a tracker, and the first connections are laid out as
 * ladders (even and time spacing) and explained segment by segment.  Pure
 * geometry and text: nothing is painted. */
#define G_LOG_DOMAIN "tv-fuzz-render"

#include "config.h"

#include <math.h>
#include <stdint.h>

#include "tv-fuzz-common.h"
#include "tv-explain.h"
#include "tv-ladder-layout.h"

/* connections laid out per input, rows looked at per layout */
#define MAX_CONNS 4
#define MAX_ROWS 256

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_text (const char *text)
{
  TV_FUZZ_CHECK (text != NULL);
  TV_FUZZ_CHECK (g_utf8_validate (text, -1, NULL));
}

/* @compact_width > 0: the compact layout for a view that wide, with metrics
 * like the ones tv_ladder_painter_measure_for_width() sets for 9-12 px text
 * (the painter itself is not used: nothing is drawn here), and the label
 * split and title lines taken from @variant. */
static void
check_layout (TvTracker       *tracker,
              TvConn          *conn,
              TvLadderSpacing  spacing,
              gboolean         absolute,
              double           compact_width,
              guint            variant)
{
  TvLadderOptions options;
  TvLadderLayout *layout;
  guint n_rows, n_phases, first, last;
  double height, prev_y = -G_MAXDOUBLE;
  char buf[64];

  tv_ladder_options_init (&options);
  options.spacing = spacing;
  options.absolute = absolute;
  if (compact_width > 0)
    {
      options.compact = TRUE;
      options.width = compact_width;
      options.label_split = variant % 4;
      for (guint k = 0; k < G_N_ELEMENTS (options.title_lines); k++)
        options.title_lines[k] = 1 + (variant >> (k + 2)) % 2;
      options.margin = 5;
      options.state_gap = 5;
      options.state_width = 84;
      options.state_height = 17;
      options.time_height = 12;
      options.line_height = 16;
      options.label_gap = 3;
      options.arrow_drop = 15;
      options.row_gap = 8;
      options.header_height = 40;
      options.title_line_height = 15;
    }
  layout = tv_ladder_layout_new (tracker, conn, &options);
  n_rows = tv_ladder_layout_get_n_rows (layout);
  height = tv_ladder_layout_get_height (layout);
  TV_FUZZ_CHECK (n_rows == conn->n_segs);
  TV_FUZZ_CHECK (isfinite (height) && height >= 0);
  TV_FUZZ_CHECK (isfinite (tv_ladder_layout_get_width (layout)));

  for (guint i = 0; i < n_rows; i++)
    {
      double y = tv_ladder_layout_get_row_y (layout, i);

      TV_FUZZ_CHECK (isfinite (y));
      TV_FUZZ_CHECK (y >= prev_y);   /* rows go down */
      prev_y = y;
    }

  for (guint i = 0; i < MIN (n_rows, MAX_ROWS); i++)
    {
      TvLadderRow row;
      TvLadderLabel label;

      tv_ladder_layout_get_row (layout, i, &row);
      TV_FUZZ_CHECK (row.index == i);
      TV_FUZZ_CHECK (row.seg == &conn->segs[i]);
      TV_FUZZ_CHECK (row.kind < TV_LADDER_N_KINDS);
      TV_FUZZ_CHECK (isfinite (row.x1) && isfinite (row.y1) && isfinite (row.x2) && isfinite (row.y2));
      TV_FUZZ_CHECK (isfinite (row.top) && isfinite (row.bottom) && row.top <= row.bottom);
      TV_FUZZ_CHECK (isfinite (row.time_x1) && isfinite (row.time_x2) && isfinite (row.time_bottom));
      TV_FUZZ_CHECK (row.n_lines >= 1 && row.n_number_lines >= 1 && row.n_number_lines <= row.n_lines);
      TV_FUZZ_CHECK (row.client_state <= TV_TCP_STATE_TIME_WAIT && row.server_state <= TV_TCP_STATE_TIME_WAIT);
      tv_ladder_layout_get_label (layout, i, &label);
      TV_FUZZ_CHECK (strnlen (label.text, sizeof label.text) < sizeof label.text);
      check_text (label.text);
      if (label.app != NULL)
        check_text (label.app);
      (void) tv_ladder_layout_row_at (layout, (row.x1 + row.x2) / 2, (row.y1 + row.y2) / 2);
      check_text (tv_ladder_format_time (tv_ladder_layout_get_row_time (layout, i), buf, sizeof buf));
      (void) tv_ladder_layout_time_to_y (layout, tv_ladder_layout_get_row_time (layout, i));
    }

  if (tv_ladder_layout_find_rows (layout, 0, height, &first, &last))
    TV_FUZZ_CHECK (first <= last && last < n_rows);
  (void) tv_ladder_layout_row_at (layout, -1, -1);
  (void) tv_ladder_layout_row_at (layout, 1e9, 1e9);

  n_phases = tv_ladder_layout_get_n_phases (layout);
  for (guint i = 0; i < n_phases; i++)
    {
      TvLadderPhase phase;
      char *title;

      tv_ladder_layout_get_phase (layout, i, &phase);
      TV_FUZZ_CHECK (phase.first_row <= phase.last_row && phase.last_row < n_rows);
      title = tv_ladder_phase_dup_title (&phase);
      check_text (title);
      g_free (title);
    }

  if (spacing == TV_LADDER_SPACING_TIME && n_rows > 0)
    {
      gint64 step = tv_ladder_layout_get_tick_step (layout, 40);
      TV_FUZZ_CHECK (step > 0);
      check_text (tv_ladder_format_tick (tv_ladder_layout_get_row_time (layout, n_rows - 1), step,
                                         buf, sizeof buf));
    }

  tv_ladder_layout_free (layout);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  TvTracker *tracker = tv_fuzz_frames_to_tracker (data, size);
  guint n;

  if (tracker == NULL)
    return 0;
  tv_tracker_finish (tracker);

  n = MIN (tv_tracker_get_n_conns (tracker), MAX_CONNS);
  for (guint c = 0; c < n; c++)
    {
      TvConn *conn = tv_tracker_get_conn (tracker, c);

      check_layout (tracker, conn, TV_LADDER_SPACING_EVEN, FALSE, 0, 0);
      check_layout (tracker, conn, TV_LADDER_SPACING_TIME, TRUE, 0, 0);
      /* the compact layout of a narrow view (a phone), as the view makes it */
      check_layout (tracker, conn, TV_LADDER_SPACING_EVEN, c % 2, 360, conn->n_segs + c);
      check_layout (tracker, conn, TV_LADDER_SPACING_TIME, FALSE, 480, (guint) size);

      for (guint i = 0; i < MIN (conn->n_segs, MAX_ROWS); i++)
        {
          char *text;

          TV_FUZZ_CHECK (tv_explain_classify (tracker, conn, i) < TV_EXPLAIN_N_KINDS);
          text = tv_explain_segment (tracker, conn, i, i % 2);
          check_text (text);
          g_free (text);
          text = tv_explain_title (tracker, conn, i);
          check_text (text);
          g_free (text);
        }
      TV_FUZZ_CHECK (tv_explain_segment (tracker, conn, conn->n_segs, FALSE) == NULL);
    }

  tv_tracker_free (tracker);
  return 0;
}
