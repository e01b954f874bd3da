/* Tests of the Markdown glossary page reader and the MkDocs abbreviation
 * reader (lsp/glossary/reader_markdown.c, reader_abbr.c) on pages written in
 * the shapes public repositories use: GitBook GLOSSARY.md headings, PHP
 * Markdown Extra / MkDocs definition lists, bold-lead lists, and
 * includes/abbreviations.md. */
#include "common/leak-check.h"
#include "reader_helpers.h"

TestSuite (reader_markdown);

static const char headings_page[] =
  "---\n"
  "layout: home\n"
  "---\n"
  "\n"
  "# Project glossary\n"
  "\n"
  "Terms used in this repository. Ask in the channel if one is missing.\n"
  "\n"
  "## A\n"
  "\n"
  "### Attention\n"
  "\n"
  "A mechanism that weighs every token of a sequence against the others.\n"
  "\n"
  "```python\n"
  "## not a heading: inside a fence\n"
  "```\n"
  "\n"
  "### KV cache (key-value cache)\n"
  "The keys and values of earlier tokens, kept so decoding does not recompute them.\n"
  "\n"
  "#### Paged variant\n"
  "\n"
  "Blocks of the cache are allocated on demand.\n"
  "\n"
  "## L\n"
  "\n"
  "### LoRA\n"
  "\n"
  "Low-rank adaptation, also called **low-rank adapters**: small trainable matrices\n"
  "added to a frozen model.\n"
  "\n"
  "### PM\n"
  "\n"
  "### Quantization {#quant}\n"
  "\n"
  "Storing weights in fewer bits.\n";

GLS_TEST (reader_markdown, headings_at_the_deepest_level_are_terms)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_MARKDOWN, "GLOSSARY.md", headings_page);

  cr_assert_eq (r->entries->len, 5);
  assert_names (r, 0, "Attention");
  assert_definition (r, 0, "A mechanism that weighs every token of a sequence against the others.\n\n"
                           "```python\n## not a heading: inside a fence\n```");
  assert_names (r, 1, "KV cache|key-value cache");
  /* A deeper heading stays inside its term's definition. */
  assert_definition (r, 1, "The keys and values of earlier tokens, kept so decoding does not recompute them.\n\n"
                           "#### Paged variant\n\nBlocks of the cache are allocated on demand.");
  assert_names (r, 2, "LoRA|low-rank adapters");
  /* "PM" has two letters but is no letter section; it has no definition. */
  assert_names (r, 3, "PM");
  assert_definition (r, 3, "");
  assert_names (r, 4, "Quantization");
  cr_assert_eq (entry (r, 0)->line, 11);
  cr_assert_eq (entry (r, 1)->line, 19);
  cr_assert_eq (entry (r, 4)->line, 35);
  assert_name_in_file (r, 1, 0, 19);
  assert_name_in_file (r, 1, 1, 19);
  assert_name_in_file (r, 2, 1, 30);
  g_autofree char *issues = issues_of (r);
  cr_assert_str_eq (issues, "GLOSSARY.md:33: warning: entry has no definition");
}

static const char definition_list[] =
  "# Glossary\n"
  "\n"
  "Beam search\n"
  ": Decoding that keeps the best *k* partial sequences at each step.\n"
  "\n"
  "Top-p sampling\n"
  "Nucleus sampling\n"
  "\n"
  ": Sampling from the smallest set of tokens whose probabilities add up to *p*.\n"
  "  The set changes at every step.\n"
  "\n"
  ": See also temperature.\n"
  "\n"
  "Temperature\n"
  ": A divisor of the logits; below 1 sharpens the distribution, also known as \"softmax temperature\".\n";

GLS_TEST (reader_markdown, definition_lists_with_several_terms_and_definitions)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_MARKDOWN, "docs/glossary.md", definition_list);

  cr_assert_eq (r->entries->len, 3);
  assert_names (r, 0, "Beam search");
  assert_definition (r, 0, "Decoding that keeps the best *k* partial sequences at each step.");
  assert_names (r, 1, "Top-p sampling|Nucleus sampling");
  assert_definition (r, 1, "Sampling from the smallest set of tokens whose probabilities add up to *p*.\n"
                           "  The set changes at every step.\n\n: See also temperature.");
  assert_names (r, 2, "Temperature|softmax temperature");
  cr_assert_eq (entry (r, 1)->line, 6);
  assert_name_in_file (r, 1, 1, 7);
  cr_assert_eq (r->issues->len, 0);
}

static const char bold_list[] =
  "## Terms\n"
  "\n"
  "- **Checkpoint**: the saved weights and optimizer state of a training run.\n"
  "- **Mixed precision** — training in FP16 or BF16 with an FP32 master copy,\n"
  "  so activations take half the memory.\n"
  "  - **Loss scaling**: a nested item, part of the definition above.\n"
  "- **Tensor parallelism (TP):** splitting one layer's matrices across devices.\n"
  "\n"
  "**Warmup** - the first steps, with a small learning rate.\n"
  "\n"
  "*[BF16]: bfloat16, a 16-bit float with FP32's exponent range\n";

GLS_TEST (reader_markdown, bold_lead_items_and_abbreviations)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_MARKDOWN, "TERMS.md", bold_list);

  cr_assert_eq (r->entries->len, 6);
  assert_names (r, 0, "Checkpoint");
  assert_definition (r, 0, "the saved weights and optimizer state of a training run.");
  assert_names (r, 1, "Mixed precision");
  assert_definition (r, 1, "training in FP16 or BF16 with an FP32 master copy,\n  so activations take half the memory.");
  /* A nested bold item is its own entry: a sub-term the page defines. */
  assert_names (r, 2, "Loss scaling");
  assert_names (r, 3, "Tensor parallelism|TP");
  assert_definition (r, 3, "splitting one layer's matrices across devices.");
  assert_names (r, 4, "Warmup");
  assert_names (r, 5, "BF16");
  assert_definition (r, 5, "bfloat16, a 16-bit float with FP32's exponent range");
  cr_assert_eq (entry (r, 3)->line, 7);
  cr_assert_eq (entry (r, 5)->line, 11);
  assert_name_in_file (r, 3, 1, 7);
}

GLS_TEST (reader_markdown, headings_outnumbered_by_list_entries_are_sections)
{
  static const char page[] =
    "## Training\n\n- **Epoch**: one pass over the data.\n- **Step**: one optimizer update.\n\n"
    "## Serving\n\n- **Batching**: grouping requests.\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_MARKDOWN, "g.md", page);

  cr_assert_eq (r->entries->len, 3);
  assert_names (r, 0, "Epoch");
  assert_names (r, 2, "Batching");
}

GLS_TEST (reader_markdown, a_page_without_entries_says_what_it_expected)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_MARKDOWN, "README.md", "# Title\n\nJust prose, no terms.\n");

  cr_assert_eq (r->entries->len, 0);
  g_autofree char *issues = issues_of (r);
  cr_assert (g_str_has_prefix (issues, "README.md: warning: no glossary entries found"), "%s", issues);
}

GLS_TEST (reader_markdown, a_definition_without_a_term_is_reported_at_its_line)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_MARKDOWN, "g.md",
                                "# Terms\n\n: orphan definition\n\nTerm\n: its definition\n");

  cr_assert_eq (r->entries->len, 1);
  assert_names (r, 0, "Term");
  g_autofree char *issues = issues_of (r);
  cr_assert (g_str_has_prefix (issues, "g.md:3: warning: definition"), "%s", issues);
}

static const char abbreviations[] =
  "*[GPU]: Graphics Processing Unit\n"
  "*[TPU]: Tensor Processing Unit\n"
  "\n"
  "*[ONNX]:\n"
  "*[not an abbreviation]\n"
  "*[RLHF]: Reinforcement Learning from Human Feedback\r\n";

GLS_TEST (reader_markdown, abbreviation_files)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_ABBR, "includes/abbreviations.md", abbreviations);

  cr_assert_eq (r->entries->len, 4);
  assert_names (r, 0, "GPU");
  assert_definition (r, 0, "Graphics Processing Unit");
  assert_names (r, 2, "ONNX");
  assert_definition (r, 2, "");
  assert_names (r, 3, "RLHF");
  assert_definition (r, 3, "Reinforcement Learning from Human Feedback");
  cr_assert_eq (entry (r, 3)->line, 6);
  assert_name_in_file (r, 3, 0, 6);
  g_autofree char *issues = issues_of (r);
  cr_assert_str_eq (issues, "includes/abbreviations.md:4: warning: entry has no definition");
}

/* "also called" gives a list of names: marked ones joined by commas, "or"
 * and "and", unmarked ones only after "or"; a list never runs into the
 * sentence that follows. */
GLS_TEST (reader_markdown, also_called_lists_give_every_name)
{
  static const char text[] =
    "## Low-rank adaptation\n\n"
    "A fine-tuning method, also known as **LoRA**, **LoRA adapters**, or *low-rank adapters*.\n\n"
    "## Key-value cache\n\n"
    "Kept keys and values, also called KV cache or attention cache, and is cheap.\n\n"
    "## Mixture of experts\n\n"
    "Routing each token to a few experts, also called MoE, a sparse layer.\n\n"
    "## Speculative decoding\n\n"
    "Drafting tokens with a small model, also called assisted generation and **draft decoding**.\n\n"
    "## Allowlist\n\n"
    "What is permitted, also called `allow list` (deprecated) and **safelist**.\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_MARKDOWN, "GLOSSARY.md", text);

  cr_assert_eq (r->entries->len, 5);
  assert_names (r, 0, "Low-rank adaptation|LoRA|LoRA adapters|low-rank adapters");
  assert_names (r, 1, "Key-value cache|KV cache|attention cache");
  assert_names (r, 2, "Mixture of experts|MoE");
  assert_names (r, 3, "Speculative decoding|assisted generation|draft decoding");
  assert_names (r, 4, "Allowlist|safelist");
  assert_preferences (r, "allow list->Allowlist@19");
  assert_name_in_file (r, 0, 3, 3);
}

/* A label line anywhere in a definition ("Also called:", "Aliases:",
 * "Synonyms:", bold or in a list item too): every comma-separated item is a
 * name, "(deprecated)" ones are deprecated names, at their own positions. */
GLS_TEST (reader_markdown, alias_label_lines)
{
  static const char text[] = "## Allowlist\n"
                             "\n"
                             "What is permitted.\n"
                             "\n"
                             "- **Aliases:** safelist, `permit list`, whitelist (deprecated).\n"
                             "\n"
                             "## Retry\n"
                             "\n"
                             "Trying again.\n"
                             "\n"
                             "Also called: backoff loop.\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_MARKDOWN, "GLOSSARY.md", text);

  cr_assert_eq (r->entries->len, 2);
  assert_names (r, 0, "Allowlist|safelist|permit list");
  assert_names (r, 1, "Retry|backoff loop");
  assert_preferences (r, "whitelist->Allowlist@5");
  assert_name_in_file (r, 0, 2, 5);
  assert_name_in_file (r, 1, 1, 11);
}

/* A heading per term whose definition is a list of labelled fields (the
 * shape of pattern catalogues): the labels come back under every heading,
 * so they are fields, not terms, even though the bold leads outnumber the
 * headings; "Also known as:" names the entry. */
static const char fields_page[] =
  "# Catalog\n"
  "\n"
  "## Testing\n"
  "\n"
  "### Zorb Testing\n"
  "- **Also known as:** Rolling Tests, Log-Roll Testing\n"
  "- **Proponents:** A. Author\n"
  "- **Core:** Tests that roll a batch down the log.\n"
  "\n"
  "### Quux Review\n"
  "- **Proponents:** B. Author, C. Author\n"
  "- **Core:** Reviews in three passes.\n"
  "\n"
  "### Flarn Method\n"
  "- **AKA:** Flarning\n"
  "- **Core:** One step at a time.\n";

GLS_TEST (reader_markdown, repeated_bold_labels_under_headings_are_fields)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_MARKDOWN, "catalog.md", fields_page);

  cr_assert_eq (r->entries->len, 3);
  assert_names (r, 0, "Zorb Testing|Rolling Tests|Log-Roll Testing");
  assert_names (r, 1, "Quux Review");
  assert_names (r, 2, "Flarn Method|Flarning");
  cr_assert_eq (entry (r, 0)->line, 5);
  assert_name_in_file (r, 0, 1, 6);
  g_autofree char *def = definition_of (r, 1);
  cr_assert (strstr (def, "**Core:** Reviews in three passes.") != NULL, "%s", def);
}
