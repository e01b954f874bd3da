/* prose_comment.c — see prose_comment.h. */
#include "text/prose_comment.h"

#include "text/prose_emit.h"

#include <string.h>

static gboolean
starts (const char *text, guint32 start, guint32 end, const char *s)
{
  gsize k = strlen (s);
  return end - start >= k && memcmp (text + start, s, k) == 0;
}

static gboolean
ends (const char *text, guint32 start, guint32 end, const char *s)
{
  gsize k = strlen (s);
  return end - start >= k && memcmp (text + end - k, s, k) == 0;
}

void
gls_prose_comment_emit_lines (GArray *out, const char *text, guint32 start, guint32 end,
                              gboolean star_decoration, GlsProseKind kind)
{
  guint32 line = start;
  gboolean first = TRUE;
  while (line < end)
    {
      guint32 e = line;
      while (e < end && text[e] != '\n' && text[e] != '\r')
        e++;
      guint32 a = line;
      if (!first && star_decoration)
        {
          while (a < e && (text[a] == ' ' || text[a] == '\t'))
            a++;
          if (a < e && text[a] == '*')
            a++;
        }
      gls_prose_emit (out, text, a, e, kind);
      first = FALSE;
      line = e;
      if (line < end && text[line] == '\r')
        line++;
      if (line < end && text[line] == '\n')
        line++;
    }
}

/* Lua long brackets: "--[" "="* "[" ... "]" "="* "]". */
static gboolean
lua_long_comment (GArray *out, const char *text, guint32 start, guint32 end, GlsProseKind kind)
{
  guint32 i = start + 3;
  guint32 level = 0;
  while (i < end && text[i] == '=')
    {
      i++;
      level++;
    }
  if (i >= end || text[i] != '[')
    return FALSE;
  guint32 body_end = end;
  if (end - (i + 1) >= level + 2 && text[end - 1] == ']' && text[end - 2 - level] == ']')
    body_end = end - 2 - level;
  gls_prose_comment_emit_lines (out, text, i + 1, body_end, FALSE, kind);
  return TRUE;
}

void
gls_prose_comment_emit (GArray *out, const char *text, guint32 start, guint32 end,
                        GlsProseKind kind)
{
  static const struct { const char *open, *close; gboolean star; } blocks[] = {
    { "/*", "*/", TRUE }, { "<!--", "-->", FALSE }, { "{-", "-}", FALSE },
    { "<#", "#>", FALSE }, { "%{", "%}", FALSE },
  };
  if (starts (text, start, end, "--[") && lua_long_comment (out, text, start, end, kind))
    return;
  for (guint k = 0; k < G_N_ELEMENTS (blocks); k++)
    if (starts (text, start, end, blocks[k].open))
      {
        guint32 a = start + (guint32) strlen (blocks[k].open);
        guint32 b = end;
        if (b - a >= strlen (blocks[k].close) && ends (text, a, b, blocks[k].close))
          b -= (guint32) strlen (blocks[k].close);
        if (blocks[k].star)
          {
            /* Extra stars and a "!" after the opener, and stars before the
             * closer, are decoration too. */
            while (a < b && (text[a] == '*' || text[a] == '!'))
              a++;
            while (b > a && text[b - 1] == '*')
              b--;
          }
        gls_prose_comment_emit_lines (out, text, a, b, blocks[k].star, kind);
        return;
      }
  /* A line comment: a run of its marker character, "//!" included. */
  guint32 a = start;
  if (a < end && g_ascii_ispunct (text[a]))
    {
      char m = text[a];
      while (a < end && text[a] == m)
        a++;
      if (m == '/' && a < end && text[a] == '!')
        a++;
    }
  gls_prose_comment_emit_lines (out, text, a, end, FALSE, kind);
}
