/* readers.c — the table of glossary readers (reader.h says how to add one). */
#include "glossary/reader.h"

/* One line per format, each defined in its own reader_<format>.c (the
 * formats of format.h all in reader_formats.c). */
extern const GlsGlossaryReader gls_reader_cspell;
extern const GlsGlossaryReader gls_reader_vale;
extern const GlsGlossaryReader gls_reader_typos;
extern const GlsGlossaryReader gls_reader_seed;
extern const GlsGlossaryReader gls_reader_markdown, gls_reader_sphinx, gls_reader_myst, gls_reader_abbr,
  gls_reader_contextive, gls_reader_yaml, gls_reader_json, gls_reader_csv;

/* Tried in order; the seed reader claims every file, so it stays last. The
 * vocabulary lists come first: cspell.json / cspell.yaml are JSON / YAML, and
 * the table readers must not take them (their own claims also defer to
 * gls_vocab_detect, for a caller that asks a format reader directly). */
static const GlsGlossaryReader *const readers[] = {
  &gls_reader_cspell,   &gls_reader_vale,   &gls_reader_typos, &gls_reader_markdown,   &gls_reader_sphinx,
  &gls_reader_myst,     &gls_reader_abbr,   &gls_reader_contextive, &gls_reader_yaml, &gls_reader_json,
  &gls_reader_csv,      &gls_reader_seed,
};

const GlsGlossaryReader *
gls_glossary_reader_for (const GlsReaderInput *input)
{
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    if (readers[i]->claims == NULL || readers[i]->claims (input))
      return readers[i];
  g_assert_not_reached ();
}

gboolean
gls_glossary_readers_accept_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    for (const char *const *s = readers[i]->suffixes; s != NULL && *s != NULL; s++)
      if (g_str_has_suffix (name, *s))
        return TRUE;
  return FALSE;
}

char *
gls_glossary_readers_describe_names (void)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    for (const char *const *s = readers[i]->suffixes; s != NULL && *s != NULL; s++)
      g_string_append_printf (out, "%s*%s", out->len > 0 ? ", " : "", *s);
  return g_string_free (out, FALSE);
}

char *
gls_glossary_readers_describe_walk (void)
{
  g_autofree char *names = gls_glossary_readers_describe_names ();
  return g_strdup_printf ("%s, Vale accept.txt / reject.txt, MyST or Sphinx glossaries, abbreviation files, "
                          "Contextive definitions, Markdown pages and YAML/JSON/CSV tables named *glossary* "
                          "or *terms*",
                          names);
}
