/* reader_table.c — see reader_table.h. */
#include "glossary/reader_table.h"

static const struct
{
  const char    *name;
  GlsTableColumn column;
} columns[] = {
  { "term", GLS_COLUMN_TERM },           { "name", GLS_COLUMN_TERM },
  { "word", GLS_COLUMN_TERM },           { "abbreviation", GLS_COLUMN_TERM },
  { "acronym", GLS_COLUMN_TERM },        { "definition", GLS_COLUMN_DEFINITION },
  { "description", GLS_COLUMN_DEFINITION }, { "meaning", GLS_COLUMN_DEFINITION },
  { "expansion", GLS_COLUMN_DEFINITION },   { "explanation", GLS_COLUMN_DEFINITION },
  { "gloss", GLS_COLUMN_DEFINITION },    { "longform", GLS_COLUMN_ALIASES },
  { "aliases", GLS_COLUMN_ALIASES },     { "alias", GLS_COLUMN_ALIASES },
  { "synonyms", GLS_COLUMN_ALIASES },    { "synonym", GLS_COLUMN_ALIASES },
  { "examples", GLS_COLUMN_EXAMPLES },   { "example", GLS_COLUMN_EXAMPLES },
  { "category", GLS_COLUMN_CATEGORY },   { "context", GLS_COLUMN_CATEGORY },
  { "deprecated", GLS_COLUMN_DEPRECATED }, { "deprecated_aliases", GLS_COLUMN_DEPRECATED },
  { "avoid", GLS_COLUMN_DEPRECATED },
};

GlsTableColumn
gls_table_column (const char *name, gsize len)
{
  while (len > 0 && (*name == ' ' || *name == '\t'))
    name++, len--;
  while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t' || name[len - 1] == '\r'))
    len--;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (strlen (columns[i].name) == len && g_ascii_strncasecmp (name, columns[i].name, len) == 0)
      return columns[i].column;
  return GLS_COLUMN_OTHER;
}

void
gls_table_record_init (GlsTableRecord *r, gsize at)
{
  memset (r, 0, sizeof *r);
  r->at = at;
  r->term.hint = r->definition.hint = r->category.hint = G_MAXSIZE;
  r->term.where = r->definition.where = r->category.where = G_MAXSIZE;
  r->aliases = g_array_new (FALSE, FALSE, sizeof (GlsTableStr));
  r->examples = g_array_new (FALSE, FALSE, sizeof (GlsTableStr));
  r->expansions = g_array_new (FALSE, FALSE, sizeof (GlsTableStr));
  r->deprecated = g_array_new (FALSE, FALSE, sizeof (GlsTableStr));
}

void
gls_table_record_clear (GlsTableRecord *r)
{
  g_clear_pointer (&r->aliases, g_array_unref);
  g_clear_pointer (&r->examples, g_array_unref);
  g_clear_pointer (&r->expansions, g_array_unref);
  g_clear_pointer (&r->deprecated, g_array_unref);
}

void
gls_table_record_term_member (GlsTableRecord *r, const GArray *strings)
{
  for (guint i = 0; i < strings->len; i++)
    {
      const GlsTableStr *s = &g_array_index (strings, GlsTableStr, i);
      if (r->term.s == NULL)
        {
          r->term = *s;
          if (s->hint != G_MAXSIZE)
            r->at = s->hint;
          continue;
        }
      g_array_append_val (r->expansions, *s);
      if (r->definition.s == NULL)
        r->definition = *s;
    }
}

/* The file line of byte start of a (where it stands in the file, else
 * where its token is, else the entry's line). */
static guint
line_in (GlsReaderBuilder *b, const GlsTableStr *a, gsize start)
{
  if (a->hint != G_MAXSIZE)
    return gls_reader_builder_line_of (b, a->hint + start);
  if (a->where != G_MAXSIZE)
    return gls_reader_builder_line_of (b, a->where);
  return b->entry.line;
}

static void
add_alias (GlsReaderBuilder *b, const GlsTableStr *a, const char *split, gboolean deprecated)
{
  gsize start = 0;
  for (gsize i = 0; i <= a->n; i++)
    if (i == a->n || (a->s[i] != '\0' && strchr (split, a->s[i]) != NULL))
      {
        gsize hint = a->hint != G_MAXSIZE ? a->hint + start : G_MAXSIZE;
        if (deprecated)
          gls_reader_builder_deprecated (b, a->s + start, i - start, hint, line_in (b, a, start));
        else
          gls_reader_builder_name_text (b, a->s + start, i - start, hint, GLS_ROLE_ALIAS);
        start = i + 1;
      }
}

void
gls_table_record_emit (GlsReaderBuilder *b, GlsTableRecord *r, const char *split, const char *split_deprecated)
{
  gls_reader_builder_begin (b, r->at);
  if (r->term.s != NULL)
    gls_reader_builder_name_text (b, r->term.s, r->term.n, r->term.hint, GLS_ROLE_HEADWORD);
  for (guint i = 0; i < r->aliases->len; i++)
    add_alias (b, &g_array_index (r->aliases, GlsTableStr, i), split, FALSE);
  for (guint i = 0; i < r->expansions->len; i++)
    add_alias (b, &g_array_index (r->expansions, GlsTableStr, i), "", FALSE);
  for (guint i = 0; i < r->deprecated->len; i++)
    add_alias (b, &g_array_index (r->deprecated, GlsTableStr, i), split_deprecated, TRUE);
  if (r->category.n > 0 && r->category.hint != G_MAXSIZE && r->category.hint + r->category.n <= b->len)
    gls_reader_builder_category (b, r->category.hint, r->category.n);
  if (r->examples->len == 0)
    {
      if (r->definition.s != NULL)
        gls_reader_builder_definition (b, r->definition.s, r->definition.n, r->definition.hint);
    }
  else
    {
      g_autoptr (GString) md = g_string_new (NULL);
      if (r->definition.s != NULL)
        g_string_append_len (md, r->definition.s, (gssize) r->definition.n);
      g_string_append (md, "\n\nExamples:\n");
      for (guint i = 0; i < r->examples->len; i++)
        {
          const GlsTableStr *e = &g_array_index (r->examples, GlsTableStr, i);
          g_string_append (md, "\n- ");
          g_string_append_len (md, e->s, (gssize) e->n);
        }
      gls_reader_builder_definition (b, md->str, md->len, G_MAXSIZE);
    }
  gls_reader_builder_end (b);
}
