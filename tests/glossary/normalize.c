#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "glossary/normalize.h"

#include "common/leak-check.h"

static char *
norm (const char *s)
{
  return gls_normalize_key (s, -1);
}

static void
expect_norm (const char *in, const char *want)
{
  g_autofree char *got = norm (in);
  cr_expect_str_eq (got, want, "normalize(%s)", in);
}

GLS_TEST (normalize, case_folding)
{
  expect_norm ("LoRA", "lora");
  expect_norm ("LORA", "lora");
  expect_norm ("Straße", "strasse");
  expect_norm ("ÉTUDE", "étude");
}

GLS_TEST (normalize, separators_collapse_and_trim)
{
  expect_norm ("fine-tuning", "fine tuning");
  expect_norm ("fine_tuning", "fine tuning");
  expect_norm ("  fine \t--  tuning ", "fine tuning");
  expect_norm ("finetuning", "finetuning");
}

GLS_TEST (normalize, regular_plurals)
{
  expect_norm ("reward models", "reward model");
  expect_norm ("policies", "policy");
  expect_norm ("losses", "loss");
  expect_norm ("loss", "loss");
  expect_norm ("patches", "patch");
  expect_norm ("caches", "cach");
  expect_norm ("cache", "cach");
  expect_norm ("LLMs", "llm");
  expect_norm ("GPUs", "gpu");
  expect_norm ("bus", "bus");
  expect_norm ("analysis", "analysis");
  expect_norm ("corpus", "corpus");
  expect_norm ("Graph Neural Networks", "graph neural network");
}

GLS_TEST (normalize, punctuation_is_kept)
{
  expect_norm ("risk assessment (legal)", "risk assessment (legal)");
  expect_norm ("trailing edge / mature node", "trailing edge / mature node");
  expect_norm ("models, tools", "model, tool");
}

GLS_TEST (normalize, invalid_utf8_becomes_replacement)
{
  g_autofree char *got = gls_normalize_key ("ab\xff" "cd", 5);
  cr_expect_str_eq (got, "ab\xEF\xBF\xBD" "cd");
  cr_expect (g_utf8_validate (got, -1, NULL));
}

GLS_TEST (normalize, embedded_nul_is_not_a_terminator)
{
  g_autofree char *got = gls_normalize_key ("ab\0cd", 5);
  cr_expect_str_eq (got, "ab\xEF\xBF\xBD" "cd");
}

GLS_TEST (normalize, offset_map_covers_plural_and_separators)
{
  const char *src = "  Reward-Models, rest";
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GArray) map = g_array_new (FALSE, FALSE, sizeof (guint32));
  gls_normalize (src, -1, out, map);
  cr_assert_str_eq (out->str, "reward model, rest");
  cr_assert_eq (map->len, out->len + 1);
  /* "reward model" is normalized bytes [0, 12); it must map back to
   * "Reward-Models" = source bytes [2, 15). */
  cr_expect_eq (g_array_index (map, guint32, 0), 2);
  cr_expect_eq (gls_normalize_source_end (map, 12), 15);
  /* the whole text ends where the source ends */
  cr_expect_eq (gls_normalize_source_end (map, out->len), strlen (src));
}

GLS_TEST (normalize, trailing_separators_are_not_part_of_the_end)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GArray) map = g_array_new (FALSE, FALSE, sizeof (guint32));
  gls_normalize ("model  ", -1, out, map);
  cr_assert_str_eq (out->str, "model");
  cr_expect_eq (gls_normalize_source_end (map, out->len), 5);
}

GLS_TEST (normalize, appends_to_existing_string)
{
  g_autoptr (GString) out = g_string_new ("x|");
  gls_normalize ("Tokens", -1, out, NULL);
  cr_expect_str_eq (out->str, "x|token");
}

/* The plural rules as first written (a memcmp per suffix), the reference for
 * the faster gls_normalize_singular_length. */
static gsize
reference_singular_length (const char *w, gsize n, gboolean *ies_to_y)
{
#define ENDS(sfx) (n >= strlen (sfx) && memcmp (w + n - strlen (sfx), sfx, strlen (sfx)) == 0)
  *ies_to_y = FALSE;
  if (n >= 5 && ENDS ("ies"))
    {
      *ies_to_y = TRUE;
      return n - 2;
    }
  if (n >= 5 && (ENDS ("sses") || ENDS ("shes") || ENDS ("ches") || ENDS ("xes")))
    n -= 2;
  else if (ENDS ("ss") || ENDS ("is") || (n >= 5 && ENDS ("us")))
    ;
  else if (n >= 4 && w[n - 1] == 's')
    n -= 1;
  if (n >= 4 && ENDS ("che"))
    n -= 1;
  return n;
#undef ENDS
}

GLS_TEST (normalize, singular_length_equals_the_reference_rules)
{
  static const char letters[] = "acehisuxy";
  char w[9];
  guint checked = 0;

  /* Random words of up to 8 of the letters the rules look at. */
  g_autoptr (GRand) r = g_rand_new_with_seed (7);
  for (guint round = 0; round < 200000; round++)
    {
      gsize n = round < 1 ? 0 : (gsize) g_rand_int_range (r, 1, 9);
      for (gsize i = 0; i < n; i++)
        w[i] = letters[g_rand_int_range (r, 0, sizeof letters - 1)];
      gboolean a, b;
      gsize got = gls_normalize_singular_length (w, n, &a);
      gsize want = reference_singular_length (w, n, &b);
      cr_assert (got == want && a == b, "%.*s: %zu %d, want %zu %d", (int) n, w, got, a, want, b);
      checked++;
    }
  cr_expect_eq (checked, 200000);
}

/* Separators are what g_unichar_isspace says, plus - and _, for every ASCII
 * byte (\v is no space to Unicode). */
GLS_TEST (normalize, ascii_separators_are_unicode_spaces)
{
  for (guint c = 1; c < 0x80; c++)
    {
      if (g_ascii_isalnum (c))
        continue;
      char in[4] = { 'a', (char) c, 'b', '\0' };
      g_autofree char *got = norm (in);
      gboolean sep = c == '-' || c == '_' || g_unichar_isspace (c);
      cr_expect_eq (strcmp (got, "a b") == 0, sep, "byte 0x%02x: \"%s\"", c, got);
    }
}
