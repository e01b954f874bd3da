/* Tests of the reader interface (reader.h, glossary_builder.h): a reader
 * written here for a made-up tab-separated format fills the glossary through
 * the builder and must give the same terms as the seed reader given the same
 * entries; the table decides which file names a directory walk reads. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "common/leak-check.h"
#include "glossary/glossary.h"
#include "glossary/glossary_build.h"
#include "glossary/reader.h"

TestSuite (reader);

static GlsSlice
slice (const char *text, const char *start, const char *end)
{
  return (GlsSlice) { (guint32) (start - text), (guint32) (end - start) };
}

/* "headword<TAB>alias, alias<TAB>definition" per line; a line without two
 * tabs is an issue and the other lines still load. */
static void
tsv_read (GlsGlossaryBuilder *builder, const GlsReaderInput *input)
{
  const char *text = input->text, *end = text + input->len;
  guint line = 0;
  for (const char *p = text; p < end; line++)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      if (eol == NULL)
        eol = end;
      const char *tab1 = memchr (p, '\t', (gsize) (eol - p));
      const char *tab2 = tab1 != NULL ? memchr (tab1 + 1, '\t', (gsize) (eol - tab1 - 1)) : NULL;
      if (tab2 == NULL || tab1 == p)
        gls_glossary_builder_add_issue (builder, gls_issue_new (input->path, line + 1, GLS_ISSUE_ERROR,
                                                                "expected headword, aliases and definition"));
      else
        {
          GlsSlice none = { 0, 0 };
          gls_glossary_builder_add_entry (builder, input->source, line + 1, slice (text, p, tab2),
                                          slice (text, tab2 + 1, eol), none, none);
          gls_glossary_builder_add_name (builder, slice (text, p, tab1), GLS_ROLE_HEADWORD);
          for (const char *a = tab1 + 1; a < tab2;)
            {
              const char *comma = memchr (a, ',', (gsize) (tab2 - a));
              const char *a_end = comma != NULL ? comma : tab2;
              while (a < a_end && *a == ' ')
                a++;
              if (a < a_end)
                gls_glossary_builder_add_name (builder, slice (text, a, a_end), GLS_ROLE_ALIAS);
              a = a_end + 1;
            }
        }
      p = eol + 1;
    }
}

static const GlsGlossaryReader tsv_reader = { "tsv", NULL, NULL, tsv_read, NULL };

static GlsGlossary *
build (const char *path, const char *text, const GlsGlossaryReader *reader, GPtrArray *issues)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_ptr_array_add (sources, gls_source_new_from_bytes (path, NULL, bytes));
  return gls_glossary_build_with_reader (sources, reader, issues, NULL);
}

/* Three items per header: the seed format reads the last of exactly two as
 * a category (grammar/README.md). */
static const char seed_text[] =
  "low-rank adaptation, LoRA, adapters\n"
  "Trains two small LoRA matrices beside each frozen weight; adapters are cheap.\n"
  "\n"
  "rotary position embedding, RoPE, rotary embedding\n"
  "Rotates query and key vectors by position; RoPE extrapolates poorly.\n"
  "\n"
  "data, dataset, datasets\n"
  "The data a model learns from.\n";

static const char tsv_text[] =
  "low-rank adaptation\tLoRA, adapters\tTrains two small LoRA matrices beside each frozen weight; adapters are cheap.\n"
  "rotary position embedding\tRoPE, rotary embedding\tRotates query and key vectors by position; RoPE extrapolates poorly.\n"
  "data\tdataset, datasets\tThe data a model learns from.\n";

GLS_TEST (reader, a_reader_through_the_builder_gives_the_terms_of_the_seed_reader)
{
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GlsGlossary) seed = build ("team.txt", seed_text, NULL, issues);
  g_autoptr (GlsGlossary) tsv = build ("team.tsv", tsv_text, &tsv_reader, issues);

  cr_assert_eq (issues->len, 0);
  cr_assert_eq (gls_glossary_n_entries (tsv), 3);
  cr_assert_eq (gls_glossary_n_terms (tsv), gls_glossary_n_terms (seed));
  for (guint t = 0; t < gls_glossary_n_terms (seed); t++)
    {
      const GlsTerm *a = gls_glossary_term (seed, t), *b = gls_glossary_term (tsv, t);
      cr_expect_str_eq (gls_glossary_term_key (tsv, b), gls_glossary_term_key (seed, a));
      cr_expect_str_eq (gls_glossary_term_canonical (tsv, b), gls_glossary_term_canonical (seed, a));
      cr_expect_eq (b->flags, a->flags, "%s", gls_glossary_term_key (seed, a));
      cr_assert_eq (b->n_refs, a->n_refs);
      for (guint r = 0; r < a->n_refs; r++)
        {
          const GlsName *na = gls_glossary_term_ref (seed, a, r), *nb = gls_glossary_term_ref (tsv, b, r);
          cr_expect_eq (nb->role, na->role, "%s: %s / %s", gls_glossary_term_key (seed, a),
                        gls_role_to_string (nb->role), gls_role_to_string (na->role));
          cr_expect_eq (nb->entry, na->entry);
        }
    }
  /* The names are slices of the tsv file's own bytes. */
  const GlsTerm *rope = gls_glossary_lookup (tsv, "RoPE", -1);
  cr_assert_not_null (rope);
  const GlsName *name = gls_glossary_term_ref (tsv, rope, 0);
  const GlsEntry *entry = gls_glossary_entry (tsv, name->entry);
  g_autofree char *body = gls_glossary_slice_dup (tsv, entry, entry->body);
  cr_expect_str_eq (body, "Rotates query and key vectors by position; RoPE extrapolates poorly.");
  cr_expect_eq (entry->line, 2);
}

GLS_TEST (reader, a_bad_line_is_an_issue_and_loses_nothing_else)
{
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GlsGlossary) g = build ("team.tsv", "lora\tLoRA\tAdapters.\nno tabs here\n\tx\ty\nrope\t\tRotations.\n",
                                     &tsv_reader, issues);

  cr_assert_eq (issues->len, 2);
  const GlsIssue *first = g_ptr_array_index (issues, 0), *second = g_ptr_array_index (issues, 1);
  cr_expect_str_eq (first->path, "team.tsv");
  cr_expect_eq (first->line, 2);
  cr_expect_eq (second->line, 3);
  cr_expect_not (first->in_default);
  cr_assert_eq (gls_glossary_n_entries (g), 2);
  cr_expect_not_null (gls_glossary_lookup (g, "lora", -1));
  cr_expect_not_null (gls_glossary_lookup (g, "rope", -1));
  cr_expect_eq (gls_glossary_entry (g, 1)->line, 4);
}

GLS_TEST (reader, the_table_reads_seed_files_and_names_the_walked_endings)
{
  const char text[] = "lora\nAdapters.\n";
  GlsReaderInput input = { "team.txt", text, sizeof text - 1, 0 };
  const GlsGlossaryReader *reader = gls_glossary_reader_for (&input);
  cr_assert_not_null (reader);
  cr_expect_str_eq (reader->name, "seed");
  /* Files named on the command line are read whatever their name. */
  input.path = "notes.md";
  cr_expect_eq (gls_glossary_reader_for (&input), reader);

  cr_expect (gls_glossary_readers_accept_name ("terms.txt"));
  cr_expect (gls_glossary_readers_accept_name ("terms.glossary"));
  cr_expect_not (gls_glossary_readers_accept_name ("terms.md"));
  cr_expect_not (gls_glossary_readers_accept_name ("txt"));
  g_autofree char *names = gls_glossary_readers_describe_names ();
  /* Every reader's endings, the seed reader's last. */
  cr_expect (g_str_has_suffix (names, "*.txt, *.glossary"), "%s", names);
  cr_expect (strstr (names, "*cspell.json") != NULL && strstr (names, "*typos.toml") != NULL, "%s", names);
  cr_expect (gls_glossary_readers_accept_name (".cspell.json"));
  cr_expect (gls_glossary_readers_accept_name ("_typos.toml"));
  cr_expect_not (gls_glossary_readers_accept_name ("package.json"));
  cr_expect_not (gls_glossary_readers_accept_name ("pyproject.toml"));
}

GLS_TEST (reader, vocabulary_files_go_to_their_readers)
{
  const char json[] = "{ \"version\": \"0.2\", \"words\": [\"LoRA\"] }";
  const char toml[] = "[default.extend-words]\nteh = \"teh\"\n";
  const struct { const char *path; const char *text; const char *reader; } cases[] = {
    { "cspell.json", json, "cspell" },       { "docs/dict.json", json, "cspell" },
    { "vocab/Team/accept.txt", "LoRA\n", "vale" }, { "reject.txt", "whitelist\n", "vale" },
    { "_typos.toml", toml, "typos" },       { "pyproject.toml", toml, "typos" },
    { "terms.txt", "lora\nAdapters.\n", "seed" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GlsReaderInput input = { cases[i].path, cases[i].text, strlen (cases[i].text), 0 };
      cr_expect_str_eq (gls_glossary_reader_for (&input)->name, cases[i].reader, "%s", cases[i].path);
    }
}
