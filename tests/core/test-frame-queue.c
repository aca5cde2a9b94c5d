/* test-frame-queue.c: the hand-over of decoded frames from a worker thread
 * to the main thread (TvFrameQueue). */
#define G_LOG_DOMAIN "test-frame-queue"
#include "config.h"

#include <string.h>
#include <pcap/pcap.h>

#include "tv-frame-queue.h"
#include "tv-tcp.h"
#include "tv-test-pcap.h"

/* A segment of connection @conn (client 10.0.0.@conn:@conn+10000 to
 * 10.1.0.1:80), frame number @number, seq = @number so that every
 * segment is new data. */
static TvFrame
make_frame (guint   conn,
            guint32 number)
{
  TvFrame frame;

  memset (&frame, 0, sizeof frame);
  frame.frame = number;
  frame.time_ns = G_GINT64_CONSTANT (1700000000000000000) + (gint64) number * 1000;
  frame.src.family = 4;
  frame.src.bytes[0] = 10;
  frame.src.bytes[2] = (conn >> 8) & 0xff;
  frame.src.bytes[3] = conn & 0xff;
  frame.dst.family = 4;
  frame.dst.bytes[0] = 10;
  frame.dst.bytes[1] = 1;
  frame.dst.bytes[3] = 1;
  frame.sport = 10000 + conn;
  frame.dport = 80;
  frame.seq = 1000 + number * 10;
  frame.ack = 1;
  frame.flags = TV_TCP_ACK | TV_TCP_PSH;
  frame.window = 1000;
  frame.header_len = 20;
  frame.len = 10;
  frame.ttl = 64;
  return frame;
}

/* Pushes frames @first .. @first + @n - 1 of one connection. */
static void
push_range (TvFrameQueue *queue,
            guint32       first,
            guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      TvFrame frame = make_frame (0, first + i);
      tv_frame_queue_push (queue, &frame, TV_LABEL_NONE, NULL);
    }
}

/* The frame numbers of connection 0's segments are 1, 2, … @n. */
static void
assert_in_order (TvTracker *tracker,
                 guint      n)
{
  TvConn *conn;

  g_assert_cmpuint (tv_tracker_get_n_conns (tracker), ==, 1);
  conn = tv_tracker_get_conn (tracker, 0);
  g_assert_cmpuint (conn->n_segs, ==, n);
  for (guint32 i = 0; i < conn->n_segs; i++)
    if (conn->segs[i].frame != i + 1)
      g_error ("segment %u is frame %u, not %u", i, conn->segs[i].frame, i + 1);
}

static void
test_order (void)
{
  TvFrameQueue *queue = tv_frame_queue_new (0);
  TvTracker *tracker = tv_tracker_new ();
  TvFrameQueueDrain drained;
  guint32 next = 1;

  /* chunks of uneven sizes, one of them empty */
  for (guint size = 0; size < 40; size++)
    {
      push_range (queue, next, size * 7);
      next += size * 7;
      g_assert_cmpuint (tv_frame_queue_get_unflushed (queue), ==, size * 7);
      g_assert_true (tv_frame_queue_flush (queue));
      g_assert_cmpuint (tv_frame_queue_get_unflushed (queue), ==, 0);
    }
  g_assert_cmpuint (tv_frame_queue_get_queued (queue), ==, next - 1);

  /* what is pushed but not flushed is not drained */
  push_range (queue, next, 5);
  g_assert_false (tv_frame_queue_drain (queue, tracker, 0, 0, &drained));
  g_assert_cmpuint (drained.added, ==, next - 1);
  g_assert_cmpuint (drained.new_conns, ==, 1);
  g_assert_false (drained.more);
  g_assert_false (drained.closed);
  assert_in_order (tracker, next - 1);

  /* close() hands the rest over */
  tv_frame_queue_close (queue);
  g_assert_false (tv_frame_queue_drain (queue, tracker, 0, 0, &drained));
  g_assert_cmpuint (drained.added, ==, 5);
  g_assert_cmpuint (drained.new_conns, ==, 0);
  g_assert_true (drained.closed);
  assert_in_order (tracker, next - 1 + 5);

  tv_tracker_free (tracker);
  tv_frame_queue_free (queue);
}

static void
test_budget_count (void)
{
  TvFrameQueue *queue = tv_frame_queue_new (0);
  TvTracker *tracker = tv_tracker_new ();
  TvFrameQueueDrain drained;
  guint drains = 0;

  /* 1000 frames in chunks of 64: a budget of 100 stops inside a chunk */
  for (guint32 first = 1; first <= 1000; first += 64)
    {
      push_range (queue, first, MIN (64u, 1001 - first));
      tv_frame_queue_flush (queue);
    }
  g_assert_cmpuint (tv_frame_queue_get_queued (queue), ==, 1000);
  tv_frame_queue_close (queue);

  do
    {
      gboolean more = tv_frame_queue_drain (queue, tracker, 100, 0, &drained);

      drains++;
      g_assert_cmpuint (drained.added, ==, 100);
      g_assert_cmpuint (tv_frame_queue_get_queued (queue), ==, 1000 - drains * 100);
      g_assert_true (more == (drains < 10));
      g_assert_true (drained.more == more);
      g_assert_true (drained.closed == !more);
      assert_in_order (tracker, drains * 100);
    }
  while (drained.more);
  g_assert_cmpuint (drains, ==, 10);

  /* nothing left */
  g_assert_false (tv_frame_queue_drain (queue, tracker, 100, 0, &drained));
  g_assert_cmpuint (drained.added, ==, 0);
  g_assert_true (drained.closed);

  tv_tracker_free (tracker);
  tv_frame_queue_free (queue);
}

static void
test_budget_time (void)
{
  TvFrameQueue *queue = tv_frame_queue_new (0);
  TvTracker *tracker = tv_tracker_new ();
  TvFrameQueueDrain drained;
  const guint total = 400000;
  guint32 next = 1;
  guint done = 0, drains = 0;

  while (next <= total)
    {
      push_range (queue, next, 512);
      next += 512;
      tv_frame_queue_flush (queue);
    }
  next--;

  /* 2 ms a drain: the first cannot add 400000 frames (a tracker adds a
   * few million a second at best, far fewer under a sanitizer) */
  while (tv_frame_queue_get_queued (queue) > 0)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 took;

      tv_frame_queue_drain (queue, tracker, 0, 2000, &drained);
      took = g_get_monotonic_time () - start;
      drains++;
      done += drained.added;
      g_assert_cmpuint (drained.added, >, 0);
      if (drains == 1)
        g_assert_cmpuint (drained.added, <, next);
      /* the clock is read every few dozen frames: a drain may run over by
       * that many, and by what a loaded machine takes from us */
      if (took > 2000 + 100000)
        g_error ("a drain of 2 ms took %" G_GINT64_FORMAT " µs", took);
    }
  g_assert_cmpuint (done, ==, next);
  g_assert_cmpuint (drains, >, 1);
  assert_in_order (tracker, next);

  tv_tracker_free (tracker);
  tv_frame_queue_free (queue);
}

static void
test_labels (void)
{
  static const struct {
    TvLabelKind kind;
    const char *text;
  } labels[] = {
    { TV_LABEL_HTTP_REQUEST, "GET /index.html HTTP/1.1" },
    { TV_LABEL_NONE, NULL },
    { TV_LABEL_HTTP_RESPONSE, "HTTP/1.1 200 OK" },
    { TV_LABEL_TLS, "TLS ClientHello" },
    { TV_LABEL_HTTP_REQUEST, "GET /día HTTP/1.1" },
    { TV_LABEL_NONE, NULL },
    { TV_LABEL_TLS, "" },
  };
  TvFrameQueue *queue = tv_frame_queue_new (0);
  TvTracker *tracker = tv_tracker_new ();
  TvConn *conn;
  const guint n = 300;

  /* several chunks, so that offsets restart in each */
  for (guint i = 0; i < n; i++)
    {
      TvFrame frame = make_frame (0, i + 1);
      guint l = i % G_N_ELEMENTS (labels);

      frame.payload = (const guint8 *) "not read";   /* the queue drops it */
      frame.payload_caplen = 8;
      tv_frame_queue_push (queue, &frame, labels[l].kind, labels[l].text);
      if (i % 41 == 40)
        tv_frame_queue_flush (queue);
    }
  tv_frame_queue_close (queue);
  tv_frame_queue_drain (queue, tracker, 0, 0, NULL);

  conn = tv_tracker_get_conn (tracker, 0);
  g_assert_cmpuint (conn->n_segs, ==, n);
  for (guint i = 0; i < n; i++)
    {
      guint l = i % G_N_ELEMENTS (labels);
      const TvSegment *seg = &conn->segs[i];

      g_assert_cmpuint (seg->frame, ==, i + 1);
      g_assert_cmpuint (seg->label_kind, ==, labels[l].kind);
      g_assert_cmpstr (tv_tracker_get_label (tracker, seg->label), ==,
                       labels[l].text != NULL ? labels[l].text : "");
    }

  tv_tracker_free (tracker);
  tv_frame_queue_free (queue);
}

/* Labels that repeat, all different, or round robin, in one chunk; the
 * chunk drained in part into one tracker and the rest into another: each
 * tracker has the right texts, each once in its pool. */
static void
test_labels_split (void)
{
  TvFrameQueue *queue = tv_frame_queue_new (0);
  TvTracker *a = tv_tracker_new ();
  TvTracker *b = tv_tracker_new ();
  TvTracker *trackers[] = { a, b };
  guint counts[] = { 0, 0 };
  TvFrameQueueDrain drained;
  const guint n = 600;
  g_autofree char **texts = g_new0 (char *, n);

  for (guint i = 0; i < n; i++)
    {
      TvFrame frame = make_frame (0, i + 1);

      /* frames 0-199: two texts alternating; 200-399: all different;
       * 400-599: 20 texts round robin */
      if (i < 200)
        texts[i] = g_strdup (i % 2 ? "HTTP/1.1 200 OK" : "GET /index.html HTTP/1.1");
      else if (i < 400)
        texts[i] = g_strdup_printf ("GET /page/%u HTTP/1.1", i);
      else
        texts[i] = g_strdup_printf ("GET /round/%u HTTP/1.1", i % 20);
      tv_frame_queue_push (queue, &frame, TV_LABEL_HTTP_REQUEST, texts[i]);
    }
  /* one chunk */
  tv_frame_queue_close (queue);

  /* 250 into a, then the rest into b */
  tv_frame_queue_drain (queue, a, 250, 0, &drained);
  g_assert_cmpuint (drained.added, ==, 250);
  tv_frame_queue_drain (queue, b, 0, 0, &drained);
  g_assert_cmpuint (drained.added, ==, n - 250);
  g_assert_true (drained.closed);

  for (guint t = 0; t < 2; t++)
    {
      TvConn *conn = tv_tracker_get_conn (trackers[t], 0);

      for (guint32 j = 0; j < conn->n_segs; j++)
        {
          const TvSegment *seg = &conn->segs[j];
          guint i = seg->frame - 1;

          g_assert_cmpuint (i, ==, (t == 0 ? 0 : 250) + j);
          g_assert_cmpuint (seg->label_kind, ==, TV_LABEL_HTTP_REQUEST);
          g_assert_cmpstr (tv_tracker_get_label (trackers[t], seg->label), ==, texts[i]);
          /* one id per text in a tracker */
          g_assert_cmpuint (seg->label, ==, tv_tracker_intern_label (trackers[t], texts[i]));
          counts[t]++;
        }
    }
  g_assert_cmpuint (counts[0], ==, 250);
  g_assert_cmpuint (counts[1], ==, n - 250);

  for (guint i = 0; i < n; i++)
    g_free (texts[i]);
  tv_tracker_free (a);
  tv_tracker_free (b);
  tv_frame_queue_free (queue);
}

/* A packet of 10.0.0.1:@sport → 10.1.0.1:80. */
static guint
make_packet (guint8     *buf,
             guint16     sport,
             const char *payload)
{
  return tv_test_make_packet (buf, (10u << 24) | 1, (10u << 24) | (1u << 16) | 1, sport, 80,
                              1, 0, TV_F_ACK | TV_F_PSH, payload);
}

static void
test_push_packet (void)
{
  TvFrameQueue *queue = tv_frame_queue_new (0);
  TvTracker *tracker = tv_tracker_new ();
  TvFrameQueueDrain drained;
  guint8 buf[40 + 256];
  guint len;
  TvConn *conn;

  len = make_packet (buf, 40000, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
  g_assert_true (tv_frame_queue_push_packet (queue, DLT_RAW, buf, len, len, 7,
                                             G_GINT64_CONSTANT (1700000000123456789)));
  /* UDP: not TCP, nothing appended */
  buf[9] = 17;
  g_assert_false (tv_frame_queue_push_packet (queue, DLT_RAW, buf, len, len, 8, 0));
  /* cut short inside the IP header */
  len = make_packet (buf, 40001, NULL);
  g_assert_false (tv_frame_queue_push_packet (queue, DLT_RAW, buf, 12, len, 9, 0));
  g_assert_cmpuint (tv_frame_queue_get_unflushed (queue), ==, 1);

  len = make_packet (buf, 40000, NULL);
  g_assert_true (tv_frame_queue_push_packet (queue, DLT_RAW, buf, len, len, 10,
                                             G_GINT64_CONSTANT (1700000000223456789)));
  tv_frame_queue_close (queue);
  tv_frame_queue_drain (queue, tracker, 0, 0, &drained);
  g_assert_cmpuint (drained.added, ==, 2);
  g_assert_true (drained.closed);

  conn = tv_tracker_get_conn (tracker, 0);
  g_assert_cmpuint (conn->n_segs, ==, 2);
  g_assert_cmpuint (conn->segs[0].frame, ==, 7);
  g_assert_true (conn->segs[0].time_ns == G_GINT64_CONSTANT (1700000000123456789));
  g_assert_cmpuint (conn->segs[0].label_kind, ==, TV_LABEL_HTTP_REQUEST);
  g_assert_cmpstr (tv_tracker_get_label (tracker, conn->segs[0].label), ==, "GET /a HTTP/1.1");
  g_assert_cmpuint (conn->segs[1].frame, ==, 10);
  g_assert_cmpuint (conn->segs[1].label_kind, ==, TV_LABEL_NONE);

  tv_tracker_free (tracker);
  tv_frame_queue_free (queue);
}

static void
test_touched (void)
{
  TvFrameQueue *queue = tv_frame_queue_new (0);
  TvTracker *tracker = tv_tracker_new ();
  TvFrameQueueDrain drained;
  const guint32 *touched;
  guint n_touched;
  guint32 number = 1;
  /* connections in the order their frames come */
  static const guint first[] = { 2, 0, 2, 2, 1, 0 };
  static const guint second[] = { 1, 3, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    {
      TvFrame frame = make_frame (first[i], number++);
      tv_frame_queue_push (queue, &frame, TV_LABEL_NONE, NULL);
    }
  tv_frame_queue_flush (queue);
  tv_frame_queue_drain (queue, tracker, 0, 0, &drained);
  g_assert_cmpuint (drained.added, ==, 6);
  g_assert_cmpuint (drained.new_conns, ==, 3);
  /* tracker ids: in order of first frame, so 2 → 0, 0 → 1, 1 → 2 */
  touched = tv_frame_queue_get_touched (queue, &n_touched);
  g_assert_cmpuint (n_touched, ==, 3);
  g_assert_cmpuint (touched[0], ==, 0);
  g_assert_cmpuint (touched[1], ==, 1);
  g_assert_cmpuint (touched[2], ==, 2);

  /* touched accumulates over drains until cleared */
  for (guint i = 0; i < G_N_ELEMENTS (second); i++)
    {
      TvFrame frame = make_frame (second[i], number++);
      tv_frame_queue_push (queue, &frame, TV_LABEL_NONE, NULL);
    }
  tv_frame_queue_flush (queue);
  tv_frame_queue_drain (queue, tracker, 1, 0, &drained);   /* conn 1 → id 2 */
  touched = tv_frame_queue_get_touched (queue, &n_touched);
  g_assert_cmpuint (n_touched, ==, 3);

  tv_frame_queue_clear_touched (queue);
  touched = tv_frame_queue_get_touched (queue, &n_touched);
  g_assert_cmpuint (n_touched, ==, 0);
  tv_frame_queue_drain (queue, tracker, 0, 0, &drained);   /* conn 3 (new, id 3), conn 1 (id 2) */
  g_assert_cmpuint (drained.added, ==, 2);
  g_assert_cmpuint (drained.new_conns, ==, 1);
  touched = tv_frame_queue_get_touched (queue, &n_touched);
  g_assert_cmpuint (n_touched, ==, 2);
  g_assert_cmpuint (touched[0], ==, 3);
  g_assert_cmpuint (touched[1], ==, 2);
  g_assert_cmpuint (tv_tracker_get_n_conns (tracker), ==, 4);

  /* without a tracker the frames are dropped, and touch nothing */
  tv_frame_queue_clear_touched (queue);
  push_range (queue, number, 10);
  tv_frame_queue_flush (queue);
  tv_frame_queue_drain (queue, NULL, 0, 0, &drained);
  g_assert_cmpuint (drained.added, ==, 10);
  g_assert_cmpuint (drained.new_conns, ==, 0);
  tv_frame_queue_get_touched (queue, &n_touched);
  g_assert_cmpuint (n_touched, ==, 0);
  g_assert_cmpuint (tv_frame_queue_get_queued (queue), ==, 0);

  tv_tracker_free (tracker);
  tv_frame_queue_free (queue);
}

/* ---- threads ------------------------------------------------------------------ */

#define MAX_QUEUED 1000
#define PRODUCER_FRAMES 200000

typedef struct {
  TvFrameQueue *queue;
  TvTracker    *tracker;
  GMainLoop    *loop;
  GThread      *main_thread;
  guint         calls;
  guint         calls_running;
  guint         max_seen_queued;
  guint         added;
  guint         max_per_call;
  guint         refs;          /* references the pending source holds */
  guint         ref_calls;
  gboolean      closed;
  gint          flushes_ok;    /* atomic: by the producer */
  gint          producer_done; /* atomic */
  gboolean      producer_stopped;
} Consumer;

static gpointer
consumer_ref (gpointer data)
{
  Consumer *c = data;

  g_atomic_int_inc (&c->refs);
  g_atomic_int_inc (&c->ref_calls);
  return data;
}

static void
consumer_unref (gpointer data)
{
  Consumer *c = data;

  g_assert_cmpuint (g_atomic_int_get (&c->refs), >, 0);
  g_atomic_int_add (&c->refs, -1);
}

static void
consumer_func (gpointer user_data)
{
  Consumer *c = user_data;
  TvFrameQueueDrain drained;
  guint queued;

  g_assert_true (g_thread_self () == c->main_thread);
  g_assert_cmpuint (c->calls_running, ==, 0);
  g_assert_false (c->closed);
  c->calls_running++;
  c->calls++;

  /* the producer waits while MAX_QUEUED frames are queued: never more
   * than that and one chunk (at most 97 frames, see producer()) */
  queued = tv_frame_queue_get_queued (c->queue);
  c->max_seen_queued = MAX (c->max_seen_queued, queued);
  g_assert_cmpuint (queued, <, MAX_QUEUED + 97);

  tv_frame_queue_drain (c->queue, c->tracker, c->max_per_call, 0, &drained);
  g_assert_cmpuint (drained.added, <=, c->max_per_call);
  c->added += drained.added;
  if (drained.closed)
    {
      c->closed = TRUE;
      tv_frame_queue_detach (c->queue);
      g_main_loop_quit (c->loop);
    }
  c->calls_running--;
}

static gpointer
producer (gpointer data)
{
  Consumer *c = data;
  guint32 next = 1;
  guint chunk = 1;

  while (next <= PRODUCER_FRAMES)
    {
      guint n = MIN (chunk, PRODUCER_FRAMES + 1 - next);

      push_range (c->queue, next, n);
      next += n;
      chunk = chunk * 7 % 97 + 1;   /* 1 … 97 frames a chunk */
      if (!tv_frame_queue_flush (c->queue))
        {
          c->producer_stopped = TRUE;
          break;
        }
      g_atomic_int_inc (&c->flushes_ok);
      if (next % 5 == 0)
        tv_frame_queue_wake (c->queue);
    }
  tv_frame_queue_close (c->queue);
  g_atomic_int_set (&c->producer_done, 1);
  return NULL;
}

static gboolean
on_timeout (gpointer data)
{
  g_error ("the hand-over did not finish in time");
  return G_SOURCE_REMOVE;
}

static void
test_threaded (void)
{
  Consumer c = { 0 };
  GThread *thread;
  guint timeout;

  c.queue = tv_frame_queue_new (MAX_QUEUED);
  c.tracker = tv_tracker_new ();
  c.loop = g_main_loop_new (NULL, FALSE);
  c.main_thread = g_thread_self ();
  c.max_per_call = 500;
  tv_frame_queue_attach (c.queue, NULL, "test drain", consumer_func, &c,
                         consumer_ref, consumer_unref);

  thread = g_thread_new ("producer", producer, &c);
  timeout = g_timeout_add_seconds (60, on_timeout, NULL);
  g_main_loop_run (c.loop);
  g_source_remove (timeout);
  g_thread_join (thread);

  g_assert_true (c.closed);
  g_assert_false (c.producer_stopped);
  g_assert_cmpuint (c.added, ==, PRODUCER_FRAMES);
  assert_in_order (c.tracker, PRODUCER_FRAMES);
  /* at most 500 a call: at least 400 calls */
  g_assert_cmpuint (c.calls, >=, PRODUCER_FRAMES / 500);
  /* the producer had to wait: the queue filled up */
  g_assert_cmpuint (c.max_seen_queued, >=, MAX_QUEUED / 2);
  /* detached: the pending source let its reference go, and no more calls */
  g_assert_cmpuint (g_atomic_int_get (&c.refs), ==, 0);
  g_assert_cmpuint (c.ref_calls, >, 0);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (g_atomic_int_get (&c.refs), ==, 0);

  g_main_loop_unref (c.loop);
  tv_tracker_free (c.tracker);
  tv_frame_queue_free (c.queue);
}

/* The watchdog calls the consumer when the idle cannot run (a busy
 * context that keeps dispatching at a higher priority). */
typedef struct {
  guint calls;
  guint added;
  TvFrameQueue *queue;
} Starved;

static void
starved_func (gpointer data)
{
  Starved *s = data;
  TvFrameQueueDrain drained;

  s->calls++;
  tv_frame_queue_drain (s->queue, NULL, 0, 0, &drained);
  s->added += drained.added;
}

static gboolean
busy_cb (gpointer data)
{
  g_usleep (1000);   /* always ready, above the idle's priority */
  return G_SOURCE_CONTINUE;
}

static void
test_watchdog (void)
{
  Starved s = { 0 };
  GSource *busy = g_idle_source_new ();
  gint64 end;

  s.queue = tv_frame_queue_new (0);
  tv_frame_queue_attach (s.queue, NULL, "test drain", starved_func, &s, NULL, NULL);
  tv_frame_queue_set_watchdog (s.queue, 20);

  g_source_set_priority (busy, G_PRIORITY_DEFAULT);
  g_source_set_callback (busy, busy_cb, NULL, NULL);
  g_source_attach (busy, NULL);

  push_range (s.queue, 1, 10);
  tv_frame_queue_flush (s.queue);
  end = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
  while (s.added < 10 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (s.added, ==, 10);
  g_assert_cmpuint (s.calls, >=, 1);

  g_source_destroy (busy);
  g_source_unref (busy);
  tv_frame_queue_free (s.queue);
}

static gpointer
blocked_producer (gpointer data)
{
  Consumer *c = data;
  guint32 next = 1;

  for (;;)
    {
      push_range (c->queue, next, 100);
      next += 100;
      if (!tv_frame_queue_flush (c->queue))
        break;
      g_atomic_int_inc (&c->flushes_ok);
    }
  c->producer_stopped = TRUE;
  g_atomic_int_set (&c->producer_done, 1);
  return NULL;
}

/* stop() wakes a worker that waits for room, and every later flush fails;
 * what was queued before can still be drained. */
static void
test_stop (void)
{
  Consumer c = { 0 };
  TvFrameQueueDrain drained;
  GThread *thread;
  gint64 end;
  guint queued;

  c.queue = tv_frame_queue_new (MAX_QUEUED);
  c.tracker = tv_tracker_new ();
  g_assert_false (tv_frame_queue_is_stopped (c.queue));
  thread = g_thread_new ("producer", blocked_producer, &c);

  /* nobody drains: it fills the queue, then waits */
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (tv_frame_queue_get_queued (c.queue) < MAX_QUEUED && g_get_monotonic_time () < end)
    g_usleep (1000);
  g_usleep (50000);
  g_assert_cmpuint (tv_frame_queue_get_queued (c.queue), ==, MAX_QUEUED);
  g_assert_cmpint (g_atomic_int_get (&c.flushes_ok), ==, MAX_QUEUED / 100);
  g_assert_false (g_atomic_int_get (&c.producer_done));

  tv_frame_queue_stop (c.queue);
  /* it returns at once (and does not go on pushing) */
  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!g_atomic_int_get (&c.producer_done) && g_get_monotonic_time () < end)
    g_usleep (1000);
  g_assert_true (g_atomic_int_get (&c.producer_done));
  g_thread_join (thread);
  g_assert_true (c.producer_stopped);
  g_assert_true (tv_frame_queue_is_stopped (c.queue));
  queued = tv_frame_queue_get_queued (c.queue);
  g_assert_cmpuint (queued, ==, MAX_QUEUED);

  /* later flushes fail and drop their frames */
  push_range (c.queue, 100000, 3);
  g_assert_false (tv_frame_queue_flush (c.queue));
  g_assert_cmpuint (tv_frame_queue_get_unflushed (c.queue), ==, 0);

  tv_frame_queue_drain (c.queue, c.tracker, 0, 0, &drained);
  g_assert_cmpuint (drained.added, ==, MAX_QUEUED);
  g_assert_false (drained.closed);   /* the worker never closed it */
  assert_in_order (c.tracker, MAX_QUEUED);

  tv_tracker_free (c.tracker);
  tv_frame_queue_free (c.queue);
}

/* detach() removes the pending idle: the function is never called and the
 * reference the idle held is given back at once. */
static void
test_detach (void)
{
  Consumer c = { 0 };

  c.queue = tv_frame_queue_new (0);
  c.tracker = tv_tracker_new ();
  c.main_thread = g_thread_self ();
  c.max_per_call = 0;
  tv_frame_queue_attach (c.queue, NULL, "test drain", consumer_func, &c,
                         consumer_ref, consumer_unref);

  push_range (c.queue, 1, 10);
  tv_frame_queue_flush (c.queue);
  tv_frame_queue_wake (c.queue);
  g_assert_cmpuint (g_atomic_int_get (&c.refs), ==, 1);   /* one idle pending, not two */

  tv_frame_queue_detach (c.queue);
  g_assert_cmpuint (g_atomic_int_get (&c.refs), ==, 0);
  push_range (c.queue, 11, 10);
  tv_frame_queue_flush (c.queue);
  tv_frame_queue_close (c.queue);
  g_assert_cmpuint (g_atomic_int_get (&c.refs), ==, 0);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (c.calls, ==, 0);
  g_assert_cmpuint (tv_frame_queue_get_queued (c.queue), ==, 20);

  tv_tracker_free (c.tracker);
  tv_frame_queue_free (c.queue);
}

/* One idle at a time: a function that leaves frames is called again. */
static void
test_pending (void)
{
  Consumer c = { 0 };
  gint64 end;

  c.queue = tv_frame_queue_new (0);
  c.tracker = tv_tracker_new ();
  c.loop = g_main_loop_new (NULL, FALSE);
  c.main_thread = g_thread_self ();
  c.max_per_call = 7;
  tv_frame_queue_attach (c.queue, NULL, "test drain", consumer_func, &c,
                         consumer_ref, consumer_unref);

  for (guint i = 0; i < 10; i++)
    {
      push_range (c.queue, 1 + i * 10, 10);
      tv_frame_queue_flush (c.queue);
    }
  g_assert_cmpuint (g_atomic_int_get (&c.refs), ==, 1);
  tv_frame_queue_close (c.queue);

  end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!c.closed && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_true (c.closed);
  g_assert_cmpuint (c.added, ==, 100);
  g_assert_cmpuint (c.calls, ==, 15);   /* 100 frames, 7 a call */
  assert_in_order (c.tracker, 100);
  g_assert_cmpuint (g_atomic_int_get (&c.refs), ==, 0);

  g_main_loop_unref (c.loop);
  tv_tracker_free (c.tracker);
  tv_frame_queue_free (c.queue);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/frame-queue/order", test_order);
  g_test_add_func ("/core/frame-queue/budget-count", test_budget_count);
  g_test_add_func ("/core/frame-queue/budget-time", test_budget_time);
  g_test_add_func ("/core/frame-queue/labels", test_labels);
  g_test_add_func ("/core/frame-queue/labels-split", test_labels_split);
  g_test_add_func ("/core/frame-queue/push-packet", test_push_packet);
  g_test_add_func ("/core/frame-queue/touched", test_touched);
  g_test_add_func ("/core/frame-queue/pending", test_pending);
  g_test_add_func ("/core/frame-queue/detach", test_detach);
  g_test_add_func ("/core/frame-queue/threaded", test_threaded);
  g_test_add_func ("/core/frame-queue/watchdog", test_watchdog);
  g_test_add_func ("/core/frame-queue/stop", test_stop);

  return g_test_run ();
}
