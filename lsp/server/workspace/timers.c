/* timers.c — see timers.h. */
#include "server/workspace/timers.h"

#include <time.h>

GSource *
gls_timer_add (GMainContext *context, guint ms, GSourceFunc func, gpointer data,
               GDestroyNotify destroy)
{
  GSource *source = g_timeout_source_new (ms);
  g_source_set_callback (source, func, data, destroy);
  g_source_attach (source, context);
  return source;
}

void
gls_timer_clear (GSource **source)
{
  GSource *s = g_steal_pointer (source);
  if (s == NULL)
    return;
  g_source_destroy (s);
  g_source_unref (s);
}

gint64
gls_thread_cpu_us (void)
{
  struct timespec ts;
  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}
