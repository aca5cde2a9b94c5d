/* tv-tsan.h: GLib's GMutex and GCond wait on futexes that ThreadSanitizer
 * does not see, so in a TSan build every hand-over between a worker and the
 * main thread looks like a race.  These wrappers tell TSan what the lock
 * does (acquire after locking, release before unlocking); in other builds
 * they are the GLib calls.  Internal to src/core. */
#pragma once

#include <glib.h>

#if defined(__SANITIZE_THREAD__)
void __tsan_acquire (void *addr);
void __tsan_release (void *addr);
#define TV_TSAN_ACQUIRE(addr) __tsan_acquire ((void *) (addr))
#define TV_TSAN_RELEASE(addr) __tsan_release ((void *) (addr))
#else
#define TV_TSAN_ACQUIRE(addr) ((void) (addr))
#define TV_TSAN_RELEASE(addr) ((void) (addr))
#endif

static inline void
tv_mutex_lock (GMutex *mutex)
{
  g_mutex_lock (mutex);
  TV_TSAN_ACQUIRE (mutex);
}

static inline void
tv_mutex_unlock (GMutex *mutex)
{
  TV_TSAN_RELEASE (mutex);
  g_mutex_unlock (mutex);
}

static inline void
tv_cond_wait (GCond  *cond,
              GMutex *mutex)
{
  TV_TSAN_RELEASE (mutex);
  g_cond_wait (cond, mutex);
  TV_TSAN_ACQUIRE (mutex);
}

static inline gboolean
tv_cond_wait_until (GCond  *cond,
                    GMutex *mutex,
                    gint64  end_time)
{
  gboolean signalled;

  TV_TSAN_RELEASE (mutex);
  signalled = g_cond_wait_until (cond, mutex, end_time);
  TV_TSAN_ACQUIRE (mutex);
  return signalled;
}
