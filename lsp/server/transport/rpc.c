/* rpc.c — see rpc.h for the dispatch rules and the one-reply guarantee. */
#define G_LOG_DOMAIN "gls-rpc"

#include "server/transport/rpc.h"

#include "server/transport/frame_reader.h"
#include "server/transport/message.h"

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
  GOutputStream       *output;
  GlsFrameReader      *reader;
  GQueue               out_queue;             /* GBytes: framed messages not written yet */
  GBytes              *writing;               /* the one being written, or NULL */
  GCancellable        *read_cancellable;

  GHashTable          *request_handlers;      /* method -> Handler */
  GHashTable          *notification_handlers; /* method -> Handler */
  /* Requests not answered yet, by gls_message_id_to_string (id); the table
   * does not own them: a request removes itself when answered or freed. */
  GHashTable          *pending;
  /* Our calls awaiting a response: gint64 id -> Call (owned). */
  GHashTable          *calls;
  gint64               next_call_id;

  GlsRpcGateFunc       gate;
  gpointer             gate_data;
  GlsRpcClosedFunc     closed_func;
  gpointer             closed_data;

  guint                writes_in_flight;
  GQueue               flush_waiters;         /* GTask */
  gboolean             started;
  gboolean             closed;
  gboolean             closed_notified;
  gboolean             write_failed;
};

struct _GlsRpcRequest
{
  int           ref_count;
  GlsRpc       *rpc;
  char         *method;
  GVariant     *id;
  char         *key;
  GVariant     *params;
  GCancellable *cancellable;
  gboolean      answered;
  /* Answered by $/cancelRequest or close: the handler's reply is expected
   * and dropped without a warning. */
  gboolean      answered_by_cancel;
};

typedef struct
{
  GlsRpc       *rpc;
  gint64        id;
  GTask        *task;
  GCancellable *cancellable;
  gulong        cancel_handler;
} Call;

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
  rpc->output = g_object_ref (output);
  rpc->reader = gls_frame_reader_new (input, GLS_FRAME_DEFAULT_MAX_BODY);
  g_queue_init (&rpc->out_queue);
  rpc->read_cancellable = g_cancellable_new ();
  rpc->request_handlers = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                 g_free, handler_free);
  rpc->notification_handlers = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      g_free, handler_free);
  rpc->pending = g_hash_table_new (g_str_hash, g_str_equal);
  rpc->calls = g_hash_table_new (g_int64_hash, g_int64_equal);
  rpc->next_call_id = 1;
  g_queue_init (&rpc->flush_waiters);
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

  /* Every pending request and call holds a reference, and the read loop
   * does while it runs: none can be left. */
  g_assert (g_hash_table_size (rpc->pending) == 0);
  g_assert (g_hash_table_size (rpc->calls) == 0);
  g_assert (g_queue_is_empty (&rpc->flush_waiters));
  g_hash_table_unref (rpc->pending);
  g_hash_table_unref (rpc->calls);
  g_hash_table_unref (rpc->request_handlers);
  g_hash_table_unref (rpc->notification_handlers);
  g_object_unref (rpc->read_cancellable);
  g_assert (rpc->writing == NULL);
  g_queue_clear_full (&rpc->out_queue, (GDestroyNotify) g_bytes_unref);
  g_object_unref (rpc->reader);
  g_object_unref (rpc->output);
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

/* ---- writing ---------------------------------------------------------- */

static void
complete_flush_waiters (GlsRpc *rpc)
{
  GTask *task;

  while ((task = g_queue_pop_head (&rpc->flush_waiters)) != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void write_next (GlsRpc *rpc);

static void
write_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GlsRpc *rpc = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      /* The peer is gone (EPIPE) or the stream broke: log once, then the
       * read side will see the end of input. */
      if (!rpc->write_failed)
        g_warning ("cannot write to the client: %s", error->message);
      rpc->write_failed = TRUE;
    }
  g_clear_pointer (&rpc->writing, g_bytes_unref);
  rpc->writes_in_flight--;
  write_next (rpc);
  if (rpc->writes_in_flight == 0)
    complete_flush_waiters (rpc);
  gls_rpc_unref (rpc);
}

/* Starts writing the next queued message unless one is being written. */
static void
write_next (GlsRpc *rpc)
{
  GBytes *bytes;

  if (rpc->writing != NULL)
    return;
  while ((bytes = g_queue_pop_head (&rpc->out_queue)) != NULL)
    {
      if (!rpc->write_failed)
        {
          gsize len;
          const void *data = g_bytes_get_data (bytes, &len);
          rpc->writing = bytes;
          g_output_stream_write_all_async (rpc->output, data, len, G_PRIORITY_DEFAULT, NULL,
                                           write_cb, gls_rpc_ref (rpc));
          return;
        }
      g_bytes_unref (bytes);
      rpc->writes_in_flight--;
    }
}

/* Queues message (a non-floating ref, consumed) behind earlier ones. Our own
 * writer, not JsonrpcOutputStream: an integer id beyond int64 must be written
 * back as the client's digits (gls_message_to_json), which no GVariant holds. */
static void
send_message (GlsRpc *rpc, GVariant *message)
{
  if (rpc->write_failed)
    {
      g_debug ("not sent (output broken)");
      g_variant_unref (message);
      return;
    }
  g_autoptr(GBytes) json = gls_message_to_json (message);
  g_variant_unref (message);
  gsize len;
  const char *data = g_bytes_get_data (json, &len);
  GString *frame = g_string_sized_new (len + 32);
  g_string_append_printf (frame, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", len);
  g_string_append_len (frame, data, (gssize) len);
  rpc->writes_in_flight++;
  g_queue_push_tail (&rpc->out_queue, g_string_free_to_bytes (frame));
  write_next (rpc);
}

static void
send_error (GlsRpc *rpc, GVariant *id, int code, const char *message)
{
  g_autofree char *id_text = gls_message_id_to_string (id);

  g_debug ("--> error %d for id %s: %s", code, id_text, message);
  send_message (rpc, gls_message_new_error (id, code, message, NULL));
}

void
gls_rpc_notify (GlsRpc *rpc, const char *method, GVariant *params)
{
  g_return_if_fail (rpc != NULL && method != NULL);

  g_debug ("--> notification %s", method);
  send_message (rpc, gls_message_new_notification (method, params));
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
  if (rpc->writes_in_flight == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  g_queue_push_tail (&rpc->flush_waiters, task);
}

gboolean
gls_rpc_flush_finish (GlsRpc *rpc, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- requests from the client ----------------------------------------- */

static GlsRpcRequest *
request_new (GlsRpc *rpc, GlsMessage *message)
{
  GlsRpcRequest *request = g_new0 (GlsRpcRequest, 1);

  request->ref_count = 1;
  request->rpc = gls_rpc_ref (rpc);
  request->method = g_steal_pointer (&message->method);
  request->id = g_steal_pointer (&message->id);
  request->params = g_steal_pointer (&message->params);
  request->key = gls_message_id_to_string (request->id);
  request->cancellable = g_cancellable_new ();

  /* Ids should be unique among pending requests; if a client reuses one,
   * $/cancelRequest reaches the older request. */
  if (!g_hash_table_contains (rpc->pending, request->key))
    g_hash_table_insert (rpc->pending, request->key, request);
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
  if (g_hash_table_lookup (request->rpc->pending, request->key) == request)
    g_hash_table_remove (request->rpc->pending, request->key);
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
      send_error (request->rpc, request->id, GLS_RPC_ERROR_INTERNAL_ERROR,
                  "Internal error: the server dropped the request without "
                  "a reply");
    }
  g_object_unref (request->cancellable);
  g_clear_pointer (&request->params, g_variant_unref);
  g_variant_unref (request->id);
  g_free (request->key);
  g_free (request->method);
  gls_rpc_unref (request->rpc);
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
  send_message (request->rpc, gls_message_new_response (request->id, owned));
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
  send_error (request->rpc, request->id, code, message);
  return TRUE;
}

gboolean
gls_rpc_request_reply_gerror (GlsRpcRequest *request, const GError *error)
{
  g_return_val_if_fail (request != NULL && error != NULL, FALSE);

  if (!claim_answer (request))
    return FALSE;
  send_error (request->rpc, request->id, gls_rpc_error_code_for (error),
              error->message);
  return TRUE;
}

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

  /* The handler may still hold the request: keep it alive across the
   * cancelled signal, whose handlers may reply or unref. */
  g_autoptr(GlsRpcRequest) hold = gls_rpc_request_ref (request);
  claim_answer (request);
  request->answered_by_cancel = TRUE;
  send_error (rpc, request->id, GLS_RPC_ERROR_REQUEST_CANCELLED,
              "Request cancelled");
  g_cancellable_cancel (request->cancellable);
}

/* ---- calls to the client ---------------------------------------------- */

static void
call_free (Call *call)
{
  if (call->cancel_handler != 0)
    g_cancellable_disconnect (call->cancellable, call->cancel_handler);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->task);
  gls_rpc_unref (call->rpc);
  g_free (call);
}

/* Removes the call from the table, completes and frees it. Takes error. */
static void
call_complete (Call *call, GVariant *result, GError *error)
{
  GTask *task = g_steal_pointer (&call->task);

  g_hash_table_remove (call->rpc->calls, &call->id);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_variant_ref (result),
                           (GDestroyNotify) g_variant_unref);
  g_object_unref (task);
  call_free (call);
}

typedef struct
{
  GlsRpc *rpc;
  gint64  id;
} CancelCall;

static void
cancel_call_free (gpointer data)
{
  CancelCall *cancel = data;

  gls_rpc_unref (cancel->rpc);
  g_free (cancel);
}

static gboolean
cancel_call_idle (gpointer data)
{
  CancelCall *cancel = data;
  Call *call = g_hash_table_lookup (cancel->rpc->calls, &cancel->id);

  /* The response may have won the race: then there is nothing to cancel. */
  if (call == NULL)
    return G_SOURCE_REMOVE;

  g_auto(GVariantDict) params = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&params, "id", "x", cancel->id);
  gls_rpc_notify (cancel->rpc, "$/cancelRequest", g_variant_dict_end (&params));
  call_complete (call, NULL, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                          "Operation was cancelled"));
  return G_SOURCE_REMOVE;
}

static void
call_cancelled (GCancellable *cancellable, gpointer data)
{
  /* The signal can fire inside g_cancellable_connect() and a handler cannot
   * disconnect itself, so the call is completed from an idle, found again
   * by id in case the response arrived first. */
  Call *call = data;
  CancelCall *cancel = g_new0 (CancelCall, 1);

  cancel->rpc = gls_rpc_ref (call->rpc);
  cancel->id = call->id;
  g_autoptr(GSource) idle = g_idle_source_new ();
  g_source_set_callback (idle, cancel_call_idle, cancel, cancel_call_free);
  g_source_attach (idle, call->rpc->context);
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

  Call *call = g_new0 (Call, 1);
  call->rpc = gls_rpc_ref (rpc);
  call->id = rpc->next_call_id++;
  call->task = task;
  g_hash_table_insert (rpc->calls, &call->id, call);

  g_debug ("--> request %" G_GINT64_FORMAT " %s", call->id, method);
  send_message (rpc, gls_message_new_request (g_variant_new_int64 (call->id),
                                              method, owned));
  if (cancellable != NULL)
    {
      call->cancellable = g_object_ref (cancellable);
      call->cancel_handler = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (call_cancelled),
                                                    call, NULL);
    }
}

GVariant *
gls_rpc_call_finish (GlsRpc *rpc, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
handle_response (GlsRpc *rpc, GlsMessage *message)
{
  gint64 id = 0;
  Call *call = NULL;

  if (message->id != NULL &&
      g_variant_is_of_type (message->id, G_VARIANT_TYPE_INT64))
    {
      id = g_variant_get_int64 (message->id);
      call = g_hash_table_lookup (rpc->calls, &id);
    }
  if (call == NULL)
    {
      g_autofree char *key = gls_message_id_to_string (message->id);
      g_debug ("<-- response %s matches no pending call; ignored", key);
      return;
    }

  g_debug ("<-- response %" G_GINT64_FORMAT, id);
  if (message->error != NULL)
    {
      gint64 code = GLS_RPC_ERROR_INTERNAL_ERROR;
      const char *text = "the client reported an error without a message";
      if (g_variant_is_of_type (message->error, G_VARIANT_TYPE_VARDICT))
        {
          g_variant_lookup (message->error, "code", "x", &code);
          g_variant_lookup (message->error, "message", "&s", &text);
        }
          call_complete (call, NULL, g_error_new (GLS_RPC_ERROR, (int) code, "%s",
                                              text));
    }
  else
    call_complete (call, message->result, NULL);
}

static void
fail_calls (GlsRpc *rpc)
{
  GHashTableIter iter;
  gpointer value;
  GPtrArray *calls = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, rpc->calls);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (calls, value);
  for (guint i = 0; i < calls->len; i++)
    call_complete (g_ptr_array_index (calls, i), NULL,
                   g_error_new (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                "the connection is closed"));
  g_ptr_array_unref (calls);
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
  g_autoptr(GlsRpcRequest) request = request_new (rpc, message);
  g_autoptr(GError) error = NULL;

  g_debug ("<-- request %s %s", request->key, request->method);
  if (rpc->gate != NULL &&
      !rpc->gate (rpc, request->method, TRUE, rpc->gate_data, &error))
    {
      if (error == NULL)
        error = g_error_new (GLS_RPC_ERROR, GLS_RPC_ERROR_INTERNAL_ERROR,
                             "request refused");
      gls_rpc_request_reply_gerror (request, error);
      return;
    }

  Handler *handler = g_hash_table_lookup (rpc->request_handlers,
                                          request->method);
  if (handler == NULL)
    {
      gls_rpc_request_reply_error (request, GLS_RPC_ERROR_METHOD_NOT_FOUND,
                                   "Method not found: %s", request->method);
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
      send_error (rpc, bad_id, error->code, error->message);
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
      handle_response (rpc, message);
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
      send_error (rpc, NULL, GLS_RPC_ERROR_PARSE_ERROR, error->message);
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
    {
      GlsRpcRequest *request = g_ptr_array_index (requests, i);
      request->answered = TRUE;
      request->answered_by_cancel = TRUE;
      g_cancellable_cancel (request->cancellable);
    }
  g_ptr_array_unref (requests);

  fail_calls (rpc);
  notify_closed (rpc, error);
}

void
gls_rpc_close (GlsRpc *rpc)
{
  g_return_if_fail (rpc != NULL);

  close_with (rpc, NULL);
}
