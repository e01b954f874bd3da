/* lint_report.h — the linter's output formats.
 *
 * Positions are those of lint_file.h: 1-based lines, 1-based columns counted
 * in characters (Unicode code points; a tab is one), exclusive ends.
 *
 *   text    compiler style, for people:
 *             path:line:col: severity: message [rule]
 *             <an excerpt of the source line, tabs kept>
 *             <spaces (tabs where the line has tabs) then ^~~~ under the range>
 *           The excerpt is bounded ("…" marks a cut end; lint_excerpt.h), so a
 *           long line costs the same as a short one per finding. The
 *           underline stops at the end of the first line of a range that
 *           spans lines. Control characters and bytes that are not UTF-8 are
 *           shown as U+FFFD so the terminal cannot be driven by file
 *           contents, and no line can start a CI workflow command
 *           (lint_message.h); alignment is per character, so wide (CJK)
 *           characters before the range shift it on screen.
 *   json    one array of objects {file, line, column, endLine, endColumn,
 *           rule, severity, message, replacement, replacements, fixable}:
 *           replacement is the best replacement or null, replacements all of
 *           them (possibly []), fixable whether --fix would apply it.
 *   sarif   SARIF 2.1.0, one run, as GitHub code scanning reads it: the
 *           tool.driver with every rule (id, name, short/full description,
 *           help, defaultConfiguration.level), results with ruleId,
 *           ruleIndex, level, message.text, one location (relative uri with
 *           uriBaseId %SRCROOT%, region with all four line/column members),
 *           partialFingerprints (rule, flagged text and the trimmed line, or
 *           on lines over 1 KiB a 256-byte window on each side of the range)
 *           and one fix per replacement. columnKind is
 *           "unicodeCodePoints", matching the columns above. Absolute paths
 *           (a file named that way) become file:// URIs without a base.
 *   github  GitHub Actions workflow commands, one per finding:
 *             ::warning file=P,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE
 *           (error, warning, notice for info and hint), escaped as the runner
 *           expects: % \r \n everywhere, and : , in properties.
 *
 * In json and sarif, "##[" inside a string is written "##\u005b" (the same
 * JSON string) so that a CI log showing the report holds no legacy workflow
 * command (lint_message.h).
 *
 * Rendering one file's findings (gls_lint_render) is pure and may run on any
 * thread; the GlsLintReport that assembles the chunks in order is used by one
 * thread. Every format is written as chunks are added: json and sarif write
 * their document's head before the first chunk, each finding as an element
 * of the results array, and the tail at gls_lint_report_finish, so memory
 * holds one file's rendering, never the whole report. Rendering is linear in
 * the findings: positions come from a cursor over the sorted findings
 * (lint_file.h), excerpts and fingerprints read a bounded window.
 */
#pragma once

#include <stdio.h>
#include <glib.h>

#include "analysis/finding.h"
#include "cli/lint_file.h"

G_BEGIN_DECLS

typedef enum
{
  GLS_LINT_FORMAT_TEXT,
  GLS_LINT_FORMAT_JSON,
  GLS_LINT_FORMAT_SARIF,
  GLS_LINT_FORMAT_GITHUB,
} GlsLintFormat;

/* "text", "json", "sarif", "github" (exact). */
gboolean      gls_lint_format_parse (const char *name, GlsLintFormat *out);

/* The rendered findings of one file. */
typedef struct _GlsLintChunk GlsLintChunk;

/* Renders findings (n GlsFinding of file, sorted by position). */
GlsLintChunk *gls_lint_render       (GlsLintFormat      format,
                                     const GlsLintFile *file,
                                     const GlsFinding  *findings,
                                     guint              n);
void          gls_lint_chunk_free   (GlsLintChunk *chunk);

typedef struct _GlsLintReport GlsLintReport;

/* out is borrowed and must outlive the report. */
GlsLintReport *gls_lint_report_new    (GlsLintFormat  format,
                                       FILE          *out);
/* Appends a chunk of the same format (consumed). */
void           gls_lint_report_add    (GlsLintReport *report,
                                       GlsLintChunk  *chunk);
/* Writes what is still pending (json, sarif) and flushes; FALSE with error
 * if writing failed at any point. */
gboolean       gls_lint_report_finish (GlsLintReport *report,
                                       GError       **error);
void           gls_lint_report_free   (GlsLintReport *report);

/* Escaping of GitHub workflow commands (exposed for tests). */
char         *gls_lint_github_escape_data     (const char *text);
char         *gls_lint_github_escape_property (const char *text);

/* The SARIF artifact URI of a reported path, and whether it is relative to
 * %SRCROOT% (exposed for tests). */
char         *gls_lint_sarif_uri    (const char *path,
                                     gboolean   *relative);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsLintChunk, gls_lint_chunk_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsLintReport, gls_lint_report_free)

G_END_DECLS
