/* Tests of GlsGlossaryArgs (lsp/glossary/glossary_args.c): the per-path
 * formats a configuration gives take part in copy and equality, so a
 * changed format reloads the glossary (glossary_service.c compares them). */
#include <criterion/criterion.h>
#include <glib.h>

#include "glossary/glossary_args.h"

#include "common/leak-check.h"

TestSuite (glossary_args);

GLS_TEST (glossary_args, formats_are_copied_and_compared)
{
  char *paths[] = { "/p/a.md", "/p/b.rst", NULL };
  char *formats[] = { "", "sphinx", NULL };
  char *other[] = { "markdown", "sphinx", NULL };
  GlsGlossaryArgs a = { .paths = paths, .formats = formats };
  GlsGlossaryArgs b = { .paths = paths, .formats = other };
  GlsGlossaryArgs none = { .paths = paths, .formats = NULL };

  cr_expect_str_eq (gls_glossary_args_format (&a, 1), "sphinx");
  cr_expect_str_eq (gls_glossary_args_format (&none, 1), "");
  cr_expect_not (gls_glossary_args_equal (&a, &b), "a path's format changed");
  cr_expect_not (gls_glossary_args_equal (&a, &none));

  g_auto (GlsGlossaryArgs) copy = { 0 };
  gls_glossary_args_copy (&a, &copy);
  cr_expect (copy.formats != formats && gls_glossary_args_equal (&a, &copy));
  cr_expect_str_eq (gls_glossary_args_format (&copy, 1), "sphinx");
}

GLS_TEST (glossary_args, missing_formats_mean_detect)
{
  /* NULL formats, or a list shorter than the paths, is "" (detect) past
   * its end: the same inputs as formats given as "". */
  char *paths[] = { "/p/a.md", "/p/b.rst", NULL };
  char *empty[] = { "", "", NULL };
  char *short_list[] = { "", NULL };
  GlsGlossaryArgs with_empty = { .paths = paths, .formats = empty };
  GlsGlossaryArgs with_short = { .paths = paths, .formats = short_list };
  GlsGlossaryArgs none = { .paths = paths };

  cr_expect_str_eq (gls_glossary_args_format (&with_short, 1), "");
  cr_expect (gls_glossary_args_equal (&with_empty, &none));
  cr_expect (gls_glossary_args_equal (&with_short, &none));
  cr_expect (gls_glossary_args_equal (&none, &with_empty));
}
