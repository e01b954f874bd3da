/* reader_rst.c — Sphinx `.. glossary::` directives (reStructuredText) and
 * MyST ```{glossary} / :::{glossary} blocks (Markdown).
 *
 * Inside the block, as Sphinx reads it: option lines (":sorted:") first;
 * then entries, each one or more term lines at the block's content indent
 * (several lines: several names of one entry; "term : classifier" names
 * "term") followed by the definition, indented deeper. The definition is
 * made flush (derived text, reader_builder.h) so it reads as Markdown, and
 * reST inline markup becomes its Markdown look-alike: ``code`` -> `code`,
 * :role:`text <target>` and {role}`text` -> text, `text <url>`_ -> [text](url).
 * Term lines keep their place in the file. Text outside glossary blocks is
 * not read. Linear in the file's size.
 */
#include "glossary/format_private.h"

/* Removes up to `cols` columns of indentation from every line of
 * text[start..end) and appends the result to out. */
static void
dedent (const char *text, gsize start, gsize end, gsize cols, GString *out)
{
  GlsRLine line;
  for (gsize pos = start; pos < end; pos = line.next)
    {
      gls_rline_at (text, end, pos, &line);
      gsize i = line.start, col = 0;
      while (i < line.content_end && col < cols && (text[i] == ' ' || text[i] == '\t'))
        {
          col = text[i] == '\t' ? (col + 4) & ~(gsize) 3 : col + 1;
          i++;
        }
      g_string_append_len (out, text + i, (gssize) (line.content_end - i));
      if (line.next > line.content_end)
        g_string_append_c (out, '\n');
    }
}

static gboolean
starts_with (const char *t, gsize at, gsize end, const char *prefix)
{
  gsize n = strlen (prefix);
  return end - at >= n && memcmp (t + at, prefix, n) == 0;
}

/* :role:`x` / {role}`x` at t[i]: the offset just after it and the text to
 * show; FALSE when no role starts there. */
static gboolean
role_at (const char *t, gsize i, gsize end, gsize *after, gsize *s, gsize *n)
{
  char open = t[i], close = open == ':' ? ':' : '}';
  if (open != ':' && open != '{')
    return FALSE;
  gsize j = i + 1;
  while (j < end && (g_ascii_isalnum (t[j]) || t[j] == '-' || t[j] == '_' || (open == ':' && t[j] == ':' && j + 1 < end && t[j + 1] != '`')))
    j++;
  if (j == i + 1 || j + 1 >= end || t[j] != close || t[j + 1] != '`')
    return FALSE;
  const char *tick = memchr (t + j + 2, '`', end - j - 2);
  if (tick == NULL)
    return FALSE;
  *s = j + 2;
  *n = (gsize) (tick - t) - *s;
  *after = (gsize) (tick - t) + 1;
  /* "text <target>" shows text. */
  if (*n > 2 && t[*s + *n - 1] == '>')
    {
      const char *lt = g_strrstr_len (t + *s, (gssize) *n, "<");
      if (lt != NULL && lt > t + *s)
        *n = (gsize) (lt - (t + *s));
      while (*n > 0 && t[*s + *n - 1] == ' ')
        (*n)--;
    }
  if (*n > 0 && t[*s] == '~')
    (*s)++, (*n)--;
  return TRUE;
}

/* reST (or MyST) inline markup of text[0..len) as Markdown, appended to out. */
static void
inline_to_markdown (const char *t, gsize len, gboolean rst, GString *out)
{
  for (gsize i = 0; i < len;)
    {
      gsize after, s, n;
      if ((i == 0 || !g_ascii_isalnum (t[i - 1])) && role_at (t, i, len, &after, &s, &n))
        {
          g_string_append_len (out, t + s, (gssize) n);
          i = after;
          continue;
        }
      if (rst && i + 1 < len && t[i] == '`' && t[i + 1] == '`')
        {
          const char *close = g_strstr_len (t + i + 2, (gssize) (len - i - 2), "``");
          if (close != NULL)
            {
              g_string_append_c (out, '`');
              g_string_append_len (out, t + i + 2, (gssize) (close - (t + i + 2)));
              g_string_append_c (out, '`');
              i = (gsize) (close - t) + 2;
              continue;
            }
        }
      if (rst && t[i] == '`')
        {
          const char *close = memchr (t + i + 1, '`', len - i - 1);
          if (close != NULL && (gsize) (close - t) + 1 < len && close[1] == '_')
            {
              gsize inner = i + 1, inner_n = (gsize) (close - t) - inner;
              const char *lt = g_strrstr_len (t + inner, (gssize) inner_n, "<");
              gsize skip = (gsize) (close - t) + 2;
              if (skip < len && t[skip] == '_')
                skip++;
              if (lt != NULL && inner_n > 0 && t[inner + inner_n - 1] == '>')
                {
                  gsize label_n = (gsize) (lt - (t + inner));
                  while (label_n > 0 && t[inner + label_n - 1] == ' ')
                    label_n--;
                  g_string_append_c (out, '[');
                  g_string_append_len (out, t + inner, (gssize) label_n);
                  g_string_append (out, "](");
                  g_string_append_len (out, lt + 1, (gssize) (t + inner + inner_n - 1 - (lt + 1)));
                  g_string_append_c (out, ')');
                }
              else
                g_string_append_len (out, t + inner, (gssize) inner_n);
              i = skip;
              continue;
            }
        }
      g_string_append_c (out, t[i]);
      i++;
    }
}

/* A reST option line (":sorted:") at the start of a directive's body. */
static gboolean
is_option (const char *t, gsize first, gsize end)
{
  if (end - first < 3 || t[first] != ':')
    return FALSE;
  const char *close = memchr (t + first + 1, ':', end - first - 1);
  return close != NULL && close > t + first + 1 && memchr (t + first, ' ', (gsize) (close - (t + first))) == NULL;
}

/* One entry's term lines are [terms, defs); its definition [defs, end). */
static void
emit_entry (GlsReaderBuilder *b, gsize terms, gsize defs, gsize end, gboolean rst)
{
  const char *t = b->text;
  GlsRLine line;
  for (gsize pos = terms; pos < defs; pos = line.next)
    {
      gls_rline_at (t, b->len, pos, &line);
      gsize first;
      gls_rline_indent (t, &line, &first);
      if (first == line.content_end)
        continue;
      if (pos == terms)
        gls_reader_builder_begin (b, first);
      gsize n = line.content_end - first;
      /* "term : classifier" (Sphinx): the name is before " : ". */
      const char *classifier = g_strstr_len (t + first, (gssize) n, " : ");
      if (classifier != NULL)
        n = (gsize) (classifier - (t + first));
      /* "whitelist (deprecated)": write the entry's first term instead. */
      gboolean deprecated = gls_reader_builder_strip_deprecated (t, first, &n);
      if (n > 0)
        gls_reader_builder_name_marked (b, first, n, GLS_ROLE_HEADWORD, deprecated);
    }
  /* The definition's own indent: its first non-blank line's. */
  gsize cols = 0, pos = defs, def_first = G_MAXSIZE;
  for (; pos < end; pos = line.next)
    {
      gls_rline_at (t, end, pos, &line);
      if (!gls_rline_blank (t, &line))
        {
          cols = gls_rline_indent (t, &line, &def_first);
          break;
        }
    }
  g_autoptr (GString) flush = g_string_new (NULL);
  g_autoptr (GString) md = g_string_new (NULL);
  dedent (t, defs, end, cols, flush);
  inline_to_markdown (flush->str, flush->len, rst, md);
  /* A one-line definition written without reST markup is the file's own text. */
  gls_reader_builder_definition (b, md->str, md->len, def_first);
  gls_reader_builder_end (b);
}

/* The body of a glossary block, lines [start, end): its first line sets the
 * term lines' indent; deeper lines are definitions. */
static void
read_block (GlsReaderBuilder *b, gsize start, gsize end, gboolean rst)
{
  const char *t = b->text;
  GlsRLine line;
  gsize c = G_MAXSIZE;          /* the term lines' indent */
  gsize terms = G_MAXSIZE;      /* first term line of the entry being read */
  gsize defs = G_MAXSIZE;       /* its first definition line */
  gboolean options = TRUE;

  for (gsize pos = start; pos < end; pos = line.next)
    {
      gls_rline_at (t, end, pos, &line);
      gsize first;
      gsize indent = gls_rline_indent (t, &line, &first);
      if (first == line.content_end)
        {
          options = FALSE;
          continue;
        }
      if (options && is_option (t, first, line.content_end))
        continue;
      options = FALSE;
      if (c == G_MAXSIZE)
        c = indent;
      if (indent <= c)
        {
          if (indent < c)
            gls_reader_builder_issue (b, gls_reader_builder_line_of (b, pos), GLS_ISSUE_WARNING,
                                      "term line indented less than the glossary's first term");
          if (terms != G_MAXSIZE && defs != G_MAXSIZE)
            {
              emit_entry (b, terms, defs, pos, rst);
              terms = defs = G_MAXSIZE;
            }
          if (terms == G_MAXSIZE)
            terms = pos;
        }
      else if (defs == G_MAXSIZE)
        defs = pos;
    }
  if (terms != G_MAXSIZE)
    emit_entry (b, terms, defs != G_MAXSIZE ? defs : end, end, rst);
}

void
gls_read_sphinx (GlsReaderBuilder *b)
{
  const char *t = b->text;
  GlsRLine line;
  gboolean found = FALSE;

  for (gsize pos = 0; pos < b->len; pos = line.next)
    {
      gls_rline_at (t, b->len, pos, &line);
      gsize first;
      gsize indent = gls_rline_indent (t, &line, &first);
      if (!starts_with (t, first, line.content_end, ".. glossary::"))
        continue;
      found = TRUE;
      /* The block: every following line that is blank or indented deeper. */
      gsize start = line.next, end = line.next;
      GlsRLine l;
      for (gsize p = start; p < b->len; p = l.next)
        {
          gls_rline_at (t, b->len, p, &l);
          if (!gls_rline_blank (t, &l) && gls_rline_indent (t, &l, NULL) <= indent)
            break;
          end = l.next;
        }
      read_block (b, start, end, TRUE);
      line.next = end;
    }
  if (!found)
    gls_reader_builder_issue (b, 0, GLS_ISSUE_WARNING, "no \".. glossary::\" directive; nothing loaded");
}

void
gls_read_myst (GlsReaderBuilder *b)
{
  const char *t = b->text;
  GlsRLine line;
  gboolean found = FALSE;

  for (gsize pos = 0; pos < b->len; pos = line.next)
    {
      gls_rline_at (t, b->len, pos, &line);
      gsize first;
      gsize open_indent = gls_rline_indent (t, &line, &first);
      char mark = first < line.content_end ? t[first] : 0;
      if (mark != '`' && mark != '~' && mark != ':')
        continue;
      gsize run = 0;
      while (first + run < line.content_end && t[first + run] == mark)
        run++;
      if (run < 3 || !starts_with (t, first + run, line.content_end, "{glossary}"))
        continue;
      found = TRUE;
      gsize start = line.next, end = b->len, after = b->len;
      GlsRLine l;
      for (gsize p = start; p < b->len; p = l.next)
        {
          gls_rline_at (t, b->len, p, &l);
          gsize f, r = 0;
          /* A closing fence is indented at most 3 columns past the opening
           * one (CommonMark, as MyST's parser reads it): "    ```" inside an
           * indented definition is the definition's text (a nested fence). */
          gsize indent = gls_rline_indent (t, &l, &f);
          while (f + r < l.content_end && t[f + r] == mark)
            r++;
          if (r >= run && f + r == l.content_end && indent <= open_indent + 3)
            {
              end = p;
              after = l.next;
              break;
            }
        }
      if (end == b->len)
        gls_reader_builder_issue (b, gls_reader_builder_line_of (b, pos), GLS_ISSUE_WARNING,
                                  "{glossary} block is never closed; it runs to the end of the file");
      read_block (b, start, end, FALSE);
      line.next = after;
    }
  if (!found)
    gls_reader_builder_issue (b, 0, GLS_ISSUE_WARNING, "no {glossary} block; nothing loaded");
}
