/* `glossary-ls export` (lsp/cli/export.h): every target read back. cspell,
 * Vale and typos go through our own readers (glossary/vocab.h) and must give
 * the same terms in the same casing and the same rejections; mkdocs-abbr and
 * markdown are checked against their formats' syntax (Python-Markdown's
 * abbreviation line, one "## " heading per entry); json through json-glib. */
#include <criterion/criterion.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli/export.h"
#include "glossary/glossary_build.h"
#include "glossary/issue.h"
#include "glossary/vocab.h"

#include "common/leak-check.h"

/* Irregular casing (LoRA, PyTorch, vLLM), phrases, a term with regex
 * syntax (C++), a rejected phrase and rejected single words. */
static const char glossary_text[] =
  "lora, low-rank adaptation, lora adapter\n"
  "**LoRA (Low-Rank Adaptation)** trains small adapters. LoRA keeps the base frozen.\n"
  "avoid: lora-style adapters\n"
  "pytorch, torch framework, eager framework\n"
  "**PyTorch** is a deep learning framework. PyTorch runs eagerly.\n"
  "vllm, paged attention server, vllm engine\n"
  "**vLLM** serves models with paged attention.\n"
  "allowlist, allow list, permit list\n"
  "**Allowlist** names what is permitted; see also C++.\n"
  "Avoid: whitelist, white list\n"
  "c++, cplusplus, c plus plus\n"
  "**C++** is a programming language.\n";

static GlsGlossary *
glossary_new (void)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new_static (glossary_text, strlen (glossary_text));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("team.txt", NULL, bytes));
  return gls_glossary_new_from_sources (sources, NULL);
}

static int
compare_spellings (gconstpointer pa, gconstpointer pb)
{
  const char *a = *(const char *const *) pa, *b = *(const char *const *) pb;
  int c = g_ascii_strcasecmp (a, b);
  return c != 0 ? c : strcmp (a, b);
}

/* "a|b|c": the canonical spellings of the prose terms, sorted as export sorts. */
static char *
expected_terms (const GlsGlossary *g, gboolean (*keep) (const char *))
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  for (guint i = 0; i < gls_glossary_n_terms (g); i++)
    {
      const GlsTerm *t = gls_glossary_term (g, i);
      const char *c = gls_glossary_term_canonical (g, t);
      if ((t->flags & GLS_TERM_MATCH_PROSE) && (keep == NULL || keep (c)))
        g_ptr_array_add (all, (gpointer) c);
    }
  g_ptr_array_sort (all, compare_spellings);
  g_ptr_array_add (all, NULL);
  return g_strjoinv ("|", (char **) all->pdata);
}

/* Reads text back: "accepted|..." and "rejected>preferred|...", each sorted. */
static void
read_back (GlsVocabFormat format, const char *text, GString *accepted, GString *rejected)
{
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (GlsVocabWord));
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  cr_assert (gls_vocab_read (format, "export", text, strlen (text), words, issues));
  cr_expect_eq (issues->len, 0, "%s", issues->len > 0 ? ((GlsIssue *) issues->pdata[0])->message : "");
  g_autoptr (GPtrArray) acc = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) rej = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < words->len; i++)
    {
      const GlsVocabWord *w = &g_array_index (words, GlsVocabWord, i);
      if (!w->rejected)
        g_ptr_array_add (acc, g_strndup (text + w->text.start, w->text.len));
      else
        g_ptr_array_add (rej, g_strdup_printf ("%.*s>%.*s", (int) w->text.len, text + w->text.start,
                                               (int) w->preferred.len, text + w->preferred.start));
    }
  g_ptr_array_sort (acc, compare_spellings);
  for (guint i = 0; i < acc->len; i++)
    g_string_append_printf (accepted, "%s%s", i > 0 ? "|" : "", (char *) acc->pdata[i]);
  for (guint i = 0; i < rej->len; i++)
    g_string_append_printf (rejected, "%s%s", i > 0 ? "|" : "", (char *) rej->pdata[i]);
}

static gboolean
regex_free (const char *s)
{
  return strpbrk (s, "\\[](){}|*+?^$") == NULL;
}

static gboolean
one_token (const char *s)
{
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return *s != '\0';
}

GLS_TEST (export, cspell_round_trip)
{
  g_autoptr (GlsGlossary) g = glossary_new ();
  g_autofree char *text = gls_export_render (g, GLS_EXPORT_CSPELL, NULL, NULL);
  g_autoptr (GString) acc = g_string_new (NULL), rej = g_string_new (NULL);
  read_back (GLS_VOCAB_FORMAT_CSPELL_JSON, text, acc, rej);
  g_autofree char *want = expected_terms (g, NULL);
  cr_expect_str_eq (acc->str, want);
  cr_expect (strstr (acc->str, "LoRA|") != NULL && strstr (acc->str, "vLLM") != NULL, "%s", acc->str);
  cr_expect_str_eq (rej->str, "lora-style adapters>LoRA|whitelist>allowlist|white list>allowlist");
}

GLS_TEST (export, vale_round_trip)
{
  g_autoptr (GlsGlossary) g = glossary_new ();
  g_autoptr (GString) reject = g_string_new (NULL);
  guint left_out;
  g_autofree char *text = gls_export_render (g, GLS_EXPORT_VALE, reject, &left_out);
  g_autoptr (GString) acc = g_string_new (NULL), rej = g_string_new (NULL), none = g_string_new (NULL);
  read_back (GLS_VOCAB_FORMAT_VALE_ACCEPT, text, acc, none);
  g_autofree char *want = expected_terms (g, regex_free);
  cr_expect_str_eq (acc->str, want);
  cr_expect (strstr (text, "c++") == NULL);
  cr_expect_eq (left_out, 1);  /* C++ */
  read_back (GLS_VOCAB_FORMAT_VALE_REJECT, reject->str, none, rej);
  cr_expect_str_eq (rej->str, "lora-style adapters>|whitelist>|white list>");
}

GLS_TEST (export, typos_round_trip)
{
  g_autoptr (GlsGlossary) g = glossary_new ();
  guint left_out;
  g_autofree char *text = gls_export_render (g, GLS_EXPORT_TYPOS, NULL, &left_out);
  g_autoptr (GString) acc = g_string_new (NULL), rej = g_string_new (NULL);
  read_back (GLS_VOCAB_FORMAT_TYPOS, text, acc, rej);
  g_autofree char *want = expected_terms (g, one_token);
  cr_expect_str_eq (acc->str, want);
  cr_expect (strstr (text, "[default.extend-identifiers]\nLoRA = \"LoRA\"\n") != NULL, "%s", text);
  cr_expect_str_eq (rej->str, "whitelist>allowlist");
  /* Left out: every term of several tokens, and the rejected phrases
   * "lora-style adapters" and "white list". */
  guint phrases = 0;
  for (guint i = 0; i < gls_glossary_n_terms (g); i++)
    {
      const GlsTerm *t = gls_glossary_term (g, i);
      phrases += (t->flags & GLS_TERM_MATCH_PROSE) && !one_token (gls_glossary_term_canonical (g, t));
    }
  cr_expect_gt (phrases, 0);
  cr_expect_eq (left_out, phrases + 2, "left out %u", left_out);
}

GLS_TEST (export, mkdocs_abbr_lines)
{
  g_autoptr (GlsGlossary) g = glossary_new ();
  g_autofree char *text = gls_export_render (g, GLS_EXPORT_MKDOCS_ABBR, NULL, NULL);
  /* Python-Markdown's abbr extension: ^[ ]{0,3}\*\[(?P<abbr>[^\\]*)\][ ]?:[ ]*\n?[ ]*(?P<title>.*)$ */
  g_autoptr (GRegex) re = g_regex_new ("^ {0,3}\\*\\[([^\\]]*)\\] ?: *(.+)$", 0, 0, NULL);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++, n++)
    {
      g_autoptr (GMatchInfo) m = NULL;
      cr_assert (g_regex_match (re, lines[i], 0, &m), "%s", lines[i]);
      g_autofree char *term = g_match_info_fetch (m, 1);
      g_autofree char *title = g_match_info_fetch (m, 2);
      cr_expect (gls_glossary_lookup (g, term, -1) != NULL, "%s", term);
      cr_expect (strchr (title, '*') == NULL && strchr (title, '\n') == NULL);
    }
  cr_expect_eq (n, gls_glossary_n_entries (g));
  cr_expect (strstr (text, "*[LoRA]: LoRA (Low-Rank Adaptation) trains small adapters.\n") != NULL, "%s", text);
  cr_expect (strstr (text, "avoid") == NULL);
}

GLS_TEST (export, markdown_page)
{
  g_autoptr (GlsGlossary) g = glossary_new ();
  g_autofree char *text = gls_export_render (g, GLS_EXPORT_MARKDOWN, NULL, NULL);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GString) headings = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "## "))
      g_string_append_printf (headings, "%s%s", headings->len > 0 ? "|" : "", lines[i] + 3);
  cr_expect_str_eq (headings->str, "LoRA|PyTorch|vLLM|allowlist|c++");
  cr_expect (strstr (text, "\nAvoid: whitelist, white list.\n") != NULL, "%s", text);
  cr_expect (strstr (text, "\nAlso called: ") != NULL, "%s", text);
  /* Each avoid: line once, in the page's own form. */
  cr_expect (strstr (text, "avoid: lora") == NULL);
}

GLS_TEST (export, json_entries)
{
  g_autoptr (GlsGlossary) g = glossary_new ();
  g_autofree char *text = gls_export_render (g, GLS_EXPORT_JSON, NULL, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  cr_assert (json_parser_load_from_data (parser, text, -1, NULL));
  JsonArray *a = json_node_get_array (json_parser_get_root (parser));
  cr_assert_eq (json_array_get_length (a), gls_glossary_n_entries (g));
  JsonObject *lora = json_array_get_object_element (a, 0);
  cr_expect_str_eq (json_object_get_string_member (lora, "term"), "LoRA");
  cr_expect_eq (json_object_get_int_member (lora, "line"), 1);
  JsonArray *dep = json_object_get_array_member (lora, "deprecated");
  cr_assert_eq (json_array_get_length (dep), 1);
  cr_expect_str_eq (json_array_get_string_element (dep, 0), "lora-style adapters");
  cr_expect (g_str_has_prefix (json_object_get_string_member (lora, "definition"), "**LoRA (Low-Rank"));
  cr_expect (strstr (json_object_get_string_member (lora, "definition"), "avoid") == NULL);
}
