/* rpc_calls.c — see rpc_calls.h: the server's calls to the client. */
#define G_LOG_DOMAIN "gls-rpc"

#include "server/transport/rpc_calls.h"

#include "server/transport/rpc_error.h"

struct _GlsRpcCalls
{
  gatomicrefcount  ref_count;
  GMainContext    *context;
  GlsRpcWriter    *writer;
  /* Calls awaiting a response: gint64 id -> Call (owned). */
  GHashTable      *table;
  gint64           next_id;
};

typedef struct
{
  GlsRpcCalls  *calls;
  gint64        id;
  GTask        *task;
  GCancellable *cancellable;
  gulong        cancel_handler;
} Call;

GlsRpcCalls *
gls_rpc_calls_new (GMainContext *context, GlsRpcWriter *writer)
{
  g_return_val_if_fail (context != NULL && writer != NULL, NULL);

  GlsRpcCalls *calls = g_new0 (GlsRpcCalls, 1);
  g_atomic_ref_count_init (&calls->ref_count);
  calls->context = g_main_context_ref (context);
  calls->writer = gls_rpc_writer_ref (writer);
  calls->table = g_hash_table_new (g_int64_hash, g_int64_equal);
  calls->next_id = 1;
  return calls;
}

GlsRpcCalls *
gls_rpc_calls_ref (GlsRpcCalls *calls)
{
  g_return_val_if_fail (calls != NULL, NULL);

  g_atomic_ref_count_inc (&calls->ref_count);
  return calls;
}

void
gls_rpc_calls_unref (GlsRpcCalls *calls)
{
  g_return_if_fail (calls != NULL);

  if (!g_atomic_ref_count_dec (&calls->ref_count))
    return;

  /* Every pending call holds a reference: none can be left. */
  g_assert (g_hash_table_size (calls->table) == 0);
  g_hash_table_unref (calls->table);
  gls_rpc_writer_unref (calls->writer);
  g_main_context_unref (calls->context);
  g_free (calls);
}

static void
call_free (Call *call)
{
  if (call->cancel_handler != 0)
    g_cancellable_disconnect (call->cancellable, call->cancel_handler);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->task);
  gls_rpc_calls_unref (call->calls);
  g_free (call);
}

/* Removes the call from the table, completes and frees it. Takes error. */
static void
call_complete (Call *call, GVariant *result, GError *error)
{
  GTask *task = g_steal_pointer (&call->task);

  g_hash_table_remove (call->calls->table, &call->id);
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
  GlsRpcCalls *calls;
  gint64       id;
} CancelCall;

static void
cancel_call_free (gpointer data)
{
  CancelCall *cancel = data;

  gls_rpc_calls_unref (cancel->calls);
  g_free (cancel);
}

static gboolean
cancel_call_idle (gpointer data)
{
  CancelCall *cancel = data;
  Call *call = g_hash_table_lookup (cancel->calls->table, &cancel->id);

  /* The response may have won the race: then there is nothing to cancel. */
  if (call == NULL)
    return G_SOURCE_REMOVE;

  g_auto(GVariantDict) params = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&params, "id", "x", cancel->id);
  g_debug ("--> notification %s", "$/cancelRequest");
  gls_rpc_writer_send (cancel->calls->writer,
                       gls_message_new_notification ("$/cancelRequest",
                                                     g_variant_dict_end (&params)));
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

  cancel->calls = gls_rpc_calls_ref (call->calls);
  cancel->id = call->id;
  g_autoptr(GSource) idle = g_idle_source_new ();
  g_source_set_callback (idle, cancel_call_idle, cancel, cancel_call_free);
  g_source_attach (idle, call->calls->context);
}

void
gls_rpc_calls_start (GlsRpcCalls  *calls,
                     const char   *method,
                     GVariant     *params,
                     GCancellable *cancellable,
                     GTask        *task)
{
  g_return_if_fail (calls != NULL && method != NULL && G_IS_TASK (task));

  Call *call = g_new0 (Call, 1);
  call->calls = gls_rpc_calls_ref (calls);
  call->id = calls->next_id++;
  call->task = task;
  g_hash_table_insert (calls->table, &call->id, call);

  g_debug ("--> request %" G_GINT64_FORMAT " %s", call->id, method);
  gls_rpc_writer_send (calls->writer,
                       gls_message_new_request (g_variant_new_int64 (call->id),
                                                method, params));
  if (cancellable != NULL)
    {
      call->cancellable = g_object_ref (cancellable);
      call->cancel_handler = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (call_cancelled),
                                                    call, NULL);
    }
}

void
gls_rpc_calls_handle_response (GlsRpcCalls *calls, GlsMessage *message)
{
  g_return_if_fail (calls != NULL && message != NULL);

  gint64 id = 0;
  Call *call = NULL;

  if (message->id != NULL &&
      g_variant_is_of_type (message->id, G_VARIANT_TYPE_INT64))
    {
      id = g_variant_get_int64 (message->id);
      call = g_hash_table_lookup (calls->table, &id);
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

void
gls_rpc_calls_fail_all (GlsRpcCalls *calls)
{
  g_return_if_fail (calls != NULL);

  GHashTableIter iter;
  gpointer value;
  GPtrArray *pending = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, calls->table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (pending, value);
  for (guint i = 0; i < pending->len; i++)
    call_complete (g_ptr_array_index (pending, i), NULL,
                   g_error_new (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                "the connection is closed"));
  g_ptr_array_unref (pending);
}
