/* uri.c — see uri.h. */
#include "server/workspace/uri.h"

char *
gls_uri_to_path (const char *uri)
{
  if (uri == NULL || g_ascii_strncasecmp (uri, "file:", 5) != 0)
    return NULL;
  return g_filename_from_uri (uri, NULL, NULL);
}
