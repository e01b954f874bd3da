/* definition.c — textDocument/definition: the glossary entries that define
 * the term under the cursor, one per meaning.
 *
 * The result lists the entries of the term in the glossary's rank order
 * (glossary.h: role of the name, user glossaries before the default one,
 * source order), led by the entry the words around the mention choose when
 * they choose another (glossary/sense.h), so a client that jumps to the
 * first location opens the entry hover shows:
 *   - Location[]: {uri of the glossary file, range of the entry's header
 *     line};
 *   - LocationLink[] when the client announced
 *     textDocument.definition.linkSupport: originSelectionRange is the term
 *     in the document, targetRange the whole entry (header and definition,
 *     so a peek view shows the definition), targetSelectionRange the header
 *     line.
 * Entries that say the same thing as one listed before them (the same
 * title or definition start: gls_glossary_entries_alike) are left out, so
 * the best entry is never one of several equals that a client re-sorts
 * (Neovim orders a list by line); hover lists their locations. Only the
 * first DEFINITION_SCAN entries are compared, bounding the work on a term
 * with thousands of entries; later ones are all returned.
 * Works inside glossary files too (their header items and bodies are prose
 * spans), where the entry under the cursor is among the targets. Null when
 * the cursor is on no term. Entries whose file has no URI (the cache copy
 * of an embedded seed could not be written) are left out.
 */
#define G_LOG_DOMAIN "gls-definition"

#include "server/features/feature_util.h"
#include "server/features/features.h"

#define DEFINITION_SCAN 64

static GVariant *
location_link (GlsWorkspace    *workspace,
               const GlsEntry  *entry,
               const GlsLspRange *origin)
{
  const char *uri = gls_workspace_source_uri (workspace, entry->source);
  GlsLspRange whole, header;
  g_auto (GVariantDict) link = G_VARIANT_DICT_INIT (NULL);

  if (uri == NULL || !gls_feature_entry_range (workspace, entry, TRUE, &whole) ||
      !gls_feature_entry_range (workspace, entry, FALSE, &header))
    return NULL;
  g_variant_dict_insert_value (&link, "originSelectionRange", gls_lsp_range_to_variant (origin));
  g_variant_dict_insert (&link, "targetUri", "s", uri);
  g_variant_dict_insert_value (&link, "targetRange", gls_lsp_range_to_variant (&whole));
  g_variant_dict_insert_value (&link, "targetSelectionRange", gls_lsp_range_to_variant (&header));
  return g_variant_dict_end (&link);
}

static void
definition_cb (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  GlsWorkspace *workspace = user_data;
  GlsOpenDocument *document = NULL;
  GlsHit hit;

  if (!gls_feature_reply_unless_term (workspace, request, &document, &hit))
    return;

  GlsServer *server = gls_workspace_get_server (workspace);
  gboolean links = server != NULL &&
                   gls_server_client_supports (server, "textDocument.definition.linkSupport");
  GlsGlossary *glossary = gls_workspace_get_glossary (workspace);
  const GlsTerm *term = gls_glossary_term (glossary, hit.term);
  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  GlsLspRange origin;

  g_autoptr (GPtrArray) listed = g_ptr_array_new ();  /* const GlsEntry*, compared ones */

  gls_open_document_range (document, hit.start, hit.end, &origin);
  /* The entry the words around the mention choose comes first (sense.h),
   * then the term's entries in rank order, without it. */
  gsize len;
  const char *text = gls_open_document_get_text (document, &len);
  GlsSense sense;
  gboolean chosen = gls_sense_choose (glossary, hit.term, text, len, hit.start, hit.end, &sense) &&
                    sense.changed;
  for (guint i = chosen ? 0 : 1; i <= term->n_refs; i++)
    {
      const GlsEntry *entry = gls_glossary_entry (
        glossary, i == 0 ? sense.entry : gls_glossary_term_ref (glossary, term, i - 1)->entry);
      if (i > 0 && chosen && entry == gls_glossary_entry (glossary, sense.entry))
        continue;
      gboolean alike = FALSE;
      if (i < DEFINITION_SCAN)
        {
          for (guint k = 0; k < listed->len && !alike; k++)
            alike = gls_glossary_entries_alike (glossary, g_ptr_array_index (listed, k), entry);
          if (alike)
            continue;
          g_ptr_array_add (listed, (gpointer) entry);
        }
      GVariant *target = links ? location_link (workspace, entry, &origin)
                               : gls_feature_entry_location (workspace, entry);
      if (target != NULL)
        gls_feature_array_add (targets, target);
    }
  gls_rpc_request_reply (request, targets->len > 0 ? gls_feature_array (targets) : NULL);
}

void
gls_definition_register (GlsServer *server, GlsWorkspace *workspace)
{
  gls_rpc_add_request_handler (gls_server_get_rpc (server), "textDocument/definition",
                               definition_cb, workspace, NULL);
  gls_server_add_capability (server, "definitionProvider", g_variant_new_boolean (TRUE));
}
