/* lint_report.c — see lint_report.h. */
#include "gls-config.h"

#include "cli/lint_report.h"
#include "cli/json_writer.h"

#include <errno.h>
#include <string.h>

#include "analysis/rule_info.h"
#include "cli/lint_excerpt.h"
#include "cli/lint_message.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define GLS_INFORMATION_URI "https://github.com/glossary-ls/glossary-ls"
/* Lines up to this length keep the whole-line fingerprint of glossaryLs/v1;
 * longer ones hash a window around the finding (bounded work per finding). */
#define FINGERPRINT_LINE_MAX 1024
#define FINGERPRINT_WINDOW 256

static const char *const format_names[] = {
  [GLS_LINT_FORMAT_TEXT] = "text",
  [GLS_LINT_FORMAT_JSON] = "json",
  [GLS_LINT_FORMAT_SARIF] = "sarif",
  [GLS_LINT_FORMAT_GITHUB] = "github",
};

gboolean
gls_lint_format_parse (const char *name, GlsLintFormat *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (strcmp (name, format_names[i]) == 0)
      {
        *out = (GlsLintFormat) i;
        return TRUE;
      }
  return FALSE;
}

struct _GlsLintChunk
{
  GlsLintFormat format;
  GString      *text;   /* text, github: lines; json, sarif: elements joined by ",\n" */
  guint         n;      /* findings rendered */
};

void
gls_lint_chunk_free (GlsLintChunk *chunk)
{
  if (chunk == NULL)
    return;
  if (chunk->text != NULL)
    g_string_free (chunk->text, TRUE);
  g_free (chunk);
}

/* A string that is safe to put in JSON: invalid bytes become U+FFFD. */
static char *
valid_utf8 (const char *text, gssize len)
{
  return g_utf8_make_valid (text, len);
}

/* Adds a string member value that is valid UTF-8 whatever text holds
 * (messages and replacements quote the document). */
static void
add_text (GlsJsonWriter *b, const char *text)
{
  if (g_utf8_validate (text, -1, NULL))
    gls_json_writer_add_string_value (b, text);
  else
    {
      g_autofree char *valid = valid_utf8 (text, -1);
      gls_json_writer_add_string_value (b, valid);
    }
}

static char *
surface_of (const GlsLintFile *file, const GlsFinding *f)
{
  return valid_utf8 (file->text + f->start, (gssize) (f->end - f->start));
}

/* ---- text ---------------------------------------------------------------- */

/* Positions of a finding: start from the cursor that walks the sorted
 * findings, end from a copy of it (the range is short), so that neither
 * recounts its line from the start. */
static void
positions (GlsLintCursor *cursor, const GlsFinding *f, GlsLintPosition *start, GlsLintPosition *end)
{
  *start = gls_lint_cursor_position (cursor, f->start);
  GlsLintCursor from_start = *cursor;
  *end = gls_lint_cursor_position (&from_start, f->end);
}

static void
render_text_finding (GString *out, const GlsLintFile *file, GlsLintCursor *cursor, const GlsFinding *f)
{
  GlsLintPosition start, end;
  positions (cursor, f, &start, &end);

  gsize from = out->len;
  g_autofree char *header = g_strdup_printf ("%s:%u:%u: %s: %s [%s]", file->path, start.line, start.column,
                                             gls_severity_to_string (f->severity), f->message, f->rule);
  gls_lint_safe_append (out, header, -1, FALSE);
  gls_lint_neutralize_line (out, from);
  g_string_append_c (out, '\n');
  gls_lint_excerpt_append (out, file, cursor->line_start, cursor->line_end, cursor->offset, f->end);
}

/* ---- github -------------------------------------------------------------- */

static char *
github_escape (const char *text, gboolean property)
{
  GString *out = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '%': g_string_append (out, "%25"); break;
      case '\r': g_string_append (out, "%0D"); break;
      case '\n': g_string_append (out, "%0A"); break;
      case ':':
        if (property)
          g_string_append (out, "%3A");
        else
          g_string_append_c (out, ':');
        break;
      case ',':
        if (property)
          g_string_append (out, "%2C");
        else
          g_string_append_c (out, ',');
        break;
      default: g_string_append_c (out, *p); break;
      }
  return g_string_free (out, FALSE);
}

char *
gls_lint_github_escape_data (const char *text)
{
  return github_escape (text, FALSE);
}

char *
gls_lint_github_escape_property (const char *text)
{
  return github_escape (text, TRUE);
}

static const char *
github_command (GlsSeverity severity)
{
  switch (severity)
    {
    case GLS_SEVERITY_ERROR: return "error";
    case GLS_SEVERITY_WARNING: return "warning";
    default: return "notice";
    }
}

static void
render_github_finding (GString *out, const GlsLintFile *file, GlsLintCursor *cursor, const GlsFinding *f)
{
  GlsLintPosition start, end;
  positions (cursor, f, &start, &end);
  g_autofree char *path = valid_utf8 (file->path, -1);
  g_autofree char *file_prop = gls_lint_github_escape_property (path);
  g_autofree char *title = gls_lint_github_escape_property (f->rule);
  g_autofree char *valid_message = valid_utf8 (f->message, -1);
  g_autofree char *message = gls_lint_github_escape_data (valid_message);

  g_string_append_printf (out, "::%s file=%s,line=%u,col=%u,endLine=%u,endColumn=%u,title=%s::%s\n",
                          github_command (f->severity), file_prop, start.line, start.column,
                          end.line, end.column, title, message);
}

/* ---- json ---------------------------------------------------------------- */

static void
render_json_finding (GlsJsonWriter *b, const GlsLintFile *file, GlsLintCursor *cursor, const GlsFinding *f)
{
  GlsLintPosition start, end;
  positions (cursor, f, &start, &end);
  g_autofree char *path = valid_utf8 (file->path, -1);
  guint n_repl = f->replacements != NULL ? f->replacements->len : 0;

  gls_json_writer_begin_object (b);
  gls_json_writer_set_member_name (b, "file");
  gls_json_writer_add_string_value (b, path);
  gls_json_writer_set_member_name (b, "line");
  gls_json_writer_add_int_value (b, start.line);
  gls_json_writer_set_member_name (b, "column");
  gls_json_writer_add_int_value (b, start.column);
  gls_json_writer_set_member_name (b, "endLine");
  gls_json_writer_add_int_value (b, end.line);
  gls_json_writer_set_member_name (b, "endColumn");
  gls_json_writer_add_int_value (b, end.column);
  gls_json_writer_set_member_name (b, "rule");
  gls_json_writer_add_string_value (b, f->rule);
  gls_json_writer_set_member_name (b, "severity");
  gls_json_writer_add_string_value (b, gls_severity_to_string (f->severity));
  gls_json_writer_set_member_name (b, "message");
  add_text (b, f->message);
  gls_json_writer_set_member_name (b, "replacement");
  if (n_repl > 0)
    add_text (b, g_ptr_array_index (f->replacements, 0));
  else
    gls_json_writer_add_null_value (b);
  gls_json_writer_set_member_name (b, "replacements");
  gls_json_writer_begin_array (b);
  for (guint i = 0; i < n_repl; i++)
    add_text (b, g_ptr_array_index (f->replacements, i));
  gls_json_writer_end_array (b);
  gls_json_writer_set_member_name (b, "fixable");
  gls_json_writer_add_boolean_value (b, f->fixable);
  gls_json_writer_end_object (b);
}

/* ---- sarif --------------------------------------------------------------- */

char *
gls_lint_sarif_uri (const char *path, gboolean *relative)
{
  g_autofree char *valid = valid_utf8 (path, -1);
  const char *p = valid;

  if (g_path_is_absolute (p))
    {
      *relative = FALSE;
      g_autofree char *escaped = g_uri_escape_string (p, "/", FALSE);
      return g_strconcat ("file://", escaped, NULL);
    }
  while (p[0] == '.' && p[1] == '/')
    {
      p += 2;
      while (*p == '/')
        p++;
    }
  *relative = TRUE;
  return g_uri_escape_string (p, "/", FALSE);
}

static const char *
sarif_level (GlsSeverity severity)
{
  switch (severity)
    {
    case GLS_SEVERITY_ERROR: return "error";
    case GLS_SEVERITY_WARNING: return "warning";
    case GLS_SEVERITY_OFF: return "none";
    default: return "note";
    }
}

static void
add_artifact_location (GlsJsonWriter *b, const char *uri, gboolean relative)
{
  gls_json_writer_set_member_name (b, "artifactLocation");
  gls_json_writer_begin_object (b);
  gls_json_writer_set_member_name (b, "uri");
  gls_json_writer_add_string_value (b, uri);
  if (relative)
    {
      gls_json_writer_set_member_name (b, "uriBaseId");
      gls_json_writer_add_string_value (b, "%SRCROOT%");
    }
  gls_json_writer_end_object (b);
}

static void
add_region (GlsJsonWriter *b, const char *member, GlsLintPosition start, GlsLintPosition end)
{
  gls_json_writer_set_member_name (b, member);
  gls_json_writer_begin_object (b);
  gls_json_writer_set_member_name (b, "startLine");
  gls_json_writer_add_int_value (b, start.line);
  gls_json_writer_set_member_name (b, "startColumn");
  gls_json_writer_add_int_value (b, start.column);
  gls_json_writer_set_member_name (b, "endLine");
  gls_json_writer_add_int_value (b, end.line);
  gls_json_writer_set_member_name (b, "endColumn");
  gls_json_writer_add_int_value (b, end.column);
  gls_json_writer_end_object (b);
}

/* A fingerprint that survives edits elsewhere in the file: the rule, the
 * flagged text and its line's text (trimmed; on a line longer than
 * FINGERPRINT_LINE_MAX bytes, the FINGERPRINT_WINDOW bytes on each side of
 * the range instead, so the cost per finding stays bounded), plus the
 * occurrence number of that triple within the file. cursor is at f->start. */
static char *
fingerprint (const GlsLintFile *file, const GlsLintCursor *cursor, const GlsFinding *f, GHashTable *seen)
{
  gsize ls = cursor->line_start, le = cursor->line_end;
  if (le - ls > FINGERPRINT_LINE_MAX)
    {
      gsize s = MIN (MAX (f->start, ls), le), e = MIN (MAX (f->end, s), le);
      ls = s - MIN (s - ls, FINGERPRINT_WINDOW);
      le = e + MIN (le - e, FINGERPRINT_WINDOW);
    }
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *line_text = g_strndup (file->text + ls, le - ls);
  g_strstrip (line_text);
  g_checksum_update (sum, (const guchar *) f->rule, (gssize) strlen (f->rule) + 1);
  g_checksum_update (sum, (const guchar *) file->text + f->start, f->end - f->start);
  g_checksum_update (sum, (const guchar *) "", 1);
  g_checksum_update (sum, (const guchar *) line_text, (gssize) strlen (line_text));
  char *hash = g_strndup (g_checksum_get_string (sum), 32);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, hash)) + 1;
  g_hash_table_replace (seen, hash, GUINT_TO_POINTER (n));
  return g_strdup_printf ("%s:%u", hash, n);
}

static void
render_sarif_finding (GlsJsonWriter *b, const GlsLintFile *file, GlsLintCursor *cursor, const GlsFinding *f,
                      GHashTable *seen)
{
  GlsLintPosition start, end;
  positions (cursor, f, &start, &end);
  gboolean relative;
  g_autofree char *uri = gls_lint_sarif_uri (file->path, &relative);
  g_autofree char *print = fingerprint (file, cursor, f, seen);
  guint n_repl = f->replacements != NULL ? f->replacements->len : 0;
  GlsRuleId rule;

  gls_json_writer_begin_object (b);
  gls_json_writer_set_member_name (b, "ruleId");
  gls_json_writer_add_string_value (b, f->rule);
  if (gls_rule_lookup (f->rule, &rule))
    {
      gls_json_writer_set_member_name (b, "ruleIndex");
      gls_json_writer_add_int_value (b, rule);
    }
  gls_json_writer_set_member_name (b, "level");
  gls_json_writer_add_string_value (b, sarif_level (f->severity));
  gls_json_writer_set_member_name (b, "message");
  gls_json_writer_begin_object (b);
  gls_json_writer_set_member_name (b, "text");
  add_text (b, f->message);
  gls_json_writer_end_object (b);

  gls_json_writer_set_member_name (b, "locations");
  gls_json_writer_begin_array (b);
  gls_json_writer_begin_object (b);
  gls_json_writer_set_member_name (b, "physicalLocation");
  gls_json_writer_begin_object (b);
  add_artifact_location (b, uri, relative);
  add_region (b, "region", start, end);
  gls_json_writer_end_object (b);
  gls_json_writer_end_object (b);
  gls_json_writer_end_array (b);

  gls_json_writer_set_member_name (b, "partialFingerprints");
  gls_json_writer_begin_object (b);
  gls_json_writer_set_member_name (b, "glossaryLs/v1");
  gls_json_writer_add_string_value (b, print);
  gls_json_writer_end_object (b);

  if (n_repl > 0)
    {
      g_autofree char *surface = surface_of (file, f);
      gls_json_writer_set_member_name (b, "fixes");
      gls_json_writer_begin_array (b);
      for (guint i = 0; i < n_repl; i++)
        {
          g_autofree char *replacement = valid_utf8 (g_ptr_array_index (f->replacements, i), -1);
          g_autofree char *description = g_strdup_printf ("Replace “%s” with “%s”", surface, replacement);
          gls_json_writer_begin_object (b);
          gls_json_writer_set_member_name (b, "description");
          gls_json_writer_begin_object (b);
          gls_json_writer_set_member_name (b, "text");
          gls_json_writer_add_string_value (b, description);
          gls_json_writer_end_object (b);
          gls_json_writer_set_member_name (b, "artifactChanges");
          gls_json_writer_begin_array (b);
          gls_json_writer_begin_object (b);
          add_artifact_location (b, uri, relative);
          gls_json_writer_set_member_name (b, "replacements");
          gls_json_writer_begin_array (b);
          gls_json_writer_begin_object (b);
          add_region (b, "deletedRegion", start, end);
          gls_json_writer_set_member_name (b, "insertedContent");
          gls_json_writer_begin_object (b);
          gls_json_writer_set_member_name (b, "text");
          gls_json_writer_add_string_value (b, replacement);
          gls_json_writer_end_object (b);
          gls_json_writer_end_object (b);
          gls_json_writer_end_array (b);
          gls_json_writer_end_object (b);
          gls_json_writer_end_array (b);
          gls_json_writer_end_object (b);
        }
      gls_json_writer_end_array (b);
    }
  gls_json_writer_end_object (b);
}

/* Indent of a finding in the json array and in the SARIF results array. */
#define JSON_ELEMENT_INDENT 2
#define SARIF_RESULT_INDENT 6

GlsLintChunk *
gls_lint_render (GlsLintFormat format, const GlsLintFile *file, const GlsFinding *findings, guint n)
{
  GlsLintChunk *chunk = g_new0 (GlsLintChunk, 1);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GlsLintCursor cursor;

  gls_lint_cursor_init (&cursor, file);
  chunk->format = format;
  chunk->text = g_string_new (NULL);
  chunk->n = n;
  for (guint i = 0; i < n; i++)
    {
      GlsJsonWriter writer;
      switch (format)
        {
        case GLS_LINT_FORMAT_TEXT:
          render_text_finding (chunk->text, file, &cursor, &findings[i]);
          break;
        case GLS_LINT_FORMAT_GITHUB:
          render_github_finding (chunk->text, file, &cursor, &findings[i]);
          break;
        case GLS_LINT_FORMAT_JSON:
        case GLS_LINT_FORMAT_SARIF:
          if (i > 0)
            g_string_append (chunk->text, ",\n");
          gls_json_writer_init (&writer, chunk->text,
                                format == GLS_LINT_FORMAT_JSON ? JSON_ELEMENT_INDENT : SARIF_RESULT_INDENT);
          if (format == GLS_LINT_FORMAT_JSON)
            render_json_finding (&writer, file, &cursor, &findings[i]);
          else
            render_sarif_finding (&writer, file, &cursor, &findings[i], seen);
          break;
        }
    }
  return chunk;
}

/* ---- assembly ------------------------------------------------------------ */

struct _GlsLintReport
{
  GlsLintFormat format;
  FILE         *out;
  gboolean      started;   /* json, sarif: the document's head is written */
  guint         n;         /* findings written */
  gboolean      failed;
};

static void
write_text (GlsLintReport *report, const char *text, gsize len)
{
  if (len > 0 && fwrite (text, 1, len, report->out) != len)
    report->failed = TRUE;
}

static void sarif_head (GString *out);

/* json and sarif documents are written as they go: the head before the
 * first finding, each finding as it comes, the tail at the end. */
static void
start_document (GlsLintReport *report)
{
  if (report->started)
    return;
  report->started = TRUE;
  g_autoptr (GString) head = g_string_new (NULL);
  if (report->format == GLS_LINT_FORMAT_JSON)
    g_string_append (head, "[");
  else if (report->format == GLS_LINT_FORMAT_SARIF)
    sarif_head (head);
  write_text (report, head->str, head->len);
}

GlsLintReport *
gls_lint_report_new (GlsLintFormat format, FILE *out)
{
  GlsLintReport *report = g_new0 (GlsLintReport, 1);
  report->format = format;
  report->out = out;
  return report;
}

void
gls_lint_report_free (GlsLintReport *report)
{
  g_free (report);
}

void
gls_lint_report_add (GlsLintReport *report, GlsLintChunk *chunk)
{
  g_return_if_fail (chunk->format == report->format);
  if (report->format == GLS_LINT_FORMAT_JSON || report->format == GLS_LINT_FORMAT_SARIF)
    {
      start_document (report);
      if (chunk->n > 0)
        write_text (report, report->n > 0 ? ",\n" : "\n", report->n > 0 ? 2 : 1);
    }
  write_text (report, chunk->text->str, chunk->text->len);
  report->n += chunk->n;
  gls_lint_chunk_free (chunk);
}

static void
add_rules (GlsJsonWriter *b)
{
  gls_json_writer_set_member_name (b, "rules");
  gls_json_writer_begin_array (b);
  for (guint i = 0; i < GLS_N_RULES; i++)
    {
      const GlsRuleInfo *info = gls_rule_info ((GlsRuleId) i);
      /* SARIF suggests a PascalCase name beside the opaque id. */
      g_auto (GStrv) words = g_strsplit (info->id, "-", -1);
      GString *name = g_string_new (NULL);
      for (char **w = words; *w != NULL; w++)
        if (**w != '\0')
          {
            g_string_append_c (name, g_ascii_toupper (**w));
            g_string_append (name, *w + 1);
          }

      gls_json_writer_begin_object (b);
      gls_json_writer_set_member_name (b, "id");
      gls_json_writer_add_string_value (b, info->id);
      gls_json_writer_set_member_name (b, "name");
      gls_json_writer_add_string_value (b, name->str);
      gls_json_writer_set_member_name (b, "shortDescription");
      gls_json_writer_begin_object (b);
      gls_json_writer_set_member_name (b, "text");
      gls_json_writer_add_string_value (b, info->short_description);
      gls_json_writer_end_object (b);
      gls_json_writer_set_member_name (b, "fullDescription");
      gls_json_writer_begin_object (b);
      gls_json_writer_set_member_name (b, "text");
      gls_json_writer_add_string_value (b, info->full_description);
      gls_json_writer_end_object (b);
      gls_json_writer_set_member_name (b, "help");
      gls_json_writer_begin_object (b);
      gls_json_writer_set_member_name (b, "text");
      gls_json_writer_add_string_value (b, info->full_description);
      gls_json_writer_end_object (b);
      gls_json_writer_set_member_name (b, "defaultConfiguration");
      gls_json_writer_begin_object (b);
      gls_json_writer_set_member_name (b, "level");
      gls_json_writer_add_string_value (b, sarif_level (info->default_severity));
      gls_json_writer_end_object (b);
      gls_json_writer_end_object (b);
      g_string_free (name, TRUE);
    }
  gls_json_writer_end_array (b);
}

/* The SARIF log up to the opening of runs[0].results. */
static void
sarif_head (GString *out)
{
  g_autoptr (GString) run_text = g_string_new (NULL);
  GlsJsonWriter writer, *b = &writer;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *cwd_slash = g_str_has_suffix (cwd, "/") ? g_strdup (cwd) : g_strconcat (cwd, "/", NULL);
  g_autofree char *root = g_filename_to_uri (cwd_slash, NULL, NULL);

  gls_json_writer_init (b, run_text, 4);
  gls_json_writer_begin_object (b);
  gls_json_writer_set_member_name (b, "tool");
  gls_json_writer_begin_object (b);
  gls_json_writer_set_member_name (b, "driver");
  gls_json_writer_begin_object (b);
  gls_json_writer_set_member_name (b, "name");
  gls_json_writer_add_string_value (b, "glossary-ls");
  gls_json_writer_set_member_name (b, "version");
  gls_json_writer_add_string_value (b, GLS_VERSION);
  gls_json_writer_set_member_name (b, "semanticVersion");
  gls_json_writer_add_string_value (b, GLS_VERSION);
  gls_json_writer_set_member_name (b, "informationUri");
  gls_json_writer_add_string_value (b, GLS_INFORMATION_URI);
  add_rules (b);
  gls_json_writer_end_object (b);
  gls_json_writer_end_object (b);

  if (root != NULL)
    {
      gls_json_writer_set_member_name (b, "originalUriBaseIds");
      gls_json_writer_begin_object (b);
      gls_json_writer_set_member_name (b, "%SRCROOT%");
      gls_json_writer_begin_object (b);
      gls_json_writer_set_member_name (b, "uri");
      gls_json_writer_add_string_value (b, root);
      gls_json_writer_end_object (b);
      gls_json_writer_end_object (b);
    }
  gls_json_writer_set_member_name (b, "columnKind");
  gls_json_writer_add_string_value (b, "unicodeCodePoints");
  gls_json_writer_end_object (b);

  /* Reopen the run object: drop its closing brace to append "results". */
  while (run_text->len > 0 && run_text->str[run_text->len - 1] != '}')
    g_string_truncate (run_text, run_text->len - 1);
  g_string_truncate (run_text, run_text->len - 1);
  while (run_text->len > 0 && g_ascii_isspace (run_text->str[run_text->len - 1]))
    g_string_truncate (run_text, run_text->len - 1);

  g_string_append (out, "{\n  \"$schema\" : \"" SARIF_SCHEMA "\",\n  \"version\" : \"2.1.0\",\n  \"runs\" : [\n");
  g_string_append_len (out, run_text->str, (gssize) run_text->len);
  g_string_append (out, ",\n      \"results\" : [");
}

gboolean
gls_lint_report_finish (GlsLintReport *report, GError **error)
{
  if (report->format == GLS_LINT_FORMAT_JSON || report->format == GLS_LINT_FORMAT_SARIF)
    {
      start_document (report);
      const char *tail = report->format == GLS_LINT_FORMAT_JSON ? "\n]\n" : "\n      ]\n    }\n  ]\n}\n";
      write_text (report, tail, strlen (tail));
    }
  if (fflush (report->out) != 0 || ferror (report->out))
    report->failed = TRUE;
  if (report->failed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write the report: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}
