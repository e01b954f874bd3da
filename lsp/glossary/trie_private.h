/* trie_private.h — the GlsTrie layout shared by trie*.c (trie.c: life cycle,
 * exact, prefix and longest match; trie_builder.c; trie_arrays.c: stored
 * arrays; trie_fuzzy.c) and the small helpers they all inline: child lookup,
 * labels, value runs, UTF-8 lead bytes. trie.h describes the layout. Only
 * trie*.c include it. */
#pragma once

#include "glossary/trie.h"

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

/* Takes over an array's buffer, trimmed to its length (at least one byte,
 * so that offset arithmetic never starts from NULL). */
static inline gpointer
take_buffer (gpointer data, gsize len, gsize *owned)
{
  *owned += MAX (len, 1);
  return g_realloc (data, MAX (len, 1));
}

/* UTF-8 (trie.c and trie_fuzzy.c). */

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
static inline gunichar
decode_exact (const guint8 *p, gsize n)
{
  if (p[0] < 0x80)
    return n == 1 ? p[0] : (gunichar) -1;
  if (n != lead_len (p[0]) || n == 1)
    return (gunichar) -1;
  gunichar c = g_utf8_get_char_validated ((const char *) p, (gssize) n);
  return c > 0x10FFFF ? (gunichar) -1 : c;
}
