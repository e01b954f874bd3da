/* wordlist_index.c — build-time tool: writes the hash index of a sorted word
 * list (gls_wordlist_serialize_index), which the binary then embeds next to
 * the words so that no process builds it again.
 *
 *   gls-wordlist-index WORDS.txt OUT.index
 */
#include <gio/gio.h>
#include <stdio.h>

#include "glossary/wordlist.h"

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  if (argc != 3)
    {
      fprintf (stderr, "usage: gls-wordlist-index WORDS.txt OUT.index\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &text, &len, &error))
    {
      fprintf (stderr, "gls-wordlist-index: %s\n", error->message);
      return 1;
    }
  g_autoptr (GBytes) words = g_bytes_new_take (g_steal_pointer (&text), len);
  g_autoptr (GlsWordlist) list = gls_wordlist_new_from_bytes (words);
  g_autoptr (GBytes) index = gls_wordlist_serialize_index (list);
  if (!g_file_set_contents (argv[2], g_bytes_get_data (index, NULL),
                            (gssize) g_bytes_get_size (index), &error))
    {
      fprintf (stderr, "gls-wordlist-index: %s\n", error->message);
      return 1;
    }
  return 0;
}
