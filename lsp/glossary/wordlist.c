/* wordlist.c — a newline-separated word list with a hash index of offsets. */
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
  /* Open-addressing index over the words: slot -> offset of a word + 1 (0 =
   * empty), at most half full. Built once (~1 ms for wamerican's 64k words),
   * it turns the linter's lookup per prose word into a hash and a probe or
   * two, where a binary search took 16 string comparisons. */
  guint32 *slots;
  guint32 mask;
};

static guint32
hash_word (const char *word, gsize len)
{
  guint32 h = 2166136261u;  /* FNV-1a */
  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) word[i]) * 16777619u;
  return h;
}

static gsize
line_length (const GlsWordlist *self, gsize at)
{
  const char *nl = memchr (self->data + at, '\n', self->len - at);
  return nl != NULL ? (gsize) (nl - self->data) - at : self->len - at;
}

static void
build_index (GlsWordlist *self)
{
  gsize slots = 16;
  while (slots < self->n_words * 2)
    slots *= 2;
  self->slots = g_new0 (guint32, slots);
  self->mask = (guint32) (slots - 1);
  for (gsize at = 0; at < self->len;)
    {
      gsize n = line_length (self, at);
      if (n > 0)
        {
          guint32 i = hash_word (self->data + at, n) & self->mask;
          while (self->slots[i] != 0)
            i = (i + 1) & self->mask;
          self->slots[i] = (guint32) at + 1;
        }
      at += n + 1;
    }
}

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
  g_return_val_if_fail (self->len < G_MAXUINT32, self);
  build_index (self);
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
      g_free (self->slots);
      g_free (self);
    }
}

gsize
gls_wordlist_size (const GlsWordlist *self)
{
  return self->n_words;
}

gboolean
gls_wordlist_contains (const GlsWordlist *self, const char *word, gsize len)
{
  char key[MAX_WORD];

  if (len == 0 || len > MAX_WORD || self->slots == NULL)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalpha (word[i]))
        return FALSE;
      key[i] = g_ascii_tolower (word[i]);
    }
  for (guint32 i = hash_word (key, len) & self->mask; self->slots[i] != 0; i = (i + 1) & self->mask)
    {
      gsize at = self->slots[i] - 1;
      if (line_length (self, at) == len && memcmp (self->data + at, key, len) == 0)
        return TRUE;
    }
  return FALSE;
}
