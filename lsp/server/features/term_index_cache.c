/* term_index_cache.c — see term_index_cache.h. */
#include "server/features/term_index_cache.h"

struct _GlsTermIndexCache
{
  gint          ref;
  GlsWorkspace *workspace;  /* borrowed: the cache never outlives it in use */
  GlsTermIndex *index;
};

static GlsTermIndexCache *
term_index_cache_ref (GlsTermIndexCache *cache)
{
  cache->ref++;
  return cache;
}

void
gls_term_index_cache_unref (GlsTermIndexCache *cache)
{
  if (cache == NULL || --cache->ref > 0)
    return;
  gls_term_index_unref (cache->index);
  g_free (cache);
}

static void
term_index_cache_drop (GlsWorkspace *workspace, gpointer data)
{
  GlsTermIndexCache *cache = data;

  g_clear_pointer (&cache->index, gls_term_index_unref);
}

GlsTermIndexCache *
gls_term_index_cache_new (GlsWorkspace *workspace)
{
  GlsTermIndexCache *cache = g_new0 (GlsTermIndexCache, 1);

  cache->ref = 1;
  cache->workspace = workspace;
  gls_workspace_connect_glossary_changed (workspace, term_index_cache_drop,
                                          term_index_cache_ref (cache),
                                          (GDestroyNotify) gls_term_index_cache_unref);
  return cache;
}

GlsTermIndex *
gls_term_index_cache_get (GlsTermIndexCache *cache)
{
  GlsGlossary *glossary = gls_workspace_get_glossary (cache->workspace);

  /* The index holds a reference on its glossary, so a pointer match is the
   * same glossary, even if a swap happened without the callback. */
  if (cache->index == NULL || gls_term_index_get_glossary (cache->index) != glossary)
    {
      g_clear_pointer (&cache->index, gls_term_index_unref);
      cache->index = gls_term_index_new (glossary);
    }
  return cache->index;
}
