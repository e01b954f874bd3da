/* Tests of a built glossary stored as bytes: the trie's stored arrays
 * (trie.h), snapshots (snapshot.h), the on-disk cache (glossary_cache.h) and
 * the digest both rely on (digest.h).
 *
 * The main oracle is a full textual dump of a glossary (every source, entry,
 * name, term, string and trie answer): a glossary decoded from a snapshot must
 * dump exactly like the one it was taken from. The rejection tests feed
 * damaged bytes and check the contract of gls_snapshot_decode: an error, a
 * NULL result, and the caller's sources and issues untouched. To get past the
 * checksum, the tests re-seal mutated snapshots themselves, which needs the
 * header layout (snapshot_format.h, checked against real snapshots by
 * snapshot.layout_is_the_one_the_tests_assume). */
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
#include "glossary/glossary_cache.h"
#include "glossary/snapshot.h"
#include "glossary/snapshot_format.h"
#include "glossary/source.h"
#include "glossary/source_files.h"
#include "glossary/trie.h"
#include "glossary/glossary_load.h"
#include "glossary/glossary_build.h"

TestSuite (trie_arrays);
TestSuite (snapshot);
TestSuite (snapshot_corrupt);
TestSuite (glossary_cache);
TestSuite (digest);

/* ------------------------------------------------------------ text output */

/* s[0..len) quoted, with control bytes, quotes and backslashes escaped, so
 * any key or slice (NUL and invalid UTF-8 included) prints on one line. */
static void
append_quoted (GString *out, const char *s, gsize len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) s[i];
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
append_ids (GString *out, GlsTrieValues v)
{
  g_string_append_c (out, '[');
  for (gsize i = 0; i < v.n; i++)
    g_string_append_printf (out, i > 0 ? " %u" : "%u", v.ids[i]);
  g_string_append_c (out, ']');
}

/* Fails with the first line where two dumps differ: the dumps are far too
 * long to print whole. */
static void
assert_same_text (const char *a, const char *b, const char *what)
{
  guint line = 1;
  const char *pa = a, *pb = b;

  while (*pa != '\0' || *pb != '\0')
    {
      const char *ea = pa + strcspn (pa, "\n"), *eb = pb + strcspn (pb, "\n");
      if (ea - pa != eb - pb || memcmp (pa, pb, (gsize) (ea - pa)) != 0)
        cr_assert_fail ("%s: line %u differs:\n  %.*s\n  %.*s", what, line, (int) (ea - pa), pa,
                        (int) (eb - pb), pb);
      pa = *ea != '\0' ? ea + 1 : ea;
      pb = *eb != '\0' ? eb + 1 : eb;
      line++;
    }
}

/* ------------------------------------------------------------- trie dumps */

static gboolean
dump_prefix_visit (const char *key, gsize len, GlsTrieValues v, gpointer out)
{
  g_string_append (out, "    ");
  append_quoted (out, key, len);
  append_ids (out, v);
  g_string_append_c (out, '\n');
  return TRUE;
}

static gboolean
dump_fuzzy_visit (const char *key, gsize len, guint distance, GlsTrieValues v, gpointer out)
{
  g_string_append_printf (out, "    %u ", distance);
  append_quoted (out, key, len);
  append_ids (out, v);
  g_string_append_c (out, '\n');
  return TRUE;
}

/* Every answer the trie gives for query: exact lookup, the keys it prefixes,
 * the longest match in it and in it followed by more text, and the keys
 * within one and two edits. */
static void
dump_trie_query (GString *out, const GlsTrie *t, const char *query, gsize len, gboolean fuzzy)
{
  GlsTrieValues v;
  g_autofree char *longer = g_strdup_printf ("%.*s and more", (int) len, query);

  g_string_append (out, "query ");
  append_quoted (out, query, len);
  g_string_append_printf (out, "\n  lookup %d ", gls_trie_lookup (t, query, len, &v));
  append_ids (out, v);
  g_string_append_printf (out, "\n  longest %zu ", gls_trie_longest_match (t, query, len, &v));
  append_ids (out, v);
  g_string_append_printf (out, "\n  longest+ %zu ",
                          gls_trie_longest_match (t, longer, len + strlen (" and more"), &v));
  append_ids (out, v);
  g_string_append (out, "\n  prefix\n");
  gls_trie_prefix (t, query, len, 0, dump_prefix_visit, out);
  for (guint k = 1; fuzzy && k <= GLS_TRIE_MAX_EDITS; k++)
    {
      g_string_append_printf (out, "  fuzzy %u\n", k);
      gls_trie_fuzzy (t, query, len, k, 0, dump_fuzzy_visit, out);
    }
}

static void
append_digest (GString *out, const void *data, gsize len)
{
  char hex[33];
  gls_digest_hex (gls_digest (data, len), hex);
  g_string_append (out, hex);
}

/* The trie's shape: sizes and a digest of each array. */
static void
dump_trie_arrays (GString *out, const GlsTrie *t)
{
  GlsTrieArrays a;

  gls_trie_get_arrays (t, &a);
  g_string_append_printf (out, "trie keys %zu nodes %zu values %zu labels %zu\n  ",
                          gls_trie_n_keys (t), a.n_nodes, a.n_values, a.n_labels);
  append_digest (out, a.nodes, (a.n_nodes + 1) * GLS_TRIE_NODE_SIZE);
  g_string_append_c (out, ' ');
  append_digest (out, a.values, a.n_values * sizeof (guint32));
  g_string_append_c (out, ' ');
  append_digest (out, a.labels, a.n_labels);
  g_string_append_c (out, '\n');
}

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

/* What any accepted trie must satisfy, whatever its bytes: keys come out of
 * a prefix walk in strictly increasing byte order, each one looks up and
 * longest-matches to exactly the ids the walk reported, ids are sorted,
 * unique and below the limit, and the walk sees every key. Queries must also
 * neither crash nor read out of bounds (AddressSanitizer watches). */
typedef struct
{
  const GlsTrie *t;
  guint32        id_limit;
  GString       *previous;
  gsize          seen;
  gboolean       first;
} Consistency;

static gboolean
consistency_visit (const char *key, gsize len, GlsTrieValues v, gpointer data)
{
  Consistency *c = data;
  GlsTrieValues found;

  if (!c->first)
    {
      gsize common = MIN (c->previous->len, len);
      int order = memcmp (c->previous->str, key, common);
      cr_expect (order < 0 || (order == 0 && c->previous->len < len), "keys out of order");
    }
  c->first = FALSE;
  g_string_truncate (c->previous, 0);
  g_string_append_len (c->previous, key, (gssize) len);
  cr_expect (v.n > 0);
  for (gsize i = 0; i < v.n; i++)
    cr_expect (v.ids[i] < c->id_limit && (i == 0 || v.ids[i] > v.ids[i - 1]), "bad ids");
  cr_expect (gls_trie_lookup (c->t, key, len, &found) && found.ids == v.ids && found.n == v.n,
             "a visited key does not look up to itself");
  cr_expect_eq (gls_trie_longest_match (c->t, key, len, &found), len);
  cr_expect (found.ids == v.ids && found.n == v.n);
  c->seen++;
  return TRUE;
}

static void
check_consistent (const GlsTrie *t, guint32 id_limit, const char * const *probes, gsize n_probes)
{
  Consistency c = { t, id_limit, g_string_new (NULL), 0, TRUE };

  gls_trie_prefix (t, "", 0, 0, consistency_visit, &c);
  cr_expect_eq (c.seen, gls_trie_n_keys (t), "the walk sees %zu of %zu keys", c.seen,
                gls_trie_n_keys (t));
  g_string_free (c.previous, TRUE);
  for (gsize i = 0; i < n_probes; i++)
    {
      gsize len = strlen (probes[i]);
      gls_trie_lookup (t, probes[i], len, NULL);
      gls_trie_prefix (t, probes[i], len, 0, NULL, NULL);
      gls_trie_longest_match (t, probes[i], len, NULL);
      gls_trie_fuzzy (t, probes[i], len, GLS_TRIE_MAX_EDITS, 0, NULL, NULL);
    }
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

/* ------------------------------------------------------- glossary dumps */

/* Names are not counted by the public API: they are the ranges of the
 * entries. */
static guint
n_names (const GlsGlossary *g)
{
  guint n = 0;
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      n = MAX (n, e->first_name + e->n_names);
    }
  return n;
}

static void
append_slice (GString *out, const GlsGlossary *g, const GlsEntry *e, const char *what, GlsSlice s)
{
  gsize len;
  const char *text = gls_glossary_slice (g, e, s, &len);
  g_string_append_printf (out, "  %s [%u,+%u] ", what, s.start, s.len);
  append_quoted (out, text, len);
  g_string_append_c (out, '\n');
}

/* Everything a glossary holds and answers, one fact per line. fuzzy_every
 * picks the term keys queried with edits (every one is slow on the seeds). */
static char *
dump_glossary (const GlsGlossary *g, guint fuzzy_every)
{
  GString *out = g_string_new (NULL);
  const GlsTrie *trie = gls_glossary_trie (g);

  g_string_append_printf (out, "sources %u\n", gls_glossary_n_sources (g));
  for (guint i = 0; i < gls_glossary_n_sources (g); i++)
    {
      const GlsSource *s = gls_glossary_source (g, i);
      gsize len;
      const char *text = g_bytes_get_data (s->text, &len);
      g_string_append_printf (out, "source %u %s disk=%s default=%d len=%zu ", i, s->display_path,
                              s->disk_path != NULL ? s->disk_path : "(none)", s->is_default, len);
      append_digest (out, text, len);
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "entries %u\n", gls_glossary_n_entries (g));
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      g_string_append_printf (out, "entry %u source=%u line=%u names=%u+%u items=%u\n", i,
                              e->source, e->line, e->first_name, e->n_names, e->n_items);
      append_slice (out, g, e, "header", e->header);
      append_slice (out, g, e, "body", e->body);
      append_slice (out, g, e, "title", e->title);
      append_slice (out, g, e, "category", e->category);
    }

  guint names = n_names (g);
  g_string_append_printf (out, "names %u\n", names);
  for (guint i = 0; i < names; i++)
    {
      const GlsName *n = gls_glossary_name (g, i);
      g_string_append_printf (out, "name %u entry=%u term=%u role=%d\n", i, n->entry, n->term,
                              (int) n->role);
      append_slice (out, g, gls_glossary_entry (g, n->entry), "text", n->text);
    }

  const GlsName *name0 = names > 0 ? gls_glossary_name (g, 0) : NULL;
  g_string_append_printf (out, "terms %u\n", gls_glossary_n_terms (g));
  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      const GlsTerm *term = gls_glossary_term (g, t);
      const char *key = gls_glossary_term_key (g, term);
      const char *canonical = gls_glossary_term_canonical (g, term);
      g_string_append_printf (out, "term %u flags=%x key=", t, (guint) term->flags);
      append_quoted (out, key, strlen (key));
      g_string_append (out, " canonical=");
      append_quoted (out, canonical, strlen (canonical));
      g_string_append (out, " refs");
      for (guint k = 0; k < term->n_refs; k++)
        g_string_append_printf (out, " %td", gls_glossary_term_ref (g, term, k) - name0);
      const GlsTerm *found = gls_glossary_lookup (g, canonical, -1);
      g_string_append_printf (out, " lookup=%d\n",
                              found != NULL ? (int) gls_glossary_term_index (g, found) : -1);
    }

  dump_trie_arrays (out, trie);
  dump_trie_query (out, trie, "", 0, FALSE);
  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      const char *key = gls_glossary_term_key (g, gls_glossary_term (g, t));
      gsize len = strlen (key);
      dump_trie_query (out, trie, key, len, t % fuzzy_every == 0);
      /* And a typo: the key without its middle byte. */
      if (t % fuzzy_every == 0 && len > 2)
        {
          g_autofree char *typo = g_strdup (key);
          memmove (typo + len / 2, typo + len / 2 + 1, len - len / 2);
          dump_trie_query (out, trie, typo, len - 1, TRUE);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
dump_issues (GPtrArray *issues, guint from)
{
  GString *out = g_string_new (NULL);
  for (guint i = from; i < issues->len; i++)
    {
      const GlsIssue *issue = issues->pdata[i];
      g_string_append_printf (out, "%s:%u severity=%d default=%d %s\n", issue->path, issue->line,
                              issue->severity, issue->in_default, issue->message);
    }
  return g_string_free (out, FALSE);
}

static void
assert_same_glossary (const GlsGlossary *want, const GlsGlossary *got, guint fuzzy_every)
{
  g_autofree char *a = dump_glossary (want, fuzzy_every);
  g_autofree char *b = dump_glossary (got, fuzzy_every);
  assert_same_text (a, b, "glossary dump");
}

static void
assert_same_issues (GPtrArray *want, GPtrArray *got)
{
  g_autofree char *a = dump_issues (want, 0);
  g_autofree char *b = dump_issues (got, 0);
  cr_expect_eq (want->len, got->len);
  assert_same_text (a, b, "issues");
}

static GPtrArray *
issues_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
}

static GPtrArray *
sources_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
}

/* ---------------------------------------------------- temporary files */

static char *
write_file (const char *dir, const char *name, const char *text, gssize len)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  cr_assert (g_file_set_contents (path, text, len, &error), "%s", error != NULL ? error->message : "");
  return path;
}

/* ------------------------------------------------- the test glossaries */

/* A user glossary with every kind of problem the loader reports: stray text
 * before the first header, a fence never closed, an entry without a
 * definition, a header item without letters or digits, a title of the form
 * "X (Y)", categories, non-ASCII names, and (in team_bytes) a byte that is
 * not UTF-8, which gls_sources_add_path reports before the build. */
static const char team_text[] =
  "Some notes that are not an entry.\n"
  "alpha term, first alias, more\n"
  "**Alpha Term (AT)** is the first; see the café.\n"
  "```python\n"
  "x = f(a, b)\n"
  "beta term, cat\n"
  "**Beta Term** is the second.\n"
  "gamma term, delta, epsilon\n"
  "naïve bayes, --, nb\n"
  "**Naïve Bayes** classifies with counts.\n"
  "lora, fine-tuning\n"
  "**LoRA (Low-Rank Adaptation)** trains small adapters; LoRA is everywhere.\n"
  "rope, rotary embedding, positions\n"
  "**RoPE** rotates queries and keys.\n"
  "$$\n"
  "x^2\n";
static const char team_bytes[] =
  "team glossary, notes\n"
  "**Team Glossary** holds \xff our words.\n";

static const char more_text[] = "mixed, other\n**Mixed** ends here.\n";

static GPtrArray *
small_sources (void)
{
  GPtrArray *sources = sources_new ();
  g_autoptr (GBytes) a = g_bytes_new_static (team_text, sizeof team_text - 1);
  g_autoptr (GBytes) b = g_bytes_new_static (more_text, sizeof more_text - 1);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("team.txt", "/tmp/team.txt", a));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("more.txt", NULL, b));
  return sources;
}

static GlsGlossary *
small_glossary (GPtrArray *issues)
{
  g_autoptr (GPtrArray) sources = small_sources ();
  return gls_glossary_new_from_sources (sources, issues);
}

#define KEY "snapshot test key"
#define KEY_LEN (sizeof KEY - 1)

/* The small glossary's snapshot, with its build's issues. */
static GBytes *
small_snapshot (void)
{
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GlsGlossary) g = small_glossary (issues);
  return gls_snapshot_encode (g, KEY, KEY_LEN, issues, 0);
}

/* ------------------------------------------------- snapshot round trips */

/* Decodes snapshot onto fresh sources and checks it equals original. */
static void
assert_decodes_to (GBytes *snapshot, const GlsGlossary *original, GPtrArray *original_issues,
                   GPtrArray *fresh_sources, GPtrArray *fresh_issues, guint fuzzy_every)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsGlossary) decoded = gls_snapshot_decode (snapshot, KEY, KEY_LEN, fresh_sources,
                                                         fresh_issues, &error);
  cr_assert_not_null (decoded, "decode failed: %s", error != NULL ? error->message : "(no error)");
  cr_assert_null (error);
  cr_expect_eq (fresh_sources->len, 0, "the sources moved into the glossary");
  assert_same_glossary (original, decoded, fuzzy_every);
  assert_same_issues (original_issues, fresh_issues);
}

GLS_TEST (snapshot, small_glossary_round_trips)
{
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GlsGlossary) g = small_glossary (issues);
  g_autoptr (GBytes) snap = gls_snapshot_encode (g, KEY, KEY_LEN, issues, 0);
  g_autoptr (GPtrArray) sources = small_sources ();
  g_autoptr (GPtrArray) decoded_issues = issues_new ();

  /* The glossary has what the test means to cover. */
  cr_assert_geq (issues->len, 4, "stray text, open fence, no definition, -- at least");
  cr_assert_not_null (gls_glossary_lookup (g, "low-rank adaptation", -1));
  assert_decodes_to (snap, g, issues, sources, decoded_issues, 1);
}

GLS_TEST (snapshot, only_the_issues_from_first_issue_on_are_stored)
{
  g_autoptr (GPtrArray) issues = issues_new ();
  g_ptr_array_add (issues, gls_issue_new ("earlier.txt", 3, GLS_ISSUE_ERROR, "not the build's"));
  g_autoptr (GlsGlossary) g = small_glossary (issues);
  g_autoptr (GBytes) snap = gls_snapshot_encode (g, KEY, KEY_LEN, issues, 1);
  g_autoptr (GPtrArray) sources = small_sources ();
  g_autoptr (GPtrArray) decoded_issues = issues_new ();
  /* What decode appends to: the caller's own issue stays first. */
  g_ptr_array_add (decoded_issues, gls_issue_new ("earlier.txt", 3, GLS_ISSUE_ERROR, "not the build's"));

  assert_decodes_to (snap, g, issues, sources, decoded_issues, 1);

  /* A NULL issues array is allowed. */
  g_autoptr (GPtrArray) more_sources = small_sources ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsGlossary) d = gls_snapshot_decode (snap, KEY, KEY_LEN, more_sources, NULL, &error);
  cr_expect_not_null (d);
}

GLS_TEST (snapshot, an_empty_glossary_round_trips)
{
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GBytes) text = g_bytes_new_static ("just notes\n", 11);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("notes.txt", NULL, text));
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, issues);
  cr_assert_eq (gls_glossary_n_entries (g), 0);
  g_autoptr (GBytes) snap = gls_snapshot_encode (g, KEY, KEY_LEN, issues, 0);

  g_autoptr (GPtrArray) fresh = sources_new ();
  g_ptr_array_add (fresh, gls_source_new_from_bytes ("notes.txt", NULL, text));
  g_autoptr (GPtrArray) decoded_issues = issues_new ();
  assert_decodes_to (snap, g, issues, fresh, decoded_issues, 1);

  /* No sources at all. */
  g_autoptr (GPtrArray) none = sources_new ();
  g_autoptr (GlsGlossary) empty = gls_glossary_new_from_sources (none, NULL);
  g_autoptr (GBytes) empty_snap = gls_snapshot_encode (empty, KEY, KEY_LEN, NULL, 0);
  g_autoptr (GPtrArray) none_again = sources_new ();
  g_autoptr (GPtrArray) no_issues = issues_new ();
  g_autoptr (GPtrArray) no_issues_decoded = issues_new ();
  assert_decodes_to (empty_snap, empty, no_issues, none_again, no_issues_decoded, 1);
}

GLS_TEST (snapshot, default_glossary_round_trips, .timeout = 240)
{
  g_autoptr (GPtrArray) issues = issues_new ();
  GlsGlossaryOptions options = { 0 };
  g_autoptr (GlsGlossary) g = gls_glossary_load (&options, issues);
  g_autoptr (GBytes) snap = gls_snapshot_encode (g, KEY, KEY_LEN, issues, 0);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GPtrArray) decoded_issues = issues_new ();

  cr_assert_gt (gls_glossary_n_entries (g), 200);
  cr_assert_eq (issues->len, 1, "the seeds' truncated $$ block");
  gls_sources_add_default (sources);
  assert_decodes_to (snap, g, issues, sources, decoded_issues, 13);
}

/* The user glossary on disk next to the default, loaded as a front end
 * does; the fresh sources are made as gls_glossary_load makes them, and the
 * issues gls_sources_add_path reports come first, as on a cache hit. */
GLS_TEST (snapshot, user_and_default_glossary_round_trips, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *team = write_file (dir, "team.txt", team_text, -1);
  g_autofree char *bytes = write_file (dir, "zz-bytes.txt", team_bytes, -1);
  const char *paths[] = { dir, NULL };
  GlsGlossaryOptions options = { .paths = paths };
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GlsGlossary) g = gls_glossary_load (&options, issues);

  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GPtrArray) fresh_issues = issues_new ();
  for (const char * const *p = paths; *p != NULL; p++)
    gls_sources_add_path (sources, *p, fresh_issues);
  gls_sources_add_default (sources);
  guint first_issue = fresh_issues->len;
  cr_assert_eq (first_issue, 1, "the byte that is not UTF-8");
  cr_assert_gt (issues->len, first_issue + 4);

  g_autoptr (GBytes) snap = gls_snapshot_encode (g, KEY, KEY_LEN, issues, first_issue);
  assert_decodes_to (snap, g, issues, sources, fresh_issues, 13);
  gls_tmp_remove (dir);
}

GLS_TEST (snapshot, encoding_is_deterministic)
{
  g_autoptr (GBytes) a = small_snapshot ();
  g_autoptr (GBytes) b = small_snapshot ();
  cr_expect (g_bytes_equal (a, b));
}

/* ------------------------------------------------ the snapshot layout */

static GlsSnapshotHeader *
header_of (GByteArray *snap)
{
  cr_assert_geq (snap->len, sizeof (GlsSnapshotHeader));
  return (GlsSnapshotHeader *) snap->data;  /* GByteArray data is malloc'd: aligned */
}

static guint8 *
section_of (GByteArray *snap, guint index, gsize *size)
{
  const GlsSnapshotSection *s = &header_of (snap)->sections[index];
  cr_assert_leq (s->offset + s->size, snap->len);
  *size = (gsize) s->size;
  return snap->data + s->offset;
}

/* Makes the checksum match the bytes again, as an editor who knew the
 * format would: it covers the section table and everything after it. */
static void
reseal (GByteArray *snap)
{
  const gsize from = GLS_SNAPSHOT_CHECKED_FROM;
  GlsDigest sum = gls_digest (snap->data + from, snap->len - from);
  header_of (snap)->checksum_lo = sum.lo;
  header_of (snap)->checksum_hi = sum.hi;
}

static GByteArray *
snapshot_copy (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GByteArray *copy = g_byte_array_sized_new ((guint) len);
  g_byte_array_append (copy, data, (guint) len);
  return copy;
}

GLS_TEST (snapshot, layout_is_the_one_the_tests_assume)
{
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GlsGlossary) g = small_glossary (issues);
  g_autoptr (GBytes) bytes = gls_snapshot_encode (g, KEY, KEY_LEN, issues, 0);
  g_autoptr (GByteArray) snap = snapshot_copy (bytes);
  const GlsSnapshotHeader *h = header_of (snap);
  gsize size;

  cr_assert_eq (memcmp (h->magic, "GLSSNAP\0", 8), 0);
  cr_assert_eq (h->version, GLS_SNAPSHOT_VERSION);
  cr_assert_eq (h->byte_order, 0x01020304u);
  const guint8 *key = section_of (snap, GLS_SNAPSHOT_SEC_KEY, &size);
  cr_assert (size == KEY_LEN && memcmp (key, KEY, KEY_LEN) == 0);
  section_of (snap, GLS_SNAPSHOT_SEC_ENTRIES, &size);
  cr_assert_eq (size, gls_glossary_n_entries (g) * sizeof (GlsEntry));
  cr_assert_eq (memcmp (snap->data + h->sections[GLS_SNAPSHOT_SEC_ENTRIES].offset, gls_glossary_entry (g, 0),
                        size), 0);
  section_of (snap, GLS_SNAPSHOT_SEC_NAMES, &size);
  cr_assert_eq (size, n_names (g) * sizeof (GlsName));
  section_of (snap, GLS_SNAPSHOT_SEC_TERMS, &size);
  cr_assert_eq (size, gls_glossary_n_terms (g) * sizeof (GlsTerm));
  GlsTrieArrays a;
  gls_trie_get_arrays (gls_glossary_trie (g), &a);
  section_of (snap, GLS_SNAPSHOT_SEC_TRIE_NODES, &size);
  cr_assert_eq (size, (a.n_nodes + 1) * GLS_TRIE_NODE_SIZE);
  section_of (snap, GLS_SNAPSHOT_SEC_TRIE_VALUES, &size);
  cr_assert_eq (size, a.n_values * sizeof (guint32));
  section_of (snap, GLS_SNAPSHOT_SEC_TRIE_LABELS, &size);
  cr_assert_eq (size, a.n_labels);
  const guint8 *pool = section_of (snap, GLS_SNAPSHOT_SEC_POOL, &size);
  cr_assert (size > 0 && pool[size - 1] == '\0');
  const guint8 *stored = section_of (snap, GLS_SNAPSHOT_SEC_ISSUES, &size);
  GlsSnapshotIssue first;
  cr_assert_geq (size, sizeof first);
  memcpy (&first, stored, sizeof first);
  const GlsIssue *issue = issues->pdata[0];
  cr_assert_eq (first.line, issue->line);
  cr_assert_eq (first.path_len, strlen (issue->path));
  cr_assert_eq (first.message_len, strlen (issue->message));
  cr_assert_eq (h->sections[GLS_SNAPSHOT_SEC_ISSUES].offset + size, snap->len, "issues come last");

  /* Re-sealing an intact snapshot changes nothing: the same checksum. */
  reseal (snap);
  cr_assert_eq (memcmp (snap->data, g_bytes_get_data (bytes, NULL), snap->len), 0);
}

/* ------------------------------------------------- snapshot rejections */

/* Decoding bytes must fail with G_IO_ERROR_INVALID_DATA and leave the
 * caller's sources and issues exactly as they were. */
static void
expect_decode_fails (GBytes *bytes, const void *key, gsize key_len, const char *what)
{
  g_autoptr (GPtrArray) sources = small_sources ();
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GError) error = NULL;
  gpointer first_source = sources->pdata[0], second_source = sources->pdata[1];
  GlsIssue *marker = gls_issue_new ("mine.txt", 1, GLS_ISSUE_WARNING, "the caller's");

  g_ptr_array_add (issues, marker);
  GlsGlossary *g = gls_snapshot_decode (bytes, key, key_len, sources, issues, &error);
  cr_expect_null (g, "%s: accepted", what);
  if (g != NULL)
    {
      gls_glossary_unref (g);
      return;
    }
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA), "%s: error %s", what,
             error != NULL ? error->message : "not set");
  cr_expect (sources->len == 2 && sources->pdata[0] == first_source &&
             sources->pdata[1] == second_source, "%s: sources changed", what);
  cr_expect (issues->len == 1 && issues->pdata[0] == marker, "%s: issues changed", what);
  /* The sources' free func must still be set: the leak check notices if
   * freeing the array leaves them behind. */
}

static void
expect_array_fails (GByteArray *snap, const char *what)
{
  g_autoptr (GBytes) bytes = g_bytes_new (snap->data, snap->len);
  expect_decode_fails (bytes, KEY, KEY_LEN, what);
}

/* The rejection tests start from bytes that decode: otherwise every one of
 * them would pass for the wrong reason. */
static void
assert_decodes (GBytes *bytes)
{
  g_autoptr (GPtrArray) sources = small_sources ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsGlossary) g = gls_snapshot_decode (bytes, KEY, KEY_LEN, sources, NULL, &error);
  cr_assert_not_null (g, "the intact snapshot does not decode: %s",
                      error != NULL ? error->message : "(no error)");
}

GLS_TEST (snapshot, another_key_is_rejected)
{
  g_autoptr (GBytes) snap = small_snapshot ();
  assert_decodes (snap);
  expect_decode_fails (snap, "snapshot test kez", KEY_LEN, "last byte of the key");
  expect_decode_fails (snap, KEY, KEY_LEN - 1, "a prefix of the key");
  expect_decode_fails (snap, KEY "!", KEY_LEN + 1, "a longer key");
  expect_decode_fails (snap, "", 0, "no key");
  expect_decode_fails (snap, NULL, 0, "NULL key");

  /* Made with an empty key, wanted with one. */
  g_autoptr (GlsGlossary) g = small_glossary (NULL);
  g_autoptr (GBytes) keyless = gls_snapshot_encode (g, NULL, 0, NULL, 0);
  expect_decode_fails (keyless, KEY, KEY_LEN, "stored key empty");
  g_autoptr (GPtrArray) sources = small_sources ();
  g_autoptr (GlsGlossary) d = gls_snapshot_decode (keyless, NULL, 0, sources, NULL, NULL);
  cr_expect_not_null (d, "an empty key matches an empty key");
}

GLS_TEST (snapshot, every_truncation_is_rejected, .timeout = 240)
{
  g_autoptr (GBytes) snap = small_snapshot ();
  gsize size = g_bytes_get_size (snap);

  assert_decodes (snap);

  for (gsize len = 0; len < size; len++)
    {
      g_autoptr (GBytes) part = g_bytes_new_from_bytes (snap, 0, len);
      g_autofree char *what = g_strdup_printf ("first %zu of %zu bytes", len, size);
      expect_decode_fails (part, KEY, KEY_LEN, what);
    }
}

GLS_TEST (snapshot, trailing_bytes_are_rejected)
{
  g_autoptr (GBytes) bytes = small_snapshot ();
  g_autoptr (GByteArray) snap = snapshot_copy (bytes);
  g_byte_array_append (snap, (const guint8 *) "\0\0\0\0\0\0\0\0", 8);
  expect_array_fails (snap, "8 zero bytes appended");
}

/* Every byte of the snapshot, flipped three ways. The header's magic,
 * version, byte order and checksum are compared; the checksum covers the
 * rest, the section table included: a flipped offset or size would move a
 * section onto other bytes, which the checks of its contents need not
 * notice (a pool moved by 128 bytes gave terms the keys "rm" and "ia"). */
GLS_TEST (snapshot, every_byte_flip_is_rejected, .timeout = 240)
{
  g_autoptr (GBytes) bytes = small_snapshot ();
  g_autoptr (GByteArray) snap = snapshot_copy (bytes);
  const guint8 flips[] = { 0x01, 0x80, 0xff };

  assert_decodes (bytes);

  for (guint i = 0; i < snap->len; i++)
    for (gsize f = 0; f < G_N_ELEMENTS (flips); f++)
      {
        snap->data[i] ^= flips[f];
        g_autofree char *what = g_strdup_printf ("byte %u of %u ^ 0x%02x", i, snap->len, flips[f]);
        expect_array_fails (snap, what);
        snap->data[i] ^= flips[f];
      }
}

/* ----------------------------- snapshot rejections past the checksum */

/* A copy of the small snapshot, to be edited and re-sealed. */
static GByteArray *
small_snapshot_copy (void)
{
  g_autoptr (GBytes) bytes = small_snapshot ();
  assert_decodes (bytes);
  return snapshot_copy (bytes);
}

static guint32 *
record_field (GByteArray *snap, guint section, gsize record_size, guint index, gsize field_offset)
{
  gsize size;
  guint8 *data = section_of (snap, section, &size);
  cr_assert_lt ((index + 1) * record_size, size + 1, "no record %u", index);
  return (guint32 *) (void *) (data + index * record_size + field_offset);
}

static guint32
section_count (GByteArray *snap, guint section, gsize record_size)
{
  gsize size;
  section_of (snap, section, &size);
  return (guint32) (size / record_size);
}

/* Sets one 32-bit field of one record to value, re-seals, and expects the
 * decode to fail. */
static void
expect_field_fails (guint section, gsize record_size, guint index, gsize field_offset,
                    guint32 value, const char *what)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  *record_field (snap, section, record_size, index, field_offset) = value;
  reseal (snap);
  g_autofree char *full = g_strdup_printf ("%s = %u", what, value);
  expect_array_fails (snap, full);
}

#define ENTRY_FIELD(index, field, value) \
  expect_field_fails (GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry), index, offsetof (GlsEntry, field), value, \
                      "entry " #index " " #field)
#define NAME_FIELD(index, field, value) \
  expect_field_fails (GLS_SNAPSHOT_SEC_NAMES, sizeof (GlsName), index, offsetof (GlsName, field), value, \
                      "name " #index " " #field)
#define TERM_FIELD(index, field, value) \
  expect_field_fails (GLS_SNAPSHOT_SEC_TERMS, sizeof (GlsTerm), index, offsetof (GlsTerm, field), value, \
                      "term " #index " " #field)

GLS_TEST (snapshot_corrupt, entries_out_of_range_are_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  guint32 n_entries = section_count (snap, GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry));
  guint32 names = section_count (snap, GLS_SNAPSHOT_SEC_NAMES, sizeof (GlsName));
  guint32 team_len = sizeof team_text - 1;
  cr_assert_gt (n_entries, 2);

  /* Entry 0 is in team.txt (source 0) and 1 is its second entry. */
  ENTRY_FIELD (0, source, 2);
  ENTRY_FIELD (0, source, G_MAXUINT32);
  ENTRY_FIELD (0, header.start, team_len);
  ENTRY_FIELD (0, header.len, team_len);
  ENTRY_FIELD (0, header.start, G_MAXUINT32);
  ENTRY_FIELD (0, body.len, G_MAXUINT32);
  ENTRY_FIELD (0, body.start, team_len - 2);
  ENTRY_FIELD (1, title.start, G_MAXUINT32 - 1);
  ENTRY_FIELD (1, category.start, team_len);
  ENTRY_FIELD (1, category.len, team_len);
  ENTRY_FIELD (0, first_name, names);
  ENTRY_FIELD (0, first_name, G_MAXUINT32);
  ENTRY_FIELD (0, n_names, 0);
  ENTRY_FIELD (0, n_names, names + 1);
  ENTRY_FIELD (0, n_names, G_MAXUINT32);
  ENTRY_FIELD (0, n_items, 0);
  ENTRY_FIELD (0, n_items, G_MAXUINT32);
  /* The last entry's names end at the last name: one more is past it. */
  ENTRY_FIELD (n_entries - 1, n_names,
               *record_field (snap, GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry), n_entries - 1,
                              offsetof (GlsEntry, n_names)) + 1);
}

/* An entry lists names[first_name, +n_names), and readers take those names'
 * slices from the listing entry's source (hover's "Also:" line, the entry
 * summary); each name's slice is checked against the source of the entry it
 * names. A name listed by another entry than its own would be read from the
 * wrong source: here the entry of more.txt (34 bytes) listing "alpha term"
 * of team.txt, bytes [34,44). Found by fuzz-snapshot (heap overflow in
 * append_other_names, term_markup.c). */
GLS_TEST (snapshot_corrupt, an_entry_listing_another_entry_s_names_is_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  guint32 n_entries = section_count (snap, GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry));
  GlsEntry last;
  memcpy (&last, record_field (snap, GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry), n_entries - 1, 0), sizeof last);
  cr_assert_eq (last.source, 1, "the last entry is in more.txt");
  GlsName name0;
  memcpy (&name0, record_field (snap, GLS_SNAPSHOT_SEC_NAMES, sizeof (GlsName), 0, 0), sizeof name0);
  cr_assert_gt (name0.text.start + name0.text.len, sizeof more_text - 1,
                "name 0 ends past the end of more.txt");

  ENTRY_FIELD (n_entries - 1, first_name, 0);
  /* And an entry of team.txt taking the next entry's first name. */
  ENTRY_FIELD (0, n_names, last.first_name + 1);
}

GLS_TEST (snapshot_corrupt, names_out_of_range_are_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  guint32 n_entries = section_count (snap, GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry));
  guint32 names = section_count (snap, GLS_SNAPSHOT_SEC_NAMES, sizeof (GlsName));
  guint32 terms = section_count (snap, GLS_SNAPSHOT_SEC_TERMS, sizeof (GlsTerm));

  NAME_FIELD (0, entry, n_entries);
  NAME_FIELD (0, entry, G_MAXUINT32);
  NAME_FIELD (0, term, terms);
  NAME_FIELD (0, role, GLS_ROLE_LAST + 1);
  NAME_FIELD (0, role, G_MAXUINT32);
  NAME_FIELD (0, text.start, sizeof team_text - 1);
  NAME_FIELD (0, text.len, G_MAXUINT32);
  /* The last name is in more.txt. */
  NAME_FIELD (names - 1, text.start, sizeof more_text - 1);
}

GLS_TEST (snapshot_corrupt, terms_and_refs_out_of_range_are_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  gsize pool_len, refs_size;
  section_of (snap, GLS_SNAPSHOT_SEC_POOL, &pool_len);
  section_of (snap, GLS_SNAPSHOT_SEC_REFS, &refs_size);
  guint32 n_refs = (guint32) (refs_size / sizeof (guint32));
  guint32 names = section_count (snap, GLS_SNAPSHOT_SEC_NAMES, sizeof (GlsName));

  TERM_FIELD (0, key, (guint32) pool_len);
  TERM_FIELD (0, key, G_MAXUINT32);
  TERM_FIELD (0, canonical, (guint32) pool_len);
  TERM_FIELD (0, flags, 1u << 5);  /* the first bit past GLS_TERM_COMBINED */
  TERM_FIELD (0, flags, G_MAXUINT32);
  TERM_FIELD (0, n_refs, 0);
  TERM_FIELD (0, n_refs, n_refs + 1);
  TERM_FIELD (0, first_ref, n_refs);
  TERM_FIELD (0, first_ref, G_MAXUINT32);
  expect_field_fails (GLS_SNAPSHOT_SEC_REFS, sizeof (guint32), 0, 0, names, "ref 0");
  expect_field_fails (GLS_SNAPSHOT_SEC_REFS, sizeof (guint32), n_refs - 1, 0, G_MAXUINT32, "last ref");
}

GLS_TEST (snapshot_corrupt, a_bad_string_pool_is_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  gsize pool_len;
  guint8 *pool = section_of (snap, GLS_SNAPSHOT_SEC_POOL, &pool_len);

  /* Not NUL-terminated. */
  pool[pool_len - 1] = 'x';
  reseal (snap);
  expect_array_fails (snap, "pool without its last NUL");

  /* Invalid UTF-8 inside a key: first and last byte of the first string,
   * and a lone continuation byte. */
  const guint8 bad[] = { 0xff, 0xc3, 0x80, 0xfe };
  for (gsize b = 0; b < G_N_ELEMENTS (bad); b++)
    {
      g_autoptr (GByteArray) copy = small_snapshot_copy ();
      guint8 *p = section_of (copy, GLS_SNAPSHOT_SEC_POOL, &pool_len);
      gsize first_len = strlen ((const char *) p);
      cr_assert_gt (first_len, 1);
      p[b % 2 == 0 ? 0 : first_len - 1] = bad[b];
      reseal (copy);
      g_autofree char *what = g_strdup_printf ("pool byte 0x%02x", bad[b]);
      expect_array_fails (copy, what);
    }
}

/* Term strings must start at a string of the pool: an offset into the
 * middle of "naïve bayes" would hand out a string that begins with a UTF-8
 * continuation byte. */
GLS_TEST (snapshot_corrupt, a_term_string_inside_a_character_is_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  gsize pool_len;
  const guint8 *pool = section_of (snap, GLS_SNAPSHOT_SEC_POOL, &pool_len);
  gsize ii = 0;  /* where ï is */
  while (ii + 1 < pool_len && !(pool[ii] == 0xc3 && pool[ii + 1] == 0xaf))
    ii++;
  cr_assert_lt (ii + 1, pool_len, "the pool holds naïve");
  guint32 inside = (guint32) ii + 1;

  TERM_FIELD (0, key, inside);
  TERM_FIELD (0, canonical, inside);
}

/* Slices must start and end on character boundaries of their source: a
 * slice cut inside "é" hands out bytes that are not UTF-8 (hover and
 * completion put them in JSON strings). */
GLS_TEST (snapshot_corrupt, a_slice_inside_a_character_is_rejected)
{
  const char *cafe = strstr (team_text, "café");
  cr_assert_not_null (cafe);
  guint32 e_at = (guint32) (cafe - team_text) + 3;  /* the first byte of é */

  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  GlsEntry e;
  memcpy (&e, record_field (snap, GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry), 0, 0), sizeof e);
  cr_assert (e.body.start < e_at && e_at + 2 <= e.body.start + e.body.len, "é is in entry 0's body");

  ENTRY_FIELD (0, body.start, e_at + 1);                    /* starts inside é */
  ENTRY_FIELD (0, body.len, e_at + 1 - e.body.start);       /* ends inside é */
  ENTRY_FIELD (0, title.start, e_at + 1);
  ENTRY_FIELD (0, header.start, e_at + 1);
  NAME_FIELD (0, text.start, e_at + 1);
}

GLS_TEST (snapshot_corrupt, a_bad_trie_is_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  guint32 terms = section_count (snap, GLS_SNAPSHOT_SEC_TERMS, sizeof (GlsTerm));
  guint32 records = section_count (snap, GLS_SNAPSHOT_SEC_TRIE_NODES, GLS_TRIE_NODE_SIZE);
  cr_assert_gt (records, 3);

  /* A value that is no term. */
  expect_field_fails (GLS_SNAPSHOT_SEC_TRIE_VALUES, sizeof (guint32), 0, 0, terms, "trie value");
  expect_field_fails (GLS_SNAPSHOT_SEC_TRIE_VALUES, sizeof (guint32), 0, 0, G_MAXUINT32, "trie value");
  /* The root's children, and the sentinel's three offsets. */
  expect_field_fails (GLS_SNAPSHOT_SEC_TRIE_NODES, GLS_TRIE_NODE_SIZE, 0, 4, 0, "root children");
  for (gsize field = 0; field < 3; field++)
    expect_field_fails (GLS_SNAPSHOT_SEC_TRIE_NODES, GLS_TRIE_NODE_SIZE, records - 1, 4 * field,
                        *record_field (snap, GLS_SNAPSHOT_SEC_TRIE_NODES, GLS_TRIE_NODE_SIZE, records - 1,
                                       4 * field) + 1, "sentinel");
}

GLS_TEST (snapshot_corrupt, bad_issue_records_are_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  gsize size;
  section_of (snap, GLS_SNAPSHOT_SEC_ISSUES, &size);
  cr_assert_gt (size, sizeof (GlsSnapshotIssue));

  expect_field_fails (GLS_SNAPSHOT_SEC_ISSUES, 1, 0, offsetof (GlsSnapshotIssue, severity), GLS_ISSUE_WARNING + 1,
                      "issue severity");
  expect_field_fails (GLS_SNAPSHOT_SEC_ISSUES, 1, 0, offsetof (GlsSnapshotIssue, path_len), (guint32) size,
                      "issue path_len");
  expect_field_fails (GLS_SNAPSHOT_SEC_ISSUES, 1, 0, offsetof (GlsSnapshotIssue, path_len), G_MAXUINT32,
                      "issue path_len");
  expect_field_fails (GLS_SNAPSHOT_SEC_ISSUES, 1, 0, offsetof (GlsSnapshotIssue, message_len), (guint32) size,
                      "issue message_len");
  expect_field_fails (GLS_SNAPSHOT_SEC_ISSUES, 1, 0, offsetof (GlsSnapshotIssue, message_len), G_MAXUINT32,
                      "issue message_len");

  /* Invalid UTF-8 and a NUL in the first issue's path and message. */
  const guint8 bad[] = { 0xff, 0x00 };
  for (gsize b = 0; b < G_N_ELEMENTS (bad); b++)
    for (gsize where = 0; where < 2; where++)
      {
        g_autoptr (GByteArray) copy = small_snapshot_copy ();
        guint8 *p = section_of (copy, GLS_SNAPSHOT_SEC_ISSUES, &size);
        GlsSnapshotIssue r;
        memcpy (&r, p, sizeof r);
        p[sizeof r + (where == 0 ? 0 : r.path_len)] = bad[b];
        reseal (copy);
        g_autofree char *what = g_strdup_printf ("issue %s byte 0x%02x", where ? "message" : "path",
                                                 bad[b]);
        expect_array_fails (copy, what);
      }

  /* The issues section cut short by one byte (and the file with it): a
   * truncated record. */
  g_autoptr (GByteArray) cut = small_snapshot_copy ();
  header_of (cut)->sections[GLS_SNAPSHOT_SEC_ISSUES].size -= 1;
  g_byte_array_set_size (cut, cut->len - 1);
  reseal (cut);
  expect_array_fails (cut, "issues one byte short");
  /* Or shorter than a record. */
  g_autoptr (GByteArray) stub = small_snapshot_copy ();
  header_of (stub)->sections[GLS_SNAPSHOT_SEC_ISSUES].size = sizeof (GlsSnapshotIssue) - 1;
  g_byte_array_set_size (stub, (guint) (header_of (stub)->sections[GLS_SNAPSHOT_SEC_ISSUES].offset +
                                        sizeof (GlsSnapshotIssue) - 1));
  reseal (stub);
  expect_array_fails (stub, "issues shorter than a record");
}

GLS_TEST (snapshot_corrupt, a_bad_section_table_is_rejected)
{
  const struct { guint section; gint64 d_offset, d_size; const char *what; } cases[] = {
    { GLS_SNAPSHOT_SEC_ENTRIES, 0, -4, "entries not whole records" },
    { GLS_SNAPSHOT_SEC_NAMES, 0, 4, "names not whole records" },
    { GLS_SNAPSHOT_SEC_TERMS, 0, -(gint64) sizeof (GlsTerm), "a term short" },
    { GLS_SNAPSHOT_SEC_REFS, 0, -4, "a ref short" },
    { GLS_SNAPSHOT_SEC_POOL, 0, -1, "pool one short" },
    { GLS_SNAPSHOT_SEC_TRIE_NODES, 0, -8, "trie nodes not whole" },
    { GLS_SNAPSHOT_SEC_TRIE_NODES, 0, -GLS_TRIE_NODE_SIZE, "trie nodes one short" },
    { GLS_SNAPSHOT_SEC_TRIE_VALUES, 0, -2, "trie values not whole" },
    { GLS_SNAPSHOT_SEC_TRIE_LABELS, 0, -1, "trie labels one short" },
    { GLS_SNAPSHOT_SEC_KEY, 0, -1, "key one short" },
    { GLS_SNAPSHOT_SEC_ISSUES, 0, 1, "issues past the end" },
    { GLS_SNAPSHOT_SEC_ENTRIES, 4, 0, "entries shifted" },
    { GLS_SNAPSHOT_SEC_ENTRIES, -200, 0, "entries before the body" },
    { GLS_SNAPSHOT_SEC_POOL, G_MAXINT64, 0, "pool far away" },
    { GLS_SNAPSHOT_SEC_NAMES, 0, G_MAXINT64, "names huge" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GByteArray) snap = small_snapshot_copy ();
      GlsSnapshotSection *s = &header_of (snap)->sections[cases[i].section];
      s->offset += (guint64) cases[i].d_offset;
      s->size += (guint64) cases[i].d_size;
      reseal (snap);
      expect_array_fails (snap, cases[i].what);
    }
  /* Every size at its maximum, and offsets past the file. */
  for (guint sec = 0; sec < GLS_SNAPSHOT_N_SECTIONS; sec++)
    {
      g_autoptr (GByteArray) snap = small_snapshot_copy ();
      header_of (snap)->sections[sec].size = G_MAXUINT64;
      reseal (snap);
      expect_array_fails (snap, "a section of G_MAXUINT64 bytes");
      g_autoptr (GByteArray) far = small_snapshot_copy ();
      header_of (far)->sections[sec].offset = far->len + 8;
      header_of (far)->sections[sec].size = 0;
      reseal (far);
      expect_array_fails (far, "a section past the end");
    }
}

/* Sources other than those encoded (a file shortened under the same key)
 * must be checked against, not trusted. */
GLS_TEST (snapshot_corrupt, shorter_sources_are_rejected)
{
  g_autoptr (GBytes) snap = small_snapshot ();
  assert_decodes (snap);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GBytes) a = g_bytes_new_static (team_text, 40);
  g_autoptr (GBytes) b = g_bytes_new_static ("mixed, other\n", 13);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("team.txt", NULL, a));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("more.txt", NULL, b));
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsGlossary) g = gls_snapshot_decode (snap, KEY, KEY_LEN, sources, NULL, &error);
  cr_expect_null (g);
  cr_expect_eq (sources->len, 2);

  /* Fewer sources. */
  g_ptr_array_set_size (sources, 1);
  g_clear_error (&error);
  g_autoptr (GlsGlossary) g2 = gls_snapshot_decode (snap, KEY, KEY_LEN, sources, NULL, &error);
  cr_expect_null (g2);
  cr_expect_eq (sources->len, 1);
}

/* What any decoded glossary must offer, whatever bytes it came from: every
 * slice, name and term string readable and valid UTF-8, cross references in
 * range, and the trie self-consistent with ids that are terms. */
static void
check_decoded (const GlsGlossary *g)
{
  guint names = n_names (g);
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      const GlsSlice slices[] = { e->header, e->body, e->title, e->category };
      cr_assert_lt (e->source, gls_glossary_n_sources (g));
      /* The entry's names are its own, read as the server reads them:
       * from the listing entry's source. */
      for (guint k = 0; k < e->n_names; k++)
        {
          const GlsName *n = gls_glossary_name (g, e->first_name + k);
          cr_assert_eq (n->entry, i, "entry %u lists a name of entry %u", i, n->entry);
          gsize len;
          const char *text = gls_glossary_slice (g, e, n->text, &len);
          cr_expect (g_utf8_validate (text, (gssize) len, NULL));
        }
      for (gsize k = 0; k < G_N_ELEMENTS (slices); k++)
        {
          gsize len;
          const char *text = gls_glossary_slice (g, e, slices[k], &len);
          cr_expect (g_utf8_validate (text, (gssize) len, NULL), "entry %u slice %zu", i, k);
        }
      cr_assert_geq (e->n_names, 1);
    }
  for (guint i = 0; i < names; i++)
    {
      const GlsName *n = gls_glossary_name (g, i);
      cr_assert_lt (n->entry, gls_glossary_n_entries (g));
      gsize len;
      const char *text = gls_glossary_slice (g, gls_glossary_entry (g, n->entry), n->text, &len);
      cr_expect (g_utf8_validate (text, (gssize) len, NULL), "name %u", i);
      cr_assert (n->term < gls_glossary_n_terms (g) || n->term == G_MAXUINT32);
    }
  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      const GlsTerm *term = gls_glossary_term (g, t);
      cr_expect (g_utf8_validate (gls_glossary_term_key (g, term), -1, NULL), "term %u key", t);
      cr_expect (g_utf8_validate (gls_glossary_term_canonical (g, term), -1, NULL), "term %u", t);
      for (guint k = 0; k < term->n_refs; k++)
        cr_assert_not_null (gls_glossary_term_ref (g, term, k));
    }
  check_consistent (gls_glossary_trie (g), MAX (gls_glossary_n_terms (g), 1), NULL, 0);
}

/* Random 32-bit words of the body overwritten with small, boundary and
 * random values, re-sealed: each result is refused or passes
 * check_decoded (and AddressSanitizer sees every read). */
GLS_TEST (snapshot_corrupt, random_resealed_mutations_are_rejected_or_sound, .timeout = 240)
{
  g_autoptr (GByteArray) clean = small_snapshot_copy ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (77);
  guint body_words = (clean->len - (guint) sizeof (GlsSnapshotHeader)) / 4;
  guint rejected = 0, accepted = 0;

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr (GByteArray) snap = g_byte_array_sized_new (clean->len);
      g_byte_array_append (snap, clean->data, clean->len);
      guint n = (guint) g_rand_int_range (rand, 1, 4);
      for (guint k = 0; k < n; k++)
        {
          guint word = (guint) g_rand_int_range (rand, 0, (gint32) body_words);
          guint32 *p = (guint32 *) (void *) (snap->data + sizeof (GlsSnapshotHeader) + 4 * word);
          switch (g_rand_int_range (rand, 0, 5))
            {
            case 0: *p = (guint32) g_rand_int_range (rand, 0, 64); break;
            case 1: *p += 1; break;
            case 2: *p -= 1; break;
            case 3: *p = G_MAXUINT32 - (guint32) g_rand_int_range (rand, 0, 4); break;
            default: *p = g_rand_int (rand); break;
            }
        }
      reseal (snap);
      g_autoptr (GBytes) bytes = g_bytes_new (snap->data, snap->len);
      g_autoptr (GPtrArray) sources = small_sources ();
      g_autoptr (GError) error = NULL;
      g_autoptr (GlsGlossary) g = gls_snapshot_decode (bytes, KEY, KEY_LEN, sources, NULL, &error);
      if (g == NULL)
        {
          cr_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA));
          cr_assert_eq (sources->len, 2);
          rejected++;
          continue;
        }
      check_decoded (g);
      accepted++;
    }
  cr_log_info ("re-sealed mutations: %u rejected, %u accepted", rejected, accepted);
  cr_expect_gt (rejected, 1000);
}

/* --------------------------------------------------------- the cache */

static guint
count_snapshots (const char *dir, char **name_out)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".glsnap"))
      {
        n++;
        if (name_out != NULL)
          {
            g_free (*name_out);
            *name_out = g_build_filename (dir, name, NULL);
          }
      }
  return n;
}

typedef struct
{
  GlsGlossary *glossary;
  char        *dump;
  char        *issues;
} Loaded;

static void
loaded_clear (Loaded *l)
{
  g_clear_pointer (&l->glossary, gls_glossary_unref);
  g_clear_pointer (&l->dump, g_free);
  g_clear_pointer (&l->issues, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loaded, loaded_clear)

static Loaded
load_file (const char *path, const char *cache_dir, gboolean no_default)
{
  const char *paths[] = { path, NULL };
  GlsGlossaryOptions options = { .no_default = no_default, .paths = paths, .cache_dir = cache_dir };
  g_autoptr (GPtrArray) issues = issues_new ();
  Loaded l = { gls_glossary_load (&options, issues), NULL, NULL };
  cr_assert_not_null (l.glossary);
  l.dump = dump_glossary (l.glossary, 5);
  l.issues = dump_issues (issues, 0);
  return l;
}

static void
assert_same_load (const Loaded *a, const Loaded *b)
{
  assert_same_text (a->dump, b->dump, "glossary dump");
  assert_same_text (a->issues, b->issues, "issues");
}

static char *
read_file (const char *path, gsize *len)
{
  char *contents;
  g_autoptr (GError) error = NULL;
  cr_assert (g_file_get_contents (path, &contents, len, &error), "%s", error != NULL ? error->message : "");
  return contents;
}

GLS_TEST (glossary_cache, a_second_load_is_a_hit_with_the_same_result, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *cache = g_build_filename (dir, "cache", "nested", NULL);
  g_autofree char *file = write_file (dir, "team.txt", team_text, -1);
  g_autofree char *snapshot = NULL;

  g_auto (Loaded) uncached = load_file (file, NULL, TRUE);
  g_auto (Loaded) first = load_file (file, cache, TRUE);
  cr_assert_eq (count_snapshots (cache, &snapshot), 1, "the first load stores its build");
  g_auto (Loaded) second = load_file (file, cache, TRUE);
  cr_expect_eq (count_snapshots (cache, NULL), 1);
  assert_same_load (&uncached, &first);
  assert_same_load (&first, &second);
  cr_assert_neq (first.issues[0], '\0', "the file has problems to report");

  /* Proof that the second load read the file: store the same glossary
   * with one more issue under the same name, and the next load has it. */
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GPtrArray) issues = issues_new ();
  gls_sources_add_path (sources, file, issues);
  g_autoptr (GBytes) key = gls_glossary_cache_key (sources);
  cr_assert_not_null (key);
  g_ptr_array_add (issues, gls_issue_new ("planted.txt", 7, GLS_ISSUE_ERROR, "from the cache"));
  gls_glossary_cache_write (cache, key, first.glossary, issues, 0);
  cr_assert_eq (count_snapshots (cache, NULL), 1, "written under the same name");
  g_auto (Loaded) planted = load_file (file, cache, TRUE);
  assert_same_text (first.dump, planted.dump, "glossary dump");
  cr_expect (strstr (planted.issues, "planted.txt:7") != NULL, "a hit returns the stored issues");
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, a_damaged_file_is_a_miss_and_rewritten, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *file = write_file (dir, "team.txt", team_text, -1);
  g_autofree char *snapshot = NULL;

  g_auto (Loaded) first = load_file (file, cache, TRUE);
  cr_assert_eq (count_snapshots (cache, &snapshot), 1);
  gsize len;
  g_autofree char *good = read_file (snapshot, &len);

  /* A flipped byte in the middle, then a file cut in half, then an empty
   * file: each load gives the same result and stores a good file again. */
  for (guint damage = 0; damage < 3; damage++)
    {
      g_autofree char *bad = g_memdup2 (good, len);
      gsize bad_len = len;
      if (damage == 0)
        bad[len / 2] ^= 0x10;
      else
        bad_len = damage == 1 ? len / 2 : 0;
      cr_assert (g_file_set_contents (snapshot, bad, (gssize) bad_len, NULL));

      g_auto (Loaded) again = load_file (file, cache, TRUE);
      assert_same_load (&first, &again);
      gsize now_len;
      g_autofree char *now = read_file (snapshot, &now_len);
      cr_expect (now_len == len && memcmp (now, good, len) == 0, "damage %u: not rewritten", damage);
    }
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, a_changed_source_is_a_miss, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *text = g_strdup (team_text);
  g_autofree char *file = write_file (dir, "team.txt", text, -1);

  g_auto (Loaded) first = load_file (file, cache, TRUE);
  cr_assert_not_null (gls_glossary_lookup (first.glossary, "rope", -1));
  cr_assert_eq (count_snapshots (cache, NULL), 1);

  /* One byte: the headword "rope" becomes "ropf" (the title RoPE is no
   * name of its own: it has no "X (Y)" form). */
  char *at = strstr (text, "rope, rotary");
  cr_assert_not_null (at);
  at[3] = 'f';
  g_autofree char *same = write_file (dir, "team.txt", text, -1);
  g_auto (Loaded) changed = load_file (file, cache, TRUE);
  cr_expect_eq (count_snapshots (cache, NULL), 2, "a new snapshot for the new bytes");
  cr_expect_null (gls_glossary_lookup (changed.glossary, "rope", -1));
  cr_expect_not_null (gls_glossary_lookup (changed.glossary, "ropf", -1));
  g_auto (Loaded) uncached = load_file (file, NULL, TRUE);
  assert_same_load (&uncached, &changed);

  /* And back: the first snapshot is still there and still right. */
  at[3] = 'e';
  g_autofree char *back = write_file (dir, "team.txt", text, -1);
  g_auto (Loaded) restored = load_file (file, cache, TRUE);
  cr_expect_eq (count_snapshots (cache, NULL), 2);
  assert_same_load (&first, &restored);
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, with_the_default_glossary, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *file = write_file (dir, "team.txt", team_text, -1);

  g_auto (Loaded) uncached = load_file (file, NULL, FALSE);
  g_auto (Loaded) first = load_file (file, cache, FALSE);
  g_auto (Loaded) second = load_file (file, cache, FALSE);
  cr_expect_eq (count_snapshots (cache, NULL), 1);
  assert_same_load (&uncached, &first);
  assert_same_load (&uncached, &second);
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, an_unusable_directory_still_loads, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *file = write_file (dir, "team.txt", team_text, -1);
  g_autofree char *plain = write_file (dir, "plain", "not a directory\n", -1);
  g_autofree char *cache = g_build_filename (plain, "sub", NULL);

  g_auto (Loaded) uncached = load_file (file, NULL, TRUE);
  g_auto (Loaded) first = load_file (file, cache, TRUE);
  g_auto (Loaded) second = load_file (file, cache, TRUE);
  assert_same_load (&uncached, &first);
  assert_same_load (&uncached, &second);
  cr_expect (g_file_test (plain, G_FILE_TEST_IS_REGULAR), "the file is left alone");
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, old_snapshots_are_pruned, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *file = g_build_filename (dir, "g.txt", NULL);
  g_autofree char *last = NULL;

  for (guint i = 0; i < GLS_GLOSSARY_CACHE_FILES + 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("term %u, alias %u, things\n**Term %u** is one.\n",
                                               i, i, i);
      cr_assert (g_file_set_contents (file, text, -1, NULL));
      g_auto (Loaded) l = load_file (file, cache, TRUE);
      g_autofree char *key = g_strdup_printf ("term %u", i);
      cr_assert_not_null (gls_glossary_lookup (l.glossary, key, -1));
      cr_expect_leq (count_snapshots (cache, NULL), GLS_GLOSSARY_CACHE_FILES);
    }
  cr_expect_eq (count_snapshots (cache, NULL), GLS_GLOSSARY_CACHE_FILES);
  gls_tmp_remove (dir);
}

/* Pruning keeps the newest snapshots within the file count and the byte
 * budget (oldest go first, the newest stays even alone over budget) and
 * never touches other files. Ages are set with utime, sizes by content. */
GLS_TEST (glossary_cache, prune_keeps_the_newest_within_count_and_bytes)
{
  g_autofree char *dir = gls_tmp_dir ();
  const guint sizes[] = { 40, 40, 40, 40, 40 };  /* file i is i seconds older than file 0 */
  char *names[G_N_ELEMENTS (sizes)];

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *content = g_strnfill (sizes[i], 'x');
      g_autofree char *name = g_strdup_printf ("%c.glsnap", 'a' + i);
      names[i] = write_file (dir, name, content, -1);
      struct utimbuf t = { .actime = 1700000000 - i, .modtime = 1700000000 - i };
      cr_assert_eq (utime (names[i], &t), 0);
    }
  g_autofree char *other = write_file (dir, "notes.txt", "not a snapshot\n", -1);
  struct utimbuf ancient = { .actime = 1000, .modtime = 1000 };
  cr_assert_eq (utime (other, &ancient), 0);

  /* 4 files allowed, 100 bytes: the two newest fit (80), the third would not. */
  gls_glossary_cache_prune (dir, 4, 100);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    cr_expect_eq (g_file_test (names[i], G_FILE_TEST_EXISTS), i < 2, "%s", names[i]);
  cr_expect (g_file_test (other, G_FILE_TEST_EXISTS), "other files are left alone");

  /* A budget smaller than the newest file keeps the newest alone. */
  gls_glossary_cache_prune (dir, 4, 10);
  cr_expect (g_file_test (names[0], G_FILE_TEST_EXISTS));
  cr_expect_not (g_file_test (names[1], G_FILE_TEST_EXISTS));

  /* The count limit applies on its own too. */
  for (guint i = 1; i < G_N_ELEMENTS (sizes); i++)
    {
      g_free (names[i]);
      g_autofree char *name = g_strdup_printf ("%c.glsnap", 'a' + i);
      names[i] = write_file (dir, name, "y", -1);
      struct utimbuf t = { .actime = 1700000000 - i, .modtime = 1700000000 - i };
      cr_assert_eq (utime (names[i], &t), 0);
    }
  gls_glossary_cache_prune (dir, 3, G_MAXUINT64);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    cr_expect_eq (g_file_test (names[i], G_FILE_TEST_EXISTS), i < 3, "%s", names[i]);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    g_free (names[i]);
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, read_misses_leave_the_arguments_alone)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autoptr (GPtrArray) sources = small_sources ();
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GBytes) key = gls_glossary_cache_key (sources);
  cr_assert_not_null (key);

  /* Nothing there. */
  cr_expect_null (gls_glossary_cache_read (dir, key, sources, issues));
  cr_expect_eq (sources->len, 2);
  cr_expect_eq (issues->len, 0);

  /* Stored under another key. */
  g_autoptr (GlsGlossary) g = small_glossary (NULL);
  g_autoptr (GBytes) other = g_bytes_new_static ("other key", 9);
  gls_glossary_cache_write (dir, other, g, NULL, 0);
  cr_expect_null (gls_glossary_cache_read (dir, key, sources, issues));
  cr_expect_eq (sources->len, 2);

  /* Stored under this one. */
  gls_glossary_cache_write (dir, key, g, NULL, 0);
  g_autoptr (GlsGlossary) hit = gls_glossary_cache_read (dir, key, sources, issues);
  cr_expect_not_null (hit);
  cr_expect_eq (sources->len, 0);
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, the_key_names_every_source_byte_and_path)
{
  g_autoptr (GPtrArray) a = small_sources ();
  g_autoptr (GPtrArray) b = small_sources ();
  g_autoptr (GBytes) ka = gls_glossary_cache_key (a);
  g_autoptr (GBytes) kb = gls_glossary_cache_key (b);
  cr_assert (ka != NULL && kb != NULL);
  cr_expect (g_bytes_equal (ka, kb), "the same sources, the same key");

  /* One byte of text, a display path, a disk path, the order, the default
   * flag: each gives another key. */
  g_autofree char *changed_text = g_strdup (team_text);
  changed_text[5] ^= 1;
  g_autoptr (GBytes) text = g_bytes_new_take (g_steal_pointer (&changed_text), sizeof team_text - 1);
  g_autoptr (GBytes) same_text = g_bytes_new_static (team_text, sizeof team_text - 1);
  GlsSource *variants[] = {
    gls_source_new_from_bytes ("team.txt", "/tmp/team.txt", text),
    gls_source_new_from_bytes ("team2.txt", "/tmp/team.txt", same_text),
    gls_source_new_from_bytes ("team.txt", NULL, same_text),
    gls_source_new_from_bytes ("team.txt", "/tmp/other.txt", same_text),
  };
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_ptr_array_add (keys, g_bytes_ref (ka));
  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr (GPtrArray) s = small_sources ();
      gls_source_free (s->pdata[0]);
      s->pdata[0] = variants[i];
      g_ptr_array_add (keys, gls_glossary_cache_key (s));
    }
  g_autoptr (GPtrArray) swapped = small_sources ();
  gpointer first = swapped->pdata[0];
  swapped->pdata[0] = swapped->pdata[1];
  swapped->pdata[1] = first;
  g_ptr_array_add (keys, gls_glossary_cache_key (swapped));
  g_autoptr (GPtrArray) flagged = small_sources ();
  ((GlsSource *) flagged->pdata[1])->is_default = TRUE;
  g_ptr_array_add (keys, gls_glossary_cache_key (flagged));

  for (guint i = 0; i < keys->len; i++)
    for (guint j = i + 1; j < keys->len; j++)
      cr_expect_not (g_bytes_equal (keys->pdata[i], keys->pdata[j]), "keys %u and %u equal", i, j);
}

/* ------------------------------------------------------------ digest */

GLS_TEST (digest, equal_bytes_give_equal_digests)
{
  const char text[] = "the same bytes, twice over and over again: more than 32 of them";
  char moved[sizeof text + 3];
  /* Not aligned as the original: the digest reads bytes, not words. */
  memcpy (moved + 3, text, sizeof text);
  for (gsize len = 0; len < sizeof text; len++)
    {
      GlsDigest a = gls_digest (text, len), b = gls_digest (moved + 3, len);
      cr_expect (a.lo == b.lo && a.hi == b.hi, "length %zu", len);
    }
}

static void
add_distinct (GHashTable *seen, const void *data, gsize len, const char *what)
{
  char hex[33];
  gls_digest_hex (gls_digest (data, len), hex);
  cr_expect (g_hash_table_add (seen, g_strdup (hex)), "%s: a repeated digest %s", what, hex);
}

GLS_TEST (digest, different_bytes_give_different_digests)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint8 zeros[101] = { 0 };
  guint8 ones[101];
  guint8 data[100];
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);

  memset (ones, 0xff, sizeof ones);
  /* Lengths 0..100 of zeros (each one more trailing zero) and of 0xff. */
  for (gsize len = 0; len <= 100; len++)
    {
      add_distinct (seen, zeros, len, "zeros");
      if (len > 0)
        add_distinct (seen, ones, len, "ones");
    }
  /* Every single bit flip of 100 random bytes, and of their prefixes that
   * end inside and at a 32-byte block. */
  for (gsize i = 0; i < sizeof data; i++)
    data[i] = (guint8) g_rand_int (rand);
  const gsize lengths[] = { 100, 64, 33, 31, 1 };
  for (gsize l = 0; l < G_N_ELEMENTS (lengths); l++)
    {
      add_distinct (seen, data, lengths[l], "random");
      for (gsize bit = 0; bit < lengths[l] * 8; bit++)
        {
          data[bit / 8] ^= (guint8) (1u << (bit % 8));
          add_distinct (seen, data, lengths[l], "bit flip");
          data[bit / 8] ^= (guint8) (1u << (bit % 8));
        }
    }
  /* Trailing zeros after text. */
  add_distinct (seen, "abc", 3, "abc");
  add_distinct (seen, "abc\0", 4, "abc\\0");
  add_distinct (seen, "abc\0\0", 5, "abc\\0\\0");
  cr_expect_gt (g_hash_table_size (seen), 1200);
}

GLS_TEST (digest, hex_is_32_lowercase_digits)
{
  char hex[33];
  memset (hex, 'X', sizeof hex);
  GlsDigest d = gls_digest ("glossary", 8);
  gls_digest_hex (d, hex);
  cr_assert_eq (strlen (hex), 32);
  for (gsize i = 0; i < 32; i++)
    cr_expect (g_ascii_isdigit (hex[i]) || (hex[i] >= 'a' && hex[i] <= 'f'), "%s", hex);
  g_autofree char *want = g_strdup_printf ("%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x",
                                           d.hi, d.lo);
  cr_expect_str_eq (hex, want);
  GlsDigest zero = { 0, 0 };
  gls_digest_hex (zero, hex);
  cr_expect_str_eq (hex, "00000000000000000000000000000000");
}
