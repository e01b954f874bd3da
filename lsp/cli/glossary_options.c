/* glossary_options.c — see glossary_options.h. */
#include "cli/glossary_options.h"

#include <stdio.h>

#include "glossary/glossary_load.h"

GlsGlossary *
gls_glossary_args_load (const GlsGlossaryArgs *args, gboolean all_issues, gboolean *had_errors)
{
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autofree char *cache_dir = gls_glossary_args_cache_dir (args);
  GlsGlossaryOptions options = {
    .no_default = args->no_default,
    .paths = (const char * const *) args->paths,
    .cache_dir = cache_dir,
  };
  GlsGlossary *glossary = gls_glossary_load (&options, issues);

  *had_errors = FALSE;
  for (guint i = 0; i < issues->len; i++)
    {
      const GlsIssue *issue = g_ptr_array_index (issues, i);
      if (issue->in_default && !all_issues)
        continue;
      g_autofree char *line = gls_issue_format (issue);
      fprintf (stderr, "%s\n", line);
      /* A whole path that could not be read is an I/O error for the command;
       * problems inside a file that still loaded are only reported. */
      if (issue->severity == GLS_ISSUE_ERROR && issue->line == 0)
        *had_errors = TRUE;
    }
  return glossary;
}
