/* source_words.c — see source_words.h. */
#include "glossary/source_words.h"

#include <string.h>

#include "glossary/source.h"

static void
collect_text (GString *out, GHashTable *seen, const char *text, gsize len)
{
  char lower[GLS_SOURCE_WORDS_MAX + 1];

  for (gsize i = 0; i < len;)
    {
      if (!g_ascii_isalpha (text[i]))
        {
          i++;
          continue;
        }
      gsize start = i;
      while (i < len && g_ascii_isalpha (text[i]))
        {
          if (i - start < GLS_SOURCE_WORDS_MAX)
            lower[i - start] = text[i] | 0x20;  /* an ASCII letter: set the lowercase bit (g_ascii_tolower is a call) */
          i++;
        }
      gsize n = i - start;
      if (n < GLS_SOURCE_WORDS_MIN || n > GLS_SOURCE_WORDS_MAX || (i < len && (guchar) text[i] >= 0x80) ||
          (start > 0 && (guchar) text[start - 1] >= 0x80))
        continue;
      lower[n] = '\0';
      if (g_hash_table_contains (seen, lower))
        continue;
      g_hash_table_add (seen, g_strndup (lower, n));
      g_string_append_len (out, lower, (gssize) n);
      g_string_append_c (out, '\n');
    }
}

void
gls_source_words_collect (GString *out, const GPtrArray *sources)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint s = 0; s < sources->len; s++)
    {
      gsize len;
      const GlsSource *source = g_ptr_array_index (sources, s);
      const char *text = g_bytes_get_data (source->text, &len);
      collect_text (out, seen, text, len);
    }
}

gboolean
gls_source_words_is_valid (const char *data, gsize len)
{
  gsize n = 0;  /* letters of the word being read */

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];
      if (c >= 'a' && c <= 'z')
        {
          if (++n > GLS_SOURCE_WORDS_MAX)
            return FALSE;
        }
      else if (c == '\n' && n >= GLS_SOURCE_WORDS_MIN)
        n = 0;
      else
        return FALSE;
    }
  return n == 0;
}
