/* term_query.h — glossary terms for what a user typed: the ranked candidates
 * behind completion and workspace symbol search.
 *
 * A query is normalized text (glossary/normalize.h), compared with the keys of
 * the glossary's terms in one of three ways:
 *   PREFIX     the key starts with the query ("rotary po" -> "rotary position
 *              embedding"); enumerated from the trie in byte order;
 *   SUBSTRING  the query starts a later word of the key ("position embedding"
 *              in "rotary position embedding"); a scan over every key;
 *   FUZZY      the whole key is within max_edits edits of the query
 *              (gls_trie_fuzzy: "lroa" -> "lora").
 *
 * Ranking, the order of the candidates appended to `out`:
 *   1. kind: prefix, then substring, then fuzzy;
 *   2. the key equal to the query, if any (what was typed is a term);
 *   3. fuzzy only: fewer edits first;
 *   4. the term's best role (its first ref): headword, title, alias, mention,
 *      keyword, tag;
 *   5. shorter keys first;
 *   6. byte order of the key.
 * So for "lo" the headword "lora adapter" comes before "lora", which only
 * an entry's title names, and both before a term that is only ever a
 * keyword; for "lora" itself, "lora" comes first.
 *
 * Keyword-only terms (not matched in prose, best role GLS_ROLE_KEYWORD: one
 * ordinary English word given as a later header item) are left out with
 * GLS_TERM_QUERY_SKIP_KEYWORDS, which completion uses (offering "data" while
 * someone types "da" helps nobody); symbol search keeps them, ranked last by
 * rule 4. So are terms that only glue two names of their entry together
 * (GLS_TERM_COMBINED: "rotary position embedding rope"). Tags (GLS_ROLE_TAG: "getting started", a FAQ's "training") are
 * kept by both, after names and mentions by rule 4: they are not lit in
 * prose, and typing one is how a user finds the entry it leads to.
 *
 * The index. Ranking needs each visited term's best role and flags, which
 * live in three arrays of the glossary (terms, refs, names) that a walk over
 * thousands of keys would touch in random order, a cache miss each. A
 * GlsTermIndex copies what ranking reads into one byte per term, once per
 * glossary (O(terms), ~250 KB for a 100k-entry glossary), so a walk costs
 * one byte of a compact table per key. It holds a reference on its glossary
 * and is immutable: share it between threads and requests, and build a new
 * one when the glossary is replaced.
 *
 * Bounds: at most `limit` candidates are returned; a prefix or fuzzy walk
 * examines at most GLS_TERM_QUERY_SCAN_LIMIT keys, a substring scan reads
 * every key but considers at most that many matches. Each function returns
 * TRUE when the result may be incomplete: more candidates than `limit`
 * existed, or the scan limit was reached (then the ranking covers the keys
 * examined, the first ones in byte order). Clients re-query as the user
 * types more, so a longer query then gets the exact ranking.
 *
 * Cost: the selection keeps the best `limit` candidates seen so far and
 * rejects a worse key with one comparison of small integers (ties are
 * settled by visiting order, which is byte order for the trie walks), so a
 * walk over n keys is O(n) plus O(k log limit) for the k keys that enter the
 * running top list. Substring search is O(total key bytes). Queries retain
 * nothing and are safe from any thread.
 */
#pragma once

#include <glib.h>

#include "glossary/glossary.h"

G_BEGIN_DECLS

/* How many keys one prefix/substring/fuzzy scan examines at most. */
#define GLS_TERM_QUERY_SCAN_LIMIT 20000

typedef enum
{
  GLS_TERM_QUERY_PREFIX    = 0,
  GLS_TERM_QUERY_SUBSTRING = 1,
  GLS_TERM_QUERY_FUZZY     = 2,
} GlsTermQueryKind;

typedef enum
{
  GLS_TERM_QUERY_DEFAULT       = 0,
  GLS_TERM_QUERY_SKIP_KEYWORDS = 1 << 0,
} GlsTermQueryFlags;

typedef struct
{
  guint32 term;      /* index for gls_glossary_term() */
  guint32 key_len;   /* bytes of the term's normalized key */
  guint8  kind;      /* GlsTermQueryKind */
  guint8  distance;  /* edits, FUZZY only (0 otherwise) */
  guint8  role;      /* GlsRole of the term's best name */
  guint8  exact;     /* the key equals the query */
} GlsTermCandidate;

typedef struct _GlsTermIndex GlsTermIndex;

/* Builds the index of glossary (takes a reference on it). O(terms). */
GlsTermIndex      *gls_term_index_new          (GlsGlossary        *glossary);
GlsTermIndex      *gls_term_index_ref          (GlsTermIndex       *index);
void               gls_term_index_unref        (GlsTermIndex       *index);
/* Borrowed; alive as long as the index. */
GlsGlossary       *gls_term_index_get_glossary (const GlsTermIndex *index);

/* Appends to out (a GArray of GlsTermCandidate) the best `limit` terms whose
 * key starts with query[0..len), ranked. len 0 matches every key. */
gboolean gls_term_query_prefix    (const GlsTermIndex *index,
                                   const char         *query,
                                   gsize               len,
                                   GlsTermQueryFlags   flags,
                                   guint               limit,
                                   GArray             *out);

/* TRUE if at least one term (subject to flags) has a key starting with
 * query[0..len). Cheaper than gls_term_query_prefix: stops at the first. */
gboolean gls_term_query_has_prefix (const GlsTermIndex *index,
                                    const char         *query,
                                    gsize               len,
                                    GlsTermQueryFlags   flags);

/* The best `limit` terms whose key is within max_edits (1 or 2, clamped to
 * GLS_TRIE_MAX_EDITS) of query[0..len), ranked. */
gboolean gls_term_query_fuzzy     (const GlsTermIndex *index,
                                   const char         *query,
                                   gsize               len,
                                   guint               max_edits,
                                   GlsTermQueryFlags   flags,
                                   guint               limit,
                                   GArray             *out);

/* The best `limit` terms in which query[0..len) (not empty) starts a word
 * other than the first, ranked. */
gboolean gls_term_query_substring (const GlsTermIndex *index,
                                   const char         *query,
                                   gsize               len,
                                   GlsTermQueryFlags   flags,
                                   guint               limit,
                                   GArray             *out);

/* Symbol search: prefix matches, then substring matches, then (for queries
 * of three or more characters, when fewer than limit were found) fuzzy
 * matches with 1 edit (2 from six characters), without duplicates, at most
 * limit in all. */
gboolean gls_term_query_search    (const GlsTermIndex *index,
                                   const char         *query,
                                   gsize               len,
                                   GlsTermQueryFlags   flags,
                                   guint               limit,
                                   GArray             *out);

/* The edit budget used for a typed query of n_chars characters: 0 below
 * three characters (too many keys are that close), 1 up to five, else 2. */
guint    gls_term_query_fuzzy_edits (gsize n_chars);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsTermIndex, gls_term_index_unref)

G_END_DECLS
