/* prose_emit.c — see prose_emit.h. */
#include "text/prose_emit.h"

static inline gboolean
is_space (guchar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

gboolean
gls_prose_trim (const char *text, guint32 *start, guint32 *end)
{
  const guchar *t = (const guchar *) text;
  guint32 a = *start, b = *end;
  while (a < b && is_space (t[a]))
    a++;
  while (b > a && is_space (t[b - 1]))
    b--;
  *start = a;
  *end = b;
  for (guint32 i = a; i < b; i++)
    if (t[i] >= 0x80 || g_ascii_isalnum (t[i]))
      return TRUE;
  return FALSE;
}

void
gls_prose_emit (GArray *out, const char *text, guint32 start, guint32 end, GlsProseKind kind)
{
  if (!gls_prose_trim (text, &start, &end))
    return;
  /* Grown in place: g_array_append_val copies through memcpy, a call more
   * per span (spans are appended twice: by the inline scan, then mapped). */
  guint n = out->len;
  g_array_set_size (out, n + 1);
  g_array_index (out, GlsProseSpan, n) = (GlsProseSpan) { start, end, kind };
}

void
gls_prose_emit_mapped (GArray *out, const char *src, const GArray *spans,
                       const GlsProseSegment *segs, guint n_segs)
{
  guint k = 0;
  for (guint i = 0; i < spans->len; i++)
    {
      const GlsProseSpan *s = &g_array_index (spans, GlsProseSpan, i);
      /* Spans are sorted, so the first segment never moves backwards. */
      while (k < n_segs && segs[k].buf + segs[k].len <= s->start)
        k++;
      gboolean open = FALSE;
      guint32 piece_start = 0, piece_end = 0;
      for (guint j = k; j < n_segs && segs[j].buf < s->end; j++)
        {
          guint32 a = MAX (s->start, segs[j].buf);
          guint32 b = MIN (s->end, segs[j].buf + segs[j].len);
          if (a >= b)
            continue;
          guint32 src_a = segs[j].src + (a - segs[j].buf);
          if (open && piece_end == src_a)
            {
              piece_end = src_a + (b - a);
              continue;
            }
          /* A container prefix ("> ") lies between the two lines: cut. */
          if (open)
            gls_prose_emit (out, src, piece_start, piece_end, s->kind);
          piece_start = src_a;
          piece_end = src_a + (b - a);
          open = TRUE;
        }
      if (open)
        gls_prose_emit (out, src, piece_start, piece_end, s->kind);
    }
}

void
gls_prose_emit_paragraphs (GArray *out, const char *text, guint32 start, guint32 end,
                           GlsProseKind kind)
{
  guint32 para = start;
  guint32 line = start;
  while (line < end)
    {
      guint32 e = line;
      gboolean blank = TRUE;
      for (; e < end && text[e] != '\n' && text[e] != '\r'; e++)
        if (!is_space ((guchar) text[e]))
          blank = FALSE;
      guint32 next = e;
      if (next < end && text[next] == '\r')
        next++;
      if (next < end && text[next] == '\n' && (next == e || text[e] == '\r'))
        next++;
      if (blank)
        {
          if (line > para)
            gls_prose_emit (out, text, para, line, kind);
          para = next;
        }
      if (next == line)
        break;
      line = next;
    }
  if (end > para)
    gls_prose_emit (out, text, para, end, kind);
}
