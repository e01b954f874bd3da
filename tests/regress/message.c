/* Regression tests for what fuzz_rpc found in the message layer
 * (tests/fuzz/corpus/rpc/regress-*): string escapes json-glib 1.6 cannot map
 * to GVariant strings. A high surrogate followed by another \u escape leaked
 * 152 bytes per message; followed by anything else it became invalid UTF-8
 * and g_variant_new_string failed with a critical; \u0000 cut strings short.
 * message.h: such escapes read as U+FFFD. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "server/transport/message.h"

/* The string params.text of a request carrying the JSON string literal. */
static char *
decoded_text (const char *literal)
{
  g_autofree char *body = g_strdup_printf (
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{\"text\":\"%s\"}}", literal);
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsMessage) message = gls_message_decode (body, strlen (body), NULL, &error);
  const char *text = NULL;

  cr_assert_not_null (message, "%s: %s", body, error ? error->message : "");
  cr_assert (g_variant_lookup (message->params, "text", "&s", &text), "%s: no params.text", body);
  cr_assert (g_utf8_validate (text, -1, NULL));
  return g_strdup (text);
}

#define EXPECT_TEXT(literal, want)                                                 \
  do                                                                               \
    {                                                                              \
      g_autofree char *got_ = decoded_text (literal);                              \
      cr_expect_str_eq (got_, want, "%s", literal);                                \
    }                                                                              \
  while (0)

GLS_TEST (regress_message, unpaired_high_surrogate_before_text)
{
  EXPECT_TEXT ("a\\ud83dx", "a\xEF\xBF\xBDx");
  EXPECT_TEXT ("\\ud83d", "\xEF\xBF\xBD");
}

GLS_TEST (regress_message, high_surrogate_before_another_escape)
{
  EXPECT_TEXT ("\\ud83d\\u0041", "\xEF\xBF\xBD" "A");
  EXPECT_TEXT ("\\uD83D\\uD83D\\uDE00", "\xEF\xBF\xBD\xF0\x9F\x98\x80");
}

GLS_TEST (regress_message, lone_low_surrogate)
{
  EXPECT_TEXT ("x\\udc00y", "x\xEF\xBF\xBDy");
}

GLS_TEST (regress_message, nul_escape_keeps_the_rest)
{
  EXPECT_TEXT ("a\\u0000b", "a\xEF\xBF\xBD" "b");
}

GLS_TEST (regress_message, valid_escapes_untouched)
{
  EXPECT_TEXT ("\\ud83d\\ude00", "\xF0\x9F\x98\x80");
  EXPECT_TEXT ("\\u00e9\\n\\\"", "\xC3\xA9\n\"");
  /* An escaped backslash followed by "ud83d" is text, not an escape. */
  EXPECT_TEXT ("\\\\ud83d", "\\ud83d");
}

GLS_TEST (regress_message, surrogates_outside_strings_still_rejected)
{
  const char *body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":\\ud83d}";
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsMessage) message = gls_message_decode (body, strlen (body), NULL, &error);

  cr_assert_null (message);
  cr_assert (g_error_matches (error, GLS_RPC_ERROR, GLS_RPC_ERROR_PARSE_ERROR));
}

/* fuzz_rpc: json-glib's parse error for a broken escape after a surrogate
 * quoted the string it decoded so far, which is invalid UTF-8; the -32700
 * reply built from it failed (g_variant_new_string critical) and went out
 * without a message. */
GLS_TEST (regress_message, parse_error_quoting_invalid_utf8)
{
  /* The frame body of the fuzzer's input, verbatim. */
  const char *body = "{\"jsons\": {\"\\u00e9\": \"\\ud83d\\ude0od\": \"fuzz/echo\", \"params\": "
                     "{\"\\u00e9\": \"\\ud83d\\ude00\"}}";
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsMessage) message = gls_message_decode (body, strlen (body), NULL, &error);

  cr_assert_null (message);
  cr_assert (g_error_matches (error, GLS_RPC_ERROR, GLS_RPC_ERROR_PARSE_ERROR));
  /* The lexical check now refuses the broken escape before json-glib can
   * quote it; gls_message_new_error repairs any message that still would. */
  cr_assert (g_utf8_validate (error->message, -1, NULL), "%s", error->message);
  g_autoptr (GVariant) reply = gls_message_new_error (NULL, error->code, error->message, NULL);
  cr_assert_not_null (reply);
  g_autoptr (GVariant) err = g_variant_lookup_value (reply, "error", G_VARIANT_TYPE_VARDICT);
  const char *text = NULL;
  cr_assert (g_variant_lookup (err, "message", "&s", &text));
  cr_expect (g_str_has_prefix (text, "Parse error"), "%s", text);
}

GLS_TEST (regress_message, error_message_made_valid)
{
  g_autoptr (GVariant) reply = gls_message_new_error (NULL, -32700, "bad \xff byte", NULL);
  g_autoptr (GVariant) err = g_variant_lookup_value (reply, "error", G_VARIANT_TYPE_VARDICT);
  const char *text = NULL;

  cr_assert (g_variant_lookup (err, "message", "&s", &text));
  cr_expect_str_eq (text, "bad \xEF\xBF\xBD byte");
}

/* Found while reducing a fuzz_rpc leak: json-glib 1.6 also accepts C comments
 * and single-quoted strings, and a '"' inside them desynchronised the string
 * tracking of the checks that run before json-glib: the nesting limit was
 * bypassed (200,000 brackets after a comment holding a quote overflowed the
 * stack) and a surrogate escape escaped repair (152 bytes leaked per
 * message). Bodies must now be JSON lexically: those are ParseErrors. */
static void
expect_parse_error (const char *body, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsMessage) message = gls_message_decode (body, len, NULL, &error);

  cr_assert_null (message, "decoded: %.60s", body);
  cr_assert (g_error_matches (error, GLS_RPC_ERROR, GLS_RPC_ERROR_PARSE_ERROR), "%.60s: %s", body,
             error ? error->message : "no error");
}

GLS_TEST (regress_message, comment_cannot_hide_nesting, .timeout = 60)
{
  g_autoptr (GString) body = g_string_new ("[/*\"*/");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (body, '[');
  for (guint i = 0; i < 200001; i++)
    g_string_append_c (body, ']');
  expect_parse_error (body->str, body->len);
}

GLS_TEST (regress_message, single_quotes_cannot_hide_nesting, .timeout = 60)
{
  g_autoptr (GString) body = g_string_new ("['\"', ");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (body, '[');
  for (guint i = 0; i < 200001; i++)
    g_string_append_c (body, ']');
  expect_parse_error (body->str, body->len);
}

GLS_TEST (regress_message, lexical_errors)
{
  static const char *const bodies[] = {
    "{\"jsons\": {\"\\u00e9\": \"\\ud83d\\ude\"\\ud800\"uzz/echo\", \"params\": {\"\\u00e9\": \"\\ud83d\\ude00\"}}",
    "[/* \" */ \"\\ud83d\\u0041\"]",
    "{\"a\": 'b'}",
    "{\"a\": 1} # comment",
    "{\"a\": \"\\x\"}",
    "{\"a\": \"\\u12\"}",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    expect_parse_error (bodies[i], strlen (bodies[i]));
  const char nul[] = "{\"a\": 1\0}";
  expect_parse_error (nul, sizeof nul - 1);
}
