/* names.h — "is this a proper name?" (people, places, brands).
 *
 * The Capitalized entries of Debian's wamerican (/usr/share/dict/american-english:
 * Robert, Roberts, Poland, Bert, Lora ...), lowercased, sorted bytewise and
 * compiled into the binary at build time, queried through the same binary
 * search as the ordinary word list (glossary/wordlist.h).
 *
 * Why: the commonest false alarm of a typo detector on real documentation is
 * a person's name one edit away from a term ("Robert" for RoBERTa, "Sam
 * Roberts" in a changelog). A name is never reported as a misspelled term;
 * whether a Capitalized hit such as "Lora" is a name or a miscapitalized term
 * is decided from its context instead (rule_term_case.c), since both exist.
 */
#pragma once

#include "glossary/wordlist.h"

G_BEGIN_DECLS

/* The embedded list; NULL + error only if the resource is missing (a build
 * bug). Free with gls_wordlist_unref. */
GlsWordlist *gls_names_new_default (GError **error);

G_END_DECLS
