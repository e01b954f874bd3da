/* corpus_text.h — what gls-precision and gls-mentions share about a corpus:
 * the list of its files and how its prose words are counted. Header-only,
 * like seed_texts.h; each benchmark is one translation unit. */
#pragma once

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <string.h>

#include "text/prose.h"

/* The non-empty lines of list (a file, or - for standard input): (transfer
 * full). Exits with a message when it cannot be read. */
static inline GStrv
bench_read_list (const char *list)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  if (strcmp (list, "-") == 0)
    {
      g_autoptr (GInputStream) in = g_unix_input_stream_new (0, FALSE);
      g_autoptr (GOutputStream) mem = g_memory_output_stream_new_resizable ();
      /* The target stays open for the terminating NUL (a closed stream
       * refuses the write, and the list would be read past its end). */
      if (g_output_stream_splice (mem, in, G_OUTPUT_STREAM_SPLICE_NONE, NULL, &error) < 0 ||
          !g_output_stream_write_all (mem, "", 1, NULL, NULL, &error) ||
          !g_output_stream_close (mem, NULL, &error))
        g_error ("stdin: %s", error->message);
      data = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (mem));
    }
  else if (!g_file_get_contents (list, &data, NULL, &error))
    g_error ("%s", error->message);
  g_auto (GStrv) lines = g_strsplit (data, "\n", -1);
  GPtrArray *kept = g_ptr_array_new ();
  for (char **l = lines; *l != NULL; l++)
    if (**l != '\0')
      g_ptr_array_add (kept, g_strdup (*l));
  g_ptr_array_add (kept, NULL);
  return (GStrv) g_ptr_array_free (kept, FALSE);
}

/* Words (runs of ASCII letters and digits) in the spans that are matched. */
static inline guint64
bench_count_words (const char *text, const GlsProseSpan *spans, gsize n)
{
  guint64 words = 0;
  for (gsize k = 0; k < n; k++)
    {
      if (!gls_prose_kind_is_matchable (spans[k].kind))
        continue;
      gboolean in_word = FALSE;
      for (guint32 i = spans[k].start; i < spans[k].end; i++)
        {
          gboolean w = g_ascii_isalnum (text[i]);
          if (w && !in_word)
            words++;
          in_word = w;
        }
    }
  return words;
}
