/* reader_formats.c — the readers (reader.h) of the formats of format.h:
 * Markdown glossary pages, Sphinx, MyST, MkDocs abbreviations, Contextive,
 * YAML, JSON and CSV term tables, one GlsGlossaryReader each.
 *
 * A source's format is decided when the source is made (by name and
 * content, or as configured: source.h), and so is its derived text, the
 * text of definitions that are not verbatim in the file; the entries read
 * then are kept on the source. A reader here claims the sources of its
 * format and appends those entries to the builder's arrays in bulk (or reads
 * the file again when they are gone: format.h is deterministic).
 *
 * None of them has suffixes: a directory walk reads files of these formats
 * when their content (or, for a Markdown page or a term table, their name)
 * says they are glossaries (walk_filter.h): a docs/ folder is not a pile of
 * glossaries. */
#include "glossary/format.h"
#include "glossary/preference.h"
#include "glossary/reader.h"

/* The parse kept from the source's creation, appended with its indexes
 * moved to where it lands (entry, name and source numbers). */
static void
append_parsed (GArray *entries, GArray *names, GPtrArray *issues, const GlsReaderInput *input)
{
  guint32 entry_base = entries->len, name_base = names->len;
  for (guint i = 0; i < input->parsed_entries->len; i++)
    {
      GlsEntry e = g_array_index (input->parsed_entries, GlsEntry, i);
      e.source = input->source;
      e.first_name += name_base;
      g_array_append_val (entries, e);
    }
  for (guint i = 0; i < input->parsed_names->len; i++)
    {
      GlsName n = g_array_index (input->parsed_names, GlsName, i);
      n.entry += entry_base;
      g_array_append_val (names, n);
    }
  for (guint i = 0; i < input->parsed_issues->len; i++)
    {
      const GlsIssue *issue = g_ptr_array_index (input->parsed_issues, i);
      g_ptr_array_add (issues, gls_issue_new (issue->path, issue->line, issue->severity, "%s", issue->message));
    }
}

/* Deprecated names (format.h), as preferences of this source. */
static void
add_preferences (GlsGlossaryBuilder *builder, const GArray *preferences, guint32 source)
{
  for (guint i = 0; preferences != NULL && i < preferences->len; i++)
    {
      const GlsPreference *p = &g_array_index (preferences, GlsPreference, i);
      gls_glossary_builder_add_preference (builder, source, p->line, p->rejected, p->preferred);
    }
}

static void
read_format (GlsGlossaryBuilder *builder, const GlsReaderInput *input)
{
  GArray *entries, *names;
  GPtrArray *issues;
  g_autoptr (GBytes) model = NULL;

  gls_glossary_builder_get_arrays (builder, &entries, &names, &issues);
  if (input->parsed_entries != NULL && input->parsed_names != NULL && input->parsed_issues != NULL)
    {
      append_parsed (entries, names, issues, input);
      add_preferences (builder, input->parsed_preferences, input->source);
      return;
    }
  g_autoptr (GArray) preferences = g_array_new (FALSE, FALSE, sizeof (GlsPreference));
  gls_format_read (input->format, input->path, input->text, input->len, input->source, entries, names, issues,
                   preferences, &model);
  add_preferences (builder, preferences, input->source);
  /* The same bytes as when the source was made: slices into its derived
   * text are right. */
  gsize n;
  const char *again = g_bytes_get_data (model, &n);
  g_assert (n == input->len || (n > input->len && memcmp (again + input->len, input->text + input->len,
                                                          n - input->len) == 0));
}

#define FORMAT_READER(id, fmt)                                                                           \
  static gboolean claims_##id (const GlsReaderInput *input) { return input->format == (fmt); }          \
  const GlsGlossaryReader gls_reader_##id = {                                                            \
    .name = #id, .suffixes = NULL, .claims = claims_##id, .read = read_format, .read_run = NULL,        \
  };

FORMAT_READER (markdown, GLS_FORMAT_MARKDOWN)
FORMAT_READER (sphinx, GLS_FORMAT_SPHINX)
FORMAT_READER (myst, GLS_FORMAT_MYST)
FORMAT_READER (abbr, GLS_FORMAT_ABBR)
FORMAT_READER (contextive, GLS_FORMAT_CONTEXTIVE)
FORMAT_READER (yaml, GLS_FORMAT_YAML)
FORMAT_READER (json, GLS_FORMAT_JSON)
FORMAT_READER (csv, GLS_FORMAT_CSV)
