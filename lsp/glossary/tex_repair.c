/* tex_repair.c — see tex_repair.h. */
#include "glossary/tex_repair.h"

#include <stdlib.h>
#include <string.h>

/* How a command may appear without its backslash and still be recognised. */
enum
{
  BARE  = 1 << 0,  /* as a whole word ("gamma", "cdot") */
  ARG   = 1 << 1,  /* only before "{" ("frac{", "text{") */
  DELIM = 1 << 2,  /* only before a delimiter ("left[", "right)") */
  GREEK = 1 << 3,  /* a Greek letter: a two-letter remainder ("au", "ho") is evidence enough */
};

typedef struct
{
  const char *name;
  guint       flags;
} Command;

/* Sorted by strcmp (bsearch). Commands without BARE/ARG/DELIM are known
 * (a control character or a lost first letter may complete them) but a bare
 * word is never taken for them: "in", "to" and "max" are ordinary
 * subscripts, "eta" may be \eta or \beta without its \b. */
static const Command commands[] = {
  { "Delta", BARE | GREEK }, { "Gamma", BARE | GREEK }, { "Lambda", BARE | GREEK },
  { "Leftarrow", BARE }, { "Omega", BARE | GREEK }, { "Phi", BARE | GREEK }, { "Pi", GREEK },
  { "Pr", 0 }, { "Psi", BARE | GREEK }, { "Rightarrow", BARE }, { "Sigma", BARE | GREEK },
  { "Theta", BARE | GREEK }, { "Upsilon", BARE | GREEK }, { "Xi", GREEK },
  { "alpha", BARE | GREEK }, { "approx", BARE }, { "arccos", 0 }, { "arcsin", 0 },
  { "arctan", 0 }, { "arg", 0 }, { "argmax", 0 }, { "argmin", 0 }, { "ast", 0 },
  { "bar", ARG }, { "begin", ARG }, { "beta", BARE | GREEK }, { "big", DELIM }, { "bigl", DELIM },
  { "bigr", DELIM }, { "binom", ARG }, { "boldsymbol", ARG }, { "bot", 0 }, { "bullet", BARE },
  { "cap", 0 }, { "cdot", BARE }, { "cdots", BARE }, { "chi", BARE | GREEK }, { "circ", BARE },
  { "cos", 0 }, { "cosh", 0 }, { "cup", 0 }, { "dagger", BARE }, { "ddot", ARG },
  { "ddots", BARE }, { "deg", 0 }, { "delta", BARE | GREEK }, { "det", 0 }, { "dfrac", ARG },
  { "dim", 0 }, { "div", 0 }, { "dot", ARG }, { "dots", BARE }, { "ell", 0 }, { "emptyset", BARE },
  { "end", ARG }, { "epsilon", BARE | GREEK }, { "equiv", BARE }, { "eta", GREEK },
  { "exists", BARE }, { "exp", 0 }, { "forall", BARE }, { "frac", ARG },
  { "gamma", BARE | GREEK }, { "gcd", 0 }, { "ge", 0 }, { "geq", BARE }, { "hat", ARG },
  { "hbar", BARE }, { "iff", 0 }, { "implies", BARE }, { "in", 0 }, { "inf", 0 },
  { "infty", BARE }, { "int", 0 }, { "iota", BARE | GREEK }, { "kappa", BARE | GREEK },
  { "lambda", BARE | GREEK }, { "langle", BARE }, { "lceil", BARE }, { "ldots", BARE },
  { "le", 0 }, { "left", DELIM }, { "leftarrow", BARE }, { "leftrightarrow", BARE },
  { "leq", BARE }, { "lfloor", BARE }, { "lim", 0 }, { "ln", 0 }, { "log", 0 },
  { "mapsto", BARE }, { "mathbb", ARG }, { "mathbf", ARG }, { "mathcal", ARG },
  { "mathit", ARG }, { "mathrm", ARG }, { "mathsf", ARG }, { "max", 0 }, { "mid", 0 },
  { "min", 0 }, { "mp", 0 }, { "mu", BARE | GREEK }, { "nabla", BARE }, { "neg", 0 },
  { "neq", BARE }, { "newline", 0 }, { "ni", 0 }, { "nonumber", 0 }, { "not", 0 },
  { "notin", BARE }, { "nu", BARE | GREEK }, { "odot", BARE }, { "omega", BARE | GREEK },
  { "operatorname", ARG }, { "oplus", BARE }, { "otimes", BARE }, { "overline", ARG },
  { "partial", BARE }, { "perp", 0 }, { "phi", BARE | GREEK }, { "pi", BARE | GREEK },
  { "pm", 0 }, { "prime", 0 }, { "prod", BARE }, { "propto", BARE }, { "psi", BARE | GREEK },
  { "qquad", BARE }, { "quad", BARE }, { "rangle", BARE }, { "rceil", BARE },
  { "rfloor", BARE }, { "rho", BARE | GREEK }, { "right", DELIM }, { "rightarrow", BARE },
  { "setminus", BARE }, { "sigma", BARE | GREEK }, { "sim", BARE }, { "simeq", BARE },
  { "sin", 0 }, { "sinh", 0 }, { "sqrt", ARG }, { "star", 0 }, { "subset", BARE },
  { "subseteq", BARE }, { "sum", BARE }, { "sup", 0 }, { "supset", BARE }, { "supseteq", BARE },
  { "tan", 0 }, { "tanh", 0 }, { "tau", BARE | GREEK }, { "text", ARG }, { "textbf", ARG },
  { "textit", ARG }, { "textrm", ARG }, { "tfrac", ARG }, { "theta", BARE | GREEK },
  { "tilde", ARG }, { "times", BARE }, { "to", 0 }, { "top", 0 }, { "underline", ARG },
  { "upsilon", BARE | GREEK }, { "varepsilon", BARE | GREEK }, { "varphi", BARE | GREEK },
  { "varrho", BARE | GREEK }, { "vartheta", BARE | GREEK }, { "vdots", BARE }, { "vec", ARG },
  { "vee", 0 }, { "wedge", 0 }, { "widehat", ARG }, { "widetilde", ARG },
  { "xi", BARE | GREEK }, { "zeta", BARE | GREEK },
};

typedef struct
{
  const char *name;
  gsize       len;
} Key;

static int
compare_command (const void *key, const void *element)
{
  const Key *k = key;
  const Command *c = element;
  int r = strncmp (k->name, c->name, k->len);
  if (r != 0)
    return r;
  return c->name[k->len] == '\0' ? 0 : -1;
}

static const Command *
find_command (const char *name, gsize len)
{
  Key key = { name, len };
  if (len == 0)
    return NULL;
  return bsearch (&key, commands, G_N_ELEMENTS (commands), sizeof (Command), compare_command);
}

gboolean
gls_tex_is_known_command (const char *name, gsize len)
{
  return find_command (name, len) != NULL;
}

/* The command letter + word[0..len) spells, or NULL. */
static const Command *
find_with_letter (char letter, const char *word, gsize len)
{
  char buf[32];
  if (len >= sizeof buf - 1)
    return NULL;
  buf[0] = letter;
  memcpy (buf + 1, word, len);
  return find_command (buf, len + 1);
}

static const char escape_letters[] = "tbnrfva";

/* The one escape letter that completes word[0..len) into a known command
 * (see tex_repair.h for when a remainder is evidence), or 0. */
static char
completing_letter (const char *word, gsize len, char next)
{
  char found = 0;
  if (len < 2 || find_command (word, len) != NULL)
    return 0;
  for (const char *l = escape_letters; *l != '\0'; l++)
    {
      const Command *c = find_with_letter (*l, word, len);
      if (c == NULL)
        continue;
      if (len < 3 && !(c->flags & GREEK) && next != '{')
        continue;
      if (found != 0)
        return 0;  /* two completions: no evidence */
      found = *l;
    }
  return found;
}

static char
control_letter (char c)
{
  switch (c)
    {
    case '\t': return 't';
    case '\b': return 'b';
    case '\f': return 'f';
    case '\v': return 'v';
    case '\a': return 'a';
    case '\r': return 'r';
    default: return 0;
    }
}

static gboolean
bare_word_is_command (const char *word, gsize len, char next)
{
  const Command *c = find_command (word, len);
  if (c == NULL)
    return FALSE;
  if (c->flags & BARE)
    return !g_ascii_isalpha (next);
  if (c->flags & ARG)
    return next == '{';
  if (c->flags & DELIM)
    return next != '\0' && strchr ("([|.<>)]\\", next) != NULL;
  return FALSE;
}

/* Repairs one math span m[0..n) into out. */
static void
repair_math (const char *m, gsize n, GString *out)
{
  for (gsize i = 0; i < n;)
    {
      char c = m[i];
      if (c == '\\')
        {
          /* An intact command or escape: copied whole. */
          gsize j = i + 1;
          while (j < n && g_ascii_isalpha (m[j]))
            j++;
          if (j == i + 1 && j < n)
            j++;
          g_string_append_len (out, m + i, (gssize) (j - i));
          i = j;
          continue;
        }
      if (control_letter (c) != 0 && i + 1 < n && g_ascii_isalpha (m[i + 1]))
        {
          gsize j = i + 1;
          while (j < n && g_ascii_isalpha (m[j]))
            j++;
          if (find_with_letter (control_letter (c), m + i + 1, j - i - 1) != NULL)
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, control_letter (c));
              g_string_append_len (out, m + i + 1, (gssize) (j - i - 1));
              i = j;
              continue;
            }
        }
      if (g_ascii_isalpha (c) && (i == 0 || !g_ascii_isalpha (m[i - 1])))
        {
          gsize j = i;
          while (j < n && g_ascii_isalpha (m[j]))
            j++;
          char next = j < n ? m[j] : '\0';
          char letter;
          if (bare_word_is_command (m + i, j - i, next))
            g_string_append_c (out, '\\');
          else if ((letter = completing_letter (m + i, j - i, next)) != 0)
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, letter);
            }
          g_string_append_len (out, m + i, (gssize) (j - i));
          i = j;
          continue;
        }
      g_string_append_c (out, c);
      i++;
    }
}

/* A fence line: up to 3 spaces, then 3+ backticks or tildes. */
static gboolean
is_fence_line (const char *line, gsize len)
{
  gsize i = 0;
  while (i < len && i < 3 && line[i] == ' ')
    i++;
  return len - i >= 3 && (line[i] == '`' || line[i] == '~') && line[i + 1] == line[i] &&
         line[i + 2] == line[i];
}

static gboolean
is_display_delimiter (const char *line, gsize len)
{
  gsize i = 0;
  while (i < len && i < 3 && line[i] == ' ')
    i++;
  if (len - i < 2 || line[i] != '$' || line[i + 1] != '$')
    return FALSE;
  for (i += 2; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return FALSE;
  return TRUE;
}

/* Pass 1: a line break that was the "\n" of \nabla or the "\r" of \right,
 * where the text around it is math (a $$ block, or a line with "$", "\(" or
 * "\[" before the break), is joined back: "\" + the letter. */
static GString *
join_broken_commands (const char *text, gsize len)
{
  GString *out = g_string_sized_new (len + 16);
  gboolean fence = FALSE, block = FALSE;
  gsize line = 0;
  gboolean line_math = FALSE;  /* the current line (joins included) has a math opener */

  while (line < len)
    {
      const char *nl = memchr (text + line, '\n', len - line);
      gsize end = nl != NULL ? (gsize) (nl - text) : len;
      const char *l = text + line;
      gsize n = end - line;

      g_string_append_len (out, l, (gssize) n);
      /* Kept up to date line by line: a chain of joins is never rescanned. */
      line_math = line_math || memchr (l, '$', n) != NULL || g_strstr_len (l, (gssize) n, "\\(") != NULL ||
                  g_strstr_len (l, (gssize) n, "\\[") != NULL;
      if (is_fence_line (l, n))
        fence = !fence;
      else if (!fence && is_display_delimiter (l, n))
        block = !block;
      if (nl == NULL)
        break;
      line = end + 1;

      gsize w = line;
      while (w < len && g_ascii_isalpha (text[w]))
        w++;
      char letter = 0;
      gboolean math = block || line_math;
      if (!fence && math && w > line && (n == 0 || l[n - 1] != '\r') &&
          find_command (text + line, w - line) == NULL)
        {
          gboolean with_n = w - line >= 2 && find_with_letter ('n', text + line, w - line) != NULL;
          gboolean with_r = w - line >= 2 && find_with_letter ('r', text + line, w - line) != NULL;
          letter = with_n != with_r ? (with_n ? 'n' : 'r') : 0;
        }
      if (letter != 0)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, letter);
        }
      else
        {
          g_string_append_c (out, '\n');
          line_math = FALSE;
        }
    }
  return out;
}

/* The end of an inline $...$ span opened at text[open] (pandoc's rule: no
 * space before the closer, no digit after it), on the same line; 0 if none.
 * *none_from remembers where a search failed: a later opener on the same
 * line finds no closer either (the closer test looks only at its
 * neighbours), so a line of unclosed "$" costs O(line) in all. */
static gsize
inline_math_end (const char *text, gsize len, gsize open, gsize *none_from)
{
  /* A space may follow the opener: the tab of a damaged "\text" often became one. */
  if (open + 1 >= len || text[open + 1] == '\n' || text[open + 1] == '$' || open + 1 >= *none_from)
    return 0;
  gsize i;
  for (i = open + 1; i < len && text[i] != '\n'; i++)
    {
      if (text[i] == '\\')
        {
          i++;
          continue;
        }
      if (text[i] == '$' && !g_ascii_isspace (text[i - 1]) &&
          !(i + 1 < len && g_ascii_isdigit (text[i + 1])))
        return i;
    }
  *none_from = open + 1;
  return 0;
}

/* Searches for closers, remembering where a search failed: a later search
 * from further on fails too, so unclosed openers cost O(len) in all, not
 * O(len) each. */
typedef struct
{
  const char *close;
  gsize       none_from;
} Closer;

#define N_CLOSERS 8

typedef struct
{
  Closer closers[N_CLOSERS];
  guint  n;
} CloserCache;

/* The index of the first close at or after from, or 0. */
static gsize
delimited_end (CloserCache *cache, const char *text, gsize len, gsize from, const char *close)
{
  Closer *c = NULL;
  for (guint i = 0; i < cache->n && c == NULL; i++)
    if (strcmp (cache->closers[i].close, close) == 0)
      c = &cache->closers[i];
  if (c == NULL && cache->n < N_CLOSERS)
    {
      c = &cache->closers[cache->n++];
      c->close = close;
      c->none_from = G_MAXSIZE;
    }
  if (c != NULL && from >= c->none_from)
    return 0;
  const char *p = g_strstr_len (text + from, (gssize) (len - from), close);
  if (p == NULL && c != NULL)
    c->none_from = from;
  return p != NULL ? (gsize) (p - text) : 0;
}

/* Pass 2: every math span repaired; code (fences, inline code) and prose
 * copied as they are. */
static void
repair_spans (const char *text, gsize len, GString *out)
{
  gboolean fence = FALSE;
  gboolean line_start = TRUE;
  CloserCache cache = { 0 };
  gsize dollar_none_from = G_MAXSIZE;  /* reset at each line start */
  /* Backtick runs longer than this are searched without the cache. */
  static const char *const ticks[] = { "`", "``", "```", "````", "`````" };

  for (gsize i = 0; i < len;)
    {
      if (line_start)
        {
          const char *nl = memchr (text + i, '\n', len - i);
          gsize n = (nl != NULL ? (gsize) (nl - text) : len) - i;
          if (is_fence_line (text + i, n) || fence)
            {
              if (is_fence_line (text + i, n))
                fence = !fence;
              g_string_append_len (out, text + i, (gssize) (n + (nl != NULL)));
              i += n + (nl != NULL);
              continue;
            }
        }
      char c = text[i];
      line_start = c == '\n';
      if (line_start)
        dollar_none_from = G_MAXSIZE;
      if (c == '`')
        {
          /* An inline code span: the same run of backticks closes it. */
          gsize run = 0;
          while (i + run < len && text[i + run] == '`')
            run++;
          gsize close;
          if (run <= G_N_ELEMENTS (ticks))
            close = delimited_end (&cache, text, len, i + run, ticks[run - 1]);
          else
            {
              g_autofree char *long_run = g_strndup (text + i, run);
              CloserCache once = { 0 };
              close = delimited_end (&once, text, len, i + run, long_run);
            }
          gsize stop = close > 0 ? close + run : i + run;
          g_string_append_len (out, text + i, (gssize) (stop - i));
          line_start = text[stop - 1] == '\n';
          i = stop;
          continue;
        }
      const char *opener = NULL, *closer = NULL;
      if (c == '$' && i + 1 < len && text[i + 1] == '$')
        opener = "$$", closer = "$$";
      else if (c == '\\' && i + 1 < len && (text[i + 1] == '(' || text[i + 1] == '['))
        opener = text[i + 1] == '(' ? "\\(" : "\\[", closer = text[i + 1] == '(' ? "\\)" : "\\]";
      else if (c == '\\')
        {
          g_string_append_len (out, text + i, i + 1 < len ? 2 : 1);
          i += i + 1 < len ? 2 : 1;
          continue;
        }
      gsize start = 0, end = 0;
      if (opener != NULL)
        {
          start = i + 2;
          end = delimited_end (&cache, text, len, start, closer);
        }
      else if (c == '$')
        {
          start = i + 1;
          end = inline_math_end (text, len, i, &dollar_none_from);
          closer = "$";
        }
      if (end == 0)
        {
          g_string_append_c (out, c);
          i++;
          continue;
        }
      g_string_append_len (out, text + i, (gssize) (start - i));
      repair_math (text + start, end - start, out);
      g_string_append (out, closer);
      i = end + strlen (closer);
      line_start = FALSE;
    }
}

char *
gls_tex_repair (const char *text, gsize len, gsize *out_len)
{
  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (memchr (text, '$', len) == NULL && g_strstr_len (text, (gssize) len, "\\(") == NULL &&
      g_strstr_len (text, (gssize) len, "\\[") == NULL)
    {
      if (out_len != NULL)
        *out_len = len;
      return g_strndup (text, len);
    }
  g_autoptr (GString) joined = join_broken_commands (text, len);
  GString *out = g_string_sized_new (joined->len + 32);
  repair_spans (joined->str, joined->len, out);
  if (out_len != NULL)
    *out_len = out->len;
  return g_string_free (out, FALSE);
}

char *
gls_glossary_definition_dup (const GlsGlossary *glossary, const GlsEntry *entry, gsize *len)
{
  gsize n;
  const char *body = gls_glossary_slice (glossary, entry, entry->body, &n);
  return gls_tex_repair (body, n, len);
}
