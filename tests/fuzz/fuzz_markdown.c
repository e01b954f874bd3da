/* fuzz_markdown.c — libFuzzer target: Markdown prose extraction.
 *
 * The input is a Markdown document. It is parsed into prose spans, the span
 * invariants of text/prose.h are checked, and the spans go through the rules
 * over the default glossary (matcher, term-case, misspelled-term) and the
 * suppression filter, as `glossary-ls lint` does with a .md file.
 */
#include "fuzz_common.h"

/* Built once (fuzz_default_analyzer_new). */
static GlsAnalyzer *analyzer;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  analyzer = fuzz_default_analyzer_new ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr (GlsProse) p = gls_prose_new ("markdown");
  g_autoptr (GError) error = NULL;

  if (!gls_prose_parse (p, text, size, NULL, &error))
    fuzz_fail ("markdown parse failed: %s", error->message);
  fuzz_check_prose (p, text, size);
  if (gls_prose_has_errors (p))
    fuzz_fail ("markdown reported syntax errors (prose.h: it never has any)");
  fuzz_check_analysis (analyzer, p, text, size);
  return 0;
}
