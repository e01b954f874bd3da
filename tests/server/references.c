/* Tests of textDocument/references over pipes, cancellation included. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "feature_fixture.h"
#include "feature_glossary.h"

static char *
references_params (FeatFixture *f, const char *uri, const char *text, const char *needle,
                   gboolean declaration)
{
  gint64 line, character;
  feat_position (text, needle, 0, 1, f->encoding, &line, &character);
  return feat_position_params (uri, line, character,
                               declaration ? "\"context\":{\"includeDeclaration\":true}"
                                           : "\"context\":{\"includeDeclaration\":false}");
}

/* "uri-name@line:character" of every location, joined with ' '. */
static char *
summary (FeatFixture *f, JsonNode *list)
{
  GString *s = g_string_new (NULL);
  guint n = tjson_len (list, "");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *u = g_strdup_printf ("%u.uri", i);
      g_autofree char *l = g_strdup_printf ("%u.range.start.line", i);
      g_autofree char *c = g_strdup_printf ("%u.range.start.character", i);
      const char *uri = tjson_str (list, u);
      const char *name = strrchr (uri, '/') + 1;
      g_string_append_printf (s, "%s%s@%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, i > 0 ? " " : "",
                              name, tjson_int (list, l), tjson_int (list, c));
    }
  return g_string_free (s, FALSE);
}

GLS_TEST (references, every_hit_in_every_open_document)
{
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) {
    .capabilities = "{\"general\":{\"positionEncodings\":[\"utf-8\"]}}" });
  g_autofree char *a = feat_uri (f, "a.md");
  g_autofree char *b = feat_uri (f, "b.py");
  const char *text_a = "LoRA first. Then RoPE.\n\nÉtude: LoRAs again, lora too.\n";
  const char *text_b = "# LoRA in a comment\nlora = 'LoRA'\n";

  feat_open (f, b, "python", text_b);
  feat_open (f, a, "markdown", text_a);
  g_autofree char *params = references_params (f, a, text_a, "LoRA", FALSE);
  g_autoptr (JsonNode) list = feat_request (f, "textDocument/references", params);
  g_autofree char *got = summary (f, list);

  /* Sorted by URI; "Étude: " is 8 bytes (UTF-8 columns); not the
   * identifier nor the string in b.py. */
  cr_expect_str_eq (got, "a.md@0:0 a.md@2:8 a.md@2:21 b.py@0:2");
  /* The plural is part of the hit. */
  cr_expect_eq (tjson_int (list, "1.range.end.character"), 13);

  g_autofree char *with = references_params (f, a, text_a, "LoRA", TRUE);
  g_autoptr (JsonNode) decl = feat_request (f, "textDocument/references", with);
  g_autofree char *got_decl = summary (f, decl);
  cr_expect_str_eq (got_decl, "a.md@0:0 a.md@2:8 a.md@2:21 b.py@0:2 terms.txt@0:0");
}

GLS_TEST (references, null_when_not_on_a_term)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *a = feat_uri (f, "a.md");
  const char *text = "Nothing here about LoRA.\n";

  feat_open (f, a, "markdown", text);
  g_autofree char *params = references_params (f, a, text, "Nothing", TRUE);
  g_autoptr (JsonNode) none = feat_request (f, "textDocument/references", params);
  cr_expect (JSON_NODE_HOLDS_NULL (none));
  g_autoptr (JsonNode) bad = feat_request_raw (
    f, "textDocument/references",
    "{\"textDocument\":{\"uri\":\"file:///x\"},\"position\":{\"line\":0,\"character\":0},"
    "\"context\":{\"includeDeclaration\":\"yes\"}}");
  cr_expect_eq (tjson_int (bad, "error.code"), -32602);
}

GLS_TEST (references, follows_edits_between_requests)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *a = feat_uri (f, "a.md");
  const char *v1 = "RoPE once.\n";
  const char *v2 = "RoPE once.\nRoPE twice.\n";

  feat_open (f, a, "markdown", v1);
  g_autofree char *p1 = references_params (f, a, v1, "RoPE", FALSE);
  g_autoptr (JsonNode) one = feat_request (f, "textDocument/references", p1);
  cr_expect_eq (tjson_len (one, ""), 1);
  feat_replace (f, a, 2, v2);
  g_autoptr (JsonNode) two = feat_request (f, "textDocument/references", p1);
  cr_expect_eq (tjson_len (two, ""), 2);
}

/* A request cancelled while its walk is pending gets -32800 and nothing
 * else: the next request's answer is the next message about either id. */
GLS_TEST (references, cancellation_stops_the_walk)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autoptr (GString) big = g_string_new (NULL);
  for (guint i = 0; i < 2000; i++)
    g_string_append (big, "Some LoRA text with rotary position embeddings in it.\n");
  for (guint d = 0; d < 20; d++)
    {
      g_autofree char *name = g_strdup_printf ("doc%02u.md", d);
      g_autofree char *uri = feat_uri (f, name);
      feat_open (f, uri, "markdown", big->str);
    }
  g_autofree char *first = feat_uri (f, "doc00.md");
  g_autofree char *params = references_params (f, first, big->str, "LoRA", TRUE);
  /* Both frames in one write: the cancellation is read right after the
   * request's handler returned, before the walk's first idle step. */
  g_autofree char *request = g_strdup_printf (
    "{\"jsonrpc\":\"2.0\",\"id\":9001,\"method\":\"textDocument/references\",\"params\":%s}", params);
  const char *cancel = "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":9001}}";
  g_autofree char *frames = g_strdup_printf ("Content-Length: %zu\r\n\r\n%sContent-Length: %zu\r\n\r\n%s",
                                             strlen (request), request, strlen (cancel), cancel);
  gls_test_peer_send_raw (f->peer, frames, strlen (frames));

  /* The next request answered after it proves no late reply to 9001. */
  g_autofree char *hover = references_params (f, first, big->str, "rotary", FALSE);
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":9002,\"method\":\"textDocument/hover\","
                      "\"params\":%s}", hover);
  guint cancelled = 0, answered = 0;
  while (answered == 0)
    {
      g_autoptr (GVariant) v = gls_test_peer_recv (f->peer);
      g_autoptr (JsonNode) node = json_gvariant_serialize (v);
      JsonNode *id = tjson_path (node, "id");
      if (id == NULL || tjson_path (node, "method") != NULL)
        continue;
      if (json_node_get_int (id) == 9001)
        {
          cr_expect_eq (tjson_int (node, "error.code"), -32800);
          cancelled++;
        }
      else if (json_node_get_int (id) == 9002)
        answered++;
    }
  cr_expect_eq (cancelled, 1);

  /* Let any stray step run (the walk yields to the main loop between
   * documents): nothing more may arrive for 9001. */
  for (gint64 barrier = 9003; barrier < 9006; barrier++)
    {
      gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT
                          ",\"method\":\"textDocument/hover\",\"params\":%s}", barrier, hover);
      for (;;)
        {
          g_autoptr (GVariant) v = gls_test_peer_recv (f->peer);
          g_autoptr (JsonNode) node = json_gvariant_serialize (v);
          JsonNode *id = tjson_path (node, "id");
          if (id == NULL || tjson_path (node, "method") != NULL)
            continue;
          cr_assert_neq (json_node_get_int (id), 9001, "a second reply to the cancelled request");
          if (json_node_get_int (id) == barrier)
            break;
        }
    }
}
