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
/* Byte classes for next_word: 0 separator, 1 lowercase letter or digit,
 * 2 uppercase letter, 3 a byte of a non-ASCII character. */
static const guint8 byte_class[256] = {
  ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
  ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
  ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
  ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
  ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
  ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
  ['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2, ['G'] = 2,
  ['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2, ['M'] = 2, ['N'] = 2,
  ['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2, ['S'] = 2, ['T'] = 2, ['U'] = 2,
  ['V'] = 2, ['W'] = 2, ['X'] = 2, ['Y'] = 2, ['Z'] = 2,
  [0x80 ... 0xff] = 3,
};

/* Finds the next ASCII word in text[*at..len): letters and digits; a word with
 * a non-ASCII byte in it is skipped whole (its stem would not be a plain
 * prefix of it). Sets *irregular when a capital follows the first character.
 * Both casing passes run it over every byte of the glossary: a table, not
 * three ctype calls a byte. */
static gboolean
next_word (const char *text, gsize len, gsize *at, gsize *start, gsize *n, gboolean *irregular)
{
  const guchar *t = (const guchar *) text;
  gsize i = *at;
  while (i < len)
    {
      while (i < len && (byte_class[t[i]] == 0 || byte_class[t[i]] == 3))
        i++;
      if (i >= len)
        break;
      gsize s = i;
      guint seen = 0;  /* the classes met after the first character */
      i++;
      while (i < len && byte_class[t[i]] != 0)
        seen |= 1u << byte_class[t[i++]];
      if (!(seen & (1u << 3)) && i - s >= 2 && i - s <= MAX_WORD)
        {
          *at = i;
          *start = s;
          *n = i - s;
          *irregular = (seen & (1u << 2)) != 0;
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
