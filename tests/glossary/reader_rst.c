/* Tests of the Sphinx `.. glossary::` and MyST {glossary} reader
 * (lsp/glossary/reader_rst.c) on files in the shape of public Sphinx
 * projects' docs/glossary.rst: options, several terms per entry, classifiers,
 * multi-paragraph definitions, reST roles. */
#include "common/leak-check.h"
#include "reader_helpers.h"

TestSuite (reader_rst);

static const char sphinx[] =
  "Glossary\n"
  "========\n"
  "\n"
  "Terms used across the training docs. See also the `PyTorch docs <https://pytorch.org>`_.\n"
  "\n"
  ".. glossary::\n"
  "   :sorted:\n"
  "\n"
  "   BF16\n"
  "   bfloat16\n"
  "      A 16-bit floating-point format with the exponent range of FP32.\n"
  "\n"
  "   gradient accumulation : training\n"
  "      Summing gradients over several micro-batches before one optimizer step,\n"
  "      so a large :term:`batch size <global batch size>` fits in memory.\n"
  "\n"
  "      Use ``--grad-accum`` to set the number of micro-batches.\n"
  "\n"
  "   global batch size\n"
  "      The number of samples per optimizer step, see `the guide <https://example.org/guide>`_.\n"
  "\n"
  "   orphan term\n"
  "\n"
  "Text after the glossary is not read.\n"
  "\n"
  "  .. glossary::\n"
  "\n"
  "     ZeRO\n"
  "        Zero Redundancy Optimizer.\n";

GLS_TEST (reader_rst, sphinx_glossary_entries)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_SPHINX, "docs/glossary.rst", sphinx);

  cr_assert_eq (r->entries->len, 5);
  assert_names (r, 0, "BF16|bfloat16");
  /* A plain one-line definition is the file's own text. */
  assert_definition (r, 0, "A 16-bit floating-point format with the exponent range of FP32.");
  cr_assert_lt (entry (r, 0)->body.start, r->len);
  assert_names (r, 1, "gradient accumulation");
  assert_definition (r, 1, "Summing gradients over several micro-batches before one optimizer step,\n"
                           "so a large batch size fits in memory.\n\n"
                           "Use `--grad-accum` to set the number of micro-batches.");
  assert_names (r, 2, "global batch size");
  assert_definition (r, 2, "The number of samples per optimizer step, see [the guide](https://example.org/guide).");
  assert_names (r, 3, "orphan term");
  assert_names (r, 4, "ZeRO");
  cr_assert_eq (entry (r, 0)->line, 9);
  assert_name_in_file (r, 0, 1, 10);
  cr_assert_eq (entry (r, 1)->line, 13);
  cr_assert_eq (entry (r, 4)->line, 28);
  g_autofree char *issues = issues_of (r);
  cr_assert_str_eq (issues, "docs/glossary.rst:22: warning: entry has no definition");
}

GLS_TEST (reader_rst, a_term_indented_less_than_the_first_is_reported_and_kept)
{
  static const char text[] =
    ".. glossary::\n\n     term\n        its definition\n   shallow\n      another definition\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_SPHINX, "g.rst", text);

  cr_assert_eq (r->entries->len, 2);
  assert_names (r, 0, "term");
  assert_names (r, 1, "shallow");
  assert_definition (r, 1, "another definition");
  g_autofree char *issues = issues_of (r);
  cr_assert_str_eq (issues, "g.rst:5: warning: term line indented less than the glossary's first term");
}

GLS_TEST (reader_rst, a_file_without_the_directive_loads_nothing_and_says_so)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_SPHINX, "index.rst", "Title\n=====\n\nProse.\n");

  cr_assert_eq (r->entries->len, 0);
  g_autofree char *issues = issues_of (r);
  cr_assert_str_eq (issues, "index.rst: warning: no \".. glossary::\" directive; nothing loaded");
}

static const char myst[] =
  "# Glossary\n"
  "\n"
  "```{glossary}\n"
  ":sorted:\n"
  "\n"
  "Tokenizer\n"
  "  Turns text into token ids; see {term}`vocabulary`.\n"
  "\n"
  "Vocabulary\n"
  "Vocab\n"
  "  The set of tokens a model knows.\n"
  "\n"
  "  - Its size is fixed at training time.\n"
  "```\n"
  "\n"
  ":::{glossary}\n"
  "Logits\n"
  "  Unnormalized scores before softmax.\n";

GLS_TEST (reader_rst, myst_glossary_fences)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_MYST, "glossary.md", myst);

  cr_assert_eq (r->entries->len, 3);
  assert_names (r, 0, "Tokenizer");
  assert_definition (r, 0, "Turns text into token ids; see vocabulary.");
  assert_names (r, 1, "Vocabulary|Vocab");
  assert_definition (r, 1, "The set of tokens a model knows.\n\n- Its size is fixed at training time.");
  assert_names (r, 2, "Logits");
  cr_assert_eq (entry (r, 1)->line, 9);
  assert_name_in_file (r, 1, 1, 10);
  g_autofree char *issues = issues_of (r);
  cr_assert_str_eq (issues, "glossary.md:16: warning: {glossary} block is never closed; it runs to the end of the file");
}

/* A real MyST glossary (tests/data/readers/README.md: an excerpt of Plone's
 * training glossary, CC BY 4.0): an option line, two term lines naming one
 * entry, definitions holding fences of their own ("    ```" indented four
 * columns is the definition's text, not the glossary's closing fence), and
 * the original's unclosed fence. The whole file (74 entries counted by hand
 * from its 75 term lines) loads the same way. */
GLS_TEST (reader_rst, myst_plone_training_glossary)
{
  g_autofree char *path = g_build_filename (GLS_TEST_DATA, "readers", "plone-training.glossary.md", NULL);
  g_autofree char *text = NULL;
  cr_assert (g_file_get_contents (path, &text, NULL, NULL), "%s", path);
  g_autoptr (Read) r = read_as (GLS_FORMAT_MYST, "glossary.md", text);

  cr_assert_eq (r->entries->len, 6);
  static const char *const names[] = { "AWS", "ES6|ECMAScript 6", "fence", "Open Graph", "Cookieplone", "Varnish" };
  static const guint lines[] = { 17, 21, 26, 47, 52, 60 };
  for (guint i = 0; i < 6; i++)
    {
      assert_names (r, i, names[i]);
      cr_expect_eq (entry (r, i)->line, lines[i], "entry %u", i);
      assert_name_in_file (r, i, 0, lines[i]);
    }
  assert_name_in_file (r, 1, 1, 22);
  g_autofree char *fence = definition_of (r, 2);
  cr_expect (strstr (fence, "Dragons have feelings, too!\n```\n````") != NULL, "%s", fence);
  g_autofree char *cookieplone = definition_of (r, 4);
  cr_expect (g_str_has_prefix (cookieplone, "```{versionadded} Volto 18.0.0-alpha.43\n```"), "%s", cookieplone);
  g_autofree char *issues = issues_of (r);
  cr_assert_str_eq (issues, "glossary.md:14: warning: {glossary} block is never closed; it runs to the end of the file");
}
