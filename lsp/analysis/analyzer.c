/* analyzer.c — the analyzer's indexes and one check over prose spans; the rules
 * themselves are in rule_term_case.c and rule_misspelled.c. */
#include "analysis/rules_private.h"

#include <string.h>

#include "analysis/names.h"
#include "glossary/normalize.h"

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

/* The glossary's own vocabulary: a word its authors wrote is no typo, even
 * when it is one edit from a term ("Mistral" next to "Mixtral"). Words of
 * five to MAX_VOCABULARY_WORD ASCII letters, lowercased, deduplicated in a
 * hash set whose strings live in one chunk. */
#define MAX_VOCABULARY_WORD 48

static void
build_vocabulary (GlsAnalyzer *self)
{
  char lower[MAX_VOCABULARY_WORD + 1];

  self->vocabulary = g_hash_table_new (g_str_hash, g_str_equal);
  self->vocabulary_chunk = g_string_chunk_new (1 << 16);
  for (guint s = 0; s < gls_glossary_n_sources (self->glossary); s++)
    {
      gsize len;
      const char *text = g_bytes_get_data (gls_glossary_source (self->glossary, s)->text, &len);
      for (gsize i = 0; i < len;)
        {
          if (!g_ascii_isalpha (text[i]))
            {
              i++;
              continue;
            }
          gsize start = i;
          while (i < len && g_ascii_isalpha (text[i]))
            i++;
          gsize n = i - start;
          if (n < 4 || n > MAX_VOCABULARY_WORD || (i < len && (guchar) text[i] >= 0x80) ||
              (start > 0 && (guchar) text[start - 1] >= 0x80))
            continue;
          for (gsize k = 0; k < n; k++)
            lower[k] = g_ascii_tolower (text[start + k]);
          lower[n] = '\0';
          if (!g_hash_table_contains (self->vocabulary, lower))
            g_hash_table_add (self->vocabulary, g_string_chunk_insert_len (self->vocabulary_chunk, lower, (gssize) n));
        }
    }
}

GlsAnalyzer *
gls_analyzer_new_with_wordlist (GlsGlossary *glossary, GlsWordlist *words)
{
  GlsAnalyzer *self = g_new0 (GlsAnalyzer, 1);
  GlsTrieBuilder *b = gls_trie_builder_new ();
  g_autoptr (GError) error = NULL;

  g_atomic_ref_count_init (&self->ref);
  self->glossary = gls_glossary_ref (glossary);
  self->index = gls_match_index_new (glossary);
  self->words = gls_wordlist_ref (words);
  self->close_memo = gls_close_memo_new ();
  self->names = gls_names_new_default (&error);
  if (self->names == NULL)
    g_error ("the embedded list of names is missing: %s", error->message);
  GlsTrieBuilder *singles = gls_trie_builder_new ();
  for (guint t = 0; t < gls_glossary_n_terms (glossary); t++)
    {
      const GlsTerm *term = gls_glossary_term (glossary, t);
      const char *key = gls_glossary_term_key (glossary, term);
      gboolean recognised = (term->flags & GLS_TERM_MATCH_PROSE) != 0;
      gsize first_end, len = strlen (key);
      guint n = count_key_words (key, &first_end);
      add_key_words (b, key, recognised, n > 1);
      /* Ordinary English keys too ("transformer"): rule_misspelled.c takes
       * a typo towards one only when no other English word is as close. */
      if (recognised && n == 1 && first_end == len)
        gls_trie_builder_add (singles, key, len, 0);
      self->max_key_words = MAX (self->max_key_words, n);
    }
  self->term_words = gls_trie_builder_finish (b);
  self->single_keys = gls_trie_builder_finish (singles);
  build_vocabulary (self);
  return self;
}

GlsAnalyzer *
gls_analyzer_new (GlsGlossary *glossary)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsWordlist) words = gls_wordlist_new_default (&error);
  if (words == NULL)
    g_error ("the embedded word list is missing: %s", error->message);
  return gls_analyzer_new_with_wordlist (glossary, words);
}

GlsAnalyzer *
gls_analyzer_ref (GlsAnalyzer *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
gls_analyzer_unref (GlsAnalyzer *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  gls_glossary_unref (self->glossary);
  gls_match_index_unref (self->index);
  gls_wordlist_unref (self->words);
  gls_wordlist_unref (self->names);
  gls_trie_unref (self->term_words);
  gls_trie_unref (self->single_keys);
  g_hash_table_unref (self->vocabulary);
  g_string_chunk_free (self->vocabulary_chunk);
  gls_close_memo_free (self->close_memo);
  g_free (self);
}

const GlsGlossary *
gls_analyzer_glossary (const GlsAnalyzer *self)
{
  return self->glossary;
}

const GlsWordlist *
gls_analyzer_wordlist (const GlsAnalyzer *self)
{
  return self->words;
}

/* Is text[start..end) (letters, digits and inner dots) part of a name: a
 * Capitalized word that is a known name or not ordinary English ("Belder",
 * "Smith"), an acronym ("GNU"), or a capitalized token with digits, as model
 * and product names are written ("Qwen3.5", "GPT4")? Never a term word. */
static gboolean
is_name_part (const GlsAnalyzer *a, const char *text, gsize start, gsize end)
{
  char lower[65];
  guint upper = 0, letters = 0, digits = 0;

  while (end > start && text[end - 1] == '.')
    end--;
  gsize n = end - start;
  if (n < 2 || n > 64 || !g_ascii_isupper (text[start]))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      char c = text[start + i];
      upper += g_ascii_isupper (c) != 0;
      letters += g_ascii_isalpha (c) != 0;
      digits += g_ascii_isdigit (c) != 0;
      lower[i] = g_ascii_tolower (c);
    }
  if (gls_trie_lookup (a->term_words, lower, n, NULL))
    return FALSE;
  if (digits > 0)
    return letters > 0;
  if (letters != n || (upper != 1 && upper != n))
    return FALSE;  /* Capitalized or ALL CAPS words only */
  /* An acronym ("GNU Moe") may spell an English word; a Capitalized
   * ordinary word ("With Lora" in a title) is no name unless it is a known
   * one ("Smith"). */
  return upper == n || !gls_wordlist_contains (a->words, lower, n) || gls_wordlist_contains (a->names, lower, n);
}

static inline gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '.';
}

gboolean
gls_rule_in_proper_name (const GlsAnalyzer *a, const char *text, gsize len, gsize start, gsize end)
{
  if (start >= 2 && text[start - 1] == ' ' && g_ascii_isalnum (text[start - 2]))
    {
      gsize s = start - 1;
      while (s > 0 && is_name_char (text[s - 1]))
        s--;
      if (is_name_part (a, text, s, start - 1))
        return TRUE;
    }
  if (end + 2 < len && text[end] == ' ' && g_ascii_isupper (text[end + 1]))
    {
      gsize e = end + 1;
      while (e < len && is_name_char (text[e]))
        e++;
      if (is_name_part (a, text, end + 1, e))
        return TRUE;
    }
  return FALSE;
}

GlsFinding *
gls_rule_add_finding (const GlsRuleContext *ctx, const char *rule, guint32 start, guint32 end, guint32 term,
                      char *message)
{
  GlsFinding f = { 0 };
  f.start = start;
  f.end = end;
  f.rule = rule;
  f.severity = ctx->severity;
  f.message = message;
  f.replacements = g_ptr_array_new_with_free_func (g_free);
  f.term = term;
  g_array_append_val (ctx->findings, f);
  return &g_array_index (ctx->findings, GlsFinding, ctx->findings->len - 1);
}

static int
compare_findings (gconstpointer pa, gconstpointer pb)
{
  const GlsFinding *a = pa, *b = pb;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  int by_rule = strcmp (a->rule, b->rule);
  if (by_rule != 0)
    return by_rule;
  return a->end < b->end ? -1 : a->end > b->end;
}

void
gls_analyzer_check (const GlsAnalyzer   *self,
                    const GlsRuleConfig *config,
                    const char          *text,
                    gsize                len,
                    const GlsProseSpan  *spans,
                    gsize                n_spans,
                    GArray              *findings,
                    GArray              *hits)
{
  g_autoptr (GlsRuleConfig) defaults = NULL;
  g_autoptr (GArray) own_hits = NULL;
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (GlsFinding));

  g_return_if_fail (len <= G_MAXUINT32);
  if (config == NULL)
    config = defaults = gls_rule_config_new ();
  if (hits == NULL)
    hits = own_hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));

  guint first_hit = hits->len;
  gls_matcher_find_indexed (self->index, text, len, spans, n_spans, hits);
  gsize n_hits = hits->len - first_hit;
  const GlsHit *new_hits = n_hits > 0 ? &g_array_index (hits, GlsHit, first_hit) : NULL;

  GlsRuleContext ctx = { self, config, text, len, GLS_SEVERITY_OFF, found };
  ctx.severity = gls_rule_config_severity (config, GLS_RULE_ID_TERM_CASE);
  if (ctx.severity != GLS_SEVERITY_OFF)
    gls_rule_term_case_run (&ctx, spans, n_spans, new_hits, n_hits);
  ctx.severity = gls_rule_config_severity (config, GLS_RULE_ID_MISSPELLED_TERM);
  if (ctx.severity != GLS_SEVERITY_OFF)
    gls_rule_misspelled_run (&ctx, spans, n_spans, new_hits, n_hits);

  /* The findings move into the caller's array: their members now belong to it. */
  g_array_sort (found, compare_findings);
  g_array_append_vals (findings, found->data, found->len);
}
