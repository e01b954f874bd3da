/* rule_context.c — see rule_context.h. */
#include "analysis/rule_context.h"

/* Is text[start..end) (letters, digits and inner dots) part of a name: a
 * Capitalized word that is a known name or not ordinary English ("Belder",
 * "Smith"), an acronym ("GNU"), or a capitalized token with digits, as model
 * and product names are written ("Qwen3.5", "GPT4")? Never a term word. */
static gboolean
is_name_part (const GlsRuleIndex *a, const char *text, gsize start, gsize end)
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
gls_rule_in_proper_name (const GlsRuleIndex *a, const char *text, gsize len, gsize start, gsize end)
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
