/* format.c — format names, detection and dispatch; see format.h. */
#include "glossary/format_private.h"

#include "glossary/loader.h"
#include "glossary/vocab.h"

static const char *const format_names[] = {
  "seed", "markdown", "sphinx", "myst", "abbr", "contextive", "yaml", "json", "csv",
};
G_STATIC_ASSERT (G_N_ELEMENTS (format_names) == GLS_FORMAT_LAST + 1);

const char *
gls_format_to_string (GlsFormat format)
{
  return (guint) format <= GLS_FORMAT_LAST ? format_names[format] : "unknown";
}

gboolean
gls_format_from_string (const char *name, GlsFormat *format)
{
  for (guint i = 0; name != NULL && i <= GLS_FORMAT_LAST; i++)
    if (g_ascii_strcasecmp (name, format_names[i]) == 0)
      {
        *format = (GlsFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* Detection looks at this much of a file: enough for any real header. */
#define SNIFF_BYTES ((gsize) 64 << 10)

static gboolean
has_suffix_ci (const char *path, const char *suffix)
{
  gsize n = strlen (path), m = strlen (suffix);
  return n >= m && g_ascii_strcasecmp (path + n - m, suffix) == 0;
}

static gboolean
contains (const char *text, gsize len, const char *needle)
{
  return g_strstr_len (text, (gssize) MIN (len, SNIFF_BYTES), needle) != NULL;
}

/* Every non-blank line of the sniffed part is an abbreviation, and there is one. */
static gboolean
only_abbreviations (const char *text, gsize len)
{
  gsize n = MIN (len, SNIFF_BYTES), found = 0;
  GlsRLine line;
  for (gsize pos = 0; pos < n; pos = line.next)
    {
      gls_rline_at (text, n, pos, &line);
      gsize a, b, c, d;
      if (gls_rline_blank (text, &line))
        continue;
      if (!gls_abbr_line (text, line.start, line.content_end, &a, &b, &c, &d))
        return FALSE;
      found++;
    }
  return found > 0;
}

/* A top-level "contexts:" key (column 0). */
static gboolean
has_contexts_key (const char *text, gsize len)
{
  gsize n = MIN (len, SNIFF_BYTES);
  GlsRLine line;
  for (gsize pos = 0; pos < n; pos = line.next)
    {
      gls_rline_at (text, n, pos, &line);
      if (line.content_end - line.start >= 9 && memcmp (text + line.start, "contexts:", 9) == 0)
        return TRUE;
    }
  return FALSE;
}

GlsFormat
gls_format_detect (const char *path, const char *text, gsize len)
{
  if (text == NULL)
    text = "", len = 0;
  if (path == NULL)
    path = "";
  /* cspell.json, cspell.yaml, accept.txt, _typos.toml ... are vocabulary
   * lists (vocab.h), read by their own readers (reader_vocab.c), not term
   * tables: the JSON / YAML readers would take their keys for terms. */
  if (gls_vocab_detect (path, text, len) != GLS_VOCAB_FORMAT_NONE)
    return GLS_FORMAT_SEED;
  if (has_suffix_ci (path, ".rst") || has_suffix_ci (path, ".rest"))
    return GLS_FORMAT_SPHINX;
  if (has_suffix_ci (path, ".md") || has_suffix_ci (path, ".markdown") || has_suffix_ci (path, ".mdx"))
    {
      if (contains (text, len, "{glossary}"))
        return GLS_FORMAT_MYST;
      if (only_abbreviations (text, len))
        return GLS_FORMAT_ABBR;
      return GLS_FORMAT_MARKDOWN;
    }
  if (has_suffix_ci (path, ".yml") || has_suffix_ci (path, ".yaml"))
    {
      if (strstr (path, ".contextive/") != NULL || has_contexts_key (text, len))
        return GLS_FORMAT_CONTEXTIVE;
      return GLS_FORMAT_YAML;
    }
  if (has_suffix_ci (path, ".json"))
    return GLS_FORMAT_JSON;
  if (has_suffix_ci (path, ".csv"))
    return GLS_FORMAT_CSV;
  /* A .txt glossary written in reST (Sphinx builds from .txt too). */
  if (has_suffix_ci (path, ".txt") && contains (text, len, ".. glossary::"))
    return GLS_FORMAT_SPHINX;
  return GLS_FORMAT_SEED;
}

void
gls_format_read (GlsFormat format, const char *path, const char *text, gsize len, guint32 source,
                 GArray *entries, GArray *names, GPtrArray *issues, GArray *preferences, GBytes **text_out)
{
  GlsReaderBuilder b;

  g_return_if_fail (format != GLS_FORMAT_SEED && (guint) format <= GLS_FORMAT_LAST);
  gls_reader_builder_init (&b, path, text, len, source, entries, names, issues);
  b.preferences = preferences;
  if (len >= G_MAXUINT32 / 2)
    gls_reader_builder_issue (&b, 0, GLS_ISSUE_ERROR, "file larger than 2 GiB; not loaded");
  else
    switch (format)
      {
      case GLS_FORMAT_MARKDOWN: gls_read_markdown (&b); break;
      case GLS_FORMAT_SPHINX: gls_read_sphinx (&b); break;
      case GLS_FORMAT_MYST: gls_read_myst (&b); break;
      case GLS_FORMAT_ABBR: gls_read_abbr (&b); break;
      case GLS_FORMAT_CONTEXTIVE: gls_read_yaml (&b, TRUE); break;
      case GLS_FORMAT_YAML: gls_read_yaml (&b, FALSE); break;
      case GLS_FORMAT_JSON: gls_read_json (&b); break;
      case GLS_FORMAT_CSV: gls_read_csv (&b); break;
      case GLS_FORMAT_SEED:
      default: g_assert_not_reached ();
      }
  gls_reader_builder_end (&b);
  if (text_out != NULL)
    *text_out = gls_reader_builder_text (&b);
  gls_reader_builder_clear (&b);
}

/* A vocabulary list read for its outline: one entry per word (accepted or
 * rejected), named by the word where it is written, no definition. */
static void
parse_vocab (GlsVocabFormat vocab, const char *path, const char *text, gsize len, GArray *entries, GArray *names,
             GPtrArray *issues)
{
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (GlsVocabWord));
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  gls_vocab_read (vocab, path, text, len, words, found);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (issues, g_ptr_array_index (found, i));
  for (guint i = 0; i < words->len; i++)
    {
      const GlsVocabWord *w = &g_array_index (words, GlsVocabWord, i);
      /* A word expanded from a Vale expression is not in the text: the
       * expression stands for all of its words, once. */
      GlsSlice text_slice = w->text;
      if ((gsize) w->text.start + w->text.len > len)
        {
          const GlsVocabWord *before = i > 0 ? &g_array_index (words, GlsVocabWord, i - 1) : NULL;
          if (before != NULL && before->written.len > 0 && before->written.start == w->written.start)
            continue;
          text_slice = w->written;
        }
      GlsEntry e = { .source = 0, .line = w->line, .header = text_slice,
                     .body = { text_slice.start + text_slice.len, 0 }, .first_name = names->len, .n_names = 1,
                     .n_items = 1 };
      GlsName n = { text_slice, entries->len, GLS_NO_TERM, GLS_ROLE_HEADWORD };
      g_array_append_val (entries, e);
      g_array_append_val (names, n);
    }
}

void
gls_format_parse_text (GlsFormat format, const char *path, const char *text, gsize len, GArray *entries,
                       GArray *names, GPtrArray *issues, GBytes **model)
{
  if (format == GLS_FORMAT_AUTO)
    format = gls_format_detect (path, text, len);
  if (format != GLS_FORMAT_SEED)
    {
      gls_format_read (format, path, text, len, 0, entries, names, issues, NULL, model);
      return;
    }
  *model = g_bytes_new (text, len);
  GlsVocabFormat vocab = gls_vocab_detect (path, text, len);
  if (vocab != GLS_VOCAB_FORMAT_NONE)
    {
      parse_vocab (vocab, path, text, len, entries, names, issues);
      return;
    }
  gls_loader_parse (path, text, len, 0, entries, names, issues);
}
