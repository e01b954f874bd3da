/* trie_fuzzy.c — gls_trie_fuzzy: keys within k edits of a query, by a banded
 * edit-distance walk over characters; see trie.h. */
#include "glossary/trie_private.h"

#include <gio/gio.h>
#include <string.h>

/* ------------------------------------------------------------------ fuzzy */

/* One character of a key or query: a code point, or for a malformed sequence
 * its bytes tagged above the code point range, so it only equals itself. */
typedef guint64 Unit;

#define BAND (2 * GLS_TRIE_MAX_EDITS + 1)

/* A character: a lead byte and the continuation bytes it announces, cut
 * short by any byte that is not a continuation. The trie walk applies the
 * same rule byte by byte, so both sides split any bytes identically. */
static gsize
unit_len (const guint8 *p, gsize n)
{
  gsize want = lead_len (p[0]);
  gsize k = 1;
  while (k < want && k < n && is_cont (p[k]))
    k++;
  return k;
}

static Unit
unit_value (const guint8 *p, gsize n)
{
  gunichar c = decode_exact (p, n);
  if (c != (gunichar) -1)
    return c;
  Unit v = (G_GUINT64_CONSTANT (1) << 40) | ((Unit) n << 32);
  for (gsize i = 0; i < n; i++)
    v |= (Unit) p[i] << (8 * i);
  return v;
}

typedef struct
{
  const GlsTrie     *t;
  const Unit        *q;        /* q[1 .. qn]: the query's characters */
  gsize              qn;
  guint              k;        /* this walk's bound and band half-width */
  guint8            *rows;     /* row i: cells for query positions j = i - k + 0 .. i + k */
  Unit              *units;    /* units[i]: the key character of row i (i >= 1) */
  GString           *key;
  gsize              limit;
  gsize              count;
  GlsTrieFuzzyVisit  visit;
  gpointer           user_data;
  gboolean           stop;
} Fuzzy;

typedef struct
{
  guint32 node;
  guint32 n_rows;     /* rows 0 .. n_rows - 1 are valid */
  gsize   key_len;    /* path length before the node's edge */
  gsize   unit_start; /* start of a character still being read, or key_len */
} FuzzyFrame;

/* Computes row i of the optimal string alignment table for key character a
 * into row, from rows i - 1 and i - 2 of f->rows. Cells saturate at k + 1.
 * Returns the row's minimum. */
static guint
fill_row (const Fuzzy *f, gsize i, Unit a, guint8 *row)
{
  const guint8 *up = f->rows + (i - 1) * BAND;
  const guint8 *up2 = i >= 2 ? f->rows + (i - 2) * BAND : NULL;
  Unit prev = i >= 2 ? f->units[i - 1] : 0;
  guint k = f->k, inf = k + 1, best = inf;

  for (guint c = 0; c <= 2 * k; c++)
    {
      gssize j = (gssize) i - (gssize) k + (gssize) c;
      guint v;

      if (j < 0 || j > (gssize) f->qn)
        v = inf;
      else if (j == 0)
        v = MIN (i, inf);
      else
        {
          v = (c < 2 * k ? up[c + 1] : inf) + 1;     /* drop a */
          v = MIN (v, (c > 0 ? row[c - 1] : inf) + 1u); /* insert q[j] */
          v = MIN (v, up[c] + (a != f->q[j] ? 1u : 0u));
          if (up2 != NULL && j >= 2 && a == f->q[j - 1] && prev == f->q[j])
            v = MIN (v, up2[c] + 1u); /* swap */
          v = MIN (v, inf);
        }
      row[c] = (guint8) v;
      best = MIN (best, v);
    }
  return best;
}

/* The distance of the whole key from the whole query, given its last row i. */
static guint
final_distance (const Fuzzy *f, const guint8 *row, gsize i)
{
  gssize c = (gssize) f->qn - (gssize) i + (gssize) f->k;
  return c >= 0 && c <= 2 * (gssize) f->k ? row[c] : f->k + 1;
}

/* Closes the character key[*unit_start ..] as row *n_rows. FALSE if every
 * cell exceeds the bound: no key below can come back within it. */
static gboolean
push_unit (Fuzzy *f, guint32 *n_rows, gsize *unit_start)
{
  gsize i = *n_rows;
  const guint8 *p = (const guint8 *) f->key->str + *unit_start;
  Unit a = unit_value (p, f->key->len - *unit_start);

  f->units[i] = a;
  guint best = fill_row (f, i, a, f->rows + i * BAND);
  *n_rows = (guint32) i + 1;
  *unit_start = f->key->len;
  return best <= f->k;
}

static gboolean
feed_byte (Fuzzy *f, guint32 *n_rows, gsize *unit_start, guint8 b)
{
  GString *key = f->key;

  if (*unit_start < key->len)
    {
      gsize have = key->len - *unit_start;
      gsize want = lead_len ((guint8) key->str[*unit_start]);
      if (is_cont (b) && have < want)
        {
          g_string_append_c (key, (char) b);
          return have + 1 < want || push_unit (f, n_rows, unit_start);
        }
      if (!push_unit (f, n_rows, unit_start))
        return FALSE;
    }
  g_string_append_c (key, (char) b);
  *unit_start = key->len - 1;
  return lead_len (b) > 1 || push_unit (f, n_rows, unit_start);
}

static void
report (Fuzzy *f, guint distance, GlsTrieValues v)
{
  f->count++;
  if (f->visit != NULL && !f->visit (f->key->str, f->key->len, distance, v, f->user_data))
    f->stop = TRUE;
  if (f->count == f->limit)
    f->stop = TRUE;
}

/* Reports, in byte order, every key at distance exactly f->k. */
static void
fuzzy_walk (Fuzzy *f)
{
  const GlsTrie *t = f->t;
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (FuzzyFrame));
  FuzzyFrame root = { 0, 1, 0, 0 };

  for (guint c = 0; c < BAND; c++)
    {
      gssize j = (gssize) c - (gssize) f->k;
      f->rows[c] = (guint8) (j >= 0 && j <= (gssize) f->qn && j <= (gssize) f->k ? j : f->k + 1);
    }

  g_array_append_val (stack, root);
  while (stack->len > 0 && !f->stop)
    {
      FuzzyFrame fr = g_array_index (stack, FuzzyFrame, stack->len - 1);
      g_array_set_size (stack, stack->len - 1);
      g_string_truncate (f->key, fr.key_len);

      if (fr.node != 0)
        {
          gsize n;
          const guint8 *label = label_of (t, fr.node, &n);
          gboolean alive = feed_byte (f, &fr.n_rows, &fr.unit_start, t->nodes[fr.node].edge[0]);
          for (gsize i = 0; alive && i < n; i++)
            alive = feed_byte (f, &fr.n_rows, &fr.unit_start, label[i]);
          if (!alive)
            continue;
        }

      GlsTrieValues v = values_of (t, fr.node);
      if (v.n > 0)
        {
          guint d;
          if (fr.unit_start < f->key->len)
            {
              /* The key ends inside a truncated sequence: close it in a
               * scratch row, leaving the stacked rows to the children. */
              guint8 scratch[BAND];
              const guint8 *p = (const guint8 *) f->key->str + fr.unit_start;
              Unit a = unit_value (p, f->key->len - fr.unit_start);
              fill_row (f, fr.n_rows, a, scratch);
              d = final_distance (f, scratch, fr.n_rows);
            }
          else
            d = final_distance (f, f->rows + (gsize) (fr.n_rows - 1) * BAND, fr.n_rows - 1);
          if (d == f->k)
            {
              report (f, d, v);
              if (f->stop)
                break;
            }
        }

      guint32 lo = t->nodes[fr.node].children;
      for (guint32 c = t->nodes[fr.node + 1].children; c > lo; c--)
        {
          FuzzyFrame child = { c - 1, fr.n_rows, f->key->len, fr.unit_start };
          g_array_append_val (stack, child);
        }
    }
}

gsize
gls_trie_fuzzy (const GlsTrie *t, const char *query, gsize len, guint max_edits, gsize limit,
                GlsTrieFuzzyVisit visit, gpointer user_data)
{
  g_return_val_if_fail (t != NULL, 0);
  g_return_val_if_fail (query != NULL || len == 0, 0);
  /* Callers clamp or pass constants (term_query.c, misspelled_search.c, entries.c). */
  g_assert (max_edits <= GLS_TRIE_MAX_EDITS);

  const guint8 *s = (const guint8 *) query;
  g_autoptr (GArray) q = g_array_sized_new (FALSE, FALSE, sizeof (Unit), (guint) len + 1);
  Unit none = 0;

  g_array_append_val (q, none);
  for (gsize i = 0; i < len;)
    {
      gsize n = unit_len (s + i, len - i);
      Unit u = unit_value (s + i, n);
      g_array_append_val (q, u);
      i += n;
    }

  g_autoptr (GString) key = g_string_new (NULL);
  Fuzzy f = {
    .t = t,
    .q = (const Unit *) q->data,
    .qn = q->len - 1,
    .key = key,
    .limit = limit,
    .visit = visit,
    .user_data = user_data,
  };

  /* Distance 0 is exact lookup: equal characters means equal bytes. */
  GlsTrieValues v;
  if (gls_trie_lookup (t, query, len, &v))
    {
      g_string_append_len (key, query, (gssize) len);
      report (&f, 0, v);
    }
  if (f.stop || max_edits == 0)
    return f.count;

  /* A row past qn + k is all out of band, so rows never go deeper than that. */
  gsize n_rows = f.qn + max_edits + 2;
  g_autofree guint8 *rows = g_new (guint8, n_rows * BAND);
  g_autofree Unit *units = g_new0 (Unit, n_rows);
  f.rows = rows;
  f.units = units;
  for (guint k = 1; k <= max_edits && !f.stop; k++)
    {
      f.k = k;
      fuzzy_walk (&f);
    }
  return f.count;
}
