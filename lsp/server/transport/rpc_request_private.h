/* rpc_request_private.h — how rpc.c creates, cancels and abandons the
 * GlsRpcRequests of incoming requests (the public API is in rpc.h).
 *
 * The exactly-one-reply rule lives in rpc_request.c alone: a request answers
 * once, through the rpc's writer, and leaves the rpc's table of pending
 * requests when it is answered. Only rpc.c includes this header.
 * Threads: the rpc's main context, like everything in rpc.h.
 */
#pragma once

#include "server/transport/message.h"
#include "server/transport/rpc_error.h"
#include "server/transport/rpc_request.h"
#include "server/transport/rpc_writer.h"

G_BEGIN_DECLS

/* A request for message (its method, id and params are stolen).
 * rpc (transfer full): the request keeps the connection alive and drops it
 * with release (gls_rpc_unref) when freed; rpc.c passes its own unref so
 * this file never calls up. pending (borrowed, kept alive by rpc): id text
 * -> request, not owning; the request enters it unless the id is in use
 * (warning) and leaves it when answered. writer: borrowed, a ref is taken.
 * Returns the one reference (transfer full). */
GlsRpcRequest *gls_rpc_request_new     (GlsRpc         *rpc,
                                        GDestroyNotify  release,
                                        GHashTable     *pending,
                                        GlsRpcWriter   *writer,
                                        GlsMessage     *message);
/* The id as pending's key (gls_message_id_to_string); borrowed. */
const char    *gls_rpc_request_get_key (GlsRpcRequest  *request);
/* $/cancelRequest for a request not yet answered: answers -32800, then
 * cancels the request's cancellable (whose handlers may reply or unref:
 * the request is held across). The handler's late reply is dropped
 * quietly. */
void           gls_rpc_request_cancel  (GlsRpcRequest  *request);
/* The connection is closing: the request counts as answered (nothing is
 * sent) and its cancellable is cancelled. The caller has already emptied
 * the pending table. */
void           gls_rpc_request_abandon (GlsRpcRequest  *request);

G_END_DECLS
