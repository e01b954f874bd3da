/* entries.c — `dump` and `define`: the glossary's entries, as JSON Lines or
 * for reading. */
#include "cli/cli.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "cli/glossary_options.h"
#include "glossary/definition_layout.h"
#include "glossary/normalize.h"
#include "glossary/tex_repair.h"

static void
add_slice_or_null (JsonBuilder *b, const GlsGlossary *g, const GlsEntry *e, GlsSlice slice)
{
  if (slice.len == 0)
    {
      json_builder_add_null_value (b);
      return;
    }
  g_autofree char *text = gls_glossary_slice_dup (g, e, slice);
  json_builder_add_string_value (b, text);
}

static JsonNode *
entry_to_json (const GlsGlossary *g, const GlsEntry *e)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  const GlsSource *source = gls_glossary_source (g, e->source);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, source->display_path);
  json_builder_set_member_name (b, "line");
  json_builder_add_int_value (b, e->line);
  json_builder_set_member_name (b, "terms");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->n_items; i++)
    {
      const GlsName *name = gls_glossary_name (g, e->first_name + i);
      g_autofree char *text = gls_glossary_slice_dup (g, e, name->text);
      json_builder_add_string_value (b, text);
    }
  json_builder_end_array (b);
  /* Every name with its role (glossary.h, "Names and tags"), the title's
   * names included, and whether it is recognised in prose. */
  json_builder_set_member_name (b, "names");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->n_names; i++)
    {
      const GlsName *name = gls_glossary_name (g, e->first_name + i);
      g_autofree char *text = gls_glossary_slice_dup (g, e, name->text);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, text);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, gls_role_to_string (name->role));
      json_builder_set_member_name (b, "prose");
      json_builder_add_boolean_value (b, name->term != GLS_NO_TERM &&
                                         (gls_glossary_term (g, name->term)->flags & GLS_TERM_MATCH_PROSE));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "category");
  add_slice_or_null (b, g, e, e->category);
  json_builder_set_member_name (b, "title");
  add_slice_or_null (b, g, e, e->title);
  json_builder_set_member_name (b, "definition");
  /* Repaired (tex_repair.h): what hovers show too. */
  g_autofree char *definition = gls_glossary_definition_dup (g, e, NULL);
  json_builder_add_string_value (b, definition);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_json_line (JsonGenerator *gen, JsonNode *node)
{
  json_generator_set_root (gen, node);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static GOptionContext *
new_context (const char *parameter, const char *summary, GlsGlossaryArgs *args)
{
  GOptionContext *context = g_option_context_new (parameter);
  g_option_context_set_summary (context, summary);
  gls_glossary_args_add_entries (args, context);
  return context;
}

static gboolean
parse_args (GOptionContext *context, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "glossary-ls: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

int
gls_cli_dump (int argc, char **argv)
{
  g_auto (GlsGlossaryArgs) args = { 0 };
  gboolean terms = FALSE;
  /* Hidden: the keys the matcher looks for, for bench/lint-vs-grep.sh. */
  GOptionEntry entries[] = {
    { "terms", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &terms,
      "Print every normalized term key matched in prose, one per line", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    new_context ("", "Print every glossary entry as one JSON object per line, with the keys\n"
                     "file, line, terms, names (each with text, role and prose: whether it\n"
                     "is recognised in prose), category, title and definition.", &args);
  gboolean had_errors;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!parse_args (context, &argc, &argv))
    return GLS_EXIT_ERROR;
  if (argc > 1)
    {
      fprintf (stderr, "glossary-ls dump: unexpected argument '%s'\n", argv[1]);
      return GLS_EXIT_ERROR;
    }

  g_autoptr (GlsGlossary) g = gls_glossary_args_load (&args, TRUE, &had_errors);
  if (terms)
    {
      for (guint i = 0; i < gls_glossary_n_terms (g); i++)
        {
          const GlsTerm *term = gls_glossary_term (g, i);
          if (term->flags & GLS_TERM_MATCH_PROSE)
            printf ("%s\n", gls_glossary_term_key (g, term));
        }
      if (fflush (stdout) != 0 || ferror (stdout))
        return GLS_EXIT_ERROR;
      return had_errors ? GLS_EXIT_ERROR : GLS_EXIT_OK;
    }
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      g_autoptr (JsonNode) node = entry_to_json (g, gls_glossary_entry (g, i));
      print_json_line (gen, node);
    }
  if (fflush (stdout) != 0 || ferror (stdout))
    return GLS_EXIT_ERROR;
  return had_errors ? GLS_EXIT_ERROR : GLS_EXIT_OK;
}

typedef struct
{
  GPtrArray *suggestions;
  const GlsGlossary *glossary;
} Suggest;

static gboolean
collect_suggestion (const char *key, gsize len, guint distance, GlsTrieValues values, gpointer data)
{
  Suggest *s = data;
  for (gsize i = 0; i < values.n; i++)
    {
      const GlsTerm *term = gls_glossary_term (s->glossary, values.ids[i]);
      g_ptr_array_add (s->suggestions, g_strdup (gls_glossary_term_canonical (s->glossary, term)));
    }
  return TRUE;
}

static gboolean
title_is_generic (const GlsGlossary *g, const GlsEntry *e, const char *title, gsize title_len)
{
  g_autofree const char **names = g_new0 (const char *, e->n_items + 1);
  g_autofree gsize *lens = g_new0 (gsize, e->n_items + 1);
  for (guint i = 0; i < e->n_items; i++)
    names[i] = gls_glossary_slice (g, e, gls_glossary_name (g, e->first_name + i)->text, &lens[i]);
  return gls_definition_title_is_generic (title, title_len, names, lens, e->n_items);
}

static void
print_entry (const GlsGlossary *g, const GlsEntry *e, const GlsName *via)
{
  const GlsSource *source = gls_glossary_source (g, e->source);
  gsize len;
  const char *text;

  gsize title_len;
  const char *title = gls_glossary_slice (g, e, e->title, &title_len);
  /* A generic title ("The problem") says less than the headword. */
  if (e->title.len > 0 && !title_is_generic (g, e, title, title_len))
    printf ("%.*s\n", (int) title_len, title);
  else
    {
      text = gls_glossary_slice (g, e, gls_glossary_name (g, e->first_name)->text, &len);
      printf ("%.*s\n", (int) len, text);
    }
  printf ("  %s:%u", source->display_path, e->line);
  if (e->category.len > 0)
    {
      text = gls_glossary_slice (g, e, e->category, &len);
      printf ("  [%.*s]", (int) len, text);
    }
  printf ("\n  terms: ");
  for (guint i = 0; i < e->n_items; i++)
    {
      text = gls_glossary_slice (g, e, gls_glossary_name (g, e->first_name + i)->text, &len);
      printf ("%s%.*s", i > 0 ? ", " : "", (int) len, text);
    }
  printf ("\n  roles: ");
  for (guint i = 0; i < e->n_names; i++)
    {
      const GlsName *name = gls_glossary_name (g, e->first_name + i);
      text = gls_glossary_slice (g, e, name->text, &len);
      printf ("%s%.*s (%s)", i > 0 ? ", " : "", (int) len, text, gls_role_to_string (name->role));
    }
  text = gls_glossary_slice (g, e, via->text, &len);
  printf ("\n  matched as: %.*s (%s)\n\n", (int) len, text, gls_role_to_string (via->role));
  /* Repaired (tex_repair.h), a title-only first line left out (the title
   * is printed above), one-line page exports in their blocks. */
  gsize repaired_len;
  g_autofree char *repaired = gls_glossary_definition_dup (g, e, &repaired_len);
  gsize start = e->title.len > 0 ? gls_definition_start (repaired, repaired_len, title, title_len, NULL) : 0;
  g_autofree char *body = gls_definition_restructure (repaired + start, repaired_len - start, &len);
  while (len > 0 && strchr (" \t\r\n", body[len - 1]) != NULL)
    body[--len] = '\0';
  if (len == 0)
    printf ("  (no definition)\n");
  else
    {
      /* Indent the Markdown body so entries stay visually apart. */
      g_auto (GStrv) lines = g_strsplit (body, "\n", -1);
      for (char **l = lines; *l != NULL; l++)
        printf ("  %s\n", *l);
    }
}

int
gls_cli_define (int argc, char **argv)
{
  g_auto (GlsGlossaryArgs) args = { 0 };
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the entries as JSON Lines (as `dump` does)", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    new_context ("TERM...", "Print the glossary entries that define TERM, best first.\n"
                            "Exit status 1 when no entry defines it.", &args);
  gboolean had_errors;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!parse_args (context, &argc, &argv))
    return GLS_EXIT_ERROR;
  if (argc < 2)
    {
      fprintf (stderr, "glossary-ls define: missing TERM (see glossary-ls define --help)\n");
      return GLS_EXIT_ERROR;
    }

  g_autoptr (GlsGlossary) g = gls_glossary_args_load (&args, FALSE, &had_errors);
  g_autofree char *query = g_strjoinv (" ", argv + 1);
  const GlsTerm *term = gls_glossary_lookup (g, query, -1);

  if (term == NULL)
    {
      g_autofree char *key = gls_normalize_key (query, -1);
      g_autoptr (GPtrArray) suggestions = g_ptr_array_new_with_free_func (g_free);
      Suggest s = { suggestions, g };
      gls_trie_fuzzy (gls_glossary_trie (g), key, strlen (key), 2, 5, collect_suggestion, &s);
      fprintf (stderr, "glossary-ls: no glossary entry for \"%s\"", query);
      for (guint i = 0; i < suggestions->len; i++)
        fprintf (stderr, "%s%s", i == 0 ? "; did you mean: " : ", ", (char *) g_ptr_array_index (suggestions, i));
      fprintf (stderr, "\n");
      return had_errors ? GLS_EXIT_ERROR : GLS_EXIT_NOT_FOUND;
    }

  g_autoptr (JsonGenerator) gen = json_generator_new ();
  for (guint i = 0; i < term->n_refs; i++)
    {
      const GlsName *name = gls_glossary_term_ref (g, term, i);
      const GlsEntry *e = gls_glossary_entry (g, name->entry);
      if (json)
        {
          g_autoptr (JsonNode) node = entry_to_json (g, e);
          print_json_line (gen, node);
        }
      else
        {
          if (i > 0)
            printf ("\n");
          print_entry (g, e, name);
        }
    }
  return had_errors ? GLS_EXIT_ERROR : GLS_EXIT_OK;
}
