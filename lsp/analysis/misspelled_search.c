/* misspelled_search.c — the close-word search of the misspelled-term rule:
 * fuzzy lookups in a trie of term words, memoized per run and per analyzer.
 * See misspelled_search.h. */
#include "analysis/misspelled_search.h"

#include "analysis/word_memo.h"

#include "analysis/typo.h"

static void
close_free (GlsClose *c)
{
  g_ptr_array_unref (c->words);
  g_free (c);
}

typedef struct
{
  const char *stem;
  gsize       n;
  guint32     want_id;  /* the id a key must carry to count */
  guint       best;
  GPtrArray  *out;
} FuzzyCollect;

static gboolean
collect_close (const char *key, gsize len, guint distance, GlsTrieValues values, gpointer user_data)
{
  FuzzyCollect *fc = user_data;
  gboolean recognised = FALSE;

  if (distance > fc->best)
    return FALSE;  /* keys arrive fewest edits first: nothing closer follows */
  for (gsize i = 0; i < values.n; i++)
    recognised = recognised || values.ids[i] == fc->want_id;
  if (!recognised || gls_typo_same_word (fc->stem, fc->n, key, len))
    return TRUE;
  fc->best = distance;
  g_ptr_array_add (fc->out, g_strndup (key, len));
  return TRUE;
}

/* The memo of fuzzy searches an analyzer keeps for this rule. A run looks in
 * its own table first, then here; what it takes from here is a copy, so a
 * clear by another thread never pulls a result out from under it. Bounded:
 * once a table holds CLOSE_MEMO_MAX stems it starts over. The same stems
 * come back on every keystroke's check of a document and in every file of a
 * lint run, and a search costs tens of microseconds. */
#define CLOSE_MEMO_MAX 65536

struct _GlsMisspelledCache
{
  GMutex      lock;
  GHashTable *tables[2];  /* [0] one-word keys, [1] words of recognised keys: stem -> GlsClose* */
  GPtrArray  *memos;      /* GlsWordMemo* given back by runs, for the next ones */
};

/* A word memo past this many words is dropped rather than kept: bounds the
 * memory a cache holds per thread that checks (about 2 MB). */
#define MEMO_MAX_WORDS 65536

GlsMisspelledCache *
gls_misspelled_cache_new (void)
{
  GlsMisspelledCache *memo = g_new0 (GlsMisspelledCache, 1);
  g_mutex_init (&memo->lock);
  for (guint i = 0; i < G_N_ELEMENTS (memo->tables); i++)
    memo->tables[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) close_free);
  memo->memos = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_word_memo_free);
  return memo;
}

void
gls_misspelled_cache_free (GlsMisspelledCache *memo)
{
  if (memo == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (memo->tables); i++)
    g_hash_table_unref (memo->tables[i]);
  g_ptr_array_unref (memo->memos);
  g_mutex_clear (&memo->lock);
  g_free (memo);
}

GlsWordMemo *
gls_misspelled_cache_take_memo (GlsMisspelledCache *cache)
{
  GlsWordMemo *memo = NULL;
  g_mutex_lock (&cache->lock);
  if (cache->memos->len > 0)
    memo = g_ptr_array_steal_index_fast (cache->memos, cache->memos->len - 1);
  g_mutex_unlock (&cache->lock);
  return memo != NULL ? memo : gls_word_memo_new (2048);  /* a document's distinct words, mostly */
}

void
gls_misspelled_cache_give_memo (GlsMisspelledCache *cache, GlsWordMemo *memo)
{
  if (gls_word_memo_size (memo) > MEMO_MAX_WORDS)
    {
      gls_word_memo_free (memo);
      return;
    }
  g_mutex_lock (&cache->lock);
  g_ptr_array_add (cache->memos, memo);
  g_mutex_unlock (&cache->lock);
}

static GlsClose *
close_copy (const GlsClose *c)
{
  GlsClose *copy = g_new (GlsClose, 1);
  copy->distance = c->distance;
  copy->words = g_ptr_array_new_full (c->words->len, g_free);
  for (guint i = 0; i < c->words->len; i++)
    g_ptr_array_add (copy->words, g_strdup (g_ptr_array_index (c->words, i)));
  return copy;
}

const GlsClose *
gls_close_words (GHashTable *table, GlsMisspelledCache *memo, guint which, const GlsTrie *trie, guint32 want_id,
                 const char *stem, gsize n, guint max_edits)
{
  GlsClose *found = g_hash_table_lookup (table, stem);
  if (found != NULL)
    return found;

  g_mutex_lock (&memo->lock);
  const GlsClose *shared = g_hash_table_lookup (memo->tables[which], stem);
  if (shared != NULL)
    found = close_copy (shared);
  g_mutex_unlock (&memo->lock);
  if (found == NULL)
    {
      FuzzyCollect fc = { stem, n, want_id, G_MAXUINT, g_ptr_array_new_with_free_func (g_free) };
      gls_trie_fuzzy (trie, stem, n, max_edits, 0, collect_close, &fc);
      found = g_new (GlsClose, 1);
      found->distance = fc.best;
      found->words = fc.out;
      GlsClose *copy = close_copy (found);
      g_mutex_lock (&memo->lock);
      if (g_hash_table_size (memo->tables[which]) >= CLOSE_MEMO_MAX)
        g_hash_table_remove_all (memo->tables[which]);
      g_hash_table_replace (memo->tables[which], g_strndup (stem, n), copy);
      g_mutex_unlock (&memo->lock);
    }
  g_hash_table_insert (table, g_strndup (stem, n), found);
  return found;
}

/* --- verification in context --------------------------------------------- */

GHashTable *
gls_close_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) close_free);
}
