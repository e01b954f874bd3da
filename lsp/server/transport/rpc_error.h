/* rpc_error.h — the error domain of the message layer: JSON-RPC and LSP codes.
 *
 * A GError in GLS_RPC_ERROR carries, as its code, the number that goes on the
 * wire in a response's error.code, so any layer (params accessors, feature
 * handlers, the lifecycle gate) can fail with a GError and the message layer
 * replies with exactly that code and message. Codes outside this enum are
 * allowed (a client may answer a server->client request with any integer); the
 * enum only names the ones JSON-RPC 2.0 and LSP 3.17 define.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLS_RPC_ERROR (gls_rpc_error_quark ())

typedef enum
{
  /* JSON-RPC 2.0 */
  GLS_RPC_ERROR_PARSE_ERROR            = -32700,
  GLS_RPC_ERROR_INVALID_REQUEST        = -32600,
  GLS_RPC_ERROR_METHOD_NOT_FOUND       = -32601,
  GLS_RPC_ERROR_INVALID_PARAMS         = -32602,
  GLS_RPC_ERROR_INTERNAL_ERROR         = -32603,
  /* LSP 3.17 */
  GLS_RPC_ERROR_SERVER_NOT_INITIALIZED = -32002,
  GLS_RPC_ERROR_UNKNOWN_ERROR_CODE     = -32001,
  GLS_RPC_ERROR_REQUEST_FAILED         = -32803,
  GLS_RPC_ERROR_SERVER_CANCELLED       = -32802,
  GLS_RPC_ERROR_CONTENT_MODIFIED       = -32801,
  GLS_RPC_ERROR_REQUEST_CANCELLED      = -32800,
} GlsRpcErrorCode;

GQuark gls_rpc_error_quark (void);

/* The wire code for any GError: GLS_RPC_ERROR keeps its code,
 * G_IO_ERROR_CANCELLED becomes RequestCancelled, anything else is an
 * InternalError (the message is kept, the domain is not on the wire). */
int    gls_rpc_error_code_for (const GError *error);

G_END_DECLS
