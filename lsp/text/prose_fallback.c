/* prose_fallback.c — see prose_fallback.h. */
#include "text/prose_fallback.h"

#include "text/prose_comment.h"
#include "text/prose_emit.h"

#include <string.h>

enum
{
  NESTED       = 1 << 0, /* block comments nest (Haskell, Swift, Kotlin, ...) */
  LINE_START   = 1 << 1, /* line comments only as the first non-blank (ini, vim) */
  SPACE_BEFORE = 1 << 2, /* line comments only after white space (yaml, perl) */
  TEX_ESCAPE   = 1 << 3, /* a backslash escapes the next byte anywhere (\%) */
};

struct _GlsCommentSyntax
{
  const char *id;
  const char *name;
  const char *line[2];
  const char *open;
  const char *close;
  const char *quotes;
  guint       flags;
};

#define C_LIKE(id) { id, "fallback:// /* */", { "//" }, "/*", "*/", "\"'", 0 }
#define C_NESTED(id) { id, "fallback:// /* */", { "//" }, "/*", "*/", "\"'", NESTED }
#define HASH(id, q, f) { id, "fallback:#", { "#" }, NULL, NULL, q, f }
#define SEMI(id) { id, "fallback:;", { ";" }, NULL, NULL, "\"", 0 }
#define MARKUP(id) { id, "fallback:<!-- -->", { NULL }, "<!--", "-->", "", 0 }

static const GlsCommentSyntax syntaxes[] = {
  HASH ("ruby", "\"'", 0),
  HASH ("perl", "\"'", SPACE_BEFORE),
  HASH ("r", "\"'", 0),
  HASH ("yaml", "\"'", SPACE_BEFORE),
  HASH ("toml", "\"'", 0),
  HASH ("makefile", "\"'", 0),
  HASH ("dockerfile", "", LINE_START),
  HASH ("julia", "\"", 0),
  HASH ("elixir", "\"'", 0),
  HASH ("nim", "\"", 0),
  HASH ("cmake", "\"", 0),
  HASH ("properties", "", LINE_START),
  { "ini", "fallback:# ;", { "#", ";" }, NULL, NULL, "", LINE_START },
  { "powershell", "fallback:# <# #>", { "#" }, "<#", "#>", "\"'", 0 },
  { "sql", "fallback:-- /* */", { "--" }, "/*", "*/", "\"'", 0 },
  { "haskell", "fallback:-- {- -}", { "--" }, "{-", "-}", "\"", NESTED },
  { "elm", "fallback:-- {- -}", { "--" }, "{-", "-}", "\"", NESTED },
  { "ada", "fallback:--", { "--" }, NULL, NULL, "\"", 0 },
  C_LIKE ("csharp"),
  C_NESTED ("kotlin"),
  C_NESTED ("swift"),
  C_NESTED ("scala"),
  C_NESTED ("dart"),
  C_LIKE ("groovy"),
  C_LIKE ("objective-c"),
  C_LIKE ("objective-cpp"),
  C_LIKE ("scss"),
  C_LIKE ("less"),
  C_LIKE ("jsonc"),
  C_LIKE ("fsharp"),
  C_LIKE ("proto3"),
  C_LIKE ("glsl"),
  C_LIKE ("hlsl"),
  { "php", "fallback:// # /* */", { "//", "#" }, "/*", "*/", "\"'", 0 },
  { "css", "fallback:/* */", { NULL }, "/*", "*/", "\"'", 0 },
  { "zig", "fallback://", { "//" }, NULL, NULL, "\"'", 0 },
  { "json", "fallback:", { NULL }, NULL, NULL, "\"", 0 },
  MARKUP ("html"),
  MARKUP ("xml"),
  MARKUP ("xsl"),
  MARKUP ("svg"),
  MARKUP ("vue-html"),
  { "latex", "fallback:%", { "%" }, NULL, NULL, "", TEX_ESCAPE },
  { "tex", "fallback:%", { "%" }, NULL, NULL, "", TEX_ESCAPE },
  { "bibtex", "fallback:%", { "%" }, NULL, NULL, "", TEX_ESCAPE },
  { "erlang", "fallback:%", { "%" }, NULL, NULL, "\"", 0 },
  { "matlab", "fallback:% %{ %}", { "%" }, "%{", "%}", "\"", 0 },
  { "vim", "fallback:\"", { "\"" }, NULL, NULL, "'\"", LINE_START },
  SEMI ("lisp"),
  SEMI ("clojure"),
  SEMI ("scheme"),
  SEMI ("racket"),
};

const GlsCommentSyntax *
gls_prose_fallback_syntax (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (syntaxes); i++)
    if (strcmp (syntaxes[i].id, id) == 0)
      return &syntaxes[i];
  return NULL;
}

const char *
gls_prose_fallback_name (const GlsCommentSyntax *s)
{
  return s->name;
}

static gboolean
at (const char *t, guint32 i, guint32 len, const char *s)
{
  gsize k = s != NULL ? strlen (s) : 0;
  return k > 0 && len - i >= k && memcmp (t + i, s, k) == 0;
}

/* The block comment opening at i (s->open): emits it and returns the offset
 * after it (the end of the text when it is never closed). */
static guint32
block_comment (const GlsCommentSyntax *s, const char *t, guint32 i, guint32 len, GArray *out)
{
  guint32 depth = 1;
  guint32 j = i + (guint32) strlen (s->open);
  guint32 body = j;
  guint32 close_len = (guint32) strlen (s->close);
  while (j < len)
    {
      if (at (t, j, len, s->close))
        {
          if (--depth == 0)
            break;
          j += close_len;
        }
      else if ((s->flags & NESTED) && at (t, j, len, s->open))
        {
          depth++;
          j += (guint32) strlen (s->open);
        }
      else
        j++;
    }
  guint32 end = MIN (len, j + close_len);
  /* Let prose_comment strip the markers and the "*" decoration. */
  if (j < len)
    gls_prose_comment_emit (out, t, i, end, GLS_PROSE_COMMENT);
  else
    gls_prose_comment_emit_lines (out, t, body, len, strcmp (s->open, "/*") == 0, GLS_PROSE_COMMENT);
  return end;
}

/* Does a line comment start at i, under the syntax's LINE_START and
 * SPACE_BEFORE rules? */
static gboolean
line_comment_at (const GlsCommentSyntax *s, const char *t, guint32 i, guint32 len, gboolean line_start)
{
  gboolean line_comment = FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (s->line) && !line_comment; k++)
    line_comment = at (t, i, len, s->line[k]);
  if (line_comment && (s->flags & LINE_START) && !line_start)
    return FALSE;
  if (line_comment && (s->flags & SPACE_BEFORE) && i > 0 && t[i - 1] != ' ' && t[i - 1] != '\t' &&
      t[i - 1] != '\n' && t[i - 1] != '\r')
    return FALSE;
  return line_comment;
}

/* A string opened by quote c at i: to the same unescaped quote, or to the
 * end of the line. Returns the offset after it. */
static guint32
skip_string (const char *t, guint32 i, guint32 len, guchar c)
{
  guint32 j = i + 1;
  while (j < len && t[j] != (char) c && t[j] != '\n' && t[j] != '\r')
    j += t[j] == '\\' && j + 1 < len && t[j + 1] != '\n' ? 2 : 1;
  return j < len && t[j] == (char) c ? j + 1 : j;
}

void
gls_prose_fallback_scan (const GlsCommentSyntax *s, const char *t, guint32 len, GArray *out)
{
  /* Bytes that can start something: skip everything else fast. */
  guint8 interesting[256] = { 0 };
  interesting['\n'] = interesting['\r'] = 1;
  for (guint k = 0; k < G_N_ELEMENTS (s->line); k++)
    if (s->line[k] != NULL)
      interesting[(guchar) s->line[k][0]] = 1;
  if (s->open != NULL)
    interesting[(guchar) s->open[0]] = 1;
  for (const char *q = s->quotes; *q; q++)
    interesting[(guchar) *q] = 1;
  if (s->flags & TEX_ESCAPE)
    interesting['\\'] = 1;

  gboolean line_start = TRUE; /* only white space so far on this line */
  guint32 i = 0;
  if (len >= 2 && t[0] == '#' && t[1] == '!')
    while (i < len && t[i] != '\n' && t[i] != '\r')
      i++;  /* a shebang line names an interpreter, it is not prose */
  while (i < len)
    {
      guchar c = (guchar) t[i];
      if (!interesting[c])
        {
          if (c != ' ' && c != '\t')
            line_start = FALSE;
          i++;
        }
      else if (c == '\n' || c == '\r')
        {
          line_start = TRUE;
          i++;
        }
      else if (c == '\\' && (s->flags & TEX_ESCAPE))
        {
          line_start = FALSE;
          i += 2;
        }
      else if (at (t, i, len, s->open))
        {
          i = block_comment (s, t, i, len, out);
          line_start = FALSE;
        }
      else if (line_comment_at (s, t, i, len, line_start))
        {
          guint32 e = i;
          while (e < len && t[e] != '\n' && t[e] != '\r')
            e++;
          gls_prose_comment_emit (out, t, i, e, GLS_PROSE_COMMENT);
          i = e;
        }
      else
        {
          line_start = FALSE;
          i = strchr (s->quotes, c) != NULL && c != '\0' ? skip_string (t, i, len, c) : i + 1;
        }
    }
}

void
gls_prose_plaintext_scan (const char *text, guint32 len, GArray *out)
{
  gls_prose_emit_paragraphs (out, text, 0, len, GLS_PROSE_TEXT);
}
