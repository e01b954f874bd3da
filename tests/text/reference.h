/* reference.h — a deliberately naive model of LSP positions for the tests.
 *
 * It shares no code with lsp/text: it splits the whole text into lines and
 * "cells" (one code point, or one invalid byte) up front and walks them, so a
 * bug in the line index, the incremental update or the snapping logic shows up
 * as a disagreement. Slow by design (O(document) per query).
 */
#pragma once

#include <glib.h>
#include <string.h>

#include "text/position.h"

typedef struct
{
  gsize offset;
  gsize bytes;
  gsize units[3];   /* indexed by GlsPositionEncoding */
} RefCell;

typedef struct
{
  gsize start;      /* first content byte */
  gsize end;        /* past the content, before the terminator */
  gsize next;       /* start of the next line (or len for the last) */
} RefLine;

typedef struct
{
  const char *text;
  gsize len;
  GArray *lines;    /* RefLine */
  GArray *cells;    /* RefCell, in byte order, terminators included */
} RefDoc;

static inline void
ref_doc_clear (RefDoc *ref)
{
  g_clear_pointer (&ref->lines, g_array_unref);
  g_clear_pointer (&ref->cells, g_array_unref);
}

static inline void
ref_doc_init (RefDoc *ref, const char *text, gsize len)
{
  ref->text = text;
  ref->len = len;
  ref->lines = g_array_new (FALSE, FALSE, sizeof (RefLine));
  ref->cells = g_array_new (FALSE, FALSE, sizeof (RefCell));

  gsize line_start = 0;
  for (gsize i = 0; i < len;)
    {
      if (text[i] == '\r' || text[i] == '\n')
        {
          gsize term = (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') ? 2 : 1;
          RefLine l = { line_start, i, i + term };
          g_array_append_val (ref->lines, l);
          i += term;
          line_start = i;
        }
      else
        i++;
    }
  RefLine last = { line_start, len, len };
  g_array_append_val (ref->lines, last);

  for (gsize i = 0; i < len;)
    {
      RefCell cell = { i, 1, { 1, 1, 1 } };
      gunichar c = g_utf8_get_char_validated (text + i, (gssize) (len - i));
      if ((guchar) text[i] < 0x80)
        ;
      else if (c != (gunichar) -1 && c != (gunichar) -2)
        {
          cell.bytes = (gsize) (g_utf8_next_char (text + i) - (text + i));
          cell.units[GLS_POSITION_UTF8] = cell.bytes;
          cell.units[GLS_POSITION_UTF16] = c > 0xFFFF ? 2 : 1;
        }
      g_array_append_val (ref->cells, cell);
      i += cell.bytes;
    }
}

static inline const RefLine *
ref_line (const RefDoc *ref, gsize i)
{
  return &g_array_index (ref->lines, RefLine, i);
}

static inline gsize
ref_position_to_offset (const RefDoc *ref, gint64 line, gint64 character,
                        GlsPositionEncoding enc)
{
  if (line < 0)
    line = 0;
  if (character < 0)
    character = 0;
  if ((guint64) line >= ref->lines->len)
    return ref->len;

  const RefLine *l = ref_line (ref, (gsize) line);
  guint64 acc = 0;
  for (guint i = 0; i < ref->cells->len; i++)
    {
      const RefCell *cell = &g_array_index (ref->cells, RefCell, i);
      if (cell->offset < l->start)
        continue;
      if (cell->offset >= l->end)
        break;
      if (acc >= (guint64) character || acc + cell->units[enc] > (guint64) character)
        return cell->offset;
      acc += cell->units[enc];
    }
  return l->end;
}

static inline void
ref_offset_to_position (const RefDoc *ref, gsize offset, GlsPositionEncoding enc,
                        gint64 *line, gint64 *character)
{
  if (offset > ref->len)
    offset = ref->len;

  gsize li = ref->lines->len - 1;
  for (gsize i = 0; i < ref->lines->len; i++)
    if (offset < ref_line (ref, i)->next)
      {
        li = i;
        break;
      }
  const RefLine *l = ref_line (ref, li);
  if (offset > l->end)
    offset = l->end;

  gint64 acc = 0;
  for (guint i = 0; i < ref->cells->len; i++)
    {
      const RefCell *cell = &g_array_index (ref->cells, RefCell, i);
      if (cell->offset < l->start)
        continue;
      if (cell->offset + cell->bytes > offset)
        break;
      acc += (gint64) cell->units[enc];
    }
  *line = (gint64) li;
  *character = acc;
}

/* Pieces random texts are built from: every case the rules distinguish. */
static const char *const ref_pieces[] = {
  "a", "b", "xyz", " ", "\t", "é", "€", "😀", "𐐀", "\n", "\r", "\r\n",
  "\xE9", "\xE2\x82", "\xF0\x9F\x98", "\x80", "\xED\xA0\x80", "\xC0\xAF",
};

static inline void
ref_random_text (GRand *rand, GString *out, guint max_pieces)
{
  guint n = (guint) g_rand_int_range (rand, 0, (gint32) max_pieces + 1);
  for (guint i = 0; i < n; i++)
    {
      gint32 k = g_rand_int_range (rand, -1, G_N_ELEMENTS (ref_pieces));
      if (k < 0)
        g_string_append_c (out, '\0');   /* NUL is an ordinary byte */
      else
        g_string_append (out, ref_pieces[k]);
    }
}
