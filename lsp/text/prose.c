/* prose.c — see prose.h. Dispatch by language, the span store, and the
 * incremental bookkeeping (shifting offsets, splicing re-extracted spans). */
#include "text/prose.h"

#include "text/prose_code.h"
#include "text/prose_fallback.h"
#include "text/prose_glossary.h"
#include "text/prose_markdown.h"
#include "text/ts_edit.h"

#include <string.h>
#include <tree_sitter/api.h>

typedef enum
{
  MODE_NONE,
  MODE_PLAINTEXT,
  MODE_MARKDOWN,
  MODE_CODE,      /* and MODE_GLOSSARY: a tree-sitter tree, reparsed incrementally */
  MODE_GLOSSARY,
  MODE_FALLBACK,
} Mode;

struct _GlsProse
{
  Mode                    mode;
  const char             *language;    /* static string */
  const GlsCommentSyntax *syntax;      /* MODE_FALLBACK */
  GlsCodeTables          *tables;      /* MODE_CODE */
  GlsGlossaryTables      *gtables;     /* MODE_GLOSSARY */
  TSParser               *parser;      /* MODE_CODE, MODE_GLOSSARY */
  TSTree                 *tree;        /* MODE_CODE, MODE_GLOSSARY; NULL until parsed */
  GArray                 *spans;       /* GlsProseSpan, sorted */
  GArray                 *checkpoints; /* MODE_MARKDOWN: guint32, sorted */
  GArray                 *newlines;    /* MODE_CODE, MODE_GLOSSARY: offsets of '\n', for TSPoint rows */
  guint32                 len;
  gboolean                valid;
};

static const char *const markdown_ids[] = { "markdown", "md", "mdx", "rmd", "quarto" };

GlsProse *
gls_prose_new (const char *language_id)
{
  GlsProse *p = g_new0 (GlsProse, 1);
  g_autofree char *id = g_ascii_strdown (language_id != NULL ? language_id : "plaintext", -1);
  p->spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  p->mode = MODE_PLAINTEXT;
  p->language = "plaintext";
  const GlsCodeLanguage *code;
  for (guint i = 0; i < G_N_ELEMENTS (markdown_ids); i++)
    if (strcmp (id, markdown_ids[i]) == 0)
      {
        p->mode = MODE_MARKDOWN;
        p->language = "markdown";
        p->checkpoints = g_array_new (FALSE, FALSE, sizeof (guint32));
        return p;
      }
  if (strcmp (id, "glossary") == 0)
    {
      p->mode = MODE_GLOSSARY;
      p->language = "glossary";
      p->parser = ts_parser_new ();
      /* The grammar is compiled in with a matching ABI (tests/grammar checks it). */
      if (!ts_parser_set_language (p->parser, gls_prose_glossary_ts_language ()))
        g_error ("glossary grammar ABI %u is not supported by this tree-sitter",
                 ts_language_version (gls_prose_glossary_ts_language ()));
      p->gtables = gls_prose_glossary_tables_new ();
      p->newlines = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  else if ((code = gls_prose_code_language (id)) != NULL)
    {
      p->mode = MODE_CODE;
      p->language = gls_prose_code_language_name (code);
      p->parser = ts_parser_new ();
      /* The grammars are pinned to ABI 14 versions; failing here is a build
       * bug. Degrade to no prose rather than taking identifiers for prose. */
      if (!ts_parser_set_language (p->parser, gls_prose_code_ts_language (code)))
        {
          g_critical ("tree-sitter grammar %s has an ABI this libtree-sitter cannot load",
                      p->language);
          ts_parser_delete (g_steal_pointer (&p->parser));
          p->mode = MODE_NONE;
          p->language = "none";
          return p;
        }
      p->tables = gls_prose_code_tables_new (code);
      p->newlines = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  else if ((p->syntax = gls_prose_fallback_syntax (id)) != NULL)
    {
      p->mode = MODE_FALLBACK;
      p->language = gls_prose_fallback_name (p->syntax);
    }
  return p;
}

void
gls_prose_free (GlsProse *p)
{
  if (p == NULL)
    return;
  if (p->tree != NULL)
    ts_tree_delete (p->tree);
  if (p->parser != NULL)
    ts_parser_delete (p->parser);
  gls_prose_code_tables_free (p->tables);
  gls_prose_glossary_tables_free (p->gtables);
  g_array_unref (p->spans);
  if (p->checkpoints != NULL)
    g_array_unref (p->checkpoints);
  if (p->newlines != NULL)
    g_array_unref (p->newlines);
  g_free (p);
}

const char *
gls_prose_language (const GlsProse *p)
{
  return p->language;
}

guint
gls_prose_n_spans (const GlsProse *p)
{
  return p->valid ? p->spans->len : 0;
}

gboolean
gls_prose_has_errors (const GlsProse *p)
{
  return p->valid && p->tree != NULL && ts_node_has_error (ts_tree_root_node (p->tree));
}

/* The spans of the tree's nodes touching [*from, *to], widening the range to
 * them (MODE_CODE and MODE_GLOSSARY). */
static void
tree_extract (const GlsProse *p, const char *text, guint32 *from, guint32 *to, GArray *out)
{
  TSNode root = ts_tree_root_node (p->tree);
  g_assert (p->mode == MODE_CODE || p->mode == MODE_GLOSSARY);
  if (p->mode == MODE_GLOSSARY)
    gls_prose_glossary_extract (p->gtables, root, text, from, to, out);
  else
    gls_prose_code_extract (p->tables, root, text, from, to, out);
}

void
gls_prose_extract_all (const GlsProse *p, const char *text, gsize len, GArray *out)
{
  if (!p->valid || len >= G_MAXUINT32)
    return;
  guint32 n = (guint32) len;
  switch (p->mode)
    {
    case MODE_NONE:
      break;
    case MODE_PLAINTEXT:
      gls_prose_plaintext_scan (text, n, out);
      break;
    case MODE_FALLBACK:
      gls_prose_fallback_scan (p->syntax, text, n, out);
      break;
    case MODE_MARKDOWN:
      {
        g_autoptr (GArray) cps = g_array_new (FALSE, FALSE, sizeof (guint32));
        gls_prose_markdown_scan (text, n, 0, NULL, 0, 0, out, cps, NULL);
        break;
      }
    case MODE_CODE:
    case MODE_GLOSSARY:
      {
        guint32 from = 0, to = n;
        tree_extract (p, text, &from, &to, out);
        break;
      }
    }
}

/* ---- the span store ---------------------------------------------------- */

void
gls_prose_spans (const GlsProse *p, guint32 from, guint32 to, GArray *out)
{
  if (!p->valid)
    return;
  gls_spans_copy_range (p->spans, from, to, out);
}

/* ---- full parse -------------------------------------------------------- */

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

static gboolean
cancelled_error (GlsProse *p, GError **error)
{
  p->valid = FALSE;
  g_array_set_size (p->spans, 0);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "prose extraction cancelled");
  return FALSE;
}

gboolean
gls_prose_parse (GlsProse *p, const char *text, gsize len, GCancellable *cancellable,
                 GError **error)
{
  g_return_val_if_fail (p != NULL, FALSE);
  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  if (text == NULL)
    text = "";
  p->valid = FALSE;
  g_array_set_size (p->spans, 0);
  if (!check_length (len, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  guint32 n = (guint32) len;
  switch (p->mode)
    {
    case MODE_NONE:
      break;
    case MODE_PLAINTEXT:
      gls_prose_plaintext_scan (text, n, p->spans);
      break;
    case MODE_FALLBACK:
      gls_prose_fallback_scan (p->syntax, text, n, p->spans);
      break;
    case MODE_MARKDOWN:
      g_array_set_size (p->checkpoints, 0);
      if (gls_prose_markdown_scan (text, n, 0, NULL, 0, 0, p->spans, p->checkpoints,
                                   cancellable) == G_MAXUINT32)
        return cancelled_error (p, error);
      break;
    case MODE_CODE:
    case MODE_GLOSSARY:
      {
        if (p->tree != NULL)
          ts_tree_delete (p->tree);
        p->tree = gls_ts_parse_cancellable (p->parser, NULL, text, n, cancellable);
        if (p->tree == NULL)
          return cancelled_error (p, error);
        g_array_set_size (p->newlines, 0);
        gls_ts_newlines_append (p->newlines, text, 0, n);
        guint32 from = 0, to = n;
        tree_extract (p, text, &from, &to, p->spans);
        break;
      }
    }
  p->len = n;
  p->valid = TRUE;
  return TRUE;
}

/* ---- incremental ------------------------------------------------------- */

static gboolean
span_equal (const GlsProseSpan *a, const GlsProseSpan *b, gint64 shift)
{
  return (gint64) a->start + shift == b->start && (gint64) a->end + shift == b->end &&
         a->kind == b->kind;
}

/* Appends to changed the part of [lo, hi) where old spans old[o0, o1)
 * (shifted by delta past the edit) and new spans repl differ, plus the spans
 * touching the edit [start, new_end]. */
static void
report_difference (const GArray *old, guint o0, guint o1, const GArray *repl, gint64 delta,
                   guint32 start, guint32 old_end, guint32 new_end, guint32 lo, guint32 hi,
                   GArray *changed)
{
  guint n_old = o1 - o0, n_new = repl->len;
  guint pre = 0, suf = 0;
  while (pre < n_old && pre < n_new)
    {
      const GlsProseSpan *a = &g_array_index (old, GlsProseSpan, o0 + pre);
      const GlsProseSpan *b = &g_array_index (repl, GlsProseSpan, pre);
      if (a->end >= start || !span_equal (a, b, 0))
        break;
      pre++;
    }
  while (suf < n_old - pre && suf < n_new - pre)
    {
      const GlsProseSpan *a = &g_array_index (old, GlsProseSpan, o1 - 1 - suf);
      const GlsProseSpan *b = &g_array_index (repl, GlsProseSpan, n_new - 1 - suf);
      if (a->start <= old_end || !span_equal (a, b, delta))
        break;
      suf++;
    }
  guint32 a = start, b = new_end;
  if (pre < n_new)
    a = MIN (a, g_array_index (repl, GlsProseSpan, pre).start);
  if (pre < n_old)
    a = MIN (a, g_array_index (old, GlsProseSpan, o0 + pre).start);
  if (n_new - suf > pre)
    b = MAX (b, g_array_index (repl, GlsProseSpan, n_new - suf - 1).end);
  if (n_old - suf > pre)
    {
      guint32 e = g_array_index (old, GlsProseSpan, o1 - suf - 1).end;
      b = MAX (b, e >= old_end ? (guint32) ((gint64) e + delta) : new_end);
    }
  a = MAX (a, lo);
  b = MIN (b, hi);
  GlsByteRange r = { a, MAX (a, b) };
  g_array_append_val (changed, r);
}

static gboolean
reparse_markdown (GlsProse *p, const char *text, guint32 len, guint32 start, guint32 old_end,
                  guint32 new_end, GArray *changed, GCancellable *cancellable, GError **error)
{
  gint64 delta = (gint64) new_end - old_end;
  guint32 c0 = gls_prose_markdown_restart (text, len, p->checkpoints, start);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  g_autoptr (GArray) cps = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 stop = gls_prose_markdown_scan (text, len, c0, p->checkpoints, delta, new_end, spans,
                                          cps, cancellable);
  if (stop == G_MAXUINT32)
    return cancelled_error (p, error);
  guint32 old_stop = stop == len ? p->len : (guint32) ((gint64) stop - delta);

  guint i0 = gls_spans_first_starting_at (p->spans, c0);
  guint i1 = gls_spans_first_starting_at (p->spans, old_stop);
  report_difference (p->spans, i0, i1, spans, delta, start, old_end, new_end, c0, stop, changed);
  gls_spans_splice (p->spans, i0, i1, spans);
  gls_spans_shift_from (p->spans, i0 + spans->len, delta);

  guint k0 = gls_u32_lower_bound (p->checkpoints, c0);
  guint k1 = gls_u32_lower_bound (p->checkpoints, old_stop);
  if (stop == len)
    k1 = p->checkpoints->len;
  if (k1 > k0)
    g_array_remove_range (p->checkpoints, k0, k1 - k0);
  g_array_insert_vals (p->checkpoints, k0, cps->data, cps->len);
  for (guint k = k0 + cps->len; k < p->checkpoints->len; k++)
    g_array_index (p->checkpoints, guint32, k) =
      (guint32) ((gint64) g_array_index (p->checkpoints, guint32, k) + delta);
  return TRUE;
}

/* Widens [*lo, *hi] until every comment (entry, for a glossary) touching it
 * and every (shifted) old span touching it lies inside. */
static void
widen_code_range (GlsProse *p, const char *text, guint32 *lo, guint32 *hi, GArray *scratch)
{
  for (;;)
    {
      guint32 a = *lo, b = *hi;
      g_array_set_size (scratch, 0);
      tree_extract (p, text, &a, &b, scratch);
      guint i = gls_spans_first_ending_after (p->spans, a > 0 ? a - 1 : 0);
      for (; i < p->spans->len; i++)
        {
          const GlsProseSpan *s = &g_array_index (p->spans, GlsProseSpan, i);
          if (s->start > b)
            break;
          a = MIN (a, s->start);
          b = MAX (b, s->end);
        }
      if (a == *lo && b == *hi)
        return;
      *lo = a;
      *hi = b;
    }
}

static gboolean
reparse_code (GlsProse *p, const char *text, guint32 len, guint32 start, guint32 old_end,
              guint32 new_end, GArray *changed, GCancellable *cancellable, GError **error)
{
  gint64 delta = (gint64) new_end - old_end;
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  if (!gls_ts_reparse (p->parser, &p->tree, p->newlines, text, len, start, old_end, new_end, ranges,
                       cancellable))
    return cancelled_error (p, error);
  TSTree *tree = p->tree;

  /* Old spans: before the edit they stand, after it they shift, and those the
   * edit cut into are dropped and their place re-extracted. */
  guint first_hit = gls_spans_first_ending_after (p->spans, start);
  guint after = first_hit;
  while (after < p->spans->len &&
         g_array_index (p->spans, GlsProseSpan, after).start < MAX (old_end, start + 1))
    {
      const GlsProseSpan *s = &g_array_index (p->spans, GlsProseSpan, after);
      GlsByteRange r = { MIN (s->start, start),
                         s->end >= old_end ? (guint32) ((gint64) s->end + delta) : new_end };
      g_array_append_val (ranges, r);
      after++;
    }
  g_array_remove_range (p->spans, first_hit, after - first_hit);
  gls_spans_shift_from (p->spans, first_hit, delta);

  if (p->mode == MODE_CODE)
    gls_prose_code_docstring_ranges (p->tables, ts_tree_root_node (tree), start, ranges);
  /* The first old docstring at or after the edit may have stopped being one
   * (its scope's first statement changed): re-extract all of it. A docstring
   * is split into one span per paragraph, so take the whole run of DOCSTRING
   * spans that follows (widening past a second docstring costs time only). */
  for (guint i = gls_spans_first_starting_at (p->spans, start); i < p->spans->len; i++)
    if (g_array_index (p->spans, GlsProseSpan, i).kind == GLS_PROSE_DOCSTRING)
      {
        guint last = i;
        while (last + 1 < p->spans->len &&
               g_array_index (p->spans, GlsProseSpan, last + 1).kind == GLS_PROSE_DOCSTRING)
          last++;
        GlsByteRange r = { g_array_index (p->spans, GlsProseSpan, i).start,
                           g_array_index (p->spans, GlsProseSpan, last).end };
        g_array_append_val (ranges, r);
        break;
      }

  g_autoptr (GArray) scratch = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  gls_byte_ranges_merge (ranges);
  for (guint i = 0; i < ranges->len; i++)
    {
      GlsByteRange *r = &g_array_index (ranges, GlsByteRange, i);
      widen_code_range (p, text, &r->start, &r->end, scratch);
    }
  gls_byte_ranges_merge (ranges);
  for (guint i = 0; i < ranges->len; i++)
    {
      GlsByteRange r = g_array_index (ranges, GlsByteRange, i);
      guint32 lo = r.start, hi = r.end;
      g_array_set_size (scratch, 0);
      tree_extract (p, text, &lo, &hi, scratch);
      guint i0 = gls_spans_first_ending_after (p->spans, r.start > 0 ? r.start - 1 : 0);
      guint i1 = i0;
      while (i1 < p->spans->len && g_array_index (p->spans, GlsProseSpan, i1).start <= r.end)
        i1++;
      gls_spans_splice (p->spans, i0, i1, scratch);
      GlsByteRange c = { r.start, MIN (MAX (r.end, r.start), len) };
      g_array_append_val (changed, c);
    }
  return TRUE;
}

static void
reparse_rescan (GlsProse *p, const char *text, guint32 len, guint32 start, guint32 old_end,
                guint32 new_end, GArray *changed)
{
  gint64 delta = (gint64) new_end - old_end;
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  if (p->mode == MODE_FALLBACK)
    gls_prose_fallback_scan (p->syntax, text, len, spans);
  else if (p->mode == MODE_PLAINTEXT)
    gls_prose_plaintext_scan (text, len, spans);
  report_difference (p->spans, 0, p->spans->len, spans, delta, start, old_end, new_end, 0, len,
                     changed);
  g_array_set_size (p->spans, 0);
  g_array_append_vals (p->spans, spans->data, spans->len);
}

gboolean
gls_prose_reparse_after_edit (GlsProse *p, const char *new_text, gsize new_len, guint32 start,
                              guint32 old_end, guint32 new_end, GArray *changed,
                              GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (p != NULL, FALSE);
  g_return_val_if_fail (new_text != NULL || new_len == 0, FALSE);
  if (new_text == NULL)
    new_text = "";
  if (!check_length (new_len, error))
    return FALSE;
  if (!p->valid)
    {
      if (!gls_prose_parse (p, new_text, new_len, cancellable, error))
        return FALSE;
      if (changed != NULL)
        {
          GlsByteRange all = { 0, (guint32) new_len };
          g_array_append_val (changed, all);
        }
      return TRUE;
    }
  if (start > old_end || start > new_end || new_end > new_len || old_end > p->len ||
      (gint64) p->len - old_end + new_end != (gint64) new_len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "edit [%u, %u) -> [%u, %u) does not fit a %u-byte document becoming %"
                   G_GSIZE_FORMAT " bytes", start, old_end, start, new_end, p->len, new_len);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  g_autoptr (GArray) scratch_changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  GArray *out = changed != NULL ? changed : scratch_changed;
  guint32 len = (guint32) new_len;
  gboolean ok = TRUE;
  switch (p->mode)
    {
    case MODE_NONE:
      break;
    case MODE_MARKDOWN:
      ok = reparse_markdown (p, new_text, len, start, old_end, new_end, out, cancellable, error);
      break;
    case MODE_CODE:
    case MODE_GLOSSARY:
      ok = reparse_code (p, new_text, len, start, old_end, new_end, out, cancellable, error);
      break;
    case MODE_PLAINTEXT:
    case MODE_FALLBACK:
      reparse_rescan (p, new_text, len, start, old_end, new_end, out);
      break;
    }
  if (ok)
    p->len = len;
  return ok;
}

/* ---- file names -------------------------------------------------------- */

static const char *
language_for_path (const char *path, gboolean *type_known)
{
  static const struct { const char *suffix; const char *id; } map[] = {
    { ".md", "markdown" }, { ".markdown", "markdown" }, { ".mdx", "markdown" },
    { ".c", "c" }, { ".h", "c" }, { ".cc", "cpp" }, { ".cpp", "cpp" }, { ".cxx", "cpp" },
    { ".hpp", "cpp" }, { ".hh", "cpp" }, { ".py", "python" }, { ".js", "javascript" },
    { ".mjs", "javascript" }, { ".cjs", "javascript" }, { ".jsx", "javascriptreact" },
    { ".ts", "typescript" }, { ".mts", "typescript" }, { ".tsx", "typescriptreact" },
    { ".rs", "rust" }, { ".go", "go" }, { ".sh", "shellscript" }, { ".bash", "shellscript" },
    { ".lua", "lua" }, { ".java", "java" }, { ".rb", "ruby" }, { ".pl", "perl" },
    { ".r", "r" }, { ".yml", "yaml" }, { ".yaml", "yaml" }, { ".toml", "toml" },
    { ".sql", "sql" }, { ".hs", "haskell" }, { ".cs", "csharp" }, { ".kt", "kotlin" },
    { ".swift", "swift" }, { ".scala", "scala" }, { ".php", "php" }, { ".dart", "dart" },
    { ".css", "css" }, { ".scss", "scss" }, { ".less", "less" }, { ".html", "html" },
    { ".htm", "html" }, { ".xml", "xml" }, { ".svg", "svg" }, { ".tex", "latex" },
    { ".erl", "erlang" }, { ".m", "objective-c" }, { ".vim", "vim" }, { ".el", "lisp" },
    { ".clj", "clojure" }, { ".scm", "scheme" }, { ".zig", "zig" }, { ".ini", "ini" },
    { ".ps1", "powershell" }, { ".txt", "plaintext" }, { ".json", "json" },
    { ".jsonc", "jsonc" }, { ".mk", "makefile" },
    /* CUDA through the C++ grammar; the other spellings of languages above. */
    { ".cu", "cuda-cpp" }, { ".cuh", "cuda-cpp" }, { ".hxx", "cpp" }, { ".ipp", "cpp" },
    { ".inl", "cpp" }, { ".pyi", "python" }, { ".pyw", "python" }, { ".zsh", "shellscript" },
    { ".ksh", "shellscript" }, { ".cts", "typescript" }, { ".mdown", "markdown" },
    { ".mkd", "markdown" }, { ".rmd", "rmd" }, { ".qmd", "quarto" }, { ".kts", "kotlin" },
    /* Comment syntaxes prose_fallback.c knows. */
    { ".jl", "julia" }, { ".ex", "elixir" }, { ".exs", "elixir" }, { ".nim", "nim" },
    { ".cmake", "cmake" }, { ".proto", "proto3" }, { ".glsl", "glsl" }, { ".hlsl", "hlsl" },
    { ".groovy", "groovy" }, { ".gradle", "groovy" }, { ".fs", "fsharp" }, { ".mm", "objective-cpp" },
    { ".properties", "properties" }, { ".elm", "elm" }, { ".adb", "ada" }, { ".ads", "ada" },
    { ".bib", "bibtex" }, { ".xsl", "xsl" },
  };
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = g_ascii_strdown (base, -1);
  if (strcmp (lower, "makefile") == 0 || strcmp (lower, "gnumakefile") == 0)
    return "makefile";
  if (strcmp (lower, "dockerfile") == 0 || g_str_has_prefix (lower, "dockerfile."))
    return "dockerfile";
  const char *dot = strrchr (lower, '.');
  if (dot != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (map); i++)
      if (strcmp (dot, map[i].suffix) == 0)
        return map[i].id;
  if (type_known != NULL)
    *type_known = dot == NULL || dot == lower;  /* "README", ".bashrc": plain text by name */
  return "plaintext";
}

const char *
gls_prose_language_id_for_path (const char *path)
{
  return language_for_path (path, NULL);
}

gboolean
gls_prose_path_type_is_known (const char *path)
{
  gboolean known = TRUE;
  language_for_path (path, &known);
  return known;
}
