/* Tests of lsp/analysis/matcher.c: which words of prose are glossary terms. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "analysis/matcher.h"
#include "glossary/normalize.h"

#include "common/leak-check.h"
#include "helpers.h"

static void
expect_hits (const char *lang, const char *text, const char *want)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autofree char *got = test_hits_string (g, lang, text);
  cr_expect_str_eq (got, want, "in \"%s\": got \"%s\", want \"%s\"", text, got, want);
}

GLS_TEST (matcher, longest_multi_word_match_wins)
{
  expect_hits ("plaintext", "Each lora adapter is small, and LoRA is cheap.", "lora adapter=LoRA adapter|LoRA=LoRA");
  expect_hits ("plaintext", "Low-Rank Adaptation (low rank adaptation)",
               "Low-Rank Adaptation=low rank adaptation|low rank adaptation=low rank adaptation");
}

GLS_TEST (matcher, only_at_word_boundaries)
{
  expect_hits ("plaintext", "loram qlora xlora lora2 lorax 2lora", "");
  expect_hits ("plaintext", "(LoRA), [lora]; \"LoRA\".", "LoRA=LoRA|lora=LoRA|LoRA=LoRA");
}

GLS_TEST (matcher, plurals_and_possessives)
{
  expect_hits ("plaintext", "Two LoRAs and many models; LoRA's rank.", "LoRAs=LoRA|models=model|LoRA=LoRA");
  expect_hits ("plaintext", "lora adapters", "lora adapters=LoRA adapter");
}

GLS_TEST (matcher, hyphens_underscores_and_spaces_are_one_separator)
{
  expect_hits ("plaintext", "rotary-position embedding, rotary  position\tembeddings",
               "rotary-position embedding=rotary position embedding|"
               "rotary  position\tembeddings=rotary position embedding");
}

GLS_TEST (matcher, keyword_only_terms_and_categories_never_match)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  /* The words are terms of the glossary all the same: they are only not matched. */
  cr_assert_not_null (gls_glossary_lookup (g, "data", -1));
  cr_expect (!(gls_glossary_lookup (g, "data", -1)->flags & GLS_TERM_MATCH_PROSE));
  cr_expect_null (gls_glossary_lookup (g, "distributed training", -1));
  expect_hits ("plaintext", "Our data pipeline runs distributed training over features.", "");
  expect_hits ("plaintext", "A feature store and ring attention.",
               "feature store=feature store|ring attention=ring attention");
}

GLS_TEST (matcher, case_sensitive_term_only_where_not_plain_english)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  const GlsTerm *rope = gls_glossary_lookup (g, "rope", -1);
  cr_assert_not_null (rope);
  cr_expect (rope->flags & GLS_TERM_CASE_SENSITIVE);
  expect_hits ("plaintext", "A rope. Rope bridges. ropes.", "");
  expect_hits ("plaintext", "RoPE, ROPE and RoPEs.", "RoPE=RoPE|ROPE=RoPE|RoPEs=RoPE");
  /* The multi-word key is not case-sensitive. */
  expect_hits ("plaintext", "Rotary Position Embedding", "Rotary Position Embedding=rotary position embedding");
}

GLS_TEST (matcher, surface_is_marked)
{
  const char *plain[] = { "rope", "Rope", "ropes", "Ropes", "", "1", "éa" };
  const char *marked[] = { "RoPE", "ROPE", "RoPEs", "rOPE", "ÉTÉ", "roPé" };
  for (gsize i = 0; i < G_N_ELEMENTS (plain); i++)
    cr_expect (!gls_matcher_surface_is_marked (plain[i], strlen (plain[i])), "%s", plain[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (marked); i++)
    cr_expect (gls_matcher_surface_is_marked (marked[i], strlen (marked[i])), "%s", marked[i]);
}

GLS_TEST (matcher, across_line_breaks_in_one_span)
{
  expect_hits ("markdown", "We use rotary position\nembedding in every layer.\n",
               "rotary position\nembedding=rotary position embedding");
  /* Two paragraphs are two spans: no match across them. */
  expect_hits ("markdown", "We use rotary position\n\nembedding here.\n", "");
}

GLS_TEST (matcher, utf8_around_and_inside_terms)
{
  expect_hits ("plaintext", "«LoRA»—fast; 日本語LoRA; éLoRA; LoRAé; Naive Bayes—ﬁne; NAIVE BAYES’.",
               "LoRA=LoRA|Naive Bayes=naive bayes|NAIVE BAYES=naive bayes");
  /* Case folding of a non-ASCII first letter. */
  expect_hits ("plaintext", "The ÜBER KERNEL and über kernels; xüber kernel.", "ÜBER KERNEL=über kernel|über kernels=über kernel");
  /* Invalid UTF-8 next to a term is a boundary, never a crash. */
  expect_hits ("plaintext", "\xff" "LoRA\xfe lora\xc3", "LoRA=LoRA|lora=LoRA");
}

GLS_TEST (matcher, only_prose_spans_are_matched)
{
  expect_hits ("markdown", "Use `LoRA` in code, [LoRA](https://lora.example) links, and\n\n"
               "```\nLoRA\n```\n<!-- LoRA in a comment -->\n", "LoRA=LoRA");
  expect_hits ("c", "int lora = 1; /* a LoRA adapter */\nchar *s = \"LoRA\";\n", "LoRA adapter=LoRA adapter");
}

GLS_TEST (matcher, hit_at_offset)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  const char *text = "Intro.\n\nThe lora adapter and PyTorch.\n";
  g_autoptr (GArray) spans = test_spans ("markdown", text);
  const GlsProseSpan *sp = (const GlsProseSpan *) (gpointer) spans->data;
  const char *at = strstr (text, "adapter");
  GlsHit hit = { 0 };

  cr_assert (gls_matcher_hit_at (g, text, strlen (text), sp, spans->len, (guint32) (at - text), &hit));
  cr_expect_eq (hit.start, (guint32) (strstr (text, "lora") - text));
  cr_expect_eq (hit.end, (guint32) (at - text + strlen ("adapter")));
  cr_expect_str_eq (gls_glossary_term_key (g, gls_glossary_term (g, hit.term)), "lora adapter");
  /* Just past the hit, on a non-term word, in the first paragraph, outside all spans. */
  cr_expect (!gls_matcher_hit_at (g, text, strlen (text), sp, spans->len, hit.end, &hit));
  cr_expect (!gls_matcher_hit_at (g, text, strlen (text), sp, spans->len, 0, &hit));
  cr_expect (!gls_matcher_hit_at (g, text, strlen (text), sp, spans->len, 7, &hit));
  cr_expect (gls_matcher_hit_at (g, text, strlen (text), sp, spans->len, (guint32) (strstr (text, "Torch") - text), &hit));
  cr_expect_str_eq (gls_glossary_term_key (g, gls_glossary_term (g, hit.term)), "pytorch");
}

static gboolean
reject_long (const GlsGlossary *g, guint32 term, gsize match_len, gpointer user_data)
{
  return strchr (gls_glossary_term_key (g, gls_glossary_term (g, term)), ' ') == NULL;
}

GLS_TEST (matcher, rejected_key_falls_back_to_shorter_key_at_a_word_boundary)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  guint32 term = G_MAXUINT32;
  const char *norm = "lora adapter training";
  gsize m = gls_matcher_longest_accepted (g, norm, strlen (norm), reject_long, NULL, &term);
  cr_expect_eq (m, 4);
  cr_expect_str_eq (gls_glossary_term_key (g, gls_glossary_term (g, term)), "lora");
  norm = "rotary position embedding";
  cr_expect_eq (gls_matcher_longest_accepted (g, norm, strlen (norm), reject_long, NULL, &term), 0);
}

GLS_TEST (matcher, hits_match_the_seed_glossary)
{
  g_autoptr (GlsGlossary) g = test_seed_glossary_new ();
  g_autofree char *got = test_hits_string (g, "markdown",
                                           "We fine-tune with LoRA and Rotary Position Embeddings; a rope is not RoPE.\n");
  cr_expect (strstr (got, "LoRA=LoRA") != NULL, "%s", got);
  cr_expect (strstr (got, "Rotary Position Embeddings=") != NULL, "%s", got);
  cr_expect (strstr (got, "RoPE=RoPE") != NULL, "%s", got);
  cr_expect (strstr (got, "rope=") == NULL, "%s", got);
}

GLS_TEST (matcher, many_spans_in_document_order)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GString) doc = g_string_new (NULL);
  for (int i = 0; i < 200; i++)
    g_string_append_printf (doc, "Paragraph %d uses LoRA and vLLM with bf16.\n\n", i);
  g_autoptr (GArray) spans = test_spans ("markdown", doc->str);
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  gls_matcher_find (g, doc->str, doc->len, (const GlsProseSpan *) (gpointer) spans->data, spans->len, hits);
  cr_assert_eq (hits->len, 600);
  for (guint i = 1; i < hits->len; i++)
    cr_expect_gt (g_array_index (hits, GlsHit, i).start, g_array_index (hits, GlsHit, i - 1).end - 1);
}

/* Random documents from glossary words, near-misses, ordinary words,
 * punctuation, separators, non-ASCII letters and invalid bytes: the indexed
 * matcher must give exactly the reference matcher's hits. */
static void
random_document (GRand *r, GString *doc)
{
  static const char *const pieces[] = {
    "lora", "LoRA", "LoRAs", "Lora's", "lora adapter", "lora adapters", "LORA", "adapter", "low", "rank",
    "adaptation", "low-rank", "Low Rank", "rope", "RoPE", "ROPE", "RoPEs", "rotary", "position", "embedding",
    "Embeddings", "rotary_position", "pytorch", "PyTorch", "vllm", "bf16", "BF16s", "toolformer", "toolfromer",
    "levenshtein", "transformer", "gaussian", "naive", "bayes", "naïve", "NAÏVE", "ﬁne", "model", "models",
    "modal", "feature", "store", "stores", "data", "ring", "attention", "distributed", "training", "zorbnet",
    "über", "ÜBER", "Über", "kernel", "überkernel",
    "the", "a", "of", "é", "日本", "—", "«", "»", "(", ")", ",", ".", "'", "'s", "-", "_", "/", "\xff", "\xc3",
    "c++", "1", "42", "x",
  };
  static const char *const seps[] = { " ", " ", " ", "", "\n", "  ", "\t", "-", ", ", "\xc2\xa0" };
  guint n = (guint) g_rand_int_range (r, 1, 60);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (doc, pieces[g_rand_int_range (r, 0, G_N_ELEMENTS (pieces))]);
      g_string_append (doc, seps[g_rand_int_range (r, 0, G_N_ELEMENTS (seps))]);
    }
}

GLS_TEST (matcher, indexed_matcher_equals_reference_on_random_text)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsMatchIndex) ix = gls_match_index_new (g);
  g_autoptr (GRand) r = g_rand_new_with_seed (20240611);
  guint total = 0;

  cr_expect_eq (gls_match_index_glossary (ix), g);
  for (int round = 0; round < 3000; round++)
    {
      g_autoptr (GString) doc = g_string_new (NULL);
      random_document (r, doc);
      GlsProseSpan span = { 0, (guint32) doc->len, GLS_PROSE_TEXT };
      if (doc->len == 0)
        continue;
      g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (GlsHit));
      g_autoptr (GArray) got = g_array_new (FALSE, FALSE, sizeof (GlsHit));
      gls_matcher_find (g, doc->str, doc->len, &span, 1, want);
      gls_matcher_find_indexed (ix, doc->str, doc->len, &span, 1, got);
      total += want->len;
      cr_assert_eq (got->len, want->len, "round %d: %u hits, want %u in \"%s\"", round, got->len, want->len, doc->str);
      for (guint i = 0; i < want->len; i++)
        {
          const GlsHit *a = &g_array_index (got, GlsHit, i), *b = &g_array_index (want, GlsHit, i);
          cr_assert (a->start == b->start && a->end == b->end && a->term == b->term,
                     "round %d hit %u: [%u,%u) term %u, want [%u,%u) term %u in \"%s\"", round, i, a->start,
                     a->end, a->term, b->start, b->end, b->term, doc->str);
        }
    }
  cr_expect_gt (total, 1000);
}

/* The same on text made of the seed glossary's own keys, cut into words and
 * glued with random separators, cases and plurals: the indexed matcher's
 * shortcuts (a window only where a key's first two words meet) must not
 * lose or change a hit. */
GLS_TEST (matcher, indexed_matcher_equals_reference_on_seed_keys)
{
  g_autoptr (GlsGlossary) g = test_seed_glossary_new ();
  g_autoptr (GlsMatchIndex) ix = gls_match_index_new (g);
  g_autoptr (GRand) r = g_rand_new_with_seed (20261207);
  g_autoptr (GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  static const char *const seps[] = { " ", " ", " ", "-", "_", "\n", " - ", "'s ", ", ", ". ", "(", "\xc2\xa0", "" };
  guint total = 0;

  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      g_auto (GStrv) parts = g_strsplit (gls_glossary_term_canonical (g, gls_glossary_term (g, t)), " ", -1);
      for (guint k = 0; parts[k] != NULL; k++)
        g_ptr_array_add (words, g_strdup (parts[k]));
    }
  cr_assert_gt (words->len, 100);
  for (int round = 0; round < 2000; round++)
    {
      g_autoptr (GString) doc = g_string_new (NULL);
      guint n = (guint) g_rand_int_range (r, 1, 40);
      for (guint i = 0; i < n; i++)
        {
          const char *w = g_ptr_array_index (words, g_rand_int_range (r, 0, (gint32) words->len));
          gint32 how = g_rand_int_range (r, 0, 6);
          if (how == 0)
            {
              g_autofree char *up = g_ascii_strup (w, -1);
              g_string_append (doc, up);
            }
          else
            g_string_append (doc, w);
          if (how == 1)
            g_string_append (doc, "s");
          g_string_append (doc, seps[g_rand_int_range (r, 0, G_N_ELEMENTS (seps))]);
        }
      GlsProseSpan span = { 0, (guint32) doc->len, GLS_PROSE_TEXT };
      g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (GlsHit));
      g_autoptr (GArray) got = g_array_new (FALSE, FALSE, sizeof (GlsHit));
      gls_matcher_find (g, doc->str, doc->len, &span, 1, want);
      gls_matcher_find_indexed (ix, doc->str, doc->len, &span, 1, got);
      total += want->len;
      cr_assert_eq (got->len, want->len, "round %d: %u hits, want %u in \"%s\"", round, got->len, want->len, doc->str);
      for (guint i = 0; i < want->len; i++)
        {
          const GlsHit *a = &g_array_index (got, GlsHit, i), *b = &g_array_index (want, GlsHit, i);
          cr_assert (a->start == b->start && a->end == b->end && a->term == b->term,
                     "round %d hit %u: [%u,%u) term %u, want [%u,%u) term %u in \"%s\"", round, i, a->start,
                     a->end, a->term, b->start, b->end, b->term, doc->str);
        }
    }
  cr_expect_gt (total, 2000);
}

/* A term inside a path or an identifier is part of a name (issue 10: "dreambooth" in
 * examples/lora_dreambooth/train_dreambooth.py); hyphenated compounds are uses. */
GLS_TEST (matcher, not_inside_identifiers_or_paths)
{
  expect_hits ("plaintext", "see examples/lora_x/train.py, tuners.lora.config and lora_dropout", "");
  expect_hits ("plaintext", "QA-LoRA uses LoRA. Then lora/ and x.lora", "LoRA=LoRA|LoRA=LoRA");
}
