/* normalize.c — see normalize.h for the rules. */
#include "glossary/normalize.h"

#include <string.h>

/* g_ascii_tolower() is an out-of-line call; this runs once per byte of text. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
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

static gboolean
ends_with (const char *word, gsize n, const char *suffix)
{
  gsize k = strlen (suffix);
  return n >= k && memcmp (word + n - k, suffix, k) == 0;
}

/* Length of the word once its regular plural ending is removed. The rules are
 * deliberately small and symmetric: they run on glossary keys and on document
 * text alike, so an odd stem ("sery" for "series") still meets itself. */
gsize
gls_normalize_singular_length (const char *w, gsize n, gboolean *ies_to_y)
{
  *ies_to_y = FALSE;
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

static void
finish_word (GString *out, GArray *map, gsize base, gssize *word_start)
{
  if (*word_start < 0)
    return;
  char *w = out->str + *word_start;
  gsize n = out->len - (gsize) *word_start;
  gboolean ies_to_y;
  gsize keep = gls_normalize_singular_length (w, n, &ies_to_y);
  if (keep != n || ies_to_y)
    {
      if (ies_to_y)
        w[keep - 1] = 'y';
      g_string_truncate (out, (gsize) *word_start + keep);
      if (map != NULL)
        g_array_set_size (map, out->len - base);
    }
  *word_start = -1;
}

static void
emit (GString *out, GArray *map, const char *bytes, gsize n, guint32 src)
{
  g_string_append_len (out, bytes, (gssize) n);
  if (map != NULL)
    for (gsize i = 0; i < n; i++)
      g_array_append_val (map, src);
}

void
gls_normalize (const char *text, gssize len, GString *out, GArray *map)
{
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  gsize base = out->len;
  gssize word_start = -1;
  gboolean pending_sep = FALSE;
  guint32 sep_at = 0;
  guint32 last_end = 0;

  g_return_if_fail (n <= G_MAXUINT32);
  if (map != NULL)
    g_array_set_size (map, 0);

  for (gsize i = 0; i < n;)
    {
      const char *p = text + i;
      gunichar c;
      gsize clen;

      if ((guchar) *p < 0x80)
        {
          c = (guchar) *p;
          clen = 1;
        }
      else
        {
          c = g_utf8_get_char_validated (p, (gssize) (n - i));
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              c = 0xFFFD;
              clen = 1;
            }
          else
            clen = (gsize) (g_utf8_next_char (p) - p);
        }

      if (c == '-' || c == '_' || g_unichar_isspace (c))
        {
          finish_word (out, map, base, &word_start);
          if (!pending_sep && out->len > base)
            {
              pending_sep = TRUE;
              sep_at = (guint32) i;
            }
          i += clen;
          continue;
        }

      if (pending_sep)
        {
          emit (out, map, " ", 1, sep_at);
          pending_sep = FALSE;
        }

      gboolean word = c != 0xFFFD && c != 0 && gls_is_word_char (c);
      if (!word)
        finish_word (out, map, base, &word_start);
      else if (word_start < 0)
        word_start = (gssize) out->len;

      if (c < 0x80 && c != 0)
        {
          char lower = ascii_lower ((char) c);
          emit (out, map, &lower, 1, (guint32) i);
        }
      else if (c == 0xFFFD || c == 0)
        emit (out, map, REPLACEMENT, 3, (guint32) i);
      else
        {
          g_autofree char *folded = g_utf8_casefold (p, (gssize) clen);
          emit (out, map, folded, strlen (folded), (guint32) i);
        }
      i += clen;
      last_end = (guint32) i;
    }

  finish_word (out, map, base, &word_start);
  if (map != NULL)
    g_array_append_val (map, last_end);
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
