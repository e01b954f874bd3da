/* casing.c — see casing.h. */
#include "glossary/casing.h"

#include <string.h>

#include "glossary/normalize.h"

#define MAX_WORD 64

typedef struct
{
  char  *spelling;
  guint  count;
} Spelling;

typedef struct
{
  GArray *spellings;  /* of Spelling, in order of first appearance */
  guint   total;
} WordStats;

struct _GlsCasing
{
  GHashTable *words;  /* normalized word -> WordStats */
};

static void
word_stats_free (gpointer data)
{
  WordStats *stats = data;
  for (guint i = 0; i < stats->spellings->len; i++)
    g_free (g_array_index (stats->spellings, Spelling, i).spelling);
  g_array_unref (stats->spellings);
  g_free (stats);
}

GlsCasing *
gls_casing_new (void)
{
  GlsCasing *self = g_new0 (GlsCasing, 1);
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, word_stats_free);
  return self;
}

void
gls_casing_free (GlsCasing *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->words);
  g_free (self);
}

void
gls_casing_watch (GlsCasing *self, const char *word, gsize len)
{
  if (len < 2 || len > MAX_WORD)
    return;
  g_autofree char *key = g_strndup (word, len);
  if (g_hash_table_contains (self->words, key))
    return;
  WordStats *stats = g_new0 (WordStats, 1);
  stats->spellings = g_array_new (FALSE, FALSE, sizeof (Spelling));
  g_hash_table_insert (self->words, g_steal_pointer (&key), stats);
}

static void
record (WordStats *stats, const char *surface, gsize len)
{
  stats->total++;
  for (guint i = 0; i < stats->spellings->len; i++)
    {
      Spelling *s = &g_array_index (stats->spellings, Spelling, i);
      if (strncmp (s->spelling, surface, len) == 0 && s->spelling[len] == '\0')
        {
          s->count++;
          return;
        }
    }
  Spelling s = { g_strndup (surface, len), 1 };
  g_array_append_val (stats->spellings, s);
}

void
gls_casing_count (GlsCasing *self, const char *text, gsize len)
{
  char lower[MAX_WORD + 1];
  gsize i = 0;

  while (i < len)
    {
      if (!g_ascii_isalnum (text[i]))
        {
          i++;
          continue;
        }
      gsize start = i;
      gboolean ascii = TRUE;
      /* A word runs over letters and digits; a non-ASCII byte inside makes it
       * a word we do not count (its stem would not be a plain prefix). */
      while (i < len && (g_ascii_isalnum (text[i]) || (guchar) text[i] >= 0x80))
        {
          if ((guchar) text[i] >= 0x80)
            ascii = FALSE;
          i++;
        }
      gsize n = i - start;
      if (!ascii || n < 2 || n > MAX_WORD)
        continue;
      for (gsize k = 0; k < n; k++)
        lower[k] = g_ascii_tolower (text[start + k]);
      gboolean ies_to_y;
      gsize keep = gls_normalize_singular_length (lower, n, &ies_to_y);
      if (ies_to_y)
        continue;  /* "Policies" has no stem spelled inside it */
      lower[keep] = '\0';
      WordStats *stats = g_hash_table_lookup (self->words, lower);
      if (stats != NULL)
        record (stats, text + start, keep);
    }
}

const char *
gls_casing_preferred (GlsCasing *self, const char *word, gsize len, guint *count, guint *total)
{
  char key[MAX_WORD + 1];
  if (len > MAX_WORD)
    return NULL;
  memcpy (key, word, len);
  key[len] = '\0';
  WordStats *stats = g_hash_table_lookup (self->words, key);
  if (stats == NULL || stats->spellings->len == 0)
    return NULL;
  const Spelling *best = &g_array_index (stats->spellings, Spelling, 0);
  for (guint i = 1; i < stats->spellings->len; i++)
    {
      const Spelling *s = &g_array_index (stats->spellings, Spelling, i);
      if (s->count > best->count)
        best = s;
    }
  if (count != NULL)
    *count = best->count;
  if (total != NULL)
    *total = stats->total;
  return best->spelling;
}

gboolean
gls_casing_is_irregular (const char *word, gsize len)
{
  for (gsize i = 1; i < len; i++)
    if (g_ascii_isupper (word[i]))
      return TRUE;
  return FALSE;
}
