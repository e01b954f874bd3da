#include <criterion/criterion.h>
#include <gio/gio.h>
#include <string.h>

#include "glossary/wordlist.h"

#include "common/leak-check.h"

GLS_TEST (wordlist, embedded_list_knows_ordinary_english)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsWordlist) w = gls_wordlist_new_default (&error);
  cr_assert_not_null (w, "%s", error ? error->message : "");
  cr_expect_gt (gls_wordlist_size (w), 50000);
  const char *ordinary[] = { "model", "modal", "rope", "data", "transformer", "a", "zygote", "Model", "ROPE" };
  for (gsize i = 0; i < G_N_ELEMENTS (ordinary); i++)
    cr_expect (gls_wordlist_contains (w, ordinary[i], strlen (ordinary[i])), "%s", ordinary[i]);
  const char *technical[] = { "lora", "toolformer", "pytorch", "vllm", "levenstein", "rmsnorm", "", "model's", "naïve" };
  for (gsize i = 0; i < G_N_ELEMENTS (technical); i++)
    cr_expect (!gls_wordlist_contains (w, technical[i], strlen (technical[i])), "%s", technical[i]);
}

GLS_TEST (wordlist, binary_search_on_small_list)
{
  static const char words[] = "ab\nabc\nb\nba\nzz\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (words, sizeof words - 1);
  g_autoptr (GlsWordlist) w = gls_wordlist_new_from_bytes (bytes);
  cr_expect_eq (gls_wordlist_size (w), 5);
  const char *in[] = { "ab", "abc", "b", "ba", "zz" };
  const char *out[] = { "a", "abcd", "bb", "c", "z", "zzz", "aa" };
  for (gsize i = 0; i < G_N_ELEMENTS (in); i++)
    cr_expect (gls_wordlist_contains (w, in[i], strlen (in[i])), "%s", in[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (out); i++)
    cr_expect (!gls_wordlist_contains (w, out[i], strlen (out[i])), "%s", out[i]);
}

GLS_TEST (wordlist, list_without_final_newline_and_empty_list)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static ("cat\ndog", 7);
  g_autoptr (GlsWordlist) w = gls_wordlist_new_from_bytes (bytes);
  cr_expect (gls_wordlist_contains (w, "dog", 3));
  cr_expect (gls_wordlist_contains (w, "cat", 3));
  cr_expect (!gls_wordlist_contains (w, "do", 2));

  g_autoptr (GBytes) none = g_bytes_new_static ("", 0);
  g_autoptr (GlsWordlist) e = gls_wordlist_new_from_bytes (none);
  cr_expect_eq (gls_wordlist_size (e), 0);
  cr_expect (!gls_wordlist_contains (e, "cat", 3));
}

GLS_TEST (wordlist, prebuilt_index_answers_like_a_fresh_one)
{
  static const char words[] = "ab\nabc\nb\nba\nzz\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (words, sizeof words - 1);
  g_autoptr (GlsWordlist) fresh = gls_wordlist_new_from_bytes (bytes);
  g_autoptr (GBytes) index = gls_wordlist_serialize_index (fresh);
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsWordlist) w = gls_wordlist_new_indexed (bytes, index, &error);
  cr_assert_not_null (w, "%s", error ? error->message : "");
  cr_expect_eq (gls_wordlist_size (w), 5);
  const char *probe[] = { "ab", "abc", "b", "ba", "zz", "a", "abcd", "bb", "c", "z", "zzz", "aa" };
  for (gsize i = 0; i < G_N_ELEMENTS (probe); i++)
    cr_expect_eq (gls_wordlist_contains (w, probe[i], strlen (probe[i])),
                  gls_wordlist_contains (fresh, probe[i], strlen (probe[i])), "%s", probe[i]);
}

GLS_TEST (wordlist, index_of_other_words_is_refused)
{
  g_autoptr (GBytes) a = g_bytes_new_static ("cat\ndog\n", 8);
  g_autoptr (GBytes) b = g_bytes_new_static ("cow\nyak\nemu\n", 12);
  g_autoptr (GlsWordlist) la = gls_wordlist_new_from_bytes (a);
  g_autoptr (GBytes) index = gls_wordlist_serialize_index (la);
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsWordlist) wrong = gls_wordlist_new_indexed (b, index, &error);
  cr_expect_null (wrong);
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA));

  /* A slot pointing past the words is caught, not followed. */
  gsize size = 0;
  g_autofree guint8 *raw = g_memdup2 (g_bytes_get_data (index, &size), g_bytes_get_size (index));
  size = g_bytes_get_size (index);
  guint32 past = 0xffff;
  memcpy (raw + size - sizeof past, &past, sizeof past);
  g_autoptr (GBytes) corrupt = g_bytes_new (raw, size);
  g_clear_error (&error);
  g_autoptr (GlsWordlist) bad = gls_wordlist_new_indexed (a, corrupt, &error);
  cr_expect_null (bad);
  cr_expect_not_null (error);
}
