/* Tests of JSON-RPC envelope decoding and building. */
#include <criterion/criterion.h>

#include "common/leak-check.h"
#include <json-glib/json-glib.h>
#include <string.h>

#include "server/transport/message.h"

static GlsMessage *
decode (const char *body, GVariant **bad_id, GError **error)
{
  return gls_message_decode (body, strlen (body), bad_id, error);
}

static void
expect_decode_error (const char *body, int code, const char *bad_id_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) bad_id = NULL;
  g_autoptr(GlsMessage) message = decode (body, &bad_id, &error);

  cr_assert_null (message, "decoded: %s", body);
  cr_assert (g_error_matches (error, GLS_RPC_ERROR, code),
             "%s: expected %d, got %s", body, code, error->message);
  if (bad_id_json == NULL)
    cr_expect_null (bad_id, "%s: no id expected", body);
  else
    {
      cr_assert_not_null (bad_id, "%s: id expected", body);
      g_autofree char *json = json_gvariant_serialize_data (bad_id, NULL);
      cr_expect_str_eq (json, bad_id_json);
    }
}

static char *
to_json (GVariant *value)
{
  return json_gvariant_serialize_data (value, NULL);
}

GLS_TEST (message, request_notification_response)
{
  g_autoptr(GError) error = NULL;

  g_autoptr(GlsMessage) request = decode (
      "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"m\",\"params\":[1]}", NULL,
      &error);
  cr_assert_not_null (request);
  cr_expect_eq (request->kind, GLS_MESSAGE_REQUEST);
  cr_expect_str_eq (request->method, "m");
  cr_expect_str_eq (g_variant_get_string (request->id, NULL), "x");
  g_autofree char *params = to_json (request->params);
  cr_expect_str_eq (params, "[1]");

  g_autoptr(GlsMessage) notification = decode (
      "{\"jsonrpc\":\"2.0\",\"method\":\"n\",\"params\":null}", NULL, &error);
  cr_assert_not_null (notification);
  cr_expect_eq (notification->kind, GLS_MESSAGE_NOTIFICATION);
  cr_expect_null (notification->id);
  cr_expect_null (notification->params, "params null counts as absent");

  g_autoptr(GlsMessage) response = decode (
      "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":null}", NULL, &error);
  cr_assert_not_null (response);
  cr_expect_eq (response->kind, GLS_MESSAGE_RESPONSE);
  cr_expect_eq (g_variant_get_int64 (response->id), 4);
  cr_expect_not_null (response->result);
  cr_expect_null (response->error);

  g_autoptr(GlsMessage) failure = decode (
      "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":1,\"message\":\"m\"}}",
      NULL, &error);
  cr_assert_not_null (failure);
  cr_expect_eq (failure->kind, GLS_MESSAGE_RESPONSE);
  cr_expect_not_null (failure->error);
}

GLS_TEST (message, parse_errors)
{
  expect_decode_error ("", GLS_RPC_ERROR_PARSE_ERROR, NULL);
  expect_decode_error ("{", GLS_RPC_ERROR_PARSE_ERROR, NULL);
  expect_decode_error ("{\"id\":1,}", GLS_RPC_ERROR_PARSE_ERROR, NULL);
  expect_decode_error ("{\"a\":\"\xc3\"}", GLS_RPC_ERROR_PARSE_ERROR, NULL);
  expect_decode_error ("Content-Length: 2", GLS_RPC_ERROR_PARSE_ERROR, NULL);
  /* A second value after the first (json-glib 1.6 would leak the first). */
  expect_decode_error ("{\"jsonrpc\":\"2.0\",\"method\":\"x\"} {}", GLS_RPC_ERROR_PARSE_ERROR, NULL);
  expect_decode_error ("7 {\"jsonrpc\":\"2.0\"}", GLS_RPC_ERROR_PARSE_ERROR, NULL);
}

GLS_TEST (message, deep_nesting_is_refused_without_recursion)
{
  /* json-glib recurses per level: ~50k levels overflow an 8 MiB stack. */
  gsize depth = 1000000;
  g_autofree char *deep = g_malloc (2 * depth + 1);
  memset (deep, '[', depth);
  memset (deep + depth, ']', depth);
  deep[2 * depth] = '\0';
  expect_decode_error (deep, GLS_RPC_ERROR_PARSE_ERROR, NULL);

  /* Brackets inside strings do not count; the limit itself is accepted. */
  g_autoptr(GString) ok = g_string_new ("{\"jsonrpc\":\"2.0\",\"method\":\"m\","
                                        "\"params\":{\"s\":\"[[[[[[[[\\\"[[[[\","
                                        "\"a\":");
  for (int i = 0; i < GLS_MESSAGE_MAX_DEPTH - 2; i++)
    g_string_append_c (ok, '[');
  for (int i = 0; i < GLS_MESSAGE_MAX_DEPTH - 2; i++)
    g_string_append_c (ok, ']');
  g_string_append (ok, "}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlsMessage) message = decode (ok->str, NULL, &error);
  cr_expect_not_null (message, "%s", error ? error->message : "");

  g_string_insert_c (ok, ok->len - 2, ']');
  g_string_insert_c (ok, strlen ("{\"jsonrpc\":\"2.0\",\"method\":\"m\","
                                 "\"params\":{\"s\":\"[[[[[[[[\\\"[[[[\",\"a\":"),
                     '[');
  expect_decode_error (ok->str, GLS_RPC_ERROR_PARSE_ERROR, NULL);
}

GLS_TEST (message, invalid_requests_keep_a_readable_id)
{
  expect_decode_error ("[1]", GLS_RPC_ERROR_INVALID_REQUEST, NULL);
  expect_decode_error ("3", GLS_RPC_ERROR_INVALID_REQUEST, NULL);
  expect_decode_error ("{\"id\":3,\"method\":\"m\"}", GLS_RPC_ERROR_INVALID_REQUEST,
                       "3");
  expect_decode_error ("{\"jsonrpc\":\"2.1\",\"id\":\"q\",\"method\":\"m\"}",
                       GLS_RPC_ERROR_INVALID_REQUEST, "\"q\"");
  expect_decode_error ("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"m\"}",
                       GLS_RPC_ERROR_INVALID_REQUEST, NULL);
  expect_decode_error ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":[]}",
                       GLS_RPC_ERROR_INVALID_REQUEST, "2");
  expect_decode_error ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"m\","
                       "\"params\":\"s\"}", GLS_RPC_ERROR_INVALID_REQUEST, "2");
  expect_decode_error ("{\"jsonrpc\":\"2.0\",\"id\":2}",
                       GLS_RPC_ERROR_INVALID_REQUEST, "2");
}

GLS_TEST (message, builders_produce_jsonrpc)
{
  g_autoptr(GVariant) response = gls_message_new_response (
      g_variant_new_string ("a"), NULL);
  g_autofree char *response_json = to_json (response);
  cr_expect (!g_variant_is_floating (response));
  cr_expect (strstr (response_json, "\"result\":null") != NULL, "%s",
             response_json);
  cr_expect (strstr (response_json, "\"id\":\"a\"") != NULL, "%s", response_json);
  cr_expect (strstr (response_json, "\"jsonrpc\":\"2.0\"") != NULL, "%s",
             response_json);

  g_autoptr(GVariant) error = gls_message_new_error (NULL, -32700, "bad", NULL);
  g_autofree char *error_json = to_json (error);
  cr_expect (strstr (error_json, "\"id\":null") != NULL, "%s", error_json);
  cr_expect (strstr (error_json, "\"code\":-32700") != NULL, "%s", error_json);
  cr_expect (strstr (error_json, "\"message\":\"bad\"") != NULL, "%s", error_json);

  g_autoptr(GVariant) notification = gls_message_new_notification ("n", NULL);
  g_autofree char *notification_json = to_json (notification);
  cr_expect (strstr (notification_json, "params") == NULL, "%s",
             notification_json);
  cr_expect (strstr (notification_json, "\"id\"") == NULL, "%s",
             notification_json);

  g_autoptr(GVariant) request = gls_message_new_request (
      g_variant_new_int64 (12), "r", g_variant_new_parsed ("@av []"));
  g_autofree char *request_json = to_json (request);
  cr_expect (strstr (request_json, "\"id\":12") != NULL, "%s", request_json);
  cr_expect (strstr (request_json, "\"params\":[]") != NULL, "%s", request_json);

  /* Round trip through the decoder. */
  g_autoptr(GError) decode_error = NULL;
  g_autoptr(GlsMessage) back = decode (request_json, NULL, &decode_error);
  cr_assert_not_null (back);
  cr_expect_eq (back->kind, GLS_MESSAGE_REQUEST);
  cr_expect_eq (g_variant_get_int64 (back->id), 12);
}

GLS_TEST (message, ids_print_distinctly)
{
  g_autoptr(GVariant) int_id = g_variant_ref_sink (g_variant_new_int64 (7));
  g_autoptr(GVariant) string_id = g_variant_ref_sink (g_variant_new_string ("7"));
  g_autofree char *number = gls_message_id_to_string (int_id);
  g_autofree char *string = gls_message_id_to_string (string_id);
  g_autofree char *none = gls_message_id_to_string (NULL);

  cr_expect_str_eq (number, "7");
  cr_expect_str_eq (string, "\"7\"");
  cr_expect_str_eq (none, "null");
}

/* json-glib wraps integers beyond int64 (2^63 -> -2^63); the reply must
 * still carry the digits the client wrote, and ids that fit stay integers. */
GLS_TEST (message, integer_ids_round_trip_exactly)
{
  const char *ids[] = { "9223372036854775808", "18446744073709551615", "-9223372036854775809",
                        "123456789012345678901234567890", "-0" };
  for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"jsonrpc\": \"2.0\", \"method\": \"m\", \"id\" : %s }", ids[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GlsMessage) message = decode (body, NULL, &error);
      cr_assert_not_null (message, "%s: %s", body, error ? error->message : "");
      cr_assert (g_variant_is_of_type (message->id, GLS_MESSAGE_RAW_ID_TYPE), "%s", ids[i]);
      g_autofree char *key = gls_message_id_to_string (message->id);
      cr_expect_str_eq (key, ids[i]);
      g_autoptr(GVariant) reply = gls_message_new_response (message->id, NULL);
      g_autoptr(GBytes) json = gls_message_to_json (reply);
      g_autofree char *text = g_strndup (g_bytes_get_data (json, NULL), g_bytes_get_size (json));
      g_autofree char *want = g_strdup_printf ("{\"id\":%s,", ids[i]);
      cr_expect (g_str_has_prefix (text, want), "%s", text);
      g_autoptr(JsonNode) parsed = json_from_string (text, NULL);
      cr_expect_not_null (parsed, "not JSON: %s", text);
    }
  const char *plain[] = { "9223372036854775807", "-9223372036854775808", "0", "42" };
  for (gsize i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":%s}", plain[i]);
      g_autoptr(GlsMessage) message = decode (body, NULL, NULL);
      cr_assert (g_variant_is_of_type (message->id, G_VARIANT_TYPE_INT64), "%s", plain[i]);
    }
}
