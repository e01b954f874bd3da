/* term_query.c — see term_query.h. */
#include "server/term_query.h"

#include <string.h>

/* Keeps the best `limit` candidates of a stream without sorting the whole
 * stream: candidates pile up in a batch that is sorted and cut back to the
 * limit whenever it reaches a few times the limit. */
typedef struct
{
  const GlsGlossary *glossary;
  GlsTermQueryFlags  flags;
  guint              limit;
  GArray            *batch;
  GHashTable        *exclude;   /* terms already returned (search), or NULL */
  gboolean           overflow;  /* more than limit candidates were seen */
  gsize              scanned;   /* keys examined, against the scan limit */
  gboolean           scan_cut;  /* the scan limit stopped the walk */
  gsize              query_len; /* a key of this length equals the query */
} Collector;

static int
compare_candidates (gconstpointer pa, gconstpointer pb, gpointer data)
{
  const GlsTermCandidate *a = pa, *b = pb;
  const GlsGlossary *glossary = data;

  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->exact != b->exact)
    return a->exact ? -1 : 1;
  if (a->distance != b->distance)
    return a->distance < b->distance ? -1 : 1;
  if (a->role != b->role)
    return a->role < b->role ? -1 : 1;
  if (a->key_len != b->key_len)
    return a->key_len < b->key_len ? -1 : 1;
  if (a->term == b->term)
    return 0;
  return strcmp (gls_glossary_term_key (glossary, gls_glossary_term (glossary, a->term)),
                 gls_glossary_term_key (glossary, gls_glossary_term (glossary, b->term)));
}

static void
collector_init (Collector         *c,
                const GlsGlossary *glossary,
                GlsTermQueryFlags  flags,
                guint              limit,
                GHashTable        *exclude,
                gsize              query_len)
{
  c->query_len = query_len;
  c->glossary = glossary;
  c->flags = flags;
  c->limit = limit;
  c->batch = g_array_new (FALSE, FALSE, sizeof (GlsTermCandidate));
  c->exclude = exclude;
  c->overflow = FALSE;
  c->scanned = 0;
  c->scan_cut = FALSE;
}

static void
collector_trim (Collector *c)
{
  g_array_sort_with_data (c->batch, compare_candidates, (gpointer) c->glossary);
  if (c->batch->len > c->limit)
    {
      g_array_set_size (c->batch, c->limit);
      c->overflow = TRUE;
    }
}

/* Offers one term; FALSE when the scan limit is reached (stop walking). */
static gboolean
collector_offer (Collector        *c,
                 guint32           term_index,
                 gsize             key_len,
                 GlsTermQueryKind  kind,
                 guint             distance)
{
  if (c->scanned >= GLS_TERM_QUERY_SCAN_LIMIT)
    {
      c->scan_cut = TRUE;
      return FALSE;
    }
  c->scanned++;

  const GlsTerm *term = gls_glossary_term (c->glossary, term_index);
  if ((c->flags & GLS_TERM_QUERY_SKIP_KEYWORDS) && !(term->flags & GLS_TERM_MATCH_PROSE))
    return TRUE;
  if (c->exclude != NULL && g_hash_table_contains (c->exclude, GUINT_TO_POINTER (term_index)))
    return TRUE;

  GlsTermCandidate candidate = {
    .term = term_index,
    .key_len = (guint32) key_len,
    .kind = (guint8) kind,
    .distance = (guint8) distance,
    .exact = kind == GLS_TERM_QUERY_PREFIX && key_len == c->query_len,
    .role = (guint8) (term->n_refs > 0 ? gls_glossary_term_ref (c->glossary, term, 0)->role
                                       : GLS_ROLE_KEYWORD),
  };
  g_array_append_val (c->batch, candidate);
  if (c->batch->len >= 4 * (gsize) c->limit + 16)
    collector_trim (c);
  return TRUE;
}

/* Appends the ranked survivors to out, frees the batch, returns whether the
 * result is incomplete. */
static gboolean
collector_finish (Collector *c, GArray *out)
{
  collector_trim (c);
  if (c->exclude != NULL)
    for (guint i = 0; i < c->batch->len; i++)
      g_hash_table_add (c->exclude,
                        GUINT_TO_POINTER (g_array_index (c->batch, GlsTermCandidate, i).term));
  g_array_append_vals (out, c->batch->data, c->batch->len);
  g_array_unref (c->batch);
  c->batch = NULL;
  return c->overflow || c->scan_cut;
}

static gboolean
visit_prefix (const char *key, gsize len, GlsTrieValues values, gpointer data)
{
  Collector *c = data;

  for (gsize i = 0; i < values.n; i++)
    if (!collector_offer (c, values.ids[i], len, GLS_TERM_QUERY_PREFIX, 0))
      return FALSE;
  return TRUE;
}

static gboolean
visit_fuzzy (const char *key, gsize len, guint distance, GlsTrieValues values, gpointer data)
{
  Collector *c = data;

  for (gsize i = 0; i < values.n; i++)
    if (!collector_offer (c, values.ids[i], len, GLS_TERM_QUERY_FUZZY, distance))
      return FALSE;
  return TRUE;
}

static gboolean
query_prefix (const GlsGlossary *glossary,
              const char        *query,
              gsize              len,
              GlsTermQueryFlags  flags,
              guint              limit,
              GHashTable        *exclude,
              GArray            *out)
{
  Collector c;

  g_return_val_if_fail (glossary != NULL && out != NULL, FALSE);
  collector_init (&c, glossary, flags, limit, exclude, len);
  if (limit > 0)
    gls_trie_prefix (gls_glossary_trie (glossary), query, len, 0, visit_prefix, &c);
  return collector_finish (&c, out);
}

gboolean
gls_term_query_prefix (const GlsGlossary *glossary,
                       const char        *query,
                       gsize              len,
                       GlsTermQueryFlags  flags,
                       guint              limit,
                       GArray            *out)
{
  return query_prefix (glossary, query, len, flags, limit, NULL, out);
}

typedef struct
{
  const GlsGlossary *glossary;
  GlsTermQueryFlags  flags;
  gboolean           found;
  gsize              scanned;
} Probe;

static gboolean
visit_probe (const char *key, gsize len, GlsTrieValues values, gpointer data)
{
  Probe *p = data;

  for (gsize i = 0; i < values.n; i++)
    {
      const GlsTerm *term = gls_glossary_term (p->glossary, values.ids[i]);
      if (!(p->flags & GLS_TERM_QUERY_SKIP_KEYWORDS) || (term->flags & GLS_TERM_MATCH_PROSE))
        {
          p->found = TRUE;
          return FALSE;
        }
    }
  /* Thousands of keyword-only keys under one prefix would be a strange
   * glossary; give up rather than walk it all for a yes/no. */
  return ++p->scanned < GLS_TERM_QUERY_SCAN_LIMIT;
}

gboolean
gls_term_query_has_prefix (const GlsGlossary *glossary,
                           const char        *query,
                           gsize              len,
                           GlsTermQueryFlags  flags)
{
  Probe probe = { glossary, flags, FALSE, 0 };

  g_return_val_if_fail (glossary != NULL, FALSE);
  gls_trie_prefix (gls_glossary_trie (glossary), query, len, 0, visit_probe, &probe);
  return probe.found;
}

static gboolean
query_fuzzy (const GlsGlossary *glossary,
             const char        *query,
             gsize              len,
             guint              max_edits,
             GlsTermQueryFlags  flags,
             guint              limit,
             GHashTable        *exclude,
             GArray            *out)
{
  Collector c;

  g_return_val_if_fail (glossary != NULL && out != NULL, FALSE);
  collector_init (&c, glossary, flags, limit, exclude, G_MAXSIZE);
  if (limit > 0 && len > 0)
    gls_trie_fuzzy (gls_glossary_trie (glossary), query, len,
                    MIN (max_edits, GLS_TRIE_MAX_EDITS), 0, visit_fuzzy, &c);
  return collector_finish (&c, out);
}

gboolean
gls_term_query_fuzzy (const GlsGlossary *glossary,
                      const char        *query,
                      gsize              len,
                      guint              max_edits,
                      GlsTermQueryFlags  flags,
                      guint              limit,
                      GArray            *out)
{
  return query_fuzzy (glossary, query, len, max_edits, flags, limit, NULL, out);
}

static gboolean
query_substring (const GlsGlossary *glossary,
                 const char        *query,
                 gsize              len,
                 GlsTermQueryFlags  flags,
                 guint              limit,
                 GHashTable        *exclude,
                 GArray            *out)
{
  Collector c;

  g_return_val_if_fail (glossary != NULL && out != NULL, FALSE);
  collector_init (&c, glossary, flags, limit, exclude, G_MAXSIZE);
  if (limit == 0 || len == 0 || memchr (query, '\0', len) != NULL)
    return collector_finish (&c, out);

  /* A later word starts after a separator, which normalized keys always
   * write as one ' '. */
  g_autofree char *needle = g_malloc (len + 2);
  needle[0] = ' ';
  memcpy (needle + 1, query, len);
  needle[len + 1] = '\0';

  guint n_terms = gls_glossary_n_terms (glossary);
  for (guint t = 0; t < n_terms; t++)
    {
      const char *key = gls_glossary_term_key (glossary, gls_glossary_term (glossary, t));
      if (strstr (key, needle) == NULL)
        continue;
      /* The scan itself is cheap; only matches count against the limit. */
      if (!collector_offer (&c, t, strlen (key), GLS_TERM_QUERY_SUBSTRING, 0))
        break;
    }
  return collector_finish (&c, out);
}

gboolean
gls_term_query_substring (const GlsGlossary *glossary,
                          const char        *query,
                          gsize              len,
                          GlsTermQueryFlags  flags,
                          guint              limit,
                          GArray            *out)
{
  return query_substring (glossary, query, len, flags, limit, NULL, out);
}

guint
gls_term_query_fuzzy_edits (gsize n_chars)
{
  if (n_chars < 3)
    return 0;
  return n_chars <= 5 ? 1 : 2;
}

gboolean
gls_term_query_search (const GlsGlossary *glossary,
                       const char        *query,
                       gsize              len,
                       GlsTermQueryFlags  flags,
                       guint              limit,
                       GArray            *out)
{
  g_autoptr (GHashTable) taken = g_hash_table_new (NULL, NULL);
  guint base = out->len;
  gboolean incomplete;

  g_return_val_if_fail (glossary != NULL && out != NULL, FALSE);
  incomplete = query_prefix (glossary, query, len, flags, limit, taken, out);
  if (len > 0 && out->len - base < limit)
    incomplete |= query_substring (glossary, query, len, flags, limit - (out->len - base),
                                   taken, out);
  else if (len > 0)
    incomplete = TRUE;

  guint edits = gls_term_query_fuzzy_edits (g_utf8_strlen (query, (gssize) len));
  if (edits > 0 && out->len - base < limit)
    incomplete |= query_fuzzy (glossary, query, len, edits, flags, limit - (out->len - base),
                               taken, out);
  return incomplete;
}
