/* term_index_cache.h — the GlsTermIndex (term_query.h) of the workspace's
 * current glossary, built on first use and dropped on every glossary swap.
 *
 * Ownership: ref-counted; the feature holds one reference and the
 * workspace's glossary-changed listener another, whichever goes last frees
 * it. `get` returns a borrowed index valid until control returns to the main
 * loop. Threads: main thread only. Never fails.
 */
#pragma once

#include "server/features/term_query.h"
#include "server/workspace/workspace.h"

G_BEGIN_DECLS

typedef struct _GlsTermIndexCache GlsTermIndexCache;

/* (transfer full); workspace is borrowed and must outlive every get. */
GlsTermIndexCache *gls_term_index_cache_new   (GlsWorkspace      *workspace);
void               gls_term_index_cache_unref (GlsTermIndexCache *cache);
/* Borrowed: valid until control returns to the main loop. */
GlsTermIndex      *gls_term_index_cache_get   (GlsTermIndexCache *cache);

G_END_DECLS
