/* Tests of lsp/cli/lint_run.h: whole runs over temporary projects with the
 * real analysis engine and the built-in glossary — exit codes, configuration,
 * suppression, --fix, standard input, deterministic order. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/lint_run.h"

#include "common/leak-check.h"
#include "common/tmp-dir.h"

TestSuite (lint_run, .timeout = 120);

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the linter on paths with options (paths and streams are filled in). */
static void
run (GlsLintRunOptions *options, const char *const *paths, Run *r)
{
  size_t out_size = 0, err_size = 0;
  FILE *out = open_memstream (&r->out, &out_size);
  FILE *err = open_memstream (&r->err, &err_size);
  options->paths = paths;
  options->out = out;
  options->err = err;
  if (options->jobs == 0)
    options->jobs = 2;
  r->status = gls_lint_run (options);
  fclose (out);
  fclose (err);
}

static void
run_default (const char *const *paths, GlsLintFormat format, Run *r)
{
  GlsLintRunOptions options = { .format = format, .max_warnings = -1, .in_fd = -1 };
  run (&options, paths, r);
}

static char *
enter_tmp (void)
{
  char *dir = gls_tmp_dir ();
  cr_assert_eq (g_chdir (dir), 0);
  g_autofree char *parent = g_path_get_dirname (dir);
  g_setenv ("GIT_CEILING_DIRECTORIES", parent, TRUE);
  return dir;
}

static void
leave_tmp (char *dir)
{
  cr_assert_eq (g_chdir ("/"), 0);
  gls_tmp_remove (dir);
  g_free (dir);
}

static JsonArray *
parse_findings (const char *text, JsonParser **parser)
{
  g_autoptr (GError) error = NULL;
  *parser = json_parser_new ();
  cr_assert (json_parser_load_from_data (*parser, text, -1, &error), "invalid JSON: %s\n%s",
             error != NULL ? error->message : "", text);
  JsonNode *root = json_parser_get_root (*parser);
  cr_assert (JSON_NODE_HOLDS_ARRAY (root));
  return json_node_get_array (root);
}

/* "file:line:col rule severity" of every finding, one per line. */
static char *
summarize (const char *json)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonArray *a = parse_findings (json, &parser);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *o = json_array_get_object_element (a, i);
      g_string_append_printf (s, "%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT " %s %s\n",
                              json_object_get_string_member (o, "file"),
                              json_object_get_int_member (o, "line"), json_object_get_int_member (o, "column"),
                              json_object_get_string_member (o, "rule"),
                              json_object_get_string_member (o, "severity"));
    }
  return g_string_free (s, FALSE);
}

static const char *const dot[] = { ".", NULL };

GLS_TEST (lint_run, clean_files_exit_0)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "ok.md", "We fine-tune with LoRA and the toolformer model.\n"));
  g_free (gls_tmp_write (dir, "ok.c", "/* Rotary Position Embedding, as in RoPE. */\n"));
  g_auto (Run) r = { 0 };
  run_default (dot, GLS_LINT_FORMAT_TEXT, &r);
  cr_expect_eq (r.status, GLS_EXIT_OK, "err: %s", r.err);
  cr_expect_str_eq (r.out, "");
  cr_expect_str_eq (r.err, "0 findings in 0 files (2 files checked)\n");
  leave_tmp (dir);
}

GLS_TEST (lint_run, findings_exit_1_and_are_reported_in_path_then_position_order)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "b.md", "Intro.\n\nWe use Lora and the toolfromer model.\n"));
  g_free (gls_tmp_write (dir, "a.py", "def f():\n    \"\"\"Uses rotary positon embedding.\"\"\"\n"));
  g_free (gls_tmp_write (dir, "c.c", "int x; /* a Lora adapter */\n"));
  g_auto (Run) r = { 0 };
  run_default (dot, GLS_LINT_FORMAT_JSON, &r);
  cr_expect_eq (r.status, GLS_EXIT_FINDINGS, "err: %s", r.err);
  g_autofree char *got = summarize (r.out);
  cr_expect_str_eq (got,
                    "a.py:2:13 misspelled-term warning\n"
                    "b.md:3:8 term-case warning\n"
                    "b.md:3:21 misspelled-term warning\n"
                    "c.c:1:13 term-case warning\n");
  leave_tmp (dir);
}

GLS_TEST (lint_run, missing_path_exits_2_but_other_files_are_still_linted)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "a.md", "We use Lora.\n"));
  g_auto (Run) r = { 0 };
  run_default ((const char *const[]) { "missing.md", "a.md", NULL }, GLS_LINT_FORMAT_TEXT, &r);
  cr_expect_eq (r.status, GLS_EXIT_ERROR);
  cr_expect (strstr (r.err, "glossary-ls: missing.md: No such file or directory\n") != NULL, "err: %s", r.err);
  cr_expect (g_str_has_prefix (r.out, "a.md:1:8: warning: "), "out: %s", r.out);
  leave_tmp (dir);
}

GLS_TEST (lint_run, unreadable_file_exits_2_but_other_files_are_still_linted)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "a.md", "We use Lora.\n"));
  cr_assert_eq (mkfifo ("pipe.md", 0644), 0);
  g_auto (Run) r = { 0 };
  run_default ((const char *const[]) { "pipe.md", "a.md", NULL }, GLS_LINT_FORMAT_JSON, &r);
  cr_expect_eq (r.status, GLS_EXIT_ERROR);
  cr_expect (strstr (r.err, "pipe.md is not a regular file") != NULL, "err: %s", r.err);
  g_autofree char *got = summarize (r.out);
  cr_expect_str_eq (got, "a.md:1:8 term-case warning\n");
  leave_tmp (dir);
}

GLS_TEST (lint_run, invalid_utf8_is_linted_as_bytes)
{
  char *dir = enter_tmp ();
  cr_assert (g_file_set_contents ("bad.md", "caf\xe9 \xff\xfe and Lora\n\xc3", -1, NULL));
  g_auto (Run) r = { 0 };
  run_default ((const char *const[]) { "bad.md", NULL }, GLS_LINT_FORMAT_JSON, &r);
  cr_expect_eq (r.status, GLS_EXIT_FINDINGS, "err: %s", r.err);
  g_autofree char *got = summarize (r.out);
  cr_expect_str_eq (got, "bad.md:1:13 term-case warning\n", "each invalid byte is one column");
  leave_tmp (dir);
}

GLS_TEST (lint_run, project_config_applies_below_its_directory)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "top.md", "We use Lora.\n"));
  g_free (gls_tmp_write (dir, "quiet/.glossary-ls.json", "{\"rules\": {\"term-case\": \"off\"}}"));
  g_free (gls_tmp_write (dir, "quiet/deep/q.md", "We use Lora and the toolfromer.\n"));
  g_free (gls_tmp_write (dir, "strict/.glossary-ls.json", "{\"rules\": {\"term-case\": \"error\"}}"));
  g_free (gls_tmp_write (dir, "strict/s.md", "We use Lora.\n"));
  g_auto (Run) r = { 0 };
  run_default (dot, GLS_LINT_FORMAT_JSON, &r);
  cr_expect_eq (r.status, GLS_EXIT_FINDINGS, "err: %s", r.err);
  g_autofree char *got = summarize (r.out);
  cr_expect_str_eq (got,
                    "quiet/deep/q.md:1:21 misspelled-term warning\n"
                    "strict/s.md:1:8 term-case error\n"
                    "top.md:1:8 term-case warning\n");
  leave_tmp (dir);
}

GLS_TEST (lint_run, command_line_rules_override_the_project_file)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, ".glossary-ls.json", "{\"rules\": {\"term-case\": \"off\"}}"));
  g_free (gls_tmp_write (dir, "a.md", "We use Lora and the toolfromer.\n"));
  GlsLintRunOptions options = { .format = GLS_LINT_FORMAT_JSON, .max_warnings = -1, .in_fd = -1 };
  options.context.rule_set[GLS_RULE_ID_TERM_CASE] = TRUE;
  options.context.rule_severity[GLS_RULE_ID_TERM_CASE] = GLS_SEVERITY_HINT;
  options.context.rule_set[GLS_RULE_ID_MISSPELLED_TERM] = TRUE;
  options.context.rule_severity[GLS_RULE_ID_MISSPELLED_TERM] = GLS_SEVERITY_OFF;
  g_auto (Run) r = { 0 };
  run (&options, dot, &r);
  g_autofree char *got = summarize (r.out);
  cr_expect_str_eq (got, "a.md:1:8 term-case hint\n");
  leave_tmp (dir);
}

GLS_TEST (lint_run, explicit_config_file_and_no_config)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, ".glossary-ls.json", "{\"rules\": {\"term-case\": \"off\"}}"));
  g_free (gls_tmp_write (dir, "other.json", "{\"rules\": {\"misspelled-term\": \"off\"}}"));
  g_free (gls_tmp_write (dir, "a.md", "We use Lora and the toolfromer.\n"));

  GlsLintRunOptions options = { .format = GLS_LINT_FORMAT_JSON, .max_warnings = -1, .in_fd = -1 };
  options.context.config_path = "other.json";
  g_auto (Run) r1 = { 0 };
  run (&options, dot, &r1);
  g_autofree char *got1 = summarize (r1.out);
  cr_expect_str_eq (got1, "a.md:1:8 term-case warning\n");

  GlsLintRunOptions bare = { .format = GLS_LINT_FORMAT_JSON, .max_warnings = -1, .in_fd = -1 };
  bare.context.no_config = TRUE;
  g_auto (Run) r2 = { 0 };
  run (&bare, dot, &r2);
  g_autofree char *got2 = summarize (r2.out);
  cr_expect_str_eq (got2, "a.md:1:8 term-case warning\na.md:1:21 misspelled-term warning\n");
  leave_tmp (dir);
}

GLS_TEST (lint_run, broken_config_exits_2)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "bad/.glossary-ls.json", "{\"rules\": {\"term-case\": 42}}"));
  g_free (gls_tmp_write (dir, "bad/a.md", "We use Lora.\n"));
  g_free (gls_tmp_write (dir, "good.md", "We use Lora.\n"));
  g_auto (Run) r = { 0 };
  run_default (dot, GLS_LINT_FORMAT_JSON, &r);
  cr_expect_eq (r.status, GLS_EXIT_ERROR);
  cr_expect (strstr (r.err, "term-case") != NULL, "the message names the key: %s", r.err);
  g_autofree char *got = summarize (r.out);
  cr_expect_str_eq (got, "good.md:1:8 term-case warning\n", "files under a good config still linted");
  leave_tmp (dir);
}

GLS_TEST (lint_run, missing_glossary_path_exits_2)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "a.md", "Fine text.\n"));
  GlsLintRunOptions options = { .format = GLS_LINT_FORMAT_TEXT, .max_warnings = -1, .in_fd = -1 };
  char *paths[] = { (char *) "no/such/glossary.txt", NULL };
  GlsGlossaryArgs glossary = { .paths = paths, .no_cache = TRUE };
  options.context.glossary = &glossary;
  g_auto (Run) r = { 0 };
  run (&options, dot, &r);
  cr_expect_eq (r.status, GLS_EXIT_ERROR, "err: %s", r.err);
  cr_expect (strstr (r.err, "no/such/glossary.txt") != NULL, "err: %s", r.err);
  leave_tmp (dir);
}

GLS_TEST (lint_run, suppression_comments_are_honoured)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "a.md",
                          "<!-- glossary-ls: disable-next-line term-case -->\n"
                          "We use Lora.\n"
                          "We use Lora again.\n"));
  g_free (gls_tmp_write (dir, "b.c", "int x; /* Lora */ // glossary-ls: disable-line\n"));
  g_auto (Run) r = { 0 };
  run_default (dot, GLS_LINT_FORMAT_JSON, &r);
  g_autofree char *got = summarize (r.out);
  cr_expect_str_eq (got, "a.md:3:8 term-case warning\n");
  leave_tmp (dir);
}

GLS_TEST (lint_run, max_warnings)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "a.md", "Lora here, Lora there.\n"));
  GlsLintRunOptions options = { .format = GLS_LINT_FORMAT_JSON, .max_warnings = 2, .in_fd = -1 };
  g_auto (Run) r1 = { 0 };
  run (&options, dot, &r1);
  cr_expect_eq (r1.status, GLS_EXIT_OK, "two warnings allowed");
  options.max_warnings = 1;
  g_auto (Run) r2 = { 0 };
  run (&options, dot, &r2);
  cr_expect_eq (r2.status, GLS_EXIT_FINDINGS);
  options.max_warnings = 5;
  options.context.rule_set[GLS_RULE_ID_TERM_CASE] = TRUE;
  options.context.rule_severity[GLS_RULE_ID_TERM_CASE] = GLS_SEVERITY_ERROR;
  g_auto (Run) r3 = { 0 };
  run (&options, dot, &r3);
  cr_expect_eq (r3.status, GLS_EXIT_FINDINGS, "errors always fail");
  leave_tmp (dir);
}

GLS_TEST (lint_run, fix_rewrites_files_and_reports_remaining_findings)
{
  char *dir = enter_tmp ();
  g_autofree char *a = gls_tmp_write (dir, "a.md",
                                       "We fine-tune with Lora and the toolfromer model.\n"
                                       "\tUse rotary positon embedding here.\n");
  g_autofree char *b = gls_tmp_write (dir, "b.py", "# LORA adapters\nx = 'Lora'  # a string is code\n");
  g_autofree char *c = gls_tmp_write (dir, "c.md", "Already fine: LoRA.\n");
  cr_assert_eq (g_chmod (a, 0600), 0);
  GStatBuf c_before;
  cr_assert_eq (g_stat (c, &c_before), 0);

  GlsLintRunOptions options = { .format = GLS_LINT_FORMAT_TEXT, .fix = TRUE, .max_warnings = -1, .in_fd = -1 };
  g_auto (Run) r = { 0 };
  run (&options, dot, &r);
  cr_expect_eq (r.status, GLS_EXIT_OK, "nothing remains: %s", r.err);
  g_autofree char *a_now = gls_tmp_read (a);
  cr_expect_str_eq (a_now,
                    "We fine-tune with LoRA and the toolformer model.\n"
                    "\tUse rotary position embedding here.\n");
  g_autofree char *b_now = gls_tmp_read (b);
  cr_expect_str_eq (b_now, "# LoRA adapters\nx = 'Lora'  # a string is code\n");
  cr_expect_str_eq (r.err,
                    "a.md:1:19: fixed: Lora → LoRA\n"
                    "a.md:1:32: fixed: toolfromer → toolformer\n"
                    "a.md:2:6: fixed: rotary positon embedding → rotary position embedding\n"
                    "b.py:1:3: fixed: LORA → LoRA\n"
                    "0 findings in 0 files (3 files checked, 4 fixed)\n");
  GStatBuf st;
  cr_assert_eq (g_stat (a, &st), 0);
  cr_expect_eq (st.st_mode & 07777, 0600, "mode preserved");
  cr_assert_eq (g_stat (c, &st), 0);
  cr_expect_eq (st.st_ino, c_before.st_ino, "a file without fixes is not rewritten");
  cr_expect_eq (gls_tmp_count_entries (dir), 3, "no temporary files");
  leave_tmp (dir);
}

GLS_TEST (lint_run, stdin_is_linted_under_its_given_name)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, ".glossary-ls.json", "{\"rules\": {\"misspelled-term\": \"error\"}}"));
  int fds[2];
  cr_assert_eq (pipe (fds), 0);
  const char *text = "# Notes\n\nWe use Lora and the toolfromer.\n";
  cr_assert_eq (write (fds[1], text, strlen (text)), (ssize_t) strlen (text));
  close (fds[1]);
  GlsLintRunOptions options = { .format = GLS_LINT_FORMAT_JSON, .max_warnings = -1, .in_fd = fds[0] };
  options.stdin_filename = "docs/notes.md";
  g_auto (Run) r = { 0 };
  run (&options, (const char *const[]) { "-", NULL }, &r);
  close (fds[0]);
  cr_expect_eq (r.status, GLS_EXIT_FINDINGS);
  g_autofree char *got = summarize (r.out);
  cr_expect_str_eq (got, "docs/notes.md:3:8 term-case warning\ndocs/notes.md:3:21 misspelled-term error\n",
                    "the config is found from the given name's directory");
  leave_tmp (dir);
}

GLS_TEST (lint_run, stdin_fix_prints_the_fixed_text)
{
  char *dir = enter_tmp ();
  int fds[2];
  cr_assert_eq (pipe (fds), 0);
  const char *text = "/* Lora in a comment */\nchar *s = \"Lora in a string\";\n";
  cr_assert_eq (write (fds[1], text, strlen (text)), (ssize_t) strlen (text));
  close (fds[1]);
  GlsLintRunOptions options = { .format = GLS_LINT_FORMAT_TEXT, .fix = TRUE, .max_warnings = -1, .in_fd = fds[0] };
  options.stdin_filename = "x.c";
  g_auto (Run) r = { 0 };
  run (&options, (const char *const[]) { "-", NULL }, &r);
  close (fds[0]);
  cr_expect_eq (r.status, GLS_EXIT_OK);
  cr_expect_str_eq (r.out, "/* LoRA in a comment */\nchar *s = \"Lora in a string\";\n");
  cr_expect (g_str_has_prefix (r.err, "x.c:1:4: fixed: Lora → LoRA\n"), "err: %s", r.err);
  cr_expect_eq (gls_tmp_count_entries (dir), 0, "nothing written to disk");
  leave_tmp (dir);
}

/* Many files on several threads: the output is the same bytes as with one
 * thread, in path order. */
GLS_TEST (lint_run, parallel_output_is_deterministic)
{
  char *dir = enter_tmp ();
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%02u.md", (i * 37) % 60);
      GString *text = g_string_new (NULL);
      for (guint l = 0; l < i % 7; l++)
        g_string_append (text, "Plain line.\n\n");
      g_string_append (text, i % 3 == 0 ? "We use LoRA.\n" : "We use Lora and the toolfromer.\n");
      g_free (gls_tmp_write (dir, name, text->str));
      g_string_free (text, TRUE);
    }
  GlsLintRunOptions one = { .format = GLS_LINT_FORMAT_SARIF, .max_warnings = -1, .in_fd = -1, .jobs = 1 };
  GlsLintRunOptions many = { .format = GLS_LINT_FORMAT_SARIF, .max_warnings = -1, .in_fd = -1, .jobs = 8 };
  g_auto (Run) r1 = { 0 };
  g_auto (Run) r2 = { 0 };
  run (&one, dot, &r1);
  run (&many, dot, &r2);
  cr_expect_eq (r1.status, GLS_EXIT_FINDINGS);
  cr_expect_str_eq (r1.out, r2.out);

  GlsLintRunOptions json = { .format = GLS_LINT_FORMAT_JSON, .max_warnings = -1, .in_fd = -1, .jobs = 8 };
  g_auto (Run) r3 = { 0 };
  run (&json, dot, &r3);
  g_autoptr (JsonParser) parser = NULL;
  JsonArray *a = parse_findings (r3.out, &parser);
  cr_expect_eq (json_array_get_length (a), 80, "40 files with two findings each");
  for (guint i = 1; i < json_array_get_length (a); i++)
    {
      JsonObject *p = json_array_get_object_element (a, i - 1), *q = json_array_get_object_element (a, i);
      int c = strcmp (json_object_get_string_member (p, "file"), json_object_get_string_member (q, "file"));
      cr_expect (c < 0 || (c == 0 && json_object_get_int_member (p, "column") <
                                       json_object_get_int_member (q, "column")),
                 "finding %u in order", i);
    }
  leave_tmp (dir);
}
