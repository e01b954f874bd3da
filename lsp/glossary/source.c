/* source.c — see source.h. */
#include "glossary/source.h"

#include "glossary/preference.h"
#include "glossary/vocab.h"

void
gls_source_free (GlsSource *source)
{
  if (source == NULL)
    return;
  g_free (source->display_path);
  g_free (source->disk_path);
  g_clear_pointer (&source->text, g_bytes_unref);
  gls_source_drop_parse (source);
  g_free (source);
}

void
gls_source_drop_parse (GlsSource *source)
{
  g_clear_pointer (&source->parsed_entries, g_array_unref);
  g_clear_pointer (&source->parsed_names, g_array_unref);
  g_clear_pointer (&source->parsed_issues, g_ptr_array_unref);
  g_clear_pointer (&source->parsed_preferences, g_array_unref);
}

GlsSource *
gls_source_new_in_format (const char *display_path, const char *disk_path, GBytes *text, GlsFormat format)
{
  GlsSource *source = g_new0 (GlsSource, 1);
  gsize len;
  const char *data = g_bytes_get_data (text, &len);

  source->display_path = g_strdup (display_path);
  source->disk_path = g_strdup (disk_path);
  source->format = format == GLS_FORMAT_AUTO ? gls_format_detect (display_path, data, len) : format;
  source->file_len = len;
  if (source->format == GLS_FORMAT_SEED)
    {
      /* A Vale vocabulary's expanded regular expressions are derived text. */
      g_autoptr (GString) derived = gls_vocab_derived (gls_vocab_detect (display_path, data, len), display_path,
                                                       data, len);
      if (derived == NULL)
        {
          source->text = g_bytes_ref (text);
          return source;
        }
      GString *all = g_string_sized_new (len + 1 + derived->len);
      g_string_append_len (all, data, (gssize) len);
      g_string_append_c (all, '\n');
      g_string_append_len (all, derived->str, (gssize) derived->len);
      gsize n = all->len;
      source->text = g_bytes_new_take (g_string_free (all, FALSE), n);
      return source;
    }
  /* The text becomes the file and its derived tail; the entries are kept
   * for the build (reader_formats.c), which drops them. */
  source->parsed_entries = g_array_new (FALSE, FALSE, sizeof (GlsEntry));
  source->parsed_names = g_array_new (FALSE, FALSE, sizeof (GlsName));
  source->parsed_issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  source->parsed_preferences = g_array_new (FALSE, FALSE, sizeof (GlsPreference));
  gls_format_read (source->format, display_path, data, len, 0, source->parsed_entries, source->parsed_names,
                   source->parsed_issues, source->parsed_preferences, &source->text);
  return source;
}

GlsSource *
gls_source_new_from_bytes (const char *display_path, const char *disk_path, GBytes *text)
{
  return gls_source_new_in_format (display_path, disk_path, text, GLS_FORMAT_AUTO);
}
