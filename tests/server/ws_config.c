/* Configuration layers, settings changes and pulls, and glossary reloads
 * when files change on disk, through the server. */
#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

#include "common/leak-check.h"
#include "server/workspace/workspace.h"
#include "ws_fixture.h"

static const char *const vllm_entry =
  "vllm, inference server\n"
  "**vLLM**\n"
  "vLLM serves models fast. vLLM is popular.\n";

static gint64
first_severity (WsFixture *f, const char *uri)
{
  g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, -1);
  cr_assert (tjson_len (params, "diagnostics") >= 1);
  return tjson_int (params, "diagnostics.0.severity");
}

static void
change_settings (WsFixture *f, const char *settings_json)
{
  g_autofree char *params = g_strdup_printf ("{\"settings\":%s}", settings_json);
  ws_notify (f, "workspace/didChangeConfiguration", params);
}

GLS_TEST (ws_config, layers_merge_in_order)
{
  WsSetup setup = {
    .project_file = "{\"rules\":{\"term-case\":\"error\",\"misspelled-term\":\"hint\"}}",
    .init_options = "{\"diagnosticsDelay\":0,\"rules\":{\"term-case\":\"warning\"}}",
  };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");

  ws_open (f, uri, "markdown", "Lora and a Levenstein transformer.\n");
  g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, 1);
  /* initializationOptions beat the project file; untouched keys stay. */
  cr_assert_eq (tjson_int (params, "diagnostics.0.severity"), 2);
  cr_assert_eq (tjson_int (params, "diagnostics.1.severity"), 4);

  /* Settings beat both, wrapped or bare; each settings change replaces the
   * previous settings layer. */
  change_settings (f, "{\"glossaryLs\":{\"rules\":{\"term-case\":\"hint\"}}}");
  cr_assert_eq (first_severity (f, uri), 4);
  change_settings (f, "{\"rules\":{\"term-case\":\"info\"}}");
  cr_assert_eq (first_severity (f, uri), 3);
  change_settings (f, "{\"other-extension\":{\"x\":1}}");
  cr_assert_eq (first_severity (f, uri), 2);
}

GLS_TEST (ws_config, bad_layers_are_reported_and_skipped)
{
  WsSetup setup = { .init_options = "{\"diagnosticsDelay\":0,\"bogusKey\":1}" };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");

  g_autoptr (JsonNode) warning = ws_wait_notification (f, "window/logMessage", "bogusKey");
  ws_open (f, uri, "markdown", "Lora.\n");
  cr_assert_eq (first_severity (f, uri), 2);
  /* An invalid severity: the whole settings layer is ignored, with a message. */
  change_settings (f, "{\"rules\":{\"term-case\":\"loud\"}}");
  g_autoptr (JsonNode) shown = ws_wait_notification (f, "window/showMessage", "loud");
  cr_assert_eq (tjson_int (shown, "type"), 1);
  cr_assert_eq (first_severity (f, uri), 2);
  /* The server's own keys never reach the rule configuration's warnings. */
  for (GList *l = f->inbox->head; l != NULL; l = l->next)
    {
      g_autofree char *json = tjson_text (l->data);
      cr_assert_null (strstr (json, "unknown key \\\"diagnosticsDelay"), "%s", json);
    }
}

GLS_TEST (ws_config, configuration_is_pulled_when_supported)
{
  WsSetup setup = { .capabilities = "{\"workspace\":{\"configuration\":true}}" };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");

  f->config_answer = g_strdup ("[{\"rules\":{\"term-case\":\"off\"},\"diagnosticsDelay\":0}]");
  ws_sync (f);
  ws_open (f, uri, "markdown", "Lora and a Levenstein transformer.\n");
  /* The pull may be answered after the first check: wait for its effect. */
  for (;;)
    {
      g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, -1);
      g_autofree char *summary = ws_diag_summary (params);
      if (strstr (summary, "term-case") == NULL)
        {
          cr_assert_str_eq (summary, "misspelled-term@0:11");
          break;
        }
    }
  cr_assert_geq (f->config_pulls, 1);
  guint pulls = f->config_pulls;
  /* A change notification triggers a new pull. */
  g_free (f->config_answer);
  f->config_answer = g_strdup ("[{\"rules\":{\"misspelled-term\":\"off\"}}]");
  change_settings (f, "null");
  for (;;)
    {
      g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, -1);
      g_autofree char *summary = ws_diag_summary (params);
      if (strstr (summary, "misspelled-term") == NULL)
        {
          cr_assert_str_eq (summary, "term-case@0:0");
          break;
        }
    }
  cr_assert_gt (f->config_pulls, pulls);
}

static void
count_changes (GlsWorkspace *ws, gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* Waits for a publish for uri whose summary contains needle. */
static void
wait_for_summary (WsFixture *f, const char *uri, const char *needle)
{
  for (;;)
    {
      g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, -1);
      g_autofree char *summary = ws_diag_summary (params);
      if (strstr (summary, needle) != NULL)
        return;
    }
}

GLS_TEST (ws_config, glossary_reloads_when_its_file_changes_on_disk)
{
  WsSetup setup = { .file_monitors = TRUE };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");
  guint changes = 0;

  guint generation = gls_workspace_get_generation (f->ws);
  gls_workspace_connect_glossary_changed (f->ws, count_changes, &changes, NULL);
  ws_open (f, uri, "markdown", "Vllm serves Lora models.\n");
  g_autoptr (JsonNode) before = ws_wait_diagnostics (f, uri, 1);
  g_autofree char *before_summary = ws_diag_summary (before);
  cr_assert_str_eq (before_summary, "term-case@0:12");

  g_autofree char *text = g_strconcat (ws_default_glossary, vllm_entry, NULL);
  ws_write_file (f, "terms.txt", text);
  wait_for_summary (f, uri, "term-case@0:0");
  cr_assert_eq (changes, 1);
  cr_assert_eq (gls_workspace_get_generation (f->ws), generation + 1);
}

GLS_TEST (ws_config, watched_files_notification_reloads)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "a.md");
  g_autofree char *glossary_uri = g_filename_to_uri (f->glossary_path, NULL, NULL);

  ws_open (f, uri, "markdown", "Vllm.\n");
  g_autoptr (JsonNode) before = ws_wait_diagnostics (f, uri, 1);
  cr_assert_eq (tjson_len (before, "diagnostics"), 0);
  g_autofree char *text = g_strconcat (ws_default_glossary, vllm_entry, NULL);
  ws_write_file (f, "terms.txt", text);
  g_autofree char *params = g_strdup_printf ("{\"changes\":[{\"uri\":\"%s\",\"type\":2}]}", glossary_uri);
  ws_notify (f, "workspace/didChangeWatchedFiles", params);
  wait_for_summary (f, uri, "term-case@0:0");
}

GLS_TEST (ws_config, project_file_glossaries_are_relative_to_it_and_watched)
{
  WsSetup setup = { .project_file = "{\"glossaries\":[\"more\"]}", .file_monitors = TRUE };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");
  g_autofree char *more = g_build_filename (f->dir, "more", NULL);

  ws_open (f, uri, "markdown", "Vllm.\n");
  g_autoptr (JsonNode) before = ws_wait_diagnostics (f, uri, 1);
  cr_assert_eq (tjson_len (before, "diagnostics"), 0);
  /* The directory appears after start, and the project file changes: the
   * configuration and the glossary are both reloaded. */
  cr_assert_eq (g_mkdir (more, 0755), 0);
  ws_write_file (f, "more/extra.txt", vllm_entry);
  ws_write_file (f, ".glossary-ls.json", "{\"glossaries\":[\"more\"],\"rules\":{\"term-case\":\"error\"}}");
  for (;;)
    {
      g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, -1);
      if (tjson_len (params, "diagnostics") == 1 && tjson_int (params, "diagnostics.0.severity") == 1)
        break;
    }
}

GLS_TEST (ws_config, a_word_list_added_in_a_hidden_directory_of_a_watched_glossary_directory_reloads)
{
  WsSetup setup = { .file_monitors = TRUE };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");
  g_autofree char *vale = g_build_filename (f->dir, "more", ".vale", NULL);

  ws_open (f, uri, "markdown", "Lora and Vllm.\n");
  wait_for_summary (f, uri, "term-case@0:0");
  /* A glossary directory with an empty .vale, as in a repository whose Vale
   * vocabulary gains its first list; the project file names it (and makes
   * term-case an error, so its reload is seen). */
  cr_assert_eq (g_mkdir_with_parents (vale, 0755), 0);
  ws_write_file (f, "more/extra.txt", "unrelated, term\n**Unrelated**\nA term.\n");
  ws_write_file (f, ".glossary-ls.json", "{\"glossaries\":[\"more\"],\"rules\":{\"term-case\":\"error\"}}");
  for (;;)
    {
      g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, -1);
      if (tjson_len (params, "diagnostics") == 1 && tjson_int (params, "diagnostics.0.severity") == 1)
        break;
    }
  /* Only now does the list appear, inside the hidden directory. */
  ws_write_file (f, "more/.vale/accept.txt", "vLLM\n");
  wait_for_summary (f, uri, "term-case@0:9");
}

GLS_TEST (ws_config, broken_glossary_is_reported_and_the_rest_loads)
{
  g_autofree char *broken = g_strconcat (ws_default_glossary, "broken, entry\n**Broken**\n```\nnever closed\n", NULL);
  WsSetup setup = { .glossary_text = broken };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");

  ws_open (f, uri, "markdown", "Lora.\n");
  g_autoptr (JsonNode) shown = ws_wait_notification (f, "window/showMessage", "terms.txt:");
  cr_assert_not_null (strstr (tjson_str (shown, "message"), "terms.txt:15"), "%s", tjson_str (shown, "message"));
  g_autoptr (JsonNode) logged = ws_wait_notification (f, "window/logMessage", "never closed");
  g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, 1);
  g_autofree char *summary = ws_diag_summary (params);
  cr_assert_str_eq (summary, "term-case@0:0");
}

GLS_TEST (ws_config, a_markdown_glossary_reloads_when_it_changes)
{
  WsSetup setup = { .project_file = "{\"glossaries\":[\"TEAM-GLOSSARY.md\"]}" };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");
  g_autofree char *glossary_uri = ws_uri (f, "TEAM-GLOSSARY.md");

  ws_open (f, uri, "markdown", "Vllm.\n");
  g_autoptr (JsonNode) before = ws_wait_diagnostics (f, uri, 1);
  cr_assert_eq (tjson_len (before, "diagnostics"), 0);
  /* A glossary page in Markdown (format.h), not the seed layout. */
  ws_write_file (f, "TEAM-GLOSSARY.md", "# Team glossary\n\n## vLLM\n\nA serving engine for large language models.\n");
  g_autofree char *params = g_strdup_printf ("{\"changes\":[{\"uri\":\"%s\",\"type\":1}]}", glossary_uri);
  ws_notify (f, "workspace/didChangeWatchedFiles", params);
  wait_for_summary (f, uri, "term-case@0:0");
}

GLS_TEST (ws_config, a_project_file_says_how_a_glossary_reads)
{
  /* team.txt would be read in the seed layout; the project file says it is a
   * Markdown glossary page. */
  WsSetup setup = { .project_file = "{\"glossaries\":[{\"path\":\"team.txt\",\"format\":\"markdown\"}]}" };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");
  g_autofree char *glossary_uri = ws_uri (f, "team.txt");

  ws_open (f, uri, "markdown", "Vllm.\n");
  g_autoptr (JsonNode) before = ws_wait_diagnostics (f, uri, 1);
  cr_assert_eq (tjson_len (before, "diagnostics"), 0);
  ws_write_file (f, "team.txt", "## vLLM\n\nA serving engine for large language models.\n");
  g_autofree char *params = g_strdup_printf ("{\"changes\":[{\"uri\":\"%s\",\"type\":1}]}", glossary_uri);
  ws_notify (f, "workspace/didChangeWatchedFiles", params);
  wait_for_summary (f, uri, "term-case@0:0");
}
