/* doc_analysis.c — see doc_analysis.h. */
#include "server/workspace/doc_analysis.h"

#include "analysis/suppress.h"

typedef struct
{
  guint32 start;
  guint32 old_end;
  guint32 new_end;
} Edit;

struct _GlsDocAnalysis
{
  gboolean  has_base;
  GArray   *findings;   /* GlsFinding, owned members */
  GArray   *hits;       /* GlsHit */
  GArray   *dirty;      /* GlsByteRange, current offsets, sorted and merged */
  GArray   *visible;    /* GlsFinding, shallow copies; NULL when stale */
  guint     ticket;     /* of the pending full check; 0 when none */
  guint     next_ticket;
  GArray   *edit_log;   /* Edit, since begin_full */
  GArray   *late_dirty; /* GlsByteRange: what edits since begin_full changed */
  gboolean  approximate; /* spans were re-checked alone since the last full check */
};

static GArray *
new_findings (void)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (GlsFinding));
  g_array_set_clear_func (a, (GDestroyNotify) gls_finding_clear);
  return a;
}

GlsDocAnalysis *
gls_doc_analysis_new (void)
{
  GlsDocAnalysis *self = g_new0 (GlsDocAnalysis, 1);
  self->findings = new_findings ();
  self->hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  self->dirty = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  self->edit_log = g_array_new (FALSE, FALSE, sizeof (Edit));
  self->late_dirty = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  self->next_ticket = 1;
  return self;
}

void
gls_doc_analysis_free (GlsDocAnalysis *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->findings);
  g_array_unref (self->hits);
  g_array_unref (self->dirty);
  g_array_unref (self->edit_log);
  g_array_unref (self->late_dirty);
  if (self->visible != NULL)
    g_array_unref (self->visible);
  g_free (self);
}

static void
results_changed (GlsDocAnalysis *self)
{
  g_clear_pointer (&self->visible, g_array_unref);
}

void
gls_doc_analysis_invalidate (GlsDocAnalysis *self)
{
  self->has_base = FALSE;
  g_array_set_size (self->findings, 0);
  g_array_set_size (self->hits, 0);
  g_array_set_size (self->dirty, 0);
  g_array_set_size (self->edit_log, 0);
  g_array_set_size (self->late_dirty, 0);
  self->ticket = 0;
  self->approximate = FALSE;
  results_changed (self);
}

gboolean
gls_doc_analysis_is_approximate (const GlsDocAnalysis *self)
{
  return self->approximate;
}

gboolean
gls_doc_analysis_has_base (const GlsDocAnalysis *self)
{
  return self->has_base;
}

gboolean
gls_doc_analysis_is_current (const GlsDocAnalysis *self)
{
  return self->has_base && self->dirty->len == 0;
}

guint
gls_doc_analysis_n_dirty (const GlsDocAnalysis *self)
{
  return self->dirty->len;
}

/* ---- edits ------------------------------------------------------------------ */

/* Where an old offset lands after the edit; inside the replaced bytes a
 * range start goes to the edit's start and a range end to its new end, so a
 * range that covered replaced bytes still covers their replacement. */
static guint32
map_point (const Edit *e, guint32 p, gboolean is_end)
{
  if (p <= e->start)
    return p;
  if (p >= e->old_end)
    return (guint32) ((gint64) p + (gint64) e->new_end - (gint64) e->old_end);
  return is_end ? e->new_end : e->start;
}

/* An item [a, b) survives an edit unless the edit replaced bytes inside it
 * or inserted bytes strictly inside it. */
static gboolean
cut_by (const Edit *e, guint32 a, guint32 b)
{
  if (e->start == e->old_end)
    return a < e->start && e->start < b;
  return a < e->old_end && e->start < b;
}

static void
shift_results (GArray *findings, GArray *hits, const Edit *e)
{
  gint64 delta = (gint64) e->new_end - (gint64) e->old_end;
  guint w = 0;

  for (guint i = 0; i < hits->len; i++)
    {
      GlsHit h = g_array_index (hits, GlsHit, i);
      if (cut_by (e, h.start, h.end))
        continue;
      if (h.start >= e->old_end)
        {
          h.start = (guint32) ((gint64) h.start + delta);
          h.end = (guint32) ((gint64) h.end + delta);
        }
      g_array_index (hits, GlsHit, w++) = h;
    }
  g_array_set_size (hits, w);

  w = 0;
  for (guint i = 0; i < findings->len; i++)
    {
      GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      if (cut_by (e, f->start, f->end))
        {
          gls_finding_clear (f);
          continue;
        }
      if (f->start >= e->old_end)
        {
          f->start = (guint32) ((gint64) f->start + delta);
          f->end = (guint32) ((gint64) f->end + delta);
        }
      if (w != i)
        g_array_index (findings, GlsFinding, w) = *f;
      w++;
    }
  /* The dropped members were cleared above: shrink without the clear func. */
  g_array_set_clear_func (findings, NULL);
  g_array_set_size (findings, w);
  g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear);
}

/* Maps ranges through the edit and adds what it changed. */
static void
add_dirty (GArray *ranges, const Edit *e, const GArray *changed)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      GlsByteRange *r = &g_array_index (ranges, GlsByteRange, i);
      r->start = map_point (e, r->start, FALSE);
      r->end = MAX (r->start, map_point (e, r->end, TRUE));
    }
  if (changed != NULL)
    g_array_append_vals (ranges, changed->data, changed->len);
  /* The edited bytes themselves are dirty even if the prose did not change
   * there: a result next to them may have been dropped. */
  GlsByteRange edited = { e->start, e->new_end };
  g_array_append_val (ranges, edited);
  gls_byte_ranges_merge (ranges);
}

void
gls_doc_analysis_note_edit (GlsDocAnalysis *self, guint32 start, guint32 old_end, guint32 new_end,
                            const GArray *changed)
{
  Edit e = { start, MAX (old_end, start), MAX (new_end, start) };

  if (self->has_base)
    shift_results (self->findings, self->hits, &e);
  if (self->ticket != 0)
    g_array_append_val (self->edit_log, e);
  add_dirty (self->dirty, &e, changed);
  /* A full check under way sees none of this: remember it apart, since
   * update() may clear dirty before that check is installed. */
  if (self->ticket != 0)
    add_dirty (self->late_dirty, &e, changed);
  results_changed (self);
}

/* ---- checking --------------------------------------------------------------- */

void
gls_doc_analysis_check_all (const GlsAnalyzer *analyzer, const GlsRuleConfig *config,
                            const char *text, gsize len, const GlsProseSpan *spans, gsize n_spans,
                            GArray **findings, GArray **hits)
{
  *findings = new_findings ();
  *hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  gls_analyzer_check (analyzer, config, text, len, spans, n_spans, *findings, *hits);
}

/* Index of the first span whose end is >= offset. */
static gsize
first_span_reaching (const GlsProseSpan *spans, gsize n, guint32 offset)
{
  gsize lo = 0, hi = n;
  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;
      if (spans[mid].end < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Index of the first item whose start is >= offset, in an array of records
 * that begin with guint32 start. */
static guint
first_starting_at (const GArray *items, gsize size, guint32 offset)
{
  guint lo = 0, hi = items->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (*(const guint32 *) (items->data + (gsize) mid * size) < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Removes the items intersecting [lo, hi) and returns where items starting
 * at lo or later begin (the insertion point). Items are sorted by start and
 * pairwise disjoint per kind, so those intersecting form one run starting at
 * most one item before the first one starting at lo. */
static guint
remove_between (GArray *items, gsize size, guint32 lo, guint32 hi)
{
  guint i0 = first_starting_at (items, size, lo);
  /* Items ending after lo but starting before it (a finding may overlap a
   * hit, so look back over every item that still reaches lo). */
  while (i0 > 0)
    {
      const guint32 *prev = (const guint32 *) (items->data + (gsize) (i0 - 1) * size);
      if (prev[1] <= lo)
        break;
      i0--;
    }
  guint i1 = i0;
  guint keep_before = i0;
  while (i1 < items->len)
    {
      const guint32 *item = (const guint32 *) (items->data + (gsize) i1 * size);
      if (item[0] >= hi)
        break;
      i1++;
    }
  if (i1 > i0)
    g_array_remove_range (items, i0, i1 - i0);
  return keep_before;
}

guint
gls_doc_analysis_update (GlsDocAnalysis *self, const GlsAnalyzer *analyzer,
                         const GlsRuleConfig *config, const char *text, gsize len,
                         const GlsProseSpan *spans, gsize n_spans)
{
  if (!self->has_base)
    {
      g_autoptr (GArray) findings = NULL;
      g_autoptr (GArray) hits = NULL;
      gls_doc_analysis_check_all (analyzer, config, text, len, spans, n_spans, &findings, &hits);
      g_array_unref (self->findings);
      g_array_unref (self->hits);
      self->findings = g_steal_pointer (&findings);
      self->hits = g_steal_pointer (&hits);
      self->has_base = TRUE;
      g_array_set_size (self->dirty, 0);
      /* A synchronous full check supersedes a pending one. */
      self->ticket = 0;
      g_array_set_size (self->edit_log, 0);
      g_array_set_size (self->late_dirty, 0);
      self->approximate = FALSE;
      results_changed (self);
      return (guint) n_spans;
    }

  guint checked = 0;
  g_autoptr (GArray) findings = new_findings ();
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  for (guint d = 0; d < self->dirty->len; d++)
    {
      GlsByteRange r = g_array_index (self->dirty, GlsByteRange, d);
      gsize s0 = first_span_reaching (spans, n_spans, r.start);
      gsize s1 = s0;
      while (s1 < n_spans && spans[s1].start <= r.end)
        s1++;
      guint32 lo = r.start, hi = r.end;
      if (s1 > s0)
        {
          lo = MIN (lo, spans[s0].start);
          hi = MAX (hi, spans[s1 - 1].end);
        }
      guint fi = remove_between (self->findings, sizeof (GlsFinding), lo, hi);
      guint hi_at = remove_between (self->hits, sizeof (GlsHit), lo, hi);
      if (s1 == s0)
        continue;
      g_array_set_size (findings, 0);
      g_array_set_size (hits, 0);
      gls_analyzer_check (analyzer, config, text, len, spans + s0, s1 - s0, findings, hits);
      checked += (guint) (s1 - s0);
      if (findings->len > 0)
        {
          /* Move the members: the scratch array must not clear them. */
          g_array_insert_vals (self->findings, fi, findings->data, findings->len);
          g_array_set_clear_func (findings, NULL);
          g_array_set_size (findings, 0);
          g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear);
        }
      if (hits->len > 0)
        g_array_insert_vals (self->hits, hi_at, hits->data, hits->len);
    }
  if (self->dirty->len > 0)
    results_changed (self);
  if (checked > 0)
    self->approximate = TRUE;
  g_array_set_size (self->dirty, 0);
  return checked;
}

const GArray *
gls_doc_analysis_get_hits (const GlsDocAnalysis *self)
{
  return self->hits;
}

const GArray *
gls_doc_analysis_get_findings (const GlsDocAnalysis *self)
{
  return self->findings;
}

const GArray *
gls_doc_analysis_get_visible (GlsDocAnalysis *self, const char *text, gsize len,
                              const GlsProseSpan *spans, gsize n_spans)
{
  if (self->visible != NULL)
    return self->visible;
  self->visible = g_array_sized_new (FALSE, FALSE, sizeof (GlsFinding), self->findings->len);
  if (self->findings->len == 0)
    return self->visible;
  g_autoptr (GlsSuppressions) sup = gls_suppressions_new (text, len, spans, n_spans);
  gboolean any = gls_suppressions_count (sup) > 0;
  for (guint i = 0; i < self->findings->len; i++)
    {
      const GlsFinding *f = &g_array_index (self->findings, GlsFinding, i);
      if (!any || !gls_suppressions_covers (sup, f->rule, f->start, f->end))
        g_array_append_vals (self->visible, f, 1);
    }
  return self->visible;
}

/* ---- full checks elsewhere ---------------------------------------------------- */

guint
gls_doc_analysis_begin_full (GlsDocAnalysis *self)
{
  self->ticket = self->next_ticket++;
  if (self->next_ticket == 0)
    self->next_ticket = 1;
  g_array_set_size (self->edit_log, 0);
  g_array_set_size (self->late_dirty, 0);
  /* The check covers the whole current text. */
  g_array_set_size (self->dirty, 0);
  return self->ticket;
}

gboolean
gls_doc_analysis_full_pending (const GlsDocAnalysis *self)
{
  return self->ticket != 0;
}

gboolean
gls_doc_analysis_finish_full (GlsDocAnalysis *self, guint ticket, GArray *findings, GArray *hits)
{
  if (ticket == 0 || ticket != self->ticket)
    {
      g_array_unref (findings);
      g_array_unref (hits);
      return FALSE;
    }
  for (guint i = 0; i < self->edit_log->len; i++)
    shift_results (findings, hits, &g_array_index (self->edit_log, Edit, i));
  g_array_set_size (self->edit_log, 0);
  /* What changed after the snapshot is checked again on top. */
  g_array_append_vals (self->dirty, self->late_dirty->data, self->late_dirty->len);
  gls_byte_ranges_merge (self->dirty);
  g_array_set_size (self->late_dirty, 0);
  self->approximate = FALSE;
  g_array_unref (self->findings);
  g_array_unref (self->hits);
  self->findings = findings;
  self->hits = hits;
  self->has_base = TRUE;
  self->ticket = 0;
  results_changed (self);
  return TRUE;
}
