/* prose_markdown.c — see prose_markdown.h. */
#define _GNU_SOURCE /* memmem */
#include "text/prose_markdown.h"

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

static inline gboolean
is_sp (char c)
{
  return c == ' ' || c == '\t';
}

static gboolean
is_blank (const char *t, guint32 p, guint32 le)
{
  for (; p < le; p++)
    if (!is_sp (t[p]) && t[p] != '\f' && t[p] != '\v')
      return FALSE;
  return TRUE;
}

/* Columns of white space at p (starting in column col); *q = first other. */
static guint32
indent_at (const char *t, guint32 p, guint32 le, guint32 col, guint32 *q)
{
  guint32 c = col;
  while (p < le && is_sp (t[p]))
    {
      c = t[p] == '\t' ? (c + 4) & ~3u : c + 1;
      p++;
    }
  *q = p;
  return c - col;
}

static void
advance_to_col (const char *t, guint32 *p, guint32 *col, guint32 le, guint32 target)
{
  while (*col < target && *p < le && is_sp (t[*p]))
    {
      *col = t[*p] == '\t' ? (*col + 4) & ~3u : *col + 1;
      (*p)++;
    }
}

static guint32
line_end (const char *t, guint32 p, guint32 len, guint32 *next)
{
  /* memchr, not a byte loop: this runs over every byte of a document. */
  const char *nl = p < len ? memchr (t + p, '\n', len - p) : NULL;
  guint32 lim = nl != NULL ? (guint32) (nl - t) : len;
  const char *cr = lim > p ? memchr (t + p, '\r', lim - p) : NULL;
  guint32 e = cr != NULL ? (guint32) (cr - t) : lim;
  guint32 n = e;
  if (n < len && t[n] == '\r')
    n++;
  if (n < len && t[n] == '\n' && (n == e || t[e] == '\r'))
    n++;
  *next = n;
  return e;
}

/* ---- line classifiers (q = first non-blank, indentation < 4) ------------ */

static guint32
atx_level (const char *t, guint32 q, guint32 le)
{
  guint32 k = 0;
  while (q + k < le && t[q + k] == '#')
    k++;
  if (k == 0 || k > 6 || (q + k < le && !is_sp (t[q + k])))
    return 0;
  return k;
}

static gboolean
fence_open (const char *t, guint32 q, guint32 le, char *ch, guint32 *n)
{
  if (q >= le || (t[q] != '`' && t[q] != '~'))
    return FALSE;
  guint32 k = 0;
  while (q + k < le && t[q + k] == t[q])
    k++;
  if (k < 3)
    return FALSE;
  if (t[q] == '`' && memchr (t + q + k, '`', le - q - k) != NULL)
    return FALSE;
  *ch = t[q];
  *n = k;
  return TRUE;
}

static gboolean
thematic_break (const char *t, guint32 q, guint32 le)
{
  if (q >= le || (t[q] != '*' && t[q] != '-' && t[q] != '_'))
    return FALSE;
  guint32 k = 0;
  for (guint32 i = q; i < le; i++)
    if (t[i] == t[q])
      k++;
    else if (!is_sp (t[i]))
      return FALSE;
  return k >= 3;
}

static gboolean
setext_underline (const char *t, guint32 q, guint32 le)
{
  if (q >= le || (t[q] != '=' && t[q] != '-'))
    return FALSE;
  guint32 i = q;
  while (i < le && t[i] == t[q])
    i++;
  return is_blank (t, i, le);
}

/* A list marker at q: returns the offset after it (0 if none). */
static guint32
list_marker (const char *t, guint32 q, guint32 le, gboolean *ordered, guint32 *number)
{
  guint32 m;
  *ordered = FALSE;
  *number = 0;
  if (q < le && (t[q] == '-' || t[q] == '+' || t[q] == '*'))
    m = q + 1;
  else
    {
      guint32 i = q;
      while (i < le && i - q < 10 && g_ascii_isdigit (t[i]))
        *number = *number * 10 + (guint32) (t[i++] - '0');
      if (i == q || i - q > 9 || i >= le || (t[i] != '.' && t[i] != ')'))
        return 0;
      *ordered = TRUE;
      m = i + 1;
    }
  return m >= le || is_sp (t[m]) ? m : 0;
}

static const char *const block_tags[] = {
  "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center",
  "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
  "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
  "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section",
  "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
};
static const char *const raw_tags[] = { "script", "pre", "style", "textarea" };

static gboolean
prefix_ci (const char *t, guint32 q, guint32 le, const char *s)
{
  gsize k = strlen (s);
  return le - q >= k && g_ascii_strncasecmp (t + q, s, k) == 0;
}

/* The CommonMark HTML block kind (1-7) starting at q, or 0. */
static int
html_start (const char *t, guint32 q, guint32 le)
{
  if (q >= le || t[q] != '<')
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (raw_tags); i++)
    if (prefix_ci (t, q + 1, le, raw_tags[i]))
      {
        guint32 e = q + 1 + (guint32) strlen (raw_tags[i]);
        if (e >= le || is_sp (t[e]) || t[e] == '>')
          return 1;
      }
  if (prefix_ci (t, q, le, "<!--"))
    return 2;
  if (prefix_ci (t, q, le, "<?"))
    return 3;
  if (prefix_ci (t, q, le, "<![CDATA["))
    return 5;
  if (q + 2 < le && t[q + 1] == '!' && g_ascii_isalpha (t[q + 2]))
    return 4;
  guint32 n = q + 1 + (q + 1 < le && t[q + 1] == '/');
  guint32 e = n;
  while (e < le && g_ascii_isalnum (t[e]))
    e++;
  if (e > n && (e >= le || is_sp (t[e]) || t[e] == '>' || (t[e] == '/' && e + 1 < le && t[e + 1] == '>')))
    for (guint i = 0; i < G_N_ELEMENTS (block_tags); i++)
      if (strlen (block_tags[i]) == e - n && g_ascii_strncasecmp (t + n, block_tags[i], e - n) == 0)
        return 6;
  guint32 te = gls_prose_html_tag_end (t, le, q);
  if (te != 0 && is_blank (t, te, le))
    {
      for (guint i = 0; i < G_N_ELEMENTS (raw_tags); i++)
        if (strlen (raw_tags[i]) == e - n && g_ascii_strncasecmp (t + n, raw_tags[i], e - n) == 0)
          return 0;
      return 7;
    }
  return 0;
}

static gboolean
contains_ci (const char *t, guint32 p, guint32 le, const char *s)
{
  gsize k = strlen (s);
  for (; p + k <= le; p++)
    if (g_ascii_strncasecmp (t + p, s, k) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
html_ends (int type, const char *t, guint32 p, guint32 le)
{
  switch (type)
    {
    case 1:
      return contains_ci (t, p, le, "</script>") || contains_ci (t, p, le, "</pre>") ||
             contains_ci (t, p, le, "</style>") || contains_ci (t, p, le, "</textarea>");
    case 2:
      return memmem (t + p, le - p, "-->", 3) != NULL;
    case 3:
      return memmem (t + p, le - p, "?>", 2) != NULL;
    case 4:
      return memchr (t + p, '>', le - p) != NULL;
    case 5:
      return memmem (t + p, le - p, "]]>", 3) != NULL;
    default:
      return FALSE;
    }
}

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
  while (b > a && is_sp (md->t[b - 1]))
    b--;
  /* An optional closing run of '#' preceded by a space (or alone). */
  guint32 c = b;
  while (c > a && md->t[c - 1] == '#')
    c--;
  if (c < b && (c == a || is_sp (md->t[c - 1])))
    b = c;
  emit_line (md, a, b, GLS_PROSE_HEADING);
}

/* Splits a table row into cells; returns the number of cells and, if cells is
 * non-NULL, appends their [start, end) ranges (GlsByteRange). */
static guint
table_cells (const char *t, guint32 a, guint32 b, GArray *cells)
{
  while (a < b && is_sp (t[a]))
    a++;
  while (b > a && is_sp (t[b - 1]))
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
      while (r.start < r.end && is_sp (t[r.start]))
        r.start++;
      while (r.end > r.start && is_sp (t[r.end - 1]))
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
  if (t[q] == '>' || atx_level (t, q, le) || fence_open (t, q, le, &ch, &n) ||
      thematic_break (t, q, le))
    return TRUE;
  int h = html_start (t, q, le);
  if (h >= 1 && h <= 6)
    return TRUE;
  /* Only a paragraph that continues in its own container restricts which
   * list items may interrupt it; a lazy line is interrupted by any. */
  return list_marker (t, q, le, &ordered, &number) != 0;
}

/* Processes one line [ls, le) (next: the start of the next line). */
static void
process_line (Md *md, guint32 ls, guint32 le, guint32 next)
{
  const char *t = md->t;
  guint32 p = ls, col = 0, q, ind;
  guint matched = 0;
  md->floor = ls;

  for (; matched < md->depth; matched++)
    {
      Container *c = &md->stack[matched];
      if (c->type == CONT_QUOTE)
        {
          ind = indent_at (t, p, le, col, &q);
          if (ind >= 4 || q >= le || t[q] != '>')
            break;
          col += ind + 1;
          p = q + 1;
          md->floor = p;
          if (p < le && is_sp (t[p]))
            advance_to_col (t, &p, &col, le, col + 1);
        }
      else if (!is_blank (t, p, le))
        {
          ind = indent_at (t, p, le, col, &q);
          if (col + ind < c->indent)
            break;
          advance_to_col (t, &p, &col, le, c->indent);
        }
    }

  gboolean blank = is_blank (t, p, le);
  if (matched < md->depth)
    {
      ind = indent_at (t, p, le, col, &q);
      if (md->leaf == LEAF_PARAGRAPH && !blank && (ind >= 4 || !interrupts_paragraph (t, q, le)))
        {
          add_segment (md, md->floor, next);  /* lazy continuation */
          return;
        }
      close_leaf (md);
      md->depth = matched;
    }

  switch (md->leaf)
    {
    case LEAF_FENCE:
      ind = indent_at (t, p, le, col, &q);
      if (ind < 4 && q < le && t[q] == md->fence_char)
        {
          guint32 k = 0;
          while (q + k < le && t[q + k] == md->fence_char)
            k++;
          if (k >= md->fence_len && is_blank (t, q + k, le))
            md->leaf = LEAF_NONE;
        }
      return;
    case LEAF_HTML:
      if (md->html_type >= 6 && blank)
        {
          close_leaf (md);
          return;
        }
      add_segment (md, p, next);
      if (html_ends (md->html_type, t, p, le))
        close_leaf (md);
      return;
    case LEAF_INDENTED:
      if (blank || indent_at (t, p, le, col, &q) >= 4)
        return;
      close_leaf (md);
      break;
    default:
      break;
    }

  /* New containers. */
  while (md->depth < MAX_DEPTH)
    {
      ind = indent_at (t, p, le, col, &q);
      if (ind >= 4 || q >= le)
        break;
      if (t[q] == '>')
        {
          close_leaf (md);
          md->stack[md->depth++] = (Container) { CONT_QUOTE, 0 };
          col += ind + 1;
          p = q + 1;
          md->floor = p;
          if (p < le && is_sp (t[p]))
            advance_to_col (t, &p, &col, le, col + 1);
          continue;
        }
      gboolean ordered;
      guint32 number;
      guint32 m = list_marker (t, q, le, &ordered, &number);
      if (m == 0 || thematic_break (t, q, le))
        break;
      gboolean empty = is_blank (t, m, le);
      if (md->leaf == LEAF_PARAGRAPH && (empty || (ordered && number != 1)))
        break;
      close_leaf (md);
      guint32 mcol = col + ind + (m - q);
      guint32 r;
      guint32 w = indent_at (t, m, le, mcol, &r);
      guint32 content;
      if (empty)
        {
          content = mcol + 1;
          p = le;
        }
      else if (w >= 5)
        {
          content = mcol + 1;
          p = m + 1;
        }
      else
        {
          content = mcol + w;
          p = r;
        }
      col = content;
      md->floor = m;
      md->stack[md->depth++] = (Container) { CONT_ITEM, content };
      /* A GFM task list marker "[ ]" / "[x]" is not prose. */
      if (le - p >= 3 && t[p] == '[' && t[p + 2] == ']' && strchr (" xX", t[p + 1]) != NULL &&
          (p + 3 == le || is_sp (t[p + 3])))
        {
          p += 3;
          col += 3;
          md->floor = p;
        }
    }

  if (is_blank (t, p, le))
    {
      if (md->leaf == LEAF_PARAGRAPH || md->leaf == LEAF_TABLE)
        close_leaf (md);
      return;
    }
  ind = indent_at (t, p, le, col, &q);
  if (ind >= 4 && md->leaf != LEAF_PARAGRAPH)
    {
      close_leaf (md);
      md->leaf = LEAF_INDENTED;
      return;
    }
  if (ind < 4)
    {
      guint32 level = atx_level (t, q, le);
      char ch;
      guint32 flen;
      if (level != 0)
        {
          close_leaf (md);
          emit_heading (md, q, level, le);
          return;
        }
      if (fence_open (t, q, le, &ch, &flen))
        {
          close_leaf (md);
          md->leaf = LEAF_FENCE;
          md->fence_char = ch;
          md->fence_len = flen;
          return;
        }
      int h = html_start (t, q, le);
      if (h != 0 && (h != 7 || md->leaf != LEAF_PARAGRAPH))
        {
          close_leaf (md);
          md->leaf = LEAF_HTML;
          md->html_type = h;
          add_segment (md, q, next);
          guint32 skip = h == 2 ? 4 : h == 3 || h == 4 ? 2 : h == 5 ? 9 : 1;
          if (html_ends (h, t, MIN (q + skip, le), le))
            close_leaf (md);
          return;
        }
      if (md->leaf == LEAF_PARAGRAPH && setext_underline (t, q, le))
        {
          flush_paragraph (md, 0, md->segs->len, GLS_PROSE_HEADING);
          md->leaf = LEAF_NONE;
          g_array_set_size (md->segs, 0);
          md->seg_total = 0;
          return;
        }
      if (thematic_break (t, q, le))
        {
          close_leaf (md);
          return;
        }
      if (md->leaf == LEAF_PARAGRAPH)
        {
          guint cols = delimiter_row (t, q, le);
          const GlsProseSegment *last =
            &g_array_index (md->segs, GlsProseSegment, md->segs->len - 1);
          guint32 hl_end = last->src + last->len;
          while (hl_end > last->src && (t[hl_end - 1] == '\n' || t[hl_end - 1] == '\r'))
            hl_end--;
          if (cols != 0 && table_cells (t, last->src, hl_end, NULL) == cols)
            {
              guint32 hs = last->src;
              flush_paragraph (md, 0, md->segs->len - 1, GLS_PROSE_TEXT);
              g_array_set_size (md->segs, 0);
              md->seg_total = 0;
              emit_row (md, hs, hl_end);
              md->leaf = LEAF_TABLE;
              return;
            }
        }
    }
  if (md->leaf == LEAF_TABLE)
    {
      emit_row (md, p, le);
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
  if (ls >= le || is_sp (t[ls]) || is_blank (t, ls, le))
    return FALSE;
  if (md->depth == 0 && (md->leaf == LEAF_FENCE || md->leaf == LEAF_HTML))
    return FALSE;
  if (prev_blank)
    return TRUE;
  char ch;
  guint32 n;
  if (atx_level (t, ls, le) || fence_open (t, ls, le, &ch, &n))
    return TRUE;
  if ((t[ls] == '*' || t[ls] == '_') && thematic_break (t, ls, le))
    return TRUE;
  /* A bullet item with content interrupts any paragraph and closes every
   * container (ordered ones other than "1." may continue a paragraph). */
  if ((t[ls] == '-' || t[ls] == '+' || t[ls] == '*') && ls + 1 < le && is_sp (t[ls + 1]) &&
      !is_blank (t, ls + 2, le) && !thematic_break (t, ls, le))
    return TRUE;
  int h = html_start (t, ls, le);
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
  guint32 le = line_end (t, p, len, &next);
  if (marker == NULL || !is_blank (t, p + 3, le))
    return 0;
  for (p = next; p < len && p < FRONT_MATTER_MAX;)
    {
      le = line_end (t, p, len, &next);
      if (le >= FRONT_MATTER_MAX)
        return 0;
      if (le - p >= 3 && (memcmp (t + p, marker, 3) == 0 ||
                          (marker[0] == '-' && memcmp (t + p, "...", 3) == 0)) &&
          is_blank (t, p + 3, le))
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
      guint32 le = line_end (text, pos, len, &next);
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
      prev_blank = is_blank (text, pos, le);
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
