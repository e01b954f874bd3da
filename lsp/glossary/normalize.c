/* normalize.c — see normalize.h for the rules. */
#include "glossary/normalize.h"

#include <string.h>

/* g_ascii_tolower() is an out-of-line call; this runs once per byte of text. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
}

/* g_unichar_isspace, without a call for ASCII (where only these five are
 * spaces: Unicode calls \v a control character). */
static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace (c);
}

/* The UTF-8 encoding of U+FFFD, written for bytes that are not UTF-8. */
#define REPLACEMENT "\xEF\xBF\xBD"

gboolean
gls_is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Byte by byte: the suffixes are two to four bytes, and a call to memcmp
 * per suffix was most of this function's cost. */
static inline gboolean
ends_with (const char *word, gsize n, const char *suffix)
{
  gsize k = strlen (suffix);
  if (n < k)
    return FALSE;
  for (gsize i = 0; i < k; i++)
    if (word[n - k + i] != suffix[i])
      return FALSE;
  return TRUE;
}

/* Length of the word once its regular plural ending is removed. The rules are
 * deliberately small and symmetric: they run on glossary keys and on document
 * text alike, so an odd stem ("sery" for "series") still meets itself. */
gsize
gls_normalize_singular_length (const char *w, gsize n, gboolean *ies_to_y)
{
  *ies_to_y = FALSE;
  /* Every rule below needs a final s or e: most words keep their length
   * at once (this runs for every word of every document). */
  if (n == 0 || (w[n - 1] != 's' && w[n - 1] != 'e'))
    return n;
  if (n >= 5 && ends_with (w, n, "ies"))
    {
      *ies_to_y = TRUE;
      return n - 2;
    }
  if (n >= 5 && (ends_with (w, n, "sses") || ends_with (w, n, "shes") ||
                 ends_with (w, n, "ches") || ends_with (w, n, "xes")))
    n -= 2;
  else if (ends_with (w, n, "ss") || ends_with (w, n, "is") ||
           (n >= 5 && ends_with (w, n, "us")))
    ; /* loss, analysis, corpus; but four-letter GPUs, CPUs, TPUs are plurals */
  else if (n >= 4 && w[n - 1] == 's')
    n -= 1;
  /* "cache" and "caches" (now "cach") must agree. */
  if (n >= 4 && ends_with (w, n, "che"))
    n -= 1;
  return n;
}

/* The output is written through raw pointers into out (and map), grown by
 * doubling: this runs once per byte of every document and glossary, and a
 * g_string_append/g_array_append per byte was most of its cost. */
typedef struct
{
  GString *out;
  GArray  *map;    /* may be NULL */
  gsize    base;   /* out->len on entry: we append after it */
  gsize    len;    /* bytes written after base */
  gsize    cap;    /* room after base */
  char    *o;      /* out->str + base */
  guint32 *m;      /* map data, or NULL */
} Writer;

static void
writer_reserve (Writer *w, gsize extra)
{
  if (w->len + extra <= w->cap)
    return;
  w->cap = MAX (w->cap * 2, w->len + extra + 64);
  g_string_set_size (w->out, w->base + w->cap);
  w->o = w->out->str + w->base;
  if (w->map != NULL)
    {
      g_array_set_size (w->map, w->cap + 1);
      w->m = (guint32 *) (void *) w->map->data;
    }
}

static inline void
writer_put (Writer *w, const char *bytes, gsize n, guint32 src)
{
  writer_reserve (w, n);
  for (gsize i = 0; i < n; i++)
    {
      w->o[w->len] = bytes[i];
      if (w->m != NULL)
        w->m[w->len] = src;
      w->len++;
    }
}

static void
finish_word (Writer *w, gssize *word_start)
{
  if (*word_start < 0)
    return;
  char *word = w->o + *word_start;
  gsize n = w->len - (gsize) *word_start;
  gboolean ies_to_y;
  gsize keep = gls_normalize_singular_length (word, n, &ies_to_y);
  if (ies_to_y)
    word[keep - 1] = 'y';
  w->len = (gsize) *word_start + keep;
  *word_start = -1;
}

/* gls_normalize's state between characters. */
typedef struct
{
  Writer   w;
  gssize   word_start;   /* output offset of the word being written, or -1 */
  gboolean pending_sep;  /* a separator run waits for the next kept character */
  guint32  sep_at;       /* source offset of that run */
  guint32  last_end;     /* source offset after the last kept character */
} Norm;

static inline void
put_pending_separator (Norm *st)
{
  if (st->pending_sep)
    {
      writer_put (&st->w, " ", 1, st->sep_at);
      st->pending_sep = FALSE;
    }
}

/* Copies the run of ASCII letters and digits at text[i] (the overwhelming
 * case: one reservation, then a tight copy); returns the offset after it. */
static inline gsize
copy_ascii_run (Norm *st, const char *text, gsize i, gsize n)
{
  Writer *w = &st->w;
  gsize j = i + 1;
  while (j < n && g_ascii_isalnum (text[j]))
    j++;
  put_pending_separator (st);
  if (st->word_start < 0)
    st->word_start = (gssize) w->len;
  writer_reserve (w, j - i);
  char *o = w->o + w->len;
  for (gsize k = i; k < j; k++)
    *o++ = ascii_lower (text[k]);
  if (w->m != NULL)
    for (gsize k = i; k < j; k++)
      w->m[w->len + (k - i)] = (guint32) k;
  w->len += j - i;
  st->last_end = (guint32) j;
  return j;
}

/* The character at p (n bytes left) and its length: an invalid sequence is
 * U+FFFD of length 1. */
static inline gunichar
decode_char (const char *p, gsize n, gsize *clen)
{
  guchar b = (guchar) *p;
  if (b < 0x80)
    {
      *clen = 1;
      return b;
    }
  gunichar c = g_utf8_get_char_validated (p, (gssize) n);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *clen = 1;
      return 0xFFFD;
    }
  *clen = (gsize) (g_utf8_next_char (p) - p);
  return c;
}

/* Writes the kept character c (at source offset i, clen bytes at p): ASCII
 * lowered, NUL and invalid bytes as U+FFFD, the rest case-folded; a
 * character that is not a word character ends the word. */
static void
put_char (Norm *st, const char *p, gunichar c, gsize clen, gsize i)
{
  put_pending_separator (st);
  gboolean word = c != 0xFFFD && c != 0 && gls_is_word_char (c);
  if (!word)
    finish_word (&st->w, &st->word_start);
  else if (st->word_start < 0)
    st->word_start = (gssize) st->w.len;

  if (c < 0x80 && c != 0)
    {
      char lower = ascii_lower ((char) c);
      writer_put (&st->w, &lower, 1, (guint32) i);
    }
  else if (c == 0xFFFD || c == 0)
    writer_put (&st->w, REPLACEMENT, 3, (guint32) i);
  else
    {
      g_autofree char *folded = g_utf8_casefold (p, (gssize) clen);
      writer_put (&st->w, folded, strlen (folded), (guint32) i);
    }
  st->last_end = (guint32) (i + clen);
}

void
gls_normalize (const char *text, gssize len, GString *out, GArray *map)
{
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  Norm st = { { out, map, out->len, 0, 0, out->str + out->len, NULL }, -1, FALSE, 0, 0 };

  g_return_if_fail (n <= G_MAXUINT32);
  if (map != NULL)
    g_array_set_size (map, 0);
  /* Normalized text is rarely longer than its source. */
  writer_reserve (&st.w, n + 16);

  for (gsize i = 0; i < n;)
    {
      if (g_ascii_isalnum ((guchar) text[i]))
        {
          i = copy_ascii_run (&st, text, i, n);
          continue;
        }
      gsize clen;
      gunichar c = decode_char (text + i, n - i, &clen);
      if (c == '-' || c == '_' || is_space (c))
        {
          finish_word (&st.w, &st.word_start);
          if (!st.pending_sep && st.w.len > 0)
            {
              st.pending_sep = TRUE;
              st.sep_at = (guint32) i;
            }
        }
      else
        put_char (&st, text + i, c, clen, i);
      i += clen;
    }

  finish_word (&st.w, &st.word_start);
  g_string_truncate (out, st.w.base + st.w.len);
  if (map != NULL)
    {
      g_array_set_size (map, st.w.len + 1);
      g_array_index (map, guint32, st.w.len) = st.last_end;
    }
}

char *
gls_normalize_key (const char *text, gssize len)
{
  GString *out = g_string_new (NULL);
  gls_normalize (text, len, out, NULL);
  return g_string_free (out, FALSE);
}

guint32
gls_normalize_source_end (const GArray *map, gsize end)
{
  g_return_val_if_fail (map != NULL && end < map->len, 0);
  return g_array_index (map, guint32, end);
}
