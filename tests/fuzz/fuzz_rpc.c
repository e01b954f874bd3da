/* fuzz_rpc.c — libFuzzer target: the LSP message layer.
 *
 * The input is the raw byte stream a client writes to the server's stdin
 * (any number of frames, broken or not). A GlsServer (lifecycle + GlsRpc:
 * frame reader, JSON decoding, dispatch, cancellation, one-reply guarantee)
 * reads it from memory and runs until end of input, as gls_server_run does
 * in production, with test handlers that exercise every way a handler can
 * answer:
 *   fuzz/echo    replies with its params at once;
 *   fuzz/later   replies from an idle callback (a kept reference);
 *   fuzz/never   never replies (the layer must send -32603 itself);
 *   fuzz/twice   replies twice (the second must be refused);
 *   fuzz/error   replies with an error;
 *   fuzz/call    sends a request to the client (its id is 1, 2, ... so the
 *                input can answer it) and replies with what came back;
 *   fuzz/note    a notification handler.
 * Seeds start with initialize so the fuzzer gets past the lifecycle gate.
 *
 * Oracle: the server's output must be well-formed LSP: a sequence of
 * "Content-Length: N\r\n\r\n" frames whose bodies are JSON-RPC 2.0 objects
 * (a response with an id and exactly one of result/error, or a request or
 * notification with a method). Crashes, sanitizer reports and leaks are
 * caught by the fuzzer itself; a g_critical aborts (log_writer).
 */
#include "fuzz_common.h"

#include <json-glib/json-glib.h>

#include "server/server.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Criticals are bugs in the code under test: abort so the fuzzer keeps the
 * input. Everything else (a handler replying twice or never is expected to
 * log a warning) is dropped unless FUZZ_VERBOSE is set. */
static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_log_writer_default (level, fields, n_fields, NULL);
      abort ();
    }
  if (user_data != NULL)
    return g_log_writer_default (level, fields, n_fields, NULL);
  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_writer_default_set_use_stderr (TRUE);
  g_log_set_writer_func (log_writer, g_getenv ("FUZZ_VERBOSE") != NULL ? log_writer : NULL,
                         NULL);
  return 0;
}

static void
echo (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  GVariant *params = gls_rpc_request_get_params (request);

  gls_rpc_request_reply (request, params);
}

static gboolean
reply_later_cb (gpointer data)
{
  GlsRpcRequest *request = data;

  /* Refused (FALSE) when $/cancelRequest already answered it. */
  gls_rpc_request_reply (request, g_variant_new_string ("later"));
  return G_SOURCE_REMOVE;
}

static void
later (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  g_idle_add_full (G_PRIORITY_LOW, reply_later_cb, gls_rpc_request_ref (request),
                   (GDestroyNotify) gls_rpc_request_unref);
}

static void
never (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
}

static void
twice (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  gboolean first = gls_rpc_request_reply (request, NULL);
  if (gls_rpc_request_reply (request, NULL) || !first)
    fuzz_fail ("two replies to one request (or none)");
}

static void
error_reply (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  gls_rpc_request_reply_error (request, -32001, "failed on purpose: %s",
                               gls_rpc_request_get_method (request));
}

static void
call_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GlsRpcRequest) request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) value = gls_rpc_call_finish (gls_rpc_request_get_rpc (request), result,
                                                    &error);

  if (value != NULL)
    gls_rpc_request_reply (request, value);
  else
    gls_rpc_request_reply_gerror (request, error);
}

static void
call (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  gls_rpc_call_async (rpc, "fuzz/ask", gls_rpc_request_get_params (request), NULL, call_done,
                      gls_rpc_request_ref (request));
}

static void
note (GlsRpc *rpc, const char *method, GVariant *params, gpointer user_data)
{
  guint *count = user_data;
  (*count)++;
}

/* The oracle on the server's output (see the top of the file). */
static void
check_output (const char *out, gsize len)
{
  gsize pos = 0;
  static const char prefix[] = "Content-Length: ";

  while (pos < len)
    {
      if (len - pos < sizeof prefix - 1 || memcmp (out + pos, prefix, sizeof prefix - 1) != 0)
        fuzz_fail ("output at %zu is not a frame header", pos);
      pos += sizeof prefix - 1;
      gsize n = 0;
      while (pos < len && g_ascii_isdigit (out[pos]))
        n = n * 10 + (gsize) (out[pos++] - '0');
      if (len - pos < 4 || memcmp (out + pos, "\r\n\r\n", 4) != 0 || n > len - pos - 4)
        fuzz_fail ("bad frame header or truncated body at %zu", pos);
      pos += 4;

      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      if (!json_parser_load_from_data (parser, out + pos, (gssize) n, &error))
        fuzz_fail ("output body is not JSON: %s", error->message);
      JsonNode *root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        fuzz_fail ("output body is not a JSON object");
      JsonObject *o = json_node_get_object (root);
      if (g_strcmp0 (json_object_get_string_member_with_default (o, "jsonrpc", ""), "2.0") != 0)
        fuzz_fail ("output message without \"jsonrpc\": \"2.0\"");
      gboolean has_method = json_object_has_member (o, "method");
      gboolean has_id = json_object_has_member (o, "id");
      gboolean has_result = json_object_has_member (o, "result");
      gboolean has_error = json_object_has_member (o, "error");
      if (has_method ? (has_result || has_error) : (!has_id || has_result == has_error))
        fuzz_fail ("output message is neither a request/notification nor a response");
      if (has_error)
        {
          JsonNode *e = json_object_get_member (o, "error");
          if (!JSON_NODE_HOLDS_OBJECT (e) ||
              !json_object_has_member (json_node_get_object (e), "code") ||
              !json_object_has_member (json_node_get_object (e), "message"))
            fuzz_fail ("error reply without code and message");
        }
      pos += n;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  guint notes = 0;

  g_main_context_push_thread_default (context);
  {
    g_autoptr (GBytes) bytes = g_bytes_new (data, size);
    g_autoptr (GInputStream) input = g_memory_input_stream_new_from_bytes (bytes);
    g_autoptr (GOutputStream) output = g_memory_output_stream_new_resizable ();
    g_autoptr (GlsServer) server = gls_server_new (input, output);
    GlsRpc *rpc = gls_server_get_rpc (server);

    gls_rpc_add_request_handler (rpc, "fuzz/echo", echo, NULL, NULL);
    gls_rpc_add_request_handler (rpc, "fuzz/later", later, NULL, NULL);
    gls_rpc_add_request_handler (rpc, "fuzz/never", never, NULL, NULL);
    gls_rpc_add_request_handler (rpc, "fuzz/twice", twice, NULL, NULL);
    gls_rpc_add_request_handler (rpc, "fuzz/error", error_reply, NULL, NULL);
    gls_rpc_add_request_handler (rpc, "fuzz/call", call, NULL, NULL);
    gls_rpc_add_notification_handler (rpc, "fuzz/note", note, &notes, NULL);
    gls_server_add_capability (server, "experimental.fuzz", g_variant_new_boolean (TRUE));

    int code = gls_server_run (server);
    if (code != 0 && code != 1)
      fuzz_fail ("exit code %d", code);
    gls_server_free (g_steal_pointer (&server));
    /* Idle replies and finished writes still queued hold references. */
    while (g_main_context_iteration (context, FALSE))
      ;
    g_output_stream_close (output, NULL, NULL);
    check_output (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                  g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)));
  }
  g_main_context_pop_thread_default (context);
  return 0;
}
