/* tv-label.h: a short label for what a segment's payload carries: the first
 * line of an HTTP/1.x request or response, or the TLS records in it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TV_LABEL_NONE = 0,
  TV_LABEL_HTTP_REQUEST,
  TV_LABEL_HTTP_RESPONSE,
  TV_LABEL_TLS,
} TvLabelKind;

#define TV_LABEL_MAX 128

/* Looks at the start of @payload (@size captured bytes) and writes a label
 * into @out (at most TV_LABEL_MAX bytes with the NUL):
 *   "GET /index.html HTTP/1.1", "HTTP/1.1 200 OK",
 *   "TLS ClientHello", "TLS ServerHello, Certificate", "TLS Application Data",
 *   "TLS ChangeCipherSpec", "TLS Alert".
 * The text is valid UTF-8 (bytes that are not are replaced).  Returns the
 * kind, TV_LABEL_NONE (and "" in @out) when the payload is neither. */
TvLabelKind tv_label_from_payload (const guint8 *payload,
                                   gsize         size,
                                   char         *out);

G_END_DECLS
