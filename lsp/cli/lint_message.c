/* lint_message.c — see lint_message.h. */
#include "cli/lint_message.h"

#include <string.h>

#define REPLACEMENT_CHAR "\xEF\xBF\xBD"
#define ZERO_WIDTH_SPACE "\xE2\x80\x8B"

void
gls_lint_safe_append (GString *out, const char *text, gssize len, gboolean github)
{
  const char *p = text, *end = text + (len < 0 ? (gssize) strlen (text) : len);
  while (p < end)
    {
      guchar b = (guchar) *p;
      if (b < 0x80)
        {
          if (github && b == '%')
            g_string_append (out, "%25");
          else if (github && b == '\r')
            g_string_append (out, "%0D");
          else if (github && b == '\n')
            g_string_append (out, "%0A");
          else if ((b < 0x20 && b != '\t') || b == 0x7f)
            g_string_append (out, REPLACEMENT_CHAR);
          else
            g_string_append_c (out, (char) b);
          p++;
          continue;
        }
      gunichar c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2 || (c >= 0x80 && c < 0xa0))
        {
          g_string_append (out, REPLACEMENT_CHAR);
          p += c == (gunichar) -1 || c == (gunichar) -2 ? 1 : g_utf8_skip[b];
          continue;
        }
      g_string_append_len (out, p, g_utf8_skip[b]);
      p += g_utf8_skip[b];
    }
}

void
gls_lint_neutralize_line (GString *out, gsize from)
{
  /* Every "##[" first: inserting shifts what follows, so scan as we go. */
  for (gsize i = from; i + 3 <= out->len; i++)
    if (out->str[i] == '#' && out->str[i + 1] == '#' && out->str[i + 2] == '[')
      {
        g_string_insert (out, (gssize) i + 2, ZERO_WIDTH_SPACE);
        i += 2 + strlen (ZERO_WIDTH_SPACE);
      }
  /* Then a "::" after leading blanks (any Unicode white space, as .NET's
   * TrimStart strips). */
  gsize i = from;
  while (i < out->len)
    {
      gunichar c = g_utf8_get_char_validated (out->str + i, (gssize) (out->len - i));
      if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isspace (c))
        break;
      i += g_utf8_skip[(guchar) out->str[i]];
    }
  if (i + 2 <= out->len && out->str[i] == ':' && out->str[i + 1] == ':')
    g_string_insert (out, (gssize) i, ZERO_WIDTH_SPACE);
}

char *
gls_lint_safe_line (const char *text, gboolean github)
{
  GString *out = g_string_sized_new (strlen (text) + 8);
  gls_lint_safe_append (out, text, -1, github);
  gls_lint_neutralize_line (out, 0);
  return g_string_free (out, FALSE);
}

static void
append_message_v (GString *out, gboolean github, const char *format, va_list args)
{
  g_autofree char *text = g_strdup_vprintf (format, args);
  gsize from = out->len;
  g_string_append (out, "glossary-ls: ");
  gls_lint_safe_append (out, text, -1, github);
  gls_lint_neutralize_line (out, from);
  g_string_append_c (out, '\n');
}

void
gls_lint_append_message (GString *out, gboolean github, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  append_message_v (out, github, format, args);
  va_end (args);
}

void
gls_lint_print_message (FILE *err, gboolean github, const char *format, ...)
{
  va_list args;
  GString *out = g_string_new (NULL);
  va_start (args, format);
  append_message_v (out, github, format, args);
  va_end (args);
  fputs (out->str, err);
  g_string_free (out, TRUE);
}
