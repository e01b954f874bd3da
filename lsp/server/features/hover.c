/* hover.c — textDocument/hover: what the glossary says about the term under
 * the cursor.
 *
 * The term is the matcher's hit at the cursor (prose spans only: Markdown
 * prose, code comments and docstrings, glossary-file header items and
 * bodies), so identifiers and string literals never get a hover. The result
 * is {contents: MarkupContent, range} where range covers the whole matched
 * term ("Rotary-Position Embeddings", plural included) in the negotiated
 * encoding, and contents is term_markup.h's text in the first format of the
 * client's hover.contentFormat that we produce, led by the entry the words
 * around the mention choose (glossary/sense.h: "transformers" next to
 * "install" and "Python" is the library, not the architecture). On a
 * spelling the glossary rejects (preferred-term: a deprecated name, a
 * vocabulary list's rejected word) the hover says so and what to write,
 * then shows the preferred term (term_markup.h, gls_rejected_markup); that
 * comes first even when the words are also a term. Null when the cursor is on
 * no term or the document is not open.
 *
 * Cost: O(the prose span around the cursor) for the hit (open_document.h) plus
 * O(shown text); independent of the document size.
 */
#define G_LOG_DOMAIN "gls-hover"

#include "analysis/analyzer.h"
#include "server/features/feature_util.h"
#include "server/features/features.h"

static void
reply (GlsRpcRequest *request, GlsOpenDocument *document, GlsMarkupKind kind, const char *value, guint32 start,
       guint32 end)
{
  GlsLspRange range;
  gls_open_document_range (document, start, end, &range);

  g_auto (GVariantDict) contents = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&contents, "kind", "s", gls_markup_kind_to_string (kind));
  g_variant_dict_insert (&contents, "value", "s", value);
  g_auto (GVariantDict) result = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert_value (&result, "contents", g_variant_dict_end (&contents));
  g_variant_dict_insert_value (&result, "range", gls_lsp_range_to_variant (&range));
  gls_rpc_request_reply (request, g_variant_dict_end (&result));
}

/* A rejected spelling at the cursor: TRUE once replied. */
static gboolean
reply_rejected (GlsWorkspace *workspace, GlsRpcRequest *request)
{
  GlsOpenDocument *document = NULL;
  guint32 offset;
  GlsProseSpan span;
  g_autoptr (GError) error = NULL;

  if (!gls_workspace_resolve_position (workspace, gls_rpc_request_get_params (request), &document, &offset, &error) ||
      document == NULL || gls_open_document_is_glossary (document) || !gls_open_document_span_at (document, offset, &span) ||
      !gls_prose_kind_is_matchable (span.kind))
    return FALSE;
  gsize len, start, end;
  const char *text = gls_open_document_get_text (document, &len);
  gint pref = gls_analyzer_rejected_at (gls_workspace_get_analyzer (workspace), text, span.start,
                                        MIN ((gsize) span.end, len), offset, &start, &end);
  if (pref < 0)
    return FALSE;
  GlsTermMarkupOptions options = {
    .kind = gls_feature_markup_kind (workspace, "textDocument.hover.contentFormat"),
    .source_uri = gls_feature_source_uri,
    .user_data = workspace,
  };
  g_autofree char *value = gls_rejected_markup (gls_workspace_get_glossary (workspace), (guint) pref, text + start,
                                                end - start, &options);
  reply (request, document, options.kind, value, (guint32) start, (guint32) end);
  return TRUE;
}

static void
hover_cb (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  GlsWorkspace *workspace = user_data;
  GlsOpenDocument *document = NULL;
  GlsHit hit;

  if (reply_rejected (workspace, request))
    return;
  if (!gls_feature_reply_unless_term (workspace, request, &document, &hit))
    return;

  /* The entry this mention means, by the words around it (sense.h). */
  GlsGlossary *glossary = gls_workspace_get_glossary (workspace);
  gsize len;
  const char *text = gls_open_document_get_text (document, &len);
  GlsSense sense;
  gboolean chosen = gls_sense_choose (glossary, hit.term, text, len, hit.start, hit.end, &sense);
  GlsTermMarkupOptions options = {
    .kind = gls_feature_markup_kind (workspace, "textDocument.hover.contentFormat"),
    .sense = chosen ? &sense : NULL,
    .source_uri = gls_feature_source_uri,
    .user_data = workspace,
  };
  g_autofree char *value = gls_term_markup (glossary, hit.term, &options);
  reply (request, document, options.kind, value, hit.start, hit.end);
}

void
gls_hover_register (GlsServer *server, GlsWorkspace *workspace)
{
  gls_rpc_add_request_handler (gls_server_get_rpc (server), "textDocument/hover", hover_cb,
                               workspace, NULL);
  gls_server_add_capability (server, "hoverProvider", g_variant_new_boolean (TRUE));
}
