#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TV_CORE_ERROR (tv_core_error_quark ())

typedef enum {
  TV_CORE_ERROR_OPEN,      /* could not open the file at all */
  TV_CORE_ERROR_FORMAT,    /* not a capture, or a damaged one */
  TV_CORE_ERROR_LINKTYPE,  /* a link type TcpViz does not read */
  TV_CORE_ERROR_READ,      /* an error while reading */
  TV_CORE_ERROR_WRITE,     /* an error while writing a capture */
  TV_CORE_ERROR_LIMIT,     /* a limit that protects against hostile input */
  TV_CORE_ERROR_CAPTURE,   /* live capture could not start or failed */
  TV_CORE_ERROR_PERMISSION,/* not allowed to capture */
  TV_CORE_ERROR_CANCELLED,
} TvCoreError;

GQuark tv_core_error_quark (void);

G_END_DECLS
