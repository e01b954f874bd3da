/* fuzz_comments.c — libFuzzer target: code-comment extraction.
 *
 * The first input byte picks the languageId (every tree-sitter language, a
 * few of the fallback comment scanners, plaintext and an unknown id); the rest
 * is the source file. The span invariants of text/prose.h are checked and the
 * spans go through the rules and suppression comments, as `glossary-ls lint`
 * does with a source file.
 */
#include "fuzz_common.h"

static const char *const languages[] = {
  "c", "cpp", "python", "javascript", "typescript", "typescriptreact", "rust", "go",
  "shellscript", "lua", "java", "ruby", "sql", "haskell", "csharp", "html", "latex",
  "plaintext", "no-such-language",
};

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
  FuzzReader r = fuzz_reader (data, size);
  const char *language_id = languages[fuzz_u8 (&r) % G_N_ELEMENTS (languages)];
  gsize len;
  const char *text = fuzz_rest (&r, &len);
  g_autoptr (GlsProse) p = gls_prose_new (language_id);
  g_autoptr (GError) error = NULL;

  if (!gls_prose_parse (p, text, len, NULL, &error))
    fuzz_fail ("%s parse failed: %s", language_id, error->message);
  fuzz_check_prose (p, text, len);
  fuzz_check_analysis (analyzer, p, text, len);
  return 0;
}
