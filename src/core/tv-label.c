/* tv-label.c: a short label for what a segment's payload carries.
 *
 * This runs on every data segment of a capture, so the common case (a
 * payload that is neither HTTP nor TLS) is decided by its first byte. */
#define G_LOG_DOMAIN "tv-label"

#include "config.h"

#include <string.h>

#include "tv-label.h"

/* a request line longer than this is not looked at past it */
#define HTTP_LINE_SCAN 8192

/* the largest TLSCiphertext.length (RFC 8446, 5.2) */
#define TLS_MAX_RECORD (16384 + 2048)

/* ---- text ---- */

/* Length of the valid UTF-8 sequence at @p (@size bytes there), or 0 when
 * it is not one (overlong forms, surrogates and code points above U+10FFFF
 * are not valid).  C0 controls and DEL count as not valid either: a label
 * holds one line of printable text. */
static guint
utf8_sequence_length (const guint8 *p,
                      gsize         size)
{
  guint8 c = p[0];

  g_assert (size > 0);

  if (c < 0x80)
    return (c >= 0x20 && c != 0x7f) ? 1 : 0;
  if (c >= 0xc2 && c <= 0xdf)
    return (size >= 2 && (p[1] & 0xc0) == 0x80) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef)
    {
      if (size < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
        return 0;
      if (c == 0xe0 && p[1] < 0xa0)
        return 0;                     /* overlong */
      if (c == 0xed && p[1] >= 0xa0)
        return 0;                     /* surrogate */
      return 3;
    }
  if (c >= 0xf0 && c <= 0xf4)
    {
      if (size < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 ||
          (p[3] & 0xc0) != 0x80)
        return 0;
      if (c == 0xf0 && p[1] < 0x90)
        return 0;                     /* overlong */
      if (c == 0xf4 && p[1] >= 0x90)
        return 0;                     /* above U+10FFFF */
      return 4;
    }
  return 0;
}

/* Copies @len bytes of @text into @out as valid UTF-8, replacing what is
 * not with U+FFFD, and stops where the next character would not fit in
 * TV_LABEL_MAX - 1 bytes. */
static void
copy_text (char         *out,
           const guint8 *text,
           gsize         len)
{
  static const char replacement[] = "\xef\xbf\xbd";
  gsize i = 0;
  gsize o = 0;

  g_assert (out != NULL);
  g_assert (text != NULL || len == 0);

  while (i < len)
    {
      guint n;

      /* a run of printable ASCII (every HTTP line, in practice) at once */
      if (text[i] >= 0x20 && text[i] < 0x7f)
        {
          gsize run = 1;
          while (i + run < len && text[i + run] >= 0x20 && text[i + run] < 0x7f)
            run++;
          if (run > TV_LABEL_MAX - 1 - o)
            run = TV_LABEL_MAX - 1 - o;
          if (run == 0)
            break;
          memcpy (out + o, text + i, run);
          o += run;
          i += run;
          continue;
        }

      n = utf8_sequence_length (text + i, len - i);

      if (n == 0)
        {
          if (o + 3 > TV_LABEL_MAX - 1)
            break;
          memcpy (out + o, replacement, 3);
          o += 3;
          i++;
          continue;
        }
      if (o + n > TV_LABEL_MAX - 1)
        break;
      memcpy (out + o, text + i, n);
      o += n;
      i += n;
    }

  out[o] = '\0';
}

/* ---- HTTP ---- */

/* Length of the first line of @p: up to CR, LF or the end of what was
 * looked at. */
static gsize
line_length (const guint8 *p,
             gsize         size)
{
  gsize n = MIN (size, HTTP_LINE_SCAN);

  g_assert (p != NULL);

  for (gsize i = 0; i < n; i++)
    if (p[i] == '\r' || p[i] == '\n')
      return i;
  return n;
}

static gboolean
is_digit (guint8 c)
{
  return c >= '0' && c <= '9';
}

static const char *
http_method (const guint8 *p,
             gsize         size)
{
  static const char * const methods[] = {
    "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE",
  };

  g_assert (p != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      gsize n = strlen (methods[i]);

      if (size > n && p[n] == ' ' && memcmp (p, methods[i], n) == 0)
        return methods[i];
    }
  return NULL;
}

/* "METHOD SP target SP HTTP/1.x", the line ending at @len.  A line that the
 * captured bytes cut short (no CR or LF seen) may end anywhere after the
 * method and its space, as long as what is there fits the pattern. */
static gboolean
is_request_line (const guint8 *p,
                 gsize         len,
                 gboolean      complete)
{
  const char *method = http_method (p, len);
  gsize i;
  gsize target;

  g_assert (p != NULL);

  if (method == NULL)
    return FALSE;
  i = strlen (method) + 1;
  target = i;
  while (i < len && p[i] > ' ' && p[i] != 0x7f)
    i++;

  if (i == target)
    return FALSE;                     /* no target */
  if (i == len)
    return !complete;                 /* cut inside the target */

  /* " HTTP/1.x", all of it, or as much as the capture holds */
  if (len - i > 9 || memcmp (p + i, " HTTP/1.", MIN (len - i, 8)) != 0)
    return FALSE;
  if (len - i == 9)
    return is_digit (p[i + 8]);
  return !complete;
}

/* "HTTP/1.x SP ddd" then the end of the line or SP and a reason phrase.  A
 * line that the captured bytes cut short (no CR or LF seen) may end anywhere
 * after "HTTP/1.x", as long as what is there fits the pattern. */
static gboolean
is_status_line (const guint8 *p,
                gsize         len,
                gboolean      complete)
{
  g_assert (p != NULL);

  if (!complete && len >= 8 && len < 13)
    {
      if (memcmp (p, "HTTP/1.", 7) != 0 || !is_digit (p[7]) || (len > 8 && p[8] != ' '))
        return FALSE;
      for (gsize i = 9; i < len; i++)
        if (!is_digit (p[i]))
          return FALSE;
      return TRUE;
    }
  return len >= 12 && memcmp (p, "HTTP/1.", 7) == 0 && is_digit (p[7]) &&
         p[8] == ' ' && is_digit (p[9]) && is_digit (p[10]) &&
         is_digit (p[11]) && (len == 12 || p[12] == ' ');
}

/* A first line the captured bytes cut short: what was captured, without
 * the white space it may end with, then "…". */
static void
mark_cut (char *out)
{
  static const char ellipsis[] = "\xe2\x80\xa6";
  gsize n = strlen (out);

  while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
    n--;
  /* room for the ellipsis, cutting between characters */
  while (n > TV_LABEL_MAX - 1 - 3)
    {
      n--;
      while (n > 0 && ((guint8) out[n] & 0xc0) == 0x80)
        n--;
    }
  memcpy (out + n, ellipsis, 4);
}

/* ---- TLS ---- */

enum {
  TLS_CHANGE_CIPHER_SPEC = 20,
  TLS_ALERT              = 21,
  TLS_HANDSHAKE          = 22,
  TLS_APPLICATION_DATA   = 23,
};

/* Names, indexed by NAME_ value; each is added to a label at most once. */
enum {
  NAME_CHANGE_CIPHER_SPEC,
  NAME_ALERT,
  NAME_APPLICATION_DATA,
  NAME_ENCRYPTED_HANDSHAKE,
  NAME_HELLO_REQUEST,
  NAME_CLIENT_HELLO,
  NAME_SERVER_HELLO,
  NAME_NEW_SESSION_TICKET,
  NAME_END_OF_EARLY_DATA,
  NAME_ENCRYPTED_EXTENSIONS,
  NAME_CERTIFICATE,
  NAME_SERVER_KEY_EXCHANGE,
  NAME_CERTIFICATE_REQUEST,
  NAME_SERVER_HELLO_DONE,
  NAME_CERTIFICATE_VERIFY,
  NAME_CLIENT_KEY_EXCHANGE,
  NAME_FINISHED,
  NAME_KEY_UPDATE,
  N_NAMES
};

static const char * const tls_names[N_NAMES] = {
  [NAME_CHANGE_CIPHER_SPEC]   = "ChangeCipherSpec",
  [NAME_ALERT]                = "Alert",
  [NAME_APPLICATION_DATA]     = "Application Data",
  [NAME_ENCRYPTED_HANDSHAKE]  = "Encrypted Handshake Message",
  [NAME_HELLO_REQUEST]        = "HelloRequest",
  [NAME_CLIENT_HELLO]         = "ClientHello",
  [NAME_SERVER_HELLO]         = "ServerHello",
  [NAME_NEW_SESSION_TICKET]   = "NewSessionTicket",
  [NAME_END_OF_EARLY_DATA]    = "EndOfEarlyData",
  [NAME_ENCRYPTED_EXTENSIONS] = "EncryptedExtensions",
  [NAME_CERTIFICATE]          = "Certificate",
  [NAME_SERVER_KEY_EXCHANGE]  = "ServerKeyExchange",
  [NAME_CERTIFICATE_REQUEST]  = "CertificateRequest",
  [NAME_SERVER_HELLO_DONE]    = "ServerHelloDone",
  [NAME_CERTIFICATE_VERIFY]   = "CertificateVerify",
  [NAME_CLIENT_KEY_EXCHANGE]  = "ClientKeyExchange",
  [NAME_FINISHED]             = "Finished",
  [NAME_KEY_UPDATE]           = "KeyUpdate",
};

/* The name of handshake message type @type, or -1 for a type that is not
 * one (in a record that looks plain, that means it is encrypted). */
static int
handshake_name (guint8 type)
{
  switch (type)
    {
    case 0: return NAME_HELLO_REQUEST;
    case 1: return NAME_CLIENT_HELLO;
    case 2: return NAME_SERVER_HELLO;
    case 4: return NAME_NEW_SESSION_TICKET;
    case 5: return NAME_END_OF_EARLY_DATA;
    case 8: return NAME_ENCRYPTED_EXTENSIONS;
    case 11: return NAME_CERTIFICATE;
    case 12: return NAME_SERVER_KEY_EXCHANGE;
    case 13: return NAME_CERTIFICATE_REQUEST;
    case 14: return NAME_SERVER_HELLO_DONE;
    case 15: return NAME_CERTIFICATE_VERIFY;
    case 16: return NAME_CLIENT_KEY_EXCHANGE;
    case 20: return NAME_FINISHED;
    case 24: return NAME_KEY_UPDATE;
    default: return -1;
    }
}

typedef struct {
  char   *out;
  gsize   len;
  guint32 added;     /* NAME_ bits already in the label */
} TlsLabel;

static void
tls_add (TlsLabel *label,
         int       name)
{
  const char *s;
  gsize n;
  gsize sep;

  g_assert (name >= 0 && name < N_NAMES);

  if (label->added & (1u << name))
    return;
  label->added |= 1u << name;

  s = tls_names[name];
  n = strlen (s);
  sep = label->len > 4 ? 2 : 0;       /* after "TLS " */
  if (label->len + sep + n > TV_LABEL_MAX - 1)
    return;
  if (sep)
    {
      memcpy (label->out + label->len, ", ", 2);
      label->len += 2;
    }
  memcpy (label->out + label->len, s, n);
  label->len += n;
  label->out[label->len] = '\0';
}

/* Whether a record header starts at @p (5 bytes there). */
static gboolean
is_tls_record_header (const guint8 *p)
{
  guint len;

  g_assert (p != NULL);

  if (p[0] < TLS_CHANGE_CIPHER_SPEC || p[0] > TLS_APPLICATION_DATA)
    return FALSE;
  if (p[1] != 3 || p[2] < 1 || p[2] > 4)
    return FALSE;
  len = (p[3] << 8) | p[4];
  return len > 0 && len <= TLS_MAX_RECORD;
}

/* Names the handshake messages of a plain record body (@size bytes
 * captured of @record_len).  FALSE if the body does not parse as handshake
 * messages: it is encrypted. */
static gboolean
add_handshake_messages (TlsLabel     *label,
                        const guint8 *body,
                        gsize         size,
                        gsize         record_len)
{
  int names[8];
  guint n_names = 0;
  gsize i = 0;

  g_assert (body != NULL || size == 0);

  /* check them all before naming any */
  while (i + 4 <= size && n_names < G_N_ELEMENTS (names))
    {
      int name = handshake_name (body[i]);
      gsize len = ((gsize) body[i + 1] << 16) | (body[i + 2] << 8) | body[i + 3];

      if (name < 0 || len > record_len - i - 4)
        return FALSE;
      names[n_names++] = name;
      i += 4 + len;
    }
  if (n_names == 0)
    return FALSE;

  for (guint k = 0; k < n_names; k++)
    tls_add (label, names[k]);
  return TRUE;
}

static TvLabelKind
tls_label (const guint8 *p,
           gsize         size,
           char         *out)
{
  TlsLabel label = { out, 0, 0 };
  gboolean encrypted = FALSE;
  gsize pos = 0;

  g_assert (p != NULL);

  if (size < 5 || !is_tls_record_header (p))
    return TV_LABEL_NONE;

  memcpy (out, "TLS ", 5);
  label.len = 4;

  while (size - pos >= 5 && is_tls_record_header (p + pos))
    {
      gsize len = (p[pos + 3] << 8) | p[pos + 4];
      gsize body_caplen = MIN (len, size - pos - 5);

      switch (p[pos])
        {
        case TLS_CHANGE_CIPHER_SPEC:
          tls_add (&label, NAME_CHANGE_CIPHER_SPEC);
          encrypted = TRUE;
          break;

        case TLS_ALERT:
          tls_add (&label, NAME_ALERT);
          break;

        case TLS_HANDSHAKE:
          if (encrypted ||
              !add_handshake_messages (&label, p + pos + 5, body_caplen, len))
            tls_add (&label, NAME_ENCRYPTED_HANDSHAKE);
          break;

        case TLS_APPLICATION_DATA:
          tls_add (&label, NAME_APPLICATION_DATA);
          break;

        default:
          g_assert_not_reached ();
        }

      if (len > size - pos - 5)
        break;                        /* the record runs past the capture */
      pos += 5 + len;
    }

  return TV_LABEL_TLS;
}

/* ---- the label ---- */

TvLabelKind
tv_label_from_payload (const guint8 *payload,
                       gsize         size,
                       char         *out)
{
  gsize len;

  g_return_val_if_fail (out != NULL, TV_LABEL_NONE);

  out[0] = '\0';
  if (payload == NULL || size == 0)
    return TV_LABEL_NONE;

  switch (payload[0])
    {
    case TLS_CHANGE_CIPHER_SPEC:
    case TLS_ALERT:
    case TLS_HANDSHAKE:
    case TLS_APPLICATION_DATA:
      return tls_label (payload, size, out);

    case 'H':
      len = line_length (payload, size);
      if (is_status_line (payload, len, len < size))
        {
          copy_text (out, payload, len);
          if (len == size)
            mark_cut (out);
          return TV_LABEL_HTTP_RESPONSE;
        }
      G_GNUC_FALLTHROUGH;
    case 'G':
    case 'P':
    case 'D':
    case 'O':
    case 'C':
    case 'T':
      len = line_length (payload, size);
      if (is_request_line (payload, len, len < size))
        {
          copy_text (out, payload, len);
          if (len == size)
            mark_cut (out);
          return TV_LABEL_HTTP_REQUEST;
        }
      return TV_LABEL_NONE;

    default:
      return TV_LABEL_NONE;
    }
}
