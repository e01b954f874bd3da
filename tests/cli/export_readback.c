/* `glossary-ls export` read back by the readers of the other formats
 * (the Markdown page, MkDocs abbreviation and JSON table readers, through
 * the reader table as a load does): the same headwords in the same casing,
 * in the same order, with the aliases the export writes; and the Markdown page ("Avoid:" line) and the JSON
 * table ("deprecated" list) give back the deprecated spellings with the
 * headword to write instead. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "cli/export.h"
#include "glossary/glossary_build.h"
#include "glossary/issue.h"

#include "common/leak-check.h"

static const char glossary_text[] =
  "lora, low-rank adaptation, lora adapter\n"
  "**LoRA (Low-Rank Adaptation)** trains small adapters. LoRA keeps the base frozen.\n"
  "pytorch, torch framework, eager framework\n"
  "**PyTorch** is a deep learning framework. PyTorch runs eagerly.\n"
  "vllm, paged attention server, vllm engine\n"
  "**vLLM** serves models with paged attention.\n"
  "allowlist, allow list, permit list\n"
  "**Allowlist** names what is permitted.\n"
  "Avoid: whitelist, white list\n";

static GlsGlossary *
build (const char *name, const char *text)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_ptr_array_add (sources, gls_source_new_from_bytes (name, NULL, bytes));
  return gls_glossary_new_from_sources (sources, NULL);
}

static char *
headwords (const GlsGlossary *g)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      const GlsName *n = gls_glossary_name (g, e->first_name);
      g_autofree char *w = gls_glossary_slice_dup (g, e, n->text);
      g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", w);
    }
  return g_string_free (out, FALSE);
}

/* "headword:alias,alias" of every entry that has aliases, joined by "|". */
static char *
aliases (const GlsGlossary *g)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      g_autofree char *head = gls_glossary_slice_dup (g, e, gls_glossary_name (g, e->first_name)->text);
      guint written = 0;
      for (guint k = 1; k < e->n_names; k++)
        {
          const GlsName *n = gls_glossary_name (g, e->first_name + k);
          if (n->role != GLS_ROLE_ALIAS)
            continue;
          g_autofree char *w = gls_glossary_slice_dup (g, e, n->text);
          if (written++ == 0)
            g_string_append_printf (out, "%s%s:%s", out->len > 0 ? "|" : "", head, w);
          else
            g_string_append_printf (out, ",%s", w);
        }
    }
  return g_string_free (out, FALSE);
}

/* "rejected>preferred" of every preference. */
static char *
rejections (const GlsGlossary *g)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < gls_glossary_n_preferences (g); i++)
    {
      const GlsPreference *p = gls_glossary_preference (g, i);
      gsize rl, pl;
      const char *r = gls_glossary_source_slice (g, p->source, p->rejected, &rl);
      const char *w = gls_glossary_source_slice (g, p->source, p->preferred, &pl);
      g_string_append_printf (out, "%s%.*s>%.*s", i > 0 ? "|" : "", (int) rl, r, (int) pl, w);
    }
  return g_string_free (out, FALSE);
}

static void
expect_round_trip (GlsExportFormat format, const char *name, const char *want_rejections,
                   const char *want_aliases)
{
  g_autoptr (GlsGlossary) g = build ("team.txt", glossary_text);
  g_autofree char *text = gls_export_render (g, format, NULL, NULL);
  g_autoptr (GlsGlossary) back = build (name, text);
  g_autofree char *got = headwords (back);
  cr_expect_str_eq (got, "LoRA|PyTorch|vLLM|allowlist", "%s:\n%s", name, text);
  g_autofree char *got_aliases = aliases (back);
  cr_expect_str_eq (got_aliases, want_aliases, "%s:\n%s", name, text);
  g_autofree char *rejected = rejections (back);
  cr_expect_str_eq (rejected, want_rejections, "%s:\n%s", name, text);
}

GLS_TEST (export_readback, markdown)
{
  expect_round_trip (GLS_EXPORT_MARKDOWN, "glossary.md", "whitelist>allowlist|white list>allowlist",
                     "LoRA:low-rank adaptation,LoRA adapter");
}
/* MkDocs abbreviations hold no rejections. */
GLS_TEST (export_readback, mkdocs_abbr) { expect_round_trip (GLS_EXPORT_MKDOCS_ABBR, "abbreviations.md", "", ""); }
GLS_TEST (export_readback, json)
{
  expect_round_trip (GLS_EXPORT_JSON, "glossary.json", "whitelist>allowlist|white list>allowlist",
                     "LoRA:low-rank adaptation,LoRA adapter");
}
