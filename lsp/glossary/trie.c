/* trie.c — GlsTrie life cycle, exact and prefix lookup, longest match; see
 * trie.h for the contract and the layout. Building is trie_builder.c, the
 * stored arrays trie_arrays.c, fuzzy search trie_fuzzy.c. */
#include "glossary/trie_private.h"

#include "glossary/normalize.h"

#include <gio/gio.h>
#include <string.h>

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
