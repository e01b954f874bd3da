/* workspace_private.h — what workspace.c shares with the modules that
 * maintain the workspace: open_document.c, diagnostics.c, settings.c, and
 * the features that change the workspace (sync.c, code_action.c,
 * configuration.c). Not for the other features (they use workspace.h).
 *
 * All of it runs on the server's main thread.
 */
#pragma once

#include "server/workspace/doc_analysis.h"
#include "server/workspace/glossary_service.h"
#include "server/workspace/uri.h"
#include "server/workspace/workspace.h"
#include "text/store.h"

G_BEGIN_DECLS

/* Diagnostics wait this long after the last edit unless configured
 * ("diagnosticsDelay", milliseconds). */
#define GLS_DEFAULT_DIAGNOSTICS_DELAY_MS 150
/* At most this many diagnostics per document are published unless
 * configured ("maxDiagnostics", 0 = all). Every diagnostic costs ~50-100 us
 * to build and serialize through GVariant and jsonrpc-glib, so thousands of
 * them would make each keystroke cost a fraction of a second; 100 is also
 * what spell checkers default to (cSpell's maxNumberOfProblems). */
#define GLS_DEFAULT_MAX_DIAGNOSTICS 100
/* Glossary and project files are re-read this long after the last change
 * event, so an editor's write-rename-chmod burst is one reload. */
#define GLS_RELOAD_DELAY_MS 200
/* Documents at least this large get their full checks in a worker thread
 * and are re-checked incrementally after edits; smaller ones are always
 * checked whole, on the main loop (doc_analysis.h says why). */
#define GLS_ASYNC_CHECK_BYTES (256 * 1024)
/* A big document re-checked incrementally gets a full check in a worker
 * once edits pause this long, which settles the few findings that depend on
 * the whole document. */
#define GLS_SETTLE_DELAY_MS 500
/* Glossary documents up to this size get the loader's format problems as
 * diagnostics (the seeds are < 256 KiB; a generated 100k-entry glossary is
 * 44 MB and would take seconds per keystroke). */
#define GLS_MAX_GLOSSARY_CHECK_BYTES (2 * 1024 * 1024)

struct _GlsOpenDocument
{
  gint             ref_count;
  GlsWorkspace    *workspace;     /* NULL once closed */
  GlsDocument     *doc;           /* own reference; the store holds another */
  gboolean         is_glossary;
  GlsProse        *prose;         /* languageId "glossary" for glossary documents */
  GArray          *spans;         /* GlsProseSpan cache of every span */
  gboolean         spans_valid;
  GlsDocAnalysis  *analysis;
  gboolean         out_of_sync;   /* a change could not be applied as sent */

  /* diagnostics.c; only diagnostics.c writes these */
  /* Set at open: the document calls it when a running worker full check
   * (if any) can no longer be used; reschedule when a synchronous check
   * superseded it, so the scheduled run publishes instead. */
  void           (*check_obsolete) (GlsOpenDocument *od, gboolean reschedule);
  GSource         *publish_source; /* pending debounce timeout, or NULL */
  GSource         *settle_source;  /* pending settling full check, or NULL */
  GCancellable    *check_cancel;   /* worker full check in flight */
  gboolean         publish_wanted; /* publish once the glossary is loaded */
  gboolean         published_any;  /* a non-empty list is on the client */
  gboolean         told_truncated; /* the client was told about maxDiagnostics */
  GHashTable      *diagnostic_cache; /* built diagnostics by range and rule (diagnostics.c) */
  gint64           edit_wall_us;   /* when the first edit since the last publish arrived */
  gint64           edit_cpu_us;    /* the main thread's CPU time then (debug log) */
};

typedef struct
{
  gulong           id;
  GlsWorkspaceFunc func;
  gpointer         user_data;
  GDestroyNotify   destroy;
} GlsWorkspaceListener;

struct _GlsWorkspace
{
  gint              ref_count;
  GlsServer        *server;          /* NULL once disposed */
  GMainContext     *context;         /* the server's: timers are attached here */
  gboolean          initialized;     /* `initialized` was received */

  /* options */
  gboolean          no_file_monitors;

  /* documents */
  GlsDocumentStore *store;
  GHashTable       *documents;       /* uri -> GlsOpenDocument (a reference) */

  /* glossary */
  GlsGlossaryService *glossary_service; /* the glossary, its analyzer and loads */
  guint             tasks_in_flight; /* worker checks not yet called back */
  GArray           *listeners;       /* GlsWorkspaceListener */
  gulong            next_listener_id;
  GlsRuleConfig    *glossary_doc_config; /* every rule off: hits only */

  /* configuration (settings.c) */
  GlsRuleConfig    *config;
  GVariant         *settings;        /* latest settings, or NULL */
  char            **session_ignore;  /* words ignored without a project file */
  guint             diagnostics_delay_ms;
  guint             max_diagnostics;  /* 0: no limit */
  GPtrArray        *monitors;        /* GFileMonitor */
  GSource          *reload_source;   /* debounce of file changes, or NULL */
  gboolean          reload_config_pending;
  gboolean          reload_glossary_pending;
  GCancellable     *pull_cancel;     /* workspace/configuration request */

  /* sync.c: after didClose, freed memory is handed back to the system */
  guint             trim_source;     /* pending gls_sync_trim timeout, or 0 */
};

/* ---- workspace.c ------------------------------------------------------- */

/* CPU time of the calling thread in microseconds (debug timing logs). */
gint64   gls_thread_cpu_us          (void);

/* A timeout on the workspace's main context (the thread-default one at
 * creation, as GlsRpc uses; g_timeout_add would pick the global default).
 * Returns the source (a reference, for gls_workspace_remove_source). */
GSource *gls_workspace_add_timeout  (GlsWorkspace *ws, guint ms, GSourceFunc func, gpointer data,
                                     GDestroyNotify destroy);
/* Destroys and releases *source (if any) and sets it to NULL. */
void     gls_workspace_remove_source (GSource **source);

GlsOpenDocument *gls_workspace_open (GlsWorkspace *ws, const char *uri, const char *language_id,
                                     gint64 version, const char *text, gsize len);
void     gls_workspace_close        (GlsWorkspace *ws, const char *uri);
/* Makes od's analysis describe its current text, on the main thread:
 * incrementally for big documents, a full check for small ones. */
void     gls_open_document_bring_current (GlsOpenDocument *od);
/* The analyzer and config that apply to od (glossary documents: no rules). */
const GlsRuleConfig *gls_open_document_rule_config (GlsOpenDocument *od);
/* Loads the glossary now if nothing is loaded or loading (blocking). */
void     gls_workspace_ensure_glossary (GlsWorkspace *ws);
/* Starts the first load in a worker (at `initialized`). */
void     gls_workspace_start_load   (GlsWorkspace *ws);
/* TRUE if the configuration asks for other glossaries than the loaded one. */
gboolean gls_workspace_glossary_inputs_changed (GlsWorkspace *ws);
/* Every open document re-checked and republished (config or glossary
 * changed). */
void     gls_workspace_reanalyze_all (GlsWorkspace *ws);
/* The workspace folder paths (NULL-terminated, owned by the caller). */
char   **gls_workspace_folder_paths (GlsWorkspace *ws);

/* ---- open_document.c ------------------------------------------------------ */

/* One TextDocumentContentChangeEvent: the whole text (has_range FALSE) or
 * the text replacing a range, in the negotiated encoding. text is borrowed. */
typedef struct
{
  gboolean    has_range;
  gint64      start_line;
  gint64      start_character;
  gint64      end_line;
  gint64      end_character;
  const char *text;
  gsize       len;
} GlsTextChange;

/* A record for doc (a ref is taken) of ws; its prose is parsed. */
GlsOpenDocument *gls_open_document_new (GlsWorkspace *ws, GlsDocument *doc, gboolean is_glossary);
/* The one way to edit: the text, its prose (incrementally) and the analysis
 * move together. A range whose start is after its end is applied with the
 * ends swapped, logged, and marks the document out of sync. FALSE + error
 * (document unchanged) when the document refuses the change. */
gboolean gls_open_document_apply_change (GlsOpenDocument *od, const GlsTextChange *change,
                                         GError **error);
/* Replaces the whole text (full sync change, or a resync). */
void     gls_open_document_replace  (GlsOpenDocument *od, const char *text, gsize len);
/* Full parse of the text with the extractor of its kind (glossary or not). */
void     gls_open_document_rebuild_prose (GlsOpenDocument *od);


/* ---- diagnostics.c ------------------------------------------------------- */

/* After an edit or open: publish after the configured delay. */
void     gls_diagnostics_schedule   (GlsWorkspace *ws, GlsOpenDocument *od);
/* Stops timers and worker checks of od (closed, or about to be re-checked). */
void     gls_diagnostics_cancel     (GlsOpenDocument *od);
/* od's check_obsolete hook: cancels and forgets a running worker check,
 * then schedules a publish if reschedule. */
void     gls_diagnostics_check_obsolete (GlsOpenDocument *od, gboolean reschedule);
/* Drops od's cache of built diagnostics. */
void     gls_diagnostics_forget     (GlsOpenDocument *od);
/* On close: an empty list for the URI. */
void     gls_diagnostics_clear      (GlsWorkspace *ws, const char *uri);
/* The LSP Diagnostic of a finding of od (a{sv}, floating). */
GVariant *gls_diagnostic_new        (GlsWorkspace *ws, GlsOpenDocument *od,
                                     const GlsFinding *finding);

/* ---- code_action.c ------------------------------------------------------- */

/* The word a misspelled-term finding flags (newly allocated). */
char    *gls_code_action_flagged_word (const char *text, const GlsFinding *finding);

/* ---- settings.c ------------------------------------------------------ */

/* Rebuilds the merged configuration from every layer, then reloads the
 * glossary or re-checks the documents as needed. */
void     gls_settings_rebuild         (GlsWorkspace *ws);
/* Re-creates the file monitors for the current configuration. */
void     gls_settings_watch_files     (GlsWorkspace *ws);
/* Adds word to the ignore list of the project file of the workspace folder
 * containing uri (or the first folder), or of the session without one. */
gboolean gls_settings_ignore_word     (GlsWorkspace *ws, const char *word, const char *uri,
                                     GError **error);
/* A file changed or was saved (file monitor, didSave, didChangeWatchedFiles):
 * reloads the configuration and/or glossary, debounced, if it matters. */
void     gls_settings_path_changed    (GlsWorkspace *ws, const char *path);
/* The client's settings (didChangeConfiguration or the pull; an a{sv} or
 * anything else for none) replace the previous ones; rebuilds. */
void     gls_settings_set_client_settings (GlsWorkspace *ws, GVariant *settings);
void     gls_settings_dispose         (GlsWorkspace *ws);

G_END_DECLS
