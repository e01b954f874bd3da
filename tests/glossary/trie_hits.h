/* trie_hits.h — what the trie tests (trie.c, trie_differential.c) record of
 * the trie's callbacks: one hit (key, ids, distance) per call. Static inline:
 * each test uses what it needs. Failures are Criterion expectations. */
#pragma once

#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "glossary/trie.h"

/* What a callback saw: one hit per call. */
typedef struct
{
  GPtrArray *keys;   /* GBytes */
  GPtrArray *ids;    /* GArray of guint32 */
  GArray    *dists;  /* guint */
  gsize      stop_after; /* return FALSE on this call (1-based); 0 = never */
} Hits;

static inline Hits *
hits_new (void)
{
  Hits *h = g_new0 (Hits, 1);
  h->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  h->ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  h->dists = g_array_new (FALSE, FALSE, sizeof (guint));
  return h;
}

static inline void
hits_free (Hits *h)
{
  g_ptr_array_unref (h->keys);
  g_ptr_array_unref (h->ids);
  g_array_unref (h->dists);
  g_free (h);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Hits, hits_free)

static inline gboolean
record (Hits *h, const char *key, gsize len, guint dist, GlsTrieValues v)
{
  /* The contract promises a NUL after the key. */
  cr_expect_eq (key[len], '\0');
  g_ptr_array_add (h->keys, g_bytes_new (key, len));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_vals (ids, v.ids, (guint) v.n);
  g_ptr_array_add (h->ids, ids);
  g_array_append_val (h->dists, dist);
  return h->stop_after == 0 || h->keys->len < h->stop_after;
}

static inline gboolean
on_prefix (const char *key, gsize len, GlsTrieValues v, gpointer data)
{
  return record (data, key, len, 0, v);
}

static inline gboolean
on_fuzzy (const char *key, gsize len, guint dist, GlsTrieValues v, gpointer data)
{
  return record (data, key, len, dist, v);
}

static inline gsize
match (const GlsTrie *t, const char *text)
{
  return gls_trie_longest_match (t, text, strlen (text), NULL);
}
