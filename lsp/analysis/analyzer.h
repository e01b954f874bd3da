/* analyzer.h — the lint rules: findings from prose spans, for both front ends.
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
 * Rules (ids in rule_info.h). Precision comes before recall: every exclusion
 * below removed false findings measured on real documentation and code
 * (bench/precision.c; the numbers are in the commit history).
 *   term-case        a hit of a term whose canonical spelling has irregular
 *                    capitals (LoRA, PyTorch, vLLM, BF16) where a word the
 *                    canonical writes irregularly is written in another
 *                    regular casing: Capitalized ("Lora", "Pytorch", "Bf16",
 *                    "Vllm"), ALL CAPS ("LORA") or, in Markdown prose only,
 *                    all lowercase ("lora", "vllm"). Plural and possessive
 *                    endings keep their own letters ("Loras" -> "LoRAs"). The
 *                    finding covers the miscased words only ("Lora" of "Lora
 *                    adapter"). Not flagged:
 *                      - words the canonical writes regularly (any case is
 *                        fine: "Rotary Position Embedding", "TOOLFORMER");
 *                      - a word glued to a suffix, path or option ("Llm.cs",
 *                        "vllm/", "--use-vllm", "control-lora") or quoted
 *                        ("LORA" as a value);
 *                      - lowercase renderings that are English words ("rag"),
 *                        end in a digit ("bf16"), are part of a longer hit, or
 *                        stand in code comments, docstrings or link texts
 *                        (the code's identifiers, the linked repository);
 *                      - other mixed-case spellings ("LoRa" is the radio);
 *                      - Capitalized ordinary English ("Dry", "Llama"), as the
 *                        matcher treats "Rope";
 *                      - a Capitalized word in a proper name ("Bert Belder",
 *                        "GNU Moe", "Qwen3.5 Moe": see gls_rule_in_proper_name
 *                        in rules_private.h), before a coined mixed-case word
 *                        ("Lora beYond Conventional"), or a known place or
 *                        person where the term is an acronym ("Rome", ROME);
 *                      - ALL CAPS next to ALL CAPS ordinary words (a shouted
 *                        heading: "FINE-TUNING WITH LORA").
 *                    One replacement; fixable except for lowercase renderings
 *                    (a package or command may be meant).
 *   misspelled-term  a word that substituted by a close word of a term key
 *                    makes a recognised glossary term covering it:
 *                    "Levenstein transformer", "toolfromer", "rotary positon
 *                    embedding", "RMSNrom", "KV cahce". Candidates are prose
 *                    words outside hits, of 4-48 ASCII letters (digits too
 *                    when the word has capitals after its first letter:
 *                    "MobileNetV2"), not code-like (next to _ . / \ = ( and
 *                    similar), not ALL CAPS of 4 letters or fewer (one edit
 *                    turns an acronym into another: "BEFT", "BERT"), and none
 *                    of: ordinary English (also as a singular), a proper
 *                    name, a word of any term key, a word of the glossary
 *                    files' text ("Mistral" next to "Mixtral", "ReLU"), an
 *                    ignored word, a Capitalized word in a proper name, a
 *                    word the document writes as code or in bold somewhere
 *                    (its own name). How often a word is written does not
 *                    matter: writers who misspell a term do it consistently.
 *                    Towards terms of several words (a neighbouring word
 *                    belongs to one; 4+ letters): optimal string alignment
 *                    distance 1 for up to 7 letters, 2 for 8 or more, whole
 *                    words. Towards a one-word key (5+ letters, or 4+ with
 *                    capitals after the first letter): 1 edit, of a key of
 *                    4+ letters, sharing the first letter (or with its first
 *                    two swapped; with capitals also a dropped first letter
 *                    or its keyboard neighbour: "reamBooth"), not merely
 *                    adding or dropping letters at the end ("alloc" is not
 *                    "allo"), not a compound of English words; for plain
 *                    letters also: no other English word one edit away
 *                    ("knowledge transfe" is "transfer", not "TransE") and an
 *                    English key only from 7 letters ("transfromer"); for
 *                    capitalised words of 4-5 letters only typing edits
 *                    (drop, double, swap, neighbour key: "LRoA", not "LoHa").
 *                    Each correction is spelled as the canonical spelling's
 *                    word (irregular letters kept, else with the user's
 *                    capital) or that word in the other number, whichever is
 *                    closer to what was typed ("experst": both). Ranking:
 *                    fewest edits, then terms of several words (only those
 *                    kept when there are any), then the canonical number.
 *                    Fixable (safe) only when exactly one replacement is left
 *                    and it keeps the typed word's number (s-plural or not);
 *                    otherwise every candidate is offered, best first.
 * Findings carry the severity the config gives their rule; rules configured
 * off do not run. Findings are appended in document order (by start, then
 * rule id), each GlsFinding's members owned by the findings array's elements
 * (set g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear)).
 *
 * Cost: the indexed matcher, plus per prose word a few byte tests and one
 * hash lookup (each distinct word is judged once per call: word list, names,
 * term words); the fuzzy trie walk runs once per distinct candidate stem.
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsAnalyzer, gls_analyzer_unref)

G_END_DECLS
