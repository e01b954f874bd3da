/* source_words.c — see source_words.h. */
#include "glossary/source_words.h"

#include <string.h>

#include "glossary/source.h"

/* The set of words already written: open addressing over offsets into the
 * output itself (each word is stored there once, followed by '\n'), with
 * the hash computed while the word is lowercased. A GHashTable cost a
 * g_str_hash and a lookup call per word plus a copy per new word; this scan
 * runs over every byte of every glossary file at each build. */
typedef struct
{
  gsize   at;    /* offset of the word in the output */
  guint32 hash;
  guint32 len;   /* 0: empty slot (a word has GLS_SOURCE_WORDS_MIN letters or more) */
} Slot;

typedef struct
{
  Slot *slots;
  gsize mask;    /* capacity - 1, capacity a power of two */
  gsize used;
} WordSet;

static void
word_set_grow (WordSet *set)
{
  gsize capacity = (set->mask + 1) * 2;
  Slot *slots = g_new0 (Slot, capacity);
  for (gsize i = 0; i <= set->mask; i++)
    if (set->slots[i].len != 0)
      {
        gsize j = set->slots[i].hash & (capacity - 1);
        while (slots[j].len != 0)
          j = (j + 1) & (capacity - 1);
        slots[j] = set->slots[i];
      }
  g_free (set->slots);
  set->slots = slots;
  set->mask = capacity - 1;
}

/* Adds lower[0..n) to out unless it is there already. */
static void
add_word (GString *out, WordSet *set, const char *lower, gsize n, guint32 hash)
{
  gsize j = hash & set->mask;
  for (; set->slots[j].len != 0; j = (j + 1) & set->mask)
    {
      const Slot *slot = &set->slots[j];
      if (slot->hash == hash && slot->len == n && memcmp (out->str + slot->at, lower, n) == 0)
        return;
    }
  set->slots[j] = (Slot) { out->len, hash, (guint32) n };
  g_string_append_len (out, lower, (gssize) n);
  g_string_append_c (out, '\n');
  if (++set->used * 2 > set->mask + 1)
    word_set_grow (set);
}

static void
collect_text (GString *out, WordSet *set, const char *text, gsize len)
{
  char lower[GLS_SOURCE_WORDS_MAX + 1];

  for (gsize i = 0; i < len;)
    {
      if (!g_ascii_isalpha (text[i]))
        {
          i++;
          continue;
        }
      gsize start = i;
      guint32 hash = 2166136261u;  /* FNV-1a of the lowercase letters */
      while (i < len && g_ascii_isalpha (text[i]))
        {
          if (i - start < GLS_SOURCE_WORDS_MAX)
            {
              /* An ASCII letter: set the lowercase bit (g_ascii_tolower is a call). */
              lower[i - start] = text[i] | 0x20;
              hash = (hash ^ (guchar) lower[i - start]) * 16777619u;
            }
          i++;
        }
      gsize n = i - start;
      if (n < GLS_SOURCE_WORDS_MIN || n > GLS_SOURCE_WORDS_MAX || (i < len && (guchar) text[i] >= 0x80) ||
          (start > 0 && (guchar) text[start - 1] >= 0x80))
        continue;
      add_word (out, set, lower, n, hash);
    }
}

void
gls_source_words_collect (GString *out, const GPtrArray *sources)
{
  WordSet set = { g_new0 (Slot, 1024), 1023, 0 };

  for (guint s = 0; s < sources->len; s++)
    {
      gsize len;
      const GlsSource *source = g_ptr_array_index (sources, s);
      const char *text = g_bytes_get_data (source->text, &len);
      collect_text (out, &set, text, len);
    }
  g_free (set.slots);
}

gboolean
gls_source_words_is_valid (const char *data, gsize len)
{
  gsize n = 0;  /* letters of the word being read */

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];
      if (c >= 'a' && c <= 'z')
        {
          if (++n > GLS_SOURCE_WORDS_MAX)
            return FALSE;
        }
      else if (c == '\n' && n >= GLS_SOURCE_WORDS_MIN)
        n = 0;
      else
        return FALSE;
    }
  return n == 0;
}
