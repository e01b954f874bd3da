/* snapshot.h — a built glossary model as bytes, and back.
 *
 * Parsing a 100k-entry glossary through the grammar and assembling its terms
 * takes seconds; the result is a handful of flat arrays (entry.h, trie.h) that
 * hold offsets, never pointers. A snapshot stores those arrays, the problems
 * the build reported, and a caller-chosen key naming exactly what was built
 * from (glossary_cache.h makes it from the sources' bytes). Decoding copies the
 * arrays back next to the same sources, so a glossary from a snapshot answers
 * every query exactly as the one it was taken from.
 *
 * Format (snapshot_format.h): a header (magic, version, host byte order, a
 * gls_digest checksum of the section table and all that follows) and the
 * sections, each 8-byte aligned: key, entries, names, terms, refs, string pool,
 * trie nodes, trie values, trie labels, issues. The byte order and struct
 * layouts are the host's: a snapshot is a cache, never moved between machines.
 *
 * Decoding trusts nothing: a snapshot comes from a file anyone could have
 * truncated or edited, so besides the checksum every count, offset and slice
 * is checked against the arrays and sources it points into, every string for
 * UTF-8, and the trie for its structure (trie.h). Bytes that fail are an
 * error, never a crash or a glossary that reads out of bounds.
 */
#pragma once

#include <glib.h>

#include "glossary/glossary.h"

G_BEGIN_DECLS

/* Bumped whenever the layout or the meaning of a stored field changes. */
#define GLS_SNAPSHOT_VERSION 5

/* The snapshot of glossary: its model, key[0..key_len) and the issues
 * (GlsIssue*) of issues from index first_issue on (those its build reported). */
GBytes      *gls_snapshot_encode (const GlsGlossary *glossary,
                                  const void        *key,
                                  gsize              key_len,
                                  GPtrArray         *issues,
                                  guint              first_issue);

/* The glossary stored in bytes, built on sources (GlsSource*, the same files in
 * the same order as when encoding), or NULL with error set when the bytes are
 * not a valid snapshot or their key differs from key[0..key_len). On success
 * the sources move into the glossary (sources is left empty) and the stored
 * issues are appended to issues (may be NULL); on failure neither changes. */
GlsGlossary *gls_snapshot_decode (GBytes      *bytes,
                                  const void  *key,
                                  gsize        key_len,
                                  GPtrArray   *sources,
                                  GPtrArray   *issues,
                                  GError     **error);

G_END_DECLS
