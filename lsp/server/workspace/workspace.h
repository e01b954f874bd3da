/* workspace.h — GlsWorkspace: the state every LSP feature reads.
 *
 * One workspace per GlsServer. It holds
 *   - the glossary (GlsGlossary, immutable) and its GlsAnalyzer. A reload
 *     (a user glossary changed on disk, or the configuration names other
 *     glossaries) builds a new pair in a worker thread and swaps it in on
 *     the main thread; each swap increments the generation and then runs the
 *     "glossary changed" callbacks, so features drop what they cached;
 *   - the merged rule configuration (analysis/config.h), lowest to highest:
 *       defaults < .glossary-ls.json at each workspace folder root (folder
 *       order) < initializationOptions < workspace/didChangeConfiguration
 *       settings (or the workspace/configuration pull) < the server's
 *       command-line options (GlsWorkspaceOptions);
 *     every settings object may be bare or {"glossaryLs": {...}};
 *   - the open documents, each with its prose spans kept up to date
 *     incrementally, and its analysis (term hits and findings) for the
 *     current text, computed on demand or by the diagnostics machinery;
 *   - the position encoding negotiated at initialize.
 *
 * Every protocol handler is registered through features.h: text sync
 * (didOpen/didChange/didClose/didSave), code actions and configuration
 * change the workspace (workspace_private.h), the other features only read
 * it. gls_workspace_new() adds only its lifetime hooks (initialized,
 * shutdown). The glossary and its loads live in glossary_service.h.
 *
 * Glossary availability. The first glossary is loaded in a worker thread
 * started when the client sends `initialized` (the configuration is known
 * then). gls_workspace_get_glossary() and everything that needs the glossary
 * (hits, findings) block the main thread until that first load is done, so
 * a handler can always call them; later reloads never block (the old
 * glossary stays current until the new one is swapped in). Before
 * `initialized` (tests that never send it) the first access loads the
 * glossary synchronously.
 *
 * Documents. A GlsOpenDocument is the workspace's record of one open URI.
 * Pointers to it are borrowed: valid until the document is closed (or
 * re-opened) and never across a return to the main loop unless you hold a
 * reference (gls_open_document_ref). Its GlsDocument, spans, hits and
 * findings are views of the current version: valid until the next edit,
 * close, glossary swap or configuration change, i.e. until control returns
 * to the main loop. Work handed to a thread takes gls_document_snapshot()
 * and copies of the spans.
 *
 * Glossary documents: a document whose languageId is "glossary", whose URI
 * ends in ".glossary", or whose file is one of the loaded glossary sources
 * (gls_workspace_is_glossary_uri). Their prose spans come from
 * text/prose_glossary.h (header items and definition text, not code
 * blocks, math, preamble), so hits, hover and definition work inside them;
 * they get no diagnostics.
 *
 * Positions. Offsets are byte offsets into UTF-8; the conversion helpers
 * here use the negotiated encoding and position.h's clamping rules, so a
 * handler never sees an out-of-range offset.
 *
 * Ownership and threads. gls_workspace_new() attaches the workspace to the
 * server: gls_server_free() releases it (after closing the connection), so
 * the caller never frees it. It is reference counted for asynchronous work
 * that may outlive the server: hold gls_workspace_ref() across a main loop
 * return; once the server is gone the workspace is "disposed" (no more
 * messages are sent, getters still work). Everything here must be called on
 * the server's main thread, except that the GlsGlossary / GlsAnalyzer /
 * GlsRuleConfig references obtained from it (take your own ref) may be used
 * from any thread: they are immutable.
 *
 * Complexity: lookups are O(1) (hash by URI); position conversions as in
 * position.h; hits and findings are computed once per document version and
 * incrementally after edits (only the re-extracted prose ranges are matched
 * again, the rest is shifted).
 */
#pragma once

#include <gio/gio.h>

#include "analysis/config.h"
#include "analysis/finding.h"
#include "analysis/matcher.h"
#include "analysis/analyzer.h"
#include "glossary/format.h"
#include "glossary/glossary.h"
#include "glossary/glossary_args.h"
#include "server/server.h"
#include "server/transport/lsp_range.h"
#include "server/workspace/open_document.h"
#include "text/document.h"
#include "text/position.h"
#include "text/prose.h"

G_BEGIN_DECLS

typedef struct _GlsWorkspace    GlsWorkspace;

typedef struct
{
  /* The command line's glossaries (glossary_args.h): --glossary paths are
   * loaded after the configured ones, --no-default-glossary leaves out the
   * built-in glossary whatever the configuration, --no-cache turns the
   * snapshot cache off. NULL: none, the built-in glossary, no snapshot
   * cache. Copied. */
  const GlsGlossaryArgs *glossary;
  /* Where copies of the built-in glossary's sources are written for
   * go-to-definition; NULL means $XDG_CACHE_HOME/glossary-ls/<version>/seeds. */
  const char            *seed_copy_dir;
  /* Don't watch glossary files and project files with GFileMonitor. */
  gboolean               no_file_monitors;
} GlsWorkspaceOptions;

typedef void (*GlsWorkspaceFunc) (GlsWorkspace *workspace,
                                  gpointer      user_data);

/* ---- lifetime ------------------------------------------------------- */

/* Creates the workspace of server (call before gls_server_start and before
 * gls_features_register_all) and hands ownership to the server. options
 * may be NULL; it is copied. */
GlsWorkspace        *gls_workspace_new                (GlsServer                 *server,
                                                       const GlsWorkspaceOptions *options);
GlsWorkspace        *gls_workspace_ref                (GlsWorkspace              *workspace);
void                 gls_workspace_unref              (GlsWorkspace              *workspace);

/* The server, or NULL once it has been freed. */
GlsServer           *gls_workspace_get_server         (GlsWorkspace              *workspace);
GlsPositionEncoding  gls_workspace_get_encoding       (GlsWorkspace              *workspace);

/* ---- glossary and configuration -------------------------------------- */

/* Borrowed; never NULL (waits for the first load, see above). Take a ref to
 * keep it past a main loop return or to use it in a thread. */
GlsGlossary         *gls_workspace_get_glossary       (GlsWorkspace              *workspace);
GlsAnalyzer         *gls_workspace_get_analyzer       (GlsWorkspace              *workspace);
/* Starts at 1; incremented by every glossary swap (e.g. for completion item
 * data that must not be resolved against another glossary). */
guint                gls_workspace_get_generation     (GlsWorkspace              *workspace);
/* The merged configuration, borrowed, read-only. */
GlsRuleConfig       *gls_workspace_get_config         (GlsWorkspace              *workspace);

/* Runs func on the main thread after every glossary swap (not for the first
 * load), once the new glossary is current and before documents are
 * re-analysed. Returns an id > 0 for gls_workspace_disconnect. */
gulong               gls_workspace_connect_glossary_changed (GlsWorkspace        *workspace,
                                                             GlsWorkspaceFunc     func,
                                                             gpointer             user_data,
                                                             GDestroyNotify       destroy);
void                 gls_workspace_disconnect         (GlsWorkspace              *workspace,
                                                       gulong                     id);

/* Rebuilds the glossary now (asynchronously) from the current configuration.
 * A reload requested while one runs restarts it. */
void                 gls_workspace_reload_glossary    (GlsWorkspace              *workspace);
/* TRUE while a load or reload is running (tests wait on this). */
gboolean             gls_workspace_is_loading         (GlsWorkspace              *workspace);
/* TRUE when no glossary load, worker check or pending diagnostics run is
 * outstanding: everything triggered so far has finished (tests wait on
 * this before checking results or freeing the server). */
gboolean             gls_workspace_is_idle            (GlsWorkspace              *workspace);

/* Iterates the workspace's main context until every worker task (glossary
 * loads, full diagnostics checks) has come back. A process must call it
 * before returning from main: a worker still loading the glossary reads the
 * embedded GResources, which the exit-time destructors unregister. */
void                 gls_workspace_drain              (GlsWorkspace              *workspace);
/* Replaces the glossary right away (tests, benchmarks): takes a reference,
 * builds its analyzer, runs the glossary-changed callbacks, re-analyses the
 * open documents. Any load in progress is cancelled. */
void                 gls_workspace_set_glossary       (GlsWorkspace              *workspace,
                                                       GlsGlossary               *glossary);

/* ---- glossary sources ------------------------------------------------ */

/* A file:// URI for source index of the current glossary, for Locations:
 * its disk file, or for embedded seeds without a disk copy a copy written
 * once to the cache directory. Borrowed, valid until the next glossary swap;
 * NULL if even the cache copy could not be written (logged). */
const char          *gls_workspace_source_uri         (GlsWorkspace              *workspace,
                                                       guint                      source);
/* The LSP range of bytes [start, end) of source's text. FALSE if source is
 * out of range. */
gboolean             gls_workspace_source_range       (GlsWorkspace              *workspace,
                                                       guint                      source,
                                                       guint32                    start,
                                                       guint32                    end,
                                                       GlsLspRange               *range);
/* TRUE if uri (with languageId, which may be NULL) is a glossary document
 * (see above). */
gboolean             gls_workspace_is_glossary_uri    (GlsWorkspace              *workspace,
                                                       const char                *uri,
                                                       const char                *language_id);
/* The index of the current glossary's source whose file is uri, or -1. */
gint                 gls_workspace_source_for_uri     (GlsWorkspace              *workspace,
                                                       const char                *uri);
/* How the glossary document at uri reads (glossary/format.h): its loaded
 * source's format (detected, or as configured), else detected from its path
 * and text. */
GlsFormat            gls_workspace_glossary_format    (GlsWorkspace              *workspace,
                                                       const char                *uri,
                                                       const char                *text,
                                                       gsize                      len);

/* ---- open documents -------------------------------------------------- */

/* Borrowed, or NULL when uri is not open. */
GlsOpenDocument     *gls_workspace_get_document       (GlsWorkspace              *workspace,
                                                       const char                *uri);
/* Every open document, sorted by URI. The array holds references (free it
 * with g_ptr_array_unref). */
GPtrArray           *gls_workspace_list_documents     (GlsWorkspace              *workspace);

/* Reads params.textDocument.uri and params.position (TextDocumentPosition-
 * Params). Returns FALSE with a -32602 GLS_RPC_ERROR when they are missing or
 * mistyped; TRUE with *document NULL when the document is not open; else
 * *document (borrowed) and *offset, the clamped byte offset. */
gboolean             gls_workspace_resolve_position   (GlsWorkspace              *workspace,
                                                       GVariant                  *params,
                                                       GlsOpenDocument          **document,
                                                       guint32                   *offset,
                                                       GError                   **error);

/* ---- text sync and configuration (features/sync.c, code_action.c,
 * configuration.c) --------------------------------------------------- */

/* Opens uri (closing it first if open, without telling the client) and
 * schedules its diagnostics. Returns the document (transfer none). */
GlsOpenDocument     *gls_workspace_open               (GlsWorkspace              *workspace,
                                                       const char                *uri,
                                                       const char                *language_id,
                                                       gint64                     version,
                                                       const char                *text,
                                                       gsize                      len);
/* Closes uri if open and publishes an empty list for it. */
void                 gls_workspace_close              (GlsWorkspace              *workspace,
                                                       const char                *uri);
/* Applies changes in order (one the document refuses is logged, skipped and
 * marks it out of sync), sets version and schedules diagnostics.
 * incomplete: some change of the notification could not be read (marks the
 * document out of sync). */
void                 gls_workspace_change_document    (GlsWorkspace              *workspace,
                                                       GlsOpenDocument           *document,
                                                       gint64                     version,
                                                       const GlsTextChange       *changes,
                                                       gsize                      n_changes,
                                                       gboolean                   incomplete);
/* A notification about document could not be used at all. */
void                 gls_workspace_mark_out_of_sync   (GlsWorkspace              *workspace,
                                                       GlsOpenDocument           *document);
/* Replaces the text of a document out of sync with what the client holds
 * (saved text) and schedules diagnostics. */
void                 gls_workspace_resync             (GlsWorkspace              *workspace,
                                                       GlsOpenDocument           *document,
                                                       const char                *text,
                                                       gsize                      len);
/* A file changed or was saved: the settings reload what depends on it. */
void                 gls_workspace_path_changed       (GlsWorkspace              *workspace,
                                                       const char                *path);
/* The client's settings (an a{sv}, anything else for none); see settings.h. */
void                 gls_workspace_set_client_settings (GlsWorkspace             *workspace,
                                                       GVariant                  *settings);
/* Adds word to the project's ignore list (settings.h); FALSE + error when
 * the project file cannot be edited. */
gboolean             gls_workspace_ignore_word        (GlsWorkspace              *workspace,
                                                       const char                *word,
                                                       const char                *uri,
                                                       GError                   **error);
/* maxDiagnostics (0: all). */
guint                gls_workspace_get_max_diagnostics (GlsWorkspace             *workspace);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsWorkspace, gls_workspace_unref)

G_END_DECLS
