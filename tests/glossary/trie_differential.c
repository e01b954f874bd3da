/* The trie against a naive model (trie.h): random keys, term-like UTF-8
 * and arbitrary bytes, every query kind answered by brute force from the
 * contract's wording and compared with the trie's answer. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "glossary/normalize.h"
#include "glossary/trie.h"
#include "trie_hits.h"

#include "common/leak-check.h"

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
