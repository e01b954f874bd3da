/* rule_index.c — see rule_index.h. */
#include "analysis/rule_index.h"

#include <string.h>

#include "analysis/names.h"
#include "glossary/normalize.h"
#include "glossary/source_words.h"

/* The maximal runs of word characters of key: how many, and where the first
 * one ends. */
static guint
count_key_words (const char *key, gsize *first_end)
{
  guint words = 0;
  const char *p = key;

  *first_end = 0;
  while (*p != '\0')
    {
      const char *start = p;
      while (*p != '\0' && gls_is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start && words++ == 0)
        *first_end = (gsize) (p - key);
      if (p == start)
        p = g_utf8_next_char (p);
    }
  return words;
}

/* Adds every word of key to the builder with the ids that describe it. */
static void
add_key_words (GlsTrieBuilder *b, const char *key, gboolean recognised, gboolean phrase)
{
  const char *p = key;

  while (*p != '\0')
    {
      const char *start = p;
      while (*p != '\0' && gls_is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p == start)
        {
          p = g_utf8_next_char (p);
          continue;
        }
      gsize n = (gsize) (p - start);
      gls_trie_builder_add (b, start, n, GLS_TERM_WORD_ANY);
      if (recognised)
        gls_trie_builder_add (b, start, n, GLS_TERM_WORD_RECOGNISED);
      if (recognised && phrase)
        gls_trie_builder_add (b, start, n, GLS_TERM_WORD_IN_PHRASE);
    }
}

/* The glossary's own vocabulary (glossary/source_words.h: collected when the
 * glossary is built and kept in its snapshot) in a word memo, only read
 * once built, so any thread may look up. */
static void
build_vocabulary (GlsRuleIndex *self, const GlsGlossary *glossary)
{
  gsize len;
  const char *words = gls_glossary_vocabulary (glossary, &len);

  G_STATIC_ASSERT (GLS_SOURCE_WORDS_MAX <= GLS_WORD_MEMO_MAX_LEN);
  self->vocabulary = gls_word_memo_new (8192);
  for (gsize i = 0; i < len;)
    {
      const char *w = words + i;
      const char *nl = memchr (w, '\n', len - i);
      g_assert (nl != NULL);  /* the stored form (a snapshot's is checked) */
      gsize n = (gsize) (nl - w);
      guint32 h = gls_word_memo_hash (w, n);
      guint8 v;
      /* A snapshot's words are checked for form, not for repeats. */
      if (!gls_word_memo_lookup (self->vocabulary, w, n, h, &v))
        gls_word_memo_insert (self->vocabulary, w, n, h, 1);
      i += n + 1;
    }
}

GlsRuleIndex *
gls_rule_index_new (const GlsGlossary *glossary, GlsWordlist *words)
{
  GlsRuleIndex *self = g_new0 (GlsRuleIndex, 1);
  GlsTrieBuilder *b = gls_trie_builder_new ();
  g_autoptr (GError) error = NULL;

  self->words = gls_wordlist_ref (words);
  self->names = gls_names_new_default (&error);
  if (self->names == NULL)
    g_error ("the embedded list of names is missing: %s", error->message);
  GlsTrieBuilder *singles = gls_trie_builder_new ();
  self->n_targets = gls_glossary_n_terms (glossary);
  self->targets = g_new0 (guint8, MAX (self->n_targets, 1));
  for (guint t = 0; t < gls_glossary_n_terms (glossary); t++)
    {
      const GlsTerm *term = gls_glossary_term (glossary, t);
      const char *key = gls_glossary_term_key (glossary, term);
      gboolean recognised = (term->flags & GLS_TERM_MATCH_PROSE) != 0;
      gsize first_end, len = strlen (key);
      guint n = count_key_words (key, &first_end);
      /* Tags of several words are targets too (rule_index.h). */
      gboolean target = recognised || (n > 1 && !(term->flags & GLS_TERM_COMBINED));
      self->targets[t] = target ? 1 : 0;
      add_key_words (b, key, target, n > 1);
      /* Ordinary English keys too ("transformer"): rule_misspelled.c takes
       * a typo towards one only when no other English word is as close. */
      if (recognised && n == 1 && first_end == len)
        gls_trie_builder_add (singles, key, len, 0);
      self->max_key_words = MAX (self->max_key_words, n);
    }
  self->term_words = gls_trie_builder_finish (b);
  self->single_keys = gls_trie_builder_finish (singles);
  build_vocabulary (self, glossary);
  return self;
}

void
gls_rule_index_free (GlsRuleIndex *self)
{
  if (self == NULL)
    return;
  gls_wordlist_unref (self->words);
  gls_wordlist_unref (self->names);
  gls_trie_unref (self->term_words);
  gls_trie_unref (self->single_keys);
  gls_word_memo_free (self->vocabulary);
  g_free (self->targets);
  g_free (self);
}
