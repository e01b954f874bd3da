/* Tests of the LSP framing reader over a pipe: split frames, header
 * variants, oversized bodies, malformed headers and resync, end of input. */
#include <criterion/criterion.h>

#include "common/leak-check.h"
#include <string.h>

#include "harness.h"
#include "server/transport/frame_reader.h"

typedef struct
{
  gboolean  done;
  GBytes   *body;
  GError   *error;
} Read;

static void
read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Read *read = user_data;

  read->body = gls_frame_reader_read_finish (GLS_FRAME_READER (source), result,
                                             &read->error);
  read->done = TRUE;
}

static void
read_clear (Read *read)
{
  g_clear_pointer (&read->body, g_bytes_unref);
  g_clear_error (&read->error);
  read->done = FALSE;
}

static void
start_read (GlsFrameReader *reader, Read *read)
{
  read_clear (read);
  gls_frame_reader_read_async (reader, NULL, read_cb, read);
}

/* Reads one frame and expects body. */
static void
expect_body (GlsTestPeer *peer, GlsFrameReader *reader, const char *body)
{
  Read read = { 0 };

  start_read (reader, &read);
  gls_test_peer_wait (peer, &read.done);
  cr_assert_null (read.error, "unexpected error: %s",
                  read.error ? read.error->message : "");
  gsize len;
  const char *data = g_bytes_get_data (read.body, &len);
  cr_assert_eq (len, strlen (body));
  cr_assert (memcmp (data, body, len) == 0, "body differs: %.*s", (int) len, data);
  read_clear (&read);
}

/* Reads one frame and expects an error of GLS_FRAME_ERROR. */
static void
expect_error (GlsTestPeer *peer, GlsFrameReader *reader, GlsFrameError code)
{
  Read read = { 0 };

  start_read (reader, &read);
  gls_test_peer_wait (peer, &read.done);
  cr_assert_null (read.body);
  cr_assert (g_error_matches (read.error, GLS_FRAME_ERROR, (gint) code),
             "expected frame error %d, got %s", code,
             read.error ? read.error->message : "none");
  read_clear (&read);
}

static void
send (GlsTestPeer *peer, const char *text)
{
  gls_test_peer_send_raw (peer, text, strlen (text));
}

static GlsFrameReader *
reader_new (GlsTestPeer *peer)
{
  return gls_frame_reader_new (peer->server_in, GLS_FRAME_DEFAULT_MAX_BODY);
}

GLS_TEST (frame_reader, frame_split_across_writes)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) reader = reader_new (peer);
  const char *frame = "Content-Length: 12\r\n\r\n{\"a\":\"b\\nc\"}";
  Read read = { 0 };

  start_read (reader, &read);
  /* One byte at a time: every header and body boundary is split. */
  for (const char *p = frame; *p != '\0'; p++)
    {
      cr_assert (!read.done, "completed before byte %d", (int) (p - frame));
      gls_test_peer_send_raw (peer, p, 1);
      for (int i = 0; i < 4; i++)
        g_main_context_iteration (peer->context, FALSE);
    }
  gls_test_peer_wait (peer, &read.done);
  cr_assert_null (read.error);
  cr_assert_eq (g_bytes_get_size (read.body), 12);
  read_clear (&read);
}

GLS_TEST (frame_reader, several_frames_in_one_write)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) reader = reader_new (peer);

  send (peer, "Content-Length: 2\r\n\r\n{}Content-Length: 3\r\n\r\n[1]"
              "Content-Length: 1\r\n\r\n7");
  expect_body (peer, reader, "{}");
  expect_body (peer, reader, "[1]");
  expect_body (peer, reader, "7");
}

GLS_TEST (frame_reader, header_variants)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) reader = reader_new (peer);

  send (peer, "content-length: 2\r\n\r\n{}");                       /* case */
  send (peer, "Content-Length:2\r\n\r\n{}");                        /* no space */
  send (peer, "Content-Length: 2\n\n{}");                           /* LF only */
  send (peer, "Content-Length: 2  \r\nX-Other: whatever\r\n\r\n{}"); /* extras */
  send (peer, "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
              "Content-Length: 2\r\n\r\n{}");
  send (peer, "Content-Length: 2\r\nContent-Type: application/json; "
              "charset=\"UTF8\"\r\n\r\n{}");
  send (peer, "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}"); /* repeated */
  send (peer, "\r\n\r\nContent-Length: 2\r\n\r\n{}");              /* stray CRLF */
  for (int i = 0; i < 8; i++)
    expect_body (peer, reader, "{}");
}

GLS_TEST (frame_reader, empty_body_is_returned)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) reader = reader_new (peer);

  send (peer, "Content-Length: 0\r\n\r\nContent-Length: 2\r\n\r\n{}");
  expect_body (peer, reader, "");
  expect_body (peer, reader, "{}");
}

typedef struct
{
  gboolean done;
  gboolean ok;
} Write;

static void
write_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Write *write = user_data;

  write->ok = g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result,
                                                NULL, NULL);
  write->done = TRUE;
}

GLS_TEST (frame_reader, oversized_body_is_reported_then_skipped)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) reader = reader_new (peer);
  gsize big = GLS_FRAME_DEFAULT_MAX_BODY + 1;
  g_autofree char *header = g_strdup_printf ("Content-Length: %zu\r\n\r\n", big);

  /* Only the header: the error must come without waiting for the body. */
  send (peer, header);
  expect_error (peer, reader, GLS_FRAME_ERROR_TOO_LARGE);

  /* Now the body and a good frame, written while the reader skips. */
  g_autoptr(GString) rest = g_string_sized_new (big + 64);
  g_string_set_size (rest, big);
  memset (rest->str, '[', big);
  g_string_append (rest, "Content-Length: 2\r\n\r\n{}");
  Write write = { 0 };
  g_output_stream_write_all_async (peer->client_out, rest->str, rest->len,
                                   G_PRIORITY_DEFAULT, NULL, write_cb, &write);
  expect_body (peer, reader, "{}");
  gls_test_peer_wait (peer, &write.done);
  cr_assert (write.ok);
}

GLS_TEST (frame_reader, limit_is_configurable)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) reader = gls_frame_reader_new (peer->server_in, 4);

  send (peer, "Content-Length: 5\r\n\r\n12345Content-Length: 4\r\n\r\n1234");
  expect_error (peer, reader, GLS_FRAME_ERROR_TOO_LARGE);
  expect_body (peer, reader, "1234");
}

GLS_TEST (frame_reader, malformed_headers_resync_on_next_frame)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) reader = reader_new (peer);

  /* No usable length: the body cannot be skipped by count, so the reader
   * discards up to the next Content-Length. */
  send (peer, "X-Nothing: 1\r\n\r\n{\"lost\":1}Content-Length: 3\r\n\r\n[1]");
  send (peer, "Content-Length: abc\r\n\r\n{}Content-Length: 3\r\n\r\n[2]");
  send (peer, "Content-Length: -2\r\n\r\n{}Content-Length: 3\r\n\r\n[3]");
  send (peer, "Content-Length: 99999999999999999999999\r\n\r\n{}"
              "Content-Length: 3\r\n\r\n[4]");
  send (peer, "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"
              "Content-Length: 3\r\n\r\n[5]");
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *want = g_strdup_printf ("[%d]", i);
      expect_error (peer, reader, GLS_FRAME_ERROR_MALFORMED);
      expect_body (peer, reader, want);
    }
}

GLS_TEST (frame_reader, malformed_header_with_length_skips_body)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) reader = reader_new (peer);

  /* The length is known, so the body goes by count, even when it contains
   * text that looks like a header. */
  send (peer, "Content-Length: 22\r\nContent-Type: application/gvariant\r\n\r\n"
              "Content-Length: 1\r\n\r\nX");
  send (peer, "Content-Length: 2\r\n\r\n{}");
  send (peer, "Content-Length: 2\r\nno colon here\r\n\r\n[]");
  send (peer, "Content-Length: 2\r\n\r\n{}");
  send (peer, "Content-Length: 2\r\nX-Bin: \xff\r\n\r\n[]");
  send (peer, "Content-Length: 2\r\n\r\n{}");
  for (int i = 0; i < 3; i++)
    {
      expect_error (peer, reader, GLS_FRAME_ERROR_MALFORMED);
      expect_body (peer, reader, "{}");
    }
}

GLS_TEST (frame_reader, huge_header_block_is_malformed)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) reader = reader_new (peer);
  g_autoptr(GString) junk = g_string_new ("X-Junk: ");

  for (int i = 0; i < 70 * 1024; i++)
    g_string_append_c (junk, 'j');
  g_string_append (junk, "\r\n\r\nContent-Length: 2\r\n\r\n{}");
  Write write = { 0 };
  g_output_stream_write_all_async (peer->client_out, junk->str, junk->len,
                                   G_PRIORITY_DEFAULT, NULL, write_cb, &write);
  expect_error (peer, reader, GLS_FRAME_ERROR_MALFORMED);
  expect_body (peer, reader, "{}");
  gls_test_peer_wait (peer, &write.done);
}

GLS_TEST (frame_reader, end_of_input)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) reader = reader_new (peer);

  send (peer, "Content-Length: 2\r\n\r\n{}\r\n");
  gls_test_peer_close_output (peer);
  expect_body (peer, reader, "{}");
  expect_error (peer, reader, GLS_FRAME_ERROR_EOF);
}

GLS_TEST (frame_reader, end_of_input_inside_header_or_body)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) in_header = reader_new (peer);

  send (peer, "Content-Len");
  gls_test_peer_close_output (peer);
  expect_error (peer, in_header, GLS_FRAME_ERROR_TRUNCATED);

  g_autoptr(GlsTestPeer) peer2 = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) in_body = reader_new (peer2);
  send (peer2, "Content-Length: 10\r\n\r\n{}");
  gls_test_peer_close_output (peer2);
  expect_error (peer2, in_body, GLS_FRAME_ERROR_TRUNCATED);
}

GLS_TEST (frame_reader, recoverable_errors_are_classified)
{
  g_autoptr(GError) eof = g_error_new_literal (GLS_FRAME_ERROR,
                                               GLS_FRAME_ERROR_EOF, "x");
  g_autoptr(GError) big = g_error_new_literal (GLS_FRAME_ERROR,
                                               GLS_FRAME_ERROR_TOO_LARGE, "x");
  g_autoptr(GError) bad = g_error_new_literal (GLS_FRAME_ERROR,
                                               GLS_FRAME_ERROR_MALFORMED, "x");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  cr_expect (!gls_frame_error_is_recoverable (eof));
  cr_expect (gls_frame_error_is_recoverable (big));
  cr_expect (gls_frame_error_is_recoverable (bad));
  cr_expect (!gls_frame_error_is_recoverable (io));
}

GLS_TEST (frame_reader, one_read_at_a_time)
{
  g_autoptr(GlsTestPeer) peer = gls_test_peer_new ();
  g_autoptr(GlsFrameReader) reader = reader_new (peer);
  Read first = { 0 };
  Read second = { 0 };

  start_read (reader, &first);
  start_read (reader, &second);
  gls_test_peer_wait (peer, &second.done);
  cr_expect (g_error_matches (second.error, G_IO_ERROR, G_IO_ERROR_PENDING));
  send (peer, "Content-Length: 2\r\n\r\n{}");
  gls_test_peer_wait (peer, &first.done);
  cr_expect_not_null (first.body);
  read_clear (&first);
  read_clear (&second);
}
