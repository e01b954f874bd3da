/* bench/names.c — which names of a glossary are still found, and which light
 * up prose: the "no headword is lost" count of issue 10.
 *
 *   bench-names [--no-default] [--unlit] [PATH...]   PATH: user glossaries; default: the seeds only
 *
 * For every entry it looks at three kinds of name:
 *   headword   the first header item;
 *   title      the title, when it is "X (Y)": X and Y (the loader's title names);
 *   acronym    a header item or title name whose term's canonical spelling is
 *              one word with two or more capitals (MoE, LoRA, LLM, GPU).
 * A name is reachable when looking it up (gls_glossary_lookup, what `define`,
 * completion and workspace/symbol do) gives a term that lists this entry; it
 * is lit when that term is recognised in prose (GLS_TERM_MATCH_PROSE), and
 * lit here when, in addition, the term's best entry is this one or one with
 * the same title. Also prints how many terms are recognised in prose.
 * The definitions of the kinds do not depend on the roles the glossary
 * assigns, so the same program measures a glossary before and after a change
 * of those rules. Not a test: no assertions.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "glossary/glossary.h"
#include "glossary/glossary_load.h"

typedef struct
{
  guint total, reachable, lit, lit_here;
} Count;

static gboolean
is_acronym (const char *canonical)
{
  guint caps = 0;
  for (const char *p = canonical; *p != '\0'; p++)
    {
      if (*p == ' ')
        return FALSE;
      caps += g_ascii_isupper (*p) ? 1 : 0;
    }
  return caps >= 2;
}

static gboolean
same_title (const GlsGlossary *g, const GlsEntry *a, const GlsEntry *b)
{
  gsize la, lb;
  if (a == b)
    return TRUE;
  if (a->title.len == 0 || b->title.len == 0)
    return FALSE;
  const char *ta = gls_glossary_slice (g, a, a->title, &la);
  const char *tb = gls_glossary_slice (g, b, b->title, &lb);
  return la == lb && g_ascii_strncasecmp (ta, tb, la) == 0;
}

static void
count_name (const GlsGlossary *g, guint e, const GlsName *name, Count *c)
{
  const GlsEntry *entry = gls_glossary_entry (g, e);
  gsize len;
  const char *text = gls_glossary_slice (g, entry, name->text, &len);
  const GlsTerm *term = gls_glossary_lookup (g, text, (gssize) len);

  c->total++;
  if (term == NULL)
    return;
  gboolean lists = FALSE;
  for (guint i = 0; i < term->n_refs && !lists; i++)
    lists = gls_glossary_term_ref (g, term, i)->entry == e;
  if (!lists)
    return;
  c->reachable++;
  if (!(term->flags & GLS_TERM_MATCH_PROSE))
    return;
  c->lit++;
  const GlsEntry *best = gls_glossary_entry (g, gls_glossary_term_ref (g, term, 0)->entry);
  if (same_title (g, best, entry))
    c->lit_here++;
}

static void
print_count (const char *what, const Count *c)
{
  printf ("%-9s %6u  reachable %6u  lit in prose %6u  lit and opening this entry %6u\n",
          what, c->total, c->reachable, c->lit, c->lit_here);
}

int
main (int argc, char **argv)
{
  gboolean no_default = FALSE, unlit = FALSE;
  GOptionEntry options[] = {
    { "unlit", 0, 0, G_OPTION_ARG_NONE, &unlit, "list the entries no name of theirs lights up", NULL },
    { "no-default", 0, 0, G_OPTION_ARG_NONE, &no_default, "leave out the seeds", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("[PATH...]");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (ctx, options, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-names: %s\n", error->message);
      return 2;
    }
  GlsGlossaryOptions load = { .no_default = no_default, .paths = (const char * const *) (argv + 1) };
  g_autoptr (GlsGlossary) g = gls_glossary_load (&load, NULL);
  Count headword = { 0 }, title = { 0 }, acronym = { 0 };

  for (guint e = 0; e < gls_glossary_n_entries (g); e++)
    {
      const GlsEntry *entry = gls_glossary_entry (g, e);
      for (guint i = 0; i < entry->n_names; i++)
        {
          const GlsName *name = gls_glossary_name (g, entry->first_name + i);
          if (name->term == GLS_NO_TERM)
            continue;
          const char *canonical = gls_glossary_term_canonical (g, gls_glossary_term (g, name->term));
          if (i == 0)
            count_name (g, e, name, &headword);
          /* Title names the loader found from "X (Y)": those past the header
           * items that lie inside the title. */
          if (i >= entry->n_items && name->text.start >= entry->title.start &&
              name->text.start + name->text.len <= entry->title.start + entry->title.len &&
              name->text.len < entry->title.len)
            count_name (g, e, name, &title);
          if (is_acronym (canonical))
            count_name (g, e, name, &acronym);
        }
    }
  /* Entries that some name of theirs lights up in prose (their own term's
   * best entry, or one with the same title). */
  guint entries_lit = 0;
  for (guint e = 0; e < gls_glossary_n_entries (g); e++)
    {
      const GlsEntry *entry = gls_glossary_entry (g, e);
      gboolean lit = FALSE;
      for (guint i = 0; i < entry->n_names && !lit; i++)
        {
          const GlsName *name = gls_glossary_name (g, entry->first_name + i);
          if (name->term == GLS_NO_TERM)
            continue;
          const GlsTerm *term = gls_glossary_term (g, name->term);
          lit = (term->flags & GLS_TERM_MATCH_PROSE) &&
                same_title (g, gls_glossary_entry (g, gls_glossary_term_ref (g, term, 0)->entry), entry);
        }
      entries_lit += lit ? 1 : 0;
      if (!lit && unlit)
        {
          gsize len;
          const char *text = gls_glossary_slice (g, entry, entry->header, &len);
          printf ("unlit: %s:%u: %.*s\n", gls_glossary_source (g, entry->source)->display_path, entry->line,
                  (int) len, text);
        }
    }
  guint lit_terms = 0;
  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    lit_terms += (gls_glossary_term (g, t)->flags & GLS_TERM_MATCH_PROSE) ? 1 : 0;
  printf ("entries %u, terms %u, terms recognised in prose %u\n",
          gls_glossary_n_entries (g), gls_glossary_n_terms (g), lit_terms);
  print_count ("headword", &headword);
  print_count ("title", &title);
  print_count ("acronym", &acronym);
  printf ("entries that one of their names lights up in prose (opening them or a same-title entry): %u\n",
          entries_lit);
  return 0;
}
