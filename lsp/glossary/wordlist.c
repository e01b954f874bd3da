/* wordlist.c — binary search over a sorted, newline-separated word list. */
#include "glossary/wordlist.h"

#include <gio/gio.h>
#include <string.h>

#include "gls-words-resource.h"

#define WORDS_RESOURCE "/org/glossary-ls/words/english-words.txt"
#define MAX_WORD 64

struct _GlsWordlist
{
  gatomicrefcount ref;
  GBytes *bytes;
  const char *data;
  gsize len;
  gsize n_words;
};

GlsWordlist *
gls_wordlist_new_from_bytes (GBytes *sorted_words)
{
  GlsWordlist *self = g_new0 (GlsWordlist, 1);
  g_atomic_ref_count_init (&self->ref);
  self->bytes = g_bytes_ref (sorted_words);
  self->data = g_bytes_get_data (sorted_words, &self->len);
  for (gsize i = 0; i < self->len; i++)
    if (self->data[i] == '\n')
      self->n_words++;
  if (self->len > 0 && self->data[self->len - 1] != '\n')
    self->n_words++;
  return self;
}

GlsWordlist *
gls_wordlist_new_default (GError **error)
{
  /* Referencing the resource directly (not through g_resources_lookup_data)
   * keeps the linker from dropping it out of the static core library. */
  g_autoptr (GBytes) bytes = g_resource_lookup_data (gls_words_get_resource (), WORDS_RESOURCE,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return gls_wordlist_new_from_bytes (bytes);
}

GlsWordlist *
gls_wordlist_ref (GlsWordlist *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
gls_wordlist_unref (GlsWordlist *self)
{
  if (self != NULL && g_atomic_ref_count_dec (&self->ref))
    {
      g_bytes_unref (self->bytes);
      g_free (self);
    }
}

gsize
gls_wordlist_size (const GlsWordlist *self)
{
  return self->n_words;
}

/* Compares the line starting at data[at] with key; *next gets the offset
 * just past that line's newline. */
static int
compare_line (const GlsWordlist *self, gsize at, const char *key, gsize klen, gsize *next)
{
  const char *line = self->data + at;
  const char *nl = memchr (line, '\n', self->len - at);
  gsize llen = nl != NULL ? (gsize) (nl - line) : self->len - at;
  *next = at + llen + 1;
  int c = memcmp (line, key, MIN (llen, klen));
  if (c != 0)
    return c;
  return llen < klen ? -1 : llen > klen ? 1 : 0;
}

gboolean
gls_wordlist_contains (const GlsWordlist *self, const char *word, gsize len)
{
  char key[MAX_WORD];

  if (len == 0 || len > MAX_WORD)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalpha (word[i]))
        return FALSE;
      key[i] = g_ascii_tolower (word[i]);
    }

  /* Binary search over byte offsets: probe the middle, back up to the start
   * of the line it falls in, compare whole lines. */
  gsize lo = 0, hi = self->len;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      while (mid > lo && self->data[mid - 1] != '\n')
        mid--;
      gsize next;
      int c = compare_line (self, mid, key, len, &next);
      if (c == 0)
        return TRUE;
      if (c < 0)
        lo = next;
      else
        hi = mid;
    }
  return FALSE;
}
