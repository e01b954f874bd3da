/* sweep.c — recall of the typo rules on every one-edit variant of glossary
 * terms, and how many "safe" fixes would write something wrong.
 *
 *   bench-sweep [--list] [--glossary FILE]
 *
 * Groups (a term can be in both):
 *   multi-word    every term recognised in prose whose canonical spelling has
 *                 two or more words ("mixture of experts", "KV cache");
 *   irregular     every term recognised in prose whose canonical spelling has
 *                 irregular capitals ("RMSNorm", "LlamaIndex"), typed with them;
 *   tags          every term of several words that lights up no prose (a tag
 *                 or search phrase of a header: "knowledge transfer") but is
 *                 a misspelling target (rule_index.h), except those gluing
 *                 other names of their entry together.
 * Variants of the canonical spelling, at every letter: drop, swap with the
 * next letter, double, substitution by a key next to it on a QWERTY keyboard
 * (keeping the letter's case). Recall is also given apart for variants of
 * words of 1-3 characters and acronyms of 4 (short_word_at). Each variant is embedded in a Markdown
 * sentence ("In this chapter we study VARIANT in depth.") and checked with the
 * default rules. Variants that are not typos the rules could know about are
 * left out and counted: the changed word is ordinary English or a word of
 * another term ("mixture of export"), or the variant is itself a term.
 *
 * Recall: a finding overlapping the variant. A fixable finding is applied;
 * the fix is wrong if the phrase is then not the canonical spelling (ASCII
 * case aside), e.g. a plural lost or another term written. --list prints
 * every missed variant and every wrong fix with its group ("-short": a word
 * of 1-3 characters or a 4-letter acronym).
 */
#include <stdio.h>
#include <string.h>

#include "analysis/analyzer.h"
#include "glossary/issue.h"
#include "glossary/normalize.h"
#include "glossary/glossary_load.h"
#include "text/prose.h"

static const char *const rows[] = { "qwertyuiop", "asdfghjkl", "zxcvbnm" };

/* The letters next to c on a QWERTY keyboard (same row, and the rows above
 * and below at the same and the next column). */
static void
neighbours (char c, GString *out)
{
  char l = g_ascii_tolower (c);
  g_string_truncate (out, 0);
  for (int r = 0; r < 3; r++)
    {
      const char *p = strchr (rows[r], l);
      if (p == NULL)
        continue;
      int col = (int) (p - rows[r]);
      for (int dr = -1; dr <= 1; dr++)
        {
          int rr = r + dr;
          if (rr < 0 || rr > 2)
            continue;
          /* Rows are shifted right by about half a key each. */
          int lo = dr == 0 ? col - 1 : dr < 0 ? col : col - 1;
          int hi = dr == 0 ? col + 1 : dr < 0 ? col + 1 : col;
          for (int k = lo; k <= hi; k++)
            if (k >= 0 && k < (int) strlen (rows[rr]) && !(dr == 0 && k == col))
              {
                char n = rows[rr][k];
                g_string_append_c (out, g_ascii_isupper (c) ? g_ascii_toupper (n) : n);
              }
        }
    }
}

typedef struct
{
  GlsAnalyzer *analyzer;
  const char *name;  /* of the group, in --list lines */
  gboolean list;
  guint variants, excluded, caught, safe, wrong_safe;
  guint short_variants, short_caught;  /* the edited word is short or an acronym (short_word_at) */
} Group;

static gboolean
excluded (const GlsAnalyzer *an, const char *variant, gsize at)
{
  const GlsGlossary *g = gls_analyzer_glossary (an);
  if (gls_glossary_lookup (g, variant, -1) != NULL)
    return TRUE;
  gsize s = at, e = at;
  while (s > 0 && g_ascii_isalnum (variant[s - 1]))
    s--;
  while (variant[e] != '\0' && g_ascii_isalnum (variant[e]))
    e++;
  g_autofree char *w = g_ascii_strdown (variant + s, (gssize) (e - s));
  if (e - s == 0 || gls_wordlist_contains (gls_analyzer_wordlist (an), w, e - s))
    return TRUE;
  /* A word of another term: "knowledge distillation" -> "knowledge distillatio" is
   * not, "mixture of export" would be if export were a term word. */
  g_autoptr (GString) norm = g_string_new (NULL);
  g_autoptr (GArray) map = g_array_new (FALSE, FALSE, sizeof (guint32));
  gls_normalize (w, -1, norm, map);
  return gls_glossary_lookup (g, norm->str, -1) != NULL;
}

/* Is the word of s around byte at short (1-3 characters) or an acronym of
 * at most 4 (RGCN)? One edit of such a word is mostly another real word or
 * acronym (GCN, ion -> oin), which no rule can tell from a typo without
 * false alarms; the sweep reports them apart. */
static gboolean
short_word_at (const char *s, gsize at)
{
  gsize b = at, e = at;
  while (b > 0 && g_ascii_isalnum (s[b - 1]))
    b--;
  while (s[e] != '\0' && g_ascii_isalnum (s[e]))
    e++;
  gboolean caps = TRUE;
  for (gsize i = b; i < e; i++)
    caps = caps && !g_ascii_islower (s[i]);
  return e - b <= 3 || (caps && e - b <= 4);
}

static void
check_variant (Group *grp, const char *canonical, const char *variant, gsize at, gboolean short_word)
{
  if (g_ascii_strcasecmp (variant, canonical) == 0)
    return;
  if (excluded (grp->analyzer, variant, at))
    {
      grp->excluded++;
      return;
    }
  grp->variants++;
  static const char prefix[] = "In this chapter we study ";
  g_autofree char *text = g_strdup_printf ("%s%s in depth.\n", prefix, variant);
  gsize vs = strlen (prefix), ve = vs + strlen (variant), len = strlen (text);

  g_autoptr (GlsProse) prose = gls_prose_new ("markdown");
  gls_prose_parse (prose, text, len, NULL, NULL);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  gls_prose_spans (prose, 0, G_MAXUINT32, spans);
  g_autoptr (GArray) findings = g_array_new (FALSE, TRUE, sizeof (GlsFinding));
  g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear);
  gls_analyzer_check (grp->analyzer, NULL, text, len, (const GlsProseSpan *) spans->data, spans->len,
                      findings, NULL);

  gboolean caught = FALSE;
  for (guint i = 0; i < findings->len; i++)
    {
      const GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      if (f->end <= vs || f->start >= ve)
        continue;
      caught = TRUE;
      if (!f->fixable)
        continue;
      grp->safe++;
      const char *r = g_ptr_array_index (f->replacements, 0);
      g_autoptr (GString) fixed = g_string_new_len (text, f->start);
      g_string_append (fixed, r);
      g_string_append (fixed, text + f->end);
      gssize delta = (gssize) strlen (r) - (gssize) (f->end - f->start);
      g_autofree char *phrase = g_strndup (fixed->str + vs, (gsize) ((gssize) (ve - vs) + delta));
      if (g_ascii_strcasecmp (phrase, canonical) != 0)
        {
          grp->wrong_safe++;
          if (grp->list)
            printf ("WRONG-FIX %s %s -> %s (want %s)\n", grp->name, variant, phrase, canonical);
        }
    }
  if (short_word)
    {
      grp->short_variants++;
      grp->short_caught += caught;
    }
  if (caught)
    grp->caught++;
  else if (grp->list)
    printf ("MISSED %s%s %s (%s)\n", grp->name, short_word ? "-short" : "", variant, canonical);
}

static void
sweep_term (Group *grp, const char *canonical)
{
  gsize n = strlen (canonical);
  g_autoptr (GString) v = g_string_new (NULL);
  g_autoptr (GString) keys = g_string_new (NULL);
  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isalpha (canonical[i]))
        continue;
      gboolean sw = short_word_at (canonical, i);
      /* drop */
      g_string_assign (v, canonical);
      g_string_erase (v, (gssize) i, 1);
      if (v->len > 0)
        check_variant (grp, canonical, v->str, MIN (i, v->len - 1), sw);
      /* swap with the next letter */
      if (i + 1 < n && g_ascii_isalpha (canonical[i + 1]) && canonical[i] != canonical[i + 1])
        {
          g_string_assign (v, canonical);
          v->str[i] = canonical[i + 1];
          v->str[i + 1] = canonical[i];
          check_variant (grp, canonical, v->str, i, sw);
        }
      /* double */
      g_string_assign (v, canonical);
      g_string_insert_c (v, (gssize) i, canonical[i]);
      check_variant (grp, canonical, v->str, i, sw);
      /* adjacent key */
      neighbours (canonical[i], keys);
      for (gsize k = 0; k < keys->len; k++)
        {
          g_string_assign (v, canonical);
          v->str[i] = keys->str[k];
          check_variant (grp, canonical, v->str, i, sw);
        }
    }
}

static void
print_group (const char *name, const Group *g, guint terms)
{
  guint lv = g->variants - g->short_variants, lc = g->caught - g->short_caught;
  printf ("%-12s %5u terms %6u variants (%u excluded) recall %5.1f%% (%u caught)  safe fixes %u, wrong %u\n",
          name, terms, g->variants, g->excluded, g->variants ? 100.0 * g->caught / g->variants : 0.0,
          g->caught, g->safe, g->wrong_safe);
  printf ("%-12s   other words: %6u variants, recall %6.2f%%; 1-3 characters or 4-letter acronyms: %6u, recall %6.2f%%\n",
          "", lv, lv ? 100.0 * lc / lv : 0.0, g->short_variants,
          g->short_variants ? 100.0 * g->short_caught / g->short_variants : 0.0);
}

int
main (int argc, char **argv)
{
  gboolean list = FALSE;
  const char *glossary_path = NULL;
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--list") == 0)
      list = TRUE;
    else if (strcmp (argv[i], "--glossary") == 0 && i + 1 < argc)
      glossary_path = argv[++i];
    else
      {
        fprintf (stderr, "usage: bench-sweep [--list] [--glossary FILE]\n");
        return 2;
      }

  const char *paths[] = { glossary_path, NULL };
  GlsGlossaryOptions options = { 0 };
  if (glossary_path != NULL)
    {
      options.paths = paths;
      options.no_default = TRUE;
    }
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GlsGlossary) g = gls_glossary_load (&options, issues);
  if (g == NULL || gls_glossary_n_terms (g) == 0)
    {
      fprintf (stderr, "bench-sweep: no glossary terms loaded (%u issues)\n", issues->len);
      return 2;
    }
  g_autoptr (GlsAnalyzer) an = gls_analyzer_new (g);
  Group multi = { an, "multi-word", list }, irregular = { an, "irregular", list }, tags = { an, "tags", list };
  guint n_multi = 0, n_irregular = 0, n_tags = 0;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      const GlsTerm *term = gls_glossary_term (g, t);
      const char *canonical = gls_glossary_term_canonical (g, term);
      if (!(term->flags & GLS_TERM_MATCH_PROSE))
        {
          if (!(term->flags & GLS_TERM_COMBINED) && strchr (canonical, ' ') != NULL &&
              g_hash_table_add (seen, (gpointer) canonical))
            {
              n_tags++;
              sweep_term (&tags, canonical);
            }
          continue;
        }
      if (!g_hash_table_add (seen, (gpointer) canonical))
        continue;
      if (strchr (canonical, ' ') != NULL)
        {
          n_multi++;
          sweep_term (&multi, canonical);
        }
      if (term->flags & GLS_TERM_IRREGULAR_CASE)
        {
          n_irregular++;
          sweep_term (&irregular, canonical);
        }
    }
  print_group ("multi-word", &multi, n_multi);
  print_group ("irregular", &irregular, n_irregular);
  print_group ("tags", &tags, n_tags);
  return 0;
}
