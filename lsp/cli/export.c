/* export.c — `glossary-ls export` (export.h, cli.h). */
#include "cli/export.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/glossary_options.h"
#include "glossary/tex_repair.h"

static const char *const format_names[] = {
  [GLS_EXPORT_CSPELL] = "cspell",           [GLS_EXPORT_VALE] = "vale",
  [GLS_EXPORT_TYPOS] = "typos",             [GLS_EXPORT_MKDOCS_ABBR] = "mkdocs-abbr",
  [GLS_EXPORT_MARKDOWN] = "markdown",       [GLS_EXPORT_JSON] = "json",
};

gboolean
gls_export_format_parse (const char *name, GlsExportFormat *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (name, format_names[i]) == 0)
      {
        *out = (GlsExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------ collection */

static int
compare_spellings (gconstpointer pa, gconstpointer pb)
{
  const char *a = *(const char *const *) pa, *b = *(const char *const *) pb;
  int c = g_ascii_strcasecmp (a, b);
  return c != 0 ? c : strcmp (a, b);
}

/* (transfer container) The canonical spellings of the terms recognised in prose, sorted. */
static GPtrArray *
collect_terms (const GlsGlossary *g)
{
  GPtrArray *terms = g_ptr_array_new ();
  for (guint i = 0; i < gls_glossary_n_terms (g); i++)
    {
      const GlsTerm *t = gls_glossary_term (g, i);
      if (t->flags & GLS_TERM_MATCH_PROSE)
        g_ptr_array_add (terms, (gpointer) gls_glossary_term_canonical (g, t));
    }
  g_ptr_array_sort (terms, compare_spellings);
  return terms;
}

/* The preferred spelling of a preference: the glossary term's canonical
 * one when it names a term, else as written; NULL when there is none. */
static char *
preferred_of (const GlsGlossary *g, const GlsPreference *p)
{
  if (p->preferred.len == 0)
    return NULL;
  gsize len;
  const char *text = gls_glossary_source_slice (g, p->source, p->preferred, &len);
  const GlsTerm *t = gls_glossary_lookup (g, text, (gssize) len);
  return t != NULL ? g_strdup (gls_glossary_term_canonical (g, t)) : g_strndup (text, len);
}

static char *
rejected_of (const GlsGlossary *g, const GlsPreference *p)
{
  gsize len;
  const char *text = gls_glossary_source_slice (g, p->source, p->rejected, &len);
  return g_strndup (text, len);
}

static const char *
canonical_of_name (const GlsGlossary *g, const GlsName *name)
{
  return name->term != GLS_NO_TERM ? gls_glossary_term_canonical (g, gls_glossary_term (g, name->term)) : NULL;
}

/* The rejected spellings whose preferred one is entry's headword. */
static GPtrArray *
entry_avoids (const GlsGlossary *g, const GlsEntry *e)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const GlsName *headword = gls_glossary_name (g, e->first_name);
  for (guint i = 0; i < gls_glossary_n_preferences (g); i++)
    {
      const GlsPreference *p = gls_glossary_preference (g, i);
      if (p->source == e->source && p->preferred.start == headword->text.start &&
          p->preferred.len == headword->text.len)
        g_ptr_array_add (out, rejected_of (g, p));
    }
  return out;
}

/* The entry's other names (aliases and title names), canonical, once each. */
static GPtrArray *
entry_aliases (const GlsGlossary *g, const GlsEntry *e)
{
  GPtrArray *out = g_ptr_array_new ();
  const GlsName *headword = gls_glossary_name (g, e->first_name);
  for (guint i = 1; i < e->n_names; i++)
    {
      const GlsName *n = gls_glossary_name (g, e->first_name + i);
      const char *c = canonical_of_name (g, n);
      if (c == NULL || n->term == headword->term || (n->role != GLS_ROLE_ALIAS && n->role != GLS_ROLE_TITLE))
        continue;
      gboolean seen = FALSE;
      for (guint k = 0; k < out->len; k++)
        seen |= strcmp (g_ptr_array_index (out, k), c) == 0;
      if (!seen)
        g_ptr_array_add (out, (gpointer) c);
    }
  return out;
}

/* An entry's definition as hover shows it (repaired), without its avoid:
 * lines, which every format below writes its own way. */
static char *
definition_of (const GlsGlossary *g, const GlsEntry *e)
{
  g_autofree char *definition = gls_glossary_definition_dup (g, e, NULL);
  GString *out = g_string_new (NULL);
  for (const char *line = definition; *line != '\0';)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl != NULL ? (gsize) (nl - line) : strlen (line);
      if (!gls_preference_is_avoid_line (line, len))
        {
          g_string_append_len (out, line, (gssize) len);
          g_string_append_c (out, '\n');
        }
      line += len + (nl != NULL);
    }
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* The first sentence of a definition as plain text on one line: Markdown
 * emphasis, code marks and link targets dropped, white space folded. */
static char *
first_sentence (const char *definition)
{
  GString *out = g_string_new (NULL);
  for (const char *p = definition; *p != '\0' && out->len < 300; p++)
    {
      if (*p == '*' || *p == '`' || (*p == '_' && (p == definition || p[-1] == ' ' || p[1] == ' ' || p[1] == '\0')))
        continue;
      if (*p == ']' && p[1] == '(')
        {
          const char *close = strchr (p, ')');
          if (close != NULL)
            p = close;
          continue;
        }
      if (*p == '[')
        continue;
      if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_c (out, *p);
      if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\n' || p[1] == '\0') && out->len > 20)
        break;
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* --------------------------------------------------------------- writers */

static gboolean
regex_free (const char *s)
{
  return strpbrk (s, "\\[](){}|*+?^$") == NULL && strchr (s, '\n') == NULL;
}

static gboolean
one_token (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isalnum (*s) && *s != '_')
      return FALSE;
  return TRUE;
}

static gboolean
irregular_case (const char *s)
{
  for (gsize i = 1; s[i] != '\0'; i++)
    if (g_ascii_isupper (s[i]))
      return TRUE;
  return FALSE;
}

/* A TOML string the typos reader reads back literally: basic when it has
 * no '"' or '\\', literal ('...') when it has no '\''; else FALSE. */
static gboolean
toml_string (GString *out, const char *s)
{
  if (strpbrk (s, "\"\\\n") == NULL)
    g_string_append_printf (out, "\"%s\"", s);
  else if (strpbrk (s, "'\n") == NULL)
    g_string_append_printf (out, "'%s'", s);
  else
    return FALSE;
  return TRUE;
}

static char *
render_cspell (const GlsGlossary *g, guint *left_out)
{
  g_autoptr (GPtrArray) terms = collect_terms (g);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, "0.2");
  json_builder_set_member_name (b, "words");
  json_builder_begin_array (b);
  for (guint i = 0; i < terms->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (terms, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "flagWords");
  json_builder_begin_array (b);
  for (guint i = 0; i < gls_glossary_n_preferences (g); i++)
    {
      const GlsPreference *p = gls_glossary_preference (g, i);
      g_autofree char *rejected = rejected_of (g, p);
      g_autofree char *preferred = preferred_of (g, p);
      /* "a->b" and "a:b" are cspell's own separators. */
      if (strstr (rejected, "->") != NULL || strchr (rejected, ':') != NULL)
        {
          (*left_out)++;
          continue;
        }
      g_autofree char *item = preferred != NULL ? g_strdup_printf ("%s->%s", rejected, preferred) : NULL;
      json_builder_add_string_value (b, item != NULL ? item : rejected);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

static char *
render_vale (const GlsGlossary *g, GString *reject, guint *left_out)
{
  g_autoptr (GPtrArray) terms = collect_terms (g);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < terms->len; i++)
    {
      const char *t = g_ptr_array_index (terms, i);
      if (regex_free (t))
        g_string_append_printf (out, "%s\n", t);
      else
        (*left_out)++;
    }
  for (guint i = 0; i < gls_glossary_n_preferences (g); i++)
    {
      g_autofree char *rejected = rejected_of (g, gls_glossary_preference (g, i));
      if (!regex_free (rejected))
        (*left_out)++;
      else if (reject != NULL)
        g_string_append_printf (reject, "%s\n", rejected);
    }
  return g_string_free (out, FALSE);
}

static char *
render_typos (const GlsGlossary *g, guint *left_out)
{
  g_autoptr (GPtrArray) terms = collect_terms (g);
  GString *out = g_string_new ("# Written by glossary-ls export --to typos\n");
  for (guint pass = 0; pass < 2; pass++)
    {
      g_string_append (out, pass == 0 ? "\n[default.extend-identifiers]\n" : "\n[default.extend-words]\n");
      for (guint i = 0; i < terms->len; i++)
        {
          const char *t = g_ptr_array_index (terms, i);
          if (!one_token (t))
            {
              *left_out += pass == 0;
              continue;
            }
          if (irregular_case (t) == (pass == 0))
            g_string_append_printf (out, "%s = \"%s\"\n", t, t);
        }
      if (pass == 0)
        continue;
      for (guint i = 0; i < gls_glossary_n_preferences (g); i++)
        {
          const GlsPreference *p = gls_glossary_preference (g, i);
          g_autofree char *rejected = rejected_of (g, p);
          g_autofree char *preferred = preferred_of (g, p);
          gsize mark = out->len;
          if (!one_token (rejected))
            {
              (*left_out)++;
              continue;
            }
          g_string_append_printf (out, "%s = ", rejected);
          if (!toml_string (out, preferred != NULL ? preferred : ""))
            {
              g_string_truncate (out, mark);
              (*left_out)++;
              continue;
            }
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

static char *
render_abbr (const GlsGlossary *g, guint *left_out)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      const char *term = canonical_of_name (g, gls_glossary_name (g, e->first_name));
      if (term == NULL || e->body.len == 0)
        continue;
      g_autofree char *definition = definition_of (g, e);
      g_autofree char *line = first_sentence (definition);
      if (strpbrk (term, "[]\n") != NULL || line[0] == '\0')
        {
          (*left_out)++;
          continue;
        }
      g_string_append_printf (out, "*[%s]: %s\n", term, line);
    }
  return g_string_free (out, FALSE);
}

/* A definition with its own headings turned into bold lines, so a reader of
 * the page sees one heading per term. */
static void
append_definition (GString *out, const char *definition)
{
  gchar **lines = g_strsplit (definition, "\n", -1);
  for (gchar **l = lines; *l != NULL; l++)
    {
      const char *s = *l;
      if (*s == '#')
        {
          while (*s == '#')
            s++;
          g_string_append_printf (out, "**%s**\n", g_strstrip ((char *) s));
        }
      else
        g_string_append_printf (out, "%s\n", s);
    }
  g_strfreev (lines);
}

static char *
render_markdown (const GlsGlossary *g)
{
  GString *out = g_string_new ("# Glossary\n");
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      const char *term = canonical_of_name (g, gls_glossary_name (g, e->first_name));
      if (term == NULL)
        continue;
      g_string_append_printf (out, "\n## %s\n", term);
      if (e->body.len > 0)
        {
          g_autofree char *definition = definition_of (g, e);
          g_string_append_c (out, '\n');
          append_definition (out, definition);
        }
      g_autoptr (GPtrArray) aliases = entry_aliases (g, e);
      g_autoptr (GPtrArray) avoids = entry_avoids (g, e);
      for (guint pass = 0; pass < 2; pass++)
        {
          GPtrArray *list = pass == 0 ? aliases : avoids;
          if (list->len == 0)
            continue;
          g_string_append (out, pass == 0 ? "\nAlso called: " : "\nAvoid: ");
          for (guint k = 0; k < list->len; k++)
            g_string_append_printf (out, "%s%s", k > 0 ? ", " : "", (const char *) g_ptr_array_index (list, k));
          g_string_append (out, ".\n");
        }
    }
  return g_string_free (out, FALSE);
}

static char *
render_json (const GlsGlossary *g)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_array (b);
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      const char *term = canonical_of_name (g, gls_glossary_name (g, e->first_name));
      if (term == NULL)
        continue;
      g_autofree char *definition = definition_of (g, e);
      g_autoptr (GPtrArray) aliases = entry_aliases (g, e);
      g_autoptr (GPtrArray) avoids = entry_avoids (g, e);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "term");
      json_builder_add_string_value (b, term);
      for (guint pass = 0; pass < 2; pass++)
        {
          GPtrArray *list = pass == 0 ? aliases : avoids;
          json_builder_set_member_name (b, pass == 0 ? "aliases" : "deprecated");
          json_builder_begin_array (b);
          for (guint k = 0; k < list->len; k++)
            json_builder_add_string_value (b, g_ptr_array_index (list, k));
          json_builder_end_array (b);
        }
      json_builder_set_member_name (b, "definition");
      json_builder_add_string_value (b, definition);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, gls_glossary_source (g, e->source)->display_path);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, e->line);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

char *
gls_export_render (const GlsGlossary *glossary, GlsExportFormat format, GString *reject, guint *left_out)
{
  guint own = 0;
  if (left_out == NULL)
    left_out = &own;
  *left_out = 0;
  switch (format)
    {
    case GLS_EXPORT_CSPELL:
      return render_cspell (glossary, left_out);
    case GLS_EXPORT_VALE:
      return render_vale (glossary, reject, left_out);
    case GLS_EXPORT_TYPOS:
      return render_typos (glossary, left_out);
    case GLS_EXPORT_MKDOCS_ABBR:
      return render_abbr (glossary, left_out);
    case GLS_EXPORT_MARKDOWN:
      return render_markdown (glossary);
    case GLS_EXPORT_JSON:
    default:
      return render_json (glossary);
    }
}

/* ------------------------------------------------------------------ CLI */

static gboolean
write_file (const char *path, const char *text, GError **error)
{
  return g_file_set_contents (path, text, -1, error);
}

int
gls_cli_export (int argc, char **argv)
{
  g_auto (GlsGlossaryArgs) args = { 0 };
  g_autofree char *to = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "to", 't', 0, G_OPTION_ARG_STRING, &to,
      "cspell, vale, typos, mkdocs-abbr, markdown or json", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to PATH instead of stdout (for vale: a vocabulary directory, which gets accept.txt and "
      "reject.txt)", "PATH" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("");
  g_option_context_set_summary (context,
                                "Write the loaded glossary as another tool's input: cspell (cspell.json),\n"
                                "vale (accept.txt, and reject.txt with -o DIR), typos (_typos.toml),\n"
                                "mkdocs-abbr (*[TERM]: definition), markdown (a glossary page) or json.\n"
                                "Add --no-default-glossary to export only your own glossaries.");
  gls_glossary_args_add_entries (&args, context);
  g_option_context_add_main_entries (context, entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "glossary-ls export: %s\n", error->message);
      return GLS_EXIT_ERROR;
    }
  GlsExportFormat format;
  if (argc > 1 || to == NULL || !gls_export_format_parse (to, &format))
    {
      fprintf (stderr, "glossary-ls export: --to cspell|vale|typos|mkdocs-abbr|markdown|json is required%s%s\n",
               argc > 1 ? "; unexpected argument " : "", argc > 1 ? argv[1] : "");
      return GLS_EXIT_ERROR;
    }

  gboolean had_errors;
  g_autoptr (GlsGlossary) g = gls_glossary_args_load (&args, FALSE, &had_errors);
  g_autoptr (GString) reject = g_string_new (NULL);
  guint left_out;
  g_autofree char *text = gls_export_render (g, format, reject, &left_out);
  if (left_out > 0)
    fprintf (stderr, "glossary-ls export: %u spelling%s the %s format cannot hold left out\n", left_out,
             left_out == 1 ? "" : "s", to);

  gboolean ok;
  if (output == NULL)
    ok = fputs (text, stdout) >= 0 && fflush (stdout) == 0;
  else if (format == GLS_EXPORT_VALE)
    {
      g_autofree char *accept_path = g_build_filename (output, "accept.txt", NULL);
      g_autofree char *reject_path = g_build_filename (output, "reject.txt", NULL);
      ok = g_mkdir_with_parents (output, 0777) == 0 && write_file (accept_path, text, &error) &&
           write_file (reject_path, reject->str, &error);
    }
  else
    ok = write_file (output, text, &error);
  if (!ok)
    {
      fprintf (stderr, "glossary-ls export: %s\n", error != NULL ? error->message : g_strerror (errno));
      return GLS_EXIT_ERROR;
    }
  return had_errors ? GLS_EXIT_ERROR : GLS_EXIT_OK;
}
