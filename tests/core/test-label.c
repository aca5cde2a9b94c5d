/* test-label.c: HTTP/1.x and TLS labels from payload bytes. */
#define G_LOG_DOMAIN "test-label"

#include "config.h"

#include <string.h>

#include "tv-label.h"

static char out[TV_LABEL_MAX];

static TvLabelKind
label_bytes (const void *p, gsize n)
{
  TvLabelKind kind;

  memset (out, 'z', sizeof out);
  kind = tv_label_from_payload (p, n, out);
  /* whatever the kind: terminated, valid, short enough */
  g_assert_nonnull (memchr (out, '\0', sizeof out));
  g_assert_true (g_utf8_validate (out, -1, NULL));
  if (kind == TV_LABEL_NONE)
    g_assert_cmpstr (out, ==, "");
  return kind;
}

static TvLabelKind
label (const char *s)
{
  return label_bytes (s, strlen (s));
}

/* ---- HTTP ---- */

static void
test_http_request (void)
{
  static const char * const methods[] = {
    "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE",
  };

  g_assert_cmpint (label ("GET /index.html HTTP/1.1\r\nHost: example.test\r\n\r\n"), ==,
                   TV_LABEL_HTTP_REQUEST);
  g_assert_cmpstr (out, ==, "GET /index.html HTTP/1.1");

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s /a?b=c HTTP/1.0", methods[i]);
      g_autofree char *payload = g_strconcat (line, "\r\nAccept: */*\r\n\r\n", NULL);

      g_assert_cmpint (label (payload), ==, TV_LABEL_HTTP_REQUEST);
      g_assert_cmpstr (out, ==, line);
    }

  /* LF alone ends the line too; an absolute or authority target */
  g_assert_cmpint (label ("CONNECT example.test:443 HTTP/1.1\nHost: x\n\n"), ==,
                   TV_LABEL_HTTP_REQUEST);
  g_assert_cmpstr (out, ==, "CONNECT example.test:443 HTTP/1.1");
  g_assert_cmpint (label ("OPTIONS * HTTP/1.1\r\n"), ==, TV_LABEL_HTTP_REQUEST);
  g_assert_cmpstr (out, ==, "OPTIONS * HTTP/1.1");
}

static void
test_http_request_cut (void)
{
  /* the capture (or the segment) ends inside the request line: what was
   * captured, then "…", never a trailing space */
  g_assert_cmpint (label ("GET /a/very/long/path/that/goes/on"), ==, TV_LABEL_HTTP_REQUEST);
  g_assert_cmpstr (out, ==, "GET /a/very/long/path/that/goes/on\u2026");
  g_assert_cmpint (label ("POST /upload HTT"), ==, TV_LABEL_HTTP_REQUEST);
  g_assert_cmpstr (out, ==, "POST /upload HTT\u2026");
  g_assert_cmpint (label ("POST /upload HTTP/1.1"), ==, TV_LABEL_HTTP_REQUEST);
  g_assert_cmpstr (out, ==, "POST /upload HTTP/1.1\u2026");
  g_assert_cmpint (label ("GET /nope "), ==, TV_LABEL_HTTP_REQUEST);
  g_assert_cmpstr (out, ==, "GET /nope\u2026");
  g_assert_cmpint (label ("POST /upload HTTX"), ==, TV_LABEL_NONE);
  g_assert_cmpint (label ("GET "), ==, TV_LABEL_NONE);
  g_assert_cmpint (label ("GET"), ==, TV_LABEL_NONE);
}

static void
test_http_not_request (void)
{
  static const char * const cases[] = {
    "get / HTTP/1.1\r\n",           /* methods are case-sensitive */
    "GETS / HTTP/1.1\r\n",
    "GET/ HTTP/1.1\r\n",
    "GET  HTTP/1.1\r\n",            /* no target */
    "GET / HTTP/2.0\r\n",
    "GET / HTTP/1.1x\r\n",
    "GET / HTTP/1.x\r\n",
    "GET / FTP/1.0\r\n",
    "GET / HTTP/1.1 extra\r\n",
    "GET /\r\n",                    /* HTTP/0.9 */
    "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
    "DELETE\r\n",
    "Tuesday",
    "CONNECTED",
    "OPTIONS\t* HTTP/1.1\r\n",
    "PUT /a\tb HTTP/1.1\r\n",
    "\r\n",
    "x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (label (cases[i]), ==, TV_LABEL_NONE);
}

static void
test_http_response (void)
{
  g_assert_cmpint (label ("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"), ==,
                   TV_LABEL_HTTP_RESPONSE);
  g_assert_cmpstr (out, ==, "HTTP/1.0 200 OK");
  g_assert_cmpint (label ("HTTP/1.1 404 Not Found\r\n\r\n"), ==, TV_LABEL_HTTP_RESPONSE);
  g_assert_cmpstr (out, ==, "HTTP/1.1 404 Not Found");
  g_assert_cmpint (label ("HTTP/1.1 204\r\n\r\n"), ==, TV_LABEL_HTTP_RESPONSE);
  g_assert_cmpstr (out, ==, "HTTP/1.1 204");
  g_assert_cmpint (label ("HTTP/1.1 301 Moved Permanently\nLocation: /\n"), ==,
                   TV_LABEL_HTTP_RESPONSE);
  g_assert_cmpstr (out, ==, "HTTP/1.1 301 Moved Permanently");
  /* cut by the capture inside the reason phrase, or the status code: as far
   * as it goes, then "…" */
  g_assert_cmpint (label ("HTTP/1.1 500 Internal Ser"), ==, TV_LABEL_HTTP_RESPONSE);
  g_assert_cmpstr (out, ==, "HTTP/1.1 500 Internal Ser\u2026");
  g_assert_cmpint (label ("HTTP/1.1 4"), ==, TV_LABEL_HTTP_RESPONSE);
  g_assert_cmpstr (out, ==, "HTTP/1.1 4\u2026");
  g_assert_cmpint (label ("HTTP/1.1 "), ==, TV_LABEL_HTTP_RESPONSE);
  g_assert_cmpstr (out, ==, "HTTP/1.1\u2026");
  g_assert_cmpint (label ("HTTP/1.1 404 "), ==, TV_LABEL_HTTP_RESPONSE);
  g_assert_cmpstr (out, ==, "HTTP/1.1 404\u2026");
  g_assert_cmpint (label ("HTTP/1.1 4x"), ==, TV_LABEL_NONE);
  g_assert_cmpint (label ("HTTP/1."), ==, TV_LABEL_NONE);

  g_assert_cmpint (label ("HTTP/2 200\r\n"), ==, TV_LABEL_NONE);
  g_assert_cmpint (label ("HTTP/1.1 20 OK\r\n"), ==, TV_LABEL_NONE);
  g_assert_cmpint (label ("HTTP/1.1 2000 OK\r\n"), ==, TV_LABEL_NONE);
  g_assert_cmpint (label ("HTTP/1.1  200 OK\r\n"), ==, TV_LABEL_NONE);
  g_assert_cmpint (label ("HTTP/1.1 200"), ==, TV_LABEL_HTTP_RESPONSE);
  g_assert_cmpstr (out, ==, "HTTP/1.1 200\u2026");
  g_assert_cmpint (label ("HTTP/1.1 20\r\n"), ==, TV_LABEL_NONE);
  g_assert_cmpint (label ("HTTP"), ==, TV_LABEL_NONE);
  /* HEAD is a request, not a response */
  g_assert_cmpint (label ("HEAD / HTTP/1.1\r\n"), ==, TV_LABEL_HTTP_REQUEST);
  g_assert_cmpstr (out, ==, "HEAD / HTTP/1.1");
}

static void
test_http_utf8 (void)
{
  GString *s = g_string_new ("GET /");
  const char *end;

  /* bytes that are not UTF-8 become U+FFFD; so do control characters */
  g_assert_cmpint (label ("HTTP/1.1 200 \xff\xfeOK\r\n"), ==, TV_LABEL_HTTP_RESPONSE);
  g_assert_cmpstr (out, ==, "HTTP/1.1 200 \xef\xbf\xbd\xef\xbf\xbdOK");
  g_assert_cmpint (label ("HTTP/1.1 200 O\tK\r\n"), ==, TV_LABEL_HTTP_RESPONSE);
  g_assert_cmpstr (out, ==, "HTTP/1.1 200 O\xef\xbf\xbdK");
  /* overlong, surrogate, out of range, cut short */
  g_assert_cmpint (label ("HTTP/1.1 200 \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82\r\n"), ==,
                   TV_LABEL_HTTP_RESPONSE);
  g_assert_true (g_str_has_prefix (out, "HTTP/1.1 200 \xef\xbf\xbd"));
  /* valid UTF-8 is kept as it is */
  g_assert_cmpint (label ("HTTP/1.1 200 Tr\xc3\xa8s bien \xf0\x9f\x98\x80\r\n"), ==,
                   TV_LABEL_HTTP_RESPONSE);
  g_assert_cmpstr (out, ==, "HTTP/1.1 200 Tr\xc3\xa8s bien \xf0\x9f\x98\x80");

  /* a long line is cut to TV_LABEL_MAX - 1 bytes, between characters */
  for (guint i = 0; i < 100; i++)
    g_string_append (s, "\xc3\xa9");          /* é, 2 bytes */
  g_string_append (s, " HTTP/1.1\r\n\r\n");
  g_assert_cmpint (label (s->str), ==, TV_LABEL_HTTP_REQUEST);
  g_assert_cmpuint (strlen (out), <=, TV_LABEL_MAX - 1);
  g_assert_cmpuint (strlen (out), >=, TV_LABEL_MAX - 2);
  g_assert_true (g_str_has_prefix (out, "GET /\xc3\xa9\xc3\xa9"));
  end = out + strlen (out) - 2;
  g_assert_cmpmem (end, 2, "\xc3\xa9", 2);

  g_string_assign (s, "GET /");
  for (guint i = 0; i < 100; i++)
    g_string_append (s, "\xf0\x9f\x98\x80");  /* 4 bytes */
  g_string_append (s, " HTTP/1.1\r\n");
  g_assert_cmpint (label (s->str), ==, TV_LABEL_HTTP_REQUEST);
  g_assert_cmpuint (strlen (out), ==, 5 + 4 * 30);

  g_string_free (s, TRUE);
}

static void
test_none (void)
{
  static const guint8 zeros[64] = { 0 };

  g_assert_cmpint (label_bytes (NULL, 0), ==, TV_LABEL_NONE);
  g_assert_cmpint (label_bytes ("GET / HTTP/1.1\r\n", 0), ==, TV_LABEL_NONE);
  g_assert_cmpint (label_bytes (zeros, sizeof zeros), ==, TV_LABEL_NONE);
  g_assert_cmpint (label ("SSH-2.0-OpenSSH_7.8\r\n"), ==, TV_LABEL_NONE);
  g_assert_cmpint (label ("220 smtp.example.test ESMTP\r\n"), ==, TV_LABEL_NONE);
}

/* ---- TLS ---- */

typedef struct {
  guint8 b[4096];
  gsize  n;
} Buf;

static void
put (Buf *b, const void *p, gsize n)
{
  g_assert (b->n + n <= sizeof b->b);
  memcpy (b->b + b->n, p, n);
  b->n += n;
}

/* A record of @type, version 3.@minor, with @body */
static void
put_record (Buf *b, guint type, guint minor, const void *body, gsize n)
{
  guint8 h[5] = { type, 3, minor, n >> 8, n & 0xff };

  put (b, h, 5);
  put (b, body, n);
}

/* A handshake message of @type with @n bytes of body (0x5a) into @msg */
static void
put_handshake (Buf *msg, guint type, gsize n)
{
  guint8 h[4] = { type, n >> 16, (n >> 8) & 0xff, n & 0xff };
  guint8 body[1024];

  g_assert (n <= sizeof body);
  memset (body, 0x5a, n);
  put (msg, h, 4);
  put (msg, body, n);
}

static void
put_handshake_record (Buf *b, guint minor, guint type, gsize n)
{
  Buf msg = { .n = 0 };

  put_handshake (&msg, type, n);
  put_record (b, 22, minor, msg.b, msg.n);
}

static TvLabelKind
label_buf (const Buf *b)
{
  return label_bytes (b->b, b->n);
}

static void
test_tls_client_hello (void)
{
  Buf b = { .n = 0 };

  put_handshake_record (&b, 1, 1, 200);
  g_assert_cmpint (label_buf (&b), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS ClientHello");

  /* the capture holds only the start of it */
  g_assert_cmpint (label_bytes (b.b, 20), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS ClientHello");
  g_assert_cmpint (label_bytes (b.b, 9), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS ClientHello");
  /* less than a record header */
  g_assert_cmpint (label_bytes (b.b, 4), ==, TV_LABEL_NONE);
}

static void
test_tls_server_flight (void)
{
  Buf b = { .n = 0 };
  Buf msgs = { .n = 0 };
  static const guint8 ccs[1] = { 1 };
  guint8 appdata[64];

  memset (appdata, 0xc3, sizeof appdata);

  /* TLS 1.2: ServerHello, Certificate, ServerHelloDone in one record */
  put_handshake (&msgs, 2, 70);
  put_handshake (&msgs, 11, 500);
  put_handshake (&msgs, 14, 0);
  put_record (&b, 22, 3, msgs.b, msgs.n);
  g_assert_cmpint (label_buf (&b), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS ServerHello, Certificate, ServerHelloDone");

  /* ... in three records, with a ServerKeyExchange */
  b.n = 0;
  put_handshake_record (&b, 3, 2, 70);
  put_handshake_record (&b, 3, 11, 300);
  put_handshake_record (&b, 3, 12, 100);
  put_handshake_record (&b, 3, 14, 0);
  g_assert_cmpint (label_buf (&b), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS ServerHello, Certificate, ServerKeyExchange, ServerHelloDone");

  /* TLS 1.3: ServerHello, ChangeCipherSpec, then encrypted records */
  b.n = 0;
  put_handshake_record (&b, 3, 2, 118);
  put_record (&b, 20, 3, ccs, 1);
  put_record (&b, 23, 3, appdata, sizeof appdata);
  put_record (&b, 23, 3, appdata, sizeof appdata);
  g_assert_cmpint (label_buf (&b), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS ServerHello, ChangeCipherSpec, Application Data");

  /* the last record cut by the capture still counts */
  g_assert_cmpint (label_bytes (b.b, b.n - 60), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS ServerHello, ChangeCipherSpec, Application Data");
  g_assert_cmpint (label_bytes (b.b, 5 + 4 + 118 + 6), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS ServerHello, ChangeCipherSpec");
}

static void
test_tls_client_finish (void)
{
  Buf b = { .n = 0 };
  static const guint8 ccs[1] = { 1 };
  guint8 finished[40];

  /* TLS 1.2 client: ClientKeyExchange, ChangeCipherSpec, then the Finished
   * message, encrypted */
  for (guint i = 0; i < sizeof finished; i++)
    finished[i] = (guint8) (i * 37 + 11);
  finished[0] = 20;                     /* even if it looks like Finished */
  finished[1] = 0;
  finished[2] = 0;
  finished[3] = 12;
  put_handshake_record (&b, 3, 16, 66);
  put_record (&b, 20, 3, ccs, 1);
  put_record (&b, 22, 3, finished, sizeof finished);
  g_assert_cmpint (label_buf (&b), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS ClientKeyExchange, ChangeCipherSpec, Encrypted Handshake Message");

  /* the encrypted Finished alone in a segment: it does not parse as
   * handshake messages */
  b.n = 0;
  finished[0] = 0x9e;
  put_record (&b, 22, 3, finished, sizeof finished);
  g_assert_cmpint (label_buf (&b), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS Encrypted Handshake Message");

  /* a known type whose length runs past the record: encrypted too */
  b.n = 0;
  finished[0] = 20;
  finished[1] = 0x7f;
  put_record (&b, 22, 3, finished, sizeof finished);
  g_assert_cmpint (label_buf (&b), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS Encrypted Handshake Message");
}

static void
test_tls_records (void)
{
  Buf b = { .n = 0 };
  static const guint8 alert[2] = { 2, 40 };
  guint8 data[100];

  memset (data, 0x11, sizeof data);

  put_record (&b, 21, 3, alert, 2);
  g_assert_cmpint (label_buf (&b), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS Alert");

  /* no name twice */
  b.n = 0;
  for (guint i = 0; i < 5; i++)
    put_record (&b, 23, 3, data, sizeof data);
  put_record (&b, 21, 3, alert, 2);
  put_record (&b, 23, 3, data, sizeof data);
  g_assert_cmpint (label_buf (&b), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS Application Data, Alert");

  /* every version from TLS 1.0 to 1.3 */
  for (guint minor = 1; minor <= 4; minor++)
    {
      b.n = 0;
      put_record (&b, 23, minor, data, 10);
      g_assert_cmpint (label_buf (&b), ==, TV_LABEL_TLS);
      g_assert_cmpstr (out, ==, "TLS Application Data");
    }

  /* the walk stops at bytes that are not a record */
  b.n = 0;
  put_record (&b, 23, 3, data, 10);
  put (&b, "garbage", 7);
  put_record (&b, 21, 3, alert, 2);
  g_assert_cmpint (label_buf (&b), ==, TV_LABEL_TLS);
  g_assert_cmpstr (out, ==, "TLS Application Data");
}

static void
test_tls_not_tls (void)
{
  static const guint8 cases[][6] = {
    { 23, 3, 0, 0, 10, 0 },         /* SSL 3.0 */
    { 23, 3, 5, 0, 10, 0 },         /* no such version */
    { 23, 2, 1, 0, 10, 0 },
    { 23, 3, 3, 0, 0, 0 },          /* empty record */
    { 23, 3, 3, 0x48, 0x01, 0 },    /* longer than a record may be */
    { 24, 3, 3, 0, 10, 0 },         /* heartbeat */
    { 19, 3, 3, 0, 10, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (label_bytes (cases[i], 6), ==, TV_LABEL_NONE);
}

static void
test_tls_many_names (void)
{
  static const guint types[] = { 1, 2, 4, 8, 11, 12, 13, 14, 15, 16, 20, 0, 5, 24 };
  static const guint8 ccs[1] = { 1 };
  guint8 data[8] = { 0 };
  Buf b = { .n = 0 };

  /* more names than fit: whole names only, within TV_LABEL_MAX */
  put_record (&b, 21, 3, data, 2);
  put_record (&b, 23, 3, data, 8);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    put_handshake_record (&b, 3, types[i], 4);
  put_record (&b, 20, 3, ccs, 1);
  put_handshake_record (&b, 3, 1, 4);
  g_assert_cmpint (label_buf (&b), ==, TV_LABEL_TLS);
  g_assert_cmpuint (strlen (out), <=, TV_LABEL_MAX - 1);
  g_assert_true (g_str_has_prefix (out, "TLS Alert, Application Data, ClientHello, ServerHello, "));
  g_assert_false (g_str_has_suffix (out, ", "));
}

static void
test_hostile (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  static const char * const starts[] = { "\x16\x03\x03", "\x17\x03\x01", "GET /", "HTTP/1.1 2", "\x14\x03\x04" };
  guint8 buf[300];

  /* random bytes behind likely starts: no crash, the checks of label_bytes */
  for (guint round = 0; round < 100000; round++)
    {
      const char *start = starts[round % G_N_ELEMENTS (starts)];
      gsize n = g_rand_int_range (rand, 0, sizeof buf + 1);

      for (gsize i = 0; i < n; i++)
        buf[i] = g_rand_int_range (rand, 0, 256);
      memcpy (buf, start, MIN (n, strlen (start)));
      /* exact-size copy so that a read past the end is caught by ASan */
      {
        g_autofree guint8 *copy = g_memdup2 (buf, n);

        label_bytes (copy, n);
      }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/label/http-request", test_http_request);
  g_test_add_func ("/core/label/http-request-cut", test_http_request_cut);
  g_test_add_func ("/core/label/http-not-request", test_http_not_request);
  g_test_add_func ("/core/label/http-response", test_http_response);
  g_test_add_func ("/core/label/http-utf8", test_http_utf8);
  g_test_add_func ("/core/label/none", test_none);
  g_test_add_func ("/core/label/tls-client-hello", test_tls_client_hello);
  g_test_add_func ("/core/label/tls-server-flight", test_tls_server_flight);
  g_test_add_func ("/core/label/tls-client-finish", test_tls_client_finish);
  g_test_add_func ("/core/label/tls-records", test_tls_records);
  g_test_add_func ("/core/label/tls-not-tls", test_tls_not_tls);
  g_test_add_func ("/core/label/tls-many-names", test_tls_many_names);
  g_test_add_func ("/core/label/hostile", test_hostile);

  return g_test_run ();
}
