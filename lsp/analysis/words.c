/* words.c — see words.h. */
#include "analysis/words.h"

#include <string.h>

static const char glue_before[] = "_./\\=@$#~&%^";
static const char glue_after[] = "_/\\=(@$#&%^[{<";

void
gls_word_bytes_init (GlsWordBytes *bytes)
{
  for (guint b = 0; b < 256; b++)
    {
      guint8 c = 0;
      if (b >= 0x80)
        c = GLS_WORD_BYTE_WORD | GLS_WORD_BYTE_NOT_ALNUM;
      else if (g_ascii_isalnum (b))
        c = GLS_WORD_BYTE_WORD | (g_ascii_isdigit (b) ? GLS_WORD_BYTE_DIGIT : 0) |
            (g_ascii_isupper (b) ? GLS_WORD_BYTE_UPPER : 0);
      bytes->cls[b] = c;
      bytes->glue[b] = (b != 0 && strchr (glue_before, (int) b) != NULL ? 1 : 0) |
                       (b != 0 && strchr (glue_after, (int) b) != NULL ? 2 : 0);
    }
}

gboolean
gls_words_is_code_like (const GlsWordBytes *bytes, const char *text, gsize len, gsize ws, gsize we)
{
  guchar prev = ws > 0 ? (guchar) text[ws - 1] : ' ';
  guchar next = we < len ? (guchar) text[we] : ' ';
  char after = we + 1 < len ? text[we + 1] : ' ';

  if (bytes->glue[prev] & 1)
    return TRUE;
  if (prev == '-' && ws >= 2 && text[ws - 2] == '-')
    return TRUE;  /* --option */
  if (bytes->glue[next] & 2)
    return TRUE;
  /* file.ext, module.member, ns::name, key:value */
  return (next == '.' || next == ':') && (g_ascii_isalnum (after) || after == ':');
}

static void
collect (GlsWordMemo *memo, const char *text, gsize len, char marker, gsize min, gsize max)
{
  const char *q = memchr (text, marker, len), *end = text + len;

  while (q != NULL)
    {
      /* Markers come in runs ("**x**"): the next byte first, then a search. */
      const char *next = q + 1 >= end ? NULL : q[1] == marker ? q + 1 : memchr (q + 1, marker, (gsize) (end - q - 1));
      if (next == NULL)
        break;
      gsize p = (gsize) (q - text) + 1, n = (gsize) (next - q) - 1;
      if (n >= min && n <= max && n <= GLS_WORD_MEMO_MAX_LEN &&
          (marker == '`' || (p >= 2 && text[p - 2] == '*' && p + n + 1 < len && text[p + n + 1] == '*')))
        {
          /* Only one word of ASCII letters and digits can be asked for:
           * "**Term Name**" stops at its space. */
          char lower[GLS_WORD_MEMO_MAX_LEN];
          gsize i = 0;
          while (i < n && g_ascii_isalnum (text[p + i]))
            {
              lower[i] = (char) (text[p + i] | 0x20);  /* a letter or digit: lowercase */
              i++;
            }
          guint32 h = i == n ? gls_word_memo_hash (lower, n) : 0;
          guint8 v;
          if (i == n && !gls_word_memo_lookup (memo, lower, n, h, &v))
            gls_word_memo_insert (memo, lower, n, h, 1);
        }
      q = next;
    }
}

void
gls_words_collect_marked (GlsWordMemo *memo, const char *text, gsize len, gsize min, gsize max)
{
  collect (memo, text, len, '`', min, max);
  collect (memo, text, len, '*', min, max);
}
