/* Tests of lsp/analysis/typo.h: how two spellings of a word differ. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "analysis/typo.h"
#include "common/leak-check.h"

static guint
osa (const char *a, const char *b, guint limit)
{
  return gls_typo_osa_distance (a, strlen (a), b, strlen (b), limit);
}

static gboolean
typing (const char *typed, const char *intended)
{
  return gls_typo_is_typing_edit (typed, strlen (typed), intended, strlen (intended));
}

static gboolean
same (const char *a, const char *b)
{
  return gls_typo_same_word (a, strlen (a), b, strlen (b));
}

GLS_TEST (typo, osa_distance_counts_a_swap_as_one_and_ignores_case)
{
  cr_expect_eq (osa ("experst", "experts", 2), 1);
  cr_expect_eq (osa ("experst", "expert", 2), 1);
  cr_expect_eq (osa ("RMSNrom", "rmsnorm", 2), 1);
  cr_expect_eq (osa ("cahce", "cache", 2), 1);
  cr_expect_eq (osa ("cahce", "cach", 2), 2);
  cr_expect_eq (osa ("abcdef", "uvwxyz", 2), 3, "beyond the limit: limit + 1");
  char long_word[GLS_TYPO_MAX_LETTERS + 3];
  memset (long_word, 'a', sizeof long_word - 1);
  long_word[sizeof long_word - 1] = '\0';
  cr_expect_eq (osa (long_word, "a", 1), 2, "too long: limit + 1");
}

GLS_TEST (typo, typing_edits)
{
  cr_expect (typing ("lroa", "lora"));     /* swap */
  cr_expect (typing ("lra", "lora"));      /* drop */
  cr_expect (typing ("loora", "lora"));    /* double */
  cr_expect (typing ("lpra", "lora"));     /* o -> p, neighbours */
  cr_expect_not (typing ("loha", "lora")); /* r -> h: not neighbours */
  cr_expect_not (typing ("lora", "lora"));
  cr_expect_not (typing ("loxra", "lora")); /* an inserted letter that doubles nothing */
  cr_expect (gls_typo_keys_adjacent ('d', 'e'));
  cr_expect (gls_typo_keys_adjacent ('e', 'd'));
  cr_expect (gls_typo_keys_adjacent ('g', 'h'));
  cr_expect_not (gls_typo_keys_adjacent ('q', 'p'));
  cr_expect_not (gls_typo_keys_adjacent ('1', 'q'));
  cr_expect_not (gls_typo_keys_adjacent ('\0', 'q'));
}

GLS_TEST (typo, inflections_and_british_spellings_are_one_word_typos_are_not)
{
  cr_expect (same ("tokenized", "tokenizing"));
  cr_expect (same ("normalisation", "normalization"));
  cr_expect (same ("modelling", "modeling"));
  cr_expect (same ("centre", "center"));
  cr_expect_not (same ("speculativ", "speculative"));
  cr_expect_not (same ("transfe", "transfer"));
  cr_expect_not (same ("fllash", "flash"));
  cr_expect_not (same ("roling", "rolling"));
  cr_expect_not (same ("delletion", "deletion"));
  cr_expect_not (same ("synthezis", "synthesis"));
}

GLS_TEST (typo, plural_reading)
{
  cr_expect (gls_typo_reads_plural ("experts", 7));
  cr_expect_not (gls_typo_reads_plural ("experst", 7));
  cr_expect_not (gls_typo_reads_plural ("synthesis", 9));
  cr_expect_not (gls_typo_reads_plural ("class", 5));
}

GLS_TEST (typo, near_other_english)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsWordlist) words = gls_wordlist_new_default (&error);
  cr_assert_not_null (words, "%s", error != NULL ? error->message : "");
  cr_expect (gls_typo_near_other_english (words, "transfe", 7, "transe", 6));
  cr_expect_not (gls_typo_near_other_english (words, "transfromer", 11, "transformer", 11));
  cr_expect (gls_typo_is_compound (words, "minimatch", 9));
  cr_expect_not (gls_typo_is_compound (words, "toolfromer", 10));
}
