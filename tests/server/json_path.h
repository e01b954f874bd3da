/* json_path.h — reading JSON-RPC messages in tests.
 *
 * Paths are keys joined by '.', array elements by their index ("a.0.b");
 * empty keys are skipped. tjson_path returns the node there, borrowed from
 * node, or NULL. tjson_int and tjson_len cr_assert the type (an integer, an
 * array) and print the JSON on failure; tjson_str and tjson_is_null only
 * answer (NULL / FALSE when absent or another type). tjson_text returns a new
 * string ("(none)" for NULL), caller frees. Test thread only.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

JsonNode   *tjson_path    (JsonNode *node, const char *path);
gint64      tjson_int     (JsonNode *node, const char *path);
const char *tjson_str     (JsonNode *node, const char *path);
guint       tjson_len     (JsonNode *node, const char *path);
gboolean    tjson_is_null (JsonNode *node, const char *path);
char       *tjson_text    (JsonNode *node);
