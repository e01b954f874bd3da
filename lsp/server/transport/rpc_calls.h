/* rpc_calls.h — GlsRpcCalls: the requests a GlsRpc sends to the client
 * (workspace/configuration, client/registerCapability ...) and awaits.
 *
 * Allocates ids (1, 2, ...), keeps the table of calls awaiting a response,
 * matches responses to them, sends $/cancelRequest when a call's
 * cancellable fires, and fails every call when the connection closes.
 * Each call completes its GTask exactly once: with the result, with the
 * client's error (GLS_RPC_ERROR, its code and message), with
 * G_IO_ERROR_CANCELLED or with G_IO_ERROR_CLOSED.
 *
 * Ownership: ref-counted; every pending call and every cancellation on its
 * way holds a reference. Threads: the main context given at creation;
 * completion callbacks and cancellations run there.
 */
#pragma once

#include <gio/gio.h>

#include "server/transport/message.h"
#include "server/transport/rpc_writer.h"

G_BEGIN_DECLS

typedef struct _GlsRpcCalls GlsRpcCalls;

/* context, writer: borrowed, refs taken. (transfer full) */
GlsRpcCalls *gls_rpc_calls_new             (GMainContext  *context,
                                            GlsRpcWriter  *writer);
GlsRpcCalls *gls_rpc_calls_ref             (GlsRpcCalls   *calls);
void         gls_rpc_calls_unref           (GlsRpcCalls   *calls);

/* Sends the request and keeps task (transfer full) until the response.
 * params (nullable, borrowed): object/array. cancellable (nullable). */
void         gls_rpc_calls_start           (GlsRpcCalls   *calls,
                                            const char    *method,
                                            GVariant      *params,
                                            GCancellable  *cancellable,
                                            GTask         *task);
/* A response message from the client; one matching no pending call is
 * ignored (debug log). */
void         gls_rpc_calls_handle_response (GlsRpcCalls   *calls,
                                            GlsMessage    *message);
/* Completes every pending call with G_IO_ERROR_CLOSED. */
void         gls_rpc_calls_fail_all        (GlsRpcCalls   *calls);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsRpcCalls, gls_rpc_calls_unref)

G_END_DECLS
