/* settings.h — GlsSettings: the merged rule configuration, the server
 * settings and the files they depend on.
 *
 * Layers, lowest first: defaults < .glossary-ls.json at each workspace
 * folder root (folder order) < initializationOptions < client settings
 * (didChangeConfiguration or the workspace/configuration pull) < the
 * session's ignored words; each may be bare or {"glossaryLs": {...}}. The
 * server settings diagnosticsDelay and maxDiagnostics come from the same
 * objects. A layer that fails to parse is skipped and reported
 * (showMessage), the others apply. After a rebuild the settings decide
 * about the glossary (first load, reload when its inputs changed) through
 * the glossary service, and call their owner's hooks for the rest.
 * File monitors and didSave/didChangeWatchedFiles reload, debounced.
 *
 * Ownership: the workspace owns it (gls_settings_free); server and service
 * are borrowed until gls_settings_dispose / free.
 * Threads: main thread; monitor callbacks arrive on the main context.
 * Failure: only ignore_word fails (FALSE + GError on I/O or a project file
 * it cannot edit).
 */
#pragma once

#include "analysis/config.h"
#include "server/server.h"
#include "server/workspace/glossary_service.h"

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

typedef struct _GlsSettings GlsSettings;

/* What the owner does after a rebuild; both run on the main thread, inside
 * the call that rebuilt. */
typedef struct
{
  /* The configuration, delay and maximum were replaced (every rebuild),
   * before the glossary is reloaded or the documents re-checked. */
  void (*changed)   (GlsSettings *settings,
                     gpointer     user_data);
  /* The glossary stays: every open document must be re-checked. */
  void (*reanalyze) (GlsSettings *settings,
                     gpointer     user_data);
} GlsSettingsHooks;

/* no_file_monitors: never watch files with GFileMonitor. (transfer full) */
GlsSettings   *gls_settings_new               (GlsServer          *server,
                                               GlsGlossaryService *service,
                                               gboolean            no_file_monitors);
void           gls_settings_free              (GlsSettings        *settings);
/* hooks (nullable: none) is copied; user_data is passed to them. */
void           gls_settings_set_hooks         (GlsSettings        *settings,
                                               const GlsSettingsHooks *hooks,
                                               gpointer            user_data);
/* The server is gone: timers, monitors and hooks stop. */
void           gls_settings_dispose           (GlsSettings        *settings);

/* `initialized` arrived: rebuilds, which starts the first glossary load. */
void           gls_settings_initialized       (GlsSettings        *settings);
/* Rebuilds the merged configuration from every layer (see above). */
void           gls_settings_rebuild           (GlsSettings        *settings);
/* The client's settings (an a{sv}, or anything else for none) replace the
 * previous ones (a ref is taken); rebuilds. */
void           gls_settings_set_client_settings (GlsSettings      *settings,
                                               GVariant           *client_settings);
/* A file changed or was saved: reloads the configuration and/or the
 * glossary, debounced, if it matters. path is nullable. */
void           gls_settings_path_changed      (GlsSettings        *settings,
                                               const char         *path);
/* Re-creates the file monitors for the current configuration. */
void           gls_settings_watch_files       (GlsSettings        *settings);
/* Adds word to the ignore list of the project file of the workspace folder
 * containing uri (nullable; else the first folder), or of the session
 * without a folder; rebuilds. */
gboolean       gls_settings_ignore_word       (GlsSettings        *settings,
                                               const char         *word,
                                               const char         *uri,
                                               GError            **error);

/* (transfer none) the merged configuration, replaced by every rebuild. */
GlsRuleConfig *gls_settings_get_config        (GlsSettings        *settings);
/* diagnosticsDelay (ms) and maxDiagnostics (0: all). */
guint          gls_settings_get_diagnostics_delay (GlsSettings    *settings);
guint          gls_settings_get_max_diagnostics (GlsSettings      *settings);
/* TRUE while a debounced reload is pending. */
gboolean       gls_settings_reload_pending    (GlsSettings        *settings);

G_END_DECLS
