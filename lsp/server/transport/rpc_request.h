/* rpc_request.h — GlsRpcRequest: one request from the client, answered
 * exactly once. The rules (a second reply refused, $/cancelRequest, the
 * internal error for a request dropped unanswered) are stated in rpc.h,
 * which includes this header; include rpc.h, not this one.
 *
 * Ownership: ref-counted; the request keeps its GlsRpc alive. The getters
 * return borrowed values valid while the request lives.
 * Threads: the rpc's main context only (replies and unrefs included).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _GlsRpc        GlsRpc;
typedef struct _GlsRpcRequest GlsRpcRequest;

GlsRpcRequest *gls_rpc_request_ref              (GlsRpcRequest          *request);
void           gls_rpc_request_unref            (GlsRpcRequest          *request);
GlsRpc        *gls_rpc_request_get_rpc          (GlsRpcRequest          *request);
const char    *gls_rpc_request_get_method       (GlsRpcRequest          *request);
/* The id exactly as received: int64 (x) or string (s). */
GVariant      *gls_rpc_request_get_id           (GlsRpcRequest          *request);
/* a{sv} or av, or NULL when the request had no params (shutdown). */
GVariant      *gls_rpc_request_get_params       (GlsRpcRequest          *request);
/* Cancelled by $/cancelRequest or gls_rpc_close(). */
GCancellable  *gls_rpc_request_get_cancellable  (GlsRpcRequest          *request);
gboolean       gls_rpc_request_is_answered      (GlsRpcRequest          *request);

/* result NULL is JSON null. Returns FALSE if the request was already
 * answered (a warning unless it was answered by cancellation). */
gboolean       gls_rpc_request_reply            (GlsRpcRequest          *request,
                                                 GVariant               *result);
gboolean       gls_rpc_request_reply_error      (GlsRpcRequest          *request,
                                                 int                     code,
                                                 const char             *format,
                                                 ...) G_GNUC_PRINTF (3, 4);
/* The code comes from gls_rpc_error_code_for() (GLS_RPC_ERROR keeps its
 * code, G_IO_ERROR_CANCELLED is -32800, anything else -32603). */
gboolean       gls_rpc_request_reply_gerror     (GlsRpcRequest          *request,
                                                 const GError           *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsRpcRequest, gls_rpc_request_unref)

G_END_DECLS
