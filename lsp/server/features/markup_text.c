/* markup_text.c — see markup_text.h. */
#include "server/features/markup_text.h"

#include <string.h>

#include "glossary/markdown_lines.h"

/* ------------------------------------------------------------ condensing */

/* Sentence and word cut points inside one text line, up to limit, where
 * inline code, bold and $ math are all closed. */
static void
inline_cuts (const char *text, gsize start, gsize end, gsize limit,
             gsize *sentence, gsize *word)
{
  gboolean code = FALSE, bold = FALSE, math = FALSE;

  *sentence = 0;
  *word = 0;
  for (gsize i = start; i < end && i < limit;)
    {
      char c = text[i];
      gboolean balanced = !code && !bold && !math;

      if (c == '\\' && !code)
        {
          i += 2;
          continue;
        }
      if (c == '`')
        code = !code;
      else if (!code && c == '*' && i + 1 < end && text[i + 1] == '*')
        {
          bold = !bold;
          i += 2;
          continue;
        }
      else if (!code && c == '$')
        math = !math;
      else if (balanced && c == ' ' && i > start)
        {
          *word = i;
          if (strchr (".!?", text[i - 1]) != NULL)
            *sentence = i;
        }
      i++;
    }
  /* A sentence that ends exactly at the limit, followed by a space. */
  if (limit < end && !code && !bold && !math && limit > start &&
      text[limit] == ' ' && strchr (".!?", text[limit - 1]) != NULL)
    *sentence = *word = limit;
}

static gsize
condense_raw (const char *text, gsize len, gsize limit)
{
  gsize para = 0, line_cut = 0, sentence = 0, word = 0;
  gsize last_content = 0;
  gsize depth = 0;        /* open fence levels */
  char fence_char = 0;
  gsize fence_run = 0;
  gboolean in_math = FALSE;
  gboolean seen_content = FALSE;

  if (len <= limit)
    return trim_end (text, len);

  for (gsize pos = 0; pos < len && pos <= limit;)
    {
      Line line;
      char ch;
      gsize run;
      gboolean info;

      line_at (text, len, pos, &line);
      pos = line.next;

      if (depth > 0)
        {
          if (is_fence (text, &line, &ch, &run, &info) && ch == fence_char && run >= fence_run)
            {
              /* Fences nest in glossary bodies (grammar/README.md): an
               * inner fence with an info string opens a level. */
              depth += info ? 1 : -1;
              if (depth == 0 && line.content_end <= limit)
                line_cut = last_content = line.content_end;
            }
          continue;
        }
      if (in_math)
        {
          if (is_math_delimiter (text, &line))
            {
              in_math = FALSE;
              if (line.content_end <= limit)
                line_cut = last_content = line.content_end;
            }
          continue;
        }
      if (is_blank (text, &line))
        {
          if (seen_content && last_content > 0)
            para = last_content;
          continue;
        }
      if (is_fence (text, &line, &ch, &run, &info))
        {
          depth = 1;
          fence_char = ch;
          fence_run = run;
          seen_content = TRUE;
          continue;
        }
      if (is_math_delimiter (text, &line))
        {
          in_math = TRUE;
          seen_content = TRUE;
          continue;
        }
      seen_content = TRUE;
      if (line.content_end <= limit)
        {
          line_cut = last_content = line.content_end;
          continue;
        }
      /* The text line that crosses the limit: the last place to cut. */
      inline_cuts (text, line.start, line.content_end, limit, &sentence, &word);
      break;
    }

  gsize min_keep = limit / 3;
  gsize cut;
  if (para >= min_keep && para > 0)
    cut = para;
  else if (line_cut >= min_keep && line_cut > 0)
    cut = line_cut;
  else if (sentence >= min_keep && sentence > 0)
    cut = sentence;
  else
    {
      cut = MAX (para, MAX (line_cut, sentence));
      if (cut == 0)
        cut = word;
    }
  return trim_end (text, cut);
}

/* ------------------------------------------------------------ line kinds */

/* "# X", or a bold span alone on its line ("**X**", "**X**:", "**X:**",
 * "- **X**:"): a line that introduces what follows. */
static gboolean
is_heading_line (const char *text, const Line *line)
{
  gsize i = skip_indent (text, line);
  gsize end = line->content_end;

  while (end > i && (text[end - 1] == ' ' || text[end - 1] == '\t'))
    end--;
  if (i < end && text[i] == '#')
    {
      gsize h = i;
      while (h < end && text[h] == '#')
        h++;
      return h - i <= 6 && (h == end || text[h] == ' ');
    }
  if (end - i >= 2 && strchr ("-*+", text[i]) != NULL && text[i + 1] == ' ')
    i += 2;
  if (end > i && text[end - 1] == ':')
    end--;
  if (end - i < 5 || memcmp (text + i, "**", 2) != 0 || memcmp (text + end - 2, "**", 2) != 0)
    return FALSE;
  /* One bold span: no "**" inside. */
  const char *inner = g_strstr_len (text + i + 2, (gssize) (end - 2 - (i + 2)), "**");
  return inner == NULL;
}

static gboolean
ends_with_colon (const char *text, const Line *line)
{
  gsize end = line->content_end;
  while (end > line->start && strchr (" \t*", text[end - 1]) != NULL)
    end--;
  return end > line->start && text[end - 1] == ':';
}

/* The line that ends at cut (cut is a line's content end, or inside one). */
static void
line_ending_at (const char *text, gsize cut, Line *line)
{
  gsize start = cut;
  while (start > 0 && text[start - 1] != '\n')
    start--;
  line->start = start;
  line->content_end = cut;
  line->next = cut;
}

/* The end of the block that follows the line ending at cut: blank lines
 * skipped, then lines up to a blank line or a heading; 0 when there is none,
 * it starts with a heading, holds a fence or $$ line (those are the first
 * pass's business) or runs past max. */
static gsize
following_block_end (const char *text, gsize len, gsize cut, gsize max)
{
  Line line;
  gsize pos = cut, end = 0;

  line_at (text, len, pos, &line);
  pos = line.next;
  while (pos < len && pos <= max)
    {
      line_at (text, len, pos, &line);
      if (!is_blank (text, &line))
        break;
      pos = line.next;
    }
  while (pos < len)
    {
      char ch;
      gsize run;
      gboolean info;
      line_at (text, len, pos, &line);
      if (is_blank (text, &line) || (end > 0 && is_heading_line (text, &line)))
        break;
      if (end == 0 && is_heading_line (text, &line))
        return 0;
      if (line.content_end > max || is_fence (text, &line, &ch, &run, &info) ||
          is_math_delimiter (text, &line))
        return 0;
      end = line.content_end;
      pos = line.next;
    }
  return end;
}

gsize
gls_markup_condense (const char *text, gsize len, gsize limit)
{
  gsize first = condense_raw (text, len, limit);
  gsize cut = first;
  gboolean moved_back = FALSE;

  /* Even a text shown whole must not end on a heading. */
  for (guint round = 0; round < 64 && cut > 0; round++)
    {
      Line last;
      line_ending_at (text, cut, &last);
      gboolean whole_line = cut == len || text[cut] == '\n' || text[cut] == '\r';

      if (whole_line && is_table_line (text, &last))
        {
          /* Header, delimiter row and one row at least, or no table. */
          guint rows = 0;
          Line l = last;
          while (is_table_line (text, &l))
            {
              rows++;
              if (l.start == 0)
                break;
              line_ending_at (text, l.start - 1, &l);
              if (text[l.content_end] == '\n' && l.content_end > l.start && text[l.content_end - 1] == '\r')
                l.content_end--;
            }
          if (rows >= 3)
            break;
          Line top = last;
          for (guint k = 1; k < rows; k++)
            line_ending_at (text, top.start - 1, &top);
          cut = trim_end (text, top.start);
          continue;
        }
      if (!(whole_line && is_heading_line (text, &last)) && !ends_with_colon (text, &last))
        break;
      gsize block = whole_line && !moved_back ? following_block_end (text, len, cut, limit + limit / 2) : 0;
      if (block > cut)
        {
          Line end_line;
          line_ending_at (text, block, &end_line);
          cut = block;
          if (!is_heading_line (text, &end_line) && !ends_with_colon (text, &end_line))
            break;
          continue;
        }
      cut = trim_end (text, last.start);
      moved_back = TRUE;  /* from here on only backwards: no oscillation */
    }
  /* Nothing would be left: the first cut, flaws and all, says more. */
  return cut > 0 ? cut : first;
}
