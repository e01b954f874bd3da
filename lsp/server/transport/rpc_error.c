/* rpc_error.c — see rpc_error.h. */
#include "server/transport/rpc_error.h"

#include <gio/gio.h>

G_DEFINE_QUARK (gls-rpc-error-quark, gls_rpc_error)

int
gls_rpc_error_code_for (const GError *error)
{
  g_return_val_if_fail (error != NULL, GLS_RPC_ERROR_INTERNAL_ERROR);

  if (error->domain == GLS_RPC_ERROR)
    return error->code;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return GLS_RPC_ERROR_REQUEST_CANCELLED;
  return GLS_RPC_ERROR_INTERNAL_ERROR;
}
