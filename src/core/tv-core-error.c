#define G_LOG_DOMAIN "tv-core-error"

#include "config.h"

#include "tv-core-error.h"

G_DEFINE_QUARK (tv-core-error-quark, tv_core_error)
