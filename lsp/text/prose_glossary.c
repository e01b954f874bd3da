/* prose_glossary.c — see prose_glossary.h. */
#include "text/prose_glossary.h"

#include <string.h>

#include "text/prose_markdown.h"

const TSLanguage *tree_sitter_glossary (void);

struct _GlsGlossaryTables
{
  TSSymbol entry, header, body, term, category, text;
};

static TSSymbol
symbol (const TSLanguage *language, const char *name)
{
  return ts_language_symbol_for_name (language, name, (uint32_t) strlen (name), true);
}

const TSLanguage *
gls_prose_glossary_ts_language (void)
{
  return tree_sitter_glossary ();
}

GlsGlossaryTables *
gls_prose_glossary_tables_new (void)
{
  GlsGlossaryTables *self = g_new0 (GlsGlossaryTables, 1);
  const TSLanguage *language = tree_sitter_glossary ();

  self->entry = symbol (language, "entry");
  self->header = symbol (language, "header");
  self->body = symbol (language, "body");
  self->term = symbol (language, "term");
  self->category = symbol (language, "category");
  self->text = symbol (language, "text");
  return self;
}

void
gls_prose_glossary_tables_free (GlsGlossaryTables *tables)
{
  g_free (tables);
}

/* Body text as Markdown: the node's bytes are scanned as a document of their
 * own (what a GlsProse("markdown") would do), so offsets are shifted back. */
static void
extract_text (const char *text, guint32 start, guint32 end, GArray *out)
{
  g_autoptr (GArray) checkpoints = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint first = out->len;
  gls_prose_markdown_scan (text + start, end - start, 0, NULL, 0, 0, out, checkpoints, NULL);
  for (guint i = first; i < out->len; i++)
    {
      GlsProseSpan *s = &g_array_index (out, GlsProseSpan, i);
      s->start += start;
      s->end += start;
    }
}

/* A header item without its surrounding spaces, when it has a word: error
 * recovery can produce empty or blank items, which are not spans. */
static void
extract_item (TSNode node, const char *text, GArray *out)
{
  guint32 a = ts_node_start_byte (node), b = ts_node_end_byte (node);
  gboolean has_word = FALSE;
  for (guint32 i = a; i < b && !has_word; i++)
    has_word = g_ascii_isalnum (text[i]) || (guchar) text[i] >= 0x80;
  while (a < b && g_ascii_isspace (text[a]))
    a++;
  while (b > a && g_ascii_isspace (text[b - 1]))
    b--;
  if (has_word && a < b)
    {
      GlsProseSpan s = { a, b, GLS_PROSE_HEADING };
      g_array_append_val (out, s);
    }
}

/* Spans of node's subtree, in document order. Entries, their headers and
 * bodies, and ERROR nodes (which can wrap entries) are descended into; the
 * preamble, stray text, code and math blocks hold no prose. */
static void
extract_node (const GlsGlossaryTables *t, TSNode node, const char *text, GArray *out)
{
  TSSymbol type = ts_node_symbol (node);

  if (type == t->term || type == t->category)
    {
      extract_item (node, text, out);
      return;
    }
  if (type == t->text)
    {
      extract_text (text, ts_node_start_byte (node), ts_node_end_byte (node), out);
      return;
    }
  /* (TSSymbol) -1 is ERROR (0.20.7 has no ts_node_is_error). */
  if (type != t->entry && type != t->header && type != t->body && type != (TSSymbol) -1)
    return;

  TSTreeCursor cursor = ts_tree_cursor_new (node);
  if (ts_tree_cursor_goto_first_child (&cursor))
    do
      {
        TSNode child = ts_tree_cursor_current_node (&cursor);
        if (ts_node_is_named (child))
          extract_node (t, child, text, out);
      }
    while (ts_tree_cursor_goto_next_sibling (&cursor));
  ts_tree_cursor_delete (&cursor);
}

void
gls_prose_glossary_extract (const GlsGlossaryTables *tables, TSNode root, const char *text, guint32 *lo,
                            guint32 *hi, GArray *out)
{
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
          extract_node (tables, child, text, out);
      }
    while (ts_tree_cursor_goto_next_sibling (&cursor));
  ts_tree_cursor_delete (&cursor);
}
