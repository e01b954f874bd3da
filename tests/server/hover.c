/* Tests of textDocument/hover through a real server over pipes. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "feature_fixture.h"

#define MARKDOWN_CAPS "{\"textDocument\":{\"hover\":{\"contentFormat\":[\"markdown\",\"plaintext\"]}}}"
#define UTF8_CAPS "{\"general\":{\"positionEncodings\":[\"utf-8\",\"utf-16\"]}," \
                  "\"textDocument\":{\"hover\":{\"contentFormat\":[\"markdown\"]}}}"

/* Hover at the occurrence-th needle + delta of text (a document at uri). */
static JsonNode *
hover_at (FeatFixture *f, const char *uri, const char *text, const char *needle,
          guint occurrence, gsize delta)
{
  gint64 line, character;
  feat_position (text, needle, occurrence, delta, f->encoding, &line, &character);
  g_autofree char *params = feat_position_params (uri, line, character, NULL);
  return feat_request (f, "textDocument/hover", params);
}

/* Asserts that result's range covers needle's occurrence (plus extra bytes). */
static void
expect_range_covers (FeatFixture *f, JsonNode *result, const char *text, const char *needle,
                     guint occurrence, gsize extra)
{
  gint64 sl, sc, el, ec;
  feat_position (text, needle, occurrence, 0, f->encoding, &sl, &sc);
  feat_position (text, needle, occurrence, strlen (needle) + extra, f->encoding, &el, &ec);
  g_autofree char *json = tjson_text (result);
  cr_expect (feat_range_is (result, "range", sl, sc, el, ec),
             "want %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
             " in %s", sl, sc, el, ec, json);
}

GLS_TEST (hover, markdown_prose_in_markdown_with_a_link_to_the_entry)
{
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .capabilities = MARKDOWN_CAPS });
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "# Notes\n\nWe fine-tune with LoRA every day.\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) hover = hover_at (f, uri, text, "LoRA", 0, 2);
  const char *value = tjson_str (hover, "contents.value");

  cr_assert_str_eq (tjson_str (hover, "contents.kind"), "markdown");
  cr_assert_not_null (value);
  cr_expect (g_str_has_prefix (value, "**LoRA (Low-Rank Adaptation)**"), "%s", value);
  cr_expect_not_null (strstr (value, "adds trainable low-rank matrices"), "%s", value);
  g_autofree char *link = g_strdup_printf ("](%s#L1)", f->glossary_uri);
  cr_expect_not_null (strstr (value, link), "%s lacks %s", value, link);
  expect_range_covers (f, hover, text, "LoRA", 0, 0);
}

GLS_TEST (hover, a_sphinx_glossary_entry_with_its_line)
{
  const char *rst = "Glossary\n========\n\n.. glossary::\n\n   SMCCC\n      :term:`SMC` Calling Convention, the\n"
                    "      way firmware is called.\n\n   SMC\n      Secure Monitor Call\n";
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .capabilities = MARKDOWN_CAPS, .glossary_text = rst,
                                                       .glossary_name = "glossary.rst" });
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "Every SMCCC call traps.\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) hover = hover_at (f, uri, text, "SMCCC", 0, 2);
  const char *value = tjson_str (hover, "contents.value");
  cr_assert_not_null (value);
  /* The definition made flush, the role turned into its text. */
  cr_expect (g_str_has_prefix (value, "**SMCCC**"), "%s", value);
  cr_expect_not_null (strstr (value, "SMC Calling Convention, the"), "%s", value);
  cr_expect_not_null (strstr (value, "way firmware is called."), "%s", value);
  g_autofree char *link = g_strdup_printf ("](%s#L6)", f->glossary_uri);
  cr_expect_not_null (strstr (value, link), "%s lacks %s", value, link);
}

GLS_TEST (hover, plain_text_unless_the_client_asks_for_markdown)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "We fine-tune with LoRA every day.\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) hover = hover_at (f, uri, text, "LoRA", 0, 0);
  const char *value = tjson_str (hover, "contents.value");

  cr_assert_str_eq (tjson_str (hover, "contents.kind"), "plaintext");
  /* The definition opens with the title: it is shown once, as the start. */
  cr_expect (g_str_has_prefix (value, "LoRA (Low-Rank Adaptation) adds trainable"), "%s", value);
  cr_expect_null (strstr (value, "**"), "%s", value);
  cr_expect_not_null (strstr (value, "terms.txt:1"), "%s", value);
}

GLS_TEST (hover, whole_multi_word_term_with_plural_in_both_encodings)
{
  const char *caps[] = { MARKDOWN_CAPS, UTF8_CAPS };
  const GlsPositionEncoding want[] = { GLS_POSITION_UTF16, GLS_POSITION_UTF8 };
  /* Non-ASCII before the term: UTF-8 and UTF-16 columns differ by 4. */
  const char *text = "Ünïcödé 😀 text: Rotary-Position Embeddings are neat.\n";

  for (gsize i = 0; i < G_N_ELEMENTS (caps); i++)
    {
      g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .capabilities = caps[i] });
      g_autofree char *uri = feat_uri (f, "doc.md");

      cr_assert_eq (f->encoding, want[i]);
      feat_open (f, uri, "markdown", text);
      /* On the middle word, on the last letter, right after the term. */
      const gsize deltas[] = { 9, 25, 26 };
      for (gsize d = 0; d < G_N_ELEMENTS (deltas); d++)
        {
          g_autoptr (JsonNode) hover = hover_at (f, uri, text, "Rotary", 0, deltas[d]);
          cr_assert_not_null (tjson_path (hover, "contents"), "encoding %zu delta %zu", i, deltas[d]);
          cr_expect_not_null (strstr (tjson_str (hover, "contents.value"), "Rotary Position Embedding"));
          expect_range_covers (f, hover, text, "Rotary-Position Embeddings", 0, 0);
        }
      /* The same columns read in the other encoding would land elsewhere. */
      gint64 l8, c8, l16, c16;
      feat_position (text, "Rotary", 0, 0, GLS_POSITION_UTF8, &l8, &c8);
      feat_position (text, "Rotary", 0, 0, GLS_POSITION_UTF16, &l16, &c16);
      cr_assert_neq (c8, c16);
    }
}

GLS_TEST (hover, null_outside_terms_and_outside_prose)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "Plain words here.\n\n```\nLoRA in a fence\n```\n\nSee `LoRA` and [x](LoRA).\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) plain = hover_at (f, uri, text, "words", 0, 1);
  g_autoptr (JsonNode) fence = hover_at (f, uri, text, "LoRA", 0, 1);
  g_autoptr (JsonNode) code = hover_at (f, uri, text, "LoRA", 1, 1);
  g_autoptr (JsonNode) link = hover_at (f, uri, text, "LoRA", 2, 1);
  cr_expect (JSON_NODE_HOLDS_NULL (plain));
  cr_expect (JSON_NODE_HOLDS_NULL (fence));
  cr_expect (JSON_NODE_HOLDS_NULL (code));
  cr_expect (JSON_NODE_HOLDS_NULL (link));
}

GLS_TEST (hover, code_comments_but_not_identifiers_or_strings)
{
  static const struct
  {
    const char *name;
    const char *language;
    const char *text;
    const char *comment_needle;   /* occurrence 0 of LoRA is in a comment */
  } cases[] = {
    { "a.c", "c",
      "/* Scale the LoRA update. */\nint lora_rank = 4;\nconst char *s = \"LoRA\";\nint LoRA = 1;\n" },
    { "a.py", "python",
      "def f():\n    \"\"\"Apply LoRA to a layer.\"\"\"\n    lora = \"LoRA\"\n    # LoRA again\n    return LoRA\n" },
    { "a.js", "javascript",
      "// uses LoRA\nconst lora = 'LoRA';\nlet LoRA = `LoRA`;\n" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (FeatFixture) f = feat_new (NULL);
      g_autofree char *uri = feat_uri (f, cases[i].name);
      const char *text = cases[i].text;
      guint n = 0;

      feat_open (f, uri, cases[i].language, text);
      for (const char *p = strstr (text, "LoRA"); p != NULL; p = strstr (p + 1, "LoRA"))
        n++;
      for (guint k = 0; k < n; k++)
        {
          g_autoptr (JsonNode) hover = hover_at (f, uri, text, "LoRA", k, 1);
          /* Python: the docstring and the # comment; elsewhere the first. */
          gboolean in_comment = k == 0 || (g_str_equal (cases[i].language, "python") && k == 2);
          cr_expect_eq (!JSON_NODE_HOLDS_NULL (hover), in_comment, "%s: LoRA #%u", cases[i].name, k);
        }
      g_autoptr (JsonNode) ident = hover_at (f, uri, text, "lora", 0, 1);
      cr_expect (JSON_NODE_HOLDS_NULL (ident), "%s: identifier", cases[i].name);
    }
}

GLS_TEST (hover, ordinary_english_spelling_of_a_case_sensitive_term_is_not_a_term)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "Tie the rope here. RoPE rotates vectors.\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) word = hover_at (f, uri, text, "rope", 0, 1);
  g_autoptr (JsonNode) term = hover_at (f, uri, text, "RoPE", 0, 1);
  cr_expect (JSON_NODE_HOLDS_NULL (word));
  cr_assert_not_null (tjson_path (term, "contents"));
  cr_expect_not_null (strstr (tjson_str (term, "contents.value"), "Rotary Position Embedding"));
}

GLS_TEST (hover, inside_the_glossary_file_itself)
{
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .capabilities = MARKDOWN_CAPS });
  gsize len;
  g_autofree char *text = NULL;
  cr_assert (g_file_get_contents (f->glossary_path, &text, &len, NULL));

  feat_open (f, f->glossary_uri, "glossary", text);
  /* A header item, and a term inside another entry's definition. */
  g_autoptr (JsonNode) header = hover_at (f, f->glossary_uri, text, "lora adapter,", 0, 2);
  g_autoptr (JsonNode) body = hover_at (f, f->glossary_uri, text, "trained with LoRA", 0, 14);
  cr_assert_not_null (tjson_path (header, "contents"));
  cr_expect (g_str_has_prefix (tjson_str (header, "contents.value"), "**LoRA adapter**"),
             "%s", tjson_str (header, "contents.value"));
  expect_range_covers (f, header, text, "lora adapter", 0, 0);
  cr_assert_not_null (tjson_path (body, "contents"));
  cr_expect (g_str_has_prefix (tjson_str (body, "contents.value"), "**LoRA (Low-Rank Adaptation)**"));
}

GLS_TEST (hover, follows_edits)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *before = "Nothing to see.\n";
  const char *after = "Nothing but RoPE.\n";

  feat_open (f, uri, "markdown", before);
  g_autoptr (JsonNode) none = hover_at (f, uri, before, "see", 0, 1);
  cr_expect (JSON_NODE_HOLDS_NULL (none));
  feat_replace (f, uri, 2, after);
  g_autoptr (JsonNode) some = hover_at (f, uri, after, "RoPE", 0, 1);
  cr_expect_not_null (tjson_path (some, "contents"));
}

GLS_TEST (hover, out_of_range_positions_and_unknown_documents)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "doc.md");
  g_autofree char *missing = feat_uri (f, "missing.md");
  const char *text = "LoRA is first.\nlast line\n";

  feat_open (f, uri, "markdown", text);
  /* Clamped to the end of the text (after "last line\n"): no term there. */
  g_autofree char *far = feat_position_params (uri, 999, 999, NULL);
  g_autoptr (JsonNode) past = feat_request (f, "textDocument/hover", far);
  cr_expect (JSON_NODE_HOLDS_NULL (past));
  /* A character beyond the line's end is clamped to that line's end. */
  g_autofree char *wide = feat_position_params (uri, 0, 999, NULL);
  g_autoptr (JsonNode) line_end = feat_request (f, "textDocument/hover", wide);
  cr_expect (JSON_NODE_HOLDS_NULL (line_end));
  g_autofree char *unknown = feat_position_params (missing, 0, 1, NULL);
  g_autoptr (JsonNode) not_open = feat_request (f, "textDocument/hover", unknown);
  cr_expect (JSON_NODE_HOLDS_NULL (not_open));

  /* Negative numbers read as 0 (position.h), so this is LoRA at 0:0. */
  g_autofree char *negative = feat_position_params (uri, -1, -5, NULL);
  g_autoptr (JsonNode) first = feat_request (f, "textDocument/hover", negative);
  cr_expect (feat_range_is (first, "range", 0, 0, 0, 4));
  /* Malformed positions are refused with InvalidParams, not a crash. */
  g_autofree char *mistyped = g_strdup_printf (
    "{\"textDocument\":{\"uri\":\"%s\"},\"position\":{\"line\":\"0\",\"character\":1}}", uri);
  g_autoptr (JsonNode) error = feat_request_raw (f, "textDocument/hover", mistyped);
  cr_expect_eq (tjson_int (error, "error.code"), -32602);
  g_autoptr (JsonNode) no_params = feat_request_raw (f, "textDocument/hover", "{}");
  cr_expect_eq (tjson_int (no_params, "error.code"), -32602);
}
