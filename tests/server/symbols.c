/* Tests of textDocument/documentSymbol and workspace/symbol over pipes. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "feature_fixture.h"
#include "feature_glossary.h"

#define HIERARCHICAL_CAPS \
  "{\"textDocument\":{\"documentSymbol\":{\"hierarchicalDocumentSymbolSupport\":true}}}"
#define HIERARCHICAL_UTF8_CAPS \
  "{\"general\":{\"positionEncodings\":[\"utf-8\"]}," \
  "\"textDocument\":{\"documentSymbol\":{\"hierarchicalDocumentSymbolSupport\":true}}}"

static JsonNode *
document_symbols (FeatFixture *f, const char *uri)
{
  g_autofree char *params = g_strdup_printf ("{\"textDocument\":{\"uri\":\"%s\"}}", uri);
  return feat_request (f, "textDocument/documentSymbol", params);
}

/* "name[kind]" of every element, children in parentheses. */
static void
append_symbols (GString *s, JsonNode *list)
{
  guint n = tjson_len (list, "");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.name", i);
      g_autofree char *kind = g_strdup_printf ("%u.kind", i);
      g_autofree char *children = g_strdup_printf ("%u.children", i);
      g_string_append_printf (s, "%s%s[%" G_GINT64_FORMAT "]", i > 0 ? " " : "",
                              tjson_str (list, name), tjson_int (list, kind));
      JsonNode *c = tjson_path (list, children);
      if (c != NULL)
        {
          g_string_append (s, "(");
          append_symbols (s, c);
          g_string_append (s, ")");
        }
    }
}

static char *
symbols_summary (JsonNode *list)
{
  GString *s = g_string_new (NULL);
  append_symbols (s, list);
  return g_string_free (s, FALSE);
}

GLS_TEST (symbols, hierarchical_entries_with_their_aliases)
{
  const char *caps[] = { HIERARCHICAL_CAPS, HIERARCHICAL_UTF8_CAPS };
  const char *text =
    "lora,low rank adaptation,peft\n**LoRA (Low-Rank Adaptation)** adapts.\nMore text.\n"
    "naïve bayes,modèles\n**Naïve Bayes** counts words.\n";

  for (gsize i = 0; i < G_N_ELEMENTS (caps); i++)
    {
      g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .capabilities = caps[i] });
      g_autofree char *uri = feat_uri (f, "team.glossary");
      gint64 sl, sc, el, ec;

      feat_open (f, uri, "glossary", text);
      g_autoptr (JsonNode) list = document_symbols (f, uri);
      g_autofree char *got = symbols_summary (list);
      cr_expect_str_eq (got, "lora[20](low rank adaptation[15] peft[15]) naïve bayes[20]");
      cr_expect_str_eq (tjson_str (list, "0.detail"), "LoRA (Low-Rank Adaptation)");
      cr_expect_str_eq (tjson_str (list, "1.detail"), "Naïve Bayes · modèles");

      /* range: header to the end of the definition; selection: headword. */
      feat_position (text, "lora", 0, 0, f->encoding, &sl, &sc);
      feat_position (text, "More text.", 0, 10, f->encoding, &el, &ec);
      cr_expect (feat_range_is (list, "0.range", sl, sc, el, ec));
      cr_expect (feat_range_is (list, "0.selectionRange", 0, 0, 0, 4));
      feat_position (text, "naïve bayes", 0, 0, f->encoding, &sl, &sc);
      feat_position (text, "naïve bayes", 0, strlen ("naïve bayes"), f->encoding, &el, &ec);
      cr_expect (feat_range_is (list, "1.selectionRange", sl, sc, el, ec),
                 "the headword's end depends on the encoding (%zu)", i);
      feat_position (text, "peft", 0, 0, f->encoding, &sl, &sc);
      cr_expect (feat_range_is (list, "0.children.1.range", sl, sc, sl, sc + 4));
    }
}

GLS_TEST (symbols, flat_symbol_information_without_hierarchy_support)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *uri = feat_uri (f, "team.glossary");
  const char *text = "lora,low rank adaptation,peft\n**LoRA** adapts.\nkv cache,inference\n**KV cache** stores.\n";

  feat_open (f, uri, "glossary", text);
  g_autoptr (JsonNode) list = document_symbols (f, uri);
  g_autofree char *got = symbols_summary (list);
  cr_expect_str_eq (got, "lora[20] low rank adaptation[15] peft[15] kv cache[20]");
  cr_expect_str_eq (tjson_str (list, "1.containerName"), "lora");
  cr_expect_str_eq (tjson_str (list, "0.location.uri"), uri);
  cr_expect (feat_range_is (list, "3.location.range", 2, 0, 3, 20));
}

GLS_TEST (symbols, unsaved_edits_show_and_other_documents_have_none)
{
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .capabilities = HIERARCHICAL_CAPS });
  g_autofree char *uri = feat_uri (f, "team.glossary");
  g_autofree char *md = feat_uri (f, "doc.md");
  const char *v1 = "lora,fine tuning\n**LoRA** adapts.\n";
  const char *v2 = "lora,fine tuning\n**LoRA** adapts.\nqlora,quantization\n**QLoRA** quantizes.\n";

  feat_open (f, uri, "glossary", v1);
  feat_open (f, md, "markdown", "lora,fine tuning\n**LoRA** looks like an entry.\n");
  g_autoptr (JsonNode) one = document_symbols (f, uri);
  g_autoptr (JsonNode) again = document_symbols (f, uri);
  g_autofree char *a = symbols_summary (one);
  g_autofree char *b = symbols_summary (again);
  cr_expect_str_eq (a, "lora[20]");
  cr_expect_str_eq (a, b);

  feat_replace (f, uri, 2, v2);
  g_autoptr (JsonNode) two = document_symbols (f, uri);
  g_autofree char *c = symbols_summary (two);
  cr_expect_str_eq (c, "lora[20] qlora[20]");

  g_autoptr (JsonNode) none = document_symbols (f, md);
  cr_expect_eq (tjson_len (none, ""), 0);
  g_autofree char *missing = feat_uri (f, "missing.glossary");
  g_autoptr (JsonNode) closed = document_symbols (f, missing);
  cr_expect_eq (tjson_len (closed, ""), 0);
  g_autoptr (JsonNode) bad = feat_request_raw (f, "textDocument/documentSymbol", "{}");
  cr_expect_eq (tjson_int (bad, "error.code"), -32602);
}

GLS_TEST (symbols, glossaries_in_other_formats_have_an_outline)
{
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .capabilities = HIERARCHICAL_CAPS });
  g_autofree char *md = feat_uri (f, "GLOSSARY.md");
  g_autofree char *rst = feat_uri (f, "glossary.rst");
  const char *page = "# Glossary\n\n## KV cache (key-value cache)\n\nKeys and values kept for decoding.\n\n"
                     "## LoRA\n\nLow-rank adapters.\n";
  const char *sphinx = ".. glossary::\n\n   BF16\n   bfloat16\n      A 16-bit format.\n\n"
                       "      Same exponent range as FP32.\n\n   FP8\n      An 8-bit format.\n";

  feat_open (f, md, "glossary", page);
  g_autoptr (JsonNode) outline = document_symbols (f, md);
  g_autofree char *got = symbols_summary (outline);
  /* Y of "X (Y)" is a title name, not a header item: no child (as in the seed layout). */
  cr_expect_str_eq (got, "KV cache[20] LoRA[20]");
  cr_expect (feat_range_is (outline, "0.selectionRange", 2, 3, 2, 11));
  cr_expect (feat_range_is (outline, "0.range", 2, 0, 4, 34));

  feat_open (f, rst, "glossary", sphinx);
  g_autoptr (JsonNode) entries = document_symbols (f, rst);
  g_autofree char *names = symbols_summary (entries);
  cr_expect_str_eq (names, "BF16[20](bfloat16[15]) FP8[20]");
  /* The definition is made flush (derived text): the entry still ends where
   * its last definition line does in the file. */
  cr_expect (feat_range_is (entries, "0.range", 2, 0, 6, 34));
  cr_expect (feat_range_is (entries, "0.children.0.range", 3, 3, 3, 11));
}

/* Vocabulary lists (cspell JSON and YAML, Vale accept/reject, typos) have
 * an outline: one symbol per word, accepted or rejected, whose selection
 * is the word where it is written; and no glossary-format noise. */
GLS_TEST (symbols, vocabulary_lists_have_one_symbol_per_word)
{
  static const struct
  {
    const char *name, *text, *want;
  } files[] = {
    { "cspell.json", "// team\n{ \"version\": \"0.2\",\n  \"words\": [\"QLoRA\", \"DeepSpeed\"],\n"
                     "  \"flagWords\": [\"hte\"] }\n", "QLoRA[20] DeepSpeed[20] hte[20]" },
    { "cspell.yaml", "version: \"0.2\"\nwords:\n  - QLoRA\n  - DeepSpeed\n", "QLoRA[20] DeepSpeed[20]" },
    { "styles/config/vocabularies/Team/accept.txt", "PyTorch\nHugging Face\n", "PyTorch[20] Hugging Face[20]" },
    { "styles/config/vocabularies/Team/reject.txt", "blacklist\n", "blacklist[20]" },
    { "_typos.toml", "[default.extend-words]\nlora = \"LoRA\"\nhte = \"the\"\n", "LoRA[20] hte[20]" },
  };
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .capabilities = HIERARCHICAL_UTF8_CAPS });
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *uri = feat_uri (f, files[i].name);
      feat_open (f, uri, "glossary", files[i].text);
      g_autoptr (JsonNode) list = document_symbols (f, uri);
      g_autofree char *got = symbols_summary (list);
      cr_expect_str_eq (got, files[i].want, "%s", files[i].name);
      /* Each selection is its word, exactly. */
      for (guint k = 0; k < tjson_len (list, ""); k++)
        {
          g_autofree char *name = g_strdup_printf ("%u.name", k);
          g_autofree char *sel = g_strdup_printf ("%u.selectionRange", k);
          const char *word = tjson_str (list, name);
          gint64 sl, sc, el, ec;
          feat_position (files[i].text, word, 0, 0, f->encoding, &sl, &sc);
          feat_position (files[i].text, word, 0, strlen (word), f->encoding, &el, &ec);
          cr_expect (feat_range_is (list, sel, sl, sc, el, ec), "%s: %s", files[i].name, word);
        }
    }
}

/* "name@line" of workspace symbols. */
static char *
workspace_summary (JsonNode *list)
{
  GString *s = g_string_new (NULL);
  guint n = tjson_len (list, "");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.name", i);
      g_autofree char *line = g_strdup_printf ("%u.location.range.start.line", i);
      g_string_append_printf (s, "%s%s@%" G_GINT64_FORMAT, i > 0 ? " " : "", tjson_str (list, name),
                              tjson_int (list, line));
    }
  return g_string_free (s, FALSE);
}

/* workspace/symbol params asking for every matching term, as the VS Code
 * extension's Look Up Term does. */
#define ALL_TERMS(q) "{\"query\":\"" q "\",\"glossaryLs\":{\"allTerms\":true}}"

GLS_TEST (symbols, workspace_symbols_prefix_then_substring_then_fuzzy)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);

  g_autoptr (JsonNode) rot = feat_request (f, "workspace/symbol", ALL_TERMS ("Rot"));
  g_autofree char *r = workspace_summary (rot);
  /* rotary position embedding has two entries (lines 4 and 8, 0-based). */
  cr_expect_str_eq (r, "rotary embedding@6 rotary position embedding@4 rotary position embedding@8");
  cr_expect_str_eq (tjson_str (rot, "0.location.uri"), f->glossary_uri);
  cr_expect_eq (tjson_int (rot, "0.kind"), 20);
  cr_expect_str_eq (tjson_str (rot, "2.containerName"), "Rotary position embedding · attention");

  g_autoptr (JsonNode) sub = feat_request (f, "workspace/symbol", ALL_TERMS ("embedding"));
  g_autofree char *s = workspace_summary (sub);
  /* The keyword term first (a prefix match), spelled as its header item. */
  cr_expect_str_eq (s, "embeddings@6 rotary embedding@6 rotary position embedding@4 "
                       "rotary position embedding@8");

  g_autoptr (JsonNode) typo = feat_request (f, "workspace/symbol", ALL_TERMS ("lroa"));
  g_autofree char *t = workspace_summary (typo);
  cr_expect_str_eq (t, "LoRA@0");

  g_autoptr (JsonNode) all = feat_request (f, "workspace/symbol", ALL_TERMS (""));
  cr_expect_gt (tjson_len (all, ""), 5);
  g_autoptr (JsonNode) bad = feat_request_raw (f, "workspace/symbol", "{\"query\":3}");
  cr_expect_eq (tjson_int (bad, "error.code"), -32602);
}

GLS_TEST (symbols, workspace_symbols_are_capped)
{
  g_autoptr (GString) glossary = g_string_new (NULL);
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (glossary, "widget%03u, gadgets\n**Widget %03u** is a thing.\n", i, i);
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .glossary_text = glossary->str });

  g_autoptr (JsonNode) list = feat_request (f, "workspace/symbol", ALL_TERMS ("widget"));
  cr_expect_eq (tjson_len (list, ""), 100);
  cr_expect_str_eq (tjson_str (list, "0.name"), "widget000");
  cr_expect_str_eq (tjson_str (list, "99.name"), "widget099");
}

/* An editor's code symbol search sends every query to every server: without
 * the opt-in, terms come only for a query that names one (issue 15: "main"
 * offered "total productive maintenance"). */
GLS_TEST (symbols, workspace_symbols_only_for_a_named_term_unless_asked)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);

  for (guint i = 0; i < 4; i++)
    {
      const char *queries[] = { "{\"query\":\"Rot\"}", "{\"query\":\"lroa\"}",
                                "{\"query\":\"\"}", "{\"query\":\"main\"}" };
      g_autoptr (JsonNode) none = feat_request (f, "workspace/symbol", queries[i]);
      cr_expect_eq (tjson_len (none, ""), 0, "%s", queries[i]);
    }
  /* A term's name, in any case, separator or plural form, is answered with
   * the same list as with the opt-in. */
  const char *named[] = { "rotary position embedding", "Rotary-Position Embeddings", "lora" };
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      g_autofree char *plain = g_strdup_printf ("{\"query\":\"%s\"}", named[i]);
      g_autofree char *all = g_strdup_printf (ALL_TERMS ("%s"), named[i]);
      g_autoptr (JsonNode) got = feat_request (f, "workspace/symbol", plain);
      g_autoptr (JsonNode) want = feat_request (f, "workspace/symbol", all);
      g_autofree char *g = workspace_summary (got);
      g_autofree char *w = workspace_summary (want);
      cr_expect_gt (tjson_len (got, ""), 0, "%s", named[i]);
      cr_expect_str_eq (g, w, "%s", named[i]);
    }
  /* "allTerms": false is no opt-in. */
  g_autoptr (JsonNode) off = feat_request (f, "workspace/symbol",
                                           "{\"query\":\"Rot\",\"glossaryLs\":{\"allTerms\":false}}");
  cr_expect_eq (tjson_len (off, ""), 0);
}
