/* reader_markdown.c — a Markdown glossary page (GitBook/HonKit GLOSSARY.md,
 * docs/glossary.md). Three layouts, told apart by counting:
 *
 *   headings     "## Term" then paragraphs: the term level is the level
 *                (2 or more; 1 when the page has only level-1 headings)
 *                with the most headings that have text under them, the
 *                deeper on a tie; a heading's definition runs to the next
 *                heading of that level or above (deeper headings stay in it). Headings above the term level are sections; a
 *                letter heading ("A", "A-C", "0-9") is never a term.
 *   definitions  "Term" on its own line (several lines: several names),
 *                then ": definition" (PHP Markdown Extra, Pandoc, MkDocs
 *                def_list), an optional blank line between.
 *   bold leads   "- **Term**: definition", "**Term** — definition", "**Term:** ..."
 *
 * The page is read as headings when they outnumber the definition-list and
 * bold-lead entries together (a bold lead counted only when its name is
 * written once: a label repeated under the headings, "- **Core:** ...", is a
 * field); then
 * bold items inside a definition stay text.
 * Otherwise every definition-list and bold-lead item (a nested one too: a
 * sub-term) and abbreviation line is an entry, and headings are sections.
 *
 * Aliases: a term written "X (Y)" names X and Y; a definition whose first
 * paragraph says "also called Y", "also known as Y", "a.k.a. Y" or "aka Y"
 * names Y (bold, italic, code or quoted Y as marked, else the words up to
 * punctuation, at most five). A name followed by "(deprecated)" (a term
 * line "whitelist (deprecated)", "also called whitelist (deprecated)") is a
 * deprecated name: "write the headword, not this" (reader_builder.h), not a
 * name of the entry. Code fences and a front-matter block are
 * skipped. One pass over the lines plus one over the entries: O(len).
 */
#include "glossary/format_private.h"

typedef enum
{
  L_BLANK,
  L_TEXT,
  L_HEADING,
  L_DEF,        /* ": definition" */
  L_BOLD,       /* a bold-lead item */
  L_ABBR,
  L_FENCE,      /* a fence line or a line inside a fence or front matter */
  L_ITEM,       /* another list item */
} Kind;

typedef struct
{
  GlsRLine line;
  Kind     kind;
  guint    level;    /* heading level; list item indent */
  gsize    a, alen;  /* heading text / bold name / abbreviation name */
  gsize    d;        /* where the definition text starts on this line */
} Line;

static gboolean
is_sp (char c)
{
  return c == ' ' || c == '\t';
}

/* text[*s..*s+*n) without markup around a term: spaces, a closing "#" run,
 * "{#anchor}", emphasis or code markers, a link's target, a trailing colon. */
static void
clean_name (const char *t, gsize *s, gsize *n)
{
  for (int round = 0; round < 3; round++)
    {
      while (*n > 0 && is_sp (t[*s]))
        (*s)++, (*n)--;
      while (*n > 0 && (is_sp (t[*s + *n - 1]) || t[*s + *n - 1] == ':'))
        (*n)--;
      if (*n > 0 && t[*s + *n - 1] == '}')
        {
          const char *open = g_strrstr_len (t + *s, (gssize) *n, "{#");
          if (open != NULL)
            *n = (gsize) (open - (t + *s));
        }
      while (*n > 1 && t[*s + *n - 1] == '#' && (is_sp (t[*s + *n - 2]) || t[*s + *n - 2] == '#'))
        (*n)--;
      static const char *const marks[] = { "**", "__", "`", "*", "_" };
      for (guint m = 0; m < G_N_ELEMENTS (marks); m++)
        {
          gsize k = strlen (marks[m]);
          if (*n > 2 * k && memcmp (t + *s, marks[m], k) == 0 && memcmp (t + *s + *n - k, marks[m], k) == 0)
            {
              *s += k;
              *n -= 2 * k;
              break;
            }
        }
      if (*n > 2 && t[*s] == '[' && t[*s + *n - 1] == ')')
        {
          const char *mid = g_strstr_len (t + *s, (gssize) *n, "](");
          if (mid != NULL)
            {
              *n = (gsize) (mid - (t + *s)) - 1;
              (*s)++;
            }
        }
    }
}

/* "A", "A-C", "0-9", "A – C": a letter section, not a term. */
static gboolean
is_letter_heading (const char *t, gsize s, gsize n)
{
  gsize end = s + n;
  if (n == 1)
    return g_ascii_isalnum (t[s]);
  if (!g_ascii_isalnum (t[s]) || !g_ascii_isalnum (t[end - 1]))
    return FALSE;
  /* Between the two: spaces and one hyphen or en/em dash. */
  gsize dashes = 0;
  for (gsize i = s + 1; i < end - 1;)
    {
      if (t[i] == ' ')
        i++;
      else if (t[i] == '-')
        dashes++, i++;
      else if (end - 1 - i >= 3 && (memcmp (t + i, "\xe2\x80\x93", 3) == 0 || memcmp (t + i, "\xe2\x80\x94", 3) == 0))
        dashes++, i += 3;
      else
        return FALSE;
    }
  return dashes == 1;
}

static guint
atx_level (const char *t, const GlsRLine *line, gsize first, gsize *text)
{
  gsize i = first;
  while (i < line->content_end && t[i] == '#' && i - first < 7)
    i++;
  guint level = (guint) (i - first);
  if (level == 0 || level > 6 || (i < line->content_end && !is_sp (t[i])))
    return 0;
  *text = i;
  return level;
}

/* "- **X**: d", "* **X** — d", "**X:** d", "1. **X** - d". */
static gboolean
bold_lead (const char *t, const GlsRLine *line, gsize first, Line *out)
{
  gsize i = first;
  if (i < line->content_end && (t[i] == '-' || t[i] == '*' || t[i] == '+') && i + 1 < line->content_end &&
      is_sp (t[i + 1]))
    i += 2;
  else if (i < line->content_end && g_ascii_isdigit (t[i]))
    {
      while (i < line->content_end && g_ascii_isdigit (t[i]))
        i++;
      if (i + 1 >= line->content_end || (t[i] != '.' && t[i] != ')') || !is_sp (t[i + 1]))
        return FALSE;
      i += 2;
    }
  while (i < line->content_end && is_sp (t[i]))
    i++;
  if (line->content_end - i < 5 || memcmp (t + i, "**", 2) != 0)
    return FALSE;
  const char *close = g_strstr_len (t + i + 2, (gssize) (line->content_end - i - 2), "**");
  if (close == NULL || close == t + i + 2)
    return FALSE;
  gsize name = i + 2, name_end = (gsize) (close - t), after = name_end + 2;
  gboolean colon_inside = t[name_end - 1] == ':';
  while (after < line->content_end && is_sp (t[after]))
    after++;
  /* The separator: ":" inside or after the bold, a dash, or an em/en dash. */
  if (!colon_inside)
    {
      if (after < line->content_end && (t[after] == ':' || t[after] == '-'))
        after++;
      else if (line->content_end - after >= 3 && (memcmp (t + after, "\xe2\x80\x94", 3) == 0 ||
                                                   memcmp (t + after, "\xe2\x80\x93", 3) == 0))
        after += 3;
      else
        return FALSE;
    }
  while (after < line->content_end && is_sp (t[after]))
    after++;
  out->a = name;
  out->alen = name_end - name;
  out->d = after;
  return TRUE;
}

static gboolean
fence_line (const char *t, const GlsRLine *line, gsize first)
{
  return line->content_end - first >= 3 && (memcmp (t + first, "```", 3) == 0 || memcmp (t + first, "~~~", 3) == 0);
}

static GArray *
classify (const char *t, gsize len)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  gboolean fence = FALSE, front = FALSE;
  Line l;

  for (gsize pos = 0; pos < len; pos = l.line.next)
    {
      memset (&l, 0, sizeof l);
      gls_rline_at (t, len, pos, &l.line);
      gsize first, n = l.line.content_end - l.line.start;
      gsize indent = gls_rline_indent (t, &l.line, &first);
      if (pos == 0 && n == 3 && memcmp (t, "---", 3) == 0)
        front = TRUE, l.kind = L_FENCE;
      else if (front)
        {
          l.kind = L_FENCE;
          if ((n == 3 && memcmp (t + pos, "---", 3) == 0) || (n == 3 && memcmp (t + pos, "...", 3) == 0))
            front = FALSE;
        }
      else if (indent < 4 && fence_line (t, &l.line, first))
        fence = !fence, l.kind = L_FENCE;
      else if (fence)
        l.kind = L_FENCE;
      else if (first == l.line.content_end)
        l.kind = L_BLANK;
      else if (indent < 4 && (l.level = atx_level (t, &l.line, first, &l.a)) > 0)
        {
          l.kind = L_HEADING;
          l.alen = l.line.content_end - l.a;
        }
      else if (indent < 4 && t[first] == ':' && first + 1 < l.line.content_end && is_sp (t[first + 1]))
        {
          l.kind = L_DEF;
          l.d = first + 2;
        }
      else if (bold_lead (t, &l.line, first, &l))
        {
          l.kind = L_BOLD;
          l.level = (guint) indent;
        }
      else if (gls_abbr_line (t, l.line.start, l.line.content_end, &l.a, &l.alen, &l.d, &n))
        l.kind = L_ABBR;
      else if (indent < 4 && (t[first] == '-' || t[first] == '*' || t[first] == '+') &&
               first + 1 < l.line.content_end && is_sp (t[first + 1]))
        l.kind = L_ITEM, l.level = (guint) indent;
      else
        {
          l.kind = L_TEXT;
          l.level = (guint) indent;
        }
      g_array_append_val (lines, l);
    }
  return lines;
}

#define LINE(i) (&g_array_index (lines, Line, (i)))

/* "(deprecated)" (any case, maybe in emphasis) after blanks from at, before
 * limit: "also called **whitelist** (deprecated)". */
static gboolean
marked_deprecated (const char *t, gsize at, gsize limit)
{
  static const char marker[] = "(deprecated)";
  while (at < limit && is_sp (t[at]))
    at++;
  /* In emphasis too: "*(deprecated)*". */
  for (guint m = 0; m < 2 && at < limit && (t[at] == '*' || t[at] == '_'); m++)
    at++;
  return limit - at >= sizeof marker - 1 && g_ascii_strncasecmp (t + at, marker, sizeof marker - 1) == 0;
}

/* One name after an "also called" cue, from s (blanks skipped): marked
 * (bold, italic, code, quoted) up to its closing mark, else (unless
 * marked_only) the words up to punctuation, " or " or " and " before a marked
 * name, at most max_words.
 * Adds it (deprecated when "(deprecated)" follows) and returns where the
 * text after it starts, or 0 when there is no name there. */
static gsize
also_called_name (GlsReaderBuilder *b, gsize s, gsize limit, guint max_words, gboolean marked_only)
{
  const char *t = b->text;
  const char *close = NULL;
  gsize close_len = 0, e;

  while (s < limit && (is_sp (t[s]) || t[s] == ':'))
    s++;
  if (s + 2 < limit && (memcmp (t + s, "**", 2) == 0 || memcmp (t + s, "__", 2) == 0))
    {
      close = g_strstr_len (t + s + 2, (gssize) (limit - s - 2), t[s] == '*' ? "**" : "__");
      s += 2, close_len = 2;
    }
  else if (s < limit && (t[s] == '*' || t[s] == '_' || t[s] == '`' || t[s] == '"'))
    {
      close = memchr (t + s + 1, t[s], limit - s - 1);
      s += 1, close_len = 1;
    }
  else if (limit - s >= 3 && memcmp (t + s, "\xe2\x80\x9c", 3) == 0)
    {
      close = g_strstr_len (t + s + 3, (gssize) (limit - s - 3), "\xe2\x80\x9d");
      s += 3, close_len = 3;
    }
  if (close != NULL)
    e = (gsize) (close - t);
  else if (marked_only)
    return 0;
  else
    {
      guint words = 1;
      for (e = s; e < limit && !strchr (",.;:()[]\"\n", t[e]); e++)
        if (t[e] == ' ')
          {
            /* "X or Y", "X and **Y**": two names, not one. */
            if (limit - e >= 4 && memcmp (t + e, " or ", 4) == 0)
              break;
            if (limit - e >= 6 && memcmp (t + e, " and ", 5) == 0 && strchr ("*_`\"", t[e + 5]) != NULL)
              break;
            if (++words > max_words)
              return 0;
          }
    }
  if (e <= s || e - s >= 80)
    return 0;
  gsize after = close != NULL ? e + close_len : e;
  gls_reader_builder_name_marked (b, s, e - s, GLS_ROLE_ALIAS, marked_deprecated (t, after, limit));
  return after;
}

/* After a name: the start of the next one in a list ("X, Y", "X or Y",
 * "X, Y, and Z"; a "(deprecated)" marker skipped), or 0 when the list ends.
 * *marked_only: after "and" or a bare comma only a marked name continues the
 * list ("also called LoRA and is cheap", "also called LoRA, a cheap method"
 * name LoRA alone); after "or" a name of at most three words does too. */
static gsize
also_called_next (const char *t, gsize at, gsize limit, gboolean *marked_only)
{
  static const char marker[] = "(deprecated)";
  gsize p = at;
  while (p < limit && (is_sp (t[p]) || t[p] == '*' || t[p] == '_'))
    p++;
  if (limit - p >= sizeof marker - 1 && g_ascii_strncasecmp (t + p, marker, sizeof marker - 1) == 0)
    p += sizeof marker - 1;
  while (p < limit && (t[p] == '*' || t[p] == '_'))
    p++;
  gboolean comma = p < limit && t[p] == ',';
  if (comma)
    p++;
  while (p < limit && is_sp (t[p]))
    p++;
  *marked_only = FALSE;
  if (limit - p >= 3 && memcmp (t + p, "or ", 3) == 0)
    return p + 3;
  if (limit - p >= 4 && memcmp (t + p, "and ", 4) == 0)
    {
      *marked_only = TRUE;
      return p + 4;
    }
  *marked_only = TRUE;
  return comma ? p : 0;
}

/* The aliases a definition's first paragraph gives: "also called Y"; "also
 * known as Y or Z", "a.k.a. X, Y, and Z" (at most four); "also called Y
 * (deprecated)" gives a deprecated name instead. A name after the first must
 * be marked or at most three words, so a list does not run into the
 * sentence ("also called LoRA, a method that ..." names LoRA alone). */
static void
also_called (GlsReaderBuilder *b, gsize start, gsize end)
{
  static const char *const cues[] = { "also called ", "also known as ", "a.k.a. ", "aka ", "also termed " };
  const char *t = b->text;
  gsize n = MIN (end - start, (gsize) 600);
  const char *para_end = g_strstr_len (t + start, (gssize) n, "\n\n");
  if (para_end != NULL)
    n = (gsize) (para_end - (t + start));
  gsize limit = start + n;
  for (guint c = 0; c < G_N_ELEMENTS (cues); c++)
    {
      gsize k = strlen (cues[c]);
      for (gsize i = start; i + k <= limit; i++)
        {
          /* Every cue starts with two non-space bytes (a letter, then a
           * letter or '.'; i + k <= limit keeps both inside): they rule out
           * almost every position before the (slower) case-insensitive
           * compare, an out-of-line call. */
          if ((t[i] | 0x20) != cues[c][0] || (t[i + 1] | 0x20) != (cues[c][1] | 0x20) ||
              g_ascii_strncasecmp (t + i, cues[c], k) != 0 || (i > start && g_ascii_isalnum (t[i - 1])))
            continue;
          gsize after = also_called_name (b, i + k, limit, 5, FALSE);
          if (after == 0)
            continue;
          for (guint more = 0; after != 0 && more < 3; more++)
            {
              gboolean marked_only;
              gsize next = also_called_next (t, after, limit, &marked_only);
              after = next != 0 ? also_called_name (b, next, limit, 3, marked_only) : 0;
            }
          break;
        }
    }
}

/* A name "X (Y)" names X and Y; other names as they are. "X (deprecated)"
 * is a deprecated name of the entry. */
static void
add_names (GlsReaderBuilder *b, gsize s, gsize n)
{
  const char *t = b->text;
  clean_name (t, &s, &n);
  gsize m = n;
  if (gls_reader_builder_strip_deprecated (t, s, &m) && m > 0)
    {
      clean_name (t, &s, &m);
      if (m > 0)
        gls_reader_builder_name_marked (b, s, m, GLS_ROLE_ALIAS, TRUE);
      return;
    }
  if (n >= 4 && t[s + n - 1] == ')')
    {
      const char *open = g_strrstr_len (t + s, (gssize) n, " (");
      if (open != NULL && open > t + s && memchr (open + 2, '(', (gsize) (t + s + n - 1 - (open + 2))) == NULL)
        {
          gsize x = (gsize) (open - (t + s));
          gsize ys = (gsize) (open - t) + 2, yn = s + n - 1 - ys;
          clean_name (t, &ys, &yn);
          gls_reader_builder_name (b, s, x, GLS_ROLE_HEADWORD);
          gls_reader_builder_name (b, ys, yn, GLS_ROLE_TITLE);
          return;
        }
    }
  gls_reader_builder_name (b, s, n, GLS_ROLE_HEADWORD);
}

/* A definition's label line "Also called: A, B." (also "Also known as:",
 * "AKA:", "Aliases:", "Synonyms:"; in a list item or bold too, as `export --to markdown` and
 * hand-written pages put it) names each comma-separated item. */
static void
alias_lines (GlsReaderBuilder *b, gsize start, gsize end)
{
  static const char *const labels[] = { "also called:", "also known as:", "aka:", "a.k.a.:", "aliases:",
                                        "synonyms:" };
  const char *t = b->text;
  for (gsize at = start; at < end;)
    {
      const char *nl = memchr (t + at, '\n', end - at);
      gsize line_end = nl != NULL ? (gsize) (nl - t) : end;
      gsize i = at;
      while (i < line_end && is_sp (t[i]))
        i++;
      if (i + 1 < line_end && (t[i] == '-' || t[i] == '*') && t[i + 1] == ' ')
        i += 2;
      gboolean bold = line_end - i >= 2 && memcmp (t + i, "**", 2) == 0;
      if (bold)
        i += 2;
      for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
        {
          gsize k = strlen (labels[l]);
          if (line_end - i < k || g_ascii_strncasecmp (t + i, labels[l], k) != 0)
            continue;
          i += k;
          if (bold && line_end - i >= 2 && memcmp (t + i, "**", 2) == 0)
            i += 2;
          while (i < line_end)
            {
              const char *comma = memchr (t + i, ',', line_end - i);
              gsize item_end = comma != NULL ? (gsize) (comma - t) : line_end;
              gsize a = i, z = item_end;
              while (a < z && (is_sp (t[a]) || strchr ("`\"*_", t[a]) != NULL))
                a++;
              while (z > a && (is_sp (t[z - 1]) || strchr ("`\"*_.;", t[z - 1]) != NULL))
                z--;
              gsize m = z - a;
              gboolean deprecated = gls_reader_builder_strip_deprecated (t, a, &m);
              while (m > 0 && (is_sp (t[a + m - 1]) || strchr ("`\"*_", t[a + m - 1]) != NULL))
                m--;
              if (m > 0 && m < 80)
                gls_reader_builder_name_marked (b, a, m, GLS_ROLE_ALIAS, deprecated);
              i = item_end + 1;
            }
          break;
        }
      at = line_end + 1;
    }
}

static void
definition (GlsReaderBuilder *b, gsize start, gsize end)
{
  if (end <= start)
    return;
  gls_reader_builder_definition (b, b->text + start, end - start, G_MAXSIZE);
  also_called (b, start, end);
  alias_lines (b, start, end);
}

/* A heading that can name an entry: some name left once cleaned, and not a
 * letter of an alphabetical index ("## A"). term_level counts what
 * read_headings reads. */
static gboolean
names_a_term (const char *t, const Line *h)
{
  gsize s = h->a, n = h->alen;
  clean_name (t, &s, &n);
  return n > 0 && !is_letter_heading (t, s, n);
}

/* The term level: the level (2 or deeper; 1 when the page has level-1
 * headings only) with the most headings that have text under them, the
 * deeper one on a tie. 0 when no heading has a body. */
static guint
term_level (const char *t, GArray *lines, guint *count)
{
  guint per_level[7] = { 0 };
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *h = LINE (i);
      if (h->kind != L_HEADING)
        continue;
      if (!names_a_term (t, h))
        continue;
      guint j = i + 1;
      while (j < lines->len && LINE (j)->kind == L_BLANK)
        j++;
      if (j < lines->len && LINE (j)->kind != L_HEADING)
        per_level[h->level]++;
    }
  guint best = 0;
  for (guint level = 2; level <= 6; level++)
    if (per_level[level] > 0 && per_level[level] >= per_level[best])
      best = level;
  if (best == 0 && per_level[1] > 1)
    best = 1;
  *count = best > 0 ? per_level[best] : 0;
  return best;
}

static void
read_headings (GlsReaderBuilder *b, GArray *lines, guint level)
{
  const char *t = b->text;
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *h = LINE (i);
      if (h->kind != L_HEADING || h->level != level)
        continue;
      if (!names_a_term (t, h))
        continue;
      guint j = i + 1;
      while (j < lines->len && !(LINE (j)->kind == L_HEADING && LINE (j)->level <= level))
        j++;
      gls_reader_builder_begin (b, h->a);
      add_names (b, h->a, h->alen);
      gsize end = j < lines->len ? LINE (j)->line.start : b->len;
      definition (b, h->line.next, end);
      gls_reader_builder_end (b);
    }
}

/* The end of a list-mode item that starts at line i: the first blank line,
 * heading, fence, or another entry or list item not indented deeper. */
static guint
item_end (GArray *lines, guint i, guint indent)
{
  guint j = i + 1;
  for (; j < lines->len; j++)
    {
      const Line *l = LINE (j);
      if (l->kind == L_BLANK || l->kind == L_HEADING || l->kind == L_FENCE || l->kind == L_DEF ||
          l->kind == L_ABBR)
        break;
      /* A nested bold item is a sub-term: an entry of its own. */
      if (l->kind == L_BOLD || (l->kind == L_ITEM && l->level <= indent))
        break;
    }
  return j;
}

/* A definition list: term lines at lines [first, def) (non-blank text), then
 * ": " lines with their continuations. Returns the line after the entry. */
static guint
read_def_entry (GlsReaderBuilder *b, GArray *lines, guint first, guint def)
{
  gls_reader_builder_begin (b, LINE (first)->line.start);
  for (guint k = first; k < def; k++)
    if (LINE (k)->kind == L_TEXT)
      add_names (b, LINE (k)->line.start, LINE (k)->line.content_end - LINE (k)->line.start);
  guint j = def, last = def;
  while (j < lines->len && LINE (j)->kind == L_DEF)
    {
      last = item_end (lines, j, 0);
      /* Indented paragraphs after a blank line still belong to it. */
      while (last + 1 < lines->len && LINE (last)->kind == L_BLANK && LINE (last + 1)->kind == L_TEXT &&
             LINE (last + 1)->level >= 2)
        last = item_end (lines, last + 1, 0);
      j = last;
      while (j < lines->len && LINE (j)->kind == L_BLANK)
        j++;
      if (j >= lines->len || LINE (j)->kind != L_DEF)
        break;
    }
  gsize end = last < lines->len ? LINE (last)->line.start : b->len;
  definition (b, LINE (def)->d, end);
  gls_reader_builder_end (b);
  return last;
}

static void
read_lists (GlsReaderBuilder *b, GArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = LINE (i);
      if (l->kind == L_BOLD)
        {
          guint end = item_end (lines, i, l->level);
          gls_reader_builder_begin (b, l->a);
          add_names (b, l->a, l->alen);
          definition (b, l->d, end < lines->len ? LINE (end)->line.start : b->len);
          gls_reader_builder_end (b);
          i = end - 1;
        }
      else if (l->kind == L_ABBR)
        {
          gls_reader_builder_begin (b, l->a);
          gls_reader_builder_name (b, l->a, l->alen, GLS_ROLE_HEADWORD);
          definition (b, l->d, l->line.content_end);
          gls_reader_builder_end (b);
        }
      else if (l->kind == L_TEXT && l->level < 4)
        {
          /* Term lines, then maybe one blank, then ": ". */
          guint k = i;
          while (k < lines->len && LINE (k)->kind == L_TEXT && LINE (k)->level < 4)
            k++;
          guint def = k < lines->len && LINE (k)->kind == L_BLANK ? k + 1 : k;
          if (def < lines->len && LINE (def)->kind == L_DEF && k - i <= 8)
            i = read_def_entry (b, lines, i, def) - 1;
          else
            i = k - 1;
        }
      else if (l->kind == L_DEF)
        gls_reader_builder_issue (b, gls_reader_builder_line_of (b, l->line.start), GLS_ISSUE_WARNING,
                                  "definition (\": ...\") without a term line before it; skipped");
    }
}

/* How many entries the page would have read as lists. A bold lead counts
 * only when its name is written once: a glossary defines each term once,
 * and a label that comes back under the headings ("- **Core:** ...",
 * "- **Also known as:** ...") is a field of the heading entries, not a term. */
static guint
count_list_entries (const char *t, GArray *lines)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0, bold = 0, repeated = 0;
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = LINE (i);
      if (l->kind == L_BOLD)
        {
          gsize s = l->a, m = l->alen;
          clean_name (t, &s, &m);
          char *name = g_ascii_strdown (t + s, (gssize) m);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (seen, name));
          /* The second time a name is written takes back its first. */
          repeated += count == 1 ? 2 : count > 1 ? 1 : 0;
          bold++;
          g_hash_table_insert (seen, name, GUINT_TO_POINTER (count + 1));
        }
      else if (l->kind == L_ABBR || (l->kind == L_DEF && i > 0 && LINE (i - 1)->kind != L_DEF))
        n++;
    }
  return n + bold - repeated;
}

void
gls_read_markdown (GlsReaderBuilder *b)
{
  g_autoptr (GArray) lines = classify (b->text, b->len);
  guint headings = 0;
  guint level = term_level (b->text, lines, &headings);
  guint listed = count_list_entries (b->text, lines);
  guint before = b->entries->len;

  if (level > 0 && headings > listed)
    read_headings (b, lines, level);
  else
    read_lists (b, lines);
  if (b->entries->len == before && lines->len > 0)
    gls_reader_builder_issue (b, 0, GLS_ISSUE_WARNING,
                              "no glossary entries found (expected \"## Term\" headings, \"Term\" / \": definition\" "
                              "lists or \"- **Term**: definition\" items)");
}
