/* tv-writer.c: saving frames of a capture as pcap, atomically. */
#define G_LOG_DOMAIN "tv-writer"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

#include "tv-writer.h"
#include "tv-core-error.h"
#include "tv-reader.h"

static int
compare_u32 (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

guint32 *
tv_writer_conn_frames (const TvConn *conn,
                       gsize        *n_frames)
{
  guint32 *frames;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (n_frames != NULL, NULL);

  frames = g_new (guint32, MAX (conn->n_segs, 1));
  for (guint32 i = 0; i < conn->n_segs; i++)
    frames[i] = conn->segs[i].frame;
  qsort (frames, conn->n_segs, sizeof (guint32), compare_u32);
  *n_frames = conn->n_segs;
  return frames;
}

static void
set_write_error (GError    **error,
                 const char *dest_path,
                 int         saved_errno)
{
  g_autofree char *display = g_filename_display_name (dest_path);

  g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
}

/* TRUE if @path is a classic pcap file with microsecond time stamps: the
 * copy keeps that resolution.  Everything else (nanosecond pcap, pcapng,
 * whose resolution is per interface) is written with nanoseconds, which
 * loses nothing. */
static gboolean
source_is_microsecond_pcap (const char *path)
{
  guint8 magic[4] = { 0 };
  FILE *f = g_fopen (path, "rb");
  gboolean micro = FALSE;

  if (f == NULL)
    return FALSE;
  if (fread (magic, 1, 4, f) == 4)
    micro = (magic[0] == 0xd4 && magic[1] == 0xc3 && magic[2] == 0xb2 && magic[3] == 0xa1) ||
            (magic[0] == 0xa1 && magic[1] == 0xb2 && magic[2] == 0xc3 && magic[3] == 0xd4);
  fclose (f);
  return micro;
}

gboolean
tv_writer_save_frames (const char     *source_path,
                       const char     *dest_path,
                       const guint32  *frames,
                       gsize           n_frames,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autofree guint32 *wanted = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) read_error = NULL;
  TvReader *reader = NULL;
  pcap_t *dead = NULL;
  pcap_dumper_t *dumper = NULL;
  FILE *fp = NULL;
  gboolean ok = FALSE;
  gsize n_wanted = 0, next = 0;
  gboolean nano;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (source_path != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (frames != NULL || n_frames == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_strcmp0 (source_path, "-") == 0)
    {
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_READ,
                   _("A capture read from standard input cannot be read again to save it"));
      return FALSE;
    }

  if (frames != NULL)
    {
      /* sorted, without duplicates */
      wanted = g_memdup2 (frames, n_frames * sizeof (guint32));
      qsort (wanted, n_frames, sizeof (guint32), compare_u32);
      for (gsize i = 0; i < n_frames; i++)
        if (n_wanted == 0 || wanted[n_wanted - 1] != wanted[i])
          wanted[n_wanted++] = wanted[i];
    }

  reader = tv_reader_open (source_path, error);
  if (reader == NULL)
    return FALSE;

  nano = !source_is_microsecond_pcap (source_path);
  /* DLT 14 is BSD/OS's raw IP, which libpcap reads but will not write
   * ("isn't supported in savefiles"): the same frames as LINKTYPE_RAW. */
  dead = pcap_open_dead_with_tstamp_precision (tv_reader_get_linktype (reader) == 14
                                               ? DLT_RAW : tv_reader_get_linktype (reader),
                                               MAX (tv_reader_get_snaplen (reader), 1),
                                               nano ? PCAP_TSTAMP_PRECISION_NANO
                                                    : PCAP_TSTAMP_PRECISION_MICRO);
  if (dead == NULL)
    {
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
                   _("Could not prepare a capture file for link type %d"),
                   tv_reader_get_linktype (reader));
      goto out;
    }

  /* A temporary file in the target's folder, so that rename() is atomic. */
  dir = g_path_get_dirname (dest_path);
  base = g_path_get_basename (dest_path);
  tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0644);
  if (fd < 0)
    {
      set_write_error (error, dest_path, errno);
      g_clear_pointer (&tmp_path, g_free);
      goto out;
    }
  /* Keep the permissions of the file being replaced, or the usual ones. */
  if (g_stat (dest_path, &st) == 0)
    (void) fchmod (fd, st.st_mode & 07777);
  else
    (void) fchmod (fd, 0644);

  fp = fdopen (fd, "wb");
  if (fp == NULL)
    {
      set_write_error (error, dest_path, errno);
      close (fd);
      goto out;
    }
  dumper = pcap_dump_fopen (dead, fp);
  if (dumper == NULL)
    {
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
                   _("Could not write “%s”: %s"), dest_path, pcap_geterr (dead));
      fclose (fp);
      goto out;
    }
  fp = NULL;   /* the dumper owns it */

  for (;;)
    {
      TvRecord record;
      TvReadStatus status;
      struct pcap_pkthdr hdr;
      gint64 sub;

      if (wanted != NULL && next >= n_wanted)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      status = tv_reader_next (reader, &record, &read_error);
      if (status == TV_READ_EOF)
        break;
      if (status == TV_READ_ERROR)
        {
          /* Saving everything: keep what could be read, as the window did.
           * Saving chosen frames: only an error if one of them is missing,
           * which is checked below. */
          g_clear_error (&read_error);
          break;
        }

      if (wanted != NULL)
        {
          if (record.frame < wanted[next])
            continue;
          while (next < n_wanted && wanted[next] <= record.frame)
            next++;
        }

      hdr.ts.tv_sec = record.time_ns / G_GINT64_CONSTANT (1000000000);
      sub = record.time_ns % G_GINT64_CONSTANT (1000000000);
      if (sub < 0)
        {
          sub += G_GINT64_CONSTANT (1000000000);
          hdr.ts.tv_sec -= 1;
        }
      hdr.ts.tv_usec = nano ? sub : sub / 1000;
      hdr.caplen = record.caplen;
      hdr.len = record.wirelen;
      pcap_dump ((u_char *) dumper, &hdr, record.data);
    }

  if (wanted != NULL && next < n_wanted)
    {
      g_autofree char *display = g_filename_display_name (source_path);
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_READ,
                   _("Frame %u is missing from “%s”: the file has changed since it was opened"),
                   wanted[next], display);
      goto out;
    }

  fp = pcap_dump_file (dumper);
  if (pcap_dump_flush (dumper) != 0 || ferror (fp) || fsync (fileno (fp)) != 0)
    {
      set_write_error (error, dest_path, errno ? errno : EIO);
      fp = NULL;
      goto out;
    }
  fp = NULL;
  pcap_dump_close (dumper);   /* closes the FILE */
  dumper = NULL;

  if (g_rename (tmp_path, dest_path) != 0)
    {
      set_write_error (error, dest_path, errno);
      goto out;
    }
  g_clear_pointer (&tmp_path, g_free);
  ok = TRUE;

out:
  if (dumper != NULL)
    pcap_dump_close (dumper);
  if (tmp_path != NULL)
    g_unlink (tmp_path);
  if (dead != NULL)
    pcap_close (dead);
  if (reader != NULL)
    tv_reader_free (reader);
  return ok;
}
