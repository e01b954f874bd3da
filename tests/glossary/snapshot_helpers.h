/* snapshot_helpers.h — what the tests of a glossary stored as bytes share
 * (trie_arrays.c, snapshot.c, snapshot_corrupt.c, glossary_cache.c).
 *
 * The main oracle is a full textual dump of a glossary (every source, entry,
 * name, term, string and trie answer), one fact per line with bytes escaped:
 * a glossary decoded from a snapshot must dump exactly like the one it was
 * taken from. Dumps are new strings the caller frees. The test glossaries
 * (team_text: every problem the loader reports, non-ASCII names; team_bytes:
 * a byte that is not UTF-8; more_text) and the snapshot layout helpers
 * (header_of, section_of, reseal: the tests re-seal mutated snapshots to get
 * past the checksum) live here too. Failures are Criterion assertions. */
#pragma once

#include <glib.h>

#include "glossary/glossary.h"
#include "glossary/snapshot_format.h"
#include "glossary/trie.h"

void append_quoted (GString *out, const char *s, gsize len);
void append_ids (GString *out, GlsTrieValues v);
void assert_same_text (const char *a, const char *b, const char *what);
void dump_trie_query (GString *out, const GlsTrie *t, const char *query, gsize len, gboolean fuzzy);
void append_digest (GString *out, const void *data, gsize len);
void dump_trie_arrays (GString *out, const GlsTrie *t);
void check_consistent (const GlsTrie *t, guint32 id_limit, const char * const *probes, gsize n_probes);
guint n_names (const GlsGlossary *g);
char *dump_glossary (const GlsGlossary *g, guint fuzzy_every);
char *dump_issues (GPtrArray *issues, guint from);
void assert_same_glossary (const GlsGlossary *want, const GlsGlossary *got, guint fuzzy_every);
void assert_same_issues (GPtrArray *want, GPtrArray *got);
GPtrArray *issues_new (void);
GPtrArray *sources_new (void);
char *write_file (const char *dir, const char *name, const char *text, gssize len);
extern const char team_text[];
extern const char team_bytes[];
extern const char more_text[];
GPtrArray *small_sources (void);
GlsGlossary *small_glossary (GPtrArray *issues);
#define KEY "snapshot test key"
#define KEY_LEN (sizeof KEY - 1)
GBytes *small_snapshot (void);
void assert_decodes_to (GBytes *snapshot, const GlsGlossary *original, GPtrArray *original_issues, GPtrArray *fresh_sources, GPtrArray *fresh_issues, guint fuzzy_every);
GlsSnapshotHeader *header_of (GByteArray *snap);
guint8 *section_of (GByteArray *snap, guint index, gsize *size);
void reseal (GByteArray *snap);
GByteArray *snapshot_copy (GBytes *bytes);
void expect_decode_fails (GBytes *bytes, const void *key, gsize key_len, const char *what);
void expect_array_fails (GByteArray *snap, const char *what);
void assert_decodes (GBytes *bytes);
