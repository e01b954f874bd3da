/* hover-defects.c — how many hovers of a glossary read badly (issue 10).
 *
 *   gls-hover-defects [--glossary PATH]... [--no-default-glossary] [--list]
 *
 * Renders the hover (term_markup.h, Markdown with links, and plain text) of
 * every term that some entry names by its headword, title or an alias (not
 * keyword-only terms: they never light up) and counts the defects a reader
 * sees, each at most once per hover:
 *   cut           the definition stops inside a line (" …");
 *   heading-end   the definition ends on a line that is only a bold heading
 *                 ("**The Low-Rank Hypothesis**");
 *   colon-end     the definition ends with a colon ("comparisons:");
 *   doubled-title the definition starts with the heading's title again (not
 *                 counted for "mentioned in" hovers: their passage is about
 *                 the term the heading names);
 *   damaged-tex   outside code fences: a control character (a tab that was
 *                 the \t of \text, a backspace that was the \b of \begin, ...),
 *                 a line starting "abla" or "ight", or a TeX command without
 *                 its backslash before a brace ("ext{", "egin{", "hat{");
 *   raw-markup    the plain-text hover shows Markdown link syntax "](", or
 *                 a backslash escape in a line the hover writes itself (the
 *                 heading, "Also:", the places; not the definition's TeX);
 *   same-title    "Other entries" lists an entry under the heading's title
 *                 or two entries under one title.
 * The definition is the text between the heading block and the first line of
 * the hover's own furniture (a link or "Full definition", "Defined in",
 * "Also:", "---"). A measurement, not a test: the figures go to BENCHMARKS.md
 * and --list prints every defective hover's term and defects, to read the
 * hovers themselves with `glossary-ls define`.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "glossary/glossary.h"
#include "glossary/glossary_load.h"
#include "server/features/term_markup.h"

enum { CUT, HEADING_END, COLON_END, DOUBLED_TITLE, DAMAGED_TEX, RAW_MARKUP, SAME_TITLE, N_DEFECTS };
static const char *const defect_names[] = { "cut", "heading-end", "colon-end", "doubled-title",
                                            "damaged-tex", "raw-markup", "same-title" };

static const char *
source_uri (guint source, gpointer user_data)
{
  GPtrArray *uris = user_data;
  return source < uris->len ? g_ptr_array_index (uris, source) : NULL;
}

static gboolean
is_furniture (const char *line)
{
  return g_str_has_prefix (line, "[") || g_str_has_prefix (line, "Full definition") ||
         g_str_has_prefix (line, "Defined in") || g_str_has_prefix (line, "*Also:*") ||
         g_str_has_prefix (line, "Also:") || g_str_has_prefix (line, "---") ||
         g_str_has_prefix (line, "**Other entries");
}

/* The text of a bold-only line ("**Title** · *cat*" -> "Title"), or NULL. */
static char *
bold_text (const char *line)
{
  if (!g_str_has_prefix (line, "**"))
    return NULL;
  const char *end = strstr (line + 2, "**");
  return end != NULL ? g_strndup (line + 2, (gsize) (end - line - 2)) : NULL;
}

/* The hover's own heading line: "**Name**", "**Name** · *category*" or
 * "**Name** — mentioned in *Entry*"; a definition that opens with its bold
 * title ("**RLAIF** (...) is ...") has none. */
static gboolean
is_heading (const char *line)
{
  if (!g_str_has_prefix (line, "**"))
    return FALSE;
  const char *end = strstr (line + 2, "**");
  if (end == NULL)
    return FALSE;
  end += 2;
  while (*end == ' ')
    end++;
  return *end == '\0' || g_str_has_prefix (end, "· ") || g_str_has_prefix (end, "— mentioned in ");
}

static gboolean
bold_only (const char *line)
{
  gsize n = strlen (line);
  while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == ':'))
    n--;
  return n > 4 && g_str_has_prefix (line, "**") && line[n - 1] == '*' && line[n - 2] == '*' &&
         g_strstr_len (line + 2, (gssize) n - 4, "**") == NULL;
}

static GRegex *tex_regex;

static gboolean
damaged_tex (char **def, guint n)
{
  gboolean fence = FALSE;
  for (guint i = 0; i < n; i++)
    {
      const char *l = def[i];
      if (g_str_has_prefix (g_strchug ((char *) l), "```"))
        {
          fence = !fence;
          continue;
        }
      if (fence)
        continue;
      for (const char *c = l; *c != '\0'; c++)
        if ((guchar) *c < 0x20)
          return TRUE;
      if (g_str_has_prefix (l, "abla") || g_str_has_prefix (l, "ight") ||
          g_regex_match (tex_regex, l, 0, NULL))
        return TRUE;
    }
  return FALSE;
}

/* TRUE if a line the hover renders itself (the heading, "Also:", "Defined
 * in", "Full definition", the other entries) carries a Markdown escape: the
 * definition's own text may legitimately hold TeX such as "Peak\\_FLOPS". */
static gboolean
escaped_furniture (const char *plain)
{
  g_auto (GStrv) lines = g_strsplit (plain, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];
      if (i > 0 && !g_str_has_prefix (l, "Also:") && !g_str_has_prefix (l, "Defined in") &&
          !g_str_has_prefix (l, "Full definition") && !g_str_has_prefix (l, "  - "))
        continue;
      for (const char *c = l; c[0] != '\0' && c[1] != '\0'; c++)
        if (c[0] == '\\' && strchr ("\\`*_{}[]()#+-.!<>|", c[1]) != NULL)
          return TRUE;
    }
  return FALSE;
}

/* Fills found[] for one term's hovers. */
static void
check_hover (const char *md, const char *plain, gboolean found[N_DEFECTS])
{
  g_auto (GStrv) lines = g_strsplit (md, "\n", -1);
  guint n = g_strv_length (lines);
  g_autofree char *title = n > 0 && is_heading (lines[0]) ? bold_text (lines[0]) : NULL;

  /* The definition: after the heading's blank line, up to the furniture. */
  guint from = title != NULL ? 1 : 0;
  while (from < n && lines[from][0] == '\0')
    from++;
  guint to = from;
  while (to < n && !is_furniture (lines[to]))
    to++;
  guint last = to;
  while (last > from && lines[last - 1][0] == '\0')
    last--;
  if (last > from)
    {
      g_autofree char *end = g_strdup (lines[last - 1]);
      found[CUT] = g_str_has_suffix (end, " …");
      if (g_str_has_suffix (end, " …"))
        end[strlen (end) - strlen (" …")] = '\0';
      g_strchomp (end);
      found[HEADING_END] = bold_only (end);
      found[COLON_END] = g_str_has_suffix (end, ":");
      /* A mention's passage is about the term its heading names: not a repeat. */
      if (title != NULL && strstr (lines[0], " — mentioned in ") == NULL)
        {
          g_autofree char *first = g_strdup (lines[from]);
          g_autofree char *plain_first = NULL;
          GString *s = g_string_new (NULL);
          for (const char *c = first; *c != '\0'; c++)
            if (*c != '*')
              g_string_append_c (s, *c);
          plain_first = g_string_free (s, FALSE);
          found[DOUBLED_TITLE] = g_ascii_strncasecmp (plain_first, title, strlen (title)) == 0;
        }
      found[DAMAGED_TEX] = damaged_tex (lines + from, last - from);
    }
  found[RAW_MARKUP] = strstr (plain, "](") != NULL || escaped_furniture (plain);

  /* "Other entries": "- **Title**..." lines. */
  g_autoptr (GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (title != NULL)
    g_hash_table_add (titles, g_strdup (title));
  gboolean others = FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (g_str_has_prefix (lines[i], "**Other entries"))
        others = TRUE;
      else if (others && g_str_has_prefix (lines[i], "- "))
        {
          char *t = bold_text (lines[i] + 2);
          if (t != NULL && !g_hash_table_add (titles, t))
            found[SAME_TITLE] = TRUE;
        }
    }
}

static gboolean
has_name (const GlsGlossary *g, const GlsTerm *term)
{
  for (guint i = 0; i < term->n_refs; i++)
    if (gls_glossary_term_ref (g, term, i)->role != GLS_ROLE_KEYWORD)
      return TRUE;
  return FALSE;
}

int
main (int argc, char **argv)
{
  gboolean no_default = FALSE, list = FALSE;
  g_auto (GStrv) paths = NULL;
  GOptionEntry options[] = {
    { "glossary", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, "a glossary file or directory (repeatable)", "PATH" },
    { "no-default-glossary", 0, 0, G_OPTION_ARG_NONE, &no_default, "leave out the embedded seeds", NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, "print every defective hover's term and defects", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- hovers of a glossary that read badly");
  g_autoptr (GError) error = NULL;
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "no arguments besides the options");
      return 2;
    }

  GlsGlossaryOptions load = { no_default, (const char *const *) paths };
  g_autoptr (GlsGlossary) g = gls_glossary_load (&load, NULL);
  g_autoptr (GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  for (guint s = 0; s < gls_glossary_n_sources (g); s++)
    {
      const GlsSource *src = gls_glossary_source (g, s);
      g_ptr_array_add (uris, src->disk_path != NULL ? g_filename_to_uri (src->disk_path, NULL, NULL)
                                                    : NULL);
    }
  tex_regex = g_regex_new ("(^|[^A-Za-z\\\\])(ext|egin|rac|hat|frac|sqrt|mathbb|mathrm|text|begin|left|right)\\{",
                           G_REGEX_OPTIMIZE, 0, NULL);
  g_assert (tex_regex != NULL);

  guint hovers = 0, defective = 0, counts[N_DEFECTS] = { 0 };
  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      const GlsTerm *term = gls_glossary_term (g, t);
      if (!has_name (g, term))
        continue;
      GlsTermMarkupOptions md_opts = { .kind = GLS_MARKUP_MARKDOWN, .source_uri = source_uri, .user_data = uris };
      GlsTermMarkupOptions plain_opts = md_opts;
      plain_opts.kind = GLS_MARKUP_PLAINTEXT;
      g_autofree char *md = gls_term_markup (g, t, &md_opts);
      g_autofree char *plain = gls_term_markup (g, t, &plain_opts);
      gboolean found[N_DEFECTS] = { FALSE };
      check_hover (md, plain, found);
      hovers++;
      gboolean any = FALSE;
      for (guint d = 0; d < N_DEFECTS; d++)
        {
          counts[d] += found[d];
          any |= found[d] && d != CUT;  /* a cut alone is not a defect */
        }
      defective += any;
      if (list && any)
        {
          printf ("%s\t", gls_glossary_term_canonical (g, term));
          for (guint d = 0; d < N_DEFECTS; d++)
            if (found[d] && d != CUT)
              printf (" %s", defect_names[d]);
          printf ("\n");
        }
    }
  printf ("hovers\t%u\nwith a defect (cut aside)\t%u\n", hovers, defective);
  for (guint d = 0; d < N_DEFECTS; d++)
    printf ("%s\t%u\n", defect_names[d], counts[d]);
  g_regex_unref (tex_regex);
  return 0;
}
