/* Text sync through the server: didOpen/didChange/didClose/didSave applied to
 * the workspace's documents, in both position encodings, with bad input. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "server/workspace/workspace.h"
#include "text/prose.h"
#include "ws_fixture.h"

static const char *const utf8_caps = "{\"general\":{\"positionEncodings\":[\"utf-8\",\"utf-16\"]}}";

static const char *
text_of (WsFixture *f, const char *uri)
{
  GlsOpenDocument *od = gls_workspace_get_document (f->ws, uri);
  cr_assert (od != NULL, "%s is not open", uri);
  return gls_open_document_get_text (od, NULL);
}

GLS_TEST (ws_sync, open_change_close)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "a.md");

  ws_open (f, uri, "markdown", "hello world\n");
  ws_change (f, uri, 2, 0, 6, 0, 11, "there");
  ws_sync (f);
  cr_assert_str_eq (text_of (f, uri), "hello there\n");
  GlsOpenDocument *od = gls_workspace_get_document (f->ws, uri);
  cr_assert_eq (gls_open_document_get_version (od), 2);
  cr_assert_str_eq (gls_open_document_get_language_id (od), "markdown");

  ws_close (f, uri);
  ws_sync (f);
  cr_assert_null (gls_workspace_get_document (f->ws, uri));
}

/* "héllo 😀 world": é is 1 UTF-16 unit and 2 bytes, 😀 2 units and 4 bytes,
 * so the same edit has different characters in each encoding. */
GLS_TEST (ws_sync, utf16_positions)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "a.md");

  cr_assert_eq (gls_workspace_get_encoding (f->ws), GLS_POSITION_UTF16);
  ws_open (f, uri, "markdown", "h\xC3\xA9llo \xF0\x9F\x98\x80 world\nnext\n");
  ws_change (f, uri, 2, 0, 9, 0, 14, "there");
  /* Between the surrogate halves: snaps back to the emoji's start. */
  ws_change (f, uri, 3, 0, 7, 0, 7, "[");
  ws_sync (f);
  cr_assert_str_eq (text_of (f, uri), "h\xC3\xA9llo [\xF0\x9F\x98\x80 there\nnext\n");
}

GLS_TEST (ws_sync, utf8_positions)
{
  WsSetup setup = { .capabilities = utf8_caps };
  g_autoptr (WsFixture) f = ws_fixture_new (&setup);
  g_autofree char *uri = ws_uri (f, "a.md");

  cr_assert_eq (gls_workspace_get_encoding (f->ws), GLS_POSITION_UTF8);
  ws_open (f, uri, "markdown", "h\xC3\xA9llo \xF0\x9F\x98\x80 world\nnext\n");
  ws_change (f, uri, 2, 0, 12, 0, 17, "there");
  ws_change (f, uri, 3, 1, 0, 1, 4, "last");
  ws_sync (f);
  cr_assert_str_eq (text_of (f, uri), "h\xC3\xA9llo \xF0\x9F\x98\x80 there\nlast\n");
}

GLS_TEST (ws_sync, out_of_range_positions_are_clamped)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "a.txt");

  ws_open (f, uri, "plaintext", "one\ntwo\n");
  /* Past the end of line 0: its end, not into the next line. */
  ws_change (f, uri, 2, 0, 999, 0, 999, "!");
  /* Past the last line: the end of the document. */
  ws_change (f, uri, 3, 99, 0, 120, 5, "three");
  /* Negative numbers are 0. */
  g_autofree char *params = g_strdup_printf (
    "{\"textDocument\":{\"uri\":\"%s\",\"version\":4},\"contentChanges\":[{\"range\":"
    "{\"start\":{\"line\":-1,\"character\":-5},\"end\":{\"line\":0,\"character\":0}},\"text\":\">\"}]}",
    uri);
  ws_notify (f, "textDocument/didChange", params);
  ws_sync (f);
  cr_assert_str_eq (text_of (f, uri), ">one!\ntwo\nthree");
}

GLS_TEST (ws_sync, several_changes_in_order_and_full_replacement)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "a.txt");
  g_autofree char *params = NULL;

  ws_open (f, uri, "plaintext", "abc\n");
  params = g_strdup_printf (
    "{\"textDocument\":{\"uri\":\"%s\",\"version\":2},\"contentChanges\":["
    "{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":1}},\"text\":\"X\"},"
    "{\"range\":{\"start\":{\"line\":0,\"character\":1},\"end\":{\"line\":0,\"character\":2}},\"text\":\"Y\\nZ\"},"
    "{\"range\":{\"start\":{\"line\":1,\"character\":0},\"end\":{\"line\":1,\"character\":1}},\"text\":\"\"}]}",
    uri);
  ws_notify (f, "textDocument/didChange", params);
  ws_sync (f);
  /* Each change sees the text the previous one produced. */
  cr_assert_str_eq (text_of (f, uri), "XY\nc\n");

  ws_change (f, uri, 3, -1, 0, 0, 0, "entirely new");
  ws_sync (f);
  cr_assert_str_eq (text_of (f, uri), "entirely new");
}

GLS_TEST (ws_sync, crlf_and_empty_documents)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *crlf = ws_uri (f, "crlf.md");
  g_autofree char *empty = ws_uri (f, "empty.md");

  ws_open (f, crlf, "markdown", "a\r\nb\r\n");
  ws_change (f, crlf, 2, 1, 0, 1, 1, "c");
  /* Character 5 of line 0 is clamped to before its \r\n. */
  ws_change (f, crlf, 3, 0, 5, 0, 5, "\r\nmid");
  ws_sync (f);
  cr_assert_str_eq (text_of (f, crlf), "a\r\nmid\r\nc\r\n");

  ws_open (f, empty, "markdown", "");
  ws_change (f, empty, 2, 0, 0, 0, 0, "We use Lora.");
  ws_change (f, empty, 3, 0, 0, 0, 12, "");
  ws_sync (f);
  cr_assert_str_eq (text_of (f, empty), "");
  GlsOpenDocument *od = gls_workspace_get_document (f->ws, empty);
  gsize n_spans = 99;
  gls_open_document_get_spans (od, &n_spans);
  cr_assert_eq (n_spans, 0);
  cr_assert_eq (gls_open_document_get_findings (od)->len, 0);
}

GLS_TEST (ws_sync, reversed_range_is_applied_swapped_and_resynced_on_save)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "doc.md");

  ws_open (f, uri, "markdown", "0123456789\n");
  ws_change (f, uri, 2, 0, 8, 0, 2, "-");
  ws_sync (f);
  cr_assert_str_eq (text_of (f, uri), "01-89\n");
  g_autoptr (JsonNode) warning = ws_wait_notification (f, "window/logMessage", "starts after its end");
  cr_assert_eq (tjson_int (warning, "type"), 2);

  /* The editor's truth, read back after a save. */
  ws_write_file (f, "doc.md", "what the editor holds\n");
  g_autofree char *params = g_strdup_printf ("{\"textDocument\":{\"uri\":\"%s\"}}", uri);
  ws_notify (f, "textDocument/didSave", params);
  ws_sync (f);
  cr_assert_str_eq (text_of (f, uri), "what the editor holds\n");

  /* In sync again: a later save does not re-read. */
  ws_write_file (f, "doc.md", "something else\n");
  ws_notify (f, "textDocument/didSave", params);
  ws_sync (f);
  cr_assert_str_eq (text_of (f, uri), "what the editor holds\n");
}

/* Bytes read from disk (a resync) need not be UTF-8: kept as they are,
 * positions count each bad byte as one unit, checks still run. */
GLS_TEST (ws_sync, invalid_utf8_from_disk_is_kept)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "latin1.md");

  ws_open (f, uri, "markdown", "x\n");
  ws_change (f, uri, 2, 0, 1, 0, 0, "y");  /* reversed: out of sync */
  ws_write_file (f, "latin1.md", "caf\xe9 and Lora\n");
  g_autofree char *params = g_strdup_printf ("{\"textDocument\":{\"uri\":\"%s\"}}", uri);
  ws_notify (f, "textDocument/didSave", params);
  g_autoptr (JsonNode) published = NULL;
  for (;;)
    {
      g_clear_pointer (&published, json_node_unref);
      published = ws_wait_diagnostics (f, uri, -1);
      if (tjson_len (published, "diagnostics") == 1)
        break;
    }
  cr_assert_str_eq (text_of (f, uri), "caf\xe9 and Lora\n");
  /* "caf" + one unit for the bad byte + " and " = column 9. */
  cr_assert_eq (tjson_int (published, "diagnostics.0.range.start.character"), 9);
  ws_change (f, uri, 3, 0, 3, 0, 4, "e");
  ws_sync (f);
  cr_assert_str_eq (text_of (f, uri), "cafe and Lora\n");
}

GLS_TEST (ws_sync, bad_notifications_do_not_break_the_server)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "a.md");
  g_autofree char *other = ws_uri (f, "not-open.md");

  ws_change (f, other, 2, 0, 0, 0, 0, "x");
  ws_notify (f, "textDocument/didOpen", "{\"textDocument\":{\"uri\":42}}");
  ws_notify (f, "textDocument/didChange", "{\"textDocument\":{}}");
  ws_open (f, uri, "markdown", "text\n");
  g_autofree char *bad = g_strdup_printf (
    "{\"textDocument\":{\"uri\":\"%s\",\"version\":2},\"contentChanges\":[{\"range\":{\"start\":{}},\"text\":\"x\"},"
    "{\"text\":5}, 7]}", uri);
  ws_notify (f, "textDocument/didChange", bad);
  ws_close (f, other);
  ws_sync (f);
  cr_assert_null (gls_workspace_get_document (f->ws, other));
  cr_assert_str_eq (text_of (f, uri), "text\n");
  cr_assert_eq (gls_open_document_get_version (gls_workspace_get_document (f->ws, uri)), 2);
}

GLS_TEST (ws_sync, reopen_replaces_the_document)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "a.md");

  ws_open (f, uri, "markdown", "first\n");
  ws_open (f, uri, "plaintext", "second\n");
  ws_sync (f);
  cr_assert_str_eq (text_of (f, uri), "second\n");
  cr_assert_str_eq (gls_open_document_get_language_id (gls_workspace_get_document (f->ws, uri)),
                    "plaintext");
  g_autoptr (GPtrArray) docs = gls_workspace_list_documents (f->ws);
  cr_assert_eq (docs->len, 1);
}

/* ---- random edits: incremental state == fresh state ----------------------------- */

static const char *const fragments[] = {
  "Lora", "LoRA", " ", "\n", "\n\n", "Pytorch", "# ", "rotary positon embedding", "`code`", "- ",
  "é", "😀", "Levenstein transformer", "<!-- glossary-ls: disable-next-line -->\n", "```\n", "words ",
  "RoPE", "> ",
};

static void
spans_equal_fresh (GlsOpenDocument *od, const char *language)
{
  gsize len = 0, n = 0;
  const char *text = gls_open_document_get_text (od, &len);
  const GlsProseSpan *spans = gls_open_document_get_spans (od, &n);
  g_autoptr (GlsProse) fresh = gls_prose_new (language);
  g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));

  cr_assert (gls_prose_parse (fresh, text, len, NULL, NULL));
  gls_prose_spans (fresh, 0, G_MAXUINT32, want);
  cr_assert_eq (n, want->len, "span count %zu != %u for %s", n, want->len, text);
  for (guint i = 0; i < want->len; i++)
    {
      const GlsProseSpan *w = &g_array_index (want, GlsProseSpan, i);
      cr_assert (spans[i].start == w->start && spans[i].end == w->end && spans[i].kind == w->kind,
                 "span %u differs", i);
    }
}

/* Mirrors every edit on a shadow string; the server's text and prose must
 * always equal the shadow's. */
GLS_TEST (ws_sync, random_utf16_edits_keep_text_and_prose_exact, .timeout = 120)
{
  g_autoptr (WsFixture) f = ws_fixture_new (NULL);
  g_autofree char *uri = ws_uri (f, "r.md");
  g_autoptr (GString) shadow = g_string_new ("# Title\n\nWe use Lora with Pytorch.\n\n- item RoPE\n");
  GRand *rand = g_rand_new_with_seed (20261125);

  ws_open (f, uri, "markdown", shadow->str);
  for (int round = 0; round < 300; round++)
    {
      /* A random code-point-aligned range of the shadow. */
      gsize a = g_rand_int_range (rand, 0, (gint32) shadow->len + 1);
      gsize span = (gsize) g_rand_int_range (rand, 0, 12);
      gsize b = MIN (shadow->len, a + span);
      while (a > 0 && (shadow->str[a] & 0xC0) == 0x80)
        a--;
      while (b < shadow->len && (shadow->str[b] & 0xC0) == 0x80)
        b++;
      if (b < a)
        b = a;
      /* Keep "\r\n"-free so the shadow's line index is simple. */
      guint pick = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments));
      const char *ins = g_rand_boolean (rand) ? fragments[pick] : "";
      g_autoptr (GlsLineIndex) index = gls_line_index_new (shadow->str, shadow->len);
      gint64 sl, sc, el, ec;
      gls_offset_to_position (index, shadow->str, shadow->len, a, GLS_POSITION_UTF16, &sl, &sc);
      gls_offset_to_position (index, shadow->str, shadow->len, b, GLS_POSITION_UTF16, &el, &ec);
      g_string_erase (shadow, (gssize) a, (gssize) (b - a));
      g_string_insert (shadow, (gssize) a, ins);
      ws_change (f, uri, round + 2, sl, sc, el, ec, ins);
      if (round % 10 == 9)
        {
          ws_sync (f);
          GlsOpenDocument *od = gls_workspace_get_document (f->ws, uri);
          cr_assert_str_eq (gls_open_document_get_text (od, NULL), shadow->str);
          spans_equal_fresh (od, "markdown");
        }
    }
  g_rand_free (rand);
}
