/* harness.c — see harness.h. */
#include "harness.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <jsonrpc-glib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GVariant *message;
  GError   *error;
} Wait;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
gls_test_peer_wait (GlsTestPeer *peer, gboolean *flag)
{
  gboolean timed_out = FALSE;
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (GLS_TEST_WAIT_SECONDS);

  g_source_set_callback (timeout, timeout_cb, &timed_out, NULL);
  g_source_attach (timeout, peer->context);
  while (!*flag && !timed_out)
    g_main_context_iteration (peer->context, TRUE);
  g_source_destroy (timeout);
  cr_assert (!timed_out, "nothing happened within %d s", GLS_TEST_WAIT_SECONDS);
}

static void
make_pipe (int fds[2])
{
  g_autoptr(GError) error = NULL;

  cr_assert (g_unix_open_pipe (fds, FD_CLOEXEC, &error), "pipe: %s",
             error ? error->message : "");
  cr_assert (g_unix_set_fd_nonblocking (fds[0], TRUE, NULL));
  cr_assert (g_unix_set_fd_nonblocking (fds[1], TRUE, NULL));
}

GlsTestPeer *
gls_test_peer_new (void)
{
  GlsTestPeer *peer = g_new0 (GlsTestPeer, 1);
  int to_server[2];
  int to_client[2];

  signal (SIGPIPE, SIG_IGN);
  peer->context = g_main_context_new ();
  g_main_context_push_thread_default (peer->context);

  make_pipe (to_server);
  make_pipe (to_client);
  peer->server_in = g_unix_input_stream_new (to_server[0], TRUE);
  peer->client_out = g_unix_output_stream_new (to_server[1], TRUE);
  peer->server_out = g_unix_output_stream_new (to_client[1], TRUE);
  g_autoptr(GInputStream) raw_in = g_unix_input_stream_new (to_client[0], TRUE);
  peer->client_in = G_INPUT_STREAM (jsonrpc_input_stream_new (raw_in));
  return peer;
}

void
gls_test_peer_free (GlsTestPeer *peer)
{
  if (peer == NULL)
    return;
  g_clear_object (&peer->client_in);
  g_clear_object (&peer->client_out);
  g_clear_object (&peer->server_in);
  g_clear_object (&peer->server_out);
  /* Let pending callbacks (cancelled reads, finished writes) run so that
   * everything they hold is released before the leak check. */
  while (g_main_context_iteration (peer->context, FALSE))
    ;
  g_main_context_pop_thread_default (peer->context);
  g_main_context_unref (peer->context);
  g_free (peer);
}

static void
write_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *wait = data;

  wait->ok = g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result,
                                               NULL, &wait->error);
  wait->done = TRUE;
}

void
gls_test_peer_send_raw (GlsTestPeer *peer, const void *data, gsize len)
{
  Wait wait = { 0 };

  g_output_stream_write_all_async (peer->client_out, data, len,
                                   G_PRIORITY_DEFAULT, NULL, write_cb, &wait);
  gls_test_peer_wait (peer, &wait.done);
  cr_assert (wait.ok, "write to server failed: %s",
             wait.error ? wait.error->message : "");
}

void
gls_test_peer_send_body (GlsTestPeer *peer, const char *body)
{
  gsize len = strlen (body);
  g_autofree char *frame = g_strdup_printf ("Content-Length: %" G_GSIZE_FORMAT
                                            "\r\n\r\n%s", len, body);

  gls_test_peer_send_raw (peer, frame, strlen (frame));
}

void
gls_test_peer_send (GlsTestPeer *peer, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_autofree char *body = g_strdup_vprintf (format, args);
  va_end (args);
  gls_test_peer_send_body (peer, body);
}

void
gls_test_peer_close_output (GlsTestPeer *peer)
{
  cr_assert (g_output_stream_close (peer->client_out, NULL, NULL));
}

static void
read_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *wait = data;

  wait->ok = jsonrpc_input_stream_read_message_finish (
      JSONRPC_INPUT_STREAM (source), result, &wait->message, &wait->error);
  wait->done = TRUE;
}

static void
read_message (GlsTestPeer *peer, Wait *wait)
{
  jsonrpc_input_stream_read_message_async (JSONRPC_INPUT_STREAM (peer->client_in),
                                           NULL, read_cb, wait);
  gls_test_peer_wait (peer, &wait->done);
}

GVariant *
gls_test_peer_recv (GlsTestPeer *peer)
{
  Wait wait = { 0 };

  read_message (peer, &wait);
  cr_assert (wait.ok, "no message from the server: %s",
             wait.error ? wait.error->message : "");
  cr_assert (g_variant_is_of_type (wait.message, G_VARIANT_TYPE_VARDICT));
  return wait.message;
}

gboolean
gls_test_peer_recv_eof (GlsTestPeer *peer)
{
  Wait wait = { 0 };

  read_message (peer, &wait);
  if (wait.ok)
    {
      g_autofree char *json = gls_test_to_json (wait.message);
      cr_log_error ("unexpected message: %s", json);
      g_variant_unref (wait.message);
      return FALSE;
    }
  g_clear_error (&wait.error);
  return TRUE;
}

GVariant *
gls_test_member (GVariant *message, const char *path)
{
  g_auto(GStrv) keys = g_strsplit (path, ".", -1);
  g_autoptr(GVariant) cur = g_variant_ref (message);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (!g_variant_is_of_type (cur, G_VARIANT_TYPE_VARDICT))
        return NULL;
      GVariant *next = g_variant_lookup_value (cur, keys[i], NULL);
      if (next == NULL)
        return NULL;
      g_variant_unref (cur);
      cur = next;
    }
  return g_steal_pointer (&cur);
}

char *
gls_test_to_json (GVariant *value)
{
  if (value == NULL)
    return g_strdup ("(none)");
  return json_gvariant_serialize_data (value, NULL);
}

static gboolean
is_null (GVariant *value)
{
  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE) &&
         g_variant_n_children (value) == 0;
}

static void
expect_id (GVariant *message, GVariant *id)
{
  g_autoptr(GVariant) got = gls_test_member (message, "id");
  g_autoptr(GVariant) want = id != NULL ? g_variant_ref_sink (id) : NULL;
  g_autofree char *json = gls_test_to_json (message);

  cr_assert (got != NULL, "no id in %s", json);
  if (want == NULL)
    cr_assert (is_null (got), "expected id null in %s", json);
  else
    cr_assert (g_variant_equal (got, want), "wrong id (or id type) in %s", json);

  g_autoptr(GVariant) version = gls_test_member (message, "jsonrpc");
  cr_assert (version != NULL &&
             g_variant_is_of_type (version, G_VARIANT_TYPE_STRING) &&
             g_str_equal (g_variant_get_string (version, NULL), "2.0"),
             "no jsonrpc 2.0 in %s", json);
}

void
gls_test_expect_result (GVariant *message, GVariant *id)
{
  g_autofree char *json = gls_test_to_json (message);
  g_autoptr(GVariant) result = gls_test_member (message, "result");
  g_autoptr(GVariant) error = gls_test_member (message, "error");

  expect_id (message, id);
  cr_assert (result != NULL && error == NULL, "expected a result: %s", json);
}

void
gls_test_expect_error (GVariant *message, GVariant *id, int code)
{
  g_autofree char *json = gls_test_to_json (message);
  g_autoptr(GVariant) got = gls_test_member (message, "error.code");
  g_autoptr(GVariant) text = gls_test_member (message, "error.message");
  g_autoptr(GVariant) result = gls_test_member (message, "result");

  expect_id (message, id);
  cr_assert (result == NULL, "unexpected result: %s", json);
  cr_assert (got != NULL && g_variant_is_of_type (got, G_VARIANT_TYPE_INT64),
             "no error code in %s", json);
  cr_assert_eq (g_variant_get_int64 (got), code, "expected code %d: %s", code,
                json);
  cr_assert (text != NULL && g_variant_is_of_type (text, G_VARIANT_TYPE_STRING)
             && g_variant_get_size (text) > 1, "no error message in %s", json);
}
