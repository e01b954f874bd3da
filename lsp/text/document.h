/* document.h — an open text document and its LSP edits.
 *
 * A GlsDocument is what the client opened: uri, languageId, version, and the
 * text as UTF-8 bytes (as received; invalid bytes are kept) with its line index
 * (lines.h) kept up to date. Changes arrive as LSP TextDocumentContentChangeEvents:
 * with a range they replace that range, without one they replace everything.
 * Positions are converted with position.h, so out-of-range positions are
 * clamped as LSP says; only a range whose start comes after its end is refused.
 *
 * Ownership and threads. Documents are reference counted (atomically).
 *   - gls_document_ref() shares the same handle: an edit through one reference
 *     is seen through all of them. Never hand such a reference to another
 *     thread while edits continue.
 *   - gls_document_snapshot() makes a new handle in O(1) whose text can never
 *     change under it: this is what a worker thread gets. Edits are
 *     copy-on-write: the text and line index are shared between a document
 *     and its snapshots until one of them is edited, and an edit to shared
 *     content builds the edited copy (one O(document) pass) instead of
 *     mutating it. Once snapshots are gone, edits are in place again.
 *   - Mutators (apply_change, set_version) need exclusive use of their handle;
 *     readers of a handle nobody mutates may run on any thread.
 *
 * Cost of a ranged edit on unshared content: O(log lines + line length) to
 * convert the two positions, one memmove of the bytes after the edit, a scan
 * of the inserted bytes, and a shift of the line starts after the edit.
 *
 * The text is always NUL-terminated (text[len] == '\0'), but may contain NUL,
 * so use the length.
 */
#pragma once

#include <glib.h>

#include "text/lines.h"
#include "text/position.h"

G_BEGIN_DECLS

#define GLS_DOCUMENT_ERROR (gls_document_error_quark ())

typedef enum
{
  GLS_DOCUMENT_ERROR_INVALID_RANGE,
} GlsDocumentError;

GQuark gls_document_error_quark (void);

typedef struct _GlsDocument GlsDocument;

/* A new document (refcount 1) holding a copy of text[0..len); len < 0 means
 * NUL-terminated. */
GlsDocument        *gls_document_new               (const char          *uri,
                                                    const char          *language_id,
                                                    gint64               version,
                                                    const char          *text,
                                                    gssize               len);

GlsDocument        *gls_document_ref               (GlsDocument         *doc);
void                gls_document_unref             (GlsDocument         *doc);

/* A new, independent handle on the current state (see above). */
GlsDocument        *gls_document_snapshot          (GlsDocument         *doc);

const char         *gls_document_get_uri           (const GlsDocument   *doc);
const char         *gls_document_get_language_id   (const GlsDocument   *doc);
gint64              gls_document_get_version       (const GlsDocument   *doc);
void                gls_document_set_version       (GlsDocument         *doc,
                                                    gint64               version);

/* The text, valid until the next edit through this handle or its last unref.
 * len may be NULL. */
const char         *gls_document_get_text          (const GlsDocument   *doc,
                                                    gsize               *len);
gsize               gls_document_get_length        (const GlsDocument   *doc);

/* The line index of the current text, same lifetime as the text. */
const GlsLineIndex *gls_document_get_line_index    (const GlsDocument   *doc);

/* Applies one TextDocumentContentChangeEvent. has_range FALSE: text becomes
 * the whole document and the positions are ignored. Otherwise [start, end)
 * is replaced, positions read in encoding and clamped (negative values are 0).
 * Fails with GLS_DOCUMENT_ERROR_INVALID_RANGE, leaving the document
 * unchanged, if (start_line, start_char) is after (end_line, end_char). The
 * version is not touched: set it once all changes of a notification are in.
 * text[0..len) may even point into the document's own text. */
gboolean            gls_document_apply_change      (GlsDocument         *doc,
                                                    gboolean             has_range,
                                                    gint64               start_line,
                                                    gint64               start_char,
                                                    gint64               end_line,
                                                    gint64               end_char,
                                                    const char          *text,
                                                    gssize               len,
                                                    GlsPositionEncoding  encoding,
                                                    GError             **error);

/* position.h conversions on the current text. */
gsize               gls_document_position_to_offset (const GlsDocument  *doc,
                                                     gint64              line,
                                                     gint64              character,
                                                     GlsPositionEncoding encoding);
void                gls_document_offset_to_position (const GlsDocument  *doc,
                                                     gsize               offset,
                                                     GlsPositionEncoding encoding,
                                                     gint64             *line,
                                                     gint64             *character);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsDocument, gls_document_unref)

G_END_DECLS
