/* trie_builder.c — GlsTrieBuilder: keys sorted in place (a radix sort on 8-byte
 * chunks), then the node arrays built breadth first; see trie.h. */
#include "glossary/trie_private.h"

#include <gio/gio.h>
#include <string.h>

/* ----------------------------------------------------------------- builder */

typedef struct
{
  guint64 head; /* the key's 8-byte chunk the sort is looking at (chunk_at) */
  guint32 off;  /* key bytes: pool[off .. off + len) */
  guint32 len;
  guint32 id;
} Entry;

/* Key bytes [depth, depth + 8) as a big-endian number, zero-padded past the
 * end of the key: comparing two such numbers compares the bytes by memcmp. */
static inline guint64
chunk_at (const guint8 *key, gsize len, gsize depth)
{
  guint8 bytes[8] = { 0 };
  guint64 v;

  if (len > depth)
    memcpy (bytes, key + depth, MIN (len - depth, sizeof bytes));
  memcpy (&v, bytes, sizeof v);
  return GUINT64_FROM_BE (v);
}

/* How much of the chunk at depth the key fills: 1..8 bytes, or 9 when it
 * goes on. Between equal chunks the key that ends first is a prefix of the
 * other (the padding zeros matched real bytes), so it sorts first. */
static inline guint
chunk_class (const Entry *e, gsize depth)
{
  return (guint) MIN (e->len - depth, 9);
}

/* Orders entries by their chunk at depth, then by where they end, and keys
 * that end within the chunk (equal keys) by id. Entries that tie here and go
 * on (class 9) are ordered by the next chunk. */
static inline int
compare_at (const Entry *a, const Entry *b, gsize depth)
{
  if (a->head != b->head)
    return a->head < b->head ? -1 : 1;
  guint ca = chunk_class (a, depth), cb = chunk_class (b, depth);
  if (ca != cb)
    return ca < cb ? -1 : 1;
  if (ca == 9 || a->id == b->id)
    return 0;
  return a->id < b->id ? -1 : 1;
}

static inline void
swap_entries (Entry *a, Entry *b)
{
  Entry t = *a;
  *a = *b;
  *b = t;
}

/* Three-way quicksort by compare_at: runs of equal keys (frequent: shared
 * prefixes, repeated keys) are set aside in one pass. Recursing into the
 * smaller side bounds the stack by log n. */
static void
sort_chunk (Entry *e, gsize n, gsize depth)
{
  while (n > 12)
    {
      const Entry *a = &e[0], *m = &e[n / 2], *z = &e[n - 1];
      const Entry *mid = compare_at (a, m, depth) < 0
                           ? (compare_at (m, z, depth) < 0 ? m : compare_at (a, z, depth) < 0 ? z : a)
                           : (compare_at (a, z, depth) < 0 ? a : compare_at (m, z, depth) < 0 ? z : m);
      Entry pivot = *mid;
      gsize lt = 0, i = 0, gt = n;

      while (i < gt)
        {
          int c = compare_at (&e[i], &pivot, depth);
          if (c < 0)
            swap_entries (&e[lt++], &e[i++]);
          else if (c > 0)
            swap_entries (&e[i], &e[--gt]);
          else
            i++;
        }
      if (lt < n - gt)
        {
          sort_chunk (e, lt, depth);
          e += gt;
          n -= gt;
        }
      else
        {
          sort_chunk (e + gt, n - gt, depth);
          n = lt;
        }
    }
  for (gsize i = 1; i < n; i++)
    for (gsize j = i; j > 0 && compare_at (&e[j - 1], &e[j], depth) > 0; j--)
      swap_entries (&e[j - 1], &e[j]);
}

typedef struct
{
  gsize start;
  gsize n;
  gsize depth;
} SortTask;

/* Sorts entries by key bytes (memcmp order, shorter first), then id: a
 * multikey quicksort with 8-byte digits, so a long shared prefix is compared
 * once per group instead of once per comparison. */
static void
sort_entries (Entry *e, gsize n, const guint8 *pool)
{
  /* No keys: the entry array has no data, and NULL + 0 is undefined. */
  if (n == 0)
    return;
  g_autoptr (GArray) todo = g_array_new (FALSE, FALSE, sizeof (SortTask));
  SortTask all = { 0, n, 0 };

  g_array_append_val (todo, all);
  while (todo->len > 0)
    {
      SortTask task = g_array_index (todo, SortTask, todo->len - 1);
      Entry *r = e + task.start;

      g_array_set_size (todo, todo->len - 1);
      if (task.depth > 0)
        for (gsize i = 0; i < task.n; i++)
          r[i].head = chunk_at (pool + r[i].off, r[i].len, task.depth);
      sort_chunk (r, task.n, task.depth);

      /* Entries that tie on this chunk and go on are sorted by the next. */
      for (gsize i = 0; i < task.n;)
        {
          gsize j = i + 1;
          if (chunk_class (&r[i], task.depth) == 9)
            {
              while (j < task.n && r[j].head == r[i].head)
                j++;
              if (j - i > 1)
                {
                  SortTask deeper = { task.start + i, j - i, task.depth + 8 };
                  g_array_append_val (todo, deeper);
                }
            }
          i = j;
        }
    }
}

struct _GlsTrieBuilder
{
  GByteArray *pool;    /* every added key, back to back */
  GArray     *entries; /* Entry */
};

GlsTrieBuilder *
gls_trie_builder_new (void)
{
  GlsTrieBuilder *b = g_new0 (GlsTrieBuilder, 1);
  b->pool = g_byte_array_new ();
  b->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  return b;
}

void
gls_trie_builder_free (GlsTrieBuilder *b)
{
  if (b == NULL)
    return;
  g_clear_pointer (&b->pool, g_byte_array_unref);
  g_clear_pointer (&b->entries, g_array_unref);
  g_free (b);
}

void
gls_trie_builder_add (GlsTrieBuilder *b, const char *key, gsize len, guint32 id)
{
  g_return_if_fail (b != NULL);
  g_return_if_fail (key != NULL || len == 0);

  if (len == 0)
    return;
  /* Offsets are 32-bit (and the sort counts in gint). */
  if (len >= G_MAXUINT32 - 1 - b->pool->len || b->entries->len >= G_MAXINT32 - 1)
    {
      g_critical ("gls_trie_builder_add: trie is full (4 GiB of keys or 2^31 pairs)");
      return;
    }

  Entry e;
  e.head = chunk_at ((const guint8 *) key, len, 0);
  e.off = b->pool->len;
  e.len = (guint32) len;
  e.id = id;
  g_byte_array_append (b->pool, (const guint8 *) key, (guint) len);
  g_array_append_val (b->entries, e);
}

/* A distinct key of the sorted batch; its ids are ids[first_id .. next.first_id). */
typedef struct
{
  guint32 off;
  guint32 len;
  guint32 first_id;
} Key;

/* A node waiting to have its children laid out: the sorted keys [lo, hi) all
 * share its path, which is depth bytes long. */
typedef struct
{
  guint32 lo;
  guint32 hi;
  guint32 depth;
} Pending;

typedef struct
{
  const guint8 *pool;
  const Key    *keys;
  const guint32 *ids;
  GArray       *pending; /* Pending, indexed by node */
  GArray       *nodes;   /* GlsTrieNode */
  GByteArray   *labels;
  GArray       *values;  /* guint32 */
} Build;

static inline const guint8 *
key_bytes (const Build *bd, guint32 k)
{
  return bd->pool + bd->keys[k].off;
}

/* Appends the node for keys [lo, hi), whose edge spans path bytes
 * [from, depth). Breadth-first order means appending is numbering. */
static void
append_node (Build *bd, guint32 lo, guint32 hi, guint32 from, guint32 depth)
{
  GlsTrieNode node = { bd->labels->len, 0, bd->values->len, { 0 } };
  Pending p = { lo, hi, depth };

  /* The root (depth == from) has no edge, and maybe no keys at all. */
  if (depth > from)
    memcpy (node.edge, key_bytes (bd, lo) + from, MIN (depth - from, sizeof node.edge));
  g_array_append_val (bd->nodes, node);
  g_array_append_val (bd->pending, p);
  if (depth > from + 1)
    g_byte_array_append (bd->labels, key_bytes (bd, lo) + from + 1, depth - from - 1);
  /* The shortest key sorts first: if it ends here, this node holds it. */
  if (lo < hi && bd->keys[lo].len == depth)
    g_array_append_vals (bd->values, bd->ids + bd->keys[lo].first_id,
                         bd->keys[lo + 1].first_id - bd->keys[lo].first_id);
}

/* Lays out the children of node i, which is the oldest pending node. */
static void
expand_node (Build *bd, guint32 i)
{
  Pending p = g_array_index (bd->pending, Pending, i);
  guint32 d = p.depth;
  guint32 lo = p.lo;

  g_array_index (bd->nodes, GlsTrieNode, i).children = bd->nodes->len;
  if (lo < p.hi && bd->keys[lo].len == d)
    lo++;
  while (lo < p.hi)
    {
      /* Every key in [lo, hi) is longer than d, and byte d never decreases
       * along the sorted range: binary search for the end of this group. */
      guint8 c = key_bytes (bd, lo)[d];
      guint32 a = lo + 1, b = p.hi;
      while (a < b)
        {
          guint32 mid = a + (b - a) / 2;
          if (key_bytes (bd, mid)[d] == c)
            a = mid + 1;
          else
            b = mid;
        }
      guint32 end = a;
      /* The group's common prefix is that of its first and last key. */
      guint32 depth;
      if (end - lo == 1)
        depth = bd->keys[lo].len;
      else
        {
          const guint8 *x = key_bytes (bd, lo);
          const guint8 *y = key_bytes (bd, end - 1);
          guint32 max = MIN (bd->keys[lo].len, bd->keys[end - 1].len);
          depth = d + 1;
          while (depth < max && x[depth] == y[depth])
            depth++;
        }
      append_node (bd, lo, end, d, depth);
      lo = end;
    }
}

GlsTrie *
gls_trie_builder_finish (GlsTrieBuilder *b)
{
  g_return_val_if_fail (b != NULL, NULL);

  GArray *entries = b->entries;
  const guint8 *pool = b->pool->data;
  sort_entries ((Entry *) entries->data, entries->len, pool);

  /* Collapse the sorted pairs into distinct keys with deduplicated ids, and
   * copy the keys in sorted order: the layout below then reads memory
   * front to back instead of jumping around the insertion order. */
  g_autoptr (GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (Key), entries->len + 1);
  g_autoptr (GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), entries->len);
  g_autoptr (GByteArray) sorted = g_byte_array_sized_new (b->pool->len);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      const Entry *prev = i > 0 ? e - 1 : NULL;
      gboolean same_key = prev != NULL && prev->len == e->len &&
                          memcmp (pool + prev->off, pool + e->off, e->len) == 0;
      if (!same_key)
        {
          Key k = { sorted->len, e->len, ids->len };
          g_array_append_val (keys, k);
          g_byte_array_append (sorted, pool + e->off, e->len);
        }
      if (!same_key || prev->id != e->id)
        g_array_append_val (ids, e->id);
    }
  guint32 n_keys = keys->len;
  Key sentinel_key = { 0, 0, ids->len };
  g_array_append_val (keys, sentinel_key);
  g_clear_pointer (&b->entries, g_array_unref);
  g_clear_pointer (&b->pool, g_byte_array_unref);

  Build bd = {
    .pool = sorted->data,
    .keys = (const Key *) keys->data,
    .ids = (const guint32 *) ids->data,
    /* Upper bounds, so nothing is ever moved: at most n terminals, n - 1
     * branch points and the root, plus the sentinel; label bytes are key
     * bytes. Pages reserved but never written cost no memory. */
    .pending = g_array_sized_new (FALSE, FALSE, sizeof (Pending), 2 * n_keys + 2),
    .nodes = g_array_sized_new (FALSE, FALSE, sizeof (GlsTrieNode), 2 * n_keys + 2),
    .labels = g_byte_array_sized_new (sorted->len),
    .values = g_array_sized_new (FALSE, FALSE, sizeof (guint32), ids->len),
  };

  append_node (&bd, 0, n_keys, 0, 0);
  for (guint32 i = 0; i < bd.nodes->len; i++)
    expand_node (&bd, i);

  guint32 n_nodes = bd.nodes->len;
  GlsTrieNode end = { bd.labels->len, n_nodes, bd.values->len, { 0 } };
  g_array_append_val (bd.nodes, end);

  /* The trie adopts the arrays as built: no copy, and no second copy of the
   * whole structure at the peak. */
  GlsTrie *t = g_new (GlsTrie, 1);
  gsize values_len = bd.values->len, labels_len = bd.labels->len;

  g_atomic_ref_count_init (&t->ref_count);
  t->n_nodes = n_nodes;
  t->n_keys = n_keys;
  t->size = sizeof (GlsTrie);
  t->nodes = take_buffer (g_array_free (bd.nodes, FALSE),
                          (gsize) (n_nodes + 1) * sizeof (GlsTrieNode), &t->size);
  t->values = take_buffer (g_array_free (bd.values, FALSE), values_len * sizeof (guint32),
                           &t->size);
  t->labels = take_buffer (g_byte_array_free (bd.labels, FALSE), labels_len, &t->size);

  g_array_unref (bd.pending);
  gls_trie_builder_free (b);
  return t;
}
