/* glossary_load.h — the glossaries a user asked for, loaded.
 *
 * gls_glossary_load reads the user's paths and then the embedded default
 * glossary (source.h), serves the result from the snapshot cache
 * (glossary_cache.h) when the bytes are exactly those of an earlier build,
 * and otherwise builds it (glossary_build.h) and stores it. Never fails
 * except by cancellation: unreadable paths and broken files are issues.
 * Any thread; options are only read during the call.
 */
#pragma once

#include <gio/gio.h>

#include "glossary/glossary.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean            no_default;   /* leave out the embedded default glossary */
  const char * const *paths;        /* NULL-terminated user glossary files/directories; may be NULL */
  GCancellable       *cancellable;  /* may be NULL; see gls_glossary_load */
  const char         *cache_dir;    /* keep built glossaries here (glossary_cache.h); NULL: no cache */
  /* Last, so positional initializers of the fields above keep their meaning. */
  const char * const *formats;      /* NULL, or parallel to paths: each a format name (format.h),
                                     * "" or NULL past its end to detect it */
} GlsGlossaryOptions;

/* Loads every path, then the default glossary (unless no_default). issues
 * (nullable) receives GlsIssue* for every problem. With a cache_dir, a
 * glossary built from exactly the same bytes before is read from there
 * instead of parsed (the result and its issues are the same), and a new build
 * is stored. Returns (transfer full) the glossary, NULL only when
 * options->cancellable was cancelled before the load finished (from another
 * thread: a 100k-entry load takes seconds, and a server that must exit stops
 * it between chunks). */
GlsGlossary *gls_glossary_load (const GlsGlossaryOptions *options,
                                GPtrArray                *issues);

G_END_DECLS
