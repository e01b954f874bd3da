/* Glossaries built from files in other formats (format.h, reader_formats.c)
 * through the whole load: the table of readers picks each file's reader,
 * terms and lookups work, and the snapshot cache gives back the same
 * glossary (derived text included) on the next load. */
#include <glib/gstdio.h>

#include "common/leak-check.h"
#include "glossary/glossary_build.h"
#include "glossary/glossary_load.h"
#include "reader_helpers.h"

TestSuite (reader_glossary);

static const struct
{
  const char *name;
  const char *text;
  const char *term;        /* looked up */
  guint       line;        /* of its entry */
  const char *definition;  /* its definition */
} files[] = {
  { "GLOSSARY.md", "# Glossary\n\n## LoRA (low-rank adaptation)\n\nSmall trainable matrices.\n",
    "low-rank adaptation", 3, "Small trainable matrices." },
  { "glossary.rst", ".. glossary::\n\n   KV cache\n      Keys and values\n      of earlier tokens.\n", "kv cache", 3,
    "Keys and values\nof earlier tokens." },
  { "myst.md", "```{glossary}\nRoPE\n  Rotary position embedding.\n```\n", "RoPE", 2, "Rotary position embedding." },
  { "abbreviations.md", "*[GPU]: Graphics Processing Unit\n*[TPU]: Tensor Processing Unit\n", "TPU", 2,
    "Tensor Processing Unit" },
  { "definitions.yml", "contexts:\n  - name: Serving\n    terms:\n    - name: Replica\n      definition: |\n"
    "        One copy of the model.\n", "replica", 4, "One copy of the model." },
  { "glossary.yaml", "- term: epoch\n  definition: One pass over the data.\n", "epoch", 1, "One pass over the data." },
  { "glossary.json", "[{\"term\": \"SFT\", \"definition\": \"Supervised\\nfine-tuning.\"}]", "sft", 1,
    "Supervised\nfine-tuning." },
  { "glossary.csv", "term,definition\nMoE,\"Mixture of \"\"experts\"\".\"\n", "MoE", 2, "Mixture of \"experts\"." },
};

/* Every entry's file, line, names and definition, and every term's key and
 * canonical spelling: equal dumps, equal glossaries for these tests. */
static char *
dump (const GlsGlossary *g)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      g_autofree char *body = gls_glossary_slice_dup (g, e, e->body);
      g_string_append_printf (out, "%s:%u", gls_glossary_source (g, e->source)->display_path, e->line);
      for (guint k = 0; k < e->n_names; k++)
        {
          const GlsName *n = gls_glossary_name (g, e->first_name + k);
          g_autofree char *name = gls_glossary_slice_dup (g, e, n->text);
          g_string_append_printf (out, " [%s %s]", name, gls_role_to_string (n->role));
        }
      g_string_append_printf (out, " = %s\n", body);
    }
  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      const GlsTerm *term = gls_glossary_term (g, t);
      g_string_append_printf (out, "term %s %s %d\n", gls_glossary_term_key (g, term),
                              gls_glossary_term_canonical (g, term), (int) term->flags);
    }
  return g_string_free (out, FALSE);
}

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;
  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

GLS_TEST (reader_glossary, every_format_loads_and_comes_back_from_the_cache)
{
  g_autofree char *dir = g_dir_make_tmp ("gls-formats-XXXXXX", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      char *path = g_build_filename (dir, files[i].name, NULL);
      cr_assert (g_file_set_contents (path, files[i].text, -1, NULL));
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  GlsGlossaryOptions options = { .no_default = TRUE, .paths = (const char *const *) paths->pdata,
                                 .cache_dir = cache };

  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GlsGlossary) built = gls_glossary_load (&options, issues);
  cr_assert_eq (issues->len, 0);
  cr_assert_eq (gls_glossary_n_entries (built), G_N_ELEMENTS (files) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      const GlsTerm *term = gls_glossary_lookup (built, files[i].term, -1);
      cr_assert_not_null (term, "%s: no term %s", files[i].name, files[i].term);
      const GlsName *name = gls_glossary_term_ref (built, term, 0);
      const GlsEntry *e = gls_glossary_entry (built, name->entry);
      g_autofree char *body = gls_glossary_slice_dup (built, e, e->body);
      cr_expect (g_str_has_suffix (gls_glossary_source (built, e->source)->display_path, files[i].name));
      cr_expect_eq (e->line, files[i].line, "%s: line %u", files[i].name, e->line);
      cr_expect_str_eq (body, files[i].definition, "%s", files[i].name);
    }
  cr_assert_eq (count_files (cache), 1, "the build is stored in the cache");

  g_autoptr (GPtrArray) again_issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GlsGlossary) cached = gls_glossary_load (&options, again_issues);
  g_autofree char *a = dump (built);
  g_autofree char *b = dump (cached);
  cr_assert_str_eq (a, b);
  cr_assert_eq (count_files (cache), 1);

  for (guint i = 0; i + 1 < paths->len; i++)
    g_unlink (g_ptr_array_index (paths, i));
  g_autoptr (GDir) d = g_dir_open (cache, 0, NULL);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (cache, name, NULL);
      g_unlink (p);
    }
  g_rmdir (cache);
  g_rmdir (dir);
}

/* One source from text, named path, in format (GLS_FORMAT_AUTO: detected). */
static void
add_source (GPtrArray *sources, const char *path, const char *text, GlsFormat format)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_ptr_array_add (sources, gls_source_new_in_format (path, NULL, bytes, format));
}

GLS_TEST (reader_glossary, cspell_files_go_to_the_vocab_reader_not_the_table_readers)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  add_source (sources, "cspell.json",
              "{\n  \"version\": \"0.2\",\n  \"words\": [\"QLoRA\", \"SwiGLU\"],\n"
              "  \"flagWords\": [\"pytorch->PyTorch\"]\n}\n", GLS_FORMAT_AUTO);
  add_source (sources, "cspell.yaml", "version: \"0.2\"\nlanguage: en\nwords:\n  - RoPE\n", GLS_FORMAT_AUTO);
  /* A table beside them still goes to the JSON reader. */
  add_source (sources, "glossary.json", "[{\"term\": \"SFT\", \"definition\": \"Supervised fine-tuning.\"}]",
              GLS_FORMAT_AUTO);
  cr_assert_eq (((GlsSource *) g_ptr_array_index (sources, 0))->format, GLS_FORMAT_SEED);
  cr_assert_eq (((GlsSource *) g_ptr_array_index (sources, 1))->format, GLS_FORMAT_SEED);
  cr_assert_eq (((GlsSource *) g_ptr_array_index (sources, 2))->format, GLS_FORMAT_JSON);

  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, issues);
  cr_assert_eq (issues->len, 0, "%s", issues->len > 0 ? ((GlsIssue *) issues->pdata[0])->message : "");
  /* The vocab reader: each word one entry with an empty definition, the
   * rejected spelling a preference; no key of the file became a term. */
  cr_assert_eq (gls_glossary_n_entries (g), 4);
  cr_expect_eq (gls_glossary_n_preferences (g), 1);
  const char *words[] = { "QLoRA", "SwiGLU", "RoPE" };
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      const GlsTerm *term = gls_glossary_lookup (g, words[i], -1);
      cr_assert_not_null (term, "no term %s", words[i]);
      const GlsEntry *e = gls_glossary_entry (g, gls_glossary_term_ref (g, term, 0)->entry);
      cr_expect_eq (e->body.len, 0, "%s", words[i]);
      cr_expect_eq (e->source, i < 2 ? 0u : 1u, "%s", words[i]);
    }
  const char *keys[] = { "version", "words", "flagWords", "language" };
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    cr_expect_null (gls_glossary_lookup (g, keys[i], -1), "%s became a term", keys[i]);
  const GlsTerm *sft = gls_glossary_lookup (g, "sft", -1);
  cr_assert_not_null (sft);
  const GlsEntry *e = gls_glossary_entry (g, gls_glossary_term_ref (g, sft, 0)->entry);
  g_autofree char *body = gls_glossary_slice_dup (g, e, e->body);
  cr_expect_str_eq (body, "Supervised fine-tuning.");
}

GLS_TEST (reader_glossary, a_configured_format_wins_over_the_vocab_name)
{
  /* .glossary-ls.json says this cspell.json is a JSON term table: the JSON
   * reader reads it, not the cspell reader (which would find no words). */
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  add_source (sources, "cspell.json", "[{\"term\": \"MoE\", \"definition\": \"Mixture of experts.\"}]",
              GLS_FORMAT_JSON);
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, issues);
  cr_assert_eq (issues->len, 0);
  cr_assert_eq (gls_glossary_n_entries (g), 1);
  cr_expect_eq (gls_glossary_n_preferences (g), 0);
  const GlsTerm *moe = gls_glossary_lookup (g, "MoE", -1);
  cr_assert_not_null (moe);
  const GlsEntry *e = gls_glossary_entry (g, gls_glossary_term_ref (g, moe, 0)->entry);
  g_autofree char *body = gls_glossary_slice_dup (g, e, e->body);
  cr_expect_str_eq (body, "Mixture of experts.");
}
