/* params.h — typed access to request/notification params for handlers.
 *
 * Every getter looks up a path in the params GVariant (json-glib's mapping:
 * object a{sv}, array av, integer x, real d, string s, bool b, null mv) and
 * either stores the value or fails with a GError in GLS_RPC_ERROR, code
 * -32602 InvalidParams, whose message names the field, e.g.
 *   "Invalid params: textDocument.uri: expected a string, got an integer".
 * A handler can pass that error straight to gls_rpc_request_reply_gerror().
 *
 * Paths are dot-separated object keys; a segment of decimal digits indexes an
 * array: "contentChanges.0.text". Keys that contain '.' (user settings such
 * as "editor.tabSize") are not addressable: get the enclosing object and use
 * g_variant_lookup_value(). An empty path "" is params itself. params may be
 * NULL (a message without params): every field is then absent.
 *
 * With GLS_PARAM_OPTIONAL, an absent field or a JSON null succeeds and leaves
 * *out untouched, so the caller presets the default; a present value of the
 * wrong type is still an error. Without it, absent and null are errors.
 *
 * Numbers, and why there are no int32/plain-double shortcuts: json-glib gives
 * integers as int64 and reals as double, so JSONRPC_MESSAGE_GET_INT32 never
 * matches JSON input and GET_DOUBLE rejects 3 (an integer). get_int64 accepts
 * integers only; get_uinteger checks LSP's uinteger range [0, 2^31 - 1]
 * (line and character numbers); get_double accepts integers and reals.
 *
 * Strings are returned as copies (a tree-form GVariant frees its children
 * when it gets serialized, so borrowed pointers would be fragile); objects
 * and arrays as new references. All functions are pure and O(path length x
 * object size).
 */
#pragma once

#include <glib.h>

#include "server/transport/rpc_error.h"

G_BEGIN_DECLS

typedef enum
{
  GLS_PARAM_REQUIRED = 0,
  GLS_PARAM_OPTIONAL = 1 << 0,
} GlsParamFlags;

/* LSP's uinteger is 0 .. 2^31 - 1. */
#define GLS_PARAMS_UINTEGER_MAX G_MAXINT32

/* *out receives a newly allocated copy (pass a NULL g_autofree pointer: a
 * previous value is overwritten, not freed). */
gboolean gls_params_get_string    (GVariant       *params,
                                   const char     *path,
                                   GlsParamFlags   flags,
                                   char          **out,
                                   GError        **error);
gboolean gls_params_get_int64     (GVariant       *params,
                                   const char     *path,
                                   GlsParamFlags   flags,
                                   gint64         *out,
                                   GError        **error);
gboolean gls_params_get_uinteger  (GVariant       *params,
                                   const char     *path,
                                   GlsParamFlags   flags,
                                   guint32        *out,
                                   GError        **error);
gboolean gls_params_get_double    (GVariant       *params,
                                   const char     *path,
                                   GlsParamFlags   flags,
                                   double         *out,
                                   GError        **error);
gboolean gls_params_get_bool      (GVariant       *params,
                                   const char     *path,
                                   GlsParamFlags   flags,
                                   gboolean       *out,
                                   GError        **error);
/* *out receives a new reference to an a{sv}. */
gboolean gls_params_get_object    (GVariant       *params,
                                   const char     *path,
                                   GlsParamFlags   flags,
                                   GVariant      **out,
                                   GError        **error);
/* *out receives a new reference to an av (elements are boxed in v). */
gboolean gls_params_get_array     (GVariant       *params,
                                   const char     *path,
                                   GlsParamFlags   flags,
                                   GVariant      **out,
                                   GError        **error);

/* TRUE if path leads to a value that is not null. */
gboolean gls_params_has           (GVariant       *params,
                                   const char     *path);

/* The JSON name of a value's type ("object", "integer", ...) for messages. */
const char *gls_params_type_name  (GVariant       *value);

G_END_DECLS
