/* test-tcp.c: names of TCP states, analysis marks and flag combinations. */
#define G_LOG_DOMAIN "test-tcp"

#include "config.h"

#include <string.h>

#include "tv-tcp.h"

static void
test_state_names (void)
{
  static const struct {
    TvTcpState state;
    const char *name;
  } cases[] = {
    { TV_TCP_STATE_UNKNOWN, "-" },
    { TV_TCP_STATE_CLOSED, "CLOSED" },
    { TV_TCP_STATE_LISTEN, "LISTEN" },
    { TV_TCP_STATE_SYN_SENT, "SYN_SENT" },
    { TV_TCP_STATE_SYN_RECEIVED, "SYN_RECEIVED" },
    { TV_TCP_STATE_ESTABLISHED, "ESTABLISHED" },
    { TV_TCP_STATE_FIN_WAIT_1, "FIN_WAIT_1" },
    { TV_TCP_STATE_FIN_WAIT_2, "FIN_WAIT_2" },
    { TV_TCP_STATE_CLOSE_WAIT, "CLOSE_WAIT" },
    { TV_TCP_STATE_CLOSING, "CLOSING" },
    { TV_TCP_STATE_LAST_ACK, "LAST_ACK" },
    { TV_TCP_STATE_TIME_WAIT, "TIME_WAIT" },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (cases) == TV_TCP_N_STATES);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (tv_tcp_state_name (cases[i].state), ==, cases[i].name);
}

static void
test_state_invalid (void)
{
  if (g_test_subprocess ())
    {
      g_assert_cmpstr (tv_tcp_state_name (TV_TCP_N_STATES), ==, "-");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*");
}

static void
test_analysis_names (void)
{
  static const char * const names[TV_N_ANALYSIS] = {
    "retransmission", "spurious_retransmission", "out_of_order", "duplicate_ack",
    "zero_window", "window_full", "keep_alive", "previous_segment_not_captured",
    "ack_of_unseen_segment", "reset", "fast_retransmission", "window_update",
    "zero_window_probe",
  };

  g_assert_cmpstr (tv_analysis_name (TV_ANALYSIS_RETRANSMISSION), ==, "retransmission");
  g_assert_cmpstr (tv_analysis_name (TV_ANALYSIS_DUPLICATE_ACK), ==, "duplicate_ack");
  g_assert_cmpstr (tv_analysis_name (TV_ANALYSIS_PREVIOUS_NOT_CAPTURED), ==,
                   "previous_segment_not_captured");
  g_assert_cmpstr (tv_analysis_name (TV_ANALYSIS_ACKED_UNSEEN), ==, "ack_of_unseen_segment");
  g_assert_cmpstr (tv_analysis_name (TV_ANALYSIS_ZERO_WINDOW_PROBE), ==, "zero_window_probe");

  for (guint bit = 0; bit < TV_N_ANALYSIS; bit++)
    {
      const char *label = tv_analysis_label (1u << bit);

      g_assert_cmpstr (tv_analysis_name (1u << bit), ==, names[bit]);
      g_assert_nonnull (label);
      g_assert_cmpuint (strlen (label), >, 0);
      g_assert_true (g_utf8_validate (label, -1, NULL));
      /* machine names are distinct */
      for (guint other = 0; other < bit; other++)
        g_assert_cmpstr (tv_analysis_name (1u << other), !=, tv_analysis_name (1u << bit));
    }
}

static void
test_analysis_labels (void)
{
  /* in the C locale, the English text */
  g_assert_cmpstr (tv_analysis_label (TV_ANALYSIS_RETRANSMISSION), ==, "Retransmission");
  g_assert_cmpstr (tv_analysis_label (TV_ANALYSIS_DUPLICATE_ACK), ==, "Dup ACK");
  g_assert_cmpstr (tv_analysis_label (TV_ANALYSIS_ZERO_WINDOW), ==, "Zero window");
  g_assert_cmpstr (tv_analysis_label (TV_ANALYSIS_OUT_OF_ORDER), ==, "Out of order");
  g_assert_cmpstr (tv_analysis_label (TV_ANALYSIS_KEEP_ALIVE), ==, "Keep-alive");
  g_assert_cmpstr (tv_analysis_label (TV_ANALYSIS_RESET), ==, "Reset");
}

static void
test_analysis_invalid (void)
{
  if (g_test_subprocess ())
    {
      /* two bits at once, no bit, a bit past the last */
      g_assert_cmpstr (tv_analysis_name (TV_ANALYSIS_RESET | TV_ANALYSIS_RETRANSMISSION), ==,
                       "unknown");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*");
}

static const char *
flags_string (guint flags)
{
  static char buf[64];

  return tv_tcp_flags_to_string (flags, buf, sizeof buf);
}

static void
test_flags (void)
{
  g_assert_cmpstr (flags_string (TV_TCP_SYN), ==, "SYN");
  g_assert_cmpstr (flags_string (TV_TCP_SYN | TV_TCP_ACK), ==, "SYN-ACK");
  g_assert_cmpstr (flags_string (TV_TCP_ACK), ==, "ACK");
  g_assert_cmpstr (flags_string (TV_TCP_PSH | TV_TCP_ACK), ==, "PSH-ACK");
  g_assert_cmpstr (flags_string (TV_TCP_FIN | TV_TCP_ACK), ==, "FIN-ACK");
  g_assert_cmpstr (flags_string (TV_TCP_RST), ==, "RST");
  g_assert_cmpstr (flags_string (TV_TCP_RST | TV_TCP_ACK), ==, "RST-ACK");
  g_assert_cmpstr (flags_string (TV_TCP_FIN | TV_TCP_PSH | TV_TCP_ACK), ==, "FIN-PSH-ACK");
  g_assert_cmpstr (flags_string (TV_TCP_FIN), ==, "FIN");
  g_assert_cmpstr (flags_string (0), ==, "(none)");

  /* ECN and the rarer bits come after */
  g_assert_cmpstr (flags_string (TV_TCP_SYN | TV_TCP_ECE | TV_TCP_CWR), ==, "SYN-ECE-CWR");
  g_assert_cmpstr (flags_string (TV_TCP_SYN | TV_TCP_ACK | TV_TCP_ECE), ==, "SYN-ACK-ECE");
  g_assert_cmpstr (flags_string (TV_TCP_SYN | TV_TCP_ECE | TV_TCP_CWR | TV_TCP_AE), ==,
                   "SYN-ECE-CWR-AE");
  g_assert_cmpstr (flags_string (TV_TCP_PSH | TV_TCP_ACK | TV_TCP_URG), ==, "PSH-ACK-URG");
  g_assert_cmpstr (flags_string (TV_TCP_AE), ==, "AE");
  g_assert_cmpstr (flags_string (0x1ff), ==, "SYN-FIN-RST-PSH-ACK-URG-ECE-CWR-AE");
  /* bits above the nine are not flags */
  g_assert_cmpstr (flags_string (0xe00), ==, "(none)");
  g_assert_cmpstr (flags_string (0xe00 | TV_TCP_ACK), ==, "ACK");
}

static void
test_flags_small_buffer (void)
{
  char buf[8];

  /* whole names only, always terminated */
  memset (buf, 'x', sizeof buf);
  g_assert_cmpstr (tv_tcp_flags_to_string (TV_TCP_SYN | TV_TCP_ACK, buf, 8), ==, "SYN-ACK");
  g_assert_cmpstr (tv_tcp_flags_to_string (TV_TCP_SYN | TV_TCP_ACK, buf, 7), ==, "SYN");
  g_assert_cmpstr (tv_tcp_flags_to_string (TV_TCP_SYN | TV_TCP_ACK, buf, 4), ==, "SYN");
  g_assert_cmpstr (tv_tcp_flags_to_string (TV_TCP_SYN, buf, 3), ==, "");
  g_assert_cmpstr (tv_tcp_flags_to_string (TV_TCP_SYN, buf, 1), ==, "");
  g_assert_cmpstr (tv_tcp_flags_to_string (0, buf, 4), ==, "(no");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/tcp/state-names", test_state_names);
  g_test_add_func ("/core/tcp/state-invalid", test_state_invalid);
  g_test_add_func ("/core/tcp/analysis-names", test_analysis_names);
  g_test_add_func ("/core/tcp/analysis-labels", test_analysis_labels);
  g_test_add_func ("/core/tcp/analysis-invalid", test_analysis_invalid);
  g_test_add_func ("/core/tcp/flags", test_flags);
  g_test_add_func ("/core/tcp/flags-small-buffer", test_flags_small_buffer);

  return g_test_run ();
}
