/* The hover checker (issue 10, item 4): every headword and alias of a
 * glossary hovered in Markdown and in plain text, each hover audited for the
 * flaws of hover_audit.h. Runs on the default glossary (the seeds), on a
 * glossary written for this test in the seed format (tests/data), and on a
 * synthetic 10,000-entry glossary from bench/gen-glossary.c.
 *
 * The counts are printed (the test log has them), faults fail the test with
 * the term and the hover. Cut hovers ("…") are counted, not faults.
 */
#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "common/leak-check.h"
#include "hover_audit.h"
#include "server/features/term_markup.h"
#include "glossary/glossary_load.h"

static const char *
test_uri (guint source, gpointer user_data)
{
  return "file:///glossary/seed%20file.txt";
}

static const GlsHoverFlaw all_flaws[] = {
  GLS_FLAW_CUT, GLS_FLAW_ENDS_HEADING, GLS_FLAW_ENDS_COLON, GLS_FLAW_DOUBLE_TITLE,
  GLS_FLAW_DAMAGED_TEX, GLS_FLAW_RAW_LINK, GLS_FLAW_ESCAPES, GLS_FLAW_DUPLICATE,
  GLS_FLAW_FLAT_LIST,
};

typedef struct
{
  guint terms;
  guint counts[G_N_ELEMENTS (all_flaws)];
} Tally;

static guint
check_term (const GlsGlossary *g, guint32 term, Tally *tally, guint *faults)
{
  guint seen = 0;
  for (guint k = 0; k < 2; k++)
    {
      GlsTermMarkupOptions options = {
        .kind = k == 0 ? GLS_MARKUP_MARKDOWN : GLS_MARKUP_PLAINTEXT,
        .source_uri = test_uri,
      };
      g_autofree char *hover = gls_term_markup (g, term, &options);
      guint flaws = gls_hover_audit (hover, options.kind, NULL, NULL);

      seen |= flaws;
      if ((flaws & GLS_FLAW_FAULTS) != 0 && (*faults)++ < 8)
        cr_log_error ("%s hover of \"%s\" has flaws 0x%x:\n%s\n",
                      gls_markup_kind_to_string (options.kind),
                      gls_glossary_term_canonical (g, gls_glossary_term (g, term)), flaws, hover);
    }
  tally->terms++;
  for (gsize i = 0; i < G_N_ELEMENTS (all_flaws); i++)
    tally->counts[i] += (seen & all_flaws[i]) != 0;
  return seen;
}

static void
print_tally (const char *what, const Tally *tally)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "%s: %u terms", what, tally->terms);
  for (gsize i = 0; i < G_N_ELEMENTS (all_flaws); i++)
    g_string_append_printf (s, ", %s %u", gls_hover_flaw_name (all_flaws[i]), tally->counts[i]);
  fprintf (stderr, "%s\n", s->str);
  g_string_free (s, TRUE);
}

/* Hovers every headword (first tally) and every headword, alias and title
 * name (second) once per term; returns the number of faulty hovers. */
static guint
check_glossary (const GlsGlossary *g, const char *what)
{
  g_autoptr (GHashTable) done = g_hash_table_new (NULL, NULL);
  Tally headwords = { 0 }, names = { 0 };
  guint faults = 0;

  for (guint pass = 0; pass < 2; pass++)
    for (guint e = 0; e < gls_glossary_n_entries (g); e++)
      {
        const GlsEntry *entry = gls_glossary_entry (g, e);
        for (guint i = 0; i < entry->n_names; i++)
          {
            const GlsName *name = gls_glossary_name (g, entry->first_name + i);
            if (name->term == GLS_NO_TERM || name->role == GLS_ROLE_KEYWORD ||
                (pass == 0 && name->role != GLS_ROLE_HEADWORD) ||
                g_hash_table_contains (done, GUINT_TO_POINTER (name->term + 1)))
              continue;
            g_hash_table_add (done, GUINT_TO_POINTER (name->term + 1));
            guint flaws = check_term (g, name->term, &names, &faults);
            if (pass == 0)
              {
                headwords.terms++;
                for (gsize f = 0; f < G_N_ELEMENTS (all_flaws); f++)
                  headwords.counts[f] += (flaws & all_flaws[f]) != 0;
              }
          }
      }
  g_autofree char *h = g_strdup_printf ("%s, headwords", what);
  g_autofree char *a = g_strdup_printf ("%s, headwords, aliases and titles", what);
  print_tally (h, &headwords);
  print_tally (a, &names);
  return faults;
}

static GlsGlossary *
load (const char *path)
{
  GlsGlossaryOptions options = { .no_default = path != NULL };
  const char *paths[] = { path, NULL };
  if (path != NULL)
    options.paths = paths;
  GlsGlossary *g = gls_glossary_load (&options, NULL);
  cr_assert_not_null (g);
  return g;
}

GLS_TEST (hover_check, the_seeds_read_well)
{
  g_autoptr (GlsGlossary) g = load (NULL);
  cr_expect_eq (check_glossary (g, "seeds"), 0);
}

GLS_TEST (hover_check, a_second_glossary_reads_well)
{
  g_autoptr (GlsGlossary) g = load (GLS_TEST_DATA "/second-glossary.txt");
  cr_assert_geq (gls_glossary_n_entries (g), 9);
  cr_expect_eq (check_glossary (g, "second glossary"), 0);
}

GLS_TEST (hover_check, a_synthetic_10k_glossary_reads_well, .timeout = 600)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  const char *argv[] = { GLS_GEN_GLOSSARY, "10000", NULL };
  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                           &out, NULL, &status, &error), "%s", error ? error->message : "");
  g_autofree char *dir = g_dir_make_tmp ("gls-hover-check-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "synthetic.txt", NULL);
  cr_assert (g_file_set_contents (path, out, -1, NULL));
  g_autoptr (GlsGlossary) g = load (path);
  g_unlink (path);
  g_rmdir (dir);
  cr_assert_geq (gls_glossary_n_entries (g), 10000);
  cr_expect_eq (check_glossary (g, "synthetic 10k"), 0);
}
