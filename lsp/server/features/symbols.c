/* symbols.c — textDocument/documentSymbol (the entries of a glossary file)
 * and workspace/symbol (glossary terms by name).
 *
 * documentSymbol, for glossary documents (workspace.h) only; other
 * documents get []. The document's current text is read in its format
 * (glossary/format.h: the seed layout through the glossary grammar, or a
 * Markdown page, Sphinx, YAML ...), so unsaved edits show in the outline.
 *   - Clients with textDocument.documentSymbol.hierarchicalDocumentSymbolSupport
 *     get DocumentSymbol[]: one per entry, name = the headword, detail =
 *     "Title · category", kind = Key, range = the whole entry (header line to
 *     the end of its definition), selectionRange = the headword; its
 *     children are the other header items (kind String, range and
 *     selectionRange = the item).
 *   - Others get SymbolInformation[]: each entry (location = the whole
 *     entry) followed by its other header items (location = the item,
 *     containerName = the headword).
 * The last answer per URI is kept with the document version it was made
 * for, because clients ask several times per version (outline, breadcrumbs,
 * sticky scroll); parsing is O(document) at tree-sitter's speed. Answers for
 * documents closed since are dropped at the next request; at most
 * GLS_SYMBOL_CACHE_MAX are kept.
 *
 * workspace/symbol: term_query.h's search (prefix matches, then terms in
 * which the query starts a later word, then typo-tolerant matches; keyword
 * terms included, ranked last) over the normalized query, and for each
 * term every entry that defines it: SymbolInformation {name: the term's
 * display spelling, kind: Key, location: the entry's header line,
 * containerName: "Title · category"}. At most GLS_WORKSPACE_SYMBOL_MAX
 * results; an empty query lists the first terms in rank order.
 * Editors send workspace/symbol for their code symbol search (VS Code's
 * Ctrl+T), where terms matched by a prefix or a typo ("main" -> "total
 * productive maintenance") are noise: unless the configuration's
 * workspaceSymbols is TRUE or the request carries
 * "glossaryLs": {"allTerms": true} (the VS Code extension's Look Up Term),
 * the answer is [] when the query does not name a glossary term (its
 * normalized key is no term's key).
 */
#define G_LOG_DOMAIN "gls-symbols"

#include <string.h>

#include "analysis/config.h"
#include "glossary/format.h"
#include "glossary/normalize.h"
#include "server/features/feature_util.h"
#include "server/features/term_index_cache.h"
#include "server/features/features.h"
#include "server/transport/params.h"
#include "server/features/term_query.h"

#define GLS_WORKSPACE_SYMBOL_MAX 100
#define GLS_SYMBOL_CACHE_MAX     16

typedef struct
{
  GlsOpenDocument *document;  /* a reference: a reopened URI is a new object */
  gint64           version;
  gboolean         hierarchical;
  GVariant        *result;
} CacheEntry;

static void
cache_entry_free (CacheEntry *entry)
{
  gls_open_document_unref (entry->document);
  g_variant_unref (entry->result);
  g_free (entry);
}

typedef struct
{
  GlsWorkspace      *workspace;
  GHashTable        *cache;  /* URI -> CacheEntry */
  GlsTermIndexCache *index;
} Symbols;

static void
symbols_free (gpointer data)
{
  Symbols *symbols = data;

  g_hash_table_unref (symbols->cache);
  gls_term_index_cache_unref (symbols->index);
  g_free (symbols);
}

/* ---------------------------------------------------------- documentSymbol */

typedef struct
{
  GlsOpenDocument *document;
  const char      *text;      /* the document's text, then any derived text (glossary/format.h) */
  gsize            len;       /* of the document's text */
  GArray          *entries;   /* GlsEntry, slices relative to text */
  GArray          *names;     /* GlsName */
} Parsed;

static char *
slice_dup (const Parsed *p, GlsSlice s)
{
  return g_strndup (p->text + s.start, s.len);
}

/* An entry runs from its header to the end of its definition; a definition
 * read into derived text (an indented reST block, a YAML block scalar) ends
 * where the next entry starts (next), trailing blanks left out. */
static void
entry_range (const Parsed *p, const GlsEntry *entry, gsize next, GlsLspRange *range)
{
  guint32 end = entry->header.start + entry->header.len;

  if (entry->body.len > 0 && (gsize) entry->body.start + entry->body.len <= p->len)
    end = MAX (end, entry->body.start + entry->body.len);
  else if (entry->body.len > 0)
    {
      while (next > end && g_ascii_isspace (p->text[next - 1]))
        next--;
      end = (guint32) MAX ((gsize) end, next);
    }
  gls_open_document_range (p->document, entry->header.start, end, range);
}

/* A slice of derived text is nowhere in the document: its range is empty,
 * at the entry's header (header). */
static void
slice_range (const Parsed *p, GlsSlice s, GlsSlice header, GlsLspRange *range)
{
  if ((gsize) s.start + s.len > p->len)
    s = (GlsSlice) { header.start, 0 };
  gls_open_document_range (p->document, s.start, s.start + s.len, range);
}

static char *
entry_detail (const Parsed *p, const GlsEntry *entry)
{
  g_autofree char *title = entry->title.len > 0 ? slice_dup (p, entry->title) : NULL;
  g_autofree char *category = entry->category.len > 0 ? slice_dup (p, entry->category) : NULL;

  if (title != NULL && category != NULL)
    return g_strdup_printf ("%s · %s", title, category);
  return g_strdup (title != NULL ? title : category);
}

static GVariant *
document_symbol (const char *name, const char *detail, GlsSymbolKind kind,
                 const GlsLspRange *range, const GlsLspRange *selection, GVariant *children)
{
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&d, "name", "s", name);
  if (detail != NULL)
    g_variant_dict_insert (&d, "detail", "s", detail);
  g_variant_dict_insert (&d, "kind", "x", (gint64) kind);
  g_variant_dict_insert_value (&d, "range", gls_lsp_range_to_variant (range));
  g_variant_dict_insert_value (&d, "selectionRange", gls_lsp_range_to_variant (selection));
  if (children != NULL)
    g_variant_dict_insert_value (&d, "children", children);
  return g_variant_dict_end (&d);
}

static GVariant *
symbol_information (const char *name, GlsSymbolKind kind, const char *uri,
                    const GlsLspRange *range, const char *container)
{
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&d, "name", "s", name);
  g_variant_dict_insert (&d, "kind", "x", (gint64) kind);
  g_variant_dict_insert_value (&d, "location", gls_lsp_location_to_variant (uri, range));
  if (container != NULL)
    g_variant_dict_insert (&d, "containerName", "s", container);
  return g_variant_dict_end (&d);
}

static void
add_entry_symbols (const Parsed *p, const GlsEntry *entry, gsize next, gboolean hierarchical, GPtrArray *out)
{
  const GlsName *headword = &g_array_index (p->names, GlsName, entry->first_name);
  g_autofree char *name = slice_dup (p, headword->text);
  g_autofree char *detail = entry_detail (p, entry);
  const char *uri = gls_open_document_get_uri (p->document);
  GlsLspRange whole, head;

  entry_range (p, entry, next, &whole);
  slice_range (p, headword->text, entry->header, &head);
  if (!hierarchical)
    gls_feature_array_add (out, symbol_information (name, GLS_SYMBOL_KIND_KEY, uri, &whole, NULL));

  g_autoptr (GPtrArray) children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  for (guint i = 1; i < entry->n_items; i++)
    {
      const GlsName *item = &g_array_index (p->names, GlsName, entry->first_name + i);
      g_autofree char *item_name = slice_dup (p, item->text);
      GlsLspRange range;

      slice_range (p, item->text, entry->header, &range);
      if (hierarchical)
        gls_feature_array_add (children, document_symbol (item_name, NULL, GLS_SYMBOL_KIND_STRING,
                                                          &range, &range, NULL));
      else
        gls_feature_array_add (out, symbol_information (item_name, GLS_SYMBOL_KIND_STRING, uri,
                                                        &range, name));
    }
  if (hierarchical)
    gls_feature_array_add (out, document_symbol (name, detail, GLS_SYMBOL_KIND_KEY, &whole, &head,
                                                 children->len > 0 ? gls_feature_array (children)
                                                                   : NULL));
}

static GVariant *
document_symbols (GlsWorkspace *workspace, GlsOpenDocument *document, gboolean hierarchical)
{
  gsize len = 0;
  const char *text = gls_open_document_get_text (document, &len);
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (GlsEntry));
  g_autoptr (GArray) names = g_array_new (FALSE, FALSE, sizeof (GlsName));
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  const char *uri = gls_open_document_get_uri (document);
  g_autoptr (GBytes) model = NULL;
  gls_format_parse_text (gls_workspace_glossary_format (workspace, uri, text, len), uri, text, len, entries, names,
                         issues, &model);
  Parsed p = { document, g_bytes_get_data (model, NULL), len, entries, names };
  for (guint i = 0; i < entries->len; i++)
    {
      gsize next = i + 1 < entries->len ? g_array_index (entries, GlsEntry, i + 1).header.start : len;
      add_entry_symbols (&p, &g_array_index (entries, GlsEntry, i), next, hierarchical, out);
    }
  return g_variant_ref_sink (gls_feature_array (out));
}

static void
document_symbol_cb (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  Symbols *symbols = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;

  if (!gls_params_get_string (gls_rpc_request_get_params (request), "textDocument.uri",
                              GLS_PARAM_REQUIRED, &uri, &error))
    {
      gls_rpc_request_reply_gerror (request, error);
      return;
    }
  GlsOpenDocument *document = gls_workspace_get_document (symbols->workspace, uri);
  if (document == NULL || !gls_open_document_is_glossary (document))
    {
      g_autoptr (GPtrArray) none = g_ptr_array_new ();
      gls_rpc_request_reply (request, gls_feature_array (none));
      return;
    }

  GlsServer *server = gls_workspace_get_server (symbols->workspace);
  gboolean hierarchical =
    server != NULL &&
    gls_server_client_supports (server,
                                "textDocument.documentSymbol.hierarchicalDocumentSymbolSupport");
  gint64 version = gls_open_document_get_version (document);
  /* Answers for closed documents would only keep their text alive. */
  GHashTableIter iter;
  CacheEntry *entry;
  g_hash_table_iter_init (&iter, symbols->cache);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (!gls_open_document_is_open (entry->document))
      g_hash_table_iter_remove (&iter);
  CacheEntry *cached = g_hash_table_lookup (symbols->cache, uri);
  if (cached == NULL || cached->document != document || cached->version != version ||
      cached->hierarchical != hierarchical)
    {
      if (cached == NULL && g_hash_table_size (symbols->cache) >= GLS_SYMBOL_CACHE_MAX)
        g_hash_table_remove_all (symbols->cache);
      cached = g_new0 (CacheEntry, 1);
      cached->document = gls_open_document_ref (document);
      cached->version = version;
      cached->hierarchical = hierarchical;
      cached->result = document_symbols (symbols->workspace, document, hierarchical);
      g_hash_table_replace (symbols->cache, g_strdup (uri), cached);
    }
  gls_rpc_request_reply (request, cached->result);
}

/* ----------------------------------------------------------- workspace/symbol */

/* The client opted in: the configuration, or this request. */
static gboolean
all_terms_wanted (GlsWorkspace *workspace, GlsRpcRequest *request)
{
  gboolean all = FALSE;

  if (gls_rule_config_workspace_symbols (gls_workspace_get_config (workspace)))
    return TRUE;
  return gls_params_get_bool (gls_rpc_request_get_params (request), "glossaryLs.allTerms",
                              GLS_PARAM_OPTIONAL, &all, NULL) && all;
}

/* TRUE if one of the candidates is the term whose key is key. */
static gboolean
names_a_term (GlsGlossary *glossary, GArray *candidates, const char *key)
{
  if (key[0] == '\0')
    return FALSE;
  for (guint c = 0; c < candidates->len; c++)
    {
      const GlsTerm *term = gls_glossary_term (glossary, g_array_index (candidates,
                                                                         GlsTermCandidate, c).term);
      if (g_str_equal (gls_glossary_term_key (glossary, term), key))
        return TRUE;
    }
  return FALSE;
}

static void
workspace_symbol_cb (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  Symbols *symbols = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *query = NULL;

  if (!gls_params_get_string (gls_rpc_request_get_params (request), "query", GLS_PARAM_REQUIRED,
                              &query, &error))
    {
      gls_rpc_request_reply_gerror (request, error);
      return;
    }

  GlsTermIndex *index = gls_term_index_cache_get (symbols->index);
  GlsGlossary *glossary = gls_term_index_get_glossary (index);
  g_autofree char *key = gls_normalize_key (query, -1);
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (GlsTermCandidate));
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  gls_term_query_search (index, key, strlen (key), GLS_TERM_QUERY_DEFAULT,
                         GLS_WORKSPACE_SYMBOL_MAX, candidates);
  if (!all_terms_wanted (symbols->workspace, request) &&
      !names_a_term (glossary, candidates, key))
    g_array_set_size (candidates, 0);
  for (guint c = 0; c < candidates->len && out->len < GLS_WORKSPACE_SYMBOL_MAX; c++)
    {
      const GlsTerm *term = gls_glossary_term (glossary, g_array_index (candidates,
                                                                         GlsTermCandidate, c).term);
      const char *name = gls_glossary_term_canonical (glossary, term);

      for (guint i = 0; i < term->n_refs && out->len < GLS_WORKSPACE_SYMBOL_MAX; i++)
        {
          const GlsEntry *entry = gls_glossary_entry (glossary,
                                                      gls_glossary_term_ref (glossary, term, i)->entry);
          const char *uri = gls_workspace_source_uri (symbols->workspace, entry->source);
          g_autofree char *container = gls_feature_entry_summary (glossary, entry);
          GlsLspRange range;

          if (uri == NULL || !gls_feature_entry_range (symbols->workspace, entry, FALSE, &range))
            continue;
          gls_feature_array_add (out, symbol_information (name, GLS_SYMBOL_KIND_KEY, uri, &range,
                                                          container));
        }
    }
  gls_rpc_request_reply (request, gls_feature_array (out));
}

void
gls_symbols_register (GlsServer *server, GlsWorkspace *workspace)
{
  GlsRpc *rpc = gls_server_get_rpc (server);
  Symbols *symbols = g_new0 (Symbols, 1);

  symbols->workspace = workspace;
  symbols->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) cache_entry_free);
  symbols->index = gls_term_index_cache_new (workspace);
  /* Both handlers share the state; the first one registered frees it. */
  gls_rpc_add_request_handler (rpc, "textDocument/documentSymbol", document_symbol_cb, symbols,
                               symbols_free);
  gls_rpc_add_request_handler (rpc, "workspace/symbol", workspace_symbol_cb, symbols, NULL);
  gls_server_add_capability (server, "documentSymbolProvider", g_variant_new_boolean (TRUE));
  gls_server_add_capability (server, "workspaceSymbolProvider", g_variant_new_boolean (TRUE));
}
