/* markup_render.c — gls_markup_append_body() of markup_text.h: a
 * definition rendered as Markdown or plain text, math as Unicode. */
#include "server/features/markup_text.h"

#include <string.h>

#include "glossary/markdown_lines.h"
#include "server/features/tex_unicode.h"

/* Unicode math text inside Markdown: the characters Markdown would read as
 * markup are escaped. */
static void
append_markdown_literal (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>|#$~", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* TeX that stays TeX: as a code span in Markdown (with a fence of more
 * backticks than it holds), as written in plain text. */
static void
append_raw_math (GString *out, GlsMarkupKind kind, const char *open, const char *tex, gsize len,
                 const char *close)
{
  if (kind != GLS_MARKUP_MARKDOWN)
    {
      g_string_append (out, open);
      g_string_append_len (out, tex, (gssize) len);
      g_string_append (out, close);
      return;
    }
  gboolean tick = memchr (tex, '`', len) != NULL;
  g_string_append (out, tick ? "`` " : "`");
  g_string_append (out, open);
  for (gsize i = 0; i < len; i++)
    g_string_append_c (out, tex[i] == '\n' ? ' ' : tex[i]);
  g_string_append (out, close);
  g_string_append (out, tick ? " ``" : "`");
}

static void
append_math (GString *out, GlsMarkupKind kind, const char *open, const char *tex, gsize len,
             const char *close)
{
  g_autoptr (GString) unicode = g_string_new (NULL);
  if (!gls_tex_to_unicode (tex, len, unicode))
    append_raw_math (out, kind, open, tex, len, close);
  else if (kind == GLS_MARKUP_MARKDOWN)
    append_markdown_literal (out, unicode->str);
  else
    g_string_append (out, unicode->str);
}

/* Where a search for a closer failed on this line: a later search from
 * further on fails too, so a line of unclosed openers costs O(line) in all.
 * Index: 0 "$", 1 "$$", 2 "\)", 3 "\]", 4.. backtick runs of 1-8. */
#define N_CLOSERS 12

typedef struct
{
  gsize none_from[N_CLOSERS];
} Misses;

static void
misses_init (Misses *m)
{
  for (guint i = 0; i < N_CLOSERS; i++)
    m->none_from[i] = G_MAXSIZE;
}

/* The first close in s[from..end) (a "$" not escaped), or 0. */
static gsize
find_close (const char *s, gsize end, gsize from, const char *close, Misses *misses, guint slot)
{
  gsize n = strlen (close);
  if (slot < N_CLOSERS && from >= misses->none_from[slot])
    return 0;
  for (gsize k = from; k + n <= end; k++)
    {
      if (s[k] == '\\' && close[0] == '$')
        {
          k++;
          continue;
        }
      if (memcmp (s + k, close, n) == 0)
        return k;
    }
  if (slot < N_CLOSERS)
    misses->none_from[slot] = from;
  return 0;
}

/* One text line: code spans kept, math converted, and for plain text the
 * Markdown markup dropped. */
static void
append_inline (GString *out, GlsMarkupKind kind, const char *s, gsize start, gsize end)
{
  gboolean md = kind == GLS_MARKUP_MARKDOWN;
  Misses misses;

  misses_init (&misses);
  for (gsize i = start; i < end;)
    {
      char c = s[i];
      if (c == '`')
        {
          gsize run = 0;
          while (i + run < end && s[i + run] == '`')
            run++;
          g_autofree char *ticks = g_strndup (s + i, run);
          gsize close = find_close (s, end, i + run, ticks, &misses, run <= 8 ? 3 + run : N_CLOSERS);
          gsize stop = close > 0 ? close + run : i + run;
          g_string_append_len (out, s + i, (gssize) (stop - i));
          i = stop;
          continue;
        }
      const char *open = NULL, *close = NULL;
      if (c == '$')
        open = close = i + 1 < end && s[i + 1] == '$' ? "$$" : "$";
      else if (c == '\\' && i + 1 < end && s[i + 1] == '(')
        open = "\\(", close = "\\)";
      else if (c == '\\' && i + 1 < end && s[i + 1] == '[')
        open = "\\[", close = "\\]";
      if (open != NULL)
        {
          gsize body = i + strlen (open);
          guint slot = open[0] == '$' ? (open[1] == '$' ? 1 : 0) : (open[1] == '(' ? 2 : 3);
          gsize k = body < end ? find_close (s, end, body + (close[0] == '$' && close[1] == '\0'), close,
                                             &misses, slot) : 0;
          if (k > body && !(strcmp (close, "$") == 0 && k + 1 < end && g_ascii_isdigit (s[k + 1])))
            {
              append_math (out, kind, open, s + body, k - body, close);
              i = k + strlen (close);
              continue;
            }
        }
      if (!md && c == '\\' && i + 1 < end && g_ascii_ispunct (s[i + 1]))
        {
          g_string_append_c (out, s[i + 1]);
          i += 2;
          continue;
        }
      if (!md && c == '*' && i + 1 < end && s[i + 1] == '*')
        {
          i += 2;
          continue;
        }
      if (!md && c == '[')
        {
          /* [label](destination) -> label (destination) */
          const char *rb = memchr (s + i, ']', end - i);
          if (rb != NULL && (gsize) (rb - s) + 1 < end && rb[1] == '(')
            {
              const char *rp = memchr (rb, ')', end - (gsize) (rb - s));
              if (rp != NULL)
                {
                  append_inline (out, kind, s, i + 1, (gsize) (rb - s));
                  g_string_append (out, " (");
                  g_string_append_len (out, rb + 2, (gssize) (rp - rb - 2));
                  g_string_append_c (out, ')');
                  i = (gsize) (rp - s) + 1;
                  continue;
                }
            }
        }
      g_string_append_c (out, c);
      i++;
    }
}

/* A $$ block's lines [from, to) of text, rendered as one line. */
static void
append_math_block (GString *out, GlsMarkupKind kind, const char *text, gsize from, gsize to)
{
  g_autoptr (GString) unicode = g_string_new (NULL);
  if (gls_tex_to_unicode (text + from, to - from, unicode))
    {
      if (kind == GLS_MARKUP_MARKDOWN)
        append_markdown_literal (out, unicode->str);
      else
        g_string_append (out, unicode->str);
      return;
    }
  if (kind == GLS_MARKUP_MARKDOWN)
    g_string_append (out, "```tex\n");
  else
    g_string_append (out, "$$\n");
  g_string_append_len (out, text + from, (gssize) (trim_end (text + from, to - from)));
  g_string_append (out, kind == GLS_MARKUP_MARKDOWN ? "\n```" : "\n$$");
}

/* "- x", "* x", "+ x", "1. x", "1) x". */
static gboolean
is_list_item (const char *text, const Line *line)
{
  gsize i = skip_indent (text, line);
  gsize end = line->content_end;
  if (i + 1 < end && strchr ("-*+", text[i]) != NULL && text[i + 1] == ' ')
    return TRUE;
  gsize d = i;
  while (d < end && g_ascii_isdigit (text[d]))
    d++;
  return d > i && d - i <= 9 && d + 1 < end && (text[d] == '.' || text[d] == ')') && text[d + 1] == ' ';
}

/* The line after a $$ opener that closes it, or len. */
static gsize
math_block_close (const char *text, gsize len, gsize pos, gsize *after)
{
  while (pos < len)
    {
      Line line;
      line_at (text, len, pos, &line);
      if (is_math_delimiter (text, &line))
        {
          *after = line.next;
          return line.start;
        }
      pos = line.next;
    }
  *after = len;
  return len;
}

void
gls_markup_append_body (GString *out, GlsMarkupKind kind, const char *text, gsize len)
{
  gboolean md = kind == GLS_MARKUP_MARKDOWN;
  gsize depth = 0;
  char fence_char = 0;
  gsize fence_run = 0;
  gboolean prev_text = FALSE;  /* the line before was a non-table text line */
  gboolean prev_item = FALSE;  /* ... and a list item */

  for (gsize pos = 0; pos < len;)
    {
      Line line;
      char ch;
      gsize run;
      gboolean info;
      gboolean text_line = FALSE;
      gsize next;

      line_at (text, len, pos, &line);
      next = line.next;
      if (depth > 0)
        {
          if (is_fence (text, &line, &ch, &run, &info) && ch == fence_char && run >= fence_run)
            depth += info ? 1 : -1;
          g_string_append_len (out, text + line.start, (gssize) (line.content_end - line.start));
        }
      else if (is_fence (text, &line, &ch, &run, &info))
        {
          depth = 1;
          fence_char = ch;
          fence_run = run;
          g_string_append_len (out, text + line.start, (gssize) (line.content_end - line.start));
        }
      else if (is_math_delimiter (text, &line))
        {
          gsize close = math_block_close (text, len, line.next, &next);
          append_math_block (out, kind, text, line.next, close);
          text_line = TRUE;
        }
      else if (is_blank (text, &line))
        ;
      else
        {
          gboolean table = is_table_line (text, &line);
          gboolean item = is_list_item (text, &line);
          /* A table needs a blank line before it; a line after a list
           * would otherwise continue its last item. */
          if (md && ((table && prev_text) || (prev_item && !item && text[line.start] != ' ')))
            g_string_append_c (out, '\n');
          prev_item = item;
          append_inline (out, kind, text, line.start, line.content_end);
          text_line = !table;
          prev_text = text_line;
        }
      if (!text_line)
        prev_text = prev_item = FALSE;
      pos = next;
      if (pos >= len)
        break;
      Line following;
      line_at (text, len, pos, &following);
      if (md && text_line && !is_blank (text, &following) && !is_table_line (text, &following) &&
          out->len > 0 && out->str[out->len - 1] != '\\' &&
          !(out->len >= 2 && out->str[out->len - 1] == ' ' && out->str[out->len - 2] == ' '))
        g_string_append (out, "  ");
      g_string_append_c (out, '\n');
    }
}
