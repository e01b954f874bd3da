/* Tests of the preferred-term rule (lsp/analysis/rule_preferred.c) with
 * rejections from the seed format's avoid: lines (preference.h). */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "analysis/rule_info.h"
#include "analysis/rule_preferred.h"
#include "common/leak-check.h"
#include "helpers.h"

static const char avoid_glossary[] =
  "allowlist, allow list\n"
  "**Allowlist** is a list of what is permitted.\n"
  "Avoid: whitelist, white list\n"
  "main branch, default branch\n"
  "**Main branch** is the branch a repository starts with.\n"
  "- **avoid:** master branch\n"
  "lora, low rank adaptation\n"
  "**LoRA** trains small adapters; LoRA keeps the base frozen.\n"
  "avoid: Lora, low-rank adaption\n";

static void
expect_lint (const char *lang, const char *text, const char *want)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (avoid_glossary);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autofree char *got = test_lint (a, lang, text);
  cr_expect_str_eq (got, want, "in \"%s\": got \"%s\", want \"%s\"", text, got, want);
}

GLS_TEST (preferred, avoid_lines_become_preferences)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (avoid_glossary);
  cr_assert_eq (gls_glossary_n_preferences (g), 5);
  const GlsPreference *p = gls_glossary_preference (g, 2);
  gsize len;
  const char *text = gls_glossary_source_slice (g, p->source, p->rejected, &len);
  cr_expect_eq (strncmp (text, "master branch", len), 0);
  cr_expect_eq (p->line, 6);
  text = gls_glossary_source_slice (g, p->source, p->preferred, &len);
  cr_expect_eq (strncmp (text, "main branch", len), 0);
  /* "Lora" differs from LoRA in case only: term-case's, not indexed here. */
  GlsPreferredIndex *raw = gls_preferred_index_new (g);
  cr_expect_eq (gls_preferred_index_size (raw), 4);
  gls_preferred_index_free (raw);
}

GLS_TEST (preferred, every_use_is_reported_with_its_fix)
{
  expect_lint ("markdown", "Add it to the whitelist.", "preferred-term:whitelist>allowlist!");
  expect_lint ("markdown", "Two Whitelists and a White-list.",
               "preferred-term:Whitelists>Allowlists!|preferred-term:White-list>Allowlist!");
  expect_lint ("markdown", "Push to the master\nbranch now.", "preferred-term:master\nbranch>main branch!");
  expect_lint ("markdown", "A low rank adaption of it.", "preferred-term:low rank adaption>LoRA!");
}

GLS_TEST (preferred, identifiers_code_and_case_only_rejections_are_not_reported)
{
  expect_lint ("markdown", "Keep `whitelist` and whitelist_ips and docs/whitelist and cfg.whitelist.", "");
  expect_lint ("markdown", "The master\n\nbranch.", "");
  /* "Lora" is term-case's finding alone. */
  expect_lint ("markdown", "Lora is cheap.", "term-case:Lora>LoRA!");
  expect_lint ("python", "x = 1  # add the host to the whitelist\n", "preferred-term:whitelist>allowlist!");
}

GLS_TEST (preferred, message_severity_and_suppression)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (avoid_glossary);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  const char *text = "the whitelist\n<!-- glossary-ls: disable-next-line preferred-term -->\nthe whitelist\n";
  g_autoptr (GlsRuleConfig) config = gls_rule_config_new ();
  gls_rule_config_set_severity (config, GLS_RULE_ID_PREFERRED_TERM, GLS_SEVERITY_ERROR);
  g_autoptr (GArray) findings = test_check_full (a, config, "markdown", text, TRUE);
  cr_assert_eq (findings->len, 1);
  const GlsFinding *f = &g_array_index (findings, GlsFinding, 0);
  cr_expect_eq (f->severity, GLS_SEVERITY_ERROR);
  cr_expect_str_eq (f->message, "write \u201callowlist\u201d, not \u201cwhitelist\u201d (test.txt:3)");
  cr_expect_str_eq (gls_glossary_term_canonical (g, gls_glossary_term (g, f->term)), "allowlist");

  gls_rule_config_add_ignore_word (config, "Whitelist");
  g_autoptr (GArray) ignored = test_check_full (a, config, "markdown", text, TRUE);
  cr_expect_eq (ignored->len, 0, "ignoreWords silences it");

  gls_rule_config_set_severity (config, GLS_RULE_ID_PREFERRED_TERM, GLS_SEVERITY_OFF);
  g_autoptr (GArray) none = test_check_full (a, config, "markdown", text, TRUE);
  cr_expect_eq (none->len, 0);
}

GLS_TEST (preferred, rule_is_catalogued)
{
  GlsRuleId id;
  cr_assert (gls_rule_lookup ("preferred-term", &id));
  cr_expect_eq (id, GLS_RULE_ID_PREFERRED_TERM);
  cr_expect_eq (gls_rule_info (id)->default_severity, GLS_SEVERITY_WARNING);
}

/* The rejected spelling under a cursor (hover): the phrase the rule reports,
 * from any of its bytes or just after it; nothing on other words, and
 * nothing from a window that starts past the phrase. */
GLS_TEST (preferred, rejected_spelling_at_a_cursor)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (avoid_glossary);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  const char *text = "Push the host to the white list of the master branch.";
  gsize len = strlen (text), start = 0, end = 0;
  gsize white = (gsize) (strstr (text, "white list") - text), master = (gsize) (strstr (text, "master") - text);

  for (gsize at = white; at <= white + strlen ("white list"); at++)
    {
      gint pref = gls_analyzer_rejected_at (a, text, 0, len, at, &start, &end);
      cr_assert_geq (pref, 0, "at %zu", at);
      cr_expect_eq (start, white);
      cr_expect_eq (end, white + strlen ("white list"));
      gsize n;
      const char *rejected = gls_glossary_source_slice (g, gls_glossary_preference (g, (guint) pref)->source,
                                                        gls_glossary_preference (g, (guint) pref)->rejected, &n);
      cr_expect_eq (strncmp (rejected, "white list", n), 0);
    }
  cr_expect_eq (gls_analyzer_rejected_at (a, text, 0, len, 2, &start, &end), -1, "on \"Push\"");
  cr_expect_eq (gls_analyzer_rejected_at (a, text, 0, len, master + 8, &start, &end), 2,
               "\"master branch\" (the third avoid item) at its second word");
  cr_expect_eq (start, master);
  /* A span that starts after the phrase's first word does not see it. */
  cr_expect_eq (gls_analyzer_rejected_at (a, text, white + 6, len, white + 7, &start, &end), -1);
  /* Far into a long span: still found, reading only the window before it. */
  g_autoptr (GString) big = g_string_new (NULL);
  for (guint i = 0; i < 10000; i++)
    g_string_append (big, "plain words here ");
  gsize at = big->len;
  g_string_append (big, "the whitelist.");
  cr_expect_geq (gls_analyzer_rejected_at (a, big->str, 0, big->len, at + 6, &start, &end), 0);
  cr_expect_eq (start, at + 4);
}
