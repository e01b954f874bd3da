/* reader_abbr.c — MkDocs / Python-Markdown abbreviations, one per line:
 *   *[HTML]: Hyper Text Markup Language
 * The name is inside the brackets, the expansion is the definition. Other
 * lines (a page's prose, when abbreviations sit at the end of a page) are not
 * entries and are skipped silently: that is how the extension reads them. */
#include "glossary/format_private.h"

gboolean
gls_abbr_line (const char *text, gsize start, gsize end, gsize *name, gsize *name_len, gsize *def,
               gsize *def_len)
{
  gsize i = start;
  while (i < end && i - start < 3 && text[i] == ' ')
    i++;
  if (end - i < 4 || text[i] != '*' || text[i + 1] != '[')
    return FALSE;
  gsize open = i + 2, close = open;
  while (close < end && text[close] != ']')
    close++;
  if (close + 1 >= end || close == open || text[close + 1] != ':')
    return FALSE;
  *name = open;
  *name_len = close - open;
  gsize d = close + 2;
  while (d < end && (text[d] == ' ' || text[d] == '\t'))
    d++;
  *def = d;
  *def_len = end - d;
  return TRUE;
}

void
gls_read_abbr (GlsReaderBuilder *b)
{
  GlsRLine line;
  gboolean in_fence = FALSE;
  for (gsize pos = 0; pos < b->len; pos = line.next)
    {
      gls_rline_at (b->text, b->len, pos, &line);
      gsize first, n, nl, d, dl;
      gls_rline_indent (b->text, &line, &first);
      if (line.content_end - first >= 3 && (memcmp (b->text + first, "```", 3) == 0 ||
                                            memcmp (b->text + first, "~~~", 3) == 0))
        in_fence = !in_fence;
      if (in_fence || !gls_abbr_line (b->text, line.start, line.content_end, &n, &nl, &d, &dl))
        continue;
      gls_reader_builder_begin (b, n);
      gls_reader_builder_name (b, n, nl, GLS_ROLE_HEADWORD);
      gls_reader_builder_definition (b, b->text + d, dl, G_MAXSIZE);
      gls_reader_builder_end (b);
    }
}
