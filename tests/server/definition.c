/* Tests of textDocument/definition over pipes. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "common/team-glossary.h"
#include "feature_fixture.h"
#include "feature_glossary.h"

#define LINK_CAPS "{\"textDocument\":{\"definition\":{\"linkSupport\":true}}}"

/* A glossary whose second and third headers have non-ASCII text (in the
 * term and the category), so header ranges differ between encodings. */
static const char *const accented_glossary =
  "lora,fine tuning\n**LoRA** adapts weights.\n"
  "naïve bayes classifier,modèles probabilistes\n**Naïve Bayes classifier** counts.\n"
  "naïve bayes classifier,statistics\n**Naïve Bayes** again, second entry.\n";

static JsonNode *
definition_at (FeatFixture *f, const char *uri, const char *text, const char *needle, gsize delta)
{
  gint64 line, character;
  feat_position (text, needle, 0, delta, f->encoding, &line, &character);
  g_autofree char *params = feat_position_params (uri, line, character, NULL);
  return feat_request (f, "textDocument/definition", params);
}

/* Expects range at path to be the whole line `line` (0-based) of the
 * glossary text: its header line. */
static void
expect_header_line (FeatFixture *f, JsonNode *node, const char *path, const char *glossary,
                    const char *header)
{
  gint64 sl, sc, el, ec;
  feat_position (glossary, header, 0, 0, f->encoding, &sl, &sc);
  feat_position (glossary, header, 0, strlen (header), f->encoding, &el, &ec);
  g_autofree char *json = tjson_text (node);
  cr_expect (feat_range_is (node, path, sl, sc, el, ec), "%s should be the header '%s': %s", path,
             header, json);
}

GLS_TEST (definition, locations_of_every_entry_in_rank_order)
{
  const char *caps[] = { NULL, "{\"general\":{\"positionEncodings\":[\"utf-8\"]}}" };

  for (gsize i = 0; i < G_N_ELEMENTS (caps); i++)
    {
      g_autoptr (FeatFixture) f =
        feat_new (&(FeatSetup) { .capabilities = caps[i], .glossary_text = accented_glossary });
      g_autofree char *uri = feat_uri (f, "doc.md");
      const char *text = "Ünïcödé: a Naïve Bayes classifier and LoRA.\n";

      feat_open (f, uri, "markdown", text);
      g_autoptr (JsonNode) bayes = definition_at (f, uri, text, "Bayes", 1);
      cr_assert_eq (tjson_len (bayes, ""), 2, "encoding %zu", i);
      cr_expect_str_eq (tjson_str (bayes, "0.uri"), f->glossary_uri);
      expect_header_line (f, bayes, "0.range", accented_glossary,
                          "naïve bayes classifier,modèles probabilistes");
      expect_header_line (f, bayes, "1.range", accented_glossary, "naïve bayes classifier,statistics");

      g_autoptr (JsonNode) lora = definition_at (f, uri, text, "LoRA", 0);
      cr_assert_eq (tjson_len (lora, ""), 1);
      expect_header_line (f, lora, "0.range", accented_glossary, "lora,fine tuning");
    }
}

GLS_TEST (definition, location_links_when_the_client_supports_them)
{
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .capabilities = LINK_CAPS });
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "Both rotary position embeddings here.\n";
  const char *glossary = GLS_TEST_GLOSSARY_TEXT;

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) links = definition_at (f, uri, text, "position", 0);
  cr_assert_eq (tjson_len (links, ""), 2);
  cr_expect_str_eq (tjson_str (links, "0.targetUri"), f->glossary_uri);
  expect_header_line (f, links, "0.targetSelectionRange", glossary,
                      "rotary position embedding,rope,positional encoding");
  expect_header_line (f, links, "1.targetSelectionRange", glossary,
                      "rotary position embedding,attention");

  /* The origin is the whole term in the document. */
  gint64 sl, sc, el, ec;
  feat_position (text, "rotary", 0, 0, f->encoding, &sl, &sc);
  feat_position (text, " here", 0, 0, f->encoding, &el, &ec);
  cr_expect (feat_range_is (links, "0.originSelectionRange", sl, sc, el, ec));

  /* The target range runs from the header to the end of the definition. */
  const char *def = "RoPE is relative.";
  feat_position (glossary, "rotary position embedding,rope", 0, 0, f->encoding, &sl, &sc);
  feat_position (glossary, def, 0, strlen (def), f->encoding, &el, &ec);
  cr_expect (feat_range_is (links, "0.targetRange", sl, sc, el, ec));
}

GLS_TEST (definition, inside_the_glossary_file_and_nowhere_else)
{
  g_autoptr (FeatFixture) f = feat_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *uri = feat_uri (f, "doc.md");
  cr_assert (g_file_get_contents (f->glossary_path, &text, NULL, NULL));

  feat_open (f, f->glossary_uri, "glossary", text);
  g_autoptr (JsonNode) self = definition_at (f, f->glossary_uri, text, "lora adapter,", 3);
  cr_assert_eq (tjson_len (self, ""), 1);
  expect_header_line (f, self, "0.range", text, "lora adapter,model training");

  feat_open (f, uri, "c", "int rotary_position_embedding; /* plain words */\n");
  g_autofree char *params = feat_position_params (uri, 0, 8, NULL);
  g_autoptr (JsonNode) code = feat_request (f, "textDocument/definition", params);
  cr_expect (JSON_NODE_HOLDS_NULL (code));
  g_autofree char *comment = feat_position_params (uri, 0, 40, NULL);
  g_autoptr (JsonNode) words = feat_request (f, "textDocument/definition", comment);
  cr_expect (JSON_NODE_HOLDS_NULL (words));
  g_autofree char *far = feat_position_params (uri, 99, 99, NULL);
  g_autoptr (JsonNode) clamped = feat_request (f, "textDocument/definition", far);
  cr_expect (JSON_NODE_HOLDS_NULL (clamped));
}

GLS_TEST (definition, entries_alike_give_one_location_the_best_first)
{
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .glossary_text = GLS_TEST_TEAM_GLOSSARY });
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "Nodes run a gossip protocol.\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) gossip = definition_at (f, uri, text, "gossip", 0);
  /* Lines 15 and 17 share a title: only 15, the best; then 19, another meaning. */
  cr_assert_eq (tjson_len (gossip, ""), 2);
  expect_header_line (f, gossip, "0.range", GLS_TEST_TEAM_GLOSSARY,
                      "gossip protocol, epidemic dissemination, cluster membership");
  expect_header_line (f, gossip, "1.range", GLS_TEST_TEAM_GLOSSARY,
                      "gossip protocol, anti entropy, replica repair");
}

GLS_TEST (definition, a_faq_tag_is_not_a_term_in_prose)
{
  g_autoptr (FeatFixture) f = feat_new (&(FeatSetup) { .glossary_text = GLS_TEST_TEAM_GLOSSARY });
  g_autofree char *uri = feat_uri (f, "doc.md");
  const char *text = "We need support for a WAL.\n";

  feat_open (f, uri, "markdown", text);
  g_autoptr (JsonNode) support = definition_at (f, uri, text, "support", 0);
  cr_expect (JSON_NODE_HOLDS_NULL (support));
  g_autoptr (JsonNode) wal = definition_at (f, uri, text, "WAL", 0);
  cr_assert_eq (tjson_len (wal, ""), 1);
  expect_header_line (f, wal, "0.range", GLS_TEST_TEAM_GLOSSARY, "write ahead log, wal, shadow paging, crash recovery");
}
