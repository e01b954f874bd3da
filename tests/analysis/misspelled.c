/* Tests of the misspelled-term rule (lsp/analysis/rule_misspelled.c). */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "common/leak-check.h"
#include "helpers.h"

static void
expect_lint (const char *lang, const char *text, const char *want)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autofree char *got = test_lint (a, lang, text);
  cr_expect_str_eq (got, want, "in \"%s\": got \"%s\", want \"%s\"", text, got, want);
}

GLS_TEST (misspelled, single_word_term)
{
  expect_lint ("plaintext", "We use toolfromer daily.", "misspelled-term:toolfromer>toolformer!");
  expect_lint ("plaintext", "Toolfromer works.", "misspelled-term:Toolfromer>Toolformer!");
  expect_lint ("plaintext", "Two toolfromers.", "misspelled-term:toolfromers>toolformers!");
}

GLS_TEST (misspelled, the_finding_covers_the_whole_term_phrase)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  const char *text = "The Levenstein transformer edits; rotary positon embedding rotates.";
  g_autoptr (GArray) findings = test_check (a, "plaintext", text);
  g_autofree char *got = test_findings_string (findings, text);
  cr_expect_str_eq (got, "misspelled-term:Levenstein transformer>Levenshtein transformer!|"
                         "misspelled-term:rotary positon embedding>rotary position embedding!");
  cr_assert_eq (findings->len, 2);
  const GlsFinding *f = &g_array_index (findings, GlsFinding, 0);
  cr_expect_eq (f->start, 4);
  cr_expect_eq (f->end, 4 + strlen ("Levenstein transformer"));
  cr_expect_str_eq (gls_glossary_term_key (g, gls_glossary_term (g, f->term)), "levenshtein transformer");
  cr_expect (strstr (f->message, "levenshtein transformer") != NULL, "%s", f->message);
}

GLS_TEST (misspelled, phrase_across_a_line_break_and_with_plural)
{
  expect_lint ("markdown", "Two rotary positon\nembeddings here.\n",
               "misspelled-term:rotary positon\nembeddings>rotary position\nembeddings!");
}

GLS_TEST (misspelled, irregular_terms_get_the_canonical_spelling)
{
  expect_lint ("plaintext", "Each lorra adapter.", "misspelled-term:lorra adapter>LoRA adapter!");
  expect_lint ("plaintext", "Pytorhc is fast.", "misspelled-term:Pytorhc>PyTorch!");
  expect_lint ("plaintext", "Pitorhc is fast.", "");  /* two edits on a one-word term: too far */
}

GLS_TEST (misspelled, equally_close_corrections_are_all_offered_and_not_fixable)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  const char *text = "A zorbtet here.";
  g_autoptr (GArray) findings = test_check (a, "plaintext", text);
  g_autofree char *got = test_findings_string (findings, text);
  cr_expect_str_eq (got, "misspelled-term:zorbtet>zorbnet,zorbset");
  cr_assert_eq (findings->len, 1);
  cr_expect (!g_array_index (findings, GlsFinding, 0).fixable);
}

GLS_TEST (misspelled, ordinary_words_are_never_flagged)
{
  expect_lint ("plaintext", "The model and the modal dialog, a rope, the models, modals and ropes.", "");
  /* Ordinary words near a one-word term, inflections and British spellings. */
  expect_lint ("plaintext", "Modelling, modelled, normalisation, reland, minimatch.", "");
}

GLS_TEST (misspelled, correct_terms_are_not_misspellings)
{
  expect_lint ("plaintext", "Toolformer and the Levenshtein transformer with rotary position embedding.", "");
}

GLS_TEST (misspelled, a_word_far_from_every_term_or_without_a_term_around_it)
{
  /* "positon" alone is close to "position", but no term results. */
  expect_lint ("plaintext", "The positon field and the levenstein distance.", "");
}

GLS_TEST (misspelled, code_like_words_are_skipped)
{
  expect_lint ("plaintext", "toolfromer_x toolfromer.py toolfromer() ./toolfromer --toolfromer toolFromer", "");
  expect_lint ("markdown", "Run `toolfromer` and [x](toolfromer.md).\n", "");
}

GLS_TEST (misspelled, a_repeated_misspelling_is_still_reported)
{
  expect_lint ("markdown", "toolfromer.\n\nToolfromer.\n\nA toolfromer.\n",
               "misspelled-term:toolfromer>toolformer!|misspelled-term:Toolfromer>Toolformer!|"
               "misspelled-term:toolfromer>toolformer!");
}

GLS_TEST (misspelled, a_word_the_document_defines_is_its_own)
{
  expect_lint ("markdown", "The `toolfromer` package: toolfromer runs.\n", "");
  expect_lint ("markdown", "**Toolfromer** is ours. Toolfromer runs.\n", "");
}

/* A small glossary, not the seeds, with the terms of issue 11. */
static const char issue_glossary[] =
  "mixture of experts, moe\n**Mixture of Experts** routes tokens.\n"
  "transfer learning\n**Transfer learning** reuses a model.\n"
  "transe\n**TransE** embeds knowledge graphs.\n"
  "kv cache\n**KV cache** keeps keys.\n"
  "attention mechanism\n**Attention mechanism** weighs inputs.\n"
  "rmsnorm\n**RMSNorm** normalizes.\n"
  "llamaindex\n**LlamaIndex** indexes.\n"
  "torchscript\n**TorchScript** compiles.\n"
  "speculative decoding\n**Speculative decoding** drafts tokens.\n"
  "transformer\n**Transformer** attends.\n";

static void
expect_issue (const char *text, const char *want)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (issue_glossary);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autofree char *got = test_lint (a, "markdown", text);
  cr_expect_str_eq (got, want, "in \"%s\": got \"%s\", want \"%s\"", text, got, want);
}

GLS_TEST (misspelled, typos_typed_with_the_terms_capitals)
{
  expect_issue ("We add RMSNrom layers.\n", "misspelled-term:RMSNrom>RMSNorm!");
  expect_issue ("Query LlamaIdnex now.\n", "misspelled-term:LlamaIdnex>LlamaIndex!");
  expect_issue ("Export to TorchScirpt first.\n", "misspelled-term:TorchScirpt>TorchScript!");
  expect_issue ("The KV cahce grows.\n", "misspelled-term:KV cahce>KV cache!");
  /* camelCase identifiers close to no term stay alone */
  expect_issue ("Call getValue twice.\n", "");
  /* a letter more or less at the end of a name typed with its capitals */
  expect_issue ("Export to TorchScrip first.\n", "misspelled-term:TorchScrip>TorchScript!");
  expect_issue ("Query LlamaIndexx now.\n", "misspelled-term:LlamaIndexx>LlamaIndex!");
  /* a digit more is a version of the name, not a typo */
  expect_issue ("We add RMSNorm2 layers.\n", "");
}

GLS_TEST (misspelled, names_typed_with_capitals_may_hold_english_words)
{
  g_autoptr (GlsGlossary) g = test_glossary_new ("dreambooth\n**DreamBooth** personalizes diffusion models.\n");
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  /* "cream" + "booth", "dream" + "booty": English words inside a name are
   * still a typo of the name when its capitals are typed. */
  const char *cases[][2] = {
    { "Train CreamBooth.\n", "misspelled-term:CreamBooth>DreamBooth!" },
    { "Train DreamBooty.\n", "misspelled-term:DreamBooty>DreamBooth!" },
    { "Train DreamBoot.\n", "misspelled-term:DreamBoot>DreamBooth!" },
    /* the same letters without the capitals are ordinary compounds */
    { "Train creambooth.\n", "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = test_lint (a, "markdown", cases[i][0]);
      cr_expect_str_eq (got, cases[i][1], "in \"%s\": got \"%s\"", cases[i][0], got);
    }
}

GLS_TEST (misspelled, edits_at_the_end_and_single_words)
{
  expect_issue ("Use speculativ decoding.\n", "misspelled-term:speculativ decoding>speculative decoding!");
  expect_issue ("A transfromer.\n", "misspelled-term:transfromer>transformer!");
}

GLS_TEST (misspelled, number_and_ranking)
{
  /* The plural is ambiguous: both offered, the canonical spelling first, no safe fix. */
  expect_issue ("A mixture of experst.\n",
                "misspelled-term:mixture of experst>mixture of experts,mixture of expert");
  expect_issue ("An attention mechanims.\n",
                "misspelled-term:attention mechanims>attention mechanism,attention mechanisms");
  /* The phrase wins over a one-word term; the typo of an English word that is
   * no term gives nothing. */
  expect_issue ("Use transfe learning.\n", "misspelled-term:transfe learning>transfer learning!");
  expect_issue ("Some knowledge transfe happens.\n", "");  /* no such term here: "transfer" is English */
  expect_issue ("The kv caceh grows.\n", "misspelled-term:kv caceh>kv cache!");
  expect_issue ("Two mixtures of experts and a mixture of expert.\n", "");
}

/* Header items that are tags (ordinary English, not the title, not in the
 * body) light up no prose, but a misspelling of one of several words is
 * still corrected towards it. */
static const char tag_glossary[] =
  "transfer learning, knowledge transfer, domain adaptation methods\n"
  "**Transfer learning** reuses a model trained on one task.\n"
  "lora, parameter efficient fine-tuning, adapter\n"
  "**LoRA** trains low-rank updates.\n";

GLS_TEST (misspelled, tags_of_several_words_are_targets_but_stay_dark)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (tag_glossary);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  const char *ok = "Knowledge transfer and domain adaptation methods with parameter efficient fine-tuning.\n";

  /* The tags are no hits (no hover, no term-case finding) and no findings. */
  g_autofree char *hits = test_hits_string (g, "markdown", ok);
  cr_expect_str_eq (hits, "");
  g_autofree char *clean = test_lint (a, "markdown", ok);
  cr_expect_str_eq (clean, "");
  /* Their misspellings are findings, fixable when unique and number-keeping. */
  const char *typos[][2] = {
    { "Some knowledge transfe happens.\n", "misspelled-term:knowledge transfe>knowledge transfer!" },
    { "Two domain adaptaton methods.\n", "misspelled-term:domain adaptaton methods>domain adaptation methods!" },
    { "The parameter effficient fine-tuning recipe.\n",
      "misspelled-term:parameter effficient fine-tuning>parameter efficient fine-tuning!" },
    /* one word of a tag alone is no term */
    { "A transfe of funds.\n", "" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (typos); i++)
    {
      g_autofree char *got = test_lint (a, "markdown", typos[i][0]);
      cr_expect_str_eq (got, typos[i][1], "in \"%s\": got \"%s\"", typos[i][0], got);
    }
}

GLS_TEST (misspelled, one_word_corrections_never_change_the_first_or_the_last_letters_only)
{
  /* zorbnet is a one-word term: "korbnet" differs in its first letter,
   * "zorbnets2" is not letters, "zorbneti" adds a letter at the end. */
  expect_lint ("plaintext", "A korbnet, a zorbneti, a zorbne.", "");
  expect_lint ("plaintext", "A zorbnwt.", "misspelled-term:zorbnwt>zorbnet!");
}

GLS_TEST (misspelled, names_are_not_misspellings)
{
  expect_lint ("plaintext", "Thanks to Toolfromer Smith, Toolfromer Belder and Robert.", "");
}

GLS_TEST (misspelled, ignored_words)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autoptr (GlsRuleConfig) config = gls_rule_config_new ();
  gls_rule_config_add_ignore_word (config, "LEVENSTEIN");
  const char *text = "The Levenstein transformer and toolfromer.";
  g_autoptr (GArray) findings = test_check_full (a, config, "plaintext", text, FALSE);
  g_autofree char *got = test_findings_string (findings, text);
  cr_expect_str_eq (got, "misspelled-term:toolfromer>toolformer!");
}

/* The analyzer keeps the verdicts on words from run to run; the ignored
 * words of each run's configuration still count, whatever ran before. */
GLS_TEST (misspelled, ignored_words_per_run_with_one_analyzer)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autoptr (GlsRuleConfig) ignoring = gls_rule_config_new ();
  gls_rule_config_add_ignore_word (ignoring, "Toolfromer");
  const char *text = "The Levenstein transformer and toolfromer.";
  static const char *const want_all = "misspelled-term:Levenstein transformer>Levenshtein transformer!|"
                                      "misspelled-term:toolfromer>toolformer!";

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr (GArray) plain = test_check_full (a, NULL, "plaintext", text, FALSE);
      g_autofree char *got_plain = test_findings_string (plain, text);
      cr_expect_str_eq (got_plain, want_all, "round %u", round);
      g_autoptr (GArray) ignored = test_check_full (a, ignoring, "plaintext", text, FALSE);
      g_autofree char *got_ignored = test_findings_string (ignored, text);
      cr_expect_str_eq (got_ignored, "misspelled-term:Levenstein transformer>Levenshtein transformer!", "round %u",
                        round);
    }
}

GLS_TEST (misspelled, seed_glossary)
{
  g_autoptr (GlsGlossary) g = test_seed_glossary_new ();
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  const char *text = "The Levenstein transformer, toolfromer and rotary positon embedding; "
                     "a model, a modal, a rope; Mistral is not Mixtral.\n";
  g_autofree char *got = test_lint (a, "markdown", text);
  cr_expect_str_eq (got, "misspelled-term:Levenstein transformer>Levenshtein transformer!|"
                         "misspelled-term:toolfromer>toolformer!|"
                         "misspelled-term:rotary positon embedding>rotary position embedding!");
}
