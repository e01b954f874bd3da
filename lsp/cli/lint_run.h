/* lint_run.h — one `glossary-ls lint` run: walk, check in parallel, fix,
 * report, and decide the exit status.
 *
 * Steps
 *   1. The paths are expanded (lint_walk.h); each file gets its configuration
 *      and analyzer (lint_context.h).
 *   2. Files are checked on a GThreadPool of `jobs` threads: one GlsProse per
 *      file, the analyzers and configurations shared read-only. Each file's
 *      findings are its prose spans' findings (rules.h) minus the suppressed
 *      ones (suppress.h), in document order.
 *   3. With fix, the fixable findings' replacements are applied (lint_fix.h)
 *      and the file replaced on disk; each change is reported on err as
 *      "path:line:col: fixed: Lora → LoRA" (position in the text before the
 *      fix) and each refused one as "... not fixed: ... (conflicting fixes)".
 *      Findings with replacements that are not fixable (several candidates,
 *      or one that is not a safe fix: rules.h) are left, and the summary
 *      counts them ("N not fixed").
 *      The fixed text is checked again: the findings that remain are the ones
 *      reported, and they decide the exit status. Standard input with fix:
 *      the fixed text goes to out, so the report goes to report_out when
 *      given and to err otherwise.
 *   4. Output follows the order of the targets (then document order) whatever
 *      order the threads finish in, and is written file by file (json and
 *      sarif too: lint_report.h), so memory holds one file's report at a
 *      time. At most max_findings findings of a file are reported (and at
 *      most that many of its fix lines listed); the others still count for
 *      the exit status, and the summary says how many were left out. For the
 *      text format a summary ("N findings in M files") goes to err, after
 *      out is flushed, so a log that merges both reads in order.
 *
 * Limits (lint_check.h bounds the memory of the check itself): a file larger
 * than max_file_size is not read (an error naming it); the per-file limits
 * come from the command line, else the file's .glossary-ls.json ("lint"
 * object, config.h), else the defaults below.
 *
 * Every message is one line made safe for terminals and CI logs
 * (lint_message.h).
 *
 * Exit status (cli.h): 2 if anything could not be done as asked (a missing
 * path, an unreadable file or directory, a broken configuration or glossary
 * path, a fix that could not be written, an output error) — the other files
 * are still linted and reported; else 1 if any finding remains (with
 * max_warnings >= 0: if any error-severity finding remains or more than
 * max_warnings others do); else 0.
 */
#pragma once

#include <stdio.h>
#include <glib.h>

#include "cli/lint_context.h"
#include "cli/lint_report.h"

G_BEGIN_DECLS

typedef struct
{
  const char * const   *paths;           /* NULL-terminated; NULL or empty: "." */
  GlsLintFormat         format;
  gboolean              fix;
  gboolean              verbose;         /* notes for every file a directory walk skipped */
  const char           *stdin_filename;  /* name and language of "-" (NULL: "-", plain text) */
  gint                  max_warnings;    /* < 0: every finding fails the run */
  guint                 jobs;            /* worker threads; 0: one per processor */
  GlsLintContextOptions context;
  FILE                 *out;             /* the report (or stdin's fixed text); NULL: stdout */
  FILE                 *report_out;      /* --output; NULL: out */
  FILE                 *err;             /* messages; NULL: stderr */
  int                   in_fd;           /* standard input's descriptor for "-" */
  guint64               max_findings;    /* reported per file; 0: configuration's or default; G_MAXUINT64: no limit */
  guint64               max_file_size;   /* bytes; 0: configuration's or default; G_MAXUINT64: no limit (4 GiB) */
} GlsLintRunOptions;

#define GLS_LINT_DEFAULT_MAX_FINDINGS  1000
#define GLS_LINT_DEFAULT_MAX_FILE_SIZE (128 * 1024 * 1024)

/* Runs the lint as described; returns the exit status. */
int gls_lint_run (const GlsLintRunOptions *options);

G_END_DECLS
