/* matcher.h — glossary terms in prose: where they occur in a document.
 *
 * The matcher finds term hits inside prose spans (text/prose.h): every
 * leftmost-longest, non-overlapping occurrence of a term key, compared after
 * the one shared normalization (glossary/normalize.h), so "Rotary-Position
 * Embeddings" is a hit of "rotary position embedding" and "LoRAs" of "lora".
 *
 * How a span is matched
 *   The span's bytes are normalized into a reused buffer with an offset map.
 *   At every word start of the normalized text (and at every non-space
 *   character that follows a non-word character, so keys such as ".net" can
 *   start there) the glossary trie gives the longest key ending at a word
 *   boundary (gls_trie_longest_match). A key is a hit only if its term is
 *   recognised in prose:
 *     - GLS_TERM_MATCH_PROSE is set (keyword-only terms and categories never
 *       match);
 *     - a GLS_TERM_CASE_SENSITIVE term (RoPE, RAG: one ordinary English word
 *       with an irregular canonical spelling) matches only where the document
 *       does not write it as ordinary English: "rope" and "Rope" are the word,
 *       "RoPE", "ROPE", "RoPEs" are the term.
 *   When the longest key is not recognised, the next shorter key that ends at
 *   a real word boundary is tried (the text is cut at the last non-word byte
 *   before the rejected match's end), so "lora adapter training" still yields
 *   "lora adapter" when the three-word key is keyword-only. After a hit the
 *   scan resumes at its end; otherwise at the next word start.
 *   Hits never cross a span boundary, but one span may cover several lines of
 *   a paragraph, so terms broken across lines match. Spans whose kind is not
 *   matchable (gls_prose_kind_is_matchable: HTML comments) are skipped.
 *
 * Offsets
 *   A hit is the byte range [start, end) of the document: from the first byte
 *   of the first word to the end of the last character that contributed to the
 *   key, including plural letters dropped by normalization ("models" whole,
 *   the s of "LoRAs"), but not the "'s" of a possessive.
 *
 * Ownership, threads, cost
 *   Nothing is retained: the glossary and text are only read during the call,
 *   so any number of threads may match with one shared glossary. One call
 *   allocates its scratch buffers once and reuses them for every span and
 *   word; matching is O(span bytes) plus O(longest key) trie work per word
 *   start. With a GlsMatchIndex (below) the per-word work is a lowercase copy
 *   and a hash probe for most words: ~250 MB/s on real Markdown, ~95 MB/s on
 *   text made of the seed glossary itself (bench/analysis.c, CPU time).
 */
#pragma once

#include <glib.h>

#include "glossary/glossary.h"
#include "text/prose.h"

G_BEGIN_DECLS

/* One occurrence of a term: document bytes [start, end), the term's index
 * (gls_glossary_term). */
typedef struct
{
  guint32 start;
  guint32 end;
  guint32 term;
} GlsHit;

/* Appends to hits (a GArray of GlsHit) the hits inside spans, in document
 * order. spans must be sorted and non-overlapping (as gls_prose_spans gives
 * them) and lie inside text[0..len). This is the reference implementation:
 * it normalizes every span whole. To match many documents against one
 * glossary, build a GlsMatchIndex once and use gls_matcher_find_indexed. */
void     gls_matcher_find   (const GlsGlossary  *glossary,
                             const char         *text,
                             gsize               len,
                             const GlsProseSpan *spans,
                             gsize               n_spans,
                             GArray             *hits);

/* An index of the first words of the glossary's recognised keys (normalized:
 * lowercase, singular) plus the longest key's length. With it the matcher
 * tests each ASCII word of a span with a lowercase copy and one hash lookup,
 * and normalizes only a window (the word and the longest key's length beyond
 * it) where a key may start; words with non-ASCII bytes and punctuation that
 * starts a key take that window path directly. The hits are exactly those of
 * gls_matcher_find (tests/analysis/matcher.c checks this on random text).
 *
 * Immutable and atomically ref-counted; holds a reference to the glossary.
 * Building costs O(total key bytes). */
typedef struct _GlsMatchIndex GlsMatchIndex;

GlsMatchIndex     *gls_match_index_new      (GlsGlossary *glossary);
GlsMatchIndex     *gls_match_index_ref      (GlsMatchIndex *index);
/* NULL is allowed. */
void               gls_match_index_unref    (GlsMatchIndex *index);
const GlsGlossary *gls_match_index_glossary (const GlsMatchIndex *index);

/* gls_matcher_find with the index's glossary, faster. */
void     gls_matcher_find_indexed (const GlsMatchIndex *index,
                                   const char          *text,
                                   gsize                len,
                                   const GlsProseSpan  *spans,
                                   gsize                n_spans,
                                   GArray              *hits);

/* The same, one span at a time, handing the words it passes to the rules
 * (the analyzer gives them to the misspelled-term rule, which would
 * otherwise scan, lowercase and hash every word again).
 *
 * gls_matcher_match_span matches spans[k] from state->at (start with
 * gls_matcher_span_begin), appending hits, and, when words is non-NULL,
 * appends to it (GlsMatchWord, document order, each once) every run of
 * ASCII letters and digits of the span that no kept hit starts at and that
 * follows no non-ASCII character (and perhaps others: a word a hit of its
 * own covers, a word glued to non-ASCII bytes after it). It stops early
 * once words holds cap or more (returns FALSE: call again with the same
 * state); then every hit that may cover one of the words is in hits.
 * Returns TRUE when the span is done. Hits are gls_matcher_find_indexed's,
 * whatever cap. norm and map are scratch buffers, reused. */
typedef struct
{
  guint32 start;  /* document bytes [start, end) */
  guint32 end;
} GlsMatchWord;

/* A growing array of GlsMatchWord (zero-initialize; free data with
 * g_free): appended to once per word, so written in place rather than
 * through GArray's out-of-line calls. */
typedef struct
{
  GlsMatchWord *data;
  guint         len;
  guint         alloc;
} GlsMatchWords;

typedef struct
{
  guint32  at;         /* the next offset to look at */
  gboolean prev_word;  /* a word character ends just before it */
} GlsMatchSpanState;

void     gls_matcher_span_begin   (GlsMatchSpanState  *state,
                                   const GlsProseSpan *span);
gboolean gls_matcher_match_span   (const GlsMatchIndex *index,
                                   const char          *text,
                                   const GlsProseSpan  *span,
                                   GlsMatchSpanState   *state,
                                   GlsMatchWords       *words,
                                   guint                cap,
                                   GString             *norm,
                                   GArray              *map,
                                   GArray              *hits);

/* The hit containing byte offset (start <= offset < end), for hover and
 * go-to-definition: only the span containing offset is matched (spans are
 * binary-searched), so the cost does not depend on the document size.
 * Returns FALSE (and leaves *hit alone) when offset is in no hit. */
gboolean gls_matcher_hit_at (const GlsGlossary  *glossary,
                             const char         *text,
                             gsize               len,
                             const GlsProseSpan *spans,
                             gsize               n_spans,
                             guint32             offset,
                             GlsHit             *hit);

/* TRUE if a case-sensitive term may be recognised in surface[0..len), the
 * document's bytes of a candidate hit: FALSE when the surface reads as
 * ordinary English (its letters all lowercase, or only the first one
 * uppercase). Exposed for the rules and tests. */
gboolean gls_matcher_surface_is_marked (const char *surface,
                                        gsize       len);

/* Building block shared with the rules, which match normalized text they
 * constructed themselves (a span with one word corrected).
 *
 * accept decides whether the key norm[0..match_len) of term is recognised.
 * Returns the length of the longest accepted key at the start of
 * norm[0..len) (which must start at a word start of normalized text),
 * falling back to shorter keys that end at a word boundary as described
 * above, and sets *term; 0 if none is accepted. */
typedef gboolean (*GlsMatchAccept) (const GlsGlossary *glossary,
                                    guint32            term,
                                    gsize              match_len,
                                    gpointer           user_data);

gsize    gls_matcher_longest_accepted (const GlsGlossary *glossary,
                                       const char        *norm,
                                       gsize              len,
                                       GlsMatchAccept     accept,
                                       gpointer           user_data,
                                       guint32           *term);

/* TRUE if norm[at] (normalized text) starts a character where matching is
 * tried: a non-space character at the start or after a non-word character.
 * at must be a character boundary. */
gboolean gls_matcher_is_match_start (const char *norm,
                                     gsize       at);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsMatchIndex, gls_match_index_unref)

G_END_DECLS
