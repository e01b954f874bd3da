#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "glossary/normalize.h"
#include "glossary/trie.h"
#include "trie_hits.h"

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
