/* term_markup.c — see term_markup.h. */
#include "server/term_markup.h"

#include <string.h>

/* ------------------------------------------------------------ condensing */

typedef struct
{
  gsize start;        /* first byte of the line */
  gsize content_end;  /* before "\r\n" / "\n" */
  gsize next;         /* start of the next line, or len */
} Line;

static void
line_at (const char *text, gsize len, gsize pos, Line *line)
{
  const char *nl = memchr (text + pos, '\n', len - pos);
  gsize eol = nl != NULL ? (gsize) (nl - text) : len;

  line->start = pos;
  line->next = nl != NULL ? eol + 1 : len;
  line->content_end = eol > pos && text[eol - 1] == '\r' ? eol - 1 : eol;
}

static gboolean
is_blank (const char *text, const Line *line)
{
  for (gsize i = line->start; i < line->content_end; i++)
    if (text[i] != ' ' && text[i] != '\t')
      return FALSE;
  return TRUE;
}

/* A fence line: up to 3 spaces, then 3+ backticks or tildes. Fills the
 * character, the run length and whether an info string follows. */
static gboolean
is_fence (const char *text, const Line *line, char *ch, gsize *run, gboolean *has_info)
{
  gsize i = line->start;

  while (i < line->content_end && i - line->start < 3 && text[i] == ' ')
    i++;
  if (i >= line->content_end || (text[i] != '`' && text[i] != '~'))
    return FALSE;
  char c = text[i];
  gsize n = 0;
  while (i + n < line->content_end && text[i + n] == c)
    n++;
  if (n < 3)
    return FALSE;
  *ch = c;
  *run = n;
  *has_info = FALSE;
  for (gsize k = i + n; k < line->content_end; k++)
    if (text[k] != ' ' && text[k] != '\t')
      {
        *has_info = TRUE;
        break;
      }
  return TRUE;
}

static gboolean
is_math_delimiter (const char *text, const Line *line)
{
  gsize i = line->start;

  while (i < line->content_end && i - line->start < 3 && text[i] == ' ')
    i++;
  if (line->content_end - i < 2 || text[i] != '$' || text[i + 1] != '$')
    return FALSE;
  for (i += 2; i < line->content_end; i++)
    if (text[i] != ' ' && text[i] != '\t')
      return FALSE;
  return TRUE;
}

/* Sentence and word cut points inside one text line, up to limit, where
 * inline code, bold and $ math are all closed. */
static void
inline_cuts (const char *text, gsize start, gsize end, gsize limit,
             gsize *sentence, gsize *word)
{
  gboolean code = FALSE, bold = FALSE, math = FALSE;

  *sentence = 0;
  *word = 0;
  for (gsize i = start; i < end && i < limit;)
    {
      char c = text[i];
      gboolean balanced = !code && !bold && !math;

      if (c == '\\' && !code)
        {
          i += 2;
          continue;
        }
      if (c == '`')
        code = !code;
      else if (!code && c == '*' && i + 1 < end && text[i + 1] == '*')
        {
          bold = !bold;
          i += 2;
          continue;
        }
      else if (!code && c == '$')
        math = !math;
      else if (balanced && c == ' ' && i > start)
        {
          *word = i;
          if (strchr (".!?", text[i - 1]) != NULL)
            *sentence = i;
        }
      i++;
    }
  /* A sentence that ends exactly at the limit, followed by a space. */
  if (limit < end && !code && !bold && !math && limit > start &&
      text[limit] == ' ' && strchr (".!?", text[limit - 1]) != NULL)
    *sentence = *word = limit;
}

static gsize
trim_end (const char *text, gsize cut)
{
  while (cut > 0 && strchr (" \t\r\n", text[cut - 1]) != NULL)
    cut--;
  return cut;
}

gsize
gls_markup_condense (const char *text, gsize len, gsize limit)
{
  gsize para = 0, line_cut = 0, sentence = 0, word = 0;
  gsize last_content = 0;
  gsize depth = 0;        /* open fence levels */
  char fence_char = 0;
  gsize fence_run = 0;
  gboolean in_math = FALSE;
  gboolean seen_content = FALSE;

  if (len <= limit)
    return trim_end (text, len);

  for (gsize pos = 0; pos < len && pos <= limit;)
    {
      Line line;
      char ch;
      gsize run;
      gboolean info;

      line_at (text, len, pos, &line);
      pos = line.next;

      if (depth > 0)
        {
          if (is_fence (text, &line, &ch, &run, &info) && ch == fence_char && run >= fence_run)
            {
              /* Fences nest in glossary bodies (grammar/README.md): an
               * inner fence with an info string opens a level. */
              depth += info ? 1 : -1;
              if (depth == 0 && line.content_end <= limit)
                line_cut = last_content = line.content_end;
            }
          continue;
        }
      if (in_math)
        {
          if (is_math_delimiter (text, &line))
            {
              in_math = FALSE;
              if (line.content_end <= limit)
                line_cut = last_content = line.content_end;
            }
          continue;
        }
      if (is_blank (text, &line))
        {
          if (seen_content && last_content > 0)
            para = last_content;
          continue;
        }
      if (is_fence (text, &line, &ch, &run, &info))
        {
          depth = 1;
          fence_char = ch;
          fence_run = run;
          seen_content = TRUE;
          continue;
        }
      if (is_math_delimiter (text, &line))
        {
          in_math = TRUE;
          seen_content = TRUE;
          continue;
        }
      seen_content = TRUE;
      if (line.content_end <= limit)
        {
          line_cut = last_content = line.content_end;
          continue;
        }
      /* The text line that crosses the limit: the last place to cut. */
      inline_cuts (text, line.start, line.content_end, limit, &sentence, &word);
      break;
    }

  gsize min_keep = limit / 3;
  gsize cut;
  if (para >= min_keep && para > 0)
    cut = para;
  else if (line_cut >= min_keep && line_cut > 0)
    cut = line_cut;
  else if (sentence >= min_keep && sentence > 0)
    cut = sentence;
  else
    {
      cut = MAX (para, MAX (line_cut, sentence));
      if (cut == 0)
        cut = word;
    }
  return trim_end (text, cut);
}

/* ------------------------------------------------------------ rendering */

const char *
gls_markup_kind_to_string (GlsMarkupKind kind)
{
  return kind == GLS_MARKUP_MARKDOWN ? "markdown" : "plaintext";
}

/* Text shown literally in Markdown. */
static void
append_escaped (GString *out, GlsMarkupKind kind, const char *text, gsize len)
{
  if (kind != GLS_MARKUP_MARKDOWN)
    {
      g_string_append_len (out, text, (gssize) len);
      return;
    }
  for (gsize i = 0; i < len; i++)
    {
      if (strchr ("\\`*_[]<>|#$~", text[i]) != NULL && text[i] != '\0')
        g_string_append_c (out, '\\');
      g_string_append_c (out, text[i]);
    }
}

/* A URI inside (...) of a Markdown link: parentheses and spaces would end or
 * break the destination. */
static void
append_link_destination (GString *out, const char *uri, guint line)
{
  for (const char *p = uri; *p != '\0'; p++)
    {
      if (*p == '(')
        g_string_append (out, "%28");
      else if (*p == ')')
        g_string_append (out, "%29");
      else if (*p == ' ')
        g_string_append (out, "%20");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_printf (out, "#L%u", line);
}

typedef struct
{
  const GlsGlossary          *glossary;
  const GlsTermMarkupOptions *options;
  GlsMarkupKind               kind;
  GString                    *out;
} Render;

static const char *
source_uri (const Render *r, guint source)
{
  if (r->options->source_uri == NULL)
    return NULL;
  return r->options->source_uri (source, r->options->user_data);
}

/* "file.txt:12" (the display path's last component). */
static void
append_place (Render *r, const GlsEntry *entry, gboolean full_path)
{
  const GlsSource *source = gls_glossary_source (r->glossary, entry->source);
  const char *path = source->display_path;
  const char *slash = strrchr (path, '/');
  g_autofree char *label = g_strdup_printf ("%s:%u",
                                            full_path || slash == NULL ? path : slash + 1,
                                            entry->line);
  append_escaped (r->out, r->kind, label, strlen (label));
}

/* A link to the entry's header line labelled `label` (or the place), or the
 * place alone in plain text / without a URI. */
static void
append_entry_link (Render *r, const GlsEntry *entry, const char *label)
{
  const char *uri = source_uri (r, entry->source);

  if (r->kind != GLS_MARKUP_MARKDOWN)
    {
      append_place (r, entry, TRUE);
      return;
    }
  if (uri == NULL)
    {
      g_string_append (r->out, "`");
      /* Inside a code span nothing is interpreted but a backtick. */
      const GlsSource *source = gls_glossary_source (r->glossary, entry->source);
      for (const char *p = source->display_path; *p != '\0'; p++)
        g_string_append_c (r->out, *p == '`' ? '\'' : *p);
      g_string_append_printf (r->out, ":%u`", entry->line);
      return;
    }
  g_string_append_c (r->out, '[');
  if (label != NULL)
    append_escaped (r->out, r->kind, label, strlen (label));
  else
    append_place (r, entry, FALSE);
  g_string_append (r->out, "](");
  append_link_destination (r->out, uri, entry->line);
  g_string_append_c (r->out, ')');
}

/* The entry's title, else the spelling given (a term's canonical form). */
static void
append_entry_heading (Render *r, const GlsEntry *entry, const char *fallback)
{
  gsize len;
  const char *text;

  if (entry->title.len > 0)
    text = gls_glossary_slice (r->glossary, entry, entry->title, &len);
  else
    {
      text = fallback;
      len = strlen (fallback);
    }
  append_escaped (r->out, r->kind, text, len);
}

static void
append_category (Render *r, const GlsEntry *entry, const char *before, const char *after)
{
  gsize len;
  const char *text;

  if (entry->category.len == 0)
    return;
  text = gls_glossary_slice (r->glossary, entry, entry->category, &len);
  g_string_append (r->out, before);
  append_escaped (r->out, r->kind, text, len);
  g_string_append (r->out, after);
}

/* The headword's canonical spelling: what to call an entry without title.
 * (The grammar requires a letter in every headword, so it always has a
 * term; the fallback is for glossaries built by other means.) */
static const char *
entry_name (const GlsGlossary *glossary, const GlsEntry *entry)
{
  const GlsName *headword = gls_glossary_name (glossary, entry->first_name);
  if (headword->term >= gls_glossary_n_terms (glossary))
    return "";
  return gls_glossary_term_canonical (glossary, gls_glossary_term (glossary, headword->term));
}

/* The definition without a first line that only repeats the bold title. */
static const char *
definition_text (const GlsGlossary *glossary, const GlsEntry *entry, gsize *len)
{
  gsize n;
  const char *body = gls_glossary_slice (glossary, entry, entry->body, &n);
  gsize title_len;
  const char *title = gls_glossary_slice (glossary, entry, entry->title, &title_len);
  const char *nl = memchr (body, '\n', n);
  gsize first = nl != NULL ? (gsize) (nl - body) : n;
  gsize end = first;

  while (end > 0 && strchr (" \t\r", body[end - 1]) != NULL)
    end--;
  if (entry->title.len > 0 && end == title_len + 4 && memcmp (body, "**", 2) == 0 &&
      memcmp (body + 2, title, title_len) == 0 && memcmp (body + 2 + title_len, "**", 2) == 0)
    {
      gsize skip = nl != NULL ? first + 1 : n;
      while (skip < n && strchr (" \t\r\n", body[skip]) != NULL)
        skip++;
      *len = n - skip;
      return body + skip;
    }
  *len = n;
  return body;
}

/* Glossary definitions are written line by line ("**Heading:**" on its own
 * line, then text), which Markdown would run together into one paragraph:
 * every text line followed by another line ends in a hard break ("  ")
 * instead. Lines inside code fences and $$ blocks are left alone. */
static void
append_markdown_lines (GString *out, const char *text, gsize len)
{
  gsize depth = 0;
  char fence_char = 0;
  gsize fence_run = 0;
  gboolean in_math = FALSE;

  for (gsize pos = 0; pos < len;)
    {
      Line line;
      char ch;
      gsize run;
      gboolean info;
      gboolean text_line = FALSE;

      line_at (text, len, pos, &line);
      if (depth > 0)
        {
          if (is_fence (text, &line, &ch, &run, &info) && ch == fence_char && run >= fence_run)
            depth += info ? 1 : -1;
        }
      else if (in_math)
        in_math = !is_math_delimiter (text, &line);
      else if (is_fence (text, &line, &ch, &run, &info))
        {
          depth = 1;
          fence_char = ch;
          fence_run = run;
        }
      else if (is_math_delimiter (text, &line))
        in_math = TRUE;
      else
        text_line = !is_blank (text, &line);

      g_string_append_len (out, text + line.start, (gssize) (line.content_end - line.start));
      if (line.next < len || (line.next == len && line.content_end < len))
        {
          Line next;
          gboolean more = line.next < len;
          if (more)
            line_at (text, len, line.next, &next);
          if (text_line && more && !is_blank (text, &next) &&
              !(line.content_end - line.start >= 2 && text[line.content_end - 1] == ' ' &&
                text[line.content_end - 2] == ' ') &&
              text[line.content_end - 1] != '\\')
            g_string_append (out, "  ");
          g_string_append_c (out, '\n');
        }
      pos = line.next;
    }
}

/* Plain text: the Markdown with its "**" markers dropped. */
static void
append_definition (Render *r, const char *text, gsize len)
{
  if (r->kind == GLS_MARKUP_MARKDOWN)
    {
      append_markdown_lines (r->out, text, len);
      return;
    }
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '*' && i + 1 < len && text[i + 1] == '*')
        {
          i++;
          continue;
        }
      g_string_append_c (r->out, text[i]);
    }
}

/* One "Also:" / "Tags:" line of the best entry's names whose term is not
 * the one shown, each term once: names (headword, title, alias) or tags
 * (mentions and tags; keywords and items that glue two names are left
 * out). */
static void
append_names_line (Render *r, const GlsEntry *entry, guint32 shown_term, gboolean tags)
{
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint32));
  gboolean first = TRUE;
  gboolean md = r->kind == GLS_MARKUP_MARKDOWN;

  g_array_append_val (seen, shown_term);
  for (guint i = 0; i < entry->n_names; i++)
    {
      const GlsName *name = gls_glossary_name (r->glossary, entry->first_name + i);
      gboolean dup = FALSE;

      if (name->term >= gls_glossary_n_terms (r->glossary) || name->role == GLS_ROLE_KEYWORD ||
          (gls_glossary_term (r->glossary, name->term)->flags & GLS_TERM_COMBINED) ||
          (name->role >= GLS_ROLE_MENTION) != tags)
        continue;
      for (guint k = 0; k < seen->len && !dup; k++)
        dup = g_array_index (seen, guint32, k) == name->term;
      if (dup)
        continue;
      g_array_append_val (seen, name->term);

      gsize len;
      const char *text = gls_glossary_slice (r->glossary, entry, name->text, &len);
      if (first)
        g_string_append (r->out, tags ? (md ? "\n\n*Tags:* " : "\n\nTags: ")
                                      : (md ? "\n\n*Also:* " : "\n\nAlso: "));
      else
        g_string_append (r->out, ", ");
      append_escaped (r->out, r->kind, text, len);
      first = FALSE;
    }
}

static void
append_other_names (Render *r, const GlsEntry *entry, guint32 shown_term)
{
  append_names_line (r, entry, shown_term, FALSE);
  append_names_line (r, entry, shown_term, TRUE);
}

/* Refs past this many are not grouped (each grouping compares definitions),
 * only counted: a term with thousands of entries stays O(limit²). */
#define GROUP_SCAN 64
/* Locations listed for one group before "+N". */
#define GROUP_LINKS 6

/* The locations of the refs of group (leader) from `from` on, comma
 * separated, at most GROUP_LINKS. */
static void
append_group_links (Render *r, const GlsTerm *term, const guint *group, guint n, guint leader, guint from)
{
  guint listed = 0, rest = 0;
  for (guint i = from; i < n; i++)
    {
      if (group[i] != leader)
        continue;
      if (listed == GROUP_LINKS)
        {
          rest++;
          continue;
        }
      const GlsEntry *entry = gls_glossary_entry (r->glossary, gls_glossary_term_ref (r->glossary, term, i)->entry);
      if (listed > 0)
        g_string_append (r->out, ", ");
      append_entry_link (r, entry, NULL);
      listed++;
    }
  if (rest > 0)
    g_string_append_printf (r->out, " +%u", rest);
}

/* The other entries of the term, entries that say the same thing
 * (gls_glossary_entries_alike) as one: the best entry's look-alikes as
 * "also at" locations, every other group as one line with its title and
 * all its locations. */
static void
append_other_entries (Render *r, const GlsTerm *term)
{
  guint max = r->options->max_other_entries > 0 ? r->options->max_other_entries
                                                : GLS_MARKUP_DEFAULT_OTHERS;
  gboolean md = r->kind == GLS_MARKUP_MARKDOWN;
  guint n = MIN (term->n_refs, GROUP_SCAN);

  if (term->n_refs < 2)
    return;
  g_autofree guint *group = g_new (guint, n);
  guint leaders = 0, alike_best = 0;
  for (guint i = 0; i < n; i++)
    {
      const GlsEntry *entry = gls_glossary_entry (r->glossary, gls_glossary_term_ref (r->glossary, term, i)->entry);
      group[i] = i;
      for (guint j = 0; j < i && group[i] == i; j++)
        if (group[j] == j &&
            gls_glossary_entries_alike (r->glossary,
                                        gls_glossary_entry (r->glossary, gls_glossary_term_ref (r->glossary, term, j)->entry),
                                        entry))
          group[i] = j;
      leaders += group[i] == i && i > 0 ? 1 : 0;
      alike_best += group[i] == 0 && i > 0 ? 1 : 0;
    }

  if (alike_best > 0)
    {
      g_string_append (r->out, md ? "\n\n*Same entry also at:* " : "\n\nSame entry also at: ");
      append_group_links (r, term, group, n, 0, 1);
    }
  if (leaders == 0 && term->n_refs <= n)
    return;
  g_string_append (r->out, md ? "\n\n---\n\n**Other entries:**\n" : "\n\nOther entries:\n");
  guint shown = 0;
  for (guint i = 1; i < n && shown < max; i++)
    {
      if (group[i] != i)
        continue;
      const GlsEntry *entry = gls_glossary_entry (r->glossary, gls_glossary_term_ref (r->glossary, term, i)->entry);
      g_string_append (r->out, md ? "- " : "  - ");
      if (md)
        g_string_append (r->out, "**");
      append_entry_heading (r, entry, entry_name (r->glossary, entry));
      if (md)
        g_string_append (r->out, "**");
      append_category (r, entry, md ? " · *" : " (", md ? "*" : ")");
      g_string_append (r->out, md ? " — " : ": ");
      append_group_links (r, term, group, n, i, i);
      g_string_append_c (r->out, '\n');
      shown++;
    }
  guint more = leaders - shown + (term->n_refs - n);
  if (more > 0)
    g_string_append_printf (r->out, md ? "- *and %u more (Go to Definition lists all)*\n"
                                       : "  - and %u more (Go to Definition lists all)\n",
                            more);
  /* No trailing newline: clients render it as an empty paragraph. */
  g_string_truncate (r->out, r->out->len - 1);
}

char *
gls_term_markup (const GlsGlossary          *glossary,
                 guint32                     term_index,
                 const GlsTermMarkupOptions *options)
{
  g_return_val_if_fail (glossary != NULL && options != NULL, NULL);
  g_return_val_if_fail (term_index < gls_glossary_n_terms (glossary), NULL);

  const GlsTerm *term = gls_glossary_term (glossary, term_index);
  const char *canonical = gls_glossary_term_canonical (glossary, term);
  Render r = { glossary, options, options->kind, g_string_new (NULL) };
  gboolean md = r.kind == GLS_MARKUP_MARKDOWN;

  if (term->n_refs == 0)
    {
      append_escaped (r.out, r.kind, canonical, strlen (canonical));
      return g_string_free (r.out, FALSE);
    }

  const GlsName *best = gls_glossary_term_ref (glossary, term, 0);
  const GlsEntry *entry = gls_glossary_entry (glossary, best->entry);
  /* A term that its best entry only mentions (or tags) is not what the
   * entry defines: say so, and show the passage that uses it. */
  gboolean mentioned = best->role >= GLS_ROLE_MENTION;

  if (md)
    g_string_append (r.out, "**");
  if (mentioned)
    append_escaped (r.out, r.kind, canonical, strlen (canonical));
  else
    append_entry_heading (&r, entry, canonical);
  if (md)
    g_string_append (r.out, "**");
  if (mentioned)
    {
      g_string_append (r.out, md ? " — mentioned in *" : " — mentioned in ");
      append_entry_heading (&r, entry, entry_name (glossary, entry));
      if (md)
        g_string_append_c (r.out, '*');
    }
  append_category (&r, entry, md ? " · *" : " (", md ? "*" : ")");

  gsize def_len;
  const char *def = definition_text (glossary, entry, &def_len);
  GlsSlice passage;
  if (mentioned && gls_glossary_find_passage (glossary, entry, term, &passage))
    def = gls_glossary_slice (glossary, entry, passage, &def_len);
  gsize limit = options->excerpt_limit > 0 ? options->excerpt_limit : GLS_MARKUP_DEFAULT_EXCERPT;
  gsize keep = gls_markup_condense (def, def_len, limit);
  gboolean condensed = keep < gls_markup_condense (def, def_len, def_len);

  if (keep > 0)
    {
      g_string_append (r.out, "\n\n");
      append_definition (&r, def, keep);
      /* Cut inside a line: say so where the text stops. */
      if (condensed && def[keep] != '\n' && def[keep] != '\r')
        g_string_append (r.out, " …");
    }

  g_string_append (r.out, "\n\n");
  if (condensed && md && source_uri (&r, entry->source) != NULL)
    {
      append_entry_link (&r, entry, "Full definition");
      g_string_append (r.out, " (");
      append_place (&r, entry, FALSE);
      g_string_append (r.out, ")");
    }
  else if (condensed)
    {
      g_string_append (r.out, "Full definition: ");
      append_entry_link (&r, entry, NULL);
    }
  else
    {
      if (!md)
        g_string_append (r.out, "Defined in ");
      append_entry_link (&r, entry, NULL);
    }

  append_other_names (&r, entry, term_index);
  append_other_entries (&r, term);
  return g_string_free (r.out, FALSE);
}
