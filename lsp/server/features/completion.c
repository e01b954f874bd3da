/* completion.c — textDocument/completion and completionItem/resolve: glossary
 * terms while writing prose.
 *
 * Where: only inside a matchable prose span (Markdown prose, comments,
 * docstrings, glossary-file text), or in the blanks right after one on the
 * same line ("rotary |"). Code, string literals, link destinations, math,
 * HTML comments get an empty list.
 *
 * What is being completed: the longest window before the cursor
 * (completion_prefix.h: up to GLS_COMPLETION_WORDS words of the span, on the
 * cursor's line) whose normalized text is the prefix of some term key, so
 * "rotary po|" completes "rotary position embedding" and the edit replaces
 * the whole "rotary po" (a TextEdit, single-line as LSP requires). A window
 * ending in a separator ("rotary |") asks for keys continuing with a new word.
 * When no window is a prefix, typo tolerance: the windows of up to three
 * words that end in a word character are tried, longest first, with
 * gls_trie_fuzzy at 1 edit (3-5 characters) or 2 (6 or more).
 *
 * Items (at most GLS_COMPLETION_MAX_ITEMS, ranked as term_query.h says:
 * headwords, then titles, then aliases, shorter keys first, then
 * alphabetical; keyword-only terms are never offered):
 *   label / newText  the term's display spelling (the TextEdit's range is
 *                    the window; it goes once into itemDefaults.editRange
 *                    when the client supports that default, LSP 3.17). Terms with irregular
 *                    capitals keep their canonical spelling whatever was
 *                    typed (LoRA, PyTorch); other terms follow the user's
 *                    style: the canonical (lowercase) spelling, with the
 *                    first letter capitalised when the user started the
 *                    window with a capital ("Rot" -> "Rotary position
 *                    embedding"), so completing at the start of a sentence
 *                    keeps the sentence's capital;
 *   sortText         the rank, zero-padded (clients sort by it);
 *   filterText       only when the typed text, ignoring case, is not a
 *                    prefix of the label (separators typed differently,
 *                    plurals, typos): then the typed text itself, so that
 *                    the client's own filter keeps the item;
 *   detail           "Title · category" of the term's best entry;
 *   kind             Text;
 *   data             {term, generation}: resolve fills documentation (the
 *                    hover text, term_markup.h, in the client's
 *                    completionItem.documentationFormat) lazily; when the
 *                    glossary was reloaded in between (generation differs)
 *                    the term is looked up again by its label.
 * isIncomplete is TRUE when the list was capped, when the ranking covered
 * only part of a huge key range, when an item needed a filterText, and for
 * fuzzy results, so the client asks again as the user types instead of
 * filtering a list that is not the real answer for the longer text.
 *
 * No trigger characters: clients complete on word characters by themselves.
 * Cost: O(window) to find the window, then term_query.h's bounded scans;
 * the answers for prefixes of one or two bytes (the costly walks: every
 * word typed starts with one) are kept per glossary generation.
 */
#define G_LOG_DOMAIN "gls-completion"

#include <string.h>

#include "glossary/normalize.h"
#include "server/features/completion_prefix.h"
#include "server/features/feature_util.h"
#include "server/features/term_index_cache.h"
#include "server/features/features.h"
#include "server/transport/params.h"
#include "server/features/term_query.h"

#define GLS_COMPLETION_WORDS       5
#define GLS_COMPLETION_FUZZY_WORDS 3
#define GLS_COMPLETION_MAX_ITEMS   50

/* The span holding the cursor, or the one that ends right before the blanks
 * the cursor follows on the same line. */
static gboolean
prose_span_for_cursor (GlsOpenDocument *document,
                       const char      *text,
                       guint32          offset,
                       GlsProseSpan    *span)
{
  guint32 before = offset;

  if (gls_open_document_span_at (document, offset, span))
    return gls_prose_kind_is_matchable (span->kind);
  /* Bounded: blanks far from any word are not a phrase being typed. */
  while (before > 0 && offset - before < GLS_COMPLETION_MAX_WINDOW &&
         (text[before - 1] == ' ' || text[before - 1] == '\t'))
    before--;
  if (before == offset || !gls_open_document_span_at (document, before, span) ||
      span->end != before)
    return FALSE;
  return gls_prose_kind_is_matchable (span->kind);
}

/* The normalized query for text[start..cursor): a window that ends in
 * separators asks for a following word. NULL when nothing is left. */
static char *
window_query (const char *text, guint32 start, guint32 cursor, gsize *len)
{
  GString *norm = g_string_new (NULL);
  char last = text[cursor - 1];

  gls_normalize (text + start, cursor - start, norm, NULL);
  if (norm->len > 0 && (last == ' ' || last == '\t' || last == '-' || last == '_'))
    g_string_append_c (norm, ' ');
  if (norm->len == 0)
    {
      g_string_free (norm, TRUE);
      return NULL;
    }
  *len = norm->len;
  return g_string_free (norm, FALSE);
}

/* The first character of the window: does the user write a capital? */
static gboolean
starts_with_capital (const char *text, guint32 start, guint32 cursor)
{
  for (const char *p = text + start; p < text + cursor; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, text + cursor - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      if (gls_is_word_char (c))
        return g_unichar_isupper (c) || g_unichar_istitle (c);
    }
  return FALSE;
}

static char *
display_spelling (const GlsGlossary *glossary, const GlsTerm *term, gboolean capital)
{
  const char *canonical = gls_glossary_term_canonical (glossary, term);

  if ((term->flags & GLS_TERM_IRREGULAR_CASE) || !capital || canonical[0] == '\0')
    return g_strdup (canonical);
  gunichar first = g_utf8_get_char (canonical);
  const char *rest = g_utf8_next_char (canonical);
  char buf[8] = { 0 };
  g_unichar_to_utf8 (g_unichar_totitle (first), buf);
  return g_strconcat (buf, rest, NULL);
}

/* TRUE if typed, ignoring case, is a prefix of label. */
static gboolean
typed_is_prefix (const char *typed, gsize typed_len, const char *label)
{
  g_autofree char *a = g_utf8_casefold (typed, (gssize) typed_len);
  g_autofree char *b = g_utf8_casefold (label, -1);
  return g_str_has_prefix (b, a);
}

typedef struct
{
  const GlsGlossary *glossary;
  const char        *typed;      /* the window's text, as written */
  gsize              typed_len;
  gboolean           capital;
  GVariant          *range;      /* the edit range, a{sv} */
  gboolean           default_range;  /* in itemDefaults, not in each item */
  guint              generation;
  gboolean           incomplete;
} ItemContext;

static GVariant *
completion_item (ItemContext *ctx, const GlsTermCandidate *candidate, guint rank)
{
  const GlsTerm *term = gls_glossary_term (ctx->glossary, candidate->term);
  g_autofree char *label = display_spelling (ctx->glossary, term, ctx->capital);
  char sort[16];
  GVariantBuilder item;
  GVariantBuilder data;

  /* A builder, not a GVariantDict: no hash table per item (a list has up
   * to 50 items and the reply is built on every keystroke). */
  g_snprintf (sort, sizeof sort, "%04u", rank);
  g_variant_builder_init (&item, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&item, "{sv}", "label", g_variant_new_string (label));
  g_variant_builder_add (&item, "{sv}", "kind", g_variant_new_int64 (GLS_COMPLETION_ITEM_KIND_TEXT));
  if (term->n_refs > 0)
    {
      const GlsName *best = gls_glossary_term_ref (ctx->glossary, term, 0);
      g_autofree char *detail =
        gls_feature_entry_summary (ctx->glossary, gls_glossary_entry (ctx->glossary, best->entry));
      g_variant_builder_add (&item, "{sv}", "detail", g_variant_new_string (detail));
    }
  g_variant_builder_add (&item, "{sv}", "sortText", g_variant_new_string (sort));
  if (!typed_is_prefix (ctx->typed, ctx->typed_len, label))
    {
      g_autofree char *filter = g_strndup (ctx->typed, ctx->typed_len);
      g_variant_builder_add (&item, "{sv}", "filterText", g_variant_new_string (filter));
      ctx->incomplete = TRUE;
    }
  /* With the range in itemDefaults, the label is what gets inserted. */
  if (!ctx->default_range)
    {
      GVariantBuilder edit;
      g_variant_builder_init (&edit, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&edit, "{sv}", "range", ctx->range);
      g_variant_builder_add (&edit, "{sv}", "newText", g_variant_new_string (label));
      g_variant_builder_add (&item, "{sv}", "textEdit", g_variant_builder_end (&edit));
    }
  g_variant_builder_init (&data, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&data, "{sv}", "term", g_variant_new_int64 (candidate->term));
  g_variant_builder_add (&data, "{sv}", "generation", g_variant_new_int64 (ctx->generation));
  g_variant_builder_add (&item, "{sv}", "data", g_variant_builder_end (&data));
  return g_variant_builder_end (&item);
}

/* default_range: the edit range shared by every item, or NULL. */
static GVariant *
completion_list (gboolean incomplete, GPtrArray *items, GVariant *default_range)
{
  g_auto (GVariantDict) list = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&list, "isIncomplete", "b", incomplete);
  if (default_range != NULL)
    {
      g_auto (GVariantDict) defaults = G_VARIANT_DICT_INIT (NULL);
      g_variant_dict_insert_value (&defaults, "editRange", default_range);
      g_variant_dict_insert_value (&list, "itemDefaults", g_variant_dict_end (&defaults));
    }
  g_variant_dict_insert_value (&list, "items", gls_feature_array (items));
  return g_variant_dict_end (&list);
}

/* TRUE if the client takes the edit range from CompletionList.itemDefaults
 * (LSP 3.17; VS Code does): one range per list instead of one per item. */
static gboolean
client_takes_default_range (GlsWorkspace *workspace)
{
  GlsServer *server = gls_workspace_get_server (workspace);
  g_autoptr (GVariant) defaults = NULL;

  if (server == NULL ||
      !gls_params_get_array (gls_server_get_client_capabilities (server),
                             "textDocument.completion.completionList.itemDefaults",
                             GLS_PARAM_OPTIONAL, &defaults, NULL) ||
      defaults == NULL)
    return FALSE;
  for (gsize i = 0; i < g_variant_n_children (defaults); i++)
    {
      g_autoptr (GVariant) boxed = g_variant_get_child_value (defaults, i);
      g_autoptr (GVariant) value = g_variant_get_variant (boxed);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
          g_str_equal (g_variant_get_string (value, NULL), "editRange"))
        return TRUE;
    }
  return FALSE;
}

/* Prefix queries of one or two bytes walk thousands of keys in a large
 * glossary (~1 ms for 20000), and every word typed starts with one: their
 * answers are kept, per glossary generation, since they cannot change. */
#define GLS_COMPLETION_MEMO_QUERY 2
#define GLS_COMPLETION_MEMO_MAX   4096

typedef struct
{
  GArray   *candidates;   /* GlsTermCandidate */
  gboolean  incomplete;
} Memo;

static void
memo_free (Memo *memo)
{
  g_array_unref (memo->candidates);
  g_free (memo);
}

typedef struct
{
  GlsWorkspace      *workspace;
  GlsTermIndexCache *index;
  GHashTable        *memo;             /* query -> Memo */
  guint              memo_generation;
} Completion;

static gboolean
query_prefix (Completion         *completion,
              const GlsTermIndex *index,
              const char         *query,
              gsize               len,
              GArray             *candidates)
{
  guint generation = gls_workspace_get_generation (completion->workspace);
  Memo *memo;

  if (len > GLS_COMPLETION_MEMO_QUERY)
    return gls_term_query_prefix (index, query, len, GLS_TERM_QUERY_SKIP_KEYWORDS,
                                  GLS_COMPLETION_MAX_ITEMS, candidates);
  if (completion->memo_generation != generation ||
      g_hash_table_size (completion->memo) >= GLS_COMPLETION_MEMO_MAX)
    {
      g_hash_table_remove_all (completion->memo);
      completion->memo_generation = generation;
    }
  memo = g_hash_table_lookup (completion->memo, query);
  if (memo == NULL)
    {
      memo = g_new0 (Memo, 1);
      memo->candidates = g_array_new (FALSE, FALSE, sizeof (GlsTermCandidate));
      memo->incomplete = gls_term_query_prefix (index, query, len, GLS_TERM_QUERY_SKIP_KEYWORDS,
                                                GLS_COMPLETION_MAX_ITEMS, memo->candidates);
      g_hash_table_insert (completion->memo, g_strndup (query, len), memo);
    }
  g_array_append_vals (candidates, memo->candidates->data, memo->candidates->len);
  return memo->incomplete;
}

/* Fills candidates for the best window; returns its start or -1. */
static gint64
find_candidates (Completion         *completion,
                 const GlsTermIndex *index,
                 const char        *text,
                 const guint32     *starts,
                 gsize              n_windows,
                 guint32            cursor,
                 GArray            *candidates,
                 gboolean          *incomplete)
{
  for (gsize i = 0; i < n_windows; i++)
    {
      gsize len = 0;
      g_autofree char *query = window_query (text, starts[i], cursor, &len);
      if (query != NULL &&
          gls_term_query_has_prefix (index, query, len, GLS_TERM_QUERY_SKIP_KEYWORDS))
        {
          *incomplete = query_prefix (completion, index, query, len, candidates);
          return starts[i];
        }
    }

  /* Typo tolerance, on what is being typed only (not after a blank). */
  if (!gls_completion_after_word (text, cursor, cursor))
    return -1;
  gsize first = n_windows > GLS_COMPLETION_FUZZY_WORDS ? n_windows - GLS_COMPLETION_FUZZY_WORDS : 0;
  for (gsize i = first; i < n_windows; i++)
    {
      gsize len = 0;
      g_autofree char *query = window_query (text, starts[i], cursor, &len);
      guint edits = query != NULL ? gls_term_query_fuzzy_edits (g_utf8_strlen (query, (gssize) len))
                                  : 0;
      if (edits == 0)
        continue;
      gls_term_query_fuzzy (index, query, len, edits, GLS_TERM_QUERY_SKIP_KEYWORDS,
                            GLS_COMPLETION_MAX_ITEMS, candidates);
      if (candidates->len > 0)
        {
          /* Fuzzy answers do not narrow as the user types: ask again. */
          *incomplete = TRUE;
          return starts[i];
        }
    }
  return -1;
}

static void
completion_free (gpointer data)
{
  Completion *completion = data;

  gls_term_index_cache_unref (completion->index);
  g_hash_table_unref (completion->memo);
  g_free (completion);
}

static void
completion_cb (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  Completion *completion = user_data;
  GlsWorkspace *workspace = completion->workspace;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  GlsOpenDocument *document = NULL;
  guint32 cursor = 0;
  GlsProseSpan span;

  if (!gls_workspace_resolve_position (workspace, gls_rpc_request_get_params (request),
                                       &document, &cursor, &error))
    {
      gls_rpc_request_reply_gerror (request, error);
      return;
    }

  gsize len = 0;
  const char *text = document != NULL ? gls_open_document_get_text (document, &len) : NULL;
  if (text == NULL || !prose_span_for_cursor (document, text, cursor, &span))
    {
      gls_rpc_request_reply (request, completion_list (FALSE, items, NULL));
      return;
    }

  guint32 starts[GLS_COMPLETION_WORDS];
  gsize n_windows = gls_completion_windows (text, len, span.start, cursor, GLS_COMPLETION_WORDS,
                                            starts);
  GlsTermIndex *index = gls_term_index_cache_get (completion->index);
  GlsGlossary *glossary = gls_term_index_get_glossary (index);
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (GlsTermCandidate));
  gboolean incomplete = FALSE;
  gint64 start = find_candidates (completion, index, text, starts, n_windows, cursor, candidates,
                                  &incomplete);
  if (start < 0)
    {
      gls_rpc_request_reply (request, completion_list (FALSE, items, NULL));
      return;
    }

  GlsLspRange range;
  gls_open_document_range (document, (guint32) start, cursor, &range);
  g_autoptr (GVariant) range_variant = g_variant_ref_sink (gls_lsp_range_to_variant (&range));
  ItemContext ctx = {
    .glossary = glossary,
    .typed = text + start,
    .typed_len = cursor - (guint32) start,
    .capital = starts_with_capital (text, (guint32) start, cursor),
    .range = range_variant,
    .default_range = client_takes_default_range (workspace),
    .generation = gls_workspace_get_generation (workspace),
    .incomplete = incomplete,
  };
  for (guint i = 0; i < candidates->len; i++)
    gls_feature_array_add (items, completion_item (&ctx, &g_array_index (candidates,
                                                                         GlsTermCandidate, i), i));
  gls_rpc_request_reply (request, completion_list (ctx.incomplete, items,
                                                   ctx.default_range ? range_variant : NULL));
}

/* The term an item names: by index when the glossary is the one that made
 * the item, else by its label. -1 if it is gone. */
static gint64
item_term (GlsWorkspace *workspace, GVariant *item)
{
  GlsGlossary *glossary = gls_workspace_get_glossary (workspace);
  gint64 term = -1, generation = -1;
  g_autofree char *label = NULL;

  if (gls_params_get_int64 (item, "data.term", GLS_PARAM_OPTIONAL, &term, NULL) &&
      gls_params_get_int64 (item, "data.generation", GLS_PARAM_OPTIONAL, &generation, NULL) &&
      generation == (gint64) gls_workspace_get_generation (workspace) &&
      term >= 0 && term < (gint64) gls_glossary_n_terms (glossary))
    return term;
  if (!gls_params_get_string (item, "label", GLS_PARAM_OPTIONAL, &label, NULL) || label == NULL)
    return -1;
  const GlsTerm *found = gls_glossary_lookup (glossary, label, -1);
  return found != NULL ? (gint64) gls_glossary_term_index (glossary, found) : -1;
}

static void
resolve_cb (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  GlsWorkspace *workspace = user_data;
  GVariant *item = gls_rpc_request_get_params (request);

  if (item == NULL || !g_variant_is_of_type (item, G_VARIANT_TYPE_VARDICT))
    {
      gls_rpc_request_reply_error (request, GLS_RPC_ERROR_INVALID_PARAMS,
                                   "Invalid params: expected a CompletionItem object");
      return;
    }

  g_auto (GVariantDict) resolved = G_VARIANT_DICT_INIT (item);
  gint64 term = item_term (workspace, item);
  if (term >= 0)
    {
      GlsTermMarkupOptions options = {
        .kind = gls_feature_markup_kind (workspace,
                                         "textDocument.completion.completionItem.documentationFormat"),
        .source_uri = gls_feature_source_uri,
        .user_data = workspace,
      };
      g_autofree char *value = gls_term_markup (gls_workspace_get_glossary (workspace),
                                                (guint32) term, &options);
      g_auto (GVariantDict) doc = G_VARIANT_DICT_INIT (NULL);
      g_variant_dict_insert (&doc, "kind", "s", gls_markup_kind_to_string (options.kind));
      g_variant_dict_insert (&doc, "value", "s", value);
      g_variant_dict_insert_value (&resolved, "documentation", g_variant_dict_end (&doc));
    }
  gls_rpc_request_reply (request, g_variant_dict_end (&resolved));
}

void
gls_completion_register (GlsServer *server, GlsWorkspace *workspace)
{
  GlsRpc *rpc = gls_server_get_rpc (server);
  g_auto (GVariantDict) options = G_VARIANT_DICT_INIT (NULL);
  Completion *completion = g_new0 (Completion, 1);

  completion->workspace = workspace;
  completion->index = gls_term_index_cache_new (workspace);
  completion->memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) memo_free);
  gls_rpc_add_request_handler (rpc, "textDocument/completion", completion_cb, completion,
                               completion_free);
  gls_rpc_add_request_handler (rpc, "completionItem/resolve", resolve_cb, workspace, NULL);
  g_variant_dict_insert (&options, "resolveProvider", "b", TRUE);
  gls_server_add_capability (server, "completionProvider", g_variant_dict_end (&options));
}
