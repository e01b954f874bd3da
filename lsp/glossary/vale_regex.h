/* vale_regex.h — the simple regular expressions of Vale vocabularies
 * (accept.txt, reject.txt), expanded into the words they match.
 *
 * A Vale vocabulary line is a Go regular expression, but teams write few
 * kinds: a character class for a letter's case ("[Gg]lossary"), a group of
 * alternatives ("(LoRA|QLoRA)", "(?:a|b)"), an optional character, class or
 * group ("colou?r", "[Ww]ebhooks?", "pre-?train(ing)?"), escaped punctuation
 * ("Node\.js"), alternatives of the whole line ("GPU|TPU"), anchors ^ and $.
 * Those expand into a finite set of words. Anything else (ranges such as
 * [a-z], repetition * + {n}, classes \d \w, nested groups, lookarounds) is
 * not expanded: no regular expression from a repository's file is ever run,
 * and the caller reports the line.
 *
 * Bounds: lines of at most GLS_VALE_MAX_LINE bytes, at most
 * GLS_VALE_MAX_EXPANSIONS words per line (more: not expanded); time and
 * memory O(line * expansions). Pure; any thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLS_VALE_MAX_LINE       256
#define GLS_VALE_MAX_EXPANSIONS 16

/* Appends to out (char*, owned by out's free func) the distinct words
 * s[0..len) matches, in the order of its alternatives, and returns TRUE; or
 * returns FALSE, out unchanged, when the line uses syntax beyond the simple
 * forms above, matches only the empty string, or has too many words. A
 * leading "(?i)" is the caller's to strip. */
gboolean gls_vale_expand (const char *s, gsize len, GPtrArray *out);

G_END_DECLS
