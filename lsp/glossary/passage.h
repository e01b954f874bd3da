/* passage.h — finding a phrase in normalized text, for the glossary's own
 * modules (roles.c, passage.c). The passage searches themselves are declared
 * in glossary.h (gls_passage_find, gls_passage_find_explaining,
 * gls_glossary_find_passage). Pure functions; no allocation. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The offset in text of key (a normalized key, key_len bytes) at word
 * boundaries (no letter, digit or non-ASCII byte on either side), or -1. */
gssize gls_passage_find_phrase (const char *text, gsize text_len, const char *key, gsize key_len);

G_END_DECLS
