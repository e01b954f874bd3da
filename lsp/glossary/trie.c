/* trie.c — see trie.h for the contract and the layout. */
#include "glossary/trie.h"

#include "glossary/normalize.h"

#include <gio/gio.h>
#include <string.h>

/* ------------------------------------------------------------------ layout */

typedef struct
{
  guint32 label;    /* edge bytes after the first: labels[label .. next.label) */
  guint32 children; /* children: nodes[children .. next.children) */
  guint32 values;   /* ids: values[values .. next.values) */
  guint8  edge[4];  /* the edge's first byte, then a copy of up to 3 label bytes */
} GlsTrieNode;

struct _GlsTrie
{
  gatomicrefcount    ref_count;
  guint32            n_nodes;    /* real nodes; nodes[n_nodes] is the sentinel */
  guint32            n_keys;
  gsize              size;       /* bytes owned: this struct and the three arrays */
  GlsTrieNode       *nodes;      /* n_nodes + 1 */
  guint32           *values;
  guint8            *labels;
};

/* The root is nobody's child, so 0 doubles as "no such child". */
#define NO_CHILD 0

static inline guint32
find_child (const GlsTrie *t, guint32 node, guint8 byte)
{
  guint32 lo = t->nodes[node].children;
  guint32 hi = t->nodes[node + 1].children;

  /* Children are sorted and unique by first byte. Halve a long run, then
   * scan: the scan reads the very record the caller reads next. */
  while (hi - lo > 8)
    {
      guint32 mid = lo + (hi - lo) / 2;
      if (t->nodes[mid].edge[0] < byte)
        lo = mid + 1;
      else
        hi = mid + 1;
    }
  for (; lo < hi; lo++)
    if (t->nodes[lo].edge[0] == byte)
      return lo;
  return NO_CHILD;
}

/* Does s[0..n) equal the first n bytes of child's label? The first three are
 * copied into the record itself, so short labels cost no extra cache line. */
static inline gboolean
label_equals (const GlsTrie *t, guint32 child, const guint8 *s, gsize n)
{
  const GlsTrieNode *c = &t->nodes[child];
  gsize head = MIN (n, 3);

  for (gsize i = 0; i < head; i++)
    if (c->edge[1 + i] != s[i])
      return FALSE;
  return n <= 3 || memcmp (t->labels + c->label + 3, s + 3, n - 3) == 0;
}

static inline gsize
label_len (const GlsTrie *t, guint32 node)
{
  return t->nodes[node + 1].label - t->nodes[node].label;
}

static inline const guint8 *
label_of (const GlsTrie *t, guint32 node, gsize *len)
{
  *len = label_len (t, node);
  return t->labels + t->nodes[node].label;
}

static inline GlsTrieValues
values_of (const GlsTrie *t, guint32 node)
{
  GlsTrieValues v;
  v.ids = t->values + t->nodes[node].values;
  v.n = t->nodes[node + 1].values - t->nodes[node].values;
  return v;
}

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

/* Takes over an array's buffer, trimmed to its length (at least one byte,
 * so that offset arithmetic never starts from NULL). */
static gpointer
take_buffer (gpointer data, gsize len, gsize *owned)
{
  *owned += MAX (len, 1);
  return g_realloc (data, MAX (len, 1));
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

/* ------------------------------------------------------------- life cycle */

GlsTrie *
gls_trie_ref (GlsTrie *t)
{
  g_return_val_if_fail (t != NULL, NULL);
  g_atomic_ref_count_inc (&t->ref_count);
  return t;
}

void
gls_trie_unref (GlsTrie *t)
{
  if (t != NULL && g_atomic_ref_count_dec (&t->ref_count))
    {
      g_free (t->nodes);
      g_free (t->values);
      g_free (t->labels);
      g_free (t);
    }
}

gsize
gls_trie_n_keys (const GlsTrie *t)
{
  g_return_val_if_fail (t != NULL, 0);
  return t->n_keys;
}

gsize
gls_trie_memory_size (const GlsTrie *t)
{
  g_return_val_if_fail (t != NULL, 0);
  return t->size;
}

/* ---------------------------------------------------------- stored arrays */

G_STATIC_ASSERT (sizeof (GlsTrieNode) == GLS_TRIE_NODE_SIZE);

void
gls_trie_get_arrays (const GlsTrie *t, GlsTrieArrays *out)
{
  g_return_if_fail (t != NULL && out != NULL);
  const GlsTrieNode *end = &t->nodes[t->n_nodes];

  out->nodes = (const guint8 *) t->nodes;
  out->n_nodes = t->n_nodes;
  out->values = t->values;
  out->n_values = end->values;
  out->labels = t->labels;
  out->n_labels = end->label;
}

static gboolean
invalid (GError **error, guint32 node, const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "trie node %u: %s", node, what);
  return FALSE;
}

/* The rules the queries rely on; see gls_trie_new_from_arrays. */
static gboolean
check_arrays (const GlsTrieNode *nodes, guint32 n_nodes, const guint32 *values, guint32 n_values,
              const guint8 *labels, guint32 n_labels, guint32 id_limit, guint32 *n_keys,
              GError **error)
{
  const GlsTrieNode *end = &nodes[n_nodes];

  if (n_nodes == 0)
    return invalid (error, 0, "no root");
  if (end->label != n_labels || end->values != n_values || end->children != n_nodes)
    return invalid (error, n_nodes, "the sentinel does not close the arrays");
  /* The root has no edge and no value, and its children (if any) start at 1. */
  if (nodes[0].label != 0 || nodes[1].label != 0 || nodes[0].values != 0 || nodes[1].values != 0 ||
      nodes[0].children != 1)
    return invalid (error, 0, "the root has an edge or a value");

  *n_keys = 0;
  for (guint32 i = 0; i < n_nodes; i++)
    {
      const GlsTrieNode *n = &nodes[i], *next = &nodes[i + 1];
      if (next->label < n->label || next->values < n->values || next->children < n->children)
        return invalid (error, i, "offsets go backwards");
      /* Offsets that rise past the arrays are caught going backwards only
       * at a later record: the checks below read through them first. */
      if (next->label > n_labels || next->values > n_values || next->children > n_nodes)
        return invalid (error, i, "offsets past the end of the arrays");
      /* Breadth-first: a node's children come after it, so walks end. */
      if (n->children <= i && next->children > n->children)
        return invalid (error, i, "a child before its parent");
      for (guint32 c = n->children; c + 1 < next->children; c++)
        if (nodes[c].edge[0] >= nodes[c + 1].edge[0])
          return invalid (error, i, "children not sorted by first byte");
      if (i > 0)
        {
          guint32 len = next->label - n->label;
          for (guint32 k = 0; k < 3; k++)
            if (n->edge[1 + k] != (k < len ? labels[n->label + k] : 0))
              return invalid (error, i, "edge copy differs from its label");
        }
      if (next->values > n->values)
        (*n_keys)++;
      for (guint32 v = n->values; v < next->values; v++)
        if (values[v] >= id_limit || (v > n->values && values[v] <= values[v - 1]))
          return invalid (error, i, "ids out of range or not sorted");
    }
  return TRUE;
}

/* take_buffer for borrowed bytes. */
static gpointer
copy_buffer (gconstpointer data, gsize len, gsize *owned)
{
  gpointer copy = g_malloc (MAX (len, 1));
  if (len > 0)
    memcpy (copy, data, len);
  *owned += MAX (len, 1);
  return copy;
}

GlsTrie *
gls_trie_new_from_arrays (const GlsTrieArrays *arrays, guint32 id_limit, GError **error)
{
  g_return_val_if_fail (arrays != NULL, NULL);

  /* Offsets are 32-bit, and the sentinel must fit too. */
  if (arrays->n_nodes == 0 || arrays->n_nodes >= G_MAXUINT32 || arrays->n_values > G_MAXUINT32 ||
      arrays->n_labels > G_MAXUINT32)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "trie arrays of impossible size");
      return NULL;
    }
  gsize nodes_size = (arrays->n_nodes + 1) * sizeof (GlsTrieNode);
  g_autofree GlsTrieNode *nodes = g_memdup2 (arrays->nodes, nodes_size);
  guint32 n_keys;

  if (!check_arrays (nodes, (guint32) arrays->n_nodes, arrays->values, (guint32) arrays->n_values,
                     arrays->labels, (guint32) arrays->n_labels, id_limit, &n_keys, error))
    return NULL;

  GlsTrie *t = g_new (GlsTrie, 1);
  g_atomic_ref_count_init (&t->ref_count);
  t->n_nodes = (guint32) arrays->n_nodes;
  t->n_keys = n_keys;
  t->size = sizeof (GlsTrie) + nodes_size;
  t->nodes = g_steal_pointer (&nodes);
  t->values = copy_buffer (arrays->values, arrays->n_values * sizeof (guint32), &t->size);
  t->labels = copy_buffer (arrays->labels, arrays->n_labels, &t->size);
  return t;
}

/* ------------------------------------------------------------ exact, prefix */

gboolean
gls_trie_lookup (const GlsTrie *t, const char *key, gsize len, GlsTrieValues *out)
{
  g_return_val_if_fail (t != NULL, FALSE);
  g_return_val_if_fail (key != NULL || len == 0, FALSE);

  const guint8 *s = (const guint8 *) key;
  guint32 node = 0;
  gsize pos = 0;
  GlsTrieValues v = { NULL, 0 };

  while (pos < len)
    {
      guint32 child = find_child (t, node, s[pos]);
      if (child == NO_CHILD)
        goto out;

      gsize n = label_len (t, child);
      if (len - pos - 1 < n || !label_equals (t, child, s + pos + 1, n))
        goto out;
      pos += 1 + n;
      node = child;
    }
  v = values_of (t, node);

out:
  if (out != NULL)
    *out = v;
  return v.n > 0;
}

typedef struct
{
  guint32 node;
  gsize   key_len; /* path length before the node's edge */
} Frame;

gsize
gls_trie_prefix (const GlsTrie *t, const char *prefix, gsize len, gsize limit,
                 GlsTrieVisit visit, gpointer user_data)
{
  g_return_val_if_fail (t != NULL, 0);
  g_return_val_if_fail (prefix != NULL || len == 0, 0);

  const guint8 *s = (const guint8 *) prefix;
  guint32 node = 0;
  gsize pos = 0, edge_start = 0;

  /* Find the topmost node whose path starts with the prefix; the prefix may
   * end inside its edge. */
  while (pos < len)
    {
      guint32 child = find_child (t, node, s[pos]);
      if (child == NO_CHILD)
        return 0;

      gsize n = MIN (label_len (t, child), len - pos - 1);
      if (!label_equals (t, child, s + pos + 1, n))
        return 0;
      edge_start = pos;
      pos += 1 + n;
      node = child;
    }

  g_autoptr (GString) key = g_string_new_len (prefix, (gssize) edge_start);
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  Frame start = { node, edge_start };
  gsize count = 0;

  g_array_append_val (stack, start);
  while (stack->len > 0)
    {
      Frame f = g_array_index (stack, Frame, stack->len - 1);
      g_array_set_size (stack, stack->len - 1);
      g_string_truncate (key, f.key_len);
      if (f.node != 0)
        {
          gsize n;
          const guint8 *label = label_of (t, f.node, &n);
          g_string_append_c (key, (char) t->nodes[f.node].edge[0]);
          g_string_append_len (key, (const char *) label, (gssize) n);
        }

      GlsTrieValues v = values_of (t, f.node);
      if (v.n > 0)
        {
          count++;
          if (visit != NULL && !visit (key->str, key->len, v, user_data))
            break;
          if (count == limit)
            break;
        }

      /* Push in reverse so the smallest first byte is popped first. */
      guint32 lo = t->nodes[f.node].children;
      for (guint32 c = t->nodes[f.node + 1].children; c > lo; c--)
        {
          Frame child = { c - 1, key->len };
          g_array_append_val (stack, child);
        }
    }
  return count;
}

/* ------------------------------------------------------------------ UTF-8 */

static inline gboolean
is_cont (guint8 b)
{
  return (b & 0xC0) == 0x80;
}

/* The length a UTF-8 sequence led by b announces; 1 for a byte that cannot
 * lead one (ASCII, a stray continuation byte, 0xF8..0xFF). */
static inline gsize
lead_len (guint8 b)
{
  if (b < 0xC0)
    return 1;
  if (b < 0xE0)
    return 2;
  if (b < 0xF0)
    return 3;
  if (b < 0xF8)
    return 4;
  return 1;
}

/* p[0..n) as one well-formed character, or (gunichar) -1. */
static gunichar
decode_exact (const guint8 *p, gsize n)
{
  if (p[0] < 0x80)
    return n == 1 ? p[0] : (gunichar) -1;
  if (n != lead_len (p[0]) || n == 1)
    return (gunichar) -1;
  gunichar c = g_utf8_get_char_validated ((const char *) p, (gssize) n);
  return c > 0x10FFFF ? (gunichar) -1 : c;
}

static inline gboolean
is_word (gunichar c)
{
  /* NUL and malformed bytes (-1) are never word characters. */
  return c != 0 && c != (gunichar) -1 && gls_is_word_char (c);
}

/* May a key that is text[0..end) be reported as a match? */
static gboolean
ends_at_boundary (const guint8 *s, gsize len, gsize end)
{
  if (end == len)
    return TRUE;

  /* The character the key ends with: back over at most three continuation
   * bytes to its lead. */
  gsize start = end - 1;
  while (start > 0 && end - start < 4 && is_cont (s[start]))
    start--;
  gsize want = lead_len (s[start]);
  if (want > end - start)
    {
      /* The key stops short of the sequence its last lead byte announces. If
       * the text completes it, the key would split a character. */
      if (start + want <= len && decode_exact (s + start, want) != (gunichar) -1)
        return FALSE;
      return TRUE; /* a malformed last character is not a word character */
    }
  gunichar last = want == end - start ? decode_exact (s + start, want) : (gunichar) -1;
  if (!is_word (last))
    return TRUE;

  gsize n = lead_len (s[end]);
  gunichar next = end + n <= len ? decode_exact (s + end, n) : (gunichar) -1;
  return !is_word (next);
}

gsize
gls_trie_longest_match (const GlsTrie *t, const char *text, gsize len, GlsTrieValues *out)
{
  g_return_val_if_fail (t != NULL, 0);
  g_return_val_if_fail (text != NULL || len == 0, 0);

  const guint8 *s = (const guint8 *) text;
  guint32 node = 0, best_node = 0;
  gsize pos = 0, best = 0;

  for (;;)
    {
      /* The root holds no key (empty keys are ignored), so best stays 0
       * until a real key ends here. */
      if (t->nodes[node].values != t->nodes[node + 1].values && ends_at_boundary (s, len, pos))
        {
          best = pos;
          best_node = node;
        }
      if (pos == len)
        break;

      guint32 child = find_child (t, node, s[pos]);
      if (child == NO_CHILD)
        break;

      gsize n = label_len (t, child);
      if (len - pos - 1 < n || !label_equals (t, child, s + pos + 1, n))
        break;
      pos += 1 + n;
      node = child;
    }

  if (out != NULL)
    {
      GlsTrieValues none = { NULL, 0 };
      *out = best > 0 ? values_of (t, best_node) : none;
    }
  return best;
}

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
  g_return_val_if_fail (max_edits <= GLS_TRIE_MAX_EDITS, 0);

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
