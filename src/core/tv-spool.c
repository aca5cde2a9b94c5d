/* tv-spool.c: finding, counting and discarding orphaned live capture spools. */
#define G_LOG_DOMAIN "tv-spool"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tv-spool.h"
#include "tv-core-error.h"

#define PCAP_HEADER_SIZE 24
#define PCAP_RECORD_HEADER_SIZE 16
/* Larger than any record libpcap writes (its largest snapshot length is
 * 256 KiB): a record header that claims more is damage, not a packet. */
#define MAX_RECORD_SIZE (16u * 1024 * 1024)

void
tv_spool_free (TvSpool *spool)
{
  if (spool == NULL)
    return;
  g_free (spool->path);
  g_free (spool->iface);
  g_clear_pointer (&spool->started, g_date_time_unref);
  g_free (spool);
}

TvSpool *
tv_spool_copy (const TvSpool *spool)
{
  TvSpool *copy;

  g_return_val_if_fail (spool != NULL, NULL);

  copy = g_memdup2 (spool, sizeof *spool);
  copy->path = g_strdup (spool->path);
  copy->iface = g_strdup (spool->iface);
  copy->started = spool->started != NULL ? g_date_time_ref (spool->started) : NULL;
  return copy;
}

char *
tv_spool_default_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "tcpviz", NULL);
}

/* ---- names ------------------------------------------------------------------- */

static gboolean
all_digits (const char *s,
            gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static int
digits_value (const char *s,
              gsize       len)
{
  int v = 0;

  for (gsize i = 0; i < len; i++)
    v = v * 10 + (s[i] - '0');
  return v;
}

gboolean
tv_spool_parse_name (const char  *basename,
                     char       **iface,
                     GDateTime  **started,
                     int         *pid)
{
  const char *body, *end, *dash;
  gsize prefix = strlen (TV_SPOOL_PREFIX), suffix = strlen (TV_SPOOL_SUFFIX);
  gsize len, pid_len, iface_len;
  gint64 pid_value = 0;
  GDateTime *time;

  g_return_val_if_fail (basename != NULL, FALSE);

  len = strlen (basename);
  if (len <= prefix + suffix || !g_str_has_prefix (basename, TV_SPOOL_PREFIX) ||
      !g_str_has_suffix (basename, TV_SPOOL_SUFFIX))
    return FALSE;
  body = basename + prefix;
  end = basename + len - suffix;

  /* from the right: "-PID", "-HHMMSS", "-YYYYmmdd", then the interface,
   * which may hold dashes itself ("br-1a2b") */
  dash = g_strrstr_len (body, end - body, "-");
  if (dash == NULL)
    return FALSE;
  pid_len = end - (dash + 1);
  if (!all_digits (dash + 1, pid_len) || pid_len > 9 || dash[1] == '0')
    return FALSE;
  for (gsize i = 0; i < pid_len; i++)
    pid_value = pid_value * 10 + (dash[1 + i] - '0');
  if (pid_value <= 0)
    return FALSE;

  /* "IFACE-YYYYmmdd-HHMMSS" ends at dash */
  if (dash - body < 1 + 1 + 8 + 1 + 6)
    return FALSE;
  {
    const char *hms = dash - 6;
    const char *ymd = dash - 6 - 1 - 8;

    if (!all_digits (hms, 6) || hms[-1] != '-' || !all_digits (ymd, 8) || ymd[-1] != '-')
      return FALSE;
    iface_len = (ymd - 1) - body;
    if (iface_len == 0)
      return FALSE;
    for (gsize i = 0; i < iface_len; i++)
      if (!g_ascii_isalnum (body[i]) && strchr ("-_.", body[i]) == NULL)
        return FALSE;

    {
      int year = digits_value (ymd, 4), month = digits_value (ymd + 4, 2), day = digits_value (ymd + 6, 2);
      int hour = digits_value (hms, 2), minute = digits_value (hms + 2, 2), second = digits_value (hms + 4, 2);

      if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 ||
          hour > 23 || minute > 59 || second > 59)
        return FALSE;
      time = g_date_time_new_local (year, month, day, hour, minute, second);
      if (time == NULL)
        return FALSE;
    }
  }

  if (iface != NULL)
    *iface = g_strndup (body, iface_len);
  if (started != NULL)
    *started = time;
  else
    g_date_time_unref (time);
  if (pid != NULL)
    *pid = (int) pid_value;
  return TRUE;
}

char *
tv_spool_suggest_name (const TvSpool *spool)
{
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (spool != NULL, NULL);

  if (spool->started != NULL)
    stamp = g_date_time_format (spool->started, "%Y%m%d-%H%M%S");
  if (spool->iface == NULL || stamp == NULL)
    return g_strdup ("capture.pcap");
  return g_strdup_printf (TV_SPOOL_PREFIX "%s-%s" TV_SPOOL_SUFFIX, spool->iface, stamp);
}

/* ---- processes ---------------------------------------------------------------- */

/* /proc/PID/comm without its newline, or NULL if it cannot be read. */
static char *
read_comm (int pid)
{
  g_autofree char *file = g_strdup_printf ("/proc/%d/comm", pid);
  char *contents = NULL;

  if (!g_file_get_contents (file, &contents, NULL, NULL))
    return NULL;
  g_strchomp (contents);
  return contents;
}

/* When @pid started, in seconds since 1970, or -1 if not known: its
 * starttime (clock ticks since boot, /proc/PID/stat field 22) after the
 * boot time (/proc/stat "btime"). */
static gint64
process_start_time (int pid)
{
  g_autofree char *file = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  g_autofree char *sys = NULL;
  g_auto(GStrv) fields = NULL;
  const char *p, *btime;
  guint64 ticks;
  long hz = sysconf (_SC_CLK_TCK);
  gint64 boot;

  if (hz <= 0 || !g_file_get_contents (file, &stat, NULL, NULL) ||
      !g_file_get_contents ("/proc/stat", &sys, NULL, NULL))
    return -1;
  /* "PID (COMM) STATE PPID …": COMM may hold spaces and parentheses;
   * field 3 (STATE) is the first after the last ')' */
  p = strrchr (stat, ')');
  if (p == NULL)
    return -1;
  fields = g_strsplit_set (g_strstrip ((char *) p + 1), " ", -1);
  if (g_strv_length (fields) < 22 - 2 || !g_ascii_isdigit (fields[22 - 3][0]))
    return -1;
  ticks = g_ascii_strtoull (fields[22 - 3], NULL, 10);

  btime = strstr (sys, "\nbtime ");
  if (btime == NULL)
    return -1;
  boot = g_ascii_strtoll (btime + 7, NULL, 10);
  if (boot <= 0)
    return -1;
  return boot + (gint64) (ticks / (guint64) hz);
}

static const char *
own_comm (void)
{
  static char *comm = NULL;

  if (g_once_init_enter (&comm))
    {
      char *c = read_comm (getpid ());
      g_once_init_leave (&comm, c != NULL ? c : g_strdup (""));
    }
  return comm;
}

gboolean
tv_spool_owner_running (int    pid,
                        gint64 modified)
{
  g_autofree char *comm = NULL;
  gint64 start;

  if (pid <= 0)
    return FALSE;
  if (pid != (int) getpid () && kill (pid, 0) != 0)
    {
      /* ESRCH: nobody has that PID.  EPERM: another user's process has
       * it; a TcpViz of another user cannot write this user's cache. */
      if (errno == ESRCH || errno == EPERM)
        return FALSE;
    }

  /* The process that wrote the spool had this PID and was running when
   * the spool was last written.  A process that has this PID now and
   * started before that has had it all along: it is the writer, whatever
   * its name (a test program, a renamed binary).  One that started after
   * it is not: the PID was reused (after a crash, or a reboot, which
   * hands the same PIDs out again).  Two seconds for the rounding of the
   * boot time and of the file's time.  This holds for this process too:
   * a spool that carries its PID but was last written before it started
   * is a dead TcpViz's, whose PID it was given after a reboot. */
  start = process_start_time (pid);
  if (start >= 0 && modified >= 0)
    return start <= modified + 2;
  if (pid == (int) getpid ())
    return TRUE;

  /* Without the start time, the name: a process that is not TcpViz does
   * not write spools.  Without either (no /proc), keep away from it. */
  comm = read_comm (pid);
  if (comm != NULL && !g_str_equal (comm, "tcpviz") && !g_str_equal (comm, own_comm ()))
    return FALSE;
  return TRUE;
}

/* ---- pcap -------------------------------------------------------------------- */

gboolean
tv_spool_count_packets (const char    *path,
                        guint64       *n_packets,
                        GCancellable  *cancellable,
                        GError       **error)
{
  guint8 header[PCAP_HEADER_SIZE];
  struct stat st;
  guint32 magic;
  gboolean swapped;
  guint64 offset, count = 0;
  ssize_t got;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (n_packets != NULL, FALSE);

  *n_packets = 0;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      if (fd >= 0)
        close (fd);
      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_OPEN,
                   _("The capture “%s” cannot be read: %s"), display, g_strerror (saved));
      return FALSE;
    }

  got = pread (fd, header, sizeof header, 0);
  if (got < (ssize_t) sizeof header)
    {
      /* killed before the file header was written: no packet */
      close (fd);
      if (got >= 4)
        {
          memcpy (&magic, header, 4);
          if (magic != 0xa1b2c3d4 && magic != 0xd4c3b2a1 && magic != 0xa1b23c4d && magic != 0x4d3cb2a1)
            goto not_pcap;
        }
      return TRUE;
    }

  memcpy (&magic, header, 4);
  if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d)
    swapped = FALSE;
  else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1)
    swapped = TRUE;
  else
    {
      close (fd);
      goto not_pcap;
    }

  offset = PCAP_HEADER_SIZE;
  while (offset + PCAP_RECORD_HEADER_SIZE <= (guint64) st.st_size)
    {
      guint8 rec[PCAP_RECORD_HEADER_SIZE];
      guint32 caplen;

      if ((count & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return FALSE;
        }
      if (pread (fd, rec, sizeof rec, (off_t) offset) != (ssize_t) sizeof rec)
        break;
      memcpy (&caplen, rec + 8, 4);
      if (swapped)
        caplen = GUINT32_SWAP_LE_BE (caplen);
      if (caplen > MAX_RECORD_SIZE)
        break;
      if (offset + PCAP_RECORD_HEADER_SIZE + caplen > (guint64) st.st_size)
        break;   /* the last record, cut short */
      offset += PCAP_RECORD_HEADER_SIZE + caplen;
      count++;
    }
  close (fd);
  *n_packets = count;
  return TRUE;

not_pcap:
  {
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_FORMAT,
                 _("“%s” is not a pcap capture"), display);
    return FALSE;
  }
}

/* ---- the folder ------------------------------------------------------------------ */

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const TvSpool *x = *(TvSpool * const *) a;
  const TvSpool *y = *(TvSpool * const *) b;
  int c = g_date_time_compare (y->started, x->started);

  return c != 0 ? c : g_strcmp0 (x->path, y->path);
}

GPtrArray *
tv_spool_list_orphans (const char    *dir,
                       guint         *n_removed,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GPtrArray) spools = g_ptr_array_new_with_free_func ((GDestroyNotify) tv_spool_free);
  g_autofree char *default_dir = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;
  guint removed = 0;

  if (n_removed != NULL)
    *n_removed = 0;
  if (dir == NULL)
    dir = default_dir = tv_spool_default_dir ();

  d = g_dir_open (dir, 0, &local_error);
  if (d == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
          g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
        return g_steal_pointer (&spools);
      {
        g_autofree char *display = g_filename_display_name (dir);
        g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_OPEN,
                     _("The folder “%s” cannot be read: %s"), display, local_error->message);
      }
      return NULL;
    }

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autoptr(TvSpool) spool = NULL;
      g_autoptr(GError) count_error = NULL;
      GStatBuf st;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      spool = g_new0 (TvSpool, 1);
      if (!tv_spool_parse_name (name, &spool->iface, &spool->started, &spool->pid))
        continue;
      spool->path = g_build_filename (dir, name, NULL);
      if (g_lstat (spool->path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != getuid ())
        continue;
      spool->size = st.st_size;
      spool->modified = st.st_mtime;

      if (tv_spool_owner_running (spool->pid, spool->modified))
        continue;

      if (!tv_spool_count_packets (spool->path, &spool->n_packets, cancellable, &count_error))
        {
          if (g_error_matches (count_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&count_error));
              return NULL;
            }
          g_debug ("%s: not a spool: %s", spool->path, count_error->message);
          continue;
        }
      if (spool->n_packets == 0)
        {
          /* a capture killed before its first packet: nothing to offer */
          if (g_unlink (spool->path) == 0)
            removed++;
          else
            g_debug ("%s cannot be removed: %s", spool->path, g_strerror (errno));
          continue;
        }
      g_ptr_array_add (spools, g_steal_pointer (&spool));
    }

  g_ptr_array_sort (spools, compare_newest_first);
  if (n_removed != NULL)
    *n_removed = removed;
  return g_steal_pointer (&spools);
}

gboolean
tv_spool_discard (const TvSpool  *spool,
                  GError        **error)
{
  g_return_val_if_fail (spool != NULL && spool->path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_unlink (spool->path) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (spool->path);

      g_set_error (error, TV_CORE_ERROR, TV_CORE_ERROR_WRITE,
                   _("The capture “%s” cannot be deleted: %s"), display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
