/* Tests of lsp/analysis/analyzer.c: one check, configuration, spans, threads. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "analysis/rule_info.h"

#include "common/leak-check.h"
#include "helpers.h"

static const char doc[] =
  "# Notes\n\n"
  "We use Lora and the toolfromer.\n\n"
  "Then Pytorch with rotary positon embedding.\n";

GLS_TEST (analyzer, findings_in_document_order_with_their_severity)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autoptr (GlsRuleConfig) config = gls_rule_config_new ();
  gls_rule_config_set_severity (config, GLS_RULE_ID_TERM_CASE, GLS_SEVERITY_ERROR);
  gls_rule_config_set_severity (config, GLS_RULE_ID_MISSPELLED_TERM, GLS_SEVERITY_HINT);
  g_autoptr (GArray) findings = test_check_full (a, config, "markdown", doc, FALSE);
  g_autofree char *got = test_findings_string (findings, doc);
  cr_expect_str_eq (got, "term-case:Lora>LoRA!|misspelled-term:toolfromer>toolformer!|term-case:Pytorch>PyTorch!|"
                         "misspelled-term:rotary positon embedding>rotary position embedding!");
  for (guint i = 0; i < findings->len; i++)
    {
      const GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      cr_expect_eq (f->severity, strcmp (f->rule, "term-case") == 0 ? GLS_SEVERITY_ERROR : GLS_SEVERITY_HINT);
      cr_expect (f->message != NULL && *f->message != '\0');
      if (i > 0)
        cr_expect_geq (f->start, g_array_index (findings, GlsFinding, i - 1).start);
    }
}

GLS_TEST (analyzer, rules_configured_off_do_not_run)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autoptr (GlsRuleConfig) config = gls_rule_config_new ();
  g_autoptr (GError) error = NULL;
  cr_assert (gls_rule_config_merge_data (config, "{\"rules\": {\"term-case\": \"off\"}}", -1, NULL, NULL, NULL, &error));
  g_autoptr (GArray) findings = test_check_full (a, config, "markdown", doc, FALSE);
  g_autofree char *got = test_findings_string (findings, doc);
  cr_expect_str_eq (got, "misspelled-term:toolfromer>toolformer!|"
                         "misspelled-term:rotary positon embedding>rotary position embedding!");
  gls_rule_config_set_severity (config, GLS_RULE_ID_MISSPELLED_TERM, GLS_SEVERITY_OFF);
  g_autoptr (GArray) none = test_check_full (a, config, "markdown", doc, FALSE);
  cr_expect_eq (none->len, 0);
}

GLS_TEST (analyzer, ignored_words_silence_term_case_too)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autoptr (GlsRuleConfig) config = gls_rule_config_new ();
  gls_rule_config_add_ignore_word (config, "lora");
  gls_rule_config_add_ignore_word (config, "Toolfromer");
  g_autoptr (GArray) findings = test_check_full (a, config, "markdown", doc, FALSE);
  g_autofree char *got = test_findings_string (findings, doc);
  cr_expect_str_eq (got, "term-case:Pytorch>PyTorch!|"
                         "misspelled-term:rotary positon embedding>rotary position embedding!");
}

GLS_TEST (analyzer, hits_are_reported_as_the_matcher_finds_them)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autoptr (GArray) spans = test_spans ("markdown", doc);
  const GlsProseSpan *sp = (const GlsProseSpan *) (gpointer) spans->data;
  g_autoptr (GArray) findings = g_array_new (FALSE, FALSE, sizeof (GlsFinding));
  g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear);
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  GlsHit marker = { 1, 2, 3 };
  g_array_append_val (hits, marker);  /* appended to, never cleared */

  cr_expect_eq (gls_analyzer_glossary (a), g);
  cr_expect_not_null (gls_analyzer_wordlist (a));
  gls_analyzer_check (a, NULL, doc, strlen (doc), sp, spans->len, findings, hits);
  gls_matcher_find (g, doc, strlen (doc), sp, spans->len, want);
  cr_assert_eq (hits->len, want->len + 1);
  cr_expect_eq (g_array_index (hits, GlsHit, 0).term, 3);
  cr_expect_eq (memcmp (&g_array_index (hits, GlsHit, 1), want->data, want->len * sizeof (GlsHit)), 0);
  cr_expect_gt (want->len, 1);
}

GLS_TEST (analyzer, only_the_given_spans_are_checked)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autoptr (GArray) spans = test_spans ("markdown", doc);
  cr_assert_eq (spans->len, 3);
  g_autoptr (GArray) findings = g_array_new (FALSE, FALSE, sizeof (GlsFinding));
  g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear);
  /* The last paragraph alone, as the server re-checks an edited region. */
  gls_analyzer_check (a, NULL, doc, strlen (doc), &g_array_index (spans, GlsProseSpan, 2), 1, findings, NULL);
  g_autofree char *got = test_findings_string (findings, doc);
  cr_expect_str_eq (got, "term-case:Pytorch>PyTorch!|"
                         "misspelled-term:rotary positon embedding>rotary position embedding!");
  g_array_set_size (findings, 0);
  gls_analyzer_check (a, NULL, doc, strlen (doc), NULL, 0, findings, NULL);
  cr_expect_eq (findings->len, 0);
}

typedef struct
{
  const GlsAnalyzer *analyzer;
  const char        *text;
  char              *result;
} Job;

static gpointer
run_job (gpointer data)
{
  Job *job = data;
  GString *all = g_string_new (NULL);
  for (int i = 0; i < 20; i++)
    {
      g_autoptr (GArray) findings = test_check (job->analyzer, "markdown", job->text);
      g_autofree char *s = test_findings_string (findings, job->text);
      if (i == 0)
        g_string_append (all, s);
      else if (strcmp (s, all->str) != 0)
        g_string_append (all, " MISMATCH");
    }
  job->result = g_string_free (all, FALSE);
  return NULL;
}

GLS_TEST (analyzer, one_analyzer_shared_by_threads)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  GlsAnalyzer *a = gls_analyzer_new (g);
  g_autoptr (GlsAnalyzer) extra = gls_analyzer_ref (a);
  Job jobs[4];
  GThread *threads[4];
  for (int i = 0; i < 4; i++)
    {
      jobs[i] = (Job) { a, doc, NULL };
      threads[i] = g_thread_new ("check", run_job, &jobs[i]);
    }
  for (int i = 0; i < 4; i++)
    {
      g_thread_join (threads[i]);
      cr_expect_str_eq (jobs[i].result, "term-case:Lora>LoRA!|misspelled-term:toolfromer>toolformer!|"
                                        "term-case:Pytorch>PyTorch!|"
                                        "misspelled-term:rotary positon embedding>rotary position embedding!");
      g_free (jobs[i].result);
    }
  gls_analyzer_unref (a);  /* extra keeps it alive */
  g_autoptr (GArray) after = test_check (extra, "markdown", doc);
  cr_expect_eq (after->len, 4);
}

GLS_TEST (analyzer, rule_catalogue)
{
  GlsRuleId id;
  cr_expect (gls_rule_lookup ("term-case", &id) && id == GLS_RULE_ID_TERM_CASE);
  cr_expect (gls_rule_lookup ("misspelled-term", &id) && id == GLS_RULE_ID_MISSPELLED_TERM);
  cr_expect (!gls_rule_lookup ("Term-Case", &id));
  cr_expect (!gls_rule_lookup ("", NULL));
  for (guint r = 0; r < GLS_N_RULES; r++)
    {
      const GlsRuleInfo *info = gls_rule_info (r);
      cr_expect (gls_rule_lookup (info->id, &id) && id == r);
      cr_expect (strlen (info->short_description) > 10 && strlen (info->full_description) > 40);
      cr_expect_eq (info->default_severity, GLS_SEVERITY_WARNING);
    }
}

/* Arbitrary bytes (NUL, invalid UTF-8, separators, near-terms) in every
 * language: findings stay inside the text, non-empty, sorted, with at least
 * one replacement, and fixable exactly when there is one. */
GLS_TEST (analyzer, arbitrary_bytes_keep_the_finding_invariants)
{
  static const char *const pieces[] = {
    "Lora", "LORA", "toolfromer", "Levenstein", "transformer", "rotary", "positon", "embedding", "\xff",
    "\xc3", "\0", "é", "<!--", "-->", "`", "**", "/*", "*/", "//", "#", "\n", "\n\n", " ", "-", "_",
    "glossary-ls:", "disable-next-line", "zorbtet", "Pytorch", "(", ")", "\"",
  };
  static const char *const langs[] = { "markdown", "c", "python", "plaintext" };
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) a = gls_analyzer_new (g);
  g_autoptr (GRand) r = g_rand_new_with_seed (7);
  guint total = 0;

  for (int round = 0; round < 400; round++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      guint n = (guint) g_rand_int_range (r, 1, 80);
      for (guint i = 0; i < n; i++)
        {
          const char *p = pieces[g_rand_int_range (r, 0, G_N_ELEMENTS (pieces))];
          g_string_append_len (text, p, *p == '\0' ? 1 : (gssize) strlen (p));
          g_string_append_c (text, g_rand_boolean (r) ? ' ' : '\n');
        }
      const char *lang = langs[round % G_N_ELEMENTS (langs)];
      g_autoptr (GlsProse) prose = gls_prose_new (lang);
      cr_assert (gls_prose_parse (prose, text->str, text->len, NULL, NULL));
      g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
      gls_prose_spans (prose, 0, G_MAXUINT32, spans);
      const GlsProseSpan *sp = (const GlsProseSpan *) (gpointer) spans->data;
      g_autoptr (GArray) findings = g_array_new (FALSE, FALSE, sizeof (GlsFinding));
      g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear);
      gls_analyzer_check (a, NULL, text->str, text->len, sp, spans->len, findings, NULL);
      gls_suppress_filter (text->str, text->len, sp, spans->len, findings);
      total += findings->len;
      for (guint i = 0; i < findings->len; i++)
        {
          const GlsFinding *f = &g_array_index (findings, GlsFinding, i);
          cr_assert (f->start < f->end && f->end <= text->len, "round %d: [%u,%u) of %zu", round, f->start, f->end,
                     text->len);
          cr_assert_gt (f->replacements->len, 0);
          cr_assert_eq (f->fixable, f->replacements->len == 1);
          cr_assert_lt (f->term, gls_glossary_n_terms (g));
          if (i > 0)
            cr_assert_geq (f->start, g_array_index (findings, GlsFinding, i - 1).start);
        }
    }
  cr_expect_gt (total, 50);
}

/* The analyzer remembers fuzzy searches across checks (misspelled_search.h):
 * what an earlier check of other text left behind never changes a result. */
GLS_TEST (analyzer, remembered_searches_change_no_result)
{
  g_autoptr (GlsGlossary) g = test_glossary_new (test_glossary_text);
  g_autoptr (GlsAnalyzer) warm = gls_analyzer_new (g);
  g_autoptr (GlsAnalyzer) cold = gls_analyzer_new (g);
  static const char other[] = "The toolfromer and the positon of a rotary thing; toolformers positon.\n";
  g_autoptr (GArray) first = test_check (warm, "markdown", other);
  cr_expect_gt (first->len, 0, "the warm-up text has findings of its own");

  g_autoptr (GArray) from_warm = test_check (warm, "markdown", doc);
  g_autoptr (GArray) from_cold = test_check (cold, "markdown", doc);
  g_autofree char *w = test_findings_string (from_warm, doc);
  g_autofree char *c = test_findings_string (from_cold, doc);
  cr_expect_str_eq (w, c);
  cr_expect_str_eq (w, "term-case:Lora>LoRA!|misspelled-term:toolfromer>toolformer!|term-case:Pytorch>PyTorch!|"
                       "misspelled-term:rotary positon embedding>rotary position embedding!");
}
