/* ws_fixture.c — see ws_fixture.h. */
#include "ws_fixture.h"

#include "server/features/features.h"
#include "test_workspace.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

#include "common/tmp-dir.h"

#include "server/server.h"
#include "text/lines.h"
#include "text/position.h"

const char *const ws_default_glossary =
  "lora, low-rank adaptation, fine-tuning\n"
  "**LoRA (Low-Rank Adaptation)**\n"
  "LoRA fine-tunes a model by learning low-rank updates. LoRA adapters are small.\n"
  "rotary position embedding, rope, positional encoding\n"
  "**Rotary Position Embedding (RoPE)**\n"
  "RoPE encodes positions by rotating query and key vectors.\n"
  "pytorch, framework\n"
  "**PyTorch**\n"
  "PyTorch is a deep learning framework. PyTorch models are modules.\n"
  "levenshtein transformer, sequence generation\n"
  "**Levenshtein Transformer**\n"
  "A model that edits sequences with insertions and deletions.\n";

char *
ws_json_string (const char *text)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, text);
  return json_to_string (node, FALSE);
}

void
ws_write_file (WsFixture *f, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;
  cr_assert (g_file_set_contents (path, text, -1, &error), "%s", error ? error->message : "");
}

char *
ws_uri (WsFixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  return g_filename_to_uri (path, NULL, NULL);
}

/* ---- messages -------------------------------------------------------------- */

static void
answer (WsFixture *f, JsonNode *message)
{
  const char *method = tjson_str (message, "method");
  g_autofree char *id = json_to_string (tjson_path (message, "id"), FALSE);
  const char *result = "null";

  if (g_str_equal (method, "workspace/configuration"))
    {
      f->config_pulls++;
      result = f->config_answer != NULL ? f->config_answer : "[null]";
    }
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":%s}", id, result);
}

/* Reads one message from the server; requests are answered and skipped. */
static JsonNode *
next_message (WsFixture *f)
{
  for (;;)
    {
      g_autoptr (GVariant) v = gls_test_peer_recv (f->peer);
      JsonNode *node = json_gvariant_serialize (v);
      if (tjson_path (node, "method") != NULL && tjson_path (node, "id") != NULL)
        {
          answer (f, node);
          json_node_unref (node);
          continue;
        }
      return node;
    }
}

/* The first queued or new message accepted by pred, removed from the queue. */
static JsonNode *
take (WsFixture *f, gboolean (*pred) (JsonNode *, gpointer), gpointer data)
{
  for (GList *l = f->inbox->head; l != NULL; l = l->next)
    if (pred (l->data, data))
      {
        JsonNode *node = l->data;
        g_queue_delete_link (f->inbox, l);
        return node;
      }
  for (;;)
    {
      JsonNode *node = next_message (f);
      if (pred (node, data))
        return node;
      g_queue_push_tail (f->inbox, node);
    }
}

void
ws_drain (WsFixture *f)
{
  g_queue_clear_full (f->inbox, (GDestroyNotify) json_node_unref);
}

static gboolean
is_response_to (JsonNode *node, gpointer data)
{
  JsonNode *id = tjson_path (node, "id");
  return tjson_path (node, "method") == NULL && id != NULL && JSON_NODE_HOLDS_VALUE (id) &&
         json_node_get_value_type (id) == G_TYPE_INT64 && json_node_get_int (id) == *(gint64 *) data;
}

JsonNode *
ws_request_raw (WsFixture *f, const char *method, const char *params_json)
{
  gint64 id = f->next_id++;
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT ",\"method\":\"%s\",\"params\":%s}",
                      id, method, params_json != NULL ? params_json : "null");
  return take (f, is_response_to, &id);
}

JsonNode *
ws_request (WsFixture *f, const char *method, const char *params_json)
{
  g_autoptr (JsonNode) response = ws_request_raw (f, method, params_json);
  g_autofree char *json = tjson_text (response);
  JsonNode *result = tjson_path (response, "result");
  cr_assert (result != NULL, "%s failed: %s", method, json);
  return json_node_copy (result);
}

void
ws_sync (WsFixture *f)
{
  /* No handler: answered -32601 in order, after everything sent before. */
  g_autoptr (JsonNode) response = ws_request_raw (f, "$/glossaryLsTestBarrier", "{}");
  cr_assert (tjson_path (response, "error") != NULL);
}

static gboolean
give_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
ws_wait_idle (WsFixture *f)
{
  gboolean timed_out = FALSE;
  g_autoptr (GSource) timeout = g_timeout_source_new_seconds (GLS_TEST_WAIT_SECONDS);

  g_source_set_callback (timeout, give_up, &timed_out, NULL);
  g_source_attach (timeout, f->peer->context);
  while (!gls_workspace_is_idle (f->ws) && !timed_out)
    g_main_context_iteration (f->peer->context, TRUE);
  g_source_destroy (timeout);
  cr_assert (!timed_out, "the workspace did not become idle within %d s", GLS_TEST_WAIT_SECONDS);
}

void
ws_notify (WsFixture *f, const char *method, const char *params_json)
{
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"%s\",\"params\":%s}", method,
                      params_json != NULL ? params_json : "null");
}

void
ws_open (WsFixture *f, const char *uri, const char *language_id, const char *text)
{
  g_autofree char *t = ws_json_string (text);
  g_autofree char *params = g_strdup_printf (
    "{\"textDocument\":{\"uri\":\"%s\",\"languageId\":\"%s\",\"version\":1,\"text\":%s}}", uri,
    language_id, t);
  ws_notify (f, "textDocument/didOpen", params);
}

void
ws_change (WsFixture *f, const char *uri, gint64 version, gint64 sl, gint64 sc, gint64 el, gint64 ec,
           const char *text)
{
  g_autofree char *t = ws_json_string (text);
  g_autofree char *params = NULL;
  if (sl < 0)
    params = g_strdup_printf ("{\"textDocument\":{\"uri\":\"%s\",\"version\":%" G_GINT64_FORMAT
                              "},\"contentChanges\":[{\"text\":%s}]}", uri, version, t);
  else
    params = g_strdup_printf (
      "{\"textDocument\":{\"uri\":\"%s\",\"version\":%" G_GINT64_FORMAT "},\"contentChanges\":[{"
      "\"range\":{\"start\":{\"line\":%" G_GINT64_FORMAT ",\"character\":%" G_GINT64_FORMAT "},"
      "\"end\":{\"line\":%" G_GINT64_FORMAT ",\"character\":%" G_GINT64_FORMAT "}},\"text\":%s}]}",
      uri, version, sl, sc, el, ec, t);
  ws_notify (f, "textDocument/didChange", params);
}

void
ws_close (WsFixture *f, const char *uri)
{
  g_autofree char *params = g_strdup_printf ("{\"textDocument\":{\"uri\":\"%s\"}}", uri);
  ws_notify (f, "textDocument/didClose", params);
}

typedef struct
{
  const char *method;
  const char *uri;
  const char *needle;
  gint64      min_version;
} Want;

static gboolean
is_wanted (JsonNode *node, gpointer data)
{
  const Want *w = data;
  JsonNode *method = tjson_path (node, "method");
  if (method == NULL || !g_str_equal (json_node_get_string (method), w->method))
    return FALSE;
  if (w->uri != NULL)
    {
      JsonNode *uri = tjson_path (node, "params.uri");
      if (uri == NULL || !g_str_equal (json_node_get_string (uri), w->uri))
        return FALSE;
    }
  if (w->min_version >= 0)
    {
      JsonNode *version = tjson_path (node, "params.version");
      if (version == NULL || json_node_get_int (version) < w->min_version)
        return FALSE;
    }
  if (w->needle != NULL)
    {
      g_autofree char *json = tjson_text (node);
      if (strstr (json, w->needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

JsonNode *
ws_wait_diagnostics (WsFixture *f, const char *uri, gint64 min_version)
{
  Want w = { "textDocument/publishDiagnostics", uri, NULL, min_version };
  g_autoptr (JsonNode) message = take (f, is_wanted, &w);
  return json_node_copy (tjson_path (message, "params"));
}

JsonNode *
ws_wait_notification (WsFixture *f, const char *method, const char *needle)
{
  Want w = { method, NULL, needle, -1 };
  g_autoptr (JsonNode) message = take (f, is_wanted, &w);
  return json_node_copy (tjson_path (message, "params"));
}

/* ---- JSON ------------------------------------------------------------------- */

char *
ws_diag_summary (JsonNode *params)
{
  g_autoptr (GString) s = g_string_new (NULL);
  guint n = tjson_len (params, "diagnostics");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *base = g_strdup_printf ("diagnostics.%u", i);
      g_autofree char *code = g_strconcat (base, ".code", NULL);
      g_autofree char *line = g_strconcat (base, ".range.start.line", NULL);
      g_autofree char *ch = g_strconcat (base, ".range.start.character", NULL);
      g_string_append_printf (s, "%s%s@%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, i ? " " : "",
                              tjson_str (params, code), tjson_int (params, line), tjson_int (params, ch));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

typedef struct
{
  gsize       start;
  gsize       end;
  const char *text;
} Edit;

static int
edit_cmp (gconstpointer a, gconstpointer b)
{
  const Edit *x = a, *y = b;
  return x->start < y->start ? 1 : x->start > y->start ? -1 : 0;
}

char *
ws_apply_edits (const char *text, JsonNode *edits, GlsPositionEncoding encoding)
{
  gsize len = strlen (text);
  g_autoptr (GlsLineIndex) index = gls_line_index_new (text, len);
  g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (Edit));
  guint n = json_array_get_length (json_node_get_array (edits));

  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (json_node_get_array (edits), i);
      Edit edit = {
        gls_position_to_offset (index, text, len, tjson_int (e, "range.start.line"),
                                tjson_int (e, "range.start.character"), encoding),
        gls_position_to_offset (index, text, len, tjson_int (e, "range.end.line"),
                                tjson_int (e, "range.end.character"), encoding),
        tjson_str (e, "newText"),
      };
      g_array_append_val (list, edit);
    }
  /* From the end, so earlier offsets stay valid. */
  g_array_sort (list, edit_cmp);
  g_autoptr (GString) out = g_string_new (text);
  for (guint i = 0; i < list->len; i++)
    {
      const Edit *e = &g_array_index (list, Edit, i);
      g_string_erase (out, (gssize) e->start, (gssize) (e->end - e->start));
      g_string_insert (out, (gssize) e->start, e->text);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- lifetime ----------------------------------------------------------------- */

WsFixture *
ws_fixture_new (const WsSetup *setup)
{
  static const WsSetup defaults = { 0 };
  WsFixture *f = g_new0 (WsFixture, 1);
  g_autoptr (GError) error = NULL;

  if (setup == NULL)
    setup = &defaults;
  f->dir = g_dir_make_tmp ("gls-ws-XXXXXX", &error);
  cr_assert (f->dir != NULL, "%s", error ? error->message : "");
  f->root_uri = g_filename_to_uri (f->dir, NULL, NULL);
  f->glossary_path = g_build_filename (f->dir, "terms.txt", NULL);
  ws_write_file (f, "terms.txt", setup->glossary_text != NULL ? setup->glossary_text : ws_default_glossary);
  if (setup->project_file != NULL)
    ws_write_file (f, ".glossary-ls.json", setup->project_file);
  f->inbox = g_queue_new ();
  f->next_id = 1;

  f->peer = gls_test_peer_new ();
  f->server = gls_server_new (f->peer->server_in, f->peer->server_out);
  f->ws = gls_test_workspace_new (f->server, f->dir, f->glossary_path, setup->file_monitors);
  /* What the workspace tests drive: sync, code actions, configuration. */
  gls_sync_register (f->server, f->ws);
  gls_code_action_register (f->server, f->ws);
  gls_configuration_register (f->server, f->ws);
  gls_server_start (f->server);

  g_autofree char *params = g_strdup_printf (
    "{\"processId\":null,\"rootUri\":\"%s\",\"capabilities\":%s,\"initializationOptions\":%s}",
    f->root_uri, setup->capabilities != NULL ? setup->capabilities : "{}",
    setup->init_options != NULL ? setup->init_options : "{\"diagnosticsDelay\":0}");
  g_autoptr (JsonNode) result = ws_request (f, "initialize", params);
  if (!setup->skip_initialized)
    ws_notify (f, "initialized", "{}");
  return f;
}

void
ws_fixture_free (WsFixture *f)
{
  if (f == NULL)
    return;
  ws_wait_idle (f);
  gls_server_free (f->server);
  gls_test_peer_free (f->peer);
  g_queue_free_full (f->inbox, (GDestroyNotify) json_node_unref);
  gls_tmp_remove (f->dir);
  g_free (f->dir);
  g_free (f->root_uri);
  g_free (f->glossary_path);
  g_free (f->config_answer);
  g_free (f);
}
