/* span.h — the vocabulary every prose extractor and every consumer shares.
 *
 * Span kinds, spans and byte ranges (offsets are bytes of one document,
 * 32-bit), and the operations on a span store: a GArray of GlsProseSpan
 * sorted by start and non-overlapping (the invariants prose.h lists). The
 * array helpers assume that order and check only O(1) preconditions with
 * g_assert. Pure functions on the caller's arrays; any thread on distinct
 * arrays. prose.h includes this header; extractors include only this one,
 * so no extractor includes the front (prose.c) that includes them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GLS_PROSE_TEXT,
  GLS_PROSE_HEADING,
  GLS_PROSE_LINK_TEXT,
  GLS_PROSE_TABLE,
  GLS_PROSE_COMMENT,
  GLS_PROSE_DOCSTRING,
  GLS_PROSE_HTML_COMMENT,
} GlsProseKind;

typedef struct
{
  guint32      start;
  guint32      end;
  GlsProseKind kind;
} GlsProseSpan;

/* A byte range [start, end) of a document. */
typedef struct
{
  guint32 start;
  guint32 end;
} GlsByteRange;

/* Sorts an array of GlsByteRange by start and merges, in place, the ranges
 * that overlap or touch. */
void     gls_byte_ranges_merge       (GArray *ranges);

/* FALSE for kinds that are reported but must not be matched against the
 * glossary (GLS_PROSE_HTML_COMMENT). */
gboolean gls_prose_kind_is_matchable (GlsProseKind kind);

/* "text", "heading", "link-text", "table", "comment", "docstring",
 * "html-comment" ("unknown" out of range). Static string. */
const char *gls_prose_kind_to_string (GlsProseKind kind);

/* ---- a sorted span store (GArray of GlsProseSpan) ---------------------- */

/* Index of the first span whose end is > offset (spans->len when none). */
guint    gls_spans_first_ending_after (const GArray *spans, guint32 offset);

/* Index of the first span whose end is >= offset: touching counts. */
guint    gls_spans_first_reaching     (const GArray *spans, guint32 offset);

/* Index of the first span whose start is >= offset. */
guint    gls_spans_first_starting_at  (const GArray *spans, guint32 offset);

/* Replaces spans [i0, i1) by all of repl (i0 <= i1 <= spans->len). */
void     gls_spans_splice             (GArray       *spans,
                                       guint         i0,
                                       guint         i1,
                                       const GArray *repl);

/* Adds delta to both ends of spans i.. (an edit before them changed the
 * length of the text by delta). */
void     gls_spans_shift_from         (GArray *spans,
                                       guint   i,
                                       gint64  delta);

/* Appends to out the spans intersecting [from, to), in order. */
void     gls_spans_copy_range         (const GArray *spans,
                                       guint32       from,
                                       guint32       to,
                                       GArray       *out);

G_END_DECLS
