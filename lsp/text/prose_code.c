/* prose_code.c — see prose_code.h. */
#include "text/prose_code.h"

#include "text/prose_comment.h"
#include "text/prose_emit.h"

#include <string.h>

const TSLanguage *tree_sitter_c (void);
const TSLanguage *tree_sitter_cpp (void);
const TSLanguage *tree_sitter_python (void);
const TSLanguage *tree_sitter_javascript (void);
const TSLanguage *tree_sitter_typescript (void);
const TSLanguage *tree_sitter_tsx (void);
const TSLanguage *tree_sitter_rust (void);
const TSLanguage *tree_sitter_go (void);
const TSLanguage *tree_sitter_bash (void);
const TSLanguage *tree_sitter_lua (void);
const TSLanguage *tree_sitter_java (void);

struct _GlsCodeLanguage
{
  const char        *name;
  const char        *ids;  /* VS Code languageIds, space separated */
  const TSLanguage *(*language) (void);
  gboolean           docstrings;
};

static const GlsCodeLanguage languages[] = {
  { "c", "c", tree_sitter_c, FALSE },
  { "cpp", "cpp cuda-cpp", tree_sitter_cpp, FALSE },
  { "python", "python", tree_sitter_python, TRUE },
  { "javascript", "javascript javascriptreact", tree_sitter_javascript, FALSE },
  { "typescript", "typescript", tree_sitter_typescript, FALSE },
  { "tsx", "typescriptreact", tree_sitter_tsx, FALSE },
  { "rust", "rust", tree_sitter_rust, FALSE },
  { "go", "go", tree_sitter_go, FALSE },
  { "bash", "shellscript sh bash zsh", tree_sitter_bash, FALSE },
  { "lua", "lua", tree_sitter_lua, FALSE },
  { "java", "java", tree_sitter_java, FALSE },
};

typedef enum
{
  SYM_OTHER,
  SYM_COMMENT,
  SYM_SCOPE,        /* module, function_definition, class_definition */
  SYM_BODY,         /* block */
  SYM_EXPRESSION,   /* expression_statement */
  SYM_STRING,
  SYM_STRING_START,
  SYM_STRING_END,
} SymClass;

struct _GlsCodeTables
{
  const GlsCodeLanguage *lang;
  guint8                *classes;  /* SymClass by TSSymbol */
  guint32                n_symbols;
};

const GlsCodeLanguage *
gls_prose_code_language (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_auto (GStrv) ids = g_strsplit (languages[i].ids, " ", -1);
      if (g_strv_contains ((const char *const *) ids, id))
        return &languages[i];
    }
  return NULL;
}

const char *
gls_prose_code_language_name (const GlsCodeLanguage *lang)
{
  return lang->name;
}

const TSLanguage *
gls_prose_code_ts_language (const GlsCodeLanguage *lang)
{
  return lang->language ();
}

GlsCodeTables *
gls_prose_code_tables_new (const GlsCodeLanguage *lang)
{
  static const struct { const char *name; SymClass cls; gboolean python_only; } names[] = {
    { "comment", SYM_COMMENT, FALSE }, { "line_comment", SYM_COMMENT, FALSE },
    { "block_comment", SYM_COMMENT, FALSE }, { "html_comment", SYM_COMMENT, FALSE },
    { "module", SYM_SCOPE, TRUE }, { "function_definition", SYM_SCOPE, TRUE },
    { "class_definition", SYM_SCOPE, TRUE }, { "block", SYM_BODY, TRUE },
    { "expression_statement", SYM_EXPRESSION, TRUE }, { "string", SYM_STRING, TRUE },
    { "string_start", SYM_STRING_START, TRUE }, { "string_end", SYM_STRING_END, TRUE },
  };
  const TSLanguage *ts = lang->language ();
  GlsCodeTables *t = g_new0 (GlsCodeTables, 1);
  t->lang = lang;
  t->n_symbols = ts_language_symbol_count (ts);
  t->classes = g_new0 (guint8, t->n_symbols);
  /* By name over all symbols, so aliases of a comment are comments too. */
  for (guint32 s = 0; s < t->n_symbols; s++)
    {
      const char *name = ts_language_symbol_name (ts, (TSSymbol) s);
      if (name == NULL || ts_language_symbol_type (ts, (TSSymbol) s) != TSSymbolTypeRegular)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        if ((!names[k].python_only || lang->docstrings) && strcmp (name, names[k].name) == 0)
          t->classes[s] = (guint8) names[k].cls;
    }
  return t;
}

void
gls_prose_code_tables_free (GlsCodeTables *t)
{
  if (t == NULL)
    return;
  g_free (t->classes);
  g_free (t);
}

static inline SymClass
sym_class (const GlsCodeTables *t, TSNode n)
{
  TSSymbol s = ts_node_symbol (n);
  return s < t->n_symbols ? (SymClass) t->classes[s] : SYM_OTHER;
}

/* The string node of a docstring statement, or a null node. */
static TSNode
docstring_of_scope (const GlsCodeTables *t, TSNode scope)
{
  TSNode none = { 0 };
  TSNode body = scope;
  if (strcmp (ts_node_type (scope), "module") != 0)
    {
      body = ts_node_child_by_field_name (scope, "body", 4);
      if (ts_node_is_null (body) || sym_class (t, body) != SYM_BODY)
        return none;
    }
  guint32 n = ts_node_named_child_count (body);
  for (guint32 i = 0; i < n; i++)
    {
      TSNode stmt = ts_node_named_child (body, i);
      SymClass c = sym_class (t, stmt);
      if (c == SYM_COMMENT)
        continue;
      if (c != SYM_EXPRESSION || ts_node_named_child_count (stmt) != 1)
        return none;
      TSNode str = ts_node_named_child (stmt, 0);
      return sym_class (t, str) == SYM_STRING ? str : none;
    }
  return none;
}

static void
emit_docstring (const GlsCodeTables *t, TSNode str, const char *text, GArray *out)
{
  guint32 n = ts_node_child_count (str);
  if (n < 2)
    return;
  TSNode first = ts_node_child (str, 0);
  TSNode last = ts_node_child (str, n - 1);
  if (sym_class (t, first) != SYM_STRING_START || sym_class (t, last) != SYM_STRING_END)
    return;
  gls_prose_emit_paragraphs (out, text, ts_node_end_byte (first), ts_node_start_byte (last),
                             GLS_PROSE_DOCSTRING);
}

static gboolean
touches (TSNode n, guint32 from, guint32 to)
{
  return ts_node_start_byte (n) <= to && ts_node_end_byte (n) >= from;
}

static int
span_cmp (gconstpointer a, gconstpointer b)
{
  const GlsProseSpan *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

void
gls_prose_code_extract (const GlsCodeTables *t, TSNode root, const char *text,
                        guint32 *from, guint32 *to, GArray *out)
{
  guint first_out = out->len;
  guint32 lo = *from, hi = *to;
  gboolean unsorted = FALSE;
  TSTreeCursor c = ts_tree_cursor_new (root);
  for (;;)
    {
      TSNode n = ts_tree_cursor_current_node (&c);
      gboolean descend = touches (n, lo, hi);
      if (descend)
        {
          SymClass cls = sym_class (t, n);
          if (cls == SYM_COMMENT)
            {
              guint32 s = ts_node_start_byte (n), e = ts_node_end_byte (n);
              if (!(s == 0 && e >= 2 && text[0] == '#' && text[1] == '!'))
                gls_prose_comment_emit (out, text, s, e, GLS_PROSE_COMMENT);
              *from = MIN (*from, s);
              *to = MAX (*to, e);
              descend = FALSE;
            }
          else if (cls == SYM_SCOPE)
            {
              TSNode str = docstring_of_scope (t, n);
              if (!ts_node_is_null (str) && touches (str, lo, hi))
                {
                  emit_docstring (t, str, text, out);
                  *from = MIN (*from, ts_node_start_byte (str));
                  *to = MAX (*to, ts_node_end_byte (str));
                  unsorted = TRUE;  /* comments before it come later */
                }
            }
        }
      if (descend && ts_tree_cursor_goto_first_child_for_byte (&c, lo > 0 ? lo - 1 : 0) >= 0)
        continue;
      while (!ts_tree_cursor_goto_next_sibling (&c))
        if (!ts_tree_cursor_goto_parent (&c))
          goto done;
      /* Siblings are in order: once one starts past the range, skip the rest. */
      while (ts_node_start_byte (ts_tree_cursor_current_node (&c)) > hi)
        {
          if (!ts_tree_cursor_goto_parent (&c))
            goto done;
          while (!ts_tree_cursor_goto_next_sibling (&c))
            if (!ts_tree_cursor_goto_parent (&c))
              goto done;
        }
    }
done:
  ts_tree_cursor_delete (&c);
  if (!unsorted || out->len - first_out < 2)
    return;
  qsort (&g_array_index (out, GlsProseSpan, first_out), out->len - first_out,
         sizeof (GlsProseSpan), span_cmp);
  /* After error recovery a tree can hold a comment inside the string it
   * also takes for a docstring (fuzz_sync: "'\n#!/usr/bin/env python"):
   * spans never overlap, so a later one starts where the one before ends,
   * and goes when nothing of it is left. */
  guint w = first_out + 1;
  for (guint i = first_out + 1; i < out->len; i++)
    {
      GlsProseSpan sp = g_array_index (out, GlsProseSpan, i);
      guint32 prev_end = g_array_index (out, GlsProseSpan, w - 1).end;
      if (sp.start < prev_end)
        {
          sp.start = MIN (prev_end, sp.end);
          if (!gls_prose_trim (text, &sp.start, &sp.end))
            continue;
        }
      g_array_index (out, GlsProseSpan, w++) = sp;
    }
  g_array_set_size (out, w);
}

void
gls_prose_code_docstring_ranges (const GlsCodeTables *t, TSNode root, guint32 pos, GArray *ranges)
{
  if (!t->lang->docstrings)
    return;
  TSNode n = ts_node_descendant_for_byte_range (root, pos, pos);
  for (; !ts_node_is_null (n); n = ts_node_parent (n))
    if (sym_class (t, n) == SYM_SCOPE)
      {
        TSNode body = n;
        if (strcmp (ts_node_type (n), "module") != 0)
          body = ts_node_child_by_field_name (n, "body", 4);
        if (ts_node_is_null (body))
          continue;
        guint32 k = ts_node_named_child_count (body);
        for (guint32 i = 0; i < k; i++)
          {
            TSNode stmt = ts_node_named_child (body, i);
            if (sym_class (t, stmt) == SYM_COMMENT)
              continue;
            GlsByteRange r = { ts_node_start_byte (stmt), ts_node_end_byte (stmt) };
            g_array_append_val (ranges, r);
            break;
          }
      }
}
