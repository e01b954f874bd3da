/* prose_emit.h — appending spans under the invariants of prose.h.
 *
 * Every extractor (Markdown, code, fallback) appends through these two calls,
 * so the span invariants live in one place: gls_prose_emit trims ASCII white
 * space from both ends and drops a span that is then empty or holds no ASCII
 * letter or digit and no non-ASCII byte. Callers append in document order.
 *
 * Markdown inlines are scanned in a buffer that may be a copy of several
 * source lines without their container prefixes ("> "); a GlsProseSegment
 * list maps such a buffer back to the source and gls_prose_emit_mapped splits
 * a buffer span wherever consecutive segments are not adjacent in the source.
 * O(span length) per call.
 */
#pragma once

#include "text/span.h"

G_BEGIN_DECLS

/* Buffer bytes [buf, buf + len) are source bytes [src, src + len). */
typedef struct
{
  guint32 buf;
  guint32 src;
  guint32 len;
} GlsProseSegment;

/* Trims ASCII white space off [*start, *end) of text; FALSE when what is
 * left holds no word byte (it would be no span). */
gboolean gls_prose_trim    (const char   *text,
                            guint32      *start,
                            guint32      *end);

/* Appends [start, end) of text (offsets into text) to out (GlsProseSpan),
 * trimmed; nothing if it holds no word byte. */
void gls_prose_emit        (GArray       *out,
                            const char   *text,
                            guint32       start,
                            guint32       end,
                            GlsProseKind  kind);

/* Appends text[start, end) split at blank lines (lines of only white space):
 * one span per paragraph. */
void gls_prose_emit_paragraphs (GArray       *out,
                                const char   *text,
                                guint32       start,
                                guint32       end,
                                GlsProseKind  kind);

/* Maps each span of spans (buffer offsets, sorted) through segs (sorted by
 * buf, covering the buffer) to source offsets of src and appends the pieces
 * with gls_prose_emit. */
void gls_prose_emit_mapped (GArray                *out,
                            const char            *src,
                            const GArray          *spans,
                            const GlsProseSegment *segs,
                            guint                  n_segs);

G_END_DECLS
