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
  guint64     filter[FILTER_BITS / 64];     /* bit per prefix_key(): "maybe in stems" */
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

/* The filter is keyed on a word's first three letters (lowercase): every
 * spelling of a stem starts with them, plural endings included, so the count
 * pass can reject a word before stemming or hashing the whole of it. */
static guint32
prefix_key (const char *word, gsize len)
{
  guint32 h = 2166136261u;  /* FNV-1a */
  for (gsize i = 0; i < MIN (len, 3); i++)
    h = (h ^ (guchar) ascii_lower (word[i])) * 16777619u;
  return h % FILTER_BITS;
}

static gboolean
filter_has (const GlsCasing *self, guint32 key)
{
  return (self->filter[key / 64] & (G_GUINT64_CONSTANT (1) << (key % 64))) != 0;
}

/* Finds the next ASCII word in text[*at..len): letters and digits; a word with
 * a non-ASCII byte in it is skipped whole (its stem would not be a plain
 * prefix of it). Sets *irregular when a capital follows the first character. */
static gboolean
next_word (const char *text, gsize len, gsize *at, gsize *start, gsize *n, gboolean *irregular)
{
  gsize i = *at;
  while (i < len)
    {
      while (i < len && !g_ascii_isalnum (text[i]))
        i++;
      if (i >= len)
        break;
      gsize s = i;
      gboolean ascii = TRUE, upper = FALSE;
      i++;
      while (i < len && (g_ascii_isalnum (text[i]) || (guchar) text[i] >= 0x80))
        {
          if ((guchar) text[i] >= 0x80)
            ascii = FALSE;
          else if (g_ascii_isupper (text[i]))
            upper = TRUE;
          i++;
        }
      if (ascii && i - s >= 2 && i - s <= MAX_WORD)
        {
          *at = i;
          *start = s;
          *n = i - s;
          *irregular = upper;
          return TRUE;
        }
    }
  *at = len;
  return FALSE;
}

/* The lowercase singular stem of word (NUL-terminated in lower), or 0 when
 * the word has no stem spelled inside it ("Policies" -> "policy"). */
static gsize
stem_of (const char *word, gsize n, char *lower)
{
  for (gsize k = 0; k < n; k++)
    lower[k] = ascii_lower (word[k]);
  gboolean ies_to_y;
  gsize keep = gls_normalize_singular_length (lower, n, &ies_to_y);
  if (ies_to_y)
    return 0;
  lower[keep] = '\0';
  return keep;
}

void
gls_casing_scan (GlsCasing *self, const char *text, gsize len)
{
  char lower[MAX_WORD + 1];
  gsize at = 0, start, n;
  gboolean irregular;

  while (next_word (text, len, &at, &start, &n, &irregular))
    {
      if (!irregular)
        continue;
      gsize keep = stem_of (text + start, n, lower);
      /* The capital may sit in the plural ending only ("lorAs"): not a
       * spelling of the stem worth recording. */
      if (keep == 0 || !gls_casing_is_irregular (text + start, keep))
        continue;
      WordStats *stats = g_hash_table_lookup (self->stems, lower);
      if (stats == NULL)
        {
          stats = g_new0 (WordStats, 1);
          stats->spellings = g_array_new (FALSE, FALSE, sizeof (Spelling));
          g_hash_table_insert (self->stems, g_strndup (lower, keep), stats);
          guint32 key = prefix_key (lower, keep);
          self->filter[key / 64] |= G_GUINT64_CONSTANT (1) << (key % 64);
        }
      record (stats, text + start, keep);
    }
}

void
gls_casing_count (GlsCasing *self, const char *text, gsize len)
{
  char lower[MAX_WORD + 1];
  gsize at = 0, start, n;
  gboolean irregular;

  while (next_word (text, len, &at, &start, &n, &irregular))
    {
      if (!filter_has (self, prefix_key (text + start, n)))
        continue;
      gsize keep = stem_of (text + start, n, lower);
      /* Irregular spellings were counted by the scan. */
      if (keep == 0 || gls_casing_is_irregular (text + start, keep))
        continue;
      WordStats *stats = g_hash_table_lookup (self->stems, lower);
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
