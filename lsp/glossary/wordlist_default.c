/* wordlist_default.c — the embedded word list (see wordlist.h). Apart from
 * wordlist.c so that the build-time index tool links without the resource
 * it helps to make. */
#include "glossary/wordlist.h"

#include <gio/gio.h>

#include "gls-words-resource.h"

#define WORDS_RESOURCE "/org/glossary-ls/words/english-words.txt"
#define INDEX_RESOURCE "/org/glossary-ls/words/english-words.index"

GlsWordlist *
gls_wordlist_new_default (GError **error)
{
  /* Referencing the resource directly (not through g_resources_lookup_data)
   * keeps the linker from dropping it out of the static core library. */
  GResource *resource = gls_words_get_resource ();
  g_autoptr (GBytes) words = g_resource_lookup_data (resource, WORDS_RESOURCE,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (words == NULL)
    return NULL;
  g_autoptr (GBytes) index = g_resource_lookup_data (resource, INDEX_RESOURCE,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (index == NULL)
    return NULL;
  return gls_wordlist_new_indexed (words, index, error);
}
