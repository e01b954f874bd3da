/* reader_formats.c — the readers (reader.h) of the formats of format.h:
 * Markdown glossary pages, Sphinx, MyST, MkDocs abbreviations, Contextive,
 * YAML, JSON and CSV term tables, one GlsGlossaryReader each.
 *
 * A source's format is decided when the source is made (by name and
 * content, or as configured: source.h), and so is its derived text, the
 * text of definitions that are not verbatim in the file. A reader here
 * claims the sources of its format and reads them again (format.h is
 * deterministic), appending to the builder's arrays in bulk.
 *
 * None of them has suffixes: a directory walk reads seed files only (a
 * docs/ folder is not a pile of glossaries); files of these formats are
 * named one by one (--glossary, "glossaries" in .glossary-ls.json). */
#include "glossary/format.h"
#include "glossary/reader.h"

static void
read_format (GlsGlossaryBuilder *builder, const GlsReaderInput *input)
{
  GArray *entries, *names;
  GPtrArray *issues;
  g_autoptr (GBytes) model = NULL;

  gls_glossary_builder_get_arrays (builder, &entries, &names, &issues);
  gls_format_read (input->format, input->path, input->text, input->len, input->source, entries, names, issues,
                   &model);
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
