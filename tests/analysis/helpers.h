/* helpers.h — shared by the analysis tests: a small in-memory glossary, the
 * seed glossary, and running matcher / rules over a document through the
 * real prose extraction, with results as readable strings. */
#pragma once

#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "analysis/matcher.h"
#include "analysis/analyzer.h"
#include "analysis/suppress.h"
#include "glossary/glossary.h"
#include "glossary/glossary_load.h"
#include "glossary/glossary_build.h"
#include "text/prose.h"

/* Terms chosen for the cases of the issue: irregular capitals (LoRA,
 * PyTorch, vLLM, BF16, RoPE), a case-sensitive English word (rope), multi-word
 * keys sharing a prefix (lora, lora adapter), a keyword (data), a category
 * (distributed training), a key starting with a non-ASCII letter, near-identical terms (zorbnet and
 * zorbset) and regular-case terms (toolformer, levenshtein transformer). */
static const char test_glossary_text[] =
  "lora, lora adapter, low rank adaptation\n"
  "**LoRA (Low-Rank Adaptation)** trains small LoRA adapters; LoRA keeps the base frozen.\n"
  "pytorch, torch, deep learning framework\n"
  "**PyTorch** is a framework. PyTorch runs eagerly.\n"
  "vllm, paged attention, serving engine\n"
  "**vLLM** serves models. vLLM pages the KV cache.\n"
  "bf16, bfloat16, brain floating point\n"
  "**BF16** keeps the exponent of FP32. BF16 halves memory.\n"
  "rope, rotary position embedding, rotary embedding\n"
  "**RoPE (Rotary Position Embedding)** rotates queries and keys. RoPE is relative.\n"
  "toolformer, tool use model, api calling\n"
  "**Toolformer** teaches a model to call tools.\n"
  "levenshtein transformer, edit based generation, insertion deletion model\n"
  "**Levenshtein Transformer** generates by edits.\n"
  "ring attention,distributed training\n"
  "**Ring Attention** passes key blocks around a ring of devices.\n"
  "feature store, data, features\n"
  "**Feature Store** keeps features for training and serving.\n"
  "gaussian naive bayes, naive bayes, bayes classifier\n"
  "**Gaussian Naive Bayes** assumes independent features. Naive Bayes classifiers apply Bayes' rule to them.\n"
  "uber kernel, über kernel, überkernel\n"
  "**Über Kernel** is a made-up term with a non-ASCII first letter.\n"
  "zorbnet, zorb network, zorb graph\n"
  "**Zorbnet** is a made-up network.\n"
  "zorbset, zorb collection, zorb bag\n"
  "**Zorbset** is a made-up collection.\n"
  "model, neural model, learned function\n"
  "**Model** a learned function.\n";

G_GNUC_UNUSED static GlsGlossary *
test_glossary_new (const char *text)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("test.txt", NULL, bytes));
  GlsGlossary *g = gls_glossary_new_from_sources (sources, issues);
  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *line = gls_issue_format (g_ptr_array_index (issues, i));
      cr_log_warn ("%s", line);
    }
  return g;
}

G_GNUC_UNUSED static GlsGlossary *
test_seed_glossary_new (void)
{
  GlsGlossaryOptions options = { 0 };
  return gls_glossary_load (&options, NULL);
}

/* The prose spans of text in language lang (a VS Code languageId). */
G_GNUC_UNUSED static GArray *
test_spans (const char *lang, const char *text)
{
  g_autoptr (GlsProse) prose = gls_prose_new (lang);
  g_autoptr (GError) error = NULL;
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  cr_assert (gls_prose_parse (prose, text, strlen (text), NULL, &error), "%s", error ? error->message : "");
  gls_prose_spans (prose, 0, G_MAXUINT32, spans);
  return spans;
}

/* "surface=canonical|..." for every hit of text. */
G_GNUC_UNUSED static char *
test_hits_string (const GlsGlossary *g, const char *lang, const char *text)
{
  g_autoptr (GArray) spans = test_spans (lang, text);
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  gls_matcher_find (g, text, strlen (text), (const GlsProseSpan *) (gpointer) spans->data, spans->len, hits);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < hits->len; i++)
    {
      const GlsHit *h = &g_array_index (hits, GlsHit, i);
      g_string_append_printf (s, "%s%.*s=%s", i > 0 ? "|" : "", (int) (h->end - h->start), text + h->start,
                              gls_glossary_term_canonical (g, gls_glossary_term (g, h->term)));
    }
  return g_string_free (s, FALSE);
}

/* Runs the rules (and, when suppress, the suppression filter) over text. */
G_GNUC_UNUSED static GArray *
test_check_full (const GlsAnalyzer *a, const GlsRuleConfig *config, const char *lang, const char *text,
                 gboolean suppress)
{
  g_autoptr (GArray) spans = test_spans (lang, text);
  const GlsProseSpan *sp = (const GlsProseSpan *) (gpointer) spans->data;
  GArray *findings = g_array_new (FALSE, FALSE, sizeof (GlsFinding));
  g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear);
  gls_analyzer_check (a, config, text, strlen (text), sp, spans->len, findings, NULL);
  if (suppress)
    gls_suppress_filter (text, strlen (text), sp, spans->len, findings);
  return findings;
}

G_GNUC_UNUSED static GArray *
test_check (const GlsAnalyzer *a, const char *lang, const char *text)
{
  return test_check_full (a, NULL, lang, text, FALSE);
}

/* "rule:surface>replacement,replacement[!]|..." ("!" marks fixable). */
G_GNUC_UNUSED static char *
test_findings_string (const GArray *findings, const char *text)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      const GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      g_string_append_printf (s, "%s%s:%.*s>", i > 0 ? "|" : "", f->rule, (int) (f->end - f->start),
                              text + f->start);
      for (guint r = 0; r < f->replacements->len; r++)
        g_string_append_printf (s, "%s%s", r > 0 ? "," : "", (const char *) g_ptr_array_index (f->replacements, r));
      if (f->fixable)
        g_string_append_c (s, '!');
    }
  return g_string_free (s, FALSE);
}

/* The findings string of text checked with the default config. */
G_GNUC_UNUSED static char *
test_lint (const GlsAnalyzer *a, const char *lang, const char *text)
{
  g_autoptr (GArray) findings = test_check (a, lang, text);
  return test_findings_string (findings, text);
}
