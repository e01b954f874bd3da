/* lint_report.c — see lint_report.h. */
#include "gls-config.h"

#include "cli/lint_report.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "analysis/rule_info.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define GLS_INFORMATION_URI "https://github.com/glossary-ls/glossary-ls"
#define REPLACEMENT_CHAR "\xEF\xBF\xBD"

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
  GString      *text;   /* text, github */
  GPtrArray    *nodes;  /* json, sarif: JsonNode* per finding */
};

void
gls_lint_chunk_free (GlsLintChunk *chunk)
{
  if (chunk == NULL)
    return;
  if (chunk->text != NULL)
    g_string_free (chunk->text, TRUE);
  g_clear_pointer (&chunk->nodes, g_ptr_array_unref);
  g_free (chunk);
}

/* Length of the valid UTF-8 sequence at p, or 0 when the byte stands alone:
 * the same unit rule as text/position.h, so columns and display agree. */
static gsize
char_length (const char *p, const char *end, gunichar *c)
{
  guchar b = (guchar) *p;
  if (b < 0x80)
    {
      *c = b;
      return 1;
    }
  *c = g_utf8_get_char_validated (p, end - p);
  if (*c == (gunichar) -1 || *c == (gunichar) -2)
    return 0;
  return (gsize) g_utf8_skip[b];
}

/* A string that is safe to put in JSON: invalid bytes become U+FFFD. */
static char *
valid_utf8 (const char *text, gssize len)
{
  return g_utf8_make_valid (text, len);
}

static char *
surface_of (const GlsLintFile *file, const GlsFinding *f)
{
  return valid_utf8 (file->text + f->start, (gssize) (f->end - f->start));
}

/* ---- text ---------------------------------------------------------------- */

static void
render_text_finding (GString *out, const GlsLintFile *file, const GlsFinding *f)
{
  GlsLintPosition start = gls_lint_file_position (file, f->start);
  GlsLintPosition end = gls_lint_file_position (file, f->end);
  gsize line_start, line_end;

  g_string_append_printf (out, "%s:%u:%u: %s: %s [%s]\n", file->path, start.line, start.column,
                          gls_severity_to_string (f->severity), f->message, f->rule);

  gls_lint_file_line_bounds (file, start.line, &line_start, &line_end);
  const char *p = file->text + line_start, *stop = file->text + line_end;
  GString *marks = g_string_new (NULL);
  guint column = 1;
  guint last = end.line == start.line ? MAX (end.column, start.column + 1) : G_MAXUINT;

  while (p < stop)
    {
      gunichar c;
      gsize n = char_length (p, stop, &c);
      if (n == 0 || (c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0))
        g_string_append (out, REPLACEMENT_CHAR);
      else
        g_string_append_len (out, p, (gssize) n);
      p += n == 0 ? 1 : n;

      if (column < start.column)
        g_string_append_c (marks, c == '\t' && n == 1 ? '\t' : ' ');
      else if (column < last)
        g_string_append_c (marks, column == start.column ? '^' : '~');
      column++;
    }
  if (marks->len == 0 || column <= start.column)
    {
      /* The range starts at the end of the line (its terminator): point there. */
      while (column++ < start.column)
        g_string_append_c (marks, ' ');
      g_string_append_c (marks, '^');
    }
  g_string_append_c (out, '\n');
  g_string_append_len (out, marks->str, (gssize) marks->len);
  g_string_append_c (out, '\n');
  g_string_free (marks, TRUE);
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
render_github_finding (GString *out, const GlsLintFile *file, const GlsFinding *f)
{
  GlsLintPosition start = gls_lint_file_position (file, f->start);
  GlsLintPosition end = gls_lint_file_position (file, f->end);
  g_autofree char *path = valid_utf8 (file->path, -1);
  g_autofree char *file_prop = gls_lint_github_escape_property (path);
  g_autofree char *title = gls_lint_github_escape_property (f->rule);
  g_autofree char *message = gls_lint_github_escape_data (f->message);

  g_string_append_printf (out, "::%s file=%s,line=%u,col=%u,endLine=%u,endColumn=%u,title=%s::%s\n",
                          github_command (f->severity), file_prop, start.line, start.column,
                          end.line, end.column, title, message);
}

/* ---- json ---------------------------------------------------------------- */

static JsonNode *
render_json_finding (const GlsLintFile *file, const GlsFinding *f)
{
  GlsLintPosition start = gls_lint_file_position (file, f->start);
  GlsLintPosition end = gls_lint_file_position (file, f->end);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *path = valid_utf8 (file->path, -1);
  guint n_repl = f->replacements != NULL ? f->replacements->len : 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "line");
  json_builder_add_int_value (b, start.line);
  json_builder_set_member_name (b, "column");
  json_builder_add_int_value (b, start.column);
  json_builder_set_member_name (b, "endLine");
  json_builder_add_int_value (b, end.line);
  json_builder_set_member_name (b, "endColumn");
  json_builder_add_int_value (b, end.column);
  json_builder_set_member_name (b, "rule");
  json_builder_add_string_value (b, f->rule);
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, gls_severity_to_string (f->severity));
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, f->message);
  json_builder_set_member_name (b, "replacement");
  if (n_repl > 0)
    json_builder_add_string_value (b, g_ptr_array_index (f->replacements, 0));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "replacements");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_repl; i++)
    json_builder_add_string_value (b, g_ptr_array_index (f->replacements, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "fixable");
  json_builder_add_boolean_value (b, f->fixable);
  json_builder_end_object (b);
  return json_builder_get_root (b);
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
add_artifact_location (JsonBuilder *b, const char *uri, gboolean relative)
{
  json_builder_set_member_name (b, "artifactLocation");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "uri");
  json_builder_add_string_value (b, uri);
  if (relative)
    {
      json_builder_set_member_name (b, "uriBaseId");
      json_builder_add_string_value (b, "%SRCROOT%");
    }
  json_builder_end_object (b);
}

static void
add_region (JsonBuilder *b, const char *member, GlsLintPosition start, GlsLintPosition end)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "startLine");
  json_builder_add_int_value (b, start.line);
  json_builder_set_member_name (b, "startColumn");
  json_builder_add_int_value (b, start.column);
  json_builder_set_member_name (b, "endLine");
  json_builder_add_int_value (b, end.line);
  json_builder_set_member_name (b, "endColumn");
  json_builder_add_int_value (b, end.column);
  json_builder_end_object (b);
}

/* A fingerprint that survives edits elsewhere in the file: the rule, the
 * flagged text and its line's text (trimmed), plus the occurrence number of
 * that triple within the file. */
static char *
fingerprint (const GlsLintFile *file, const GlsFinding *f, guint line, GHashTable *seen)
{
  gsize ls, le;
  gls_lint_file_line_bounds (file, line, &ls, &le);
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

static JsonNode *
render_sarif_finding (const GlsLintFile *file, const GlsFinding *f, GHashTable *seen)
{
  GlsLintPosition start = gls_lint_file_position (file, f->start);
  GlsLintPosition end = gls_lint_file_position (file, f->end);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gboolean relative;
  g_autofree char *uri = gls_lint_sarif_uri (file->path, &relative);
  g_autofree char *print = fingerprint (file, f, start.line, seen);
  guint n_repl = f->replacements != NULL ? f->replacements->len : 0;
  GlsRuleId rule;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ruleId");
  json_builder_add_string_value (b, f->rule);
  if (gls_rule_lookup (f->rule, &rule))
    {
      json_builder_set_member_name (b, "ruleIndex");
      json_builder_add_int_value (b, rule);
    }
  json_builder_set_member_name (b, "level");
  json_builder_add_string_value (b, sarif_level (f->severity));
  json_builder_set_member_name (b, "message");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, f->message);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "locations");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "physicalLocation");
  json_builder_begin_object (b);
  add_artifact_location (b, uri, relative);
  add_region (b, "region", start, end);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "partialFingerprints");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "glossaryLs/v1");
  json_builder_add_string_value (b, print);
  json_builder_end_object (b);

  if (n_repl > 0)
    {
      g_autofree char *surface = surface_of (file, f);
      json_builder_set_member_name (b, "fixes");
      json_builder_begin_array (b);
      for (guint i = 0; i < n_repl; i++)
        {
          const char *replacement = g_ptr_array_index (f->replacements, i);
          g_autofree char *description = g_strdup_printf ("Replace “%s” with “%s”", surface, replacement);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "description");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, description);
          json_builder_end_object (b);
          json_builder_set_member_name (b, "artifactChanges");
          json_builder_begin_array (b);
          json_builder_begin_object (b);
          add_artifact_location (b, uri, relative);
          json_builder_set_member_name (b, "replacements");
          json_builder_begin_array (b);
          json_builder_begin_object (b);
          add_region (b, "deletedRegion", start, end);
          json_builder_set_member_name (b, "insertedContent");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, replacement);
          json_builder_end_object (b);
          json_builder_end_object (b);
          json_builder_end_array (b);
          json_builder_end_object (b);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

GlsLintChunk *
gls_lint_render (GlsLintFormat format, const GlsLintFile *file, const GlsFinding *findings, guint n)
{
  GlsLintChunk *chunk = g_new0 (GlsLintChunk, 1);
  chunk->format = format;
  switch (format)
    {
    case GLS_LINT_FORMAT_TEXT:
    case GLS_LINT_FORMAT_GITHUB:
      chunk->text = g_string_new (NULL);
      for (guint i = 0; i < n; i++)
        if (format == GLS_LINT_FORMAT_TEXT)
          render_text_finding (chunk->text, file, &findings[i]);
        else
          render_github_finding (chunk->text, file, &findings[i]);
      break;
    case GLS_LINT_FORMAT_JSON:
      chunk->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (chunk->nodes, render_json_finding (file, &findings[i]));
      break;
    case GLS_LINT_FORMAT_SARIF:
      {
        g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        chunk->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
        for (guint i = 0; i < n; i++)
          g_ptr_array_add (chunk->nodes, render_sarif_finding (file, &findings[i], seen));
      }
      break;
    }
  return chunk;
}

/* ---- assembly ------------------------------------------------------------ */

struct _GlsLintReport
{
  GlsLintFormat format;
  FILE         *out;
  GPtrArray    *nodes;     /* json, sarif: every finding's node, in order */
  gboolean      failed;
};

GlsLintReport *
gls_lint_report_new (GlsLintFormat format, FILE *out)
{
  GlsLintReport *report = g_new0 (GlsLintReport, 1);
  report->format = format;
  report->out = out;
  report->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  return report;
}

void
gls_lint_report_free (GlsLintReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->nodes);
  g_free (report);
}

void
gls_lint_report_add (GlsLintReport *report, GlsLintChunk *chunk)
{
  g_return_if_fail (chunk->format == report->format);
  if (chunk->text != NULL && chunk->text->len > 0)
    {
      if (fwrite (chunk->text->str, 1, chunk->text->len, report->out) != chunk->text->len)
        report->failed = TRUE;
    }
  if (chunk->nodes != NULL)
    for (guint i = 0; i < chunk->nodes->len; i++)
      g_ptr_array_add (report->nodes, json_node_ref (g_ptr_array_index (chunk->nodes, i)));
  gls_lint_chunk_free (chunk);
}

static void
add_rules (JsonBuilder *b)
{
  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
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

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, info->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name->str);
      json_builder_set_member_name (b, "shortDescription");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, info->short_description);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "fullDescription");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, info->full_description);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "help");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, info->full_description);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "defaultConfiguration");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "level");
      json_builder_add_string_value (b, sarif_level (info->default_severity));
      json_builder_end_object (b);
      json_builder_end_object (b);
      g_string_free (name, TRUE);
    }
  json_builder_end_array (b);
}

static JsonNode *
sarif_document (GPtrArray *results)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *cwd_slash = g_str_has_suffix (cwd, "/") ? g_strdup (cwd) : g_strconcat (cwd, "/", NULL);
  g_autofree char *root = g_filename_to_uri (cwd_slash, NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "$schema");
  json_builder_add_string_value (b, SARIF_SCHEMA);
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, "2.1.0");
  json_builder_set_member_name (b, "runs");
  json_builder_begin_array (b);
  json_builder_begin_object (b);

  json_builder_set_member_name (b, "tool");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "driver");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "glossary-ls");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, GLS_VERSION);
  json_builder_set_member_name (b, "semanticVersion");
  json_builder_add_string_value (b, GLS_VERSION);
  json_builder_set_member_name (b, "informationUri");
  json_builder_add_string_value (b, GLS_INFORMATION_URI);
  add_rules (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  if (root != NULL)
    {
      json_builder_set_member_name (b, "originalUriBaseIds");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "%SRCROOT%");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "uri");
      json_builder_add_string_value (b, root);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "columnKind");
  json_builder_add_string_value (b, "unicodeCodePoints");

  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < results->len; i++)
    json_builder_add_value (b, json_node_ref (g_ptr_array_index (results, i)));
  json_builder_end_array (b);

  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
json_document (GPtrArray *findings)
{
  JsonArray *array = json_array_sized_new (findings->len);
  for (guint i = 0; i < findings->len; i++)
    json_array_add_element (array, json_node_ref (g_ptr_array_index (findings, i)));
  JsonNode *root = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (root, array);
  return root;
}

gboolean
gls_lint_report_finish (GlsLintReport *report, GError **error)
{
  if (report->format == GLS_LINT_FORMAT_JSON || report->format == GLS_LINT_FORMAT_SARIF)
    {
      g_autoptr (JsonNode) root = report->format == GLS_LINT_FORMAT_JSON ? json_document (report->nodes)
                                                                          : sarif_document (report->nodes);
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      json_generator_set_pretty (gen, TRUE);
      json_generator_set_indent (gen, 2);
      json_generator_set_root (gen, root);
      gsize len;
      g_autofree char *text = json_generator_to_data (gen, &len);
      if (fwrite (text, 1, len, report->out) != len || fputc ('\n', report->out) == EOF)
        report->failed = TRUE;
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
