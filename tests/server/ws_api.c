/* The workspace API the feature modules use: glossary access and swaps,
 * glossary sources as file URIs and ranges, glossary documents, positions. */
#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

#include "analysis/analyzer.h"
#include "common/leak-check.h"
#include "glossary/glossary_load.h"
#include "glossary/glossary_build.h"
#include "server/workspace/workspace.h"
#include "ws_fixture.h"

static const char *const demo_seed =
  "flash attention, attention\n"
  "**FlashAttention**\n"
  "FlashAttention computes exact attention with fewer memory reads. FlashAttention is fast.\n";

/* A glossary whose only source is "embedded" (no disk copy). */
static GlsGlossary *
embedded_glossary (void)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new ();
  g_autoptr (GBytes) bytes = g_bytes_new_static (demo_seed, strlen (demo_seed));
  GlsSource *src = gls_source_new_from_bytes ("seeds/demo.txt", NULL, bytes);
  src->is_default = TRUE;
  g_ptr_array_add (sources, src);
  return gls_glossary_new_from_sources (sources, NULL);
}

static void
count (GlsWorkspace *ws, gpointer user_data)
{
  (*(guint *) user_data)++;
}

GLS_TEST (ws_api, swap_runs_callbacks_and_bumps_the_generation)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  guint calls = 0, other = 0;

  GlsGlossary *first = gls_workspace_get_glossary (f->ws);
  cr_assert_not_null (gls_glossary_lookup (first, "LoRA", -1));
  guint generation = gls_workspace_get_generation (f->ws);
  gulong id = gls_workspace_connect_glossary_changed (f->ws, count, &calls, NULL);
  gls_workspace_connect_glossary_changed (f->ws, count, &other, NULL);

  g_autoptr (GlsGlossary) g = embedded_glossary ();
  gls_workspace_set_glossary (f->ws, g);
  cr_assert_eq (gls_workspace_get_glossary (f->ws), g);
  cr_assert_eq (gls_analyzer_glossary (gls_workspace_get_analyzer (f->ws)), g);
  cr_assert_eq (gls_workspace_get_generation (f->ws), generation + 1);
  cr_assert_eq (calls, 1);
  gls_workspace_disconnect (f->ws, id);
  gls_workspace_set_glossary (f->ws, g);
  cr_assert_eq (calls, 1);
  cr_assert_eq (other, 2);
}

GLS_TEST (ws_api, embedded_sources_get_a_cached_file)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autoptr (GlsGlossary) g = embedded_glossary ();

  gls_workspace_set_glossary (f->ws, g);
  const char *uri = gls_workspace_source_uri (f->ws, 0);
  cr_assert_not_null (uri);
  cr_assert_eq (gls_workspace_source_uri (f->ws, 0), uri, "computed once");
  cr_assert_null (gls_workspace_source_uri (f->ws, 1));
  g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);
  g_autofree char *cache = g_build_filename (f->dir, "cache", "demo.txt", NULL);
  cr_assert_str_eq (path, cache);
  g_autofree char *content = NULL;
  cr_assert (g_file_get_contents (path, &content, NULL, NULL));
  cr_assert_str_eq (content, demo_seed);
  cr_assert_eq (gls_workspace_source_for_uri (f->ws, uri), 0);
  cr_assert (gls_workspace_is_glossary_uri (f->ws, uri, "plaintext"));
  g_autofree char *elsewhere = ws_uri (f, "notes.md");
  cr_assert_eq (gls_workspace_source_for_uri (f->ws, elsewhere), -1);
  cr_assert_not (gls_workspace_is_glossary_uri (f->ws, elsewhere, "markdown"));
  cr_assert (gls_workspace_is_glossary_uri (f->ws, elsewhere, "glossary"));

  /* The entry's header line as an LSP range. */
  const GlsEntry *entry = gls_glossary_entry (g, 0);
  GlsLspRange range;
  cr_assert (gls_workspace_source_range (f->ws, 0, entry->header.start,
                                         entry->header.start + entry->header.len, &range));
  cr_assert (range.start_line == 0 && range.start_character == 0 && range.end_line == 0 &&
             range.end_character == (gint64) strlen ("flash attention, attention"));
  cr_assert_not (gls_workspace_source_range (f->ws, 3, 0, 0, &range));
}

GLS_TEST (ws_api, user_glossary_file_is_its_own_uri)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *expected = g_filename_to_uri (f->glossary_path, NULL, NULL);

  GlsGlossary *g = gls_workspace_get_glossary (f->ws);
  cr_assert_eq (gls_glossary_n_sources (g), 1);
  cr_assert_str_eq (gls_workspace_source_uri (f->ws, 0), expected);
}

/* Every span of a fresh parse of a glossary file. */
static void
glossary_prose_extract (const char *text, gsize len, GArray *out)
{
  g_autoptr (GlsProse) p = gls_prose_new ("glossary");
  cr_assert (gls_prose_parse (p, text, len, NULL, NULL));
  gls_prose_spans (p, 0, G_MAXUINT32, out);
}

/* The glossary file itself opened in the editor: prose from the grammar. */
GLS_TEST (ws_api, glossary_documents_have_prose_and_hits)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = g_filename_to_uri (f->glossary_path, NULL, NULL);

  ws_open (f, uri, "plaintext", ws_default_glossary);
  ws_sync (f);
  GlsOpenDocument *od = gls_workspace_get_document (f->ws, uri);
  cr_assert (gls_open_document_is_glossary (od));
  gsize n = 0;
  const GlsProseSpan *spans = gls_open_document_get_spans (od, &n);
  g_autoptr (GArray) fresh = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  glossary_prose_extract (ws_default_glossary, strlen (ws_default_glossary), fresh);
  cr_assert_eq (n, fresh->len);
  cr_assert (n == 0 || memcmp (spans, fresh->data, n * sizeof (GlsProseSpan)) == 0);
  cr_assert_eq (spans[0].kind, GLS_PROSE_HEADING);
  cr_assert_eq (spans[0].start, 0);
  cr_assert_eq (spans[0].end, 4);  /* "lora" */

  /* Hover material: the term under the cursor, in a header and in a body. */
  GlsHit hit;
  cr_assert (gls_open_document_hit_at (od, 1, &hit));
  cr_assert (hit.start == 0 && hit.end == 4);
  const char *body = strstr (ws_default_glossary, "RoPE encodes");
  guint32 at = (guint32) (body - ws_default_glossary);
  cr_assert (gls_open_document_hit_at (od, at + 2, &hit));
  cr_assert (hit.start == at && hit.end == at + 4);
  /* Right after the term still counts; inside plain words does not. */
  cr_assert (gls_open_document_hit_at (od, at + 4, &hit));
  cr_assert_not (gls_open_document_hit_at (od, at + 7, &hit));
  cr_assert (gls_open_document_get_hits (od)->len >= 8);
  cr_assert_eq (gls_open_document_get_findings (od)->len, 0);

  /* Edits keep the grammar-based spans exact. */
  ws_change (f, uri, 2, 0, 0, 0, 0, "flash attention, kernels\n**Flash**\nA kernel.\n");
  ws_change (f, uri, 3, 5, 0, 5, 4, "xx");
  ws_sync (f);
  const char *text = gls_open_document_get_text (od, NULL);
  spans = gls_open_document_get_spans (od, &n);
  g_array_set_size (fresh, 0);
  glossary_prose_extract (text, strlen (text), fresh);
  cr_assert_eq (n, fresh->len);
  cr_assert (n == 0 || memcmp (spans, fresh->data, n * sizeof (GlsProseSpan)) == 0);
}

GLS_TEST (ws_api, resolve_position_and_ranges)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "a.md");
  g_autofree char *missing = ws_uri (f, "b.md");
  g_autoptr (GError) error = NULL;
  GlsOpenDocument *od = NULL;
  guint32 offset = 0;

  ws_open (f, uri, "markdown", "é Lora\n\nnext\n");
  ws_sync (f);
  g_autofree char *ok = g_strdup_printf ("{'textDocument': <{'uri': <'%s'>}>, "
                                         "'position': <{'line': <int64 0>, 'character': <int64 3>}>}", uri);
  g_autoptr (GVariant) params = g_variant_ref_sink (g_variant_new_parsed (ok));
  cr_assert (gls_workspace_resolve_position (f->ws, params, &od, &offset, &error));
  cr_assert_eq (od, gls_workspace_get_document (f->ws, uri));
  cr_assert_eq (offset, 4);  /* UTF-16 column 3 is after "é L": byte 4 */

  g_autofree char *absent = g_strdup_printf ("{'textDocument': <{'uri': <'%s'>}>, "
                                             "'position': <{'line': <int64 0>, 'character': <int64 0>}>}", missing);
  g_autoptr (GVariant) p2 = g_variant_ref_sink (g_variant_new_parsed (absent));
  cr_assert (gls_workspace_resolve_position (f->ws, p2, &od, &offset, &error));
  cr_assert_null (od);

  g_autoptr (GVariant) p3 = g_variant_ref_sink (g_variant_new_parsed ("{'position': <{'line': <int64 0>}>}"));
  cr_assert_not (gls_workspace_resolve_position (f->ws, p3, &od, &offset, &error));
  cr_assert_eq (error->code, -32602);

  od = gls_workspace_get_document (f->ws, uri);
  GlsLspRange r;
  gls_open_document_range (od, 3, 7, &r);
  cr_assert (r.start_line == 0 && r.start_character == 2 && r.end_line == 0 && r.end_character == 6);
  g_autoptr (GVariant) v = g_variant_ref_sink (gls_lsp_location_to_variant (uri, &r));
  g_autofree char *printed = g_variant_print (v, FALSE);
  cr_assert_not_null (strstr (printed, "'character': <int64 6>"), "%s", printed);
  GlsProseSpan span;
  cr_assert (gls_open_document_span_at (od, 7, &span));
  cr_assert (span.start == 0 && span.end == 7);
  cr_assert_not (gls_open_document_span_at (od, 8, &span), "the blank line is no prose");
  cr_assert (gls_open_document_span_at (od, 9, &span));
  cr_assert (span.start == 9 && span.end == 13);
}

GLS_TEST (ws_api, list_documents_is_sorted_and_holds_references)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *b = ws_uri (f, "b.md");
  g_autofree char *a = ws_uri (f, "a.md");

  ws_open (f, b, "markdown", "B\n");
  ws_open (f, a, "markdown", "A\n");
  ws_sync (f);
  g_autoptr (GPtrArray) docs = gls_workspace_list_documents (f->ws);
  cr_assert_eq (docs->len, 2);
  cr_assert_str_eq (gls_open_document_get_uri (g_ptr_array_index (docs, 0)), a);
  ws_close (f, a);
  ws_sync (f);
  /* Still readable through the reference, but closed. */
  GlsOpenDocument *closed = g_ptr_array_index (docs, 0);
  cr_assert_not (gls_open_document_is_open (closed));
  cr_assert_str_eq (gls_open_document_get_text (closed, NULL), "A\n");
}

GLS_TEST (ws_api, default_glossary_seeds_open_as_glossary_documents)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  GlsGlossaryOptions options = { 0 };
  g_autoptr (GlsGlossary) g = gls_glossary_load (&options, issues);

  gls_workspace_set_glossary (f->ws, g);
  cr_assert_gt (gls_glossary_n_sources (g), 0);
  for (guint i = 0; i < gls_glossary_n_sources (g); i++)
    {
      const char *uri = gls_workspace_source_uri (f->ws, i);
      g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);
      cr_assert (g_file_test (path, G_FILE_TEST_IS_REGULAR), "%s", uri);
      cr_assert (gls_workspace_is_glossary_uri (f->ws, uri, "plaintext"));
    }
}

/* A document that is one huge paragraph: hit_at looks at a window around the
 * offset and agrees with the document's full list of hits. */
GLS_TEST (ws_api, hit_at_in_a_huge_paragraph_agrees_with_all_hits)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "huge.txt");
  g_autoptr (GString) text = g_string_new (NULL);

  while (text->len < 200 * 1024)
    g_string_append (text, "we use LoRA and rotary position embedding here ");
  ws_open (f, uri, "plaintext", text->str);
  ws_sync (f);
  GlsOpenDocument *od = gls_workspace_get_document (f->ws, uri);
  gsize n = 0;
  gls_open_document_get_spans (od, &n);
  cr_assert_eq (n, 1);
  const GArray *hits = gls_open_document_get_hits (od);
  cr_assert_gt (hits->len, 8000);
  for (guint i = 0; i < hits->len; i += 997)
    {
      const GlsHit *want = &g_array_index (hits, GlsHit, i);
      GlsHit got;
      cr_assert (gls_open_document_hit_at (od, (want->start + want->end) / 2, &got));
      cr_assert (got.start == want->start && got.end == want->end && got.term == want->term,
                 "hit %u: %u..%u, want %u..%u", i, got.start, got.end, want->start, want->end);
    }
}
