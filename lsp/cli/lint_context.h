/* lint_context.h — which rule configuration and which analyzer lint each file.
 *
 * A file is checked with the configuration of the nearest `.glossary-ls.json`
 * at or above its directory, looking no higher than the root of the git
 * repository holding it (the nearest directory with a `.git` entry, directory
 * or file) or, outside any repository, up to the file system root (or the one
 * --config names, or none with --no-config), with the command line's rule overrides applied on top
 * (analysis/config.h: defaults < project file < command line). Its glossary is
 * the built-in one (unless --no-default-glossary or "defaultGlossary": false)
 * plus the --glossary paths plus the project file's "glossaries".
 *
 * Projects usually share one configuration, so both are cached: a directory's
 * configuration file is looked up once, each configuration file is parsed
 * once, and each distinct glossary set is loaded once, into one GlsAnalyzer
 * that every file using it shares. Problems (a broken configuration, a
 * glossary path that cannot be read) are reported once, on err, as
 * "glossary-ls: ..." lines or "path:line: ..." for glossary issues, each one
 * safe line (lint_message.h): a key of a hostile project file cannot start a
 * workflow command in a CI log.
 *
 * Threads: a GlsLintContext is used by the one thread that prepares the work;
 * what it hands out (a GlsRuleConfig and a GlsAnalyzer, each with a new
 * reference) is immutable and may be shared by the worker threads.
 */
#pragma once

#include <stdio.h>
#include <glib.h>

#include "analysis/config.h"
#include "analysis/analyzer.h"
#include "glossary/glossary_args.h"

G_BEGIN_DECLS

typedef struct
{
  /* --glossary, --no-default-glossary, --no-cache as every front end takes
   * them (glossary_args.h); NULL: the built-in glossary only, no cache. */
  const GlsGlossaryArgs *glossary;
  const char         *config_path;        /* --config FILE, or NULL */
  gboolean            no_config;          /* --no-config: project files are not read */
  gboolean            rule_set[GLS_N_RULES];        /* --rule / --disable given for a rule */
  GlsSeverity         rule_severity[GLS_N_RULES];
  gboolean            github_messages;    /* messages escaped for --format github (lint_message.h) */
} GlsLintContextOptions;

typedef struct _GlsLintContext GlsLintContext;

/* options and its strings must outlive the context. err receives messages. */
GlsLintContext *gls_lint_context_new  (const GlsLintContextOptions *options,
                                       FILE                        *err);
void            gls_lint_context_free (GlsLintContext *context);

/* The configuration and analyzer for a file in directory dir (relative to the
 * working directory or absolute). FALSE if its configuration is broken (the
 * error was reported; the file cannot be linted as the user asked). */
gboolean        gls_lint_context_resolve (GlsLintContext  *context,
                                          const char      *dir,
                                          GlsRuleConfig  **config,
                                          GlsAnalyzer    **analyzer);

/* TRUE once any problem that makes the run an error (exit 2) was reported:
 * a broken configuration or a glossary path that could not be read. */
gboolean        gls_lint_context_had_errors (const GlsLintContext *context);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsLintContext, gls_lint_context_free)

G_END_DECLS
