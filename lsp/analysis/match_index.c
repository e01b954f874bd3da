/* match_index.c — the indexed matcher: GlsMatchIndex and
 * gls_matcher_find_indexed (matcher.h), and its resumable form that also
 * hands the words it passes to the rules (gls_matcher_match_span). */
#include "analysis/matcher.h"

#include <string.h>

#include "analysis/matcher_private.h"

/* --- the index ----------------------------------------------------------- */

#define MAX_FIRST_WORD 63

/* What follows a first word in the recognised keys that start with it. */
enum
{
  FW_SINGLE = 1 << 0,  /* the word alone is a key */
  FW_PAIRS  = 1 << 1,  /* keys go on with ' ' and an ASCII word: their first two words are in pairs */
  FW_WINDOW = 1 << 2,  /* a key goes on otherwise ("c++", "risk (legal)"): always normalize a window */
};

/* One slot of a word table: open addressing, linear probing. The first-word
 * table is probed once per ASCII word of every document, so it avoids
 * GHashTable's indirect calls and NUL-terminated keys. */
typedef struct
{
  guint32 hash;
  guint32 word;     /* offset of the word in words; G_MAXUINT32: empty slot */
  guint16 len;
  guint16 flags;    /* FW_*, first-word table only */
  guint32 longest;  /* bytes of the longest recognised key starting with it */
  guint32 term;     /* FW_SINGLE: the term of the word alone (first-word table only) */
} FirstWord;

typedef struct
{
  FirstWord *slots;
  guint32    mask;   /* slots - 1, a power of two minus one */
  guint32    used;   /* filled slots */
  GString   *words;
} WordTable;

struct _GlsMatchIndex
{
  gatomicrefcount ref;
  GlsGlossary    *glossary;
  WordTable       first;           /* first words of the recognised keys */
  WordTable       pairs;           /* "first second": the first two words of keys of FW_PAIRS words */
  gsize           max_key;         /* bytes of the longest recognised key */
  guint8          punct_first[32]; /* bit set: ASCII non-word bytes that start a key */
  char            lower_alnum[256]; /* ASCII letters and digits lowercased, every other byte 0 */
  guint8          char_index[256];  /* 'a'..'z' 1..26, '0'..'9' 27..36, else 0 */
  /* Bit set by (first two bytes, length 0..31) of every first word: a
   * document word of n bytes is normalized from n, n - 1 or n - 2 bytes
   * (normalize.h: plurals lose at most two, never from the first three),
   * so the bits of lengths L..L+2 are set for a first word of L bytes. */
  guint8          filter[(37 * 37 * 32 + 7) / 8];
  gboolean        other_first;     /* a key starts with a non-ASCII non-word character */
};

/* The filter's bit for a word of n bytes whose lowercase first two bytes
 * are c0, c1 (c1 0 for a one-byte word). */
static inline guint
filter_bit (const GlsMatchIndex *ix, char c0, char c1, gsize n)
{
  return ((guint) ix->char_index[(guchar) c0] * 37u + ix->char_index[(guchar) c1]) * 32u + (guint) MIN (n, 31);
}

static inline gboolean
is_ascii_separator (guchar b)
{
  return b == ' ' || b == '-' || b == '_' || (b >= '\t' && b <= '\r');
}

static inline guint32
hash_word (const char *w, gsize n)
{
  guint32 h = 2166136261u;  /* FNV-1a */
  for (gsize i = 0; i < n; i++)
    h = (h ^ (guchar) w[i]) * 16777619u;
  return h;
}

static FirstWord *
find_slot (const WordTable *t, const char *w, gsize n, guint32 h)
{
  for (guint32 at = h & t->mask;; at = (at + 1) & t->mask)
    {
      FirstWord *s = &t->slots[at];
      if (s->word == G_MAXUINT32 ||
          (s->hash == h && s->len == n && memcmp (t->words->str + s->word, w, n) == 0))
        return s;
    }
}

/* Tables start small and double as words arrive: most terms share their
 * first word with another or are not matched in prose, so sizing by the
 * glossary's term count (as before) kept two tables of 2 x terms slots
 * whether or not words filled them (BENCHMARKS.md, edit path memory). */
static void
word_table_init (WordTable *t)
{
  guint n_slots = 16;
  t->slots = g_new (FirstWord, n_slots);
  memset (t->slots, 0xff, sizeof (FirstWord) * n_slots);
  t->mask = n_slots - 1;
  t->used = 0;
  t->words = g_string_new (NULL);
}

/* Doubles the slots, keeping the load at most one half. */
static void
word_table_grow (WordTable *t)
{
  FirstWord *old = t->slots;
  guint32 old_n = t->mask + 1;
  g_assert (old_n <= G_MAXUINT32 / 2);
  t->mask = 2 * old_n - 1;
  t->slots = g_new (FirstWord, 2 * (gsize) old_n);
  memset (t->slots, 0xff, sizeof (FirstWord) * 2 * (gsize) old_n);
  for (guint32 i = 0; i < old_n; i++)
    if (old[i].word != G_MAXUINT32)
      {
        guint32 at = old[i].hash & t->mask;
        while (t->slots[at].word != G_MAXUINT32)
          at = (at + 1) & t->mask;
        t->slots[at] = old[i];
      }
  g_free (old);
}

static void
word_table_clear (WordTable *t)
{
  g_free (t->slots);
  g_string_free (t->words, TRUE);
}

static FirstWord *
word_table_add (WordTable *t, const char *w, gsize n)
{
  guint32 h = hash_word (w, n);
  FirstWord *slot = find_slot (t, w, n, h);
  if (slot->word == G_MAXUINT32 && 2 * (t->used + 1) > t->mask + 1)
    {
      word_table_grow (t);
      slot = find_slot (t, w, n, h);
    }
  if (slot->word == G_MAXUINT32)
    {
      t->used++;
      *slot = (FirstWord) { h, (guint32) t->words->len, (guint16) n, 0, 0, 0 };
      g_string_append_len (t->words, w, (gssize) n);
    }
  return slot;
}

/* Records what follows the first word key[0..w) of the key key[0..n). */
static void
index_continuation (GlsMatchIndex *ix, FirstWord *slot, const char *key, gsize w, gsize n)
{
  gsize clen, e = w + 1;
  if (w == n)
    {
      GlsTrieValues values;
      if (gls_trie_lookup (gls_glossary_trie (ix->glossary), key, n, &values) && values.n > 0)
        {
          slot->flags |= FW_SINGLE;
          slot->term = values.ids[0];  /* the term the window path would take */
        }
      else
        slot->flags |= FW_WINDOW;
      return;
    }
  if (key[w] == ' ' && g_ascii_isalnum (key[w + 1]))
    {
      while (e < n && g_ascii_isalnum (key[e]))
        e++;
      /* the second word must end there: at the key's end or a non-word character */
      if (e - (w + 1) <= MAX_FIRST_WORD && (e == n || !word_at (key, e, &clen)))
        {
          slot->flags |= FW_PAIRS;
          FirstWord *pair = word_table_add (&ix->pairs, key, e);
          pair->longest = MAX (pair->longest, (guint32) n);
          return;
        }
    }
  slot->flags |= FW_WINDOW;
}

GlsMatchIndex *
gls_match_index_new (GlsGlossary *glossary)
{
  GlsMatchIndex *ix = g_new0 (GlsMatchIndex, 1);
  g_atomic_ref_count_init (&ix->ref);
  ix->glossary = gls_glossary_ref (glossary);
  word_table_init (&ix->first);
  word_table_init (&ix->pairs);
  for (guint b = 0; b < 128; b++)
    {
      ix->lower_alnum[b] = g_ascii_isalnum (b) ? g_ascii_tolower ((char) b) : 0;
      ix->char_index[b] = g_ascii_islower (b) ? (guint8) (b - 'a' + 1) : g_ascii_isdigit (b) ? (guint8) (b - '0' + 27) : 0;
    }

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
          FirstWord *slot = word_table_add (&ix->first, key, w);
          for (gsize extra = 0; extra <= 2; extra++)
            {
              guint bit = filter_bit (ix, key[0], w > 1 ? key[1] : 0, w + extra);
              ix->filter[bit / 8] |= (guint8) (1u << (bit % 8));
            }
          slot->longest = MAX (slot->longest, (guint32) n);
          index_continuation (ix, slot, key, w, n);
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
  word_table_clear (&ix->first);
  word_table_clear (&ix->pairs);
  g_free (ix);
}

const GlsGlossary *
gls_match_index_glossary (const GlsMatchIndex *ix)
{
  return ix->glossary;
}

static inline char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
}

/* Lowercases the ASCII word text[start..end) into word and stems it as
 * normalize.h does: the length of its normalized form. */
static inline gsize
normalize_ascii_word (const char *text, gsize start, gsize end, char *word)
{
  gsize n = end - start;
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
  return keep;
}

/* The slot of the first-word table that the normalized form of the ASCII
 * word text[start..start + n) (1 <= n <= MAX_FIRST_WORD) names, or NULL.
 * Most words are no first word of a key: their first two letters and
 * length are checked against the index's filter before anything else. A
 * survivor is lowercased into word (2 * MAX_FIRST_WORD + 2 bytes; *keep
 * gets the normalized length) in one pass that hashes every prefix, so the
 * singular's hash needs no second pass. */
static const FirstWord *
first_word_slot (const GlsMatchIndex *ix, const char *text, gsize start, gsize n, char *word, gsize *keep)
{
  const char *low = ix->lower_alnum;
  guint bit = filter_bit (ix, low[(guchar) text[start]], n > 1 ? low[(guchar) text[start + 1]] : 0, n);
  if (!(ix->filter[bit / 8] & (1u << (bit % 8))))
    return NULL;

  guint32 hs[MAX_FIRST_WORD + 1];
  guint32 h = 2166136261u;  /* hash_word, a byte at a time */
  hs[0] = h;
  for (gsize k = 0; k < n; k++)
    {
      char c = low[(guchar) text[start + k]];
      word[k] = c;
      h = (h ^ (guchar) c) * 16777619u;
      hs[k + 1] = h;
    }
  gsize k = n;
  /* Only words ending in s or e lose letters (normalize.h). */
  if (word[n - 1] == 's' || word[n - 1] == 'e')
    {
      gboolean ies_to_y;
      k = gls_normalize_singular_length (word, n, &ies_to_y);
      if (ies_to_y)
        {
          word[k - 1] = 'y';
          h = (hs[k - 1] ^ (guchar) 'y') * 16777619u;
        }
      else
        h = hs[k];
    }
  *keep = k;
  const FirstWord *slot = find_slot (&ix->first, word, k, h);
  return slot->word == G_MAXUINT32 ? NULL : slot;
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Bit 7 of byte k set when p[k] is no ASCII letter or digit (p[0..8) read;
 * byte 0 in the low bits). Bytes below 0x80 are tested with sums that stay
 * inside their byte: b + (128 - c) has bit 7 set exactly when b >= c. */
static inline guint64
not_alnum8 (const char *p)
{
  guint64 x;
  memcpy (&x, p, 8);
  x = GUINT64_FROM_LE (x);
  guint64 y = x & (ONES * 0x7f);
  guint64 l = y | (ONES * 0x20);  /* letters lowercased; no other byte lands in a..z */
  guint64 letter = (l + ONES * (128 - 'a')) & ~(l + ONES * (128 - 'z' - 1));
  guint64 digit = (y + ONES * (128 - '0')) & ~(y + ONES * (128 - '9' - 1));
  return (~(letter | digit) | x) & HIGHS;
}

/* Scans the ASCII word starting at text[start] (an ASCII letter or digit)
 * to its end, *end, and returns its first-word slot (above), NULL also when
 * the word is too long for a key's first word or not an ASCII word
 * (non-ASCII bytes follow: the caller decides). */
static inline const FirstWord *
starts_a_key (const GlsMatchIndex *ix, const char *text, gsize start, gsize limit, char *word, gsize *keep,
              gsize *end)
{
  const char *low = ix->lower_alnum;
  gsize q = start;

  /* Eight bytes a step (most words end within the first): which of them
   * are no ASCII letter or digit, by byte-wise range tests in one word. */
  while (limit - q >= 8)
    {
      guint64 stop = not_alnum8 (text + q);
      if (stop != 0)
        {
          q += (gsize) __builtin_ctzll (stop) / 8;
          goto scanned;
        }
      q += 8;
    }
  while (q < limit && low[(guchar) text[q]] != 0)
    q++;
scanned:
  *end = q;
  if (q - start > MAX_FIRST_WORD || (q < limit && (guchar) text[q] >= 0x80))
    return NULL;
  return first_word_slot (ix, text, start, q - start, word, keep);
}

/* Can a key of several words start with the first word that ends at
 * text[q] (normalized: word[0..keep))? Its first two words must be a pair
 * of the index: returns the longest key starting with them, 0 when none
 * can, and unsure when non-ASCII text follows (the window decides). */
static gsize
pair_longest (const GlsMatchIndex *ix, const char *text, const GlsProseSpan *span, gsize q, char *word,
              gsize keep, gsize unsure)
{
  gsize p = q;
  while (p < span->end && is_ascii_separator ((guchar) text[p]))
    p++;
  if (p == q || p >= span->end)
    return 0;
  if ((guchar) text[p] >= 0x80)
    return unsure;
  if (!g_ascii_isalnum (text[p]))
    return 0;  /* keys going on with punctuation are FW_WINDOW */
  gsize r = p;
  while (r < span->end && g_ascii_isalnum (text[r]))
    r++;
  if ((r < span->end && (guchar) text[r] >= 0x80) || r - p > MAX_FIRST_WORD)
    return unsure;
  word[keep] = ' ';
  gsize n = keep + 1 + normalize_ascii_word (text, p, r, word + keep + 1);
  const FirstWord *pair = find_slot (&ix->pairs, word, n, hash_word (word, n));
  return pair->word == G_MAXUINT32 ? 0 : pair->longest;
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
      GlsMatchSurface ctx = { text + at, map, 0 };
      guint32 term;
      gsize m = gls_matcher_longest_accepted (ix->glossary, norm->str, norm->len, gls_matcher_accept_in_document, &ctx, &term);
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

/* The hit of a one-word key when the ASCII word text[i..q) alone is it
 * (the window path's answer without the window): its whole bytes, plural
 * letters included, unless a case-sensitive term is written as English or
 * the word is part of an identifier. */
static void
single_word_hit (const GlsMatchIndex *ix, const char *text, const GlsProseSpan *span, guint32 term_index,
                 guint32 i, guint32 q, GArray *hits)
{
  const GlsTerm *term = gls_glossary_term (ix->glossary, term_index);
  if (!(term->flags & GLS_TERM_MATCH_PROSE) ||
      ((term->flags & GLS_TERM_CASE_SENSITIVE) && !gls_matcher_surface_is_marked (text + i, q - i)))
    return;
  GlsHit hit = { i, q, term_index };
  if (!in_identifier (text, span, hit.start, hit.end))
    g_array_append_val (hits, hit);
}

static inline void
add_word (GlsMatchWords *words, guint32 start, guint32 end)
{
  if (G_UNLIKELY (words->len == words->alloc))
    {
      g_assert (words->alloc < G_MAXUINT / 2);
      words->alloc = MAX (2 * words->alloc, 64);
      words->data = g_renew (GlsMatchWord, words->data, words->alloc);
    }
  words->data[words->len++] = (GlsMatchWord) { start, end };
}

/* Appends to words every run of ASCII letters and digits that starts in
 * text[a..b) (a hit the matcher passed without keeping it). */
static void
add_words_in (const char *text, const GlsProseSpan *span, guint32 a, guint32 b, GlsMatchWords *words)
{
  for (guint32 p = a; p < b; p++)
    if (g_ascii_isalnum (text[p]) && (p == span->start || !g_ascii_isalnum (text[p - 1])))
      {
        guint32 e = p + 1;
        while (e < span->end && g_ascii_isalnum (text[e]))
          e++;
        add_word (words, p, e);
      }
}

/* The window at i: appends its hit unless it lies in an identifier, whose
 * words then go to words. Returns whether there was a hit. */
static inline gboolean
window_hit (const GlsMatchIndex *ix, const char *text, const GlsProseSpan *span, guint32 *i, gboolean *prev_word,
            gsize max_key, GString *norm, GArray *map, GArray *hits, GlsMatchWords *words)
{
  GlsHit hit;
  gboolean last_is_word;
  if (match_window (ix, text, span, *i, max_key, norm, map, &hit, &last_is_word) == 0)
    return FALSE;
  if (!in_identifier (text, span, hit.start, hit.end))
    g_array_append_val (hits, hit);
  else if (words != NULL)
    add_words_in (text, span, hit.start, hit.end, words);
  *i = hit.end;
  *prev_word = last_is_word;
  return TRUE;
}

void
gls_matcher_span_begin (GlsMatchSpanState *state, const GlsProseSpan *span)
{
  state->at = span->start;
  state->prev_word = FALSE;
}

gboolean
gls_matcher_match_span (const GlsMatchIndex *ix, const char *text, const GlsProseSpan *span,
                        GlsMatchSpanState *state, GlsMatchWords *words, guint cap, GString *norm, GArray *map,
                        GArray *hits)
{
  gboolean prev_word = state->prev_word;
  guint32 i = state->at;

  while (i < span->end)
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
              if (words != NULL && words->len >= cap)
                break;  /* the caller takes these words first */
              /* The commonest case: an ASCII word that starts no key is
               * skipped whole. */
              char first[2 * MAX_FIRST_WORD + 2];
              gsize keep = 0, q;
              const FirstWord *slot = starts_a_key (ix, text, i, span->end, first, &keep, &q);
              gboolean skip = FALSE;
              if (q == span->end || (guchar) text[q] < 0x80)
                {
                  /* Normalize a window only where a key may match: the
                   * word alone, or with the next word a key's first two. */
                  skip = slot == NULL;
                  if (slot != NULL)
                    {
                      max_key = slot->longest;
                      gsize pair = 0;
                      if (!(slot->flags & FW_WINDOW) && (slot->flags & FW_PAIRS))
                        pair = pair_longest (ix, text, span, q, first, keep, slot->longest);
                      if (pair > 0)
                        max_key = pair;  /* the longest key through the next word */
                      else if (!(slot->flags & FW_WINDOW))
                        {
                          /* Only the word alone can match: no window. */
                          skip = TRUE;
                          if (slot->flags & FW_SINGLE)
                            single_word_hit (ix, text, span, slot->term, i, (guint32) q, hits);
                        }
                    }
                }
              if (!skip && window_hit (ix, text, span, &i, &prev_word, max_key, norm, map, hits, words))
                continue;
              /* A word no kept hit starts at, for the rules; the rest of
               * it starts nothing. */
              if (words != NULL)
                add_word (words, i, (guint32) q);
              prev_word = TRUE;
              i = (guint32) q;
              continue;
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

      if (start_here && window_hit (ix, text, span, &i, &prev_word, max_key, norm, map, hits, words))
        continue;
      prev_word = word;
      i += (guint32) clen;
    }
  state->at = i;
  state->prev_word = prev_word;
  return i >= span->end;
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
      if (!gls_prose_kind_is_matchable (spans[k].kind))
        continue;
      GlsMatchSpanState state;
      gls_matcher_span_begin (&state, &spans[k]);
      gls_matcher_match_span (ix, text, &spans[k], &state, NULL, 0, norm, map, hits);
    }
}
