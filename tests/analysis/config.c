/* Tests of lsp/analysis/config.c: .glossary-ls.json and LSP settings. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/config.h"

#include "common/leak-check.h"

static gboolean
merge (GlsRuleConfig *c, const char *json, GPtrArray *warnings, GError **error)
{
  return gls_rule_config_merge_data (c, json, -1, NULL, "/project", warnings, error);
}

static char *
glossaries_string (const GlsRuleConfig *c)
{
  return g_strjoinv ("|", (char **) gls_rule_config_glossaries (c));
}

GLS_TEST (config, defaults)
{
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  for (guint r = 0; r < GLS_N_RULES; r++)
    cr_expect_eq (gls_rule_config_severity (c, r), GLS_SEVERITY_WARNING);
  cr_expect (gls_rule_config_default_glossary (c));
  cr_expect (!gls_rule_config_workspace_symbols (c));
  cr_expect_null (gls_rule_config_glossaries (c)[0]);
  cr_expect (!gls_rule_config_is_ignored (c, "Levenstein", -1));
}

GLS_TEST (config, a_full_project_file)
{
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  cr_assert (merge (c, "{\"glossaries\": [\"docs/terms.txt\", \"/abs/g\", \"../shared\"],"
                       " \"defaultGlossary\": false,"
                       " \"rules\": {\"term-case\": \"error\", \"misspelled-term\": \"off\"},"
                       " \"ignoreWords\": [\"Levenstein\", \"Ünïcode\"]}", warnings, &error),
             "%s", error ? error->message : "");
  cr_expect_eq (warnings->len, 0);
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_TERM_CASE), GLS_SEVERITY_ERROR);
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_MISSPELLED_TERM), GLS_SEVERITY_OFF);
  cr_expect (!gls_rule_config_default_glossary (c));
  g_autofree char *paths = glossaries_string (c);
  cr_expect_str_eq (paths, "/project/docs/terms.txt|/abs/g|/shared");
  cr_expect (gls_rule_config_is_ignored (c, "levenSTEIN", -1));
  cr_expect (gls_rule_config_is_ignored (c, "Levenstein transformer", 10));
  cr_expect (gls_rule_config_is_ignored (c, "ÜNÏCODE", -1));
  cr_expect (!gls_rule_config_is_ignored (c, "Levenshtein", -1));
}

GLS_TEST (config, severities_as_booleans_null_and_any_case)
{
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  cr_assert (merge (c, "{\"rules\": {\"term-case\": false, \"misspelled-term\": \"Information\"}}", NULL, NULL));
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_TERM_CASE), GLS_SEVERITY_OFF);
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_MISSPELLED_TERM), GLS_SEVERITY_INFO);
  cr_assert (merge (c, "{\"rules\": {\"term-case\": true, \"misspelled-term\": null}}", NULL, NULL));
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_TERM_CASE), GLS_SEVERITY_WARNING);
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_MISSPELLED_TERM), GLS_SEVERITY_WARNING);
}

static void
expect_invalid (const char *json, const char *key)
{
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  g_autoptr (GError) error = NULL;
  cr_assert (merge (c, "{\"rules\": {\"misspelled-term\": \"hint\"}}", NULL, &error));
  cr_expect (!merge (c, json, NULL, &error), "%s accepted", json);
  cr_assert_not_null (error);
  cr_expect (g_error_matches (error, GLS_CONFIG_ERROR, GLS_CONFIG_ERROR_INVALID), "%s: %s", json, error->message);
  cr_expect (strstr (error->message, key) != NULL, "message \"%s\" does not name %s", error->message, key);
  /* A failed merge changes nothing, not even the keys before the bad one. */
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_TERM_CASE), GLS_SEVERITY_WARNING);
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_MISSPELLED_TERM), GLS_SEVERITY_HINT);
  cr_expect_null (gls_rule_config_glossaries (c)[0]);
  cr_expect (!gls_rule_config_is_ignored (c, "y", -1));
}

GLS_TEST (config, bad_types_are_errors_naming_the_key)
{
  expect_invalid ("{\"rules\": [\"term-case\"]}", "rules");
  expect_invalid ("{\"rules\": {\"term-case\": \"error\", \"misspelled-term\": 2}}", "rules.misspelled-term");
  expect_invalid ("{\"rules\": {\"term-case\": \"loud\"}}", "rules.term-case");
  expect_invalid ("{\"glossaries\": \"docs/terms.txt\"}", "glossaries");
  expect_invalid ("{\"ignoreWords\": [\"y\", 3]}", "ignoreWords[1]");
  expect_invalid ("{\"term-case\": \"error\", \"defaultGlossary\": \"no\"}", "defaultGlossary");
  expect_invalid ("{\"workspaceSymbols\": 1}", "workspaceSymbols");
  expect_invalid ("{\"glossaryLs\": {\"rules\": {\"term-case\": []}}}", "glossaryLs.rules.term-case");
  expect_invalid ("{\"glossaryLs\": 1}", "glossaryLs");
}

GLS_TEST (config, not_json_or_not_an_object_is_a_parse_error)
{
  const char *bad[] = { "{\"rules\": ", "[1, 2]", "\"rules\"", "" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
      g_autoptr (GError) error = NULL;
      cr_expect (!gls_rule_config_merge_data (c, bad[i], -1, ".glossary-ls.json", NULL, NULL, &error), "%s", bad[i]);
      cr_expect (g_error_matches (error, GLS_CONFIG_ERROR, GLS_CONFIG_ERROR_PARSE), "%s: %s", bad[i],
                 error ? error->message : "no error");
      cr_expect (error && g_str_has_prefix (error->message, ".glossary-ls.json: "), "%s", error ? error->message : "");
    }
}

GLS_TEST (config, unknown_keys_and_rules_are_warnings)
{
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  cr_assert (merge (c, "{\"rulez\": {}, \"rules\": {\"term-cas\": \"off\", \"term-case\": \"hint\"}}", warnings, &error));
  cr_assert_eq (warnings->len, 2);
  cr_expect (strstr (g_ptr_array_index (warnings, 0), "rulez") != NULL, "%s", (char *) g_ptr_array_index (warnings, 0));
  cr_expect (strstr (g_ptr_array_index (warnings, 1), "rules.term-cas") != NULL, "%s", (char *) g_ptr_array_index (warnings, 1));
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_TERM_CASE), GLS_SEVERITY_HINT);
}

GLS_TEST (config, lsp_settings_bare_or_wrapped)
{
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  /* Other extensions' settings next to glossaryLs are not ours to warn about. */
  cr_assert (merge (c, "{\"otherExtension\": {\"x\": 1}, \"glossaryLs\": {\"rules\": {\"term-case\": \"info\"}}}",
                    warnings, NULL));
  cr_expect_eq (warnings->len, 0);
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_TERM_CASE), GLS_SEVERITY_INFO);
  cr_assert (merge (c, "{\"glossaryLs\": null}", NULL, NULL));
  cr_assert (merge (c, "null", NULL, NULL));
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_TERM_CASE), GLS_SEVERITY_INFO);
}

GLS_TEST (config, merge_order_later_wins_lists_accumulate)
{
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  /* defaults < project file < editor settings < command line */
  cr_assert (gls_rule_config_merge_data (c, "{\"rules\": {\"term-case\": \"error\", \"misspelled-term\": \"hint\"},"
                                            " \"glossaries\": [\"a.txt\"], \"ignoreWords\": [\"one\"]}",
                                         -1, "project", "/p", NULL, NULL));
  cr_assert (gls_rule_config_merge_data (c, "{\"glossaryLs\": {\"rules\": {\"term-case\": \"warning\"},"
                                            " \"glossaries\": [\"b.txt\", \"/p/a.txt\"], \"ignoreWords\": [\"two\"]}}",
                                         -1, NULL, "/w", NULL, NULL));
  gls_rule_config_set_severity (c, GLS_RULE_ID_MISSPELLED_TERM, GLS_SEVERITY_OFF);
  gls_rule_config_add_glossary (c, "c.txt");
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_TERM_CASE), GLS_SEVERITY_WARNING);
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_MISSPELLED_TERM), GLS_SEVERITY_OFF);
  g_autofree char *paths = glossaries_string (c);
  cr_expect_str_eq (paths, "/p/a.txt|/w/b.txt|c.txt");
  cr_expect (gls_rule_config_is_ignored (c, "one", -1) && gls_rule_config_is_ignored (c, "TWO", -1));

  /* A copy is independent of its original. */
  g_autoptr (GlsRuleConfig) copy = gls_rule_config_copy (c);
  gls_rule_config_set_severity (copy, GLS_RULE_ID_TERM_CASE, GLS_SEVERITY_ERROR);
  gls_rule_config_add_ignore_word (copy, "three");
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_TERM_CASE), GLS_SEVERITY_WARNING);
  cr_expect (!gls_rule_config_is_ignored (c, "three", -1));
  cr_expect (gls_rule_config_is_ignored (copy, "one", -1));
  g_autofree char *copy_paths = glossaries_string (copy);
  cr_expect_str_eq (copy_paths, paths);
}

GLS_TEST (config, variant_settings_as_jsonrpc_glib_delivers_them)
{
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) v = g_variant_ref_sink (g_variant_new_parsed (
    "{'glossaryLs': <{'rules': <{'term-case': <'error'>, 'misspelled-term': <false>}>,"
    " 'ignoreWords': <[<'Levenstein'>]>, 'glossaries': <[<'t.txt'>]>}>}"));
  cr_assert (gls_rule_config_merge_variant (c, v, "/ws", NULL, &error), "%s", error ? error->message : "");
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_TERM_CASE), GLS_SEVERITY_ERROR);
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_MISSPELLED_TERM), GLS_SEVERITY_OFF);
  cr_expect (gls_rule_config_is_ignored (c, "levenstein", -1));
  cr_expect_str_eq (gls_rule_config_glossaries (c)[0], "/ws/t.txt");
  cr_expect (gls_rule_config_merge_variant (c, NULL, NULL, NULL, NULL));
}

GLS_TEST (config, project_file_found_walking_up_to_the_stop_dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("gls-config-XXXXXX", &error);
  cr_assert_not_null (root, "%s", error ? error->message : "");
  g_autofree char *deep = g_build_filename (root, "proj", "docs", "api", NULL);
  cr_assert_eq (g_mkdir_with_parents (deep, 0700), 0);
  g_autofree char *proj = g_build_filename (root, "proj", NULL);
  g_autofree char *file = g_build_filename (proj, GLS_CONFIG_FILE_NAME, NULL);
  g_autofree char *outer = g_build_filename (root, GLS_CONFIG_FILE_NAME, NULL);
  cr_assert (g_file_set_contents (file, "{\"rules\": {\"term-case\": \"error\"}, \"glossaries\": [\"g.txt\"]}", -1, NULL));
  cr_assert (g_file_set_contents (outer, "{}", -1, NULL));

  g_autofree char *found = gls_rule_config_find_file (deep, root);
  cr_expect_str_eq (found, file);
  g_autofree char *at_stop = gls_rule_config_find_file (proj, proj);
  cr_expect_str_eq (at_stop, file);
  g_autofree char *docs = g_build_filename (proj, "docs", NULL);
  g_autofree char *stopped = gls_rule_config_find_file (deep, docs);
  cr_expect_null (stopped);
  g_autofree char *beyond = gls_rule_config_find_file (root, NULL);
  cr_expect_str_eq (beyond, outer);

  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  cr_assert (gls_rule_config_merge_file (c, found, NULL, &error), "%s", error ? error->message : "");
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_TERM_CASE), GLS_SEVERITY_ERROR);
  g_autofree char *g = g_build_filename (proj, "g.txt", NULL);
  cr_expect_str_eq (gls_rule_config_glossaries (c)[0], g);

  g_autofree char *missing = g_build_filename (root, "nope.json", NULL);
  g_clear_error (&error);
  cr_expect (!gls_rule_config_merge_file (c, missing, NULL, &error));
  cr_expect (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));

  cr_assert (g_file_set_contents (file, "{\"rules\": 1}", -1, NULL));
  g_clear_error (&error);
  cr_expect (!gls_rule_config_merge_file (c, file, NULL, &error));
  cr_expect (error && g_str_has_prefix (error->message, file), "%s", error ? error->message : "");

  g_remove (file);
  g_remove (outer);
  g_rmdir (deep);
  g_rmdir (docs);
  g_rmdir (proj);
  g_rmdir (root);
}

GLS_TEST (config, lint_limits_merge_later_wins_and_are_checked)
{
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  cr_expect_eq (gls_rule_config_lint_limit (c, GLS_LINT_MAX_FINDINGS_PER_FILE), -1);
  cr_expect_eq (gls_rule_config_lint_limit (c, GLS_LINT_MAX_FILE_SIZE), -1);
  cr_assert (merge (c, "{\"lint\": {\"maxFindingsPerFile\": 5, \"maxFileSize\": 4096, \"other\": 1}}", warnings, NULL));
  cr_expect_eq (gls_rule_config_lint_limit (c, GLS_LINT_MAX_FINDINGS_PER_FILE), 5);
  cr_expect_eq (gls_rule_config_lint_limit (c, GLS_LINT_MAX_FILE_SIZE), 4096);
  cr_assert_eq (warnings->len, 1);
  cr_expect (strstr (g_ptr_array_index (warnings, 0), "lint.other") != NULL);
  cr_assert (merge (c, "{\"lint\": {\"maxFindingsPerFile\": 0}}", NULL, NULL));
  cr_expect_eq (gls_rule_config_lint_limit (c, GLS_LINT_MAX_FINDINGS_PER_FILE), 0);
  cr_expect_eq (gls_rule_config_lint_limit (c, GLS_LINT_MAX_FILE_SIZE), 4096);
  g_autoptr (GlsRuleConfig) copy = gls_rule_config_copy (c);
  cr_expect_eq (gls_rule_config_lint_limit (copy, GLS_LINT_MAX_FILE_SIZE), 4096);
  expect_invalid ("{\"lint\": {\"maxFindingsPerFile\": -1}}", "lint.maxFindingsPerFile");
  expect_invalid ("{\"lint\": {\"maxFileSize\": \"1M\"}}", "lint.maxFileSize");
  expect_invalid ("{\"lint\": 3}", "lint");
}

/* A project file is the repository's: its glossaries must resolve (symlinks
 * followed) inside the file's directory; others are refused with a warning
 * naming the key, and the rest of the file still applies. */
GLS_TEST (config, project_file_glossaries_stay_inside_its_directory)
{
  g_autofree char *dir = g_dir_make_tmp ("gls-config-XXXXXX", NULL);
  g_autofree char *outside = g_dir_make_tmp ("gls-config-out-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "repo", NULL);
  g_autofree char *file = g_build_filename (project, ".glossary-ls.json", NULL);
  g_autofree char *escape = g_build_filename (project, "escape", NULL);
  g_autofree char *json = g_strdup_printf ("{\"glossaries\": [\"terms.txt\", \"sub/../more\", \"/\", \"../x\","
                                           " \"%s\", \"escape\", \"escape/y.txt\"], \"rules\": {\"term-case\": \"error\"}}",
                                           outside);
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;

  cr_assert_eq (g_mkdir (project, 0700), 0);
  cr_assert_eq (symlink (outside, escape), 0);
  cr_assert (g_file_set_contents (file, json, -1, NULL));
  cr_assert (gls_rule_config_merge_file (c, file, warnings, &error), "%s", error ? error->message : "");
  cr_expect_eq (gls_rule_config_severity (c, GLS_RULE_ID_TERM_CASE), GLS_SEVERITY_ERROR);
  g_autofree char *paths = glossaries_string (c);
  g_autofree char *expected = g_strdup_printf ("%s/terms.txt|%s/more", project, project);
  cr_expect_str_eq (paths, expected);
  cr_assert_eq (warnings->len, 5);
  const char *keys[] = { "glossaries[2]", "glossaries[3]", "glossaries[4]", "glossaries[5]", "glossaries[6]" };
  for (guint i = 0; i < warnings->len; i++)
    {
      const char *w = g_ptr_array_index (warnings, i);
      cr_expect (strstr (w, keys[i]) != NULL && strstr (w, "refused") != NULL, "%s", w);
    }
  g_unlink (escape);
  g_unlink (file);
  g_rmdir (project);
  g_rmdir (dir);
  g_rmdir (outside);
}

/* Settings from the editor (and the command line) are the user's own. */
GLS_TEST (config, editor_settings_may_name_any_glossary)
{
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  cr_assert (merge (c, "{\"glossaries\": [\"/\", \"../elsewhere\"]}", NULL, NULL));
  g_autofree char *paths = glossaries_string (c);
  cr_expect_str_eq (paths, "/|/elsewhere");
}

GLS_TEST (config, a_project_file_that_is_a_fifo_is_an_error_not_a_hang, .timeout = 20)
{
  g_autofree char *dir = g_dir_make_tmp ("gls-config-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, ".glossary-ls.json", NULL);
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  g_autoptr (GError) error = NULL;

  cr_assert_eq (mkfifo (file, 0600), 0);
  cr_assert_not (gls_rule_config_merge_file (c, file, NULL, &error));
  cr_assert (strstr (error->message, "a FIFO") != NULL, "%s", error->message);
  g_unlink (file);
  g_rmdir (dir);
}

GLS_TEST (config, a_glossary_path_may_say_its_format)
{
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  g_autoptr (GError) error = NULL;
  cr_assert (merge (c, "{\"glossaries\": [\"docs/terms.txt\", {\"path\": \"docs/glossary.rst\", \"format\": \"Sphinx\"},"
                       " {\"path\": \"team.md\"}]}", NULL, &error),
             "%s", error ? error->message : "");
  g_autofree char *paths = glossaries_string (c);
  cr_expect_str_eq (paths, "/project/docs/terms.txt|/project/docs/glossary.rst|/project/team.md");
  g_autofree char *formats = g_strjoinv ("|", (char **) gls_rule_config_glossary_formats (c));
  cr_expect_str_eq (formats, "|sphinx|");
  /* A later layer gives a listed path a format; a copy keeps them. */
  cr_assert (merge (c, "{\"glossaries\": [{\"path\": \"team.md\", \"format\": \"myst\"}]}", NULL, NULL));
  g_autoptr (GlsRuleConfig) copy = gls_rule_config_copy (c);
  g_autofree char *copied = g_strjoinv ("|", (char **) gls_rule_config_glossary_formats (copy));
  cr_expect_str_eq (copied, "|sphinx|myst");

  g_autoptr (GError) bad_format = NULL;
  cr_expect_not (merge (c, "{\"glossaries\": [{\"path\": \"a.txt\", \"format\": \"docx\"}]}", NULL, &bad_format));
  cr_expect (bad_format != NULL && strstr (bad_format->message, "glossaries[0]") != NULL);
  g_autoptr (GError) no_path = NULL;
  cr_expect_not (merge (c, "{\"glossaries\": [{\"format\": \"csv\"}]}", NULL, &no_path));
  g_autoptr (GError) number = NULL;
  cr_expect_not (merge (c, "{\"glossaries\": [7]}", NULL, &number));
  g_autofree char *unchanged = glossaries_string (c);
  cr_expect_str_eq (unchanged, paths);
}

GLS_TEST (config, workspace_symbols_later_source_wins_and_copies)
{
  g_autoptr (GlsRuleConfig) c = gls_rule_config_new ();
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  cr_assert (merge (c, "{\"workspaceSymbols\": true}", warnings, NULL));
  cr_expect_eq (warnings->len, 0, "workspaceSymbols is a known key");
  cr_expect (gls_rule_config_workspace_symbols (c));
  g_autoptr (GlsRuleConfig) copy = gls_rule_config_copy (c);
  cr_expect (gls_rule_config_workspace_symbols (copy));
  /* A source that does not set it leaves it; one that does wins. */
  cr_assert (merge (c, "{\"glossaryLs\": {\"ignoreWords\": [\"x\"]}}", NULL, NULL));
  cr_expect (gls_rule_config_workspace_symbols (c));
  cr_assert (merge (c, "{\"glossaryLs\": {\"workspaceSymbols\": false}}", NULL, NULL));
  cr_expect (!gls_rule_config_workspace_symbols (c));
}
