/* definition_layout.c — see definition_layout.h. */
#include "glossary/definition_layout.h"

#include <string.h>

#include "glossary/markdown_lines.h"

/* ------------------------------------------------------------ the title */

gsize
gls_definition_start (const char *text, gsize len, const char *title, gsize title_len,
                             gboolean *opens_with_title)
{
  Line first;
  gboolean opens = FALSE;
  gsize start = 0;

  if (opens_with_title != NULL)
    *opens_with_title = FALSE;
  if (title_len == 0 || len < title_len + 4)
    return 0;
  line_at (text, len, 0, &first);
  gsize end = first.content_end;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t'))
    end--;
  if (memcmp (text, "**", 2) != 0 || memcmp (text + 2, title, title_len) != 0 ||
      memcmp (text + 2 + title_len, "**", 2) != 0)
    return 0;
  if (end == title_len + 4 || (end == title_len + 5 && text[end - 1] == ':'))
    {
      /* Only the title: skip it and the blank lines after it. */
      start = first.next;
      while (start < len)
        {
          Line l;
          line_at (text, len, start, &l);
          if (!is_blank (text, &l))
            break;
          start = l.next;
        }
    }
  else
    opens = TRUE;
  if (opens_with_title != NULL)
    *opens_with_title = opens;
  return start;
}

/* Lowercase words of text, a plural "s" dropped. */
static GPtrArray *
title_words (const char *text, gsize len)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  gsize i = 0;

  while (i < len)
    {
      while (i < len && !g_ascii_isalnum (text[i]) && !((guchar) text[i] >= 0x80))
        i++;
      gsize s = i;
      while (i < len && (g_ascii_isalnum (text[i]) || (guchar) text[i] >= 0x80))
        i++;
      if (i > s)
        {
          char *w = g_ascii_strdown (text + s, (gssize) (i - s));
          gsize n = strlen (w);
          if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's')
            w[n - 1] = '\0';
          g_ptr_array_add (words, w);
        }
    }
  return words;
}

/* A name word in the title: the same word, one a prefix of the other
 * ("rec", "recommendation"), or the initials of the title's words ("moe"). */
static gboolean
word_in_title (const char *word, GPtrArray *title)
{
  gsize n = strlen (word);
  g_autoptr (GString) initials = g_string_new (NULL);

  for (guint j = 0; j < title->len; j++)
    {
      const char *t = g_ptr_array_index (title, j);
      gsize m = strlen (t);
      if (strcmp (word, t) == 0 || (MIN (n, m) >= 3 && strncmp (word, t, MIN (n, m)) == 0))
        return TRUE;
      g_string_append_c (initials, t[0]);
    }
  return n >= 2 && strstr (initials->str, word) != NULL;
}

gboolean
gls_definition_title_is_generic (const char *title, gsize len, const char *const *names,
                             const gsize *name_lens, guint n)
{
  g_autoptr (GPtrArray) words = title_words (title, len);

  /* A word with capitals inside or all capitals (RoPE, BERT) names
   * something: not generic. */
  for (gsize i = 0; i < len; i++)
    if (g_ascii_isupper (title[i]) && i > 0 && g_ascii_isalpha (title[i - 1]))
      return FALSE;
  for (guint k = 0; k < n; k++)
    {
      g_autoptr (GPtrArray) name = title_words (names[k], name_lens[k]);
      gboolean all = name->len > 0;
      for (guint i = 0; i < name->len && all; i++)
        all = word_in_title (g_ptr_array_index (name, i), words);
      if (all)
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ restructuring */

/* The end of the bold span opened at text[i] ("**"), after its closer, on
 * the same line; 0 if none. */
static gsize
bold_end (const char *text, gsize end, gsize i)
{
  for (gsize k = i + 2; k + 1 < end; k++)
    if (text[k] == '*' && text[k + 1] == '*')
      return k > i + 2 ? k + 2 : 0;
  return 0;
}

/* A bold span [bs, be) on a line [start, end) that is a heading: see
 * markup_text.h. */
static gboolean
is_inline_heading (const char *text, gsize start, gsize end, gsize bs, gsize be, gboolean *text_follows)
{
  gsize p = bs;
  while (p > start && text[p - 1] == ' ')
    p--;
  gboolean after_end = p == start || strchr (".!?:", text[p - 1]) != NULL ||
                       (p - start >= 2 && text[p - 1] == '*' && text[p - 2] == '*');
  gsize q = be;
  while (q < end && text[q] == ' ')
    q++;
  gboolean numbered = g_ascii_isdigit (text[bs + 2]) && bs + 3 < be && text[bs + 3] == '.';
  gboolean label = text[be - 3] == ':' || (be < end && text[be] == ':');

  *text_follows = q < end && !(text[q] == '-' && q + 1 < end && text[q + 1] == ' ') &&
                  !(text[q] == '*' && q + 1 < end && text[q + 1] == '*');
  if (!after_end || p == start)
    return FALSE;  /* mid-sentence, or already at the line start */
  return q == end || !*text_follows || numbered || label;
}

static gboolean
starts_item (const char *text, gsize end, gsize i)
{
  /* " - " then a capital, digit, "**", "`" or "$". */
  if (i + 3 >= end || text[i] != ' ' || text[i + 1] != '-' || text[i + 2] != ' ')
    return FALSE;
  char c = text[i + 3];
  return g_ascii_isupper (c) || g_ascii_isdigit (c) || c == '`' || c == '$' ||
         (c == '*' && i + 4 < end && text[i + 4] == '*');
}

/* One text line, rebuilt into out. */
static void
restructure_line (const char *text, gsize start, gsize end, GString *out)
{
  gboolean in_list = FALSE;
  gsize i = start;

  /* A line that starts with a bold heading opens the list mode too. */
  while (i < end)
    {
      char c = text[i];
      if (c == '`' || c == '$')
        {
          /* Code and math are copied whole. */
          const char *close = memchr (text + i + 1, c, end - i - 1);
          gsize stop = close != NULL ? (gsize) (close - text) + 1 : i + 1;
          g_string_append_len (out, text + i, (gssize) (stop - i));
          i = stop;
          continue;
        }
      if (c == '*' && i + 1 < end && text[i + 1] == '*')
        {
          gsize be = bold_end (text, end, i);
          gboolean text_follows = FALSE;
          if (be > 0 && (is_inline_heading (text, start, end, i, be, &text_follows) ||
                         (i == start && !text_follows)))
            {
              while (out->len > 0 && out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
              if (i > start)
                g_string_append_c (out, '\n');
              g_string_append_len (out, text + i, (gssize) (be - i));
              i = be;
              in_list = starts_item (text, end, i);
              gboolean label = text[be - 3] == ':' || (be < end && text[be] == ':');
              if (!label && text_follows)
                {
                  while (i < end && text[i] == ' ')
                    i++;
                  g_string_append_c (out, '\n');
                }
              continue;
            }
          if (be > 0)
            {
              g_string_append_len (out, text + i, (gssize) (be - i));
              i = be;
              continue;
            }
        }
      if (in_list && starts_item (text, end, i))
        {
          while (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          g_string_append (out, "\n- ");
          i += 3;
          continue;
        }
      g_string_append_c (out, c);
      i++;
    }
}

char *
gls_definition_restructure (const char *text, gsize len, gsize *out_len)
{
  GString *out = g_string_sized_new (len + 64);
  gsize depth = 0;
  char fence_char = 0;
  gsize fence_run = 0;
  gboolean in_math = FALSE;

  for (gsize pos = 0; pos < len;)
    {
      Line line;
      char ch;
      gsize run;
      gboolean info;

      line_at (text, len, pos, &line);
      gboolean text_line = FALSE;
      if (depth > 0)
        {
          if (is_fence (text, &line, &ch, &run, &info) && ch == fence_char && run >= fence_run)
            depth += info ? 1 : -1;
        }
      else if (in_math)
        in_math = !is_math_delimiter (text, &line);
      else if (is_fence (text, &line, &ch, &run, &info))
        {
          depth = 1;
          fence_char = ch;
          fence_run = run;
        }
      else if (is_math_delimiter (text, &line))
        in_math = TRUE;
      else
        text_line = !is_table_line (text, &line);

      if (text_line)
        restructure_line (text, line.start, line.content_end, out);
      else
        g_string_append_len (out, text + line.start, (gssize) (line.content_end - line.start));
      g_string_append_len (out, text + line.content_end, (gssize) (line.next - line.content_end));
      pos = line.next;
    }
  if (out_len != NULL)
    *out_len = out->len;
  return g_string_free (out, FALSE);
}

