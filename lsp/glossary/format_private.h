/* format_private.h — the readers behind format.h and the line helpers they
 * share. Only reader*.c include it. Each reader fills a builder from b->text
 * (reader_builder.h); none keeps state between calls. */
#pragma once

#include <glib.h>
#include <string.h>

#include "glossary/format.h"
#include "glossary/reader_builder.h"

G_BEGIN_DECLS

void gls_read_markdown   (GlsReaderBuilder *b);
void gls_read_sphinx     (GlsReaderBuilder *b);
void gls_read_myst       (GlsReaderBuilder *b);
void gls_read_abbr       (GlsReaderBuilder *b);
void gls_read_csv        (GlsReaderBuilder *b);
void gls_read_json       (GlsReaderBuilder *b);
void gls_read_yaml       (GlsReaderBuilder *b, gboolean contextive);

/* One abbreviation line "*[X]: expansion" at text[start..end): fills the
 * name's and the expansion's offsets. */
gboolean gls_abbr_line (const char *text, gsize start, gsize end,
                        gsize *name, gsize *name_len, gsize *def, gsize *def_len);

/* Lines of text: [start, content_end) without "\r\n"/"\n", next line at next. */
typedef struct
{
  gsize start;
  gsize content_end;
  gsize next;
} GlsRLine;

static inline void
gls_rline_at (const char *text, gsize len, gsize pos, GlsRLine *line)
{
  const char *nl = pos < len ? memchr (text + pos, '\n', len - pos) : NULL;
  gsize eol = nl != NULL ? (gsize) (nl - text) : len;
  line->start = pos;
  line->next = nl != NULL ? eol + 1 : len;
  line->content_end = eol > pos && text[eol - 1] == '\r' ? eol - 1 : eol;
}

/* Columns of leading white space (a tab counts to the next multiple of 4,
 * as CommonMark does); *first gets the first other byte's offset. */
static inline gsize
gls_rline_indent (const char *text, const GlsRLine *line, gsize *first)
{
  gsize col = 0, i = line->start;
  for (; i < line->content_end && (text[i] == ' ' || text[i] == '\t'); i++)
    col = text[i] == '\t' ? (col + 4) & ~(gsize) 3 : col + 1;
  if (first != NULL)
    *first = i;
  return col;
}

static inline gboolean
gls_rline_blank (const char *text, const GlsRLine *line)
{
  gsize first;
  gls_rline_indent (text, line, &first);
  return first == line->content_end;
}

G_END_DECLS
