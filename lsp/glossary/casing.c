/* casing.c — see casing.h. */
#include "glossary/casing.h"

#include <string.h>

#include "glossary/normalize.h"

/* g_ascii_tolower() is an out-of-line call; this runs once per byte of text. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
}

#define MAX_WORD 64
#define FILTER_BITS (1u << 20)

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
  GHashTable *stems;                        /* stem -> WordStats, for stems seen irregular */
  guint64     filter[FILTER_BITS / 64];     /* bit per stem hash: "maybe in stems" */
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
  self->stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, word_stats_free);
  return self;
}

void
gls_casing_free (GlsCasing *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->stems);
  g_free (self);
}

gboolean
gls_casing_is_irregular (const char *word, gsize len)
{
  for (gsize i = 1; i < len; i++)
    if (g_ascii_isupper (word[i]))
      return TRUE;
  return FALSE;
}

static guint32
stem_hash (const char *stem, gsize len)
{
  guint32 h = 2166136261u;  /* FNV-1a */
  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) stem[i]) * 16777619u;
  return h % FILTER_BITS;
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

typedef void (*WordFunc) (GlsCasing *self, const char *surface, char *stem, gsize stem_len);

/* Calls func for every ASCII word of text with its lowercase, singular stem
 * (NUL-terminated in a scratch buffer); the surface's first stem_len bytes
 * are the stem's spelling. */
static void
each_word (GlsCasing *self, const char *text, gsize len, WordFunc func)
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
        lower[k] = ascii_lower (text[start + k]);
      gboolean ies_to_y;
      gsize keep = gls_normalize_singular_length (lower, n, &ies_to_y);
      if (ies_to_y)
        continue;  /* "Policies" has no stem spelled inside it */
      lower[keep] = '\0';
      func (self, text + start, lower, keep);
    }
}

static void
scan_word (GlsCasing *self, const char *surface, char *stem, gsize stem_len)
{
  if (!gls_casing_is_irregular (surface, stem_len))
    return;
  WordStats *stats = g_hash_table_lookup (self->stems, stem);
  if (stats == NULL)
    {
      stats = g_new0 (WordStats, 1);
      stats->spellings = g_array_new (FALSE, FALSE, sizeof (Spelling));
      g_hash_table_insert (self->stems, g_strndup (stem, stem_len), stats);
      guint32 h = stem_hash (stem, stem_len);
      self->filter[h / 64] |= G_GUINT64_CONSTANT (1) << (h % 64);
    }
  record (stats, surface, stem_len);
}

static void
count_word (GlsCasing *self, const char *surface, char *stem, gsize stem_len)
{
  /* Irregular spellings were counted by the scan. */
  if (gls_casing_is_irregular (surface, stem_len))
    return;
  guint32 h = stem_hash (stem, stem_len);
  if (!(self->filter[h / 64] & (G_GUINT64_CONSTANT (1) << (h % 64))))
    return;
  WordStats *stats = g_hash_table_lookup (self->stems, stem);
  if (stats != NULL)
    record (stats, surface, stem_len);
}

void
gls_casing_scan (GlsCasing *self, const char *text, gsize len)
{
  each_word (self, text, len, scan_word);
}

void
gls_casing_count (GlsCasing *self, const char *text, gsize len)
{
  each_word (self, text, len, count_word);
}

const char *
gls_casing_preferred (GlsCasing *self, const char *word, gsize len, guint *count, guint *total)
{
  char key[MAX_WORD + 1];
  if (len > MAX_WORD)
    return NULL;
  memcpy (key, word, len);
  key[len] = '\0';
  WordStats *stats = g_hash_table_lookup (self->stems, key);
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
