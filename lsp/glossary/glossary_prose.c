/* glossary_prose.c — see glossary_prose.h. */
#include "glossary/glossary_prose.h"

#include <string.h>
#include <tree_sitter/api.h>

#include "text/ts_edit.h"

const TSLanguage *tree_sitter_glossary (void);

typedef struct
{
  TSSymbol entry, header, body, term, category, text;
} Symbols;

struct _GlsGlossaryProse
{
  TSParser *parser;
  TSTree   *tree;      /* NULL: no valid parse */
  GArray   *spans;     /* GlsProseSpan, sorted */
  GArray   *newlines;  /* guint32 offsets of '\n', for tree-sitter points */
  GlsProse *markdown;  /* reads body text */
  Symbols   sym;
};

static TSSymbol
symbol (const TSLanguage *language, const char *name)
{
  return ts_language_symbol_for_name (language, name, (uint32_t) strlen (name), true);
}

GlsGlossaryProse *
gls_glossary_prose_new (void)
{
  GlsGlossaryProse *self = g_new0 (GlsGlossaryProse, 1);
  const TSLanguage *language = tree_sitter_glossary ();

  self->parser = ts_parser_new ();
  /* The grammar is compiled in with a matching ABI (tests/grammar checks it). */
  if (!ts_parser_set_language (self->parser, language))
    g_error ("glossary grammar ABI %u is not supported by this tree-sitter",
             ts_language_version (language));
  self->spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  self->newlines = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->markdown = gls_prose_new ("markdown");
  self->sym.entry = symbol (language, "entry");
  self->sym.header = symbol (language, "header");
  self->sym.body = symbol (language, "body");
  self->sym.term = symbol (language, "term");
  self->sym.category = symbol (language, "category");
  self->sym.text = symbol (language, "text");
  return self;
}

void
gls_glossary_prose_free (GlsGlossaryProse *self)
{
  if (self == NULL)
    return;
  if (self->tree != NULL)
    ts_tree_delete (self->tree);
  ts_parser_delete (self->parser);
  g_array_unref (self->spans);
  g_array_unref (self->newlines);
  gls_prose_free (self->markdown);
  g_free (self);
}

/* ---- tree-sitter plumbing ------------------------------------------------ */

static TSTree *
parse_tree (GlsGlossaryProse *self, TSTree *old_tree, const char *text, guint32 len,
            GCancellable *cancellable, GError **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  TSTree *tree = gls_ts_parse_cancellable (self->parser, old_tree, text, len, cancellable);
  if (tree == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "glossary parse cancelled");
  return tree;
}

/* ---- extraction ---------------------------------------------------------- */

/* Body text as Markdown: the GlsProse sees the node's bytes as a document of
 * their own, so its offsets are shifted back. */
static void
extract_text (GlsGlossaryProse *self, const char *text, guint32 start, guint32 end, GArray *out)
{
  if (!gls_prose_parse (self->markdown, text + start, end - start, NULL, NULL))
    return;
  guint first = out->len;
  gls_prose_spans (self->markdown, 0, end - start, out);
  for (guint i = first; i < out->len; i++)
    {
      GlsProseSpan *s = &g_array_index (out, GlsProseSpan, i);
      s->start += start;
      s->end += start;
    }
}

/* Spans of node's subtree, in document order. Entries, their headers and
 * bodies, and ERROR nodes (which can wrap entries) are descended into; the
 * preamble, stray text, code and math blocks hold no prose. */
static void
extract_node (GlsGlossaryProse *self, TSNode node, const char *text, GArray *out)
{
  TSSymbol type = ts_node_symbol (node);

  if (type == self->sym.term || type == self->sym.category)
    {
      guint32 a = ts_node_start_byte (node), b = ts_node_end_byte (node);
      gboolean has_word = FALSE;
      for (guint32 i = a; i < b && !has_word; i++)
        has_word = g_ascii_isalnum (text[i]) || (guchar) text[i] >= 0x80;
      /* Error recovery can produce empty or blank items: not spans. */
      while (a < b && g_ascii_isspace (text[a]))
        a++;
      while (b > a && g_ascii_isspace (text[b - 1]))
        b--;
      if (has_word && a < b)
        {
          GlsProseSpan s = { a, b, GLS_PROSE_HEADING };
          g_array_append_val (out, s);
        }
      return;
    }
  if (type == self->sym.text)
    {
      extract_text (self, text, ts_node_start_byte (node), ts_node_end_byte (node), out);
      return;
    }
  /* (TSSymbol) -1 is ERROR (0.20.7 has no ts_node_is_error). */
  if (type != self->sym.entry && type != self->sym.header && type != self->sym.body &&
      type != (TSSymbol) -1)
    return;

  TSTreeCursor cursor = ts_tree_cursor_new (node);
  if (ts_tree_cursor_goto_first_child (&cursor))
    do
      {
        TSNode child = ts_tree_cursor_current_node (&cursor);
        if (ts_node_is_named (child))
          extract_node (self, child, text, out);
      }
    while (ts_tree_cursor_goto_next_sibling (&cursor));
  ts_tree_cursor_delete (&cursor);
}

/* Extracts the top-level nodes that intersect [*lo, *hi] (touching counts:
 * an edit at an entry's edge may change it), widening *lo and *hi to their
 * extent. */
static void
extract_range (GlsGlossaryProse *self, const char *text, guint32 *lo, guint32 *hi, GArray *out)
{
  TSNode root = ts_tree_root_node (self->tree);
  TSTreeCursor cursor = ts_tree_cursor_new (root);
  guint32 from = *lo, to = *hi;

  if (ts_tree_cursor_goto_first_child (&cursor))
    do
      {
        TSNode child = ts_tree_cursor_current_node (&cursor);
        guint32 a = ts_node_start_byte (child), b = ts_node_end_byte (child);
        if (b < from)
          continue;
        if (a > to)
          break;
        *lo = MIN (*lo, a);
        *hi = MAX (*hi, b);
        if (ts_node_is_named (child))
          extract_node (self, child, text, out);
      }
    while (ts_tree_cursor_goto_next_sibling (&cursor));
  ts_tree_cursor_delete (&cursor);
}

static gboolean
check_length (gsize len, GError **error)
{
  if (len >= G_MAXUINT32)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "document of %" G_GSIZE_FORMAT " bytes is too large (limit 4 GiB)", len);
      return FALSE;
    }
  return TRUE;
}

static void
invalidate (GlsGlossaryProse *self)
{
  if (self->tree != NULL)
    ts_tree_delete (self->tree);
  self->tree = NULL;
  g_array_set_size (self->spans, 0);
  g_array_set_size (self->newlines, 0);
}

gboolean
gls_glossary_prose_parse (GlsGlossaryProse *self, const char *text, gsize len,
                          GCancellable *cancellable, GError **error)
{
  invalidate (self);
  if (!check_length (len, error))
    return FALSE;
  ts_parser_reset (self->parser);
  self->tree = parse_tree (self, NULL, text, (guint32) len, cancellable, error);
  if (self->tree == NULL)
    return FALSE;
  gls_ts_newlines_append (self->newlines, text, 0, (guint32) len);
  guint32 lo = 0, hi = (guint32) len;
  extract_range (self, text, &lo, &hi, self->spans);
  return TRUE;
}

void
gls_glossary_prose_extract (const char *text, gsize len, GArray *out)
{
  g_autoptr (GlsGlossaryProse) self = gls_glossary_prose_new ();
  if (gls_glossary_prose_parse (self, text, len, NULL, NULL))
    g_array_append_vals (out, self->spans->data, self->spans->len);
}

/* ---- incremental update ---------------------------------------------------- */

gboolean
gls_glossary_prose_reparse_after_edit (GlsGlossaryProse *self, const char *text, gsize len,
                                       guint32 start, guint32 old_end, guint32 new_end,
                                       GArray *changed, GCancellable *cancellable, GError **error)
{
  if (start > old_end || start > new_end || new_end > len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "inconsistent edit: start %u, old end %u, new end %u, length %" G_GSIZE_FORMAT,
                   start, old_end, new_end, len);
      return FALSE;
    }
  if (self->tree == NULL)
    {
      if (!gls_glossary_prose_parse (self, text, len, cancellable, error))
        return FALSE;
      GlsByteRange all = { 0, (guint32) len };
      g_array_append_val (changed, all);
      return TRUE;
    }
  if (!check_length (len, error))
    {
      invalidate (self);
      return FALSE;
    }

  gint64 delta = (gint64) new_end - old_end;
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      invalidate (self);
      return FALSE;
    }
  if (!gls_ts_reparse (self->parser, &self->tree, self->newlines, text, (guint32) len, start,
                       old_end, new_end, ranges, cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "glossary parse cancelled");
      invalidate (self);
      return FALSE;
    }

  /* Spans before the edit stand, spans after it shift; the ones it cut into
   * are dropped (their place is re-extracted: it is inside the edited range's
   * top-level node). */
  guint i0 = gls_spans_first_reaching (self->spans, start);
  guint i1 = i0;
  while (i1 < self->spans->len && g_array_index (self->spans, GlsProseSpan, i1).start <= old_end)
    i1++;
  if (i1 > i0)
    g_array_remove_range (self->spans, i0, i1 - i0);
  gls_spans_shift_from (self->spans, i0, delta);

  gls_byte_ranges_merge (ranges);
  g_autoptr (GArray) fresh = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  for (guint i = 0; i < ranges->len; i++)
    {
      GlsByteRange *r = &g_array_index (ranges, GlsByteRange, i);
      /* Widen to whole top-level nodes and to the old spans they touch until
       * both agree, so no stale span survives next to a fresh one. */
      for (;;)
        {
          guint32 lo = r->start, hi = r->end;
          g_array_set_size (fresh, 0);
          extract_range (self, text, &lo, &hi, fresh);
          guint k = gls_spans_first_ending_after (self->spans, lo);
          for (; k < self->spans->len; k++)
            {
              const GlsProseSpan *s = &g_array_index (self->spans, GlsProseSpan, k);
              if (s->start >= hi)
                break;
              lo = MIN (lo, s->start);
              hi = MAX (hi, s->end);
            }
          if (lo == r->start && hi == r->end)
            break;
          r->start = lo;
          r->end = hi;
        }
      guint k0 = gls_spans_first_ending_after (self->spans, r->start);
      guint k1 = k0;
      while (k1 < self->spans->len && g_array_index (self->spans, GlsProseSpan, k1).start < r->end)
        k1++;
      gls_spans_splice (self->spans, k0, k1, fresh);
    }
  gls_byte_ranges_merge (ranges);
  g_array_append_vals (changed, ranges->data, ranges->len);
  return TRUE;
}

void
gls_glossary_prose_spans (const GlsGlossaryProse *self, guint32 from, guint32 to, GArray *out)
{
  gls_spans_copy_range (self->spans, from, to, out);
}

guint
gls_glossary_prose_n_spans (const GlsGlossaryProse *self)
{
  return self->spans->len;
}
