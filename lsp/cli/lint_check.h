/* lint_check.h — the findings of one whole document for the linter, in
 * memory bounded by the report, not by the document.
 *
 * The document is parsed once (text/prose.h); its prose spans are checked in
 * pieces of about GLS_LINT_CHECK_PIECE bytes, one after the other, and each
 * piece's findings are filtered by the document's suppression comments
 * (suppress.h, built once from every span), counted, and either kept (the
 * first `cap` of the document, in document order) or dropped. So a 100 MB
 * file with a finding per word holds at most one piece's findings plus `cap`
 * at any time, instead of every finding (hundreds of bytes each).
 *
 * A span longer than a piece (a 15 MB paragraph on one line) is cut at
 * piece boundaries: each part is checked with GLS_LINT_CHECK_OVERLAP bytes
 * of the neighbouring text on both sides (widened to the next white space)
 * and keeps only the findings that start inside it, so a term across a cut
 * is found once, by the part where it starts.
 *
 * What depends on the whole text (misspelled-term's "written 3 or more times
 * in the checked text", rules.h) is judged per piece on documents larger than
 * one piece; on smaller ones results equal gls_analyzer_check over every
 * span.
 *
 * With collect_edits, every fixable finding (kept or not) also gives a
 * GlsLintEdit (lint_fix.h) whose replacement lives in the result.
 *
 * Threads: one call per thread; the analyzer and config are shared read-only.
 */
#pragma once

#include <glib.h>

#include "analysis/analyzer.h"
#include "text/prose.h"

G_BEGIN_DECLS

#define GLS_LINT_CHECK_PIECE   (256 * 1024)
#define GLS_LINT_CHECK_OVERLAP 256

typedef struct
{
  GArray       *findings;    /* GlsFinding: the first cap findings, document order */
  GArray       *edits;       /* GlsLintEdit of every fixable finding (collect_edits), or NULL */
  GStringChunk *strings;     /* the edits' replacements */
  guint         n_errors;    /* every finding of severity error, kept or not */
  guint         n_others;    /* every other finding */
  guint         n_left_out;  /* findings past cap */
  guint         n_unfixed;   /* findings with replacements that are not safe fixes (collect_edits) */
} GlsLintCheck;

/* Parses text with prose (which must be new or reusable for a fresh parse)
 * and fills out (zeroed first). cap 0 keeps none. FALSE with error if the
 * text cannot be parsed. */
gboolean gls_lint_check       (const GlsAnalyzer   *analyzer,
                               const GlsRuleConfig *config,
                               GlsProse            *prose,
                               const char          *text,
                               gsize                len,
                               guint                cap,
                               gboolean             collect_edits,
                               GlsLintCheck        *out,
                               GError             **error);

void     gls_lint_check_clear (GlsLintCheck *check);

G_END_DECLS
