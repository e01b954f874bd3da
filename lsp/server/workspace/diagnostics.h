/* diagnostics.h — GlsDiagnostics: when and what is published
 * (textDocument/publishDiagnostics).
 *
 * A debounce per document, full checks of big documents in a worker on a
 * snapshot, a settling full check after edits pause, the per-document cache
 * of built diagnostics, empty lists on close: the scheduler alone owns that
 * state (one record per tracked document). It sits above the documents
 * (open_document_private.h) and the glossary service and calls nothing
 * above it: the workspace tracks each document it opens, passes the limits
 * of the settings in and asks it whether it is idle.
 *
 * Ownership: reference counted (a worker check holds a reference); the
 * workspace holds the first. server is borrowed until
 * gls_diagnostics_dispose; a ref of service is held. Documents are borrowed
 * from track to untrack.
 * Threads: main thread; the worker touches only its job's copies.
 * Failure: never fails; nothing is sent once the server is gone.
 */
#pragma once

#include "server/server.h"
#include "server/workspace/glossary_service.h"
#include "server/workspace/open_document.h"

G_BEGIN_DECLS

typedef struct _GlsDiagnostics GlsDiagnostics;

/* Timers attach to the thread-default main context of the caller. Delay 0
 * and no maximum until gls_diagnostics_set_limits. (transfer full) */
GlsDiagnostics *gls_diagnostics_new            (GlsServer          *server,
                                                GlsGlossaryService *service);
GlsDiagnostics *gls_diagnostics_ref            (GlsDiagnostics     *diagnostics);
void            gls_diagnostics_unref          (GlsDiagnostics     *diagnostics);
/* The server is gone: every timer and worker check stops, nothing is sent
 * or scheduled any more. */
void            gls_diagnostics_dispose        (GlsDiagnostics     *diagnostics);
/* The debounce in ms and the most diagnostics per document (0: all). */
void            gls_diagnostics_set_limits     (GlsDiagnostics     *diagnostics,
                                                guint               delay_ms,
                                                guint               max_diagnostics);

/* Starts keeping the record of an open document (borrowed until untrack). */
void            gls_diagnostics_track          (GlsDiagnostics     *diagnostics,
                                                GlsOpenDocument    *document);
/* The document is closing: stops its timers and worker check and drops its
 * record. Sends nothing (gls_diagnostics_clear does). */
void            gls_diagnostics_untrack        (GlsDiagnostics     *diagnostics,
                                                GlsOpenDocument    *document);
/* Notes the time of the first edit since the last publish (debug log). */
void            gls_diagnostics_note_edit      (GlsDiagnostics     *diagnostics,
                                                GlsOpenDocument    *document);
/* After an edit or open: publish after the configured delay. */
void            gls_diagnostics_schedule       (GlsDiagnostics     *diagnostics,
                                                GlsOpenDocument    *document);
/* Stops timers and the worker check of document (about to be re-checked,
 * or nothing is published any more) and drops its built diagnostics. */
void            gls_diagnostics_cancel         (GlsDiagnostics     *diagnostics,
                                                GlsOpenDocument    *document);
/* An empty list for uri (on close). */
void            gls_diagnostics_clear          (GlsDiagnostics     *diagnostics,
                                                const char         *uri);

/* Worker checks not yet called back. */
guint           gls_diagnostics_tasks_in_flight (GlsDiagnostics    *diagnostics);
/* TRUE when no worker check, debounce or settling check is pending. */
gboolean        gls_diagnostics_is_idle        (GlsDiagnostics     *diagnostics);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsDiagnostics, gls_diagnostics_unref)

G_END_DECLS
