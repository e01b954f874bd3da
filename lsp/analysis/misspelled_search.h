/* misspelled_search.h — the close-word search of the misspelled-term rule.
 *
 * gls_close_words finds the keys of a trie closest to a stem (at most
 * max_edits away, fewest edits only) that carry want_id, never the stem's own
 * spelling (gls_typo_same_word). Results are memoized twice: in a table of
 * one rule run (gls_close_table_new; single thread) and in the analyzer's
 * GlsMisspelledCache (shared by every run of one analyzer from any thread,
 * locked inside, bounded: it starts over at 65536 stems per table). The
 * cache changes what a repeated search costs, never its result; runs take
 * copies from it, so another thread's clear never pulls a result away.
 */
#pragma once

#include <glib.h>

#include "glossary/trie.h"

G_BEGIN_DECLS

typedef struct _GlsMisspelledCache GlsMisspelledCache;

/* (transfer full) An empty cache; the analyzer holds one. */
GlsMisspelledCache *gls_misspelled_cache_new  (void);
/* NULL is allowed. */
void                gls_misspelled_cache_free (GlsMisspelledCache *cache);

/* The term words closest to one stem. */
typedef struct
{
  guint      distance;
  GPtrArray *words;  /* char*; empty when none is close enough */
} GlsClose;

/* (transfer full) A run's table: stem -> GlsClose*, both owned. */
GHashTable     *gls_close_table_new (void);

/* (transfer none) The close words of stem[0..n) among trie's keys carrying
 * want_id, from table, else from cache's table number which (0 or 1: one per
 * trie a rule searches), else searched and stored in both. Valid while
 * table lives. */
const GlsClose *gls_close_words     (GHashTable         *table,
                                     GlsMisspelledCache *cache,
                                     guint               which,
                                     const GlsTrie      *trie,
                                     guint32             want_id,
                                     const char         *stem,
                                     gsize               n,
                                     guint               max_edits);

G_END_DECLS
