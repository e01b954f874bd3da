/* glossary_service.h — GlsGlossaryService: the workspace's current
 * GlsGlossary + GlsAnalyzer and how they are replaced.
 *
 * Inputs: the command line's glossary paths (absolute) and
 * --no-default-glossary, fixed at creation, merged with the glossaries the
 * current rule configuration names (set_config): configured paths first,
 * then the command line's not already listed; the built-in glossary unless
 * either side leaves it out.
 *
 * Loads run in a worker (one at a time: a newer load cancels the older),
 * installs happen on the main thread. `ensure` blocks only for the first
 * glossary (waiting for the running load, or loading right there when none
 * was started). Every install increments the generation, reports the load's
 * problems to the client (logMessage, one showMessage) and then calls the
 * installed hook, which the workspace uses to re-decide its documents.
 *
 * Ownership: ref-counted; a load in flight holds a reference. Getters return
 * borrowed pointers valid until the next install; take a ref for threads.
 * Failure: never fails. A cancelled first load installs an empty glossary;
 * load problems go to the client log.
 * Threads: main thread only, except the worker's load job (internal).
 */
#pragma once

#include "analysis/analyzer.h"
#include "analysis/config.h"
#include "glossary/format.h"
#include "glossary/glossary.h"
#include "glossary/glossary_args.h"
#include "server/server.h"
#include "server/transport/lsp_range.h"
#include "text/position.h"

G_BEGIN_DECLS

typedef struct _GlsGlossaryService GlsGlossaryService;

/* After every install (the first included: first TRUE), on the main thread. */
typedef void (*GlsGlossaryInstalledFunc) (gboolean first,
                                          gpointer user_data);

/* cli (nullable: no paths, the built-in glossary, no snapshot cache) is
 * copied, its paths made absolute; its no_cache decides the snapshot cache
 * (gls_glossary_args_cache_dir). seed_copy_dir (where the built-in sources
 * are copied for Locations) is copied. server (borrowed) receives the load
 * problems until gls_glossary_service_dispose. (transfer full) */
GlsGlossaryService *gls_glossary_service_new          (GlsServer                *server,
                                                       const GlsGlossaryArgs    *cli,
                                                       const char               *seed_copy_dir);
GlsGlossaryService *gls_glossary_service_ref          (GlsGlossaryService       *service);
void                gls_glossary_service_unref        (GlsGlossaryService       *service);
/* func may be NULL (the owner is gone). */
void                gls_glossary_service_set_installed_func (GlsGlossaryService *service,
                                                       GlsGlossaryInstalledFunc  func,
                                                       gpointer                  user_data);
/* The server is gone: cancels the running load; no load starts or is
 * installed from a worker any more, nothing is sent. ensure still works. */
void                gls_glossary_service_dispose      (GlsGlossaryService       *service);
/* The configuration whose glossaries the next load reads (a ref is taken). */
void                gls_glossary_service_set_config   (GlsGlossaryService       *service,
                                                       GlsRuleConfig            *config);

/* (nullable) before the first install; no waiting. */
GlsGlossary        *gls_glossary_service_peek_glossary (GlsGlossaryService      *service);
GlsAnalyzer        *gls_glossary_service_peek_analyzer (GlsGlossaryService      *service);
guint               gls_glossary_service_get_generation (GlsGlossaryService     *service);
/* The command line's paths (absolute, NULL-terminated; borrowed). */
const char *const  *gls_glossary_service_cli_paths    (GlsGlossaryService       *service);

/* Installs the first glossary now if there is none (blocking). */
void                gls_glossary_service_ensure       (GlsGlossaryService       *service);
/* Starts a load in a worker unless the same inputs are already loading (or
 * the glossary was set by hand, or the service is disposed). */
void                gls_glossary_service_start_load   (GlsGlossaryService       *service);
/* Starts a load in a worker, cancelling any running one. */
void                gls_glossary_service_reload       (GlsGlossaryService       *service);
/* Incremented by every worker load started (tells whether one started). */
guint               gls_glossary_service_load_serial  (GlsGlossaryService       *service);
gboolean            gls_glossary_service_is_loading   (GlsGlossaryService       *service);
/* Worker loads not yet called back on the main thread. */
guint               gls_glossary_service_tasks_in_flight (GlsGlossaryService    *service);
/* TRUE if the configuration asks for other glossaries than the loaded ones. */
gboolean            gls_glossary_service_inputs_changed (GlsGlossaryService     *service);
/* Installs glossary (a ref is taken) and stops loading for good (tests). */
void                gls_glossary_service_set_glossary (GlsGlossaryService       *service,
                                                       GlsGlossary              *glossary);

/* A file:// URI of source (see workspace.h); borrowed until the next install. */
const char         *gls_glossary_service_source_uri   (GlsGlossaryService       *service,
                                                       guint                     source);
gboolean            gls_glossary_service_source_range (GlsGlossaryService       *service,
                                                       guint                     source,
                                                       guint32                   start,
                                                       guint32                   end,
                                                       GlsPositionEncoding       encoding,
                                                       GlsLspRange              *range);
/* The index of the source whose file is uri, or -1 (also before the first
 * install). */
gint                gls_glossary_service_source_for_uri (GlsGlossaryService     *service,
                                                       const char               *uri);
/* How the glossary document at uri reads: its loaded source's format
 * (detected, or as configured), else detected from its path and text. */
GlsFormat           gls_glossary_service_format_for_uri (GlsGlossaryService     *service,
                                                       const char               *uri,
                                                       const char               *text,
                                                       gsize                     len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsGlossaryService, gls_glossary_service_unref)

G_END_DECLS
