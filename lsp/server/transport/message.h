/* message.h — JSON-RPC 2.0 envelopes: decoding a frame body, building replies.
 *
 * Decoding turns one frame body into a classified GlsMessage or a GError in
 * GLS_RPC_ERROR whose code is what the peer must be told:
 *   -32700 ParseError      not JSON, not UTF-8, empty, or nested deeper than
 *                          GLS_MESSAGE_MAX_DEPTH (checked on the raw bytes
 *                          before json-glib, whose parser recurses per level
 *                          and would overflow the stack);
 *   -32600 InvalidRequest  valid JSON that is not one request, notification
 *                          or response: a batch array (LSP has no batches), a
 *                          scalar, "jsonrpc" missing or not "2.0", an id that
 *                          is not an integer or a string (null, 1.5, true ...),
 *                          a method that is not a string, params that are not
 *                          an object or array, no method and no result/error.
 * When the id could be read (an integer or a string), *bad_id receives it so
 * the error reply can carry it; otherwise the reply carries id null.
 *
 * JSON values arrive as GVariant (json-glib's mapping): object a{sv}, array
 * av, integer x, real d, string s, bool b, null mv. "params": null is treated
 * as absent. Ids are kept as received (x or s) so replies echo them exactly.
 * An integer id json-glib cannot hold (beyond int64: it wraps 2^63 to -2^63)
 * is kept as its digits, GLS_MESSAGE_RAW_ID_TYPE "(s)", and
 * gls_message_to_json writes those digits back. String escapes json-glib 1.6 cannot
 * map to a GVariant string (\u0000, unpaired UTF-16 surrogates) are read as
 * U+FFFD, one UTF-16 unit like the original, so change positions stay valid.
 *
 * Builders return new, non-floating references of type a{sv} that
 * JsonrpcOutputStream serializes to the matching JSON. They consume floating
 * arguments (GVariant convention) and ref non-floating ones. A NULL result is
 * JSON null; a NULL id is JSON null.
 *
 * Complexity: decoding is O(body) plus json-glib's parse; builders O(size).
 */
#pragma once

#include <glib.h>

#include "server/transport/rpc_error.h"

G_BEGIN_DECLS

/* Bracket nesting above this is refused. LSP payloads nest < 20 deep. */
#define GLS_MESSAGE_MAX_DEPTH 512

typedef enum
{
  GLS_MESSAGE_REQUEST,
  GLS_MESSAGE_NOTIFICATION,
  GLS_MESSAGE_RESPONSE,
} GlsMessageKind;

typedef struct
{
  GlsMessageKind kind;
  char          *method;  /* requests and notifications */
  GVariant      *id;      /* requests and responses: x or s */
  GVariant      *params;  /* a{sv} or av; NULL when absent or null */
  GVariant      *result;  /* successful responses (null is mv nothing) */
  GVariant      *error;   /* failed responses: the error object, a{sv} */
} GlsMessage;

void        gls_message_free           (GlsMessage  *message);

GlsMessage *gls_message_decode         (const char  *body,
                                        gsize        len,
                                        GVariant   **bad_id,
                                        GError     **error);

/* JSON null as a GVariant (mv nothing), floating. */
GVariant   *gls_message_null           (void);

GVariant   *gls_message_new_response     (GVariant    *id,
                                          GVariant    *result);
GVariant   *gls_message_new_error        (GVariant    *id,
                                          int          code,
                                          const char  *message,
                                          GVariant    *data);
GVariant   *gls_message_new_notification (const char  *method,
                                          GVariant    *params);
GVariant   *gls_message_new_request      (GVariant    *id,
                                          const char  *method,
                                          GVariant    *params);

/* An integer id kept as the digits the peer wrote (see above). */
#define GLS_MESSAGE_RAW_ID_TYPE G_VARIANT_TYPE ("(s)")

/* The JSON text of an envelope built here (a{sv}), as JsonrpcOutputStream
 * would write it, but with a raw integer id written as its digits.
 * (transfer full) */
GBytes     *gls_message_to_json          (GVariant    *message);

/* A printable form of an id for logs and hash keys: "42" or "\"abc\"". */
char       *gls_message_id_to_string     (GVariant    *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsMessage, gls_message_free)

G_END_DECLS
