/* fuzz_common.h — shared by the libFuzzer targets of tests/fuzz.
 *
 * A byte reader that turns the fuzzer's input into structured choices
 * (never reading past the end: an exhausted reader returns zeros and empty
 * slices, so every input is a valid program), and the oracles the targets
 * share: the prose span invariants of text/prose.h, checked on any document.
 *
 * A violated oracle prints what went wrong and aborts, which libFuzzer
 * records as a crash with the input that caused it. Header-only: each target
 * is one translation unit.
 */
#pragma once

#include <glib.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/prose.h"

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
} FuzzReader;

static inline FuzzReader
fuzz_reader (const guint8 *data, gsize len)
{
  return (FuzzReader) { data, len, 0 };
}

static inline gboolean
fuzz_reader_done (const FuzzReader *r)
{
  return r->pos >= r->len;
}

static inline guint8
fuzz_u8 (FuzzReader *r)
{
  return r->pos < r->len ? r->data[r->pos++] : 0;
}

static inline guint16
fuzz_u16 (FuzzReader *r)
{
  guint16 hi = fuzz_u8 (r);
  return (guint16) (hi << 8 | fuzz_u8 (r));
}

/* Up to max bytes (fewer at the end of the input); *len gets the count. */
static inline const char *
fuzz_bytes (FuzzReader *r, gsize max, gsize *len)
{
  const char *at = (const char *) r->data + r->pos;
  *len = MIN (max, r->len - r->pos);
  r->pos += *len;
  return at;
}

static inline const char *
fuzz_rest (FuzzReader *r, gsize *len)
{
  return fuzz_bytes (r, r->len - r->pos, len);
}

static void fuzz_fail (const char *format, ...) G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN;

static void
fuzz_fail (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  fputs ("fuzz oracle failed: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  abort ();
}

/* The invariants prose.h promises for any text: spans sorted, disjoint,
 * non-empty, inside the text, trimmed of ASCII white space at both ends, and
 * holding a word byte; gls_prose_spans equal to a fresh extraction from the
 * same tree (gls_prose_extract_all); sub-range queries consistent. */
G_GNUC_UNUSED static void
fuzz_check_prose (const GlsProse *p, const char *text, gsize len)
{
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  g_autoptr (GArray) anew = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  guint32 prev_end = 0;

  gls_prose_spans (p, 0, G_MAXUINT32, spans);
  if (spans->len != gls_prose_n_spans (p))
    fuzz_fail ("%s: gls_prose_spans gave %u spans, gls_prose_n_spans %u",
               gls_prose_language (p), spans->len, gls_prose_n_spans (p));
  for (guint i = 0; i < spans->len; i++)
    {
      const GlsProseSpan *s = &g_array_index (spans, GlsProseSpan, i);
      gboolean word = FALSE;

      if (!(s->start < s->end && s->end <= len))
        fuzz_fail ("%s: span %u [%u,%u) outside %zu bytes or empty", gls_prose_language (p), i,
                   s->start, s->end, len);
      if (s->start < prev_end)
        fuzz_fail ("%s: span %u [%u,%u) overlaps or precedes the previous end %u",
                   gls_prose_language (p), i, s->start, s->end, prev_end);
      if (g_ascii_isspace (text[s->start]) || g_ascii_isspace (text[s->end - 1]))
        fuzz_fail ("%s: span %u [%u,%u) not trimmed", gls_prose_language (p), i, s->start, s->end);
      for (guint32 k = s->start; k < s->end && !word; k++)
        word = (guchar) text[k] >= 0x80 || g_ascii_isalnum (text[k]);
      if (!word)
        fuzz_fail ("%s: span %u [%u,%u) has no word byte", gls_prose_language (p), i, s->start,
                   s->end);
      if ((guint) s->kind > GLS_PROSE_HTML_COMMENT)
        fuzz_fail ("%s: span %u has kind %d", gls_prose_language (p), i, (int) s->kind);
      prev_end = s->end;
    }

  gls_prose_extract_all (p, text, len, anew);
  if (anew->len != spans->len ||
      (spans->len > 0 && memcmp (anew->data, spans->data, spans->len * sizeof (GlsProseSpan)) != 0))
    fuzz_fail ("%s: span store (%u spans) differs from a full extraction (%u spans)",
               gls_prose_language (p), spans->len, anew->len);

  /* A query for the middle third returns exactly the spans intersecting it. */
  if (len >= 3)
    {
      guint32 from = (guint32) (len / 3), to = (guint32) (2 * len / 3);
      g_autoptr (GArray) part = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
      guint want = 0;

      gls_prose_spans (p, from, to, part);
      for (guint i = 0; i < spans->len; i++)
        {
          const GlsProseSpan *s = &g_array_index (spans, GlsProseSpan, i);
          if (s->end > from && s->start < to)
            {
              const GlsProseSpan *got = want < part->len
                                            ? &g_array_index (part, GlsProseSpan, want)
                                            : NULL;
              if (got == NULL || got->start != s->start || got->end != s->end)
                fuzz_fail ("%s: gls_prose_spans [%u,%u) misses span [%u,%u)",
                           gls_prose_language (p), from, to, s->start, s->end);
              want++;
            }
        }
      if (want != part->len)
        fuzz_fail ("%s: gls_prose_spans [%u,%u) gave %u spans, %u intersect",
                   gls_prose_language (p), from, to, part->len, want);
    }
}

#include "analysis/analyzer.h"
#include "analysis/suppress.h"
#include "glossary/glossary.h"
#include "glossary/glossary_load.h"

/* The default glossary's analyzer. libFuzzer calls a target millions of
 * times: targets that run the rules build it once, in LLVMFuzzerInitialize,
 * and only read it after. */
G_GNUC_UNUSED static GlsAnalyzer *
fuzz_default_analyzer_new (void)
{
  GlsGlossaryOptions options = { 0 };
  g_autoptr (GlsGlossary) glossary = gls_glossary_load (&options, NULL);
  return gls_analyzer_new (glossary);
}

/* Runs the rules and the suppression filter over a parsed document, as the
 * linter and the server do, and checks what they promise: hits inside the
 * spans they came from, in order and disjoint, naming real terms, and equal
 * to what gls_matcher_find gives; findings inside the text, in order, with a
 * message and a replacement list; gls_matcher_hit_at agreeing with the hits. */
/* One analysis of a text: its prose spans, the analyzer's findings and hits,
 * and the hits gls_matcher_find gives on its own. */
typedef struct
{
  GArray *spans;     /* GlsProseSpan */
  GArray *findings;  /* GlsFinding */
  GArray *hits;      /* GlsHit, from gls_analyzer_check */
  GArray *matched;   /* GlsHit, from gls_matcher_find */
} FuzzAnalysis;

G_GNUC_UNUSED static void
fuzz_analysis_clear (FuzzAnalysis *a)
{
  g_clear_pointer (&a->spans, g_array_unref);
  g_clear_pointer (&a->findings, g_array_unref);
  g_clear_pointer (&a->hits, g_array_unref);
  g_clear_pointer (&a->matched, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FuzzAnalysis, fuzz_analysis_clear)

/* Runs the rules over text as the linter does (prose spans of p). */
G_GNUC_UNUSED static void
fuzz_analysis_run (const GlsAnalyzer *analyzer, const GlsProse *p, const char *text, gsize len,
                   FuzzAnalysis *a)
{
  a->spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  a->findings = g_array_new (FALSE, FALSE, sizeof (GlsFinding));
  a->hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  a->matched = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  g_array_set_clear_func (a->findings, (GDestroyNotify) gls_finding_clear);
  gls_prose_spans (p, 0, G_MAXUINT32, a->spans);
  const GlsProseSpan *sp = (const GlsProseSpan *) (void *) a->spans->data;
  gls_analyzer_check (analyzer, NULL, text, len, sp, a->spans->len, a->findings, a->hits);
  gls_matcher_find (gls_analyzer_glossary (analyzer), text, len, sp, a->spans->len, a->matched);
}

G_GNUC_UNUSED static void
fuzz_check_analysis (const GlsAnalyzer *analyzer, const GlsProse *p, const char *text, gsize len)
{
  const GlsGlossary *glossary = gls_analyzer_glossary (analyzer);
  g_auto (FuzzAnalysis) a = { 0 };
  fuzz_analysis_run (analyzer, p, text, len, &a);
  GArray *spans = a.spans, *findings = a.findings, *hits = a.hits, *matched = a.matched;
  const GlsProseSpan *sp = (const GlsProseSpan *) (void *) spans->data;

  if (hits->len != matched->len ||
      (hits->len > 0 && memcmp (hits->data, matched->data, hits->len * sizeof (GlsHit)) != 0))
    fuzz_fail ("analyzer hits (%u) differ from gls_matcher_find (%u)", hits->len, matched->len);
  guint span = 0;
  guint32 prev_end = 0;
  for (guint i = 0; i < hits->len; i++)
    {
      const GlsHit *h = &g_array_index (hits, GlsHit, i);
      if (!(h->start < h->end && h->end <= len) || h->start < prev_end)
        fuzz_fail ("hit %u [%u,%u) out of order or outside %zu bytes", i, h->start, h->end, len);
      if (h->term >= gls_glossary_n_terms (glossary))
        fuzz_fail ("hit %u names term %u of %u", i, h->term, gls_glossary_n_terms (glossary));
      while (span < spans->len && g_array_index (spans, GlsProseSpan, span).end <= h->start)
        span++;
      if (span == spans->len || g_array_index (spans, GlsProseSpan, span).start > h->start ||
          g_array_index (spans, GlsProseSpan, span).end < h->end)
        fuzz_fail ("hit %u [%u,%u) is not inside one span", i, h->start, h->end);
      GlsHit at = { 0 };
      if (!gls_matcher_hit_at (glossary, text, len, sp, spans->len, h->start, &at) ||
          at.start != h->start || at.end != h->end || at.term != h->term)
        fuzz_fail ("gls_matcher_hit_at (%u) does not find hit [%u,%u)", h->start, h->start, h->end);
      prev_end = h->end;
    }

  guint32 prev_start = 0;
  for (guint i = 0; i < findings->len; i++)
    {
      const GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      if (!(f->start < f->end && f->end <= len) || f->start < prev_start)
        fuzz_fail ("finding %u [%u,%u) out of order or outside %zu bytes", i, f->start, f->end, len);
      if (f->rule == NULL || f->message == NULL || f->replacements == NULL)
        fuzz_fail ("finding %u lacks a rule, message or replacement list", i);
      if (f->fixable && f->replacements->len != 1)
        fuzz_fail ("finding %u fixable with %u replacements", i, f->replacements->len);
      prev_start = f->start;
    }
  guint before = findings->len;
  guint removed = gls_suppress_filter (text, len, sp, spans->len, findings);
  if (removed + findings->len != before)
    fuzz_fail ("suppression removed %u of %u findings but %u remain", removed, before,
               findings->len);
}
