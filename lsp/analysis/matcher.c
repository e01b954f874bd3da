/* matcher.c — see matcher.h. */
#include "analysis/matcher.h"

#include <string.h>

#include "analysis/matcher_private.h"

gboolean
gls_matcher_is_match_start (const char *norm, gsize at)
{
  gsize clen;
  if (norm[at] == ' ')
    return FALSE;
  return at == 0 || !word_at (norm, prev_char (norm, at), &clen);
}

gboolean
gls_matcher_surface_is_marked (const char *surface, gsize len)
{
  gboolean seen_letter = FALSE;
  for (gsize i = 0; i < len;)
    {
      guchar b = (guchar) surface[i];
      gunichar c;
      if (b < 0x80)
        {
          c = b;
          i++;
        }
      else
        {
          c = g_utf8_get_char_validated (surface + i, (gssize) (len - i));
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              i++;
              continue;
            }
          i = (gsize) (g_utf8_next_char (surface + i) - surface);
        }
      if (!g_unichar_isalpha (c))
        continue;
      /* Capitals past the first letter are what marks RoPE as a name. */
      if (seen_letter && g_unichar_isupper (c))
        return TRUE;
      seen_letter = TRUE;
    }
  return FALSE;
}

gsize
gls_matcher_longest_accepted (const GlsGlossary *glossary,
                              const char        *norm,
                              gsize              len,
                              GlsMatchAccept     accept,
                              gpointer           user_data,
                              guint32           *term)
{
  const GlsTrie *trie = gls_glossary_trie (glossary);
  gsize limit = len;

  for (;;)
    {
      GlsTrieValues values;
      gsize m = gls_trie_longest_match (trie, norm, limit, &values);
      if (m == 0)
        return 0;
      if (accept (glossary, values.ids[0], m, user_data))
        {
          *term = values.ids[0];
          return m;
        }
      /* Retry on the text cut at the last non-word character before the
       * rejected key's end: a shorter key can only end at such a boundary. */
      gsize cut = m;
      gsize clen;
      do
        cut = prev_char (norm, cut);
      while (cut > 0 && word_at (norm, cut, &clen));
      if (cut == 0)
        return 0;
      limit = cut;
    }
}

gboolean
gls_matcher_accept_in_document (const GlsGlossary *glossary, guint32 term_index, gsize match_len, gpointer user_data)
{
  const GlsMatchSurface *ctx = user_data;
  const GlsTerm *term = gls_glossary_term (glossary, term_index);

  if (!(term->flags & GLS_TERM_MATCH_PROSE))
    return FALSE;
  if (!(term->flags & GLS_TERM_CASE_SENSITIVE))
    return TRUE;
  guint32 start = g_array_index (ctx->map, guint32, ctx->at);
  guint32 end = gls_normalize_source_end (ctx->map, ctx->at + match_len);
  return gls_matcher_surface_is_marked (ctx->span_text + start, end - start);
}

/* Matches one span, appending hits. Reuses norm and map. */
static void
match_span (const GlsGlossary *glossary, const char *text, const GlsProseSpan *span,
            GString *norm, GArray *map, GArray *hits)
{
  g_string_truncate (norm, 0);
  gls_normalize (text + span->start, span->end - span->start, norm, map);

  const char *s = norm->str;
  gsize n = norm->len;
  GlsMatchSurface ctx = { text + span->start, map, 0 };
  gboolean prev_word = FALSE;

  for (gsize i = 0; i < n;)
    {
      gsize clen;
      gboolean word = word_at (s, i, &clen);
      if (!prev_word && s[i] != ' ')
        {
          guint32 term;
          ctx.at = i;
          gsize m = gls_matcher_longest_accepted (glossary, s + i, n - i, gls_matcher_accept_in_document, &ctx, &term);
          if (m > 0)
            {
              GlsHit hit = {
                span->start + g_array_index (map, guint32, i),
                span->start + gls_normalize_source_end (map, i + m),
                term,
              };
              if (!in_identifier (text, span, hit.start, hit.end))
                g_array_append_val (hits, hit);
              i += m;
              prev_word = word_at (s, prev_char (s, i), &clen);
              continue;
            }
        }
      prev_word = word;
      i += clen;
    }
}

void
gls_matcher_find (const GlsGlossary  *glossary,
                  const char         *text,
                  gsize               len,
                  const GlsProseSpan *spans,
                  gsize               n_spans,
                  GArray             *hits)
{
  g_autoptr (GString) norm = g_string_sized_new (4096);
  g_autoptr (GArray) map = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 4096);

  for (gsize k = 0; k < n_spans; k++)
    {
      g_return_if_fail (spans[k].start < spans[k].end && spans[k].end <= len);
      if (gls_prose_kind_is_matchable (spans[k].kind))
        match_span (glossary, text, &spans[k], norm, map, hits);
    }
}

gboolean
gls_matcher_hit_at (const GlsGlossary  *glossary,
                    const char         *text,
                    gsize               len,
                    const GlsProseSpan *spans,
                    gsize               n_spans,
                    guint32             offset,
                    GlsHit             *hit)
{
  /* The last span starting at or before offset. */
  gsize lo = 0, hi = n_spans;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (spans[mid].start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return FALSE;
  const GlsProseSpan *span = &spans[lo - 1];
  if (offset >= span->end || span->end > len || !gls_prose_kind_is_matchable (span->kind))
    return FALSE;

  g_autoptr (GString) norm = g_string_new (NULL);
  g_autoptr (GArray) map = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  match_span (glossary, text, span, norm, map, hits);
  for (guint i = 0; i < hits->len; i++)
    {
      const GlsHit *h = &g_array_index (hits, GlsHit, i);
      if (h->start <= offset && offset < h->end)
        {
          *hit = *h;
          return TRUE;
        }
    }
  return FALSE;
}
