/* tv-flow-compare.c: the phases of two connections, compared.
 *
 * Copyright 2026 The TcpViz authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "tv-flow-compare"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tv-flow-compare.h"
#include "tv-format.h"

/* Differences smaller than this, or than a tenth of the longer time, are
 * "about the same": the jitter of one capture. */
#define SAME_NS 100000

void
tv_flow_phase_times (const TvConn     *conn,
                     TvFlowPhaseTimes *out)
{
  g_autoptr(GArray) phases = NULL;
  gint64 start;

  g_return_if_fail (conn != NULL && out != NULL);

  memset (out, 0, sizeof *out);
  if (conn->n_segs == 0)
    return;

  phases = tv_flow_conn_phases (conn);
  for (guint i = 0; i < phases->len; i++)
    {
      const TvFlowPhase *p = &g_array_index (phases, TvFlowPhase, i);

      out->ns[p->kind] += p->duration_ns;
      out->count[p->kind]++;
    }
  start = conn->syn_ns != 0 ? conn->syn_ns : conn->segs[0].time_ns;
  out->total_ns = MAX (0, conn->segs[conn->n_segs - 1].time_ns - start);
}

static void
get (const TvFlowPhaseTimes *t,
     TvFlowPhaseKind         kind,
     gint64                 *ns,
     gboolean               *present)
{
  if (kind == TV_FLOW_N_PHASES)
    {
      *ns = t->total_ns;
      *present = TRUE;
    }
  else
    {
      *ns = t->ns[kind];
      *present = t->count[kind] > 0;
    }
}

static gboolean
about_the_same (gint64 a,
                gint64 b)
{
  gint64 d = ABS (b - a);

  return d < SAME_NS || d * 10 <= MAX (a, b);
}

char *
tv_flow_compare_phrase (const TvFlowPhaseTimes *a,
                        const TvFlowPhaseTimes *b,
                        TvFlowPhaseKind         kind)
{
  gint64 ta, tb;
  gboolean pa, pb;
  g_autofree char *d = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  get (a, kind, &ta, &pa);
  get (b, kind, &tb, &pb);
  if (!pa && !pb)
    return g_strdup (_("in neither"));
  if (!pa)
    return g_strdup (_("only in B"));
  if (!pb)
    return g_strdup (_("only in A"));
  if (about_the_same (ta, tb))
    return g_strdup (_("about the same"));

  d = tv_format_duration (ABS (tb - ta));
  if (tb > ta)
    {
      if (ta > 0 && tb >= 2 * ta)
        {
          g_autofree char *ratio = g_strdup_printf (tb >= 10 * ta ? "%.0f" : "%.1f", (double) tb / ta);

          /* TRANSLATORS: B took "40.1 ms" longer than A, "81" times as long */
          return g_strdup_printf (_("B took %s longer (%s×)"), d, ratio);
        }
      return g_strdup_printf (_("B took %s longer"), d);
    }
  return g_strdup_printf (_("B took %s less"), d);
}

static const char *
phase_in_sentence (TvFlowPhaseKind kind)
{
  switch (kind)
    {
    case TV_FLOW_PHASE_HANDSHAKE:
      return _("Most of the difference is in the handshake: %s.");
    case TV_FLOW_PHASE_REQUEST:
      return _("Most of the difference is in waiting for the answer to the request: %s.");
    case TV_FLOW_PHASE_RESPONSE:
      return _("Most of the difference is in the response: %s.");
    case TV_FLOW_PHASE_CLOSE:
      return _("Most of the difference is in the close: %s.");
    case TV_FLOW_PHASE_RESET:
    case TV_FLOW_N_PHASES:
    default:
      return _("Most of the difference is in the reset: %s.");
    }
}

char *
tv_flow_compare_summary (const TvFlowPhaseTimes *a,
                         const TvFlowPhaseTimes *b)
{
  g_autofree char *d = NULL, *da = NULL, *db = NULL;
  GString *s;
  gint64 diff;
  int most = -1;
  gint64 most_ns = 0;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  diff = b->total_ns - a->total_ns;
  d = tv_format_duration (ABS (diff));
  da = tv_format_duration (a->total_ns);
  db = tv_format_duration (b->total_ns);
  s = g_string_new (NULL);

  if (about_the_same (a->total_ns, b->total_ns))
    {
      g_string_printf (s, _("In all, A and B took about as long (%s and %s)."), da, db);
      return g_string_free (s, FALSE);
    }
  if (diff > 0)
    g_string_printf (s, _("In all, B took %s longer than A (%s against %s)."), d, db, da);
  else
    g_string_printf (s, _("In all, B took %s less than A (%s against %s)."), d, db, da);

  /* the phase whose difference goes the same way and is the largest */
  for (TvFlowPhaseKind k = 0; k < TV_FLOW_N_PHASES; k++)
    {
      gint64 dk = b->ns[k] - a->ns[k];

      if ((diff > 0) == (dk > 0) && ABS (dk) > most_ns)
        {
          most = k;
          most_ns = ABS (dk);
        }
    }
  if (most >= 0 && most_ns * 2 >= ABS (diff))
    {
      g_autofree char *dm = tv_format_duration (most_ns);

      g_string_append_c (s, ' ');
      g_string_append_printf (s, phase_in_sentence (most), dm);
    }

  /* a handshake is one round trip: a slower path slows every phase that
   * waits for an answer */
  if (a->count[TV_FLOW_PHASE_HANDSHAKE] > 0 && b->count[TV_FLOW_PHASE_HANDSHAKE] > 0 &&
      !about_the_same (a->ns[TV_FLOW_PHASE_HANDSHAKE], b->ns[TV_FLOW_PHASE_HANDSHAKE]))
    {
      gint64 dh = b->ns[TV_FLOW_PHASE_HANDSHAKE] - a->ns[TV_FLOW_PHASE_HANDSHAKE];
      g_autofree char *dd = tv_format_duration (ABS (dh));

      g_string_append_c (s, ' ');
      g_string_append_printf (s, dh > 0 ? _("B’s round trip, as its handshake shows, was %s longer: "
                                             "each phase that waits for an answer waits about that much longer.")
                                        : _("B’s round trip, as its handshake shows, was %s shorter: "
                                             "each phase that waits for an answer waits about that much less."),
                              dd);
    }

  return g_string_free (s, FALSE);
}
