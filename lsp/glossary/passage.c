/* passage.c — where a text talks about a term: the passage a "mentioned in"
 * hover shows (glossary.h, gls_passage_find and gls_glossary_find_passage).
 *
 * Of the first PASSAGE_TRIES occurrences of the term's key, the one whose
 * passage explains it best: a bold label leading its line ("**vLLM**: ..."),
 * then prose, then a table row, code last. A passage is the occurrence's
 * line, its sentence when a page export made the line a whole section, with
 * what a heading heads. Also the word-bounded phrase search (passage.h)
 * that roles.c uses. Reads only; O(text) per call.
 */
#define _GNU_SOURCE  /* memmem */
#include "glossary/passage.h"

#include <string.h>

#include "glossary/glossary.h"
#include "glossary/normalize.h"

#define PASSAGE_LINE  400

/* Lines added under a heading-only passage. */
#define PASSAGE_MORE 3
#define PASSAGE_TRIES 64
#define PASSAGE_LABEL 80

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

/* key (key_len bytes) occurs in text at word boundaries: the offset in
 * text, or -1. */
gssize
gls_passage_find_phrase (const char *text, gsize text_len, const char *key, gsize key_len)
{
  if (key_len == 0 || key_len > text_len)
    return -1;
  for (const char *p = text; (gsize) (p - text) + key_len <= text_len;)
    {
      const char *hit = memmem (p, text_len - (gsize) (p - text), key, key_len);
      if (hit == NULL)
        return -1;
      gsize at = (gsize) (hit - text);
      if ((at == 0 || !is_word_byte (text[at - 1])) &&
          (at + key_len == text_len || !is_word_byte (text[at + key_len])))
        return (gssize) at;
      p = hit + 1;
    }
  return -1;
}

/* The line (no line end) is only bold text, maybe with a trailing colon. */
static gboolean
is_heading_line (const char *line, gsize len)
{
  while (len > 0 && strchr (" \t\r:", line[len - 1]) != NULL)
    len--;
  while (len > 0 && (*line == ' ' || *line == '\t'))
    {
      line++;
      len--;
    }
  if (len < 5 || memcmp (line, "**", 2) != 0 || memcmp (line + len - 2, "**", 2) != 0)
    return FALSE;
  return g_strstr_len (line + 2, (gssize) (len - 4), "**") == NULL;
}

/* A piece of a long line may start at i (lo: the line's start). */
static gboolean
starts_piece (const char *text, gsize i, gsize lo)
{
  if (i >= lo + 2 && strchr (".!?", text[i - 2]) != NULL && text[i - 1] == ' ')
    return TRUE;
  if (i >= lo + 2 && text[i - 2] == '-' && text[i - 1] == ' ' && (i == lo + 2 || text[i - 3] == ' '))
    return TRUE;
  if (i >= lo + 3 && memcmp (text + i - 3, "```", 3) == 0)
    return TRUE;
  return i >= lo + 1 && text[i - 1] == ' ' && text[i] == '*' && text[i + 1] == '*';
}

/* A piece that holds hit ends at t (inclusive for ". "; before t for a list
 * item, a bold lead or a fence that begins there). */
static gboolean
ends_piece (const char *text, gsize t, gsize hit, gsize end)
{
  g_assert (t + 1 < end);
  if (strchr (".!?", text[t]) != NULL && text[t + 1] == ' ')
    return TRUE;
  if (t + 2 >= end)
    return FALSE;
  if (text[t] == ' ' && text[t + 1] == '-' && text[t + 2] == ' ')
    return TRUE;
  if (t > hit && text[t] == '`' && text[t + 1] == '`' && text[t + 2] == '`')
    return TRUE;
  return t > hit && text[t] == ' ' && text[t + 1] == '*' && text[t + 2] == '*';
}

/* The passage around an occurrence at hit: its line, or its sentence when
 * the line is long, with what a heading heads. */
static void
passage_at (const char *text, gsize len, gsize hit, gsize *out_start, gsize *out_end)
{
  gsize start = hit, end = hit;
  while (start > 0 && text[start - 1] != '\n')
    start--;
  while (end < len && text[end] != '\n')
    end++;
  if (end - start > PASSAGE_LINE)
    {
      /* The sentence around the hit, in a line that a page export made of
       * a whole section: it also ends at a list item (" - "), a bold lead
       * (" **Step 2:**") and a code fence. */
      gsize s = hit, t = hit;
      while (s > start && !starts_piece (text, s, start))
        s--;
      while (t + 1 < end && !ends_piece (text, t, hit, end))
        t++;
      gsize line_end = end;
      start = s;
      end = t + 1 < end ? t + (text[t] == ' ' || text[t] == '`' ? 0 : 1) : end;
      /* A heading cut out of the line heads the piece after it. */
      if (end < line_end && is_heading_line (text + start, end - start))
        {
          for (t = end + 1; t + 1 < line_end && !ends_piece (text, t, end + 1, line_end); t++)
            ;
          end = t + 1 < line_end ? t + (text[t] == ' ' || text[t] == '`' ? 0 : 1) : line_end;
        }
    }
  /* A bold heading alone ("**Encoder-Only (BERT-style)**") says little:
   * take the lines under it too (sub-headings included) up to a blank line,
   * or the next heading once some text is in. */
  /* (Only a whole line heads the lines under it: a heading cut out of a
   * page export's long line is followed by the rest of that line.) */
  gboolean heading = is_heading_line (text + start, end - start) && (end == len || text[end] == '\n');
  gboolean content = !heading;
  for (guint more = 0; !content && more < PASSAGE_MORE * 2 && end < len; more++)
    {
      gsize next = end + 1, next_end = next;
      while (next_end < len && text[next_end] != '\n')
        next_end++;
      if (next_end - next < 2)
        break;
      end = next_end;
      content = !is_heading_line (text + next, next_end - next);
    }
  for (guint more = 0; heading && content && more < PASSAGE_MORE && end < len; more++)
    {
      gsize next = end + 1, next_end = next;
      while (next_end < len && text[next_end] != '\n')
        next_end++;
      if (next_end - next < 2 || is_heading_line (text + next, next_end - next))
        break;
      end = next_end;
    }
  while (start < end && (text[start] == ' ' || text[start] == '\t'))
    start++;
  while (end > start && strchr (" \t\r", text[end - 1]) != NULL)
    end--;
  /* "Requires:" with its list cut off: end at the sentence before it. */
  if (end > start && text[end - 1] == ':')
    for (gsize i = end - 1; i > hit + 1; i--)
      if (strchr (".!?", text[i - 1]) != NULL && text[i] == ' ')
        {
          end = i;
          break;
        }
  *out_start = start;
  *out_end = end;
}

/* How well the passage [start, end) around hit explains the term: 3 when
 * the term is in the bold label that leads its line ("**vLLM**: ...", a
 * heading that names it), 2 for prose, 1 for a table row, 0 inside a code fence. */
static guint
passage_score (const char *text, gsize len, gsize start, gsize end, gsize hit, gboolean in_fence)
{
  if (in_fence)
    return 0;
  gsize i = start;
  while (i < end && (text[i] == ' ' || text[i] == '-' || text[i] == '#' || text[i] == '>'))
    i++;
  if (i < end && text[i] == '|')
    return 1;
  if (i + 2 <= end && text[i] == '*' && text[i + 1] == '*')
    {
      const char *close = g_strstr_len (text + i + 2, (gssize) (MIN (end, len) - i - 2), "**");
      /* A label ("**vLLM**:", "**Quantization Deep Dive**"), not a whole
       * sentence in bold. */
      if (close != NULL && hit < (gsize) (close - text) && (gsize) (close - text) - i <= PASSAGE_LABEL)
        return 3;
    }
  return 2;
}

/* Skips list markers, quote marks, heading marks and blanks from i. */
static gsize
skip_markers (const char *text, gsize i, gsize end)
{
  while (i < end && strchr (" \t-*>#", text[i]) != NULL && !(text[i] == '*' && i + 1 < end && text[i + 1] == '*'))
    i++;
  while (i < end && g_ascii_isdigit (text[i]))
    i++;
  if (i < end && i > 0 && g_ascii_isdigit (text[i - 1]) && (text[i] == '.' || text[i] == ')'))
    i++;
  while (i < end && (text[i] == ' ' || text[i] == '\t'))
    i++;
  return i;
}

/* Text starts at i: a letter (prose), not code, a table, math or a heading.
 * Labels ("**Precision Levels**:") are looked through on their line; a label
 * alone on its line passes to the next, at most PASSAGE_MORE lines. */
static gboolean
prose_follows (const char *text, gsize i, gsize end)
{
  for (guint lines = 0; lines <= PASSAGE_MORE && i < end; lines++)
    {
      while (i < end && (strchr (" \t:", text[i]) != NULL || (text[i] == '*' && (i + 1 == end || text[i + 1] != '*'))))
        i++;
      /* A dash after a label ("**X** — does Y"). */
      if (i + 3 <= end && (guchar) text[i] == 0xE2 && (guchar) text[i + 1] == 0x80 &&
          ((guchar) text[i + 2] == 0x94 || (guchar) text[i + 2] == 0x93))
        i += 3;
      while (i < end && (text[i] == ' ' || text[i] == '-'))
        i++;
      if (i < end && text[i] != '\n' && text[i] != '\r')
        {
          i = skip_markers (text, i, end);
          if (i + 2 <= end && text[i] == '*' && text[i + 1] == '*')
            {
              /* A label leading this line: look past it. */
              const char *close = g_strstr_len (text + i + 2, (gssize) (end - i - 2), "**");
              const char *nl = memchr (text + i, '\n', end - i);
              if (close == NULL || (nl != NULL && nl < close))
                return FALSE;
              i = (gsize) (close - text) + 2;
              continue;
            }
          return i < end && (g_ascii_isalpha (text[i]) || (guchar) text[i] >= 0x80 || text[i] == '(');
        }
      while (i < end && text[i] != '\n')
        i++;
      i++;
    }
  return FALSE;
}

/* The passage [start, end) around hit says what the term is: a label that
 * holds the term followed by prose ("**vLLM**: Best-in-class serving ...",
 * a heading with a paragraph under it), or a sentence that opens with the
 * term ("A paxos round has ..."). A sentence that lists it among others
 * ("using techniques like quantization, KV cache ...") or a heading over a
 * table or code does not. */
static gboolean
passage_explains (const char *text, gsize start, gsize end, gsize hit, guint score)
{
  gsize i = skip_markers (text, start, end);
  if (score == 3)
    {
      const char *close = g_strstr_len (text + i + 2, (gssize) (end - i - 2), "**");
      return close != NULL && prose_follows (text, (gsize) (close - text) + 2, end);
    }
  /* A sentence all in bold is a heading or a closing summary. */
  if (score != 2 || is_heading_line (text + start, end - start))
    return FALSE;
  while (i + 1 < end && text[i] == '*' && text[i + 1] == '*')
    i += 2;
  /* The sentence that holds hit opens with it, maybe after an article. */
  gsize j = hit;
  static const char *const articles[] = { "the ", "a ", "an ", NULL };
  for (guint a = 0; articles[a] != NULL; a++)
    {
      gsize n = strlen (articles[a]);
      if (j >= i + n && g_ascii_strncasecmp (text + j - n, articles[a], n) == 0 &&
          (j == i + n || text[j - n - 1] == ' '))
        {
          j -= n;
          break;
        }
    }
  return j == i || (j >= i + 2 && strchr (".!?", text[j - 2]) != NULL && text[j - 1] == ' ');
}

gboolean
gls_passage_find (const char *text, gsize len, gsize from, const char *key, gsize *out_start, gsize *out_end)
{
  return gls_passage_find_explaining (text, len, from, key, out_start, out_end, NULL);
}

gboolean
gls_passage_find_explaining (const char *text, gsize len, gsize from, const char *key,
                             gsize *out_start, gsize *out_end, gboolean *out_explains)
{
  g_return_val_if_fail (from <= len, FALSE);
  g_autoptr (GString) norm = g_string_new (NULL);
  g_autoptr (GArray) map = g_array_new (FALSE, FALSE, sizeof (guint32));
  gls_normalize (text + from, (gssize) (len - from), norm, map);
  gsize key_len = strlen (key);
  guint best = 0;
  gboolean found = FALSE, in_fence = FALSE;
  gsize fence_scan = from;
  /* The best of the first PASSAGE_TRIES occurrences, the first of equals. */
  gsize off = 0;
  for (guint tries = 0; tries < PASSAGE_TRIES && off < norm->len; tries++)
    {
      gssize at = gls_passage_find_phrase (norm->str + off, norm->len - off, key, key_len);
      if (at < 0)
        break;
      gsize hit = from + g_array_index (map, guint32, off + (gsize) at);
      off += (gsize) at + 1;
      /* Fences opened and closed before hit's line. */
      for (; fence_scan < hit; fence_scan++)
        if ((fence_scan == 0 || text[fence_scan - 1] == '\n') && fence_scan + 3 <= len &&
            memcmp (text + fence_scan, "```", 3) == 0)
          in_fence = !in_fence;
      gsize start, end;
      passage_at (text, len, hit, &start, &end);
      guint score = passage_score (text, len, start, end, hit, in_fence);
      gboolean explains = end > start && passage_explains (text, start, end, hit, score);
      /* An explaining passage first, then by kind. */
      score += explains ? 4 : 0;
      if (end > start && (!found || score > best))
        {
          found = TRUE;
          best = score;
          *out_start = start;
          *out_end = end;
          if (out_explains != NULL)
            *out_explains = explains;
          if (score == 7)
            break;
        }
    }
  return found;
}

gboolean
gls_glossary_find_passage (const GlsGlossary *self, const GlsEntry *entry, const GlsTerm *term,
                           GlsSlice *passage)
{
  gsize len, start, end;
  const char *body = gls_glossary_slice (self, entry, entry->body, &len);
  if (!gls_passage_find (body, len, gls_glossary_title_end (entry), gls_glossary_term_key (self, term), &start, &end))
    return FALSE;
  passage->start = entry->body.start + (guint32) start;
  passage->len = (guint32) (end - start);
  return TRUE;
}
