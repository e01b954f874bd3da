/* span.c — see span.h. */
#include "text/span.h"

gboolean
gls_prose_kind_is_matchable (GlsProseKind kind)
{
  return kind != GLS_PROSE_HTML_COMMENT;
}

const char *
gls_prose_kind_to_string (GlsProseKind kind)
{
  static const char *const names[] = {
    "text", "heading", "link-text", "table", "comment", "docstring", "html-comment",
  };
  return (guint) kind < G_N_ELEMENTS (names) ? names[kind] : "unknown";
}

static int
range_cmp (gconstpointer a, gconstpointer b)
{
  const GlsByteRange *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

void
gls_byte_ranges_merge (GArray *ranges)
{
  g_array_sort (ranges, range_cmp);
  guint w = 0;
  for (guint i = 0; i < ranges->len; i++)
    {
      GlsByteRange r = g_array_index (ranges, GlsByteRange, i);
      if (w > 0 && r.start <= g_array_index (ranges, GlsByteRange, w - 1).end)
        {
          GlsByteRange *last = &g_array_index (ranges, GlsByteRange, w - 1);
          last->end = MAX (last->end, r.end);
        }
      else
        g_array_index (ranges, GlsByteRange, w++) = r;
    }
  g_array_set_size (ranges, w);
}

guint
gls_spans_first_ending_after (const GArray *spans, guint32 offset)
{
  guint lo = 0, hi = spans->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (spans, GlsProseSpan, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
gls_spans_first_reaching (const GArray *spans, guint32 offset)
{
  guint lo = 0, hi = spans->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (spans, GlsProseSpan, mid).end < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
gls_spans_first_starting_at (const GArray *spans, guint32 offset)
{
  guint lo = 0, hi = spans->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (spans, GlsProseSpan, mid).start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
gls_spans_splice (GArray *spans, guint i0, guint i1, const GArray *repl)
{
  g_assert (i0 <= i1 && i1 <= spans->len);
  if (i1 > i0)
    g_array_remove_range (spans, i0, i1 - i0);
  if (repl->len > 0)
    g_array_insert_vals (spans, i0, repl->data, repl->len);
}

void
gls_spans_shift_from (GArray *spans, guint i, gint64 delta)
{
  for (; i < spans->len; i++)
    {
      GlsProseSpan *s = &g_array_index (spans, GlsProseSpan, i);
      s->start = (guint32) ((gint64) s->start + delta);
      s->end = (guint32) ((gint64) s->end + delta);
    }
}

void
gls_spans_copy_range (const GArray *spans, guint32 from, guint32 to, GArray *out)
{
  for (guint i = gls_spans_first_ending_after (spans, from); i < spans->len; i++)
    {
      const GlsProseSpan *s = &g_array_index (spans, GlsProseSpan, i);
      if (s->start >= to)
        break;
      g_array_append_vals (out, s, 1);
    }
}
