/* rpc.h — GlsRpc: the JSON-RPC 2.0 / LSP message layer of the server.
 *
 * A GlsRpc reads LSP frames from any GInputStream (frame_reader.h), decodes
 * them (message.h), dispatches them to handlers registered by method name,
 * and writes replies and notifications in call order (rpc_writer.h).
 * Production passes stdin/stdout; tests pass pipes.
 *
 * One object per file: rpc.c owns the lifetime, the handler tables, the
 * gate, reading and dispatch; rpc_request.c the requests and their one
 * reply (rpc_request_private.h); rpc_calls.c our calls to the client;
 * rpc_writer.c the ordered writes.
 *
 * Registration (the API feature modules use):
 *   gls_rpc_add_request_handler (rpc, "textDocument/hover", hover_cb, hover,
 *                                NULL);
 *   gls_rpc_add_notification_handler (rpc, "textDocument/didChange",
 *                                     did_change_cb, store, NULL);
 * One handler per method and kind; adding a second fails (FALSE, warning).
 * A request handler gets a GlsRpcRequest and answers it, now or later from
 * the main loop, with exactly one of gls_rpc_request_reply(),
 * gls_rpc_request_reply_error() or gls_rpc_request_reply_gerror(). To
 * answer later, keep a reference (gls_rpc_request_ref). A handler that
 * validates its params with params.h can hand the GError to
 * reply_gerror() and the peer gets -32602 naming the field.
 *
 * Order of processing: messages are dispatched one at a time, in arrival
 * order; the next message is read only after the previous handler returned.
 * So a notification handler that applies its change before returning (as
 * didChange must) is seen by every later request. Request handlers may
 * finish asynchronously, so replies can leave in a different order than the
 * requests came (LSP allows that); the reading does not wait for them, which
 * is what lets a $/cancelRequest reach a request still in progress.
 *
 * Exactly one reply per request, guaranteed here rather than by handlers:
 *   - a second reply is refused (returns FALSE) and logged as a warning;
 *   - $/cancelRequest {id} for a request not yet answered sends -32800
 *     RequestCancelled at once and cancels the request's GCancellable; the
 *     handler's own late reply is then dropped quietly (returns FALSE);
 *   - when the last reference to an unanswered request is released (the
 *     handler returned without replying or keeping a ref, or dropped its
 *     ref later) -32603 InternalError is sent and a warning is logged.
 *     The message layer holds a reference for the duration of the handler
 *     call, so this is decided only after the handler returned.
 *
 * What the message layer answers by itself (id null when none was readable):
 *   frame or JSON unreadable (incl. body over 16 MiB, nesting > 512) -32700;
 *   valid JSON that is not a request/notification/response           -32600;
 *   request for a method without handler (also "$/..." ones)         -32601;
 *   a notification without handler (also "$/...")        ignored (debug log);
 *   a response to none of our calls                      ignored (debug log).
 * After each of these, reading goes on. End of input (or a read error) ends
 * the loop and calls the closed callback.
 *
 * The gate (gls_rpc_set_gate) sees every request and notification before
 * its handler lookup, so a lifecycle (server.h) can refuse requests before
 * initialize (-32002) or after shutdown (-32600) and drop notifications.
 * $/cancelRequest is handled before the gate.
 *
 * Threading: a GlsRpc and its requests belong to the thread-default main
 * context current at gls_rpc_new(); call everything, including replies
 * and unrefs, from that thread (GTask callbacks arrive there). Work moved to
 * threads must come back (g_task_run_in_thread's callback does) to reply.
 *
 * Ownership: gls_rpc_new refs both streams and never closes them. While the
 * read loop runs it holds a reference on the GlsRpc, dropped when the input
 * ends or gls_rpc_close() is called; each request holds one too, so a late
 * reply always has somewhere to go. Queued writes and pending calls keep
 * their own parts (writer, call table) alive, not the GlsRpc. Params, ids and results are GVariants in
 * json-glib's JSON mapping (see message.h); floating arguments are consumed.
 */
#pragma once

#include <gio/gio.h>

#include "server/transport/rpc_error.h"
#include "server/transport/rpc_request.h"

G_BEGIN_DECLS


typedef void     (*GlsRpcRequestFunc)      (GlsRpc        *rpc,
                                            GlsRpcRequest *request,
                                            gpointer       user_data);
/* params: a{sv} or av, or NULL when the message had none; borrowed. */
typedef void     (*GlsRpcNotificationFunc) (GlsRpc        *rpc,
                                            const char    *method,
                                            GVariant      *params,
                                            gpointer       user_data);
/* TRUE lets the message through. FALSE: a request is answered with *error
 * (which the gate must set); a notification is dropped. */
typedef gboolean (*GlsRpcGateFunc)         (GlsRpc        *rpc,
                                            const char    *method,
                                            gboolean       is_request,
                                            gpointer       user_data,
                                            GError       **error);
/* Called once when reading stops: error is NULL for end of input or
 * gls_rpc_close(), else what broke the connection. */
typedef void     (*GlsRpcClosedFunc)       (GlsRpc        *rpc,
                                            const GError  *error,
                                            gpointer       user_data);

GlsRpc        *gls_rpc_new                      (GInputStream           *input,
                                                 GOutputStream          *output);
GlsRpc        *gls_rpc_ref                      (GlsRpc                 *rpc);
void           gls_rpc_unref                    (GlsRpc                 *rpc);

gboolean       gls_rpc_add_request_handler      (GlsRpc                 *rpc,
                                                 const char             *method,
                                                 GlsRpcRequestFunc       func,
                                                 gpointer                user_data,
                                                 GDestroyNotify          destroy);
gboolean       gls_rpc_add_notification_handler (GlsRpc                 *rpc,
                                                 const char             *method,
                                                 GlsRpcNotificationFunc  func,
                                                 gpointer                user_data,
                                                 GDestroyNotify          destroy);
void           gls_rpc_set_gate                 (GlsRpc                 *rpc,
                                                 GlsRpcGateFunc          gate,
                                                 gpointer                user_data);
void           gls_rpc_set_closed_func          (GlsRpc                 *rpc,
                                                 GlsRpcClosedFunc        func,
                                                 gpointer                user_data);

/* Starts the read loop (on the rpc's main context). Once. */
void           gls_rpc_start                    (GlsRpc                 *rpc);
/* Stops reading (the closed callback runs with a NULL error), fails calls
 * awaiting a response with G_IO_ERROR_CLOSED, and cancels the requests still
 * unanswered without answering them (the peer is going away). Queued writes
 * still go out; see gls_rpc_flush_async(). Idempotent. */
void           gls_rpc_close                    (GlsRpc                 *rpc);
gboolean       gls_rpc_is_closed                (GlsRpc                 *rpc);

/* Sends a notification. params: object/array GVariant or NULL (no key). */
void           gls_rpc_notify                   (GlsRpc                 *rpc,
                                                 const char             *method,
                                                 GVariant               *params);

/* A request to the client (workspace/configuration, client/registerCapability
 * ...). Completes with the result (JSON null is mv nothing) or a
 * GLS_RPC_ERROR carrying the client's error code and message. Cancelling
 * completes it with G_IO_ERROR_CANCELLED and sends $/cancelRequest. */
void           gls_rpc_call_async               (GlsRpc                 *rpc,
                                                 const char             *method,
                                                 GVariant               *params,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
GVariant      *gls_rpc_call_finish              (GlsRpc                 *rpc,
                                                 GAsyncResult           *result,
                                                 GError                **error);

/* Completes once every message queued so far has been written (or failed). */
void           gls_rpc_flush_async              (GlsRpc                 *rpc,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
gboolean       gls_rpc_flush_finish             (GlsRpc                 *rpc,
                                                 GAsyncResult           *result,
                                                 GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsRpc, gls_rpc_unref)

G_END_DECLS
