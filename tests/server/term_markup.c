/* Tests of term_markup.h: condensing definitions and rendering a term. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "common/team-glossary.h"
#include "feature_glossary.h"
#include "server/features/term_markup.h"
#include "glossary/glossary_load.h"

static char *
repeat_sentences (const char *sentence, guint n)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? " " : "", sentence);
  return g_string_free (s, FALSE);
}

GLS_TEST (term_markup, short_definitions_are_kept_whole)
{
  const char *text = "A short definition.\n\nSecond paragraph.\n";
  cr_expect_eq (gls_markup_condense (text, strlen (text), 600), strlen (text) - 1);
}

GLS_TEST (term_markup, first_paragraph_when_it_is_long_enough)
{
  g_autofree char *para = repeat_sentences ("Twelve words.", 20);   /* 279 bytes */
  g_autofree char *rest = repeat_sentences ("More text here.", 40);
  g_autofree char *text = g_strdup_printf ("%s\n\n%s\n", para, rest);

  cr_expect_eq (gls_markup_condense (text, strlen (text), 600), strlen (para));
}

GLS_TEST (term_markup, whole_lines_before_sentences)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (s, "- item %02u has a line of its own.\n", i);   /* 34 bytes each */
  g_autofree char *text = g_string_free (s, FALSE);
  gsize cut = gls_markup_condense (text, strlen (text), 600);

  cr_expect_leq (cut, 600);
  cr_expect_gt (cut, 600 - 34);
  cr_expect_eq (text[cut], '\n', "cut at a line end");
}

GLS_TEST (term_markup, a_long_line_is_cut_at_a_sentence_end)
{
  g_autofree char *text = repeat_sentences ("This sentence has exactly forty-four bytes.", 40);
  gsize cut = gls_markup_condense (text, strlen (text), 600);

  cr_expect_leq (cut, 600);
  cr_expect_geq (cut, 200);
  cr_expect_eq (text[cut - 1], '.');
  cr_expect_eq (text[cut], ' ');
}

GLS_TEST (term_markup, sentences_inside_inline_code_or_bold_are_not_ends)
{
  /* The only ". " before the limit sit inside `code` and **bold**. */
  GString *s = g_string_new ("Intro `a. b. c. d` and **e. f. g** words");
  while (s->len < 700)
    g_string_append (s, " word");
  g_string_append (s, ". Tail.");
  g_autofree char *text = g_string_free (s, FALSE);
  gsize cut = gls_markup_condense (text, strlen (text), 600);

  cr_expect_gt (cut, strlen ("Intro `a. b. c. d` and **e. f. g**"));
  cr_expect_leq (cut, 600);
  cr_expect_eq (text[cut], ' ', "a word boundary, not inside markup");
}

GLS_TEST (term_markup, code_fences_and_math_blocks_are_never_cut)
{
  g_autofree char *code = repeat_sentences ("x = x + 1", 120);
  const char *openers[] = { "```python\n", "~~~~\n", "$$\n" };
  const char *closers[] = { "```\n", "~~~~\n", "$$\n" };

  for (gsize k = 0; k < G_N_ELEMENTS (openers); k++)
    {
      g_autofree char *text = g_strdup_printf ("Intro line.\n%s%s\n%sAfter the block.\n",
                                               openers[k], code, closers[k]);
      gsize cut = gls_markup_condense (text, strlen (text), 600);
      /* The block does not fit: only the line before it is kept. */
      cr_expect_eq (cut, strlen ("Intro line."), "block %zu: cut %zu", k, cut);
    }

  /* A block that fits is kept whole, then the text after it. */
  g_autofree char *tail = repeat_sentences ("Tail sentence here.", 60);
  g_autofree char *small = g_strdup_printf ("Intro line.\n```c\nint x;\n```\n%s\n", tail);
  gsize cut = gls_markup_condense (small, strlen (small), 600);
  cr_expect_geq (cut, strlen ("Intro line.\n```c\nint x;\n```"));
}

GLS_TEST (term_markup, nested_fences_follow_the_glossary_grammar)
{
  /* An inner fence with an info string opens a level, so the first bare
   * fence does not close the outer block. */
  g_autofree char *filler = repeat_sentences ("filler", 100);
  g_autofree char *text = g_strdup_printf ("Intro line.\n```markdown\n```python\nx\n```\n%s\n```\nEnd.\n",
                                           filler);
  cr_expect_eq (gls_markup_condense (text, strlen (text), 600), strlen ("Intro line."));
}

/* Generated definitions: whatever the limit, a cut never leaves a fence or
 * math block open and never exceeds the limit. */
GLS_TEST (term_markup, random_definitions_keep_blocks_closed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  const char *pieces[] = {
    "A plain sentence. ", "Another one with `code. here` inside. ", "**Bold. Text.** ",
    "\n", "\n\n", "\n```py\nprint(1)\nprint(2)\n```\n", "\n$$\na = b. c\n$$\n",
    "- list item, long enough to matter here\n", "$x. y$ inline math. ",
  };
  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr (GString) s = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 1, 60);
      for (guint i = 0; i < n; i++)
        g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      gsize limit = g_rand_int_range (rand, 10, 400);
      gsize cut = gls_markup_condense (s->str, s->len, limit);

      cr_assert_leq (cut, s->len);
      if (s->len > limit)
        cr_assert_leq (cut, limit, "round %u", round);
      guint fences = 0, maths = 0, ticks = 0;
      for (gsize i = 0; i < cut; i++)
        if (i == 0 || s->str[i - 1] == '\n')
          {
            fences += strncmp (s->str + i, "```", 3) == 0;
            maths += strncmp (s->str + i, "$$", 2) == 0;
          }
      for (gsize i = 0; i < cut; i++)
        ticks += s->str[i] == '`';
      cr_assert_eq (fences % 2, 0, "round %u: open fence in %.*s", round, (int) cut, s->str);
      cr_assert_eq (maths % 2, 0, "round %u: open math block", round);
      cr_assert_eq (ticks % 2, 0, "round %u: open code span in %.*s", round, (int) cut, s->str);
    }
}

static const char *
test_uri (guint source, gpointer user_data)
{
  return user_data;
}

static char *
render (const GlsGlossary *g, const char *term_text, GlsMarkupKind kind, gsize excerpt,
        const char *uri)
{
  const GlsTerm *term = gls_glossary_lookup (g, term_text, -1);
  cr_assert_not_null (term, "%s", term_text);
  GlsTermMarkupOptions options = {
    .kind = kind, .excerpt_limit = excerpt, .source_uri = uri != NULL ? test_uri : NULL,
    .user_data = (gpointer) uri,
  };
  return gls_term_markup (g, gls_glossary_term_index (g, term), &options);
}

GLS_TEST (term_markup, markdown_shows_title_category_definition_link_and_names)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary ("docs/t.txt", GLS_TEST_GLOSSARY_TEXT, NULL);
  g_autofree char *lora = render (g, "LoRA", GLS_MARKUP_MARKDOWN, 0, "file:///tmp/t.txt");

  /* The definition opens with the bold title: no separate heading. */
  cr_expect (g_str_has_prefix (lora, "**LoRA (Low-Rank Adaptation)** adds"), "%s", lora);
  cr_expect_null (strstr (lora + 2, "**LoRA (Low-Rank Adaptation)**"), "the title once: %s", lora);
  cr_expect_not_null (strstr (lora, "adds trainable low-rank matrices"));
  cr_expect_not_null (strstr (lora, "[t.txt:1](file:///tmp/t.txt#L1)"), "%s", lora);
  /* Names, then the tags (ordinary words its title and body never use). */
  cr_expect_not_null (strstr (lora, "*Also:* low rank adaptation\n\n*Tags:* parameter efficient tuning"),
                      "%s", lora);
  cr_expect_null (strstr (lora, "Full definition"), "short definitions are whole");
  cr_expect_null (strstr (lora, "Other entries"));

  g_autofree char *adapter = render (g, "lora adapters", GLS_MARKUP_MARKDOWN, 0, "file:///tmp/t.txt");
  cr_expect (g_str_has_prefix (adapter, "**LoRA adapter** is a small module"), "%s", adapter);
  cr_expect (g_str_has_suffix (adapter, "(file:///tmp/t.txt#L3) · *model training*"), "%s", adapter);
}

GLS_TEST (term_markup, other_entries_are_listed_with_categories_and_links)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary ("t.txt", GLS_TEST_GLOSSARY_TEXT, NULL);
  g_autofree char *md = render (g, "rotary position embeddings", GLS_MARKUP_MARKDOWN, 0,
                                "file:///w/t.txt");
  g_autofree char *plain = render (g, "rotary position embedding", GLS_MARKUP_PLAINTEXT, 0, NULL);

  cr_expect_not_null (strstr (md, "**Other entries:**\n- **Rotary position embedding** · *attention* — "
                                  "[t.txt:9](file:///w/t.txt#L9)"), "%s", md);
  cr_expect_not_null (strstr (plain, "Other entries:\n  - Rotary position embedding (attention): t.txt:9"),
                      "%s", plain);
  cr_expect_null (strstr (plain, "**"), "no Markdown in plain text: %s", plain);
  cr_expect (g_str_has_prefix (plain, "Rotary Position Embedding (RoPE) rotates"), "%s", plain);
}

GLS_TEST (term_markup, long_definitions_link_to_the_full_text)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary ("t.txt", GLS_TEST_GLOSSARY_TEXT, NULL);
  g_autofree char *md = render (g, "lora", GLS_MARKUP_MARKDOWN, 60, "file:///a b(1).txt");
  g_autofree char *plain = render (g, "lora", GLS_MARKUP_PLAINTEXT, 60, "file:///x.txt");

  cr_expect_not_null (strstr (md, "[Full definition](file:///a%20b%281%29.txt#L1) (t.txt:1)"), "%s", md);
  cr_expect_null (strstr (md, "cheap to train"), "condensed: %s", md);
  cr_expect_not_null (strstr (plain, "Full definition: t.txt:1"), "%s", plain);
}

GLS_TEST (term_markup, a_title_only_first_line_is_not_repeated)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary (
    "t.txt", "kv cache,inference\n**KV Cache**\nStores keys and values of past tokens.\n", NULL);
  g_autofree char *md = render (g, "kv cache", GLS_MARKUP_MARKDOWN, 0, NULL);

  cr_expect (g_str_has_prefix (md, "**KV Cache** · *inference*\n\nStores keys"), "%s", md);
  cr_expect_null (strstr (md + 2, "**KV Cache**"), "%s", md);
  /* Without a URI the place is shown as code. */
  cr_expect_not_null (strstr (md, "`t.txt:1`"), "%s", md);
}

GLS_TEST (term_markup, names_are_escaped_in_markdown)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary (
    "t.txt", "snake case,naming\n**snake_case [style]**\nJoins words with underscores.\n", NULL);
  g_autofree char *md = render (g, "snake case", GLS_MARKUP_MARKDOWN, 0, NULL);

  /* An underscore inside a word starts no emphasis: not escaped, so that
   * clients that show escapes (Emacs) show the name as written. */
  cr_expect (g_str_has_prefix (md, "**snake_case \\[style\\]** · *naming*"), "%s", md);
}

GLS_TEST (term_markup, other_entries_are_capped)
{
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint i = 0; i < 6; i++)
    g_string_append_printf (text, "widget,area%c\n**Widget %u** is thing number %u.\n", 'a' + i, i, i);
  g_autoptr (GlsGlossary) g = gls_test_glossary ("t.txt", text->str, NULL);
  const GlsTerm *term = gls_glossary_lookup (g, "widget", -1);
  GlsTermMarkupOptions options = { .kind = GLS_MARKUP_MARKDOWN, .max_other_entries = 2 };
  g_autofree char *md = gls_term_markup (g, gls_glossary_term_index (g, term), &options);

  cr_assert_eq (term->n_refs, 6);
  cr_expect_not_null (strstr (md, "**Widget 1**"), "%s", md);
  cr_expect_not_null (strstr (md, "**Widget 2**"), "%s", md);
  cr_expect_null (strstr (md, "**Widget 3**"), "%s", md);
  cr_expect_not_null (strstr (md, "and 3 more"), "%s", md);
}

GLS_TEST (term_markup, a_mentioned_term_says_where_and_shows_its_passage)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary ("team.txt", GLS_TEST_TEAM_GLOSSARY, NULL);
  g_autofree char *md = render (g, "paxos round", GLS_MARKUP_MARKDOWN, 0, "file:///w/team.txt");
  g_autofree char *plain = render (g, "paxos round", GLS_MARKUP_PLAINTEXT, 0, NULL);

  cr_expect (g_str_has_prefix (md, "**paxos round** — mentioned in *Consensus protocols*\n\n"
                                   "A paxos round has a prepare phase"), "%s", md);
  cr_expect_null (strstr (md, "agree on one value"), "not the entry's first paragraph: %s", md);
  cr_expect (g_str_has_prefix (plain, "paxos round — mentioned in Consensus protocols\n\n"), "%s", plain);
  /* A name is shown as before: the entry's title, its definition. */
  g_autofree char *wal = render (g, "WAL", GLS_MARKUP_MARKDOWN, 0, NULL);
  cr_expect (g_str_has_prefix (wal, "**Write-Ahead Log**"), "%s", wal);
  cr_expect_null (strstr (wal, "mentioned in"), "%s", wal);
}

GLS_TEST (term_markup, entries_alike_are_one_answer_with_their_locations)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary ("team.txt", GLS_TEST_TEAM_GLOSSARY, NULL);
  g_autofree char *md = render (g, "gossip protocol", GLS_MARKUP_MARKDOWN, 0, "file:///w/team.txt");
  g_autofree char *plain = render (g, "gossip protocol", GLS_MARKUP_PLAINTEXT, 0, NULL);

  /* Lines 15 and 17 have the same title: one answer, the second a location. */
  cr_expect_not_null (strstr (md, "*Same entry also at:* [team.txt:17](file:///w/team.txt#L17)"), "%s", md);
  cr_expect_not_null (strstr (md, "**Other entries:**\n- **Anti-entropy repair** — [team.txt:19]"), "%s", md);
  cr_expect_null (strstr (md, "**Gossip protocol** —"), "the look-alike is no other entry: %s", md);
  cr_expect_not_null (strstr (plain, "Same entry also at: team.txt:17"), "%s", plain);
  cr_expect_not_null (strstr (plain, "Other entries:\n  - Anti-entropy repair: team.txt:19"), "%s", plain);
}

GLS_TEST (term_markup, a_group_lists_all_its_locations_compactly)
{
  g_autoptr (GString) text = g_string_new ("widget,areas\n**Widget** is the main thing.\n");
  for (guint i = 0; i < 9; i++)
    g_string_append_printf (text, "widget,area%c\n**Gadget** is another thing, copy %u.\n", 'a' + i, i);
  g_autoptr (GlsGlossary) g = gls_test_glossary ("t.txt", text->str, NULL);
  g_autofree char *plain = render (g, "widget", GLS_MARKUP_PLAINTEXT, 0, NULL);

  /* One line for the nine Gadget entries: six places, then a count. */
  cr_expect_not_null (strstr (plain, "  - Gadget (areaa): t.txt:3, t.txt:5, t.txt:7, t.txt:9, t.txt:11, t.txt:13 +3"),
                      "%s", plain);
  cr_expect_null (strstr (plain, "and "), "%s", plain);
}

GLS_TEST (term_markup, every_seed_term_renders_in_both_kinds)
{
  GlsGlossaryOptions options = { 0 };
  g_autoptr (GlsGlossary) g = gls_glossary_load (&options, NULL);

  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      GlsTermMarkupOptions md = { .kind = GLS_MARKUP_MARKDOWN, .source_uri = test_uri,
                                  .user_data = "file:///seed.txt" };
      GlsTermMarkupOptions plain = { .kind = GLS_MARKUP_PLAINTEXT };
      g_autofree char *a = gls_term_markup (g, t, &md);
      g_autofree char *b = gls_term_markup (g, t, &plain);
      cr_assert (g_utf8_validate (a, -1, NULL));
      cr_assert (g_utf8_validate (b, -1, NULL));
      /* The excerpt is bounded: heading, ~600 bytes, links, other entries. */
      cr_expect_lt (strlen (a), 600 + 2000, "term %u: %zu bytes", t, strlen (a));
      cr_expect_not_null (strstr (a, "file:///seed.txt#L"));
    }
}

GLS_TEST (term_markup, a_generic_title_gives_way_to_the_terms_name)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary (
    "t.txt", "louvain method,community detection\n**Algorithm**\nGreedy modularity optimisation in two phases.\n",
    NULL);
  g_autofree char *md = render (g, "louvain method", GLS_MARKUP_MARKDOWN, 0, NULL);

  cr_expect (g_str_has_prefix (md, "**louvain method** · *community detection*\n\nGreedy"), "%s", md);
  cr_expect_null (strstr (md, "Algorithm"), "%s", md);
}

GLS_TEST (term_markup, a_definition_that_opens_with_the_name_is_its_own_heading)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary (
    "t.txt", "ring attention,distributed training\nRing attention passes key blocks around a ring of devices.\n",
    NULL);
  g_autofree char *md = render (g, "ring attention", GLS_MARKUP_MARKDOWN, 0, "file:///t.txt");
  g_autofree char *plain = render (g, "ring attention", GLS_MARKUP_PLAINTEXT, 0, NULL);

  cr_expect (g_str_has_prefix (md, "Ring attention passes"), "%s", md);
  cr_expect (g_str_has_suffix (md, "[t.txt:1](file:///t.txt#L1) · *distributed training*"), "%s", md);
  cr_expect_str_eq (plain, "Ring attention passes key blocks around a ring of devices.\n\n"
                           "Defined in t.txt:1 (distributed training)");
}

GLS_TEST (term_markup, page_export_lines_become_blocks_that_do_not_end_on_a_heading)
{
  g_autoptr (GlsGlossary) g = gls_test_glossary (
    "t.txt", "heat pump,energy\n**Heat Pump** moves heat uphill. **Why It Works** - Compression: raises the "
             "temperature. - Expansion: lowers it. **Limits**\n", NULL);
  g_autofree char *md = render (g, "heat pump", GLS_MARKUP_MARKDOWN, 0, NULL);

  cr_expect (g_str_has_prefix (md, "**Heat Pump** moves heat uphill.  \n**Why It Works**  \n"
                                   "- Compression: raises the temperature.  \n- Expansion: lowers it.\n\n"),
             "%s", md);
  cr_expect_null (strstr (md, "Limits"), "a trailing heading is dropped: %s", md);
}

/* options->sense (glossary/sense.h): the entry the context chose is shown
 * first, and the term's own entries follow as other entries; without it the
 * term's best entry leads as before. */
GLS_TEST (term_markup, the_entry_chosen_by_context_leads_and_the_others_follow)
{
  static const char text[] =
    "gribble, gribble sort, sorting algorithms\n"
    "**Gribble** is a comparison sort that splits an array around a pivot, sorts each half recursively and "
    "merges the runs; it is stable and needs linear extra memory.\n"
    "gribbles library, gribbles, rust crates\n"
    "**Gribbles Crate** is **a Rust crate that packages fast sorting** — add it to Cargo.toml and import the crate.\n";
  g_autoptr (GlsGlossary) g = gls_test_glossary ("g.txt", text, NULL);
  const GlsTerm *term = gls_glossary_lookup (g, "gribble", -1);
  cr_assert_not_null (term);
  guint32 t = gls_glossary_term_index (g, term);
  const char *doc = "Add gribbles to Cargo.toml, import the crate in your binary and call its API; "
                    "check the releases before you upgrade.";
  GlsSense sense;
  cr_assert (gls_sense_choose (g, t, doc, strlen (doc), 4, 12, &sense));
  cr_assert (sense.changed);

  GlsTermMarkupOptions chosen = { .kind = GLS_MARKUP_PLAINTEXT, .sense = &sense };
  g_autofree char *library = gls_term_markup (g, t, &chosen);
  cr_expect (g_str_has_prefix (library, "Gribbles Crate is a Rust crate"), "%s", library);
  cr_expect_not_null (strstr (library, "Other entries:\n  - Gribble: g.txt:1"), "%s", library);

  GlsTermMarkupOptions plain = { .kind = GLS_MARKUP_PLAINTEXT };
  g_autofree char *method = gls_term_markup (g, t, &plain);
  cr_expect (g_str_has_prefix (method, "Gribble is a comparison sort"), "%s", method);
  cr_expect_not_null (strstr (method, "Other entries:\n  - Gribbles Crate: g.txt:3"), "%s", method);
}

/* The hover of a rejected spelling (gls_rejected_markup): a glossary's
 * deprecated name says what it is deprecated for and shows that term; a
 * vocabulary list's rejection says "rejected spelling", with or without a
 * spelling to write; plain text has no Markdown. */
GLS_TEST (term_markup, rejected_spellings)
{
  static const char yaml[] = "- term: allowlist\n  definition: A list of what is permitted.\n  deprecated: [white_list]\n";
  static const char typos[] = "[default.extend-words]\nhte = \"the\"\nzorp = \"\"\n";
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) a = g_bytes_new_static (yaml, strlen (yaml));
  g_autoptr (GBytes) b = g_bytes_new_static (typos, strlen (typos));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("team/glossary.yml", NULL, a));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("_typos.toml", NULL, b));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, NULL);
  cr_assert_eq (gls_glossary_n_preferences (g), 3);

  GlsTermMarkupOptions md = { .kind = GLS_MARKUP_MARKDOWN }, plain = { .kind = GLS_MARKUP_PLAINTEXT };
  g_autofree char *dep = gls_rejected_markup (g, 0, "White_list", 10, &md);
  cr_expect (g_str_has_prefix (dep, "\u201cWhite_list\u201d is deprecated for **allowlist** (`team/glossary.yml:3`).\n\n"
                                    "---\n\n**allowlist**"),
             "%s", dep);
  cr_expect (strstr (dep, "A list of what is permitted.") != NULL, "%s", dep);
  g_autofree char *dep_plain = gls_rejected_markup (g, 0, "White_list", 10, &plain);
  cr_expect (g_str_has_prefix (dep_plain, "\u201cWhite_list\u201d is deprecated for \u201callowlist\u201d "
                                          "(team/glossary.yml:3).\n\nallowlist"),
             "%s", dep_plain);
  g_autofree char *fix = gls_rejected_markup (g, 1, "hte", 3, &plain);
  cr_expect_str_eq (fix, "\u201chte\u201d is a rejected spelling; write \u201cthe\u201d (_typos.toml:2).");
  g_autofree char *none = gls_rejected_markup (g, 2, "zorp", 4, &plain);
  cr_expect_str_eq (none, "\u201czorp\u201d is a rejected spelling (_typos.toml:3).");
}
