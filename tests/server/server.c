/* Tests of the LSP lifecycle (GlsServer) through pipes. */
#include <criterion/criterion.h>

#include "common/leak-check.h"
#include <string.h>

#include "harness.h"
#include "server/server.h"

typedef struct
{
  GlsTestPeer *peer;
  GlsServer   *server;
  gboolean     exited;
  int          exit_code;
  guint        initialized_hooks;
  guint        shutdown_hooks;
  guint        feature_calls;
  GlsServerState state_in_shutdown_hook;
} Fixture;

static void
on_server_exit (GlsServer *server, int exit_code, gpointer user_data)
{
  Fixture *f = user_data;

  f->exited = TRUE;
  f->exit_code = exit_code;
}

static void
count_hook (GlsServer *server, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
shutdown_hook (GlsServer *server, gpointer user_data)
{
  Fixture *f = user_data;

  f->shutdown_hooks++;
  f->state_in_shutdown_hook = gls_server_get_state (server);
}

/* A feature: a request handler, and a capability computed from what the
 * client said at initialize. */
static void
feature_handler (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  Fixture *f = user_data;

  f->feature_calls++;
  gls_rpc_request_reply (request, g_variant_new_string ("feature"));
}

static GVariant *
feature_capability (GlsServer *server, gpointer user_data)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&dict, "resolveProvider", "b",
                         gls_server_client_supports (
                             server, "textDocument.completion.dynamicRegistration"));
  return g_variant_dict_end (&dict);
}

static Fixture *
fixture_new (void)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->peer = gls_test_peer_new ();
  f->server = gls_server_new (f->peer->server_in, f->peer->server_out);
  f->exit_code = -1;
  gls_server_set_exit_func (f->server, on_server_exit, f);
  gls_server_add_initialized_hook (f->server, count_hook, &f->initialized_hooks,
                                   NULL);
  gls_server_add_shutdown_hook (f->server, shutdown_hook, f, NULL);
  gls_rpc_add_request_handler (gls_server_get_rpc (f->server), "feature/do",
                               feature_handler, f, NULL);
  cr_assert (gls_server_add_capability (f->server, "hoverProvider",
                                        g_variant_new_boolean (TRUE)));
  cr_assert (gls_server_add_capability (f->server, "workspace.workspaceFolders",
                                        g_variant_new_parsed (
                                            "{'supported': <true>}")));
  cr_assert (gls_server_add_capability_func (f->server, "completionProvider",
                                             feature_capability, NULL, NULL));
  gls_server_start (f->server);
  return f;
}

static void
fixture_free (Fixture *f)
{
  gls_server_free (f->server);
  gls_test_peer_free (f->peer);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static char *
member_json (GVariant *message, const char *path)
{
  g_autoptr(GVariant) value = gls_test_member (message, path);

  return gls_test_to_json (value);
}

static GVariant *
initialize (Fixture *f, const char *params_json)
{
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                               "\"params\":%s}", params_json);
  return gls_test_peer_recv (f->peer);
}

static void
initialize_ok (Fixture *f)
{
  g_autoptr(GVariant) reply = initialize (f, "{\"processId\":null,\"rootUri\":null,"
                                             "\"capabilities\":{}}");
  gls_test_expect_result (reply, g_variant_new_int64 (0));
}

GLS_TEST (server, initialize_result)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autoptr(GVariant) reply = initialize (
      f, "{\"processId\":1234,\"rootUri\":\"file:///ws\",\"capabilities\":"
         "{\"textDocument\":{\"completion\":{\"dynamicRegistration\":true}}},"
         "\"clientInfo\":{\"name\":\"test-client\"},"
         "\"initializationOptions\":{\"glossary\":\"g.txt\"},"
         "\"workspaceFolders\":[{\"uri\":\"file:///ws\",\"name\":\"ws\"},"
         "{\"uri\":\"file:///other\",\"name\":\"o\"}]}");

  gls_test_expect_result (reply, g_variant_new_int64 (0));
  g_autofree char *caps = member_json (reply, "result.capabilities");
  cr_expect_str_eq (caps, "{\"positionEncoding\":\"utf-16\",\"hoverProvider\":true,"
                          "\"workspace\":{\"workspaceFolders\":{\"supported\":true}},"
                          "\"completionProvider\":{\"resolveProvider\":true}}");
  g_autofree char *info = member_json (reply, "result.serverInfo.name");
  cr_expect_str_eq (info, "\"glossary-ls\"");
  g_autoptr(GVariant) version = gls_test_member (reply, "result.serverInfo.version");
  cr_expect_not_null (version);

  cr_expect_eq (gls_server_get_state (f->server), GLS_SERVER_INITIALIZED);
  cr_expect_str_eq (gls_server_get_root_uri (f->server), "file:///ws");
  cr_expect_str_eq (gls_server_get_client_name (f->server), "test-client");
  const char *const *folders = gls_server_get_workspace_folders (f->server);
  cr_assert_eq (g_strv_length ((char **) folders), 2);
  cr_expect_str_eq (folders[1], "file:///other");
  g_autofree char *options = gls_test_to_json (
      gls_server_get_initialization_options (f->server));
  cr_expect_str_eq (options, "{\"glossary\":\"g.txt\"}");
  cr_expect (gls_server_client_supports (f->server,
                                         "textDocument.completion.dynamicRegistration"));
  cr_expect (!gls_server_client_supports (f->server, "textDocument.hover"));
  cr_expect_not_null (gls_server_get_initialize_params (f->server));
}

GLS_TEST (server, root_path_and_no_folders)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autoptr(GVariant) reply = initialize (f, "{\"rootPath\":\"/tmp/my ws\"}");

  gls_test_expect_result (reply, g_variant_new_int64 (0));
  cr_expect_str_eq (gls_server_get_root_uri (f->server), "file:///tmp/my%20ws");
  const char *const *folders = gls_server_get_workspace_folders (f->server);
  cr_assert_eq (g_strv_length ((char **) folders), 1);
  cr_expect_str_eq (folders[0], "file:///tmp/my%20ws");
  g_autoptr(GVariant) caps = gls_test_member (reply, "result.capabilities");
  cr_expect_not_null (caps, "capabilities absent is tolerated");
  cr_expect_null (gls_server_get_initialization_options (f->server));
}

static char *
negotiate (const char *encodings_json)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autofree char *params = encodings_json != NULL
    ? g_strdup_printf ("{\"capabilities\":{\"general\":{\"positionEncodings\":%s}}}",
                       encodings_json)
    : g_strdup ("{\"capabilities\":{}}");
  g_autoptr(GVariant) reply = initialize (f, params);

  gls_test_expect_result (reply, g_variant_new_int64 (0));
  g_autoptr(GVariant) chosen = gls_test_member (reply,
                                                "result.capabilities.positionEncoding");
  cr_assert_not_null (chosen);
  cr_assert_str_eq (g_variant_get_string (chosen, NULL),
                    gls_position_encoding_to_string (
                        gls_server_get_position_encoding (f->server)));
  return g_variant_dup_string (chosen, NULL);
}

GLS_TEST (server, position_encoding_negotiation)
{
  g_autofree char *utf8 = negotiate ("[\"utf-8\",\"utf-16\"]");
  g_autofree char *utf32 = negotiate ("[\"utf-32\",\"utf-8\"]");
  g_autofree char *skip = negotiate ("[\"utf-7\",3,\"utf-8\"]");
  g_autofree char *unknown = negotiate ("[\"latin-1\"]");
  g_autofree char *empty = negotiate ("[]");
  g_autofree char *absent = negotiate (NULL);

  cr_expect_str_eq (utf8, "utf-8");
  cr_expect_str_eq (utf32, "utf-32", "the client's first preference wins");
  cr_expect_str_eq (skip, "utf-8", "unknown names are skipped");
  cr_expect_str_eq (unknown, "utf-16");
  cr_expect_str_eq (empty, "utf-16");
  cr_expect_str_eq (absent, "utf-16");
}

GLS_TEST (server, requests_before_initialize)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"feature/do\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"no/such\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}");
  for (gint64 id = 1; id <= 3; id++)
    {
      g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
      gls_test_expect_error (reply, g_variant_new_int64 (id), -32002);
    }
  initialize_ok (f);
  cr_expect_eq (f->feature_calls, 0);
  cr_expect_eq (f->initialized_hooks, 0, "the early notification was dropped");
}

GLS_TEST (server, invalid_initialize_params)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}");
  g_autoptr(GVariant) none = gls_test_peer_recv (f->peer);
  gls_test_expect_error (none, g_variant_new_int64 (1), -32602);

  g_autoptr(GVariant) wrong = initialize (f, "{\"rootUri\":5}");
  gls_test_expect_error (wrong, g_variant_new_int64 (0), -32602);
  g_autoptr(GVariant) text = gls_test_member (wrong, "error.message");
  cr_expect (strstr (g_variant_get_string (text, NULL), "rootUri") != NULL);

  g_autoptr(GVariant) folder = initialize (f, "{\"workspaceFolders\":[{\"name\":1}]}");
  gls_test_expect_error (folder, g_variant_new_int64 (0), -32602);
  cr_expect_eq (gls_server_get_state (f->server), GLS_SERVER_UNINITIALIZED);

  /* A failed initialize can be retried. */
  initialize_ok (f);
}

GLS_TEST (server, full_lifecycle_exits_zero)
{
  g_autoptr(Fixture) f = fixture_new ();

  initialize_ok (f);
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\","
                               "\"params\":{}}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"feature/do\"}");
  g_autoptr(GVariant) feature = gls_test_peer_recv (f->peer);
  gls_test_expect_result (feature, g_variant_new_int64 (1));
  cr_expect_eq (f->initialized_hooks, 1);

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":\"bye\",\"method\":\"initialize\","
                               "\"params\":{}}");
  g_autoptr(GVariant) again = gls_test_peer_recv (f->peer);
  gls_test_expect_error (again, g_variant_new_string ("bye"), -32600);

  /* shutdown exactly as VS Code sends it: no params key. */
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
  g_autoptr(GVariant) shutdown = gls_test_peer_recv (f->peer);
  gls_test_expect_result (shutdown, g_variant_new_int64 (2));
  g_autofree char *result = member_json (shutdown, "result");
  cr_expect_str_eq (result, "null");
  cr_expect_eq (f->shutdown_hooks, 1);
  cr_expect_eq (f->state_in_shutdown_hook, GLS_SERVER_SHUTDOWN);

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"feature/do\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"shutdown\"}");
  for (gint64 id = 3; id <= 4; id++)
    {
      g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
      gls_test_expect_error (reply, g_variant_new_int64 (id), -32600);
    }
  cr_expect_eq (f->feature_calls, 1);
  cr_expect_eq (gls_server_get_exit_code (f->server), -1);

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  gls_test_peer_wait (f->peer, &f->exited);
  cr_expect_eq (f->exit_code, 0);
  cr_expect_eq (gls_server_get_exit_code (f->server), 0);
  cr_expect_eq (gls_server_get_state (f->server), GLS_SERVER_EXITED);
  /* Nothing is read after exit. */
  cr_expect (gls_rpc_is_closed (gls_server_get_rpc (f->server)));
}

GLS_TEST (server, exit_without_shutdown_exits_one)
{
  g_autoptr(Fixture) f = fixture_new ();

  initialize_ok (f);
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  gls_test_peer_wait (f->peer, &f->exited);
  cr_expect_eq (f->exit_code, 1);
}

GLS_TEST (server, exit_before_initialize_exits_one)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  gls_test_peer_wait (f->peer, &f->exited);
  cr_expect_eq (f->exit_code, 1);
}

GLS_TEST (server, end_of_input_exits)
{
  g_autoptr(Fixture) crashed = fixture_new ();

  initialize_ok (crashed);
  gls_test_peer_close_output (crashed->peer);
  gls_test_peer_wait (crashed->peer, &crashed->exited);
  cr_expect_eq (crashed->exit_code, 1, "no shutdown: abnormal");

  g_autoptr(Fixture) polite = fixture_new ();
  initialize_ok (polite);
  gls_test_peer_send (polite->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}");
  g_autoptr(GVariant) reply = gls_test_peer_recv (polite->peer);
  gls_test_expect_result (reply, g_variant_new_int64 (1));
  gls_test_peer_close_output (polite->peer);
  gls_test_peer_wait (polite->peer, &polite->exited);
  cr_expect_eq (polite->exit_code, 0, "shutdown then end of input");
}

GLS_TEST (server, capabilities_after_initialize_are_refused)
{
  g_autoptr(Fixture) f = fixture_new ();

  cr_expect (!gls_server_add_capability (f->server, "hoverProvider",
                                         g_variant_new_boolean (FALSE)),
             "a path is registered once");
  cr_expect (!gls_server_add_capability (f->server, "positionEncoding",
                                         g_variant_new_string ("utf-8")),
             "the server owns positionEncoding");
  initialize_ok (f);
  cr_expect (!gls_server_add_capability (f->server, "renameProvider",
                                         g_variant_new_boolean (TRUE)));
}

GLS_TEST (server, log_message_notification)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_server_log_message (f->server, GLS_MESSAGE_TYPE_WARNING, "glossary %s", "x");
  g_autoptr(GVariant) message = gls_test_peer_recv (f->peer);
  g_autofree char *method = member_json (message, "method");
  g_autofree char *params = member_json (message, "params");
  cr_expect_str_eq (method, "\"window/logMessage\"");
  cr_expect (strstr (params, "\"type\":2") != NULL, "%s", params);
  cr_expect (strstr (params, "\"message\":\"glossary x\"") != NULL, "%s", params);
}

GLS_TEST (server, run_returns_the_exit_code)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GString) script = g_string_new (NULL);
  const char *bodies[] = {
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}",
    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    g_string_append_printf (script, "Content-Length: %zu\r\n\r\n%s",
                            strlen (bodies[i]), bodies[i]);
  gls_test_peer_send_raw (peer, script->str, script->len);

  g_autoptr(GlsServer) server = gls_server_new (peer->server_in, peer->server_out);
  cr_expect_eq (gls_server_run (server), 0);
  /* run() flushed: both replies are already in the pipe. */
  g_autoptr(GVariant) first = gls_test_peer_recv (peer);
  g_autoptr(GVariant) second = gls_test_peer_recv (peer);
  gls_test_expect_result (first, g_variant_new_int64 (1));
  gls_test_expect_result (second, g_variant_new_int64 (2));
}
