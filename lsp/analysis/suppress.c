/* suppress.c — see suppress.h for the directive syntax. */
#include "analysis/suppress.h"

#include <string.h>

#include "analysis/rule_info.h"

#define PREFIX "glossary-ls:"
#define ALL_RULES ((1u << GLS_N_RULES) - 1)

/* Every directive becomes byte ranges: a finding starting inside a range of
 * its rule is suppressed. Lines are turned into ranges once, so no line
 * numbers are ever computed for findings. */
typedef struct
{
  guint32 from;
  guint32 to;    /* exclusive */
  guint   rules; /* bit mask of GlsRuleId */
} Range;

struct _GlsSuppressions
{
  GArray *ranges;      /* Range: what the directives suppress */
  GArray *directives;  /* Range: the directive texts themselves (rules unused) */
};

typedef enum
{
  DISABLE_NEXT_LINE,
  DISABLE_LINE,
  DISABLE,
  ENABLE,
} Action;

static gsize
line_start (const char *text, gsize at)
{
  while (at > 0 && text[at - 1] != '\n')
    at--;
  return at;
}

/* Offset of the '\n' ending the line holding at, or len. */
static gsize
line_end (const char *text, gsize len, gsize at)
{
  const char *nl = memchr (text + at, '\n', len - at);
  return nl != NULL ? (gsize) (nl - text) : len;
}

static gsize
skip_blanks (const char *text, gsize len, gsize at)
{
  while (at < len && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r'))
    at++;
  return at;
}

/* The '\n' ending the comment's last line: the span's own line, or the next
 * one when nothing else follows on the span's line and the next line holds
 * only a closing marker. */
static gsize
comment_last_line_end (const char *text, gsize len, gsize span_end)
{
  gsize end = line_end (text, len, span_end);
  gsize rest = skip_blanks (text, len, span_end);
  if (rest != end || end == len)
    return end;
  gsize next = skip_blanks (text, len, end + 1);
  if ((len - next >= 3 && memcmp (text + next, "-->", 3) == 0) ||
      (len - next >= 2 && memcmp (text + next, "*/", 2) == 0))
    return line_end (text, len, next);
  return end;
}

static gboolean
is_token_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

/* Parses one directive at text[at..stop); FALSE if the span is not one. */
static gboolean
parse_directive (const char *text, gsize at, gsize stop, Action *action, guint *rules, gsize *end)
{
  static const struct { const char *word; Action action; } actions[] = {
    { "disable-next-line", DISABLE_NEXT_LINE }, { "disable-line", DISABLE_LINE },
    { "disable", DISABLE }, { "enable", ENABLE },
  };
  gsize p = at + strlen (PREFIX);

  if (stop - at < strlen (PREFIX) || memcmp (text + at, PREFIX, strlen (PREFIX)) != 0)
    return FALSE;
  p = skip_blanks (text, stop, p);
  gsize word = p;
  while (p < stop && is_token_char (text[p]))
    p++;
  gsize n = p - word;
  gboolean found = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (actions) && !found; i++)
    if (strlen (actions[i].word) == n && memcmp (text + word, actions[i].word, n) == 0)
      {
        *action = actions[i].action;
        found = TRUE;
      }
  if (!found)
    return FALSE;

  gboolean any_name = FALSE;
  *rules = 0;
  *end = p;
  for (;;)
    {
      while (p < stop && (text[p] == ' ' || text[p] == '\t' || text[p] == ','))
        p++;
      gsize name = p;
      while (p < stop && is_token_char (text[p]))
        p++;
      if (p == name || (p - name == 2 && memcmp (text + name, "--", 2) == 0))
        break;
      any_name = TRUE;
      *end = p;
      g_autofree char *id = g_strndup (text + name, p - name);
      GlsRuleId rule;
      if (gls_rule_lookup (id, &rule))
        *rules |= 1u << rule;
    }
  if (!any_name)
    *rules = ALL_RULES;
  return TRUE;
}

static void
add_range (GArray *ranges, gsize from, gsize to, guint rules)
{
  Range r = { (guint32) from, (guint32) to, rules };
  if (rules != 0 && from < to)
    g_array_append_val (ranges, r);
}

GlsSuppressions *
gls_suppressions_new (const char *text, gsize len, const GlsProseSpan *spans, gsize n_spans)
{
  GlsSuppressions *self = g_new0 (GlsSuppressions, 1);
  guint32 open_since[GLS_N_RULES] = { 0 };
  guint open = 0;

  self->ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  self->directives = g_array_new (FALSE, FALSE, sizeof (Range));

  for (gsize k = 0; k < n_spans; k++)
    {
      const GlsProseSpan *span = &spans[k];
      Action action;
      guint rules;
      gsize end;

      if (span->kind != GLS_PROSE_COMMENT && span->kind != GLS_PROSE_HTML_COMMENT)
        continue;
      if (span->end > len || span->start >= span->end)
        continue;
      /* A directive's rule list ends with its line. */
      gsize stop = MIN ((gsize) span->end, line_end (text, len, span->start));
      if (!parse_directive (text, span->start, stop, &action, &rules, &end))
        continue;
      add_range (self->directives, span->start, end, ALL_RULES);

      switch (action)
        {
        case DISABLE_LINE:
          add_range (self->ranges, line_start (text, span->start), line_end (text, len, span->start) + 1, rules);
          break;
        case DISABLE_NEXT_LINE:
          {
            gsize last = comment_last_line_end (text, len, span->end);
            if (last < len)
              add_range (self->ranges, last + 1, line_end (text, len, last + 1) + 1, rules);
          }
          break;
        case DISABLE:
          for (guint r = 0; r < GLS_N_RULES; r++)
            if ((rules & (1u << r)) && !(open & (1u << r)))
              {
                open |= 1u << r;
                open_since[r] = span->start;
              }
          break;
        case ENABLE:
          for (guint r = 0; r < GLS_N_RULES; r++)
            if ((rules & (1u << r)) && (open & (1u << r)))
              {
                open &= ~(1u << r);
                add_range (self->ranges, open_since[r], span->start, 1u << r);
              }
          break;
        }
    }
  for (guint r = 0; r < GLS_N_RULES; r++)
    if (open & (1u << r))
      add_range (self->ranges, open_since[r], G_MAXUINT32, 1u << r);
  return self;
}

void
gls_suppressions_free (GlsSuppressions *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->ranges);
  g_array_unref (self->directives);
  g_free (self);
}

guint
gls_suppressions_count (const GlsSuppressions *self)
{
  return self->directives->len;
}

gboolean
gls_suppressions_covers (const GlsSuppressions *self, const char *rule, guint32 start, guint32 end)
{
  for (guint i = 0; i < self->directives->len; i++)
    {
      const Range *d = &g_array_index (self->directives, Range, i);
      if (start < d->to && (end > d->from || (start == end && start >= d->from)))
        return TRUE;
    }
  GlsRuleId id;
  if (!gls_rule_lookup (rule, &id))
    return FALSE;
  for (guint i = 0; i < self->ranges->len; i++)
    {
      const Range *r = &g_array_index (self->ranges, Range, i);
      if ((r->rules & (1u << id)) && r->from <= start && start < r->to)
        return TRUE;
    }
  return FALSE;
}

guint
gls_suppress_filter (const char *text, gsize len, const GlsProseSpan *spans, gsize n_spans, GArray *findings)
{
  g_autoptr (GlsSuppressions) s = gls_suppressions_new (text, len, spans, n_spans);
  guint kept = 0;

  if (s->directives->len == 0)
    return 0;
  for (guint i = 0; i < findings->len; i++)
    {
      GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      if (gls_suppressions_covers (s, f->rule, f->start, f->end))
        {
          gls_finding_clear (f);
          continue;
        }
      if (kept != i)
        g_array_index (findings, GlsFinding, kept) = *f;
      kept++;
    }
  guint removed = findings->len - kept;
  /* The tail holds stale copies of moved findings: zero them so a clear func
   * run by the shrink frees nothing twice. */
  if (removed > 0)
    memset (&g_array_index (findings, GlsFinding, kept), 0, removed * sizeof (GlsFinding));
  g_array_set_size (findings, kept);
  return removed;
}
