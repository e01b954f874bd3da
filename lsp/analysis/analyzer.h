/* analyzer.h — the lint rules run over prose spans, for both front ends.
 *
 * A GlsAnalyzer bundles what the rules read: the glossary, its match index
 * (matcher.h), the ordinary English word list, the list of proper names
 * (names.h) and indexes built once from the glossary: every word of every
 * term key (typo lookup), the one-word keys, and the glossary files' own
 * vocabulary. It is immutable and atomically ref-counted: build it when the
 * glossary is (re)loaded, share it between threads, drop it when a newer one
 * replaced it. Building costs one pass over the glossary text (15 ms for the
 * seed glossary, ~2 s for a 100k-entry one: bench/analysis.c).
 *
 * gls_analyzer_check runs the enabled rules over the given spans only, so the
 * server can re-check just the spans of an edited region; suppression comments
 * are applied separately (suppress.h), because they need the whole document.
 *
 * Rules (ids in rule_info.h): term-case (rule_term_case.c),
 * misspelled-term (rule_misspelled.c) and preferred-term (rule_preferred.c); what each flags, and why not more, is
 * the top comment of its file. Precision comes before recall.
 *
 * Findings carry the severity the config gives their rule; rules configured
 * off do not run. Findings are appended in document order (by start, then
 * rule id), each GlsFinding's members owned by the findings array's elements
 * (set g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear)).
 *
 * Cost: the indexed matcher, which scans each prose word once and hands
 * the words to the misspelled-term rule in blocks (matcher.h,
 * gls_matcher_match_span), plus per word a hash and a memo lookup; each
 * distinct word is judged once (word list, names, term words) and the
 * verdicts are kept by the analyzer for later checks, one memo per checking
 * thread (misspelled_search.h); the fuzzy trie walk runs once per distinct
 * candidate stem.
 * About 100 MB/s on real Markdown with the seed glossary (bench/analysis.c).
 */
#pragma once

#include <glib.h>

#include "analysis/config.h"
#include "analysis/finding.h"
#include "analysis/matcher.h"
#include "glossary/glossary.h"
#include "glossary/wordlist.h"
#include "text/prose.h"

G_BEGIN_DECLS

typedef struct _GlsAnalyzer GlsAnalyzer;

/* Takes its own reference to glossary; uses the embedded word list. */
GlsAnalyzer       *gls_analyzer_new               (GlsGlossary *glossary);
/* Same with a given word list (tests); takes a reference to words. */
GlsAnalyzer       *gls_analyzer_new_with_wordlist (GlsGlossary *glossary,
                                                   GlsWordlist *words);
GlsAnalyzer       *gls_analyzer_ref               (GlsAnalyzer *self);
/* NULL is allowed. */
void               gls_analyzer_unref             (GlsAnalyzer *self);

const GlsGlossary *gls_analyzer_glossary          (const GlsAnalyzer *self);
const GlsWordlist *gls_analyzer_wordlist          (const GlsAnalyzer *self);

/* Runs the rules over spans of text[0..len) (sorted, non-overlapping, as
 * gls_prose_spans gives them). config NULL means the defaults. Appends
 * findings (GlsFinding) and, when hits is non-NULL, every term hit (GlsHit,
 * the same as gls_matcher_find would give) in document order. */
void               gls_analyzer_check             (const GlsAnalyzer   *self,
                                                   const GlsRuleConfig *config,
                                                   const char          *text,
                                                   gsize                len,
                                                   const GlsProseSpan  *spans,
                                                   gsize                n_spans,
                                                   GArray              *findings,
                                                   GArray              *hits);

/* The glossary's rejected spelling (preferred-term) in the prose span
 * text[span_start, span_end) covering offset: its preference index and
 * [*start, *end), or -1 (gls_preferred_index_at). For hover. */
gint               gls_analyzer_rejected_at       (const GlsAnalyzer   *self,
                                                   const char          *text,
                                                   gsize                span_start,
                                                   gsize                span_end,
                                                   gsize                offset,
                                                   gsize               *start,
                                                   gsize               *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsAnalyzer, gls_analyzer_unref)

G_END_DECLS
