/* rpc_writer.h — GlsRpcWriter: the outgoing half of a GlsRpc (rpc.h).
 *
 * Serializes JSON-RPC messages in call order onto an output stream, one
 * write in flight, each framed with its Content-Length header. Our own writer
 * rather than JsonrpcOutputStream: an integer id beyond int64 must be written
 * back as the client's digits (gls_message_to_json), which no GVariant holds.
 *
 * Failure: the first write error (the peer is gone, EPIPE) is logged once;
 * from then on messages are dropped (debug log). Nothing is reported to the
 * caller: the read side sees the end of input and closes the connection.
 *
 * Ownership: ref-counted; every write in flight holds a reference, so the
 * writer (and the stream, which it refs and never closes) outlives its
 * owner until the last queued message is written.
 * Threads: the thread-default main context of the caller of send (main
 * thread); write callbacks arrive there.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _GlsRpcWriter GlsRpcWriter;

/* (transfer full) */
GlsRpcWriter *gls_rpc_writer_new        (GOutputStream *output);
GlsRpcWriter *gls_rpc_writer_ref        (GlsRpcWriter  *writer);
void          gls_rpc_writer_unref      (GlsRpcWriter  *writer);

/* Queues message (transfer full: a non-floating message.h envelope, as
 * gls_message_new_* return) behind the earlier ones. */
void          gls_rpc_writer_send       (GlsRpcWriter  *writer,
                                         GVariant      *message);
/* An error response; id (nullable, borrowed) NULL writes "id": null. */
void          gls_rpc_writer_send_error (GlsRpcWriter  *writer,
                                         GVariant      *id,
                                         int            code,
                                         const char    *message);
/* task (transfer full) returns TRUE once every message queued so far has
 * been written or dropped: at once when nothing is in flight. */
void          gls_rpc_writer_flush      (GlsRpcWriter  *writer,
                                         GTask         *task);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsRpcWriter, gls_rpc_writer_unref)

G_END_DECLS
