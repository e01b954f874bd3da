/* references.c — textDocument/references: every use of the term under the
 * cursor in the open documents.
 *
 * The term is the hit at the cursor (as for hover). The result is a
 * Location for every hit of the same term in every open document (sorted
 * by URI, hits in document order; glossary files that are open included),
 * then, when context.includeDeclaration is true, the header line of every
 * entry that defines the term. Null when the cursor is on no term.
 *
 * Long work and cancellation: matching a large document the first time
 * costs O(document). The documents are therefore visited one per main loop
 * iteration (an idle source), and the request's GCancellable is checked
 * before each one: after $/cancelRequest (already answered -32800 by the
 * message layer) or shutdown the walk stops and nothing more is computed.
 * Each step reads a document's current hits within that one iteration
 * (open_document.h: hit arrays are views valid until the next main loop
 * return), so an edit between two steps is simply seen by the later step.
 * The walk holds references on the workspace, the request and the listed
 * documents; a document closed meanwhile is skipped.
 */
#define G_LOG_DOMAIN "gls-references"

#include "server/features/feature_util.h"
#include "server/features/features.h"
#include "server/transport/params.h"

typedef struct
{
  GlsWorkspace  *workspace;
  GlsRpcRequest *request;
  GlsGlossary   *glossary;   /* the glossary the term index belongs to */
  guint32        term;
  gboolean       include_declaration;
  GPtrArray     *documents;  /* GlsOpenDocument references, by URI */
  guint          next;
  GPtrArray     *locations;  /* GVariant references */
} Walk;

static void
walk_free (Walk *walk)
{
  g_ptr_array_unref (walk->locations);
  g_ptr_array_unref (walk->documents);
  gls_glossary_unref (walk->glossary);
  gls_rpc_request_unref (walk->request);
  gls_workspace_unref (walk->workspace);
  g_free (walk);
}

static void
add_document_hits (Walk *walk, GlsOpenDocument *document)
{
  const GArray *hits = gls_open_document_get_hits (document);
  const char *uri = gls_open_document_get_uri (document);

  for (guint i = 0; i < hits->len; i++)
    {
      const GlsHit *hit = &g_array_index (hits, GlsHit, i);
      GlsLspRange range;

      if (hit->term != walk->term)
        continue;
      gls_open_document_range (document, hit->start, hit->end, &range);
      gls_feature_array_add (walk->locations, gls_lsp_location_to_variant (uri, &range));
    }
}

static void
add_declarations (Walk *walk)
{
  const GlsTerm *term = gls_glossary_term (walk->glossary, walk->term);

  for (guint i = 0; i < term->n_refs; i++)
    {
      const GlsName *name = gls_glossary_term_ref (walk->glossary, term, i);
      GVariant *location =
        gls_feature_entry_location (walk->workspace, gls_glossary_entry (walk->glossary, name->entry));
      if (location != NULL)
        gls_feature_array_add (walk->locations, location);
    }
}

static gboolean
walk_step (gpointer data)
{
  Walk *walk = data;

  if (g_cancellable_is_cancelled (gls_rpc_request_get_cancellable (walk->request)) ||
      gls_rpc_request_is_answered (walk->request))
    return G_SOURCE_REMOVE;

  /* A reload in between makes the term index meaningless: the client will
   * ask again if it still wants the answer. */
  if (gls_workspace_get_glossary (walk->workspace) != walk->glossary)
    {
      gls_rpc_request_reply_error (walk->request, GLS_RPC_ERROR_CONTENT_MODIFIED,
                                   "the glossary was reloaded");
      return G_SOURCE_REMOVE;
    }

  if (walk->next < walk->documents->len)
    {
      GlsOpenDocument *document = g_ptr_array_index (walk->documents, walk->next++);
      if (gls_open_document_is_open (document))
        add_document_hits (walk, document);
      return G_SOURCE_CONTINUE;
    }

  if (walk->include_declaration)
    add_declarations (walk);
  gls_rpc_request_reply (walk->request, gls_feature_array (walk->locations));
  return G_SOURCE_REMOVE;
}

static void
references_cb (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  GlsWorkspace *workspace = user_data;
  GVariant *params = gls_rpc_request_get_params (request);
  g_autoptr (GError) error = NULL;
  GlsOpenDocument *document = NULL;
  gboolean include_declaration = FALSE;
  GlsHit hit;

  if (!gls_feature_term_at (workspace, params, &document, &hit, &error) ||
      !gls_params_get_bool (params, "context.includeDeclaration", GLS_PARAM_OPTIONAL,
                            &include_declaration, &error))
    {
      gls_rpc_request_reply_gerror (request, error);
      return;
    }
  if (document == NULL)
    {
      gls_rpc_request_reply (request, NULL);
      return;
    }

  Walk *walk = g_new0 (Walk, 1);
  walk->workspace = gls_workspace_ref (workspace);
  walk->request = gls_rpc_request_ref (request);
  walk->glossary = gls_glossary_ref (gls_workspace_get_glossary (workspace));
  walk->term = hit.term;
  walk->include_declaration = include_declaration;
  walk->documents = gls_workspace_list_documents (workspace);
  walk->locations = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  /* Idle priority: incoming messages ($/cancelRequest, edits) are read
   * between two steps. */
  GSource *source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, walk_step, walk, (GDestroyNotify) walk_free);
  g_source_set_name (source, "gls-references");
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

void
gls_references_register (GlsServer *server, GlsWorkspace *workspace)
{
  gls_rpc_add_request_handler (gls_server_get_rpc (server), "textDocument/references",
                               references_cb, workspace, NULL);
  gls_server_add_capability (server, "referencesProvider", g_variant_new_boolean (TRUE));
}
