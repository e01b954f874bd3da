/* lint_excerpt.h — the source excerpt under a text-format finding.
 *
 *   We fine-tune with Lora and LoRA, then evaluate the toolfromer model.
 *                     ^~~~
 *
 * The excerpt is bounded whatever the line's length, so that the report of a
 * file is proportional to its findings, not findings x line length (one 80 KB
 * line with 16,000 findings used to print 1.9 GB): at most
 * GLS_LINT_EXCERPT_CONTEXT characters before the range, at most
 * GLS_LINT_EXCERPT_MATCH characters of the range, and at most
 * GLS_LINT_EXCERPT_CONTEXT after it, all on the range's first line. A cut end
 * is marked with "…" (one character wide; the caret line gets a space for
 * it), so a short line is shown whole and a long one as "…text around…".
 * Tabs are kept (and copied into the caret line so the caret stays under the
 * range); control characters and bytes that are not UTF-8 are shown as U+FFFD;
 * the line is neutralised for CI log parsers (lint_message.h); a byte order
 * mark is not shown. Alignment is per character, so wide (CJK) characters
 * before the range shift it on screen.
 *
 * Cost: O(excerpt) bytes read, whatever the line's length. Pure; any thread.
 */
#pragma once

#include <glib.h>

#include "cli/lint_file.h"

G_BEGIN_DECLS

#define GLS_LINT_EXCERPT_CONTEXT 80
#define GLS_LINT_EXCERPT_MATCH   160

/* Appends the excerpt line and the caret line (each with "\n") of the range
 * [start, end) of file. start must be a character boundary on a line that
 * starts at line_start and ends (before its terminator) at line_end. */
void gls_lint_excerpt_append (GString           *out,
                              const GlsLintFile *file,
                              gsize              line_start,
                              gsize              line_end,
                              gsize              start,
                              gsize              end);

G_END_DECLS
