/* rule_misspelled.h — the misspelled-term rule (what it flags:
 * rule_misspelled.c).
 *
 * A run of the rule over one check: gls_rule_misspelled_begin, then
 * gls_rule_misspelled_add_words for every block of words the matcher has
 * passed (gls_matcher_match_span: with their span and its index, and the
 * check's hits so far, which hold every hit that may cover one of the
 * words), then gls_rule_misspelled_finish, which judges the candidate
 * words in context, appends the findings to ctx->findings in any
 * order (the analyzer sorts) and frees the run. ctx must stay valid (and
 * its severity be the rule's at finish) until then. The run consults
 * ctx->misspelled_cache (a GlsMisspelledCache, misspelled_search.h), which
 * the analyzer owns, one per analyzer: a memo of fuzzy searches shared by
 * every run from any thread (locked inside); it changes costs, never
 * results. One thread per run.
 */
#pragma once

#include "analysis/matcher.h"
#include "analysis/misspelled_search.h"
#include "analysis/rule_context.h"
#include "text/span.h"

G_BEGIN_DECLS

typedef struct _GlsMisspelledRun GlsMisspelledRun;

/* (transfer full) */
GlsMisspelledRun *gls_rule_misspelled_begin     (const GlsRuleContext *ctx);
/* words: a block of words of span, spans[span_index] (GlsMatchWord, as
 * gls_matcher_match_span gives them), in document order across calls; hits: the check's hits so far (n_hits may grow from
 * call to call, the start of the array stays the same hits). */
void              gls_rule_misspelled_add_words (GlsMisspelledRun   *run,
                                                 const GlsProseSpan *span,
                                                 guint32             span_index,
                                                 const GlsMatchWord *words,
                                                 gsize               n_words,
                                                 const GlsHit       *hits,
                                                 gsize               n_hits);
/* spans: the spans the words came from, as indexed above. Frees run. */
void              gls_rule_misspelled_finish    (GlsMisspelledRun   *run,
                                                 const GlsProseSpan *spans,
                                                 gsize               n_spans);

G_END_DECLS
