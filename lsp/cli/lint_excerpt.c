/* lint_excerpt.c — see lint_excerpt.h. */
#include "cli/lint_excerpt.h"

#include "cli/lint_message.h"

#define REPLACEMENT_CHAR "\xEF\xBF\xBD"
#define ELLIPSIS "\xE2\x80\xA6"

/* Moves forward over at most n characters from p, not past stop. */
static gsize
forward (const char *text, gsize p, gsize stop, guint n)
{
  for (guint i = 0; i < n && p < stop; i++)
    {
      gunichar c;
      p += gls_lint_char_length (text + p, text + stop, &c);
    }
  return p;
}

void
gls_lint_excerpt_append (GString *out, const GlsLintFile *file, gsize line_start, gsize line_end,
                         gsize start, gsize end)
{
  const char *text = file->text;
  gsize floor = line_start == 0 ? gls_lint_file_bom (file) : line_start;
  start = CLAMP (start, floor, line_end);

  gsize from = start;
  for (guint i = 0; i < GLS_LINT_EXCERPT_CONTEXT && from > floor; i++)
    from = gls_lint_char_before (text, floor, from);
  /* The underline: the range's characters on this line, at least one. */
  gsize mark_end = forward (text, start, MIN (MAX (end, start), line_end), GLS_LINT_EXCERPT_MATCH);
  if (end > line_end)
    mark_end = forward (text, start, line_end, GLS_LINT_EXCERPT_MATCH);
  gsize to = forward (text, mark_end, line_end, GLS_LINT_EXCERPT_CONTEXT);

  GString *marks = g_string_new (NULL);
  gsize line_from = out->len;
  if (from > floor)
    {
      g_string_append (out, ELLIPSIS);
      g_string_append_c (marks, ' ');
    }
  gboolean caret = FALSE;
  for (gsize p = from; p < to;)
    {
      gunichar c;
      gsize n = gls_lint_char_length (text + p, text + to, &c);
      if (c == (gunichar) -1 || (c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0))
        g_string_append (out, REPLACEMENT_CHAR);
      else
        g_string_append_len (out, text + p, (gssize) n);

      if (p < start)
        g_string_append_c (marks, c == '\t' ? '\t' : ' ');
      else if (p == start || p < mark_end)
        {
          g_string_append_c (marks, caret ? '~' : '^');
          caret = TRUE;
        }
      p += n;
    }
  if (to < line_end)
    g_string_append (out, ELLIPSIS);
  if (!caret)
    g_string_append_c (marks, '^'); /* the range starts at the line's end */
  gls_lint_neutralize_line (out, line_from);
  g_string_append_c (out, '\n');
  g_string_append_len (out, marks->str, (gssize) marks->len);
  g_string_append_c (out, '\n');
  g_string_free (marks, TRUE);
}
