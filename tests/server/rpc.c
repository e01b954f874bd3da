/* Tests of GlsRpc through pipes: dispatch, error replies, the one-reply
 * guarantee, cancellation, ordering, server->client messages, end of input. */
#include <criterion/criterion.h>

#include "common/leak-check.h"
#include <string.h>

#include "harness.h"
#include "server/transport/params.h"
#include "server/transport/rpc.h"

/* What the handlers below saw, for assertions. */
typedef struct
{
  GString       *log;          /* notifications applied, in order */
  GlsRpcRequest *held;         /* a request kept for a later reply */
  gboolean       cancelled;    /* held's cancellable fired */
  gboolean       late_reply_ok;
  gboolean       closed;
  GError        *closed_error;
  GVariant      *call_result;
  GError        *call_error;
  gboolean       call_done;
  guint          params_absent;
} State;

typedef struct
{
  GlsTestPeer *peer;
  GlsRpc      *rpc;
  State        state;
} Fixture;

/* Replies with {method, params (or null), params_absent}. */
static void
echo_handler (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  State *state = user_data;
  GVariant *params = gls_rpc_request_get_params (request);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  if (params == NULL)
    state->params_absent++;
  g_variant_dict_insert (&dict, "method", "s",
                         gls_rpc_request_get_method (request));
  g_variant_dict_insert (&dict, "log", "s", state->log->str);
  if (params != NULL)
    g_variant_dict_insert_value (&dict, "params", params);
  gls_rpc_request_reply (request, g_variant_dict_end (&dict));
}

static void
on_held_cancelled (GCancellable *cancellable, gpointer user_data)
{
  State *state = user_data;

  state->cancelled = TRUE;
  /* A handler reacting to cancellation by replying: must be dropped. */
  state->late_reply_ok = gls_rpc_request_reply (state->held, NULL);
}

static void
hold_handler (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  State *state = user_data;

  state->held = gls_rpc_request_ref (request);
  g_signal_connect (gls_rpc_request_get_cancellable (request), "cancelled",
                    G_CALLBACK (on_held_cancelled), state);
}

/* Answers itself, then the held request: replies leave out of order. */
static void
release_handler (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  State *state = user_data;

  gls_rpc_request_reply (request, g_variant_new_string ("released"));
  if (state->held != NULL)
    {
      gls_rpc_request_reply (state->held, g_variant_new_string ("held"));
      g_clear_pointer (&state->held, gls_rpc_request_unref);
    }
}

static void
drop_handler (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
}

static void
twice_handler (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  State *state = user_data;

  cr_assert (gls_rpc_request_reply (request, g_variant_new_int64 (1)));
  state->late_reply_ok = gls_rpc_request_reply (request, g_variant_new_int64 (2));
}

static void
typed_handler (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  guint32 line = 0;
  GVariant *params = gls_rpc_request_get_params (request);

  if (!gls_params_get_string (params, "textDocument.uri", GLS_PARAM_REQUIRED,
                              &uri, &error) ||
      !gls_params_get_uinteger (params, "position.line", GLS_PARAM_REQUIRED,
                                &line, &error))
    {
      gls_rpc_request_reply_gerror (request, error);
      return;
    }
  gls_rpc_request_reply (request, g_variant_new_string (uri));
}

static void
log_notification (GlsRpc *rpc, const char *method, GVariant *params,
                  gpointer user_data)
{
  State *state = user_data;
  const char *text = NULL;

  if (params != NULL && g_variant_lookup (params, "text", "&s", &text))
    g_string_append (state->log, text);
}

static void
on_closed (GlsRpc *rpc, const GError *error, gpointer user_data)
{
  State *state = user_data;

  state->closed = TRUE;
  state->closed_error = error != NULL ? g_error_copy (error) : NULL;
}

static Fixture *
fixture_new (void)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->peer = gls_test_peer_new ();
  f->rpc = gls_rpc_new (f->peer->server_in, f->peer->server_out);
  f->state.log = g_string_new (NULL);
  cr_assert (gls_rpc_add_request_handler (f->rpc, "echo", echo_handler,
                                          &f->state, NULL));
  cr_assert (gls_rpc_add_request_handler (f->rpc, "$/echo", echo_handler,
                                          &f->state, NULL) );
  gls_rpc_add_request_handler (f->rpc, "hold", hold_handler, &f->state, NULL);
  gls_rpc_add_request_handler (f->rpc, "release", release_handler, &f->state,
                               NULL);
  gls_rpc_add_request_handler (f->rpc, "drop", drop_handler, &f->state, NULL);
  gls_rpc_add_request_handler (f->rpc, "twice", twice_handler, &f->state, NULL);
  gls_rpc_add_request_handler (f->rpc, "typed", typed_handler, &f->state, NULL);
  gls_rpc_add_notification_handler (f->rpc, "log", log_notification,
                                    &f->state, NULL);
  gls_rpc_set_closed_func (f->rpc, on_closed, &f->state);
  gls_rpc_start (f->rpc);
  return f;
}

static void
fixture_free (Fixture *f)
{
  g_clear_pointer (&f->state.held, gls_rpc_request_unref);
  gls_rpc_close (f->rpc);
  gls_rpc_unref (f->rpc);
  gls_test_peer_free (f->peer);
  g_string_free (f->state.log, TRUE);
  g_clear_error (&f->state.closed_error);
  g_clear_error (&f->state.call_error);
  g_clear_pointer (&f->state.call_result, g_variant_unref);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static char *
member_string (GVariant *message, const char *path)
{
  g_autoptr(GVariant) value = gls_test_member (message, path);

  cr_assert (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING),
             "%s is not a string", path);
  return g_variant_dup_string (value, NULL);
}

GLS_TEST (rpc, int_id_echoed_with_result)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\","
                               "\"params\":{\"a\":[1,\"x\",null]}}");
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_result (reply, g_variant_new_int64 (7));
  g_autofree char *method = member_string (reply, "result.method");
  cr_expect_str_eq (method, "echo");
  g_autoptr(GVariant) params = gls_test_member (reply, "result.params");
  g_autofree char *json = gls_test_to_json (params);
  cr_expect_str_eq (json, "{\"a\":[1,\"x\",null]}");
}

GLS_TEST (rpc, string_ids_echoed_exactly)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"method\":\"echo\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":\"a b\\u00e9\","
                               "\"method\":\"echo\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":-9007199254740993,"
                               "\"method\":\"echo\"}");
  g_autoptr(GVariant) first = gls_test_peer_recv (f->peer);
  g_autoptr(GVariant) second = gls_test_peer_recv (f->peer);
  g_autoptr(GVariant) third = gls_test_peer_recv (f->peer);
  /* "7" must stay a string, not become the integer 7. */
  gls_test_expect_result (first, g_variant_new_string ("7"));
  gls_test_expect_result (second, g_variant_new_string ("a b\xc3\xa9"));
  gls_test_expect_result (third, g_variant_new_int64 (-9007199254740993));
}

GLS_TEST (rpc, unknown_method_is_method_not_found)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"nope\"}");
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_error (reply, g_variant_new_int64 (3), -32601);
  g_autofree char *text = member_string (reply, "error.message");
  cr_expect (strstr (text, "nope") != NULL, "message names the method: %s", text);
}

GLS_TEST (rpc, dollar_requests_without_handler_are_method_not_found)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$/unknown\"}");
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_error (reply, g_variant_new_int64 (1), -32601);

  /* A registered $/ request is dispatched like any other. */
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"$/echo\"}");
  g_autoptr(GVariant) echoed = gls_test_peer_recv (f->peer);
  gls_test_expect_result (echoed, g_variant_new_int64 (2));
}

GLS_TEST (rpc, invalid_json_then_still_serving)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send_body (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
  gls_test_peer_send_body (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\",}");
  gls_test_peer_send_body (f->peer, "{\"a\":\"\xff\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"echo\"}");

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GVariant) error = gls_test_peer_recv (f->peer);
      gls_test_expect_error (error, NULL, -32700);
    }
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_result (reply, g_variant_new_int64 (4));
}

GLS_TEST (rpc, structurally_invalid_messages_are_invalid_request)
{
  g_autoptr(Fixture) f = fixture_new ();
  static const struct
  {
    const char *body;
    gint64      id;   /* 0: the reply must carry id null */
  } cases[] = {
    { "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}]", 0 },  /* batch */
    { "[]", 0 },
    { "42", 0 },
    { "\"echo\"", 0 },
    { "null", 0 },
    { "{\"id\":5,\"method\":\"echo\"}", 5 },                          /* no jsonrpc */
    { "{\"jsonrpc\":\"1.0\",\"id\":6,\"method\":\"echo\"}", 6 },
    { "{\"jsonrpc\":2,\"id\":7,\"method\":\"echo\"}", 7 },
    { "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"echo\"}", 0 },
    { "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"echo\"}", 0 },
    { "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"echo\"}", 0 },
    { "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":5}", 8 },
    { "{\"jsonrpc\":\"2.0\",\"id\":9}", 9 },                           /* no method */
    { "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"echo\",\"params\":3}", 10 },
    { "{\"jsonrpc\":\"2.0\",\"method\":\"log\",\"params\":\"x\"}", 0 },
    { "{}", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gls_test_peer_send_body (f->peer, cases[i].body);
      g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
      cr_log_info ("case %s", cases[i].body);
      gls_test_expect_error (reply, cases[i].id != 0
                                      ? g_variant_new_int64 (cases[i].id) : NULL,
                             -32600);
    }
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"echo\"}");
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_result (reply, g_variant_new_int64 (11));
}

GLS_TEST (rpc, unknown_notifications_are_ignored)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"no/such\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"$/progress\","
                               "\"params\":{\"token\":1}}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}");
  /* Messages are handled in order, so had the notifications been answered,
   * those answers would come first. */
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_result (reply, g_variant_new_int64 (1));
}

GLS_TEST (rpc, request_without_params_key)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\","
                               "\"params\":null}");
  g_autoptr(GVariant) first = gls_test_peer_recv (f->peer);
  g_autoptr(GVariant) second = gls_test_peer_recv (f->peer);
  gls_test_expect_result (first, g_variant_new_int64 (1));
  gls_test_expect_result (second, g_variant_new_int64 (2));
  cr_expect_eq (f->state.params_absent, 2);
}

GLS_TEST (rpc, invalid_params_name_the_field)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"typed\","
                               "\"params\":{\"textDocument\":{\"uri\":5}}}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"typed\","
                               "\"params\":{\"textDocument\":{\"uri\":\"file:///a\"},"
                               "\"position\":{\"line\":-1}}}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"typed\","
                               "\"params\":{\"textDocument\":{\"uri\":\"file:///a\"},"
                               "\"position\":{\"line\":4}}}");

  g_autoptr(GVariant) wrong_type = gls_test_peer_recv (f->peer);
  gls_test_expect_error (wrong_type, g_variant_new_int64 (1), -32602);
  g_autofree char *text = member_string (wrong_type, "error.message");
  cr_expect (strstr (text, "textDocument.uri") != NULL, "%s", text);

  g_autoptr(GVariant) out_of_range = gls_test_peer_recv (f->peer);
  gls_test_expect_error (out_of_range, g_variant_new_int64 (2), -32602);
  g_autofree char *text2 = member_string (out_of_range, "error.message");
  cr_expect (strstr (text2, "position.line") != NULL, "%s", text2);

  g_autoptr(GVariant) ok = gls_test_peer_recv (f->peer);
  gls_test_expect_result (ok, g_variant_new_int64 (3));
}

GLS_TEST (rpc, cancel_answers_once_with_request_cancelled)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":\"slow\",\"method\":\"hold\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\","
                               "\"params\":{\"id\":\"slow\"}}");
  g_autoptr(GVariant) cancelled = gls_test_peer_recv (f->peer);
  gls_test_expect_error (cancelled, g_variant_new_string ("slow"), -32800);
  cr_expect (f->state.cancelled, "the request's GCancellable was cancelled");
  cr_expect (!f->state.late_reply_ok, "a reply after cancellation is refused");
  cr_expect (gls_rpc_request_is_answered (f->state.held));

  /* Cancelling again, or an unknown id, changes nothing; and the held
   * request answered by release must not produce a second reply. */
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\","
                               "\"params\":{\"id\":\"slow\"}}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\","
                               "\"params\":{\"id\":99}}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"release\"}");
  g_autoptr(GVariant) released = gls_test_peer_recv (f->peer);
  gls_test_expect_result (released, g_variant_new_int64 (2));
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"echo\"}");
  g_autoptr(GVariant) next = gls_test_peer_recv (f->peer);
  gls_test_expect_result (next, g_variant_new_int64 (3));
}

GLS_TEST (rpc, cancel_after_reply_is_ignored)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\","
                               "\"params\":{\"id\":1}}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\"}");
  g_autoptr(GVariant) first = gls_test_peer_recv (f->peer);
  g_autoptr(GVariant) second = gls_test_peer_recv (f->peer);
  gls_test_expect_result (first, g_variant_new_int64 (1));
  gls_test_expect_result (second, g_variant_new_int64 (2));
}

GLS_TEST (rpc, late_replies_may_overtake)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"hold\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"release\"}");
  g_autoptr(GVariant) first = gls_test_peer_recv (f->peer);
  g_autoptr(GVariant) second = gls_test_peer_recv (f->peer);
  gls_test_expect_result (first, g_variant_new_int64 (2));
  gls_test_expect_result (second, g_variant_new_int64 (1));
  g_autofree char *held = member_string (second, "result");
  cr_expect_str_eq (held, "held");
}

GLS_TEST (rpc, dropped_request_gets_internal_error)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"drop\"}");
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_error (reply, g_variant_new_int64 (1), -32603);
}

GLS_TEST (rpc, double_reply_is_refused)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"twice\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\"}");
  g_autoptr(GVariant) first = gls_test_peer_recv (f->peer);
  g_autoptr(GVariant) second = gls_test_peer_recv (f->peer);
  gls_test_expect_result (first, g_variant_new_int64 (1));
  g_autoptr(GVariant) value = gls_test_member (first, "result");
  cr_expect_eq (g_variant_get_int64 (value), 1);
  cr_expect (!f->state.late_reply_ok);
  gls_test_expect_result (second, g_variant_new_int64 (2));
}

GLS_TEST (rpc, notifications_apply_in_order_before_later_requests)
{
  g_autoptr(Fixture) f = fixture_new ();

  /* One write carrying everything, so nothing but the processing order can
   * make the request see all three notifications. */
  g_autoptr(GString) burst = g_string_new (NULL);
  const char *bodies[] = {
    "{\"jsonrpc\":\"2.0\",\"method\":\"log\",\"params\":{\"text\":\"a\"}}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"log\",\"params\":{\"text\":\"b\"}}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"log\",\"params\":{\"text\":\"c\"}}",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    g_string_append_printf (burst, "Content-Length: %zu\r\n\r\n%s",
                            strlen (bodies[i]), bodies[i]);
  gls_test_peer_send_raw (f->peer, burst->str, burst->len);

  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_result (reply, g_variant_new_int64 (1));
  g_autofree char *log = member_string (reply, "result.log");
  cr_expect_str_eq (log, "abc");
}

GLS_TEST (rpc, server_notifications)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_auto(GVariantDict) params = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&params, "uri", "s", "file:///x");
  gls_rpc_notify (f->rpc, "textDocument/publishDiagnostics",
                  g_variant_dict_end (&params));
  gls_rpc_notify (f->rpc, "custom/empty", NULL);

  g_autoptr(GVariant) first = gls_test_peer_recv (f->peer);
  g_autofree char *method = member_string (first, "method");
  g_autofree char *uri = member_string (first, "params.uri");
  g_autoptr(GVariant) no_id = gls_test_member (first, "id");
  cr_expect_str_eq (method, "textDocument/publishDiagnostics");
  cr_expect_str_eq (uri, "file:///x");
  cr_expect_null (no_id);

  g_autoptr(GVariant) second = gls_test_peer_recv (f->peer);
  g_autoptr(GVariant) no_params = gls_test_member (second, "params");
  cr_expect_null (no_params);
}

static void
call_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->state.call_result = gls_rpc_call_finish (f->rpc, result,
                                              &f->state.call_error);
  f->state.call_done = TRUE;
}

static gint64
expect_call (GVariant *message, const char *method)
{
  g_autofree char *got = member_string (message, "method");
  g_autoptr(GVariant) id = gls_test_member (message, "id");

  cr_assert_str_eq (got, method);
  cr_assert (id != NULL && g_variant_is_of_type (id, G_VARIANT_TYPE_INT64));
  return g_variant_get_int64 (id);
}

GLS_TEST (rpc, calls_to_the_client)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_rpc_call_async (f->rpc, "workspace/configuration",
                      g_variant_new_parsed ("{'items': <[<{'section': <'x'>}>]>}"),
                      NULL, call_cb, f);
  g_autoptr(GVariant) request = gls_test_peer_recv (f->peer);
  gint64 id = expect_call (request, "workspace/configuration");

  /* A response to no call is ignored; the right one completes the call. */
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT
                      ",\"result\":0}", id + 100);
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT
                      ",\"result\":[{\"a\":1}]}", id);
  gls_test_peer_wait (f->peer, &f->state.call_done);
  cr_assert_null (f->state.call_error);
  g_autofree char *json = gls_test_to_json (f->state.call_result);
  cr_expect_str_eq (json, "[{\"a\":1}]");

  /* An error response becomes a GError with the client's code. */
  f->state.call_done = FALSE;
  g_clear_pointer (&f->state.call_result, g_variant_unref);
  gls_rpc_call_async (f->rpc, "client/registerCapability", NULL, NULL,
                      call_cb, f);
  g_autoptr(GVariant) second = gls_test_peer_recv (f->peer);
  gint64 id2 = expect_call (second, "client/registerCapability");
  cr_expect_neq (id2, id);
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT
                      ",\"error\":{\"code\":-32099,\"message\":\"no\"}}", id2);
  gls_test_peer_wait (f->peer, &f->state.call_done);
  cr_assert (g_error_matches (f->state.call_error, GLS_RPC_ERROR, -32099));
  cr_expect_str_eq (f->state.call_error->message, "no");
}

GLS_TEST (rpc, cancelled_call_sends_cancel_request)
{
  g_autoptr(Fixture) f = fixture_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  gls_rpc_call_async (f->rpc, "workspace/configuration", NULL, cancellable,
                      call_cb, f);
  g_autoptr(GVariant) request = gls_test_peer_recv (f->peer);
  gint64 id = expect_call (request, "workspace/configuration");
  g_cancellable_cancel (cancellable);
  gls_test_peer_wait (f->peer, &f->state.call_done);
  cr_expect (g_error_matches (f->state.call_error, G_IO_ERROR,
                              G_IO_ERROR_CANCELLED));

  g_autoptr(GVariant) cancel = gls_test_peer_recv (f->peer);
  g_autofree char *method = member_string (cancel, "method");
  g_autoptr(GVariant) cancel_id = gls_test_member (cancel, "params.id");
  cr_expect_str_eq (method, "$/cancelRequest");
  cr_expect_eq (g_variant_get_int64 (cancel_id), id);

  /* The client's late answer is ignored, and serving goes on. */
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":%" G_GINT64_FORMAT
                      ",\"result\":null}", id);
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}");
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_result (reply, g_variant_new_int64 (1));
}

GLS_TEST (rpc, end_of_input_closes_cleanly)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}");
  gls_test_peer_close_output (f->peer);
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_result (reply, g_variant_new_int64 (1));
  gls_test_peer_wait (f->peer, &f->state.closed);
  cr_expect_null (f->state.closed_error);
  cr_expect (gls_rpc_is_closed (f->rpc));
}

GLS_TEST (rpc, end_of_input_inside_a_body_is_an_error)
{
  g_autoptr(Fixture) f = fixture_new ();
  const char partial[] = "Content-Length: 100\r\n\r\n{\"jsonrpc\":";

  gls_test_peer_send_raw (f->peer, partial, sizeof partial - 1);
  gls_test_peer_close_output (f->peer);
  gls_test_peer_wait (f->peer, &f->state.closed);
  cr_expect_not_null (f->state.closed_error);
}

GLS_TEST (rpc, close_cancels_pending_calls_and_requests)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"hold\"}");
  gls_rpc_call_async (f->rpc, "workspace/configuration", NULL, NULL, call_cb, f);
  g_autoptr(GVariant) request = gls_test_peer_recv (f->peer);
  expect_call (request, "workspace/configuration");
  cr_assert_not_null (f->state.held);

  gls_rpc_close (f->rpc);
  gls_test_peer_wait (f->peer, &f->state.call_done);
  cr_expect (g_error_matches (f->state.call_error, G_IO_ERROR, G_IO_ERROR_CLOSED));
  cr_expect (f->state.cancelled);
  cr_expect (f->state.closed);
  cr_expect_null (f->state.closed_error);
  /* Closing is final and answers nothing: the held request stays silent. */
  g_clear_pointer (&f->state.held, gls_rpc_request_unref);
  gls_rpc_notify (f->rpc, "after/close", NULL);
  g_autoptr(GVariant) last = gls_test_peer_recv (f->peer);
  g_autofree char *method = member_string (last, "method");
  cr_expect_str_eq (method, "after/close");
}

GLS_TEST (rpc, handler_registration_is_unique)
{
  g_autoptr(Fixture) f = fixture_new ();

  cr_expect (!gls_rpc_add_request_handler (f->rpc, "echo", drop_handler, NULL,
                                           NULL));
  cr_expect (!gls_rpc_add_notification_handler (f->rpc, "log", log_notification,
                                                NULL, NULL));
  /* A method can have one handler of each kind. */
  cr_expect (gls_rpc_add_notification_handler (f->rpc, "echo", log_notification,
                                               NULL, NULL));
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}");
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  g_autofree char *method = member_string (reply, "result.method");
  cr_expect_str_eq (method, "echo");
}

static gboolean
refuse_gate (GlsRpc *rpc, const char *method, gboolean is_request,
             gpointer user_data, GError **error)
{
  if (g_str_equal (method, "echo"))
    return TRUE;
  g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_SERVER_NOT_INITIALIZED,
               "refused %s", method);
  return FALSE;
}

GLS_TEST (rpc, gate_answers_refused_requests_and_drops_notifications)
{
  g_autoptr(Fixture) f = fixture_new ();

  gls_rpc_set_gate (f->rpc, refuse_gate, NULL);
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"method\":\"log\","
                               "\"params\":{\"text\":\"x\"}}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nope\"}");
  gls_test_peer_send (f->peer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\"}");
  g_autoptr(GVariant) refused = gls_test_peer_recv (f->peer);
  gls_test_expect_error (refused, g_variant_new_int64 (1), -32002);
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_result (reply, g_variant_new_int64 (2));
  g_autofree char *log = member_string (reply, "result.log");
  cr_expect_str_eq (log, "", "the refused notification never ran");
}

static void
flushed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

GLS_TEST (rpc, flush_waits_for_queued_writes)
{
  g_autoptr(Fixture) f = fixture_new ();
  gboolean flushed = FALSE;
  g_autofree char *big = g_strnfill (1 << 20, 'x');

  /* More than a pipe buffer: the write cannot finish before we read. */
  gls_rpc_notify (f->rpc, "big", g_variant_new_parsed ("{'text': <%s>}", big));
  gls_rpc_flush_async (f->rpc, NULL, flushed_cb, &flushed);
  for (int i = 0; i < 3; i++)
    g_main_context_iteration (f->peer->context, FALSE);
  cr_expect (!flushed, "flush completed before the data could be written");
  g_autoptr(GVariant) message = gls_test_peer_recv (f->peer);
  gls_test_peer_wait (f->peer, &flushed);
  g_autofree char *text = member_string (message, "params.text");
  cr_expect_eq (strlen (text), (size_t) 1 << 20);
}

static void
write_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(gboolean *) user_data = g_output_stream_write_all_finish (
      G_OUTPUT_STREAM (source), result, NULL, NULL);
}

GLS_TEST (rpc, oversized_body_gets_an_error_and_serving_continues)
{
  g_autoptr(Fixture) f = fixture_new ();
  gsize big = 16 * 1024 * 1024 + 1;
  const char *next = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\"}";
  g_autoptr(GString) data = g_string_new (NULL);
  gboolean written = FALSE;

  /* A valid request of 16 MiB + 1 byte: too large, even though well-formed. */
  g_string_append_printf (data, "Content-Length: %zu\r\n\r\n", big);
  g_string_append (data, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\","
                         "\"params\":{\"pad\":\"");
  gsize pad = big - (data->len - strlen ("Content-Length: 16777217\r\n\r\n")) - 3;
  gsize start = data->len;
  g_string_set_size (data, start + pad);
  memset (data->str + start, 'x', pad);
  g_string_append (data, "\"}}");
  g_string_append_printf (data, "Content-Length: %zu\r\n\r\n%s", strlen (next),
                          next);
  g_output_stream_write_all_async (f->peer->client_out, data->str, data->len,
                                   G_PRIORITY_DEFAULT, NULL, write_done,
                                   &written);

  g_autoptr(GVariant) error = gls_test_peer_recv (f->peer);
  gls_test_expect_error (error, NULL, -32700);
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_result (reply, g_variant_new_int64 (2));
  gls_test_peer_wait (f->peer, &written);
}

GLS_TEST (rpc, request_split_across_writes)
{
  g_autoptr(Fixture) f = fixture_new ();
  const char *body = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"echo\"}";
  g_autofree char *frame = g_strdup_printf ("Content-Length: %zu\r\n\r\n%s",
                                            strlen (body), body);
  gsize cuts[] = { 0, 3, 17, 19, 21, 30, strlen (frame) };

  for (gsize i = 0; i + 1 < G_N_ELEMENTS (cuts); i++)
    {
      gls_test_peer_send_raw (f->peer, frame + cuts[i], cuts[i + 1] - cuts[i]);
      for (int k = 0; k < 4; k++)
        g_main_context_iteration (f->peer->context, FALSE);
    }
  g_autoptr(GVariant) reply = gls_test_peer_recv (f->peer);
  gls_test_expect_result (reply, g_variant_new_int64 (5));
}
