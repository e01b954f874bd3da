/* uri.h — document URIs as local paths.
 *
 * gls_uri_to_path: the local path of a file:// URI (a new string, caller
 * frees), or NULL for any other scheme or an unparsable URI. No file is
 * touched. Any thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *gls_uri_to_path (const char *uri);

G_END_DECLS
