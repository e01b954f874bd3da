/* rpc.c — see rpc.h for the dispatch rules and the one-reply guarantee. */
#define G_LOG_DOMAIN "gls-rpc"

#include "server/transport/rpc.h"

#include "server/transport/frame_reader.h"
#include "server/transport/message.h"
#include "server/transport/rpc_calls.h"
#include "server/transport/rpc_request_private.h"
#include "server/transport/rpc_writer.h"

typedef struct
{
  union
  {
    GlsRpcRequestFunc      request;
    GlsRpcNotificationFunc notification;
  } func;
  gpointer       user_data;
  GDestroyNotify destroy;
} Handler;

struct _GlsRpc
{
  gatomicrefcount      ref_count;
  GMainContext        *context;
  GInputStream        *input;
  GlsFrameReader      *reader;
  GlsRpcWriter        *writer;
  GlsRpcCalls         *calls;
  GCancellable        *read_cancellable;

  GHashTable          *request_handlers;      /* method -> Handler */
  GHashTable          *notification_handlers; /* method -> Handler */
  /* Requests not answered yet, by gls_message_id_to_string (id); the table
   * does not own them: a request removes itself when answered or freed. */
  GHashTable          *pending;

  GlsRpcGateFunc       gate;
  gpointer             gate_data;
  GlsRpcClosedFunc     closed_func;
  gpointer             closed_data;

  gboolean             started;
  gboolean             closed;
  gboolean             closed_notified;
};

static void read_next (GlsRpc *rpc);
static void close_with (GlsRpc *rpc, const GError *error);

static void
handler_free (gpointer data)
{
  Handler *handler = data;

  if (handler->destroy != NULL)
    handler->destroy (handler->user_data);
  g_free (handler);
}

GlsRpc *
gls_rpc_new (GInputStream *input, GOutputStream *output)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), NULL);

  GlsRpc *rpc = g_new0 (GlsRpc, 1);
  g_atomic_ref_count_init (&rpc->ref_count);
  rpc->context = g_main_context_ref_thread_default ();
  rpc->input = g_object_ref (input);
  rpc->reader = gls_frame_reader_new (input, GLS_FRAME_DEFAULT_MAX_BODY);
  rpc->writer = gls_rpc_writer_new (output);
  rpc->calls = gls_rpc_calls_new (rpc->context, rpc->writer);
  rpc->read_cancellable = g_cancellable_new ();
  rpc->request_handlers = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                 g_free, handler_free);
  rpc->notification_handlers = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      g_free, handler_free);
  rpc->pending = g_hash_table_new (g_str_hash, g_str_equal);
  return rpc;
}

GlsRpc *
gls_rpc_ref (GlsRpc *rpc)
{
  g_return_val_if_fail (rpc != NULL, NULL);

  g_atomic_ref_count_inc (&rpc->ref_count);
  return rpc;
}

void
gls_rpc_unref (GlsRpc *rpc)
{
  g_return_if_fail (rpc != NULL);

  if (!g_atomic_ref_count_dec (&rpc->ref_count))
    return;

  /* Every pending request holds a reference, and the read loop does while
   * it runs: none can be left. Writes in flight and pending calls hold the
   * writer and the call table, which may outlive the rpc. */
  g_assert (g_hash_table_size (rpc->pending) == 0);
  g_hash_table_unref (rpc->pending);
  gls_rpc_calls_unref (rpc->calls);
  g_hash_table_unref (rpc->request_handlers);
  g_hash_table_unref (rpc->notification_handlers);
  g_object_unref (rpc->read_cancellable);
  gls_rpc_writer_unref (rpc->writer);
  g_object_unref (rpc->reader);
  g_object_unref (rpc->input);
  g_main_context_unref (rpc->context);
  g_free (rpc);
}

/* Takes handler; frees it (and its user_data) if method is taken. */
static gboolean
add_handler (GHashTable *table,
             const char *kind,
             const char *method,
             Handler    *handler)
{
  if (g_hash_table_contains (table, method))
    {
      g_warning ("a %s handler for '%s' is already registered; the new one "
                 "is ignored", kind, method);
      handler_free (handler);
      return FALSE;
    }
  g_hash_table_insert (table, g_strdup (method), handler);
  return TRUE;
}

gboolean
gls_rpc_add_request_handler (GlsRpc            *rpc,
                             const char        *method,
                             GlsRpcRequestFunc  func,
                             gpointer           user_data,
                             GDestroyNotify     destroy)
{
  g_return_val_if_fail (rpc != NULL && method != NULL && func != NULL, FALSE);

  Handler *handler = g_new0 (Handler, 1);
  handler->func.request = func;
  handler->user_data = user_data;
  handler->destroy = destroy;
  return add_handler (rpc->request_handlers, "request", method, handler);
}

gboolean
gls_rpc_add_notification_handler (GlsRpc                 *rpc,
                                  const char             *method,
                                  GlsRpcNotificationFunc  func,
                                  gpointer                user_data,
                                  GDestroyNotify          destroy)
{
  g_return_val_if_fail (rpc != NULL && method != NULL && func != NULL, FALSE);

  Handler *handler = g_new0 (Handler, 1);
  handler->func.notification = func;
  handler->user_data = user_data;
  handler->destroy = destroy;
  return add_handler (rpc->notification_handlers, "notification", method,
                      handler);
}

void
gls_rpc_set_gate (GlsRpc *rpc, GlsRpcGateFunc gate, gpointer user_data)
{
  g_return_if_fail (rpc != NULL);

  rpc->gate = gate;
  rpc->gate_data = user_data;
}

void
gls_rpc_set_closed_func (GlsRpc *rpc, GlsRpcClosedFunc func, gpointer user_data)
{
  g_return_if_fail (rpc != NULL);

  rpc->closed_func = func;
  rpc->closed_data = user_data;
}

gboolean
gls_rpc_is_closed (GlsRpc *rpc)
{
  g_return_val_if_fail (rpc != NULL, TRUE);

  return rpc->closed;
}

/* ---- writing (rpc_writer.c) and calls (rpc_calls.c) ------------------ */

void
gls_rpc_notify (GlsRpc *rpc, const char *method, GVariant *params)
{
  g_return_if_fail (rpc != NULL && method != NULL);

  g_debug ("--> notification %s", method);
  gls_rpc_writer_send (rpc->writer, gls_message_new_notification (method, params));
}

void
gls_rpc_flush_async (GlsRpc              *rpc,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (rpc != NULL);

  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gls_rpc_flush_async);
  gls_rpc_writer_flush (rpc->writer, task);
}

gboolean
gls_rpc_flush_finish (GlsRpc *rpc, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- requests from the client (rpc_request.c) ------------------------- */

static void
cancel_request (GlsRpc *rpc, GVariant *params)
{
  g_autoptr(GVariant) id = params != NULL
                         ? g_variant_lookup_value (params, "id", NULL) : NULL;

  if (id == NULL || !(g_variant_is_of_type (id, G_VARIANT_TYPE_INT64) ||
                      g_variant_is_of_type (id, G_VARIANT_TYPE_STRING)))
    {
      g_debug ("$/cancelRequest without a usable id ignored");
      return;
    }

  g_autofree char *key = gls_message_id_to_string (id);
  GlsRpcRequest *request = g_hash_table_lookup (rpc->pending, key);
  if (request == NULL)
    {
      /* Already answered, or never seen: the spec says to ignore it. */
      g_debug ("$/cancelRequest for %s: nothing pending", key);
      return;
    }

  gls_rpc_request_cancel (request);
}

void
gls_rpc_call_async (GlsRpc              *rpc,
                    const char          *method,
                    GVariant            *params,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (rpc != NULL && method != NULL);

  g_autoptr(GVariant) owned = params != NULL ? g_variant_ref_sink (params) : NULL;
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gls_rpc_call_async);
  if (rpc->closed)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               "the connection is closed");
      g_object_unref (task);
      return;
    }

  gls_rpc_calls_start (rpc->calls, method, owned, cancellable, task);
}

GVariant *
gls_rpc_call_finish (GlsRpc *rpc, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- reading and dispatch --------------------------------------------- */

static void
dispatch_notification (GlsRpc *rpc, GlsMessage *message)
{
  g_autoptr(GError) error = NULL;

  g_debug ("<-- notification %s", message->method);
  if (g_str_equal (message->method, "$/cancelRequest"))
    {
      cancel_request (rpc, message->params);
      return;
    }
  if (rpc->gate != NULL &&
      !rpc->gate (rpc, message->method, FALSE, rpc->gate_data, &error))
    {
      g_debug ("notification %s dropped: %s", message->method,
               error != NULL ? error->message : "refused by the gate");
      return;
    }

  Handler *handler = g_hash_table_lookup (rpc->notification_handlers,
                                          message->method);
  if (handler == NULL)
    {
      /* Unknown notifications, "$/..." ones included, are ignored. */
      g_debug ("notification %s has no handler; ignored", message->method);
      return;
    }
  handler->func.notification (rpc, message->method, message->params,
                              handler->user_data);
}

static void
dispatch_request (GlsRpc *rpc, GlsMessage *message)
{
  g_autoptr(GlsRpcRequest) request =
    gls_rpc_request_new (gls_rpc_ref (rpc), (GDestroyNotify) gls_rpc_unref,
                         rpc->pending, rpc->writer, message);
  const char *method = gls_rpc_request_get_method (request);
  g_autoptr(GError) error = NULL;

  g_debug ("<-- request %s %s", gls_rpc_request_get_key (request), method);
  if (rpc->gate != NULL &&
      !rpc->gate (rpc, method, TRUE, rpc->gate_data, &error))
    {
      if (error == NULL)
        error = g_error_new (GLS_RPC_ERROR, GLS_RPC_ERROR_INTERNAL_ERROR,
                             "request refused");
      gls_rpc_request_reply_gerror (request, error);
      return;
    }

  Handler *handler = g_hash_table_lookup (rpc->request_handlers, method);
  if (handler == NULL)
    {
      gls_rpc_request_reply_error (request, GLS_RPC_ERROR_METHOD_NOT_FOUND,
                                   "Method not found: %s", method);
      return;
    }
  /* Our reference (autoptr) outlives the call, so an unanswered request is
   * detected only once the handler has returned and dropped its own. */
  handler->func.request (rpc, request, handler->user_data);
}

static void
dispatch_body (GlsRpc *rpc, GBytes *body)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  g_autoptr(GVariant) bad_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlsMessage) message = gls_message_decode (data, len, &bad_id,
                                                      &error);

  if (message == NULL)
    {
      g_debug ("<-- unusable message (%s)", error->message);
      gls_rpc_writer_send_error (rpc->writer, bad_id, error->code, error->message);
      return;
    }

  switch (message->kind)
    {
    case GLS_MESSAGE_REQUEST:
      dispatch_request (rpc, message);
      break;
    case GLS_MESSAGE_NOTIFICATION:
      dispatch_notification (rpc, message);
      break;
    case GLS_MESSAGE_RESPONSE:
      gls_rpc_calls_handle_response (rpc->calls, message);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
notify_closed (GlsRpc *rpc, const GError *error)
{
  if (rpc->closed_notified)
    return;
  rpc->closed_notified = TRUE;
  if (rpc->closed_func != NULL)
    rpc->closed_func (rpc, error, rpc->closed_data);
}

static void
read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GlsRpc) rpc = user_data;  /* the read loop's reference */
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = gls_frame_reader_read_finish (GLS_FRAME_READER (source),
                                                         result, &error);

  if (rpc->closed)
    return;

  if (body != NULL)
    dispatch_body (rpc, body);
  else if (gls_frame_error_is_recoverable (error))
    {
      g_debug ("<-- unusable frame (%s)", error->message);
      gls_rpc_writer_send_error (rpc->writer, NULL, GLS_RPC_ERROR_PARSE_ERROR,
                                 error->message);
    }
  else
    {
      gboolean clean = g_error_matches (error, GLS_FRAME_ERROR,
                                        GLS_FRAME_ERROR_EOF);
      if (clean)
        g_debug ("end of input");
      else
        g_message ("input failed: %s", error->message);
      close_with (rpc, clean ? NULL : error);
      return;
    }

  /* A handler (exit) may have closed the connection. */
  if (!rpc->closed)
    read_next (rpc);
}

static void
read_next (GlsRpc *rpc)
{
  gls_frame_reader_read_async (rpc->reader, rpc->read_cancellable, read_cb,
                               gls_rpc_ref (rpc));
}

void
gls_rpc_start (GlsRpc *rpc)
{
  g_return_if_fail (rpc != NULL);
  g_return_if_fail (!rpc->started);

  rpc->started = TRUE;
  read_next (rpc);
}

static void
close_with (GlsRpc *rpc, const GError *error)
{
  if (rpc->closed)
    return;
  rpc->closed = TRUE;
  g_cancellable_cancel (rpc->read_cancellable);

  /* Unanswered requests are cancelled but not answered: whoever closes is
   * done with the peer. Snapshot first, as cancelling runs handlers. */
  GPtrArray *requests = g_ptr_array_new_with_free_func (
      (GDestroyNotify) gls_rpc_request_unref);
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, rpc->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (requests, gls_rpc_request_ref (value));
  g_hash_table_remove_all (rpc->pending);
  for (guint i = 0; i < requests->len; i++)
    gls_rpc_request_abandon (g_ptr_array_index (requests, i));
  g_ptr_array_unref (requests);

  gls_rpc_calls_fail_all (rpc->calls);
  notify_closed (rpc, error);
}

void
gls_rpc_close (GlsRpc *rpc)
{
  g_return_if_fail (rpc != NULL);

  close_with (rpc, NULL);
}
