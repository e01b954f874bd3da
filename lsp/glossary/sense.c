/* sense.c — choosing the entry a mention means by the words around it; see
 * sense.h for the rule. */
#include "glossary/sense.h"

#include <string.h>

#include "glossary/normalize.h"

/* Bytes of document text read on each side of the mention. */
#define SENSE_CONTEXT    600
/* Bytes of a definition (after its title) read for its signature. */
#define SENSE_SIGNATURE  800
/* Candidates compared: the term's own entries, then longer names. */
#define SENSE_OWN        8
#define SENSE_LONGER     16
/* Evidence needed to show another entry than the default. */
#define SENSE_MIN        3
#define SENSE_MARGIN     2
/* Entries sharing one signature word in this many or more are one meaning. */
#define SENSE_DISTINCT   8
/* Header items of an entry read (its signature, its spellings). */
#define SENSE_ITEMS      64

/* Words that carry no topic: grammar, the same for any English text. */
static gboolean
is_stop_word (const char *w, gsize len)
{
  static const char *const list[] = {
    "the", "and", "for", "with", "that", "this", "these", "those", "from", "into", "onto", "are",
    "was", "were", "been", "being", "have", "has", "had", "not", "but", "you", "your", "our", "its",
    "their", "them", "they", "can", "will", "would", "should", "could", "may", "might", "must",
    "such", "than", "then", "also", "use", "used", "using", "one", "two", "all", "any", "each",
    "more", "most", "other", "some", "only", "when", "where", "which", "while", "what", "how",
    "who", "why", "there", "here", "about", "over", "under", "like", "via", "per", "both", "very",
    "does", "doe", "did", "done", "make", "made", "new", "see", "way", NULL
  };
  for (guint i = 0; list[i] != NULL; i++)
    if (strlen (list[i]) == len && memcmp (list[i], w, len) == 0)
      return TRUE;
  return FALSE;
}

/* Adds the content words of normalized text to set (words of 3+ bytes, no
 * stop word, none of the term's own words). */
static void
add_words (GHashTable *set, const GString *norm, GHashTable *skip, guint weight)
{
  const char *p = norm->str, *end = norm->str + norm->len;
  while (p < end)
    {
      while (p < end && !(g_ascii_isalnum (*p) || (guchar) *p >= 0x80))
        p++;
      const char *w = p;
      while (p < end && (g_ascii_isalnum (*p) || (guchar) *p >= 0x80))
        p++;
      gsize n = (gsize) (p - w);
      /* A word starts with a letter ("—" and digits are no topic). */
      if (n < 3 || n > 40 || is_stop_word (w, n) ||
          !(g_ascii_isalpha (*w) || ((guchar) *w >= 0x80 && g_unichar_isalpha (g_utf8_get_char_validated (w, (gssize) n)))))
        continue;
      char *word = g_strndup (w, n);
      if ((skip != NULL && g_hash_table_contains (skip, word)) ||
          GPOINTER_TO_UINT (g_hash_table_lookup (set, word)) >= weight)
        g_free (word);
      else
        g_hash_table_replace (set, word, GUINT_TO_POINTER (weight));
    }
}

static void
add_text (GHashTable *set, const char *text, gsize len, GHashTable *skip, guint weight)
{
  g_autoptr (GString) norm = g_string_new (NULL);
  gls_normalize (text, (gssize) len, norm, NULL);
  add_words (set, norm, skip, weight);
}

/* The words an entry is described by: title, header items, the start of
 * its definition. */
static GHashTable *
signature (const GlsGlossary *g, const GlsEntry *entry, GHashTable *skip)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize len;
  const char *text = gls_glossary_slice (g, entry, entry->title, &len);
  /* The entry's own names weigh twice its definition's words. */
  add_text (set, text, len, skip, 2);
  /* Bounded: a hostile header may have thousands of items. */
  for (guint i = 0; i < entry->n_items && i < SENSE_ITEMS; i++)
    {
      text = gls_glossary_slice (g, entry, gls_glossary_name (g, entry->first_name + i)->text, &len);
      add_text (set, text, len, skip, 2);
    }
  text = gls_glossary_slice (g, entry, entry->body, &len);
  gsize from = MIN (gls_glossary_title_end (entry), len);
  gsize n = MIN (len - from, (gsize) SENSE_SIGNATURE);
  while (n > 0 && from + n < len && ((guchar) text[from + n] & 0xC0) == 0x80)
    n--;
  add_text (set, text + from, n, skip, 1);
  return set;
}

/* Context words in a but not in b, by their weight in a. */
static guint
overlap_beyond (GHashTable *context, GHashTable *a, GHashTable *b)
{
  GHashTableIter it;
  gpointer word;
  guint n = 0;
  g_hash_table_iter_init (&it, context);
  while (g_hash_table_iter_next (&it, &word, NULL))
    if (!g_hash_table_contains (b, word))
      n += GPOINTER_TO_UINT (g_hash_table_lookup (a, word));
  return n;
}

/* The mention is spelled as the entry writes the name somewhere in its
 * header or title ("transformers" in "transformers library"; not
 * "transformer"): a library or product is called by its exact name. */
static gboolean
spelled_as (const GlsGlossary *g, const GlsEntry *entry, const char *surface, gsize n)
{
  guint items = MIN (entry->n_items, (guint) SENSE_ITEMS);
  for (guint i = 0; i <= items; i++)
    {
      gsize len;
      const char *text = i < items
                           ? gls_glossary_slice (g, entry, gls_glossary_name (g, entry->first_name + i)->text, &len)
                           : gls_glossary_slice (g, entry, entry->title, &len);
      for (gsize at = 0; at + n <= len; at++)
        if (g_ascii_strncasecmp (text + at, surface, n) == 0 &&
            (at == 0 || !g_ascii_isalnum (text[at - 1])) &&
            (at + n == len || !g_ascii_isalnum (text[at + n])))
          return TRUE;
    }
  return FALSE;
}

/* Two signatures describe different things: they share fewer than one
 * word in SENSE_DISTINCT of the smaller one. */
static gboolean
distinct_senses (GHashTable *a, GHashTable *b)
{
  GHashTable *small = g_hash_table_size (a) <= g_hash_table_size (b) ? a : b;
  GHashTable *large = small == a ? b : a;
  GHashTableIter it;
  gpointer word;
  guint shared = 0;
  g_hash_table_iter_init (&it, small);
  while (g_hash_table_iter_next (&it, &word, NULL))
    shared += g_hash_table_contains (large, word);
  return shared * SENSE_DISTINCT < g_hash_table_size (small);
}

typedef struct
{
  const GlsGlossary *g;
  GArray *entries;  /* candidates: (entry, name) index pairs */
} Longer;

static void
add_candidate (GArray *cands, guint32 entry, guint32 name)
{
  for (guint i = 0; i < cands->len; i += 2)
    if (g_array_index (cands, guint32, i) == entry)
      return;
  g_array_append_val (cands, entry);
  g_array_append_val (cands, name);
}

/* A lit name that is the term followed by more words: its best entry. */
static gboolean
visit_longer (const char *key, gsize len, GlsTrieValues values, gpointer user_data)
{
  Longer *l = user_data;
  const GlsName *first = gls_glossary_name (l->g, 0);
  for (gsize v = 0; v < values.n; v++)
    {
      const GlsTerm *term = gls_glossary_term (l->g, values.ids[v]);
      if (!(term->flags & GLS_TERM_MATCH_PROSE) || term->n_refs == 0)
        continue;
      const GlsName *name = gls_glossary_term_ref (l->g, term, 0);
      if (name->role <= GLS_ROLE_MENTION)
        add_candidate (l->entries, name->entry, (guint32) (name - first));
    }
  return TRUE;
}

gboolean
gls_sense_choose (const GlsGlossary *g, guint32 term_index, const char *text, gsize len,
                  gsize start, gsize end, GlsSense *out)
{
  g_return_val_if_fail (g != NULL && out != NULL && start <= end && end <= len, FALSE);
  const GlsTerm *term = gls_glossary_term (g, term_index);
  if (term->n_refs == 0)
    return FALSE;
  const GlsName *first = gls_glossary_name (g, 0);
  const GlsName *best = gls_glossary_term_ref (g, term, 0);
  *out = (GlsSense) { best->entry, (guint32) (best - first), FALSE, 0 };

  g_autoptr (GArray) cands = g_array_new (FALSE, FALSE, sizeof (guint32));
  add_candidate (cands, best->entry, (guint32) (best - first));
  for (guint i = 0; i < term->n_refs && i < SENSE_OWN; i++)
    {
      const GlsName *name = gls_glossary_term_ref (g, term, i);
      if (name->role <= GLS_ROLE_MENTION)
        add_candidate (cands, name->entry, (guint32) (name - first));
    }
  guint own = cands->len;
  const char *key = gls_glossary_term_key (g, term);
  g_autofree char *prefix = g_strconcat (key, " ", NULL);
  Longer longer = { g, cands };
  gls_trie_prefix (gls_glossary_trie (g), prefix, strlen (prefix), SENSE_LONGER, visit_longer, &longer);
  if (cands->len < 4)
    return TRUE;

  /* The context: whole characters either side of the mention, without it. */
  g_autoptr (GHashTable) skip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GString) keys = g_string_new (key);
  add_words (skip, keys, NULL, 1);
  g_autoptr (GHashTable) context = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize lo = start > SENSE_CONTEXT ? start - SENSE_CONTEXT : 0;
  gsize hi = MIN (len, end + SENSE_CONTEXT);
  while (lo > 0 && lo < start && ((guchar) text[lo] & 0xC0) == 0x80)
    lo++;
  while (hi < len && hi > end && ((guchar) text[hi] & 0xC0) == 0x80)
    hi--;
  add_text (context, text + lo, start - lo, skip, 1);
  add_text (context, text + end, hi - end, skip, 1);

  guint32 def_entry = g_array_index (cands, guint32, 0);
  g_autoptr (GHashTable) def_sig = signature (g, gls_glossary_entry (g, def_entry), skip);
  for (guint i = 2; i < cands->len; i += 2)
    {
      guint32 entry = g_array_index (cands, guint32, i);
      if (i >= own && !spelled_as (g, gls_glossary_entry (g, entry), text + start, end - start))
        continue;
      g_autoptr (GHashTable) sig = signature (g, gls_glossary_entry (g, entry), skip);
      /* Entries that describe the same thing in other words (a tutorial
       * and a reference on one method) are another view of one meaning:
       * rank order decides between them, not a few context words. */
      if (!distinct_senses (sig, def_sig))
        continue;
      guint for_it = overlap_beyond (context, sig, def_sig);
      guint against = overlap_beyond (context, def_sig, sig);
      if (for_it >= SENSE_MIN && for_it >= against + SENSE_MARGIN && for_it > out->score)
        *out = (GlsSense) { entry, g_array_index (cands, guint32, i + 1), TRUE, for_it };
    }
  return TRUE;
}
