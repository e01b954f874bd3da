/* store.h — the documents a client has open, by URI.
 *
 * textDocument/didOpen puts a document here, didChange edits it in place
 * (through the GlsDocument returned by get), didClose removes it. URIs are
 * compared byte for byte: LSP clients use the same string for a document
 * throughout, and normalizing URIs here would make two spellings of one file
 * silently share an entry.
 *
 * Ownership: the store holds one reference per document; pointers returned
 * by open/get are borrowed and valid until the document is closed or
 * replaced. Work handed to other threads should take gls_document_snapshot()
 * (or gls_document_store_list(), which returns snapshots).
 *
 * Not thread-safe: it belongs to the thread that handles the protocol.
 * open/get/close are O(1) expected (hash table), list is O(n log n).
 */
#pragma once

#include <glib.h>

#include "text/document.h"

G_BEGIN_DECLS

typedef struct _GlsDocumentStore GlsDocumentStore;

GlsDocumentStore *gls_document_store_new   (void);
void              gls_document_store_free  (GlsDocumentStore *store);

/* Opens uri with a copy of text[0..len) (len < 0: NUL-terminated), replacing
 * a document already open under that URI (a second didOpen is a client bug,
 * but the newest text is the best guess). Returns the borrowed document. */
GlsDocument      *gls_document_store_open  (GlsDocumentStore *store,
                                            const char       *uri,
                                            const char       *language_id,
                                            gint64            version,
                                            const char       *text,
                                            gssize            len);

/* The open document, borrowed, or NULL if uri is not open. */
GlsDocument      *gls_document_store_get   (GlsDocumentStore *store,
                                            const char       *uri);

/* Forgets uri; FALSE if it was not open. Snapshots taken earlier live on. */
gboolean          gls_document_store_close (GlsDocumentStore *store,
                                            const char       *uri);

guint             gls_document_store_size  (GlsDocumentStore *store);

/* Snapshots of every open document, sorted by URI; the array owns them. */
GPtrArray        *gls_document_store_list  (GlsDocumentStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsDocumentStore, gls_document_store_free)

G_END_DECLS
