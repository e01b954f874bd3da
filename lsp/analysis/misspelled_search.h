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
 *
 * The cache also keeps the rule's word memos between runs (each run takes
 * one and gives it back: one per thread that checks at a time), so the
 * verdicts on a document's words (rule_misspelled.c, is_candidate) carry
 * over to the next document: files of one repository share most words.
 */
#pragma once

#include <glib.h>

#include "analysis/word_memo.h"
#include "glossary/trie.h"

G_BEGIN_DECLS

typedef struct _GlsMisspelledCache GlsMisspelledCache;

/* (transfer full) An empty cache; the analyzer holds one. */
GlsMisspelledCache *gls_misspelled_cache_new  (void);
/* NULL is allowed. */
void                gls_misspelled_cache_free (GlsMisspelledCache *cache);

/* (transfer full) A word memo for one run: one an earlier run gave back
 * (its words and verdicts kept), else an empty one. Any thread. */
GlsWordMemo        *gls_misspelled_cache_take_memo (GlsMisspelledCache *cache);
/* Gives memo (taken above) back for later runs; one grown past a bound is
 * freed instead. Any thread. */
void                gls_misspelled_cache_give_memo (GlsMisspelledCache *cache,
                                                    GlsWordMemo        *memo);

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
