/* prose_inline.c — see prose_inline.h. */
#define _GNU_SOURCE /* memmem */
#include "text/prose_inline.h"

#include "text/prose_emit.h"

#include <string.h>

/* Failed searches for closing backtick runs are remembered per run length up
 * to this; longer runs are rare enough to rescan. */
#define CODE_CACHE 32
#define NONE G_MAXUINT32

typedef struct
{
  guint32  pos;       /* offset of '[' (or '!' of "![") */
  guint    out_index; /* spans appended after the opener are its text */
  gboolean image;
  gboolean active;    /* a link may not contain a link: inner ones deactivate */
} Bracket;

typedef struct
{
  const char   *b;
  guint32       n;
  GArray       *out;
  GlsProseKind  base;
  guint32       seg;                     /* start of the pending prose run */
  GArray       *brackets;
  guint32       code_fail[CODE_CACHE];   /* no closing run of length k after */
  guint32       math_fail;               /* no inline-math closer after */
  gboolean      display_math_fail;
  gboolean      comment_fail;
} Scan;

static inline gboolean
is_ws (guchar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline gboolean
is_punct (guchar c)
{
  return c < 0x80 && g_ascii_ispunct (c);
}

static inline guchar
at (const Scan *s, guint32 i)
{
  return i < s->n ? (guchar) s->b[i] : '\0';
}

/* Ends the pending prose run at a and resumes it at b. */
static void
cut (Scan *s, guint32 a, guint32 b)
{
  if (a > s->seg)
    gls_prose_emit (s->out, s->b, s->seg, a, s->base);
  if (b > s->seg)
    s->seg = b;
}

static const char *
find (const char *hay, guint32 from, guint32 n, const char *needle)
{
  gsize k = strlen (needle);
  if (from >= n)
    return NULL;
  return memmem (hay + from, n - from, needle, k);
}

static gboolean
has_prefix_ci (const char *b, guint32 i, guint32 n, const char *prefix)
{
  gsize k = strlen (prefix);
  return n - i >= k && g_ascii_strncasecmp (b + i, prefix, k) == 0;
}

/* ---- code spans ------------------------------------------------------- */

static guint32
run_length (const char *b, guint32 i, guint32 n, char c)
{
  guint32 j = i;
  while (j < n && b[j] == c)
    j++;
  return j - i;
}

/* The end of the code span opened by the backtick run at i, or 0. */
static guint32
code_span_end (Scan *s, guint32 i, guint32 run)
{
  guint32 slot = run < CODE_CACHE ? run : 0;
  if (slot != 0 && s->code_fail[slot] != NONE && i >= s->code_fail[slot])
    return 0;
  guint32 q = i + run;
  while (q < s->n)
    {
      const char *p = memchr (s->b + q, '`', s->n - q);
      if (p == NULL)
        break;
      q = (guint32) (p - s->b);
      guint32 m = run_length (s->b, q, s->n, '`');
      if (m == run)
        return q + m;
      q += m;
    }
  if (slot != 0)
    s->code_fail[slot] = i;
  return 0;
}

/* ---- HTML -------------------------------------------------------------- */

static guint32
skip_ws (const char *b, guint32 i, guint32 n)
{
  while (i < n && is_ws ((guchar) b[i]))
    i++;
  return i;
}

guint32
gls_prose_html_tag_end (const char *b, guint32 n, guint32 i)
{
  if (i >= n || b[i] != '<')
    return 0;
  i++;
  gboolean closing = i < n && b[i] == '/';
  if (closing)
    i++;
  if (i >= n || !g_ascii_isalpha (b[i]))
    return 0;
  while (i < n && (g_ascii_isalnum (b[i]) || b[i] == '-'))
    i++;
  if (closing)
    {
      i = skip_ws (b, i, n);
      return i < n && b[i] == '>' ? i + 1 : 0;
    }
  for (;;)
    {
      guint32 w = skip_ws (b, i, n);
      if (w >= n)
        return 0;
      if (b[w] == '>')
        return w + 1;
      if (b[w] == '/')
        return w + 1 < n && b[w + 1] == '>' ? w + 2 : 0;
      /* An attribute needs white space before it. */
      if (w == i || !(g_ascii_isalpha (b[w]) || b[w] == '_' || b[w] == ':'))
        return 0;
      i = w;
      while (i < n && (g_ascii_isalnum (b[i]) || strchr ("_.:-", b[i]) != NULL))
        i++;
      w = skip_ws (b, i, n);
      if (w < n && b[w] == '=')
        {
          i = skip_ws (b, w + 1, n);
          if (i >= n)
            return 0;
          if (b[i] == '"' || b[i] == '\'')
            {
              const char *q = memchr (b + i + 1, b[i], n - i - 1);
              if (q == NULL)
                return 0;
              i = (guint32) (q - b) + 1;
            }
          else
            {
              guint32 v = i;
              while (i < n && !is_ws ((guchar) b[i]) && strchr ("\"'=<>`", b[i]) == NULL)
                i++;
              if (i == v)
                return 0;
            }
        }
    }
}

/* The end of an autolink <scheme:...> or <user@host> at i, or 0. */
static guint32
autolink_end (const char *b, guint32 i, guint32 n)
{
  guint32 limit = MIN (n, i + 1 + 4096);
  guint32 j = i + 1;
  if (j < limit && g_ascii_isalpha (b[j]))
    {
      guint32 k = j;
      while (k < limit && (g_ascii_isalnum (b[k]) || strchr ("+.-", b[k]) != NULL))
        k++;
      if (k < limit && b[k] == ':' && k - j >= 2 && k - j <= 32)
        {
          for (k++; k < limit && (guchar) b[k] > ' ' && b[k] != '<'; k++)
            if (b[k] == '>')
              return k + 1;
          return 0;
        }
    }
  while (j < limit && (g_ascii_isalnum (b[j]) || strchr (".!#$%&'*+/=?^_`{|}~-", b[j]) != NULL))
    j++;
  if (j == i + 1 || j >= limit || b[j] != '@')
    return 0;
  guint32 d = ++j;
  while (j < limit && (g_ascii_isalnum (b[j]) || b[j] == '.' || b[j] == '-'))
    j++;
  return j > d && j < limit && b[j] == '>' ? j + 1 : 0;
}

/* ---- entities and URLs ------------------------------------------------- */

static guint32
entity_end (const char *b, guint32 i, guint32 n)
{
  guint32 j = i + 1;
  if (j < n && b[j] == '#')
    {
      j++;
      gboolean hex = j < n && (b[j] == 'x' || b[j] == 'X');
      if (hex)
        j++;
      guint32 d = j;
      while (j < n && j - d < 8 && (hex ? g_ascii_isxdigit (b[j]) : g_ascii_isdigit (b[j])))
        j++;
      if (j == d)
        return 0;
    }
  else
    {
      guint32 d = j;
      while (j < n && j - d < 32 && g_ascii_isalnum (b[j]))
        j++;
      if (j == d)
        return 0;
    }
  return j < n && b[j] == ';' ? j + 1 : 0;
}

/* The end of a bare URL (GFM extended autolink) starting at i, or 0. */
static guint32
url_end (const char *b, guint32 i, guint32 n)
{
  guint32 j;
  if (has_prefix_ci (b, i, n, "https://"))
    j = i + 8;
  else if (has_prefix_ci (b, i, n, "http://"))
    j = i + 7;
  else if (has_prefix_ci (b, i, n, "www."))
    j = i + 4;
  else
    return 0;
  guint32 body = j;
  while (j < n && !is_ws ((guchar) b[j]) && b[j] != '<')
    j++;
  /* Trailing punctuation belongs to the sentence, and so does a ')' that has
   * no '(' in the URL. */
  gint64 depth = 0;
  for (guint32 k = i; k < j; k++)
    depth += b[k] == '(' ? 1 : b[k] == ')' ? -1 : 0;
  for (;;)
    {
      if (j > body && strchr ("?!.,:*_~'\";", b[j - 1]) != NULL)
        j--;
      else if (j > body && b[j - 1] == ')' && depth < 0)
        {
          depth++;
          j--;
        }
      else
        break;
    }
  return j > body ? j : 0;
}

/* ---- links ------------------------------------------------------------- */

/* After "](" at i (just past '('): the end of ")" of an inline link, or 0. */
static guint32
inline_link_end (const char *b, guint32 i, guint32 n)
{
  i = skip_ws (b, i, n);
  if (i < n && b[i] == '<')
    {
      guint32 j = i + 1;
      while (j < n && b[j] != '>' && b[j] != '\n' && b[j] != '<')
        j += b[j] == '\\' && j + 1 < n ? 2 : 1;
      if (j >= n || b[j] != '>')
        return 0;
      i = j + 1;
    }
  else
    {
      gint depth = 0;
      while (i < n && (guchar) b[i] > ' ')
        {
          if (b[i] == '\\' && i + 1 < n)
            {
              i += 2;
              continue;
            }
          if (b[i] == '(')
            depth++;
          else if (b[i] == ')' && --depth < 0)
            break;
          i++;
        }
      if (depth > 0)
        return 0;
    }
  guint32 w = skip_ws (b, i, n);
  if (w > i && w < n && (b[w] == '"' || b[w] == '\'' || b[w] == '('))
    {
      char close = b[w] == '(' ? ')' : b[w];
      guint32 j = w + 1;
      while (j < n && b[j] != close)
        j += b[j] == '\\' && j + 1 < n ? 2 : 1;
      if (j >= n)
        return 0;
      w = skip_ws (b, j + 1, n);
    }
  return w < n && b[w] == ')' ? w + 1 : 0;
}

/* At '[' of a link label: the offset after its ']', or 0. */
static guint32
label_end (const char *b, guint32 i, guint32 n)
{
  guint32 j = i + 1;
  guint32 limit = MIN (n, i + 1 + 999);
  while (j < limit && b[j] != ']')
    {
      if (b[j] == '[')
        return 0;
      j += b[j] == '\\' && j + 1 < n ? 2 : 1;
    }
  return j < limit && b[j] == ']' ? j + 1 : 0;
}

guint32
gls_prose_link_ref_def_end (const char *b, guint32 n, guint32 i)
{
  if (i >= n || b[i] != '[')
    return 0;
  guint32 j = label_end (b, i, n);
  if (j == 0 || j == i + 2 || j >= n || b[j] != ':')
    return 0;
  /* Destination, possibly on the next line. */
  j = skip_ws (b, j + 1, n);
  guint32 d = j;
  if (j < n && b[j] == '<')
    {
      while (j < n && b[j] != '>' && b[j] != '\n')
        j++;
      if (j >= n || b[j] != '>')
        return 0;
      j++;
    }
  else
    while (j < n && (guchar) b[j] > ' ')
      j++;
  if (j == d)
    return 0;
  /* Ends after the destination's line, unless a title follows. */
  gboolean found = FALSE;
  guint32 line_end = j;
  guint32 k = j;
  while (k < n && (b[k] == ' ' || b[k] == '\t'))
    k++;
  if (k >= n || b[k] == '\n' || b[k] == '\r')
    {
      found = TRUE;
      line_end = k;
    }
  guint32 w = skip_ws (b, j, n);
  if (w > j && w < n && (b[w] == '"' || b[w] == '\'' || b[w] == '('))
    {
      char close = b[w] == '(' ? ')' : b[w];
      guint32 t = w + 1;
      while (t < n && b[t] != close)
        t += b[t] == '\\' && t + 1 < n ? 2 : 1;
      if (t < n)
        {
          t++;
          while (t < n && (b[t] == ' ' || b[t] == '\t'))
            t++;
          if (t >= n || b[t] == '\n' || b[t] == '\r')
            {
              found = TRUE;
              line_end = t;
            }
        }
    }
  if (!found)
    return 0;
  if (line_end < n && b[line_end] == '\r')
    line_end++;
  if (line_end < n && b[line_end] == '\n')
    line_end++;
  return line_end;
}

/* Handles ']' at i; returns the offset to continue at. */
static guint32
close_bracket (Scan *s, guint32 i)
{
  GArray *st = s->brackets;
  if (st->len == 0)
    return i + 1;
  Bracket *op = &g_array_index (st, Bracket, st->len - 1);
  if (!op->active)
    {
      g_array_set_size (st, st->len - 1);
      return i + 1;
    }
  guint32 end = 0;
  if (i + 1 < s->n && s->b[i + 1] == '(')
    end = inline_link_end (s->b, i + 2, s->n);
  else if (i + 1 < s->n && s->b[i + 1] == '[')
    end = label_end (s->b, i + 1, s->n);
  if (end == 0)
    {
      /* A shortcut reference or plain brackets: the text stays base. */
      g_array_set_size (st, st->len - 1);
      cut (s, i, i + 1);
      return i + 1;
    }
  cut (s, i, end);
  for (guint k = op->out_index; k < s->out->len; k++)
    {
      GlsProseSpan *sp = &g_array_index (s->out, GlsProseSpan, k);
      if (sp->kind == s->base)
        sp->kind = GLS_PROSE_LINK_TEXT;
    }
  gboolean image = op->image;
  g_array_set_size (st, st->len - 1);
  if (!image)
    for (guint k = 0; k < st->len; k++)
      if (!g_array_index (st, Bracket, k).image)
        g_array_index (st, Bracket, k).active = FALSE;
  return end;
}

static void
open_bracket (Scan *s, guint32 i, gboolean image)
{
  cut (s, i, i + (image ? 2 : 1));
  Bracket br = { i, s->out->len, image, TRUE };
  g_array_append_val (s->brackets, br);
}

/* ---- the scanner ------------------------------------------------------- */

/* Bytes that may start something other than text. */
static const guchar special[256] = {
  ['\\'] = 1, ['`'] = 1, ['<'] = 1, ['$'] = 1, ['['] = 1, ['!'] = 1, [']'] = 1,
  ['*'] = 1, ['_'] = 1, ['~'] = 1, ['&'] = 1, ['h'] = 1, ['H'] = 1, ['w'] = 1, ['W'] = 1,
};

/* The offset of the first special byte at or after i, or len. Most bytes
 * of prose are plain: four are tested per step (one byte at a time was a
 * tenth of a lint's instructions, BENCHMARKS.md "lint vs grep"). */
static inline guint32
skip_plain (const char *buf, guint32 i, guint32 len)
{
  const guchar *b = (const guchar *) buf;
  while (len - i >= 4 && !(special[b[i]] | special[b[i + 1]] | special[b[i + 2]] | special[b[i + 3]]))
    i += 4;
  while (i < len && !special[b[i]])
    i++;
  return i;
}

/* Returns the offset after the construct at i, or 0 if b[i] is literal. */
static guint32
scan_lt (Scan *s, guint32 i)
{
  const char *b = s->b;
  guint32 n = s->n;
  if (has_prefix_ci (b, i, n, "<!--"))
    {
      if (s->comment_fail)
        return 0;
      const char *e = find (b, i + 4, n, "-->");
      if (e == NULL)
        {
          s->comment_fail = TRUE;
          return 0;
        }
      guint32 end = (guint32) (e - b) + 3;
      cut (s, i, end);
      gls_prose_emit (s->out, b, i + 4, end - 3, GLS_PROSE_HTML_COMMENT);
      return end;
    }
  const char *closer = NULL;
  if (has_prefix_ci (b, i, n, "<?"))
    closer = "?>";
  else if (has_prefix_ci (b, i, n, "<![CDATA["))
    closer = "]]>";
  else if (i + 2 < n && b[i + 1] == '!' && g_ascii_isalpha (b[i + 2]))
    closer = ">";
  if (closer != NULL)
    {
      const char *e = find (b, i + 2, n, closer);
      return e != NULL ? (guint32) (e - b) + (guint32) strlen (closer) : 0;
    }
  guint32 end = autolink_end (b, i, n);
  if (end == 0)
    end = gls_prose_html_tag_end (b, n, i);
  return end;
}

static guint32
scan_dollar (Scan *s, guint32 i)
{
  const char *b = s->b;
  guint32 n = s->n;
  if (at (s, i + 1) == '$')
    {
      if (s->display_math_fail)
        return 0;
      const char *e = find (b, i + 2, n, "$$");
      if (e == NULL)
        {
          s->display_math_fail = TRUE;
          return 0;
        }
      return (guint32) (e - b) + 2;
    }
  guchar next = at (s, i + 1);
  if (next == '\0' || is_ws (next) || (s->math_fail != NONE && i >= s->math_fail))
    return 0;
  for (guint32 q = i + 2; q < n;)
    {
      const char *p = memchr (b + q, '$', n - q);
      if (p == NULL)
        break;
      q = (guint32) (p - b);
      if (!is_ws ((guchar) b[q - 1]) && b[q - 1] != '\\' && !g_ascii_isdigit (at (s, q + 1)))
        return q + 1;
      q++;
    }
  s->math_fail = i;
  return 0;
}

static guint32
scan_delimiter_run (Scan *s, guint32 i)
{
  char c = s->b[i];
  guint32 run = run_length (s->b, i, s->n, c);
  guchar before = i > 0 ? (guchar) s->b[i - 1] : ' ';
  guchar after = i + run < s->n ? (guchar) s->b[i + run] : ' ';
  gboolean left = !is_ws (after) && (!is_punct (after) || is_ws (before) || is_punct (before));
  gboolean right = !is_ws (before) && (!is_punct (before) || is_ws (after) || is_punct (after));
  gboolean delim;
  if (c == '_')
    delim = (left && (!right || is_punct (before))) || (right && (!left || is_punct (after)));
  else if (c == '~')
    delim = run <= 2 && (left || right);
  else
    delim = left || right;
  if (delim)
    cut (s, i, i + run);
  return i + run;
}

void
gls_prose_inline_scan (const char *buf, guint32 len, GlsProseKind base, GArray *out)
{
  Scan s = { .b = buf, .n = len, .out = out, .base = base, .math_fail = NONE };
  for (guint k = 0; k < CODE_CACHE; k++)
    s.code_fail[k] = NONE;
  s.brackets = g_array_new (FALSE, FALSE, sizeof (Bracket));
  guint32 i = 0;
  while (i < len)
    {
      i = skip_plain (buf, i, len);
      if (i >= len)
        break;
      guchar c = (guchar) buf[i];
      guint32 end = 0;
      switch (c)
        {
        case '\\':
          i += i + 1 < len && is_punct ((guchar) buf[i + 1]) ? 2 : 1;
          continue;
        case '`':
          {
            guint32 run = run_length (buf, i, len, '`');
            end = code_span_end (&s, i, run);
            if (end == 0)
              {
                i += run;
                continue;
              }
            break;
          }
        case '<':
          end = scan_lt (&s, i);
          break;
        case '$':
          end = scan_dollar (&s, i);
          break;
        case '[':
          open_bracket (&s, i, FALSE);
          i++;
          continue;
        case '!':
          if (i + 1 < len && buf[i + 1] == '[')
            {
              open_bracket (&s, i, TRUE);
              i += 2;
              continue;
            }
          break;
        case ']':
          i = close_bracket (&s, i);
          continue;
        case '*':
        case '_':
        case '~':
          i = scan_delimiter_run (&s, i);
          continue;
        case '&':
          end = entity_end (buf, i, len);
          break;
        default: /* h, w: a URL starts a word */
          if (i == 0 || !(g_ascii_isalnum (buf[i - 1]) || buf[i - 1] == '/' || buf[i - 1] == '.' ||
                          buf[i - 1] == '@' || buf[i - 1] == '-' || (guchar) buf[i - 1] >= 0x80))
            end = url_end (buf, i, len);
          break;
        }
      if (end > i)
        {
          cut (&s, i, end);
          i = end;
        }
      else
        i++;
    }
  cut (&s, len, len);
  g_array_unref (s.brackets);
}

/* ---- raw HTML blocks --------------------------------------------------- */

/* Elements whose content is not prose. */
static const char *const raw_elements[] = { "script", "style", "pre", "textarea" };

void
gls_prose_html_scan (const char *b, guint32 n, GArray *out)
{
  Scan s = { .b = b, .n = n, .out = out, .base = GLS_PROSE_TEXT, .math_fail = NONE };
  guint32 i = 0;
  while (i < n)
    {
      guchar c = (guchar) b[i];
      guint32 end = 0;
      if (c == '<')
        {
          end = scan_lt (&s, i);
          if (end > i && i + 1 < n && g_ascii_isalpha (b[i + 1]))
            for (guint k = 0; k < G_N_ELEMENTS (raw_elements); k++)
              {
                gsize kl = strlen (raw_elements[k]);
                if (has_prefix_ci (b, i + 1, n, raw_elements[k]) &&
                    !g_ascii_isalnum (at (&s, i + 1 + (guint32) kl)))
                  {
                    g_autofree char *close = g_strconcat ("</", raw_elements[k], NULL);
                    const char *e = NULL;
                    for (guint32 q = end; q < n && e == NULL; q++)
                      if (b[q] == '<' && has_prefix_ci (b, q, n, close))
                        e = b + q;
                    guint32 ce = e != NULL ? gls_prose_html_tag_end (b, n, (guint32) (e - b)) : 0;
                    end = ce != 0 ? ce : n;
                    break;
                  }
              }
        }
      else if (c == '&')
        end = entity_end (b, i, n);
      else if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') &&
               (i == 0 || !g_ascii_isalnum (b[i - 1])))
        end = url_end (b, i, n);
      if (end > i)
        {
          cut (&s, i, end);
          i = end;
        }
      else
        i++;
    }
  cut (&s, n, n);
}
