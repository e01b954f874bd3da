/* harness.h — an in-process LSP client for the lsp/server/ unit tests.
 *
 * Two pipes connect a test (the "client") to the streams handed to the code
 * under test (the "server" ends), the pattern of jsonrpc-glib's own tests.
 * Everything runs on one main context, pushed as thread-default by
 * gls_test_peer_new, so the test drives both sides by iterating it:
 * gls_test_peer_send_* iterate until the bytes are in the pipe (the server
 * reads meanwhile, so writes larger than a pipe buffer work), and
 * gls_test_peer_recv iterates until one message arrives. Replies are read
 * with JsonrpcInputStream, an implementation independent of ours.
 *
 * Every wait is bounded (GLS_TEST_WAIT_SECONDS) and fails the test instead of
 * hanging; that bound is a hang guard, not a timing assertion.
 *
 * SIGPIPE is ignored for the process so a closed pipe is an error.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GLS_TEST_WAIT_SECONDS 20

typedef struct
{
  GMainContext  *context;
  /* Hand these to gls_rpc_new / gls_server_new. */
  GInputStream  *server_in;
  GOutputStream *server_out;
  /* The client's ends. */
  GOutputStream *client_out;
  GInputStream  *client_in;
} GlsTestPeer;

GlsTestPeer *gls_test_peer_new          (void);
void         gls_test_peer_free         (GlsTestPeer *peer);

void         gls_test_peer_send_raw     (GlsTestPeer *peer,
                                         const void  *data,
                                         gsize        len);
/* Frames body with a Content-Length header. */
void         gls_test_peer_send_body    (GlsTestPeer *peer,
                                         const char  *body);
/* printf-style body, framed. */
void         gls_test_peer_send         (GlsTestPeer *peer,
                                         const char  *format,
                                         ...) G_GNUC_PRINTF (2, 3);
/* Closes the client's write end: the server sees end of input. */
void         gls_test_peer_close_output (GlsTestPeer *peer);

/* The next message from the server (a{sv}, owned). Fails the test when none
 * arrives in time or the stream ends. */
GVariant    *gls_test_peer_recv         (GlsTestPeer *peer);
/* TRUE if the server's output ended (EOF) before any further message. */
gboolean     gls_test_peer_recv_eof     (GlsTestPeer *peer);

/* Iterates until *flag is TRUE; fails the test on timeout. */
void         gls_test_peer_wait         (GlsTestPeer *peer,
                                         gboolean    *flag);

/* Assertions on a received message. */
void         gls_test_expect_result     (GVariant    *message,
                                         GVariant    *id);
void         gls_test_expect_error      (GVariant    *message,
                                         GVariant    *id,
                                         int          code);
/* The member, unboxed, or NULL; owned. */
GVariant    *gls_test_member            (GVariant    *message,
                                         const char  *path);
/* JSON text of a GVariant, for messages and substring checks. */
char        *gls_test_to_json           (GVariant    *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsTestPeer, gls_test_peer_free)

G_END_DECLS
