/* Tests of the term-case rule (lsp/analysis/rule_term_case.c). */
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

GLS_TEST (term_case, capitalized_and_upper_case_renderings_are_flagged)
{
  expect_lint ("plaintext", "Lora is cheap.", "term-case:Lora>LoRA!");
  expect_lint ("plaintext", "We trained LORA adapters.", "term-case:LORA>LoRA!");
  expect_lint ("plaintext", "Pytorch and Vllm with Bf16.", "term-case:Pytorch>PyTorch!|term-case:Vllm>vLLM!|term-case:Bf16>BF16!");
  expect_lint ("plaintext", "ROPE is relative.", "term-case:ROPE>RoPE!");
}

GLS_TEST (term_case, plural_and_possessive_endings_keep_their_letters)
{
  expect_lint ("plaintext", "Two Loras, one LORAs.", "term-case:Loras>LoRAs!|term-case:LORAs>LoRAs!");
  expect_lint ("plaintext", "The Lora's rank.", "term-case:Lora>LoRA!");
}

GLS_TEST (term_case, only_the_irregular_word_of_a_multi_word_term_is_replaced)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  const char *text = "Each Lora Adapter is small.";
  g_autoptr (GArray) findings = test_check (a, "plaintext", text);
  cr_assert_eq (findings->len, 1);
  const GlsFinding *f = &g_array_index (findings, GlsFinding, 0);
  cr_expect_eq (f->start, 5);
  cr_expect_eq (f->end, 9);
  cr_expect_str_eq (f->rule, "term-case");
  cr_expect_eq (f->severity, GLS_SEVERITY_WARNING);
  cr_expect (f->fixable);
  cr_expect_str_eq (g_ptr_array_index (f->replacements, 0), "LoRA");
  cr_expect (strstr (f->message, "LoRA adapter") != NULL, "%s", f->message);
  cr_expect_str_eq (gls_glossary_term_key (g, gls_glossary_term (g, f->term)), "lora adapter");
}

GLS_TEST (term_case, correct_and_regular_spellings_are_fine)
{
  expect_lint ("plaintext", "LoRA, LoRAs, PyTorch, vLLM, BF16, RoPE.", "");
  /* Words the canonical writes regularly may take any case. */
  expect_lint ("plaintext", "Rotary Position Embedding, rotary position embedding, ROTARY position Embedding.", "");
  expect_lint ("plaintext", "Toolformer, toolformer, TOOLFORMER.", "");
}

GLS_TEST (term_case, ordinary_english_is_never_flagged)
{
  /* rope/Rope are the word (no hit at all); bf16 ends in a digit. */
  expect_lint ("plaintext", "A rope. Rope bridges. bf16.", "");
}

GLS_TEST (term_case, lowercase_in_prose_is_flagged_but_not_fixable)
{
  expect_lint ("markdown", "We serve with vllm and train a lora.\n",
               "term-case:vllm>vLLM|term-case:lora>LoRA");
  /* Code comments name the code's identifiers; quotes, links, paths and
   * glued suffixes are names or values. */
  expect_lint ("c", "/* set lora scale */\nint x;\n", "");
  expect_lint ("markdown", "Set \"lora\", see [lora](https://x/lora), control-lora, lora.py and vllm/.\n", "");
}

GLS_TEST (term_case, names_are_not_acronym_terms)
{
  g_autoptr (GlsGlossary) g = test_glossary_new ("rome, rank one model editing\n**ROME** edits facts.\n"
                                                 "llm, large language model\n**LLM** a model.\n"
                                                 "lora, low rank adaptation\n**LoRA** adapters.\n");
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  const char *cases[][2] = {
    { "Paris is to France as Rome is to Italy.\n", "" },
    { "The port Llm.cs is in C#.\n", "" },
    { "LyCORIS (Lora beYond Conventional methods).\n", "" },
    { "We use Lora and Llm here.\n", "term-case:Lora>LoRA!|term-case:Llm>LLM!" },
    /* the context names the term's entry another way: it is the term */
    { "We apply Rome, a rank-one model editing method.\n", "term-case:Rome>ROME!" },
    { "Rome was not built in a day; editing is slow.\n", "" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = test_lint (a, "markdown", cases[i][0]);
      cr_expect_str_eq (got, cases[i][1], "in \"%s\": got \"%s\"", cases[i][0], got);
    }
}

/* The seed glossary's ROME entry has the category "model editing". */
GLS_TEST (term_case, a_place_is_the_acronym_term_when_the_context_says_so)
{
  g_autoptr (GlsGlossary) g = test_seed_glossary_new ();
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autofree char *place = test_lint (a, "markdown", "Paris is to France as Rome is to Italy.\n");
  cr_expect_str_eq (place, "");
  g_autofree char *term = test_lint (a, "markdown", "We compare Rome with MEMIT for model editing.\n");
  cr_expect_str_eq (term, "term-case:Rome>ROME!");
}

GLS_TEST (term_case, other_mixed_case_spellings_and_names_are_left_alone)
{
  expect_lint ("plaintext", "LoRa radios and pyTorch.", "");
  expect_lint ("plaintext", "Thanks to Lora Belder and GNU Lora, see Qwen3.5 Lora.", "");
  expect_lint ("plaintext", "Written by Lora with Pytorch.", "term-case:Lora>LoRA!|term-case:Pytorch>PyTorch!");
}

GLS_TEST (term_case, all_caps_in_a_shouted_line_is_style)
{
  expect_lint ("markdown", "# FINE-TUNING WITH LORA\n\nUse LORA.\n", "term-case:LORA>LoRA!");
}

GLS_TEST (term_case, code_is_not_prose)
{
  expect_lint ("markdown", "Call `Lora()` here.\n\n```\nLora\n```\n", "");
  expect_lint ("python", "Lora = 1  # set Lora rank\n", "term-case:Lora>LoRA!");
}

GLS_TEST (term_case, seed_glossary)
{
  g_autoptr (GlsGlossary) g = test_seed_glossary_new ();
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  const char *text = "Fine-tune with Lora or LORA, not rope, keep RoPE; Rotary Position Embedding is fine.\n";
  g_autofree char *got = test_lint (a, "markdown", text);
  cr_expect_str_eq (got, "term-case:Lora>LoRA!|term-case:LORA>LoRA!");
}
