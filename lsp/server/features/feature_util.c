/* feature_util.c — see feature_util.h. */
#include "server/features/feature_util.h"

#include "server/transport/params.h"

GlsMarkupKind
gls_feature_markup_kind (GlsWorkspace *workspace, const char *path)
{
  GlsServer *server = gls_workspace_get_server (workspace);
  g_autoptr (GVariant) formats = NULL;

  if (server == NULL ||
      !gls_params_get_array (gls_server_get_client_capabilities (server), path,
                             GLS_PARAM_OPTIONAL, &formats, NULL) ||
      formats == NULL)
    return GLS_MARKUP_PLAINTEXT;

  for (gsize i = 0; i < g_variant_n_children (formats); i++)
    {
      g_autoptr (GVariant) boxed = g_variant_get_child_value (formats, i);
      g_autoptr (GVariant) value = g_variant_get_variant (boxed);
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        continue;
      const char *kind = g_variant_get_string (value, NULL);
      if (g_str_equal (kind, "markdown"))
        return GLS_MARKUP_MARKDOWN;
      if (g_str_equal (kind, "plaintext"))
        return GLS_MARKUP_PLAINTEXT;
    }
  return GLS_MARKUP_PLAINTEXT;
}

const char *
gls_feature_source_uri (guint source, gpointer workspace)
{
  return gls_workspace_source_uri (workspace, source);
}

gboolean
gls_feature_term_at (GlsWorkspace     *workspace,
                     GVariant         *params,
                     GlsOpenDocument **document,
                     GlsHit           *hit,
                     GError          **error)
{
  GlsOpenDocument *doc = NULL;
  guint32 offset = 0;

  *document = NULL;
  if (!gls_workspace_resolve_position (workspace, params, &doc, &offset, error))
    return FALSE;
  if (doc != NULL && gls_open_document_hit_at (doc, offset, hit))
    *document = doc;
  return TRUE;
}

gboolean
gls_feature_reply_unless_term (GlsWorkspace     *workspace,
                               GlsRpcRequest    *request,
                               GlsOpenDocument **document,
                               GlsHit           *hit)
{
  g_autoptr (GError) error = NULL;

  if (!gls_feature_term_at (workspace, gls_rpc_request_get_params (request), document, hit,
                            &error))
    {
      gls_rpc_request_reply_gerror (request, error);
      return FALSE;
    }
  if (*document == NULL)
    {
      gls_rpc_request_reply (request, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
gls_feature_entry_range (GlsWorkspace   *workspace,
                         const GlsEntry *entry,
                         gboolean        whole,
                         GlsLspRange    *range)
{
  guint32 start = entry->header.start;
  guint32 end = entry->header.start + entry->header.len;

  if (whole && entry->body.len > 0)
    end = MAX (end, entry->body.start + entry->body.len);
  return gls_workspace_source_range (workspace, entry->source, start, end, range);
}

GVariant *
gls_feature_entry_location (GlsWorkspace *workspace, const GlsEntry *entry)
{
  const char *uri = gls_workspace_source_uri (workspace, entry->source);
  GlsLspRange range;

  if (uri == NULL || !gls_feature_entry_range (workspace, entry, FALSE, &range))
    return NULL;
  return gls_lsp_location_to_variant (uri, &range);
}

char *
gls_feature_entry_summary (const GlsGlossary *glossary, const GlsEntry *entry)
{
  GString *out = g_string_new (NULL);
  gsize len;
  const char *text;

  if (entry->title.len > 0)
    {
      text = gls_glossary_slice (glossary, entry, entry->title, &len);
      g_string_append_len (out, text, (gssize) len);
    }
  else
    {
      const GlsName *headword = gls_glossary_name (glossary, entry->first_name);
      if (headword->term < gls_glossary_n_terms (glossary))
        g_string_append (out, gls_glossary_term_canonical (glossary,
                                                           gls_glossary_term (glossary, headword->term)));
      else
        {
          text = gls_glossary_slice (glossary, entry, headword->text, &len);
          g_string_append_len (out, text, (gssize) len);
        }
    }
  if (entry->category.len > 0)
    {
      text = gls_glossary_slice (glossary, entry, entry->category, &len);
      g_string_append (out, " · ");
      g_string_append_len (out, text, (gssize) len);
    }
  return g_string_free (out, FALSE);
}

void
gls_feature_array_add (GPtrArray *elements, GVariant *value)
{
  g_ptr_array_add (elements, g_variant_ref_sink (value));
}

GVariant *
gls_feature_array (GPtrArray *elements)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("av"));
  for (guint i = 0; i < elements->len; i++)
    g_variant_builder_add (&builder, "v", g_ptr_array_index (elements, i));
  return g_variant_builder_end (&builder);
}
