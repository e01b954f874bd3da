/* feature_fixture.c — see feature_fixture.h. */
#include "feature_fixture.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

#include "common/tmp-dir.h"

#include "feature_glossary.h"
#include "server/features/features.h"
#include "test_workspace.h"

char *
feat_json_string (const char *text)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, text);
  return json_to_string (node, FALSE);
}

char *
feat_uri (FeatFixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  return g_filename_to_uri (path, NULL, NULL);
}

/* ---- JSON ----------------------------------------------------------------- */

gboolean
feat_range_is (JsonNode *node, const char *path, gint64 sl, gint64 sc, gint64 el, gint64 ec)
{
  JsonNode *range = tjson_path (node, path);

  return range != NULL && tjson_int (range, "start.line") == sl &&
         tjson_int (range, "start.character") == sc && tjson_int (range, "end.line") == el &&
         tjson_int (range, "end.character") == ec;
}

/* ---- positions ------------------------------------------------------------ */

void
feat_offset_position (const char *text, gsize offset, GlsPositionEncoding encoding,
                      gint64 *line, gint64 *character)
{
  gsize line_start = 0;

  *line = 0;
  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      {
        (*line)++;
        line_start = i + 1;
      }
  if (encoding == GLS_POSITION_UTF8)
    *character = (gint64) (offset - line_start);
  else
    {
      glong units = 0;
      g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text + line_start, (glong) (offset - line_start),
                                                     NULL, &units, NULL);
      cr_assert_not_null (utf16, "test texts are valid UTF-8");
      *character = encoding == GLS_POSITION_UTF16
                     ? units
                     : (gint64) g_utf8_strlen (text + line_start, (gssize) (offset - line_start));
    }
}

void
feat_position (const char *text, const char *needle, guint occurrence, gsize delta,
               GlsPositionEncoding encoding, gint64 *line, gint64 *character)
{
  const char *at = text;

  for (guint i = 0; i <= occurrence; i++)
    {
      at = strstr (i == 0 ? at : at + 1, needle);
      cr_assert_not_null (at, "'%s' (occurrence %u) not in the test text", needle, occurrence);
    }
  feat_offset_position (text, (gsize) (at - text) + delta, encoding, line, character);
}

char *
feat_position_params (const char *uri, gint64 line, gint64 character, const char *extra)
{
  return g_strdup_printf ("{\"textDocument\":{\"uri\":\"%s\"},\"position\":{\"line\":%" G_GINT64_FORMAT
                          ",\"character\":%" G_GINT64_FORMAT "}%s%s}",
                          uri, line, character, extra != NULL ? "," : "", extra != NULL ? extra : "");
}

/* ---- messages ------------------------------------------------------------- */

/* The next response to id; notifications are dropped, requests from the
 * server answered with null. */
static JsonNode *
response_to (FeatFixture *f, gint64 id)
{
  for (;;)
    {
      g_autoptr (GVariant) v = gls_test_peer_recv (f->peer);
      JsonNode *node = json_gvariant_serialize (v);
      JsonNode *node_id = tjson_path (node, "id");
      gboolean has_method = tjson_path (node, "method") != NULL;

      if (has_method && node_id != NULL)
        {
          g_autofree char *id_json = json_to_string (node_id, FALSE);
          gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":null}", id_json);
        }
      else if (!has_method && node_id != NULL && JSON_NODE_HOLDS_VALUE (node_id) &&
               json_node_get_value_type (node_id) == G_TYPE_INT64 && json_node_get_int (node_id) == id)
        return node;
      json_node_unref (node);
    }
}

JsonNode *
feat_request_raw (FeatFixture *f, const char *method, const char *params_json)
{
  gint64 id = f->next_id++;

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT
                      ",\"method\":\"%s\",\"params\":%s}",
                      id, method, params_json != NULL ? params_json : "null");
  return response_to (f, id);
}

JsonNode *
feat_request (FeatFixture *f, const char *method, const char *params_json)
{
  g_autoptr (JsonNode) response = feat_request_raw (f, method, params_json);
  g_autofree char *json = tjson_text (response);
  JsonNode *result = tjson_path (response, "result");

  cr_assert (result != NULL, "%s failed: %s", method, json);
  return json_node_copy (result);
}

static void
notify (FeatFixture *f, const char *method, const char *params_json)
{
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"%s\",\"params\":%s}", method,
                      params_json);
}

void
feat_open (FeatFixture *f, const char *uri, const char *language_id, const char *text)
{
  g_autofree char *t = feat_json_string (text);
  g_autofree char *params = g_strdup_printf (
    "{\"textDocument\":{\"uri\":\"%s\",\"languageId\":\"%s\",\"version\":1,\"text\":%s}}", uri,
    language_id, t);
  notify (f, "textDocument/didOpen", params);
}

void
feat_replace (FeatFixture *f, const char *uri, gint64 version, const char *text)
{
  g_autofree char *t = feat_json_string (text);
  g_autofree char *params = g_strdup_printf (
    "{\"textDocument\":{\"uri\":\"%s\",\"version\":%" G_GINT64_FORMAT "},"
    "\"contentChanges\":[{\"text\":%s}]}", uri, version, t);
  notify (f, "textDocument/didChange", params);
}

/* ---- lifetime ------------------------------------------------------------- */

FeatFixture *
feat_new (const FeatSetup *setup)
{
  static const FeatSetup defaults = { 0 };
  FeatFixture *f = g_new0 (FeatFixture, 1);
  g_autoptr (GError) error = NULL;

  if (setup == NULL)
    setup = &defaults;
  f->dir = g_dir_make_tmp ("gls-feat-XXXXXX", &error);
  cr_assert_not_null (f->dir, "%s", error != NULL ? error->message : "");
  f->glossary_path = g_build_filename (f->dir, setup->glossary_name != NULL ? setup->glossary_name : "terms.txt",
                                      NULL);
  f->glossary_uri = g_filename_to_uri (f->glossary_path, NULL, NULL);
  cr_assert (g_file_set_contents (f->glossary_path,
                                  setup->glossary_text != NULL ? setup->glossary_text
                                                               : GLS_TEST_GLOSSARY_TEXT,
                                  -1, &error), "%s", error != NULL ? error->message : "");
  f->next_id = 1;

  f->peer = gls_test_peer_new ();
  f->server = gls_server_new (f->peer->server_in, f->peer->server_out);
  f->ws = gls_test_workspace_new (f->server, f->dir, f->glossary_path, FALSE);
  gls_features_register_all (f->server, f->ws);
  gls_server_start (f->server);

  g_autofree char *root = g_filename_to_uri (f->dir, NULL, NULL);
  g_autofree char *params = g_strdup_printf (
    "{\"processId\":null,\"rootUri\":\"%s\",\"capabilities\":%s,"
    "\"initializationOptions\":{\"diagnosticsDelay\":0}}",
    root, setup->capabilities != NULL ? setup->capabilities : "{}");
  g_autoptr (JsonNode) result = feat_request (f, "initialize", params);
  const char *encoding = tjson_str (result, "capabilities.positionEncoding");
  cr_assert (encoding != NULL && gls_position_encoding_parse (encoding, &f->encoding));
  notify (f, "initialized", "{}");
  return f;
}

void
feat_free (FeatFixture *f)
{
  if (f == NULL)
    return;
  gls_server_free (f->server);
  /* Let queued writes and pending callbacks of the closed server finish. */
  while (g_main_context_iteration (f->peer->context, FALSE))
    ;
  gls_test_peer_free (f->peer);
  gls_tmp_remove (f->dir);
  g_free (f->dir);
  g_free (f->glossary_path);
  g_free (f->glossary_uri);
  g_free (f);
}
