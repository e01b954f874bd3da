/* Tests of the trie's stored arrays (trie.h: gls_trie_get_arrays,
 * gls_trie_new_from_arrays): a trie rebuilt from its arrays answers every
 * query as the original, and damaged arrays are refused or consistent. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stddef.h>
#include <string.h>

#include "common/tmp-dir.h"
#include <utime.h>

#include "common/leak-check.h"
#include "glossary/digest.h"
#include "glossary/glossary.h"
#include "glossary/glossary_build.h"
#include "glossary/glossary_cache.h"
#include "glossary/glossary_load.h"
#include "glossary/snapshot.h"
#include "glossary/snapshot_format.h"
#include "glossary/source.h"
#include "glossary/source_files.h"
#include "glossary/trie.h"
#include "snapshot_helpers.h"

TestSuite (trie_arrays);

/* ------------------------------------------------------ trie arrays tests */

static GlsTrie *
trie_from_keys (const char * const *keys, gsize n, const guint32 *ids)
{
  GlsTrieBuilder *b = gls_trie_builder_new ();
  for (gsize i = 0; i < n; i++)
    gls_trie_builder_add (b, keys[i], strlen (keys[i]), ids != NULL ? ids[i] : (guint32) i);
  return gls_trie_builder_finish (b);
}

/* A copy of t made from its arrays, which must be accepted. */
static GlsTrie *
trie_copy (const GlsTrie *t, guint32 id_limit)
{
  GlsTrieArrays a;
  g_autoptr (GError) error = NULL;

  gls_trie_get_arrays (t, &a);
  GlsTrie *copy = gls_trie_new_from_arrays (&a, id_limit, &error);
  cr_assert_not_null (copy, "a built trie's arrays are rejected: %s", error->message);
  cr_assert_null (error);
  return copy;
}

/* Queries derived from keys: each key, its first half, the key with a byte
 * dropped, one changed and one appended, and a few strings of no key. */
static GPtrArray *
queries_for (const char * const *keys, gsize n)
{
  GPtrArray *q = g_ptr_array_new_with_free_func (g_free);
  static const char *extra[] = { "", "a", "zzz", "é", "\xff", "the lora and rope" };

  for (gsize i = 0; i < G_N_ELEMENTS (extra); i++)
    g_ptr_array_add (q, g_strdup (extra[i]));
  for (gsize i = 0; i < n; i++)
    {
      gsize len = strlen (keys[i]);
      g_ptr_array_add (q, g_strdup (keys[i]));
      g_ptr_array_add (q, g_strndup (keys[i], len / 2));
      g_ptr_array_add (q, g_strconcat (keys[i], "s", NULL));
      if (len > 1)
        {
          char *dropped = g_strdup (keys[i]);
          memmove (dropped + len / 2, dropped + len / 2 + 1, len - len / 2);
          g_ptr_array_add (q, dropped);
          char *changed = g_strdup (keys[i]);
          changed[len - 1] = changed[len - 1] == 'x' ? 'y' : 'x';
          g_ptr_array_add (q, changed);
        }
    }
  return q;
}

static char *
dump_trie_answers (const GlsTrie *t, GPtrArray *queries)
{
  GString *out = g_string_new (NULL);

  dump_trie_arrays (out, t);
  for (guint i = 0; i < queries->len; i++)
    {
      const char *q = queries->pdata[i];
      dump_trie_query (out, t, q, strlen (q), TRUE);
    }
  return g_string_free (out, FALSE);
}

/* The trie rebuilt from t's arrays answers every query exactly as t, and
 * its arrays are byte for byte t's. */
static void
assert_round_trip (const char * const *keys, gsize n, const guint32 *ids, guint32 id_limit)
{
  g_autoptr (GlsTrie) t = trie_from_keys (keys, n, ids);
  g_autoptr (GlsTrie) copy = trie_copy (t, id_limit);
  g_autoptr (GPtrArray) queries = queries_for (keys, n);
  g_autofree char *want = dump_trie_answers (t, queries);
  g_autofree char *got = dump_trie_answers (copy, queries);
  GlsTrieArrays a, b;

  assert_same_text (want, got, "trie answers");
  gls_trie_get_arrays (t, &a);
  gls_trie_get_arrays (copy, &b);
  cr_assert_eq (a.n_nodes, b.n_nodes);
  cr_assert_eq (a.n_values, b.n_values);
  cr_assert_eq (a.n_labels, b.n_labels);
  cr_expect_eq (memcmp (a.nodes, b.nodes, (a.n_nodes + 1) * GLS_TRIE_NODE_SIZE), 0);
  cr_expect (a.n_values == 0 || memcmp (a.values, b.values, a.n_values * sizeof (guint32)) == 0);
  cr_expect (a.n_labels == 0 || memcmp (a.labels, b.labels, a.n_labels) == 0);
  cr_expect_eq (gls_trie_n_keys (copy), gls_trie_n_keys (t));
  /* The copy owns its arrays: they are not t's. */
  cr_expect_neq (a.nodes, b.nodes);
}

/* Keys with shared prefixes, labels longer than the 3 bytes copied into a
 * node record, UTF-8, a NUL-free invalid byte, repeated keys with several
 * ids, and a fan-out wider than the 8 children find_child scans. */
static const char *const some_keys[] = {
  "a", "ab", "abc", "abcdefghij", "abd", "b", "ba", "bank", "banker", "banking",
  "c++", "café", "cafe", "naïve bayes", "日本語", "日本", "\xff\xfe", "lora", "lora", "qlora",
  "rope", "rope scaling", "rotary position embedding",
  "ka", "kb", "kc", "kd", "ke", "kf", "kg", "kh", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kp",
};
static const guint32 some_ids[] = {
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
  10, 11, 12, 13, 14, 15, 16, 17, 40, 18,
  19, 20, 21,
  22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37,
};
G_STATIC_ASSERT (G_N_ELEMENTS (some_keys) == G_N_ELEMENTS (some_ids));

GLS_TEST (trie_arrays, empty_trie_round_trips)
{
  assert_round_trip (NULL, 0, NULL, 0);
  assert_round_trip (NULL, 0, NULL, 1);

  g_autoptr (GlsTrie) t = trie_from_keys (NULL, 0, NULL);
  GlsTrieArrays a;
  gls_trie_get_arrays (t, &a);
  cr_expect_eq (a.n_nodes, 1, "just the root");
  cr_expect_eq (a.n_values, 0);
  cr_expect_eq (a.n_labels, 0);
}

GLS_TEST (trie_arrays, one_key_round_trips)
{
  const char *keys[] = { "lora" };
  assert_round_trip (keys, 1, NULL, 1);
}

GLS_TEST (trie_arrays, assorted_keys_round_trip)
{
  assert_round_trip (some_keys, G_N_ELEMENTS (some_keys), some_ids, 41);

  /* Not only equal answers but the right ones: the copy is a working trie. */
  g_autoptr (GlsTrie) t = trie_from_keys (some_keys, G_N_ELEMENTS (some_keys), some_ids);
  g_autoptr (GlsTrie) copy = trie_copy (t, 41);
  GlsTrieValues v;
  cr_expect (gls_trie_lookup (copy, "abcdefghij", 10, &v) && v.n == 1 && v.ids[0] == 3);
  cr_expect (gls_trie_lookup (copy, "lora", 4, &v) && v.n == 2 && v.ids[0] == 17 && v.ids[1] == 40);
  cr_expect_eq (gls_trie_prefix (copy, "ban", 3, 0, NULL, NULL), 3);
  cr_expect_eq (gls_trie_prefix (copy, "k", 1, 0, NULL, NULL), 16);
  cr_expect_eq (gls_trie_longest_match (copy, "bank account", 12, NULL), 4);
  cr_expect_eq (gls_trie_fuzzy (copy, "lroa", 4, 1, 0, NULL, NULL), 1);
}

GLS_TEST (trie_arrays, random_keys_round_trip, .timeout = 240)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240611);
  static const char *alphabet[] = { "a", "b", "c", "d", "e", " ", "é", "-" };
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < 300; i++)
    {
      GString *key = g_string_new (NULL);
      gint32 len = g_rand_int_range (rand, 1, 12);
      for (gint32 k = 0; k < len; k++)
        g_string_append (key, alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]);
      g_ptr_array_add (owned, g_string_free (key, FALSE));
      guint32 id = (guint32) g_rand_int_range (rand, 0, 100);
      g_array_append_val (ids, id);
    }
  assert_round_trip ((const char * const *) owned->pdata, owned->len, (const guint32 *) ids->data, 100);
}

/* ----------------------------------------------- trie arrays: rejections */

/* A hand-made trie of "a" (id 0), "abcdef" (id 1) and "b" (id 2), record by
 * record, as trie.h lays it out:
 *
 *   0 root  children [1,3)
 *   1 "a"   children [3,4)  values [0,1) = {0}
 *   2 "b"   children [4,4)  values [1,2) = {2}
 *   3 "bcdef" under "a"     values [2,3) = {1}; edge "bcde", label "cdef"
 *   4 sentinel: labels 4, children 4, values 3
 *
 * Each rejection test changes one thing of this known-good layout, so the
 * rule it breaks is the only reason to refuse it. */
typedef struct
{
  guint32 label;
  guint32 children;
  guint32 values;
  guint8  edge[4];
} Node;
G_STATIC_ASSERT (sizeof (Node) == GLS_TRIE_NODE_SIZE);

typedef struct
{
  Node    nodes[5];
  guint32 values[3];
  guint8  labels[4];
  gsize   n_nodes;
  gsize   n_values;
  gsize   n_labels;
} SmallTrie;

static SmallTrie
small_trie (void)
{
  SmallTrie s = {
    .nodes = {
      { 0, 1, 0, { 0 } },
      { 0, 3, 0, { 'a', 0, 0, 0 } },
      { 0, 4, 1, { 'b', 0, 0, 0 } },
      { 0, 4, 2, { 'b', 'c', 'd', 'e' } },
      { 4, 4, 3, { 0 } },
    },
    .values = { 0, 2, 1 },
    .labels = { 'c', 'd', 'e', 'f' },
    .n_nodes = 4,
    .n_values = 3,
    .n_labels = 4,
  };
  return s;
}

/* The arrays are passed in heap copies of exactly the sizes given, so that
 * AddressSanitizer sees a read one byte past any of them. */
static GlsTrie *
small_trie_new (const SmallTrie *s, guint32 id_limit, GError **error)
{
  g_autofree guint8 *nodes = g_memdup2 (s->nodes, MIN (s->n_nodes + 1, 5) * sizeof (Node));
  g_autofree guint32 *values = g_memdup2 (s->values, MIN (s->n_values, 3) * sizeof (guint32));
  g_autofree guint8 *labels = g_memdup2 (s->labels, MIN (s->n_labels, 4));
  GlsTrieArrays a = {
    .nodes = nodes, .n_nodes = s->n_nodes,
    .values = values, .n_values = s->n_values,
    .labels = labels, .n_labels = s->n_labels,
  };
  return gls_trie_new_from_arrays (&a, id_limit, error);
}

static void
expect_rejected (const SmallTrie *s, guint32 id_limit, const char *what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsTrie) t = small_trie_new (s, id_limit, &error);
  cr_expect_null (t, "%s: accepted", what);
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA), "%s: no error", what);
}

GLS_TEST (trie_arrays, the_hand_made_trie_is_what_the_builder_makes)
{
  const char *keys[] = { "a", "abcdef", "b" };
  const guint32 ids[] = { 0, 1, 2 };
  g_autoptr (GlsTrie) built = trie_from_keys (keys, 3, ids);
  SmallTrie s = small_trie ();
  GlsTrieArrays a;

  gls_trie_get_arrays (built, &a);
  cr_assert_eq (a.n_nodes, s.n_nodes);
  cr_assert_eq (a.n_values, s.n_values);
  cr_assert_eq (a.n_labels, s.n_labels);
  cr_assert_eq (memcmp (a.nodes, s.nodes, sizeof s.nodes), 0);
  cr_assert_eq (memcmp (a.values, s.values, sizeof s.values), 0);
  cr_assert_eq (memcmp (a.labels, s.labels, sizeof s.labels), 0);

  g_autoptr (GError) error = NULL;
  g_autoptr (GlsTrie) t = small_trie_new (&s, 3, &error);
  cr_assert_not_null (t, "%s", error->message);
  GlsTrieValues v;
  cr_expect (gls_trie_lookup (t, "abcdef", 6, &v) && v.n == 1 && v.ids[0] == 1);
  cr_expect (gls_trie_lookup (t, "b", 1, &v) && v.ids[0] == 2);
}

GLS_TEST (trie_arrays, no_nodes_is_rejected)
{
  SmallTrie s = small_trie ();
  s.n_nodes = 0;
  expect_rejected (&s, 3, "n_nodes 0");
}

GLS_TEST (trie_arrays, a_child_before_its_parent_is_rejected)
{
  /* Node 1 gives up its child and node 2 takes nodes 2 and 3: node 2 is
   * its own child. Everything else still holds (node 3's first byte is made
   * 'c' so the siblings stay sorted). */
  SmallTrie s = small_trie ();
  s.nodes[2].children = 2;
  s.nodes[3].edge[0] = 'c';
  s.nodes[1].children = 2;
  expect_rejected (&s, 3, "node 2 its own child");

  /* The root pointing back at itself. */
  s = small_trie ();
  s.nodes[0].children = 0;
  expect_rejected (&s, 3, "the root its own child");
}

GLS_TEST (trie_arrays, an_id_at_or_past_the_limit_is_rejected)
{
  SmallTrie s = small_trie ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsTrie) t = small_trie_new (&s, 3, &error);
  cr_assert_not_null (t, "ids 0..2 are below 3");

  expect_rejected (&s, 2, "id 2 with limit 2");
  expect_rejected (&s, 0, "any id with limit 0");
  s.values[1] = G_MAXUINT32;
  expect_rejected (&s, G_MAXUINT32, "id G_MAXUINT32");
}

GLS_TEST (trie_arrays, unsorted_or_repeated_ids_are_rejected)
{
  /* Node 1 holds two ids: sorted is fine, unsorted or repeated is not. */
  SmallTrie s = small_trie ();
  s.nodes[2].values = 2;
  s.nodes[3].values = 2;
  s.values[0] = 0;
  s.values[1] = 2;
  s.values[2] = 1;
  /* Node 3 now has no value and no child: allowed by the rules, so this
   * variant must be accepted before its ids are broken. */
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsTrie) t = small_trie_new (&s, 3, &error);
  cr_assert_not_null (t, "%s", error != NULL ? error->message : "");

  s.values[1] = 0;
  expect_rejected (&s, 3, "ids 0 0");
  s.values[0] = 2;
  s.values[1] = 1;
  expect_rejected (&s, 3, "ids 2 1");
}

GLS_TEST (trie_arrays, unsorted_siblings_are_rejected)
{
  SmallTrie s = small_trie ();
  s.nodes[1].edge[0] = 'b';
  s.nodes[2].edge[0] = 'a';
  expect_rejected (&s, 3, "siblings b, a");

  s = small_trie ();
  s.nodes[2].edge[0] = 'a';
  expect_rejected (&s, 3, "siblings a, a");
}

GLS_TEST (trie_arrays, a_sentinel_that_does_not_close_the_arrays_is_rejected)
{
  SmallTrie s = small_trie ();
  s.nodes[4].label = 3;
  expect_rejected (&s, 3, "sentinel label 3 of 4");

  s = small_trie ();
  s.nodes[4].values = 2;
  expect_rejected (&s, 3, "sentinel values 2 of 3");

  s = small_trie ();
  s.nodes[4].children = 3;
  expect_rejected (&s, 3, "sentinel children 3 of 4");

  s = small_trie ();
  s.nodes[4].children = 5;
  expect_rejected (&s, 3, "sentinel children 5 of 4");

  /* Arrays longer than the sentinel says. */
  s = small_trie ();
  s.n_labels = 3;
  expect_rejected (&s, 3, "n_labels 3");
  s = small_trie ();
  s.n_values = 2;
  expect_rejected (&s, 3, "n_values 2");
  s = small_trie ();
  s.n_nodes = 3;  /* node 3 taken for the sentinel */
  expect_rejected (&s, 3, "n_nodes 3");
}

GLS_TEST (trie_arrays, other_structural_faults_are_rejected)
{
  SmallTrie s = small_trie ();
  s.nodes[1].values = 1;  /* the root would hold id 0 */
  s.nodes[0].values = 0;
  expect_rejected (&s, 3, "a value on the root");

  s = small_trie ();
  s.nodes[1].label = 1;
  s.nodes[2].label = 1;
  s.nodes[3].label = 1;  /* the root's edge would be "c" */
  expect_rejected (&s, 3, "an edge on the root");

  s = small_trie ();
  s.nodes[3].edge[2] = 'x';
  expect_rejected (&s, 3, "edge copy differs from the label");

  s = small_trie ();
  s.labels[1] = 'x';
  expect_rejected (&s, 3, "label differs from the edge copy");

  s = small_trie ();
  s.nodes[2].values = 0;  /* node 1's values end before they start */
  s.nodes[1].values = 1;
  expect_rejected (&s, 3, "offsets going backwards");
}

/* Offsets that rise past the end of an array in a middle record are caught
 * going backwards only at a later record; the checks must not read through
 * them before that (AddressSanitizer reports the read, the result alone
 * would not show it). */
GLS_TEST (trie_arrays, offsets_past_the_arrays_are_not_read)
{
  /* Node 2's children would be [4,6): the sentinel and one record past
   * it, which the sibling order check would compare. */
  SmallTrie s = small_trie ();
  s.nodes[3].children = 6;
  expect_rejected (&s, 3, "children past the nodes");

  /* Node 2's label would be labels [4,6), just past the 4 there are; node
   * 1's edge copy is made to match its (now longer) label so that node 2
   * is reached. */
  s = small_trie ();
  memcpy (s.nodes[1].edge, "acde", 4);
  s.nodes[2].label = 4;
  s.nodes[3].label = 6;
  expect_rejected (&s, 3, "a label past the labels");

  /* Node 1's ids would be values [0,100), sorted as far as they exist. */
  s = small_trie ();
  s.values[0] = 0;
  s.values[1] = 1;
  s.values[2] = 2;
  s.nodes[2].values = 100;
  s.nodes[3].values = 100;
  expect_rejected (&s, 3, "ids past the values");
}

/* Every field of every record of a small built trie, and every id and label
 * byte, set to values that break it: each result is either refused with an
 * error or a trie that passes check_consistent. Fields whose every change
 * breaks a rule (the sentinel's offsets, the root's, the edge copies) must
 * be refused. */
GLS_TEST (trie_arrays, mutated_arrays_are_rejected_or_consistent, .timeout = 240)
{
  const char *keys[] = { "a", "ab", "abcdefg", "abd", "b", "ba", "cat", "catalog", "dog", "lora",
                         "é", "ék", "lora" };
  const guint32 ids[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  const guint32 id_limit = 13;
  g_autoptr (GlsTrie) t = trie_from_keys (keys, G_N_ELEMENTS (keys), ids);
  GlsTrieArrays a;
  gls_trie_get_arrays (t, &a);
  const gsize n_records = a.n_nodes + 1;
  guint rejected = 0, accepted = 0;

  /* Copies that mutations edit; one spare element each, see below. */
  g_autofree guint8 *nodes = g_malloc0 ((n_records + 1) * GLS_TRIE_NODE_SIZE);
  g_autofree guint32 *values = g_malloc0 ((a.n_values + 1) * sizeof (guint32));
  g_autofree guint8 *labels = g_malloc0 (a.n_labels + 1);

  for (gsize r = 0; r < n_records; r++)
    for (guint field = 0; field < 3 + 4; field++)
      {
        const guint8 *record = a.nodes + r * GLS_TRIE_NODE_SIZE;
        guint32 word = 0;
        if (field < 3)
          memcpy (&word, record + 4 * field, 4);
        const guint32 bad_words[] = {
          0, 1, 2, word - 1, word + 1, word + 2, (guint32) a.n_nodes, (guint32) a.n_nodes + 1,
          (guint32) a.n_values + 1, (guint32) a.n_labels + 1, G_MAXUINT32, G_MAXUINT32 - 1,
          G_MAXUINT32 / 2, 0x80000000u,
        };
        guint8 byte = field >= 3 ? record[12 + field - 3] : 0;
        const guint8 bad_bytes[] = { 0, 1, byte - 1, byte + 1, byte ^ 0x80, 'a', 'z', 0xff };
        gsize n_bad = field < 3 ? G_N_ELEMENTS (bad_words) : G_N_ELEMENTS (bad_bytes);

        for (gsize b = 0; b < n_bad; b++)
          {
            if (field < 3 ? bad_words[b] == word : bad_bytes[b] == byte)
              continue;
            memcpy (nodes, a.nodes, n_records * GLS_TRIE_NODE_SIZE);
            memcpy (values, a.values, a.n_values * sizeof (guint32));
            memcpy (labels, a.labels, a.n_labels);
            if (field < 3)
              memcpy (nodes + r * GLS_TRIE_NODE_SIZE + 4 * field, &bad_words[b], 4);
            else
              nodes[r * GLS_TRIE_NODE_SIZE + 12 + field - 3] = bad_bytes[b];

            GlsTrieArrays m = a;
            m.nodes = nodes;
            m.values = values;
            m.labels = labels;
            g_autoptr (GError) error = NULL;
            g_autoptr (GlsTrie) mt = gls_trie_new_from_arrays (&m, id_limit, &error);
            gboolean must_reject = r == n_records - 1 ||            /* sentinel offsets */
                                   (r == 0 && field < 3) ||          /* the root's */
                                   (r == 1 && field != 1 && field < 3) || /* end of the root's */
                                   (r > 0 && r < n_records - 1 && field >= 4); /* edge copies */
            if (r == n_records - 1 && field >= 3)
              must_reject = FALSE;  /* the sentinel's edge bytes mean nothing */
            if (mt == NULL)
              {
                cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA));
                rejected++;
                continue;
              }
            cr_expect_not (must_reject, "record %zu field %u = %u accepted", r, field,
                           field < 3 ? bad_words[b] : bad_bytes[b]);
            cr_expect_null (error);
            check_consistent (mt, id_limit, keys, G_N_ELEMENTS (keys));
            accepted++;
          }
      }

  /* Ids: past the limit or breaking the order within a node. */
  for (gsize v = 0; v < a.n_values; v++)
    {
      const guint32 bad[] = { id_limit, G_MAXUINT32, a.values[v] + 1, a.values[v] - 1, 0 };
      for (gsize b = 0; b < G_N_ELEMENTS (bad); b++)
        {
          if (bad[b] == a.values[v])
            continue;
          memcpy (values, a.values, a.n_values * sizeof (guint32));
          values[v] = bad[b];
          GlsTrieArrays m = a;
          m.values = values;
          g_autoptr (GError) error = NULL;
          g_autoptr (GlsTrie) mt = gls_trie_new_from_arrays (&m, id_limit, &error);
          if (bad[b] >= id_limit)
            cr_expect_null (mt, "id %u of limit %u accepted", bad[b], id_limit);
          if (mt == NULL)
            rejected++;
          else
            {
              check_consistent (mt, id_limit, keys, G_N_ELEMENTS (keys));
              accepted++;
            }
        }
    }

  /* Label bytes: within the 3 copied into the record a change is refused;
   * past them it only spells another key. */
  gboolean beyond_copy_accepted = FALSE;
  for (gsize l = 0; l < a.n_labels; l++)
    {
      memcpy (labels, a.labels, a.n_labels);
      labels[l] ^= 0x20;
      GlsTrieArrays m = a;
      m.labels = labels;
      g_autoptr (GError) error = NULL;
      g_autoptr (GlsTrie) mt = gls_trie_new_from_arrays (&m, id_limit, &error);
      if (mt == NULL)
        rejected++;
      else
        {
          check_consistent (mt, id_limit, keys, G_N_ELEMENTS (keys));
          beyond_copy_accepted = TRUE;
          accepted++;
        }
    }
  cr_expect (beyond_copy_accepted, "\"abcdefg\" has label bytes past the copy");

  /* Counts that disagree with the sentinel; the spare element of each copy
   * keeps a wrongly accepted count from reading past the test's buffers. */
  const struct { gssize d_nodes, d_values, d_labels; } counts[] = {
    { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 }, { 0, 0, 1 }, { 0, 0, -1 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      memcpy (nodes, a.nodes, n_records * GLS_TRIE_NODE_SIZE);
      memset (nodes + n_records * GLS_TRIE_NODE_SIZE, 0, GLS_TRIE_NODE_SIZE);
      memcpy (values, a.values, a.n_values * sizeof (guint32));
      memcpy (labels, a.labels, a.n_labels);
      GlsTrieArrays m = { nodes, a.n_nodes + counts[i].d_nodes, values,
                          a.n_values + counts[i].d_values, labels, a.n_labels + counts[i].d_labels };
      g_autoptr (GError) error = NULL;
      g_autoptr (GlsTrie) mt = gls_trie_new_from_arrays (&m, id_limit, &error);
      cr_expect_null (mt, "counts changed by %zd %zd %zd accepted", counts[i].d_nodes,
                      counts[i].d_values, counts[i].d_labels);
      rejected += mt == NULL;
    }

  cr_log_info ("trie mutations: %u rejected, %u accepted", rejected, accepted);
  cr_expect_gt (rejected, 100);
}
