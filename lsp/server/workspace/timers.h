/* timers.h — timeouts on a given main context, and the thread CPU clock of
 * the debug timing logs. The bottom of the workspace room: the documents,
 * the diagnostics scheduler, the settings and the workspace all use it.
 *
 * Threads: call on the thread that runs context. Never fails.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A timeout of ms milliseconds attached to context (the workspace's, the
 * thread-default one at its creation, as GlsRpc uses; g_timeout_add would
 * pick the global default). (transfer full): release it with
 * gls_timer_clear. */
GSource *gls_timer_add      (GMainContext  *context,
                             guint          ms,
                             GSourceFunc    func,
                             gpointer       data,
                             GDestroyNotify destroy);
/* Destroys and releases *source (nullable) and sets it to NULL. */
void     gls_timer_clear    (GSource      **source);

/* CPU time of the calling thread in microseconds; 0 when unavailable. */
gint64   gls_thread_cpu_us  (void);

G_END_DECLS
