/* Tests of lsp/cli/lint_report.h: the four output formats on known findings. */
#include <criterion/criterion.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "analysis/rule_info.h"
#include "cli/lint_report.h"

#include "common/leak-check.h"

static GArray *
findings_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (GlsFinding));
  g_array_set_clear_func (a, (GDestroyNotify) gls_finding_clear);
  return a;
}

/* Adds a finding over the first occurrence of surface at or after from. */
static void
add_finding (GArray *findings, const GlsLintFile *file, const char *surface, gsize from,
             const char *rule, GlsSeverity severity, const char *message,
             const char *const *replacements, gboolean fixable)
{
  const char *at = g_strstr_len (file->text + from, (gssize) (file->len - from), surface);
  cr_assert_not_null (at, "'%s' in the test text", surface);
  GlsFinding f = { 0 };
  f.start = (guint32) (at - file->text);
  f.end = f.start + (guint32) strlen (surface);
  f.rule = rule;
  f.severity = severity;
  f.message = g_strdup (message);
  f.replacements = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; replacements != NULL && replacements[i] != NULL; i++)
    g_ptr_array_add (f.replacements, g_strdup (replacements[i]));
  f.fixable = fixable;
  g_array_append_val (findings, f);
}

static const char *const lora_fix[] = { "LoRA", NULL };

static void
add_lora (GArray *findings, const GlsLintFile *file, const char *surface, gsize from)
{
  g_autofree char *message = g_strdup_printf ("“%s” is written “LoRA” in the glossary", surface);
  add_finding (findings, file, surface, from, GLS_RULE_TERM_CASE, GLS_SEVERITY_WARNING, message,
               lora_fix, TRUE);
}

/* Renders files (alternating file, findings) through a GlsLintReport into a
 * string, as the linter would print it. */
static char *
render_report (GlsLintFormat format, guint n, const GlsLintFile *const *files, GArray *const *findings)
{
  char *buf = NULL;
  size_t size = 0;
  FILE *out = open_memstream (&buf, &size);
  g_autoptr (GError) error = NULL;
  GlsLintReport *report = gls_lint_report_new (format, out);
  for (guint i = 0; i < n; i++)
    gls_lint_report_add (report, gls_lint_render (format, files[i], (const GlsFinding *) findings[i]->data,
                                                  findings[i]->len));
  cr_assert (gls_lint_report_finish (report, &error));
  gls_lint_report_free (report);
  fclose (out);
  return buf;
}

static char *
render_one (GlsLintFormat format, const GlsLintFile *file, GArray *findings)
{
  return render_report (format, 1, &file, &findings);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  cr_assert (json_parser_load_from_data (parser, text, -1, &error), "invalid JSON: %s\n%s",
             error != NULL ? error->message : "", text);
  return json_node_copy (json_parser_get_root (parser));
}

/* ---- text ---------------------------------------------------------------- */

GLS_TEST (lint_report, text_is_compiler_style_with_tabs_kept)
{
  g_autoptr (GlsLintFile) file = gls_lint_file_new ("docs/a.md", "# T\n\tUse Lora here.\n", 21);
  g_autoptr (GArray) findings = findings_new ();
  add_lora (findings, file, "Lora", 0);
  g_autofree char *out = render_one (GLS_LINT_FORMAT_TEXT, file, findings);
  cr_expect_str_eq (out,
                    "docs/a.md:2:6: warning: “Lora” is written “LoRA” in the glossary [term-case]\n"
                    "\tUse Lora here.\n"
                    "\t    ^~~~\n");
}

GLS_TEST (lint_report, text_columns_count_characters_not_bytes)
{
  const char *text = "Qualität 😀 und Lora.\n";
  g_autoptr (GlsLintFile) file = gls_lint_file_new ("u.md", text, strlen (text));
  g_autoptr (GArray) findings = findings_new ();
  add_lora (findings, file, "Lora", 0);
  g_autofree char *out = render_one (GLS_LINT_FORMAT_TEXT, file, findings);
  /* Q u a l i t ä t ␠ 😀 ␠ u n d ␠ -> Lora is the 16th character. */
  cr_expect_str_eq (out,
                    "u.md:1:16: warning: “Lora” is written “LoRA” in the glossary [term-case]\n"
                    "Qualität 😀 und Lora.\n"
                    "               ^~~~\n");
}

GLS_TEST (lint_report, text_never_prints_raw_control_or_invalid_bytes)
{
  const char *text = "\xff\x1b[1m Lora";
  g_autoptr (GlsLintFile) file = gls_lint_file_new ("bad.md", text, strlen (text));
  g_autoptr (GArray) findings = findings_new ();
  add_lora (findings, file, "Lora", 0);
  g_autofree char *out = render_one (GLS_LINT_FORMAT_TEXT, file, findings);
  /* The invalid byte and ESC are one character each, shown as U+FFFD. */
  cr_expect_str_eq (out,
                    "bad.md:1:7: warning: “Lora” is written “LoRA” in the glossary [term-case]\n"
                    "\xEF\xBF\xBD\xEF\xBF\xBD[1m Lora\n"
                    "      ^~~~\n");
  cr_expect_null (strchr (out, '\x1b'));
}

GLS_TEST (lint_report, text_underlines_a_multi_line_range_to_the_line_end)
{
  const char *text = "We use rotary positon\nembedding daily.\n";
  g_autoptr (GlsLintFile) file = gls_lint_file_new ("m.md", text, strlen (text));
  g_autoptr (GArray) findings = findings_new ();
  static const char *const fix[] = { "rotary position\nembedding", NULL };
  add_finding (findings, file, "rotary positon\nembedding", 0, GLS_RULE_MISSPELLED_TERM, GLS_SEVERITY_ERROR,
               "typo", fix, TRUE);
  g_autofree char *out = render_one (GLS_LINT_FORMAT_TEXT, file, findings);
  cr_expect_str_eq (out,
                    "m.md:1:8: error: typo [misspelled-term]\n"
                    "We use rotary positon\n"
                    "       ^~~~~~~~~~~~~~\n");
}

GLS_TEST (lint_report, text_lists_findings_in_the_given_order_with_their_severity)
{
  const char *text = "Lora\nLORA\n";
  g_autoptr (GlsLintFile) file = gls_lint_file_new ("two.md", text, strlen (text));
  g_autoptr (GArray) findings = findings_new ();
  add_lora (findings, file, "Lora", 0);
  add_finding (findings, file, "LORA", 0, GLS_RULE_TERM_CASE, GLS_SEVERITY_INFO, "shouted", lora_fix, TRUE);
  g_autofree char *out = render_one (GLS_LINT_FORMAT_TEXT, file, findings);
  cr_expect_str_eq (out,
                    "two.md:1:1: warning: “Lora” is written “LoRA” in the glossary [term-case]\n"
                    "Lora\n"
                    "^~~~\n"
                    "two.md:2:1: info: shouted [term-case]\n"
                    "LORA\n"
                    "^~~~\n");
}

/* ---- github -------------------------------------------------------------- */

GLS_TEST (lint_report, github_workflow_commands)
{
  const char *text = "Ça: Lora\nLORA\n";
  g_autoptr (GlsLintFile) file = gls_lint_file_new ("dir,x/a:b.md", text, strlen (text));
  g_autoptr (GArray) findings = findings_new ();
  add_lora (findings, file, "Lora", 0);
  add_finding (findings, file, "LORA", 0, GLS_RULE_TERM_CASE, GLS_SEVERITY_ERROR, "100% wrong\r\nreally",
               lora_fix, TRUE);
  add_finding (findings, file, "LORA", 0, GLS_RULE_MISSPELLED_TERM, GLS_SEVERITY_HINT, "a, b: c", NULL, FALSE);
  g_autofree char *out = render_one (GLS_LINT_FORMAT_GITHUB, file, findings);
  cr_expect_str_eq (out,
                    "::warning file=dir%2Cx/a%3Ab.md,line=1,col=5,endLine=1,endColumn=9,title=term-case::"
                    "“Lora” is written “LoRA” in the glossary\n"
                    "::error file=dir%2Cx/a%3Ab.md,line=2,col=1,endLine=2,endColumn=5,title=term-case::"
                    "100%25 wrong%0D%0Areally\n"
                    "::notice file=dir%2Cx/a%3Ab.md,line=2,col=1,endLine=2,endColumn=5,title=misspelled-term::"
                    "a, b: c\n");
}

GLS_TEST (lint_report, github_escaping)
{
  g_autofree char *data = gls_lint_github_escape_data ("50% a:b,c\r\nd");
  g_autofree char *prop = gls_lint_github_escape_property ("50% a:b,c\r\nd");
  cr_expect_str_eq (data, "50%25 a:b,c%0D%0Ad");
  cr_expect_str_eq (prop, "50%25 a%3Ab%2Cc%0D%0Ad");
  g_autofree char *twice = gls_lint_github_escape_data ("%25");
  cr_expect_str_eq (twice, "%2525", "an already escaped sequence is escaped again");
}

/* ---- json ---------------------------------------------------------------- */

GLS_TEST (lint_report, json_array_of_findings)
{
  const char *text = "Ünïcode: Lora\n\ttoolfromer x\n";
  g_autoptr (GlsLintFile) file = gls_lint_file_new ("j.md", text, strlen (text));
  g_autoptr (GArray) findings = findings_new ();
  add_lora (findings, file, "Lora", 0);
  static const char *const two[] = { "toolformer", "toolformers", NULL };
  add_finding (findings, file, "toolfromer", 0, GLS_RULE_MISSPELLED_TERM, GLS_SEVERITY_WARNING, "typo", two, FALSE);
  add_finding (findings, file, "x", 20, GLS_RULE_MISSPELLED_TERM, GLS_SEVERITY_HINT, "none", NULL, FALSE);
  g_autofree char *out = render_one (GLS_LINT_FORMAT_JSON, file, findings);
  g_autoptr (JsonNode) root = parse_json (out);

  cr_assert (JSON_NODE_HOLDS_ARRAY (root));
  JsonArray *a = json_node_get_array (root);
  cr_assert_eq (json_array_get_length (a), 3);

  JsonObject *o = json_array_get_object_element (a, 0);
  cr_expect_str_eq (json_object_get_string_member (o, "file"), "j.md");
  cr_expect_eq (json_object_get_int_member (o, "line"), 1);
  cr_expect_eq (json_object_get_int_member (o, "column"), 10);
  cr_expect_eq (json_object_get_int_member (o, "endLine"), 1);
  cr_expect_eq (json_object_get_int_member (o, "endColumn"), 14);
  cr_expect_str_eq (json_object_get_string_member (o, "rule"), "term-case");
  cr_expect_str_eq (json_object_get_string_member (o, "severity"), "warning");
  cr_expect_str_eq (json_object_get_string_member (o, "message"), "“Lora” is written “LoRA” in the glossary");
  cr_expect_str_eq (json_object_get_string_member (o, "replacement"), "LoRA");
  cr_expect_eq (json_array_get_length (json_object_get_array_member (o, "replacements")), 1);
  cr_expect (json_object_get_boolean_member (o, "fixable"));

  o = json_array_get_object_element (a, 1);
  cr_expect_eq (json_object_get_int_member (o, "line"), 2);
  cr_expect_eq (json_object_get_int_member (o, "column"), 2, "after a tab, one character");
  cr_expect_eq (json_object_get_int_member (o, "endColumn"), 12);
  cr_expect_str_eq (json_object_get_string_member (o, "replacement"), "toolformer", "the best one first");
  JsonArray *r = json_object_get_array_member (o, "replacements");
  cr_expect_eq (json_array_get_length (r), 2);
  cr_expect_str_eq (json_array_get_string_element (r, 1), "toolformers");
  cr_expect_not (json_object_get_boolean_member (o, "fixable"));

  o = json_array_get_object_element (a, 2);
  cr_expect (json_object_get_null_member (o, "replacement"));
  cr_expect_eq (json_array_get_length (json_object_get_array_member (o, "replacements")), 0);
  cr_expect_str_eq (json_object_get_string_member (o, "severity"), "hint");
}

GLS_TEST (lint_report, json_of_several_files_is_one_array_in_order_and_empty_is_empty)
{
  g_autoptr (GlsLintFile) f1 = gls_lint_file_new ("b.md", "Lora", 4);
  g_autoptr (GlsLintFile) f2 = gls_lint_file_new ("a.md", "nothing", 7);
  g_autoptr (GlsLintFile) f3 = gls_lint_file_new ("c.md", "x Lora", 6);
  g_autoptr (GArray) g1 = findings_new ();
  g_autoptr (GArray) g2 = findings_new ();
  g_autoptr (GArray) g3 = findings_new ();
  add_lora (g1, f1, "Lora", 0);
  add_lora (g3, f3, "Lora", 0);
  const GlsLintFile *files[] = { f1, f2, f3 };
  GArray *findings[] = { g1, g2, g3 };
  g_autofree char *out = render_report (GLS_LINT_FORMAT_JSON, 3, files, findings);
  g_autoptr (JsonNode) root = parse_json (out);
  JsonArray *a = json_node_get_array (root);
  cr_assert_eq (json_array_get_length (a), 2);
  cr_expect_str_eq (json_object_get_string_member (json_array_get_object_element (a, 0), "file"), "b.md");
  cr_expect_str_eq (json_object_get_string_member (json_array_get_object_element (a, 1), "file"), "c.md");

  g_autofree char *empty = render_report (GLS_LINT_FORMAT_JSON, 1, &files[1], &findings[1]);
  g_autoptr (JsonNode) none = parse_json (empty);
  cr_expect (JSON_NODE_HOLDS_ARRAY (none));
  cr_expect_eq (json_array_get_length (json_node_get_array (none)), 0);
}

GLS_TEST (lint_report, json_paths_and_texts_stay_valid_utf8)
{
  const char *text = "\xfe Lora";
  g_autoptr (GlsLintFile) file = gls_lint_file_new ("n\xe9.md", text, strlen (text));
  g_autoptr (GArray) findings = findings_new ();
  add_lora (findings, file, "Lora", 0);
  g_autofree char *out = render_one (GLS_LINT_FORMAT_JSON, file, findings);
  cr_expect (g_utf8_validate (out, -1, NULL));
  g_autoptr (JsonNode) root = parse_json (out);
  JsonObject *o = json_array_get_object_element (json_node_get_array (root), 0);
  cr_expect_str_eq (json_object_get_string_member (o, "file"), "n\xEF\xBF\xBD.md");
  cr_expect_eq (json_object_get_int_member (o, "column"), 3);
}

/* ---- sarif --------------------------------------------------------------- */

static JsonObject *
member_object (JsonObject *o, const char *name)
{
  cr_assert (json_object_has_member (o, name), "member %s", name);
  JsonNode *n = json_object_get_member (o, name);
  cr_assert (JSON_NODE_HOLDS_OBJECT (n), "%s is an object", name);
  return json_node_get_object (n);
}

static JsonArray *
member_array (JsonObject *o, const char *name)
{
  cr_assert (json_object_has_member (o, name), "member %s", name);
  JsonNode *n = json_object_get_member (o, name);
  cr_assert (JSON_NODE_HOLDS_ARRAY (n), "%s is an array", name);
  return json_node_get_array (n);
}

static const char *
member_string (JsonObject *o, const char *name)
{
  cr_assert (json_object_has_member (o, name), "member %s", name);
  JsonNode *n = json_object_get_member (o, name);
  cr_assert (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING, "%s is a string", name);
  return json_node_get_string (n);
}

static gint64
member_int (JsonObject *o, const char *name)
{
  cr_assert (json_object_has_member (o, name), "member %s", name);
  JsonNode *n = json_object_get_member (o, name);
  cr_assert (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64, "%s is an integer", name);
  return json_node_get_int (n);
}

static void
check_region (JsonObject *region, gint64 sl, gint64 sc, gint64 el, gint64 ec)
{
  cr_expect_eq (member_int (region, "startLine"), sl);
  cr_expect_eq (member_int (region, "startColumn"), sc);
  cr_expect_eq (member_int (region, "endLine"), el);
  cr_expect_eq (member_int (region, "endColumn"), ec);
}

static gboolean
is_level (const char *level)
{
  return strcmp (level, "none") == 0 || strcmp (level, "note") == 0 || strcmp (level, "warning") == 0 ||
         strcmp (level, "error") == 0;
}

/* Checks the members GitHub code scanning requires (and SARIF 2.1.0 defines)
 * for every result, and returns the results array. */
static JsonArray *
check_sarif_log (JsonNode *root)
{
  cr_assert (JSON_NODE_HOLDS_OBJECT (root));
  JsonObject *log = json_node_get_object (root);
  cr_expect_str_eq (member_string (log, "version"), "2.1.0");
  cr_expect (g_str_has_prefix (member_string (log, "$schema"), "https://"));
  JsonArray *runs = member_array (log, "runs");
  cr_assert_eq (json_array_get_length (runs), 1);
  JsonObject *run = json_array_get_object_element (runs, 0);
  JsonObject *driver = member_object (member_object (run, "tool"), "driver");
  cr_expect_str_eq (member_string (driver, "name"), "glossary-ls");
  cr_expect (strlen (member_string (driver, "version")) > 0);
  cr_expect (g_str_has_prefix (member_string (driver, "informationUri"), "https://"));
  cr_expect_str_eq (member_string (run, "columnKind"), "unicodeCodePoints");

  JsonArray *rules = member_array (driver, "rules");
  cr_assert_eq (json_array_get_length (rules), GLS_N_RULES);
  for (guint i = 0; i < GLS_N_RULES; i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);
      const GlsRuleInfo *info = gls_rule_info ((GlsRuleId) i);
      cr_expect_str_eq (member_string (rule, "id"), info->id);
      cr_expect_str_eq (member_string (member_object (rule, "shortDescription"), "text"), info->short_description);
      cr_expect_str_eq (member_string (member_object (rule, "fullDescription"), "text"), info->full_description);
      cr_expect (strlen (member_string (member_object (rule, "help"), "text")) > 0);
      cr_expect (is_level (member_string (member_object (rule, "defaultConfiguration"), "level")));
    }

  JsonObject *base = member_object (member_object (run, "originalUriBaseIds"), "%SRCROOT%");
  const char *root_uri = member_string (base, "uri");
  cr_expect (g_str_has_prefix (root_uri, "file:///") && g_str_has_suffix (root_uri, "/"));

  JsonArray *results = member_array (run, "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);
      const char *rule_id = member_string (r, "ruleId");
      gint64 index = member_int (r, "ruleIndex");
      cr_assert (index >= 0 && index < GLS_N_RULES);
      cr_expect_str_eq (member_string (json_array_get_object_element (rules, (guint) index), "id"), rule_id);
      cr_expect (is_level (member_string (r, "level")));
      cr_expect (strlen (member_string (member_object (r, "message"), "text")) > 0);
      JsonArray *locations = member_array (r, "locations");
      cr_assert_eq (json_array_get_length (locations), 1);
      JsonObject *physical = member_object (json_array_get_object_element (locations, 0), "physicalLocation");
      JsonObject *artifact = member_object (physical, "artifactLocation");
      cr_expect (strlen (member_string (artifact, "uri")) > 0);
      JsonObject *region = member_object (physical, "region");
      cr_expect (member_int (region, "startLine") >= 1 && member_int (region, "startColumn") >= 1);
      cr_expect (member_int (region, "endLine") >= member_int (region, "startLine"));
      cr_expect (strlen (member_string (member_object (r, "partialFingerprints"), "glossaryLs/v1")) > 0);
    }
  return results;
}

GLS_TEST (lint_report, sarif_log_has_what_github_requires)
{
  const char *text = "Intro\n\tWe use Lora and toolfromer, Lora again.\n";
  g_autoptr (GlsLintFile) file = gls_lint_file_new ("./docs/my notes.md", text, strlen (text));
  g_autoptr (GArray) findings = findings_new ();
  add_lora (findings, file, "Lora", 0);
  static const char *const two[] = { "toolformer", "toolformers", NULL };
  add_finding (findings, file, "toolfromer", 0, GLS_RULE_MISSPELLED_TERM, GLS_SEVERITY_ERROR, "typo", two, FALSE);
  add_lora (findings, file, "Lora", 20);
  g_autofree char *out = render_one (GLS_LINT_FORMAT_SARIF, file, findings);
  g_autoptr (JsonNode) root = parse_json (out);
  JsonArray *results = check_sarif_log (root);
  cr_assert_eq (json_array_get_length (results), 3);

  JsonObject *r0 = json_array_get_object_element (results, 0);
  cr_expect_str_eq (member_string (r0, "ruleId"), "term-case");
  cr_expect_eq (member_int (r0, "ruleIndex"), GLS_RULE_ID_TERM_CASE);
  cr_expect_str_eq (member_string (r0, "level"), "warning");
  JsonObject *physical = member_object (json_array_get_object_element (member_array (r0, "locations"), 0),
                                        "physicalLocation");
  JsonObject *artifact = member_object (physical, "artifactLocation");
  cr_expect_str_eq (member_string (artifact, "uri"), "docs/my%20notes.md");
  cr_expect_str_eq (member_string (artifact, "uriBaseId"), "%SRCROOT%");
  check_region (member_object (physical, "region"), 2, 9, 2, 13);

  JsonArray *fixes = member_array (r0, "fixes");
  cr_assert_eq (json_array_get_length (fixes), 1);
  JsonObject *fix = json_array_get_object_element (fixes, 0);
  cr_expect_str_eq (member_string (member_object (fix, "description"), "text"), "Replace “Lora” with “LoRA”");
  JsonObject *change = json_array_get_object_element (member_array (fix, "artifactChanges"), 0);
  cr_expect_str_eq (member_string (member_object (change, "artifactLocation"), "uri"), "docs/my%20notes.md");
  JsonObject *replacement = json_array_get_object_element (member_array (change, "replacements"), 0);
  check_region (member_object (replacement, "deletedRegion"), 2, 9, 2, 13);
  cr_expect_str_eq (member_string (member_object (replacement, "insertedContent"), "text"), "LoRA");

  JsonObject *r1 = json_array_get_object_element (results, 1);
  cr_expect_str_eq (member_string (r1, "level"), "error");
  cr_expect_eq (member_int (r1, "ruleIndex"), GLS_RULE_ID_MISSPELLED_TERM);
  cr_expect_eq (json_array_get_length (member_array (r1, "fixes")), 2, "one fix per replacement");

  /* Two findings of the same text on the same line still differ. */
  JsonObject *r2 = json_array_get_object_element (results, 2);
  const char *p0 = member_string (member_object (r0, "partialFingerprints"), "glossaryLs/v1");
  const char *p2 = member_string (member_object (r2, "partialFingerprints"), "glossaryLs/v1");
  cr_expect_str_neq (p0, p2);
}

GLS_TEST (lint_report, sarif_fingerprints_survive_edits_elsewhere)
{
  const char *before = "Title\n\nWe use Lora.\n";
  const char *after = "New title\n\nA new paragraph.\n\nWe use Lora.\n";
  g_autoptr (GlsLintFile) f1 = gls_lint_file_new ("a.md", before, strlen (before));
  g_autoptr (GlsLintFile) f2 = gls_lint_file_new ("a.md", after, strlen (after));
  g_autoptr (GArray) g1 = findings_new ();
  g_autoptr (GArray) g2 = findings_new ();
  add_lora (g1, f1, "Lora", 0);
  add_lora (g2, f2, "Lora", 0);
  g_autofree char *o1 = render_one (GLS_LINT_FORMAT_SARIF, f1, g1);
  g_autofree char *o2 = render_one (GLS_LINT_FORMAT_SARIF, f2, g2);
  g_autoptr (JsonNode) n1 = parse_json (o1);
  g_autoptr (JsonNode) n2 = parse_json (o2);
  JsonObject *r1 = json_array_get_object_element (check_sarif_log (n1), 0);
  JsonObject *r2 = json_array_get_object_element (check_sarif_log (n2), 0);
  cr_expect_str_eq (member_string (member_object (r1, "partialFingerprints"), "glossaryLs/v1"),
                    member_string (member_object (r2, "partialFingerprints"), "glossaryLs/v1"));
}

GLS_TEST (lint_report, sarif_without_findings_has_empty_results)
{
  g_autoptr (GlsLintFile) file = gls_lint_file_new ("a.md", "fine", 4);
  g_autoptr (GArray) findings = findings_new ();
  g_autofree char *out = render_one (GLS_LINT_FORMAT_SARIF, file, findings);
  g_autoptr (JsonNode) root = parse_json (out);
  cr_expect_eq (json_array_get_length (check_sarif_log (root)), 0);
}

GLS_TEST (lint_report, sarif_uris)
{
  gboolean relative;
  g_autofree char *a = gls_lint_sarif_uri ("./docs/a b.md", &relative);
  cr_expect_str_eq (a, "docs/a%20b.md");
  cr_expect (relative);
  g_autofree char *b = gls_lint_sarif_uri ("/srv/x/#1.md", &relative);
  cr_expect_str_eq (b, "file:///srv/x/%231.md");
  cr_expect_not (relative);
  g_autofree char *c = gls_lint_sarif_uri ("é/ü.md", &relative);
  cr_expect_str_eq (c, "%C3%A9/%C3%BC.md");
  g_autofree char *d = gls_lint_sarif_uri (".//./x.md", &relative);
  cr_expect_str_eq (d, "x.md");
}

GLS_TEST (lint_report, format_names)
{
  GlsLintFormat f;
  cr_expect (gls_lint_format_parse ("sarif", &f) && f == GLS_LINT_FORMAT_SARIF);
  cr_expect (gls_lint_format_parse ("github", &f) && f == GLS_LINT_FORMAT_GITHUB);
  cr_expect (gls_lint_format_parse ("json", &f) && f == GLS_LINT_FORMAT_JSON);
  cr_expect (gls_lint_format_parse ("text", &f) && f == GLS_LINT_FORMAT_TEXT);
  cr_expect_not (gls_lint_format_parse ("SARIF", &f));
  cr_expect_not (gls_lint_format_parse ("xml", &f));
}
