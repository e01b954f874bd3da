/* vocab_cspell.c — cspell's JSON configuration (cspell.json, .cspell.json,
 * cspell.config.json) as vocabulary (vocab.h).
 *
 * Why a scanner of its own instead of json-glib: cspell.json is JSON with
 * comments (// and block comments) and trailing commas, which json-glib refuses, and
 * json-glib does not say where a value was written, while each word must be a
 * slice of the file with its line. The scanner walks the whole document
 * (nesting at most GLS_VOCAB_MAX_DEPTH, one pass, no allocation but the
 * output) and reads the lists `words`, `ignoreWords`, `flagWords` and
 * `suggestWords` wherever they appear (top level, `overrides[]`,
 * `languageSettings[]`); everything else is skipped. An error stops the
 * scan with file:line; the words read so far are kept.
 */
#include "glossary/vocab.h"

#include <string.h>

#include "glossary/issue.h"

gboolean
gls_vocab_split_suggestion (const char *s, gsize len, guint32 at, GlsSlice *rejected, GlsSlice *preferred)
{
  gsize sep = 0, sep_len = 0;
  for (gsize i = 0; i < len; i++)
    {
      if (i + 1 < len && s[i] == '-' && s[i + 1] == '>')
        sep = i, sep_len = 2;
      else if (s[i] == ':')
        sep = i, sep_len = 1;
      else
        continue;
      break;
    }
  if (sep_len == 0)
    return FALSE;
  gsize a = 0, b = sep;
  while (a < b && g_ascii_isspace (s[a]))
    a++;
  while (b > a && g_ascii_isspace (s[b - 1]))
    b--;
  gsize c = sep + sep_len, d = len;
  while (c < d && g_ascii_isspace (s[c]))
    c++;
  /* "word: first, second": the first suggestion is the fix. */
  for (gsize i = c; i < d; i++)
    if (s[i] == ',')
      {
        d = i;
        break;
      }
  while (d > c && g_ascii_isspace (s[d - 1]))
    d--;
  if (a == b)
    return FALSE;
  *rejected = (GlsSlice) { at + (guint32) a, (guint32) (b - a) };
  *preferred = (GlsSlice) { at + (guint32) c, (guint32) (d - c) };
  return TRUE;
}

typedef struct
{
  const char *path;
  const char *text;
  gsize       len;
  gsize       at;
  guint32     line;
  GArray     *words;
  GPtrArray  *issues;
  gboolean    failed;
} Scan;

static void
scan_fail (Scan *s, const char *what)
{
  if (s->failed)
    return;
  s->failed = TRUE;
  g_ptr_array_add (s->issues, gls_issue_new (s->path, s->line, GLS_ISSUE_ERROR,
                                             "cspell configuration: %s; the words before it are kept", what));
}

/* Skips white space and comments. */
static void
skip_space (Scan *s)
{
  while (s->at < s->len)
    {
      char c = s->text[s->at];
      if (c == '\n')
        s->line++, s->at++;
      else if (c == ' ' || c == '\t' || c == '\r')
        s->at++;
      else if (c == '/' && s->at + 1 < s->len && s->text[s->at + 1] == '/')
        {
          while (s->at < s->len && s->text[s->at] != '\n')
            s->at++;
        }
      else if (c == '/' && s->at + 1 < s->len && s->text[s->at + 1] == '*')
        {
          s->at += 2;
          while (s->at < s->len && !(s->text[s->at] == '*' && s->at + 1 < s->len && s->text[s->at + 1] == '/'))
            s->line += s->text[s->at++] == '\n';
          if (s->at >= s->len)
            return scan_fail (s, "comment not closed");
          s->at += 2;
        }
      else
        return;
    }
}

/* A string at s->at (the opening quote): its raw contents' slice, and
 * whether it holds an escape (then the slice is not its value). */
static gboolean
scan_string (Scan *s, GlsSlice *raw, gboolean *escaped)
{
  g_assert (s->text[s->at] == '"');
  gsize start = ++s->at;
  *escaped = FALSE;
  while (s->at < s->len && s->text[s->at] != '"')
    {
      if (s->text[s->at] == '\n')
        break;
      if (s->text[s->at] == '\\')
        {
          *escaped = TRUE;
          s->at++;
        }
      s->at++;
    }
  if (s->at >= s->len || s->text[s->at] != '"')
    {
      scan_fail (s, "string not closed on its line");
      return FALSE;
    }
  *raw = (GlsSlice) { (guint32) start, (guint32) (s->at - start) };
  s->at++;
  return TRUE;
}

static gboolean scan_value (Scan *s, guint depth, int list);

static void
add_word (Scan *s, GlsSlice raw, gboolean escaped, GlsVocabList list)
{
  const char *w = s->text + raw.start;
  GlsVocabWord word = { raw, s->line, FALSE, { 0, 0 }, list };
  if (escaped || memchr (w, '\0', raw.len) != NULL)
    {
      g_ptr_array_add (s->issues, gls_issue_new (s->path, s->line, GLS_ISSUE_WARNING,
                                                 "word \"%.*s\" with an escape sequence or a NUL byte skipped",
                                                 (int) MIN (raw.len, 80), w));
      return;
    }
  /* "!word" in a cspell word list is a forbidden word, like flagWords. */
  if (list != GLS_VOCAB_CSPELL_SUGGEST_WORDS && raw.len > 1 && w[0] == '!')
    {
      word.text = (GlsSlice) { raw.start + 1, raw.len - 1 };
      list = GLS_VOCAB_CSPELL_FLAG_WORDS;
      word.list = list;
    }
  if (list == GLS_VOCAB_CSPELL_FLAG_WORDS || list == GLS_VOCAB_CSPELL_SUGGEST_WORDS)
    {
      word.rejected = TRUE;
      GlsSlice rejected, preferred;
      if (gls_vocab_split_suggestion (s->text + word.text.start, word.text.len, word.text.start,
                                      &rejected, &preferred))
        word.text = rejected, word.preferred = preferred;
      else if (list == GLS_VOCAB_CSPELL_SUGGEST_WORDS)
        return;  /* a suggestion without its word says nothing */
    }
  gsize a = 0, b = word.text.len;
  const char *t = s->text + word.text.start;
  while (a < b && g_ascii_isspace (t[a]))
    a++;
  while (b > a && g_ascii_isspace (t[b - 1]))
    b--;
  if (a == b)
    return;
  word.text = (GlsSlice) { word.text.start + (guint32) a, (guint32) (b - a) };
  g_array_append_val (s->words, word);
}

/* list: the GlsVocabList the value's strings belong to, or -1. */
static gboolean
scan_container (Scan *s, guint depth, int list)
{
  gboolean object = s->text[s->at] == '{';
  char close = object ? '}' : ']';
  s->at++;
  for (;;)
    {
      skip_space (s);
      if (s->failed)
        return FALSE;
      if (s->at >= s->len)
        {
          scan_fail (s, object ? "object not closed" : "array not closed");
          return FALSE;
        }
      if (s->text[s->at] == close)
        {
          s->at++;
          return TRUE;
        }
      int member_list = -1;
      if (object)
        {
          GlsSlice key;
          gboolean escaped;
          if (s->text[s->at] != '"')
            {
              scan_fail (s, "expected a quoted key");
              return FALSE;
            }
          if (!scan_string (s, &key, &escaped))
            return FALSE;
          static const char *const keys[] = { "words", "ignoreWords", "flagWords", "suggestWords" };
          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            if (!escaped && key.len == strlen (keys[k]) && memcmp (s->text + key.start, keys[k], key.len) == 0)
              member_list = (int) k;  /* the enum's first four, in this order */
          skip_space (s);
          if (s->at >= s->len || s->text[s->at] != ':')
            {
              scan_fail (s, "expected ':' after a key");
              return FALSE;
            }
          s->at++;
        }
      else
        member_list = list;
      if (!scan_value (s, depth + 1, member_list))
        return FALSE;
      skip_space (s);
      if (s->at < s->len && s->text[s->at] == ',')
        s->at++;
      else if (s->at < s->len && s->text[s->at] != close)
        {
          scan_fail (s, "expected ',' or the end of a list");
          return FALSE;
        }
    }
}

static gboolean
scan_value (Scan *s, guint depth, int list)
{
  skip_space (s);
  if (s->failed)
    return FALSE;
  if (s->at >= s->len)
    {
      scan_fail (s, "value missing at the end");
      return FALSE;
    }
  if (depth > GLS_VOCAB_MAX_DEPTH)
    {
      scan_fail (s, "nested too deeply");
      return FALSE;
    }
  char c = s->text[s->at];
  if (c == '{')
    return scan_container (s, depth, -1);
  if (c == '[')
    return scan_container (s, depth, list);
  if (c == '"')
    {
      GlsSlice raw;
      gboolean escaped;
      if (!scan_string (s, &raw, &escaped))
        return FALSE;
      /* Only a string inside a word list's array is a word (depth: the
       * array is one level above it). */
      if (list >= 0)
        add_word (s, raw, escaped, (GlsVocabList) list);
      return TRUE;
    }
  /* Numbers, true, false, null: a run of their characters. */
  gsize start = s->at;
  while (s->at < s->len && (g_ascii_isalnum (s->text[s->at]) || strchr ("+-.", s->text[s->at]) != NULL))
    s->at++;
  if (s->at == start)
    {
      scan_fail (s, "unexpected character");
      return FALSE;
    }
  return TRUE;
}

gboolean
gls_vocab_read_cspell_json (const char *path, const char *text, gsize len, GArray *words, GPtrArray *issues)
{
  Scan s = { path, text, len, 0, 1, words, issues, FALSE };
  skip_space (&s);
  if (s.failed || s.at >= len || text[s.at] != '{')
    {
      if (!s.failed)
        scan_fail (&s, "not a JSON object");
      return FALSE;
    }
  if (scan_container (&s, 0, -1))
    {
      skip_space (&s);
      if (s.at < len && !s.failed)
        scan_fail (&s, "text after the configuration object");
    }
  return TRUE;
}
