/* Tests of lsp/analysis/suppress.c: glossary-ls: disable... comments. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "common/leak-check.h"
#include "helpers.h"

/* The surfaces of the findings left after suppression, "|"-separated. */
static char *
surviving (const char *lang, const char *text)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autoptr (GArray) findings = test_check_full (a, NULL, lang, text, TRUE);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      const GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      g_string_append_printf (s, "%s%.*s", i > 0 ? "|" : "", (int) (f->end - f->start), text + f->start);
    }
  return g_string_free (s, FALSE);
}

static void
expect_left (const char *lang, const char *text, const char *want)
{
  g_autofree char *got = surviving (lang, text);
  cr_expect_str_eq (got, want, "in \"%s\": got \"%s\", want \"%s\"", text, got, want);
}

GLS_TEST (suppress, without_directives_everything_is_reported)
{
  expect_left ("markdown", "Lora one.\n\nToolfromer two.\n", "Lora|Toolfromer");
}

GLS_TEST (suppress, disable_next_line_in_markdown)
{
  expect_left ("markdown",
               "<!-- glossary-ls: disable-next-line -->\nLora and toolfromer.\nLora again.\n",
               "Lora");
  /* A closing --> alone on the next line belongs to the comment. */
  expect_left ("markdown", "<!--\nglossary-ls: disable-next-line\n-->\nLora here.\n\nLora there.\n", "Lora");
}

GLS_TEST (suppress, disable_line_in_code)
{
  expect_left ("c", "// Lora one\nint x; // Lora two glossary-ls: nothing\n"
                    "int y; /* Lora three */ // glossary-ls: disable-line\n// Lora four\n",
               "Lora|Lora|Lora");
  expect_left ("python", "x = 1  # Lora here  \ny = 2  # glossary-ls: disable-line\n", "Lora");
  expect_left ("python", "# glossary-ls: disable-next-line\nx = 1  # Lora here\n# Lora there\n", "Lora");
}

GLS_TEST (suppress, disable_next_line_after_a_block_comment)
{
  expect_left ("c", "/*\n * glossary-ls: disable-next-line\n */\n// Lora hidden\n// Lora shown\n", "Lora");
}

GLS_TEST (suppress, rule_specific_directives)
{
  expect_left ("markdown", "<!-- glossary-ls: disable-next-line term-case -->\nLora and toolfromer.\n",
               "toolfromer");
  expect_left ("markdown", "<!-- glossary-ls: disable-next-line misspelled-term, term-case -->\nLora and toolfromer.\n",
               "");
  /* Unknown rule names alone suppress nothing. */
  expect_left ("markdown", "<!-- glossary-ls: disable-next-line because-reasons -->\nLora and toolfromer.\n",
               "Lora|toolfromer");
  /* A reason after -- is free text. */
  expect_left ("markdown", "<!-- glossary-ls: disable-next-line term-case -- Lora is a person -->\nLora.\n", "");
}

GLS_TEST (suppress, regions)
{
  const char *doc =
    "Lora a.\n\n"
    "<!-- glossary-ls: disable -->\n\n"
    "Lora b and toolfromer.\n\n"
    "<!-- glossary-ls: enable term-case -->\n\n"
    "Lora c and the Levenstein transformer.\n\n"
    "<!-- glossary-ls: enable -->\n\n"
    "Lora d and rotary positon embedding.\n";
  g_autofree char *got = surviving ("markdown", doc);
  cr_expect_str_eq (got, "Lora|Lora|Lora|rotary positon embedding");
  /* Not re-enabled: to the end of the document. */
  expect_left ("markdown", "Lora a.\n\n<!-- glossary-ls: disable misspelled-term -->\n\nLora toolfromer.\n\n"
                           "Toolfromer.\n", "Lora|Lora");
}

GLS_TEST (suppress, the_directive_comment_itself_produces_no_findings)
{
  /* In code, comments are matchable prose: the directive's words must not
   * become findings (a rule list naming a near-term, "Toolfromer"). */
  expect_left ("c", "// glossary-ls: disable-line Toolfromer Lora\nint x;\n", "");
  expect_left ("c", "// glossary-ls: disable-next-line term-case\n// Toolfromer\n", "Toolfromer");
}

GLS_TEST (suppress, only_comment_spans_hold_directives)
{
  expect_left ("markdown", "glossary-ls: disable-line\nLora.\n\n`glossary-ls: disable` Lora.\n", "Lora|Lora");
}

GLS_TEST (suppress, filter_keeps_order_and_clears_removed)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  const char *text = "// Lora 1\n// Lora 2 glossary-ls: x\n// glossary-ls: disable-next-line\n// Lora 3\n// Lora 4\n";
  g_autoptr (GArray) spans = test_spans ("c", text);
  const GlsProseSpan *sp = (const GlsProseSpan *) (gpointer) spans->data;
  /* No clear func: the filter must free what it removes itself. */
  g_autoptr (GArray) findings = g_array_new (FALSE, FALSE, sizeof (GlsFinding));
  gls_analyzer_check (a, NULL, text, strlen (text), sp, spans->len, findings, NULL);
  cr_assert_eq (findings->len, 4);
  g_autoptr (GlsSuppressions) s = gls_suppressions_new (text, strlen (text), sp, spans->len);
  cr_expect_eq (gls_suppressions_count (s), 1);
  cr_expect_eq (gls_suppress_filter (text, strlen (text), sp, spans->len, findings), 1);
  cr_assert_eq (findings->len, 3);
  const char *lines[] = { "Lora 1", "Lora 2", "Lora 4" };
  for (guint i = 0; i < 3; i++)
    {
      GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      cr_expect_eq (f->start, (guint32) (strstr (text, lines[i]) - text));
      gls_finding_clear (f);
    }
}
