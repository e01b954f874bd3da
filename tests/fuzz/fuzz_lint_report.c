/* fuzz_lint_report.c — libFuzzer target: the linter's report of findings at
 * arbitrary offsets of arbitrary text (lsp/cli/lint_report.h, lint_file.h,
 * lint_excerpt.h, lint_message.h).
 *
 * Input: one byte picks the format, one the number of findings (at most
 * 31), two 16-bit offsets per finding (start, length), one byte of the path,
 * then the text. Findings are sorted as the linter sorts them. Checked:
 *   - every position equals text/position.h's (UTF-32, plus one; minus the
 *     byte order mark's column on line 1), whatever the cursor's history;
 *   - text and github output: no line a CI runner would take for a workflow
 *     command other than the github format's own ::warning lines, no control
 *     character but tab, and at most a bounded size per finding;
 *   - json and sarif output parse as JSON with one element per finding.
 */
#include "fuzz_common.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "cli/lint_report.h"
#include "text/position.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char *const paths[] = { "doc.md", "::error::x.md", "a\nb.md", "##[error].md", "/abs/p.md", "%0A.md" };

static int
compare_findings (gconstpointer pa, gconstpointer pb)
{
  const GlsFinding *a = pa, *b = pb;
  return a->start != b->start ? (a->start < b->start ? -1 : 1) : (a->end < b->end ? -1 : a->end > b->end);
}

static void
check_positions (const GlsLintFile *file, const GlsFinding *f, guint n)
{
  GlsLintCursor cursor;
  gls_lint_cursor_init (&cursor, file);
  for (guint i = 0; i < 2 * n; i++)
    {
      gsize offset = i % 2 == 0 ? f[i / 2].start : f[i / 2].end;
      gint64 line, character;
      gls_offset_to_position (file->lines, file->text, file->len, offset, GLS_POSITION_UTF32, &line, &character);
      if (line == 0 && character > 0 && gls_lint_file_bom (file) > 0)
        character--;
      GlsLintPosition got = gls_lint_cursor_position (&cursor, offset);
      if (got.line != (guint) line + 1 || got.column != (guint) character + 1)
        fuzz_fail ("offset %zu: cursor %u:%u, position.h %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, offset,
                   got.line, got.column, line + 1, character + 1);
    }
}

static void
check_lines (const char *out, gsize len, GlsLintFormat format, guint n)
{
  if (len > 4096 + (gsize) n * 4096)
    fuzz_fail ("%zu bytes of report for %u findings", len, n);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      const char *p = *l;
      /* The github format's own commands, built with its escaping (the
       * unit tests of lint_report check that). */
      if (format == GLS_LINT_FORMAT_GITHUB && g_str_has_prefix (p, "::warning file="))
        continue;
      while (*p == ' ' || *p == '\t')
        p++;
      if (g_str_has_prefix (p, "::"))
        fuzz_fail ("a workflow command: %s", *l);
      if (strstr (*l, "##[") != NULL)
        fuzz_fail ("a legacy workflow command: %s", *l);
      for (const char *c = *l; *c != '\0'; c++)
        if (((guchar) *c < 0x20 && *c != '\t') || *c == 0x7f)
          fuzz_fail ("control byte 0x%02x in: %s", (guchar) *c, *l);
    }
}

static void
check_json (const char *out, gsize len, GlsLintFormat format, guint n)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  if (!json_parser_load_from_data (parser, out, (gssize) len, &error))
    fuzz_fail ("invalid JSON: %s", error->message);
  JsonNode *root = json_parser_get_root (parser);
  JsonArray *a = format == GLS_LINT_FORMAT_JSON
                   ? json_node_get_array (root)
                   : json_object_get_array_member (
                       json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "runs"), 0),
                       "results");
  if (json_array_get_length (a) != n)
    fuzz_fail ("%u elements for %u findings", json_array_get_length (a), n);
  if (strstr (out, "##[") != NULL)
    fuzz_fail ("a legacy workflow command in JSON");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  FuzzReader r = fuzz_reader (data, size);
  GlsLintFormat format = (GlsLintFormat) (fuzz_u8 (&r) % 4);
  guint n = fuzz_u8 (&r) % 32;
  guint16 offsets[64];
  for (guint i = 0; i < 2 * n; i++)
    offsets[i] = fuzz_u16 (&r);
  const char *path = paths[fuzz_u8 (&r) % G_N_ELEMENTS (paths)];
  gsize len;
  const char *text = fuzz_rest (&r, &len);
  g_autoptr (GlsLintFile) file = gls_lint_file_new (path, text, len);

  g_autoptr (GArray) findings = g_array_new (FALSE, TRUE, sizeof (GlsFinding));
  g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear);
  for (guint i = 0; i < n; i++)
    {
      GlsFinding f = { 0 };
      f.start = (guint32) (offsets[2 * i] % (len + 1));
      f.end = (guint32) MIN (f.start + offsets[2 * i + 1] % 300, len);
      f.rule = "term-case";
      f.severity = GLS_SEVERITY_WARNING;
      f.message = g_strndup (text + f.start, f.end - f.start); /* attacker text in the message */
      f.replacements = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (f.replacements, g_strdup ("X"));
      f.fixable = TRUE;
      g_array_append_val (findings, f);
    }
  g_array_sort (findings, compare_findings);
  check_positions (file, (const GlsFinding *) findings->data, n);

  char *out = NULL;
  size_t out_len = 0;
  FILE *stream = open_memstream (&out, &out_len);
  g_autoptr (GlsLintReport) report = gls_lint_report_new (format, stream);
  gls_lint_report_add (report, gls_lint_render (format, file, (const GlsFinding *) findings->data, n));
  if (!gls_lint_report_finish (report, NULL))
    fuzz_fail ("the report could not be written");
  fclose (stream);
  if (format == GLS_LINT_FORMAT_JSON || format == GLS_LINT_FORMAT_SARIF)
    check_json (out, out_len, format, n);
  else
    check_lines (out, out_len, format, n);
  free (out);
  return 0;
}
