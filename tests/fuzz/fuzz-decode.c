/* fuzz-decode.c: libFuzzer target for the frame decoder, the payload labels
 * and the tracker.
 *
 * Input: one byte that picks the link type, then frames, each as
 *   u16 caplen (big-endian), u16 wirelen (0: unknown), u8 time step,
 *   caplen bytes (fewer if the input ends first).
 * Every frame is copied to a buffer of exactly its captured length, so that
 * AddressSanitizer catches a read past it; it is decoded with and without
 * its wire length, its payload is labelled, and the frames go into one
 * TvTracker whose model is checked at the end. */
#define G_LOG_DOMAIN "tv-fuzz-decode"

#include "config.h"

#include <stdint.h>

#include "tv-fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  TvTracker *tracker = tv_fuzz_frames_to_tracker (data, size);

  if (tracker == NULL)
    return 0;
  tv_fuzz_check_tracker (tracker, TRUE);
  tv_tracker_finish (tracker);
  tv_fuzz_check_tracker (tracker, FALSE);
  tv_tracker_free (tracker);

  return 0;
}
