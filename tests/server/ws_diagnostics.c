/* Diagnostics through the server: what is published, where, with which
 * severity, for Markdown and code comments, with suppression and
 * configuration; incremental results equal fresh ones. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "server/workspace/workspace.h"
#include "text/lines.h"
#include "text/position.h"
#include "ws_fixture.h"

/* "code@line:character" of the nth (0-based) occurrence of needle. */
static char *
at (const char *code, const char *text, const char *needle, int nth, GlsPositionEncoding enc)
{
  const char *p = text;
  for (int i = 0; i <= nth; i++)
    {
      p = strstr (i == 0 ? p : p + 1, needle);
      cr_assert (p != NULL, "no %s #%d", needle, nth);
    }
  gsize len = strlen (text);
  g_autoptr (GlsLineIndex) index = gls_line_index_new (text, len);
  gint64 line, ch;
  gls_offset_to_position (index, text, len, (gsize) (p - text), enc, &line, &ch);
  return g_strdup_printf ("%s@%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, code, line, ch);
}

static char *
publish_summary (WsFixture *f, const char *uri, gint64 version)
{
  g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, version);
  return ws_diag_summary (params);
}

GLS_TEST (ws_diagnostics, markdown_term_case_and_misspelling)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "notes.md");
  const char *text = "# Über Notes\n\nWe trained Lora adapters with Pytorch and a Levenstein transformer.\n";

  ws_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, 1);
  g_autofree char *got = ws_diag_summary (params);
  g_autofree char *a = at ("term-case", text, "Lora", 0, GLS_POSITION_UTF16);
  g_autofree char *b = at ("term-case", text, "Pytorch", 0, GLS_POSITION_UTF16);
  g_autofree char *c = at ("misspelled-term", text, "Levenstein", 0, GLS_POSITION_UTF16);
  g_autofree char *want = g_strjoin (" ", a, b, c, NULL);
  cr_assert_str_eq (got, want);

  cr_assert_eq (tjson_int (params, "version"), 1);
  cr_assert_str_eq (tjson_str (params, "diagnostics.0.source"), "glossary-ls");
  cr_assert_eq (tjson_int (params, "diagnostics.0.severity"), 2);
  cr_assert_not_null (strstr (tjson_str (params, "diagnostics.0.message"), "LoRA"));
  cr_assert_str_eq (tjson_str (params, "diagnostics.0.data.replacements.0"), "LoRA");
  cr_assert_str_eq (tjson_str (params, "diagnostics.0.data.term"), "LoRA");
  /* The range covers exactly "Lora". */
  cr_assert_eq (tjson_int (params, "diagnostics.0.range.end.character") -
                tjson_int (params, "diagnostics.0.range.start.character"), 4);
  cr_assert_str_eq (tjson_str (params, "diagnostics.2.data.replacements.0"), "Levenshtein transformer");
}

GLS_TEST (ws_diagnostics, utf8_encoding_positions)
{
  WsSetup setup = { .capabilities = "{\"general\":{\"positionEncodings\":[\"utf-8\"]}}" };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "u.md");
  const char *text = "Ünïcödé first, then Lora.\n";

  ws_open (f, uri, "markdown", text);
  g_autofree char *got = publish_summary (f, uri, 1);
  g_autofree char *want8 = at ("term-case", text, "Lora", 0, GLS_POSITION_UTF8);
  g_autofree char *want16 = at ("term-case", text, "Lora", 0, GLS_POSITION_UTF16);
  cr_assert_str_eq (got, want8);
  cr_assert_str_neq (want8, want16);
}

static void
check_code (const char *language, const char *name, const char *text, const char *const *expected,
            const int *nth)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, name);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  ws_open (f, uri, language, text);
  g_autofree char *got = publish_summary (f, uri, 1);
  for (guint i = 0; expected[i] != NULL; i++)
    g_ptr_array_add (parts, at ("term-case", text, expected[i], nth[i], GLS_POSITION_UTF16));
  g_ptr_array_add (parts, NULL);
  g_autofree char *want = g_strjoinv (" ", (char **) parts->pdata);
  cr_assert_str_eq (got, want, "%s: got %s, want %s", language, got, want);
}

/* Identifiers and string literals are code: only comments are prose. */
GLS_TEST (ws_diagnostics, c_comments_only)
{
  const char *text = "/* We use Lora here. */\nint Lora = 1; // Pytorch\nconst char *s = \"Lora\";\n";
  const char *expected[] = { "Lora", "Pytorch", NULL };
  const int nth[] = { 0, 0 };
  check_code ("c", "x.c", text, expected, nth);
}

GLS_TEST (ws_diagnostics, python_comments_and_docstrings)
{
  const char *text = "# uses Lora\ndef f():\n    \"\"\"Pytorch helper.\"\"\"\n    x = \"Lora\"\n    Lora = 2\n";
  const char *expected[] = { "Lora", "Pytorch", NULL };
  const int nth[] = { 0, 0 };
  check_code ("python", "x.py", text, expected, nth);
}

GLS_TEST (ws_diagnostics, javascript_comments_only)
{
  const char *text = "const Lora = 'Pytorch';\n// Lora\n/* Pytorch */\n";
  const char *expected[] = { "Lora", "Pytorch", NULL };
  const int nth[] = { 1, 1 };
  check_code ("javascript", "x.js", text, expected, nth);
}

GLS_TEST (ws_diagnostics, suppression_comments)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *md = ws_uri (f, "s.md");
  g_autofree char *c = ws_uri (f, "s.c");
  const char *md_text = "<!-- glossary-ls: disable-next-line term-case -->\nLora is here.\n\nLora again.\n";
  const char *c_text = "/* Lora */ // glossary-ls: disable-line\n/* Lora */\n";

  ws_open (f, md, "markdown", md_text);
  g_autofree char *got_md = publish_summary (f, md, 1);
  g_autofree char *want_md = at ("term-case", md_text, "Lora", 1, GLS_POSITION_UTF16);
  cr_assert_str_eq (got_md, want_md);

  ws_open (f, c, "c", c_text);
  g_autofree char *got_c = publish_summary (f, c, 1);
  g_autofree char *want_c = at ("term-case", c_text, "Lora", 1, GLS_POSITION_UTF16);
  cr_assert_str_eq (got_c, want_c);
}

GLS_TEST (ws_diagnostics, severities_from_configuration)
{
  WsSetup setup = {
    .init_options = "{\"diagnosticsDelay\":0,\"rules\":{\"term-case\":\"error\",\"misspelled-term\":\"hint\"}}",
  };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");

  ws_open (f, uri, "markdown", "Lora and a Levenstein transformer.\n");
  g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, 1);
  cr_assert_eq (tjson_len (params, "diagnostics"), 2);
  cr_assert_str_eq (tjson_str (params, "diagnostics.0.code"), "term-case");
  cr_assert_eq (tjson_int (params, "diagnostics.0.severity"), 1);
  cr_assert_str_eq (tjson_str (params, "diagnostics.1.code"), "misspelled-term");
  cr_assert_eq (tjson_int (params, "diagnostics.1.severity"), 4);
}

GLS_TEST (ws_diagnostics, rule_disabled)
{
  WsSetup setup = {
    .init_options = "{\"glossaryLs\":{\"diagnosticsDelay\":0,\"rules\":{\"misspelled-term\":false}}}",
  };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");
  const char *text = "Lora and a Levenstein transformer.\n";

  ws_open (f, uri, "markdown", text);
  g_autofree char *got = publish_summary (f, uri, 1);
  g_autofree char *want = at ("term-case", text, "Lora", 0, GLS_POSITION_UTF16);
  cr_assert_str_eq (got, want);
}

GLS_TEST (ws_diagnostics, versions_shift_and_close)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "a.md");

  ws_open (f, uri, "markdown", "Intro.\n\nWe like Lora.\n");
  g_autofree char *first = publish_summary (f, uri, 1);
  cr_assert_str_eq (first, "term-case@2:8");

  /* Two lines inserted above: the finding moves, nothing is re-reported. */
  ws_change (f, uri, 5, 0, 0, 0, 0, "# Title\n\n");
  g_autoptr (JsonNode) moved = ws_wait_diagnostics (f, uri, 5);
  cr_assert_eq (tjson_int (moved, "version"), 5);
  g_autofree char *second = ws_diag_summary (moved);
  cr_assert_str_eq (second, "term-case@4:8");

  /* Fixed by the user: an empty list for the new version. */
  ws_change (f, uri, 6, 4, 8, 4, 12, "LoRA");
  g_autoptr (JsonNode) fixed = ws_wait_diagnostics (f, uri, 6);
  cr_assert_eq (tjson_len (fixed, "diagnostics"), 0);

  ws_change (f, uri, 7, 4, 8, 4, 12, "Lora");
  g_autoptr (JsonNode) again = ws_wait_diagnostics (f, uri, 7);
  cr_assert_eq (tjson_len (again, "diagnostics"), 1);
  ws_close (f, uri);
  g_autoptr (JsonNode) closed = ws_wait_diagnostics (f, uri, -1);
  while (tjson_path (closed, "version") != NULL)
    {
      json_node_unref (closed);
      closed = ws_wait_diagnostics (f, uri, -1);
    }
  cr_assert_eq (tjson_len (closed, "diagnostics"), 0);
}

GLS_TEST (ws_diagnostics, delay_setting_defers_publishing)
{
  WsSetup setup = { .init_options = "{\"diagnosticsDelay\":600000}" };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");

  ws_open (f, uri, "markdown", "Lora.\n");
  ws_sync (f);
  for (GList *l = f->inbox->head; l != NULL; l = l->next)
    cr_assert_null (strstr (tjson_str (l->data, "method") ? tjson_str (l->data, "method") : "", "publishDiagnostics"),
                    "published before the 10-minute delay");
  /* A configuration change re-checks every document with the new delay. */
  ws_notify (f, "workspace/didChangeConfiguration", "{\"settings\":{\"glossaryLs\":{\"diagnosticsDelay\":0}}}");
  g_autofree char *got = publish_summary (f, uri, 1);
  cr_assert_str_eq (got, "term-case@0:0");
}

/* ---- incremental == fresh ------------------------------------------------------ */

static const char *const fragments[] = {
  "Lora", "LoRA ", " ", "\n", "\n\n", "Pytorch ", "# ", "rotary positon embedding ", "`code` ",
  "- ", "Levenstein transformer ", "<!-- glossary-ls: disable-next-line -->\n", "```\n", "words ",
  "RoPE ", "> ", "**Lora** ", "[Pytorch](http://x) ",
};

static void
assert_same_results (WsFixture *f, const char *edited_uri, const char *fresh_uri, const char *language)
{
  GlsOpenDocument *a = gls_workspace_get_document (f->ws, edited_uri);
  const char *text = gls_open_document_get_text (a, NULL);

  ws_open (f, fresh_uri, language, text);
  ws_sync (f);
  GlsOpenDocument *b = gls_workspace_get_document (f->ws, fresh_uri);
  const GArray *ha = gls_open_document_get_hits (a);
  const GArray *hb = gls_open_document_get_hits (b);
  cr_assert_eq (ha->len, hb->len, "hits %u != %u in %s", ha->len, hb->len, text);
  cr_assert (ha->len == 0 || memcmp (ha->data, hb->data, ha->len * sizeof (GlsHit)) == 0, "hits differ in %s", text);
  const GArray *fa = gls_open_document_get_findings (a);
  const GArray *fb = gls_open_document_get_findings (b);
  cr_assert_eq (fa->len, fb->len, "findings %u != %u in %s", fa->len, fb->len, text);
  for (guint i = 0; i < fa->len; i++)
    {
      const GlsFinding *x = &g_array_index (fa, GlsFinding, i);
      const GlsFinding *y = &g_array_index (fb, GlsFinding, i);
      cr_assert (x->start == y->start && x->end == y->end && g_str_equal (x->rule, y->rule) &&
                 g_str_equal (x->message, y->message), "finding %u differs in %s", i, text);
    }
  ws_close (f, fresh_uri);
}

GLS_TEST (ws_diagnostics, incremental_equals_fresh_after_random_edits, .timeout = 180)
{
  /* 40 paragraphs of 3 findings: more than the default cap of 100 published. */
  WsSetup setup = { .init_options = "{\"maxDiagnostics\":0}" };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "r.md");
  g_autofree char *fresh = ws_uri (f, "fresh.md");
  g_autoptr (GString) shadow = g_string_new (NULL);
  GRand *rand = g_rand_new_with_seed (42);

  for (int i = 0; i < 40; i++)
    g_string_append_printf (shadow, "Paragraph %d with Lora and Pytorch, a Levenstein transformer.\n\n", i);
  ws_open (f, uri, "markdown", shadow->str);
  for (int round = 0; round < 200; round++)
    {
      gsize a = (gsize) g_rand_int_range (rand, 0, (gint32) shadow->len + 1);
      gsize span = (gsize) g_rand_int_range (rand, 0, 30);
      gsize b = MIN (shadow->len, a + span);
      guint pick = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments));
      const char *ins = g_rand_int_range (rand, 0, 3) > 0 ? fragments[pick] : "";
      g_autoptr (GlsLineIndex) index = gls_line_index_new (shadow->str, shadow->len);
      gint64 sl, sc, el, ec;
      gls_offset_to_position (index, shadow->str, shadow->len, a, GLS_POSITION_UTF16, &sl, &sc);
      gls_offset_to_position (index, shadow->str, shadow->len, b, GLS_POSITION_UTF16, &el, &ec);
      g_string_erase (shadow, (gssize) a, (gssize) (b - a));
      g_string_insert (shadow, (gssize) a, ins);
      ws_change (f, uri, round + 2, sl, sc, el, ec, ins);
      if (round % 20 == 19)
        {
          g_autoptr (JsonNode) published = ws_wait_diagnostics (f, uri, round + 2);
          GlsOpenDocument *od = gls_workspace_get_document (f->ws, uri);
          cr_assert_str_eq (gls_open_document_get_text (od, NULL), shadow->str);
          /* What was published is what the document's findings say. */
          cr_assert_eq (tjson_len (published, "diagnostics"), gls_open_document_get_findings (od)->len);
          assert_same_results (f, uri, fresh, "markdown");
        }
    }
  g_rand_free (rand);
}

/* A document big enough for the worker thread, edited while it may still be
 * checking: the results must still equal a fresh check. */
GLS_TEST (ws_diagnostics, big_document_worker_check_survives_edits, .timeout = 180)
{
  WsSetup setup = { .init_options = "{\"diagnosticsDelay\":0,\"maxDiagnostics\":0}" };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "big.md");
  g_autofree char *fresh = ws_uri (f, "big-fresh.md");
  g_autoptr (GString) text = g_string_new (NULL);

  while (text->len < 400 * 1024)
    g_string_append (text, "Some words about Lora adapters and Pytorch models in training.\n\n");
  guint paragraphs = (guint) (text->len / strlen ("Some words about Lora adapters and Pytorch models in training.\n\n"));
  ws_open (f, uri, "markdown", text->str);
  ws_change (f, uri, 2, 0, 0, 0, 0, "Lora first.\n\n");
  ws_change (f, uri, 3, 4, 17, 4, 21, "LoRA");
  g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, 3);
  /* Two per paragraph, one in the new first line, one fixed. */
  cr_assert_eq (tjson_len (params, "diagnostics"), 2 * paragraphs + 1 - 1);
  assert_same_results (f, uri, fresh, "markdown");
}

GLS_TEST (ws_diagnostics, glossary_documents_report_format_problems)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "extra.glossary");
  const char *text = "alpha, beta\n**Alpha**\nAlpha is first. We write Lora here.\n"
                     "```\nunclosed fence\n";

  ws_open (f, uri, "plaintext", text);
  g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, 1);
  g_autofree char *json = tjson_text (params);
  cr_assert (tjson_len (params, "diagnostics") >= 1, "%s", json);
  cr_assert_str_eq (tjson_str (params, "diagnostics.0.code"), "glossary-format");
  /* No rule findings inside glossary files ("Lora" is not flagged). */
  cr_assert_null (strstr (json, "term-case"));
  GlsOpenDocument *od = gls_workspace_get_document (f->ws, uri);
  cr_assert (gls_open_document_is_glossary (od));
}

/* In a big document, a spelling written a third time is the author's
 * vocabulary (rule_misspelled.c) although each edit is checked alone: the background
 * full check settles the diagnostics to what a fresh check gives. */
GLS_TEST (ws_diagnostics, big_document_settles_repeated_spellings, .timeout = 180)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "big.md");
  g_autofree char *fresh = ws_uri (f, "big-fresh.md");
  g_autoptr (GString) text = g_string_new (NULL);

  while (text->len < 300 * 1024)
    g_string_append (text, "Some words about Lora adapters in training.\n\n");
  ws_open (f, uri, "markdown", text->str);
  g_autoptr (JsonNode) first = ws_wait_diagnostics (f, uri, 1);
  for (int i = 0; i < 3; i++)
    ws_change (f, uri, i + 2, i * 200, 0, i * 200, 0, "A Levenstein transformer here.\n\n");
  /* Spans checked alone report each; then the document defines the word as
   * its own far away, which only the settling full check can see. */
  ws_change (f, uri, 5, 5000, 0, 5000, 0, "We call it `Levenstein`.\n\n");
  for (;;)
    {
      g_autoptr (JsonNode) params = ws_wait_diagnostics (f, uri, 5);
      g_autofree char *summary = ws_diag_summary (params);
      if (strstr (summary, "misspelled-term") == NULL)
        break;
    }
  ws_wait_idle (f);
  assert_same_results (f, uri, fresh, "markdown");
}

GLS_TEST (ws_diagnostics, max_diagnostics_caps_what_is_published)
{
  WsSetup setup = { .init_options = "{\"diagnosticsDelay\":0,\"maxDiagnostics\":2}" };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");

  ws_open (f, uri, "markdown", "Lora one.\n\nLora two.\n\nLora three.\n");
  g_autofree char *got = publish_summary (f, uri, 1);
  cr_assert_str_eq (got, "term-case@0:0 term-case@2:0");
  g_autoptr (JsonNode) told = ws_wait_notification (f, "window/logMessage", "maxDiagnostics");
  /* The third is not published but still has its quick fix. */
  g_autofree char *params = g_strdup_printf (
    "{\"textDocument\":{\"uri\":\"%s\"},\"range\":{\"start\":{\"line\":4,\"character\":1},"
    "\"end\":{\"line\":4,\"character\":1}},\"context\":{\"diagnostics\":[]}}", uri);
  g_autoptr (JsonNode) actions = ws_request (f, "textDocument/codeAction", params);
  cr_assert_eq (json_array_get_length (json_node_get_array (actions)), 1);
}

GLS_TEST (ws_diagnostics, closing_a_big_document_drops_its_worker_check, .timeout = 180)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "big.md");
  g_autoptr (GString) text = g_string_new (NULL);

  while (text->len < 1024 * 1024)
    g_string_append (text, "Some words about Lora adapters in training.\n\n");
  ws_open (f, uri, "markdown", text->str);
  ws_sync (f);
  /* The open's check (delay 0) is due: start it in the worker, then close
   * the document while it runs (a check that ends first publishes before
   * the close, which this test allows). */
  while (g_main_context_iteration (f->peer->context, FALSE))
    ;
  ws_close (f, uri);
  ws_wait_idle (f);
  ws_sync (f);
  /* Everything the server sent is queued now: the last word on uri must be
   * the close's empty, unversioned list, never a late worker result. */
  JsonNode *last = NULL;
  for (GList *l = f->inbox->head; l != NULL; l = l->next)
    if (g_strcmp0 (tjson_str (l->data, "method"), "textDocument/publishDiagnostics") == 0 &&
        g_strcmp0 (tjson_str (l->data, "params.uri"), uri) == 0)
      last = l->data;
  cr_assert_not_null (last);
  cr_assert_null (tjson_path (last, "params.version"));
  cr_assert_eq (tjson_len (last, "params.diagnostics"), 0);
}
