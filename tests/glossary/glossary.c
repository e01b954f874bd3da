/* Tests of the glossary model on the real seeds and on small files. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "common/leak-check.h"
#include "glossary/glossary.h"
#include "glossary/loader.h"
#include "glossary/glossary_load.h"
#include "glossary/glossary_build.h"
#include "glossary/source_files.h"

TestSuite (glossary);

static GlsGlossary *
load_seeds (GPtrArray *issues)
{
  GlsGlossaryOptions options = { 0 };
  return gls_glossary_load (&options, issues);
}

static GlsGlossary *
load_text (const char *text, gboolean with_default, GPtrArray *issues)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("team.txt", NULL, bytes));
  if (with_default)
    gls_sources_add_default (sources);
  return gls_glossary_new_from_sources (sources, issues);
}

GLS_TEST (glossary, seeds_load_every_entry_of_every_file)
{
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GlsGlossary) g = load_seeds (issues);
  /* Counted independently from the files (tests/data/seed-headers.txt). */
  const guint expected[] = { 50, 47, 50, 50, 50 };
  guint per_source[5] = { 0 };

  cr_assert_eq (gls_glossary_n_sources (g), 5);
  cr_assert_eq (gls_glossary_n_entries (g), 247);
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    per_source[gls_glossary_entry (g, i)->source]++;
  for (guint s = 0; s < 5; s++)
    cr_expect_eq (per_source[s], expected[s], "source %u: %u entries", s, per_source[s]);

  /* The only flaw of the seeds the loader reports: the truncated $$ block. */
  cr_assert_eq (issues->len, 1);
  const GlsIssue *issue = g_ptr_array_index (issues, 0);
  cr_expect (g_str_has_suffix (issue->path, "004_83bab80985da128a.txt"));
  cr_expect_eq (issue->line, 1343);
  cr_expect_eq (issue->severity, GLS_ISSUE_WARNING);
  cr_expect (issue->in_default);
}

GLS_TEST (glossary, seed_paths_point_at_the_files_in_the_source_tree)
{
  g_autoptr (GlsGlossary) g = load_seeds (NULL);
  const GlsSource *s = gls_glossary_source (g, 0);
  cr_assert_not_null (s->disk_path, "the source tree's seeds/ must be found");
  cr_expect (g_str_has_suffix (s->disk_path, "seeds/000_1468cb394edebb76.txt"));
  cr_expect (s->is_default);
}

GLS_TEST (glossary, entry_fields)
{
  g_autoptr (GlsGlossary) g = load_seeds (NULL);
  const GlsTerm *term = gls_glossary_lookup (g, "toolbench", -1);
  cr_assert_not_null (term);
  const GlsEntry *e = gls_glossary_entry (g, gls_glossary_term_ref (g, term, 0)->entry);
  g_autofree char *category = gls_glossary_slice_dup (g, e, e->category);
  g_autofree char *title = gls_glossary_slice_dup (g, e, e->title);
  g_autofree char *header = gls_glossary_slice_dup (g, e, e->header);
  g_autofree char *body = gls_glossary_slice_dup (g, e, e->body);
  cr_expect_eq (e->line, 1);
  cr_expect_str_eq (header, "toolbench, ai agents");
  cr_expect_str_eq (category, "ai agents");
  cr_expect_str_eq (title, "ToolBench");
  cr_expect_eq (e->n_items, 1);
  cr_expect (g_str_has_prefix (body, "**ToolBench** is **a benchmark framework"));
  cr_expect (g_str_has_suffix (body, "tool-augmented agent systems."));
}

GLS_TEST (glossary, title_of_the_form_x_y_names_both)
{
  g_autoptr (GlsGlossary) g = load_seeds (NULL);
  const GlsTerm *term = gls_glossary_lookup (g, "Low-Rank Adaptation", -1);
  cr_assert_not_null (term);
  gboolean via_title = FALSE;
  for (guint i = 0; i < term->n_refs; i++)
    via_title |= gls_glossary_term_ref (g, term, i)->role == GLS_ROLE_TITLE;
  cr_expect (via_title);
}

GLS_TEST (glossary, canonical_spelling_is_the_glossary_s_own_casing)
{
  g_autoptr (GlsGlossary) g = load_seeds (NULL);
  const char *cases[][2] = {
    { "lora", "LoRA" }, { "rope", "RoPE" }, { "Rotary Position Embedding", "rotary position embedding" },
    { "toolformer", "toolformer" }, { "qlora quantized lora", "QLoRA quantized LoRA" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const GlsTerm *term = gls_glossary_lookup (g, cases[i][0], -1);
      cr_assert_not_null (term, "%s", cases[i][0]);
      cr_expect_str_eq (gls_glossary_term_canonical (g, term), cases[i][1], "%s", cases[i][0]);
    }
  const GlsTerm *lora = gls_glossary_lookup (g, "lora", -1);
  cr_expect (lora->flags & GLS_TERM_IRREGULAR_CASE);
  cr_expect (lora->flags & GLS_TERM_MATCH_PROSE);
  cr_expect (!(lora->flags & GLS_TERM_CASE_SENSITIVE), "lora is not an English word");
  const GlsTerm *rope = gls_glossary_lookup (g, "RoPE", -1);
  cr_expect (rope->flags & GLS_TERM_ENGLISH_WORD);
  cr_expect (rope->flags & GLS_TERM_CASE_SENSITIVE, "rope the English word is not RoPE");
}

GLS_TEST (glossary, a_title_spelling_its_headword_is_canonical)
{
  g_autoptr (GlsGlossary) g = load_seeds (NULL);
  /* "line, line, graph neural networks" / **LINE (Large-scale Information
   * Network Embedding)**: the glossary text says "line" the word far more
   * often, but the entry itself spells its name LINE. */
  const char *cases[][2] = { { "line", "LINE" }, { "rotate", "RotatE" }, { "trades", "TRADES" } };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const GlsTerm *term = gls_glossary_lookup (g, cases[i][0], -1);
      cr_assert_not_null (term, "%s", cases[i][0]);
      cr_expect_str_eq (gls_glossary_term_canonical (g, term), cases[i][1]);
      cr_expect (term->flags & GLS_TERM_CASE_SENSITIVE, "%s is also an English word", cases[i][0]);
    }
  /* Inside a phrase an English word keeps its header spelling: DRY the
   * principle and FLOP the unit are other words than dry and flop. */
  const char *phrases[] = { "dry etch", "retention flip flop", "rope scaling" };
  for (gsize i = 0; i < G_N_ELEMENTS (phrases); i++)
    {
      const GlsTerm *term = gls_glossary_lookup (g, phrases[i], -1);
      cr_assert_not_null (term, "%s", phrases[i]);
      cr_expect_str_eq (gls_glossary_term_canonical (g, term), phrases[i]);
    }
}

GLS_TEST (glossary, categories_are_never_terms)
{
  g_autoptr (GlsGlossary) g = load_seeds (NULL);
  const char *categories[] = { "optimization", "planning", "theory", "training techniques", "industry" };
  for (gsize i = 0; i < G_N_ELEMENTS (categories); i++)
    cr_expect_null (gls_glossary_lookup (g, categories[i], -1), "%s", categories[i]);
}

GLS_TEST (glossary, ordinary_english_aliases_are_keywords)
{
  g_autoptr (GlsGlossary) g = load_seeds (NULL);
  const GlsTerm *data = gls_glossary_lookup (g, "data", -1);  /* "llamaindex,rag,data" */
  cr_assert_not_null (data);
  cr_expect_eq (gls_glossary_term_ref (g, data, 0)->role, GLS_ROLE_KEYWORD);
  cr_expect (!(data->flags & GLS_TERM_MATCH_PROSE));
  const GlsTerm *llamaindex = gls_glossary_lookup (g, "LlamaIndex", -1);
  cr_assert_not_null (llamaindex);
  cr_expect (llamaindex->flags & GLS_TERM_MATCH_PROSE);
}

/* Issue 10 on the seeds: what lit up wrong entries no longer does, and no
 * headword becomes unreachable. (tests/glossary/roles.c checks each rule on
 * a glossary of its own.) */
GLS_TEST (glossary, seed_tags_stop_lighting_prose_but_stay_reachable)
{
  g_autoptr (GlsGlossary) g = load_seeds (NULL);
  const char *tags[] = { "training", "long", "getting started", "context window", "model architecture",
                         "neural networks", "risk assessment", "speculative decoding" };
  for (gsize i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      const GlsTerm *term = gls_glossary_lookup (g, tags[i], -1);
      cr_assert_not_null (term, "%s", tags[i]);
      cr_expect (!(term->flags & GLS_TERM_MATCH_PROSE), "%s is lit", tags[i]);
    }
  const GlsTerm *split = gls_glossary_lookup (g, "long context LLM techniques", -1);
  cr_assert_not_null (split);
  cr_expect (split->flags & GLS_TERM_MATCH_PROSE);
  cr_expect_eq (gls_glossary_term_ref (g, split, 0)->role, GLS_ROLE_TITLE);

  for (guint e = 0; e < gls_glossary_n_entries (g); e++)
    {
      const GlsEntry *entry = gls_glossary_entry (g, e);
      const GlsName *headword = gls_glossary_name (g, entry->first_name);
      gsize len;
      const char *text = gls_glossary_slice (g, entry, headword->text, &len);
      const GlsTerm *term = gls_glossary_lookup (g, text, (gssize) len);
      gboolean found = FALSE;
      cr_assert_not_null (term, "%.*s", (int) len, text);
      for (guint i = 0; i < term->n_refs && !found; i++)
        found = gls_glossary_term_ref (g, term, i)->entry == e;
      cr_expect (found, "headword %.*s no longer reaches its entry", (int) len, text);
    }
}

GLS_TEST (glossary, same_term_in_several_entries_is_ranked)
{
  g_autoptr (GlsGlossary) g = load_seeds (NULL);
  const GlsTerm *term = gls_glossary_lookup (g, "reward models", -1);
  cr_assert_not_null (term);
  cr_assert_geq (term->n_refs, 3);
  guint previous_role = 0, previous_entry = 0;
  for (guint i = 0; i < term->n_refs; i++)
    {
      const GlsName *name = gls_glossary_term_ref (g, term, i);
      /* headwords first, then by position in the glossary */
      cr_expect_geq (name->role, previous_role);
      if (name->role == previous_role && i > 0)
        cr_expect_gt (name->entry, previous_entry);
      previous_role = name->role;
      previous_entry = name->entry;
    }
  cr_expect_eq (gls_glossary_term_ref (g, term, 0)->role, GLS_ROLE_HEADWORD);
  cr_expect_eq (gls_glossary_entry (g, gls_glossary_term_ref (g, term, 0)->entry)->line, 1);
}

GLS_TEST (glossary, user_glossary_ranks_before_the_default)
{
  g_autoptr (GlsGlossary) g = load_text ("lora, adapters\n**LoRA** as our team uses it.\n", TRUE, NULL);
  const GlsTerm *term = gls_glossary_lookup (g, "LoRA", -1);
  cr_assert_not_null (term);
  const GlsName *best = gls_glossary_term_ref (g, term, 0);
  const GlsEntry *e = gls_glossary_entry (g, best->entry);
  cr_expect_str_eq (gls_glossary_source (g, e->source)->display_path, "team.txt");
  cr_expect_gt (term->n_refs, 1);
}

GLS_TEST (glossary, broken_file_is_reported_with_lines_and_the_rest_loads)
{
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  const char *text =
    "Some notes that are not an entry.\n"      /* 1: stray */
    "alpha term, first alias, more\n"           /* 2 */
    "**Alpha Term** is the first.\n"
    "```python\n"                               /* 4: never closed */
    "x = f(a, b)\n"
    "beta term, cat\n"                          /* 6: ends the fence */
    "**Beta Term** is the second.\n"
    "gamma term, delta, epsilon\n";             /* 8: no definition */
  g_autoptr (GlsGlossary) g = load_text (text, FALSE, issues);

  cr_assert_eq (gls_glossary_n_entries (g), 3);
  cr_expect_eq (gls_glossary_entry (g, 0)->line, 2);
  cr_expect_eq (gls_glossary_entry (g, 1)->line, 6);
  cr_expect_eq (gls_glossary_entry (g, 2)->line, 8);
  cr_expect_not_null (gls_glossary_lookup (g, "first alias", -1));
  cr_expect_null (gls_glossary_lookup (g, "cat", -1), "two items: the second is a category");

  const guint lines[] = { 1, 4, 8 };
  cr_assert_eq (issues->len, G_N_ELEMENTS (lines));
  for (guint i = 0; i < issues->len; i++)
    {
      const GlsIssue *issue = g_ptr_array_index (issues, i);
      g_autofree char *formatted = gls_issue_format (issue);
      cr_expect_eq (issue->line, lines[i], "%s", formatted);
      cr_expect (g_str_has_prefix (formatted, "team.txt:"), "%s", formatted);
    }
}

GLS_TEST (glossary, missing_and_unreadable_paths_are_reported)
{
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  const char *paths[] = { "/nonexistent/glossary.txt", NULL };
  GlsGlossaryOptions options = { .no_default = TRUE, .paths = paths };
  g_autoptr (GlsGlossary) g = gls_glossary_load (&options, issues);
  cr_expect_eq (gls_glossary_n_entries (g), 0);
  cr_assert_eq (issues->len, 1);
  const GlsIssue *issue = g_ptr_array_index (issues, 0);
  cr_expect_eq (issue->line, 0);
  cr_expect_eq (issue->severity, GLS_ISSUE_ERROR);
}

GLS_TEST (glossary, directories_are_searched_recursively)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gls-test-XXXXXX", &error);
  cr_assert_not_null (dir);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *a = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (sub, "b.glossary", NULL);
  g_autofree char *ignored = g_build_filename (dir, "notes.md", NULL);
  g_mkdir (sub, 0700);
  g_file_set_contents (a, "zeta function, math\n**Zeta**\n", -1, NULL);
  g_file_set_contents (b, "eta term, math\n**Eta**\n", -1, NULL);
  g_file_set_contents (ignored, "theta, math\n**Theta**\n", -1, NULL);
  const char *paths[] = { dir, NULL };
  GlsGlossaryOptions options = { .no_default = TRUE, .paths = paths };
  g_autoptr (GlsGlossary) g = gls_glossary_load (&options, NULL);
  cr_expect_eq (gls_glossary_n_entries (g), 2);
  cr_expect_not_null (gls_glossary_lookup (g, "zeta function", -1));
  cr_expect_not_null (gls_glossary_lookup (g, "eta term", -1));
  g_unlink (a);
  g_unlink (b);
  g_unlink (ignored);
  g_rmdir (sub);
  g_rmdir (dir);
}

/* Removes path and, for a directory, what it holds (no symbolic links here). */
static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      const char *name;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* A directory walk reads every file a reader recognises by name or content
 * (walk_filter.h): hidden vocabulary lists and .contextive/ too, a Sphinx
 * file only with its directive, a Markdown page or term table only when
 * named as one; never README.md, package.json or what .git holds. */
GLS_TEST (glossary, directories_read_every_recognised_format)
{
  static const struct
  {
    const char *path, *text;
  } files[] = {
    { ".cspell.json", "{ \"version\": \"0.2\", \"words\": [\"QLoRA\"] }\n" },
    { ".typos.toml", "[default.extend-words]\nhte = \"the\"\n" },
    { ".contextive/definitions.yml", "contexts:\n  - name: S\n    terms:\n      - name: Replica\n"
                                     "        definition: A copy.\n" },
    { ".github/styles/config/vocabularies/T/accept.txt", "PyTorch\n" },
    { ".git/hidden.txt", "secret term, s\n**Secret** hidden.\n" },
    { ".hidden.txt", "other secret, s\n**Other** hidden.\n" },
    { "README.md", "# Readme\n\n## Install\n\nRun it.\n" },
    { "package.json", "{\"name\": \"x\", \"description\": \"y\"}\n" },
    { "docs/GLOSSARY.md", "# Glossary\n\n## KV cache\n\nKeys and values.\n" },
    { "docs/glossary.yml", "- term: epoch\n  definition: One pass.\n" },
    { "docs/data.csv", "term,definition\nnot me,no\n" },
    { "docs/terms.csv", "term,definition\nbatch,A group.\n" },
    { "docs/index.rst", "Title\n=====\n\nNo glossary.\n" },
    { "docs/api.rst", ".. glossary::\n\n   BF16\n      A format.\n" },
    { "docs/myst.md", "```{glossary}\nTokenizer\n  Splits text.\n```\n" },
    { "docs/includes/abbreviations.md", "*[GPU]: Graphics Processing Unit\n" },
    { "docs/tool.toml", "[tool.other]\nx = 1\n" },
  };
  static const char *const found[] = { "qlora", "replica", "pytorch", "kv cache", "epoch", "batch", "bf16",
                                       "tokenizer", "gpu" };
  static const char *const not_found[] = { "secret term", "other secret", "install", "not me", "title" };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gls-test-XXXXXX", &error);
  cr_assert_not_null (dir);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].path, NULL);
      g_autofree char *parent = g_path_get_dirname (path);
      g_mkdir_with_parents (parent, 0700);
      cr_assert (g_file_set_contents (path, files[i].text, -1, NULL));
    }
  const char *paths[] = { dir, NULL };
  GlsGlossaryOptions options = { .no_default = TRUE, .paths = paths };
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GlsGlossary) g = gls_glossary_load (&options, issues);
  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    cr_expect_not_null (gls_glossary_lookup (g, found[i], -1), "%s", found[i]);
  for (guint i = 0; i < G_N_ELEMENTS (not_found); i++)
    cr_expect_null (gls_glossary_lookup (g, not_found[i], -1), "%s", not_found[i]);
  cr_expect_eq (gls_glossary_n_entries (g), G_N_ELEMENTS (found));
  /* .typos.toml: its correction. */
  cr_expect_eq (gls_glossary_n_preferences (g), 1);
  /* Files passed over make no noise. */
  cr_expect_eq (issues->len, 0, "%u issues, first: %s", issues->len,
                issues->len > 0 ? ((GlsIssue *) g_ptr_array_index (issues, 0))->message : "");
  remove_tree (dir);
}

GLS_TEST (glossary, invalid_utf8_is_reported_and_loaded)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gls-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bad.txt", NULL);
  g_file_set_contents (path, "good term, x\n**Good**\nnext term, y\n**Bad** \xfe\n", -1, NULL);
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  const char *paths[] = { path, NULL };
  GlsGlossaryOptions options = { .no_default = TRUE, .paths = paths };
  g_autoptr (GlsGlossary) g = gls_glossary_load (&options, issues);
  cr_expect_eq (gls_glossary_n_entries (g), 2);
  cr_assert_geq (issues->len, 1);
  cr_expect_eq (((GlsIssue *) g_ptr_array_index (issues, 0))->line, 4);
  g_unlink (path);
  g_rmdir (dir);
}

/* The loader's UTF-8 check skips ASCII eight bytes at a time and hands the
 * rest to GLib in windows: at every offset, and for every kind of bad byte,
 * it must judge exactly as g_utf8_validate_len does (the issue's line comes
 * from the first bad byte, the text is g_utf8_make_valid's). */
GLS_TEST (glossary, utf8_check_agrees_with_glib_at_every_offset)
{
  const char *base = "t\xc3\xa9rm one, x\n**Na\xc3\xafve** costs \xe2\x82\xac 5 and \xf0\x9f\x98\x80.\n"
                     "term two, y\n**Two** is plain ASCII text that runs on for a while.\n";
  const char *bad[] = { "\xfe", "\x80", "\xc3", "\xe2\x82", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                        "" /* NUL, added by length below */ };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gls-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "g.txt", NULL);
  gsize base_len = strlen (base);
  guint checked = 0, invalid = 0;

  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    for (gsize at = 0; at <= base_len; at++)
      {
        gsize bad_len = bad[k][0] != '\0' ? strlen (bad[k]) : 1;
        g_autoptr (GString) text = g_string_new_len (base, (gssize) at);
        g_string_append_len (text, bad[k], (gssize) bad_len);
        g_string_append (text, base + at);
        cr_assert (g_file_set_contents (path, text->str, (gssize) text->len, NULL));

        g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
        g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
        cr_assert (gls_sources_add_path (sources, path, issues));
        cr_assert_eq (sources->len, 1);
        const GlsSource *source = g_ptr_array_index (sources, 0);
        gsize len;
        const char *loaded = g_bytes_get_data (source->text, &len);

        const char *glib_bad;
        gboolean valid = g_utf8_validate_len (text->str, text->len, &glib_bad);
        g_autofree char *expected = g_utf8_make_valid (text->str, (gssize) text->len);
        cr_expect_eq (len, strlen (expected), "kind %u at %zu", k, at);
        cr_expect (len == strlen (expected) && memcmp (loaded, expected, len) == 0, "kind %u at %zu", k, at);
        cr_assert_eq (issues->len, valid ? 0 : 1, "kind %u at %zu", k, at);
        if (!valid)
          {
            guint line = 1;
            for (const char *c = text->str; c < glib_bad; c++)
              line += *c == '\n';
            cr_expect_eq (((GlsIssue *) g_ptr_array_index (issues, 0))->line, line, "kind %u at %zu", k, at);
            invalid++;
          }
        checked++;
      }
  /* The insertions are meant to break the text; the count makes sure the
   * comparison above ran on the invalid path, not only on valid text. */
  cr_expect_gt (invalid, checked / 2);
  g_unlink (path);
  g_rmdir (dir);
}

/* Chunked parsing must give exactly the entries of a whole-file parse. */
GLS_TEST (glossary, chunked_parse_equals_whole_parse, .timeout = 120)
{
  g_autoptr (GString) big = g_string_new (NULL);
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  gls_sources_add_default (sources);
  /* The compact seeds, repeated, with their fences and math: ~1.9 MB. */
  for (guint round = 0; round < 4; round++)
    for (guint s = 0; s < sources->len; s += 1)
      {
        const GlsSource *src = g_ptr_array_index (sources, s);
        if (s == 2 || s == 3)
          continue;  /* page exports start with a preamble */
        gsize len;
        const char *text = g_bytes_get_data (src->text, &len);
        g_string_append_len (big, text, (gssize) len);
        g_string_append_c (big, '\n');
      }

  g_autoptr (GArray) e1 = g_array_new (FALSE, FALSE, sizeof (GlsEntry));
  g_autoptr (GArray) n1 = g_array_new (FALSE, FALSE, sizeof (GlsName));
  g_autoptr (GArray) e2 = g_array_new (FALSE, FALSE, sizeof (GlsEntry));
  g_autoptr (GArray) n2 = g_array_new (FALSE, FALSE, sizeof (GlsName));
  g_autoptr (GPtrArray) i1 = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GPtrArray) i2 = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  gls_loader_parse_chunked ("big", big->str, big->len, 0, G_MAXSIZE, e1, n1, i1);
  gls_loader_parse_chunked ("big", big->str, big->len, 0, 64 * 1024, e2, n2, i2);

  cr_assert_eq (e1->len, 4 * (50 + 47 + 50));
  cr_assert_eq (e2->len, e1->len);
  cr_assert_eq (n2->len, n1->len);
  cr_expect_eq (memcmp (e1->data, e2->data, e1->len * sizeof (GlsEntry)), 0);
  cr_expect_eq (memcmp (n1->data, n2->data, n1->len * sizeof (GlsName)), 0);
  cr_assert_eq (i2->len, i1->len);
  for (guint i = 0; i < i1->len; i++)
    cr_expect_eq (((GlsIssue *) g_ptr_array_index (i1, i))->line, ((GlsIssue *) g_ptr_array_index (i2, i))->line);
}

/* A server that must exit stops a long load: a cancelled load gives NULL,
 * whether it was cancelled before or while the chunks are parsed. */
static gboolean
cancel_soon (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static gpointer
cancel_thread (gpointer cancellable)
{
  g_usleep (1000);
  cancel_soon (cancellable);
  return NULL;
}

GLS_TEST (glossary, cancelled_load_gives_null)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  GlsGlossaryOptions options = { .cancellable = cancellable };
  g_autoptr (GlsGlossary) live = gls_glossary_load (&options, NULL);
  cr_expect_not_null (live, "an uncancelled load gives a glossary");

  g_cancellable_cancel (cancellable);
  g_autoptr (GlsGlossary) none = gls_glossary_load (&options, NULL);
  cr_expect_null (none);

  /* Cancelled from another thread while parsing a 4 MiB glossary (many
   * chunks): NULL too, and nothing leaks (the suite's leak check). */
  g_autoptr (GString) big = g_string_new (NULL);
  for (guint i = 0; big->len < 4u << 20; i++)
    g_string_append_printf (big, "term number %u, alias %u, testing\n**Term %u**\n- a definition line that is long enough\n", i, i, i);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "gls-cancel-XXXXXX.txt", NULL);
  int fd = g_mkstemp (path);
  cr_assert_geq (fd, 0);
  close (fd);
  cr_assert (g_file_set_contents (path, big->str, (gssize) big->len, NULL));
  g_autoptr (GCancellable) later = g_cancellable_new ();
  const char *paths[] = { path, NULL };
  GlsGlossaryOptions big_options = { .no_default = TRUE, .paths = paths, .cancellable = later };
  GThread *thread = g_thread_new ("cancel", cancel_thread, later);
  g_autoptr (GlsGlossary) partial = gls_glossary_load (&big_options, NULL);
  g_thread_join (thread);
  cr_expect (partial == NULL || gls_glossary_n_entries (partial) > 0,
             "either stopped (NULL) or finished before the cancel arrived");
  g_unlink (path);
}
