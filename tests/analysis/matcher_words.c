/* Tests of gls_matcher_match_span (matcher.h): the indexed matcher run span
 * by span, in blocks, handing the words it passes to the rules. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "analysis/matcher.h"

#include "common/leak-check.h"
#include "helpers.h"

/* Text of terms, near misses, identifiers and paths (hits the matcher
 * passes without keeping), non-ASCII neighbours and punctuation. */
static void
random_document (GRand *r, GString *doc)
{
  static const char *const pieces[] = {
    "lora", "LoRA", "LoRAs", "lora adapter", "low rank adaptation", "Low-Rank", "adaptation", "PyTorch",
    "rope", "RoPE", "rotary position embedding", "rotary", "toolformer", "toolfromer", "levenshtein",
    "transformer", "ring attention", "feature store", "naive bayes", "model", "models", "zorbnet",
    "lora_dropout", "x/lora", "tuners.lora.config", "lora/", "train.py", "über", "überkernel", "é", "日本",
    "—", "«", "(", ")", ",", ".", "'s", "-", "_", "/", "\xff", "c++", "42", "x", "the", "of", "MobileNetV2",
  };
  static const char *const seps[] = { " ", " ", " ", "", "\n", "-", ", ", "\xc2\xa0", "é", "_", "." };
  guint n = (guint) g_rand_int_range (r, 1, 60);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (doc, pieces[g_rand_int_range (r, 0, G_N_ELEMENTS (pieces))]);
      g_string_append (doc, seps[g_rand_int_range (r, 0, G_N_ELEMENTS (seps))]);
    }
}

static gboolean
overlaps_a_hit (const GArray *hits, guint32 start, guint32 end)
{
  for (guint i = 0; i < hits->len; i++)
    {
      const GlsHit *h = &g_array_index (hits, GlsHit, i);
      if (h->start < end && start < h->end)
        return TRUE;
    }
  return FALSE;
}

/* Matches doc's span block by block with at most cap words a block;
 * checks each block's words and that the hits known when a block is handed
 * over hold every hit that overlaps its words. Appends every word to all. */
static void
match_in_blocks (const GlsMatchIndex *ix, const GString *doc, const GlsProseSpan *span, guint cap, GArray *hits,
                 GArray *all)
{
  g_autoptr (GString) norm = g_string_new (NULL);
  g_autoptr (GArray) map = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) final = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  GlsMatchWords words = { NULL, 0, 0 };
  GlsMatchSpanState state;
  g_autoptr (GArray) known = g_array_new (FALSE, FALSE, sizeof (guint));  /* hits->len when each word was handed over */

  gls_matcher_span_begin (&state, span);
  for (gboolean done = FALSE; !done;)
    {
      done = gls_matcher_match_span (ix, doc->str, span, &state, &words, cap, norm, map, hits);
      cr_assert (done || words.len >= cap, "stopped early with %u words, cap %u", words.len, cap);
      /* The block is bounded: past cap by the word at hand and the words
       * of one hit at most (this glossary's keys have up to 4 words). */
      cr_assert (words.len <= cap + 5, "%u words in a block, cap %u", words.len, cap);
      for (guint k = 0; k < words.len; k++)
        {
          g_array_append_val (all, words.data[k]);
          g_array_append_val (known, hits->len);
        }
      words.len = 0;
    }
  g_free (words.data);
  /* A word handed over before a hit over it was found would be counted by
   * the rule although the hit covers it. */
  for (guint k = 0; k < all->len; k++)
    {
      const GlsMatchWord *w = &g_array_index (all, GlsMatchWord, k);
      guint seen = g_array_index (known, guint, k);
      for (guint i = seen; i < hits->len; i++)
        {
          const GlsHit *h = &g_array_index (hits, GlsHit, i);
          cr_assert (!(h->start < w->end && w->start < h->end), "hit [%u,%u) found after word [%u,%u) was handed over",
                     h->start, h->end, w->start, w->end);
        }
    }
}

GLS_TEST (matcher_words, blocks_give_the_hits_and_every_free_word)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsMatchIndex) ix = gls_match_index_new (g);
  g_autoptr (GRand) r = g_rand_new_with_seed (20261207);
  static const guint caps[] = { 1, 2, 3, 7, 1024 };
  guint total_words = 0, total_hits = 0;

  for (int round = 0; round < 1500; round++)
    {
      g_autoptr (GString) doc = g_string_new (NULL);
      random_document (r, doc);
      /* A span that does not start the text: its edges bound the words. */
      GlsProseSpan span = { 1, (guint32) doc->len - 1, GLS_PROSE_TEXT };
      if (span.start >= span.end)
        continue;
      g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (GlsHit));
      gls_matcher_find (g, doc->str, doc->len, &span, 1, want);
      guint cap = caps[round % G_N_ELEMENTS (caps)];
      g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
      g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (GlsMatchWord));
      match_in_blocks (ix, doc, &span, cap, hits, all);

      cr_assert_eq (hits->len, want->len, "round %d: %u hits, want %u in \"%s\"", round, hits->len, want->len, doc->str);
      for (guint i = 0; i < want->len; i++)
        {
          const GlsHit *a = &g_array_index (hits, GlsHit, i), *b = &g_array_index (want, GlsHit, i);
          cr_assert (a->start == b->start && a->end == b->end && a->term == b->term, "round %d hit %u in \"%s\"",
                     round, i, doc->str);
        }
      /* Words: whole runs of ASCII letters and digits of the span, in
       * order, each once. */
      for (guint k = 0; k < all->len; k++)
        {
          const GlsMatchWord *w = &g_array_index (all, GlsMatchWord, k);
          cr_assert (w->start >= span.start && w->start < w->end && w->end <= span.end);
          cr_assert (k == 0 || g_array_index (all, GlsMatchWord, k - 1).end <= w->start, "round %d: words out of order",
                     round);
          cr_assert (w->start == span.start || !g_ascii_isalnum (doc->str[w->start - 1]));
          cr_assert (w->end == span.end || !g_ascii_isalnum (doc->str[w->end]));
          for (guint32 p = w->start; p < w->end; p++)
            cr_assert (g_ascii_isalnum (doc->str[p]), "round %d: word [%u,%u) in \"%s\"", round, w->start, w->end,
                       doc->str);
        }
      /* Every run no hit overlaps and no non-ASCII byte precedes is there:
       * the misspelled-term rule sees no word but these. */
      guint k = 0;
      for (guint32 p = span.start; p < span.end; p++)
        {
          if (!g_ascii_isalnum (doc->str[p]) || (p > span.start && g_ascii_isalnum (doc->str[p - 1])))
            continue;
          guint32 e = p;
          while (e < span.end && g_ascii_isalnum (doc->str[e]))
            e++;
          while (k < all->len && g_array_index (all, GlsMatchWord, k).start < p)
            k++;
          gboolean listed = k < all->len && g_array_index (all, GlsMatchWord, k).start == p;
          if (!(p > span.start && (guchar) doc->str[p - 1] >= 0x80) && !overlaps_a_hit (hits, p, e))
            cr_assert (listed, "round %d: word [%u,%u) \"%.*s\" missing in \"%s\"", round, p, e, (int) (e - p),
                       doc->str + p, doc->str);
          total_words += listed;
        }
      total_hits += hits->len;
    }
  cr_expect_gt (total_hits, 1000);
  cr_expect_gt (total_words, 10000);
}

/* Identifiers and paths: the matcher passes their hits without keeping
 * them, and their words go to the rules. */
GLS_TEST (matcher_words, words_of_a_hit_in_an_identifier_are_handed_over)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsMatchIndex) ix = gls_match_index_new (g);
  const char *text = "see tuners.lora_adapter.config and the lora adapter";
  g_autoptr (GString) doc = g_string_new (text);
  GlsProseSpan span = { 0, (guint32) doc->len, GLS_PROSE_TEXT };
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (GlsMatchWord));

  match_in_blocks (ix, doc, &span, 1024, hits, all);
  cr_assert_eq (hits->len, 1);
  cr_expect_eq (g_array_index (hits, GlsHit, 0).start, strstr (text, "lora adapter") - text);
  g_autoptr (GString) listed = g_string_new (NULL);
  for (guint k = 0; k < all->len; k++)
    {
      const GlsMatchWord *w = &g_array_index (all, GlsMatchWord, k);
      g_string_append_printf (listed, "%s%.*s", k > 0 ? "|" : "", (int) (w->end - w->start), text + w->start);
    }
  cr_expect_str_eq (listed->str, "see|tuners|lora|adapter|config|and|the");
}

/* A word ends at the first byte that is no ASCII letter or digit, whichever
 * byte it is and wherever it falls in the scan's eight-byte steps. */
GLS_TEST (matcher_words, every_byte_ends_a_word_or_not)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsMatchIndex) ix = gls_match_index_new (g);

  for (guint b = 1; b < 256; b++)
    for (guint k = 1; k < 18; k++)
      {
        g_autoptr (GString) doc = g_string_new (NULL);
        for (guint i = 0; i < k; i++)
          g_string_append_c (doc, "qjxkv"[i % 5]);
        g_string_append_c (doc, (char) b);
        g_string_append (doc, "qjxkvqjxkvqjxkvqjxkv");
        GlsProseSpan span = { 0, (guint32) doc->len, GLS_PROSE_TEXT };
        g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
        g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (GlsMatchWord));
        match_in_blocks (ix, doc, &span, 1024, hits, all);
        cr_assert_gt (all->len, 0);
        guint32 want = g_ascii_isalnum (b) ? (guint32) doc->len : k;
        cr_assert_eq (g_array_index (all, GlsMatchWord, 0).end, want, "byte 0x%02x after %u letters: end %u", b, k,
                      g_array_index (all, GlsMatchWord, 0).end);
      }
}
