/* glossary_args.h — which glossaries to load, as every front end takes
 * them: user paths (--glossary PATH, repeatable), the built-in glossary or
 * not (--no-default-glossary), the snapshot cache or not (--no-cache).
 *
 * One option set for the server and every subcommand (add_entries), and
 * one value type for the paths on their way to gls_glossary_load
 * (glossary_load.h). A plain value that owns its strings: copy, equal,
 * clear. Never fails; unreadable paths surface later as load issues.
 * Threads: any, on distinct values (cache_dir reads the environment).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char   **paths;       /* from --glossary, NULL-terminated, may be NULL */
  gboolean no_default;  /* --no-default-glossary */
  gboolean no_cache;    /* --no-cache */
  /* NULL, or parallel to paths: each path's format name (glossary/format.h),
   * "" (or NULL past its end) to detect it. Set from .glossary-ls.json's
   * {"path", "format"} glossaries; the command line has no option for it. */
  char   **formats;
} GlsGlossaryArgs;

/* Adds the three options to context's main entries, writing into args
 * (which must outlive the parse). */
void      gls_glossary_args_add_entries (GlsGlossaryArgs       *args,
                                         GOptionContext        *context);
/* dest (uninitialized or cleared) becomes a deep copy of src. */
void      gls_glossary_args_copy        (const GlsGlossaryArgs *src,
                                         GlsGlossaryArgs       *dest);
/* The same paths in the same order (NULL = none), each with the same format
 * (a missing one is ""), and the same flags. */
gboolean  gls_glossary_args_equal       (const GlsGlossaryArgs *a,
                                         const GlsGlossaryArgs *b);
/* The format name of paths[i]: formats[i], or "" when formats is NULL or
 * ends before i (borrowed). */
const char *gls_glossary_args_format    (const GlsGlossaryArgs *args,
                                         guint                  i);
void      gls_glossary_args_clear       (GlsGlossaryArgs       *args);
/* The snapshot cache directory to use (glossary_cache.h: from
 * $GLOSSARY_LS_CACHE_DIR or ~/.cache), or NULL for --no-cache or when
 * caching is off. (transfer full) */
char     *gls_glossary_args_cache_dir   (const GlsGlossaryArgs *args);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlsGlossaryArgs, gls_glossary_args_clear)

G_END_DECLS
