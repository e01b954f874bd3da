/* wordlist.c — a newline-separated word list with a hash index of offsets. */
#include "glossary/wordlist.h"

#include <gio/gio.h>
#include <string.h>

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
  const guint32 *slots;
  guint32 mask;
  guint32 *own_slots;  /* slots when built here; NULL when they live in index */
  GBytes *index;       /* a prebuilt index (gls_wordlist_new_indexed) or NULL */
};

/* The serialized index: this header, then n_slots guint32 in host order
 * (the build machine's: the index is made where the binary is built). */
typedef struct
{
  guint32 magic;
  guint32 n_words;
  guint32 n_slots;
  guint32 words_len;
} IndexHeader;

#define INDEX_MAGIC 0x31574c47u  /* "GLW1" */

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
  guint32 *table = g_new0 (guint32, slots);
  self->mask = (guint32) (slots - 1);
  for (gsize at = 0; at < self->len;)
    {
      gsize n = line_length (self, at);
      if (n > 0)
        {
          guint32 i = hash_word (self->data + at, n) & self->mask;
          while (table[i] != 0)
            i = (i + 1) & self->mask;
          table[i] = (guint32) at + 1;
        }
      at += n + 1;
    }
  self->slots = self->own_slots = table;
}

static GlsWordlist *
wordlist_new (GBytes *sorted_words)
{
  GlsWordlist *self = g_new0 (GlsWordlist, 1);
  g_atomic_ref_count_init (&self->ref);
  self->bytes = g_bytes_ref (sorted_words);
  self->data = g_bytes_get_data (sorted_words, &self->len);
  return self;
}

GlsWordlist *
gls_wordlist_new_from_bytes (GBytes *sorted_words)
{
  GlsWordlist *self = wordlist_new (sorted_words);
  for (gsize i = 0; i < self->len; i++)
    if (self->data[i] == '\n')
      self->n_words++;
  if (self->len > 0 && self->data[self->len - 1] != '\n')
    self->n_words++;
  g_return_val_if_fail (self->len < G_MAXUINT32, self);
  build_index (self);
  return self;
}

GBytes *
gls_wordlist_serialize_index (const GlsWordlist *self)
{
  IndexHeader header = {
    .magic = INDEX_MAGIC,
    .n_words = (guint32) self->n_words,
    .n_slots = self->slots != NULL ? self->mask + 1 : 0,
    .words_len = (guint32) self->len,
  };
  GByteArray *out = g_byte_array_sized_new (sizeof header + header.n_slots * sizeof (guint32));
  g_byte_array_append (out, (const guint8 *) &header, sizeof header);
  if (header.n_slots > 0)
    g_byte_array_append (out, (const guint8 *) self->slots, header.n_slots * sizeof (guint32));
  return g_byte_array_free_to_bytes (out);
}

GlsWordlist *
gls_wordlist_new_indexed (GBytes *sorted_words, GBytes *index, GError **error)
{
  gsize size = 0;
  const guint8 *raw = g_bytes_get_data (index, &size);
  IndexHeader header;

  if (size < sizeof header)
    goto bad;
  memcpy (&header, raw, sizeof header);
  if (header.magic != INDEX_MAGIC || header.words_len != g_bytes_get_size (sorted_words) ||
      header.n_slots == 0 || (header.n_slots & (header.n_slots - 1)) != 0 ||
      size != sizeof header + (gsize) header.n_slots * sizeof (guint32))
    goto bad;

  GlsWordlist *self = wordlist_new (sorted_words);
  self->n_words = header.n_words;
  self->mask = header.n_slots - 1;
  const guint8 *slots = raw + sizeof header;
  if ((guintptr) slots % G_ALIGNOF (guint32) == 0)
    {
      self->index = g_bytes_ref (index);
      self->slots = (const guint32 *) slots;
    }
  else
    self->slots = self->own_slots = g_memdup2 (slots, header.n_slots * sizeof (guint32));
  /* Every slot must point inside the words: a lookup trusts them. */
  for (guint32 i = 0; i < header.n_slots; i++)
    if (self->slots[i] > self->len)
      {
        gls_wordlist_unref (self);
        goto bad;
      }
  return self;

bad:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "the word list's index does not belong to its words");
  return NULL;
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
      g_free (self->own_slots);
      g_clear_pointer (&self->index, g_bytes_unref);
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
