/* trie_arrays.c — a trie as three arrays and back (gls_trie_get_arrays,
 * gls_trie_new_from_arrays, which checks every structural rule); see trie.h. */
#include "glossary/trie_private.h"

#include <gio/gio.h>
#include <string.h>

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
