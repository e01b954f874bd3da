/* matcher.c — see matcher.h. */
#include "analysis/matcher.h"

#include <string.h>

#include "glossary/normalize.h"

/* Word-ness of the character at s[i] (valid UTF-8: normalized text is). */
static inline gboolean
word_at (const char *s, gsize i, gsize *clen)
{
  guchar b = (guchar) s[i];
  if (b < 0x80)
    {
      *clen = 1;
      return g_ascii_isalnum ((char) b);
    }
  gunichar c = g_utf8_get_char (s + i);
  *clen = (gsize) (g_utf8_next_char (s + i) - (s + i));
  return gls_is_word_char (c);
}

/* Start of the character before s[i] (i > 0). */
static inline gsize
prev_char (const char *s, gsize i)
{
  i--;
  while (i > 0 && ((guchar) s[i] & 0xC0) == 0x80)
    i--;
  return i;
}

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

typedef struct
{
  const char   *span_text;  /* the span's first document byte */
  const GArray *map;        /* normalized offset -> offset in the span */
  gsize         at;         /* normalized offset where the match starts */
} SurfaceContext;

static gboolean
accept_in_document (const GlsGlossary *glossary, guint32 term_index, gsize match_len, gpointer user_data)
{
  const SurfaceContext *ctx = user_data;
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
/* A hit inside an identifier or a path ("examples/lora_dreambooth/x.py",
 * "tuners.lora.config", "dpo_figure") is part of a name, not the term. A
 * hyphen is no such glue: "QA-LoRA", "LoRA-based" are uses of the term. */
static gboolean
in_identifier (const char *text, const GlsProseSpan *span, guint32 start, guint32 end)
{
  char prev = start > span->start ? text[start - 1] : ' ';
  char before = start > span->start + 1 ? text[start - 2] : ' ';
  char next = end < span->end ? text[end] : ' ';
  char after = end + 1 < span->end ? text[end + 1] : ' ';
  if (prev == '_' || prev == '/' || prev == '\\' || (prev == '.' && g_ascii_isalnum (before)))
    return TRUE;
  return next == '_' || next == '/' || next == '\\' || (next == '.' && g_ascii_isalnum (after));
}

static void
match_span (const GlsGlossary *glossary, const char *text, const GlsProseSpan *span,
            GString *norm, GArray *map, GArray *hits)
{
  g_string_truncate (norm, 0);
  gls_normalize (text + span->start, span->end - span->start, norm, map);

  const char *s = norm->str;
  gsize n = norm->len;
  SurfaceContext ctx = { text + span->start, map, 0 };
  gboolean prev_word = FALSE;

  for (gsize i = 0; i < n;)
    {
      gsize clen;
      gboolean word = word_at (s, i, &clen);
      if (!prev_word && s[i] != ' ')
        {
          guint32 term;
          ctx.at = i;
          gsize m = gls_matcher_longest_accepted (glossary, s + i, n - i, accept_in_document, &ctx, &term);
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

/* --- the index ----------------------------------------------------------- */

#define MAX_FIRST_WORD 63

/* One slot of the first-word table: open addressing, linear probing. The
 * table is probed once per ASCII word of every document, so it avoids
 * GHashTable's indirect calls and NUL-terminated keys. */
typedef struct
{
  guint32 hash;
  guint32 word;     /* offset of the word in words; G_MAXUINT32: empty slot */
  guint32 len;
  guint32 longest;  /* bytes of the longest recognised key starting with it */
} FirstWord;

struct _GlsMatchIndex
{
  gatomicrefcount ref;
  GlsGlossary    *glossary;
  FirstWord      *slots;
  guint32         mask;            /* slots - 1, a power of two minus one */
  GString        *words;
  gsize           max_key;         /* bytes of the longest recognised key */
  guint8          punct_first[32]; /* bit set: ASCII non-word bytes that start a key */
  gboolean        other_first;     /* a key starts with a non-ASCII non-word character */
};

static inline guint32
hash_word (const char *w, gsize n)
{
  guint32 h = 2166136261u;  /* FNV-1a */
  for (gsize i = 0; i < n; i++)
    h = (h ^ (guchar) w[i]) * 16777619u;
  return h;
}

static FirstWord *
find_slot (const GlsMatchIndex *ix, const char *w, gsize n, guint32 h)
{
  for (guint32 at = h & ix->mask;; at = (at + 1) & ix->mask)
    {
      FirstWord *s = &ix->slots[at];
      if (s->word == G_MAXUINT32 ||
          (s->hash == h && s->len == n && memcmp (ix->words->str + s->word, w, n) == 0))
        return s;
    }
}

GlsMatchIndex *
gls_match_index_new (GlsGlossary *glossary)
{
  GlsMatchIndex *ix = g_new0 (GlsMatchIndex, 1);
  guint n_slots = 16;
  g_atomic_ref_count_init (&ix->ref);
  ix->glossary = gls_glossary_ref (glossary);
  /* At most one first word per term: keep the load under one half. */
  while (n_slots < 2 * gls_glossary_n_terms (glossary))
    n_slots *= 2;
  ix->slots = g_new (FirstWord, n_slots);
  memset (ix->slots, 0xff, sizeof (FirstWord) * n_slots);
  ix->mask = n_slots - 1;
  ix->words = g_string_new (NULL);

  for (guint t = 0; t < gls_glossary_n_terms (glossary); t++)
    {
      const GlsTerm *term = gls_glossary_term (glossary, t);
      if (!(term->flags & GLS_TERM_MATCH_PROSE))
        continue;
      const char *key = gls_glossary_term_key (glossary, term);
      gsize n = strlen (key), clen, w = 0;
      ix->max_key = MAX (ix->max_key, n);
      if (n == 0)
        continue;
      if (!word_at (key, 0, &clen))
        {
          if ((guchar) key[0] < 0x80)
            ix->punct_first[(guchar) key[0] / 8] |= 1u << ((guchar) key[0] % 8);
          else
            ix->other_first = TRUE;
          continue;
        }
      gboolean ascii = TRUE;
      while (w < n && word_at (key, w, &clen))
        {
          ascii = ascii && clen == 1;
          w += clen;
        }
      /* Keys whose first word is not ASCII are only reached through words
       * with non-ASCII bytes, which always take the window path. */
      if (ascii && w <= MAX_FIRST_WORD)
        {
          guint32 h = hash_word (key, w);
          FirstWord *slot = find_slot (ix, key, w, h);
          if (slot->word == G_MAXUINT32)
            {
              *slot = (FirstWord) { h, (guint32) ix->words->len, (guint32) w, 0 };
              g_string_append_len (ix->words, key, (gssize) w);
            }
          slot->longest = MAX (slot->longest, (guint32) n);
        }
    }
  return ix;
}

GlsMatchIndex *
gls_match_index_ref (GlsMatchIndex *ix)
{
  g_atomic_ref_count_inc (&ix->ref);
  return ix;
}

void
gls_match_index_unref (GlsMatchIndex *ix)
{
  if (ix == NULL || !g_atomic_ref_count_dec (&ix->ref))
    return;
  gls_glossary_unref (ix->glossary);
  g_free (ix->slots);
  g_string_free (ix->words, TRUE);
  g_free (ix);
}

const GlsGlossary *
gls_match_index_glossary (const GlsMatchIndex *ix)
{
  return ix->glossary;
}

static inline gboolean
is_ascii_separator (guchar b)
{
  return b == ' ' || b == '-' || b == '_' || (b >= '\t' && b <= '\r');
}

static inline char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
}

/* Might a key start with the ASCII word text[start..end)? Its lowercase
 * singular form must be the first word of a key. Returns the length of the
 * longest such key (0: none). */
static gsize
starts_a_key (const GlsMatchIndex *ix, const char *text, gsize start, gsize end)
{
  char word[MAX_FIRST_WORD + 1];
  gsize n = end - start;
  if (n > MAX_FIRST_WORD)
    return 0;
  for (gsize i = 0; i < n; i++)
    word[i] = lower (text[start + i]);
  /* Only words ending in s or e lose letters (normalize.h). */
  gsize keep = n;
  if (word[n - 1] == 's' || word[n - 1] == 'e')
    {
      gboolean ies_to_y;
      keep = gls_normalize_singular_length (word, n, &ies_to_y);
      if (ies_to_y)
        word[keep - 1] = 'y';
    }
  const FirstWord *slot = find_slot (ix, word, keep, hash_word (word, keep));
  return slot->word == G_MAXUINT32 ? 0 : slot->longest;
}

/* Matches at document offset at (a possible match start inside span) by
 * normalizing a window that holds any key of up to max_key bytes starting
 * there. Returns the match length in normalized bytes (0: none) and fills
 * *hit. */
static gsize
match_window (const GlsMatchIndex *ix, const char *text, const GlsProseSpan *span, guint32 at, gsize max_key,
              GString *norm, GArray *map, GlsHit *hit, gboolean *last_is_word)
{
  /* Normalization only shrinks ASCII text; a window that normalizes short
   * (runs of separators, expanding case folds) is doubled. */
  gsize want = max_key + 8;
  for (;;)
    {
      gsize wend = MIN ((gsize) span->end, at + want);
      /* End at white space (a boundary whatever follows) or the span's end. */
      while (wend < span->end && !g_ascii_isspace (text[wend]))
        wend++;
      g_string_truncate (norm, 0);
      gls_normalize (text + at, (gssize) (wend - at), norm, map);
      if (norm->len < max_key && wend < span->end)
        {
          want *= 2;
          continue;
        }
      SurfaceContext ctx = { text + at, map, 0 };
      guint32 term;
      gsize m = gls_matcher_longest_accepted (ix->glossary, norm->str, norm->len, accept_in_document, &ctx, &term);
      if (m > 0)
        {
          gsize clen;
          hit->start = at + g_array_index (map, guint32, 0);
          hit->end = at + gls_normalize_source_end (map, m);
          hit->term = term;
          *last_is_word = word_at (norm->str, prev_char (norm->str, m), &clen);
        }
      return m;
    }
}

static void
match_span_indexed (const GlsMatchIndex *ix, const char *text, const GlsProseSpan *span,
                    GString *norm, GArray *map, GArray *hits)
{
  gboolean prev_word = FALSE;

  for (guint32 i = span->start; i < span->end;)
    {
      guchar b = (guchar) text[i];
      gunichar c;
      gsize clen = 1;
      gsize max_key = ix->max_key;
      gboolean word, start_here;

      if (b < 0x80)
        {
          word = g_ascii_isalnum (b);
          if (!word && (prev_word || is_ascii_separator (b) || !(ix->punct_first[b / 8] & (1u << (b % 8)))))
            {
              prev_word = FALSE;
              i++;
              continue;
            }
          if (word && !prev_word)
            {
              /* The commonest case: an ASCII word that starts no key is
               * skipped whole. */
              guint32 q = i;
              while (q < span->end && g_ascii_isalnum (text[q]))
                q++;
              if (q == span->end || (guchar) text[q] < 0x80)
                {
                  max_key = starts_a_key (ix, text, i, q);
                  if (max_key == 0)
                    {
                      prev_word = TRUE;
                      i = q;
                      continue;
                    }
                }
            }
          start_here = !prev_word;
        }
      else
        {
          c = g_utf8_get_char_validated (text + i, (gssize) (span->end - i));
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              /* Not UTF-8: U+FFFD after normalization, a non-word that starts nothing. */
              prev_word = FALSE;
              i++;
              continue;
            }
          clen = (gsize) (g_utf8_next_char (text + i) - (text + i));
          word = gls_is_word_char (c);
          start_here = !prev_word && !g_unichar_isspace (c) && (word || ix->other_first);
        }

      if (start_here)
        {
          GlsHit hit;
          gboolean last_is_word;
          if (match_window (ix, text, span, i, max_key, norm, map, &hit, &last_is_word) > 0)
            {
              if (!in_identifier (text, span, hit.start, hit.end))
                g_array_append_val (hits, hit);
              i = hit.end;
              prev_word = last_is_word;
              continue;
            }
        }
      prev_word = word;
      i += (guint32) clen;
    }
}

void
gls_matcher_find_indexed (const GlsMatchIndex *ix,
                          const char          *text,
                          gsize                len,
                          const GlsProseSpan  *spans,
                          gsize                n_spans,
                          GArray              *hits)
{
  g_autoptr (GString) norm = g_string_sized_new (256);
  g_autoptr (GArray) map = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 256);

  for (gsize k = 0; k < n_spans; k++)
    {
      g_return_if_fail (spans[k].start < spans[k].end && spans[k].end <= len);
      if (gls_prose_kind_is_matchable (spans[k].kind))
        match_span_indexed (ix, text, &spans[k], norm, map, hits);
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
