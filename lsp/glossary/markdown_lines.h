/* markdown_lines.h — the line-level Markdown facts that definition_layout.c,
 * lsp/server/features/markup_text.c and markup_render.c share: lines,
 * blank lines, code fences (with the glossary grammar's nesting), $$
 * delimiters and table rows. Private to those files; pure inline functions. */
#pragma once

#include <glib.h>
#include <string.h>

typedef struct
{
  gsize start;        /* first byte of the line */
  gsize content_end;  /* before "\r\n" / "\n" */
  gsize next;         /* start of the next line, or len */
} Line;

static inline void
line_at (const char *text, gsize len, gsize pos, Line *line)
{
  const char *nl = memchr (text + pos, '\n', len - pos);
  gsize eol = nl != NULL ? (gsize) (nl - text) : len;

  line->start = pos;
  line->next = nl != NULL ? eol + 1 : len;
  line->content_end = eol > pos && text[eol - 1] == '\r' ? eol - 1 : eol;
}

static inline gboolean
is_blank (const char *text, const Line *line)
{
  for (gsize i = line->start; i < line->content_end; i++)
    if (text[i] != ' ' && text[i] != '\t')
      return FALSE;
  return TRUE;
}

/* A fence line: up to 3 spaces, then 3+ backticks or tildes. Fills the
 * character, the run length and whether an info string follows. */
static inline gboolean
is_fence (const char *text, const Line *line, char *ch, gsize *run, gboolean *has_info)
{
  gsize i = line->start;

  while (i < line->content_end && i - line->start < 3 && text[i] == ' ')
    i++;
  if (i >= line->content_end || (text[i] != '`' && text[i] != '~'))
    return FALSE;
  char c = text[i];
  gsize n = 0;
  while (i + n < line->content_end && text[i + n] == c)
    n++;
  if (n < 3)
    return FALSE;
  *ch = c;
  *run = n;
  *has_info = FALSE;
  for (gsize k = i + n; k < line->content_end; k++)
    if (text[k] != ' ' && text[k] != '\t')
      {
        *has_info = TRUE;
        break;
      }
  return TRUE;
}

static inline gboolean
is_math_delimiter (const char *text, const Line *line)
{
  gsize i = line->start;

  while (i < line->content_end && i - line->start < 3 && text[i] == ' ')
    i++;
  if (line->content_end - i < 2 || text[i] != '$' || text[i + 1] != '$')
    return FALSE;
  for (i += 2; i < line->content_end; i++)
    if (text[i] != ' ' && text[i] != '\t')
      return FALSE;
  return TRUE;
}

static inline gsize
trim_end (const char *text, gsize cut)
{
  while (cut > 0 && strchr (" \t\r\n", text[cut - 1]) != NULL)
    cut--;
  return cut;
}

static inline gsize
skip_indent (const char *text, const Line *line)
{
  gsize i = line->start;
  while (i < line->content_end && (text[i] == ' ' || text[i] == '\t'))
    i++;
  return i;
}

static inline gboolean
is_table_line (const char *text, const Line *line)
{
  gsize i = skip_indent (text, line);
  return i < line->content_end && text[i] == '|';
}

