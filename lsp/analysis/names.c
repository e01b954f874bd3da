/* names.c — see names.h. */
#include "analysis/names.h"

#include <gio/gio.h>

#include "gls-names-resource.h"

#define NAMES_RESOURCE "/org/glossary-ls/names/proper-names.txt"

GlsWordlist *
gls_names_new_default (GError **error)
{
  /* Referenced directly so the linker keeps the resource in the static library. */
  g_autoptr (GBytes) bytes = g_resource_lookup_data (gls_names_get_resource (), NAMES_RESOURCE,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return gls_wordlist_new_from_bytes (bytes);
}
