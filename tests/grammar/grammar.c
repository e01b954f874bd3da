/* Tests of the glossary grammar (grammar/): the seeds parse into the entries
 * an independent script found, the corpus examples hold, parser.c agrees with
 * node-types.json and grammar.json, tokens have the documented extents, and
 * no input (random bytes, NUL, invalid UTF-8, CRLF, huge lines, edits) makes
 * the parser crash, report an error, or disagree with a fresh parse. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <tree_sitter/api.h>
#include <tree_sitter/parser.h> /* struct TSLanguage, for the external count */

#include "common/leak-check.h"
#include "corpus.h"
#include "tree-sitter-glossary.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TSParser, ts_parser_delete)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TSTree, ts_tree_delete)

static char *
source_path (const char *first, ...)
{
  va_list ap;
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  g_ptr_array_add (parts, (gpointer) GLS_TEST_DATA);
  g_ptr_array_add (parts, (gpointer) "..");
  g_ptr_array_add (parts, (gpointer) "..");
  va_start (ap, first);
  for (const char *p = first; p != NULL; p = va_arg (ap, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (ap);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static TSParser *
new_parser (void)
{
  TSParser *parser = ts_parser_new ();
  cr_assert (ts_parser_set_language (parser, tree_sitter_glossary ()),
             "the grammar's ABI does not load in this libtree-sitter");
  return parser;
}

static TSTree *
parse (TSParser *parser, const char *text, gsize len)
{
  TSTree *tree = ts_parser_parse_string (parser, NULL, text, (uint32_t) len);
  cr_assert_not_null (tree);
  return tree;
}

/* ERROR and MISSING nodes under node. */
static guint
count_errors (TSNode node)
{
  if (!ts_node_has_error (node))
    return 0;
  guint n = ts_node_is_missing (node) || ts_node_symbol (node) == (TSSymbol) -1;
  for (uint32_t i = 0; i < ts_node_child_count (node); i++)
    n += count_errors (ts_node_child (node, i));
  return n;
}

static char *
node_text (const char *text, TSNode node)
{
  return g_strndup (text + ts_node_start_byte (node),
                    ts_node_end_byte (node) - ts_node_start_byte (node));
}

static gboolean
is_type (TSNode node, const char *type)
{
  return !ts_node_is_null (node) && strcmp (ts_node_type (node), type) == 0;
}

/* The named children of root that are entries. */
static GArray *
entries_of (TSNode root)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (TSNode));
  TSTreeCursor cursor = ts_tree_cursor_new (root);
  if (ts_tree_cursor_goto_first_child (&cursor))
    do
      {
        TSNode child = ts_tree_cursor_current_node (&cursor);
        if (is_type (child, "entry"))
          g_array_append_val (out, child);
      }
    while (ts_tree_cursor_goto_next_sibling (&cursor));
  ts_tree_cursor_delete (&cursor);
  return out;
}

/* "<file> <line>" lines of tests/data/seed-headers.txt, grouped by file. */
static GHashTable *
expected_headers (void)
{
  g_autofree char *path = g_build_filename (GLS_TEST_DATA, "seed-headers.txt", NULL);
  g_autofree char *content = NULL;
  g_autoptr (GError) error = NULL;
  cr_assert (g_file_get_contents (path, &content, NULL, &error), "%s", error ? error->message : "");

  GHashTable *by_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_array_unref);
  g_auto (GStrv) lines = g_strsplit (content, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      if (**l == '\0' || **l == '#')
        continue;
      g_auto (GStrv) f = g_strsplit (*l, " ", 2);
      cr_assert (f[0] != NULL && f[1] != NULL, "bad line in seed-headers.txt: %s", *l);
      GArray *rows = g_hash_table_lookup (by_file, f[0]);
      if (rows == NULL)
        {
          rows = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_file, g_strdup (f[0]), rows);
        }
      guint line = (guint) g_ascii_strtoull (f[1], NULL, 10);
      g_array_append_val (rows, line);
    }
  return by_file;
}

static char *
read_seed (const char *name, gsize *len)
{
  g_autofree char *path = source_path ("seeds", name, NULL);
  g_autoptr (GError) error = NULL;
  char *content = NULL;
  cr_assert (g_file_get_contents (path, &content, len, &error), "%s", error ? error->message : "");
  return content;
}

/* The header lines (1-based) of the entries of text, checked error-free. */
static GArray *
parsed_header_lines (TSParser *parser, const char *name, const char *text, gsize len)
{
  g_autoptr (TSTree) tree = parse (parser, text, len);
  TSNode root = ts_tree_root_node (tree);
  g_autoptr (GArray) entries = entries_of (root);
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));

  cr_expect_eq (count_errors (root), 0, "%s: ERROR or MISSING nodes", name);
  for (guint i = 0; i < entries->len; i++)
    {
      TSNode header = ts_node_child_by_field_name (g_array_index (entries, TSNode, i), "header", 6);
      cr_assert (is_type (header, "header"), "%s: entry without header", name);
      guint line = ts_node_start_point (header).row + 1;
      g_array_append_val (lines, line);
    }
  return lines;
}

static void
expect_same_lines (const char *name, GArray *want, GArray *got)
{
  cr_expect_eq (got->len, want->len, "%s: %u entries, expected %u", name, got->len, want->len);
  for (guint i = 0; i < MIN (want->len, got->len); i++)
    cr_expect_eq (g_array_index (got, guint, i), g_array_index (want, guint, i),
                  "%s: entry %u starts on line %u, expected %u", name, i,
                  g_array_index (got, guint, i), g_array_index (want, guint, i));
}

GLS_TEST (grammar, seeds_parse_into_the_expected_entries)
{
  g_autoptr (GHashTable) expected = expected_headers ();
  g_autoptr (TSParser) parser = new_parser ();
  GHashTableIter it;
  gpointer key, value;
  guint total = 0;

  cr_assert_eq (g_hash_table_size (expected), 5, "seed-headers.txt should cover the five seeds");
  g_hash_table_iter_init (&it, expected);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      gsize len = 0;
      g_autofree char *text = read_seed (key, &len);
      g_autoptr (GArray) got = parsed_header_lines (parser, key, text, len);
      expect_same_lines (key, value, got);
      total += got->len;
    }
  cr_expect_eq (total, 247, "the five seeds hold 247 entries");
}

/* "\n" -> "\r\n" everywhere. */
static char *
to_crlf (const char *text, gsize len, gsize *out_len)
{
  GString *out = g_string_sized_new (len + len / 16);
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\n')
        g_string_append_c (out, '\r');
      g_string_append_c (out, text[i]);
    }
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

GLS_TEST (grammar, crlf_seeds_parse_like_lf_seeds)
{
  g_autoptr (GHashTable) expected = expected_headers ();
  g_autoptr (TSParser) parser = new_parser ();
  GHashTableIter it;
  gpointer key, value;

  g_hash_table_iter_init (&it, expected);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      gsize len = 0, crlf_len = 0;
      g_autofree char *text = read_seed (key, &len);
      g_autofree char *crlf = to_crlf (text, len, &crlf_len);
      g_autoptr (GArray) got = parsed_header_lines (parser, key, crlf, crlf_len);
      expect_same_lines (key, value, got);

      /* No token of a header may hold the '\r'. */
      g_autoptr (TSTree) tree = parse (parser, crlf, crlf_len);
      g_autoptr (GArray) entries = entries_of (ts_tree_root_node (tree));
      for (guint i = 0; i < entries->len; i++)
        {
          TSNode header = ts_node_named_child (g_array_index (entries, TSNode, i), 0);
          for (uint32_t k = 0; k < ts_node_named_child_count (header); k++)
            {
              g_autofree char *item = node_text (crlf, ts_node_named_child (header, k));
              cr_expect (strchr (item, '\r') == NULL && strchr (item, '\n') == NULL,
                         "%s: header item '%s' holds a line terminator", (char *) key, item);
            }
        }
    }
}

/* ---- corpus ---------------------------------------------------------------- */

GLS_TEST (grammar, corpus_examples)
{
  g_autofree char *dir_path = source_path ("grammar", "test", "corpus", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, &error);
  g_autoptr (TSParser) parser = new_parser ();
  guint examples = 0, files = 0;

  cr_assert_not_null (dir, "%s", error ? error->message : "");
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    {
      if (!g_str_has_suffix (name, ".txt"))
        continue;
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr (GPtrArray) corpus = gls_corpus_read (path, &error);
      cr_assert_not_null (corpus, "%s: %s", name, error ? error->message : "");
      files++;
      for (guint i = 0; i < corpus->len; i++)
        {
          const GlsCorpusExample *ex = g_ptr_array_index (corpus, i);
          gsize len = 0;
          const char *input = g_bytes_get_data (ex->input, &len);
          g_autoptr (TSTree) tree = parse (parser, input != NULL ? input : "", len);
          g_autofree char *sexp = ts_node_string (ts_tree_root_node (tree));
          g_autofree char *actual = gls_corpus_actual (ex, sexp);
          cr_expect_str_eq (actual, ex->expected, "%s: \"%s\"\n  actual   %s\n  expected %s", name,
                            ex->name, actual, ex->expected);
          examples++;
        }
    }
  cr_expect_geq (files, 5, "corpus files found: %u", files);
  cr_expect_geq (examples, 30, "corpus examples found: %u", examples);
}

GLS_TEST (grammar, corpus_reader_follows_the_cli)
{
  /* A suffixed first header makes unsuffixed headers and dividers input;
   * comments go, white space collapses, CRLF is a line end. */
  const char *file =
    "=== x\r\nfirst\r\n=== x\r\n"
    "a, b\r\n===\r\nnot a header\r\n===\r\n---\r\n**c**\r\n\r\n"
    "------ x\r\n\r\n; a comment\r\n(document  (entry\r\n header: (header)) )\r\n";
  const char *want_input = "a, b\r\n===\r\nnot a header\r\n===\r\n---\r\n**c**\r\n";
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "gls-corpus-XXXXXX.txt", NULL);
  g_autoptr (GError) error = NULL;
  int fd = g_mkstemp (path);
  cr_assert (fd >= 0);
  close (fd);
  cr_assert (g_file_set_contents (path, file, -1, &error));

  g_autoptr (GPtrArray) corpus = gls_corpus_read (path, &error);
  g_unlink (path);
  cr_assert_not_null (corpus);
  cr_assert_eq (corpus->len, 1);
  const GlsCorpusExample *ex = g_ptr_array_index (corpus, 0);
  gsize len = 0;
  const char *input = g_bytes_get_data (ex->input, &len);
  cr_expect_str_eq (ex->name, "first");
  cr_expect_eq (len, strlen (want_input));
  cr_expect (memcmp (input, want_input, MIN (len, strlen (want_input))) == 0);
  cr_expect_str_eq (ex->expected, "(document (entry header: (header)))");
  cr_expect (ex->has_fields);
}

/* ---- parser.c against node-types.json and grammar.json -------------------------- */

static JsonNode *
load_json (const char *name)
{
  g_autofree char *path = source_path ("grammar", "src", name, NULL);
  g_autoptr (JsonParser) jp = json_parser_new ();
  g_autoptr (GError) error = NULL;
  cr_assert (json_parser_load_from_file (jp, path, &error), "%s: %s", name, error ? error->message : "");
  return json_node_copy (json_parser_get_root (jp));
}

static GHashTable *
new_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
expect_same_sets (GHashTable *a, const char *a_name, GHashTable *b, const char *b_name)
{
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, a);
  while (g_hash_table_iter_next (&it, &key, NULL))
    cr_expect (g_hash_table_contains (b, key), "'%s' is in %s but not in %s (stale parser.c?)",
               (char *) key, a_name, b_name);
  g_hash_table_iter_init (&it, b);
  while (g_hash_table_iter_next (&it, &key, NULL))
    cr_expect (g_hash_table_contains (a, key), "'%s' is in %s but not in %s (stale parser.c?)",
               (char *) key, b_name, a_name);
}

/* FIELD names anywhere in a grammar.json rule. */
static void
collect_fields (JsonNode *node, GHashTable *fields)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (a); i++)
        collect_fields (json_array_get_element (a, i), fields);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (o, "type", ""), "FIELD") == 0)
        g_hash_table_add (fields, g_strdup (json_object_get_string_member (o, "name")));
      GList *members = json_object_get_values (o);
      for (GList *m = members; m != NULL; m = m->next)
        collect_fields (m->data, fields);
      g_list_free (members);
    }
}

GLS_TEST (grammar, parser_agrees_with_node_types_and_grammar_json)
{
  const TSLanguage *language = tree_sitter_glossary ();
  g_autoptr (JsonNode) node_types = load_json ("node-types.json");
  g_autoptr (JsonNode) grammar = load_json ("grammar.json");
  g_autoptr (GHashTable) lang_named = new_set ();
  g_autoptr (GHashTable) lang_anon = new_set ();
  g_autoptr (GHashTable) json_named = new_set ();
  g_autoptr (GHashTable) json_anon = new_set ();
  g_autoptr (GHashTable) lang_fields = new_set ();
  g_autoptr (GHashTable) json_fields = new_set ();
  g_autoptr (GHashTable) grammar_fields = new_set ();

  cr_expect_eq (ts_language_version (language), 14, "parser.c must be generated for ABI 14");

  for (TSSymbol s = 0; s < ts_language_symbol_count (language); s++)
    {
      TSSymbolType type = ts_language_symbol_type (language, s);
      const char *name = ts_language_symbol_name (language, s);
      if (type == TSSymbolTypeRegular)
        g_hash_table_add (lang_named, g_strdup (name));
      else if (type == TSSymbolTypeAnonymous)
        g_hash_table_add (lang_anon, g_strdup (name));
    }
  for (TSFieldId f = 1; f <= ts_language_field_count (language); f++)
    g_hash_table_add (lang_fields, g_strdup (ts_language_field_name_for_id (language, f)));

  JsonArray *types = json_node_get_array (node_types);
  for (guint i = 0; i < json_array_get_length (types); i++)
    {
      JsonObject *t = json_array_get_object_element (types, i);
      const char *name = json_object_get_string_member (t, "type");
      g_hash_table_add (json_object_get_boolean_member (t, "named") ? json_named : json_anon,
                        g_strdup (name));
      if (json_object_has_member (t, "fields"))
        {
          GList *names = json_object_get_members (json_object_get_object_member (t, "fields"));
          for (GList *n = names; n != NULL; n = n->next)
            g_hash_table_add (json_fields, g_strdup (n->data));
          g_list_free (names);
        }
    }
  expect_same_sets (lang_named, "parser.c (named)", json_named, "node-types.json (named)");
  expect_same_sets (lang_anon, "parser.c (anonymous)", json_anon, "node-types.json (anonymous)");
  expect_same_sets (lang_fields, "parser.c (fields)", json_fields, "node-types.json (fields)");

  JsonObject *g = json_node_get_object (grammar);
  cr_expect_str_eq (json_object_get_string_member (g, "name"), "glossary");
  collect_fields (json_object_get_member (g, "rules"), grammar_fields);
  expect_same_sets (lang_fields, "parser.c (fields)", grammar_fields, "grammar.json (fields)");

  /* Every visible rule of grammar.json is a named symbol of parser.c. */
  GList *rules = json_object_get_members (json_object_get_object_member (g, "rules"));
  for (GList *r = rules; r != NULL; r = r->next)
    {
      const char *name = r->data;
      if (name[0] != '_')
        cr_expect_neq (ts_language_symbol_for_name (language, name, (uint32_t) strlen (name), true), 0,
                       "rule '%s' of grammar.json is not in parser.c", name);
    }
  g_list_free (rules);

  /* The externals: same count, and the visible ones under the same names. */
  JsonArray *externals = json_object_get_array_member (g, "externals");
  cr_expect_eq (json_array_get_length (externals), language->external_token_count,
                "grammar.json has %u externals, parser.c %u", json_array_get_length (externals),
                language->external_token_count);
  for (guint i = 0; i < MIN (json_array_get_length (externals), language->external_token_count); i++)
    {
      JsonObject *e = json_array_get_object_element (externals, i);
      const char *kind = json_object_get_string_member (e, "type");
      const char *name = json_object_get_string_member (e, strcmp (kind, "STRING") == 0 ? "value" : "name");
      TSSymbol s = language->external_scanner.symbol_map[i];
      if (name[0] != '_')
        cr_expect_str_eq (ts_language_symbol_name (language, s), name, "external %u", i);
    }
}

/* ---- token extents ---------------------------------------------------------------- */

/* The texts of the named children of `node`, as "type:text" joined by '|'. */
static char *
children_summary (const char *text, TSNode node)
{
  GString *out = g_string_new (NULL);
  for (uint32_t i = 0; i < ts_node_named_child_count (node); i++)
    {
      TSNode c = ts_node_named_child (node, i);
      g_autofree char *t = node_text (text, c);
      g_string_append_printf (out, "%s%s:%s", i ? "|" : "", ts_node_type (c), t);
    }
  return g_string_free (out, FALSE);
}

static char *
header_summary (TSParser *parser, const char *text)
{
  g_autoptr (TSTree) tree = parse (parser, text, strlen (text));
  TSNode entry = ts_node_named_child (ts_tree_root_node (tree), 0);
  cr_assert (is_type (entry, "entry"), "no entry in: %s", text);
  return children_summary (text, ts_node_child_by_field_name (entry, "header", 6));
}

GLS_TEST (grammar, header_items_exclude_separators_and_spaces)
{
  g_autoptr (TSParser) parser = new_parser ();
  struct { const char *in, *want; } cases[] = {
    { "alpha beta , gamma,  delta  \nx", "term:alpha beta|term:gamma|term:delta" },
    { "ring attention,distributed training\n", "term:ring attention|category:distributed training" },
    { "rife, RIFE, multimodal ai", "term:rife|term:RIFE|category:multimodal ai" },
    { "loss spike,instability,training\n", "term:loss spike|term:instability|term:training" },
    { "rife, rifer, multimodal ai\n", "term:rife|term:rifer|term:multimodal ai" },
    { "longformer\n\n**Longformer**", "term:longformer" },
    { "trailing edge / mature node,industry\r\n", "term:trailing edge / mature node|category:industry" },
    { "risk assessment (legal),risk assessment,legal,legal ai\n",
      "term:risk assessment (legal)|term:risk assessment|term:legal|term:legal ai" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = header_summary (parser, cases[i].in);
      cr_expect_str_eq (got, cases[i].want, "header of %s", cases[i].in);
    }
}

GLS_TEST (grammar, headword_field_names_the_first_item)
{
  g_autoptr (TSParser) parser = new_parser ();
  const char *text = "lora,low-rank adaptation,peft\n**LoRA**\n";
  g_autoptr (TSTree) tree = parse (parser, text, strlen (text));
  TSNode entry = ts_node_named_child (ts_tree_root_node (tree), 0);
  TSNode header = ts_node_child_by_field_name (entry, "header", 6);
  g_autofree char *headword = node_text (text, ts_node_child_by_field_name (header, "headword", 8));
  cr_expect_str_eq (headword, "lora");
}

GLS_TEST (grammar, body_starts_after_the_header_line_end)
{
  g_autoptr (TSParser) parser = new_parser ();
  const char *text = "toolbench, ai agents\r\n\r\n**ToolBench** is a benchmark.\r\n\r\n";
  g_autoptr (TSTree) tree = parse (parser, text, strlen (text));
  TSNode entry = ts_node_named_child (ts_tree_root_node (tree), 0);
  TSNode header = ts_node_child_by_field_name (entry, "header", 6);
  TSNode body = ts_node_child_by_field_name (entry, "body", 4);
  cr_assert (is_type (body, "body"));
  cr_expect_eq (ts_node_end_byte (header), strlen ("toolbench, ai agents"),
                "a header ends with its last item");
  cr_expect_eq (ts_node_start_byte (body), strlen ("toolbench, ai agents\r\n"));
  cr_expect_eq (ts_node_end_byte (body), strlen (text), "blank lines belong to the body");

  /* At the end of the file the line end is all that follows. */
  const char *last = "a, b\n";
  g_autoptr (TSTree) tree2 = parse (parser, last, strlen (last));
  TSNode entry2 = ts_node_named_child (ts_tree_root_node (tree2), 0);
  cr_expect (ts_node_is_null (ts_node_child_by_field_name (entry2, "body", 4)));
  cr_expect_eq (count_errors (ts_tree_root_node (tree2)), 0);
}

GLS_TEST (grammar, code_and_math_block_parts)
{
  g_autoptr (TSParser) parser = new_parser ();
  const char *text = "x, y\n~~~~ python  \nprint(a, b)\n~~~\n~~~~~\n$$\na, b\n$$\n";
  g_autoptr (TSTree) tree = parse (parser, text, strlen (text));
  TSNode entry = ts_node_named_child (ts_tree_root_node (tree), 0);
  TSNode body = ts_node_child_by_field_name (entry, "body", 4);
  g_autofree char *blocks = children_summary (text, body);
  cr_assert_eq (ts_node_named_child_count (body), 2, "%s", blocks);
  g_autofree char *code = children_summary (text, ts_node_named_child (body, 0));
  g_autofree char *math = children_summary (text, ts_node_named_child (body, 1));
  cr_expect_str_eq (code, "fence_delimiter:~~~~|info_string:python|code_content:print(a, b)\n~~~\n"
                          "|fence_delimiter:~~~~~");
  cr_expect_str_eq (math, "math_delimiter:$$|math_content:a, b\n|math_delimiter:$$");
}

GLS_TEST (grammar, preamble_lines_and_stray_text)
{
  g_autoptr (TSParser) parser = new_parser ();
  const char *page = "\xe2\x86\x90 Back to AI Factory Chat\n\nAI Factory Glossary  \n\n"
                     "3,983 technical terms and definitions\n\nlevel shifter,circuits\n\nA level shifter.";
  g_autoptr (TSTree) tree = parse (parser, page, strlen (page));
  TSNode preamble = ts_node_named_child (ts_tree_root_node (tree), 0);
  cr_assert (is_type (preamble, "preamble"));
  g_autofree char *lines = children_summary (page, preamble);
  cr_expect_str_eq (lines, "preamble_line:\xe2\x86\x90 Back to AI Factory Chat|preamble_line:AI Factory Glossary"
                           "|preamble_line:3,983 technical terms and definitions");
  cr_expect_eq (ts_node_named_child_count (ts_tree_root_node (tree)), 2);

  const char *notes = "\n\nSome notes, first.\nMore.\nlevel shifter,circuits\nA level shifter.";
  g_autoptr (TSTree) tree2 = parse (parser, notes, strlen (notes));
  TSNode stray = ts_node_named_child (ts_tree_root_node (tree2), 0);
  cr_assert (is_type (stray, "stray"));
  cr_expect_eq (ts_node_start_point (stray).row, 2, "stray starts at its first non-blank line");
  cr_expect (is_type (ts_node_named_child (ts_tree_root_node (tree2), 1), "entry"));
}

/* ---- robustness ---------------------------------------------------------------------- */

/* Parses without crashing, and without error nodes: every byte sequence is a
 * valid glossary file (at worst all stray text). */
static void
expect_clean_parse (TSParser *parser, const char *text, gsize len, const char *what)
{
  g_autoptr (TSTree) tree = parse (parser, text, len);
  TSNode root = ts_tree_root_node (tree);
  cr_expect_eq (count_errors (root), 0, "%s: error nodes", what);
  cr_expect_eq (ts_node_end_byte (root) <= len, TRUE, "%s: the tree ends past the input", what);
}

GLS_TEST (grammar, odd_inputs_parse_cleanly)
{
  g_autoptr (TSParser) parser = new_parser ();
  static const char nul[] = "a, b\n\0\0**x\0**\n\0";
  static const char *inputs[] = {
    "", "\n", "\r\n", "\r", "   ", " \t \n\n", "\xe2\x86\x90", "\xe2\x86\x90\n\n", "a,", ",", "```", "$$",
    "a, b", "a, b\n```", "a, b\n$$", "a, b\n```\n```python\n", "\xff\xfe\x80, b\n", "a\xff, b\n**x**",
    "a, b\n\xc3", "\xef\xbb\xbf" "a, b\n**x**", "a, b\rc, d\r\n", "x\n \n**y**", "1. a, b\n", "a,,b\n",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *what = g_strescape (inputs[i], NULL);
      expect_clean_parse (parser, inputs[i], strlen (inputs[i]), what);
    }
  expect_clean_parse (parser, nul, sizeof nul - 1, "NUL bytes");
}

GLS_TEST (grammar, random_bytes_parse_cleanly)
{
  g_autoptr (TSParser) parser = new_parser ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261125);
  static const char *pieces[] = {
    "```", "~~~", "````", "$$", "**", ",", ", ", "\n", "\n", "\r\n", "\r", " ", "a", "b c",
    "1. ", "\xe2\x86\x90", "\xff", "\xc3\xa9", "python", "`", "(", ".", ":", "rife, rife, x", "a,b\n**B**\n",
  };
  for (int round = 0; round < 400; round++)
    {
      g_autoptr (GString) s = g_string_new (NULL);
      gboolean raw = round % 2 == 0;
      int n = g_rand_int_range (rand, 0, 300);
      for (int k = 0; k < n; k++)
        if (raw)
          g_string_append_c (s, (char) g_rand_int_range (rand, 0, 256));
        else
          g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      g_autofree char *what = g_strdup_printf ("random input %d", round);
      expect_clean_parse (parser, s->str, s->len, what);
    }
}

GLS_TEST (grammar, megabyte_lines_parse_cleanly)
{
  g_autoptr (TSParser) parser = new_parser ();
  const gsize n = 1 << 20;
  const char fills[] = { 'a', '`', '$', '*', ',', '\r', '\xff' };
  g_autofree char *buf = g_malloc (n + 16);

  for (gsize f = 0; f < G_N_ELEMENTS (fills); f++)
    {
      memcpy (buf, "x, y\n", 5);
      memset (buf + 5, fills[f], n);
      g_autofree char *what = g_strdup_printf ("1 MiB of 0x%02x", (unsigned char) fills[f]);
      expect_clean_parse (parser, buf, n + 5, what);
    }
  /* One header of 64k items (tree-sitter needs some 8 us per item). */
  const gsize h = 1 << 17;
  for (gsize i = 0; i < h; i++)
    buf[i] = i % 2 ? ',' : 'a';
  buf[h - 1] = 'b';
  g_autoptr (TSTree) tree = parse (parser, buf, h);
  TSNode header = ts_node_named_child (ts_node_named_child (ts_tree_root_node (tree), 0), 0);
  cr_expect (is_type (header, "header"));
  cr_expect_eq (ts_node_named_child_count (header), h / 2);
}

/* Node by node: same types and byte ranges. */
static gboolean
same_trees (TSNode a, TSNode b)
{
  if (ts_node_symbol (a) != ts_node_symbol (b) || ts_node_start_byte (a) != ts_node_start_byte (b) ||
      ts_node_end_byte (a) != ts_node_end_byte (b) || ts_node_child_count (a) != ts_node_child_count (b))
    return FALSE;
  for (uint32_t i = 0; i < ts_node_child_count (a); i++)
    if (!same_trees (ts_node_child (a, i), ts_node_child (b, i)))
      return FALSE;
  return TRUE;
}

static TSPoint
point_at (const char *text, gsize offset)
{
  TSPoint p = { 0, 0 };
  for (gsize i = 0; i < offset; i++)
    {
      if (text[i] == '\n')
        {
          p.row++;
          p.column = 0;
        }
      else
        p.column++;
    }
  return p;
}

/* Incremental reparsing reuses tokens together with the scanner state
 * serialized after them: after any edit it must give the fresh parse's tree. */
GLS_TEST (grammar, incremental_reparse_matches_a_fresh_parse, .timeout = 300)
{
  static const char *inserts[] = {
    "", "```\n", "```python\n", "$$\n", "a, b\n", "**x**\n", "x\n", "\r\n", "\n", ",", "~~~", "1. ", "rife, rife, y\n",
    ":", "*", "`", " ",
  };
  g_autoptr (TSParser) parser = new_parser ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (4242);
  gsize len = 0;
  g_autofree char *seed = read_seed ("000_1468cb394edebb76.txt", &len);
  g_autoptr (GString) text = g_string_new_len (seed, (gssize) MIN (len, 24000));
  TSTree *tree = parse (parser, text->str, text->len);

  for (int round = 0; round < 150; round++)
    {
      gsize start = (gsize) g_rand_int_range (rand, 0, (gint32) text->len + 1);
      gsize old_len = MIN ((gsize) g_rand_int_range (rand, 0, 40), text->len - start);
      const char *ins = inserts[g_rand_int_range (rand, 0, G_N_ELEMENTS (inserts))];
      TSInputEdit edit = { 0 };

      edit.start_byte = (uint32_t) start;
      edit.old_end_byte = (uint32_t) (start + old_len);
      edit.new_end_byte = (uint32_t) (start + strlen (ins));
      edit.start_point = point_at (text->str, start);
      edit.old_end_point = point_at (text->str, start + old_len);
      g_string_erase (text, (gssize) start, (gssize) old_len);
      g_string_insert (text, (gssize) start, ins);
      edit.new_end_point = point_at (text->str, edit.new_end_byte);

      ts_tree_edit (tree, &edit);
      TSTree *next = ts_parser_parse_string (parser, tree, text->str, (uint32_t) text->len);
      g_autoptr (TSTree) fresh = parse (parser, text->str, text->len);
      ts_tree_delete (tree);
      tree = next;
      cr_assert (same_trees (ts_tree_root_node (tree), ts_tree_root_node (fresh)),
                 "round %d: incremental parse differs after inserting \"%s\" at %zu", round, ins, start);
      cr_expect_eq (count_errors (ts_tree_root_node (tree)), 0, "round %d", round);
    }
  ts_tree_delete (tree);
}
