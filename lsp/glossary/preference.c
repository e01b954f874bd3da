/* preference.c — the seed format's `avoid:` lines (preference.h). */
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

/* Newlines in text[0..to): a binary search in the source's sorted offsets of
 * '\n', built on first need (once per source, not once per entry: the bodies of
 * formats with derived text can sit far from their headers). */
static guint32
newlines_before (const char *text, gsize len, gsize to, GArray **newlines)
{
  if (*newlines == NULL)
    {
      *newlines = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (const char *p = text; (p = memchr (p, '\n', (gsize) (text + len - p))) != NULL; p++)
        {
          guint32 at = (guint32) (p - text);
          g_array_append_val (*newlines, at);
        }
    }
  guint lo = 0, hi = (*newlines)->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (*newlines, guint32, mid) < to)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
gls_preferences_from_entry (const char *text, gsize len, const GlsEntry *entry, const GlsName *headword,
                            GArray **newlines, GArray *preferences)
{
  guint64 body_end = (guint64) entry->body.start + entry->body.len;
  if (entry->body.len == 0 || body_end > len || entry->header.start > entry->body.start)
    return;
  g_autoptr (GArray) own = NULL;
  if (newlines == NULL)
    newlines = &own;
  /* Lines of the body counted from its start; the body's first line (header
   * line + the lines between them) only when an avoid line needs it. */
  guint32 body_line = 0, first = 0;
  gboolean have_first = FALSE;
  for (gsize at = entry->body.start; at < body_end;)
    {
      const char *nl = memchr (text + at, '\n', body_end - at);
      gsize end = nl != NULL ? (gsize) (nl - text) : body_end;
      gsize after;
      if (avoid_prefix (text + at, end - at, &after))
        {
          if (!have_first)
            {
              first = entry->line + newlines_before (text, len, entry->body.start, newlines)
                      - newlines_before (text, len, entry->header.start, newlines);
              have_first = TRUE;
            }
          add_items (text, at + after, end, entry->source, first + body_line, headword->text, preferences);
        }
      body_line++;
      at = end + 1;
    }
}
