/* Tests of term_query.h: ranked prefix, substring, fuzzy and symbol search. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "feature_glossary.h"
#include "glossary/normalize.h"
#include "server/features/term_query.h"

static const char *
key_of (const GlsGlossary *g, const GArray *out, guint i)
{
  const GlsTermCandidate *c = &g_array_index (out, GlsTermCandidate, i);
  return gls_glossary_term_key (g, gls_glossary_term (g, c->term));
}

/* The keys of out joined with '|', for readable failure messages. */
static char *
keys_of (const GlsGlossary *g, const GArray *out)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < out->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? "|" : "", key_of (g, out, i));
  return g_string_free (s, FALSE);
}

static char *
run_prefix (GlsGlossary *g, const char *query, GlsTermQueryFlags flags, guint limit,
            gboolean *incomplete)
{
  g_autoptr (GlsTermIndex) index = gls_term_index_new (g);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (GlsTermCandidate));
  gboolean inc = gls_term_query_prefix (index, query, strlen (query), flags, limit, out);
  if (incomplete != NULL)
    *incomplete = inc;
  return keys_of (g, out);
}

GLS_TEST (term_query, prefix_ranks_headwords_before_titles_then_shorter_keys)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary ("t.txt", GLS_TEST_GLOSSARY_TEXT, NULL);
  g_autoptr (GlsTermIndex) ix = gls_term_index_new (g);
  gboolean incomplete = TRUE;
  g_autofree char *ro = run_prefix (g, "ro", GLS_TERM_QUERY_SKIP_KEYWORDS, 10, &incomplete);

  /* rotary embedding and rotary position embedding are headwords, rope only
   * an alias / title name: role first, then length. */
  cr_expect_str_eq (ro, "rotary embedding|rotary position embedding|rope");
  cr_expect_not (incomplete);

  g_autofree char *lora = run_prefix (g, "lora", GLS_TERM_QUERY_SKIP_KEYWORDS, 10, NULL);
  cr_expect_str_eq (lora, "lora|lora adapter");
}

GLS_TEST (term_query, the_typed_term_itself_comes_first)
{
  /* "rope" is only a title name here, "rope scaling" a headword: role
   * would put the headword first, but "rope" is exactly what was typed. */
  g_autoptr (GlsGlossary) g = gls_test_glossary (
    "t.txt",
    "rope scaling,inference\n**RoPE scaling** stretches positions.\n"
    "rotary position embedding,attention\n**Rotary Position Embedding (RoPE)** rotates.\n",
    NULL);
  g_autoptr (GlsTermIndex) ix = gls_term_index_new (g);
  g_autofree char *keys = run_prefix (g, "rope", GLS_TERM_QUERY_SKIP_KEYWORDS, 10, NULL);
  g_autofree char *shorter = run_prefix (g, "rop", GLS_TERM_QUERY_SKIP_KEYWORDS, 10, NULL);

  cr_expect_str_eq (keys, "rope|rope scaling");
  cr_expect_str_eq (shorter, "rope scaling|rope");
}

GLS_TEST (term_query, multi_word_prefix)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary ("t.txt", GLS_TEST_GLOSSARY_TEXT, NULL);
  g_autoptr (GlsTermIndex) ix = gls_term_index_new (g);
  g_autofree char *q = gls_normalize_key ("Rotary-Po", -1);
  g_autofree char *keys = run_prefix (g, q, GLS_TERM_QUERY_SKIP_KEYWORDS, 10, NULL);

  cr_expect_str_eq (keys, "rotary position embedding");
  cr_expect (gls_term_query_has_prefix (ix, q, strlen (q), GLS_TERM_QUERY_SKIP_KEYWORDS));
  cr_expect_not (gls_term_query_has_prefix (ix, "rotary x", 8, GLS_TERM_QUERY_DEFAULT));
}

GLS_TEST (term_query, keywords_are_skipped_on_request_and_ranked_last_otherwise)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary ("t.txt", GLS_TEST_GLOSSARY_TEXT, NULL);
  g_autoptr (GlsTermIndex) ix = gls_term_index_new (g);
  g_autofree char *skipped = run_prefix (g, "da", GLS_TERM_QUERY_SKIP_KEYWORDS, 10, NULL);
  g_autofree char *kept = run_prefix (g, "da", GLS_TERM_QUERY_DEFAULT, 10, NULL);

  cr_expect_str_eq (skipped, "");
  cr_expect_str_eq (kept, "data");
  cr_expect_not (gls_term_query_has_prefix (ix, "da", 2, GLS_TERM_QUERY_SKIP_KEYWORDS));
  cr_expect (gls_term_query_has_prefix (ix, "da", 2, GLS_TERM_QUERY_DEFAULT));

  /* With keywords kept, keywords and then tags ("parameter efficient tuning":
   * ordinary English, not in its entry's title or body) come last. */
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (GlsTermCandidate));
  gls_term_query_prefix (ix, "", 0, GLS_TERM_QUERY_DEFAULT, 100, out);
  cr_assert_gt (out->len, 2);
  for (guint i = 1; i < out->len; i++)
    {
      const GlsTermCandidate *a = &g_array_index (out, GlsTermCandidate, i - 1);
      const GlsTermCandidate *b = &g_array_index (out, GlsTermCandidate, i);
      cr_expect_leq (a->role, b->role, "%s before %s", key_of (g, out, i - 1), key_of (g, out, i));
    }
  cr_expect_eq (g_array_index (out, GlsTermCandidate, out->len - 1).role, GLS_ROLE_TAG);
}

GLS_TEST (term_query, limit_marks_the_result_incomplete)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary ("t.txt", GLS_TEST_GLOSSARY_TEXT, NULL);
  g_autoptr (GlsTermIndex) ix = gls_term_index_new (g);
  gboolean incomplete = FALSE;
  g_autofree char *one = run_prefix (g, "ro", GLS_TERM_QUERY_SKIP_KEYWORDS, 1, &incomplete);

  cr_expect_str_eq (one, "rotary embedding");
  cr_expect (incomplete);
  g_autofree char *none = run_prefix (g, "zz", GLS_TERM_QUERY_DEFAULT, 5, &incomplete);
  cr_expect_str_eq (none, "");
  cr_expect_not (incomplete);
}

GLS_TEST (term_query, fuzzy_finds_typos_nearest_first)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary ("t.txt", GLS_TEST_GLOSSARY_TEXT, NULL);
  g_autoptr (GlsTermIndex) ix = gls_term_index_new (g);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (GlsTermCandidate));

  gls_term_query_fuzzy (ix, "lroa", 4, 1, GLS_TERM_QUERY_SKIP_KEYWORDS, 10, out);
  cr_assert_eq (out->len, 1);
  cr_expect_str_eq (key_of (g, out, 0), "lora");
  cr_expect_eq (g_array_index (out, GlsTermCandidate, 0).distance, 1);
  cr_expect_eq (g_array_index (out, GlsTermCandidate, 0).kind, GLS_TERM_QUERY_FUZZY);

  g_array_set_size (out, 0);
  gls_term_query_fuzzy (ix, "rotary embeding", 15, 2, GLS_TERM_QUERY_SKIP_KEYWORDS, 10, out);
  cr_assert_geq (out->len, 1);
  cr_expect_str_eq (key_of (g, out, 0), "rotary embedding");
  for (guint i = 1; i < out->len; i++)
    cr_expect_leq (g_array_index (out, GlsTermCandidate, i - 1).distance,
                   g_array_index (out, GlsTermCandidate, i).distance);
}

GLS_TEST (term_query, fuzzy_edit_budget_grows_with_length)
{
  cr_expect_eq (gls_term_query_fuzzy_edits (2), 0);
  cr_expect_eq (gls_term_query_fuzzy_edits (3), 1);
  cr_expect_eq (gls_term_query_fuzzy_edits (5), 1);
  cr_expect_eq (gls_term_query_fuzzy_edits (6), 2);
}

GLS_TEST (term_query, substring_matches_later_words_only)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary ("t.txt", GLS_TEST_GLOSSARY_TEXT, NULL);
  g_autoptr (GlsTermIndex) ix = gls_term_index_new (g);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (GlsTermCandidate));

  gls_term_query_substring (ix, "embedding", 9, GLS_TERM_QUERY_DEFAULT, 10, out);
  g_autofree char *keys = keys_of (g, out);
  /* Not "embedding" itself: the query must start a later word. */
  cr_expect_str_eq (keys, "rotary embedding|rotary position embedding");

  g_array_set_size (out, 0);
  gls_term_query_substring (ix, "mbedding", 8, GLS_TERM_QUERY_DEFAULT, 10, out);
  cr_expect_eq (out->len, 0);
}

GLS_TEST (term_query, search_is_prefix_then_substring_then_fuzzy_without_duplicates)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary ("t.txt", GLS_TEST_GLOSSARY_TEXT, NULL);
  g_autoptr (GlsTermIndex) ix = gls_term_index_new (g);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (GlsTermCandidate));

  gls_term_query_search (ix, "embedding", 9, GLS_TERM_QUERY_DEFAULT, 10, out);
  g_autofree char *keys = keys_of (g, out);
  cr_expect_str_eq (keys, "embedding|rotary embedding|rotary position embedding");
  cr_expect_eq (g_array_index (out, GlsTermCandidate, 0).kind, GLS_TERM_QUERY_PREFIX);
  cr_expect_eq (g_array_index (out, GlsTermCandidate, 1).kind, GLS_TERM_QUERY_SUBSTRING);

  g_array_set_size (out, 0);
  gls_term_query_search (ix, "lroa", 4, GLS_TERM_QUERY_DEFAULT, 10, out);
  g_autofree char *fuzzy = keys_of (g, out);
  cr_expect_str_eq (fuzzy, "lora");

  g_array_set_size (out, 0);
  gboolean incomplete = gls_term_query_search (ix, "", 0, GLS_TERM_QUERY_DEFAULT, 3, out);
  cr_expect_eq (out->len, 3);
  cr_expect (incomplete);
}

/* Reference ranking by brute force over every term. */
static int
reference_compare (gconstpointer pa, gconstpointer pb, gpointer data)
{
  const GlsGlossary *g = data;
  guint32 a = *(const guint32 *) pa, b = *(const guint32 *) pb;
  const GlsTerm *ta = gls_glossary_term (g, a), *tb = gls_glossary_term (g, b);
  GlsRole ra = gls_glossary_term_ref (g, ta, 0)->role, rb = gls_glossary_term_ref (g, tb, 0)->role;
  const char *ka = gls_glossary_term_key (g, ta), *kb = gls_glossary_term_key (g, tb);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (strlen (ka) != strlen (kb))
    return strlen (ka) < strlen (kb) ? -1 : 1;
  return strcmp (ka, kb);
}

GLS_TEST (term_query, top_k_selection_equals_a_full_sort)
{
  /* Many terms sharing prefixes, with aliases, so the batch is trimmed
   * several times during one walk. */
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  for (guint i = 0; i < 600; i++)
    {
      guint len = 1 + g_rand_int_range (rand, 0, 6);
      g_autoptr (GString) word = g_string_new ("q");
      for (guint k = 0; k < len; k++)
        g_string_append_c (word, "abc"[g_rand_int_range (rand, 0, 3)]);
      g_string_append_printf (text, "q%s%u,q%sz%u,qq%u\n**Entry %u** text.\n",
                              word->str, i, word->str, i, i, i);
    }
  g_autoptr (GlsGlossary) g = gls_test_glossary ("big.txt", text->str, NULL);
  g_autoptr (GlsTermIndex) ix = gls_term_index_new (g);
  const char *prefixes[] = { "q", "qq", "qqa", "qqab", "qqc", "" };

  for (gsize p = 0; p < G_N_ELEMENTS (prefixes); p++)
    for (guint limit = 1; limit <= 64; limit *= 4)
      {
        const char *prefix = prefixes[p];
        g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (guint32));
        for (guint t = 0; t < gls_glossary_n_terms (g); t++)
          if (g_str_has_prefix (gls_glossary_term_key (g, gls_glossary_term (g, t)), prefix))
            g_array_append_val (want, t);
        g_array_sort_with_data (want, reference_compare, g);

        g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (GlsTermCandidate));
        gboolean incomplete = gls_term_query_prefix (ix, prefix, strlen (prefix),
                                                     GLS_TERM_QUERY_DEFAULT, limit, out);
        cr_assert_eq (out->len, MIN (limit, want->len), "prefix '%s' limit %u", prefix, limit);
        cr_expect_eq (incomplete, want->len > limit);
        for (guint i = 0; i < out->len; i++)
          cr_assert_eq (g_array_index (out, GlsTermCandidate, i).term,
                        g_array_index (want, guint32, i),
                        "prefix '%s' limit %u rank %u: %s", prefix, limit, i, key_of (g, out, i));
      }
}

GLS_TEST (term_query, scan_limit_marks_huge_prefixes_incomplete)
{
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < GLS_TERM_QUERY_SCAN_LIMIT + 50; i++)
    g_string_append_printf (text, "k%06u\n**K%06u** text.\n", i, i);
  g_autoptr (GlsGlossary) g = gls_test_glossary ("huge.txt", text->str, NULL);
  g_autoptr (GlsTermIndex) ix = gls_term_index_new (g);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (GlsTermCandidate));

  cr_assert_geq (gls_glossary_n_terms (g), GLS_TERM_QUERY_SCAN_LIMIT + 50);
  /* Fewer candidates than the limit would allow, but not every key seen. */
  cr_expect (gls_term_query_prefix (ix, "k", 1, GLS_TERM_QUERY_DEFAULT,
                                    GLS_TERM_QUERY_SCAN_LIMIT + 100, out));
  cr_expect_eq (out->len, GLS_TERM_QUERY_SCAN_LIMIT);
  g_array_set_size (out, 0);
  cr_expect_not (gls_term_query_prefix (ix, "k00001", 6, GLS_TERM_QUERY_DEFAULT, 20, out));
  cr_expect_eq (out->len, 10);
}
