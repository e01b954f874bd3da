/* capabilities.c — see capabilities.h. */
#include "server/capabilities.h"

typedef struct _Node Node;

/* A member of an object: either a leaf value or an intermediate object
 * (children in insertion order). */
struct _Node
{
  char      *key;
  GVariant  *value;
  GPtrArray *children;
};

struct _GlsCapabilities
{
  Node *root;
};

static void
node_free (gpointer data)
{
  Node *node = data;

  g_free (node->key);
  g_clear_pointer (&node->value, g_variant_unref);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static Node *
object_node_new (const char *key)
{
  Node *node = g_new0 (Node, 1);

  node->key = g_strdup (key);
  node->children = g_ptr_array_new_with_free_func (node_free);
  return node;
}

static Node *
find_child (Node *node, const char *key)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);
      if (g_str_equal (child->key, key))
        return child;
    }
  return NULL;
}

GlsCapabilities *
gls_capabilities_new (void)
{
  GlsCapabilities *caps = g_new0 (GlsCapabilities, 1);

  caps->root = object_node_new ("");
  return caps;
}

void
gls_capabilities_free (GlsCapabilities *caps)
{
  if (caps == NULL)
    return;
  node_free (caps->root);
  g_free (caps);
}

gboolean
gls_capabilities_set (GlsCapabilities  *caps,
                      const char       *path,
                      GVariant         *value,
                      GError          **error)
{
  g_return_val_if_fail (caps != NULL && path != NULL && value != NULL, FALSE);

  g_autoptr(GVariant) owned = g_variant_ref_sink (value);
  g_auto(GStrv) keys = g_strsplit (path, ".", -1);
  guint n = g_strv_length (keys);

  for (guint i = 0; i < n; i++)
    if (keys[i][0] == '\0')
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     "capability path '%s' has an empty member name", path);
        return FALSE;
      }

  /* Check the whole path before creating anything, so a refusal leaves the
   * tree as it was. */
  Node *node = caps->root;
  guint depth = 0;
  for (; depth < n; depth++)
    {
      Node *child = find_child (node, keys[depth]);
      if (child == NULL)
        break;
      if (depth == n - 1 || child->children == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       "capability '%s' conflicts with '%s', which is "
                       "already set", path, keys[depth]);
          return FALSE;
        }
      node = child;
    }

  for (; depth + 1 < n; depth++)
    {
      Node *child = object_node_new (keys[depth]);
      g_ptr_array_add (node->children, child);
      node = child;
    }

  Node *leaf = g_new0 (Node, 1);
  leaf->key = g_strdup (keys[n - 1]);
  leaf->value = g_steal_pointer (&owned);
  g_ptr_array_add (node->children, leaf);
  return TRUE;
}

gboolean
gls_capabilities_has (GlsCapabilities *caps, const char *path)
{
  g_return_val_if_fail (caps != NULL && path != NULL, FALSE);

  g_auto(GStrv) keys = g_strsplit (path, ".", -1);
  Node *node = caps->root;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (node->children == NULL || (node = find_child (node, keys[i])) == NULL)
        return FALSE;
    }
  return TRUE;
}

static GVariant *
build_object (Node *node)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

  for (guint i = 0; i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);
      GVariant *value = child->children != NULL ? build_object (child)
                                                : child->value;
      g_variant_builder_add (&builder, "{sv}", child->key, value);
    }
  return g_variant_builder_end (&builder);
}

GVariant *
gls_capabilities_build (GlsCapabilities *caps)
{
  g_return_val_if_fail (caps != NULL, NULL);

  return g_variant_ref_sink (build_object (caps->root));
}
