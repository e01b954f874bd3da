/* md_line.c — see md_line.h. */
#define _GNU_SOURCE /* memmem */
#include "text/md_line.h"

#include "text/prose_inline.h"

#include <string.h>

gboolean
gls_md_is_blank (const char *t, guint32 p, guint32 le)
{
  for (; p < le; p++)
    if (!gls_md_is_sp (t[p]) && t[p] != '\f' && t[p] != '\v')
      return FALSE;
  return TRUE;
}

/* Columns of white space at p (starting in column col); *q = first other. */
guint32
gls_md_indent_at (const char *t, guint32 p, guint32 le, guint32 col, guint32 *q)
{
  guint32 c = col;
  while (p < le && gls_md_is_sp (t[p]))
    {
      c = t[p] == '\t' ? (c + 4) & ~3u : c + 1;
      p++;
    }
  *q = p;
  return c - col;
}

void
gls_md_advance_to_col (const char *t, guint32 *p, guint32 *col, guint32 le, guint32 target)
{
  while (*col < target && *p < le && gls_md_is_sp (t[*p]))
    {
      *col = t[*p] == '\t' ? (*col + 4) & ~3u : *col + 1;
      (*p)++;
    }
}

guint32
gls_md_line_end (const char *t, guint32 p, guint32 len, guint32 *next)
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

guint32
gls_md_atx_level (const char *t, guint32 q, guint32 le)
{
  guint32 k = 0;
  while (q + k < le && t[q + k] == '#')
    k++;
  if (k == 0 || k > 6 || (q + k < le && !gls_md_is_sp (t[q + k])))
    return 0;
  return k;
}

gboolean
gls_md_fence_open (const char *t, guint32 q, guint32 le, char *ch, guint32 *n)
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

gboolean
gls_md_thematic_break (const char *t, guint32 q, guint32 le)
{
  if (q >= le || (t[q] != '*' && t[q] != '-' && t[q] != '_'))
    return FALSE;
  guint32 k = 0;
  for (guint32 i = q; i < le; i++)
    if (t[i] == t[q])
      k++;
    else if (!gls_md_is_sp (t[i]))
      return FALSE;
  return k >= 3;
}

gboolean
gls_md_setext_underline (const char *t, guint32 q, guint32 le)
{
  if (q >= le || (t[q] != '=' && t[q] != '-'))
    return FALSE;
  guint32 i = q;
  while (i < le && t[i] == t[q])
    i++;
  return gls_md_is_blank (t, i, le);
}

/* A list marker at q: returns the offset after it (0 if none). */
guint32
gls_md_list_marker (const char *t, guint32 q, guint32 le, gboolean *ordered, guint32 *number)
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
  return m >= le || gls_md_is_sp (t[m]) ? m : 0;
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
int
gls_md_html_start (const char *t, guint32 q, guint32 le)
{
  if (q >= le || t[q] != '<')
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (raw_tags); i++)
    if (prefix_ci (t, q + 1, le, raw_tags[i]))
      {
        guint32 e = q + 1 + (guint32) strlen (raw_tags[i]);
        if (e >= le || gls_md_is_sp (t[e]) || t[e] == '>')
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
  if (e > n && (e >= le || gls_md_is_sp (t[e]) || t[e] == '>' || (t[e] == '/' && e + 1 < le && t[e + 1] == '>')))
    for (guint i = 0; i < G_N_ELEMENTS (block_tags); i++)
      if (strlen (block_tags[i]) == e - n && g_ascii_strncasecmp (t + n, block_tags[i], e - n) == 0)
        return 6;
  guint32 te = gls_prose_html_tag_end (t, le, q);
  if (te != 0 && gls_md_is_blank (t, te, le))
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

gboolean
gls_md_html_ends (int type, const char *t, guint32 p, guint32 le)
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
