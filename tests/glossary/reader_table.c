/* Tests of the term-table readers (lsp/glossary/reader_{csv,json,yaml}.c):
 * CSV per RFC 4180, JSON through json-glib, YAML and Contextive through
 * libyaml, on files in the shapes public repositories use (a title row
 * above a CSV header, {"entries": [...]} with a note beside it, a YAML
 * mapping of acronyms to their expansions with nulls and aliases). */
#include "common/leak-check.h"
#include "reader_helpers.h"

TestSuite (reader_table);

static const char csv[] =
  "AI glossary,,\r\n"
  "Term,Definition,Aliases\r\n"
  "LoRA,\"Low-rank adapters, trained while the base model stays frozen.\",low-rank adaptation\r\n"
  "RLHF,\"Reinforcement learning from human feedback: a reward model\r\n"
  "trained on \"\"preferences\"\" steers the policy.\",\r\n"
  "\r\n"
  "KV cache,Keys and values of earlier tokens.,key-value cache; kv-cache\r\n"
  "MoE,Mixture of experts.\r\n";

GLS_TEST (reader_table, csv_rows_with_quotes_escapes_and_aliases)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_CSV, "glossary.csv", csv);

  cr_assert_eq (r->entries->len, 4);
  assert_names (r, 0, "LoRA|low-rank adaptation");
  /* A quoted field without "" is the file's own text. */
  assert_definition (r, 0, "Low-rank adapters, trained while the base model stays frozen.");
  cr_assert_lt (entry (r, 0)->body.start, r->len);
  assert_names (r, 1, "RLHF");
  assert_definition (r, 1, "Reinforcement learning from human feedback: a reward model\r\n"
                           "trained on \"preferences\" steers the policy.");
  cr_assert_gt (entry (r, 1)->body.start, r->len);
  assert_names (r, 2, "KV cache|key-value cache|kv-cache");
  assert_names (r, 3, "MoE");
  cr_assert_eq (entry (r, 0)->line, 3);
  cr_assert_eq (entry (r, 2)->line, 7);
  assert_name_in_file (r, 2, 2, 7);
  g_autofree char *issues = issues_of (r);
  cr_assert_str_eq (issues, "glossary.csv:1: warning: row names no term column; skipped (the header row names "
                            "term, definition, aliases ...)\n"
                            "glossary.csv:8: warning: row has 2 fields, the header 3");
}

GLS_TEST (reader_table, csv_quote_never_closed_keeps_the_rows_before_it)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_CSV, "g.csv", "term,definition\nA,first\nB,\"open\nC,third\n");

  cr_assert_eq (r->entries->len, 1);
  assert_names (r, 0, "A");
  g_autofree char *issues = issues_of (r);
  cr_assert_str_eq (issues, "g.csv:3: error: quoted field is never closed; the rest of the file is not read");
}

GLS_TEST (reader_table, csv_without_a_term_column_loads_nothing)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_CSV, "g.csv", "en,ko\nplatform,p\n");

  cr_assert_eq (r->entries->len, 0);
  cr_assert_eq (r->issues->len, 2);
}

static const char json[] =
  "{\n"
  "  \"usage_note\": \"terms as used in our model cards\",\n"
  "  \"entries\": [\n"
  "    {\n"
  "      \"term\": \"perplexity\",\n"
  "      \"slug\": \"perplexity\",\n"
  "      \"gloss\": \"The exponential of the mean negative log-likelihood.\",\n"
  "      \"aliases\": [\"PPL\"]\n"
  "    },\n"
  "    {\n"
  "      \"term\": \"context window\",\n"
  "      \"definition\": \"The tokens a model attends to.\\nLonger windows cost more memory.\",\n"
  "      \"example\": \"A 128k context window.\",\n"
  "      \"aliases\": \"context length; context size\"\n"
  "    },\n"
  "    \"not an object\"\n"
  "  ]\n"
  "}\n";

GLS_TEST (reader_table, json_entries_with_a_note_beside_them)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_JSON, "glossary.json", json);

  cr_assert_eq (r->entries->len, 2);
  assert_names (r, 0, "perplexity|PPL");
  assert_definition (r, 0, "The exponential of the mean negative log-likelihood.");
  cr_assert_lt (entry (r, 0)->body.start, r->len);
  cr_assert_eq (entry (r, 0)->line, 5);
  assert_name_in_file (r, 0, 0, 5);
  assert_name_in_file (r, 0, 1, 8);
  assert_names (r, 1, "context window|context length|context size");
  assert_definition (r, 1, "The tokens a model attends to.\nLonger windows cost more memory.\n\nExamples:\n\n"
                           "- A 128k context window.");
  cr_assert_eq (entry (r, 1)->line, 11);
  g_autofree char *issues = issues_of (r);
  cr_assert_str_eq (issues, "glossary.json:16: warning: array item 2 is not an object with a term; skipped");
}

GLS_TEST (reader_table, json_mapping_of_terms)
{
  static const char text[] = "{\"SFT\": \"Supervised fine-tuning.\",\n \"DPO\": {\"definition\": \"Direct preference "
                             "optimization.\", \"aliases\": [\"direct preference optimization\"]}}";
  g_autoptr (Read) r = read_as (GLS_FORMAT_JSON, "terms.json", text);

  cr_assert_eq (r->entries->len, 2);
  assert_names (r, 0, "SFT");
  assert_definition (r, 0, "Supervised fine-tuning.");
  assert_names (r, 1, "DPO|direct preference optimization");
  assert_name_in_file (r, 1, 0, 2);
}

GLS_TEST (reader_table, json_errors_name_their_line_and_two_values_are_refused)
{
  g_autoptr (Read) bad = read_as (GLS_FORMAT_JSON, "g.json", "[\n {\"term\": \"a\",\n  \"definition\": }\n]");
  cr_assert_eq (bad->entries->len, 0);
  cr_assert_eq (bad->issues->len, 1);
  cr_assert_eq (((GlsIssue *) g_ptr_array_index (bad->issues, 0))->line, 3);

  g_autoptr (Read) two = read_as (GLS_FORMAT_JSON, "g.json", "[] {}");
  g_autofree char *issues = issues_of (two);
  cr_assert_str_eq (issues, "g.json: error: more than one JSON value in the file; nothing loaded");
}

static const char yaml_table[] =
  "entries:\n"
  "\n"
  "  GPU: &gpu\n"
  "    type: acronym\n"
  "    term: Graphics processing unit\n"
  "\n"
  "  Graphics processing unit:\n"
  "    type: term\n"
  "    description: |-\n"
  "      A processor built for many parallel arithmetic operations.\n"
  "\n"
  "      Training runs on them.\n"
  "\n"
  "  TPU:\n"
  "    description: null\n"
  "  'Accelerator': \"A GPU, TPU or other chip.\"\n"
  "  graphics card: *gpu\n";

GLS_TEST (reader_table, yaml_mapping_with_acronyms_nulls_and_aliases)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_YAML, "glossary.yml", yaml_table);

  cr_assert_eq (r->entries->len, 5);
  /* An acronym's term member is its expansion: a name and the definition. */
  assert_names (r, 0, "GPU|Graphics processing unit");
  assert_definition (r, 0, "Graphics processing unit");
  assert_names (r, 1, "Graphics processing unit");
  assert_definition (r, 1, "A processor built for many parallel arithmetic operations.\n\nTraining runs on them.");
  assert_names (r, 2, "TPU");
  assert_definition (r, 2, "");
  assert_names (r, 3, "Accelerator");
  assert_definition (r, 3, "A GPU, TPU or other chip.");
  cr_assert_lt (entry (r, 3)->body.start, r->len);
  /* An alias to a record reads it again under the new key. */
  assert_names (r, 4, "graphics card|Graphics processing unit");
  cr_assert_eq (entry (r, 1)->line, 7);
  cr_assert_eq (entry (r, 3)->line, 16);
  assert_name_in_file (r, 3, 0, 16);
  assert_name_in_file (r, 0, 1, 5);
  g_autofree char *issues = issues_of (r);
  cr_assert_str_eq (issues, "glossary.yml:14: warning: entry has no definition");
}

GLS_TEST (reader_table, yaml_list_of_records_and_syntax_errors)
{
  static const char text[] = "- term: epoch\n  definition: One pass over the training data.\n"
                             "  synonyms: [pass]\n- name: step\n  description: One optimizer update.\n"
                             "- term: [unclosed\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_YAML, "terms.yaml", text);

  /* libyaml's loader gives a document only when all of it parses. */
  cr_assert_eq (r->entries->len, 0);
  g_autofree char *issues = issues_of (r);
  cr_assert (g_str_has_prefix (issues, "terms.yaml:7: error: not valid YAML ("), "%s", issues);

  g_autoptr (Read) ok = read_as (GLS_FORMAT_YAML, "terms.yaml", "- term: epoch\n  definition: One pass.\n"
                                                                "  synonyms: [pass]\n- name: step\n");
  cr_assert_eq (ok->entries->len, 2);
  assert_names (ok, 0, "epoch|pass");
  assert_name_in_file (ok, 0, 1, 3);
  assert_names (ok, 1, "step");
  cr_assert_eq (entry (ok, 1)->line, 4);
}

GLS_TEST (reader_table, yaml_aliases_cannot_multiply_the_work)
{
  /* Each record is read through an alias many times: the walk stops at its
   * budget with an error instead of reading 200 x 200 aliases. */
  GString *text = g_string_new ("base: &b\n  aliases: [");
  for (int i = 0; i < 200; i++)
    g_string_append_printf (text, "%sa%d", i > 0 ? ", " : "", i);
  g_string_append (text, "]\n");
  for (int i = 0; i < 200; i++)
    g_string_append_printf (text, "t%d: *b\n", i);
  g_autofree char *s = g_string_free (text, FALSE);
  g_autoptr (Read) r = read_as (GLS_FORMAT_YAML, "bomb.yml", s);

  cr_assert_lt (r->names->len, 4 * 620 + 4096 + 200);
  g_autofree char *issues = issues_of (r);
  cr_assert (strstr (issues, "error: YAML aliases repeat more nodes than the document holds") != NULL, "%s", issues);
}

static const char contextive[] =
  "contexts:\n"
  "  - name: Serving\n"
  "    domainVisionStatement: Answer requests fast.\n"
  "    paths:\n"
  "    - \"serving/**\"\n"
  "    terms:\n"
  "    - name: Batch\n"
  "      definition: Requests decoded together in one forward pass.\n"
  "      examples:\n"
  "        - A batch of 32 requests.\n"
  "      aliases:\n"
  "        - micro-batch\n"
  "    - name: Replica\n"
  "      definition: |\n"
  "        One copy of the model behind the load balancer.\n";

GLS_TEST (reader_table, contextive_contexts_terms_examples_aliases)
{
  g_autoptr (Read) r = read_as (GLS_FORMAT_CONTEXTIVE, ".contextive/definitions.yml", contextive);

  cr_assert_eq (r->entries->len, 2);
  assert_names (r, 0, "Batch|micro-batch");
  assert_definition (r, 0, "Requests decoded together in one forward pass.\n\nExamples:\n\n- A batch of 32 requests.");
  g_autofree char *category = slice_dup (r, entry (r, 0)->category);
  cr_assert_str_eq (category, "Serving");
  assert_names (r, 1, "Replica");
  assert_definition (r, 1, "One copy of the model behind the load balancer.");
  cr_assert_eq (entry (r, 0)->line, 7);
  cr_assert_eq (entry (r, 1)->line, 13);
  assert_name_in_file (r, 0, 1, 12);
  cr_assert_eq (r->issues->len, 0);

  g_autoptr (Read) none = read_as (GLS_FORMAT_CONTEXTIVE, "d.yml", "terms: []\n");
  g_autofree char *issues = issues_of (none);
  cr_assert_str_eq (issues, "d.yml:1: error: no \"contexts:\" list (Contextive definitions); nothing loaded");
}
