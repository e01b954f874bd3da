/* term_query.c — see term_query.h. */
#include "server/features/term_query.h"

#include <string.h>

/* ---------------------------------------------------------------- index */

/* One byte per term: the best role in the low bits, MATCH_PROSE above. */
#define RANK_ROLE_MASK   0x07
#define RANK_MATCH_PROSE 0x08
#define RANK_COMBINED    0x10

/* What GLS_TERM_QUERY_SKIP_KEYWORDS leaves out: a term only ever given as
 * one ordinary English word ("data"), or only as two other names glued
 * together ("rotary position embedding rope": the parts are offered). Tags
 * ("getting started") stay: typing them is how one finds their entry. */
static gboolean
rank_is_keyword (guint8 rank)
{
  return (rank & RANK_COMBINED) ||
         (!(rank & RANK_MATCH_PROSE) && (rank & RANK_ROLE_MASK) == GLS_ROLE_KEYWORD);
}

struct _GlsTermIndex
{
  gatomicrefcount  ref;
  GlsGlossary     *glossary;
  guint8          *ranks;
};

GlsTermIndex *
gls_term_index_new (GlsGlossary *glossary)
{
  GlsTermIndex *index = g_new0 (GlsTermIndex, 1);
  guint n = gls_glossary_n_terms (glossary);

  g_atomic_ref_count_init (&index->ref);
  index->glossary = gls_glossary_ref (glossary);
  index->ranks = g_malloc (MAX (n, 1));
  for (guint t = 0; t < n; t++)
    {
      const GlsTerm *term = gls_glossary_term (glossary, t);
      GlsRole role = term->n_refs > 0 ? gls_glossary_term_ref (glossary, term, 0)->role
                                      : GLS_ROLE_TAG;
      index->ranks[t] = (guint8) ((role & RANK_ROLE_MASK) |
                                  ((term->flags & GLS_TERM_MATCH_PROSE) ? RANK_MATCH_PROSE : 0) |
                                  ((term->flags & GLS_TERM_COMBINED) ? RANK_COMBINED : 0));
    }
  return index;
}

GlsTermIndex *
gls_term_index_ref (GlsTermIndex *index)
{
  g_atomic_ref_count_inc (&index->ref);
  return index;
}

void
gls_term_index_unref (GlsTermIndex *index)
{
  if (index == NULL || !g_atomic_ref_count_dec (&index->ref))
    return;
  gls_glossary_unref (index->glossary);
  g_free (index->ranks);
  g_free (index);
}

GlsGlossary *
gls_term_index_get_glossary (const GlsTermIndex *index)
{
  return index->glossary;
}

/* ------------------------------------------------------------ selection */

/* A candidate and when it was seen: for the trie walks, visiting order is
 * byte order, so it settles ties without comparing key bytes. */
typedef struct
{
  GlsTermCandidate c;
  guint32          seq;
} Entry;

/* Keeps the best `limit` candidates of a stream: once `limit` are known,
 * the worst of them is the bar a newcomer must beat; those that do pile up
 * in the batch, which is sorted and cut back when it reaches a few times
 * the limit. */
typedef struct
{
  const GlsTermIndex *index;
  GlsTermQueryFlags   flags;
  guint               limit;
  GArray             *batch;      /* Entry */
  GHashTable         *exclude;    /* terms already returned (search), or NULL */
  gboolean            overflow;   /* more than limit candidates were seen */
  gsize               scanned;    /* keys examined, against the scan limit */
  gboolean            scan_cut;   /* the scan limit stopped the walk */
  gsize               query_len;  /* a key of this length equals the query */
  gboolean            seq_is_byte_order;
  guint32             seq;
  gboolean            full;       /* worst is the bar */
  Entry               worst;
} Collector;

static int
compare_entries (const Entry *a, const Entry *b, const Collector *c)
{
  if (a->c.kind != b->c.kind)
    return a->c.kind < b->c.kind ? -1 : 1;
  if (a->c.exact != b->c.exact)
    return a->c.exact ? -1 : 1;
  if (a->c.distance != b->c.distance)
    return a->c.distance < b->c.distance ? -1 : 1;
  if (a->c.role != b->c.role)
    return a->c.role < b->c.role ? -1 : 1;
  if (a->c.key_len != b->c.key_len)
    return a->c.key_len < b->c.key_len ? -1 : 1;
  if (c->seq_is_byte_order || a->c.term == b->c.term)
    return a->seq < b->seq ? -1 : a->seq > b->seq;
  const GlsGlossary *g = c->index->glossary;
  return strcmp (gls_glossary_term_key (g, gls_glossary_term (g, a->c.term)),
                 gls_glossary_term_key (g, gls_glossary_term (g, b->c.term)));
}

static int
compare_entries_cb (gconstpointer a, gconstpointer b, gpointer c)
{
  return compare_entries (a, b, c);
}

static void
collector_init (Collector          *c,
                const GlsTermIndex *index,
                GlsTermQueryFlags   flags,
                guint               limit,
                GHashTable         *exclude,
                gsize               query_len,
                gboolean            seq_is_byte_order)
{
  memset (c, 0, sizeof *c);
  c->index = index;
  c->flags = flags;
  c->limit = limit;
  c->batch = g_array_new (FALSE, FALSE, sizeof (Entry));
  c->exclude = exclude;
  c->query_len = query_len;
  c->seq_is_byte_order = seq_is_byte_order;
}

static void
collector_trim (Collector *c)
{
  g_array_sort_with_data (c->batch, compare_entries_cb, c);
  if (c->batch->len > c->limit)
    {
      g_array_set_size (c->batch, c->limit);
      c->overflow = TRUE;
    }
  if (c->limit > 0 && c->batch->len == c->limit)
    {
      c->full = TRUE;
      c->worst = g_array_index (c->batch, Entry, c->limit - 1);
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

  guint8 rank = c->index->ranks[term_index];
  if ((c->flags & GLS_TERM_QUERY_SKIP_KEYWORDS) && rank_is_keyword (rank))
    return TRUE;
  if (c->exclude != NULL && g_hash_table_contains (c->exclude, GUINT_TO_POINTER (term_index)))
    return TRUE;
  if (c->limit == 0)
    {
      c->overflow = TRUE;
      return TRUE;
    }

  Entry entry = {
    .c = {
      .term = term_index,
      .key_len = (guint32) key_len,
      .kind = (guint8) kind,
      .distance = (guint8) distance,
      .role = rank & RANK_ROLE_MASK,
      .exact = kind == GLS_TERM_QUERY_PREFIX && key_len == c->query_len,
    },
    .seq = c->seq++,
  };
  if (c->full && compare_entries (&entry, &c->worst, c) >= 0)
    {
      c->overflow = TRUE;
      return TRUE;
    }
  g_array_append_val (c->batch, entry);
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
  for (guint i = 0; i < c->batch->len; i++)
    {
      const Entry *entry = &g_array_index (c->batch, Entry, i);
      if (c->exclude != NULL)
        g_hash_table_add (c->exclude, GUINT_TO_POINTER (entry->c.term));
      g_array_append_val (out, entry->c);
    }
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
query_prefix (const GlsTermIndex *index,
              const char         *query,
              gsize               len,
              GlsTermQueryFlags   flags,
              guint               limit,
              GHashTable         *exclude,
              GArray             *out)
{
  Collector c;

  collector_init (&c, index, flags, limit, exclude, len, TRUE);
  gls_trie_prefix (gls_glossary_trie (index->glossary), query, len, 0, visit_prefix, &c);
  return collector_finish (&c, out);
}

gboolean
gls_term_query_prefix (const GlsTermIndex *index,
                       const char         *query,
                       gsize               len,
                       GlsTermQueryFlags   flags,
                       guint               limit,
                       GArray             *out)
{
  g_return_val_if_fail (index != NULL && out != NULL, FALSE);
  return query_prefix (index, query, len, flags, limit, NULL, out);
}

typedef struct
{
  const GlsTermIndex *index;
  GlsTermQueryFlags   flags;
  gboolean            found;
  gsize               scanned;
} Probe;

static gboolean
visit_probe (const char *key, gsize len, GlsTrieValues values, gpointer data)
{
  Probe *p = data;

  for (gsize i = 0; i < values.n; i++)
    if (!(p->flags & GLS_TERM_QUERY_SKIP_KEYWORDS) || !rank_is_keyword (p->index->ranks[values.ids[i]]))
      {
        p->found = TRUE;
        return FALSE;
      }
  /* Thousands of keyword-only keys under one prefix would be a strange
   * glossary; give up rather than walk it all for a yes/no. */
  return ++p->scanned < GLS_TERM_QUERY_SCAN_LIMIT;
}

gboolean
gls_term_query_has_prefix (const GlsTermIndex *index,
                           const char         *query,
                           gsize               len,
                           GlsTermQueryFlags   flags)
{
  Probe probe = { index, flags, FALSE, 0 };

  g_return_val_if_fail (index != NULL, FALSE);
  gls_trie_prefix (gls_glossary_trie (index->glossary), query, len, 0, visit_probe, &probe);
  return probe.found;
}

static gboolean
query_fuzzy (const GlsTermIndex *index,
             const char         *query,
             gsize               len,
             guint               max_edits,
             GlsTermQueryFlags   flags,
             guint               limit,
             GHashTable         *exclude,
             GArray             *out)
{
  Collector c;

  /* The walk goes by distance, then byte order: with the distance
   * compared first, visiting order still breaks the remaining ties. */
  collector_init (&c, index, flags, limit, exclude, G_MAXSIZE, TRUE);
  if (len > 0)
    gls_trie_fuzzy (gls_glossary_trie (index->glossary), query, len,
                    MIN (max_edits, GLS_TRIE_MAX_EDITS), 0, visit_fuzzy, &c);
  return collector_finish (&c, out);
}

gboolean
gls_term_query_fuzzy (const GlsTermIndex *index,
                      const char         *query,
                      gsize               len,
                      guint               max_edits,
                      GlsTermQueryFlags   flags,
                      guint               limit,
                      GArray             *out)
{
  g_return_val_if_fail (index != NULL && out != NULL, FALSE);
  return query_fuzzy (index, query, len, max_edits, flags, limit, NULL, out);
}

static gboolean
query_substring (const GlsTermIndex *index,
                 const char         *query,
                 gsize               len,
                 GlsTermQueryFlags   flags,
                 guint               limit,
                 GHashTable         *exclude,
                 GArray             *out)
{
  const GlsGlossary *glossary = index->glossary;
  Collector c;

  /* Terms are scanned in index order, not key order: ties compare keys. */
  collector_init (&c, index, flags, limit, exclude, G_MAXSIZE, FALSE);
  if (len == 0 || memchr (query, '\0', len) != NULL)
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
gls_term_query_substring (const GlsTermIndex *index,
                          const char         *query,
                          gsize               len,
                          GlsTermQueryFlags   flags,
                          guint               limit,
                          GArray             *out)
{
  g_return_val_if_fail (index != NULL && out != NULL, FALSE);
  return query_substring (index, query, len, flags, limit, NULL, out);
}

guint
gls_term_query_fuzzy_edits (gsize n_chars)
{
  if (n_chars < 3)
    return 0;
  return n_chars <= 5 ? 1 : 2;
}

gboolean
gls_term_query_search (const GlsTermIndex *index,
                       const char         *query,
                       gsize               len,
                       GlsTermQueryFlags   flags,
                       guint               limit,
                       GArray             *out)
{
  g_autoptr (GHashTable) taken = g_hash_table_new (NULL, NULL);
  guint base;
  gboolean incomplete;

  g_return_val_if_fail (index != NULL && out != NULL, FALSE);
  base = out->len;
  incomplete = query_prefix (index, query, len, flags, limit, taken, out);
  if (len > 0 && out->len - base < limit)
    incomplete |= query_substring (index, query, len, flags, limit - (out->len - base), taken, out);
  else if (len > 0)
    incomplete = TRUE;

  guint edits = gls_term_query_fuzzy_edits (g_utf8_strlen (query, (gssize) len));
  if (edits > 0 && out->len - base < limit)
    incomplete |= query_fuzzy (index, query, len, edits, flags, limit - (out->len - base), taken,
                               out);
  return incomplete;
}
