/* source_words.h — the glossary files' own words (its vocabulary).
 *
 * A word the glossary's authors wrote is no typo, even one edit from a term
 * ("Mistral" next to "Mixtral"): the misspelled-term rule asks the
 * vocabulary first (analysis/rule_index.h). A vocabulary word is a maximal
 * run of GLS_SOURCE_WORDS_MIN to GLS_SOURCE_WORDS_MAX ASCII letters of
 * a source's text, lowercased, with no byte of 0x80 or more right before or
 * after it (part of a non-ASCII word).
 *
 * Collected once when a glossary is built from its files and stored in its
 * snapshot (snapshot.h), so that a process whose glossary comes from the
 * cache does not scan every glossary file again (~19M instructions, a
 * third of a one-line lint, for the default glossary).
 *
 * Not to be confused with vocab.h, which reads a team's vocabulary lists
 * (cspell, Vale, typos).
 *
 * Stored form: each distinct word once, in first-seen order, followed by
 * '\n'. Pure functions, any thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLS_SOURCE_WORDS_MIN 4
#define GLS_SOURCE_WORDS_MAX 48

/* Appends the words of the texts of sources (GlsSource*, in order) to out
 * in stored form, each distinct word once. */
void     gls_source_words_collect (GString *out, const GPtrArray *sources);

/* Is data[0..len) in stored form: words of MIN..MAX lowercase ASCII
 * letters, each followed by '\n'? (A snapshot's section is checked with it;
 * a repeated word is harmless and not looked for.) */
gboolean gls_source_words_is_valid (const char *data, gsize len);

G_END_DECLS
