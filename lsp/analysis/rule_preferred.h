/* rule_preferred.h — the preferred-term rule (what it flags: rule_preferred.c).
 *
 * A GlsPreferredIndex holds the glossary's rejected spellings (preference.h)
 * by normalized key; the analyzer builds it once per glossary and owns it
 * (immutable, any thread). gls_rule_preferred_run appends findings to
 * ctx->findings in any order (the analyzer sorts); one thread per call.
 */
#pragma once

#include "analysis/rule_context.h"
#include "text/span.h"

G_BEGIN_DECLS

typedef struct _GlsPreferredIndex GlsPreferredIndex;

/* (transfer full) Never NULL; empty when the glossary has no preferences. */
GlsPreferredIndex *gls_preferred_index_new  (const GlsGlossary *glossary);
/* NULL is allowed. */
void               gls_preferred_index_free (GlsPreferredIndex *index);
guint              gls_preferred_index_size (const GlsPreferredIndex *index);

/* How far before the cursor gls_preferred_index_at starts reading. */
#define PREFERRED_AT_WINDOW 512

/* The rejected spelling the rule would report (without the configuration's
 * ignoreWords) in the prose span text[span_start, span_end) that covers
 * offset (a <= offset <= b, so a cursor just after the word counts): its
 * preference index (gls_glossary_preference) and [*start, *end); -1 when
 * none. Reads at most PREFERRED_AT_WINDOW bytes before offset and up to the
 * first match past it: independent of the span's length. */
gint gls_preferred_index_at (const GlsPreferredIndex *index,
                             const char              *text,
                             gsize                    span_start,
                             gsize                    span_end,
                             gsize                    offset,
                             gsize                   *start,
                             gsize                   *end);

void gls_rule_preferred_run (const GlsRuleContext    *ctx,
                             const GlsPreferredIndex *index,
                             const GlsProseSpan      *spans,
                             gsize                    n_spans);

G_END_DECLS
