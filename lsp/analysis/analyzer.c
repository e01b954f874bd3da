/* analyzer.c — see analyzer.h. The indexes are built in rule_index.c, the
 * rules live in rule_term_case.c, rule_misspelled.c and rule_preferred.c; this file builds the
 * analyzer and runs one check over prose spans. */
#include "analysis/analyzer.h"

#include <string.h>

#include "analysis/misspelled_search.h"
#include "analysis/rule_context.h"
#include "analysis/rule_index.h"
#include "analysis/rule_misspelled.h"
#include "analysis/rule_preferred.h"
#include "analysis/rule_term_case.h"

struct _GlsAnalyzer
{
  gatomicrefcount     ref;
  GlsGlossary        *glossary;
  GlsMatchIndex      *index;            /* for matching (matcher.h) */
  GlsRuleIndex       *rules;            /* what the rules consult */
  GlsMisspelledCache *misspelled_cache; /* mutable behind the const analyzer: a cache */
  GlsPreferredIndex  *preferred;        /* rejected spellings (rule_preferred.h) */
};

GlsAnalyzer *
gls_analyzer_new_with_wordlist (GlsGlossary *glossary, GlsWordlist *words)
{
  GlsAnalyzer *self = g_new0 (GlsAnalyzer, 1);

  g_atomic_ref_count_init (&self->ref);
  self->glossary = gls_glossary_ref (glossary);
  self->index = gls_match_index_new (glossary);
  self->misspelled_cache = gls_misspelled_cache_new ();
  self->rules = gls_rule_index_new (glossary, words);
  self->preferred = gls_preferred_index_new (glossary);
  return self;
}

GlsAnalyzer *
gls_analyzer_new (GlsGlossary *glossary)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsWordlist) words = gls_wordlist_new_default (&error);
  if (words == NULL)
    g_error ("the embedded word list is missing: %s", error->message);
  return gls_analyzer_new_with_wordlist (glossary, words);
}

GlsAnalyzer *
gls_analyzer_ref (GlsAnalyzer *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
gls_analyzer_unref (GlsAnalyzer *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  gls_glossary_unref (self->glossary);
  gls_match_index_unref (self->index);
  gls_rule_index_free (self->rules);
  gls_misspelled_cache_free (self->misspelled_cache);
  gls_preferred_index_free (self->preferred);
  g_free (self);
}

const GlsGlossary *
gls_analyzer_glossary (const GlsAnalyzer *self)
{
  return self->glossary;
}

const GlsWordlist *
gls_analyzer_wordlist (const GlsAnalyzer *self)
{
  return self->rules->words;
}

gint
gls_analyzer_rejected_at (const GlsAnalyzer *self, const char *text, gsize span_start, gsize span_end, gsize offset,
                          gsize *start, gsize *end)
{
  return gls_preferred_index_at (self->preferred, text, span_start, span_end, offset, start, end);
}

static int
compare_findings (gconstpointer pa, gconstpointer pb)
{
  const GlsFinding *a = pa, *b = pb;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  int by_rule = strcmp (a->rule, b->rule);
  if (by_rule != 0)
    return by_rule;
  return a->end < b->end ? -1 : a->end > b->end;
}

/* Words handed from the matcher to the misspelled-term rule at a time:
 * bounds a check's memory whatever its spans' sizes. */
#define WORD_BLOCK 1024

/* Matches spans, appending hits, and hands the words the matcher passed to
 * the misspelled-term run (when there is one): one scan of each word for
 * both. */
static void
match_and_scan (const GlsAnalyzer *self, const char *text, gsize len, const GlsProseSpan *spans, gsize n_spans,
                GArray *hits, guint first_hit, GlsMisspelledRun *misspelled)
{
  g_autoptr (GString) norm = g_string_sized_new (256);
  g_autoptr (GArray) map = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 256);
  GlsMatchWords block = { NULL, 0, 0 };
  GlsMatchWords *words = misspelled != NULL ? &block : NULL;

  for (gsize k = 0; k < n_spans; k++)
    {
      const GlsProseSpan *span = &spans[k];
      if (span->start >= span->end || span->end > len)
        {
          g_critical ("%s: span %u..%u outside the text (%zu bytes)", G_STRFUNC, span->start, span->end, len);
          break;
        }
      if (!gls_prose_kind_is_matchable (span->kind))
        continue;
      GlsMatchSpanState state;
      gboolean done = FALSE;
      gls_matcher_span_begin (&state, span);
      while (!done)
        {
          done = gls_matcher_match_span (self->index, text, span, &state, words, WORD_BLOCK, norm, map, hits);
          /* Every hit that may cover one of these words is known now. */
          if (words != NULL && words->len > 0)
            {
              /* hits->data is NULL while nothing was ever appended: no
               * pointer into it then (UBSan: offset on a null pointer). */
              const GlsHit *span_hits = hits->len > first_hit ? &g_array_index (hits, GlsHit, first_hit) : NULL;
              gls_rule_misspelled_add_words (misspelled, span, (guint32) k, words->data, words->len,
                                             span_hits, hits->len - first_hit);
              words->len = 0;
            }
        }
    }
  g_free (block.data);
}

void
gls_analyzer_check (const GlsAnalyzer   *self,
                    const GlsRuleConfig *config,
                    const char          *text,
                    gsize                len,
                    const GlsProseSpan  *spans,
                    gsize                n_spans,
                    GArray              *findings,
                    GArray              *hits)
{
  g_autoptr (GlsRuleConfig) defaults = NULL;
  g_autoptr (GArray) own_hits = NULL;
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (GlsFinding));

  g_return_if_fail (len <= G_MAXUINT32);
  if (config == NULL)
    config = defaults = gls_rule_config_new ();
  if (hits == NULL)
    hits = own_hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));

  GlsRuleContext ctx = {
    .glossary = self->glossary,
    .index = self->rules,
    .config = config,
    .text = text,
    .len = len,
    .severity = GLS_SEVERITY_OFF,
    .findings = found,
    .misspelled_cache = self->misspelled_cache,
  };
  GlsSeverity misspelled_severity = gls_rule_config_severity (config, GLS_RULE_ID_MISSPELLED_TERM);
  GlsMisspelledRun *misspelled = misspelled_severity != GLS_SEVERITY_OFF ? gls_rule_misspelled_begin (&ctx) : NULL;

  guint first_hit = hits->len;
  match_and_scan (self, text, len, spans, n_spans, hits, first_hit, misspelled);
  gsize n_hits = hits->len - first_hit;
  const GlsHit *new_hits = n_hits > 0 ? &g_array_index (hits, GlsHit, first_hit) : NULL;

  ctx.severity = gls_rule_config_severity (config, GLS_RULE_ID_TERM_CASE);
  if (ctx.severity != GLS_SEVERITY_OFF)
    gls_rule_term_case_run (&ctx, spans, n_spans, new_hits, n_hits);
  ctx.severity = misspelled_severity;
  if (misspelled != NULL)
    gls_rule_misspelled_finish (misspelled, spans, n_spans);
  ctx.severity = gls_rule_config_severity (config, GLS_RULE_ID_PREFERRED_TERM);
  if (ctx.severity != GLS_SEVERITY_OFF)
    gls_rule_preferred_run (&ctx, self->preferred, spans, n_spans);

  /* The findings move into the caller's array: their members now belong to it. */
  g_array_sort (found, compare_findings);
  g_array_append_vals (findings, found->data, found->len);
}
