/* lsp_range.c — see lsp_range.h. */
#include "server/transport/lsp_range.h"

static GVariant *
position_variant (gint64 line, gint64 character)
{
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&d, "line", "x", line);
  g_variant_dict_insert (&d, "character", "x", character);
  return g_variant_dict_end (&d);
}

GVariant *
gls_lsp_range_to_variant (const GlsLspRange *range)
{
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert_value (&d, "start", position_variant (range->start_line, range->start_character));
  g_variant_dict_insert_value (&d, "end", position_variant (range->end_line, range->end_character));
  return g_variant_dict_end (&d);
}

GVariant *
gls_lsp_location_to_variant (const char *uri, const GlsLspRange *range)
{
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&d, "uri", "s", uri);
  g_variant_dict_insert_value (&d, "range", gls_lsp_range_to_variant (range));
  return g_variant_dict_end (&d);
}
