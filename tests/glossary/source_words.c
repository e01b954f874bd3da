/* Tests of lsp/glossary/source_words.h: the glossary files' own words, on
 * hand-made text and on random text against a reference written with
 * GRegex, and the stored form's check. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "glossary/source.h"
#include "glossary/source_words.h"

#include "common/leak-check.h"

static char *
collect (const char *const *texts, gsize n)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (GBytes) b = g_bytes_new (texts[i], strlen (texts[i]));
      g_ptr_array_add (sources, gls_source_new_from_bytes ("t.txt", NULL, b));
    }
  GString *out = g_string_new (NULL);
  gls_source_words_collect (out, sources);
  cr_assert (gls_source_words_is_valid (out->str, out->len), "collected words are in stored form: %s", out->str);
  return g_string_free (out, FALSE);
}

GLS_TEST (source_words, words_lowercased_once_in_first_seen_order)
{
  const char *const texts[] = { "The Mistral model; mistral again, MISTRAL.\nRoPE rope", "Mixtral and the end" };
  g_autofree char *got = collect (texts, 2);
  cr_expect_str_eq (got, "mistral\nmodel\nagain\nrope\nmixtral\n");
}

GLS_TEST (source_words, bounds_digits_and_non_ascii_neighbours)
{
  g_autofree char *long_word = g_strnfill (GLS_SOURCE_WORDS_MAX + 1, 'q');
  g_autofree char *max_word = g_strnfill (GLS_SOURCE_WORDS_MAX, 'w');
  /* "abc" too short, "conv2d" splits into "conv" and "d", "Qualität" and
   * "naïve" touch non-ASCII bytes, the 49-letter run is too long. */
  g_autofree char *text = g_strdup_printf ("abc conv2d Qualität naïve übers words %s %s", long_word, max_word);
  const char *const texts[] = { text };
  g_autofree char *got = collect (texts, 1);
  g_autofree char *want = g_strdup_printf ("conv\nwords\n%s\n", max_word);
  cr_expect_str_eq (got, want);
}

/* The definition again, with a regular expression: every maximal run of
 * ASCII letters, kept when 4..MAX long and no byte >= 0x80 touches it. */
static char *
reference (const char *text)
{
  g_autoptr (GRegex) re = g_regex_new ("[A-Za-z]+", G_REGEX_RAW, 0, NULL);
  g_autoptr (GMatchInfo) m = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *out = g_string_new (NULL);
  g_regex_match (re, text, 0, &m);
  while (g_match_info_matches (m))
    {
      gint s, e;
      g_match_info_fetch_pos (m, 0, &s, &e);
      gsize n = (gsize) (e - s);
      if (n >= GLS_SOURCE_WORDS_MIN && n <= GLS_SOURCE_WORDS_MAX && (s == 0 || (guchar) text[s - 1] < 0x80) &&
          (guchar) text[e] < 0x80)
        {
          char *w = g_ascii_strdown (text + s, (gssize) n);
          if (!g_hash_table_contains (seen, w))
            {
              g_string_append (out, w);
              g_string_append_c (out, '\n');
              g_hash_table_add (seen, w);
            }
          else
            g_free (w);
        }
      g_match_info_next (m, NULL);
    }
  return g_string_free (out, FALSE);
}

GLS_TEST (source_words, random_text_matches_the_reference)
{
  static const char *const pieces[] = { "a", "B", "c", "D", "e", "xy", "ZZ", " ", "\n", "-", "1", "é", "\xff", "_" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  for (guint round = 0; round < 500; round++)
    {
      GString *t = g_string_new (NULL);
      gint n = g_rand_int_range (rand, 0, 200);
      for (gint i = 0; i < n; i++)
        g_string_append (t, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      g_autofree char *text = g_string_free (t, FALSE);
      const char *const texts[] = { text };
      g_autofree char *got = collect (texts, 1);
      g_autofree char *want = reference (text);
      cr_assert_str_eq (got, want, "round %u: %s", round, text);
    }
}

GLS_TEST (source_words, stored_form_check)
{
  g_autofree char *w48 = g_strnfill (GLS_SOURCE_WORDS_MAX, 'w');
  g_autofree char *w49 = g_strnfill (GLS_SOURCE_WORDS_MAX + 1, 'w');
  g_autofree char *ok_max = g_strdup_printf ("%s\n", w48);
  g_autofree char *too_long = g_strdup_printf ("%s\n", w49);

  cr_expect (gls_source_words_is_valid ("", 0));
  cr_expect (gls_source_words_is_valid ("word\nmore\n", 10));
  cr_expect (gls_source_words_is_valid (ok_max, strlen (ok_max)));
  cr_expect (gls_source_words_is_valid ("word\nword\n", 10), "repeats are harmless");
  cr_expect_not (gls_source_words_is_valid (too_long, strlen (too_long)));
  cr_expect_not (gls_source_words_is_valid ("abc\n", 4), "too short");
  cr_expect_not (gls_source_words_is_valid ("word", 4), "unterminated");
  cr_expect_not (gls_source_words_is_valid ("Word\n", 5), "capital");
  cr_expect_not (gls_source_words_is_valid ("wo d\n", 5), "space");
  cr_expect_not (gls_source_words_is_valid ("wo\0d\n", 5), "NUL");
  cr_expect_not (gls_source_words_is_valid ("word\n\n", 6), "empty word");
  cr_expect_not (gls_source_words_is_valid ("w\xc3\xa9rd\n", 6), "non-ASCII");
}
