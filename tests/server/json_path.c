/* json_path.c — see json_path.h. */
#include "json_path.h"

#include <criterion/criterion.h>

JsonNode *
tjson_path (JsonNode *node, const char *path)
{
  g_auto (GStrv) keys = g_strsplit (path, ".", -1);

  for (guint i = 0; node != NULL && keys[i] != NULL; i++)
    {
      if (keys[i][0] == '\0')
        continue;
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *o = json_node_get_object (node);
          node = json_object_has_member (o, keys[i]) ? json_object_get_member (o, keys[i]) : NULL;
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *a = json_node_get_array (node);
          guint64 index = g_ascii_strtoull (keys[i], NULL, 10);
          node = index < json_array_get_length (a) ? json_array_get_element (a, (guint) index) : NULL;
        }
      else
        node = NULL;
    }
  return node;
}

gint64
tjson_int (JsonNode *node, const char *path)
{
  JsonNode *n = tjson_path (node, path);
  g_autofree char *json = tjson_text (node);

  cr_assert (n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64,
             "no integer at %s in %s", path, json);
  return json_node_get_int (n);
}

const char *
tjson_str (JsonNode *node, const char *path)
{
  JsonNode *n = tjson_path (node, path);
  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
           ? json_node_get_string (n) : NULL;
}

guint
tjson_len (JsonNode *node, const char *path)
{
  JsonNode *n = tjson_path (node, path);
  g_autofree char *json = tjson_text (node);

  cr_assert (n != NULL && JSON_NODE_HOLDS_ARRAY (n), "no array at '%s' in %s", path, json);
  return json_array_get_length (json_node_get_array (n));
}

gboolean
tjson_is_null (JsonNode *node, const char *path)
{
  JsonNode *n = tjson_path (node, path);
  return n != NULL && JSON_NODE_HOLDS_NULL (n);
}

char *
tjson_text (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("(none)");
}
