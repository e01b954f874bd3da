/* open_document.h — GlsOpenDocument: one open URI as the features read it:
 * its text, prose spans, and the term hits and findings of the current
 * version.
 *
 * Ownership: the workspace owns every open document; pointers it hands out
 * are borrowed, valid until the document is closed (or re-opened) and never
 * across a main loop return unless you hold gls_open_document_ref. Views
 * (the GlsDocument, spans, hits, findings) are valid until the next edit,
 * close, glossary swap or configuration change, i.e. until control returns
 * to the main loop; work handed to a thread takes gls_document_snapshot()
 * and copies of the spans.
 * Threads: main thread only.
 * Waiting: getters that need the glossary (spans, hits, findings, whether
 * it is a glossary document) wait for its first load.
 * Failure: nothing here fails; positions clamp (text/position.h).
 * Glossary documents (workspace.h) get prose from text/prose_glossary.h and
 * no rule findings.
 */
#pragma once

#include "analysis/finding.h"
#include "analysis/matcher.h"
#include "server/transport/lsp_range.h"
#include "text/document.h"
#include "text/prose.h"

G_BEGIN_DECLS

typedef struct _GlsOpenDocument GlsOpenDocument;

/* One TextDocumentContentChangeEvent: the whole text (has_range FALSE) or
 * the text replacing a range, in the negotiated encoding. text: borrowed. */
typedef struct
{
  gboolean    has_range;
  gint64      start_line;
  gint64      start_character;
  gint64      end_line;
  gint64      end_character;
  const char *text;
  gsize       len;
} GlsTextChange;

GlsOpenDocument     *gls_open_document_ref            (GlsOpenDocument           *document);
void                 gls_open_document_unref          (GlsOpenDocument           *document);

/* The live text buffer (transfer none). Never edit it. */
GlsDocument         *gls_open_document_get_document   (GlsOpenDocument           *document);
const char          *gls_open_document_get_uri        (GlsOpenDocument           *document);
const char          *gls_open_document_get_language_id (GlsOpenDocument          *document);
gint64               gls_open_document_get_version    (GlsOpenDocument           *document);
/* (transfer none) the text; len (nullable) gets its length. */
const char          *gls_open_document_get_text       (GlsOpenDocument           *document,
                                                       gsize                     *len);
gboolean             gls_open_document_is_glossary    (GlsOpenDocument           *document);
/* FALSE once the document was closed (a reference kept past close). */
gboolean             gls_open_document_is_open        (GlsOpenDocument           *document);
/* TRUE when a change could not be applied as sent (resynchronized on save). */
gboolean             gls_open_document_is_out_of_sync (GlsOpenDocument           *document);

/* Every prose span of the current text, sorted (prose.h invariants),
 * (transfer none); includes non-matchable kinds (HTML comments). n_spans
 * is nullable. */
const GlsProseSpan  *gls_open_document_get_spans      (GlsOpenDocument           *document,
                                                       gsize                     *n_spans);
/* Appends to out (GArray of GlsProseSpan) the spans intersecting [from, to):
 * O(log spans + result), cheaper than get_spans right after an edit. */
void                 gls_open_document_spans_in       (GlsOpenDocument           *document,
                                                       guint32                    from,
                                                       guint32                    to,
                                                       GArray                    *out);
/* The prose span containing offset (start <= offset < end; also offset ==
 * end, so a cursor right after a word counts); FALSE if none. */
gboolean             gls_open_document_span_at        (GlsOpenDocument           *document,
                                                       guint32                    offset,
                                                       GlsProseSpan              *span);

/* The term hit containing offset (start <= offset < end, or offset == end
 * when no hit starts there), matched in the one span around it (clipped to a
 * few KiB around offset when the span is longer): independent of the
 * document size. FALSE if none or closed. */
gboolean             gls_open_document_hit_at         (GlsOpenDocument           *document,
                                                       guint32                    offset,
                                                       GlsHit                    *hit);
/* Every term hit of the current text (GArray of GlsHit, document order),
 * (transfer none), brought up to date first (may match the whole document
 * once per version; incremental after edits). */
const GArray        *gls_open_document_get_hits       (GlsOpenDocument           *document);
/* The findings of the current text after suppression comments and config
 * severities (GArray of GlsFinding, document order), (transfer none); empty
 * for glossary documents. */
const GArray        *gls_open_document_get_findings   (GlsOpenDocument           *document);

/* The byte offset of an LSP position in the current text (clamped), in the
 * negotiated encoding (UTF-16 once closed). */
guint32              gls_open_document_offset_at      (GlsOpenDocument           *document,
                                                       gint64                     line,
                                                       gint64                     character);
/* The LSP range of bytes [start, end) of the current text. */
void                 gls_open_document_range          (GlsOpenDocument           *document,
                                                       guint32                    start,
                                                       guint32                    end,
                                                       GlsLspRange               *range);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsOpenDocument, gls_open_document_unref)

G_END_DECLS
