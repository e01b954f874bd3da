/* preference.c — the seed format's `avoid:` lines (preference.h). */
#define _GNU_SOURCE /* memmem */
#include "glossary/preference.h"

#include <string.h>

/* If line[0..len) is an avoid line, the offset just past "avoid:" (or "deprecated:"). */
static gboolean
avoid_prefix (const char *line, gsize len, gsize *after)
{
  gsize i = 0;
  while (i < len && (line[i] == ' ' || line[i] == '\t'))
    i++;
  if (i + 1 < len && (line[i] == '-' || line[i] == '*') && line[i + 1] == ' ')
    i += 2;
  gboolean bold = i + 2 <= len && memcmp (line + i, "**", 2) == 0;
  if (bold)
    i += 2;
  if (i + 6 <= len && g_ascii_strncasecmp (line + i, "avoid:", 6) == 0)
    i += 6;
  else if (i + 11 <= len && g_ascii_strncasecmp (line + i, "deprecated:", 11) == 0)
    i += 11;
  else
    return FALSE;
  if (bold && i + 2 <= len && memcmp (line + i, "**", 2) == 0)
    i += 2;
  *after = i;
  return TRUE;
}

gboolean
gls_preference_is_avoid_line (const char *line, gsize len)
{
  gsize after;
  return avoid_prefix (line, len, &after);
}

static void
add_items (const char *text, gsize from, gsize to, guint32 source, guint32 line, GlsSlice headword,
           GArray *preferences)
{
  gsize at = from;
  while (at < to)
    {
      gsize end = at;
      while (end < to && text[end] != ',')
        end++;
      gsize a = at, b = end;
      /* Trim blanks, then the quotes and emphasis around an item. */
      while (a < b && (g_ascii_isspace (text[a]) || strchr ("`\"*_", text[a]) != NULL))
        a++;
      while (b > a && (g_ascii_isspace (text[b - 1]) || strchr ("`\"*_.;", text[b - 1]) != NULL))
        b--;
      if (b > a)
        {
          GlsPreference p = { source, line, { (guint32) a, (guint32) (b - a) }, headword };
          g_array_append_val (preferences, p);
        }
      at = end + 1;
    }
}

/* Where the avoid lines of a derived body are looked for in the file: from
 * the entry's header on, in order, within a window about the body's size;
 * once a line is not found there the rest take the entry's line. So an
 * entry costs at most one pass over its window, whatever its lines hold. */
typedef struct
{
  gsize    from;
  gsize    until;
  gboolean gave_up;
} Search;

/* The 1-based file line of the avoid line text[at, end) of entry: by the
 * source's line index (LSP lines: "\n", "\r\n" and a lone "\r" end one)
 * when it lies in the file; a body in derived text (an indented reST
 * definition made flush, a YAML block scalar) holds the line as the file
 * wrote it after the header, so it is found there (search); else the
 * entry's line. */
static guint32
file_line (const char *text, gsize file_len, const GlsEntry *entry, gsize at, gsize end, GlsLineIndex **lines,
           Search *search)
{
  if (*lines == NULL)
    *lines = gls_line_index_new (text, file_len);
  if (at < file_len)
    return (guint32) gls_line_index_line_of_offset (*lines, at) + 1;
  const char *found = NULL;
  if (!search->gave_up && end > at && search->from < search->until)
    found = memmem (text + search->from, search->until - search->from, text + at, end - at);
  if (found == NULL)
    {
      search->gave_up = TRUE;
      return entry->line;
    }
  search->from = (gsize) (found - text) + (end - at);
  return (guint32) gls_line_index_line_of_offset (*lines, (gsize) (found - text)) + 1;
}

void
gls_preferences_from_entry (const char *text, gsize len, gsize file_len, const GlsEntry *entry,
                            const GlsName *headword, GlsLineIndex **lines, GArray *preferences)
{
  guint64 body_end = (guint64) entry->body.start + entry->body.len;
  if (entry->body.len == 0 || body_end > len || file_len > len)
    return;
  g_autoptr (GlsLineIndex) own = NULL;
  if (lines == NULL)
    lines = &own;
  /* The body's lines, each ended by "\n", "\r\n" or a lone "\r" as LSP
   * counts them (the line index's rule). */
  gsize next_nl = 0;
  gboolean have_nl = FALSE;
  /* The window: the header, then room for the body with its indentation. */
  gsize from = MIN ((gsize) entry->header.start, file_len);
  Search search = { from, from + MIN (file_len - from, (gsize) entry->header.len + 2 * (gsize) entry->body.len + 4096),
                    FALSE };
  for (gsize at = entry->body.start; at < body_end;)
    {
      /* memchr instead of a byte loop (bodies are most of a glossary); the
       * next '\n' is looked for again only once passed, so a line of many
       * lone '\r's is still read once. */
      if (!have_nl || next_nl < at)
        {
          const char *nl = memchr (text + at, '\n', body_end - at);
          next_nl = nl != NULL ? (gsize) (nl - text) : body_end;
          have_nl = TRUE;
        }
      gsize end = next_nl;
      const char *cr = memchr (text + at, '\r', end - at);
      if (cr != NULL)
        end = (gsize) (cr - text);
      gsize after;
      if (avoid_prefix (text + at, end - at, &after))
        add_items (text, at + after, end, entry->source, file_line (text, file_len, entry, at, end, lines, &search),
                   headword->text, preferences);
      at = end + (end + 1 < body_end && text[end] == '\r' && text[end + 1] == '\n' ? 2 : 1);
    }
}
