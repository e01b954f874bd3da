/* glossary_options.h — loading the glossary a subcommand's options
 * (glossary/glossary_args.h, shared with the server) describe, with its
 * problems printed to stderr. */
#pragma once

#include <glib.h>

#include "glossary/glossary.h"
#include "glossary/glossary_args.h"

G_BEGIN_DECLS

/* Loads the glossary, printing issues to stderr as path:line: message: every
 * issue of the user's glossaries, and those of the built-in glossary only when
 * all_issues (its known flaws are not the user's to fix on every run).
 * *had_errors is set when a path could not be read at all. */
GlsGlossary *gls_glossary_args_load        (const GlsGlossaryArgs *args,
                                            gboolean               all_issues,
                                            gboolean              *had_errors);

G_END_DECLS
