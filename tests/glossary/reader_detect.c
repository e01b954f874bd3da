/* Tests of format names and detection (lsp/glossary/reader.c). */
#include "common/leak-check.h"
#include "reader_helpers.h"

TestSuite (reader_detect);

static GlsFormat
detect (const char *path, const char *text)
{
  return gls_format_detect (path, text, strlen (text));
}

GLS_TEST (reader_detect, by_name_and_content)
{
  cr_assert_eq (detect ("docs/glossary.rst", ""), GLS_FORMAT_SPHINX);
  cr_assert_eq (detect ("docs/glossary.txt", "Title\n\n.. glossary::\n\n   a\n      b\n"), GLS_FORMAT_SPHINX);
  cr_assert_eq (detect ("terms.txt", "lora, low rank\n**LoRA**\n"), GLS_FORMAT_SEED);
  cr_assert_eq (detect ("seeds/000.glossary", ""), GLS_FORMAT_SEED);
  cr_assert_eq (detect ("GLOSSARY.md", "# Glossary\n\n## LoRA\n\ntext\n"), GLS_FORMAT_MARKDOWN);
  cr_assert_eq (detect ("docs/glossary.md", "# G\n\n```{glossary}\nA\n  b\n```\n"), GLS_FORMAT_MYST);
  cr_assert_eq (detect ("includes/abbreviations.md", "*[GPU]: Graphics Processing Unit\n\n*[TPU]: x\n"),
                GLS_FORMAT_ABBR);
  cr_assert_eq (detect ("page.MD", "*[GPU]: Graphics Processing Unit\nprose\n"), GLS_FORMAT_MARKDOWN);
  cr_assert_eq (detect ("repo/.contextive/definitions.yml", "terms: []\n"), GLS_FORMAT_CONTEXTIVE);
  cr_assert_eq (detect ("shared.yaml", "# ours\ncontexts:\n  - name: a\n"), GLS_FORMAT_CONTEXTIVE);
  cr_assert_eq (detect ("glossary.yml", "entries:\n  a: b\n"), GLS_FORMAT_YAML);
  cr_assert_eq (detect ("glossary.json", "{}"), GLS_FORMAT_JSON);
  cr_assert_eq (detect ("glossary.CSV", "term\n"), GLS_FORMAT_CSV);
  cr_assert_eq (detect ("noext", ""), GLS_FORMAT_SEED);
}

GLS_TEST (reader_detect, vocabulary_lists_are_left_to_the_vocab_readers)
{
  /* JSON / YAML / .txt by name, but cspell, Vale and typos lists
   * (gls_vocab_detect): the table readers must not claim them. */
  const char *cspell_json = "{ \"version\": \"0.2\", \"words\": [\"LoRA\"] }";
  const char *cspell_yaml = "version: \"0.2\"\nwords:\n  - LoRA\n";
  cr_assert_eq (detect ("cspell.json", cspell_json), GLS_FORMAT_SEED);
  cr_assert_eq (detect ("repo/.cspell.json", "{}"), GLS_FORMAT_SEED);
  cr_assert_eq (detect ("cspell.yaml", cspell_yaml), GLS_FORMAT_SEED);
  cr_assert_eq (detect ("cspell.config.yml", cspell_yaml), GLS_FORMAT_SEED);
  cr_assert_eq (detect ("dict/project-words.json", cspell_json), GLS_FORMAT_SEED);
  cr_assert_eq (detect ("dict/project-words.yaml", cspell_yaml), GLS_FORMAT_SEED);
  cr_assert_eq (detect ("styles/config/vocabularies/ML/accept.txt", ".. glossary::\n"), GLS_FORMAT_SEED);
  /* The same extensions without a vocabulary's name or keys stay tables. */
  cr_assert_eq (detect ("package.json", "{\"name\": \"x\"}"), GLS_FORMAT_JSON);
  cr_assert_eq (detect ("words.yaml", "- term: LoRA\n  definition: x\n"), GLS_FORMAT_YAML);
}

GLS_TEST (reader_detect, names_round_trip)
{
  for (guint f = 0; f <= GLS_FORMAT_LAST; f++)
    {
      GlsFormat back = GLS_FORMAT_LAST;
      cr_assert (gls_format_from_string (gls_format_to_string ((GlsFormat) f), &back));
      cr_assert_eq (back, (GlsFormat) f);
    }
  GlsFormat unused;
  cr_assert (gls_format_from_string ("Sphinx", &unused) && unused == GLS_FORMAT_SPHINX);
  cr_assert_not (gls_format_from_string ("docx", &unused));
  cr_assert_not (gls_format_from_string (NULL, &unused));
}
