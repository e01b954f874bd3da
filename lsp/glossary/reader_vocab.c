/* reader_vocab.c — vocabulary lists as glossaries (vocab.h): cspell
 * configurations (JSON and YAML), Vale accept.txt / reject.txt and typos
 * configurations. Three readers of reader.h's table, one per tool, sharing
 * one body: the format is detected from the file's name and content
 * (gls_vocab_detect), each accepted word becomes an entry whose only name is
 * its headword (an empty definition: hover says where the spelling comes
 * from), each rejected one a preference. */
#include "glossary/reader.h"

#include "glossary/vocab.h"

static void
vocab_read (GlsGlossaryBuilder *builder, const GlsReaderInput *input)
{
  GlsVocabFormat format = gls_vocab_detect (input->path, input->text, input->len);
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (GlsVocabWord));
  g_autoptr (GPtrArray) issues = g_ptr_array_new ();

  gls_vocab_read (format, input->path, input->text, input->len, words, issues);
  for (guint i = 0; i < issues->len; i++)
    gls_glossary_builder_add_issue (builder, g_ptr_array_index (issues, i));
  for (guint i = 0; i < words->len; i++)
    {
      const GlsVocabWord *w = &g_array_index (words, GlsVocabWord, i);
      if (w->rejected)
        {
          gls_glossary_builder_add_preference (builder, input->source, w->line, w->text, w->preferred);
          continue;
        }
      /* No definition: an empty body just after the word. The header is the
       * line in the file when the word was expanded from it. */
      GlsSlice body = { w->text.start + w->text.len, 0 }, none = { 0, 0 };
      GlsSlice header = w->written.len > 0 ? w->written : w->text;
      gls_glossary_builder_add_entry (builder, input->source, w->line, header, body, none, none);
      gls_glossary_builder_add_name (builder, w->text, GLS_ROLE_HEADWORD);
    }
}

/* Only sources read as plain files: a vocabulary list's format is detected as
 * GLS_FORMAT_SEED (format.h), so a source of another format was configured so
 * in .glossary-ls.json ({"path": "cspell.json", "format": "json"}) and its
 * own reader takes it. */
static gboolean
not_configured_otherwise (const GlsReaderInput *input)
{
  return input->format == GLS_FORMAT_SEED;
}

static gboolean
claims_cspell (const GlsReaderInput *input)
{
  if (!not_configured_otherwise (input))
    return FALSE;
  GlsVocabFormat f = gls_vocab_detect (input->path, input->text, input->len);
  return f == GLS_VOCAB_FORMAT_CSPELL_JSON || f == GLS_VOCAB_FORMAT_CSPELL_YAML;
}

static gboolean
claims_vale (const GlsReaderInput *input)
{
  if (!not_configured_otherwise (input))
    return FALSE;
  GlsVocabFormat f = gls_vocab_detect (input->path, NULL, 0);
  return f == GLS_VOCAB_FORMAT_VALE_ACCEPT || f == GLS_VOCAB_FORMAT_VALE_REJECT;
}

static gboolean
claims_typos (const GlsReaderInput *input)
{
  return not_configured_otherwise (input) &&
         gls_vocab_detect (input->path, input->text, input->len) == GLS_VOCAB_FORMAT_TYPOS;
}

/* Whole file names a directory walk reads (a walk never reads every *.json
 * or *.toml); accept.txt and reject.txt are *.txt, read anyway. */
static const char *const cspell_names[] = { "cspell.json", "cspell.config.json", "cspell.yaml", "cspell.yml",
                                            "cspell.config.yaml", "cspell.config.yml", NULL };
static const char *const typos_names[] = { "typos.toml", NULL };

const GlsGlossaryReader gls_reader_cspell = {
  .name = "cspell", .suffixes = cspell_names, .claims = claims_cspell, .read = vocab_read,
};
const GlsGlossaryReader gls_reader_vale = {
  .name = "vale", .suffixes = NULL, .claims = claims_vale, .read = vocab_read,
};
const GlsGlossaryReader gls_reader_typos = {
  .name = "typos", .suffixes = typos_names, .claims = claims_typos, .read = vocab_read,
};
