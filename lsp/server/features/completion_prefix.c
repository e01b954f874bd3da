/* completion_prefix.c — see completion_prefix.h. */
#include "server/features/completion_prefix.h"

#include <string.h>

#include "glossary/normalize.h"

/* The start of the character ending at offset (> lo), and whether it is a
 * word character. A byte that is not the end of a valid sequence counts as
 * a one-byte non-word character. */
static guint32
char_before (const char *text, gsize len, guint32 lo, guint32 offset, gboolean *word)
{
  guint32 start = offset - 1;

  /* Step back over continuation bytes, at most 3, never below lo. */
  while (start > lo && offset - start < 4 && ((guchar) text[start] & 0xC0) == 0x80)
    start--;
  gunichar c = g_utf8_get_char_validated (text + start, (gssize) (offset - start));
  if (c == (gunichar) -1 || c == (gunichar) -2 ||
      (gsize) (g_utf8_next_char (text + start) - text) != offset)
    {
      *word = FALSE;
      return offset - 1;
    }
  *word = gls_is_word_char (c);
  return start;
}

gboolean
gls_completion_after_word (const char *text, gsize len, guint32 offset)
{
  gboolean word;

  if (offset == 0 || offset > len)
    return FALSE;
  char_before (text, len, 0, offset, &word);
  return word;
}

gsize
gls_completion_windows (const char *text,
                        gsize       len,
                        guint32     lower_bound,
                        guint32     cursor,
                        guint       max_words,
                        guint32    *starts)
{
  guint32 lo = lower_bound;
  guint32 found[16];
  gsize n = 0;

  g_return_val_if_fail (text != NULL && starts != NULL, 0);
  if (cursor > len || lower_bound > cursor || max_words == 0)
    return 0;
  max_words = MIN (max_words, G_N_ELEMENTS (found));

  /* A phrase of a few words is short: never look further back than this,
   * so a cursor at the end of a megabyte-long line costs nothing. A word
   * cut by the cap is not a word start (dropped below). */
  gboolean capped = FALSE;
  if (cursor - lo > GLS_COMPLETION_MAX_WINDOW)
    {
      lo = cursor - GLS_COMPLETION_MAX_WINDOW;
      capped = TRUE;
    }

  /* The edit range must stay on one line. */
  for (guint32 i = cursor; i > lo; i--)
    if (text[i - 1] == '\n' || text[i - 1] == '\r')
      {
        lo = i;
        capped = FALSE;
        break;
      }

  /* Walk back from the cursor, noting each word start (a word character
   * whose predecessor is not one, or lo). */
  gboolean typing = FALSE;
  if (cursor > lo)
    char_before (text, len, lo, cursor, &typing);
  gboolean in_word = FALSE;
  guint32 word_start = cursor;
  for (guint32 pos = cursor; pos > lo && n < max_words;)
    {
      gboolean word;
      guint32 start = char_before (text, len, lo, pos, &word);

      if (word)
        {
          in_word = TRUE;
          word_start = start;
        }
      else if (in_word)
        {
          found[n++] = word_start;
          in_word = FALSE;
        }
      pos = start;
    }
  if (in_word && n < max_words && !(capped && word_start == lo))
    found[n++] = word_start;

  /* A cursor right after the end of a clause ("foo." or "x)") is not
   * inside a phrase being typed; after "c+" or "a/" it may be. */
  if (!typing && cursor > lo && strchr (".,;:!?)]}\"'", text[cursor - 1]) != NULL)
    return 0;

  for (gsize i = 0; i < n; i++)
    starts[i] = found[n - 1 - i];
  return n;
}
