#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "glossary/normalize.h"
#include "glossary/trie.h"

#include "common/leak-check.h"


/* ---------------------------------------------------------------- helpers */

static void
add (GlsTrieBuilder *b, const char *key, guint32 id)
{
  gls_trie_builder_add (b, key, strlen (key), id);
}

/* A trie of NUL-terminated keys with ids 0, 1, 2, ... in argument order. */
static GlsTrie *
trie_of (const char *first, ...)
{
  GlsTrieBuilder *b = gls_trie_builder_new ();
  va_list ap;
  guint32 id = 0;

  va_start (ap, first);
  for (const char *k = first; k != NULL; k = va_arg (ap, const char *))
    add (b, k, id++);
  va_end (ap);
  return gls_trie_builder_finish (b);
}

/* What a callback saw: one hit per call. */
typedef struct
{
  GPtrArray *keys;   /* GBytes */
  GPtrArray *ids;    /* GArray of guint32 */
  GArray    *dists;  /* guint */
  gsize      stop_after; /* return FALSE on this call (1-based); 0 = never */
} Hits;

static Hits *
hits_new (void)
{
  Hits *h = g_new0 (Hits, 1);
  h->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  h->ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  h->dists = g_array_new (FALSE, FALSE, sizeof (guint));
  return h;
}

static void
hits_free (Hits *h)
{
  g_ptr_array_unref (h->keys);
  g_ptr_array_unref (h->ids);
  g_array_unref (h->dists);
  g_free (h);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Hits, hits_free)

static gboolean
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

static gboolean
on_prefix (const char *key, gsize len, GlsTrieValues v, gpointer data)
{
  return record (data, key, len, 0, v);
}

static gboolean
on_fuzzy (const char *key, gsize len, guint dist, GlsTrieValues v, gpointer data)
{
  return record (data, key, len, dist, v);
}

static const char *
hit_key (const Hits *h, guint i, gsize *len)
{
  return g_bytes_get_data (g_ptr_array_index (h->keys, i), len);
}

static void
expect_hit (const Hits *h, guint i, const char *key, guint dist)
{
  gsize len;
  cr_assert_lt (i, h->keys->len, "missing hit %u (%s)", i, key);
  const char *got = hit_key (h, i, &len);
  cr_expect (len == strlen (key) && memcmp (got, key, len) == 0,
             "hit %u: got '%.*s', want '%s'", i, (int) len, got, key);
  cr_expect_eq (g_array_index (h->dists, guint, i), dist, "distance of '%s'", key);
}

static Hits *
prefix_hits (const GlsTrie *t, const char *prefix, gsize limit, gsize *count)
{
  Hits *h = hits_new ();
  *count = gls_trie_prefix (t, prefix, strlen (prefix), limit, on_prefix, h);
  return h;
}

static Hits *
fuzzy_hits (const GlsTrie *t, const char *q, guint k, gsize limit, gsize *count)
{
  Hits *h = hits_new ();
  *count = gls_trie_fuzzy (t, q, strlen (q), k, limit, on_fuzzy, h);
  return h;
}

static gsize
match (const GlsTrie *t, const char *text)
{
  return gls_trie_longest_match (t, text, strlen (text), NULL);
}

/* ---------------------------------------------------------- exact lookup */

GLS_TEST (trie, lookup_collects_sorted_unique_ids)
{
  g_autoptr (GlsTrieBuilder) b = gls_trie_builder_new ();
  add (b, "lora", 9);
  add (b, "qlora", 1);
  add (b, "lora", 2);
  add (b, "lora", 9);
  add (b, "lora", 5);
  g_autoptr (GlsTrie) t = gls_trie_builder_finish (g_steal_pointer (&b));
  GlsTrieValues v;

  cr_assert_eq (gls_trie_n_keys (t), 2);
  cr_assert (gls_trie_lookup (t, "lora", 4, &v));
  cr_assert_eq (v.n, 3);
  cr_expect_eq (v.ids[0], 2);
  cr_expect_eq (v.ids[1], 5);
  cr_expect_eq (v.ids[2], 9);
  cr_assert (gls_trie_lookup (t, "qlora", 5, &v));
  cr_assert_eq (v.n, 1);
  cr_expect_eq (v.ids[0], 1);
  cr_expect (gls_trie_lookup (t, "lora", 4, NULL));
}

GLS_TEST (trie, absent_keys_are_not_found)
{
  g_autoptr (GlsTrie) t = trie_of ("rotary position embedding", "rotary", "roberta", NULL);
  GlsTrieValues v = { (const guint32 *) 1, 99 };

  cr_expect_not (gls_trie_lookup (t, "rot", 3, &v));
  cr_expect_eq (v.n, 0);
  cr_expect_not (gls_trie_lookup (t, "rotary position", 15, NULL)); /* inside a label */
  cr_expect_not (gls_trie_lookup (t, "rotaryx", 7, NULL));          /* past a key */
  cr_expect_not (gls_trie_lookup (t, "rotary position embeddings", 26, NULL));
  cr_expect_not (gls_trie_lookup (t, "zebra", 5, NULL));
  cr_expect_not (gls_trie_lookup (t, "Rotary", 6, NULL));
  /* only len bytes of the query are read */
  cr_expect (gls_trie_lookup (t, "rotary position embedding!", 25, NULL));
}

GLS_TEST (trie, empty_trie)
{
  g_autoptr (GlsTrie) t = gls_trie_builder_finish (gls_trie_builder_new ());
  gsize count;

  cr_expect_eq (gls_trie_n_keys (t), 0);
  cr_expect_gt (gls_trie_memory_size (t), 0);
  cr_expect_not (gls_trie_lookup (t, "a", 1, NULL));
  cr_expect_not (gls_trie_lookup (t, "", 0, NULL));
  g_autoptr (Hits) p = prefix_hits (t, "", 0, &count);
  cr_expect_eq (count, 0);
  cr_expect_eq (p->keys->len, 0);
  cr_expect_eq (match (t, "lora"), 0);
  g_autoptr (Hits) f = fuzzy_hits (t, "a", 2, 0, &count);
  cr_expect_eq (count, 0);
}

GLS_TEST (trie, empty_keys_are_ignored)
{
  g_autoptr (GlsTrieBuilder) b = gls_trie_builder_new ();
  gls_trie_builder_add (b, "", 0, 1);
  gls_trie_builder_add (b, NULL, 0, 2);
  add (b, "x", 3);
  g_autoptr (GlsTrie) t = gls_trie_builder_finish (g_steal_pointer (&b));

  cr_expect_eq (gls_trie_n_keys (t), 1);
  cr_expect_not (gls_trie_lookup (t, "", 0, NULL));
  cr_expect_not (gls_trie_lookup (t, NULL, 0, NULL));
  cr_expect (gls_trie_lookup (t, "x", 1, NULL));
}

GLS_TEST (trie, zero_length_queries)
{
  g_autoptr (GlsTrie) t = trie_of ("b", "a", "ab", "abc", NULL);
  GlsTrieValues v;
  gsize count;

  cr_expect_not (gls_trie_lookup (t, "", 0, &v));
  cr_expect_eq (gls_trie_longest_match (t, "", 0, &v), 0);
  cr_expect_eq (v.n, 0);
  /* prefix "" is every key in byte order */
  g_autoptr (Hits) p = prefix_hits (t, "", 0, &count);
  cr_assert_eq (count, 4);
  expect_hit (p, 0, "a", 0);
  expect_hit (p, 1, "ab", 0);
  expect_hit (p, 2, "abc", 0);
  expect_hit (p, 3, "b", 0);
  /* every key of one character is one insertion away from "" */
  g_autoptr (Hits) f = fuzzy_hits (t, "", 1, 0, &count);
  cr_assert_eq (count, 2);
  expect_hit (f, 0, "a", 1);
  expect_hit (f, 1, "b", 1);
}

GLS_TEST (trie, keys_with_nul_bytes)
{
  g_autoptr (GlsTrieBuilder) b = gls_trie_builder_new ();
  gls_trie_builder_add (b, "a\0b", 3, 1);
  gls_trie_builder_add (b, "a", 1, 2);
  gls_trie_builder_add (b, "a\0", 2, 3);
  gls_trie_builder_add (b, "ab", 2, 4);
  gls_trie_builder_add (b, "\0", 1, 5);
  g_autoptr (GlsTrie) t = gls_trie_builder_finish (g_steal_pointer (&b));
  GlsTrieValues v;
  gsize count;

  cr_assert_eq (gls_trie_n_keys (t), 5);
  cr_assert (gls_trie_lookup (t, "a\0b", 3, &v));
  cr_expect_eq (v.ids[0], 1);
  cr_assert (gls_trie_lookup (t, "a\0", 2, &v));
  cr_expect_eq (v.ids[0], 3);
  cr_assert (gls_trie_lookup (t, "\0", 1, &v));
  cr_expect_eq (v.ids[0], 5);
  cr_expect_not (gls_trie_lookup (t, "a\0c", 3, NULL));

  g_autoptr (Hits) h = hits_new ();
  count = gls_trie_prefix (t, "a", 1, 0, on_prefix, h);
  cr_assert_eq (count, 4);
  gsize len;
  const char *k = hit_key (h, 1, &len);
  cr_expect (len == 2 && memcmp (k, "a\0", 2) == 0);
  k = hit_key (h, 2, &len);
  cr_expect (len == 3 && memcmp (k, "a\0b", 3) == 0);
  expect_hit (h, 3, "ab", 0);

  /* NUL is not a word character, so "a" ends at a boundary before it */
  cr_expect_eq (gls_trie_longest_match (t, "a\0x", 3, NULL), 2);
  cr_expect_eq (gls_trie_longest_match (t, "a\0b c", 5, NULL), 3);
  cr_expect_eq (gls_trie_longest_match (t, "a\0bc", 4, NULL), 2);
  cr_expect_eq (gls_trie_fuzzy (t, "a\0", 2, 0, 0, NULL, NULL), 1);
}

GLS_TEST (trie, reference_counting)
{
  GlsTrie *t = trie_of ("x", NULL);
  GlsTrie *again = gls_trie_ref (t);

  cr_assert_eq (again, t);
  gls_trie_unref (t);
  cr_expect (gls_trie_lookup (again, "x", 1, NULL)); /* still alive */
  gls_trie_unref (again);
  gls_trie_unref (NULL);
  gls_trie_builder_free (NULL);
}

GLS_TEST (trie, memory_size_grows_with_content)
{
  g_autoptr (GlsTrie) small = trie_of ("a", NULL);
  g_autoptr (GlsTrieBuilder) b = gls_trie_builder_new ();
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *k = g_strdup_printf ("term number %u", i);
      add (b, k, i);
    }
  g_autoptr (GlsTrie) big = gls_trie_builder_finish (g_steal_pointer (&b));

  cr_expect_eq (gls_trie_n_keys (big), 1000);
  cr_expect_gt (gls_trie_memory_size (big), gls_trie_memory_size (small) + 1000 * 4);
  /* shared prefixes are stored once: far less than the 15 bytes per key */
  cr_expect_lt (gls_trie_memory_size (big), 1000 * 40);
}

/* ------------------------------------------------------------------ prefix */

GLS_TEST (trie, prefix_in_byte_order_with_limit_and_stop)
{
  g_autoptr (GlsTrie) t = trie_of ("model", "model card", "mode", "modal", "mod", "modem",
                                   "mo", "module", "né", "ne", "nz", NULL);
  gsize count;

  g_autoptr (Hits) all = prefix_hits (t, "mod", 0, &count);
  cr_assert_eq (count, 7);
  cr_assert_eq (all->keys->len, 7);
  const char *want[] = { "mod", "modal", "mode", "model", "model card", "modem", "module" };
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    expect_hit (all, i, want[i], 0);

  g_autoptr (Hits) three = prefix_hits (t, "mod", 3, &count);
  cr_expect_eq (count, 3);
  cr_assert_eq (three->keys->len, 3);
  expect_hit (three, 2, "mode", 0);

  g_autoptr (Hits) stopped = hits_new ();
  stopped->stop_after = 2;
  count = gls_trie_prefix (t, "mod", 3, 0, on_prefix, stopped);
  cr_expect_eq (count, 2);
  cr_expect_eq (stopped->keys->len, 2);

  /* a prefix ending inside an edge, and one continuing past every key */
  g_autoptr (Hits) inside = prefix_hits (t, "model c", 0, &count);
  cr_expect_eq (count, 1);
  expect_hit (inside, 0, "model card", 0);
  g_autoptr (Hits) none = prefix_hits (t, "model cards", 0, &count);
  cr_expect_eq (count, 0);
  g_autoptr (Hits) none2 = prefix_hits (t, "mox", 0, &count);
  cr_expect_eq (count, 0);

  /* byte order: 'z' (0x7A) sorts before the 0xC3 that starts "é" */
  g_autoptr (Hits) n = prefix_hits (t, "n", 0, &count);
  cr_assert_eq (count, 3);
  expect_hit (n, 0, "ne", 0);
  expect_hit (n, 1, "nz", 0);
  expect_hit (n, 2, "né", 0);

  /* counting without a callback */
  cr_expect_eq (gls_trie_prefix (t, "mo", 2, 0, NULL, NULL), 8);
  cr_expect_eq (gls_trie_prefix (t, "mo", 2, 5, NULL, NULL), 5);
}

GLS_TEST (trie, prefix_values_belong_to_the_key)
{
  g_autoptr (GlsTrieBuilder) b = gls_trie_builder_new ();
  add (b, "alpha", 10);
  add (b, "alpha beta", 20);
  add (b, "alpha beta", 21);
  add (b, "alphabet", 30);
  g_autoptr (GlsTrie) t = gls_trie_builder_finish (g_steal_pointer (&b));
  gsize count;

  g_autoptr (Hits) h = prefix_hits (t, "alpha", 0, &count);
  cr_assert_eq (count, 3);
  guint32 want[][2] = { { 10, 0 }, { 20, 21 }, { 30, 0 } };
  guint want_n[] = { 1, 2, 1 };
  for (guint i = 0; i < 3; i++)
    {
      GArray *ids = g_ptr_array_index (h->ids, i);
      cr_assert_eq (ids->len, want_n[i]);
      for (guint j = 0; j < ids->len; j++)
        cr_expect_eq (g_array_index (ids, guint32, j), want[i][j]);
    }
}

/* ---------------------------------------------------------- longest match */

GLS_TEST (trie, longest_match_respects_word_boundaries)
{
  g_autoptr (GlsTrie) t = trie_of ("lora", "rotary position embedding", "rotary",
                                   "rotary position", "c++", "model", "model card", "é", NULL);
  GlsTrieValues v;

  cr_expect_eq (match (t, "lora"), 4);              /* end of text */
  cr_expect_eq (match (t, "lora, qlora"), 4);       /* punctuation after */
  cr_expect_eq (match (t, "lora qlora"), 4);
  cr_expect_eq (match (t, "loram"), 0);             /* partial word */
  cr_expect_eq (match (t, "lor"), 0);               /* text shorter than the key */
  cr_expect_eq (match (t, "lora2"), 0);             /* digits are word characters */
  cr_expect_eq (match (t, "loraé"), 0);             /* UTF-8 letter after the key */
  cr_expect_eq (match (t, "lora\xE2\x80\x94x"), 4); /* UTF-8 punctuation (em dash) */
  cr_expect_eq (match (t, "lora\xCC\x81"), 0);      /* combining mark: still the word */
  cr_expect_eq (match (t, "lora\xff"), 4);          /* invalid byte is not a word char */

  /* multi-word: longest wins, shorter keys are the fallback */
  cr_expect_eq (gls_trie_longest_match (t, "rotary position embedding is", 28, &v), 25);
  cr_assert_eq (v.n, 1);
  cr_expect_eq (v.ids[0], 1);
  cr_expect_eq (match (t, "rotary position embeddings"), 15); /* partial last word */
  cr_expect_eq (match (t, "rotary position embed"), 15);
  cr_expect_eq (match (t, "rotary positional"), 6);
  cr_expect_eq (match (t, "rotary"), 6);
  cr_expect_eq (match (t, "rotaryposition"), 0);
  cr_expect_eq (gls_trie_longest_match (t, "model cards", 11, &v), 5);
  cr_expect_eq (v.ids[0], 5);

  /* a key ending in punctuation may be followed by a word character */
  cr_expect_eq (match (t, "c++x"), 3);
  cr_expect_eq (match (t, "c+"), 0);
  cr_expect_eq (match (t, "éa"), 0);
  cr_expect_eq (match (t, "é."), 2);

  cr_expect_eq (gls_trie_longest_match (t, "nothing here", 12, &v), 0);
  cr_expect_eq (v.n, 0);
}

GLS_TEST (trie, longest_match_never_splits_a_character)
{
  /* Byte keys that stop inside a UTF-8 sequence ("\xC3" is the first byte
   * of "é"); the text decides whether that is a split character. */
  g_autoptr (GlsTrieBuilder) b = gls_trie_builder_new ();
  gls_trie_builder_add (b, "caf\xC3", 4, 1);
  gls_trie_builder_add (b, "caf", 3, 2);
  gls_trie_builder_add (b, "x\xE2\x80", 3, 3);
  g_autoptr (GlsTrie) t = gls_trie_builder_finish (g_steal_pointer (&b));

  cr_expect_eq (match (t, "café"), 0);          /* "caf" is a partial word too */
  cr_expect_eq (match (t, "caf\xC3" "a"), 4);   /* a malformed last character */
  cr_expect_eq (match (t, "caf\xC3"), 4);       /* at the end of the text */
  cr_expect_eq (match (t, "x\xE2\x80\x94"), 0); /* would split the em dash */
  cr_expect_eq (match (t, "x\xE2\x80y"), 3);
}

/* ------------------------------------------------------------------ fuzzy */

GLS_TEST (trie, fuzzy_edit_kinds_cost_one)
{
  g_autoptr (GlsTrie) t = trie_of ("lora", NULL);
  struct { const char *q; guint d; } cases[] = {
    { "lora", 0 },
    { "lor", 1 },    /* deletion */
    { "loora", 1 },  /* insertion */
    { "lara", 1 },   /* substitution */
    { "lroa", 1 },   /* transposition (Damerau, adjacent) */
    { "olra", 1 },
    { "lorA", 1 },   /* no case folding: keys are normalized already */
    { "loré", 1 },   /* one character, two bytes */
    { "lo", 2 },
    { "rola", 2 },   /* not adjacent: two substitutions */
    { "olar", 2 },   /* two transpositions */
    { "loraxx", 2 },
    { "l", 3 },
    { "qlqra", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      for (guint k = 0; k <= GLS_TRIE_MAX_EDITS; k++)
        {
          gsize count;
          g_autoptr (Hits) h = fuzzy_hits (t, cases[i].q, k, 0, &count);
          if (cases[i].d <= k)
            {
              cr_expect_eq (count, 1, "'%s' within %u", cases[i].q, k);
              if (count == 1)
                expect_hit (h, 0, "lora", cases[i].d);
            }
          else
            cr_expect_eq (count, 0, "'%s' not within %u", cases[i].q, k);
        }
    }
}

GLS_TEST (trie, fuzzy_counts_characters_not_bytes)
{
  g_autoptr (GlsTrie) t = trie_of ("日本語", "étude", "straße", NULL);
  gsize count;

  g_autoptr (Hits) a = fuzzy_hits (t, "日本", 1, 0, &count);
  cr_assert_eq (count, 1);
  expect_hit (a, 0, "日本語", 1);
  g_autoptr (Hits) b = fuzzy_hits (t, "本日語", 1, 0, &count); /* swap two 3-byte characters */
  cr_assert_eq (count, 1);
  expect_hit (b, 0, "日本語", 1);
  g_autoptr (Hits) c = fuzzy_hits (t, "etude", 1, 0, &count);
  cr_assert_eq (count, 1);
  expect_hit (c, 0, "étude", 1);
  g_autoptr (Hits) d = fuzzy_hits (t, "strasse", 2, 0, &count);
  cr_assert_eq (count, 1);
  expect_hit (d, 0, "straße", 2);
  g_autoptr (Hits) e = fuzzy_hits (t, "日本x", 0, 0, &count);
  cr_expect_eq (count, 0);
}

GLS_TEST (trie, fuzzy_orders_by_distance_then_bytes)
{
  g_autoptr (GlsTrie) t = trie_of ("token", "tokens", "taken", "toke", "broken", "tokenizer",
                                   "atoken", "tkoen", "zzz", NULL);
  gsize count;

  g_autoptr (Hits) h = fuzzy_hits (t, "token", 2, 0, &count);
  cr_assert_eq (count, 7); /* not "tokenizer" (4 away) nor "zzz" */
  expect_hit (h, 0, "token", 0);
  expect_hit (h, 1, "atoken", 1);
  expect_hit (h, 2, "taken", 1);
  expect_hit (h, 3, "tkoen", 1);
  expect_hit (h, 4, "toke", 1);
  expect_hit (h, 5, "tokens", 1);
  expect_hit (h, 6, "broken", 2);

  g_autoptr (Hits) two = fuzzy_hits (t, "token", 2, 2, &count);
  cr_assert_eq (count, 2);
  expect_hit (two, 1, "atoken", 1);
  g_autoptr (Hits) stopped = hits_new ();
  stopped->stop_after = 3;
  cr_expect_eq (gls_trie_fuzzy (t, "token", 5, 2, 0, on_fuzzy, stopped), 3);
  cr_expect_eq (stopped->keys->len, 3);
  cr_expect_eq (gls_trie_fuzzy (t, "token", 5, 1, 0, NULL, NULL), 6);
}

/* ------------------------------------------- differential against a naive model */

/* The model: a hash table from key bytes to sorted unique ids, and the
 * distinct keys in byte order. Every query is answered by brute force from
 * the contract's wording, without sharing code with the trie. */
typedef struct
{
  GHashTable *ids;    /* GBytes -> GArray of guint32 */
  GPtrArray  *sorted; /* GBytes */
} Model;

static void
model_free (Model *m)
{
  g_hash_table_unref (m->ids);
  g_ptr_array_unref (m->sorted);
  g_free (m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Model, model_free)

static gint
compare_u32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

static gint
compare_bytes_ptr (gconstpointer a, gconstpointer b)
{
  return g_bytes_compare (*(GBytes *const *) a, *(GBytes *const *) b);
}

static Model *
model_new (GPtrArray *keys, GArray *ids)
{
  Model *m = g_new0 (Model, 1);
  m->ids = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref,
                                  (GDestroyNotify) g_array_unref);
  m->sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < keys->len; i++)
    {
      GBytes *k = g_ptr_array_index (keys, i);
      if (g_bytes_get_size (k) == 0)
        continue;
      GArray *set = g_hash_table_lookup (m->ids, k);
      if (set == NULL)
        {
          set = g_array_new (FALSE, FALSE, sizeof (guint32));
          g_hash_table_insert (m->ids, g_bytes_ref (k), set);
          g_ptr_array_add (m->sorted, g_bytes_ref (k));
        }
      guint32 id = g_array_index (ids, guint32, i);
      gboolean seen = FALSE;
      for (guint j = 0; j < set->len; j++)
        seen = seen || g_array_index (set, guint32, j) == id;
      if (!seen)
        g_array_append_val (set, id);
    }
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, m->ids);
  while (g_hash_table_iter_next (&it, NULL, &v))
    g_array_sort (v, compare_u32);
  g_ptr_array_sort (m->sorted, compare_bytes_ptr);
  return m;
}

static GArray *
model_ids (const Model *m, const guint8 *key, gsize len)
{
  g_autoptr (GBytes) k = g_bytes_new (key, len);
  return g_hash_table_lookup (m->ids, k);
}

static void
expect_same_ids (GlsTrieValues v, const GArray *want, const char *what)
{
  cr_assert_eq (v.n, want->len, "%s: %zu ids, want %u", what, v.n, want->len);
  for (guint i = 0; i < want->len; i++)
    cr_assert_eq (v.ids[i], g_array_index (want, guint32, i), "%s: id %u", what, i);
}

static void
expect_same_id_array (const GArray *got, const GArray *want, const char *what)
{
  GlsTrieValues v = { (const guint32 *) got->data, got->len };
  expect_same_ids (v, want, what);
}

/* -- word boundaries, from the contract's wording */

static gsize
spec_lead_len (guint8 b)
{
  return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF8 ? 4 : 1;
}

static gboolean
spec_is_word (gunichar c)
{
  return c != 0 && c < 0x110000 && gls_is_word_char (c);
}

static gboolean
spec_boundary (const guint8 *s, gsize len, gsize e)
{
  if (e == len)
    return TRUE;
  /* inside a well-formed sequence of the text? */
  for (gsize q = e; q > 0 && e - q < 3;)
    {
      q--;
      if ((s[q] & 0xC0) == 0x80)
        continue;
      gsize want = spec_lead_len (s[q]);
      if (q + want > e && q + want <= len && want > 1 &&
          g_utf8_validate ((const char *) s + q, (gssize) want, NULL))
        return FALSE;
      break;
    }
  gunichar next = g_utf8_get_char_validated ((const char *) s + e, (gssize) (len - e));
  if (!spec_is_word (next))
    return TRUE;
  const char *prev = g_utf8_find_prev_char ((const char *) s, (const char *) s + e);
  if (prev == NULL)
    return TRUE;
  gunichar last = g_utf8_get_char_validated (prev, (const char *) s + e - prev);
  if (last >= 0x110000 || g_utf8_next_char (prev) != (const char *) s + e)
    return TRUE; /* malformed: not a word character */
  return !spec_is_word (last);
}

static gsize
model_longest (const Model *m, const guint8 *text, gsize len)
{
  for (gsize l = len; l > 0; l--)
    if (model_ids (m, text, l) != NULL && spec_boundary (text, len, l))
      return l;
  return 0;
}

/* -- characters and distances, from the contract's wording */

static GPtrArray *
spec_units (const guint8 *s, gsize len)
{
  GPtrArray *units = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (gsize i = 0; i < len;)
    {
      gsize want = spec_lead_len (s[i]), n = 1;
      while (n < want && i + n < len && (s[i + n] & 0xC0) == 0x80)
        n++;
      g_ptr_array_add (units, g_bytes_new (s + i, n));
      i += n;
    }
  return units;
}

/* Optimal string alignment distance over whole tables. */
static guint
spec_osa (GPtrArray *a, GPtrArray *b)
{
  guint n = a->len, m = b->len;
  g_autofree guint *d = g_new (guint, (n + 1) * (m + 1));
#define D(i, j) d[(i) * (m + 1) + (j)]
  for (guint i = 0; i <= n; i++)
    D (i, 0) = i;
  for (guint j = 0; j <= m; j++)
    D (0, j) = j;
  for (guint i = 1; i <= n; i++)
    for (guint j = 1; j <= m; j++)
      {
        GBytes *ai = g_ptr_array_index (a, i - 1), *bj = g_ptr_array_index (b, j - 1);
        guint v = MIN (D (i - 1, j) + 1, D (i, j - 1) + 1);
        v = MIN (v, D (i - 1, j - 1) + (g_bytes_equal (ai, bj) ? 0 : 1));
        if (i > 1 && j > 1 && g_bytes_equal (ai, g_ptr_array_index (b, j - 2)) &&
            g_bytes_equal (g_ptr_array_index (a, i - 2), bj))
          v = MIN (v, D (i - 2, j - 2) + 1);
        D (i, j) = v;
      }
  guint r = D (n, m);
#undef D
  return r;
}

/* -- random keys */

typedef GBytes *(*KeyGen) (GRand *r);

/* Term-like keys from a few pieces, so that prefixes are widely shared. */
static GBytes *
gen_pieces (GRand *r)
{
  static const char *pieces[] = { "a", "b", "ab", "ba", "c", "lo", "ra", "lora", "é", "ß",
                                  "日", "本", " ", " ", ",", "-x", "1", "e" };
  GString *s = g_string_new (NULL);
  guint n = (guint) g_rand_int_range (r, 1, 6);
  for (guint i = 0; i < n; i++)
    g_string_append (s, pieces[g_rand_int_range (r, 0, G_N_ELEMENTS (pieces))]);
  gsize len = s->len;
  return g_bytes_new_take (g_string_free (s, FALSE), len);
}

/* Arbitrary bytes: NUL, stray continuations, truncated and whole sequences. */
static GBytes *
gen_bytes (GRand *r)
{
  static const guint8 alphabet[] = { 'a', 'b', ' ', 0x00, 0x80, 0xA9, 0xC3, 0xE2, 0x82,
                                     0xAC, 0xFF, 0xF0, 0x9F, 0xC0 };
  guint n = (guint) g_rand_int_range (r, 1, 8);
  guint8 buf[8];
  for (guint i = 0; i < n; i++)
    buf[i] = alphabet[g_rand_int_range (r, 0, G_N_ELEMENTS (alphabet))];
  return g_bytes_new (buf, n);
}

/* The first character of a fresh random key. */
static GBytes *
random_unit (GRand *r, KeyGen gen)
{
  g_autoptr (GBytes) fresh = gen (r);
  gsize len;
  const guint8 *p = g_bytes_get_data (fresh, &len);
  g_autoptr (GPtrArray) units = spec_units (p, len);
  return g_bytes_ref (units->pdata[0]);
}

/* A key with up to three random character edits, or a fresh random key. */
static GBytes *
gen_query (GRand *r, const Model *m, KeyGen gen)
{
  if (m->sorted->len == 0 || g_rand_boolean (r))
    return gen (r);
  GBytes *k = g_ptr_array_index (m->sorted, g_rand_int_range (r, 0, (gint32) m->sorted->len));
  gsize len;
  const guint8 *p = g_bytes_get_data (k, &len);
  g_autoptr (GPtrArray) units = spec_units (p, len);
  guint edits = (guint) g_rand_int_range (r, 0, 4);
  for (guint e = 0; e < edits; e++)
    {
      guint at = units->len > 0 ? (guint) g_rand_int_range (r, 0, (gint32) units->len) : 0;
      switch (g_rand_int_range (r, 0, 4))
        {
        case 0: /* insert */
          g_ptr_array_insert (units, (gint) at, random_unit (r, gen));
          break;
        case 1: /* delete */
          if (units->len > 0)
            g_ptr_array_remove_index (units, at);
          break;
        case 2: /* substitute */
          if (units->len > 0)
            {
              g_bytes_unref (units->pdata[at]);
              units->pdata[at] = random_unit (r, gen);
            }
          break;
        default: /* transpose */
          if (at + 1 < units->len)
            {
              gpointer tmp = units->pdata[at];
              units->pdata[at] = units->pdata[at + 1];
              units->pdata[at + 1] = tmp;
            }
        }
    }
  GByteArray *out = g_byte_array_new ();
  for (guint i = 0; i < units->len; i++)
    {
      gsize ul;
      const guint8 *u = g_bytes_get_data (units->pdata[i], &ul);
      g_byte_array_append (out, u, (guint) ul);
    }
  return g_byte_array_free_to_bytes (out);
}

typedef struct
{
  GBytes *key;
  guint   dist;
} Near;

static gint
compare_near (gconstpointer a, gconstpointer b)
{
  const Near *x = a, *y = b;
  if (x->dist != y->dist)
    return x->dist < y->dist ? -1 : 1;
  return g_bytes_compare (x->key, y->key);
}

static void
check_queries (const GlsTrie *t, const Model *m, GRand *r, KeyGen gen, guint rounds)
{
  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr (GBytes) qb = gen_query (r, m, gen);
      gsize ql;
      const guint8 *q = g_bytes_get_data (qb, &ql);
      GlsTrieValues v;

      /* exact */
      GArray *want = model_ids (m, q, ql);
      cr_assert_eq (gls_trie_lookup (t, (const char *) q, ql, &v), want != NULL, "lookup %u", round);
      if (want != NULL)
        expect_same_ids (v, want, "lookup");

      /* prefix: cut the query anywhere, even inside a character */
      gsize pl = ql > 0 ? (gsize) g_rand_int_range (r, 0, (gint32) ql + 1) : 0;
      static const gsize limits[] = { 0, 1, 5, 20 };
      gsize limit = limits[g_rand_int_range (r, 0, G_N_ELEMENTS (limits))];
      g_autoptr (Hits) ph = hits_new ();
      gsize count = gls_trie_prefix (t, (const char *) q, pl, limit, on_prefix, ph);
      guint expected = 0;
      for (guint i = 0; i < m->sorted->len && (limit == 0 || expected < limit); i++)
        {
          gsize kl;
          const guint8 *k = g_bytes_get_data (m->sorted->pdata[i], &kl);
          if (kl < pl || (pl > 0 && memcmp (k, q, pl) != 0))
            continue;
          cr_assert_lt (expected, ph->keys->len, "prefix %u: missing key %u", round, expected);
          cr_assert (g_bytes_equal (ph->keys->pdata[expected], m->sorted->pdata[i]),
                     "prefix %u: key %u differs", round, expected);
          expect_same_id_array (ph->ids->pdata[expected], model_ids (m, k, kl), "prefix ids");
          expected++;
        }
      cr_assert_eq (count, expected, "prefix %u count", round);
      cr_assert_eq (ph->keys->len, expected);

      /* longest match: the query followed by a random tail, from every start
       * the model would also use (the trie trusts the caller on that) */
      g_autoptr (GBytes) tail = gen (r);
      gsize tl;
      const guint8 *tp = g_bytes_get_data (tail, &tl);
      g_autoptr (GByteArray) text = g_byte_array_new ();
      g_byte_array_append (text, q, (guint) ql);
      g_byte_array_append (text, tp, (guint) tl);
      gsize got = gls_trie_longest_match (t, (const char *) text->data, text->len, &v);
      gsize ref = model_longest (m, text->data, text->len);
      cr_assert_eq (got, ref, "longest match %u: %zu, want %zu", round, got, ref);
      if (ref > 0)
        expect_same_ids (v, model_ids (m, text->data, ref), "longest ids");
      else
        cr_assert_eq (v.n, 0);

      /* fuzzy */
      guint k = (guint) g_rand_int_range (r, 0, GLS_TRIE_MAX_EDITS + 1);
      static const gsize flimits[] = { 0, 0, 3, 10 };
      gsize flimit = flimits[g_rand_int_range (r, 0, G_N_ELEMENTS (flimits))];
      g_autoptr (GPtrArray) qu = spec_units (q, ql);
      g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (Near));
      for (guint i = 0; i < m->sorted->len; i++)
        {
          gsize kl;
          const guint8 *kp = g_bytes_get_data (m->sorted->pdata[i], &kl);
          if (kl > 6 * (ql + k) + 6)
            continue; /* cannot be within k characters */
          g_autoptr (GPtrArray) ku = spec_units (kp, kl);
          guint d = spec_osa (ku, qu);
          if (d <= k)
            {
              Near n = { m->sorted->pdata[i], d };
              g_array_append_val (near, n);
            }
        }
      g_array_sort (near, compare_near);
      if (flimit > 0 && near->len > flimit)
        g_array_set_size (near, (guint) flimit);
      g_autoptr (Hits) fh = hits_new ();
      count = gls_trie_fuzzy (t, (const char *) q, ql, k, flimit, on_fuzzy, fh);
      cr_assert_eq (count, near->len, "fuzzy %u (k %u): %zu hits, want %u", round, k, count,
                    near->len);
      cr_assert_eq (fh->keys->len, near->len);
      for (guint i = 0; i < near->len; i++)
        {
          Near *n = &g_array_index (near, Near, i);
          cr_assert (g_bytes_equal (fh->keys->pdata[i], n->key), "fuzzy %u: hit %u differs",
                     round, i);
          cr_assert_eq (g_array_index (fh->dists, guint, i), n->dist, "fuzzy %u: distance", round);
          gsize kl;
          const guint8 *kp = g_bytes_get_data (n->key, &kl);
          expect_same_id_array (fh->ids->pdata[i], model_ids (m, kp, kl), "fuzzy ids");
        }
    }
}

static void
differential (guint32 seed, KeyGen gen, guint n_pairs, guint rounds)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (seed);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GlsTrieBuilder) b = gls_trie_builder_new ();

  for (guint i = 0; i < n_pairs; i++)
    {
      GBytes *k = gen (r);
      guint32 id = (guint32) g_rand_int_range (r, 0, 50);
      gsize len;
      const char *p = g_bytes_get_data (k, &len);
      gls_trie_builder_add (b, p, len, id);
      g_ptr_array_add (keys, k);
      g_array_append_val (ids, id);
    }
  g_autoptr (GlsTrie) t = gls_trie_builder_finish (g_steal_pointer (&b));
  g_autoptr (Model) m = model_new (keys, ids);

  cr_assert_eq (gls_trie_n_keys (t), m->sorted->len, "seed %u", seed);
  /* every key is found with exactly its ids */
  for (guint i = 0; i < m->sorted->len; i++)
    {
      gsize len;
      const guint8 *k = g_bytes_get_data (m->sorted->pdata[i], &len);
      GlsTrieValues v;
      cr_assert (gls_trie_lookup (t, (const char *) k, len, &v), "seed %u key %u", seed, i);
      expect_same_ids (v, model_ids (m, k, len), "all keys");
    }
  check_queries (t, m, r, gen, rounds);
}

GLS_TEST (trie_differential, term_like_utf8_keys, .timeout = 300)
{
  differential (1, gen_pieces, 3000, 400);
  differential (2, gen_pieces, 200, 200);
  differential (3, gen_pieces, 5000, 200);
}

GLS_TEST (trie_differential, arbitrary_byte_keys, .timeout = 300)
{
  differential (11, gen_bytes, 3000, 400);
  differential (12, gen_bytes, 50, 200);
}

/* -------------------------------------------------------------- threads */

static gpointer
reader (gpointer data)
{
  GlsTrie *t = data;
  gsize found = 0;
  for (guint round = 0; round < 50; round++)
    for (guint i = 0; i < 200; i++)
      {
        char key[32];
        int n = g_snprintf (key, sizeof key, "term %u", i);
        found += gls_trie_lookup (t, key, (gsize) n, NULL);
        found += gls_trie_longest_match (t, key, (gsize) n, NULL) == (gsize) n;
      }
  found += gls_trie_fuzzy (t, "term 1", 6, 1, 0, NULL, NULL);
  gls_trie_unref (t);
  return GSIZE_TO_POINTER (found);
}

GLS_TEST (trie, concurrent_readers_share_one_trie)
{
  g_autoptr (GlsTrieBuilder) b = gls_trie_builder_new ();
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *k = g_strdup_printf ("term %u", i);
      add (b, k, i);
    }
  GlsTrie *t = gls_trie_builder_finish (g_steal_pointer (&b));
  gpointer alone = reader (gls_trie_ref (t));
  GThread *threads[4];
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("reader", reader, gls_trie_ref (t));
  gls_trie_unref (t); /* the readers hold the last references */
  /* every key is found and matched whole, plus the fuzzy hits */
  cr_assert_gt (GPOINTER_TO_SIZE (alone), 50 * 200 * 2);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    cr_expect_eq (g_thread_join (threads[i]), alone);
}
