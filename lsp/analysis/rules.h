/* rules.h — the lint rules: findings from prose spans, for both front ends.
 *
 * A GlsAnalyzer bundles what the rules read: the glossary, the ordinary
 * English word list and the indexes built from them once (a trie of every
 * word of every term key, for typo lookup). It is immutable and atomically
 * ref-counted: build it when the glossary is (re)loaded, share it between
 * threads, drop it when a newer one replaced it.
 *
 * gls_analyzer_check runs the enabled rules over the given spans only, so the
 * server can re-check just the spans of an edited region; suppression comments
 * are applied separately (suppress.h), because they need the whole document.
 *
 * Rules (ids in rule_info.h)
 *   term-case        a hit of a term whose canonical spelling has irregular
 *                    capitals (LoRA, PyTorch, vLLM, BF16) where a word the
 *                    canonical writes irregularly is written in another
 *                    regular casing: Capitalized ("Lora", "Pytorch", "Bf16",
 *                    "Vllm") or ALL CAPS ("LORA"). Plural and possessive
 *                    endings keep their own letters ("Loras" -> "LoRAs").
 *                    Not flagged: words the canonical writes regularly (any
 *                    case is fine: "Rotary Position Embedding"); all-lowercase
 *                    renderings ("lora", "pytorch": package names, commands
 *                    and URLs in prose are lowercase far more often than they
 *                    are mistakes, see bench/precision.c); other mixed-case
 *                    spellings ("LoRa" is a different thing, the radio);
 *                    spellings that are ordinary English (the matcher already
 *                    drops "rope" for RoPE); ALL CAPS inside a run of ALL CAPS
 *                    words (a shouted heading: the casing is the style, not a
 *                    misspelling). One replacement, fixable.
 *   misspelled-term  a word that is not ordinary English, nor a word of any
 *                    term, but within a small edit distance (optimal string
 *                    alignment: 1 for 5-7 letters, 2 for 8 or more) of a word
 *                    of a term key, where substituting the correction makes a
 *                    recognised glossary term covering the word: "Levenstein
 *                    transformer", "toolfromer", "rotary positon embedding".
 *                    Candidates are prose words outside hits, ASCII letters
 *                    only, at least 5 letters, not ignored by the config, not
 *                    code-like (next to _ . / \ = ( and similar, or with
 *                    capitals after the first letter). The finding covers the
 *                    whole term phrase; the replacement keeps the user's
 *                    capitalization of the word when the term's word is
 *                    regular and uses the canonical spelling otherwise, and
 *                    keeps the word's plural ending. Several equally close
 *                    corrections give several replacements, not fixable.
 *
 * Findings carry the severity the config gives their rule; rules configured
 * off do not run. Findings are appended in document order (by start, then
 * rule id), each GlsFinding's members owned by the findings array's elements
 * (set g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear)).
 *
 * Cost: matching (matcher.h) plus, per prose word, a few byte tests and a
 * binary search in the word list; the fuzzy trie walk runs once per distinct
 * candidate word per call (memoized), on a handful of words per document.
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsAnalyzer, gls_analyzer_unref)

G_END_DECLS
