/* rule_misspelled.h — the misspelled-term rule (what it flags:
 * rule_misspelled.c).
 *
 * gls_rule_misspelled_run appends its findings to ctx->findings in any order
 * (the analyzer sorts); it reads the context, the spans and the hits only,
 * and consults ctx->misspelled_cache (a GlsMisspelledCache,
 * misspelled_search.h), which the analyzer owns, one per analyzer: a memo of
 * fuzzy searches shared by every run from any thread (locked inside); it
 * changes costs, never results. One thread per call.
 */
#pragma once

#include "analysis/matcher.h"
#include "analysis/misspelled_search.h"
#include "analysis/rule_context.h"
#include "text/span.h"

G_BEGIN_DECLS

void gls_rule_misspelled_run (const GlsRuleContext *ctx,
                              const GlsProseSpan   *spans,
                              gsize                 n_spans,
                              const GlsHit         *hits,
                              gsize                 n_hits);

G_END_DECLS
