/* term_markup.c — see term_markup.h. */
#include "server/features/term_markup.h"

#include <string.h>

#include "glossary/tex_repair.h"
#include "glossary/vocab.h"

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
      /* "_" between letters or digits starts no emphasis (CommonMark), and
       * clients that show escapes raw would print "001\_a.txt". */
      gboolean intraword = text[i] == '_' && i > 0 && i + 1 < len &&
                           g_ascii_isalnum (text[i - 1]) && g_ascii_isalnum (text[i + 1]);
      if (strchr ("\\`*_[]<>|#$~", text[i]) != NULL && text[i] != '\0' && !intraword)
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

/* Whether the entry's title says nothing about it (markup_text.h): then
 * the term's own name is the heading. */
static gboolean
title_is_generic (const GlsGlossary *glossary, const GlsEntry *entry)
{
  g_autofree const char **names = g_new0 (const char *, entry->n_items + 1);
  g_autofree gsize *lens = g_new0 (gsize, entry->n_items + 1);
  gsize title_len;
  const char *title = gls_glossary_slice (glossary, entry, entry->title, &title_len);

  for (guint i = 0; i < entry->n_items; i++)
    names[i] = gls_glossary_slice (glossary, entry,
                                   gls_glossary_name (glossary, entry->first_name + i)->text, &lens[i]);
  return gls_definition_title_is_generic (title, title_len, names, lens, entry->n_items);
}

/* Whether text starts with name (NULL: never), ignoring case and a "**"
 * before it, followed by a word end. */
static gboolean
opens_with_name (const char *text, gsize len, const char *name)
{
  gsize n = name != NULL ? strlen (name) : 0;
  if (n == 0)
    return FALSE;
  if (len >= 2 && memcmp (text, "**", 2) == 0)
    {
      text += 2;
      len -= 2;
    }
  if (len < n || g_ascii_strncasecmp (text, name, n) != 0)
    return FALSE;
  /* A plural ("Loss spikes ...") is the same name. */
  gsize end = n;
  if (end < len && text[end] == 's')
    end++;
  else if (end + 1 < len && text[end] == 'e' && text[end + 1] == 's')
    end += 2;
  return end == len || !g_ascii_isalnum (text[end]) || len == n || !g_ascii_isalnum (text[n]);
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

/* The locations of the entries of group (leader) from `from` on, comma
 * separated, at most GROUP_LINKS. */
static void
append_group_links (Render *r, const GlsEntry *const *entries, const guint *group, guint n, guint leader, guint from)
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
      if (listed > 0)
        g_string_append (r->out, ", ");
      append_entry_link (r, entries[i], NULL);
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
append_other_entries (Render *r, const GlsTerm *term, const GlsEntry *first)
{
  guint max = r->options->max_other_entries > 0 ? r->options->max_other_entries
                                                : GLS_MARKUP_DEFAULT_OTHERS;
  gboolean md = r->kind == GLS_MARKUP_MARKDOWN;
  /* The entries in the order shown: the one shown first (the term's best,
   * or the one the context chose: sense.h), then the term's others. */
  g_autofree const GlsEntry **entries = g_new (const GlsEntry *, MIN (term->n_refs + 1, GROUP_SCAN + 1));
  guint n = 0;
  gboolean among = FALSE;  /* first is one of the term's own entries */
  entries[n++] = first;
  for (guint i = 0; i < term->n_refs && n < GROUP_SCAN; i++)
    {
      const GlsEntry *entry = gls_glossary_entry (r->glossary, gls_glossary_term_ref (r->glossary, term, i)->entry);
      if (entry != first)
        entries[n++] = entry;
      else
        among = TRUE;
    }
  /* Entries there are in all, the one shown first included. */
  guint total = term->n_refs + (among ? 0 : 1);
  if (total < 2)
    return;
  g_autofree guint *group = g_new (guint, n);
  guint leaders = 0, alike_best = 0;
  for (guint i = 0; i < n; i++)
    {
      const GlsEntry *entry = entries[i];
      group[i] = i;
      for (guint j = 0; j < i && group[i] == i; j++)
        if (group[j] == j && gls_glossary_entries_alike (r->glossary, entries[j], entry))
          group[i] = j;
      leaders += group[i] == i && i > 0 ? 1 : 0;
      alike_best += group[i] == 0 && i > 0 ? 1 : 0;
    }

  if (alike_best > 0)
    {
      g_string_append (r->out, md ? "\n\n*Same entry also at:* " : "\n\nSame entry also at: ");
      append_group_links (r, entries, group, n, 0, 1);
    }
  if (leaders == 0 && total <= n)
    return;
  g_string_append (r->out, md ? "\n\n---\n\n**Other entries:**\n" : "\n\nOther entries:\n");
  guint shown = 0;
  for (guint i = 1; i < n && shown < max; i++)
    {
      if (group[i] != i)
        continue;
      const GlsEntry *entry = entries[i];
      g_string_append (r->out, md ? "- " : "  - ");
      if (md)
        g_string_append (r->out, "**");
      append_entry_heading (r, entry, entry_name (r->glossary, entry));
      if (md)
        g_string_append (r->out, "**");
      append_category (r, entry, md ? " · *" : " (", md ? "*" : ")");
      g_string_append (r->out, md ? " — " : ": ");
      append_group_links (r, entries, group, n, i, i);
      g_string_append_c (r->out, '\n');
      shown++;
    }
  guint more = leaders - shown + (total - n);
  if (more > 0)
    g_string_append_printf (r->out, md ? "- *and %u more (Go to Definition lists all)*\n"
                                       : "  - and %u more (Go to Definition lists all)\n",
                            more);
  /* No trailing newline: clients render it as an empty paragraph. */
  g_string_truncate (r->out, r->out->len - 1);
}

/* "**Name** · *category*", or "**term** — mentioned in *Entry*": the name
 * shown is the term's own when the title is generic or only mentions it. */
static void
append_heading (Render *r, const GlsEntry *entry, const char *canonical, gboolean generic, gboolean mentioned)
{
  gboolean md = r->kind == GLS_MARKUP_MARKDOWN;
  if (md)
    g_string_append (r->out, "**");
  if (generic || mentioned)
    append_escaped (r->out, r->kind, canonical, strlen (canonical));
  else
    append_entry_heading (r, entry, canonical);
  if (md)
    g_string_append (r->out, "**");
  if (mentioned)
    {
      g_string_append (r->out, md ? " — mentioned in *" : " — mentioned in ");
      append_entry_heading (r, entry, entry_name (r->glossary, entry));
      if (md)
        g_string_append_c (r->out, '*');
    }
  append_category (r, entry, md ? " · *" : " (", md ? "*" : ")");
}

/* An entry of a vocabulary list has no definition: say where its spelling
 * comes from, since that is all it has. */
static void
append_spelling_origin (Render *r, const GlsEntry *entry)
{
  const GlsSource *source = gls_glossary_source (r->glossary, entry->source);
  gsize len;
  const char *text = g_bytes_get_data (source->text, &len);
  const char *label = gls_vocab_format_label (gls_vocab_detect (source->display_path, text, len));
  if (label == NULL)
    return;  /* a glossary entry without a definition: its load reported it */
  g_string_append (r->out, "\n\nSpelling from ");
  g_string_append (r->out, label);
  g_string_append (r->out, ", no definition.");
}

/* Where the entry lives: "Full definition" when the text was condensed. */
static void
append_where (Render *r, const GlsEntry *entry, gboolean condensed)
{
  gboolean md = r->kind == GLS_MARKUP_MARKDOWN;
  if (condensed && md && source_uri (r, entry->source) != NULL)
    {
      append_entry_link (r, entry, "Full definition");
      g_string_append (r->out, " (");
      append_place (r, entry, FALSE);
      g_string_append (r->out, ")");
    }
  else if (condensed)
    {
      g_string_append (r->out, "Full definition: ");
      append_entry_link (r, entry, NULL);
    }
  else
    {
      if (!md)
        g_string_append (r->out, "Defined in ");
      append_entry_link (r, entry, NULL);
    }
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

  /* The entry shown first: the term's best, or the one the words around
   * the mention chose (sense.h). */
  const GlsName *best = options->sense != NULL ? gls_glossary_name (glossary, options->sense->name)
                                               : gls_glossary_term_ref (glossary, term, 0);
  const GlsEntry *entry = gls_glossary_entry (glossary, best->entry);
  /* A term that its best entry only mentions (or tags) is not what the
   * entry defines: say so, and show the passage that uses it. A header
   * item that glues the entry's names together ("LLaVA (Large Language and
   * Vision Assistant)") names the entry all the same. */
  gboolean mentioned = best->role >= GLS_ROLE_MENTION && !(term->flags & GLS_TERM_COMBINED);

  /* The definition as shown (markup_text.h): repaired, its title line
   * skipped, its one-line page-export layout broken into blocks; for a
   * mentioned term, the block of that text that uses it (found after the
   * layout is repaired, so that it is a whole block: a list item, a
   * paragraph, a heading with what it heads). */
  gsize body_len, raw_len, title_len, def_len;
  gsize limit = options->excerpt_limit > 0 ? options->excerpt_limit : GLS_MARKUP_DEFAULT_EXCERPT;
  const char *raw = gls_glossary_slice (glossary, entry, entry->body, &raw_len);
  /* Only a window of the body is prepared: condensing never looks past 1.5
   * times the limit, and a hover costs O(shown text) however long the
   * definition (cut on a UTF-8 boundary; what crosses it is never shown).
   * A mentioned term's passage is searched once, in the prepared text, so
   * its window is the body up to GLS_MARKUP_MENTION_WINDOW bytes. */
  gsize window = mentioned ? MAX (limit * 4 + 1024, (gsize) GLS_MARKUP_MENTION_WINDOW) : limit * 4 + 1024;
  window = MIN (raw_len, window);
  while (window < raw_len && window > 0 && ((guchar) raw[window] & 0xC0) == 0x80)
    window--;
  g_autofree char *body = gls_tex_repair (raw, window, &body_len);
  const char *title = gls_glossary_slice (glossary, entry, entry->title, &title_len);
  gboolean opens_with_title = FALSE;
  gsize start = gls_definition_start (body, body_len, title, title_len, &opens_with_title);
  g_autofree char *full = gls_definition_restructure (body + start, body_len - start, &def_len);
  const char *def = full;
  gsize from, to;
  gboolean has_passage = mentioned && gls_passage_find (full, def_len, 0, gls_glossary_term_key (glossary, term), &from, &to);
  if (has_passage)
    {
      def = full + from;
      def_len = to - from;
    }
  gsize keep = gls_markup_condense (def, def_len, limit);
  gboolean condensed = has_passage || window < raw_len || keep < gls_markup_condense (def, def_len, def_len);
  gboolean generic = !mentioned && entry->title.len > 0 && title_is_generic (glossary, entry);
  /* A definition that opens with its bold title, or with the name the
   * heading would show, is its own heading: the title is shown once. */
  gboolean heading = (!opens_with_title || generic) && keep > 0 &&
                     !opens_with_name (def, keep, entry->title.len > 0 && !generic ? NULL : canonical);
  heading = heading || keep == 0 || mentioned;

  if (heading)
    append_heading (&r, entry, canonical, generic, mentioned);

  if (keep == 0 && entry->body.len == 0)
    append_spelling_origin (&r, entry);
  if (keep > 0)
    {
      if (heading)
        g_string_append (r.out, "\n\n");
      gls_markup_append_body (r.out, r.kind, def, keep);
      /* Cut inside a line: say so where the text stops. */
      if (condensed && def[keep] != '\n' && def[keep] != '\r')
        g_string_append (r.out, " …");
    }

  g_string_append (r.out, "\n\n");
  append_where (&r, entry, condensed);
  if (!heading)
    append_category (&r, entry, md ? " · *" : " (", md ? "*" : ")");

  append_other_names (&r, entry, term_index);
  append_other_entries (&r, term, entry);
  return g_string_free (r.out, FALSE);
}

char *
gls_rejected_markup (const GlsGlossary *glossary, guint preference, const char *text, gsize len,
                     const GlsTermMarkupOptions *options)
{
  const GlsPreference *p = gls_glossary_preference (glossary, preference);
  const GlsSource *source = gls_glossary_source (glossary, p->source);
  gboolean md = options->kind == GLS_MARKUP_MARKDOWN;
  gsize plen;
  const char *source_text = g_bytes_get_data (source->text, NULL);
  const char *preferred = gls_glossary_source_slice (glossary, p->source, p->preferred, &plen);
  const GlsTerm *term = plen > 0 ? gls_glossary_lookup (glossary, preferred, (gssize) plen) : NULL;
  if (term != NULL)
    {
      preferred = gls_glossary_term_canonical (glossary, term);
      plen = strlen (preferred);
    }
  /* A vocabulary list rejects spellings; a glossary deprecates its own names. */
  gboolean list = gls_vocab_detect (source->display_path, source_text, source->file_len) != GLS_VOCAB_FORMAT_NONE;
  GString *out = g_string_new ("\u201c");
  append_escaped (out, options->kind, text, len);
  g_string_append (out, list ? "\u201d is a rejected spelling" : "\u201d is deprecated");
  if (plen > 0)
    {
      g_string_append (out, list ? "; write " : " for ");
      g_string_append (out, md ? "**" : "\u201c");
      append_escaped (out, options->kind, preferred, plen);
      g_string_append (out, md ? "**" : "\u201d");
    }
  /* Where it is written: a link to that line, as an entry's place is. */
  Render r = { glossary, options, options->kind, out };
  GlsEntry where = { .source = p->source, .line = p->line };
  g_string_append (out, " (");
  append_entry_link (&r, &where, NULL);
  g_string_append (out, ").");
  if (term != NULL)
    {
      GlsTermMarkupOptions plain = *options;
      plain.sense = NULL;
      g_autofree char *more = gls_term_markup (glossary, gls_glossary_term_index (glossary, term), &plain);
      g_string_append (out, md ? "\n\n---\n\n" : "\n\n");
      g_string_append (out, more);
    }
  return g_string_free (out, FALSE);
}
