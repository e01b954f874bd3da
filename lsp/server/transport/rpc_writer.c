/* rpc_writer.c — see rpc_writer.h: ordered, framed writes of a GlsRpc. */
#define G_LOG_DOMAIN "gls-rpc"

#include "server/transport/rpc_writer.h"

#include "server/transport/message.h"

struct _GlsRpcWriter
{
  gatomicrefcount  ref_count;
  GOutputStream   *output;
  GQueue           out_queue;         /* GBytes: framed messages not written yet */
  GBytes          *writing;           /* the one being written, or NULL */
  guint            writes_in_flight;  /* queued + writing */
  GQueue           flush_waiters;     /* GTask */
  gboolean         write_failed;
};

GlsRpcWriter *
gls_rpc_writer_new (GOutputStream *output)
{
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), NULL);

  GlsRpcWriter *writer = g_new0 (GlsRpcWriter, 1);
  g_atomic_ref_count_init (&writer->ref_count);
  writer->output = g_object_ref (output);
  g_queue_init (&writer->out_queue);
  g_queue_init (&writer->flush_waiters);
  return writer;
}

GlsRpcWriter *
gls_rpc_writer_ref (GlsRpcWriter *writer)
{
  g_return_val_if_fail (writer != NULL, NULL);

  g_atomic_ref_count_inc (&writer->ref_count);
  return writer;
}

void
gls_rpc_writer_unref (GlsRpcWriter *writer)
{
  g_return_if_fail (writer != NULL);

  if (!g_atomic_ref_count_dec (&writer->ref_count))
    return;

  /* Every write in flight holds a reference, and flush waiters exist only
   * while one is. */
  g_assert (writer->writing == NULL);
  g_assert (g_queue_is_empty (&writer->flush_waiters));
  g_queue_clear_full (&writer->out_queue, (GDestroyNotify) g_bytes_unref);
  g_object_unref (writer->output);
  g_free (writer);
}

static void
complete_flush_waiters (GlsRpcWriter *writer)
{
  GTask *task;

  while ((task = g_queue_pop_head (&writer->flush_waiters)) != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void write_next (GlsRpcWriter *writer);

static void
write_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GlsRpcWriter *writer = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      /* The peer is gone (EPIPE) or the stream broke: log once, then the
       * read side will see the end of input. */
      if (!writer->write_failed)
        g_warning ("cannot write to the client: %s", error->message);
      writer->write_failed = TRUE;
    }
  g_clear_pointer (&writer->writing, g_bytes_unref);
  writer->writes_in_flight--;
  write_next (writer);
  if (writer->writes_in_flight == 0)
    complete_flush_waiters (writer);
  gls_rpc_writer_unref (writer);
}

/* Starts writing the next queued message unless one is being written. */
static void
write_next (GlsRpcWriter *writer)
{
  GBytes *bytes;

  if (writer->writing != NULL)
    return;
  while ((bytes = g_queue_pop_head (&writer->out_queue)) != NULL)
    {
      if (!writer->write_failed)
        {
          gsize len;
          const void *data = g_bytes_get_data (bytes, &len);
          writer->writing = bytes;
          g_output_stream_write_all_async (writer->output, data, len, G_PRIORITY_DEFAULT, NULL,
                                           write_cb, gls_rpc_writer_ref (writer));
          return;
        }
      g_bytes_unref (bytes);
      writer->writes_in_flight--;
    }
}

void
gls_rpc_writer_send (GlsRpcWriter *writer, GVariant *message)
{
  g_return_if_fail (writer != NULL && message != NULL);

  if (writer->write_failed)
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
  writer->writes_in_flight++;
  g_queue_push_tail (&writer->out_queue, g_string_free_to_bytes (frame));
  write_next (writer);
}

void
gls_rpc_writer_send_error (GlsRpcWriter *writer,
                           GVariant     *id,
                           int           code,
                           const char   *message)
{
  g_return_if_fail (writer != NULL && message != NULL);

  g_autofree char *id_text = gls_message_id_to_string (id);

  g_debug ("--> error %d for id %s: %s", code, id_text, message);
  gls_rpc_writer_send (writer, gls_message_new_error (id, code, message, NULL));
}

void
gls_rpc_writer_flush (GlsRpcWriter *writer, GTask *task)
{
  g_return_if_fail (writer != NULL && G_IS_TASK (task));

  if (writer->writes_in_flight == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  g_queue_push_tail (&writer->flush_waiters, task);
}
