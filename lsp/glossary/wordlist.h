/* wordlist.h — "is this an ordinary English word?"
 *
 * The answer comes from a real word list, Debian's wamerican
 * (/usr/share/dict/american-english), reduced at build time to its all-lowercase
 * ASCII words, sorted bytewise and compiled into the binary. The words stay in
 * those bytes; a hash index of offsets (4 bytes a slot, at most half full)
 * answers a lookup with a probe or two. For the embedded list the index is
 * built at build time too (lsp/glossary/wordlist_index.c) and used in place:
 * built at run time it was a seventh of the seed glossary's load. Shared
 * read-only.
 *
 * Uses: a single-word alias that is ordinary English ("data", "manage") is a
 * keyword, not something to light up in prose; the linter never calls an
 * ordinary word a misspelling ("model", "modal", "rope").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GlsWordlist GlsWordlist;

/* The embedded list; never fails once the binary is built (NULL + error if
 * the resource is missing, which would be a build bug). Free with unref. */
GlsWordlist *gls_wordlist_new_default (GError **error);

/* A list from newline-separated words that must already be sorted bytewise
 * (LC_ALL=C sort) and lowercase; used by tests. Takes a reference to bytes. */
GlsWordlist *gls_wordlist_new_from_bytes (GBytes *sorted_words);

/* The hash index of self as bytes (for the build-time tool). */
GBytes      *gls_wordlist_serialize_index (const GlsWordlist *self);

/* A list over sorted_words whose index gls_wordlist_serialize_index() made
 * from the same words; NULL + G_IO_ERROR_INVALID_DATA when index does not
 * fit them. Takes references to both; nothing is copied when index is
 * 4-byte aligned. */
GlsWordlist *gls_wordlist_new_indexed (GBytes  *sorted_words,
                                       GBytes  *index,
                                       GError **error);

GlsWordlist *gls_wordlist_ref   (GlsWordlist *self);
void         gls_wordlist_unref (GlsWordlist *self);
gsize        gls_wordlist_size  (const GlsWordlist *self);

/* TRUE if word[0..len) (compared after ASCII lower-casing) is in the list.
 * Words with non-ASCII letters or other characters are never in it. */
gboolean     gls_wordlist_contains (const GlsWordlist *self,
                                    const char        *word,
                                    gsize              len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsWordlist, gls_wordlist_unref)

G_END_DECLS
