/* reader_csv.c — a term table as CSV (RFC 4180): fields separated by
 * commas, rows by CRLF or LF, a field in double quotes may hold commas,
 * line breaks and "" for a quote. The first row naming a term column is the header (term,
 * definition, aliases ... : reader_table.h; up to 4 rows above it, such as a
 * title row, are skipped with a warning); each later row is an entry,
 * an aliases (and a deprecated) field split at ';', '|' or ','. A quoted field never closed is
 * an error at the line it opened on and ends the file there (RFC 4180 gives
 * it the rest of the text); a row with a different field count is read as
 * far as it goes and warned about. One pass: O(len). */
#include "glossary/reader_table.h"

typedef struct
{
  gsize    start;   /* the content (inside the quotes) */
  gsize    len;
  gboolean escaped; /* holds "" */
} Field;

/* Parses the row at *pos into fields; FALSE when a quote is never closed
 * (*pos then points at its field). */
static gboolean
parse_row (const char *t, gsize len, gsize *pos, GArray *fields)
{
  gsize i = *pos;
  g_array_set_size (fields, 0);
  for (;;)
    {
      Field f = { i, 0, FALSE };
      if (i < len && t[i] == '"')
        {
          gsize j = i + 1;
          for (;;)
            {
              const char *q = j < len ? memchr (t + j, '"', len - j) : NULL;
              if (q == NULL)
                {
                  *pos = i;
                  return FALSE;
                }
              j = (gsize) (q - t);
              if (j + 1 < len && t[j + 1] == '"')
                {
                  f.escaped = TRUE;
                  j += 2;
                  continue;
                }
              break;
            }
          f.start = i + 1;
          f.len = j - f.start;
          i = j + 1;
          /* Text between the closing quote and the separator is kept out. */
          while (i < len && t[i] != ',' && t[i] != '\n')
            i++;
        }
      else
        {
          while (i < len && t[i] != ',' && t[i] != '\n')
            i++;
          f.len = i - f.start;
          if (f.len > 0 && t[f.start + f.len - 1] == '\r')
            f.len--;
        }
      g_array_append_val (fields, f);
      if (i < len && t[i] == ',')
        {
          i++;
          continue;
        }
      *pos = i < len ? i + 1 : len;
      return TRUE;
    }
}

static GlsTableStr
value (const char *t, const Field *f, GPtrArray *keep)
{
  if (!f->escaped)
    return (GlsTableStr) { t + f->start, f->len, f->start, f->start };
  GString *s = g_string_sized_new (f->len);
  for (gsize i = 0; i < f->len; i++)
    {
      g_string_append_c (s, t[f->start + i]);
      if (t[f->start + i] == '"')
        i++;
    }
  g_ptr_array_add (keep, s);
  return (GlsTableStr) { s->str, s->len, G_MAXSIZE, f->start };
}

static void
free_string (gpointer s)
{
  g_string_free (s, TRUE);
}

static gboolean
blank_row (const char *t, GArray *fields)
{
  return fields->len == 1 && g_array_index (fields, Field, 0).len == 0 &&
         !(g_array_index (fields, Field, 0).start > 0 && t[g_array_index (fields, Field, 0).start - 1] == '"');
}

/* How many rows may stand above the header (a title row, a note). */
#define HEADER_ROWS 5

void
gls_read_csv (GlsReaderBuilder *b)
{
  const char *t = b->text;
  g_autoptr (GArray) fields = g_array_new (FALSE, FALSE, sizeof (Field));
  g_autoptr (GArray) kinds = g_array_new (FALSE, FALSE, sizeof (GlsTableColumn));
  gsize pos = 0;
  gboolean header = TRUE;
  gint term_column = -1;
  guint rows_before = 0;

  /* A UTF-8 byte order mark before the header. */
  if (b->len >= 3 && memcmp (t, "\xef\xbb\xbf", 3) == 0)
    pos = 3;
  while (pos < b->len)
    {
      gsize row = pos;
      if (!parse_row (t, b->len, &pos, fields))
        {
          gls_reader_builder_issue (b, gls_reader_builder_line_of (b, pos), GLS_ISSUE_ERROR,
                                    "quoted field is never closed; the rest of the file is not read");
          return;
        }
      if (blank_row (t, fields))
        continue;
      if (header)
        {
          header = FALSE;
          for (guint i = 0; i < fields->len; i++)
            {
              const Field *f = &g_array_index (fields, Field, i);
              GlsTableColumn c = gls_table_column (t + f->start, f->len);
              g_array_append_val (kinds, c);
              if (c == GLS_COLUMN_TERM && term_column < 0)
                term_column = (gint) i;
            }
          if (term_column < 0)
            {
              /* A title row above the header: look a few rows further. */
              g_array_set_size (kinds, 0);
              header = ++rows_before < HEADER_ROWS;
              gls_reader_builder_issue (b, gls_reader_builder_line_of (b, row),
                                        header ? GLS_ISSUE_WARNING : GLS_ISSUE_ERROR,
                                        header ? "row names no term column; skipped (the header row names "
                                                 "term, definition, aliases ...)"
                                               : "no header row naming a term column (such as "
                                                 "term,definition,aliases); nothing loaded");
              if (!header)
                return;
            }
          continue;
        }
      guint line = gls_reader_builder_line_of (b, row);
      if (fields->len != kinds->len)
        gls_reader_builder_issue (b, line, GLS_ISSUE_WARNING, "row has %u fields, the header %u", fields->len,
                                  kinds->len);
      g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (free_string);
      GlsTableRecord r;
      const Field *tf = (guint) term_column < fields->len ? &g_array_index (fields, Field, term_column) : NULL;
      gls_table_record_init (&r, tf != NULL ? tf->start : row);
      for (guint i = 0; i < MIN (fields->len, kinds->len); i++)
        {
          const Field *f = &g_array_index (fields, Field, i);
          GlsTableStr v = value (t, f, keep);
          switch (g_array_index (kinds, GlsTableColumn, i))
            {
            case GLS_COLUMN_TERM: if (r.term.s == NULL) r.term = v; break;
            case GLS_COLUMN_DEFINITION: if (r.definition.s == NULL) r.definition = v; break;
            case GLS_COLUMN_ALIASES: g_array_append_val (r.aliases, v); break;
            case GLS_COLUMN_EXAMPLES: if (v.n > 0) g_array_append_val (r.examples, v); break;
            case GLS_COLUMN_CATEGORY: r.category = v; break;
            case GLS_COLUMN_DEPRECATED: g_array_append_val (r.deprecated, v); break;
            case GLS_COLUMN_OTHER: default: break;
            }
        }
      gls_table_record_emit (b, &r, ";|,", ";|,");
      gls_table_record_clear (&r);
    }
}
