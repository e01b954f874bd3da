/* open_document_private.h — creating, changing and closing a
 * GlsOpenDocument: for the workspace room (workspace.c, the diagnostics
 * scheduler), not for features (they use workspace.h).
 *
 * A document reaches nothing above it: it borrows the glossary service (to
 * wait for the first glossary and get the analyzer) and the server (the
 * negotiated encoding, log messages) from its owner, holds the rule
 * configuration its owner sets, and tells whoever runs a worker check that
 * the check was overtaken through the superseded hook.
 * Main thread only.
 */
#pragma once

#include "analysis/config.h"
#include "server/server.h"
#include "server/workspace/doc_analysis.h"
#include "server/workspace/glossary_service.h"
#include "server/workspace/open_document.h"

G_BEGIN_DECLS

/* Documents at least this large get their full checks in a worker thread
 * and are re-checked incrementally after edits; smaller ones are always
 * checked whole, on the main loop (doc_analysis.h says why). */
#define GLS_ASYNC_CHECK_BYTES (256 * 1024)

/* The worker full check of document (if one runs) can no longer be used;
 * reschedule: a synchronous check superseded it, so the scheduled run
 * publishes instead of the worker. Main thread. */
typedef void (*GlsOpenDocumentSupersededFunc) (GlsOpenDocument *document,
                                               gboolean         reschedule,
                                               gpointer         user_data);

/* A record for doc (a ref is taken); its prose is parsed. service and server
 * (nullable) are borrowed until gls_open_document_close; config: see
 * set_rule_config. (transfer full) */
GlsOpenDocument     *gls_open_document_new            (GlsDocument               *doc,
                                                       gboolean                   is_glossary,
                                                       GlsGlossaryService        *service,
                                                       GlsServer                 *server,
                                                       GlsRuleConfig             *config);
/* Closed (or its workspace is gone): drops the borrowed service, server and
 * hook; is_open turns FALSE; getters keep answering from the last text. */
void                 gls_open_document_close          (GlsOpenDocument           *document);
/* The server is gone (nullable): encoding falls back to UTF-16, messages go
 * to the log. */
void                 gls_open_document_set_server     (GlsOpenDocument           *document,
                                                       GlsServer                 *server);
/* func (nullable) is called when a worker check is superseded (see above). */
void                 gls_open_document_set_superseded_func (GlsOpenDocument      *document,
                                                       GlsOpenDocumentSupersededFunc func,
                                                       gpointer                   user_data);
/* The rule configuration the document is checked with (a ref is taken);
 * the caller's choice (glossary documents: every rule off). */
void                 gls_open_document_set_rule_config (GlsOpenDocument          *document,
                                                       GlsRuleConfig             *config);
/* (transfer none) the configuration set last. */
GlsRuleConfig       *gls_open_document_get_rule_config (GlsOpenDocument          *document);
/* Whether it is a glossary document, without waiting for the glossary. */
gboolean             gls_open_document_peek_is_glossary (GlsOpenDocument         *document);
/* Changes the kind; a change re-parses the prose with the kind's extractor. */
void                 gls_open_document_set_is_glossary (GlsOpenDocument          *document,
                                                       gboolean                   is_glossary);
/* (transfer none) the analysis bookkeeping (doc_analysis.h). */
GlsDocAnalysis      *gls_open_document_get_analysis   (GlsOpenDocument           *document);

/* The one way to edit: the text, its prose (incrementally) and the analysis
 * move together. A range whose start is after its end is applied with the
 * ends swapped, logged, and marks the document out of sync. FALSE + error
 * (document unchanged) when the document refuses the change. */
gboolean             gls_open_document_apply_change   (GlsOpenDocument           *document,
                                                       const GlsTextChange       *change,
                                                       GError                   **error);
/* Replaces the whole text (full sync change, or a resync). */
void                 gls_open_document_replace        (GlsOpenDocument           *document,
                                                       const char                *text,
                                                       gsize                      len);
void                 gls_open_document_set_out_of_sync (GlsOpenDocument          *document,
                                                       gboolean                   out_of_sync);
/* Full parse of the text with the extractor of its kind. */
void                 gls_open_document_rebuild_prose  (GlsOpenDocument           *document);
/* Makes the analysis describe the current text, on the main thread:
 * incrementally for big documents, a full check for small ones. Calls the
 * superseded hook when that overtook a pending worker check. */
void                 gls_open_document_bring_current  (GlsOpenDocument           *document);

G_END_DECLS
