/* Tests of choosing an entry by the words around a mention
 * (lsp/glossary/sense.c) on a small glossary of its own: a word that names
 * both a method and a software library, written for these tests. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "glossary/glossary.h"
#include "glossary/glossary_build.h"
#include "glossary/sense.h"

TestSuite (sense);

static const char glossary_text[] =
  /* line 1: the method */
  "gribble, gribble sort, sorting algorithms\n"
  "**Gribble** is a comparison sort that splits an array around a pivot, sorts each half recursively and "
  "merges the runs; it is stable and needs linear extra memory.\n"
  /* line 3: a library named after it */
  "gribbles library, gribbles, rust crates\n"
  "**Gribbles** is **a Rust crate that packages fast sorting for applications** — add it to Cargo.toml, "
  "import the crate and call its API from your binary; releases follow semantic versioning.\n"
  /* line 5: the same method described again, in other words */
  "gribble, gribble sort tutorial, sorting algorithms\n"
  "**Gribble sort tutorial** walks through gribble on a small array: pick a pivot, split the array, sort "
  "each half recursively and merge the runs.\n";

static GlsGlossary *
load (void)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new_static (glossary_text, sizeof glossary_text - 1);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("g.txt", NULL, bytes));
  return gls_glossary_new_from_sources (sources, NULL);
}

/* The header line of the entry chosen for the first `word` in text. */
static guint
chosen_line (const GlsGlossary *g, const char *text, const char *word, gboolean *changed)
{
  const GlsTerm *term = gls_glossary_lookup (g, word, -1);
  cr_assert_not_null (term, "%s", word);
  const char *at = strstr (text, word);
  cr_assert_not_null (at);
  GlsSense sense;
  cr_assert (gls_sense_choose (g, gls_glossary_term_index (g, term), text, strlen (text), (gsize) (at - text),
                               (gsize) (at - text) + strlen (word), &sense));
  if (changed != NULL)
    *changed = sense.changed;
  cr_assert_eq (gls_glossary_name (g, sense.name)->entry, sense.entry);
  return gls_glossary_entry (g, sense.entry)->line;
}

GLS_TEST (sense, the_library_is_chosen_where_the_text_talks_about_software)
{
  g_autoptr (GlsGlossary) g = load ();
  gboolean changed = FALSE;
  const char *text = "Add gribbles to Cargo.toml, import the crate in your binary and call its API; "
                     "check the releases before you upgrade.";
  cr_expect_eq (chosen_line (g, text, "gribbles", &changed), 3u);
  cr_expect (changed);
}

GLS_TEST (sense, the_default_stays_where_the_text_talks_about_the_method)
{
  g_autoptr (GlsGlossary) g = load ();
  gboolean changed = TRUE;
  const char *text = "To sort the array, gribbles split it around a pivot and merge the runs recursively.";
  cr_expect_eq (chosen_line (g, text, "gribbles", &changed), 1u);
  cr_expect_not (changed);
}

GLS_TEST (sense, weak_evidence_keeps_the_rank_order)
{
  g_autoptr (GlsGlossary) g = load ();
  /* One word of the library (crate) is not enough. */
  cr_expect_eq (chosen_line (g, "We tried gribbles in a crate once.", "gribbles", NULL), 1u);
  cr_expect_eq (chosen_line (g, "gribbles", "gribbles", NULL), 1u);
}

GLS_TEST (sense, a_library_is_called_by_its_exact_name)
{
  g_autoptr (GlsGlossary) g = load ();
  /* "gribble" (singular) is not how the library is written, whatever the
   * words around it say. */
  const char *text = "Add gribble to Cargo.toml, import the crate in your binary and call its API; "
                     "check the releases before you upgrade.";
  cr_expect_eq (chosen_line (g, text, "gribble", NULL), 1u);
}

GLS_TEST (sense, entries_that_describe_the_same_thing_are_never_switched_by_context)
{
  g_autoptr (GlsGlossary) g = load ();
  /* The tutorial shares most of its words with the method's entry: the
   * word "tutorial" and "small" around the mention do not pick it. */
  const char *text = "This small tutorial walks through gribble on a small array, step by step, as a tutorial.";
  cr_expect_eq (chosen_line (g, text, "gribble", NULL), 1u);
}

GLS_TEST (sense, a_mention_at_either_end_of_the_text_and_multibyte_context)
{
  g_autoptr (GlsGlossary) g = load ();
  g_autoptr (GString) text = g_string_new ("gribbles ");
  for (guint i = 0; i < 200; i++)
    g_string_append (text, "ü crate € ");
  cr_expect_eq (chosen_line (g, text->str, "gribbles", NULL), 1u);
}
