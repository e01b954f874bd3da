/* trie.h — a static compressed trie from byte-string keys to sets of term ids.
 *
 * The index behind hover (longest match at a text position), completion (prefix
 * enumeration) and typo-tolerant lookup. Glossaries are immutable once loaded,
 * so the trie is built once from a batch and never changes: a GlsTrieBuilder
 * collects (key, id) pairs, and gls_trie_builder_finish() sorts them and emits
 * the trie as three flat arrays that hold no pointers, only 32-bit offsets.
 *
 * Keys
 *   Arbitrary bytes compared with memcmp (byte order, which for UTF-8 is code
 *   point order); they may contain NUL or invalid UTF-8. In practice they are
 *   gls_normalize_key() output. Empty keys are ignored by the builder, so no
 *   query of length 0 ever finds a value. A key may be added any number of
 *   times; its ids are kept sorted ascending without duplicates.
 *
 * Layout (radix / Patricia trie, nodes numbered in breadth-first order)
 *   nodes[i]   { label, children, values, edge[4] }: 16 bytes, three guint32
 *              offsets and the first 4 bytes of the edge into node i (zero
 *              padded; unused for the root).
 *   labels[]   the edge bytes after the first one, for all nodes in order:
 *              the edge into node i is edge[0] followed by
 *              labels[nodes[i].label .. nodes[i + 1].label).
 *   values[]   the ids of all keys in node order: node i holds the key that
 *              spells its path iff values[nodes[i].values .. nodes[i + 1].values)
 *              is not empty.
 *   Breadth-first numbering makes the children of node i the contiguous run
 *   nodes[nodes[i].children .. nodes[i + 1].children), sorted by edge[0], so
 *   every "end" is the next node's "start" and a sentinel node closes the
 *   arrays. A descent step halves a long child run, scans the rest and lands
 *   on a record it has just read; edges of up to 4 bytes are checked without
 *   touching labels[] at all. Node 0 is the root and never holds a value.
 *
 * Costs
 *   A trie of n distinct keys has at most 2n nodes (n terminals plus fewer than
 *   n branch points) of 16 bytes, plus the label bytes (at most the key bytes
 *   not shared with the previous key in byte order), plus 4 bytes per distinct
 *   (key, id) pair. A synthetic term list of 1M (key, id) pairs, 768k distinct
 *   keys of about 20 bytes, takes 39 bytes per distinct key (bench/trie.c).
 *   All offsets are 32-bit: total key bytes must stay below 4 GiB and pairs
 *   below 2^31 (the builder refuses keys past that with a critical warning).
 *   Build: a multikey quicksort on 8-byte chunks (a shared prefix is compared
 *   once per group, not once per comparison), one pass to merge duplicates and
 *   copy the keys in sorted order, one breadth-first pass that writes the
 *   arrays, which the trie then adopts without copying. While finishing, the
 *   builder's 24 bytes per pair and two copies of the key bytes are alive at
 *   once (bench/trie.c reports the peak).
 *   lookup, prefix descent, longest match: O(bytes walked), a few cache lines
 *   per node; lookup and longest match allocate nothing.
 *
 * Ownership and threads
 *   A GlsTrie is immutable and atomically reference counted: any number of
 *   threads may query it concurrently; each holder keeps its own reference.
 *   Every GlsTrieValues and every key passed to a callback points into the trie
 *   (or into a buffer owned by the query) and is valid only while the trie is
 *   alive (keys: only during the callback). A builder is single-threaded.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GlsTrieBuilder GlsTrieBuilder;
typedef struct _GlsTrie GlsTrie;

/* The ids of one key: sorted ascending, no duplicates, owned by the trie.
 * n == 0 (ids unspecified) means no key. */
typedef struct
{
  const guint32 *ids;
  gsize          n;
} GlsTrieValues;

/* The largest max_edits gls_trie_fuzzy() accepts. */
#define GLS_TRIE_MAX_EDITS 2

GlsTrieBuilder *gls_trie_builder_new    (void);

/* Records that key[0..len) maps to id. A len of 0 is ignored. The key bytes are
 * copied. Amortized O(len). */
void            gls_trie_builder_add    (GlsTrieBuilder *b,
                                         const char     *key,
                                         gsize           len,
                                         guint32         id);

/* Builds the trie from everything added and frees b (b must not be used
 * afterwards). Never returns NULL: no keys give an empty trie. */
GlsTrie        *gls_trie_builder_finish (GlsTrieBuilder *b);

/* Frees a builder that was not finished. NULL is allowed. */
void            gls_trie_builder_free   (GlsTrieBuilder *b);

GlsTrie        *gls_trie_ref            (GlsTrie *t);
/* NULL is allowed. */
void            gls_trie_unref          (GlsTrie *t);

/* Number of distinct keys. */
gsize           gls_trie_n_keys         (const GlsTrie *t);

/* Bytes owned by the trie: its struct and its three arrays (not malloc's
 * bookkeeping). */
gsize           gls_trie_memory_size    (const GlsTrie *t);

/* Exact lookup. Returns TRUE and fills *out (if non-NULL) when key[0..len) is a
 * key; otherwise returns FALSE and sets out->n = 0. O(len). */
gboolean        gls_trie_lookup         (const GlsTrie *t,
                                         const char    *key,
                                         gsize          len,
                                         GlsTrieValues *out);

/* Called once per key found. The key bytes are NUL-terminated for convenience,
 * but may contain NUL themselves: use len. Return FALSE to stop. */
typedef gboolean (*GlsTrieVisit) (const char    *key,
                                  gsize          len,
                                  GlsTrieValues  values,
                                  gpointer       user_data);

/* Visits every key that starts with prefix[0..len) (len 0: every key) in byte
 * order, at most limit of them (0 = no limit). visit may be NULL to count only.
 * Returns the number of keys visited, including one whose callback returned
 * FALSE. O(len + size of the visited subtrie); allocates a key buffer. */
gsize           gls_trie_prefix         (const GlsTrie *t,
                                         const char    *prefix,
                                         gsize          len,
                                         gsize          limit,
                                         GlsTrieVisit   visit,
                                         gpointer       user_data);

/* The longest key that is a prefix of text[0..len) and ends at a word boundary
 * of the text. A key ending at byte e qualifies when e == len, or the character
 * starting at e is not a word character (gls_is_word_char; NUL, U+FFFD and
 * bytes that are not UTF-8 count as non-word), or the key's own last character
 * is not a word character. A key never matches if it ends inside a well-formed
 * UTF-8 sequence of the text. So "lora" matches in "lora, qlora" and "lora"
 * (end of text) but not in "loram" or "loraé"; "c++" matches in "c++x".
 * Multi-word keys simply match across the single spaces of normalized text.
 * The caller guarantees that text starts at a word start (it is not checked).
 * Returns the match length (0 if none) and fills *out (if non-NULL; n = 0 when
 * nothing matched). O(d) where d <= the longest key is how far text follows a
 * trie path; no allocation. */
gsize           gls_trie_longest_match  (const GlsTrie *t,
                                         const char    *text,
                                         gsize          len,
                                         GlsTrieValues *out);

typedef gboolean (*GlsTrieFuzzyVisit) (const char    *key,
                                       gsize          len,
                                       guint          distance,
                                       GlsTrieValues  values,
                                       gpointer       user_data);

/* Visits every key within max_edits (<= GLS_TRIE_MAX_EDITS) edits of
 * query[0..len): fewest edits first, then byte order; at most limit keys
 * (0 = no limit). visit may be NULL to count only. Returns the number of keys
 * visited, including one whose callback returned FALSE.
 *
 * The distance is the optimal string alignment distance (restricted
 * Damerau-Levenshtein) over characters, not bytes: inserting, deleting or
 * substituting one character, or swapping two adjacent ones, costs 1 ("lroa" is
 * 1 from "lora"; "é" for "e" is 1), and no substring is edited twice. UTF-8 is
 * split into characters by its lead bytes; a malformed sequence (a stray
 * continuation byte, a truncated or overlong sequence) is one character of its
 * own that equals only the same bytes, so any byte string works.
 *
 * It walks the trie depth-first with one banded DP row (2 * max_edits + 1 cells)
 * per key character and prunes every subtree whose row exceeds the bound; one
 * walk per distance 0..max_edits delivers the ordering without collecting
 * results. Allocates O(len) working memory. */
gsize           gls_trie_fuzzy          (const GlsTrie     *t,
                                         const char        *query,
                                         gsize              len,
                                         guint              max_edits,
                                         gsize              limit,
                                         GlsTrieFuzzyVisit  visit,
                                         gpointer           user_data);

/* The trie's three arrays as laid out above, for storing a built trie
 * (snapshot.h) and adopting it again without rebuilding. nodes holds
 * n_nodes + 1 records of GLS_TRIE_NODE_SIZE bytes in host byte order (the
 * last is the sentinel). */
#define GLS_TRIE_NODE_SIZE 16
typedef struct
{
  const guint8  *nodes;
  gsize          n_nodes;   /* real nodes, without the sentinel */
  const guint32 *values;
  gsize          n_values;
  const guint8  *labels;
  gsize          n_labels;
} GlsTrieArrays;

/* Fills *out with t's arrays; they stay valid while t is alive. */
void            gls_trie_get_arrays     (const GlsTrie *t,
                                         GlsTrieArrays *out);

/* A trie that owns copies of arrays, or NULL with error set when the arrays
 * are not a trie gls_trie_builder_finish could have built with ids below
 * id_limit: every offset is checked against its array and every structural
 * rule the queries rely on (breadth-first children after their parent,
 * siblings sorted by first byte, sorted unique ids, edge copies matching the
 * labels), so queries on the result never read out of bounds or loop, whatever
 * the bytes were. O(total size). */
GlsTrie        *gls_trie_new_from_arrays (const GlsTrieArrays *arrays,
                                          guint32              id_limit,
                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsTrie, gls_trie_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsTrieBuilder, gls_trie_builder_free)

G_END_DECLS
