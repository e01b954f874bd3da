/* position.c — see position.h for the rules. */
#include "text/position.h"

#include <string.h>

static const char *const encoding_names[] = {
  [GLS_POSITION_UTF8] = "utf-8",
  [GLS_POSITION_UTF16] = "utf-16",
  [GLS_POSITION_UTF32] = "utf-32",
};

gboolean
gls_position_encoding_parse (const char *name, GlsPositionEncoding *out)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (encoding_names); i++)
    if (strcmp (name, encoding_names[i]) == 0)
      {
        if (out != NULL)
          *out = (GlsPositionEncoding) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gls_position_encoding_to_string (GlsPositionEncoding encoding)
{
  g_assert ((guint) encoding < G_N_ELEMENTS (encoding_names));
  return encoding_names[encoding];
}

GlsPositionEncoding
gls_position_encoding_choose (const char *const *offered)
{
  GlsPositionEncoding encoding;

  for (gsize i = 0; offered != NULL && offered[i] != NULL; i++)
    if (gls_position_encoding_parse (offered[i], &encoding))
      return encoding;
  return GLS_POSITION_UTF16;
}

/* Length in bytes of the code point starting at p, or 0 if no valid UTF-8
 * sequence starts there (then the byte stands alone as one unit). */
static inline gsize
sequence_length (const char *p, const char *end, gunichar *c)
{
  guchar b = (guchar) *p;

  if (b < 0x80)
    {
      *c = b;
      return 1;
    }
  *c = g_utf8_get_char_validated (p, end - p);
  if (*c == (gunichar) -1 || *c == (gunichar) -2)
    return 0;
  return (gsize) g_utf8_skip[b];
}

/* Consumes one code point (or one invalid byte) at p; returns its byte length
 * and stores its width in code units of encoding. */
static inline gsize
step (const char *p, const char *end, GlsPositionEncoding encoding, gsize *units)
{
  gunichar c;
  gsize n = sequence_length (p, end, &c);

  if (n == 0)
    {
      *units = 1;
      return 1;
    }
  switch (encoding)
    {
    case GLS_POSITION_UTF8:
      *units = n;
      break;
    case GLS_POSITION_UTF16:
      *units = c >= 0x10000 ? 2 : 1;
      break;
    case GLS_POSITION_UTF32:
    default:
      *units = 1;
      break;
    }
  return n;
}

gsize
gls_position_count_units (const char *text, gsize len, GlsPositionEncoding encoding)
{
  const char *end = text + len;
  gsize total = 0;

  /* Valid sequences count their bytes and invalid bytes count one each. */
  if (encoding == GLS_POSITION_UTF8)
    return len;
  for (const char *p = text; p < end;)
    {
      gsize units;
      p += step (p, end, encoding, &units);
      total += units;
    }
  return total;
}

/* The start of the code point containing byte target, scanning back at most
 * three bytes and never before start; target itself if it is a boundary. A
 * byte that is not part of a valid sequence is its own code point. */
static gsize
snap_back (const char *text, gsize start, gsize end, gsize target)
{
  if (target >= end || ((guchar) text[target] & 0xC0) != 0x80)
    return target;
  for (gsize q = target; q > start && target - q < 3;)
    {
      q--;
      guchar b = (guchar) text[q];
      if ((b & 0xC0) == 0x80)
        continue;
      gunichar c;
      gsize n = sequence_length (text + q, text + end, &c);
      return n > 0 && q + n > target ? q : target;
    }
  return target;
}

gsize
gls_position_to_offset (const GlsLineIndex  *index,
                        const char          *text,
                        gsize                len,
                        gint64               line,
                        gint64               character,
                        GlsPositionEncoding  encoding)
{
  line = MAX (line, 0);
  character = MAX (character, 0);
  if ((guint64) line >= gls_line_index_n_lines (index))
    return len;

  gsize start = gls_line_index_line_start (index, (gsize) line);
  gsize end = gls_line_index_line_end (index, text, len, (gsize) line);

  if (encoding == GLS_POSITION_UTF8)
    {
      if ((guint64) character >= end - start)
        return end;
      return snap_back (text, start, end, start + (gsize) character);
    }

  gsize p = start;
  guint64 units = 0;
  while (p < end && units < (guint64) character)
    {
      gsize width;
      gsize n = step (text + p, text + end, encoding, &width);
      /* Inside a surrogate pair: stay at the code point's start. */
      if (units + width > (guint64) character)
        break;
      units += width;
      p += n;
    }
  return p;
}

void
gls_offset_to_position (const GlsLineIndex  *index,
                        const char          *text,
                        gsize                len,
                        gsize                offset,
                        GlsPositionEncoding  encoding,
                        gint64              *line,
                        gint64              *character)
{
  offset = MIN (offset, len);

  gsize l = gls_line_index_line_of_offset (index, offset);
  gsize start = gls_line_index_line_start (index, l);
  gsize end = gls_line_index_line_end (index, text, len, l);

  offset = MIN (offset, end);
  *line = (gint64) l;
  if (encoding == GLS_POSITION_UTF8)
    {
      *character = (gint64) (snap_back (text, start, end, offset) - start);
      return;
    }

  gsize p = start;
  gint64 units = 0;
  while (p < offset)
    {
      gsize width;
      gsize n = step (text + p, text + end, encoding, &width);
      if (p + n > offset)
        break;
      units += (gint64) width;
      p += n;
    }
  *character = units;
}
