/* feature_glossary.h — small in-memory glossaries for the feature tests.
 *
 * gls_test_glossary() builds a GlsGlossary from one text in the glossary
 * format (no default glossary), named `path` so that locations and links
 * can be checked. The loader's issues are returned in *n_issues when asked.
 */
#pragma once

#include <string.h>

#include "glossary/glossary.h"
#include "glossary/glossary_build.h"

static inline GlsGlossary *
gls_test_glossary (const char *path, const char *text, guint *n_issues)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  g_ptr_array_add (sources, gls_source_new_from_bytes (path, path, bytes));
  GlsGlossary *glossary = gls_glossary_new_from_sources (sources, issues);
  if (n_issues != NULL)
    *n_issues = issues->len;
  return glossary;
}

/* The glossary most feature tests share: headwords, aliases, titles,
 * categories, a keyword and an irregular spelling. */
#define GLS_TEST_GLOSSARY_TEXT                                                        \
  "lora,low rank adaptation,parameter efficient tuning\n"                             \
  "**LoRA (Low-Rank Adaptation)** adds trainable low-rank matrices to frozen "        \
  "weights. LoRA is cheap to train.\n"                                                \
  "lora adapter,model training\n"                                                     \
  "**LoRA adapter** is a small module trained with LoRA.\n"                           \
  "rotary position embedding,rope,positional encoding\n"                              \
  "**Rotary Position Embedding (RoPE)** rotates query and key vectors. RoPE is "       \
  "relative.\n"                                                                       \
  "rotary embedding,data,embeddings\n"                                                \
  "**Rotary embedding** is a shorter name used by some papers.\n"                     \
  "rotary position embedding,attention\n"                                             \
  "**Rotary position embedding** as seen from attention: relative offsets.\n"
