/* glossary_args.c — see glossary_args.h. */
#include "glossary/glossary_args.h"

#include "glossary/glossary_cache.h"

#include <string.h>

void
gls_glossary_args_add_entries (GlsGlossaryArgs *args, GOptionContext *context)
{
  GOptionEntry entries[] = {
    { "glossary", 'g', 0, G_OPTION_ARG_FILENAME_ARRAY, &args->paths,
      "Add a glossary file or directory (repeatable)", "PATH" },
    { "no-default-glossary", 0, 0, G_OPTION_ARG_NONE, &args->no_default,
      "Do not load the built-in glossary", NULL },
    { "no-cache", 0, 0, G_OPTION_ARG_NONE, &args->no_cache,
      "Do not keep built glossaries in the cache directory ($GLOSSARY_LS_CACHE_DIR, ~/.cache/glossary-ls)",
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_option_context_add_main_entries (context, entries, NULL);
}

void
gls_glossary_args_copy (const GlsGlossaryArgs *src, GlsGlossaryArgs *dest)
{
  g_return_if_fail (src != NULL && dest != NULL);

  dest->paths = g_strdupv (src->paths);
  dest->formats = g_strdupv (src->formats);
  dest->no_default = src->no_default;
  dest->no_cache = src->no_cache;
}

const char *
gls_glossary_args_format (const GlsGlossaryArgs *args, guint i)
{
  if (args->formats == NULL)
    return "";
  for (guint k = 0; k <= i; k++)
    if (args->formats[k] == NULL)
      return "";
  return args->formats[i];
}

gboolean
gls_glossary_args_equal (const GlsGlossaryArgs *a, const GlsGlossaryArgs *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  static const char *const none[] = { NULL };
  const char *const *pa = a->paths != NULL ? (const char *const *) a->paths : none;
  const char *const *pb = b->paths != NULL ? (const char *const *) b->paths : none;
  if (!a->no_default != !b->no_default || !a->no_cache != !b->no_cache || !g_strv_equal (pa, pb))
    return FALSE;
  for (guint i = 0; pa[i] != NULL; i++)
    if (strcmp (gls_glossary_args_format (a, i), gls_glossary_args_format (b, i)) != 0)
      return FALSE;
  return TRUE;
}

void
gls_glossary_args_clear (GlsGlossaryArgs *args)
{
  g_clear_pointer (&args->paths, g_strfreev);
  g_clear_pointer (&args->formats, g_strfreev);
}

char *
gls_glossary_args_cache_dir (const GlsGlossaryArgs *args)
{
  return args->no_cache ? NULL : gls_glossary_cache_default_dir ();
}
