/* rpc_request.c — GlsRpcRequest: one incoming request and its one reply
 * (rpc.h states the rules, rpc_request_private.h how rpc.c drives it). */
#define G_LOG_DOMAIN "gls-rpc"

#include "server/transport/rpc_request_private.h"

struct _GlsRpcRequest
{
  int             ref_count;
  GlsRpc         *rpc;         /* a reference, dropped with release */
  GDestroyNotify  release;
  GHashTable     *pending;     /* the rpc's; alive as long as rpc is */
  GlsRpcWriter   *writer;
  char           *method;
  GVariant       *id;
  char           *key;
  GVariant       *params;
  GCancellable   *cancellable;
  gboolean        answered;
  /* Answered by $/cancelRequest or close: the handler's reply is expected
   * and dropped without a warning. */
  gboolean        answered_by_cancel;
};

GlsRpcRequest *
gls_rpc_request_new (GlsRpc         *rpc,
                     GDestroyNotify  release,
                     GHashTable     *pending,
                     GlsRpcWriter   *writer,
                     GlsMessage     *message)
{
  g_assert (rpc != NULL && release != NULL && pending != NULL && writer != NULL);

  GlsRpcRequest *request = g_new0 (GlsRpcRequest, 1);

  request->ref_count = 1;
  request->rpc = rpc;
  request->release = release;
  request->pending = pending;
  request->writer = gls_rpc_writer_ref (writer);
  request->method = g_steal_pointer (&message->method);
  request->id = g_steal_pointer (&message->id);
  request->params = g_steal_pointer (&message->params);
  request->key = gls_message_id_to_string (request->id);
  request->cancellable = g_cancellable_new ();

  /* Ids should be unique among pending requests; if a client reuses one,
   * $/cancelRequest reaches the older request. */
  if (!g_hash_table_contains (pending, request->key))
    g_hash_table_insert (pending, request->key, request);
  else
    g_warning ("request id %s is already in use by a pending request",
               request->key);
  return request;
}

/* Marks request answered; FALSE (with the right log line) if it was. */
static gboolean
claim_answer (GlsRpcRequest *request)
{
  if (request->answered)
    {
      if (request->answered_by_cancel)
        g_debug ("reply to cancelled request %s (%s) dropped", request->key,
                 request->method);
      else
        g_warning ("request %s (%s) answered twice; the second answer is "
                   "dropped", request->key, request->method);
      return FALSE;
    }
  request->answered = TRUE;
  if (g_hash_table_lookup (request->pending, request->key) == request)
    g_hash_table_remove (request->pending, request->key);
  return TRUE;
}

GlsRpcRequest *
gls_rpc_request_ref (GlsRpcRequest *request)
{
  g_return_val_if_fail (request != NULL && request->ref_count > 0, NULL);

  request->ref_count++;
  return request;
}

void
gls_rpc_request_unref (GlsRpcRequest *request)
{
  g_return_if_fail (request != NULL && request->ref_count > 0);

  if (--request->ref_count > 0)
    return;

  if (!request->answered)
    {
      g_warning ("request %s (%s) was dropped without a reply; answering "
                 "with an internal error", request->key, request->method);
      claim_answer (request);
      gls_rpc_writer_send_error (request->writer, request->id,
                                 GLS_RPC_ERROR_INTERNAL_ERROR,
                                 "Internal error: the server dropped the "
                                 "request without a reply");
    }
  g_object_unref (request->cancellable);
  g_clear_pointer (&request->params, g_variant_unref);
  g_variant_unref (request->id);
  g_free (request->key);
  g_free (request->method);
  gls_rpc_writer_unref (request->writer);
  request->release (request->rpc);
  g_free (request);
}

GlsRpc *
gls_rpc_request_get_rpc (GlsRpcRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->rpc;
}

const char *
gls_rpc_request_get_method (GlsRpcRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->method;
}

const char *
gls_rpc_request_get_key (GlsRpcRequest *request)
{
  g_assert (request != NULL);
  return request->key;
}

GVariant *
gls_rpc_request_get_id (GlsRpcRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->id;
}

GVariant *
gls_rpc_request_get_params (GlsRpcRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->params;
}

GCancellable *
gls_rpc_request_get_cancellable (GlsRpcRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);
  return request->cancellable;
}

gboolean
gls_rpc_request_is_answered (GlsRpcRequest *request)
{
  g_return_val_if_fail (request != NULL, TRUE);
  return request->answered;
}

gboolean
gls_rpc_request_reply (GlsRpcRequest *request, GVariant *result)
{
  g_return_val_if_fail (request != NULL, FALSE);

  /* Take ownership first so a floating result never leaks. */
  g_autoptr(GVariant) owned = result != NULL ? g_variant_ref_sink (result) : NULL;
  if (!claim_answer (request))
    return FALSE;
  g_debug ("--> result for %s (%s)", request->key, request->method);
  gls_rpc_writer_send (request->writer,
                       gls_message_new_response (request->id, owned));
  return TRUE;
}

gboolean
gls_rpc_request_reply_error (GlsRpcRequest *request,
                             int            code,
                             const char    *format,
                             ...)
{
  g_return_val_if_fail (request != NULL && format != NULL, FALSE);

  if (!claim_answer (request))
    return FALSE;

  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  gls_rpc_writer_send_error (request->writer, request->id, code, message);
  return TRUE;
}

gboolean
gls_rpc_request_reply_gerror (GlsRpcRequest *request, const GError *error)
{
  g_return_val_if_fail (request != NULL && error != NULL, FALSE);

  if (!claim_answer (request))
    return FALSE;
  gls_rpc_writer_send_error (request->writer, request->id,
                             gls_rpc_error_code_for (error), error->message);
  return TRUE;
}

void
gls_rpc_request_cancel (GlsRpcRequest *request)
{
  g_assert (request != NULL && !request->answered);

  /* The handler may still hold the request: keep it alive across the
   * cancelled signal, whose handlers may reply or unref. */
  gls_rpc_request_ref (request);
  claim_answer (request);
  request->answered_by_cancel = TRUE;
  gls_rpc_writer_send_error (request->writer, request->id,
                             GLS_RPC_ERROR_REQUEST_CANCELLED,
                             "Request cancelled");
  g_cancellable_cancel (request->cancellable);
  gls_rpc_request_unref (request);
}

void
gls_rpc_request_abandon (GlsRpcRequest *request)
{
  g_assert (request != NULL);

  request->answered = TRUE;
  request->answered_by_cancel = TRUE;
  g_cancellable_cancel (request->cancellable);
}
