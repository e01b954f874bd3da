/* Regression tests for what fuzz_glossary found: an empty glossary source.
 * An empty GBytes has no data (g_bytes_get_data gives NULL), and the loader
 * and the trie builder computed NULL + 0, undefined behaviour that clang's
 * UBSan reports (gcc's does not). The load must give an empty glossary. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "glossary/glossary.h"
#include "glossary/loader.h"
#include "glossary/normalize.h"
#include "glossary/glossary_build.h"

GLS_TEST (regress_glossary, empty_source_loads_nothing)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);

  cr_assert_null (g_bytes_get_data (empty, NULL), "the case under test: no data pointer");
  g_ptr_array_add (sources, gls_source_new_from_bytes ("empty.txt", NULL, empty));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, issues);

  cr_expect_eq (gls_glossary_n_entries (g), 0);
  cr_expect_eq (gls_glossary_n_terms (g), 0);
  cr_expect_eq (gls_trie_n_keys (gls_glossary_trie (g)), 0);
  cr_expect_null (gls_glossary_lookup (g, "anything", -1));
}

GLS_TEST (regress_glossary, loader_accepts_null_empty_text)
{
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (GlsEntry));
  g_autoptr (GArray) names = g_array_new (FALSE, FALSE, sizeof (GlsName));
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);

  gls_loader_parse ("empty", NULL, 0, 0, entries, names, issues);
  cr_expect_eq (entries->len, 0);
  cr_expect_eq (names->len, 0);
}

GLS_TEST (regress_glossary, trie_without_keys)
{
  g_autoptr (GlsTrie) trie = gls_trie_builder_finish (gls_trie_builder_new ());
  GlsTrieValues values;

  cr_expect_eq (gls_trie_n_keys (trie), 0);
  cr_expect_not (gls_trie_lookup (trie, "a", 1, &values));
  cr_expect_eq (gls_trie_longest_match (trie, "abc", 3, NULL), 0);
}

/* fuzz_glossary timed out: assign_canonical looped forever on a header word
 * with two or more non-ASCII bytes ("naïve"), so any user glossary with such
 * a header hung the server, lint and define. */
GLS_TEST (regress_glossary, non_ascii_header_word_loads, .timeout = 30)
{
  static const char text[] = "naïve bayes,café latte,classifier\n"
                             "**Naive Bayes** is a classifier.\n";
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);

  g_ptr_array_add (sources, gls_source_new_from_bytes ("naive.txt", NULL, bytes));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, issues);

  cr_assert_eq (gls_glossary_n_entries (g), 1);
  const GlsTerm *term = gls_glossary_lookup (g, "Naïve Bayes", -1);
  cr_assert_not_null (term);
  g_autofree char *key = gls_normalize_key ("naïve bayes", -1);
  cr_expect_str_eq (gls_glossary_term_key (g, term), key);
  cr_expect_str_eq (gls_glossary_term_canonical (g, term), "naïve bayes");
  cr_expect_not_null (gls_glossary_lookup (g, "CAFÉ LATTE", -1));
}

/* fuzz_glossary (long run by hand): assign_canonical compared a term's
 * spelling with its key over the spelling's length, but a key is shorter
 * when normalization folds runs of separators ("temperature------G H"):
 * a heap over-read past the string pool (ASan: heap-buffer-overflow in
 * memcmp). Any user glossary with such a header item triggered it. */
GLS_TEST (regress_glossary, key_shorter_than_spelling)
{
  static const char text[] = "plasma modeling, plasmplasma transport (density, "
                             "temperature---------------G H I J K L M N O P Q R 0S T U V W X Y Z "
                             "All      (text))))\n";
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("a.txt", NULL, bytes));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, issues);

  cr_assert_eq (gls_glossary_n_entries (g), 1);
  const char *spelling = "temperature---------------G H I J K L M N O P Q R 0S T U V W X Y Z All      (text))))";
  const GlsTerm *term = gls_glossary_lookup (g, spelling, -1);
  cr_assert_not_null (term);
  const char *key = gls_glossary_term_key (g, term);
  cr_expect_lt (strlen (key), strlen (spelling), "the case under test: a key shorter than its spelling");
  cr_expect_str_eq (gls_glossary_term_canonical (g, term), spelling);
}
