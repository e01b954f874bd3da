/* typo.h — how two spellings of a word differ, for the misspelled-term rule:
 * edit distance, the edits of typing, inflections and British spellings,
 * and words one edit from ordinary English.
 *
 * Words are ASCII; the functions that take lowercase words say so. Pure
 * functions of their arguments (the word lists are only read): any thread.
 * Costs: osa_distance O(an * bn) on the stack; near_other_english about 54
 * word-list searches per letter; the others O(length).
 */
#pragma once

#include <glib.h>

#include "glossary/wordlist.h"

G_BEGIN_DECLS

/* The longest word the rules look at; longer words are never typos here. */
#define GLS_TYPO_MAX_LETTERS 48

/* w[0..n) without one common English ending ("izations" ... "s", "e"),
 * leaving at least three letters: the length of what remains. */
gsize    gls_typo_inflection_stem  (const char *w, gsize n);

/* TRUE if lowercase a and b are spellings of one word rather than a typo of
 * each other: inflections of one stem ("tokenized"/"tokenizing", but not a
 * bare e or s more or less: "speculativ", "transfe" are typos) or British and
 * American spellings ("normalisation", "centre", "colour", "modelling"). */
gboolean gls_typo_same_word        (const char *a, gsize an, const char *b, gsize bn);

/* Optimal string alignment distance of a and b, ASCII case aside, or
 * limit + 1 when it exceeds limit (or a word is longer than
 * GLS_TYPO_MAX_LETTERS + 1). */
guint    gls_typo_osa_distance     (const char *a, gsize an, const char *b, gsize bn, guint limit);

/* Does the word read as a plural: an s ending that is not -ss, -us, -is? */
gboolean gls_typo_reads_plural     (const char *w, gsize n);

/* Are lowercase letters a and b next to each other on a QWERTY keyboard? */
gboolean gls_typo_keys_adjacent    (char a, char b);

/* Is lowercase typed lowercase intended with one edit of typing: a letter
 * dropped, doubled, swapped with the next, or replaced by a key next to it? */
gboolean gls_typo_is_typing_edit   (const char *typed, gsize tn, const char *intended, gsize in);

/* TRUE if one edit turns lowercase w into an ordinary English word of words
 * other than except[0..except_len). */
gboolean gls_typo_near_other_english (const GlsWordlist *words, const char *w, gsize n,
                                      const char *except, gsize except_len);

/* A prefixed word or a word followed by another word, of ordinary words
 * wamerican does not list ("reland", "minimatch", "workqueue"). */
gboolean gls_typo_is_compound      (const GlsWordlist *words, const char *w, gsize n);

G_END_DECLS
