/* Tests of textDocument/completion and completionItem/resolve over pipes. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "common/team-glossary.h"
#include "feature_fixture.h"
#include "feature_glossary.h"

#define UTF8_CAPS "{\"general\":{\"positionEncodings\":[\"utf-8\"]}}"
#define MARKDOWN_DOC_CAPS \
  "{\"textDocument\":{\"completion\":{\"completionItem\":{\"documentationFormat\":[\"markdown\"]}}}}"

/* Completion at the end of the occurrence-th needle in text (+ delta). */
static JsonNode *
complete_after (FeatFixture *f, const char *uri, const char *text, const char *needle,
                guint occurrence)
{
  gint64 line, character;
  feat_position (text, needle, occurrence, strlen (needle), f->encoding, &line, &character);
  g_autofree char *params = feat_position_params (uri, line, character, NULL);
  return feat_request (f, "textDocument/completion", params);
}

/* The labels joined with '|'. */
static char *
labels (JsonNode *list)
{
  GString *s = g_string_new (NULL);
  guint n = tjson_len (list, "items");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("items.%u.label", i);
      g_string_append_printf (s, "%s%s", i > 0 ? "|" : "", tjson_str (list, path));
    }
  return g_string_free (s, FALSE);
}

/* The text after applying item i's textEdit to text, in the fixture's
 * encoding: what the user would see after accepting it. */
static char *
accept_item (FeatFixture *f, JsonNode *list, guint i, const char *text)
{
  g_autofree char *base = g_strdup_printf ("items.%u.textEdit", i);
  g_autofree char *sl = g_strconcat (base, ".range.start.line", NULL);
  g_autofree char *sc = g_strconcat (base, ".range.start.character", NULL);
  g_autofree char *el = g_strconcat (base, ".range.end.line", NULL);
  g_autofree char *ec = g_strconcat (base, ".range.end.character", NULL);
  g_autofree char *nt = g_strconcat (base, ".newText", NULL);
  gsize len = strlen (text);
  g_autoptr (GlsLineIndex) index = gls_line_index_new (text, len);

  cr_assert_eq (tjson_int (list, sl), tjson_int (list, el), "single-line edit");
  gsize start = gls_position_to_offset (index, text, len, tjson_int (list, sl), tjson_int (list, sc),
                                        f->encoding);
  gsize end = gls_position_to_offset (index, text, len, tjson_int (list, el), tjson_int (list, ec),
                                      f->encoding);
  return g_strdup_printf ("%.*s%s%s", (int) start, text, tjson_str (list, nt), text + end);
}

GLS_TEST (completion, multi_word_prefix_replaces_the_whole_phrase)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "We use rotary po\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) list = complete_after (f, uri, text, "rotary po", 0);
  g_autofree char *got = labels (list);

  cr_expect_str_eq (got, "rotary position embedding");
  cr_expect_not (json_node_get_boolean (tjson_path (list, "isIncomplete")));
  g_autofree char *accepted = accept_item (f, list, 0, text);
  cr_expect_str_eq (accepted, "We use rotary position embedding\n");
  cr_expect_str_eq (tjson_str (list, "items.0.detail"), "Rotary Position Embedding (RoPE)");
  cr_expect_eq (tjson_int (list, "items.0.kind"), 1);
  cr_expect_null (tjson_path (list, "items.0.documentation"), "documentation comes with resolve");
}

GLS_TEST (completion, ranking_headwords_then_titles_then_aliases)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "about ro\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) list = complete_after (f, uri, text, "ro", 0);
  g_autofree char *got = labels (list);

  /* Headwords by length, then rope (title and alias). */
  cr_expect_str_eq (got, "rotary embedding|rotary position embedding|RoPE");
  guint n = tjson_len (list, "items");
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *a = g_strdup_printf ("items.%u.sortText", i - 1);
      g_autofree char *b = g_strdup_printf ("items.%u.sortText", i);
      cr_expect_lt (strcmp (tjson_str (list, a), tjson_str (list, b)), 0);
    }
}

GLS_TEST (completion, casing_canonical_for_irregular_terms_user_style_for_others)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "lo. Lo. LO. Rotary p. rotary p. ROTARY P.\n";

  feat_open (f, uri, "markdown", text);
  const char *needles[] = { "lo", "Lo", "LO", "Rotary p", "rotary p", "ROTARY P" };
  const char *want[] = {
    "LoRA|LoRA adapter|low rank adaptation",
    "LoRA|LoRA adapter|Low rank adaptation",
    "LoRA|LoRA adapter|Low rank adaptation",
    "Rotary position embedding",
    "rotary position embedding",
    "Rotary position embedding",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      g_autoptr (JsonNode) list = complete_after (f, uri, text, needles[i], 0);
      g_autofree char *got = labels (list);
      cr_expect_str_eq (got, want[i], "typed '%s'", needles[i]);
    }
}

GLS_TEST (completion, keyword_only_terms_are_not_offered)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "some dat\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) list = complete_after (f, uri, text, "dat", 0);
  g_autofree char *got = labels (list);
  /* "data" is only a keyword; "dat" is one edit from it but skipped too. */
  cr_expect_str_eq (got, "");
}

GLS_TEST (completion, after_a_blank_the_phrase_continues)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "We use rotary \n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) list = complete_after (f, uri, text, "rotary ", 0);
  g_autofree char *got = labels (list);
  cr_expect_str_eq (got, "rotary embedding|rotary position embedding");
  g_autofree char *accepted = accept_item (f, list, 1, text);
  cr_expect_str_eq (accepted, "We use rotary position embedding\n");
}

GLS_TEST (completion, typos_fall_back_to_fuzzy_matches)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "with lroa and rotary embeding\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) one = complete_after (f, uri, text, "lroa", 0);
  g_autofree char *got = labels (one);
  cr_expect_str_eq (got, "LoRA");
  cr_expect_str_eq (tjson_str (one, "items.0.filterText"), "lroa");
  cr_expect (json_node_get_boolean (tjson_path (one, "isIncomplete")));

  g_autoptr (JsonNode) two = complete_after (f, uri, text, "rotary embeding", 0);
  cr_assert_geq (tjson_len (two, "items"), 1);
  cr_expect_str_eq (tjson_str (two, "items.0.label"), "rotary embedding");
  g_autofree char *accepted = accept_item (f, two, 0, text);
  cr_expect_str_eq (accepted, "with lroa and rotary embedding\n");
}

GLS_TEST (completion, nothing_in_code_strings_or_markup)
{
  static const struct
  {
    const char *name, *language, *text, *needle;
  } none[] = {
    { "a.md", "markdown", "```\nrotary po\n```\n", "rotary po" },
    { "a.md", "markdown", "See `rotary po` here\n", "rotary po" },
    { "a.md", "markdown", "See [x](http://lo", "http://lo" },
    { "a.md", "markdown", "<!-- rotary po -->\n", "rotary po" },
    { "a.c", "c", "int lo", "int lo" },
    { "a.c", "c", "const char *s = \"rotary po\";\n", "rotary po" },
    { "a.py", "python", "x = 'rotary po'\n", "rotary po" },
    { "a.js", "javascript", "const lo", "const lo" },
    { "a.js", "javascript", "f(\"rotary po\");\n", "rotary po" },
  };
  static const struct
  {
    const char *name, *language, *text, *needle;
  } some[] = {
    { "a.c", "c", "/* see rotary po */\nint x;\n", "rotary po" },
    { "a.c", "c", "int x; // see rotary po\n", "rotary po" },
    { "a.py", "python", "def f():\n    \"\"\"Uses rotary po\"\"\"\n", "rotary po" },
    { "a.py", "python", "x = 1  # rotary po\n", "rotary po" },
    { "a.js", "javascript", "// rotary po\nlet x;\n", "rotary po" },
    { "a.md", "markdown", "# Rotary po\n", "Rotary po" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (none); i++)
    {
      g_autoptr (FeatFixture) f = feat_new (NULL);
      g_autofree char *uri = feat_uri (f, none[i].name);
      feat_open (f, uri, none[i].language, none[i].text);
      g_autoptr (JsonNode) list = complete_after (f, uri, none[i].text, none[i].needle, 0);
      cr_expect_eq (tjson_len (list, "items"), 0, "case %zu: %s", i, none[i].text);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (some); i++)
    {
      g_autoptr (FeatFixture) f = feat_new (NULL);
      g_autofree char *uri = feat_uri (f, some[i].name);
      feat_open (f, uri, some[i].language, some[i].text);
      g_autoptr (JsonNode) list = complete_after (f, uri, some[i].text, some[i].needle, 0);
      cr_expect_eq (tjson_len (list, "items"), 1, "case %zu: %s", i, some[i].text);
    }
}

GLS_TEST (completion, utf8_ranges_with_non_ascii_before_the_phrase)
{
  const char *caps[] = { NULL, UTF8_CAPS };
  const char *text = "Ünïcödé 😀 rotary po\n";

  for (gsize i = 0; i < G_N_ELEMENTS (caps); i++)
    {
      g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .capabilities = caps[i] });
      g_autofree char *uri = feat_uri (f, "doc.md");
      gint64 line, character;

      cr_assert_eq (f->encoding, i == 0 ? GLS_POSITION_UTF16 : GLS_POSITION_UTF8);
      feat_open (f, uri, "markdown", text);
      g_autoptr (JsonNode) list = complete_after (f, uri, text, "rotary po", 0);
      cr_assert_eq (tjson_len (list, "items"), 1);
      feat_position (text, "rotary", 0, 0, f->encoding, &line, &character);
      cr_expect_eq (tjson_int (list, "items.0.textEdit.range.start.character"), character);
      g_autofree char *accepted = accept_item (f, list, 0, text);
      cr_expect_str_eq (accepted, "Ünïcödé 😀 rotary position embedding\n");
    }
}

GLS_TEST (completion, the_phrase_stays_on_the_cursor_line)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "A paragraph about rotary\npo\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) list = complete_after (f, uri, text, "\npo", 0);
  g_autofree char *got = labels (list);
  cr_expect_str_eq (got, "positional encoding");
  cr_expect_eq (tjson_int (list, "items.0.textEdit.range.start.line"), 1);
}

GLS_TEST (completion, resolve_adds_documentation_in_the_clients_format)
{
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .capabilities = MARKDOWN_DOC_CAPS });
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "lora ad\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) list = complete_after (f, uri, text, "lora ad", 0);
  cr_assert_eq (tjson_len (list, "items"), 1);
  g_autofree char *item = tjson_text (tjson_path (list, "items.0"));
  g_autoptr (JsonNode) resolved = feat_request (f, "completionItem/resolve", item);

  cr_expect_str_eq (tjson_str (resolved, "label"), "LoRA adapter");
  cr_expect_str_eq (tjson_str (resolved, "documentation.kind"), "markdown");
  cr_expect (g_str_has_prefix (tjson_str (resolved, "documentation.value"),
                               "**LoRA adapter** is a small module"));
  cr_expect_not_null (strstr (tjson_str (resolved, "documentation.value"), " · *model training*"));
  cr_expect_not_null (tjson_path (resolved, "textEdit"), "the rest of the item is kept");

  /* An item made by another glossary generation is found by its label. */
  g_autoptr (JsonNode) stale = feat_request (
    f, "completionItem/resolve",
    "{\"label\":\"rotary embedding\",\"data\":{\"term\":0,\"generation\":99}}");
  cr_expect_not_null (strstr (tjson_str (stale, "documentation.value"), "shorter name"));
  g_autoptr (JsonNode) unknown = feat_request (
    f, "completionItem/resolve", "{\"label\":\"no such term\",\"data\":{\"term\":0,\"generation\":99}}");
  cr_expect_null (tjson_path (unknown, "documentation"));
  cr_expect_str_eq (tjson_str (unknown, "label"), "no such term");
  g_autoptr (JsonNode) bad = feat_request_raw (f, "completionItem/resolve", "[1]");
  cr_expect_eq (tjson_int (bad, "error.code"), -32602);
}

GLS_TEST (completion, capped_lists_are_incomplete)
{
  g_autoptr (GString) glossary = g_string_new (NULL);
  for (guint i = 0; i < 80; i++)
    g_string_append_printf (glossary, "widget%02u, gadgets\n**Widget %02u** is a thing.\n", i, i);
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .glossary_text = glossary->str });
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "a wid\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) list = complete_after (f, uri, text, "wid", 0);
  cr_expect_eq (tjson_len (list, "items"), 50);
  cr_expect (json_node_get_boolean (tjson_path (list, "isIncomplete")));
  cr_expect_str_eq (tjson_str (list, "items.0.label"), "widget00");
  cr_expect_str_eq (tjson_str (list, "items.49.label"), "widget49");
}

GLS_TEST (completion, glossary_documents_and_out_of_range_positions)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "team.glossary");
  g_autofree char *md = feat_uri (f, "doc.md");
  const char *text = "kv cache, inference\n**KV cache** works with rotary po\n";

  feat_open (f, uri, "glossary", text);
  g_autoptr (JsonNode) list = complete_after (f, uri, text, "rotary po", 0);
  g_autofree char *got = labels (list);
  cr_expect_str_eq (got, "rotary position embedding");

  feat_open (f, md, "markdown", "ends with rotary po");
  g_autofree char *far = feat_position_params (md, 999, 999, NULL);
  g_autoptr (JsonNode) clamped = feat_request (f, "textDocument/completion", far);
  cr_expect_eq (tjson_len (clamped, "items"), 1, "clamped to the end, after 'rotary po'");
  g_autofree char *unknown = feat_uri (f, "nope.md");
  g_autofree char *params = feat_position_params (unknown, 0, 0, NULL);
  g_autoptr (JsonNode) empty = feat_request (f, "textDocument/completion", params);
  cr_expect_eq (tjson_len (empty, "items"), 0);
}

GLS_TEST (completion, a_glossary_swap_is_seen_and_old_items_still_resolve)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "about rotary po and wid, ro\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) before = complete_after (f, uri, text, "rotary po", 0);
  cr_assert_eq (tjson_len (before, "items"), 1);
  /* Short prefixes are remembered per glossary: this fills the memo. */
  g_autoptr (JsonNode) ro_before = complete_after (f, uri, text, ", ro", 0);
  g_autofree char *ro_old = labels (ro_before);
  cr_expect_str_eq (ro_old, "rotary embedding|rotary position embedding|RoPE");
  g_autofree char *old_item = tjson_text (tjson_path (before, "items.0"));

  g_autoptr (GlsGlossary) other = gls_test_glossary (
    "other.txt", "widget tree,ui\n**Widget tree** holds widgets.\n"
                 "rotary position embedding,attention\n**RoPE** again.\n", NULL);
  gls_workspace_set_glossary (f->ws, other);

  g_autoptr (JsonNode) widgets = complete_after (f, uri, text, "wid", 0);
  g_autofree char *got = labels (widgets);
  cr_expect_str_eq (got, "widget tree");
  g_autoptr (JsonNode) ro_after = complete_after (f, uri, text, ", ro", 0);
  g_autofree char *ro_new = labels (ro_after);
  cr_expect_str_eq (ro_new, "rotary position embedding");
  /* The old item's term index means nothing now: found again by label. */
  g_autoptr (JsonNode) resolved = feat_request (f, "completionItem/resolve", old_item);
  cr_expect (g_str_has_prefix (tjson_str (resolved, "documentation.value"), "RoPE again."),
             "%s", tjson_str (resolved, "documentation.value"));
  cr_expect_not_null (strstr (tjson_str (resolved, "documentation.value"), "other.txt:3 (attention)"),
                      "%s", tjson_str (resolved, "documentation.value"));
}

GLS_TEST (completion, the_edit_range_goes_to_item_defaults_when_supported)
{
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) {
    .capabilities = "{\"textDocument\":{\"completion\":{\"completionList\":"
                    "{\"itemDefaults\":[\"commitCharacters\",\"editRange\",\"data\"]}}}}" });
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "We use rotary \n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) list = complete_after (f, uri, text, "rotary ", 0);
  gint64 line, character;
  feat_position (text, "rotary", 0, 0, f->encoding, &line, &character);

  cr_assert_eq (tjson_len (list, "items"), 2);
  cr_expect (feat_range_is (list, "itemDefaults.editRange", line, character, line, character + 7));
  cr_expect_null (tjson_path (list, "items.0.textEdit"));
  cr_expect_null (tjson_path (list, "items.1.textEdit"));
  cr_expect_str_eq (tjson_str (list, "items.1.label"), "rotary position embedding");
}

GLS_TEST (completion, a_glued_header_item_is_not_offered_tags_are)
{
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .glossary_text = GLS_TEST_TEAM_GLOSSARY });
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "A bloom f\nOur premium su\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) bloom = complete_after (f, uri, text, "bloom f", 0);
  g_autofree char *got = labels (bloom);
  /* "bloom filter bf" only glues two names of its entry together. */
  cr_expect_str_eq (got, "bloom filter");
  /* A tag is not lit in prose, but typing it finds its entry. */
  g_autoptr (JsonNode) support = complete_after (f, uri, text, "premium su", 0);
  g_autofree char *tags = labels (support);
  cr_expect_str_eq (tags, "premium support");
}
