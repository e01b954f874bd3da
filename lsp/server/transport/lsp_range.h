/* lsp_range.h — LSP Range and Location values and their JSON.
 *
 * A GlsLspRange holds line/character pairs already converted to the
 * negotiated position encoding (position.h does the conversion). The
 * builders return floating a{sv} GVariants in json-glib's JSON mapping.
 * Plain values, pure functions: any thread. Never fail.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An LSP Range, in the negotiated encoding. */
typedef struct
{
  gint64 start_line;
  gint64 start_character;
  gint64 end_line;
  gint64 end_character;
} GlsLspRange;

/* {"start": {line, character}, "end": {...}}, floating. */
GVariant *gls_lsp_range_to_variant    (const GlsLspRange *range);
/* {"uri": uri, "range": ...}, floating. */
GVariant *gls_lsp_location_to_variant (const char        *uri,
                                       const GlsLspRange *range);

G_END_DECLS
