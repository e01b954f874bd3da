/* Tests of lsp/analysis/word_memo.h: the per-run memo of the rules. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "analysis/word_memo.h"
#include "common/leak-check.h"

GLS_TEST (word_memo, stores_and_finds_words_through_growth)
{
  GlsWordMemo *memo = gls_word_memo_new (1);
  char w[32];
  guint8 v;

  /* Enough words to grow the table several times; words that are prefixes
   * of each other and differ only in length must stay apart. */
  for (guint i = 0; i < 20000; i++)
    {
      gsize n = (gsize) g_snprintf (w, sizeof w, "w%u", i);
      guint32 h = gls_word_memo_hash (w, n);
      cr_assert (!gls_word_memo_lookup (memo, w, n, h, &v), "%s found before it was stored", w);
      gls_word_memo_insert (memo, w, n, h, (guint8) (i % 251));
    }
  for (guint i = 0; i < 20000; i++)
    {
      gsize n = (gsize) g_snprintf (w, sizeof w, "w%u", i);
      cr_assert (gls_word_memo_lookup (memo, w, n, gls_word_memo_hash (w, n), &v), "%s lost", w);
      cr_assert_eq (v, i % 251, "%s: %u", w, v);
    }
  cr_expect (!gls_word_memo_lookup (memo, "w20000", 6, gls_word_memo_hash ("w20000", 6), &v));
  cr_expect_eq (gls_word_memo_size (memo), 20000);
  cr_expect (!gls_word_memo_lookup (memo, "w1", 1, gls_word_memo_hash ("w1", 1), &v));
  /* Bytes after a NUL count ("stem\0fix" keys). */
  gls_word_memo_insert (memo, "ab\0cd", 5, gls_word_memo_hash ("ab\0cd", 5), 7);
  cr_expect (!gls_word_memo_lookup (memo, "ab\0ce", 5, gls_word_memo_hash ("ab\0ce", 5), &v));
  cr_expect (gls_word_memo_lookup (memo, "ab\0cd", 5, gls_word_memo_hash ("ab\0cd", 5), &v) && v == 7);
  gls_word_memo_free (memo);
  gls_word_memo_free (NULL);
}

/* The hash of a word read in place, in any case, is the hash of its
 * lowercase copy, whatever follows it and whether it may be read. */
GLS_TEST (word_memo, folded_hash_equals_hash_of_lowercase)
{
  static const char *const words[] = { "", "a", "Lo", "LoRA", "ToolFormer", "MobileNetV2", "ABCDEFGH", "abcdefghi",
                                       "ReinforcementLearningFromHumanFeedback" };
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);
      g_autofree char *lower = g_ascii_strdown (words[i], (gssize) n);
      char padded[64];
      for (guint filler = 0; filler < 2; filler++)
        {
          memset (padded, filler ? 'Q' : '\0', sizeof padded);
          memcpy (padded, words[i], n);
          cr_expect_eq (gls_word_memo_hash_folded (padded, n, sizeof padded), gls_word_memo_hash (lower, n), "%s",
                        words[i]);
        }
      cr_expect_eq (gls_word_memo_hash_folded (words[i], n, n), gls_word_memo_hash (lower, n), "%s", words[i]);
    }
  /* Words that differ, in a byte or in length, hash apart here. */
  cr_expect_neq (gls_word_memo_hash ("lora", 4), gls_word_memo_hash ("lorb", 4));
  cr_expect_neq (gls_word_memo_hash ("lora", 4), gls_word_memo_hash ("lora\0", 5));
  cr_expect_neq (gls_word_memo_hash ("abcdefgh1", 9), gls_word_memo_hash ("abcdefgh2", 9));
}

/* Folded lookups read a word in the document's case and find its lowercase
 * entry; other words, and words differing in more than case, stay apart. */
GLS_TEST (word_memo, folded_lookup_ignores_ascii_case_only)
{
  GlsWordMemo *memo = gls_word_memo_new (4);
  static const char *const stored[] = { "lora", "mobilenetv2", "toolfromer", "x86", "reinforcementlearning" };
  guint8 v;

  for (guint i = 0; i < G_N_ELEMENTS (stored); i++)
    gls_word_memo_insert (memo, stored[i], strlen (stored[i]), gls_word_memo_hash (stored[i], strlen (stored[i])),
                          (guint8) (i + 1));
  static const struct { const char *typed; int want; } cases[] = {
    { "LoRA", 1 }, { "LORA", 1 }, { "lora", 1 }, { "MobileNetV2", 2 }, { "TOOLFROMER", 3 }, { "X86", 4 },
    { "LoRAs", 0 }, { "Lor", 0 }, { "MobileNetV3", 0 }, { "x87", 0 }, { "ReinforcementLearning", 5 },
    { "ReinforcementLearninG", 5 }, { "ReinforcementLearnint", 0 }, { "ReinforcemenTlearning", 5 },
    { "ReinforcementLearninga", 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize n = strlen (cases[i].typed);
      g_autofree char *lower = g_ascii_strdown (cases[i].typed, (gssize) n);
      /* The word alone (compared a byte a step) and followed by other
       * bytes it may read (eight a step; what follows must not count). */
      char padded[64];
      memset (padded, 'z', sizeof padded);
      memcpy (padded, cases[i].typed, n);
      for (guint wide = 0; wide < 2; wide++)
        {
          gboolean found = gls_word_memo_lookup_folded (memo, wide ? padded : cases[i].typed, n,
                                                        wide ? sizeof padded : n, gls_word_memo_hash (lower, n), &v);
          cr_expect_eq (found, cases[i].want != 0, "%s (wide %u)", cases[i].typed, wide);
          if (found)
            cr_expect_eq (v, cases[i].want, "%s: %u", cases[i].typed, v);
        }
      /* the plain lookup compares bytes as they are */
      cr_expect_eq (gls_word_memo_lookup (memo, cases[i].typed, n, gls_word_memo_hash (lower, n), &v),
                    cases[i].want != 0 && strcmp (lower, cases[i].typed) == 0, "%s", cases[i].typed);
    }
  gls_word_memo_free (memo);
}
