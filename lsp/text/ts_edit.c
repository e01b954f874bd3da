/* ts_edit.c — see ts_edit.h. */
#include "text/ts_edit.h"

#include <stdlib.h>
#include <string.h>

guint
gls_u32_lower_bound (const GArray *a, guint32 v)
{
  guint lo = 0, hi = a->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (a, guint32, mid) < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
gls_ts_newlines_append (GArray *newlines, const char *text, guint32 from, guint32 to)
{
  for (const char *q = text + from; q < text + to;)
    {
      q = memchr (q, '\n', (gsize) (text + to - q));
      if (q == NULL)
        break;
      guint32 off = (guint32) (q - text);
      g_array_append_val (newlines, off);
      q++;
    }
}

TSPoint
gls_ts_newlines_point_at (const GArray *newlines, guint32 offset)
{
  guint row = gls_u32_lower_bound (newlines, offset);
  guint32 line_start = row == 0 ? 0 : g_array_index (newlines, guint32, row - 1) + 1;
  return (TSPoint) { row, offset - line_start };
}

TSInputEdit
gls_ts_newlines_edit (GArray *newlines, const char *text, guint32 start, guint32 old_end,
                      guint32 new_end)
{
  gint64 delta = (gint64) new_end - old_end;
  TSInputEdit edit = {
    .start_byte = start, .old_end_byte = old_end, .new_end_byte = new_end,
    .start_point = gls_ts_newlines_point_at (newlines, start),
    .old_end_point = gls_ts_newlines_point_at (newlines, old_end),
  };
  guint a = gls_u32_lower_bound (newlines, start);
  guint b = gls_u32_lower_bound (newlines, old_end);
  g_autoptr (GArray) inserted = g_array_new (FALSE, FALSE, sizeof (guint32));
  gls_ts_newlines_append (inserted, text, start, new_end);
  if (b > a)
    g_array_remove_range (newlines, a, b - a);
  for (guint k = a; k < newlines->len; k++)
    g_array_index (newlines, guint32, k) =
      (guint32) ((gint64) g_array_index (newlines, guint32, k) + delta);
  g_array_insert_vals (newlines, a, inserted->data, inserted->len);
  edit.new_end_point = gls_ts_newlines_point_at (newlines, new_end);
  return edit;
}

static void
on_cancelled (GCancellable *cancellable, gpointer flag)
{
  /* tree-sitter polls the flag from the parsing thread. */
  __atomic_store_n ((size_t *) flag, 1, __ATOMIC_SEQ_CST);
}

TSTree *
gls_ts_parse_cancellable (TSParser *parser, TSTree *old_tree, const char *text, guint32 len,
                          GCancellable *cancellable)
{
  size_t flag = 0;
  gulong handler = 0;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), &flag, NULL);
  ts_parser_set_cancellation_flag (parser, &flag);
  TSTree *tree = ts_parser_parse_string (parser, old_tree, text, len);
  ts_parser_set_cancellation_flag (parser, NULL);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  if (tree == NULL)
    ts_parser_reset (parser);
  return tree;
}

gboolean
gls_ts_reparse (TSParser *parser, TSTree **tree, GArray *newlines, const char *text, guint32 len,
                guint32 start, guint32 old_end, guint32 new_end, GArray *ranges,
                GCancellable *cancellable)
{
  g_assert (*tree != NULL);
  TSInputEdit edit = gls_ts_newlines_edit (newlines, text, start, old_end, new_end);

  ts_tree_edit (*tree, &edit);
  TSTree *fresh = gls_ts_parse_cancellable (parser, *tree, text, len, cancellable);
  if (fresh == NULL)
    return FALSE;

  guint32 n_changed = 0;
  TSRange *ts_ranges = ts_tree_get_changed_ranges (*tree, fresh, &n_changed);
  for (guint32 i = 0; i < n_changed; i++)
    {
      GlsByteRange r = { ts_ranges[i].start_byte, ts_ranges[i].end_byte };
      g_array_append_val (ranges, r);
    }
  free (ts_ranges);
  ts_tree_delete (*tree);
  *tree = fresh;
  GlsByteRange edited = { start, new_end };
  g_array_append_val (ranges, edited);
  return TRUE;
}
