/* rule_term_case.h — the term-case rule (what it flags: rule_term_case.c).
 *
 * gls_rule_term_case_run appends its findings to ctx->findings in any order
 * (the analyzer sorts); it reads the context, the spans and the hits the
 * matcher found in them only. One thread per call.
 */
#pragma once

#include "analysis/matcher.h"
#include "analysis/rule_context.h"
#include "text/span.h"

G_BEGIN_DECLS

void gls_rule_term_case_run (const GlsRuleContext *ctx,
                             const GlsProseSpan   *spans,
                             gsize                 n_spans,
                             const GlsHit         *hits,
                             gsize                 n_hits);

G_END_DECLS
