/* Regression test for what memcheck found under the e2e tests
 * (tests/valgrind/run-e2e.sh): the ignore-word command leaked the JSON object
 * it created when the workspace had no .glossary-ls.json yet
 * (json_node_init_object takes its own reference). The leak check of this
 * suite fails the test in the ASan build. */
#include <criterion/criterion.h>

#include "common/leak-check.h"
#include "server/ws_fixture.h"

GLS_TEST (regress_workspace, ignore_word_creates_the_project_file)
{
  WsSetup setup = { 0 };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *path = g_build_filename (f->dir, ".glossary-ls.json", NULL);

  cr_assert_not (g_file_test (path, G_FILE_TEST_EXISTS));
  g_autoptr (JsonNode) result = ws_request (
      f, "workspace/executeCommand",
      "{\"command\":\"glossary-ls.ignoreWord\",\"arguments\":[\"Levenstein\"]}");

  g_autoptr (JsonParser) parser = json_parser_new ();
  cr_assert (json_parser_load_from_file (parser, path, NULL));
  JsonNode *root = json_parser_get_root (parser);
  cr_assert (JSON_NODE_HOLDS_OBJECT (root));
  JsonArray *words = json_object_get_array_member (json_node_get_object (root), "ignoreWords");
  cr_assert_not_null (words);
  cr_assert_eq (json_array_get_length (words), 1);
  cr_assert_str_eq (json_array_get_string_element (words, 0), "Levenstein");
}
