/* workspace.h — GlsWorkspace: the state every LSP feature reads and the
 * operations text sync, code actions and configuration use to change it.
 *
 * One per GlsServer. It owns the open documents (open_document.h), the
 * glossary and its loads (glossary_service.h), the merged configuration
 * (settings.h) and the diagnostics scheduler (diagnostics.h); the rooms and
 * the path of a keystroke are drawn in docs/architecture.md.
 *
 * Ownership: gls_workspace_new() hands the workspace to the server, which
 * releases it when freed; hold gls_workspace_ref() across a main loop
 * return. Once the server is gone the workspace is "disposed": nothing is
 * sent any more, getters still work.
 * Threads: main thread only; the GlsGlossary / GlsAnalyzer / GlsRuleConfig
 * it hands out are immutable, so a ref of them may go to any thread.
 * Waiting: the first glossary loads in a worker started at `initialized`;
 * every getter that needs it waits for that load (or loads right there
 * before `initialized`), later reloads never block.
 * Glossary documents: languageId "glossary", a URI ending in ".glossary",
 * or the file of a loaded glossary source: hits, hover and definition work
 * inside them, their only diagnostics are the loader's format problems.
 */
#pragma once

#include "glossary/format.h"
#include "glossary/glossary_args.h"
#include "server/server.h"
#include "server/transport/lsp_range.h"
#include "server/workspace/open_document.h"

G_BEGIN_DECLS

typedef struct _GlsWorkspace GlsWorkspace;
/* Opaque here; include analysis/analyzer.h, analysis/config.h or
 * glossary/glossary.h to use them. */
typedef struct _GlsAnalyzer   GlsAnalyzer;
typedef struct _GlsRuleConfig GlsRuleConfig;
typedef struct _GlsGlossary   GlsGlossary;

typedef struct
{
  /* (nullable) the command line's glossaries (glossary_args.h), loaded
   * after the configured ones; NULL: none, the built-in glossary, no
   * snapshot cache. Copied. */
  const GlsGlossaryArgs *glossary;
  /* (nullable) where the built-in glossary's sources are copied for
   * go-to-definition; NULL: $XDG_CACHE_HOME/glossary-ls/<version>/seeds. */
  const char            *seed_copy_dir;
  /* Don't watch glossary files and project files with GFileMonitor. */
  gboolean               no_file_monitors;
} GlsWorkspaceOptions;

typedef void (*GlsWorkspaceFunc) (GlsWorkspace *workspace,
                                  gpointer      user_data);

/* ---- lifetime ------------------------------------------------------- */

/* Call before gls_server_start and gls_features_register_all. options
 * (nullable) is copied. (transfer none: the server owns it) */
GlsWorkspace        *gls_workspace_new                (GlsServer                 *server,
                                                       const GlsWorkspaceOptions *options);
GlsWorkspace        *gls_workspace_ref                (GlsWorkspace              *workspace);
void                 gls_workspace_unref              (GlsWorkspace              *workspace);

/* (nullable) NULL once the server has been freed. */
GlsServer           *gls_workspace_get_server         (GlsWorkspace              *workspace);
/* The negotiated encoding; UTF-16 once the server is gone. */
GlsPositionEncoding  gls_workspace_get_encoding       (GlsWorkspace              *workspace);

/* ---- glossary and configuration -------------------------------------- */

/* (transfer none) never NULL: waits for the first load. Valid until the
 * next swap; take a ref to keep it or hand it to a thread. */
GlsGlossary         *gls_workspace_get_glossary       (GlsWorkspace              *workspace);
/* (transfer none) as get_glossary. */
GlsAnalyzer         *gls_workspace_get_analyzer       (GlsWorkspace              *workspace);
/* Starts at 1, incremented by every glossary swap (completion item data
 * must not be resolved against another glossary). */
guint                gls_workspace_get_generation     (GlsWorkspace              *workspace);
/* (transfer none) the merged configuration (settings.h), read-only. */
GlsRuleConfig       *gls_workspace_get_config         (GlsWorkspace              *workspace);
/* maxDiagnostics (0: all). */
guint                gls_workspace_get_max_diagnostics (GlsWorkspace             *workspace);

/* Runs func after every glossary swap (not the first load), once the new
 * glossary is current and before documents are re-analysed. Returns an
 * id > 0 for gls_workspace_disconnect; destroy (nullable) frees user_data. */
gulong               gls_workspace_connect_glossary_changed (GlsWorkspace        *workspace,
                                                             GlsWorkspaceFunc     func,
                                                             gpointer             user_data,
                                                             GDestroyNotify       destroy);
void                 gls_workspace_disconnect         (GlsWorkspace              *workspace,
                                                       gulong                     id);

/* Rebuilds the glossary in a worker from the current configuration; a
 * reload requested while one runs restarts it. */
void                 gls_workspace_reload_glossary    (GlsWorkspace              *workspace);
/* TRUE while a load or reload runs. */
gboolean             gls_workspace_is_loading         (GlsWorkspace              *workspace);
/* TRUE when no glossary load, worker check, pending diagnostics run or
 * debounced reload is outstanding (tests wait on this). */
gboolean             gls_workspace_is_idle            (GlsWorkspace              *workspace);
/* Iterates the main context until every worker task has come back. Call
 * before returning from main: a worker loading the glossary reads the
 * embedded GResources, which exit-time destructors unregister. */
void                 gls_workspace_drain              (GlsWorkspace              *workspace);
/* Replaces the glossary right away (tests, benchmarks; a ref is taken):
 * runs the glossary-changed callbacks, re-analyses the open documents and
 * cancels any load. */
void                 gls_workspace_set_glossary       (GlsWorkspace              *workspace,
                                                       GlsGlossary               *glossary);

/* ---- glossary sources ------------------------------------------------ */

/* (transfer none) (nullable) a file:// URI of source: its disk file, or
 * for embedded seeds a copy written once to the cache directory; valid
 * until the next swap; NULL if the copy could not be written (logged). */
const char          *gls_workspace_source_uri         (GlsWorkspace              *workspace,
                                                       guint                      source);
/* The LSP range of bytes [start, end) of source's text; FALSE if source is
 * out of range. */
gboolean             gls_workspace_source_range       (GlsWorkspace              *workspace,
                                                       guint                      source,
                                                       guint32                    start,
                                                       guint32                    end,
                                                       GlsLspRange               *range);
/* TRUE if uri (nullable) with language_id (nullable) is a glossary
 * document (see above). */
gboolean             gls_workspace_is_glossary_uri    (GlsWorkspace              *workspace,
                                                       const char                *uri,
                                                       const char                *language_id);
/* The index of the current glossary's source whose file is uri, or -1. */
gint                 gls_workspace_source_for_uri     (GlsWorkspace              *workspace,
                                                       const char                *uri);
/* How the glossary document at uri reads: its loaded source's format, else
 * detected from its path and text. */
GlsFormat            gls_workspace_glossary_format    (GlsWorkspace              *workspace,
                                                       const char                *uri,
                                                       const char                *text,
                                                       gsize                      len);

/* ---- open documents -------------------------------------------------- */

/* (transfer none) (nullable) NULL when uri is not open. */
GlsOpenDocument     *gls_workspace_get_document       (GlsWorkspace              *workspace,
                                                       const char                *uri);
/* (transfer full) every open document, sorted by URI; the array holds
 * references. */
GPtrArray           *gls_workspace_list_documents     (GlsWorkspace              *workspace);
/* Reads params.textDocument.uri and params.position. FALSE + a -32602
 * GLS_RPC_ERROR when missing or mistyped; TRUE with *document NULL when
 * the document is not open; else *document (transfer none) and *offset,
 * the clamped byte offset. */
gboolean             gls_workspace_resolve_position   (GlsWorkspace              *workspace,
                                                       GVariant                  *params,
                                                       GlsOpenDocument          **document,
                                                       guint32                   *offset,
                                                       GError                   **error);

/* ---- changing documents and settings (sync, code actions,
 * configuration) ------------------------------------------------------ */

/* Opens uri (closing it first if open, without telling the client) and
 * schedules its diagnostics. (transfer none) */
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
 * incomplete: some change could not be read (marks it out of sync). */
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
 * (the saved text) and schedules diagnostics. */
void                 gls_workspace_resync             (GlsWorkspace              *workspace,
                                                       GlsOpenDocument           *document,
                                                       const char                *text,
                                                       gsize                      len);
/* A file changed or was saved (path nullable): settings.h reloads what
 * depends on it. */
void                 gls_workspace_path_changed       (GlsWorkspace              *workspace,
                                                       const char                *path);
/* The client's settings (an a{sv}; anything else: none). */
void                 gls_workspace_set_client_settings (GlsWorkspace             *workspace,
                                                       GVariant                  *settings);
/* Adds word to the project's ignore list (settings.h); FALSE + error when
 * the project file cannot be edited. */
gboolean             gls_workspace_ignore_word        (GlsWorkspace              *workspace,
                                                       const char                *word,
                                                       const char                *uri,
                                                       GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsWorkspace, gls_workspace_unref)

G_END_DECLS
