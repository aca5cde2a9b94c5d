/* tv-load.c: a whole capture into a tracker, on the calling thread. */
#define G_LOG_DOMAIN "tv-load"

#include "config.h"

#include "tv-core-error.h"
#include "tv-label.h"
#include "tv-load.h"
#include "tv-reader.h"

#include <pcap/pcap.h>
#include <glib/gi18n.h>

void
tv_load_stats_clear (TvLoadStats *stats)
{
  g_return_if_fail (stats != NULL);
  g_clear_pointer (&stats->warning, g_free);
  stats->frames = 0;
  stats->tcp_frames = 0;
}

gboolean
tv_load_record (TvTracker      *tracker,
                int             linktype,
                const TvRecord *record)
{
  TvFrame frame;
  char label[TV_LABEL_MAX];
  TvLabelKind kind = TV_LABEL_NONE;

  g_return_val_if_fail (tracker != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!tv_decode_frame (linktype, record->data, record->caplen, &frame))
    return FALSE;

  frame.frame = record->frame;
  frame.time_ns = record->time_ns;
  if (frame.payload_caplen > 0)
    kind = tv_label_from_payload (frame.payload, frame.payload_caplen, label);
  frame.payload = NULL;
  tv_tracker_add (tracker, &frame, kind, kind != TV_LABEL_NONE ? label : NULL, NULL);

  return TRUE;
}

gboolean
tv_load_file (const char    *path,
              TvTracker     *tracker,
              GCancellable  *cancellable,
              TvLoadStats   *stats,
              GError       **error)
{
  TvReader *reader;
  TvRecord record;
  TvReadStatus status;
  GError *local_error = NULL;
  int linktype;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (tracker != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  reader = tv_reader_open (path, error);
  if (reader == NULL)
    return FALSE;

  linktype = tv_reader_get_linktype (reader);
  if (!tv_decode_linktype_supported (linktype))
    {
      const char *name = pcap_datalink_val_to_name (linktype);
      stats->warning = g_strdup_printf (_("“%s” has link type %s (%d), which TcpViz does not "
                                          "decode: no TCP connections were read"),
                                        path, name ? name : "unknown", linktype);
    }

  while ((status = tv_reader_next (reader, &record, &local_error)) == TV_READ_OK)
    {
      stats->frames++;
      if (tv_load_record (tracker, linktype, &record))
        stats->tcp_frames++;

      if ((stats->frames & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_set_error_literal (error, TV_CORE_ERROR, TV_CORE_ERROR_CANCELLED,
                               _("Loading was cancelled"));
          tv_reader_free (reader);
          return FALSE;
        }
    }

  if (status == TV_READ_ERROR)
    {
      g_free (stats->warning);
      stats->warning = g_strdup (local_error->message);
      g_clear_error (&local_error);
    }

  tv_reader_free (reader);
  tv_tracker_finish (tracker);
  return TRUE;
}
