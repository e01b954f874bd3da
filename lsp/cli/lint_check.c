/* lint_check.c — see lint_check.h. */
#include "cli/lint_check.h"

#include <string.h>

#include "analysis/suppress.h"
#include "cli/lint_fix.h"

static int
compare_findings (gconstpointer pa, gconstpointer pb)
{
  const GlsFinding *a = pa, *b = pb;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return strcmp (a->rule, b->rule);
}

typedef struct
{
  const GlsAnalyzer   *analyzer;
  const GlsRuleConfig *config;
  const char          *text;
  gsize                len;
  GlsSuppressions     *suppressions;
  guint                cap;
  GlsLintCheck        *out;
  GArray              *scratch;   /* one piece's findings */
} Checker;

/* Checks spans and keeps the findings starting in [from, to). */
static void
check_piece (Checker *c, const GlsProseSpan *spans, gsize n, guint32 from, guint32 to)
{
  GArray *found = c->scratch;
  gls_analyzer_check (c->analyzer, c->config, c->text, c->len, spans, n, found, NULL);
  g_array_sort (found, compare_findings);
  for (guint i = 0; i < found->len; i++)
    {
      GlsFinding *f = &g_array_index (found, GlsFinding, i);
      if (f->start < from || f->start >= to || gls_suppressions_covers (c->suppressions, f->rule, f->start, f->end))
        continue;
      if (f->severity == GLS_SEVERITY_ERROR)
        c->out->n_errors++;
      else
        c->out->n_others++;
      if (c->out->edits != NULL && !f->fixable && f->replacements != NULL && f->replacements->len > 0)
        c->out->n_unfixed++;
      else if (c->out->edits != NULL && f->fixable && f->replacements != NULL && f->replacements->len > 0)
        {
          const char *r = g_string_chunk_insert_const (c->out->strings, g_ptr_array_index (f->replacements, 0));
          GlsLintEdit edit = { f->start, f->end, r, c->out->edits->len, GLS_LINT_EDIT_PENDING };
          g_array_append_val (c->out->edits, edit);
        }
      if (c->out->findings->len < c->cap)
        {
          g_array_append_val (c->out->findings, *f);
          memset (f, 0, sizeof *f); /* moved */
        }
      else
        c->out->n_left_out++;
    }
  g_array_set_size (found, 0);
}

static gboolean
is_space (char ch)
{
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* Checks one span longer than a piece, part by part (lint_check.h). */
static void
check_long_span (Checker *c, const GlsProseSpan *span)
{
  for (guint32 a = span->start; a < span->end;)
    {
      guint32 b = span->end - a > GLS_LINT_CHECK_PIECE ? a + GLS_LINT_CHECK_PIECE : span->end;
      guint32 lo = a - MIN (a - span->start, GLS_LINT_CHECK_OVERLAP);
      guint32 hi = b + MIN (span->end - b, GLS_LINT_CHECK_OVERLAP);
      /* Widen to white space (a little) so no word is cut in the context. */
      for (guint i = 0; i < 64 && lo > span->start && !is_space (c->text[lo - 1]); i++)
        lo--;
      for (guint i = 0; i < 64 && hi < span->end && !is_space (c->text[hi]); i++)
        hi++;
      GlsProseSpan part = { lo, hi, span->kind };
      check_piece (c, &part, 1, a, b);
      a = b;
    }
}

gboolean
gls_lint_check (const GlsAnalyzer *analyzer, const GlsRuleConfig *config, GlsProse *prose, const char *text,
                gsize len, guint cap, gboolean collect_edits, GlsLintCheck *out, GError **error)
{
  memset (out, 0, sizeof *out);
  out->findings = g_array_new (FALSE, TRUE, sizeof (GlsFinding));
  g_array_set_clear_func (out->findings, (GDestroyNotify) gls_finding_clear);
  if (collect_edits)
    {
      out->edits = g_array_new (FALSE, TRUE, sizeof (GlsLintEdit));
      out->strings = g_string_chunk_new (256);
    }
  if (!gls_prose_parse (prose, text, len, NULL, error))
    return FALSE;

  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  gls_prose_spans (prose, 0, G_MAXUINT32, spans);
  const GlsProseSpan *s = (const GlsProseSpan *) spans->data;
  g_autoptr (GlsSuppressions) suppressions = gls_suppressions_new (text, len, s, spans->len);
  g_autoptr (GArray) scratch = g_array_new (FALSE, TRUE, sizeof (GlsFinding));
  g_array_set_clear_func (scratch, (GDestroyNotify) gls_finding_clear);
  Checker c = { analyzer, config, text, len, suppressions, cap, out, scratch };

  guint first = 0;
  gsize bytes = 0;
  for (guint i = 0; i <= spans->len; i++)
    {
      gboolean flush = i == spans->len || (i > first && bytes + (s[i].end - s[i].start) > GLS_LINT_CHECK_PIECE);
      if (flush && i > first)
        check_piece (&c, s + first, i - first, 0, G_MAXUINT32);
      if (i == spans->len)
        break;
      if (flush)
        {
          first = i;
          bytes = 0;
        }
      if (s[i].end - s[i].start > GLS_LINT_CHECK_PIECE)
        {
          g_assert (first == i);
          check_long_span (&c, &s[i]);
          first = i + 1;
          continue;
        }
      bytes += s[i].end - s[i].start;
    }
  return TRUE;
}

void
gls_lint_check_clear (GlsLintCheck *check)
{
  g_clear_pointer (&check->findings, g_array_unref);
  g_clear_pointer (&check->edits, g_array_unref);
  if (check->strings != NULL)
    g_string_chunk_free (check->strings);
  check->strings = NULL;
}
