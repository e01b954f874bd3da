/* vocab_typos.c — typos' configuration (_typos.toml, typos.toml,
 * .typos.toml, or a pyproject.toml's [tool.typos] tables) as vocabulary
 * (vocab.h).
 *
 * typos reads `extend-words` and `extend-identifiers` tables under
 * `default` or `type.<name>`: `word = "correction"`. A word mapped to itself
 * (compared without case; the value's casing is kept) is always valid: an
 * accepted word. A word mapped to another one is a typo with its fix; mapped
 * to "" it is never valid, with no fix. Both are rejected words.
 *
 * A TOML subset parser, enough for those tables and to skip everything else
 * safely: comments, [table] and [[array]] headers, dotted bare and quoted
 * keys, basic and literal strings (multi-line ones skipped), inline tables
 * (nesting at most GLS_VOCAB_MAX_DEPTH), arrays (skipped, over lines),
 * numbers, booleans and dates (skipped). One pass, linear. A line it cannot
 * read is reported (file:line) and skipped; the scan goes on at the next line.
 */
#include "glossary/vocab.h"

#include <string.h>

#include "glossary/issue.h"

typedef struct
{
  const char *path;
  const char *text;
  gsize       len;
  gsize       at;
  guint32     line;
  GArray     *words;
  GPtrArray  *issues;
  guint       errors;
} Toml;

#define MAX_ERRORS 20

static void
toml_error (Toml *t, const char *what)
{
  if (t->errors++ < MAX_ERRORS)
    g_ptr_array_add (t->issues, gls_issue_new (t->path, t->line, GLS_ISSUE_ERROR,
                                               "typos configuration: %s; line skipped", what));
}

static void
skip_blank (Toml *t)
{
  while (t->at < t->len && (t->text[t->at] == ' ' || t->text[t->at] == '\t' || t->text[t->at] == '\r'))
    t->at++;
}

/* Blank space, comments and line ends (inside arrays and inline tables). */
static void
skip_space_lines (Toml *t)
{
  for (;;)
    {
      skip_blank (t);
      if (t->at < t->len && t->text[t->at] == '#')
        while (t->at < t->len && t->text[t->at] != '\n')
          t->at++;
      if (t->at < t->len && t->text[t->at] == '\n')
        {
          t->line++;
          t->at++;
          continue;
        }
      return;
    }
}

static void
skip_to_line_end (Toml *t)
{
  while (t->at < t->len && t->text[t->at] != '\n')
    t->at++;
}

/* A string at t->at. raw: its contents; literal: raw is its value. */
static gboolean
scan_string (Toml *t, GlsSlice *raw, gboolean *literal)
{
  char q = t->text[t->at];
  g_assert (q == '"' || q == '\'');
  if (t->at + 2 < t->len && t->text[t->at + 1] == q && t->text[t->at + 2] == q)
    {
      /* A multi-line string: never a word; skip to its closing quotes. */
      t->at += 3;
      while (t->at + 2 < t->len && !(t->text[t->at] == q && t->text[t->at + 1] == q && t->text[t->at + 2] == q))
        {
          if (q == '"' && t->text[t->at] == '\\')
            t->at++;
          if (t->at < t->len && t->text[t->at] == '\n')
            t->line++;
          t->at++;
        }
      if (t->at + 2 >= t->len)
        return FALSE;
      t->at += 3;
      *raw = (GlsSlice) { 0, 0 };
      *literal = FALSE;
      return TRUE;
    }
  gsize start = ++t->at;
  *literal = TRUE;
  while (t->at < t->len && t->text[t->at] != q && t->text[t->at] != '\n')
    {
      if (q == '"' && t->text[t->at] == '\\')
        {
          *literal = FALSE;
          t->at++;
          if (t->at >= t->len || t->text[t->at] == '\n')
            break;
        }
      t->at++;
    }
  if (t->at >= t->len || t->text[t->at] != q)
    return FALSE;
  *raw = (GlsSlice) { (guint32) start, (guint32) (t->at - start) };
  t->at++;
  return TRUE;
}

static gboolean
is_bare (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

/* A dotted key; appends "part." for each part to path and leaves the last
 * part's slice in *last (literal: the slice is its value). */
static gboolean
scan_key (Toml *t, GString *path, GlsSlice *last, gboolean *literal)
{
  for (;;)
    {
      skip_blank (t);
      if (t->at >= t->len)
        return FALSE;
      char c = t->text[t->at];
      if (c == '"' || c == '\'')
        {
          if (!scan_string (t, last, literal) || last->len == 0)
            return FALSE;
        }
      else if (is_bare (c))
        {
          gsize start = t->at;
          while (t->at < t->len && is_bare (t->text[t->at]))
            t->at++;
          *last = (GlsSlice) { (guint32) start, (guint32) (t->at - start) };
          *literal = TRUE;
        }
      else
        return FALSE;
      g_string_append_len (path, t->text + last->start, last->len);
      g_string_append_c (path, '.');
      skip_blank (t);
      if (t->at < t->len && t->text[t->at] == '.')
        {
          t->at++;
          continue;
        }
      return TRUE;
    }
}

/* Is path ("a.b.c.word.") a word of a typos word table? Lengths from the
 * GString, not strlen: a quoted key may hold a NUL byte. */
static int
typos_list (const GString *path, gsize word_len)
{
  g_assert (path->len >= word_len + 1);
  gsize n = path->len - word_len - 1;  /* without "word." */
  if (memchr (path->str, '\0', n) != NULL)
    return -1;
  g_autofree char *table = g_strndup (path->str, n);
  const char *p = g_str_has_prefix (table, "tool.typos.") ? table + strlen ("tool.typos.") : table;
  if (g_str_has_prefix (p, "default."))
    p += strlen ("default.");
  else if (g_str_has_prefix (p, "type."))
    {
      p = strchr (p + strlen ("type."), '.');
      if (p == NULL)
        return -1;
      p++;
    }
  else
    return -1;
  if (strcmp (p, "extend-words.") == 0)
    return GLS_VOCAB_TYPOS_WORDS;
  if (strcmp (p, "extend-identifiers.") == 0)
    return GLS_VOCAB_TYPOS_IDENTIFIERS;
  return -1;
}

static void
add_mapping (Toml *t, const GString *path, GlsSlice key, gboolean key_literal, GlsSlice value,
             gboolean value_literal, guint32 line)
{
  int list = typos_list (path, key.len);
  if (list < 0)
    return;
  if (!key_literal || !value_literal || memchr (t->text + key.start, '\0', key.len) != NULL ||
      memchr (t->text + value.start, '\0', value.len) != NULL)
    {
      g_ptr_array_add (t->issues, gls_issue_new (t->path, line, GLS_ISSUE_WARNING,
                                                 "word \"%.*s\" with an escape sequence or a NUL byte skipped",
                                                 (int) MIN (key.len, 80), t->text + key.start));
      return;
    }
  GlsVocabWord w = { key, line, TRUE, value, (GlsVocabList) list };
  if (value.len == key.len && g_ascii_strncasecmp (t->text + key.start, t->text + value.start, key.len) == 0)
    {
      /* Valid as written in the value (typos writes corrections as given). */
      w.text = value;
      w.rejected = FALSE;
      w.preferred = (GlsSlice) { 0, 0 };
    }
  g_array_append_val (t->words, w);
}

static gboolean scan_value (Toml *t, GString *path, GlsSlice key, gboolean key_literal, guint depth);

/* An inline table { k = v, ... } at t->at; path ends with its key. */
static gboolean
scan_inline_table (Toml *t, GString *path, guint depth)
{
  gsize base = path->len;
  t->at++;
  for (;;)
    {
      skip_space_lines (t);
      if (t->at >= t->len)
        return FALSE;
      if (t->text[t->at] == '}')
        {
          t->at++;
          return TRUE;
        }
      GlsSlice key;
      gboolean key_literal;
      g_string_truncate (path, base);
      if (!scan_key (t, path, &key, &key_literal))
        return FALSE;
      skip_blank (t);
      if (t->at >= t->len || t->text[t->at] != '=')
        return FALSE;
      t->at++;
      if (!scan_value (t, path, key, key_literal, depth + 1))
        return FALSE;
      skip_space_lines (t);
      if (t->at < t->len && t->text[t->at] == ',')
        t->at++;
    }
}

/* An array at t->at, skipped (strings and nesting respected). */
static gboolean
skip_array (Toml *t, guint depth)
{
  t->at++;
  for (;;)
    {
      skip_space_lines (t);
      if (t->at >= t->len)
        return FALSE;
      char c = t->text[t->at];
      if (c == ']')
        {
          t->at++;
          return TRUE;
        }
      if (c == ',')
        {
          t->at++;
          continue;
        }
      g_autoptr (GString) ignored = g_string_new (NULL);
      if (!scan_value (t, ignored, (GlsSlice) { 0, 0 }, FALSE, depth + 1))
        return FALSE;
    }
}

static gboolean
scan_value (Toml *t, GString *path, GlsSlice key, gboolean key_literal, guint depth)
{
  skip_blank (t);
  if (t->at >= t->len || depth > GLS_VOCAB_MAX_DEPTH)
    return FALSE;
  char c = t->text[t->at];
  guint32 line = t->line;
  if (c == '"' || c == '\'')
    {
      GlsSlice value;
      gboolean literal;
      if (!scan_string (t, &value, &literal))
        return FALSE;
      if (key.len > 0)
        add_mapping (t, path, key, key_literal, value, literal, line);
      return TRUE;
    }
  if (c == '{')
    return scan_inline_table (t, path, depth);
  if (c == '[')
    return skip_array (t, depth);
  gsize start = t->at;
  while (t->at < t->len && strchr (",]}#\n", t->text[t->at]) == NULL)
    t->at++;
  return t->at > start;
}

gboolean
gls_vocab_read_typos (const char *path, const char *text, gsize len, GArray *words, GPtrArray *issues)
{
  Toml t = { path, text, len, 0, 1, words, issues, 0 };
  g_autoptr (GString) table = g_string_new (NULL);
  g_autoptr (GString) key_path = g_string_new (NULL);

  while (t.at < len)
    {
      skip_space_lines (&t);
      if (t.at >= len)
        break;
      gsize line_start = t.at;
      if (text[t.at] == '[')
        {
          gboolean array = t.at + 1 < len && text[t.at + 1] == '[';
          t.at += array ? 2 : 1;
          GlsSlice last;
          gboolean literal;
          g_string_truncate (table, 0);
          skip_blank (&t);
          if (!scan_key (&t, table, &last, &literal) || t.at >= len || text[t.at] != ']' ||
              (array && (t.at + 1 >= len || text[t.at + 1] != ']')))
            {
              toml_error (&t, "table header not understood");
              g_string_truncate (table, 0);
              g_string_append (table, "?.");  /* its keys belong to no word table */
              skip_to_line_end (&t);
              continue;
            }
          t.at += array ? 2 : 1;
        }
      else
        {
          GlsSlice key;
          gboolean literal;
          g_string_assign (key_path, table->str);
          if (!scan_key (&t, key_path, &key, &literal) || (skip_blank (&t), t.at >= len || text[t.at] != '=') ||
              (t.at++, !scan_value (&t, key_path, key, literal, 0)))
            {
              toml_error (&t, "key = value not understood");
              if (t.at == line_start)
                t.at++;
              skip_to_line_end (&t);
              continue;
            }
        }
      skip_blank (&t);
      if (t.at < len && text[t.at] == '#')
        skip_to_line_end (&t);
      if (t.at < len && text[t.at] != '\n')
        {
          toml_error (&t, "text after the value");
          skip_to_line_end (&t);
        }
    }
  if (t.errors > MAX_ERRORS)
    g_ptr_array_add (issues, gls_issue_new (path, 0, GLS_ISSUE_ERROR, "typos configuration: %u more errors",
                                            t.errors - MAX_ERRORS));
  return TRUE;
}
