/* feature_util.h — what the term features (hover, completion, definition,
 * references, symbols) have in common on top of the workspace.
 *
 *   - the markup kind a client wants for one of its capabilities (hover
 *     contentFormat, completion documentationFormat): the first of its list
 *     that we produce; plain text when the client sends no list, because a
 *     client that does not announce Markdown may show it raw;
 *   - a GlsSourceUriFunc over a workspace, for term_markup.h;
 *   - the term under the cursor of a TextDocumentPositionParams request;
 *   - LSP ranges and Locations of glossary entries (the header line, or the
 *     whole entry from its header to the end of its definition), in the
 *     current glossary's sources.
 *
 * All functions run on the server's main thread (workspace.h) and return
 * new values or floating GVariants in json-glib's JSON mapping; nothing is
 * kept between calls.
 */
#pragma once

#include "server/features/term_markup.h"
#include "server/features/term_query.h"
#include "server/workspace/workspace.h"

G_BEGIN_DECLS

/* LSP 3.17 SymbolKind and CompletionItemKind values used by the features. */
typedef enum
{
  GLS_SYMBOL_KIND_STRING = 15,
  GLS_SYMBOL_KIND_KEY    = 20,
} GlsSymbolKind;

#define GLS_COMPLETION_ITEM_KIND_TEXT 1

/* The markup kind for the client capability at path (an array of
 * MarkupKind strings, e.g. "textDocument.hover.contentFormat"). */
GlsMarkupKind gls_feature_markup_kind     (GlsWorkspace       *workspace,
                                           const char         *path);

/* GlsSourceUriFunc: user_data is the GlsWorkspace. */
const char   *gls_feature_source_uri      (guint               source,
                                           gpointer            workspace);

/* Reads params (textDocument.uri, position). FALSE with a -32602 error for
 * malformed params. TRUE otherwise; then *document (borrowed) is non-NULL
 * only when the document is open and the position is on a term hit, which
 * is stored in *hit. */
gboolean      gls_feature_term_at         (GlsWorkspace       *workspace,
                                           GVariant           *params,
                                           GlsOpenDocument   **document,
                                           GlsHit             *hit,
                                           GError            **error);

/* gls_feature_term_at() for a request that answers null off a term: TRUE
 * when the cursor is on a term (*document and *hit set as there); FALSE
 * once it has replied to request (-32602 for malformed params, null
 * otherwise), and the caller is done. */
gboolean      gls_feature_reply_unless_term (GlsWorkspace     *workspace,
                                             GlsRpcRequest    *request,
                                             GlsOpenDocument **document,
                                             GlsHit           *hit);

/* The range of an entry of the current glossary: its header line, or with
 * whole the entry from the header's start to the end of its definition. */
gboolean      gls_feature_entry_range     (GlsWorkspace       *workspace,
                                           const GlsEntry     *entry,
                                           gboolean            whole,
                                           GlsLspRange        *range);

/* {uri, range} of an entry's header line; NULL when its source has no URI. */
GVariant     *gls_feature_entry_location  (GlsWorkspace       *workspace,
                                           const GlsEntry     *entry);

/* "Title · category" of an entry: its title (else its headword's canonical
 * spelling) and its category when it has one. */
char         *gls_feature_entry_summary   (const GlsGlossary  *glossary,
                                           const GlsEntry     *entry);

/* A JSON array (av, floating) of the values in elements, a GPtrArray of
 * GVariant references (made with g_variant_unref as free func; floating
 * values are sunk when added with gls_feature_array_add). */
void          gls_feature_array_add       (GPtrArray          *elements,
                                           GVariant           *value);
GVariant     *gls_feature_array           (GPtrArray          *elements);

G_END_DECLS
