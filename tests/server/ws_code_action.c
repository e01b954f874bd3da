/* textDocument/codeAction and the ignore-word command through the server. */
#include <criterion/criterion.h>
#include <string.h>

#include "analysis/rule_info.h"
#include "common/leak-check.h"
#include "server/features/features.h"
#include "ws_fixture.h"

static JsonNode *
code_actions (WsFixture *f, const char *uri, int sl, int sc, int el, int ec, const char *only)
{
  g_autofree char *params = g_strdup_printf (
    "{\"textDocument\":{\"uri\":\"%s\"},\"range\":{\"start\":{\"line\":%d,\"character\":%d},"
    "\"end\":{\"line\":%d,\"character\":%d}},\"context\":{\"diagnostics\":[]%s%s}}",
    uri, sl, sc, el, ec, only != NULL ? ",\"only\":" : "", only != NULL ? only : "");
  return ws_request (f, "textDocument/codeAction", params);
}

/* The action whose title starts with prefix, or NULL. */
static JsonNode *
find_action (JsonNode *actions, const char *prefix)
{
  guint n = json_array_get_length (json_node_get_array (actions));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *a = json_array_get_element (json_node_get_array (actions), i);
      if (g_str_has_prefix (tjson_str (a, "title"), prefix))
        return a;
    }
  return NULL;
}

GLS_TEST (ws_code_action, quickfix_with_changes_fixes_the_text)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "a.md");
  const char *text = "Über alles: we like Lora.\n";

  ws_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) diags = ws_wait_diagnostics (f, uri, 1);
  /* Cursor inside "Lora" (UTF-16 column 22). */
  g_autoptr (JsonNode) actions = code_actions (f, uri, 0, 22, 0, 22, NULL);
  JsonNode *fix = find_action (actions, "Replace with “LoRA”");
  g_autofree char *json = tjson_text (actions);
  cr_assert_not_null (fix, "%s", json);
  cr_assert_str_eq (tjson_str (fix, "kind"), "quickfix");
  cr_assert (json_node_get_boolean (tjson_path (fix, "isPreferred")));
  cr_assert_str_eq (tjson_str (fix, "diagnostics.0.code"), "term-case");
  /* The client did not announce documentChanges: a changes map. */
  cr_assert_null (tjson_path (fix, "edit.documentChanges"));
  JsonObject *changes = json_node_get_object (tjson_path (fix, "edit.changes"));
  cr_assert (json_object_has_member (changes, uri));
  g_autofree char *fixed = ws_apply_edits (text, json_object_get_member (changes, uri), GLS_POSITION_UTF16);
  cr_assert_str_eq (fixed, "Über alles: we like LoRA.\n");
}

GLS_TEST (ws_code_action, document_changes_carry_the_version)
{
  WsSetup setup = {
    .capabilities = "{\"general\":{\"positionEncodings\":[\"utf-8\"]},"
                    "\"workspace\":{\"workspaceEdit\":{\"documentChanges\":true}}}",
  };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");

  ws_open (f, uri, "markdown", "x\n");
  ws_change (f, uri, 7, 0, 0, 0, 1, "Über: a Levenstein transformer.");
  g_autoptr (JsonNode) diags = ws_wait_diagnostics (f, uri, 7);
  GlsOpenDocument *od = gls_workspace_get_document (f->ws, uri);
  const char *text = gls_open_document_get_text (od, NULL);
  /* UTF-8 columns: "Über: a " is 9 bytes. */
  g_autoptr (JsonNode) actions = code_actions (f, uri, 0, 9, 0, 12, NULL);
  JsonNode *fix = find_action (actions, "Replace with");
  cr_assert_not_null (fix);
  cr_assert_eq (tjson_int (fix, "edit.documentChanges.0.textDocument.version"), 7);
  cr_assert_str_eq (tjson_str (fix, "edit.documentChanges.0.textDocument.uri"), uri);
  g_autofree char *fixed = ws_apply_edits (text, tjson_path (fix, "edit.documentChanges.0.edits"),
                                           GLS_POSITION_UTF8);
  cr_assert_str_eq (fixed, "Über: a Levenshtein transformer.\n");
}

GLS_TEST (ws_code_action, only_and_range_filter)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "a.md");

  ws_open (f, uri, "markdown", "Lora here.\n\nNothing there.\n");
  g_autoptr (JsonNode) diags = ws_wait_diagnostics (f, uri, 1);
  g_autoptr (JsonNode) refactor = code_actions (f, uri, 0, 1, 0, 1, "[\"refactor\"]");
  cr_assert_eq (json_array_get_length (json_node_get_array (refactor)), 0);
  g_autoptr (JsonNode) quickfix = code_actions (f, uri, 0, 1, 0, 1, "[\"quickfix\"]");
  cr_assert_eq (json_array_get_length (json_node_get_array (quickfix)), 1);
  g_autoptr (JsonNode) elsewhere = code_actions (f, uri, 2, 0, 2, 7, NULL);
  cr_assert_eq (json_array_get_length (json_node_get_array (elsewhere)), 0);
  /* A selection over the whole line covers the finding too. */
  g_autoptr (JsonNode) selection = code_actions (f, uri, 0, 0, 1, 0, NULL);
  cr_assert_eq (json_array_get_length (json_node_get_array (selection)), 1);
  /* Unknown documents have no actions (and no error). */
  g_autofree char *other = ws_uri (f, "other.md");
  g_autoptr (JsonNode) none = code_actions (f, other, 0, 0, 0, 0, NULL);
  cr_assert_eq (json_array_get_length (json_node_get_array (none)), 0);
}

GLS_TEST (ws_code_action, ignore_word_writes_the_project_file)
{
  WsSetup setup = { .project_file = "{\"rules\": {\"term-case\": \"error\"}, \"x-other\": 1}" };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");

  ws_open (f, uri, "markdown", "A Levenstein transformer and Lora.\n");
  g_autoptr (JsonNode) before = ws_wait_diagnostics (f, uri, 1);
  g_autofree char *summary = ws_diag_summary (before);
  cr_assert_str_eq (summary, "misspelled-term@0:2 term-case@0:29");

  g_autoptr (JsonNode) actions = code_actions (f, uri, 0, 4, 0, 4, NULL);
  JsonNode *ignore = find_action (actions, "Ignore “Levenstein” in this workspace");
  g_autofree char *json = tjson_text (actions);
  cr_assert_not_null (ignore, "%s", json);
  cr_assert_str_eq (tjson_str (ignore, "command.command"), "glossary-ls.ignoreWord");
  g_autofree char *args = tjson_text (tjson_path (ignore, "command.arguments"));

  g_autofree char *params = g_strdup_printf ("{\"command\":\"glossary-ls.ignoreWord\",\"arguments\":%s}", args);
  g_autoptr (JsonNode) result = ws_request (f, "workspace/executeCommand", params);
  g_autoptr (JsonNode) after = ws_wait_diagnostics (f, uri, 1);
  g_autofree char *after_summary = ws_diag_summary (after);
  cr_assert_str_eq (after_summary, "term-case@0:29");
  /* The project file's other settings are still in force. */
  cr_assert_eq (tjson_int (after, "diagnostics.0.severity"), 1);

  g_autofree char *path = g_build_filename (f->dir, ".glossary-ls.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  cr_assert (json_parser_load_from_file (parser, path, NULL));
  JsonNode *root = json_parser_get_root (parser);
  cr_assert_str_eq (tjson_str (root, "ignoreWords.0"), "Levenstein");
  cr_assert_eq (tjson_int (root, "x-other"), 1);

  /* The same word in another case is not added twice. */
  g_autoptr (JsonNode) again = ws_request (f, "workspace/executeCommand",
                                           "{\"command\":\"glossary-ls.ignoreWord\",\"arguments\":[\"LEVENSTEIN\"]}");
  g_autoptr (JsonParser) parser2 = json_parser_new ();
  cr_assert (json_parser_load_from_file (parser2, path, NULL));
  cr_assert_eq (tjson_len (json_parser_get_root (parser2), "ignoreWords"), 1);

  g_autoptr (JsonNode) bad = ws_request_raw (f, "workspace/executeCommand", "{\"command\":\"nope\"}");
  cr_assert_not_null (tjson_path (bad, "error"));
}

GLS_TEST (ws_code_action, flagged_word_is_the_differing_word)
{
  const char *text = "the rotary positon embeddings here";
  GlsFinding f = { 0 };
  f.start = 4;
  f.end = 4 + (guint32) strlen ("rotary positon embeddings");
  f.rule = GLS_RULE_MISSPELLED_TERM;
  f.replacements = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (f.replacements, g_strdup ("rotary position embeddings"));
  g_autofree char *word = gls_code_action_flagged_word (text, &f);
  cr_assert_str_eq (word, "positon");

  /* Case differences alone are not the misspelling. */
  g_ptr_array_set_size (f.replacements, 0);
  g_ptr_array_add (f.replacements, g_strdup ("Rotary Positon Embeddings"));
  g_autofree char *whole = gls_code_action_flagged_word (text, &f);
  cr_assert_str_eq (whole, "rotary positon embeddings");
  g_ptr_array_unref (f.replacements);
}
