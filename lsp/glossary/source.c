/* source.c — see source.h. */
#include "glossary/source.h"

void
gls_source_free (GlsSource *source)
{
  if (source == NULL)
    return;
  g_free (source->display_path);
  g_free (source->disk_path);
  g_clear_pointer (&source->text, g_bytes_unref);
  g_free (source);
}

GlsSource *
gls_source_new_from_bytes (const char *display_path, const char *disk_path, GBytes *text)
{
  GlsSource *source = g_new0 (GlsSource, 1);
  source->display_path = g_strdup (display_path);
  source->disk_path = g_strdup (disk_path);
  source->text = g_bytes_ref (text);
  return source;
}
