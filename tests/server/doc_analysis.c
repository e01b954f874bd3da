/* GlsDocAnalysis: incremental hits and findings equal a full check after any
 * edits, including when a full check ran elsewhere while edits arrived. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "server/workspace/doc_analysis.h"
#include "glossary/glossary_build.h"

static const char *const glossary_text =
  "lora, low-rank adaptation\n"
  "**LoRA (Low-Rank Adaptation)**\n"
  "LoRA fine-tunes a model. LoRA adapters are small.\n"
  "pytorch, framework\n"
  "**PyTorch**\n"
  "PyTorch is a framework. PyTorch models are modules.\n"
  "levenshtein transformer, sequence generation\n"
  "**Levenshtein Transformer**\n"
  "A model that edits sequences.\n";

typedef struct
{
  GlsAnalyzer   *analyzer;
  GlsRuleConfig *config;
  GlsProse      *prose;
  GString       *text;
} Doc;

static void
doc_init (Doc *d, const char *text)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new ();
  g_autoptr (GBytes) bytes = g_bytes_new_static (glossary_text, strlen (glossary_text));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("terms.txt", NULL, bytes));
  g_autoptr (GlsGlossary) glossary = gls_glossary_new_from_sources (sources, NULL);
  d->analyzer = gls_analyzer_new (glossary);
  d->config = gls_rule_config_new ();
  d->prose = gls_prose_new ("markdown");
  d->text = g_string_new (text);
  cr_assert (gls_prose_parse (d->prose, d->text->str, d->text->len, NULL, NULL));
}

static void
doc_clear (Doc *d)
{
  gls_analyzer_unref (d->analyzer);
  gls_rule_config_unref (d->config);
  gls_prose_free (d->prose);
  g_string_free (d->text, TRUE);
}

static GArray *
all_spans (Doc *d)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  gls_prose_spans (d->prose, 0, G_MAXUINT32, spans);
  return spans;
}

/* Edits the text and the prose, and tells the analysis. */
static void
edit (Doc *d, GlsDocAnalysis *a, guint32 start, guint32 old_end, const char *ins)
{
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  g_string_erase (d->text, start, old_end - start);
  g_string_insert (d->text, start, ins);
  guint32 new_end = start + (guint32) strlen (ins);
  cr_assert (gls_prose_reparse_after_edit (d->prose, d->text->str, d->text->len, start, old_end, new_end,
                                           changed, NULL, NULL));
  gls_doc_analysis_note_edit (a, start, old_end, new_end, changed);
}

static void
update (Doc *d, GlsDocAnalysis *a)
{
  g_autoptr (GArray) spans = all_spans (d);
  gls_doc_analysis_update (a, d->analyzer, d->config, d->text->str, d->text->len,
                           (const GlsProseSpan *) spans->data, spans->len);
}

static gboolean
same_finding (const GlsFinding *x, const GlsFinding *y)
{
  return x->start == y->start && x->end == y->end && g_str_equal (x->rule, y->rule) &&
         g_str_equal (x->message, y->message);
}

/* The analysis against a full check of the current text: hits and term-case
 * findings always equal; misspelled-term findings equal unless the analysis
 * is approximate, when a word the document defined or stopped defining
 * elsewhere (`word`, **word**) may still be reported or not (doc_analysis.h). */
static void
assert_matches_full (Doc *d, GlsDocAnalysis *a)
{
  g_autoptr (GArray) spans = all_spans (d);
  g_autoptr (GArray) findings = NULL;
  g_autoptr (GArray) hits = NULL;
  gls_doc_analysis_check_all (d->analyzer, d->config, d->text->str, d->text->len,
                              (const GlsProseSpan *) spans->data, spans->len, &findings, &hits);
  const GArray *h = gls_doc_analysis_get_hits (a);
  const GArray *f = gls_doc_analysis_get_findings (a);
  cr_assert (gls_doc_analysis_is_current (a));
  cr_assert_eq (h->len, hits->len, "hits %u != %u in %s", h->len, hits->len, d->text->str);
  cr_assert (h->len == 0 || memcmp (h->data, hits->data, h->len * sizeof (GlsHit)) == 0,
             "hits differ in %s", d->text->str);
  gboolean approximate = gls_doc_analysis_is_approximate (a);
  guint i = 0, k = 0;
  while (i < f->len || k < findings->len)
    {
      const GlsFinding *x = i < f->len ? &g_array_index (f, GlsFinding, i) : NULL;
      const GlsFinding *y = k < findings->len ? &g_array_index (findings, GlsFinding, k) : NULL;
      if (x != NULL && y != NULL && same_finding (x, y))
        {
          i++, k++;
          continue;
        }
      /* Only an approximate analysis may differ, and only in misspellings. */
      const GlsFinding *extra = x != NULL && (y == NULL || x->start <= y->start) ? x : y;
      cr_assert (approximate && g_str_equal (extra->rule, "misspelled-term"),
                 "finding %u/%u differs (approximate %d) in %s", i, k, approximate, d->text->str);
      if (extra == x)
        i++;
      else
        k++;
    }
}

static void
assert_equals_full (Doc *d, GlsDocAnalysis *a)
{
  cr_assert_not (gls_doc_analysis_is_approximate (a));
  assert_matches_full (d, a);
}

static const char *const inserts[] = {
  "Lora ", "Pytorch ", "\n\n", "\n", " ", "Levenstein transformer ", "# ", "`x` ", "LoRA", "words ",
  "<!-- glossary-ls: disable-line -->", "- ", "",
};

static void
random_edit (Doc *d, GlsDocAnalysis *a, GRand *rand)
{
  guint32 start = (guint32) g_rand_int_range (rand, 0, (gint32) d->text->len + 1);
  guint32 del = (guint32) g_rand_int_range (rand, 0, 25);
  guint32 old_end = MIN ((guint32) d->text->len, start + del);
  guint pick = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (inserts));
  edit (d, a, start, old_end, inserts[pick]);
}

static GString *
initial_text (void)
{
  GString *s = g_string_new (NULL);
  /* Two misspellings, reported however often they are written. */
  for (int i = 0; i < 30; i++)
    g_string_append_printf (s, "Paragraph %d: Lora and Pytorch%s.\n\n", i,
                            i == 3 || i == 20 ? ", a Levenstein transformer" : "");
  return s;
}

GLS_TEST (doc_analysis, incremental_equals_full_check, .timeout = 120)
{
  g_autoptr (GString) start = initial_text ();
  Doc d;
  doc_init (&d, start->str);
  g_autoptr (GlsDocAnalysis) a = gls_doc_analysis_new ();
  GRand *rand = g_rand_new_with_seed (99);

  cr_assert_not (gls_doc_analysis_has_base (a));
  update (&d, a);
  assert_equals_full (&d, a);
  cr_assert_eq (gls_doc_analysis_get_findings (a)->len, 62);
  for (int round = 0; round < 400; round++)
    {
      random_edit (&d, a, rand);
      cr_assert_not (gls_doc_analysis_is_current (a));
      /* Sometimes several edits pile up before a check. */
      if (g_rand_int_range (rand, 0, 3) == 0)
        continue;
      g_autoptr (GArray) spans = all_spans (&d);
      guint checked = gls_doc_analysis_update (a, d.analyzer, d.config, d.text->str, d.text->len,
                                               (const GlsProseSpan *) spans->data, spans->len);
      /* Incremental: a handful of spans, not the document. */
      cr_assert_lt (checked, spans->len / 2 + 8);
      assert_matches_full (&d, a);
    }
  /* A full check settles it. */
  gls_doc_analysis_invalidate (a);
  update (&d, a);
  assert_equals_full (&d, a);
  g_rand_free (rand);
  doc_clear (&d);
}

GLS_TEST (doc_analysis, full_check_elsewhere_is_rebased_on_later_edits)
{
  g_autoptr (GString) start = initial_text ();
  Doc d;
  doc_init (&d, start->str);
  g_autoptr (GlsDocAnalysis) a = gls_doc_analysis_new ();
  GRand *rand = g_rand_new_with_seed (5);

  for (int round = 0; round < 20; round++)
    {
      gls_doc_analysis_invalidate (a);
      guint ticket = gls_doc_analysis_begin_full (a);
      cr_assert (gls_doc_analysis_full_pending (a));
      /* The "worker" checks a snapshot of now... */
      g_autofree char *snapshot = g_strndup (d.text->str, d.text->len);
      gsize snapshot_len = d.text->len;
      g_autoptr (GArray) spans = all_spans (&d);
      /* ...while the editor keeps changing the text. */
      int n = g_rand_int_range (rand, 0, 6);
      for (int i = 0; i < n; i++)
        random_edit (&d, a, rand);
      GArray *findings, *hits;
      gls_doc_analysis_check_all (d.analyzer, d.config, snapshot, snapshot_len,
                                  (const GlsProseSpan *) spans->data, spans->len, &findings, &hits);
      cr_assert (gls_doc_analysis_finish_full (a, ticket, findings, hits));
      cr_assert_not (gls_doc_analysis_full_pending (a));
      update (&d, a);
      assert_matches_full (&d, a);
      cr_assert (n > 0 || !gls_doc_analysis_is_approximate (a));
    }
  g_rand_free (rand);
  doc_clear (&d);
}

/* A full check started while a base exists (the server's settling check),
 * with edits re-checked on the old base meanwhile: the edited regions are
 * checked again on top of the installed results. */
GLS_TEST (doc_analysis, settling_check_keeps_later_edits)
{
  g_autoptr (GString) start = initial_text ();
  Doc d;
  doc_init (&d, start->str);
  g_autoptr (GlsDocAnalysis) a = gls_doc_analysis_new ();

  update (&d, a);
  /* A third "Levenstein", and the document defines it as its own word:
   * checked alone, the earlier two stay reported until a full check. */
  edit (&d, a, 0, 0, "A Levenstein transformer, see `Levenstein`.\n\n");
  update (&d, a);
  cr_assert (gls_doc_analysis_is_approximate (a));
  cr_assert_eq (gls_doc_analysis_get_findings (a)->len, 62);

  guint ticket = gls_doc_analysis_begin_full (a);
  g_autofree char *snapshot = g_strndup (d.text->str, d.text->len);
  gsize snapshot_len = d.text->len;
  g_autoptr (GArray) spans = all_spans (&d);
  /* Edited and re-checked while the full check runs. */
  edit (&d, a, (guint32) (strstr (d.text->str, "Paragraph 5: Lora") - d.text->str) + 13, 
        (guint32) (strstr (d.text->str, "Paragraph 5: Lora") - d.text->str) + 17, "LoRA");
  update (&d, a);
  GArray *findings, *hits;
  gls_doc_analysis_check_all (d.analyzer, d.config, snapshot, snapshot_len,
                              (const GlsProseSpan *) spans->data, spans->len, &findings, &hits);
  cr_assert (gls_doc_analysis_finish_full (a, ticket, findings, hits));
  cr_assert_not (gls_doc_analysis_is_current (a), "the later edit must be checked again");
  update (&d, a);
  /* Exact: the defined spelling is gone, the fixed "LoRA" too. */
  assert_matches_full (&d, a);
  cr_assert_eq (gls_doc_analysis_get_findings (a)->len, 59);
  doc_clear (&d);
}

GLS_TEST (doc_analysis, stale_tickets_are_refused)
{
  Doc d;
  doc_init (&d, "Lora here.\n");
  g_autoptr (GlsDocAnalysis) a = gls_doc_analysis_new ();
  g_autoptr (GArray) spans = all_spans (&d);
  GArray *findings, *hits;

  guint ticket = gls_doc_analysis_begin_full (a);
  gls_doc_analysis_invalidate (a);  /* the glossary changed meanwhile */
  gls_doc_analysis_check_all (d.analyzer, d.config, d.text->str, d.text->len,
                              (const GlsProseSpan *) spans->data, spans->len, &findings, &hits);
  cr_assert_not (gls_doc_analysis_finish_full (a, ticket, findings, hits));
  cr_assert_not (gls_doc_analysis_has_base (a));

  /* A synchronous check supersedes a pending one too. */
  ticket = gls_doc_analysis_begin_full (a);
  update (&d, a);
  gls_doc_analysis_check_all (d.analyzer, d.config, d.text->str, d.text->len,
                              (const GlsProseSpan *) spans->data, spans->len, &findings, &hits);
  cr_assert_not (gls_doc_analysis_finish_full (a, ticket, findings, hits));
  cr_assert_eq (gls_doc_analysis_get_findings (a)->len, 1);
  doc_clear (&d);
}

GLS_TEST (doc_analysis, suppressed_findings_are_not_visible)
{
  Doc d;
  doc_init (&d, "<!-- glossary-ls: disable-next-line -->\nLora here.\n\nLora there.\n");
  g_autoptr (GlsDocAnalysis) a = gls_doc_analysis_new ();
  g_autoptr (GArray) spans = all_spans (&d);

  update (&d, a);
  cr_assert_eq (gls_doc_analysis_get_findings (a)->len, 2);
  const GArray *visible = gls_doc_analysis_get_visible (a, d.text->str, d.text->len,
                                                        (const GlsProseSpan *) spans->data, spans->len);
  cr_assert_eq (visible->len, 1);
  cr_assert_eq (g_array_index (visible, GlsFinding, 0).start, (guint32) (strstr (d.text->str, "Lora there") - d.text->str));
  /* Cached until the results change. */
  cr_assert_eq (gls_doc_analysis_get_visible (a, d.text->str, d.text->len,
                                              (const GlsProseSpan *) spans->data, spans->len), visible);
  doc_clear (&d);
}
