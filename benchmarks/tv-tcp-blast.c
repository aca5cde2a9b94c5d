/* tv-tcp-blast.c: a TCP load on 127.0.0.1 for benchmarks/live-capture.sh.
 *
 *   tv-tcp-blast PORT SECONDS THREADS RATE
 *
 * Starts a server on 127.0.0.1:PORT and THREADS clients that, for SECONDS,
 * each open short HTTP-like connections: connect, send a 78-byte request,
 * read a 120-byte response, the server closes, the client closes (about 10
 * packets per connection on lo, handshake to last ACK).  RATE is the total
 * number of connections per second to aim at (0: as fast as possible).
 * Prints "connections=N seconds=S" at the end.  Build: cc -O2 -pthread. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port;
static double seconds;
static double rate;       /* connections per second per thread, 0 = max */
static atomic_long connections;
static atomic_int stop;

static const char request[] =
  "GET /blast HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: tv-tcp-blast\r\nAccept: */*\r\n\r\n";
static char response[120];

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *
serve (void *data)
{
  int fd = *(int *) data;
  char buf[512];
  ssize_t n;

  /* read the request, answer, close first (as an HTTP/1.0 server does) */
  n = read (fd, buf, sizeof buf);
  if (n > 0)
    (void) !write (fd, response, sizeof response);
  shutdown (fd, SHUT_WR);
  while (read (fd, buf, sizeof buf) > 0)
    ;
  close (fd);
  free (data);
  return NULL;
}

static void *
server (void *data)
{
  int lfd = *(int *) data;

  while (!atomic_load (&stop))
    {
      int fd = accept (lfd, NULL, NULL);
      int *arg;
      pthread_t t;

      if (fd < 0)
        {
          if (errno == EINTR || errno == EAGAIN)
            continue;
          break;
        }
      arg = malloc (sizeof *arg);
      *arg = fd;
      if (pthread_create (&t, NULL, serve, arg) != 0)
        {
          close (fd);
          free (arg);
          continue;
        }
      pthread_detach (t);
    }
  return NULL;
}

static void *
client (void *data)
{
  struct sockaddr_in sin = { 0 };
  double start = now (), end = start + seconds;
  long made = 0;

  sin.sin_family = AF_INET;
  sin.sin_port = htons (port);
  sin.sin_addr.s_addr = htonl (INADDR_LOOPBACK);

  while (now () < end)
    {
      char buf[512];
      int fd;

      if (rate > 0)
        {
          double due = start + made / rate;
          double t = now ();
          if (due > t)
            {
              struct timespec ts = { (time_t) (due - t), (long) (((due - t) - (time_t) (due - t)) * 1e9) };
              nanosleep (&ts, NULL);
            }
        }
      fd = socket (AF_INET, SOCK_STREAM, 0);
      if (fd < 0)
        continue;
      if (connect (fd, (struct sockaddr *) &sin, sizeof sin) == 0 &&
          write (fd, request, sizeof request - 1) == (ssize_t) (sizeof request - 1))
        {
          while (read (fd, buf, sizeof buf) > 0)
            ;
          atomic_fetch_add (&connections, 1);
        }
      close (fd);
      made++;
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  struct sockaddr_in sin = { 0 };
  pthread_t srv, *clients;
  int lfd, one = 1, threads;
  double t0;

  if (argc != 5)
    {
      fprintf (stderr, "usage: tv-tcp-blast PORT SECONDS THREADS RATE\n");
      return 2;
    }
  port = atoi (argv[1]);
  seconds = atof (argv[2]);
  threads = atoi (argv[3]);
  rate = atof (argv[4]) / (threads > 0 ? threads : 1);
  if (threads < 1)
    threads = 1;
  memset (response, 'x', sizeof response);
  memcpy (response, "HTTP/1.0 200 OK\r\n", 17);

  lfd = socket (AF_INET, SOCK_STREAM, 0);
  setsockopt (lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sin.sin_family = AF_INET;
  sin.sin_port = htons (port);
  sin.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (bind (lfd, (struct sockaddr *) &sin, sizeof sin) != 0 || listen (lfd, 4096) != 0)
    {
      perror ("tv-tcp-blast: bind");
      return 1;
    }
  pthread_create (&srv, NULL, server, &lfd);

  t0 = now ();
  clients = calloc (threads, sizeof *clients);
  for (int i = 0; i < threads; i++)
    pthread_create (&clients[i], NULL, client, NULL);
  for (int i = 0; i < threads; i++)
    pthread_join (clients[i], NULL);

  atomic_store (&stop, 1);
  shutdown (lfd, SHUT_RDWR);
  close (lfd);
  printf ("connections=%ld seconds=%.3f\n", atomic_load (&connections), now () - t0);
  return 0;
}
