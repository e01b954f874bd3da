/* rule_preferred.c — the preferred-term rule.
 *
 *   preferred-term   a word or phrase of prose whose normalized form
 *                    (normalize.h: any case, regular plurals, '-' = ' ')
 *                    is a spelling the glossary rejects (preference.h:
 *                    cspell flagWords and suggestWords, Vale reject.txt,
 *                    typos extend-words corrections, `avoid:` lines). The
 *                    message names the preferred spelling and where the
 *                    rejection is written (file:line). The fix is the
 *                    preferred spelling (the glossary term's canonical one
 *                    when it is a term), Capitalized when the text is and
 *                    the preferred spelling is all lowercase, with an "s"
 *                    when the text has a plural ending the rejected spelling
 *                    lacks; fixable when there is exactly one. A rejection
 *                    that names nothing to write instead (Vale reject.txt,
 *                    cspell flagWords, typos "word" = "") is reported
 *                    without a fix. Not flagged:
 *                      - a match glued to an identifier or path ("_", "/",
 *                        "\\", "@", or a "." followed by a letter or digit on
 *                        either side: "whitelist_ips", "docs/whitelist",
 *                        "cfg.whitelist");
 *                      - a rejected spelling that differs from its preferred
 *                        one only in case ("Lora" -> "LoRA"): term-case
 *                        reports those, and two findings for one word help
 *                        nobody;
 *                      - phrases across a blank line or across prose spans
 *                        (code between the words);
 *                      - a match the configuration's ignoreWords lists.
 *                    The longest rejected phrase starting at a word wins.
 */
#include "analysis/rule_preferred.h"

#include <string.h>

#include "analysis/rule_info.h"
#include "glossary/normalize.h"

struct _GlsPreferredIndex
{
  GHashTable *by_key;       /* normalized rejected spelling (owned) -> preference index + 1 */
  GHashTable *first_words;  /* normalized first word of each key (owned) */
  guint       max_words;
};

static guint
count_words (const char *key)
{
  guint n = 1;
  for (const char *p = key; *p != '\0'; p++)
    n += *p == ' ';
  return n;
}

GlsPreferredIndex *
gls_preferred_index_new (const GlsGlossary *glossary)
{
  GlsPreferredIndex *self = g_new0 (GlsPreferredIndex, 1);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->first_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < gls_glossary_n_preferences (glossary); i++)
    {
      const GlsPreference *p = gls_glossary_preference (glossary, i);
      gsize len, plen;
      const char *rejected = gls_glossary_source_slice (glossary, p->source, p->rejected, &len);
      const char *preferred = gls_glossary_source_slice (glossary, p->source, p->preferred, &plen);
      g_autofree char *key = gls_normalize_key (rejected, (gssize) len);
      g_autofree char *preferred_key = gls_normalize_key (preferred, (gssize) plen);
      if (key[0] == '\0' || strcmp (key, preferred_key) == 0 || g_hash_table_contains (self->by_key, key))
        continue;
      const char *space = strchr (key, ' ');
      g_hash_table_add (self->first_words, space != NULL ? g_strndup (key, (gsize) (space - key)) : g_strdup (key));
      self->max_words = MAX (self->max_words, count_words (key));
      g_hash_table_insert (self->by_key, g_steal_pointer (&key), GUINT_TO_POINTER (i + 1));
    }
  return self;
}

void
gls_preferred_index_free (GlsPreferredIndex *index)
{
  if (index == NULL)
    return;
  g_hash_table_unref (index->by_key);
  g_hash_table_unref (index->first_words);
  g_free (index);
}

guint
gls_preferred_index_size (const GlsPreferredIndex *index)
{
  return g_hash_table_size (index->by_key);
}

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

/* Does the byte at i glue the word next to it into an identifier or path? */
static gboolean
glue_before (const char *text, gsize start, gsize i)
{
  if (i <= start)
    return FALSE;
  char c = text[i - 1];
  return strchr ("_/\\@", c) != NULL || (c == '.' && i - 1 > start && is_word_byte (text[i - 2]));
}

static gboolean
glue_after (const char *text, gsize end, gsize i)
{
  if (i >= end)
    return FALSE;
  char c = text[i];
  return strchr ("_/\\@", c) != NULL || (c == '.' && i + 1 < end && is_word_byte (text[i + 1]));
}

/* The end of the word after separator bytes from i, or 0 when the
 * separators are not spaces and hyphens with at most one line break. */
static gsize
next_word_end (const char *text, gsize end, gsize i)
{
  guint breaks = 0;
  gsize j = i;
  while (j < end && (text[j] == ' ' || text[j] == '\t' || text[j] == '-' || text[j] == '\n' || text[j] == '\r'))
    breaks += text[j++] == '\n';
  if (j == i || j >= end || breaks > 1 || !is_word_byte (text[j]))
    return 0;
  while (j < end && is_word_byte (text[j]))
    j++;
  return j;
}

static char *
fix_for (const GlsRuleContext *ctx, const GlsPreference *p, const char *found, gsize found_len, guint32 *term)
{
  gsize len, rlen;
  const char *preferred = gls_glossary_source_slice (ctx->glossary, p->source, p->preferred, &len);
  const char *rejected = gls_glossary_source_slice (ctx->glossary, p->source, p->rejected, &rlen);
  const GlsTerm *t = gls_glossary_lookup (ctx->glossary, preferred, (gssize) len);
  GString *fix = g_string_new_len (preferred, (gssize) len);
  *term = G_MAXUINT32;
  if (t != NULL)
    {
      *term = gls_glossary_term_index (ctx->glossary, t);
      g_string_assign (fix, gls_glossary_term_canonical (ctx->glossary, t));
    }
  gboolean lower = TRUE;
  for (gsize i = 0; i < fix->len; i++)
    lower &= !g_ascii_isupper (fix->str[i]);
  if (lower && g_ascii_isupper (found[0]) && g_ascii_islower (fix->str[0]))
    fix->str[0] = g_ascii_toupper (fix->str[0]);
  if (found_len > rlen && g_ascii_tolower (found[found_len - 1]) == 's' && rlen > 0 &&
      g_ascii_tolower (rejected[rlen - 1]) != 's' && fix->len > 0 && g_ascii_isalpha (fix->str[fix->len - 1]))
    g_string_append_c (fix, g_ascii_isupper (found[found_len - 1]) ? 'S' : 's');
  return g_string_free (fix, FALSE);
}

static void
report (const GlsRuleContext *ctx, guint pref, gsize start, gsize end)
{
  const GlsPreference *p = gls_glossary_preference (ctx->glossary, pref);
  const GlsSource *source = gls_glossary_source (ctx->glossary, p->source);
  const char *found = ctx->text + start;
  int n = (int) (end - start);
  guint32 term = G_MAXUINT32;
  char *message;

  if (p->preferred.len == 0)
    {
      message = g_strdup_printf ("\u201c%.*s\u201d is a rejected spelling (%s:%u)", n, found,
                                 source->display_path, p->line);
      gls_rule_add_finding (ctx, GLS_RULE_PREFERRED_TERM, (guint32) start, (guint32) end, term, message);
      return;
    }
  char *fix = fix_for (ctx, p, found, end - start, &term);
  message = g_strdup_printf ("write \u201c%s\u201d, not \u201c%.*s\u201d (%s:%u)", fix, n, found,
                             source->display_path, p->line);
  GlsFinding *f = gls_rule_add_finding (ctx, GLS_RULE_PREFERRED_TERM, (guint32) start, (guint32) end, term,
                                        message);
  g_ptr_array_add (f->replacements, fix);
  f->fixable = TRUE;
}

/* The longest rejected phrase starting with the word [a, b): its preference
 * index + 1 and its end, or 0. */
static guint
match_at (const GlsPreferredIndex *index, const char *text, gsize span_end, gsize a, gsize b, GString *key,
          gsize *match_end)
{
  gsize ends[16];
  guint n = 0;
  ends[n++] = b;
  while (n < MIN (index->max_words, G_N_ELEMENTS (ends)))
    {
      gsize e = next_word_end (text, span_end, ends[n - 1]);
      if (e == 0)
        break;
      ends[n++] = e;
    }
  while (n > 0)
    {
      gsize e = ends[--n];
      if (glue_after (text, span_end, e))
        continue;
      g_string_truncate (key, 0);
      gls_normalize (text + a, (gssize) (e - a), key, NULL);
      guint pref = GPOINTER_TO_UINT (g_hash_table_lookup (index->by_key, key->str));
      if (pref != 0)
        {
          *match_end = e;
          return pref;
        }
    }
  return 0;
}

/* The next rejected phrase of the prose span [span_start, end) from *i:
 * its preference index + 1 and [*a, *b), *i moved past its first word;
 * 0 at the span's end. */
static guint
next_match (const GlsPreferredIndex *index, const char *text, gsize span_start, gsize end, gsize *i, GString *key,
            gsize *a, gsize *b)
{
  while (*i < end)
    {
      if (!is_word_byte (text[*i]))
        {
          (*i)++;
          continue;
        }
      *a = *i;
      while (*i < end && is_word_byte (text[*i]))
        (*i)++;
      if (glue_before (text, span_start, *a))
        continue;
      g_string_truncate (key, 0);
      gls_normalize (text + *a, (gssize) (*i - *a), key, NULL);
      if (!g_hash_table_contains (index->first_words, key->str))
        continue;
      guint pref = match_at (index, text, end, *a, *i, key, b);
      if (pref != 0)
        return pref;
    }
  return 0;
}

void
gls_rule_preferred_run (const GlsRuleContext *ctx, const GlsPreferredIndex *index, const GlsProseSpan *spans,
                        gsize n_spans)
{
  if (g_hash_table_size (index->by_key) == 0)
    return;
  g_autoptr (GString) key = g_string_new (NULL);

  for (gsize s = 0; s < n_spans; s++)
    {
      gsize i = spans[s].start, end = MIN ((gsize) spans[s].end, ctx->len), a, b;
      guint pref;
      while ((pref = next_match (index, ctx->text, spans[s].start, end, &i, key, &a, &b)) != 0)
        {
          if (gls_rule_config_is_ignored (ctx->config, ctx->text + a, (gssize) (b - a)))
            continue;
          report (ctx, pref - 1, a, b);
          i = b;
        }
    }
}

gint
gls_preferred_index_at (const GlsPreferredIndex *index, const char *text, gsize span_start, gsize span_end,
                        gsize offset, gsize *start, gsize *end)
{
  if (g_hash_table_size (index->by_key) == 0 || offset < span_start || offset > span_end)
    return -1;
  /* Start a window before the cursor, at a word's start: a rejected phrase
   * of up to 16 words reaches the cursor from there. */
  gsize i = offset - span_start > PREFERRED_AT_WINDOW ? offset - PREFERRED_AT_WINDOW : span_start;
  if (i > span_start && is_word_byte (text[i - 1]))
    while (i < span_end && is_word_byte (text[i]))
      i++;
  g_autoptr (GString) key = g_string_new (NULL);
  gsize a, b;
  guint pref;
  while ((pref = next_match (index, text, span_start, span_end, &i, key, &a, &b)) != 0 && a <= offset)
    {
      if (offset <= b)
        {
          *start = a;
          *end = b;
          return (gint) pref - 1;
        }
      i = b;
    }
  return -1;
}
