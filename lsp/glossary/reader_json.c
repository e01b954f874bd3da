/* reader_json.c — a term table as JSON, parsed by json-glib (after
 * text/json_guard.h's check). Accepted shapes:
 *   [ {"term": ..., "definition": ..., "aliases": [...]}, ... ]
 *   {"terms" | "glossary" | "entries": [ ...the same... ]}
 *   {"LoRA": "definition", "RAG": {"definition": ..., "aliases": [...]}}
 * (keys as reader_table.h's columns; "aliases" and "deprecated" a list or
 * one string).
 *
 * json-glib gives no positions, so the string tokens of the text are listed
 * in order with their offsets (one scan) and matched, in document order,
 * against the strings of the parsed tree: a string whose token holds no
 * escape is stored as a slice of the file. Subtrees not read are skipped by
 * their string count, counted with an explicit stack (no recursion on the
 * input's nesting). Duplicate keys or any mismatch only cost positions:
 * matching resynchronises within a few tokens. */
#include "glossary/reader_table.h"

#include <json-glib/json-glib.h>

#include "text/json_guard.h"

typedef struct
{
  gsize    start;   /* after the opening quote */
  gsize    len;
  gboolean escaped;
} Token;

typedef struct
{
  GlsReaderBuilder *b;
  GArray           *tokens;
  guint             next;
} Walk;

static GArray *
string_tokens (const char *t, gsize len)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  for (gsize i = 0; i < len; i++)
    {
      if (t[i] != '"')
        continue;
      Token tok = { i + 1, 0, FALSE };
      gsize j = i + 1;
      while (j < len && t[j] != '"')
        {
          if (t[j] == '\\')
            {
              tok.escaped = TRUE;
              j++;
            }
          j++;
        }
      tok.len = MIN (j, len) - tok.start;
      g_array_append_val (tokens, tok);
      i = j;
    }
  return tokens;
}

/* The next token, when it spells s exactly: its offset; else G_MAXSIZE.
 * Looks a few tokens ahead to get past a duplicate key. */
static gsize
take (Walk *w, const char *s, gsize n)
{
  for (guint k = w->next; k < w->tokens->len && k < w->next + 8; k++)
    {
      const Token *tok = &g_array_index (w->tokens, Token, k);
      if (!tok->escaped && tok->len == n && memcmp (w->b->text + tok->start, s, n) == 0)
        {
          w->next = k + 1;
          return tok->start;
        }
      if (tok->escaped && k == w->next)
        {
          w->next = k + 1;
          return G_MAXSIZE;
        }
    }
  w->next++;
  return G_MAXSIZE;
}

/* Skips the tokens of node's strings and keys. */
static void
skip (Walk *w, JsonNode *node)
{
  g_autoptr (GPtrArray) stack = g_ptr_array_new ();
  g_ptr_array_add (stack, node);
  while (stack->len > 0)
    {
      JsonNode *n = g_ptr_array_steal_index (stack, stack->len - 1);
      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        w->next++;
      else if (JSON_NODE_HOLDS_ARRAY (n))
        {
          JsonArray *a = json_node_get_array (n);
          for (guint i = 0; i < json_array_get_length (a); i++)
            g_ptr_array_add (stack, json_array_get_element (a, i));
        }
      else if (JSON_NODE_HOLDS_OBJECT (n))
        {
          JsonObject *o = json_node_get_object (n);
          w->next += json_object_get_size (o);
          g_autoptr (GList) values = json_object_get_values (o);
          for (GList *l = values; l != NULL; l = l->next)
            g_ptr_array_add (stack, l->data);
        }
    }
}

/* The offset of the last token taken, for the entry's line. */
static gsize
last_offset (Walk *w)
{
  return w->next > 0 && w->next <= w->tokens->len ? g_array_index (w->tokens, Token, w->next - 1).start : 0;
}

static gboolean
str_of (Walk *w, JsonNode *node, GlsTableStr *out)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      skip (w, node);
      return FALSE;
    }
  const char *s = json_node_get_string (node);
  gsize n = strlen (s);
  gsize hint = take (w, s, n);
  *out = (GlsTableStr) { s, n, hint, last_offset (w) };
  return TRUE;
}

static void
str_list (Walk *w, JsonNode *node, GArray *into)
{
  GlsTableStr s;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      if (str_of (w, node, &s))
        g_array_append_val (into, s);
      return;
    }
  JsonArray *a = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (a); i++)
    if (str_of (w, json_array_get_element (a, i), &s))
      g_array_append_val (into, s);
}

/* A term member: the record's term, or (when the term is known already, or
 * for the later items of a list) expansions. */
static void
term_member (Walk *w, JsonNode *value, GlsTableRecord *r)
{
  g_autoptr (GArray) strings = g_array_new (FALSE, FALSE, sizeof (GlsTableStr));
  str_list (w, value, strings);
  gls_table_record_term_member (r, strings);
}

/* One record object; term may already be known (the mapping form's key). */
static void
record (Walk *w, JsonNode *node, const GlsTableStr *term, gsize at)
{
  GlsTableRecord r;
  gls_table_record_init (&r, at);
  if (term != NULL)
    r.term = *term;
  if (JSON_NODE_HOLDS_VALUE (node))
    str_of (w, node, &r.definition);
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;
      gboolean first = TRUE;
      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &key, &value))
        {
          take (w, key, strlen (key));
          if (first && term == NULL)
            r.at = last_offset (w);
          first = FALSE;
          switch (gls_table_column (key, strlen (key)))
            {
            case GLS_COLUMN_TERM: term_member (w, value, &r); break;
            case GLS_COLUMN_DEFINITION: str_of (w, value, &r.definition); break;
            case GLS_COLUMN_ALIASES: str_list (w, value, r.aliases); break;
            case GLS_COLUMN_EXAMPLES: str_list (w, value, r.examples); break;
            case GLS_COLUMN_CATEGORY: str_of (w, value, &r.category); break;
            case GLS_COLUMN_DEPRECATED: str_list (w, value, r.deprecated); break;
            case GLS_COLUMN_OTHER: default: skip (w, value); break;
            }
        }
    }
  else
    skip (w, node);
  gls_table_record_emit (w->b, &r, r.aliases->len == 1 ? ";|" : "", r.deprecated->len == 1 ? ";|" : "");
  gls_table_record_clear (&r);
}

static void
records_array (Walk *w, JsonArray *a)
{
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);
      if (JSON_NODE_HOLDS_OBJECT (n))
        record (w, n, NULL, w->next < w->tokens->len ? g_array_index (w->tokens, Token, w->next).start : 0);
      else
        {
          skip (w, n);
          gls_reader_builder_issue (w->b, gls_reader_builder_line_of (w->b, last_offset (w)), GLS_ISSUE_WARNING,
                                    "array item %u is not an object with a term; skipped", i);
        }
    }
}

static guint
error_line (const GError *error)
{
  /* json-glib: "<data>:LINE:COL: Parse error: ..." */
  const char *p = error != NULL ? strstr (error->message, ">:") : NULL;
  return p != NULL ? (guint) g_ascii_strtoull (p + 2, NULL, 10) : 0;
}

static gboolean
is_list_key (const char *key)
{
  return g_str_equal (key, "terms") || g_str_equal (key, "glossary") || g_str_equal (key, "entries");
}

/* The mapping form: key = term. */
static void
mapping (Walk *w, JsonObject *o)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  json_object_iter_init_ordered (&iter, o);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      gsize n = strlen (key);
      gsize hint = take (w, key, n);
      GlsTableStr term = { key, n, hint, last_offset (w) };
      record (w, value, &term, last_offset (w));
    }
}

/* {"terms": [...]} (other members, such as a note, are skipped), or the
 * mapping form. */
static void
root_object (Walk *w, JsonObject *o)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;
  gboolean listed = FALSE;

  json_object_iter_init_ordered (&iter, o);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    if (is_list_key (key) && (JSON_NODE_HOLDS_ARRAY (value) || JSON_NODE_HOLDS_OBJECT (value)))
      listed = TRUE;
  if (!listed)
    {
      mapping (w, o);
      return;
    }
  json_object_iter_init_ordered (&iter, o);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      take (w, key, strlen (key));
      if (is_list_key (key) && JSON_NODE_HOLDS_ARRAY (value))
        records_array (w, json_node_get_array (value));
      else if (is_list_key (key) && JSON_NODE_HOLDS_OBJECT (value))
        mapping (w, json_node_get_object (value));
      else
        skip (w, value);
    }
}

void
gls_read_json (GlsReaderBuilder *b)
{
  if (!gls_json_is_single_value (b->text, b->len))
    {
      gls_reader_builder_issue (b, 0, GLS_ISSUE_ERROR, "more than one JSON value in the file; nothing loaded");
      return;
    }
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) error = NULL;
  if (!json_parser_load_from_data (parser, b->text, (gssize) b->len, &error))
    {
      gls_reader_builder_issue (b, error_line (error), GLS_ISSUE_ERROR, "not valid JSON (%s); nothing loaded",
                                error->message);
      return;
    }
  g_autoptr (GArray) tokens = string_tokens (b->text, b->len);
  Walk w = { b, tokens, 0 };
  JsonNode *root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    records_array (&w, json_node_get_array (root));
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    root_object (&w, json_node_get_object (root));
  else
    gls_reader_builder_issue (b, 1, GLS_ISSUE_ERROR, "expected a JSON array or object of terms; nothing loaded");
}
