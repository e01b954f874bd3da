/* glossary_load.c — glossary files from the command line and settings to a
 * glossary, through the snapshot cache; see glossary_load.h. */
#include "glossary/glossary_load.h"

#include "glossary/glossary_build.h"
#include "glossary/glossary_cache.h"
#include "glossary/source.h"
#include "glossary/source_files.h"

GlsGlossary *
gls_glossary_load (const GlsGlossaryOptions *options, GPtrArray *issues)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GPtrArray) own_issues = NULL;

  if (issues == NULL)
    issues = own_issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  /* User glossaries first: their entries rank before the default's anyway,
   * and their problems are what the user most needs to see first. */
  gboolean formats_left = options->formats != NULL;
  for (guint i = 0; options->paths != NULL && options->paths[i] != NULL; i++)
    {
      GlsFormat format = GLS_FORMAT_AUTO;
      formats_left = formats_left && options->formats[i] != NULL;
      if (formats_left && !gls_format_from_string (options->formats[i], &format))
        format = GLS_FORMAT_AUTO;
      gls_sources_add_path_as (sources, options->paths[i], 0, format, issues);
    }
  if (!options->no_default)
    gls_sources_add_default (sources);

  g_autoptr (GBytes) key = NULL;
  if (options->cache_dir != NULL && (key = gls_glossary_cache_key (sources)) != NULL)
    {
      GlsGlossary *cached = gls_glossary_cache_read (options->cache_dir, key, sources, issues);
      if (cached != NULL)
        {
          /* Not built, so the parses kept on its sources (source.h) are not
           * needed; the glossary is not shared yet, so they can still go. */
          for (guint i = 0; i < gls_glossary_n_sources (cached); i++)
            gls_source_drop_parse ((GlsSource *) gls_glossary_source (cached, i));
          return cached;
        }
    }
  guint first_issue = issues->len;
  GlsGlossary *self = gls_glossary_build (sources, issues, options->cancellable);
  if (self != NULL && key != NULL)
    gls_glossary_cache_write (options->cache_dir, key, self, issues, first_issue);
  return self;
}

