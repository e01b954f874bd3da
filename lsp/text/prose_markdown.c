/* prose_markdown.c — see prose_markdown.h. */
#include "text/prose_markdown.h"

#include "text/md_line.h"
#include "text/prose_emit.h"
#include "text/prose_inline.h"

#include <string.h>

#define MAX_DEPTH 64
#define FRONT_MATTER_MAX (64 * 1024)

typedef enum { CONT_QUOTE, CONT_ITEM } ContType;

typedef struct
{
  ContType type;
  guint32  indent; /* items: absolute column where their content starts */
} Container;

typedef enum
{
  LEAF_NONE,
  LEAF_PARAGRAPH,
  LEAF_FENCE,
  LEAF_INDENTED,
  LEAF_HTML,
  LEAF_TABLE,
} Leaf;

typedef struct
{
  const char *t;
  guint32     len;
  GArray     *spans;
  Container   stack[MAX_DEPTH];
  guint       depth;
  Leaf        leaf;
  char        fence_char;
  guint32     fence_len;
  int         html_type;
  guint32     floor; /* after the last "> " of this line: bytes from here to the
                      * content are white space, harmless in a span */
  GArray     *segs;  /* GlsProseSegment: lines of the open paragraph or HTML block */
  guint32     seg_total;
  GArray     *tmp;   /* spans in buffer offsets */
  GString    *buf;
} Md;

/* ---- emitting ----------------------------------------------------------- */

static void
add_segment (Md *md, guint32 from, guint32 to)
{
  GlsProseSegment s = { md->seg_total, from, to - from };
  g_array_append_val (md->segs, s);
  md->seg_total += to - from;
}

/* The open block's lines as one buffer (the source itself when the lines are
 * adjacent, a copy when container prefixes separate them). */
static const char *
segments_buffer (Md *md, guint first, guint32 *n)
{
  const GlsProseSegment *s = (const GlsProseSegment *) md->segs->data;
  guint count = md->segs->len;
  gboolean adjacent = TRUE;
  for (guint i = first + 1; i < count && adjacent; i++)
    adjacent = s[i - 1].src + s[i - 1].len == s[i].src;
  *n = s[count - 1].buf + s[count - 1].len - s[first].buf;
  if (adjacent)
    return md->t + s[first].src;
  g_string_truncate (md->buf, 0);
  for (guint i = first; i < count; i++)
    g_string_append_len (md->buf, md->t + s[i].src, s[i].len);
  return md->buf->str;
}

/* Appends the spans of tmp (offsets into the buffer of segments first..) to
 * the output. */
static void
emit_tmp (Md *md, guint first, guint32 shift)
{
  guint32 base = g_array_index (md->segs, GlsProseSegment, first).buf;
  for (guint i = 0; i < md->tmp->len; i++)
    {
      GlsProseSpan *sp = &g_array_index (md->tmp, GlsProseSpan, i);
      sp->start += base + shift;
      sp->end += base + shift;
    }
  gls_prose_emit_mapped (md->spans, md->t, md->tmp,
                         &g_array_index (md->segs, GlsProseSegment, 0), md->segs->len);
}

/* Paragraph lines [first, upto) of segs become spans of the given kind. */
static void
flush_paragraph (Md *md, guint first, guint upto, GlsProseKind kind)
{
  if (upto <= first)
    return;
  guint saved = md->segs->len;
  g_array_set_size (md->segs, upto);
  guint32 n;
  const char *b = segments_buffer (md, first, &n);
  guint32 pos = 0;
  if (kind == GLS_PROSE_TEXT)
    for (;;)
      {
        guint32 q = pos;
        while (q < n && q - pos < 3 && b[q] == ' ')
          q++;
        guint32 e = gls_prose_link_ref_def_end (b, n, q);
        if (e == 0)
          break;
        pos = e;
      }
  g_array_set_size (md->tmp, 0);
  gls_prose_inline_scan (b + pos, n - pos, kind, md->tmp);
  emit_tmp (md, first, pos);
  g_array_set_size (md->segs, saved);
}

static void
flush_html (Md *md)
{
  if (md->html_type != 2 && md->html_type < 6)
    return;
  guint32 n;
  const char *b = segments_buffer (md, 0, &n);
  g_array_set_size (md->tmp, 0);
  gls_prose_html_scan (b, n, md->tmp);
  emit_tmp (md, 0, 0);
}

static void
close_leaf (Md *md)
{
  if (md->leaf == LEAF_PARAGRAPH)
    flush_paragraph (md, 0, md->segs->len, GLS_PROSE_TEXT);
  else if (md->leaf == LEAF_HTML && md->segs->len > 0)
    flush_html (md);
  md->leaf = LEAF_NONE;
  g_array_set_size (md->segs, 0);
  md->seg_total = 0;
}

/* Inline content of one line, [a, b) of the source, as kind. */
static void
emit_line (Md *md, guint32 a, guint32 b, GlsProseKind kind)
{
  if (b <= a)
    return;
  g_array_set_size (md->tmp, 0);
  gls_prose_inline_scan (md->t + a, b - a, kind, md->tmp);
  for (guint i = 0; i < md->tmp->len; i++)
    {
      GlsProseSpan sp = g_array_index (md->tmp, GlsProseSpan, i);
      sp.start += a;
      sp.end += a;
      g_array_append_val (md->spans, sp);
    }
}

static void
emit_heading (Md *md, guint32 q, guint32 level, guint32 le)
{
  guint32 a = q + level;
  guint32 b = le;
  while (b > a && gls_md_is_sp (md->t[b - 1]))
    b--;
  /* An optional closing run of '#' preceded by a space (or alone). */
  guint32 c = b;
  while (c > a && md->t[c - 1] == '#')
    c--;
  if (c < b && (c == a || gls_md_is_sp (md->t[c - 1])))
    b = c;
  emit_line (md, a, b, GLS_PROSE_HEADING);
}

/* Splits a table row into cells; returns the number of cells and, if cells is
 * non-NULL, appends their [start, end) ranges (GlsByteRange). */
static guint
table_cells (const char *t, guint32 a, guint32 b, GArray *cells)
{
  while (a < b && gls_md_is_sp (t[a]))
    a++;
  while (b > a && gls_md_is_sp (t[b - 1]))
    b--;
  if (a < b && t[a] == '|')
    a++;
  if (b > a && t[b - 1] == '|' && (b - 1 == a || t[b - 2] != '\\'))
    b--;
  guint count = 0;
  guint32 cs = a;
  for (guint32 i = a; i <= b; i++)
    {
      if (i < b && t[i] == '\\')
        {
          i++;
          continue;
        }
      if (i == b || t[i] == '|')
        {
          if (cells != NULL)
            {
              GlsByteRange r = { cs, i };
              g_array_append_val (cells, r);
            }
          count++;
          cs = i + 1;
        }
    }
  return count;
}

/* A GFM delimiter row "| :-- | --: |" at q: its number of cells, or 0. */
static guint
delimiter_row (const char *t, guint32 q, guint32 le)
{
  if (memchr (t + q, '|', le - q) == NULL)
    return 0;
  g_autoptr (GArray) cells = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  guint n = table_cells (t, q, le, cells);
  for (guint i = 0; i < n; i++)
    {
      GlsByteRange r = g_array_index (cells, GlsByteRange, i);
      while (r.start < r.end && gls_md_is_sp (t[r.start]))
        r.start++;
      while (r.end > r.start && gls_md_is_sp (t[r.end - 1]))
        r.end--;
      if (r.start < r.end && t[r.start] == ':')
        r.start++;
      if (r.end > r.start && t[r.end - 1] == ':')
        r.end--;
      if (r.start == r.end)
        return 0;
      for (guint32 k = r.start; k < r.end; k++)
        if (t[k] != '-')
          return 0;
    }
  return n;
}

static void
emit_row (Md *md, guint32 a, guint32 b)
{
  g_autoptr (GArray) cells = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  table_cells (md->t, a, b, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GlsByteRange r = g_array_index (cells, GlsByteRange, i);
      emit_line (md, r.start, r.end, GLS_PROSE_TABLE);
    }
}

/* ---- the line machine -------------------------------------------------- */

/* Could the line at q (indentation < 4) interrupt a paragraph? Used for lazy
 * continuation lines, which belong to the paragraph otherwise. */
static gboolean
interrupts_paragraph (const char *t, guint32 q, guint32 le)
{
  char ch;
  guint32 n, number;
  gboolean ordered;
  if (q >= le)
    return TRUE;
  if (t[q] == '>' || gls_md_atx_level (t, q, le) || gls_md_fence_open (t, q, le, &ch, &n) ||
      gls_md_thematic_break (t, q, le))
    return TRUE;
  int h = gls_md_html_start (t, q, le);
  if (h >= 1 && h <= 6)
    return TRUE;
  /* Only a paragraph that continues in its own container restricts which
   * list items may interrupt it; a lazy line is interrupted by any. */
  return gls_md_list_marker (t, q, le, &ordered, &number) != 0;
}

/* Where the line machine is in the current line: byte p, in column col. */
typedef struct
{
  guint32 p;
  guint32 col;
} Cursor;

/* Steps past a "> " marker at q (indentation ind from the cursor). */
static void
enter_quote (Md *md, Cursor *c, guint32 q, guint32 ind, guint32 le)
{
  c->col += ind + 1;
  c->p = q + 1;
  md->floor = c->p;
  if (c->p < le && gls_md_is_sp (md->t[c->p]))
    gls_md_advance_to_col (md->t, &c->p, &c->col, le, c->col + 1);
}

/* How many of the open containers the line continues: their "> " markers
 * or the indentation of list items' content, stepped over. */
static guint
match_containers (Md *md, Cursor *c, guint32 le)
{
  const char *t = md->t;
  guint32 q, ind;
  guint matched = 0;

  for (; matched < md->depth; matched++)
    {
      Container *k = &md->stack[matched];
      if (k->type == CONT_QUOTE)
        {
          ind = gls_md_indent_at (t, c->p, le, c->col, &q);
          if (ind >= 4 || q >= le || t[q] != '>')
            break;
          enter_quote (md, c, q, ind, le);
        }
      else if (!gls_md_is_blank (t, c->p, le))
        {
          ind = gls_md_indent_at (t, c->p, le, c->col, &q);
          if (c->col + ind < k->indent)
            break;
          gls_md_advance_to_col (t, &c->p, &c->col, le, k->indent);
        }
    }
  return matched;
}

/* An open fence, HTML block or indented code block that takes this line:
 * TRUE when the line is consumed. */
static gboolean
continue_leaf (Md *md, const Cursor *c, guint32 le, guint32 next, gboolean blank)
{
  const char *t = md->t;
  guint32 q, ind;

  switch (md->leaf)
    {
    case LEAF_FENCE:
      ind = gls_md_indent_at (t, c->p, le, c->col, &q);
      if (ind < 4 && q < le && t[q] == md->fence_char)
        {
          guint32 k = 0;
          while (q + k < le && t[q + k] == md->fence_char)
            k++;
          if (k >= md->fence_len && gls_md_is_blank (t, q + k, le))
            md->leaf = LEAF_NONE;
        }
      return TRUE;
    case LEAF_HTML:
      if (md->html_type >= 6 && blank)
        {
          close_leaf (md);
          return TRUE;
        }
      add_segment (md, c->p, next);
      if (gls_md_html_ends (md->html_type, t, c->p, le))
        close_leaf (md);
      return TRUE;
    case LEAF_INDENTED:
      if (blank || gls_md_indent_at (t, c->p, le, c->col, &q) >= 4)
        return TRUE;
      close_leaf (md);
      return FALSE;
    default:
      return FALSE;
    }
}

/* Opens the block quotes and list items whose markers start the rest of
 * the line (up to MAX_DEPTH; deeper markers are text). */
static void
open_containers (Md *md, Cursor *c, guint32 le)
{
  const char *t = md->t;
  guint32 q, ind;

  while (md->depth < MAX_DEPTH)
    {
      ind = gls_md_indent_at (t, c->p, le, c->col, &q);
      if (ind >= 4 || q >= le)
        break;
      if (t[q] == '>')
        {
          close_leaf (md);
          md->stack[md->depth++] = (Container) { CONT_QUOTE, 0 };
          enter_quote (md, c, q, ind, le);
          continue;
        }
      gboolean ordered;
      guint32 number;
      guint32 m = gls_md_list_marker (t, q, le, &ordered, &number);
      if (m == 0 || gls_md_thematic_break (t, q, le))
        break;
      gboolean empty = gls_md_is_blank (t, m, le);
      if (md->leaf == LEAF_PARAGRAPH && (empty || (ordered && number != 1)))
        break;
      close_leaf (md);
      guint32 mcol = c->col + ind + (m - q);
      guint32 r;
      guint32 w = gls_md_indent_at (t, m, le, mcol, &r);
      guint32 content;
      if (empty)
        {
          content = mcol + 1;
          c->p = le;
        }
      else if (w >= 5)
        {
          content = mcol + 1;
          c->p = m + 1;
        }
      else
        {
          content = mcol + w;
          c->p = r;
        }
      c->col = content;
      md->floor = m;
      md->stack[md->depth++] = (Container) { CONT_ITEM, content };
      /* A GFM task list marker "[ ]" / "[x]" is not prose. */
      guint32 p = c->p;
      if (le - p >= 3 && t[p] == '[' && t[p + 2] == ']' && strchr (" xX", t[p + 1]) != NULL &&
          (p + 3 == le || gls_md_is_sp (t[p + 3])))
        {
          c->p += 3;
          c->col += 3;
          md->floor = c->p;
        }
    }
}

/* A paragraph whose last line is a table header and this line (at q) its
 * delimiter row becomes a table: TRUE when it did. */
static gboolean
start_table (Md *md, guint32 q, guint32 le)
{
  const char *t = md->t;
  guint cols = delimiter_row (t, q, le);
  const GlsProseSegment *last = &g_array_index (md->segs, GlsProseSegment, md->segs->len - 1);
  guint32 hl_end = last->src + last->len;
  while (hl_end > last->src && (t[hl_end - 1] == '\n' || t[hl_end - 1] == '\r'))
    hl_end--;
  if (cols == 0 || table_cells (t, last->src, hl_end, NULL) != cols)
    return FALSE;
  guint32 hs = last->src;
  flush_paragraph (md, 0, md->segs->len - 1, GLS_PROSE_TEXT);
  g_array_set_size (md->segs, 0);
  md->seg_total = 0;
  emit_row (md, hs, hl_end);
  md->leaf = LEAF_TABLE;
  return TRUE;
}

/* A block that a line at q (indentation < 4) opens or ends: ATX heading,
 * fence, HTML block, setext underline, thematic break, table delimiter row.
 * TRUE when the line is consumed. */
static gboolean
start_block (Md *md, guint32 q, guint32 le, guint32 next)
{
  const char *t = md->t;
  guint32 level = gls_md_atx_level (t, q, le);
  char ch;
  guint32 flen;

  if (level != 0)
    {
      close_leaf (md);
      emit_heading (md, q, level, le);
      return TRUE;
    }
  if (gls_md_fence_open (t, q, le, &ch, &flen))
    {
      close_leaf (md);
      md->leaf = LEAF_FENCE;
      md->fence_char = ch;
      md->fence_len = flen;
      return TRUE;
    }
  int h = gls_md_html_start (t, q, le);
  if (h != 0 && (h != 7 || md->leaf != LEAF_PARAGRAPH))
    {
      close_leaf (md);
      md->leaf = LEAF_HTML;
      md->html_type = h;
      add_segment (md, q, next);
      guint32 skip = h == 2 ? 4 : h == 3 || h == 4 ? 2 : h == 5 ? 9 : 1;
      if (gls_md_html_ends (h, t, MIN (q + skip, le), le))
        close_leaf (md);
      return TRUE;
    }
  if (md->leaf == LEAF_PARAGRAPH && gls_md_setext_underline (t, q, le))
    {
      flush_paragraph (md, 0, md->segs->len, GLS_PROSE_HEADING);
      md->leaf = LEAF_NONE;
      g_array_set_size (md->segs, 0);
      md->seg_total = 0;
      return TRUE;
    }
  if (gls_md_thematic_break (t, q, le))
    {
      close_leaf (md);
      return TRUE;
    }
  return md->leaf == LEAF_PARAGRAPH && start_table (md, q, le);
}

/* Processes one line [ls, le) (next: the start of the next line): the
 * containers it continues, a lazy paragraph continuation, the open leaf
 * block, new containers, then what the rest of the line starts. */
static void
process_line (Md *md, guint32 ls, guint32 le, guint32 next)
{
  const char *t = md->t;
  Cursor c = { ls, 0 };
  guint32 q, ind;
  md->floor = ls;

  guint matched = match_containers (md, &c, le);
  gboolean blank = gls_md_is_blank (t, c.p, le);
  if (matched < md->depth)
    {
      ind = gls_md_indent_at (t, c.p, le, c.col, &q);
      if (md->leaf == LEAF_PARAGRAPH && !blank && (ind >= 4 || !interrupts_paragraph (t, q, le)))
        {
          add_segment (md, md->floor, next);  /* lazy continuation */
          return;
        }
      close_leaf (md);
      md->depth = matched;
    }
  if (continue_leaf (md, &c, le, next, blank))
    return;
  open_containers (md, &c, le);

  if (gls_md_is_blank (t, c.p, le))
    {
      if (md->leaf == LEAF_PARAGRAPH || md->leaf == LEAF_TABLE)
        close_leaf (md);
      return;
    }
  ind = gls_md_indent_at (t, c.p, le, c.col, &q);
  if (ind >= 4 && md->leaf != LEAF_PARAGRAPH)
    {
      close_leaf (md);
      md->leaf = LEAF_INDENTED;
      return;
    }
  if (ind < 4 && start_block (md, q, le, next))
    return;
  if (md->leaf == LEAF_TABLE)
    {
      emit_row (md, c.p, le);
      return;
    }
  if (md->leaf != LEAF_PARAGRAPH)
    {
      close_leaf (md);
      md->leaf = LEAF_PARAGRAPH;
    }
  add_segment (md, md->floor, next);
}

/* Does the line at ls (not blank, prev_blank: the line before was blank) end
 * everything open before it? See the header. */
static gboolean
is_checkpoint (Md *md, guint32 ls, guint32 le, gboolean prev_blank)
{
  const char *t = md->t;
  if (ls >= le || gls_md_is_sp (t[ls]) || gls_md_is_blank (t, ls, le))
    return FALSE;
  if (md->depth == 0 && (md->leaf == LEAF_FENCE || md->leaf == LEAF_HTML))
    return FALSE;
  if (prev_blank)
    return TRUE;
  char ch;
  guint32 n;
  if (gls_md_atx_level (t, ls, le) || gls_md_fence_open (t, ls, le, &ch, &n))
    return TRUE;
  if ((t[ls] == '*' || t[ls] == '_') && gls_md_thematic_break (t, ls, le))
    return TRUE;
  /* A bullet item with content interrupts any paragraph and closes every
   * container (ordered ones other than "1." may continue a paragraph). */
  if ((t[ls] == '-' || t[ls] == '+' || t[ls] == '*') && ls + 1 < le && gls_md_is_sp (t[ls + 1]) &&
      !gls_md_is_blank (t, ls + 2, le) && !gls_md_thematic_break (t, ls, le))
    return TRUE;
  int h = gls_md_html_start (t, ls, le);
  return h >= 1 && h <= 6;
}

/* The offset after YAML/TOML front matter at the start of text, or 0. */
static guint32
front_matter_end (const char *t, guint32 len)
{
  guint32 p = 0;
  if (len >= 3 && memcmp (t, "\xEF\xBB\xBF", 3) == 0)
    p = 3;
  const char *marker = NULL;
  if (len - p >= 3 && memcmp (t + p, "---", 3) == 0)
    marker = "---";
  else if (len - p >= 3 && memcmp (t + p, "+++", 3) == 0)
    marker = "+++";
  guint32 next;
  guint32 le = gls_md_line_end (t, p, len, &next);
  if (marker == NULL || !gls_md_is_blank (t, p + 3, le))
    return 0;
  for (p = next; p < len && p < FRONT_MATTER_MAX;)
    {
      le = gls_md_line_end (t, p, len, &next);
      if (le >= FRONT_MATTER_MAX)
        return 0;
      if (le - p >= 3 && (memcmp (t + p, marker, 3) == 0 ||
                          (marker[0] == '-' && memcmp (t + p, "...", 3) == 0)) &&
          gls_md_is_blank (t, p + 3, le))
        return next;
      p = next;
    }
  return 0;
}

static gboolean
in_sorted (const GArray *a, guint32 v)
{
  guint lo = 0, hi = a->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      guint32 x = g_array_index (a, guint32, mid);
      if (x == v)
        return TRUE;
      if (x < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

guint32
gls_prose_markdown_scan (const char *text, guint32 len, guint32 from,
                         const GArray *old_checkpoints, gint64 delta, guint32 stop_after,
                         GArray *spans, GArray *checkpoints, GCancellable *cancellable)
{
  Md md = { .t = text, .len = len, .spans = spans };
  md.segs = g_array_new (FALSE, FALSE, sizeof (GlsProseSegment));
  md.tmp = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  md.buf = g_string_new (NULL);
  guint32 result = len;

  g_array_append_val (checkpoints, from);
  guint32 pos = from;
  if (from == 0)
    pos = front_matter_end (text, len);
  gboolean prev_blank = TRUE;
  guint lines = 0;
  while (pos < len)
    {
      if ((++lines & 0xfff) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          result = G_MAXUINT32;
          break;
        }
      guint32 next;
      guint32 le = gls_md_line_end (text, pos, len, &next);
      if (pos != from && is_checkpoint (&md, pos, le, prev_blank))
        {
          if (old_checkpoints != NULL && pos >= stop_after && (gint64) pos - delta >= 0 &&
              in_sorted (old_checkpoints, (guint32) ((gint64) pos - delta)))
            {
              result = pos;
              break;
            }
          g_array_append_val (checkpoints, pos);
        }
      prev_blank = gls_md_is_blank (text, pos, le);
      process_line (&md, pos, le, next);
      pos = next;
    }
  if (result != G_MAXUINT32)
    close_leaf (&md);
  g_array_unref (md.segs);
  g_array_unref (md.tmp);
  g_string_free (md.buf, TRUE);
  return result;
}

guint32
gls_prose_markdown_restart (const char *t, guint32 len, const GArray *checkpoints, guint32 start)
{
  guint32 p = len >= 3 && memcmp (t, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  if (start <= FRONT_MATTER_MAX + 3 && len - p >= 3 &&
      (memcmp (t + p, "---", 3) == 0 || memcmp (t + p, "+++", 3) == 0))
    return 0;
  /* The last checkpoint before start ... */
  guint lo = 0, hi = checkpoints->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (checkpoints, guint32, mid) < start)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* ... whose line (which decides that it is one) the edit leaves intact. */
  while (lo > 0)
    {
      guint32 cp = g_array_index (checkpoints, guint32, lo - 1);
      guint32 e = cp;
      while (e < start && t[e] != '\n' && t[e] != '\r')
        e++;
      if (e < start)
        return cp;
      lo--;
    }
  return 0;
}
