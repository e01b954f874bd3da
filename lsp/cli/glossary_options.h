/* glossary_options.h — the options every subcommand shares for choosing
 * glossaries (--glossary PATH, repeatable; --no-default-glossary), and loading
 * the glossary they describe with its problems printed to stderr. */
#pragma once

#include <glib.h>

#include "glossary/glossary.h"

G_BEGIN_DECLS

typedef struct
{
  char   **paths;       /* from --glossary, NULL-terminated, may be NULL */
  gboolean no_default;  /* --no-default-glossary */
  gboolean no_cache;    /* --no-cache */
} GlsGlossaryArgs;

/* A GOptionGroup-free entry list to merge into a subcommand's entries. */
void         gls_glossary_args_add_entries (GlsGlossaryArgs *args, GOptionContext *context);
void         gls_glossary_args_clear       (GlsGlossaryArgs *args);

/* The glossary cache directory to use (glossary_cache.h), or NULL for none. */
char        *gls_glossary_args_cache_dir   (const GlsGlossaryArgs *args);

/* Loads the glossary, printing issues to stderr as path:line: message: every
 * issue of the user's glossaries, and those of the built-in glossary only when
 * all_issues (its known flaws are not the user's to fix on every run).
 * *had_errors is set when a path could not be read at all. */
GlsGlossary *gls_glossary_args_load        (const GlsGlossaryArgs *args,
                                            gboolean               all_issues,
                                            gboolean              *had_errors);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlsGlossaryArgs, gls_glossary_args_clear)

G_END_DECLS
